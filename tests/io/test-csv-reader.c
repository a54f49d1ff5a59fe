/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv-reader"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "csv-reader.h"

/* Files written by the tests themselves (large or block-boundary cases)
 * go here and are removed at the end. */
static char *tmp_dir;
static GPtrArray *tmp_files;
static char *big_path;

#define BIG_ROWS    100000
#define BIG_COLUMNS 30
#define BLOCK       (1024 * 1024)  /* the reader's block size */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "io", "data", name, NULL);
}

static char *
write_temp_file (const char *name,
                 const char *data,
                 gsize       len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  g_ptr_array_add (tmp_files, g_strdup (path));
  return path;
}

static EbSurvey *
read_path (const char *path,
           int         header_rows)
{
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  EbSurvey *survey;

  options.header_rows = header_rows;
  survey = eb_csv_read (path, &options, NULL, NULL, NULL, &location, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  /* Untouched on success. */
  g_assert_null (location.file);
  return survey;
}

static EbSurvey *
read_fixture (const char *name,
              int         header_rows)
{
  g_autofree char *path = fixture_path (name);
  EbSurvey *survey = read_path (path, header_rows);

  g_assert_cmpstr (eb_survey_get_source_file (survey), ==, path);
  return survey;
}

static void
assert_titles (EbSurvey           *survey,
               const char * const *titles)
{
  guint n = g_strv_length ((char **) titles);

  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (eb_survey_get_column_name (survey, i), ==, titles[i]);
}

static void
assert_row (EbSurvey           *survey,
            guint               row,
            const char * const *cells)
{
  guint n = g_strv_length ((char **) cells);

  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, n);
  g_assert_cmpuint (row, <, eb_survey_get_n_rows (survey));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (eb_survey_get_cell (survey, row, i), ==, cells[i]);
}

#define TITLES(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define ROW(...)    ((const char * const[]) { __VA_ARGS__, NULL })

