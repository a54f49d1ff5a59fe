/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-likert-view"

#include "gui-test-util.h"
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "eb-application.h"
#include "eb-likert-view.h"
#include "eb-window-private.h"

/* Table 1 of the paper in seeds/000: seven items on a four-point scale,
 * counts lowest level first, over 304 respondents (the rest missing). */
#define SCALE_SPEC "Realise I need to develop much more<No change<Developed somewhat<Strongly developed"
#define N_RESPONDENTS 304
#define N_ITEMS 7

static const char * const levels[] = {
  "Realise I need to develop much more", "No change", "Developed somewhat", "Strongly developed",
};

static const char * const items[N_ITEMS] = {
  "Deepen my knowledge and understanding of the subject of mathematics",
  "Increase my knowledge and understanding of the mathematics curriculum in my school",
  "Develop my knowledge and understanding of mathematics interventions",
  "Enhance my teaching skills and strategies for delivering mathematics interventions",
  "Increase my confidence in teaching or supporting mathematics in general",
  "Enable pupils identified as low achievers to learn more mathematics",
  "Enhance my ability to help all pupils to learn more mathematics",
};

static const guint counts[N_ITEMS][4] = {
  { 5, 19, 149, 128 },
  { 2, 69, 151, 79 },
  { 5, 13, 110, 173 },
  { 4, 8, 93, 198 },
  { 3, 14, 108, 177 },
  { 5, 5, 130, 164 },
  { 5, 13, 149, 136 },
};

static EbApplication *app;
static char *tmp_root;

/* Respondent r answers item i with the level whose block of rows holds r
 * (counts laid end to end, highest level first), or nothing after them.
 * Programme alternates, so groups split every level about evenly. */
static const char *
answer (guint item,
        guint row)
{
  guint start = 0;

  for (int level = 3; level >= 0; level--)
    {
      if (row < start + counts[item][level])
        return levels[level];
      start += counts[item][level];
    }
  return "";
}

static EbSurvey *
make_table1_survey (void)
{
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(EbScale) scale = eb_scale_parse_spec (SCALE_SPEC, NULL);

  g_assert_nonnull (scale);
  eb_survey_add_column (survey, "Participant");
  eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
  eb_survey_add_column (survey, "Programme");
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_ATTRIBUTE);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      guint column = eb_survey_add_column (survey, items[i]);

      eb_survey_set_column_role (survey, column, EB_COLUMN_ROLE_LIKERT);
      eb_survey_set_column_scale (survey, column, scale);
    }

  for (guint r = 0; r < N_RESPONDENTS; r++)
    {
      const char *cells[2 + N_ITEMS];
      char id[16];

      g_snprintf (id, sizeof id, "%u", r + 1);
      cells[0] = id;
      cells[1] = r % 2 == 0 ? "1CN" : "1CN2";
      for (guint i = 0; i < N_ITEMS; i++)
        cells[2 + i] = answer (i, r);
      eb_survey_append_row (survey, cells, G_N_ELEMENTS (cells));
    }
  return survey;
}

/* A view in a window of its own, shown and laid out. */
static EbLikertView *
show_view (EbSurvey   *survey,
           EbProject  *project,
           GtkWindow **window_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = eb_likert_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  if (project != NULL)
    eb_likert_view_set_project (EB_LIKERT_VIEW (view), project);
  eb_likert_view_set_survey (EB_LIKERT_VIEW (view), survey);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 50 && gtk_widget_get_width (view) == 0; i++)
    {
      iterate_pending ();
      g_usleep (10000);
    }
  iterate_pending ();
  g_assert_cmpint (gtk_widget_get_width (view), >, 0);

  *window_out = GTK_WINDOW (window);
  return EB_LIKERT_VIEW (view);
}

static void
close_view (GtkWindow    *window,
            EbLikertView *view)
{
  g_object_ref (view);
  gtk_window_destroy (window);
  iterate_pending ();
  g_assert_finalize_object (view);
}

static const EbLikertChartSegment *
find_segment (EbLikertChart *chart,
              guint          item,
              guint          group,
              guint          level)
{
  EbLikertChartLayout *layout = eb_likert_chart_get_layout (chart);

  g_assert_nonnull (layout);
  for (guint i = 0; i < eb_likert_chart_layout_get_n_segments (layout); i++)
    {
      const EbLikertChartSegment *segment = eb_likert_chart_layout_get_segment (layout, i);

      if (eb_likert_chart_segment_get_item (segment) == item
          && eb_likert_chart_segment_get_group (segment) == group
          && eb_likert_chart_segment_get_level (segment) == level
          && !eb_likert_chart_segment_is_non_substantive (segment))
        return segment;
    }
  g_assert_not_reached ();
}

