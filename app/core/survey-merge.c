/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-survey-merge"

#include "config.h"

#include "survey-detect.h"
#include "survey-merge.h"

static void
append_rows (EbSurvey   *merged,
             EbSurvey   *survey,
             const char *label,
             gboolean    with_source)
{
  guint n_columns = eb_survey_get_n_columns (merged);
  guint n_own = eb_survey_get_n_columns (survey);
  g_autofree int *target = g_new (int, MAX (n_own, 1));
  g_autofree const char **cells = g_new0 (const char *, n_columns);

  for (guint c = 0; c < n_own; c++)
    target[c] = eb_survey_find_column (merged, eb_survey_get_column_name (survey, c));
  for (guint row = 0; row < eb_survey_get_n_rows (survey); row++)
    {
      for (guint c = 0; c < n_columns; c++)
        cells[c] = "";
      if (with_source)
        cells[0] = label;
      for (guint c = 0; c < n_own; c++)
        cells[target[c]] = eb_survey_get_cell (survey, row, c);
      eb_survey_append_row (merged, cells, n_columns);
    }
}

EbSurvey *
eb_survey_merge (EbSurvey * const   *surveys,
                 const char * const *labels,
                 guint               n_surveys,
                 const char         *source_column)
{
  g_autoptr(EbSurvey) merged = eb_survey_new ();

  g_return_val_if_fail (surveys != NULL && n_surveys > 0, NULL);
  g_return_val_if_fail (source_column == NULL || labels != NULL, NULL);

  if (source_column != NULL)
    eb_survey_add_column (merged, source_column);
  for (guint s = 0; s < n_surveys; s++)
    for (guint c = 0; c < eb_survey_get_n_columns (surveys[s]); c++)
      {
        const char *name = eb_survey_get_column_name (surveys[s], c);

        /* Each title once, even if a file happens to repeat it. */
        if (eb_survey_find_column (merged, name) < 0)
          eb_survey_add_column (merged, name);
      }
  for (guint s = 0; s < n_surveys; s++)
    append_rows (merged, surveys[s], labels != NULL ? labels[s] : NULL,
                 source_column != NULL);

  eb_survey_set_source_file (merged, eb_survey_get_source_file (surveys[0]));
  eb_survey_set_header_rows (merged, eb_survey_get_header_rows (surveys[0]));
  /* Waves exported by one tool keep its name; a mixture has none. */
  eb_survey_set_header_style (merged, eb_survey_get_header_style (surveys[0]));
  for (guint s = 1; s < n_surveys; s++)
    if (g_strcmp0 (eb_survey_get_header_style (surveys[s]), eb_survey_get_header_style (surveys[0])) != 0)
      eb_survey_set_header_style (merged, NULL);
  return g_steal_pointer (&merged);
}

void
eb_survey_merge_detect (EbSurvey         *merged,
                        EbSurvey * const *surveys,
                        guint             n_surveys,
                        GPtrArray        *user_scales)
{
  g_return_if_fail (EB_IS_SURVEY (merged));
  g_return_if_fail (surveys != NULL || n_surveys == 0);

  eb_survey_detect (merged, user_scales);
  for (guint c = 0; c < eb_survey_get_n_columns (merged); c++)
    {
      const char *name = eb_survey_get_column_name (merged, c);
      guint n_with = 0, n_id = 0;

      for (guint s = 0; s < n_surveys; s++)
        {
          int column = eb_survey_find_column (surveys[s], name);

          if (column < 0)
            continue;
          n_with++;
          n_id += eb_survey_get_column_role (surveys[s], (guint) column) == EB_COLUMN_ROLE_ID;
        }
      if (n_with > 0 && n_id == n_with)
        {
          eb_survey_set_column_role (merged, c, EB_COLUMN_ROLE_ID);
          eb_survey_set_column_scale (merged, c, NULL);
        }
    }
}
