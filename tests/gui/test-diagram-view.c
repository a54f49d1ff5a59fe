/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-diagram-view"

#include "gui-test-util.h"
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "diagram-templates.h"
#include "eb-diagram-canvas-private.h"
#include "eb-diagram-view.h"
#include "example-codebook.h"
#include "survey-import.h"

/* The Diagram view on the example project: the survey of
 * data/examples, the paper's codebook, and (unless a test starts empty)
 * the Figure 1 template. The canvas is driven through the functions its
 * gestures and key controller call (eb-diagram-canvas-private.h), since
 * GTK 4 cannot simulate a pointer. */

typedef struct
{
  char          *dir;
  char          *path;
  EbProject     *project;
  EbCodingStore *store;
  EbDiagram     *diagram;
  GtkWidget     *window;
  EbDiagramView *view;
  EbDiagramCanvas *canvas;
} Fixture;

/* ---- Helpers ---- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean empty = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) imported = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  const char *survey_path = g_getenv ("EB_EXAMPLE_SURVEY");
  g_autofree char *csv = survey_path != NULL
                         ? g_strdup (survey_path)
                         : g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                  "peer-mentoring-survey.csv", NULL);
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;

  fixture->dir = g_dir_make_tmp ("evalbench-test-diagram-view-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "example.evalbench", NULL);

  imported = eb_survey_import (csv, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->project = eb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  eb_project_store_survey (fixture->project, imported, &error);
  g_assert_no_error (error);
  eb_example_codebook_seed_project (fixture->project, &error);
  g_assert_no_error (error);
  survey = eb_project_load_survey (fixture->project, &error);
  g_assert_no_error (error);
  fixture->store = eb_coding_store_new (fixture->project, survey, NULL, &error);
  g_assert_no_error (error);
  fixture->diagram = eb_diagram_new (fixture->store, &error);
  g_assert_no_error (error);
  if (!empty)
    {
      eb_diagram_apply_template (fixture->diagram, EB_DIAGRAM_TEMPLATE_PEER_MENTORING,
                                 eb_diagram_render_measure, NULL, &error);
      g_assert_no_error (error);
    }

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  fixture->view = EB_DIAGRAM_VIEW (eb_diagram_view_new ());
  eb_diagram_view_set_diagram (fixture->view, fixture->diagram);
  fixture->canvas = eb_diagram_view_get_canvas (fixture->view);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
  for (guint i = 0; i < 100 && gtk_widget_get_width (GTK_WIDGET (fixture->view)) == 0; i++)
    {
      iterate_pending ();
      g_usleep (10000);
    }
  iterate_pending ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_ref (fixture->view);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_pending ();
  g_assert_finalize_object (fixture->view);

  g_clear_object (&fixture->diagram);
  g_clear_object (&fixture->store);
  eb_project_close (fixture->project);
  g_clear_object (&fixture->project);
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

        g_unlink (child);
      }
  }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static guint
n_nodes (Fixture *fixture)
{
  return g_list_model_get_n_items (eb_diagram_get_nodes (fixture->diagram));
}

static guint
n_edges (Fixture *fixture)
{
  return g_list_model_get_n_items (eb_diagram_get_edges (fixture->diagram));
}

static EbDiagramNode *
find_node (Fixture    *fixture,
           const char *label)
{
  GListModel *nodes = eb_diagram_get_nodes (fixture->diagram);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(EbDiagramNode) node = g_list_model_get_item (nodes, i);

      if (g_str_equal (eb_diagram_node_get_label (node), label))
        return node;
    }
  g_assert_not_reached ();
}

static gint64
node_id (Fixture    *fixture,
         const char *label)
{
  return eb_diagram_node_get_id (find_node (fixture, label));
}

/* Where node ID is drawn, in points, and a point of it on the canvas:
 * FX, FY from its left and top (0.5, 0.5: its middle). */
static void
node_rect (Fixture           *fixture,
           gint64             id,
           cairo_rectangle_t *rect)
{
  EbDiagramDrawing *drawing = eb_diagram_canvas_get_drawing (fixture->canvas);

  for (guint i = 0; i < eb_diagram_drawing_get_n_nodes (drawing); i++)
    if (eb_diagram_drawing_get_node_id (drawing, i) == id)
      {
        eb_diagram_drawing_get_node_rect (drawing, i, rect);
        return;
      }
  g_assert_not_reached ();
}