static void
segment_centre (const EbLikertChartSegment *segment,
                double                     *x,
                double                     *y)
{
  cairo_rectangle_t rect;

  eb_likert_chart_segment_get_rect (segment, &rect);
  *x = rect.x + rect.width / 2;
  *y = rect.y + rect.height / 2;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_not_reached ();
}

static gboolean
press_key (EbLikertChart *chart,
           guint          keyval)
{
  GtkEventController *keys = find_controller (GTK_WIDGET (chart), GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  iterate_pending ();
  return handled;
}

/* The first descendant of ROOT of TYPE (whose preferences-row title is
 * TITLE, if given). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && (title == NULL
          || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
find_table_row (EbLikertTable *table,
                const char    *first_cell,
                guint          from)
{
  for (guint r = from; r < eb_likert_table_get_n_rows (table); r++)
    if (g_strcmp0 (eb_likert_table_get_cell_text (table, r, 0), first_cell) == 0)
      return r;
  g_assert_not_reached ();
}

/* The colour at (X, Y) of WIDGET as drawn. */
static void
read_pixel (GtkWidget *widget,
            double     x,
            double     y,
            guchar     rgb[3])
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;
  GskRenderer *renderer;
  gsize stride = (gsize) width * 4;
  const guchar *pixel;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* The paintable shows what the widget last drew: wait for a frame. */
  while (node == NULL)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      GtkSnapshot *snapshot;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate_pending ();
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        g_usleep (10000);
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  data = g_malloc (stride * height);
  gdk_texture_download (texture, data, stride);

  /* Cairo's ARGB32: B, G, R, A in memory on little-endian machines. */
  pixel = data + (gsize) y * stride + (gsize) x * 4;
  rgb[0] = pixel[2];
  rgb[1] = pixel[1];
  rgb[2] = pixel[0];
}

static void
assert_color (const guchar   rgb[3],
              const EbColor *expected)
{
  g_assert_cmpint (ABS (rgb[0] - (int) (expected->red * 255 + 0.5)), <=, 2);
  g_assert_cmpint (ABS (rgb[1] - (int) (expected->green * 255 + 0.5)), <=, 2);
  g_assert_cmpint (ABS (rgb[2] - (int) (expected->blue * 255 + 0.5)), <=, 2);
}

static void
count_cb (gpointer  instance,
          gpointer  selection,
          guint    *n_calls)
{
  (*n_calls)++;
}

static void
test_table (void)
{
  g_autoptr(EbSurvey) survey = make_table1_survey ();
  GtkWindow *window;
  EbLikertView *view = show_view (survey, NULL, &window);
  EbLikertTable *table = eb_likert_view_get_table (view);
  guint average;

  g_assert_true (eb_likert_view_has_chart (view));

  /* Item, the four levels lowest first, valid, missing, mean. */
  g_assert_cmpuint (eb_likert_table_get_n_columns (table), ==, 1 + 4 + 3);
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 0, 1), ==, levels[0]);
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 0, 4), ==, "Strongly developed");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 0, 5), ==, "Valid");

  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 0), ==, items[0]);
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 1), ==, "5 (1.7%)");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 2), ==, "19 (6.3%)");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 3), ==, "149 (49.5%)");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 4), ==, "128 (42.5%)");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 5), ==, "301");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 6), ==, "3");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 7), ==, "3.33");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 5, 4), ==, "177 (58.6%)");

  /* The Average row of Table 1. */
  average = find_table_row (table, "Average", 1);
  g_assert_cmpuint (average, ==, 1 + N_ITEMS);
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, average, 1), ==, "4.1 (1.4%)");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, average, 2), ==, "20.1 (6.7%)");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, average, 3), ==, "127.1 (42.1%)");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, average, 4), ==, "150.7 (49.9%)");

  close_view (window, view);
}

