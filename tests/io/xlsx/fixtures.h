/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the workbook tests share: where fixtures are, and checks of a
 * survey's titles and rows and of an import's error. */

#include <string.h>

#include "survey-import.h"

typedef EbSurvey *(*ReadFunc) (const char             *path,
                               const EbImportOptions  *options,
                               GCancellable           *cancellable,
                               EbProgressFunc          progress,
                               gpointer                progress_data,
                               EbErrorLocation        *location,
                               GError                **error);

/* Made by make-fixtures.py, in the source tree. */
static G_GNUC_UNUSED char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "io", "xlsx", name, NULL);
}

/* Made by make-xlsx-fixtures at build time. */
static G_GNUC_UNUSED char *
built_path (const char *name)
{
  return g_test_build_filename (G_TEST_BUILT, "io", "xlsx", name, NULL);
}

static G_GNUC_UNUSED EbSurvey *
read_ok (ReadFunc    read,
         const char *path,
         const char *sheet,
         int         header_rows)
{
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  EbSurvey *survey;

  options.sheet = sheet;
  options.header_rows = header_rows;
  survey = read (path, &options, NULL, NULL, NULL, &location, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  g_assert_null (location.file);
  g_assert_cmpstr (eb_survey_get_source_file (survey), ==, path);
  return survey;
}

static G_GNUC_UNUSED void
assert_titles (EbSurvey           *survey,
               const char * const *titles)
{
  guint n = g_strv_length ((char **) titles);

  for (guint i = 0; i < MIN (n, eb_survey_get_n_columns (survey)); i++)
    g_assert_cmpstr (eb_survey_get_column_name (survey, i), ==, titles[i]);
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, n);
}

static G_GNUC_UNUSED void
assert_row (EbSurvey           *survey,
            guint               row,
            const char * const *cells)
{
  guint n = g_strv_length ((char **) cells);

  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (eb_survey_get_cell (survey, row, i), ==, cells[i]);
}

/* Reads PATH expecting CODE; MESSAGE is the start of the message; the
 * location must name PATH, SHEET (may be NULL), ROW and COLUMN. */
static G_GNUC_UNUSED void
read_fails (ReadFunc       read,
            const char    *path,
            const char    *sheet_option,
            int            header_rows,
            EbImportError  code,
            const char    *message,
            const char    *sheet,
            guint          row,
            guint          column)
{
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  EbErrorLocation location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;

  options.sheet = sheet_option;
  options.header_rows = header_rows;
  survey = read (path, &options, NULL, NULL, NULL, &location, &error);
  g_assert_null (survey);
  g_assert_error (error, EB_IMPORT_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, message))
    g_error ("expected a message starting “%s”, got “%s”", message, error->message);
  g_assert_cmpstr (location.file, ==, path);
  g_assert_cmpstr (location.sheet, ==, sheet);
  g_assert_cmpuint (location.row, ==, row);
  g_assert_cmpuint (location.column, ==, column);
  eb_error_location_clear (&location);
}
