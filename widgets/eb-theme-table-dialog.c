/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-theme-table-dialog"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "coding-analysis.h"
#include "eb-quotes-view.h"
#include "eb-theme-chips.h"
#include "eb-theme-table-dialog.h"

/* The crosstab's extra column: the theme's total over every value. */
#define TOTAL_COLUMN -1

typedef enum
{
  PERCENT_COLUMN,
  PERCENT_ROW,
  PERCENT_NONE,
} PercentMode;

typedef enum
{
  PROFILE_MEAN_MENTION,
  PROFILE_UPPER_MENTION,
  PROFILE_MEAN_OTHERS,
  PROFILE_UPPER_OTHERS,
  PROFILE_DIFFERENCE,
} ProfileColumn;

struct _EbThemeTableDialog
{
  AdwWindow        parent_instance;

  EbCodingStore   *store;
  GArray          *visible;             /* guint, NULL: every quote */
  GArray          *attribute_columns;   /* guint */
  GArray          *likert_columns;      /* guint */
  GPtrArray       *themes;              /* codable and group themes, depth first */
  EbThemeCrosstab *crosstab;
  EbThemeProfile  *profile;
  GListStore      *crosstab_rows;       /* EbTheme, the crosstab's order */
  GtkStringList   *profile_rows;        /* Likert item names */

  GtkWidget       *stack;
  GtkWidget       *attribute_dropdown;
  GtkWidget       *unit_dropdown;
  GtkWidget       *percent_dropdown;
  GtkWidget       *crosstab_caption;
  GtkWidget       *crosstab_view;
  GtkWidget       *theme_dropdown;
  GtkWidget       *profile_caption;
  GtkWidget       *profile_stack;
  GtkWidget       *profile_page;
  GtkWidget       *profile_view;
  GtkWidget       *profile_empty_page;
};

G_DEFINE_FINAL_TYPE (EbThemeTableDialog, eb_theme_table_dialog, ADW_TYPE_WINDOW)

static char *
format_percent (double percent)
{
  if (isnan (percent))
    return g_strdup ("—");
  /* 1 respondent of 206 is not "0 %". */
  if (percent > 0 && percent < 0.5)
    return g_strdup ("<1 %");
  return g_strdup_printf ("%.0f %%", percent);
}

static const guint *
visible_data (EbThemeTableDialog *self,
              guint              *n_visible)
{
  *n_visible = self->visible != NULL ? self->visible->len : 0;
  return self->visible != NULL ? (const guint *) self->visible->data : NULL;
}

static void
remove_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
}

/* ---- Theme x attribute ---- */

static char *
cell_text (EbThemeTableDialog *self,
           guint               row,
           int                 value)
{
  EbCountUnit unit = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit_dropdown)) == 0
                     ? EB_COUNT_RESPONDENTS : EB_COUNT_QUOTES;
  PercentMode mode = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->percent_dropdown));
  g_autofree char *percent = NULL;
  guint count;

  if (self->crosstab == NULL || row >= eb_theme_crosstab_get_n_themes (self->crosstab))
    return g_strdup ("");
  count = value == TOTAL_COLUMN ? eb_theme_crosstab_get_theme_total (self->crosstab, unit, row)
                                : eb_theme_crosstab_get_count (self->crosstab, unit, row, (guint) value);
  switch (mode)
    {
    case PERCENT_COLUMN:
      percent = format_percent (value == TOTAL_COLUMN
                                ? eb_theme_crosstab_get_total_percent (self->crosstab, unit, row)
                                : eb_theme_crosstab_get_column_percent (self->crosstab, unit, row, (guint) value));
      break;

    case PERCENT_ROW:
      percent = format_percent (value == TOTAL_COLUMN
                                ? (count > 0 ? 100.0 : NAN)
                                : eb_theme_crosstab_get_row_percent (self->crosstab, unit, row, (guint) value));
      break;

    case PERCENT_NONE:
    default:
      return g_strdup_printf ("%u", count);
    }
  return g_strdup_printf ("%u (%s)", count, percent);
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_count_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               EbThemeTableDialog       *self)
{
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "eb-value"));
  g_autofree char *text = cell_text (self, gtk_list_item_get_position (item), value);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
