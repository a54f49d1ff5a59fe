/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "eb-diagram.h"
#include "figure-export.h"
#include "palette.h"

G_BEGIN_DECLS

/* The process diagram drawn with Cairo and Pango only, so that the widget
 * and headless figure export share every line of it. As for the Likert
 * chart, three steps kept apart:
 *
 *   options  what to draw (a plain struct, filled with defaults first);
 *   drawing  every shape, path and text position for the diagram as it is
 *            now, measured with a PangoContext; also answers hit tests for
 *            nodes, edges, groups and a node's handles;
 *   paint    draws a drawing onto any cairo_t, measuring nothing.
 *
 * Everything is in diagram points, the unit EbDiagram stores positions
 * in: the drawing's text is measured in points (72 dpi), and a view
 * scales the whole to its zoom. A drawing reads the diagram when it is
 * made and never again; like the diagram it belongs to one thread, so an
 * export worker is handed the path and options, not a drawing. */

typedef struct
{
  const char  *font_family;     /* a Pango family list */
  double       font_size;       /* points, the node labels; the rest follow */
  EbColor      foreground;      /* text, borders and arrows */
  EbColor      background;      /* behind everything, and edge label halos */
  gboolean     fill_background;
  gboolean     show_counts;     /* "n = 214 quotes · 163 respondents" */
  gboolean     count_borders;   /* a linked node's border widens with its count */
  double       margin;          /* around the drawing, points */
} EbDiagramRenderOptions;

/* Cantarell 9 pt, black on white, counts shown, plain borders, 8 pt margin. */
void eb_diagram_render_options_init (EbDiagramRenderOptions *options);

/* An EbDiagramMeasureFunc: the size a node (or an edge label, or a group
 * tab) needs as eb_diagram_drawing_new would draw it. USER_DATA is a
 * const EbDiagramRenderOptions *, or NULL for the defaults. Use it with
 * eb_diagram_arrange and eb_diagram_apply_template. A node's label wraps
 * into lines of balanced length; nodes with bullet lines are wider. */
void eb_diagram_render_measure      (const EbDiagramText *text,
                                     double              *width,
                                     double              *height,
                                     gpointer             user_data);

typedef enum {
  EB_DIAGRAM_HIT_NONE,
  EB_DIAGRAM_HIT_NODE,
  EB_DIAGRAM_HIT_EDGE,             /* the line, its heads or its label */
  EB_DIAGRAM_HIT_GROUP,            /* a group's border or tab */
  EB_DIAGRAM_HIT_CONNECT_HANDLE,   /* drag from here to connect the node */
  EB_DIAGRAM_HIT_RESIZE_HANDLE,
} EbDiagramHitKind;

typedef struct
{
  EbDiagramHitKind  kind;
  gint64            id;            /* of the node, edge or group */
} EbDiagramHit;

typedef struct _EbDiagramDrawing EbDiagramDrawing;

#define EB_TYPE_DIAGRAM_DRAWING (eb_diagram_drawing_get_type ())
GType              eb_diagram_drawing_get_type       (void) G_GNUC_CONST;

/* Lays out DIAGRAM as it is now. A node is drawn at its stored place and
 * width, and as tall as its text needs if that is more than its stored
 * height (text is never clipped); a node without a stored size gets the
 * size eb_diagram_render_measure gives it. Edges follow their route or
 * run straight between the nodes' centres, and end on the nodes'
 * borders. CONTEXT measures the text and must do so in points (72 dpi);
 * NULL uses eb_figure_create_pango_context(). */
EbDiagramDrawing  *eb_diagram_drawing_new            (EbDiagram                    *diagram,
                                                      const EbDiagramRenderOptions *options,
                                                      PangoContext                 *context);
EbDiagramDrawing  *eb_diagram_drawing_ref            (EbDiagramDrawing             *self);
void               eb_diagram_drawing_unref          (EbDiagramDrawing             *self);

/* Everything drawn, with the margin; an empty diagram gives an empty
 * rectangle at (0, 0). */
void               eb_diagram_drawing_get_bounds     (const EbDiagramDrawing       *self,
                                                      cairo_rectangle_t            *bounds);

/* Nodes, in the diagram's order. RADIUS is the rounding of a rounded
 * node's corners (0 for the other shapes). */
