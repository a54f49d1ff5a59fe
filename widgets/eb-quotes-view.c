/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-quotes-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "coding-analysis.h"
#include "eb-quotes-view.h"
#include "eb-theme-table-dialog.h"

struct _EbQuotesView
{
  GtkWidget          parent_instance;

  EbCodingStore     *store;
  EbThemeCounts     *counts;
  EbQuote           *current;
  guint              counts_id;
  guint              fold_id;
  guint              sidebar_id;
  int                sidebar_width;     /* the user's, while there is room */
  gboolean           restoring;
  guint              counts_serial;     /* the filter's scope serial of the counts */
  gboolean           counts_valid;
  gboolean           syncing;           /* sidebar selection <-> focus theme */

  GtkWidget         *toast_overlay;
  GtkWidget         *outer_paned;
  GtkWidget         *respondent_flap;
  GtkWidget         *flap_handle;
  int                panel_drag_start;  /* the panel's width when a drag began */
  GtkWidget         *sidebar;
  GtkWidget         *quote_list;
  GtkWidget         *respondent_panel;
  GtkWidget         *tag_popover;
};

G_DEFINE_FINAL_TYPE (EbQuotesView, eb_quotes_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CURRENT_QUOTE,
  PROP_RESPONDENT_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static EbQuoteFilter *
get_filter (EbQuotesView *self)
{
  return eb_quote_list_view_get_filter (EB_QUOTE_LIST_VIEW (self->quote_list));
}

static void
show_message (EbQuotesView *self,
              const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), toast);
}

static void
show_error (EbQuotesView *self,
            const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), toast);
}

/* ---- Counts ---- */

static void
make_counts (EbQuotesView *self)
{
  g_autoptr(EbThemeCounts) counts = NULL;
  EbQuoteFilter *filter = get_filter (self);

  g_clear_handle_id (&self->counts_id, g_source_remove);
  if (self->store == NULL || filter == NULL)
    return;
  if (eb_quote_filter_scope_is_all (filter))
    counts = eb_theme_counts_new (self->store, NULL, 0);
  else
    {
      g_autoptr(GArray) scope = eb_quote_filter_select_scope (filter);

      counts = eb_theme_counts_new (self->store, (const guint *) scope->data, scope->len);
    }
  g_clear_pointer (&self->counts, eb_theme_counts_unref);
  self->counts = eb_theme_counts_ref (counts);
  self->counts_serial = eb_quote_filter_get_scope_serial (filter);
  self->counts_valid = TRUE;
  eb_theme_sidebar_set_counts (EB_THEME_SIDEBAR (self->sidebar), counts);
}

static gboolean
counts_idle_cb (gpointer data)
{
  EbQuotesView *self = data;

  self->counts_id = 0;
  make_counts (self);
  return G_SOURCE_REMOVE;
}

/* Counts are made when the main loop is idle: typing a search never waits
 * for them. */
static void
queue_counts (EbQuotesView *self)
{
  self->counts_valid = FALSE;
  if (self->counts_id == 0 && self->store != NULL)
    {
      self->counts_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, counts_idle_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->counts_id),
                                "[eb] quotes counts_idle_cb");
    }
}

static void
filter_changed_cb (EbQuotesView    *self,
                   GtkFilterChange  change,
                   GtkFilter       *filter)
{
  if (!self->counts_valid || eb_quote_filter_get_scope_serial (EB_QUOTE_FILTER (filter)) != self->counts_serial)
    queue_counts (self);
}

static void
codings_changed_cb (EbQuotesView  *self,
                    EbCodingStore *store)
{
  queue_counts (self);
  if (self->current != NULL)
    {
      g_autoptr(GArray) ids = eb_quote_dup_theme_ids (self->current);

      eb_theme_sidebar_set_highlighted (EB_THEME_SIDEBAR (self->sidebar), (const gint64 *) ids->data, ids->len);
    }
}

static void
codebook_changed_cb (EbQuotesView *self,
                     EbCodebook   *codebook)
{
  queue_counts (self);
}

