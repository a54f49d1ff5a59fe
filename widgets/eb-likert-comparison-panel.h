/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "likert-analysis.h"

G_BEGIN_DECLS

#define EB_TYPE_LIKERT_COMPARISON_PANEL (eb_likert_comparison_panel_get_type ())
G_DECLARE_FINAL_TYPE (EbLikertComparisonPanel, eb_likert_comparison_panel, EB, LIKERT_COMPARISON_PANEL,
                      GtkWidget)

/* Two groups of a grouped Likert analysis side by side, item by item: the
 * share of positive answers in each, their difference in percentage
 * points, and a Mann–Whitney U test of the whole distributions ("Positive
 * 78 % against 71 % · z = 1.92, p = .055"). The two groups are chosen in
 * the panel (the first two to begin with). Hidden unless the analysis has
 * two groups or more.
 *
 * When the groups are two waves of one survey with respondents in both,
 * matched by the survey's id column (an import of several files with a
 * source column makes such a survey), a second part shows how each one's
 * answer moved: higher, the same or lower in the second wave, and how many
 * reached the top level. */
GtkWidget        *eb_likert_comparison_panel_new          (void);

/* SURVEY is the one ANALYSIS counts (for its id column). */
void              eb_likert_comparison_panel_set_analysis (EbLikertComparisonPanel *self,
                                                           EbSurvey                *survey,
                                                           EbLikertAnalysis        *analysis);

/* The groups compared (indices into the analysis's groups); FALSE when
 * nothing is compared. */
gboolean          eb_likert_comparison_panel_get_groups   (EbLikertComparisonPanel *self,
                                                           guint                   *group_a,
                                                           guint                   *group_b);
void              eb_likert_comparison_panel_set_groups   (EbLikertComparisonPanel *self,
                                                           guint                    group_a,
                                                           guint                    group_b);

/* What the panel shows, for tests and the accessible description: the
 * number of item rows, and each row's title and subtitle; NULL out of
 * range. */
guint             eb_likert_comparison_panel_get_n_items  (EbLikertComparisonPanel *self);
const char       *eb_likert_comparison_panel_get_item_title    (EbLikertComparisonPanel *self,
                                                                guint                    index);
const char       *eb_likert_comparison_panel_get_item_subtitle (EbLikertComparisonPanel *self,
                                                                guint                    index);
/* The difference shown beside the item: "+7.3 pts". */
const char       *eb_likert_comparison_panel_get_item_difference (EbLikertComparisonPanel *self,
                                                                  guint                    index);

/* The same respondents in both groups: the number of item rows (0 when
 * none are matched), each row's subtitle ("Higher 38 % · the same 50 % ·
 * lower 12 % · 10 % reached the top (n = 118)") and net change ("+26 pts"). */
guint             eb_likert_comparison_panel_get_n_paired_items  (EbLikertComparisonPanel *self);
const char       *eb_likert_comparison_panel_get_paired_subtitle (EbLikertComparisonPanel *self,
                                                                  guint                    index);
const char       *eb_likert_comparison_panel_get_paired_change   (EbLikertComparisonPanel *self,
                                                                  guint                    index);

/* "p = .055", "p < .001", as APA style writes p values; "p –" when the
 * test is undefined. */
char             *eb_format_p_value                       (double                   p);

G_END_DECLS
