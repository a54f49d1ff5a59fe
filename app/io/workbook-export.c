/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-workbook-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "eb-project-private.h"
#include "figure-export.h"
#include "workbook-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Memory. libxlsxwriter keeps every cell of a sheet in memory until the
 * workbook is closed, unless the sheet is written in constant-memory mode,
 * which streams each row to a temporary file once the next begins. On the
 * benchmark's project (bench/bench-workbook-export.sh: 100,000 respondents
 * x 30 columns, 20,000 commented answers) keeping everything in memory
 * took 9-10 s and 440 MB; streaming the three sheets that grow with the
 * project takes 4.5 s and 100 MB (plain libxlsxwriter writing the same
 * cells without annotations: 2.9 s, 36 MB). What streaming costs does not
 * touch those sheets: strings are written inline instead of shared (the
 * file grows from 12 to 14 MB), charts carry no cached values (the
 * streamed sheets have none), and a comment is kept only if written while
 * its row is the current one (Responses writes each row's comments before
 * starting the next). The small sheets stay in memory for their merged
 * headers and their chart's cached values. */

/* One sheet of the workbook. CONSTANT_MEMORY sheets are streamed row by
 * row to a temporary file (see add_sheet), so they must be written in row
 * order; the others stay in memory until the workbook is closed, which
 * lets them merge cells and lets their charts carry the values they are
 * drawn from. WEIGHT is the sheet's share of the progress bar. */
typedef struct
{
  const char       *name;
  gboolean          constant_memory;
  gboolean          fit_width;      /* printed landscape, one page wide */
  double            weight;
  EbSheetWriteFunc  write;
} SheetWriter;

/* The sheets in the order of issue 7. Responses, Quotes and Audit trail grow with the project; they are the
 * streamed ones, so memory stays bounded whatever the survey's size. The
 * weights leave the last 40 % of the progress bar to packing the archive
 * (workbook_close), which takes about that share of the time. */
static const SheetWriter sheet_writers[] = {
  { "Responses", TRUE, FALSE, 0.45, eb_workbook_write_responses },
  { "Likert summary", FALSE, TRUE, 0.05, eb_workbook_write_likert_summary },
  { "Reliability", FALSE, TRUE, 0.01, eb_workbook_write_reliability },
  { "Codebook", FALSE, TRUE, 0.01, eb_workbook_write_codebook },
  { "Quotes", TRUE, TRUE, 0.05, eb_workbook_write_quotes },
  { "Theme \xc3\x97 attribute", FALSE, TRUE, 0.02, eb_workbook_write_crosstabs },
  { "Diagram", FALSE, TRUE, 0.02, eb_workbook_write_diagram },
  { "Audit trail", TRUE, TRUE, 0.02, eb_workbook_write_audit_trail },
  { "About", FALSE, TRUE, 0.01, eb_workbook_write_about },
};

/* Width and height in pixels of a PNG, from its header. */
static gboolean
read_png_size (const guint8 *data,
               gsize         length,
               guint        *width,
               guint        *height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (length < 24 || memcmp (data, signature, sizeof signature) != 0 ||
      memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  *width = (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | (guint) data[21] << 16 | (guint) data[22] << 8 | data[23];
  return TRUE;
}

gboolean
eb_workbook_insert_png (EbWorkbook        *wb,
                        lxw_worksheet     *sheet,
                        lxw_row_t          row,
                        guint              x_offset,
                        const char        *description,
                        EbWorkbookPngFunc  write,
                        gpointer           user_data,
                        guint             *height,
                        GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree guint8 *data = NULL;
  gsize length = 0;
  lxw_image_options options = { 0 };
  guint width_px, height_px;
  gboolean read;
  int fd;

  fd = g_file_open_tmp ("evalbench-figure-XXXXXX.png", &path, error);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);
  if (!write (path, user_data, error))
    {
      g_unlink (path);
      return FALSE;
    }
  read = g_file_get_contents (path, (char **) &data, &length, error);
  g_unlink (path);
  if (!read)
    return FALSE;
  if (!read_png_size (data, length, &width_px, &height_px))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The figure for the workbook is not a PNG image");
      return FALSE;
    }

  options.x_offset = (int32_t) x_offset;
  options.description = (char *) description;
  /* libxlsxwriter copies the image, so DATA can go afterwards; the PNG
   * records its resolution, so Excel shows it as wide as the figure files. */
  worksheet_insert_image_buffer_opt (sheet, row, 0, data, length, &options);
  *height = (guint) (height_px * 96.0 / wb->options->dpi + 0.5);
  return TRUE;
}