/* ---- The linked panels ---- */

static void
set_current (EbQuotesView *self,
             EbQuote      *quote)
{
  g_autoptr(GArray) ids = NULL;

  if (self->current == quote)
    return;
  g_set_object (&self->current, quote);
  eb_respondent_panel_set_quote (EB_RESPONDENT_PANEL (self->respondent_panel), quote);
  ids = quote != NULL ? eb_quote_dup_theme_ids (quote) : g_array_new (FALSE, FALSE, sizeof (gint64));
  eb_theme_sidebar_set_highlighted (EB_THEME_SIDEBAR (self->sidebar), (const gint64 *) ids->data, ids->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_QUOTE]);
}

/* The respondent panel follows the selection: the quote selected alone,
 * or, of several, the one it shows already if it is among them, else the
 * first. */
static void
selection_changed_cb (EbQuotesView      *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *selection)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  g_autoptr(EbQuote) quote = NULL;

  if (gtk_bitset_is_empty (selected))
    {
      set_current (self, NULL);
      return;
    }
  if (self->current != NULL && gtk_bitset_get_size (selected) > 1)
    {
      GtkBitsetIter iter;
      guint p;

      for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &p);
           more;
           more = gtk_bitset_iter_next (&iter, &p))
        {
          g_autoptr(EbQuote) item = g_list_model_get_item (G_LIST_MODEL (selection), p);

          if (item == self->current)
            return;
        }
    }
  quote = g_list_model_get_item (G_LIST_MODEL (selection), gtk_bitset_get_minimum (selected));
  set_current (self, quote);
}

static void
sidebar_selected_cb (EbQuotesView   *self,
                     GParamSpec     *pspec,
                     EbThemeSidebar *sidebar)
{
  EbQuoteFilter *filter = get_filter (self);

  if (self->syncing || filter == NULL)
    return;
  self->syncing = TRUE;
  eb_quote_filter_set_focus_theme (filter, eb_theme_sidebar_get_selected_theme (sidebar));
  self->syncing = FALSE;
}

/* The theme chip's × clears the sidebar's selection too. */
static void
focus_theme_cb (EbQuotesView  *self,
                GParamSpec    *pspec,
                EbQuoteFilter *filter)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  eb_theme_sidebar_set_selected_theme (EB_THEME_SIDEBAR (self->sidebar),
                                       eb_quote_filter_get_focus_theme (filter));
  self->syncing = FALSE;
}

static void
quote_activated_cb (EbQuotesView      *self,
                    guint              index,
                    EbRespondentPanel *panel)
{
  if (!eb_quote_list_view_select_quote (EB_QUOTE_LIST_VIEW (self->quote_list), index))
    show_message (self, _("That answer is hidden by the search or filters"));
}

/* The respondent panel can be shown and hidden only while it is folded
 * away; beside the quotes it is always there. */
static void
update_fold (EbQuotesView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.show-respondent",
                                 adw_flap_get_folded (ADW_FLAP (self->respondent_flap)));
}

static gboolean
update_fold_cb (gpointer data)
{
  EbQuotesView *self = data;

  self->fold_id = 0;
  update_fold (self);
  return G_SOURCE_REMOVE;
}

/* The flap folds while it is being laid out, and the toolbar's button
 * that the action shows would change the toolbar's size then: it waits
 * for the frame to be done. */
static void
flap_folded_cb (EbQuotesView *self,
                GParamSpec   *pspec,
                AdwFlap      *flap)
{
  if (self->fold_id == 0)
    {
      self->fold_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_fold_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->fold_id),
                                "[eb] quotes update_fold_cb");
    }
}

/* Over the quotes, the panel takes the keyboard along, as a popover
 * would; when it goes, the keyboard goes back to the quotes rather than
 * to nowhere. */
