/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-coding-store"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "eb-coding-store.h"
#include "eb-coding-private.h"
#include "eb-project-private.h"
#include "project-step.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The rows an undo step changes (see project-step.h). Foreign keys hold
 * at every change (SQLite checks them per statement): a step removes
 * codings before their theme and sub-themes before their parent, so
 * undoing it brings the parent back first. */
typedef enum {
  KIND_THEME,    /* EbThemeRow */
  KIND_CODING,   /* EbCoding */
  KIND_MEMO,     /* EbMemo */
  KIND_NODE,     /* NodeRow: the theme of a diagram node */
} Kind;

typedef struct
{
  gint64 id;
  gint64 theme_id;   /* 0: none */
} NodeRow;

enum {
  SQL_INSERT_THEME,
  SQL_UPDATE_THEME,
  SQL_DELETE_THEME,
  SQL_INSERT_CODING,
  SQL_UPDATE_CODING,
  SQL_DELETE_CODING,
  SQL_INSERT_MEMO,
  SQL_UPDATE_MEMO,
  SQL_DELETE_MEMO,
  SQL_UPDATE_NODE,
  N_SQL
};

/* Inserts and updates bind the same numbered parameters, so one function
 * binds a row for either. */
static const char * const sql_text[N_SQL] = {
  [SQL_INSERT_THEME] =
    "INSERT INTO themes (id, parent_id, name, color, description, level, position, codable) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [SQL_UPDATE_THEME] =
    "UPDATE themes SET parent_id = ?2, name = ?3, color = ?4, description = ?5, level = ?6, "
    "position = ?7, codable = ?8 WHERE id = ?1",
  [SQL_DELETE_THEME] = "DELETE FROM themes WHERE id = ?1",
  [SQL_INSERT_CODING] =
    "INSERT INTO codings (id, theme_id, row, \"column\", start, \"end\", coder, created, "
    "answer_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  [SQL_UPDATE_CODING] =
    "UPDATE codings SET theme_id = ?2, row = ?3, \"column\" = ?4, start = ?5, \"end\" = ?6, "
    "coder = ?7, created = ?8, answer_hash = ?9 WHERE id = ?1",
  [SQL_DELETE_CODING] = "DELETE FROM codings WHERE id = ?1",
  [SQL_INSERT_MEMO] =
    "INSERT INTO memos (id, target_kind, target_id, target_column, author, created, modified, "
    "body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [SQL_UPDATE_MEMO] =
    "UPDATE memos SET target_kind = ?2, target_id = ?3, target_column = ?4, author = ?5, "
    "created = ?6, modified = ?7, body = ?8 WHERE id = ?1",
  [SQL_DELETE_MEMO] = "DELETE FROM memos WHERE id = ?1",
  [SQL_UPDATE_NODE] = "UPDATE diagram_nodes SET theme_id = ?2 WHERE id = ?1",
};

#define MEMO_COLUMNS "id, target_kind, target_id, target_column, author, created, modified, body"

struct _EbCodingStore
{
  GObject       parent_instance;

  EbProject    *project;
  EbSurvey     *survey;
  EbCodebook   *codebook;
  EbQuoteList  *quotes;
  EbUndoStack  *undo_stack;
  char         *coder;

  GHashTable   *codings;    /* gint64 * id → EbCoding */
  GHashTable   *by_theme;   /* gint64 * theme id → GPtrArray of EbCoding, by id */
};

