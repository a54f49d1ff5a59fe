/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "likert-chart.h"

/* The chart of Table 1 (seeds/000) laid out and drawn on image surfaces:
 * geometry against the counts, text placement, hit testing, descriptions
 * and pixels. Layouts use the figure context (1 unit = 1 point), so
 * drawing on an image surface at scale 1 gives one pixel per unit. */

#define WIDTH  1000.0
#define HEIGHT  600.0

static const char *development[] = {
  "Realise I need to develop much more", "No change", "Developed somewhat",
  "Strongly developed",
};

static const char *table1_items[7] = {
  "Deepen my knowledge and understanding of the subject of mathematics",
  "Increase my knowledge and understanding of the mathematics curriculum in my school",
  "Develop my knowledge and understanding of mathematics interventions",
  "Enhance my teaching skills and strategies for delivering mathematics interventions",
  "Increase my confidence in teaching or supporting mathematics in general",
  "Enable pupils identified as low achievers to learn more mathematics",
  "Enhance my ability to help all pupils to learn more mathematics",
};

/* Lowest level first: the table prints them from "Strongly developed". */
static const guint table1_counts[7][4] = {
  { 5, 19, 149, 128 },
  { 2, 69, 151, 79 },
  { 5, 13, 110, 173 },
  { 4, 8, 93, 198 },
  { 3, 14, 108, 177 },
  { 5, 5, 130, 164 },
  { 5, 13, 149, 136 },
};

static const char *agreement[] = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
  "Strongly agree", "Don't know",
};
static const gboolean agreement_ns[] = { FALSE, FALSE, FALSE, FALSE, FALSE, TRUE };

/* A survey of N_ITEMS items whose answers have exactly COUNTS (levels of
 * SCALE in order, non-substantive ones included), with a Programme column
 * alternating 1CN / 1CN2 so that a grouped analysis has two groups. */
static EbSurvey *
make_survey (const char * const *names,
             guint               n_items,
             const guint        *counts,
             EbScale            *scale,
             guint              *columns)
{
  EbSurvey *survey = eb_survey_new ();
  guint n_levels = eb_scale_get_n_levels (scale);
  guint n_rows = 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_items; i++)
    {
      guint total = 0;

      for (guint l = 0; l < n_levels; l++)
        total += counts[i * n_levels + l];
      n_rows = MAX (n_rows, total);
    }
  eb_survey_add_column (survey, "Programme");
  for (guint i = 0; i < n_items; i++)
    {
      columns[i] = eb_survey_add_column (survey, names[i]);
      eb_survey_set_column_scale (survey, columns[i], scale);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      const char **cells = g_new0 (const char *, n_items + 1);

      cells[0] = r % 2 == 0 ? "1CN" : "1CN2";
      for (guint i = 0; i < n_items; i++)
        cells[i + 1] = "";
      g_ptr_array_add (rows, cells);
    }
  for (guint i = 0; i < n_items; i++)
    {
      guint r = 0;

      for (guint l = 0; l < n_levels; l++)
        for (guint n = 0; n < counts[i * n_levels + l]; n++, r++)
          ((const char **) rows->pdata[(r * 7 + i) % n_rows])[i + 1] = eb_scale_get_label (scale, l);
    }
  for (guint r = 0; r < n_rows; r++)
    eb_survey_append_row (survey, rows->pdata[r], n_items + 1);
  return survey;
}

static EbLikertAnalysis *
analyse (EbSurvey    *survey,
         const guint *columns,
         guint        n_items,
         gboolean     grouped)
{
  g_autoptr(GError) error = NULL;
  EbLikertAnalysis *analysis;

  analysis = eb_likert_analysis_new (survey, columns, n_items, grouped ? 0 : -1, &error);
  g_assert_no_error (error);
  return analysis;
}

static EbLikertAnalysis *
table1_analysis (gboolean grouped)
{
  g_autoptr(EbScale) scale = eb_scale_new (development, NULL, 4);
  guint columns[7];
  g_autoptr(EbSurvey) survey = make_survey (table1_items, 7, &table1_counts[0][0], scale, columns);

  return analyse (survey, columns, 7, grouped);
}

/* Five-point agreement with "Don't know"; NS_EXTRA non-substantive answers
 * for the first item. */
static EbLikertAnalysis *
agreement_analysis (guint ns_extra)
{
  static const char *names[3] = {
    "The sessions were well organised",
    "I use what I learnt in my lessons",
    "I would recommend the programme to a colleague",
  };
  guint counts[3][6] = {
    { 4, 10, 30, 60, 40, 0 },
    { 10, 20, 50, 30, 10, 0 },
    { 2, 3, 15, 50, 80, 0 },
  };
  g_autoptr(EbScale) scale = eb_scale_new (agreement, agreement_ns, 6);
  guint columns[3];
  g_autoptr(EbSurvey) survey = NULL;

  counts[0][5] = ns_extra;
  survey = make_survey (names, 3, &counts[0][0], scale, columns);
  return analyse (survey, columns, 3, FALSE);
}

