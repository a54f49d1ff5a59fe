/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-likert-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "likert-chart-private.h"

/* The layout of the Likert chart: every position is computed here, once per
 * size, from the analysis and the options. From left to right a row is
 *
 *   item label | group label | low total | bars | high total |
 *   neutral bar | non-substantive panel | N
 *
 * and from top to bottom the chart is title, legend, column headings,
 * panels of rows (one per group when faceted), axis, axis caption, note.
 * Lengths are in "em", the body font's size, so that the proportions hold
 * at any resolution; the percent scale fills what the text leaves. */

typedef enum {
  FONT_BODY,      /* item labels, legend */
  FONT_SMALL,     /* numbers, group labels, headings of columns, axis, note */
  FONT_STRONG,    /* facet headings */
  FONT_TITLE,
  N_FONTS
} Font;

#define SMALL_RATIO            0.9
#define TITLE_RATIO            1.15
#define LABEL_SHARE            0.40   /* of the inner width, at most */
#define LABEL_SHARE_MIN        0.25   /* when the bars need room */
#define BARS_SHARE_MIN         0.35
#define BAR_HEIGHT             1.55   /* em */
#define BAR_HEIGHT_MAX         2.6
#define NS_BAR_WIDTH           3.0    /* em: the non-substantive panel's bar */

/* One bar: an item within a group, with the numbers the layout needs. */
typedef struct
{
  const EbLikertItem *item;
  const char         *group;
  guint               item_index;
  guint               group_index;
  guint               n_levels;
  guint               valid;
  double              low;         /* % below the middle (neutral excluded) */
  double              high;        /* % above it */
  double              neutral;     /* % at the middle of an odd scale */
  gboolean            odd;
  guint               ns_total;
  guint               answered;    /* valid + non-substantive */
  PangoLayout        *group_label; /* beside adjacent bars, or NULL; borrowed */
} Bar;

typedef struct
{
  PangoLayout *layout;
  EbColor      color;
  double       width;              /* swatch, gap and text */
  double       height;
  double       x;                  /* placed, relative to the legend */
  double       y;
} LegendEntry;

typedef struct
{
  EbLikertChartLayout        *layout;
  const EbLikertChartOptions *options;
  PangoContext               *context;
  PangoFontDescription       *fonts[N_FONTS];
  GHashTable                 *cache;         /* "font\x1ftext" -> PangoLayout */
  GHashTable                 *metrics;       /* PangoLayout -> Metrics, once final */

  double  em;
  double  digit_height;       /* above the baseline, small font */
  double  body_cap;           /* the same for the body font */
  double  pad, gap, gap_small, total_gap;

  guint   n_items;
  guint   n_groups;
  guint   n_panels;
  guint   bars_per_item;
  gboolean facets;
  gboolean grouped;
  gboolean diverging;
  gboolean split;             /* neutral straddles the centre */
  gboolean show_totals;       /* the options', unless the canvas is too narrow */
  gboolean show_n;
  guint  *order;              /* row -> item index */
  GArray *bars;               /* Bar, [panel][row][bar] */
  PangoLayout **item_labels;  /* by item index */
  PangoLayout **group_labels; /* by group index, when adjacent bars are labelled */

  /* Columns. */
  double  label_x, label_w;
  double  group_right;
  double  low_total_right;
  double  bars_x0, bars_x1;
  double  high_total_x;
  gboolean neutral_column;
  double  neutral_x0, neutral_max, neutral_w;
  double  neutral_word_w;     /* the header's widest word */
  gboolean ns_column;
  double  ns_x0, ns_axis, ns_w;
  double  n_right, n_w;
  double  pct_w;              /* "100%" in the small font */
  double  span;               /* percentage points across the bars */

  /* Blocks. */
  PangoLayout *title;
  PangoLayout *note;
  PangoLayout *caption;
  PangoLayout *n_header;
  PangoLayout *ns_header;
  PangoLayout *neutral_header;
  PangoLayout **headings;     /* per panel when faceted */
  GArray *legend;             /* LegendEntry */
  double  legend_h;
  double  swatch;

  EbColor  faint_colors[32];
  gboolean faint[32];
  guint    n_faint;
} Builder;

/* A finished PangoLayout's measurements: Pango recomputes some of them
 * (the baseline walks the lines) on every call. */
typedef struct
{
  PangoRectangle logical;
  PangoRectangle ink;
  double         baseline;
} Metrics;

static const char * const font_keys[N_FONTS] = { "b", "s", "h", "t" };

G_DEFINE_BOXED_TYPE (EbLikertChartLayout, eb_likert_chart_layout,
                     eb_likert_chart_layout_ref, eb_likert_chart_layout_unref)

/* ---- Small helpers ---- */

static EbColor
mix_colors (EbColor a,
            EbColor b,
            double  t)
{
  return (EbColor) { a.red + (b.red - a.red) * t,
                     a.green + (b.green - a.green) * t,
                     a.blue + (b.blue - a.blue) * t };
}

