/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "survey-import.h"

G_BEGIN_DECLS

/* RFC 4180 CSV/TSV: delimiter sniffed among , ; and tab; UTF-8 (with or
 * without BOM), UTF-16 LE/BE with BOM, and Windows-1252 converted to UTF-8.
 * The first HEADER_ROWS non-blank rows (-1: detected from the first rows,
 * see header-detect.h) form the column titles, as the survey tool whose
 * export it looks like means them; eb_header_get_style() tells which.
 * Roles and scales are not detected here. */
EbSurvey *eb_csv_read (const char             *path,
                       const EbImportOptions  *options,
                       GCancellable           *cancellable,
                       EbProgressFunc          progress,
                       gpointer                progress_data,
                       EbErrorLocation        *location,
                       GError                **error);

G_END_DECLS
