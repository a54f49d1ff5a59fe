/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-theme-sidebar"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "eb-quotes-view.h"
#include "eb-survey-row-model.h"
#include "eb-theme-chips.h"
#include "eb-theme-sidebar.h"

/* Colours for new themes: ColorBrewer Dark2, then Set2 (as the example
 * codebook uses them), distinct in light and dark styles. */
static const char * const theme_palette[] = {
  "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
  "#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3",
};

/* Where a dragged theme lands relative to the row under the pointer. */
typedef enum
{
  DROP_NONE,
  DROP_BEFORE,
  DROP_INTO,
  DROP_AFTER,
} DropZone;

typedef struct _RowWidgets RowWidgets;

struct _EbThemeSidebar
{
  GtkWidget           parent_instance;

  EbCodingStore      *store;
  EbThemeCounts      *counts;
  GtkTreeListModel   *tree;
  GtkFilterListModel *filter_model;
  GtkFilter          *filter;
  GtkSingleSelection *selection;
  char               *needle;           /* folded filter text, NULL for none */
  GHashTable         *collapsed;        /* gint64 ids of collapsed themes */
  GHashTable         *highlighted;      /* gint64 ids, with ancestors */
  gint64              keys[EB_THEME_SIDEBAR_N_KEYS];
  gint64              selected_id;
  gint64              renaming;         /* the theme being renamed, or 0 */
  gint64              pending_rename;   /* to rename once its row is bound */
  RowWidgets         *editing_row;
  GPtrArray          *rows;             /* RowWidgets, bound */
  gboolean            rebuilding;
  guint               rename_idle_id;

  GtkWidget          *context_menu;
  GtkWidget          *filter_entry;
  GtkWidget          *add_button;
  GtkWidget          *stack;
  GtkWidget          *scrolled_window;
  GtkWidget          *list_view;
  GtkWidget          *empty_page;
  GtkWidget          *total_label;
};

struct _RowWidgets
{
  EbThemeSidebar *sidebar;        /* unowned */
  GtkListItem    *item;           /* unowned */
  GtkWidget      *expander;
  GtkWidget      *box;
  GtkWidget      *swatch;
  GtkWidget      *name_stack;
  GtkWidget      *name_label;
  GtkWidget      *entry;
  GtkWidget      *counts;
  GtkWidget      *key;
  EbTheme        *theme;          /* while bound */
  gulong          notify_id;
  DropZone        zone;
};

G_DEFINE_FINAL_TYPE (EbThemeSidebar, eb_theme_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_THEME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_row (EbThemeSidebar *self,
                        RowWidgets     *row);

static EbCodebook *
get_codebook (EbThemeSidebar *self)
{
  return self->store != NULL ? eb_coding_store_get_codebook (self->store) : NULL;
}

static void
show_toast (EbThemeSidebar *self,
            AdwToast       *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_error (EbThemeSidebar *self,
            const GError   *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  show_toast (self, toast);
}

static void
undo_clicked_cb (AdwToast       *toast,
                 EbThemeSidebar *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!eb_undo_stack_undo (eb_coding_store_get_undo_stack (self->store), &error))
    show_error (self, error);
}

/* "Deleted “X” · Undo". */
static void
show_undo_toast (EbThemeSidebar *self,
                 const char     *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  show_toast (self, toast);
}

/* ---- Finding themes in the tree ---- */

/* NULL once the row's theme has left the tree. */
static EbTheme *
row_get_theme (GtkTreeListRow *row)
{
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

  /* The codebook keeps its themes: a borrowed pointer is safe here. */
  return item != NULL ? EB_THEME (item) : NULL;
}

static guint
find_position (EbThemeSidebar *self,
               gint64          theme_id)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);

      if (eb_theme_get_id (row_get_theme (row)) == theme_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static RowWidgets *
find_bound_row (EbThemeSidebar *self,
                gint64          theme_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      RowWidgets *row = g_ptr_array_index (self->rows, i);

      if (row->theme != NULL && eb_theme_get_id (row->theme) == theme_id)
        return row;
    }
  return NULL;
}

/* Expands every ancestor of the theme, so that its row exists. */
static void
reveal_theme (EbThemeSidebar *self,
              gint64          theme_id)
{
  EbTheme *theme = eb_codebook_get_theme (get_codebook (self), theme_id);
  g_autoptr(GPtrArray) ancestors = g_ptr_array_new ();

  if (theme == NULL || self->tree == NULL)
    return;
  for (EbTheme *t = eb_theme_get_parent (theme); t != NULL; t = eb_theme_get_parent (t))
    g_ptr_array_insert (ancestors, 0, t);
  for (guint a = 0; a < ancestors->len; a++)
    {
      gint64 id = eb_theme_get_id (g_ptr_array_index (ancestors, a));
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

      g_hash_table_remove (self->collapsed, &id);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);

          if (eb_theme_get_id (row_get_theme (row)) == id)
            {
              gtk_tree_list_row_set_expanded (row, TRUE);
              break;
            }
        }
    }
}

/* ---- The tree ---- */

static GListModel *
create_children_cb (gpointer item,
                    gpointer data)
{
  GListModel *children = eb_theme_get_children (EB_THEME (item));

  /* A theme without sub-themes has no expander; the tree is made anew
   * when the codebook changes, so a theme that gains some gets one. */
  if (g_list_model_get_n_items (children) == 0)
    return NULL;
  return g_object_ref (children);
}