static void
flap_revealed_cb (EbQuotesView *self,
                  GParamSpec   *pspec,
                  AdwFlap      *flap)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean revealed = adw_flap_get_reveal_flap (flap);

  if (revealed && adw_flap_get_folded (flap)
      && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_widget_child_focus (self->respondent_panel, GTK_DIR_TAB_FORWARD);
  else if (!revealed && focus != NULL && gtk_widget_is_ancestor (focus, self->respondent_panel))
    gtk_widget_grab_focus (self->quote_list);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONDENT_REVEALED]);
}

/* The respondent panel's width, dragged at its edge: never so wide that
 * the quotes beside it would be under their narrowest (the panel would
 * fold away under the pointer). */
#define MIN_PANEL_WIDTH 260

static void
handle_drag_begin_cb (EbQuotesView   *self,
                      double          x,
                      double          y,
                      GtkGestureDrag *gesture)
{
  self->panel_drag_start = gtk_widget_get_width (self->respondent_panel);
}

static void
handle_drag_update_cb (EbQuotesView   *self,
                       double          offset_x,
                       double          offset_y,
                       GtkGestureDrag *gesture)
{
  int content_minimum = 0, handle_width = gtk_widget_get_width (self->flap_handle);
  int widest, width;

  gtk_widget_measure (self->quote_list, GTK_ORIENTATION_HORIZONTAL, -1, &content_minimum, NULL, NULL, NULL);
  widest = gtk_widget_get_width (self->respondent_flap) - content_minimum - handle_width;
  /* Leftwards widens: the panel is at the end. */
  width = CLAMP (self->panel_drag_start - (int) offset_x, MIN_PANEL_WIDTH, MAX (widest, MIN_PANEL_WIDTH));
  gtk_widget_set_size_request (self->respondent_panel, width, -1);
}

/* A narrower window takes its room from the themes sidebar once the
 * quotes are at their narrowest; a wider one gives the quotes the room.
 * The sidebar gets back the width the user gave it as soon as there is
 * room again. */
static void
paned_position_cb (EbQuotesView *self,
                   GParamSpec   *pspec,
                   GtkPaned     *paned)
{
  int position = gtk_paned_get_position (paned);
  int max_position = 0;

  g_object_get (paned, "max-position", &max_position, NULL);
  /* At the largest position the window squeezed the sidebar, not the user. */
  if (!self->restoring && position < max_position)
    self->sidebar_width = position;
}

static gboolean
restore_sidebar_cb (gpointer data)
{
  EbQuotesView *self = data;
  GtkPaned *paned = GTK_PANED (self->outer_paned);
  int max_position = 0;

  self->sidebar_id = 0;
  g_object_get (paned, "max-position", &max_position, NULL);
  self->restoring = TRUE;
  gtk_paned_set_position (paned, MIN (self->sidebar_width, max_position));
  self->restoring = FALSE;
  return G_SOURCE_REMOVE;
}

/* The paned's room changes while it is laid out: the sidebar follows once
 * the frame is done. */
static void
paned_max_position_cb (EbQuotesView *self,
                       GParamSpec   *pspec,
                       GtkPaned     *paned)
{
  int max_position = 0;

  g_object_get (paned, "max-position", &max_position, NULL);
  if (gtk_paned_get_position (paned) < MIN (self->sidebar_width, max_position) && self->sidebar_id == 0)
    {
      self->sidebar_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, restore_sidebar_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->sidebar_id),
                                "[eb] quotes restore_sidebar_cb");
    }
}

static void
update_undo_actions (EbQuotesView *self)
{
  EbUndoStack *stack = self->store != NULL ? eb_coding_store_get_undo_stack (self->store) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.undo",
                                 stack != NULL && eb_undo_stack_can_undo (stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quotes.redo",
                                 stack != NULL && eb_undo_stack_can_redo (stack));
}

static void
undo_stack_notify_cb (EbQuotesView *self,
                      GParamSpec   *pspec,
                      EbUndoStack  *stack)
{
  update_undo_actions (self);
}

/* ---- Tagging ---- */

/* The words selected in the respondent panel's answer, when the keyboard
 * is there: then keys and the popover tag that span. */