static void
assert_read_fails (const char    *path,
                   int            header_rows,
                   int            code,
                   const char    *message,
                   guint          row,
                   guint          column)
{
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  options.header_rows = header_rows;
  survey = eb_csv_read (path, &options, NULL, NULL, NULL, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpstr (location.file, ==, path);
  g_assert_null (location.sheet);
  g_assert_cmpuint (location.row, ==, row);
  g_assert_cmpuint (location.column, ==, column);
  eb_error_location_clear (&location);
  g_assert_null (location.file);
}

static void
assert_fixture_fails (const char    *name,
                      int            code,
                      const char    *message,
                      guint          row,
                      guint          column)
{
  g_autofree char *path = fixture_path (name);

  assert_read_fails (path, -1, code, message, row, column);
}

/* Quirks */

static void
test_quoted (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("quoted.csv", -1);

  assert_titles (survey, TITLES ("id", "comment", "rating"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 6);
  g_assert_cmpuint (eb_survey_get_header_rows (survey), ==, 1);
  assert_row (survey, 0, ROW ("1", "Hello, world", "Agree"));
  assert_row (survey, 1, ROW ("2", "She said \"yes\"", "Disagree"));
  /* CRLF and LF inside an answer both become one \n. */
  assert_row (survey, 2, ROW ("3", "Line one\nLine two", "Agree"));
  assert_row (survey, 3, ROW ("4", "Line one\nLine two", "Neither"));
  assert_row (survey, 4, ROW ("5", "", "Agree"));
  assert_row (survey, 5, ROW ("6", "plain \"quote\" inside", "Agree"));
}

static void
test_delimiter_comma (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("comma.csv", -1);

  assert_titles (survey, TITLES ("id", "programme", "q1"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 2);
  assert_row (survey, 1, ROW ("2", "2CN", "Disagree"));
}

static void
test_delimiter_semicolon (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("semicolon.csv", -1);

  assert_titles (survey, TITLES ("id", "programme", "q1", "comment"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 3);
  assert_row (survey, 0, ROW ("1", "1CN", "Agree", "Good, but too long"));
  assert_row (survey, 2, ROW ("3", "1CN", "Agree", "Nothing, really"));
}

static void
test_delimiter_tab (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("tab.txt", -1);

  assert_titles (survey, TITLES ("id", "programme", "q1"));
  assert_row (survey, 0, ROW ("1", "1CN", "Agree"));
}

static void
test_delimiter_tsv_extension (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("forced.tsv", -1);

  assert_titles (survey, TITLES ("last, first, middle", "remark"));
  assert_row (survey, 1, ROW ("Roe, Rich, B.", "fine"));
}

static void
test_encoding_utf8_bom (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("bom-utf8.csv", -1);

  assert_titles (survey, TITLES ("naïve", "Ünïcode"));
  assert_row (survey, 0, ROW ("1", "café"));
}

static void
test_encoding_utf16le (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("utf16le.txt", -1);

  assert_titles (survey, TITLES ("id", "answer"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 2);
  assert_row (survey, 0, ROW ("1", "Naïve 😀"));
  assert_row (survey, 1, ROW ("2", "“quoted”"));
}

static void
test_encoding_utf16be (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("utf16be.csv", -1);

  assert_titles (survey, TITLES ("id", "answer"));
  assert_row (survey, 0, ROW ("1", "Ærø"));
}

static void
test_encoding_windows_1252 (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("windows1252.csv", -1);

  assert_titles (survey, TITLES ("id", "comment"));
  assert_row (survey, 0, ROW ("1", "Don’t know"));
  assert_row (survey, 1, ROW ("2", "Très bien, 5 €"));
}

/* Not valid UTF-8 as a whole: all of it is Windows-1252, including the
 * part read before the bad byte. */
static void
test_encoding_mixed (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("mixed.csv", -1);

  assert_row (survey, 0, ROW ("1", "Ã©"));
  assert_row (survey, 1, ROW ("2", "café"));
}

static void
test_header_multi (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("multi-header.csv", 2);

  assert_titles (survey, TITLES ("Section - ID", "Satisfaction - Teaching",
                                 "Satisfaction - Materials", "Comments"));
  g_assert_cmpuint (eb_survey_get_header_rows (survey), ==, 2);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 1);
  assert_row (survey, 0, ROW ("1", "Agree", "Disagree", "Fine"));
}

static void
test_header_titles (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("titles.csv", -1);

  assert_titles (survey, TITLES ("Q1", "Column 2", "Q1 (2)", "Q1 (3)",
                                 "Column 2 (2)", "Column 6"));
  assert_row (survey, 0, ROW ("1", "2", "3", "4", "5", "6"));
}

static void
test_header_none (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("comma.csv", 0);

  assert_titles (survey, TITLES ("Column 1", "Column 2", "Column 3"));
  g_assert_cmpuint (eb_survey_get_header_rows (survey), ==, 0);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 3);
  assert_row (survey, 0, ROW ("id", "programme", "q1"));
}

static void
test_short_rows (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("short-rows.csv", -1);

  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 4);
  assert_row (survey, 0, ROW ("1", "2", "", "", ""));
  assert_row (survey, 1, ROW ("1", "2", "3", "4", "5"));
  assert_row (survey, 2, ROW ("1", "2", "3", "", ""));
  assert_row (survey, 3, ROW ("1", "2", "3", "4", "5"));
}

static void
test_trailing_empty (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("trailing.csv", -1);

  assert_titles (survey, TITLES ("a", "b", "c"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 3);
  assert_row (survey, 0, ROW ("1", "2", "3"));
  assert_row (survey, 1, ROW ("", "", ""));
  assert_row (survey, 2, ROW ("4", "5", "6"));
}

/* Bad input */

static void
test_error_empty (void)
{
  assert_fixture_fails ("empty.csv", EB_IMPORT_ERROR_EMPTY,
                        "“empty.csv” is empty: expected a header row and at least one row of answers",
                        0, 0);
  assert_fixture_fails ("blank.csv", EB_IMPORT_ERROR_EMPTY,
                        "“blank.csv” is empty: expected a header row and at least one row of answers",
                        0, 0);
}

static void
test_error_header_only (void)
{
  g_autofree char *path = fixture_path ("header-only.csv");

  assert_read_fails (path, -1, EB_IMPORT_ERROR_EMPTY,
                     "“header-only.csv” has a header row but no answers", 0, 0);
  assert_read_fails (path, 2, EB_IMPORT_ERROR_EMPTY,
                     "“header-only.csv” has only one row; expected 2 header rows and "
                     "at least one row of answers", 0, 0);
}

static void
test_error_binary (void)
{
  assert_fixture_fails ("binary.csv", EB_IMPORT_ERROR_BINARY,
                        "“binary.csv” is not a text file (found binary data at byte 6); "
                        "expected comma-, semicolon- or tab-separated text",
                        0, 0);
}

static void
test_error_zip (void)
{
  assert_fixture_fails ("zip.csv", EB_IMPORT_ERROR_BINARY,
                        "“zip.csv” is a spreadsheet or archive, not CSV text; "
                        "import it as .xlsx/.ods or save it as CSV",
                        0, 0);
}

static void
test_error_unterminated_quote (void)
{
  assert_fixture_fails ("unterminated.csv", EB_IMPORT_ERROR_QUOTE,
                        "“unterminated.csv”, row 5, column 3: a quoted field opened here "
                        "is never closed; expected a closing \"",
                        5, 3);
}

static void
test_error_ragged (void)
{
  assert_fixture_fails ("ragged.csv", EB_IMPORT_ERROR_RAGGED,
                        "“ragged.csv”, row 5: found 4 fields but the header has 3; "
                        "expected at most 3 fields (check for an unquoted delimiter in column 4)",
                        5, 4);
}

static void
test_error_utf16 (void)
{
  assert_fixture_fails ("bad-utf16.csv", EB_IMPORT_ERROR_ENCODING,
                        "“bad-utf16.csv”, row 3, column 2: invalid UTF-16 text; expected "
                        "UTF-16 throughout, as the byte order mark at the start of the "
                        "file announces",
                        3, 2);
  assert_fixture_fails ("truncated-utf16.csv", EB_IMPORT_ERROR_ENCODING,
                        "“truncated-utf16.csv”, row 2, column 2: the file ends in the middle "
                        "of a UTF-16 character; expected UTF-16 text to the end, as the byte "
                        "order mark at the start of the file announces",
                        2, 2);
}

static void
test_error_8bit (void)
{
  assert_fixture_fails ("bad-bytes.csv", EB_IMPORT_ERROR_ENCODING,
                        "“bad-bytes.csv”, row 3, column 2: the byte 0x81 is neither UTF-8 "
                        "nor Windows-1252 text; expected a file saved as CSV UTF-8",
                        3, 2);
}

static void
test_error_missing (void)
{
  g_autofree char *path = fixture_path ("missing.csv");
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  survey = eb_csv_read (path, NULL, NULL, NULL, NULL, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "“missing.csv”: "));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpstr (location.file, ==, path);
  g_assert_cmpuint (location.row, ==, 0);
  eb_error_location_clear (&location);

  /* A directory cannot be read either, and no location is asked for. */
  g_clear_error (&error);
  survey = eb_csv_read (tmp_dir, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_IO);
}

/* Large files and block boundaries */

/* A 30-column survey: id, two attributes, 20 Likert items, a date, six
 * open answers of which some need quotes, and some rows cut short. */
static const char *
get_big_file (void)
{
  static const char * const levels[] = {
    "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
  };
  g_autoptr(GString) csv = NULL;

  if (big_path != NULL)
    return big_path;

  csv = g_string_sized_new (20 * 1024 * 1024);
  g_string_append (csv, "id,gender,programme");
  for (guint q = 1; q <= 20; q++)
    g_string_append_printf (csv, ",Q%u", q);
  g_string_append (csv, ",date,open1,open2,open3,open4,open5,open6\r\n");

  for (guint r = 0; r < BIG_ROWS; r++)
    {
      g_string_append_printf (csv, "%u,%s,%uCN", r + 1, r % 3 ? "female" : "male", r % 4);
      for (guint q = 0; q < 20; q++)
        g_string_append_printf (csv, ",%s", levels[(r * 7 + q * 3) % 5]);
      g_string_append_printf (csv, ",2024-%02u-%02u", r % 12 + 1, r % 28 + 1);
      if (r % 10 == 9)
        {
          /* Open answers left out entirely, as some exporters do. */
          g_string_append (csv, "\r\n");
          continue;
        }
      g_string_append_printf (csv, ",\"Answer %u, with a comma\"", r);
      g_string_append_printf (csv, ",\"She said \"\"fine\"\"\nand left\"");
      g_string_append (csv, ",plain text,,more text,last\r\n");
    }
  big_path = write_temp_file ("big.csv", csv->str, csv->len);
  return big_path;
}

static void
test_big_file (void)
{
  const char *path = get_big_file ();
  g_autoptr(EbSurvey) survey = NULL;
  g_autofree char *date = NULL;
  double elapsed;

  g_test_timer_start ();
  survey = read_path (path, -1);
  elapsed = g_test_timer_elapsed ();
  g_test_message ("read %u rows x %u columns in %.3f s",
                  eb_survey_get_n_rows (survey), eb_survey_get_n_columns (survey), elapsed);

  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, BIG_ROWS);
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, BIG_COLUMNS);
  g_assert_cmpstr (eb_survey_get_column_name (survey, 3), ==, "Q1");
  g_assert_cmpstr (eb_survey_get_column_name (survey, 29), ==, "open6");
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 0), ==, "1");
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 3), ==, "Strongly disagree");
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 24), ==, "Answer 0, with a comma");
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 25), ==, "She said \"fine\"\nand left");
  g_assert_cmpstr (eb_survey_get_cell (survey, 9, 24), ==, "");
  g_assert_cmpstr (eb_survey_get_cell (survey, BIG_ROWS - 1, 0), ==, "100000");
  g_assert_cmpstr (eb_survey_get_cell (survey, BIG_ROWS - 2, 29), ==, "last");
  date = g_strdup_printf ("2024-%02u-%02u", (BIG_ROWS - 2) % 12 + 1, (BIG_ROWS - 2) % 28 + 1);
  g_assert_cmpstr (eb_survey_get_cell (survey, BIG_ROWS - 2, 23), ==, date);
  g_assert_cmpuint (eb_survey_count_missing (survey, 24), ==, BIG_ROWS / 10);
  g_assert_cmpuint (eb_survey_count_distinct (survey, 3), ==, 5);
}

