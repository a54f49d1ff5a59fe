/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-readstat-reader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <readstat.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "readstat-reader.h"
#include "scale-library.h"

/* Enough of the start of a file to tell the formats apart: a portable
 * file's signature follows 200 bytes of banner and a 256-byte character
 * table, broken into lines of 80 characters. */
#define SNIFF_BYTES 1024

/* Parsing is most of the work; the rest turns values into text. */
#define PARSE_SHARE 0.9

/* Room for any number, date or duration as text. */
#define CELL_BUFFER 64

/* An item with only some points labelled ("0 = Not at all likely",
 * "10 = Extremely likely") is taken for a scale up to this many points. */
#define MAX_PARTLY_LABELLED 11

/* 9999-12-31: later dates are shown as numbers. */
#define LAST_JULIAN_DAY 3652059

typedef enum
{
  KIND_UNKNOWN,
  KIND_SAV,      /* .sav and its compressed form .zsav */
  KIND_POR,
  KIND_DTA,
} Kind;

/* How a numeric variable is shown, from its display format. */
typedef enum
{
  SHOW_NUMBER,
  SHOW_DATE,
  SHOW_DATETIME,
  SHOW_DURATION,
} Show;

typedef struct
{
  double  code;
  char   *text;
} Label;

/* A set of value labels, shared by the variables that name it. SPSS stores
 * them before the data and Stata after it, so they are only used once the
 * whole file has been read. */
typedef struct
{
  GArray     *numeric;   /* Label */
  GHashTable *strings;   /* string code → label text */
} LabelSet;

typedef struct
{
  char               *name;
  char               *label;             /* variable label; NULL if none */
  char               *label_set;         /* name of its value labels; NULL if none */
  gboolean            is_string;
  Show                show;
  double              seconds_per_unit;  /* of dates and durations */
  readstat_measure_t  measure;
  GArray             *missing;           /* double lo, hi pairs: user-missing ranges */
  GArray             *numbers;           /* double per row; NaN when missing */
  GPtrArray          *strings;           /* const char * per row, in the chunk; NULL when missing */

  /* Filled once the file has been read. */
  LabelSet           *set;
  GHashTable         *labels;            /* double * → label text, user-missing codes left out */
} Variable;

typedef struct
{
  const char     *path;
  char           *name;          /* basename, for messages */
  Kind            kind;
  GCancellable   *cancellable;
  EbProgressFunc  progress;
  gpointer        progress_data;
  double          reported;      /* last fraction given to progress */
  gboolean        cancelled;

  GPtrArray      *variables;     /* Variable *, by ReadStat's index */
  GHashTable     *label_sets;    /* name → LabelSet * */
  GStringChunk   *chunk;         /* string values, stored once each */
  gint64          declared_rows; /* -1: the file does not say */
  guint           n_rows;
  int             last_row;      /* to check for cancellation once a row */
  char           *detail;        /* ReadStat's own last complaint, if any */
  int             fd;            /* the file, while ReadStat reads it */
  gboolean        read_short;    /* ReadStat asked for bytes past the end */
  gboolean        read_cut;      /* ... in the middle of something */
  gboolean        old_stata;     /* before Stata 13: no closing tag */
  guint32         epoch_julian;  /* day 0 of the file's dates */
} Reader;

static gboolean set_error (Reader        *self,
                           GError       **error,
                           EbImportError  code,
                           const char    *format,
                           ...) G_GNUC_PRINTF (4, 5);

static gboolean
set_error (Reader        *self,
           GError       **error,
           EbImportError  code,
           const char    *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (EB_IMPORT_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
set_cancelled (Reader  *self,
               GError **error)
{
  return set_error (self, error, EB_IMPORT_ERROR_CANCELLED,
                    "Import of “%s” was cancelled", self->name);
}

/* GIO's message says what went wrong; the user also needs to know which
 * file it was about. */
static gboolean
propagate_io_error (Reader  *self,
                    GError **error,
                    GError  *io_error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_cancelled (self, error);
  else
    set_error (self, error, EB_IMPORT_ERROR_IO, "“%s”: %s", self->name, io_error->message);
  g_error_free (io_error);
  return FALSE;
}

static void
report_progress (Reader *self,
                 double  fraction)
{
  /* ReadStat reports after every row: one call per percent is plenty. */
  if (self->progress == NULL || fraction <= self->reported ||
      (fraction < 1.0 && fraction - self->reported < 0.01))
    return;
  self->reported = MIN (fraction, 1.0);
  self->progress (self->reported, self->progress_data);
}

static const char *
kind_name (Kind kind)
{
  switch (kind)
    {
    case KIND_SAV:
      return "an SPSS file";
    case KIND_POR:
      return "an SPSS portable file";
    case KIND_DTA:
      return "a Stata file";
    case KIND_UNKNOWN:
    default:
      return "an SPSS or Stata file";
    }
}

static Kind
kind_for_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".sav") || g_str_has_suffix (lower, ".zsav"))
    return KIND_SAV;
  if (g_str_has_suffix (lower, ".por"))
    return KIND_POR;
  if (g_str_has_suffix (lower, ".dta"))
    return KIND_DTA;
  return KIND_UNKNOWN;
}

/* "ASCII SPSS PORT FILE" in the banner, or the "SPSSPORT" signature after
 * the character table, wherever the line breaks fall. */
static gboolean
looks_like_por (const guint8 *data,
                gsize         len)
{
  g_autoptr(GString) text = g_string_sized_new (len + 1);

  for (gsize i = 0; i < len; i++)
    if (data[i] != '\r' && data[i] != '\n')
      g_string_append_c (text, data[i] == '\0' ? ' ' : (char) data[i]);
  return g_strstr_len (text->str, MIN (text->len, 500), "SPSS PORT FILE") != NULL ||
         strstr (text->str, "SPSSPORT") != NULL;
}

