/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-readstat-reader"

#include "config.h"

#include <glib/gstdio.h>

#include "readstat-reader.h"

/* The fixtures are written at build time by make-fixtures.c: the same eight
 * respondents as .sav, .zsav, .por and .dta, and a few bad files. */

#define AGREEMENT "Strongly disagree<Disagree<Neither agree nor disagree<Agree<Strongly agree" \
                  "<Not applicable!"
#define CONFIDENCE "Not yet confident<Getting there<Confident<Could teach others"

enum
{
  COLUMN_ID,
  COLUMN_AGREE,
  COLUMN_CONFIDENT,
  COLUMN_GENDER,
  COLUMN_PROGRAMME,
  COLUMN_START,
  COLUMN_SUBMITTED,
  COLUMN_HOURS,
  COLUMN_COMMENT,
  N_COLUMNS
};

typedef struct
{
  const char *file;
  const char *id_title;   /* the id has no label: its name is the title */
  gboolean    ascii;      /* portable files hold ASCII text only */
} SurveyFixture;

static const SurveyFixture survey_fixtures[] = {
  { "survey.sav", "id", FALSE },
  { "uncompressed.sav", "id", FALSE },
  /* From a program that leaves the number of respondents out. */
  { "no-count.sav", "id", FALSE },
  { "survey.zsav", "id", FALSE },
  { "survey.por", "ID", TRUE },
  { "survey.dta", "id", FALSE },
  { "survey-114.dta", "id", FALSE },
  /* Named for the other program: read for what they are. */
  { "stata.sav", "id", FALSE },
  { "spss.dta", "id", FALSE },
};

static const char * const titles[N_COLUMNS] = {
  NULL,
  "The sessions improved my teaching",
  "How confident do you feel teaching fractions?",
  "Gender",
  "Programme",
  "Start date",
  "Submitted",
  "Hours of CPD",
  "What difference has the programme made?",
};

static const EbColumnRole roles[N_COLUMNS] = {
  EB_COLUMN_ROLE_ID,
  EB_COLUMN_ROLE_LIKERT,
  EB_COLUMN_ROLE_LIKERT,
  EB_COLUMN_ROLE_ATTRIBUTE,
  EB_COLUMN_ROLE_ATTRIBUTE,
  EB_COLUMN_ROLE_DATE,
  EB_COLUMN_ROLE_DATE,
  EB_COLUMN_ROLE_NUMBER,
  EB_COLUMN_ROLE_TEXT,
};

/* What every fixture of the survey must read as; the first comment is
 * transliterated in the portable file. */
static const char * const cells[][N_COLUMNS] = {
  { "101", "Strongly agree", "Could teach others", "Female", "1CN", "2023-09-14",
    "2023-09-14 16:05:00", "2.5", "Le café-style sessions helped; I’d recommend them" },
  { "102", "Agree", "Confident", "Male", "2CN", "2023-09-15",
    "2023-09-15 09:30:15", "10", "More time to plan with colleagues" },
  /* "Don't know": user-missing in SPSS, .a in Stata. */
  { "103", "", "Getting there", "Female", "1CN", "2023-10-02",
    "2023-10-02 12:00:00", "0.75", "" },
  { "104", "Strongly disagree", "Getting there", "Male", "2CN", "2024-01-31",
    "2024-01-31 23:59:59", "12", "Too much theory, not enough practice" },
  { "105", "Not applicable", "Confident", "Female", "1CN", "2024-02-29",
    "2024-02-29 08:01:02", "", "I joined late" },
  { "106", "Neither agree nor disagree", "Could teach others", "Female", "2CN", "2024-03-01",
    "2024-03-01 00:00:00", "1.25", "Peer mentoring built my confidence" },
  /* System-missing; for the second item 0, in SPSS's missing range. */
  { "107", "", "", "Male", "1CN", "2024-03-04",
    "2024-03-04 17:45:30", "3", "Nothing to add" },
  { "108", "Disagree", "Confident", "Female", "2CN", "2024-03-05",
    "2024-03-05 10:10:10", "4", "Working with other schools was the best part" },
};

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_BUILT, "io", "readstat", name, NULL);
}