typedef struct
{
  double        last;
  guint         calls;
  GCancellable *cancel_at_first;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpfloat (fraction, >, progress->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  progress->last = fraction;
  progress->calls++;
  if (progress->cancel_at_first != NULL)
    g_cancellable_cancel (progress->cancel_at_first);
}

static void
test_progress (void)
{
  const char *path = get_big_file ();
  Progress progress = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  survey = eb_csv_read (path, NULL, NULL, progress_cb, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  /* About once a megabyte. */
  g_assert_cmpuint (progress.calls, >=, 5);
}

static void
test_cancel (void)
{
  const char *path = get_big_file ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { 0 };
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  /* Cancelled midway, from the progress callback as the GUI's Cancel
   * button would, in another thread. */
  progress.cancel_at_first = cancellable;
  survey = eb_csv_read (path, NULL, cancellable, progress_cb, &progress, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "Import of “big.csv” was cancelled");
  g_assert_cmpuint (progress.calls, ==, 1);
  g_assert_cmpstr (location.file, ==, path);
  eb_error_location_clear (&location);

  /* Cancelled before it starts, with a small file. */
  g_clear_error (&error);
  {
    g_autofree char *small = fixture_path ("comma.csv");

    survey = eb_csv_read (small, NULL, cancellable, NULL, NULL, NULL, &error);
    g_assert_null (survey);
    g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED);
  }
}

/* A UTF-8 character cut by the end of the first block. */
static void
test_block_utf8 (void)
{
  g_autoptr(GString) csv = g_string_new ("text\n");
  g_autofree char *path = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  const char *cell;

  while (csv->len < BLOCK + 100)
    g_string_append (csv, "ü");
  g_assert_cmpuint ((guchar) csv->str[BLOCK - 1], ==, 0xC3);
  g_string_append_c (csv, '\n');
  path = write_temp_file ("split-utf8.csv", csv->str, csv->len);

  survey = read_path (path, -1);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 1);
  cell = eb_survey_get_cell (survey, 0, 0);
  g_assert_true (g_utf8_validate (cell, -1, NULL));
  g_assert_cmpuint (strlen (cell), ==, csv->len - 6);
  g_assert_cmpstr (cell + strlen (cell) - 2, ==, "ü");
}

