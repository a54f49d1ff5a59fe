/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-likert-comparison-panel"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "eb-likert-comparison-panel.h"

/* Below this many people in a group, the test's normal approximation is
 * only a rough guide. */
#define SMALL_GROUP 20

typedef struct
{
  GtkWidget *row;
  GtkWidget *difference;
} ItemRow;

struct _EbLikertComparisonPanel
{
  GtkWidget           parent_instance;

  EbSurvey           *survey;
  EbLikertAnalysis   *analysis;
  EbLikertComparison *comparison;
  EbLikertPaired     *paired;
  gboolean            updating;     /* filling the group choosers */

  GtkWidget          *box;
  GtkWidget          *group;        /* AdwPreferencesGroup */
  GtkWidget          *paired_group; /* AdwPreferencesGroup: the same respondents */
  GArray             *paired_items; /* ItemRow */
  AdwComboRow        *a_row;
  AdwComboRow        *b_row;
  GtkStringList      *group_names;
  GArray             *items;        /* ItemRow */
};

G_DEFINE_FINAL_TYPE (EbLikertComparisonPanel, eb_likert_comparison_panel, GTK_TYPE_WIDGET)

static void
clear_rows (GtkWidget *group,
            GArray    *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), g_array_index (rows, ItemRow, i).row);
  g_array_set_size (rows, 0);
}

static void
clear_items (EbLikertComparisonPanel *self)
{
  clear_rows (self->group, self->items);
  clear_rows (self->paired_group, self->paired_items);
  g_clear_pointer (&self->paired, eb_likert_paired_unref);
  gtk_widget_set_visible (self->paired_group, FALSE);
}

static ItemRow
add_row (GtkWidget  *group,
         GArray     *rows,
         const char *title,
         const char *subtitle,
         const char *suffix,
         const char *suffix_tooltip)
{
  ItemRow item;

  item.row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item.row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item.row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (item.row), subtitle);
  item.difference = gtk_label_new (suffix);
  gtk_widget_add_css_class (item.difference, "numeric");
  gtk_widget_add_css_class (item.difference, "heading");
  gtk_widget_set_tooltip_text (item.difference, suffix_tooltip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (item.row), item.difference);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), item.row);
  g_array_append_val (rows, item);
  return item;
}

/* A minus sign, not a hyphen, before negative numbers. */
static char *
with_minus_sign (char *text)
{
  char *out;

  if (text[0] != '-')
    return text;
  out = g_strconcat ("−", text + 1, NULL);
  g_free (text);
  return out;
}

static char *
format_percent (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.0f %%", value) : g_strdup ("–");
}

static char *
describe_groups (EbLikertComparisonPanel *self)
{
  const EbLikertGroup *a = eb_likert_comparison_get_group_a (self->comparison);
  const EbLikertGroup *b = eb_likert_comparison_get_group_b (self->comparison);
  /* TRANSLATORS: "Programme: 1CN (n = 150) against 1CN2 (n = 154). …" */
  g_autofree char *text = g_strdup_printf (_("%s: %s (n = %u) against %s (n = %u). Positive answers are "
                                             "those above the middle of the scale; the Mann–Whitney U "
                                             "test (two-sided) compares all the answers, item by item, "
                                             "with no adjustment for the number of items."),
                                           eb_likert_analysis_get_group_column_name (self->analysis),
                                           eb_likert_group_get_value (a), eb_likert_group_get_n_rows (a),
                                           eb_likert_group_get_value (b), eb_likert_group_get_n_rows (b));
  g_autofree char *small = NULL;

  /* The test's normal approximation is rough for small groups. */
  if (MIN (eb_likert_group_get_n_rows (a), eb_likert_group_get_n_rows (b)) >= SMALL_GROUP)
    return g_steal_pointer (&text);
  small = g_strdup_printf (_("With fewer than %u people in a group its p values are rough."), SMALL_GROUP);
  return g_strconcat (text, " ", small, NULL);
}