static EbLikertChartLayout *
lay_out (EbLikertAnalysis           *analysis,
         const EbLikertChartOptions *options,
         double                      width,
         double                      height)
{
  return eb_likert_chart_layout_new (analysis, options, width, height, NULL);
}

static const EbLikertChartSegment *
find_segment (EbLikertChartLayout *layout,
              guint                item,
              guint                group,
              guint                level,
              gboolean             non_substantive)
{
  for (guint i = 0; i < eb_likert_chart_layout_get_n_segments (layout); i++)
    {
      const EbLikertChartSegment *segment = eb_likert_chart_layout_get_segment (layout, i);

      if (eb_likert_chart_segment_get_item (segment) == item
          && eb_likert_chart_segment_get_group (segment) == group
          && eb_likert_chart_segment_get_level (segment) == level
          && eb_likert_chart_segment_is_non_substantive (segment) == non_substantive)
        return segment;
    }
  g_assert_not_reached ();
  return NULL;
}

static cairo_rectangle_t
rect_of (const EbLikertChartSegment *segment)
{
  cairo_rectangle_t rect;

  eb_likert_chart_segment_get_rect (segment, &rect);
  return rect;
}

static gboolean
overlap (const cairo_rectangle_t *a,
         const cairo_rectangle_t *b)
{
  const double slack = 0.01;

  return a->x + slack < b->x + b->width && b->x + slack < a->x + a->width
         && a->y + slack < b->y + b->height && b->y + slack < a->y + a->height;
}

/* Every text inside the canvas, and no two texts on top of each other. */
static void
assert_texts_clean (EbLikertChartLayout *layout)
{
  guint n = eb_likert_chart_layout_get_n_texts (layout);
  double width = eb_likert_chart_layout_get_width (layout);
  double height = eb_likert_chart_layout_get_height (layout);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      cairo_rectangle_t a;
      const char *text = eb_likert_chart_layout_get_text (layout, i, NULL, &a, NULL);

      if (!(a.x >= 0 && a.y >= 0 && a.x + a.width <= width + 1e-6 && a.y + a.height <= height + 1e-6))
        g_error ("“%s” at %g,%g %gx%g leaves the %gx%g canvas", text, a.x, a.y, a.width,
                 a.height, width, height);
      for (guint j = i + 1; j < n; j++)
        {
          cairo_rectangle_t b;
          const char *other = eb_likert_chart_layout_get_text (layout, j, NULL, &b, NULL);

          if (overlap (&a, &b))
            g_error ("“%s” (%g,%g %gx%g) overlaps “%s” (%g,%g %gx%g)", text, a.x, a.y, a.width,
                     a.height, other, b.x, b.y, b.width, b.height);
        }
    }
}

static void
test_widths (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertChartLayout) layout = lay_out (analysis, NULL, WIDTH, HEIGHT);
  double scale = eb_likert_chart_layout_get_scale (layout);

  g_assert_cmpuint (eb_likert_chart_layout_get_n_segments (layout), ==, 7 * 4);
  g_assert_cmpfloat (scale, >, 0);
  for (guint i = 0; i < 7; i++)
    {
      guint valid = 0;
      double bar_width = 0;

      for (guint l = 0; l < 4; l++)
        {
          valid += table1_counts[i][l];
          bar_width += rect_of (find_segment (layout, i, 0, l, FALSE)).width;
        }
      for (guint l = 0; l < 4; l++)
        {
          const EbLikertChartSegment *segment = find_segment (layout, i, 0, l, FALSE);
          cairo_rectangle_t rect = rect_of (segment);

          g_assert_cmpuint (eb_likert_chart_segment_get_count (segment), ==, table1_counts[i][l]);
          g_assert_cmpuint (eb_likert_chart_segment_get_base (segment), ==, valid);
          g_assert_cmpstr (eb_likert_chart_segment_get_label (segment), ==, development[l]);
          g_assert_cmpfloat_with_epsilon (eb_likert_chart_segment_get_percent (segment),
                                          100.0 * table1_counts[i][l] / valid, 1e-9);
          /* Proportional to the count, and to the percentage on the axis. */
          g_assert_cmpfloat_with_epsilon (rect.width, bar_width * table1_counts[i][l] / valid, 0.5);
          g_assert_cmpfloat_with_epsilon (rect.width, scale * 100.0 * table1_counts[i][l] / valid, 0.5);
        }
      /* A whole bar is 100 % long. */
      g_assert_cmpfloat_with_epsilon (bar_width, 100 * scale, 1e-6);
    }
}

/* Four levels: the centre lies between "No change" and "Developed
 * somewhat", exactly, for every item; the longest side (96 %) gives a
 * symmetric axis to 100 %. */
