/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-workbook-export"

#include "config.h"

#include <string.h>

#include "workbook-private.h"

/* The Responses sheet: the survey as imported, one row per respondent,
 * with the annotations. It is the one sheet that grows with the survey
 * (100,000 rows x 30 columns is an ordinary large survey), so it is
 * streamed (constant memory, see workbook-export.c): each row is complete
 * before the next is started, and a coded answer's comment is written
 * while its row is still the current one, which is when libxlsxwriter
 * keeps it. */

/* Values looked at for a column's width, and its limits in characters. */
#define WIDTH_SAMPLE     200
#define MIN_WIDTH        6
#define MAX_WIDTH        50
#define MAX_HEADER_WIDTH 24
#define MAX_THEME_WIDTH  16
#define MAX_HEADER_LINES 6

/* Rows between progress reports and cancellation checks. */
#define ROWS_PER_REPORT  1024

/* The comment box: as wide as a short paragraph; as tall as its lines. */
#define COMMENT_WIDTH     360
#define COMMENT_CHARS     52
#define COMMENT_LINE      15
#define COMMENT_MAX_LINES 40

#define NON_SUBSTANTIVE_FILL 0xd9d9d9

typedef struct
{
  guint        column;      /* in the survey */
  EbColumnRole role;
  GHashTable  *shading;     /* Likert: answer (interned in the survey) → lxw_format * */
  EbScale     *scale;
  lxw_format  *level_formats[16]; /* Likert: by scale level */
} OutColumn;

typedef struct
{
  EbWorkbook    *wb;
  lxw_worksheet *sheet;
  GArray        *columns;        /* OutColumn */
  int           *out_of_survey;  /* survey column → sheet column, or -1 */
  GArray        *theme_columns;  /* guint index into wb->themes, codable themes */
  int           *theme_to_column; /* index into wb->themes → sheet column, or -1 */
  lxw_col_t      themes_column;  /* the "Themes" column */
  GArray        *coded;          /* guint quote indices, by row then column */
  guint8        *row_themes;     /* per theme: coded on this row's answers */
} Responses;

