/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "coding-analysis.h"
#include "coding-test-util.h"
#include "diagram-templates.h"
#include "eb-diagram.h"
#include "eb-project-private.h"
#include "example-codebook.h"
#include "survey-import.h"

/* The diagram model: every action stored, audited and undoable, exactly;
 * the lists' items-changed; persistence; live counts from the coding;
 * the templates. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  Fixture    base;
  EbDiagram *diagram;
  /* Made by make_basic(): A (Sharing ideas), B (Confidence), C and D;
   * A → B (leads to), B – C (associated); group G around A and D. */
  gint64     a, b, c, d;
  gint64     ab, bc;
  gint64     g;
} DFixture;

typedef void (*Action) (DFixture *f);

/* ---- Fixture ---- */

static void
open_diagram (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  f->diagram = eb_diagram_new (f->base.store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->diagram);
}

static void
d_set_up (DFixture      *f,
          gconstpointer  data)
{
  fixture_set_up (&f->base, data);
  populate (&f->base);
  open_diagram (f);
}

static void
d_tear_down (DFixture      *f,
             gconstpointer  data)
{
  if (f->diagram != NULL)
    g_assert_finalize_object (f->diagram);
  fixture_tear_down (&f->base, data);
}

static void
d_reopen (DFixture *f)
{
  g_assert_finalize_object (f->diagram);
  fixture_reopen (&f->base);
  open_diagram (f);
}

static EbUndoStack *
stack_of (DFixture *f)
{
  return eb_coding_store_get_undo_stack (f->base.store);
}

static gint64
add_node (DFixture   *f,
          const char *label,
          gint64      theme_id,
          double      x,
          double      y)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (eb_diagram_add_node (f->diagram, label, NULL, theme_id, x, y, 0, 0, &id,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
connect (DFixture           *f,
         gint64              source,
         gint64              target,
         EbDiagramEdgeStyle  style,
         const char         *label)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (eb_diagram_connect (f->diagram, source, target, style, label, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
make_basic (DFixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 members[2];

  f->a = add_node (f, NULL, f->base.themes[IDEAS], 0, 0);
  f->b = add_node (f, "Confidence grows", f->base.themes[CONFIDENCE], 200, 0);
  f->c = add_node (f, "Practice", 0, 400, 0);
  f->d = add_node (f, "Resources", 0, 0, 100);
  f->ab = connect (f, f->a, f->b, EB_DIAGRAM_EDGE_LEADS_TO, "because");
  f->bc = connect (f, f->b, f->c, EB_DIAGRAM_EDGE_ASSOCIATED, NULL);
  members[0] = f->a;
  members[1] = f->d;
  g_assert_true (eb_diagram_add_group (f->diagram, "Sessions", members, 2, &f->g, &error));
  g_assert_no_error (error);
  eb_undo_stack_clear (stack_of (f));
}

/* Sizes from the text without Pango: the core's hook, exercised. */
static void
fake_measure (const EbDiagramText *text,
              double              *width,
              double              *height,
              gpointer             user_data)
{
  guint *calls = user_data;
  guint n_bullets = text->bullets != NULL ? g_strv_length ((char **) text->bullets) : 0;

  if (calls != NULL)
    (*calls)++;
  *width = 20 + 6.0 * MIN (g_utf8_strlen (text->label, -1), 20);
  *height = text->kind == EB_DIAGRAM_TEXT_NODE ? 30 + 12.0 * n_bullets + (text->linked ? 12 : 0)
                                               : 12;
}

/* ---- Dumps ---- */

static void
dump_rows (GString    *out,
           EbProject  *project,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (eb_project_get_database (project), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_string_append_printf (out, "[%s]\n", sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          g_string_append (out, c > 0 ? " | " : "");
          if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
            g_string_append (out, "NULL");
          else
            g_string_append (out, (const char *) sqlite3_column_text (stmt, c));
        }
      g_string_append_c (out, '\n');
    }
}

/* Every diagram row with every column: what "exactly the same" means. */
static char *
dump_file (EbProject *project)
{
  GString *out = g_string_new (NULL);

  dump_rows (out, project, "SELECT * FROM diagram_nodes ORDER BY id");
  dump_rows (out, project, "SELECT * FROM diagram_edges ORDER BY id");
  dump_rows (out, project, "SELECT * FROM diagram_groups ORDER BY id");
  dump_rows (out, project, "SELECT * FROM settings WHERE key LIKE 'diagram.%' ORDER BY key");
  return g_string_free (out, FALSE);
}

/* The same seen through the models, live counts included. */
static char *
dump_model (EbDiagram *diagram)
{
  GListModel *nodes = eb_diagram_get_nodes (diagram);
  GListModel *edges = eb_diagram_get_edges (diagram);
  GListModel *groups = eb_diagram_get_groups (diagram);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "direction %s\n",
                          eb_diagram_direction_to_string (eb_diagram_get_direction (diagram)));
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);
      g_autofree char *bullets = g_strjoinv ("|", (char **) eb_diagram_node_get_bullets (node));
      g_autofree char *count = eb_diagram_node_dup_count_label (node);

      g_assert_true (eb_diagram_get_node (diagram, eb_diagram_node_get_id (node)) == node);
      g_string_append_printf (out, "node %" G_GINT64_FORMAT " “%s” [%s] %s %s theme %"
                              G_GINT64_FORMAT " (%s, %s) group %" G_GINT64_FORMAT
                              " at %g,%g size %g×%g %s\n",
                              eb_diagram_node_get_id (node), eb_diagram_node_get_label (node),
                              bullets,
                              eb_diagram_shape_to_string (eb_diagram_node_get_shape (node)),
                              eb_diagram_node_get_color (node) != NULL
                              ? eb_diagram_node_get_color (node) : "-",
                              eb_diagram_node_get_theme_id (node),
                              eb_diagram_node_get_theme_name (node) != NULL
                              ? eb_diagram_node_get_theme_name (node) : "-",
                              eb_diagram_node_get_accent (node) != NULL
                              ? eb_diagram_node_get_accent (node) : "-",
                              eb_diagram_node_get_group_id (node),
                              eb_diagram_node_get_x (node), eb_diagram_node_get_y (node),
                              eb_diagram_node_get_width (node), eb_diagram_node_get_height (node),
                              count != NULL ? count : "-");
    }
  for (guint i = 0; i < g_list_model_get_n_items (edges); i++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (edges, i);
      const EbDiagramPoint *route;
      guint n;

      g_assert_true (eb_diagram_get_edge (diagram, eb_diagram_edge_get_id (edge)) == edge);
      /* No edge whose node is gone. */
      g_assert_nonnull (eb_diagram_get_node (diagram, eb_diagram_edge_get_source_id (edge)));
      g_assert_nonnull (eb_diagram_get_node (diagram, eb_diagram_edge_get_target_id (edge)));
      route = eb_diagram_edge_get_route (edge, &n);
      g_string_append_printf (out, "edge %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " → %"
                              G_GINT64_FORMAT " %s “%s” route",
                              eb_diagram_edge_get_id (edge), eb_diagram_edge_get_source_id (edge),
                              eb_diagram_edge_get_target_id (edge),
                              eb_diagram_edge_style_to_string (eb_diagram_edge_get_style (edge)),
                              eb_diagram_edge_get_label (edge));
      for (guint p = 0; p < n; p++)
        g_string_append_printf (out, " %g,%g", route[p].x, route[p].y);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(EbDiagramGroup) group = g_list_model_get_item (groups, i);

      g_assert_true (eb_diagram_get_group (diagram, eb_diagram_group_get_id (group)) == group);
      g_string_append_printf (out, "group %" G_GINT64_FORMAT " “%s”\n",
                              eb_diagram_group_get_id (group), eb_diagram_group_get_label (group));
    }
  return g_string_free (out, FALSE);
}

/* The models must equal those of a diagram freshly loaded from the file. */
static void
assert_model_matches_file (DFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbDiagram) fresh = eb_diagram_new (f->base.store, &error);
  g_autofree char *ours = dump_model (f->diagram);
  g_autofree char *theirs = NULL;

  g_assert_no_error (error);
  theirs = dump_model (fresh);
  g_assert_cmpstr (ours, ==, theirs);
}

