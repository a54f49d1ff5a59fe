/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "coding-analysis.h"
#include "coding-test-util.h"
#include "likert-analysis.h"

/* The numbers below are worked out by hand from the fixture (see
 * coding-test-util.h and populate()): 16 quotes from 11 respondents (rows
 * 0-10; row 11 answered no open question), 11 of the quotes coded. */

static gint64
theme (Fixture *fixture,
       guint    which)
{
  return fixture->themes[which];
}

static void
assert_counts (EbThemeCounts *counts,
               gint64         theme_id,
               guint          quotes,
               guint          respondents,
               guint          direct)
{
  g_assert_cmpuint (eb_theme_counts_get_n_quotes (counts, theme_id), ==, quotes);
  g_assert_cmpuint (eb_theme_counts_get_n_respondents (counts, theme_id), ==, respondents);
  g_assert_cmpuint (eb_theme_counts_get_n_direct_quotes (counts, theme_id), ==, direct);
}

static gboolean
is_column (EbQuote  *quote,
           gpointer  user_data)
{
  return eb_quote_get_column (quote) == GPOINTER_TO_UINT (user_data);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(EbThemeCounts) all = NULL;
  g_autoptr(EbThemeCounts) peer = NULL;
  g_autoptr(EbThemeCounts) after = NULL;
  g_autoptr(GArray) visible = NULL;
  g_autoptr(GError) error = NULL;

  populate (fixture);
  all = eb_theme_counts_new (fixture->store, NULL, 0);
  g_assert_cmpuint (eb_theme_counts_get_total_quotes (all), ==, 16);
  g_assert_cmpuint (eb_theme_counts_get_total_respondents (all), ==, 11);
  g_assert_cmpuint (eb_theme_counts_get_coded_quotes (all), ==, 11);
  /* Quotes 0 and 8 each have two codings in the group: counted once. */
  assert_counts (all, theme (fixture, DISCUSS), 7, 7, 1);
  assert_counts (all, theme (fixture, IDEAS), 4, 4, 4);
  assert_counts (all, theme (fixture, PROBLEMS), 3, 3, 3);
  assert_counts (all, theme (fixture, CONFIDENCE), 4, 4, 4);
  assert_counts (all, theme (fixture, SAFE), 3, 3, 3);
  assert_counts (all, 999, 0, 0, 0);

  /* The current filter: the peer-support answers only. */
  visible = eb_quote_list_select (eb_coding_store_get_quotes (fixture->store), is_column,
                                  GUINT_TO_POINTER (COL_PEER));
  g_assert_cmpuint (visible->len, ==, 6);
  peer = eb_theme_counts_new (fixture->store, (const guint *) (gpointer) visible->data,
                              visible->len);
  g_assert_cmpuint (eb_theme_counts_get_total_quotes (peer), ==, 6);
  g_assert_cmpuint (eb_theme_counts_get_total_respondents (peer), ==, 6);
  g_assert_cmpuint (eb_theme_counts_get_coded_quotes (peer), ==, 4);
  assert_counts (peer, theme (fixture, DISCUSS), 2, 2, 0);
  assert_counts (peer, theme (fixture, IDEAS), 1, 1, 1);
  assert_counts (peer, theme (fixture, PROBLEMS), 1, 1, 1);
  assert_counts (peer, theme (fixture, CONFIDENCE), 2, 2, 2);
  assert_counts (peer, theme (fixture, SAFE), 1, 1, 1);

  /* Two quotes of one respondent: two quotes, one respondent. */
  g_assert_true (eb_coding_store_tag (fixture->store, theme (fixture, SAFE), 0, COL_F2F, 0, -1,
                                      NULL, &error));
  g_assert_true (eb_coding_store_tag (fixture->store, theme (fixture, SAFE), 0, COL_PEER, 0, -1,
                                      NULL, &error));
  /* A span and the whole answer with one theme: one quote. */
  g_assert_true (eb_coding_store_tag (fixture->store, theme (fixture, SAFE), 0, COL_F2F, 0, 4,
                                      NULL, &error));
  g_assert_no_error (error);
  after = eb_theme_counts_new (fixture->store, NULL, 0);
  assert_counts (after, theme (fixture, SAFE), 5, 4, 5);
}

