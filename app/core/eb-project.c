/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-project"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "eb-project.h"
#include "eb-project-private.h"

#define UNTITLED_TITLE "Untitled Project"
#define PROJECT_SUFFIX ".evalbench"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A sidecar lock file next to the project, held with flock(). Not a lock on
 * the database file itself: POSIX locks are per process, so opening and
 * closing a second descriptor on the database would silently drop the locks
 * SQLite holds on it. flock() locks belong to the open file description, so
 * two EbProjects in one process exclude each other too, and the kernel
 * releases the lock when a crashed process dies. */
typedef struct
{
  char *path;
  int   fd;
} Lock;

typedef struct
{
  guint        version;  /* the schema version this step produces */
  const char  *sql;
  gboolean   (*apply) (sqlite3  *db,
                       GError  **error);
} Migration;

struct _EbProject
{
  GObject   parent_instance;

  sqlite3  *db;
  Lock     *lock;
  char     *path;
  gboolean  untitled;
  gint64    last_saved;
};

G_DEFINE_FINAL_TYPE (EbProject, eb_project, G_TYPE_OBJECT)

G_DEFINE_QUARK (eb-project-error-quark, eb_project_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_TITLE,
  PROP_UNTITLED,
  PROP_LAST_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean create_meta_v1 (sqlite3  *db,
                                GError  **error);

/* Version 1: the survey, and the tables the codebook, coding, memos, diagram
 * and audit trail are stored in. Survey rows are one BLOB per respondent
 * (see encode_row) so that a 100,000 x 30 survey is 100,000 rows, not three
 * million. Codings refer to survey rows by number without a foreign key:
 * a re-import replaces all rows, and reconciling codings with the new data
 * is the importer's decision, not a cascade's. */
static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ");"
  "CREATE TABLE scales ("
  "  id INTEGER PRIMARY KEY"
  ");"
  "CREATE TABLE scale_levels ("
  "  scale_id INTEGER NOT NULL REFERENCES scales (id) ON DELETE CASCADE,"
  "  level INTEGER NOT NULL CHECK (level >= 0),"
  "  label TEXT NOT NULL,"
  "  non_substantive INTEGER NOT NULL DEFAULT 0 CHECK (non_substantive IN (0, 1)),"
  "  PRIMARY KEY (scale_id, level)"
  ");"
  "CREATE TABLE survey_columns ("
  "  position INTEGER PRIMARY KEY CHECK (position >= 0),"
  "  name TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  scale_id INTEGER REFERENCES scales (id)"
  ");"
  "CREATE INDEX survey_columns_scale ON survey_columns (scale_id);"
  "CREATE TABLE survey_rows ("
  "  row INTEGER PRIMARY KEY CHECK (row >= 0),"
  "  cells BLOB NOT NULL"
  ");"
  "CREATE TABLE themes ("
  "  id INTEGER PRIMARY KEY,"
  "  parent_id INTEGER REFERENCES themes (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  color TEXT,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  level INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1))"
  ");"
  "CREATE INDEX themes_parent ON themes (parent_id, position);"
  "CREATE TABLE codings ("
  "  id INTEGER PRIMARY KEY,"
  "  theme_id INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,"
  "  row INTEGER NOT NULL,"
  "  \"column\" INTEGER NOT NULL,"
  "  start INTEGER NOT NULL DEFAULT 0 CHECK (start >= 0),"
  /* "end" NULL: to the end of the answer */
  "  \"end\" INTEGER CHECK (\"end\" IS NULL OR \"end\" >= start),"
  "  coder TEXT NOT NULL,"
  "  created TEXT NOT NULL"
  ");"
  "CREATE INDEX codings_cell ON codings (row, \"column\");"
  "CREATE INDEX codings_theme ON codings (theme_id);"
  "CREATE TABLE memos ("
  "  id INTEGER PRIMARY KEY,"
  "  target_kind TEXT NOT NULL,"  /* "project", "theme", "coding", "row", "node" */
  "  target_id INTEGER,"
  "  author TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  body TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX memos_target ON memos (target_kind, target_id);"
  "CREATE TABLE diagram_groups ("
  "  id INTEGER PRIMARY KEY,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  color TEXT,"
  "  x REAL NOT NULL DEFAULT 0,"
  "  y REAL NOT NULL DEFAULT 0,"
  "  width REAL NOT NULL DEFAULT 0,"
  "  height REAL NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE diagram_nodes ("
  "  id INTEGER PRIMARY KEY,"
  "  theme_id INTEGER REFERENCES themes (id) ON DELETE SET NULL,"
  "  group_id INTEGER REFERENCES diagram_groups (id) ON DELETE SET NULL,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  color TEXT,"
  "  x REAL NOT NULL DEFAULT 0,"
  "  y REAL NOT NULL DEFAULT 0,"
  "  width REAL NOT NULL DEFAULT 0,"
  "  height REAL NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX diagram_nodes_theme ON diagram_nodes (theme_id);"
  "CREATE INDEX diagram_nodes_group ON diagram_nodes (group_id);"
  "CREATE TABLE diagram_edges ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES diagram_nodes (id) ON DELETE CASCADE,"
  "  target_id INTEGER NOT NULL REFERENCES diagram_nodes (id) ON DELETE CASCADE,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  style TEXT"
  ");"
  "CREATE INDEX diagram_edges_source ON diagram_edges (source_id);"
  "CREATE INDEX diagram_edges_target ON diagram_edges (target_id);"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL,"
  "  user TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  target TEXT,"
  "  detail TEXT"
  ");";

/* Version 2: what quote coding needs beyond version 1. Each coding records
 * a hash of the answer it was made on (NULL for older codings), so that
 * after a re-import the codings whose answer changed can be reported; a
 * memo on a quote (target_kind "quote") names its row in target_id and its
 * column in target_column; and an edited memo keeps when it was edited. */
static const char schema_v2[] =
  "ALTER TABLE codings ADD COLUMN answer_hash INTEGER;"
  "ALTER TABLE memos ADD COLUMN target_column INTEGER;"
  "ALTER TABLE memos ADD COLUMN modified TEXT;";

/* Version 3: what the process diagram needs beyond version 1. A node has
 * bullet lines under its label (one per line, "" for none) and a shape
 * ("rounded", "ellipse", "note"); an edge has the route the automatic
 * layout gave it (cubic Bézier control points "x,y x,y …" in diagram
 * points, NULL for a straight line), dropped when one of its ends moves.
 * A group's box is drawn around its nodes, so its own x, y, width and
 * height stay 0. The diagram's direction is the setting
 * "diagram.direction". */
static const char schema_v3[] =
  "ALTER TABLE diagram_nodes ADD COLUMN bullets TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE diagram_nodes ADD COLUMN shape TEXT NOT NULL DEFAULT 'rounded';"
  "ALTER TABLE diagram_edges ADD COLUMN route TEXT;";

/* Step N takes a project from version N - 1 to N; version 0 is a new, empty
 * database. All pending steps run in one transaction, so a project is never
 * left half-migrated. */
static const Migration migrations[] = {
  { 1, schema_v1, create_meta_v1 },
  { 2, schema_v2, NULL },
  { 3, schema_v3, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == EB_PROJECT_SCHEMA_VERSION);

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static const char *
current_user (void)
{
  const char *name = g_get_real_name ();

  /* GLib answers "Unknown" when the account has no full name. */
  if (name == NULL || *name == '\0' || strcmp (name, "Unknown") == 0)
    name = g_get_user_name ();
  return name;
}

static char *
lock_path_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.lock", base);

  return g_build_filename (dir, name, NULL);
}

/* " (process 1234 on host)", or "" while the holder has not written it yet. */
static char *
describe_lock_owner (const char *lock_path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (lock_path, &contents, NULL, NULL))
    return g_strdup ("");
  lines = g_strsplit (contents, "\n", 3);
  if (g_strv_length (lines) < 2 || *lines[0] == '\0' || *lines[1] == '\0')
    return g_strdup ("");
  return g_strdup_printf (" (process %s on %s)", lines[0], lines[1]);
}

