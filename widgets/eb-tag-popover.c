/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-tag-popover"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eb-survey-row-model.h"
#include "eb-tag-popover.h"
#include "eb-theme-chips.h"

/* Scores of the kinds of match, best first; a fuzzy match scores below
 * SCORE_SUBSTRING whatever its length. */
#define SCORE_EXACT       10000
#define SCORE_PREFIX      8000
#define SCORE_WORD        6000
#define SCORE_SUBSTRING   4000
#define SCORE_FUZZY_MAX   (SCORE_SUBSTRING - 1)

struct _EbTagPopover
{
  GtkPopover          parent_instance;

  EbCodebook         *codebook;
  GListStore         *themes;        /* codable EbTheme, codebook order */
  GHashTable         *scores;        /* EbTheme -> score + 1 */
  char               *matched;       /* the text the scores are for */
  GtkFilter          *filter;
  GtkSorter          *sorter;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;

  GtkWidget          *entry;
  GtkWidget          *scrolled_window;
  GtkWidget          *list_view;
  GtkWidget          *create_button;
  GtkWidget          *create_label;
  GtkWidget          *hint_label;
};

G_DEFINE_FINAL_TYPE (EbTagPopover, eb_tag_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_CODEBOOK,
  N_PROPS
};

enum {
  THEME_CHOSEN,
  CREATE_THEME,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_word_start (const gunichar *text,
               glong           i)
{
  return i == 0 || !g_unichar_isalnum (text[i - 1]);
}

static int
score_folded (const char *needle,
              const char *name)
{
  g_autofree gunichar *n = NULL;
  g_autofree gunichar *h = NULL;
  const char *found;
  glong n_len, h_len, at = 0, last = -1;
  int score = 0;

  if (*needle == '\0')
    return 0;
  if (strcmp (needle, name) == 0)
    return SCORE_EXACT;
  if (g_str_has_prefix (name, needle))
    return SCORE_PREFIX - (int) MIN (strlen (name), 1000);

  found = strstr (name, needle);
  if (found != NULL)
    {
      glong offset = g_utf8_pointer_to_offset (name, found);
      gunichar before = found > name ? g_utf8_get_char (g_utf8_prev_char (found)) : ' ';

      if (!g_unichar_isalnum (before))
        return SCORE_WORD - (int) MIN (offset, 1000);
      return SCORE_SUBSTRING - (int) MIN (offset, 1000);
    }

  /* The letters in order, anywhere: "sip" finds "Self-reflection in
   * practice", "ccr" "Increased confidence and reassurance". A run goes on
   * where it can; else the next word that starts with the letter, else
   * the letter's next place. */
  n = g_utf8_to_ucs4_fast (needle, -1, &n_len);
  h = g_utf8_to_ucs4_fast (name, -1, &h_len);
  for (glong i = 0; i < n_len; i++)
    {
      glong j = -1;

      if (g_unichar_isspace (n[i]))
        continue;
      if (last >= 0 && at < h_len && h[at] == n[i])
        j = at;
      for (glong k = at; j < 0 && k < h_len; k++)
        if (h[k] == n[i] && is_word_start (h, k))
          j = k;
      for (glong k = at; j < 0 && k < h_len; k++)
        if (h[k] == n[i])
          j = k;
      if (j < 0)
        return -1;
      score += 10;
      if (is_word_start (h, j))
        score += 20;
      if (j == last + 1)
        score += 15;
      score -= (int) MIN (j - at, 20);
      last = j;
      at = j + 1;
    }
  return CLAMP (score + SCORE_FUZZY_MAX / 2, 1, SCORE_FUZZY_MAX);
}

int
eb_tag_popover_score (const char *needle,
                      const char *name)
{
  g_autofree char *folded_needle = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (needle != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  trimmed = g_strstrip (g_strdup (needle));
  folded_needle = eb_survey_row_model_fold_text (trimmed);
  folded_name = eb_survey_row_model_fold_text (name);
  return score_folded (folded_needle, folded_name);
}

static int
get_score (EbTagPopover *self,
           gpointer      theme)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->scores, theme)) - 1;
}

static gboolean
filter_theme_cb (gpointer item,
                 gpointer data)
{
  return get_score (data, item) >= 0;
}

static int
compare_themes_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  int score_a = get_score ((EbTagPopover *) data, (gpointer) a);
  int score_b = get_score ((EbTagPopover *) data, (gpointer) b);

  /* Equal scores keep the codebook's order: the sort is stable. */
  return score_a > score_b ? -1 : score_a < score_b;
}

