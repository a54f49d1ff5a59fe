/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "eb-scale.h"

G_BEGIN_DECLS

typedef enum {
  EB_COLUMN_ROLE_IGNORED,
  EB_COLUMN_ROLE_ID,
  EB_COLUMN_ROLE_ATTRIBUTE,
  EB_COLUMN_ROLE_LIKERT,
  EB_COLUMN_ROLE_MULTI,
  EB_COLUMN_ROLE_TEXT,
  EB_COLUMN_ROLE_NUMBER,
  EB_COLUMN_ROLE_DATE,
} EbColumnRole;

const char   *eb_column_role_to_string   (EbColumnRole  role);
gboolean      eb_column_role_from_string (const char   *name,
                                          EbColumnRole *role);

#define EB_TYPE_SURVEY (eb_survey_get_type ())
G_DECLARE_FINAL_TYPE (EbSurvey, eb_survey, EB, SURVEY, GObject)

/* The imported questionnaire: a table of UTF-8 cells, one row per
 * respondent, plus what each column is (its role) and, for Likert items,
 * its scale. Cells are stored once in a string chunk: a 100,000 x 30 survey
 * of repeated Likert labels costs little more than its pointers. */
EbSurvey     *eb_survey_new              (void);

guint         eb_survey_add_column       (EbSurvey     *self,
                                          const char   *name);
void          eb_survey_append_row       (EbSurvey     *self,
                                          const char * const *cells,
                                          guint         n_cells);

guint         eb_survey_get_n_rows       (EbSurvey     *self);
guint         eb_survey_get_n_columns    (EbSurvey     *self);
const char   *eb_survey_get_cell         (EbSurvey     *self,
                                          guint         row,
                                          guint         column);
int           eb_survey_find_column      (EbSurvey     *self,
                                          const char   *name);

const char   *eb_survey_get_column_name  (EbSurvey     *self,
                                          guint         column);
EbColumnRole  eb_survey_get_column_role  (EbSurvey     *self,
                                          guint         column);
void          eb_survey_set_column_role  (EbSurvey     *self,
                                          guint         column,
                                          EbColumnRole  role);
EbScale      *eb_survey_get_column_scale (EbSurvey     *self,
                                          guint         column);
void          eb_survey_set_column_scale (EbSurvey     *self,
                                          guint         column,
                                          EbScale      *scale);

/* The Likert columns grouped by scale (equal labels), in the order of each
 * set's first item: the item sets a chart, a Table 1 and the workbook's
 * summary show together. A GPtrArray of GArray of guint column indices. */
GPtrArray    *eb_survey_dup_likert_sets  (EbSurvey     *self);

/* The first column whose role is the respondent id, or -1. */
int           eb_survey_get_id_column    (EbSurvey     *self);
/* The attribute columns answers can be grouped by (guint indices): those
 * with 1 to EB_SURVEY_MAX_GROUPS distinct values; more make no useful
 * groups. The Likert page and the Export dialog offer the same ones. */
#define EB_SURVEY_MAX_GROUPS 50
GArray       *eb_survey_dup_group_columns (EbSurvey    *self);

guint         eb_survey_count_missing    (EbSurvey     *self,
                                          guint         column);
guint         eb_survey_count_distinct   (EbSurvey     *self,
                                          guint         column);

/* Where the data came from, for the project's audit trail and describe. */
const char   *eb_survey_get_source_file  (EbSurvey     *self);
void          eb_survey_set_source_file  (EbSurvey     *self,
                                          const char   *path);
const char   *eb_survey_get_sheet        (EbSurvey     *self);
void          eb_survey_set_sheet        (EbSurvey     *self,
                                          const char   *sheet);
guint         eb_survey_get_header_rows  (EbSurvey     *self);
void          eb_survey_set_header_rows  (EbSurvey     *self,
                                          guint         header_rows);
/* The kind of export the header rows were read as ("qualtrics",
 * "surveymonkey", …: see header-detect.h), or NULL when not known. Kept
 * in the project with the survey. */
const char   *eb_survey_get_header_style (EbSurvey     *self);
void          eb_survey_set_header_style (EbSurvey     *self,
                                          const char   *style);

G_END_DECLS
