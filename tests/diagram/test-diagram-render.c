/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "coding-test-util.h"
#include "diagram-render.h"
#include "diagram-templates.h"
#include "example-codebook.h"
#include "survey-import.h"

/* The drawing of the diagram: Figure 1 from the example project with
 * every arrow ending on its target's border and no two nodes overlapping;
 * arrows between nodes of every shape; edge labels kept off nodes and off
 * each other; hit tests; figure files read back independently (the PNG's
 * header, the PDF through poppler's pdftotext, the SVG through GLib's XML
 * parser). */

/* Tolerances are in pixels of a 300 dpi figure. */
#define PX (72.0 / 300.0)

typedef struct
{
  char          *dir;
  char          *path;
  EbProject     *project;
  EbCodingStore *store;
  EbDiagram     *diagram;
} Example;

/* ---- Fixtures ---- */

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
  example->diagram = eb_diagram_new (example->store, &error);
  g_assert_no_error (error);
  g_assert_true (eb_diagram_apply_template (example->diagram, EB_DIAGRAM_TEMPLATE_PEER_MENTORING,
                                            eb_diagram_render_measure, NULL, &error));
  g_assert_no_error (error);
}

static void
example_tear_down (Example       *example,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *base = g_path_get_basename (example->path);
  g_autofree char *lock = NULL;

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

static EbDiagram *
new_diagram (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  EbDiagram *diagram = eb_diagram_new (fixture->store, &error);

  g_assert_no_error (error);
  return diagram;
}

static gint64
add_node (EbDiagram  *diagram,
          const char *label,
          gint64      theme_id,
          double      x,
          double      y)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (eb_diagram_add_node (diagram, label, NULL, theme_id, x, y, 0, 0, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
connect (EbDiagram          *diagram,
         gint64              source,
         gint64              target,
         EbDiagramEdgeStyle  style,
         const char         *label)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (eb_diagram_connect (diagram, source, target, style, label, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* ---- Geometry, computed here and not by the renderer ---- */

static int
node_index (EbDiagramDrawing *drawing,
            gint64            id)
{
  for (guint i = 0; i < eb_diagram_drawing_get_n_nodes (drawing); i++)
    if (eb_diagram_drawing_get_node_id (drawing, i) == id)
      return (int) i;
  g_error ("No node %" G_GINT64_FORMAT " in the drawing", id);
}

static double
segment_distance (double x,
                  double y,
                  double x0,
                  double y0,
                  double x1,
                  double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double t = CLAMP (((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy), 0, 1);

  return hypot (x0 + t * dx - x, y0 + t * dy - y);
}

/* The distance from (X, Y) to the outline of the node's shape. */
static double
distance_to_border (EbDiagramDrawing *drawing,
                    guint             index,
                    double            x,
                    double            y)
{
  cairo_rectangle_t r;
  double radius;
  EbDiagramShape shape = eb_diagram_drawing_get_node_shape (drawing, index, &radius);

  eb_diagram_drawing_get_node_rect (drawing, index, &r);
  switch (shape)
    {
    case EB_DIAGRAM_SHAPE_ROUNDED:
      {
        /* The signed distance of a rounded box. */
        double qx = fabs (x - (r.x + r.width / 2)) - (r.width / 2 - radius);
        double qy = fabs (y - (r.y + r.height / 2)) - (r.height / 2 - radius);

        return fabs (hypot (MAX (qx, 0), MAX (qy, 0)) + MIN (MAX (qx, qy), 0) - radius);
      }

    case EB_DIAGRAM_SHAPE_ELLIPSE:
      {
        double best = G_MAXDOUBLE;

        for (guint i = 0; i < 20000; i++)
          {
            double a = 2 * G_PI * i / 20000;

            best = MIN (best, hypot (r.x + r.width / 2 * (1 + cos (a)) - x,
                                     r.y + r.height / 2 * (1 + sin (a)) - y));
          }
        return best;
      }

    case EB_DIAGRAM_SHAPE_NOTE:
    default:
      {
        /* A box whose top right corner is cut off; its size is the
         * drawing's fold, 0.9 em of 9 pt. */
        double fold = 0.9 * 9, x1 = r.x + r.width, y1 = r.y + r.height;
        double corners[6][2] = {
          { r.x, r.y }, { x1 - fold, r.y }, { x1, r.y + fold }, { x1, y1 }, { r.x, y1 },
          { r.x, r.y },
        };
        double best = G_MAXDOUBLE;

        for (guint i = 0; i < 5; i++)
          best = MIN (best, segment_distance (x, y, corners[i][0], corners[i][1],
                                              corners[i + 1][0], corners[i + 1][1]));
        return best;
      }
    }
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Every edge drawn, starting on its source's border and ending (the tip
 * of its head) on its target's. */
static void
assert_edges_on_borders (EbDiagram        *diagram,
                         EbDiagramDrawing *drawing)
{
  g_assert_cmpuint (eb_diagram_drawing_get_n_edges (drawing), ==,
                    g_list_model_get_n_items (eb_diagram_get_edges (diagram)));
  for (guint i = 0; i < eb_diagram_drawing_get_n_edges (drawing); i++)
    {
      EbDiagramEdge *edge = eb_diagram_get_edge (diagram, eb_diagram_drawing_get_edge_id (drawing, i));
      int source = node_index (drawing, eb_diagram_edge_get_source_id (edge));
      int target = node_index (drawing, eb_diagram_edge_get_target_id (edge));
      EbDiagramPoint start, end;

      g_assert_true (eb_diagram_drawing_get_edge_ends (drawing, i, &start, &end));
      g_assert_cmpfloat (distance_to_border (drawing, (guint) target, end.x, end.y), <, 1.5 * PX);
      g_assert_cmpfloat (distance_to_border (drawing, (guint) source, start.x, start.y), <,
                         1.5 * PX);
    }
}

static void
assert_no_overlaps (EbDiagramDrawing *drawing)
{
  guint n = eb_diagram_drawing_get_n_nodes (drawing);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        cairo_rectangle_t a, b;

        eb_diagram_drawing_get_node_rect (drawing, i, &a);
        eb_diagram_drawing_get_node_rect (drawing, j, &b);
        g_assert_false (rects_overlap (&a, &b));
      }
}

/* ---- Painting ---- */

static cairo_surface_t *
paint (EbDiagramDrawing *drawing,
       double            scale)
{
  cairo_rectangle_t bounds;
  cairo_surface_t *surface;
  cairo_t *cr;

  eb_diagram_drawing_get_bounds (drawing, &bounds);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (bounds.width * scale),
                                        (int) ceil (bounds.height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 0, 1);   /* magenta: shows where nothing was drawn */
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -bounds.x, -bounds.y);
  eb_diagram_drawing_draw (drawing, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel_at (cairo_surface_t  *surface,
          EbDiagramDrawing *drawing,
          double            scale,
          double            x,
          double            y)
{
  cairo_rectangle_t bounds;
  guint32 *data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  int px, py;

  eb_diagram_drawing_get_bounds (drawing, &bounds);
  px = (int) floor ((x - bounds.x) * scale);
  py = (int) floor ((y - bounds.y) * scale);
  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));
  return data[py * stride + px] & 0xffffff;
}

static double
darkness (guint32 rgb)
{
  return 1 - (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / (3 * 255.0);
}

/* ---- Tests ---- */

static void
test_figure1 (Example       *example,
              gconstpointer  data)
{
  g_autoptr(EbDiagramDrawing) drawing = eb_diagram_drawing_new (example->diagram, NULL, NULL);
  cairo_surface_t *surface;
  cairo_rectangle_t bounds;
  const double scale = 300.0 / 72.0;

  g_assert_cmpuint (eb_diagram_drawing_get_n_nodes (drawing), ==, 7);
  g_assert_cmpuint (eb_diagram_drawing_get_n_groups (drawing), ==, 1);
  assert_edges_on_borders (example->diagram, drawing);
  assert_no_overlaps (drawing);

  /* Drawn at the size the layout gave each node: the text fits it. */
  for (guint i = 0; i < eb_diagram_drawing_get_n_nodes (drawing); i++)
    {
      EbDiagramNode *node = eb_diagram_get_node (example->diagram,
                                                 eb_diagram_drawing_get_node_id (drawing, i));
      cairo_rectangle_t r;

      eb_diagram_drawing_get_node_rect (drawing, i, &r);
      g_assert_cmpfloat (r.width, ==, eb_diagram_node_get_width (node));
      g_assert_cmpfloat (r.height, ==, eb_diagram_node_get_height (node));
    }

  /* The group box holds its two nodes and no other. */
  {
    cairo_rectangle_t box;
    g_autoptr(GArray) members = NULL;

    eb_diagram_drawing_get_group_rect (drawing, 0, &box);
    members = eb_diagram_dup_group_members (example->diagram,
                                            eb_diagram_drawing_get_group_id (drawing, 0));
    for (guint i = 0; i < eb_diagram_drawing_get_n_nodes (drawing); i++)
      {
        gint64 id = eb_diagram_drawing_get_node_id (drawing, i);
        gboolean member = id == g_array_index (members, gint64, 0)
                          || id == g_array_index (members, gint64, 1);
        cairo_rectangle_t r;

        eb_diagram_drawing_get_node_rect (drawing, i, &r);
        if (member)
          g_assert_true (r.x > box.x && r.y > box.y && r.x + r.width < box.x + box.width
                         && r.y + r.height < box.y + box.height);
        else
          g_assert_false (rects_overlap (&r, &box));
      }
  }

  /* Painted: the background everywhere, a dark head just inside each
   * arrow's tip, the node fill in the middle of a node. */
  surface = paint (drawing, scale);
  eb_diagram_drawing_get_bounds (drawing, &bounds);
  g_assert_cmphex (pixel_at (surface, drawing, scale, bounds.x + 0.5, bounds.y + 0.5), ==,
                   0xffffff);
  for (guint i = 0; i < eb_diagram_drawing_get_n_edges (drawing); i++)
    {
      EbDiagramPoint start, end;
      double d;

      g_assert_true (eb_diagram_drawing_get_edge_ends (drawing, i, &start, &end));
      /* Back from the tip along the line, roughly: towards the start. */
      d = hypot (start.x - end.x, start.y - end.y);
      g_assert_cmpfloat (darkness (pixel_at (surface, drawing, scale,
                                             end.x + (start.x - end.x) / d * 2.5,
                                             end.y + (start.y - end.y) / d * 2.5)), >, 0.5);
    }
  cairo_surface_destroy (surface);
}

/* Straight arrows (no route, as after dragging) between nodes of each
 * shape, with heads at both ends of a bidirectional one; an associated
 * one has none; an edge between overlapping nodes is not drawn. */
static void
test_shapes (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EbDiagram) diagram = new_diagram (fixture);
  g_autoptr(EbDiagramDrawing) drawing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 centre, around[6], hidden;
  EbDiagramPoint start, end;

  populate (fixture);
  centre = add_node (diagram, "Centre of things", fixture->themes[CONFIDENCE], 300, 200);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *label = g_strdup_printf ("Around %u", i);
      double angle = 2 * G_PI * i / 6;

      around[i] = add_node (diagram, label, i % 2 ? fixture->themes[SAFE] : 0,
                            300 + 220 * cos (angle), 200 + 150 * sin (angle));
      g_assert_true (eb_diagram_set_node_shape (diagram, around[i],
                                                (EbDiagramShape) (i % 3), &error));
      g_assert_no_error (error);
      connect (diagram, i < 3 ? centre : around[i], i < 3 ? around[i] : centre,
               (EbDiagramEdgeStyle) (i % 3), NULL);
    }
  g_assert_true (eb_diagram_set_node_shape (diagram, centre, EB_DIAGRAM_SHAPE_ELLIPSE, &error));
  /* Two nodes on top of each other. */
  hidden = add_node (diagram, "Under", 0, 305, 205);
  connect (diagram, centre, hidden, EB_DIAGRAM_EDGE_LEADS_TO, NULL);

  drawing = eb_diagram_drawing_new (diagram, NULL, NULL);
  for (guint i = 0; i < 6; i++)
    {
      EbDiagramEdge *edge = eb_diagram_get_edge (diagram, (gint64) i + 1);
      int source = node_index (drawing, eb_diagram_edge_get_source_id (edge));
      int target = node_index (drawing, eb_diagram_edge_get_target_id (edge));

      g_assert_true (eb_diagram_drawing_get_edge_ends (drawing, i, &start, &end));
      g_assert_cmpfloat (distance_to_border (drawing, (guint) target, end.x, end.y), <, 1.5 * PX);
      g_assert_cmpfloat (distance_to_border (drawing, (guint) source, start.x, start.y), <,
                         1.5 * PX);
    }
  g_assert_false (eb_diagram_drawing_get_edge_ends (drawing, 6, &start, &end));

  /* Painting every shape and style works, on a vector surface too. */
  {
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, NULL);
    cairo_t *cr = cairo_create (surface);

    eb_diagram_drawing_draw (drawing, cr);
    eb_diagram_drawing_draw_selection (drawing, cr, centre, &(EbColor) { 0.2, 0.4, 0.9 });
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

/* Labelled edges between nodes laid out automatically: every label away
 * from every node and every other label. */
static void
test_labels (Fixture       *fixture,
             gconstpointer  data)
{
  static const char *labels[] = {
    "encourages", "builds", "through practice", "over time", "when supported", "raises",
  };
  g_autoptr(EbDiagram) diagram = new_diagram (fixture);
  g_autoptr(EbDiagramDrawing) drawing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[6];
  guint n_labels = 0;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *label = g_strdup_printf ("Stage %u of the programme", i + 1);

      ids[i] = add_node (diagram, label, 0, 0, 0);
    }
  connect (diagram, ids[0], ids[1], EB_DIAGRAM_EDGE_LEADS_TO, labels[0]);
  connect (diagram, ids[0], ids[2], EB_DIAGRAM_EDGE_LEADS_TO, labels[1]);
  connect (diagram, ids[1], ids[3], EB_DIAGRAM_EDGE_ASSOCIATED, labels[2]);
  connect (diagram, ids[2], ids[3], EB_DIAGRAM_EDGE_LEADS_TO, labels[3]);
  connect (diagram, ids[3], ids[4], EB_DIAGRAM_EDGE_BIDIRECTIONAL, labels[4]);
  connect (diagram, ids[2], ids[5], EB_DIAGRAM_EDGE_LEADS_TO, labels[5]);
  g_assert_true (eb_diagram_arrange (diagram, eb_diagram_render_measure, NULL, &error));
  g_assert_no_error (error);

  drawing = eb_diagram_drawing_new (diagram, NULL, NULL);
  assert_no_overlaps (drawing);
  assert_edges_on_borders (diagram, drawing);
  for (guint i = 0; i < eb_diagram_drawing_get_n_edges (drawing); i++)
    {
      cairo_rectangle_t rect;

      g_assert_true (eb_diagram_drawing_get_edge_label_rect (drawing, i, &rect));
      n_labels++;
      for (guint n = 0; n < eb_diagram_drawing_get_n_nodes (drawing); n++)
        {
          cairo_rectangle_t node;

          eb_diagram_drawing_get_node_rect (drawing, n, &node);
          g_assert_false (rects_overlap (&rect, &node));
        }
      for (guint j = 0; j < i; j++)
        {
          cairo_rectangle_t other;

          g_assert_true (eb_diagram_drawing_get_edge_label_rect (drawing, j, &other));
          g_assert_false (rects_overlap (&rect, &other));
        }
    }
  g_assert_cmpuint (n_labels, ==, 6);
}

static void
test_hit (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(EbDiagram) diagram = new_diagram (fixture);
  g_autoptr(EbDiagramDrawing) drawing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b, edge, group;
  cairo_rectangle_t ra, rg;
  EbDiagramPoint start, end;
  EbDiagramHit hit;

  a = add_node (diagram, "Source", 0, 0, 0);
  b = add_node (diagram, "Target", 0, 300, 0);
  edge = connect (diagram, a, b, EB_DIAGRAM_EDGE_LEADS_TO, NULL);
  g_assert_true (eb_diagram_add_group (diagram, "Box", &a, 1, &group, &error));
  g_assert_no_error (error);
  drawing = eb_diagram_drawing_new (diagram, NULL, NULL);
  eb_diagram_drawing_get_node_rect (drawing, 0, &ra);
  eb_diagram_drawing_get_group_rect (drawing, 0, &rg);
  g_assert_true (eb_diagram_drawing_get_edge_ends (drawing, 0, &start, &end));

  hit = eb_diagram_drawing_hit (drawing, ra.x + ra.width / 2, ra.y + ra.height / 2, 3, 0);
  g_assert_cmpint (hit.kind, ==, EB_DIAGRAM_HIT_NODE);
  g_assert_cmpint (hit.id, ==, a);
  hit = eb_diagram_drawing_hit (drawing, (start.x + end.x) / 2, (start.y + end.y) / 2 + 2, 3, 0);
  g_assert_cmpint (hit.kind, ==, EB_DIAGRAM_HIT_EDGE);
  g_assert_cmpint (hit.id, ==, edge);
  hit = eb_diagram_drawing_hit (drawing, (start.x + end.x) / 2, (start.y + end.y) / 2 + 30, 3, 0);
  g_assert_cmpint (hit.kind, ==, EB_DIAGRAM_HIT_NONE);
  hit = eb_diagram_drawing_hit (drawing, rg.x + 4, rg.y + 4, 3, 0);
  g_assert_cmpint (hit.kind, ==, EB_DIAGRAM_HIT_GROUP);
  g_assert_cmpint (hit.id, ==, group);
  /* The active node's handles come first: connect on the right, resize
   * at the bottom right. */
  hit = eb_diagram_drawing_hit (drawing, ra.x + ra.width, ra.y + ra.height / 2, 2, a);
  g_assert_cmpint (hit.kind, ==, EB_DIAGRAM_HIT_CONNECT_HANDLE);
  hit = eb_diagram_drawing_hit (drawing, ra.x + ra.width, ra.y + ra.height, 2, a);
  g_assert_cmpint (hit.kind, ==, EB_DIAGRAM_HIT_RESIZE_HANDLE);
  hit = eb_diagram_drawing_hit (drawing, ra.x + ra.width - 1, ra.y + ra.height / 2, 0, 0);
  g_assert_cmpint (hit.kind, ==, EB_DIAGRAM_HIT_NODE);
}

/* Text is never clipped: a node resized too small for its label grows
 * downwards in the drawing. */
static void
test_text_fits (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EbDiagram) diagram = new_diagram (fixture);
  g_autoptr(EbDiagramDrawing) drawing = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const bullets[] = { "One more thing to say about it", NULL };
  EbDiagramText text = { EB_DIAGRAM_TEXT_NODE, "A rather long label for a small box", bullets,
                         EB_DIAGRAM_SHAPE_ROUNDED, FALSE };
  double width, height;
  cairo_rectangle_t r;
  gint64 id;

  g_assert_true (eb_diagram_add_node (diagram, text.label, bullets, 0, 0, 0, 60, 20, &id,
                                      &error));
  g_assert_no_error (error);
  drawing = eb_diagram_drawing_new (diagram, NULL, NULL);
  eb_diagram_drawing_get_node_rect (drawing, 0, &r);
  g_assert_cmpfloat (r.width, ==, 60);
  eb_diagram_render_measure (&text, &width, &height, NULL);
  /* Narrower than its natural size: more lines, so taller than that. */
  g_assert_cmpfloat (r.height, >, height);
  g_assert_cmpfloat (width, >, 60);
}

/* ---- Figure files ---- */

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("evalbench-render-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_png (Example       *example,
          gconstpointer  data)
{
  g_autofree char *path = temp_path ("diagram.png");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbDiagramDrawing) drawing = eb_diagram_drawing_new (example->diagram, NULL, NULL);
  cairo_rectangle_t bounds;
  double width_pt = eb_figure_mm_to_points (160), scale;
  gsize length;

  eb_diagram_drawing_get_bounds (drawing, &bounds);
  scale = MIN (1.0, width_pt / bounds.width);
  g_assert_true (eb_diagram_export (example->diagram, NULL, EB_FIGURE_FORMAT_PNG, 160, 300, path,
                                    NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (read_be32 ((const guint8 *) contents + 16), ==, eb_figure_pixels (160, 300));
  g_assert_cmpuint (read_be32 ((const guint8 *) contents + 20), ==,
                    (guint) ceil (bounds.height * scale * 300 / 72 - 1e-6));
  g_unlink (path);

  /* Narrow: scaled down to fit, all of it. */
  g_assert_true (eb_diagram_drawing_export (drawing, EB_FIGURE_FORMAT_PNG, 50, 300, path, NULL,
                                            &error));
  g_assert_no_error (error);
  {
    cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, eb_figure_pixels (50, 300));
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==,
                     (int) ceil (bounds.height * eb_figure_mm_to_points (50) / bounds.width
                                 * 300 / 72 - 1e-6));
    cairo_surface_destroy (surface);
  }
  remove_temp (path);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
squeeze_spaces (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, " ", 0, NULL);
}

static void
test_pdf (Example       *example,
          gconstpointer  data)
{
  static const char * const expected[] = {
    "Face-to-face sessions", "Peer mentoring", "Sharing ideas", "Self-reflection",
    "Sense of belonging", "Increased confidence", "Empowerment", "Motivation",
  };
  g_autofree char *path = temp_path ("diagram.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (eb_diagram_export (example->diagram, NULL, EB_FIGURE_FORMAT_PDF, 160, 0, path,
                                    NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  if (pdftotext == NULL)
    g_test_skip ("pdftotext (poppler-utils) not installed");
  else
    {
      const char *argv[] = { "pdftotext", "-raw", path, "-", NULL };
      g_autofree char *text = run (argv);
      g_autofree char *flat = squeeze_spaces (text);

      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        if (strstr (flat, expected[i]) == NULL)
          g_error ("“%s” is not in the PDF's text: %s", expected[i], flat);
      /* Wrapped labels come out line by line. */
      g_assert_nonnull (strstr (flat, "Peer discussions of common"));
      g_assert_nonnull (strstr (flat, "A safe space to test"));
      g_assert_nonnull (strstr (flat, "respondents"));
    }
  remove_temp (path);
}

typedef struct
{
  guint  depth;
  guint  elements;
  char  *root;
} SvgCheck;

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  SvgCheck *check = user_data;

  if (check->depth++ == 0)
    check->root = g_strdup (name);
  check->elements++;
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  ((SvgCheck *) user_data)->depth--;
}

static void
test_svg (Example       *example,
          gconstpointer  data)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, NULL, NULL, NULL };
  g_autofree char *path = temp_path ("diagram.svg");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  SvgCheck check = { 0 };
  gsize length;

  g_assert_true (eb_diagram_export (example->diagram, NULL, EB_FIGURE_FORMAT_SVG, 160, 0, path,
                                    NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  context = g_markup_parse_context_new (&parser, 0, &check, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, (gssize) length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (check.root, ==, "svg");
  g_assert_cmpuint (check.depth, ==, 0);
  g_assert_cmpuint (check.elements, >, 50);
  g_free (check.root);
  remove_temp (path);
}

static void
test_export_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EbDiagram) diagram = new_diagram (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("empty.png");
  g_autoptr(EbDiagramDrawing) drawing = eb_diagram_drawing_new (diagram, NULL, NULL);
  cairo_rectangle_t bounds;

  eb_diagram_drawing_get_bounds (drawing, &bounds);
  g_assert_cmpfloat (bounds.width, ==, 0);
  g_assert_false (eb_diagram_export (diagram, NULL, EB_FIGURE_FORMAT_PNG, 160, 300, path, NULL,
                                     &error));
  g_assert_error (error, EB_FIGURE_ERROR, EB_FIGURE_ERROR_SIZE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  remove_temp (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD_EXAMPLE(path, func) \
  g_test_add (path, Example, NULL, example_set_up, func, example_tear_down)
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_EXAMPLE ("/diagram-render/figure1", test_figure1);
  ADD ("/diagram-render/shapes", test_shapes);
  ADD ("/diagram-render/labels", test_labels);
  ADD ("/diagram-render/hit", test_hit);
  ADD ("/diagram-render/text-fits", test_text_fits);
  ADD_EXAMPLE ("/diagram-render/export/png", test_png);
  ADD_EXAMPLE ("/diagram-render/export/pdf", test_pdf);
  ADD_EXAMPLE ("/diagram-render/export/svg", test_svg);
  ADD ("/diagram-render/export/empty", test_export_empty);
  return g_test_run ();
}