static void
test_tooltip_and_selection (void)
{
  g_autoptr(EbSurvey) survey = make_table1_survey ();
  GtkWindow *window;
  EbLikertView *view = show_view (survey, NULL, &window);
  EbLikertChart *chart = eb_likert_view_get_chart (view);
  const EbLikertChartSegment *segment = find_segment (chart, 0, 0, 3);
  GtkEventController *click = find_controller (GTK_WIDGET (chart), GTK_TYPE_GESTURE_CLICK);
  g_autofree char *markup = NULL;
  EbLikertSelection *selection;
  GArray *rows;
  guint n_activated = 0;
  double x, y;

  segment_centre (segment, &x, &y);
  g_assert_true (eb_likert_chart_get_segment_at (chart, x, y) == segment);

  /* Hover: item, level, count, % and N. */
  markup = eb_likert_chart_dup_tooltip_markup (chart, x, y);
  g_assert_cmpstr (markup, ==,
                   "<b>Deepen my knowledge and understanding of the subject of mathematics</b>\n"
                   "Strongly developed: 128 of 301 (42.5 %)");
  g_assert_null (eb_likert_chart_dup_tooltip_markup (chart, 1, 1));

  /* A click selects the respondents who answered so. */
  g_signal_connect (chart, "segment-activated", G_CALLBACK (count_cb), &n_activated);
  g_assert_null (eb_likert_view_get_selection (view));
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_signal_emit_by_name (click, "released", 1, x, y);
  iterate_pending ();
  g_assert_cmpuint (n_activated, ==, 1);

  selection = eb_likert_chart_get_selection (chart);
  g_assert_nonnull (selection);
  g_assert_true (eb_likert_view_get_selection (view) == selection);
  g_assert_cmpuint (eb_likert_selection_get_item (selection), ==, 0);
  g_assert_cmpuint (eb_likert_selection_get_level (selection), ==, 3);
  g_assert_false (eb_likert_selection_is_non_substantive (selection));
  g_assert_null (eb_likert_selection_get_group_value (selection));
  g_assert_cmpuint (eb_likert_selection_get_column (selection), ==, 2);
  g_assert_cmpstr (eb_likert_selection_get_level_label (selection), ==, "Strongly developed");
  g_assert_cmpstr (eb_likert_selection_get_label (selection), ==,
                   "Deepen my knowledge… = Strongly developed · 128 respondents");
  rows = eb_likert_selection_get_rows (selection);
  g_assert_cmpuint (rows->len, ==, 128);
  g_assert_cmpuint (eb_likert_selection_get_n_rows (selection), ==, 128);
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);

      g_assert_cmpstr (eb_survey_get_cell (survey, row, 2), ==, "Strongly developed");
      if (i > 0)
        g_assert_cmpuint (row, >, g_array_index (rows, guint, i - 1));
    }

  /* Item 5: "Increase my confidence…", shortened the way the brief has it. */
  g_assert_true (eb_likert_chart_select (chart, 4, 0, 3, FALSE));
  g_assert_cmpuint (n_activated, ==, 1);
  g_assert_cmpstr (eb_likert_selection_get_label (eb_likert_chart_get_selection (chart)), ==,
                   "Increase my confidence… = Strongly developed · 177 respondents");
  g_assert_false (eb_likert_chart_select (chart, 4, 0, 4, FALSE));

  /* Escape clears the selection. */
  g_assert_true (press_key (chart, GDK_KEY_Escape));
  g_assert_null (eb_likert_chart_get_selection (chart));
  g_assert_null (eb_likert_view_get_selection (view));
  g_assert_false (press_key (chart, GDK_KEY_Escape));

  close_view (window, view);
}

static void
assert_focus_label (EbLikertChart *chart,
                    guint          item,
                    guint          level)
{
  g_autofree char *expected = eb_likert_chart_segment_describe (find_segment (chart, item, 0, level));

  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
}

static void
test_keyboard (void)
{
  g_autoptr(EbSurvey) survey = make_table1_survey ();
  GtkWindow *window;
  EbLikertView *view = show_view (survey, NULL, &window);
  EbLikertChart *chart = eb_likert_view_get_chart (view);
  /* What a screen reader says on the first item's top segment. */
  const char *strongly_developed = "Deepen my knowledge and understanding of the subject of mathematics: "
                                   "Strongly developed, 128 of 301, 42.5 %";
  const char *selected = "Selected. Escape clears the selection.";
  EbLikertSelection *selection;
  guint n_activated = 0;

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);

  /* With the focus, the cursor is on the first answer. */
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  iterate_pending ();
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (chart));
  assert_focus_label (chart, 0, 0);
  g_assert_true (press_key (chart, GDK_KEY_Home));
  assert_focus_label (chart, 0, 0);
  {
    g_autofree char *text = eb_likert_chart_segment_describe (find_segment (chart, 0, 0, 3));

    g_assert_cmpstr (text, ==, strongly_developed);
  }

  /* Left and right within a bar, up and down between bars. */
  g_assert_true (press_key (chart, GDK_KEY_Right));
  assert_focus_label (chart, 0, 1);
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_true (press_key (chart, GDK_KEY_Right));
  assert_focus_label (chart, 0, 3);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, strongly_developed);
  /* The end of the bar stays put. */
  g_assert_true (press_key (chart, GDK_KEY_Right));
  assert_focus_label (chart, 0, 3);
  g_assert_true (press_key (chart, GDK_KEY_Down));
  assert_focus_label (chart, 1, 3);
  g_assert_true (press_key (chart, GDK_KEY_Left));
  assert_focus_label (chart, 1, 2);
  g_assert_true (press_key (chart, GDK_KEY_Up));
  assert_focus_label (chart, 0, 2);
  g_assert_true (press_key (chart, GDK_KEY_End));
  assert_focus_label (chart, 0, 3);
  for (guint i = 0; i < N_ITEMS + 2; i++)
    g_assert_true (press_key (chart, GDK_KEY_Down));
  assert_focus_label (chart, N_ITEMS - 1, 3);

  /* Enter selects, as a click does. */
  g_signal_connect (chart, "segment-activated", G_CALLBACK (count_cb), &n_activated);
  g_assert_true (press_key (chart, GDK_KEY_Return));
  g_assert_cmpuint (n_activated, ==, 1);
  selection = eb_likert_chart_get_selection (chart);
  g_assert_nonnull (selection);
  g_assert_cmpuint (eb_likert_selection_get_item (selection), ==, N_ITEMS - 1);
  g_assert_cmpuint (eb_likert_selection_get_n_rows (selection), ==, 136);
  gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, selected);
  g_assert_true (press_key (chart, GDK_KEY_space));
  g_assert_cmpuint (n_activated, ==, 2);
  g_assert_true (press_key (chart, GDK_KEY_Escape));
  g_assert_null (eb_likert_chart_get_selection (chart));

  close_view (window, view);
}

