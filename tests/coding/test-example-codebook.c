/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "coding-analysis.h"
#include "example-codebook.h"
#include "survey-import.h"

/* The paper's codebook seeded into a project made from the real example
 * survey, as the build makes the example project. */

typedef struct
{
  char      *dir;
  char      *path;
  EbProject *project;
} Example;

static void
example_set_up (Example       *example,
                gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                "peer-mentoring-survey.csv", NULL);
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;

  survey = eb_survey_import (csv, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  example->dir = g_dir_make_tmp ("evalbench-example-XXXXXX", &error);
  g_assert_no_error (error);
  example->path = g_build_filename (example->dir, "peer-mentoring.evalbench", NULL);
  example->project = eb_project_open (example->path, &error);
  g_assert_no_error (error);
  g_assert_true (eb_project_store_survey (example->project, survey, &error));
  g_assert_no_error (error);
}

static void
example_tear_down (Example       *example,
                   gconstpointer  data)
{
  g_assert_finalize_object (example->project);
  g_assert_cmpint (g_remove (example->path), ==, 0);
  g_assert_cmpint (g_rmdir (example->dir), ==, 0);
  g_free (example->path);
  g_free (example->dir);
}

static EbCodingStore *
open_store (Example *example)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = eb_project_load_survey (example->project, &error);
  EbCodingStore *store;

  g_assert_no_error (error);
  store = eb_coding_store_new (example->project, survey, NULL, &error);
  g_assert_no_error (error);
  return store;
}

/* The themes of the quote of PARTICIPANT in COLUMN, joined by "; ". */
static char *
themes_of (EbCodingStore *store,
           const char    *participant,
           const char    *column)
{
  EbQuoteList *quotes = eb_coding_store_get_quotes (store);
  EbSurvey *survey = eb_coding_store_get_survey (store);
  int c = eb_survey_find_column (survey, column);

  g_assert_cmpint (c, >=, 0);
  for (guint r = 0; r < eb_survey_get_n_rows (survey); r++)
    if (g_strcmp0 (eb_survey_get_cell (survey, r, 0), participant) == 0)
      {
        int index = eb_quote_list_find (quotes, r, (guint) c);
        g_auto(GStrv) names = NULL;

        g_assert_cmpint (index, >=, 0);
        names = eb_quote_dup_theme_names (eb_quote_list_get_quote (quotes, (guint) index));
        return g_strjoinv ("; ", names);
      }
  g_assert_not_reached ();
}