static gboolean
theme_matches (EbThemeSidebar *self,
               EbTheme        *theme)
{
  g_autofree char *folded = eb_survey_row_model_fold_text (eb_theme_get_name (theme));
  GListModel *children;

  if (strstr (folded, self->needle) != NULL)
    return TRUE;
  children = eb_theme_get_children (theme);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(EbTheme) child = g_list_model_get_item (children, i);

      if (theme_matches (self, child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_row_cb (gpointer item,
               gpointer data)
{
  EbThemeSidebar *self = data;

  if (self->needle == NULL)
    return TRUE;
  return theme_matches (self, row_get_theme (item));
}

static void
compute_keys (EbThemeSidebar *self)
{
  g_autoptr(GPtrArray) themes = NULL;
  guint n = 0;

  memset (self->keys, 0, sizeof self->keys);
  if (self->store == NULL)
    return;
  themes = eb_codebook_dup_themes (get_codebook (self));
  for (guint i = 0; i < themes->len && n < EB_THEME_SIDEBAR_N_KEYS; i++)
    if (eb_theme_get_codable (g_ptr_array_index (themes, i)))
      self->keys[n++] = eb_theme_get_id (g_ptr_array_index (themes, i));
}

static void
update_total (EbThemeSidebar *self)
{
  EbCodebook *codebook = get_codebook (self);
  guint n_themes = codebook != NULL ? eb_codebook_get_n_themes (codebook) : 0;

  gtk_stack_set_visible_child (GTK_STACK (self->stack),
                               self->store == NULL || n_themes > 0 ? self->scrolled_window
                                                                   : self->empty_page);
  if (self->counts != NULL && n_themes > 0)
    {
      guint coded = eb_theme_counts_get_coded_quotes (self->counts);
      guint total = eb_theme_counts_get_total_quotes (self->counts);
      g_autofree char *text = NULL;

      /* Translators: below the themes; the first %u is coded quotes. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %u quote coded · %u themes",
                                           "%u of %u quotes coded · %u themes",
                                           total),
                              coded, total, n_themes);
      gtk_label_set_text (GTK_LABEL (self->total_label), text);
      gtk_widget_set_visible (self->total_label, TRUE);
    }
  else
    gtk_widget_set_visible (self->total_label, FALSE);
}

static void
selection_changed_cb (EbThemeSidebar     *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  gint64 id = row != NULL ? eb_theme_get_id (row_get_theme (row)) : 0;

  if (self->rebuilding || id == self->selected_id)
    return;
  self->selected_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_THEME]);
}

static void
select_position (EbThemeSidebar *self,
                 guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
}

/* Makes the tree anew from the codebook, keeping what is collapsed and
 * what is selected. */
static void
rebuild_tree (EbThemeSidebar *self)
{
  g_autoptr(GtkTreeListModel) tree = NULL;
  gint64 selected = self->selected_id;
  guint position;

  self->rebuilding = TRUE;
  if (self->store != NULL)
    {
      tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (get_codebook (self))),
                                      FALSE, FALSE, create_children_cb, NULL, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree)); i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);
          gint64 id = eb_theme_get_id (row_get_theme (row));

          if (gtk_tree_list_row_is_expandable (row) && !g_hash_table_contains (self->collapsed, &id))
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  g_set_object (&self->tree, tree);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (tree));
  compute_keys (self);

  if (selected != 0 && eb_codebook_get_theme (get_codebook (self), selected) == NULL)
    selected = 0;
  position = selected != 0 ? find_position (self, selected) : GTK_INVALID_LIST_POSITION;
  select_position (self, position);
  self->rebuilding = FALSE;

  if (selected != self->selected_id)
    {
      self->selected_id = selected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_THEME]);
    }
  update_total (self);
}

static void
codebook_changed_cb (EbThemeSidebar *self,
                     EbCodebook     *codebook)
{
  if (self->renaming != 0 && eb_codebook_get_theme (codebook, self->renaming) == NULL)
    eb_theme_sidebar_stop_rename (self, FALSE);
  rebuild_tree (self);
}

/* ---- Renaming ---- */

static void
begin_edit (EbThemeSidebar *self,
            RowWidgets     *row)
{
  self->pending_rename = 0;
  self->renaming = eb_theme_get_id (row->theme);
  self->editing_row = row;
  gtk_editable_set_text (GTK_EDITABLE (row->entry), eb_theme_get_name (row->theme));
  gtk_widget_remove_css_class (row->entry, "error");
  gtk_stack_set_visible_child (GTK_STACK (row->name_stack), row->entry);
  gtk_widget_grab_focus (row->entry);
  gtk_editable_select_region (GTK_EDITABLE (row->entry), 0, -1);
}

static void
end_edit (EbThemeSidebar *self)
{
  RowWidgets *row = self->editing_row;

  self->renaming = 0;
  self->editing_row = NULL;
  if (row != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (row->entry);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
      gboolean had_focus = focus != NULL && (focus == row->entry || gtk_widget_is_ancestor (focus, row->entry));

      gtk_stack_set_visible_child (GTK_STACK (row->name_stack), row->name_label);
      if (had_focus)
        gtk_widget_grab_focus (self->list_view);
    }
}

static gboolean
rename_idle_cb (gpointer data)
{
  EbThemeSidebar *self = data;
  RowWidgets *row;

  self->rename_idle_id = 0;
  if (self->pending_rename == 0)
    return G_SOURCE_REMOVE;
  row = find_bound_row (self, self->pending_rename);
  if (row != NULL)
    begin_edit (self, row);
  return G_SOURCE_REMOVE;
}

static void
entry_activate_cb (EbThemeSidebar *self,
                   GtkEntry       *entry)
{
  eb_theme_sidebar_stop_rename (self, TRUE);
}

static gboolean
entry_key_pressed_cb (EbThemeSidebar        *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Escape)
    {
      eb_theme_sidebar_stop_rename (self, FALSE);
      return TRUE;
    }
  return FALSE;
}