static Kind
sniff_kind (const guint8 *data,
            gsize         len)
{
  if (len >= 4 && (memcmp (data, "$FL2", 4) == 0 || memcmp (data, "$FL3", 4) == 0))
    return KIND_SAV;
  /* Stata 13 and later. */
  if (len >= 11 && memcmp (data, "<stata_dta>", 11) == 0)
    return KIND_DTA;
  /* Earlier Stata: the format version (104 to 115), the byte order (1 or
   * 2), then the file type, always 1. */
  if (len >= 4 && data[0] >= 104 && data[0] <= 115 &&
      (data[1] == 1 || data[1] == 2) && data[2] == 1)
    return KIND_DTA;
  if (looks_like_por (data, len))
    return KIND_POR;
  /* Cut inside its signature: ReadStat will say it is cut short. */
  if (len < 4 && memcmp (data, "$FL2", len) == 0)
    return KIND_SAV;
  if (len < 11 && memcmp (data, "<stata_dta>", len) == 0)
    return KIND_DTA;
  return KIND_UNKNOWN;
}

static gboolean
looks_like_text (const guint8 *data,
                 gsize         len)
{
  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    return TRUE;
  for (gsize i = 0; i < len; i++)
    if (data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r' && data[i] != '\f')
      return FALSE;
  return TRUE;
}

/* What a file that is none of ours is instead, and what to do about it;
 * FALSE when there is nothing to tell. */
static gboolean
identify_other (const guint8  *data,
                gsize          len,
                const char   **what,
                const char   **advice)
{
  if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      *what = "a zip archive (an Excel or LibreOffice workbook, for example)";
      *advice = "if it is a workbook, rename it to .xlsx or .ods and import it";
    }
  else if (len >= 8 && memcmp (data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    {
      *what = "an Excel 97–2003 workbook or another Microsoft Office document";
      *advice = "open it in Excel or LibreOffice, save it as .xlsx or CSV and import that";
    }
  else if (len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    {
      *what = "a PDF document";
      *advice = "export the data from the survey tool as .sav, .xlsx or CSV and import that";
    }
  else if (looks_like_text (data, len))
    {
      *what = "text (CSV, for example)";
      *advice = "if it holds comma-separated answers, rename it to .csv and import it";
    }
  else
    return FALSE;
  return TRUE;
}

/* ReadStat converts text to UTF-8 from the encoding the file declares.
 * Files that declare none, or the wrong one, are taken to be Windows-1252,
 * as old files written on Windows are. */
static char *
dup_utf8 (const char *text)
{
  char *converted;

  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  converted = g_convert (text, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  return converted != NULL ? converted : g_utf8_make_valid (text, -1);
}

static const char *
intern_utf8 (Reader     *self,
             const char *text)
{
  g_autofree char *converted = NULL;

  if (g_utf8_validate (text, -1, NULL))
    return g_string_chunk_insert_const (self->chunk, text);
  converted = dup_utf8 (text);
  return g_string_chunk_insert_const (self->chunk, converted);
}

static void
label_set_free (gpointer data)
{
  LabelSet *set = data;

  for (guint i = 0; i < set->numeric->len; i++)
    g_free (g_array_index (set->numeric, Label, i).text);
  g_array_unref (set->numeric);
  g_hash_table_unref (set->strings);
  g_free (set);
}

static void
variable_free (gpointer data)
{
  Variable *variable = data;

  if (variable == NULL)
    return;
  g_free (variable->name);
  g_free (variable->label);
  g_free (variable->label_set);
  g_array_unref (variable->missing);
  g_clear_pointer (&variable->numbers, g_array_unref);
  g_clear_pointer (&variable->strings, g_ptr_array_unref);
  g_clear_pointer (&variable->labels, g_hash_table_unref);
  g_free (variable);
}

/* SPSS formats name a kind of date or time ("DATE11", "ADATE10",
 * "DATETIME20", "TIME8"), counted in seconds from 14 October 1582; Stata's
 * %td counts days and %tc milliseconds from 1960 ("%d" is the old %td). */
static Show
show_for_format (Kind        kind,
                 const char *format,
                 double     *seconds_per_unit)
{
  static const char * const dates[] = {
    "DATE", "ADATE", "EDATE", "SDATE", "JDATE", "MOYR", "QYR", "WKYR",
  };
  static const char * const datetimes[] = { "DATETIME", "YMDHMS" };
  static const char * const durations[] = { "TIME", "DTIME", "MTIME" };
  g_autofree char *word = NULL;

  *seconds_per_unit = 1;
  if (format == NULL)
    return SHOW_NUMBER;

  if (kind == KIND_DTA)
    {
      const char *f = format;

      f += *f == '%';
      f += *f == '-';
      if (g_str_has_prefix (f, "td") || *f == 'd')
        {
          *seconds_per_unit = 86400;
          return SHOW_DATE;
        }
      if (g_str_has_prefix (f, "tc") || g_str_has_prefix (f, "tC"))
        {
          *seconds_per_unit = 0.001;
          return SHOW_DATETIME;
        }
      return SHOW_NUMBER;
    }

  word = g_strndup (format, strspn (format, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
  if (g_strv_contains (dates, word))
    return SHOW_DATE;
  if (g_strv_contains (datetimes, word))
    return SHOW_DATETIME;
  if (g_strv_contains (durations, word))
    return SHOW_DURATION;
  return SHOW_NUMBER;
}

static int
metadata_cb (readstat_metadata_t *metadata,
             void                *user_data)
{
  Reader *self = user_data;

  self->declared_rows = readstat_get_row_count (metadata);
  return READSTAT_HANDLER_OK;
}

static int
variable_cb (int                  index,
             readstat_variable_t *info,
             const char          *val_labels,
             void                *user_data)
{
  Reader *self = user_data;
  const char *name = readstat_variable_get_name (info);
  const char *label = readstat_variable_get_label (info);
  Variable *variable;

  if (index < 0)
    return READSTAT_HANDLER_ABORT;

  variable = g_new0 (Variable, 1);
  /* ReadStat gives NULL for an empty name, as a damaged file may have. */
  if (name != NULL && *name != '\0')
    variable->name = dup_utf8 (name);
  else
    variable->name = g_strdup_printf ("Column %d", index + 1);
  if (label != NULL)
    variable->label = g_strstrip (dup_utf8 (label));
  if (variable->label != NULL && *variable->label == '\0')
    g_clear_pointer (&variable->label, g_free);
  variable->label_set = g_strdup (val_labels);
  variable->is_string = readstat_variable_get_type_class (info) == READSTAT_TYPE_CLASS_STRING;
  variable->measure = readstat_variable_get_measure (info);
  variable->missing = g_array_new (FALSE, FALSE, sizeof (double));
  if (variable->is_string)
    {
      variable->show = SHOW_NUMBER;
      variable->strings = g_ptr_array_new ();
    }
  else
    {
      variable->show = show_for_format (self->kind, readstat_variable_get_format (info),
                                        &variable->seconds_per_unit);
      variable->numbers = g_array_new (FALSE, FALSE, sizeof (double));
      /* Kept to leave the labels of user-missing codes out of the scale. */
      for (int i = 0; i < readstat_variable_get_missing_ranges_count (info); i++)
        {
          double lo = readstat_double_value (readstat_variable_get_missing_range_lo (info, i));
          double hi = readstat_double_value (readstat_variable_get_missing_range_hi (info, i));

          g_array_append_val (variable->missing, lo);
          g_array_append_val (variable->missing, hi);
        }
    }

  if ((guint) index >= self->variables->len)
    g_ptr_array_set_size (self->variables, index + 1);
  variable_free (g_ptr_array_index (self->variables, index));
  g_ptr_array_index (self->variables, index) = variable;
  return READSTAT_HANDLER_OK;
}

static void
store_number (GArray *numbers,
              guint   row,
              double  value)
{
  const double missing = NAN;

  if (row < numbers->len)
    {
      g_array_index (numbers, double, row) = value;
      return;
    }
  while (numbers->len < row)
    g_array_append_val (numbers, missing);
  g_array_append_val (numbers, value);
}

static void
store_string (GPtrArray  *strings,
              guint       row,
              const char *value)
{
  if (row >= strings->len)
    g_ptr_array_set_size (strings, row + 1);
  g_ptr_array_index (strings, row) = (gpointer) value;
}

static int
value_cb (int                  obs_index,
          readstat_variable_t *info,
          readstat_value_t     value,
          void                *user_data)
{
  Reader *self = user_data;
  int index = readstat_variable_get_index (info);
  gboolean missing;
  Variable *variable;

  if (obs_index != self->last_row)
    {
      self->last_row = obs_index;
      if (g_cancellable_is_cancelled (self->cancellable))
        {
          self->cancelled = TRUE;
          return READSTAT_HANDLER_ABORT;
        }
    }
  if (obs_index < 0 || index < 0 || (guint) index >= self->variables->len ||
      g_ptr_array_index (self->variables, index) == NULL)
    return READSTAT_HANDLER_ABORT;

  variable = g_ptr_array_index (self->variables, index);
  self->n_rows = MAX (self->n_rows, (guint) obs_index + 1);
  /* System-missing, Stata's .a to .z, and SPSS's user-missing values and
   * ranges alike. */
  missing = readstat_value_is_missing (value, info);

  if (variable->is_string)
    {
      const char *text = missing ? NULL : readstat_string_value (value);

      store_string (variable->strings, obs_index,
                    text != NULL && *text != '\0' ? intern_utf8 (self, text) : NULL);
    }
  else
    store_number (variable->numbers, obs_index,
                  missing ? NAN : readstat_double_value (value));
  return READSTAT_HANDLER_OK;
}

static int
value_label_cb (const char       *set_name,
                readstat_value_t  value,
                const char       *label,
                void             *user_data)
{
  Reader *self = user_data;
  LabelSet *set;

  if (set_name == NULL || label == NULL)
    return READSTAT_HANDLER_OK;
  set = g_hash_table_lookup (self->label_sets, set_name);
  if (set == NULL)
    {
      set = g_new0 (LabelSet, 1);
      set->numeric = g_array_new (FALSE, FALSE, sizeof (Label));
      set->strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->label_sets, g_strdup (set_name), set);
    }

  /* Stata's labels for .a to .z name kinds of missing answer: those cells
   * are empty whatever their label says. */
  if (readstat_value_is_tagged_missing (value) || readstat_value_is_system_missing (value))
    return READSTAT_HANDLER_OK;

  if (readstat_value_type_class (value) == READSTAT_TYPE_CLASS_STRING)
    {
      const char *code = readstat_string_value (value);

      if (code != NULL)
        g_hash_table_replace (set->strings, g_strchomp (dup_utf8 (code)),
                              g_strstrip (dup_utf8 (label)));
    }
  else
    {
      Label entry = { readstat_double_value (value), g_strstrip (dup_utf8 (label)) };

      g_array_append_val (set->numeric, entry);
    }
  return READSTAT_HANDLER_OK;
}

static void
error_cb (const char *message,
          void       *user_data)
{
  Reader *self = user_data;

  g_free (self->detail);
  self->detail = g_strstrip (dup_utf8 (message));
}

static int
progress_cb (double  fraction,
             void   *user_data)
{
  Reader *self = user_data;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      self->cancelled = TRUE;
      return READSTAT_HANDLER_ABORT;
    }
  report_progress (self, CLAMP (fraction, 0.0, 1.0) * PARSE_SHARE);
  return READSTAT_HANDLER_OK;
}

/* ReadStat's own input functions, but for two things: they note when
 * ReadStat asks for more than the file holds, which tells a cut Stata file
 * from a whole one (ReadStat stops quietly at the end of some), and they
 * retry reads that a signal interrupted. */
static int
io_open (const char *path,
         void       *io_data)
{
  Reader *self = io_data;

  self->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  return self->fd;
}

static int
io_close (void *io_data)
{
  Reader *self = io_data;
  int fd = self->fd;

  self->fd = -1;
  return fd == -1 ? 0 : close (fd);
}

static readstat_off_t
io_seek (readstat_off_t       offset,
         readstat_io_flags_t  whence,
         void                *io_data)
{
  Reader *self = io_data;

  switch (whence)
    {
    case READSTAT_SEEK_SET:
      return lseek (self->fd, offset, SEEK_SET);
    case READSTAT_SEEK_CUR:
      return lseek (self->fd, offset, SEEK_CUR);
    case READSTAT_SEEK_END:
      return lseek (self->fd, offset, SEEK_END);
    default:
      errno = EINVAL;
      return -1;
    }
}

static ssize_t
io_read (void   *buffer,
         size_t  len,
         void   *io_data)
{
  Reader *self = io_data;
  size_t done = 0;

  while (done < len)
    {
      ssize_t n = read (self->fd, (char *) buffer + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return done > 0 ? (ssize_t) done : -1;
      if (n == 0)
        break;
      done += (size_t) n;
    }
  /* In Stata files before version 13, ReadStat asks for the 4-byte length
   * of one more table of value labels to find the end of the file: that
   * much is no sign of a cut. */
  if (done < len)
    {
      self->read_short = TRUE;
      self->read_cut = self->read_cut || done > 0 || len != 4;
    }
  return (ssize_t) done;
}

static readstat_error_t
io_update (long                       file_size,
           readstat_progress_handler  progress_handler,
           void                      *user_data,
           void                      *io_data)
{
  Reader *self = io_data;
  readstat_off_t offset;

  if (progress_handler == NULL || file_size <= 0)
    return READSTAT_OK;
  offset = lseek (self->fd, 0, SEEK_CUR);
  if (offset < 0)
    return READSTAT_ERROR_READ;
  if (progress_handler ((double) offset / (double) file_size, user_data) != READSTAT_HANDLER_OK)
    return READSTAT_ERROR_USER_ABORT;
  return READSTAT_OK;
}

static readstat_error_t
parse (Reader *self)
{
  readstat_parser_t *parser = readstat_parser_init ();
  readstat_error_t status;

  if (parser == NULL)
    return READSTAT_ERROR_MALLOC;
  readstat_set_metadata_handler (parser, metadata_cb);
  /* ReadStat 1.1.8 crashes on values when it has no variable handler. */
  readstat_set_variable_handler (parser, variable_cb);
  readstat_set_value_handler (parser, value_cb);
  readstat_set_value_label_handler (parser, value_label_cb);
  readstat_set_error_handler (parser, error_cb);
  readstat_set_progress_handler (parser, progress_cb);
  readstat_set_open_handler (parser, io_open);
  readstat_set_close_handler (parser, io_close);
  readstat_set_seek_handler (parser, io_seek);
  readstat_set_read_handler (parser, io_read);
  readstat_set_update_handler (parser, io_update);
  readstat_set_io_ctx (parser, self);

  switch (self->kind)
    {
    case KIND_SAV:
      status = readstat_parse_sav (parser, self->path, self);
      break;
    case KIND_POR:
      status = readstat_parse_por (parser, self->path, self);
      break;
    case KIND_DTA:
      status = readstat_parse_dta (parser, self->path, self);
      break;
    case KIND_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  readstat_parser_free (parser);
  return status;
}

/* Whether the file ends as a whole one does: Stata 13 and later with a
 * closing tag, portable files with their end-of-data marker 'Z', padded
 * with more of them to the end of the line. Trailing line breaks, spaces
 * and the DOS end-of-file character do not count. */
static gboolean
has_whole_end (const Reader *self)
{
  static const char closing_tag[] = "</stata_dta>";
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 tail[64];
  gsize len = 0;

  if (self->kind != KIND_POR && (self->kind != KIND_DTA || self->old_stata))
    return TRUE;
  file = g_file_new_for_path (self->path);
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return TRUE;
  /* A file shorter than the tail is read from its start. */
  g_seekable_seek (G_SEEKABLE (stream), -(goffset) sizeof tail, G_SEEK_END, NULL, NULL);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), tail, sizeof tail, &len, NULL, NULL))
    return TRUE;
  while (len > 0 && (g_ascii_isspace (tail[len - 1]) || tail[len - 1] == 0x1A))
    len--;
  if (self->kind == KIND_POR)
    return len > 0 && tail[len - 1] == 'Z';
  return len >= sizeof closing_tag - 1 &&
         memcmp (tail + len - (sizeof closing_tag - 1), closing_tag, sizeof closing_tag - 1) == 0;
}

/* As after an interrupted download or copy. */
static gboolean
set_cut_short (Reader      *self,
               const char  *readstat,
               GError     **error)
{
  return set_error (self, error, EB_IMPORT_ERROR_FORMAT,
                    "“%s” is cut short: it ends before all of its data (ReadStat: %s); "
                    "copy or download it again", self->name, readstat);
}

/* ReadStat's messages are short and technical: say what they mean for the
 * user's file, and keep them in brackets for whoever has to look closer. */
static gboolean
set_readstat_error (Reader            *self,
                    readstat_error_t   status,
                    GError           **error)
{
  g_autofree char *readstat = NULL;
  const char *message = readstat_error_message (status);

  if (message == NULL)
    message = "unknown error";
  if (self->detail != NULL && *self->detail != '\0')
    readstat = g_strdup_printf ("%s: %s", message, self->detail);
  else
    readstat = g_strdup (message);

  switch (status)
    {
    case READSTAT_ERROR_READ:
    case READSTAT_ERROR_SEEK:
    case READSTAT_ERROR_ROW_COUNT_MISMATCH:
      return set_cut_short (self, readstat, error);

    case READSTAT_ERROR_UNSUPPORTED_CHARSET:
    case READSTAT_ERROR_CONVERT:
    case READSTAT_ERROR_CONVERT_BAD_STRING:
    case READSTAT_ERROR_CONVERT_SHORT_STRING:
    case READSTAT_ERROR_CONVERT_LONG_STRING:
      return set_error (self, error, EB_IMPORT_ERROR_ENCODING,
                        "“%s” holds text in a character encoding that cannot be converted "
                        "to Unicode (ReadStat: %s)", self->name, readstat);

    case READSTAT_ERROR_UNSUPPORTED_COMPRESSION:
      return set_error (self, error, EB_IMPORT_ERROR_FORMAT,
                        "“%s” is compressed in a way that cannot be read (ReadStat: %s); "
                        "save it again without compression", self->name, readstat);

    case READSTAT_ERROR_UNSUPPORTED_FILE_FORMAT_VERSION:
      return set_error (self, error, EB_IMPORT_ERROR_FORMAT,
                        "“%s” is %s in a version of the format that cannot be read "
                        "(ReadStat: %s); save it again with a recent version of %s",
                        self->name, kind_name (self->kind), readstat,
                        self->kind == KIND_DTA ? "Stata" : "SPSS");

    case READSTAT_ERROR_OPEN:
      return set_error (self, error, EB_IMPORT_ERROR_IO,
                        "“%s”: the file cannot be opened (ReadStat: %s)", self->name, readstat);

    case READSTAT_ERROR_MALLOC:
      return set_error (self, error, EB_IMPORT_ERROR_IO,
                        "“%s” is too large for the memory available (ReadStat: %s)",
                        self->name, readstat);

    default:
      if (self->kind == KIND_POR && !has_whole_end (self))
        return set_cut_short (self, readstat, error);
      return set_error (self, error, EB_IMPORT_ERROR_FORMAT,
                        "“%s” is not %s or is damaged (ReadStat: %s)",
                        self->name, kind_name (self->kind), readstat);
    }
}

/* Opens the file, and tells its format by its first bytes. */
static gboolean
sniff (Reader  *self,
       GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 start[SNIFF_BYTES];
  Kind expected = kind_for_name (self->name);
  GError *io_error = NULL;
  const char *what, *advice;
  gsize len = 0;

  stream = g_file_read (file, self->cancellable, &io_error);
  if (stream == NULL)
    return propagate_io_error (self, error, io_error);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), start, sizeof start, &len,
                                self->cancellable, &io_error))
    return propagate_io_error (self, error, io_error);

  self->kind = expected;
  if (len == 0)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY,
                      "“%s” is empty (0 bytes); expected %s",
                      self->name, kind_name (expected));

  /* A Stata file saved as .sav, or the reverse, is read for what it is. */
  self->kind = sniff_kind (start, len);
  self->old_stata = self->kind == KIND_DTA && start[0] != '<';
  if (self->kind != KIND_UNKNOWN)
    {
      if (expected != KIND_UNKNOWN && self->kind != expected)
        g_debug ("“%s” is %s, read as such", self->name, kind_name (self->kind));
      return TRUE;
    }

  self->kind = expected;
  if (identify_other (start, len, &what, &advice))
    return set_error (self, error, EB_IMPORT_ERROR_FORMAT,
                      "“%s” is %s, not %s; %s",
                      self->name, what, kind_name (expected), advice);
  /* No signature we know: ReadStat has the last word, and a message that
   * may help whoever has to look at the file. */
  if (expected != KIND_UNKNOWN)
    return TRUE;
  return set_error (self, error, EB_IMPORT_ERROR_FORMAT,
                    "“%s” is not an SPSS (.sav, .zsav, .por) or Stata (.dta) file",
                    self->name);
}