static void
node_point (Fixture *fixture,
            gint64   id,
            double   fx,
            double   fy,
            double  *x,
            double  *y)
{
  cairo_rectangle_t rect;

  node_rect (fixture, id, &rect);
  eb_diagram_canvas_diagram_to_widget (fixture->canvas, rect.x + rect.width * fx,
                                       rect.y + rect.height * fy, x, y);
}

static void
click (Fixture         *fixture,
       double           x,
       double           y,
       GdkModifierType  state)
{
  eb_diagram_canvas_pointer_press (fixture->canvas, x, y, state);
  eb_diagram_canvas_pointer_release (fixture->canvas, x, y);
  iterate_pending ();
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_not_reached ();
}

static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  GtkEventController *keys = find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  iterate_pending ();
  return handled;
}

static guint
n_undo (Fixture *fixture)
{
  return eb_undo_stack_get_n_undo (eb_coding_store_get_undo_stack (fixture->store));
}

static void
undo (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.undo", NULL));
  iterate_pending ();
}

/* ---- Tests ---- */

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_true (eb_diagram_is_empty (fixture->diagram));
  g_assert_true (eb_diagram_view_is_empty_page (fixture->view));

  /* The empty page's first button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "diagram.template", "s",
                                             "peer-mentoring"));
  iterate_pending ();
  g_assert_false (eb_diagram_view_is_empty_page (fixture->view));
  g_assert_cmpuint (n_nodes (fixture), ==, 7);
  g_assert_cmpuint (n_edges (fixture), ==, 8);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->canvas)));

  /* Taking it back empties the page again. */
  undo (fixture);
  g_assert_true (eb_diagram_is_empty (fixture->diagram));
  g_assert_true (eb_diagram_view_is_empty_page (fixture->view));
}

/* Issue 6: a node added, connected by dragging from its handle, both
 * undone. */
static void
test_add_connect_undo (Fixture       *fixture,
                       gconstpointer  data)
{
  guint nodes_before = n_nodes (fixture);
  guint edges_before = n_edges (fixture);
  guint steps = n_undo (fixture);
  gint64 added, target = node_id (fixture, "Empowerment");
  double x, y, tx, ty;
  EbDiagramEdge *edge;
  g_autoptr(EbDiagramEdge) last = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "diagram.add-node", NULL));
  iterate_pending ();
  g_assert_cmpuint (n_nodes (fixture), ==, nodes_before + 1);
  added = eb_diagram_canvas_get_selected_node (fixture->canvas);
  g_assert_cmpint (added, !=, 0);
  g_assert_cmpstr (eb_diagram_node_get_label (eb_diagram_get_node (fixture->diagram, added)), ==,
                   "New node");
  /* Renaming at once; Escape keeps the name. */
  g_assert_cmpint (eb_diagram_canvas_get_renaming (fixture->canvas), ==, added);
  g_assert_true (press_key (GTK_WIDGET (eb_diagram_canvas_get_rename_popover (fixture->canvas)),
                            GDK_KEY_Escape, 0));
  g_assert_cmpint (eb_diagram_canvas_get_renaming (fixture->canvas), ==, 0);
  g_assert_cmpuint (n_undo (fixture), ==, steps + 1);

  /* From the round handle on its right side to Empowerment. */
  node_point (fixture, added, 1.0, 0.5, &x, &y);
  g_assert_cmpint (eb_diagram_canvas_hit (fixture->canvas, x, y).kind, ==,
                   EB_DIAGRAM_HIT_CONNECT_HANDLE);
  node_point (fixture, target, 0.5, 0.5, &tx, &ty);
  eb_diagram_canvas_pointer_press (fixture->canvas, x, y, 0);
  eb_diagram_canvas_pointer_motion (fixture->canvas, (x + tx) / 2, (y + ty) / 2);
  g_assert_cmpuint (n_edges (fixture), ==, edges_before);   /* nothing yet */
  eb_diagram_canvas_pointer_motion (fixture->canvas, tx, ty);
  eb_diagram_canvas_pointer_release (fixture->canvas, tx, ty);
  iterate_pending ();

  g_assert_cmpuint (n_edges (fixture), ==, edges_before + 1);
  g_assert_cmpuint (n_undo (fixture), ==, steps + 2);
  last = g_list_model_get_item (eb_diagram_get_edges (fixture->diagram), n_edges (fixture) - 1);
  edge = last;
  g_assert_cmpint (eb_diagram_edge_get_source_id (edge), ==, added);
  g_assert_cmpint (eb_diagram_edge_get_target_id (edge), ==, target);
  g_assert_cmpint (eb_diagram_edge_get_style (edge), ==, EB_DIAGRAM_EDGE_LEADS_TO);

  /* Dropped on empty space: no arrow. */
  eb_diagram_canvas_pointer_press (fixture->canvas, x, y, 0);
  eb_diagram_canvas_pointer_release (fixture->canvas, 2, 2);
  g_assert_cmpuint (n_edges (fixture), ==, edges_before + 1);

  undo (fixture);
  g_assert_cmpuint (n_edges (fixture), ==, edges_before);
  g_assert_cmpuint (n_nodes (fixture), ==, nodes_before + 1);
  undo (fixture);
  g_assert_cmpuint (n_nodes (fixture), ==, nodes_before);
  g_assert_null (eb_diagram_get_node (fixture->diagram, added));
  /* The selection lost its node. */
  g_assert_cmpint (eb_diagram_canvas_get_selected_node (fixture->canvas), ==, 0);
}

