/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-quote-list-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "eb-adaptive-toolbar.h"
#include "eb-filter-model.h"
#include "eb-quote-list-view.h"
#include "eb-quote-row.h"

/* How many attribute values a row shows unless told otherwise, and the
 * project setting that remembers the choice (column names, one a line). */
#define DEFAULT_ATTRIBUTE_COLUMNS  3
#define ATTRIBUTES_SETTING         "quotes.attribute-columns"
/* Answers folded for searching per idle call. */
#define PREPARE_CHUNK              4000
/* Chips cut their labels short here. */
#define CHIP_MAX_CHARS             48

typedef enum
{
  CHIP_QUESTION,
  CHIP_ATTRIBUTE,
  CHIP_RESPONDENTS,
  CHIP_FOCUS,
  CHIP_THEMES,
  CHIP_CODER,
  CHIP_UNCODED,
} ChipKind;

struct _EbQuoteListView
{
  GtkWidget           parent_instance;

  EbCodingStore      *store;
  GtkFilter          *filter;
  EbFilterModel      *filter_model;
  GtkMultiSelection  *selection;
  GArray             *attribute_columns;   /* guint */
  int                 id_column;
  guint               n_visible;
  guint               prepare_id;
  gboolean            updating;            /* filling the popover's controls */

  /* While a change of the filter is shown, rows below the first
   * n_eager_rows are bound later, a few at a time (bind_rows_cb). */
  gboolean            filtering;
  gboolean            filter_moved;        /* and the list changed with it */
  guint               n_eager_rows;
  GHashTable         *pending_rows;        /* EbQuoteRow */
  guint               bind_id;
  GdkFrameClock      *filter_clock;        /* whose next frame ends the change */
  gulong              after_paint_id;

  GListStore         *theme_store;         /* EbTheme, depth first, for the popover */
  GPtrArray          *theme_checks;        /* GtkCheckButton, bound */
  GArray             *question_columns;    /* guint, after "All questions" */
  GArray             *attribute_choices;   /* guint columns */
  GPtrArray          *value_choices;       /* char *, after "Any value" */
  GStrv               coders;              /* after "Any coder" */

  GtkWidget          *search_entry;
  GtkWidget          *filter_button;
  GtkWidget          *filter_popover;
  GtkWidget          *question_dropdown;
  GtkWidget          *attribute_dropdown;
  GtkWidget          *value_dropdown;
  GtkWidget          *theme_match_dropdown;
  GtkWidget          *theme_list;
  GtkWidget          *coder_dropdown;
  GtkWidget          *uncoded_check;
  GtkWidget          *clear_button;
  GtkWidget          *columns_box;
  GtkWidget          *count_label;
  GtkWidget          *count_squeezer;
  char               *count_text;          /* "347 of 347 quotes": its tooltip */
  GtkWidget          *short_count_label;
  GtkWidget          *shown_count_label;
  GtkWidget          *tag_button;
  GtkWidget          *respondent_button;
  GtkWidget          *chip_box;
  GtkWidget          *stack;
  GtkWidget          *scrolled_window;
  GtkWidget          *list_view;
  GtkWidget          *no_results_page;
  GtkWidget          *empty_page;
};

G_DEFINE_FINAL_TYPE (EbQuoteListView, eb_quote_list_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_N_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pixels: no row is shorter (so that the rows bound at once fill the
 * window), and the height of a row waiting to be bound, when it had none. */
#define MIN_ROW_HEIGHT      48
#define PENDING_ROW_HEIGHT  80
/* Rows bound per idle callback after a change of the filter. */
#define BIND_BATCH          16

static GQuark chip_kind_quark;
static GQuark list_item_quark;
static GQuark chip_column_quark;
static GQuark theme_id_quark;

static void set_factory (EbQuoteListView *self);

static EbQuoteFilter *
get_filter (EbQuoteListView *self)
{
  return self->filter != NULL ? EB_QUOTE_FILTER (self->filter) : NULL;
}

static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= CHIP_MAX_CHARS)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, CHIP_MAX_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}

/* The count in full when it is shortened. Asked for when shown: setting a
 * tooltip asks the X server where the pointer is, a round trip on every
 * key typed into the search. */
static gboolean
count_query_tooltip_cb (EbQuoteListView *self,
                        int              x,
                        int              y,
                        gboolean         keyboard_mode,
                        GtkTooltip      *tooltip,
                        GtkWidget       *widget)
{
  if (self->count_text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->count_text);
  return TRUE;
}

static void
update_count (EbQuoteListView *self)
{
  guint n_total = 0, n_visible = 0;
  GtkWidget *page;

  if (self->store != NULL)
    {
      n_total = g_list_model_get_n_items (G_LIST_MODEL (eb_coding_store_get_quotes (self->store)));
      n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
    }

  if (self->store != NULL)
    {
      g_autofree char *visible = g_strdup_printf ("%'u", n_visible);
      g_autofree char *total = g_strdup_printf ("%'u", n_total);
      g_autofree char *text = NULL;
      g_autofree char *short_text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s of %s quote",
                                           "%s of %s quotes",
                                           n_total),
                              visible, total);
      short_text = g_strdup_printf (C_("quotes shown of all, where space is short", "%s of %s"),
                                    visible, total);
      gtk_label_set_text (GTK_LABEL (self->count_label), text);
      gtk_label_set_text (GTK_LABEL (self->short_count_label), short_text);
      gtk_label_set_text (GTK_LABEL (self->shown_count_label), visible);
      g_free (self->count_text);
      self->count_text = g_steal_pointer (&text);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->count_label), "");
      gtk_label_set_text (GTK_LABEL (self->short_count_label), "");
      gtk_label_set_text (GTK_LABEL (self->shown_count_label), "");
      g_clear_pointer (&self->count_text, g_free);
    }

  if (n_total == 0)
    page = self->empty_page;
  else if (n_visible == 0)
    page = self->no_results_page;
  else
    page = self->scrolled_window;
  gtk_stack_set_visible_child (GTK_STACK (self->stack), page);

  if (n_visible != self->n_visible)
    {
      self->n_visible = n_visible;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
    }
}

