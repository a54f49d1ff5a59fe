/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "figure-export.h"
#include "likert-analysis.h"
#include "palette.h"

G_BEGIN_DECLS

/* The Likert chart of Table 1: one stacked bar per item (and per group),
 * drawn with Cairo and Pango only, so that the widget and headless figure
 * export share every line of it. Three steps, kept apart:
 *
 *   options  what to draw (a plain struct, filled with defaults first);
 *   layout   every rectangle and text position for one size, measured with
 *            a PangoContext; also answers hit tests and describes segments
 *            for screen readers;
 *   draw     paints a layout onto any cairo_t, in layout units.
 *
 * Layout units are whatever the PangoContext makes of font points: pixels
 * for a widget's context (96 dpi), points for eb_figure_create_pango_context()
 * (72 dpi), which is what figure export uses. */

typedef enum {
  EB_LIKERT_CHART_DIVERGING,   /* centred on the middle of the scale */
  EB_LIKERT_CHART_STACKED,     /* 100 % stacked from the left */
} EbLikertChartStyle;

typedef enum {
  EB_LIKERT_NEUTRAL_SPLIT,     /* the middle level of an odd scale straddles the centre */
  EB_LIKERT_NEUTRAL_SEPARATE,  /* ... or is drawn as a bar of its own on the side */
} EbLikertNeutral;

typedef enum {
  EB_LIKERT_SORT_QUESTIONNAIRE,
  EB_LIKERT_SORT_AGREEMENT,    /* highest % positive (pooled over groups) first */
} EbLikertSort;

typedef enum {
  EB_LIKERT_GROUPS_ADJACENT,   /* one bar per group under each item */
  EB_LIKERT_GROUPS_FACETS,     /* one panel per group, sharing the axis */
} EbLikertGroupLayout;

typedef struct
{
  EbLikertChartStyle  style;
  EbLikertNeutral     neutral;
  EbPalette           palette;
  gboolean            show_percents;
  double              percent_threshold;   /* %: smaller segments get no label */
  gboolean            show_totals;         /* % on the low and the high side */
  gboolean            show_n;              /* valid answers per bar */
  /* (On a canvas too narrow for readable bars, totals and then N are left
   * out of the layout: see the layout's comment.) */
  EbLikertSort        sort;
  EbLikertGroupLayout group_layout;
  const char         *title;               /* NULL: none; copied by the layout */
  const char         *note;                /* source and N; NULL: none */
  const char         *font_family;         /* a Pango family list */
  double              font_size;           /* points */
  EbColor             foreground;          /* text and lines */
  EbColor             background;          /* behind everything, and separators */
  gboolean            fill_background;
} EbLikertChartOptions;

/* Diverging, neutral split, BrBG, percent labels from 5 %, totals and N on,
 * questionnaire order, adjacent groups, Cantarell 9 pt, black on white. */
void eb_likert_chart_options_init (EbLikertChartOptions *options);

typedef enum {
  EB_LIKERT_CHART_TEXT_TITLE,
  EB_LIKERT_CHART_TEXT_LEGEND,
  EB_LIKERT_CHART_TEXT_HEADER,     /* column headings ("N") and facet headings */
  EB_LIKERT_CHART_TEXT_ITEM,
  EB_LIKERT_CHART_TEXT_GROUP,      /* group name beside an adjacent bar */
  EB_LIKERT_CHART_TEXT_PERCENT,    /* inside a segment */
  EB_LIKERT_CHART_TEXT_TOTAL,      /* low/high side totals, side panels */
  EB_LIKERT_CHART_TEXT_N,
  EB_LIKERT_CHART_TEXT_AXIS,
  EB_LIKERT_CHART_TEXT_NOTE,
} EbLikertChartTextKind;

typedef struct _EbLikertChartLayout EbLikertChartLayout;
typedef struct _EbLikertChartSegment EbLikertChartSegment;

#define EB_TYPE_LIKERT_CHART_LAYOUT (eb_likert_chart_layout_get_type ())
GType                 eb_likert_chart_layout_get_type     (void) G_GNUC_CONST;

/* Lays ANALYSIS out at WIDTH. HEIGHT <= 0 gives the natural height (what
 * the content needs); a larger HEIGHT lets the bars grow up to a limit; a
 * smaller one is ignored (item labels are never squeezed or clipped).
 * Item labels take up to 40 % of the width and wrap; when the bars would
 * still get less than 35 % of it, the labels narrow to 25 %, then the side
 * totals and then the N column are dropped. Groups without a value (rows
 * outside every group of a grouped analysis) are not charted.
 * CONTEXT measures the text; NULL uses eb_figure_create_pango_context(). */
EbLikertChartLayout  *eb_likert_chart_layout_new          (EbLikertAnalysis           *analysis,
                                                           const EbLikertChartOptions *options,
                                                           double                      width,
                                                           double                      height,
                                                           PangoContext               *context);
EbLikertChartLayout  *eb_likert_chart_layout_ref          (EbLikertChartLayout        *self);
void                  eb_likert_chart_layout_unref        (EbLikertChartLayout        *self);

