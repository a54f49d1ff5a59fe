/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-workbook-export"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "likert-analysis.h"
#include "likert-chart.h"
#include "reliability.h"
#include "workbook-private.h"

/* The Likert summary (Table 1 of the paper, per set of items sharing a
 * scale, with a native chart and the Evalbench figure) and the
 * Reliability sheet. Both are small and kept in memory, so the summary
 * can merge its two-row headers and its chart carries the values it is
 * drawn from, which viewers other than Excel need to show it. */

#define ITEM_WIDTH      50
#define NUMBER_WIDTH    13
#define TEXT_WIDTH      18

/* The native chart: pixels per bar, and around the bars. */
#define CHART_WIDTH     640
#define CHART_BAR       30
#define CHART_FRAME     110
#define CHART_MIN       288
#define FIGURE_GAP      16

#define RELIABILITY_WIDTH        70
#define RELIABILITY_NUMBER_WIDTH 16

/* Where a table's columns are, for its k levels and m non-substantive
 * levels: item, k counts, k percentages, valid, missing, m
 * non-substantive counts, mean, k texts "128 (42.5%)". */
typedef struct
{
  guint     n_levels;
  guint     n_non_substantive;
  lxw_col_t counts;
  lxw_col_t percents;
  lxw_col_t valid;
  lxw_col_t missing;
  lxw_col_t non_substantive;
  lxw_col_t mean;
  lxw_col_t texts;
  lxw_col_t last;
} TableLayout;

/* Where the overall table's items are, for the chart. */
typedef struct
{
  lxw_row_t level_row;     /* the header row with the level labels */
  lxw_row_t first_item;
  lxw_row_t last_item;
} ChartSource;

static void
lay_out_table (const EbLikertItem *item,
               TableLayout        *layout)
{
  layout->n_levels = eb_likert_item_get_n_levels (item);
  layout->n_non_substantive = eb_likert_item_get_n_non_substantive_levels (item);
  layout->counts = 1;
  layout->percents = layout->counts + layout->n_levels;
  layout->valid = layout->percents + layout->n_levels;
  layout->missing = layout->valid + 1;
  layout->non_substantive = layout->missing + 1;
  layout->mean = layout->non_substantive + layout->n_non_substantive;
  layout->texts = layout->mean + 1;
  layout->last = layout->texts + layout->n_levels - 1;
}

/* "128 (42.5%)", as the paper prints a cell of Table 1. */
static char *
format_count_percent (double count,
                      double percent,
                      gboolean whole)
{
  g_autofree char *number = whole ? g_strdup_printf ("%.0f", count)
                                  : g_strdup_printf ("%.1f", count);

  if (isnan (percent))
    return g_steal_pointer (&number);
  return g_strdup_printf ("%s (%.1f%%)", number, percent);
}

static void
write_table_header (EbWorkbook         *wb,
                    lxw_worksheet      *sheet,
                    lxw_row_t           row,
                    const EbLikertItem *item,
                    const TableLayout  *layout)
{
  guint lines = 1;

  worksheet_merge_range (sheet, row, 0, row + 1, 0, "Item", wb->header);
  if (layout->n_levels > 1)
    {
      worksheet_merge_range (sheet, row, layout->counts, row, layout->percents - 1,
                             "Number of answers", wb->header);
      worksheet_merge_range (sheet, row, layout->percents, row, layout->valid - 1,
                             "Percentage of valid answers", wb->header);
      worksheet_merge_range (sheet, row, layout->texts, row, layout->last,
                             "Number (%), as in the paper", wb->header);
    }
  else
    {
      eb_workbook_write_text (sheet, row, layout->counts, "Number of answers", wb->header);
      eb_workbook_write_text (sheet, row, layout->percents, "Percentage of valid answers",
                              wb->header);
      eb_workbook_write_text (sheet, row, layout->texts, "Number (%), as in the paper",
                              wb->header);
    }
  worksheet_merge_range (sheet, row, layout->valid, row + 1, layout->valid, "Valid (N)",
                         wb->header);
  worksheet_merge_range (sheet, row, layout->missing, row + 1, layout->missing, "Missing",
                         wb->header);
  for (guint i = 0; i < layout->n_non_substantive; i++)
    worksheet_merge_range (sheet, row, layout->non_substantive + i, row + 1,
                           layout->non_substantive + i,
                           eb_likert_item_get_non_substantive_label (item, i), wb->header);
  worksheet_merge_range (sheet, row, layout->mean, row + 1, layout->mean, "Mean", wb->header);

  for (guint level = 0; level < layout->n_levels; level++)
    {
      const char *label = eb_likert_item_get_level_label (item, level);

      eb_workbook_write_text (sheet, row + 1, layout->counts + level, label, wb->header);
      eb_workbook_write_text (sheet, row + 1, layout->percents + level, label, wb->header);
      eb_workbook_write_text (sheet, row + 1, layout->texts + level, label, wb->header);
      lines = MAX (lines, eb_workbook_count_lines (label, NUMBER_WIDTH));
    }
  eb_workbook_set_row_lines (sheet, row + 1, lines);
}