G_DEFINE_FINAL_TYPE (EbCodingStore, eb_coding_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_SURVEY,
  PROP_UNDO_STACK,
  PROP_CODEBOOK,
  PROP_QUOTES,
  PROP_CODER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CODINGS_CHANGED,
  MEMOS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Small helpers ---- */

static gint64 *
new_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static char *
default_coder (void)
{
  const char *name = g_get_real_name ();

  /* GLib answers "Unknown" when the account has no full name. */
  if (name == NULL || *name == '\0' || strcmp (name, "Unknown") == 0)
    name = g_get_user_name ();
  return g_strdup (name);
}

static void
free_row (guint    kind,
          gpointer row)
{
  switch (kind)
    {
    case KIND_THEME:
      eb_theme_row_free (row);
      break;
    case KIND_CODING:
      eb_coding_unref (row);
      break;
    case KIND_MEMO:
      eb_memo_unref (row);
      break;
    case KIND_NODE:
      g_free (row);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ---- Writing ---- */

static gboolean
write_theme (EbProjectWriter   *writer,
             const EbThemeRow  *from,
             const EbThemeRow  *to,
             GError           **error)
{
  const EbThemeRow *row = to != NULL ? to : from;
  sqlite3_stmt *stmt;

  stmt = eb_project_writer_get (writer,
                                from == NULL ? SQL_INSERT_THEME
                                : to == NULL ? SQL_DELETE_THEME : SQL_UPDATE_THEME, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (to != NULL)
    {
      eb_project_writer_bind_id (stmt, 2, row->parent_id);
      sqlite3_bind_text (stmt, 3, row->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, row->color, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, row->description != NULL ? row->description : "", -1,
                         SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, (int) row->level);
      sqlite3_bind_int64 (stmt, 7, row->position);
      sqlite3_bind_int (stmt, 8, row->codable ? 1 : 0);
    }
  return eb_project_writer_run (writer, stmt, TRUE, "theme", row->id, error);
}

static gboolean
write_coding (EbProjectWriter  *writer,
              const EbCoding   *from,
              const EbCoding   *to,
              GError          **error)
{
  const EbCoding *row = to != NULL ? to : from;
  sqlite3_stmt *stmt;

  stmt = eb_project_writer_get (writer,
                                from == NULL ? SQL_INSERT_CODING
                                : to == NULL ? SQL_DELETE_CODING : SQL_UPDATE_CODING, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (to != NULL)
    {
      sqlite3_bind_int64 (stmt, 2, row->theme_id);
      sqlite3_bind_int64 (stmt, 3, row->row);
      sqlite3_bind_int64 (stmt, 4, row->column);
      sqlite3_bind_int (stmt, 5, row->start);
      if (row->end >= 0)
        sqlite3_bind_int (stmt, 6, row->end);
      sqlite3_bind_text (stmt, 7, row->coder, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, row->created, -1, SQLITE_STATIC);
      /* SQLite integers are signed: the hash is stored as its bit pattern. */
      if (row->has_hash)
        sqlite3_bind_int64 (stmt, 9, (sqlite3_int64) row->answer_hash);
    }
  return eb_project_writer_run (writer, stmt, TRUE, "coding", row->id, error);
}

static gboolean
write_memo (EbProjectWriter  *writer,
            const EbMemo     *from,
            const EbMemo     *to,
            GError          **error)
{
  const EbMemo *row = to != NULL ? to : from;
  sqlite3_stmt *stmt;

  stmt = eb_project_writer_get (writer,
                                from == NULL ? SQL_INSERT_MEMO
                                : to == NULL ? SQL_DELETE_MEMO : SQL_UPDATE_MEMO, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (to != NULL)
    {
      sqlite3_bind_text (stmt, 2, eb_memo_target_to_string (row->target), -1, SQLITE_STATIC);
      if (row->target != EB_MEMO_TARGET_PROJECT)
        sqlite3_bind_int64 (stmt, 3, row->target_id);
      if (row->target_column >= 0)
        sqlite3_bind_int (stmt, 4, row->target_column);
      sqlite3_bind_text (stmt, 5, row->author, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, row->created, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, row->modified, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, row->body, -1, SQLITE_STATIC);
    }
  return eb_project_writer_run (writer, stmt, TRUE, "memo", row->id, error);
}

static gboolean
write_node (EbProjectWriter  *writer,
            const NodeRow    *to,
            GError          **error)
{
  sqlite3_stmt *stmt = eb_project_writer_get (writer, SQL_UPDATE_NODE, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, to->id);
  eb_project_writer_bind_id (stmt, 2, to->theme_id);
  /* The diagram may have dropped the node meanwhile: nothing to restore. */
  return eb_project_writer_run (writer, stmt, FALSE, "diagram node", to->id, error);
}

static gboolean
write_change (EbProjectWriter  *writer,
              guint             kind,
              gpointer          from,
              gpointer          to,
              GError          **error)
{
  switch (kind)
    {
    case KIND_THEME:
      return write_theme (writer, from, to, error);
    case KIND_CODING:
      return write_coding (writer, from, to, error);
    case KIND_MEMO:
      return write_memo (writer, from, to, error);
    case KIND_NODE:
      return write_node (writer, to, error);
    default:
      g_assert_not_reached ();
    }
}

/* ---- The models in memory ---- */

static gboolean
span_fits (const EbCoding *coding,
           const char     *text)
{
  glong length;

  if (coding->start == 0 && coding->end < 0)
    return TRUE;
  length = g_utf8_strlen (text, -1);
  if (coding->end < 0)
    return coding->start < length;
  return coding->start >= 0 && coding->start < coding->end && coding->end <= length;
}

/* The index in ARRAY (by id) where ID is or would go. */
static guint
find_by_id (GPtrArray *array,
            gint64     id)
{
  guint low = 0, high = array->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (eb_coding_get_id (g_ptr_array_index (array, middle)) < id)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static GPtrArray *
theme_codings (EbCodingStore *self,
               gint64         theme_id)
{
  return g_hash_table_lookup (self->by_theme, &theme_id);
}

static void
attach (EbCodingStore *self,
        EbCoding      *coding)
{
  GPtrArray *array = theme_codings (self, coding->theme_id);
  int index;

  g_hash_table_insert (self->codings, new_key (coding->id), eb_coding_ref (coding));
  if (array == NULL)
    {
      array = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_coding_unref);
      g_hash_table_insert (self->by_theme, new_key (coding->theme_id), array);
    }
  g_ptr_array_insert (array, (int) find_by_id (array, coding->id), eb_coding_ref (coding));

  /* A coding that does not fit its answer stays off the quotes (see
   * eb_coding_store_find_invalid_codings). */
  index = eb_quote_list_find (self->quotes, coding->row, coding->column);
  if (index >= 0)
    {
      EbQuote *quote = eb_quote_list_get_quote (self->quotes, (guint) index);

      if (span_fits (coding, eb_quote_get_text (quote)))
        {
          eb_quote_add_coding (quote, coding);
          eb_quote_list_mark_changed (self->quotes, (guint) index);
        }
    }
}

static void
detach (EbCodingStore *self,
        gint64         id)
{
  EbCoding *coding = g_hash_table_lookup (self->codings, &id);
  GPtrArray *array;
  int index;

  if (coding == NULL)
    return;
  array = theme_codings (self, coding->theme_id);
  if (array != NULL)
    {
      guint i = find_by_id (array, id);

      if (i < array->len && eb_coding_get_id (g_ptr_array_index (array, i)) == id)
        g_ptr_array_remove_index (array, i);
      if (array->len == 0)
        g_hash_table_remove (self->by_theme, &coding->theme_id);
    }
  index = eb_quote_list_find (self->quotes, coding->row, coding->column);
  if (index >= 0 && eb_quote_remove_coding (eb_quote_list_get_quote (self->quotes, (guint) index), id))
    eb_quote_list_mark_changed (self->quotes, (guint) index);
  g_hash_table_remove (self->codings, &id);
}

/* A theme's name or colour shows on the chips of its quotes. */
static void
mark_theme_quotes (EbCodingStore *self,
                   gint64         theme_id)
{
  GPtrArray *array = theme_codings (self, theme_id);

  for (guint i = 0; array != NULL && i < array->len; i++)
    {
      EbCoding *coding = g_ptr_array_index (array, i);
      int index = eb_quote_list_find (self->quotes, coding->row, coding->column);

      if (index >= 0)
        eb_quote_list_mark_changed (self->quotes, (guint) index);
    }
}

static void
apply_in_memory (gpointer        owner,
                 EbProjectStep  *step,
                 gboolean        forward)
{
  EbCodingStore *self = owner;
  gboolean codings_changed = FALSE, memos_changed = FALSE;
  guint n = eb_project_step_get_n_changes (step);

  eb_codebook_begin_changes (self->codebook);
  for (guint i = 0; i < n; i++)
    {
      gpointer from, to;

      switch (eb_project_step_get_change (step, i, forward, &from, &to))
        {
        case KIND_THEME:
          eb_codebook_apply_row (self->codebook, from, to);
          if (from != NULL && to != NULL &&
              (g_strcmp0 (((EbThemeRow *) from)->name, ((EbThemeRow *) to)->name) != 0 ||
               g_strcmp0 (((EbThemeRow *) from)->color, ((EbThemeRow *) to)->color) != 0))
            {
              mark_theme_quotes (self, ((EbThemeRow *) to)->id);
              codings_changed = TRUE;
            }
          break;

        case KIND_CODING:
          if (from != NULL)
            detach (self, ((EbCoding *) from)->id);
          if (to != NULL)
            attach (self, to);
          codings_changed = TRUE;
          break;

        case KIND_MEMO:
          memos_changed = TRUE;
          break;

        case KIND_NODE:
          break;

        default:
          g_assert_not_reached ();
        }
    }
  eb_codebook_end_changes (self->codebook);
  eb_quote_list_flush (self->quotes);
  if (codings_changed)
    g_signal_emit (self, signals[CODINGS_CHANGED], 0);
  if (memos_changed)
    g_signal_emit (self, signals[MEMOS_CHANGED], 0);
}

/* ---- Steps ---- */

static EbProject *
get_project (gpointer owner)
{
  return EB_CODING_STORE (owner)->project;
}

static const char *
get_coder (gpointer owner)
{
  return EB_CODING_STORE (owner)->coder;
}

static const EbProjectStepClass step_class = {
  .sql = sql_text,
  .n_sql = N_SQL,
  .error_quark = eb_coding_error_quark,
  .conflict_code = EB_CODING_ERROR_CONFLICT,
  .closed_code = EB_CODING_ERROR_CLOSED,
  .closed_message = "The coding of this project has been closed",
  .get_project = get_project,
  .get_coder = get_coder,
  .write_change = write_change,
  .apply = apply_in_memory,
  .free_row = free_row,
};

/* ---- Reading ---- */

static EbMemo *
memo_from_stmt (sqlite3_stmt *stmt)
{
  EbMemoTarget target = EB_MEMO_TARGET_PROJECT;
  const char *kind = eb_project_column_text (stmt, 1);

  if (kind == NULL || !eb_memo_target_from_string (kind, &target))
    return NULL;
  return eb_memo_new (sqlite3_column_int64 (stmt, 0), target,
                      sqlite3_column_int64 (stmt, 2),
                      sqlite3_column_type (stmt, 3) == SQLITE_NULL
                      ? -1 : sqlite3_column_int (stmt, 3),
                      eb_project_column_text (stmt, 4), eb_project_column_text (stmt, 5),
                      eb_project_column_text (stmt, 6), eb_project_column_text (stmt, 7));
}

/* Runs a memo query with ID bound to ?1, appending to MEMOS. */
static gboolean
read_memos (EbCodingStore  *self,
            const char     *where,
            gint64          id,
            GPtrArray      *memos,
            GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " MEMO_COLUMNS " FROM memos WHERE %s "
                                          "ORDER BY id", where);
  g_autoptr(sqlite3_stmt) stmt = eb_project_prepare (self->project, sql, "read the memos of",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EbMemo *memo = memo_from_stmt (stmt);

      if (memo != NULL)
        g_ptr_array_add (memos, memo);
    }
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (self->project, EB_PROJECT_ERROR_OPEN, "read the memos of", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_themes (EbCodingStore  *self,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = eb_project_prepare (self->project,
                             "SELECT id, parent_id, name, color, description, level, position, "
                             "codable FROM themes ORDER BY id", "read the codebook from", error);
  if (stmt == NULL)
    return FALSE;
  eb_codebook_begin_changes (self->codebook);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EbThemeRow row = { 0 };
      int level = sqlite3_column_int (stmt, 5);

      row.id = sqlite3_column_int64 (stmt, 0);
      row.parent_id = sqlite3_column_int64 (stmt, 1);
      row.name = (char *) eb_project_column_text (stmt, 2);
      row.color = (char *) eb_project_column_text (stmt, 3);
      row.description = (char *) eb_project_column_text (stmt, 4);
      row.level = level >= EB_THEME_LEVEL_NONE && level <= EB_THEME_LEVEL_SELECTIVE
                  ? (EbThemeLevel) level : EB_THEME_LEVEL_NONE;
      row.position = (guint) CLAMP (sqlite3_column_int64 (stmt, 6), 0, G_MAXUINT);
      row.codable = sqlite3_column_int (stmt, 7) != 0;
      if (row.name == NULL)
        row.name = (char *) "";
      eb_codebook_apply_row (self->codebook, NULL, &row);
    }
  eb_codebook_end_changes (self->codebook);
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (self->project, EB_PROJECT_ERROR_OPEN, "read the codebook from",
                               error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_codings (EbCodingStore  *self,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = eb_project_prepare (self->project,
                             "SELECT id, theme_id, row, \"column\", start, \"end\", coder, "
                             "created, answer_hash FROM codings ORDER BY id",
                             "read the codings from", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 2);
      gint64 column = sqlite3_column_int64 (stmt, 3);
      g_autoptr(EbCoding) coding = NULL;

      /* Out of range here is out of range of any survey: such a coding is
       * kept, and reported by find_invalid_codings. */
      coding = eb_coding_new (sqlite3_column_int64 (stmt, 0),
                              sqlite3_column_int64 (stmt, 1),
                              (guint) CLAMP (row, 0, G_MAXUINT),
                              (guint) CLAMP (column, 0, G_MAXUINT),
                              sqlite3_column_int (stmt, 4),
                              sqlite3_column_type (stmt, 5) == SQLITE_NULL
                              ? -1 : sqlite3_column_int (stmt, 5),
                              eb_project_column_text (stmt, 6), eb_project_column_text (stmt, 7),
                              sqlite3_column_type (stmt, 8) != SQLITE_NULL,
                              (guint64) sqlite3_column_int64 (stmt, 8));
      attach (self, coding);
    }
  /* Nobody listens yet; this only empties the list of changed quotes. */
  eb_quote_list_flush (self->quotes);
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (self->project, EB_PROJECT_ERROR_OPEN, "read the codings from",
                               error);
      return FALSE;
    }
  return TRUE;
}

/* ---- Checks for the actions ---- */

static EbTheme *
require_theme (EbCodingStore  *self,
               gint64          id,
               GError        **error)
{
  EbTheme *theme = eb_codebook_get_theme (self->codebook, id);

  if (theme == NULL)
    g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME,
                 "There is no theme with id %" G_GINT64_FORMAT, id);
  return theme;
}

static EbTheme *
require_parent (EbCodingStore  *self,
                gint64          parent_id,
                gboolean       *ok,
                GError        **error)
{
  *ok = TRUE;
  if (parent_id == 0)
    return NULL;
  if (eb_codebook_get_theme (self->codebook, parent_id) == NULL)
    {
      *ok = FALSE;
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME,
                   "There is no theme with id %" G_GINT64_FORMAT " to put the theme under",
                   parent_id);
      return NULL;
    }
  return eb_codebook_get_theme (self->codebook, parent_id);
}

/* The name to store: trimmed, not empty, on one line, and unique. */
static char *
check_name (EbCodingStore  *self,
            const char     *name,
            gint64          except_id,
            GError        **error)
{
  g_autofree char *trimmed = NULL;
  EbTheme *other;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_NAME,
                           "A theme name must be text");
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_NAME,
                           "A theme needs a name");
      return NULL;
    }
  if (strpbrk (trimmed, "\r\n\t") != NULL)
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_NAME,
                   "The theme name “%s” must fit on one line", trimmed);
      return NULL;
    }
  other = eb_codebook_find_theme (self->codebook, trimmed);
  if (other != NULL && eb_theme_get_id (other) != except_id)
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_DUPLICATE_NAME,
                   "There is already a theme named “%s”", eb_theme_get_name (other));
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

