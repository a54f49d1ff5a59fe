/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "eb-survey.h"

G_BEGIN_DECLS

#define EB_TYPE_SURVEY_ROW (eb_survey_row_get_type ())
G_DECLARE_FINAL_TYPE (EbSurveyRow, eb_survey_row, EB, SURVEY_ROW, GObject)

/* One respondent of a survey, as an item of a list model: just the survey
 * and the row index, so that a view over 100,000 rows stays light. */
EbSurveyRow *eb_survey_row_new        (EbSurvey    *survey,
                                       guint        index);
EbSurvey    *eb_survey_row_get_survey (EbSurveyRow *self);
/* The row's index in the survey, from 0 (the respondent is row index + 1). */
guint        eb_survey_row_get_index  (EbSurveyRow *self);
/* Never NULL: an empty answer is "". */
const char  *eb_survey_row_get_cell   (EbSurveyRow *self,
                                       guint        column);

G_END_DECLS
