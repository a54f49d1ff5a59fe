/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ods-reader"

#include "config.h"

#include "fixtures.h"
#include "ods-reader.h"
#include "sheet-builder.h"

#define STRV(...) ((const char * const[]) { __VA_ARGS__, NULL })

static EbSurvey *
read_fixture (const char *name,
              const char *sheet,
              int         header_rows)
{
  g_autofree char *path = fixture_path (name);

  return read_ok (eb_ods_read, path, sheet, header_rows);
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

  read_fails (eb_ods_read, path, sheet_option, -1, code, message, sheet, row, column);
}

/* Gnumeric's export of types.xlsx: each value type gives the text the
 * XLSX reader gives (Gnumeric drops a midnight time from a date-time). */
static void
test_types (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("types.ods", NULL, -1);

  g_assert_cmpstr (eb_survey_get_sheet (survey), ==, "Answers");
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 3);
  assert_titles (survey, STRV ("ID", "Name", "Score", "Ratio", "Done", "Result", "Joined",
                               "Started", "Time", "Custom date", "Builtin date"));
  assert_row (survey, 0, STRV ("1", "Ann", "3", "0.25", "TRUE", "#N/A", "2024-03-01",
                               "2024-03-01 10:15", "10:15:00", "2024-12-31", "2024-02-29"));
  assert_row (survey, 1, STRV ("2", "Ben", "4.5", "1e-05", "FALSE", "#DIV/0!", "1999-12-31",
                               "2000-01-01", "23:59:59", "2000-02-29", "1900-01-01"));
  assert_row (survey, 2, STRV ("3", "Cé ñ — 漢字", "-7", "1234567890123", "TRUE", "ok",
                               "1900-03-01", "2024-03-01 23:59", "00:00:01", "1970-01-01",
                               "2038-01-19"));
}

/* As LibreOffice writes: a hidden first table, header rows with a title
 * spanning two columns over covered cells, repeated rows and cells, blank
 * rows, runs of spaces, tabs, line breaks, spans and paragraphs, comments
 * left out, every value type, an error cell, and a million empty rows to
 * the end of the sheet that cost nothing. */
static void
test_features (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("features.ods", NULL, 2);
  g_autoptr(EbSurvey) hidden = read_fixture ("features.ods", "Hidden", 0);
  g_autoptr(EbSurvey) other = read_fixture ("features.ods", "other", -1);

  g_assert_cmpstr (eb_survey_get_sheet (survey), ==, "Survey");
  g_assert_cmpuint (eb_survey_get_header_rows (survey), ==, 2);
  assert_titles (survey, STRV ("ID", "Answers - First", "Answers - Second", "Notes", "Kind"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 6);
  assert_row (survey, 0, STRV ("7", "Agree", "Agree", "0.25", "TRUE"));
  assert_row (survey, 1, STRV ("7", "Agree", "Agree", "0.25", "TRUE"));
  assert_row (survey, 2, STRV ("", "", "", "", ""));
  assert_row (survey, 3, STRV ("", "", "", "", ""));
  assert_row (survey, 4, STRV ("-1.5", "a   b\tc\nd e\nsecond paragraph", "2024-03-01",
                               "2024-03-01 14:05", "36:30:00"));
  assert_row (survey, 5, STRV ("0.1", "#N/A", "FALSE", "untyped", ""));

  g_assert_cmpstr (eb_survey_get_sheet (hidden), ==, "Hidden");
  assert_row (hidden, 0, STRV ("secret"));
  g_assert_cmpstr (eb_survey_get_sheet (other), ==, "Other");
  assert_titles (other, STRV ("Only"));
}

static void
test_merged (void)
{
  g_autoptr(EbSurvey) survey = read_fixture ("merged.ods", NULL, 2);

  assert_titles (survey, STRV ("Respondent ID", "How satisfied were you with - Venue",
                               "How satisfied were you with - Food",
                               "How satisfied were you with - Speaker", "Comments"));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 12);
  assert_row (survey, 0, STRV ("1001", "Very dissatisfied", "Dissatisfied", "Satisfied",
                               "Lovely day"));
}

