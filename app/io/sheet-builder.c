/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-sheet-builder"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "header-detect.h"
#include "sheet-builder.h"

/* The survey keeps a pointer for every cell of its rows × columns, filled
 * or not: a sheet that spans more than this (a stray value in XFD1048576)
 * is refused rather than allowed to take all memory. */
#define MAX_GRID_CELLS G_GUINT64_CONSTANT (100000000)

/* The messages spell these out. */
G_STATIC_ASSERT (EB_SHEET_MAX_ROWS == 1048576);
G_STATIC_ASSERT (EB_SHEET_MAX_COLUMNS == 16384);

/* A shared string or a repeated ODS cell is stored once but counts in
 * every cell that shows it: past this much text in all, a small file
 * would make a survey that takes minutes to go through. */
#define MAX_TEXT_BYTES (G_GUINT64_CONSTANT (2) << 30)

/* Merged cells matter only in the header; a sheet may have very many. */
#define MAX_MERGES 100000

/* Rows go to the survey's thread this many at a time. */
#define BATCH_ROWS 4096

/* Texts are kept in blocks that never move, so that the survey's thread
 * can read them while the reader adds more. */
#define STORE_BLOCK_SIZE (1024 * 1024)

typedef struct
{
  guint32      column;
  EbSheetText  text;
} Cell;

typedef struct
{
  guint32 sheet_row;
  guint32 first_cell;   /* into its batch's cells; the row ends where the next begins */
} Row;

/* Rows with something in them, and their cells. */
typedef struct
{
  GArray *rows;    /* Row */
  GArray *cells;   /* Cell */
} Batch;

typedef struct
{
  guint32 first_row;
  guint32 first_column;
  guint32 last_row;
  guint32 last_column;
} Merge;

/* What the survey's thread works with. It owns everything here until it
 * is joined. */
typedef struct
{
  GAsyncQueue  *queue;       /* Batch *, then end_of_rows or abort_rows */
  EbSurvey     *survey;
  GHashTable   *used;        /* column titles taken */
  char        **titles;      /* from the header as known when it started */
  guint         n_titles;
  const char  **cells;       /* a row being appended */
  guint         n_cells;
  guint         previous_row;
  gboolean      any_row;
} Filler;

struct _EbSheetBuilder
{
  char         *file_name;
  char         *sheet;
  int           requested_rows;  /* -1: detect */
  gboolean      decided;       /* whether header_rows and style are known */
  guint         header_rows;
  EbHeaderStyle style;

  GPtrArray    *store;        /* char *, blocks of STORE_BLOCK_SIZE or more */
  char         *store_next;
  gsize         store_left;

  Batch         header;       /* the header rows, kept to the end; until
                               * decided, the first rows, for detection */
  Batch        *batch;        /* answers not yet given to the survey's thread */
  Batch        *target;       /* where the row being read goes */
  guint         n_answers;    /* rows of answers with something in them */
  GArray       *merges;       /* Merge */

  gboolean      in_row;
  guint         row;          /* the row being read */
  guint         next_row;     /* the first row that may come next */
  guint         row_first_cell;
  gboolean      row_filled;
  guint         n_columns;    /* one past the last column with text */
  guint64       text_bytes;   /* in all the cells */

  Filler        filler;
  GThread      *thread;

  guint         error_row;
  guint         error_column;
};

/* Markers at the end of the survey thread's queue. */
static Batch end_of_rows;
static Batch abort_rows;

EbSheetInfo *
eb_sheet_info_new (const char *name,
                   gboolean    hidden)
{
  EbSheetInfo *info = g_new0 (EbSheetInfo, 1);

  info->name = g_strdup (name);
  info->hidden = hidden;
  return info;
}

void
eb_sheet_info_free (EbSheetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info);
}

gboolean
eb_sheet_name_matches (const char *name,
                       const char *wanted)
{
  g_autofree char *name_folded = NULL;
  g_autofree char *wanted_folded = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (wanted != NULL, FALSE);

  if (strcmp (name, wanted) == 0)
    return TRUE;
  name_folded = g_utf8_casefold (name, -1);
  wanted_folded = g_utf8_casefold (wanted, -1);
  return strcmp (name_folded, wanted_folded) == 0;
}

