/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-header-detect"

#include "config.h"

#include <string.h>

#include "header-detect.h"

/* The table's first rows as detection and titling see them. */
typedef struct
{
  const char * const * const *rows;
  const guint                *n_cells;
  guint                       n_rows;
} Sample;

/* The names Qualtrics gives its own columns in the export tag row. They
 * are compared with case, as Qualtrics writes them: "Status" or
 * "Progress" may well be a question of a hand-made table too, but not
 * alongside "StartDate" and "ResponseId". */
static const char * const qualtrics_tags[] = {
  "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
  "Finished", "RecordedDate", "ResponseId", "ResponseID", "ResponseSet",
  "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
  "ExternalDataReference", "LocationLatitude", "LocationLongitude", "LocationAccuracy",
  "DistributionChannel", "UserLanguage", "EmailAddress",
};

/* The columns SurveyMonkey puts before the questions, in its first row,
 * with nothing under them in the second. */
static const char * const surveymonkey_names[] = {
  "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
  "Email Address", "First Name", "Last Name", "Custom Data 1", "Custom Data",
};

/* What SurveyMonkey writes under a question that has a single column. */
static const char * const surveymonkey_responses[] = {
  "Response", "Open-Ended Response",
};

/* Both in Microsoft Forms' first row and nowhere else together. */
static const char * const microsoft_forms_names[] = {
  "Start time", "Completion time",
};

static const char *
get_cell (const Sample *sample,
          guint         row,
          guint         column)
{
  const char *cell;

  if (row >= sample->n_rows || column >= sample->n_cells[row])
    return "";
  cell = sample->rows[row][column];
  return cell != NULL ? cell : "";
}

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* TEXT is NAME but for case and surrounding white space. */
static gboolean
same_name (const char *text,
           const char *name)
{
  gsize len = strlen (name);

  while (g_ascii_isspace (*text))
    text++;
  if (g_ascii_strncasecmp (text, name, len) != 0)
    return FALSE;
  return is_blank (text + len);
}

static gboolean
name_in (const char         *text,
         const char * const *names,
         guint               n_names)
{
  for (guint i = 0; i < n_names; i++)
    if (same_name (text, names[i]))
      return TRUE;
  return FALSE;
}

static guint
count_columns (const Sample *sample)
{
  guint n = 0;

  for (guint r = 0; r < sample->n_rows; r++)
    n = MAX (n, sample->n_cells[r]);
  return n;
}

static guint
count_filled (const Sample *sample,
              guint         row)
{
  guint n = 0;

  for (guint c = 0; row < sample->n_rows && c < sample->n_cells[row]; c++)
    n += !is_blank (get_cell (sample, row, c));
  return n;
}

/* ---- Qualtrics --------------------------------------------------------- */

/* {"ImportId":"QID2_1"}, or {"ImportId":"startDate","timeZone":"…"}. */
static gboolean
is_import_id (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  if (*text++ != '{')
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  return g_ascii_strncasecmp (text, "\"ImportId\"", 10) == 0;
}

/* Most of the row's cells are {"ImportId":…}: some tools add a column of
 * their own, with nothing or something else in that row. */
static gboolean
is_import_id_row (const Sample *sample,
                  guint         row)
{
  guint n_ids = 0;

  for (guint c = 0; c < sample->n_cells[row]; c++)
    n_ids += is_import_id (get_cell (sample, row, c));
  return n_ids > 0 && n_ids * 2 >= count_filled (sample, row);
}

/* An export tag Qualtrics makes up: Q1, Q2_1, Q3_4_TEXT, QID12, Q1.2 and,
 * in the legacy format, V1 to Vn for its own columns. */
static gboolean
is_question_tag (const char *text)
{
  const char *p = text;

  if (g_str_has_prefix (p, "QID"))
    p += 3;
  else if (*p == 'Q' || *p == 'V')
    p++;
  else
    return FALSE;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  while ((*p == '_' || *p == '.') && g_ascii_isdigit (p[1]))
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0' || strcmp (p, "_TEXT") == 0;
}

/* A cell that is plainly an answer: a number, a date or a time. */
static gboolean
looks_like_value (const char *text)
{
  guint n_digits = 0;
  guint n_chars = 0;

  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text) && !((*text == '-' || *text == '.') && g_ascii_isdigit (text[1])))
    return FALSE;
  for (; *text != '\0'; text++, n_chars++)
    n_digits += g_ascii_isdigit (*text) != 0;
  return n_digits * 2 >= n_chars;
}