/* "#rrggbb" in lower case, or NULL for none (NULL or ""). */
static gboolean
check_color (const char  *color,
             char       **normal,
             GError     **error)
{
  *normal = NULL;
  if (color == NULL || *color == '\0')
    return TRUE;
  if (strlen (color) != 7 || color[0] != '#')
    goto invalid;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      goto invalid;
  *normal = g_ascii_strdown (color, -1);
  return TRUE;

invalid:
  g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_COLOR,
               "“%s” is not a colour: expected # and six hexadecimal digits, as in #1b9e77",
               color);
  return FALSE;
}

static char *
describe_answer (EbCodingStore *self,
                 EbQuote       *quote)
{
  return g_strdup_printf ("respondent %s, “%s”", eb_quote_get_respondent (quote),
                          eb_quote_get_column_name (quote));
}

static char *
whole_answer (EbCodingStore *self,
              EbQuote       *quote)
{
  g_autofree char *where = describe_answer (self, quote);

  return g_strdup_printf ("%s, whole answer", where);
}

/* For the audit trail: where a coding is, even when its answer is gone. */
static char *
describe_coding (EbCodingStore  *self,
                 const EbCoding *coding)
{
  int index = eb_quote_list_find (self->quotes, coding->row, coding->column);
  g_autofree char *where = NULL;

  if (index >= 0)
    where = describe_answer (self, eb_quote_list_get_quote (self->quotes, (guint) index));
  else
    where = g_strdup_printf ("row %u, column %u", coding->row + 1, coding->column + 1);
  if (coding->start == 0 && coding->end < 0)
    return g_strdup_printf ("%s, whole answer", where);
  return g_strdup_printf ("%s, characters %d–%d", where, coding->start, coding->end);
}

static EbQuote *
require_quote (EbCodingStore  *self,
               guint           row,
               guint           column,
               GError        **error)
{
  int index = eb_quote_list_find (self->quotes, row, column);

  if (index >= 0)
    return eb_quote_list_get_quote (self->quotes, (guint) index);
  if (column >= eb_survey_get_n_columns (self->survey))
    g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
                 "The survey has no column %u", column + 1);
  else if (row >= eb_survey_get_n_rows (self->survey))
    g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
                 "The survey has no row %u", row + 1);
  else if (eb_survey_get_column_role (self->survey, column) != EB_COLUMN_ROLE_TEXT)
    g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
                 "Column %u (“%s”) is not an open-text question", column + 1,
                 eb_survey_get_column_name (self->survey, column));
  else
    g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
                 "Row %u has no answer to “%s”", row + 1,
                 eb_survey_get_column_name (self->survey, column));
  return NULL;
}

static EbTheme *
require_codable (EbCodingStore  *self,
                 gint64          theme_id,
                 GError        **error)
{
  EbTheme *theme = require_theme (self, theme_id, error);

  if (theme != NULL && !eb_theme_get_codable (theme))
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NOT_CODABLE,
                   "“%s” is a group of themes: tag one of its sub-themes instead",
                   eb_theme_get_name (theme));
      return NULL;
    }
  return theme;
}

/* This coder's coding of THEME_ID on the whole of QUOTE, if any. */
static EbCoding *
find_whole (EbCodingStore *self,
            EbQuote       *quote,
            gint64         theme_id)
{
  for (guint i = 0; i < eb_quote_get_n_codings (quote); i++)
    {
      EbCoding *coding = eb_quote_get_coding (quote, i);

      if (coding->theme_id == theme_id && eb_coding_is_whole (coding) &&
          g_strcmp0 (coding->coder, self->coder) == 0)
        return coding;
    }
  return NULL;
}

static EbCoding *
make_coding (EbCodingStore *self,
             gint64         id,
             gint64         theme_id,
             EbQuote       *quote,
             int            start,
             int            end)
{
  g_autofree char *created = now_iso8601 ();

  return eb_coding_new (id, theme_id, eb_quote_get_row (quote), eb_quote_get_column (quote),
                        start, end, self->coder, created, TRUE,
                        eb_answer_hash (eb_quote_get_text (quote)));
}

static EbQuote *
require_quote_index (EbCodingStore  *self,
                     guint           index,
                     GError        **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->quotes));

  if (index < n)
    return eb_quote_list_get_quote (self->quotes, index);
  g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
               "There is no quote %u (the project has %u)", index + 1, n);
  return NULL;
}

/* Removes CODING and the memos on it. */
static gboolean
add_untag (EbCodingStore  *self,
           EbProjectStep  *step,
           EbCoding       *coding,
           GError        **error)
{
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_memo_unref);

  if (!read_memos (self, "target_kind = 'coding' AND target_id = ?1", coding->id, memos, error))
    return FALSE;
  for (guint i = 0; i < memos->len; i++)
    eb_project_step_add (step, KIND_MEMO, eb_memo_ref (g_ptr_array_index (memos, i)), NULL);
  eb_project_step_add (step, KIND_CODING, eb_coding_ref (coding), NULL);
  return TRUE;
}