static void
assert_percent (double value,
                double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
}

static void
test_crosstab (Fixture       *fixture,
               gconstpointer  data)
{
  /* Per theme (depth first): quotes and respondents for 1CN, 1CN2, none. */
  static const struct {
    guint which;
    guint quotes[3];
    guint respondents[3];
  } expected[] = {
    { DISCUSS,    { 4, 3, 0 }, { 4, 3, 0 } },
    { IDEAS,      { 3, 1, 0 }, { 3, 1, 0 } },
    { PROBLEMS,   { 1, 2, 0 }, { 1, 2, 0 } },
    { CONFIDENCE, { 3, 1, 0 }, { 3, 1, 0 } },
    { SAFE,       { 0, 3, 0 }, { 0, 3, 0 } },
  };
  g_autoptr(EbThemeCrosstab) crosstab = NULL;
  g_autoptr(EbThemeCrosstab) peer = NULL;
  g_autoptr(GArray) visible = NULL;

  populate (fixture);
  crosstab = eb_theme_crosstab_new (fixture->store, COL_PROGRAMME, NULL, 0);
  g_assert_cmpuint (eb_theme_crosstab_get_attribute_column (crosstab), ==, COL_PROGRAMME);
  g_assert_cmpuint (eb_theme_crosstab_get_n_values (crosstab), ==, 3);
  g_assert_cmpstr (eb_theme_crosstab_get_value (crosstab, 0), ==, "1CN");
  g_assert_cmpstr (eb_theme_crosstab_get_value (crosstab, 1), ==, "1CN2");
  g_assert_cmpstr (eb_theme_crosstab_get_value (crosstab, 2), ==, "");
  g_assert_cmpuint (eb_theme_crosstab_get_n_themes (crosstab), ==, 5);

  /* The bases: quotes 8 / 8 / 0, respondents 5 / 6 / 0 (row 11, with no
   * programme, answered no open question). */
  g_assert_cmpuint (eb_theme_crosstab_get_value_total (crosstab, EB_COUNT_QUOTES, 0), ==, 8);
  g_assert_cmpuint (eb_theme_crosstab_get_value_total (crosstab, EB_COUNT_QUOTES, 1), ==, 8);
  g_assert_cmpuint (eb_theme_crosstab_get_value_total (crosstab, EB_COUNT_QUOTES, 2), ==, 0);
  g_assert_cmpuint (eb_theme_crosstab_get_value_total (crosstab, EB_COUNT_RESPONDENTS, 0), ==, 5);
  g_assert_cmpuint (eb_theme_crosstab_get_value_total (crosstab, EB_COUNT_RESPONDENTS, 1), ==, 6);
  g_assert_cmpuint (eb_theme_crosstab_get_value_total (crosstab, EB_COUNT_RESPONDENTS, 2), ==, 0);
  g_assert_cmpuint (eb_theme_crosstab_get_grand_total (crosstab, EB_COUNT_QUOTES), ==, 16);
  g_assert_cmpuint (eb_theme_crosstab_get_grand_total (crosstab, EB_COUNT_RESPONDENTS), ==, 11);

  for (guint t = 0; t < G_N_ELEMENTS (expected); t++)
    {
      EbTheme *row = eb_theme_crosstab_get_theme (crosstab, t);
      guint quote_total = 0, respondent_total = 0;

      g_assert_cmpint (eb_theme_get_id (row), ==, theme (fixture, expected[t].which));
      for (guint v = 0; v < 3; v++)
        {
          quote_total += expected[t].quotes[v];
          respondent_total += expected[t].respondents[v];
          g_assert_cmpuint (eb_theme_crosstab_get_count (crosstab, EB_COUNT_QUOTES, t, v), ==,
                            expected[t].quotes[v]);
          g_assert_cmpuint (eb_theme_crosstab_get_count (crosstab, EB_COUNT_RESPONDENTS, t, v),
                            ==, expected[t].respondents[v]);
        }
      g_assert_cmpuint (eb_theme_crosstab_get_theme_total (crosstab, EB_COUNT_QUOTES, t), ==,
                        quote_total);
      g_assert_cmpuint (eb_theme_crosstab_get_theme_total (crosstab, EB_COUNT_RESPONDENTS, t),
                        ==, respondent_total);
    }

  /* Discuss and share: 4 of its 7 quotes are from 1CN (row %), and 4 of
   * the 8 1CN quotes have it (column %); 4 of the 5 1CN respondents
   * mention it, 3 of the 6 on 1CN2. */
  assert_percent (eb_theme_crosstab_get_row_percent (crosstab, EB_COUNT_QUOTES, 0, 0),
                  100.0 * 4 / 7);
  assert_percent (eb_theme_crosstab_get_row_percent (crosstab, EB_COUNT_QUOTES, 0, 1),
                  100.0 * 3 / 7);
  assert_percent (eb_theme_crosstab_get_row_percent (crosstab, EB_COUNT_QUOTES, 0, 2), 0.0);
  assert_percent (eb_theme_crosstab_get_column_percent (crosstab, EB_COUNT_QUOTES, 0, 0), 50.0);
  assert_percent (eb_theme_crosstab_get_column_percent (crosstab, EB_COUNT_QUOTES, 0, 1), 37.5);
  assert_percent (eb_theme_crosstab_get_column_percent (crosstab, EB_COUNT_QUOTES, 0, 2), NAN);
  assert_percent (eb_theme_crosstab_get_column_percent (crosstab, EB_COUNT_RESPONDENTS, 0, 0),
                  80.0);
  assert_percent (eb_theme_crosstab_get_column_percent (crosstab, EB_COUNT_RESPONDENTS, 0, 1),
                  50.0);
  assert_percent (eb_theme_crosstab_get_total_percent (crosstab, EB_COUNT_QUOTES, 0), 43.75);
  assert_percent (eb_theme_crosstab_get_total_percent (crosstab, EB_COUNT_RESPONDENTS, 0),
                  100.0 * 7 / 11);
  /* Safe space: all on 1CN2; half of its respondents. */
  assert_percent (eb_theme_crosstab_get_row_percent (crosstab, EB_COUNT_RESPONDENTS, 4, 1),
                  100.0);
  assert_percent (eb_theme_crosstab_get_column_percent (crosstab, EB_COUNT_RESPONDENTS, 4, 1),
                  50.0);
  assert_percent (eb_theme_crosstab_get_column_percent (crosstab, EB_COUNT_RESPONDENTS, 4, 0),
                  0.0);

  /* Filtered to the peer-support answers: rows 0, 2, 4 (1CN) and 6, 8,
   * 10 (1CN2). */
  visible = eb_quote_list_select (eb_coding_store_get_quotes (fixture->store), is_column,
                                  GUINT_TO_POINTER (COL_PEER));
  peer = eb_theme_crosstab_new (fixture->store, COL_PROGRAMME,
                                (const guint *) (gpointer) visible->data, visible->len);
  g_assert_cmpuint (eb_theme_crosstab_get_n_values (peer), ==, 3);
  g_assert_cmpuint (eb_theme_crosstab_get_value_total (peer, EB_COUNT_RESPONDENTS, 0), ==, 3);
  g_assert_cmpuint (eb_theme_crosstab_get_count (peer, EB_COUNT_QUOTES, 0, 0), ==, 1);
  g_assert_cmpuint (eb_theme_crosstab_get_count (peer, EB_COUNT_QUOTES, 0, 1), ==, 1);
  g_assert_cmpuint (eb_theme_crosstab_get_count (peer, EB_COUNT_QUOTES, 3, 0), ==, 1);
  g_assert_cmpuint (eb_theme_crosstab_get_count (peer, EB_COUNT_QUOTES, 3, 1), ==, 1);
  assert_percent (eb_theme_crosstab_get_column_percent (peer, EB_COUNT_RESPONDENTS, 3, 0),
                  100.0 / 3);
  g_assert_cmpuint (eb_theme_crosstab_get_grand_total (peer, EB_COUNT_QUOTES), ==, 6);

  /* By gender: a respondent without one (row 4) forms the last column. */
  g_clear_pointer (&crosstab, eb_theme_crosstab_unref);
  crosstab = eb_theme_crosstab_new (fixture->store, COL_GENDER, NULL, 0);
  g_assert_cmpuint (eb_theme_crosstab_get_n_values (crosstab), ==, 3);
  g_assert_cmpstr (eb_theme_crosstab_get_value (crosstab, 0), ==, "Female");
  g_assert_cmpstr (eb_theme_crosstab_get_value (crosstab, 1), ==, "Male");
  g_assert_cmpstr (eb_theme_crosstab_get_value (crosstab, 2), ==, "");
  g_assert_cmpuint (eb_theme_crosstab_get_value_total (crosstab, EB_COUNT_QUOTES, 2), ==, 2);
  g_assert_cmpuint (eb_theme_crosstab_get_value_total (crosstab, EB_COUNT_RESPONDENTS, 1), ==, 2);
}