void
eb_workbook_options_init (EbWorkbookOptions *options)
{
  g_return_if_fail (options != NULL);

  options->pseudonymise = FALSE;
  options->group_column = -1;
  options->dpi = EB_FIGURE_DEFAULT_DPI;
  options->width_mm = EB_FIGURE_DEFAULT_WIDTH_MM;
  options->palette = EB_PALETTE_BRBG;
}

/* ---- Progress, cancellation, formats and cells ------------------------- */

void
eb_workbook_progress (EbWorkbook *wb,
                      double      fraction)
{
  if (wb->progress != NULL)
    wb->progress (wb->progress_start + wb->progress_span * CLAMP (fraction, 0.0, 1.0),
                  wb->progress_data);
}

gboolean
eb_workbook_cancelled (EbWorkbook  *wb,
                       GError     **error)
{
  return g_cancellable_set_error_if_cancelled (wb->cancellable, error);
}

gboolean
eb_workbook_parse_color (const char *text,
                         guint32    *rgb)
{
  guint64 value;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  value = g_ascii_strtoull (text + 1, NULL, 16);
  *rgb = (guint32) value;
  return TRUE;
}

/* Black or white text, whichever reads better on the fill. */
static guint32
contrasting_text (guint32 fill)
{
  EbColor background = {
    ((fill >> 16) & 0xff) / 255.0, ((fill >> 8) & 0xff) / 255.0, (fill & 0xff) / 255.0
  };
  EbColor text = eb_color_contrasting (&background);

  return text.red > 0.5 ? 0xffffff : 0x000000;
}

lxw_format *
eb_workbook_get_format (EbWorkbook        *wb,
                        const EbCellStyle *style)
{
  g_autofree char *key = NULL;
  lxw_format *format;

  key = g_strdup_printf ("%d:%06x:%u:%d:%d:%d:%d:%s", style->filled,
                         style->filled ? style->fill : 0, style->indent, style->bold, style->wrap,
                         style->header, style->left,
                         style->num_format != NULL ? style->num_format : "");
  format = g_hash_table_lookup (wb->formats, key);
  if (format != NULL)
    return format;

  format = workbook_add_format (wb->workbook);
  /* Rows of several lines read from the top, in every column. */
  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);
  if (style->header)
    {
      format_set_bold (format);
      format_set_text_wrap (format);
      format_set_bottom (format, LXW_BORDER_THIN);
      if (!style->filled)
        format_set_bg_color (format, 0xe7e6e6);
    }
  if (style->filled)
    {
      format_set_bg_color (format, style->fill);
      format_set_font_color (format, contrasting_text (style->fill));
    }
  if (style->left)
    format_set_align (format, LXW_ALIGN_LEFT);
  if (style->indent > 0)
    format_set_indent (format, (uint8_t) MIN (style->indent, 15));
  if (style->bold)
    format_set_bold (format);
  if (style->wrap)
    format_set_text_wrap (format);
  if (style->num_format != NULL)
    format_set_num_format (format, style->num_format);
  g_hash_table_insert (wb->formats, g_steal_pointer (&key), format);
  return format;
}

char *
eb_workbook_truncate (const char *text)
{
  const char *end;

  if (g_utf8_strlen (text, -1) <= EB_WORKBOOK_MAX_TEXT)
    return g_strdup (text);
  /* Room for the ellipsis that says so. */
  end = g_utf8_offset_to_pointer (text, EB_WORKBOOK_MAX_TEXT - 1);
  return g_strdup_printf ("%.*s\xe2\x80\xa6", (int) (end - text), text);
}

