/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "survey-import.h"

G_BEGIN_DECLS

/* The limits of Excel and LibreOffice Calc: rows 1 to 1,048,576, columns A
 * to XFD. */
#define EB_SHEET_MAX_ROWS    1048576u
#define EB_SHEET_MAX_COLUMNS 16384u

/* A spreadsheet cell holds at most 32,767 characters; more than this
 * many bytes of text in one cell is refused. */
#define EB_SHEET_MAX_CELL_TEXT (1024 * 1024)

/* One sheet of a workbook, for the GUI's sheet chooser. */
typedef struct {
  char     *name;
  gboolean  hidden;
} EbSheetInfo;

EbSheetInfo *eb_sheet_info_new  (const char  *name,
                                 gboolean     hidden);
void         eb_sheet_info_free (EbSheetInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbSheetInfo, eb_sheet_info_free)

/* Whether NAME is WANTED, ignoring case: the user types the sheet's name. */
gboolean eb_sheet_name_matches (const char *name,
                                const char *wanted);

/* Writes the letters of COLUMN (counted from 1: 1 is "A", 28 is "AB"). */
void   eb_sheet_column_letters (guint        column,
                                char         letters[8]);

/* The start of a message about a place in a workbook:
 * "“survey.xlsx”, sheet “Responses”, row 12, column C". SHEET may be NULL;
 * ROW and COLUMN count from 1, and 0 leaves them out. */
char  *eb_sheet_describe_place (const char  *file_name,
                                const char  *sheet,
                                guint        row,
                                guint        column);

/* Cell values as a survey shows them, whatever the file format. */
#define EB_SHEET_VALUE_SIZE 48

/* A number cell's text ("100001", "0.1", "1.5E-3"): integers of up to 15
 * digits as they are, anything else through "%.15g" ("0.0015", "1e+20"),
 * never "-0". Returns TEXT or BUFFER, or NULL if TEXT is not a number. */
const char *eb_sheet_number_text     (const char  *text,
                                      char         buffer[EB_SHEET_VALUE_SIZE]);
void        eb_sheet_format_number   (double       number,
                                      char         buffer[EB_SHEET_VALUE_SIZE]);

/* Dates as "2024-03-01", date-times as "2024-03-01 10:15", times as
 * "10:15:00", whatever the file wrote. */
void        eb_sheet_format_date     (int          year,
                                      guint        month,
                                      guint        day,
                                      int          seconds,
                                      char         buffer[EB_SHEET_VALUE_SIZE]);
void        eb_sheet_format_time     (gint64       seconds,
                                      char         buffer[EB_SHEET_VALUE_SIZE]);
/* From ISO 8601: "2024-03-01" or "2024-03-01T10:15:00.5" (a date-time),
 * and "PT10H15M00S" (a time, as OpenDocument writes it). FALSE, with
 * BUFFER untouched, if TEXT is not such a value. */
gboolean    eb_sheet_format_iso_date (const char  *text,
                                      char         buffer[EB_SHEET_VALUE_SIZE]);
gboolean    eb_sheet_format_iso_time (const char  *text,
                                      char         buffer[EB_SHEET_VALUE_SIZE]);

/* A text kept by the builder for the whole import, so that a shared
 * string used in many cells is kept once. Never moves once stored. */
typedef const char *EbSheetText;

/* Turns the cells of a sheet, given row by row in sheet order, into an
 * EbSurvey: the first HEADER_ROWS non-blank rows (-1: detected from the
 * first rows, see header-detect.h) make the column titles, as the survey
 * tool whose export it looks like means them (merged header cells fill
 * their whole range; eb_header_get_style() on the survey tells the
 * style), blank rows among the answers are kept and
 * trailing ones dropped, and so are columns with no text in any row (and
 * blank cells right of all text so far). Rows and columns count from 0
 * here; messages count from 1, as a spreadsheet does.
 *
 * The answers go into the survey on a thread of its own while the reader
 * parses on. An Excel workbook lists its merged cells after its data, so
 * the titles are checked again at the end, and in the rare case that a
 * merge changed them the survey is built again. */
typedef struct _EbSheetBuilder EbSheetBuilder;

EbSheetBuilder *eb_sheet_builder_new        (const char      *file_name,
                                             const char      *sheet,
                                             int              header_rows);
void            eb_sheet_builder_free       (EbSheetBuilder  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbSheetBuilder, eb_sheet_builder_free)

void            eb_sheet_builder_set_sheet  (EbSheetBuilder  *self,
                                             const char      *sheet);
EbSheetText     eb_sheet_builder_store      (EbSheetBuilder  *self,
                                             const char      *text,
                                             gsize            len);
gboolean        eb_sheet_builder_begin_row  (EbSheetBuilder  *self,
                                             guint            row,
                                             GError         **error);
gboolean        eb_sheet_builder_add_cell   (EbSheetBuilder  *self,
                                             guint            column,
                                             EbSheetText      text,
                                             gsize            len,
                                             GError         **error);
gboolean        eb_sheet_builder_add_text   (EbSheetBuilder  *self,
                                             guint            column,
                                             const char      *text,
                                             gsize            len,
                                             GError         **error);
gboolean        eb_sheet_builder_end_row    (EbSheetBuilder  *self,
                                             guint            repeat,
                                             GError         **error);
void            eb_sheet_builder_add_merge  (EbSheetBuilder  *self,
                                             guint            first_row,
                                             guint            first_column,
                                             guint            last_row,
                                             guint            last_column);
EbSurvey       *eb_sheet_builder_finish     (EbSheetBuilder  *self,
                                             GError         **error);

/* Where the last error happened, counted from 1 (0: not applicable). */
void            eb_sheet_builder_get_error_place (EbSheetBuilder *self,
                                                  guint          *row,
                                                  guint          *column);

G_END_DECLS