static void
entry_focus_leave_cb (EbThemeSidebar          *self,
                      GtkEventControllerFocus *controller)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (self->editing_row != NULL && self->editing_row->entry == entry)
    eb_theme_sidebar_stop_rename (self, TRUE);
}

/* ---- Dragging to reorder and nest ---- */

static DropZone
choose_zone (RowWidgets *row,
             double      y)
{
  int height = gtk_widget_get_height (row->box);

  if (y < height * 0.25)
    return DROP_BEFORE;
  if (y > height * 0.75)
    return DROP_AFTER;
  return DROP_INTO;
}

static void
show_zone (RowWidgets *row,
           DropZone    zone)
{
  static const char * const classes[] = { NULL, "drop-before", "drop-into", "drop-after" };

  if (row->zone == zone)
    return;
  if (row->zone != DROP_NONE)
    gtk_widget_remove_css_class (row->box, classes[row->zone]);
  row->zone = zone;
  if (zone != DROP_NONE)
    gtk_widget_add_css_class (row->box, classes[zone]);
}

/* Where DRAGGED goes when dropped in ZONE of TARGET's row: its new parent
 * and position. FALSE when it cannot go there (under itself). */
static gboolean
plan_move (EbThemeSidebar *self,
           EbTheme        *dragged,
           EbTheme        *target,
           DropZone        zone,
           gint64         *parent_id,
           guint          *position)
{
  EbCodebook *codebook = get_codebook (self);
  gint64 dragged_id = eb_theme_get_id (dragged);

  if (dragged == target || zone == DROP_NONE)
    return FALSE;
  if (zone == DROP_INTO)
    {
      *parent_id = eb_theme_get_id (target);
      *position = G_MAXUINT;
    }
  else
    {
      *parent_id = eb_theme_get_parent_id (target);
      *position = eb_theme_get_position (target) + (zone == DROP_AFTER ? 1 : 0);
      /* Its own place frees up when it leaves a place before. */
      if (eb_theme_get_parent_id (dragged) == *parent_id && eb_theme_get_position (dragged) < *position)
        (*position)--;
    }
  if (*parent_id == dragged_id || eb_codebook_is_descendant (codebook, *parent_id, dragged_id))
    return FALSE;
  return TRUE;
}

static EbTheme *
dragged_theme (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  if (value == NULL || !G_VALUE_HOLDS (value, EB_TYPE_THEME))
    return NULL;
  return g_value_get_object (value);
}

static GdkDragAction
row_drop_motion_cb (GtkDropTarget *target,
                    double         x,
                    double         y,
                    RowWidgets    *row)
{
  EbTheme *dragged = dragged_theme (target);
  DropZone zone = choose_zone (row, y);
  gint64 parent_id;
  guint position;

  if (dragged == NULL || row->theme == NULL ||
      !plan_move (row->sidebar, dragged, row->theme, zone, &parent_id, &position))
    {
      show_zone (row, DROP_NONE);
      return 0;
    }
  show_zone (row, zone);
  return GDK_ACTION_MOVE;
}

static void
row_drop_leave_cb (GtkDropTarget *target,
                   RowWidgets    *row)
{
  show_zone (row, DROP_NONE);
}

static gboolean
row_drop_cb (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             RowWidgets    *row)
{
  EbThemeSidebar *self = row->sidebar;
  EbTheme *dragged = G_VALUE_HOLDS (value, EB_TYPE_THEME) ? g_value_get_object (value) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 parent_id, dragged_id;
  guint position;

  show_zone (row, DROP_NONE);
  if (dragged == NULL || row->theme == NULL || self->store == NULL ||
      !plan_move (self, dragged, row->theme, choose_zone (row, y), &parent_id, &position))
    return FALSE;
  dragged_id = eb_theme_get_id (dragged);
  /* Nested under a collapsed theme, it would vanish from sight. */
  if (parent_id != 0)
    g_hash_table_remove (self->collapsed, &parent_id);
  if (!eb_coding_store_move_theme (self->store, dragged_id, parent_id, position, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Dropped below the last row: last at the top level. */
static gboolean
list_drop_cb (EbThemeSidebar *self,
              const GValue   *value,
              double          x,
              double          y,
              GtkDropTarget  *target)
{
  EbTheme *dragged = G_VALUE_HOLDS (value, EB_TYPE_THEME) ? g_value_get_object (value) : NULL;
  GtkWidget *picked = gtk_widget_pick (self->list_view, x, y, GTK_PICK_DEFAULT);
  g_autoptr(GError) error = NULL;

  if (dragged == NULL || self->store == NULL)
    return FALSE;
  /* A row that refused the drop (a theme under itself) is no way to the
   * end of the list. */
  for (GtkWidget *w = picked; w != NULL && w != self->list_view; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "theme-row"))
      return FALSE;
  if (!eb_coding_store_move_theme (self->store, eb_theme_get_id (dragged), 0, G_MAXUINT, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 RowWidgets    *row)
{
  if (row->theme == NULL || row->sidebar->renaming != 0)
    return NULL;
  return gdk_content_provider_new_typed (EB_TYPE_THEME, row->theme);
}

/* The theme's swatch and name under the pointer while it is dragged. */
static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               RowWidgets    *row)
{
  GtkWidget *icon = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = eb_theme_chips_new ();
  GtkWidget *label;

  if (row->theme == NULL)
    return;
  eb_theme_chips_set_compact (EB_THEME_CHIPS (swatch), TRUE);
  eb_theme_chips_set_single (EB_THEME_CHIPS (swatch), eb_theme_get_name (row->theme),
                             eb_theme_get_color (row->theme));
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (icon), swatch);
  label = gtk_label_new (eb_theme_get_name (row->theme));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_box_append (GTK_BOX (icon), label);
  gtk_widget_add_css_class (icon, "theme-drag-icon");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), icon);
}

