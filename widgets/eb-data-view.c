/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-data-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "eb-data-view.h"
#include "eb-filter-model.h"
#include "eb-slot-model.h"
#include "eb-survey-row-filter.h"
#include "eb-survey-row-model.h"
#include "eb-survey-row-sorter.h"

/* Column widths, in pixels: wide enough for most answers, narrow enough that
 * a questionnaire of long questions still shows several at once. */
#define MIN_COLUMN_WIDTH       56
#define MAX_COLUMN_WIDTH       200
#define MAX_TEXT_COLUMN_WIDTH  280
/* Cell and header padding, sort indicator and spacing (Adwaita). */
#define CELL_EXTRA_WIDTH       24
#define HEADER_EXTRA_WIDTH     44
/* How much of a column is looked at to choose its width. */
#define WIDTH_SAMPLE_ROWS      2000
#define WIDTH_SAMPLE_VALUES    3

struct _EbDataView
{
  GtkWidget           parent_instance;

  EbSurvey           *survey;
  char               *search;

  EbSurveyRowModel   *rows;
  GtkFilter          *filter;
  GtkSortListModel   *sort_model;
  EbFilterModel      *filter_model;
  EbSlotModel        *slots;              /* what the column view shows */
  guint               selected_row;       /* survey row index, G_MAXUINT: none */
  gboolean            restoring_selection;
  GtkSingleSelection *selection;
  guint               n_visible_rows;
  guint               prepare_search_id;
  guint               prepare_search_column;

  GtkWidget          *search_entry;
  GtkWidget          *count_label;
  GtkWidget          *stack;
  GtkWidget          *scrolled_window;
  GtkWidget          *column_view;
  GtkWidget          *no_results_page;
};

/* What a cell factory needs to know about its column. */
typedef struct
{
  guint    column;
  gboolean numeric;
} CellColumn;

static void setup_row_number_cb (GtkSignalListItemFactory *factory,
                                 GtkListItem              *item,
                                 gpointer                  data);
static void unbind_row_number_cb (GtkSignalListItemFactory *factory,
                                  GtkListItem              *item,
                                  gpointer                  data);
static void bind_row_number_cb  (GtkSignalListItemFactory *factory,
                                 GtkListItem              *item,
                                 gpointer                  data);
static void setup_cell_cb       (GtkSignalListItemFactory *factory,
                                 GtkListItem              *item,
                                 CellColumn               *info);
static void bind_cell_cb        (GtkSignalListItemFactory *factory,
                                 GtkListItem              *item,
                                 CellColumn               *info);
static void unbind_cell_cb      (GtkSignalListItemFactory *factory,
                                 GtkListItem              *item,
                                 CellColumn               *info);
static void search_changed_cb   (EbDataView               *self,
                                 GtkSearchEntry           *entry);