static gboolean
get_focused_span (EbQuotesView *self,
                  int          *start,
                  int          *end)
{
  GtkLabel *label = eb_respondent_panel_get_text_label (EB_RESPONDENT_PANEL (self->respondent_panel));

  return gtk_widget_is_focus (GTK_WIDGET (label)) &&
         eb_respondent_panel_get_selected_span (EB_RESPONDENT_PANEL (self->respondent_panel), start, end);
}

static gboolean
tag_span (EbQuotesView *self,
          gint64        theme_id,
          int           start,
          int           end)
{
  EbQuote *quote = eb_respondent_panel_get_quote (EB_RESPONDENT_PANEL (self->respondent_panel));
  g_autoptr(GError) error = NULL;

  if (quote == NULL)
    return FALSE;
  if (!eb_coding_store_tag (self->store, theme_id, eb_quote_get_row (quote), eb_quote_get_column (quote),
                            start, end, NULL, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* When the tagged quotes left the list (a filter such as "uncoded only"),
 * the selection and the keyboard go on with the quote that took the first
 * one's place. */
static void
keep_place (EbQuotesView *self,
            guint         first_position)
{
  EbQuoteListView *list = EB_QUOTE_LIST_VIEW (self->quote_list);
  GtkSelectionModel *selection = eb_quote_list_view_get_selection (list);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  if (gtk_bitset_is_empty (selected) && first_position != GTK_INVALID_LIST_POSITION)
    eb_quote_list_view_select_position (list, first_position);
}

static guint
first_selected_position (EbQuotesView *self)
{
  GtkSelectionModel *selection = eb_quote_list_view_get_selection (EB_QUOTE_LIST_VIEW (self->quote_list));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  return gtk_bitset_is_empty (selected) ? GTK_INVALID_LIST_POSITION : gtk_bitset_get_minimum (selected);
}

static void
toggle_theme (EbQuotesView *self,
              gint64        theme_id)
{
  g_autoptr(GArray) indices = NULL;
  g_autoptr(GError) error = NULL;
  guint first;
  int start, end;

  if (get_focused_span (self, &start, &end))
    {
      tag_span (self, theme_id, start, end);
      return;
    }
  indices = eb_quote_list_view_dup_selected_indices (EB_QUOTE_LIST_VIEW (self->quote_list));
  if (indices->len == 0)
    {
      show_message (self, _("Select a quote to tag"));
      return;
    }
  first = first_selected_position (self);
  if (!eb_coding_store_toggle_quotes (self->store, theme_id, (const guint *) indices->data, indices->len,
                                      NULL, &error))
    {
      show_error (self, error);
      return;
    }
  keep_place (self, first);
}

static void
tag_with_theme (EbQuotesView *self,
                gint64        theme_id)
{
  g_autoptr(GArray) indices = NULL;
  g_autoptr(GError) error = NULL;
  guint first;
  int start, end;

  if (get_focused_span (self, &start, &end))
    {
      tag_span (self, theme_id, start, end);
      return;
    }
  indices = eb_quote_list_view_dup_selected_indices (EB_QUOTE_LIST_VIEW (self->quote_list));
  if (indices->len == 0)
    return;
  first = first_selected_position (self);
  if (!eb_coding_store_tag_quotes (self->store, theme_id, (const guint *) indices->data, indices->len,
                                   NULL, &error))
    {
      show_error (self, error);
      return;
    }
  keep_place (self, first);
}

static void
theme_chosen_cb (EbQuotesView *self,
                 EbTheme      *theme,
                 EbTagPopover *popover)
{
  if (self->store != NULL)
    tag_with_theme (self, eb_theme_get_id (theme));
}

static void
create_theme_cb (EbQuotesView *self,
                 const char   *name,
                 EbTagPopover *popover)
{
  EbCodebook *codebook;
  EbUndoStack *undo;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  guint n_before;

  if (self->store == NULL)
    return;
  codebook = eb_coding_store_get_codebook (self->store);
  undo = eb_coding_store_get_undo_stack (self->store);
  n_before = eb_undo_stack_get_n_undo (undo);
  if (!eb_coding_store_create_theme (self->store, 0, name, eb_theme_sidebar_pick_color (codebook), NULL,
                                     EB_THEME_LEVEL_NONE, TRUE, &id, &error))
    {
      show_error (self, error);
      return;
    }
  tag_with_theme (self, id);
  /* One thing to the user, so one undo step. */
  if (eb_undo_stack_get_n_undo (undo) == n_before + 2)
    {
      g_autofree char *label = g_strdup_printf (_("Tag with New Theme “%s”"), name);

      eb_undo_stack_join (undo, 2, label);
    }
}

/* ---- Actions ---- */

static void
tag_key_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EbQuotesView *self = EB_QUOTES_VIEW (widget);
  guint key = (guint) g_ascii_digit_value (action_name[strlen (action_name) - 1]);
  gint64 theme_id;

  if (self->store == NULL)
    return;
  theme_id = eb_theme_sidebar_get_key_theme (EB_THEME_SIDEBAR (self->sidebar), key);
  if (theme_id == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No theme has the number %u yet"), key);

      show_message (self, message);
      return;
    }
  toggle_theme (self, theme_id);
}

static void
tag_with_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EbQuotesView *self = EB_QUOTES_VIEW (widget);
  GtkWidget *anchor;
  graphene_rect_t bounds;
  int start, end;

  if (self->store == NULL)
    return;
  if (get_focused_span (self, &start, &end))
    anchor = GTK_WIDGET (eb_respondent_panel_get_text_label (EB_RESPONDENT_PANEL (self->respondent_panel)));
  else
    {
      g_autoptr(GArray) indices = eb_quote_list_view_dup_selected_indices (EB_QUOTE_LIST_VIEW (self->quote_list));

      if (indices->len == 0)
        {
          show_message (self, _("Select a quote to tag"));
          return;
        }
      anchor = eb_quote_list_view_get_tag_button (EB_QUOTE_LIST_VIEW (self->quote_list));
    }
  if (gtk_widget_compute_bounds (anchor, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->tag_popover),
                                 &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                   MAX (1, (int) bounds.size.width),
                                                   MAX (1, (int) bounds.size.height) });
  gtk_popover_popup (GTK_POPOVER (self->tag_popover));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EbQuotesView *self = EB_QUOTES_VIEW (widget);
  EbUndoStack *stack = self->store != NULL ? eb_coding_store_get_undo_stack (self->store) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean redo = g_str_equal (action_name, "quotes.redo");

  if (stack == NULL)
    return;
  if (!(redo ? eb_undo_stack_redo (stack, &error) : eb_undo_stack_undo (stack, &error)))
    show_error (self, error);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbQuotesView *self = EB_QUOTES_VIEW (widget);

  eb_quote_list_view_focus_search (EB_QUOTE_LIST_VIEW (self->quote_list));
}

