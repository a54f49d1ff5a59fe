/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "diagram-templates.h"
#include "eb-diagram-canvas.h"

G_BEGIN_DECLS

#define EB_TYPE_DIAGRAM_VIEW (eb_diagram_view_get_type ())
G_DECLARE_FINAL_TYPE (EbDiagramView, eb_diagram_view, EB, DIAGRAM_VIEW, GtkWidget)

/* The Diagram page: a toolbar over the canvas (EbDiagramCanvas), or, while
 * the diagram is empty, a page that starts it from a template. Errors show
 * as toasts in the view's own overlay.
 *
 * Its actions, each with its shortcut (bound on the view, so they work
 * wherever the focus is inside it), beside the canvas's own ("canvas.*"):
 *
 *   diagram.add-node          Ctrl+Shift+N   "New node" in the middle,
 *                                            renamed at once
 *   diagram.add-theme-node(x) —              a node linked to theme x
 *   diagram.add-from-theme    Ctrl+Shift+T   the menu of themes
 *   diagram.connect-mode      Ctrl+Shift+C   dragging from a node connects
 *   diagram.delete            Delete         the selected nodes or arrow
 *                                            (the key works on the canvas)
 *   diagram.arrange           Ctrl+Shift+L   Arrange Automatically
 *   diagram.direction(s)      —              "LR" or "TB", then arranges
 *   diagram.snap-to-grid      Ctrl+Shift+G
 *   diagram.zoom-in           Ctrl+plus
 *   diagram.zoom-out          Ctrl+minus
 *   diagram.zoom-fit          Ctrl+0
 *   diagram.zoom-reset        Ctrl+1
 *   diagram.template(s)       —              "peer-mentoring", "logic-model"
 *   diagram.export-figure     Ctrl+Shift+E   PNG, SVG or PDF */
GtkWidget         *eb_diagram_view_new                 (void);
EbDiagram         *eb_diagram_view_get_diagram         (EbDiagramView       *self);
void               eb_diagram_view_set_diagram         (EbDiagramView       *self,
                                                        EbDiagram           *diagram);
/* The canvas: its "selected-theme", "node-activated" and
 * "selection-changed" and eb_diagram_canvas_set_highlighted_theme() link
 * the diagram to the themes sidebar. */
EbDiagramCanvas   *eb_diagram_view_get_canvas          (EbDiagramView       *self);
/* Whether the empty page shows rather than the canvas. */
gboolean           eb_diagram_view_is_empty_page       (EbDiagramView       *self);

/* Adds TEMPLATE's nodes and arrows, laid out, below what is there (one
 * undo step), and fits the view to them. */
gboolean           eb_diagram_view_apply_template      (EbDiagramView       *self,
                                                        EbDiagramTemplate    template);
/* Asks where to save the diagram and writes it in the background (PNG
 * at 300 dpi, SVG or PDF, 16 cm wide, black on white). */
void               eb_diagram_view_export_figure       (EbDiagramView       *self);
/* Writes the diagram to FILE (format from its extension, PNG if none) in
 * a worker thread, which reads the project afresh from its file (the
 * diagram belongs to the main thread); CALLBACK gets a GTask whose
 * boolean result tells. */
void               eb_diagram_view_export_figure_to    (EbDiagramView       *self,
                                                        GFile               *file,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean           eb_diagram_view_export_figure_finish (EbDiagramView      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
