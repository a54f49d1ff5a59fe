/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-diagram.h"

G_BEGIN_DECLS

/* The automatic layout of a diagram: Graphviz's dot engine (libgvc) ranks
 * the nodes along the direction of the edges, orders each rank to cross
 * as few edges as it can, places them and routes the edges around the
 * nodes. This is the only file that talks to Graphviz. Plain arrays in,
 * positions out: EbDiagram decides what to lay out and stores the result.
 * Graphviz keeps global state, so runs are serialized. */

typedef struct
{
  double  width;     /* in: points */
  double  height;
  int     group;     /* in: index of its group, -1 for none */
  double  x;         /* out: the top left corner, points, y down */
  double  y;
} EbDiagramLayoutNode;

typedef struct
{
  guint   source;    /* in: indices into the nodes */
  guint   target;
  GArray *route;     /* out: EbDiagramPoint, cubic Bézier control points
                      * from border to border; the caller frees it */
} EbDiagramLayoutEdge;

typedef struct
{
  EbDiagramDirection  direction;
  double              node_gap;     /* between neighbours in a rank */
  double              rank_gap;     /* between ranks */
  double              group_margin; /* from a group's nodes to its box */
} EbDiagramLayoutOptions;

/* Places NODES with the top left of the whole drawing at (0, 0), and
 * routes EDGES. N_GROUPS groups are kept together, each in a box of its
 * own that no other node enters. Fails with EB_DIAGRAM_ERROR_LAYOUT
 * (Graphviz's own message, when it gives one). */
gboolean  eb_diagram_layout_run  (EbDiagramLayoutNode           *nodes,
                                  guint                          n_nodes,
                                  EbDiagramLayoutEdge           *edges,
                                  guint                          n_edges,
                                  guint                          n_groups,
                                  const EbDiagramLayoutOptions  *options,
                                  GError                       **error);

G_END_DECLS
