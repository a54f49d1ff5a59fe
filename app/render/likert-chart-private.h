/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-chart.h"

G_BEGIN_DECLS

/* What the layout (likert-chart.c) hands the painter (likert-chart-draw.c):
 * nothing but positions, colours and ready-made PangoLayouts, so that
 * drawing measures nothing. */

typedef struct
{
  EbLikertChartTextKind  kind;
  PangoLayout           *layout;   /* owned */
  double                 x;        /* where the PangoLayout's origin goes */
  double                 y;
  cairo_rectangle_t      extents;  /* its logical rectangle, in place */
  EbColor                color;
  GArray                *glyphs;   /* EbChartGlyph, shared; NULL: draw with Pango */
} EbChartText;

/* A glyph as Pango places it, relative to its PangoLayout's origin. */
typedef struct
{
  cairo_scaled_font_t *font;       /* borrowed from the PangoLayout's fonts */
  cairo_glyph_t        glyph;
} EbChartGlyph;

struct _EbLikertChartSegment
{
  const EbLikertItem *item;
  const char         *group;       /* NULL when the analysis is not grouped */
  guint               item_index;
  guint               group_index;
  guint               level;
  gboolean            non_substantive;
  guint               count;
  guint               base;
  double              percent;
  cairo_rectangle_t   rect;
  EbColor             color;
  int                 text;        /* its percent label in texts, or -1 */
  gboolean            faint;       /* needs an edge to be seen */
};

typedef struct
{
  double x;
  double value;
} EbChartTick;

/* The rows of one panel, top to bottom: grid and centre lines span them. */
typedef struct
{
  double y0;
  double y1;
} EbChartSpan;

typedef struct
{
  cairo_rectangle_t rect;
  EbColor           color;
  gboolean          faint;
} EbChartSwatch;

struct _EbLikertChartLayout
{
  gatomicrefcount       ref_count;
  EbLikertAnalysis     *analysis;
  EbLikertChartOptions  options;   /* its strings point to the copies below */
  char                 *title;
  char                 *note;
  char                 *font_family;

  double                width;
  double                height;
  double                natural_height;
  cairo_rectangle_t     plot;
  double                centre_x;  /* NaN for stacked bars */
  double                scale;     /* units per percentage point */
  double                axis_max;

  EbColor               muted;     /* secondary text */
  EbColor               grid_color;
  EbColor               centre_color;
  double                grid_width;
  double                centre_width;
  double                separator_width;
  EbColor               edge_color; /* around segments that blend into the background */

  GArray               *ticks;     /* EbChartTick */
  GArray               *spans;     /* EbChartSpan */
  GArray               *texts;     /* EbChartText */
  GArray               *segments;  /* EbLikertChartSegment */
  GArray               *swatches;  /* EbChartSwatch */
  GHashTable           *glyphs;    /* PangoLayout -> GArray of EbChartGlyph, or NULL */
};

G_END_DECLS
