/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "eb-survey.h"
#include "survey-detect.h"
#include "survey-merge.h"

static const char *development[] = {
  "Strongly developed", "Developed somewhat", "No change",
  "Realise I need to develop much more",
};

/* A survey in the shape of the paper: id, gender, programme, one item on
 * the development scale, one open question. */
static EbSurvey *
make_paper_like_survey (guint n_rows)
{
  EbSurvey *survey = eb_survey_new ();
  const char *names[] = { "Participant", "Gender", "Programme",
                          "Increase my confidence in teaching or supporting mathematics in general",
                          "Face-to-face sessions", "Start time" };

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    eb_survey_add_column (survey, names[c]);
  for (guint row = 0; row < n_rows; row++)
    {
      g_autofree char *id = g_strdup_printf ("%u", row + 1);
      g_autofree char *quote = g_strdup_printf ("Sharing ideas with colleague %u helped, "
                                                "and the sessions were well paced", row);
      g_autofree char *when = g_strdup_printf ("2014-03-%02u 10:%02u", 1 + row % 28, row % 60);
      const char *cells[] = {
        id, row % 30 == 0 ? "Male" : "Female", row % 2 ? "1CN" : "1CN2",
        row % 17 == 0 ? "" : development[row % 4],
        row % 3 == 0 ? "" : quote, when,
      };

      eb_survey_append_row (survey, cells, G_N_ELEMENTS (cells));
    }
  return survey;
}

static void
test_cells (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  const char *row1[] = { "1", "Grüße, “quoted”" };
  const char *row2[] = { "2" };

  g_assert_cmpuint (eb_survey_add_column (survey, "ID"), ==, 0);
  g_assert_cmpuint (eb_survey_add_column (survey, "Answer"), ==, 1);
  eb_survey_append_row (survey, row1, 2);
  eb_survey_append_row (survey, row2, 1);

  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 2);
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, 2);
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 1), ==, "Grüße, “quoted”");
  /* A short row's missing cells are empty, never NULL. */
  g_assert_cmpstr (eb_survey_get_cell (survey, 1, 1), ==, "");
  g_assert_cmpint (eb_survey_find_column (survey, "Answer"), ==, 1);
  g_assert_cmpint (eb_survey_find_column (survey, "answer"), ==, -1);
  g_assert_cmpuint (eb_survey_count_missing (survey, 1), ==, 1);
  g_assert_cmpuint (eb_survey_count_distinct (survey, 0), ==, 2);

  /* A column added later is empty for the rows already there. */
  eb_survey_add_column (survey, "Late");
  g_assert_cmpstr (eb_survey_get_cell (survey, 1, 2), ==, "");
  g_assert_cmpuint (eb_survey_count_missing (survey, 2), ==, 2);
}

static void
test_roles_by_name (void)
{
  EbColumnRole role;

  g_assert_cmpstr (eb_column_role_to_string (EB_COLUMN_ROLE_LIKERT), ==, "likert");
  g_assert_true (eb_column_role_from_string ("Attribute", &role));
  g_assert_cmpint (role, ==, EB_COLUMN_ROLE_ATTRIBUTE);
  g_assert_false (eb_column_role_from_string ("quote", &role));
}

