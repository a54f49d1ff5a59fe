/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "eb-project.h"
#include "eb-survey.h"
#include "palette.h"
#include "survey-import.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean   pseudonymise;   /* codes for respondents, identifying columns left out */
  int        group_column;   /* the Likert summary per value of this column, or -1 */
  double     dpi;            /* resolution of the Evalbench figure inserted */
  double     width_mm;       /* and its width */
  EbPalette  palette;        /* Likert shading, chart series and figure */
} EbWorkbookOptions;

/* Not pseudonymised, not grouped, 300 dpi, 160 mm, BrBG: the defaults of
 * `evalbench export` and of the figures. */
void     eb_workbook_options_init (EbWorkbookOptions *options);

/* Writes the annotated workbook of issue 7 to PATH (.xlsx), replacing it
 * only once the new one is complete:
 *
 *   Responses         the survey as imported, Likert answers shaded by
 *                     level, a column per theme and a "Themes" column, and
 *                     a cell comment on every coded answer (its themes,
 *                     spans and memos);
 *   Likert summary    Table 1 per set of items sharing a scale (per group
 *                     too when grouped), with a native Excel chart drawn
 *                     from those cells and the Evalbench figure beside it;
 *   Reliability       alpha, alpha if deleted, item-total correlations,
 *                     eigenvalues;
 *   Codebook          the themes, indented, coloured, counted;
 *   Quotes            every coded answer with its respondent, attributes
 *                     and themes, sorted by theme;
 *   Theme × attribute the crosstab per attribute column with percentages;
 *   Audit trail, About how every number was made.
 *
 * PROJECT may be NULL for a survey read straight from a file (no codebook,
 * codings or audit trail then); SURVEY may be NULL to use the project's.
 * Text is always written as text, never as a formula. The same project
 * and options give the same cells every time; the export date on About
 * and the file's creation time come from SOURCE_DATE_EPOCH when it is set.
 *
 * Safe in a worker thread as long as nothing else uses PROJECT and SURVEY
 * meanwhile (a GUI gives it its own eb_project_open_readonly()). PROGRESS
 * is called from that thread. Errors: G_IO_ERROR when PATH cannot be
 * written (G_IO_ERROR_CANCELLED when cancelled; PATH is then untouched),
 * EB_PROJECT_ERROR when the project cannot be read. */
gboolean eb_workbook_export       (EbProject                *project,
                                   EbSurvey                 *survey,
                                   const char               *path,
                                   const EbWorkbookOptions  *options,
                                   GCancellable             *cancellable,
                                   EbProgressFunc            progress,
                                   gpointer                  progress_data,
                                   GError                  **error);

G_END_DECLS