static void
test_centre_even (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertChartLayout) layout = lay_out (analysis, NULL, WIDTH, HEIGHT);
  double centre = eb_likert_chart_layout_get_centre_x (layout);
  cairo_rectangle_t plot;
  double value;

  eb_likert_chart_layout_get_plot_area (layout, &plot);
  g_assert_cmpfloat (eb_likert_chart_layout_get_axis_max (layout), ==, 100);
  g_assert_cmpfloat_with_epsilon (centre, plot.x + plot.width / 2, 1e-6);
  for (guint i = 0; i < 7; i++)
    {
      cairo_rectangle_t no_change = rect_of (find_segment (layout, i, 0, 1, FALSE));
      cairo_rectangle_t somewhat = rect_of (find_segment (layout, i, 0, 2, FALSE));
      cairo_rectangle_t lowest = rect_of (find_segment (layout, i, 0, 0, FALSE));

      g_assert_cmpfloat_with_epsilon (no_change.x + no_change.width, centre, 1e-6);
      g_assert_cmpfloat_with_epsilon (somewhat.x, centre, 1e-6);
      g_assert_cmpfloat_with_epsilon (lowest.x + lowest.width, no_change.x, 1e-6);
      g_assert_cmpfloat (lowest.x, >=, plot.x - 1e-6);
    }
  /* Ticks 100 … 0 … 100 %, symmetric about the centre. */
  g_assert_cmpuint (eb_likert_chart_layout_get_n_ticks (layout) % 2, ==, 1);
  g_assert_cmpfloat (eb_likert_chart_layout_get_tick (layout, 0, &value), ==, plot.x);
  g_assert_cmpfloat (value, ==, -100);
  g_assert_cmpfloat_with_epsilon (eb_likert_chart_layout_get_tick (layout,
                                    eb_likert_chart_layout_get_n_ticks (layout) / 2, &value),
                                  centre, 1e-6);
  g_assert_cmpfloat (value, ==, 0);
}

/* Five levels: the neutral segment straddles the centre, half each side. */
static void
test_centre_odd (void)
{
  g_autoptr(EbLikertAnalysis) analysis = agreement_analysis (0);
  g_autoptr(EbLikertChartLayout) layout = lay_out (analysis, NULL, WIDTH, HEIGHT);
  double centre = eb_likert_chart_layout_get_centre_x (layout);

  for (guint i = 0; i < 3; i++)
    {
      cairo_rectangle_t neutral = rect_of (find_segment (layout, i, 0, 2, FALSE));
      cairo_rectangle_t disagree = rect_of (find_segment (layout, i, 0, 1, FALSE));
      cairo_rectangle_t agree = rect_of (find_segment (layout, i, 0, 3, FALSE));

      g_assert_cmpfloat (neutral.width, >, 0);
      g_assert_cmpfloat_with_epsilon (neutral.x + neutral.width / 2, centre, 1e-6);
      g_assert_cmpfloat_with_epsilon (disagree.x + disagree.width, neutral.x, 1e-6);
      g_assert_cmpfloat_with_epsilon (agree.x, neutral.x + neutral.width, 1e-6);
    }
}

/* The neutral level on the side: agreement and disagreement meet at the
 * centre, and the neutral bar sits right of the plot. */
static void
test_neutral_separate (void)
{
  g_autoptr(EbLikertAnalysis) analysis = agreement_analysis (0);
  g_autoptr(EbLikertChartLayout) layout = NULL;
  EbLikertChartOptions options;
  cairo_rectangle_t plot;
  double centre, scale;

  eb_likert_chart_options_init (&options);
  options.neutral = EB_LIKERT_NEUTRAL_SEPARATE;
  layout = lay_out (analysis, &options, WIDTH, 0);
  centre = eb_likert_chart_layout_get_centre_x (layout);
  scale = eb_likert_chart_layout_get_scale (layout);
  eb_likert_chart_layout_get_plot_area (layout, &plot);
  for (guint i = 0; i < 3; i++)
    {
      const EbLikertChartSegment *neutral = find_segment (layout, i, 0, 2, FALSE);

      g_assert_cmpfloat_with_epsilon (rect_of (find_segment (layout, i, 0, 1, FALSE)).x
                                      + rect_of (find_segment (layout, i, 0, 1, FALSE)).width,
                                      centre, 1e-6);
      g_assert_cmpfloat_with_epsilon (rect_of (find_segment (layout, i, 0, 3, FALSE)).x, centre, 1e-6);
      g_assert_cmpfloat (rect_of (neutral).x, >, plot.x + plot.width);
      g_assert_cmpfloat_with_epsilon (rect_of (neutral).width,
                                      eb_likert_chart_segment_get_percent (neutral) * scale, 1e-6);
    }
  assert_texts_clean (layout);
}

/* "Don't know" answers go to the side panel: the centre stays where it
 * was, percentages stay of valid answers, the panel lies right of the plot. */