/* ---- Chips of the active filters ---- */

static void
chip_remove_clicked_cb (EbQuoteListView *self,
                        GtkButton       *button)
{
  EbQuoteFilter *filter = get_filter (self);
  ChipKind kind = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (button), chip_kind_quark));
  guint column = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (button), chip_column_quark));

  if (filter == NULL)
    return;
  switch (kind)
    {
    case CHIP_QUESTION:
      eb_quote_filter_set_column (filter, -1);
      break;

    case CHIP_ATTRIBUTE:
      eb_quote_filter_set_attribute (filter, column, NULL);
      break;

    case CHIP_RESPONDENTS:
      eb_quote_filter_set_respondents (filter, NULL, 0, NULL);
      break;

    case CHIP_FOCUS:
      eb_quote_filter_set_focus_theme (filter, 0);
      break;

    case CHIP_THEMES:
      eb_quote_filter_set_themes (filter, NULL, 0, EB_THEME_MATCH_ANY);
      break;

    case CHIP_CODER:
      eb_quote_filter_set_coder (filter, NULL);
      break;

    case CHIP_UNCODED:
      eb_quote_filter_set_uncoded_only (filter, FALSE);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
add_chip (EbQuoteListView *self,
          ChipKind         kind,
          guint            column,
          const char      *text)
{
  g_autofree char *short_text = shorten (text);
  g_autofree char *remove_label = g_strdup_printf (_("Remove filter “%s”"), text);
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (short_text);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (chip, "filter-chip");
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_set_margin_start (label, 8);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, _("Remove filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_object_set_qdata (G_OBJECT (button), chip_kind_quark, GUINT_TO_POINTER (kind));
  g_object_set_qdata (G_OBJECT (button), chip_column_quark, GUINT_TO_POINTER (column));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (chip_remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (chip), button);
  gtk_flow_box_append (GTK_FLOW_BOX (self->chip_box), chip);
  gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
}

static void
rebuild_chips (EbQuoteListView *self)
{
  EbQuoteFilter *filter = get_filter (self);
  GtkWidget *child;
  guint n_chips = 0;

  while ((child = gtk_widget_get_first_child (self->chip_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->chip_box), child);

  if (filter != NULL)
    {
      EbSurvey *survey = eb_coding_store_get_survey (self->store);
      EbCodebook *codebook = eb_coding_store_get_codebook (self->store);
      g_autoptr(GArray) attributes = eb_quote_filter_dup_attribute_columns (filter);
      g_autoptr(GArray) themes = eb_quote_filter_dup_themes (filter);
      int column = eb_quote_filter_get_column (filter);
      gint64 focus = eb_quote_filter_get_focus_theme (filter);

      if (eb_quote_filter_has_respondents (filter))
        add_chip (self, CHIP_RESPONDENTS, 0, eb_quote_filter_get_respondent_label (filter));
      if (focus != 0 && eb_codebook_get_theme (codebook, focus) != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Theme: %s"),
                                                   eb_theme_get_name (eb_codebook_get_theme (codebook, focus)));

          add_chip (self, CHIP_FOCUS, 0, text);
        }
      if (column >= 0)
        {
          g_autofree char *text = g_strdup_printf (_("Question: %s"),
                                                   eb_survey_get_column_name (survey, (guint) column));

          add_chip (self, CHIP_QUESTION, 0, text);
        }
      for (guint i = 0; i < attributes->len; i++)
        {
          guint c = g_array_index (attributes, guint, i);
          const char *value = eb_quote_filter_get_attribute (filter, c);
          g_autofree char *text = g_strdup_printf ("%s = %s", eb_survey_get_column_name (survey, c),
                                                   *value != '\0' ? value : _("(none)"));

          add_chip (self, CHIP_ATTRIBUTE, c, text);
        }
      if (themes->len > 0)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < themes->len; i++)
            {
              EbTheme *theme = eb_codebook_get_theme (codebook, g_array_index (themes, gint64, i));

              if (theme == NULL)
                continue;
              if (names->len > 0)
                g_string_append (names, ", ");
              g_string_append (names, eb_theme_get_name (theme));
            }
          {
            g_autofree char *text = NULL;

            switch (eb_quote_filter_get_theme_match (filter))
              {
              case EB_THEME_MATCH_ALL:
                /* Translators: a filter chip, %s is a list of themes. */
                text = g_strdup_printf (_("With all of: %s"), names->str);
                break;

              case EB_THEME_MATCH_NONE:
                text = g_strdup_printf (_("Without: %s"), names->str);
                break;

              case EB_THEME_MATCH_ANY:
              default:
                text = themes->len > 1 ? g_strdup_printf (_("With any of: %s"), names->str)
                                       : g_strdup_printf (_("With: %s"), names->str);
                break;
              }
            add_chip (self, CHIP_THEMES, 0, text);
          }
        }
      if (eb_quote_filter_get_coder (filter) != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Coder: %s"), eb_quote_filter_get_coder (filter));

          add_chip (self, CHIP_CODER, 0, text);
        }
      if (eb_quote_filter_get_uncoded_only (filter))
        add_chip (self, CHIP_UNCODED, 0, _("Uncoded only"));
    }

  for (child = gtk_widget_get_first_child (self->chip_box); child != NULL; child = gtk_widget_get_next_sibling (child))
    n_chips++;
  gtk_widget_set_visible (self->chip_box, n_chips > 0);
}

/* ---- The filter popover ---- */

