/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-pseudonymise"

#include "config.h"

#include <string.h>

#include "pseudonymise.h"

/* Answers looked at to tell an e-mail column by its content. */
#define SAMPLE_ANSWERS 200

struct _EbPseudonyms
{
  EbSurvey     *survey;
  int           id_column;
  GStringChunk *chunk;
  const char  **row_codes;   /* n_rows, in the chunk */
  GHashTable   *by_id;       /* id value (in the survey) → code */
  guint         n_codes;
};

/* Titles that name a person or a way to reach one, matched against the
 * title lower-cased, with camelCase split ("RecipientEmail") and every run
 * of other characters made one space ("E-mail" → "e mail"). */
static const char identifying_titles[] =
  "^(?:(?:your|participant|participants|respondent|respondents|student|pupil|teacher|"
  "staff|recipient|contact|child|parent|member)\\s)?"
  "(?:(?:full|first|last|given|family|middle|sur|fore|nick|user)\\s?)?names?$"
  "|^(?:(?:your|participant|respondent|recipient|contact|student|teacher|staff|work|"
  "personal)\\s)?e\\s?mail(?:\\saddress(?:es)?)?$"
  "|^(?:(?:your|contact|mobile|home|work)\\s)?(?:tele)?phone(?:\\snumber)?$"
  "|^mobile(?:\\snumber)?$"
  "|^(?:postal\\s|home\\s)?address$|^post\\s?code$|^zip\\s?code$"
  "|^ip\\s?address$|^location\\s(?:latitude|longitude)$"
  "|^external\\s(?:data\\s)?reference$";

static char *
normalise_title (const char *title)
{
  GString *out = g_string_new (NULL);
  gunichar previous = 0;

  for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (g_unichar_isupper (c) && g_unichar_islower (previous))
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, g_unichar_tolower (c));
        }
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      previous = c;
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && strchr (at + 1, '@') == NULL &&
         strchr (at + 1, '.') != NULL && strpbrk (text, " \t\n") == NULL;
}

static gboolean
holds_emails (EbSurvey *survey,
              guint     column)
{
  guint n_rows = eb_survey_get_n_rows (survey);
  guint n_answers = 0, n_emails = 0;

  for (guint row = 0; row < n_rows && n_answers < SAMPLE_ANSWERS; row++)
    {
      g_autofree char *answer = g_strstrip (g_strdup (eb_survey_get_cell (survey, row, column)));

      if (*answer == '\0')
        continue;
      n_answers++;
      n_emails += looks_like_email (answer);
    }
  return n_answers > 0 && n_emails * 2 >= n_answers;
}

