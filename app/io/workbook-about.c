/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-workbook-export"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "eb-project-private.h"
#include "workbook-private.h"

/* How every number in the workbook was made: the project's audit trail,
 * and the About sheet (source, import choices, scales, what each sheet
 * means). */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Rows between progress reports and cancellation checks. */
#define ROWS_PER_REPORT 1024

/* ---- Audit trail ------------------------------------------------------- */

static guint
count_audit_rows (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM audit", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* A column of the audit row, with respondents' ids given their codes
 * when pseudonymising ("respondent 117, …" names who answered). */
static void
write_audit_text (EbWorkbook    *wb,
                  lxw_worksheet *sheet,
                  lxw_row_t      row,
                  lxw_col_t      col,
                  const char    *text)
{
  g_autofree char *coded = NULL;

  if (wb->pseudonyms != NULL)
    text = coded = eb_pseudonyms_replace_respondents (wb->pseudonyms, text);
  eb_workbook_write_text (sheet, row, col, text, NULL);
}

gboolean
eb_workbook_write_audit_trail (EbWorkbook     *wb,
                               lxw_worksheet  *sheet,
                               GError        **error)
{
  static const char * const headers[] = { "#", "Time (UTC)", "Who", "Action", "What", "Detail" };
  static const double columns[] = { 7, 28, 22, 16, 44, 70 };
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  lxw_row_t row = 1;
  guint n_rows;
  int rc;

  /* Streamed: the header first, then each row in order. */
  for (lxw_col_t col = 0; col < G_N_ELEMENTS (headers); col++)
    {
      worksheet_set_column (sheet, col, col, columns[col], NULL);
      eb_workbook_write_text (sheet, 0, col, headers[col], wb->header);
    }
  worksheet_freeze_panes (sheet, 1, 0);
  if (wb->project == NULL)
    {
      eb_workbook_write_text (sheet, 1, 0, "No audit trail: this workbook was made from a "
                              "survey file, not a project.", wb->note);
      return TRUE;
    }

  db = eb_project_get_database (wb->project);
  if (db == NULL ||
      sqlite3_prepare_v2 (db, "SELECT id, time, user, action, target, detail FROM audit "
                          "ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      eb_project_set_db_error (wb->project, EB_PROJECT_ERROR_OPEN, "read the audit trail of",
                               error);
      return FALSE;
    }
  n_rows = count_audit_rows (db);
  worksheet_autofilter (sheet, 0, 0, MAX (n_rows, 1), G_N_ELEMENTS (headers) - 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      worksheet_write_number (sheet, row, 0, (double) sqlite3_column_int64 (stmt, 0), NULL);
      for (int col = 1; col < 6; col++)
        write_audit_text (wb, sheet, row, (lxw_col_t) col,
                          (const char *) sqlite3_column_text (stmt, col));
      if (row++ % ROWS_PER_REPORT == 0)
        {
          if (eb_workbook_cancelled (wb, error))
            return FALSE;
          eb_workbook_progress (wb, (double) row / MAX (n_rows, 1));
        }
    }
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (wb->project, EB_PROJECT_ERROR_OPEN, "read the audit trail of",
                               error);
      return FALSE;
    }
  return TRUE;
}

/* ---- About ------------------------------------------------------------- */

/* Label, value (or column, role, scale, use). */
static const double widths[] = { 44, 50, 44, 34 };

static lxw_row_t
write_fact (EbWorkbook    *wb,
            lxw_worksheet *sheet,
            lxw_row_t      row,
            const char    *label,
            const char    *value)
{
  eb_workbook_write_text (sheet, row, 0, label, wb->bold);
  eb_workbook_write_text (sheet, row, 1, value, wb->wrap);
  eb_workbook_set_row_lines (sheet, row, MAX (eb_workbook_count_lines (label, widths[0]),
                                              eb_workbook_count_lines (value, widths[1])));
  return row + 1;
}

