/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "coding-analysis.h"
#include "eb-coding-store.h"

/* How long coding takes with 100,000 quotes, in a project on the disk the
 * tests run on (WAL, synchronous=FULL: one fsync per commit). Prints the
 * times; with -m perf it also holds them to the budget: a tag is
 * stored in under 5 ms. */

#define N_ROWS 100000
#define N_TAGS 300

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static EbSurvey *
make_big_survey (void)
{
  static const char *fragments[] = {
    "Really useful", "sharing ideas with TAs from other schools", "trying out the games",
    "the Link Teacher was always there", "I feel more confident", "bouncing ideas off each other",
    "we’re not alone", "à la carte résumé ✓",
  };
  EbSurvey *survey = eb_survey_new ();

  eb_survey_add_column (survey, "Participant");
  eb_survey_add_column (survey, "Programme");
  eb_survey_add_column (survey, "Comments");
  eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_ATTRIBUTE);
  eb_survey_set_column_role (survey, 2, EB_COLUMN_ROLE_TEXT);
  for (guint r = 0; r < N_ROWS; r++)
    {
      g_autofree char *id = g_strdup_printf ("P%06u", r + 1);
      g_autofree char *text = g_strdup_printf ("%s, %s and %s (%u)",
                                               fragments[r % G_N_ELEMENTS (fragments)],
                                               fragments[(r / 8) % G_N_ELEMENTS (fragments)],
                                               fragments[(r / 64) % G_N_ELEMENTS (fragments)], r);
      const char *cells[] = { id, r % 2 ? "1CN" : "1CN2", text };

      eb_survey_append_row (survey, cells, G_N_ELEMENTS (cells));
    }
  return survey;
}

static double
ms (gint64 us)
{
  return us / 1000.0;
}

static void
test_tag_latency (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("evalbench-coding-perf-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.evalbench", NULL);
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbSurvey) survey = make_big_survey ();
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(EbThemeCounts) counts = NULL;
  EbQuoteList *quotes;
  gint64 start, theme = 0, median, p95;
  GRand *rand = g_rand_new_with_seed (42);

  project = eb_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (eb_project_store_survey (project, survey, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  store = eb_coding_store_new (project, survey, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("load 100,000 quotes: %.1f ms", ms (g_get_monotonic_time () - start));
  quotes = eb_coding_store_get_quotes (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (quotes)), ==, N_ROWS);
  g_assert_true (eb_coding_store_create_theme (store, 0, "Safe space", "#e7298a", NULL,
                                               EB_THEME_LEVEL_SELECTIVE, TRUE, &theme, &error));

  /* One tag at a time, as a coder presses a number key. */
  for (guint i = 0; i < N_TAGS; i++)
    {
      guint index = (guint) g_rand_int_range (rand, 0, N_ROWS);
      EbQuote *quote = eb_quote_list_get_quote (quotes, index);
      gint64 elapsed;

      if (eb_quote_is_coded (quote))
        continue;
      start = g_get_monotonic_time ();
      g_assert_true (eb_coding_store_tag (store, theme, eb_quote_get_row (quote),
                                          eb_quote_get_column (quote), 0, -1, NULL, &error));
      elapsed = g_get_monotonic_time () - start;
      g_assert_no_error (error);
      g_array_append_val (times, elapsed);
    }
  g_array_sort (times, compare_times);
  median = g_array_index (times, gint64, times->len / 2);
  p95 = g_array_index (times, gint64, times->len * 95 / 100);
  g_test_message ("tag one quote (stored, fsynced): median %.2f ms, 95th percentile %.2f ms, "
                  "max %.2f ms over %u tags", ms (median), ms (p95),
                  ms (g_array_index (times, gint64, times->len - 1)), times->len);

  start = g_get_monotonic_time ();
  g_assert_true (eb_undo_stack_undo (eb_coding_store_get_undo_stack (store), &error));
  g_test_message ("undo a tag: %.2f ms", ms (g_get_monotonic_time () - start));

  for (guint i = 0; i < 1000; i++)
    {
      guint index = i * 97;

      g_array_append_val (many, index);
    }
  start = g_get_monotonic_time ();
  g_assert_true (eb_coding_store_tag_quotes (store, theme, (const guint *) (gpointer) many->data,
                                             many->len, NULL, &error));
  g_test_message ("tag 1,000 quotes in one step: %.1f ms", ms (g_get_monotonic_time () - start));

  start = g_get_monotonic_time ();
  counts = eb_theme_counts_new (store, NULL, 0);
  g_test_message ("count themes over 100,000 quotes: %.1f ms",
                  ms (g_get_monotonic_time () - start));
  g_assert_cmpuint (eb_theme_counts_get_n_quotes (counts, theme), >=, 1000);

  if (g_test_perf ())
    g_assert_cmpint (median, <, 5000);

  g_rand_free (rand);
  g_clear_object (&store);
  eb_project_close (project);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coding/perf/tag-latency", test_tag_latency);

  return g_test_run ();
}
