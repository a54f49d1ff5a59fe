/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "diagram-render.h"
#include "eb-diagram.h"

G_BEGIN_DECLS

/* The grid new and dragged nodes snap to, and the step of an arrow key,
 * in diagram points; Shift+arrow moves by one point. */
#define EB_DIAGRAM_CANVAS_GRID_STEP 10.0

/* Drops: the canvas accepts an EbTheme (GdkContentProvider typed
 * EB_TYPE_THEME, as the themes sidebar drags it) or a string
 * "theme:<id>" (text/plain, for other sources), with the copy or the
 * move action, and adds a node linked to that theme centred on the drop
 * point. */
#define EB_DIAGRAM_CANVAS_DROP_PREFIX "theme:"

#define EB_TYPE_DIAGRAM_CANVAS (eb_diagram_canvas_get_type ())
G_DECLARE_FINAL_TYPE (EbDiagramCanvas, eb_diagram_canvas, EB, DIAGRAM_CANVAS, GtkWidget)

/* The process diagram, drawn by the shared renderer (diagram-render.h)
 * at a zoom and pan of its own, and edited in place; every edit is one
 * step on the coding store's undo stack.
 *
 * Mouse: a click selects a node or an arrow (Shift or Ctrl adds nodes to
 * the selection; dragging on empty space selects the nodes it covers);
 * dragging moves the selected nodes (to the grid when snapping), from the
 * round handle on a selected node's right side to another node connects
 * them (in connect mode from anywhere on a node), from the square handle
 * resizes; a double click renames in place. Ctrl+scroll or a pinch
 * zooms, scroll, a middle drag or Space+drag pans.
 *
 * Keyboard (the canvas's actions, "canvas.*"): Tab and Shift+Tab move
 * from node to node, arrow keys move the selected nodes by the grid step
 * (Shift: 1 pt), Enter activates, F2 renames, Delete removes, Escape
 * clears the selection, Ctrl+A selects all, Ctrl+plus/minus zoom, Ctrl+0
 * fits the diagram to the window, Ctrl+1 shows it at 100 %, Ctrl+Z and
 * Ctrl+Shift+Z (Ctrl+Y) undo and redo.
 *
 * For screen readers, the canvas's accessible label is the focused node
 * as eb_diagram_describe_node() tells it (label, count, connections);
 * hovering a linked node shows its count and three of its quotes. */
GtkWidget         *eb_diagram_canvas_new                   (void);

EbDiagram         *eb_diagram_canvas_get_diagram           (EbDiagramCanvas *self);
void               eb_diagram_canvas_set_diagram           (EbDiagramCanvas *self,
                                                            EbDiagram       *diagram);

/* ---- Selection ---- */

/* The node with the keyboard focus (the last one selected), or 0. */
gint64             eb_diagram_canvas_get_selected_node     (EbDiagramCanvas *self);
/* Every selected node, in the order they were selected: gint64 ids. */
GArray            *eb_diagram_canvas_dup_selected_nodes    (EbDiagramCanvas *self);
/* The selected arrow, or 0; an arrow is selected on its own. */
gint64             eb_diagram_canvas_get_selected_edge     (EbDiagramCanvas *self);
/* Selects only ID (0 clears) and keeps it in sight. */
void               eb_diagram_canvas_select_node           (EbDiagramCanvas *self,
                                                            gint64           id);
void               eb_diagram_canvas_select_edge           (EbDiagramCanvas *self,
                                                            gint64           id);
void               eb_diagram_canvas_select_all            (EbDiagramCanvas *self);
void               eb_diagram_canvas_clear_selection       (EbDiagramCanvas *self);
/* The theme the only selected node is linked to, or NULL: for the themes
 * sidebar to follow ("selected-theme"). */
EbTheme           *eb_diagram_canvas_get_selected_theme    (EbDiagramCanvas *self);
/* Marks the nodes linked to THEME_ID (or, when none is, to its nearest
 * ancestor that has a node) and keeps them in sight; 0 marks none. Does
 * not change the selection, so that it can follow the sidebar without
 * echoing back. */
void               eb_diagram_canvas_set_highlighted_theme (EbDiagramCanvas *self,
                                                            gint64           theme_id);
gint64             eb_diagram_canvas_get_highlighted_theme (EbDiagramCanvas *self);
/* Whether node ID is marked by the highlighted theme. */
gboolean           eb_diagram_canvas_is_highlighted        (EbDiagramCanvas *self,
                                                            gint64           id);