static void
test_palette_setting (void)
{
  g_autoptr(EbSurvey) survey = make_table1_survey ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EbProject) project = NULL;
  g_autofree char *path = g_build_filename (tmp_root, "settings.evalbench", NULL);
  g_autofree char *stored = NULL;
  EbColor brbg[4], rdbu[4];
  GtkWindow *window;
  EbLikertView *view;
  EbLikertChart *chart;
  GtkPopover *popover;
  AdwComboRow *palette_row;
  guchar before[3], after[3];
  cairo_rectangle_t rect;
  double x, y;

  project = eb_project_open (path, &error);
  g_assert_no_error (error);
  view = show_view (survey, project, &window);
  chart = eb_likert_view_get_chart (view);

  /* Inside "Strongly developed" of the first item, clear of its label. */
  eb_likert_chart_segment_get_rect (find_segment (chart, 0, 0, 3), &rect);
  x = rect.x + 3;
  y = rect.y + rect.height / 2;
  eb_palette_get_colors (EB_PALETTE_BRBG, 4, brbg);
  eb_palette_get_colors (EB_PALETTE_RDBU, 4, rdbu);
  read_pixel (GTK_WIDGET (chart), x, y, before);
  assert_color (before, &brbg[3]);

  /* The settings popover's palette row. */
  popover = eb_likert_view_get_settings_popover (view);
  palette_row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (popover), ADW_TYPE_COMBO_ROW, "_Colours"));
  g_assert_nonnull (palette_row);
  g_assert_cmpuint (adw_combo_row_get_selected (palette_row), ==, 0);
  adw_combo_row_set_selected (palette_row, 1);
  iterate_pending ();
  g_assert_cmpint (eb_likert_chart_get_options (chart)->palette, ==, EB_PALETTE_RDBU);

  eb_likert_chart_segment_get_rect (find_segment (chart, 0, 0, 3), &rect);
  x = rect.x + 3;
  y = rect.y + rect.height / 2;
  read_pixel (GTK_WIDGET (chart), x, y, after);
  g_assert_true (memcmp (before, after, 3) != 0);
  assert_color (after, &rdbu[3]);

  /* Kept in the project, and shown so by the next view. */
  stored = eb_project_get_setting (project, "likert.palette");
  g_assert_cmpstr (stored, ==, eb_palette_to_string (EB_PALETTE_RDBU));
  close_view (window, view);

  view = show_view (survey, project, &window);
  chart = eb_likert_view_get_chart (view);
  g_assert_cmpint (eb_likert_chart_get_options (chart)->palette, ==, EB_PALETTE_RDBU);
  palette_row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (eb_likert_view_get_settings_popover (view)),
                                            ADW_TYPE_COMBO_ROW, "_Colours"));
  g_assert_cmpuint (adw_combo_row_get_selected (palette_row), ==, 1);
  close_view (window, view);

  eb_project_close (project);
}

/* As the panel writes negative numbers: with U+2212. */
static char *
minus_sign (char *text)
{
  char *out = text[0] == '-' ? g_strconcat ("\u2212", text + 1, NULL) : g_strdup (text);

  g_free (text);
  return out;
}

