/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "survey-import.h"

G_BEGIN_DECLS

/* Office Open XML workbooks (.xlsx, .xlsm) as Excel, Microsoft Forms,
 * SurveyMonkey, openpyxl and libxlsxwriter write them: one sheet
 * (options->sheet, else the first visible one), header rows as in
 * eb_csv_read(), shared and inline strings, numbers, booleans, errors and
 * dates (by the cell's number format, 1900 and 1904 date systems), merged
 * header cells. Reads by content, not by name: an OpenDocument spreadsheet
 * goes to eb_ods_read() and text to eb_csv_read(). Roles and scales are
 * not detected here. */
EbSurvey  *eb_xlsx_read        (const char             *path,
                                const EbImportOptions  *options,
                                GCancellable           *cancellable,
                                EbProgressFunc          progress,
                                gpointer                progress_data,
                                EbErrorLocation        *location,
                                GError                **error);

/* The workbook's sheets of data in workbook order, as EbSheetInfo *, for a
 * sheet chooser; empty for text. Charts are left out. */
GPtrArray *eb_xlsx_list_sheets (const char             *path,
                                GCancellable           *cancellable,
                                EbErrorLocation        *location,
                                GError                **error);

G_END_DECLS