static void
add_item_row (EbLikertComparisonPanel *self,
              guint                    index)
{
  const EbLikertItem *a = eb_likert_group_get_item (eb_likert_comparison_get_group_a (self->comparison), index);
  const EbLikertItem *b = eb_likert_group_get_item (eb_likert_comparison_get_group_b (self->comparison), index);
  const EbMannWhitney *test = eb_likert_comparison_get_test (self->comparison, index);
  double difference = eb_likert_comparison_get_positive_difference (self->comparison, index);
  g_autofree char *positive_a = format_percent (eb_likert_item_get_percent_positive (a));
  g_autofree char *positive_b = format_percent (eb_likert_item_get_percent_positive (b));
  g_autofree char *p = eb_format_p_value (test->p);
  g_autofree char *subtitle = NULL;
  g_autofree char *points = NULL;

  if (isfinite (test->z))
    {
      g_autofree char *z = with_minus_sign (g_strdup_printf ("%.2f", test->z));

      /* TRANSLATORS: shares of positive answers in the two groups, then the test */
      subtitle = g_strdup_printf (_("Positive %s against %s · z = %s, %s"), positive_a, positive_b, z, p);
    }
  else
    subtitle = g_strdup_printf (_("Positive %s against %s · no test: one answer only"), positive_a, positive_b);
  /* TRANSLATORS: a difference in percentage points */
  points = isfinite (difference) ? with_minus_sign (g_strdup_printf (_("%+.1f pts"), difference))
                                  : g_strdup ("–");

  add_row (self->group, self->items, eb_likert_item_get_name (a), subtitle, points,
           _("Positive answers in the first group minus the second, in percentage points"));
}

static char *
share (guint n,
       guint of)
{
  return g_strdup_printf ("%.0f %%", of > 0 ? 100.0 * n / of : 0.0);
}

/* When the two groups are waves of one survey with the same respondents
 * in both (matched by their id), how each respondent's answer moved:
 * independent groups' statistics say nothing of that. */
static void
show_paired (EbLikertComparisonPanel *self)
{
  const EbLikertGroup *a = eb_likert_comparison_get_group_a (self->comparison);
  const EbLikertGroup *b = eb_likert_comparison_get_group_b (self->comparison);
  g_autofree char *description = NULL;
  guint group_a, group_b;

  if (!eb_likert_comparison_panel_get_groups (self, &group_a, &group_b))
    return;
  self->paired = eb_likert_paired_new_for_groups (self->survey, self->analysis, group_a, group_b);
  if (self->paired == NULL)
    return;

  /* TRANSLATORS: "120 respondents answered in both pre.csv and post.csv (matched by ID)." */
  description = g_strdup_printf (_("%u respondents answered in both %s and %s (matched by %s). Higher, "
                                   "the same or lower: each one’s answer in %s against their own in %s."),
                                 eb_likert_paired_get_n_linked (self->paired),
                                 eb_likert_group_get_value (a), eb_likert_group_get_value (b),
                                 eb_survey_get_column_name (self->survey,
                                                            (guint) eb_survey_get_id_column (self->survey)),
                                 eb_likert_group_get_value (b), eb_likert_group_get_value (a));
  if (eb_likert_paired_get_n_duplicate_ids (self->paired) > 0)
    {
      g_autofree char *left_out = g_strdup_printf (_(" %u ids occur twice in a wave and are left out."),
                                                   eb_likert_paired_get_n_duplicate_ids (self->paired));
      g_autofree char *joined = g_strconcat (description, left_out, NULL);

      g_free (description);
      description = g_steal_pointer (&joined);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->paired_group), description);

  for (guint i = 0; i < eb_likert_paired_get_n_items (self->paired); i++)
    {
      const EbLikertChange *change = eb_likert_paired_get_change (self->paired, i);
      g_autofree char *up = share (change->n_up, change->n_pairs);
      g_autofree char *same = share (change->n_same, change->n_pairs);
      g_autofree char *down = share (change->n_down, change->n_pairs);
      g_autofree char *top = share (change->n_to_top, change->n_pairs);
      g_autofree char *subtitle = NULL;
      g_autofree char *net = NULL;

      /* TRANSLATORS: how answers moved from the first wave to the second, for N pairs */
      subtitle = g_strdup_printf (_("Higher %s · the same %s · lower %s · %s reached the top (n = %u)"),
                                  up, same, down, top, change->n_pairs);
      net = change->n_pairs > 0
              ? with_minus_sign (g_strdup_printf (_("%+.0f pts"),
                                                  100.0 * ((double) change->n_up - change->n_down) / change->n_pairs))
              : g_strdup ("–");
      add_row (self->paired_group, self->paired_items, eb_likert_paired_get_item_name (self->paired, i),
               subtitle, net, _("Respondents whose answer rose minus those whose answer fell, in percentage points"));
    }
  gtk_widget_set_visible (self->paired_group, TRUE);
}

