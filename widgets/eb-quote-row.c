/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-quote-row"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-quote-row.h"

/* How strongly a coded span is tinted with its theme's colour: enough to
 * see, little enough to read the text in light and dark styles. */
#define SPAN_ALPHA 0.32
/* Long answers are cut short in the list; the respondent panel shows
 * them whole. */
#define MAX_TEXT_LINES 8
/* The attribute values beside the respondent, as dim as .dim-label. */
#define HEADER_VALUES_ALPHA 0.55
/* Pixels between the row's lines, and around them (the list makes some
 * 200 rows at a time: padding kept here costs nothing, margins set on
 * each new row cost a resize each). */
#define ROW_SPACING 3
#define ROW_PADDING_X 12
#define ROW_PADDING_Y 8
/* The width a row asks for: the list gives every row its own width anyway,
 * and asking the labels would lay out every answer unwrapped first. */
#define ROW_WIDTH 240

struct _EbQuoteRow
{
  GtkWidget   parent_instance;

  EbQuote    *quote;
  EbQuote    *pending;          /* to be shown later (bind_later) */
  int         pending_height;

  GtkWidget  *header_label;
  GtkWidget  *question_label;
  GtkWidget  *text_label;
  GtkWidget  *chips;
};

G_DEFINE_FINAL_TYPE (EbQuoteRow, eb_quote_row, GTK_TYPE_WIDGET)

static void
eb_quote_row_dispose (GObject *object)
{
  EbQuoteRow *self = EB_QUOTE_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->quote);
  g_clear_object (&self->pending);

  G_OBJECT_CLASS (eb_quote_row_parent_class)->dispose (object);
}

/* The children stacked as a vertical box would, but measured only for
 * height: after a change of the filter the list lays out some 200 new
 * rows, and shaping each answer's text once more for a natural width
 * nobody uses was most of that frame. */
static void
eb_quote_row_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  EbQuoteRow *self = EB_QUOTE_ROW (widget);
  int width = MAX ((for_size >= 0 ? for_size : ROW_WIDTH) - 2 * ROW_PADDING_X, 0);
  int n_children = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = ROW_WIDTH;
      return;
    }
  /* Empty until bound: as tall as it will probably be, so that the list
   * keeps its length and its scroll bar. */
  if (self->pending != NULL)
    {
      *minimum = *natural = self->pending_height;
      return;
    }
  *minimum = *natural = 2 * ROW_PADDING_Y;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum, child_natural;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_minimum, &child_natural, NULL, NULL);
      *minimum += child_minimum;
      *natural += child_natural;
      n_children++;
    }
  if (n_children > 1)
    {
      *minimum += ROW_SPACING * (n_children - 1);
      *natural += ROW_SPACING * (n_children - 1);
    }
}

static void
eb_quote_row_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  int y = ROW_PADDING_Y;

  width = MAX (width - 2 * ROW_PADDING_X, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_height, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { ROW_PADDING_X, y, width, child_height }, -1);
      y += child_height + ROW_SPACING;
    }
}

static GtkSizeRequestMode
eb_quote_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
eb_quote_row_class_init (EbQuoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_quote_row_dispose;

  widget_class->measure = eb_quote_row_measure;
  widget_class->size_allocate = eb_quote_row_size_allocate;
  widget_class->get_request_mode = eb_quote_row_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "quoterow");
}

static GtkWidget *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The question in full, when it is cut short. */
static gboolean
question_query_tooltip_cb (GtkWidget  *label,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip,
                           EbQuoteRow *self)
{
  if (self->quote == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, eb_quote_get_column_name (self->quote));
  return TRUE;
}

/* The row's labels and chips are made when it is first bound: a row the
 * list binds later (bind_later) may be dropped before it ever is, and
 * after a change of the filter the list makes and drops some 200 of
 * them. */