setup_theme_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = eb_theme_chips_new ();
  GtkWidget *label = gtk_label_new (NULL);

  eb_theme_chips_set_compact (EB_THEME_CHIPS (swatch), TRUE);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_theme_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  EbTheme *theme = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);

  gtk_widget_set_margin_start (box, 16 * (int) eb_theme_get_depth (theme));
  eb_theme_chips_set_single (EB_THEME_CHIPS (swatch), eb_theme_get_name (theme), eb_theme_get_color (theme));
  gtk_label_set_text (GTK_LABEL (label), eb_theme_get_name (theme));
  gtk_widget_set_tooltip_text (label, eb_theme_get_name (theme));
  if (eb_theme_get_codable (theme))
    gtk_widget_remove_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "heading");
}

static void
append_column (GtkColumnView      *view,
               const char         *title,
               GCallback           setup,
               GCallback           bind,
               gpointer            data,
               int                 value,
               int                 width,
               gboolean            expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data (G_OBJECT (factory), "eb-value", GINT_TO_POINTER (value));
  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (view, column);
}

static void
update_crosstab (EbThemeTableDialog *self)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (self->crosstab_view);
  EbCountUnit unit = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->unit_dropdown)) == 0
                     ? EB_COUNT_RESPONDENTS : EB_COUNT_QUOTES;
  guint chosen = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->attribute_dropdown));
  g_autofree char *caption = NULL;
  g_autofree char *all_title = NULL;
  const guint *visible;
  guint n_visible;

  remove_columns (view);
  g_list_store_remove_all (self->crosstab_rows);
  g_clear_pointer (&self->crosstab, eb_theme_crosstab_unref);
  if (chosen >= self->attribute_columns->len)
    {
      gtk_label_set_text (GTK_LABEL (self->crosstab_caption),
                          _("The survey has no attribute columns to count themes by."));
      return;
    }

  visible = visible_data (self, &n_visible);
  self->crosstab = eb_theme_crosstab_new (self->store, g_array_index (self->attribute_columns, guint, chosen),
                                          visible, n_visible);
  for (guint t = 0; t < eb_theme_crosstab_get_n_themes (self->crosstab); t++)
    g_list_store_append (self->crosstab_rows, eb_theme_crosstab_get_theme (self->crosstab, t));

  append_column (view, _("Theme"), G_CALLBACK (setup_theme_cb), G_CALLBACK (bind_theme_cb), self,
                 0, 280, TRUE);
  for (guint v = 0; v < eb_theme_crosstab_get_n_values (self->crosstab); v++)
    {
      const char *value = eb_theme_crosstab_get_value (self->crosstab, v);
      g_autofree char *title = g_strdup_printf ("%s · %u", *value != '\0' ? value : _("(none)"),
                                                eb_theme_crosstab_get_value_total (self->crosstab, unit, v));

      append_column (view, title, G_CALLBACK (setup_number_cb), G_CALLBACK (bind_count_cb), self,
                     (int) v, 120, FALSE);
    }
  /* Translators: the column of all values; %u is its base. */
  all_title = g_strdup_printf (_("All · %u"), eb_theme_crosstab_get_grand_total (self->crosstab, unit));
  append_column (view, all_title, G_CALLBACK (setup_number_cb), G_CALLBACK (bind_count_cb), self,
                 TOTAL_COLUMN, 120, FALSE);

  if (unit == EB_COUNT_RESPONDENTS)
    caption = g_strdup_printf (_("Respondents who mention each theme or a sub-theme, by %s; "
                                 "the heading gives each group’s number of respondents. "
                                 "Counted over %s."),
                               eb_survey_get_column_name (eb_coding_store_get_survey (self->store),
                                                          g_array_index (self->attribute_columns, guint, chosen)),
                               self->visible != NULL ? _("the quotes the search and filters show")
                                                     : _("all quotes"));
  else
    caption = g_strdup_printf (_("Quotes coded with each theme or a sub-theme, by %s; "
                                 "the heading gives each group’s number of quotes. "
                                 "Counted over %s."),
                               eb_survey_get_column_name (eb_coding_store_get_survey (self->store),
                                                          g_array_index (self->attribute_columns, guint, chosen)),
                               self->visible != NULL ? _("the quotes the search and filters show")
                                                     : _("all quotes"));
  gtk_label_set_text (GTK_LABEL (self->crosstab_caption), caption);
}