/* ---- The context menu ---- */

static void
append_merge_targets (GMenu      *menu,
                      EbCodebook *codebook,
                      EbTheme    *source)
{
  g_autoptr(GPtrArray) themes = eb_codebook_dup_themes (codebook);
  gint64 source_id = eb_theme_get_id (source);

  for (guint i = 0; i < themes->len; i++)
    {
      EbTheme *theme = g_ptr_array_index (themes, i);
      gint64 id = eb_theme_get_id (theme);
      g_autoptr(GMenuItem) item = NULL;
      g_autoptr(GString) label = g_string_new (NULL);

      if (id == source_id || eb_codebook_is_descendant (codebook, id, source_id))
        continue;
      for (guint d = 0; d < eb_theme_get_depth (theme); d++)
        g_string_append (label, "    ");
      g_string_append (label, eb_theme_get_name (theme));
      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target_value (item, "theme.merge",
                                               g_variant_new ("(xx)", source_id, id));
      g_menu_append_item (menu, item);
    }
}

static GMenuModel *
create_context_menu (EbThemeSidebar *self,
                     EbTheme        *theme)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) change = g_menu_new ();
  g_autoptr(GMenu) merge = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  gint64 id = eb_theme_get_id (theme);
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("New _Sub-theme"), NULL);
  g_menu_item_set_action_and_target_value (item, "theme.new-child", g_variant_new_int64 (id));
  g_menu_append_item (edit, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Rename"), NULL);
  g_menu_item_set_action_and_target_value (item, "theme.rename", g_variant_new_int64 (id));
  g_menu_item_set_attribute (item, "accel", "s", "F2");
  g_menu_append_item (edit, item);
  g_clear_object (&item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  append_merge_targets (merge, get_codebook (self), theme);
  if (g_menu_model_get_n_items (G_MENU_MODEL (merge)) > 0)
    g_menu_append_submenu (change, _("_Merge Into"), G_MENU_MODEL (merge));
  item = g_menu_item_new (_("_Colour…"), NULL);
  g_menu_item_set_action_and_target_value (item, "theme.color", g_variant_new_int64 (id));
  g_menu_append_item (change, item);
  g_clear_object (&item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (change));

  item = g_menu_item_new (_("_Delete"), NULL);
  g_menu_item_set_action_and_target_value (item, "theme.delete", g_variant_new_int64 (id));
  g_menu_item_set_attribute (item, "accel", "s", "Delete");
  g_menu_append_item (remove, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));

  return G_MENU_MODEL (menu);
}