static void
test_profile (Fixture       *fixture,
              gconstpointer  data)
{
  static const guint items[] = { COL_CONFIDENCE };
  static const guint not_likert[] = { COL_GENDER };
  g_autoptr(EbThemeProfile) profile = NULL;
  g_autoptr(EbThemeProfile) peer = NULL;
  g_autoptr(GArray) visible = NULL;
  g_autoptr(GError) error = NULL;

  populate (fixture);
  /* Confidence is mentioned by rows 0, 2, 3, 6 (codes 4, 4, 2, 4). The
   * others, rows 1, 4, 5, 7-11, gave 3, 3, 1, -, 3, 2, Don't know, 4. */
  profile = eb_theme_profile_new (fixture->store, theme (fixture, CONFIDENCE), items,
                                  G_N_ELEMENTS (items), NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eb_theme_profile_get_theme_id (profile), ==, theme (fixture, CONFIDENCE));
  g_assert_cmpuint (eb_theme_profile_get_n_items (profile), ==, 1);
  g_assert_cmpuint (eb_theme_profile_get_column (profile, 0), ==, COL_CONFIDENCE);
  g_assert_cmpuint (eb_theme_profile_get_n_respondents (profile, EB_PROFILE_MENTION), ==, 4);
  g_assert_cmpuint (eb_theme_profile_get_n_respondents (profile, EB_PROFILE_OTHERS), ==, 8);
  g_assert_cmpuint (eb_theme_profile_get_n_valid (profile, EB_PROFILE_MENTION, 0), ==, 4);
  g_assert_cmpuint (eb_theme_profile_get_n_valid (profile, EB_PROFILE_OTHERS, 0), ==, 6);
  assert_percent (eb_theme_profile_get_mean (profile, EB_PROFILE_MENTION, 0), 3.5);
  assert_percent (eb_theme_profile_get_mean (profile, EB_PROFILE_OTHERS, 0), 16.0 / 6);
  assert_percent (eb_theme_profile_get_percent_positive (profile, EB_PROFILE_MENTION, 0), 75.0);
  assert_percent (eb_theme_profile_get_percent_positive (profile, EB_PROFILE_OTHERS, 0),
                  100.0 * 4 / 6);

  /* Among the respondents of the peer-support answers (rows 0, 2, 4, 6,
   * 8, 10): rows 0 and 6 mention it (4, 4); rows 2, 4, 8 give 4, 3, 3 and
   * row 10 does not know. */
  visible = eb_quote_list_select (eb_coding_store_get_quotes (fixture->store), is_column,
                                  GUINT_TO_POINTER (COL_PEER));
  peer = eb_theme_profile_new (fixture->store, theme (fixture, CONFIDENCE), items,
                               G_N_ELEMENTS (items), (const guint *) (gpointer) visible->data,
                               visible->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eb_theme_profile_get_n_respondents (peer, EB_PROFILE_MENTION), ==, 2);
  g_assert_cmpuint (eb_theme_profile_get_n_respondents (peer, EB_PROFILE_OTHERS), ==, 4);
  g_assert_cmpuint (eb_theme_profile_get_n_valid (peer, EB_PROFILE_OTHERS, 0), ==, 3);
  assert_percent (eb_theme_profile_get_mean (peer, EB_PROFILE_MENTION, 0), 4.0);
  assert_percent (eb_theme_profile_get_mean (peer, EB_PROFILE_OTHERS, 0), 10.0 / 3);
  assert_percent (eb_theme_profile_get_percent_positive (peer, EB_PROFILE_OTHERS, 0), 100.0);

  /* A group's profile covers its sub-themes: rows 0, 1, 2, 3, 6, 8, 10. */
  g_clear_pointer (&profile, eb_theme_profile_unref);
  profile = eb_theme_profile_new (fixture->store, theme (fixture, DISCUSS), items, 1, NULL, 0,
                                  &error);
  g_assert_cmpuint (eb_theme_profile_get_n_respondents (profile, EB_PROFILE_MENTION), ==, 7);
  /* 4, 3, 4, 2, 4, 3 and Don't know. */
  g_assert_cmpuint (eb_theme_profile_get_n_valid (profile, EB_PROFILE_MENTION, 0), ==, 6);
  assert_percent (eb_theme_profile_get_mean (profile, EB_PROFILE_MENTION, 0), 20.0 / 6);

  /* A theme nobody mentions has no mean. */
  g_clear_pointer (&profile, eb_theme_profile_unref);
  profile = eb_theme_profile_new (fixture->store, theme (fixture, PROBLEMS), items, 1, visible ?
                                  (const guint *) (gpointer) visible->data : NULL, 0, &error);
  g_assert_cmpuint (eb_theme_profile_get_n_respondents (profile, EB_PROFILE_MENTION), ==, 0);
  assert_percent (eb_theme_profile_get_mean (profile, EB_PROFILE_MENTION, 0), NAN);

  g_assert_null (eb_theme_profile_new (fixture->store, theme (fixture, PROBLEMS), not_likert, 1,
                                       NULL, 0, &error));
  g_assert_error (error, EB_LIKERT_ERROR, EB_LIKERT_ERROR_NO_SCALE);
  g_assert_cmpstr (error->message, ==, "Column 3 (“Gender”) has no answer scale");
  g_clear_error (&error);
  g_assert_null (eb_theme_profile_new (fixture->store, 99, items, 1, NULL, 0, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME);
  g_clear_error (&error);
}

static void
test_quotes_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) filtered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  JsonObject *first, *attributes;
  JsonArray *themes;

  populate (fixture);
  root = eb_quotes_to_json (fixture->store, NULL, &error);
  g_assert_no_error (error);
  /* Printed and parsed again, as `quotes --json` is read. */
  text = json_to_string (root, FALSE);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 16);

  first = json_array_get_object_element (array, 0);
  g_assert_cmpuint (json_object_get_size (first), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (first, "respondent"), ==, "R01");
  g_assert_cmpstr (json_object_get_string_member (first, "column"), ==, "Face-to-face sessions");
  g_assert_cmpstr (json_object_get_string_member (first, "text"), ==, TEXT_R0);
  themes = json_object_get_array_member (first, "themes");
  g_assert_cmpuint (json_array_get_length (themes), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (themes, 0), ==, "Sharing ideas");
  g_assert_cmpstr (json_array_get_string_element (themes, 1), ==, "Common problems");
  attributes = json_object_get_object_member (first, "attributes");
  g_assert_cmpuint (json_object_get_size (attributes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (attributes, "Programme"), ==, "1CN");
  g_assert_cmpstr (json_object_get_string_member (attributes, "Gender"), ==, "Female");
  /* Row 4 has no gender: null. */
  attributes = json_object_get_object_member (json_array_get_object_element (array, 4),
                                              "attributes");
  g_assert_true (json_object_get_null_member (attributes, "Gender"));
  /* An uncoded quote has an empty list. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (array, 4),
                                                                         "themes")), ==, 0);

  /* --theme takes the sub-themes along, and any case. */
  filtered = eb_quotes_to_json (fixture->store, "discuss AND share", &error);
  g_assert_no_error (error);
  array = json_node_get_array (filtered);
  g_assert_cmpuint (json_array_get_length (array), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 6),
                                                  "respondent"), ==, "R11");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 6),
                                                  "column"), ==, "Peer support");
  g_assert_null (eb_quotes_to_json (fixture->store, "Nope", &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME);
  g_assert_cmpstr (error->message, ==, "There is no theme named “Nope”");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/coding/analysis/counts", test_counts);
  ADD ("/coding/analysis/crosstab", test_crosstab);
  ADD ("/coding/analysis/profile", test_profile);
  ADD ("/coding/analysis/quotes-json", test_quotes_json);

  return g_test_run ();
}