static void
lock_release (Lock *lock)
{
  /* Removed while still held: a process that opened the old file and gets
   * the lock after us sees in lock_acquire that it is no longer the lock
   * file, and starts over. */
  g_unlink (lock->path);
  close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lock, lock_release)

/* VERB completes "Could not … “x”" for the caller ("open", "save"), and
 * CODE is its error for anything but another instance holding the lock. */
static Lock *
lock_acquire (const char      *path,
              const char      *verb,
              EbProjectError   code,
              GError         **error)
{
  g_autofree char *lock_path = lock_path_for (path);
  g_autofree char *name = display_name (path);
  g_autofree char *owner = NULL;
  g_autofree char *record = NULL;
  Lock *lock;
  int fd;

  for (;;)
    {
      struct stat fd_stat, path_stat;

      fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, EB_PROJECT_ERROR, code,
                       "Could not %s “%s”: cannot create its lock file (%s)",
                       verb, name, g_strerror (saved_errno));
          return NULL;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved_errno = errno;

          close (fd);
          if (saved_errno == EWOULDBLOCK)
            {
              owner = describe_lock_owner (lock_path);
              g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_LOCKED,
                           "“%s” is already open in another Evalbench window%s",
                           name, owner);
            }
          else
            g_set_error (error, EB_PROJECT_ERROR, code,
                         "Could not %s “%s”: cannot lock it (%s)",
                         verb, name, g_strerror (saved_errno));
          return NULL;
        }
      if (fstat (fd, &fd_stat) == 0 &&
          g_stat (lock_path, &path_stat) == 0 &&
          fd_stat.st_dev == path_stat.st_dev &&
          fd_stat.st_ino == path_stat.st_ino)
        break;
      close (fd);
    }

  lock = g_new0 (Lock, 1);
  lock->fd = fd;
  lock->path = g_steal_pointer (&lock_path);

  /* Only informative, for the message another instance shows: a failure
   * to write it does not make the lock any less held. */
  record = g_strdup_printf ("%d\n%s\n", (int) getpid (), g_get_host_name ());
  if (ftruncate (fd, 0) != 0 || write (fd, record, strlen (record)) < 0)
    g_debug ("Could not record the owner in %s: %s", lock->path, g_strerror (errno));
  return lock;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE, "%s",
               message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}

static gboolean
is_corruption (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* Turns the last SQLite error into a message that names the file; DOING
 * completes "Could not …" ("store the survey in"). Damage is reported as
 * such whatever the caller was doing. */
static void
set_db_error (EbProject       *self,
              EbProjectError   code,
              const char      *doing,
              GError         **error)
{
  g_autofree char *name = display_name (self->path);

  if (is_corruption (sqlite3_extended_errcode (self->db)))
    g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_CORRUPT,
                 "“%s” is damaged: %s", name, sqlite3_errmsg (self->db));
  else
    g_set_error (error, EB_PROJECT_ERROR, code,
                 "Could not %s “%s”: %s", doing, name, sqlite3_errmsg (self->db));
}

static sqlite3_stmt *
prepare (EbProject       *self,
         const char      *sql,
         EbProjectError   code,
         const char      *doing,
         GError         **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, code, doing, error);
      return NULL;
    }
  return stmt;
}

/* Runs a statement that returns no rows, and resets it for reuse. */
static gboolean
step_done (EbProject     *self,
           sqlite3_stmt  *stmt,
           const char    *doing,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, EB_PROJECT_ERROR_WRITE, doing, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

static gboolean
ensure_open (EbProject  *self,
             GError    **error)
{
  g_autofree char *name = NULL;

  if (self->db != NULL)
    return TRUE;
  name = display_name (self->path);
  g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE,
               "“%s” has been closed", name);
  return FALSE;
}

static void
mark_saved (EbProject *self)
{
  /* Strictly increasing, so that every commit is a visible change even
   * when two land in the same microsecond or the clock steps back. */
  self->last_saved = MAX (g_get_real_time (), self->last_saved + 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SAVED]);
}

/* IMMEDIATE takes the write lock now, so a change never fails half-way for
 * want of it. */