static void
write_item_row (EbWorkbook         *wb,
                lxw_worksheet      *sheet,
                lxw_row_t           row,
                const EbLikertItem *item,
                const TableLayout  *layout)
{
  eb_workbook_write_text (sheet, row, 0, eb_likert_item_get_name (item), wb->wrap);
  eb_workbook_set_row_lines (sheet, row,
                             eb_workbook_count_lines (eb_likert_item_get_name (item), ITEM_WIDTH));
  for (guint level = 0; level < layout->n_levels; level++)
    {
      double percent = eb_likert_item_get_percent (item, level);
      g_autofree char *text = format_count_percent (eb_likert_item_get_count (item, level),
                                                    percent, TRUE);

      worksheet_write_number (sheet, row, layout->counts + level,
                              eb_likert_item_get_count (item, level), wb->top);
      eb_workbook_write_number (sheet, row, layout->percents + level, percent / 100.0,
                                wb->percent);
      eb_workbook_write_text (sheet, row, layout->texts + level, text, wb->top);
    }
  worksheet_write_number (sheet, row, layout->valid, eb_likert_item_get_n_valid (item), wb->top);
  worksheet_write_number (sheet, row, layout->missing, eb_likert_item_get_n_missing (item),
                          wb->top);
  for (guint i = 0; i < layout->n_non_substantive; i++)
    worksheet_write_number (sheet, row, layout->non_substantive + i,
                            eb_likert_item_get_non_substantive_count (item, i), wb->top);
  eb_workbook_write_number (sheet, row, layout->mean, eb_likert_item_get_mean (item),
                            wb->decimal2);
}

/* Table 1's last row: the mean count of each level over the items, and
 * the pooled percentage. */
static void
write_average_row (EbWorkbook          *wb,
                   lxw_worksheet       *sheet,
                   lxw_row_t            row,
                   const EbLikertGroup *group,
                   const TableLayout   *layout)
{
  EbCellStyle bold_decimal = { .bold = TRUE, .num_format = "0.0" };
  EbCellStyle bold_percent = { .bold = TRUE, .num_format = "0.0%" };

  eb_workbook_write_text (sheet, row, 0, "Average", wb->bold);
  for (guint level = 0; level < layout->n_levels; level++)
    {
      double count = eb_likert_group_get_average_count (group, level);
      double percent = eb_likert_group_get_average_percent (group, level);
      g_autofree char *text = format_count_percent (count, percent, FALSE);

      eb_workbook_write_number (sheet, row, layout->counts + level, count,
                                eb_workbook_get_format (wb, &bold_decimal));
      eb_workbook_write_number (sheet, row, layout->percents + level, percent / 100.0,
                                eb_workbook_get_format (wb, &bold_percent));
      eb_workbook_write_text (sheet, row, layout->texts + level, text, wb->bold);
    }
}

/* One Table 1: a title, the two header rows, a row per item and the
 * average. Returns the row after it; fills SOURCE when not NULL. */
static lxw_row_t
write_table (EbWorkbook          *wb,
             lxw_worksheet       *sheet,
             lxw_row_t            row,
             const char          *title,
             const EbLikertGroup *group,
             ChartSource         *source)
{
  guint n_items = eb_likert_group_get_n_items (group);
  TableLayout layout;
  g_autofree char *heading = g_strdup_printf ("%s (N = %u)", title,
                                              eb_likert_group_get_n_rows (group));

  lay_out_table (eb_likert_group_get_item (group, 0), &layout);
  eb_workbook_write_text (sheet, row++, 0, heading, wb->heading);
  write_table_header (wb, sheet, row, eb_likert_group_get_item (group, 0), &layout);
  if (source != NULL)
    {
      source->level_row = row + 1;
      source->first_item = row + 2;
      source->last_item = row + 1 + n_items;
    }
  row += 2;
  for (guint i = 0; i < n_items; i++)
    write_item_row (wb, sheet, row++, eb_likert_group_get_item (group, i), &layout);
  if (eb_likert_group_has_average (group))
    write_average_row (wb, sheet, row++, group, &layout);
  return row + 1;
}

