/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-likert-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "eb-adaptive-toolbar.h"
#include "figure-chooser.h"
#include "eb-likert-view.h"
#include "figure-export.h"
#include "reliability.h"

/* The reliability panel's width when it stands beside the table. */
#define RELIABILITY_WIDTH   360
#define DETAILS_SPACING     24
/* The content's side margins and the clamp's maximum (eb-likert-view.ui). */
#define CONTENT_MARGINS     24
#define CONTENT_MAX_WIDTH   1600
#define MAX_DROPDOWN_CHARS  28

struct _EbLikertView
{
  GtkWidget             parent_instance;

  EbSurvey             *survey;
  EbProject            *project;

  /* What can be shown: item sets (GArray of guint columns sharing one
   * scale) and the attribute columns to group by. */
  GPtrArray            *item_sets;
  GArray               *group_columns;
  guint                 item_set;
  int                   group_column;
  EbLikertChartOptions  options;

  EbLikertAnalysis     *analysis;
  EbReliability        *reliability;
  GPtrArray            *item_rows;

  /* Widgets are being set from the settings: their signals change nothing. */
  gboolean              loading;
  gboolean              wide;
  GCancellable         *export_cancellable;

  /* Template children */
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkDropDown          *group_dropdown;
  GtkStringList        *group_model;
  GtkDropDown          *items_dropdown;
  GtkStringList        *items_model;
  GtkLabel             *summary_label;
  GtkMenuButton        *settings_button;
  GtkPopover           *settings_popover;
  GtkScrolledWindow    *scrolled_window;
  GtkWidget            *table_scroller;
  GtkBox               *details_box;
  GtkBox               *table_box;
  EbLikertChart        *chart;
  GtkRevealer          *selection_revealer;
  GtkLabel             *selection_label;
  EbLikertTable        *table;
  EbLikertComparisonPanel *comparison_panel;
  AdwClamp             *reliability_clamp;
  AdwPreferencesGroup  *reliability_group;
  AdwActionRow         *alpha_row;
  GtkLabel             *alpha_label;
  AdwActionRow         *component_row;
  GtkLabel             *component_label;
  AdwExpanderRow       *items_row;
  AdwComboRow          *style_row;
  AdwComboRow          *neutral_row;
  AdwComboRow          *palette_row;
  AdwComboRow          *sort_row;
  AdwComboRow          *groups_row;
  GtkSwitch            *percents_switch;
  AdwActionRow         *threshold_row;
  GtkSpinButton        *threshold_spin;
  GtkSwitch            *totals_switch;
  GtkSwitch            *n_switch;
};

/* One figure export, handed to the worker thread. */
typedef struct
{
  EbLikertAnalysis     *analysis;
  EbLikertChartOptions  options;
  char                 *note;
  char                 *path;
  EbFigureFormat        format;
} ExportJob;

G_DEFINE_FINAL_TYPE (EbLikertView, eb_likert_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SURVEY,
  PROP_PROJECT,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The settings' values as stored in the project. */
static const char * const style_names[] = { "diverging", "stacked" };
static const char * const neutral_names[] = { "split", "separate" };
static const char * const sort_names[] = { "questionnaire", "agreement" };
static const char * const group_layout_names[] = { "adjacent", "facets" };
static const EbPalette palettes[] = {
  EB_PALETTE_BRBG, EB_PALETTE_RDBU, EB_PALETTE_PUOR, EB_PALETTE_GREYS,
};

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_pointer (&job->analysis, eb_likert_analysis_unref);
  g_free (job->note);
  g_free (job->path);
  g_free (job);
}

static guint
index_of_name (const char * const *names,
               guint               n_names,
               const char         *value,
               guint               fallback)
{
  for (guint i = 0; value != NULL && i < n_names; i++)
    if (g_str_equal (names[i], value))
      return i;
  return fallback;
}

static guint
index_of_palette (EbPalette palette)
{
  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    if (palettes[i] == palette)
      return i;
  return 0;
}