static gboolean
begin (EbProject   *self,
       const char  *doing,
       GError     **error)
{
  if (!ensure_open (self, error))
    return FALSE;
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (self, EB_PROJECT_ERROR_WRITE, doing, error);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (EbProject *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
commit (EbProject   *self,
        const char  *doing,
        GError     **error)
{
  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (self, EB_PROJECT_ERROR_WRITE, doing, error);
      rollback (self);
      return FALSE;
    }
  mark_saved (self);
  return TRUE;
}

static gboolean
insert_audit (EbProject   *self,
              const char  *action,
              const char  *target,
              const char  *detail,
              GError     **error)
{
  const char *doing = "record the change in the audit trail of";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *time = now_iso8601 ();

  stmt = prepare (self,
                  "INSERT INTO audit (time, user, action, target, detail) "
                  "VALUES (?, ?, ?, ?, ?)", EB_PROJECT_ERROR_WRITE, doing, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, current_user (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, target, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, detail, -1, SQLITE_STATIC);
  return step_done (self, stmt, doing, error);
}

static gboolean
put_meta (EbProject   *self,
          const char  *key,
          const char  *value,
          GError     **error)
{
  const char *doing = "store the survey in";
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self,
                  "INSERT INTO meta (key, value) VALUES (?, ?) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  EB_PROJECT_ERROR_WRITE, doing, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return step_done (self, stmt, doing, error);
}

static gboolean
create_meta_v1 (sqlite3  *db,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *created = now_iso8601 ();

  if (sqlite3_prepare_v2 (db, "INSERT INTO meta (key, value) VALUES "
                          "('created', ?), ('evalbench_version', ?)",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, created, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, PACKAGE_VERSION, -1, SQLITE_STATIC);
    }
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE, "%s",
                   sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Runs a single-value query such as "PRAGMA user_version". */
static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           int         *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      *rc_out = sqlite3_extended_errcode (db);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  *rc_out = SQLITE_OK;
  return TRUE;
}

/* Both checks return their first complaint, or NULL when the answer is "ok". */
static char *
run_check (sqlite3    *db,
           const char *pragma,
           int        *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *first;
  int rc;

  rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  *rc_out = rc == SQLITE_ROW ? SQLITE_OK : sqlite3_extended_errcode (db);
  if (rc != SQLITE_ROW)
    return g_strdup (sqlite3_errmsg (db));
  first = (const char *) sqlite3_column_text (stmt, 0);
  if (first == NULL)
    return g_strdup ("no answer");
  if (strcmp (first, "ok") == 0)
    return NULL;
  /* "*** in database main ***\nPage 77: …" → "Page 77: …", on one line. */
  if (g_str_has_prefix (first, "*** in database main ***"))
    first += strlen ("*** in database main ***");
  return g_strdelimit (g_strstrip (g_strdup (first)), "\n", ' ');
}

static gboolean
migrate (sqlite3     *db,
         guint        from,
         GError     **error)
{
  g_autofree char *finish = NULL;

  if (!exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *step = &migrations[i];
      g_autofree char *set_version = NULL;

      if (step->version <= from)
        continue;
      if (!exec_sql (db, step->sql, error) ||
          (step->apply != NULL && !step->apply (db, error)))
        goto failed;
      set_version = g_strdup_printf ("PRAGMA user_version = %u", step->version);
      if (!exec_sql (db, set_version, error))
        goto failed;
    }
  finish = g_strdup_printf ("PRAGMA application_id = %d; COMMIT",
                            (int) EB_PROJECT_APPLICATION_ID);
  if (exec_sql (db, finish, error))
    return TRUE;

failed:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Opens and checks the database at PATH, whose lock the caller holds, and
 * brings it to the current schema. Nothing is written to the file until
 * it is known to be an Evalbench project this version can read. */
/* READONLY opens an existing project without changing it in any way: no
 * journal mode switch, no migration. */
static sqlite3 *
open_database (const char  *path,
               gboolean     readonly,
               GError     **error)
{
  g_autofree char *name = display_name (path);
  g_autofree char *problem = NULL;
  g_autofree char *journal_mode = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  gint64 app_id = 0, version = 0, n_objects = 0;
  int rc;

  rc = sqlite3_open_v2 (path, &db,
                        readonly ? SQLITE_OPEN_READONLY
                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                   "Could not open “%s”: %s", name,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      goto failed;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);

  if (!query_int (db, "PRAGMA application_id", &app_id, &rc) ||
      !query_int (db, "PRAGMA user_version", &version, &rc) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc))
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                     "“%s” is not an Evalbench project: it is not an SQLite database",
                     name);
      else if (is_corruption (rc))
        g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_CORRUPT,
                     "“%s” is damaged: %s", name, sqlite3_errmsg (db));
      else
        g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                     "Could not open “%s”: %s", name, sqlite3_errmsg (db));
      goto failed;
    }

  if (app_id != EB_PROJECT_APPLICATION_ID && app_id != 0)
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                   "“%s” is not an Evalbench project: it belongs to another "
                   "application (application id 0x%08x)", name, (guint32) app_id);
      goto failed;
    }
  if (app_id == 0 && n_objects > 0)
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                   "“%s” is not an Evalbench project: it is a database of "
                   "another application", name);
      goto failed;
    }
  if (version > EB_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_TOO_NEW,
                   "“%s” was saved by a newer version of Evalbench (project "
                   "format %" G_GINT64_FORMAT "; this version reads up to %d). "
                   "Update Evalbench to open it.",
                   name, version, EB_PROJECT_SCHEMA_VERSION);
      goto failed;
    }
  if (version < 0 || (version == 0 && n_objects > 0))
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_CORRUPT,
                   "“%s” is damaged: its project format (%" G_GINT64_FORMAT
                   ") does not match its contents", name, version);
      goto failed;
    }

  /* A quick check reads every page but skips the slow index
   * cross-checks: enough to refuse a damaged file before editing it. */
  if (version > 0 && (problem = run_check (db, "PRAGMA quick_check", &rc)) != NULL)
    {
      if (rc == SQLITE_OK || is_corruption (rc))
        g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_CORRUPT,
                     "“%s” is damaged: the database check failed (%s)", name, problem);
      else
        g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                     "Could not open “%s”: %s", name, problem);
      goto failed;
    }

  if (readonly)
    {
      if (version < EB_PROJECT_SCHEMA_VERSION)
        {
          if (version == 0)
            g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                         "“%s” is not an Evalbench project: it is empty", name);
          else
            g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                         "“%s” is in an older project format; open it once in "
                         "Evalbench to bring it up to date", name);
          goto failed;
        }
      return db;
    }

  /* Write-ahead logging: a commit is one append and one fsync, readers
   * never block the writer, and a crash at any point leaves either the
   * old or the new state. synchronous=FULL makes the commit durable
   * before the API call returns, as the "Saved" label promises. */
  if (sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    journal_mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (g_strcmp0 (journal_mode, "wal") != 0)
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                   "Could not open “%s”: its folder does not allow the "
                   "write-ahead log that keeps changes safe (journal mode “%s”)",
                   name, journal_mode != NULL ? journal_mode : sqlite3_errmsg (db));
      goto failed;
    }
  /* The size limit only trims the log after a checkpoint: a big import
   * does not leave a log as big as the project next to it. */
  if (!exec_sql (db,
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA journal_size_limit = 8388608;",
                 &local_error))
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                   "Could not open “%s”: %s", name, local_error->message);
      goto failed;
    }

  if (version < EB_PROJECT_SCHEMA_VERSION && !migrate (db, (guint) version, &local_error))
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE,
                   "Could not set up “%s” as an Evalbench project (format %d): %s",
                   name, EB_PROJECT_SCHEMA_VERSION, local_error->message);
      goto failed;
    }

  return db;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return NULL;
}

