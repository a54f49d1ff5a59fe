/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "eb-survey.h"
#include "reliability.h"

G_BEGIN_DECLS

/* Frequencies of Likert items, as in Table 1 of the paper in seeds/000:
 * per item the count and percentage of each substantive level, lowest
 * first, with the missing and non-substantive answers counted apart; split
 * by the values of an attribute column; compared between two groups; and
 * followed over two waves. The command line (`likert --json / --csv`), the
 * chart renderer and the GUI all read these same results.
 *
 * Coding: the substantive levels of an item's scale are coded 1..k from the
 * lowest; non-substantive levels ("Don't know") have no code. Every row
 * falls in exactly one of: valid (a substantive level), non-substantive, or
 * missing (empty, or an answer that matches no level of the scale; the
 * latter are also reported as "unmatched" with their text). So
 * valid + non-substantive + missing = rows. Percentages are of valid answers
 * and unrounded. Statistics that are undefined (no valid answers) are NaN. */

#define EB_LIKERT_ERROR (eb_likert_error_quark ())

typedef enum {
  EB_LIKERT_ERROR_NO_SCALE,    /* an item column has no answer scale */
  EB_LIKERT_ERROR_NO_ITEMS,    /* no item columns were given */
  EB_LIKERT_ERROR_NO_GROUP,    /* a group or wave value occurs in no row */
} EbLikertError;

GQuark eb_likert_error_quark (void);

typedef struct _EbLikertItem EbLikertItem;
typedef struct _EbLikertGroup EbLikertGroup;
typedef struct _EbLikertAnalysis EbLikertAnalysis;

/* ---- One item within one group (owned by its analysis) ---- */

guint         eb_likert_item_get_column              (const EbLikertItem *item);
const char   *eb_likert_item_get_name                (const EbLikertItem *item);
EbScale      *eb_likert_item_get_scale               (const EbLikertItem *item);
/* The substantive levels, lowest first: k of them, coded 1..k. */
guint         eb_likert_item_get_n_levels            (const EbLikertItem *item);
const char   *eb_likert_item_get_level_label         (const EbLikertItem *item,
                                                      guint               level);
/* Arrays of get_n_levels() entries, for charts and tables. */
const guint  *eb_likert_item_get_counts              (const EbLikertItem *item);
const double *eb_likert_item_get_percents            (const EbLikertItem *item);
guint         eb_likert_item_get_count               (const EbLikertItem *item,
                                                      guint               level);
double        eb_likert_item_get_percent             (const EbLikertItem *item,
                                                      guint               level);
guint         eb_likert_item_get_n_valid             (const EbLikertItem *item);
/* Empty cells plus unmatched answers. */
guint         eb_likert_item_get_n_missing           (const EbLikertItem *item);
guint         eb_likert_item_get_n_empty             (const EbLikertItem *item);
/* Answers that match no level, by their (trimmed) text in order of first
 * appearance: get_unmatched_answer returns the text and sets COUNT. */
guint         eb_likert_item_get_n_unmatched         (const EbLikertItem *item);
guint         eb_likert_item_get_n_unmatched_answers (const EbLikertItem *item);
const char   *eb_likert_item_get_unmatched_answer    (const EbLikertItem *item,
                                                      guint               index,
                                                      guint              *count);
/* The scale's non-substantive levels in scale order, with their counts
 * (zero counts included, so every group has the same entries). */
guint         eb_likert_item_get_n_non_substantive_levels (const EbLikertItem *item);
const char   *eb_likert_item_get_non_substantive_label    (const EbLikertItem *item,
                                                           guint               index);
guint         eb_likert_item_get_non_substantive_count    (const EbLikertItem *item,
                                                           guint               index);
guint         eb_likert_item_get_n_non_substantive        (const EbLikertItem *item);
/* Of the codes 1..k; the median is the middle value, or the mean of the two
 * middle values when N is even. */
double        eb_likert_item_get_mean                (const EbLikertItem *item);
double        eb_likert_item_get_median              (const EbLikertItem *item);
/* % at the highest level; % in the upper and lower half of the scale (the
 * middle level of an odd scale counts in neither). */
double        eb_likert_item_get_percent_top         (const EbLikertItem *item);
double        eb_likert_item_get_percent_positive    (const EbLikertItem *item);
double        eb_likert_item_get_percent_negative    (const EbLikertItem *item);

/* ---- One group: all rows, or the rows with one value of the group column ---- */

