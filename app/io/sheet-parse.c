/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-sheet-parse"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "sheet-parse.h"

/* Messages count rows and columns from 1, and a place the parser is not
 * in is left out of them. */
static void
note_place (EbSheetParse *self)
{
  self->error_row = self->in_row ? self->row + 1 : 0;
  self->error_column = self->in_cell ? self->column + 1 : 0;
}

void
eb_sheet_parse_init (EbSheetParse *self,
                     const char   *path,
                     GCancellable *cancellable)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  memset (self, 0, sizeof *self);
  self->path = path;
  self->cancellable = cancellable;
}

void
eb_sheet_parse_clear (EbSheetParse *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->archive, eb_zip_archive_free);
  g_clear_pointer (&self->builder, eb_sheet_builder_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->sheet, g_free);
}

gboolean
eb_sheet_parse_open (EbSheetParse       *self,
                     EbSpreadsheetKind  *kind,
                     GError            **error)
{
  g_autoptr(GError) open_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->archive = eb_zip_archive_open (self->path, self->cancellable, kind, &open_error);
  if (open_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return FALSE;
    }
  if (self->archive != NULL)
    self->name = eb_zip_archive_get_name (self->archive);
  return TRUE;
}

gboolean
eb_sheet_parse_part (EbSheetParse         *self,
                     const char           *part,
                     const xmlSAXHandler  *sax,
                     gpointer              user_data,
                     EbProgressFunc        progress,
                     gpointer              progress_data,
                     GError              **error)
{
  g_autoptr(GError) archive_error = NULL;
  g_autofree char *place = NULL;

  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);
  g_return_val_if_fail (part != NULL && sax != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (eb_zip_archive_parse (self->archive, part, sax, user_data, &self->ctxt,
                            progress, progress_data, &archive_error))
    {
      if (self->error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  /* Its message says only that the import was cancelled, and no place. */
  if (g_error_matches (archive_error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&archive_error));
      return FALSE;
    }
  note_place (self);
  place = eb_sheet_describe_place (self->name, self->in_sheet ? self->sheet : NULL,
                                   self->error_row, self->error_column);
  g_set_error (error, EB_IMPORT_ERROR, archive_error->code, "%s: %s",
               place, archive_error->message);
  return FALSE;
}

void
eb_sheet_parse_fail (EbSheetParse  *self,
                     EbImportError  code,
                     const char    *format,
                     ...)
{
  g_autofree char *place = NULL;
  g_autofree char *what = NULL;
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (format != NULL);

  if (self->error == NULL)
    {
      note_place (self);
      place = eb_sheet_describe_place (self->name, self->sheet,
                                       self->error_row, self->error_column);
      va_start (args, format);
      what = g_strdup_vprintf (format, args);
      va_end (args);
      self->error = g_error_new (EB_IMPORT_ERROR, code, "%s: %s", place, what);
    }
  if (self->ctxt != NULL)
    xmlStopParser (self->ctxt);
}

void
eb_sheet_parse_fail_with (EbSheetParse *self,
                          GError       *error)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (error != NULL);

  /* Only the first error counts: the rest follow from it. */
  if (self->error == NULL)
    {
      self->error = error;
      if (self->builder != NULL)
        eb_sheet_builder_get_error_place (self->builder, &self->error_row,
                                          &self->error_column);
    }
  else
    g_error_free (error);
  if (self->ctxt != NULL)
    xmlStopParser (self->ctxt);
}

EbSurvey *
eb_sheet_parse_finish (EbSheetParse     *self,
                       gboolean          ok,
                       EbProgressFunc    progress,
                       gpointer          progress_data,
                       EbErrorLocation  *location,
                       GError          **error)
{
  g_autoptr(EbSurvey) survey = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!ok || self->builder != NULL, NULL);

  if (ok && progress != NULL)
    progress (1.0, progress_data);
  /* Cancelling after the last block still cancels. */
  if (ok && g_cancellable_is_cancelled (self->cancellable))
    {
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED,
                   "Import of “%s” was cancelled", self->name);
      ok = FALSE;
    }
  if (ok)
    {
      g_autoptr(GError) finish_error = NULL;

      survey = eb_sheet_builder_finish (self->builder, &finish_error);
      if (survey == NULL)
        {
          eb_sheet_builder_get_error_place (self->builder, &self->error_row,
                                            &self->error_column);
          g_propagate_error (error, g_steal_pointer (&finish_error));
          ok = FALSE;
        }
    }

  if (ok)
    eb_survey_set_source_file (survey, self->path);
  else
    eb_sheet_parse_fill_location (self, location);
  return g_steal_pointer (&survey);
}

void
eb_sheet_parse_fill_location (EbSheetParse    *self,
                              EbErrorLocation *location)
{
  g_return_if_fail (self != NULL);

  if (location == NULL)
    return;
  location->file = g_strdup (self->path);
  location->sheet = g_strdup (self->sheet);
  location->row = self->error_row;
  location->column = self->error_column;
}
