/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-diagram"

#include "config.h"

#include <math.h>

#include <gvc.h>

#include "diagram-layout.h"

/* Graphviz keeps its error handler, its error level and parts of the
 * layout engines' state in globals: one layout at a time. */
G_LOCK_DEFINE_STATIC (graphviz);

/* Graphviz's messages during a run, under the lock: shown only when the
 * layout fails, never printed on the terminal. */
static GString *messages;

static int
collect_message_cb (char *message)
{
  if (messages != NULL && message != NULL)
    g_string_append (messages, message);
  return 0;
}

/* Graphviz takes sizes in inches and spacing in points, both as text in
 * the C locale. */
static void
set_number (void       *object,
            const char *name,
            double      value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (text, sizeof text, "%.4f", value);
  agsafeset (object, (char *) name, text, (char *) "");
}

static void
set_text (void       *object,
          const char *name,
          const char *value)
{
  agsafeset (object, (char *) name, (char *) value, (char *) "");
}

/* The nodes of a group that nothing leads to start side by side, in one
 * rank: a group says "these belong together", and its starting points
 * (peer mentoring and the safe space of the face-to-face sessions) read
 * as such. Dot alone would push a node with a single outgoing edge as
 * close to its target as it can. */
static void
align_group_sources (const EbDiagramLayoutNode  *nodes,
                     guint                       n_nodes,
                     const EbDiagramLayoutEdge  *edges,
                     guint                       n_edges,
                     Agraph_t                  **clusters,
                     guint                       n_groups,
                     Agnode_t                  **gv_nodes)
{
  g_autofree gboolean *led_to = g_new0 (gboolean, n_nodes);

  for (guint i = 0; i < n_edges; i++)
    led_to[edges[i].target] = TRUE;
  for (guint g = 0; g < n_groups; g++)
    {
      g_autofree char *name = g_strdup_printf ("sources_%u", g);
      Agraph_t *same = NULL;
      guint n_sources = 0;

      for (guint i = 0; i < n_nodes; i++)
        n_sources += nodes[i].group == (int) g && !led_to[i];
      if (n_sources < 2)
        continue;
      same = agsubg (clusters[g], name, 1);
      set_text (same, "rank", "same");
      for (guint i = 0; i < n_nodes; i++)
        if (nodes[i].group == (int) g && !led_to[i])
          agsubnode (same, gv_nodes[i], 1);
    }
}

static Agraph_t *
build_graph (const EbDiagramLayoutNode     *nodes,
             guint                          n_nodes,
             const EbDiagramLayoutEdge     *edges,
             guint                          n_edges,
             guint                          n_groups,
             const EbDiagramLayoutOptions  *options,
             Agnode_t                     **gv_nodes,
             Agedge_t                     **gv_edges)
{
  Agraph_t *graph = agopen ((char *) "diagram", Agdirected, NULL);
  g_autofree Agraph_t **clusters = g_new0 (Agraph_t *, MAX (n_groups, 1));

  set_text (graph, "rankdir", options->direction == EB_DIAGRAM_LEFT_TO_RIGHT ? "LR" : "TB");
  set_number (graph, "nodesep", options->node_gap / 72.0);
  set_number (graph, "ranksep", options->rank_gap / 72.0);
  set_text (graph, "splines", "true");
  /* Ranks computed over the whole graph, clusters included: without it
   * dot ranks each cluster on its own and stretches edges into them. */
  set_text (graph, "newrank", "true");

  /* Boxes of exactly the size given: the renderer draws the real shape
   * inside, and the routes end on the box. No label, so Graphviz measures
   * no text; no arrowheads, so routes run all the way to the border. */
  agattr (graph, AGNODE, (char *) "shape", (char *) "box");
  agattr (graph, AGNODE, (char *) "fixedsize", (char *) "true");
  agattr (graph, AGNODE, (char *) "label", (char *) "");
  agattr (graph, AGEDGE, (char *) "dir", (char *) "none");

  for (guint i = 0; i < n_groups; i++)
    {
      g_autofree char *name = g_strdup_printf ("cluster_%u", i);

      clusters[i] = agsubg (graph, name, 1);
      set_number (clusters[i], "margin", options->group_margin);
    }
  for (guint i = 0; i < n_nodes; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u", i);

      gv_nodes[i] = agnode (graph, name, 1);
      set_number (gv_nodes[i], "width", MAX (nodes[i].width, 1.0) / 72.0);
      set_number (gv_nodes[i], "height", MAX (nodes[i].height, 1.0) / 72.0);
      if (nodes[i].group >= 0 && (guint) nodes[i].group < n_groups)
        agsubnode (clusters[nodes[i].group], gv_nodes[i], 1);
    }
  for (guint i = 0; i < n_edges; i++)
    {
      g_autofree char *name = g_strdup_printf ("e%u", i);

      g_assert (edges[i].source < n_nodes && edges[i].target < n_nodes);
      gv_edges[i] = agedge (graph, gv_nodes[edges[i].source], gv_nodes[edges[i].target],
                            name, 1);
    }
  align_group_sources (nodes, n_nodes, edges, n_edges, clusters, n_groups, gv_nodes);
  return graph;
}