static EbSurvey *
import_fixture (const char            *name,
                const EbImportOptions *options)
{
  g_autofree char *path = fixture_path (name);
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  EbSurvey *survey;

  survey = eb_survey_import (path, options, NULL, NULL, NULL, &location, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  g_assert_null (location.file);
  g_assert_cmpstr (eb_survey_get_source_file (survey), ==, path);
  return survey;
}

static void
assert_scale (EbScale    *scale,
              const char *spec)
{
  g_autofree char *actual = NULL;

  g_assert_nonnull (scale);
  actual = eb_scale_to_spec (scale);
  g_assert_cmpstr (actual, ==, spec);
}

static void
test_survey (gconstpointer data)
{
  const SurveyFixture *fixture = data;
  g_autoptr(EbSurvey) survey = import_fixture (fixture->file, NULL);
  EbScale *agreement;

  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, N_COLUMNS);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, G_N_ELEMENTS (cells));

  for (guint column = 0; column < N_COLUMNS; column++)
    {
      const char *title = column == COLUMN_ID ? fixture->id_title : titles[column];

      g_assert_cmpstr (eb_survey_get_column_name (survey, column), ==, title);
      g_assert_cmpint (eb_survey_get_column_role (survey, column), ==, roles[column]);
    }

  for (guint row = 0; row < G_N_ELEMENTS (cells); row++)
    for (guint column = 0; column < N_COLUMNS; column++)
      {
        const char *expected = cells[row][column];
        g_autofree char *ascii = NULL;

        if (fixture->ascii && column == COLUMN_COMMENT)
          expected = ascii = g_str_to_ascii (expected, "C");
        g_assert_cmpstr (eb_survey_get_cell (survey, row, column), ==, expected);
      }

  /* The labels, in code order, with "Not applicable" (not declared missing)
   * kept as a non-substantive answer; "Don't know" (declared missing) and
   * the system-missing answer are missing. */
  agreement = eb_survey_get_column_scale (survey, COLUMN_AGREE);
  assert_scale (agreement, AGREEMENT);
  g_assert_true (eb_scale_is_non_substantive (agreement, 5));
  g_assert_cmpuint (eb_scale_get_n_substantive (agreement), ==, 5);
  g_assert_cmpuint (eb_survey_count_missing (survey, COLUMN_AGREE), ==, 2);

  /* No library scale: the value labels alone make it one, unused levels
   * included. */
  assert_scale (eb_survey_get_column_scale (survey, COLUMN_CONFIDENT), CONFIDENCE);
  g_assert_cmpuint (eb_survey_count_missing (survey, COLUMN_CONFIDENT), ==, 1);

  /* Two labels are categories, not a scale. */
  g_assert_null (eb_survey_get_column_scale (survey, COLUMN_GENDER));
  g_assert_cmpuint (eb_survey_count_distinct (survey, COLUMN_GENDER), ==, 2);
  g_assert_cmpuint (eb_survey_count_missing (survey, COLUMN_HOURS), ==, 1);
  g_assert_cmpuint (eb_survey_count_missing (survey, COLUMN_COMMENT), ==, 1);
}

/* What the reader hands to detection: the user's scales first, then the
 * value-label scales, shorter first, each once; not Gender's labels. */
