/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/parser.h>

#include "survey-import.h"

G_BEGIN_DECLS

/* What a spreadsheet file turned out to hold, whatever its extension. */
typedef enum {
  EB_SPREADSHEET_XLSX,   /* an Office Open XML workbook (.xlsx, .xlsm) */
  EB_SPREADSHEET_ODS,    /* an OpenDocument spreadsheet */
  EB_SPREADSHEET_TEXT,   /* not an archive: text, for the CSV reader */
} EbSpreadsheetKind;

/* A zip archive read through libgsf, with limits on how much its members
 * may expand, so that a zip bomb is refused instead of filling memory. */
typedef struct _EbZipArchive EbZipArchive;

/* Opens PATH and finds out from its content what it is. Returns the
 * archive of an XLSX or ODS file; NULL with KIND set to
 * EB_SPREADSHEET_TEXT and no error for text; NULL with an EB_IMPORT_ERROR
 * for anything else, saying what the file is when that is known (an Excel
 * 97–2003 workbook, a password-protected workbook, a damaged archive). */
EbZipArchive *eb_zip_archive_open       (const char         *path,
                                         GCancellable       *cancellable,
                                         EbSpreadsheetKind  *kind,
                                         GError            **error);
void          eb_zip_archive_free       (EbZipArchive       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbZipArchive, eb_zip_archive_free)

/* The file's base name, for messages. */
const char   *eb_zip_archive_get_name   (EbZipArchive       *self);

/* MEMBER is a path inside the archive such as "xl/workbook.xml". */
gboolean      eb_zip_archive_has_member (EbZipArchive       *self,
                                         const char         *member);

/* Streams MEMBER through libxml2's SAX2 parser in blocks, calling the
 * handlers of SAX with USER_DATA; nothing is kept but what they keep.
 * While it runs, *CTXT is the parser: handlers look names up in its
 * dictionary and may stop it with xmlStopParser(), after which this
 * returns TRUE as if the member had ended. PROGRESS, if not NULL, gets the
 * fraction of the member read.
 *
 * Fails, with a message meant to follow the file's and sheet's names
 * ("“f.xlsx”, sheet “S”: " + message), when the member is missing, is
 * damaged or not well-formed XML (EB_IMPORT_ERROR_CORRUPT), is not UTF-8
 * (EB_IMPORT_ERROR_ENCODING) or expands too far (EB_IMPORT_ERROR_TOO_LARGE);
 * and when CANCELLABLE is cancelled (EB_IMPORT_ERROR_CANCELLED, with a
 * message of its own). */
gboolean      eb_zip_archive_parse      (EbZipArchive       *self,
                                         const char         *member,
                                         const xmlSAXHandler *sax,
                                         gpointer            user_data,
                                         xmlParserCtxtPtr   *ctxt,
                                         EbProgressFunc      progress,
                                         gpointer            progress_data,
                                         GError            **error);

G_END_DECLS
