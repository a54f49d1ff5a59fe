/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "eb-survey.h"

G_BEGIN_DECLS

#define EB_IMPORT_ERROR (eb_import_error_quark ())

typedef enum {
  EB_IMPORT_ERROR_IO,          /* cannot read the file */
  EB_IMPORT_ERROR_EMPTY,       /* no data at all */
  EB_IMPORT_ERROR_BINARY,      /* not a text/spreadsheet file */
  EB_IMPORT_ERROR_ENCODING,    /* undecodable text */
  EB_IMPORT_ERROR_QUOTE,       /* unterminated quoted field */
  EB_IMPORT_ERROR_RAGGED,      /* a row with more fields than the header */
  EB_IMPORT_ERROR_FORMAT,      /* unknown or unsupported file format */
  EB_IMPORT_ERROR_CANCELLED,
  EB_IMPORT_ERROR_ENCRYPTED,   /* a password-protected workbook */
  EB_IMPORT_ERROR_TOO_LARGE,   /* past a spreadsheet's limits, or a zip bomb */
  EB_IMPORT_ERROR_CORRUPT,     /* a damaged archive or malformed XML inside it */
  EB_IMPORT_ERROR_NO_SHEET,    /* the workbook has no sheet of that name */
} EbImportError;

GQuark eb_import_error_quark (void);

/* Where an import error happened, for `--json` errors and the GUI's toast.
 * Rows and columns count from 1 as a spreadsheet shows them; 0 means "not
 * applicable". */
typedef struct {
  char  *file;
  char  *sheet;
  guint  row;
  guint  column;
} EbErrorLocation;

void eb_error_location_clear (EbErrorLocation *location);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EbErrorLocation, eb_error_location_clear)

typedef struct {
  const char *sheet;        /* NULL: the first visible sheet */
  int         header_rows;  /* -1: detect */
  GPtrArray  *scales;       /* EbScale*, from --scale; may be NULL */
} EbImportOptions;

#define EB_IMPORT_OPTIONS_INIT { NULL, -1, NULL }

/* fraction in [0, 1]; called from the importing thread. */
typedef void (*EbProgressFunc) (double fraction, gpointer user_data);

/* Reads any supported survey file (by extension, then by content), detects
 * roles and scales, and returns the survey. On failure sets ERROR and, if
 * LOCATION is not NULL, fills it. */
EbSurvey *eb_survey_import (const char             *path,
                            const EbImportOptions  *options,
                            GCancellable           *cancellable,
                            EbProgressFunc          progress,
                            gpointer                progress_data,
                            EbErrorLocation        *location,
                            GError                **error);

G_END_DECLS
