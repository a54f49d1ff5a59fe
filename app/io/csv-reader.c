/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-csv-reader"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "csv-reader.h"
#include "header-detect.h"

/* Big blocks keep the cost of each read negligible and give the progress
 * callback about one call per megabyte. */
#define BLOCK_SIZE (1024 * 1024)

/* At most a character cut by the end of a block waits for the next one:
 * three bytes of UTF-8, or an odd byte and a high surrogate of UTF-16. */
#define CARRY_MAX 4

/* The delimiter is chosen from this much text at the start of the file. */
#define SNIFF_BYTES   (64 * 1024)
#define SNIFF_RECORDS 50

typedef enum
{
  ENCODING_UTF8,
  ENCODING_WINDOWS_1252,
  ENCODING_UTF16LE,
  ENCODING_UTF16BE,
} Encoding;

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,  /* a " inside quotes: it closes them or is doubled */
} State;

/* A record read before the header rows are known. */
typedef struct
{
  guint  line;                     /* where it starts, for messages */
  guint  n_cells;
  char **cells;
} HeldRecord;

typedef struct
{
  /* The same for every pass over the file. */
  const char     *path;
  char           *name;            /* basename, for messages */
  int             requested_rows;  /* --header-rows; -1: detect */
  char            forced_delimiter;
  GCancellable   *cancellable;
  EbProgressFunc  progress;
  gpointer        progress_data;
  double          reported;        /* last fraction given to progress */
  guint           error_row;
  guint           error_column;

  /* Reset before each pass. */
  Encoding        encoding;
  gboolean        retry_as_windows_1252;
  goffset         block_offset;    /* of the current block in the file */
  GString        *sample;          /* text held back until the delimiter is known */
  char            delimiter;       /* '\0' while unknown */
  gboolean        ends_unquoted[256];
  gboolean        ends_quoted[256];

  State           state;
  gboolean        after_cr;        /* a following \n belongs to the same line break */
  gboolean        record_open;
  guint           line;            /* physical line being read, from 1 */
  guint           record_line;
  guint           quote_line;
  guint           quote_column;
  GString        *text;            /* this record's fields, each NUL-terminated */
  GArray         *starts;          /* guint: where each field begins in text */
  GPtrArray      *cells;           /* const char *, into text */

  GPtrArray      *held;            /* HeldRecord *, while detecting */
  guint           n_held_filled;   /* non-blank records among them */
  gboolean        detecting;
  EbHeaderStyle   style;
  guint           header_rows;     /* once no longer detecting */
  GPtrArray      *header;          /* GPtrArray of char *, one per header row read */
  gboolean        in_header;
  guint           pending_blank;   /* blank rows that may yet turn out to be trailing */
  EbSurvey       *survey;
} Reader;

static gboolean set_error (Reader        *self,
                           GError       **error,
                           EbImportError  code,
                           guint          row,
                           guint          column,
                           const char    *format,
                           ...) G_GNUC_PRINTF (6, 7);