static void
test_non_substantive (void)
{
  g_autoptr(EbLikertAnalysis) without = agreement_analysis (0);
  g_autoptr(EbLikertAnalysis) with = agreement_analysis (40);
  g_autoptr(EbLikertChartLayout) a = lay_out (without, NULL, WIDTH, 0);
  g_autoptr(EbLikertChartLayout) b = lay_out (with, NULL, WIDTH, 0);
  const EbLikertChartSegment *dont_know;
  cairo_rectangle_t plot;

  g_assert_cmpfloat (eb_likert_chart_layout_get_centre_x (a), ==, eb_likert_chart_layout_get_centre_x (b));
  g_assert_cmpfloat (eb_likert_chart_layout_get_scale (a), ==, eb_likert_chart_layout_get_scale (b));
  for (guint l = 0; l < 5; l++)
    {
      cairo_rectangle_t ra = rect_of (find_segment (a, 0, 0, l, FALSE));
      cairo_rectangle_t rb = rect_of (find_segment (b, 0, 0, l, FALSE));

      g_assert_cmpfloat (ra.x, ==, rb.x);
      g_assert_cmpfloat (ra.width, ==, rb.width);
    }

  eb_likert_chart_layout_get_plot_area (b, &plot);
  dont_know = find_segment (b, 0, 0, 0, TRUE);
  g_assert_cmpstr (eb_likert_chart_segment_get_label (dont_know), ==, "Don't know");
  g_assert_cmpuint (eb_likert_chart_segment_get_count (dont_know), ==, 40);
  g_assert_cmpuint (eb_likert_chart_segment_get_base (dont_know), ==, 184);
  g_assert_cmpfloat (rect_of (dont_know).x, >, plot.x + plot.width);
  g_assert_cmpfloat (rect_of (dont_know).width, >, 0);
  g_assert_cmpfloat (rect_of (find_segment (b, 1, 0, 0, TRUE)).width, ==, 0);
  g_assert_cmpfloat (rect_of (find_segment (b, 0, 0, 4, FALSE)).x, <, plot.x + plot.width);
  assert_texts_clean (b);
}

static void
test_texts_inside (void)
{
  g_autoptr(EbLikertAnalysis) table1 = table1_analysis (FALSE);
  g_autoptr(EbLikertAnalysis) grouped = table1_analysis (TRUE);
  g_autoptr(EbLikertAnalysis) agree = agreement_analysis (12);
  EbLikertChartOptions options;
  cairo_rectangle_t plot;
  const double widths[] = { WIDTH, 453.5, 320 };

  eb_likert_chart_options_init (&options);
  options.title = "Perceived professional development of the teaching assistants";
  options.note = "Source: Table 1 of the paper; N = 304 teaching assistants, 2013-14.";
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint variant = 0; variant < 6; variant++)
      {
        g_autoptr(EbLikertChartLayout) layout = NULL;
        EbLikertAnalysis *analysis = variant >= 4 ? grouped : variant == 3 ? agree : table1;

        options.style = variant == 1 ? EB_LIKERT_CHART_STACKED : EB_LIKERT_CHART_DIVERGING;
        options.neutral = variant == 3 ? EB_LIKERT_NEUTRAL_SEPARATE : EB_LIKERT_NEUTRAL_SPLIT;
        options.sort = variant == 2 ? EB_LIKERT_SORT_AGREEMENT : EB_LIKERT_SORT_QUESTIONNAIRE;
        options.group_layout = variant == 5 ? EB_LIKERT_GROUPS_FACETS : EB_LIKERT_GROUPS_ADJACENT;
        layout = lay_out (analysis, &options, widths[w], w == 0 ? HEIGHT : 0);
        g_test_message ("width %g, variant %u", widths[w], variant);
        assert_texts_clean (layout);
        /* Narrow canvases shed columns before the bars become unreadable. */
        eb_likert_chart_layout_get_plot_area (layout, &plot);
        g_assert_cmpfloat (plot.width, >=, 0.3 * widths[w]);
      }
}

static void
test_item_labels (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertChartLayout) layout = lay_out (analysis, NULL, 453.5, 0);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  cairo_rectangle_t plot;

  eb_likert_chart_layout_get_plot_area (layout, &plot);
  for (guint i = 0; i < eb_likert_chart_layout_get_n_texts (layout); i++)
    {
      EbLikertChartTextKind kind;
      cairo_rectangle_t rect;
      const char *text = eb_likert_chart_layout_get_text (layout, i, &kind, &rect, NULL);

      if (kind != EB_LIKERT_CHART_TEXT_ITEM)
        continue;
      g_ptr_array_add (labels, (gpointer) text);
      g_array_append_val (rects, rect);
    }
  g_assert_cmpuint (labels->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      cairo_rectangle_t *a = &g_array_index (rects, cairo_rectangle_t, i);

      /* Whole, in questionnaire order, right-aligned against the bars. */
      g_assert_cmpstr (labels->pdata[i], ==, table1_items[i]);
      g_assert_cmpfloat (a->x + a->width, <=, plot.x);
      g_assert_cmpfloat (a->x + a->width, ==, g_array_index (rects, cairo_rectangle_t, 0).x
                                              + g_array_index (rects, cairo_rectangle_t, 0).width);
      g_assert_cmpfloat (a->width, <=, 0.4 * 453.5);
      for (guint j = i + 1; j < 7; j++)
        {
          g_assert_false (overlap (a, &g_array_index (rects, cairo_rectangle_t, j)));
          g_assert_cmpfloat (a->y, <, g_array_index (rects, cairo_rectangle_t, j).y);
        }
    }
}