/* ---- Editing ---- */

/* Adds a node (LABEL NULL: the theme's name; THEME_ID 0: unlinked),
 * sized to its text and centred on the diagram point X, Y (on the grid
 * when snapping), and selects it. Returns its id, or 0 after showing the
 * error. */
gint64             eb_diagram_canvas_add_node_at           (EbDiagramCanvas *self,
                                                            const char      *label,
                                                            gint64           theme_id,
                                                            double           x,
                                                            double           y);
/* The same in the middle of what the canvas shows, moved aside from any
 * node already there. */
gint64             eb_diagram_canvas_add_node_at_centre    (EbDiagramCanvas *self,
                                                            const char      *label,
                                                            gint64           theme_id);
/* Removes the selected arrow or nodes. Returns FALSE if nothing was. */
gboolean           eb_diagram_canvas_delete_selection      (EbDiagramCanvas *self);
/* Shows an entry over node ID with its label: Enter renames, Escape
 * cancels. */
void               eb_diagram_canvas_start_rename          (EbDiagramCanvas *self,
                                                            gint64           id);
/* Ends the rename in progress; with COMMIT, renames to the entry's text. */
void               eb_diagram_canvas_stop_rename           (EbDiagramCanvas *self,
                                                            gboolean         commit);
/* The node being renamed, or 0. */
gint64             eb_diagram_canvas_get_renaming          (EbDiagramCanvas *self);
/* The entry of the rename, for tests. */
GtkEditable       *eb_diagram_canvas_get_rename_entry      (EbDiagramCanvas *self);
/* Undo and redo on the coding store's stack; FALSE (with a bell) when
 * there is nothing to take back or to do again. */
gboolean           eb_diagram_canvas_undo                  (EbDiagramCanvas *self);
gboolean           eb_diagram_canvas_redo                  (EbDiagramCanvas *self);

/* ---- View ---- */

/* 1.0 shows the diagram at its printed size (a point is 4/3 pixel). */
double             eb_diagram_canvas_get_zoom              (EbDiagramCanvas *self);
/* Zooms about the middle of the canvas. */
void               eb_diagram_canvas_set_zoom              (EbDiagramCanvas *self,
                                                            double           zoom);
void               eb_diagram_canvas_zoom_in               (EbDiagramCanvas *self);
void               eb_diagram_canvas_zoom_out              (EbDiagramCanvas *self);
/* The whole diagram in the window, centred (at most 200 %). */
void               eb_diagram_canvas_zoom_to_fit           (EbDiagramCanvas *self);
gboolean           eb_diagram_canvas_get_snap_to_grid      (EbDiagramCanvas *self);
void               eb_diagram_canvas_set_snap_to_grid      (EbDiagramCanvas *self,
                                                            gboolean         snap);
/* In connect mode a drag from anywhere on a node connects it. */
gboolean           eb_diagram_canvas_get_connect_mode      (EbDiagramCanvas *self);
void               eb_diagram_canvas_set_connect_mode      (EbDiagramCanvas *self,
                                                            gboolean         connect_mode);

/* The drawing shown (NULL without a diagram), made for the diagram as it
 * is now; and where a diagram point is on the canvas and back. */
EbDiagramDrawing  *eb_diagram_canvas_get_drawing           (EbDiagramCanvas *self);
void               eb_diagram_canvas_diagram_to_widget     (EbDiagramCanvas *self,
                                                            double           x,
                                                            double           y,
                                                            double          *widget_x,
                                                            double          *widget_y);
void               eb_diagram_canvas_widget_to_diagram     (EbDiagramCanvas *self,
                                                            double           widget_x,
                                                            double           widget_y,
                                                            double          *x,
                                                            double          *y);
/* What is under the canvas point X, Y (the selected node's handles
 * first). */
EbDiagramHit       eb_diagram_canvas_hit                   (EbDiagramCanvas *self,
                                                            double           widget_x,
                                                            double           widget_y);
/* The tooltip of the node at the canvas point X, Y: its label, count and
 * up to three of its quotes; NULL where there is no linked node. */
char              *eb_diagram_canvas_dup_tooltip_markup    (EbDiagramCanvas *self,
                                                            double           widget_x,
                                                            double           widget_y);

G_END_DECLS