/* Whether ROW reads as a row of titles: nearly all its cells are text
 * that is neither a number or date, nor the same as another cell of the
 * row (answers to a battery of items repeat), nor the same as a cell
 * below it (answers repeat from one respondent to the next). */
static gboolean
reads_as_titles (const Sample *sample,
                 guint         row)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_filled = 0;
  guint n_titles = 0;

  /* How often each text is in the row, counted once: a row may be
   * thousands of cells wide. */
  for (guint c = 0; c < sample->n_cells[row]; c++)
    {
      const char *cell = get_cell (sample, row, c);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, cell));

      g_hash_table_insert (seen, (gpointer) cell, GUINT_TO_POINTER (count + 1));
    }

  for (guint c = 0; c < sample->n_cells[row]; c++)
    {
      const char *cell = get_cell (sample, row, c);
      gboolean repeated;

      if (is_blank (cell))
        continue;
      n_filled++;
      repeated = GPOINTER_TO_UINT (g_hash_table_lookup (seen, cell)) > 1;
      for (guint below = row + 1; below < sample->n_rows && !repeated; below++)
        repeated = strcmp (get_cell (sample, below, c), cell) == 0;
      n_titles += !repeated && !looks_like_value (cell);
    }
  return n_filled > 0 && n_titles * 4 >= n_filled * 3;
}

/* The legacy format (and a current export with its third row deleted):
 * a row of export tags over a row of question text, without the
 * {"ImportId":…} row that would settle it. */
static gboolean
is_qualtrics_legacy (const Sample *sample)
{
  guint n_filled = count_filled (sample, 0);
  guint n_own = 0;
  guint n_tags = 0;

  if (sample->n_rows < 2)
    return FALSE;
  for (guint c = 0; c < sample->n_cells[0]; c++)
    {
      const char *cell = get_cell (sample, 0, c);

      for (guint i = 0; i < G_N_ELEMENTS (qualtrics_tags); i++)
        if (strcmp (cell, qualtrics_tags[i]) == 0)
          {
            n_own++;
            break;
          }
      n_tags += is_question_tag (cell);
    }
  if (n_own < 2 && (n_tags < 2 || n_tags * 2 < n_filled))
    return FALSE;
  return count_filled (sample, 1) * 2 >= n_filled && reads_as_titles (sample, 1);
}

/* ---- SurveyMonkey ------------------------------------------------------ */

/* A question with several columns has its text over the first of them
 * only: the second row names each column, and SurveyMonkey's own columns
 * have nothing in that row. Either "Response" under a question tells, or
 * a question over several columns with one of SurveyMonkey's own columns
 * and a second row that reads as titles: a table of answers has an id
 * or a date under those. */
static gboolean
is_surveymonkey (const Sample *sample)
{
  guint n_columns = count_columns (sample);
  guint n_responses = 0;
  guint n_own = 0;
  guint n_extended = 0;
  gboolean question_left = FALSE;

  if (sample->n_rows < 2)
    return FALSE;
  for (guint c = 0; c < n_columns; c++)
    {
      const char *top = get_cell (sample, 0, c);
      const char *below = get_cell (sample, 1, c);

      if (name_in (top, surveymonkey_names, G_N_ELEMENTS (surveymonkey_names)))
        {
          /* An answer under an id or a date: a table of answers. */
          if (!is_blank (below))
            return FALSE;
          n_own++;
          continue;
        }
      if (!is_blank (top))
        {
          n_responses += name_in (below, surveymonkey_responses,
                                  G_N_ELEMENTS (surveymonkey_responses));
          question_left = TRUE;
        }
      else if (!is_blank (below) && question_left)
        {
          n_extended++;
        }
    }
  return n_responses > 0 || (n_own > 0 && n_extended > 0 && reads_as_titles (sample, 1));
}

/* ---- Forms ------------------------------------------------------------- */

static gboolean
is_microsoft_forms (const Sample *sample)
{
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (microsoft_forms_names); i++)
    for (guint c = 0; c < sample->n_cells[0]; c++)
      if (same_name (get_cell (sample, 0, c), microsoft_forms_names[i]))
        {
          found++;
          break;
        }
  return found == G_N_ELEMENTS (microsoft_forms_names);
}