static void
test_arrow_keys (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 id = node_id (fixture, "Motivation");
  EbDiagramNode *node = eb_diagram_get_node (fixture->diagram, id);
  double x0 = eb_diagram_node_get_x (node);
  double y0 = eb_diagram_node_get_y (node);
  guint steps = n_undo (fixture);

  eb_diagram_canvas_select_node (fixture->canvas, id);
  g_assert_true (press_key (GTK_WIDGET (fixture->canvas), GDK_KEY_Right, 0));
  g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_x (node), x0 + EB_DIAGRAM_CANVAS_GRID_STEP, 1e-9);
  g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_y (node), y0, 1e-9);
  g_assert_cmpuint (n_undo (fixture), ==, steps + 1);

  g_assert_true (press_key (GTK_WIDGET (fixture->canvas), GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_y (node), y0 + 1, 1e-9);
  g_assert_cmpuint (n_undo (fixture), ==, steps + 2);

  undo (fixture);
  g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_y (node), y0, 1e-9);
  g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_x (node), x0 + EB_DIAGRAM_CANVAS_GRID_STEP, 1e-9);
  undo (fixture);
  g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_x (node), x0, 1e-9);
  g_assert_cmpuint (n_undo (fixture), ==, steps);

  /* Two nodes move together, in one step. */
  {
    gint64 other = node_id (fixture, "Empowerment");
    double ox = eb_diagram_node_get_x (eb_diagram_get_node (fixture->diagram, other));
    double cx, cy;

    node_point (fixture, other, 0.5, 0.5, &cx, &cy);
    click (fixture, cx, cy, GDK_SHIFT_MASK);
    g_assert_true (press_key (GTK_WIDGET (fixture->canvas), GDK_KEY_Left, 0));
    g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_x (node), x0 - EB_DIAGRAM_CANVAS_GRID_STEP, 1e-9);
    g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_x (eb_diagram_get_node (fixture->diagram, other)),
                                    ox - EB_DIAGRAM_CANVAS_GRID_STEP, 1e-9);
    g_assert_cmpuint (n_undo (fixture), ==, steps + 1);
    undo (fixture);
    g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_x (node), x0, 1e-9);
  }
}