G_DEFINE_FINAL_TYPE (EbDataView, eb_data_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SURVEY,
  PROP_SEARCH,
  PROP_N_VISIBLE_ROWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark cell_text_quark;
static GQuark cell_column_quark;

static const char *
describe_role (EbColumnRole role)
{
  switch (role)
    {
    case EB_COLUMN_ROLE_IGNORED:
      return _("Ignored");
    case EB_COLUMN_ROLE_ID:
      return _("Respondent ID");
    case EB_COLUMN_ROLE_ATTRIBUTE:
      return _("Attribute");
    case EB_COLUMN_ROLE_LIKERT:
      return _("Likert item");
    case EB_COLUMN_ROLE_MULTI:
      return _("Multiple choice");
    case EB_COLUMN_ROLE_TEXT:
      return _("Free text");
    case EB_COLUMN_ROLE_NUMBER:
      return _("Number");
    case EB_COLUMN_ROLE_DATE:
      return _("Date");
    default:
      return "";
    }
}

/* "How confident are you…\nLikert item · Not at all … Very": the header's
 * tooltip, since long questions do not fit their column. */
static char *
describe_column (EbSurvey *survey,
                 guint     column)
{
  EbColumnRole role = eb_survey_get_column_role (survey, column);
  EbScale *scale = eb_survey_get_column_scale (survey, column);
  g_autoptr(GString) role_line = g_string_new (describe_role (role));

  if (role == EB_COLUMN_ROLE_LIKERT && scale != NULL)
    {
      guint n_levels = eb_scale_get_n_levels (scale);
      guint last = n_levels - 1;

      while (last > 0 && eb_scale_is_non_substantive (scale, last))
        last--;
      g_string_append_printf (role_line, " · %s … %s",
                              eb_scale_get_label (scale, 0),
                              eb_scale_get_label (scale, last));
    }
  return g_markup_printf_escaped ("<b>%s</b>\n%s",
                                  eb_survey_get_column_name (survey, column),
                                  role_line->str);
}

static int
measure_text (GtkWidget  *widget,
              const char *text,
              gboolean    header)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  if (header)
    {
      /* Adwaita's column headers: 9 pt bold. */
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_size_new (9 * PANGO_SCALE));
      pango_layout_set_attributes (layout, attrs);
    }
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Wide enough for the title and the longest answers among the first rows,
 * within limits: long questions and free text are cut short and shown in
 * full by tooltips. */
static int
choose_column_width (EbDataView *self,
                     guint       column)
{
  const char *longest[WIDTH_SAMPLE_VALUES] = { NULL, };
  glong lengths[WIDTH_SAMPLE_VALUES] = { 0, };
  guint n_rows = MIN (eb_survey_get_n_rows (self->survey), WIDTH_SAMPLE_ROWS);
  EbColumnRole role = eb_survey_get_column_role (self->survey, column);
  int max_width = role == EB_COLUMN_ROLE_TEXT ? MAX_TEXT_COLUMN_WIDTH : MAX_COLUMN_WIDTH;
  int width;

  width = measure_text (self->column_view,
                        eb_survey_get_column_name (self->survey, column),
                        TRUE) + HEADER_EXTRA_WIDTH;

  /* Measuring every answer costs too much: measure the few longest. */
  for (guint row = 0; row < n_rows; row++)
    {
      const char *cell = eb_survey_get_cell (self->survey, row, column);
      glong length;
      guint i;

      for (i = 0; i < WIDTH_SAMPLE_VALUES; i++)
        if (longest[i] == cell)
          break;
      if (i < WIDTH_SAMPLE_VALUES)
        continue;
      length = g_utf8_strlen (cell, -1);
      for (i = 0; i < WIDTH_SAMPLE_VALUES; i++)
        if (length > lengths[i])
          {
            memmove (&longest[i + 1], &longest[i], sizeof (longest[0]) * (WIDTH_SAMPLE_VALUES - i - 1));
            memmove (&lengths[i + 1], &lengths[i], sizeof (lengths[0]) * (WIDTH_SAMPLE_VALUES - i - 1));
            longest[i] = cell;
            lengths[i] = length;
            break;
          }
    }
  for (guint i = 0; i < WIDTH_SAMPLE_VALUES && longest[i] != NULL; i++)
    width = MAX (width, measure_text (self->column_view, longest[i], FALSE) + CELL_EXTRA_WIDTH);

  return CLAMP (width, MIN_COLUMN_WIDTH, max_width);
}

static guint
count_digits (guint n)
{
  guint digits = 1;

  while (n >= 10)
    {
      n /= 10;
      digits++;
    }
  return digits;
}

static GtkWidget *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* GTK 4.8 has no API for header tooltips, and its header labels do not
 * ellipsize: reach the title widgets, checking each is the one expected, so
 * that a GTK with another layout merely goes without. */