static guint32
color_to_rgb (const EbColor *color)
{
  return ((guint32) (color->red * 255 + 0.5) << 16) |
         ((guint32) (color->green * 255 + 0.5) << 8) |
         (guint32) (color->blue * 255 + 0.5);
}

/* A 100 % stacked bar per item, drawn by Excel from the count cells of
 * the overall table, with the figure's colours; returns its height in
 * pixels. */
static guint
insert_native_chart (EbWorkbook        *wb,
                     lxw_worksheet     *sheet,
                     lxw_row_t          row,
                     const ChartSource *source,
                     guint              n_levels)
{
  lxw_chart *chart = workbook_add_chart (wb->workbook, LXW_CHART_BAR_STACKED_PERCENT);
  lxw_chart_options options = { 0 };
  guint n_items = source->last_item - source->first_item + 1;
  guint height = MAX (CHART_MIN, CHART_FRAME + CHART_BAR * n_items);
  g_autofree EbColor *colors = g_new (EbColor, MAX (n_levels, 1));

  eb_palette_get_colors (wb->options->palette, CLAMP (n_levels, 1, 15), colors);
  for (guint level = 0; level < n_levels; level++)
    {
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      lxw_chart_fill fill = { .color = color_to_rgb (&colors[MIN (level, 14)]) };
      lxw_chart_line line = { .color = 0xffffff, .width = 0.75 };

      chart_series_set_categories (series, "Likert summary", source->first_item, 0,
                                   source->last_item, 0);
      chart_series_set_values (series, "Likert summary", source->first_item, 1 + level,
                               source->last_item, 1 + level);
      chart_series_set_name_range (series, "Likert summary", source->level_row, 1 + level);
      chart_series_set_fill (series, &fill);
      chart_series_set_line (series, &line);
    }
  chart_title_set_name (chart, "Share of valid answers");
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  /* In a bar chart the vertical axis holds the items: reversed, the first
   * item is on top, as in the table and the figure. */
  chart_axis_set_reverse (chart->y_axis);
  chart_axis_set_crossing_max (chart->y_axis);
  chart_axis_set_num_format (chart->x_axis, "0%");
  chart_set_series_gap (chart, 60);
  options.x_scale = CHART_WIDTH / 480.0;
  options.y_scale = height / 288.0;
  worksheet_insert_chart_opt (sheet, row, 0, chart, &options);
  return height;
}

typedef struct
{
  EbWorkbook       *wb;
  EbLikertAnalysis *analysis;
} FigureData;

static gboolean
write_figure_png (const char  *path,
                  gpointer     user_data,
                  GError     **error)
{
  FigureData *data = user_data;
  EbWorkbook *wb = data->wb;
  g_autofree char *source = NULL;
  g_autofree char *note = NULL;
  EbLikertChartOptions chart;

  eb_likert_chart_options_init (&chart);
  chart.palette = wb->options->palette;
  source = eb_survey_get_source_file (wb->survey) != NULL
           ? g_path_get_basename (eb_survey_get_source_file (wb->survey)) : NULL;
  note = source != NULL
         ? g_strdup_printf ("Source: %s. N = %u respondents.", source,
                            eb_survey_get_n_rows (wb->survey))
         : g_strdup_printf ("N = %u respondents.", eb_survey_get_n_rows (wb->survey));
  chart.note = note;
  return eb_likert_chart_export (data->analysis, &chart, EB_FIGURE_FORMAT_PNG,
                                 wb->options->width_mm, wb->options->dpi, path,
                                 wb->cancellable, error);
}

/* The Evalbench figure of ANALYSIS at X_OFFSET pixels from the left of
 * ROW; returns its height in pixels as Excel shows it. */
static gboolean
insert_figure (EbWorkbook        *wb,
               lxw_worksheet     *sheet,
               lxw_row_t          row,
               guint              x_offset,
               EbLikertAnalysis  *analysis,
               guint             *height,
               GError           **error)
{
  FigureData data = { wb, analysis };

  return eb_workbook_insert_png (wb, sheet, row, x_offset, "Likert chart drawn by Evalbench",
                                 write_figure_png, &data, height, error);
}

