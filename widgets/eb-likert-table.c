/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-likert-table"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "eb-likert-table.h"

/* A handful of items by a handful of levels: a GtkGrid of labels reads
 * like the printed table (and like it to a screen reader), which a list
 * view with recycled rows would not. */

#define ITEM_CHARS   40    /* the item column wraps at about this width */
#define HEADER_CHARS 12

struct _EbLikertTable
{
  GtkWidget         parent_instance;

  EbLikertAnalysis *analysis;

  GtkWidget        *grid;
  guint             n_grid_rows;
  guint             n_columns;
  /* The table as text: a GPtrArray of cell strings per row. */
  GPtrArray        *rows;
  /* "group:item:level:ns" -> the label showing that count (borrowed). */
  GHashTable       *cells;
  GtkWidget        *highlighted;
};

G_DEFINE_FINAL_TYPE (EbLikertTable, eb_likert_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ANALYSIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  CELL_TEXT,        /* an item's name */
  CELL_NUMBER,
  CELL_HEADER,
  CELL_HEADER_TEXT, /* the item column's heading */
} CellKind;

static char *
cell_key (guint    group,
          guint    item,
          guint    level,
          gboolean non_substantive)
{
  return g_strdup_printf ("%u:%u:%u:%d", group, item, level, non_substantive);
}

static char *
format_count_percent (guint  count,
                      double percent)
{
  if (!isfinite (percent))
    return g_strdup_printf ("%u", count);
  /* TRANSLATORS: a count and its percentage, as in "128 (42.5%)" */
  return g_strdup_printf (_("%u (%.1f%%)"), count, percent);
}

static char *
format_mean (double value)
{
  if (!isfinite (value))
    return g_strdup ("–");
  return g_strdup_printf ("%.2f", value);
}

static void
clear_grid (EbLikertTable *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  self->n_grid_rows = 0;
  self->n_columns = 0;
  self->highlighted = NULL;
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->cells);
}

static GPtrArray *
begin_row (EbLikertTable *self)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (self->rows, row);
  return row;
}

static GtkWidget *
add_cell (EbLikertTable *self,
          GPtrArray     *row,
          const char    *text,
          CellKind       kind,
          gboolean       strong)
{
  GtkWidget *label = gtk_label_new (text);
  guint column = row->len;

  g_ptr_array_add (row, g_strdup (text));

  switch (kind)
    {
    case CELL_TEXT:
    case CELL_HEADER_TEXT:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* As wide at least as at most, and no wider: the table sits in a
       * horizontal scroller, which asks for its height at its natural
       * width, so wrapping must not change with the width given. */
      gtk_label_set_width_chars (GTK_LABEL (label), ITEM_CHARS);
      gtk_label_set_max_width_chars (GTK_LABEL (label), ITEM_CHARS);
      break;

    case CELL_NUMBER:
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
      break;

    case CELL_HEADER:
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), MIN (HEADER_CHARS, (int) g_utf8_strlen (text, -1)));
      gtk_label_set_max_width_chars (GTK_LABEL (label), HEADER_CHARS);
      break;

    default:
      g_assert_not_reached ();
    }

  if (kind == CELL_HEADER || kind == CELL_HEADER_TEXT)
    {
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_valign (label, GTK_ALIGN_END);
    }
  else
    gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  if (strong)
    gtk_widget_add_css_class (label, "average");
  gtk_widget_add_css_class (label, "cell");

  gtk_grid_attach (GTK_GRID (self->grid), label, (int) column, (int) self->n_grid_rows, 1, 1);
  return label;
}

static void
end_row (EbLikertTable *self)
{
  self->n_grid_rows++;
}

static void
add_rule (EbLikertTable *self,
          const char    *style)
{
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_widget_add_css_class (separator, style);
  gtk_grid_attach (GTK_GRID (self->grid), separator, 0, (int) self->n_grid_rows, (int) self->n_columns, 1);
  self->n_grid_rows++;
}

