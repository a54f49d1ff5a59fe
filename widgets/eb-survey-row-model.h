/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "eb-survey.h"
#include "eb-survey-row.h"

G_BEGIN_DECLS

#define EB_TYPE_SURVEY_ROW_MODEL (eb_survey_row_model_get_type ())
G_DECLARE_FINAL_TYPE (EbSurveyRowModel, eb_survey_row_model, EB, SURVEY_ROW_MODEL, GObject)

/* The rows of a survey as a GListModel of EbSurveyRow, in survey order.
 * Row items are made when first asked for and kept, so each row has one
 * item however often sorting and filtering walk the list.
 *
 * The model also keeps, per column and built on first use, what sorting and
 * searching need: each cell as the id of its distinct value, the values in
 * sort order, and the search form of each value. The survey must not change
 * while a model is built on it. */
EbSurveyRowModel *eb_survey_row_model_new            (EbSurvey         *survey);
EbSurvey         *eb_survey_row_model_get_survey     (EbSurveyRowModel *self);

/* Returns ids[row] < *n_values for every row of COLUMN; VALUES (may be NULL)
 * receives the distinct cells by id. */
const guint32    *eb_survey_row_model_get_value_ids  (EbSurveyRowModel   *self,
                                                      guint               column,
                                                      const char * const **values,
                                                      guint              *n_values);
/* The sort rank of each value id of COLUMN: Likert answers by their scale
 * level, numbers by value, other text in natural collation order, empty
 * cells last. */
const guint32    *eb_survey_row_model_get_value_ranks (EbSurveyRowModel  *self,
                                                       guint              column);
/* The value ids of COLUMN in the form searches compare (folded). */
const char * const *eb_survey_row_model_get_search_texts (EbSurveyRowModel *self,
                                                          guint             column);

/* TEXT folded for searching: case, compatibility forms and typographic
 * apostrophes do not matter. */
char             *eb_survey_row_model_fold_text       (const char        *text);

G_END_DECLS
