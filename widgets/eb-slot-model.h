/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "eb-slot.h"

G_BEGIN_DECLS

#define EB_TYPE_SLOT_MODEL (eb_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (EbSlotModel, eb_slot_model, EB, SLOT_MODEL, GObject)

/* A list of EbSlot items, one per position of a source model, for a view
 * whose rows are costly to make: GTK 4.8's list and column views make new
 * row widgets for every new item and never reuse old ones, and a column
 * view row of 30 cells is 30 widgets with their controllers. When the
 * source is filtered or sorted anew, the slots stay where they are and
 * take the source's new items (notify::item), so the view rebinds nothing
 * but the text of its cells; only a change of length is signalled, at the
 * end of the list.
 *
 * The price: a view's selection and scroll position stay at the same
 * positions, which now hold other items; whoever owns the view decides
 * what to select and show (see EbDataView). */
EbSlotModel *eb_slot_model_new       (GListModel  *source);
GListModel  *eb_slot_model_get_source (EbSlotModel *self);

/* "changed": the source's items moved or changed, in place or not; the
 * slots have their new items and the length is right. Emitted after the
 * items-changed signal, if any. */

G_END_DECLS