static char *
last_audit (EbProject  *project,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM audit ORDER BY id DESC LIMIT 1",
                                          column);

  return query_text (project, sql);
}

static void
changed_cb (EbDiagram *diagram,
            guint     *count)
{
  (*count)++;
}

/* Does ACTION and checks that it is one transaction with one audit row by
 * the coder and one undo step labelled LABEL; that undo brings back
 * exactly the state before (file and models, ids and positions included)
 * with an "undo: …" row, and redo exactly the state after with a "redo: …"
 * row; and that "changed" is emitted once each time. */
static void
check_step (DFixture   *f,
            Action      action,
            const char *label,
            const char *audit_action)
{
  EbUndoStack *stack = stack_of (f);
  EbProject *project = f->base.project;
  g_autofree char *before_file = dump_file (project);
  g_autofree char *before_model = dump_model (f->diagram);
  g_autofree char *after_file = NULL;
  g_autofree char *after_model = NULL;
  g_autofree char *expected_label = g_strdup_printf ("Undo %s", label);
  g_autofree char *undo_action = g_strdup_printf ("undo: %s", audit_action);
  g_autofree char *redo_action = g_strdup_printf ("redo: %s", audit_action);
  g_autofree char *done = NULL;
  g_autofree char *user = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(GError) error = NULL;
  guint n_undo = eb_undo_stack_get_n_undo (stack);
  gint64 n_audit = count_rows (project, "SELECT count(*) FROM audit");
  guint changed = 0;
  gulong handler = g_signal_connect (f->diagram, "changed", G_CALLBACK (changed_cb), &changed);

  action (f);
  after_file = dump_file (project);
  after_model = dump_model (f->diagram);
  g_assert_cmpstr (after_file, !=, before_file);
  g_assert_cmpstr (after_model, !=, before_model);
  assert_model_matches_file (f);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, n_undo + 1);
  g_assert_cmpuint (eb_undo_stack_get_n_redo (stack), ==, 0);
  g_assert_cmpstr (eb_undo_stack_get_undo_label (stack), ==, expected_label);
  g_assert_cmpint (count_rows (project, "SELECT count(*) FROM audit"), ==, n_audit + 1);
  done = last_audit (project, "action");
  user = last_audit (project, "user");
  g_assert_cmpstr (done, ==, audit_action);
  g_assert_cmpstr (user, ==, "Ada");

  g_assert_true (eb_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  {
    g_autofree char *file = dump_file (project);
    g_autofree char *model = dump_model (f->diagram);

    g_assert_cmpstr (file, ==, before_file);
    g_assert_cmpstr (model, ==, before_model);
  }
  assert_model_matches_file (f);
  g_assert_cmpuint (changed, ==, 2);
  undone = last_audit (project, "action");
  g_assert_cmpstr (undone, ==, undo_action);

  g_assert_true (eb_undo_stack_redo (stack, &error));
  g_assert_no_error (error);
  {
    g_autofree char *file = dump_file (project);
    g_autofree char *model = dump_model (f->diagram);

    g_assert_cmpstr (file, ==, after_file);
    g_assert_cmpstr (model, ==, after_model);
  }
  assert_model_matches_file (f);
  g_assert_cmpuint (changed, ==, 3);
  redone = last_audit (project, "action");
  g_assert_cmpstr (redone, ==, redo_action);
  g_assert_cmpint (count_rows (project, "SELECT count(*) FROM audit"), ==, n_audit + 3);
  g_signal_handler_disconnect (f->diagram, handler);
}

/* ---- Actions ---- */

static void
do_add_node (DFixture *f)
{
  static const char * const bullets[] = { "  First point ", "", "Second\npoint", NULL };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (eb_diagram_add_node (f->diagram, "  New idea ", bullets, 0, 10.5, 20.25, 0, 0,
                                      &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 5);
}

static void
do_add_theme_node (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_add_node (f->diagram, NULL, NULL, f->base.themes[SAFE], 0, 300,
                                      150, 60, NULL, &error));
  g_assert_no_error (error);
}

static void
do_remove_node (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  /* B has two edges. */
  g_assert_true (eb_diagram_remove_node (f->diagram, f->b, &error));
  g_assert_no_error (error);
}

static void
do_remove_grouped (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_remove_node (f->diagram, f->d, &error));
  g_assert_no_error (error);
}

static void
do_rename (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_rename_node (f->diagram, f->c, "Improved practice", &error));
  g_assert_no_error (error);
}

static void
do_bullets (DFixture *f)
{
  static const char * const bullets[] = { "Games", "Lessons", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_set_node_bullets (f->diagram, f->d, bullets, &error));
  g_assert_no_error (error);
}

static void
do_link (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_set_node_theme (f->diagram, f->c, f->base.themes[SAFE], &error));
  g_assert_no_error (error);
}

static void
do_unlink (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_set_node_theme (f->diagram, f->a, 0, &error));
  g_assert_no_error (error);
}

static void
do_shape (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_set_node_shape (f->diagram, f->c, EB_DIAGRAM_SHAPE_ELLIPSE, &error));
  g_assert_no_error (error);
}

static void
do_color (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_set_node_color (f->diagram, f->a, "#1B9E77", &error));
  g_assert_no_error (error);
}

static void
do_move (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_move_node (f->diagram, f->c, 420.125, -30, &error));
  g_assert_no_error (error);
}

static void
do_move_many (DFixture *f)
{
  gint64 ids[3] = { f->a, f->b, f->a };
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_move_nodes (f->diagram, ids, 3, 12, -8, &error));
  g_assert_no_error (error);
}

static void
do_resize (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_resize_node (f->diagram, f->b, 180, 64, &error));
  g_assert_no_error (error);
}