static void
popup_context_menu (EbThemeSidebar *self,
                    RowWidgets     *row,
                    double          x,
                    double          y)
{
  g_autoptr(GMenuModel) menu = NULL;
  graphene_point_t point;

  if (row->theme == NULL)
    return;
  if (!gtk_widget_compute_point (row->box, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  menu = create_context_menu (self, row->theme);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
row_secondary_pressed_cb (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          RowWidgets      *row)
{
  guint position = gtk_list_item_get_position (row->item);

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (position != GTK_INVALID_LIST_POSITION)
    select_position (row->sidebar, position);
  popup_context_menu (row->sidebar, row, x, y);
}

/* ---- Rows ---- */

static void
theme_notify_cb (EbTheme    *theme,
                 GParamSpec *pspec,
                 RowWidgets *row)
{
  update_row (row->sidebar, row);
}

static void
free_row (gpointer data)
{
  g_free (data);
}

/* Setting a tooltip asks the X server where the pointer is; the rows are
 * updated after every search step, so only a new text is set. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  const char *current = gtk_widget_get_tooltip_text (widget);

  if (g_strcmp0 (current, text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
update_row (EbThemeSidebar *self,
            RowWidgets     *row)
{
  EbTheme *theme = row->theme;
  gint64 id;
  guint key = 0;

  if (theme == NULL)
    return;
  id = eb_theme_get_id (theme);
  gtk_label_set_text (GTK_LABEL (row->name_label), eb_theme_get_name (theme));
  eb_theme_chips_set_single (EB_THEME_CHIPS (row->swatch), eb_theme_get_name (theme),
                             eb_theme_get_color (theme));
  set_tooltip (row->name_label,
               *eb_theme_get_description (theme) != '\0' ? eb_theme_get_description (theme) : NULL);

  if (self->counts != NULL)
    {
      guint n_quotes = eb_theme_counts_get_n_quotes (self->counts, id);
      guint n_respondents = eb_theme_counts_get_n_respondents (self->counts, id);
      g_autofree char *text = g_strdup_printf ("%u · %u", n_quotes, n_respondents);
      g_autofree char *quotes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", n_quotes), n_quotes);
      g_autofree char *respondents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u respondent", "%u respondents", n_respondents), n_respondents);
      g_autofree char *tooltip = NULL;

      /* Translators: the tooltip of a theme's counts; %s are "12 quotes"
       * and "9 respondents". */
      tooltip = g_strdup_printf (_("%s from %s, with its sub-themes, among the quotes the search and filters show"),
                                 quotes, respondents);
      gtk_label_set_text (GTK_LABEL (row->counts), text);
      set_tooltip (row->counts, tooltip);
      gtk_widget_set_visible (row->counts, TRUE);
    }
  else
    gtk_widget_set_visible (row->counts, FALSE);

  for (guint k = 0; k < EB_THEME_SIDEBAR_N_KEYS; k++)
    if (self->keys[k] == id)
      key = k + 1;
  if (key > 0)
    {
      char text[4];
      g_autofree char *tooltip = g_strdup_printf (_("Press %u to tag the selected quotes with this theme"), key);

      g_snprintf (text, sizeof text, "%u", key);
      gtk_label_set_text (GTK_LABEL (row->key), text);
      set_tooltip (row->key, tooltip);
    }
  gtk_widget_set_visible (row->key, key > 0);

  if (g_hash_table_contains (self->highlighted, &id))
    gtk_widget_add_css_class (row->box, "highlighted");
  else
    gtk_widget_remove_css_class (row->box, "highlighted");
  if (eb_theme_get_codable (theme))
    gtk_widget_remove_css_class (row->name_label, "group-theme");
  else
    gtk_widget_add_css_class (row->name_label, "group-theme");
}

static void
update_rows (EbThemeSidebar *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    update_row (self, g_ptr_array_index (self->rows, i));
}

static void
row_expanded_cb (GtkTreeListRow *tree_row,
                 GParamSpec     *pspec,
                 EbThemeSidebar *self)
{
  EbTheme *theme = row_get_theme (tree_row);
  gint64 id;

  /* A row whose theme went away collapses: nothing to remember. */
  if (self->rebuilding || theme == NULL)
    return;
  id = eb_theme_get_id (theme);
  if (gtk_tree_list_row_get_expanded (tree_row))
    g_hash_table_remove (self->collapsed, &id);
  else
    g_hash_table_add (self->collapsed, g_memdup2 (&id, sizeof id));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              EbThemeSidebar           *self)
{
  RowWidgets *row = g_new0 (RowWidgets, 1);
  GtkDragSource *source;
  GtkDropTarget *target;
  GtkGesture *gesture;
  GtkEventController *controller;

  row->sidebar = self;
  row->item = item;
  row->expander = gtk_tree_expander_new ();
  row->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row->box, "theme-row");
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (row->expander), row->box);
  gtk_tree_expander_set_indent_for_icon (GTK_TREE_EXPANDER (row->expander), TRUE);

  row->swatch = eb_theme_chips_new ();
  eb_theme_chips_set_compact (EB_THEME_CHIPS (row->swatch), TRUE);
  gtk_widget_set_valign (row->swatch, GTK_ALIGN_CENTER);
  gtk_widget_set_has_tooltip (row->swatch, FALSE);
  gtk_box_append (GTK_BOX (row->box), row->swatch);

  row->name_stack = gtk_stack_new ();
  gtk_stack_set_hhomogeneous (GTK_STACK (row->name_stack), FALSE);
  gtk_widget_set_hexpand (row->name_stack, TRUE);
  row->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->name_label), 0.0f);
  /* Long names take a second line before they are cut short. */
  gtk_label_set_wrap (GTK_LABEL (row->name_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->name_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (row->name_label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (row->name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (row->name_label), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (row->name_label), 1);
  gtk_widget_add_css_class (row->name_label, "theme-name");
  gtk_stack_add_child (GTK_STACK (row->name_stack), row->name_label);
  row->entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (row->entry), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Theme name"),
                                  -1);
  g_signal_connect_swapped (row->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (row->entry, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (entry_focus_leave_cb), self);
  gtk_widget_add_controller (row->entry, controller);
  gtk_stack_add_child (GTK_STACK (row->name_stack), row->entry);
  gtk_box_append (GTK_BOX (row->box), row->name_stack);

  row->counts = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->counts, "dim-label");
  gtk_widget_add_css_class (row->counts, "numeric");
  gtk_widget_add_css_class (row->counts, "caption");
  gtk_box_append (GTK_BOX (row->box), row->counts);

  row->key = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->key, "theme-key");
  gtk_widget_add_css_class (row->key, "caption");
  gtk_widget_set_valign (row->key, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row->box), row->key);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
  gtk_widget_add_controller (row->box, GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (EB_TYPE_THEME, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "motion", G_CALLBACK (row_drop_motion_cb), row);
  g_signal_connect (target, "enter", G_CALLBACK (row_drop_motion_cb), row);
  g_signal_connect (target, "leave", G_CALLBACK (row_drop_leave_cb), row);
  g_signal_connect (target, "drop", G_CALLBACK (row_drop_cb), row);
  gtk_widget_add_controller (row->box, GTK_EVENT_CONTROLLER (target));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (row_secondary_pressed_cb), row);
  gtk_widget_add_controller (row->box, GTK_EVENT_CONTROLLER (gesture));

  g_object_set_data_full (G_OBJECT (row->expander), "eb-row", row, free_row);
  gtk_list_item_set_child (item, row->expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             EbThemeSidebar           *self)
{
  GtkTreeListRow *tree_row = gtk_list_item_get_item (item);
  RowWidgets *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "eb-row");

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (row->expander), tree_row);
  row->theme = g_object_ref (row_get_theme (tree_row));
  row->notify_id = g_signal_connect (row->theme, "notify", G_CALLBACK (theme_notify_cb), row);
  g_signal_connect (tree_row, "notify::expanded", G_CALLBACK (row_expanded_cb), self);
  g_ptr_array_add (self->rows, row);
  gtk_stack_set_visible_child (GTK_STACK (row->name_stack), row->name_label);
  update_row (self, row);

  if (self->pending_rename != 0 && self->pending_rename == eb_theme_get_id (row->theme) &&
      self->rename_idle_id == 0)
    self->rename_idle_id = g_idle_add (rename_idle_cb, self);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               EbThemeSidebar           *self)
{
  GtkTreeListRow *tree_row = gtk_list_item_get_item (item);
  RowWidgets *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "eb-row");

  if (self->editing_row == row)
    end_edit (self);
  show_zone (row, DROP_NONE);
  g_signal_handlers_disconnect_by_func (tree_row, row_expanded_cb, self);
  g_clear_signal_handler (&row->notify_id, row->theme);
  g_clear_object (&row->theme);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (row->expander), NULL);
  g_ptr_array_remove_fast (self->rows, row);
}

