/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EB_TYPE_SLOT (eb_slot_get_type ())
G_DECLARE_FINAL_TYPE (EbSlot, eb_slot, EB, SLOT, GObject)

/* One position of an EbSlotModel: whichever item of the source model is
 * at that position now. Its "item" changes (with a notification) when the
 * source's order or content does; the slot stays. */
GObject *eb_slot_get_item     (EbSlot *self);
guint    eb_slot_get_position (EbSlot *self);

G_END_DECLS
