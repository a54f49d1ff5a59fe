/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-likert-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "eb-likert-chart.h"

/* Without data the chart asks for nothing; with data it is as tall as the
 * renderer's layout needs at the width it is given. */
#define MIN_WIDTH          280
#define NATURAL_WIDTH      720
/* Outlines, in pixels. */
#define HOVER_WIDTH        2.0
#define SELECTED_WIDTH     3.0
#define FOCUS_WIDTH        2.0
#define FOCUS_GAP          2.0

/* A segment by what it shows, so that it survives a new layout. */
typedef struct
{
  gboolean set;
  guint    item;
  guint    group;
  guint    level;
  gboolean non_substantive;
} SegmentKey;

struct _EbLikertChart
{
  GtkWidget             parent_instance;

  EbSurvey             *survey;
  EbLikertAnalysis     *analysis;
  EbLikertChartOptions  options;

  /* From the style: colours and the body font. */
  EbColor               foreground;
  EbColor               background;
  GdkRGBA               accent;
  char                 *font_family;
  double                font_size;

  /* The layout drawn, and the one last measured (natural height). */
  EbLikertChartLayout  *layout;
  EbLikertChartLayout  *measured;
  /* Bars of the drawn layout for keyboard moves, top to bottom: each a
   * GArray of segment indices, left to right. */
  GPtrArray            *bars;

  SegmentKey            hover;
  SegmentKey            cursor;
  EbLikertSelection    *selection;
};

G_DEFINE_FINAL_TYPE (EbLikertChart, eb_likert_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SURVEY,
  PROP_ANALYSIS,
  PROP_SELECTION,
  N_PROPS
};

