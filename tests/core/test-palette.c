/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "palette.h"

static void
assert_hex (const EbColor *color,
            const char    *expected)
{
  g_autofree char *hex = eb_color_to_hex (color);

  g_assert_cmpstr (hex, ==, expected);
}

/* The published ColorBrewer BrBG classes for the paper's four-point scale
 * and for a five-point agreement scale. */
static void
test_brbg (void)
{
  EbColor colors[5];

  eb_palette_get_colors (EB_PALETTE_BRBG, 4, colors);
  assert_hex (&colors[0], "#a6611a");
  assert_hex (&colors[1], "#dfc27d");
  assert_hex (&colors[2], "#80cdc1");
  assert_hex (&colors[3], "#018571");

  eb_palette_get_colors (EB_PALETTE_BRBG, 5, colors);
  assert_hex (&colors[2], "#f5f5f5");
}

static void
test_names (void)
{
  EbPalette palette;

  g_assert_true (eb_palette_from_string ("rdbu", &palette));
  g_assert_cmpint (palette, ==, EB_PALETTE_RDBU);
  g_assert_cmpstr (eb_palette_to_string (EB_PALETTE_PUOR), ==, "PuOr");
  g_assert_false (eb_palette_from_string ("rainbow", &palette));
}

/* Eleven levels stretch the nine-class scheme: the ends stay the ends. */
static void
test_interpolated_and_greys (void)
{
  EbColor colors[11];

  eb_palette_get_colors (EB_PALETTE_RDBU, 11, colors);
  assert_hex (&colors[0], "#b2182b");
  assert_hex (&colors[10], "#2166ac");
  assert_hex (&colors[5], "#f7f7f7");

  eb_palette_get_colors (EB_PALETTE_GREYS, 3, colors);
  g_assert_cmpfloat (colors[0].red, <, colors[1].red);
  g_assert_cmpfloat (colors[1].red, <, colors[2].red);
}

static void
test_contrast (void)
{
  EbColor colors[4];
  EbColor text;

  eb_palette_get_colors (EB_PALETTE_BRBG, 4, colors);
  text = eb_color_contrasting (&colors[0]);   /* dark brown: white text */
  g_assert_cmpfloat (text.red, ==, 1.0);
  text = eb_color_contrasting (&colors[1]);   /* light tan: black text */
  g_assert_cmpfloat (text.red, ==, 0.0);
  text = eb_color_contrasting (&colors[3]);   /* dark teal: white text */
  g_assert_cmpfloat (text.red, ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/palette/brbg", test_brbg);
  g_test_add_func ("/palette/names", test_names);
  g_test_add_func ("/palette/interpolated-and-greys", test_interpolated_and_greys);
  g_test_add_func ("/palette/contrast", test_contrast);

  return g_test_run ();
}
