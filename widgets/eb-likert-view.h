/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-likert-chart.h"
#include "eb-likert-comparison-panel.h"
#include "eb-likert-table.h"
#include "eb-project.h"
#include "eb-survey.h"

G_BEGIN_DECLS

#define EB_TYPE_LIKERT_VIEW (eb_likert_view_get_type ())
G_DECLARE_FINAL_TYPE (EbLikertView, eb_likert_view, EB, LIKERT_VIEW, GtkWidget)

/* The Likert page: the chart, Table 1 beside or below it, the items'
 * reliability, and the chart's settings (kept in the project as
 * "likert.*" settings when a project is given). The items shown are those
 * sharing one answer scale; a survey with several scales gets a choice of
 * item set. */
GtkWidget         *eb_likert_view_new              (void);

EbSurvey          *eb_likert_view_get_survey       (EbLikertView *self);
void               eb_likert_view_set_survey       (EbLikertView *self,
                                                    EbSurvey     *survey);
/* Where the settings are kept; set it before the survey, so that the
 * survey is first shown the way it was left. */
EbProject         *eb_likert_view_get_project      (EbLikertView *self);
void               eb_likert_view_set_project      (EbLikertView *self,
                                                    EbProject    *project);

/* Whether there is a chart to show (the survey has Likert items). */
gboolean           eb_likert_view_has_chart        (EbLikertView *self);
/* The chart's selected respondents, or NULL. */
EbLikertSelection *eb_likert_view_get_selection    (EbLikertView *self);
EbLikertChart     *eb_likert_view_get_chart        (EbLikertView *self);
EbLikertTable     *eb_likert_view_get_table        (EbLikertView *self);
/* The attribute column the chart is grouped by, or -1. */
int                eb_likert_view_get_group_column (EbLikertView *self);
/* Shown when the items are grouped into two groups or more. */
GtkWidget         *eb_likert_view_get_comparison_panel (EbLikertView *self);
/* The chart settings' popover, for tests. */
GtkPopover        *eb_likert_view_get_settings_popover (EbLikertView *self);

/* Asks where to save the chart and writes it in the background (PNG at
 * 300 dpi, SVG or PDF, 16 cm wide, on white). */
void               eb_likert_view_export_figure    (EbLikertView *self);
/* Writes the chart to FILE (format from its extension, PNG if none) in a
 * worker thread; CALLBACK gets a GTask whose boolean result tells. */
void               eb_likert_view_export_figure_to (EbLikertView        *self,
                                                    GFile               *file,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           eb_likert_view_export_figure_finish (EbLikertView  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

G_END_DECLS
