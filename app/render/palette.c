/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-palette"

#include "config.h"

#include <math.h>

#include "palette.h"

/* ColorBrewer's diverging schemes are designed per class count, so each
 * count from 3 to 9 is listed as published rather than interpolated. */
static const guint32 brbg[7][9] = {
  { 0xd8b365, 0xf5f5f5, 0x5ab4ac },
  { 0xa6611a, 0xdfc27d, 0x80cdc1, 0x018571 },
  { 0xa6611a, 0xdfc27d, 0xf5f5f5, 0x80cdc1, 0x018571 },
  { 0x8c510a, 0xd8b365, 0xf6e8c3, 0xc7eae5, 0x5ab4ac, 0x01665e },
  { 0x8c510a, 0xd8b365, 0xf6e8c3, 0xf5f5f5, 0xc7eae5, 0x5ab4ac, 0x01665e },
  { 0x8c510a, 0xbf812d, 0xdfc27d, 0xf6e8c3, 0xc7eae5, 0x80cdc1, 0x35978f, 0x01665e },
  { 0x8c510a, 0xbf812d, 0xdfc27d, 0xf6e8c3, 0xf5f5f5, 0xc7eae5, 0x80cdc1, 0x35978f, 0x01665e },
};

static const guint32 rdbu[7][9] = {
  { 0xef8a62, 0xf7f7f7, 0x67a9cf },
  { 0xca0020, 0xf4a582, 0x92c5de, 0x0571b0 },
  { 0xca0020, 0xf4a582, 0xf7f7f7, 0x92c5de, 0x0571b0 },
  { 0xb2182b, 0xef8a62, 0xfddbc7, 0xd1e5f0, 0x67a9cf, 0x2166ac },
  { 0xb2182b, 0xef8a62, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x67a9cf, 0x2166ac },
  { 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac },
  { 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac },
};

static const guint32 puor[7][9] = {
  { 0xf1a340, 0xf7f7f7, 0x998ec3 },
  { 0xe66101, 0xfdb863, 0xb2abd2, 0x5e3c99 },
  { 0xe66101, 0xfdb863, 0xf7f7f7, 0xb2abd2, 0x5e3c99 },
  { 0xb35806, 0xf1a340, 0xfee0b6, 0xd8daeb, 0x998ec3, 0x542788 },
  { 0xb35806, 0xf1a340, 0xfee0b6, 0xf7f7f7, 0xd8daeb, 0x998ec3, 0x542788 },
  { 0xb35806, 0xe08214, 0xfdb863, 0xfee0b6, 0xd8daeb, 0xb2abd2, 0x8073ac, 0x542788 },
  { 0xb35806, 0xe08214, 0xfdb863, 0xfee0b6, 0xf7f7f7, 0xd8daeb, 0xb2abd2, 0x8073ac, 0x542788 },
};

static const char * const names[] = {
  [EB_PALETTE_BRBG] = "BrBG",
  [EB_PALETTE_RDBU] = "RdBu",
  [EB_PALETTE_PUOR] = "PuOr",
  [EB_PALETTE_GREYS] = "Greys",
};

static EbColor
color_from_rgb (guint32 rgb)
{
  return (EbColor) { ((rgb >> 16) & 0xff) / 255.0,
                     ((rgb >> 8) & 0xff) / 255.0,
                     (rgb & 0xff) / 255.0 };
}

static EbColor
mix (EbColor a,
     EbColor b,
     double  t)
{
  return (EbColor) { a.red + (b.red - a.red) * t,
                     a.green + (b.green - a.green) * t,
                     a.blue + (b.blue - a.blue) * t };
}

/* Beyond nine levels, stretch the nine-class scheme. */
static void
interpolate (const guint32 *nine,
             guint          n_levels,
             EbColor       *colors)
{
  for (guint i = 0; i < n_levels; i++)
    {
      double pos = (double) i * 8.0 / (n_levels - 1);
      guint lo = MIN ((guint) pos, 7);

      colors[i] = mix (color_from_rgb (nine[lo]), color_from_rgb (nine[lo + 1]), pos - lo);
    }
}

static void
fill_diverging (const guint32 table[7][9],
                guint         n_levels,
                EbColor      *colors)
{
  if (n_levels == 1)
    colors[0] = color_from_rgb (table[0][1]);
  else if (n_levels == 2)
    {
      colors[0] = color_from_rgb (table[1][0]);
      colors[1] = color_from_rgb (table[1][3]);
    }
  else if (n_levels <= 9)
    for (guint i = 0; i < n_levels; i++)
      colors[i] = color_from_rgb (table[n_levels - 3][i]);
  else
    interpolate (table[6], n_levels, colors);
}

const char *
eb_palette_to_string (EbPalette palette)
{
  g_return_val_if_fail (palette <= EB_PALETTE_GREYS, NULL);

  return names[palette];
}

gboolean
eb_palette_from_string (const char *name,
                        EbPalette  *palette)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        if (palette != NULL)
          *palette = (EbPalette) i;
        return TRUE;
      }
  return FALSE;
}

void
eb_palette_get_colors (EbPalette  palette,
                       guint      n_levels,
                       EbColor   *colors)
{
  g_return_if_fail (n_levels >= 1 && n_levels <= 15);
  g_return_if_fail (colors != NULL);

  switch (palette)
    {
    case EB_PALETTE_BRBG:
      fill_diverging (brbg, n_levels, colors);
      break;
    case EB_PALETTE_RDBU:
      fill_diverging (rdbu, n_levels, colors);
      break;
    case EB_PALETTE_PUOR:
      fill_diverging (puor, n_levels, colors);
      break;
    case EB_PALETTE_GREYS:
    default:
      /* Print: dark for the lowest level to light for the highest, so that
       * the order survives photocopying. */
      for (guint i = 0; i < n_levels; i++)
        colors[i] = mix (color_from_rgb (0x252525), color_from_rgb (0xe8e8e8),
                         n_levels == 1 ? 0.5 : (double) i / (n_levels - 1));
      break;
    }
}

static double
luminance (const EbColor *c)
{
  double channel[3] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    channel[i] = channel[i] <= 0.03928 ? channel[i] / 12.92
                                       : pow ((channel[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

EbColor
eb_color_contrasting (const EbColor *background)
{
  static const EbColor black = { 0, 0, 0 }, white = { 1, 1, 1 };
  double l;

  g_return_val_if_fail (background != NULL, black);

  l = luminance (background);
  /* Contrast ratio against white is 1.05/(l+0.05), against black (l+0.05)/0.05.
   * White on a dark segment reads better than the bare ratio says (dark
   * teal is a near tie), so white wins whenever it meets WCAG AA, 4.5:1. */
  if (1.05 / (l + 0.05) >= 4.5)
    return white;
  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05 ? white : black;
}

char *
eb_color_to_hex (const EbColor *color)
{
  g_return_val_if_fail (color != NULL, NULL);

  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) lround (CLAMP (color->red, 0, 1) * 255),
                          (guint) lround (CLAMP (color->green, 0, 1) * 255),
                          (guint) lround (CLAMP (color->blue, 0, 1) * 255));
}