void
eb_sheet_column_letters (guint column,
                         char  letters[8])
{
  char reversed[8];
  guint n = 0;

  g_return_if_fail (column > 0);

  /* Bijective base 26: A..Z, AA..ZZ, AAA.. */
  while (column > 0 && n < sizeof reversed)
    {
      column--;
      reversed[n++] = (char) ('A' + column % 26);
      column /= 26;
    }
  for (guint i = 0; i < n; i++)
    letters[i] = reversed[n - 1 - i];
  letters[MIN (n, 7u)] = '\0';
}

char *
eb_sheet_describe_place (const char *file_name,
                         const char *sheet,
                         guint       row,
                         guint       column)
{
  GString *place = g_string_new (NULL);

  g_return_val_if_fail (file_name != NULL, NULL);

  g_string_append_printf (place, "“%s”", file_name);
  if (sheet != NULL)
    g_string_append_printf (place, ", sheet “%s”", sheet);
  if (row > 0)
    g_string_append_printf (place, ", row %u", row);
  if (column > 0)
    {
      char letters[8];

      eb_sheet_column_letters (column, letters);
      g_string_append_printf (place, ", column %s", letters);
    }
  return g_string_free (place, FALSE);
}

/* Integers are the common case (ids, codes, counts): they keep their
 * text, which %.15g would give back unchanged anyway. */
static gboolean
is_plain_integer (const char *text)
{
  const char *digits = *text == '-' ? text + 1 : text;
  gsize n = 0;

  while (g_ascii_isdigit (digits[n]))
    n++;
  return digits[n] == '\0' && n > 0 && n <= 15 &&
         (digits[0] != '0' || (n == 1 && digits == text));
}

void
eb_sheet_format_number (double number,
                        char   buffer[EB_SHEET_VALUE_SIZE])
{
  if (number == 0.0)
    number = 0.0;  /* not "-0" */
  g_ascii_formatd (buffer, EB_SHEET_VALUE_SIZE, "%.15g", number);
}

const char *
eb_sheet_number_text (const char *text,
                      char        buffer[EB_SHEET_VALUE_SIZE])
{
  char *end = NULL;
  double number;

  g_return_val_if_fail (text != NULL, NULL);

  if (is_plain_integer (text))
    return text;
  number = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || end == NULL || *end != '\0' || !isfinite (number))
    return NULL;
  eb_sheet_format_number (number, buffer);
  return buffer;
}

/* SECONDS < 0: a date alone; else the time of day, to the minute. */
void
eb_sheet_format_date (int    year,
                      guint  month,
                      guint  day,
                      int    seconds,
                      char   buffer[EB_SHEET_VALUE_SIZE])
{
  if (seconds < 0)
    g_snprintf (buffer, EB_SHEET_VALUE_SIZE, "%04d-%02u-%02u", year, month, day);
  else
    g_snprintf (buffer, EB_SHEET_VALUE_SIZE, "%04d-%02u-%02u %02d:%02d",
                year, month, day, seconds / 3600, seconds / 60 % 60);
}

/* Hours go past 24 for a duration. */
void
eb_sheet_format_time (gint64 seconds,
                      char   buffer[EB_SHEET_VALUE_SIZE])
{
  const char *sign = seconds < 0 ? "-" : "";

  if (seconds < 0)
    seconds = -seconds;
  g_snprintf (buffer, EB_SHEET_VALUE_SIZE, "%s%02" G_GINT64_FORMAT ":%02d:%02d", sign,
              seconds / 3600, (int) (seconds / 60 % 60), (int) (seconds % 60));
}

/* Reads exactly N digits. */
static gboolean
read_digits (const char **p,
             guint        n,
             guint       *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *value = *value * 10 + (guint) ((*p)[i] - '0');
    }
  *p += n;
  return TRUE;
}

gboolean
eb_sheet_format_iso_date (const char *text,
                          char        buffer[EB_SHEET_VALUE_SIZE])
{
  const char *p = text;
  guint year, month, day, hour, minute, second = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!read_digits (&p, 4, &year) || *p++ != '-' || !read_digits (&p, 2, &month) ||
      *p++ != '-' || !read_digits (&p, 2, &day) ||
      month < 1 || month > 12 || day < 1 || day > 31)
    return FALSE;
  if (*p == '\0')
    {
      eb_sheet_format_date ((int) year, month, day, -1, buffer);
      return TRUE;
    }
  if ((*p != 'T' && *p != ' ') || (p++, !read_digits (&p, 2, &hour)) || *p++ != ':' ||
      !read_digits (&p, 2, &minute) || hour > 23 || minute > 59)
    return FALSE;
  /* Seconds, their fraction and a time zone do not show. */
  if (*p == ':' && (p++, !read_digits (&p, 2, &second)))
    return FALSE;
  eb_sheet_format_date ((int) year, month, day, (int) (hour * 3600 + minute * 60), buffer);
  return TRUE;
}