static void
test_drag_move (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 id = node_id (fixture, "Motivation");
  EbDiagramNode *node = eb_diagram_get_node (fixture->diagram, id);
  double x0 = eb_diagram_node_get_x (node);
  double y0 = eb_diagram_node_get_y (node);
  double scale = eb_diagram_canvas_get_zoom (fixture->canvas) * 96.0 / 72.0;
  guint steps = n_undo (fixture);
  double x, y;

  node_point (fixture, id, 0.3, 0.5, &x, &y);
  eb_diagram_canvas_pointer_press (fixture->canvas, x, y, 0);
  /* On its way the model stays as it was. */
  for (int i = 1; i <= 10; i++)
    eb_diagram_canvas_pointer_motion (fixture->canvas, x + 8.3 * i, y + 3.1 * i);
  g_assert_cmpfloat (eb_diagram_node_get_x (node), ==, x0);
  g_assert_cmpuint (n_undo (fixture), ==, steps);
  eb_diagram_canvas_pointer_release (fixture->canvas, x + 83, y + 31);
  iterate_pending ();

  /* One step, to the grid. */
  g_assert_cmpuint (n_undo (fixture), ==, steps + 1);
  g_assert_cmpfloat (eb_diagram_node_get_x (node), !=, x0);
  g_assert_cmpfloat_with_epsilon (eb_diagram_node_get_x (node), x0 + 83 / scale,
                                  EB_DIAGRAM_CANVAS_GRID_STEP / 2 + 1e-6);
  g_assert_cmpfloat_with_epsilon (fmod (eb_diagram_node_get_x (node), EB_DIAGRAM_CANVAS_GRID_STEP), 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (fmod (eb_diagram_node_get_y (node), EB_DIAGRAM_CANVAS_GRID_STEP), 0, 1e-6);
  undo (fixture);
  g_assert_cmpfloat (eb_diagram_node_get_x (node), ==, x0);
  g_assert_cmpfloat (eb_diagram_node_get_y (node), ==, y0);
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 id = node_id (fixture, "Motivation");
  GtkPopover *popover = eb_diagram_canvas_get_rename_popover (fixture->canvas);
  GtkEditable *entry = eb_diagram_canvas_get_rename_entry (fixture->canvas);
  double x, y;

  /* F2 on the selected node. */
  eb_diagram_canvas_select_node (fixture->canvas, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.rename", NULL));
  iterate_pending ();
  g_assert_cmpint (eb_diagram_canvas_get_renaming (fixture->canvas), ==, id);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Motivation");
  gtk_editable_set_text (entry, "Teachers' motivation");
  g_signal_emit_by_name (entry, "activate");
  iterate_pending ();
  g_assert_cmpint (eb_diagram_canvas_get_renaming (fixture->canvas), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (eb_diagram_node_get_label (eb_diagram_get_node (fixture->diagram, id)), ==,
                   "Teachers' motivation");

  /* A double click; Escape cancels. */
  node_point (fixture, id, 0.5, 0.5, &x, &y);
  eb_diagram_canvas_double_click (fixture->canvas, x, y);
  iterate_pending ();
  g_assert_cmpint (eb_diagram_canvas_get_renaming (fixture->canvas), ==, id);
  gtk_editable_set_text (entry, "Something else");
  g_assert_true (press_key (GTK_WIDGET (popover), GDK_KEY_Escape, 0));
  g_assert_cmpstr (eb_diagram_node_get_label (eb_diagram_get_node (fixture->diagram, id)), ==,
                   "Teachers' motivation");

  undo (fixture);
  g_assert_cmpstr (eb_diagram_node_get_label (eb_diagram_get_node (fixture->diagram, id)), ==,
                   "Motivation");
}

static void
count_notify_cb (gpointer    instance,
                 GParamSpec *pspec,
                 guint      *n_calls)
{
  (*n_calls)++;
}

static void
count_cb (gpointer  instance,
          guint    *n_calls)
{
  (*n_calls)++;
}

static void
test_selection_links (Fixture       *fixture,
                      gconstpointer  data)
{
  EbDiagramNode *confidence = find_node (fixture, "Increased confidence");
  gint64 confidence_id = eb_diagram_node_get_id (confidence);
  gint64 empowerment_id = node_id (fixture, "Empowerment");
  g_autoptr(EbTheme) theme = NULL;
  g_autofree char *described = NULL;
  g_autofree char *markup = NULL;
  guint n_notify = 0, n_changed = 0;
  double x, y;

  g_assert_cmpint (eb_diagram_node_get_theme_id (confidence), !=, 0);
  g_signal_connect (fixture->canvas, "notify::selected-theme", G_CALLBACK (count_notify_cb), &n_notify);
  g_signal_connect (fixture->canvas, "selection-changed", G_CALLBACK (count_cb), &n_changed);

  /* A click on the linked node selects its theme. */
  node_point (fixture, confidence_id, 0.5, 0.5, &x, &y);
  g_assert_cmpint (eb_diagram_canvas_hit (fixture->canvas, x, y).kind, ==, EB_DIAGRAM_HIT_NODE);
  click (fixture, x, y, 0);
  g_assert_cmpint (eb_diagram_canvas_get_selected_node (fixture->canvas), ==, confidence_id);
  g_object_get (fixture->canvas, "selected-theme", &theme, NULL);
  g_assert_nonnull (theme);
  g_assert_cmpint (eb_theme_get_id (theme), ==, eb_diagram_node_get_theme_id (confidence));
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);

  /* Announced as the diagram describes it. */
  described = eb_diagram_describe_node (fixture->diagram, confidence_id);
  g_assert_nonnull (strstr (described, "n = "));
  gtk_test_accessible_assert_property (fixture->canvas, GTK_ACCESSIBLE_PROPERTY_LABEL, described);

  /* Hovering it lists its quotes. */
  markup = eb_diagram_canvas_dup_tooltip_markup (fixture->canvas, x, y);
  g_assert_nonnull (markup);
  g_assert_true (g_str_has_prefix (markup, "<b>Increased confidence</b>"));
  g_assert_nonnull (strstr (markup, "“"));
  g_clear_pointer (&markup, g_free);

  /* An unlinked node has no theme and no tooltip. */
  node_point (fixture, empowerment_id, 0.5, 0.5, &x, &y);
  click (fixture, x, y, 0);
  g_assert_null (eb_diagram_canvas_get_selected_theme (fixture->canvas));
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_null (eb_diagram_canvas_dup_tooltip_markup (fixture->canvas, x, y));
  g_clear_pointer (&described, g_free);
  described = eb_diagram_describe_node (fixture->diagram, empowerment_id);
  gtk_test_accessible_assert_property (fixture->canvas, GTK_ACCESSIBLE_PROPERTY_LABEL, described);

  /* Tab goes on to another node, and the label follows. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->canvas));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->canvas), GTK_DIR_TAB_FORWARD));
  g_assert_cmpint (eb_diagram_canvas_get_selected_node (fixture->canvas), !=, empowerment_id);
  g_assert_cmpint (eb_diagram_canvas_get_selected_node (fixture->canvas), !=, 0);
  g_clear_pointer (&described, g_free);
  described = eb_diagram_describe_node (fixture->diagram,
                                        eb_diagram_canvas_get_selected_node (fixture->canvas));
  gtk_test_accessible_assert_property (fixture->canvas, GTK_ACCESSIBLE_PROPERTY_LABEL, described);

  /* An arrow is selected on its own; empty space clears. */
  {
    EbDiagramDrawing *drawing = eb_diagram_canvas_get_drawing (fixture->canvas);
    EbDiagramPoint start, end;
    gint64 edge_id = eb_diagram_drawing_get_edge_id (drawing, 0);

    g_assert_true (eb_diagram_drawing_get_edge_ends (drawing, 0, &start, &end));
    eb_diagram_canvas_diagram_to_widget (fixture->canvas, (start.x + end.x) / 2,
                                         (start.y + end.y) / 2, &x, &y);
    /* A routed edge bends: find a point of it near the middle. */
    for (double t = 0.5;
         t < 0.9 && eb_diagram_canvas_hit (fixture->canvas, x, y).kind != EB_DIAGRAM_HIT_EDGE;
         t += 0.02)
      eb_diagram_canvas_diagram_to_widget (fixture->canvas, start.x + (end.x - start.x) * t,
                                           start.y + (end.y - start.y) * t, &x, &y);
    g_assert_cmpint (eb_diagram_canvas_hit (fixture->canvas, x, y).kind, ==, EB_DIAGRAM_HIT_EDGE);
    click (fixture, x, y, 0);
    g_assert_cmpint (eb_diagram_canvas_get_selected_edge (fixture->canvas), ==, edge_id);
    g_assert_cmpint (eb_diagram_canvas_get_selected_node (fixture->canvas), ==, 0);
    click (fixture, 3, 3, 0);
    g_assert_cmpint (eb_diagram_canvas_get_selected_edge (fixture->canvas), ==, 0);
  }

  /* The sidebar's theme marks its node without selecting it. */
  eb_diagram_canvas_set_highlighted_theme (fixture->canvas, eb_diagram_node_get_theme_id (confidence));
  g_assert_true (eb_diagram_canvas_is_highlighted (fixture->canvas, confidence_id));
  g_assert_false (eb_diagram_canvas_is_highlighted (fixture->canvas, empowerment_id));
  g_assert_cmpint (eb_diagram_canvas_get_selected_node (fixture->canvas), ==, 0);
  eb_diagram_canvas_set_highlighted_theme (fixture->canvas, 0);
  g_assert_false (eb_diagram_canvas_is_highlighted (fixture->canvas, confidence_id));

  g_signal_handlers_disconnect_by_func (fixture->canvas, count_notify_cb, &n_notify);
  g_signal_handlers_disconnect_by_func (fixture->canvas, count_cb, &n_changed);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 id = node_id (fixture, "Empowerment");
  guint nodes_before = n_nodes (fixture);
  guint edges_before = n_edges (fixture);

  /* Nothing selected, nothing deleted. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "diagram.delete", NULL);
  g_assert_cmpuint (n_nodes (fixture), ==, nodes_before);
  eb_diagram_canvas_select_node (fixture->canvas, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.delete", NULL));
  iterate_pending ();
  g_assert_cmpuint (n_nodes (fixture), ==, nodes_before - 1);
  /* Its three arrows went with it. */
  g_assert_cmpuint (n_edges (fixture), ==, edges_before - 3);
  g_assert_cmpint (eb_diagram_canvas_get_selected_node (fixture->canvas), ==, 0);
  undo (fixture);
  g_assert_cmpuint (n_nodes (fixture), ==, nodes_before);
  g_assert_cmpuint (n_edges (fixture), ==, edges_before);
}

static void
test_drop_theme (Fixture       *fixture,
                 gconstpointer  data)
{
  EbCodebook *codebook = eb_coding_store_get_codebook (fixture->store);
  g_autoptr(GPtrArray) themes = eb_codebook_dup_themes (codebook);
  EbTheme *theme = g_ptr_array_index (themes, 0);
  g_auto(GValue) object = G_VALUE_INIT;
  g_auto(GValue) text = G_VALUE_INIT;
  g_autofree char *dropped = g_strdup_printf ("theme:%" G_GINT64_FORMAT, eb_theme_get_id (theme));
  guint nodes_before = n_nodes (fixture);
  gint64 id;
  double x, y, cx, cy;

  g_value_init (&object, EB_TYPE_THEME);
  g_value_set_object (&object, theme);
  /* Somewhere empty, away from the edges (a node there is brought into
   * sight). */
  cx = gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) - 160;
  cy = 120;
  g_assert_cmpint (eb_diagram_canvas_hit (fixture->canvas, cx, cy).kind, ==, EB_DIAGRAM_HIT_NONE);
  g_assert_true (eb_diagram_canvas_drop (fixture->canvas, &object, cx, cy));
  g_assert_cmpuint (n_nodes (fixture), ==, nodes_before + 1);
  id = eb_diagram_canvas_get_selected_node (fixture->canvas);
  g_assert_cmpint (eb_diagram_node_get_theme_id (eb_diagram_get_node (fixture->diagram, id)), ==,
                   eb_theme_get_id (theme));
  g_assert_cmpstr (eb_diagram_node_get_label (eb_diagram_get_node (fixture->diagram, id)), ==,
                   eb_theme_get_name (theme));
  /* Centred on the drop point, on the grid. */
  node_point (fixture, id, 0.5, 0.5, &x, &y);
  g_assert_cmpfloat (ABS (x - cx), <, 10);
  g_assert_cmpfloat (ABS (y - cy), <, 10);

  g_value_init (&text, G_TYPE_STRING);
  g_value_set_string (&text, dropped);
  g_assert_true (eb_diagram_canvas_drop (fixture->canvas, &text, cx, cy + 200));
  g_assert_cmpuint (n_nodes (fixture), ==, nodes_before + 2);

  /* Anything else is refused. */
  g_value_set_string (&text, "theme:999999");
  g_assert_false (eb_diagram_canvas_drop (fixture->canvas, &text, 400, 60));
  g_value_set_string (&text, "Sense of belonging");
  g_assert_false (eb_diagram_canvas_drop (fixture->canvas, &text, 400, 60));
  g_assert_cmpuint (n_nodes (fixture), ==, nodes_before + 2);
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  double zoom = eb_diagram_canvas_get_zoom (fixture->canvas);
  gint64 id = node_id (fixture, "Empowerment");
  cairo_rectangle_t rect;
  double x, y;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "diagram.zoom-in", NULL));
  g_assert_cmpfloat (eb_diagram_canvas_get_zoom (fixture->canvas), >, zoom);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "diagram.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (eb_diagram_canvas_get_zoom (fixture->canvas), zoom, 1e-9);

  /* Fit to window: every node in sight. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), "canvas.zoom-fit", NULL));
  node_rect (fixture, id, &rect);
  node_point (fixture, id, 0, 0, &x, &y);
  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (y, >=, 0);
  node_point (fixture, id, 1, 1, &x, &y);
  g_assert_cmpfloat (x, <=, gtk_widget_get_width (GTK_WIDGET (fixture->canvas)));
  g_assert_cmpfloat (y, <=, gtk_widget_get_height (GTK_WIDGET (fixture->canvas)));

  /* Panning with Space held. */
  node_point (fixture, id, 0.5, 0.5, &x, &y);
  g_assert_true (press_key (GTK_WIDGET (fixture->canvas), GDK_KEY_space, 0));
  eb_diagram_canvas_pointer_press (fixture->canvas, 100, 100, 0);
  eb_diagram_canvas_pointer_motion (fixture->canvas, 150, 120);
  eb_diagram_canvas_pointer_release (fixture->canvas, 150, 120);
  {
    double nx, ny;

    node_point (fixture, id, 0.5, 0.5, &nx, &ny);
    g_assert_cmpfloat_with_epsilon (nx, x + 50, 1e-6);
    g_assert_cmpfloat_with_epsilon (ny, y + 20, 1e-6);
  }
}