static void
new_theme_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EbQuotesView *self = EB_QUOTES_VIEW (widget);

  eb_theme_sidebar_new_theme (EB_THEME_SIDEBAR (self->sidebar), 0);
}

static void
show_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EbQuotesView *self = EB_QUOTES_VIEW (widget);
  EbQuoteFilter *filter = get_filter (self);
  g_autoptr(GArray) scope = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  gint64 theme_id;

  if (self->store == NULL || filter == NULL)
    return;
  if (!eb_quote_filter_scope_is_all (filter))
    scope = eb_quote_filter_select_scope (filter);
  theme_id = eb_theme_sidebar_get_selected_theme (EB_THEME_SIDEBAR (self->sidebar));
  if (theme_id == 0)
    theme_id = eb_theme_sidebar_get_key_theme (EB_THEME_SIDEBAR (self->sidebar), 1);
  dialog = eb_theme_table_dialog_new (self->store,
                                      scope != NULL ? (const guint *) scope->data : NULL,
                                      scope != NULL ? scope->len : 0,
                                      theme_id);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---- */

static void
disconnect_store (EbQuotesView *self)
{
  EbQuoteFilter *filter = get_filter (self);

  g_clear_handle_id (&self->counts_id, g_source_remove);
  if (self->store == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->store, codings_changed_cb, self);
  g_signal_handlers_disconnect_by_func (eb_coding_store_get_codebook (self->store), codebook_changed_cb, self);
  g_signal_handlers_disconnect_by_func (eb_coding_store_get_undo_stack (self->store), undo_stack_notify_cb, self);
  if (filter != NULL)
    {
      g_signal_handlers_disconnect_by_func (filter, filter_changed_cb, self);
      g_signal_handlers_disconnect_by_func (filter, focus_theme_cb, self);
    }
}