static void
show_toast (EbLikertView *self,
            const char   *message,
            gboolean      important)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  if (important)
    {
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* ---- Settings ---- */

static char *
get_setting (EbLikertView *self,
             const char   *key)
{
  if (self->project == NULL)
    return NULL;
  return eb_project_get_setting (self->project, key);
}

static void
save_setting (EbLikertView *self,
              const char   *key,
              const char   *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;

  if (self->project == NULL)
    return;
  old = eb_project_get_setting (self->project, key);
  if (g_strcmp0 (old, value) == 0)
    return;
  if (!eb_project_set_setting (self->project, key, value, &error))
    show_toast (self, error->message, TRUE);
}

static gboolean
parse_boolean (const char *value,
               gboolean    fallback)
{
  if (g_strcmp0 (value, "true") == 0)
    return TRUE;
  if (g_strcmp0 (value, "false") == 0)
    return FALSE;
  return fallback;
}

static void
load_options (EbLikertView *self)
{
  g_autofree char *style = get_setting (self, "likert.style");
  g_autofree char *neutral = get_setting (self, "likert.neutral");
  g_autofree char *palette = get_setting (self, "likert.palette");
  g_autofree char *percents = get_setting (self, "likert.percents");
  g_autofree char *threshold = get_setting (self, "likert.percent-threshold");
  g_autofree char *totals = get_setting (self, "likert.totals");
  g_autofree char *show_n = get_setting (self, "likert.n");
  g_autofree char *sort = get_setting (self, "likert.sort");
  g_autofree char *groups = get_setting (self, "likert.groups");
  EbLikertChartOptions *options = &self->options;
  EbPalette value;

  eb_likert_chart_options_init (options);
  options->style = index_of_name (style_names, G_N_ELEMENTS (style_names), style, options->style);
  options->neutral = index_of_name (neutral_names, G_N_ELEMENTS (neutral_names), neutral,
                                    options->neutral);
  if (palette != NULL && eb_palette_from_string (palette, &value))
    options->palette = value;
  options->show_percents = parse_boolean (percents, options->show_percents);
  if (threshold != NULL)
    {
      double number = g_ascii_strtod (threshold, NULL);

      if (number >= 0 && number <= 50)
        options->percent_threshold = number;
    }
  options->show_totals = parse_boolean (totals, options->show_totals);
  options->show_n = parse_boolean (show_n, options->show_n);
  options->sort = index_of_name (sort_names, G_N_ELEMENTS (sort_names), sort, options->sort);
  options->group_layout = index_of_name (group_layout_names, G_N_ELEMENTS (group_layout_names),
                                         groups, options->group_layout);
}

static void
save_options (EbLikertView *self)
{
  const EbLikertChartOptions *options = &self->options;
  char threshold[G_ASCII_DTOSTR_BUF_SIZE];

  save_setting (self, "likert.style", style_names[options->style]);
  save_setting (self, "likert.neutral", neutral_names[options->neutral]);
  save_setting (self, "likert.palette", eb_palette_to_string (options->palette));
  save_setting (self, "likert.percents", options->show_percents ? "true" : "false");
  g_ascii_formatd (threshold, sizeof threshold, "%g", options->percent_threshold);
  save_setting (self, "likert.percent-threshold", threshold);
  save_setting (self, "likert.totals", options->show_totals ? "true" : "false");
  save_setting (self, "likert.n", options->show_n ? "true" : "false");
  save_setting (self, "likert.sort", sort_names[options->sort]);
  save_setting (self, "likert.groups", group_layout_names[options->group_layout]);
}

/* ---- What can be shown ---- */

/* The item sets `evalbench export --figures` draws, one chart each. */
static void
find_item_sets (EbLikertView *self)
{
  g_autoptr(GPtrArray) sets = NULL;

  g_ptr_array_set_size (self->item_sets, 0);
  if (self->survey == NULL)
    return;
  sets = eb_survey_dup_likert_sets (self->survey);
  for (guint s = 0; s < sets->len; s++)
    g_ptr_array_add (self->item_sets, g_array_ref (g_ptr_array_index (sets, s)));
}

static void
find_group_columns (EbLikertView *self)
{
  g_array_set_size (self->group_columns, 0);
  if (self->survey != NULL)
    {
      g_autoptr(GArray) columns = eb_survey_dup_group_columns (self->survey);

      g_array_append_vals (self->group_columns, columns->data, columns->len);
    }
}

/* "Realise I need to develop much more … Strongly developed · 7 items". */
static char *
describe_item_set (EbSurvey *survey,
                   GArray   *set)
{
  EbScale *scale = eb_survey_get_column_scale (survey, g_array_index (set, guint, 0));
  const char *lowest = NULL, *highest = NULL;

  for (guint l = 0; l < eb_scale_get_n_levels (scale); l++)
    if (!eb_scale_is_non_substantive (scale, l))
      {
        if (lowest == NULL)
          lowest = eb_scale_get_label (scale, l);
        highest = eb_scale_get_label (scale, l);
      }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s … %s · %u item",
                                       "%s … %s · %u items", set->len),
                          lowest, highest, set->len);
}