/* Day 0 of the dates in a file: the start of the Gregorian calendar for
 * SPSS, 1 January 1960 for Stata. */
static guint32
epoch_julian (Kind kind)
{
  GDate epoch;

  g_date_clear (&epoch, 1);
  if (kind == KIND_DTA)
    g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1960);
  else
    g_date_set_dmy (&epoch, 14, G_DATE_OCTOBER, 1582);
  return g_date_get_julian (&epoch);
}

static gboolean
read_file (Reader  *self,
           GError **error)
{
  readstat_error_t status;

  if (!sniff (self, error))
    return FALSE;

  self->epoch_julian = epoch_julian (self->kind);
  status = parse (self);
  if (self->cancelled || g_cancellable_is_cancelled (self->cancellable))
    return set_cancelled (self, error);
  if (status != READSTAT_OK)
    return set_readstat_error (self, status, error);

  /* ReadStat reads some cut files to their end without a word: where
   * Stata's value labels should be, or the end of a portable file. A whole
   * Stata file is read without asking for more than it holds, but for the
   * end of the value labels before Stata 13. (SPSS files are read in
   * blocks: their end tells nothing, but ReadStat counts their rows.) */
  if (self->kind == KIND_DTA &&
      (self->read_cut || (self->read_short && !self->old_stata)))
    return set_cut_short (self, readstat_error_message (READSTAT_ERROR_READ), error);
  if (!has_whole_end (self))
    return set_cut_short (self, readstat_error_message (READSTAT_ERROR_READ), error);
  if (self->declared_rows > (gint64) self->n_rows)
    return set_readstat_error (self, READSTAT_ERROR_ROW_COUNT_MISMATCH, error);
  if (self->variables->len == 0)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY,
                      "“%s” holds no variables; expected at least one variable and "
                      "one respondent", self->name);
  if (self->n_rows == 0)
    return set_error (self, error, EB_IMPORT_ERROR_EMPTY,
                      "“%s” has variables but no respondents (cases); expected at "
                      "least one", self->name);
  return TRUE;
}