void
eb_workbook_write_text (lxw_worksheet *sheet,
                        lxw_row_t      row,
                        lxw_col_t      col,
                        const char    *text,
                        lxw_format    *format)
{
  if (text == NULL || *text == '\0')
    {
      if (format != NULL)
        worksheet_write_blank (sheet, row, col, format);
      return;
    }
  /* worksheet_write_string never makes a formula of "=1+1": that takes
   * worksheet_write_formula, which nothing here calls. Characters are
   * counted only when the bytes could be too many: this runs per cell. */
  if (strlen (text) > EB_WORKBOOK_MAX_TEXT && g_utf8_strlen (text, -1) > EB_WORKBOOK_MAX_TEXT)
    {
      g_autofree char *cut = eb_workbook_truncate (text);

      worksheet_write_string (sheet, row, col, cut, format);
      return;
    }
  worksheet_write_string (sheet, row, col, text, format);
}

void
eb_workbook_write_number (lxw_worksheet *sheet,
                          lxw_row_t      row,
                          lxw_col_t      col,
                          double         value,
                          lxw_format    *format)
{
  if (isnan (value) || isinf (value))
    {
      if (format != NULL)
        worksheet_write_blank (sheet, row, col, format);
      return;
    }
  worksheet_write_number (sheet, row, col, value, format);
}

gboolean
eb_workbook_parse_number (const char *text,
                          double     *value)
{
  const char *digits = text;
  char *end = NULL;

  if (text == NULL || *text == '\0' || strspn (text, "0123456789.eE+-") != strlen (text))
    return FALSE;
  if (*digits == '-')
    digits++;
  /* "007" and "0123" are codes, not numbers; "0.5" and "0" are numbers. */
  if (digits[0] == '0' && g_ascii_isdigit (digits[1]))
    return FALSE;
  if (!g_ascii_isdigit (*digits) && !(*digits == '.' && g_ascii_isdigit (digits[1])))
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

gboolean
eb_workbook_parse_integer (const char *text,
                           double     *value)
{
  gsize length = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++, length++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  /* Beyond 15 digits Excel rounds; a leading zero would be lost. */
  if (length > 15 || (text[0] == '0' && length > 1))
    return FALSE;
  *value = g_ascii_strtod (text, NULL);
  return TRUE;
}

void
eb_workbook_write_respondent (EbWorkbook    *wb,
                              lxw_worksheet *sheet,
                              lxw_row_t      row,
                              lxw_col_t      col,
                              guint          survey_row,
                              lxw_format    *format)
{
  const char *id;
  double number;

  if (wb->pseudonyms != NULL)
    {
      eb_workbook_write_text (sheet, row, col, eb_pseudonyms_get_code (wb->pseudonyms, survey_row),
                              format);
      return;
    }
  id = wb->id_column >= 0 ? eb_survey_get_cell (wb->survey, survey_row, (guint) wb->id_column) : "";
  if (*id == '\0')
    eb_workbook_write_number (sheet, row, col, survey_row + 1, format);
  else if (eb_workbook_parse_integer (id, &number))
    eb_workbook_write_number (sheet, row, col, number, format);
  else
    eb_workbook_write_text (sheet, row, col, id, format);
}

guint
eb_workbook_text_width (const char *text)
{
  guint widest = 0, width = 0;

  if (text == NULL)
    return 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        {
          widest = MAX (widest, width);
          width = 0;
        }
      else
        width++;
    }
  return MAX (widest, width);
}