/* WCAG's relative luminance. */
static double
luminance (const EbColor *color)
{
  double channel[3] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    channel[i] = channel[i] <= 0.03928 ? channel[i] / 12.92
                                       : pow ((channel[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

/* The lightest grey of the print palette is all but invisible on white
 * paper: such segments and swatches get a hairline edge. */
static gboolean
blends_in (const EbColor *color,
           const EbColor *background)
{
  double a = luminance (color), b = luminance (background);

  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05) < 1.25;
}

static double
finite_or_zero (double value)
{
  return isfinite (value) ? value : 0.0;
}

static void
clear_text (gpointer data)
{
  EbChartText *text = data;

  g_clear_object (&text->layout);
}

static void
get_logical (PangoLayout       *layout,
             PangoRectangle    *rect)
{
  pango_layout_get_extents (layout, NULL, rect);
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  get_logical (layout, &logical);
  return logical.width / (double) PANGO_SCALE;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  get_logical (layout, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static double
first_baseline (PangoLayout *layout)
{
  return pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
}

static double
last_baseline (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double baseline;

  while (pango_layout_iter_next_line (iter))
    ;
  baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
  pango_layout_iter_free (iter);
  return baseline;
}

static PangoLayout *
create_text (Builder    *b,
             Font        font,
             const char *text)
{
  PangoLayout *layout = pango_layout_new (b->context);

  pango_layout_set_font_description (layout, b->fonts[font]);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Wrapped at word boundaries, and within a word only when one word is wider
 * than the column: a label is never cut off. */
static PangoLayout *
create_wrapped (Builder        *b,
                Font            font,
                const char     *text,
                double          width,
                PangoAlignment  alignment)
{
  PangoLayout *layout = create_text (b, font, text);

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) floor (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_alignment (layout, alignment);
  return layout;
}

/* Short single-line texts ("42%", "301") repeat a lot in a big chart:
 * shaping each distinct one once keeps the layout fast. The cache holds a
 * reference; so does every text that shows it. */
static PangoLayout *
lookup_text (Builder    *b,
             Font        font,
             const char *text)
{
  g_autofree char *key = g_strconcat (font_keys[font], "\x1f", text, NULL);
  PangoLayout *layout = g_hash_table_lookup (b->cache, key);

  if (layout == NULL)
    {
      layout = create_text (b, font, text);
      g_hash_table_insert (b->cache, g_steal_pointer (&key), layout);
    }
  return layout;
}

/* Only for layouts whose text and width no longer change. */
static const Metrics *
measure (Builder     *b,
         PangoLayout *layout)
{
  Metrics *metrics = g_hash_table_lookup (b->metrics, layout);

  if (metrics == NULL)
    {
      metrics = g_new (Metrics, 1);
      pango_layout_get_extents (layout, &metrics->ink, &metrics->logical);
      metrics->baseline = first_baseline (layout);
      g_hash_table_insert (b->metrics, layout, metrics);
    }
  return metrics;
}

static double
measured_width (Builder     *b,
                PangoLayout *layout)
{
  return measure (b, layout)->logical.width / (double) PANGO_SCALE;
}

static double
measured_height (Builder     *b,
                 PangoLayout *layout)
{
  return measure (b, layout)->logical.height / (double) PANGO_SCALE;
}

static char *
format_percent (double percent)
{
  return g_strdup_printf ("%ld%%", lround (percent));
}

static void
free_glyphs (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

/* The glyphs Pango would draw for LAYOUT, as PangoCairoRenderer places
 * them; NULL when a glyph is missing from every font (Pango draws those as
 * hex boxes itself). */
static GArray *
extract_glyphs (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  GArray *glyphs = g_array_new (FALSE, FALSE, sizeof (EbChartGlyph));
  gboolean ok = TRUE;

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      cairo_scaled_font_t *font;
      double x, baseline;

      if (run == NULL)
        continue;   /* the end of a line */
      if (!PANGO_IS_CAIRO_FONT (run->item->analysis.font)
          || (font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font))) == NULL)
        {
          ok = FALSE;
          break;
        }
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      x = logical.x / (double) PANGO_SCALE;
      baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      for (int i = 0; i < run->glyphs->num_glyphs && ok; i++)
        {
          const PangoGlyphInfo *info = &run->glyphs->glyphs[i];

          if (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            ok = FALSE;
          else if (info->glyph != PANGO_GLYPH_EMPTY)
            {
              EbChartGlyph glyph = { font, { info->glyph,
                                          x + info->geometry.x_offset / (double) PANGO_SCALE,
                                          baseline + info->geometry.y_offset / (double) PANGO_SCALE } };

              g_array_append_val (glyphs, glyph);
            }
          x += info->geometry.width / (double) PANGO_SCALE;
        }
    }
  while (ok && pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  if (!ok)
    g_clear_pointer (&glyphs, g_array_unref);
  return glyphs;
}

/* Glyphs are taken out of each distinct PangoLayout once, for the painter
 * to draw without going through Pango's renderer. */
static GArray *
get_glyphs (EbLikertChartLayout *self,
            PangoLayout         *layout)
{
  GArray *glyphs;

  if (!g_hash_table_lookup_extended (self->glyphs, layout, NULL, (gpointer *) &glyphs))
    {
      glyphs = extract_glyphs (layout);
      g_hash_table_insert (self->glyphs, layout, glyphs);
    }
  return glyphs;
}

/* Puts LAYOUT with its logical rectangle's top left at (X, Y). */
static EbChartText *
add_text (Builder               *b,
          EbLikertChartTextKind  kind,
          PangoLayout           *layout,
          double                 x,
          double                 y,
          EbColor                color)
{
  EbLikertChartLayout *self = b->layout;
  EbChartText text = { 0 };
  const PangoRectangle *logical = &measure (b, layout)->logical;

  text.kind = kind;
  text.layout = g_object_ref (layout);
  text.x = x - logical->x / (double) PANGO_SCALE;
  text.y = y - logical->y / (double) PANGO_SCALE;
  text.extents.x = x;
  text.extents.y = y;
  text.extents.width = logical->width / (double) PANGO_SCALE;
  text.extents.height = logical->height / (double) PANGO_SCALE;
  text.color = color;
  text.glyphs = get_glyphs (self, layout);
  g_array_append_val (self->texts, text);
  return &g_array_index (self->texts, EbChartText, self->texts->len - 1);
}

/* Single-line text whose baseline sits on BASELINE. */
static void
add_text_on_baseline (Builder               *b,
                      EbLikertChartTextKind  kind,
                      PangoLayout           *layout,
                      double                 x,
                      double                 baseline,
                      EbColor                color)
{
  add_text (b, kind, layout, x, baseline - measure (b, layout)->baseline, color);
}

/* Ink height of digits above the baseline: what must look centred in a bar. */
static double
measure_digit_height (Builder *b,
                      Font     font)
{
  g_autoptr(PangoLayout) layout = create_text (b, font, "0123456789");
  PangoRectangle ink;

  pango_layout_get_extents (layout, &ink, NULL);
  return first_baseline (layout) - ink.y / (double) PANGO_SCALE;
}

/* The baseline that centres digits in a bar from Y of height H; every text
 * of the row shares it. */
static double
row_baseline (Builder *b,
              double   y,
              double   h)
{
  return y + h / 2 + b->digit_height / 2;
}

static EbColor
ns_color (const EbLikertChartLayout *self,
          guint                      index)
{
  return mix_colors (self->options.foreground, self->options.background,
                     MIN (0.5 + 0.15 * index, 0.85));
}

static EbColor
level_color (EbPalette palette,
             guint     n_levels,
             guint     level)
{
  EbColor colors[15];
  guint n = CLAMP (n_levels, 1, 15);

  eb_palette_get_colors (palette, n, colors);
  return colors[MIN (level * n / MAX (n_levels, 1), n - 1)];
}

static double
axis_round (double longest)
{
  double rounded = ceil ((longest - 1e-9) / 25.0) * 25.0;

  return CLAMP (rounded, 25.0, 100.0);
}

/* Segments repeat a handful of colours: remember the answer for each. */
static gboolean
is_faint (Builder       *b,
          const EbColor *color)
{
  for (guint i = 0; i < b->n_faint; i++)
    if (b->faint_colors[i].red == color->red && b->faint_colors[i].green == color->green
        && b->faint_colors[i].blue == color->blue)
      return b->faint[i];
  if (b->n_faint == G_N_ELEMENTS (b->faint))
    return blends_in (color, &b->layout->options.background);
  b->faint_colors[b->n_faint] = *color;
  b->faint[b->n_faint] = blends_in (color, &b->layout->options.background);
  return b->faint[b->n_faint++];
}

/* ---- The numbers of each bar ---- */

static void
fill_bar (Bar                *bar,
          const EbLikertItem *item)
{
  guint k = eb_likert_item_get_n_levels (item);
  guint half = k / 2;

  bar->item = item;
  bar->n_levels = k;
  bar->valid = eb_likert_item_get_n_valid (item);
  bar->odd = k % 2 == 1;
  bar->ns_total = eb_likert_item_get_n_non_substantive (item);
  bar->answered = bar->valid + bar->ns_total;
  for (guint level = 0; level < k; level++)
    {
      double percent = bar->valid > 0 ? finite_or_zero (eb_likert_item_get_percent (item, level)) : 0;

      if (level < half)
        bar->low += percent;
      else if (bar->odd && level == half)
        bar->neutral = percent;
      else
        bar->high += percent;
    }
}

static Bar *
get_bar (Builder *b,
         guint    panel,
         guint    row,
         guint    column)
{
  return &g_array_index (b->bars, Bar,
                         (panel * b->n_items + row) * b->bars_per_item + column);
}

static int
compare_agreement (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const double *agreement = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;

  if (agreement[ia] != agreement[ib])
    return agreement[ia] > agreement[ib] ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* Pooled over groups, so that facets list the items in the same order. */
static void
sort_items (Builder *b)
{
  g_autofree double *agreement = g_new0 (double, b->n_items);

  for (guint i = 0; i < b->n_items; i++)
    {
      guint positive = 0, valid = 0;

      for (guint g = 0; g < b->n_groups; g++)
        {
          const EbLikertGroup *group = eb_likert_analysis_get_group (b->layout->analysis, g);
          const EbLikertItem *item = eb_likert_group_get_item (group, i);
          guint k = eb_likert_item_get_n_levels (item);

          for (guint level = (k + 1) / 2; level < k; level++)
            positive += eb_likert_item_get_count (item, level);
          valid += eb_likert_item_get_n_valid (item);
        }
      agreement[i] = valid > 0 ? (double) positive / valid : -1;
    }
  g_qsort_with_data (b->order, b->n_items, sizeof (guint), compare_agreement, agreement);
}

static void
collect_bars (Builder *b)
{
  EbLikertAnalysis *analysis = b->layout->analysis;

  b->order = g_new (guint, MAX (b->n_items, 1));
  for (guint i = 0; i < b->n_items; i++)
    b->order[i] = i;
  if (b->options->sort == EB_LIKERT_SORT_AGREEMENT)
    sort_items (b);

  b->bars = g_array_sized_new (FALSE, TRUE, sizeof (Bar),
                               b->n_panels * b->n_items * b->bars_per_item);
  g_array_set_size (b->bars, b->n_panels * b->n_items * b->bars_per_item);
  for (guint p = 0; p < b->n_panels; p++)
    for (guint r = 0; r < b->n_items; r++)
      for (guint c = 0; c < b->bars_per_item; c++)
        {
          Bar *bar = get_bar (b, p, r, c);
          guint g = b->facets ? p : c;
          const EbLikertGroup *group = eb_likert_analysis_get_group (analysis, g);

          bar->item_index = b->order[r];
          bar->group_index = g;
          bar->group = eb_likert_group_get_value (group);
          fill_bar (bar, eb_likert_group_get_item (group, b->order[r]));
        }
}

/* ---- Measuring: text, columns, the scale ---- */

static void
create_fonts (Builder *b)
{
  const EbLikertChartOptions *options = b->options;
  double size = options->font_size > 0 ? options->font_size : 9.0;
  double resolution = pango_cairo_context_get_resolution (b->context);

  for (guint f = 0; f < N_FONTS; f++)
    {
      b->fonts[f] = pango_font_description_new ();
      pango_font_description_set_family (b->fonts[f], b->layout->font_family);
    }
  pango_font_description_set_size (b->fonts[FONT_BODY], (int) lround (size * PANGO_SCALE));
  pango_font_description_set_size (b->fonts[FONT_SMALL],
                                   (int) lround (size * SMALL_RATIO * PANGO_SCALE));
  pango_font_description_set_size (b->fonts[FONT_STRONG], (int) lround (size * PANGO_SCALE));
  pango_font_description_set_weight (b->fonts[FONT_STRONG], PANGO_WEIGHT_BOLD);
  pango_font_description_set_size (b->fonts[FONT_TITLE],
                                   (int) lround (size * TITLE_RATIO * PANGO_SCALE));
  pango_font_description_set_weight (b->fonts[FONT_TITLE], PANGO_WEIGHT_BOLD);

  /* A context that was never given a resolution reports -1: Pango then
   * uses 96 dpi. */
  b->em = size * (resolution > 0 ? resolution : 96.0) / 72.0;
  b->digit_height = measure_digit_height (b, FONT_SMALL);
  b->body_cap = measure_digit_height (b, FONT_BODY);
  b->pad = 0.9 * b->em;
  b->gap = 0.7 * b->em;
  b->gap_small = 0.35 * b->em;
  b->total_gap = 0.6 * b->em;
}

static void
measure_side_columns (Builder *b)
{
  const EbLikertItem *first = NULL;
  guint max_n = 0;

  b->pct_w = layout_width (lookup_text (b, FONT_SMALL, "100%"));
  for (guint i = 0; i < b->bars->len; i++)
    {
      Bar *bar = &g_array_index (b->bars, Bar, i);

      max_n = MAX (max_n, bar->valid);
      if (bar->odd && !b->split)
        {
          b->neutral_column = TRUE;
          b->neutral_max = MAX (b->neutral_max, bar->neutral);
          if (first == NULL)
            first = bar->item;
        }
      if (eb_likert_item_get_n_non_substantive_levels (bar->item) > 0)
        {
          b->ns_column = TRUE;
          if (bar->answered > 0)
            b->ns_axis = MAX (b->ns_axis, 100.0 * bar->ns_total / bar->answered);
        }
    }

  if (b->show_n)
    {
      g_autofree char *widest = g_strdup_printf ("%u", max_n);

      b->n_header = g_object_ref (lookup_text (b, FONT_SMALL, "N"));
      b->n_w = MAX (layout_width (lookup_text (b, FONT_SMALL, widest)),
                    layout_width (b->n_header));
    }
  if (b->neutral_column && first != NULL)
    {
      const char *label = eb_likert_item_get_level_label (first, eb_likert_item_get_n_levels (first) / 2);
      g_auto(GStrv) words = g_strsplit (label, " ", -1);

      /* The column is never narrower than a word of its heading, so the
       * heading wraps between words and never inside one. */
      for (guint w = 0; words[w] != NULL; w++)
        b->neutral_word_w = MAX (b->neutral_word_w, layout_width (lookup_text (b, FONT_SMALL, words[w])));
      b->neutral_header = create_wrapped (b, FONT_SMALL, label, 1, PANGO_ALIGN_LEFT);
    }
  if (b->ns_column)
    {
      const char *header = NULL;

      /* One non-substantive level names the panel; several are told apart
       * by the legend. */
      for (guint i = 0; i < b->bars->len && header == NULL; i++)
        {
          const EbLikertItem *item = g_array_index (b->bars, Bar, i).item;


          if (eb_likert_item_get_n_non_substantive_levels (item) == 1)
            header = eb_likert_item_get_non_substantive_label (item, 0);
          else if (eb_likert_item_get_n_non_substantive_levels (item) > 1)
            header = "Other answers";
        }
      /* A fixed-width panel on a scale of its own: its width never depends
       * on how many said "Don't know", so neither does the centre. */
      b->ns_axis = b->ns_axis > 0 ? MIN (ceil (b->ns_axis / 5.0) * 5.0, 100.0) : 5.0;
      b->ns_header = create_wrapped (b, FONT_SMALL, header, NS_BAR_WIDTH * b->em + b->gap_small + b->pct_w,
                                     PANGO_ALIGN_LEFT);
      b->ns_w = MAX (NS_BAR_WIDTH * b->em + b->gap_small + b->pct_w, layout_width (b->ns_header));
    }
}

/* The widest group name, wrapped if it would take more than a fifth. */
static double
measure_group_labels (Builder *b,
                      double   inner)
{
  double widest = 0;

  if (b->facets || !b->grouped)
    return 0;
  b->group_labels = g_new0 (PangoLayout *, b->n_groups);
  for (guint g = 0; g < b->n_groups; g++)
    {
      const char *name = eb_likert_group_get_value (eb_likert_analysis_get_group (b->layout->analysis, g));

      b->group_labels[g] = create_wrapped (b, FONT_SMALL, name != NULL ? name : "", 0.2 * inner,
                                           PANGO_ALIGN_RIGHT);
      widest = MAX (widest, layout_width (b->group_labels[g]));
    }
  for (guint i = 0; i < b->bars->len; i++)
    {
      Bar *bar = &g_array_index (b->bars, Bar, i);

      bar->group_label = b->group_labels[bar->group_index];
    }
  return widest;
}

/* Lays the columns out; returns the width left for the label column's
 * decision (the bars' width). */
static double
place_columns (Builder *b,
               double   label_w,
               double   group_w)
{
  double width = b->layout->width;
  double x = b->pad, right_fixed = 0, scale;

  b->label_x = x;
  b->label_w = label_w;
  x += label_w + b->gap;
  if (group_w > 0)
    {
      /* Wider than the usual gap, or "...mathematics 1CN" reads as one text. */
      x += b->gap + group_w;
      b->group_right = x;
      x += b->gap;
    }
  if (b->show_totals)
    {
      x += b->pct_w;
      b->low_total_right = x;
      x += b->total_gap;
    }
  b->bars_x0 = x;

  if (b->show_totals)
    right_fixed += b->total_gap + b->pct_w;
  if (b->neutral_column)
    right_fixed += b->gap + MAX (b->gap_small + b->pct_w, b->neutral_word_w);
  if (b->ns_column)
    right_fixed += b->gap + b->ns_w;
  if (b->show_n)
    right_fixed += b->gap + b->n_w;

  scale = (width - b->pad - right_fixed - b->bars_x0) / (b->span + (b->neutral_column ? b->neutral_max : 0));
  scale = MAX (scale, 0.01);
  b->layout->scale = scale;
  b->bars_x1 = b->bars_x0 + b->span * scale;

  x = b->bars_x1;
  if (b->show_totals)
    {
      b->high_total_x = x + b->total_gap;
      x = b->high_total_x + b->pct_w;
    }
  if (b->neutral_column)
    {
      b->neutral_x0 = x + b->gap;
      b->neutral_w = MAX (b->neutral_max * scale + b->gap_small + b->pct_w, b->neutral_word_w);
      x = b->neutral_x0 + b->neutral_w;
    }
  if (b->ns_column)
    {
      b->ns_x0 = x + b->gap;
      x = b->ns_x0 + b->ns_w;
    }
  if (b->show_n)
    b->n_right = x + b->gap + b->n_w;
  return b->bars_x1 - b->bars_x0;
}

static void
measure_columns (Builder *b)
{
  EbLikertChartLayout *self = b->layout;
  double inner = MAX (self->width - 2 * b->pad, 1.0);
  double natural = 0, label_w, group_w, bars_w;

  b->item_labels = g_new0 (PangoLayout *, MAX (b->n_items, 1));
  for (guint i = 0; i < b->n_items; i++)
    {
      const EbLikertGroup *group = eb_likert_analysis_get_group (self->analysis, 0);
      const char *name = eb_likert_item_get_name (eb_likert_group_get_item (group, i));

      b->item_labels[i] = create_text (b, FONT_BODY, name);
      natural = MAX (natural, layout_width (b->item_labels[i]));
    }

  measure_side_columns (b);
  group_w = measure_group_labels (b, inner);
  label_w = MIN (ceil (natural), LABEL_SHARE * inner);
  bars_w = place_columns (b, label_w, group_w);
  /* Narrow charts: the labels give up width (and wrap onto more lines)
   * before the bars become too short to read. */
  if (bars_w < BARS_SHARE_MIN * inner && label_w > LABEL_SHARE_MIN * inner)
    {
      label_w = MAX (LABEL_SHARE_MIN * inner, label_w - (BARS_SHARE_MIN * inner - bars_w));
      bars_w = place_columns (b, label_w, group_w);
    }
  /* Still too narrow: the side totals, then N, give way (the tooltips and
   * the table have them), rather than bars too short to read. */
  if (bars_w < BARS_SHARE_MIN * inner && b->show_totals)
    {
      b->show_totals = FALSE;
      bars_w = place_columns (b, label_w, group_w);
    }
  if (bars_w < BARS_SHARE_MIN * inner && b->show_n)
    {
      b->show_n = FALSE;
      g_clear_object (&b->n_header);
      place_columns (b, label_w, group_w);
    }

  /* Only labels that need wrapping get a width: setting one lays the text
   * out again, and most labels fit. */
  for (guint i = 0; i < b->n_items; i++)
    if (layout_width (b->item_labels[i]) > b->label_w)
      {
        pango_layout_set_wrap (b->item_labels[i], PANGO_WRAP_WORD_CHAR);
        pango_layout_set_width (b->item_labels[i], (int) floor (MAX (b->label_w, 1.0) * PANGO_SCALE));
        pango_layout_set_alignment (b->item_labels[i], PANGO_ALIGN_RIGHT);
      }
  if (b->neutral_header != NULL)
    pango_layout_set_width (b->neutral_header, (int) floor (MAX (b->neutral_w, 1.0) * PANGO_SCALE));

  self->plot.x = b->bars_x0;
  self->plot.width = b->bars_x1 - b->bars_x0;
  self->centre_x = b->diverging ? b->bars_x0 + self->axis_max * self->scale : NAN;
}

static void
choose_axis (Builder *b)
{
  EbLikertChartLayout *self = b->layout;
  double longest = 0;

  for (guint i = 0; i < b->bars->len; i++)
    {
      Bar *bar = &g_array_index (b->bars, Bar, i);
      double half = b->split ? bar->neutral / 2 : 0;

      longest = MAX (longest, MAX (bar->low, bar->high) + half);
    }
  if (b->diverging)
    {
      self->axis_max = axis_round (longest);
      b->span = 2 * self->axis_max;
    }
  else
    {
      self->axis_max = 100;
      b->span = 100;
    }
}

/* Ticks every 25 points, thinned while their labels would touch. */
static void
place_ticks (Builder *b)
{
  EbLikertChartLayout *self = b->layout;
  double label_w = b->pct_w + 0.8 * b->em;
  double step = 25, low = b->diverging ? -self->axis_max : 0;

  while (step * self->scale < label_w && step < self->axis_max)
    step *= 2;
  for (double value = low; value <= self->axis_max + 1e-9; value += step)
    {
      EbChartTick tick;

      tick.value = value;
      tick.x = b->bars_x0 + (value - low) * self->scale;
      g_array_append_val (self->ticks, tick);
    }
}

/* ---- The legend ---- */

static guint
count_lines (const LegendEntry *entries,
             guint              n,
             double             limit,
             double             spacing)
{
  guint lines = n > 0 ? 1 : 0;
  double used = 0;

  for (guint i = 0; i < n; i++)
    {
      if (used > 0 && used + spacing + entries[i].width > limit)
        {
          lines++;
          used = 0;
        }
      used += (used > 0 ? spacing : 0) + entries[i].width;
    }
  return lines;
}

/* Lays a run of entries (one scale) onto as few lines as fit, then makes
 * the lines as even as that many lines allow: 2 + 2 reads better than
 * 3 + 1. Lines are centred on CENTRE; returns the run's height. */
static double
place_legend_run (Builder     *b,
                  LegendEntry *entries,
                  guint        n,
                  double       y,
                  double       centre)
{
  double avail = MAX (b->layout->width - 2 * b->pad, 1.0);
  double spacing = 1.1 * b->em;
  double widest = 0, lo, hi, limit;
  guint lines, start = 0;

  for (guint i = 0; i < n; i++)
    widest = MAX (widest, entries[i].width);
  lines = count_lines (entries, n, avail, spacing);
  lo = widest;
  hi = MAX (avail, widest);
  for (guint iter = 0; iter < 24 && lines > 1; iter++)
    {
      double mid = (lo + hi) / 2;

      if (count_lines (entries, n, mid, spacing) <= lines)
        hi = mid;
      else
        lo = mid;
    }
  limit = lines > 1 ? hi : avail;

  while (start < n)
    {
      guint end = start;
      double used = 0, line_h = 0, x;

      while (end < n && (end == start || used + spacing + entries[end].width <= limit + 1e-6))
        {
          used += (end > start ? spacing : 0) + entries[end].width;
          line_h = MAX (line_h, entries[end].height);
          end++;
        }
      x = CLAMP (centre - used / 2, b->pad, MAX (b->pad, b->layout->width - b->pad - used));
      for (guint i = start; i < end; i++)
        {
          entries[i].x = x;
          entries[i].y = y;
          x += entries[i].width + spacing;
        }
      y += line_h + (end < n ? 0.3 * b->em : 0);
      start = end;
    }
  return y;
}

static void
add_legend_entry (Builder    *b,
                  const char *label,
                  EbColor     color)
{
  double avail = MAX (b->layout->width - 2 * b->pad, 1.0);
  double text_avail = MAX (avail - b->swatch - b->gap_small, 1.0);
  LegendEntry entry = { 0 };

  entry.layout = create_text (b, FONT_BODY, label);
  if (layout_width (entry.layout) > text_avail)
    {
      pango_layout_set_wrap (entry.layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_width (entry.layout, (int) floor (text_avail * PANGO_SCALE));
    }
  entry.color = color;
  entry.width = b->swatch + b->gap_small + layout_width (entry.layout);
  entry.height = layout_height (entry.layout);
  g_array_append_val (b->legend, entry);
}

/* Items whose detected scales differ only in their non-substantive levels
 * (one item happened to get no "Don't know") share the legend. */
static gboolean
same_levels (const EbLikertItem *a,
             const EbLikertItem *b)
{
  guint k = eb_likert_item_get_n_levels (a);

  if (k != eb_likert_item_get_n_levels (b))
    return FALSE;
  for (guint level = 0; level < k; level++)
    if (g_strcmp0 (eb_likert_item_get_level_label (a, level),
                   eb_likert_item_get_level_label (b, level)) != 0)
      return FALSE;
  return TRUE;
}

/* One run of entries per distinct set of levels, in questionnaire order. */
static void
measure_legend (Builder *b)
{
  EbLikertChartLayout *self = b->layout;
  const EbLikertGroup *group;
  g_autoptr(GPtrArray) firsts = g_ptr_array_new ();   /* an item of each scale */
  g_autoptr(GArray) run_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  double centre = (b->bars_x0 + b->bars_x1) / 2, y = 0;

  b->swatch = 0.75 * b->em;
  b->legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  if (b->n_items == 0)
    return;
  group = eb_likert_analysis_get_group (self->analysis, 0);
  for (guint i = 0; i < b->n_items; i++)
    {
      const EbLikertItem *item = eb_likert_group_get_item (group, i);
      guint k = eb_likert_item_get_n_levels (item);
      guint n_ns = eb_likert_item_get_n_non_substantive_levels (item);
      gboolean seen = FALSE;

      for (guint s = 0; s < firsts->len && !seen; s++)
        seen = same_levels (g_ptr_array_index (firsts, s), item);
      if (seen)
        continue;
      g_ptr_array_add (firsts, (gpointer) item);
      g_array_append_val (run_starts, b->legend->len);
      for (guint level = 0; level < k; level++)
        add_legend_entry (b, eb_likert_item_get_level_label (item, level),
                          level_color (self->options.palette, k, level));
      /* A single non-substantive level is named by its panel's heading. */
      if (n_ns > 1)
        for (guint s = 0; s < n_ns; s++)
          add_legend_entry (b, eb_likert_item_get_non_substantive_label (item, s),
                            ns_color (self, s));
    }
  for (guint r = 0; r < run_starts->len; r++)
    {
      guint start = g_array_index (run_starts, guint, r);
      guint end = r + 1 < run_starts->len ? g_array_index (run_starts, guint, r + 1) : b->legend->len;

      if (r > 0)
        y += 0.5 * b->em;
      y = place_legend_run (b, &g_array_index (b->legend, LegendEntry, start), end - start,
                            y, centre);
    }
  b->legend_h = y;
}

/* ---- Vertical placement ---- */

static double
slot_height (Builder *b,
             Bar     *bar,
             double   bar_h)
{
  return bar->group_label != NULL ? MAX (bar_h, measured_height (b, bar->group_label)) : bar_h;
}

static double
bars_block_height (Builder *b,
                   guint    panel,
                   guint    row,
                   double   bar_h)
{
  double h = 0;

  for (guint c = 0; c < b->bars_per_item; c++)
    h += slot_height (b, get_bar (b, panel, row, c), bar_h) + (c > 0 ? 0.25 * bar_h : 0);
  return h;
}

static double
row_gap (Builder *b,
         double   bar_h)
{
  return (b->bars_per_item > 1 ? 0.75 : 0.45) * bar_h;
}

static double
heading_row_height (Builder *b,
                    guint    panel,
                    double  *baseline)
{
  PangoLayout *layouts[4] = { b->n_header, b->ns_header, b->neutral_header,
                              b->headings != NULL ? b->headings[panel] : NULL };
  double above = 0, below = 0;

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    if (layouts[i] != NULL)
      {
        double last = last_baseline (layouts[i]);

        above = MAX (above, last);
        below = MAX (below, layout_height (layouts[i]) - last);
      }
  if (baseline != NULL)
    *baseline = above;
  return above + below;
}

static gboolean
has_heading_row (Builder *b)
{
  return b->n_header != NULL || b->ns_header != NULL || b->neutral_header != NULL
         || b->headings != NULL;
}

static void
add_segment (Builder            *b,
             Bar                *bar,
             guint               level,
             gboolean            non_substantive,
             gboolean            beside,
             guint               count,
             guint               base,
             double              percent,
             double              x,
             double              w,
             double              y,
             double              h,
             EbColor             color)
{
  EbLikertChartLayout *self = b->layout;
  EbLikertChartSegment segment = { 0 };

  segment.item = bar->item;
  segment.group = b->grouped ? bar->group : NULL;
  segment.item_index = bar->item_index;
  segment.group_index = bar->group_index;
  segment.level = level;
  segment.non_substantive = non_substantive;
  segment.count = count;
  segment.base = base;
  segment.percent = percent;
  segment.rect = (cairo_rectangle_t) { x, y, MAX (w, 0), h };
  segment.color = color;
  segment.text = -1;
  segment.faint = is_faint (b, &color);

  /* Side bars (neutral, non-substantive) carry their percentage beside
   * them, not inside. */
  if (!non_substantive && !beside && self->options.show_percents && base > 0
      && percent >= self->options.percent_threshold && percent > 0)
    {
      g_autofree char *label = format_percent (percent);
      PangoLayout *layout = lookup_text (b, FONT_SMALL, label);
      const Metrics *metrics = measure (b, layout);
      double text_w = metrics->logical.width / (double) PANGO_SCALE;

      /* Fits when the glyphs themselves (not their side bearings) keep a
       * little air on both sides. */
      if (metrics->ink.width / (double) PANGO_SCALE + 0.3 * b->em <= w && text_w <= w)
        {
          add_text_on_baseline (b, EB_LIKERT_CHART_TEXT_PERCENT, layout,
                                x + (w - text_w) / 2, row_baseline (b, y, h),
                                eb_color_contrasting (&color));
          segment.text = self->texts->len - 1;
        }
    }
  g_array_append_val (self->segments, segment);
}

/* The substantive segments of one bar, left to right. */
static void
emit_bar_segments (Builder *b,
                   Bar     *bar,
                   double   y,
                   double   h)
{
  EbLikertChartLayout *self = b->layout;
  double scale = self->scale;
  guint k = bar->n_levels, middle = k / 2;
  double x;

  if (b->diverging)
    x = self->centre_x - (bar->low + (b->split ? bar->neutral / 2 : 0)) * scale;
  else
    x = b->bars_x0;

  for (guint level = 0; level < k; level++)
    {
      guint count = eb_likert_item_get_count (bar->item, level);
      double percent = bar->valid > 0 ? finite_or_zero (eb_likert_item_get_percent (bar->item, level)) : 0;
      EbColor color = level_color (self->options.palette, k, level);

      if (bar->odd && level == middle && !b->split)
        {
          add_segment (b, bar, level, FALSE, TRUE, count, bar->valid, percent,
                       b->neutral_x0, percent * scale, y, h, color);
          continue;
        }
      add_segment (b, bar, level, FALSE, FALSE, count, bar->valid, percent, x, percent * scale, y, h,
                   color);
      x += percent * scale;
    }
}

static void
emit_side_panels (Builder *b,
                  Bar     *bar,
                  double   y,
                  double   h)
{
  EbLikertChartLayout *self = b->layout;
  double baseline = row_baseline (b, y, h);
  EbColor fg = self->options.foreground;

  if (b->show_totals && bar->valid > 0)
    {
      g_autofree char *low = format_percent (bar->low);
      g_autofree char *high = format_percent (bar->high);
      PangoLayout *low_layout = lookup_text (b, FONT_SMALL, low);

      add_text_on_baseline (b, EB_LIKERT_CHART_TEXT_TOTAL, low_layout,
                            b->low_total_right - measured_width (b, low_layout), baseline, fg);
      add_text_on_baseline (b, EB_LIKERT_CHART_TEXT_TOTAL, lookup_text (b, FONT_SMALL, high),
                            b->high_total_x, baseline, fg);
    }
  if (b->neutral_column && bar->odd && bar->valid > 0)
    {
      g_autofree char *text = format_percent (bar->neutral);

      add_text_on_baseline (b, EB_LIKERT_CHART_TEXT_TOTAL, lookup_text (b, FONT_SMALL, text),
                            b->neutral_x0 + bar->neutral * self->scale + b->gap_small,
                            baseline, self->muted);
    }
  if (b->ns_column)
    {
      guint n_ns = eb_likert_item_get_n_non_substantive_levels (bar->item);
      double x = b->ns_x0, unit = NS_BAR_WIDTH * b->em / b->ns_axis;

      for (guint s = 0; s < n_ns; s++)
        {
          guint count = eb_likert_item_get_non_substantive_count (bar->item, s);
          double percent = bar->answered > 0 ? 100.0 * count / bar->answered : 0;

          add_segment (b, bar, s, TRUE, TRUE, count, bar->answered, percent, x, percent * unit, y, h,
                       ns_color (self, s));
          x += percent * unit;
        }
      if (n_ns > 0 && bar->answered > 0)
        {
          g_autofree char *text = format_percent (100.0 * bar->ns_total / bar->answered);

          add_text_on_baseline (b, EB_LIKERT_CHART_TEXT_TOTAL, lookup_text (b, FONT_SMALL, text),
                                b->ns_x0 + NS_BAR_WIDTH * b->em + b->gap_small, baseline,
                                self->muted);
        }
    }
  if (b->show_n)
    {
      g_autofree char *text = g_strdup_printf ("%u", bar->valid);
      PangoLayout *layout = lookup_text (b, FONT_SMALL, text);

      add_text_on_baseline (b, EB_LIKERT_CHART_TEXT_N, layout,
                            b->n_right - measured_width (b, layout), baseline, self->muted);
    }
}

static void
emit_heading_row (Builder *b,
                  guint    panel,
                  double   y)
{
  EbLikertChartLayout *self = b->layout;
  double baseline;

  heading_row_height (b, panel, &baseline);
  baseline += y;
  if (b->headings != NULL)
    add_text (b, EB_LIKERT_CHART_TEXT_HEADER, b->headings[panel], b->label_x,
              baseline - last_baseline (b->headings[panel]), self->options.foreground);
  if (b->neutral_header != NULL)
    add_text (b, EB_LIKERT_CHART_TEXT_HEADER, b->neutral_header, b->neutral_x0,
              baseline - last_baseline (b->neutral_header), self->muted);
  if (b->ns_header != NULL)
    add_text (b, EB_LIKERT_CHART_TEXT_HEADER, b->ns_header, b->ns_x0,
              baseline - last_baseline (b->ns_header), self->muted);
  if (b->n_header != NULL)
    add_text (b, EB_LIKERT_CHART_TEXT_HEADER, b->n_header,
              b->n_right - measured_width (b, b->n_header),
              baseline - last_baseline (b->n_header), self->muted);
}

/* One item: its label beside its bars, both centred on the taller. */
static void
emit_item (Builder *b,
           guint    panel,
           guint    row,
           double   y,
           double   item_h,
           double   bar_h)
{
  EbLikertChartLayout *self = b->layout;
  PangoLayout *label = b->item_labels[b->order[row]];
  double label_h = measured_height (b, label);
  double block_h = bars_block_height (b, panel, row, bar_h);
  double by = y + (item_h - block_h) / 2;

  if (pango_layout_get_line_count (label) == 1 && b->bars_per_item == 1)
    add_text_on_baseline (b, EB_LIKERT_CHART_TEXT_ITEM, label,
                          b->label_x + b->label_w - measured_width (b, label),
                          row_baseline (b, by, bar_h), self->options.foreground);
  else
    {
      PangoRectangle logical;

      get_logical (label, &logical);
      add_text (b, EB_LIKERT_CHART_TEXT_ITEM, label,
                b->label_x + logical.x / (double) PANGO_SCALE,
                y + (item_h - label_h) / 2, self->options.foreground);
    }

  for (guint c = 0; c < b->bars_per_item; c++)
    {
      Bar *bar = get_bar (b, panel, row, c);
      double slot = slot_height (b, bar, bar_h);
      double bar_y = by + (slot - bar_h) / 2;

      if (bar->group_label != NULL)
        {
          if (pango_layout_get_line_count (bar->group_label) == 1)
            add_text_on_baseline (b, EB_LIKERT_CHART_TEXT_GROUP, bar->group_label,
                                  b->group_right - measured_width (b, bar->group_label),
                                  row_baseline (b, bar_y, bar_h), self->muted);
          else
            {
              PangoRectangle logical;

              get_logical (bar->group_label, &logical);
              add_text (b, EB_LIKERT_CHART_TEXT_GROUP, bar->group_label,
                        b->group_right - 0.2 * (self->width - 2 * b->pad)
                          + logical.x / (double) PANGO_SCALE,
                        by, self->muted);
            }
        }
      emit_bar_segments (b, bar, bar_y, bar_h);
      emit_side_panels (b, bar, bar_y, bar_h);
      by += slot + 0.25 * bar_h;
    }
}

typedef struct
{
  double x0;
  double x1;
} Interval;

static int
compare_tick_priority (gconstpointer a,
                       gconstpointer b)
{
  double va = fabs (((const EbChartTick *) a)->value), vb = fabs (((const EbChartTick *) b)->value);

  return va < vb ? -1 : va > vb;
}

/* Labels every tick whose label has room, the centre first and then
 * outwards, so that a narrow axis still reads "0%" and its ends. */
static void
emit_tick_labels (Builder *b,
                  double   y)
{
  EbLikertChartLayout *self = b->layout;
  g_autoptr(GArray) order = g_array_copy (self->ticks);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Interval));

  if (b->diverging)
    g_array_sort (order, compare_tick_priority);
  for (guint i = 0; i < order->len; i++)
    {
      EbChartTick *tick = &g_array_index (order, EbChartTick, i);
      g_autofree char *text = format_percent (fabs (tick->value));
      PangoLayout *layout = lookup_text (b, FONT_SMALL, text);
      double w = measured_width (b, layout);
      double x = CLAMP (tick->x - w / 2, b->pad, self->width - b->pad - w);
      Interval span = { x - 0.4 * b->em, x + w + 0.4 * b->em };
      gboolean room = TRUE;

      for (guint j = 0; j < placed->len && room; j++)
        {
          const Interval *other = &g_array_index (placed, Interval, j);

          room = span.x1 <= other->x0 || span.x0 >= other->x1;
        }
      if (!room)
        continue;
      g_array_append_val (placed, span);
      add_text (b, EB_LIKERT_CHART_TEXT_AXIS, layout, x, y, self->muted);
    }
}

/* Walks the chart top to bottom with bars BAR_H high; returns its height.
 * With EMIT, adds every text, segment, span and swatch on the way. */
static double
place_rows (Builder  *b,
            double    bar_h,
            gboolean  emit)
{
  EbLikertChartLayout *self = b->layout;
  double em = b->em, y = b->pad;
  double plot_top = 0, plot_bottom = 0;

  if (b->title != NULL)
    {
      if (emit)
        add_text (b, EB_LIKERT_CHART_TEXT_TITLE, b->title, b->pad, y, self->options.foreground);
      y += layout_height (b->title) + 0.6 * em;
    }
  if (b->legend->len > 0)
    {
      if (emit)
        for (guint i = 0; i < b->legend->len; i++)
          {
            LegendEntry *entry = &g_array_index (b->legend, LegendEntry, i);
            double baseline = y + entry->y + first_baseline (entry->layout);
            EbChartSwatch swatch;

            swatch.rect = (cairo_rectangle_t) { entry->x, baseline - b->body_cap / 2 - b->swatch / 2,
                                                b->swatch, b->swatch };
            swatch.color = entry->color;
            swatch.faint = blends_in (&entry->color, &self->options.background);
            g_array_append_val (self->swatches, swatch);
            add_text (b, EB_LIKERT_CHART_TEXT_LEGEND, entry->layout,
                      entry->x + b->swatch + b->gap_small, y + entry->y,
                      self->options.foreground);
          }
      y += b->legend_h + 0.9 * em;
    }

  for (guint p = 0; p < b->n_panels; p++)
    {
      EbChartSpan span;

      if (p > 0)
        y += 1.1 * em;
      if (has_heading_row (b))
        {
          if (emit)
            emit_heading_row (b, p, y);
          y += heading_row_height (b, p, NULL) + 0.4 * em;
        }
      span.y0 = y - 0.2 * em;
      if (p == 0)
        plot_top = y;
      for (guint r = 0; r < b->n_items; r++)
        {
          double item_h = MAX (measured_height (b, b->item_labels[b->order[r]]),
                               bars_block_height (b, p, r, bar_h));

          if (r > 0)
            y += row_gap (b, bar_h);
          if (emit)
            emit_item (b, p, r, y, item_h, bar_h);
          y += item_h;
        }
      span.y1 = y + 0.2 * em;
      plot_bottom = y;
      if (emit)
        g_array_append_val (self->spans, span);
    }
  y += 0.2 * em + 0.3 * em;

  if (emit)
    {
      self->plot.y = plot_top;
      self->plot.height = plot_bottom - plot_top;
      emit_tick_labels (b, y);
    }
  y += layout_height (lookup_text (b, FONT_SMALL, "0%")) + 0.15 * em;
  if (emit)
    {
      double w = layout_width (b->caption);
      double x = CLAMP ((b->bars_x0 + b->bars_x1 - w) / 2, b->pad, self->width - b->pad - w);

      add_text (b, EB_LIKERT_CHART_TEXT_AXIS, b->caption, x, y, self->muted);
    }
  y += layout_height (b->caption);
  if (b->note != NULL)
    {
      y += 0.8 * em;
      if (emit)
        add_text (b, EB_LIKERT_CHART_TEXT_NOTE, b->note, b->pad, y, self->muted);
      y += layout_height (b->note);
    }
  return y + b->pad;
}

static void
create_blocks (Builder *b)
{
  EbLikertChartLayout *self = b->layout;
  double inner = MAX (self->width - 2 * b->pad, 1.0);

  if (self->title != NULL && self->title[0] != '\0')
    b->title = create_wrapped (b, FONT_TITLE, self->title, inner, PANGO_ALIGN_LEFT);
  if (self->note != NULL && self->note[0] != '\0')
    b->note = create_wrapped (b, FONT_SMALL, self->note, inner, PANGO_ALIGN_LEFT);
  b->caption = create_wrapped (b, FONT_SMALL, "Percentage of valid answers",
                               inner, PANGO_ALIGN_LEFT);
  if (b->facets)
    {
      /* Headings share their row with the column headings: keep clear of them. */
      double heading_w = (b->neutral_column ? b->neutral_x0
                          : b->ns_column ? b->ns_x0
                          : b->show_n ? b->n_right - b->n_w
                          : self->width - b->pad) - b->gap - b->label_x;

      b->headings = g_new0 (PangoLayout *, b->n_panels);
      for (guint p = 0; p < b->n_panels; p++)
        {
          const char *value = eb_likert_group_get_value (eb_likert_analysis_get_group (self->analysis, p));

          b->headings[p] = create_wrapped (b, FONT_STRONG, value != NULL ? value : "All",
                                           heading_w, PANGO_ALIGN_LEFT);
        }
    }
}

static void
builder_clear (Builder *b)
{
  for (guint f = 0; f < N_FONTS; f++)
    g_clear_pointer (&b->fonts[f], pango_font_description_free);
  if (b->item_labels != NULL)
    for (guint i = 0; i < b->n_items; i++)
      g_clear_object (&b->item_labels[i]);
  g_clear_pointer (&b->item_labels, g_free);
  if (b->headings != NULL)
    for (guint p = 0; p < b->n_panels; p++)
      g_clear_object (&b->headings[p]);
  g_clear_pointer (&b->headings, g_free);
  if (b->group_labels != NULL)
    for (guint g = 0; g < b->n_groups; g++)
      g_clear_object (&b->group_labels[g]);
  g_clear_pointer (&b->group_labels, g_free);
  g_clear_pointer (&b->bars, g_array_unref);
  if (b->legend != NULL)
    for (guint i = 0; i < b->legend->len; i++)
      g_clear_object (&g_array_index (b->legend, LegendEntry, i).layout);
  g_clear_pointer (&b->legend, g_array_unref);
  g_clear_object (&b->title);
  g_clear_object (&b->note);
  g_clear_object (&b->caption);
  g_clear_object (&b->n_header);
  g_clear_object (&b->ns_header);
  g_clear_object (&b->neutral_header);
  g_clear_pointer (&b->order, g_free);
  g_clear_pointer (&b->metrics, g_hash_table_unref);
  g_clear_pointer (&b->cache, g_hash_table_unref);
  g_clear_object (&b->context);
}

static void
copy_options (EbLikertChartLayout        *self,
              const EbLikertChartOptions *options)
{
  self->options = *options;
  self->title = g_strdup (options->title);
  self->note = g_strdup (options->note);
  self->font_family = g_strdup (options->font_family != NULL && options->font_family[0] != '\0'
                                ? options->font_family : "Sans");
  self->options.title = self->title;
  self->options.note = self->note;
  self->options.font_family = self->font_family;

  self->muted = mix_colors (options->foreground, options->background, 0.3);
  self->grid_color = mix_colors (options->foreground, options->background, 0.87);
  self->centre_color = mix_colors (options->foreground, options->background, 0.35);
  self->edge_color = mix_colors (options->foreground, options->background, 0.65);
}

/* ---- Public API ---- */

void
eb_likert_chart_options_init (EbLikertChartOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->style = EB_LIKERT_CHART_DIVERGING;
  options->neutral = EB_LIKERT_NEUTRAL_SPLIT;
  options->palette = EB_PALETTE_BRBG;
  options->show_percents = TRUE;
  options->percent_threshold = 5.0;
  options->show_totals = TRUE;
  options->show_n = TRUE;
  options->sort = EB_LIKERT_SORT_QUESTIONNAIRE;
  options->group_layout = EB_LIKERT_GROUPS_ADJACENT;
  options->font_family = "Cantarell";
  options->font_size = 9.0;
  options->foreground = (EbColor) { 0, 0, 0 };
  options->background = (EbColor) { 1, 1, 1 };
  options->fill_background = TRUE;
}

EbLikertChartLayout *
eb_likert_chart_layout_new (EbLikertAnalysis           *analysis,
                            const EbLikertChartOptions *options,
                            double                      width,
                            double                      height,
                            PangoContext               *context)
{
  EbLikertChartLayout *self;
  Builder b = { 0 };
  EbLikertChartOptions defaults;
  double bar_h;
  guint n_bars;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), NULL);

  if (options == NULL)
    {
      eb_likert_chart_options_init (&defaults);
      options = &defaults;
    }

  self = g_new0 (EbLikertChartLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->analysis = eb_likert_analysis_ref (analysis);
  copy_options (self, options);
  self->width = MAX (width, 1.0);

  b.layout = self;
  b.options = &self->options;
  b.context = context != NULL ? g_object_ref (context) : eb_figure_create_pango_context ();
  b.cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  b.metrics = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  b.n_items = eb_likert_analysis_get_n_items (analysis);
  b.n_groups = eb_likert_analysis_get_n_groups (analysis);
  b.grouped = eb_likert_analysis_get_group_column (analysis) >= 0;
  b.facets = b.grouped && b.n_groups > 1 && options->group_layout == EB_LIKERT_GROUPS_FACETS;
  b.n_panels = b.facets ? b.n_groups : 1;
  b.bars_per_item = b.facets ? 1 : MAX (b.n_groups, 1);
  b.diverging = options->style == EB_LIKERT_CHART_DIVERGING;
  b.split = options->neutral == EB_LIKERT_NEUTRAL_SPLIT;
  b.show_totals = options->show_totals;
  b.show_n = options->show_n;

  /* Sized for a five-point scale with one side panel: no regrowing. */
  n_bars = b.n_panels * b.n_items * b.bars_per_item;
  self->ticks = g_array_new (FALSE, FALSE, sizeof (EbChartTick));
  self->spans = g_array_new (FALSE, FALSE, sizeof (EbChartSpan));
  self->texts = g_array_sized_new (FALSE, FALSE, sizeof (EbChartText), 8 * n_bars + 64);
  g_array_set_clear_func (self->texts, clear_text);
  self->segments = g_array_sized_new (FALSE, FALSE, sizeof (EbLikertChartSegment), 6 * n_bars);
  self->swatches = g_array_new (FALSE, FALSE, sizeof (EbChartSwatch));
  self->glyphs = g_hash_table_new_full (NULL, NULL, NULL, free_glyphs);

  create_fonts (&b);
  self->separator_width = 0.06 * b.em;
  self->grid_width = 0.055 * b.em;
  self->centre_width = 0.09 * b.em;

  if (b.n_groups == 0)
    b.n_items = 0;
  collect_bars (&b);
  choose_axis (&b);
  measure_columns (&b);
  place_ticks (&b);
  measure_legend (&b);
  create_blocks (&b);

  bar_h = BAR_HEIGHT * b.em;
  self->natural_height = place_rows (&b, bar_h, FALSE);
  if (height > self->natural_height)
    {
      /* Room to spare: thicker bars (and gaps), as thick as fits. */
      double lo = bar_h, hi = BAR_HEIGHT_MAX * b.em;

      if (place_rows (&b, hi, FALSE) <= height)
        lo = hi;
      else
        for (guint iter = 0; iter < 20; iter++)
          {
            double mid = (lo + hi) / 2;

            if (place_rows (&b, mid, FALSE) <= height)
              lo = mid;
            else
              hi = mid;
          }
      bar_h = lo;
    }
  self->height = MAX (height, self->natural_height);
  place_rows (&b, bar_h, TRUE);

  builder_clear (&b);
  return self;
}

EbLikertChartLayout *
eb_likert_chart_layout_ref (EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
eb_likert_chart_layout_unref (EbLikertChartLayout *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  /* The glyphs borrow their fonts from the texts' PangoLayouts. */
  g_clear_pointer (&self->glyphs, g_hash_table_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->texts, g_array_unref);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->swatches, g_array_unref);
  g_clear_pointer (&self->analysis, eb_likert_analysis_unref);
  g_free (self->title);
  g_free (self->note);
  g_free (self->font_family);
  g_free (self);
}

double
eb_likert_chart_layout_get_width (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->width;
}

double
eb_likert_chart_layout_get_height (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->height;
}

double
eb_likert_chart_layout_get_natural_height (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->natural_height;
}

const EbLikertChartOptions *
eb_likert_chart_layout_get_options (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->options;
}

void
eb_likert_chart_layout_get_plot_area (const EbLikertChartLayout *self,
                                      cairo_rectangle_t         *rect)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rect != NULL);

  *rect = self->plot;
}

double
eb_likert_chart_layout_get_centre_x (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NAN);

  return self->centre_x;
}

double
eb_likert_chart_layout_get_scale (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->scale;
}

double
eb_likert_chart_layout_get_axis_max (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->axis_max;
}

guint
eb_likert_chart_layout_get_n_ticks (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ticks->len;
}

double
eb_likert_chart_layout_get_tick (const EbLikertChartLayout *self,
                                 guint                      index,
                                 double                    *value)
{
  const EbChartTick *tick;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->ticks->len, 0);

  tick = &g_array_index (self->ticks, EbChartTick, index);
  if (value != NULL)
    *value = tick->value;
  return tick->x;
}

guint
eb_likert_chart_layout_get_n_texts (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->texts->len;
}

const char *
eb_likert_chart_layout_get_text (const EbLikertChartLayout *self,
                                 guint                      index,
                                 EbLikertChartTextKind     *kind,
                                 cairo_rectangle_t         *extents,
                                 guint                     *n_lines)
{
  const EbChartText *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->texts->len, NULL);

  text = &g_array_index (self->texts, EbChartText, index);
  if (kind != NULL)
    *kind = text->kind;
  if (extents != NULL)
    *extents = text->extents;
  if (n_lines != NULL)
    *n_lines = pango_layout_get_line_count (text->layout);
  return pango_layout_get_text (text->layout);
}

