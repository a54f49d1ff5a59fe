/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "eb-theme.h"

G_BEGIN_DECLS

#define EB_TYPE_CODEBOOK (eb_codebook_get_type ())
G_DECLARE_FINAL_TYPE (EbCodebook, eb_codebook, EB, CODEBOOK, GObject)

/* The tree of themes. The codebook is a GListModel of its top-level
 * themes, and each theme's children are a GListModel too, so a
 * GtkTreeListModel shows it directly; both emit precise items-changed.
 * It is read-only here: EbCodingStore makes every change, and the
 * codebook emits "changed" once after each. */

EbTheme    *eb_codebook_get_theme          (EbCodebook  *self,
                                            gint64       id);
/* Names are unique, compared without regard to case. */
EbTheme    *eb_codebook_find_theme         (EbCodebook  *self,
                                            const char  *name);
guint       eb_codebook_get_n_themes       (EbCodebook  *self);
/* Every theme, depth first (each parent before its children, siblings in
 * order): the order of the sidebar, the workbook and the tests. */
GPtrArray  *eb_codebook_dup_themes         (EbCodebook  *self);
/* ID and every theme under it, depth first. Empty for an unknown ID. */
GArray     *eb_codebook_dup_subtree_ids    (EbCodebook  *self,
                                            gint64       id);
/* Whether DESCENDANT_ID lies strictly under ANCESTOR_ID. */
gboolean    eb_codebook_is_descendant      (EbCodebook  *self,
                                            gint64       descendant_id,
                                            gint64       ancestor_id);

G_END_DECLS