static void
options_changed_cb (EbThemeTableDialog *self,
                    GParamSpec         *pspec,
                    GtkDropDown        *dropdown)
{
  if (self->store != NULL)
    update_crosstab (self);
}

/* ---- The Likert profile ---- */

static char *
profile_text (EbThemeTableDialog *self,
              guint               item,
              ProfileColumn       column)
{
  double value;

  if (self->profile == NULL || item >= eb_theme_profile_get_n_items (self->profile))
    return g_strdup ("");
  switch (column)
    {
    case PROFILE_MEAN_MENTION:
    case PROFILE_MEAN_OTHERS:
      value = eb_theme_profile_get_mean (self->profile,
                                         column == PROFILE_MEAN_MENTION ? EB_PROFILE_MENTION : EB_PROFILE_OTHERS,
                                         item);
      return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.2f", value);

    case PROFILE_UPPER_MENTION:
    case PROFILE_UPPER_OTHERS:
      return format_percent (eb_theme_profile_get_percent_positive (self->profile,
                                                                    column == PROFILE_UPPER_MENTION
                                                                    ? EB_PROFILE_MENTION : EB_PROFILE_OTHERS,
                                                                    item));

    case PROFILE_DIFFERENCE:
      value = eb_theme_profile_get_percent_positive (self->profile, EB_PROFILE_MENTION, item) -
              eb_theme_profile_get_percent_positive (self->profile, EB_PROFILE_OTHERS, item);
      /* Translators: a difference in percentage points. */
      return isnan (value) ? g_strdup ("—") : g_strdup_printf (_("%+.0f pts"), value);

    default:
      g_assert_not_reached ();
    }
}

static void
bind_profile_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 EbThemeTableDialog       *self)
{
  ProfileColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "eb-value"));
  g_autofree char *text = profile_text (self, gtk_list_item_get_position (item), column);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_child (item, label);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (name));
}