static void
sync_theme_checks (EbQuoteListView *self)
{
  EbQuoteFilter *filter = get_filter (self);
  g_autoptr(GArray) themes = filter != NULL ? eb_quote_filter_dup_themes (filter) : NULL;

  self->updating = TRUE;
  for (guint i = 0; i < self->theme_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->theme_checks, i);
      gint64 *id = g_object_get_qdata (G_OBJECT (check), theme_id_quark);
      gboolean active = FALSE;

      for (guint j = 0; themes != NULL && id != NULL && j < themes->len && !active; j++)
        active = g_array_index (themes, gint64, j) == *id;
      gtk_check_button_set_active (check, active);
    }
  self->updating = FALSE;
}

static void
toggle_filter_theme (EbQuoteListView *self,
                     gint64           id,
                     gboolean         active)
{
  EbQuoteFilter *filter = get_filter (self);
  g_autoptr(GArray) themes = NULL;
  guint i;

  if (filter == NULL)
    return;
  themes = eb_quote_filter_dup_themes (filter);
  for (i = 0; i < themes->len; i++)
    if (g_array_index (themes, gint64, i) == id)
      break;
  if (active && i == themes->len)
    g_array_append_val (themes, id);
  else if (!active && i < themes->len)
    g_array_remove_index (themes, i);
  else
    return;
  eb_quote_filter_set_themes (filter, (const gint64 *) themes->data, themes->len,
                              eb_quote_filter_get_theme_match (filter));
}

static void
theme_check_toggled_cb (EbQuoteListView *self,
                        GtkCheckButton  *check)
{
  gint64 *id = g_object_get_qdata (G_OBJECT (check), theme_id_quark);

  if (self->updating || id == NULL)
    return;
  toggle_filter_theme (self, *id, gtk_check_button_get_active (check));
}

static void
theme_list_activate_cb (EbQuoteListView *self,
                        guint            position)
{
  g_autoptr(EbTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->theme_store), position);
  EbQuoteFilter *filter = get_filter (self);
  g_autoptr(GArray) themes = NULL;
  gboolean active = FALSE;

  if (theme == NULL || filter == NULL)
    return;
  themes = eb_quote_filter_dup_themes (filter);
  for (guint i = 0; i < themes->len && !active; i++)
    active = g_array_index (themes, gint64, i) == eb_theme_get_id (theme);
  toggle_filter_theme (self, eb_theme_get_id (theme), !active);
}

static void
setup_theme_check_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      EbQuoteListView          *self)
{
  GtkWidget *check = gtk_check_button_new ();

  g_signal_connect_swapped (check, "toggled", G_CALLBACK (theme_check_toggled_cb), self);
  gtk_list_item_set_child (item, check);
}

static void
bind_theme_check_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     EbQuoteListView          *self)
{
  EbTheme *theme = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_list_item_get_child (item);
  gint64 id = eb_theme_get_id (theme);

  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), eb_theme_get_name (theme));
  gtk_widget_set_margin_start (check, 16 * (int) eb_theme_get_depth (theme));
  g_object_set_qdata_full (G_OBJECT (check), theme_id_quark, g_memdup2 (&id, sizeof id), g_free);
  g_ptr_array_add (self->theme_checks, check);
  sync_theme_checks (self);
}

static void
unbind_theme_check_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       EbQuoteListView          *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);

  g_ptr_array_remove_fast (self->theme_checks, check);
  g_object_set_qdata (G_OBJECT (check), theme_id_quark, NULL);
}

static void
fill_theme_store (EbQuoteListView *self)
{
  g_autoptr(GPtrArray) themes = NULL;

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->theme_store);
      return;
    }
  themes = eb_codebook_dup_themes (eb_coding_store_get_codebook (self->store));
  g_list_store_splice (self->theme_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->theme_store)),
                       themes->pdata, themes->len);
}

static GtkStringList *
new_string_list (const char *first)
{
  const char *strings[] = { first, NULL };

  return gtk_string_list_new (strings);
}

static void
fill_values (EbQuoteListView *self)
{
  EbQuoteFilter *filter = get_filter (self);
  g_autoptr(GtkStringList) list = new_string_list (_("Any value"));
  g_autoptr(GHashTable) cells = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  guint selected = 0;
  guint chosen = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->attribute_dropdown));

  g_ptr_array_set_size (self->value_choices, 0);
  if (filter != NULL && chosen < self->attribute_choices->len)
    {
      EbSurvey *survey = eb_coding_store_get_survey (self->store);
      guint column = g_array_index (self->attribute_choices, guint, chosen);
      const char *current = eb_quote_filter_get_attribute (filter, column);
      gboolean has_blank = FALSE;

      /* Each distinct cell once (the survey stores repeated values once),
       * then each distinct value once it is trimmed, in survey order. */
      for (guint r = 0; r < eb_survey_get_n_rows (survey); r++)
        {
          const char *cell = eb_survey_get_cell (survey, r, column);
          char *value;

          if (!g_hash_table_add (cells, (gpointer) cell))
            continue;
          value = g_strstrip (g_strdup (cell));
          if (*value == '\0' || g_hash_table_contains (values, value))
            {
              has_blank |= *value == '\0';
              g_free (value);
              continue;
            }
          g_ptr_array_add (self->value_choices, value);
          g_hash_table_add (values, value);
          gtk_string_list_append (list, value);
          if (g_strcmp0 (current, value) == 0)
            selected = self->value_choices->len;
        }
      if (has_blank)
        {
          g_ptr_array_add (self->value_choices, g_strdup (""));
          gtk_string_list_append (list, _("(none)"));
          if (g_strcmp0 (current, "") == 0)
            selected = self->value_choices->len;
        }
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->value_dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->value_dropdown), selected);
  gtk_widget_set_sensitive (self->value_dropdown, self->attribute_choices->len > 0);
}

