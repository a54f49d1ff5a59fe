/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-workbook-export"

#include "config.h"

#include <string.h>

#include "coding-analysis.h"
#include "workbook-private.h"

/* The sheets of the coding: the codebook with its counts, the coded quotes
 * a report quotes from, and each theme across the values of each
 * attribute. */

/* Quotes: the widths of the columns that wrap. */
#define THEMES_WIDTH   34
#define QUESTION_WIDTH 28
#define ANSWER_WIDTH   70
#define NOTES_WIDTH    44

/* Theme × attribute: the theme names and the numbers. */
#define THEME_WIDTH    66
#define CELL_WIDTH     13

#define NO_PROJECT "No codebook: this workbook was made from a survey file, not a project."

static lxw_format *
get_theme_name_format (EbWorkbook *wb,
                       EbTheme    *theme)
{
  EbCellStyle style = { .indent = eb_theme_get_depth (theme),
                        .bold = eb_theme_get_depth (theme) == 0 };

  return eb_workbook_get_format (wb, &style);
}

static const char *
describe_level (EbThemeLevel level)
{
  switch (level)
    {
    case EB_THEME_LEVEL_OPEN:
      return "Open";
    case EB_THEME_LEVEL_AXIAL:
      return "Axial";
    case EB_THEME_LEVEL_SELECTIVE:
      return "Selective";
    case EB_THEME_LEVEL_NONE:
    default:
      return "";
    }
}

/* ---- Codebook ---------------------------------------------------------- */

gboolean
eb_workbook_write_codebook (EbWorkbook     *wb,
                            lxw_worksheet  *sheet,
                            GError        **error)
{
  static const char * const headers[] = {
    "Theme", "Colour", "Level", "Quotes", "Respondents", "Quotes coded with the theme itself",
    "Codable", "Description",
  };
  static const double widths[] = { 66, 10, 11, 10, 14, 16, 12, 80 };
  g_autoptr(EbThemeCounts) counts = NULL;
  lxw_row_t row = 0;
  guint lines = 1;

  row = eb_workbook_write_heading (wb, sheet, row, "Codebook",
                                   "Themes in codebook order, sub-themes indented under their "
                                   "theme. A theme\xe2\x80\x99s quotes and respondents include "
                                   "those of its sub-themes.");
  for (lxw_col_t col = 0; col < G_N_ELEMENTS (headers); col++)
    {
      worksheet_set_column (sheet, col, col, widths[col], NULL);
      eb_workbook_write_text (sheet, row, col, headers[col], wb->header);
      lines = MAX (lines, eb_workbook_count_lines (headers[col], widths[col]));
    }
  eb_workbook_set_row_lines (sheet, row, lines);
  worksheet_freeze_panes (sheet, row + 1, 1);
  row++;
  if (wb->store == NULL)
    {
      eb_workbook_write_text (sheet, row, 0, NO_PROJECT, wb->note);
      return TRUE;
    }

  counts = eb_theme_counts_new (wb->store, NULL, 0);
  for (guint t = 0; t < wb->themes->len; t++, row++)
    {
      EbTheme *theme = g_ptr_array_index (wb->themes, t);
      gint64 id = eb_theme_get_id (theme);
      EbCellStyle colour = { 0 };

      eb_workbook_write_text (sheet, row, 0, eb_theme_get_name (theme),
                              get_theme_name_format (wb, theme));
      colour.filled = eb_workbook_parse_color (eb_theme_get_color (theme), &colour.fill);
      eb_workbook_write_text (sheet, row, 1, eb_theme_get_color (theme),
                              eb_workbook_get_format (wb, &colour));
      eb_workbook_write_text (sheet, row, 2, describe_level (eb_theme_get_level (theme)), wb->top);
      worksheet_write_number (sheet, row, 3, eb_theme_counts_get_n_quotes (counts, id), wb->top);
      worksheet_write_number (sheet, row, 4, eb_theme_counts_get_n_respondents (counts, id),
                              wb->top);
      worksheet_write_number (sheet, row, 5, eb_theme_counts_get_n_direct_quotes (counts, id),
                              wb->top);
      eb_workbook_write_text (sheet, row, 6, eb_theme_get_codable (theme) ? "yes" : "no (a group)",
                              wb->top);
      eb_workbook_write_text (sheet, row, 7, eb_theme_get_description (theme), wb->wrap);
      eb_workbook_set_row_lines (sheet, row,
                                 eb_workbook_count_lines (eb_theme_get_description (theme),
                                                          widths[7]));
    }
  if (wb->themes->len == 0)
    eb_workbook_write_text (sheet, row++, 0, "The codebook is empty.", wb->note);

  row++;
  eb_workbook_write_text (sheet, row, 0, "Answers to open questions (quotes)", wb->bold);
  worksheet_write_number (sheet, row++, 3, eb_theme_counts_get_total_quotes (counts), NULL);
  eb_workbook_write_text (sheet, row, 0, "Quotes coded with any theme", wb->bold);
  worksheet_write_number (sheet, row++, 3, eb_theme_counts_get_coded_quotes (counts), NULL);
  eb_workbook_write_text (sheet, row, 0, "Respondents who answered an open question", wb->bold);
  worksheet_write_number (sheet, row, 4, eb_theme_counts_get_total_respondents (counts), NULL);
  return !eb_workbook_cancelled (wb, error);
}

