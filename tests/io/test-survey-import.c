/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-survey-import"

#include "config.h"

#include "survey-import.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "io", "data", name, NULL);
}

/* Formats that are not read (yet) are refused by extension, whether or not
 * the file exists, with a way out in the message. */
static void
assert_format_refused (const char *path,
                       const char *message)
{
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  survey = eb_survey_import (path, NULL, NULL, NULL, NULL, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpstr (location.file, ==, path);
  g_assert_null (location.sheet);
  g_assert_cmpuint (location.row, ==, 0);
  g_assert_cmpuint (location.column, ==, 0);
  eb_error_location_clear (&location);
}

static void
test_format_later (void)
{
  /* Workbooks are read (tests/io/xlsx): a missing one is an input/output
   * error about that file, not a refusal. */
  for (guint i = 0; i < 3; i++)
    {
      const char *path = (const char *[]) { "/surveys/wave 2.xlsx", "MACROS.XLSM", "w.ods" }[i];
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *prefix = g_strdup_printf ("“%s”: ", name);
      EbErrorLocation location = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(EbSurvey) survey = NULL;

      survey = eb_survey_import (path, NULL, NULL, NULL, NULL, &location, &error);
      g_assert_null (survey);
      g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_cmpstr (location.file, ==, path);
      eb_error_location_clear (&location);
    }
  /* SPSS and Stata files are read (tests/io/readstat): a missing one is an
   * input/output error about that file, not a refusal. */
  for (guint i = 0; i < 4; i++)
    {
      const char *path = (const char *[]) { "w.sav", "W.ZSAV", "w.por", "w.dta" }[i];
      g_autofree char *prefix = g_strdup_printf ("“%s”: ", path);
      EbErrorLocation location = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(EbSurvey) survey = NULL;

      survey = eb_survey_import (path, NULL, NULL, NULL, NULL, &location, &error);
      g_assert_null (survey);
      g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_IO);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_cmpstr (location.file, ==, path);
      eb_error_location_clear (&location);
    }
}

static void
test_format_xls (void)
{
  assert_format_refused ("old.XLS",
                         "“old.XLS” is an Excel 97–2003 workbook, which Evalbench cannot "
                         "read; open it in Excel or LibreOffice and save it as .xlsx or CSV");
}

/* An unknown extension is read as text; detection runs, trying the user's
 * scales first. */
static void
test_unknown_extension_text (void)
{
  g_autofree char *path = fixture_path ("answers.dat");
  g_autoptr(EbScale) frequency = NULL;
  g_autoptr(GPtrArray) scales = g_ptr_array_new ();
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  int column;

  frequency = eb_scale_parse_spec ("Never<Sometimes<Always", &error);
  g_assert_no_error (error);
  g_ptr_array_add (scales, frequency);
  options.scales = scales;

  survey = eb_survey_import (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  g_assert_cmpstr (eb_survey_get_source_file (survey), ==, path);
  g_assert_cmpuint (eb_survey_get_header_rows (survey), ==, 1);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 4);
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, 3);
  g_assert_cmpstr (eb_survey_get_cell (survey, 1, 2), ==, "fine, thanks");

  column = eb_survey_find_column (survey, "frequency");
  g_assert_cmpint (column, ==, 1);
  g_assert_cmpint (eb_survey_get_column_role (survey, column), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_true (eb_scale_equal (eb_survey_get_column_scale (survey, column), frequency));
}

static void
test_csv_errors_pass_through (void)
{
  g_autofree char *ragged = fixture_path ("ragged.csv");
  g_autofree char *zip = fixture_path ("zip.csv");
  g_autofree char *missing = fixture_path ("missing.tsv");
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  survey = eb_survey_import (ragged, NULL, NULL, NULL, NULL, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_RAGGED);
  g_assert_cmpstr (location.file, ==, ragged);
  g_assert_cmpuint (location.row, ==, 5);
  g_assert_cmpuint (location.column, ==, 4);
  eb_error_location_clear (&location);
  g_clear_error (&error);

  survey = eb_survey_import (zip, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_BINARY);
  g_clear_error (&error);

  survey = eb_survey_import (missing, NULL, NULL, NULL, NULL, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "“missing.tsv”: "));
  g_assert_cmpstr (location.file, ==, missing);
  eb_error_location_clear (&location);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/format/later", test_format_later);
  g_test_add_func ("/import/format/xls", test_format_xls);
  g_test_add_func ("/import/unknown-extension", test_unknown_extension_text);
  g_test_add_func ("/import/csv-errors", test_csv_errors_pass_through);

  return g_test_run ();
}