static GPtrArray *
children_of (EbCodingStore *self,
             gint64         parent_id)
{
  GListModel *model = parent_id == 0
                      ? G_LIST_MODEL (self->codebook)
                      : eb_theme_get_children (eb_codebook_get_theme (self->codebook, parent_id));
  guint n = g_list_model_get_n_items (model);
  GPtrArray *children = g_ptr_array_new_full (n + 1, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (children, g_list_model_get_item (model, i));
  return children;
}

/* Records the updates that make ORDER the children of PARENT_ID, in that
 * order. Each theme appears in one ORDER per step, so its before row is
 * what the project holds. */
static void
add_order (EbProjectStep  *step,
           gint64          parent_id,
           GPtrArray      *order)
{
  for (guint i = 0; i < order->len; i++)
    {
      EbTheme *theme = g_ptr_array_index (order, i);
      EbThemeRow *after;

      if (eb_theme_get_parent_id (theme) == parent_id && eb_theme_get_position (theme) == i)
        continue;
      after = eb_theme_dup_row (theme);
      after->parent_id = parent_id;
      after->position = i;
      eb_project_step_add (step, KIND_THEME, eb_theme_dup_row (theme), after);
    }
}

static gboolean
add_node_retarget (EbCodingStore  *self,
                   EbProjectStep  *step,
                   gint64          theme_id,
                   gint64          new_theme_id,
                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = eb_project_prepare (self->project,
                             "SELECT id FROM diagram_nodes WHERE theme_id = ?1 ORDER BY id",
                             "read the diagram of", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, theme_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NodeRow *before = g_new (NodeRow, 1);
      NodeRow *after = g_new (NodeRow, 1);

      before->id = after->id = sqlite3_column_int64 (stmt, 0);
      before->theme_id = theme_id;
      after->theme_id = new_theme_id;
      eb_project_step_add (step, KIND_NODE, before, after);
    }
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (self->project, EB_PROJECT_ERROR_OPEN, "read the diagram of", error);
      return FALSE;
    }
  return TRUE;
}

/* One theme of a deletion: the memos on its codings, its codings, its
 * memos, its diagram nodes' link to it, and itself. */
static gboolean
add_delete_theme (EbCodingStore  *self,
                  EbProjectStep  *step,
                  EbTheme        *theme,
                  guint          *n_codings,
                  GError        **error)
{
  gint64 id = eb_theme_get_id (theme);
  GPtrArray *codings = theme_codings (self, id);
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_memo_unref);

  if (!read_memos (self, "target_kind = 'coding' AND target_id IN "
                   "(SELECT id FROM codings WHERE theme_id = ?1)", id, memos, error))
    return FALSE;
  for (guint i = 0; i < memos->len; i++)
    eb_project_step_add (step, KIND_MEMO, eb_memo_ref (g_ptr_array_index (memos, i)), NULL);
  g_ptr_array_set_size (memos, 0);

  for (guint i = 0; codings != NULL && i < codings->len; i++)
    eb_project_step_add (step, KIND_CODING, eb_coding_ref (g_ptr_array_index (codings, i)), NULL);
  *n_codings += codings != NULL ? codings->len : 0;

  if (!read_memos (self, "target_kind = 'theme' AND target_id = ?1", id, memos, error))
    return FALSE;
  for (guint i = 0; i < memos->len; i++)
    eb_project_step_add (step, KIND_MEMO, eb_memo_ref (g_ptr_array_index (memos, i)), NULL);

  if (!add_node_retarget (self, step, id, 0, error))
    return FALSE;
  eb_project_step_add (step, KIND_THEME, eb_theme_dup_row (theme), NULL);
  return TRUE;
}

/* Children before their parent, so that each theme goes after all that
 * refers to it. */
static gboolean
add_delete_subtree (EbCodingStore  *self,
                    EbProjectStep  *step,
                    EbTheme        *theme,
                    guint          *n_themes,
                    guint          *n_codings,
                    GError        **error)
{
  GListModel *children = eb_theme_get_children (theme);

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(EbTheme) child = g_list_model_get_item (children, i);

      if (!add_delete_subtree (self, step, child, n_themes, n_codings, error))
        return FALSE;
    }
  (*n_themes)++;
  return add_delete_theme (self, step, theme, n_codings, error);
}

/* A theme changed in one property. */
static gboolean
update_theme (EbCodingStore  *self,
              EbTheme        *theme,
              EbThemeRow     *after_in,
              const char     *action,
              char           *detail,
              char           *label,
              GError        **error)
{
  g_autoptr(EbThemeRow) after = after_in;
  g_autoptr(EbThemeRow) before = eb_theme_dup_row (theme);
  EbProjectStep *step;

  if (eb_theme_row_equal (before, after))
    {
      g_free (detail);
      g_free (label);
      return TRUE;
    }
  step = eb_project_step_new (&step_class, self, action, eb_theme_get_name (theme), detail, label);
  eb_project_step_add (step, KIND_THEME, g_steal_pointer (&before), g_steal_pointer (&after));
  return eb_project_step_perform (step, self->undo_stack, error);
}

/* ---- GObject ---- */

static void
eb_coding_store_constructed (GObject *object)
{
  EbCodingStore *self = EB_CODING_STORE (object);

  G_OBJECT_CLASS (eb_coding_store_parent_class)->constructed (object);

  self->codebook = eb_codebook_new ();
  self->quotes = eb_quote_list_new (self->survey, self->codebook);
  if (self->undo_stack == NULL)
    self->undo_stack = eb_undo_stack_new ();
  if (self->coder == NULL)
    self->coder = default_coder ();
}

static void
eb_coding_store_dispose (GObject *object)
{
  EbCodingStore *self = EB_CODING_STORE (object);

  g_clear_object (&self->quotes);
  g_clear_object (&self->codebook);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->survey);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (eb_coding_store_parent_class)->dispose (object);
}

static void
eb_coding_store_finalize (GObject *object)
{
  EbCodingStore *self = EB_CODING_STORE (object);

  g_clear_pointer (&self->codings, g_hash_table_unref);
  g_clear_pointer (&self->by_theme, g_hash_table_unref);
  g_clear_pointer (&self->coder, g_free);

  G_OBJECT_CLASS (eb_coding_store_parent_class)->finalize (object);
}

static void
eb_coding_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbCodingStore *self = EB_CODING_STORE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_SURVEY:
      g_value_set_object (value, self->survey);
      break;

    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;

    case PROP_CODEBOOK:
      g_value_set_object (value, self->codebook);
      break;

    case PROP_QUOTES:
      g_value_set_object (value, self->quotes);
      break;

    case PROP_CODER:
      g_value_set_string (value, self->coder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_coding_store_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EbCodingStore *self = EB_CODING_STORE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      self->project = g_value_dup_object (value);
      break;

    case PROP_SURVEY:
      self->survey = g_value_dup_object (value);
      break;

    case PROP_UNDO_STACK:
      self->undo_stack = g_value_dup_object (value);
      break;

    case PROP_CODER:
      eb_coding_store_set_coder (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_coding_store_class_init (EbCodingStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = eb_coding_store_constructed;
  object_class->dispose = eb_coding_store_dispose;
  object_class->finalize = eb_coding_store_finalize;
  object_class->get_property = eb_coding_store_get_property;
  object_class->set_property = eb_coding_store_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, EB_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SURVEY] =
    g_param_spec_object ("survey", NULL, NULL, EB_TYPE_SURVEY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, EB_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODEBOOK] =
    g_param_spec_object ("codebook", NULL, NULL, EB_TYPE_CODEBOOK,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUOTES] =
    g_param_spec_object ("quotes", NULL, NULL, EB_TYPE_QUOTE_LIST,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODER] =
    g_param_spec_string ("coder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every change to codings (and to the names and colours their
   * chips show), once the quotes are up to date: for counts. */
  signals[CODINGS_CHANGED] =
    g_signal_new ("codings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MEMOS_CHANGED] =
    g_signal_new ("memos-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
eb_coding_store_init (EbCodingStore *self)
{
  self->codings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) eb_coding_unref);
  self->by_theme = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
}

/* ---- Public API ---- */

EbCodingStore *
eb_coding_store_new (EbProject    *project,
                     EbSurvey     *survey,
                     EbUndoStack  *undo_stack,
                     GError      **error)
{
  g_autoptr(EbCodingStore) self = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (EB_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (undo_stack == NULL || EB_IS_UNDO_STACK (undo_stack), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EB_TYPE_CODING_STORE,
                       "project", project,
                       "survey", survey,
                       "undo-stack", undo_stack,
                       NULL);
  if (!load_themes (self, error) || !load_codings (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

EbProject *
eb_coding_store_get_project (EbCodingStore *self)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);

  return self->project;
}

EbSurvey *
eb_coding_store_get_survey (EbCodingStore *self)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);

  return self->survey;
}

EbCodebook *
eb_coding_store_get_codebook (EbCodingStore *self)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);

  return self->codebook;
}