static void
decorate_headers (EbDataView *self)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));
  GtkWidget *header = gtk_widget_get_first_child (self->column_view);
  guint i = 0;

  if (header == NULL || g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
    return;

  for (GtkWidget *title = gtk_widget_get_first_child (header);
       title != NULL;
       title = gtk_widget_get_next_sibling (title), i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkWidget *label = find_label (title);
      const char *tooltip;

      if (column == NULL || label == NULL ||
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)),
                     gtk_column_view_column_get_title (column)) != 0)
        return;

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      /* Over numbers, the title lines up with them on the right. */
      gtk_label_set_xalign (GTK_LABEL (label),
                            g_object_get_data (G_OBJECT (column), "eb-numeric") != NULL ? 1.0f : 0.0f);
      tooltip = g_object_get_data (G_OBJECT (column), "eb-tooltip");
      gtk_widget_set_tooltip_markup (title, tooltip);
    }
}

static void
update_count (EbDataView *self)
{
  gboolean searching = self->search[0] != '\0';
  guint n_visible;

  if (self->filter_model == NULL)
    return;

  n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  if (self->survey != NULL)
    {
      guint n_rows = eb_survey_get_n_rows (self->survey);
      g_autofree char *visible = g_strdup_printf ("%'u", n_visible);
      g_autofree char *total = g_strdup_printf ("%'u", n_rows);
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s of %s response",
                                           "%s of %s responses",
                                           n_rows),
                              visible, total);
      gtk_label_set_text (GTK_LABEL (self->count_label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->count_label), "");

  gtk_stack_set_visible_child (GTK_STACK (self->stack),
                               searching && n_visible == 0
                               ? self->no_results_page
                               : self->scrolled_window);

  if (n_visible != self->n_visible_rows)
    {
      self->n_visible_rows = n_visible;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE_ROWS]);
    }
}

/* Replacing the entry's text passes through "" and reports it at once: not
 * a search anybody typed. The new text is reported after the entry's delay,
 * when it is already the view's search. */
static void
set_entry_text (EbDataView *self,
                const char *text)
{
  GtkEditable *entry = GTK_EDITABLE (self->search_entry);

  if (entry == NULL || g_strcmp0 (gtk_editable_get_text (entry), text) == 0)
    return;
  g_signal_handlers_block_by_func (entry, search_changed_cb, self);
  gtk_editable_set_text (entry, text);
  g_signal_handlers_unblock_by_func (entry, search_changed_cb, self);
}

static void
remove_columns (EbDataView *self)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (self->column_view);
  GListModel *columns = gtk_column_view_get_columns (column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (column_view, column);
    }
}

static void
add_columns (EbDataView *self)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (self->column_view);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) row_column = NULL;
  g_autoptr(GtkSorter) row_sorter = NULL;
  guint n_columns = eb_survey_get_n_columns (self->survey);
  guint digits = count_digits (MAX (eb_survey_get_n_rows (self->survey), 1));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_number_cb), GUINT_TO_POINTER (digits));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_number_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_number_cb), NULL);
  row_column = gtk_column_view_column_new ("#", g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (row_column, FALSE);
  g_object_set_data (G_OBJECT (row_column), "eb-numeric", GINT_TO_POINTER (TRUE));
  row_sorter = eb_survey_row_sorter_new (self->rows, -1);
  gtk_column_view_column_set_sorter (row_column, row_sorter);
  g_object_set_data_full (G_OBJECT (row_column), "eb-tooltip",
                          g_markup_printf_escaped ("<b>%s</b>\n%s",
                                                   _("Response number"),
                                                   _("The order in which responses were imported")),
                          g_free);
  gtk_column_view_append_column (column_view, row_column);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;
      CellColumn *info = g_new0 (CellColumn, 1);

      info->column = c;
      info->numeric = eb_survey_get_column_role (self->survey, c) == EB_COLUMN_ROLE_NUMBER;

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), info);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), info);
      g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), info,
                             (GClosureNotify) G_CALLBACK (g_free), 0);

      column = gtk_column_view_column_new (eb_survey_get_column_name (self->survey, c),
                                           g_steal_pointer (&factory));
      sorter = eb_survey_row_sorter_new (self->rows, (int) c);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, FALSE);
      gtk_column_view_column_set_fixed_width (column, choose_column_width (self, c));
      g_object_set_data_full (G_OBJECT (column), "eb-tooltip",
                              describe_column (self->survey, c), g_free);
      if (info->numeric)
        g_object_set_data (G_OBJECT (column), "eb-numeric", GINT_TO_POINTER (TRUE));
      gtk_column_view_append_column (column_view, column);
    }

  decorate_headers (self);
}