static void
show_comparison (EbLikertComparisonPanel *self)
{
  guint a = adw_combo_row_get_selected (self->a_row);
  guint b = adw_combo_row_get_selected (self->b_row);
  g_autofree char *description = NULL;

  clear_items (self);
  g_clear_pointer (&self->comparison, eb_likert_comparison_unref);
  if (self->analysis == NULL || a == b || a == GTK_INVALID_LIST_POSITION || b == GTK_INVALID_LIST_POSITION)
    return;
  self->comparison = eb_likert_comparison_new (self->analysis, a, b);
  description = describe_groups (self);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), description);
  for (guint i = 0; i < eb_likert_comparison_get_n_items (self->comparison); i++)
    add_item_row (self, i);
  show_paired (self);
}

/* Choosing for one side the group the other side shows swaps them: the
 * two are never the same. */
static void
selected_cb (AdwComboRow             *row,
             GParamSpec              *pspec,
             EbLikertComparisonPanel *self)
{
  AdwComboRow *other = row == self->a_row ? self->b_row : self->a_row;
  guint chosen = adw_combo_row_get_selected (row);

  if (self->updating)
    return;
  if (chosen == adw_combo_row_get_selected (other))
    {
      guint n = eb_likert_analysis_get_n_groups (self->analysis);
      guint previous = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "eb-previous"));

      self->updating = TRUE;
      adw_combo_row_set_selected (other, previous != chosen && previous < n ? previous : (chosen + 1) % n);
      g_object_set_data (G_OBJECT (other), "eb-previous",
                         GUINT_TO_POINTER (adw_combo_row_get_selected (other)));
      self->updating = FALSE;
    }
  g_object_set_data (G_OBJECT (row), "eb-previous", GUINT_TO_POINTER (chosen));
  show_comparison (self);
}

static AdwComboRow *
new_group_row (EbLikertComparisonPanel *self,
               const char              *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (row, G_LIST_MODEL (self->group_names));
  g_signal_connect (row, "notify::selected", G_CALLBACK (selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), GTK_WIDGET (row));
  return row;
}

static void
eb_likert_comparison_panel_dispose (GObject *object)
{
  EbLikertComparisonPanel *self = EB_LIKERT_COMPARISON_PANEL (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->comparison, eb_likert_comparison_unref);
  g_clear_pointer (&self->paired, eb_likert_paired_unref);
  g_clear_object (&self->survey);
  g_clear_pointer (&self->analysis, eb_likert_analysis_unref);
  g_clear_object (&self->group_names);

  G_OBJECT_CLASS (eb_likert_comparison_panel_parent_class)->dispose (object);
}

static void
eb_likert_comparison_panel_finalize (GObject *object)
{
  EbLikertComparisonPanel *self = EB_LIKERT_COMPARISON_PANEL (object);

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->paired_items, g_array_unref);

  G_OBJECT_CLASS (eb_likert_comparison_panel_parent_class)->finalize (object);
}

static void
eb_likert_comparison_panel_class_init (EbLikertComparisonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_likert_comparison_panel_dispose;
  object_class->finalize = eb_likert_comparison_panel_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
eb_likert_comparison_panel_init (EbLikertComparisonPanel *self)
{
  self->items = g_array_new (FALSE, FALSE, sizeof (ItemRow));
  self->group_names = gtk_string_list_new (NULL);
  self->paired_items = g_array_new (FALSE, FALSE, sizeof (ItemRow));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Comparison"));
  gtk_box_append (GTK_BOX (self->box), self->group);
  self->paired_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->paired_group), _("Same Respondents in Both"));
  gtk_widget_set_visible (self->paired_group, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->paired_group);
  self->a_row = new_group_row (self, _("_Group"));
  self->b_row = new_group_row (self, _("_Against"));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
eb_likert_comparison_panel_new (void)
{
  return g_object_new (EB_TYPE_LIKERT_COMPARISON_PANEL, NULL);
}

void
eb_likert_comparison_panel_set_analysis (EbLikertComparisonPanel *self,
                                         EbSurvey                *survey,
                                         EbLikertAnalysis        *analysis)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_groups = 0, n_before;

  g_return_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self));
  g_return_if_fail (analysis == NULL || EB_IS_SURVEY (survey));

  g_set_object (&self->survey, survey);
  if (analysis != NULL)
    eb_likert_analysis_ref (analysis);
  g_clear_pointer (&self->analysis, eb_likert_analysis_unref);
  self->analysis = analysis;

  if (analysis != NULL && eb_likert_analysis_get_group_column (analysis) >= 0)
    n_groups = eb_likert_analysis_get_n_groups (analysis);
  for (guint g = 0; g < n_groups; g++)
    g_ptr_array_add (names, (gpointer) eb_likert_group_get_value (eb_likert_analysis_get_group (analysis, g)));
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  n_before = g_list_model_get_n_items (G_LIST_MODEL (self->group_names));
  gtk_string_list_splice (self->group_names, 0, n_before, (const char * const *) names->pdata);
  if (n_groups >= 2)
    {
      adw_combo_row_set_selected (self->a_row, 0);
      adw_combo_row_set_selected (self->b_row, 1);
      g_object_set_data (G_OBJECT (self->a_row), "eb-previous", GUINT_TO_POINTER (0));
      g_object_set_data (G_OBJECT (self->b_row), "eb-previous", GUINT_TO_POINTER (1));
    }
  /* Two groups need no choosing. */
  gtk_widget_set_visible (GTK_WIDGET (self->a_row), n_groups > 2);
  gtk_widget_set_visible (GTK_WIDGET (self->b_row), n_groups > 2);
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self), n_groups >= 2);
  if (n_groups >= 2)
    show_comparison (self);
  else
    {
      clear_items (self);
      g_clear_pointer (&self->comparison, eb_likert_comparison_unref);
    }
}