static void
close_database (sqlite3 *db)
{
  /* Every statement is finalized before its function returns, so this
   * cannot be refused: when it closes, SQLite checkpoints the log into the
   * project file and removes the -wal and -shm files. */
  if (sqlite3_close (db) != SQLITE_OK)
    g_critical ("Could not close a project database: %s", sqlite3_errmsg (db));
}

/* Removes a project file and its SQLite sidecars; ENOENT is no error. */
static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Makes the rename of a saved copy durable; some file systems refuse
   * fsync on directories, and then there is nothing more we can do. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* A survey row is one GVariant "as": compact (the texts, their NULs and
 * one offset each), portable (offsets are little-endian by definition),
 * and checked on load (a normal-form string array holds only valid,
 * NUL-terminated UTF-8). */
static GVariant *
encode_row (EbSurvey     *survey,
            guint         row,
            const char  **cells)
{
  guint n_columns = eb_survey_get_n_columns (survey);

  for (guint c = 0; c < n_columns; c++)
    cells[c] = eb_survey_get_cell (survey, row, c);
  return g_variant_ref_sink (g_variant_new_strv (cells, n_columns));
}

static gboolean
write_scale (EbProject   *self,
             EbScale     *scale,
             gint64      *id,
             GError     **error)
{
  const char *doing = "store the answer scales in";
  g_autoptr(sqlite3_stmt) insert_scale = NULL;
  g_autoptr(sqlite3_stmt) insert_level = NULL;

  insert_scale = prepare (self, "INSERT INTO scales DEFAULT VALUES",
                          EB_PROJECT_ERROR_WRITE, doing, error);
  if (insert_scale == NULL || !step_done (self, insert_scale, doing, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (self->db);

  insert_level = prepare (self,
                          "INSERT INTO scale_levels (scale_id, level, label, non_substantive) "
                          "VALUES (?, ?, ?, ?)", EB_PROJECT_ERROR_WRITE, doing, error);
  if (insert_level == NULL)
    return FALSE;
  for (guint i = 0; i < eb_scale_get_n_levels (scale); i++)
    {
      sqlite3_bind_int64 (insert_level, 1, *id);
      sqlite3_bind_int (insert_level, 2, (int) i);
      sqlite3_bind_text (insert_level, 3, eb_scale_get_label (scale, i), -1, SQLITE_STATIC);
      sqlite3_bind_int (insert_level, 4, eb_scale_is_non_substantive (scale, i));
      if (!step_done (self, insert_level, doing, error))
        return FALSE;
    }
  return TRUE;
}

static void
set_corrupt (EbProject   *self,
             GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
set_corrupt (EbProject   *self,
             GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *name = display_name (self->path);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_CORRUPT,
               "“%s” is damaged: %s", name, what);
}

/* id → EbScale for every stored scale. */
static GHashTable *
read_scales (EbProject   *self,
             GError     **error)
{
  const char *doing = "read the answer scales from";
  g_autoptr(GHashTable) scales = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gint64 current = -1;
  int rc;

  scales = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                  (GDestroyNotify) eb_scale_unref);
  stmt = prepare (self,
                  "SELECT scales.id, level, label, non_substantive FROM scales "
                  "LEFT JOIN scale_levels ON scale_levels.scale_id = scales.id "
                  "ORDER BY scales.id, level", EB_PROJECT_ERROR_OPEN, doing, error);
  if (stmt == NULL)
    return NULL;

  /* One extra round after the last row flushes the last scale. */
  do
    {
      gint64 id;

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_db_error (self, EB_PROJECT_ERROR_OPEN, doing, error);
          return NULL;
        }
      id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
      if (id != current && current != -1)
        {
          gint64 *key = g_new (gint64, 1);

          if (labels->len == 0)
            {
              set_corrupt (self, error, "answer scale %" G_GINT64_FORMAT " has no levels",
                           current);
              g_free (key);
              return NULL;
            }
          *key = current;
          g_hash_table_insert (scales, key,
                               eb_scale_new ((const char * const *) labels->pdata,
                                             (const gboolean *) (gpointer) flags->data,
                                             labels->len));
          g_ptr_array_set_size (labels, 0);
          g_array_set_size (flags, 0);
        }
      current = id;
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          gboolean non_substantive = sqlite3_column_int (stmt, 3) != 0;
          const char *label = (const char *) sqlite3_column_text (stmt, 2);

          if (sqlite3_column_int64 (stmt, 1) != labels->len || label == NULL)
            {
              set_corrupt (self, error, "level %u of answer scale %" G_GINT64_FORMAT
                           " is missing", labels->len + 1, id);
              return NULL;
            }
          /* The texts live in the statement's row: copy them. */
          g_ptr_array_add (labels, g_strdup (label));
          g_array_append_val (flags, non_substantive);
        }
    }
  while (rc == SQLITE_ROW);

  return g_steal_pointer (&scales);
}

/* The id of a stored scale equal to SCALE, storing it if there is none. */
static gboolean
find_or_write_scale (EbProject   *self,
                     GHashTable  *stored,
                     EbScale     *scale,
                     gint64      *id,
                     GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (eb_scale_equal (value, scale))
      {
        *id = *(gint64 *) key;
        return TRUE;
      }

  if (!write_scale (self, scale, id, error))
    return FALSE;
  key = g_memdup2 (id, sizeof *id);
  g_hash_table_insert (stored, key, eb_scale_ref (scale));
  return TRUE;
}