static void
row_activated_cb (EbThemeSidebar *self,
                  guint           position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (row != NULL)
    eb_theme_sidebar_start_rename (self, eb_theme_get_id (row_get_theme (row)));
}

static void
filter_changed_cb (EbThemeSidebar *self,
                   GtkSearchEntry *entry)
{
  eb_theme_sidebar_set_filter_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
filter_stop_cb (EbThemeSidebar *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (self->list_view);
}

/* ---- Actions ---- */

static void
color_response_cb (GtkDialog      *dialog,
                   int             response,
                   EbThemeSidebar *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "eb-theme-id");

  if (response == GTK_RESPONSE_OK && self->store != NULL && id != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hex = NULL;
      GdkRGBA color;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (dialog), &color);
      hex = g_strdup_printf ("#%02x%02x%02x",
                             (guint) (CLAMP (color.red, 0, 1) * 255 + 0.5),
                             (guint) (CLAMP (color.green, 0, 1) * 255 + 0.5),
                             (guint) (CLAMP (color.blue, 0, 1) * 255 + 0.5));
      if (!eb_coding_store_set_theme_color (self->store, *id, hex, &error))
        show_error (self, error);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
choose_color (EbThemeSidebar *self,
              EbTheme        *theme)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *title = g_strdup_printf (_("Colour of “%s”"), eb_theme_get_name (theme));
  GtkWidget *dialog = gtk_color_chooser_dialog_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  GdkRGBA colors[G_N_ELEMENTS (theme_palette)];
  gint64 id = eb_theme_get_id (theme);
  GdkRGBA current;

  for (guint i = 0; i < G_N_ELEMENTS (theme_palette); i++)
    gdk_rgba_parse (&colors[i], theme_palette[i]);
  gtk_color_chooser_add_palette (GTK_COLOR_CHOOSER (dialog), GTK_ORIENTATION_HORIZONTAL, 8,
                                 G_N_ELEMENTS (colors), colors);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (dialog), FALSE);
  if (eb_theme_get_color (theme) != NULL && gdk_rgba_parse (&current, eb_theme_get_color (theme)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog), &current);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "eb-theme-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (color_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static EbTheme *
action_theme (EbThemeSidebar *self,
              GVariant       *parameter)
{
  if (self->store == NULL || parameter == NULL)
    return NULL;
  return eb_codebook_get_theme (get_codebook (self), g_variant_get_int64 (parameter));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  eb_theme_sidebar_new_theme (EB_THEME_SIDEBAR (widget), 0);
}

static void
new_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (widget);
  EbTheme *theme = action_theme (self, parameter);

  if (theme != NULL)
    eb_theme_sidebar_new_theme (self, eb_theme_get_id (theme));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (widget);
  EbTheme *theme = action_theme (self, parameter);

  if (theme != NULL)
    eb_theme_sidebar_start_rename (self, eb_theme_get_id (theme));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *title = NULL;
  EbTheme *source, *target;
  gint64 source_id, target_id;

  if (self->store == NULL)
    return;
  g_variant_get (parameter, "(xx)", &source_id, &target_id);
  source = eb_codebook_get_theme (get_codebook (self), source_id);
  target = eb_codebook_get_theme (get_codebook (self), target_id);
  if (source == NULL || target == NULL)
    return;
  source_name = g_strdup (eb_theme_get_name (source));
  if (!eb_coding_store_merge_themes (self->store, source_id, target_id, &error))
    {
      show_error (self, error);
      return;
    }
  title = g_strdup_printf (_("Merged “%s” into “%s”"), source_name, eb_theme_get_name (target));
  show_undo_toast (self, title);
}

static void
color_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (widget);
  EbTheme *theme = action_theme (self, parameter);

  if (theme != NULL)
    choose_color (self, theme);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (widget);
  EbTheme *theme = action_theme (self, parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  guint position;

  if (theme == NULL)
    return;
  name = g_strdup (eb_theme_get_name (theme));
  position = find_position (self, eb_theme_get_id (theme));
  if (!eb_coding_store_delete_theme (self->store, eb_theme_get_id (theme), &error))
    {
      show_error (self, error);
      return;
    }
  title = g_strdup_printf (_("Deleted “%s”"), name);
  show_undo_toast (self, title);
  /* The keyboard stays in the tree, on the next theme. */
  if (position != GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_grab_focus (self->list_view);
}

static gboolean
rename_selected_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   data)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (widget);

  if (self->selected_id == 0)
    return FALSE;
  eb_theme_sidebar_start_rename (self, self->selected_id);
  return TRUE;
}

static gboolean
delete_selected_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   data)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (widget);

  if (self->selected_id == 0 || self->renaming != 0)
    return FALSE;
  gtk_widget_activate_action (widget, "theme.delete", "x", self->selected_id);
  return TRUE;
}

static gboolean
menu_selected_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (widget);
  RowWidgets *row;

  if (self->selected_id == 0 || (row = find_bound_row (self, self->selected_id)) == NULL)
    return FALSE;
  popup_context_menu (self, row, gtk_widget_get_width (row->box) / 2.0,
                      gtk_widget_get_height (row->box));
  return TRUE;
}

/* ---- GObject ---- */

static void
disconnect_store (EbThemeSidebar *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (get_codebook (self), codebook_changed_cb, self);
}

static gboolean
eb_theme_sidebar_grab_focus (GtkWidget *widget)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (widget);

  return gtk_widget_grab_focus (self->list_view);
}