/* Fills the popover's controls from the survey and the filter. */
static void
fill_popover (EbQuoteListView *self)
{
  EbQuoteFilter *filter = get_filter (self);
  EbSurvey *survey = self->store != NULL ? eb_coding_store_get_survey (self->store) : NULL;
  g_autoptr(GtkStringList) questions = new_string_list (_("All questions"));
  g_autoptr(GtkStringList) attributes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) coders = new_string_list (_("Any coder"));
  guint question = 0, attribute = 0, coder = 0;

  self->updating = TRUE;
  g_array_set_size (self->question_columns, 0);
  g_array_set_size (self->attribute_choices, 0);
  g_clear_pointer (&self->coders, g_strfreev);

  for (guint c = 0; survey != NULL && c < eb_survey_get_n_columns (survey); c++)
    {
      EbColumnRole role = eb_survey_get_column_role (survey, c);

      if (role == EB_COLUMN_ROLE_TEXT)
        {
          g_array_append_val (self->question_columns, c);
          gtk_string_list_append (questions, eb_survey_get_column_name (survey, c));
          if (eb_quote_filter_get_column (filter) == (int) c)
            question = self->question_columns->len;
        }
      else if (role == EB_COLUMN_ROLE_ATTRIBUTE)
        {
          g_array_append_val (self->attribute_choices, c);
          gtk_string_list_append (attributes, eb_survey_get_column_name (survey, c));
        }
    }
  /* Open on the attribute with a condition, if any. */
  if (filter != NULL)
    {
      g_autoptr(GArray) set = eb_quote_filter_dup_attribute_columns (filter);

      for (guint i = 0; set->len > 0 && i < self->attribute_choices->len; i++)
        if (g_array_index (self->attribute_choices, guint, i) == g_array_index (set, guint, set->len - 1))
          attribute = i;
    }

  if (filter != NULL)
    {
      self->coders = eb_quote_filter_dup_coders (filter);
      for (guint i = 0; self->coders[i] != NULL; i++)
        {
          gtk_string_list_append (coders, self->coders[i]);
          if (g_strcmp0 (eb_quote_filter_get_coder (filter), self->coders[i]) == 0)
            coder = i + 1;
        }
    }

  gtk_drop_down_set_model (GTK_DROP_DOWN (self->question_dropdown), G_LIST_MODEL (questions));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->question_dropdown), question);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->attribute_dropdown), G_LIST_MODEL (attributes));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->attribute_dropdown), attribute);
  gtk_widget_set_sensitive (self->attribute_dropdown, self->attribute_choices->len > 0);
  fill_values (self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->coder_dropdown), G_LIST_MODEL (coders));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->coder_dropdown), coder);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->theme_match_dropdown),
                              filter != NULL ? eb_quote_filter_get_theme_match (filter) : 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->uncoded_check),
                               filter != NULL && eb_quote_filter_get_uncoded_only (filter));
  gtk_widget_set_sensitive (self->clear_button, filter != NULL && eb_quote_filter_has_conditions (filter));
  fill_theme_store (self);
  self->updating = FALSE;
  sync_theme_checks (self);
}

static void
filter_popover_show_cb (EbQuoteListView *self,
                        GtkPopover      *popover)
{
  fill_popover (self);
}

static void
question_selected_cb (EbQuoteListView *self,
                      GParamSpec      *pspec,
                      GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || get_filter (self) == NULL)
    return;
  eb_quote_filter_set_column (get_filter (self),
                              selected > 0 && selected <= self->question_columns->len
                              ? (int) g_array_index (self->question_columns, guint, selected - 1)
                              : -1);
}

static void
attribute_selected_cb (EbQuoteListView *self,
                       GParamSpec      *pspec,
                       GtkDropDown     *dropdown)
{
  gboolean updating = self->updating;

  if (updating)
    return;
  self->updating = TRUE;
  fill_values (self);
  self->updating = updating;
}

static void
value_selected_cb (EbQuoteListView *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  guint chosen = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->attribute_dropdown));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || get_filter (self) == NULL || chosen >= self->attribute_choices->len)
    return;
  eb_quote_filter_set_attribute (get_filter (self),
                                 g_array_index (self->attribute_choices, guint, chosen),
                                 selected > 0 && selected <= self->value_choices->len
                                 ? g_ptr_array_index (self->value_choices, selected - 1)
                                 : NULL);
}

static void
theme_match_selected_cb (EbQuoteListView *self,
                         GParamSpec      *pspec,
                         GtkDropDown     *dropdown)
{
  EbQuoteFilter *filter = get_filter (self);
  g_autoptr(GArray) themes = NULL;

  if (self->updating || filter == NULL)
    return;
  themes = eb_quote_filter_dup_themes (filter);
  eb_quote_filter_set_themes (filter, (const gint64 *) themes->data, themes->len,
                              (EbThemeMatch) gtk_drop_down_get_selected (dropdown));
}

static void
coder_selected_cb (EbQuoteListView *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || get_filter (self) == NULL || self->coders == NULL)
    return;
  eb_quote_filter_set_coder (get_filter (self),
                             selected > 0 && selected <= g_strv_length (self->coders)
                             ? self->coders[selected - 1] : NULL);
}

static void
uncoded_toggled_cb (EbQuoteListView *self,
                    GtkCheckButton  *check)
{
  if (self->updating || get_filter (self) == NULL)
    return;
  eb_quote_filter_set_uncoded_only (get_filter (self), gtk_check_button_get_active (check));
}

static void
clear_clicked_cb (EbQuoteListView *self,
                  GtkButton       *button)
{
  if (get_filter (self) == NULL)
    return;
  eb_quote_filter_clear (get_filter (self));
  fill_popover (self);
}

/* ---- The attribute columns shown ---- */

static void
save_attribute_columns (EbQuoteListView *self)
{
  EbSurvey *survey = eb_coding_store_get_survey (self->store);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->attribute_columns->len; i++)
    g_string_append_printf (names, "%s\n",
                            eb_survey_get_column_name (survey, g_array_index (self->attribute_columns, guint, i)));
  if (!eb_project_set_setting (eb_coding_store_get_project (self->store), ATTRIBUTES_SETTING,
                               names->str, &error))
    g_warning ("Cannot remember the attributes shown with quotes: %s", error->message);
}

