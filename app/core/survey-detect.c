/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-survey-detect"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scale-library.h"
#include "survey-detect.h"

/* What a column's answers look like, gathered in one pass. */
typedef struct
{
  GPtrArray *distinct;     /* const char *, interned cells, first-seen order */
  guint      n_answers;    /* non-empty cells */
  guint      n_numbers;
  guint      n_dates;
  guint      n_semicolons; /* answers with ";" (multi-select joined) */
  gsize      total_length;
} ColumnStats;

/* Survey-tool metadata that is not part of the questionnaire, or that
 * identifies a person and should stay out of analyses. Qualtrics columns
 * come by export tag ("RecipientEmail") or, when its question-text row
 * gives the titles, by label ("Recipient Email"); the legacy format has
 * its own ("ResponseSet"). Quiz scores and feedback (Microsoft and Google
 * Forms) are the tool's marking, not answers. */
static const char * const ignored_names[] = {
  "email", "e-mail", "email address", "emailaddress", "name", "full name",
  "first name", "last name", "ip address", "ipaddress",
  "progress", "duration", "duration (in seconds)", "finished", "status",
  "recipientlastname", "recipientfirstname", "recipientemail", "externalreference",
  "externaldatareference", "locationlatitude", "locationlongitude", "locationaccuracy",
  "distributionchannel", "userlanguage", "collector id", "last modified time",
  "response type", "responseset", "response set", "recipient last name",
  "recipient first name", "recipient email", "external data reference",
  "external reference", "location latitude", "location longitude",
  "location accuracy", "distribution channel", "user language", "custom data",
  "custom data 1", "q_recaptchascore", "score", "total points", "quiz feedback",
};

static const char * const date_names[] = {
  "start time", "completion time", "timestamp", "startdate", "enddate",
  "recordeddate", "start date", "end date", "recorded date", "submitted",
  "submission date",
};

static const char * const id_names[] = {
  "id", "respondent", "respondent id", "respondentid", "response id", "responseid",
  "participant", "participant id", "participant no", "participant number",
  "record id", "case", "case id", "pupil id", "ta id",
};

