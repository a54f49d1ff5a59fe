/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-filter-model"

#include "config.h"

#include "eb-filter-model.h"

struct _EbFilterModel
{
  GObject     parent_instance;

  GListModel *model;
  GtkFilter  *filter;
  GArray     *shown;    /* guint: the source positions of the items, ascending */
  EbFilterModelMatchFunc match_func;
  gpointer    match_data;

  /* While a change is being told (replace_shown): the items before
   * split_old are old's, the others shown's from split_new on. */
  GArray     *old;
  guint       split_new;
  guint       split_old;
};

/* Source positions per items-changed signal of a change of the filter. */
#define SLICE 4096

static void eb_filter_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EbFilterModel, eb_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      eb_filter_model_list_model_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FILTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GArray *
new_positions (guint reserve)
{
  return g_array_sized_new (FALSE, FALSE, sizeof (guint), reserve);
}

/* The first index of SHOWN whose source position is VALUE or more. */
static guint
lower_bound (GArray *shown,
             guint   value)
{
  const guint *positions = (const guint *) shown->data;
  guint low = 0, high = shown->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (positions[middle] < value)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static gboolean
source_matches (EbFilterModel *self,
                guint          source_position)
{
  g_autoptr(GObject) item = NULL;

  if (self->filter == NULL)
    return TRUE;
  if (self->match_func != NULL)
    return self->match_func (source_position, self->match_data);
  item = g_list_model_get_item (self->model, source_position);
  return item != NULL && gtk_filter_match (self->filter, item);
}

/* The shown positions after CHANGE of the filter, testing as few items
 * as the change allows. */
static GArray *
select_shown (EbFilterModel   *self,
              GtkFilterChange  change)
{
  guint n_source = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  GtkFilterMatch strictness = self->filter != NULL ? gtk_filter_get_strictness (self->filter)
                                                   : GTK_FILTER_MATCH_ALL;
  const guint *old = (const guint *) self->shown->data;
  guint n_old = self->shown->len;
  GArray *shown;

  if (n_source == 0 || strictness == GTK_FILTER_MATCH_NONE)
    return new_positions (0);

  if (strictness == GTK_FILTER_MATCH_ALL)
    {
      shown = new_positions (n_source);
      g_array_set_size (shown, n_source);
      for (guint i = 0; i < n_source; i++)
        g_array_index (shown, guint, i) = i;
      return shown;
    }

  switch (change)
    {
    case GTK_FILTER_CHANGE_MORE_STRICT:
      shown = new_positions (n_old);
      for (guint k = 0; k < n_old; k++)
        if (source_matches (self, old[k]))
          g_array_append_val (shown, old[k]);
      break;

    case GTK_FILTER_CHANGE_LESS_STRICT:
      shown = new_positions (n_old);
      for (guint i = 0, k = 0; i < n_source; i++)
        {
          if (k < n_old && old[k] == i)
            {
              g_array_append_val (shown, i);
              k++;
            }
          else if (source_matches (self, i))
            g_array_append_val (shown, i);
        }
      break;

    case GTK_FILTER_CHANGE_DIFFERENT:
    default:
      shown = new_positions (n_old);
      for (guint i = 0; i < n_source; i++)
        if (source_matches (self, i))
          g_array_append_val (shown, i);
      break;
    }
  return shown;
}

static void
notify_n_items (EbFilterModel *self,
                guint          n_before)
{
  if (self->shown->len != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

typedef struct
{
  guint old_start, old_end;   /* the slice's items in the old list */
  guint new_start, new_end;   /* and in the new one */
} Slice;

/* Shows SHOWN instead of what was shown.
 *
 * One items-changed over everything between the first and the last
 * difference would be simplest, but GTK 4.8's list view answers a change
 * whose removed range holds its scroll anchor, focus or selection by
 * looking up every added item, one by one: with tens of thousands added,
 * tens of milliseconds. So the change is told in slices of SLICE source
 * positions, each over only the positions that differ within it: the
 * list's lookups stay within a slice. The slices are told last to first,
 * so that the rows at the top of the list (where the list's widgets are)
 * move only once: told first to last, every slice would pull old items up
 * into the shown rows, only for the next slice to take them away again.
 * While a slice is told, the model is the old list up to the slice and
 * the new one from there (split_old, split_new). */
static void
replace_shown (EbFilterModel *self,
               GArray        *shown)
{
  g_autoptr(GArray) old = self->shown;
  g_autoptr(GArray) slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  const guint *a = (const guint *) old->data, *b = (const guint *) shown->data;
  guint n_a = old->len, n_b = shown->len;
  guint n_source = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  Slice slice = { 0, 0, 0, 0 };

  for (guint low = 0; low < n_source && (slice.old_end < n_a || slice.new_end < n_b); low += SLICE)
    {
      guint high = low + MIN (SLICE, n_source - low);

      slice.old_start = slice.old_end;
      slice.new_start = slice.new_end;
      while (slice.old_end < n_a && a[slice.old_end] < high)
        slice.old_end++;
      while (slice.new_end < n_b && b[slice.new_end] < high)
        slice.new_end++;
      g_array_append_val (slices, slice);
    }

  self->shown = shown;
  self->old = old;
  for (guint k = slices->len; k-- > 0;)
    {
      const Slice *s = &g_array_index (slices, Slice, k);
      guint prefix = 0, suffix = 0, n_old = s->old_end - s->old_start, n_new = s->new_end - s->new_start;

      while (prefix < n_old && prefix < n_new && a[s->old_start + prefix] == b[s->new_start + prefix])
        prefix++;
      while (suffix < n_old - prefix && suffix < n_new - prefix &&
             a[s->old_end - 1 - suffix] == b[s->new_end - 1 - suffix])
        suffix++;
      self->split_old = s->old_start;
      self->split_new = s->new_start;
      if (n_old - prefix - suffix > 0 || n_new - prefix - suffix > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), s->old_start + prefix,
                                    n_old - prefix - suffix, n_new - prefix - suffix);
    }
  self->old = NULL;
  notify_n_items (self, n_a);
}

static void
filter_changed_cb (EbFilterModel   *self,
                   GtkFilterChange  change,
                   GtkFilter       *filter)
{
  replace_shown (self, select_shown (self, change));
}

/* The source's items from POSITION changed: REMOVED of them went, ADDED
 * came. The shown ones among the removed go, the added are tested, and
 * the shown positions after them move by the difference. */
static void
source_items_changed_cb (EbFilterModel *self,
                         guint          position,
                         guint          removed,
                         guint          added,
                         GListModel    *model)
{
  guint first = lower_bound (self->shown, position);
  guint last = lower_bound (self->shown, position + removed);
  guint n_before = self->shown->len;
  g_autoptr(GArray) matching = new_positions (added);

  for (guint i = position; i < position + added; i++)
    if (source_matches (self, i))
      g_array_append_val (matching, i);

  if (added != removed)
    for (guint k = last; k < self->shown->len; k++)
      g_array_index (self->shown, guint, k) += added - removed;   /* wraps as guint: fine */

  g_array_remove_range (self->shown, first, last - first);
  g_array_insert_vals (self->shown, first, matching->data, matching->len);
  if (last > first || matching->len > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), first, last - first, matching->len);
      notify_n_items (self, n_before);
    }
}

