/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-diagram"

#include "config.h"

#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include "coding-analysis.h"
#include "diagram-layout.h"
#include "eb-diagram-private.h"
#include "eb-project-private.h"
#include "project-step.h"

#define DIRECTION_KEY    "diagram.direction"
#define DEFAULT_WIDTH    120.0
#define DEFAULT_HEIGHT   40.0
#define MAX_COORDINATE   1e6
#define MAX_SIZE         1e4
/* Automatic layout: between the nodes of a rank, and between ranks (less
 * from top to bottom, where nodes are less tall than wide). */
#define NODE_GAP         22.0
#define RANK_GAP_LR      40.0
#define RANK_GAP_TB      30.0
/* Room beside an edge label in the gap between two ranks. */
#define LABEL_ROOM       16.0
/* Between a template and what the diagram already holds. */
#define SKETCH_GAP       48.0

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The rows an undo step changes (see project-step.h). Foreign keys hold
 * at every change: a step removes a node's edges before the node and
 * takes nodes out of a group before deleting it, so undoing it brings the
 * node or group back first. */
typedef enum {
  KIND_NODE,     /* EbDiagramNodeRow */
  KIND_EDGE,     /* EbDiagramEdgeRow */
  KIND_GROUP,    /* EbDiagramGroupRow */
  KIND_SETTING,  /* SettingRow */
} Kind;

typedef struct
{
  char *key;
  char *value;   /* NULL: absent */
} SettingRow;

enum {
  SQL_INSERT_NODE,
  SQL_UPDATE_NODE,
  SQL_DELETE_NODE,
  SQL_INSERT_EDGE,
  SQL_UPDATE_EDGE,
  SQL_DELETE_EDGE,
  SQL_INSERT_GROUP,
  SQL_UPDATE_GROUP,
  SQL_DELETE_GROUP,
  SQL_SET_SETTING,
  SQL_DELETE_SETTING,
  N_SQL
};

/* Inserts and updates bind the same numbered parameters. */
static const char * const sql_text[N_SQL] = {
  [SQL_INSERT_NODE] =
    "INSERT INTO diagram_nodes (id, theme_id, group_id, label, bullets, shape, color, x, y, "
    "width, height) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  [SQL_UPDATE_NODE] =
    "UPDATE diagram_nodes SET theme_id = ?2, group_id = ?3, label = ?4, bullets = ?5, "
    "shape = ?6, color = ?7, x = ?8, y = ?9, width = ?10, height = ?11 WHERE id = ?1",
  [SQL_DELETE_NODE] = "DELETE FROM diagram_nodes WHERE id = ?1",
  [SQL_INSERT_EDGE] =
    "INSERT INTO diagram_edges (id, source_id, target_id, label, style, route) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [SQL_UPDATE_EDGE] =
    "UPDATE diagram_edges SET source_id = ?2, target_id = ?3, label = ?4, style = ?5, "
    "route = ?6 WHERE id = ?1",
  [SQL_DELETE_EDGE] = "DELETE FROM diagram_edges WHERE id = ?1",
  [SQL_INSERT_GROUP] = "INSERT INTO diagram_groups (id, label) VALUES (?1, ?2)",
  [SQL_UPDATE_GROUP] = "UPDATE diagram_groups SET label = ?2 WHERE id = ?1",
  [SQL_DELETE_GROUP] = "DELETE FROM diagram_groups WHERE id = ?1",
  [SQL_SET_SETTING] =
    "INSERT INTO settings (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [SQL_DELETE_SETTING] = "DELETE FROM settings WHERE key = ?1",
};

struct _EbDiagram
{
  GObject             parent_instance;

  EbCodingStore      *store;
  EbProject          *project;
  EbUndoStack        *undo_stack;
  EbCodebook         *codebook;
  EbThemeCounts      *counts;

  GListStore         *nodes;      /* EbDiagramNode, by id */
  GListStore         *edges;      /* EbDiagramEdge, by id */
  GListStore         *groups;     /* EbDiagramGroup, by id */
  GHashTable         *node_ids;   /* gint64 * → EbDiagramNode */
  GHashTable         *edge_ids;
  GHashTable         *group_ids;
  EbDiagramDirection  direction;

  gulong              codings_changed_id;
  gulong              codebook_changed_id;
};

G_DEFINE_FINAL_TYPE (EbDiagram, eb_diagram, G_TYPE_OBJECT)

G_DEFINE_QUARK (eb-diagram-error-quark, eb_diagram_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DIRECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GEnumValue direction_values[] = {
  { EB_DIAGRAM_LEFT_TO_RIGHT, "EB_DIAGRAM_LEFT_TO_RIGHT", "LR" },
  { EB_DIAGRAM_TOP_TO_BOTTOM, "EB_DIAGRAM_TOP_TO_BOTTOM", "TB" },
  { 0, NULL, NULL }
};

GType
eb_diagram_direction_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("EbDiagramDirection", direction_values));
  return type;
}

/* ---- Small helpers ---- */

static gint64 *
new_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static SettingRow *
setting_row_new (const char *key,
                 const char *value)
{
  SettingRow *row = g_new (SettingRow, 1);

  row->key = g_strdup (key);
  row->value = g_strdup (value);
  return row;
}

static void
setting_row_free (SettingRow *row)
{
  g_free (row->key);
  g_free (row->value);
  g_free (row);
}