static char *
describe_scale (EbScale *scale)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint level = 0; level < eb_scale_get_n_levels (scale); level++)
    {
      if (level > 0)
        g_string_append (out, " < ");
      g_string_append (out, eb_scale_get_label (scale, level));
      if (eb_scale_is_non_substantive (scale, level))
        g_string_append (out, " (not counted)");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Two groups side by side, item by item, as the Likert page's Comparison
 * panel shows them: positive shares (as fractions, in percent format), the
 * difference in percentage points, and the Mann-Whitney test. */
static lxw_row_t
write_comparison (EbWorkbook       *wb,
                  lxw_worksheet    *sheet,
                  lxw_row_t         row,
                  EbLikertAnalysis *grouped)
{
  g_autoptr(EbLikertComparison) comparison = eb_likert_comparison_new (grouped, 0, 1);
  const EbLikertGroup *a = eb_likert_comparison_get_group_a (comparison);
  const EbLikertGroup *b = eb_likert_comparison_get_group_b (comparison);
  const char *column = eb_likert_analysis_get_group_column_name (grouped);
  g_autofree char *heading = g_strdup_printf ("Comparison: %s %s against %s", column,
                                              eb_likert_group_get_value (a),
                                              eb_likert_group_get_value (b));
  g_autofree char *positive_a = g_strdup_printf ("Positive, %s", eb_likert_group_get_value (a));
  g_autofree char *positive_b = g_strdup_printf ("Positive, %s", eb_likert_group_get_value (b));
  const char *headers[] = { "Item", positive_a, positive_b, "Difference (points)", "U", "z", "p" };
  guint lines = 1;

  eb_workbook_write_text (sheet, row++, 0, heading, wb->heading);
  eb_workbook_write_text (sheet, row++, 0,
                          "Positive answers are those above the middle of the scale; the "
                          "Mann-Whitney U test (two-sided, normal approximation with ties and "
                          "continuity corrected) compares all the answers, item by item, with "
                          "no adjustment for the number of items.", wb->note);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      eb_workbook_write_text (sheet, row, c, headers[c], wb->header);
      lines = MAX (lines, eb_workbook_count_lines (headers[c], c == 0 ? ITEM_WIDTH : NUMBER_WIDTH));
    }
  eb_workbook_set_row_lines (sheet, row++, lines);
  for (guint i = 0; i < eb_likert_comparison_get_n_items (comparison); i++, row++)
    {
      const EbLikertItem *item_a = eb_likert_group_get_item (a, i);
      const EbMannWhitney *test = eb_likert_comparison_get_test (comparison, i);

      eb_workbook_write_text (sheet, row, 0, eb_likert_item_get_name (item_a), wb->wrap);
      eb_workbook_set_row_lines (sheet, row,
                                 eb_workbook_count_lines (eb_likert_item_get_name (item_a), ITEM_WIDTH));
      eb_workbook_write_number (sheet, row, 1, eb_likert_item_get_percent_positive (item_a) / 100.0,
                                wb->percent);
      eb_workbook_write_number (sheet, row, 2,
                                eb_likert_item_get_percent_positive (eb_likert_group_get_item (b, i)) / 100.0,
                                wb->percent);
      eb_workbook_write_number (sheet, row, 3, eb_likert_comparison_get_positive_difference (comparison, i),
                                wb->decimal1);
      eb_workbook_write_number (sheet, row, 4, test->u, wb->decimal1);
      eb_workbook_write_number (sheet, row, 5, test->z, wb->decimal2);
      eb_workbook_write_number (sheet, row, 6, test->p, wb->decimal3);
    }
  return row + 1;
}

/* When the two groups are waves with the same respondents in both
 * (linked by the id column, which is used here and shown nowhere): how
 * each one's answer moved, as the Likert page shows it. */