/* Builds the search index one column per idle call while nobody is
 * searching yet, so that the first search is as quick as the next. */
static gboolean
prepare_search_cb (gpointer data)
{
  EbDataView *self = data;
  guint n_values;

  if (self->rows == NULL ||
      self->prepare_search_column >= eb_survey_get_n_columns (self->survey))
    {
      self->prepare_search_id = 0;
      return G_SOURCE_REMOVE;
    }
  /* A column's distinct answers, and each folded for searching: the first
   * search then costs what the next one does. */
  eb_survey_row_model_get_value_ids (self->rows, self->prepare_search_column, NULL, &n_values);
  eb_survey_row_model_get_search_texts (self->rows, self->prepare_search_column++);
  return G_SOURCE_CONTINUE;
}

/* Shows SURVEY (may be NULL) from scratch: new columns, no search, no sort. */
static void
load_survey (EbDataView *self)
{
  g_clear_handle_id (&self->prepare_search_id, g_source_remove);
  g_clear_object (&self->rows);
  g_clear_object (&self->filter);

  /* Empty the view first, so that nothing below works on the old rows. */
  gtk_sort_list_model_set_model (self->sort_model, NULL);
  eb_filter_model_set_source (self->filter_model, G_LIST_MODEL (self->sort_model), NULL);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), NULL, GTK_SORT_ASCENDING);
  remove_columns (self);

  if (self->search[0] != '\0')
    {
      g_free (self->search);
      self->search = g_strdup ("");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
    }
  set_entry_text (self, "");

  gtk_widget_set_sensitive (self->search_entry, self->survey != NULL);
  if (self->survey != NULL)
    {
      self->rows = eb_survey_row_model_new (self->survey);
      self->filter = eb_survey_row_filter_new (self->rows);
      eb_filter_model_set_source (self->filter_model, G_LIST_MODEL (self->sort_model), self->filter);
      add_columns (self);
      gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->rows));

      self->prepare_search_column = 0;
      self->prepare_search_id = g_idle_add_full (G_PRIORITY_LOW, prepare_search_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->prepare_search_id),
                                "[eb] prepare_search_cb");
    }
  update_count (self);
}

/* Cells are GtkInscriptions: unlike labels, they are sized without laying
 * out their text, which matters with 200 rows of 30 cells bound at once. */
static void
setup_row_number_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  data)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  guint digits = GPOINTER_TO_UINT (data);

  /* Every row number as wide as the largest: the column never jumps. */
  gtk_inscription_set_min_chars (inscription, digits);
  gtk_inscription_set_nat_chars (inscription, digits);
  gtk_inscription_set_xalign (inscription, 1.0f);
  gtk_widget_add_css_class (GTK_WIDGET (inscription), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (inscription), "numeric");
  gtk_list_item_set_child (item, GTK_WIDGET (inscription));
}

static void
show_row_number (GtkInscription *inscription,
                 EbSlot         *slot)
{
  EbSurveyRow *row = EB_SURVEY_ROW (eb_slot_get_item (slot));
  char text[16] = "";

  if (row != NULL)
    g_snprintf (text, sizeof text, "%u", eb_survey_row_get_index (row) + 1);
  gtk_inscription_set_text (inscription, text);
}

static void
slot_row_number_cb (EbSlot         *slot,
                    GParamSpec     *pspec,
                    GtkInscription *inscription)
{
  show_row_number (inscription, slot);
}

static void
bind_row_number_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  data)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  EbSlot *slot = gtk_list_item_get_item (item);

  show_row_number (inscription, slot);
  g_signal_connect_object (slot, "notify::item", G_CALLBACK (slot_row_number_cb), inscription, 0);
}