static void
column_toggled_cb (EbQuoteListView *self,
                   GtkCheckButton  *check)
{
  guint column = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (check), chip_column_quark));
  g_autoptr(GArray) columns = eb_quote_list_view_dup_attribute_columns (self);
  gboolean active = gtk_check_button_get_active (check);
  guint i;

  if (self->updating)
    return;
  for (i = 0; i < columns->len; i++)
    if (g_array_index (columns, guint, i) == column)
      break;
  if (active && i == columns->len)
    {
      /* In the survey's order, whatever the order of clicks. */
      guint at = 0;

      while (at < columns->len && g_array_index (columns, guint, at) < column)
        at++;
      g_array_insert_val (columns, at, column);
    }
  else if (!active && i < columns->len)
    g_array_remove_index (columns, i);
  eb_quote_list_view_set_attribute_columns (self, (const guint *) columns->data, columns->len);
  if (self->store != NULL)
    save_attribute_columns (self);
}

static void
fill_columns_box (EbQuoteListView *self)
{
  EbSurvey *survey = self->store != NULL ? eb_coding_store_get_survey (self->store) : NULL;
  GtkWidget *heading = gtk_widget_get_first_child (self->columns_box);
  GtkWidget *child;

  while ((child = gtk_widget_get_next_sibling (heading)) != NULL)
    gtk_box_remove (GTK_BOX (self->columns_box), child);

  self->updating = TRUE;
  for (guint c = 0; survey != NULL && c < eb_survey_get_n_columns (survey); c++)
    {
      GtkWidget *check;
      gboolean shown = FALSE;

      if (eb_survey_get_column_role (survey, c) != EB_COLUMN_ROLE_ATTRIBUTE)
        continue;
      check = gtk_check_button_new_with_label (eb_survey_get_column_name (survey, c));
      for (guint i = 0; i < self->attribute_columns->len && !shown; i++)
        shown = g_array_index (self->attribute_columns, guint, i) == c;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), shown);
      g_object_set_qdata (G_OBJECT (check), chip_column_quark, GUINT_TO_POINTER (c));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (column_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->columns_box), check);
    }
  self->updating = FALSE;
}

/* The columns remembered in the project, else the first attributes. */
static void
choose_attribute_columns (EbQuoteListView *self)
{
  EbSurvey *survey = eb_coding_store_get_survey (self->store);
  g_autofree char *saved = eb_project_get_setting (eb_coding_store_get_project (self->store),
                                                   ATTRIBUTES_SETTING);

  g_array_set_size (self->attribute_columns, 0);
  if (saved != NULL)
    {
      g_auto(GStrv) names = g_strsplit (saved, "\n", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          int c = *names[i] != '\0' ? eb_survey_find_column (survey, names[i]) : -1;

          if (c >= 0 && eb_survey_get_column_role (survey, (guint) c) == EB_COLUMN_ROLE_ATTRIBUTE)
            g_array_append_val (self->attribute_columns, c);
        }
      return;
    }
  for (guint c = 0; c < eb_survey_get_n_columns (survey) &&
                    self->attribute_columns->len < DEFAULT_ATTRIBUTE_COLUMNS; c++)
    if (eb_survey_get_column_role (survey, c) == EB_COLUMN_ROLE_ATTRIBUTE)
      g_array_append_val (self->attribute_columns, c);
}

/* ---- The list ---- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              EbQuoteListView          *self)
{
  GtkWidget *row = eb_quote_row_new ();

  /* The list item owns the row: a plain pointer back is safe. */
  g_object_set_qdata (G_OBJECT (row), list_item_quark, item);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (EbQuoteListView *self,
          EbQuoteRow      *row,
          GtkListItem     *item)
{
  g_hash_table_remove (self->pending_rows, row);
  eb_quote_row_bind (row, gtk_list_item_get_item (item),
                     eb_coding_store_get_codebook (self->store),
                     self->id_column,
                     (const guint *) self->attribute_columns->data,
                     self->attribute_columns->len);
}

static int
compare_row_positions (gconstpointer a,
                       gconstpointer b)
{
  GtkListItem *item_a = g_object_get_qdata (*(GObject * const *) a, list_item_quark);
  GtkListItem *item_b = g_object_get_qdata (*(GObject * const *) b, list_item_quark);
  guint position_a = gtk_list_item_get_position (item_a);
  guint position_b = gtk_list_item_get_position (item_b);

  return position_a < position_b ? -1 : position_a > position_b;
}

/* Binds up to MAX_ROWS waiting rows above position LIMIT, top first. */
static void
bind_pending_rows (EbQuoteListView *self,
                   guint            limit,
                   guint            max_rows)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_sized_new (g_hash_table_size (self->pending_rows));
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->pending_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    g_ptr_array_add (rows, row);
  g_ptr_array_sort (rows, compare_row_positions);
  for (guint i = 0; i < rows->len && i < max_rows; i++)
    {
      GtkListItem *item = g_object_get_qdata (g_ptr_array_index (rows, i), list_item_quark);
      guint position = gtk_list_item_get_position (item);

      /* A row the list let go of shows nothing any more: not worth
       * binding, nor waiting for (the idle callback would never end). */
      if (position == GTK_INVALID_LIST_POSITION)
        {
          g_hash_table_remove (self->pending_rows, g_ptr_array_index (rows, i));
          continue;
        }
      if (position >= limit)
        break;
      bind_row (self, g_ptr_array_index (rows, i), item);
    }
}

static gboolean
bind_rows_cb (gpointer data)
{
  EbQuoteListView *self = data;

  bind_pending_rows (self, G_MAXUINT, BIND_BATCH);
  if (g_hash_table_size (self->pending_rows) > 0)
    return G_SOURCE_CONTINUE;
  self->bind_id = 0;
  return G_SOURCE_REMOVE;
}

