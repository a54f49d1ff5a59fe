/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-slot.h"

G_BEGIN_DECLS

/* For EbSlotModel, which alone moves items between slots. */
EbSlot *eb_slot_new      (guint    position,
                          GObject *item);
void    eb_slot_set_item (EbSlot  *self,
                          GObject *item);

G_END_DECLS