static gboolean
write_survey (EbProject   *self,
              EbSurvey    *survey,
              GError     **error)
{
  const char *doing = "store the survey in";
  guint n_rows = eb_survey_get_n_rows (survey);
  guint n_columns = eb_survey_get_n_columns (survey);
  g_autoptr(GHashTable) scales = NULL;
  g_autoptr(sqlite3_stmt) insert_column = NULL;
  g_autoptr(sqlite3_stmt) insert_row = NULL;
  g_autofree const char **cells = g_new0 (const char *, n_columns + 1);
  g_autofree char *header_rows = NULL;
  g_autofree char *rows_text = NULL;
  g_autofree char *detail = NULL;
  const char *source_file = eb_survey_get_source_file (survey);

  /* DELETE without WHERE truncates a table in one step, however big. */
  if (sqlite3_exec (self->db,
                    "DELETE FROM survey_rows;"
                    "DELETE FROM survey_columns;"
                    "DELETE FROM scale_levels;"
                    "DELETE FROM scales;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (self, EB_PROJECT_ERROR_WRITE, doing, error);
      return FALSE;
    }

  scales = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                  (GDestroyNotify) eb_scale_unref);
  insert_column = prepare (self,
                           "INSERT INTO survey_columns (position, name, role, scale_id) "
                           "VALUES (?, ?, ?, ?)", EB_PROJECT_ERROR_WRITE, doing, error);
  if (insert_column == NULL)
    return FALSE;
  for (guint c = 0; c < n_columns; c++)
    {
      EbScale *scale = eb_survey_get_column_scale (survey, c);
      EbColumnRole role = eb_survey_get_column_role (survey, c);
      gint64 scale_id = 0;

      if (scale != NULL && !find_or_write_scale (self, scales, scale, &scale_id, error))
        return FALSE;
      sqlite3_bind_int (insert_column, 1, (int) c);
      sqlite3_bind_text (insert_column, 2, eb_survey_get_column_name (survey, c), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (insert_column, 3, eb_column_role_to_string (role), -1,
                         SQLITE_STATIC);
      if (scale != NULL)
        sqlite3_bind_int64 (insert_column, 4, scale_id);
      if (!step_done (self, insert_column, doing, error))
        return FALSE;
    }

  insert_row = prepare (self, "INSERT INTO survey_rows (row, cells) VALUES (?, ?)",
                        EB_PROJECT_ERROR_WRITE, doing, error);
  if (insert_row == NULL)
    return FALSE;
  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(GVariant) row = encode_row (survey, r, cells);
      gsize size = g_variant_get_size (row);

      sqlite3_bind_int64 (insert_row, 1, r);
      /* An empty array serializes to no bytes at all, and a NULL pointer
       * would bind SQL NULL. */
      if (size == 0)
        sqlite3_bind_zeroblob (insert_row, 2, 0);
      else
        sqlite3_bind_blob64 (insert_row, 2, g_variant_get_data (row), size, SQLITE_STATIC);
      if (!step_done (self, insert_row, doing, error))
        return FALSE;
    }

  header_rows = g_strdup_printf ("%u", eb_survey_get_header_rows (survey));
  rows_text = g_strdup_printf ("%u", n_rows);
  detail = g_strdup_printf ("%u rows, %u columns", n_rows, n_columns);
  return put_meta (self, "source_file", source_file, error) &&
         put_meta (self, "sheet", eb_survey_get_sheet (survey), error) &&
         put_meta (self, "header_rows", header_rows, error) &&
         put_meta (self, "header_style", eb_survey_get_header_style (survey), error) &&
         put_meta (self, "n_rows", rows_text, error) &&
         insert_audit (self, "store-survey", source_file, detail, error);
}

static gboolean
read_meta (EbProject   *self,
           const char  *key,
           char       **value,
           gboolean    *found,
           GError     **error)
{
  const char *doing = "read the survey from";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, "SELECT value FROM meta WHERE key = ?",
                  EB_PROJECT_ERROR_OPEN, doing, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, EB_PROJECT_ERROR_OPEN, doing, error);
      return FALSE;
    }
  if (found != NULL)
    *found = rc == SQLITE_ROW;
  *value = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  return TRUE;
}

static gboolean
read_count (EbProject   *self,
            const char  *key,
            guint       *count,
            GError     **error)
{
  g_autofree char *text = NULL;
  guint64 value = 0;

  if (!read_meta (self, key, &text, NULL, error))
    return FALSE;
  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      set_corrupt (self, error, "the survey’s “%s” is “%s”, not a number",
                   key, text != NULL ? text : "");
      return FALSE;
    }
  *count = (guint) value;
  return TRUE;
}