static void
test_long_label (void)
{
  static const char *names[2] = {
    "Thinking about the whole of the training programme, including the face-to-face "
    "sessions, the gap tasks in school and the support of the link teacher, how much "
    "do you feel it has changed the way you support children in mathematics lessons?",
    "Short item",
  };
  const guint counts[2][4] = { { 3, 10, 40, 50 }, { 1, 2, 3, 4 } };
  g_autoptr(EbScale) scale = eb_scale_new (development, NULL, 4);
  guint columns[2];
  g_autoptr(EbSurvey) survey = make_survey (names, 2, &counts[0][0], scale, columns);
  g_autoptr(EbLikertAnalysis) analysis = analyse (survey, columns, 2, FALSE);
  g_autoptr(EbLikertChartLayout) layout = lay_out (analysis, NULL, 400, 0);
  cairo_rectangle_t first = { 0 }, second = { 0 }, bar;
  guint lines = 0;

  for (guint i = 0; i < eb_likert_chart_layout_get_n_texts (layout); i++)
    {
      EbLikertChartTextKind kind;
      cairo_rectangle_t rect;
      guint n_lines;
      const char *text = eb_likert_chart_layout_get_text (layout, i, &kind, &rect, &n_lines);

      if (kind == EB_LIKERT_CHART_TEXT_ITEM && g_str_equal (text, names[0]))
        {
          first = rect;
          lines = n_lines;
        }
      else if (kind == EB_LIKERT_CHART_TEXT_ITEM)
        second = rect;
    }
  /* Wrapped onto several lines, whole, and the row grew to hold it. */
  g_assert_cmpuint (lines, >=, 4);
  g_assert_cmpfloat (first.width, <=, 0.4 * 400);
  g_assert_cmpfloat (first.y + first.height, <=, second.y);
  bar = rect_of (find_segment (layout, 0, 0, 3, FALSE));
  g_assert_cmpfloat_with_epsilon (bar.y + bar.height / 2, first.y + first.height / 2, 0.5);
  assert_texts_clean (layout);
}

static void
test_hit (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertChartLayout) layout = lay_out (analysis, NULL, WIDTH, HEIGHT);
  cairo_rectangle_t plot, top, below;

  for (guint i = 0; i < eb_likert_chart_layout_get_n_segments (layout); i++)
    {
      const EbLikertChartSegment *segment = eb_likert_chart_layout_get_segment (layout, i);
      cairo_rectangle_t r = rect_of (segment);

      if (r.width > 0)
        g_assert_true (eb_likert_chart_layout_hit (layout, r.x + r.width / 2, r.y + r.height / 2)
                       == segment);
    }
  eb_likert_chart_layout_get_plot_area (layout, &plot);
  g_assert_null (eb_likert_chart_layout_hit (layout, 1, 1));
  g_assert_null (eb_likert_chart_layout_hit (layout, WIDTH - 1, HEIGHT - 1));
  g_assert_null (eb_likert_chart_layout_hit (layout, plot.x + 1, plot.y + plot.height / 2));
  g_assert_null (eb_likert_chart_layout_hit (layout, -5, -5));
  /* Between two bars. */
  top = rect_of (find_segment (layout, 0, 0, 3, FALSE));
  below = rect_of (find_segment (layout, 1, 0, 3, FALSE));
  g_assert_cmpfloat (top.y + top.height, <, below.y);
  g_assert_null (eb_likert_chart_layout_hit (layout, top.x + 1, (top.y + top.height + below.y) / 2));
}

static void
test_describe (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertAnalysis) grouped = table1_analysis (TRUE);
  g_autoptr(EbLikertChartLayout) layout = lay_out (analysis, NULL, WIDTH, HEIGHT);
  g_autoptr(EbLikertChartLayout) grouped_layout = lay_out (grouped, NULL, WIDTH, HEIGHT);
  g_autofree char *text = eb_likert_chart_segment_describe (find_segment (layout, 0, 0, 3, FALSE));
  g_autofree char *group_text = eb_likert_chart_segment_describe (find_segment (grouped_layout, 0, 0, 3, FALSE));

  g_assert_cmpstr (text, ==,
                   "Deepen my knowledge and understanding of the subject of mathematics: "
                   "Strongly developed, 128 of 301, 42.5 %");
  g_assert_true (g_str_has_prefix (group_text,
                                   "Deepen my knowledge and understanding of the subject of "
                                   "mathematics (1CN): Strongly developed, "));
}