static void
test_p_values (void)
{
  const struct { double p; const char *text; } cases[] = {
    { 0.0004, "p < .001" }, { 0.001, "p = .001" }, { 0.0549, "p = .055" },
    { 0.5, "p = .500" }, { 1.0, "p = 1.000" }, { NAN, "p –" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = eb_format_p_value (cases[i].p);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Two waves of one survey, the same six participants in both: how each
 * one's answer moved, next to the comparison of the waves as groups. */
static void
test_paired_waves (void)
{
  /* Levels before and after: P1, P3 and P4 rise (P4 to the top), P2 and
   * P5 stay, P6 falls. */
  static const guint pre[] = { 0, 1, 1, 2, 3, 2 };
  static const guint post[] = { 1, 1, 2, 3, 3, 1 };
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbScale) scale = eb_scale_parse_spec (SCALE_SPEC, NULL);
  EbLikertComparisonPanel *panel;
  GtkDropDown *group_dropdown;
  GtkWindow *window;
  EbLikertView *view;

  eb_survey_add_column (survey, "ID");
  eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
  eb_survey_add_column (survey, "Wave");
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_ATTRIBUTE);
  eb_survey_add_column (survey, items[0]);
  eb_survey_set_column_role (survey, 2, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_scale (survey, 2, scale);
  for (guint wave = 0; wave < 2; wave++)
    for (guint p = 0; p < G_N_ELEMENTS (pre); p++)
      {
        g_autofree char *id = g_strdup_printf ("P%u", p + 1);
        const char *cells[] = { id, wave == 0 ? "pre" : "post", levels[wave == 0 ? pre[p] : post[p]] };

        eb_survey_append_row (survey, cells, G_N_ELEMENTS (cells));
      }

  view = show_view (survey, NULL, &window);
  group_dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, NULL));
  gtk_drop_down_set_selected (group_dropdown, 1);
  iterate_pending ();

  panel = EB_LIKERT_COMPARISON_PANEL (eb_likert_view_get_comparison_panel (view));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_cmpuint (eb_likert_comparison_panel_get_n_items (panel), ==, 1);
  g_assert_cmpuint (eb_likert_comparison_panel_get_n_paired_items (panel), ==, 1);
  g_assert_cmpstr (eb_likert_comparison_panel_get_paired_subtitle (panel, 0), ==,
                   "Higher 50 % · the same 33 % · lower 17 % · 17 % reached the top (n = 6)");
  g_assert_cmpstr (eb_likert_comparison_panel_get_paired_change (panel, 0), ==, "+33 pts");

  /* The other way round, the answers fell. */
  eb_likert_comparison_panel_set_groups (panel, 1, 0);
  g_assert_cmpstr (eb_likert_comparison_panel_get_paired_subtitle (panel, 0), ==,
                   "Higher 17 % · the same 33 % · lower 50 % · 0 % reached the top (n = 6)");
  g_assert_cmpstr (eb_likert_comparison_panel_get_paired_change (panel, 0), ==, "\u221233 pts");

  close_view (window, view);
}