static gboolean
read_columns (EbProject   *self,
              EbSurvey    *survey,
              GHashTable  *scales,
              GError     **error)
{
  const char *doing = "read the survey from";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;
  int rc;

  stmt = prepare (self, "SELECT position, name, role, scale_id FROM survey_columns "
                  "ORDER BY position", EB_PROJECT_ERROR_OPEN, doing, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *role_name = (const char *) sqlite3_column_text (stmt, 2);
      EbColumnRole role;

      if (sqlite3_column_int64 (stmt, 0) != n || name == NULL)
        {
          set_corrupt (self, error, "survey column %u is missing", n + 1);
          return FALSE;
        }
      if (role_name == NULL || !eb_column_role_from_string (role_name, &role))
        {
          set_corrupt (self, error, "survey column %u (“%s”) has the unknown role “%s”",
                       n + 1, name, role_name != NULL ? role_name : "");
          return FALSE;
        }
      eb_survey_add_column (survey, name);
      eb_survey_set_column_role (survey, n, role);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          gint64 scale_id = sqlite3_column_int64 (stmt, 3);
          EbScale *scale = g_hash_table_lookup (scales, &scale_id);

          if (scale == NULL)
            {
              set_corrupt (self, error, "the answer scale of survey column %u (“%s”) "
                           "is missing", n + 1, name);
              return FALSE;
            }
          /* Columns that had equal scales share one again. */
          eb_survey_set_column_scale (survey, n, scale);
        }
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, EB_PROJECT_ERROR_OPEN, doing, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_rows (EbProject   *self,
           EbSurvey    *survey,
           guint        n_rows,
           GError     **error)
{
  const char *doing = "read the survey from";
  guint n_columns = eb_survey_get_n_columns (survey);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint r = 0;
  int rc;

  stmt = prepare (self, "SELECT row, cells FROM survey_rows ORDER BY row",
                  EB_PROJECT_ERROR_OPEN, doing, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GVariant) row = NULL;
      g_autofree const char **cells = NULL;
      const void *data = sqlite3_column_blob (stmt, 1);
      gsize size = (gsize) sqlite3_column_bytes (stmt, 1);
      gsize n_cells = 0;

      if (sqlite3_column_int64 (stmt, 0) != r)
        {
          set_corrupt (self, error, "survey row %u is missing", r + 1);
          return FALSE;
        }
      if (sqlite3_column_type (stmt, 1) != SQLITE_BLOB)
        {
          set_corrupt (self, error, "survey row %u cannot be read (no cells)", r + 1);
          return FALSE;
        }
      /* The blob lives until the next step; the cells are copied by
       * append_row before then. */
      row = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE_STRING_ARRAY,
                                                         size > 0 ? data : "", size,
                                                         FALSE, NULL, NULL));
      if (!g_variant_is_normal_form (row))
        {
          set_corrupt (self, error, "survey row %u cannot be read (its cells are "
                       "not valid text)", r + 1);
          return FALSE;
        }
      cells = g_variant_get_strv (row, &n_cells);
      if (n_cells != n_columns)
        {
          set_corrupt (self, error, "survey row %u cannot be read (expected %u cells, "
                       "found %" G_GSIZE_FORMAT ")", r + 1, n_columns, n_cells);
          return FALSE;
        }
      eb_survey_append_row (survey, cells, n_columns);
      r++;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, EB_PROJECT_ERROR_OPEN, doing, error);
      return FALSE;
    }
  if (r != n_rows)
    {
      set_corrupt (self, error, "the survey has %u rows, but %u were stored", r, n_rows);
      return FALSE;
    }
  return TRUE;
}

static EbSurvey *
read_survey (EbProject   *self,
             GError     **error)
{
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(GHashTable) scales = NULL;
  g_autofree char *n_rows_text = NULL;
  g_autofree char *source_file = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *header_style = NULL;
  gboolean found = FALSE;
  guint n_rows = 0, header_rows = 0;

  if (!read_meta (self, "n_rows", &n_rows_text, &found, error))
    return NULL;
  if (!found)
    return NULL;

  survey = eb_survey_new ();
  if (!read_count (self, "n_rows", &n_rows, error) ||
      !read_count (self, "header_rows", &header_rows, error) ||
      !read_meta (self, "source_file", &source_file, NULL, error) ||
      !read_meta (self, "sheet", &sheet, NULL, error) ||
      /* Not in projects stored before it was kept: unknown. */
      !read_meta (self, "header_style", &header_style, NULL, error))
    return NULL;
  eb_survey_set_source_file (survey, source_file);
  eb_survey_set_sheet (survey, sheet);
  eb_survey_set_header_rows (survey, header_rows);
  eb_survey_set_header_style (survey, header_style);

  scales = read_scales (self, error);
  if (scales == NULL ||
      !read_columns (self, survey, scales, error) ||
      !read_rows (self, survey, n_rows, error))
    return NULL;

  return g_steal_pointer (&survey);
}

