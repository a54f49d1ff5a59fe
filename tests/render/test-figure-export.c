/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "likert-chart.h"
#include "survey-import.h"

/* Figure files read back independently: the PNG's header and pixels, the
 * PDF through poppler's pdftotext and pdffonts (skipped when
 * poppler-utils is missing), the SVG through GLib's XML parser. */

static const char *development[] = {
  "Realise I need to develop much more", "No change", "Developed somewhat",
  "Strongly developed",
};

static const char *items[3] = {
  "Deepen my knowledge and understanding of the subject of mathematics",
  "Increase my knowledge and understanding of the mathematics curriculum in my school",
  "Develop my knowledge and understanding of mathematics interventions",
};

static const guint counts[3][4] = {
  { 5, 19, 149, 128 },
  { 2, 69, 151, 79 },
  { 5, 13, 110, 173 },
};

static EbLikertAnalysis *
make_analysis (void)
{
  g_autoptr(EbScale) scale = eb_scale_new (development, NULL, 4);
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(GError) error = NULL;
  EbLikertAnalysis *analysis;
  const char *cells[301][3];
  guint columns[3];

  for (guint i = 0; i < 3; i++)
    {
      guint r = 0;

      columns[i] = eb_survey_add_column (survey, items[i]);
      eb_survey_set_column_scale (survey, columns[i], scale);
      for (guint l = 0; l < 4; l++)
        for (guint n = 0; n < counts[i][l]; n++, r++)
          cells[r][i] = development[l];
    }
  for (guint r = 0; r < 301; r++)
    eb_survey_append_row (survey, cells[r], 3);
  analysis = eb_likert_analysis_new (survey, columns, 3, -1, &error);
  g_assert_no_error (error);
  return analysis;
}

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("evalbench-render-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
export (EbFigureFormat  format,
        const char     *path,
        double          width_mm,
        double          dpi)
{
  g_autoptr(EbLikertAnalysis) analysis = make_analysis ();
  g_autoptr(GError) error = NULL;
  EbLikertChartOptions options;

  eb_likert_chart_options_init (&options);
  options.title = "Perceived professional development";
  options.note = "Source: Table 1. N = 304.";
  g_assert_true (eb_likert_chart_export (analysis, &options, format, width_mm, dpi, path,
                                         NULL, &error));
  g_assert_no_error (error);
}

static double
natural_height_pt (double width_mm)
{
  g_autoptr(EbLikertAnalysis) analysis = make_analysis ();
  g_autoptr(EbLikertChartLayout) layout = NULL;
  EbLikertChartOptions options;

  eb_likert_chart_options_init (&options);
  options.title = "Perceived professional development";
  options.note = "Source: Table 1. N = 304.";
  layout = eb_likert_chart_layout_new (analysis, &options, eb_figure_mm_to_points (width_mm), 0, NULL);
  return eb_likert_chart_layout_get_height (layout);
}

static void
test_sizes (void)
{
  EbFigureFormat format;

  g_assert_cmpint (eb_figure_pixels (160, 300), ==, 1890);
  g_assert_cmpint (eb_figure_pixels (160, 150), ==, 945);
  g_assert_cmpfloat_with_epsilon (eb_figure_mm_to_points (25.4), 72, 1e-9);
  g_assert_true (eb_figure_format_from_string ("PDF", &format));
  g_assert_cmpint (format, ==, EB_FIGURE_FORMAT_PDF);
  g_assert_cmpstr (eb_figure_format_to_string (EB_FIGURE_FORMAT_SVG), ==, "svg");
  g_assert_false (eb_figure_format_from_string ("gif", NULL));
}

/* 160 mm at 300 dpi: 1890 pixels across, the height from the content, the
 * resolution in pHYs (11811 pixels per metre), white where nothing is drawn. */
static void
test_png (void)
{
  g_autofree char *path = temp_path ("chart.png");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *p;
  gsize length, offset = 8;
  gboolean found_phys = FALSE;
  cairo_surface_t *surface;
  int expected_height = (int) ceil (natural_height_pt (160) * 300 / 72 - 1e-6);

  export (EB_FIGURE_FORMAT_PNG, path, 160, 300);
  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  p = (const guint8 *) data;
  g_assert_cmpmem (p, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (p + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 (p + 16), ==, 1890);
  g_assert_cmpuint (read_be32 (p + 20), ==, expected_height);
  while (offset + 8 <= length)
    {
      guint32 chunk_length = read_be32 (p + offset);

      if (memcmp (p + offset + 4, "pHYs", 4) == 0)
        {
          found_phys = TRUE;
          g_assert_cmpuint (chunk_length, ==, 9);
          g_assert_cmpuint (read_be32 (p + offset + 8), ==, 11811);
          g_assert_cmpuint (read_be32 (p + offset + 12), ==, 11811);
          g_assert_cmpuint (p[offset + 16], ==, 1);
        }
      offset += 12 + chunk_length;
    }
  g_assert_cmpuint (offset, ==, length);
  g_assert_true (found_phys);

  /* Cairo's own reader checks every CRC, the inserted chunk's included. */
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1890);
  {
    guint32 *pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface) / 4;
    int height = cairo_image_surface_get_height (surface);

    g_assert_cmphex (pixels[0] & 0xffffff, ==, 0xffffff);
    g_assert_cmphex (pixels[(height - 1) * stride + 1889] & 0xffffff, ==, 0xffffff);
  }
  cairo_surface_destroy (surface);
  remove_temp (path);
}

