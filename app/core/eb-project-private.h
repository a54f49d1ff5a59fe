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

G_END_DECLS
