/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "coding-test-util.h"
#include "diagram-layout.h"

/* The automatic layout on a 40-node random DAG (fixed seed): no two nodes
 * overlap, every edge runs with the flow from one rank to a later one,
 * routes run from border to border, groups keep other nodes out; and the
 * same through EbDiagram, as one undo step. */

#define N_NODES 40
#define SEED    20240611

typedef struct
{
  EbDiagramLayoutNode  nodes[N_NODES];
  GArray              *edges;   /* EbDiagramLayoutEdge */
} Graph;

static void
graph_clear (Graph *graph)
{
  for (guint i = 0; i < graph->edges->len; i++)
    g_clear_pointer (&g_array_index (graph->edges, EbDiagramLayoutEdge, i).route, g_array_unref);
  g_array_unref (graph->edges);
}

static gboolean
has_edge (GArray *edges,
          guint   source,
          guint   target)
{
  for (guint i = 0; i < edges->len; i++)
    {
      EbDiagramLayoutEdge *edge = &g_array_index (edges, EbDiagramLayoutEdge, i);

      if (edge->source == source && edge->target == target)
        return TRUE;
    }
  return FALSE;
}

/* Every node after the first has a parent among those before it, so the
 * graph is connected and acyclic; 25 more edges, again forwards only. */
static void
make_graph (Graph *graph,
            guint  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  graph->edges = g_array_new (FALSE, TRUE, sizeof (EbDiagramLayoutEdge));
  for (guint i = 0; i < N_NODES; i++)
    {
      graph->nodes[i].width = g_rand_int_range (rand, 60, 180);
      graph->nodes[i].height = g_rand_int_range (rand, 24, 72);
      graph->nodes[i].group = -1;
    }
  for (guint i = 1; i < N_NODES; i++)
    {
      EbDiagramLayoutEdge edge = { (guint) g_rand_int_range (rand, 0, (gint32) i), i, NULL };

      g_array_append_val (graph->edges, edge);
    }
  while (graph->edges->len < N_NODES - 1 + 25)
    {
      guint a = (guint) g_rand_int_range (rand, 0, N_NODES);
      guint b = (guint) g_rand_int_range (rand, 0, N_NODES);
      EbDiagramLayoutEdge edge = { MIN (a, b), MAX (a, b), NULL };

      if (a != b && !has_edge (graph->edges, edge.source, edge.target))
        g_array_append_val (graph->edges, edge);
    }
}

static gboolean
overlap (const EbDiagramLayoutNode *a,
         const EbDiagramLayoutNode *b,
         double                     gap)
{
  return a->x < b->x + b->width + gap && b->x < a->x + a->width + gap
         && a->y < b->y + b->height + gap && b->y < a->y + a->height + gap;
}

/* How far (X, Y) is from the border of NODE's box. */
static double
border_distance (const EbDiagramLayoutNode *node,
                 double                     x,
                 double                     y)
{
  double dx = MAX (node->x - x, x - (node->x + node->width));
  double dy = MAX (node->y - y, y - (node->y + node->height));

  if (dx <= 0 && dy <= 0)
    return -MAX (dx, dy);
  return hypot (MAX (dx, 0), MAX (dy, 0));
}

