/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-export-dialog.h"

G_BEGIN_DECLS

/* For tests: what the dialog shows and a look inside its worker. */

/* Called from the export's worker thread with the overall fraction done,
 * before the progress bar hears of it. */
typedef void (*EbExportProgressHook) (double   fraction,
                                      gpointer user_data);

void          _eb_export_dialog_set_progress_hook (EbExportDialog       *self,
                                                   EbExportProgressHook  hook,
                                                   gpointer              user_data);

/* "settings", "progress", "done" or "error". */
const char   *_eb_export_dialog_get_page          (EbExportDialog       *self);
/* The message on the error page. */
const char   *_eb_export_dialog_get_error         (EbExportDialog       *self);

/* Whether a preview is being drawn or waits to be. */
gboolean      _eb_export_dialog_get_previewing    (EbExportDialog       *self);
/* The preview of the (first) Likert chart, or of the diagram; NULL when
 * there is none. */
GdkPaintable *_eb_export_dialog_get_preview       (EbExportDialog       *self,
                                                   gboolean              diagram);
/* As if the width were typed in (and its preview waits as after typing). */
void          _eb_export_dialog_set_width_mm      (EbExportDialog       *self,
                                                   double                width_mm);

G_END_DECLS
