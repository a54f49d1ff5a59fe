/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-survey-row-filter"

#include "config.h"

#include <string.h>

#include "eb-survey-row-filter.h"

typedef struct
{
  guint          column;
  guint          n_values;
  const guint32 *ids;     /* owned by the model */
  guint8        *matches; /* per value id */
} ColumnMatches;

struct _EbSurveyRowFilter
{
  GtkFilter         parent_instance;

  EbSurveyRowModel *model;
  EbSurvey         *survey;
  char             *search;
  char             *needle;    /* folded search, NULL when not searching */
  GArray           *columns;   /* ColumnMatches of the columns with a match */
};

G_DEFINE_FINAL_TYPE (EbSurveyRowFilter, eb_survey_row_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_column_matches (gpointer data)
{
  ColumnMatches *column = data;

  g_clear_pointer (&column->matches, g_free);
}

static GArray *
new_column_matches (void)
{
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (ColumnMatches));

  g_array_set_clear_func (columns, clear_column_matches);
  return columns;
}

/* Leading and trailing spaces typed into a search box are not meant. */
static char *
fold_search (const char *search)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (search != NULL ? search : ""));

  if (*trimmed == '\0')
    return NULL;
  return eb_survey_row_model_fold_text (trimmed);
}

/* Tests NEEDLE against each distinct answer, or when NARROWING (the needle
 * grew) only against the answers that matched before. */
static void
find_matches (EbSurveyRowFilter *self,
              gboolean           narrowing)
{
  g_autoptr(GArray) before = g_steal_pointer (&self->columns);
  guint n_columns = eb_survey_get_n_columns (self->survey);

  self->columns = new_column_matches ();
  if (self->needle == NULL)
    return;

  for (guint i = 0; i < (narrowing ? before->len : n_columns); i++)
    {
      const ColumnMatches *old = narrowing ? &g_array_index (before, ColumnMatches, i) : NULL;
      ColumnMatches column = { old != NULL ? old->column : i, 0, NULL, NULL };
      const char * const *texts;

      column.ids = eb_survey_row_model_get_value_ids (self->model, column.column, NULL, &column.n_values);
      texts = eb_survey_row_model_get_search_texts (self->model, column.column);
      for (guint id = 0; id < column.n_values; id++)
        {
          if (old != NULL && !old->matches[id])
            continue;
          if (strstr (texts[id], self->needle) != NULL)
            {
              if (column.matches == NULL)
                column.matches = g_new0 (guint8, column.n_values);
              column.matches[id] = TRUE;
            }
        }
      if (column.matches != NULL)
        g_array_append_val (self->columns, column);
    }
}

static gboolean
eb_survey_row_filter_match (GtkFilter *filter,
                            gpointer   item)
{
  EbSurveyRowFilter *self = EB_SURVEY_ROW_FILTER (filter);
  guint row;

  if (self->needle == NULL)
    return TRUE;
  /* A row of another survey (a model being replaced): nothing to match. */
  if (eb_survey_row_get_survey (item) != self->survey)
    return FALSE;

  row = eb_survey_row_get_index (item);
  for (guint i = 0; i < self->columns->len; i++)
    {
      const ColumnMatches *column = &g_array_index (self->columns, ColumnMatches, i);

      if (column->matches[column->ids[row]])
        return TRUE;
    }
  return FALSE;
}

static GtkFilterMatch
eb_survey_row_filter_get_strictness (GtkFilter *filter)
{
  EbSurveyRowFilter *self = EB_SURVEY_ROW_FILTER (filter);

  if (self->needle == NULL)
    return GTK_FILTER_MATCH_ALL;
  if (self->columns->len == 0)
    return GTK_FILTER_MATCH_NONE;
  return GTK_FILTER_MATCH_SOME;
}

static void
eb_survey_row_filter_dispose (GObject *object)
{
  EbSurveyRowFilter *self = EB_SURVEY_ROW_FILTER (object);

  if (self->columns != NULL)
    g_array_set_size (self->columns, 0);
  self->survey = NULL;
  g_clear_object (&self->model);

  G_OBJECT_CLASS (eb_survey_row_filter_parent_class)->dispose (object);
}

static void
eb_survey_row_filter_finalize (GObject *object)
{
  EbSurveyRowFilter *self = EB_SURVEY_ROW_FILTER (object);

  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (eb_survey_row_filter_parent_class)->finalize (object);
}

static void
eb_survey_row_filter_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EbSurveyRowFilter *self = EB_SURVEY_ROW_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_survey_row_filter_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EbSurveyRowFilter *self = EB_SURVEY_ROW_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      eb_survey_row_filter_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_survey_row_filter_class_init (EbSurveyRowFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->dispose = eb_survey_row_filter_dispose;
  object_class->finalize = eb_survey_row_filter_finalize;
  object_class->get_property = eb_survey_row_filter_get_property;
  object_class->set_property = eb_survey_row_filter_set_property;
  filter_class->match = eb_survey_row_filter_match;
  filter_class->get_strictness = eb_survey_row_filter_get_strictness;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_survey_row_filter_init (EbSurveyRowFilter *self)
{
  self->search = g_strdup ("");
  self->columns = new_column_matches ();
}

GtkFilter *
eb_survey_row_filter_new (EbSurveyRowModel *model)
{
  EbSurveyRowFilter *self;

  g_return_val_if_fail (EB_IS_SURVEY_ROW_MODEL (model), NULL);

  self = g_object_new (EB_TYPE_SURVEY_ROW_FILTER, NULL);
  self->model = g_object_ref (model);
  self->survey = eb_survey_row_model_get_survey (model);
  return GTK_FILTER (self);
}

const char *
eb_survey_row_filter_get_search (EbSurveyRowFilter *self)
{
  g_return_val_if_fail (EB_IS_SURVEY_ROW_FILTER (self), NULL);

  return self->search;
}

void
eb_survey_row_filter_set_search (EbSurveyRowFilter *self,
                                 const char        *search)
{
  g_autofree char *needle = NULL;
  GtkFilterChange change;
  gboolean was_empty;

  g_return_if_fail (EB_IS_SURVEY_ROW_FILTER (self));

  if (search == NULL)
    search = "";
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);

  needle = fold_search (search);
  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  /* Typing on only narrows the rows, deleting only widens them: telling the
   * filter model so spares it testing the rows whose fate is known. */
  if (self->needle == NULL || (needle != NULL && strstr (needle, self->needle) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (needle == NULL || strstr (self->needle, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  was_empty = self->needle == NULL;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  if (self->model != NULL)
    find_matches (self, change == GTK_FILTER_CHANGE_MORE_STRICT && !was_empty);
  gtk_filter_changed (GTK_FILTER (self), change);
}