/* GTK 4.8's list view keeps some 200 rows, most of them off screen, and
 * a change of the filter gives nearly all of them new quotes: laying out
 * 200 answers made most of the time a search step took. While the filter
 * changes, only the rows that can be on screen (the list then shows its
 * top) are bound; the others stay empty at their likely height and are
 * bound when the main loop is idle after the frame that shows the change
 * (end_filtering). */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             EbQuoteListView          *self)
{
  EbQuoteRow *row = EB_QUOTE_ROW (gtk_list_item_get_child (item));
  int height;

  if (self->store == NULL)
    return;
  if (!self->filtering || gtk_list_item_get_position (item) < self->n_eager_rows)
    {
      bind_row (self, row, item);
      return;
    }
  height = gtk_widget_get_height (GTK_WIDGET (row));
  eb_quote_row_bind_later (row, gtk_list_item_get_item (item), height > 0 ? height : PENDING_ROW_HEIGHT);
  g_hash_table_add (self->pending_rows, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               EbQuoteListView          *self)
{
  EbQuoteRow *row = EB_QUOTE_ROW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->pending_rows, row);
  eb_quote_row_unbind (row);
}

/* A new factory rebinds every row: how a change of the attributes shown
 * reaches the rows on screen. */
static void
set_factory (EbQuoteListView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
}

static gboolean
prepare_search_cb (gpointer data)
{
  EbQuoteListView *self = data;

  if (self->filter != NULL && eb_quote_filter_prepare (get_filter (self), PREPARE_CHUNK))
    return G_SOURCE_CONTINUE;
  self->prepare_id = 0;
  return G_SOURCE_REMOVE;
}

/* Replacing the entry's text passes through "" and reports it at once:
 * not a search anybody typed. */
static void search_changed_cb (EbQuoteListView *self,
                               GtkSearchEntry  *entry);

static void
set_entry_text (EbQuoteListView *self,
                const char      *text)
{
  GtkEditable *entry = GTK_EDITABLE (self->search_entry);

  if (g_strcmp0 (gtk_editable_get_text (entry), text) == 0)
    return;
  g_signal_handlers_block_by_func (entry, search_changed_cb, self);
  gtk_editable_set_text (entry, text);
  g_signal_handlers_unblock_by_func (entry, search_changed_cb, self);
}

static void
search_changed_cb (EbQuoteListView *self,
                   GtkSearchEntry  *entry)
{
  eb_quote_list_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (EbQuoteListView *self,
                GtkSearchEntry  *entry)
{
  eb_quote_list_view_set_search (self, "");
  gtk_widget_grab_focus (self->list_view);
}

static gboolean
match_quote_cb (guint    index,
                gpointer data)
{
  EbQuoteListView *self = data;

  return eb_quote_filter_matches (get_filter (self),
                                  eb_quote_list_get_quote (eb_coding_store_get_quotes (self->store), index));
}

/* The change of the filter has been shown: rows bound from now on are
 * bound at once, the rest that wait when idle. */
static void
end_filtering (EbQuoteListView *self)
{
  self->filtering = FALSE;
  /* A frame clock disposed with its window has dropped its handlers. */
  if (self->after_paint_id != 0 &&
      g_signal_handler_is_connected (self->filter_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->filter_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->filter_clock);
  if (g_hash_table_size (self->pending_rows) > 0 && self->bind_id == 0)
    {
      self->bind_id = g_idle_add (bind_rows_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->bind_id),
                                "[eb] quotes bind_rows_cb");
    }
}

static void
after_paint_cb (EbQuoteListView *self,
                GdkFrameClock   *clock)
{
  end_filtering (self);
}

/* Before the filter model follows a change of the filter: connected
 * before the model's own handler. The list view makes and binds its new
 * rows now or in the next frame's layout: until that frame is painted,
 * rows beyond the first screenful wait (bind_row_cb). */
static void
filter_changing_cb (EbQuoteListView *self,
                    GtkFilterChange  change,
                    GtkFilter       *filter)
{
  int height = gtk_widget_get_height (self->scrolled_window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (self->list_view);

  self->filter_moved = FALSE;
  /* Unshown, nothing is laid out: nothing to put off. */
  if (height <= 0 || clock == NULL || !gtk_widget_get_mapped (self->list_view))
    return;
  self->filtering = TRUE;
  self->n_eager_rows = height / MIN_ROW_HEIGHT + 2;
  if (self->after_paint_id == 0)
    {
      self->filter_clock = g_object_ref (clock);
      self->after_paint_id = g_signal_connect_swapped (clock, "after-paint",
                                                       G_CALLBACK (after_paint_cb), self);
    }
}

/* After the filter model followed it (connected after). A new result
 * is read from its top. */
static void
filter_changed_cb (EbQuoteListView *self,
                   GtkFilterChange  change,
                   GtkFilter       *filter)
{
  /* Not by the adjustment: GTK 4.8's list view would read its new
   * position from the rows' old places. */
  if (self->filter_moved && g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", 0);
  if (self->filtering)
    {
      bind_pending_rows (self, self->n_eager_rows, G_MAXUINT);
      if (!self->filter_moved)
        end_filtering (self);
    }

  rebuild_chips (self);
  sync_theme_checks (self);
  if (self->filter_popover != NULL && gtk_widget_get_visible (self->filter_popover))
    gtk_widget_set_sensitive (self->clear_button, eb_quote_filter_has_conditions (get_filter (self)));
  update_count (self);
}

static void
codebook_changed_cb (EbQuoteListView *self,
                     EbCodebook      *codebook)
{
  rebuild_chips (self);
  if (gtk_widget_get_visible (self->filter_popover))
    fill_theme_store (self);
}

static void
items_changed_cb (EbQuoteListView *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  if (self->filtering)
    self->filter_moved = TRUE;
  if (removed != added)
    update_count (self);
}

static void
disconnect_store (EbQuoteListView *self)
{
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (eb_coding_store_get_codebook (self->store),
                                          codebook_changed_cb, self);
  if (self->filter != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->filter, filter_changing_cb, self);
      g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
    }
}

static gboolean
eb_quote_list_view_grab_focus (GtkWidget *widget)
{
  EbQuoteListView *self = EB_QUOTE_LIST_VIEW (widget);

  return gtk_widget_grab_focus (self->list_view);
}

static void
eb_quote_list_view_dispose (GObject *object)
{
  EbQuoteListView *self = EB_QUOTE_LIST_VIEW (object);
  GtkWidget *child;

  disconnect_store (self);
  end_filtering (self);
  g_clear_handle_id (&self->bind_id, g_source_remove);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_func (self->filter_model, items_changed_cb, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_QUOTE_LIST_VIEW);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->theme_store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eb_quote_list_view_parent_class)->dispose (object);
}

static void
eb_quote_list_view_finalize (GObject *object)
{
  EbQuoteListView *self = EB_QUOTE_LIST_VIEW (object);

  g_clear_pointer (&self->attribute_columns, g_array_unref);
  g_clear_pointer (&self->theme_checks, g_ptr_array_unref);
  g_clear_pointer (&self->question_columns, g_array_unref);
  g_clear_pointer (&self->attribute_choices, g_array_unref);
  g_clear_pointer (&self->value_choices, g_ptr_array_unref);
  g_clear_pointer (&self->coders, g_strfreev);
  g_clear_pointer (&self->pending_rows, g_hash_table_unref);
  g_clear_pointer (&self->count_text, g_free);

  G_OBJECT_CLASS (eb_quote_list_view_parent_class)->finalize (object);
}

static void
eb_quote_list_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EbQuoteListView *self = EB_QUOTE_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, eb_quote_list_view_get_search (self));
      break;

    case PROP_N_VISIBLE:
      g_value_set_uint (value, self->n_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_quote_list_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EbQuoteListView *self = EB_QUOTE_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      eb_quote_list_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_SEARCH:
      eb_quote_list_view_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_quote_list_view_class_init (EbQuoteListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_quote_list_view_dispose;
  object_class->finalize = eb_quote_list_view_finalize;
  object_class->get_property = eb_quote_list_view_get_property;
  object_class->set_property = eb_quote_list_view_set_property;

  widget_class->grab_focus = eb_quote_list_view_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EB_TYPE_CODING_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (EB_TYPE_ADAPTIVE_TOOLBAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/eb-quote-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, question_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, attribute_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, value_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, theme_match_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, theme_list);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, coder_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, uncoded_check);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, count_label);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, count_squeezer);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, short_count_label);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, shown_count_label);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, tag_button);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, respondent_button);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, chip_box);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, stack);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, list_view);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, EbQuoteListView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, question_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, attribute_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, value_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, theme_match_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, theme_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, coder_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, uncoded_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "quotelistview");

  chip_kind_quark = g_quark_from_static_string ("eb-chip-kind");
  list_item_quark = g_quark_from_static_string ("eb-list-item");
  chip_column_quark = g_quark_from_static_string ("eb-chip-column");
  theme_id_quark = g_quark_from_static_string ("eb-theme-id");
}