static void
test_percent_labels (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertChartLayout) layout = lay_out (analysis, NULL, WIDTH, HEIGHT);
  g_autoptr(EbLikertChartLayout) all = NULL;
  g_autoptr(EbLikertChartLayout) none = NULL;
  EbLikertChartOptions options;
  guint shown = 0;

  for (guint i = 0; i < eb_likert_chart_layout_get_n_segments (layout); i++)
    {
      const EbLikertChartSegment *segment = eb_likert_chart_layout_get_segment (layout, i);

      if (eb_likert_chart_segment_get_percent (segment) < 5.0)
        g_assert_false (eb_likert_chart_segment_has_percent_label (segment));
      else if (rect_of (segment).width > 40)
        g_assert_true (eb_likert_chart_segment_has_percent_label (segment));
      shown += eb_likert_chart_segment_has_percent_label (segment);
    }
  g_assert_cmpuint (shown, >=, 14);

  /* The label is the rounded percentage, inside its segment. */
  for (guint i = 0; i < eb_likert_chart_layout_get_n_texts (layout); i++)
    {
      EbLikertChartTextKind kind;
      cairo_rectangle_t rect;
      const char *text = eb_likert_chart_layout_get_text (layout, i, &kind, &rect, NULL);
      const EbLikertChartSegment *segment;
      g_autofree char *expected = NULL;

      if (kind != EB_LIKERT_CHART_TEXT_PERCENT)
        continue;
      segment = eb_likert_chart_layout_hit (layout, rect.x + rect.width / 2, rect.y + rect.height / 2);
      g_assert_nonnull (segment);
      expected = g_strdup_printf ("%ld%%", lround (eb_likert_chart_segment_get_percent (segment)));
      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpfloat (rect.x, >=, rect_of (segment).x);
      g_assert_cmpfloat (rect.x + rect.width, <=, rect_of (segment).x + rect_of (segment).width);
    }

  /* No threshold, wide canvas: the 6.3 % of item 1 gets its label. */
  eb_likert_chart_options_init (&options);
  options.percent_threshold = 0;
  all = lay_out (analysis, &options, 3000, 0);
  g_assert_true (eb_likert_chart_segment_has_percent_label (find_segment (all, 0, 0, 1, FALSE)));
  options.show_percents = FALSE;
  none = lay_out (analysis, &options, WIDTH, 0);
  for (guint i = 0; i < eb_likert_chart_layout_get_n_segments (none); i++)
    g_assert_false (eb_likert_chart_segment_has_percent_label (eb_likert_chart_layout_get_segment (none, i)));
}

/* Sorted by % positive: 96.7, 96.0, 94.4, 94.1, 94.0, 92.0, 76.4. */
static void
test_sort (void)
{
  static const guint expected[7] = { 5, 3, 4, 6, 2, 0, 1 };
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertChartLayout) layout = NULL;
  EbLikertChartOptions options;
  double previous_y = -1;

  eb_likert_chart_options_init (&options);
  options.sort = EB_LIKERT_SORT_AGREEMENT;
  layout = lay_out (analysis, &options, WIDTH, 0);
  for (guint r = 0; r < 7; r++)
    {
      const EbLikertChartSegment *segment = eb_likert_chart_layout_get_segment (layout, r * 4);

      g_assert_cmpuint (eb_likert_chart_segment_get_item (segment), ==, expected[r]);
      g_assert_cmpfloat (rect_of (segment).y, >, previous_y);
      previous_y = rect_of (segment).y;
    }
}

static void
test_groups (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (TRUE);
  g_autoptr(EbLikertChartLayout) adjacent = lay_out (analysis, NULL, WIDTH, 0);
  g_autoptr(EbLikertChartLayout) facets = NULL;
  EbLikertChartOptions options;
  guint group_labels = 0, headings = 0;

  g_assert_cmpuint (eb_likert_analysis_get_n_groups (analysis), ==, 2);
  g_assert_cmpuint (eb_likert_chart_layout_get_n_segments (adjacent), ==, 7 * 2 * 4);
  for (guint i = 0; i < 7; i++)
    {
      cairo_rectangle_t a = rect_of (find_segment (adjacent, i, 0, 3, FALSE));
      cairo_rectangle_t b = rect_of (find_segment (adjacent, i, 1, 3, FALSE));

      g_assert_cmpfloat (a.y + a.height, <, b.y);
      if (i < 6)
        g_assert_cmpfloat (b.y + b.height, <, rect_of (find_segment (adjacent, i + 1, 0, 3, FALSE)).y);
    }
  for (guint i = 0; i < eb_likert_chart_layout_get_n_texts (adjacent); i++)
    {
      EbLikertChartTextKind kind;

      eb_likert_chart_layout_get_text (adjacent, i, &kind, NULL, NULL);
      group_labels += kind == EB_LIKERT_CHART_TEXT_GROUP;
    }
  g_assert_cmpuint (group_labels, ==, 14);

  eb_likert_chart_options_init (&options);
  options.group_layout = EB_LIKERT_GROUPS_FACETS;
  facets = lay_out (analysis, &options, WIDTH, 0);
  for (guint i = 0; i < eb_likert_chart_layout_get_n_texts (facets); i++)
    {
      EbLikertChartTextKind kind;
      const char *text = eb_likert_chart_layout_get_text (facets, i, &kind, NULL, NULL);

      if (kind == EB_LIKERT_CHART_TEXT_HEADER && g_str_has_prefix (text, "1CN"))
        headings++;
      g_assert_cmpint (kind, !=, EB_LIKERT_CHART_TEXT_GROUP);
    }
  g_assert_cmpuint (headings, ==, 2);
  /* The second panel lies wholly below the first, on the same axis. */
  g_assert_cmpfloat (rect_of (find_segment (facets, 6, 0, 3, FALSE)).y, <,
                     rect_of (find_segment (facets, 0, 1, 3, FALSE)).y);
  g_assert_cmpfloat_with_epsilon (rect_of (find_segment (facets, 0, 0, 2, FALSE)).x,
                                  eb_likert_chart_layout_get_centre_x (facets), 1e-6);
  g_assert_cmpfloat_with_epsilon (rect_of (find_segment (facets, 0, 1, 2, FALSE)).x,
                                  eb_likert_chart_layout_get_centre_x (facets), 1e-6);
}

