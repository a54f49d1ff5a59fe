/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-likert-selection.h"
#include "eb-survey.h"
#include "likert-analysis.h"
#include "likert-chart.h"

G_BEGIN_DECLS

#define EB_TYPE_LIKERT_CHART (eb_likert_chart_get_type ())
G_DECLARE_FINAL_TYPE (EbLikertChart, eb_likert_chart, EB, LIKERT_CHART, GtkWidget)

/* The Likert chart of app/render/likert-chart.h on screen: as tall as its
 * layout needs for the width it gets, in the style's colours. Hovering a
 * segment shows its numbers in a tooltip; clicking it (or Enter on the
 * segment reached with the arrow keys) selects its respondents, Escape
 * clears the selection. The accessible label follows the keyboard cursor,
 * so that a screen reader reads "Deepen my knowledge…: Strongly developed,
 * 128 of 301, 42.5 %". */
GtkWidget                  *eb_likert_chart_new             (void);

EbSurvey                   *eb_likert_chart_get_survey      (EbLikertChart              *self);
EbLikertAnalysis           *eb_likert_chart_get_analysis    (EbLikertChart              *self);
/* ANALYSIS must count SURVEY's rows: the selection's rows come from it. */
void                        eb_likert_chart_set_data        (EbLikertChart              *self,
                                                             EbSurvey                   *survey,
                                                             EbLikertAnalysis           *analysis);

/* The options drawn with; the widget replaces the colours and the font by
 * its style's, and never draws a title or note. */
const EbLikertChartOptions *eb_likert_chart_get_options     (EbLikertChart              *self);
void                        eb_likert_chart_set_options     (EbLikertChart              *self,
                                                             const EbLikertChartOptions *options);

/* The layout of the last allocation (NULL before one, or without data),
 * in widget coordinates. */
EbLikertChartLayout        *eb_likert_chart_get_layout      (EbLikertChart              *self);
/* The segment at (X, Y) of the current layout, or NULL. */
const EbLikertChartSegment *eb_likert_chart_get_segment_at  (EbLikertChart              *self,
                                                             double                      x,
                                                             double                      y);
/* The tooltip shown over (X, Y), as Pango markup, or NULL. */
char                       *eb_likert_chart_dup_tooltip_markup (EbLikertChart           *self,
                                                                double                   x,
                                                                double                   y);

/* The selected segment's respondents, or NULL. */
EbLikertSelection          *eb_likert_chart_get_selection   (EbLikertChart              *self);
/* Selects a level of an item within a group, as a click on its segment
 * does (without emitting ::segment-activated); FALSE if there is none. */
gboolean                    eb_likert_chart_select          (EbLikertChart              *self,
                                                             guint                       item,
                                                             guint                       group,
                                                             guint                       level,
                                                             gboolean                    non_substantive);
void                        eb_likert_chart_clear_selection (EbLikertChart              *self);

G_END_DECLS
