/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "eb-coding-store.h"
#include "eb-diagram-edge.h"
#include "eb-diagram-group.h"
#include "eb-diagram-node.h"

G_BEGIN_DECLS

#define EB_DIAGRAM_ERROR (eb_diagram_error_quark ())

typedef enum {
  EB_DIAGRAM_ERROR_NO_SUCH_NODE,
  EB_DIAGRAM_ERROR_NO_SUCH_EDGE,
  EB_DIAGRAM_ERROR_NO_SUCH_GROUP,
  EB_DIAGRAM_ERROR_NO_SUCH_THEME,
  EB_DIAGRAM_ERROR_INVALID,      /* an empty label, a bad colour or size, a loop */
  EB_DIAGRAM_ERROR_DUPLICATE,    /* the two nodes are already connected so */
  EB_DIAGRAM_ERROR_LAYOUT,       /* the automatic layout failed */
  EB_DIAGRAM_ERROR_CONFLICT,     /* the file does not hold what was expected */
  EB_DIAGRAM_ERROR_CLOSED,       /* undo after the diagram was closed */
} EbDiagramError;

GQuark eb_diagram_error_quark (void);

/* Which way the arrows of the automatic layout run. Stored in the
 * project's setting "diagram.direction" as "LR" or "TB". */
typedef enum {
  EB_DIAGRAM_LEFT_TO_RIGHT,
  EB_DIAGRAM_TOP_TO_BOTTOM,
} EbDiagramDirection;

#define EB_TYPE_DIAGRAM_DIRECTION (eb_diagram_direction_get_type ())
GType        eb_diagram_direction_get_type   (void) G_GNUC_CONST;
const char  *eb_diagram_direction_to_string  (EbDiagramDirection  direction);
gboolean     eb_diagram_direction_from_string (const char        *name,
                                               EbDiagramDirection *direction);

/* A text to measure: what a node shows, before it exists (templates) or
 * after it changed; the label of an edge; or the tab that shows the label
 * of a group. */
typedef enum {
  EB_DIAGRAM_TEXT_NODE,
  EB_DIAGRAM_TEXT_EDGE_LABEL,
  EB_DIAGRAM_TEXT_GROUP_LABEL,
} EbDiagramTextKind;

typedef struct
{
  EbDiagramTextKind    kind;
  const char          *label;
  const char * const  *bullets;   /* nodes: NULL or NULL-terminated */
  EbDiagramShape       shape;     /* nodes */
  gboolean             linked;    /* nodes: shows a count line */
} EbDiagramText;

/* Sets the size, in points, that TEXT needs: a whole node, an edge label
 * or a group's tab. The renderer provides one (eb_diagram_render_measure in
 * diagram-render.h); the core measures no text. */
typedef void (*EbDiagramMeasureFunc) (const EbDiagramText *text,
                                      double              *width,
                                      double              *height,
                                      gpointer             user_data);

/* Points between a group's nodes and its box, on every side; the box's
 * top also holds the group's label tab. */
#define EB_DIAGRAM_GROUP_PADDING 10.0

#define EB_TYPE_DIAGRAM (eb_diagram_get_type ())
G_DECLARE_FINAL_TYPE (EbDiagram, eb_diagram, EB, DIAGRAM, GObject)

/* The process diagram of a project: nodes (EbDiagramNode), the edges
 * between them (EbDiagramEdge) and groups around some of them
 * (EbDiagramGroup), kept in the project file.
 *
 * As in EbCodingStore, every action below is one SQLite transaction with
 * its audit row, by the coding store's coder, committed before the call
 * returns, and one step on the coding store's undo stack; undo and redo
 * put back exactly what was there, ids included. An action that would
 * change nothing succeeds without a step. Errors are EB_DIAGRAM_ERROR for
 * what the user asked and EB_PROJECT_ERROR when the project cannot be
 * written; then nothing has changed, in the file or in memory.
 *
 * The node, edge and group lists are GListModels in id order that emit
 * precise items-changed; a changed node, edge or group notifies its
 * properties; and "changed" is emitted once after every change, whatever
 * caused it (an action, undo, redo, or a change in the coding that
 * updates the counts and theme colours), for views to redraw.
 *
 * Linked nodes show live counts: they follow the coding store's codings
 * and codebook. When a theme is deleted the coding store unlinks its nodes
 * (undoably); the diagram picks that up. */

EbDiagram          *eb_diagram_new                 (EbCodingStore        *store,
                                                    GError              **error);

EbCodingStore      *eb_diagram_get_store           (EbDiagram            *self);
EbProject          *eb_diagram_get_project         (EbDiagram            *self);
GListModel         *eb_diagram_get_nodes           (EbDiagram            *self);
GListModel         *eb_diagram_get_edges           (EbDiagram            *self);
GListModel         *eb_diagram_get_groups          (EbDiagram            *self);
EbDiagramNode      *eb_diagram_get_node            (EbDiagram            *self,
                                                    gint64                id);
EbDiagramEdge      *eb_diagram_get_edge            (EbDiagram            *self,
                                                    gint64                id);
EbDiagramGroup     *eb_diagram_get_group           (EbDiagram            *self,
                                                    gint64                id);
gboolean            eb_diagram_is_empty            (EbDiagram            *self);
/* The ids of the group's nodes, in id order. */
GArray             *eb_diagram_dup_group_members   (EbDiagram            *self,
                                                    gint64                group_id);