static void
clear_responses (Responses *responses)
{
  for (guint i = 0; responses->columns != NULL && i < responses->columns->len; i++)
    g_clear_pointer (&g_array_index (responses->columns, OutColumn, i).shading,
                     g_hash_table_unref);
  g_clear_pointer (&responses->columns, g_array_unref);
  g_clear_pointer (&responses->out_of_survey, g_free);
  g_clear_pointer (&responses->theme_columns, g_array_unref);
  g_clear_pointer (&responses->theme_to_column, g_free);
  g_clear_pointer (&responses->coded, g_array_unref);
  g_clear_pointer (&responses->row_themes, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Responses, clear_responses)

/* One format per level of a Likert column's scale: the chart's palette
 * over the substantive levels (lowest first), grey for "Don't know". */
static void
prepare_shading (EbWorkbook *wb,
                 OutColumn  *out)
{
  guint n_levels = MIN (eb_scale_get_n_levels (out->scale), G_N_ELEMENTS (out->level_formats));
  guint n_substantive = MIN (eb_scale_get_n_substantive (out->scale), 15);
  EbColor colors[15];
  guint rank = 0;

  eb_palette_get_colors (wb->options->palette, n_substantive, colors);
  for (guint level = 0; level < n_levels; level++)
    {
      EbCellStyle style = { .filled = TRUE, .fill = NON_SUBSTANTIVE_FILL };

      if (!eb_scale_is_non_substantive (out->scale, level) && rank < n_substantive)
        {
          const EbColor *color = &colors[rank++];

          style.fill = ((guint32) (color->red * 255 + 0.5) << 16) |
                       ((guint32) (color->green * 255 + 0.5) << 8) |
                       (guint32) (color->blue * 255 + 0.5);
        }
      out->level_formats[level] = eb_workbook_get_format (wb, &style);
    }
  out->shading = g_hash_table_new (NULL, NULL);
}

/* The format of a Likert answer, looked up once per distinct answer: the
 * survey keeps one copy of each distinct text, so its address is its
 * identity. Answers outside the scale stay unshaded. */
static lxw_format *
find_shading (OutColumn  *out,
              const char *answer)
{
  gpointer format;
  int level;

  if (g_hash_table_lookup_extended (out->shading, answer, NULL, &format))
    return format;
  level = eb_scale_lookup (out->scale, answer);
  format = level >= 0 && (guint) level < G_N_ELEMENTS (out->level_formats)
           ? out->level_formats[level] : NULL;
  g_hash_table_insert (out->shading, (gpointer) answer, format);
  return format;
}

static void
choose_columns (Responses *responses)
{
  EbWorkbook *wb = responses->wb;
  guint n_columns = eb_survey_get_n_columns (wb->survey);

  responses->columns = g_array_new (FALSE, TRUE, sizeof (OutColumn));
  responses->out_of_survey = g_new (int, MAX (n_columns, 1));
  for (guint c = 0; c < n_columns; c++)
    {
      OutColumn out = { c, eb_survey_get_column_role (wb->survey, c), NULL, NULL, { NULL } };

      responses->out_of_survey[c] = -1;
      if (wb->dropped[c])
        continue;
      out.scale = eb_survey_get_column_scale (wb->survey, c);
      if (out.role == EB_COLUMN_ROLE_LIKERT && out.scale != NULL)
        prepare_shading (wb, &out);
      responses->out_of_survey[c] = (int) responses->columns->len;
      g_array_append_val (responses->columns, out);
    }

  /* A column per theme that answers can be coded with (a group holds
   * themes, not answers, so its column would stay empty). */
  responses->theme_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  responses->theme_to_column = g_new (int, MAX (wb->themes->len, 1));
  for (guint t = 0; t < wb->themes->len; t++)
    {
      responses->theme_to_column[t] = -1;
      if (!eb_theme_get_codable (g_ptr_array_index (wb->themes, t)))
        continue;
      responses->theme_to_column[t] = (int) (responses->columns->len +
                                             responses->theme_columns->len);
      g_array_append_val (responses->theme_columns, t);
    }
  responses->themes_column = responses->columns->len + responses->theme_columns->len;
  responses->row_themes = g_new0 (guint8, MAX (wb->themes->len, 1));
}

static int
compare_quotes_by_row (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  EbQuoteList *quotes = user_data;
  EbQuote *qa = eb_quote_list_get_quote (quotes, *(const guint *) a);
  EbQuote *qb = eb_quote_list_get_quote (quotes, *(const guint *) b);
  guint ra = eb_quote_get_row (qa), rb = eb_quote_get_row (qb);
  guint ca = eb_quote_get_column (qa), cb = eb_quote_get_column (qb);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return ca < cb ? -1 : ca > cb;
}

/* The coded answers in the order the sheet meets them. */
static void
find_coded_quotes (Responses *responses)
{
  EbWorkbook *wb = responses->wb;
  EbQuoteList *quotes;
  guint n_quotes;

  responses->coded = g_array_new (FALSE, FALSE, sizeof (guint));
  if (wb->store == NULL)
    return;
  quotes = eb_coding_store_get_quotes (wb->store);
  n_quotes = g_list_model_get_n_items (G_LIST_MODEL (quotes));
  for (guint i = 0; i < n_quotes; i++)
    {
      EbQuote *quote = eb_quote_list_get_quote (quotes, i);

      if (eb_quote_is_coded (quote) && !wb->dropped[eb_quote_get_column (quote)])
        g_array_append_val (responses->coded, i);
    }
  g_array_sort_with_data (responses->coded, compare_quotes_by_row, quotes);
}

/* The longest word of TEXT: a header narrower than that would break it. */
static guint
measure_longest_word (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  guint longest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    longest = MAX (longest, (guint) g_utf8_strlen (words[i], -1));
  return longest;
}

/* A width for the column from its header and its first values, in
 * Excel's unit (a digit's width), with room for the filter button. */
static double
measure_column (EbWorkbook *wb,
                guint       column,
                guint       n_rows)
{
  const char *name = eb_survey_get_column_name (wb->survey, column);
  guint widest = MAX (MIN (eb_workbook_text_width (name), MAX_HEADER_WIDTH),
                      (guint) (measure_longest_word (name) * 1.2 + 0.5));

  for (guint row = 0; row < MIN (n_rows, WIDTH_SAMPLE); row++)
    {
      const char *cell = wb->pseudonyms != NULL && (int) column == wb->id_column
                         ? eb_pseudonyms_get_code (wb->pseudonyms, row)
                         : eb_survey_get_cell (wb->survey, row, column);

      widest = MAX (widest, eb_workbook_text_width (cell));
    }
  return CLAMP (widest, MIN_WIDTH, MAX_WIDTH) + 3;
}

static void
write_header (Responses *responses)
{
  EbWorkbook *wb = responses->wb;
  lxw_worksheet *sheet = responses->sheet;
  guint n_rows = eb_survey_get_n_rows (wb->survey);
  guint lines = 1;
  lxw_col_t col;

  for (col = 0; col < responses->columns->len; col++)
    {
      const OutColumn *out = &g_array_index (responses->columns, OutColumn, col);
      const char *name = eb_survey_get_column_name (wb->survey, out->column);
      double width = measure_column (wb, out->column, n_rows);

      worksheet_set_column (sheet, col, col, width, NULL);
      lines = MAX (lines, eb_workbook_count_lines (name, width));
      eb_workbook_write_text (sheet, 0, col, name, wb->header);
    }
  for (guint i = 0; i < responses->theme_columns->len; i++, col++)
    {
      EbTheme *theme = g_ptr_array_index (wb->themes,
                                          g_array_index (responses->theme_columns, guint, i));
      EbCellStyle style = { .header = TRUE };
      const char *name = eb_theme_get_name (theme);
      double width = CLAMP (MAX (eb_workbook_text_width (name) / 3.0,
                                 measure_longest_word (name) * 1.25),
                            MIN_WIDTH, MAX_THEME_WIDTH) + 3;

      style.filled = eb_workbook_parse_color (eb_theme_get_color (theme), &style.fill);
      worksheet_set_column (sheet, col, col, width, NULL);
      lines = MAX (lines, eb_workbook_count_lines (name, width));
      eb_workbook_write_text (sheet, 0, col, name, eb_workbook_get_format (wb, &style));
    }
  worksheet_set_column (sheet, col, col, 40, NULL);
  eb_workbook_write_text (sheet, 0, col, "Themes", wb->header);

  /* Long questions wrap in a taller header; past a few lines the column
   * is better read in full in the cell itself. */
  eb_workbook_set_row_lines (sheet, 0, MIN (lines, MAX_HEADER_LINES));
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_autofilter (sheet, 0, 0, MAX (n_rows, 1), col);
}

static void
write_cell (Responses *responses,
            lxw_row_t  row,
            lxw_col_t  col,
            guint      survey_row)
{
  EbWorkbook *wb = responses->wb;
  OutColumn *out = &g_array_index (responses->columns, OutColumn, col);
  const char *cell = eb_survey_get_cell (wb->survey, survey_row, out->column);
  double number;

  /* An empty id stays empty, as imported, unless it needs a code. */
  if ((int) out->column == wb->id_column && (*cell != '\0' || wb->pseudonyms != NULL))
    {
      eb_workbook_write_respondent (wb, responses->sheet, row, col, survey_row, NULL);
      return;
    }
  if (*cell == '\0')
    return;
  switch (out->role)
    {
    case EB_COLUMN_ROLE_LIKERT:
      eb_workbook_write_text (responses->sheet, row, col, cell,
                              out->shading != NULL ? find_shading (out, cell) : NULL);
      break;
    case EB_COLUMN_ROLE_NUMBER:
      if (eb_workbook_parse_number (cell, &number))
        eb_workbook_write_number (responses->sheet, row, col, number, NULL);
      else
        eb_workbook_write_text (responses->sheet, row, col, cell, NULL);
      break;
    case EB_COLUMN_ROLE_ID:
    case EB_COLUMN_ROLE_IGNORED:
    case EB_COLUMN_ROLE_ATTRIBUTE:
    case EB_COLUMN_ROLE_MULTI:
    case EB_COLUMN_ROLE_TEXT:
    case EB_COLUMN_ROLE_DATE:
    default:
      eb_workbook_write_text (responses->sheet, row, col, cell, NULL);
      break;
    }
}

static guint
count_comment_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += MAX (1, (g_utf8_strlen (lines[i], -1) + COMMENT_CHARS - 1) / COMMENT_CHARS);
  return MIN (n, COMMENT_MAX_LINES);
}