static lxw_row_t
write_count (EbWorkbook    *wb,
             lxw_worksheet *sheet,
             lxw_row_t      row,
             const char    *label,
             guint          value)
{
  EbCellStyle left = { .left = TRUE, .num_format = "0" };
  lxw_format *format = eb_workbook_get_format (wb, &left);

  eb_workbook_write_text (sheet, row, 0, label, wb->bold);
  worksheet_write_number (sheet, row, 1, value, format);
  return row + 1;
}

static char *
describe_pseudonymising (EbWorkbook *wb)
{
  guint n_dropped = 0;
  guint n_codes;

  if (wb->pseudonyms == NULL)
    return g_strdup ("no");
  for (guint c = 0; c < eb_survey_get_n_columns (wb->survey); c++)
    n_dropped += wb->dropped[c];
  n_codes = eb_pseudonyms_get_n_codes (wb->pseudonyms);
  if (n_codes == 0)
    return g_strdup_printf ("yes: %u column%s that identify people left out", n_dropped,
                            n_dropped == 1 ? "" : "s");
  return g_strdup_printf ("yes: respondents are named by codes (%s\xe2\x80\xa6, %u in all, "
                          "given in row order); %u column%s that identify people left out",
                          eb_pseudonyms_get_code (wb->pseudonyms, 0), n_codes, n_dropped,
                          n_dropped == 1 ? "" : "s");
}

static const char *
describe_column_use (EbWorkbook *wb,
                     guint       column,
                     guint      *sheet_column,
                     char       *letters)
{
  if (wb->dropped[column])
    return "left out: it identifies people";
  lxw_col_to_name (letters, (lxw_col_t) (*sheet_column)++, LXW_FALSE);
  if (wb->pseudonyms != NULL && (int) column == wb->id_column)
    return "Responses, as respondent codes";
  return "Responses";
}

static lxw_row_t
write_columns (EbWorkbook    *wb,
               lxw_worksheet *sheet,
               lxw_row_t      row)
{
  static const char * const headers[] = {
    "Column", "Role", "Scale (lowest first; ! marks an answer left out of percentages)",
    "In this workbook",
  };
  guint sheet_column = 0;
  guint lines = 1;

  eb_workbook_write_text (sheet, row++, 0, "The survey\xe2\x80\x99s columns", wb->heading);
  for (lxw_col_t col = 0; col < G_N_ELEMENTS (headers); col++)
    {
      eb_workbook_write_text (sheet, row, col, headers[col], wb->header);
      lines = MAX (lines, eb_workbook_count_lines (headers[col], widths[col]));
    }
  eb_workbook_set_row_lines (sheet, row++, lines);
  for (guint c = 0; c < eb_survey_get_n_columns (wb->survey); c++, row++)
    {
      EbScale *scale = eb_survey_get_column_scale (wb->survey, c);
      g_autofree char *spec = scale != NULL ? eb_scale_to_spec (scale) : NULL;
      char letters[8] = "";
      const char *use = describe_column_use (wb, c, &sheet_column, letters);
      g_autofree char *where = *letters != '\0' ? g_strdup_printf ("%s, column %s", use, letters)
                                                : g_strdup (use);

      const char *name = eb_survey_get_column_name (wb->survey, c);

      eb_workbook_set_row_lines (sheet, row,
                                 MAX (MAX (eb_workbook_count_lines (name, widths[0]),
                                           eb_workbook_count_lines (spec, widths[2])),
                                      eb_workbook_count_lines (where, widths[3])));
      eb_workbook_write_text (sheet, row, 0, name, wb->wrap);
      eb_workbook_write_text (sheet, row, 1,
                              eb_column_role_to_string (eb_survey_get_column_role (wb->survey, c)),
                              wb->top);
      eb_workbook_write_text (sheet, row, 2, spec, wb->wrap);
      eb_workbook_write_text (sheet, row, 3, where, wb->wrap);
    }
  return row + 1;
}