enum {
  SEGMENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Segments and layouts ---- */

static SegmentKey
key_of (const EbLikertChartSegment *segment)
{
  SegmentKey key = { 0 };

  key.set = TRUE;
  key.item = eb_likert_chart_segment_get_item (segment);
  key.group = eb_likert_chart_segment_get_group (segment);
  key.level = eb_likert_chart_segment_get_level (segment);
  key.non_substantive = eb_likert_chart_segment_is_non_substantive (segment);
  return key;
}

static gboolean
key_equal (const SegmentKey *a,
           const SegmentKey *b)
{
  if (!a->set || !b->set)
    return a->set == b->set;
  return a->item == b->item && a->group == b->group && a->level == b->level
         && a->non_substantive == b->non_substantive;
}

/* The selected segment's key, unset without a selection. */
static SegmentKey
selected_key (EbLikertChart *self)
{
  SegmentKey key = { 0 };

  if (self->selection != NULL)
    {
      key.set = TRUE;
      key.item = eb_likert_selection_get_item (self->selection);
      key.group = eb_likert_selection_get_group (self->selection);
      key.level = eb_likert_selection_get_level (self->selection);
      key.non_substantive = eb_likert_selection_is_non_substantive (self->selection);
    }
  return key;
}

static int
find_segment (EbLikertChartLayout *layout,
              const SegmentKey    *key)
{
  if (layout == NULL || !key->set)
    return -1;

  for (guint i = 0; i < eb_likert_chart_layout_get_n_segments (layout); i++)
    {
      SegmentKey other = key_of (eb_likert_chart_layout_get_segment (layout, i));

      if (key_equal (key, &other))
        return (int) i;
    }
  return -1;
}

static void
color_from_rgba (EbColor       *color,
                 const GdkRGBA *rgba)
{
  color->red = rgba->red;
  color->green = rgba->green;
  color->blue = rgba->blue;
}

/* What the renderer is given: the caller's choices in our style. */
static void
get_effective_options (EbLikertChart        *self,
                       EbLikertChartOptions *options)
{
  *options = self->options;
  options->title = NULL;
  options->note = NULL;
  options->font_family = self->font_family;
  options->font_size = self->font_size;
  options->foreground = self->foreground;
  options->background = self->background;
  options->fill_background = FALSE;
}

static EbLikertChartLayout *
create_layout (EbLikertChart *self,
               double         width,
               double         height)
{
  EbLikertChartOptions options;

  get_effective_options (self, &options);
  return eb_likert_chart_layout_new (self->analysis, &options, width, height,
                                     gtk_widget_get_pango_context (GTK_WIDGET (self)));
}

static void
invalidate_layouts (EbLikertChart *self)
{
  g_clear_pointer (&self->layout, eb_likert_chart_layout_unref);
  g_clear_pointer (&self->measured, eb_likert_chart_layout_unref);
  g_clear_pointer (&self->bars, g_ptr_array_unref);
}

static EbLikertChartLayout *
ensure_measured (EbLikertChart *self,
                 double         width)
{
  if (self->measured != NULL && eb_likert_chart_layout_get_width (self->measured) == width)
    return self->measured;
  if (self->layout != NULL && eb_likert_chart_layout_get_width (self->layout) == width)
    return self->layout;

  g_clear_pointer (&self->measured, eb_likert_chart_layout_unref);
  self->measured = create_layout (self, width, 0);
  return self->measured;
}

static int
compare_segment_x (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  EbLikertChartLayout *layout = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  cairo_rectangle_t ra, rb;

  eb_likert_chart_segment_get_rect (eb_likert_chart_layout_get_segment (layout, ia), &ra);
  eb_likert_chart_segment_get_rect (eb_likert_chart_layout_get_segment (layout, ib), &rb);
  if (ra.x != rb.x)
    return ra.x < rb.x ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static int
compare_bar_y (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  EbLikertChartLayout *layout = user_data;
  GArray *bar_a = *(GArray * const *) a, *bar_b = *(GArray * const *) b;
  guint ia = g_array_index (bar_a, guint, 0), ib = g_array_index (bar_b, guint, 0);
  cairo_rectangle_t ra, rb;

  eb_likert_chart_segment_get_rect (eb_likert_chart_layout_get_segment (layout, ia), &ra);
  eb_likert_chart_segment_get_rect (eb_likert_chart_layout_get_segment (layout, ib), &rb);
  if (ra.y != rb.y)
    return ra.y < rb.y ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static EbLikertChartLayout *
ensure_layout (EbLikertChart *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  EbLikertChartLayout *layout;

  if (self->analysis == NULL || width <= 0)
    return NULL;

  if (self->layout != NULL
      && eb_likert_chart_layout_get_width (self->layout) == width
      && eb_likert_chart_layout_get_height (self->layout) == MAX (height, eb_likert_chart_layout_get_natural_height (self->layout)))
    return self->layout;

  /* The measured layout serves when the height is what it needs. */
  if (self->measured != NULL
      && eb_likert_chart_layout_get_width (self->measured) == width
      && height <= eb_likert_chart_layout_get_natural_height (self->measured))
    layout = eb_likert_chart_layout_ref (self->measured);
  else
    layout = create_layout (self, width, height);

  g_clear_pointer (&self->layout, eb_likert_chart_layout_unref);
  self->layout = layout;
  g_clear_pointer (&self->bars, g_ptr_array_unref);
  return self->layout;
}

/* The layout's segments as bars for the arrow keys: consecutive segments
 * of one item and group form a bar; bars go top to bottom (facets panel
 * by panel), segments left to right as drawn. */
static GPtrArray *
ensure_bars (EbLikertChart *self)
{
  EbLikertChartLayout *layout = ensure_layout (self);
  GArray *bar = NULL;
  SegmentKey last = { 0 };

  if (layout == NULL)
    return NULL;
  if (self->bars != NULL)
    return self->bars;

  self->bars = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < eb_likert_chart_layout_get_n_segments (layout); i++)
    {
      SegmentKey key = key_of (eb_likert_chart_layout_get_segment (layout, i));

      if (bar == NULL || key.item != last.item || key.group != last.group)
        {
          bar = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (self->bars, bar);
        }
      g_array_append_val (bar, i);
      last = key;
    }
  for (guint b = 0; b < self->bars->len; b++)
    g_array_sort_with_data (g_ptr_array_index (self->bars, b), compare_segment_x, layout);
  g_ptr_array_sort_with_data (self->bars, compare_bar_y, layout);
  return self->bars;
}

/* Where the segment with index INDEX is among the bars. */
static gboolean
locate_in_bars (GPtrArray *bars,
                guint      index,
                guint     *bar_out,
                guint     *position_out)
{
  for (guint b = 0; b < bars->len; b++)
    {
      GArray *bar = g_ptr_array_index (bars, b);

      for (guint p = 0; p < bar->len; p++)
        if (g_array_index (bar, guint, p) == index)
          {
            *bar_out = b;
            *position_out = p;
            return TRUE;
          }
    }
  return FALSE;
}

/* ---- Drawing ---- */

static void
outline_rect (cairo_t                 *cr,
              const cairo_rectangle_t *rect,
              double                   inset,
              double                   line_width)
{
  double x = rect->x + inset, y = rect->y + inset;
  double w = rect->width - 2 * inset, h = rect->height - 2 * inset;

  /* A segment without answers is a line: outline it as a sliver. */
  if (w < line_width)
    {
      x = rect->x + rect->width / 2 - line_width / 2;
      w = line_width;
    }
  cairo_set_line_width (cr, line_width);
  cairo_rectangle (cr, x, y, w, MAX (h, line_width));
  cairo_stroke (cr);
}

static void
draw_highlights (EbLikertChart       *self,
                 EbLikertChartLayout *layout,
                 cairo_t             *cr)
{
  int index;

  if (self->selection != NULL)
    {
      SegmentKey key = selected_key (self);

      index = find_segment (layout, &key);
      if (index >= 0)
        {
          cairo_rectangle_t rect;

          eb_likert_chart_segment_get_rect (eb_likert_chart_layout_get_segment (layout, index), &rect);
          gdk_cairo_set_source_rgba (cr, &self->accent);
          outline_rect (cr, &rect, 0, SELECTED_WIDTH);
        }
    }

  index = find_segment (layout, &self->hover);
  if (index >= 0)
    {
      cairo_rectangle_t rect;

      eb_likert_chart_segment_get_rect (eb_likert_chart_layout_get_segment (layout, index), &rect);
      cairo_set_source_rgba (cr, self->foreground.red, self->foreground.green,
                             self->foreground.blue, 0.85);
      outline_rect (cr, &rect, HOVER_WIDTH / 2, HOVER_WIDTH);
    }

  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    {
      index = find_segment (layout, &self->cursor);
      if (index >= 0)
        {
          cairo_rectangle_t rect;
          double gap = FOCUS_GAP + FOCUS_WIDTH / 2;

          eb_likert_chart_segment_get_rect (eb_likert_chart_layout_get_segment (layout, index), &rect);
          cairo_set_source_rgba (cr, self->accent.red, self->accent.green, self->accent.blue, 0.6);
          outline_rect (cr, &rect, -gap, FOCUS_WIDTH);
        }
    }
}

/* ---- Cursor, selection, accessibility ---- */

static const EbLikertChartSegment *
get_key_segment (EbLikertChart    *self,
                 const SegmentKey *key)
{
  EbLikertChartLayout *layout = ensure_layout (self);
  int index = find_segment (layout, key);

  return index >= 0 ? eb_likert_chart_layout_get_segment (layout, index) : NULL;
}

static void
update_accessible (EbLikertChart *self)
{
  const EbLikertChartSegment *segment = NULL;
  g_autofree char *label = NULL;
  const char *description;

  if (self->cursor.set)
    segment = get_key_segment (self, &self->cursor);

  if (segment != NULL)
    {
      SegmentKey key = key_of (segment);
      SegmentKey selected = selected_key (self);

      label = eb_likert_chart_segment_describe (segment);
      if (key_equal (&key, &selected))
        description = _("Selected. Escape clears the selection.");
      else
        description = _("Arrow keys move between answers; Enter selects these respondents.");
    }
  else if (self->analysis != NULL)
    {
      guint n_items = eb_likert_analysis_get_n_items (self->analysis);

      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Likert chart of %u item",
                                            "Likert chart of %u items", n_items),
                               n_items);
      description = _("Arrow keys move between answers; Enter selects these respondents.");
    }
  else
    {
      label = g_strdup (_("Likert chart"));
      description = "";
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Keeps the cursor's segment in sight in a scrolled window. */
static void
scroll_to_cursor (EbLikertChart *self)
{
  const EbLikertChartSegment *segment = get_key_segment (self, &self->cursor);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport;
  GtkAdjustment *adjustment;
  cairo_rectangle_t rect;
  double x, y, value, page;

  if (segment == NULL || scrolled == NULL)
    return;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (viewport == NULL)
    return;

  eb_likert_chart_segment_get_rect (segment, &rect);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self), viewport,
                                         rect.x, rect.y - FOCUS_GAP - FOCUS_WIDTH, &x, &y))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  rect.height += 2 * (FOCUS_GAP + FOCUS_WIDTH);
  if (y < 0)
    gtk_adjustment_set_value (adjustment, value + y);
  else if (y + rect.height > page)
    gtk_adjustment_set_value (adjustment, value + y + rect.height - page);
}