static void
unbind_row_number_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  data)
{
  EbSlot *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, slot_row_number_cb, gtk_list_item_get_child (item));
}

/* A cut-short or flattened answer shows in full when hovered. */
static gboolean
cell_query_tooltip_cb (GtkInscription *inscription,
                       int             x,
                       int             y,
                       gboolean        keyboard_mode,
                       GtkTooltip     *tooltip,
                       gpointer        data)
{
  const char *text = g_object_get_qdata (G_OBJECT (inscription), cell_text_quark);
  const char *shown = gtk_inscription_get_text (inscription);

  if (text == NULL || shown == NULL || *text == '\0')
    return FALSE;
  if (strcmp (text, shown) == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (inscription), shown);
      int width = 0;

      pango_layout_get_pixel_size (layout, &width, NULL);
      if (width <= gtk_widget_get_width (GTK_WIDGET (inscription)))
        return FALSE;
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CellColumn               *info)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  gtk_inscription_set_text_overflow (inscription, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (inscription, info->numeric ? 1.0f : 0.0f);
  if (info->numeric)
    gtk_widget_add_css_class (GTK_WIDGET (inscription), "numeric");
  gtk_widget_set_has_tooltip (GTK_WIDGET (inscription), TRUE);
  g_signal_connect (inscription, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
  /* The column outlives its cells. */
  g_object_set_qdata (G_OBJECT (inscription), cell_column_quark, info);
  gtk_list_item_set_child (item, GTK_WIDGET (inscription));
}

static void
show_cell (GtkInscription *inscription,
           EbSurveyRow    *row)
{
  const CellColumn *info = g_object_get_qdata (G_OBJECT (inscription), cell_column_quark);
  const char *text = row != NULL ? eb_survey_row_get_cell (row, info->column) : "";

  /* Interned by the survey, which the row keeps alive while shown. */
  g_object_set_qdata (G_OBJECT (inscription), cell_text_quark, (gpointer) text);
  if (strpbrk (text, "\n\r\t") != NULL)
    {
      /* Multi-line answers on one line. */
      g_autofree char *flat = g_strdup (text);

      g_strdelimit (flat, "\n\r\t", ' ');
      gtk_inscription_set_text (inscription, flat);
    }
  else
    gtk_inscription_set_text (inscription, text);
}

/* The slot of the cell's row holds another respondent now (a search or
 * a sort): only the text changes, the cell stays. */
static void
slot_item_cb (EbSlot         *slot,
              GParamSpec     *pspec,
              GtkInscription *inscription)
{
  show_cell (inscription, EB_SURVEY_ROW (eb_slot_get_item (slot)));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CellColumn               *info)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  EbSlot *slot = gtk_list_item_get_item (item);

  show_cell (inscription, EB_SURVEY_ROW (eb_slot_get_item (slot)));
  g_signal_connect_object (slot, "notify::item", G_CALLBACK (slot_item_cb), inscription, 0);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CellColumn               *info)
{
  GtkWidget *inscription = gtk_list_item_get_child (item);
  EbSlot *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, slot_item_cb, inscription);
  g_object_set_qdata (G_OBJECT (inscription), cell_text_quark, NULL);
}

