/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-survey.h"

#include "eb-project.h"

G_BEGIN_DECLS

#define EB_TYPE_WINDOW (eb_window_get_type ())
G_DECLARE_FINAL_TYPE (EbWindow, eb_window, EB, WINDOW, AdwApplicationWindow)

/* A window shows one project: its empty state until a survey is imported,
 * then the Data view. Import, open and save-as run in a worker thread
 * while the window shows their progress; "busy" is TRUE meanwhile. */
EbWindow  *eb_window_new               (GtkApplication *application);

EbProject *eb_window_get_project       (EbWindow       *self);
gboolean   eb_window_get_busy          (EbWindow       *self);
/* TRUE when the window has no project and is not busy: the place for the
 * next file the application is asked to open. */
gboolean   eb_window_is_blank          (EbWindow       *self);

/* Opens FILE the way a drop or the command line does: a `.evalbench`
 * project is opened (or the window that already shows it is presented);
 * any other file is imported as a survey into a new untitled project.
 * The work happens in this window when it is free, otherwise in a new
 * window; the window doing it is presented. */
/* Stores a survey the Import dialog has read (roles and scales as the user
 * set them) into the window's project, or a new untitled one. */
void       eb_window_import_survey     (EbWindow       *self,
                                        EbSurvey       *survey);
void       eb_window_open_file         (EbWindow       *self,
                                        GFile          *file);

/* File choosers for app.open (projects and surveys) and app.import
 * (surveys), parented to this window. */
void       eb_window_show_open_dialog  (EbWindow       *self);
void       eb_window_show_import_dialog (EbWindow      *self);

G_END_DECLS