static void
set_cursor (EbLikertChart    *self,
            const SegmentKey *key,
            gboolean          scroll)
{
  if (key_equal (&self->cursor, key))
    return;

  self->cursor = *key;
  update_accessible (self);
  if (scroll)
    scroll_to_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_selection (EbLikertChart     *self,
               EbLikertSelection *selection)
{
  if (self->selection == selection)
    return;

  g_clear_pointer (&self->selection, eb_likert_selection_unref);
  self->selection = selection != NULL ? eb_likert_selection_ref (selection) : NULL;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

static void
select_key (EbLikertChart    *self,
            const SegmentKey *key,
            gboolean          activate)
{
  g_autoptr(EbLikertSelection) selection = NULL;
  SegmentKey selected = selected_key (self);

  g_assert (self->analysis != NULL);

  if (!key_equal (key, &selected))
    {
      if (self->survey == NULL)
        return;
      selection = eb_likert_selection_new (self->survey, self->analysis, key->item, key->group,
                                           key->level, key->non_substantive);
      set_selection (self, selection);
    }
  if (activate)
    g_signal_emit (self, signals[SEGMENT_ACTIVATED], 0, self->selection);
}

static void
set_hover (EbLikertChart    *self,
           const SegmentKey *key)
{
  if (key_equal (&self->hover, key))
    return;

  self->hover = *key;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The first segment with answers in the first bar, or simply the first. */
static gboolean
default_cursor (EbLikertChart *self,
                SegmentKey    *key)
{
  GPtrArray *bars = ensure_bars (self);
  GArray *bar;

  if (self->selection != NULL)
    {
      *key = selected_key (self);
      if (get_key_segment (self, key) != NULL)
        return TRUE;
    }
  if (bars == NULL || bars->len == 0)
    return FALSE;

  bar = g_ptr_array_index (bars, 0);
  for (guint p = 0; p < bar->len; p++)
    {
      const EbLikertChartSegment *segment =
        eb_likert_chart_layout_get_segment (self->layout, g_array_index (bar, guint, p));

      if (eb_likert_chart_segment_get_count (segment) > 0)
        {
          *key = key_of (segment);
          return TRUE;
        }
    }
  *key = key_of (eb_likert_chart_layout_get_segment (self->layout, g_array_index (bar, guint, 0)));
  return TRUE;
}

/* The segment in BAR that best continues a vertical move from SEGMENT: the
 * same level if the bar has it, else the one nearest in x. */
static guint
closest_in_bar (EbLikertChartLayout        *layout,
                GArray                     *bar,
                const EbLikertChartSegment *segment)
{
  SegmentKey key = key_of (segment);
  cairo_rectangle_t rect;
  double centre, best_distance = INFINITY;
  guint best = g_array_index (bar, guint, 0);

  eb_likert_chart_segment_get_rect (segment, &rect);
  centre = rect.x + rect.width / 2;
  for (guint p = 0; p < bar->len; p++)
    {
      guint index = g_array_index (bar, guint, p);
      const EbLikertChartSegment *other = eb_likert_chart_layout_get_segment (layout, index);
      SegmentKey other_key = key_of (other);
      cairo_rectangle_t other_rect;
      double distance;

      if (other_key.level == key.level && other_key.non_substantive == key.non_substantive)
        return index;
      eb_likert_chart_segment_get_rect (other, &other_rect);
      distance = fabs (other_rect.x + other_rect.width / 2 - centre);
      if (distance < best_distance)
        {
          best_distance = distance;
          best = index;
        }
    }
  return best;
}

/* With the focus, the keyboard cursor is on a segment, so that a screen
 * reader has one to read. */
static void
ensure_cursor (EbLikertChart *self)
{
  SegmentKey key;

  if (get_key_segment (self, &self->cursor) == NULL && default_cursor (self, &key))
    set_cursor (self, &key, FALSE);
  else
    update_accessible (self);
}

static gboolean
move_cursor (EbLikertChart *self,
             int            dx,
             int            dy,
             int            to_end)
{
  GPtrArray *bars = ensure_bars (self);
  EbLikertChartLayout *layout = self->layout;
  int index = find_segment (layout, &self->cursor);
  guint bar_index, position, target;
  GArray *bar;
  SegmentKey key;

  if (bars == NULL || bars->len == 0)
    return FALSE;

  if (index < 0 || !locate_in_bars (bars, (guint) index, &bar_index, &position))
    {
      if (default_cursor (self, &key))
        set_cursor (self, &key, TRUE);
      return TRUE;
    }

  bar = g_ptr_array_index (bars, bar_index);
  if (to_end != 0)
    target = g_array_index (bar, guint, to_end < 0 ? 0 : bar->len - 1);
  else if (dx != 0)
    {
      int next = (int) position + dx;

      if (next < 0 || next >= (int) bar->len)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return TRUE;
        }
      target = g_array_index (bar, guint, next);
    }
  else
    {
      int next = (int) bar_index + dy;

      if (next < 0 || next >= (int) bars->len)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return TRUE;
        }
      target = closest_in_bar (layout, g_ptr_array_index (bars, next),
                               eb_likert_chart_layout_get_segment (layout, index));
    }

  key = key_of (eb_likert_chart_layout_get_segment (layout, target));
  set_cursor (self, &key, TRUE);
  return TRUE;
}

/* ---- Signal callbacks ---- */

static void
motion_cb (EbLikertChart            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  const EbLikertChartSegment *segment = eb_likert_chart_get_segment_at (self, x, y);
  SegmentKey key = { 0 };

  if (segment != NULL)
    key = key_of (segment);
  set_hover (self, &key);
}

static void
leave_cb (EbLikertChart            *self,
          GtkEventControllerMotion *controller)
{
  SegmentKey none = { 0 };

  set_hover (self, &none);
}

static void
pressed_cb (EbLikertChart   *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  if (eb_likert_chart_get_segment_at (self, x, y) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
released_cb (EbLikertChart   *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  const EbLikertChartSegment *segment = eb_likert_chart_get_segment_at (self, x, y);
  SegmentKey key;

  if (segment == NULL || n_press != 1)
    return;

  key = key_of (segment);
  set_cursor (self, &key, FALSE);
  select_key (self, &key, TRUE);
}

static gboolean
key_pressed_cb (EbLikertChart         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || self->analysis == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return move_cursor (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1, 0, 0);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return move_cursor (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1, 0, 0);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return move_cursor (self, 0, -1, 0);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return move_cursor (self, 0, 1, 0);
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return move_cursor (self, 0, 0, -1);
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      return move_cursor (self, 0, 0, 1);
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (get_key_segment (self, &self->cursor) == NULL)
        return move_cursor (self, 0, 0, 0);
      select_key (self, &self->cursor, TRUE);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selection == NULL)
        return FALSE;
      eb_likert_chart_clear_selection (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_enter_cb (EbLikertChart           *self,
                GtkEventControllerFocus *controller)
{
  ensure_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (EbLikertChart           *self,
                GtkEventControllerFocus *controller)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- Style ---- */

static gboolean
same_color (const EbColor *a,
            const EbColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue;
}

/* Colours and font from the style: the chart follows light and dark and
 * the interface font, while the palette stays the figure's. Returns TRUE
 * when anything changed. */
static gboolean
update_style (EbLikertChart *self)
{
  /* GtkStyleContext is how GTK 4.8 gives a widget's colours (it is
   * deprecated from 4.10, which has gtk_widget_get_color()). */
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  EbColor foreground, background;
  GdkRGBA rgba, accent;
  const char *family = NULL;
  double size = 0;
  gboolean changed = FALSE;

  gtk_style_context_get_color (context, &rgba);
  color_from_rgba (&foreground, &rgba);
  if (gtk_style_context_lookup_color (context, "view_bg_color", &rgba))
    color_from_rgba (&background, &rgba);
  else
    background = eb_color_contrasting (&foreground);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = (GdkRGBA) { 0.11, 0.44, 0.85, 1.0 };

  if (font != NULL)
    {
      family = pango_font_description_get_family (font);
      size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
      if (pango_font_description_get_size_is_absolute (font))
        size = size * 72.0 / 96.0;
    }
  if (family == NULL)
    family = "Sans";
  if (!(size > 0))
    size = 11.0;

  if (!same_color (&foreground, &self->foreground) || !same_color (&background, &self->background))
    {
      self->foreground = foreground;
      self->background = background;
      changed = TRUE;
    }
  if (!gdk_rgba_equal (&accent, &self->accent))
    {
      self->accent = accent;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (g_strcmp0 (family, self->font_family) != 0 || size != self->font_size)
    {
      g_free (self->font_family);
      self->font_family = g_strdup (family);
      self->font_size = size;
      changed = TRUE;
    }
  return changed;
}

/* ---- Overrides ---- */

static GtkSizeRequestMode
eb_likert_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
eb_likert_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  EbLikertChart *self = EB_LIKERT_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else if (self->analysis == NULL)
    *minimum = *natural = 0;
  else
    {
      EbLikertChartLayout *layout = ensure_measured (self, for_size > 0 ? for_size : NATURAL_WIDTH);

      *minimum = *natural = (int) ceil (eb_likert_chart_layout_get_natural_height (layout));
    }
}

static void
eb_likert_chart_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  EbLikertChart *self = EB_LIKERT_CHART (widget);

  /* Focused before it had a size (a page just shown): the cursor can be
   * placed now. */
  if (!self->cursor.set && gtk_widget_is_focus (widget))
    ensure_cursor (self);
}

static void
eb_likert_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  EbLikertChart *self = EB_LIKERT_CHART (widget);
  EbLikertChartLayout *layout = ensure_layout (self);
  cairo_t *cr;

  if (layout == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0,
                                                       gtk_widget_get_width (widget),
                                                       gtk_widget_get_height (widget)));
  eb_likert_chart_draw (layout, cr);
  draw_highlights (self, layout, cr);
  cairo_destroy (cr);
}

static gboolean
eb_likert_chart_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  EbLikertChart *self = EB_LIKERT_CHART (widget);
  const EbLikertChartSegment *segment;
  g_autofree char *markup = NULL;
  cairo_rectangle_t rect;

  if (keyboard_mode)
    segment = get_key_segment (self, &self->cursor);
  else
    segment = eb_likert_chart_get_segment_at (self, x, y);
  if (segment == NULL)
    return FALSE;

  eb_likert_chart_segment_get_rect (segment, &rect);
  markup = eb_likert_chart_dup_tooltip_markup (self, rect.x + rect.width / 2, rect.y + rect.height / 2);
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  /* The tooltip moves on when the pointer leaves the segment. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) floor (rect.x), (int) floor (rect.y),
                              MAX ((int) ceil (rect.width), 1), (int) ceil (rect.height) });
  return TRUE;
}

static gboolean
eb_likert_chart_grab_focus (GtkWidget *widget)
{
  EbLikertChart *self = EB_LIKERT_CHART (widget);

  if (!GTK_WIDGET_CLASS (eb_likert_chart_parent_class)->grab_focus (widget))
    return FALSE;
  ensure_cursor (self);
  return TRUE;
}

static void
eb_likert_chart_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  EbLikertChart *self = EB_LIKERT_CHART (widget);

  GTK_WIDGET_CLASS (eb_likert_chart_parent_class)->css_changed (widget, change);

  if (update_style (self))
    {
      invalidate_layouts (self);
      gtk_widget_queue_resize (widget);
    }
}

static void
eb_likert_chart_system_setting_changed (GtkWidget        *widget,
                                        GtkSystemSetting  setting)
{
  EbLikertChart *self = EB_LIKERT_CHART (widget);

  GTK_WIDGET_CLASS (eb_likert_chart_parent_class)->system_setting_changed (widget, setting);

  update_style (self);
  invalidate_layouts (self);
  gtk_widget_queue_resize (widget);
}

static void
eb_likert_chart_state_flags_changed (GtkWidget     *widget,
                                     GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (eb_likert_chart_parent_class)->state_flags_changed (widget, previous);

  if ((changed & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED)) != 0)
    gtk_widget_queue_draw (widget);
}

static void
eb_likert_chart_dispose (GObject *object)
{
  EbLikertChart *self = EB_LIKERT_CHART (object);

  invalidate_layouts (self);
  g_clear_pointer (&self->selection, eb_likert_selection_unref);
  g_clear_pointer (&self->analysis, eb_likert_analysis_unref);
  g_clear_object (&self->survey);

  G_OBJECT_CLASS (eb_likert_chart_parent_class)->dispose (object);
}

static void
eb_likert_chart_finalize (GObject *object)
{
  EbLikertChart *self = EB_LIKERT_CHART (object);

  g_clear_pointer (&self->font_family, g_free);

  G_OBJECT_CLASS (eb_likert_chart_parent_class)->finalize (object);
}

static void
eb_likert_chart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbLikertChart *self = EB_LIKERT_CHART (object);

  switch (prop_id)
    {
    case PROP_SURVEY:
      g_value_set_object (value, self->survey);
      break;

    case PROP_ANALYSIS:
      g_value_set_boxed (value, self->analysis);
      break;

    case PROP_SELECTION:
      g_value_set_boxed (value, self->selection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_likert_chart_class_init (EbLikertChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eb_likert_chart_dispose;
  object_class->finalize = eb_likert_chart_finalize;
  object_class->get_property = eb_likert_chart_get_property;

  widget_class->get_request_mode = eb_likert_chart_get_request_mode;
  widget_class->measure = eb_likert_chart_measure;
  widget_class->size_allocate = eb_likert_chart_size_allocate;
  widget_class->snapshot = eb_likert_chart_snapshot;
  widget_class->query_tooltip = eb_likert_chart_query_tooltip;
  widget_class->grab_focus = eb_likert_chart_grab_focus;
  widget_class->css_changed = eb_likert_chart_css_changed;
  widget_class->system_setting_changed = eb_likert_chart_system_setting_changed;
  widget_class->state_flags_changed = eb_likert_chart_state_flags_changed;

  /**
   * EbLikertChart:survey:
   *
   * The survey whose rows the analysis counted.
   */
  properties[PROP_SURVEY] =
    g_param_spec_object ("survey", NULL, NULL,
                         EB_TYPE_SURVEY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbLikertChart:analysis:
   *
   * The counts drawn, or %NULL.
   */
  properties[PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL,
                        EB_TYPE_LIKERT_ANALYSIS,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbLikertChart:selection:
   *
   * The selected segment and its respondents, or %NULL.
   */
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL,
                        EB_TYPE_LIKERT_SELECTION,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbLikertChart::segment-activated:
   * @self: the chart
   * @selection: the segment's respondents, now the selection
   *
   * A segment was clicked, or chosen with Enter or Space.
   */
  signals[SEGMENT_ACTIVATED] =
    g_signal_new ("segment-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1,
                  EB_TYPE_LIKERT_SELECTION | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_css_name (widget_class, "likertchart");
  /* GTK 4.8 has no accessible objects for parts of a drawn widget: the
   * chart itself is the interactive element and its label names the
   * segment under the keyboard cursor. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
eb_likert_chart_init (EbLikertChart *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  eb_likert_chart_options_init (&self->options);
  self->font_family = g_strdup ("Sans");
  self->font_size = 11.0;
  self->foreground = (EbColor) { 0, 0, 0 };
  self->background = (EbColor) { 1, 1, 1 };
  self->accent = (GdkRGBA) { 0.11, 0.44, 0.85, 1.0 };

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_accessible (self);
}

/* ---- Public API ---- */

GtkWidget *
eb_likert_chart_new (void)
{
  return g_object_new (EB_TYPE_LIKERT_CHART, NULL);
}

EbSurvey *
eb_likert_chart_get_survey (EbLikertChart *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_CHART (self), NULL);

  return self->survey;
}

EbLikertAnalysis *
eb_likert_chart_get_analysis (EbLikertChart *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_CHART (self), NULL);

  return self->analysis;
}

void
eb_likert_chart_set_data (EbLikertChart    *self,
                          EbSurvey         *survey,
                          EbLikertAnalysis *analysis)
{
  SegmentKey none = { 0 };
  gboolean survey_changed;

  g_return_if_fail (EB_IS_LIKERT_CHART (self));
  g_return_if_fail (survey == NULL || EB_IS_SURVEY (survey));

  if (self->survey == survey && self->analysis == analysis)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  survey_changed = g_set_object (&self->survey, survey);
  if (self->analysis != analysis)
    {
      g_clear_pointer (&self->analysis, eb_likert_analysis_unref);
      self->analysis = analysis != NULL ? eb_likert_analysis_ref (analysis) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
    }
  if (survey_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SURVEY]);

  /* Segments of another analysis are other segments. */
  invalidate_layouts (self);
  self->hover = none;
  self->cursor = none;
  set_selection (self, NULL);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  g_object_thaw_notify (G_OBJECT (self));
}

const EbLikertChartOptions *
eb_likert_chart_get_options (EbLikertChart *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_CHART (self), NULL);

  return &self->options;
}

void
eb_likert_chart_set_options (EbLikertChart              *self,
                             const EbLikertChartOptions *options)
{
  g_return_if_fail (EB_IS_LIKERT_CHART (self));
  g_return_if_fail (options != NULL);

  self->options = *options;
  /* Neither strings nor a title: the view shows its own heading. */
  self->options.title = NULL;
  self->options.note = NULL;
  self->options.font_family = NULL;

  invalidate_layouts (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

EbLikertChartLayout *
eb_likert_chart_get_layout (EbLikertChart *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_CHART (self), NULL);

  return ensure_layout (self);
}

const EbLikertChartSegment *
eb_likert_chart_get_segment_at (EbLikertChart *self,
                                double         x,
                                double         y)
{
  EbLikertChartLayout *layout;

  g_return_val_if_fail (EB_IS_LIKERT_CHART (self), NULL);

  layout = ensure_layout (self);
  if (layout == NULL)
    return NULL;
  return eb_likert_chart_layout_hit (layout, x, y);
}

char *
eb_likert_chart_dup_tooltip_markup (EbLikertChart *self,
                                    double         x,
                                    double         y)
{
  const EbLikertChartSegment *segment;
  g_autoptr(GString) markup = NULL;
  g_autofree char *item = NULL;
  g_autofree char *level = NULL;
  const EbLikertGroup *group;

  g_return_val_if_fail (EB_IS_LIKERT_CHART (self), NULL);

  segment = eb_likert_chart_get_segment_at (self, x, y);
  if (segment == NULL)
    return NULL;

  group = eb_likert_analysis_get_group (self->analysis, eb_likert_chart_segment_get_group (segment));
  item = g_markup_escape_text (eb_likert_item_get_name (eb_likert_group_get_item (group, eb_likert_chart_segment_get_item (segment))), -1);
  level = g_markup_escape_text (eb_likert_chart_segment_get_label (segment), -1);

  markup = g_string_new (NULL);
  g_string_append_printf (markup, "<b>%s</b>\n", item);
  if (eb_likert_analysis_get_group_column (self->analysis) >= 0)
    {
      g_autofree char *column = g_markup_escape_text (eb_likert_analysis_get_group_column_name (self->analysis), -1);
      g_autofree char *value = g_markup_escape_text (eb_likert_group_get_value (group), -1);

      g_string_append_printf (markup, "%s = %s\n", column, value);
    }
  /* TRANSLATORS: answer: count of N (percent) */
  g_string_append_printf (markup, _("%s: %u of %u (%.1f %%)"), level,
                          eb_likert_chart_segment_get_count (segment),
                          eb_likert_chart_segment_get_base (segment),
                          eb_likert_chart_segment_get_percent (segment));
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

EbLikertSelection *
eb_likert_chart_get_selection (EbLikertChart *self)
{
  g_return_val_if_fail (EB_IS_LIKERT_CHART (self), NULL);

  return self->selection;
}

gboolean
eb_likert_chart_select (EbLikertChart *self,
                        guint          item,
                        guint          group,
                        guint          level,
                        gboolean       non_substantive)
{
  SegmentKey key = { TRUE, item, group, level, !!non_substantive };
  const EbLikertGroup *the_group;
  const EbLikertItem *the_item;
  guint n_levels;

  g_return_val_if_fail (EB_IS_LIKERT_CHART (self), FALSE);

  if (self->analysis == NULL || self->survey == NULL
      || group >= eb_likert_analysis_get_n_groups (self->analysis)
      || item >= eb_likert_analysis_get_n_items (self->analysis))
    return FALSE;
  the_group = eb_likert_analysis_get_group (self->analysis, group);
  the_item = eb_likert_group_get_item (the_group, item);
  n_levels = non_substantive ? eb_likert_item_get_n_non_substantive_levels (the_item)
                             : eb_likert_item_get_n_levels (the_item);
  if (level >= n_levels)
    return FALSE;

  select_key (self, &key, FALSE);
  set_cursor (self, &key, FALSE);
  return TRUE;
}

void
eb_likert_chart_clear_selection (EbLikertChart *self)
{
  g_return_if_fail (EB_IS_LIKERT_CHART (self));

  set_selection (self, NULL);
}