static void
test_detect_scales (void)
{
  g_autofree char *path = fixture_path ("survey.sav");
  g_autoptr(EbScale) frequency = NULL;
  g_autoptr(EbScale) agreement = NULL;
  g_autoptr(GPtrArray) user_scales = g_ptr_array_new ();
  g_autoptr(GPtrArray) scales = NULL;
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  survey = eb_readstat_read (path, NULL, NULL, NULL, NULL, NULL, &scales, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  g_assert_nonnull (scales);
  g_assert_cmpuint (scales->len, ==, 2);
  assert_scale (g_ptr_array_index (scales, 0), CONFIDENCE);
  assert_scale (g_ptr_array_index (scales, 1), AGREEMENT);
  /* Roles are left to detection. */
  g_assert_null (eb_survey_get_column_scale (survey, COLUMN_AGREE));
  g_clear_pointer (&scales, g_ptr_array_unref);
  g_clear_object (&survey);

  frequency = eb_scale_parse_spec ("Never<Sometimes<Always", &error);
  g_assert_no_error (error);
  agreement = eb_scale_parse_spec (AGREEMENT, &error);
  g_assert_no_error (error);
  g_ptr_array_add (user_scales, frequency);
  g_ptr_array_add (user_scales, agreement);
  options.scales = user_scales;
  survey = eb_readstat_read (path, &options, NULL, NULL, NULL, NULL, &scales, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scales->len, ==, 3);
  g_assert_true (g_ptr_array_index (scales, 0) == frequency);
  g_assert_true (g_ptr_array_index (scales, 1) == agreement);
  assert_scale (g_ptr_array_index (scales, 2), CONFIDENCE);
}

/* Label sets that are no answer scale, and scales that only labels make. */
static void
test_labels (void)
{
  static const char * const cells_of[][5] = {
    { "Teacher", "Teaching assistant", "Leader", "Teacher", "Teaching assistant" },
    { "Female", "Male", "Female", "Female", "Male" },
    { "Extremely likely", "7", "Not at all likely", "9", "Extremely likely" },
    { "Strongly agree", "Agree", "Strongly disagree", "Disagree", "Strongly agree" },
    { "Disagree", "Neutral", "Agree", "Agree", "Neutral" },
    { "Yes", "Yes", "No", "Yes", "Yes" },
  };
  g_autoptr(EbSurvey) survey = import_fixture ("labels.sav", NULL);

  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, G_N_ELEMENTS (cells_of));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 5);
  for (guint column = 0; column < G_N_ELEMENTS (cells_of); column++)
    for (guint row = 0; row < 5; row++)
      g_assert_cmpstr (eb_survey_get_cell (survey, row, column), ==, cells_of[column][row]);

  /* Three labels, but SPSS says the variable is nominal. */
  g_assert_cmpstr (eb_survey_get_column_name (survey, 0), ==, "Role");
  g_assert_cmpint (eb_survey_get_column_role (survey, 0), ==, EB_COLUMN_ROLE_ATTRIBUTE);
  g_assert_null (eb_survey_get_column_scale (survey, 0));
  /* Labels on string codes. */
  g_assert_cmpint (eb_survey_get_column_role (survey, 1), ==, EB_COLUMN_ROLE_ATTRIBUTE);
  /* Only the ends labelled: the points between are numbers. */
  g_assert_cmpint (eb_survey_get_column_role (survey, 2), ==, EB_COLUMN_ROLE_LIKERT);
  assert_scale (eb_survey_get_column_scale (survey, 2),
                "Not at all likely<1<2<3<4<5<6<7<8<9<Extremely likely");
  /* Coded from the top: the library's order, low to high. */
  g_assert_cmpint (eb_survey_get_column_role (survey, 3), ==, EB_COLUMN_ROLE_LIKERT);
  assert_scale (eb_survey_get_column_scale (survey, 3),
                "Strongly disagree<Disagree<Neither agree nor disagree<Agree<Strongly agree");
  /* Three points, not the library's five. */
  g_assert_cmpint (eb_survey_get_column_role (survey, 4), ==, EB_COLUMN_ROLE_LIKERT);
  assert_scale (eb_survey_get_column_scale (survey, 4), "Disagree<Neutral<Agree");
  /* Two labels the library knows. */
  g_assert_cmpint (eb_survey_get_column_role (survey, 5), ==, EB_COLUMN_ROLE_LIKERT);
  assert_scale (eb_survey_get_column_scale (survey, 5), "No<Yes");
}