static void
free_row (guint    kind,
          gpointer row)
{
  switch (kind)
    {
    case KIND_NODE:
      eb_diagram_node_row_free (row);
      break;
    case KIND_EDGE:
      eb_diagram_edge_row_free (row);
      break;
    case KIND_GROUP:
      eb_diagram_group_row_free (row);
      break;
    case KIND_SETTING:
      setting_row_free (row);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* A node update, unless it would change nothing. Takes AFTER. */
static void
step_update_node (EbProjectStep     *step,
                  EbDiagramNode     *node,
                  EbDiagramNodeRow  *after)
{
  const EbDiagramNodeRow *before = eb_diagram_node_get_row (node);

  if (eb_diagram_node_row_equal (before, after))
    eb_diagram_node_row_free (after);
  else
    eb_project_step_add (step, KIND_NODE, eb_diagram_node_row_copy (before), after);
}

static void
step_update_edge (EbProjectStep     *step,
                  EbDiagramEdge     *edge,
                  EbDiagramEdgeRow  *after)
{
  const EbDiagramEdgeRow *before = eb_diagram_edge_get_row (edge);

  if (eb_diagram_edge_row_equal (before, after))
    eb_diagram_edge_row_free (after);
  else
    eb_project_step_add (step, KIND_EDGE, eb_diagram_edge_row_copy (before), after);
}

static char *
join_bullets (char **bullets)
{
  return g_strjoinv ("\n", bullets);
}

/* Trimmed lines without the blank ones; a line break inside a line
 * becomes a space, since the stored text keeps one bullet per line. */
static char **
clean_bullets (const char * const *bullets)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; bullets != NULL && bullets[i] != NULL; i++)
    {
      g_autofree char *line = g_strdelimit (g_strdup (bullets[i]), "\r\n", ' ');

      g_strstrip (line);
      if (*line != '\0')
        g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

static char **
split_bullets (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  return clean_bullets ((const char * const *) lines);
}

/* ---- Writing ---- */

static guint
pick_sql (gconstpointer from,
          gconstpointer to,
          guint         insert)
{
  /* INSERT, UPDATE and DELETE of each table follow each other. */
  return from == NULL ? insert : to == NULL ? insert + 2 : insert + 1;
}

static gboolean
write_node (EbProjectWriter         *writer,
            const EbDiagramNodeRow  *from,
            const EbDiagramNodeRow  *to,
            GError                 **error)
{
  const EbDiagramNodeRow *row = to != NULL ? to : from;
  g_autofree char *bullets = NULL;
  sqlite3_stmt *stmt;

  stmt = eb_project_writer_get (writer, pick_sql (from, to, SQL_INSERT_NODE), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (to != NULL)
    {
      bullets = join_bullets (row->bullets);
      eb_project_writer_bind_id (stmt, 2, row->theme_id);
      eb_project_writer_bind_id (stmt, 3, row->group_id);
      sqlite3_bind_text (stmt, 4, row->label, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, bullets, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, eb_diagram_shape_to_string (row->shape), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, row->color, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 8, row->x);
      sqlite3_bind_double (stmt, 9, row->y);
      sqlite3_bind_double (stmt, 10, row->width);
      sqlite3_bind_double (stmt, 11, row->height);
    }
  return eb_project_writer_run (writer, stmt, TRUE, "diagram node", row->id, error);
}

static gboolean
write_edge (EbProjectWriter         *writer,
            const EbDiagramEdgeRow  *from,
            const EbDiagramEdgeRow  *to,
            GError                 **error)
{
  const EbDiagramEdgeRow *row = to != NULL ? to : from;
  g_autofree char *route = NULL;
  sqlite3_stmt *stmt;

  stmt = eb_project_writer_get (writer, pick_sql (from, to, SQL_INSERT_EDGE), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (to != NULL)
    {
      route = eb_diagram_route_to_string (row->route);
      sqlite3_bind_int64 (stmt, 2, row->source_id);
      sqlite3_bind_int64 (stmt, 3, row->target_id);
      sqlite3_bind_text (stmt, 4, row->label, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, eb_diagram_edge_style_to_string (row->style), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, route, -1, SQLITE_STATIC);
    }
  return eb_project_writer_run (writer, stmt, TRUE, "diagram edge", row->id, error);
}

static gboolean
write_group (EbProjectWriter          *writer,
             const EbDiagramGroupRow  *from,
             const EbDiagramGroupRow  *to,
             GError                  **error)
{
  const EbDiagramGroupRow *row = to != NULL ? to : from;
  sqlite3_stmt *stmt;

  stmt = eb_project_writer_get (writer, pick_sql (from, to, SQL_INSERT_GROUP), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (to != NULL)
    sqlite3_bind_text (stmt, 2, row->label, -1, SQLITE_STATIC);
  return eb_project_writer_run (writer, stmt, TRUE, "diagram group", row->id, error);
}

static gboolean
write_setting (EbProjectWriter   *writer,
               const SettingRow  *to,
               GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = eb_project_writer_get (writer, to->value != NULL ? SQL_SET_SETTING : SQL_DELETE_SETTING,
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, to->key, -1, SQLITE_STATIC);
  if (to->value != NULL)
    sqlite3_bind_text (stmt, 2, to->value, -1, SQLITE_STATIC);
  return eb_project_writer_run (writer, stmt, FALSE, "setting", 0, error);
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
    case KIND_NODE:
      return write_node (writer, from, to, error);
    case KIND_EDGE:
      return write_edge (writer, from, to, error);
    case KIND_GROUP:
      return write_group (writer, from, to, error);
    case KIND_SETTING:
      return write_setting (writer, to, error);
    default:
      g_assert_not_reached ();
    }
}

/* ---- The models in memory ---- */

/* Where ID is, or would go, in a list kept in id order. */
static guint
find_position (GListModel *list,
               gint64      id,
               gint64    (*get_id) (gpointer))
{
  guint low = 0, high = g_list_model_get_n_items (list);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(GObject) item = g_list_model_get_item (list, middle);

      if (get_id (item) < id)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static gint64
node_id_of (gpointer item)
{
  return eb_diagram_node_get_id (item);
}

static gint64
edge_id_of (gpointer item)
{
  return eb_diagram_edge_get_id (item);
}

static gint64
group_id_of (gpointer item)
{
  return eb_diagram_group_get_id (item);
}

static void
list_insert (GListStore  *list,
             GHashTable  *ids,
             gint64       id,
             gpointer     item,
             gint64     (*get_id) (gpointer))
{
  guint position = find_position (G_LIST_MODEL (list), id, get_id);

  g_hash_table_insert (ids, new_key (id), g_object_ref (item));
  g_list_store_insert (list, position, item);
}

static void
list_remove (GListStore  *list,
             GHashTable  *ids,
             gint64       id,
             gint64     (*get_id) (gpointer))
{
  guint position = find_position (G_LIST_MODEL (list), id, get_id);

  g_assert (position < g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_list_store_remove (list, position);
  g_hash_table_remove (ids, &id);
}

/* Counted when a linked node needs them: a diagram without links costs
 * the coding nothing. */
static EbThemeCounts *
ensure_counts (EbDiagram *self)
{
  if (self->counts == NULL)
    self->counts = eb_theme_counts_new (self->store, NULL, 0);
  return self->counts;
}

/* The theme's name and colour and its live counts, onto the node. */
static void
update_theme_info (EbDiagram     *self,
                   EbDiagramNode *node)
{
  gint64 theme_id = eb_diagram_node_get_theme_id (node);
  EbTheme *theme = theme_id != 0 ? eb_codebook_get_theme (self->codebook, theme_id) : NULL;

  if (theme == NULL)
    eb_diagram_node_set_theme_info (node, NULL, NULL, 0, 0);
  else
    eb_diagram_node_set_theme_info (node, eb_theme_get_name (theme), eb_theme_get_color (theme),
                                    eb_theme_counts_get_n_quotes (ensure_counts (self), theme_id),
                                    eb_theme_counts_get_n_respondents (ensure_counts (self),
                                                                       theme_id));
}

static void
apply_node (EbDiagram              *self,
            const EbDiagramNodeRow *from,
            const EbDiagramNodeRow *to)
{
  if (from == NULL)
    {
      g_autoptr(EbDiagramNode) node = eb_diagram_node_new (to);

      update_theme_info (self, node);
      list_insert (self->nodes, self->node_ids, to->id, node, node_id_of);
    }
  else if (to == NULL)
    list_remove (self->nodes, self->node_ids, from->id, node_id_of);
  else
    {
      EbDiagramNode *node = g_hash_table_lookup (self->node_ids, &to->id);

      eb_diagram_node_apply_row (node, to);
      update_theme_info (self, node);
    }
}

static void
apply_edge (EbDiagram              *self,
            const EbDiagramEdgeRow *from,
            const EbDiagramEdgeRow *to)
{
  if (from == NULL)
    {
      g_autoptr(EbDiagramEdge) edge = eb_diagram_edge_new (to);

      list_insert (self->edges, self->edge_ids, to->id, edge, edge_id_of);
    }
  else if (to == NULL)
    list_remove (self->edges, self->edge_ids, from->id, edge_id_of);
  else
    eb_diagram_edge_apply_row (g_hash_table_lookup (self->edge_ids, &to->id), to);
}

static void
apply_group (EbDiagram               *self,
             const EbDiagramGroupRow *from,
             const EbDiagramGroupRow *to)
{
  if (from == NULL)
    {
      g_autoptr(EbDiagramGroup) group = eb_diagram_group_new (to);

      list_insert (self->groups, self->group_ids, to->id, group, group_id_of);
    }
  else if (to == NULL)
    list_remove (self->groups, self->group_ids, from->id, group_id_of);
  else
    eb_diagram_group_apply_row (g_hash_table_lookup (self->group_ids, &to->id), to);
}

static void
set_direction_in_memory (EbDiagram          *self,
                         EbDiagramDirection  direction)
{
  if (self->direction == direction)
    return;
  self->direction = direction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

static EbDiagramDirection
parse_direction (const char *value)
{
  EbDiagramDirection direction = EB_DIAGRAM_LEFT_TO_RIGHT;

  if (value != NULL)
    eb_diagram_direction_from_string (value, &direction);
  return direction;
}

/* Changes show in the lists in the order they were written, so that no
 * list ever holds an edge whose node is gone. */
static void
apply_in_memory (gpointer        owner,
                 EbProjectStep  *step,
                 gboolean        forward)
{
  EbDiagram *self = owner;
  guint n = eb_project_step_get_n_changes (step);

  for (guint i = 0; i < n; i++)
    {
      gpointer from, to;

      switch (eb_project_step_get_change (step, i, forward, &from, &to))
        {
        case KIND_NODE:
          apply_node (self, from, to);
          break;
        case KIND_EDGE:
          apply_edge (self, from, to);
          break;
        case KIND_GROUP:
          apply_group (self, from, to);
          break;
        case KIND_SETTING:
          if (g_strcmp0 (((SettingRow *) to)->key, DIRECTION_KEY) == 0)
            set_direction_in_memory (self, parse_direction (((SettingRow *) to)->value));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- Steps ---- */

static EbProject *
get_project (gpointer owner)
{
  return EB_DIAGRAM (owner)->project;
}

/* The audit trail names the coder, as the coding's does. */
static const char *
get_coder (gpointer owner)
{
  return eb_coding_store_get_coder (EB_DIAGRAM (owner)->store);
}

static const EbProjectStepClass step_class = {
  .sql = sql_text,
  .n_sql = N_SQL,
  .error_quark = eb_diagram_error_quark,
  .conflict_code = EB_DIAGRAM_ERROR_CONFLICT,
  .closed_code = EB_DIAGRAM_ERROR_CLOSED,
  .closed_message = "The diagram of this project has been closed",
  .get_project = get_project,
  .get_coder = get_coder,
  .write_change = write_change,
  .apply = apply_in_memory,
  .free_row = free_row,
};

/* ---- Reading ---- */

/* Finite and within reason: a damaged file must not make the drawing
 * allocate a canvas the size of a country. */
static double
column_coordinate (sqlite3_stmt *stmt,
                   int           column,
                   double        low,
                   double        high)
{
  double value = sqlite3_column_double (stmt, column);

  return isfinite (value) ? CLAMP (value, low, high) : 0.0;
}

static gboolean
load_groups (EbDiagram  *self,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = eb_project_prepare (self->project, "SELECT id, label FROM diagram_groups ORDER BY id",
                             "read the diagram from", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EbDiagramGroupRow) row = eb_diagram_group_row_new ();
      g_autoptr(EbDiagramGroup) group = NULL;

      row->id = sqlite3_column_int64 (stmt, 0);
      g_free (row->label);
      row->label = g_strdup (eb_project_column_text (stmt, 1) != NULL
                             ? eb_project_column_text (stmt, 1) : "");
      group = eb_diagram_group_new (row);
      g_hash_table_insert (self->group_ids, new_key (row->id), g_object_ref (group));
      g_list_store_append (self->groups, group);
    }
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (self->project, EB_PROJECT_ERROR_OPEN, "read the diagram from",
                               error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_nodes (EbDiagram  *self,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = eb_project_prepare (self->project,
                             "SELECT id, theme_id, group_id, label, bullets, shape, color, x, y, "
                             "width, height FROM diagram_nodes ORDER BY id",
                             "read the diagram from", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EbDiagramNodeRow) row = eb_diagram_node_row_new ();
      g_autoptr(EbDiagramNode) node = NULL;
      const char *shape = eb_project_column_text (stmt, 5);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->theme_id = sqlite3_column_int64 (stmt, 1);
      row->group_id = sqlite3_column_int64 (stmt, 2);
      g_free (row->label);
      row->label = g_strdup (eb_project_column_text (stmt, 3) != NULL
                             ? eb_project_column_text (stmt, 3) : "");
      g_strfreev (row->bullets);
      row->bullets = split_bullets (eb_project_column_text (stmt, 4));
      if (shape == NULL || !eb_diagram_shape_from_string (shape, &row->shape))
        row->shape = EB_DIAGRAM_SHAPE_ROUNDED;
      row->color = g_strdup (eb_project_column_text (stmt, 6));
      row->x = column_coordinate (stmt, 7, -MAX_COORDINATE, MAX_COORDINATE);
      row->y = column_coordinate (stmt, 8, -MAX_COORDINATE, MAX_COORDINATE);
      row->width = column_coordinate (stmt, 9, 0, MAX_SIZE);
      row->height = column_coordinate (stmt, 10, 0, MAX_SIZE);
      node = eb_diagram_node_new (row);
      update_theme_info (self, node);
      g_hash_table_insert (self->node_ids, new_key (row->id), g_object_ref (node));
      g_list_store_append (self->nodes, node);
    }
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (self->project, EB_PROJECT_ERROR_OPEN, "read the diagram from",
                               error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_edges (EbDiagram  *self,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = eb_project_prepare (self->project, "SELECT id, source_id, target_id, label, style, route "
                             "FROM diagram_edges ORDER BY id", "read the diagram from", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EbDiagramEdgeRow) row = eb_diagram_edge_row_new ();
      g_autoptr(EbDiagramEdge) edge = NULL;
      const char *style = eb_project_column_text (stmt, 4);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->source_id = sqlite3_column_int64 (stmt, 1);
      row->target_id = sqlite3_column_int64 (stmt, 2);
      g_free (row->label);
      row->label = g_strdup (eb_project_column_text (stmt, 3) != NULL
                             ? eb_project_column_text (stmt, 3) : "");
      if (style == NULL || !eb_diagram_edge_style_from_string (style, &row->style))
        row->style = EB_DIAGRAM_EDGE_LEADS_TO;
      row->route = eb_diagram_route_from_string (eb_project_column_text (stmt, 5));
      edge = eb_diagram_edge_new (row);
      g_hash_table_insert (self->edge_ids, new_key (row->id), g_object_ref (edge));
      g_list_store_append (self->edges, edge);
    }
  if (rc != SQLITE_DONE)
    {
      eb_project_set_db_error (self->project, EB_PROJECT_ERROR_OPEN, "read the diagram from",
                               error);
      return FALSE;
    }
  return TRUE;
}

/* ---- Following the coding ---- */

/* The coding store unlinks (and on undo relinks, or on a merge retargets)
 * diagram nodes in the file, in its own steps: read the links back. */
static gboolean
reload_theme_links (EbDiagram *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  stmt = eb_project_prepare (self->project, "SELECT id, theme_id FROM diagram_nodes ORDER BY id",
                             "read the diagram from", &error);
  if (stmt == NULL)
    {
      g_debug ("Diagram links not reloaded: %s", error->message);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 theme_id = sqlite3_column_int64 (stmt, 1);
      EbDiagramNode *node = g_hash_table_lookup (self->node_ids, &id);

      if (node != NULL && eb_diagram_node_get_theme_id (node) != theme_id)
        {
          g_autoptr(EbDiagramNodeRow) row = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));

          row->theme_id = theme_id;
          eb_diagram_node_apply_row (node, row);
          changed = TRUE;
        }
    }
  return changed;
}

/* New counts, names and colours onto every linked node; "changed" once if
 * any node shows something else now. */
static void
refresh_coding (EbDiagram *self,
                gboolean   links_changed)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  gboolean changed = links_changed;

  /* Stale now; counted again below if a node shows them. */
  g_clear_pointer (&self->counts, eb_theme_counts_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      g_autofree char *before = eb_diagram_node_dup_count_label (node);
      g_autofree char *name = g_strdup (eb_diagram_node_get_theme_name (node));
      g_autofree char *accent = g_strdup (eb_diagram_node_get_accent (node));
      g_autofree char *after = NULL;

      update_theme_info (self, node);
      after = eb_diagram_node_dup_count_label (node);
      if (g_strcmp0 (before, after) != 0
          || g_strcmp0 (name, eb_diagram_node_get_theme_name (node)) != 0
          || g_strcmp0 (accent, eb_diagram_node_get_accent (node)) != 0)
        changed = TRUE;
    }
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
codings_changed_cb (EbCodingStore *store,
                    EbDiagram     *self)
{
  refresh_coding (self, FALSE);
}

static void
codebook_changed_cb (EbCodebook *codebook,
                     EbDiagram  *self)
{
  refresh_coding (self, reload_theme_links (self));
}

/* ---- Checking what the user asked ---- */

static EbDiagramNode *
require_node (EbDiagram  *self,
              gint64      id,
              GError    **error)
{
  EbDiagramNode *node = g_hash_table_lookup (self->node_ids, &id);

  if (node == NULL)
    g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_NO_SUCH_NODE,
                 "The diagram has no node %" G_GINT64_FORMAT, id);
  return node;
}

static EbDiagramEdge *
require_edge (EbDiagram  *self,
              gint64      id,
              GError    **error)
{
  EbDiagramEdge *edge = g_hash_table_lookup (self->edge_ids, &id);

  if (edge == NULL)
    g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_NO_SUCH_EDGE,
                 "The diagram has no arrow %" G_GINT64_FORMAT, id);
  return edge;
}

static EbDiagramGroup *
require_group (EbDiagram  *self,
               gint64      id,
               GError    **error)
{
  EbDiagramGroup *group = g_hash_table_lookup (self->group_ids, &id);

  if (group == NULL)
    g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_NO_SUCH_GROUP,
                 "The diagram has no group %" G_GINT64_FORMAT, id);
  return group;
}

/* 0 is "no theme" and always fine. */
static gboolean
require_theme (EbDiagram  *self,
               gint64      theme_id,
               GError    **error)
{
  if (theme_id == 0 || eb_codebook_get_theme (self->codebook, theme_id) != NULL)
    return TRUE;
  g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_NO_SUCH_THEME,
               "The codebook has no theme %" G_GINT64_FORMAT, theme_id);
  return FALSE;
}

/* One line of text, trimmed, not empty. */
static char *
check_label (const char  *label,
             const char  *what,
             GError     **error)
{
  g_autofree char *clean = NULL;

  if (label != NULL && !g_utf8_validate (label, -1, NULL))
    {
      g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID,
                   "The label of a %s must be UTF-8 text", what);
      return NULL;
    }
  clean = g_strstrip (g_strdelimit (g_strdup (label != NULL ? label : ""), "\r\n\t", ' '));
  if (*clean == '\0')
    {
      g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID,
                   "A %s needs a label", what);
      return NULL;
    }
  return g_steal_pointer (&clean);
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
  g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID,
               "“%s” is not a colour: expected # and six hexadecimal digits, as in #1b9e77",
               color);
  return FALSE;
}

static gboolean
check_position (double   x,
                double   y,
                GError **error)
{
  if (isfinite (x) && isfinite (y) && fabs (x) <= MAX_COORDINATE && fabs (y) <= MAX_COORDINATE)
    return TRUE;
  g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID,
               "%g, %g is not a place on the diagram: coordinates run from −%g to %g points",
               x, y, MAX_COORDINATE, MAX_COORDINATE);
  return FALSE;
}

static gboolean
check_size (double   width,
            double   height,
            GError **error)
{
  if (isfinite (width) && isfinite (height) && width >= 0 && height >= 0
      && width <= MAX_SIZE && height <= MAX_SIZE)
    return TRUE;
  g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID,
               "%g × %g is not a node size: each must be 0 (fit the text) to %g points",
               width, height, MAX_SIZE);
  return FALSE;
}