guint
eb_workbook_count_lines (const char *text,
                         double      width)
{
  /* Proportional text runs a little wider than Excel's digit unit. */
  glong room = MAX (1, (glong) ((width - 1) / 1.35));
  g_auto(GStrv) paragraphs = NULL;
  guint lines = 0;

  if (text == NULL || *text == '\0')
    return 1;
  paragraphs = g_strsplit (text, "\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[i], " ", -1);
      glong used = 0;

      lines++;
      for (guint w = 0; words[w] != NULL; w++)
        {
          glong length = g_utf8_strlen (words[w], -1);

          if (used > 0 && used + 1 + length > room)
            {
              lines++;
              used = 0;
            }
          /* A word longer than the column breaks across lines. */
          while (length > room)
            {
              lines++;
              length -= room;
            }
          used += (used > 0 ? 1 : 0) + length;
        }
    }
  return lines;
}

void
eb_workbook_set_row_lines (lxw_worksheet *sheet,
                           lxw_row_t      row,
                           guint          lines)
{
  /* 15 points a line at the default 11-point font; Excel stops at 409. */
  worksheet_set_row (sheet, row, MIN (15.0 * CLAMP (lines, 1, 27), 409.0), NULL);
}

lxw_row_t
eb_workbook_write_heading (EbWorkbook    *wb,
                           lxw_worksheet *sheet,
                           lxw_row_t      row,
                           const char    *title,
                           const char    *explanation)
{
  eb_workbook_write_text (sheet, row++, 0, title, wb->title);
  if (explanation != NULL)
    eb_workbook_write_text (sheet, row++, 0, explanation, wb->note);
  return row + 1;
}

GArray *
eb_workbook_dup_attribute_columns (EbWorkbook *wb)
{
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint c = 0; c < eb_survey_get_n_columns (wb->survey); c++)
    if (eb_survey_get_column_role (wb->survey, c) == EB_COLUMN_ROLE_ATTRIBUTE && !wb->dropped[c])
      g_array_append_val (columns, c);
  return columns;
}

guint
eb_workbook_theme_position (EbWorkbook *wb,
                            gint64      theme_id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (wb->theme_order, &theme_id));

  return index > 0 ? index - 1 : G_MAXUINT;
}

/* ---- What the coding says about one answer ---------------------------- */

void
eb_quote_notes_clear (EbQuoteNotes *notes)
{
  g_clear_pointer (&notes->themes, g_free);
  g_clear_pointer (&notes->spans, g_free);
  g_clear_pointer (&notes->coders, g_free);
  g_clear_pointer (&notes->memos, g_free);
  notes->first_theme = G_MAXUINT;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = *(const guint *) a, pb = *(const guint *) b;

  return pa < pb ? -1 : pa > pb;
}

/* A quote memo's key: its row and column. */
static gint64
memo_key (gint64 row,
          gint64 column)
{
  return (row << 16) | (column & 0xffff);
}

/* The memos a comment and the Quotes sheet show, read in one query
 * rather than with eb_coding_store_list_memos() per answer and per
 * coding: 40,000 queries for the benchmark's 20,000 coded answers took a
 * fifth of the export. Oldest first, as that function lists them. */
static gboolean
load_memos (EbWorkbook  *wb,
            GError     **error)
{
  sqlite3 *db = eb_project_get_database (wb->project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *quote_kind = eb_memo_target_to_string (EB_MEMO_TARGET_QUOTE);
  const char *coding_kind = eb_memo_target_to_string (EB_MEMO_TARGET_CODING);
  int rc;

  wb->quote_memos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  wb->coding_memos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  if (db == NULL ||
      sqlite3_prepare_v2 (db, "SELECT target_kind, target_id, target_column, author, body "
                          "FROM memos WHERE target_kind IN (?1, ?2) ORDER BY id", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      eb_project_set_db_error (wb->project, EB_PROJECT_ERROR_OPEN, "read the memos of", error);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, quote_kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, coding_kind, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      gboolean on_quote = g_strcmp0 (kind, quote_kind) == 0;
      GHashTable *table = on_quote ? wb->quote_memos : wb->coding_memos;
      gint64 key = on_quote ? memo_key (sqlite3_column_int64 (stmt, 1),
                                        sqlite3_column_int64 (stmt, 2))
                            : sqlite3_column_int64 (stmt, 1);
      GPtrArray *lines = g_hash_table_lookup (table, &key);

      if (lines == NULL)
        {
          lines = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (table, g_memdup2 (&key, sizeof key), lines);
        }
      g_ptr_array_add (lines, g_strdup_printf ("Memo (%s): %s",
                                               (const char *) sqlite3_column_text (stmt, 3),
                                               (const char *) sqlite3_column_text (stmt, 4)));
    }
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (wb->project, EB_PROJECT_ERROR_OPEN, "read the memos of", error);
      return FALSE;
    }
  return TRUE;
}

static void
append_memos (GString    *out,
              GHashTable *table,
              gint64      key)
{
  GPtrArray *lines = g_hash_table_lookup (table, &key);

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_ptr_array_index (lines, i));
    }
}