guint
eb_likert_chart_layout_get_n_segments (const EbLikertChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->segments->len;
}

const EbLikertChartSegment *
eb_likert_chart_layout_get_segment (const EbLikertChartLayout *self,
                                    guint                      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->segments->len, NULL);

  return &g_array_index (self->segments, EbLikertChartSegment, index);
}

const EbLikertChartSegment *
eb_likert_chart_layout_hit (const EbLikertChartLayout *self,
                            double                     x,
                            double                     y)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const EbLikertChartSegment *segment = &g_array_index (self->segments, EbLikertChartSegment, i);
      const cairo_rectangle_t *r = &segment->rect;

      if (x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return segment;
    }
  return NULL;
}

guint
eb_likert_chart_segment_get_item (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, 0);

  return segment->item_index;
}

guint
eb_likert_chart_segment_get_group (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, 0);

  return segment->group_index;
}

guint
eb_likert_chart_segment_get_level (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, 0);

  return segment->level;
}

gboolean
eb_likert_chart_segment_is_non_substantive (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, FALSE);

  return segment->non_substantive;
}

const char *
eb_likert_chart_segment_get_label (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, NULL);

  if (segment->non_substantive)
    return eb_likert_item_get_non_substantive_label (segment->item, segment->level);
  return eb_likert_item_get_level_label (segment->item, segment->level);
}