static void
test_grouped (void)
{
  g_autoptr(EbSurvey) survey = make_table1_survey ();
  GtkWindow *window;
  EbLikertView *view = show_view (survey, NULL, &window);
  EbLikertChart *chart = eb_likert_view_get_chart (view);
  EbLikertTable *table = eb_likert_view_get_table (view);
  GtkDropDown *group_dropdown;
  EbLikertAnalysis *analysis;
  EbLikertSelection *selection;
  const EbLikertGroup *group;
  GArray *rows;
  guint heading, a = 0, b = 0;
  int index;
  EbLikertComparisonPanel *panel;
  EbLikertComparison *comparison;

  group_dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_nonnull (group_dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (group_dropdown)), ==, 2);
  gtk_drop_down_set_selected (group_dropdown, 1);
  iterate_pending ();

  analysis = eb_likert_chart_get_analysis (chart);
  g_assert_nonnull (analysis);
  g_assert_cmpint (eb_likert_analysis_get_group_column (analysis), ==, 1);
  g_assert_cmpuint (eb_likert_analysis_get_n_groups (analysis), ==, 2);

  /* A section per group, each with its Average row. */
  heading = find_table_row (table, "Programme = 1CN · 152 respondents", 1);
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, heading + 1, 0), ==, items[0]);
  find_table_row (table, "Average", heading);
  find_table_row (table, "Programme = 1CN2 · 152 respondents", heading + 1);

  /* The selection stays within its group. */
  index = eb_likert_analysis_find_group (analysis, "1CN2");
  g_assert_cmpint (index, >=, 0);
  group = eb_likert_analysis_get_group (analysis, index);
  g_assert_true (eb_likert_chart_select (chart, 0, index, 3, FALSE));
  selection = eb_likert_chart_get_selection (chart);
  g_assert_cmpstr (eb_likert_selection_get_group_value (selection), ==, "1CN2");
  rows = eb_likert_selection_get_rows (selection);
  g_assert_cmpuint (rows->len, ==, eb_likert_item_get_count (eb_likert_group_get_item (group, 0), 3));
  g_assert_cmpuint (rows->len, ==, 64);
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);

      g_assert_cmpstr (eb_survey_get_cell (survey, row, 1), ==, "1CN2");
      g_assert_cmpstr (eb_survey_get_cell (survey, row, 2), ==, "Strongly developed");
    }
  g_assert_cmpstr (eb_likert_selection_get_label (selection), ==,
                   "Deepen my knowledge… (1CN2) = Strongly developed · 64 respondents");

  /* Two groups are compared item by item under the reliability panel,
   * with the figures of the core's comparison. */
  panel = EB_LIKERT_COMPARISON_PANEL (eb_likert_view_get_comparison_panel (view));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_true (eb_likert_comparison_panel_get_groups (panel, &a, &b));
  g_assert_cmpuint (a, ==, 0);
  g_assert_cmpuint (b, ==, 1);
  comparison = eb_likert_comparison_new (analysis, 0, 1);
  g_assert_cmpuint (eb_likert_comparison_panel_get_n_items (panel), ==, G_N_ELEMENTS (items));
  /* Different people in each programme: nothing to pair. */
  g_assert_cmpuint (eb_likert_comparison_panel_get_n_paired_items (panel), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const EbMannWhitney *test = eb_likert_comparison_get_test (comparison, i);
      g_autofree char *p = eb_format_p_value (test->p);
      g_autofree char *z = minus_sign (g_strdup_printf ("%.2f", test->z));
      g_autofree char *subtitle = g_strdup_printf ("Positive %.0f %% against %.0f %% · z = %s, %s",
        eb_likert_item_get_percent_positive (eb_likert_group_get_item (eb_likert_analysis_get_group (analysis, 0), i)),
        eb_likert_item_get_percent_positive (eb_likert_group_get_item (eb_likert_analysis_get_group (analysis, 1), i)),
        z, p);
      g_autofree char *difference = minus_sign (g_strdup_printf ("%+.1f pts",
        eb_likert_comparison_get_positive_difference (comparison, i)));

      g_assert_cmpstr (eb_likert_comparison_panel_get_item_title (panel, i), ==, items[i]);
      g_assert_cmpstr (eb_likert_comparison_panel_get_item_subtitle (panel, i), ==, subtitle);
      g_assert_cmpstr (eb_likert_comparison_panel_get_item_difference (panel, i), ==, difference);
    }
  g_clear_pointer (&comparison, eb_likert_comparison_unref);
  /* The other way round, the difference changes sign. */
  eb_likert_comparison_panel_set_groups (panel, 1, 0);
  comparison = eb_likert_comparison_new (analysis, 1, 0);
  {
    g_autofree char *difference = minus_sign (g_strdup_printf ("%+.1f pts",
      eb_likert_comparison_get_positive_difference (comparison, 0)));

    g_assert_cmpstr (eb_likert_comparison_panel_get_item_difference (panel, 0), ==, difference);
  }
  g_clear_pointer (&comparison, eb_likert_comparison_unref);

  /* The wheel over the table scrolls the page, not the table's sideways
   * scroller (which kept the steps in GTK 4.8). */
  {
    GtkWidget *table_scroller = gtk_widget_get_ancestor (GTK_WIDGET (table), GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *page_scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (table_scroller),
                                                        GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *page = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page_scroller));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (table_scroller);
    GtkEventController *forward = NULL;
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (g_strcmp0 (gtk_event_controller_get_name (controller), "eb-page-scroll") == 0)
          forward = controller;
      }
    g_assert_nonnull (forward);
    gtk_adjustment_set_value (page, 0);
    g_assert_cmpfloat (gtk_adjustment_get_upper (page) - gtk_adjustment_get_page_size (page), >, 0);
    g_signal_emit_by_name (forward, "scroll", 0.0, 1.0, &handled);
    g_assert_true (handled);
    g_assert_cmpfloat (gtk_adjustment_get_value (page), >, 0);
  }

  /* A new grouping is a new analysis: the selection goes. */
  gtk_drop_down_set_selected (group_dropdown, 0);
  iterate_pending ();
  g_assert_null (eb_likert_chart_get_selection (chart));
  g_assert_cmpint (eb_likert_analysis_get_group_column (eb_likert_chart_get_analysis (chart)), ==, -1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));

  close_view (window, view);
}