static gboolean
format_timestamp (const Reader *self,
                  double        seconds,
                  gboolean      with_time,
                  char         *buffer)
{
  double whole = floor (seconds + 0.5);
  double days = floor (whole / 86400);
  double julian = self->epoch_julian + days;
  gint64 rest;
  GDate date;

  if (!(julian >= 1 && julian <= LAST_JULIAN_DAY))
    return FALSE;
  rest = (gint64) (whole - days * 86400);
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) julian);
  if (with_time)
    g_snprintf (buffer, CELL_BUFFER, "%04u-%02u-%02u %02d:%02d:%02d",
                (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
                (guint) g_date_get_day (&date),
                (int) (rest / 3600), (int) (rest / 60 % 60), (int) (rest % 60));
  else
    g_snprintf (buffer, CELL_BUFFER, "%04u-%02u-%02u",
                (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
                (guint) g_date_get_day (&date));
  return TRUE;
}

static gboolean
format_duration (double  seconds,
                 char   *buffer)
{
  double whole = floor (fabs (seconds) + 0.5);
  gint64 s;

  if (whole >= 1e15)
    return FALSE;
  s = (gint64) whole;
  g_snprintf (buffer, CELL_BUFFER, "%s%02" G_GINT64_FORMAT ":%02d:%02d",
              seconds < 0 && s > 0 ? "-" : "", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
  return TRUE;
}

/* Whole numbers without decimals, others with the 15 significant digits a
 * double holds, so that 0.1 reads 0.1 and not 0.10000000000000001. */
static void
format_plain (double  value,
              char   *buffer)
{
  if (value == floor (value) && fabs (value) < 1e15)
    g_snprintf (buffer, CELL_BUFFER, "%.0f", value == 0 ? 0.0 : value);
  else
    g_ascii_formatd (buffer, CELL_BUFFER, "%.15g", value);
}

static void
format_number (const Reader   *self,
               const Variable *variable,
               double          value,
               char           *buffer)
{
  double seconds = value * variable->seconds_per_unit;

  switch (variable->show)
    {
    case SHOW_DATE:
    case SHOW_DATETIME:
      if (format_timestamp (self, seconds, variable->show == SHOW_DATETIME, buffer))
        return;
      break;
    case SHOW_DURATION:
      if (format_duration (seconds, buffer))
        return;
      break;
    case SHOW_NUMBER:
    default:
      break;
    }
  format_plain (value, buffer);
}

static gboolean
is_user_missing (const Variable *variable,
                 double          code)
{
  for (guint i = 0; i + 1 < variable->missing->len; i += 2)
    if (code >= g_array_index (variable->missing, double, i) &&
        code <= g_array_index (variable->missing, double, i + 1))
      return TRUE;
  return FALSE;
}

/* Points each variable at its value labels, leaving out the labels of its
 * own user-missing codes, and empty labels, which would make an answer look
 * missing. */
static void
attach_labels (Reader *self)
{
  for (guint i = 0; i < self->variables->len; i++)
    {
      Variable *variable = g_ptr_array_index (self->variables, i);

      if (variable == NULL || variable->label_set == NULL)
        continue;
      variable->set = g_hash_table_lookup (self->label_sets, variable->label_set);
      if (variable->set == NULL || variable->is_string)
        continue;
      variable->labels = g_hash_table_new (g_double_hash, g_double_equal);
      for (guint l = 0; l < variable->set->numeric->len; l++)
        {
          Label *label = &g_array_index (variable->set->numeric, Label, l);

          if (!is_user_missing (variable, label->code) && *label->text != '\0')
            g_hash_table_insert (variable->labels, &label->code, label->text);
        }
    }
}

static const char *
cell_text (const Reader   *self,
           const Variable *variable,
           guint           row,
           char           *buffer)
{
  const char *label;
  double value;

  if (variable->is_string)
    {
      const char *text = row < variable->strings->len
                         ? g_ptr_array_index (variable->strings, row) : NULL;

      if (text == NULL)
        return "";
      if (variable->set != NULL &&
          (label = g_hash_table_lookup (variable->set->strings, text)) != NULL &&
          *label != '\0')
        return label;
      return text;
    }

  value = row < variable->numbers->len ? g_array_index (variable->numbers, double, row) : NAN;
  if (isnan (value))
    return "";
  if (variable->labels != NULL && (label = g_hash_table_lookup (variable->labels, &value)) != NULL)
    return label;
  format_number (self, variable, value, buffer);
  return buffer;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  double x = ((const Label *) a)->code;
  double y = ((const Label *) b)->code;

  return (x > y) - (x < y);
}

/* The variable's labels in code order, without those of its user-missing
 * codes and without repeated texts. */
static GArray *
sorted_labels (const Variable *variable)
{
  g_autoptr(GHashTable) texts = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (Label));
  GArray *all = variable->set->numeric;

  for (guint i = 0; i < all->len; i++)
    {
      Label *label = &g_array_index (all, Label, i);

      if (!is_user_missing (variable, label->code) && *label->text != '\0' &&
          g_hash_table_add (texts, label->text))
        g_array_append_val (labels, *label);
    }
  g_array_sort (labels, compare_labels);
  return labels;
}

static EbScale *
new_scale (GPtrArray *texts,
           GArray    *non_substantive)
{
  return eb_scale_new ((const char * const *) texts->pdata,
                       (const gboolean *) non_substantive->data, texts->len);
}

static void
add_level (GPtrArray  *texts,
           GArray     *non_substantive,
           const char *text,
           gboolean    flag)
{
  g_ptr_array_add (texts, (gpointer) text);
  g_array_append_val (non_substantive, flag);
}

/* Every label is a point of the scale: in the library's order for a set it
 * knows (codes may run from "Strongly agree" down), else in code order for
 * three points or more. "Not applicable" and its like go last, marked
 * non-substantive, wherever their codes are. */
static EbScale *
scale_of_full_labels (const Variable *variable,
                      GArray         *labels)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(EbScale) known = NULL;
  guint n_substantive = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = g_array_index (labels, Label, i).text;

      g_ptr_array_add (texts, (gpointer) text);
      n_substantive += !eb_scale_library_is_non_substantive (text);
    }
  /* Only the set itself: the library also finds "Disagree, Neutral,
   * Agree" in its 5-point scale, whose ends nobody could choose here. */
  known = eb_scale_library_match ((const char * const *) texts->pdata, texts->len);
  if (known != NULL && eb_scale_get_n_substantive (known) == n_substantive)
    return g_steal_pointer (&known);
  if (variable->measure == READSTAT_MEASURE_NOMINAL)
    return NULL;

  g_ptr_array_set_size (texts, 0);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < labels->len; i++)
      {
        const char *text = g_array_index (labels, Label, i).text;
        gboolean flag = eb_scale_library_is_non_substantive (text);

        if (flag == (pass == 1))
          add_level (texts, flags, text, flag);
      }
  /* Two labels alone are more often categories (Female, Male) than a
   * scale; the library knows the two-point scales that are. */
  if (n_substantive < 3)
    return NULL;
  return new_scale (texts, flags);
}