static void
update_profile (EbThemeTableDialog *self)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (self->profile_view);
  guint chosen = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->theme_dropdown));
  g_autoptr(GError) error = NULL;
  g_autofree char *mention = NULL;
  g_autofree char *others = NULL;
  g_autofree char *caption = NULL;
  EbTheme *theme;
  const guint *visible;
  guint n_visible, n_mention, n_others;

  remove_columns (view);
  g_clear_pointer (&self->profile, eb_theme_profile_unref);
  if (self->likert_columns->len == 0 || chosen >= self->themes->len)
    {
      gtk_stack_set_visible_child (GTK_STACK (self->profile_stack), self->profile_empty_page);
      gtk_label_set_text (GTK_LABEL (self->profile_caption), "");
      return;
    }
  gtk_stack_set_visible_child (GTK_STACK (self->profile_stack), self->profile_page);

  theme = g_ptr_array_index (self->themes, chosen);
  visible = visible_data (self, &n_visible);
  self->profile = eb_theme_profile_new (self->store, eb_theme_get_id (theme),
                                        (const guint *) self->likert_columns->data, self->likert_columns->len,
                                        visible, n_visible, &error);
  if (self->profile == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->profile_caption), error->message);
      return;
    }
  n_mention = eb_theme_profile_get_n_respondents (self->profile, EB_PROFILE_MENTION);
  n_others = eb_theme_profile_get_n_respondents (self->profile, EB_PROFILE_OTHERS);

  /* Translators: column headings; %u is a number of respondents. */
  mention = g_strdup_printf (_("Mention it · %u"), n_mention);
  others = g_strdup_printf (_("Others · %u"), n_others);
  append_column (view, _("Likert item"), G_CALLBACK (setup_item_cb), G_CALLBACK (bind_item_cb), self,
                 0, 320, TRUE);
  append_column (view, mention, G_CALLBACK (setup_number_cb), G_CALLBACK (bind_profile_cb), self,
                 PROFILE_MEAN_MENTION, 110, FALSE);
  append_column (view, _("Upper half"), G_CALLBACK (setup_number_cb), G_CALLBACK (bind_profile_cb), self,
                 PROFILE_UPPER_MENTION, 100, FALSE);
  append_column (view, others, G_CALLBACK (setup_number_cb), G_CALLBACK (bind_profile_cb), self,
                 PROFILE_MEAN_OTHERS, 110, FALSE);
  append_column (view, _("Upper half"), G_CALLBACK (setup_number_cb), G_CALLBACK (bind_profile_cb), self,
                 PROFILE_UPPER_OTHERS, 100, FALSE);
  append_column (view, _("Difference"), G_CALLBACK (setup_number_cb), G_CALLBACK (bind_profile_cb), self,
                 PROFILE_DIFFERENCE, 100, FALSE);

  caption = g_strdup_printf (_("The mean answer (1 is the lowest point of the scale) and the share of "
                               "answers in the upper half of the scale, for the %u respondents with a quote "
                               "coded “%s” and the %u others."),
                             n_mention, eb_theme_get_name (theme), n_others);
  gtk_label_set_text (GTK_LABEL (self->profile_caption), caption);
}

static void
theme_changed_cb (EbThemeTableDialog *self,
                  GParamSpec         *pspec,
                  GtkDropDown        *dropdown)
{
  if (self->store != NULL)
    update_profile (self);
}

/* ---- GObject ---- */

static void
eb_theme_table_dialog_dispose (GObject *object)
{
  EbThemeTableDialog *self = EB_THEME_TABLE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_THEME_TABLE_DIALOG);
  g_clear_pointer (&self->crosstab, eb_theme_crosstab_unref);
  g_clear_pointer (&self->profile, eb_theme_profile_unref);
  g_clear_object (&self->crosstab_rows);
  g_clear_object (&self->profile_rows);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eb_theme_table_dialog_parent_class)->dispose (object);
}

static void
eb_theme_table_dialog_finalize (GObject *object)
{
  EbThemeTableDialog *self = EB_THEME_TABLE_DIALOG (object);

  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->attribute_columns, g_array_unref);
  g_clear_pointer (&self->likert_columns, g_array_unref);
  g_clear_pointer (&self->themes, g_ptr_array_unref);

  G_OBJECT_CLASS (eb_theme_table_dialog_parent_class)->finalize (object);
}

static void
eb_theme_table_dialog_class_init (EbThemeTableDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_theme_table_dialog_dispose;
  object_class->finalize = eb_theme_table_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/eb-theme-table-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, attribute_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, percent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, crosstab_caption);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, crosstab_view);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, profile_caption);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, profile_stack);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, profile_page);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, profile_view);
  gtk_widget_class_bind_template_child (widget_class, EbThemeTableDialog, profile_empty_page);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, theme_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
eb_theme_table_dialog_init (EbThemeTableDialog *self)
{
  g_autoptr(GtkNoSelection) crosstab_selection = NULL;
  g_autoptr(GtkNoSelection) profile_selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  eb_quotes_view_ensure_style ();

  self->attribute_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  self->likert_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  self->crosstab_rows = g_list_store_new (EB_TYPE_THEME);
  self->profile_rows = gtk_string_list_new (NULL);
  crosstab_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->crosstab_rows)));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->crosstab_view), GTK_SELECTION_MODEL (crosstab_selection));
  profile_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->profile_rows)));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->profile_view), GTK_SELECTION_MODEL (profile_selection));
}