static void
collect_dropdowns (GtkWidget *root,
                   GPtrArray *found)
{
  if (GTK_IS_DROP_DOWN (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_dropdowns (child, found);
}

/* A survey with two answer scales: the view offers each set of items. */
static void
test_item_sets (void)
{
  g_autoptr(EbSurvey) survey = make_table1_survey ();
  g_autoptr(EbScale) agreement = eb_scale_parse_spec ("Disagree<Neutral<Agree<Don't know!", NULL);
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EbProject) project = NULL;
  g_autofree char *path = g_build_filename (tmp_root, "item-sets.evalbench", NULL);
  g_autofree char *stored = NULL;
  EbLikertView *view;
  EbLikertTable *table;
  GtkDropDown *items_dropdown;
  GListModel *model;
  GtkWindow *window;
  guint column;

  /* A new column: the rows get their answers through a second survey. */
  {
    EbSurvey *wider = eb_survey_new ();
    const char *cells[3 + N_ITEMS];

    for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
      {
        eb_survey_add_column (wider, eb_survey_get_column_name (survey, c));
        eb_survey_set_column_role (wider, c, eb_survey_get_column_role (survey, c));
        eb_survey_set_column_scale (wider, c, eb_survey_get_column_scale (survey, c));
      }
    column = eb_survey_add_column (wider, "The sessions were well paced");
    eb_survey_set_column_role (wider, column, EB_COLUMN_ROLE_LIKERT);
    eb_survey_set_column_scale (wider, column, agreement);
    for (guint r = 0; r < N_RESPONDENTS; r++)
      {
        for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
          cells[c] = eb_survey_get_cell (survey, r, c);
        cells[column] = r % 10 == 0 ? "Don't know" : r % 3 == 0 ? "Disagree" : "Agree";
        eb_survey_append_row (wider, cells, column + 1);
      }
    g_object_unref (survey);
    survey = wider;
  }

  project = eb_project_open (path, &error);
  g_assert_no_error (error);
  view = show_view (survey, project, &window);
  table = eb_likert_view_get_table (view);

  collect_dropdowns (GTK_WIDGET (view), dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, 2);
  items_dropdown = g_ptr_array_index (dropdowns, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (items_dropdown)));
  model = gtk_drop_down_get_model (items_dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==,
                   "Realise I need to develop much more … Strongly developed · 7 items");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==,
                   "Disagree … Agree · 1 item");
  g_assert_cmpuint (eb_likert_table_get_n_rows (table), ==, 1 + N_ITEMS + 1);

  /* The second set: one item on a three-point scale, with a column for
   * its "Don't know" answers. */
  gtk_drop_down_set_selected (items_dropdown, 1);
  iterate_pending ();
  g_assert_cmpuint (eb_likert_analysis_get_n_items (eb_likert_chart_get_analysis (eb_likert_view_get_chart (view))), ==, 1);
  g_assert_cmpuint (eb_likert_table_get_n_columns (table), ==, 1 + 3 + 1 + 3);
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 0, 4), ==, "Don't know");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 0), ==, "The sessions were well paced");
  g_assert_cmpstr (eb_likert_table_get_cell_text (table, 1, 4), ==, "31");
  stored = eb_project_get_setting (project, "likert.items");
  g_assert_cmpstr (stored, ==, "The sessions were well paced");
  close_view (window, view);

  /* The next view starts where this one was left. */
  view = show_view (survey, project, &window);
  g_assert_cmpuint (eb_likert_analysis_get_n_items (eb_likert_chart_get_analysis (eb_likert_view_get_chart (view))), ==, 1);
  close_view (window, view);

  eb_project_close (project);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  gboolean ok = eb_likert_view_export_figure_finish (EB_LIKERT_VIEW (object), result, error);

  g_assert_true (ok == (*error == NULL));
  g_object_set_data (object, "test-done", GINT_TO_POINTER (TRUE));
}

static void
test_export (void)
{
  static const char * const names[] = { "figure.png", "figure.svg", "figure.pdf" };
  static const char * const magic[] = { "\x89PNG", "<?xml", "%PDF" };
  g_autoptr(EbSurvey) survey = make_table1_survey ();
  GtkWindow *window;
  EbLikertView *view = show_view (survey, NULL, &window);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmp_root, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
      gsize length;

      guint refs = G_OBJECT (view)->ref_count;

      g_object_set_data (G_OBJECT (view), "test-done", NULL);
      eb_likert_view_export_figure_to (view, file, NULL, export_done_cb, &error);
      while (g_object_get_data (G_OBJECT (view), "test-done") == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (1000);
        }
      /* The callback can run before the worker thread has let go of its
       * GTask, which holds the view: wait for that too. */
      while (G_OBJECT (view)->ref_count > refs)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (memcmp (contents, magic[i], strlen (magic[i])) == 0);
    }

  close_view (window, view);
}