static void
ensure_children (EbQuoteRow *self)
{
  if (self->header_label != NULL)
    return;

  /* One label for the respondent and their attributes, and no tooltips
   * set per bind: rows are made and bound by the dozen on every change of
   * the filter, and each widget less is time saved. */
  self->header_label = new_label (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->header_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (self->header_label), TRUE);
  gtk_widget_set_parent (self->header_label, GTK_WIDGET (self));

  self->question_label = new_label ("caption");
  gtk_widget_add_css_class (self->question_label, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (self->question_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (self->question_label), TRUE);
  gtk_widget_set_has_tooltip (self->question_label, TRUE);
  g_signal_connect (self->question_label, "query-tooltip", G_CALLBACK (question_query_tooltip_cb), self);
  gtk_widget_set_parent (self->question_label, GTK_WIDGET (self));

  self->text_label = new_label ("quote-text");
  gtk_label_set_wrap (GTK_LABEL (self->text_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->text_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (self->text_label), MAX_TEXT_LINES);
  gtk_label_set_ellipsize (GTK_LABEL (self->text_label), PANGO_ELLIPSIZE_END);
  /* Wrap to the list's width, whatever the answer's length. */
  gtk_label_set_width_chars (GTK_LABEL (self->text_label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (self->text_label), 1);
  gtk_widget_set_hexpand (self->text_label, TRUE);
  gtk_widget_set_parent (self->text_label, GTK_WIDGET (self));

  self->chips = eb_theme_chips_new ();
  gtk_widget_set_margin_top (self->chips, 2);
  gtk_widget_set_parent (self->chips, GTK_WIDGET (self));
}

static void
eb_quote_row_init (EbQuoteRow *self)
{
}

GtkWidget *
eb_quote_row_new (void)
{
  return g_object_new (EB_TYPE_QUOTE_ROW, NULL);
}

char *
eb_quote_row_dup_respondent_name (EbQuote *quote,
                                  int      id_column)
{
  EbSurvey *survey;
  const char *value;

  g_return_val_if_fail (EB_IS_QUOTE (quote), NULL);

  survey = eb_quote_get_survey (quote);
  if (id_column < 0 || (guint) id_column >= eb_survey_get_n_columns (survey))
    return g_strdup_printf (_("Respondent %u"), eb_quote_get_row (quote) + 1);
  value = eb_survey_get_cell (survey, eb_quote_get_row (quote), (guint) id_column);
  if (*value == '\0')
    return g_strdup_printf (_("Respondent %u"), eb_quote_get_row (quote) + 1);
  /* "Participant 117", as the paper attributes its quotes. */
  return g_strdup_printf ("%s %s", eb_survey_get_column_name (survey, (guint) id_column), value);
}

PangoAttrList *
eb_quote_row_create_span_attributes (EbQuote    *quote,
                                     EbCodebook *codebook)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *text;

  g_return_val_if_fail (EB_IS_QUOTE (quote), NULL);
  g_return_val_if_fail (EB_IS_CODEBOOK (codebook), NULL);

  text = eb_quote_get_text (quote);
  for (guint i = 0; i < eb_quote_get_n_codings (quote); i++)
    {
      EbCoding *coding = eb_quote_get_coding (quote, i);
      EbTheme *theme;
      PangoAttribute *attr;
      GdkRGBA color;
      gsize start, end;

      if (eb_coding_is_whole (coding) || !eb_coding_get_byte_range (coding, text, &start, &end))
        continue;
      theme = eb_codebook_get_theme (codebook, eb_coding_get_theme_id (coding));
      if (theme == NULL || eb_theme_get_color (theme) == NULL ||
          !gdk_rgba_parse (&color, eb_theme_get_color (theme)))
        color = (GdkRGBA) { 0.6f, 0.6f, 0.6f, 1.0f };

      attr = pango_attr_background_new (color.red * 65535, color.green * 65535, color.blue * 65535);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_background_alpha_new (SPAN_ALPHA * 65535);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
    }
  return attrs;
}

void
eb_quote_row_bind (EbQuoteRow  *self,
                   EbQuote     *quote,
                   EbCodebook  *codebook,
                   int          id_column,
                   const guint *attribute_columns,
                   guint        n_attribute_columns)
{
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autoptr(PangoAttrList) header_attrs = NULL;
  g_autoptr(GArray) theme_ids = NULL;
  g_autoptr(GString) header = g_string_new (NULL);
  g_autofree char *respondent = NULL;
  PangoAttribute *attr;
  EbSurvey *survey;
  gsize name_end;
  guint row;

  g_return_if_fail (EB_IS_QUOTE_ROW (self));
  g_return_if_fail (EB_IS_QUOTE (quote));
  g_return_if_fail (EB_IS_CODEBOOK (codebook));

  ensure_children (self);
  g_set_object (&self->quote, quote);
  if (self->pending != NULL)
    {
      g_clear_object (&self->pending);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  survey = eb_quote_get_survey (quote);
  row = eb_quote_get_row (quote);

  /* "Participant 117  Female · 1CN2": the name in bold, the values dim. */
  respondent = eb_quote_row_dup_respondent_name (quote, id_column);
  g_string_append (header, respondent);
  name_end = header->len;
  for (guint i = 0; i < n_attribute_columns; i++)
    {
      const char *value;

      if (attribute_columns[i] >= eb_survey_get_n_columns (survey))
        continue;
      value = eb_survey_get_cell (survey, row, attribute_columns[i]);
      if (*value == '\0')
        continue;
      g_string_append (header, header->len == name_end ? "   " : " · ");
      g_string_append (header, value);
    }
  header_attrs = pango_attr_list_new ();
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->end_index = name_end;
  pango_attr_list_insert (header_attrs, attr);
  attr = pango_attr_foreground_alpha_new (HEADER_VALUES_ALPHA * 65535);
  attr->start_index = name_end;
  pango_attr_list_insert (header_attrs, attr);
  gtk_label_set_text (GTK_LABEL (self->header_label), header->str);
  gtk_label_set_attributes (GTK_LABEL (self->header_label), header_attrs);

  gtk_label_set_text (GTK_LABEL (self->question_label), eb_quote_get_column_name (quote));

  attrs = eb_quote_row_create_span_attributes (quote, codebook);
  gtk_label_set_text (GTK_LABEL (self->text_label), eb_quote_get_text (quote));
  gtk_label_set_attributes (GTK_LABEL (self->text_label), attrs);

  theme_ids = eb_quote_dup_theme_ids (quote);
  eb_theme_chips_set_themes (EB_THEME_CHIPS (self->chips), codebook,
                             (const gint64 *) theme_ids->data, theme_ids->len);
}

void
eb_quote_row_bind_later (EbQuoteRow *self,
                         EbQuote    *quote,
                         int         height)
{
  g_return_if_fail (EB_IS_QUOTE_ROW (self));
  g_return_if_fail (EB_IS_QUOTE (quote));

  g_clear_object (&self->quote);
  g_set_object (&self->pending, quote);
  self->pending_height = MAX (height, 1);
  if (self->header_label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->header_label), "");
      gtk_label_set_attributes (GTK_LABEL (self->header_label), NULL);
      gtk_label_set_text (GTK_LABEL (self->question_label), "");
      gtk_label_set_text (GTK_LABEL (self->text_label), "");
      gtk_label_set_attributes (GTK_LABEL (self->text_label), NULL);
      eb_theme_chips_clear (EB_THEME_CHIPS (self->chips));
    }
  /* A new row has not been measured yet: nothing to redo. */
  if (self->header_label != NULL || gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

EbQuote *
eb_quote_row_get_pending_quote (EbQuoteRow *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_ROW (self), NULL);

  return self->pending;
}

void
eb_quote_row_unbind (EbQuoteRow *self)
{
  g_return_if_fail (EB_IS_QUOTE_ROW (self));

  g_clear_object (&self->quote);
  g_clear_object (&self->pending);
}

EbQuote *
eb_quote_row_get_quote (EbQuoteRow *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_ROW (self), NULL);

  return self->quote;
}

EbThemeChips *
eb_quote_row_get_chips (EbQuoteRow *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_ROW (self), NULL);

  ensure_children (self);
  return EB_THEME_CHIPS (self->chips);
}

GtkLabel *
eb_quote_row_get_text_label (EbQuoteRow *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_ROW (self), NULL);

  ensure_children (self);
  return GTK_LABEL (self->text_label);
}