EbQuoteList *
eb_coding_store_get_quotes (EbCodingStore *self)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);

  return self->quotes;
}

EbUndoStack *
eb_coding_store_get_undo_stack (EbCodingStore *self)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);

  return self->undo_stack;
}

const char *
eb_coding_store_get_coder (EbCodingStore *self)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);

  return self->coder;
}

/* NULL or blank restores the default. */
void
eb_coding_store_set_coder (EbCodingStore *self,
                           const char    *coder)
{
  g_autofree char *value = NULL;

  g_return_if_fail (EB_IS_CODING_STORE (self));

  value = coder != NULL ? g_strstrip (g_strdup (coder)) : NULL;
  if (value == NULL || *value == '\0')
    {
      g_free (value);
      value = default_coder ();
    }
  if (g_strcmp0 (value, self->coder) == 0)
    return;
  g_free (self->coder);
  self->coder = g_steal_pointer (&value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODER]);
}

gboolean
eb_coding_store_create_theme (EbCodingStore  *self,
                              gint64          parent_id,
                              const char     *name,
                              const char     *color,
                              const char     *description,
                              EbThemeLevel    level,
                              gboolean        codable,
                              gint64         *id,
                              GError        **error)
{
  g_autofree char *checked_name = NULL;
  g_autofree char *checked_color = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  EbThemeRow *row;
  EbTheme *parent;
  gboolean parent_ok;
  gint64 new_id;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (level <= EB_THEME_LEVEL_SELECTIVE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parent = require_parent (self, parent_id, &parent_ok, error);
  if (!parent_ok ||
      (checked_name = check_name (self, name, 0, error)) == NULL ||
      !check_color (color, &checked_color, error) ||
      !eb_project_next_id (self->project, "themes", &new_id, error))
    return FALSE;

  siblings = children_of (self, parent_id);
  row = eb_theme_row_new ();
  row->id = new_id;
  row->parent_id = parent_id;
  row->name = g_strdup (checked_name);
  row->color = g_steal_pointer (&checked_color);
  g_free (row->description);
  row->description = g_strdup (description != NULL ? description : "");
  row->level = level;
  row->position = siblings->len;
  row->codable = codable;

  step = eb_project_step_new (&step_class, self, "create theme", checked_name,
                              parent != NULL
                              ? g_strdup_printf ("under “%s”", eb_theme_get_name (parent))
                              : NULL,
                              g_strdup_printf ("Create Theme “%s”", checked_name));
  eb_project_step_add (step, KIND_THEME, NULL, row);
  if (!eb_project_step_perform (step, self->undo_stack, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

gboolean
eb_coding_store_rename_theme (EbCodingStore  *self,
                              gint64          id,
                              const char     *name,
                              GError        **error)
{
  g_autofree char *checked = NULL;
  EbThemeRow *after;
  EbTheme *theme;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((theme = require_theme (self, id, error)) == NULL ||
      (checked = check_name (self, name, id, error)) == NULL)
    return FALSE;
  after = eb_theme_dup_row (theme);
  g_free (after->name);
  after->name = g_strdup (checked);
  return update_theme (self, theme, after, "rename theme",
                       g_strdup_printf ("to “%s”", checked),
                       g_strdup_printf ("Rename “%s”", eb_theme_get_name (theme)), error);
}

gboolean
eb_coding_store_set_theme_color (EbCodingStore  *self,
                                 gint64          id,
                                 const char     *color,
                                 GError        **error)
{
  g_autofree char *checked = NULL;
  EbThemeRow *after;
  EbTheme *theme;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((theme = require_theme (self, id, error)) == NULL ||
      !check_color (color, &checked, error))
    return FALSE;
  after = eb_theme_dup_row (theme);
  g_free (after->color);
  after->color = g_strdup (checked);
  return update_theme (self, theme, after, "recolour theme",
                       g_strdup (checked != NULL ? checked : "no colour"),
                       g_strdup_printf ("Recolour “%s”", eb_theme_get_name (theme)), error);
}

gboolean
eb_coding_store_set_theme_description (EbCodingStore  *self,
                                       gint64          id,
                                       const char     *description,
                                       GError        **error)
{
  EbThemeRow *after;
  EbTheme *theme;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((theme = require_theme (self, id, error)) == NULL)
    return FALSE;
  after = eb_theme_dup_row (theme);
  g_free (after->description);
  after->description = g_strdup (description != NULL ? description : "");
  return update_theme (self, theme, after, "describe theme", NULL,
                       g_strdup_printf ("Describe “%s”", eb_theme_get_name (theme)), error);
}

gboolean
eb_coding_store_set_theme_level (EbCodingStore  *self,
                                 gint64          id,
                                 EbThemeLevel    level,
                                 GError        **error)
{
  EbThemeRow *after;
  EbTheme *theme;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (level <= EB_THEME_LEVEL_SELECTIVE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((theme = require_theme (self, id, error)) == NULL)
    return FALSE;
  after = eb_theme_dup_row (theme);
  after->level = level;
  return update_theme (self, theme, after, "set theme level",
                       g_strdup (eb_theme_level_to_string (level)),
                       g_strdup_printf ("Set Level of “%s”", eb_theme_get_name (theme)), error);
}

gboolean
eb_coding_store_set_theme_codable (EbCodingStore  *self,
                                   gint64          id,
                                   gboolean        codable,
                                   GError        **error)
{
  EbThemeRow *after;
  EbTheme *theme;
  GPtrArray *codings;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((theme = require_theme (self, id, error)) == NULL)
    return FALSE;
  codings = theme_codings (self, id);
  if (!codable && codings != NULL && codings->len > 0)
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NOT_CODABLE,
                   "“%s” has %u codings of its own: move or remove them before making it "
                   "a group", eb_theme_get_name (theme), codings->len);
      return FALSE;
    }
  after = eb_theme_dup_row (theme);
  after->codable = codable;
  return update_theme (self, theme, after, codable ? "make theme codable" : "make theme a group",
                       NULL,
                       codable ? g_strdup_printf ("Make “%s” Codable", eb_theme_get_name (theme))
                               : g_strdup_printf ("Make “%s” a Group", eb_theme_get_name (theme)),
                       error);
}

gboolean
eb_coding_store_move_theme (EbCodingStore  *self,
                            gint64          id,
                            gint64          parent_id,
                            guint           position,
                            GError        **error)
{
  g_autoptr(GPtrArray) old_siblings = NULL;
  g_autoptr(GPtrArray) new_siblings = NULL;
  EbTheme *theme, *parent;
  gboolean parent_ok;
  gint64 old_parent_id;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((theme = require_theme (self, id, error)) == NULL)
    return FALSE;
  parent = require_parent (self, parent_id, &parent_ok, error);
  if (!parent_ok)
    return FALSE;
  if (parent != NULL && eb_codebook_is_within (self->codebook, parent_id, id))
    {
      if (parent_id == id)
        g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_MOVE,
                     "Cannot move “%s” under itself", eb_theme_get_name (theme));
      else
        g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_MOVE,
                     "Cannot move “%s” under its own sub-theme “%s”",
                     eb_theme_get_name (theme), eb_theme_get_name (parent));
      return FALSE;
    }

  old_parent_id = eb_theme_get_parent_id (theme);
  new_siblings = children_of (self, parent_id);
  g_ptr_array_remove (new_siblings, theme);
  g_ptr_array_insert (new_siblings, (int) MIN (position, new_siblings->len), g_object_ref (theme));

  step = eb_project_step_new (&step_class, self, "move theme", eb_theme_get_name (theme),
                              parent != NULL
                              ? g_strdup_printf ("under “%s”, position %u",
                                                 eb_theme_get_name (parent),
                                                 MIN (position, new_siblings->len - 1) + 1)
                              : g_strdup_printf ("to the top level, position %u",
                                                 MIN (position, new_siblings->len - 1) + 1),
                              g_strdup_printf ("Move “%s”", eb_theme_get_name (theme)));
  if (old_parent_id != parent_id)
    {
      old_siblings = children_of (self, old_parent_id);
      g_ptr_array_remove (old_siblings, theme);
      add_order (step, old_parent_id, old_siblings);
    }
  add_order (step, parent_id, new_siblings);
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_coding_store_merge_themes (EbCodingStore  *self,
                              gint64          source_id,
                              gint64          target_id,
                              GError        **error)
{
  g_autoptr(GPtrArray) source_codings = NULL;
  g_autoptr(GPtrArray) target_children = NULL;
  g_autoptr(GPtrArray) source_children = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  GPtrArray *target_codings;
  EbTheme *source, *target;
  guint n_moved = 0, n_collapsed = 0;
  gint64 old_parent_id;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((source = require_theme (self, source_id, error)) == NULL ||
      (target = require_theme (self, target_id, error)) == NULL)
    return FALSE;
  if (source_id == target_id)
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_MOVE,
                   "Cannot merge “%s” into itself", eb_theme_get_name (source));
      return FALSE;
    }
  if (eb_codebook_is_descendant (self->codebook, target_id, source_id))
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_MOVE,
                   "Cannot merge “%s” into its own sub-theme “%s”",
                   eb_theme_get_name (source), eb_theme_get_name (target));
      return FALSE;
    }
  source_codings = eb_coding_store_dup_theme_codings (self, source_id);
  if (source_codings->len > 0 && !eb_theme_get_codable (target))
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NOT_CODABLE,
                   "“%s” is a group of themes and cannot take the codings of “%s”",
                   eb_theme_get_name (target), eb_theme_get_name (source));
      return FALSE;
    }

  step = eb_project_step_new (&step_class, self, "merge themes", eb_theme_get_name (source),
                              NULL,
                              g_strdup_printf ("Merge “%s” into “%s”",
                                               eb_theme_get_name (source),
                                               eb_theme_get_name (target)));
  memos = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_memo_unref);

  /* The codings move; a twin already on the target absorbs its coding,
   * and takes over the memos written on it. */
  target_codings = theme_codings (self, target_id);
  for (guint i = 0; i < source_codings->len; i++)
    {
      EbCoding *coding = g_ptr_array_index (source_codings, i);
      EbCoding *twin = NULL;

      for (guint j = 0; target_codings != NULL && j < target_codings->len && twin == NULL; j++)
        if (eb_coding_same_span (coding, g_ptr_array_index (target_codings, j)))
          twin = g_ptr_array_index (target_codings, j);
      if (twin == NULL)
        {
          eb_project_step_add (step, KIND_CODING, eb_coding_ref (coding),
                               eb_coding_copy_with_theme (coding, target_id));
          n_moved++;
          continue;
        }
      if (!read_memos (self, "target_kind = 'coding' AND target_id = ?1", coding->id, memos,
                       error))
        goto failed;
      for (guint m = 0; m < memos->len; m++)
        {
          EbMemo *memo = g_ptr_array_index (memos, m);

          eb_project_step_add (step, KIND_MEMO, eb_memo_ref (memo),
                               eb_memo_copy_with (memo, twin->id, memo->modified, memo->body));
        }
      g_ptr_array_set_size (memos, 0);
      eb_project_step_add (step, KIND_CODING, eb_coding_ref (coding), NULL);
      n_collapsed++;
    }

  if (!read_memos (self, "target_kind = 'theme' AND target_id = ?1", source_id, memos, error))
    goto failed;
  for (guint m = 0; m < memos->len; m++)
    {
      EbMemo *memo = g_ptr_array_index (memos, m);

      eb_project_step_add (step, KIND_MEMO, eb_memo_ref (memo),
                           eb_memo_copy_with (memo, target_id, memo->modified, memo->body));
    }
  g_ptr_array_set_size (memos, 0);
  if (!add_node_retarget (self, step, source_id, target_id, error))
    goto failed;

  /* The sub-themes follow the codings, after the target's own. */
  old_parent_id = eb_theme_get_parent_id (source);
  target_children = children_of (self, target_id);
  g_ptr_array_remove (target_children, source);
  source_children = children_of (self, source_id);
  for (guint i = 0; i < source_children->len; i++)
    g_ptr_array_add (target_children, g_object_ref (g_ptr_array_index (source_children, i)));
  add_order (step, target_id, target_children);
  if (old_parent_id != target_id)
    {
      g_autoptr(GPtrArray) old_siblings = children_of (self, old_parent_id);

      g_ptr_array_remove (old_siblings, source);
      add_order (step, old_parent_id, old_siblings);
    }
  eb_project_step_add (step, KIND_THEME, eb_theme_dup_row (source), NULL);

  eb_project_step_set_detail (step,
                              g_strdup_printf ("into “%s”: %u codings moved, %u duplicates "
                                               "collapsed, %u sub-themes moved",
                                               eb_theme_get_name (target), n_moved,
                                               n_collapsed, source_children->len));
  return eb_project_step_perform (step, self->undo_stack, error);

