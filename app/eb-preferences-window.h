/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EB_TYPE_PREFERENCES_WINDOW (eb_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (EbPreferencesWindow, eb_preferences_window, EB, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The application's preferences, bound to its GSettings: the style (follow
 * the system, light or dark) and the name recorded with codings. */
GtkWidget *eb_preferences_window_new (GtkWindow *transient_for);

G_END_DECLS