static void
search_changed_cb (EbDataView     *self,
                   GtkSearchEntry *entry)
{
  eb_data_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Escape in the entry. */
static void
stop_search_cb (EbDataView     *self,
                GtkSearchEntry *entry)
{
  eb_data_view_set_search (self, "");
}

static void
items_changed_cb (EbDataView *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  update_count (self);
}

static void
selection_changed_cb (EbDataView        *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *selection)
{
  EbSlot *slot = gtk_single_selection_get_selected_item (self->selection);

  if (self->restoring_selection)
    return;
  self->selected_row = slot != NULL && eb_slot_get_item (slot) != NULL
                         ? eb_survey_row_get_index (EB_SURVEY_ROW (eb_slot_get_item (slot)))
                         : G_MAXUINT;
}

/* Where survey row ROW is shown now, or GTK_INVALID_LIST_POSITION. */
static guint
find_row (EbDataView *self,
          guint       row)
{
  GListModel *rows = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (rows);

  for (guint position = 0; position < n; position++)
    {
      g_autoptr(EbSurveyRow) item = g_list_model_get_item (rows, position);

      if (eb_survey_row_get_index (item) == row)
        return position;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* After a search or a sort the view's rows hold other respondents (see
 * eb-slot-model.h): the respondent selected stays selected where they
 * went, or nothing is, and the new list is shown from its top. */
static void
slots_changed_cb (EbDataView  *self,
                  EbSlotModel *slots)
{
  guint position = GTK_INVALID_LIST_POSITION;
  GtkAdjustment *adjustment;

  if (self->selected_row != G_MAXUINT)
    position = find_row (self, self->selected_row);
  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->restoring_selection = FALSE;
  if (position == GTK_INVALID_LIST_POSITION)
    self->selected_row = G_MAXUINT;

  if (self->scrolled_window == NULL)
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled_window));
  gtk_adjustment_set_value (adjustment, 0);
}

static gboolean
eb_data_view_grab_focus (GtkWidget *widget)
{
  EbDataView *self = EB_DATA_VIEW (widget);

  return gtk_widget_grab_focus (self->search_entry);
}

static void
eb_data_view_dispose (GObject *object)
{
  EbDataView *self = EB_DATA_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->prepare_search_id, g_source_remove);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_func (self->filter_model, items_changed_cb, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->search_entry = NULL;
  self->count_label = NULL;
  self->stack = NULL;
  self->scrolled_window = NULL;
  self->column_view = NULL;
  self->no_results_page = NULL;

  g_clear_object (&self->selection);
  if (self->slots != NULL)
    g_signal_handlers_disconnect_by_func (self->slots, slots_changed_cb, self);
  g_clear_object (&self->slots);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_object (&self->survey);

  G_OBJECT_CLASS (eb_data_view_parent_class)->dispose (object);
}

static void
eb_data_view_finalize (GObject *object)
{
  EbDataView *self = EB_DATA_VIEW (object);

  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (eb_data_view_parent_class)->finalize (object);
}

