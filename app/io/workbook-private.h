/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <xlsxwriter.h>

#include "eb-coding-store.h"
#include "pseudonymise.h"
#include "workbook-export.h"

G_BEGIN_DECLS

/* Shared by the workbook's sheet writers (workbook-*.c) only: one export
 * in progress, everything the sheets read, and the cell-writing helpers
 * they have in common. Nothing here is global, so exports can run in
 * several threads at once. */

/* Excel's limit on the characters in a cell and in a comment. */
#define EB_WORKBOOK_MAX_TEXT 32767

/* The default row height, 15 points, in pixels: how images and charts are
 * turned into rows. */
#define EB_WORKBOOK_ROW_PIXELS 20

typedef struct
{
  lxw_workbook            *workbook;
  EbProject               *project;       /* NULL for a survey file */
  EbSurvey                *survey;
  EbCodingStore           *store;         /* NULL without a project */
  const EbWorkbookOptions *options;
  EbPseudonyms            *pseudonyms;    /* NULL unless pseudonymising */
  gboolean                *dropped;       /* per survey column: left out */
  int                      id_column;     /* the first id-role column, or -1 */
  GPtrArray               *themes;        /* EbTheme, depth first */
  gint64                  *theme_ids;     /* of themes, in order */
  GHashTable              *theme_order;   /* gint64 * id → index in themes + 1 */
  GPtrArray               *scale_sets;    /* GArray of guint: Likert columns per scale */
  GDateTime               *exported;      /* SOURCE_DATE_EPOCH, or now */
  GDateTime               *data_as_of;    /* the project's last change, or NULL */
  GHashTable              *formats;       /* style key → lxw_format *, owned by workbook */
  GHashTable              *quote_memos;   /* gint64 * row << 16 | column → GPtrArray of lines */
  GHashTable              *coding_memos;  /* gint64 * coding id → GPtrArray of lines */

  GCancellable            *cancellable;
  EbProgressFunc           progress;
  gpointer                 progress_data;
  double                   progress_start;   /* where the current sheet's share begins */
  double                   progress_span;    /* and how large it is */

  /* The formats every sheet uses; all but title, heading and note align
   * to the top of their row. */
  lxw_format              *top;           /* General */
  lxw_format              *title;
  lxw_format              *heading;
  lxw_format              *header;
  lxw_format              *note;
  lxw_format              *wrap;
  lxw_format              *bold;
  lxw_format              *integer;
  lxw_format              *decimal1;
  lxw_format              *decimal2;
  lxw_format              *decimal3;
  lxw_format              *percent;
} EbWorkbook;

/* What a sheet's cell looks like; see eb_workbook_get_format(). */
typedef struct
{
  gboolean    filled;
  guint32     fill;         /* 0xRRGGBB when filled */
  guint       indent;
  gboolean    bold;
  gboolean    wrap;
  gboolean    header;       /* the header row look (bold, grey, bottom border) */
  gboolean    left;         /* aligned left, numbers too */
  const char *num_format;   /* NULL: General */
} EbCellStyle;

/* A sheet writer: fills SHEET, reporting progress through
 * eb_workbook_progress() and checking eb_workbook_cancelled(). */
typedef gboolean (*EbSheetWriteFunc) (EbWorkbook     *wb,
                                      lxw_worksheet  *sheet,
                                      GError        **error);

gboolean      eb_workbook_write_responses       (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 GError        **error);
gboolean      eb_workbook_write_likert_summary  (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 GError        **error);
gboolean      eb_workbook_write_reliability     (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 GError        **error);
gboolean      eb_workbook_write_codebook        (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 GError        **error);
gboolean      eb_workbook_write_quotes          (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 GError        **error);
gboolean      eb_workbook_write_crosstabs       (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 GError        **error);
gboolean      eb_workbook_write_audit_trail     (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 GError        **error);
gboolean      eb_workbook_write_about           (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 GError        **error);

/* ---- Progress and cancellation ---- */

/* FRACTION (0..1) of the current sheet is done. */
gboolean      eb_workbook_write_diagram         (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 GError        **error);

/* Writes a PNG figure to PATH (with its resolution recorded). */
typedef gboolean (*EbWorkbookPngFunc) (const char  *path,
                                       gpointer     user_data,
                                       GError     **error);
/* Inserts the PNG that WRITE makes at X_OFFSET pixels from the left of ROW,
 * as wide as the figure files; sets HEIGHT to its height in pixels as Excel
 * shows it. */
