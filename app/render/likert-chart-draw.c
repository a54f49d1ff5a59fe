/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-likert-chart"

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "likert-chart-private.h"

/* The painter: draws what the layout placed, measuring nothing. Order
 * matters: grid and centre line lie behind the bars (so that they never
 * cross a percent label), separators over the fills, text last. Lines are
 * filled as thin rectangles: Cairo fills rectangles far faster than it
 * strokes, and a big chart has a thousand separators. */

#define GLYPH_BUFFER 128

static void
set_color (cairo_t       *cr,
           const EbColor *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static void
add_vertical_line (cairo_t *cr,
                   double   x,
                   double   y0,
                   double   y1,
                   double   width)
{
  cairo_rectangle (cr, x - width / 2, y0, width, y1 - y0);
}

static void
draw_grid (const EbLikertChartLayout *self,
           cairo_t                   *cr)
{
  gboolean diverging = isfinite (self->centre_x);

  for (guint s = 0; s < self->spans->len; s++)
    {
      const EbChartSpan *span = &g_array_index (self->spans, EbChartSpan, s);

      for (guint t = 0; t < self->ticks->len; t++)
        {
          const EbChartTick *tick = &g_array_index (self->ticks, EbChartTick, t);

          if (!(diverging && tick->value == 0))
            add_vertical_line (cr, tick->x, span->y0, span->y1, self->grid_width);
        }
    }
  set_color (cr, &self->grid_color);
  cairo_fill (cr);

  if (!diverging)
    return;
  for (guint s = 0; s < self->spans->len; s++)
    {
      const EbChartSpan *span = &g_array_index (self->spans, EbChartSpan, s);

      add_vertical_line (cr, self->centre_x, span->y0, span->y1, self->centre_width);
    }
  set_color (cr, &self->centre_color);
  cairo_fill (cr);
}

static gboolean
same_color (const EbColor *a,
            const EbColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue;
}

/* All segments of one colour are filled as one path: a big chart has few
 * colours, so this is a handful of fills instead of a thousand. */
static void
draw_segments (const EbLikertChartLayout *self,
               cairo_t                   *cr)
{
  guint n = self->segments->len;
  g_autofree gboolean *done = g_new0 (gboolean, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const EbLikertChartSegment *first = &g_array_index (self->segments, EbLikertChartSegment, i);

      if (done[i])
        continue;
      for (guint j = i; j < n; j++)
        {
          const EbLikertChartSegment *segment = &g_array_index (self->segments, EbLikertChartSegment, j);

          if (done[j] || !same_color (&segment->color, &first->color))
            continue;
          done[j] = TRUE;
          if (segment->rect.width > 0)
            cairo_rectangle (cr, segment->rect.x, segment->rect.y,
                             segment->rect.width, segment->rect.height);
        }
      set_color (cr, &first->color);
      cairo_fill (cr);
    }
}

/* A thin line of the background between touching segments of a bar. */
static void
draw_separators (const EbLikertChartLayout *self,
                 cairo_t                   *cr)
{
  const EbLikertChartSegment *previous = NULL;

  for (guint i = 0; i < self->segments->len; i++)
    {
      const EbLikertChartSegment *segment = &g_array_index (self->segments, EbLikertChartSegment, i);
      const cairo_rectangle_t *r = &segment->rect;

      if (r->width <= 0)
        continue;
      if (previous != NULL && previous->rect.y == r->y
          && fabs (previous->rect.x + previous->rect.width - r->x) < 1e-6)
        add_vertical_line (cr, r->x, r->y, r->y + r->height, self->separator_width);
      previous = segment;
    }
  set_color (cr, &self->options.background);
  cairo_fill (cr);
}

static void
add_edge (const EbLikertChartLayout *self,
          cairo_t                   *cr,
          const cairo_rectangle_t   *r)
{
  double w = self->separator_width;

  if (r->width <= 2 * w)
    return;
  /* Four thin rectangles inside R, wound alike, so they never cancel. */
  cairo_rectangle (cr, r->x, r->y, r->width, w);
  cairo_rectangle (cr, r->x, r->y + r->height - w, r->width, w);
  cairo_rectangle (cr, r->x, r->y + w, w, r->height - 2 * w);
  cairo_rectangle (cr, r->x + r->width - w, r->y + w, w, r->height - 2 * w);
}

static void
draw_swatches (const EbLikertChartLayout *self,
               cairo_t                   *cr)
{
  for (guint i = 0; i < self->swatches->len; i++)
    {
      const EbChartSwatch *swatch = &g_array_index (self->swatches, EbChartSwatch, i);

      cairo_rectangle (cr, swatch->rect.x, swatch->rect.y, swatch->rect.width, swatch->rect.height);
      set_color (cr, &swatch->color);
      cairo_fill (cr);
    }
}

static void
draw_edges (const EbLikertChartLayout *self,
            cairo_t                   *cr)
{
  for (guint i = 0; i < self->segments->len; i++)
    {
      const EbLikertChartSegment *segment = &g_array_index (self->segments, EbLikertChartSegment, i);

      if (segment->faint)
        add_edge (self, cr, &segment->rect);
    }
  for (guint i = 0; i < self->swatches->len; i++)
    {
      const EbChartSwatch *swatch = &g_array_index (self->swatches, EbChartSwatch, i);

      if (swatch->faint)
        add_edge (self, cr, &swatch->rect);
    }
  set_color (cr, &self->edge_color);
  cairo_fill (cr);
}

/* PDF and SVG go through Pango, which records the text itself with the
 * glyphs, so that the figure's words can be searched and copied. */
static gboolean
is_vector_target (cairo_t *cr)
{
  switch ((int) cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Elsewhere the layout's glyphs go straight to Cairo: a big chart has
 * well over a thousand short texts, and Pango's renderer costs more per
 * text than the glyphs themselves. */
static void
show_glyphs (cairo_t             *cr,
             const EbChartText   *text,
             cairo_scaled_font_t **current)
{
  cairo_glyph_t buffer[GLYPH_BUFFER];
  guint n = 0;

  for (guint i = 0; i < text->glyphs->len; i++)
    {
      const EbChartGlyph *glyph = &g_array_index (text->glyphs, EbChartGlyph, i);

      if (glyph->font != *current || n == GLYPH_BUFFER)
        {
          if (n > 0)
            cairo_show_glyphs (cr, buffer, n);
          n = 0;
          if (glyph->font != *current)
            {
              cairo_set_scaled_font (cr, glyph->font);
              *current = glyph->font;
            }
        }
      buffer[n] = glyph->glyph;
      buffer[n].x += text->x;
      buffer[n].y += text->y;
      n++;
    }
  if (n > 0)
    cairo_show_glyphs (cr, buffer, n);
}

static void
draw_texts (const EbLikertChartLayout *self,
            cairo_t                   *cr)
{
  gboolean use_pango = is_vector_target (cr);
  cairo_scaled_font_t *current = NULL;

  for (guint i = 0; i < self->texts->len; i++)
    {
      const EbChartText *text = &g_array_index (self->texts, EbChartText, i);

      set_color (cr, &text->color);
      if (use_pango || text->glyphs == NULL)
        {
          cairo_move_to (cr, text->x, text->y);
          pango_cairo_show_layout (cr, text->layout);
          current = NULL;
        }
      else
        show_glyphs (cr, text, &current);
    }
}

void
eb_likert_chart_draw (const EbLikertChartLayout *self,
                      cairo_t                   *cr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_new_path (cr);
  if (self->options.fill_background)
    {
      cairo_rectangle (cr, 0, 0, self->width, self->height);
      set_color (cr, &self->options.background);
      cairo_fill (cr);
    }
  draw_grid (self, cr);
  draw_segments (self, cr);
  draw_separators (self, cr);
  draw_swatches (self, cr);
  draw_edges (self, cr);
  draw_texts (self, cr);
  cairo_restore (cr);
}
