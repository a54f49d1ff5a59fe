/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How a node is drawn. Stored by its nick ("rounded", "ellipse", "note"). */
typedef enum {
  EB_DIAGRAM_SHAPE_ROUNDED,   /* a rounded rectangle: the usual box */
  EB_DIAGRAM_SHAPE_ELLIPSE,   /* for outcomes, as some logic models draw them */
  EB_DIAGRAM_SHAPE_NOTE,      /* a sheet with a folded corner: context, assumptions */
} EbDiagramShape;

#define EB_TYPE_DIAGRAM_SHAPE (eb_diagram_shape_get_type ())
GType           eb_diagram_shape_get_type          (void) G_GNUC_CONST;
const char     *eb_diagram_shape_to_string         (EbDiagramShape  shape);
gboolean        eb_diagram_shape_from_string       (const char     *name,
                                                    EbDiagramShape *shape);

#define EB_TYPE_DIAGRAM_NODE (eb_diagram_node_get_type ())
G_DECLARE_FINAL_TYPE (EbDiagramNode, eb_diagram_node, EB, DIAGRAM_NODE, GObject)

/* One box of a process diagram. Read-only for its users: every change goes
 * through EbDiagram, which stores it and makes it undoable, and then the
 * node notifies the properties that changed. Positions and sizes are in
 * diagram points (1/72 inch, the unit of figure export); x and y are the
 * top left corner, y growing downwards. A width or height of 0 means "as
 * large as its text needs", which the renderer works out. */
gint64               eb_diagram_node_get_id             (EbDiagramNode  *self);
const char          *eb_diagram_node_get_label          (EbDiagramNode  *self);
/* The lines listed under the label; never NULL, maybe empty. */
const char * const  *eb_diagram_node_get_bullets        (EbDiagramNode  *self);
EbDiagramShape       eb_diagram_node_get_shape          (EbDiagramNode  *self);
/* The node's own colour, "#rrggbb", or NULL to use its theme's. */
const char          *eb_diagram_node_get_color          (EbDiagramNode  *self);
/* The colour to draw it with: its own, else its theme's, else NULL. */
const char          *eb_diagram_node_get_accent         (EbDiagramNode  *self);
/* 0 when the node is linked to no theme. */
gint64               eb_diagram_node_get_theme_id       (EbDiagramNode  *self);
/* The linked theme's name and colour as the codebook has them now; NULL
 * when there is no linked theme (or it has no colour). */
const char          *eb_diagram_node_get_theme_name     (EbDiagramNode  *self);
const char          *eb_diagram_node_get_theme_color    (EbDiagramNode  *self);
/* 0 when the node is in no group. */
gint64               eb_diagram_node_get_group_id       (EbDiagramNode  *self);
double               eb_diagram_node_get_x              (EbDiagramNode  *self);
double               eb_diagram_node_get_y              (EbDiagramNode  *self);
double               eb_diagram_node_get_width          (EbDiagramNode  *self);
double               eb_diagram_node_get_height         (EbDiagramNode  *self);
/* The live counts of the linked theme and its sub-themes, over all
 * quotes (see coding-analysis.h); 0 for an unlinked node. */
guint                eb_diagram_node_get_n_quotes       (EbDiagramNode  *self);
guint                eb_diagram_node_get_n_respondents  (EbDiagramNode  *self);
/* "n = 214 quotes · 163 respondents" for a linked node, NULL otherwise. */
char                *eb_diagram_node_dup_count_label    (EbDiagramNode  *self);

G_END_DECLS