static void
add_section_heading (EbLikertTable *self,
                     const char    *text)
{
  GPtrArray *row = begin_row (self);
  GtkWidget *label = gtk_label_new (text);

  g_ptr_array_add (row, g_strdup (text));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "section-heading");
  gtk_grid_attach (GTK_GRID (self->grid), label, 0, (int) self->n_grid_rows, (int) self->n_columns, 1);
  end_row (self);
}

static guint
count_levels (EbLikertAnalysis *analysis)
{
  const EbLikertGroup *group = eb_likert_analysis_get_group (analysis, 0);
  guint n = 0;

  for (guint i = 0; i < eb_likert_group_get_n_items (group); i++)
    n = MAX (n, eb_likert_item_get_n_levels (eb_likert_group_get_item (group, i)));
  return n;
}

/* Non-substantive columns: one per label when the items share a scale,
 * else one for all of them (if any item has some). */
static guint
count_ns_columns (EbLikertAnalysis *analysis)
{
  const EbLikertGroup *group = eb_likert_analysis_get_group (analysis, 0);
  const EbLikertItem *first = eb_likert_group_get_item (group, 0);

  if (eb_likert_analysis_has_common_scale (analysis))
    return eb_likert_item_get_n_non_substantive_levels (first);
  for (guint i = 0; i < eb_likert_group_get_n_items (group); i++)
    if (eb_likert_item_get_n_non_substantive_levels (eb_likert_group_get_item (group, i)) > 0)
      return 1;
  return 0;
}

static void
add_header (EbLikertTable *self,
            guint          n_levels,
            guint          n_ns)
{
  const EbLikertGroup *group = eb_likert_analysis_get_group (self->analysis, 0);
  const EbLikertItem *first = eb_likert_group_get_item (group, 0);
  gboolean common = eb_likert_analysis_has_common_scale (self->analysis);
  GPtrArray *row = begin_row (self);

  add_cell (self, row, _("Item"), CELL_HEADER_TEXT, FALSE);
  for (guint l = 0; l < n_levels; l++)
    {
      g_autofree char *text = NULL;

      if (common)
        text = g_strdup (eb_likert_item_get_level_label (first, l));
      else
        text = g_strdup_printf (_("Level %u"), l + 1);
      add_cell (self, row, text, CELL_HEADER, FALSE);
    }
  if (common)
    for (guint n = 0; n < n_ns; n++)
      add_cell (self, row, eb_likert_item_get_non_substantive_label (first, n), CELL_HEADER, FALSE);
  else if (n_ns > 0)
    add_cell (self, row, _("Not on the scale"), CELL_HEADER, FALSE);
  add_cell (self, row, _("Valid"), CELL_HEADER, FALSE);
  add_cell (self, row, _("Missing"), CELL_HEADER, FALSE);
  add_cell (self, row, _("Mean"), CELL_HEADER, FALSE);
  end_row (self);
}

static void
add_item_row (EbLikertTable      *self,
              const EbLikertItem *item,
              guint               group_index,
              guint               item_index,
              guint               n_levels,
              guint               n_ns)
{
  gboolean common = eb_likert_analysis_has_common_scale (self->analysis);
  GPtrArray *row = begin_row (self);
  g_autofree char *valid = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *mean = NULL;

  add_cell (self, row, eb_likert_item_get_name (item), CELL_TEXT, FALSE);
  for (guint l = 0; l < n_levels; l++)
    {
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (l >= eb_likert_item_get_n_levels (item))
        {
          add_cell (self, row, "", CELL_NUMBER, FALSE);
          continue;
        }
      text = format_count_percent (eb_likert_item_get_count (item, l),
                                   eb_likert_item_get_percent (item, l));
      label = add_cell (self, row, text, CELL_NUMBER, FALSE);
      if (!common)
        gtk_widget_set_tooltip_text (label, eb_likert_item_get_level_label (item, l));
      g_hash_table_insert (self->cells, cell_key (group_index, item_index, l, FALSE), label);
    }
  if (common)
    for (guint n = 0; n < n_ns && n < eb_likert_item_get_n_non_substantive_levels (item); n++)
      {
        g_autofree char *text = g_strdup_printf ("%u", eb_likert_item_get_non_substantive_count (item, n));
        GtkWidget *label = add_cell (self, row, text, CELL_NUMBER, FALSE);

        g_hash_table_insert (self->cells, cell_key (group_index, item_index, n, TRUE), label);
      }
  else if (n_ns > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", eb_likert_item_get_n_non_substantive (item));

      add_cell (self, row, text, CELL_NUMBER, FALSE);
    }

  valid = g_strdup_printf ("%u", eb_likert_item_get_n_valid (item));
  missing = g_strdup_printf ("%u", eb_likert_item_get_n_missing (item));
  mean = format_mean (eb_likert_item_get_mean (item));
  add_cell (self, row, valid, CELL_NUMBER, FALSE);
  add_cell (self, row, missing, CELL_NUMBER, FALSE);
  add_cell (self, row, mean, CELL_NUMBER, FALSE);
  end_row (self);
}

