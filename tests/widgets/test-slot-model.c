/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-slot-model"

#include "config.h"

#include <stdlib.h>

#include <gtk/gtk.h>

#include "eb-slot-model.h"

/* EbSlotModel (widgets/eb-slot-model.c): the slots a view holds always
 * show the source's items at their positions, and the view hears only of
 * changes of length, at the end. */

typedef struct
{
  GListStore  *source;
  EbSlotModel *slots;
  GPtrArray   *held;          /* EbSlot: what a view keeps bound */
  guint        n_mirror;      /* the length the signals told */
  guint        n_signals;
  guint        n_changed;
  guint        n_notify;
} Fixture;

static GObject *
new_item (guint value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  return G_OBJECT (gtk_string_object_new (text));
}

static guint
value_of (gpointer item)
{
  return (guint) strtoul (gtk_string_object_get_string (item), NULL, 10);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  /* Only ever at the end. */
  g_assert_cmpuint (position + removed, ==, fixture->n_mirror);
  g_assert_true (removed == 0 || added == 0);
  fixture->n_mirror = fixture->n_mirror - removed + added;
  g_assert_cmpuint (fixture->n_mirror, ==, g_list_model_get_n_items (model));
  fixture->n_signals++;
}

static void
changed_cb (EbSlotModel *model,
            Fixture     *fixture)
{
  fixture->n_changed++;
}

static void
notify_cb (GObject    *slot,
           GParamSpec *pspec,
           Fixture    *fixture)
{
  fixture->n_notify++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->source = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GObject) item = new_item (i);

      g_list_store_append (fixture->source, item);
    }
  fixture->slots = eb_slot_model_new (G_LIST_MODEL (fixture->source));
  fixture->n_mirror = 100;
  g_signal_connect (fixture->slots, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  g_signal_connect (fixture->slots, "changed", G_CALLBACK (changed_cb), fixture);
  /* A view showing the first twenty. */
  fixture->held = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 20; i++)
    {
      EbSlot *slot = g_list_model_get_item (G_LIST_MODEL (fixture->slots), i);

      g_signal_connect (slot, "notify::item", G_CALLBACK (notify_cb), fixture);
      g_ptr_array_add (fixture->held, slot);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < fixture->held->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (fixture->held, i), fixture);
  g_assert_finalize_object (fixture->slots);
  /* Slots may outlive their model. */
  g_clear_pointer (&fixture->held, g_ptr_array_unref);
  g_clear_object (&fixture->source);
}

/* Every held slot shows the source's item at its position. */
static void
assert_slots_current (Fixture *fixture)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->source));

  for (guint i = 0; i < fixture->held->len; i++)
    {
      EbSlot *slot = g_ptr_array_index (fixture->held, i);
      guint position = eb_slot_get_position (slot);
      g_autoptr(GObject) expected = NULL;

      g_assert_cmpuint (position, ==, i);
      if (position >= n)
        continue;
      expected = g_list_model_get_item (G_LIST_MODEL (fixture->source), position);
      g_assert_true (eb_slot_get_item (slot) == expected);
    }
}

static void
test_slot_model_same_slots (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(EbSlot) again = g_list_model_get_item (G_LIST_MODEL (fixture->slots), 3);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->slots)) == EB_TYPE_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->slots)), ==, 100);
  /* A position asked twice while held is one slot. */
  g_assert_true (again == g_ptr_array_index (fixture->held, 3));
  g_assert_cmpuint (value_of (eb_slot_get_item (again)), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->slots), 100));
  assert_slots_current (fixture);
}

static void
test_slot_model_reorder (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) reversed = g_ptr_array_new_with_free_func (g_object_unref);

  /* A new order of the same length: no items-changed, every held slot
   * takes its new item and says so. */
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (reversed, new_item (99 - i));
  g_list_store_splice (fixture->source, 0, 100, reversed->pdata, reversed->len);
  g_assert_cmpuint (fixture->n_signals, ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_notify, ==, 20);
  assert_slots_current (fixture);
  g_assert_cmpuint (value_of (eb_slot_get_item (g_ptr_array_index (fixture->held, 0))), ==, 99);
}

static void
test_slot_model_shrink_grow (Fixture       *fixture,
                             gconstpointer  data)
{
  /* Ninety-five go from the middle: the held slots before the change keep
   * their items (no notification), those after take the new ones, and the
   * view hears of 95 fewer at the end. */
  g_list_store_splice (fixture->source, 5, 95, NULL, 0);
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpuint (fixture->n_mirror, ==, 5);
  g_assert_cmpuint (fixture->n_notify, ==, 0);
  assert_slots_current (fixture);

  /* Twenty come back at the start: all five shown slots move on. */
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 20; i++)
      g_ptr_array_add (items, new_item (1000 + i));
    g_list_store_splice (fixture->source, 0, 0, items->pdata, items->len);
  }
  g_assert_cmpuint (fixture->n_signals, ==, 2);
  g_assert_cmpuint (fixture->n_mirror, ==, 25);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  assert_slots_current (fixture);
  g_assert_cmpuint (value_of (eb_slot_get_item (g_ptr_array_index (fixture->held, 19))), ==, 1019);
}

/* A slot let go of is forgotten; asking for its position again gives a
 * new slot with the current item. */
static void
test_slot_model_release (Fixture       *fixture,
                         gconstpointer  data)
{
  EbSlot *old = g_ptr_array_index (fixture->held, 19);
  g_autoptr(EbSlot) slot = NULL;

  g_signal_handlers_disconnect_by_data (old, fixture);
  g_ptr_array_remove_index (fixture->held, 19);
  g_list_store_remove (fixture->source, 0);
  slot = g_list_model_get_item (G_LIST_MODEL (fixture->slots), 19);
  g_assert_cmpuint (eb_slot_get_position (slot), ==, 19);
  g_assert_cmpuint (value_of (eb_slot_get_item (slot)), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/slot-model/same-slots", Fixture, NULL, fixture_set_up, test_slot_model_same_slots,
              fixture_tear_down);
  g_test_add ("/slot-model/reorder", Fixture, NULL, fixture_set_up, test_slot_model_reorder,
              fixture_tear_down);
  g_test_add ("/slot-model/shrink-grow", Fixture, NULL, fixture_set_up, test_slot_model_shrink_grow,
              fixture_tear_down);
  g_test_add ("/slot-model/release", Fixture, NULL, fixture_set_up, test_slot_model_release,
              fixture_tear_down);
  return g_test_run ();
}