/* A surrogate pair cut by the end of the first block. */
static void
test_block_utf16 (void)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  static const guint8 bom[] = { 0xFF, 0xFE };
  static const guint8 header[] = { 'x', 0, '\n', 0 };
  static const guint8 emoji[] = { 0x3D, 0xD8, 0x00, 0xDE };  /* U+1F600 */
  g_autofree char *path = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  const char *cell;
  guint n_emoji = 0;

  g_byte_array_append (data, bom, sizeof bom);
  g_byte_array_append (data, header, sizeof header);
  while (data->len < BLOCK + 100)
    {
      g_byte_array_append (data, emoji, sizeof emoji);
      n_emoji++;
    }
  /* The high surrogate ends the block. */
  g_assert_cmpuint (data->data[BLOCK - 1], ==, 0xD8);
  path = write_temp_file ("split-utf16.csv", (const char *) data->data, data->len);

  survey = read_path (path, -1);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 1);
  cell = eb_survey_get_cell (survey, 0, 0);
  g_assert_cmpuint (g_utf8_strlen (cell, -1), ==, n_emoji);
  g_assert_cmpuint (g_utf8_get_char (cell), ==, 0x1F600);
}

/* A CRLF cut by the end of the first block is one line break, not two. */
static void
test_block_crlf (void)
{
  g_autoptr(GString) csv = g_string_new ("a,b\r\n");
  g_autofree char *path = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  while (csv->len < BLOCK - 1)
    g_string_append_c (csv, 'y');
  g_string_append (csv, "\r\nz,w\r\n");
  g_assert_cmpint (csv->str[BLOCK - 1], ==, '\r');
  path = write_temp_file ("split-crlf.csv", csv->str, csv->len);

  survey = read_path (path, -1);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 2);
  g_assert_cmpstr (eb_survey_get_cell (survey, 1, 0), ==, "z");
  g_assert_cmpstr (eb_survey_get_cell (survey, 1, 1), ==, "w");
}