/* The quoted span of a coding, or "whole answer". */
static char *
describe_span (const EbCoding *coding,
               const char     *text)
{
  gsize start, end;

  if (eb_coding_is_whole (coding))
    return g_strdup ("whole answer");
  if (!eb_coding_get_byte_range (coding, text, &start, &end))
    return g_strdup_printf ("characters %d\xe2\x80\x93%d (no longer in the answer)",
                            eb_coding_get_start (coding), eb_coding_get_end (coding));
  return g_strdup_printf ("\xe2\x80\x9c%.*s\xe2\x80\x9d", (int) (end - start), text + start);
}

void
eb_workbook_describe_quote (EbWorkbook    *wb,
                            EbQuote       *quote,
                            EbQuoteNotes  *notes)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) themes = g_string_new (NULL);
  g_autoptr(GString) spans = g_string_new (NULL);
  g_autoptr(GString) coders = g_string_new (NULL);
  g_autoptr(GString) memos = g_string_new (NULL);
  EbCodebook *codebook = eb_coding_store_get_codebook (wb->store);
  guint n_codings = eb_quote_get_n_codings (quote);

  memset (notes, 0, sizeof *notes);
  notes->first_theme = G_MAXUINT;

  /* Themes in codebook order, each once, whoever coded them. */
  for (guint i = 0; i < n_codings; i++)
    {
      guint position = eb_workbook_theme_position (wb, eb_coding_get_theme_id (
                                                     eb_quote_get_coding (quote, i)));
      gboolean seen = FALSE;

      for (guint j = 0; j < positions->len && !seen; j++)
        seen = g_array_index (positions, guint, j) == position;
      if (!seen && position != G_MAXUINT)
        g_array_append_val (positions, position);
    }
  g_array_sort (positions, compare_positions);
  for (guint j = 0; j < positions->len; j++)
    {
      EbTheme *theme = g_ptr_array_index (wb->themes, g_array_index (positions, guint, j));

      if (themes->len > 0)
        g_string_append (themes, "; ");
      g_string_append (themes, eb_theme_get_name (theme));
    }
  if (positions->len > 0)
    notes->first_theme = g_array_index (positions, guint, 0);

  append_memos (memos, wb->quote_memos,
                memo_key (eb_quote_get_row (quote), eb_quote_get_column (quote)));

  for (guint i = 0; i < n_codings; i++)
    {
      EbCoding *coding = eb_quote_get_coding (quote, i);
      EbTheme *theme = eb_codebook_get_theme (codebook, eb_coding_get_theme_id (coding));
      g_autofree char *span = describe_span (coding, eb_quote_get_text (quote));
      const char *coder = eb_coding_get_coder (coding);
      g_autofree char *delimited = g_strconcat ("; ", coders->str, "; ", NULL);
      g_autofree char *needle = g_strconcat ("; ", coder, "; ", NULL);

      if (spans->len > 0)
        g_string_append_c (spans, '\n');
      g_string_append_printf (spans, "%s: %s (%s)",
                              theme != NULL ? eb_theme_get_name (theme) : "?", span, coder);
      if (strstr (delimited, needle) == NULL)
        {
          if (coders->len > 0)
            g_string_append (coders, "; ");
          g_string_append (coders, coder);
        }
      append_memos (memos, wb->coding_memos, eb_coding_get_id (coding));
    }

  notes->themes = g_string_free (g_steal_pointer (&themes), FALSE);
  notes->spans = g_string_free (g_steal_pointer (&spans), FALSE);
  notes->coders = g_string_free (g_steal_pointer (&coders), FALSE);
  notes->memos = g_string_free (g_steal_pointer (&memos), FALSE);
}

