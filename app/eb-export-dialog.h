/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-survey.h"
#include "figure-export.h"

G_BEGIN_DECLS

#define EB_TYPE_EXPORT_DIALOG (eb_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EbExportDialog, eb_export_dialog, EB, EXPORT_DIALOG, AdwWindow)

/* The Export dialog: the annotated workbook and the figure files of the
 * project at PROJECT_PATH, written by the same code as `evalbench export`
 * (eb_workbook_export and eb_export_figures) in a worker thread that opens
 * the project for reading on its own, with a progress page, a Cancel that
 * stops it, and a page listing the files written. It previews the Likert
 * chart and the diagram at the chosen width.
 *
 * PROJECT_PATH is the window's project file, with every change committed;
 * SURVEY is the window's survey, read on the main thread only (to name the
 * workbook of an untitled project after its source file); it may be NULL.
 * The dialog is modal and transient for PARENT. The choices made are kept
 * for the rest of the session, destinations per project; file choosers
 * start in the folder of the "last-folder" setting.
 *
 * "exported" (GStrv paths) is emitted once the files are all written,
 * with the path of each, the workbook first. */
GtkWidget *eb_export_dialog_new                (GtkWindow            *parent,
                                                const char           *project_path,
                                                EbSurvey             *survey);

/* Where the workbook goes, and whether it is written: NULL writes none. */
void       eb_export_dialog_set_workbook_path  (EbExportDialog       *self,
                                                const char           *path);
/* Where the figures go, and whether they are written: NULL writes none. */
void       eb_export_dialog_set_figures_folder (EbExportDialog       *self,
                                                const char           *folder);
/* Which files each figure gets; at least one. */
void       eb_export_dialog_set_formats        (EbExportDialog       *self,
                                                const EbFigureFormat *formats,
                                                guint                 n_formats);
void       eb_export_dialog_set_pseudonymise   (EbExportDialog       *self,
                                                gboolean              pseudonymise);
/* The survey column the workbook's Likert summary is grouped by, as the
 * Likert page groups its chart; -1 (or a column it cannot group by) for
 * none. */
void       eb_export_dialog_set_group_column   (EbExportDialog       *self,
                                                int                   column);
int        eb_export_dialog_get_group_column   (EbExportDialog       *self);

G_END_DECLS
