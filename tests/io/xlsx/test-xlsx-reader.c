/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-xlsx-reader"

#include "config.h"

#include "fixtures.h"
#include "sheet-builder.h"
#include "xlsx-reader.h"

#define STRV(...) ((const char * const[]) { __VA_ARGS__, NULL })

static EbSurvey *
read_fixture (const char *name,
              const char *sheet,
              int         header_rows)
{
  g_autofree char *path = fixture_path (name);

  return read_ok (eb_xlsx_read, path, sheet, header_rows);
}

static void
fixture_fails (const char    *name,
               const char    *sheet_option,
               EbImportError  code,
               const char    *message,
               const char    *sheet,
               guint          row,
               guint          column)
{
  g_autofree char *path = fixture_path (name);

  read_fails (eb_xlsx_read, path, sheet_option, -1, code, message, sheet, row, column);
}

static void
built_fails (const char    *name,
             EbImportError  code,
             const char    *message,
             const char    *sheet)
{
  g_autofree char *path = built_path (name);

  read_fails (eb_xlsx_read, path, NULL, -1, code, message, sheet, 0, 0);
}

/* openpyxl: inline strings; numbers, booleans, errors; dates, date-times
 * and times by their number formats, built-in (14) and custom. */
static void
test_types (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("types.xlsx", NULL, -1);

  g_assert_cmpstr (eb_survey_get_sheet (survey), ==, "Answers");
  g_assert_cmpuint (eb_survey_get_header_rows (survey), ==, 1);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 3);
  assert_titles (survey, STRV ("ID", "Name", "Score", "Ratio", "Done", "Result", "Joined",
                               "Started", "Time", "Custom date", "Builtin date"));
  assert_row (survey, 0, STRV ("1", "Ann", "3", "0.25", "TRUE", "#N/A", "2024-03-01",
                               "2024-03-01 10:15", "10:15:00", "2024-12-31", "2024-02-29"));
  assert_row (survey, 1, STRV ("2", "Ben", "4.5", "1e-05", "FALSE", "#DIV/0!", "1999-12-31",
                               "2000-01-01 00:00", "23:59:59", "2000-02-29", "1900-01-01"));
  assert_row (survey, 2, STRV ("3", "Cé ñ — 漢字", "-7", "1234567890123", "TRUE", "ok",
                               "1900-03-01", "2024-03-01 23:59", "00:00:01", "1970-01-01",
                               "2038-01-19"));
}

/* Old Mac workbooks count days from 1904. */
static void
test_epoch1904 (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("epoch1904.xlsx", NULL, -1);

  assert_titles (survey, STRV ("ID", "Date", "When"));
  assert_row (survey, 0, STRV ("1", "2024-03-01", "1904-01-01 12:00"));
  assert_row (survey, 1, STRV ("2", "1904-01-02", "2010-06-30 18:45"));
}

/* As Excel writes: shared strings with rich-text runs, phonetic runs,
 * _xHHHH_ escapes and entities; custom formats for dates, date-times,
 * durations, quoted text with a "d" in it and percentages; the phantom
 * 29 February 1900; formula results; ISO date cells; and a title merged
 * over two columns, listed after the data. */
static void
test_excel (void)
{
  g_autoptr(EbSurvey) two = read_fixture ("excel.xlsx", NULL, 2);
  g_autoptr(EbSurvey) one = read_fixture ("excel.xlsx", NULL, 1);

  g_assert_cmpstr (eb_survey_get_sheet (two), ==, "Form1");
  g_assert_cmpuint (eb_survey_get_header_rows (two), ==, 2);
  g_assert_cmpuint (eb_survey_get_n_rows (two), ==, 4);
  assert_titles (two, STRV ("Name", "When - Sub", "When - Other", "Amount", "Comment"));
  assert_row (two, 0, STRV ("Bold and plain", "2024-03-01", "2024-03-01 12:00", "12.5",
                            "line\rbreak _x0041_ & done"));
  assert_row (two, 1, STRV ("漢字", "1900-02-29", "1900-03-01 18:00", "36:00:00", "X"));
  assert_row (two, 2, STRV ("  padded  ", "1900-02-28", "2024-03-01", "0.125", "#DIV/0!"));
  assert_row (two, 3, STRV ("😀 smile", "2024-03-01 09:30", "FALSE", "0.001", ""));

  /* With one header row, the merged title covers both columns. */
  assert_titles (one, STRV ("Name", "When", "When (2)", "Amount", "Comment"));
  g_assert_cmpuint (eb_survey_get_n_rows (one), ==, 5);
  assert_row (one, 0, STRV ("", "Sub", "Other", "", ""));
}

/* Rows and cells without r="…" take the next place; those with one move
 * the place on. */