guint
eb_likert_chart_segment_get_count (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, 0);

  return segment->count;
}

guint
eb_likert_chart_segment_get_base (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, 0);

  return segment->base;
}

double
eb_likert_chart_segment_get_percent (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, 0);

  return segment->percent;
}

void
eb_likert_chart_segment_get_rect (const EbLikertChartSegment *segment,
                                  cairo_rectangle_t          *rect)
{
  g_return_if_fail (segment != NULL);
  g_return_if_fail (rect != NULL);

  *rect = segment->rect;
}

EbColor
eb_likert_chart_segment_get_color (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, (EbColor) { 0 });

  return segment->color;
}

gboolean
eb_likert_chart_segment_has_percent_label (const EbLikertChartSegment *segment)
{
  g_return_val_if_fail (segment != NULL, FALSE);

  return segment->text >= 0;
}

char *
eb_likert_chart_segment_describe (const EbLikertChartSegment *segment)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (segment != NULL, NULL);

  if (segment->group != NULL)
    group = g_strdup_printf (" (%s)", segment->group);
  return g_strdup_printf ("%s%s: %s, %u of %u, %.1f %%",
                          eb_likert_item_get_name (segment->item), group != NULL ? group : "",
                          eb_likert_chart_segment_get_label (segment),
                          segment->count, segment->base, segment->percent);
}

