/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-codebook.h"

G_BEGIN_DECLS

#define EB_TYPE_THEME_CHIPS (eb_theme_chips_get_type ())
G_DECLARE_FINAL_TYPE (EbThemeChips, eb_theme_chips, EB, THEME_CHIPS, GtkWidget)

/* A row of small rounded labels, one per theme, each in the theme's
 * colour, wrapping onto more lines when narrow: the chips of a quote. One
 * widget draws them all, so that a list of quotes binds a row without
 * making a widget per chip. With "compact", each theme is a dot: the
 * colour swatch of a theme in the sidebar.
 *
 * Themes without a colour are grey. A chip's full name shows as its
 * tooltip. */
GtkWidget  *eb_theme_chips_new             (void);
/* Shows the themes IDS of CODEBOOK, in that order; unknown ids are
 * skipped. */
void        eb_theme_chips_set_themes      (EbThemeChips  *self,
                                            EbCodebook    *codebook,
                                            const gint64  *ids,
                                            guint          n_ids);
/* One chip with its own NAME and COLOR ("#rrggbb" or NULL). */
void        eb_theme_chips_set_single      (EbThemeChips  *self,
                                            const char    *name,
                                            const char    *color);
void        eb_theme_chips_clear           (EbThemeChips  *self);
guint       eb_theme_chips_get_n_chips     (EbThemeChips  *self);
/* The name on chip I, for tests and accessibility. */
const char *eb_theme_chips_get_chip_name   (EbThemeChips  *self,
                                            guint          i);
gboolean    eb_theme_chips_get_compact     (EbThemeChips  *self);
void        eb_theme_chips_set_compact     (EbThemeChips  *self,
                                            gboolean       compact);

G_END_DECLS