gboolean
eb_column_is_identifying (EbSurvey *survey,
                          guint     column)
{
  g_autoptr(GRegex) titles = NULL;
  g_autofree char *title = NULL;
  EbColumnRole role;

  g_return_val_if_fail (EB_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (column < eb_survey_get_n_columns (survey), FALSE);

  role = eb_survey_get_column_role (survey, column);
  if (role == EB_COLUMN_ROLE_ID)
    return FALSE;
  titles = g_regex_new (identifying_titles, G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (titles != NULL);
  title = normalise_title (eb_survey_get_column_name (survey, column));
  if (g_regex_match (titles, title, 0, NULL))
    return TRUE;
  /* Scale answers, numbers and dates are never addresses. */
  if (role == EB_COLUMN_ROLE_LIKERT || role == EB_COLUMN_ROLE_NUMBER ||
      role == EB_COLUMN_ROLE_DATE)
    return FALSE;
  return holds_emails (survey, column);
}

/* How many digits the codes need: three ("P001") up to 999 respondents,
 * then as many as the largest code has, so that codes sort as text. */
static guint
count_code_digits (guint n_codes)
{
  guint digits = 1;

  for (guint n = n_codes; n >= 10; n /= 10)
    digits++;
  return MAX (digits, 3);
}

/* Numbers the respondents in row order into NUMBERS (one per row): a
 * number per distinct id, and one per row without an id. */
static guint
number_respondents (EbSurvey *survey,
                    int       id_column,
                    guint    *numbers)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rows = eb_survey_get_n_rows (survey);
  guint n_codes = 0;

  for (guint row = 0; row < n_rows; row++)
    {
      const char *id = id_column >= 0 ? eb_survey_get_cell (survey, row, (guint) id_column) : "";
      gpointer number;

      if (*id != '\0' && g_hash_table_lookup_extended (seen, id, NULL, &number))
        numbers[row] = GPOINTER_TO_UINT (number);
      else
        {
          numbers[row] = ++n_codes;
          if (*id != '\0')
            g_hash_table_insert (seen, (gpointer) id, GUINT_TO_POINTER (numbers[row]));
        }
    }
  return n_codes;
}

EbPseudonyms *
eb_pseudonyms_new (EbSurvey *survey)
{
  EbPseudonyms *self;
  guint n_rows, digits;
  g_autofree guint *numbers = NULL;

  g_return_val_if_fail (EB_IS_SURVEY (survey), NULL);

  n_rows = eb_survey_get_n_rows (survey);
  self = g_new0 (EbPseudonyms, 1);
  self->survey = g_object_ref (survey);
  self->id_column = eb_survey_get_id_column (survey);
  self->chunk = g_string_chunk_new (8 * (gsize) MAX (n_rows, 1));
  self->row_codes = g_new0 (const char *, MAX (n_rows, 1));
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  /* The number of digits depends on how many codes there are, so the
   * respondents are numbered first and the codes written afterwards. */
  numbers = g_new (guint, MAX (n_rows, 1));
  self->n_codes = number_respondents (survey, self->id_column, numbers);
  digits = count_code_digits (self->n_codes);
  for (guint row = 0; row < n_rows; row++)
    {
      const char *id = self->id_column >= 0
                       ? eb_survey_get_cell (survey, row, (guint) self->id_column) : "";
      const char *code = *id != '\0' ? g_hash_table_lookup (self->by_id, id) : NULL;

      if (code == NULL)
        {
          char buffer[32];

          g_snprintf (buffer, sizeof buffer, "P%0*u", (int) digits, numbers[row]);
          code = g_string_chunk_insert (self->chunk, buffer);
          if (*id != '\0')
            g_hash_table_insert (self->by_id, (gpointer) id, (gpointer) code);
        }
      self->row_codes[row] = code;
    }
  return self;
}

void
eb_pseudonyms_free (EbPseudonyms *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_id);
  g_free (self->row_codes);
  g_string_chunk_free (self->chunk);
  g_object_unref (self->survey);
  g_free (self);
}

const char *
eb_pseudonyms_get_code (EbPseudonyms *self,
                        guint         row)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < eb_survey_get_n_rows (self->survey), NULL);

  return self->row_codes[row];
}

int
eb_pseudonyms_get_id_column (EbPseudonyms *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->id_column;
}

guint
eb_pseudonyms_get_n_codes (EbPseudonyms *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_codes;
}

/* The code for a respondent as EbQuote names them: the id, or the row
 * number from 1 when the row has no id. */
static const char *
lookup_respondent (EbPseudonyms *self,
                   const char   *respondent)
{
  const char *code = g_hash_table_lookup (self->by_id, respondent);
  guint64 number;

  if (code != NULL)
    return code;
  if (g_ascii_string_to_unsigned (respondent, 10, 1, eb_survey_get_n_rows (self->survey),
                                  &number, NULL))
    {
      guint row = (guint) number - 1;

      if (self->id_column < 0 ||
          *eb_survey_get_cell (self->survey, row, (guint) self->id_column) == '\0')
        return self->row_codes[row];
    }
  return NULL;
}

char *
eb_pseudonyms_replace_respondents (EbPseudonyms *self,
                                   const char   *text)
{
  static const char prefix[] = "respondent ";
  /* describe_answer() in eb-coding-store.c ends the id with this. */
  static const char suffix[] = ", \xe2\x80\x9c";
  GString *out;
  const char *p;

  g_return_val_if_fail (self != NULL, NULL);

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  p = text;
  for (const char *hit = strstr (p, prefix); hit != NULL; hit = strstr (p, prefix))
    {
      const char *id_start = hit + strlen (prefix);
      const char *id_end = strstr (id_start, suffix);
      g_autofree char *id = NULL;
      const char *code;

      if (id_end == NULL)
        break;
      id = g_strndup (id_start, id_end - id_start);
      code = lookup_respondent (self, id);
      g_string_append_len (out, p, id_start - p);
      g_string_append (out, code != NULL ? code : "(removed)");
      p = id_end;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}