gboolean
eb_sheet_format_iso_time (const char *text,
                          char        buffer[EB_SHEET_VALUE_SIZE])
{
  const char *p = text;
  gboolean negative = FALSE;
  gboolean in_time = FALSE;
  double seconds = 0.0;

  g_return_val_if_fail (text != NULL, FALSE);

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (*p++ != 'P' || *p == '\0')
    return FALSE;
  while (*p != '\0')
    {
      char *end = NULL;
      double value;

      if (*p == 'T' && !in_time)
        {
          in_time = TRUE;
          p++;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = g_ascii_strtod (p, &end);
      if (end == NULL || end == p || value > 1e9)
        return FALSE;
      p = end;
      /* Days before the T; hours, minutes and seconds after it. */
      if ((*p == 'D') == in_time)
        return FALSE;
      switch (*p++)
        {
        case 'D':
          seconds += value * 86400;
          break;
        case 'H':
          seconds += value * 3600;
          break;
        case 'M':
          seconds += value * 60;
          break;
        case 'S':
          seconds += value;
          break;
        default:
          return FALSE;
        }
    }
  eb_sheet_format_time ((gint64) (negative ? -1 : 1) * (gint64) (seconds + 0.5), buffer);
  return TRUE;
}

static gboolean set_error (EbSheetBuilder  *self,
                           GError         **error,
                           EbImportError    code,
                           guint            row,
                           guint            column,
                           const char      *format,
                           ...) G_GNUC_PRINTF (6, 7);

/* ROW and COLUMN count from 0 here, or are G_MAXUINT when not applicable. */
static gboolean
set_error (EbSheetBuilder  *self,
           GError         **error,
           EbImportError    code,
           guint            row,
           guint            column,
           const char      *format,
           ...)
{
  g_autofree char *place = NULL;
  g_autofree char *what = NULL;
  va_list args;

  self->error_row = row == G_MAXUINT ? 0 : row + 1;
  self->error_column = column == G_MAXUINT ? 0 : column + 1;
  place = eb_sheet_describe_place (self->file_name, self->sheet,
                                   self->error_row, self->error_column);
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, EB_IMPORT_ERROR, code, "%s: %s", place, what);
  return FALSE;
}

static void
batch_init (Batch *batch,
            guint  n_rows)
{
  batch->rows = g_array_sized_new (FALSE, FALSE, sizeof (Row), n_rows);
  batch->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), n_rows * 16);
}

static Batch *
batch_new (void)
{
  Batch *batch = g_new (Batch, 1);

  batch_init (batch, BATCH_ROWS);
  return batch;
}

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->rows, g_array_unref);
  g_clear_pointer (&batch->cells, g_array_unref);
}

static void
batch_free (Batch *batch)
{
  batch_clear (batch);
  g_free (batch);
}

static guint
row_end (const Batch *batch,
         guint        index)
{
  if (index + 1 < batch->rows->len)
    return g_array_index (batch->rows, Row, index + 1).first_cell;
  return batch->cells->len;
}

/* Fills CELLS (N_COLUMNS long) with row INDEX's texts; NULL where empty. */
static void
fill_row (const Batch  *batch,
          guint         index,
          const char  **cells,
          guint         n_columns)
{
  const Row *row = &g_array_index (batch->rows, Row, index);
  guint end = row_end (batch, index);

  memset (cells, 0, n_columns * sizeof *cells);
  for (guint i = row->first_cell; i < end; i++)
    {
      const Cell *cell = &g_array_index (batch->cells, Cell, i);

      if (cell->column < n_columns)
        cells[cell->column] = cell->text;
    }
}

/* ---- titles ------------------------------------------------------------ */

