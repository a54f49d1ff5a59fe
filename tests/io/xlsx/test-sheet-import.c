/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sheet-import"

#include "config.h"

#include <glib/gstdio.h>

#include "fixtures.h"
#include "ods-reader.h"
#include "xlsx-reader.h"

/* Randomly damaged copies of each fixture read in the fuzz test. */
#define N_DAMAGED 100

static EbSurvey *
import_ok (const char *path,
           const char *sheet,
           int         header_rows)
{
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  EbSurvey *survey;

  options.sheet = sheet;
  options.header_rows = header_rows;
  survey = eb_survey_import (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  return survey;
}

static void
assert_role (EbSurvey     *survey,
             const char   *column_name,
             EbColumnRole  role,
             const char   *lowest)
{
  int column = eb_survey_find_column (survey, column_name);
  EbScale *scale;

  g_assert_cmpint (column, >=, 0);
  g_assert_cmpstr (eb_column_role_to_string (eb_survey_get_column_role (survey, column)), ==,
                   eb_column_role_to_string (role));
  scale = eb_survey_get_column_scale (survey, column);
  if (lowest == NULL)
    g_assert_null (scale);
  else
    {
      g_assert_nonnull (scale);
      g_assert_cmpstr (eb_scale_get_label (scale, 0), ==, lowest);
    }
}

/* The same survey saved as CSV, as XLSX by openpyxl and as ODS by
 * Gnumeric: the same titles, cells, roles and scales. */
static void
test_same_survey (void)
{
  g_autofree char *csv_path = fixture_path ("survey.csv");
  g_autofree char *xlsx_path = fixture_path ("survey.xlsx");
  g_autofree char *ods_path = fixture_path ("survey.ods");
  g_autoptr(EbSurvey) csv = import_ok (csv_path, NULL, -1);
  EbSurvey *others[2];

  g_assert_cmpuint (eb_survey_get_n_rows (csv), ==, 40);
  g_assert_cmpuint (eb_survey_get_n_columns (csv), ==, 12);

  others[0] = import_ok (xlsx_path, NULL, -1);
  others[1] = import_ok (ods_path, NULL, -1);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      EbSurvey *other = others[i];

      g_assert_cmpstr (eb_survey_get_sheet (other), ==, "Survey");
      g_assert_cmpuint (eb_survey_get_n_rows (other), ==, eb_survey_get_n_rows (csv));
      g_assert_cmpuint (eb_survey_get_n_columns (other), ==, eb_survey_get_n_columns (csv));
      for (guint c = 0; c < eb_survey_get_n_columns (csv); c++)
        {
          EbScale *scale = eb_survey_get_column_scale (csv, c);
          EbScale *other_scale = eb_survey_get_column_scale (other, c);

          g_assert_cmpstr (eb_survey_get_column_name (other, c), ==,
                           eb_survey_get_column_name (csv, c));
          for (guint r = 0; r < eb_survey_get_n_rows (csv); r++)
            g_assert_cmpstr (eb_survey_get_cell (other, r, c), ==, eb_survey_get_cell (csv, r, c));
          g_assert_cmpint (eb_survey_get_column_role (other, c), ==,
                           eb_survey_get_column_role (csv, c));
          g_assert_true ((scale == NULL) == (other_scale == NULL));
          g_assert_true (scale == NULL || eb_scale_equal (scale, other_scale));
        }
      g_object_unref (other);
    }

  assert_role (csv, "Participant", EB_COLUMN_ROLE_ID, NULL);
  assert_role (csv, "Programme", EB_COLUMN_ROLE_ATTRIBUTE, NULL);
  assert_role (csv, "Wave", EB_COLUMN_ROLE_ATTRIBUTE, NULL);
  assert_role (csv, "The sessions were well organised", EB_COLUMN_ROLE_LIKERT,
               "Strongly disagree");
  assert_role (csv, "I would recommend the programme", EB_COLUMN_ROLE_LIKERT,
               "Strongly disagree");
  assert_role (csv, "How often do you use what you learned?", EB_COLUMN_ROLE_LIKERT, "Never");
  assert_role (csv, "Any other comments?", EB_COLUMN_ROLE_TEXT, NULL);
  assert_role (csv, "Submitted", EB_COLUMN_ROLE_DATE, NULL);
  assert_role (csv, "Hours", EB_COLUMN_ROLE_NUMBER, NULL);
}

/* Detection sees through merged headers: each sub-question of a grid is
 * a Likert item on the satisfaction scale. */