/* The widget as drawn: the diagram, not a blank. */
static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->canvas);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  gsize stride = (gsize) width * 4;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint dark = 0, coloured = 0;
  GskRenderer *renderer;

  eb_diagram_canvas_select_node (fixture->canvas, node_id (fixture, "Sense of belonging"));
  /* The paintable shows what the widget last drew: wait for a frame. */
  while (node == NULL)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      GtkSnapshot *snapshot;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate_pending ();
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        g_usleep (10000);
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + (gsize) y * stride + (gsize) x * 4;
        int r = p[2], g = p[1], b = p[0];

        if (r + g + b < 200)
          dark++;   /* text, borders, arrows */
        if (MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) > 60)
          coloured++;   /* theme accents and the selection */
      }
  g_assert_cmpuint (dark, >, 2000);
  g_assert_cmpuint (coloured, >, 500);

  if (g_getenv ("EB_TEST_SAVE_PNG") != NULL)
    gdk_texture_save_to_png (texture, g_getenv ("EB_TEST_SAVE_PNG"));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} ExportResult;

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportResult *export = user_data;

  export->ok = eb_diagram_view_export_figure_finish (EB_DIAGRAM_VIEW (object), result, &export->error);
  export->done = TRUE;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "figure.pdf", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  ExportResult first = { FALSE, FALSE, NULL }, second = { FALSE, FALSE, NULL };
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  eb_diagram_view_export_figure_to (fixture->view, file, NULL, export_done_cb, &first);
  /* One at a time. */
  eb_diagram_view_export_figure_to (fixture->view, other, NULL, export_done_cb, &second);
  while (!first.done || !second.done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_no_error (first.error);
  g_assert_true (first.ok);
  g_assert_false (second.ok);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&second.error);
  g_assert_false (g_file_test (other_path, G_FILE_TEST_EXISTS));

  /* Written from the project file by the worker: the diagram as shown. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

/* ---- A narrow window ---- */