static void
do_connect (DFixture *f)
{
  connect (f, f->d, f->b, EB_DIAGRAM_EDGE_BIDIRECTIONAL, "with");
}

static void
do_disconnect (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_disconnect (f->diagram, f->ab, &error));
  g_assert_no_error (error);
}

static void
do_edge_style (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_set_edge_style (f->diagram, f->bc, EB_DIAGRAM_EDGE_LEADS_TO, &error));
  g_assert_no_error (error);
}

static void
do_edge_label (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_set_edge_label (f->diagram, f->ab, "raises", &error));
  g_assert_no_error (error);
}

static void
do_group (DFixture *f)
{
  gint64 members[2] = { f->b, f->c };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (eb_diagram_add_group (f->diagram, "Back at school", members, 2, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 2);
}

/* Taking both of G's nodes into a new group leaves G empty: it goes too. */
static void
do_regroup (DFixture *f)
{
  gint64 members[3] = { f->a, f->d, f->b };
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_add_group (f->diagram, "Everything", members, 3, NULL, &error));
  g_assert_no_error (error);
}

static void
do_ungroup (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_remove_group (f->diagram, f->g, &error));
  g_assert_no_error (error);
}

static void
do_rename_group (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_rename_group (f->diagram, f->g, "Face-to-face sessions", &error));
  g_assert_no_error (error);
}

static void
do_node_group (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_set_node_group (f->diagram, f->c, f->g, &error));
  g_assert_no_error (error);
}

static void
do_direction (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_set_direction (f->diagram, EB_DIAGRAM_TOP_TO_BOTTOM, &error));
  g_assert_no_error (error);
}

static void
do_arrange (DFixture *f)
{
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  g_assert_true (eb_diagram_arrange (f->diagram, fake_measure, &calls, &error));
  g_assert_no_error (error);
  /* Four nodes, the one edge label, the group's tab. */
  g_assert_cmpuint (calls, ==, 6);
}

static void
do_template (DFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_apply_template (f->diagram, EB_DIAGRAM_TEMPLATE_LOGIC_MODEL,
                                            fake_measure, NULL, &error));
  g_assert_no_error (error);
}

/* ---- Tests ---- */

static void
test_undo_each (DFixture      *f,
                gconstpointer  data)
{
  static const struct {
    Action      action;
    const char *label;
    const char *audit;
  } steps[] = {
    { do_add_node, "Add Node “New idea”", "add diagram node" },
    { do_add_theme_node, "Add Node “Safe space”", "add diagram node" },
    { do_remove_node, "Remove Node “Confidence grows”", "remove diagram node" },
    { do_remove_grouped, "Remove Node “Resources”", "remove diagram node" },
    { do_rename, "Rename “Practice”", "rename diagram node" },
    { do_bullets, "Edit Points of “Resources”", "edit diagram node bullets" },
    { do_link, "Link “Practice” to “Safe space”", "link diagram node" },
    { do_unlink, "Unlink “Sharing ideas”", "unlink diagram node" },
    { do_shape, "Change Shape of “Practice”", "restyle diagram node" },
    { do_color, "Recolour “Sharing ideas”", "recolour diagram node" },
    { do_move, "Move “Practice”", "move diagram node" },
    { do_move_many, "Move 2 Nodes", "move diagram nodes" },
    { do_resize, "Resize “Confidence grows”", "resize diagram node" },
    { do_connect, "Connect “Resources” to “Confidence grows”", "connect diagram nodes" },
    { do_disconnect, "Disconnect “Sharing ideas” from “Confidence grows”",
      "disconnect diagram nodes" },
    { do_edge_style, "Change Arrow Style", "restyle diagram edge" },
    { do_edge_label, "Label Arrow", "label diagram edge" },
    { do_group, "Group “Back at school”", "group diagram nodes" },
    { do_regroup, "Group “Everything”", "group diagram nodes" },
    { do_ungroup, "Ungroup “Sessions”", "ungroup diagram nodes" },
    { do_rename_group, "Rename “Sessions”", "rename diagram group" },
    { do_node_group, "Move “Practice” into “Sessions”", "group diagram node" },
    { do_direction, "Lay Out Top to Bottom", "set diagram direction" },
    { do_arrange, "Arrange Automatically", "arrange diagram" },
    { do_template, "Insert “Logic Model”", "insert diagram template" },
  };

  make_basic (f);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_test_message ("%s", steps[i].label);
      check_step (f, steps[i].action, steps[i].label, steps[i].audit);
      /* Back to the basic diagram for the next. */
      g_assert_true (eb_undo_stack_undo (stack_of (f), NULL));
      eb_undo_stack_clear (stack_of (f));
    }
}

static void
test_add_node (DFixture      *f,
               gconstpointer  data)
{
  EbDiagramNode *node;
  g_autofree char *label = NULL;
  g_autofree char *bullets = NULL;

  make_basic (f);
  do_add_node (f);
  node = eb_diagram_get_node (f->diagram, 5);
  g_assert_nonnull (node);
  g_assert_cmpstr (eb_diagram_node_get_label (node), ==, "New idea");
  g_assert_cmpuint (g_strv_length ((char **) eb_diagram_node_get_bullets (node)), ==, 2);
  g_assert_cmpstr (eb_diagram_node_get_bullets (node)[0], ==, "First point");
  g_assert_cmpstr (eb_diagram_node_get_bullets (node)[1], ==, "Second point");
  g_assert_cmpfloat (eb_diagram_node_get_x (node), ==, 10.5);
  g_assert_cmpfloat (eb_diagram_node_get_y (node), ==, 20.25);
  g_assert_cmpint (eb_diagram_node_get_shape (node), ==, EB_DIAGRAM_SHAPE_ROUNDED);
  g_assert_null (eb_diagram_node_dup_count_label (node));
  g_assert_false (eb_diagram_is_empty (f->diagram));
  label = query_text (f->base.project, "SELECT label FROM diagram_nodes WHERE id = 5");
  g_assert_cmpstr (label, ==, "New idea");
  bullets = query_text (f->base.project, "SELECT bullets FROM diagram_nodes WHERE id = 5");
  g_assert_cmpstr (bullets, ==, "First point\nSecond point");
  /* A theme's node takes the theme's name. */
  node = eb_diagram_get_node (f->diagram, f->a);
  g_assert_cmpstr (eb_diagram_node_get_label (node), ==, "Sharing ideas");
  g_assert_cmpint (eb_diagram_node_get_theme_id (node), ==, f->base.themes[IDEAS]);
}

typedef struct
{
  GString *log;
} Recorder;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  const char *which = g_list_model_get_item_type (model) == EB_TYPE_DIAGRAM_NODE ? "n"
                      : g_list_model_get_item_type (model) == EB_TYPE_DIAGRAM_EDGE ? "e" : "g";

  g_string_append_printf (recorder->log, "%s(%u,%u,%u)", which, position, removed, added);
}

static char *
take_log (Recorder *recorder)
{
  char *log = g_strdup (recorder->log->str);

  g_string_truncate (recorder->log, 0);
  return log;
}

