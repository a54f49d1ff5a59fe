/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "reliability.h"

/* The dataset of tests/analysis/reference.py: 12 respondents x 4 items,
 * the last two incomplete. The expected values below are what that script
 * prints, computed from the textbook definitions in plain Python. */
static const double data[12][4] = {
  { 4, 5, 4, 3 },
  { 3, 4, 3, 3 },
  { 5, 5, 4, 4 },
  { 2, 3, 2, 1 },
  { 4, 4, 5, 4 },
  { 3, 2, 3, 2 },
  { 5, 4, 5, 5 },
  { 1, 2, 1, 2 },
  { 4, 3, 4, 4 },
  { 2, 2, 3, 1 },
  { 4, NAN, 3, 2 },
  { NAN, 1, 1, 1 },
};

static const double expected_alpha = 0.930639730640;
static const double expected_alpha_if_deleted[4] = {
  0.870317002882, 0.946261682243, 0.904720279720, 0.909090909091,
};
static const double expected_item_total[4] = {
  0.950191844514, 0.716758214082, 0.852475370884, 0.841491841492,
};
static const double expected_first_eigenvalue = 3.315409076397;
static const double expected_first_percent = 82.885226909932;

static const char *agreement[] = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
  "Strongly agree", "Don't know",
};

static void
test_reference_dataset (void)
{
  g_autoptr(EbReliability) rel = eb_reliability_new_from_codes (&data[0][0], 12, 4);
  double sum = 0;

  g_assert_cmpuint (eb_reliability_get_n_items (rel), ==, 4);
  g_assert_cmpuint (eb_reliability_get_n_complete (rel), ==, 10);
  g_assert_cmpfloat_with_epsilon (eb_reliability_get_alpha (rel), expected_alpha, 1e-10);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat_with_epsilon (eb_reliability_get_alpha_if_deleted (rel, i),
                                      expected_alpha_if_deleted[i], 1e-10);
      g_assert_cmpfloat_with_epsilon (eb_reliability_get_item_total_correlation (rel, i),
                                      expected_item_total[i], 1e-10);
      sum += eb_reliability_get_eigenvalue (rel, i);
      if (i > 0)
        g_assert_cmpfloat (eb_reliability_get_eigenvalue (rel, i), <=,
                           eb_reliability_get_eigenvalue (rel, i - 1));
    }
  g_assert_cmpfloat_with_epsilon (eb_reliability_get_eigenvalue (rel, 0),
                                  expected_first_eigenvalue, 1e-10);
  g_assert_cmpfloat_with_epsilon (eb_reliability_get_first_component_percent (rel),
                                  expected_first_percent, 1e-8);
  /* The eigenvalues of a correlation matrix sum to its trace, the number
   * of items. */
  g_assert_cmpfloat_with_epsilon (sum, 4.0, 1e-12);
  g_assert_null (eb_reliability_get_item_name (rel, 0));
}

/* Two items with equal variances and correlation r: alpha = 2r / (1 + r)
 * (the Spearman-Brown formula), and the correlation matrix [[1, r], [r, 1]]
 * has eigenvalues 1 + r and 1 - r. */
static void
test_two_items_closed_form (void)
{
  /* x and y each take 1..4 twice in these 8 rows; r = 8 / 10. */
  static const double pairs[8][2] = {
    { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 }, { 1, 2 }, { 2, 1 }, { 3, 4 }, { 4, 3 },
  };
  g_autoptr(EbReliability) rel = eb_reliability_new_from_codes (&pairs[0][0], 8, 2);
  double r = 0.8;

  g_assert_cmpfloat_with_epsilon (eb_reliability_get_item_total_correlation (rel, 0), r, 1e-12);
  g_assert_cmpfloat_with_epsilon (eb_reliability_get_alpha (rel), 2 * r / (1 + r), 1e-12);
  g_assert_cmpfloat_with_epsilon (eb_reliability_get_eigenvalue (rel, 0), 1 + r, 1e-12);
  g_assert_cmpfloat_with_epsilon (eb_reliability_get_eigenvalue (rel, 1), 1 - r, 1e-12);
  g_assert_cmpfloat_with_epsilon (eb_reliability_get_first_component_percent (rel),
                                  (1 + r) / 2 * 100, 1e-10);
  /* Deleting one of two items leaves one: no alpha. */
  g_assert_true (isnan (eb_reliability_get_alpha_if_deleted (rel, 0)));
}

/* The tridiagonal matrix with 2 on the diagonal and 1 beside it has the
 * eigenvalues 2 - sqrt 2, 2, 2 + sqrt 2; a diagonal matrix its diagonal. */