static void
test_sheets (void)
{
  g_autoptr(EbSurvey) first = read_fixture ("sheets.ods", NULL, -1);
  g_autoptr(EbSurvey) named = read_fixture ("sheets.ods", "Wave 2", -1);
  g_autofree char *path = fixture_path ("features.ods");
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GError) error = NULL;
  EbSheetInfo *info;

  g_assert_cmpstr (eb_survey_get_sheet (first), ==, "Wave 1");
  assert_row (first, 1, STRV ("2", "Disagree"));
  g_assert_cmpstr (eb_survey_get_sheet (named), ==, "Wave 2");
  assert_row (named, 0, STRV ("10", "Strongly agree", "x"));

  fixture_fails ("sheets.ods", "Nope", EB_IMPORT_ERROR_NO_SHEET,
                 "“sheets.ods” has no sheet “Nope”; its sheets are “Notes” (hidden), "
                 "“Wave 1”, “Wave 2” (hidden)", NULL, 0, 0);

  tables = eb_ods_list_sheets (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tables->len, ==, 3);
  info = g_ptr_array_index (tables, 0);
  g_assert_cmpstr (info->name, ==, "Hidden");
  g_assert_true (info->hidden);
  info = g_ptr_array_index (tables, 1);
  g_assert_cmpstr (info->name, ==, "Survey");
  g_assert_false (info->hidden);
  info = g_ptr_array_index (tables, 2);
  g_assert_cmpstr (info->name, ==, "Other");
  g_assert_false (info->hidden);
}

static void
test_bad (void)
{
  fixture_fails ("encrypted.ods", NULL, EB_IMPORT_ERROR_ENCRYPTED,
                 "“encrypted.ods” is password-protected; remove the password in "
                 "LibreOffice", NULL, 0, 0);
  fixture_fails ("toomany.ods", NULL, EB_IMPORT_ERROR_TOO_LARGE,
                 "“toomany.ods”, sheet “Big”, row 1048577, column A: the sheet has more "
                 "than 1,048,576 rows", "Big", 1048577, 1);
  fixture_fails ("longcell.ods", NULL, EB_IMPORT_ERROR_TOO_LARGE,
                 "“longcell.ods”, sheet “Long”, row 2, column B: a cell holds more than "
                 "1 MiB of text", "Long", 2, 2);
  /* A row inside a row: an error, not a crash (it was one). */
  fixture_fails ("nestedrow.ods", NULL, EB_IMPORT_ERROR_CORRUPT,
                 "“nestedrow.ods”, sheet “Nested”, row 2: another row begins inside this one; "
                 "expected each row to end before the next", "Nested", 2, 0);
  fixture_fails ("empty.ods", NULL, EB_IMPORT_ERROR_EMPTY,
                 "“empty.ods”, sheet “Blank”: the sheet is empty", "Blank", 0, 0);
  fixture_fails ("binary.xlsx", NULL, EB_IMPORT_ERROR_BINARY,
                 "“binary.xlsx” is not a spreadsheet", NULL, 0, 0);
  fixture_fails ("truncated.xlsx", NULL, EB_IMPORT_ERROR_CORRUPT,
                 "“truncated.xlsx” is a damaged zip archive", NULL, 0, 0);
  fixture_fails ("missing.ods", NULL, EB_IMPORT_ERROR_IO, "“missing.ods”: ", NULL, 0, 0);
}

/* A workbook or CSV text under the name of an ODS file is read as what it
 * is. */
static void
test_wrong_extension (void)
{
  g_autoptr(EbSurvey) workbook = read_fixture ("xlsx-named.ods", NULL, -1);
  g_autoptr(EbSurvey) text = read_fixture ("csv-named.xlsx", NULL, -1);
  g_autofree char *path = fixture_path ("xlsx-named.ods");
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (eb_survey_get_sheet (workbook), ==, "Answers");
  g_assert_cmpstr (eb_survey_get_cell (workbook, 0, 6), ==, "2024-03-01");
  g_assert_null (eb_survey_get_sheet (text));
  g_assert_cmpuint (eb_survey_get_n_rows (text), ==, 2);

  sheets = eb_ods_list_sheets (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 1);
  g_assert_cmpstr (((EbSheetInfo *) g_ptr_array_index (sheets, 0))->name, ==, "Answers");
}

static void
cancel_now (double   fraction,
            gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autofree char *path = fixture_path ("features.ods");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  survey = eb_ods_read (path, NULL, cancellable, cancel_now, cancellable, NULL, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "Import of “features.ods” was cancelled");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ods/types", test_types);
  g_test_add_func ("/ods/features", test_features);
  g_test_add_func ("/ods/merged", test_merged);
  g_test_add_func ("/ods/sheets", test_sheets);
  g_test_add_func ("/ods/bad", test_bad);
  g_test_add_func ("/ods/wrong-extension", test_wrong_extension);
  g_test_add_func ("/ods/cancel", test_cancel);

  return g_test_run ();
}