static void
fill_dropdowns (EbLikertView *self)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_free);
  guint n;

  g_ptr_array_add (groups, g_strdup (_("Not grouped")));
  for (guint i = 0; i < self->group_columns->len; i++)
    /* TRANSLATORS: group the chart by an attribute column, e.g. "By Programme" */
    g_ptr_array_add (groups, g_strdup_printf (_("By %s"),
                                              eb_survey_get_column_name (self->survey,
                                                                         g_array_index (self->group_columns, guint, i))));
  g_ptr_array_add (groups, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->group_model));
  gtk_string_list_splice (self->group_model, 0, n, (const char * const *) groups->pdata);

  for (guint i = 0; i < self->item_sets->len; i++)
    g_ptr_array_add (sets, describe_item_set (self->survey, g_ptr_array_index (self->item_sets, i)));
  g_ptr_array_add (sets, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items_model));
  gtk_string_list_splice (self->items_model, 0, n, (const char * const *) sets->pdata);
  gtk_widget_set_visible (GTK_WIDGET (self->items_dropdown), self->item_sets->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->group_dropdown), self->group_columns->len > 0);
}

/* The item set and grouping last shown, by column name so that they
 * survive a new import of the same questionnaire. */
static void
load_choices (EbLikertView *self)
{
  g_autofree char *items = get_setting (self, "likert.items");
  g_autofree char *group = get_setting (self, "likert.group-by");

  self->item_set = 0;
  for (guint s = 0; items != NULL && s < self->item_sets->len; s++)
    {
      GArray *set = g_ptr_array_index (self->item_sets, s);

      if (g_str_equal (eb_survey_get_column_name (self->survey, g_array_index (set, guint, 0)), items))
        self->item_set = s;
    }

  self->group_column = -1;
  for (guint i = 0; group != NULL && i < self->group_columns->len; i++)
    {
      guint column = g_array_index (self->group_columns, guint, i);

      if (g_str_equal (eb_survey_get_column_name (self->survey, column), group))
        self->group_column = (int) column;
    }
}

static guint
group_dropdown_position (EbLikertView *self)
{
  for (guint i = 0; i < self->group_columns->len; i++)
    if ((int) g_array_index (self->group_columns, guint, i) == self->group_column)
      return i + 1;
  return 0;
}

/* ---- Showing ---- */

static gboolean
item_set_is_odd (EbLikertView *self)
{
  GArray *set;
  EbScale *scale;

  if (self->survey == NULL || self->item_set >= self->item_sets->len)
    return FALSE;
  set = g_ptr_array_index (self->item_sets, self->item_set);
  scale = eb_survey_get_column_scale (self->survey, g_array_index (set, guint, 0));
  return eb_scale_get_n_substantive (scale) % 2 == 1;
}

static void
update_sensitivity (EbLikertView *self)
{
  gboolean odd = item_set_is_odd (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->neutral_row),
                            odd && self->options.style == EB_LIKERT_CHART_DIVERGING);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->neutral_row),
                               odd ? NULL : _("Only for diverging bars of scales with a middle answer"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->groups_row), self->group_column >= 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->groups_row),
                               self->group_column >= 0 ? NULL : _("Choose a grouping first"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_row), self->options.show_percents);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "likert.export-figure",
                                 self->analysis != NULL && self->export_cancellable == NULL);
}

/* The settings' widgets show the options, the dropdowns the choices. */
static void
sync_widgets (EbLikertView *self)
{
  self->loading = TRUE;
  adw_combo_row_set_selected (self->style_row, self->options.style);
  adw_combo_row_set_selected (self->neutral_row, self->options.neutral);
  adw_combo_row_set_selected (self->palette_row, index_of_palette (self->options.palette));
  adw_combo_row_set_selected (self->sort_row, self->options.sort);
  adw_combo_row_set_selected (self->groups_row, self->options.group_layout);
  gtk_switch_set_active (self->percents_switch, self->options.show_percents);
  gtk_spin_button_set_value (self->threshold_spin, self->options.percent_threshold);
  gtk_switch_set_active (self->totals_switch, self->options.show_totals);
  gtk_switch_set_active (self->n_switch, self->options.show_n);
  gtk_drop_down_set_selected (self->group_dropdown, group_dropdown_position (self));
  gtk_drop_down_set_selected (self->items_dropdown, self->item_set);
  self->loading = FALSE;
  update_sensitivity (self);
}