static gboolean
eb_quotes_view_grab_focus (GtkWidget *widget)
{
  EbQuotesView *self = EB_QUOTES_VIEW (widget);

  return gtk_widget_grab_focus (self->quote_list);
}

static void
eb_quotes_view_dispose (GObject *object)
{
  EbQuotesView *self = EB_QUOTES_VIEW (object);
  GtkWidget *child;

  disconnect_store (self);
  g_clear_handle_id (&self->fold_id, g_source_remove);
  g_clear_handle_id (&self->sidebar_id, g_source_remove);
  if (self->quote_list != NULL)
    g_signal_handlers_disconnect_by_func (eb_quote_list_view_get_selection (EB_QUOTE_LIST_VIEW (self->quote_list)),
                                          selection_changed_cb, self);
  g_clear_pointer (&self->tag_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_QUOTES_VIEW);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->counts, eb_theme_counts_unref);
  g_clear_object (&self->current);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eb_quotes_view_parent_class)->dispose (object);
}

static void
eb_quotes_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EbQuotesView *self = EB_QUOTES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CURRENT_QUOTE:
      g_value_set_object (value, self->current);
      break;

    case PROP_RESPONDENT_REVEALED:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (ADW_FLAP (self->respondent_flap)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_quotes_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EbQuotesView *self = EB_QUOTES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eb_quotes_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_RESPONDENT_REVEALED:
      /* The flap notifies, and flap_revealed_cb passes it on. */
      adw_flap_set_reveal_flap (ADW_FLAP (self->respondent_flap), g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_key_binding (GtkWidgetClass  *widget_class,
                 guint            keyval,
                 GdkModifierType  modifiers,
                 const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action, NULL);
}

static void
eb_quotes_view_class_init (EbQuotesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_quotes_view_dispose;
  object_class->get_property = eb_quotes_view_get_property;
  object_class->set_property = eb_quotes_view_set_property;

  widget_class->grab_focus = eb_quotes_view_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EB_TYPE_CODING_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_QUOTE] =
    g_param_spec_object ("current-quote", NULL, NULL,
                         EB_TYPE_QUOTE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the respondent panel shows: always beside the quotes, and
   * over them when the user asks in a narrow window. */
  properties[PROP_RESPONDENT_REVEALED] =
    g_param_spec_boolean ("respondent-revealed", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EB_TYPE_THEME_SIDEBAR);
  g_type_ensure (EB_TYPE_QUOTE_LIST_VIEW);
  g_type_ensure (EB_TYPE_RESPONDENT_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/eb-quotes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EbQuotesView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbQuotesView, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, EbQuotesView, respondent_flap);
  gtk_widget_class_bind_template_child (widget_class, EbQuotesView, flap_handle);
  gtk_widget_class_bind_template_child (widget_class, EbQuotesView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EbQuotesView, quote_list);
  gtk_widget_class_bind_template_child (widget_class, EbQuotesView, respondent_panel);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, quote_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, flap_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, paned_position_cb);
  gtk_widget_class_bind_template_callback (widget_class, paned_max_position_cb);
  gtk_widget_class_bind_template_callback (widget_class, flap_revealed_cb);

  for (guint key = 1; key <= EB_THEME_SIDEBAR_N_KEYS; key++)
    {
      g_autofree char *action = g_strdup_printf ("quotes.tag-%u", key);

      gtk_widget_class_install_action (widget_class, action, NULL, tag_key_action);
      add_key_binding (widget_class, GDK_KEY_0 + key, 0, action);
      add_key_binding (widget_class, GDK_KEY_KP_0 + key, 0, action);
    }
  gtk_widget_class_install_action (widget_class, "quotes.tag-with", NULL, tag_with_action);
  add_key_binding (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "quotes.tag-with");
  gtk_widget_class_install_action (widget_class, "quotes.undo", NULL, undo_action);
  add_key_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "quotes.undo");
  gtk_widget_class_install_action (widget_class, "quotes.redo", NULL, undo_action);
  add_key_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "quotes.redo");
  add_key_binding (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "quotes.redo");
  gtk_widget_class_install_action (widget_class, "quotes.search", NULL, search_action);
  add_key_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "quotes.search");
  gtk_widget_class_install_action (widget_class, "quotes.new-theme", NULL, new_theme_action);
  add_key_binding (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "quotes.new-theme");
  gtk_widget_class_install_action (widget_class, "quotes.show-table", NULL, show_table_action);
  add_key_binding (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "quotes.show-table");
  gtk_widget_class_install_property_action (widget_class, "quotes.show-respondent", "respondent-revealed");
  add_key_binding (widget_class, GDK_KEY_F9, 0, "quotes.show-respondent");

  gtk_widget_class_set_css_name (widget_class, "quotesview");
}

