/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-codebook"

#include "config.h"

#include "eb-codebook.h"
#include "eb-coding-private.h"

struct _EbCodebook
{
  GObject      parent_instance;

  GListStore  *roots;     /* EbTheme, the top level */
  GHashTable  *themes;    /* gint64 * id → EbTheme (owned) */

  /* While a change is applied (begin_changes … end_changes): */
  guint        changing;
  gboolean     touched;   /* a theme was added, removed or changed */
  GHashTable  *dirty;     /* gint64 * parent id (0: top level) → itself */
  GHashTable  *removed;   /* gint64 * id → EbTheme (owned) */
  GPtrArray   *frozen;    /* EbTheme whose notifications wait */
};

static void eb_codebook_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EbCodebook, eb_codebook, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      eb_codebook_list_model_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64 *
new_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static void
mark_dirty (EbCodebook *self,
            gint64      parent_id)
{
  if (!g_hash_table_contains (self->dirty, &parent_id))
    g_hash_table_add (self->dirty, new_key (parent_id));
}

static void
freeze (EbCodebook *self,
        EbTheme    *theme)
{
  g_object_freeze_notify (G_OBJECT (theme));
  g_ptr_array_add (self->frozen, g_object_ref (theme));
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  EbTheme *x = *(EbTheme * const *) a;
  EbTheme *y = *(EbTheme * const *) b;
  guint px = eb_theme_get_position (x), py = eb_theme_get_position (y);

  if (px != py)
    return px < py ? -1 : 1;
  /* Equal positions only in a damaged project: keep a stable order. */
  return eb_theme_get_id (x) < eb_theme_get_id (y) ? -1 : eb_theme_get_id (x) > eb_theme_get_id (y);
}

/* The children of PARENT_ID as they should be, in order. */
static GPtrArray *
collect_children (EbCodebook *self,
                  gint64      parent_id)
{
  GPtrArray *children = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->themes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (eb_theme_get_parent_id (value) == parent_id)
      g_ptr_array_add (children, value);
  g_ptr_array_sort (children, compare_position);
  return children;
}

/* Brings STORE to WANTED with one splice over the part that differs, so
 * that a rename or recolour emits nothing and a move emits the least. */
static void
sync_store (GListStore *store,
            GPtrArray  *wanted)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint prefix = 0, suffix = 0;

  while (prefix < n && prefix < wanted->len)
    {
      g_autoptr(EbTheme) item = g_list_model_get_item (G_LIST_MODEL (store), prefix);

      if (item != g_ptr_array_index (wanted, prefix))
        break;
      prefix++;
    }
  while (suffix < n - prefix && suffix < wanted->len - prefix)
    {
      g_autoptr(EbTheme) item = g_list_model_get_item (G_LIST_MODEL (store), n - 1 - suffix);

      if (item != g_ptr_array_index (wanted, wanted->len - 1 - suffix))
        break;
      suffix++;
    }
  if (prefix == n && n == wanted->len)
    return;
  g_list_store_splice (store, prefix, n - prefix - suffix,
                       wanted->pdata + prefix, wanted->len - prefix - suffix);
}

static void
sync_children (EbCodebook *self,
               gint64      parent_id)
{
  g_autoptr(GPtrArray) wanted = collect_children (self, parent_id);
  EbTheme *parent = NULL;
  GListStore *store;

  if (parent_id != 0)
    {
      parent = g_hash_table_lookup (self->themes, &parent_id);
      if (parent == NULL)
        parent = g_hash_table_lookup (self->removed, &parent_id);
      if (parent == NULL)
        return;
      store = eb_theme_get_children_store (parent);
    }
  else
    store = self->roots;

  for (guint i = 0; i < wanted->len; i++)
    eb_theme_set_parent (g_ptr_array_index (wanted, i), parent);
  sync_store (store, wanted);
}