static void
test_roles_under_merged_header (void)
{
  static const char *names[] = { "merged.xlsx", "merged.ods" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture_path (names[i]);
      g_autoptr(EbSurvey) survey = import_ok (path, NULL, 2);

      g_assert_cmpuint (eb_survey_get_header_rows (survey), ==, 2);
      assert_role (survey, "Respondent ID", EB_COLUMN_ROLE_ID, NULL);
      assert_role (survey, "How satisfied were you with - Venue", EB_COLUMN_ROLE_LIKERT,
                   "Very dissatisfied");
      assert_role (survey, "How satisfied were you with - Speaker", EB_COLUMN_ROLE_LIKERT,
                   "Very dissatisfied");
    }
}

/* eb_survey_import passes the sheet and the errors through. */
static void
test_import_options_and_errors (void)
{
  g_autofree char *sheets = fixture_path ("sheets.xlsx");
  g_autofree char *encrypted = built_path ("encrypted.xlsx");
  g_autofree char *toomany = fixture_path ("toomany.ods");
  g_autoptr(EbSurvey) wave2 = import_ok (sheets, "Wave 2", -1);
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  g_assert_cmpstr (eb_survey_get_sheet (wave2), ==, "Wave 2");
  g_assert_cmpstr (eb_survey_get_source_file (wave2), ==, sheets);

  survey = eb_survey_import (encrypted, NULL, NULL, NULL, NULL, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_ENCRYPTED);
  g_assert_cmpstr (location.file, ==, encrypted);
  eb_error_location_clear (&location);
  g_clear_error (&error);

  survey = eb_survey_import (toomany, NULL, NULL, NULL, NULL, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_TOO_LARGE);
  g_assert_cmpstr (location.sheet, ==, "Big");
  g_assert_cmpuint (location.row, ==, 1048577);
  g_assert_cmpuint (location.column, ==, 1);
  eb_error_location_clear (&location);
}

/* Damaged copies of good files: each read ends in a survey or in an
 * import error, never in a crash, a hang or a warning. */
static void
read_damaged (ReadFunc    read,
              const char *path,
              const char *tmp_dir,
              GRand      *rand)
{
  g_autofree char *contents = NULL;
  g_autofree char *copy_path = g_build_filename (tmp_dir, "damaged", NULL);
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  for (guint i = 0; i < N_DAMAGED; i++)
    {
      g_autofree char *copy = g_memdup2 (contents, len);
      g_autoptr(GError) error = NULL;
      g_autoptr(EbSurvey) survey = NULL;
      EbErrorLocation location = { 0 };
      gsize copy_len = len;
      guint n_flips = (guint) g_rand_int_range (rand, 1, 9);

      for (guint f = 0; f < n_flips; f++)
        copy[g_rand_int_range (rand, 0, (gint32) len)] ^= (char) g_rand_int_range (rand, 1, 256);
      /* One copy in ten is also cut short. */
      if (g_rand_int_range (rand, 0, 10) == 0)
        copy_len = (gsize) g_rand_int_range (rand, 0, (gint32) len);
      /* Without the fsync of a safe replacement: the copies are throwaway. */
      g_assert_true (g_file_set_contents_full (copy_path, copy, (gssize) copy_len,
                                               G_FILE_SET_CONTENTS_NONE, 0644, NULL));

      survey = read (copy_path, NULL, NULL, NULL, NULL, &location, &error);
      g_assert_true ((survey == NULL) != (error == NULL));
      if (error != NULL)
        {
          g_assert_true (error->domain == EB_IMPORT_ERROR);
          g_assert_cmpstr (location.file, ==, copy_path);
        }
      eb_error_location_clear (&location);
    }
  g_unlink (copy_path);
}

static void
test_damaged_copies (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240301);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = g_dir_make_tmp ("evalbench-fuzz-XXXXXX", &error);
  g_autofree char *excel = fixture_path ("excel.xlsx");
  g_autofree char *openpyxl = fixture_path ("merged.xlsx");
  g_autofree char *writer = built_path ("writer.xlsx");
  g_autofree char *features = fixture_path ("features.ods");
  g_autofree char *gnumeric = fixture_path ("survey.ods");

  g_assert_no_error (error);
  read_damaged (eb_xlsx_read, excel, tmp_dir, rand);
  read_damaged (eb_xlsx_read, openpyxl, tmp_dir, rand);
  read_damaged (eb_xlsx_read, writer, tmp_dir, rand);
  read_damaged (eb_ods_read, features, tmp_dir, rand);
  read_damaged (eb_ods_read, gnumeric, tmp_dir, rand);
  g_rmdir (tmp_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sheet-import/same-survey", test_same_survey);
  g_test_add_func ("/sheet-import/merged-header-roles", test_roles_under_merged_header);
  g_test_add_func ("/sheet-import/options-and-errors", test_import_options_and_errors);
  g_test_add_func ("/sheet-import/damaged-copies", test_damaged_copies);

  return g_test_run ();
}