/* The header rows' cells, N_COLUMNS to a row, with each merged range
 * showing its first cell's value over the whole range: the question text
 * above its sub-questions, as SurveyMonkey and hand-made headers have it,
 * belongs to each of them. */
static const char **
collect_header (EbSheetBuilder *self,
                guint           n_columns)
{
  guint n_rows = self->header.rows->len;
  const char **header = g_new0 (const char *, (gsize) n_rows * n_columns + 1);

  for (guint h = 0; h < n_rows; h++)
    fill_row (&self->header, h, header + (gsize) h * n_columns, n_columns);

  for (guint m = 0; m < self->merges->len; m++)
    {
      const Merge *merge = &g_array_index (self->merges, Merge, m);
      const char *value = NULL;

      for (guint h = 0; h < n_rows; h++)
        if (g_array_index (self->header.rows, Row, h).sheet_row == merge->first_row &&
            merge->first_column < n_columns)
          value = header[h * n_columns + merge->first_column];
      if (value == NULL)
        continue;

      for (guint h = 0; h < n_rows; h++)
        {
          guint sheet_row = g_array_index (self->header.rows, Row, h).sheet_row;

          if (sheet_row < merge->first_row || sheet_row > merge->last_row)
            continue;
          for (guint c = merge->first_column; c <= merge->last_column && c < n_columns; c++)
            header[h * n_columns + c] = value;
        }
    }
  return header;
}

/* Every column gets a distinct title, so that a column can be found by
 * name: the second "Q1" becomes "Q1 (2)". USED owns what it is given. */
static const char *
make_unique (GHashTable *used,
             const char *title)
{
  char *unique = g_strdup (title);

  for (guint k = 2; g_hash_table_contains (used, unique); k++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s (%u)", title, k);
    }
  g_hash_table_add (used, unique);
  return unique;
}

/* The titles of the first N_COLUMNS columns from the header and merges
 * known now, as the survey tool whose export it is means them. */
static char **
make_titles (EbSheetBuilder *self,
             guint           n_columns)
{
  guint n_rows = self->header.rows->len;
  g_autofree const char **header = collect_header (self, n_columns);
  g_autofree const char * const **rows = g_new0 (const char * const *, MAX (n_rows, 1));
  g_autofree guint *n_cells = g_new0 (guint, MAX (n_rows, 1));

  for (guint h = 0; h < n_rows; h++)
    {
      rows[h] = header + (gsize) h * n_columns;
      n_cells[h] = n_columns;
    }
  return eb_header_titles (rows, n_cells, n_rows, n_rows, n_columns, self->style);
}

/* ---- header rows ------------------------------------------------------- */

/* The header rows are decided from the first non-blank rows, whether
 * detected or given: the style also says how the rows make titles. The
 * rows read past the header move to the answers. Merges are not applied
 * here, as an Excel workbook lists them only after its data. */
static void
decide_header (EbSheetBuilder *self)
{
  Batch *header = &self->header;
  guint n_rows = header->rows->len;
  guint n_columns = self->n_columns;
  g_autofree const char **cells = g_new0 (const char *,
                                          (gsize) MAX (n_rows, 1) * MAX (n_columns, 1));
  g_autofree const char * const **rows = g_new0 (const char * const *, MAX (n_rows, 1));
  g_autofree guint *n_cells = g_new0 (guint, MAX (n_rows, 1));
  guint detected;
  guint first_moved;

  for (guint h = 0; h < n_rows; h++)
    {
      fill_row (header, h, cells + (gsize) h * n_columns, n_columns);
      rows[h] = cells + (gsize) h * n_columns;
      n_cells[h] = n_columns;
    }
  detected = eb_header_detect (rows, n_cells, n_rows, &self->style);
  self->header_rows = self->requested_rows < 0 ? detected : (guint) self->requested_rows;
  self->decided = TRUE;
  if (n_rows <= self->header_rows)
    return;

  /* The answers' batch is still empty: every row so far was kept here. */
  first_moved = g_array_index (header->rows, Row, self->header_rows).first_cell;
  for (guint h = self->header_rows; h < n_rows; h++)
    {
      Row row = g_array_index (header->rows, Row, h);
      guint end = row_end (header, h);
      Row moved = { row.sheet_row, self->batch->cells->len };

      g_array_append_vals (self->batch->cells, &g_array_index (header->cells, Cell, row.first_cell),
                           end - row.first_cell);
      g_array_append_val (self->batch->rows, moved);
      self->n_answers++;
    }
  g_array_set_size (header->rows, self->header_rows);
  g_array_set_size (header->cells, first_moved);
}

