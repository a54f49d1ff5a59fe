/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The baseline of the workbook benchmark: the same cells as the
 * Responses sheet of `evalbench export --workbook` (the survey read from
 * the project, numbers as numbers, the rest as text), written with plain
 * libxlsxwriter in constant-memory mode: no formats, no comments, no
 * theme columns, no other sheets.
 *
 *   write-plain-workbook PROJECT.evalbench OUT.xlsx
 */
#define G_LOG_DOMAIN "write-plain-workbook"

#include "config.h"

#include <xlsxwriter.h>

#include "eb-project.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  guint n_rows, n_columns;
  lxw_error status;

  if (argc != 3)
    {
      g_printerr ("usage: %s PROJECT.evalbench OUT.xlsx\n", argv[0]);
      return 1;
    }
  project = eb_project_open_readonly (argv[1], &error);
  if (project != NULL)
    survey = eb_project_load_survey (project, &error);
  if (survey == NULL)
    {
      g_printerr ("%s: %s\n", argv[0], error != NULL ? error->message : "no survey");
      return 2;
    }
  n_rows = eb_survey_get_n_rows (survey);
  n_columns = eb_survey_get_n_columns (survey);

  workbook = workbook_new_opt (argv[2], &options);
  sheet = workbook_add_worksheet (workbook, "Responses");
  for (guint c = 0; c < n_columns; c++)
    worksheet_write_string (sheet, 0, (lxw_col_t) c, eb_survey_get_column_name (survey, c), NULL);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        const char *cell = eb_survey_get_cell (survey, r, c);
        EbColumnRole role = eb_survey_get_column_role (survey, c);
        char *end = NULL;
        double number;

        if (*cell == '\0')
          continue;
        number = g_ascii_strtod (cell, &end);
        if ((role == EB_COLUMN_ROLE_NUMBER || role == EB_COLUMN_ROLE_ID) && *end == '\0')
          worksheet_write_number (sheet, r + 1, (lxw_col_t) c, number, NULL);
        else
          worksheet_write_string (sheet, r + 1, (lxw_col_t) c, cell, NULL);
      }
  status = workbook_close (workbook);
  eb_project_close (project);
  if (status != LXW_NO_ERROR)
    {
      g_printerr ("%s: %s\n", argv[0], lxw_strerror (status));
      return 3;
    }
  return 0;
}