static const char *
node_label (EbDiagram *self,
            gint64     id)
{
  EbDiagramNode *node = g_hash_table_lookup (self->node_ids, &id);

  return node != NULL ? eb_diagram_node_get_label (node) : "";
}

static char *
describe_edge (EbDiagram              *self,
               const EbDiagramEdgeRow *row)
{
  return g_strdup_printf ("“%s” %s “%s”", node_label (self, row->source_id),
                          row->style == EB_DIAGRAM_EDGE_LEADS_TO ? "→"
                          : row->style == EB_DIAGRAM_EDGE_ASSOCIATED ? "–" : "↔",
                          node_label (self, row->target_id));
}

/* Every edge with NODE_ID at one end, in id order. */
static GPtrArray *
edges_of (EbDiagram *self,
          gint64     node_id)
{
  GPtrArray *edges = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->edges));

  for (guint i = 0; i < n; i++)
    {
      EbDiagramEdge *edge = g_list_model_get_item (G_LIST_MODEL (self->edges), i);

      if (eb_diagram_edge_get_source_id (edge) == node_id
          || eb_diagram_edge_get_target_id (edge) == node_id)
        g_ptr_array_add (edges, edge);
      else
        g_object_unref (edge);
    }
  return edges;
}

/* The group NODE is in once the changes STEP holds so far are made. */
static gint64
group_after (EbProjectStep  *step,
             EbDiagramNode  *node)
{
  gint64 id = eb_diagram_node_get_id (node);
  gint64 group_id = eb_diagram_node_get_group_id (node);

  for (guint i = 0; i < eb_project_step_get_n_changes (step); i++)
    {
      gpointer before, after;

      if (eb_project_step_get_change (step, i, TRUE, &before, &after) == KIND_NODE
          && before != NULL && ((EbDiagramNodeRow *) before)->id == id)
        group_id = after != NULL ? ((EbDiagramNodeRow *) after)->group_id : 0;
    }
  return group_id;
}