guint              eb_diagram_drawing_get_n_nodes    (const EbDiagramDrawing       *self);
gint64             eb_diagram_drawing_get_node_id    (const EbDiagramDrawing       *self,
                                                      guint                         index);
void               eb_diagram_drawing_get_node_rect  (const EbDiagramDrawing       *self,
                                                      guint                         index,
                                                      cairo_rectangle_t            *rect);
EbDiagramShape     eb_diagram_drawing_get_node_shape (const EbDiagramDrawing       *self,
                                                      guint                         index,
                                                      double                       *radius);
/* Whether (X, Y) lies inside the node's shape. */
gboolean           eb_diagram_drawing_node_contains  (const EbDiagramDrawing       *self,
                                                      guint                         index,
                                                      double                        x,
                                                      double                        y);

/* Edges, in the diagram's order. An edge between overlapping nodes has
 * nothing to show and is not drawn. START and END lie on the source's
 * and the target's border: where the line (or the tip of a head)
 * touches them. */
guint              eb_diagram_drawing_get_n_edges    (const EbDiagramDrawing       *self);
gint64             eb_diagram_drawing_get_edge_id    (const EbDiagramDrawing       *self,
                                                      guint                         index);
gboolean           eb_diagram_drawing_get_edge_ends  (const EbDiagramDrawing       *self,
                                                      guint                         index,
                                                      EbDiagramPoint               *start,
                                                      EbDiagramPoint               *end);
/* FALSE when the edge has no label. */
gboolean           eb_diagram_drawing_get_edge_label_rect (const EbDiagramDrawing  *self,
                                                      guint                         index,
                                                      cairo_rectangle_t            *rect);

/* Groups with at least one node; RECT includes the label tab. */
guint              eb_diagram_drawing_get_n_groups   (const EbDiagramDrawing       *self);
gint64             eb_diagram_drawing_get_group_id   (const EbDiagramDrawing       *self,
                                                      guint                         index);
void               eb_diagram_drawing_get_group_rect (const EbDiagramDrawing       *self,
                                                      guint                         index,
                                                      cairo_rectangle_t            *rect);

/* What is at (X, Y), the topmost first: ACTIVE_NODE's handles (0 for
 * none), then nodes, edge labels, edges (within TOLERANCE of the line)
 * and group borders and tabs. */
EbDiagramHit       eb_diagram_drawing_hit            (const EbDiagramDrawing       *self,
                                                      double                        x,
                                                      double                        y,
                                                      double                        tolerance,
                                                      gint64                        active_node);

/* Paints SELF onto CR in diagram points. */
void               eb_diagram_drawing_draw           (const EbDiagramDrawing       *self,
                                                      cairo_t                      *cr);
/* A selected node: an outline in COLOR around it, and its connect and
 * resize handles. */
void               eb_diagram_drawing_draw_selection (const EbDiagramDrawing       *self,
                                                      cairo_t                      *cr,
                                                      gint64                        node_id,
                                                      const EbColor                *color);
/* A selected edge: its line and heads again, wider, in COLOR. */
void               eb_diagram_drawing_draw_edge_selection (const EbDiagramDrawing  *self,
                                                      cairo_t                      *cr,
                                                      gint64                        edge_id,
                                                      const EbColor                *color);

/* Writes SELF to PATH as FORMAT, WIDTH_MM wide: the drawing is scaled
 * down to fit when it is wider (never up, so that its text keeps its
 * size), centred, on white. PNG at DPI with its resolution recorded; SVG
 * and PDF with their fonts embedded. */
gboolean           eb_diagram_drawing_export         (const EbDiagramDrawing       *self,
                                                      EbFigureFormat                format,
                                                      double                        width_mm,
                                                      double                        dpi,
                                                      const char                   *path,
                                                      GCancellable                 *cancellable,
                                                      GError                      **error);
/* The same from the diagram, with OPTIONS (NULL: defaults). An empty
 * diagram is EB_FIGURE_ERROR_SIZE. */
gboolean           eb_diagram_export                 (EbDiagram                    *diagram,
                                                      const EbDiagramRenderOptions *options,
                                                      EbFigureFormat                format,
                                                      double                        width_mm,
                                                      double                        dpi,
                                                      const char                   *path,
                                                      GCancellable                 *cancellable,
                                                      GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbDiagramDrawing, eb_diagram_drawing_unref)

G_END_DECLS
