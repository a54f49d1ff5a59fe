/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-slot-model"

#include "config.h"

#include "eb-slot-model.h"
#include "eb-slot-private.h"

struct _EbSlotModel
{
  GObject     parent_instance;

  GListModel *source;
  guint       n_items;
  /* The slots someone holds (a bound row), by position; a slot leaves
   * when its last reference goes (slot_finalized). */
  GHashTable *slots;       /* GUINT_TO_POINTER (position) → EbSlot */
};

static void eb_slot_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EbSlotModel, eb_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      eb_slot_model_list_model_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
slot_finalized (gpointer  data,
                GObject  *where_the_slot_was)
{
  EbSlotModel *self = data;
  GHashTableIter iter;
  gpointer slot;

  /* The position is gone with the object: find it by pointer. Rare (a
   * row dropped by the view) and among a few hundred slots. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    if (slot == (gpointer) where_the_slot_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

/* Gives every held slot the source's item at its position; slots past the
 * new end keep theirs until the view lets them go. */
static void
refresh_slots (EbSlotModel *self,
               guint        from)
{
  GHashTableIter iter;
  gpointer key, slot;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &slot))
    {
      guint position = GPOINTER_TO_UINT (key);
      g_autoptr(GObject) item = NULL;

      if (position < from || position >= self->n_items)
        continue;
      item = g_list_model_get_item (self->source, position);
      eb_slot_set_item (slot, item);
    }
}

static void
source_items_changed_cb (EbSlotModel *self,
                         guint        position,
                         guint        removed,
                         guint        added,
                         GListModel  *source)
{
  guint n_before = self->n_items;

  self->n_items = g_list_model_get_n_items (source);
  refresh_slots (self, position);
  if (self->n_items < n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, n_before - self->n_items, 0);
  else if (self->n_items > n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, self->n_items - n_before);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GType
eb_slot_model_get_item_type (GListModel *list)
{
  return EB_TYPE_SLOT;
}

static guint
eb_slot_model_get_n_items (GListModel *list)
{
  return EB_SLOT_MODEL (list)->n_items;
}

static gpointer
eb_slot_model_get_item (GListModel *list,
                        guint       position)
{
  EbSlotModel *self = EB_SLOT_MODEL (list);
  g_autoptr(GObject) item = NULL;
  EbSlot *slot;

  if (position >= self->n_items)
    return NULL;
  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);
  item = g_list_model_get_item (self->source, position);
  slot = eb_slot_new (position, item);
  g_object_weak_ref (G_OBJECT (slot), slot_finalized, self);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
eb_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = eb_slot_model_get_item_type;
  iface->get_n_items = eb_slot_model_get_n_items;
  iface->get_item = eb_slot_model_get_item;
}

static void
eb_slot_model_dispose (GObject *object)
{
  EbSlotModel *self = EB_SLOT_MODEL (object);
  GHashTableIter iter;
  gpointer slot;

  /* Slots may outlive the model (a view still holding rows). */
  if (self->slots != NULL)
    {
      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, NULL, &slot))
        g_object_weak_unref (slot, slot_finalized, self);
      g_clear_pointer (&self->slots, g_hash_table_unref);
    }
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, source_items_changed_cb, self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (eb_slot_model_parent_class)->dispose (object);
}

static void
eb_slot_model_class_init (EbSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eb_slot_model_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
eb_slot_model_init (EbSlotModel *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
}

EbSlotModel *
eb_slot_model_new (GListModel *source)
{
  EbSlotModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);

  self = g_object_new (EB_TYPE_SLOT_MODEL, NULL);
  self->source = g_object_ref (source);
  self->n_items = g_list_model_get_n_items (source);
  g_signal_connect_swapped (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  return self;
}

GListModel *
eb_slot_model_get_source (EbSlotModel *self)
{
  g_return_val_if_fail (EB_IS_SLOT_MODEL (self), NULL);

  return self->source;
}
