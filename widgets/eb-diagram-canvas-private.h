/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-diagram-canvas.h"

G_BEGIN_DECLS

/* What the canvas's gestures and key controller call, for tests: GTK 4
 * has no way to simulate a pointer, so tests drive these instead. X and Y
 * are canvas coordinates; STATE the modifiers held.
 *
 *   press    the primary button goes down (selects, or starts a move,
 *            a connection, a resize, a rubber band or, with Space held,
 *            a pan)
 *   motion   the pointer moves with the button down
 *   release  the button comes up: the move, connection or resize is
 *            made, as one undo step */
void        eb_diagram_canvas_pointer_press   (EbDiagramCanvas *self,
                                               double           x,
                                               double           y,
                                               GdkModifierType  state);
void        eb_diagram_canvas_pointer_motion  (EbDiagramCanvas *self,
                                               double           x,
                                               double           y);
void        eb_diagram_canvas_pointer_release (EbDiagramCanvas *self,
                                               double           x,
                                               double           y);
/* A double click at X, Y. */
void        eb_diagram_canvas_double_click    (EbDiagramCanvas *self,
                                               double           x,
                                               double           y);
/* A key the canvas handles itself (arrows, Enter, Escape, Space); TRUE
 * when it did. */
gboolean    eb_diagram_canvas_key_press       (EbDiagramCanvas *self,
                                               guint            keyval,
                                               GdkModifierType  state);
/* A drop of VALUE (an EbTheme or a "theme:<id>" string) at X, Y. */
gboolean    eb_diagram_canvas_drop            (EbDiagramCanvas *self,
                                               const GValue    *value,
                                               double           x,
                                               double           y);
GtkPopover *eb_diagram_canvas_get_rename_popover (EbDiagramCanvas *self);

G_END_DECLS
