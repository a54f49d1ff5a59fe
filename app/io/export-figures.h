/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "eb-diagram.h"
#include "eb-survey.h"
#include "figure-export.h"
#include "survey-import.h"

G_BEGIN_DECLS

typedef struct
{
  const EbFigureFormat *formats;    /* which files to write for each figure */
  guint                 n_formats;
  double                dpi;        /* PNG resolution */
  double                width_mm;   /* every figure's width */
  EbDiagram            *diagram;    /* the process diagram, or NULL */
} EbFigureSetOptions;

/* Writes every figure of SURVEY into DIR (created if missing), with stable
 * names so that a report can link them and the next wave replaces them:
 * the Likert items sharing one scale make one chart, "likert.<ext>" when
 * there is one such set, else "likert-1.<ext>", "likert-2.<ext>" … in
 * questionnaire order; the process diagram, if it has nodes, as
 * "diagram.<ext>". The GUI's Export dialog and `evalbench export
 * --figures` both come here. Paths written are appended to WRITTEN (may be
 * NULL). */
gboolean eb_export_figures (EbSurvey                 *survey,
                            const char               *dir,
                            const EbFigureSetOptions *options,
                            GCancellable             *cancellable,
                            EbProgressFunc            progress,
                            gpointer                  progress_data,
                            GPtrArray                *written,
                            GError                  **error);

G_END_DECLS
