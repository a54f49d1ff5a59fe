/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "survey-import.h"

G_BEGIN_DECLS

/* OpenDocument spreadsheets (.ods) as LibreOffice and Gnumeric write them:
 * one table (options->sheet, else the first visible one), header rows as
 * in eb_csv_read(), repeated rows and cells, covered (merged) cells, and
 * the value of each cell by its office:value-type. Reads by content, not
 * by name: an Excel workbook goes to eb_xlsx_read() and text to
 * eb_csv_read(). Roles and scales are not detected here. */
EbSurvey  *eb_ods_read        (const char             *path,
                               const EbImportOptions  *options,
                               GCancellable           *cancellable,
                               EbProgressFunc          progress,
                               gpointer                progress_data,
                               EbErrorLocation        *location,
                               GError                **error);

/* The spreadsheet's tables in order, as EbSheetInfo *; empty for text. */
GPtrArray *eb_ods_list_sheets (const char             *path,
                               GCancellable           *cancellable,
                               EbErrorLocation        *location,
                               GError                **error);

G_END_DECLS