/* VALUE with two decimals, and a unit; a dash when it is undefined. */
static char *
format_statistic (double      value,
                  const char *unit)
{
  if (!isfinite (value))
    return g_strdup ("–");
  return g_strdup_printf ("%.2f%s", value, unit);
}

static void
clear_item_rows (EbLikertView *self)
{
  for (guint i = 0; i < self->item_rows->len; i++)
    adw_expander_row_remove (self->items_row, g_ptr_array_index (self->item_rows, i));
  g_ptr_array_set_size (self->item_rows, 0);
}

static void
update_reliability (EbLikertView *self)
{
  EbReliability *r = self->reliability;
  g_autofree char *alpha = NULL;
  g_autofree char *complete = NULL;
  g_autofree char *component = NULL;
  g_autofree char *eigenvalue = NULL;
  guint n_complete;

  clear_item_rows (self);
  if (r == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->reliability_group), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reliability_group), TRUE);

  n_complete = eb_reliability_get_n_complete (r);
  alpha = format_statistic (eb_reliability_get_alpha (r), "");
  gtk_label_set_label (self->alpha_label, alpha);
  if (isfinite (eb_reliability_get_alpha (r)))
    complete = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u complete response",
                                             "%u complete responses", n_complete),
                                n_complete);
  else
    complete = g_strdup (_("Needs two items or more, with varied answers from two complete responses"));
  adw_action_row_set_subtitle (self->alpha_row, complete);

  component = format_statistic (eb_reliability_get_first_component_percent (r), " %");
  gtk_label_set_label (self->component_label, component);
  if (eb_reliability_get_n_items (r) > 0 && isfinite (eb_reliability_get_eigenvalue (r, 0)))
    eigenvalue = g_strdup_printf (_("Of the variance; eigenvalue %.2f"), eb_reliability_get_eigenvalue (r, 0));
  else
    eigenvalue = g_strdup (_("Of the variance"));
  adw_action_row_set_subtitle (self->component_row, eigenvalue);

  for (guint i = 0; i < eb_reliability_get_n_items (r); i++)
    {
      g_autofree char *deleted = format_statistic (eb_reliability_get_alpha_if_deleted (r, i), "");
      g_autofree char *correlation = format_statistic (eb_reliability_get_item_total_correlation (r, i), "");
      /* TRANSLATORS: alpha if the item is deleted, and the corrected item-total correlation */
      g_autofree char *subtitle = g_strdup_printf (_("α if deleted %s · item–total r %s"), deleted, correlation);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), eb_reliability_get_item_name (r, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (self->items_row, row);
      g_ptr_array_add (self->item_rows, row);
    }
}

static void
update_summary (EbLikertView *self)
{
  g_autofree char *items = NULL;
  g_autofree char *respondents = NULL;
  g_autofree char *text = NULL;
  guint n_items, n_rows;

  if (self->analysis == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      return;
    }

  n_items = eb_likert_analysis_get_n_items (self->analysis);
  n_rows = eb_survey_get_n_rows (self->survey);
  items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n_items), n_items);
  respondents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u respondent", "%u respondents", n_rows),
                                 n_rows);
  if (self->group_column >= 0)
    {
      guint n_groups = eb_likert_analysis_get_n_groups (self->analysis);
      g_autofree char *groups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u group", "%u groups",
                                                              n_groups),
                                                 n_groups);

      text = g_strdup_printf ("%s · %s · %s", items, respondents, groups);
    }
  else
    text = g_strdup_printf ("%s · %s", items, respondents);
  gtk_label_set_label (self->summary_label, text);
}