static void
eb_data_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EbDataView *self = EB_DATA_VIEW (object);

  switch (prop_id)
    {
    case PROP_SURVEY:
      g_value_set_object (value, self->survey);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_N_VISIBLE_ROWS:
      g_value_set_uint (value, self->n_visible_rows);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_data_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EbDataView *self = EB_DATA_VIEW (object);

  switch (prop_id)
    {
    case PROP_SURVEY:
      eb_data_view_set_survey (self, g_value_get_object (value));
      break;

    case PROP_SEARCH:
      eb_data_view_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_data_view_class_init (EbDataViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_data_view_dispose;
  object_class->finalize = eb_data_view_finalize;
  object_class->get_property = eb_data_view_get_property;
  object_class->set_property = eb_data_view_set_property;

  widget_class->grab_focus = eb_data_view_grab_focus;

  properties[PROP_SURVEY] =
    g_param_spec_object ("survey", NULL, NULL,
                         EB_TYPE_SURVEY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VISIBLE_ROWS] =
    g_param_spec_uint ("n-visible-rows", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dataview");

  cell_text_quark = g_quark_from_static_string ("eb-cell-text");
  cell_column_quark = g_quark_from_static_string ("eb-cell-column");
}

static void
eb_data_view_init (EbDataView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkColumnView *column_view;
  GtkWidget *toolbar;
  GtkWidget *separator;

  self->search = g_strdup ("");
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_widget_set_parent (toolbar, GTK_WIDGET (self));

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Search answers"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search answers"),
                                  -1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->search_entry), 28);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry), GTK_WIDGET (self));
  gtk_widget_set_sensitive (self->search_entry, FALSE);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  gtk_box_append (GTK_BOX (toolbar), self->search_entry);

  self->count_label = gtk_label_new (NULL);
  gtk_widget_set_hexpand (self->count_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 1.0f);
  gtk_label_set_ellipsize (GTK_LABEL (self->count_label), PANGO_ELLIPSIZE_START);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_add_css_class (self->count_label, "numeric");
  gtk_box_append (GTK_BOX (toolbar), self->count_label);

  separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_parent (separator, GTK_WIDGET (self));

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->column_view = gtk_column_view_new (NULL);
  column_view = GTK_COLUMN_VIEW (self->column_view);
  gtk_widget_add_css_class (self->column_view, "data-table");
  gtk_column_view_set_show_row_separators (column_view, TRUE);
  gtk_column_view_set_show_column_separators (column_view, TRUE);
  gtk_column_view_set_reorderable (column_view, FALSE);

  /* Sorting before filtering: a search then never sorts again, and a new
   * sort order keeps the search. */
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (gtk_column_view_get_sorter (column_view)));
  /* Not GtkFilterListModel: see eb-filter-model.h. */
  self->filter_model = eb_filter_model_new ();
  eb_filter_model_set_source (self->filter_model, G_LIST_MODEL (self->sort_model), NULL);
  self->slots = eb_slot_model_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_swapped (self->slots, "changed", G_CALLBACK (slots_changed_cb), self);
  self->selected_row = G_MAXUINT;
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (items_changed_cb), self);

  self->scrolled_window = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled_window), self->column_view);
  gtk_stack_add_child (GTK_STACK (self->stack), self->scrolled_window);

  self->no_results_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->no_results_page), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->no_results_page), _("No Matching Responses"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->no_results_page), _("Try a different search"));
  gtk_stack_add_child (GTK_STACK (self->stack), self->no_results_page);

  update_count (self);
}

GtkWidget *
eb_data_view_new (void)
{
  return g_object_new (EB_TYPE_DATA_VIEW, NULL);
}

EbSurvey *
eb_data_view_get_survey (EbDataView *self)
{
  g_return_val_if_fail (EB_IS_DATA_VIEW (self), NULL);

  return self->survey;
}

void
eb_data_view_set_survey (EbDataView *self,
                         EbSurvey   *survey)
{
  g_return_if_fail (EB_IS_DATA_VIEW (self));
  g_return_if_fail (survey == NULL || EB_IS_SURVEY (survey));

  if (!g_set_object (&self->survey, survey))
    return;

  load_survey (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SURVEY]);
}

/* After the survey's columns changed role or scale: headers and sort orders
 * follow. Search and sort start afresh, as with a new survey. */
void
eb_data_view_reload (EbDataView *self)
{
  g_return_if_fail (EB_IS_DATA_VIEW (self));

  load_survey (self);
}

const char *
eb_data_view_get_search (EbDataView *self)
{
  g_return_val_if_fail (EB_IS_DATA_VIEW (self), NULL);

  return self->search;
}

void
eb_data_view_set_search (EbDataView *self,
                         const char *text)
{
  g_return_if_fail (EB_IS_DATA_VIEW (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->search, text) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (text);

  set_entry_text (self, text);
  if (self->filter != NULL)
    eb_survey_row_filter_set_search (EB_SURVEY_ROW_FILTER (self->filter), text);
  update_count (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

guint
eb_data_view_get_n_visible_rows (EbDataView *self)
{
  g_return_val_if_fail (EB_IS_DATA_VIEW (self), 0);

  return self->n_visible_rows;
}

GtkColumnView *
eb_data_view_get_column_view (EbDataView *self)
{
  g_return_val_if_fail (EB_IS_DATA_VIEW (self), NULL);

  return GTK_COLUMN_VIEW (self->column_view);
}

GListModel *
eb_data_view_get_rows (EbDataView *self)
{
  g_return_val_if_fail (EB_IS_DATA_VIEW (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}