/* Whether the next row belongs in the header batch. */
static gboolean
takes_header_row (EbSheetBuilder *self)
{
  return !self->decided || self->header.rows->len < self->header_rows;
}

/* Counts a row just kept in TARGET, and decides the header once detection
 * has seen all the rows it looks at. */
static void
count_row (EbSheetBuilder *self,
           Batch          *target)
{
  if (target != &self->header)
    self->n_answers++;
  else if (!self->decided && target->rows->len >= EB_HEADER_DETECT_ROWS)
    decide_header (self);
}

/* ---- the survey's thread ----------------------------------------------- */

static void
add_filler_column (Filler *filler)
{
  guint column = eb_survey_get_n_columns (filler->survey);
  g_autofree char *fallback = NULL;
  const char *title;

  if (column < filler->n_titles)
    title = filler->titles[column];
  else
    title = fallback = g_strdup_printf ("Column %u", column + 1);
  eb_survey_add_column (filler->survey, make_unique (filler->used, title));
}

static void
fill_batch (Filler *filler,
            Batch  *batch)
{
  for (guint i = 0; i < batch->rows->len; i++)
    {
      guint sheet_row = g_array_index (batch->rows, Row, i).sheet_row;
      guint end = row_end (batch, i);
      guint n_columns = eb_survey_get_n_columns (filler->survey);

      /* Columns first seen in the answers. */
      for (guint c = g_array_index (batch->rows, Row, i).first_cell; c < end; c++)
        while (g_array_index (batch->cells, Cell, c).column >= n_columns)
          {
            add_filler_column (filler);
            n_columns++;
          }
      if (n_columns > filler->n_cells)
        {
          filler->n_cells = MAX (n_columns, 2 * filler->n_cells);
          filler->cells = g_renew (const char *, filler->cells, filler->n_cells);
        }

      /* Blank rows among the answers stay, as the spreadsheet shows them;
       * those between the header and the first answer do not. */
      if (filler->any_row)
        for (guint blank = filler->previous_row + 1; blank < sheet_row; blank++)
          eb_survey_append_row (filler->survey, NULL, 0);
      fill_row (batch, i, filler->cells, n_columns);
      eb_survey_append_row (filler->survey, filler->cells, n_columns);
      filler->previous_row = sheet_row;
      filler->any_row = TRUE;
    }
}

static gpointer
fill_survey (gpointer data)
{
  Filler *filler = data;
  gboolean aborted = FALSE;

  for (guint c = 0; c < filler->n_titles; c++)
    add_filler_column (filler);

  for (;;)
    {
      Batch *batch = g_async_queue_pop (filler->queue);

      if (batch == &end_of_rows)
        break;
      if (batch == &abort_rows)
        {
          aborted = TRUE;
          break;
        }
      fill_batch (filler, batch);
      batch_free (batch);
    }
  return GINT_TO_POINTER (!aborted);
}

/* The thread starts with the first answer: the header is complete. */
static void
start_filling (EbSheetBuilder *self)
{
  Filler *filler = &self->filler;
  guint n_columns = self->n_columns;

  filler->queue = g_async_queue_new ();
  filler->survey = eb_survey_new ();
  filler->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  filler->titles = make_titles (self, n_columns);
  filler->n_titles = n_columns;
  filler->n_cells = MAX (n_columns, 16);
  filler->cells = g_new0 (const char *, filler->n_cells);
  self->thread = g_thread_new ("eb-sheet-builder", fill_survey, filler);
}

static void
send_batch (EbSheetBuilder *self)
{
  if (self->batch->rows->len == 0)
    return;
  if (self->thread == NULL)
    start_filling (self);
  g_async_queue_push (self->filler.queue, self->batch);
  self->batch = batch_new ();
}

/* Joins the survey's thread; returns whether it filled the survey. */
static gboolean
stop_filling (EbSheetBuilder *self,
              Batch          *marker)
{
  gboolean filled;

  if (self->thread == NULL)
    return FALSE;
  g_async_queue_push (self->filler.queue, marker);
  filled = GPOINTER_TO_INT (g_thread_join (self->thread));
  self->thread = NULL;
  return filled;
}