static void
draw_layout_cb (cairo_t  *cr,
                gpointer  user_data)
{
  eb_likert_chart_draw (user_data, cr);
}

gboolean
eb_likert_chart_export (EbLikertAnalysis           *analysis,
                        const EbLikertChartOptions *options,
                        EbFigureFormat              format,
                        double                      width_mm,
                        double                      dpi,
                        const char                 *path,
                        GCancellable               *cancellable,
                        GError                    **error)
{
  PangoContext *context;
  g_autoptr(EbLikertChartLayout) layout = NULL;
  double width_pt = eb_figure_mm_to_points (width_mm);

  g_return_val_if_fail (analysis != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(width_mm >= 20 && width_mm <= 2000))
    {
      g_set_error (error, EB_FIGURE_ERROR, EB_FIGURE_ERROR_SIZE,
                   "Cannot write “%s”: a figure %g mm wide is not drawable "
                   "(choose 20 to 2000 mm)", path, width_mm);
      return FALSE;
    }
  context = eb_figure_create_pango_context ();
  layout = eb_likert_chart_layout_new (analysis, options, width_pt, 0, context);
  g_object_unref (context);
  return eb_figure_write (path, format, width_pt, layout->height, dpi, draw_layout_cb, layout,
                          cancellable, error);
}
