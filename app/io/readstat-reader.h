/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "survey-import.h"

G_BEGIN_DECLS

/* SPSS (.sav, .zsav, .por) and Stata (.dta) data files, read with ReadStat.
 * The file's content decides the format, whatever its extension says. Each
 * variable becomes a column titled by its variable label (by its name when
 * it has none); a labelled value becomes its label's text, user-missing,
 * extended-missing and system-missing values become empty cells, dates
 * become ISO 8601 text.
 *
 * Roles are not detected here. Instead DETECT_SCALES receives the scales to
 * hand to eb_survey_detect(): OPTIONS's own scales first, then the value-label
 * sets that look like answer scales, levels in code order (or as the built-in
 * library orders them when it knows the set), non-substantive labels such
 * as "Not applicable" last and marked as such. It is set only on success. */
EbSurvey *eb_readstat_read (const char             *path,
                            const EbImportOptions  *options,
                            GCancellable           *cancellable,
                            EbProgressFunc          progress,
                            gpointer                progress_data,
                            EbErrorLocation        *location,
                            GPtrArray             **detect_scales,
                            GError                **error);

G_END_DECLS