/* Counts the current item set (grouped as chosen) and shows it. */
static void
recompute (EbLikertView *self)
{
  g_autoptr(GError) error = NULL;
  GArray *set;

  g_clear_pointer (&self->analysis, eb_likert_analysis_unref);
  g_clear_pointer (&self->reliability, eb_reliability_unref);

  if (self->survey != NULL && self->item_set < self->item_sets->len)
    {
      set = g_ptr_array_index (self->item_sets, self->item_set);
      self->analysis = eb_likert_analysis_new (self->survey, (const guint *) set->data, set->len,
                                               self->group_column, &error);
      if (self->analysis == NULL)
        {
          show_toast (self, error->message, TRUE);
          g_clear_error (&error);
          self->group_column = -1;
          self->analysis = eb_likert_analysis_new (self->survey, (const guint *) set->data, set->len,
                                                   -1, NULL);
        }
      self->reliability = eb_reliability_new (self->survey, (const guint *) set->data, set->len, NULL);
    }

  eb_likert_chart_set_options (self->chart, &self->options);
  eb_likert_chart_set_data (self->chart, self->analysis != NULL ? self->survey : NULL, self->analysis);
  eb_likert_table_set_analysis (self->table, self->analysis);
  eb_likert_comparison_panel_set_analysis (self->comparison_panel, self->survey, self->analysis);
  update_reliability (self);
  update_summary (self);
  update_sensitivity (self);

  gtk_stack_set_visible_child_name (self->stack, self->analysis != NULL ? "chart" : "empty");
}

static void
reload (EbLikertView *self)
{
  find_item_sets (self);
  find_group_columns (self);
  load_options (self);
  load_choices (self);
  /* New models reset the dropdowns' choices: no choice is made here. */
  self->loading = TRUE;
  fill_dropdowns (self);
  self->loading = FALSE;
  sync_widgets (self);
  recompute (self);
}

/* ---- Figure export ---- */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (eb_likert_chart_export (job->analysis, &job->options, job->format,
                              EB_FIGURE_DEFAULT_WIDTH_MM, EB_FIGURE_DEFAULT_DPI,
                              job->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EbLikertView *self = EB_LIKERT_VIEW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *message = NULL;

  if (eb_likert_view_export_figure_finish (self, result, &error))
    {
      message = g_strdup_printf (_("Saved the figure as “%s”"), name);
      show_toast (self, message, FALSE);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message, TRUE);
}

static void
export_response_cb (GtkNativeDialog *native,
                    int              response,
                    EbLikertView    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = eb_figure_chooser_dup_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        eb_likert_view_export_figure_to (self, file, NULL, export_done_cb, NULL);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
unref_view (gpointer  data,
            GClosure *closure)
{
  g_object_unref (data);
}

/* ---- Signal callbacks ---- */

static void
setting_changed_cb (EbLikertView *self)
{
  EbLikertChartOptions *options = &self->options;
  guint palette;

  if (self->loading)
    return;

  options->style = MIN (adw_combo_row_get_selected (self->style_row), G_N_ELEMENTS (style_names) - 1);
  options->neutral = MIN (adw_combo_row_get_selected (self->neutral_row), G_N_ELEMENTS (neutral_names) - 1);
  palette = MIN (adw_combo_row_get_selected (self->palette_row), G_N_ELEMENTS (palettes) - 1);
  options->palette = palettes[palette];
  options->sort = MIN (adw_combo_row_get_selected (self->sort_row), G_N_ELEMENTS (sort_names) - 1);
  options->group_layout = MIN (adw_combo_row_get_selected (self->groups_row),
                               G_N_ELEMENTS (group_layout_names) - 1);
  options->show_percents = gtk_switch_get_active (self->percents_switch);
  options->percent_threshold = gtk_spin_button_get_value (self->threshold_spin);
  options->show_totals = gtk_switch_get_active (self->totals_switch);
  options->show_n = gtk_switch_get_active (self->n_switch);

  save_options (self);
  eb_likert_chart_set_options (self->chart, options);
  update_sensitivity (self);
}

static void
group_selected_cb (EbLikertView *self)
{
  guint selected = gtk_drop_down_get_selected (self->group_dropdown);
  int column = -1;

  if (self->loading || self->survey == NULL)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->group_columns->len)
    column = (int) g_array_index (self->group_columns, guint, selected - 1);
  if (column == self->group_column)
    return;

  self->group_column = column;
  save_setting (self, "likert.group-by",
                column >= 0 ? eb_survey_get_column_name (self->survey, (guint) column) : "");
  recompute (self);
}

static void
items_selected_cb (EbLikertView *self)
{
  guint selected = gtk_drop_down_get_selected (self->items_dropdown);
  GArray *set;

  if (self->loading || self->survey == NULL || selected >= self->item_sets->len
      || selected == self->item_set)
    return;

  self->item_set = selected;
  set = g_ptr_array_index (self->item_sets, selected);
  save_setting (self, "likert.items", eb_survey_get_column_name (self->survey, g_array_index (set, guint, 0)));
  recompute (self);
}

static void
chart_selection_cb (EbLikertView *self)
{
  EbLikertSelection *selection = eb_likert_chart_get_selection (self->chart);

  if (selection != NULL)
    {
      gtk_label_set_label (self->selection_label, eb_likert_selection_get_label (selection));
      eb_likert_table_set_highlight (self->table, (int) eb_likert_selection_get_item (selection),
                                     eb_likert_selection_get_group (selection),
                                     eb_likert_selection_get_level (selection),
                                     eb_likert_selection_is_non_substantive (selection));
    }
  else
    eb_likert_table_set_highlight (self->table, -1, 0, 0, FALSE);
  gtk_revealer_set_reveal_child (self->selection_revealer, selection != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "likert.clear-selection", selection != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

static void
setup_dropdown_label_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (ellipsize != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_DROPDOWN_CHARS);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_dropdown_label_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  ellipsize)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

/* The button shows the choice shortened; the list shows it whole. */
static void
set_dropdown_factories (GtkDropDown *dropdown)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_dropdown_label_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_dropdown_label_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_dropdown_label_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_dropdown_label_cb), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
  g_object_unref (factory);
  g_object_unref (list_factory);
}