/* UTF-8 for the first megabytes, then a Windows-1252 byte: the file is read
 * again from the start as Windows-1252, and the error rows still count
 * right. */
static void
test_block_late_windows_1252 (void)
{
  g_autoptr(GString) csv = g_string_new ("id,text\n");
  g_autofree char *path = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  guint n_rows = 0;
  Progress progress = { 0 };
  g_autoptr(GError) error = NULL;

  while (csv->len < 2 * BLOCK)
    g_string_append_printf (csv, "%u,\xc3\xa9\n", ++n_rows);
  g_string_append_printf (csv, "%u,caf\xe9\n", ++n_rows);
  path = write_temp_file ("late-1252.csv", csv->str, csv->len);

  survey = eb_csv_read (path, NULL, NULL, progress_cb, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, n_rows);
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 1), ==, "Ã©");
  g_assert_cmpstr (eb_survey_get_cell (survey, n_rows - 1, 1), ==, "café");
  g_assert_cmpfloat (progress.last, ==, 1.0);

  g_clear_object (&survey);
  g_string_append (csv, "x,\x81\n");
  g_clear_pointer (&path, g_free);
  path = write_temp_file ("late-bad.csv", csv->str, csv->len);
  {
    g_autofree char *message = g_strdup_printf ("“late-bad.csv”, row %u, column 2: the byte "
                                                "0x81 is neither UTF-8 nor Windows-1252 text; "
                                                "expected a file saved as CSV UTF-8",
                                                n_rows + 2);

    assert_read_fails (path, -1, EB_IMPORT_ERROR_ENCODING, message, n_rows + 2, 2);
  }
}