static void
eb_quote_list_view_init (EbQuoteListView *self)
{
  g_autoptr(GtkListItemFactory) theme_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) theme_selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (self->count_squeezer, TRUE);
  g_signal_connect_swapped (self->count_squeezer, "query-tooltip", G_CALLBACK (count_query_tooltip_cb), self);

  self->attribute_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  self->theme_checks = g_ptr_array_new ();
  self->question_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  self->attribute_choices = g_array_new (FALSE, FALSE, sizeof (guint));
  self->value_choices = g_ptr_array_new_with_free_func (g_free);
  self->pending_rows = g_hash_table_new (NULL, NULL);
  self->id_column = -1;

  self->filter_model = eb_filter_model_new ();
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (items_changed_cb), self);
  set_factory (self);

  self->theme_store = g_list_store_new (EB_TYPE_THEME);
  theme_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->theme_store)));
  g_signal_connect (theme_factory, "setup", G_CALLBACK (setup_theme_check_cb), self);
  g_signal_connect (theme_factory, "bind", G_CALLBACK (bind_theme_check_cb), self);
  g_signal_connect (theme_factory, "unbind", G_CALLBACK (unbind_theme_check_cb), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->theme_list), theme_factory);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->theme_list), GTK_SELECTION_MODEL (theme_selection));

  /* The workspace enables the action only while it has folded the
   * respondent panel away (a narrow window); the button is there then
   * only. */
  g_object_bind_property (self->respondent_button, "sensitive",
                          self->respondent_button, "visible", G_BINDING_SYNC_CREATE);

  gtk_widget_set_sensitive (self->search_entry, FALSE);
  gtk_widget_set_sensitive (self->filter_button, FALSE);
  update_count (self);
}

GtkWidget *
eb_quote_list_view_new (void)
{
  return g_object_new (EB_TYPE_QUOTE_LIST_VIEW, NULL);
}

EbCodingStore *
eb_quote_list_view_get_store (EbQuoteListView *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  return self->store;
}