static void
test_jacobi (void)
{
  double tri[9] = { 2, 1, 0, 1, 2, 1, 0, 1, 2 };
  double diag[9] = { 1, 0, 0, 0, 3, 0, 0, 0, 2 };
  double dense[16] = {
    4, 1, 2, 3,
    1, 5, 1, 2,
    2, 1, 6, 1,
    3, 2, 1, 7,
  };
  double values[4];
  double sum = 0, sum_squares = 0;

  eb_symmetric_eigenvalues (tri, 3, values);
  g_assert_cmpfloat_with_epsilon (values[0], 2 + G_SQRT2, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[1], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (values[2], 2 - G_SQRT2, 1e-12);

  eb_symmetric_eigenvalues (diag, 3, values);
  g_assert_cmpfloat (values[0], ==, 3);
  g_assert_cmpfloat (values[1], ==, 2);
  g_assert_cmpfloat (values[2], ==, 1);

  /* Rotations keep the trace (22) and the sum of squares of all entries
   * (16 + 25 + 36 + 49 + 2 (1 + 4 + 9 + 1 + 4 + 1) = 166). */
  eb_symmetric_eigenvalues (dense, 4, values);
  for (guint i = 0; i < 4; i++)
    {
      sum += values[i];
      sum_squares += values[i] * values[i];
    }
  g_assert_cmpfloat_with_epsilon (sum, 22, 1e-10);
  g_assert_cmpfloat_with_epsilon (sum_squares, 166, 1e-9);
}

/* The same dataset as a survey: answers as labels, through the scale. A
 * non-substantive answer and an unknown answer make a row incomplete; the
 * codes skip the non-substantive level. */
static void
test_from_survey (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  gboolean flags[6] = { FALSE, FALSE, FALSE, FALSE, FALSE, TRUE };
  g_autoptr(EbScale) scale = eb_scale_new (agreement, flags, 6);
  g_autoptr(EbReliability) rel = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  guint columns[4];
  JsonObject *object;
  JsonArray *array;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Item %u", i + 1);

      columns[i] = eb_survey_add_column (survey, name);
      eb_survey_set_column_scale (survey, columns[i], scale);
    }
  for (guint r = 0; r < 12; r++)
    {
      const char *cells[4];

      for (guint i = 0; i < 4; i++)
        cells[i] = isnan (data[r][i]) ? (r == 10 ? "Don't know" : "Agree strongly")
                                      : agreement[(int) data[r][i] - 1];
      eb_survey_append_row (survey, cells, 4);
    }

  rel = eb_reliability_new (survey, columns, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eb_reliability_get_n_complete (rel), ==, 10);
  g_assert_cmpfloat_with_epsilon (eb_reliability_get_alpha (rel), expected_alpha, 1e-10);
  g_assert_cmpfloat_with_epsilon (eb_reliability_get_first_component_percent (rel),
                                  expected_first_percent, 1e-8);
  g_assert_cmpstr (eb_reliability_get_item_name (rel, 2), ==, "Item 3");

  json = eb_reliability_to_json (rel);
  object = json_node_get_object (json);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "alpha"),
                                  expected_alpha, 1e-10);
  g_assert_cmpint (json_object_get_int_member (object, "n_complete"), ==, 10);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "first_component_percent"),
                                  expected_first_percent, 1e-8);
  array = json_object_get_array_member (object, "alpha_if_deleted");
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (array, 1),
                                  expected_alpha_if_deleted[1], 1e-10);
  array = json_object_get_array_member (object, "item_total_correlations");
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (array, 3),
                                  expected_item_total[3], 1e-10);
}

static void
test_no_scale (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(GError) error = NULL;
  guint columns[1];

  columns[0] = eb_survey_add_column (survey, "Comments");
  eb_survey_set_source_file (survey, "wave1.csv");
  g_assert_null (eb_reliability_new (survey, columns, 1, &error));
  g_assert_error (error, EB_RELIABILITY_ERROR, EB_RELIABILITY_ERROR_NO_SCALE);
  g_assert_nonnull (strstr (error->message, "wave1.csv"));
  g_assert_nonnull (strstr (error->message, "Comments"));
}

/* Too few cases, or an item nobody varies on: undefined, not garbage. */
static void
test_degenerate (void)
{
  static const double one_row[3] = { 1, 2, 3 };
  static const double constant[3][3] = { { 1, 2, 3 }, { 1, 3, 4 }, { 1, 4, 4 } };
  g_autoptr(EbReliability) few = eb_reliability_new_from_codes (one_row, 1, 3);
  g_autoptr(EbReliability) flat = eb_reliability_new_from_codes (&constant[0][0], 3, 3);
  g_autoptr(EbReliability) empty = eb_reliability_new_from_codes (NULL, 0, 3);
  g_autoptr(JsonNode) json = NULL;

  g_assert_cmpuint (eb_reliability_get_n_complete (few), ==, 1);
  g_assert_true (isnan (eb_reliability_get_alpha (few)));
  g_assert_true (isnan (eb_reliability_get_first_component_percent (few)));
  g_assert_cmpuint (eb_reliability_get_n_complete (empty), ==, 0);
  g_assert_true (isnan (eb_reliability_get_alpha (empty)));

  /* Item 1 is constant: alpha is still defined, its correlations are not. */
  g_assert_false (isnan (eb_reliability_get_alpha (flat)));
  g_assert_true (isnan (eb_reliability_get_item_total_correlation (flat, 0)));
  g_assert_false (isnan (eb_reliability_get_item_total_correlation (flat, 1)));
  g_assert_true (isnan (eb_reliability_get_first_component_percent (flat)));

  json = eb_reliability_to_json (few);
  g_assert_true (json_object_get_null_member (json_node_get_object (json), "alpha"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reliability/reference-dataset", test_reference_dataset);
  g_test_add_func ("/reliability/two-items-closed-form", test_two_items_closed_form);
  g_test_add_func ("/reliability/jacobi", test_jacobi);
  g_test_add_func ("/reliability/from-survey", test_from_survey);
  g_test_add_func ("/reliability/no-scale", test_no_scale);
  g_test_add_func ("/reliability/degenerate", test_degenerate);

  return g_test_run ();
}