static void
update_matches (EbTagPopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *needle = eb_survey_row_model_fold_text (trimmed);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->themes));
  gboolean can_create;

  g_free (self->matched);
  self->matched = g_strdup (text);
  g_hash_table_remove_all (self->scores);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);
      g_autofree char *name = eb_survey_row_model_fold_text (eb_theme_get_name (theme));

      g_hash_table_insert (self->scores, theme, GINT_TO_POINTER (score_folded (needle, name) + 1));
    }
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", 0);
    }

  can_create = *trimmed != '\0' && self->codebook != NULL &&
               eb_codebook_find_theme (self->codebook, trimmed) == NULL;
  if (can_create)
    {
      g_autofree char *label = g_strdup_printf (_("Create “%s”"), trimmed);

      gtk_label_set_text (GTK_LABEL (self->create_label), label);
    }
  gtk_widget_set_visible (self->create_button, can_create);
  gtk_widget_set_visible (self->scrolled_window,
                          g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0);
}

static void
load_themes (EbTagPopover *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) codable = g_ptr_array_new ();

  if (self->codebook != NULL)
    {
      all = eb_codebook_dup_themes (self->codebook);
      for (guint i = 0; i < all->len; i++)
        if (eb_theme_get_codable (g_ptr_array_index (all, i)))
          g_ptr_array_add (codable, g_ptr_array_index (all, i));
    }
  g_hash_table_remove_all (self->scores);
  g_list_store_splice (self->themes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->themes)),
                       codable->pdata, codable->len);
  update_matches (self);
}

static void
choose (EbTagPopover *self,
        guint         position)
{
  g_autoptr(EbTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (theme == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[THEME_CHOSEN], 0, theme);
}

static void
create (EbTagPopover *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (*name == '\0' || !gtk_widget_get_visible (self->create_button))
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CREATE_THEME], 0, name);
}

static void
move_selection (EbTagPopover *self,
                int           delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint position;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (delta < 0)
    position = selected > 0 ? selected - 1 : 0;
  else
    position = MIN (selected + 1, n - 1);
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
}

static void
show_cb (EbTagPopover *self,
         GtkPopover   *popover)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  load_themes (self);
  gtk_widget_grab_focus (self->entry);
}

static void
search_changed_cb (EbTagPopover   *self,
                   GtkSearchEntry *entry)
{
  update_matches (self);
}

static void
entry_activate_cb (EbTagPopover   *self,
                   GtkSearchEntry *entry)
{
  eb_tag_popover_activate (self);
}

static void
stop_search_cb (EbTagPopover   *self,
                GtkSearchEntry *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
next_match_cb (EbTagPopover   *self,
               GtkSearchEntry *entry)
{
  move_selection (self, 1);
}

static void
previous_match_cb (EbTagPopover   *self,
                   GtkSearchEntry *entry)
{
  move_selection (self, -1);
}

static gboolean
entry_key_pressed_cb (EbTagPopover          *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
list_activate_cb (EbTagPopover *self,
                  guint         position)
{
  choose (self, position);
}

static void
create_clicked_cb (EbTagPopover *self,
                   GtkButton    *button)
{
  create (self);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = eb_theme_chips_new ();
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *parent = gtk_label_new (NULL);

  eb_theme_chips_set_compact (EB_THEME_CHIPS (swatch), TRUE);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (names), name);
  gtk_label_set_xalign (GTK_LABEL (parent), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (parent), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (parent, "caption");
  gtk_widget_add_css_class (parent, "dim-label");
  gtk_box_append (GTK_BOX (names), parent);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), names);
  gtk_list_item_set_child (item, box);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  EbTheme *theme = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *names = gtk_widget_get_next_sibling (swatch);
  GtkWidget *name = gtk_widget_get_first_child (names);
  GtkWidget *parent = gtk_widget_get_next_sibling (name);
  EbTheme *up = eb_theme_get_parent (theme);

  eb_theme_chips_set_single (EB_THEME_CHIPS (swatch), eb_theme_get_name (theme), eb_theme_get_color (theme));
  gtk_label_set_text (GTK_LABEL (name), eb_theme_get_name (theme));
  if (up != NULL)
    {
      /* Translators: under a theme's name: the theme it belongs to. */
      g_autofree char *text = g_strdup_printf (_("in %s"), eb_theme_get_name (up));

      gtk_label_set_text (GTK_LABEL (parent), text);
    }
  gtk_widget_set_visible (parent, up != NULL);
}