/* Precise items-changed, edges before their nodes on removal and after
 * them on insertion, so that a view never sees an edge without its ends. */
static void
test_items_changed (DFixture      *f,
                    gconstpointer  data)
{
  Recorder recorder = { g_string_new (NULL) };
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;

  make_basic (f);
  g_signal_connect (eb_diagram_get_nodes (f->diagram), "items-changed",
                    G_CALLBACK (items_changed_cb), &recorder);
  g_signal_connect (eb_diagram_get_edges (f->diagram), "items-changed",
                    G_CALLBACK (items_changed_cb), &recorder);
  g_signal_connect (eb_diagram_get_groups (f->diagram), "items-changed",
                    G_CALLBACK (items_changed_cb), &recorder);

  add_node (f, "Fifth", 0, 0, 0);
  log = take_log (&recorder);
  g_assert_cmpstr (log, ==, "n(4,0,1)");
  g_clear_pointer (&log, g_free);

  g_assert_true (eb_diagram_remove_node (f->diagram, f->b, &error));
  log = take_log (&recorder);
  g_assert_cmpstr (log, ==, "e(0,1,0)e(0,1,0)n(1,1,0)");
  g_clear_pointer (&log, g_free);

  g_assert_true (eb_undo_stack_undo (stack_of (f), &error));
  log = take_log (&recorder);
  g_assert_cmpstr (log, ==, "n(1,0,1)e(0,0,1)e(0,0,1)");
  g_clear_pointer (&log, g_free);

  /* A node moving changes no list: it notifies. */
  g_assert_true (eb_diagram_move_node (f->diagram, f->a, 5, 5, &error));
  log = take_log (&recorder);
  g_assert_cmpstr (log, ==, "");
  g_clear_pointer (&log, g_free);

  /* Removing a group's last node takes the group along. */
  g_assert_true (eb_diagram_remove_node (f->diagram, f->a, &error));
  g_assert_true (eb_diagram_remove_node (f->diagram, f->d, &error));
  log = take_log (&recorder);
  g_assert_cmpstr (log, ==, "e(0,1,0)n(0,1,0)n(2,1,0)g(0,1,0)");
  g_clear_pointer (&log, g_free);
  g_assert_true (eb_undo_stack_undo (stack_of (f), &error));
  log = take_log (&recorder);
  g_assert_cmpstr (log, ==, "g(0,0,1)n(2,0,1)");
  g_clear_pointer (&log, g_free);
  g_assert_no_error (error);

  g_signal_handlers_disconnect_by_data (eb_diagram_get_nodes (f->diagram), &recorder);
  g_signal_handlers_disconnect_by_data (eb_diagram_get_edges (f->diagram), &recorder);
  g_signal_handlers_disconnect_by_data (eb_diagram_get_groups (f->diagram), &recorder);
  g_string_free (recorder.log, TRUE);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup (pspec->name));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names notified, in alphabetical order (GObject may emit a frozen
 * queue in either order). */
static char *
take_names (GPtrArray *log)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_ptr_array_sort (log, compare_names);
  for (guint i = 0; i < log->len; i++)
    g_string_append_printf (out, "%s;", (const char *) g_ptr_array_index (log, i));
  g_ptr_array_set_size (log, 0);
  return g_strdup (out->str);
}

static void
test_notify (DFixture      *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  EbDiagramNode *node;

  make_basic (f);
  node = eb_diagram_get_node (f->diagram, f->c);
  g_signal_connect (node, "notify", G_CALLBACK (notify_cb), log);
  g_assert_true (eb_diagram_move_node (f->diagram, f->c, 400, 50, &error));
  names = take_names (log);
  g_assert_cmpstr (names, ==, "y;");
  g_clear_pointer (&names, g_free);
  g_assert_true (eb_diagram_set_node_theme (f->diagram, f->c, f->base.themes[SAFE], &error));
  names = take_names (log);
  g_assert_cmpstr (names, ==, "n-quotes;n-respondents;theme-id;theme-name;");
  g_clear_pointer (&names, g_free);
  /* Moving to where it is changes nothing: no step, no notification. */
  g_assert_true (eb_diagram_move_node (f->diagram, f->c, 400, 50, &error));
  names = take_names (log);
  g_assert_cmpstr (names, ==, "");
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack_of (f)), ==, 2);
  g_signal_handlers_disconnect_by_data (node, log);
}

