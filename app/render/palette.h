/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Colour-blind-safe diverging palettes for Likert levels (ColorBrewer, by
 * Cynthia Brewer), plus a grey ramp for print. Colours run from the lowest
 * level to the highest. */
typedef enum {
  EB_PALETTE_BRBG,
  EB_PALETTE_RDBU,
  EB_PALETTE_PUOR,
  EB_PALETTE_GREYS,
} EbPalette;

typedef struct
{
  double red, green, blue;   /* 0..1 */
} EbColor;

const char *eb_palette_to_string   (EbPalette    palette);
gboolean    eb_palette_from_string (const char  *name,
                                    EbPalette   *palette);
/* Fills COLORS with N_LEVELS colours (1 <= n_levels <= 15). */
void        eb_palette_get_colors  (EbPalette    palette,
                                    guint        n_levels,
                                    EbColor     *colors);
/* Black or white, whichever reads better on BACKGROUND (WCAG contrast). */
EbColor     eb_color_contrasting   (const EbColor *background);
char       *eb_color_to_hex        (const EbColor *color);

G_END_DECLS