static double
distance_squared (EbDiagramPoint a,
                  double         x,
                  double         y)
{
  return (a.x - x) * (a.x - x) + (a.y - y) * (a.y - y);
}

/* The edge's spline, flipped into our coordinates (Graphviz's y grows
 * upwards from the bottom of the bounding box), from source to target. */
static GArray *
read_route (Agedge_t                  *edge,
            const boxf                *bb,
            const EbDiagramLayoutNode *source)
{
  splines *spl = ED_spl (edge);
  GArray *route;
  double cx, cy;

  if (spl == NULL || spl->size == 0)
    return NULL;
  route = g_array_new (FALSE, FALSE, sizeof (EbDiagramPoint));
  for (int b = 0; b < spl->size; b++)
    for (int i = 0; i < spl->list[b].size; i++)
      {
        EbDiagramPoint p = { spl->list[b].list[i].x - bb->LL.x,
                             bb->UR.y - spl->list[b].list[i].y };

        /* Consecutive Béziers share their joining point. */
        if (b > 0 && i == 0)
          continue;
        g_array_append_val (route, p);
      }
  if (route->len < 4 || (route->len - 1) % 3 != 0)
    {
      g_array_unref (route);
      return NULL;
    }
  /* Dot reverses edges that go against the flow to break cycles; make
   * sure the route starts at the source. */
  cx = source->x + source->width / 2;
  cy = source->y + source->height / 2;
  if (distance_squared (g_array_index (route, EbDiagramPoint, 0), cx, cy)
      > distance_squared (g_array_index (route, EbDiagramPoint, route->len - 1), cx, cy))
    for (guint i = 0, j = route->len - 1; i < j; i++, j--)
      {
        EbDiagramPoint swap = g_array_index (route, EbDiagramPoint, i);

        g_array_index (route, EbDiagramPoint, i) = g_array_index (route, EbDiagramPoint, j);
        g_array_index (route, EbDiagramPoint, j) = swap;
      }
  return route;
}

/* Dot may draw a rank in either of two mirror images, equally good. Take
 * the one that keeps more pairs of a rank in the order the nodes were
 * given (a template lists peer mentoring before the safe space): the
 * figure then reads as it was written. */
static gboolean
should_mirror (const EbDiagramLayoutNode    *nodes,
               guint                         n_nodes,
               const EbDiagramLayoutOptions *options)
{
  gboolean across = options->direction == EB_DIAGRAM_TOP_TO_BOTTOM;
  int balance = 0;

  for (guint i = 0; i < n_nodes; i++)
    for (guint j = i + 1; j < n_nodes; j++)
      {
        /* In one rank: the same centre along the flow. */
        double rank_i = across ? nodes[i].y + nodes[i].height / 2 : nodes[i].x + nodes[i].width / 2;
        double rank_j = across ? nodes[j].y + nodes[j].height / 2 : nodes[j].x + nodes[j].width / 2;
        double place_i = across ? nodes[i].x : nodes[i].y;
        double place_j = across ? nodes[j].x : nodes[j].y;

        if (fabs (rank_i - rank_j) > 0.5 || place_i == place_j)
          continue;
        balance += place_i < place_j ? 1 : -1;
      }
  return balance < 0;
}