/* Gives the window WIDTH and waits for two frames painted at that width:
 * the toolbar's labels change once the first is done. */
static void
resize_window (Fixture *fixture,
               int      width)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 800);
  while (gdk_surface_get_width (surface) != width)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  wait_for_frames (fixture->window);
}

/* The squeezers in the toolbar's buttons: label (with or without an
 * icon) first, icon alone second. */
static void
collect_squeezers (GtkWidget *widget,
                   GPtrArray *squeezers)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_SQUEEZER (child) && gtk_widget_get_ancestor (child, GTK_TYPE_BUTTON) != NULL)
        g_ptr_array_add (squeezers, child);
      else
        collect_squeezers (child, squeezers);
    }
}

static GtkWidget *
find_toolbar (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "toolbar"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toolbar = find_toolbar (child);

      if (toolbar != NULL)
        return toolbar;
    }
  return NULL;
}

/* The shortcut a button has for its label's mnemonic while the label is
 * hidden, or NULL. */
static GtkShortcut *
get_icon_mnemonic (GtkWidget *button)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (button);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) && g_list_model_get_n_items (G_LIST_MODEL (controller)) > 0)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), 0);

          if (GTK_IS_MNEMONIC_TRIGGER (gtk_shortcut_get_trigger (shortcut)))
            return shortcut;
        }
    }
  return NULL;
}

