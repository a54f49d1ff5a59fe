/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The stage of grounded-theory coding a theme belongs to (Strauss &
 * Corbin), as the paper in seeds/000 used them: open codes, grouped into
 * axial categories, integrated into selective themes. Stored as its
 * number. */
typedef enum {
  EB_THEME_LEVEL_NONE = 0,
  EB_THEME_LEVEL_OPEN = 1,
  EB_THEME_LEVEL_AXIAL = 2,
  EB_THEME_LEVEL_SELECTIVE = 3,
} EbThemeLevel;

#define EB_TYPE_THEME_LEVEL (eb_theme_level_get_type ())
GType          eb_theme_level_get_type        (void) G_GNUC_CONST;
/* "none", "open", "axial", "selective". */
const char    *eb_theme_level_to_string       (EbThemeLevel  level);
gboolean       eb_theme_level_from_string     (const char   *name,
                                               EbThemeLevel *level);

#define EB_TYPE_THEME (eb_theme_get_type ())
G_DECLARE_FINAL_TYPE (EbTheme, eb_theme, EB, THEME, GObject)

/* One theme of a codebook. Read-only for its users: every change goes
 * through EbCodingStore, which stores it and makes it undoable, and then
 * the theme notifies its properties. A theme removed from its codebook
 * keeps its values but has no parent. */
gint64         eb_theme_get_id                (EbTheme      *self);
const char    *eb_theme_get_name              (EbTheme      *self);
/* "#rrggbb", or NULL for none. */
const char    *eb_theme_get_color             (EbTheme      *self);
/* Definition, inclusion and exclusion notes; never NULL. */
const char    *eb_theme_get_description       (EbTheme      *self);
EbThemeLevel   eb_theme_get_level             (EbTheme      *self);
/* FALSE for a group, which holds themes but no quotes. */
gboolean       eb_theme_get_codable           (EbTheme      *self);
/* NULL for a top-level theme. */
EbTheme       *eb_theme_get_parent            (EbTheme      *self);
/* 0 for a top-level theme. */
gint64         eb_theme_get_parent_id         (EbTheme      *self);
/* Its place among its siblings, from 0. */
guint          eb_theme_get_position          (EbTheme      *self);
/* The sub-themes, in order: a GListModel of EbTheme, for
 * GtkTreeListModel. */
GListModel    *eb_theme_get_children          (EbTheme      *self);
/* How deep in the tree: 0 for a top-level theme. */
guint          eb_theme_get_depth             (EbTheme      *self);

G_END_DECLS