static void
test_stacked (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertChartLayout) layout = NULL;
  EbLikertChartOptions options;
  cairo_rectangle_t plot;

  eb_likert_chart_options_init (&options);
  options.style = EB_LIKERT_CHART_STACKED;
  layout = lay_out (analysis, &options, WIDTH, HEIGHT);
  eb_likert_chart_layout_get_plot_area (layout, &plot);
  g_assert_true (isnan (eb_likert_chart_layout_get_centre_x (layout)));
  g_assert_cmpfloat_with_epsilon (plot.width, 100 * eb_likert_chart_layout_get_scale (layout), 1e-6);
  for (guint i = 0; i < 7; i++)
    {
      cairo_rectangle_t first = rect_of (find_segment (layout, i, 0, 0, FALSE));
      cairo_rectangle_t last = rect_of (find_segment (layout, i, 0, 3, FALSE));

      g_assert_cmpfloat_with_epsilon (first.x, plot.x, 1e-6);
      g_assert_cmpfloat_with_epsilon (last.x + last.width, plot.x + plot.width, 1e-6);
    }
}

/* A taller canvas grows the bars; a shorter one cannot squeeze them. */
static void
test_height (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertChartLayout) natural = lay_out (analysis, NULL, WIDTH, 0);
  g_autoptr(EbLikertChartLayout) tall = NULL;
  g_autoptr(EbLikertChartLayout) short_one = NULL;
  double h = eb_likert_chart_layout_get_height (natural);

  g_assert_cmpfloat (h, ==, eb_likert_chart_layout_get_natural_height (natural));
  tall = lay_out (analysis, NULL, WIDTH, h * 1.3);
  short_one = lay_out (analysis, NULL, WIDTH, h / 2);
  g_assert_cmpfloat (eb_likert_chart_layout_get_height (tall), ==, h * 1.3);
  g_assert_cmpfloat (rect_of (find_segment (tall, 0, 0, 3, FALSE)).height, >,
                     rect_of (find_segment (natural, 0, 0, 3, FALSE)).height);
  g_assert_cmpfloat (eb_likert_chart_layout_get_height (short_one), ==, h);
  assert_texts_clean (tall);
}

static void
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y,
           guint8           rgb[3])
{
  guint32 pixel;

  cairo_surface_flush (surface);
  pixel = *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface)
                                   + y * cairo_image_surface_get_stride (surface) + x * 4);
  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

static void
assert_pixel (cairo_surface_t *surface,
              double           x,
              double           y,
              const EbColor   *color)
{
  guint8 rgb[3];

  get_pixel (surface, (int) floor (x), (int) floor (y), rgb);
  g_assert_cmpint (ABS (rgb[0] - (int) lround (color->red * 255)), <=, 1);
  g_assert_cmpint (ABS (rgb[1] - (int) lround (color->green * 255)), <=, 1);
  g_assert_cmpint (ABS (rgb[2] - (int) lround (color->blue * 255)), <=, 1);
}