static void
test_persistence (DFixture      *f,
                  gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  make_basic (f);
  do_bullets (f);
  do_color (f);
  do_shape (f);
  g_assert_true (eb_diagram_set_direction (f->diagram, EB_DIAGRAM_TOP_TO_BOTTOM, &error));
  g_assert_true (eb_diagram_arrange (f->diagram, fake_measure, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (eb_diagram_move_node (f->diagram, f->c, 333.33, 44.5, &error));
  before = dump_model (f->diagram);

  d_reopen (f);
  after = dump_model (f->diagram);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (eb_diagram_get_direction (f->diagram), ==, EB_DIAGRAM_TOP_TO_BOTTOM);
  /* The dragged node kept its place, and its edges' routes are gone. */
  g_assert_cmpfloat (eb_diagram_node_get_x (eb_diagram_get_node (f->diagram, f->c)), ==, 333.33);
  g_assert_cmpfloat (eb_diagram_node_get_y (eb_diagram_get_node (f->diagram, f->c)), ==, 44.5);
  g_assert_true (eb_undo_stack_get_n_undo (stack_of (f)) == 0);
}

static void
test_audit (DFixture      *f,
            gconstpointer  data)
{
  g_autofree char *target = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *user = NULL;

  make_basic (f);
  eb_coding_store_set_coder (f->base.store, "Grace");
  do_move (f);
  target = last_audit (f->base.project, "target");
  detail = last_audit (f->base.project, "detail");
  user = last_audit (f->base.project, "user");
  g_assert_cmpstr (target, ==, "Practice");
  g_assert_cmpstr (detail, ==, "to 420.13, -30");
  g_assert_cmpstr (user, ==, "Grace");
  g_clear_pointer (&target, g_free);
  do_connect (f);
  target = last_audit (f->base.project, "target");
  g_assert_cmpstr (target, ==, "“Resources” ↔ “Confidence grows”");
}

static void
test_errors (DFixture      *f,
             gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_audit;
  gint64 members[1] = { 99 };

  make_basic (f);
  before = dump_file (f->base.project);
  n_audit = count_rows (f->base.project, "SELECT count(*) FROM audit");

  g_assert_false (eb_diagram_rename_node (f->diagram, 99, "x", &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_NO_SUCH_NODE);
  g_assert_cmpstr (error->message, ==, "The diagram has no node 99");
  g_clear_error (&error);
  g_assert_false (eb_diagram_rename_node (f->diagram, f->a, " \n ", &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A node needs a label");
  g_clear_error (&error);
  g_assert_false (eb_diagram_connect (f->diagram, f->a, f->a, EB_DIAGRAM_EDGE_LEADS_TO, NULL,
                                      NULL, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“Sharing ideas” cannot lead to itself");
  g_clear_error (&error);
  g_assert_false (eb_diagram_connect (f->diagram, f->a, f->b, EB_DIAGRAM_EDGE_ASSOCIATED, NULL,
                                      NULL, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==,
                   "“Sharing ideas” and “Confidence grows” are already connected");
  g_clear_error (&error);
  /* The other way round, an associated edge says the same. */
  g_assert_false (eb_diagram_connect (f->diagram, f->c, f->b, EB_DIAGRAM_EDGE_LEADS_TO, NULL,
                                      NULL, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (eb_diagram_set_node_color (f->diagram, f->a, "green", &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“green” is not a colour: expected # and six hexadecimal digits, as in #1b9e77");
  g_clear_error (&error);
  g_assert_false (eb_diagram_resize_node (f->diagram, f->a, -1, 20, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (eb_diagram_move_node (f->diagram, f->a, NAN, 0, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (eb_diagram_set_node_theme (f->diagram, f->a, 999, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_NO_SUCH_THEME);
  g_clear_error (&error);
  g_assert_false (eb_diagram_add_group (f->diagram, "Nothing", members, 1, NULL, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_NO_SUCH_NODE);
  g_clear_error (&error);
  g_assert_false (eb_diagram_add_group (f->diagram, "Nothing", NULL, 0, NULL, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (eb_diagram_disconnect (f->diagram, 42, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_NO_SUCH_EDGE);
  g_clear_error (&error);
  g_assert_false (eb_diagram_remove_group (f->diagram, 42, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_NO_SUCH_GROUP);
  g_clear_error (&error);

  after = dump_file (f->base.project);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (f->base.project, "SELECT count(*) FROM audit"), ==, n_audit);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack_of (f)), ==, 0);
}

/* A failure to write changes nothing, in the file or in memory. */
static void
test_write_failure (DFixture      *f,
                    gconstpointer  data)
{
  g_autofree char *before_file = NULL;
  g_autofree char *before_model = NULL;
  g_autofree char *after_file = NULL;
  g_autofree char *after_model = NULL;
  g_autoptr(GError) error = NULL;

  make_basic (f);
  before_file = dump_file (f->base.project);
  before_model = dump_model (f->diagram);
  exec_sql (f->base.project,
            "CREATE TRIGGER refuse BEFORE UPDATE ON diagram_nodes BEGIN "
            "SELECT RAISE (ABORT, 'disk full'); END");
  g_assert_false (eb_diagram_move_node (f->diagram, f->a, 50, 50, &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE);
  exec_sql (f->base.project, "DROP TRIGGER refuse");
  after_file = dump_file (f->base.project);
  after_model = dump_model (f->diagram);
  g_assert_cmpstr (after_file, ==, before_file);
  g_assert_cmpstr (after_model, ==, before_model);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack_of (f)), ==, 0);
}

static void
test_routes (DFixture      *f,
             gconstpointer  data)
{
  gint64 pair[2];
  const EbDiagramPoint *route, *moved;
  g_autofree EbDiagramPoint *copy = NULL;
  g_autoptr(GError) error = NULL;
  guint n, n_moved;

  make_basic (f);
  g_assert_true (eb_diagram_arrange (f->diagram, fake_measure, NULL, &error));
  g_assert_no_error (error);
  route = eb_diagram_edge_get_route (eb_diagram_get_edge (f->diagram, f->ab), &n);
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpuint ((n - 1) % 3, ==, 0);
  copy = g_memdup2 (route, n * sizeof *route);

  /* Both ends move together: the route moves along. */
  pair[0] = f->a;
  pair[1] = f->b;
  g_assert_true (eb_diagram_move_nodes (f->diagram, pair, 2, 10, 20, &error));
  moved = eb_diagram_edge_get_route (eb_diagram_get_edge (f->diagram, f->ab), &n_moved);
  g_assert_cmpuint (n_moved, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (moved[i].x, copy[i].x + 10, 0.011);
      g_assert_cmpfloat_with_epsilon (moved[i].y, copy[i].y + 20, 0.011);
    }
  /* ... while B – C lost its route: C stayed. */
  g_assert_null (eb_diagram_edge_get_route (eb_diagram_get_edge (f->diagram, f->bc), &n));

  /* One end alone: the route goes. */
  g_assert_true (eb_diagram_move_node (f->diagram, f->b, 0, 400, &error));
  g_assert_null (eb_diagram_edge_get_route (eb_diagram_get_edge (f->diagram, f->ab), &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_no_error (error);
}

/* Arranging lays out in the diagram's direction, sizes the nodes with the
 * measure function and keeps the group together. */
static void
test_arrange (DFixture      *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  EbDiagramNode *a, *b, *c, *d;

  make_basic (f);
  g_assert_true (eb_diagram_arrange (f->diagram, fake_measure, NULL, &error));
  g_assert_no_error (error);
  a = eb_diagram_get_node (f->diagram, f->a);
  b = eb_diagram_get_node (f->diagram, f->b);
  c = eb_diagram_get_node (f->diagram, f->c);
  d = eb_diagram_get_node (f->diagram, f->d);
  /* "Sharing ideas", linked: 20 + 6 × 13 by 30 + 12. */
  g_assert_cmpfloat (eb_diagram_node_get_width (a), ==, 98);
  g_assert_cmpfloat (eb_diagram_node_get_height (a), ==, 42);
  g_assert_cmpfloat (eb_diagram_node_get_x (a) + eb_diagram_node_get_width (a), <,
                     eb_diagram_node_get_x (b));
  g_assert_cmpfloat (eb_diagram_node_get_x (b) + eb_diagram_node_get_width (b), <,
                     eb_diagram_node_get_x (c));
  /* D has no edge but shares A's group, and A's rank. */
  g_assert_cmpfloat (fabs ((eb_diagram_node_get_x (a) + eb_diagram_node_get_width (a) / 2)
                           - (eb_diagram_node_get_x (d) + eb_diagram_node_get_width (d) / 2)),
                     <, 0.02);

  g_assert_true (eb_diagram_set_direction (f->diagram, EB_DIAGRAM_TOP_TO_BOTTOM, &error));
  g_assert_true (eb_diagram_arrange (f->diagram, fake_measure, NULL, &error));
  g_assert_cmpfloat (eb_diagram_node_get_y (a) + eb_diagram_node_get_height (a), <,
                     eb_diagram_node_get_y (b));
  g_assert_cmpfloat (eb_diagram_node_get_y (b) + eb_diagram_node_get_height (b), <,
                     eb_diagram_node_get_y (c));
  /* Arranging what is arranged changes nothing: no new step. */
  {
    guint n_undo = eb_undo_stack_get_n_undo (stack_of (f));

    g_assert_true (eb_diagram_arrange (f->diagram, fake_measure, NULL, &error));
    g_assert_cmpuint (eb_undo_stack_get_n_undo (stack_of (f)), ==, n_undo);
  }
  g_assert_no_error (error);
}

static void
count_changed_cb (EbDiagram *diagram,
                  guint     *count)
{
  (*count)++;
}

/* The counts follow the coding: a tag through the store shows on the
 * node at once, and so does its undo. */
static void
test_live_counts (DFixture      *f,
                  gconstpointer  data)
{
  g_autoptr(EbThemeCounts) counts = NULL;
  g_autofree char *label = NULL;
  EbDiagramNode *node;
  guint changed = 0;
  guint quotes, respondents;

  make_basic (f);
  node = eb_diagram_get_node (f->diagram, f->b);
  counts = eb_theme_counts_new (f->base.store, NULL, 0);
  quotes = eb_theme_counts_get_n_quotes (counts, f->base.themes[CONFIDENCE]);
  respondents = eb_theme_counts_get_n_respondents (counts, f->base.themes[CONFIDENCE]);
  g_assert_cmpuint (quotes, ==, 4);
  g_assert_cmpuint (eb_diagram_node_get_n_quotes (node), ==, quotes);
  g_assert_cmpuint (eb_diagram_node_get_n_respondents (node), ==, respondents);
  label = eb_diagram_node_dup_count_label (node);
  g_assert_cmpstr (label, ==, "n = 4 quotes \u00b7 4 respondents");
  g_clear_pointer (&label, g_free);

  g_signal_connect (f->diagram, "changed", G_CALLBACK (count_changed_cb), &changed);
  /* Quote 1 is row 1's first answer: a fifth quote and respondent. */
  tag_quote (f->base.store, f->base.themes[CONFIDENCE], 1);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (eb_diagram_node_get_n_quotes (node), ==, 5);
  label = eb_diagram_node_dup_count_label (node);
  g_assert_cmpstr (label, ==, "n = 5 quotes \u00b7 5 respondents");
  g_clear_pointer (&label, g_free);

  /* A sub-theme's quotes count for its parent's node. */
  g_assert_true (eb_diagram_set_node_theme (f->diagram, f->c, f->base.themes[DISCUSS], NULL));
  g_assert_cmpuint (eb_diagram_node_get_n_quotes (eb_diagram_get_node (f->diagram, f->c)), ==,
                    eb_theme_counts_get_n_quotes (counts, f->base.themes[DISCUSS]));
  changed = 0;

  g_assert_true (eb_undo_stack_undo (stack_of (f), NULL));
  g_assert_true (eb_undo_stack_undo (stack_of (f), NULL));
  g_assert_cmpuint (eb_diagram_node_get_n_quotes (node), ==, 4);
  g_assert_cmpuint (changed, ==, 2);
  g_signal_handlers_disconnect_by_data (f->diagram, &changed);

  /* A theme's new colour and name show on its node. */
  g_assert_true (eb_coding_store_set_theme_color (f->base.store, f->base.themes[CONFIDENCE],
                                                  "#7570b3", NULL));
  g_assert_true (eb_coding_store_rename_theme (f->base.store, f->base.themes[CONFIDENCE],
                                               "Increased confidence", NULL));
  g_assert_cmpstr (eb_diagram_node_get_accent (node), ==, "#7570b3");
  g_assert_cmpstr (eb_diagram_node_get_theme_name (node), ==, "Increased confidence");
  /* The node keeps its own label. */
  g_assert_cmpstr (eb_diagram_node_get_label (node), ==, "Confidence grows");
}

/* Deleting a theme unlinks its nodes (the coding store does it in the
 * file, undoably); merging moves them to the surviving theme. */
static void
test_theme_deleted (DFixture      *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  EbDiagramNode *b, *a;

  make_basic (f);
  b = eb_diagram_get_node (f->diagram, f->b);
  a = eb_diagram_get_node (f->diagram, f->a);
  g_assert_true (eb_coding_store_delete_theme (f->base.store, f->base.themes[CONFIDENCE], &error));
  g_assert_no_error (error);
  g_assert_cmpint (eb_diagram_node_get_theme_id (b), ==, 0);
  g_assert_null (eb_diagram_node_get_theme_name (b));
  g_assert_null (eb_diagram_node_dup_count_label (b));
  assert_model_matches_file (f);

  g_assert_true (eb_undo_stack_undo (stack_of (f), &error));
  g_assert_cmpint (eb_diagram_node_get_theme_id (b), ==, f->base.themes[CONFIDENCE]);
  g_assert_cmpstr (eb_diagram_node_get_theme_name (b), ==, "Confidence");
  assert_model_matches_file (f);

  g_assert_true (eb_coding_store_merge_themes (f->base.store, f->base.themes[IDEAS],
                                               f->base.themes[SAFE], &error));
  g_assert_no_error (error);
  g_assert_cmpint (eb_diagram_node_get_theme_id (a), ==, f->base.themes[SAFE]);
  g_assert_cmpstr (eb_diagram_node_get_theme_name (a), ==, "Safe space");
  assert_model_matches_file (f);

  /* A diagram step on top of the coding's undoes in order. */
  do_move (f);
  g_assert_true (eb_undo_stack_undo (stack_of (f), &error));
  g_assert_true (eb_undo_stack_undo (stack_of (f), &error));
  g_assert_cmpint (eb_diagram_node_get_theme_id (a), ==, f->base.themes[IDEAS]);
  assert_model_matches_file (f);
  g_assert_no_error (error);
}

static void
test_describe (DFixture      *f,
               gconstpointer  data)
{
  g_autofree char *b = NULL;
  g_autofree char *a = NULL;

  make_basic (f);
  do_connect (f);
  b = eb_diagram_describe_node (f->diagram, f->b);
  g_assert_cmpstr (b, ==, "Confidence grows, n = 4 quotes \u00b7 4 respondents; from Sharing "
                   "ideas; associated with Practice and Resources");
  a = eb_diagram_describe_node (f->diagram, f->a);
  g_assert_cmpstr (a, ==, "Sharing ideas, n = 4 quotes \u00b7 4 respondents; leads to "
                   "Confidence grows; in “Sessions”");
}

/* A stack shared with the coding outlives the diagram. */
static void
test_closed (DFixture      *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  EbUndoStack *stack = stack_of (f);

  make_basic (f);
  do_move (f);
  g_assert_finalize_object (f->diagram);
  f->diagram = NULL;
  g_assert_false (eb_undo_stack_undo (stack, &error));
  g_assert_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_CLOSED);
  g_assert_true (eb_undo_stack_can_undo (stack));
}

static void
test_enums (void)
{
  EbDiagramShape shape;
  EbDiagramEdgeStyle style;
  EbDiagramDirection direction;
  EbDiagramTemplate template;

  g_assert_true (eb_diagram_shape_from_string ("Ellipse", &shape));
  g_assert_cmpint (shape, ==, EB_DIAGRAM_SHAPE_ELLIPSE);
  g_assert_cmpstr (eb_diagram_shape_to_string (EB_DIAGRAM_SHAPE_NOTE), ==, "note");
  g_assert_true (eb_diagram_edge_style_from_string ("bidirectional", &style));
  g_assert_cmpint (style, ==, EB_DIAGRAM_EDGE_BIDIRECTIONAL);
  g_assert_false (eb_diagram_edge_style_from_string ("both", NULL));
  g_assert_true (eb_diagram_direction_from_string ("tb", &direction));
  g_assert_cmpint (direction, ==, EB_DIAGRAM_TOP_TO_BOTTOM);
  g_assert_cmpstr (eb_diagram_direction_to_string (EB_DIAGRAM_LEFT_TO_RIGHT), ==, "LR");
  g_assert_true (eb_diagram_template_from_string ("logic-model", &template));
  g_assert_cmpint (template, ==, EB_DIAGRAM_TEMPLATE_LOGIC_MODEL);
  g_assert_cmpstr (eb_diagram_template_get_title (EB_DIAGRAM_TEMPLATE_PEER_MENTORING), ==,
                   "Benefits of Peer Mentoring (Figure 1)");
  g_assert_true (g_type_is_a (EB_TYPE_DIAGRAM_SHAPE, G_TYPE_ENUM));
  g_assert_true (g_type_is_a (EB_TYPE_DIAGRAM_TEMPLATE, G_TYPE_ENUM));
}

/* ---- Templates, on the example project ---- */

typedef struct
{
  char          *dir;
  char          *path;
  EbProject     *project;
  EbCodingStore *store;
  EbDiagram     *diagram;
} Example;

static void
example_set_up (Example       *example,
                gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                "peer-mentoring-survey.csv", NULL);
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbSurvey) stored = NULL;
  g_autoptr(GError) error = NULL;
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;

  survey = eb_survey_import (csv, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  example->dir = g_dir_make_tmp ("evalbench-diagram-XXXXXX", &error);
  g_assert_no_error (error);
  example->path = g_build_filename (example->dir, "peer-mentoring.evalbench", NULL);
  example->project = eb_project_open (example->path, &error);
  g_assert_no_error (error);
  g_assert_true (eb_project_store_survey (example->project, survey, &error));
  g_assert_true (eb_example_codebook_seed_project (example->project, &error));
  g_assert_no_error (error);
  stored = eb_project_load_survey (example->project, &error);
  g_assert_no_error (error);
  example->store = eb_coding_store_new (example->project, stored, NULL, &error);
  g_assert_no_error (error);
  eb_coding_store_set_coder (example->store, "Ada");
  example->diagram = eb_diagram_new (example->store, &error);
  g_assert_no_error (error);
}

static void
example_tear_down (Example       *example,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *lock = NULL;
  g_autofree char *base = g_path_get_basename (example->path);

  g_assert_finalize_object (example->diagram);
  g_assert_finalize_object (example->store);
  g_assert_finalize_object (example->project);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (example->path, suffixes[i], NULL);

      g_unlink (file);
    }
  lock = g_strdup_printf ("%s/.%s.lock", example->dir, base);
  g_unlink (lock);
  g_assert_cmpint (g_rmdir (example->dir), ==, 0);
  g_free (example->path);
  g_free (example->dir);
}

static EbDiagramNode *
node_named (EbDiagram  *diagram,
            const char *label)
{
  GListModel *nodes = eb_diagram_get_nodes (diagram);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);

      if (g_strcmp0 (eb_diagram_node_get_label (node), label) == 0)
        return node;
    }
  g_error ("No node “%s”", label);
}

static char *
edge_list (EbDiagram *diagram)
{
  GListModel *edges = eb_diagram_get_edges (diagram);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (edges); i++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (edges, i);
      EbDiagramNode *source = eb_diagram_get_node (diagram, eb_diagram_edge_get_source_id (edge));
      EbDiagramNode *target = eb_diagram_get_node (diagram, eb_diagram_edge_get_target_id (edge));

      g_assert_cmpint (eb_diagram_edge_get_style (edge), ==, EB_DIAGRAM_EDGE_LEADS_TO);
      g_string_append_printf (out, "%s → %s\n", eb_diagram_node_get_label (source),
                              eb_diagram_node_get_label (target));
    }
  return g_string_free (out, FALSE);
}

static const char *
theme_name_of (EbDiagram  *diagram,
               const char *label)
{
  const char *name = eb_diagram_node_get_theme_name (node_named (diagram, label));

  return name != NULL ? name : "-";
}

/* Figure 1 exactly: its seven boxes with peer mentoring's three points,
 * its eight arrows, the face-to-face sessions around peer mentoring and
 * the safe space; linked to the example codebook's themes; one step. */
static void
test_template_peer_mentoring (Example       *example,
                              gconstpointer  data)
{
  static const char * const labels[] = {
    "Peer mentoring", "A safe space to test teaching plans and resources",
    "Sense of belonging", "Increased confidence", "Empowerment", "Motivation",
    "Improved practice in the classroom",
  };
  EbUndoStack *stack = eb_coding_store_get_undo_stack (example->store);
  GListModel *nodes = eb_diagram_get_nodes (example->diagram);
  GListModel *groups = eb_diagram_get_groups (example->diagram);
  g_autoptr(EbThemeCounts) counts = eb_theme_counts_new (example->store, NULL, 0);
  g_autoptr(EbDiagramGroup) group = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edges = NULL;
  const char * const *bullets;
  EbDiagramNode *mentoring;

  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 0);
  g_assert_true (eb_diagram_apply_template (example->diagram, EB_DIAGRAM_TEMPLATE_PEER_MENTORING,
                                            fake_measure, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 1);
  g_assert_cmpstr (eb_undo_stack_get_undo_label (stack), ==,
                   "Undo Insert “Benefits of Peer Mentoring (Figure 1)”");

  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);

      g_assert_cmpstr (eb_diagram_node_get_label (node), ==, labels[i]);
      g_assert_cmpfloat (eb_diagram_node_get_width (node), >, 0);
      if (i > 0)
        g_assert_cmpuint (g_strv_length ((char **) eb_diagram_node_get_bullets (node)), ==, 0);
    }
  mentoring = node_named (example->diagram, "Peer mentoring");
  bullets = eb_diagram_node_get_bullets (mentoring);
  g_assert_cmpuint (g_strv_length ((char **) bullets), ==, 3);
  g_assert_cmpstr (bullets[0], ==, "Peer discussions of common problems and possible solutions");
  g_assert_cmpstr (bullets[1], ==, "Sharing ideas");
  g_assert_cmpstr (bullets[2], ==, "Self-reflection");

  edges = edge_list (example->diagram);
  g_assert_cmpstr (edges, ==,
                   "Peer mentoring → Sense of belonging\n"
                   "Peer mentoring → Increased confidence\n"
                   "Sense of belonging → Increased confidence\n"
                   "A safe space to test teaching plans and resources → Increased confidence\n"
                   "Sense of belonging → Empowerment\n"
                   "Increased confidence → Empowerment\n"
                   "Empowerment → Motivation\n"
                   "Motivation → Improved practice in the classroom\n");

  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
  group = g_list_model_get_item (groups, 0);
  g_assert_cmpstr (eb_diagram_group_get_label (group), ==, "Face-to-face sessions");
  members = eb_diagram_dup_group_members (example->diagram, eb_diagram_group_get_id (group));
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpint (g_array_index (members, gint64, 0), ==, eb_diagram_node_get_id (mentoring));
  g_assert_cmpint (g_array_index (members, gint64, 1), ==,
                   eb_diagram_node_get_id (node_named (example->diagram, labels[1])));

  g_assert_cmpstr (theme_name_of (example->diagram, "Peer mentoring"), ==,
                   "An opportunity to discuss and share");
  g_assert_cmpstr (theme_name_of (example->diagram, labels[1]), ==, labels[1]);
  g_assert_cmpstr (theme_name_of (example->diagram, "Sense of belonging"), ==,
                   "A supportive atmosphere");
  g_assert_cmpstr (theme_name_of (example->diagram, "Increased confidence"), ==,
                   "Increased confidence and reassurance");
  g_assert_cmpstr (theme_name_of (example->diagram, "Empowerment"), ==, "-");
  g_assert_cmpstr (theme_name_of (example->diagram, "Motivation"), ==,
                   "Motivation and enthusiasm");
  g_assert_cmpstr (theme_name_of (example->diagram, labels[6]), ==, labels[6]);
  /* Live counts as the coding analysis has them: peer mentoring counts
   * its three sub-themes' quotes. */
  g_assert_cmpuint (eb_diagram_node_get_n_quotes (mentoring), ==,
                    eb_theme_counts_get_n_quotes (counts, eb_diagram_node_get_theme_id (mentoring)));
  g_assert_cmpuint (eb_diagram_node_get_n_quotes (mentoring), >, 0);

  /* A template is laid out top to bottom: the flow runs down the page. */
  g_assert_cmpint (eb_diagram_get_direction (example->diagram), ==, EB_DIAGRAM_TOP_TO_BOTTOM);
  for (guint i = 0; i < g_list_model_get_n_items (eb_diagram_get_edges (example->diagram)); i++)
    {
      g_autoptr(EbDiagramEdge) edge = g_list_model_get_item (eb_diagram_get_edges (example->diagram), i);
      EbDiagramNode *source = eb_diagram_get_node (example->diagram,
                                                   eb_diagram_edge_get_source_id (edge));
      EbDiagramNode *target = eb_diagram_get_node (example->diagram,
                                                   eb_diagram_edge_get_target_id (edge));
      guint n;

      g_assert_cmpfloat (eb_diagram_node_get_y (source) + eb_diagram_node_get_height (source), <,
                         eb_diagram_node_get_y (target));
      g_assert_nonnull (eb_diagram_edge_get_route (edge, &n));
    }
  /* Read as written: peer mentoring left of the safe space. */
  g_assert_cmpfloat (eb_diagram_node_get_x (mentoring), <,
                     eb_diagram_node_get_x (node_named (example->diagram, labels[1])));

  /* One undo takes it all back, direction included. */
  g_assert_true (eb_undo_stack_undo (stack, &error));
  g_assert_true (eb_diagram_is_empty (example->diagram));
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (eb_diagram_get_edges (example->diagram)), ==, 0);
  g_assert_cmpint (eb_diagram_get_direction (example->diagram), ==, EB_DIAGRAM_LEFT_TO_RIGHT);
  g_assert_no_error (error);
}

static void
test_template_logic_model (Example       *example,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *edges = NULL;
  GListModel *nodes = eb_diagram_get_nodes (example->diagram);
  EbUndoStack *stack = eb_coding_store_get_undo_stack (example->store);
  double first_bottom;

  /* The empty template adds nothing, and no step. */
  g_assert_true (eb_diagram_apply_template (example->diagram, EB_DIAGRAM_TEMPLATE_EMPTY, NULL,
                                            NULL, &error));
  g_assert_true (eb_diagram_is_empty (example->diagram));
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 0);

  g_assert_true (eb_diagram_apply_template (example->diagram, EB_DIAGRAM_TEMPLATE_LOGIC_MODEL,
                                            fake_measure, NULL, &error));
  g_assert_no_error (error);
  edges = edge_list (example->diagram);
  g_assert_cmpstr (edges, ==,
                   "Inputs → Activities\nActivities → Outputs\nOutputs → Outcomes\n"
                   "Outcomes → Impact\n");
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 5);
  g_assert_cmpint (eb_diagram_get_direction (example->diagram), ==, EB_DIAGRAM_LEFT_TO_RIGHT);
  for (guint i = 1; i < 5; i++)
    {
      g_autoptr(EbDiagramNode) previous = g_list_model_get_item (nodes, i - 1);
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);

      g_assert_cmpfloat (eb_diagram_node_get_x (previous) + eb_diagram_node_get_width (previous),
                         <, eb_diagram_node_get_x (node));
      g_assert_cmpint (eb_diagram_node_get_theme_id (node), ==, 0);
    }

  /* A second template goes under the first, without overlapping it. */
  first_bottom = 0;
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);

      first_bottom = MAX (first_bottom, eb_diagram_node_get_y (node)
                                        + eb_diagram_node_get_height (node));
    }
  g_assert_true (eb_diagram_apply_template (example->diagram, EB_DIAGRAM_TEMPLATE_PEER_MENTORING,
                                            fake_measure, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (nodes), ==, 12);
  for (guint i = 5; i < 12; i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);

      g_assert_cmpfloat (eb_diagram_node_get_y (node), >, first_bottom);
    }
  /* The diagram was not empty: it keeps its direction. */
  g_assert_cmpint (eb_diagram_get_direction (example->diagram), ==, EB_DIAGRAM_LEFT_TO_RIGHT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, DFixture, NULL, d_set_up, func, d_tear_down)

  g_test_add_func ("/diagram/enums", test_enums);
  ADD ("/diagram/undo/each", test_undo_each);
  ADD ("/diagram/node/add", test_add_node);
  ADD ("/diagram/items-changed", test_items_changed);
  ADD ("/diagram/notify", test_notify);
  ADD ("/diagram/persistence", test_persistence);
  ADD ("/diagram/audit", test_audit);
  ADD ("/diagram/errors", test_errors);
  ADD ("/diagram/write-failure", test_write_failure);
  ADD ("/diagram/routes", test_routes);
  ADD ("/diagram/arrange", test_arrange);
  ADD ("/diagram/counts/live", test_live_counts);
  ADD ("/diagram/counts/theme-deleted", test_theme_deleted);
  ADD ("/diagram/describe", test_describe);
  ADD ("/diagram/closed", test_closed);
  g_test_add ("/diagram/template/peer-mentoring", Example, NULL, example_set_up,
              test_template_peer_mentoring, example_tear_down);
  g_test_add ("/diagram/template/logic-model", Example, NULL, example_set_up,
              test_template_logic_model, example_tear_down);
  return g_test_run ();
}
