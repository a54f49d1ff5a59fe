/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "project-step"

#include "config.h"

#include "project-step.h"
#include "eb-project-private.h"

/* Completes "Could not … “project.evalbench”". */
#define DOING "save the change to"

typedef struct
{
  guint     kind;
  gpointer  before;
  gpointer  after;
} Change;

typedef enum {
  RUN_DO,
  RUN_UNDO,
  RUN_REDO,
} Run;

struct _EbProjectStep
{
  const EbProjectStepClass *klass;
  GWeakRef                  owner;    /* the stack may be shared and outlive the owner */
  char                     *label;
  char                     *action;
  char                     *target;
  char                     *detail;
  GArray                   *changes;  /* Change */
};

/* The statements of one transaction, prepared when first needed: a tag
 * needs two, a merge of big themes runs a few thousand rows through the
 * same ones. They do not outlive the transaction, because EbProject
 * closes its database (on close and on Save As) only when no statement
 * is left on it. */
struct _EbProjectWriter
{
  const EbProjectStepClass *klass;
  EbProject                *project;
  sqlite3                  *db;
  sqlite3_stmt            **stmts;    /* klass->n_sql of them */
  sqlite3_stmt             *audit;
};

/* ---- Writing ---- */

static sqlite3_stmt *
prepare_once (EbProjectWriter  *writer,
              sqlite3_stmt    **stmt,
              const char       *sql,
              GError          **error)
{
  if (*stmt == NULL && sqlite3_prepare_v2 (writer->db, sql, -1, stmt, NULL) != SQLITE_OK)
    {
      eb_project_set_db_error (writer->project, EB_PROJECT_ERROR_WRITE, DOING, error);
      return NULL;
    }
  return *stmt;
}

static void
writer_clear (EbProjectWriter *writer)
{
  for (guint i = 0; i < writer->klass->n_sql; i++)
    g_clear_pointer (&writer->stmts[i], sqlite3_finalize);
  g_clear_pointer (&writer->stmts, g_free);
  g_clear_pointer (&writer->audit, sqlite3_finalize);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* Not eb_project_audit: the trail names the coder, who may not be the
 * account the program runs under. */
static gboolean
write_audit (EbProjectWriter  *writer,
             const char       *coder,
             const char       *action,
             const char       *target,
             const char       *detail,
             GError          **error)
{
  g_autofree char *time = now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = prepare_once (writer, &writer->audit,
                       "INSERT INTO audit (time, user, action, target, detail) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, coder, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, target, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, detail, -1, SQLITE_STATIC);
  return eb_project_writer_run (writer, stmt, FALSE, "audit row", 0, error);
}

/* ---- Running steps ---- */

static void
free_rows (EbProjectStep *step)
{
  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *change = &g_array_index (step->changes, Change, i);

      if (change->before != NULL)
        step->klass->free_row (change->kind, change->before);
      if (change->after != NULL)
        step->klass->free_row (change->kind, change->after);
    }
}

static gboolean
run_step (EbProjectStep  *step,
          gpointer        owner,
          Run             run,
          GError        **error)
{
  const EbProjectStepClass *klass = step->klass;
  gboolean forward = run != RUN_UNDO;
  g_autofree char *action = NULL;
  EbProjectWriter writer = { klass, klass->get_project (owner), NULL, NULL, NULL };
  guint n = step->changes->len;

  if (!eb_project_begin (writer.project, DOING, error))
    return FALSE;
  writer.db = eb_project_get_database (writer.project);
  writer.stmts = g_new0 (sqlite3_stmt *, klass->n_sql);

  for (guint i = 0; i < n; i++)
    {
      gpointer from, to;
      guint kind = eb_project_step_get_change (step, i, forward, &from, &to);

      if (!klass->write_change (&writer, kind, from, to, error))
        goto failed;
    }
  action = run == RUN_DO ? g_strdup (step->action)
                         : g_strdup_printf ("%s: %s", run == RUN_UNDO ? "undo" : "redo",
                                            step->action);
  if (!write_audit (&writer, klass->get_coder (owner), action, step->target, step->detail,
                    error))
    goto failed;
  writer_clear (&writer);
  /* Commit rolls back by itself when it fails. */
  if (!eb_project_commit (writer.project, DOING, error))
    return FALSE;

  klass->apply (owner, step, forward);
  return TRUE;

failed:
  writer_clear (&writer);
  eb_project_rollback (writer.project);
  return FALSE;
}

static gboolean
run_if_open (EbProjectStep  *step,
             Run             run,
             GError        **error)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&step->owner);

  if (owner == NULL)
    {
      g_set_error_literal (error, step->klass->error_quark (), step->klass->closed_code,
                           step->klass->closed_message);
      return FALSE;
    }
  return run_step (step, owner, run, error);
}

