/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-slot"

#include "config.h"

#include "eb-slot-private.h"

struct _EbSlot
{
  GObject  parent_instance;

  GObject *item;
  guint    position;
};

G_DEFINE_FINAL_TYPE (EbSlot, eb_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eb_slot_dispose (GObject *object)
{
  EbSlot *self = EB_SLOT (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (eb_slot_parent_class)->dispose (object);
}

static void
eb_slot_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  EbSlot *self = EB_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_slot_class_init (EbSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eb_slot_dispose;
  object_class->get_property = eb_slot_get_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_slot_init (EbSlot *self)
{
}

EbSlot *
eb_slot_new (guint    position,
             GObject *item)
{
  EbSlot *self = g_object_new (EB_TYPE_SLOT, NULL);

  self->position = position;
  self->item = item != NULL ? g_object_ref (item) : NULL;
  return self;
}

void
eb_slot_set_item (EbSlot  *self,
                  GObject *item)
{
  g_return_if_fail (EB_IS_SLOT (self));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

GObject *
eb_slot_get_item (EbSlot *self)
{
  g_return_val_if_fail (EB_IS_SLOT (self), NULL);

  return self->item;
}

guint
eb_slot_get_position (EbSlot *self)
{
  g_return_val_if_fail (EB_IS_SLOT (self), 0);

  return self->position;
}