/* NULL for the whole survey and for the rows without a group value. */
const char         *eb_likert_group_get_value          (const EbLikertGroup *group);
guint               eb_likert_group_get_n_rows         (const EbLikertGroup *group);
guint               eb_likert_group_get_n_items        (const EbLikertGroup *group);
const EbLikertItem *eb_likert_group_get_item           (const EbLikertGroup *group,
                                                        guint                index);
/* When every item has the same scale: the mean count of each substantive
 * level across items, and the pooled percentage (the level's counts summed
 * over items, over all valid answers summed), as Table 1's last row. */
gboolean            eb_likert_group_has_average        (const EbLikertGroup *group);
double              eb_likert_group_get_average_count  (const EbLikertGroup *group,
                                                        guint                level);
double              eb_likert_group_get_average_percent (const EbLikertGroup *group,
                                                         guint                level);

/* ---- The analysis ---- */

#define EB_TYPE_LIKERT_ANALYSIS (eb_likert_analysis_get_type ())
GType               eb_likert_analysis_get_type        (void) G_GNUC_CONST;

/* Counts COLUMNS (each must have a scale) over all rows of SURVEY, or, if
 * GROUP_COLUMN >= 0, separately for each distinct value of that column in
 * order of first appearance (values compared after trimming white space).
 * Rows with an empty group value form a group of their own, kept apart:
 * see get_ungrouped(). */
EbLikertAnalysis   *eb_likert_analysis_new             (EbSurvey           *survey,
                                                        const guint        *columns,
                                                        guint               n_columns,
                                                        int                 group_column,
                                                        GError            **error);
EbLikertAnalysis   *eb_likert_analysis_ref             (EbLikertAnalysis   *self);
void                eb_likert_analysis_unref           (EbLikertAnalysis   *self);

/* -1 when not grouped. */
int                 eb_likert_analysis_get_group_column (EbLikertAnalysis  *self);
const char         *eb_likert_analysis_get_group_column_name (EbLikertAnalysis *self);
guint               eb_likert_analysis_get_n_items     (EbLikertAnalysis   *self);
/* TRUE when all items share one scale (then every group has an average). */
gboolean            eb_likert_analysis_has_common_scale (EbLikertAnalysis  *self);
/* One group (value NULL) when not grouped. */
guint               eb_likert_analysis_get_n_groups    (EbLikertAnalysis   *self);
const EbLikertGroup *eb_likert_analysis_get_group      (EbLikertAnalysis   *self,
                                                        guint               index);
/* The index of the group whose value is VALUE, or -1. */
int                 eb_likert_analysis_find_group      (EbLikertAnalysis   *self,
                                                        const char         *value);
/* The rows whose group value is empty, or NULL if there are none. */
const EbLikertGroup *eb_likert_analysis_get_ungrouped  (EbLikertAnalysis   *self);

/* CLI.md's `likert --json` object. RELIABILITY (may be NULL, giving
 * "reliability": null) is usually computed over the same items. Extends the
 * contract with "rows" per group, per item "unmatched", "median",
 * "percent_top", "percent_positive", "percent_negative", and a top-level
 * "ungrouped" group for rows without a group value. NaN becomes null. */
JsonNode           *eb_likert_analysis_to_json         (EbLikertAnalysis   *self,
                                                        EbReliability      *reliability);
/* CLI.md's `--csv`: a header, then one row per group x item, columns
 * group,item,<level>...,<level> %...,valid,missing,mean (RFC 4180: CRLF,
 * fields quoted when needed). The level headers are the labels when all
 * items share a scale, "Level 1".."Level k" otherwise. Percentages and means
 * are written unrounded with '.' as the decimal point; undefined ones are
 * empty. Rows without a group value come last with an empty group. */
char               *eb_likert_analysis_to_csv          (EbLikertAnalysis   *self);
gboolean            eb_likert_analysis_write_csv       (EbLikertAnalysis   *self,
                                                        GOutputStream      *stream,
                                                        GCancellable       *cancellable,
                                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbLikertAnalysis, eb_likert_analysis_unref)

/* ---- Mann-Whitney U from ordinal counts ---- */

/* Two samples of one ordinal scale given as counts per level. U is the
 * statistic of the first sample (the number of pairs in which A is higher,
 * ties counting half); z uses the normal approximation with the tie
 * correction of the variance and a continuity correction of 0.5 towards the
 * mean; p is two-sided. z > 0 when A tends higher. */
typedef struct
{
  guint  n_a;
  guint  n_b;
  double u;
  double z;
  double p;
} EbMannWhitney;

/* Returns FALSE (z and p NaN) when a sample is empty or every answer is on
 * the same level, where the test is undefined. */