failed:
  eb_project_step_free (step);
  return FALSE;
}

gboolean
eb_coding_store_delete_theme (EbCodingStore  *self,
                              gint64          id,
                              GError        **error)
{
  g_autoptr(GPtrArray) siblings = NULL;
  EbTheme *theme;
  guint n_themes = 0, n_codings = 0;
  gint64 parent_id;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((theme = require_theme (self, id, error)) == NULL)
    return FALSE;
  step = eb_project_step_new (&step_class, self, "delete theme", eb_theme_get_name (theme), NULL,
                              g_strdup_printf ("Delete “%s”", eb_theme_get_name (theme)));
  if (!add_delete_subtree (self, step, theme, &n_themes, &n_codings, error))
    {
      eb_project_step_free (step);
      return FALSE;
    }
  parent_id = eb_theme_get_parent_id (theme);
  siblings = children_of (self, parent_id);
  g_ptr_array_remove (siblings, theme);
  add_order (step, parent_id, siblings);
  eb_project_step_set_detail (step, g_strdup_printf ("with %u sub-themes and %u codings",
                                                     n_themes - 1, n_codings));
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_coding_store_tag (EbCodingStore  *self,
                     gint64          theme_id,
                     guint           row,
                     guint           column,
                     int             start,
                     int             end,
                     gint64         *id,
                     GError        **error)
{
  g_autofree char *where = NULL;
  EbCoding *coding;
  EbTheme *theme;
  EbQuote *quote;
  gint64 new_id;
  glong length;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((theme = require_codable (self, theme_id, error)) == NULL ||
      (quote = require_quote (self, row, column, error)) == NULL)
    return FALSE;
  where = describe_answer (self, quote);
  length = g_utf8_strlen (eb_quote_get_text (quote), -1);
  if (!(start == 0 && end == -1) && !(start >= 0 && start < end && end <= length))
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_SPAN,
                   "Characters %d to %d are not a span of the answer of %s, which has %ld "
                   "characters", start, end, where, length);
      return FALSE;
    }
  for (guint i = 0; i < eb_quote_get_n_codings (quote); i++)
    {
      EbCoding *other = eb_quote_get_coding (quote, i);

      if (other->theme_id == theme_id && other->start == start && other->end == end &&
          g_strcmp0 (other->coder, self->coder) == 0)
        {
          g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_ALREADY_CODED,
                       "The answer of %s already has “%s” there", where,
                       eb_theme_get_name (theme));
          return FALSE;
        }
    }
  if (!eb_project_next_id (self->project, "codings", &new_id, error))
    return FALSE;

  coding = make_coding (self, new_id, theme_id, quote, start, end);
  step = eb_project_step_new (&step_class, self, "tag", eb_theme_get_name (theme),
                              describe_coding (self, coding),
                              g_strdup_printf ("Tag “%s”", eb_theme_get_name (theme)));
  eb_project_step_add (step, KIND_CODING, NULL, coding);
  if (!eb_project_step_perform (step, self->undo_stack, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

gboolean
eb_coding_store_tag_bytes (EbCodingStore  *self,
                           gint64          theme_id,
                           guint           row,
                           guint           column,
                           gsize           start,
                           gsize           end,
                           gint64         *id,
                           GError        **error)
{
  EbQuote *quote;
  const char *text;
  glong char_start, char_end;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((quote = require_quote (self, row, column, error)) == NULL)
    return FALSE;
  text = eb_quote_get_text (quote);
  if (!eb_utf8_bytes_to_chars (text, start, &char_start) ||
      !eb_utf8_bytes_to_chars (text, end, &char_end) ||
      char_end > G_MAXINT)
    {
      g_autofree char *where = describe_answer (self, quote);

      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_SPAN,
                   "Bytes %" G_GSIZE_FORMAT " to %" G_GSIZE_FORMAT " do not fall on "
                   "characters of the answer of %s, which has %" G_GSIZE_FORMAT " bytes",
                   start, end, where, strlen (text));
      return FALSE;
    }
  return eb_coding_store_tag (self, theme_id, row, column, (int) char_start, (int) char_end,
                              id, error);
}

static gboolean
tag_quotes (EbCodingStore  *self,
            EbTheme        *theme,
            GPtrArray      *quotes,
            GError        **error)
{
  gint64 theme_id = eb_theme_get_id (theme);
  gint64 next;
  EbProjectStep *step;

  if (!eb_project_next_id (self->project, "codings", &next, error))
    return FALSE;
  step = eb_project_step_new (&step_class, self, "tag", eb_theme_get_name (theme),
                              quotes->len == 1 ? whole_answer (self, g_ptr_array_index (quotes, 0))
                                               : g_strdup_printf ("%u quotes", quotes->len),
                              quotes->len == 1
                              ? g_strdup_printf ("Tag “%s”", eb_theme_get_name (theme))
                              : g_strdup_printf ("Tag %u Quotes “%s”", quotes->len,
                                                 eb_theme_get_name (theme)));
  for (guint i = 0; i < quotes->len; i++)
    eb_project_step_add (step, KIND_CODING, NULL,
                         make_coding (self, next++, theme_id, g_ptr_array_index (quotes, i),
                                      0, -1));
  return eb_project_step_perform (step, self->undo_stack, error);
}

/* The quotes of INDICES, each once. */
static GPtrArray *
resolve_indices (EbCodingStore  *self,
                 const guint    *indices,
                 guint           n_indices,
                 GError        **error)
{
  g_autoptr(GPtrArray) quotes = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_indices; i++)
    {
      EbQuote *quote = require_quote_index (self, indices[i], error);

      if (quote == NULL)
        return NULL;
      if (g_hash_table_add (seen, quote))
        g_ptr_array_add (quotes, quote);
    }
  return g_steal_pointer (&quotes);
}

