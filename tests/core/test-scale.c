/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "eb-scale.h"
#include "scale-library.h"

static void
test_spec_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbScale) scale = eb_scale_parse_spec (
    " Strongly disagree < Disagree<Neither agree nor disagree<Agree<Strongly agree<Don't know! ", &error);
  g_autofree char *spec = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (eb_scale_get_n_levels (scale), ==, 6);
  g_assert_cmpuint (eb_scale_get_n_substantive (scale), ==, 5);
  g_assert_cmpstr (eb_scale_get_label (scale, 0), ==, "Strongly disagree");
  g_assert_cmpstr (eb_scale_get_label (scale, 5), ==, "Don't know");
  g_assert_true (eb_scale_is_non_substantive (scale, 5));
  g_assert_false (eb_scale_is_non_substantive (scale, 4));
  spec = eb_scale_to_spec (scale);
  g_assert_cmpstr (spec, ==,
    "Strongly disagree<Disagree<Neither agree nor disagree<Agree<Strongly agree<Don't know!");
}

static void
test_spec_errors (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (eb_scale_parse_spec ("Agree", &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==,
    "Scale “Agree” has fewer than two levels; expected labels separated by “<”, "
    "e.g. “Disagree<Neutral<Agree”");
  g_clear_error (&error);

  g_assert_null (eb_scale_parse_spec ("Low<<High", &error));
  g_assert_cmpstr (error->message, ==,
    "Scale “Low<<High”: level 2 is empty; expected labels from lowest to highest separated by “<”");
  g_clear_error (&error);

  g_assert_null (eb_scale_parse_spec ("Yes<no<YES", &error));
  g_assert_cmpstr (error->message, ==, "Scale “Yes<no<YES”: the label “YES” appears twice");
}

/* CLI.md: labels match case-insensitively, surrounding space ignored; Word's
 * curly apostrophe is the same answer as the straight one. */
static void
test_lookup (void)
{
  g_autoptr(EbScale) scale = eb_scale_parse_spec ("No<Yes<Don't know!", NULL);

  g_assert_cmpint (eb_scale_lookup (scale, "yes"), ==, 1);
  g_assert_cmpint (eb_scale_lookup (scale, "  NO "), ==, 0);
  g_assert_cmpint (eb_scale_lookup (scale, "Don\u2019t know"), ==, 2);
  g_assert_cmpint (eb_scale_lookup (scale, "Maybe"), ==, -1);
  g_assert_cmpint (eb_scale_lookup (scale, NULL), ==, -1);
}

static void
test_equal (void)
{
  g_autoptr(EbScale) a = eb_scale_parse_spec ("Low<High", NULL);
  g_autoptr(EbScale) b = eb_scale_parse_spec ("Low<High", NULL);
  g_autoptr(EbScale) c = eb_scale_parse_spec ("Low<High!", NULL);

  g_assert_true (eb_scale_equal (a, b));
  g_assert_false (eb_scale_equal (a, c));
  g_assert_false (eb_scale_equal (a, NULL));
}

/* The paper's four-point development scale, written as its questionnaire
 * did (American "Realize" and lower case), orders from "need to develop"
 * to "strongly developed". */
static void
test_library_development (void)
{
  const char *answers[] = { "developed somewhat", "Strongly developed",
                            "Realize I need to develop much more", "No change" };
  g_autoptr(EbScale) scale = eb_scale_library_match (answers, G_N_ELEMENTS (answers));

  g_assert_nonnull (scale);
  g_assert_cmpuint (eb_scale_get_n_levels (scale), ==, 4);
  g_assert_cmpstr (eb_scale_get_label (scale, 0), ==, "Realize I need to develop much more");
  g_assert_cmpstr (eb_scale_get_label (scale, 1), ==, "No change");
  g_assert_cmpstr (eb_scale_get_label (scale, 2), ==, "developed somewhat");
  g_assert_cmpstr (eb_scale_get_label (scale, 3), ==, "Strongly developed");
}

/* Levels nobody chose keep the library's spelling; "Don't know" becomes a
 * non-substantive level after the scale. */
static void
test_library_agreement_with_dont_know (void)
{
  const char *answers[] = { "Agree", "Strongly agree", "Neutral", "Don’t know", "Disagree" };
  g_autoptr(EbScale) scale = eb_scale_library_match (answers, G_N_ELEMENTS (answers));
  g_autofree char *spec = NULL;

  g_assert_nonnull (scale);
  spec = eb_scale_to_spec (scale);
  g_assert_cmpstr (spec, ==,
    "Strongly disagree<Disagree<Neutral<Agree<Strongly agree<Don’t know!");
}

static void
test_library_no_match (void)
{
  const char *answers[] = { "1CN", "1CN2" };
  const char *only_na[] = { "N/A", "Prefer not to say" };

  g_assert_null (eb_scale_library_match (answers, 2));
  g_assert_null (eb_scale_library_match (only_na, 2));
  g_assert_true (eb_scale_library_is_non_substantive ("prefer not to say"));
  g_assert_false (eb_scale_library_is_non_substantive ("Female"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scale/spec/round-trip", test_spec_round_trip);
  g_test_add_func ("/scale/spec/errors", test_spec_errors);
  g_test_add_func ("/scale/lookup", test_lookup);
  g_test_add_func ("/scale/equal", test_equal);
  g_test_add_func ("/scale/library/development", test_library_development);
  g_test_add_func ("/scale/library/agreement-dont-know", test_library_agreement_with_dont_know);
  g_test_add_func ("/scale/library/no-match", test_library_no_match);

  return g_test_run ();
}
