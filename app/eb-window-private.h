/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-coding-store.h"
#include "eb-diagram.h"
#include "eb-window.h"

G_BEGIN_DECLS

typedef struct _EbWindowJob EbWindowJob;

/* A page of the window's view stack. Pages have a "survey" property, and a
 * "project" one if they keep settings in the project; the window keeps each
 * page's widget in the EbWindow field at OFFSET. eb-window.c lists them. */
typedef struct
{
  const char *name;
  const char *title;       /* untranslated: N_() */
  const char *icon_name;
  GType     (*get_type) (void);
  gsize       offset;
} EbWindowPage;

struct _EbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  EbProject            *project;
  EbSurvey             *survey;
  /* The project's codebook, codings and diagram, made when it has both a
   * project and a survey; the Quotes and Diagram pages share them. */
  EbCodingStore        *coding_store;
  EbDiagram            *diagram;
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
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *primary_menu_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkButton            *cancel_button;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;
  GtkWidget            *drop_highlight;

  /* The pages (see EbWindowPage) */
  GtkWidget            *data_view;
  GtkWidget            *likert_view;
  GtkWidget            *quotes_view;
  GtkWidget            *diagram_view;
};

/* eb-window-actions.c */
void _eb_window_class_actions_init (EbWindowClass *klass);
void _eb_window_actions_update     (EbWindow      *self);

/* eb-window.c, for the actions */
const EbWindowPage *_eb_window_get_pages (guint *n_pages);
void _eb_window_show_page          (EbWindow      *self,
                                    const char    *name);
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