static gboolean
write_column (EbProject   *self,
              EbSurvey    *survey,
              guint        column,
              GError     **error)
{
  const char *doing = "store the column settings in";
  const char *column_name = eb_survey_get_column_name (survey, column);
  const char *role = eb_column_role_to_string (eb_survey_get_column_role (survey, column));
  EbScale *scale = eb_survey_get_column_scale (survey, column);
  g_autoptr(GHashTable) scales = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *detail = NULL;
  gint64 scale_id = 0;

  scales = read_scales (self, error);
  if (scales == NULL)
    return FALSE;
  if (scale != NULL && !find_or_write_scale (self, scales, scale, &scale_id, error))
    return FALSE;

  update = prepare (self, "UPDATE survey_columns SET role = ?, scale_id = ? "
                    "WHERE position = ? AND name = ?", EB_PROJECT_ERROR_WRITE, doing, error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_text (update, 1, role, -1, SQLITE_STATIC);
  if (scale != NULL)
    sqlite3_bind_int64 (update, 2, scale_id);
  sqlite3_bind_int (update, 3, (int) column);
  sqlite3_bind_text (update, 4, column_name, -1, SQLITE_STATIC);
  if (!step_done (self, update, doing, error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_autofree char *name = display_name (self->path);

      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE,
                   "Could not store the settings of column %u (“%s”) in “%s”: "
                   "the project holds no such column", column + 1, column_name, name);
      return FALSE;
    }

  /* A scale no column uses any more would only confuse a later reader. */
  if (sqlite3_exec (self->db,
                    "DELETE FROM scales WHERE id NOT IN "
                    "(SELECT scale_id FROM survey_columns WHERE scale_id IS NOT NULL)",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (self, EB_PROJECT_ERROR_WRITE, doing, error);
      return FALSE;
    }

  spec = scale != NULL ? eb_scale_to_spec (scale) : NULL;
  detail = spec != NULL ? g_strdup_printf ("role %s, scale %s", role, spec)
                        : g_strdup_printf ("role %s", role);
  return insert_audit (self, "set-column", column_name, detail, error);
}

static void
eb_project_finalize (GObject *object)
{
  EbProject *self = EB_PROJECT (object);

  eb_project_close (self);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (eb_project_parent_class)->finalize (object);
}

static void
eb_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EbProject *self = EB_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_TITLE:
      g_value_take_string (value, eb_project_dup_title (self));
      break;

    case PROP_UNTITLED:
      g_value_set_boolean (value, self->untitled);
      break;

    case PROP_LAST_SAVED:
      g_value_set_int64 (value, self->last_saved);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_project_class_init (EbProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eb_project_finalize;
  object_class->get_property = eb_project_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNTITLED] =
    g_param_spec_boolean ("untitled", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SAVED] =
    g_param_spec_int64 ("last-saved", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_project_init (EbProject *self)
{
}

EbProject *
eb_project_open (const char  *path,
                 GError     **error)
{
  g_autoptr(EbProject) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EB_TYPE_PROJECT, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  /* Lock first: checking, migrating or creating a file another instance
   * is editing is not ours to do. */
  self->lock = lock_acquire (self->path, "open", EB_PROJECT_ERROR_OPEN, error);
  if (self->lock == NULL)
    return NULL;
  self->db = open_database (self->path, FALSE, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

EbProject *
eb_project_open_readonly (const char  *path,
                          GError     **error)
{
  g_autoptr(EbProject) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = display_name (path);

      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                   "Could not open “%s”: no such file", name);
      return NULL;
    }
  self = g_object_new (EB_TYPE_PROJECT, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  /* No lock: WAL lets this reader see the last commit of a window that
   * has the project open, and it never writes. */
  self->db = open_database (self->path, TRUE, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

EbProject *
eb_project_new_untitled (GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_build_filename (g_get_user_data_dir (), "evalbench", "untitled", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                   "Could not create the folder “%s” for new projects: %s",
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  /* No colons: the name must survive a copy to a USB stick. */
  stamp = g_date_time_format (now, "%Y-%m-%d %H.%M.%S");
  for (guint n = 1; ; n++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) local_error = NULL;
      EbProject *self;

      name = n == 1 ? g_strdup_printf ("Untitled %s" PROJECT_SUFFIX, stamp)
                    : g_strdup_printf ("Untitled %s (%u)" PROJECT_SUFFIX, stamp, n);
      path = g_build_filename (dir, name, NULL);
      /* An existing file may be a crashed session's work: never reuse it. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      self = eb_project_open (path, &local_error);
      if (self != NULL)
        {
          self->untitled = TRUE;
          return self;
        }
      /* Another instance picked the same name in the same second. */
      if (!g_error_matches (local_error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_LOCKED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

/* Closes the database and releases the lock. An untitled project's file is
 * kept: it is the user's work until they save or discard it. */
void
eb_project_close (EbProject *self)
{
  g_return_if_fail (EB_IS_PROJECT (self));

  g_clear_pointer (&self->db, close_database);
  g_clear_pointer (&self->lock, lock_release);
}

/* For "Discard" when a window with an untitled project closes: the only
 * way an untitled project's file is ever deleted. */
gboolean
eb_project_discard (EbProject  *self,
                    GError    **error)
{
  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->untitled)
    {
      g_autofree char *name = display_name (self->path);

      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE,
                   "“%s” has been saved; only an untitled project can be discarded", name);
      return FALSE;
    }
  eb_project_close (self);
  remove_database_files (self->path);
  return TRUE;
}

const char *
eb_project_get_path (EbProject *self)
{
  g_return_val_if_fail (EB_IS_PROJECT (self), NULL);

  return self->path;
}

gboolean
eb_project_is_untitled (EbProject *self)
{
  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);

  return self->untitled;
}

char *
eb_project_dup_title (EbProject *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (self), NULL);

  if (self->untitled)
    return g_strdup (UNTITLED_TITLE);
  base = display_name (self->path);
  if (g_str_has_suffix (base, PROJECT_SUFFIX) && strlen (base) > strlen (PROJECT_SUFFIX))
    base[strlen (base) - strlen (PROJECT_SUFFIX)] = '\0';
  return g_steal_pointer (&base);
}

gboolean
eb_project_save_as (EbProject   *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *name = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *temp_name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *old_title = NULL;
  g_autofree char *new_title = NULL;
  g_autoptr(Lock) lock = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  sqlite3 *db;
  gboolean was_untitled;
  struct stat st;
  mode_t mode = 0600;
  int fd, rc;

  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_open (self, error))
    return FALSE;
  target = g_canonicalize_filename (path, NULL);
  if (strcmp (target, self->path) == 0)
    return TRUE;
  name = display_name (target);

  /* Never overwrite a project another window is editing. */
  lock = lock_acquire (target, "save", EB_PROJECT_ERROR_WRITE, error);
  if (lock == NULL)
    return FALSE;

  /* Copy beside the target and rename over it, so that a failure half-way
   * leaves whatever was at PATH untouched. */
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  temp_name = g_strdup_printf (".%s.XXXXXX", base);
  temp_path = g_build_filename (dir, temp_name, NULL);
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE,
                   "Could not save “%s”: %s", name, g_strerror (saved_errno));
      return FALSE;
    }
  /* The copy keeps the permissions of the file it replaces, or else of the
   * project it copies; mkstemp's 0600 only until then. */
  if (g_stat (target, &st) == 0 || g_stat (self->path, &st) == 0)
    mode = st.st_mode & 0777;
  if (fchmod (fd, mode) != 0)
    g_debug ("Could not set the permissions of %s: %s", temp_path, g_strerror (errno));
  close (fd);

  /* The online backup copies every page in one step, through our own
   * connection, so the copy is exactly what has been committed. */
  rc = sqlite3_open_v2 (temp_path, &copy, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", self->db, "main");
      rc = backup != NULL ? sqlite3_backup_step (backup, -1) : SQLITE_ERROR;
      /* finish leaves the error of a failed step on COPY for the message. */
      if (backup != NULL && sqlite3_backup_finish (backup) != SQLITE_OK)
        rc = SQLITE_ERROR;
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE,
                   "Could not save “%s”: %s", name,
                   copy != NULL ? sqlite3_errmsg (copy) : sqlite3_errstr (rc));
      sqlite3_close (copy);
      remove_database_files (temp_path);
      return FALSE;
    }
  sqlite3_close (copy);

  /* A write-ahead log left by a crashed session belongs to the file being
   * replaced: replayed onto the copy it would damage it. */
  {
    g_autofree char *wal = g_strconcat (target, "-wal", NULL);
    g_autofree char *shm = g_strconcat (target, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  if (g_rename (temp_path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE,
                   "Could not save “%s”: %s", name, g_strerror (saved_errno));
      remove_database_files (temp_path);
      return FALSE;
    }
  sync_directory (target);

  db = open_database (target, FALSE, error);
  if (db == NULL)
    return FALSE;

  /* Continue in the copy; the untitled file has served its purpose. */
  was_untitled = self->untitled;
  old_title = eb_project_dup_title (self);
  old_path = g_steal_pointer (&self->path);
  close_database (self->db);
  lock_release (self->lock);
  self->db = db;
  self->lock = g_steal_pointer (&lock);
  self->path = g_steal_pointer (&target);
  self->untitled = FALSE;
  if (was_untitled)
    remove_database_files (old_path);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  new_title = eb_project_dup_title (self);
  if (strcmp (old_title, new_title) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (was_untitled)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNTITLED]);
  mark_saved (self);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

gint64
eb_project_get_last_saved (EbProject *self)
{
  g_return_val_if_fail (EB_IS_PROJECT (self), 0);

  return self->last_saved;
}

gboolean
eb_project_store_survey (EbProject   *self,
                         EbSurvey    *survey,
                         GError     **error)
{
  const char *doing = "store the survey in";

  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (EB_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin (self, doing, error))
    return FALSE;
  if (!write_survey (self, survey, error))
    {
      rollback (self);
      return FALSE;
    }
  return commit (self, doing, error);
}

EbSurvey *
eb_project_load_survey (EbProject  *self,
                        GError    **error)
{
  const char *doing = "read the survey from";
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_open (self, error))
    return NULL;
  /* One read transaction: a consistent snapshot of columns and rows. */
  if (sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (self, EB_PROJECT_ERROR_OPEN, doing, error);
      return NULL;
    }
  survey = read_survey (self, &local_error);
  rollback (self);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&survey);
}

gboolean
eb_project_has_survey (EbProject *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);

  if (self->db == NULL ||
      sqlite3_prepare_v2 (self->db, "SELECT 1 FROM meta WHERE key = 'n_rows'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
eb_project_store_column (EbProject   *self,
                         EbSurvey    *survey,
                         guint        column,
                         GError     **error)
{
  const char *doing = "store the column settings in";

  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (EB_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (column < eb_survey_get_n_columns (survey), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin (self, doing, error))
    return FALSE;
  if (!write_column (self, survey, column, error))
    {
      rollback (self);
      return FALSE;
    }
  return commit (self, doing, error);
}

/* A NULL VALUE removes the setting. */
gboolean
eb_project_set_setting (EbProject   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  const char *doing = "save a setting in";
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin (self, doing, error))
    return FALSE;
  stmt = prepare (self,
                  value != NULL
                  ? "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                  : "DELETE FROM settings WHERE key = ?",
                  EB_PROJECT_ERROR_WRITE, doing, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (value != NULL)
        sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
    }
  if (stmt == NULL || !step_done (self, stmt, doing, error))
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      rollback (self);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return commit (self, doing, error);
}

/* NULL when the setting is absent (or the project is closed). */
char *
eb_project_get_setting (EbProject  *self,
                        const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->db == NULL ||
      sqlite3_prepare_v2 (self->db, "SELECT value FROM settings WHERE key = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
eb_project_log (EbProject   *self,
                const char  *action,
                const char  *target,
                const char  *detail,
                GError     **error)
{
  const char *doing = "record the change in the audit trail of";

  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin (self, doing, error))
    return FALSE;
  if (!insert_audit (self, action, target, detail, error))
    {
      rollback (self);
      return FALSE;
    }
  return commit (self, doing, error);
}

guint
eb_project_count_log (EbProject *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (self), 0);

  if (self->db == NULL ||
      sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM audit", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* The full check (every page, every index entry): for tests, and for a
 * "Check project" command; opening runs the quicker check. */
gboolean
eb_project_check_integrity (EbProject  *self,
                            GError    **error)
{
  g_autofree char *problem = NULL;
  g_autofree char *name = NULL;
  int rc;

  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_open (self, error))
    return FALSE;
  problem = run_check (self->db, "PRAGMA integrity_check", &rc);
  if (problem == NULL)
    return TRUE;
  name = display_name (self->path);
  if (rc == SQLITE_OK || is_corruption (rc))
    g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_CORRUPT,
                 "“%s” is damaged: the database check failed (%s)", name, problem);
  else
    g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                 "Could not check “%s”: %s", name, problem);
  return FALSE;
}

/* ---- eb-project-private.h ---------------------------------------------- */

sqlite3 *
eb_project_get_database (EbProject *self)
{
  g_return_val_if_fail (EB_IS_PROJECT (self), NULL);

  return self->db;
}

gboolean
eb_project_begin (EbProject   *self,
                  const char  *doing,
                  GError     **error)
{
  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (doing != NULL, FALSE);

  return begin (self, doing, error);
}

gboolean
eb_project_commit (EbProject   *self,
                   const char  *doing,
                   GError     **error)
{
  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (doing != NULL, FALSE);

  return commit (self, doing, error);
}

void
eb_project_rollback (EbProject *self)
{
  g_return_if_fail (EB_IS_PROJECT (self));

  if (self->db != NULL)
    rollback (self);
}

gboolean
eb_project_audit (EbProject   *self,
                  const char  *action,
                  const char  *target,
                  const char  *detail,
                  GError     **error)
{
  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  return insert_audit (self, action, target, detail, error);
}

void
eb_project_set_db_error (EbProject      *self,
                         EbProjectError  code,
                         const char     *doing,
                         GError        **error)
{
  g_return_if_fail (EB_IS_PROJECT (self));

  set_db_error (self, code, doing, error);
}

sqlite3_stmt *
eb_project_prepare (EbProject   *self,
                    const char  *sql,
                    const char  *doing,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (doing != NULL, NULL);

  if (self->db == NULL)
    {
      g_autofree char *title = eb_project_dup_title (self);

      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE,
                   "“%s” has been closed", title);
      return NULL;
    }
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, EB_PROJECT_ERROR_OPEN, doing, error);
      return NULL;
    }
  return stmt;
}

gboolean
eb_project_next_id (EbProject   *self,
                    const char  *table,
                    gint64      *id,
                    GError     **error)
{
  /* Completes "Could not … “x”": the id is for a change being saved. */
  static const char doing[] = "save the change to";
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  sql = g_strdup_printf ("SELECT coalesce(max(id), 0) + 1 FROM %s", table);
  stmt = eb_project_prepare (self, sql, doing, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_db_error (self, EB_PROJECT_ERROR_WRITE, doing, error);
      return FALSE;
    }
  *id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}
