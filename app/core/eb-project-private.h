/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "eb-project.h"

G_BEGIN_DECLS

/* For the core modules that keep their own tables in the project (codebook
 * and codings, diagram): they run their statements inside a transaction
 * opened here, so every action is one commit with its audit row, and the
 * project's "Saved" time follows. Not for the GUI. */

sqlite3  *eb_project_get_database   (EbProject   *self);
gboolean  eb_project_begin          (EbProject   *self,
                                     const char  *doing,
                                     GError     **error);
/* Commits, or rolls back and fails. DOING completes "Could not … “x”". */
gboolean  eb_project_commit         (EbProject   *self,
                                     const char  *doing,
                                     GError     **error);
void      eb_project_rollback       (EbProject   *self);
/* Inside a transaction: adds an audit row. */
gboolean  eb_project_audit          (EbProject   *self,
                                     const char  *action,
                                     const char  *target,
                                     const char  *detail,
                                     GError     **error);
/* Turns the connection's last error into an EB_PROJECT_ERROR. */
void      eb_project_set_db_error   (EbProject   *self,
                                     EbProjectError code,
                                     const char  *doing,
                                     GError     **error);

/* For reading: fails with EB_PROJECT_ERROR_WRITE once the project has
 * been closed, with EB_PROJECT_ERROR_OPEN (DOING) for bad SQL. */
sqlite3_stmt *eb_project_prepare    (EbProject   *self,
                                     const char  *sql,
                                     const char  *doing,
                                     GError     **error);
/* The id for a new row of TABLE, which is about to be saved. */
gboolean  eb_project_next_id        (EbProject   *self,
                                     const char  *table,
                                     gint64      *id,
                                     GError     **error);

/* SQLite's text is UTF-8 that GLib takes as char. */
static inline const char *
eb_project_column_text (sqlite3_stmt *stmt,
                        int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

G_END_DECLS