static void
filler_clear (Filler *filler)
{
  Batch *batch;

  if (filler->queue != NULL)
    while ((batch = g_async_queue_try_pop (filler->queue)) != NULL)
      if (batch != &end_of_rows && batch != &abort_rows)
        batch_free (batch);
  g_clear_pointer (&filler->queue, g_async_queue_unref);
  g_clear_object (&filler->survey);
  g_clear_pointer (&filler->used, g_hash_table_unref);
  g_clear_pointer (&filler->titles, g_strfreev);
  g_clear_pointer (&filler->cells, g_free);
}

/* ---- public API -------------------------------------------------------- */

EbSheetBuilder *
eb_sheet_builder_new (const char *file_name,
                      const char *sheet,
                      int         header_rows)
{
  EbSheetBuilder *self;

  g_return_val_if_fail (file_name != NULL, NULL);

  self = g_new0 (EbSheetBuilder, 1);
  self->file_name = g_strdup (file_name);
  self->sheet = g_strdup (sheet);
  self->requested_rows = header_rows < 0 ? -1 : header_rows;
  self->style = EB_HEADER_STYLE_PLAIN;
  self->store = g_ptr_array_new_with_free_func (g_free);
  batch_init (&self->header, EB_HEADER_DETECT_ROWS);
  self->batch = batch_new ();
  self->merges = g_array_new (FALSE, FALSE, sizeof (Merge));
  return self;
}

void
eb_sheet_builder_free (EbSheetBuilder *self)
{
  if (self == NULL)
    return;
  stop_filling (self, &abort_rows);
  filler_clear (&self->filler);
  g_free (self->file_name);
  g_free (self->sheet);
  g_ptr_array_unref (self->store);
  batch_clear (&self->header);
  batch_free (self->batch);
  g_array_unref (self->merges);
  g_free (self);
}

/* For readers that learn the sheet's name as they go. */
void
eb_sheet_builder_set_sheet (EbSheetBuilder *self,
                            const char     *sheet)
{
  g_return_if_fail (self != NULL);

  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
}

EbSheetText
eb_sheet_builder_store (EbSheetBuilder *self,
                        const char     *text,
                        gsize           len)
{
  char *stored;

  g_return_val_if_fail (self != NULL, "");
  g_return_val_if_fail (text != NULL || len == 0, "");

  if (len == 0)
    return "";
  if (len + 1 > self->store_left)
    {
      gsize size = MAX (len + 1, STORE_BLOCK_SIZE);

      self->store_next = g_malloc (size);
      self->store_left = size;
      g_ptr_array_add (self->store, self->store_next);
    }
  stored = self->store_next;
  memcpy (stored, text, len);
  stored[len] = '\0';
  self->store_next += len + 1;
  self->store_left -= len + 1;
  return stored;
}

