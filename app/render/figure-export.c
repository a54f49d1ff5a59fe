/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-figure-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "figure-export.h"

#define PNG_SIGNATURE_LENGTH 8
/* The IHDR chunk always comes first: length, type, 13 bytes of data, CRC. */
#define PNG_IHDR_END (PNG_SIGNATURE_LENGTH + 4 + 4 + 13 + 4)

static const char * const format_names[] = {
  [EB_FIGURE_FORMAT_PNG] = "png",
  [EB_FIGURE_FORMAT_SVG] = "svg",
  [EB_FIGURE_FORMAT_PDF] = "pdf",
};

G_DEFINE_QUARK (eb-figure-error-quark, eb_figure_error)

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* PNG's CRC-32 (ISO 3309, as in the PNG specification's annex). zlib has
 * one, but the core does not link zlib for the sake of nine bytes. */
static guint32
png_crc (const guint8 *data,
         gsize         length)
{
  static guint32 table[256];
  static gsize table_ready = 0;
  guint32 crc = 0xffffffff;

  if (g_once_init_enter (&table_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (guint k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320 ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&table_ready, 1);
    }
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffff;
}

static void
put_be32 (guint8  *out,
          guint32  value)
{
  out[0] = value >> 24;
  out[1] = (value >> 16) & 0xff;
  out[2] = (value >> 8) & 0xff;
  out[3] = value & 0xff;
}

/* Cairo writes no pHYs chunk, and without one Word and LibreOffice assume
 * 96 dpi and place a 300 dpi figure three times too large. The chunk must
 * come before the image data; right after IHDR is always allowed. */
static void
insert_png_resolution (GByteArray *png,
                       double      dpi)
{
  guint8 chunk[4 + 4 + 9 + 4];
  guint32 per_metre = (guint32) lround (dpi / 0.0254);
  g_autoptr(GByteArray) rest = NULL;

  g_assert (png->len > PNG_IHDR_END);

  put_be32 (chunk, 9);
  memcpy (chunk + 4, "pHYs", 4);
  put_be32 (chunk + 8, per_metre);
  put_be32 (chunk + 12, per_metre);
  chunk[16] = 1;   /* unit: the metre */
  put_be32 (chunk + 17, png_crc (chunk + 4, 4 + 9));

  /* GByteArray has no insert: cut after IHDR, add the chunk, put back the rest. */
  rest = g_byte_array_sized_new (png->len - PNG_IHDR_END);
  g_byte_array_append (rest, png->data + PNG_IHDR_END, png->len - PNG_IHDR_END);
  g_byte_array_set_size (png, PNG_IHDR_END);
  g_byte_array_append (png, chunk, sizeof chunk);
  g_byte_array_append (png, rest->data, rest->len);
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, EB_FIGURE_ERROR, EB_FIGURE_ERROR_DRAW,
               "Cannot draw the figure for “%s”: %s", path, cairo_status_to_string (status));
  return FALSE;
}

static void
paint_figure (cairo_surface_t  *surface,
              double            scale,
              EbFigureDrawFunc  draw,
              gpointer          user_data)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  draw (cr, user_data);
  cairo_destroy (cr);
}

static gboolean
render_png (GByteArray        *out,
            const char        *path,
            double             width_pt,
            double             height_pt,
            double             dpi,
            EbFigureDrawFunc   draw,
            gpointer           user_data,
            GError           **error)
{
  double scale = dpi / 72.0;
  int width = (int) lround (width_pt * scale);
  int height = (int) ceil (height_pt * scale - 1e-6);
  cairo_surface_t *surface;
  cairo_status_t status;

  if (width < 1 || height < 1 || width > EB_FIGURE_MAX_PIXELS || height > EB_FIGURE_MAX_PIXELS)
    {
      g_set_error (error, EB_FIGURE_ERROR, EB_FIGURE_ERROR_SIZE,
                   "Cannot write “%s”: %d × %d pixels is not a usable image size "
                   "(1 to %d pixels each way); choose a smaller width or dpi",
                   path, width, height, EB_FIGURE_MAX_PIXELS);
      return FALSE;
    }
  /* Opaque white canvas: RGB24 keeps the file small and has no alpha
   * channel for a word processor to show as a checkerboard. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  paint_figure (surface, scale, draw, user_data);
  cairo_surface_flush (surface);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, out);
  cairo_surface_destroy (surface);
  if (!check_status (status, path, error))
    return FALSE;
  insert_png_resolution (out, dpi);
  return TRUE;
}

static gboolean
render_vector (GByteArray        *out,
               const char        *path,
               EbFigureFormat     format,
               double             width_pt,
               double             height_pt,
               EbFigureDrawFunc   draw,
               gpointer           user_data,
               GError           **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  if (format == EB_FIGURE_FORMAT_PDF)
    {
      /* Cairo's PDF surface subsets and embeds every font it draws. */
      surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, out, width_pt, height_pt);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Evalbench");
    }
  else
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes_cb, out, width_pt, height_pt);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
    }
  paint_figure (surface, 1.0, draw, user_data);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_status (status, path, error);
}

const char *
eb_figure_format_to_string (EbFigureFormat format)
{
  g_return_val_if_fail (format <= EB_FIGURE_FORMAT_PDF, NULL);

  return format_names[format];
}

gboolean
eb_figure_format_from_string (const char     *name,
                              EbFigureFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        if (format != NULL)
          *format = (EbFigureFormat) i;
        return TRUE;
      }
  return FALSE;
}

double
eb_figure_mm_to_points (double mm)
{
  return mm / 25.4 * 72.0;
}

int
eb_figure_pixels (double width_mm,
                  double dpi)
{
  return (int) lround (eb_figure_mm_to_points (width_mm) * dpi / 72.0);
}

PangoContext *
eb_figure_create_pango_context (void)
{
  /* The default font map is per thread, so export in a worker is safe. */
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (font_options);
  return context;
}

gboolean
eb_figure_write (const char        *path,
                 EbFigureFormat     format,
                 double             width_pt,
                 double             height_pt,
                 double             dpi,
                 EbFigureDrawFunc   draw,
                 gpointer           user_data,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GFile) file = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format <= EB_FIGURE_FORMAT_PDF, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(width_pt > 0 && height_pt > 0 && isfinite (width_pt) && isfinite (height_pt))
      || (format == EB_FIGURE_FORMAT_PNG && !(dpi > 0 && isfinite (dpi))))
    {
      g_set_error (error, EB_FIGURE_ERROR, EB_FIGURE_ERROR_SIZE,
                   "Cannot write “%s”: the figure needs a positive width, height and "
                   "resolution (got %g × %g pt at %g dpi)", path, width_pt, height_pt, dpi);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (format == EB_FIGURE_FORMAT_PNG)
    ok = render_png (bytes, path, width_pt, height_pt, dpi, draw, user_data, error);
  else
    ok = render_vector (bytes, path, format, width_pt, height_pt, draw, user_data, error);
  if (!ok)
    return FALSE;

  /* Written whole to a temporary file and renamed: a failed export never
   * leaves half a figure where the report expects one. GIO's messages name
   * the file. */
  file = g_file_new_for_path (path);
  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}