gboolean      eb_workbook_insert_png            (EbWorkbook        *wb,
                                                 lxw_worksheet     *sheet,
                                                 lxw_row_t          row,
                                                 guint              x_offset,
                                                 const char        *description,
                                                 EbWorkbookPngFunc  write,
                                                 gpointer           user_data,
                                                 guint             *height,
                                                 GError           **error);

void          eb_workbook_progress              (EbWorkbook     *wb,
                                                 double          fraction);
gboolean      eb_workbook_cancelled             (EbWorkbook     *wb,
                                                 GError        **error);

/* ---- Cells ---- */

lxw_format   *eb_workbook_get_format            (EbWorkbook        *wb,
                                                 const EbCellStyle *style);
/* "#rrggbb" → 0xRRGGBB; FALSE for anything else. */
gboolean      eb_workbook_parse_color           (const char     *text,
                                                 guint32        *rgb);
/* Always a string cell, whatever TEXT begins with ("=1+1" stays text);
 * NULL and "" leave the cell empty; text past Excel's limit is cut. */
void          eb_workbook_write_text            (lxw_worksheet  *sheet,
                                                 lxw_row_t       row,
                                                 lxw_col_t       col,
                                                 const char     *text,
                                                 lxw_format     *format);
/* TEXT cut to Excel's limit, with an ellipsis when cut. */
char         *eb_workbook_truncate              (const char     *text);
/* NaN leaves the cell empty (or only formatted). */
void          eb_workbook_write_number          (lxw_worksheet  *sheet,
                                                 lxw_row_t       row,
                                                 lxw_col_t       col,
                                                 double          value,
                                                 lxw_format     *format);
/* TEXT as a number when it is one in full, in decimal (a number-role
 * answer); the value in VALUE. Leading zeros ("007"), a sign other than
 * "-", white space and hexadecimal keep it text. */
gboolean      eb_workbook_parse_number          (const char     *text,
                                                 double         *value);
/* TEXT is a whole number of at most 15 digits, without a leading zero. */
gboolean      eb_workbook_parse_integer         (const char     *text,
                                                 double         *value);
/* How respondent ROW is named in every sheet: its code when
 * pseudonymising, else its id (or row number from 1). Written as a number
 * when it is a whole number. */
void          eb_workbook_write_respondent      (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 lxw_row_t       row,
                                                 lxw_col_t       col,
                                                 guint           survey_row,
                                                 lxw_format     *format);
/* The characters of the longest line of TEXT: a column's width in Excel's
 * units (the width of a digit) is close to it. */
guint         eb_workbook_text_width            (const char     *text);
/* The lines TEXT takes when wrapped in a column WIDTH characters wide
 * (words kept whole where they fit, a little room left for wider fonts). */
guint         eb_workbook_count_lines           (const char     *text,
                                                 double          width);
/* Gives ROW the height of LINES lines: neither Excel nor Gnumeric grows a
 * row for wrapped text when it opens a file. Never lowers a row below one
 * line, never beyond Excel's limit. */
void          eb_workbook_set_row_lines         (lxw_worksheet  *sheet,
                                                 lxw_row_t       row,
                                                 guint           lines);
/* A title and an explanation under it; returns the next free row. */
lxw_row_t     eb_workbook_write_heading         (EbWorkbook     *wb,
                                                 lxw_worksheet  *sheet,
                                                 lxw_row_t       row,
                                                 const char     *title,
                                                 const char     *explanation);
/* The attribute columns a crosstab or quote table shows: attribute role,
 * not dropped. */
GArray       *eb_workbook_dup_attribute_columns (EbWorkbook     *wb);
/* The theme's place in the codebook (depth first), or G_MAXUINT. */
guint         eb_workbook_theme_position        (EbWorkbook     *wb,
                                                 gint64          theme_id);

/* ---- What the coding says about one answer ---- */

typedef struct
{
  char  *themes;      /* theme names in codebook order, "; " between */
  char  *spans;       /* one line per coding: theme, quoted span or "whole answer", coder */
  char  *coders;      /* distinct coders, "; " between */
  char  *memos;       /* one line per memo on the answer or its codings */
  guint  first_theme; /* codebook position of its first theme, for sorting */
} EbQuoteNotes;

void          eb_workbook_describe_quote        (EbWorkbook     *wb,
                                                 EbQuote        *quote,
                                                 EbQuoteNotes   *notes);
void          eb_quote_notes_clear              (EbQuoteNotes   *notes);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EbQuoteNotes, eb_quote_notes_clear)

G_END_DECLS