static void
set_actions_enabled (EbQuotesView *self,
                     gboolean      enabled)
{
  static const char * const actions[] = {
    "quotes.tag-with", "quotes.search", "quotes.new-theme", "quotes.show-table",
  };

  for (guint key = 1; key <= EB_THEME_SIDEBAR_N_KEYS; key++)
    {
      g_autofree char *action = g_strdup_printf ("quotes.tag-%u", key);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), action, enabled);
    }
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
  update_undo_actions (self);
}

static void
eb_quotes_view_init (EbQuotesView *self)
{
  GtkGesture *drag;

  gtk_widget_init_template (GTK_WIDGET (self));
  eb_quotes_view_ensure_style ();

  self->tag_popover = eb_tag_popover_new ();
  gtk_widget_set_parent (self->tag_popover, GTK_WIDGET (self));
  g_signal_connect_swapped (self->tag_popover, "theme-chosen", G_CALLBACK (theme_chosen_cb), self);
  g_signal_connect_swapped (self->tag_popover, "create-theme", G_CALLBACK (create_theme_cb), self);

  g_signal_connect_swapped (eb_quote_list_view_get_selection (EB_QUOTE_LIST_VIEW (self->quote_list)),
                            "selection-changed", G_CALLBACK (selection_changed_cb), self);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (handle_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (handle_drag_update_cb), self);
  gtk_widget_add_controller (self->flap_handle, GTK_EVENT_CONTROLLER (drag));

  set_actions_enabled (self, FALSE);
  update_fold (self);
  self->sidebar_width = gtk_paned_get_position (GTK_PANED (self->outer_paned));
}

/* ---- Public API ---- */

GtkWidget *
eb_quotes_view_new (void)
{
  return g_object_new (EB_TYPE_QUOTES_VIEW, NULL);
}

EbCodingStore *
eb_quotes_view_get_store (EbQuotesView *self)
{
  g_return_val_if_fail (EB_IS_QUOTES_VIEW (self), NULL);

  return self->store;
}

