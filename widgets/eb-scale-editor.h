/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-scale.h"

G_BEGIN_DECLS

#define EB_TYPE_SCALE_EDITOR (eb_scale_editor_get_type ())
G_DECLARE_FINAL_TYPE (EbScaleEditor, eb_scale_editor, EB, SCALE_EDITOR, AdwWindow)

/* A modal dialog that puts a Likert item's answer levels in order, lowest
 * first: drag a level onto another (GtkDragSource/GtkDropTarget on the
 * rows) or use its Move Up and Move Down buttons; mark levels that are not
 * a real answer ("Don't know"); Reverse reverse-codes the item. EbScale has
 * no neutral flag: the middle level of an odd number of real answers is
 * the neutral point, and the editor says which level that is.
 *
 * "applied" (EbScale *scale, gboolean apply_to_all) is emitted when the
 * user confirms, just before the dialog closes; APPLY_TO_ALL is the
 * "Apply to all items with these answers" switch, offered only once
 * eb_scale_editor_set_matching_items() named other items. */
GtkWidget  *eb_scale_editor_new                 (GtkWindow          *parent,
                                                 const char         *item_title,
                                                 EbScale            *scale);

/* The levels as edited, or NULL while fewer than two are real answers. */
EbScale    *eb_scale_editor_dup_scale           (EbScaleEditor      *self);
gboolean    eb_scale_editor_get_can_apply       (EbScaleEditor      *self);

guint       eb_scale_editor_get_n_levels        (EbScaleEditor      *self);
const char *eb_scale_editor_get_label           (EbScaleEditor      *self,
                                                 guint               level);
gboolean    eb_scale_editor_get_non_substantive (EbScaleEditor      *self,
                                                 guint               level);
void        eb_scale_editor_set_non_substantive (EbScaleEditor      *self,
                                                 guint               level,
                                                 gboolean            non_substantive);
/* Moves the level at FROM to TO, shifting those between: what a drop and
 * the Move Up/Down buttons do. */
void        eb_scale_editor_move_level          (EbScaleEditor      *self,
                                                 guint               from,
                                                 guint               to);
/* Reverses the order of the real answers; levels that are not a real
 * answer keep their places. */
void        eb_scale_editor_reverse             (EbScaleEditor      *self);
/* The neutral level (the middle real answer of an odd number of them), or
 * -1 when there is none. */
int         eb_scale_editor_get_midpoint        (EbScaleEditor      *self);

/* Other items whose answers are the same as this one's; NULL or empty
 * hides the "Apply to all" switch. */
void        eb_scale_editor_set_matching_items  (EbScaleEditor      *self,
                                                 const char * const *titles);
gboolean    eb_scale_editor_get_apply_to_all    (EbScaleEditor      *self);
void        eb_scale_editor_set_apply_to_all    (EbScaleEditor      *self,
                                                 gboolean            apply_to_all);

/* What the Apply button does: emits "applied" and closes the dialog. */
void        eb_scale_editor_apply               (EbScaleEditor      *self);

G_END_DECLS