static void
mirror (EbDiagramLayoutNode          *nodes,
        guint                         n_nodes,
        EbDiagramLayoutEdge          *edges,
        guint                         n_edges,
        const EbDiagramLayoutOptions *options,
        const boxf                   *bb)
{
  gboolean across = options->direction == EB_DIAGRAM_TOP_TO_BOTTOM;
  double extent = across ? bb->UR.x - bb->LL.x : bb->UR.y - bb->LL.y;

  for (guint i = 0; i < n_nodes; i++)
    {
      if (across)
        nodes[i].x = extent - nodes[i].x - nodes[i].width;
      else
        nodes[i].y = extent - nodes[i].y - nodes[i].height;
    }
  for (guint i = 0; i < n_edges; i++)
    for (guint p = 0; edges[i].route != NULL && p < edges[i].route->len; p++)
      {
        EbDiagramPoint *q = &g_array_index (edges[i].route, EbDiagramPoint, p);

        if (across)
          q->x = extent - q->x;
        else
          q->y = extent - q->y;
      }
}

static gboolean
read_layout (Agraph_t                      *graph,
             EbDiagramLayoutNode           *nodes,
             guint                          n_nodes,
             Agnode_t                     **gv_nodes,
             EbDiagramLayoutEdge           *edges,
             guint                          n_edges,
             Agedge_t                     **gv_edges,
             const EbDiagramLayoutOptions  *options)
{
  boxf bb = GD_bb (graph);

  for (guint i = 0; i < n_nodes; i++)
    {
      pointf centre = ND_coord (gv_nodes[i]);

      if (!isfinite (centre.x) || !isfinite (centre.y))
        return FALSE;
      nodes[i].x = centre.x - bb.LL.x - nodes[i].width / 2;
      nodes[i].y = bb.UR.y - centre.y - nodes[i].height / 2;
    }
  for (guint i = 0; i < n_edges; i++)
    edges[i].route = read_route (gv_edges[i], &bb, &nodes[edges[i].source]);
  if (should_mirror (nodes, n_nodes, options))
    mirror (nodes, n_nodes, edges, n_edges, options, &bb);
  return TRUE;
}

gboolean
eb_diagram_layout_run (EbDiagramLayoutNode           *nodes,
                       guint                          n_nodes,
                       EbDiagramLayoutEdge           *edges,
                       guint                          n_edges,
                       guint                          n_groups,
                       const EbDiagramLayoutOptions  *options,
                       GError                       **error)
{
  g_autofree Agnode_t **gv_nodes = NULL;
  g_autofree Agedge_t **gv_edges = NULL;
  g_autofree char *message = NULL;
  agerrlevel_t old_level;
  agusererrf old_handler;
  GVC_t *gvc;
  Agraph_t *graph;
  gboolean ok;

  g_return_val_if_fail (nodes != NULL || n_nodes == 0, FALSE);
  g_return_val_if_fail (edges != NULL || n_edges == 0, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_edges; i++)
    edges[i].route = NULL;
  if (n_nodes == 0)
    return TRUE;

  gv_nodes = g_new0 (Agnode_t *, n_nodes);
  gv_edges = g_new0 (Agedge_t *, MAX (n_edges, 1));

  G_LOCK (graphviz);
  messages = g_string_new (NULL);
  /* Every message, warnings included, goes to the handler: at a higher
   * level Graphviz writes the lower ones to a temporary file of its own. */
  old_level = agseterr (AGWARN);
  old_handler = agseterrf (collect_message_cb);

  gvc = gvContext ();
  graph = build_graph (nodes, n_nodes, edges, n_edges, n_groups, options, gv_nodes, gv_edges);
  ok = gvLayout (gvc, graph, "dot") == 0;
  if (ok)
    {
      ok = read_layout (graph, nodes, n_nodes, gv_nodes, edges, n_edges, gv_edges, options);
      gvFreeLayout (gvc, graph);
    }
  agclose (graph);
  gvFreeContext (gvc);

  agseterrf (old_handler);
  agseterr (old_level);
  message = g_strstrip (g_string_free (g_steal_pointer (&messages), FALSE));
  G_UNLOCK (graphviz);

  if (ok && *message != '\0')
    g_debug ("Graphviz while arranging the diagram: %s", message);
  if (!ok)
    {
      for (guint i = 0; i < n_edges; i++)
        g_clear_pointer (&edges[i].route, g_array_unref);
      g_set_error (error, EB_DIAGRAM_ERROR, EB_DIAGRAM_ERROR_LAYOUT,
                   "Could not arrange the diagram: %s",
                   *message != '\0' ? message : "Graphviz’s dot layout failed");
      return FALSE;
    }
  return TRUE;
}