static void
remove_temp_files (void)
{
  for (guint i = 0; i < tmp_files->len; i++)
    g_unlink (g_ptr_array_index (tmp_files, i));
  g_rmdir (tmp_dir);
  g_ptr_array_unref (tmp_files);
  g_free (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("test-csv-reader-XXXXXX", &error);
  g_assert_no_error (error);
  tmp_files = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/csv/quoted", test_quoted);
  g_test_add_func ("/csv/delimiter/comma", test_delimiter_comma);
  g_test_add_func ("/csv/delimiter/semicolon", test_delimiter_semicolon);
  g_test_add_func ("/csv/delimiter/tab", test_delimiter_tab);
  g_test_add_func ("/csv/delimiter/tsv-extension", test_delimiter_tsv_extension);
  g_test_add_func ("/csv/encoding/utf8-bom", test_encoding_utf8_bom);
  g_test_add_func ("/csv/encoding/utf16le", test_encoding_utf16le);
  g_test_add_func ("/csv/encoding/utf16be", test_encoding_utf16be);
  g_test_add_func ("/csv/encoding/windows-1252", test_encoding_windows_1252);
  g_test_add_func ("/csv/encoding/mixed", test_encoding_mixed);
  g_test_add_func ("/csv/header/multi", test_header_multi);
  g_test_add_func ("/csv/header/titles", test_header_titles);
  g_test_add_func ("/csv/header/none", test_header_none);
  g_test_add_func ("/csv/rows/short", test_short_rows);
  g_test_add_func ("/csv/rows/trailing-empty", test_trailing_empty);
  g_test_add_func ("/csv/error/empty", test_error_empty);
  g_test_add_func ("/csv/error/header-only", test_error_header_only);
  g_test_add_func ("/csv/error/binary", test_error_binary);
  g_test_add_func ("/csv/error/zip", test_error_zip);
  g_test_add_func ("/csv/error/unterminated-quote", test_error_unterminated_quote);
  g_test_add_func ("/csv/error/ragged", test_error_ragged);
  g_test_add_func ("/csv/error/utf16", test_error_utf16);
  g_test_add_func ("/csv/error/8bit", test_error_8bit);
  g_test_add_func ("/csv/error/missing", test_error_missing);
  g_test_add_func ("/csv/big/100000-rows", test_big_file);
  g_test_add_func ("/csv/big/progress", test_progress);
  g_test_add_func ("/csv/big/cancel", test_cancel);
  g_test_add_func ("/csv/block/utf8", test_block_utf8);
  g_test_add_func ("/csv/block/utf16", test_block_utf16);
  g_test_add_func ("/csv/block/crlf", test_block_crlf);
  g_test_add_func ("/csv/block/late-windows-1252", test_block_late_windows_1252);

  status = g_test_run ();
  remove_temp_files ();
  return status;
}