/* ---- Quotes ------------------------------------------------------------ */

typedef struct
{
  EbQuote      *quote;
  EbQuoteNotes  notes;
} QuoteRow;

static void
clear_quote_row (gpointer data)
{
  QuoteRow *quote_row = data;

  eb_quote_notes_clear (&quote_row->notes);
}

/* By first theme in codebook order, then question, then respondent: each
 * theme's quotes together, in the order of the questionnaire. */
static int
compare_quote_rows (gconstpointer a,
                    gconstpointer b)
{
  const QuoteRow *qa = a, *qb = b;
  guint ca, cb, ra, rb;

  if (qa->notes.first_theme != qb->notes.first_theme)
    return qa->notes.first_theme < qb->notes.first_theme ? -1 : 1;
  ca = eb_quote_get_column (qa->quote);
  cb = eb_quote_get_column (qb->quote);
  if (ca != cb)
    return ca < cb ? -1 : 1;
  ra = eb_quote_get_row (qa->quote);
  rb = eb_quote_get_row (qb->quote);
  return ra < rb ? -1 : ra > rb;
}

static GArray *
collect_quote_rows (EbWorkbook  *wb,
                    GError     **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (QuoteRow));
  EbQuoteList *quotes = eb_coding_store_get_quotes (wb->store);
  guint n_quotes = g_list_model_get_n_items (G_LIST_MODEL (quotes));

  g_array_set_clear_func (rows, clear_quote_row);
  for (guint i = 0; i < n_quotes; i++)
    {
      EbQuote *quote = eb_quote_list_get_quote (quotes, i);
      QuoteRow quote_row = { quote, { 0 } };

      /* An open question that identifies people is left out with its
       * answers. */
      if (!eb_quote_is_coded (quote) || wb->dropped[eb_quote_get_column (quote)])
        continue;
      eb_workbook_describe_quote (wb, quote, &quote_row.notes);
      g_array_append_val (rows, quote_row);
      if (rows->len % 1024 == 0)
        {
          if (eb_workbook_cancelled (wb, error))
            return NULL;
          eb_workbook_progress (wb, 0.5 * i / n_quotes);
        }
    }
  g_array_sort (rows, compare_quote_rows);
  return g_steal_pointer (&rows);
}

/* An attribute's width from its title and its first answers. */
static double
measure_attribute (EbWorkbook *wb,
                   guint       column)
{
  guint widest = MIN (eb_workbook_text_width (eb_survey_get_column_name (wb->survey, column)),
                      20);

  for (guint row = 0; row < MIN (eb_survey_get_n_rows (wb->survey), 200); row++)
    widest = MAX (widest, eb_workbook_text_width (eb_survey_get_cell (wb->survey, row, column)));
  return CLAMP (widest, 8, 30) + 2;
}

