/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-figure-chooser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "figure-chooser.h"
#include "figure-export.h"

/* The chooser keeps its own reference to the filter. */
static void
add_format_filter (GtkFileChooser *chooser,
                   const char     *name,
                   EbFigureFormat  format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, eb_figure_format_to_string (format));
  g_object_set_data (G_OBJECT (filter), "eb-format", GINT_TO_POINTER (format + 1));
  gtk_file_chooser_add_filter (chooser, filter);
}

GtkFileChooserNative *
eb_figure_chooser_new (GtkWidget *widget)
{
  GtkRoot *root;
  GtkFileChooserNative *native;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  native = gtk_file_chooser_native_new (_("Export Figure"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_format_filter (GTK_FILE_CHOOSER (native), _("PNG Image, 300 dpi"), EB_FIGURE_FORMAT_PNG);
  add_format_filter (GTK_FILE_CHOOSER (native), _("SVG Drawing"), EB_FIGURE_FORMAT_SVG);
  add_format_filter (GTK_FILE_CHOOSER (native), _("PDF Document"), EB_FIGURE_FORMAT_PDF);
  return native;
}

GFile *
eb_figure_chooser_dup_file (GtkFileChooser *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkFileFilter *filter;
  const char *dot;
  EbFigureFormat format;
  int chosen;

  g_return_val_if_fail (GTK_IS_FILE_CHOOSER (chooser), NULL);

  file = gtk_file_chooser_get_file (chooser);
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return g_steal_pointer (&file);
  dot = strrchr (path, '.');
  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL &&
      eb_figure_format_from_string (dot + 1, &format))
    return g_steal_pointer (&file);

  filter = gtk_file_chooser_get_filter (chooser);
  chosen = filter != NULL ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "eb-format")) : 0;
  format = chosen > 0 ? (EbFigureFormat) (chosen - 1) : EB_FIGURE_FORMAT_PNG;
  {
    g_autofree char *with_suffix = g_strconcat (path, ".", eb_figure_format_to_string (format), NULL);

    return g_file_new_for_path (with_suffix);
  }
}