static void
test_seed (Example       *example,
           gconstpointer  data)
{
  static const char *f2f = "Face-to-face sessions";
  static const char *peer = "Peer support of other school staff on the training program";
  g_autoptr(GError) error = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(EbThemeCounts) counts = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *coder = NULL;
  EbCodebook *codebook;
  EbTheme *theme;
  struct { const char *participant; const char *column; const char *themes; } coded[] = {
    { "117", f2f, "Improved practice in the classroom" },
    { "114", peer, "A supportive atmosphere" },
    { "8", f2f, "Peer discussions of common problems and possible solutions" },
    { "8", peer, "Increased confidence and reassurance" },
    { "48", f2f, "Self-reflection" },
    { "56", f2f, "Sharing ideas" },
    { "56", peer, "Motivation and enthusiasm" },
    { "5", peer, "Not alone" },
    { "212", f2f, "A safe space to test teaching plans and resources" },
    { "216", f2f, "A safe space to test teaching plans and resources" },
    { "216", peer, "Improved practice in the classroom" },
    { "102", peer, "Sharing ideas" },
    { "106", peer, "A supportive atmosphere" },
  };

  g_assert_true (eb_example_codebook_seed_project (example->project, &error));
  g_assert_no_error (error);
  store = open_store (example);
  codebook = eb_coding_store_get_codebook (store);

  /* The paper's themes, in its order, with sub-themes, levels, colours and
   * definitions. */
  themes = eb_codebook_dup_themes (codebook);
  g_assert_cmpuint (themes->len, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (codebook)), ==, 5);
  for (guint i = 0; i < themes->len; i++)
    {
      EbTheme *t = g_ptr_array_index (themes, i);
      const char *description = eb_theme_get_description (t);

      g_assert_true (g_regex_match_simple ("^#[0-9a-f]{6}$", eb_theme_get_color (t), 0, 0));
      g_assert_cmpuint (strlen (description), >, 150);
      g_assert_cmpint (eb_theme_get_level (t), ==,
                       eb_theme_get_parent (t) != NULL ? EB_THEME_LEVEL_AXIAL
                       : g_str_equal (eb_theme_get_name (t), "Improved practice in the classroom")
                       ? EB_THEME_LEVEL_OPEN : EB_THEME_LEVEL_SELECTIVE);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (eb_theme_get_color (t), !=,
                         eb_theme_get_color (g_ptr_array_index (themes, j)));
    }
  g_assert_cmpstr (eb_theme_get_name (g_ptr_array_index (themes, 0)), ==,
                   "A supportive atmosphere");
  theme = eb_codebook_find_theme (codebook, "An opportunity to discuss and share");
  g_assert_cmpuint (g_list_model_get_n_items (eb_theme_get_children (theme)), ==, 3);
  g_assert_nonnull (strstr (eb_theme_get_description (theme), "214"));

  for (guint i = 0; i < G_N_ELEMENTS (coded); i++)
    {
      g_autofree char *names = themes_of (store, coded[i].participant, coded[i].column);

      g_assert_cmpstr (names, ==, coded[i].themes);
    }
  /* A phrase inside a longer answer is a span of it. */
  {
    EbQuoteList *quotes = eb_coding_store_get_quotes (store);
    EbSurvey *survey = eb_coding_store_get_survey (store);
    int column = eb_survey_find_column (survey, f2f);
    int index = -1;
    EbQuote *quote;
    EbCoding *coding;
    gsize start = 0, end = 0;
    g_autofree char *span = NULL;

    for (guint r = 0; r < eb_survey_get_n_rows (survey); r++)
      if (g_str_equal (eb_survey_get_cell (survey, r, 0), "83"))
        index = eb_quote_list_find (quotes, r, (guint) column);
    g_assert_cmpint (index, >=, 0);
    quote = eb_quote_list_get_quote (quotes, (guint) index);
    g_assert_cmpuint (eb_quote_get_n_codings (quote), ==, 1);
    coding = eb_quote_get_coding (quote, 0);
    g_assert_false (eb_coding_is_whole (coding));
    g_assert_true (eb_coding_get_byte_range (coding, eb_quote_get_text (quote), &start, &end));
    span = g_strndup (eb_quote_get_text (quote) + start, end - start);
    g_assert_cmpstr (span, ==, "bouncing ideas off each other");
    /* "Very good – " has a three-byte dash: characters are not bytes. */
    g_assert_cmpint (eb_coding_get_start (coding), ==, 12);
    g_assert_cmpuint (start, ==, 14);
  }

  counts = eb_theme_counts_new (store, NULL, 0);
  g_assert_cmpuint (eb_theme_counts_get_total_quotes (counts), ==, 199 + 148);
  g_assert_cmpuint (eb_theme_counts_get_n_quotes (counts,
                                                  eb_theme_get_id (eb_codebook_find_theme (codebook, "Sharing ideas"))),
                    ==, 13);
  g_assert_cmpuint (eb_theme_counts_get_n_quotes (counts, eb_theme_get_id (theme)), ==, 22);
  g_assert_cmpuint (eb_coding_store_get_n_codings (store), ==, 55);

  problems = eb_coding_store_find_invalid_codings (store);
  g_assert_cmpuint (problems->len, ==, 0);
  coder = g_strdup (eb_coding_get_coder (eb_coding_store_get_coding (store, 1)));
  g_assert_cmpstr (coder, ==, "Evalbench example");

  json = eb_quotes_to_json (store, "Increased confidence and reassurance", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json)), ==, 12);
  {
    JsonObject *first = json_array_get_object_element (json_node_get_array (json), 0);
    JsonObject *attributes = json_object_get_object_member (first, "attributes");

    g_assert_cmpstr (json_object_get_string_member (first, "respondent"), ==, "36");
    g_assert_cmpstr (json_object_get_string_member (attributes, "Programme"), ==, "1CN");
  }

  /* Seeding twice is refused: the names are taken. */
  g_assert_false (eb_example_codebook_seed (store, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_DUPLICATE_NAME);
  g_clear_error (&error);
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/coding/example/seed", Example, NULL, example_set_up, test_seed,
              example_tear_down);

  return g_test_run ();
}