static gboolean
name_in (const char         *name,
         const char * const *list,
         guint               n)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  g_strstrip (lower);
  for (guint i = 0; i < n; i++)
    if (strcmp (lower, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
looks_like_number (const char *text)
{
  char *end = NULL;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  return end != NULL && *end == '\0';
}

/* ISO dates and the d/m/y or m/d/y forms of Excel and Forms exports, with an
 * optional time. */
static gboolean
looks_like_date (const char *text)
{
  static gsize regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, (gsize) g_regex_new (
      "^\\s*(\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4})"
      "([ T]\\d{1,2}:\\d{2}(:\\d{2})?(\\s*[AaPp][Mm])?Z?)?\\s*$",
      G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match ((GRegex *) regex, text, 0, NULL);
}

static void
gather_stats (EbSurvey    *survey,
              guint        column,
              ColumnStats *stats)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n_rows = eb_survey_get_n_rows (survey);

  memset (stats, 0, sizeof *stats);
  stats->distinct = g_ptr_array_new ();
  for (guint row = 0; row < n_rows; row++)
    {
      const char *cell = eb_survey_get_cell (survey, row, column);
      guint kind;

      if (*cell == '\0')
        continue;
      stats->n_answers++;
      stats->total_length += strlen (cell);
      /* Kind of value is judged once per distinct answer: 1 text, 2 number,
       * 3 date. (Not g_hash_table_add: on a known key it would overwrite the
       * kind with the key.) */
      kind = GPOINTER_TO_UINT (g_hash_table_lookup (seen, cell));
      if (kind == 0)
        {
          g_ptr_array_add (stats->distinct, (gpointer) cell);
          kind = 1 + looks_like_number (cell) + 2 * looks_like_date (cell);
          g_hash_table_insert (seen, (gpointer) cell, GUINT_TO_POINTER (kind));
        }
      switch (kind)
        {
        case 2: stats->n_numbers++; break;
        case 3: stats->n_dates++; break;
        default: break;
        }
      stats->n_semicolons += strchr (cell, ';') != NULL;
    }
}

static EbScale *
match_user_scale (GPtrArray   *user_scales,
                  ColumnStats *stats)
{
  if (user_scales == NULL || stats->distinct->len == 0)
    return NULL;
  for (guint s = 0; s < user_scales->len; s++)
    {
      EbScale *scale = g_ptr_array_index (user_scales, s);
      gboolean all = TRUE;

      for (guint i = 0; i < stats->distinct->len && all; i++)
        all = eb_scale_lookup (scale, g_ptr_array_index (stats->distinct, i)) >= 0;
      if (all)
        return eb_scale_ref (scale);
    }
  return NULL;
}

/* Few distinct, short answers that repeat: programme, gender, school, wave. */
static gboolean
is_attribute (ColumnStats *stats)
{
  guint limit = MAX (12, stats->n_answers / 20);
  gsize mean_length = stats->n_answers ? stats->total_length / stats->n_answers : 0;

  return stats->distinct->len <= limit &&
         stats->distinct->len < stats->n_answers &&
         mean_length <= 40;
}

static EbColumnRole
guess_role (EbSurvey    *survey,
            guint        column,
            ColumnStats *stats)
{
  const char *name = eb_survey_get_column_name (survey, column);
  gboolean unique = stats->distinct->len == stats->n_answers;

  if (stats->n_answers == 0)
    return EB_COLUMN_ROLE_IGNORED;
  if (name_in (name, id_names, G_N_ELEMENTS (id_names)) && unique)
    return EB_COLUMN_ROLE_ID;
  if (name_in (name, ignored_names, G_N_ELEMENTS (ignored_names)))
    return EB_COLUMN_ROLE_IGNORED;
  if (stats->n_dates == stats->n_answers ||
      name_in (name, date_names, G_N_ELEMENTS (date_names)))
    return EB_COLUMN_ROLE_DATE;
  if (stats->n_numbers == stats->n_answers)
    return unique && column == 0 ? EB_COLUMN_ROLE_ID : EB_COLUMN_ROLE_NUMBER;
  /* Forms join the options of a "choose all that apply" question with ";". */
  if (stats->n_semicolons * 2 >= stats->n_answers && stats->distinct->len > 1 &&
      stats->total_length / stats->n_answers <= 120)
    return EB_COLUMN_ROLE_MULTI;
  if (is_attribute (stats))
    return EB_COLUMN_ROLE_ATTRIBUTE;
  return EB_COLUMN_ROLE_TEXT;
}

static void
detect_column (EbSurvey  *survey,
               guint      column,
               GPtrArray *user_scales)
{
  ColumnStats stats;
  g_autoptr(EbScale) scale = NULL;

  gather_stats (survey, column, &stats);
  scale = match_user_scale (user_scales, &stats);
  if (scale == NULL && stats.distinct->len > 0)
    scale = eb_scale_library_match ((const char * const *) stats.distinct->pdata,
                                    stats.distinct->len);
  if (scale != NULL)
    {
      eb_survey_set_column_role (survey, column, EB_COLUMN_ROLE_LIKERT);
      eb_survey_set_column_scale (survey, column, scale);
    }
  else
    {
      eb_survey_set_column_role (survey, column, guess_role (survey, column, &stats));
      eb_survey_set_column_scale (survey, column, NULL);
    }
  g_ptr_array_unref (stats.distinct);
}

/* The question part of a grid or "select all" title: "Question - Option"
 * (SurveyMonkey, Qualtrics, Microsoft Forms) or "Question [Option]" (Google
 * Forms); NULL when the title has no option part. */
static char *
dup_question (const char  *title,
              const char **option)
{
  const char *dash = g_strrstr (title, " - ");
  const char *bracket = g_str_has_suffix (title, "]") ? strrchr (title, '[') : NULL;

  if (bracket != NULL && bracket > title)
    {
      *option = bracket + 1;
      return g_strstrip (g_strndup (title, bracket - title));
    }
  if (dash != NULL && dash > title)
    {
      *option = dash + 3;
      return g_strndup (title, dash - title);
    }
  return NULL;
}

/* One column of a "select all that apply" question: its only answer is the
 * option's own name, or a tick ("1", "Yes", "Selected", "x", "TRUE"). */
static gboolean
is_option_column (EbSurvey   *survey,
                  guint       column,
                  const char *option)
{
  static const char * const ticks[] = { "1", "yes", "selected", "x", "true", "checked" };
  const char *answer = NULL;
  g_autofree char *folded_option = NULL;
  g_autofree char *folded = NULL;

  if (eb_survey_count_distinct (survey, column) != 1)
    return FALSE;
  for (guint row = 0; row < eb_survey_get_n_rows (survey) && answer == NULL; row++)
    {
      const char *cell = eb_survey_get_cell (survey, row, column);

      if (*cell != '\0')
        answer = cell;
    }
  folded = g_utf8_casefold (answer, -1);
  g_strstrip (folded);
  folded_option = g_utf8_casefold (option, -1);
  g_strstrip (folded_option);
  /* "Handbook" under "… - Handbook"; a trailing "]" is left on Google's. */
  if (g_str_has_prefix (folded_option, folded))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (ticks); i++)
    if (strcmp (folded, ticks[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Survey tools export a "select all that apply" question as one column
 * per option, holding the option (or a tick) or nothing. Consecutive such
 * columns under one question are the question's options: multi-select. */
static void
detect_option_columns (EbSurvey *survey)
{
  guint n_columns = eb_survey_get_n_columns (survey);
  guint first = 0;

  while (first < n_columns)
    {
      const char *option = NULL;
      g_autofree char *question = dup_question (eb_survey_get_column_name (survey, first), &option);
      guint end = first + 1, n_options = 0;

      while (question != NULL && end < n_columns)
        {
          const char *next_option = NULL;
          g_autofree char *next = dup_question (eb_survey_get_column_name (survey, end),
                                                &next_option);

          if (g_strcmp0 (next, question) != 0)
            break;
          end++;
        }
      for (guint c = first; question != NULL && end - first >= 2 && c < end; c++)
        {
          const char *name_option = NULL;
          g_autofree char *unused = dup_question (eb_survey_get_column_name (survey, c), &name_option);

          n_options += is_option_column (survey, c, name_option);
        }
      if (n_options >= 2)
        for (guint c = first; c < end; c++)
          {
            const char *name_option = NULL;
            g_autofree char *unused = dup_question (eb_survey_get_column_name (survey, c),
                                                    &name_option);

            /* A lone "Yes" may have matched the yes/no scale: the
             * question's shape says it is a tick. */
            if (is_option_column (survey, c, name_option))
              {
                eb_survey_set_column_role (survey, c, EB_COLUMN_ROLE_MULTI);
                eb_survey_set_column_scale (survey, c, NULL);
              }
          }
      first = end;
    }
}

void
eb_survey_detect (EbSurvey  *survey,
                  GPtrArray *user_scales)
{
  g_return_if_fail (EB_IS_SURVEY (survey));

  for (guint column = 0; column < eb_survey_get_n_columns (survey); column++)
    detect_column (survey, column, user_scales);
  detect_option_columns (survey);
}
