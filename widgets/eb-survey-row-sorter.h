/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-survey-row-model.h"

G_BEGIN_DECLS

#define EB_TYPE_SURVEY_ROW_SORTER (eb_survey_row_sorter_get_type ())
G_DECLARE_FINAL_TYPE (EbSurveyRowSorter, eb_survey_row_sorter, EB, SURVEY_ROW_SORTER, GtkSorter)

/* Sorts the EbSurveyRow items of MODEL by one survey column, comparing the
 * column's precomputed value ranks (see eb_survey_row_model_get_value_ranks),
 * or by row number when COLUMN is -1. */
GtkSorter *eb_survey_row_sorter_new        (EbSurveyRowModel  *model,
                                            int                column);
int        eb_survey_row_sorter_get_column (EbSurveyRowSorter *self);

G_END_DECLS