/* ---- Actions ---- */

static void
export_figure_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  eb_likert_view_export_figure (EB_LIKERT_VIEW (widget));
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  EbLikertView *self = EB_LIKERT_VIEW (widget);

  eb_likert_chart_clear_selection (self->chart);
}

/* ---- Overrides ---- */

static void
eb_likert_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  EbLikertView *self = EB_LIKERT_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* The table and the reliability panel stand side by side when both fit,
 * the panel below the table otherwise. */
static void
eb_likert_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  EbLikertView *self = EB_LIKERT_VIEW (widget);
  int table_natural = 0;
  int available = MIN (width, CONTENT_MAX_WIDTH) - CONTENT_MARGINS;
  gboolean wide;

  gtk_widget_measure (GTK_WIDGET (self->table_box), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &table_natural, NULL, NULL);
  wide = available >= table_natural + DETAILS_SPACING + RELIABILITY_WIDTH;
  if (wide != self->wide)
    {
      self->wide = wide;
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->details_box),
                                      wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
      adw_clamp_set_maximum_size (self->reliability_clamp, wide ? RELIABILITY_WIDTH : G_MAXINT / 2);
      adw_clamp_set_tightening_threshold (self->reliability_clamp, wide ? RELIABILITY_WIDTH : G_MAXINT / 2);
      gtk_widget_set_size_request (GTK_WIDGET (self->reliability_clamp), wide ? RELIABILITY_WIDTH : -1, -1);
    }

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
}

/* The table's own scroller only scrolls sideways, but GTK 4.8's scrolled
 * window keeps the wheel's vertical steps too: with the pointer over the
 * table the page stopped scrolling. Vertical steps go to the page. */