void
eb_quotes_view_set_store (EbQuotesView  *self,
                          EbCodingStore *store)
{
  EbQuoteFilter *filter;

  g_return_if_fail (EB_IS_QUOTES_VIEW (self));
  g_return_if_fail (store == NULL || EB_IS_CODING_STORE (store));

  if (self->store == store)
    return;

  disconnect_store (self);
  set_current (self, NULL);
  g_clear_pointer (&self->counts, eb_theme_counts_unref);
  self->counts_valid = FALSE;
  eb_theme_sidebar_set_counts (EB_THEME_SIDEBAR (self->sidebar), NULL);
  g_set_object (&self->store, store);

  eb_respondent_panel_set_store (EB_RESPONDENT_PANEL (self->respondent_panel), store);
  eb_theme_sidebar_set_store (EB_THEME_SIDEBAR (self->sidebar), store);
  eb_quote_list_view_set_store (EB_QUOTE_LIST_VIEW (self->quote_list), store);
  eb_tag_popover_set_codebook (EB_TAG_POPOVER (self->tag_popover),
                               store != NULL ? eb_coding_store_get_codebook (store) : NULL);

  filter = get_filter (self);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "codings-changed", G_CALLBACK (codings_changed_cb), self);
      g_signal_connect_swapped (eb_coding_store_get_codebook (store), "changed",
                                G_CALLBACK (codebook_changed_cb), self);
      g_signal_connect_swapped (eb_coding_store_get_undo_stack (store), "notify::can-undo",
                                G_CALLBACK (undo_stack_notify_cb), self);
      g_signal_connect_swapped (eb_coding_store_get_undo_stack (store), "notify::can-redo",
                                G_CALLBACK (undo_stack_notify_cb), self);
      g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed_cb), self);
      g_signal_connect_swapped (filter, "notify::focus-theme", G_CALLBACK (focus_theme_cb), self);
      queue_counts (self);
    }
  set_actions_enabled (self, store != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
eb_quotes_view_set_respondent_filter (EbQuotesView *self,
                                      const guint  *rows,
                                      guint         n_rows,
                                      const char   *label)
{
  EbQuoteFilter *filter;
  g_autofree char *plain = NULL;

  g_return_if_fail (EB_IS_QUOTES_VIEW (self));
  g_return_if_fail (rows != NULL || n_rows == 0);

  filter = get_filter (self);
  if (filter == NULL)
    return;
  if (label == NULL && n_rows > 0)
    label = plain = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected respondent",
                                                  "%u selected respondents", n_rows),
                                     n_rows);
  eb_quote_filter_set_respondents (filter, rows, n_rows, label);
}

void
eb_quotes_view_clear_respondent_filter (EbQuotesView *self)
{
  g_return_if_fail (EB_IS_QUOTES_VIEW (self));

  eb_quotes_view_set_respondent_filter (self, NULL, 0, NULL);
}

EbQuote *
eb_quotes_view_get_current_quote (EbQuotesView *self)
{
  g_return_val_if_fail (EB_IS_QUOTES_VIEW (self), NULL);

  return self->current;
}

EbThemeSidebar *
eb_quotes_view_get_sidebar (EbQuotesView *self)
{
  g_return_val_if_fail (EB_IS_QUOTES_VIEW (self), NULL);

  return EB_THEME_SIDEBAR (self->sidebar);
}

EbQuoteListView *
eb_quotes_view_get_quote_list (EbQuotesView *self)
{
  g_return_val_if_fail (EB_IS_QUOTES_VIEW (self), NULL);

  return EB_QUOTE_LIST_VIEW (self->quote_list);
}

EbRespondentPanel *
eb_quotes_view_get_respondent_panel (EbQuotesView *self)
{
  g_return_val_if_fail (EB_IS_QUOTES_VIEW (self), NULL);

  return EB_RESPONDENT_PANEL (self->respondent_panel);
}

EbTagPopover *
eb_quotes_view_get_tag_popover (EbQuotesView *self)
{
  g_return_val_if_fail (EB_IS_QUOTES_VIEW (self), NULL);

  return EB_TAG_POPOVER (self->tag_popover);
}

EbThemeCounts *
eb_quotes_view_get_counts (EbQuotesView *self)
{
  g_return_val_if_fail (EB_IS_QUOTES_VIEW (self), NULL);

  return self->counts;
}

void
eb_quotes_view_update_counts (EbQuotesView *self)
{
  g_return_if_fail (EB_IS_QUOTES_VIEW (self));

  make_counts (self);
}

void
eb_quotes_view_ensure_style (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "eb-quotes-style") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/eb-quotes-view.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "eb-quotes-style", g_object_ref (provider), g_object_unref);
}