static gboolean
is_whole (double value)
{
  return value == floor (value) && fabs (value) < 1e9;
}

/* Answers between labelled codes ("0 = Not at all likely" … "10 = Extremely
 * likely"): every whole number from the lowest labelled point to the
 * highest is a point, shown as its label or as the number. */
static EbScale *
scale_of_partial_labels (const Variable *variable,
                         GArray         *labels,
                         GArray         *unlabelled)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (gboolean));
  double lo = INFINITY, hi = -INFINITY;
  guint n_substantive = 0;

  if (variable->measure == READSTAT_MEASURE_NOMINAL || variable->show != SHOW_NUMBER)
    return NULL;
  for (guint i = 0; i < labels->len; i++)
    {
      const Label *label = &g_array_index (labels, Label, i);

      if (eb_scale_library_is_non_substantive (label->text))
        continue;
      if (!is_whole (label->code))
        return NULL;
      lo = MIN (lo, label->code);
      hi = MAX (hi, label->code);
      n_substantive++;
    }
  if (n_substantive < 2 || hi - lo + 1 > MAX_PARTLY_LABELLED)
    return NULL;
  for (guint i = 0; i < unlabelled->len; i++)
    {
      double value = g_array_index (unlabelled, double, i);

      if (!is_whole (value) || value < lo || value > hi)
        return NULL;
    }

  for (double code = lo; code <= hi; code++)
    {
      const char *text = g_hash_table_lookup (variable->labels, &code);
      char buffer[CELL_BUFFER];

      if (text == NULL || eb_scale_library_is_non_substantive (text))
        {
          format_plain (code, buffer);
          text = buffer;
        }
      add_level (texts, flags, g_strdup (text), FALSE);
    }
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = g_array_index (labels, Label, i).text;

      if (eb_scale_library_is_non_substantive (text))
        add_level (texts, flags, g_strdup (text), TRUE);
    }
  return new_scale (texts, flags);
}