void
eb_quote_list_view_set_store (EbQuoteListView *self,
                              EbCodingStore   *store)
{
  g_return_if_fail (EB_IS_QUOTE_LIST_VIEW (self));
  g_return_if_fail (store == NULL || EB_IS_CODING_STORE (store));

  if (self->store == store)
    return;

  disconnect_store (self);
  /* Empty the list first, so that nothing below works on the old quotes. */
  eb_filter_model_set_source (self->filter_model, NULL, NULL);
  eb_filter_model_set_match_func (self->filter_model, NULL, NULL);
  g_clear_object (&self->filter);
  g_set_object (&self->store, store);
  set_entry_text (self, "");
  g_array_set_size (self->attribute_columns, 0);
  self->id_column = -1;

  if (store != NULL)
    {
      self->filter = eb_quote_filter_new (store);
      self->id_column = eb_quote_list_get_id_column (eb_coding_store_get_quotes (store));
      choose_attribute_columns (self);
      /* Before the filter model's handler (connected in set_source). */
      g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (filter_changing_cb), self);
      eb_filter_model_set_match_func (self->filter_model, match_quote_cb, self);
      eb_filter_model_set_source (self->filter_model,
                                  G_LIST_MODEL (eb_coding_store_get_quotes (store)), self->filter);
      g_signal_connect_data (self->filter, "changed", G_CALLBACK (filter_changed_cb), self,
                             NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_swapped (eb_coding_store_get_codebook (store), "changed",
                                G_CALLBACK (codebook_changed_cb), self);
      self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_search_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->prepare_id),
                                "[eb] quotes prepare_search_cb");
    }

  gtk_widget_set_sensitive (self->search_entry, store != NULL);
  gtk_widget_set_sensitive (self->filter_button, store != NULL);
  fill_columns_box (self);
  rebuild_chips (self);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

EbQuoteFilter *
eb_quote_list_view_get_filter (EbQuoteListView *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  return get_filter (self);
}

const char *
eb_quote_list_view_get_search (EbQuoteListView *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  return self->filter != NULL ? eb_quote_filter_get_search (get_filter (self))
                              : gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
eb_quote_list_view_set_search (EbQuoteListView *self,
                               const char      *search)
{
  g_return_if_fail (EB_IS_QUOTE_LIST_VIEW (self));

  if (search == NULL)
    search = "";
  if (self->filter == NULL || g_strcmp0 (eb_quote_filter_get_search (get_filter (self)), search) == 0)
    {
      set_entry_text (self, search);
      return;
    }
  set_entry_text (self, search);
  eb_quote_filter_set_search (get_filter (self), search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

void
eb_quote_list_view_focus_search (EbQuoteListView *self)
{
  g_return_if_fail (EB_IS_QUOTE_LIST_VIEW (self));

  gtk_widget_grab_focus (self->search_entry);
}

guint
eb_quote_list_view_get_n_visible (EbQuoteListView *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), 0);

  return self->n_visible;
}

void
eb_quote_list_view_set_attribute_columns (EbQuoteListView *self,
                                          const guint     *columns,
                                          guint            n_columns)
{
  g_return_if_fail (EB_IS_QUOTE_LIST_VIEW (self));
  g_return_if_fail (columns != NULL || n_columns == 0);

  if (self->attribute_columns->len == n_columns &&
      (n_columns == 0 || memcmp (self->attribute_columns->data, columns, n_columns * sizeof (guint)) == 0))
    return;
  g_array_set_size (self->attribute_columns, 0);
  g_array_append_vals (self->attribute_columns, columns, n_columns);
  set_factory (self);
  fill_columns_box (self);
}

GArray *
eb_quote_list_view_dup_attribute_columns (EbQuoteListView *self)
{
  GArray *columns;

  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (columns, self->attribute_columns->data, self->attribute_columns->len);
  return columns;
}

GListModel *
eb_quote_list_view_get_quotes (EbQuoteListView *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

GtkSelectionModel *
eb_quote_list_view_get_selection (EbQuoteListView *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GtkListView *
eb_quote_list_view_get_list_view (EbQuoteListView *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  return GTK_LIST_VIEW (self->list_view);
}

GArray *
eb_quote_list_view_dup_selected_indices (EbQuoteListView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *indices;
  guint position;

  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  indices = g_array_new (FALSE, FALSE, sizeof (guint));
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(EbQuote) quote = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

      if (quote != NULL)
        {
          guint index = eb_quote_get_index (quote);

          g_array_append_val (indices, index);
        }
    }
  return indices;
}

void
eb_quote_list_view_select_position (EbQuoteListView *self,
                                    guint            position)
{
  guint n;

  g_return_if_fail (EB_IS_QUOTE_LIST_VIEW (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  if (n == 0)
    return;
  position = MIN (position, n - 1);
  gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  if (gtk_widget_get_mapped (self->list_view))
    eb_quote_list_view_focus_position (self, position);
}

gboolean
eb_quote_list_view_select_quote (EbQuoteListView *self,
                                 guint            index)
{
  guint position;

  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), FALSE);

  /* A quote's index is its position in the store's list. */
  if (!eb_filter_model_find (self->filter_model, index, &position))
    return FALSE;
  eb_quote_list_view_select_position (self, position);
  return TRUE;
}

/* The row of the list's child ITEM (a list item widget). */
static EbQuoteRow *
row_of_item_widget (GtkWidget *item)
{
  GtkWidget *row = gtk_widget_get_first_child (item);

  return row != NULL && EB_IS_QUOTE_ROW (row) ? EB_QUOTE_ROW (row) : NULL;
}

gboolean
eb_quote_list_view_focus_position (EbQuoteListView *self,
                                   guint            position)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), FALSE);

  /* GTK 4.8 has no API to focus an item: focusing its row and "scrolling"
   * to it is what the list itself does when a row is clicked. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      EbQuoteRow *row = row_of_item_widget (child);
      GtkListItem *item = row != NULL ? g_object_get_qdata (G_OBJECT (row), list_item_quark) : NULL;

      if (item != NULL && gtk_list_item_get_position (item) == position)
        {
          gtk_widget_grab_focus (child);
          gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
          return TRUE;
        }
    }
  return FALSE;
}

GtkWidget *
eb_quote_list_view_get_tag_button (EbQuoteListView *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  return self->tag_button;
}

GStrv
eb_quote_list_view_dup_chip_labels (EbQuoteListView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (EB_IS_QUOTE_LIST_VIEW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->chip_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *label = gtk_widget_get_first_child (chip);

      g_strv_builder_add (builder, gtk_widget_get_tooltip_text (label));
    }
  return g_strv_builder_end (builder);
}
