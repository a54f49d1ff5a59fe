/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "eb-survey.h"
#include "likert-analysis.h"

G_BEGIN_DECLS

/* The respondents behind one segment of the Likert chart: one level of one
 * item (within one group when the analysis is grouped) and the survey rows
 * of the respondents who gave that answer. What clicking a segment selects;
 * the quote panels filter by its rows. Immutable, reference counted. */
typedef struct _EbLikertSelection EbLikertSelection;

#define EB_TYPE_LIKERT_SELECTION (eb_likert_selection_get_type ())
GType              eb_likert_selection_get_type          (void) G_GNUC_CONST;

/* The rows of SURVEY that ANALYSIS (which must have counted SURVEY) counts
 * at LEVEL of item ITEM in group GROUP. LEVEL is a substantive level from
 * the lowest, or with NON_SUBSTANTIVE the index among the non-substantive
 * ones, as eb_likert_chart_segment_get_level(). */
EbLikertSelection *eb_likert_selection_new               (EbSurvey          *survey,
                                                          EbLikertAnalysis  *analysis,
                                                          guint              item,
                                                          guint              group,
                                                          guint              level,
                                                          gboolean           non_substantive);
EbLikertSelection *eb_likert_selection_ref               (EbLikertSelection *self);
void               eb_likert_selection_unref             (EbLikertSelection *self);

/* The item's index in the analysis and its survey column. */
guint              eb_likert_selection_get_item          (const EbLikertSelection *self);
guint              eb_likert_selection_get_column        (const EbLikertSelection *self);
const char        *eb_likert_selection_get_item_name     (const EbLikertSelection *self);
/* The group's index in the analysis, and its value (NULL when the
 * analysis is not grouped). */
guint              eb_likert_selection_get_group         (const EbLikertSelection *self);
const char        *eb_likert_selection_get_group_value   (const EbLikertSelection *self);
guint              eb_likert_selection_get_level         (const EbLikertSelection *self);
gboolean           eb_likert_selection_is_non_substantive (const EbLikertSelection *self);
const char        *eb_likert_selection_get_level_label   (const EbLikertSelection *self);
/* Survey row indices (guint), ascending. Do not modify. */
GArray            *eb_likert_selection_get_rows          (const EbLikertSelection *self);
guint              eb_likert_selection_get_n_rows        (const EbLikertSelection *self);
/* "Increase my confidence… = Strongly developed · 177 respondents", with
 * " (GROUP)" after the item when grouped: for a filter bar. */
const char        *eb_likert_selection_get_label         (const EbLikertSelection *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbLikertSelection, eb_likert_selection_unref)

G_END_DECLS