/* ---- Setting up an export ---------------------------------------------- */

/* SOURCE_DATE_EPOCH (reproducible builds' convention) when it is set to a
 * number of seconds, else now. */
static GDateTime *
get_export_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  gint64 seconds;

  if (epoch != NULL && g_ascii_string_to_signed (epoch, 10, 0, G_MAXINT64 / G_USEC_PER_SEC,
                                                 &seconds, NULL))
    return g_date_time_new_from_unix_utc (seconds);
  return g_date_time_new_now_utc ();
}

/* The time of the project's last recorded change: what the workbook's
 * data is as of, the same for every export of an unchanged project. */
static gboolean
read_last_change (EbProject  *project,
                  GDateTime **last_change,
                  GError    **error)
{
  sqlite3 *db = eb_project_get_database (project);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *text;

  *last_change = NULL;
  if (db == NULL || sqlite3_prepare_v2 (db, "SELECT MAX(time) FROM audit", -1, &stmt,
                                        NULL) != SQLITE_OK)
    {
      eb_project_set_db_error (project, EB_PROJECT_ERROR_OPEN, "read the audit trail of",
                               error);
      return FALSE;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      (text = (const char *) sqlite3_column_text (stmt, 0)) != NULL)
    *last_change = g_date_time_new_from_iso8601 (text, NULL);
  return TRUE;
}

static void
create_common_formats (EbWorkbook *wb)
{
  const EbCellStyle top = { 0 };
  const EbCellStyle header = { .header = TRUE };
  const EbCellStyle wrap = { .wrap = TRUE };
  const EbCellStyle bold = { .bold = TRUE };
  const EbCellStyle integer = { .num_format = "0" };
  const EbCellStyle decimal1 = { .num_format = "0.0" };
  const EbCellStyle decimal2 = { .num_format = "0.00" };
  const EbCellStyle decimal3 = { .num_format = "0.000" };
  const EbCellStyle percent = { .num_format = "0.0%" };

  wb->title = workbook_add_format (wb->workbook);
  format_set_bold (wb->title);
  format_set_font_size (wb->title, 13);
  wb->heading = workbook_add_format (wb->workbook);
  format_set_bold (wb->heading);
  wb->note = workbook_add_format (wb->workbook);
  format_set_italic (wb->note);
  format_set_font_color (wb->note, 0x595959);
  wb->top = eb_workbook_get_format (wb, &top);
  wb->header = eb_workbook_get_format (wb, &header);
  wb->wrap = eb_workbook_get_format (wb, &wrap);
  wb->bold = eb_workbook_get_format (wb, &bold);
  wb->integer = eb_workbook_get_format (wb, &integer);
  wb->decimal1 = eb_workbook_get_format (wb, &decimal1);
  wb->decimal2 = eb_workbook_get_format (wb, &decimal2);
  wb->decimal3 = eb_workbook_get_format (wb, &decimal3);
  wb->percent = eb_workbook_get_format (wb, &percent);
}

static void
clear_workbook (EbWorkbook *wb)
{
  g_clear_object (&wb->store);
  g_clear_object (&wb->survey);
  g_clear_pointer (&wb->pseudonyms, eb_pseudonyms_free);
  g_clear_pointer (&wb->dropped, g_free);
  g_clear_pointer (&wb->themes, g_ptr_array_unref);
  g_clear_pointer (&wb->theme_order, g_hash_table_unref);
  g_clear_pointer (&wb->theme_ids, g_free);
  g_clear_pointer (&wb->scale_sets, g_ptr_array_unref);
  g_clear_pointer (&wb->exported, g_date_time_unref);
  g_clear_pointer (&wb->data_as_of, g_date_time_unref);
  g_clear_pointer (&wb->formats, g_hash_table_unref);
  g_clear_pointer (&wb->quote_memos, g_hash_table_unref);
  g_clear_pointer (&wb->coding_memos, g_hash_table_unref);
  /* The workbook is closed or freed by its owner. */
  wb->workbook = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EbWorkbook, clear_workbook)