static void
test_detect_paper_shape (void)
{
  g_autoptr(EbSurvey) survey = make_paper_like_survey (304);
  EbScale *scale;

  eb_survey_detect (survey, NULL);
  g_assert_cmpint (eb_survey_get_column_role (survey, 0), ==, EB_COLUMN_ROLE_ID);
  g_assert_cmpint (eb_survey_get_column_role (survey, 1), ==, EB_COLUMN_ROLE_ATTRIBUTE);
  g_assert_cmpint (eb_survey_get_column_role (survey, 2), ==, EB_COLUMN_ROLE_ATTRIBUTE);
  g_assert_cmpint (eb_survey_get_column_role (survey, 3), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_cmpint (eb_survey_get_column_role (survey, 4), ==, EB_COLUMN_ROLE_TEXT);
  g_assert_cmpint (eb_survey_get_column_role (survey, 5), ==, EB_COLUMN_ROLE_DATE);

  scale = eb_survey_get_column_scale (survey, 3);
  g_assert_nonnull (scale);
  g_assert_cmpstr (eb_scale_get_label (scale, 0), ==, "Realise I need to develop much more");
  g_assert_cmpstr (eb_scale_get_label (scale, 3), ==, "Strongly developed");
  g_assert_null (eb_survey_get_column_scale (survey, 1));
  g_assert_cmpuint (eb_survey_count_missing (survey, 3), ==, 18);
}

/* --scale wins over the library, and an unknown label set becomes Likert
 * only through it. */
static void
test_detect_user_scale (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(GPtrArray) scales = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_scale_unref);
  const char *answers[] = { "Bronze", "Silver", "Gold", "silver ", "Not sure" };

  eb_survey_add_column (survey, "Medal");
  for (guint i = 0; i < 40; i++)
    eb_survey_append_row (survey, &answers[i % G_N_ELEMENTS (answers)], 1);

  eb_survey_detect (survey, NULL);
  g_assert_cmpint (eb_survey_get_column_role (survey, 0), ==, EB_COLUMN_ROLE_ATTRIBUTE);

  g_ptr_array_add (scales, eb_scale_parse_spec ("Bronze<Silver<Gold<Not sure!", NULL));
  eb_survey_detect (survey, scales);
  g_assert_cmpint (eb_survey_get_column_role (survey, 0), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_true (eb_survey_get_column_scale (survey, 0) == g_ptr_array_index (scales, 0));
}

static void
test_detect_multi_and_number (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  /* Repeated numbers ("3" twice) are numbers every time they appear. */
  const char *rows[][3] = {
    { "Resources;Peer support;", "3", "" },
    { "Peer support;", "14", "" },
    { "Resources;Link Teacher;", "8.5", "" },
    { "Link Teacher;Peer support;", "3", "" },
    { "Resources;", "0.25", "" },
  };

  eb_survey_add_column (survey, "Which helped you most?");
  eb_survey_add_column (survey, "Hours of training");
  eb_survey_add_column (survey, "Never answered");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    eb_survey_append_row (survey, rows[i], 3);
  eb_survey_detect (survey, NULL);
  g_assert_cmpint (eb_survey_get_column_role (survey, 0), ==, EB_COLUMN_ROLE_MULTI);
  g_assert_cmpint (eb_survey_get_column_role (survey, 1), ==, EB_COLUMN_ROLE_NUMBER);
  g_assert_cmpint (eb_survey_get_column_role (survey, 2), ==, EB_COLUMN_ROLE_IGNORED);
}

/* "Select all that apply" exported as one column per option: each holds
 * its option's name (SurveyMonkey), a tick (Qualtrics "1", "Yes") or
 * nothing. A grid of Likert statements under one question is not that, nor
 * is the "Other (please specify)" write-in. */
static void
test_detect_option_columns (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  const char *names[] = {
    "Which resources did you use? - Handbook", "Which resources did you use? - Videos",
    "Which resources did you use? - Other (please specify)",
    "How far do you agree? - Sessions were useful", "How far do you agree? - I could ask",
    "Which days? [Monday]", "Which days? [Friday]", "Hours",
  };
  const char *rows[][8] = {
    { "Handbook", "Videos", "A podcast", "Agree", "Disagree", "Yes", "", "3" },
    { "Handbook", "", "", "Strongly agree", "Agree", "", "Yes", "2" },
    { "", "Videos", "Our maths lead", "Disagree", "Agree", "Yes", "Yes", "4" },
    { "", "", "", "Agree", "Strongly agree", "", "", "" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    eb_survey_add_column (survey, names[c]);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    eb_survey_append_row (survey, rows[r], G_N_ELEMENTS (names));
  eb_survey_detect (survey, NULL);

  g_assert_cmpint (eb_survey_get_column_role (survey, 0), ==, EB_COLUMN_ROLE_MULTI);
  g_assert_cmpint (eb_survey_get_column_role (survey, 1), ==, EB_COLUMN_ROLE_MULTI);
  g_assert_cmpint (eb_survey_get_column_role (survey, 2), ==, EB_COLUMN_ROLE_TEXT);
  g_assert_cmpint (eb_survey_get_column_role (survey, 3), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_cmpint (eb_survey_get_column_role (survey, 4), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_cmpint (eb_survey_get_column_role (survey, 5), ==, EB_COLUMN_ROLE_MULTI);
  g_assert_null (eb_survey_get_column_scale (survey, 5));
  g_assert_cmpint (eb_survey_get_column_role (survey, 6), ==, EB_COLUMN_ROLE_MULTI);
  g_assert_cmpint (eb_survey_get_column_role (survey, 7), ==, EB_COLUMN_ROLE_NUMBER);
}

static void
test_merge (void)
{
  g_autoptr(EbSurvey) a = eb_survey_new ();
  g_autoptr(EbSurvey) b = eb_survey_new ();
  g_autoptr(EbSurvey) merged = NULL;
  const char *row_a[] = { "1", "Agree" };
  const char *row_b[] = { "Strongly agree", "2", "School B" };
  EbSurvey *surveys[] = { a, b };
  const char *labels[] = { "wave1.csv", "wave2.csv" };

  eb_survey_add_column (a, "ID");
  eb_survey_add_column (a, "Q1");
  eb_survey_append_row (a, row_a, 2);
  eb_survey_add_column (b, "Q1");
  eb_survey_add_column (b, "ID");
  eb_survey_add_column (b, "School");
  eb_survey_append_row (b, row_b, 3);
  eb_survey_append_row (b, row_b, 3);

  merged = eb_survey_merge (surveys, labels, 2, "Wave");
  g_assert_cmpuint (eb_survey_get_n_columns (merged), ==, 4);
  g_assert_cmpuint (eb_survey_get_n_rows (merged), ==, 3);
  g_assert_cmpstr (eb_survey_get_column_name (merged, 0), ==, "Wave");
  g_assert_cmpstr (eb_survey_get_column_name (merged, 3), ==, "School");
  g_assert_cmpstr (eb_survey_get_cell (merged, 0, 0), ==, "wave1.csv");
  g_assert_cmpstr (eb_survey_get_cell (merged, 0, 3), ==, "");
  g_assert_cmpstr (eb_survey_get_cell (merged, 2, 0), ==, "wave2.csv");
  g_assert_cmpstr (eb_survey_get_cell (merged, 2, 1), ==, "2");
  g_assert_cmpstr (eb_survey_get_cell (merged, 2, 2), ==, "Strongly agree");

  /* Waves from one survey tool keep its header style; a mixture has none. */
  g_clear_object (&merged);
  eb_survey_set_header_style (a, "qualtrics");
  eb_survey_set_header_style (b, "qualtrics");
  merged = eb_survey_merge (surveys, labels, 2, "Wave");
  g_assert_cmpstr (eb_survey_get_header_style (merged), ==, "qualtrics");
  g_clear_object (&merged);
  eb_survey_set_header_style (b, "surveymonkey");
  merged = eb_survey_merge (surveys, labels, 2, "Wave");
  g_assert_null (eb_survey_get_header_style (merged));
}

/* Two waves with the same respondents: each id once per wave. Alone, the
 * merged column repeats every id and reads as text; the waves agree it is
 * the id, and it stays so, linking each respondent's two answers. */
static void
test_merge_waves (void)
{
  g_autoptr(EbSurvey) pre = eb_survey_new ();
  g_autoptr(EbSurvey) post = eb_survey_new ();
  g_autoptr(EbSurvey) merged = NULL;
  EbSurvey *surveys[] = { pre, post };
  const char *labels[] = { "pre.csv", "post.csv" };

  for (guint s = 0; s < 2; s++)
    {
      eb_survey_add_column (surveys[s], "Participant ID");
      eb_survey_add_column (surveys[s], "Comment");
      for (guint r = 0; r < 30; r++)
        {
          g_autofree char *id = g_strdup_printf ("T%03u", r + 1);
          g_autofree char *comment = g_strdup_printf ("Wave %u, teacher %u: it went well", s + 1, r + 1);
          const char *cells[] = { id, comment };

          eb_survey_append_row (surveys[s], cells, 2);
        }
      eb_survey_detect (surveys[s], NULL);
      g_assert_cmpint (eb_survey_get_column_role (surveys[s], 0), ==, EB_COLUMN_ROLE_ID);
    }

  merged = eb_survey_merge (surveys, labels, 2, "Wave");
  eb_survey_detect (merged, NULL);
  g_assert_cmpint (eb_survey_get_column_role (merged, 1), !=, EB_COLUMN_ROLE_ID);
  eb_survey_merge_detect (merged, surveys, 2, NULL);
  g_assert_cmpstr (eb_survey_get_column_name (merged, 1), ==, "Participant ID");
  g_assert_cmpint (eb_survey_get_column_role (merged, 1), ==, EB_COLUMN_ROLE_ID);
  g_assert_cmpint (eb_survey_get_column_role (merged, 0), ==, EB_COLUMN_ROLE_ATTRIBUTE);
  g_assert_cmpint (eb_survey_get_column_role (merged, 2), ==, EB_COLUMN_ROLE_TEXT);
}

/* Interning keeps a 100,000-row survey of repeated labels small: every
 * "Strongly developed" is one string. */
static void
test_large_interned (void)
{
  g_autoptr(EbSurvey) survey = make_paper_like_survey (100000);

  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 100000);
  g_assert_cmpstr (eb_survey_get_cell (survey, 1, 3), ==, "Developed somewhat");
  g_assert_true (eb_survey_get_cell (survey, 1, 3) == eb_survey_get_cell (survey, 5, 3));
  g_assert_cmpuint (eb_survey_count_distinct (survey, 3), ==, 4);
  g_assert_cmpuint (eb_survey_count_distinct (survey, 0), ==, 100000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/survey/cells", test_cells);
  g_test_add_func ("/survey/roles/names", test_roles_by_name);
  g_test_add_func ("/survey/detect/paper-shape", test_detect_paper_shape);
  g_test_add_func ("/survey/detect/user-scale", test_detect_user_scale);
  g_test_add_func ("/survey/detect/multi-and-number", test_detect_multi_and_number);
  g_test_add_func ("/survey/detect/option-columns", test_detect_option_columns);
  g_test_add_func ("/survey/merge", test_merge);
  g_test_add_func ("/survey/merge/waves", test_merge_waves);
  g_test_add_func ("/survey/large-interned", test_large_interned);

  return g_test_run ();
}
