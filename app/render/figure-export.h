/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* Writing a drawing to a figure file: PNG, SVG or PDF, on white, sized in
 * millimetres as it will sit in a report. Renderers lay their figure out in
 * points (see eb_figure_create_pango_context) and hand a draw function. */

#define EB_FIGURE_ERROR (eb_figure_error_quark ())

typedef enum {
  EB_FIGURE_ERROR_SIZE,     /* a width, height or dpi that gives no image */
  EB_FIGURE_ERROR_DRAW,     /* Cairo failed to draw or encode */
} EbFigureError;

GQuark eb_figure_error_quark (void);

typedef enum {
  EB_FIGURE_FORMAT_PNG,
  EB_FIGURE_FORMAT_SVG,
  EB_FIGURE_FORMAT_PDF,
} EbFigureFormat;

#define EB_FIGURE_DEFAULT_DPI      300.0
#define EB_FIGURE_DEFAULT_WIDTH_MM 160.0
/* Beyond this a PNG stops being a figure and becomes a memory problem. */
#define EB_FIGURE_MAX_PIXELS       16384

/* "png", "svg", "pdf" (any case); the file extension without its dot. */
const char *eb_figure_format_to_string   (EbFigureFormat  format);
gboolean    eb_figure_format_from_string (const char     *name,
                                          EbFigureFormat *format);

double      eb_figure_mm_to_points       (double          mm);
/* Pixels across WIDTH_MM at DPI, as the PNG writer rounds them. */
int         eb_figure_pixels             (double          width_mm,
                                          double          dpi);

/* A context that measures text in points (72 dpi) without hinting or
 * rounded glyph positions, so that a layout made with it scales to any
 * resolution unchanged: text is exactly as wide at 300 dpi as at 72. */
PangoContext *eb_figure_create_pango_context (void);

/* Draws the figure in points onto CR, whose origin is the figure's top left. */
typedef void (*EbFigureDrawFunc) (cairo_t  *cr,
                                  gpointer  user_data);

/* Writes a WIDTH_PT x HEIGHT_PT figure to PATH (replacing it atomically):
 * the canvas is filled white, then DRAW paints on it. PNG is rendered at DPI
 * and records it in a pHYs chunk; DPI is ignored for SVG and PDF. */
gboolean    eb_figure_write              (const char       *path,
                                          EbFigureFormat    format,
                                          double            width_pt,
                                          double            height_pt,
                                          double            dpi,
                                          EbFigureDrawFunc  draw,
                                          gpointer          user_data,
                                          GCancellable     *cancellable,
                                          GError          **error);

G_END_DECLS