static void
disconnect_source (EbFilterModel *self)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, source_items_changed_cb, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->filter);
}

static GType
eb_filter_model_get_item_type (GListModel *list)
{
  EbFilterModel *self = EB_FILTER_MODEL (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
eb_filter_model_get_n_items (GListModel *list)
{
  EbFilterModel *self = EB_FILTER_MODEL (list);

  if (self->old != NULL)
    return self->split_old + (self->shown->len - self->split_new);
  return self->shown->len;
}

static guint
source_position_at (EbFilterModel *self,
                    guint          position)
{
  if (self->old == NULL)
    return g_array_index (self->shown, guint, position);
  if (position < self->split_old)
    return g_array_index (self->old, guint, position);
  return g_array_index (self->shown, guint, position - self->split_old + self->split_new);
}

static gpointer
eb_filter_model_get_item (GListModel *list,
                          guint       position)
{
  EbFilterModel *self = EB_FILTER_MODEL (list);

  if (position >= eb_filter_model_get_n_items (list))
    return NULL;
  return g_list_model_get_item (self->model, source_position_at (self, position));
}

static void
eb_filter_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = eb_filter_model_get_item_type;
  iface->get_n_items = eb_filter_model_get_n_items;
  iface->get_item = eb_filter_model_get_item;
}

static void
eb_filter_model_dispose (GObject *object)
{
  disconnect_source (EB_FILTER_MODEL (object));

  G_OBJECT_CLASS (eb_filter_model_parent_class)->dispose (object);
}

static void
eb_filter_model_finalize (GObject *object)
{
  EbFilterModel *self = EB_FILTER_MODEL (object);

  g_clear_pointer (&self->shown, g_array_unref);

  G_OBJECT_CLASS (eb_filter_model_parent_class)->finalize (object);
}

static void
eb_filter_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbFilterModel *self = EB_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->shown->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_filter_model_class_init (EbFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eb_filter_model_dispose;
  object_class->finalize = eb_filter_model_finalize;
  object_class->get_property = eb_filter_model_get_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, GTK_TYPE_FILTER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_filter_model_init (EbFilterModel *self)
{
  self->shown = new_positions (0);
}

EbFilterModel *
eb_filter_model_new (void)
{
  return g_object_new (EB_TYPE_FILTER_MODEL, NULL);
}

void
eb_filter_model_set_source (EbFilterModel *self,
                            GListModel    *model,
                            GtkFilter     *filter)
{
  guint n_before;
  GArray *shown;

  g_return_if_fail (EB_IS_FILTER_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  if (model == self->model && filter == self->filter)
    return;
  disconnect_source (self);
  if (model != NULL)
    {
      self->model = g_object_ref (model);
      g_signal_connect_swapped (model, "items-changed", G_CALLBACK (source_items_changed_cb), self);
    }
  if (filter != NULL)
    {
      self->filter = g_object_ref (filter);
      g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed_cb), self);
    }

  /* Positions in another source are other items: everything changes. */
  n_before = self->shown->len;
  shown = select_shown (self, GTK_FILTER_CHANGE_DIFFERENT);
  g_array_unref (self->shown);
  self->shown = shown;
  if (n_before > 0 || self->shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_before, self->shown->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  notify_n_items (self, n_before);
}

void
eb_filter_model_set_match_func (EbFilterModel          *self,
                                EbFilterModelMatchFunc  func,
                                gpointer                user_data)
{
  g_return_if_fail (EB_IS_FILTER_MODEL (self));

  self->match_func = func;
  self->match_data = user_data;
}

GListModel *
eb_filter_model_get_model (EbFilterModel *self)
{
  g_return_val_if_fail (EB_IS_FILTER_MODEL (self), NULL);

  return self->model;
}

GtkFilter *
eb_filter_model_get_filter (EbFilterModel *self)
{
  g_return_val_if_fail (EB_IS_FILTER_MODEL (self), NULL);

  return self->filter;
}

guint
eb_filter_model_get_source_position (EbFilterModel *self,
                                     guint          position)
{
  g_return_val_if_fail (EB_IS_FILTER_MODEL (self), 0);
  g_return_val_if_fail (position < self->shown->len, 0);

  return g_array_index (self->shown, guint, position);
}

gboolean
eb_filter_model_find (EbFilterModel *self,
                      guint          source_position,
                      guint         *position)
{
  guint index;

  g_return_val_if_fail (EB_IS_FILTER_MODEL (self), FALSE);

  index = lower_bound (self->shown, source_position);
  if (index >= self->shown->len || g_array_index (self->shown, guint, index) != source_position)
    return FALSE;
  if (position != NULL)
    *position = index;
  return TRUE;
}
