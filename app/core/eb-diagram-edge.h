/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What an arrow says. Stored by its nick. */
typedef enum {
  EB_DIAGRAM_EDGE_LEADS_TO,       /* "leads-to": an arrow from source to target */
  EB_DIAGRAM_EDGE_ASSOCIATED,     /* "associated": a dashed line, no heads */
  EB_DIAGRAM_EDGE_BIDIRECTIONAL,  /* "bidirectional": heads at both ends */
} EbDiagramEdgeStyle;

#define EB_TYPE_DIAGRAM_EDGE_STYLE (eb_diagram_edge_style_get_type ())
GType           eb_diagram_edge_style_get_type     (void) G_GNUC_CONST;
const char     *eb_diagram_edge_style_to_string    (EbDiagramEdgeStyle  style);
gboolean        eb_diagram_edge_style_from_string  (const char         *name,
                                                    EbDiagramEdgeStyle *style);

/* A point in diagram points, y growing downwards. */
typedef struct
{
  double x;
  double y;
} EbDiagramPoint;

#define EB_TYPE_DIAGRAM_EDGE (eb_diagram_edge_get_type ())
G_DECLARE_FINAL_TYPE (EbDiagramEdge, eb_diagram_edge, EB, DIAGRAM_EDGE, GObject)

/* One connection between two nodes of a diagram; read-only for its users
 * (see EbDiagramNode). */
gint64                 eb_diagram_edge_get_id        (EbDiagramEdge  *self);
gint64                 eb_diagram_edge_get_source_id (EbDiagramEdge  *self);
gint64                 eb_diagram_edge_get_target_id (EbDiagramEdge  *self);
/* Never NULL; "" for none. */
const char            *eb_diagram_edge_get_label     (EbDiagramEdge  *self);
EbDiagramEdgeStyle     eb_diagram_edge_get_style     (EbDiagramEdge  *self);
/* The path the automatic layout routed, as cubic Bézier control points
 * (1 + 3k of them, from the source's border to the target's), or NULL
 * with N_POINTS 0 for a straight line: a route is dropped when one end
 * of the edge moves on its own. */
const EbDiagramPoint  *eb_diagram_edge_get_route     (EbDiagramEdge  *self,
                                                      guint          *n_points);

G_END_DECLS
