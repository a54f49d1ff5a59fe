/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "eb-coding-store.h"

G_BEGIN_DECLS

/* What the coding says in numbers: per theme, how many quotes and how many
 * respondents (the paper's 214, 16, 25), by the values of an attribute
 * (programme, gender), and how the respondents who mention a theme answered
 * the Likert items compared with those who do not; and the quotes as
 * `evalbench quotes --json` prints them.
 *
 * Every function takes the quotes it should count as VISIBLE, N_VISIBLE:
 * indices into eb_coding_store_get_quotes (the GUI's current filter, for
 * instance from eb_quote_list_select), or NULL for all quotes. A theme's
 * numbers include its sub-themes: a quote coded with two sub-themes of a
 * group counts once for the group. A respondent is a survey row. */

/* ---- Counts per theme ---- */

typedef struct _EbThemeCounts EbThemeCounts;

#define EB_TYPE_THEME_COUNTS (eb_theme_counts_get_type ())
GType           eb_theme_counts_get_type               (void) G_GNUC_CONST;

EbThemeCounts  *eb_theme_counts_new                    (EbCodingStore *store,
                                                        const guint   *visible,
                                                        guint          n_visible);
EbThemeCounts  *eb_theme_counts_ref                    (EbThemeCounts *self);
void            eb_theme_counts_unref                  (EbThemeCounts *self);

/* Quotes and distinct respondents coded with the theme or a sub-theme; 0
 * for an unknown theme. */
guint           eb_theme_counts_get_n_quotes           (EbThemeCounts *self,
                                                        gint64         theme_id);
guint           eb_theme_counts_get_n_respondents      (EbThemeCounts *self,
                                                        gint64         theme_id);
/* Quotes coded with the theme itself. */
guint           eb_theme_counts_get_n_direct_quotes    (EbThemeCounts *self,
                                                        gint64         theme_id);
/* The visible quotes, their distinct respondents, and those coded at all. */
guint           eb_theme_counts_get_total_quotes       (EbThemeCounts *self);
guint           eb_theme_counts_get_total_respondents  (EbThemeCounts *self);
guint           eb_theme_counts_get_coded_quotes       (EbThemeCounts *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbThemeCounts, eb_theme_counts_unref)

/* ---- Theme x attribute ---- */

typedef enum {
  EB_COUNT_QUOTES,
  EB_COUNT_RESPONDENTS,
} EbCountUnit;

typedef struct _EbThemeCrosstab EbThemeCrosstab;

#define EB_TYPE_THEME_CROSSTAB (eb_theme_crosstab_get_type ())
GType             eb_theme_crosstab_get_type           (void) G_GNUC_CONST;

/* Rows: every theme, depth first. Columns: the values of ATTRIBUTE_COLUMN
 * (compared after trimming white space) in order of first appearance in
 * the survey, then "" for respondents who gave none, if any.
 *
 * A cell counts the visible quotes coded with the theme (or a sub-theme)
 * whose respondent has that value, or those respondents. Row percentages
 * are of the theme's total (they add up to 100 across the values); column
 * percentages are of all visible quotes, or respondents, with that value,
 * coded or not: "48 % of the 1CN respondents mention it". A percentage
 * whose base is 0 is NaN. */
EbThemeCrosstab  *eb_theme_crosstab_new                (EbCodingStore   *store,
                                                        guint            attribute_column,
                                                        const guint     *visible,
                                                        guint            n_visible);
EbThemeCrosstab  *eb_theme_crosstab_ref                (EbThemeCrosstab *self);
void              eb_theme_crosstab_unref              (EbThemeCrosstab *self);

guint             eb_theme_crosstab_get_attribute_column (EbThemeCrosstab *self);
guint             eb_theme_crosstab_get_n_values       (EbThemeCrosstab *self);
const char       *eb_theme_crosstab_get_value          (EbThemeCrosstab *self,
                                                        guint            value);
guint             eb_theme_crosstab_get_n_themes       (EbThemeCrosstab *self);
EbTheme          *eb_theme_crosstab_get_theme          (EbThemeCrosstab *self,
                                                        guint            theme);