gboolean
eb_sheet_builder_begin_row (EbSheetBuilder  *self,
                            guint            row,
                            GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* Rows do not nest in a sheet any program writes; a damaged file's
   * second row would mix its cells into the first. */
  if (self->in_row)
    return set_error (self, error, EB_IMPORT_ERROR_CORRUPT, self->row, G_MAXUINT,
                      "another row begins inside this one; expected each row to end before "
                      "the next");
  /* A row that goes back would land in the wrong place: only a damaged or
   * hand-made file does that. */
  if (row < self->next_row)
    return set_error (self, error, EB_IMPORT_ERROR_CORRUPT, row, G_MAXUINT,
                      "this row comes after row %u in the file; expected the rows "
                      "in order, as spreadsheet programs write them",
                      self->next_row);
  self->in_row = TRUE;
  self->row = row;
  self->target = takes_header_row (self) ? &self->header : self->batch;
  self->row_first_cell = self->target->cells->len;
  self->row_filled = FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static gboolean
check_grid (EbSheetBuilder  *self,
            guint            last_row,
            guint            column,
            GError         **error)
{
  guint64 n_columns = MAX (self->n_columns, column + 1);
  guint64 n_rows = (guint64) last_row + 1;

  if (last_row >= EB_SHEET_MAX_ROWS)
    return set_error (self, error, EB_IMPORT_ERROR_TOO_LARGE, last_row, column,
                      "the sheet has more than 1,048,576 rows, the most a spreadsheet "
                      "can hold; expected a sheet saved by Excel or LibreOffice");
  if (column >= EB_SHEET_MAX_COLUMNS)
    return set_error (self, error, EB_IMPORT_ERROR_TOO_LARGE, last_row, column,
                      "the sheet has more than 16,384 columns (A to XFD), the most a "
                      "spreadsheet can hold; expected a sheet saved by Excel or "
                      "LibreOffice");
  if (n_rows * n_columns > MAX_GRID_CELLS)
    return set_error (self, error, EB_IMPORT_ERROR_TOO_LARGE, last_row, column,
                      "the data spans %" G_GUINT64_FORMAT " rows × %" G_GUINT64_FORMAT
                      " columns, more than the 100,000,000 cells Evalbench can hold; "
                      "delete the unused rows and columns and save it again",
                      n_rows, n_columns);
  return TRUE;
}

/* LEN is TEXT's length, known to the caller: a long shared string is
 * measured once, not in each cell. */
gboolean
eb_sheet_builder_add_cell (EbSheetBuilder  *self,
                           guint            column,
                           EbSheetText      text,
                           gsize            len,
                           GError         **error)
{
  Cell cell;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->in_row, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (len == 0)
    return TRUE;
  self->text_bytes += len;
  if (self->text_bytes > MAX_TEXT_BYTES)
    return set_error (self, error, EB_IMPORT_ERROR_TOO_LARGE, self->row, column,
                      "the sheet's cells hold more than 2 GiB of text — refusing to "
                      "read it, as it may be a zip bomb");
  if (!is_blank (text))
    {
      /* The grid grows with the first text of a row and with a new column. */
      if ((!self->row_filled || column >= self->n_columns) &&
          !check_grid (self, self->row, column, error))
        return FALSE;
      self->row_filled = TRUE;
      self->n_columns = MAX (self->n_columns, column + 1);
    }
  else if (column >= self->n_columns)
    {
      /* Blank cells right of all text would make columns of nothing. */
      return TRUE;
    }
  cell.column = column;
  cell.text = text;
  g_array_append_val (self->target->cells, cell);
  return TRUE;
}

gboolean
eb_sheet_builder_add_text (EbSheetBuilder  *self,
                           guint            column,
                           const char      *text,
                           gsize            len,
                           GError         **error)
{
  if (len == 0)
    return TRUE;
  return eb_sheet_builder_add_cell (self, column, eb_sheet_builder_store (self, text, len),
                                    len, error);
}

/* REPEAT is how many identical rows this one stands for (1 but in ODS). */
gboolean
eb_sheet_builder_end_row (EbSheetBuilder  *self,
                          guint            repeat,
                          GError         **error)
{
  g_autoptr(GArray) row_cells = NULL;
  Batch *target;
  Row kept;
  guint n_cells;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->in_row, FALSE);
  g_return_val_if_fail (repeat > 0, FALSE);

  target = self->target;
  self->in_row = FALSE;
  self->next_row = self->row + MIN (repeat, G_MAXUINT - self->row);
  if (!self->row_filled)
    {
      /* Blank rows cost nothing, however many times they repeat. */
      g_array_set_size (target->cells, self->row_first_cell);
      return TRUE;
    }

  if (repeat > 1 &&
      !check_grid (self, self->row + MIN (repeat - 1, G_MAXUINT - self->row),
                   self->n_columns - 1, error))
    return FALSE;

  /* The texts are shared: only the cells' positions are copied, and
   * before deciding the header may move the row to the answers. */
  n_cells = target->cells->len - self->row_first_cell;
  if (repeat > 1)
    {
      row_cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), n_cells);
      g_array_append_vals (row_cells, &g_array_index (target->cells, Cell, self->row_first_cell),
                           n_cells);
    }

  kept.sheet_row = self->row;
  kept.first_cell = self->row_first_cell;
  g_array_append_val (target->rows, kept);
  count_row (self, target);

  for (guint i = 1; i < repeat; i++)
    {
      Batch *copy_to = takes_header_row (self) ? &self->header : self->batch;

      kept.sheet_row = self->row + i;
      kept.first_cell = copy_to->cells->len;
      g_array_append_val (copy_to->rows, kept);
      g_array_append_vals (copy_to->cells, row_cells->data, n_cells);
      count_row (self, copy_to);
      if (copy_to != &self->header && copy_to->rows->len >= BATCH_ROWS)
        send_batch (self);
    }
  if (self->batch->rows->len >= BATCH_ROWS)
    send_batch (self);
  return TRUE;
}