/* Everything the sheets read, gathered once. */
static gboolean
prepare (EbWorkbook  *wb,
         GError     **error)
{
  guint n_columns = eb_survey_get_n_columns (wb->survey);

  if (wb->project != NULL)
    {
      wb->store = eb_coding_store_new (wb->project, wb->survey, NULL, error);
      if (wb->store == NULL || !read_last_change (wb->project, &wb->data_as_of, error) ||
          !load_memos (wb, error))
        return FALSE;
      wb->themes = eb_codebook_dup_themes (eb_coding_store_get_codebook (wb->store));
    }
  else
    wb->themes = g_ptr_array_new_with_free_func (g_object_unref);

  /* Keys point into theme_ids, which lives as long as the table. */
  wb->theme_ids = g_new (gint64, MAX (wb->themes->len, 1));
  wb->theme_order = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < wb->themes->len; i++)
    {
      wb->theme_ids[i] = eb_theme_get_id (g_ptr_array_index (wb->themes, i));
      g_hash_table_insert (wb->theme_order, &wb->theme_ids[i], GUINT_TO_POINTER (i + 1));
    }

  wb->id_column = eb_survey_get_id_column (wb->survey);

  wb->dropped = g_new0 (gboolean, MAX (n_columns, 1));
  if (wb->options->pseudonymise)
    {
      wb->pseudonyms = eb_pseudonyms_new (wb->survey);
      for (guint c = 0; c < n_columns; c++)
        wb->dropped[c] = eb_column_is_identifying (wb->survey, c);
    }
  wb->scale_sets = eb_survey_dup_likert_sets (wb->survey);
  wb->exported = get_export_time ();
  wb->formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return TRUE;
}

/* Adds a worksheet in the mode its writer asks for. libxlsxwriter chooses
 * constant-memory mode per workbook, but it reads the workbook's option
 * only when a worksheet is added and copies it into the worksheet's
 * "optimize" flag, which is all that its writing, comments and chart
 * caches look at afterwards (1.1.4); so setting the option around each
 * addition gives every sheet its own mode. The check below makes sure the
 * library still behaves so. */
static lxw_worksheet *
add_sheet (EbWorkbook        *wb,
           const SheetWriter *writer)
{
  lxw_worksheet *sheet;

  wb->workbook->options.constant_memory = writer->constant_memory ? LXW_TRUE : LXW_FALSE;
  sheet = workbook_add_worksheet (wb->workbook, writer->name);
  wb->workbook->options.constant_memory = LXW_FALSE;
  if (sheet != NULL && (sheet->optimize != 0) != writer->constant_memory)
    g_warning ("libxlsxwriter ignored the memory mode of the sheet “%s”", writer->name);
  return sheet;
}

static void
set_properties (EbWorkbook *wb)
{
  g_autofree char *title = wb->project != NULL ? eb_project_dup_title (wb->project) : NULL;
  g_autofree char *source = eb_survey_get_source_file (wb->survey) != NULL
                            ? g_path_get_basename (eb_survey_get_source_file (wb->survey)) : NULL;
  g_autofree char *full_title = g_strdup_printf ("%s \xe2\x80\x94 Evalbench workbook",
                                                 title != NULL ? title
                                                 : source != NULL ? source : "Survey");
  g_autofree char *comments = g_strdup_printf ("Written by Evalbench %s", PACKAGE_VERSION);
  lxw_doc_properties properties = { 0 };
  GDateTime *created = g_getenv ("SOURCE_DATE_EPOCH") != NULL || wb->data_as_of == NULL
                       ? wb->exported : wb->data_as_of;

  properties.title = full_title;
  properties.comments = comments;
  /* Never 0, which libxlsxwriter replaces with the current time. */
  properties.created = (time_t) MAX (g_date_time_to_unix (created), 1);
  workbook_set_properties (wb->workbook, &properties);
}

