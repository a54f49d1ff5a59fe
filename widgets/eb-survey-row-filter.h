/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-survey-row-model.h"

G_BEGIN_DECLS

#define EB_TYPE_SURVEY_ROW_FILTER (eb_survey_row_filter_get_type ())
G_DECLARE_FINAL_TYPE (EbSurveyRowFilter, eb_survey_row_filter, EB, SURVEY_ROW_FILTER, GtkFilter)

/* Keeps the EbSurveyRow items of MODEL that contain the search text in any
 * cell, ignoring case. Each distinct answer is tested once per search; rows
 * are then matched by looking up their answers' ids. */
GtkFilter  *eb_survey_row_filter_new        (EbSurveyRowModel  *model);
const char *eb_survey_row_filter_get_search (EbSurveyRowFilter *self);
void        eb_survey_row_filter_set_search (EbSurveyRowFilter *self,
                                             const char        *search);

G_END_DECLS