gboolean
eb_workbook_write_quotes (EbWorkbook     *wb,
                          lxw_worksheet  *sheet,
                          GError        **error)
{
  g_autoptr(GArray) attributes = eb_workbook_dup_attribute_columns (wb);
  g_autoptr(GArray) rows = NULL;
  g_autofree double *attribute_widths = g_new (double, MAX (attributes->len, 1));
  lxw_col_t col = 0, first_attribute, question;
  guint header_lines = 2;

  /* Streamed: the header first, then each row in order; and a streamed
   * row gets its height before its cells. */
  for (guint a = 0; a < attributes->len; a++)
    {
      guint column = g_array_index (attributes, guint, a);

      attribute_widths[a] = measure_attribute (wb, column);
      header_lines = MAX (header_lines,
                          eb_workbook_count_lines (eb_survey_get_column_name (wb->survey, column),
                                                   attribute_widths[a]));
    }
  eb_workbook_set_row_lines (sheet, 0, header_lines);
  worksheet_set_column (sheet, col, col, THEMES_WIDTH, NULL);
  eb_workbook_write_text (sheet, 0, col++, "Themes", wb->header);
  worksheet_set_column (sheet, col, col, 14, NULL);
  eb_workbook_write_text (sheet, 0, col++, "Respondent", wb->header);
  first_attribute = col;
  for (guint a = 0; a < attributes->len; a++, col++)
    {
      worksheet_set_column (sheet, col, col, attribute_widths[a], NULL);
      eb_workbook_write_text (sheet, 0, col,
                              eb_survey_get_column_name (wb->survey,
                                                         g_array_index (attributes, guint, a)),
                              wb->header);
    }
  question = col;
  worksheet_set_column (sheet, col, col, QUESTION_WIDTH, NULL);
  eb_workbook_write_text (sheet, 0, col++, "Question", wb->header);
  worksheet_set_column (sheet, col, col, ANSWER_WIDTH, NULL);
  eb_workbook_write_text (sheet, 0, col++, "Answer", wb->header);
  worksheet_set_column (sheet, col, col, NOTES_WIDTH, NULL);
  eb_workbook_write_text (sheet, 0, col++, "Coded spans (theme: span (coder))", wb->header);
  worksheet_set_column (sheet, col, col, 16, NULL);
  eb_workbook_write_text (sheet, 0, col++, "Coder", wb->header);
  worksheet_set_column (sheet, col, col, NOTES_WIDTH, NULL);
  eb_workbook_write_text (sheet, 0, col, "Memos", wb->header);
  worksheet_freeze_panes (sheet, 1, 0);

  if (wb->store == NULL)
    {
      eb_workbook_write_text (sheet, 1, 0, NO_PROJECT, wb->note);
      return TRUE;
    }
  rows = collect_quote_rows (wb, error);
  if (rows == NULL)
    return FALSE;
  worksheet_autofilter (sheet, 0, 0, MAX (rows->len, 1), col);

  for (guint i = 0; i < rows->len; i++)
    {
      QuoteRow *quote_row = &g_array_index (rows, QuoteRow, i);
      EbQuote *quote = quote_row->quote;
      guint survey_row = eb_quote_get_row (quote);
      lxw_row_t row = i + 1;
      guint lines = eb_workbook_count_lines (quote_row->notes.themes, THEMES_WIDTH);

      lines = MAX (lines, eb_workbook_count_lines (eb_quote_get_column_name (quote),
                                                   QUESTION_WIDTH));
      lines = MAX (lines, eb_workbook_count_lines (eb_quote_get_text (quote), ANSWER_WIDTH));
      lines = MAX (lines, eb_workbook_count_lines (quote_row->notes.spans, NOTES_WIDTH));
      lines = MAX (lines, eb_workbook_count_lines (quote_row->notes.memos, NOTES_WIDTH));
      eb_workbook_set_row_lines (sheet, row, lines);
      eb_workbook_write_text (sheet, row, 0, quote_row->notes.themes, wb->wrap);
      eb_workbook_write_respondent (wb, sheet, row, 1, survey_row, wb->top);
      for (guint a = 0; a < attributes->len; a++)
        eb_workbook_write_text (sheet, row, first_attribute + a,
                                eb_survey_get_cell (wb->survey, survey_row,
                                                    g_array_index (attributes, guint, a)),
                                wb->top);
      eb_workbook_write_text (sheet, row, question, eb_quote_get_column_name (quote), wb->wrap);
      eb_workbook_write_text (sheet, row, question + 1, eb_quote_get_text (quote), wb->wrap);
      eb_workbook_write_text (sheet, row, question + 2, quote_row->notes.spans, wb->wrap);
      eb_workbook_write_text (sheet, row, question + 3, quote_row->notes.coders, wb->top);
      eb_workbook_write_text (sheet, row, question + 4, quote_row->notes.memos, wb->wrap);
      if (i % 1024 == 0)
        eb_workbook_progress (wb, 0.5 + 0.5 * i / rows->len);
    }
  return TRUE;
}