gboolean eb_mann_whitney_from_counts (const guint   *counts_a,
                                      const guint   *counts_b,
                                      guint          n_levels,
                                      EbMannWhitney *result);

/* ---- Two groups of an analysis, item by item ---- */

typedef struct _EbLikertComparison EbLikertComparison;

#define EB_TYPE_LIKERT_COMPARISON (eb_likert_comparison_get_type ())
GType                eb_likert_comparison_get_type      (void) G_GNUC_CONST;

/* Compares groups GROUP_A and GROUP_B of ANALYSIS. */
EbLikertComparison  *eb_likert_comparison_new           (EbLikertAnalysis   *analysis,
                                                         guint               group_a,
                                                         guint               group_b);
EbLikertComparison  *eb_likert_comparison_ref           (EbLikertComparison *self);
void                 eb_likert_comparison_unref         (EbLikertComparison *self);

const EbLikertGroup *eb_likert_comparison_get_group_a   (EbLikertComparison *self);
const EbLikertGroup *eb_likert_comparison_get_group_b   (EbLikertComparison *self);
guint                eb_likert_comparison_get_n_items   (EbLikertComparison *self);
/* % positive in A minus % positive in B, in percentage points. */
double               eb_likert_comparison_get_positive_difference (EbLikertComparison *self,
                                                                   guint               index);
const EbMannWhitney *eb_likert_comparison_get_test      (EbLikertComparison *self,
                                                         guint               index);
JsonNode            *eb_likert_comparison_to_json       (EbLikertComparison *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbLikertComparison, eb_likert_comparison_unref)

/* ---- The same respondents in two waves ---- */

/* Among respondents present in both waves with a valid answer in both:
 * how many chose a higher, the same or a lower level in wave B than in wave
 * A, and how many reached the top level in B from below it (they are among
 * the n_up). */
typedef struct
{
  guint n_pairs;
  guint n_up;
  guint n_same;
  guint n_down;
  guint n_to_top;
} EbLikertChange;

typedef struct _EbLikertPaired EbLikertPaired;

#define EB_TYPE_LIKERT_PAIRED (eb_likert_paired_get_type ())
GType                 eb_likert_paired_get_type          (void) G_GNUC_CONST;

/* Both waves live in SURVEY (eb_survey_merge() stacks two files and labels
 * each row's wave in a source column): the rows whose WAVE_COLUMN is WAVE_A
 * are linked to those whose WAVE_COLUMN is WAVE_B by ID_COLUMN (values
 * trimmed). An id that is empty, or occurs more than once within a wave,
 * cannot be linked and is left out. */
EbLikertPaired       *eb_likert_paired_new               (EbSurvey           *survey,
                                                          const guint        *columns,
                                                          guint               n_columns,
                                                          guint               id_column,
                                                          guint               wave_column,
                                                          const char         *wave_a,
                                                          const char         *wave_b,
                                                          GError            **error);
/* The two groups GROUP_A and GROUP_B of ANALYSIS (counted on SURVEY,
 * grouped by a wave column) as waves of the same respondents, linked by
 * the survey's id column; NULL when the survey has no id column, the
 * grouping is by the id, or fewer than two respondents are in both. */
EbLikertPaired       *eb_likert_paired_new_for_groups    (EbSurvey           *survey,
                                                          EbLikertAnalysis   *analysis,
                                                          guint               group_a,
                                                          guint               group_b);
EbLikertPaired       *eb_likert_paired_ref               (EbLikertPaired     *self);
void                  eb_likert_paired_unref             (EbLikertPaired     *self);

const char           *eb_likert_paired_get_wave_a        (EbLikertPaired     *self);
const char           *eb_likert_paired_get_wave_b        (EbLikertPaired     *self);
/* Respondents whose id occurs exactly once in each wave. */
guint                 eb_likert_paired_get_n_linked      (EbLikertPaired     *self);
/* Distinct ids left out because they repeat within a wave. */
guint                 eb_likert_paired_get_n_duplicate_ids (EbLikertPaired   *self);
guint                 eb_likert_paired_get_n_items       (EbLikertPaired     *self);
const char           *eb_likert_paired_get_item_name     (EbLikertPaired     *self,
                                                          guint               index);
const EbLikertChange *eb_likert_paired_get_change        (EbLikertPaired     *self,
                                                          guint               index);
JsonNode             *eb_likert_paired_to_json           (EbLikertPaired     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbLikertPaired, eb_likert_paired_unref)

G_END_DECLS