/* Groups left without a node by the changes so far go too, in the same
 * step: an empty group has no box to show or to select. */
static void
add_drop_empty_groups (EbDiagram      *self,
                       EbProjectStep  *step)
{
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  guint n_nodes = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));

  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(EbDiagramGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), g);
      gint64 group_id = eb_diagram_group_get_id (group);
      gboolean had = FALSE, has = FALSE;

      for (guint i = 0; i < n_nodes && !has; i++)
        {
          g_autoptr(EbDiagramNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);

          had |= eb_diagram_node_get_group_id (node) == group_id;
          has |= group_after (step, node) == group_id;
        }
      /* New nodes of this step may join it too. */
      for (guint i = 0; i < eb_project_step_get_n_changes (step) && !has; i++)
        {
          gpointer before, after;

          has = eb_project_step_get_change (step, i, TRUE, &before, &after) == KIND_NODE
                && before == NULL && ((EbDiagramNodeRow *) after)->group_id == group_id;
        }
      if (had && !has)
        eb_project_step_add (step, KIND_GROUP,
                             eb_diagram_group_row_copy (eb_diagram_group_get_row (group)), NULL);
    }
}

/* A node changed in its own properties only (label, bullets, theme,
 * shape, colour, size). */
static gboolean
update_node (EbDiagram         *self,
             EbDiagramNode     *node,
             EbDiagramNodeRow  *after_in,
             const char        *action,
             char              *detail,
             char              *label,
             gboolean           drop_routes,
             GError           **error)
{
  g_autoptr(EbDiagramNodeRow) after = after_in;
  EbProjectStep *step;

  if (eb_diagram_node_row_equal (eb_diagram_node_get_row (node), after))
    {
      g_free (detail);
      g_free (label);
      return TRUE;
    }
  step = eb_project_step_new (&step_class, self, action, eb_diagram_node_get_label (node), detail,
                              label);
  eb_project_step_add (step, KIND_NODE, eb_diagram_node_row_copy (eb_diagram_node_get_row (node)),
                       g_steal_pointer (&after));
  if (drop_routes)
    {
      g_autoptr(GPtrArray) edges = edges_of (self, eb_diagram_node_get_id (node));

      for (guint i = 0; i < edges->len; i++)
        {
          EbDiagramEdge *edge = g_ptr_array_index (edges, i);
          EbDiagramEdgeRow *row = eb_diagram_edge_row_copy (eb_diagram_edge_get_row (edge));

          g_clear_pointer (&row->route, g_array_unref);
          step_update_edge (step, edge, row);
        }
    }
  return eb_project_step_perform (step, self->undo_stack, error);
}

static gboolean
update_edge (EbDiagram         *self,
             EbDiagramEdge     *edge,
             EbDiagramEdgeRow  *after_in,
             const char        *action,
             char              *label,
             GError           **error)
{
  g_autoptr(EbDiagramEdgeRow) after = after_in;
  g_autofree char *target = NULL;
  EbProjectStep *step;

  if (eb_diagram_edge_row_equal (eb_diagram_edge_get_row (edge), after))
    {
      g_free (label);
      return TRUE;
    }
  target = describe_edge (self, eb_diagram_edge_get_row (edge));
  step = eb_project_step_new (&step_class, self, action, target,
                              g_strdup_printf ("%s, “%s”",
                                               eb_diagram_edge_style_to_string (after->style),
                                               after->label),
                              label);
  eb_project_step_add (step, KIND_EDGE, eb_diagram_edge_row_copy (eb_diagram_edge_get_row (edge)),
                       g_steal_pointer (&after));
  return eb_project_step_perform (step, self->undo_stack, error);
}

/* ---- Automatic layout ---- */

static void
measure_node (const EbDiagramNodeRow *row,
              EbDiagramMeasureFunc    measure,
              gpointer                user_data,
              double                 *width,
              double                 *height)
{
  EbDiagramText text = { EB_DIAGRAM_TEXT_NODE, row->label,
                         (const char * const *) row->bullets, row->shape,
                         row->theme_id != 0 };

  *width = row->width > 0 ? row->width : DEFAULT_WIDTH;
  *height = row->height > 0 ? row->height : DEFAULT_HEIGHT;
  if (measure != NULL)
    measure (&text, width, height, user_data);
}

/* The widest (LR) or tallest (TB) edge label decides the gap between
 * ranks, so that labels sit between the nodes, not on them. */
static double
rank_gap_for (EbDiagramDirection     direction,
              const char * const    *labels,
              guint                  n_labels,
              EbDiagramMeasureFunc   measure,
              gpointer               user_data)
{
  double gap = direction == EB_DIAGRAM_LEFT_TO_RIGHT ? RANK_GAP_LR : RANK_GAP_TB;
  double extent = 0;

  for (guint i = 0; i < n_labels; i++)
    {
      EbDiagramText text = { EB_DIAGRAM_TEXT_EDGE_LABEL, labels[i], NULL, 0, FALSE };
      double width, height;

      if (labels[i] == NULL || *labels[i] == '\0')
        continue;
      /* Without a renderer, a rough average glyph width. */
      width = 5.0 * g_utf8_strlen (labels[i], -1);
      height = 12.0;
      if (measure != NULL)
        measure (&text, &width, &height, user_data);
      extent = MAX (extent, direction == EB_DIAGRAM_LEFT_TO_RIGHT ? width : height);
    }
  return extent > 0 ? MAX (gap, extent + 2 * LABEL_ROOM) : gap;
}

static double
group_margin_for (EbDiagramMeasureFunc measure,
                  gpointer             user_data)
{
  EbDiagramText text = { EB_DIAGRAM_TEXT_GROUP_LABEL, "Group", NULL, 0, FALSE };
  double width = 0, height = 14.0;

  if (measure != NULL)
    measure (&text, &width, &height, user_data);
  return EB_DIAGRAM_GROUP_PADDING + height;
}

static gboolean
run_layout (EbDiagramDirection      direction,
            EbDiagramLayoutNode    *nodes,
            guint                   n_nodes,
            EbDiagramLayoutEdge    *edges,
            guint                   n_edges,
            guint                   n_groups,
            const char * const     *edge_labels,
            EbDiagramMeasureFunc    measure,
            gpointer                user_data,
            GError                **error)
{
  EbDiagramLayoutOptions options;

  options.direction = direction;
  options.node_gap = NODE_GAP;
  options.rank_gap = rank_gap_for (direction, edge_labels, n_edges, measure, user_data);
  options.group_margin = group_margin_for (measure, user_data);
  return eb_diagram_layout_run (nodes, n_nodes, edges, n_edges, n_groups, &options, error);
}

/* Rounded to a hundredth of a point: the stored file stays readable and
 * the same layout stores the same numbers. */
static double
round_coordinate (double value)
{
  return round (value * 100) / 100;
}

static GArray *
shift_route (const GArray *route,
             double        dx,
             double        dy)
{
  GArray *moved;

  if (route == NULL)
    return NULL;
  moved = g_array_sized_new (FALSE, FALSE, sizeof (EbDiagramPoint), route->len);
  for (guint i = 0; i < route->len; i++)
    {
      EbDiagramPoint p = g_array_index (route, EbDiagramPoint, i);

      p.x = round_coordinate (p.x + dx);
      p.y = round_coordinate (p.y + dy);
      g_array_append_val (moved, p);
    }
  return moved;
}

/* ---- GObject ---- */

static void
eb_diagram_dispose (GObject *object)
{
  EbDiagram *self = EB_DIAGRAM (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->codings_changed_id, self->store);
  if (self->codebook != NULL)
    g_clear_signal_handler (&self->codebook_changed_id, self->codebook);
  g_clear_object (&self->codebook);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->project);
  g_clear_object (&self->store);
  if (self->nodes != NULL)
    {
      /* Edges first: a view that follows the lists never sees an edge
       * whose nodes are gone. */
      g_list_store_remove_all (self->edges);
      g_list_store_remove_all (self->nodes);
      g_list_store_remove_all (self->groups);
    }
  g_clear_pointer (&self->edge_ids, g_hash_table_unref);
  g_clear_pointer (&self->node_ids, g_hash_table_unref);
  g_clear_pointer (&self->group_ids, g_hash_table_unref);

  G_OBJECT_CLASS (eb_diagram_parent_class)->dispose (object);
}

static void
eb_diagram_finalize (GObject *object)
{
  EbDiagram *self = EB_DIAGRAM (object);

  g_clear_object (&self->edges);
  g_clear_object (&self->nodes);
  g_clear_object (&self->groups);
  g_clear_pointer (&self->counts, eb_theme_counts_unref);

  G_OBJECT_CLASS (eb_diagram_parent_class)->finalize (object);
}