static lxw_row_t
write_paired (EbWorkbook       *wb,
              lxw_worksheet    *sheet,
              lxw_row_t         row,
              EbLikertAnalysis *grouped)
{
  const EbLikertGroup *a = eb_likert_analysis_get_group (grouped, 0);
  const EbLikertGroup *b = eb_likert_analysis_get_group (grouped, 1);
  g_autoptr(EbLikertPaired) paired = eb_likert_paired_new_for_groups (wb->survey, grouped, 0, 1);
  g_autofree char *heading = NULL;
  g_autofree char *note = NULL;
  const char *headers[] = { "Item", "Pairs", "Higher", "The same", "Lower", "Reached the top",
                            "Net change (points)" };
  guint lines = 1;

  if (paired == NULL)
    return row;

  heading = g_strdup_printf ("The same respondents: %s to %s", eb_likert_group_get_value (a),
                             eb_likert_group_get_value (b));
  note = g_strdup_printf ("%u respondents answered in both (matched by %s; %u ids occurring twice in a "
                          "wave left out). Higher, the same or lower: each one's answer in %s against "
                          "their own in %s; the net change is higher minus lower.",
                          eb_likert_paired_get_n_linked (paired),
                          eb_survey_get_column_name (wb->survey, (guint) eb_survey_get_id_column (wb->survey)),
                          eb_likert_paired_get_n_duplicate_ids (paired),
                          eb_likert_group_get_value (b), eb_likert_group_get_value (a));
  eb_workbook_write_text (sheet, row++, 0, heading, wb->heading);
  eb_workbook_write_text (sheet, row++, 0, note, wb->note);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      eb_workbook_write_text (sheet, row, c, headers[c], wb->header);
      lines = MAX (lines, eb_workbook_count_lines (headers[c], c == 0 ? ITEM_WIDTH : NUMBER_WIDTH));
    }
  eb_workbook_set_row_lines (sheet, row++, lines);
  for (guint i = 0; i < eb_likert_paired_get_n_items (paired); i++, row++)
    {
      const EbLikertChange *change = eb_likert_paired_get_change (paired, i);
      const char *name = eb_likert_paired_get_item_name (paired, i);
      double n = change->n_pairs;

      eb_workbook_write_text (sheet, row, 0, name, wb->wrap);
      eb_workbook_set_row_lines (sheet, row, eb_workbook_count_lines (name, ITEM_WIDTH));
      worksheet_write_number (sheet, row, 1, change->n_pairs, wb->top);
      eb_workbook_write_number (sheet, row, 2, n > 0 ? change->n_up / n : NAN, wb->percent);
      eb_workbook_write_number (sheet, row, 3, n > 0 ? change->n_same / n : NAN, wb->percent);
      eb_workbook_write_number (sheet, row, 4, n > 0 ? change->n_down / n : NAN, wb->percent);
      eb_workbook_write_number (sheet, row, 5, n > 0 ? change->n_to_top / n : NAN, wb->percent);
      eb_workbook_write_number (sheet, row, 6,
                                n > 0 ? 100.0 * ((double) change->n_up - change->n_down) / n : NAN,
                                wb->decimal1);
    }
  return row + 1;
}

/* The column the summary is grouped by, unless pseudonymising would let
 * it name people. */
static int
get_group_column (EbWorkbook *wb)
{
  int column = wb->options->group_column;

  if (column < 0 || wb->dropped[column] ||
      (wb->pseudonyms != NULL && column == wb->id_column))
    return -1;
  return column;
}