static void
check_pixels (EbPalette palette,
              gboolean  grouped)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (grouped);
  g_autoptr(EbLikertChartLayout) layout = NULL;
  EbLikertChartOptions options;
  static const EbColor white = { 1, 1, 1 };
  EbColor colors[4];
  cairo_surface_t *surface;
  cairo_t *cr;
  guint checked = 0;

  eb_likert_chart_options_init (&options);
  options.palette = palette;
  layout = lay_out (analysis, &options, WIDTH, HEIGHT);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  eb_likert_chart_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  eb_palette_get_colors (palette, 4, colors);
  for (guint i = 0; i < eb_likert_chart_layout_get_n_segments (layout); i++)
    {
      const EbLikertChartSegment *segment = eb_likert_chart_layout_get_segment (layout, i);
      cairo_rectangle_t r = rect_of (segment);
      EbColor color = eb_likert_chart_segment_get_color (segment);

      g_assert_cmpfloat (color.red, ==, colors[eb_likert_chart_segment_get_level (segment)].red);
      g_assert_cmpfloat (color.blue, ==, colors[eb_likert_chart_segment_get_level (segment)].blue);
      if (r.width < 8)
        continue;
      /* Near a corner: clear of the centred label, the separators and any
       * hairline edge. */
      assert_pixel (surface, r.x + 3, r.y + 3, &color);
      assert_pixel (surface, r.x + r.width - 3, r.y + r.height - 3, &color);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 14);
  assert_pixel (surface, 1, 1, &white);
  assert_pixel (surface, WIDTH - 2, HEIGHT - 2, &white);
  cairo_surface_destroy (surface);
}

static void
test_pixels (void)
{
  check_pixels (EB_PALETTE_BRBG, FALSE);
  check_pixels (EB_PALETTE_PUOR, TRUE);
  check_pixels (EB_PALETTE_GREYS, FALSE);
}

/* Dark theme: the widget passes its colours; text follows them, the
 * segments keep the palette. */
static void
test_theme_colors (void)
{
  g_autoptr(EbLikertAnalysis) analysis = table1_analysis (FALSE);
  g_autoptr(EbLikertChartLayout) layout = NULL;
  EbLikertChartOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  EbColor colors[4];

  eb_likert_chart_options_init (&options);
  options.foreground = (EbColor) { 1, 1, 1 };
  options.background = (EbColor) { 0.14, 0.14, 0.14 };
  layout = lay_out (analysis, &options, 800, 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800,
                                        (int) ceil (eb_likert_chart_layout_get_height (layout)));
  cr = cairo_create (surface);
  eb_likert_chart_draw (layout, cr);
  cairo_destroy (cr);
  eb_palette_get_colors (EB_PALETTE_BRBG, 4, colors);
  assert_pixel (surface, 1, 1, &options.background);
  assert_pixel (surface, rect_of (find_segment (layout, 0, 0, 2, FALSE)).x + 3,
                rect_of (find_segment (layout, 0, 0, 2, FALSE)).y + 3, &colors[2]);
  cairo_surface_destroy (surface);
}

/* Degenerate data must lay out and draw without complaint. */
static void
test_empty_item (void)
{
  static const char *names[2] = { "Nobody answered this", "Everybody agreed" };
  const guint counts[2][4] = { { 0, 0, 0, 0 }, { 0, 0, 0, 12 } };
  g_autoptr(EbScale) scale = eb_scale_new (development, NULL, 4);
  guint columns[2];
  g_autoptr(EbSurvey) survey = make_survey (names, 2, &counts[0][0], scale, columns);
  g_autoptr(EbLikertAnalysis) analysis = analyse (survey, columns, 2, FALSE);
  g_autoptr(EbLikertChartLayout) layout = lay_out (analysis, NULL, 500, 0);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 400);
  cairo_t *cr = cairo_create (surface);

  eb_likert_chart_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  for (guint l = 0; l < 4; l++)
    g_assert_cmpfloat (rect_of (find_segment (layout, 0, 0, l, FALSE)).width, ==, 0);
  g_assert_cmpfloat (eb_likert_chart_layout_get_axis_max (layout), ==, 100);
  assert_texts_clean (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likert-chart/geometry/widths", test_widths);
  g_test_add_func ("/likert-chart/geometry/centre-even", test_centre_even);
  g_test_add_func ("/likert-chart/geometry/centre-odd", test_centre_odd);
  g_test_add_func ("/likert-chart/geometry/neutral-separate", test_neutral_separate);
  g_test_add_func ("/likert-chart/geometry/non-substantive", test_non_substantive);
  g_test_add_func ("/likert-chart/geometry/stacked", test_stacked);
  g_test_add_func ("/likert-chart/geometry/groups", test_groups);
  g_test_add_func ("/likert-chart/geometry/sort", test_sort);
  g_test_add_func ("/likert-chart/geometry/height", test_height);
  g_test_add_func ("/likert-chart/geometry/empty-item", test_empty_item);
  g_test_add_func ("/likert-chart/text/inside-and-apart", test_texts_inside);
  g_test_add_func ("/likert-chart/text/item-labels", test_item_labels);
  g_test_add_func ("/likert-chart/text/long-label", test_long_label);
  g_test_add_func ("/likert-chart/text/percent-labels", test_percent_labels);
  g_test_add_func ("/likert-chart/hit", test_hit);
  g_test_add_func ("/likert-chart/describe", test_describe);
  g_test_add_func ("/likert-chart/draw/pixels", test_pixels);
  g_test_add_func ("/likert-chart/draw/theme-colors", test_theme_colors);

  return g_test_run ();
}