/* For screen readers: "Sense of belonging, n = 12 quotes · 9 respondents;
 * leads to Increased confidence and Empowerment; from Peer mentoring". */
char               *eb_diagram_describe_node       (EbDiagram            *self,
                                                    gint64                id);

EbDiagramDirection  eb_diagram_get_direction       (EbDiagram            *self);
gboolean            eb_diagram_set_direction       (EbDiagram            *self,
                                                    EbDiagramDirection    direction,
                                                    GError              **error);

/* ---- Nodes ---- */

/* A new node with its top left corner at X, Y. LABEL NULL takes the
 * theme's name; THEME_ID 0 links none; WIDTH and HEIGHT 0 leave the size
 * to the text. BULLETS may be NULL. */
gboolean            eb_diagram_add_node            (EbDiagram            *self,
                                                    const char           *label,
                                                    const char * const   *bullets,
                                                    gint64                theme_id,
                                                    double                x,
                                                    double                y,
                                                    double                width,
                                                    double                height,
                                                    gint64               *id,
                                                    GError              **error);
/* Removes the node and its edges. */
gboolean            eb_diagram_remove_node         (EbDiagram            *self,
                                                    gint64                id,
                                                    GError              **error);
gboolean            eb_diagram_rename_node         (EbDiagram            *self,
                                                    gint64                id,
                                                    const char           *label,
                                                    GError              **error);
/* Blank lines are dropped; line breaks inside a line become spaces. */
gboolean            eb_diagram_set_node_bullets    (EbDiagram            *self,
                                                    gint64                id,
                                                    const char * const   *bullets,
                                                    GError              **error);
/* THEME_ID 0 unlinks. */
gboolean            eb_diagram_set_node_theme      (EbDiagram            *self,
                                                    gint64                id,
                                                    gint64                theme_id,
                                                    GError              **error);
gboolean            eb_diagram_set_node_shape      (EbDiagram            *self,
                                                    gint64                id,
                                                    EbDiagramShape        shape,
                                                    GError              **error);
/* COLOR "#rrggbb", or NULL for the theme's. */
gboolean            eb_diagram_set_node_color      (EbDiagram            *self,
                                                    gint64                id,
                                                    const char           *color,
                                                    GError              **error);
/* To X, Y: the end of a drag is one step, wherever the drag went. */
gboolean            eb_diagram_move_node           (EbDiagram            *self,
                                                    gint64                id,
                                                    double                x,
                                                    double                y,
                                                    GError              **error);
/* Moves a selection by DX, DY in one step (the arrow keys, or dragging
 * several nodes); edges between two moved nodes keep their route. */
gboolean            eb_diagram_move_nodes          (EbDiagram            *self,
                                                    const gint64         *ids,
                                                    guint                 n_ids,
                                                    double                dx,
                                                    double                dy,
                                                    GError              **error);
gboolean            eb_diagram_resize_node         (EbDiagram            *self,
                                                    gint64                id,
                                                    double                width,
                                                    double                height,
                                                    GError              **error);

/* ---- Edges ---- */

/* LABEL may be NULL. A node cannot lead to itself, nor to the same node
 * twice. */
gboolean            eb_diagram_connect             (EbDiagram            *self,
                                                    gint64                source_id,
                                                    gint64                target_id,
                                                    EbDiagramEdgeStyle    style,
                                                    const char           *label,
                                                    gint64               *id,
                                                    GError              **error);
gboolean            eb_diagram_disconnect          (EbDiagram            *self,
                                                    gint64                edge_id,
                                                    GError              **error);
gboolean            eb_diagram_set_edge_style      (EbDiagram            *self,
                                                    gint64                edge_id,
                                                    EbDiagramEdgeStyle    style,
                                                    GError              **error);
gboolean            eb_diagram_set_edge_label      (EbDiagram            *self,
                                                    gint64                edge_id,
                                                    const char           *label,
                                                    GError              **error);

/* ---- Groups ---- */

/* A new group around the nodes NODE_IDS (taken out of any other group). */
gboolean            eb_diagram_add_group           (EbDiagram            *self,
                                                    const char           *label,
                                                    const gint64         *node_ids,
                                                    guint                 n_ids,
                                                    gint64               *id,
                                                    GError              **error);
/* Removes the box; its nodes stay where they are. */
gboolean            eb_diagram_remove_group        (EbDiagram            *self,
                                                    gint64                id,
                                                    GError              **error);
gboolean            eb_diagram_rename_group        (EbDiagram            *self,
                                                    gint64                id,
                                                    const char           *label,
                                                    GError              **error);
/* Puts the node into GROUP_ID, or takes it out of its group (0). */
gboolean            eb_diagram_set_node_group      (EbDiagram            *self,
                                                    gint64                node_id,
                                                    gint64                group_id,
                                                    GError              **error);

/* ---- Layout ---- */

/* "Arrange Automatically": a layered layout (Graphviz dot) in the
 * diagram's direction, sizing every node with MEASURE (NULL keeps the
 * sizes, a 0 taken as 120 × 40) and routing every edge. One step. */
gboolean            eb_diagram_arrange             (EbDiagram            *self,
                                                    EbDiagramMeasureFunc  measure,
                                                    gpointer              user_data,
                                                    GError              **error);

G_END_DECLS