/* ---- Theme × attribute ------------------------------------------------- */

static const char *
describe_value (const char *value)
{
  return *value != '\0' ? value : "(no answer)";
}

/* One unit (respondents or quotes) of one attribute: counts, row and
 * column percentages side by side under a two-row header. */
static lxw_row_t
write_crosstab (EbWorkbook      *wb,
                lxw_worksheet   *sheet,
                lxw_row_t        row,
                EbThemeCrosstab *crosstab,
                EbCountUnit      unit)
{
  const char *noun = unit == EB_COUNT_RESPONDENTS ? "Respondents" : "Quotes";
  const char *lower = unit == EB_COUNT_RESPONDENTS ? "respondents" : "quotes";
  guint n_values = eb_theme_crosstab_get_n_values (crosstab);
  guint n_themes = eb_theme_crosstab_get_n_themes (crosstab);
  lxw_col_t counts = 1, rows_pct = counts + n_values + 1, cols_pct = rows_pct + n_values;
  g_autofree char *row_title = g_strdup_printf ("%% of the theme\xe2\x80\x99s %s (row)", lower);
  g_autofree char *column_title = g_strdup_printf ("%% of all %s with the value (column)", lower);
  g_autofree char *base = g_strdup_printf ("All %s with the value", lower);

  guint lines = MAX (eb_workbook_count_lines (row_title, CELL_WIDTH * n_values),
                     eb_workbook_count_lines (column_title, CELL_WIDTH * (n_values + 1)));

  eb_workbook_set_row_lines (sheet, row, lines);
  worksheet_merge_range (sheet, row, 0, row + 1, 0, "Theme", wb->header);
  if (n_values > 0)
    {
      worksheet_merge_range (sheet, row, counts, row, counts + n_values, noun, wb->header);
      if (n_values > 1)
        worksheet_merge_range (sheet, row, rows_pct, row, rows_pct + n_values - 1, row_title,
                               wb->header);
      else
        eb_workbook_write_text (sheet, row, rows_pct, row_title, wb->header);
      worksheet_merge_range (sheet, row, cols_pct, row, cols_pct + n_values, column_title,
                             wb->header);
    }
  row++;
  lines = 1;
  for (guint v = 0; v < n_values; v++)
    {
      const char *value = describe_value (eb_theme_crosstab_get_value (crosstab, v));

      lines = MAX (lines, eb_workbook_count_lines (value, CELL_WIDTH));
      eb_workbook_write_text (sheet, row, counts + v, value, wb->header);
      eb_workbook_write_text (sheet, row, rows_pct + v, value, wb->header);
      eb_workbook_write_text (sheet, row, cols_pct + v, value, wb->header);
    }
  eb_workbook_write_text (sheet, row, counts + n_values, "All", wb->header);
  eb_workbook_write_text (sheet, row, cols_pct + n_values, "All", wb->header);
  eb_workbook_set_row_lines (sheet, row++, lines);

  for (guint t = 0; t < n_themes; t++, row++)
    {
      EbTheme *theme = eb_theme_crosstab_get_theme (crosstab, t);

      eb_workbook_write_text (sheet, row, 0, eb_theme_get_name (theme),
                              get_theme_name_format (wb, theme));
      for (guint v = 0; v < n_values; v++)
        {
          worksheet_write_number (sheet, row, counts + v,
                                  eb_theme_crosstab_get_count (crosstab, unit, t, v), NULL);
          eb_workbook_write_number (sheet, row, rows_pct + v,
                                    eb_theme_crosstab_get_row_percent (crosstab, unit, t, v)
                                    / 100.0, wb->percent);
          eb_workbook_write_number (sheet, row, cols_pct + v,
                                    eb_theme_crosstab_get_column_percent (crosstab, unit, t, v)
                                    / 100.0, wb->percent);
        }
      worksheet_write_number (sheet, row, counts + n_values,
                              eb_theme_crosstab_get_theme_total (crosstab, unit, t), NULL);
      eb_workbook_write_number (sheet, row, cols_pct + n_values,
                                eb_theme_crosstab_get_total_percent (crosstab, unit, t) / 100.0,
                                wb->percent);
    }

  eb_workbook_write_text (sheet, row, 0, base, wb->bold);
  for (guint v = 0; v < n_values; v++)
    worksheet_write_number (sheet, row, counts + v,
                            eb_theme_crosstab_get_value_total (crosstab, unit, v), wb->bold);
  worksheet_write_number (sheet, row, counts + n_values,
                          eb_theme_crosstab_get_grand_total (crosstab, unit), wb->bold);
  return row + 2;
}

