/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "coding-analysis.h"
#include "eb-coding-store.h"

G_BEGIN_DECLS

/* How many themes have a number key. */
#define EB_THEME_SIDEBAR_N_KEYS 9

#define EB_TYPE_THEME_SIDEBAR (eb_theme_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (EbThemeSidebar, eb_theme_sidebar, EB, THEME_SIDEBAR, GtkWidget)

/* The codebook as a tree: each theme with its colour, its name, its counts
 * ("12 · 9": quotes · respondents, for the quotes the workspace's filters
 * keep) and, for the first nine codable themes in codebook order, the
 * number key that tags with it. Themes are renamed in place (double-click,
 * Enter or F2), reordered and nested by dragging, filtered by name, and
 * edited from a context menu (New Sub-theme, Rename, Merge Into…,
 * Colour…, Delete, which offers to undo in a toast).
 *
 * Its actions, for menus and shortcuts: theme.new, theme.new-child(x),
 * theme.rename(x), theme.merge((xx)) (source, target), theme.color(x),
 * theme.delete(x); F2, Delete and Menu act on the selected theme. */
GtkWidget     *eb_theme_sidebar_new                 (void);
EbCodingStore *eb_theme_sidebar_get_store           (EbThemeSidebar *self);
void           eb_theme_sidebar_set_store           (EbThemeSidebar *self,
                                                     EbCodingStore  *store);

/* The selected theme's id, or 0. Selecting a theme filters the quotes. */
gint64         eb_theme_sidebar_get_selected_theme  (EbThemeSidebar *self);
void           eb_theme_sidebar_set_selected_theme  (EbThemeSidebar *self,
                                                     gint64          theme_id);

/* The counts the rows show; NULL shows none. */
void           eb_theme_sidebar_set_counts          (EbThemeSidebar *self,
                                                     EbThemeCounts  *counts);
/* Marks the rows of these themes (the selected quote's) and of their
 * ancestors. */
void           eb_theme_sidebar_set_highlighted     (EbThemeSidebar *self,
                                                     const gint64   *ids,
                                                     guint           n_ids);
gboolean       eb_theme_sidebar_is_highlighted      (EbThemeSidebar *self,
                                                     gint64          theme_id);

/* The theme number key KEY (1 to 9) tags with, or 0 when there are fewer
 * codable themes. */
gint64         eb_theme_sidebar_get_key_theme       (EbThemeSidebar *self,
                                                     guint           key);

/* Creates a theme under PARENT_ID (0: top level), with a new name and
 * colour, and starts renaming it. Returns its id, or 0 on failure (shown
 * in a toast). */
gint64         eb_theme_sidebar_new_theme           (EbThemeSidebar *self,
                                                     gint64          parent_id);
/* Shows the theme (expanding its ancestors) and starts renaming it. */
void           eb_theme_sidebar_start_rename        (EbThemeSidebar *self,
                                                     gint64          theme_id);
/* The rename in progress: the theme's id, or 0. */
gint64         eb_theme_sidebar_get_renaming        (EbThemeSidebar *self);
/* Ends the rename in progress; with COMMIT, renames to the entry's text. */
void           eb_theme_sidebar_stop_rename         (EbThemeSidebar *self,
                                                     gboolean        commit);
/* The entry of the rename in progress, for tests. */
GtkEditable   *eb_theme_sidebar_get_rename_entry    (EbThemeSidebar *self);

/* The filter entry's text: themes whose name (or a sub-theme's) contains
 * it stay shown. */
void           eb_theme_sidebar_set_filter_text     (EbThemeSidebar *self,
                                                     const char     *text);
/* The rows as shown (GtkTreeListRow items of EbTheme), for tests. */
GListModel    *eb_theme_sidebar_get_rows            (EbThemeSidebar *self);
/* The counts text of a theme's row as shown ("12 · 9"), for tests; NULL
 * when the row is not on screen. */
const char    *eb_theme_sidebar_get_row_counts_text (EbThemeSidebar *self,
                                                     gint64          theme_id);

/* A colour for a new theme: the first of the palette the codebook does not
 * use yet. */
const char    *eb_theme_sidebar_pick_color          (EbCodebook     *codebook);

G_END_DECLS