/* A file beside PATH to write into, so that PATH is replaced only by a
 * complete workbook; created with the mode a new file gets. */
static char *
create_partial_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *partial = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (partial, O_RDWR | O_CLOEXEC, 0666);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot write the workbook “%s”: %s", path, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&partial);
}

static gboolean
write_sheets (EbWorkbook  *wb,
              GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (sheet_writers); i++)
    {
      const SheetWriter *writer = &sheet_writers[i];
      lxw_worksheet *sheet;

      if (eb_workbook_cancelled (wb, error))
        return FALSE;
      sheet = add_sheet (wb, writer);
      if (sheet == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "Cannot add the sheet “%s” to the workbook", writer->name);
          return FALSE;
        }
      if (writer->fit_width)
        {
          worksheet_set_landscape (sheet);
          worksheet_fit_to_pages (sheet, 1, 0);
        }
      if (!writer->write (wb, sheet, error))
        return FALSE;
      wb->progress_start += wb->progress_span;
      eb_workbook_progress (wb, 0.0);
      if (i + 1 < G_N_ELEMENTS (sheet_writers))
        wb->progress_span = sheet_writers[i + 1].weight;
    }
  return TRUE;
}

gboolean
eb_workbook_export (EbProject                *project,
                    EbSurvey                 *survey,
                    const char               *path,
                    const EbWorkbookOptions  *options,
                    GCancellable             *cancellable,
                    EbProgressFunc            progress,
                    gpointer                  progress_data,
                    GError                  **error)
{
  g_auto(EbWorkbook) wb = { 0 };
  g_autofree char *partial = NULL;
  lxw_workbook_options lxw_options = { .constant_memory = LXW_FALSE };
  lxw_error status;

  g_return_val_if_fail (project == NULL || EB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (survey == NULL || EB_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (project != NULL || survey != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->dpi > 0 && options->width_mm > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  wb.project = project;
  wb.options = options;
  wb.cancellable = cancellable;
  wb.progress = progress;
  wb.progress_data = progress_data;
  wb.progress_span = sheet_writers[0].weight;
  if (survey != NULL)
    wb.survey = g_object_ref (survey);
  else if ((wb.survey = eb_project_load_survey (project, error)) == NULL)
    {
      if (error == NULL || *error == NULL)
        {
          g_autofree char *title = eb_project_dup_title (project);

          g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                       "“%s” holds no survey yet: there is nothing to export", title);
        }
      return FALSE;
    }
  g_return_val_if_fail (options->group_column < (int) eb_survey_get_n_columns (wb.survey), FALSE);

  if (!prepare (&wb, error) || eb_workbook_cancelled (&wb, error))
    return FALSE;
  partial = create_partial_file (path, error);
  if (partial == NULL)
    return FALSE;

  wb.workbook = workbook_new_opt (partial, &lxw_options);
  if (wb.workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot write the workbook “%s”: out of memory", path);
      g_unlink (partial);
      return FALSE;
    }
  create_common_formats (&wb);
  set_properties (&wb);
  eb_workbook_progress (&wb, 0.0);

  if (!write_sheets (&wb, error))
    {
      /* Freeing without closing writes nothing. */
      lxw_workbook_free (wb.workbook);
      g_unlink (partial);
      return FALSE;
    }

  status = workbook_close (wb.workbook);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write the workbook “%s”: %s",
                   path, lxw_strerror (status));
      g_unlink (partial);
      return FALSE;
    }
  if (g_rename (partial, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot write the workbook “%s”: %s", path, g_strerror (saved));
      g_unlink (partial);
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}