static gboolean
write_scale_set (EbWorkbook     *wb,
                 lxw_worksheet  *sheet,
                 GArray         *items,
                 lxw_row_t      *row,
                 GError        **error)
{
  g_autoptr(EbLikertAnalysis) overall = NULL;
  g_autoptr(EbLikertAnalysis) grouped = NULL;
  EbScale *scale = eb_survey_get_column_scale (wb->survey, g_array_index (items, guint, 0));
  g_autofree char *levels = describe_scale (scale);
  g_autofree char *title = g_strdup_printf ("%u item%s answered on the scale %s", items->len,
                                            items->len == 1 ? "" : "s", levels);
  int group_column = get_group_column (wb);
  ChartSource source;
  guint chart_height, figure_height = 0;

  overall = eb_likert_analysis_new (wb->survey, (const guint *) items->data, items->len, -1,
                                    error);
  if (overall == NULL)
    return FALSE;
  if (group_column >= 0)
    {
      grouped = eb_likert_analysis_new (wb->survey, (const guint *) items->data, items->len,
                                        group_column, error);
      if (grouped == NULL)
        return FALSE;
    }

  eb_workbook_write_text (sheet, (*row)++, 0, title, wb->title);
  *row = write_table (wb, sheet, *row, "All respondents",
                      eb_likert_analysis_get_group (overall, 0), &source);
  for (guint g = 0; grouped != NULL && g < eb_likert_analysis_get_n_groups (grouped); g++)
    {
      const EbLikertGroup *group = eb_likert_analysis_get_group (grouped, g);
      g_autofree char *heading = g_strdup_printf ("%s: %s",
                                                  eb_survey_get_column_name (wb->survey,
                                                                             group_column),
                                                  eb_likert_group_get_value (group));

      *row = write_table (wb, sheet, *row, heading, group, NULL);
    }
  if (grouped != NULL && eb_likert_analysis_get_ungrouped (grouped) != NULL)
    {
      g_autofree char *heading = g_strdup_printf ("%s: (no answer)",
                                                  eb_survey_get_column_name (wb->survey,
                                                                             group_column));

      *row = write_table (wb, sheet, *row, heading, eb_likert_analysis_get_ungrouped (grouped),
                          NULL);
    }
  if (grouped != NULL && eb_likert_analysis_get_n_groups (grouped) == 2)
    {
      *row = write_comparison (wb, sheet, *row, grouped);
      *row = write_paired (wb, sheet, *row, grouped);
    }

  chart_height = insert_native_chart (wb, sheet, *row, &source,
                                      eb_likert_item_get_n_levels (eb_likert_group_get_item (
                                        eb_likert_analysis_get_group (overall, 0), 0)));
  if (!insert_figure (wb, sheet, *row, CHART_WIDTH + FIGURE_GAP,
                      grouped != NULL ? grouped : overall, &figure_height, error))
    return FALSE;
  *row += (MAX (chart_height, figure_height) + EB_WORKBOOK_ROW_PIXELS - 1) /
          EB_WORKBOOK_ROW_PIXELS + 2;
  return TRUE;
}

gboolean
eb_workbook_write_likert_summary (EbWorkbook     *wb,
                                  lxw_worksheet  *sheet,
                                  GError        **error)
{
  lxw_row_t row = 0;
  guint widest_levels = 0;

  row = eb_workbook_write_heading (wb, sheet, row, "Likert summary",
                                   "Answers per item, lowest level first; percentages are of "
                                   "the valid answers; the mean codes the levels 1 (lowest) "
                                   "upwards. Below, the chart Excel draws from the counts, and "
                                   "the Evalbench figure.");
  if (wb->scale_sets->len == 0)
    eb_workbook_write_text (sheet, row, 0, "The survey has no Likert items (columns with an "
                            "answer scale).", NULL);

  for (guint s = 0; s < wb->scale_sets->len; s++)
    {
      GArray *items = g_ptr_array_index (wb->scale_sets, s);
      EbScale *scale = eb_survey_get_column_scale (wb->survey, g_array_index (items, guint, 0));

      widest_levels = MAX (widest_levels, eb_scale_get_n_levels (scale));
      if (eb_workbook_cancelled (wb, error) || !write_scale_set (wb, sheet, items, &row, error))
        return FALSE;
      eb_workbook_progress (wb, (double) (s + 1) / wb->scale_sets->len);
    }

  worksheet_set_column (sheet, 0, 0, ITEM_WIDTH, NULL);
  /* Counts, percentages, valid, missing and mean; then the texts. */
  worksheet_set_column (sheet, 1, (lxw_col_t) (2 * widest_levels + 3), NUMBER_WIDTH, NULL);
  worksheet_set_column (sheet, (lxw_col_t) (2 * widest_levels + 4),
                        (lxw_col_t) (4 * widest_levels + 4), TEXT_WIDTH, NULL);
  return TRUE;
}

/* ---- Reliability ------------------------------------------------------- */

static lxw_row_t
write_figure_row (EbWorkbook    *wb,
                  lxw_worksheet *sheet,
                  lxw_row_t      row,
                  const char    *label,
                  double         value,
                  lxw_format    *format)
{
  eb_workbook_write_text (sheet, row, 0, label, NULL);
  eb_workbook_write_number (sheet, row, 1, value, format);
  return row + 1;
}