/* The window: a Likert page beside the Data page, given the survey. */
static void
test_window_page (void)
{
  g_autoptr(EbSurvey) survey = make_table1_survey ();
  g_autoptr(GString) csv = g_string_new ("Participant,Programme");
  g_autofree char *path = g_build_filename (tmp_root, "table1.csv", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) controllers = NULL;
  EbWindow *window;
  gint64 deadline;
  gboolean alt1 = FALSE, alt2 = FALSE;

  for (guint i = 0; i < N_ITEMS; i++)
    g_string_append_printf (csv, ",%s", items[i]);
  g_string_append (csv, "\n");
  for (guint r = 0; r < N_RESPONDENTS; r++)
    {
      g_string_append_printf (csv, "%s,%s", eb_survey_get_cell (survey, r, 0), eb_survey_get_cell (survey, r, 1));
      for (guint i = 0; i < N_ITEMS; i++)
        g_string_append_printf (csv, ",%s", eb_survey_get_cell (survey, r, 2 + i));
      g_string_append (csv, "\n");
    }
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);

  window = g_object_ref (eb_window_new (GTK_APPLICATION (app)));
  gtk_window_present (GTK_WINDOW (window));
  iterate_pending ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));

  file = g_file_new_for_path (path);
  eb_window_open_file (window, file);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (eb_window_get_busy (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  iterate_pending ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "data");
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "data");
  g_assert_true (EB_IS_LIKERT_VIEW (window->likert_view));
  g_assert_true (eb_likert_view_get_survey (EB_LIKERT_VIEW (window->likert_view)) != NULL);
  g_assert_true (eb_likert_view_get_project (EB_LIKERT_VIEW (window->likert_view)) == eb_window_get_project (window));
  g_assert_true (eb_likert_view_has_chart (EB_LIKERT_VIEW (window->likert_view)));
  g_assert_cmpstr (eb_likert_table_get_cell_text (eb_likert_view_get_table (EB_LIKERT_VIEW (window->likert_view)), 1, 4),
                   ==, "128 (42.5%)");

  /* Alt+2 and Alt+1 are the pages' shortcuts. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GVariant *arguments = gtk_shortcut_get_arguments (shortcut);

          if (!GTK_IS_NAMED_ACTION (action)
              || !g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.show-page"))
            continue;
          if (g_str_equal (trigger, "<Alt>1"))
            alt1 = g_str_equal (g_variant_get_string (arguments, NULL), "data");
          else if (g_str_equal (trigger, "<Alt>2"))
            alt2 = g_str_equal (g_variant_get_string (arguments, NULL), "likert");
        }
    }
  g_assert_true (alt1);
  g_assert_true (alt2);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "likert");
  iterate_pending ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "likert");
  /* From the keyboard, the chart takes the focus, and once the page has
   * its size the cursor is on the first answer for a screen reader. */
  {
    EbLikertChart *chart = eb_likert_view_get_chart (EB_LIKERT_VIEW (window->likert_view));

    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (chart));
    deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (gtk_widget_get_width (GTK_WIDGET (chart)) == 0)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        iterate_pending ();
        g_usleep (10000);
      }
    iterate_pending ();
    assert_focus_label (chart, 0, 0);
    g_assert_true (press_key (chart, GDK_KEY_Down));
    assert_focus_label (chart, 1, 0);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  iterate_pending ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "data");

  /* Discard the untitled project. */
  {
    GtkWindow *dialog = NULL;
    g_autoptr(GList) toplevels = NULL;
    GWeakRef weak;

    gtk_window_close (GTK_WINDOW (window));
    iterate_pending ();
    toplevels = gtk_window_list_toplevels ();
    for (const GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        dialog = l->data;
    g_assert_nonnull (dialog);
    g_weak_ref_init (&weak, window);
    g_object_unref (window);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
    deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    for (;;)
      {
        g_autoptr(GObject) alive = g_weak_ref_get (&weak);

        if (alive == NULL)
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_clear_object (&alive);
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
      }
    g_weak_ref_clear (&weak);
    iterate_pending ();
  }
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  return g_remove (path) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_root = g_dir_make_tmp ("evalbench-test-likert-view-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *data = g_build_filename (tmp_root, "data", NULL);
    g_autofree char *config = g_build_filename (tmp_root, "config", NULL);
    g_autofree char *cache = g_build_filename (tmp_root, "cache", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  /* Pixels as Cairo draws them, whatever GL there is; accessible
   * properties kept where the test can read them, without a bus. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  app = eb_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/likert-view/table", test_table);
  g_test_add_func ("/likert-view/p-values", test_p_values);
  g_test_add_func ("/likert-view/paired-waves", test_paired_waves);
  g_test_add_func ("/likert-view/tooltip-and-selection", test_tooltip_and_selection);
  g_test_add_func ("/likert-view/keyboard", test_keyboard);
  g_test_add_func ("/likert-view/palette-setting", test_palette_setting);
  g_test_add_func ("/likert-view/grouped", test_grouped);
  g_test_add_func ("/likert-view/item-sets", test_item_sets);
  g_test_add_func ("/likert-view/export", test_export);
  g_test_add_func ("/likert-view/window-page", test_window_page);

  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (tmp_root);
  g_free (tmp_root);

  return status;
}
