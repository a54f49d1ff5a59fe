/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-survey.h"

G_BEGIN_DECLS

/* Stacks several surveys (waves, Work Groups, schools) into one: columns
 * are matched by title, in the order they first appear; a survey without a
 * column leaves its cells empty. If SOURCE_COLUMN is not NULL a first column
 * of that name holds each row's label from LABELS (e.g. the file name).
 * Roles and scales are not carried over: detect them on the result. */
EbSurvey *eb_survey_merge (EbSurvey * const   *surveys,
                           const char * const *labels,
                           guint               n_surveys,
                           const char         *source_column);

G_END_DECLS
