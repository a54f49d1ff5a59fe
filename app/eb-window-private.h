/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-window.h"

G_BEGIN_DECLS

typedef struct _EbWindowJob EbWindowJob;

struct _EbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  EbProject            *project;
  EbSurvey             *survey;
  gulong                last_saved_handler;

  /* The import, open or save running in a worker thread, if any. */
  EbWindowJob          *job;
  guint                 progress_timeout_id;
  guint                 pulse_timeout_id;

  GtkStringList        *recent_projects;

  /* Set once the user has answered the "Save the imported survey?"
   * question, and once the window is really closing. */
  guint                 close_confirmed : 1;
  guint                 closed : 1;
  /* The job has run long enough to show its progress page. */
  guint                 progress_visible : 1;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkButton            *cancel_button;
  AdwBin               *data_bin;
  GtkWidget            *drop_highlight;

  GtkWidget            *data_view;
};

/* eb-window-actions.c */
void _eb_window_class_actions_init (EbWindowClass *klass);
void _eb_window_actions_update     (EbWindow      *self);

/* eb-window.c, for the actions */
void _eb_window_add_toast          (EbWindow      *self,
                                    const char    *message);
void _eb_window_save_as            (EbWindow      *self,
                                    GFile         *file,
                                    gboolean       close_after);
void _eb_window_remember_folder    (EbWindow      *self,
                                    GFile         *file);
void _eb_window_run_save_as_dialog (EbWindow      *self,
                                    gboolean       close_after);

G_END_DECLS