static void
eb_theme_sidebar_dispose (GObject *object)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (object);
  GtkWidget *child;

  disconnect_store (self);
  g_clear_handle_id (&self->rename_idle_id, g_source_remove);
  if (self->list_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), NULL);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_THEME_SIDEBAR);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_pointer (&self->counts, eb_theme_counts_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eb_theme_sidebar_parent_class)->dispose (object);
}

static void
eb_theme_sidebar_finalize (GObject *object)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (object);

  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->highlighted, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (eb_theme_sidebar_parent_class)->finalize (object);
}

static void
eb_theme_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SELECTED_THEME:
      g_value_set_int64 (value, self->selected_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_theme_sidebar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EbThemeSidebar *self = EB_THEME_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eb_theme_sidebar_set_store (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_THEME:
      eb_theme_sidebar_set_selected_theme (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_theme_sidebar_class_init (EbThemeSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_theme_sidebar_dispose;
  object_class->finalize = eb_theme_sidebar_finalize;
  object_class->get_property = eb_theme_sidebar_get_property;
  object_class->set_property = eb_theme_sidebar_set_property;

  widget_class->grab_focus = eb_theme_sidebar_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EB_TYPE_CODING_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_THEME] =
    g_param_spec_int64 ("selected-theme", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/eb-theme-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, EbThemeSidebar, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, EbThemeSidebar, add_button);
  gtk_widget_class_bind_template_child (widget_class, EbThemeSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, EbThemeSidebar, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, EbThemeSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, EbThemeSidebar, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EbThemeSidebar, total_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "theme.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "theme.new-child", "x", new_child_action);
  gtk_widget_class_install_action (widget_class, "theme.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "theme.merge", "(xx)", merge_action);
  gtk_widget_class_install_action (widget_class, "theme.color", "x", color_action);
  gtk_widget_class_install_action (widget_class, "theme.delete", "x", delete_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, rename_selected_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_selected_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_selected_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_selected_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_selected_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "themesidebar");
}

static void
eb_theme_sidebar_init (EbThemeSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  eb_quotes_view_ensure_style ();

  self->collapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->highlighted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->rows = g_ptr_array_new ();

  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_row_cb, self, NULL));
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);

  target = gtk_drop_target_new (EB_TYPE_THEME, GDK_ACTION_MOVE);
  g_signal_connect_swapped (target, "drop", G_CALLBACK (list_drop_cb), self);
  gtk_widget_add_controller (self->list_view, GTK_EVENT_CONTROLLER (target));

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "theme.new", FALSE);
  gtk_widget_set_sensitive (self->filter_entry, FALSE);
  update_total (self);
}

/* ---- Public API ---- */

GtkWidget *
eb_theme_sidebar_new (void)
{
  return g_object_new (EB_TYPE_THEME_SIDEBAR, NULL);
}

EbCodingStore *
eb_theme_sidebar_get_store (EbThemeSidebar *self)
{
  g_return_val_if_fail (EB_IS_THEME_SIDEBAR (self), NULL);

  return self->store;
}

void
eb_theme_sidebar_set_store (EbThemeSidebar *self,
                            EbCodingStore  *store)
{
  g_return_if_fail (EB_IS_THEME_SIDEBAR (self));
  g_return_if_fail (store == NULL || EB_IS_CODING_STORE (store));

  if (self->store == store)
    return;

  if (self->renaming != 0)
    eb_theme_sidebar_stop_rename (self, FALSE);
  disconnect_store (self);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->counts, eb_theme_counts_unref);
  g_hash_table_remove_all (self->collapsed);
  g_hash_table_remove_all (self->highlighted);
  self->selected_id = 0;
  self->pending_rename = 0;
  if (store != NULL)
    g_signal_connect_swapped (get_codebook (self), "changed", G_CALLBACK (codebook_changed_cb), self);
  rebuild_tree (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "theme.new", store != NULL);
  gtk_widget_set_sensitive (self->filter_entry, store != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_THEME]);
}

gint64
eb_theme_sidebar_get_selected_theme (EbThemeSidebar *self)
{
  g_return_val_if_fail (EB_IS_THEME_SIDEBAR (self), 0);

  return self->selected_id;
}