/* The distinct answers of a labelled numeric variable that have no label,
 * or NULL when there are too many for any scale. */
static GArray *
find_unlabelled (const Variable *variable)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_double_hash, g_double_equal);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint row = 0; row < variable->numbers->len; row++)
    {
      double *value = &g_array_index (variable->numbers, double, row);

      if (isnan (*value) || g_hash_table_contains (variable->labels, value) ||
          !g_hash_table_add (seen, value))
        continue;
      if (values->len == MAX_PARTLY_LABELLED)
        return NULL;
      g_array_append_val (values, *value);
    }
  return g_steal_pointer (&values);
}

/* String codes ("M" = "Male") give no order: only a set the library knows
 * is a scale, and only if every answer has a label. */
static EbScale *
scale_of_string_labels (const Variable *variable)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) codes = NULL;

  for (guint row = 0; row < variable->strings->len; row++)
    {
      const char *text = g_ptr_array_index (variable->strings, row);

      if (text != NULL && !g_hash_table_contains (variable->set->strings, text))
        return NULL;
    }
  codes = g_list_sort (g_hash_table_get_keys (variable->set->strings), (GCompareFunc) strcmp);
  for (GList *l = codes; l != NULL; l = l->next)
    {
      const char *text = g_hash_table_lookup (variable->set->strings, l->data);

      if (*text != '\0' && g_hash_table_add (seen, (gpointer) text))
        g_ptr_array_add (texts, (gpointer) text);
    }
  if (texts->len == 0)
    return NULL;
  return eb_scale_library_match ((const char * const *) texts->pdata, texts->len);
}