/* The annotation of one coded answer: its themes, then each coding's
 * theme, span and coder, then the memos. */
static void
write_comment (Responses *responses,
               lxw_row_t  row,
               EbQuote   *quote)
{
  EbWorkbook *wb = responses->wb;
  g_auto(EbQuoteNotes) notes = { 0 };
  g_autoptr(GString) text = NULL;
  g_autofree char *cut = NULL;
  lxw_comment_options options = { 0 };
  int col = responses->out_of_survey[eb_quote_get_column (quote)];

  eb_workbook_describe_quote (wb, quote, &notes);
  text = g_string_new ("Themes: ");
  g_string_append (text, notes.themes);
  g_string_append_c (text, '\n');
  g_string_append (text, notes.spans);
  if (*notes.memos != '\0')
    g_string_append_printf (text, "\n%s", notes.memos);

  cut = eb_workbook_truncate (text->str);
  options.width = COMMENT_WIDTH;
  options.height = (uint16_t) (8 + COMMENT_LINE * count_comment_lines (cut));
  worksheet_write_comment_opt (responses->sheet, row, (lxw_col_t) col, cut, &options);
}

/* Marks the themes of the row's coded answers, writes their comments,
 * then the theme columns and the "Themes" cell. CURSOR walks
 * responses->coded. */