static void
eb_tag_popover_dispose (GObject *object)
{
  EbTagPopover *self = EB_TAG_POPOVER (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_TAG_POPOVER);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->themes);
  g_clear_object (&self->codebook);

  G_OBJECT_CLASS (eb_tag_popover_parent_class)->dispose (object);
}

static void
eb_tag_popover_finalize (GObject *object)
{
  EbTagPopover *self = EB_TAG_POPOVER (object);

  g_clear_pointer (&self->scores, g_hash_table_unref);
  g_clear_pointer (&self->matched, g_free);

  G_OBJECT_CLASS (eb_tag_popover_parent_class)->finalize (object);
}

static void
eb_tag_popover_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EbTagPopover *self = EB_TAG_POPOVER (object);

  switch (prop_id)
    {
    case PROP_CODEBOOK:
      g_value_set_object (value, self->codebook);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_tag_popover_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EbTagPopover *self = EB_TAG_POPOVER (object);

  switch (prop_id)
    {
    case PROP_CODEBOOK:
      eb_tag_popover_set_codebook (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_tag_popover_class_init (EbTagPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_tag_popover_dispose;
  object_class->finalize = eb_tag_popover_finalize;
  object_class->get_property = eb_tag_popover_get_property;
  object_class->set_property = eb_tag_popover_set_property;

  properties[PROP_CODEBOOK] =
    g_param_spec_object ("codebook", NULL, NULL,
                         EB_TYPE_CODEBOOK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The theme to tag with. */
  signals[THEME_CHOSEN] =
    g_signal_new ("theme-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, EB_TYPE_THEME);
  /* A name no theme has: make that theme and tag with it. */
  signals[CREATE_THEME] =
    g_signal_new ("create-theme", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/eb-tag-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, EbTagPopover, entry);
  gtk_widget_class_bind_template_child (widget_class, EbTagPopover, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, EbTagPopover, list_view);
  gtk_widget_class_bind_template_child (widget_class, EbTagPopover, create_button);
  gtk_widget_class_bind_template_child (widget_class, EbTagPopover, create_label);
  gtk_widget_class_bind_template_child (widget_class, EbTagPopover, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
}

static void
eb_tag_popover_init (EbTagPopover *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filter_model;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->scores = g_hash_table_new (NULL, NULL);
  self->themes = g_list_store_new (EB_TYPE_THEME);
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_theme_cb, self, NULL));
  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_themes_cb, self, NULL));
  filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->themes)),
                                            g_object_ref (self->filter));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (filter_model), g_object_ref (self->sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (self->entry, controller);
}

GtkWidget *
eb_tag_popover_new (void)
{
  return g_object_new (EB_TYPE_TAG_POPOVER, NULL);
}

EbCodebook *
eb_tag_popover_get_codebook (EbTagPopover *self)
{
  g_return_val_if_fail (EB_IS_TAG_POPOVER (self), NULL);

  return self->codebook;
}

void
eb_tag_popover_set_codebook (EbTagPopover *self,
                             EbCodebook   *codebook)
{
  g_return_if_fail (EB_IS_TAG_POPOVER (self));
  g_return_if_fail (codebook == NULL || EB_IS_CODEBOOK (codebook));

  if (!g_set_object (&self->codebook, codebook))
    return;
  load_themes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODEBOOK]);
}

const char *
eb_tag_popover_get_text (EbTagPopover *self)
{
  g_return_val_if_fail (EB_IS_TAG_POPOVER (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
eb_tag_popover_set_text (EbTagPopover *self,
                         const char   *text)
{
  g_return_if_fail (EB_IS_TAG_POPOVER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  /* At once, not after the entry's typing delay. */
  update_matches (self);
}

GListModel *
eb_tag_popover_get_matches (EbTagPopover *self)
{
  g_return_val_if_fail (EB_IS_TAG_POPOVER (self), NULL);

  return G_LIST_MODEL (self->selection);
}

void
eb_tag_popover_activate (EbTagPopover *self)
{
  guint selected;

  g_return_if_fail (EB_IS_TAG_POPOVER (self));

  /* The typed text as it is now, even within the entry's delay. */
  if (g_strcmp0 (self->matched, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    update_matches (self);
  selected = gtk_single_selection_get_selected (self->selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    choose (self, selected);
  else
    create (self);
}
