/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-codebook.h"

G_BEGIN_DECLS

#define EB_TYPE_TAG_POPOVER (eb_tag_popover_get_type ())
G_DECLARE_FINAL_TYPE (EbTagPopover, eb_tag_popover, EB, TAG_POPOVER, GtkPopover)

/* "Tag with…" (Ctrl+T): type part of a theme's name, or its initials, and
 * the codable themes that match come first, best first (a fuzzy match:
 * the typed letters in order, scored higher at the start of words and in
 * runs). Enter or a click chooses the selected theme ("theme-chosen");
 * when no theme has the typed name, "Create “…”" (or Enter with no match)
 * asks for a new one ("create-theme"). The popover closes either way. */
GtkWidget  *eb_tag_popover_new            (void);
EbCodebook *eb_tag_popover_get_codebook   (EbTagPopover *self);
void        eb_tag_popover_set_codebook   (EbTagPopover *self,
                                           EbCodebook   *codebook);
const char *eb_tag_popover_get_text       (EbTagPopover *self);
void        eb_tag_popover_set_text       (EbTagPopover *self,
                                           const char   *text);
/* The matching themes (EbTheme), best first, as listed. */
GListModel *eb_tag_popover_get_matches    (EbTagPopover *self);
/* What Enter does. */
void        eb_tag_popover_activate       (EbTagPopover *self);

/* How well NEEDLE matches NAME (both as typed): -1 for not at all, else
 * higher for better. */
int         eb_tag_popover_score          (const char   *needle,
                                           const char   *name);

G_END_DECLS