static void
test_no_references (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("norefs.xlsx", NULL, -1);

  assert_titles (survey, STRV ("A", "B", "C"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 5);
  assert_row (survey, 0, STRV ("1", "2", "3"));
  assert_row (survey, 1, STRV ("", "", ""));
  assert_row (survey, 2, STRV ("", "", ""));
  assert_row (survey, 3, STRV ("5", "", "7"));
  assert_row (survey, 4, STRV ("", "9", "10"));
}

/* Blank rows above the header are skipped, a blank row among the answers
 * stays, trailing rows and formatted empty columns go; an empty column
 * between others stays in its place. */
static void
test_blanks (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("blanks.xlsx", NULL, -1);

  assert_titles (survey, STRV ("ID", "Answer", "Column 3", "Note"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 4);
  assert_row (survey, 0, STRV ("1", "Agree", "", "first"));
  assert_row (survey, 1, STRV ("2", "Disagree", "", ""));
  assert_row (survey, 2, STRV ("", "", "", ""));
  assert_row (survey, 3, STRV ("4", "Agree", "", "after a blank row"));
}

/* SurveyMonkey's two header rows under merged cells. */
static void
test_merged (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("merged.xlsx", NULL, 2);

  assert_titles (survey, STRV ("Respondent ID", "How satisfied were you with - Venue",
                               "How satisfied were you with - Food",
                               "How satisfied were you with - Speaker", "Comments"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 12);
  assert_row (survey, 0, STRV ("1001", "Very dissatisfied", "Dissatisfied", "Satisfied",
                               "Lovely day"));
  assert_row (survey, 11, STRV ("1012", "Dissatisfied", "Neither satisfied nor dissatisfied",
                                "Very satisfied", ""));
}

static void
test_sheets (void)
{
  g_autoptr(EbSurvey) first = read_fixture ("sheets.xlsx", NULL, -1);
  g_autoptr(EbSurvey) named = read_fixture ("sheets.xlsx", "Wave 2", -1);
  g_autoptr(EbSurvey) any_case = read_fixture ("sheets.xlsx", "wave 2", -1);
  g_autoptr(EbSurvey) hidden = read_fixture ("sheets.xlsx", "Notes", 0);
  g_autofree char *path = fixture_path ("sheets.xlsx");
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  EbSheetInfo *info;

  /* The first sheet is hidden: the first visible one is read. */
  g_assert_cmpstr (eb_survey_get_sheet (first), ==, "Wave 1");
  assert_titles (first, STRV ("ID", "Answer"));
  g_assert_cmpuint (eb_survey_get_n_rows (first), ==, 2);

  g_assert_cmpstr (eb_survey_get_sheet (named), ==, "Wave 2");
  assert_row (named, 0, STRV ("10", "Strongly agree", "x"));
  g_assert_cmpstr (eb_survey_get_sheet (any_case), ==, "Wave 2");
  g_assert_cmpstr (eb_survey_get_sheet (hidden), ==, "Notes");
  assert_titles (hidden, STRV ("Column 1", "Column 2"));
  assert_row (hidden, 0, STRV ("Read me", "Exported from Forms"));

  fixture_fails ("sheets.xlsx", "Nope", EB_IMPORT_ERROR_NO_SHEET,
                 "“sheets.xlsx” has no sheet “Nope”; its sheets are “Notes” (hidden), "
                 "“Wave 1”, “Wave 2” (hidden)", NULL, 0, 0);

  sheets = eb_xlsx_list_sheets (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 3);
  info = g_ptr_array_index (sheets, 0);
  g_assert_cmpstr (info->name, ==, "Notes");
  g_assert_true (info->hidden);
  info = g_ptr_array_index (sheets, 1);
  g_assert_cmpstr (info->name, ==, "Wave 1");
  g_assert_false (info->hidden);
  info = g_ptr_array_index (sheets, 2);
  g_assert_cmpstr (info->name, ==, "Wave 2");
  g_assert_true (info->hidden);
}

/* libxlsxwriter: shared strings in its normal mode, inline ones in its
 * constant_memory mode; the same survey either way. */
static void
test_libxlsxwriter (void)
{
  g_autofree char *shared_path = built_path ("writer.xlsx");
  g_autofree char *inline_path = built_path ("writer-inline.xlsx");
  g_autoptr(EbSurvey) shared = read_ok (eb_xlsx_read, shared_path, NULL, 2);
  g_autoptr(EbSurvey) inlined = read_ok (eb_xlsx_read, inline_path, NULL, 2);

  assert_titles (shared, STRV ("ID", "Programme", "Please rate - The sessions",
                               "Please rate - The materials", "Open comments", "Attended",
                               "Date", "Status"));
  g_assert_cmpuint (eb_survey_get_n_rows (shared), ==, 20);
  assert_row (shared, 0, STRV ("500", "2CN", "Strongly disagree", "Disagree",
                               "Too long & too fast", "FALSE", "2024-03-01", "OPEN"));
  assert_row (shared, 3, STRV ("503", "1CN", "Agree", "Neither agree nor disagree", "",
                               "FALSE", "2024-03-04", "OPEN"));

  g_assert_cmpuint (eb_survey_get_n_rows (inlined), ==, eb_survey_get_n_rows (shared));
  g_assert_cmpuint (eb_survey_get_n_columns (inlined), ==, eb_survey_get_n_columns (shared));
  for (guint c = 0; c < eb_survey_get_n_columns (shared); c++)
    {
      g_assert_cmpstr (eb_survey_get_column_name (inlined, c), ==,
                       eb_survey_get_column_name (shared, c));
      for (guint r = 0; r < eb_survey_get_n_rows (shared); r++)
        g_assert_cmpstr (eb_survey_get_cell (inlined, r, c), ==, eb_survey_get_cell (shared, r, c));
    }
}

static void
test_empty (void)
{
  fixture_fails ("empty.xlsx", NULL, EB_IMPORT_ERROR_EMPTY,
                 "“empty.xlsx”, sheet “Nothing”: the sheet is empty; expected a header "
                 "row and at least one row of answers", "Nothing", 0, 0);
  fixture_fails ("header-only.xlsx", NULL, EB_IMPORT_ERROR_EMPTY,
                 "“header-only.xlsx”, sheet “Header”: the sheet has a header row but no "
                 "answers", "Header", 0, 0);
}

/* Office 97–2003 files: a password-protected workbook, an old workbook
 * and something else. */
static void
test_ole2 (void)
{
  built_fails ("encrypted.xlsx", EB_IMPORT_ERROR_ENCRYPTED,
               "“encrypted.xlsx” is password-protected; remove the password in Excel "
               "(File ▸ Info ▸ Protect Workbook) and save it again", NULL);
  built_fails ("excel97.xlsx", EB_IMPORT_ERROR_FORMAT,
               "“excel97.xlsx” is an Excel 97–2003 workbook, which Evalbench cannot read; "
               "open it in Excel or LibreOffice and save it as .xlsx or CSV", NULL);
  built_fails ("word97.xlsx", EB_IMPORT_ERROR_FORMAT,
               "“word97.xlsx” is an Office 97–2003 document but not a workbook", NULL);
}

static void
test_zip_bombs (void)
{
  built_fails ("bomb.xlsx", EB_IMPORT_ERROR_TOO_LARGE,
               "“bomb.xlsx”, sheet “Sheet1”: the part “xl/worksheets/sheet1.xml” expands "
               "to more than 200 times its compressed size", "Sheet1");
  /* A shared string of 600 kB in 4,000 cells. */
  fixture_fails ("amplified.xlsx", NULL, EB_IMPORT_ERROR_TOO_LARGE,
                 "“amplified.xlsx”, sheet “Sheet1”, row 3581, column B: the sheet's cells "
                 "hold more than 2 GiB of text — refusing to read it, as it may be a zip "
                 "bomb", "Sheet1", 3581, 2);
  fixture_fails ("declared-huge.xlsx", NULL, EB_IMPORT_ERROR_TOO_LARGE,
                 "“declared-huge.xlsx”, sheet “Sheet1”: its parts expand to more than "
                 "2 GiB — refusing to read it, as it may be a zip bomb", "Sheet1", 0, 0);
}

static void
test_damaged (void)
{
  fixture_fails ("truncated.xlsx", NULL, EB_IMPORT_ERROR_CORRUPT,
                 "“truncated.xlsx” is a damaged zip archive", NULL, 0, 0);
  fixture_fails ("damaged.xlsx", NULL, EB_IMPORT_ERROR_CORRUPT,
                 "“damaged.xlsx”, sheet “Sheet1”: the part “xl/worksheets/sheet1.xml”",
                 "Sheet1", 0, 0);
  fixture_fails ("badxml.xlsx", NULL, EB_IMPORT_ERROR_CORRUPT,
                 "“badxml.xlsx”, sheet “Sheet1”, row 2, column A: the XML of "
                 "“xl/worksheets/sheet1.xml” is malformed (line 2: Opening and ending tag "
                 "mismatch: c line 2 and row)", "Sheet1", 2, 1);
  fixture_fails ("badutf8.xlsx", NULL, EB_IMPORT_ERROR_ENCODING,
                 "“badutf8.xlsx”, sheet “Sheet1”, row 3, column B: the text of "
                 "“xl/worksheets/sheet1.xml” is not valid UTF-8", "Sheet1", 3, 2);
  /* A row inside a row: an error, not a crash (it was one). */
  fixture_fails ("nestedrow.xlsx", NULL, EB_IMPORT_ERROR_CORRUPT,
                 "“nestedrow.xlsx”, sheet “Sheet1”, row 2: another row begins inside this one; "
                 "expected each row to end before the next", "Sheet1", 2, 0);
  fixture_fails ("badsst.xlsx", NULL, EB_IMPORT_ERROR_CORRUPT,
                 "“badsst.xlsx”, sheet “Sheet1”, row 2, column B: the cell refers to shared "
                 "string “99”, but the workbook has 2", "Sheet1", 2, 2);
}

static void
test_too_large (void)
{
  fixture_fails ("toomany.xlsx", NULL, EB_IMPORT_ERROR_TOO_LARGE,
                 "“toomany.xlsx”, sheet “Big”, row 1048577, column A: the sheet has more "
                 "than 1,048,576 rows", "Big", 1048577, 1);
  fixture_fails ("toowide.xlsx", NULL, EB_IMPORT_ERROR_TOO_LARGE,
                 "“toowide.xlsx”, sheet “Sheet1”, row 2, column XFE: the sheet has more "
                 "than 16,384 columns", "Sheet1", 2, 16385);
  fixture_fails ("sparse.xlsx", NULL, EB_IMPORT_ERROR_TOO_LARGE,
                 "“sparse.xlsx”, sheet “Sheet1”, row 1048576, column XFD: the data spans "
                 "1048576 rows × 16384 columns, more than the 100,000,000 cells",
                 "Sheet1", 1048576, 16384);
}

/* Read by what it is, not by what it is called. */
static void
test_wrong_extension (void)
{
  g_autoptr(EbSurvey) text = read_fixture ("csv-named.xlsx", NULL, -1);
  g_autoptr(EbSurvey) ods = read_fixture ("ods-named.xlsx", NULL, -1);
  g_autofree char *text_path = fixture_path ("csv-named.xlsx");
  g_autoptr(GPtrArray) no_sheets = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (eb_survey_get_sheet (text));
  assert_titles (text, STRV ("ID", "Answer"));
  assert_row (text, 1, STRV ("2", "Disagree"));

  g_assert_cmpstr (eb_survey_get_sheet (ods), ==, "Answers");
  g_assert_cmpuint (eb_survey_get_n_rows (ods), ==, 3);
  g_assert_cmpstr (eb_survey_get_cell (ods, 0, 1), ==, "Ann");

  no_sheets = eb_xlsx_list_sheets (text_path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (no_sheets->len, ==, 0);

  fixture_fails ("binary.xlsx", NULL, EB_IMPORT_ERROR_BINARY,
                 "“binary.xlsx” is not a spreadsheet", NULL, 0, 0);
  fixture_fails ("word.xlsx", NULL, EB_IMPORT_ERROR_FORMAT,
                 "“word.xlsx” is a Word document, not a workbook", NULL, 0, 0);
  fixture_fails ("missing.xlsx", NULL, EB_IMPORT_ERROR_IO, "“missing.xlsx”: ", NULL, 0, 0);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
cancel_now (double   fraction,
            gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Progress never goes back and ends at 1; cancelling, even at the last
 * moment, leaves no survey. */
static void
test_progress_and_cancel (void)
{
  g_autofree char *path = built_path ("writer.xlsx");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  EbErrorLocation location = { 0 };

  survey = eb_xlsx_read (path, NULL, NULL, record_progress, fractions, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >=, 1);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_clear_object (&survey);

  survey = eb_xlsx_read (path, NULL, cancellable, cancel_now, cancellable, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "Import of “writer.xlsx” was cancelled");
  g_assert_cmpstr (location.file, ==, path);
  eb_error_location_clear (&location);
  g_clear_error (&error);

  survey = eb_xlsx_read (path, NULL, cancellable, NULL, NULL, NULL, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xlsx/types", test_types);
  g_test_add_func ("/xlsx/epoch1904", test_epoch1904);
  g_test_add_func ("/xlsx/excel", test_excel);
  g_test_add_func ("/xlsx/no-references", test_no_references);
  g_test_add_func ("/xlsx/blanks", test_blanks);
  g_test_add_func ("/xlsx/merged", test_merged);
  g_test_add_func ("/xlsx/sheets", test_sheets);
  g_test_add_func ("/xlsx/libxlsxwriter", test_libxlsxwriter);
  g_test_add_func ("/xlsx/empty", test_empty);
  g_test_add_func ("/xlsx/bad/ole2", test_ole2);
  g_test_add_func ("/xlsx/bad/zip-bombs", test_zip_bombs);
  g_test_add_func ("/xlsx/bad/damaged", test_damaged);
  g_test_add_func ("/xlsx/bad/too-large", test_too_large);
  g_test_add_func ("/xlsx/bad/wrong-extension", test_wrong_extension);
  g_test_add_func ("/xlsx/progress-and-cancel", test_progress_and_cancel);

  return g_test_run ();
}
