/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-survey-import"

#include "config.h"

#include "csv-reader.h"
#include "ods-reader.h"
#include "readstat-reader.h"
#include "survey-detect.h"
#include "survey-import.h"
#include "xlsx-reader.h"

typedef enum
{
  FORMAT_TEXT,         /* by extension, or unknown: read as CSV */
  FORMAT_XLSX,         /* Excel workbooks */
  FORMAT_ODS,          /* OpenDocument spreadsheets */
  FORMAT_READSTAT,     /* SPSS and Stata data files */
  FORMAT_LATER,        /* a format a later version reads */
  FORMAT_EXCEL_97,     /* a format no version will read */
} Format;

typedef struct
{
  const char *extension;
  Format      format;
  const char *name;    /* what the user calls such files */
  const char *how;     /* how to get CSV out of them */
} FormatInfo;

static const FormatInfo formats[] = {
  { ".csv", FORMAT_TEXT, NULL, NULL },
  { ".tsv", FORMAT_TEXT, NULL, NULL },
  { ".txt", FORMAT_TEXT, NULL, NULL },
  { ".xlsx", FORMAT_XLSX, NULL, NULL },
  { ".xlsm", FORMAT_XLSX, NULL, NULL },
  { ".ods", FORMAT_ODS, NULL, NULL },
  { ".sav", FORMAT_READSTAT, NULL, NULL },
  { ".zsav", FORMAT_READSTAT, NULL, NULL },
  { ".por", FORMAT_READSTAT, NULL, NULL },
  { ".dta", FORMAT_READSTAT, NULL, NULL },
  { ".xls", FORMAT_EXCEL_97, NULL, NULL },
};

G_DEFINE_QUARK (eb-import-error-quark, eb_import_error)

/* Unknown extensions (.dat, none at all) are read as text: the CSV reader
 * tells binary data apart by itself. */
static const FormatInfo *
find_format (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      return &formats[i];
  return &formats[0];
}

static void
fill_location (EbErrorLocation *location,
               const char      *path)
{
  if (location == NULL)
    return;
  location->file = g_strdup (path);
  location->sheet = NULL;
  location->row = 0;
  location->column = 0;
}

void
eb_error_location_clear (EbErrorLocation *location)
{
  g_return_if_fail (location != NULL);

  g_clear_pointer (&location->file, g_free);
  g_clear_pointer (&location->sheet, g_free);
  location->row = 0;
  location->column = 0;
}

EbSurvey *
eb_survey_import (const char             *path,
                  const EbImportOptions  *options,
                  GCancellable           *cancellable,
                  EbProgressFunc          progress,
                  gpointer                progress_data,
                  EbErrorLocation        *location,
                  GError                **error)
{
  static const EbImportOptions defaults = EB_IMPORT_OPTIONS_INIT;
  g_autofree char *name = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(GPtrArray) scales = NULL;
  const FormatInfo *format;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  name = g_path_get_basename (path);
  format = find_format (name);

  switch (format->format)
    {
    case FORMAT_LATER:
      fill_location (location, path);
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT,
                   "“%s”: importing %s arrives in a later version of Evalbench; "
                   "%s and import that", name, format->name, format->how);
      return NULL;

    case FORMAT_READSTAT:
      survey = eb_readstat_read (path, options, cancellable, progress, progress_data,
                                 location, &scales, error);
      break;

    case FORMAT_XLSX:
      survey = eb_xlsx_read (path, options, cancellable, progress, progress_data,
                             location, error);
      break;

    case FORMAT_ODS:
      survey = eb_ods_read (path, options, cancellable, progress, progress_data,
                            location, error);
      break;

    case FORMAT_EXCEL_97:
      fill_location (location, path);
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT,
                   "“%s” is an Excel 97–2003 workbook, which Evalbench cannot read; "
                   "open it in Excel or LibreOffice and save it as .xlsx or CSV", name);
      return NULL;

    case FORMAT_TEXT:
    default:
      survey = eb_csv_read (path, options, cancellable, progress, progress_data,
                            location, error);
      break;
    }
  if (survey == NULL)
    return NULL;

  /* Whatever the reader, the project records where the data came from. */
  eb_survey_set_source_file (survey, path);
  /* SPSS and Stata value labels add their scales to the user's. */
  eb_survey_detect (survey, scales != NULL ? scales : options->scales);
  return g_steal_pointer (&survey);
}