static void
eb_diagram_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EbDiagram *self = EB_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_diagram_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EbDiagram *self = EB_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_diagram_class_init (EbDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eb_diagram_dispose;
  object_class->finalize = eb_diagram_finalize;
  object_class->get_property = eb_diagram_get_property;
  object_class->set_property = eb_diagram_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, EB_TYPE_CODING_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, EB_TYPE_DIAGRAM_DIRECTION,
                       EB_DIAGRAM_LEFT_TO_RIGHT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Once after every change to what the diagram shows, when the lists
   * and items are up to date: for views to redraw. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
eb_diagram_init (EbDiagram *self)
{
  self->nodes = g_list_store_new (EB_TYPE_DIAGRAM_NODE);
  self->edges = g_list_store_new (EB_TYPE_DIAGRAM_EDGE);
  self->groups = g_list_store_new (EB_TYPE_DIAGRAM_GROUP);
  self->node_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->edge_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->group_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/* ---- Public API ---- */

const char *
eb_diagram_direction_to_string (EbDiagramDirection direction)
{
  g_return_val_if_fail (direction <= EB_DIAGRAM_TOP_TO_BOTTOM, NULL);

  return direction_values[direction].value_nick;
}

gboolean
eb_diagram_direction_from_string (const char         *name,
                                  EbDiagramDirection *direction)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; direction_values[i].value_nick != NULL; i++)
    if (g_ascii_strcasecmp (name, direction_values[i].value_nick) == 0)
      {
        if (direction != NULL)
          *direction = (EbDiagramDirection) direction_values[i].value;
        return TRUE;
      }
  return FALSE;
}

EbDiagram *
eb_diagram_new (EbCodingStore  *store,
                GError        **error)
{
  g_autoptr(EbDiagram) self = NULL;
  g_autofree char *direction = NULL;

  g_return_val_if_fail (EB_IS_CODING_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EB_TYPE_DIAGRAM, "store", store, NULL);
  self->project = g_object_ref (eb_coding_store_get_project (store));
  self->undo_stack = g_object_ref (eb_coding_store_get_undo_stack (store));
  self->codebook = g_object_ref (eb_coding_store_get_codebook (store));
  direction = eb_project_get_setting (self->project, DIRECTION_KEY);
  self->direction = parse_direction (direction);

  if (!load_groups (self, error) || !load_nodes (self, error) || !load_edges (self, error))
    return NULL;

  self->codings_changed_id = g_signal_connect (store, "codings-changed",
                                               G_CALLBACK (codings_changed_cb), self);
  self->codebook_changed_id = g_signal_connect (self->codebook, "changed",
                                                G_CALLBACK (codebook_changed_cb), self);
  return g_steal_pointer (&self);
}

EbCodingStore *
eb_diagram_get_store (EbDiagram *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  return self->store;
}

EbProject *
eb_diagram_get_project (EbDiagram *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  return self->project;
}

GListModel *
eb_diagram_get_nodes (EbDiagram *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  return G_LIST_MODEL (self->nodes);
}

GListModel *
eb_diagram_get_edges (EbDiagram *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  return G_LIST_MODEL (self->edges);
}

GListModel *
eb_diagram_get_groups (EbDiagram *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  return G_LIST_MODEL (self->groups);
}

EbDiagramNode *
eb_diagram_get_node (EbDiagram *self,
                     gint64     id)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  return g_hash_table_lookup (self->node_ids, &id);
}

EbDiagramEdge *
eb_diagram_get_edge (EbDiagram *self,
                     gint64     id)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  return g_hash_table_lookup (self->edge_ids, &id);
}

EbDiagramGroup *
eb_diagram_get_group (EbDiagram *self,
                      gint64     id)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  return g_hash_table_lookup (self->group_ids, &id);
}

gboolean
eb_diagram_is_empty (EbDiagram *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), TRUE);

  return g_list_model_get_n_items (G_LIST_MODEL (self->nodes)) == 0;
}

GArray *
eb_diagram_dup_group_members (EbDiagram *self,
                              gint64     group_id)
{
  GArray *members;
  guint n;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  members = g_array_new (FALSE, FALSE, sizeof (gint64));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  for (guint i = 0; i < n && group_id != 0; i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);

      if (eb_diagram_node_get_group_id (node) == group_id)
        {
          gint64 id = eb_diagram_node_get_id (node);

          g_array_append_val (members, id);
        }
    }
  return members;
}

/* "A, B and C". */
static void
append_list (GString   *out,
             GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i == 0 ? "" : i + 1 == names->len ? " and " : ", ",
                            (const char *) g_ptr_array_index (names, i));
}

char *
eb_diagram_describe_node (EbDiagram *self,
                          gint64     id)
{
  g_autoptr(GPtrArray) edges = NULL;
  g_autoptr(GPtrArray) leads_to = g_ptr_array_new ();
  g_autoptr(GPtrArray) from = g_ptr_array_new ();
  g_autoptr(GPtrArray) with = g_ptr_array_new ();
  g_autofree char *count = NULL;
  EbDiagramNode *node;
  GString *out;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), NULL);

  node = g_hash_table_lookup (self->node_ids, &id);
  g_return_val_if_fail (node != NULL, NULL);

  edges = edges_of (self, id);
  for (guint i = 0; i < edges->len; i++)
    {
      EbDiagramEdge *edge = g_ptr_array_index (edges, i);
      gboolean outgoing = eb_diagram_edge_get_source_id (edge) == id;
      const char *other = node_label (self, outgoing ? eb_diagram_edge_get_target_id (edge)
                                                     : eb_diagram_edge_get_source_id (edge));

      if (eb_diagram_edge_get_style (edge) != EB_DIAGRAM_EDGE_LEADS_TO)
        g_ptr_array_add (with, (gpointer) other);
      else
        g_ptr_array_add (outgoing ? leads_to : from, (gpointer) other);
    }

  out = g_string_new (eb_diagram_node_get_label (node));
  count = eb_diagram_node_dup_count_label (node);
  if (count != NULL)
    g_string_append_printf (out, ", %s", count);
  if (leads_to->len > 0)
    {
      g_string_append (out, "; leads to ");
      append_list (out, leads_to);
    }
  if (from->len > 0)
    {
      g_string_append (out, "; from ");
      append_list (out, from);
    }
  if (with->len > 0)
    {
      g_string_append (out, "; associated with ");
      append_list (out, with);
    }
  if (eb_diagram_node_get_group_id (node) != 0)
    {
      EbDiagramGroup *group = eb_diagram_get_group (self, eb_diagram_node_get_group_id (node));

      if (group != NULL)
        g_string_append_printf (out, "; in “%s”", eb_diagram_group_get_label (group));
    }
  return g_string_free (out, FALSE);
}

EbDiagramDirection
eb_diagram_get_direction (EbDiagram *self)
{
  g_return_val_if_fail (EB_IS_DIAGRAM (self), EB_DIAGRAM_LEFT_TO_RIGHT);

  return self->direction;
}

gboolean
eb_diagram_set_direction (EbDiagram           *self,
                          EbDiagramDirection   direction,
                          GError             **error)
{
  g_autofree char *stored = NULL;
  const char *value;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (direction <= EB_DIAGRAM_TOP_TO_BOTTOM, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (direction == self->direction)
    return TRUE;
  value = eb_diagram_direction_to_string (direction);
  stored = eb_project_get_setting (self->project, DIRECTION_KEY);
  step = eb_project_step_new (&step_class, self, "set diagram direction", "diagram",
                              g_strdup (value),
                              g_strdup (direction == EB_DIAGRAM_LEFT_TO_RIGHT
                                        ? "Lay Out Left to Right" : "Lay Out Top to Bottom"));
  eb_project_step_add (step, KIND_SETTING, setting_row_new (DIRECTION_KEY, stored),
                       setting_row_new (DIRECTION_KEY, value));
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_diagram_add_node (EbDiagram           *self,
                     const char          *label,
                     const char * const  *bullets,
                     gint64               theme_id,
                     double               x,
                     double               y,
                     double               width,
                     double               height,
                     gint64              *id,
                     GError             **error)
{
  g_autofree char *checked = NULL;
  EbDiagramNodeRow *row;
  gint64 new_id;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!require_theme (self, theme_id, error))
    return FALSE;
  if (label == NULL && theme_id != 0)
    label = eb_theme_get_name (eb_codebook_get_theme (self->codebook, theme_id));
  if ((checked = check_label (label, "node", error)) == NULL ||
      !check_position (x, y, error) || !check_size (width, height, error) ||
      !eb_project_next_id (self->project, "diagram_nodes", &new_id, error))
    return FALSE;

  row = eb_diagram_node_row_new ();
  row->id = new_id;
  row->theme_id = theme_id;
  g_free (row->label);
  row->label = g_strdup (checked);
  g_strfreev (row->bullets);
  row->bullets = clean_bullets (bullets);
  row->x = round_coordinate (x);
  row->y = round_coordinate (y);
  row->width = round_coordinate (width);
  row->height = round_coordinate (height);

  step = eb_project_step_new (&step_class, self, "add diagram node", checked,
                              g_strdup_printf ("at %g, %g", row->x, row->y),
                              g_strdup_printf ("Add Node “%s”", checked));
  eb_project_step_add (step, KIND_NODE, NULL, row);
  if (!eb_project_step_perform (step, self->undo_stack, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

gboolean
eb_diagram_remove_node (EbDiagram  *self,
                        gint64      id,
                        GError    **error)
{
  g_autoptr(GPtrArray) edges = NULL;
  EbDiagramNode *node;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((node = require_node (self, id, error)) == NULL)
    return FALSE;
  edges = edges_of (self, id);
  step = eb_project_step_new (&step_class, self, "remove diagram node",
                              eb_diagram_node_get_label (node),
                              edges->len > 0 ? g_strdup_printf ("with %u arrow%s", edges->len,
                                                                edges->len == 1 ? "" : "s")
                                             : NULL,
                              g_strdup_printf ("Remove Node “%s”",
                                               eb_diagram_node_get_label (node)));
  for (guint i = 0; i < edges->len; i++)
    {
      EbDiagramEdge *edge = g_ptr_array_index (edges, i);

      eb_project_step_add (step, KIND_EDGE,
                           eb_diagram_edge_row_copy (eb_diagram_edge_get_row (edge)), NULL);
    }
  eb_project_step_add (step, KIND_NODE,
                       eb_diagram_node_row_copy (eb_diagram_node_get_row (node)), NULL);
  add_drop_empty_groups (self, step);
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_diagram_rename_node (EbDiagram   *self,
                        gint64       id,
                        const char  *label,
                        GError     **error)
{
  g_autofree char *checked = NULL;
  EbDiagramNodeRow *after;
  EbDiagramNode *node;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((node = require_node (self, id, error)) == NULL ||
      (checked = check_label (label, "node", error)) == NULL)
    return FALSE;
  after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));
  g_free (after->label);
  after->label = g_strdup (checked);
  return update_node (self, node, after, "rename diagram node",
                      g_strdup_printf ("to “%s”", checked),
                      g_strdup_printf ("Rename “%s”", eb_diagram_node_get_label (node)),
                      FALSE, error);
}

gboolean
eb_diagram_set_node_bullets (EbDiagram           *self,
                             gint64               id,
                             const char * const  *bullets,
                             GError             **error)
{
  EbDiagramNodeRow *after;
  EbDiagramNode *node;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((node = require_node (self, id, error)) == NULL)
    return FALSE;
  after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));
  g_strfreev (after->bullets);
  after->bullets = clean_bullets (bullets);
  return update_node (self, node, after, "edit diagram node bullets",
                      g_strdup_printf ("%u line%s", g_strv_length (after->bullets),
                                       g_strv_length (after->bullets) == 1 ? "" : "s"),
                      g_strdup_printf ("Edit Points of “%s”", eb_diagram_node_get_label (node)),
                      FALSE, error);
}

gboolean
eb_diagram_set_node_theme (EbDiagram  *self,
                           gint64      id,
                           gint64      theme_id,
                           GError    **error)
{
  EbDiagramNodeRow *after;
  EbDiagramNode *node;
  EbTheme *theme;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((node = require_node (self, id, error)) == NULL || !require_theme (self, theme_id, error))
    return FALSE;
  theme = theme_id != 0 ? eb_codebook_get_theme (self->codebook, theme_id) : NULL;
  after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));
  after->theme_id = theme_id;
  if (theme != NULL)
    return update_node (self, node, after, "link diagram node",
                        g_strdup_printf ("to theme “%s”", eb_theme_get_name (theme)),
                        g_strdup_printf ("Link “%s” to “%s”", eb_diagram_node_get_label (node),
                                         eb_theme_get_name (theme)),
                        FALSE, error);
  return update_node (self, node, after, "unlink diagram node", NULL,
                      g_strdup_printf ("Unlink “%s”", eb_diagram_node_get_label (node)),
                      FALSE, error);
}