static void
add_average_row (EbLikertTable       *self,
                 const EbLikertGroup *group,
                 guint                n_levels,
                 guint                n_ns)
{
  GPtrArray *row = begin_row (self);

  add_cell (self, row, _("Average"), CELL_TEXT, TRUE);
  for (guint l = 0; l < n_levels; l++)
    {
      /* TRANSLATORS: a mean count and its pooled percentage, as in "150.7 (49.9%)" */
      g_autofree char *text = g_strdup_printf (_("%.1f (%.1f%%)"),
                                               eb_likert_group_get_average_count (group, l),
                                               eb_likert_group_get_average_percent (group, l));

      add_cell (self, row, text, CELL_NUMBER, TRUE);
    }
  for (guint n = 0; n < n_ns + 3; n++)
    add_cell (self, row, "", CELL_NUMBER, TRUE);
  end_row (self);
}

static void
add_group (EbLikertTable       *self,
           const EbLikertGroup *group,
           guint                group_index,
           const char          *heading,
           guint                n_levels,
           guint                n_ns)
{
  if (heading != NULL)
    add_section_heading (self, heading);

  for (guint i = 0; i < eb_likert_group_get_n_items (group); i++)
    add_item_row (self, eb_likert_group_get_item (group, i), group_index, i, n_levels, n_ns);
  if (eb_likert_group_has_average (group))
    {
      add_rule (self, "average-rule");
      add_average_row (self, group, n_levels, n_ns);
    }
}

static char *
dup_group_heading (EbLikertAnalysis    *analysis,
                   const EbLikertGroup *group)
{
  const char *column = eb_likert_analysis_get_group_column_name (analysis);
  guint n = eb_likert_group_get_n_rows (group);
  g_autofree char *respondents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u respondent",
                                                               "%u respondents", n),
                                                  n);

  if (eb_likert_group_get_value (group) == NULL)
    /* TRANSLATORS: "Programme not given · 4 respondents" */
    return g_strdup_printf (_("%s not given · %s"), column, respondents);
  /* TRANSLATORS: "Programme = 1CN2 · 160 respondents" */
  return g_strdup_printf (_("%s = %s · %s"), column, eb_likert_group_get_value (group), respondents);
}

static void
rebuild (EbLikertTable *self)
{
  gboolean grouped;
  guint n_levels, n_ns;

  clear_grid (self);
  if (self->analysis == NULL || eb_likert_analysis_get_n_groups (self->analysis) == 0
      || eb_likert_analysis_get_n_items (self->analysis) == 0)
    return;

  grouped = eb_likert_analysis_get_group_column (self->analysis) >= 0;
  n_levels = count_levels (self->analysis);
  n_ns = count_ns_columns (self->analysis);
  self->n_columns = 1 + n_levels + n_ns + 3;

  add_header (self, n_levels, n_ns);
  add_rule (self, "header-rule");
  for (guint g = 0; g < eb_likert_analysis_get_n_groups (self->analysis); g++)
    {
      const EbLikertGroup *group = eb_likert_analysis_get_group (self->analysis, g);
      g_autofree char *heading = grouped ? dup_group_heading (self->analysis, group) : NULL;

      add_group (self, group, g, heading, n_levels, n_ns);
    }
  if (grouped && eb_likert_analysis_get_ungrouped (self->analysis) != NULL)
    {
      const EbLikertGroup *group = eb_likert_analysis_get_ungrouped (self->analysis);
      g_autofree char *heading = dup_group_heading (self->analysis, group);

      /* Not a group of the analysis: nothing in it can be highlighted. */
      add_group (self, group, G_MAXUINT, heading, n_levels, n_ns);
    }
  add_rule (self, "bottom-rule");
}