/* Google Forms puts the time of each answer first. */
static gboolean
is_google_forms (const Sample *sample)
{
  return same_name (get_cell (sample, 0, 0), "Timestamp");
}

guint
eb_header_detect (const char * const * const *rows,
                  const guint                *n_cells,
                  guint                       n_rows,
                  EbHeaderStyle              *style)
{
  Sample sample = { rows, n_cells, MIN (n_rows, EB_HEADER_DETECT_ROWS) };
  EbHeaderStyle found = EB_HEADER_STYLE_PLAIN;
  guint n_header_rows = 1;

  g_return_val_if_fail (rows != NULL || n_rows == 0, 1);
  g_return_val_if_fail (n_cells != NULL || n_rows == 0, 1);

  if (sample.n_rows == 0)
    found = EB_HEADER_STYLE_PLAIN;
  /* Current Qualtrics exports have the ImportId row third; one with the
   * question text deleted has it second. */
  else if (sample.n_rows > 2 && is_import_id_row (&sample, 2))
    {
      found = EB_HEADER_STYLE_QUALTRICS;
      n_header_rows = 3;
    }
  else if (sample.n_rows > 1 && is_import_id_row (&sample, 1))
    {
      found = EB_HEADER_STYLE_QUALTRICS;
      n_header_rows = 2;
    }
  else if (is_qualtrics_legacy (&sample))
    {
      found = EB_HEADER_STYLE_QUALTRICS_LEGACY;
      n_header_rows = 2;
    }
  else if (is_surveymonkey (&sample))
    {
      found = EB_HEADER_STYLE_SURVEYMONKEY;
      n_header_rows = 2;
    }
  else if (is_microsoft_forms (&sample))
    found = EB_HEADER_STYLE_MICROSOFT_FORMS;
  else if (is_google_forms (&sample))
    found = EB_HEADER_STYLE_GOOGLE_FORMS;

  if (style != NULL)
    *style = found;
  return n_header_rows;
}

/* ---- titles ------------------------------------------------------------ */

/* The parts of one column's title, each once. */
typedef struct
{
  GPtrArray *parts;      /* char * */
  gboolean   collapse;   /* line breaks and runs of spaces become one space */
} Title;

static void
add_part (Title      *title,
          const char *text)
{
  char *part = g_strstrip (g_strdup (text));

  if (title->collapse)
    {
      char *to = part;
      gboolean space = FALSE;

      /* Survey tools keep the line breaks of long question text; a title
       * is one line. */
      for (const char *from = part; *from != '\0'; from++)
        {
          if (g_ascii_isspace (*from))
            {
              space = TRUE;
              continue;
            }
          if (space)
            *to++ = ' ';
          space = FALSE;
          *to++ = *from;
        }
      *to = '\0';
    }
  for (guint i = 0; i < title->parts->len; i++)
    if (strcmp (g_ptr_array_index (title->parts, i), part) == 0)
      {
        g_free (part);
        return;
      }
  if (*part == '\0')
    g_free (part);
  else
    g_ptr_array_add (title->parts, part);
}

/* The question a SurveyMonkey column belongs to: its own first-row cell
 * or, when that is empty and the column has a name in the second row,
 * the nearest one to its left. */
static const char *
find_question (const Sample *sample,
               guint         column)
{
  if (!is_blank (get_cell (sample, 0, column)) || is_blank (get_cell (sample, 1, column)))
    return get_cell (sample, 0, column);
  while (column-- > 0)
    if (!is_blank (get_cell (sample, 0, column)))
      return get_cell (sample, 0, column);
  return "";
}

/* Adds the parts STYLE's tool means by its own header rows to TITLE and
 * returns how many of the header rows they used. */
static guint
add_tool_parts (const Sample  *sample,
                guint          n_header_rows,
                guint          column,
                EbHeaderStyle  style,
                Title         *title)
{
  const char *text;

  switch (style)
    {
    case EB_HEADER_STYLE_QUALTRICS:
    case EB_HEADER_STYLE_QUALTRICS_LEGACY:
      if (n_header_rows < 2)
        return 0;
      text = get_cell (sample, 1, column);
      if (is_blank (text) || is_import_id (text))
        text = get_cell (sample, 0, column);
      add_part (title, text);
      return MIN (n_header_rows, style == EB_HEADER_STYLE_QUALTRICS ? 3u : 2u);

    case EB_HEADER_STYLE_SURVEYMONKEY:
      if (n_header_rows < 2)
        return 0;
      add_part (title, find_question (sample, column));
      text = get_cell (sample, 1, column);
      if (!name_in (text, surveymonkey_responses, G_N_ELEMENTS (surveymonkey_responses)))
        add_part (title, text);
      return 2;

    case EB_HEADER_STYLE_PLAIN:
    case EB_HEADER_STYLE_MICROSOFT_FORMS:
    case EB_HEADER_STYLE_GOOGLE_FORMS:
    default:
      return 0;
    }
}