/* The scale a variable's value labels describe, or NULL when they describe
 * categories, or nothing. */
static EbScale *
scale_of_variable (const Variable *variable)
{
  g_autoptr(GArray) labels = NULL;
  g_autoptr(GArray) unlabelled = NULL;

  if (variable->set == NULL)
    return NULL;
  if (variable->is_string)
    return scale_of_string_labels (variable);

  labels = sorted_labels (variable);
  if (labels->len == 0)
    return NULL;
  unlabelled = find_unlabelled (variable);
  if (unlabelled == NULL)
    return NULL;
  if (unlabelled->len == 0)
    return scale_of_full_labels (variable, labels);
  return scale_of_partial_labels (variable, labels, unlabelled);
}

static gboolean
contains_scale (GPtrArray     *scales,
                const EbScale *scale)
{
  for (guint i = 0; i < scales->len; i++)
    if (eb_scale_equal (g_ptr_array_index (scales, i), scale))
      return TRUE;
  return FALSE;
}

/* Detection gives a column the first of these scales that all its answers
 * fit. The user's scales come first, as always; value-label scales follow,
 * shorter ones first, as the built-in library orders its own: an item
 * answered on a 4-point scale must not get a 5-point scale that also holds
 * its answers. */
static GPtrArray *
collect_scales (const Reader          *self,
                const EbImportOptions *options)
{
  GPtrArray *scales = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_scale_unref);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_scale_unref);

  if (options != NULL && options->scales != NULL)
    for (guint i = 0; i < options->scales->len; i++)
      g_ptr_array_add (scales, eb_scale_ref (g_ptr_array_index (options->scales, i)));

  for (guint i = 0; i < self->variables->len; i++)
    {
      const Variable *variable = g_ptr_array_index (self->variables, i);
      EbScale *scale = variable != NULL ? scale_of_variable (variable) : NULL;
      guint at;

      if (scale == NULL)
        continue;
      if (contains_scale (scales, scale) || contains_scale (found, scale))
        {
          eb_scale_unref (scale);
          continue;
        }
      /* Stable: scales of one length keep the order of their variables. */
      for (at = found->len; at > 0; at--)
        if (eb_scale_get_n_levels (g_ptr_array_index (found, at - 1)) <=
            eb_scale_get_n_levels (scale))
          break;
      g_ptr_array_insert (found, at, scale);
    }

  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (scales, eb_scale_ref (g_ptr_array_index (found, i)));
  return scales;
}