GtkWidget *
eb_theme_table_dialog_new (EbCodingStore *store,
                           const guint   *visible,
                           guint          n_visible,
                           gint64         theme_id)
{
  EbThemeTableDialog *self;
  EbSurvey *survey;
  g_autoptr(GtkStringList) attributes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) themes = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  guint selected_theme = 0;

  g_return_val_if_fail (EB_IS_CODING_STORE (store), NULL);
  g_return_val_if_fail (visible != NULL || n_visible == 0, NULL);

  self = g_object_new (EB_TYPE_THEME_TABLE_DIALOG, NULL);
  self->store = g_object_ref (store);
  if (visible != NULL)
    {
      self->visible = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_visible);
      g_array_append_vals (self->visible, visible, n_visible);
    }

  survey = eb_coding_store_get_survey (store);
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    {
      EbColumnRole role = eb_survey_get_column_role (survey, c);

      if (role == EB_COLUMN_ROLE_ATTRIBUTE)
        {
          g_array_append_val (self->attribute_columns, c);
          gtk_string_list_append (attributes, eb_survey_get_column_name (survey, c));
        }
      else if (role == EB_COLUMN_ROLE_LIKERT && eb_survey_get_column_scale (survey, c) != NULL)
        {
          g_array_append_val (self->likert_columns, c);
          gtk_string_list_append (self->profile_rows, eb_survey_get_column_name (survey, c));
        }
    }
  all = eb_codebook_dup_themes (eb_coding_store_get_codebook (store));
  for (guint i = 0; i < all->len; i++)
    {
      EbTheme *theme = g_ptr_array_index (all, i);
      g_autoptr(GString) label = g_string_new (NULL);

      for (guint d = 0; d < eb_theme_get_depth (theme); d++)
        g_string_append (label, "    ");
      g_string_append (label, eb_theme_get_name (theme));
      if (eb_theme_get_id (theme) == theme_id)
        selected_theme = self->themes->len;
      g_ptr_array_add (self->themes, g_object_ref (theme));
      gtk_string_list_append (themes, label->str);
    }

  g_signal_handlers_block_by_func (self->attribute_dropdown, options_changed_cb, self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->attribute_dropdown), G_LIST_MODEL (attributes));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->attribute_dropdown), 0);
  g_signal_handlers_unblock_by_func (self->attribute_dropdown, options_changed_cb, self);
  gtk_widget_set_sensitive (self->attribute_dropdown, self->attribute_columns->len > 0);
  g_signal_handlers_block_by_func (self->theme_dropdown, theme_changed_cb, self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->theme_dropdown), G_LIST_MODEL (themes));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->theme_dropdown), selected_theme);
  g_signal_handlers_unblock_by_func (self->theme_dropdown, theme_changed_cb, self);

  update_crosstab (self);
  update_profile (self);
  return GTK_WIDGET (self);
}

int
eb_theme_table_dialog_get_attribute (EbThemeTableDialog *self)
{
  guint chosen;

  g_return_val_if_fail (EB_IS_THEME_TABLE_DIALOG (self), -1);

  chosen = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->attribute_dropdown));
  return chosen < self->attribute_columns->len ? (int) g_array_index (self->attribute_columns, guint, chosen) : -1;
}

void
eb_theme_table_dialog_set_attribute (EbThemeTableDialog *self,
                                     guint               column)
{
  g_return_if_fail (EB_IS_THEME_TABLE_DIALOG (self));

  for (guint i = 0; i < self->attribute_columns->len; i++)
    if (g_array_index (self->attribute_columns, guint, i) == column)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->attribute_dropdown), i);
}

char *
eb_theme_table_dialog_dup_cell_text (EbThemeTableDialog *self,
                                     guint               row,
                                     guint               value)
{
  g_return_val_if_fail (EB_IS_THEME_TABLE_DIALOG (self), NULL);

  return cell_text (self, row, (int) value);
}