static gboolean
set_error (Reader        *self,
           GError       **error,
           EbImportError  code,
           guint          row,
           guint          column,
           const char    *format,
           ...)
{
  va_list args;

  self->error_row = row;
  self->error_column = column;
  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (EB_IMPORT_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

/* GIO's own message already says what went wrong; the user also needs to
 * know which file it was about. */
static gboolean
propagate_io_error (Reader  *self,
                    GError **error,
                    GError  *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_error (self, error, EB_IMPORT_ERROR_CANCELLED, 0, 0,
               "Import of “%s” was cancelled", self->name);
  else
    set_error (self, error, EB_IMPORT_ERROR_IO, 0, 0,
               "“%s”: %s", self->name, io_error->message);
  g_error_free (io_error);
  return FALSE;
}

static gboolean
check_cancelled (Reader  *self,
                 GError **error)
{
  if (!g_cancellable_is_cancelled (self->cancellable))
    return TRUE;
  return set_error (self, error, EB_IMPORT_ERROR_CANCELLED, 0, 0,
                    "Import of “%s” was cancelled", self->name);
}

static void
report_progress (Reader *self,
                 double  fraction)
{
  /* A second pass (see retry_as_windows_1252) must not move the bar back. */
  if (self->progress == NULL || fraction <= self->reported)
    return;
  self->reported = MIN (fraction, 1.0);
  self->progress (self->reported, self->progress_data);
}

static void
reset_pass (Reader   *self,
            Encoding  encoding)
{
  self->encoding = encoding;
  self->retry_as_windows_1252 = FALSE;
  self->block_offset = 0;
  g_string_truncate (self->sample, 0);
  self->delimiter = '\0';
  self->state = STATE_FIELD_START;
  self->after_cr = FALSE;
  self->record_open = FALSE;
  self->line = 1;
  self->record_line = 1;
  g_string_truncate (self->text, 0);
  g_array_set_size (self->starts, 1);
  g_array_index (self->starts, guint, 0) = 0;
  g_ptr_array_set_size (self->held, 0);
  self->n_held_filled = 0;
  self->detecting = TRUE;
  self->style = EB_HEADER_STYLE_PLAIN;
  self->header_rows = 0;
  g_ptr_array_set_size (self->header, 0);
  self->in_header = FALSE;
  self->pending_blank = 0;
  g_clear_object (&self->survey);
  self->survey = eb_survey_new ();
}

static void
set_delimiter (Reader *self,
               char    delimiter)
{
  self->delimiter = delimiter;
  memset (self->ends_unquoted, 0, sizeof self->ends_unquoted);
  memset (self->ends_quoted, 0, sizeof self->ends_quoted);
  self->ends_unquoted[(guchar) delimiter] = TRUE;
  self->ends_unquoted['\r'] = self->ends_unquoted['\n'] = TRUE;
  self->ends_quoted['"'] = TRUE;
  self->ends_quoted['\r'] = self->ends_quoted['\n'] = TRUE;
}

/* Fills COUNTS with the number of DELIMITERs outside quotes on each of the
 * first records of TEXT and returns how many records there were. Blank lines
 * say nothing and are skipped; so is a last record that may be cut short. */
static guint
count_delimiters (const char *text,
                  gsize       len,
                  gboolean    complete,
                  char        delimiter,
                  guint      *counts)
{
  gboolean quoted = FALSE;
  gboolean field_start = TRUE;
  gboolean any = FALSE;
  guint count = 0;
  guint n = 0;

  for (gsize i = 0; i < len && n < SNIFF_RECORDS; i++)
    {
      char c = text[i];

      if (quoted)
        {
          if (c == '"')
            {
              if (i + 1 < len && text[i + 1] == '"')
                i++;
              else
                quoted = FALSE;
            }
          continue;
        }
      if (c == '\r' || c == '\n')
        {
          if (any)
            counts[n++] = count;
          count = 0;
          any = FALSE;
          field_start = TRUE;
          continue;
        }
      any = TRUE;
      if (c == delimiter)
        {
          count++;
          field_start = TRUE;
          continue;
        }
      quoted = c == '"' && field_start;
      field_start = FALSE;
    }
  if (complete && any && n < SNIFF_RECORDS)
    counts[n++] = count;
  return n;
}

/* The most consistent candidate wins: the one whose most frequent count per
 * record covers the largest share of records. Answers may contain the other
 * candidates (commas in a semicolon file), but not on every line the same
 * number of times. Ties go to the candidate with more columns, then to the
 * order below. */
static char
sniff_delimiter (const char *text,
                 gsize       len,
                 gboolean    complete)
{
  static const char candidates[] = { ',', ';', '\t' };
  char best = ',';
  guint best_hits = 0;
  guint best_mode = 0;
  guint best_n = 1;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint counts[SNIFF_RECORDS];
      guint n = count_delimiters (text, len, complete, candidates[c], counts);
      guint mode = 0;
      guint hits = 0;

      for (guint i = 0; i < n; i++)
        {
          guint same = 0;

          for (guint j = 0; j < n; j++)
            same += counts[j] == counts[i];
          if (same > hits || (same == hits && counts[i] > mode))
            {
              hits = same;
              mode = counts[i];
            }
        }
      if (mode == 0)
        continue;
      /* hits / n against best_hits / best_n, without rounding. */
      if ((guint64) hits * best_n > (guint64) best_hits * n ||
          ((guint64) hits * best_n == (guint64) best_hits * n && mode > best_mode))
        {
          best = candidates[c];
          best_hits = hits;
          best_mode = mode;
          best_n = n;
        }
    }
  return best;
}

static gboolean
is_blank (const char *cell)
{
  while (g_ascii_isspace (*cell))
    cell++;
  return *cell == '\0';
}

/* Fields up to the last one with something in it: the trailing empty
 * fields some exporters pad rows with do not count. */
static guint
count_filled (const char * const *cells,
              guint               n_cells)
{
  while (n_cells > 0 && is_blank (cells[n_cells - 1]))
    n_cells--;
  return n_cells;
}

static void
add_header_row (Reader             *self,
                const char * const *cells,
                guint               n_cells)
{
  GPtrArray *row = g_ptr_array_new_full (n_cells, g_free);

  for (guint i = 0; i < n_cells; i++)
    g_ptr_array_add (row, g_strdup (cells[i]));
  g_ptr_array_add (self->header, row);
}

/* The titles, as the survey tool whose export it is means its header
 * rows (see eb_header_titles()). */
static void
add_columns (Reader *self)
{
  guint n_rows = self->header->len;
  g_autofree const char * const **rows = g_new0 (const char * const *, MAX (n_rows, 1));
  g_autofree guint *n_cells = g_new0 (guint, MAX (n_rows, 1));
  g_auto(GStrv) titles = NULL;
  guint n_columns = 0;

  for (guint r = 0; r < n_rows; r++)
    {
      GPtrArray *row = g_ptr_array_index (self->header, r);

      rows[r] = (const char * const *) row->pdata;
      n_cells[r] = row->len;
      n_columns = MAX (n_columns, row->len);
    }
  titles = eb_header_titles (rows, n_cells, n_rows, n_rows, n_columns, self->style);
  for (guint i = 0; i < n_columns; i++)
    eb_survey_add_column (self->survey, titles[i]);
}

static gboolean
place_record (Reader             *self,
              const char * const *cells,
              guint               n_cells,
              GError            **error)
{
  guint n_filled = count_filled (cells, n_cells);
  guint n_columns;

  if (n_filled == 0)
    {
      /* Blank rows before the first answer say nothing; blank rows among
       * the answers are kept (a spreadsheet shows them), unless they turn
       * out to be trailing. */
      if (eb_survey_get_n_rows (self->survey) > 0)
        self->pending_blank++;
      return TRUE;
    }

  if (self->in_header)
    {
      add_header_row (self, cells, n_cells);
      if (self->header->len == self->header_rows)
        {
          add_columns (self);
          self->in_header = FALSE;
        }
      return TRUE;
    }

  n_columns = eb_survey_get_n_columns (self->survey);
  if (n_filled > n_columns)
    {
      if (self->header_rows > 0)
        return set_error (self, error, EB_IMPORT_ERROR_RAGGED,
                          self->record_line, n_columns + 1,
                          "“%s”, row %u: found %u fields but the header has %u; "
                          "expected at most %u fields (check for an unquoted "
                          "delimiter in column %u)",
                          self->name, self->record_line, n_filled, n_columns,
                          n_columns, n_columns + 1);

      /* Without a header the widest row decides. */
      for (guint i = n_columns; i < n_filled; i++)
        {
          g_autofree char *title = g_strdup_printf ("Column %u", i + 1);

          eb_survey_add_column (self->survey, title);
        }
      n_columns = n_filled;
    }

  for (; self->pending_blank > 0; self->pending_blank--)
    eb_survey_append_row (self->survey, NULL, 0);
  eb_survey_append_row (self->survey, cells, MIN (n_cells, n_columns));
  return TRUE;
}

static void
held_record_free (gpointer data)
{
  HeldRecord *held = data;

  g_strfreev (held->cells);
  g_free (held);
}

/* The header rows are decided from the first non-blank records, whether
 * detected or given: the style also says how the rows make titles. Then
 * the records held so far are placed as if read only now. */
static gboolean
decide_header (Reader  *self,
               GError **error)
{
  guint n_held = self->held->len;
  g_autofree const char * const **rows = g_new0 (const char * const *, MAX (n_held, 1));
  g_autofree guint *n_cells = g_new0 (guint, MAX (n_held, 1));
  guint record_line = self->record_line;
  guint n_rows = 0;
  guint detected;

  for (guint i = 0; i < n_held; i++)
    {
      HeldRecord *held = g_ptr_array_index (self->held, i);

      if (count_filled ((const char * const *) held->cells, held->n_cells) == 0)
        continue;
      rows[n_rows] = (const char * const *) held->cells;
      n_cells[n_rows++] = held->n_cells;
    }
  detected = eb_header_detect (rows, n_cells, n_rows, &self->style);
  self->header_rows = self->requested_rows < 0 ? detected : (guint) self->requested_rows;
  self->in_header = self->header_rows > 0;
  self->detecting = FALSE;

  for (guint i = 0; i < n_held; i++)
    {
      HeldRecord *held = g_ptr_array_index (self->held, i);

      /* A ragged record names its own line. */
      self->record_line = held->line;
      if (!place_record (self, (const char * const *) held->cells, held->n_cells, error))
        return FALSE;
    }
  self->record_line = record_line;
  g_ptr_array_set_size (self->held, 0);
  return TRUE;
}

static gboolean
hold_record (Reader             *self,
             const char * const *cells,
             guint               n_cells,
             GError            **error)
{
  HeldRecord *held = g_new (HeldRecord, 1);

  held->line = self->record_line;
  held->n_cells = n_cells;
  held->cells = g_new (char *, n_cells + 1);
  for (guint i = 0; i < n_cells; i++)
    held->cells[i] = g_strdup (cells[i]);
  held->cells[n_cells] = NULL;
  g_ptr_array_add (self->held, held);

  if (count_filled (cells, n_cells) > 0)
    self->n_held_filled++;
  if (self->n_held_filled < EB_HEADER_DETECT_ROWS)
    return TRUE;
  return decide_header (self, error);
}

static gboolean
take_record (Reader             *self,
             const char * const *cells,
             guint               n_cells,
             GError            **error)
{
  if (self->detecting)
    return hold_record (self, cells, n_cells, error);
  return place_record (self, cells, n_cells, error);
}

static gboolean
end_record (Reader  *self,
            GError **error)
{
  gboolean ok;

  g_string_append_c (self->text, '\0');
  g_ptr_array_set_size (self->cells, 0);
  for (guint i = 0; i < self->starts->len; i++)
    g_ptr_array_add (self->cells, self->text->str + g_array_index (self->starts, guint, i));

  ok = take_record (self, (const char * const *) self->cells->pdata, self->cells->len, error);

  g_string_truncate (self->text, 0);
  g_array_set_size (self->starts, 1);
  self->record_open = FALSE;
  self->record_line = self->line;
  return ok;
}

static void
end_field (Reader *self)
{
  guint start;

  g_string_append_c (self->text, '\0');
  start = self->text->len;
  g_array_append_val (self->starts, start);
}

/* The state machine of RFC 4180, fed any amount of text at a time. It is
 * lenient where spreadsheets are: a quote inside an unquoted field is kept,
 * text after a closing quote is appended ("a"b reads as ab), and a line
 * break may be \r\n, \n or \r. */
static gboolean
parse_text (Reader      *self,
            const char  *p,
            gsize        len,
            GError     **error)
{
  const char *end = p + len;

  while (p < end)
    {
      const char *run;
      char c;

      if (self->after_cr)
        {
          self->after_cr = FALSE;
          if (*p == '\n')
            {
              p++;
              continue;
            }
        }

      switch (self->state)
        {
        case STATE_FIELD_START:
          if (*p == '"')
            {
              self->record_open = TRUE;
              self->quote_line = self->line;
              self->quote_column = self->starts->len;
              self->state = STATE_QUOTED;
              p++;
              break;
            }
          self->state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
          for (run = p; p < end && !self->ends_unquoted[(guchar) *p]; p++)
            ;
          if (p > run)
            {
              g_string_append_len (self->text, run, p - run);
              self->record_open = TRUE;
            }
          if (p == end)
            break;
          c = *p++;
          self->state = STATE_FIELD_START;
          if (c == self->delimiter)
            {
              end_field (self);
              self->record_open = TRUE;
              break;
            }
          self->line++;
          self->after_cr = c == '\r';
          if (!end_record (self, error))
            return FALSE;
          break;

        case STATE_QUOTED:
          for (run = p; p < end && !self->ends_quoted[(guchar) *p]; p++)
            ;
          if (p > run)
            g_string_append_len (self->text, run, p - run);
          if (p == end)
            break;
          c = *p++;
          if (c == '"')
            {
              self->state = STATE_QUOTE_IN_QUOTED;
              break;
            }
          /* A line break inside an answer: one \n, however it was written,
           * so that an answer typed on Windows does not show two. */
          self->line++;
          self->after_cr = c == '\r';
          g_string_append_c (self->text, '\n');
          break;

        case STATE_QUOTE_IN_QUOTED:
          if (*p == '"')
            {
              g_string_append_c (self->text, '"');
              self->state = STATE_QUOTED;
              p++;
            }
          else
            self->state = STATE_UNQUOTED;
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/* Chooses the delimiter from the text held back and parses that text. */
static gboolean
flush_sample (Reader    *self,
              gboolean   complete,
              GError   **error)
{
  if (self->delimiter != '\0')
    return TRUE;
  if (self->forced_delimiter != '\0')
    set_delimiter (self, self->forced_delimiter);
  else
    set_delimiter (self, sniff_delimiter (self->sample->str,
                                          MIN (self->sample->len, SNIFF_BYTES),
                                          complete && self->sample->len <= SNIFF_BYTES));
  if (!parse_text (self, self->sample->str, self->sample->len, error))
    return FALSE;
  g_string_truncate (self->sample, 0);
  return TRUE;
}

static gboolean
feed_text (Reader      *self,
           const char  *text,
           gsize        len,
           GError     **error)
{
  if (self->delimiter == '\0' && self->forced_delimiter == '\0')
    {
      g_string_append_len (self->sample, text, len);
      if (self->sample->len < SNIFF_BYTES)
        return TRUE;
      return flush_sample (self, FALSE, error);
    }
  if (!flush_sample (self, FALSE, error))
    return FALSE;
  return parse_text (self, text, len, error);
}

/* Called with an encoding error at hand: parsing the good text before it
 * brings the reader to the row and column of the bad bytes. */
static gboolean
reach_bad_text (Reader      *self,
                const char  *good_text,
                gsize        good_len,
                GError     **error)
{
  return feed_text (self, good_text, good_len, error) &&
         flush_sample (self, FALSE, error);
}

static gboolean
find_nul (Reader        *self,
          const guint8  *data,
          gsize          len,
          GError       **error)
{
  const guint8 *nul = memchr (data, '\0', len);

  if (nul == NULL)
    return TRUE;
  /* Counted from 1, as the rows and columns are. */
  return set_error (self, error, EB_IMPORT_ERROR_BINARY, 0, 0,
                    "“%s” is not a text file (found binary data at byte %" G_GOFFSET_FORMAT "); "
                    "expected comma-, semicolon- or tab-separated text",
                    self->name, self->block_offset + (goffset) (nul - data) + 1);
}

/* How much of an 8-bit block is whole UTF-8: all of it but a character cut
 * by the end of the block. Returns FALSE if the block is not UTF-8. */
static gboolean
measure_utf8 (const guint8 *data,
              gsize         len,
              gboolean      at_eof,
              gsize        *whole)
{
  const char *valid_end;
  gsize rest;
  guint need;

  if (g_utf8_validate_len ((const char *) data, len, &valid_end))
    {
      *whole = len;
      return TRUE;
    }
  *whole = (const guint8 *) valid_end - data;
  rest = len - *whole;
  if (at_eof || rest >= 4)
    return FALSE;

  if ((data[*whole] & 0xE0) == 0xC0)
    need = 2;
  else if ((data[*whole] & 0xF0) == 0xE0)
    need = 3;
  else if ((data[*whole] & 0xF8) == 0xF0)
    need = 4;
  else
    return FALSE;
  if (rest >= need)
    return FALSE;
  for (gsize i = *whole + 1; i < len; i++)
    if ((data[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
decode_utf8 (Reader        *self,
             const guint8  *data,
             gsize          len,
             gboolean       at_eof,
             gsize         *consumed,
             GError       **error)
{
  gsize whole;

  if (!find_nul (self, data, len, error))
    return FALSE;
  if (!measure_utf8 (data, len, at_eof, &whole))
    {
      /* Valid UTF-8 is read as UTF-8, anything else as Windows-1252, as old
       * Excel writes it. Text already read may have had UTF-8 characters
       * that mean something else in Windows-1252, so read it all again. */
      self->retry_as_windows_1252 = TRUE;
      return FALSE;
    }
  *consumed = whole;
  return feed_text (self, (const char *) data, whole, error);
}

static gboolean
decode_windows_1252 (Reader        *self,
                     const guint8  *data,
                     gsize          len,
                     gsize         *consumed,
                     GError       **error)
{
  g_autoptr(GError) convert_error = NULL;
  g_autofree char *text = NULL;
  gsize read = 0;
  gsize written = 0;

  if (!find_nul (self, data, len, error))
    return FALSE;
  text = g_convert ((const char *) data, len, "UTF-8", "WINDOWS-1252",
                    &read, &written, &convert_error);
  if (text == NULL)
    {
      /* Five byte values mean nothing in Windows-1252 either. */
      g_autofree char *good = g_convert ((const char *) data, read, "UTF-8", "WINDOWS-1252",
                                         NULL, &written, NULL);

      if (good == NULL || !reach_bad_text (self, good, written, error))
        return FALSE;
      return set_error (self, error, EB_IMPORT_ERROR_ENCODING,
                        self->line, self->starts->len,
                        "“%s”, row %u, column %u: the byte 0x%02X is neither UTF-8 "
                        "nor Windows-1252 text; expected a file saved as CSV UTF-8",
                        self->name, self->line, self->starts->len, data[read]);
    }
  *consumed = len;
  return feed_text (self, text, written, error);
}

static guint
read_utf16_unit (const guint8 *data,
                 gboolean      big_endian)
{
  return big_endian ? (guint) data[0] << 8 | data[1] : (guint) data[1] << 8 | data[0];
}

static gboolean
decode_utf16 (Reader        *self,
              const guint8  *data,
              gsize          len,
              gboolean       at_eof,
              gsize         *consumed,
              GError       **error)
{
  gboolean big_endian = self->encoding == ENCODING_UTF16BE;
  const char *charset = big_endian ? "UTF-16BE" : "UTF-16LE";
  g_autoptr(GError) convert_error = NULL;
  g_autofree char *text = NULL;
  gsize whole = len & ~(gsize) 1;
  gsize read = 0;
  gsize written = 0;

  /* A surrogate pair cut by the end of the block waits for the next one,
   * as does a unit cut in half. */
  if (!at_eof && whole >= 2 &&
      (read_utf16_unit (data + whole - 2, big_endian) & 0xFC00) == 0xD800)
    whole -= 2;

  for (gsize i = 0; i + 1 < whole; i += 2)
    if (data[i] == '\0' && data[i + 1] == '\0')
      return set_error (self, error, EB_IMPORT_ERROR_BINARY, 0, 0,
                        "“%s” is not a text file (found binary data at byte %" G_GOFFSET_FORMAT "); "
                        "expected comma-, semicolon- or tab-separated text",
                        self->name, self->block_offset + (goffset) i + 1);

  text = g_convert ((const char *) data, whole, "UTF-8", charset,
                    &read, &written, &convert_error);
  if (text == NULL)
    {
      g_autofree char *good = g_convert ((const char *) data, read, "UTF-8", charset,
                                         NULL, &written, NULL);

      if (good == NULL || !reach_bad_text (self, good, written, error))
        return FALSE;
      return set_error (self, error, EB_IMPORT_ERROR_ENCODING,
                        self->line, self->starts->len,
                        "“%s”, row %u, column %u: invalid UTF-16 text; expected UTF-16 "
                        "throughout, as the byte order mark at the start of the file "
                        "announces",
                        self->name, self->line, self->starts->len);
    }
  if (!feed_text (self, text, written, error))
    return FALSE;

  /* g_convert() leaves a character cut short at the end unread: in the
   * middle of the file it is completed by the next block, at the end it is
   * an error. */
  *consumed = read;
  if (at_eof && read < len)
    {
      if (!flush_sample (self, FALSE, error))
        return FALSE;
      return set_error (self, error, EB_IMPORT_ERROR_ENCODING,
                        self->line, self->starts->len,
                        "“%s”, row %u, column %u: the file ends in the middle of a "
                        "UTF-16 character; expected UTF-16 text to the end, as the "
                        "byte order mark at the start of the file announces",
                        self->name, self->line, self->starts->len);
    }
  return TRUE;
}

/* Looks at the start of the file: a byte order mark chooses the encoding
 * (BOM is set to its length), and a zip signature means a workbook renamed
 * to .csv. */
static gboolean
detect_start (Reader        *self,
              const guint8  *data,
              gsize          len,
              gsize         *bom,
              GError       **error)
{
  *bom = 0;
  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      self->encoding = ENCODING_UTF16LE;
      *bom = 2;
    }
  else if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      self->encoding = ENCODING_UTF16BE;
      *bom = 2;
    }
  else if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    *bom = 3;
  else if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return set_error (self, error, EB_IMPORT_ERROR_BINARY, 0, 0,
                      "“%s” is a spreadsheet or archive, not CSV text; import it "
                      "as .xlsx/.ods or save it as CSV", self->name);
  return TRUE;
}

static gboolean
decode_block (Reader        *self,
              const guint8  *data,
              gsize          len,
              gboolean       at_eof,
              gsize         *consumed,
              GError       **error)
{
  switch (self->encoding)
    {
    case ENCODING_UTF8:
      return decode_utf8 (self, data, len, at_eof, consumed, error);
    case ENCODING_WINDOWS_1252:
      return decode_windows_1252 (self, data, len, consumed, error);
    case ENCODING_UTF16LE:
    case ENCODING_UTF16BE:
      return decode_utf16 (self, data, len, at_eof, consumed, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
finish_pass (Reader  *self,
             GError **error)
{
  if (!flush_sample (self, TRUE, error))
    return FALSE;

  if (self->state == STATE_QUOTED)
    return set_error (self, error, EB_IMPORT_ERROR_QUOTE,
                      self->quote_line, self->quote_column,
                      "“%s”, row %u, column %u: a quoted field opened here is never "
                      "closed; expected a closing \"",
                      self->name, self->quote_line, self->quote_column);
  /* The last line may have no line break. */
  if (self->record_open && !end_record (self, error))
    return FALSE;
  /* A file shorter than the rows detection looks at. */
  if (self->detecting && !decide_header (self, error))
    return FALSE;

  if (eb_survey_get_n_rows (self->survey) > 0)
    return TRUE;
  if (self->header->len == 0)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY, 0, 0,
                      "“%s” is empty: expected a header row and at least one row "
                      "of answers", self->name);
  if (self->header_rows == 1)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY, 0, 0,
                      "“%s” has a header row but no answers", self->name);
  if (self->header->len == self->header_rows)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY, 0, 0,
                      "“%s” has %u header rows but no answers",
                      self->name, self->header_rows);
  if (self->header->len == 1)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY, 0, 0,
                      "“%s” has only one row; expected %u header rows and at least "
                      "one row of answers", self->name, self->header_rows);
  return set_error (self, error, EB_IMPORT_ERROR_EMPTY, 0, 0,
                    "“%s” has only %u rows; expected %u header rows and at least "
                    "one row of answers",
                    self->name, self->header->len, self->header_rows);
}

/* One pass over the file, in blocks: decode, sniff, parse. Returns FALSE
 * without an error when the file has to be read again as Windows-1252. */
static gboolean
read_pass (Reader    *self,
           Encoding   encoding,
           GError   **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree guint8 *buffer = NULL;
  GError *io_error = NULL;
  goffset size = 0;
  gsize carry = 0;
  gboolean first = TRUE;
  gboolean at_eof = FALSE;

  reset_pass (self, encoding);

  stream = g_file_read (file, self->cancellable, &io_error);
  if (stream == NULL)
    return propagate_io_error (self, error, io_error);
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         self->cancellable, NULL);
  if (info != NULL)
    size = g_file_info_get_size (info);

  buffer = g_malloc (BLOCK_SIZE + CARRY_MAX);
  while (!at_eof)
    {
      gsize n_read = 0;
      gsize len;
      gsize bom = 0;
      gsize consumed = 0;

      if (!check_cancelled (self, error))
        return FALSE;
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer + carry, BLOCK_SIZE,
                                    &n_read, self->cancellable, &io_error))
        return propagate_io_error (self, error, io_error);
      at_eof = n_read < BLOCK_SIZE;
      len = carry + n_read;

      if (first)
        {
          first = FALSE;
          if (!detect_start (self, buffer, len, &bom, error))
            return FALSE;
          self->block_offset = bom;
        }
      if (!decode_block (self, buffer + bom, len - bom, at_eof, &consumed, error))
        return FALSE;

      carry = len - bom - consumed;
      g_assert (carry <= CARRY_MAX);
      memmove (buffer, buffer + bom + consumed, carry);
      self->block_offset += consumed;
      if (size > 0)
        report_progress (self, (double) self->block_offset / (double) size);
    }
  g_assert (carry == 0);

  return finish_pass (self, error);
}

static char
delimiter_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".tsv") ? '\t' : '\0';
}