gboolean
eb_workbook_write_crosstabs (EbWorkbook     *wb,
                             lxw_worksheet  *sheet,
                             GError        **error)
{
  g_autoptr(GArray) attributes = eb_workbook_dup_attribute_columns (wb);
  lxw_row_t row = 0;
  guint widest = 1;

  row = eb_workbook_write_heading (wb, sheet, row, "Theme \xc3\x97 attribute",
                                   "How many respondents (and quotes) mention each theme, per "
                                   "value of each attribute. A theme includes its sub-themes. "
                                   "Column percentages are of everyone with the value, "
                                   "whether they mention a theme or not.");
  if (wb->store == NULL)
    eb_workbook_write_text (sheet, row, 0, NO_PROJECT, wb->note);
  else if (attributes->len == 0)
    eb_workbook_write_text (sheet, row, 0, "The survey has no attribute columns.", wb->note);

  for (guint a = 0; wb->store != NULL && a < attributes->len; a++)
    {
      guint column = g_array_index (attributes, guint, a);
      g_autoptr(EbThemeCrosstab) crosstab = eb_theme_crosstab_new (wb->store, column, NULL, 0);

      if (eb_workbook_cancelled (wb, error))
        return FALSE;
      widest = MAX (widest, eb_theme_crosstab_get_n_values (crosstab));
      eb_workbook_write_text (sheet, row++, 0, eb_survey_get_column_name (wb->survey, column),
                              wb->title);
      row = write_crosstab (wb, sheet, row, crosstab, EB_COUNT_RESPONDENTS);
      row = write_crosstab (wb, sheet, row, crosstab, EB_COUNT_QUOTES);
      eb_workbook_progress (wb, (double) (a + 1) / attributes->len);
    }
  worksheet_set_column (sheet, 0, 0, THEME_WIDTH, NULL);
  worksheet_set_column (sheet, 1, (lxw_col_t) (3 * widest + 2), CELL_WIDTH, NULL);
  return TRUE;
}
