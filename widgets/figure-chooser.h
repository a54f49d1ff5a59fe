/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The save chooser of "Export Figure…" (Likert and Diagram pages): modal
 * for WIDGET's window, with PNG, SVG and PDF as types. */
GtkFileChooserNative *eb_figure_chooser_new      (GtkWidget      *widget);
/* The chosen file; "Figure 1" becomes "Figure 1.png" (or the chosen
 * type's extension) when the name has no figure extension. NULL if none. */
GFile                *eb_figure_chooser_dup_file (GtkFileChooser *chooser);

G_END_DECLS