static const char * const reading_notes[] = {
  "Responses: one row per respondent as imported. Likert answers are shaded by level with the "
  "figure\xe2\x80\x99s palette, lowest level at one end; a grey answer is left out of "
  "percentages. A theme\xe2\x80\x99s column holds 1 where one of the respondent\xe2\x80\x99s "
  "answers is coded with that theme itself (a sub-theme marks only its own column); "
  "\xe2\x80\x9cThemes\xe2\x80\x9d lists them all. Every coded answer carries a comment with its "
  "themes, the coded spans with their coders, and the memos.",
  "Likert summary: counts, percentages of the valid answers, valid and missing answers, and "
  "the mean of the levels coded 1 (lowest) upwards. The average row is the mean count of each "
  "level over the items, with the pooled percentage, as in Table 1 of the paper the tables "
  "follow.",
  "Reliability: Cronbach\xe2\x80\x99s alpha and the principal components over the respondents "
  "who answered every item of the set.",
  "Codebook, Quotes and Theme \xc3\x97 attribute: a theme\xe2\x80\x99s counts include its "
  "sub-themes; a respondent who mentions a theme twice counts once.",
  "Every text is written as text: an answer such as \xe2\x80\x9c=1+1\xe2\x80\x9d is never a "
  "formula.",
};

gboolean
eb_workbook_write_about (EbWorkbook     *wb,
                         lxw_worksheet  *sheet,
                         GError        **error)
{
  g_autofree char *version = g_strdup_printf ("Evalbench %s", PACKAGE_VERSION);
  g_autofree char *exported = g_date_time_format (wb->exported, "%Y-%m-%d");
  g_autofree char *as_of = wb->data_as_of != NULL
                           ? g_date_time_format (wb->data_as_of, "%Y-%m-%d %H:%M:%S UTC") : NULL;
  g_autofree char *project = wb->project != NULL && eb_project_get_path (wb->project) != NULL
                             ? g_path_get_basename (eb_project_get_path (wb->project)) : NULL;
  g_autofree char *pseudonymised = describe_pseudonymising (wb);
  const char *sheet_name = eb_survey_get_sheet (wb->survey);
  int group = wb->options->group_column;
  lxw_row_t row = 0;

  row = eb_workbook_write_heading (wb, sheet, row, "About this workbook",
                                   "How the numbers were made, so that a reader can check "
                                   "them and the next wave can be exported the same way.");
  row = write_fact (wb, sheet, row, "Written by", version);
  row = write_fact (wb, sheet, row, "Exported on", exported);
  row = write_fact (wb, sheet, row, "Project", project != NULL ? project : "(none: a survey file)");
  if (as_of != NULL)
    row = write_fact (wb, sheet, row, "Data as of (the project\xe2\x80\x99s last change)", as_of);
  row = write_fact (wb, sheet, row, "Source file", eb_survey_get_source_file (wb->survey));
  row = write_fact (wb, sheet, row, "Sheet read",
                    sheet_name != NULL && *sheet_name != '\0' ? sheet_name : "(not a spreadsheet, "
                    "or its first sheet)");
  row = write_count (wb, sheet, row, "Header rows", eb_survey_get_header_rows (wb->survey));
  row = write_count (wb, sheet, row, "Respondents (rows)", eb_survey_get_n_rows (wb->survey));
  row = write_count (wb, sheet, row, "Columns", eb_survey_get_n_columns (wb->survey));
  row = write_fact (wb, sheet, row, "Pseudonymised", pseudonymised);
  row = write_fact (wb, sheet, row, "Likert summary grouped by",
                    group >= 0 ? eb_survey_get_column_name (wb->survey, (guint) group)
                               : "(not grouped)");
  row = write_fact (wb, sheet, row, "Palette", eb_palette_to_string (wb->options->palette));
  row++;

  row = write_columns (wb, sheet, row);

  eb_workbook_write_text (sheet, row++, 0, "Reading the sheets", wb->heading);
  for (guint i = 0; i < G_N_ELEMENTS (reading_notes); i++)
    {
      worksheet_merge_range (sheet, row, 0, row, 3, reading_notes[i], wb->wrap);
      eb_workbook_set_row_lines (sheet, row++,
                                 eb_workbook_count_lines (reading_notes[i], widths[0] + widths[1] +
                                                          widths[2] + widths[3]));
    }

  for (lxw_col_t col = 0; col < G_N_ELEMENTS (widths); col++)
    worksheet_set_column (sheet, col, col, widths[col], NULL);
  return !eb_workbook_cancelled (wb, error);
}
