/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-survey.h"

G_BEGIN_DECLS

/* How many non-blank rows at the top of a table the detection looks at:
 * enough to see a survey tool's header rows and a few answers under them. */
#define EB_HEADER_DETECT_ROWS 10

/* The survey tool whose export a table's header looks like. */
typedef enum {
  EB_HEADER_STYLE_PLAIN,             /* one row of titles, or unknown */
  EB_HEADER_STYLE_QUALTRICS,         /* export tags, question text, {"ImportId":…} */
  EB_HEADER_STYLE_QUALTRICS_LEGACY,  /* export tags, question text */
  EB_HEADER_STYLE_SURVEYMONKEY,      /* question text over option or row names */
  EB_HEADER_STYLE_MICROSOFT_FORMS,   /* ID, Start time, Completion time, … */
  EB_HEADER_STYLE_GOOGLE_FORMS,      /* Timestamp, … */
  EB_N_HEADER_STYLES
} EbHeaderStyle;

/* Looks at the first N_ROWS non-blank rows of a table (ROWS[r] has
 * N_CELLS[r] cells; a NULL cell is an empty one; up to
 * EB_HEADER_DETECT_ROWS are looked at) and returns how many of them are
 * header rows: 3 for Qualtrics, 2 for legacy Qualtrics and SurveyMonkey,
 * else 1. STYLE, if not NULL, is set to the export it looks like. */
guint          eb_header_detect          (const char * const * const  *rows,
                                          const guint                 *n_cells,
                                          guint                        n_rows,
                                          EbHeaderStyle               *style);

/* The titles of the first N_COLUMNS columns when the first N_HEADER_ROWS
 * of ROWS are the header (rows past N_ROWS count as empty), joined as
 * STYLE's tool means them:
 *
 * - Qualtrics: the question text (second row), else the export tag (first
 *   row); the {"ImportId":…} row is left out.
 * - SurveyMonkey: the question (first row; its cell also covers the
 *   empty first-row cells to its right that have a name under them) and
 *   the option or row name under it, as "Question - Row"; "Response" and
 *   "Open-Ended Response" add nothing.
 * - Otherwise, and for header rows past those the tool writes: the
 *   non-empty parts joined with " - ", each part once.
 *
 * A column with no title is "Column N" (from 1), and every title is made
 * distinct: the second "Q1" becomes "Q1 (2)". Returns a NULL-terminated
 * array of N_COLUMNS titles. */
char         **eb_header_titles          (const char * const * const  *rows,
                                          const guint                 *n_cells,
                                          guint                        n_rows,
                                          guint                        n_header_rows,
                                          guint                        n_columns,
                                          EbHeaderStyle                style);

/* "plain", "qualtrics", "qualtrics-legacy", "surveymonkey",
 * "microsoft-forms", "google-forms": for JSON and logs. */
const char    *eb_header_style_to_string (EbHeaderStyle                style);

/* What the user is told: "Qualtrics export", "Plain table", … */
const char    *eb_header_style_get_label (EbHeaderStyle                style);

/* The style the importer found in the file SURVEY was read from, whether
 * the header rows were detected or given (--header-rows); stored in the
 * project with the survey (eb_survey_get_header_style() is its name). A
 * survey built by hand or merged from several files is
 * EB_HEADER_STYLE_PLAIN. */
EbHeaderStyle  eb_header_get_style       (EbSurvey                    *survey);
void           eb_header_set_style       (EbSurvey                    *survey,
                                          EbHeaderStyle                style);

G_END_DECLS