void
eb_sheet_builder_add_merge (EbSheetBuilder *self,
                            guint           first_row,
                            guint           first_column,
                            guint           last_row,
                            guint           last_column)
{
  Merge merge;

  g_return_if_fail (self != NULL);

  if (last_row < first_row || last_column < first_column ||
      (first_row == last_row && first_column == last_column))
    return;
  if (self->merges->len >= MAX_MERGES)
    return;
  /* Once the header is complete, merges below it change nothing. */
  if (self->decided &&
      (self->header_rows == 0 ||
       (self->header.rows->len >= self->header_rows &&
        first_row > g_array_index (self->header.rows, Row, self->header_rows - 1).sheet_row)))
    return;

  merge.first_row = first_row;
  merge.first_column = first_column;
  merge.last_row = last_row;
  merge.last_column = last_column;
  g_array_append_val (self->merges, merge);
}

void
eb_sheet_builder_get_error_place (EbSheetBuilder *self,
                                  guint          *row,
                                  guint          *column)
{
  g_return_if_fail (self != NULL);

  if (row != NULL)
    *row = self->error_row;
  if (column != NULL)
    *column = self->error_column;
}

static gboolean
check_not_empty (EbSheetBuilder  *self,
                 GError         **error)
{
  guint n_rows = self->header.rows->len;

  if (self->n_answers > 0)
    return TRUE;
  if (n_rows == 0)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY, G_MAXUINT, G_MAXUINT,
                      "the sheet is empty; expected a header row and at least one "
                      "row of answers");
  if (self->header_rows == 1)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY, G_MAXUINT, G_MAXUINT,
                      "the sheet has a header row but no answers");
  if (n_rows == self->header_rows)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY, G_MAXUINT, G_MAXUINT,
                      "the sheet has %u header rows but no answers", self->header_rows);
  return set_error (self, error, EB_IMPORT_ERROR_EMPTY, G_MAXUINT, G_MAXUINT,
                    "the sheet has only %u non-blank rows; expected %u header rows "
                    "and at least one row of answers", n_rows, self->header_rows);
}

/* The titles the survey's thread gave were those of the header as it was
 * when the first answer came; merges found after the data change them.
 * Then the survey is copied under the right titles. */
static EbSurvey *
retitle (EbSurvey  *survey,
         char     **titles)
{
  guint n_rows = eb_survey_get_n_rows (survey);
  guint n_columns = eb_survey_get_n_columns (survey);
  g_autofree const char **cells = NULL;
  EbSurvey *copy;
  gboolean same = TRUE;

  for (guint c = 0; c < n_columns && same; c++)
    same = strcmp (eb_survey_get_column_name (survey, c), titles[c]) == 0;
  if (same)
    return g_object_ref (survey);

  copy = eb_survey_new ();
  for (guint c = 0; c < n_columns; c++)
    eb_survey_add_column (copy, titles[c]);
  cells = g_new (const char *, MAX (n_columns, 1));
  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        cells[c] = eb_survey_get_cell (survey, r, c);
      eb_survey_append_row (copy, cells, n_columns);
    }
  return copy;
}

EbSurvey *
eb_sheet_builder_finish (EbSheetBuilder  *self,
                         GError         **error)
{
  g_autoptr(EbSurvey) survey = NULL;
  g_auto(GStrv) titles = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->in_row, NULL);

  /* A sheet shorter than the rows detection looks at. */
  if (!self->decided)
    decide_header (self);
  if (!check_not_empty (self, error))
    return NULL;

  send_batch (self);
  if (!stop_filling (self, &end_of_rows))
    g_return_val_if_reached (NULL);

  g_assert (eb_survey_get_n_columns (self->filler.survey) == self->n_columns);
  titles = make_titles (self, self->n_columns);
  survey = retitle (self->filler.survey, titles);
  eb_survey_set_sheet (survey, self->sheet);
  eb_survey_set_header_rows (survey, self->header_rows);
  eb_header_set_style (survey, self->style);
  return g_steal_pointer (&survey);
}