/* In a narrow window the toolbar's buttons keep only their icons, each
 * as narrow as an icon button, all of them inside the toolbar; their
 * mnemonics still press them. A wide window has the labels back. */
static void
test_narrow_toolbar (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *toolbar = find_toolbar (GTK_WIDGET (fixture->view));
  g_autoptr(GPtrArray) squeezers = g_ptr_array_new ();
  GtkWidget *template_button = NULL;
  int minimum = 0;

  g_assert_nonnull (toolbar);
  collect_squeezers (toolbar, squeezers);
  /* Add Node, From Theme, Connect, Arrange, Templates, Export Figure. */
  g_assert_cmpuint (squeezers->len, ==, 6);
  gtk_widget_measure (GTK_WIDGET (fixture->view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 700);

  /* 1200 px: every label. */
  for (guint i = 0; i < squeezers->len; i++)
    {
      AdwSqueezer *squeezer = g_ptr_array_index (squeezers, i);
      GtkWidget *label = gtk_widget_get_first_child (GTK_WIDGET (squeezer));

      g_assert_true (adw_squeezer_get_visible_child (squeezer) == label);
      if (GTK_IS_LABEL (label) && g_str_equal (gtk_label_get_label (GTK_LABEL (label)), "Te_mplates"))
        template_button = gtk_widget_get_ancestor (label, GTK_TYPE_MENU_BUTTON);
      g_assert_null (get_icon_mnemonic (gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON)));
    }
  g_assert_nonnull (template_button);

  resize_window (fixture, 700);
  for (guint i = 0; i < squeezers->len; i++)
    {
      AdwSqueezer *squeezer = g_ptr_array_index (squeezers, i);
      GtkWidget *button = gtk_widget_get_ancestor (GTK_WIDGET (squeezer), GTK_TYPE_BUTTON);
      graphene_rect_t bounds;
      int natural = 0;

      g_assert_true (GTK_IS_IMAGE (adw_squeezer_get_visible_child (squeezer)));
      g_assert_true (gtk_widget_get_mapped (button));
      g_assert_true (gtk_widget_compute_bounds (button, toolbar, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (toolbar));
      /* As wide as its icon needs: the room the label took went to the
       * toolbar's spacer, not to the button. */
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpfloat (bounds.size.width, <=, natural + 2);
      g_assert_cmpfloat (bounds.size.width, <=, 60);
      g_assert_nonnull (get_icon_mnemonic (button));
    }

  /* Alt+M still opens the templates. */
  {
    GtkWidget *button = gtk_widget_get_first_child (template_button);
    GtkShortcut *shortcut = get_icon_mnemonic (button);
    GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (template_button)));
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    g_assert_cmpuint (gtk_mnemonic_trigger_get_keyval (GTK_MNEMONIC_TRIGGER (gtk_shortcut_get_trigger (shortcut))),
                      ==, GDK_KEY_m);
    g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 button, NULL));
    /* A button activated from the keyboard is pressed for a moment first. */
    while (!gtk_widget_get_visible (popover))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
      }
    gtk_menu_button_popdown (GTK_MENU_BUTTON (template_button));
    iterate_pending ();
  }

  resize_window (fixture, 1200);
  for (guint i = 0; i < squeezers->len; i++)
    {
      AdwSqueezer *squeezer = g_ptr_array_index (squeezers, i);
      GtkWidget *label = gtk_widget_get_first_child (GTK_WIDGET (squeezer));

      g_assert_true (adw_squeezer_get_visible_child (squeezer) == label);
      g_assert_null (get_icon_mnemonic (gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON)));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Pixels as Cairo draws them, whatever GL there is; accessible
   * properties kept where the test can read them, without a bus. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(name, func, empty) \
  g_test_add ("/diagram-view/" name, Fixture, GINT_TO_POINTER (empty), \
              fixture_set_up, func, fixture_tear_down)
  ADD ("empty-state", test_empty_state, TRUE);
  ADD ("add-connect-undo", test_add_connect_undo, FALSE);
  ADD ("arrow-keys", test_arrow_keys, FALSE);
  ADD ("drag-move", test_drag_move, FALSE);
  ADD ("rename", test_rename, FALSE);
  ADD ("selection-links", test_selection_links, FALSE);
  ADD ("delete", test_delete, FALSE);
  ADD ("drop-theme", test_drop_theme, FALSE);
  ADD ("zoom", test_zoom, FALSE);
  ADD ("render", test_render, FALSE);
  ADD ("export", test_export, FALSE);
  ADD ("narrow-toolbar", test_narrow_toolbar, FALSE);
#undef ADD

  return g_test_run ();
}