static void
write_annotations (Responses *responses,
                   lxw_row_t  row,
                   guint      survey_row,
                   guint     *cursor)
{
  EbWorkbook *wb = responses->wb;
  EbQuoteList *quotes;
  g_autoptr(GString) names = NULL;
  gboolean any = FALSE;

  if (*cursor >= responses->coded->len)
    return;
  quotes = eb_coding_store_get_quotes (wb->store);
  for (; *cursor < responses->coded->len; (*cursor)++)
    {
      EbQuote *quote = eb_quote_list_get_quote (quotes, g_array_index (responses->coded, guint,
                                                                       *cursor));

      if (eb_quote_get_row (quote) != survey_row)
        break;
      write_comment (responses, row, quote);
      for (guint i = 0; i < eb_quote_get_n_codings (quote); i++)
        {
          gint64 id = eb_coding_get_theme_id (eb_quote_get_coding (quote, i));
          guint position = eb_workbook_theme_position (wb, id);

          if (position != G_MAXUINT)
            responses->row_themes[position] = TRUE;
        }
      any = TRUE;
    }
  if (!any)
    return;

  names = g_string_new (NULL);
  for (guint t = 0; t < wb->themes->len; t++)
    {
      if (!responses->row_themes[t])
        continue;
      responses->row_themes[t] = FALSE;
      if (responses->theme_to_column[t] >= 0)
        worksheet_write_number (responses->sheet, row, (lxw_col_t) responses->theme_to_column[t],
                                1, NULL);
      if (names->len > 0)
        g_string_append (names, "; ");
      g_string_append (names, eb_theme_get_name (g_ptr_array_index (wb->themes, t)));
    }
  eb_workbook_write_text (responses->sheet, row, responses->themes_column, names->str, NULL);
}

gboolean
eb_workbook_write_responses (EbWorkbook     *wb,
                             lxw_worksheet  *sheet,
                             GError        **error)
{
  g_auto(Responses) responses = { 0 };
  guint n_rows = eb_survey_get_n_rows (wb->survey);
  guint cursor = 0;

  responses.wb = wb;
  responses.sheet = sheet;
  choose_columns (&responses);
  find_coded_quotes (&responses);
  worksheet_set_comments_author (sheet, "Evalbench");
  write_header (&responses);

  for (guint r = 0; r < n_rows; r++)
    {
      lxw_row_t row = r + 1;

      if (r % ROWS_PER_REPORT == 0)
        {
          if (eb_workbook_cancelled (wb, error))
            return FALSE;
          eb_workbook_progress (wb, (double) r / n_rows);
        }
      for (lxw_col_t col = 0; col < responses.columns->len; col++)
        write_cell (&responses, row, col, r);
      write_annotations (&responses, row, r, &cursor);
    }
  return TRUE;
}
