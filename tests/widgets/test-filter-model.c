/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-filter-model"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>

#include "eb-filter-model.h"

/* EbFilterModel (widgets/eb-filter-model.c) against what it stands in
 * for: after every change of the filter or of the source, it holds the
 * same items as a GtkFilterListModel with the same filter, and a list
 * that follows only its items-changed signals (reading the added items
 * while each signal is emitted, as a list view does) holds them too. */

#define SOURCE_ITEMS 20000
#define SLICE        4096   /* as in eb-filter-model.c */

typedef struct
{
  GListStore         *source;
  guint8             *allowed;      /* by value: whether the filter lets it through */
  guint               n_values;
  GtkFilter          *filter;
  EbFilterModel      *model;
  GtkFilterListModel *reference;
  GPtrArray          *mirror;       /* what the signals told */
  guint               n_signals;
  guint               largest_change;
  guint               n_notify;
} Fixture;

static guint
value_of (gpointer item)
{
  return (guint) strtoul (gtk_string_object_get_string (item), NULL, 10);
}

static gboolean
allowed_cb (gpointer item,
            gpointer data)
{
  Fixture *fixture = data;
  guint value = value_of (item);

  return value < fixture->n_values && fixture->allowed[value];
}

static GObject *
new_item (guint value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  return G_OBJECT (gtk_string_object_new (text));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  g_ptr_array_remove_range (fixture->mirror, position, removed);
  /* The model is already as the signal says: the added items are there. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->mirror->len + added);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (fixture->mirror, position + i, g_list_model_get_item (model, position + i));
  fixture->n_signals++;
  fixture->largest_change = MAX (fixture->largest_change, MAX (removed, added));
}

static void
n_items_notify_cb (GObject    *object,
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
  fixture->n_values = SOURCE_ITEMS * 2;
  fixture->allowed = g_new0 (guint8, fixture->n_values);
  for (guint i = 0; i < SOURCE_ITEMS; i++)
    {
      g_autoptr(GObject) item = new_item (i);

      g_list_store_append (fixture->source, item);
    }
  for (guint v = 0; v < fixture->n_values; v++)
    fixture->allowed[v] = v % 3 == 0;
  fixture->filter = GTK_FILTER (gtk_custom_filter_new (allowed_cb, fixture, NULL));
  fixture->model = eb_filter_model_new ();
  fixture->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  g_signal_connect (fixture->model, "notify::n-items", G_CALLBACK (n_items_notify_cb), fixture);
  eb_filter_model_set_source (fixture->model, G_LIST_MODEL (fixture->source), fixture->filter);
  fixture->reference = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (fixture->source)),
                                                  g_object_ref (fixture->filter));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->reference);
  g_assert_finalize_object (fixture->model);
  g_clear_object (&fixture->filter);
  g_clear_object (&fixture->source);
  g_clear_pointer (&fixture->mirror, g_ptr_array_unref);
  g_clear_pointer (&fixture->allowed, g_free);
}

/* The model, the list its signals made and the reference agree item by
 * item, and finding each item's source position gives it back. */
static void
assert_consistent (Fixture *fixture)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  GListModel *reference = G_LIST_MODEL (fixture->reference);
  guint n = g_list_model_get_n_items (model);
  guint source_position = 0;

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (reference));
  g_assert_cmpuint (n, ==, fixture->mirror->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autoptr(GObject) expected = g_list_model_get_item (reference, i);
      g_autoptr(GObject) source_item = NULL;
      guint position = G_MAXUINT;

      g_assert_true (item == expected);
      g_assert_true (item == g_ptr_array_index (fixture->mirror, i));
      source_position = eb_filter_model_get_source_position (fixture->model, i);
      source_item = g_list_model_get_item (G_LIST_MODEL (fixture->source), source_position);
      g_assert_true (source_item == item);
      g_assert_true (eb_filter_model_find (fixture->model, source_position, &position));
      g_assert_cmpuint (position, ==, i);
    }
  g_assert_null (g_list_model_get_item (model, n));
}

static void
change_filter (Fixture         *fixture,
               GtkFilterChange  change)
{
  fixture->largest_change = 0;
  gtk_filter_changed (fixture->filter, change);
  assert_consistent (fixture);
}