static void
assert_error (const char    *name,
              EbImportError  code,
              const char    *message)
{
  g_autofree char *path = fixture_path (name);
  EbErrorLocation location = { 0 };
  g_autoptr(GPtrArray) scales = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  survey = eb_survey_import (path, NULL, NULL, NULL, NULL, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpstr (location.file, ==, path);
  g_assert_null (location.sheet);
  g_assert_cmpuint (location.row, ==, 0);
  g_assert_cmpuint (location.column, ==, 0);
  eb_error_location_clear (&location);
  g_clear_error (&error);

  /* Nothing comes back but the error. */
  survey = eb_readstat_read (path, NULL, NULL, NULL, NULL, NULL, &scales, &error);
  g_assert_null (survey);
  g_assert_null (scales);
  g_assert_error (error, EB_IMPORT_ERROR, (int) code);
}

static void
test_errors (void)
{
  assert_error ("empty.sav", EB_IMPORT_ERROR_EMPTY,
                "“empty.sav” is empty (0 bytes); expected an SPSS file");
  assert_error ("no-rows.sav", EB_IMPORT_ERROR_EMPTY,
                "“no-rows.sav” has variables but no respondents (cases); expected at "
                "least one");
  assert_error ("truncated.sav", EB_IMPORT_ERROR_FORMAT,
                "“truncated.sav” is cut short: it ends before all of its data (ReadStat: "
                "File did not contain the expected number of rows); copy or download it "
                "again");
  assert_error ("header-only.sav", EB_IMPORT_ERROR_FORMAT,
                "“header-only.sav” is cut short: it ends before all of its data (ReadStat: "
                "Unable to read from file); copy or download it again");
  assert_error ("truncated.dta", EB_IMPORT_ERROR_FORMAT,
                "“truncated.dta” is cut short: it ends before all of its data (ReadStat: "
                "Unable to read from file); copy or download it again");
  assert_error ("truncated.por", EB_IMPORT_ERROR_FORMAT,
                "“truncated.por” is cut short: it ends before all of its data (ReadStat: "
                "Invalid file, or file has unsupported features); copy or download it "
                "again");
  assert_error ("damaged.sav", EB_IMPORT_ERROR_FORMAT,
                "“damaged.sav” is not an SPSS file or is damaged (ReadStat: Invalid "
                "file, or file has unsupported features)");
  assert_error ("text.sav", EB_IMPORT_ERROR_FORMAT,
                "“text.sav” is text (CSV, for example), not an SPSS file; if it holds "
                "comma-separated answers, rename it to .csv and import it");
  assert_error ("workbook.dta", EB_IMPORT_ERROR_FORMAT,
                "“workbook.dta” is a zip archive (an Excel or LibreOffice workbook, for "
                "example), not a Stata file; if it is a workbook, rename it to .xlsx or "
                ".ods and import it");
}

static void
test_missing_file (void)
{
  g_autofree char *path = fixture_path ("no such file.sav");
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  survey = eb_survey_import (path, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "“no such file.sav”: "));
}

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autofree char *path = fixture_path ("survey.dta");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  /* From the first progress report on, as the Cancel button does. */
  survey = eb_survey_import (path, NULL, cancellable, cancel_cb, cancellable,
                             &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "Import of “survey.dta” was cancelled");
  g_assert_cmpstr (location.file, ==, path);
  eb_error_location_clear (&location);
  g_clear_error (&error);

  /* Before it starts. */
  survey = eb_survey_import (path, NULL, cancellable, NULL, NULL, NULL, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED);
}