static gboolean
table_scroll_cb (EbLikertView             *self,
                 double                    dx,
                 double                    dy,
                 GtkEventControllerScroll *controller)
{
  GtkAdjustment *page = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double step = 1.0;

  /* Shift turns the wheel sideways: the table's. */
  if (dy == 0 || (state & GDK_SHIFT_MASK) != 0)
    return FALSE;
  /* A wheel's notch moves as GtkScrolledWindow moves it; a touchpad's
   * deltas are pixels already. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (page), 2.0 / 3.0);
  gtk_adjustment_set_value (page, gtk_adjustment_get_value (page) + dy * step);
  return TRUE;
}

static gboolean
eb_likert_view_grab_focus (GtkWidget *widget)
{
  EbLikertView *self = EB_LIKERT_VIEW (widget);

  if (self->analysis != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->chart));
  return GTK_WIDGET_CLASS (eb_likert_view_parent_class)->grab_focus (widget);
}

static void
eb_likert_view_dispose (GObject *object)
{
  EbLikertView *self = EB_LIKERT_VIEW (object);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_LIKERT_VIEW);

  g_clear_pointer (&self->item_rows, g_ptr_array_unref);
  g_clear_pointer (&self->analysis, eb_likert_analysis_unref);
  g_clear_pointer (&self->reliability, eb_reliability_unref);
  g_clear_pointer (&self->item_sets, g_ptr_array_unref);
  g_clear_pointer (&self->group_columns, g_array_unref);
  g_clear_object (&self->survey);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (eb_likert_view_parent_class)->dispose (object);
}

static void
eb_likert_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EbLikertView *self = EB_LIKERT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SURVEY:
      g_value_set_object (value, self->survey);
      break;

    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_SELECTION:
      g_value_set_boxed (value, eb_likert_view_get_selection (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_likert_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EbLikertView *self = EB_LIKERT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SURVEY:
      eb_likert_view_set_survey (self, g_value_get_object (value));
      break;

    case PROP_PROJECT:
      eb_likert_view_set_project (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_likert_view_class_init (EbLikertViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_likert_view_dispose;
  object_class->get_property = eb_likert_view_get_property;
  object_class->set_property = eb_likert_view_set_property;

  widget_class->measure = eb_likert_view_measure;
  widget_class->size_allocate = eb_likert_view_size_allocate;
  widget_class->grab_focus = eb_likert_view_grab_focus;

  /**
   * EbLikertView:survey:
   *
   * The survey whose Likert items are shown, or %NULL.
   */
  properties[PROP_SURVEY] =
    g_param_spec_object ("survey", NULL, NULL,
                         EB_TYPE_SURVEY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbLikertView:project:
   *
   * The project that keeps the chart settings, or %NULL.
   */
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         EB_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbLikertView:selection:
   *
   * The respondents selected in the chart, or %NULL.
   */
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL,
                        EB_TYPE_LIKERT_SELECTION,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EB_TYPE_ADAPTIVE_TOOLBAR);
  g_type_ensure (EB_TYPE_LIKERT_CHART);
  g_type_ensure (EB_TYPE_LIKERT_TABLE);
  g_type_ensure (EB_TYPE_LIKERT_COMPARISON_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/eb-likert-view.ui");
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, stack);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, group_model);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, items_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, items_model);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, settings_button);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, settings_popover);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, details_box);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, table_box);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, chart);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, table);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, comparison_panel);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, reliability_clamp);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, reliability_group);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, alpha_row);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, alpha_label);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, component_row);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, component_label);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, items_row);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, style_row);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, neutral_row);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, palette_row);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, sort_row);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, groups_row);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, percents_switch);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, totals_switch);
  gtk_widget_class_bind_template_child (widget_class, EbLikertView, n_switch);
  gtk_widget_class_bind_template_callback (widget_class, setting_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, items_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, chart_selection_cb);

  gtk_widget_class_install_action (widget_class, "likert.export-figure", NULL, export_figure_action);
  gtk_widget_class_install_action (widget_class, "likert.clear-selection", NULL, clear_selection_action);

  gtk_widget_class_set_css_name (widget_class, "likertview");
}

static void
eb_likert_view_init (EbLikertView *self)
{
  GtkEventController *scroll;

  self->item_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->group_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  self->item_rows = g_ptr_array_new ();
  self->group_column = -1;
  eb_likert_chart_options_init (&self->options);

  gtk_widget_init_template (GTK_WIDGET (self));

  set_dropdown_factories (self->group_dropdown);
  set_dropdown_factories (self->items_dropdown);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (scroll, "eb-page-scroll");
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (table_scroll_cb), self);
  gtk_widget_add_controller (self->table_scroller, scroll);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "likert.clear-selection", FALSE);
  reload (self);
}

/* ---- Public API ---- */

GtkWidget *
eb_likert_view_new (void)
{
  return g_object_new (EB_TYPE_LIKERT_VIEW, NULL);
}

EbSurvey *
eb_likert_view_get_survey (EbLikertView *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), NULL);

  return self->survey;
}

void
eb_likert_view_set_survey (EbLikertView *self,
                           EbSurvey     *survey)
{
  g_return_if_fail (EB_IS_LIKERT_VIEW (self));
  g_return_if_fail (survey == NULL || EB_IS_SURVEY (survey));

  if (!g_set_object (&self->survey, survey))
    return;

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SURVEY]);
}

EbProject *
eb_likert_view_get_project (EbLikertView *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), NULL);

  return self->project;
}

void
eb_likert_view_set_project (EbLikertView *self,
                            EbProject    *project)
{
  g_return_if_fail (EB_IS_LIKERT_VIEW (self));
  g_return_if_fail (project == NULL || EB_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;

  /* The new project's settings apply to the survey shown. */
  if (self->survey != NULL)
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

gboolean
eb_likert_view_has_chart (EbLikertView *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), FALSE);

  return self->analysis != NULL;
}