static lxw_row_t
write_reliability (EbWorkbook    *wb,
                   lxw_worksheet *sheet,
                   lxw_row_t      row,
                   EbReliability *reliability,
                   const char    *title)
{
  guint n_items = eb_reliability_get_n_items (reliability);
  double cumulative = 0;

  eb_workbook_write_text (sheet, row++, 0, title, wb->title);
  row = write_figure_row (wb, sheet, row, "Cronbach\xe2\x80\x99s alpha",
                          eb_reliability_get_alpha (reliability), wb->decimal3);
  eb_workbook_write_text (sheet, row, 0, "Complete cases (a valid answer to every item)", NULL);
  worksheet_write_number (sheet, row++, 1, eb_reliability_get_n_complete (reliability), NULL);
  row = write_figure_row (wb, sheet, row, "Variance explained by the first principal component",
                          eb_reliability_get_first_component_percent (reliability) / 100.0,
                          wb->percent);
  row++;

  eb_workbook_write_text (sheet, row, 0, "Item", wb->header);
  eb_workbook_write_text (sheet, row, 1, "Alpha if item deleted", wb->header);
  eb_workbook_write_text (sheet, row, 2, "Corrected item-total correlation", wb->header);
  eb_workbook_set_row_lines (sheet, row++,
                             eb_workbook_count_lines ("Corrected item-total correlation",
                                                      RELIABILITY_NUMBER_WIDTH));
  for (guint i = 0; i < n_items; i++, row++)
    {
      const char *name = eb_reliability_get_item_name (reliability, i);

      eb_workbook_write_text (sheet, row, 0, name, wb->wrap);
      eb_workbook_set_row_lines (sheet, row, eb_workbook_count_lines (name, RELIABILITY_WIDTH));
      eb_workbook_write_number (sheet, row, 1,
                                eb_reliability_get_alpha_if_deleted (reliability, i),
                                wb->decimal3);
      eb_workbook_write_number (sheet, row, 2,
                                eb_reliability_get_item_total_correlation (reliability, i),
                                wb->decimal3);
    }
  row++;

  eb_workbook_write_text (sheet, row, 0, "Principal component", wb->header);
  eb_workbook_write_text (sheet, row, 1, "Eigenvalue", wb->header);
  eb_workbook_write_text (sheet, row, 2, "% of variance", wb->header);
  eb_workbook_write_text (sheet, row++, 3, "Cumulative %", wb->header);
  for (guint i = 0; i < n_items; i++, row++)
    {
      double eigenvalue = eb_reliability_get_eigenvalue (reliability, i);
      double share = eigenvalue / n_items;

      cumulative += share;
      worksheet_write_number (sheet, row, 0, i + 1, NULL);
      eb_workbook_write_number (sheet, row, 1, eigenvalue, wb->decimal3);
      eb_workbook_write_number (sheet, row, 2, share, wb->percent);
      eb_workbook_write_number (sheet, row, 3, cumulative, wb->percent);
    }
  return row + 1;
}

gboolean
eb_workbook_write_reliability (EbWorkbook     *wb,
                               lxw_worksheet  *sheet,
                               GError        **error)
{
  lxw_row_t row = 0;
  guint n_written = 0;

  row = eb_workbook_write_heading (wb, sheet, row, "Reliability",
                                   "Internal consistency of each set of items sharing a scale, "
                                   "over the respondents who answered every item (listwise); "
                                   "principal components of the items\xe2\x80\x99 correlations.");
  for (guint s = 0; s < wb->scale_sets->len; s++)
    {
      GArray *items = g_ptr_array_index (wb->scale_sets, s);
      EbScale *scale = eb_survey_get_column_scale (wb->survey, g_array_index (items, guint, 0));
      g_autoptr(EbReliability) reliability = NULL;
      g_autofree char *levels = NULL;
      g_autofree char *title = NULL;

      /* One item has no consistency to speak of. */
      if (items->len < 2)
        continue;
      reliability = eb_reliability_new (wb->survey, (const guint *) items->data, items->len,
                                        error);
      if (reliability == NULL)
        return FALSE;
      levels = describe_scale (scale);
      title = g_strdup_printf ("%u items answered on the scale %s", items->len, levels);
      row = write_reliability (wb, sheet, row, reliability, title);
      n_written++;
    }
  if (n_written == 0)
    eb_workbook_write_text (sheet, row, 0, "No set of two or more Likert items shares a scale.",
                            NULL);
  worksheet_set_column (sheet, 0, 0, RELIABILITY_WIDTH, NULL);
  worksheet_set_column (sheet, 1, 3, RELIABILITY_NUMBER_WIDTH, NULL);
  return TRUE;
}
