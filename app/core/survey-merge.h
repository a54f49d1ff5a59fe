/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-survey.h"

G_BEGIN_DECLS

/* Stacks several surveys (waves, Work Groups, schools) into one: columns
 * are matched by title, in the order they first appear; a survey without a
 * column leaves its cells empty. If SOURCE_COLUMN is not NULL a first column
 * of that name holds each row's label from LABELS (e.g. the file name).
 * Roles and scales are not carried over: detect them on the result
 * (eb_survey_merge_detect). */
EbSurvey *eb_survey_merge (EbSurvey * const   *surveys,
                           const char * const *labels,
                           guint               n_surveys,
                           const char         *source_column);

/* Detects MERGED's roles and scales (eb_survey_detect with USER_SCALES),
 * then keeps the respondent id column the SURVEYS it was merged from agree
 * on: waves of one survey repeat each id once per wave, which the merged
 * column alone does not look like, yet it is what links a respondent's
 * answers across waves. */
void      eb_survey_merge_detect (EbSurvey         *merged,
                                  EbSurvey * const *surveys,
                                  guint             n_surveys,
                                  GPtrArray        *user_scales);

G_END_DECLS
