/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "eb-survey.h"

G_BEGIN_DECLS

#define EB_PROJECT_ERROR (eb_project_error_quark ())

typedef enum {
  EB_PROJECT_ERROR_OPEN,      /* not readable, or not an Evalbench project */
  EB_PROJECT_ERROR_LOCKED,    /* another Evalbench has it open */
  EB_PROJECT_ERROR_TOO_NEW,   /* written by a newer Evalbench */
  EB_PROJECT_ERROR_CORRUPT,   /* damaged database or contents */
  EB_PROJECT_ERROR_WRITE,     /* a change could not be stored */
} EbProjectError;

/* The project file format version this build writes and the highest it reads. */
#define EB_PROJECT_SCHEMA_VERSION 3

/* PRAGMA application_id of every project ("Evb1" at offset 68 of the
 * SQLite header): how file managers and `file` tell a project from any
 * other SQLite database. */
#define EB_PROJECT_APPLICATION_ID 0x45766231

#define EB_TYPE_PROJECT (eb_project_get_type ())
G_DECLARE_FINAL_TYPE (EbProject, eb_project, EB, PROJECT, GObject)

GQuark      eb_project_error_quark      (void);

/* Opens PATH, creating an empty project if it does not exist. Every change
 * made through EbProject is one SQLite transaction, committed before the
 * call returns: there is no separate "save" for edits. */
EbProject  *eb_project_open             (const char  *path,
                                         GError     **error);
/* Opens an existing project for reading only, without taking the lock, so
 * that the command line can read a project that a window has open. */
EbProject  *eb_project_open_readonly    (const char  *path,
                                         GError     **error);
/* A new project under $XDG_DATA_HOME/evalbench/untitled/ until saved. */
EbProject  *eb_project_new_untitled     (GError     **error);
void        eb_project_close            (EbProject   *self);
/* Closes an untitled project and deletes its file. */
gboolean    eb_project_discard          (EbProject   *self,
                                         GError     **error);

const char *eb_project_get_path         (EbProject   *self);
gboolean    eb_project_is_untitled      (EbProject   *self);
char       *eb_project_dup_title        (EbProject   *self);
/* Copies the project to PATH (SQLite online backup), then continues there.
 * An untitled project's temporary file is removed afterwards. */
gboolean    eb_project_save_as          (EbProject   *self,
                                         const char  *path,
                                         GError     **error);
/* Monotonic real time (g_get_real_time) of the last committed change, or 0. */
gint64      eb_project_get_last_saved   (EbProject   *self);

/* The imported survey: replaces any previous one in a single transaction. */
gboolean    eb_project_store_survey     (EbProject   *self,
                                         EbSurvey    *survey,
                                         GError     **error);
/* Returns NULL with no error set when the project holds no survey yet. */
EbSurvey   *eb_project_load_survey      (EbProject   *self,
                                         GError     **error);
gboolean    eb_project_has_survey       (EbProject   *self);
gboolean    eb_project_store_column     (EbProject   *self,
                                         EbSurvey    *survey,
                                         guint        column,
                                         GError     **error);

/* Project settings (chart options, chosen columns, window layout). */
gboolean    eb_project_set_setting      (EbProject   *self,
                                         const char  *key,
                                         const char  *value,
                                         GError     **error);
char       *eb_project_get_setting      (EbProject   *self,
                                         const char  *key);

/* Audit trail: who did what, when, to what. */
gboolean    eb_project_log              (EbProject   *self,
                                         const char  *action,
                                         const char  *target,
                                         const char  *detail,
                                         GError     **error);
guint       eb_project_count_log        (EbProject   *self);

/* Runs SQLite's full integrity check; EB_PROJECT_ERROR_CORRUPT names the
 * first problem found. Opening a project runs the quicker check. */
gboolean    eb_project_check_integrity  (EbProject   *self,
                                         GError     **error);

G_END_DECLS
