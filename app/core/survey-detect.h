/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-survey.h"

G_BEGIN_DECLS

/* Gives every column of SURVEY a role and, for Likert items, a scale.
 * USER_SCALES (EbScale *, from --scale or the import dialog; may be NULL)
 * are tried before the built-in scale library. */
void eb_survey_detect (EbSurvey  *survey,
                       GPtrArray *user_scales);

G_END_DECLS
