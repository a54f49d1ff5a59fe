/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EB_TYPE_ADAPTIVE_TOOLBAR (eb_adaptive_toolbar_get_type ())
G_DECLARE_FINAL_TYPE (EbAdaptiveToolbar, eb_adaptive_toolbar, EB, ADAPTIVE_TOOLBAR, GtkWidget)

/* Holds a toolbar (a horizontal box) whose buttons may hold an
 * AdwSqueezer of their label (with or without an icon) and their icon
 * alone, so that the labels can go in a narrow window.
 *
 * Left to the box, each such button would get part of the room its label
 * needs and show its icon alone in a button too wide for it. So the
 * toolbar decides, left to right, which labels fit whole beside
 * everything else at its natural width, and hides the others: every
 * button is as wide as what it shows, and the room left goes where the
 * box's spacer is. A hidden label takes its mnemonic along; the button
 * then has it, so that Alt and the letter still press it.
 *
 * Hiding a label changes the toolbar's size, which must not happen while
 * the window is laid out (widgets given their size already would be left
 * without one, and the window blank): the toolbar only notices while it
 * is given its size, and the labels change once the frame is done.
 * Meanwhile the squeezers show the icon of any label that no longer fits.
 * (The squeezers are homogeneous for that reason.) */
GtkWidget *eb_adaptive_toolbar_new       (void);
GtkWidget *eb_adaptive_toolbar_get_child (EbAdaptiveToolbar *self);
void       eb_adaptive_toolbar_set_child (EbAdaptiveToolbar *self,
                                          GtkWidget         *child);

G_END_DECLS