static char *
make_title (const Sample  *sample,
            guint          n_header_rows,
            guint          column,
            EbHeaderStyle  style)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  Title title = { parts, style != EB_HEADER_STYLE_PLAIN };
  guint first_other = add_tool_parts (sample, n_header_rows, column, style, &title);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint r = first_other; r < n_header_rows; r++)
    add_part (&title, get_cell (sample, r, column));
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (joined, " - ");
      g_string_append (joined, g_ptr_array_index (parts, i));
    }
  if (joined->len == 0)
    g_string_printf (joined, "Column %u", column + 1);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

char **
eb_header_titles (const char * const * const *rows,
                  const guint                *n_cells,
                  guint                       n_rows,
                  guint                       n_header_rows,
                  guint                       n_columns,
                  EbHeaderStyle               style)
{
  Sample sample = { rows, n_cells, n_rows };
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  char **titles;

  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);
  g_return_val_if_fail (n_cells != NULL || n_rows == 0, NULL);

  titles = g_new0 (char *, n_columns + 1);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *title = make_title (&sample, n_header_rows, c, style);
      char *unique = g_strdup (title);

      /* A column is found by its title (--group, --items). */
      for (guint k = 2; g_hash_table_contains (used, unique); k++)
        {
          g_free (unique);
          unique = g_strdup_printf ("%s (%u)", title, k);
        }
      titles[c] = unique;
      g_hash_table_add (used, unique);
    }
  return titles;
}

/* ---- styles ------------------------------------------------------------ */

const char *
eb_header_style_to_string (EbHeaderStyle style)
{
  switch (style)
    {
    case EB_HEADER_STYLE_QUALTRICS:        return "qualtrics";
    case EB_HEADER_STYLE_QUALTRICS_LEGACY: return "qualtrics-legacy";
    case EB_HEADER_STYLE_SURVEYMONKEY:     return "surveymonkey";
    case EB_HEADER_STYLE_MICROSOFT_FORMS:  return "microsoft-forms";
    case EB_HEADER_STYLE_GOOGLE_FORMS:     return "google-forms";
    case EB_HEADER_STYLE_PLAIN:
    default:                               return "plain";
    }
}

const char *
eb_header_style_get_label (EbHeaderStyle style)
{
  switch (style)
    {
    case EB_HEADER_STYLE_QUALTRICS:        return "Qualtrics export";
    case EB_HEADER_STYLE_QUALTRICS_LEGACY: return "Qualtrics export (legacy format)";
    case EB_HEADER_STYLE_SURVEYMONKEY:     return "SurveyMonkey export";
    case EB_HEADER_STYLE_MICROSOFT_FORMS:  return "Microsoft Forms export";
    case EB_HEADER_STYLE_GOOGLE_FORMS:     return "Google Forms export";
    case EB_HEADER_STYLE_PLAIN:
    default:                               return "Plain table";
    }
}

/* Kept on the survey as its name, so that the project stores it and a
 * survey loaded from a project still knows how it was read. */
EbHeaderStyle
eb_header_get_style (EbSurvey *survey)
{
  const char *name;

  g_return_val_if_fail (EB_IS_SURVEY (survey), EB_HEADER_STYLE_PLAIN);

  name = eb_survey_get_header_style (survey);
  for (EbHeaderStyle style = EB_HEADER_STYLE_PLAIN; name != NULL && style < EB_N_HEADER_STYLES; style++)
    if (g_str_equal (name, eb_header_style_to_string (style)))
      return style;
  return EB_HEADER_STYLE_PLAIN;
}

void
eb_header_set_style (EbSurvey      *survey,
                     EbHeaderStyle  style)
{
  g_return_if_fail (EB_IS_SURVEY (survey));

  eb_survey_set_header_style (survey, eb_header_style_to_string (style));
}
