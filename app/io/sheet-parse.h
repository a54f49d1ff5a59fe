/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sheet-builder.h"
#include "zip-archive.h"

G_BEGIN_DECLS

/* What the XLSX and ODS readers share while they stream a spreadsheet's
 * parts through SAX2 into an EbSheetBuilder: the archive, the parser, the
 * first error and where in the sheet it happened. Each reader embeds one
 * and sets the fields its handlers own; the handlers' hot paths use the
 * fields directly, and only opening, closing and failing go through the
 * functions below. */
typedef struct
{
  const char       *path;
  const char       *name;          /* the file's base name, for messages */
  GCancellable     *cancellable;
  EbZipArchive     *archive;
  xmlParserCtxtPtr  ctxt;          /* while a part is parsed */
  EbSheetBuilder   *builder;
  char             *sheet;         /* the chosen sheet's name, once known */
  gboolean          in_sheet;      /* the parser is in it: errors name it */
  GError           *error;         /* a handler's, which stopped the parser */
  guint             error_row;     /* from 1; 0: not applicable */
  guint             error_column;

  /* Where the parser is, from 0. */
  gboolean          in_row;
  gboolean          in_cell;
  guint             row;
  guint             column;
} EbSheetParse;

void      eb_sheet_parse_init           (EbSheetParse        *self,
                                         const char          *path,
                                         GCancellable        *cancellable);
void      eb_sheet_parse_clear          (EbSheetParse        *self);

/* Opens the archive, as eb_zip_archive_open() does. Returns FALSE with
 * ERROR set if the file cannot be read; TRUE otherwise, with KIND saying
 * whether another reader must read it (the archive is then NULL for
 * text). */
gboolean  eb_sheet_parse_open           (EbSheetParse        *self,
                                         EbSpreadsheetKind   *kind,
                                         GError             **error);

/* Runs the SAX handlers over PART with USER_DATA. Fails with the first
 * error a handler kept, or with the archive's, which gets the file, sheet
 * (if in_sheet), row and column put in front of it. */
gboolean  eb_sheet_parse_part           (EbSheetParse        *self,
                                         const char          *part,
                                         const xmlSAXHandler *sax,
                                         gpointer             user_data,
                                         EbProgressFunc       progress,
                                         gpointer             progress_data,
                                         GError             **error);

/* For the handlers: keep the first error, at the current row and cell,
 * and stop the parser. */
void      eb_sheet_parse_fail           (EbSheetParse        *self,
                                         EbImportError        code,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (3, 4);
/* The same for an error of the builder, which already names the place.
 * Takes ERROR. */
void      eb_sheet_parse_fail_with      (EbSheetParse        *self,
                                         GError              *error);

/* After the last part: reports progress to the end, honours a late
 * cancel and finishes the builder. OK says whether the parts were read;
 * if not, ERROR is already set. Returns the survey, or NULL with ERROR set
 * and LOCATION (if not NULL) filled. */
EbSurvey *eb_sheet_parse_finish         (EbSheetParse        *self,
                                         gboolean             ok,
                                         EbProgressFunc       progress,
                                         gpointer             progress_data,
                                         EbErrorLocation     *location,
                                         GError             **error);

/* Where the error happened, for a caller's EbErrorLocation; LOCATION may
 * be NULL. */
void      eb_sheet_parse_fill_location  (EbSheetParse        *self,
                                         EbErrorLocation     *location);

G_END_DECLS
