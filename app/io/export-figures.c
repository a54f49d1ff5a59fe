/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-export-figures"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "diagram-render.h"
#include "export-figures.h"
#include "likert-analysis.h"
#include "likert-chart.h"

static gboolean
write_likert_set (EbSurvey                 *survey,
                  GArray                   *items,
                  const char               *dir,
                  const char               *stem,
                  const EbFigureSetOptions *options,
                  GCancellable             *cancellable,
                  GPtrArray                *written,
                  GError                  **error)
{
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autofree char *source = NULL;
  g_autofree char *note = NULL;
  EbLikertChartOptions chart;

  analysis = eb_likert_analysis_new (survey, (const guint *) items->data, items->len, -1, error);
  if (analysis == NULL)
    return FALSE;

  eb_likert_chart_options_init (&chart);
  source = eb_survey_get_source_file (survey) != NULL
           ? g_path_get_basename (eb_survey_get_source_file (survey)) : NULL;
  note = source != NULL
         ? g_strdup_printf ("Source: %s. N = %u respondents.", source, eb_survey_get_n_rows (survey))
         : g_strdup_printf ("N = %u respondents.", eb_survey_get_n_rows (survey));
  chart.note = note;

  for (guint f = 0; f < options->n_formats; f++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", stem,
                                               eb_figure_format_to_string (options->formats[f]));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!eb_likert_chart_export (analysis, &chart, options->formats[f], options->width_mm,
                                   options->dpi, path, cancellable, error))
        return FALSE;
      if (written != NULL)
        g_ptr_array_add (written, g_steal_pointer (&path));
    }
  return TRUE;
}

static gboolean
write_diagram (EbDiagram                *diagram,
               const char               *dir,
               const EbFigureSetOptions *options,
               GCancellable             *cancellable,
               GPtrArray                *written,
               GError                  **error)
{
  EbDiagramRenderOptions render;

  eb_diagram_render_options_init (&render);
  for (guint f = 0; f < options->n_formats; f++)
    {
      g_autofree char *name = g_strdup_printf ("diagram.%s",
                                               eb_figure_format_to_string (options->formats[f]));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!eb_diagram_export (diagram, &render, options->formats[f], options->width_mm,
                              options->dpi, path, cancellable, error))
        return FALSE;
      if (written != NULL)
        g_ptr_array_add (written, g_steal_pointer (&path));
    }
  return TRUE;
}

gboolean
eb_export_figures (EbSurvey                 *survey,
                   const char               *dir,
                   const EbFigureSetOptions *options,
                   GCancellable             *cancellable,
                   EbProgressFunc            progress,
                   gpointer                  progress_data,
                   GPtrArray                *written,
                   GError                  **error)
{
  g_autoptr(GPtrArray) sets = NULL;

  g_return_val_if_fail (EB_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (options != NULL && options->n_formats > 0, FALSE);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create the folder “%s”: %s", dir, g_strerror (saved));
      return FALSE;
    }

  sets = eb_survey_dup_likert_sets (survey);
  for (guint s = 0; s < sets->len; s++)
    {
      g_autofree char *stem = sets->len == 1 ? g_strdup ("likert")
                                             : g_strdup_printf ("likert-%u", s + 1);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!write_likert_set (survey, g_ptr_array_index (sets, s), dir, stem, options,
                             cancellable, written, error))
        return FALSE;
      if (progress != NULL)
        progress ((double) (s + 1) / (sets->len + 1), progress_data);
    }
  if (options->diagram != NULL &&
      g_list_model_get_n_items (eb_diagram_get_nodes (options->diagram)) > 0 &&
      !write_diagram (options->diagram, dir, options, cancellable, written, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}
