/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "eb-project.h"
#include "eb-undo-stack.h"

G_BEGIN_DECLS

/* An undoable, audited change to the tables a core module keeps in the
 * project (the coding store's, the diagram's): a list of row changes, in
 * the order they are written. A row is inserted (no before), deleted (no
 * after) or updated. Doing or redoing a step writes the changes from first
 * to last; undoing writes them from last to first with before and after
 * swapped. Each run is one transaction with its audit row, and the owner's
 * models in memory follow only once it has committed. Rows are complete
 * and carry their ids, so undo and redo put back exactly what was there.
 *
 * A change's kind and rows belong to the owner: this module only keeps
 * them in order and hands them back through the owner's callbacks. */

typedef struct _EbProjectStep   EbProjectStep;
typedef struct _EbProjectWriter EbProjectWriter;

/* What a kind of owner brings to its steps; one static const per module.
 * OWNER is the GObject the steps were made for. */
typedef struct
{
  /* Numbered statements for write_change; inserts and updates of a table
   * bind the same numbered parameters. */
  const char * const  *sql;
  guint                n_sql;

  /* The owner's error domain, for a row that is not as expected
   * (conflict_code) and for undo or redo after the owner has gone
   * (closed_code, closed_message). */
  GQuark             (*error_quark)   (void);
  int                  conflict_code;
  int                  closed_code;
  const char          *closed_message;

  EbProject         *(*get_project)   (gpointer          owner);
  /* Who the audit trail names: the coder, who may not be the account
   * the program runs under. */
  const char        *(*get_coder)     (gpointer          owner);
  /* Writes one change, FROM → TO (either may be NULL), through WRITER. */
  gboolean           (*write_change)  (EbProjectWriter  *writer,
                                       guint             kind,
                                       gpointer          from,
                                       gpointer          to,
                                       GError          **error);
  /* Updates the models in memory once a run has committed. */
  void               (*apply)         (gpointer          owner,
                                       EbProjectStep    *step,
                                       gboolean          forward);
  void               (*free_row)      (guint             kind,
                                       gpointer          row);
} EbProjectStepClass;

/* Takes DETAIL and LABEL. LABEL names the step in the Edit menu ("Tag
 * “Safe space”"), ACTION is the audit trail's verb ("tag"). */
EbProjectStep *eb_project_step_new            (const EbProjectStepClass  *klass,
                                               gpointer                   owner,
                                               const char                *action,
                                               const char                *target,
                                               char                      *detail,
                                               char                      *label);
void           eb_project_step_free           (EbProjectStep             *step);
/* Takes BEFORE and AFTER; at least one of them is set. */
void           eb_project_step_add            (EbProjectStep             *step,
                                               guint                      kind,
                                               gpointer                   before,
                                               gpointer                   after);
/* Takes DETAIL, for a detail known only once the changes are in. */
void           eb_project_step_set_detail     (EbProjectStep             *step,
                                               char                      *detail);
guint          eb_project_step_get_n_changes  (EbProjectStep             *step);
/* The kind and rows of the Ith change a run writes: forward, the Ith
 * change as added, from its before row to its after row; backward, the
 * Ith from the end, from after to before. FROM and TO may be NULL. */
guint          eb_project_step_get_change     (EbProjectStep             *step,
                                               guint                      i,
                                               gboolean                   forward,
                                               gpointer                  *from,
                                               gpointer                  *to);
/* Takes STEP: does it and pushes it on UNDO_STACK. A step without changes
 * is a success that leaves no trace. */
gboolean       eb_project_step_perform        (EbProjectStep             *step,
                                               EbUndoStack               *undo_stack,
                                               GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbProjectStep, eb_project_step_free)

/* The statement numbered WHICH in the class's table, prepared on first
 * use in this transaction; bind it, then hand it to eb_project_writer_run. */
sqlite3_stmt  *eb_project_writer_get          (EbProjectWriter           *writer,
                                               guint                      which,
                                               GError                   **error);
/* Runs STMT once and clears it. With MUST_CHANGE, a statement that does
 * not change exactly one row is a conflict naming WHAT and ID. */
gboolean       eb_project_writer_run          (EbProjectWriter           *writer,
                                               sqlite3_stmt              *stmt,
                                               gboolean                   must_change,
                                               const char                *what,
                                               gint64                     id,
                                               GError                   **error);

/* Binds ID, or NULL for 0: a reference to no row. */
void           eb_project_writer_bind_id      (sqlite3_stmt              *stmt,
                                               int                        index,
                                               gint64                     id);

G_END_DECLS