gboolean
eb_coding_store_tag_quotes (EbCodingStore  *self,
                            gint64          theme_id,
                            const guint    *indices,
                            guint           n_indices,
                            guint          *n_tagged,
                            GError        **error)
{
  g_autoptr(GPtrArray) quotes = NULL;
  EbTheme *theme;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (indices != NULL || n_indices == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_tagged != NULL)
    *n_tagged = 0;
  if ((theme = require_codable (self, theme_id, error)) == NULL ||
      (quotes = resolve_indices (self, indices, n_indices, error)) == NULL)
    return FALSE;
  for (guint i = quotes->len; i > 0; i--)
    if (find_whole (self, g_ptr_array_index (quotes, i - 1), theme_id) != NULL)
      g_ptr_array_remove_index (quotes, i - 1);
  if (quotes->len == 0)
    return TRUE;
  if (!tag_quotes (self, theme, quotes, error))
    return FALSE;
  if (n_tagged != NULL)
    *n_tagged = quotes->len;
  return TRUE;
}

static gboolean
untag_codings (EbCodingStore  *self,
               GPtrArray      *codings,
               GError        **error)
{
  EbCoding *first;
  EbTheme *theme;
  gboolean one_theme = TRUE;
  const char *name;
  EbProjectStep *step;

  if (codings->len == 0)
    return TRUE;
  first = g_ptr_array_index (codings, 0);
  for (guint i = 1; i < codings->len; i++)
    one_theme &= ((EbCoding *) g_ptr_array_index (codings, i))->theme_id == first->theme_id;
  theme = eb_codebook_get_theme (self->codebook, first->theme_id);
  name = theme != NULL ? eb_theme_get_name (theme) : "?";

  step = eb_project_step_new (&step_class, self, "untag", one_theme ? name : NULL,
                              codings->len == 1 ? describe_coding (self, first)
                                                : g_strdup_printf ("%u codings", codings->len),
                              one_theme && codings->len == 1
                              ? g_strdup_printf ("Untag “%s”", name)
                              : one_theme
                              ? g_strdup_printf ("Untag %u Quotes “%s”", codings->len, name)
                              : g_strdup_printf ("Untag %u Codings", codings->len));
  for (guint i = 0; i < codings->len; i++)
    if (!add_untag (self, step, g_ptr_array_index (codings, i), error))
      {
        eb_project_step_free (step);
        return FALSE;
      }
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_coding_store_toggle_quotes (EbCodingStore  *self,
                               gint64          theme_id,
                               const guint    *indices,
                               guint           n_indices,
                               gboolean       *tagged,
                               GError        **error)
{
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) untagged = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  EbTheme *theme;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (indices != NULL || n_indices == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((theme = require_codable (self, theme_id, error)) == NULL ||
      (quotes = resolve_indices (self, indices, n_indices, error)) == NULL)
    return FALSE;
  untagged = g_ptr_array_new ();
  existing = g_ptr_array_new ();
  for (guint i = 0; i < quotes->len; i++)
    {
      EbCoding *coding = find_whole (self, g_ptr_array_index (quotes, i), theme_id);

      if (coding != NULL)
        g_ptr_array_add (existing, coding);
      else
        g_ptr_array_add (untagged, g_ptr_array_index (quotes, i));
    }
  if (tagged != NULL)
    *tagged = untagged->len > 0;
  if (untagged->len > 0)
    return tag_quotes (self, theme, untagged, error);
  return untag_codings (self, existing, error);
}

gboolean
eb_coding_store_untag (EbCodingStore  *self,
                       gint64          coding_id,
                       GError        **error)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return eb_coding_store_untag_many (self, &coding_id, 1, error);
}

gboolean
eb_coding_store_untag_many (EbCodingStore  *self,
                            const gint64   *coding_ids,
                            guint           n_ids,
                            GError        **error)
{
  g_autoptr(GPtrArray) codings = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (coding_ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_ids; i++)
    {
      EbCoding *coding = g_hash_table_lookup (self->codings, &coding_ids[i]);

      if (coding == NULL)
        {
          g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_CODING,
                       "There is no coding with id %" G_GINT64_FORMAT, coding_ids[i]);
          return FALSE;
        }
      if (g_hash_table_add (seen, coding))
        g_ptr_array_add (codings, coding);
    }
  return untag_codings (self, codings, error);
}

EbCoding *
eb_coding_store_get_coding (EbCodingStore *self,
                            gint64         id)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);

  return g_hash_table_lookup (self->codings, &id);
}

guint
eb_coding_store_get_n_codings (EbCodingStore *self)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (self), 0);

  return g_hash_table_size (self->codings);
}

GPtrArray *
eb_coding_store_dup_theme_codings (EbCodingStore *self,
                                   gint64         theme_id)
{
  GPtrArray *array, *copy;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);

  array = theme_codings (self, theme_id);
  copy = g_ptr_array_new_full (array != NULL ? array->len : 0,
                               (GDestroyNotify) eb_coding_unref);
  for (guint i = 0; array != NULL && i < array->len; i++)
    g_ptr_array_add (copy, eb_coding_ref (g_ptr_array_index (array, i)));
  return copy;
}

static gboolean
check_memo_target (EbCodingStore  *self,
                   EbMemoTarget    target,
                   gint64          target_id,
                   int             target_column,
                   GError        **error)
{
  switch (target)
    {
    case EB_MEMO_TARGET_PROJECT:
      return TRUE;

    case EB_MEMO_TARGET_THEME:
      return require_theme (self, target_id, error) != NULL;

    case EB_MEMO_TARGET_QUOTE:
      if (target_id < 0 || target_id > G_MAXUINT || target_column < 0)
        {
          g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
                       "Row %" G_GINT64_FORMAT ", column %d is not a quote", target_id + 1,
                       target_column + 1);
          return FALSE;
        }
      return require_quote (self, (guint) target_id, (guint) target_column, error) != NULL;

    case EB_MEMO_TARGET_RESPONDENT:
      if (target_id < 0 || target_id >= eb_survey_get_n_rows (self->survey))
        {
          g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
                       "The survey has no row %" G_GINT64_FORMAT, target_id + 1);
          return FALSE;
        }
      return TRUE;

    case EB_MEMO_TARGET_CODING:
      if (g_hash_table_lookup (self->codings, &target_id) == NULL)
        {
          g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_CODING,
                       "There is no coding with id %" G_GINT64_FORMAT, target_id);
          return FALSE;
        }
      return TRUE;

    default:
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_MEMO,
                   "%d is not a kind of memo", (int) target);
      return FALSE;
    }
}