static void
record_cb (double   fraction,
           gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

static void
test_progress (gconstpointer data)
{
  g_autofree char *path = fixture_path (data);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  survey = eb_survey_import (path, NULL, NULL, record_cb, fractions, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 0; i < fractions->len; i++)
    {
      double fraction = g_array_index (fractions, double, i);

      g_assert_cmpfloat (fraction, >, i > 0 ? g_array_index (fractions, double, i - 1) : 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static void
assert_same_cells (EbSurvey *survey,
                   EbSurvey *expected)
{
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, eb_survey_get_n_rows (expected));
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, eb_survey_get_n_columns (expected));
  for (guint column = 0; column < eb_survey_get_n_columns (survey); column++)
    {
      g_assert_cmpstr (eb_survey_get_column_name (survey, column), ==,
                       eb_survey_get_column_name (expected, column));
      for (guint row = 0; row < eb_survey_get_n_rows (survey); row++)
        g_assert_cmpstr (eb_survey_get_cell (survey, row, column), ==,
                         eb_survey_get_cell (expected, row, column));
    }
}

/* Wherever a download or copy stopped, the file gives an error, or the
 * whole survey when all that was lost is padding: never part of it. (A
 * Stata file before version 13 cut exactly between two tables of value
 * labels cannot be told from a whole one, so it is not tried here.) */
static void
test_truncated_everywhere (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = fixture_path (name);
  g_autofree char *dir = NULL;
  g_autofree char *cut_path = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) whole = NULL;
  gsize len = 0;

  g_file_get_contents (path, &bytes, &len, &error);
  g_assert_no_error (error);
  whole = eb_readstat_read (path, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("evalbench-readstat-XXXXXX", &error);
  g_assert_no_error (error);
  cut_path = g_build_filename (dir, name, NULL);

  for (gsize n = 0; n < len; n++)
    {
      g_autoptr(EbSurvey) survey = NULL;

      /* No fsync: thousands of files, thrown away at once. */
      g_file_set_contents_full (cut_path, bytes, (gssize) n, G_FILE_SET_CONTENTS_NONE,
                                0600, &error);
      g_assert_no_error (error);
      survey = eb_readstat_read (cut_path, NULL, NULL, NULL, NULL, NULL, NULL, &error);
      if (survey == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == EB_IMPORT_ERROR);
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      assert_same_cells (survey, whole);
    }

  g_assert_cmpint (g_unlink (cut_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The same answers saved as CSV: the same columns, roles and scales. A CSV
 * has no value labels, so the scale that is not in the library comes from
 * --scale, as a user would give it. */
static void
test_same_as_csv (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(EbScale) confidence = NULL;
  g_autoptr(GPtrArray) scales = g_ptr_array_new ();
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) from_csv = NULL;
  g_autoptr(EbSurvey) from_sav = import_fixture ("survey.sav", NULL);

  g_string_append (csv, "id");
  for (guint column = 1; column < N_COLUMNS; column++)
    g_string_append_printf (csv, ",\"%s\"", titles[column]);
  g_string_append (csv, "\r\n");
  for (guint row = 0; row < G_N_ELEMENTS (cells); row++)
    {
      for (guint column = 0; column < N_COLUMNS; column++)
        g_string_append_printf (csv, column > 0 ? ",\"%s\"" : "%s", cells[row][column]);
      g_string_append (csv, "\r\n");
    }
  dir = g_dir_make_tmp ("evalbench-readstat-XXXXXX", &error);
  g_assert_no_error (error);
  csv_path = g_build_filename (dir, "survey.csv", NULL);
  g_file_set_contents (csv_path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);

  confidence = eb_scale_parse_spec (CONFIDENCE, &error);
  g_assert_no_error (error);
  g_ptr_array_add (scales, confidence);
  options.scales = scales;
  from_csv = eb_survey_import (csv_path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (from_csv);

  g_assert_cmpuint (eb_survey_get_n_columns (from_csv), ==, eb_survey_get_n_columns (from_sav));
  g_assert_cmpuint (eb_survey_get_n_rows (from_csv), ==, eb_survey_get_n_rows (from_sav));
  for (guint column = 0; column < N_COLUMNS; column++)
    {
      g_assert_cmpstr (eb_survey_get_column_name (from_csv, column), ==,
                       eb_survey_get_column_name (from_sav, column));
      g_assert_cmpint (eb_survey_get_column_role (from_csv, column), ==,
                       eb_survey_get_column_role (from_sav, column));
      g_assert_true (eb_scale_equal (eb_survey_get_column_scale (from_csv, column),
                                     eb_survey_get_column_scale (from_sav, column)));
      g_assert_cmpuint (eb_survey_count_missing (from_csv, column), ==,
                        eb_survey_count_missing (from_sav, column));
      for (guint row = 0; row < eb_survey_get_n_rows (from_csv); row++)
        g_assert_cmpstr (eb_survey_get_cell (from_csv, row, column), ==,
                         eb_survey_get_cell (from_sav, row, column));
    }

  g_assert_cmpint (g_unlink (csv_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (survey_fixtures); i++)
    {
      g_autofree char *name = g_strdup_printf ("/readstat/survey/%s", survey_fixtures[i].file);

      g_test_add_data_func (name, &survey_fixtures[i], test_survey);
    }
  g_test_add_func ("/readstat/detect-scales", test_detect_scales);
  g_test_add_func ("/readstat/labels", test_labels);
  g_test_add_func ("/readstat/errors", test_errors);
  g_test_add_func ("/readstat/missing-file", test_missing_file);
  g_test_add_func ("/readstat/cancel", test_cancel);
  g_test_add_data_func ("/readstat/progress/sav", "survey.sav", test_progress);
  g_test_add_data_func ("/readstat/progress/dta", "survey.dta", test_progress);
  g_test_add_data_func ("/readstat/progress/por", "survey.por", test_progress);
  g_test_add_func ("/readstat/same-as-csv", test_same_as_csv);
  g_test_add_data_func ("/readstat/truncated/sav", "survey.sav", test_truncated_everywhere);
  g_test_add_data_func ("/readstat/truncated/uncompressed", "uncompressed.sav",
                        test_truncated_everywhere);
  g_test_add_data_func ("/readstat/truncated/zsav", "survey.zsav", test_truncated_everywhere);
  g_test_add_data_func ("/readstat/truncated/por", "survey.por", test_truncated_everywhere);
  g_test_add_data_func ("/readstat/truncated/dta", "survey.dta", test_truncated_everywhere);

  return g_test_run ();
}