static void
roots_changed_cb (GListModel *roots,
                  guint       position,
                  guint       removed,
                  guint       added,
                  EbCodebook *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static GType
eb_codebook_get_item_type (GListModel *model)
{
  return EB_TYPE_THEME;
}

static guint
eb_codebook_get_n_items (GListModel *model)
{
  EbCodebook *self = EB_CODEBOOK (model);

  return g_list_model_get_n_items (G_LIST_MODEL (self->roots));
}

static gpointer
eb_codebook_get_item (GListModel *model,
                      guint       position)
{
  EbCodebook *self = EB_CODEBOOK (model);

  return g_list_model_get_item (G_LIST_MODEL (self->roots), position);
}

static void
eb_codebook_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = eb_codebook_get_item_type;
  iface->get_n_items = eb_codebook_get_n_items;
  iface->get_item = eb_codebook_get_item;
}

static void
eb_codebook_dispose (GObject *object)
{
  EbCodebook *self = EB_CODEBOOK (object);
  GHashTableIter iter;
  gpointer value;

  /* Themes the GUI still holds must not point at parents that go now. */
  if (self->themes != NULL)
    {
      g_hash_table_iter_init (&iter, self->themes);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        eb_theme_set_parent (value, NULL);
    }
  if (self->roots != NULL)
    g_signal_handlers_disconnect_by_func (self->roots, roots_changed_cb, self);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->themes, g_hash_table_unref);

  G_OBJECT_CLASS (eb_codebook_parent_class)->dispose (object);
}

static void
eb_codebook_finalize (GObject *object)
{
  EbCodebook *self = EB_CODEBOOK (object);

  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->removed, g_hash_table_unref);
  g_clear_pointer (&self->frozen, g_ptr_array_unref);

  G_OBJECT_CLASS (eb_codebook_parent_class)->finalize (object);
}