gboolean
eb_coding_store_add_memo (EbCodingStore  *self,
                          EbMemoTarget    target,
                          gint64          target_id,
                          int             target_column,
                          const char     *body,
                          gint64         *id,
                          GError        **error)
{
  g_autofree char *created = NULL;
  gint64 new_id;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_memo_target (self, target, target_id, target_column, error) ||
      !eb_project_next_id (self->project, "memos", &new_id, error))
    return FALSE;
  if (target == EB_MEMO_TARGET_PROJECT)
    target_id = 0;
  if (target != EB_MEMO_TARGET_QUOTE)
    target_column = -1;
  created = now_iso8601 ();
  step = eb_project_step_new (&step_class, self, "add memo", eb_memo_target_to_string (target),
                              g_strdup_printf ("memo %" G_GINT64_FORMAT, new_id),
                              g_strdup ("Add Memo"));
  eb_project_step_add (step, KIND_MEMO, NULL,
                       eb_memo_new (new_id, target, target_id, target_column, self->coder,
                                    created, NULL, body));
  if (!eb_project_step_perform (step, self->undo_stack, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

EbMemo *
eb_coding_store_get_memo (EbCodingStore  *self,
                          gint64          id,
                          GError        **error)
{
  g_autoptr(GPtrArray) memos = NULL;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  memos = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_memo_unref);
  if (!read_memos (self, "id = ?1", id, memos, error))
    return NULL;
  if (memos->len == 0)
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_MEMO,
                   "There is no memo with id %" G_GINT64_FORMAT, id);
      return NULL;
    }
  return eb_memo_ref (g_ptr_array_index (memos, 0));
}

gboolean
eb_coding_store_edit_memo (EbCodingStore  *self,
                           gint64          id,
                           const char     *body,
                           GError        **error)
{
  g_autoptr(EbMemo) memo = NULL;
  g_autofree char *modified = NULL;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((memo = eb_coding_store_get_memo (self, id, error)) == NULL)
    return FALSE;
  if (g_strcmp0 (memo->body, body) == 0)
    return TRUE;
  modified = now_iso8601 ();
  step = eb_project_step_new (&step_class, self, "edit memo",
                              eb_memo_target_to_string (memo->target),
                              g_strdup_printf ("memo %" G_GINT64_FORMAT, id),
                              g_strdup ("Edit Memo"));
  eb_project_step_add (step, KIND_MEMO, eb_memo_ref (memo),
                       eb_memo_copy_with (memo, memo->target_id, modified, body));
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_coding_store_delete_memo (EbCodingStore  *self,
                             gint64          id,
                             GError        **error)
{
  g_autoptr(EbMemo) memo = NULL;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((memo = eb_coding_store_get_memo (self, id, error)) == NULL)
    return FALSE;
  step = eb_project_step_new (&step_class, self, "delete memo",
                              eb_memo_target_to_string (memo->target),
                              g_strdup_printf ("memo %" G_GINT64_FORMAT, id),
                              g_strdup ("Delete Memo"));
  eb_project_step_add (step, KIND_MEMO, g_steal_pointer (&memo), NULL);
  return eb_project_step_perform (step, self->undo_stack, error);
}

GPtrArray *
eb_coding_store_list_memos (EbCodingStore  *self,
                            EbMemoTarget    target,
                            gint64          target_id,
                            int             target_column,
                            GError        **error)
{
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  memos = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_memo_unref);
  /* IS compares NULL with NULL, as the project's and most memos' targets
   * need. */
  stmt = eb_project_prepare (self->project,
                             "SELECT " MEMO_COLUMNS " FROM memos WHERE target_kind = ?1 "
                             "AND target_id IS ?2 AND target_column IS ?3 ORDER BY id",
                             "read the memos of", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, eb_memo_target_to_string (target), -1, SQLITE_STATIC);
  if (target != EB_MEMO_TARGET_PROJECT)
    sqlite3_bind_int64 (stmt, 2, target_id);
  if (target == EB_MEMO_TARGET_QUOTE)
    sqlite3_bind_int (stmt, 3, target_column);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EbMemo *memo = memo_from_stmt (stmt);

      if (memo != NULL)
        g_ptr_array_add (memos, memo);
    }
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (self->project, EB_PROJECT_ERROR_OPEN, "read the memos of", error);
      return NULL;
    }
  return g_steal_pointer (&memos);
}

void
eb_coding_problem_free (EbCodingProblem *problem)
{
  if (problem == NULL)
    return;
  g_clear_pointer (&problem->coding, eb_coding_unref);
  g_free (problem->message);
  g_free (problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const EbCodingProblem *x = *(EbCodingProblem * const *) a;
  const EbCodingProblem *y = *(EbCodingProblem * const *) b;

  return x->coding->id < y->coding->id ? -1 : x->coding->id > y->coding->id;
}

static void
add_problem (GPtrArray           *problems,
             EbCoding            *coding,
             EbCodingProblemKind  kind,
             char                *message)
{
  EbCodingProblem *problem = g_new0 (EbCodingProblem, 1);

  problem->coding = eb_coding_ref (coding);
  problem->kind = kind;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

GPtrArray *
eb_coding_store_find_invalid_codings (EbCodingStore *self)
{
  GPtrArray *problems;
  GHashTableIter iter;
  gpointer value;
  guint n_rows, n_columns;

  g_return_val_if_fail (EB_IS_CODING_STORE (self), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_coding_problem_free);
  n_rows = eb_survey_get_n_rows (self->survey);
  n_columns = eb_survey_get_n_columns (self->survey);
  g_hash_table_iter_init (&iter, self->codings);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      EbCoding *coding = value;
      EbTheme *theme = eb_codebook_get_theme (self->codebook, coding->theme_id);
      g_autofree char *what = g_strdup_printf ("Coding %" G_GINT64_FORMAT " (“%s”, by %s)",
                                               coding->id,
                                               theme != NULL ? eb_theme_get_name (theme) : "?",
                                               coding->coder);
      const char *column_name;
      int index;

      if (coding->column >= n_columns)
        {
          add_problem (problems, coding, EB_CODING_PROBLEM_NO_COLUMN,
                       g_strdup_printf ("%s refers to column %u, but the survey has %u columns",
                                        what, coding->column + 1, n_columns));
          continue;
        }
      column_name = eb_survey_get_column_name (self->survey, coding->column);
      if (coding->row >= n_rows)
        {
          add_problem (problems, coding, EB_CODING_PROBLEM_NO_ROW,
                       g_strdup_printf ("%s refers to row %u of “%s”, but the survey has %u rows",
                                        what, coding->row + 1, column_name, n_rows));
          continue;
        }
      if (eb_survey_get_column_role (self->survey, coding->column) != EB_COLUMN_ROLE_TEXT)
        {
          add_problem (problems, coding, EB_CODING_PROBLEM_NOT_OPEN_TEXT,
                       g_strdup_printf ("%s is on row %u of “%s”, which is no longer an "
                                        "open-text question", what, coding->row + 1,
                                        column_name));
          continue;
        }
      index = eb_quote_list_find (self->quotes, coding->row, coding->column);
      if (index < 0)
        {
          add_problem (problems, coding, EB_CODING_PROBLEM_EMPTY_ANSWER,
                       g_strdup_printf ("%s is on row %u of “%s”, whose answer is now empty",
                                        what, coding->row + 1, column_name));
          continue;
        }
      {
        EbQuote *quote = eb_quote_list_get_quote (self->quotes, (guint) index);
        const char *text = eb_quote_get_text (quote);
        g_autofree char *where = describe_answer (self, quote);

        if (!span_fits (coding, text))
          add_problem (problems, coding, EB_CODING_PROBLEM_SPAN_OUTSIDE,
                       g_strdup_printf ("%s covers characters %d to %d, beyond the end of the "
                                        "answer of %s (%ld characters)", what, coding->start,
                                        coding->end, where, g_utf8_strlen (text, -1)));
        else if (coding->has_hash && coding->answer_hash != eb_answer_hash (text))
          add_problem (problems, coding, EB_CODING_PROBLEM_TEXT_CHANGED,
                       g_strdup_printf ("%s was made on a different answer of %s than the "
                                        "survey holds now", what, where));
      }
    }
  g_ptr_array_sort (problems, compare_problems);
  return problems;
}