gboolean
eb_likert_comparison_panel_get_groups (EbLikertComparisonPanel *self,
                                       guint                   *group_a,
                                       guint                   *group_b)
{
  g_return_val_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self), FALSE);

  if (self->comparison == NULL)
    return FALSE;
  if (group_a != NULL)
    *group_a = adw_combo_row_get_selected (self->a_row);
  if (group_b != NULL)
    *group_b = adw_combo_row_get_selected (self->b_row);
  return TRUE;
}

void
eb_likert_comparison_panel_set_groups (EbLikertComparisonPanel *self,
                                       guint                    group_a,
                                       guint                    group_b)
{
  guint n;

  g_return_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->group_names));
  g_return_if_fail (group_a < n && group_b < n && group_a != group_b);

  self->updating = TRUE;
  adw_combo_row_set_selected (self->a_row, group_a);
  adw_combo_row_set_selected (self->b_row, group_b);
  g_object_set_data (G_OBJECT (self->a_row), "eb-previous", GUINT_TO_POINTER (group_a));
  g_object_set_data (G_OBJECT (self->b_row), "eb-previous", GUINT_TO_POINTER (group_b));
  self->updating = FALSE;
  show_comparison (self);
}

guint
eb_likert_comparison_panel_get_n_items (EbLikertComparisonPanel *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self), 0);

  return self->items->len;
}

const char *
eb_likert_comparison_panel_get_item_title (EbLikertComparisonPanel *self,
                                           guint                    index)
{
  g_return_val_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self), NULL);

  if (index >= self->items->len)
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (g_array_index (self->items, ItemRow, index).row));
}

const char *
eb_likert_comparison_panel_get_item_subtitle (EbLikertComparisonPanel *self,
                                              guint                    index)
{
  g_return_val_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self), NULL);

  if (index >= self->items->len)
    return NULL;
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (g_array_index (self->items, ItemRow, index).row));
}

const char *
eb_likert_comparison_panel_get_item_difference (EbLikertComparisonPanel *self,
                                                guint                    index)
{
  g_return_val_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self), NULL);

  if (index >= self->items->len)
    return NULL;
  return gtk_label_get_label (GTK_LABEL (g_array_index (self->items, ItemRow, index).difference));
}

guint
eb_likert_comparison_panel_get_n_paired_items (EbLikertComparisonPanel *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self), 0);

  return gtk_widget_get_visible (self->paired_group) ? self->paired_items->len : 0;
}

const char *
eb_likert_comparison_panel_get_paired_subtitle (EbLikertComparisonPanel *self,
                                                guint                    index)
{
  g_return_val_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self), NULL);

  if (index >= self->paired_items->len)
    return NULL;
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (g_array_index (self->paired_items, ItemRow, index).row));
}

const char *
eb_likert_comparison_panel_get_paired_change (EbLikertComparisonPanel *self,
                                              guint                    index)
{
  g_return_val_if_fail (EB_IS_LIKERT_COMPARISON_PANEL (self), NULL);

  if (index >= self->paired_items->len)
    return NULL;
  return gtk_label_get_label (GTK_LABEL (g_array_index (self->paired_items, ItemRow, index).difference));
}

char *
eb_format_p_value (double p)
{
  g_autofree char *digits = NULL;

  if (!isfinite (p))
    return g_strdup ("p –");
  if (p < 0.001)
    return g_strdup ("p < .001");
  digits = g_strdup_printf ("%.3f", p);
  /* APA style: no zero before the point of a value that cannot exceed 1. */
  return g_strdup_printf ("p = %s", g_str_has_prefix (digits, "0") ? digits + 1 : digits);
}