gboolean
eb_diagram_set_node_shape (EbDiagram       *self,
                           gint64           id,
                           EbDiagramShape   shape,
                           GError         **error)
{
  EbDiagramNodeRow *after;
  EbDiagramNode *node;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (shape <= EB_DIAGRAM_SHAPE_NOTE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((node = require_node (self, id, error)) == NULL)
    return FALSE;
  after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));
  after->shape = shape;
  /* A new shape has a new border: routes ending on the old one go. */
  return update_node (self, node, after, "restyle diagram node",
                      g_strdup (eb_diagram_shape_to_string (shape)),
                      g_strdup_printf ("Change Shape of “%s”", eb_diagram_node_get_label (node)),
                      TRUE, error);
}

gboolean
eb_diagram_set_node_color (EbDiagram   *self,
                           gint64       id,
                           const char  *color,
                           GError     **error)
{
  g_autofree char *checked = NULL;
  EbDiagramNodeRow *after;
  EbDiagramNode *node;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((node = require_node (self, id, error)) == NULL || !check_color (color, &checked, error))
    return FALSE;
  after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));
  g_free (after->color);
  after->color = g_strdup (checked);
  return update_node (self, node, after, "recolour diagram node",
                      g_strdup (checked != NULL ? checked : "theme colour"),
                      g_strdup_printf ("Recolour “%s”", eb_diagram_node_get_label (node)),
                      FALSE, error);
}

gboolean
eb_diagram_move_node (EbDiagram  *self,
                      gint64      id,
                      double      x,
                      double      y,
                      GError    **error)
{
  EbDiagramNodeRow *after;
  EbDiagramNode *node;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((node = require_node (self, id, error)) == NULL || !check_position (x, y, error))
    return FALSE;
  after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));
  after->x = round_coordinate (x);
  after->y = round_coordinate (y);
  return update_node (self, node, after, "move diagram node",
                      g_strdup_printf ("to %g, %g", after->x, after->y),
                      g_strdup_printf ("Move “%s”", eb_diagram_node_get_label (node)),
                      TRUE, error);
}

gboolean
eb_diagram_move_nodes (EbDiagram     *self,
                       const gint64  *ids,
                       guint          n_ids,
                       double         dx,
                       double         dy,
                       GError       **error)
{
  g_autoptr(GHashTable) moving = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *target = NULL;
  guint n_edges;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_position (dx, dy, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      EbDiagramNode *node = require_node (self, ids[i], error);

      if (node == NULL)
        return FALSE;
      if (!check_position (eb_diagram_node_get_x (node) + dx, eb_diagram_node_get_y (node) + dy,
                           error))
        return FALSE;
      g_hash_table_add (moving, new_key (ids[i]));
    }
  if (g_hash_table_size (moving) == 1)
    target = g_strdup (node_label (self, ids[0]));
  else
    target = g_strdup_printf ("%u nodes", g_hash_table_size (moving));
  step = eb_project_step_new (&step_class, self, "move diagram nodes", target,
                              g_strdup_printf ("by %g, %g", dx, dy),
                              g_hash_table_size (moving) == 1
                              ? g_strdup_printf ("Move “%s”", target)
                              : g_strdup_printf ("Move %u Nodes", g_hash_table_size (moving)));

  for (guint i = 0; i < n_ids; i++)
    {
      EbDiagramNode *node = eb_diagram_get_node (self, ids[i]);
      gboolean done = FALSE;

      /* An id given twice moves once. */
      for (guint j = 0; j < i && !done; j++)
        done = ids[j] == ids[i];
      if (!done)
        {
          EbDiagramNodeRow *after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));

          after->x = round_coordinate (after->x + dx);
          after->y = round_coordinate (after->y + dy);
          step_update_node (step, node, after);
        }
    }
  /* Routes between two moved nodes move with them; routes to a node that
   * stays no longer fit and go. */
  n_edges = g_list_model_get_n_items (G_LIST_MODEL (self->edges));
  for (guint i = 0; i < n_edges && eb_project_step_get_n_changes (step) > 0; i++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (G_LIST_MODEL (self->edges), i);
      const EbDiagramEdgeRow *row = eb_diagram_edge_get_row (edge);
      gboolean source = g_hash_table_contains (moving, &row->source_id);
      gboolean target_moves = g_hash_table_contains (moving, &row->target_id);
      EbDiagramEdgeRow *after;

      if ((!source && !target_moves) || row->route == NULL)
        continue;
      after = eb_diagram_edge_row_copy (row);
      g_clear_pointer (&after->route, g_array_unref);
      if (source && target_moves)
        after->route = shift_route (row->route, dx, dy);
      step_update_edge (step, edge, after);
    }
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_diagram_resize_node (EbDiagram  *self,
                        gint64      id,
                        double      width,
                        double      height,
                        GError    **error)
{
  EbDiagramNodeRow *after;
  EbDiagramNode *node;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((node = require_node (self, id, error)) == NULL || !check_size (width, height, error))
    return FALSE;
  after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));
  after->width = round_coordinate (width);
  after->height = round_coordinate (height);
  return update_node (self, node, after, "resize diagram node",
                      g_strdup_printf ("to %g × %g", after->width, after->height),
                      g_strdup_printf ("Resize “%s”", eb_diagram_node_get_label (node)),
                      TRUE, error);
}

/* Two nodes may be joined once; only two plain arrows may run both ways
 * between them (a loop of influence), anything else repeats what an
 * existing edge says. */
static EbDiagramEdge *
find_conflict (EbDiagram          *self,
               gint64              source_id,
               gint64              target_id,
               EbDiagramEdgeStyle  style)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->edges));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (G_LIST_MODEL (self->edges), i);
      gint64 s = eb_diagram_edge_get_source_id (edge);
      gint64 t = eb_diagram_edge_get_target_id (edge);

      if (s == source_id && t == target_id)
        return edge;
      if (s == target_id && t == source_id
          && (style != EB_DIAGRAM_EDGE_LEADS_TO
              || eb_diagram_edge_get_style (edge) != EB_DIAGRAM_EDGE_LEADS_TO))
        return edge;
    }
  return NULL;
}