static void
eb_likert_table_dispose (GObject *object)
{
  EbLikertTable *self = EB_LIKERT_TABLE (object);

  self->highlighted = NULL;
  g_clear_pointer (&self->grid, gtk_widget_unparent);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->analysis, eb_likert_analysis_unref);

  G_OBJECT_CLASS (eb_likert_table_parent_class)->dispose (object);
}

static void
eb_likert_table_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbLikertTable *self = EB_LIKERT_TABLE (object);

  switch (prop_id)
    {
    case PROP_ANALYSIS:
      g_value_set_boxed (value, self->analysis);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_likert_table_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EbLikertTable *self = EB_LIKERT_TABLE (object);

  switch (prop_id)
    {
    case PROP_ANALYSIS:
      eb_likert_table_set_analysis (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_likert_table_class_init (EbLikertTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_likert_table_dispose;
  object_class->get_property = eb_likert_table_get_property;
  object_class->set_property = eb_likert_table_set_property;

  /**
   * EbLikertTable:analysis:
   *
   * The frequencies shown, or %NULL.
   */
  properties[PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL,
                        EB_TYPE_LIKERT_ANALYSIS,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "likerttable");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TABLE);
}

static void
eb_likert_table_init (EbLikertTable *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 14);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 6);
  gtk_widget_set_parent (self->grid, GTK_WIDGET (self));
}

GtkWidget *
eb_likert_table_new (void)
{
  return g_object_new (EB_TYPE_LIKERT_TABLE, NULL);
}

EbLikertAnalysis *
eb_likert_table_get_analysis (EbLikertTable *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_TABLE (self), NULL);

  return self->analysis;
}

void
eb_likert_table_set_analysis (EbLikertTable    *self,
                              EbLikertAnalysis *analysis)
{
  g_return_if_fail (EB_IS_LIKERT_TABLE (self));

  if (self->analysis == analysis)
    return;

  g_clear_pointer (&self->analysis, eb_likert_analysis_unref);
  self->analysis = analysis != NULL ? eb_likert_analysis_ref (analysis) : NULL;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
}

void
eb_likert_table_set_highlight (EbLikertTable *self,
                               int            item,
                               guint          group,
                               guint          level,
                               gboolean       non_substantive)
{
  GtkWidget *label = NULL;

  g_return_if_fail (EB_IS_LIKERT_TABLE (self));

  if (item >= 0)
    {
      g_autofree char *key = cell_key (group, (guint) item, level, non_substantive);

      label = g_hash_table_lookup (self->cells, key);
    }
  if (label == self->highlighted)
    return;

  if (self->highlighted != NULL)
    gtk_widget_remove_css_class (self->highlighted, "highlighted");
  self->highlighted = label;
  if (label != NULL)
    gtk_widget_add_css_class (label, "highlighted");
}

guint
eb_likert_table_get_n_rows (EbLikertTable *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_TABLE (self), 0);

  return self->rows->len;
}

guint
eb_likert_table_get_n_columns (EbLikertTable *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_TABLE (self), 0);

  return self->n_columns;
}

const char *
eb_likert_table_get_cell_text (EbLikertTable *self,
                               guint          row,
                               guint          column)
{
  GPtrArray *cells;

  g_return_val_if_fail (EB_IS_LIKERT_TABLE (self), NULL);

  if (row >= self->rows->len)
    return NULL;
  cells = g_ptr_array_index (self->rows, row);
  if (column >= cells->len)
    return NULL;
  return g_ptr_array_index (cells, column);
}