guint             eb_theme_crosstab_get_count          (EbThemeCrosstab *self,
                                                        EbCountUnit      unit,
                                                        guint            theme,
                                                        guint            value);
/* The theme's row total, over all values. */
guint             eb_theme_crosstab_get_theme_total    (EbThemeCrosstab *self,
                                                        EbCountUnit      unit,
                                                        guint            theme);
/* The base of a column: visible quotes (respondents) with the value. */
guint             eb_theme_crosstab_get_value_total    (EbThemeCrosstab *self,
                                                        EbCountUnit      unit,
                                                        guint            value);
guint             eb_theme_crosstab_get_grand_total    (EbThemeCrosstab *self,
                                                        EbCountUnit      unit);
double            eb_theme_crosstab_get_row_percent    (EbThemeCrosstab *self,
                                                        EbCountUnit      unit,
                                                        guint            theme,
                                                        guint            value);
double            eb_theme_crosstab_get_column_percent (EbThemeCrosstab *self,
                                                        EbCountUnit      unit,
                                                        guint            theme,
                                                        guint            value);
/* The theme's total as a percentage of the grand total: the "All" column. */
double            eb_theme_crosstab_get_total_percent  (EbThemeCrosstab *self,
                                                        EbCountUnit      unit,
                                                        guint            theme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbThemeCrosstab, eb_theme_crosstab_unref)

/* ---- The Likert profile of a theme ---- */

typedef enum {
  EB_PROFILE_MENTION,   /* respondents with a visible quote coded with the theme */
  EB_PROFILE_OTHERS,    /* the other respondents */
} EbProfileGroup;

typedef struct _EbThemeProfile EbThemeProfile;

#define EB_TYPE_THEME_PROFILE (eb_theme_profile_get_type ())
GType             eb_theme_profile_get_type            (void) G_GNUC_CONST;

/* For each Likert column of COLUMNS (each needs a scale), the mean code
 * (1..k over the substantive levels, as likert-analysis.h codes them) and
 * the percentage in the upper half of the scale, for the respondents who
 * mention THEME_ID (or a sub-theme) and for the others. The respondents
 * are all survey rows when VISIBLE is NULL, else the rows of the visible
 * quotes. Undefined values (no valid answer) are NaN. */
EbThemeProfile   *eb_theme_profile_new                 (EbCodingStore   *store,
                                                        gint64           theme_id,
                                                        const guint     *columns,
                                                        guint            n_columns,
                                                        const guint     *visible,
                                                        guint            n_visible,
                                                        GError         **error);
EbThemeProfile   *eb_theme_profile_ref                 (EbThemeProfile  *self);
void              eb_theme_profile_unref               (EbThemeProfile  *self);

gint64            eb_theme_profile_get_theme_id        (EbThemeProfile  *self);
guint             eb_theme_profile_get_n_items         (EbThemeProfile  *self);
guint             eb_theme_profile_get_column          (EbThemeProfile  *self,
                                                        guint            item);
guint             eb_theme_profile_get_n_respondents   (EbThemeProfile  *self,
                                                        EbProfileGroup   group);
guint             eb_theme_profile_get_n_valid         (EbThemeProfile  *self,
                                                        EbProfileGroup   group,
                                                        guint            item);
double            eb_theme_profile_get_mean            (EbThemeProfile  *self,
                                                        EbProfileGroup   group,
                                                        guint            item);
double            eb_theme_profile_get_percent_positive (EbThemeProfile *self,
                                                        EbProfileGroup   group,
                                                        guint            item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbThemeProfile, eb_theme_profile_unref)

/* ---- `quotes --json` ---- */

/* CLI.md's array: [{"respondent", "column", "text", "themes": [names],
 * "attributes": {column name: value}}], one object per quote in list
 * order; "attributes" holds every attribute-role column, an empty answer
 * as null. With THEME_NAME, only the quotes coded with that theme or one
 * of its sub-themes (EB_CODING_ERROR_NO_SUCH_THEME if there is no such
 * theme). */
JsonNode         *eb_quotes_to_json                    (EbCodingStore   *store,
                                                        const char      *theme_name,
                                                        GError         **error);

G_END_DECLS