/* Compressed streams hold NUL bytes: strstr() would stop at the first. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
squeeze_spaces (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, " ", 0, NULL);
}

static void
test_pdf (void)
{
  g_autofree char *path = temp_path ("chart.pdf");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");
  gsize length;

  export (EB_FIGURE_FORMAT_PDF, path, 160, 0);
  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  /* 160 mm = 453.54 pt wide. */
  g_assert_true (contains_bytes (data, length, "/MediaBox [ 0 0 453.5433"));

  if (pdftotext == NULL || pdffonts == NULL)
    g_test_skip ("pdftotext/pdffonts (poppler-utils) not installed");
  else
    {
      const char *to_text[] = { "pdftotext", "-raw", path, "-", NULL };
      const char *fonts[] = { "pdffonts", path, NULL };
      g_autofree char *text = run (to_text);
      g_autofree char *flat = squeeze_spaces (text);
      g_autofree char *font_list = run (fonts);
      g_auto(GStrv) lines = g_strsplit (font_list, "\n", -1);
      guint n_fonts = 0;

      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        g_assert_nonnull (strstr (flat, items[i]));
      g_assert_nonnull (strstr (flat, "Perceived professional development"));
      g_assert_nonnull (strstr (flat, "Strongly developed"));
      g_assert_nonnull (strstr (flat, "50%"));
      /* Every font embedded: the "emb" column reads "yes". */
      for (guint i = 2; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;
          g_autoptr(GRegex) columns = g_regex_new ("\\s+(yes|no)\\s+(yes|no)\\s+(yes|no)\\s+\\d+\\s+\\d+\\s*$", 0, 0, NULL);
          g_autoptr(GMatchInfo) match = NULL;

          if (lines[i][0] == '\0')
            continue;
          g_assert_true (g_regex_match (columns, lines[i], 0, &match));
          fields = g_match_info_fetch_all (match);
          g_assert_cmpstr (fields[1], ==, "yes");
          n_fonts++;
        }
      g_assert_cmpuint (n_fonts, >=, 1);
    }
  remove_temp (path);
}

typedef struct
{
  guint  depth;
  guint  elements;
  char  *root;
  char  *width;
} SvgCheck;

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  SvgCheck *check = user_data;

  if (check->depth++ == 0)
    {
      check->root = g_strdup (name);
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_str_equal (attribute_names[i], "width"))
          check->width = g_strdup (attribute_values[i]);
    }
  check->elements++;
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  ((SvgCheck *) user_data)->depth--;
}

static void
test_svg (void)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, NULL, NULL, NULL };
  g_autofree char *path = temp_path ("chart.svg");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  SvgCheck check = { 0 };
  gsize length;

  export (EB_FIGURE_FORMAT_SVG, path, 160, 0);
  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  context = g_markup_parse_context_new (&parser, 0, &check, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (check.root, ==, "svg");
  g_assert_cmpuint (check.depth, ==, 0);
  g_assert_cmpuint (check.elements, >, 50);
  g_assert_nonnull (check.width);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (check.width, NULL), 453.543, 0.01);
  g_assert_true (g_str_has_suffix (check.width, "pt"));
  g_free (check.root);
  g_free (check.width);
  remove_temp (path);
}

static void
test_errors (void)
{
  g_autoptr(EbLikertAnalysis) analysis = make_analysis ();
  g_autoptr(GError) error = NULL;
  const char *missing = "/nonexistent-evalbench-dir/chart.png";

  g_assert_false (eb_likert_chart_export (analysis, NULL, EB_FIGURE_FORMAT_PNG, 160, 300,
                                          missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_false (eb_likert_chart_export (analysis, NULL, EB_FIGURE_FORMAT_PDF, 0, 300,
                                          "chart.pdf", NULL, &error));
  g_assert_error (error, EB_FIGURE_ERROR, EB_FIGURE_ERROR_SIZE);
  g_assert_nonnull (strstr (error->message, "chart.pdf"));
  g_clear_error (&error);

  /* 2000 mm at 1200 dpi is 94,000 pixels: refused, not attempted. */
  g_assert_false (eb_likert_chart_export (analysis, NULL, EB_FIGURE_FORMAT_PNG, 2000, 1200,
                                          "huge.png", NULL, &error));
  g_assert_error (error, EB_FIGURE_ERROR, EB_FIGURE_ERROR_SIZE);
  g_assert_nonnull (strstr (error->message, "huge.png"));
}

/* The shipped example, as the README's figure is made: all seven items,
 * grouped by programme. */
static void
test_example (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                "peer-mentoring-survey.csv", NULL);
  g_autofree char *path = temp_path ("example.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  EbImportOptions import_options = EB_IMPORT_OPTIONS_INIT;
  EbLikertChartOptions options;
  cairo_surface_t *surface;

  survey = eb_survey_import (csv, &import_options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    if (eb_survey_get_column_role (survey, c) == EB_COLUMN_ROLE_LIKERT)
      g_array_append_val (columns, c);
  g_assert_cmpuint (columns->len, ==, 7);
  analysis = eb_likert_analysis_new (survey, (guint *) columns->data, columns->len,
                                     eb_survey_find_column (survey, "Programme"), &error);
  g_assert_no_error (error);

  eb_likert_chart_options_init (&options);
  options.group_layout = EB_LIKERT_GROUPS_FACETS;
  options.palette = EB_PALETTE_GREYS;
  g_assert_true (eb_likert_chart_export (analysis, &options, EB_FIGURE_FORMAT_PNG, 160, 150,
                                         path, NULL, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 945);
  cairo_surface_destroy (surface);
  remove_temp (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figure-export/sizes", test_sizes);
  g_test_add_func ("/figure-export/png", test_png);
  g_test_add_func ("/figure-export/pdf", test_pdf);
  g_test_add_func ("/figure-export/svg", test_svg);
  g_test_add_func ("/figure-export/errors", test_errors);
  g_test_add_func ("/figure-export/example", test_example);

  return g_test_run ();
}