static gboolean
step_redo_cb (gpointer   user_data,
              GError   **error)
{
  return run_if_open (user_data, RUN_REDO, error);
}

static gboolean
step_undo_cb (gpointer   user_data,
              GError   **error)
{
  return run_if_open (user_data, RUN_UNDO, error);
}

static void
step_free_cb (gpointer data)
{
  eb_project_step_free (data);
}

/* ---- Public API ---- */

EbProjectStep *
eb_project_step_new (const EbProjectStepClass *klass,
                     gpointer                  owner,
                     const char               *action,
                     const char               *target,
                     char                     *detail,
                     char                     *label)
{
  EbProjectStep *step;

  g_return_val_if_fail (klass != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (action != NULL, NULL);

  step = g_new0 (EbProjectStep, 1);
  step->klass = klass;
  g_weak_ref_init (&step->owner, owner);
  step->action = g_strdup (action);
  step->target = g_strdup (target);
  step->detail = detail;
  step->label = label;
  step->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  return step;
}

void
eb_project_step_free (EbProjectStep *step)
{
  if (step == NULL)
    return;
  free_rows (step);
  g_weak_ref_clear (&step->owner);
  g_free (step->label);
  g_free (step->action);
  g_free (step->target);
  g_free (step->detail);
  g_array_unref (step->changes);
  g_free (step);
}

void
eb_project_step_add (EbProjectStep *step,
                     guint          kind,
                     gpointer       before,
                     gpointer       after)
{
  Change change = { kind, before, after };

  g_return_if_fail (step != NULL);
  g_return_if_fail (before != NULL || after != NULL);

  g_array_append_val (step->changes, change);
}

void
eb_project_step_set_detail (EbProjectStep *step,
                            char          *detail)
{
  g_return_if_fail (step != NULL);

  g_free (step->detail);
  step->detail = detail;
}

guint
eb_project_step_get_n_changes (EbProjectStep *step)
{
  g_return_val_if_fail (step != NULL, 0);

  return step->changes->len;
}

guint
eb_project_step_get_change (EbProjectStep *step,
                            guint          i,
                            gboolean       forward,
                            gpointer      *from,
                            gpointer      *to)
{
  Change *change;

  g_return_val_if_fail (step != NULL, 0);
  g_return_val_if_fail (i < step->changes->len, 0);

  change = &g_array_index (step->changes, Change, forward ? i : step->changes->len - 1 - i);
  if (from != NULL)
    *from = forward ? change->before : change->after;
  if (to != NULL)
    *to = forward ? change->after : change->before;
  return change->kind;
}

gboolean
eb_project_step_perform (EbProjectStep  *step_in,
                         EbUndoStack    *undo_stack,
                         GError        **error)
{
  g_autoptr(EbProjectStep) step = step_in;
  g_autoptr(EbUndoCommand) command = NULL;
  const char *label;

  g_return_val_if_fail (step != NULL, FALSE);
  g_return_val_if_fail (EB_IS_UNDO_STACK (undo_stack), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (step->changes->len == 0)
    return TRUE;
  if (!run_if_open (step, RUN_DO, error))
    return FALSE;
  label = step->label;
  command = eb_undo_command_new (label, step_redo_cb, step_undo_cb,
                                 g_steal_pointer (&step), step_free_cb);
  eb_undo_stack_push (undo_stack, command);
  return TRUE;
}

sqlite3_stmt *
eb_project_writer_get (EbProjectWriter  *writer,
                       guint             which,
                       GError          **error)
{
  g_return_val_if_fail (writer != NULL, NULL);
  g_return_val_if_fail (which < writer->klass->n_sql, NULL);

  return prepare_once (writer, &writer->stmts[which], writer->klass->sql[which], error);
}

/* A change to a row that is not there means the file was changed behind
 * our back (or a bug): refuse rather than record a step that undo could
 * not take back. */
gboolean
eb_project_writer_run (EbProjectWriter  *writer,
                       sqlite3_stmt     *stmt,
                       gboolean          must_change,
                       const char       *what,
                       gint64            id,
                       GError          **error)
{
  int rc;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (writer->project, EB_PROJECT_ERROR_WRITE, DOING, error);
      return FALSE;
    }
  if (must_change && sqlite3_changes (writer->db) != 1)
    {
      g_set_error (error, writer->klass->error_quark (), writer->klass->conflict_code,
                   "Could not save the change: %s %" G_GINT64_FORMAT " is not in the "
                   "project as expected; reopen the project", what, id);
      return FALSE;
    }
  return TRUE;
}

void
eb_project_writer_bind_id (sqlite3_stmt *stmt,
                           int           index,
                           gint64        id)
{
  g_return_if_fail (stmt != NULL);

  if (id != 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}