gboolean
eb_diagram_connect (EbDiagram           *self,
                    gint64               source_id,
                    gint64               target_id,
                    EbDiagramEdgeStyle   style,
                    const char          *label,
                    gint64              *id,
                    GError             **error)
{
  g_autofree char *target = NULL;
  EbDiagramNode *source_node, *target_node;
  EbDiagramEdgeRow *row;
  gint64 new_id;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (style <= EB_DIAGRAM_EDGE_BIDIRECTIONAL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((source_node = require_node (self, source_id, error)) == NULL ||
      (target_node = require_node (self, target_id, error)) == NULL)
    return FALSE;
  if (source_id == target_id)
    {
      g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID,
                   "“%s” cannot lead to itself", eb_diagram_node_get_label (source_node));
      return FALSE;
    }
  if (find_conflict (self, source_id, target_id, style) != NULL)
    {
      g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_DUPLICATE,
                   "“%s” and “%s” are already connected",
                   eb_diagram_node_get_label (source_node),
                   eb_diagram_node_get_label (target_node));
      return FALSE;
    }
  if (label != NULL && !g_utf8_validate (label, -1, NULL))
    {
      g_set_error_literal (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID,
                           "The label of an arrow must be UTF-8 text");
      return FALSE;
    }
  if (!eb_project_next_id (self->project, "diagram_edges", &new_id, error))
    return FALSE;

  row = eb_diagram_edge_row_new ();
  row->id = new_id;
  row->source_id = source_id;
  row->target_id = target_id;
  row->style = style;
  g_free (row->label);
  row->label = g_strstrip (g_strdelimit (g_strdup (label != NULL ? label : ""), "\r\n\t", ' '));

  target = describe_edge (self, row);
  step = eb_project_step_new (&step_class, self, "connect diagram nodes", target,
                              g_strdup (eb_diagram_edge_style_to_string (style)),
                              g_strdup_printf ("Connect “%s” to “%s”",
                                               eb_diagram_node_get_label (source_node),
                                               eb_diagram_node_get_label (target_node)));
  eb_project_step_add (step, KIND_EDGE, NULL, row);
  if (!eb_project_step_perform (step, self->undo_stack, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

gboolean
eb_diagram_disconnect (EbDiagram  *self,
                       gint64      edge_id,
                       GError    **error)
{
  g_autofree char *target = NULL;
  const EbDiagramEdgeRow *row;
  EbDiagramEdge *edge;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((edge = require_edge (self, edge_id, error)) == NULL)
    return FALSE;
  row = eb_diagram_edge_get_row (edge);
  target = describe_edge (self, row);
  step = eb_project_step_new (&step_class, self, "disconnect diagram nodes", target, NULL,
                              g_strdup_printf ("Disconnect “%s” from “%s”",
                                               node_label (self, row->source_id),
                                               node_label (self, row->target_id)));
  eb_project_step_add (step, KIND_EDGE, eb_diagram_edge_row_copy (row), NULL);
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_diagram_set_edge_style (EbDiagram           *self,
                           gint64               edge_id,
                           EbDiagramEdgeStyle   style,
                           GError             **error)
{
  EbDiagramEdgeRow *after;
  EbDiagramEdge *edge;
  EbDiagramEdge *conflict;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (style <= EB_DIAGRAM_EDGE_BIDIRECTIONAL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((edge = require_edge (self, edge_id, error)) == NULL)
    return FALSE;
  conflict = find_conflict (self, eb_diagram_edge_get_source_id (edge),
                            eb_diagram_edge_get_target_id (edge), style);
  if (conflict != NULL && conflict != edge)
    {
      g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_DUPLICATE,
                   "“%s” and “%s” are already connected the other way",
                   node_label (self, eb_diagram_edge_get_source_id (edge)),
                   node_label (self, eb_diagram_edge_get_target_id (edge)));
      return FALSE;
    }
  after = eb_diagram_edge_row_copy (eb_diagram_edge_get_row (edge));
  after->style = style;
  return update_edge (self, edge, after, "restyle diagram edge",
                      g_strdup ("Change Arrow Style"), error);
}

gboolean
eb_diagram_set_edge_label (EbDiagram   *self,
                           gint64       edge_id,
                           const char  *label,
                           GError     **error)
{
  EbDiagramEdgeRow *after;
  EbDiagramEdge *edge;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((edge = require_edge (self, edge_id, error)) == NULL)
    return FALSE;
  if (label != NULL && !g_utf8_validate (label, -1, NULL))
    {
      g_set_error_literal (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID,
                           "The label of an arrow must be UTF-8 text");
      return FALSE;
    }
  after = eb_diagram_edge_row_copy (eb_diagram_edge_get_row (edge));
  g_free (after->label);
  after->label = g_strstrip (g_strdelimit (g_strdup (label != NULL ? label : ""), "\r\n\t", ' '));
  return update_edge (self, edge, after, "label diagram edge", g_strdup ("Label Arrow"), error);
}

gboolean
eb_diagram_add_group (EbDiagram     *self,
                      const char    *label,
                      const gint64  *node_ids,
                      guint          n_ids,
                      gint64        *id,
                      GError       **error)
{
  g_autofree char *checked = NULL;
  EbDiagramGroupRow *row;
  gint64 new_id;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (node_ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((checked = check_label (label, "group", error)) == NULL)
    return FALSE;
  if (n_ids == 0)
    {
      g_set_error_literal (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID,
                           "A group needs at least one node");
      return FALSE;
    }
  for (guint i = 0; i < n_ids; i++)
    if (require_node (self, node_ids[i], error) == NULL)
      return FALSE;
  if (!eb_project_next_id (self->project, "diagram_groups", &new_id, error))
    return FALSE;

  row = eb_diagram_group_row_new ();
  row->id = new_id;
  g_free (row->label);
  row->label = g_strdup (checked);
  step = eb_project_step_new (&step_class, self, "group diagram nodes", checked,
                              g_strdup_printf ("%u node%s", n_ids, n_ids == 1 ? "" : "s"),
                              g_strdup_printf ("Group “%s”", checked));
  eb_project_step_add (step, KIND_GROUP, NULL, row);
  for (guint i = 0; i < n_ids; i++)
    {
      EbDiagramNode *node = eb_diagram_get_node (self, node_ids[i]);

      if (group_after (step, node) != new_id)
        {
          EbDiagramNodeRow *after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));

          after->group_id = new_id;
          step_update_node (step, node, after);
        }
    }
  add_drop_empty_groups (self, step);
  if (!eb_project_step_perform (step, self->undo_stack, error))
    return FALSE;
  if (id != NULL)
    *id = new_id;
  return TRUE;
}

gboolean
eb_diagram_remove_group (EbDiagram  *self,
                         gint64      id,
                         GError    **error)
{
  EbDiagramGroup *group;
  guint n;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((group = require_group (self, id, error)) == NULL)
    return FALSE;
  step = eb_project_step_new (&step_class, self, "ungroup diagram nodes",
                              eb_diagram_group_get_label (group), NULL,
                              g_strdup_printf ("Ungroup “%s”", eb_diagram_group_get_label (group)));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);

      if (eb_diagram_node_get_group_id (node) == id)
        {
          EbDiagramNodeRow *after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));

          after->group_id = 0;
          step_update_node (step, node, after);
        }
    }
  eb_project_step_add (step, KIND_GROUP,
                       eb_diagram_group_row_copy (eb_diagram_group_get_row (group)), NULL);
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_diagram_rename_group (EbDiagram   *self,
                         gint64       id,
                         const char  *label,
                         GError     **error)
{
  g_autofree char *checked = NULL;
  EbDiagramGroupRow *after;
  EbDiagramGroup *group;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((group = require_group (self, id, error)) == NULL ||
      (checked = check_label (label, "group", error)) == NULL)
    return FALSE;
  if (g_strcmp0 (checked, eb_diagram_group_get_label (group)) == 0)
    return TRUE;
  after = eb_diagram_group_row_copy (eb_diagram_group_get_row (group));
  g_free (after->label);
  after->label = g_strdup (checked);
  step = eb_project_step_new (&step_class, self, "rename diagram group",
                              eb_diagram_group_get_label (group),
                              g_strdup_printf ("to “%s”", checked),
                              g_strdup_printf ("Rename “%s”", eb_diagram_group_get_label (group)));
  eb_project_step_add (step, KIND_GROUP,
                       eb_diagram_group_row_copy (eb_diagram_group_get_row (group)), after);
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_diagram_set_node_group (EbDiagram  *self,
                           gint64      node_id,
                           gint64      group_id,
                           GError    **error)
{
  EbDiagramNodeRow *after;
  EbDiagramGroup *group = NULL;
  EbDiagramNode *node;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((node = require_node (self, node_id, error)) == NULL ||
      (group_id != 0 && (group = require_group (self, group_id, error)) == NULL))
    return FALSE;
  if (eb_diagram_node_get_group_id (node) == group_id)
    return TRUE;
  step = eb_project_step_new (&step_class, self,
                              group != NULL ? "group diagram node" : "ungroup diagram node",
                              eb_diagram_node_get_label (node),
                              group != NULL
                              ? g_strdup_printf ("into “%s”", eb_diagram_group_get_label (group))
                              : NULL,
                              group != NULL
                              ? g_strdup_printf ("Move “%s” into “%s”",
                                                 eb_diagram_node_get_label (node),
                                                 eb_diagram_group_get_label (group))
                              : g_strdup_printf ("Take “%s” out of Its Group",
                                                 eb_diagram_node_get_label (node)));
  after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));
  after->group_id = group_id;
  step_update_node (step, node, after);
  add_drop_empty_groups (self, step);
  return eb_project_step_perform (step, self->undo_stack, error);
}

