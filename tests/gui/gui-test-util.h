/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Waiting in the GUI tests: they run the main loop without blocking in
 * it, so that a test waits for what it needs (a row bound, a frame
 * painted) rather than for one turn of the loop, which under a loaded CI
 * machine may not be enough. */

/* Runs whatever is ready, up to a thousand sources. */
void     iterate_pending (void);
/* Runs the main loop until DONE (DATA) holds; fails after ten seconds. */
void     wait_until      (gboolean  (*done) (gpointer data),
                          gpointer    data);
/* For wait_until: the widget DATA is mapped; the gboolean at DATA is set. */
gboolean is_mapped       (gpointer    widget);
gboolean is_true         (gpointer    flag);
/* Returns once WIDGET's window has painted two new frames: what a user
 * would see is laid out, including what changes once a frame is done (a
 * list's rows bound in the first frame's layout, toolbar labels). Fails
 * after ten seconds. */
void     wait_for_frames (GtkWidget   *widget);
/* An "after-paint" handler that sets the gboolean PAINTED. */
void     after_paint_cb  (GdkFrameClock *clock,
                          gboolean      *painted);

G_END_DECLS