static void
check_layout (Graph              *graph,
              EbDiagramDirection  direction)
{
  for (guint i = 0; i < N_NODES; i++)
    {
      g_assert_true (isfinite (graph->nodes[i].x) && isfinite (graph->nodes[i].y));
      g_assert_cmpfloat (graph->nodes[i].x, >=, -0.01);
      g_assert_cmpfloat (graph->nodes[i].y, >=, -0.01);
      for (guint j = i + 1; j < N_NODES; j++)
        if (overlap (&graph->nodes[i], &graph->nodes[j], 0))
          g_error ("Nodes %u and %u overlap", i, j);
    }
  for (guint i = 0; i < graph->edges->len; i++)
    {
      EbDiagramLayoutEdge *edge = &g_array_index (graph->edges, EbDiagramLayoutEdge, i);
      EbDiagramLayoutNode *s = &graph->nodes[edge->source], *t = &graph->nodes[edge->target];
      EbDiagramPoint first, last;

      /* The layered order respects the edge: the source's rank comes
       * first along the flow, and so does its whole box. */
      if (direction == EB_DIAGRAM_LEFT_TO_RIGHT)
        {
          g_assert_cmpfloat (s->x + s->width / 2, <, t->x + t->width / 2);
          g_assert_cmpfloat (s->x + s->width, <, t->x);
        }
      else
        {
          g_assert_cmpfloat (s->y + s->height / 2, <, t->y + t->height / 2);
          g_assert_cmpfloat (s->y + s->height, <, t->y);
        }
      g_assert_nonnull (edge->route);
      g_assert_cmpuint (edge->route->len, >=, 4);
      g_assert_cmpuint ((edge->route->len - 1) % 3, ==, 0);
      first = g_array_index (edge->route, EbDiagramPoint, 0);
      last = g_array_index (edge->route, EbDiagramPoint, edge->route->len - 1);
      g_assert_cmpfloat (border_distance (s, first.x, first.y), <, 1.5);
      g_assert_cmpfloat (border_distance (t, last.x, last.y), <, 1.5);
    }
}

static void
run (Graph              *graph,
     EbDiagramDirection  direction,
     guint               n_groups,
     double              group_margin)
{
  EbDiagramLayoutOptions options = { direction, 20, 36, group_margin };
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_layout_run (graph->nodes, N_NODES,
                                        (EbDiagramLayoutEdge *) (gpointer) graph->edges->data,
                                        graph->edges->len, n_groups, &options, &error));
  g_assert_no_error (error);
}

static void
test_left_to_right (void)
{
  Graph graph;

  make_graph (&graph, SEED);
  run (&graph, EB_DIAGRAM_LEFT_TO_RIGHT, 0, 0);
  check_layout (&graph, EB_DIAGRAM_LEFT_TO_RIGHT);
  graph_clear (&graph);
}

static void
test_top_to_bottom (void)
{
  Graph graph;

  make_graph (&graph, SEED + 1);
  run (&graph, EB_DIAGRAM_TOP_TO_BOTTOM, 0, 0);
  check_layout (&graph, EB_DIAGRAM_TOP_TO_BOTTOM);
  graph_clear (&graph);
}

/* The same graph laid out twice is laid out the same: a project
 * arranged again does not move. */
static void
test_stable (void)
{
  Graph first, second;

  make_graph (&first, SEED);
  make_graph (&second, SEED);
  run (&first, EB_DIAGRAM_LEFT_TO_RIGHT, 0, 0);
  run (&second, EB_DIAGRAM_LEFT_TO_RIGHT, 0, 0);
  for (guint i = 0; i < N_NODES; i++)
    {
      g_assert_cmpfloat (first.nodes[i].x, ==, second.nodes[i].x);
      g_assert_cmpfloat (first.nodes[i].y, ==, second.nodes[i].y);
    }
  graph_clear (&first);
  graph_clear (&second);
}

/* Three groups: each group's box (its nodes and the margin) holds no
 * other node. */
static void
test_groups (void)
{
  const double margin = 24;
  Graph graph;

  make_graph (&graph, SEED + 2);
  for (guint i = 0; i < N_NODES; i++)
    graph.nodes[i].group = i % 7 == 0 ? 0 : i % 11 == 1 ? 1 : i >= 30 && i < 34 ? 2 : -1;
  run (&graph, EB_DIAGRAM_LEFT_TO_RIGHT, 3, margin);
  check_layout (&graph, EB_DIAGRAM_LEFT_TO_RIGHT);
  for (int g = 0; g < 3; g++)
    {
      EbDiagramLayoutNode box = { 0, 0, g, G_MAXDOUBLE, G_MAXDOUBLE };
      double x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

      for (guint i = 0; i < N_NODES; i++)
        if (graph.nodes[i].group == g)
          {
            box.x = MIN (box.x, graph.nodes[i].x);
            box.y = MIN (box.y, graph.nodes[i].y);
            x1 = MAX (x1, graph.nodes[i].x + graph.nodes[i].width);
            y1 = MAX (y1, graph.nodes[i].y + graph.nodes[i].height);
          }
      box.width = x1 - box.x;
      box.height = y1 - box.y;
      for (guint i = 0; i < N_NODES; i++)
        if (graph.nodes[i].group != g && overlap (&box, &graph.nodes[i], margin - 1))
          g_error ("Node %u is inside group %d", i, g);
    }
  graph_clear (&graph);
}