gboolean
eb_diagram_arrange (EbDiagram             *self,
                    EbDiagramMeasureFunc   measure,
                    gpointer               user_data,
                    GError               **error)
{
  g_autoptr(GHashTable) node_index = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, NULL);
  g_autoptr(GHashTable) group_index = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  g_autofree EbDiagramLayoutNode *nodes = NULL;
  g_autofree EbDiagramLayoutEdge *edges = NULL;
  g_autofree const char **labels = NULL;
  guint n_nodes, n_edges, n_groups;
  EbProjectStep *step;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_nodes = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  n_edges = g_list_model_get_n_items (G_LIST_MODEL (self->edges));
  n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  if (n_nodes == 0)
    return TRUE;

  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(EbDiagramGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), g);

      g_hash_table_insert (group_index, new_key (eb_diagram_group_get_id (group)),
                           GUINT_TO_POINTER (g + 1));
    }
  nodes = g_new0 (EbDiagramLayoutNode, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      const EbDiagramNodeRow *row = eb_diagram_node_get_row (node);
      guint group = GPOINTER_TO_UINT (g_hash_table_lookup (group_index, &row->group_id));

      measure_node (row, measure, user_data, &nodes[i].width, &nodes[i].height);
      nodes[i].group = (int) group - 1;
      g_hash_table_insert (node_index, new_key (row->id), GUINT_TO_POINTER (i));
    }
  edges = g_new0 (EbDiagramLayoutEdge, MAX (n_edges, 1));
  labels = g_new0 (const char *, MAX (n_edges, 1));
  for (guint i = 0; i < n_edges; i++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (G_LIST_MODEL (self->edges), i);
      gint64 source_id = eb_diagram_edge_get_source_id (edge);
      gint64 target_id = eb_diagram_edge_get_target_id (edge);

      edges[i].source = GPOINTER_TO_UINT (g_hash_table_lookup (node_index, &source_id));
      edges[i].target = GPOINTER_TO_UINT (g_hash_table_lookup (node_index, &target_id));
      labels[i] = eb_diagram_edge_get_label (edge);
    }
  if (!run_layout (self->direction, nodes, n_nodes, edges, n_edges, n_groups, labels,
                   measure, user_data, error))
    return FALSE;

  step = eb_project_step_new (&step_class, self, "arrange diagram", "diagram",
                              g_strdup (self->direction == EB_DIAGRAM_LEFT_TO_RIGHT
                                        ? "left to right" : "top to bottom"),
                              g_strdup ("Arrange Automatically"));
  for (guint i = 0; i < n_nodes; i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      EbDiagramNodeRow *after = eb_diagram_node_row_copy (eb_diagram_node_get_row (node));

      after->x = round_coordinate (nodes[i].x);
      after->y = round_coordinate (nodes[i].y);
      after->width = round_coordinate (nodes[i].width);
      after->height = round_coordinate (nodes[i].height);
      step_update_node (step, node, after);
    }
  for (guint i = 0; i < n_edges; i++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (G_LIST_MODEL (self->edges), i);
      EbDiagramEdgeRow *after = eb_diagram_edge_row_copy (eb_diagram_edge_get_row (edge));

      g_clear_pointer (&after->route, g_array_unref);
      after->route = shift_route (edges[i].route, 0, 0);
      g_clear_pointer (&edges[i].route, g_array_unref);
      step_update_edge (step, edge, after);
    }
  return eb_project_step_perform (step, self->undo_stack, error);
}

/* ---- eb-diagram-private.h ---- */

/* The first of NAMES the codebook has, or 0. */
static gint64
find_theme (EbDiagram          *self,
            const char * const *names)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      EbTheme *theme = eb_codebook_find_theme (self->codebook, names[i]);

      if (theme != NULL)
        return eb_theme_get_id (theme);
    }
  return 0;
}

/* Where a sketch goes: at the origin of an empty diagram, else under the
 * lowest node, from the left edge of the leftmost. */
static void
sketch_origin (EbDiagram *self,
               double    *x,
               double    *y)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  double left = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;

  *x = *y = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      double height = eb_diagram_node_get_height (node);

      left = MIN (left, eb_diagram_node_get_x (node));
      bottom = MAX (bottom, eb_diagram_node_get_y (node)
                            + (height > 0 ? height : DEFAULT_HEIGHT));
    }
  if (n > 0)
    {
      *x = left;
      *y = bottom + SKETCH_GAP;
    }
}

gboolean
eb_diagram_insert_sketch (EbDiagram              *self,
                          const EbDiagramSketch  *sketch,
                          EbDiagramMeasureFunc    measure,
                          gpointer                user_data,
                          GError                **error)
{
  g_autofree EbDiagramLayoutNode *nodes = NULL;
  g_autofree EbDiagramLayoutEdge *edges = NULL;
  g_autofree const char **labels = NULL;
  g_autofree gint64 *group_ids = NULL;
  g_autofree gint64 *node_ids = NULL;
  g_autoptr(EbProjectStep) step = NULL;
  EbDiagramDirection direction;
  gint64 first_node, first_edge, first_group;
  double origin_x, origin_y;
  gboolean empty;

  g_return_val_if_fail (EB_IS_DIAGRAM (self), FALSE);
  g_return_val_if_fail (sketch != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sketch->n_nodes == 0)
    return TRUE;
  if (!eb_project_next_id (self->project, "diagram_nodes", &first_node, error) ||
      !eb_project_next_id (self->project, "diagram_edges", &first_edge, error) ||
      !eb_project_next_id (self->project, "diagram_groups", &first_group, error))
    return FALSE;
  empty = eb_diagram_is_empty (self);
  direction = empty ? sketch->direction : self->direction;

  step = eb_project_step_new (&step_class, self, "insert diagram template", sketch->title, NULL,
                              g_strdup_printf ("Insert “%s”", sketch->title));
  if (empty && direction != self->direction)
    {
      g_autofree char *stored = eb_project_get_setting (self->project, DIRECTION_KEY);

      eb_project_step_add (step, KIND_SETTING, setting_row_new (DIRECTION_KEY, stored),
                           setting_row_new (DIRECTION_KEY,
                                            eb_diagram_direction_to_string (direction)));
    }

  group_ids = g_new0 (gint64, MAX (sketch->n_groups, 1));
  for (guint g = 0; g < sketch->n_groups; g++)
    {
      EbDiagramGroupRow *row = eb_diagram_group_row_new ();

      row->id = group_ids[g] = first_group + g;
      g_free (row->label);
      row->label = g_strdup (sketch->groups[g]);
      eb_project_step_add (step, KIND_GROUP, NULL, row);
    }

  /* Rows first, to measure them; positions once laid out. */
  nodes = g_new0 (EbDiagramLayoutNode, sketch->n_nodes);
  node_ids = g_new0 (gint64, sketch->n_nodes);
  for (guint i = 0; i < sketch->n_nodes; i++)
    {
      const EbDiagramSketchNode *spec = &sketch->nodes[i];
      EbDiagramNodeRow *row = eb_diagram_node_row_new ();

      row->id = node_ids[i] = first_node + i;
      row->theme_id = find_theme (self, spec->themes);
      row->group_id = spec->group >= 0 && (guint) spec->group < sketch->n_groups
                      ? group_ids[spec->group] : 0;
      g_free (row->label);
      row->label = g_strdup (spec->label);
      g_strfreev (row->bullets);
      row->bullets = clean_bullets (spec->bullets);
      measure_node (row, measure, user_data, &nodes[i].width, &nodes[i].height);
      nodes[i].group = row->group_id != 0 ? spec->group : -1;
      eb_project_step_add (step, KIND_NODE, NULL, row);
    }
  edges = g_new0 (EbDiagramLayoutEdge, MAX (sketch->n_edges, 1));
  labels = g_new0 (const char *, MAX (sketch->n_edges, 1));
  for (guint i = 0; i < sketch->n_edges; i++)
    {
      g_return_val_if_fail (sketch->edges[i].source < sketch->n_nodes
                            && sketch->edges[i].target < sketch->n_nodes, FALSE);
      edges[i].source = sketch->edges[i].source;
      edges[i].target = sketch->edges[i].target;
      labels[i] = sketch->edges[i].label;
    }
  if (!run_layout (direction, nodes, sketch->n_nodes, edges, sketch->n_edges, sketch->n_groups,
                   labels, measure, user_data, error))
    return FALSE;

  sketch_origin (self, &origin_x, &origin_y);
  for (guint i = 0, n = 0; i < eb_project_step_get_n_changes (step); i++)
    {
      gpointer after;
      EbDiagramNodeRow *row;

      if (eb_project_step_get_change (step, i, TRUE, NULL, &after) != KIND_NODE)
        continue;
      row = after;
      row->x = round_coordinate (origin_x + nodes[n].x);
      row->y = round_coordinate (origin_y + nodes[n].y);
      row->width = round_coordinate (nodes[n].width);
      row->height = round_coordinate (nodes[n].height);
      n++;
    }
  for (guint i = 0; i < sketch->n_edges; i++)
    {
      EbDiagramEdgeRow *row = eb_diagram_edge_row_new ();

      row->id = first_edge + i;
      row->source_id = node_ids[sketch->edges[i].source];
      row->target_id = node_ids[sketch->edges[i].target];
      row->style = sketch->edges[i].style;
      g_free (row->label);
      row->label = g_strdup (sketch->edges[i].label != NULL ? sketch->edges[i].label : "");
      row->route = shift_route (edges[i].route, origin_x, origin_y);
      g_clear_pointer (&edges[i].route, g_array_unref);
      eb_project_step_add (step, KIND_EDGE, NULL, row);
    }
  eb_project_step_set_detail (step, g_strdup_printf ("%u nodes, %u arrows", sketch->n_nodes,
                                                     sketch->n_edges));
  return eb_project_step_perform (g_steal_pointer (&step), self->undo_stack, error);
}
