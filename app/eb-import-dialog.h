/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-survey.h"

G_BEGIN_DECLS

#define EB_TYPE_IMPORT_DIALOG (eb_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EbImportDialog, eb_import_dialog, EB, IMPORT_DIALOG, AdwWindow)

/* The Import dialog: reads FILES (one survey, or several to stack into
 * one) with eb_survey_import() in a worker thread, with a progress bar and
 * Stop, and shows a preview of the first 50 responses, the sheet (for a
 * workbook of several), the header rows, and every column with its role
 * and, for Likert items, its scale, which the scale editor puts in order.
 * Several files are merged with eb_survey_merge() under a source column,
 * with per-file counts and the differences between the files. A file that
 * cannot be read shows its error (file, row and column) and offers another
 * file.
 *
 * Changes of sheet, header rows and source column read again in the
 * worker; the roles and scales chosen so far are kept for the columns of
 * the same titles.
 *
 * "import-ready" (EbSurvey *survey) is emitted when the user presses
 * Import, with the survey as previewed, roles and scales included; the
 * dialog then closes. The dialog is modal and transient for PARENT (may
 * be NULL). */
GtkWidget     *eb_import_dialog_new              (GtkWindow      *parent,
                                                  GFile         **files,
                                                  guint           n_files);

/* Whether a read is running or about to start, or the preview and the list
 * of columns are still being filled in. */
gboolean       eb_import_dialog_get_busy         (EbImportDialog *self);
/* The survey as previewed, or NULL while there is none (reading, or an
 * error). */
EbSurvey      *eb_import_dialog_get_survey       (EbImportDialog *self);
/* The error of the last read, or NULL. */
const GError  *eb_import_dialog_get_error        (EbImportDialog *self);

/* -1 detects the header rows; other values read again with that many. */
void           eb_import_dialog_set_header_rows  (EbImportDialog *self,
                                                  int             header_rows);
/* NULL or "" adds no source column when several files are merged. */
void           eb_import_dialog_set_source_column (EbImportDialog *self,
                                                   const char     *source_column);

/* The preview, and the row of COLUMN in the list of columns (an
 * EbColumnRoleRow). */
GtkColumnView *eb_import_dialog_get_preview      (EbImportDialog *self);
GtkWidget     *eb_import_dialog_get_column_row   (EbImportDialog *self,
                                                  guint           column);

/* Opens the scale editor for COLUMN, as its Scale or Use as Scale button
 * does, and returns it (an EbScaleEditor), or NULL if the column's answers
 * are too many to be a scale. */
GtkWidget     *eb_import_dialog_edit_scale       (EbImportDialog *self,
                                                  guint           column);

G_END_DECLS