static void
test_empty (void)
{
  EbDiagramLayoutOptions options = { EB_DIAGRAM_LEFT_TO_RIGHT, 20, 36, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_diagram_layout_run (NULL, 0, NULL, 0, 0, &options, &error));
  g_assert_no_error (error);
}

/* Through the model: the 40 nodes arranged in one undo step, stored. */
static void
test_diagram (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(EbDiagram) diagram = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *ids = g_new0 (gint64, N_NODES);
  EbUndoStack *stack = eb_coding_store_get_undo_stack (fixture->store);
  Graph graph;

  diagram = eb_diagram_new (fixture->store, &error);
  g_assert_no_error (error);
  make_graph (&graph, SEED);
  for (guint i = 0; i < N_NODES; i++)
    {
      g_autofree char *label = g_strdup_printf ("Node %u", i);

      g_assert_true (eb_diagram_add_node (diagram, label, NULL, 0, 0, 0, graph.nodes[i].width,
                                          graph.nodes[i].height, &ids[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < graph.edges->len; i++)
    {
      EbDiagramLayoutEdge *edge = &g_array_index (graph.edges, EbDiagramLayoutEdge, i);

      g_assert_true (eb_diagram_connect (diagram, ids[edge->source], ids[edge->target],
                                         EB_DIAGRAM_EDGE_LEADS_TO, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  eb_undo_stack_clear (stack);

  g_assert_true (eb_diagram_arrange (diagram, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 1);
  for (guint i = 0; i < N_NODES; i++)
    {
      EbDiagramNode *node = eb_diagram_get_node (diagram, ids[i]);

      graph.nodes[i].x = eb_diagram_node_get_x (node);
      graph.nodes[i].y = eb_diagram_node_get_y (node);
      /* Without a measure function the sizes stay. */
      g_assert_cmpfloat (eb_diagram_node_get_width (node), ==, graph.nodes[i].width);
    }
  for (guint i = 0; i < graph.edges->len; i++)
    {
      EbDiagramLayoutEdge *edge = &g_array_index (graph.edges, EbDiagramLayoutEdge, i);
      g_autoptr(EbDiagramEdge) item = g_list_model_get_item (eb_diagram_get_edges (diagram), i);
      const EbDiagramPoint *route;
      guint n;

      route = eb_diagram_edge_get_route (item, &n);
      edge->route = g_array_new (FALSE, FALSE, sizeof (EbDiagramPoint));
      g_array_append_vals (edge->route, route, n);
    }
  check_layout (&graph, EB_DIAGRAM_LEFT_TO_RIGHT);
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM diagram_edges "
                               "WHERE route IS NOT NULL"), ==, graph.edges->len);
  graph_clear (&graph);

  g_assert_true (eb_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM diagram_nodes "
                               "WHERE x != 0 OR y != 0"), ==, 0);
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM diagram_edges "
                               "WHERE route IS NOT NULL"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagram-layout/left-to-right", test_left_to_right);
  g_test_add_func ("/diagram-layout/top-to-bottom", test_top_to_bottom);
  g_test_add_func ("/diagram-layout/stable", test_stable);
  g_test_add_func ("/diagram-layout/groups", test_groups);
  g_test_add_func ("/diagram-layout/empty", test_empty);
  g_test_add ("/diagram-layout/diagram", Fixture, NULL, fixture_set_up, test_diagram,
              fixture_tear_down);
  return g_test_run ();
}