void
eb_theme_sidebar_set_selected_theme (EbThemeSidebar *self,
                                     gint64          theme_id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (EB_IS_THEME_SIDEBAR (self));

  if (theme_id != 0 && self->store != NULL)
    {
      reveal_theme (self, theme_id);
      position = find_position (self, theme_id);
    }
  select_position (self, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
}

void
eb_theme_sidebar_set_counts (EbThemeSidebar *self,
                             EbThemeCounts  *counts)
{
  g_return_if_fail (EB_IS_THEME_SIDEBAR (self));

  if (self->counts == counts)
    return;
  g_clear_pointer (&self->counts, eb_theme_counts_unref);
  if (counts != NULL)
    self->counts = eb_theme_counts_ref (counts);
  update_rows (self);
  update_total (self);
}

void
eb_theme_sidebar_set_highlighted (EbThemeSidebar *self,
                                  const gint64   *ids,
                                  guint           n_ids)
{
  EbCodebook *codebook;

  g_return_if_fail (EB_IS_THEME_SIDEBAR (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  g_hash_table_remove_all (self->highlighted);
  codebook = get_codebook (self);
  for (guint i = 0; codebook != NULL && i < n_ids; i++)
    for (EbTheme *theme = eb_codebook_get_theme (codebook, ids[i]);
         theme != NULL;
         theme = eb_theme_get_parent (theme))
      {
        gint64 id = eb_theme_get_id (theme);

        g_hash_table_add (self->highlighted, g_memdup2 (&id, sizeof id));
      }
  update_rows (self);
}

gboolean
eb_theme_sidebar_is_highlighted (EbThemeSidebar *self,
                                 gint64          theme_id)
{
  g_return_val_if_fail (EB_IS_THEME_SIDEBAR (self), FALSE);

  return g_hash_table_contains (self->highlighted, &theme_id);
}

gint64
eb_theme_sidebar_get_key_theme (EbThemeSidebar *self,
                                guint           key)
{
  g_return_val_if_fail (EB_IS_THEME_SIDEBAR (self), 0);

  if (key < 1 || key > EB_THEME_SIDEBAR_N_KEYS)
    return 0;
  return self->keys[key - 1];
}

const char *
eb_theme_sidebar_pick_color (EbCodebook *codebook)
{
  g_autoptr(GPtrArray) themes = NULL;
  guint uses[G_N_ELEMENTS (theme_palette)] = { 0, };
  guint best = 0;

  g_return_val_if_fail (EB_IS_CODEBOOK (codebook), NULL);

  /* The least used colour, the first of those. */
  themes = eb_codebook_dup_themes (codebook);
  for (guint i = 0; i < themes->len; i++)
    {
      const char *color = eb_theme_get_color (g_ptr_array_index (themes, i));

      for (guint c = 0; color != NULL && c < G_N_ELEMENTS (theme_palette); c++)
        if (g_ascii_strcasecmp (color, theme_palette[c]) == 0)
          uses[c]++;
    }
  for (guint c = 1; c < G_N_ELEMENTS (theme_palette); c++)
    if (uses[c] < uses[best])
      best = c;
  return theme_palette[best];
}

gint64
eb_theme_sidebar_new_theme (EbThemeSidebar *self,
                            gint64          parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  EbCodebook *codebook;
  gint64 id = 0;

  g_return_val_if_fail (EB_IS_THEME_SIDEBAR (self), 0);

  if (self->store == NULL)
    return 0;
  codebook = get_codebook (self);
  name = g_strdup (_("New theme"));
  for (guint n = 2; eb_codebook_find_theme (codebook, name) != NULL; n++)
    {
      g_free (name);
      name = g_strdup_printf (_("New theme %u"), n);
    }
  if (!eb_coding_store_create_theme (self->store, parent_id, name, eb_theme_sidebar_pick_color (codebook),
                                     NULL, EB_THEME_LEVEL_NONE, TRUE, &id, &error))
    {
      show_error (self, error);
      return 0;
    }
  /* Not selected: that would filter the quotes to a theme without any. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    eb_theme_sidebar_start_rename (self, id);
  return id;
}

void
eb_theme_sidebar_start_rename (EbThemeSidebar *self,
                               gint64          theme_id)
{
  RowWidgets *row;
  guint position;

  g_return_if_fail (EB_IS_THEME_SIDEBAR (self));

  if (self->store == NULL || eb_codebook_get_theme (get_codebook (self), theme_id) == NULL)
    return;
  if (self->renaming != 0)
    eb_theme_sidebar_stop_rename (self, TRUE);
  /* A filter that hides the theme would hide its entry too. */
  if (self->needle != NULL && find_position (self, theme_id) == GTK_INVALID_LIST_POSITION)
    gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  reveal_theme (self, theme_id);
  position = find_position (self, theme_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
  row = find_bound_row (self, theme_id);
  if (row != NULL)
    begin_edit (self, row);
  else
    self->pending_rename = theme_id;
}

gint64
eb_theme_sidebar_get_renaming (EbThemeSidebar *self)
{
  g_return_val_if_fail (EB_IS_THEME_SIDEBAR (self), 0);

  return self->renaming;
}

void
eb_theme_sidebar_stop_rename (EbThemeSidebar *self,
                              gboolean        commit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  g_return_if_fail (EB_IS_THEME_SIDEBAR (self));

  self->pending_rename = 0;
  if (self->renaming == 0 || self->editing_row == NULL)
    return;
  id = self->renaming;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editing_row->entry))));
  if (commit && *name != '\0' && self->store != NULL &&
      g_strcmp0 (name, eb_theme_get_name (self->editing_row->theme)) != 0)
    {
      /* The row ends its edit first: renaming remakes the tree. */
      RowWidgets *row = self->editing_row;

      if (!eb_coding_store_rename_theme (self->store, id, name, &error))
        {
          gtk_widget_add_css_class (row->entry, "error");
          show_error (self, error);
          return;
        }
    }
  end_edit (self);
}

GtkEditable *
eb_theme_sidebar_get_rename_entry (EbThemeSidebar *self)
{
  g_return_val_if_fail (EB_IS_THEME_SIDEBAR (self), NULL);

  return self->editing_row != NULL ? GTK_EDITABLE (self->editing_row->entry) : NULL;
}

void
eb_theme_sidebar_set_filter_text (EbThemeSidebar *self,
                                  const char     *text)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *needle = NULL;

  g_return_if_fail (EB_IS_THEME_SIDEBAR (self));

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed != '\0')
    needle = eb_survey_row_model_fold_text (trimmed);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), text != NULL ? text : "") != 0)
    {
      g_signal_handlers_block_by_func (self->filter_entry, filter_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text != NULL ? text : "");
      g_signal_handlers_unblock_by_func (self->filter_entry, filter_changed_cb, self);
    }
  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

GListModel *
eb_theme_sidebar_get_rows (EbThemeSidebar *self)
{
  g_return_val_if_fail (EB_IS_THEME_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

const char *
eb_theme_sidebar_get_row_counts_text (EbThemeSidebar *self,
                                      gint64          theme_id)
{
  RowWidgets *row;

  g_return_val_if_fail (EB_IS_THEME_SIDEBAR (self), NULL);

  row = find_bound_row (self, theme_id);
  if (row == NULL || !gtk_widget_get_visible (row->counts))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (row->counts));
}