double                eb_likert_chart_layout_get_width    (const EbLikertChartLayout  *self);
double                eb_likert_chart_layout_get_height   (const EbLikertChartLayout  *self);
/* What the content needs at this width, whatever height was asked for. */
double                eb_likert_chart_layout_get_natural_height (const EbLikertChartLayout *self);
const EbLikertChartOptions *eb_likert_chart_layout_get_options (const EbLikertChartLayout *self);

/* Where the bars live: from 0 % (stacked) or the low end of the axis
 * (diverging) to 100 % or its high end, over all rows of all panels. */
void                  eb_likert_chart_layout_get_plot_area (const EbLikertChartLayout *self,
                                                            cairo_rectangle_t         *rect);
/* The x of the centre line; NaN for stacked bars. */
double                eb_likert_chart_layout_get_centre_x (const EbLikertChartLayout  *self);
/* Length of one percentage point. */
double                eb_likert_chart_layout_get_scale    (const EbLikertChartLayout  *self);
/* The axis runs from -max to +max % (diverging) or 0 to 100 %. */
double                eb_likert_chart_layout_get_axis_max (const EbLikertChartLayout  *self);
guint                 eb_likert_chart_layout_get_n_ticks  (const EbLikertChartLayout  *self);
/* VALUE is signed: negative on the low side of a diverging axis. */
double                eb_likert_chart_layout_get_tick     (const EbLikertChartLayout  *self,
                                                           guint                       index,
                                                           double                     *value);

/* Every text the chart draws, in drawing order. EXTENTS is the logical
 * rectangle of the whole (possibly wrapped) text. */
guint                 eb_likert_chart_layout_get_n_texts  (const EbLikertChartLayout  *self);
const char           *eb_likert_chart_layout_get_text     (const EbLikertChartLayout  *self,
                                                           guint                       index,
                                                           EbLikertChartTextKind      *kind,
                                                           cairo_rectangle_t          *extents,
                                                           guint                      *n_lines);

/* Segments in reading order: item by item (as sorted), group by group,
 * substantive levels from the lowest, then non-substantive ones. Zero-width
 * segments (no answers at that level) are included. */
guint                 eb_likert_chart_layout_get_n_segments (const EbLikertChartLayout *self);
const EbLikertChartSegment *eb_likert_chart_layout_get_segment (const EbLikertChartLayout *self,
                                                                guint                      index);
/* The segment under (X, Y), or NULL. */
const EbLikertChartSegment *eb_likert_chart_layout_hit    (const EbLikertChartLayout  *self,
                                                           double                      x,
                                                           double                      y);

/* The item's index in the analysis (questionnaire order) and its group's. */
guint                 eb_likert_chart_segment_get_item    (const EbLikertChartSegment *segment);
guint                 eb_likert_chart_segment_get_group   (const EbLikertChartSegment *segment);
/* A substantive level 0..k-1 from the lowest, or, when non-substantive, the
 * index among the scale's non-substantive levels. */
guint                 eb_likert_chart_segment_get_level   (const EbLikertChartSegment *segment);
gboolean              eb_likert_chart_segment_is_non_substantive (const EbLikertChartSegment *segment);
const char           *eb_likert_chart_segment_get_label   (const EbLikertChartSegment *segment);
guint                 eb_likert_chart_segment_get_count   (const EbLikertChartSegment *segment);
/* Valid answers, or for a non-substantive segment all answers given. */
guint                 eb_likert_chart_segment_get_base    (const EbLikertChartSegment *segment);
double                eb_likert_chart_segment_get_percent (const EbLikertChartSegment *segment);
void                  eb_likert_chart_segment_get_rect    (const EbLikertChartSegment *segment,
                                                           cairo_rectangle_t          *rect);
EbColor               eb_likert_chart_segment_get_color   (const EbLikertChartSegment *segment);
/* Whether its percentage is printed inside it. */
gboolean              eb_likert_chart_segment_has_percent_label (const EbLikertChartSegment *segment);
/* For screen readers and tooltips: "Deepen my knowledge and understanding
 * of the subject of mathematics: Strongly developed, 128 of 301, 42.5 %",
 * with " (GROUP)" after the item when the analysis is grouped. */
char                 *eb_likert_chart_segment_describe    (const EbLikertChartSegment *segment);

/* Paints SELF onto CR in layout units, from (0, 0). */
void                  eb_likert_chart_draw                (const EbLikertChartLayout  *self,
                                                           cairo_t                    *cr);

/* Lays ANALYSIS out WIDTH_MM wide in points and writes it to PATH as
 * FORMAT: PNG at DPI (with its resolution recorded, so that a word
 * processor places it at WIDTH_MM), SVG or PDF (fonts embedded). The
 * height follows from the content. */
gboolean              eb_likert_chart_export              (EbLikertAnalysis           *analysis,
                                                           const EbLikertChartOptions *options,
                                                           EbFigureFormat              format,
                                                           double                      width_mm,
                                                           double                      dpi,
                                                           const char                 *path,
                                                           GCancellable               *cancellable,
                                                           GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbLikertChartLayout, eb_likert_chart_layout_unref)

G_END_DECLS
