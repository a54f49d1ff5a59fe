/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "render-example"

#include "config.h"

#include <stdlib.h>

#include "likert-chart.h"
#include "survey-import.h"

/* Renders the Likert chart of a survey file to figure files, for looking
 * at the renderer and for the documentation image:
 *
 *   render-example data/examples/peer-mentoring-survey.csv docs/likert-example \
 *     --dpi 150 --png --pdf
 *
 * writes docs/likert-example.png and .pdf. Every Likert column of the file
 * is charted, in file order. */

static char *group_name;
static char *palette_name;
static char *title;
static char *note;
static double width_mm = EB_FIGURE_DEFAULT_WIDTH_MM;
static double dpi = EB_FIGURE_DEFAULT_DPI;
static gboolean facets, stacked, separate, sorted, png, pdf, svg;

static const GOptionEntry entries[] = {
  { "group", 'g', 0, G_OPTION_ARG_STRING, &group_name, "Split by this column", "COLUMN" },
  { "facets", 0, 0, G_OPTION_ARG_NONE, &facets, "One panel per group", NULL },
  { "stacked", 0, 0, G_OPTION_ARG_NONE, &stacked, "100 % stacked bars", NULL },
  { "separate-neutral", 0, 0, G_OPTION_ARG_NONE, &separate, "Neutral level on the side", NULL },
  { "sort", 0, 0, G_OPTION_ARG_NONE, &sorted, "Sort items by agreement", NULL },
  { "palette", 'p', 0, G_OPTION_ARG_STRING, &palette_name, "BrBG, RdBu, PuOr or Greys", "NAME" },
  { "title", 't', 0, G_OPTION_ARG_STRING, &title, "Title", "TEXT" },
  { "note", 'n', 0, G_OPTION_ARG_STRING, &note, "Source note (default: file and N)", "TEXT" },
  { "width-mm", 'w', 0, G_OPTION_ARG_DOUBLE, &width_mm, "Width in mm (160)", "MM" },
  { "dpi", 'd', 0, G_OPTION_ARG_DOUBLE, &dpi, "PNG resolution (300)", "DPI" },
  { "png", 0, 0, G_OPTION_ARG_NONE, &png, "Write PREFIX.png", NULL },
  { "pdf", 0, 0, G_OPTION_ARG_NONE, &pdf, "Write PREFIX.pdf", NULL },
  { "svg", 0, 0, G_OPTION_ARG_NONE, &svg, "Write PREFIX.svg", NULL },
  { NULL }
};

static gboolean
write_format (EbLikertAnalysis           *analysis,
              const EbLikertChartOptions *options,
              const char                 *prefix,
              EbFigureFormat              format,
              GError                    **error)
{
  g_autofree char *path = g_strconcat (prefix, ".", eb_figure_format_to_string (format), NULL);

  if (!eb_likert_chart_export (analysis, options, format, width_mm, dpi, path, NULL, error))
    return FALSE;
  g_print ("%s\n", path);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("SURVEY PREFIX");
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *default_note = NULL;
  g_autofree char *basename = NULL;
  EbImportOptions import_options = EB_IMPORT_OPTIONS_INIT;
  EbLikertChartOptions options;
  int group = -1;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: render-example SURVEY PREFIX");
      return 1;
    }

  survey = eb_survey_import (argv[1], &import_options, NULL, NULL, NULL, NULL, &error);
  if (survey == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    if (eb_survey_get_column_role (survey, c) == EB_COLUMN_ROLE_LIKERT
        && eb_survey_get_column_scale (survey, c) != NULL)
      g_array_append_val (columns, c);
  if (group_name != NULL && (group = eb_survey_find_column (survey, group_name)) < 0)
    {
      g_printerr ("%s: no column “%s”\n", argv[1], group_name);
      return 2;
    }
  analysis = eb_likert_analysis_new (survey, (guint *) columns->data, columns->len, group, &error);
  if (analysis == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  eb_likert_chart_options_init (&options);
  if (palette_name != NULL && !eb_palette_from_string (palette_name, &options.palette))
    {
      g_printerr ("Unknown palette “%s”\n", palette_name);
      return 1;
    }
  basename = g_path_get_basename (argv[1]);
  default_note = g_strdup_printf ("Source: %s. N = %u respondents.", basename,
                                  eb_survey_get_n_rows (survey));
  options.title = title;
  options.note = note != NULL ? note : default_note;
  options.style = stacked ? EB_LIKERT_CHART_STACKED : EB_LIKERT_CHART_DIVERGING;
  options.neutral = separate ? EB_LIKERT_NEUTRAL_SEPARATE : EB_LIKERT_NEUTRAL_SPLIT;
  options.sort = sorted ? EB_LIKERT_SORT_AGREEMENT : EB_LIKERT_SORT_QUESTIONNAIRE;
  options.group_layout = facets ? EB_LIKERT_GROUPS_FACETS : EB_LIKERT_GROUPS_ADJACENT;

  if (!png && !pdf && !svg)
    png = TRUE;
  if ((png && !write_format (analysis, &options, argv[2], EB_FIGURE_FORMAT_PNG, &error))
      || (pdf && !write_format (analysis, &options, argv[2], EB_FIGURE_FORMAT_PDF, &error))
      || (svg && !write_format (analysis, &options, argv[2], EB_FIGURE_FORMAT_SVG, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 3;
    }
  return EXIT_SUCCESS;
}