/* Titles are variable labels, which long questionnaires repeat ("Other,
 * please say"): the variable's name tells a repeated one apart. */
static void
add_columns (GPtrArray *columns,
             EbSurvey  *survey)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < columns->len; i++)
    {
      const Variable *variable = g_ptr_array_index (columns, i);
      const char *title = variable->label != NULL ? variable->label : variable->name;
      char *unique = g_strdup (title);

      if (g_hash_table_contains (used, unique) && variable->label != NULL)
        {
          g_free (unique);
          unique = g_strdup_printf ("%s (%s)", title, variable->name);
        }
      for (guint k = 2; g_hash_table_contains (used, unique); k++)
        {
          g_free (unique);
          unique = g_strdup_printf ("%s (%u)", title, k);
        }
      eb_survey_add_column (survey, unique);
      g_hash_table_add (used, unique);
    }
}

static EbSurvey *
build_survey (Reader   *self,
              GError  **error)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = NULL;
  g_autofree char *buffers = NULL;

  attach_labels (self);
  for (guint i = 0; i < self->variables->len; i++)
    if (g_ptr_array_index (self->variables, i) != NULL)
      g_ptr_array_add (columns, g_ptr_array_index (self->variables, i));
  add_columns (columns, survey);

  cells = g_ptr_array_sized_new (columns->len);
  g_ptr_array_set_size (cells, columns->len);
  buffers = g_malloc ((gsize) columns->len * CELL_BUFFER);
  for (guint row = 0; row < self->n_rows; row++)
    {
      if (row % 4096 == 0)
        {
          if (g_cancellable_is_cancelled (self->cancellable))
            {
              set_cancelled (self, error);
              return NULL;
            }
          report_progress (self, PARSE_SHARE + (1 - PARSE_SHARE) * row / self->n_rows);
        }
      for (guint i = 0; i < columns->len; i++)
        g_ptr_array_index (cells, i) =
          (gpointer) cell_text (self, g_ptr_array_index (columns, i), row,
                                buffers + (gsize) i * CELL_BUFFER);
      eb_survey_append_row (survey, (const char * const *) cells->pdata, cells->len);
    }
  eb_survey_set_source_file (survey, self->path);
  return g_steal_pointer (&survey);
}

EbSurvey *
eb_readstat_read (const char             *path,
                  const EbImportOptions  *options,
                  GCancellable           *cancellable,
                  EbProgressFunc          progress,
                  gpointer                progress_data,
                  EbErrorLocation        *location,
                  GPtrArray             **detect_scales,
                  GError                **error)
{
  Reader self = { 0 };
  g_autoptr(EbSurvey) survey = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (detect_scales == NULL || *detect_scales == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self.path = path;
  self.name = g_path_get_basename (path);
  self.cancellable = cancellable;
  self.progress = progress;
  self.progress_data = progress_data;
  self.variables = g_ptr_array_new_with_free_func (variable_free);
  self.label_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, label_set_free);
  self.chunk = g_string_chunk_new (64 * 1024);
  self.declared_rows = -1;
  self.last_row = -1;
  self.fd = -1;

  if (read_file (&self, error))
    survey = build_survey (&self, error);

  if (survey != NULL)
    {
      if (detect_scales != NULL)
        *detect_scales = collect_scales (&self, options);
      report_progress (&self, 1.0);
    }
  else if (location != NULL)
    {
      location->file = g_strdup (path);
      location->sheet = NULL;
      location->row = 0;
      location->column = 0;
    }

  /* Variables point into the label sets: they go first. */
  g_ptr_array_unref (self.variables);
  g_hash_table_unref (self.label_sets);
  g_string_chunk_free (self.chunk);
  g_free (self.detail);
  g_free (self.name);
  return g_steal_pointer (&survey);
}