static void
eb_codebook_class_init (EbCodebookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eb_codebook_dispose;
  object_class->finalize = eb_codebook_finalize;

  /* Once after every change to the codebook, when the tree is in order:
   * for counts and anything else that reads the whole tree. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
eb_codebook_init (EbCodebook *self)
{
  self->roots = g_list_store_new (EB_TYPE_THEME);
  self->themes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->dirty = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->removed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->frozen = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (self->roots, "items-changed", G_CALLBACK (roots_changed_cb), self);
}

/* ---- eb-coding-private.h ---- */

EbCodebook *
eb_codebook_new (void)
{
  return g_object_new (EB_TYPE_CODEBOOK, NULL);
}

void
eb_codebook_begin_changes (EbCodebook *self)
{
  self->changing++;
}

void
eb_codebook_apply_row (EbCodebook       *self,
                       const EbThemeRow *before,
                       const EbThemeRow *after)
{
  g_assert (self->changing > 0);
  g_assert (before != NULL || after != NULL);

  self->touched = TRUE;

  if (before == NULL)
    {
      EbTheme *theme = eb_theme_new_from_row (after);

      /* Should one change remove a theme and bring it back, the new
       * object takes the old one's place. */
      g_hash_table_remove (self->removed, &after->id);
      freeze (self, theme);
      g_hash_table_insert (self->themes, new_key (after->id), theme);
      mark_dirty (self, after->parent_id);
    }
  else if (after == NULL)
    {
      gpointer key, value;

      if (!g_hash_table_steal_extended (self->themes, &before->id, &key, &value))
        return;
      freeze (self, value);
      /* Kept until end_changes takes it out of its parent's children. */
      g_hash_table_insert (self->removed, key, value);
      mark_dirty (self, before->parent_id);
      mark_dirty (self, before->id);
    }
  else
    {
      EbTheme *theme = g_hash_table_lookup (self->themes, &after->id);

      if (theme == NULL)
        return;
      freeze (self, theme);
      if (before->parent_id != after->parent_id || before->position != after->position)
        {
          mark_dirty (self, before->parent_id);
          mark_dirty (self, after->parent_id);
        }
      eb_theme_set_row (theme, after);
    }
}

void
eb_codebook_end_changes (EbCodebook *self)
{
  g_autoptr(GPtrArray) frozen = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert (self->changing > 0);

  if (--self->changing > 0)
    return;

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    sync_children (self, *(gint64 *) key);
  g_hash_table_remove_all (self->dirty);

  g_hash_table_iter_init (&iter, self->removed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    eb_theme_set_parent (value, NULL);
  g_hash_table_remove_all (self->removed);

  /* Thawed last: whoever listens sees a tree that is whole again. */
  frozen = g_steal_pointer (&self->frozen);
  self->frozen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < frozen->len; i++)
    g_object_thaw_notify (g_ptr_array_index (frozen, i));

  if (self->touched)
    {
      self->touched = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

gboolean
eb_codebook_is_within (EbCodebook *self,
                       gint64      id,
                       gint64      ancestor_id)
{
  return id == ancestor_id || eb_codebook_is_descendant (self, id, ancestor_id);
}

/* ---- Public API ---- */

EbTheme *
eb_codebook_get_theme (EbCodebook *self,
                       gint64      id)
{
  g_return_val_if_fail (EB_IS_CODEBOOK (self), NULL);

  return g_hash_table_lookup (self->themes, &id);
}

EbTheme *
eb_codebook_find_theme (EbCodebook *self,
                        const char *name)
{
  g_autofree char *wanted = NULL;
  g_autofree char *normal = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (EB_IS_CODEBOOK (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  normal = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
  if (normal == NULL)
    return NULL;
  wanted = g_utf8_casefold (g_strstrip (normal), -1);
  g_hash_table_iter_init (&iter, self->themes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autofree char *theme_normal = g_utf8_normalize (eb_theme_get_name (value), -1,
                                                        G_NORMALIZE_ALL);
      g_autofree char *folded = g_utf8_casefold (theme_normal, -1);

      if (g_strcmp0 (folded, wanted) == 0)
        return value;
    }
  return NULL;
}

guint
eb_codebook_get_n_themes (EbCodebook *self)
{
  g_return_val_if_fail (EB_IS_CODEBOOK (self), 0);

  return g_hash_table_size (self->themes);
}

static void
append_depth_first (GListModel *model,
                    GPtrArray  *themes)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbTheme) theme = g_list_model_get_item (model, i);

      g_ptr_array_add (themes, g_object_ref (theme));
      append_depth_first (eb_theme_get_children (theme), themes);
    }
}

GPtrArray *
eb_codebook_dup_themes (EbCodebook *self)
{
  GPtrArray *themes;

  g_return_val_if_fail (EB_IS_CODEBOOK (self), NULL);

  themes = g_ptr_array_new_with_free_func (g_object_unref);
  append_depth_first (G_LIST_MODEL (self->roots), themes);
  return themes;
}

GArray *
eb_codebook_dup_subtree_ids (EbCodebook *self,
                             gint64      id)
{
  GArray *ids;
  EbTheme *theme;
  g_autoptr(GPtrArray) below = NULL;

  g_return_val_if_fail (EB_IS_CODEBOOK (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  theme = g_hash_table_lookup (self->themes, &id);
  if (theme == NULL)
    return ids;
  g_array_append_val (ids, id);
  below = g_ptr_array_new_with_free_func (g_object_unref);
  append_depth_first (eb_theme_get_children (theme), below);
  for (guint i = 0; i < below->len; i++)
    {
      gint64 child = eb_theme_get_id (g_ptr_array_index (below, i));

      g_array_append_val (ids, child);
    }
  return ids;
}

gboolean
eb_codebook_is_descendant (EbCodebook *self,
                           gint64      descendant_id,
                           gint64      ancestor_id)
{
  EbTheme *theme;
  guint guard = 0;

  g_return_val_if_fail (EB_IS_CODEBOOK (self), FALSE);

  theme = g_hash_table_lookup (self->themes, &descendant_id);
  /* Follows parent ids, not parent pointers, so it holds while a change
   * is applied; the guard stops at a cycle in a damaged project. */
  while (theme != NULL && guard++ <= g_hash_table_size (self->themes))
    {
      gint64 parent_id = eb_theme_get_parent_id (theme);

      if (parent_id == 0)
        return FALSE;
      if (parent_id == ancestor_id)
        return TRUE;
      theme = g_hash_table_lookup (self->themes, &parent_id);
    }
  return FALSE;
}