EbSurvey *
eb_csv_read (const char             *path,
             const EbImportOptions  *options,
             GCancellable           *cancellable,
             EbProgressFunc          progress,
             gpointer                progress_data,
             EbErrorLocation        *location,
             GError                **error)
{
  Reader self = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self.path = path;
  self.name = g_path_get_basename (path);
  self.requested_rows = options == NULL || options->header_rows < 0 ? -1 : options->header_rows;
  self.forced_delimiter = delimiter_for_path (path);
  self.cancellable = cancellable;
  self.progress = progress;
  self.progress_data = progress_data;
  self.sample = g_string_new (NULL);
  self.text = g_string_sized_new (4096);
  self.starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), 64);
  self.cells = g_ptr_array_sized_new (64);
  self.held = g_ptr_array_new_with_free_func (held_record_free);
  self.header = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  ok = read_pass (&self, ENCODING_UTF8, error);
  if (!ok && self.retry_as_windows_1252)
    ok = read_pass (&self, ENCODING_WINDOWS_1252, error);
  /* Cancelling after the last block still cancels. */
  ok = ok && check_cancelled (&self, error);

  if (ok)
    {
      eb_survey_set_source_file (self.survey, path);
      eb_survey_set_header_rows (self.survey, self.header_rows);
      eb_header_set_style (self.survey, self.style);
      report_progress (&self, 1.0);
    }
  else
    {
      g_clear_object (&self.survey);
      if (location != NULL)
        {
          location->file = g_strdup (path);
          location->sheet = NULL;
          location->row = self.error_row;
          location->column = self.error_column;
        }
    }

  g_free (self.name);
  g_string_free (self.sample, TRUE);
  g_string_free (self.text, TRUE);
  g_array_unref (self.starts);
  g_ptr_array_unref (self.cells);
  g_ptr_array_unref (self.held);
  g_ptr_array_unref (self.header);
  return g_steal_pointer (&self.survey);
}