EbLikertSelection *
eb_likert_view_get_selection (EbLikertView *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), NULL);

  return eb_likert_chart_get_selection (self->chart);
}

EbLikertChart *
eb_likert_view_get_chart (EbLikertView *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), NULL);

  return self->chart;
}

EbLikertTable *
eb_likert_view_get_table (EbLikertView *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), NULL);

  return self->table;
}

int
eb_likert_view_get_group_column (EbLikertView *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), -1);

  return self->group_column;
}

GtkWidget *
eb_likert_view_get_comparison_panel (EbLikertView *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), NULL);

  return GTK_WIDGET (self->comparison_panel);
}

GtkPopover *
eb_likert_view_get_settings_popover (EbLikertView *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), NULL);

  return self->settings_popover;
}

void
eb_likert_view_export_figure (EbLikertView *self)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (EB_IS_LIKERT_VIEW (self));

  if (self->analysis == NULL || self->export_cancellable != NULL)
    return;

  native = eb_figure_chooser_new (GTK_WIDGET (self));
  chooser = GTK_FILE_CHOOSER (native);

  /* Beside the project, or beside the survey it holds; named like the
   * figures of `evalbench export --figures`. */
  if (self->project != NULL && !eb_project_is_untitled (self->project))
    folder = g_path_get_dirname (eb_project_get_path (self->project));
  else if (eb_survey_get_source_file (self->survey) != NULL)
    folder = g_path_get_dirname (eb_survey_get_source_file (self->survey));
  if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (chooser, file, NULL);
    }
  name = self->item_sets->len > 1 ? g_strdup_printf ("likert-%u.png", self->item_set + 1)
                                  : g_strdup ("likert.png");
  gtk_file_chooser_set_current_name (chooser, name);

  g_signal_connect_data (native, "response", G_CALLBACK (export_response_cb),
                         g_object_ref (self), unref_view, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
eb_likert_view_export_figure_to (EbLikertView        *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *source = NULL;
  ExportJob *job;
  const char *dot;

  g_return_if_fail (EB_IS_LIKERT_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->analysis == NULL || self->export_cancellable != NULL)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, eb_likert_view_export_figure_to);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               self->analysis == NULL ? _("There is no Likert chart to export")
                                                      : _("A figure is being exported already"));
      return;
    }

  /* Kept until the export finishes: it also says one is running. */
  self->export_cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  task = g_task_new (self, self->export_cancellable, callback, user_data);
  g_task_set_source_tag (task, eb_likert_view_export_figure_to);

  job = g_new0 (ExportJob, 1);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      export_job_free (job);
      g_clear_object (&self->export_cancellable);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Cannot save “%s”: figures can only be saved to a local folder"), uri);
      return;
    }
  dot = strrchr (job->path, '.');
  if (dot == NULL || !eb_figure_format_from_string (dot + 1, &job->format))
    job->format = EB_FIGURE_FORMAT_PNG;
  job->analysis = eb_likert_analysis_ref (self->analysis);

  /* The figure's own look (black on white, the figure font) with the
   * choices made here. */
  eb_likert_chart_options_init (&job->options);
  job->options.style = self->options.style;
  job->options.neutral = self->options.neutral;
  job->options.palette = self->options.palette;
  job->options.show_percents = self->options.show_percents;
  job->options.percent_threshold = self->options.percent_threshold;
  job->options.show_totals = self->options.show_totals;
  job->options.show_n = self->options.show_n;
  job->options.sort = self->options.sort;
  job->options.group_layout = self->options.group_layout;
  source = eb_survey_get_source_file (self->survey) != NULL
           ? g_path_get_basename (eb_survey_get_source_file (self->survey)) : NULL;
  if (source != NULL)
    job->note = g_strdup_printf (_("Source: %s. N = %u respondents."), source,
                                 eb_survey_get_n_rows (self->survey));
  else
    job->note = g_strdup_printf (_("N = %u respondents."), eb_survey_get_n_rows (self->survey));
  job->options.note = job->note;

  g_task_set_task_data (task, job, export_job_free);
  update_sensitivity (self);
  g_task_run_in_thread (task, export_thread);
}

gboolean
eb_likert_view_export_figure_finish (EbLikertView  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (EB_IS_LIKERT_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (self->export_cancellable != NULL)
    {
      g_clear_object (&self->export_cancellable);
      update_sensitivity (self);
    }
  return g_task_propagate_boolean (G_TASK (result), error);
}