static void
test_filter_model_initial (Fixture       *fixture,
                           gconstpointer  data)
{
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->model)) == GTK_TYPE_STRING_OBJECT);
  g_assert_true (eb_filter_model_get_model (fixture->model) == G_LIST_MODEL (fixture->source));
  g_assert_true (eb_filter_model_get_filter (fixture->model) == fixture->filter);
  /* 0, 3, 6, … 19,998. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 6667);
  g_assert_cmpuint (fixture->n_notify, ==, 1);
  g_assert_false (eb_filter_model_find (fixture->model, 1, NULL));
  assert_consistent (fixture);
}

static void
test_filter_model_narrow_widen (Fixture       *fixture,
                                gconstpointer  data)
{
  /* Narrowing: only multiples of 6 stay. */
  for (guint v = 0; v < fixture->n_values; v++)
    fixture->allowed[v] = v % 6 == 0;
  change_filter (fixture, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 3334);
  /* Told in slices: no signal spans more than one slice of the source. */
  g_assert_cmpuint (fixture->largest_change, <=, SLICE);
  g_assert_cmpuint (fixture->n_signals, >=, SOURCE_ITEMS / SLICE);

  /* Widening to every even number. */
  for (guint v = 0; v < fixture->n_values; v++)
    fixture->allowed[v] = v % 2 == 0;
  change_filter (fixture, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 10000);

  /* A change only near the end is one small signal there. */
  fixture->n_signals = 0;
  fixture->allowed[19999] = TRUE;
  change_filter (fixture, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpuint (fixture->largest_change, ==, 1);

  /* Nothing changed: no signal, no notification. */
  fixture->n_signals = 0;
  fixture->n_notify = 0;
  change_filter (fixture, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (fixture->n_signals, ==, 0);
  g_assert_cmpuint (fixture->n_notify, ==, 0);
}

static void
test_filter_model_all_none (Fixture       *fixture,
                            gconstpointer  data)
{
  memset (fixture->allowed, 0, fixture->n_values);
  change_filter (fixture, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 0);
  memset (fixture->allowed, 1, fixture->n_values);
  change_filter (fixture, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, SOURCE_ITEMS);

  /* Without a filter every item shows; without a source none. */
  eb_filter_model_set_source (fixture->model, G_LIST_MODEL (fixture->source), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, SOURCE_ITEMS);
  eb_filter_model_set_source (fixture->model, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 0);
  g_assert_cmpuint (fixture->mirror->len, ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->model)) == G_TYPE_OBJECT);
}

/* Items added, removed and changed in the source, between filter changes
 * of every kind, at random (a fixed seed). */
static void
test_filter_model_random (Fixture       *fixture,
                          gconstpointer  data)
{
  GRand *rand = g_rand_new_with_seed (20261123);
  guint next_value = SOURCE_ITEMS;

  for (guint step = 0; step < 300; step++)
    {
      guint n_source = g_list_model_get_n_items (G_LIST_MODEL (fixture->source));

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:   /* narrow */
          for (guint k = 0; k < 2000; k++)
            fixture->allowed[g_rand_int_range (rand, 0, fixture->n_values)] = FALSE;
          change_filter (fixture, GTK_FILTER_CHANGE_MORE_STRICT);
          break;
        case 1:   /* widen */
          for (guint k = 0; k < 2000; k++)
            fixture->allowed[g_rand_int_range (rand, 0, fixture->n_values)] = TRUE;
          change_filter (fixture, GTK_FILTER_CHANGE_LESS_STRICT);
          break;
        case 2:   /* anything */
          for (guint k = 0; k < 3000; k++)
            fixture->allowed[g_rand_int_range (rand, 0, fixture->n_values)] = g_rand_boolean (rand);
          change_filter (fixture, GTK_FILTER_CHANGE_DIFFERENT);
          break;
        case 3:   /* items added to the source */
          {
            guint position = g_rand_int_range (rand, 0, n_source + 1);
            guint n_added = g_rand_int_range (rand, 1, 50);
            g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

            for (guint k = 0; k < n_added && next_value < fixture->n_values; k++)
              g_ptr_array_add (items, new_item (next_value++));
            g_list_store_splice (fixture->source, position, 0, items->pdata, items->len);
            assert_consistent (fixture);
          }
          break;
        case 4:   /* items removed from the source */
          if (n_source > 100)
            {
              guint position = g_rand_int_range (rand, 0, n_source - 60);

              g_list_store_splice (fixture->source, position, g_rand_int_range (rand, 1, 60), NULL, 0);
              assert_consistent (fixture);
            }
          break;
        case 5:   /* an item replaced by another, as a changed quote is */
          {
            guint position = g_rand_int_range (rand, 0, n_source);
            g_autoptr(GObject) item = new_item (g_rand_int_range (rand, 0, fixture->n_values));

            g_list_store_splice (fixture->source, position, 1, (gpointer *) &item, 1);
            assert_consistent (fixture);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/filter-model/initial", Fixture, NULL,
              fixture_set_up, test_filter_model_initial, fixture_tear_down);
  g_test_add ("/filter-model/narrow-widen", Fixture, NULL,
              fixture_set_up, test_filter_model_narrow_widen, fixture_tear_down);
  g_test_add ("/filter-model/all-none", Fixture, NULL,
              fixture_set_up, test_filter_model_all_none, fixture_tear_down);
  g_test_add ("/filter-model/random", Fixture, NULL,
              fixture_set_up, test_filter_model_random, fixture_tear_down);
  return g_test_run ();
}
