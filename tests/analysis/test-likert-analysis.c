/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "likert-analysis.h"

/* ---- Table 1 of the paper (seeds/000) ---- */

/* The paper's development scale, lowest first (the table prints it highest
 * first). */
static const char *development[] = {
  "Realize I need to develop much more", "No change", "Developed somewhat",
  "Strongly developed",
};

static const char *table1_items[7] = {
  "Deepen my knowledge and understanding of the subject of mathematics",
  "Increase my knowledge and understanding of the mathematics curriculum in my school",
  "Develop my knowledge and understanding of mathematics interventions",
  "Enhance my teaching skills and strategies for delivering mathematics interventions",
  "Increase my confidence in teaching or supporting mathematics in general",
  "Enable pupils identified as low achievers to learn more mathematics",
  "Enhance my ability to help all pupils to learn more mathematics",
};

/* Counts as printed, lowest level first. */
static const guint table1_counts[7][4] = {
  { 5, 19, 149, 128 },
  { 2, 69, 151, 79 },
  { 5, 13, 110, 173 },
  { 4, 8, 93, 198 },
  { 3, 14, 108, 177 },
  { 5, 5, 130, 164 },
  { 5, 13, 149, 136 },
};

/* Percentages as printed, lowest level first. Every one of them is the
 * correctly rounded share of the row's valid answers: the cells that look
 * odd are not errors. Item 6 has 5/304 = 1.645 % at both ends, printed 1.6
 * (once without its "%"), and item 4's 30.7 is printed "30.7 %"; these are
 * typesetting, not arithmetic. So we assert the paper's figures as they
 * stand. */
static const double table1_percents[7][4] = {
  { 1.7, 6.3, 49.5, 42.5 },
  { 0.7, 22.9, 50.2, 26.2 },
  { 1.7, 4.3, 36.5, 57.5 },
  { 1.3, 2.6, 30.7, 65.3 },
  { 1.0, 4.6, 35.8, 58.6 },
  { 1.6, 1.6, 42.8, 53.9 },
  { 1.7, 4.3, 49.2, 44.9 },
};

/* "Average development": 150.7 (49.9%), 127.1 (42.1%), 20.1 (6.7%),
 * 4.1 (1.4%), lowest first here. */
static const double table1_average_counts[4] = { 4.1, 20.1, 127.1, 150.7 };
static const double table1_average_percents[4] = { 1.4, 6.7, 42.1, 49.9 };

static double
round1 (double value)
{
  return round (value * 10) / 10;
}

static EbScale *
development_scale (void)
{
  return eb_scale_new (development, NULL, G_N_ELEMENTS (development));
}

/* 304 respondents as in the paper (144 on 1CN, 160 on 1CN2) whose seven
 * items have exactly Table 1's counts; the rest of each item is empty. Each
 * item's answers are rotated through the rows differently, so that the
 * items are not identical columns. */
static EbSurvey *
make_table1_survey (guint *columns)
{
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(EbScale) scale = development_scale ();
  const char *cells[304][8];

  eb_survey_add_column (survey, "Programme");
  for (guint i = 0; i < 7; i++)
    {
      columns[i] = eb_survey_add_column (survey, table1_items[i]);
      eb_survey_set_column_scale (survey, columns[i], scale);
    }
  for (guint r = 0; r < 304; r++)
    {
      cells[r][0] = r % 19 < 9 ? "1CN" : "1CN2";   /* 16 x 9 = 144 on 1CN */
      for (guint i = 0; i < 7; i++)
        cells[r][i + 1] = "";
    }
  for (guint i = 0; i < 7; i++)
    {
      guint r = 0;

      for (guint level = 0; level < 4; level++)
        for (guint n = 0; n < table1_counts[i][level]; n++, r++)
          cells[(r + 41 * i) % 304][i + 1] = development[level];
    }
  for (guint r = 0; r < 304; r++)
    eb_survey_append_row (survey, cells[r], 8);
  return survey;
}

static void
test_table1 (void)
{
  guint columns[7];
  g_autoptr(EbSurvey) survey = make_table1_survey (columns);
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  const EbLikertGroup *group;
  const EbLikertItem *item;

  analysis = eb_likert_analysis_new (survey, columns, 7, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eb_likert_analysis_get_n_groups (analysis), ==, 1);
  g_assert_null (eb_likert_analysis_get_ungrouped (analysis));
  g_assert_true (eb_likert_analysis_has_common_scale (analysis));
  group = eb_likert_analysis_get_group (analysis, 0);
  g_assert_null (eb_likert_group_get_value (group));
  g_assert_cmpuint (eb_likert_group_get_n_rows (group), ==, 304);
  g_assert_cmpuint (eb_likert_group_get_n_items (group), ==, 7);

  for (guint i = 0; i < 7; i++)
    {
      guint valid = 0;

      item = eb_likert_group_get_item (group, i);
      g_assert_cmpstr (eb_likert_item_get_name (item), ==, table1_items[i]);
      g_assert_cmpuint (eb_likert_item_get_column (item), ==, columns[i]);
      g_assert_cmpuint (eb_likert_item_get_n_levels (item), ==, 4);
      for (guint l = 0; l < 4; l++)
        {
          g_assert_cmpstr (eb_likert_item_get_level_label (item, l), ==, development[l]);
          g_assert_cmpuint (eb_likert_item_get_count (item, l), ==, table1_counts[i][l]);
          g_assert_cmpuint (eb_likert_item_get_counts (item)[l], ==, table1_counts[i][l]);
          valid += table1_counts[i][l];
          g_assert_cmpfloat (round1 (eb_likert_item_get_percent (item, l)), ==,
                             table1_percents[i][l]);
        }
      g_assert_cmpuint (eb_likert_item_get_n_valid (item), ==, valid);
      g_assert_cmpuint (eb_likert_item_get_n_missing (item), ==, 304 - valid);
      g_assert_cmpuint (eb_likert_item_get_n_empty (item), ==, 304 - valid);
      g_assert_cmpuint (eb_likert_item_get_n_unmatched (item), ==, 0);
      g_assert_cmpuint (eb_likert_item_get_n_non_substantive (item), ==, 0);
    }

  /* Percentages are unrounded: 128 of 301. */
  item = eb_likert_group_get_item (group, 0);
  g_assert_cmpfloat_with_epsilon (eb_likert_item_get_percent (item, 3), 12800.0 / 301, 1e-12);
  g_assert_cmpfloat_with_epsilon (eb_likert_item_get_percents (item)[2], 14900.0 / 301, 1e-12);
  /* Codes 1..4: (5 x 1 + 19 x 2 + 149 x 3 + 128 x 4) / 301; the 151st of
   * 301 sorted answers is in "Developed somewhat" (5 + 19 < 151 <= 173). */
  g_assert_cmpfloat_with_epsilon (eb_likert_item_get_mean (item), 1002.0 / 301, 1e-12);
  g_assert_cmpfloat (eb_likert_item_get_median (item), ==, 3);
  g_assert_cmpfloat_with_epsilon (eb_likert_item_get_percent_top (item), 12800.0 / 301, 1e-12);
  g_assert_cmpfloat_with_epsilon (eb_likert_item_get_percent_positive (item),
                                  100.0 * (149 + 128) / 301, 1e-12);
  g_assert_cmpfloat_with_epsilon (eb_likert_item_get_percent_negative (item),
                                  100.0 * (5 + 19) / 301, 1e-12);

  /* The average row: the paper's figures to one decimal, and exactly the
   * mean count and the pooled share (sum of counts over all 2115 valid). */
  g_assert_true (eb_likert_group_has_average (group));
  for (guint l = 0; l < 4; l++)
    {
      guint sum = 0;

      for (guint i = 0; i < 7; i++)
        sum += table1_counts[i][l];
      g_assert_cmpfloat (round1 (eb_likert_group_get_average_count (group, l)), ==,
                         table1_average_counts[l]);
      g_assert_cmpfloat (round1 (eb_likert_group_get_average_percent (group, l)), ==,
                         table1_average_percents[l]);
      g_assert_cmpfloat_with_epsilon (eb_likert_group_get_average_count (group, l),
                                      sum / 7.0, 1e-12);
      g_assert_cmpfloat_with_epsilon (eb_likert_group_get_average_percent (group, l),
                                      100.0 * sum / 2115, 1e-12);
    }
}

/* ---- Grouping ---- */

static void
test_grouping (void)
{
  guint columns[7];
  g_autoptr(EbSurvey) survey = make_table1_survey (columns);
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  const EbLikertGroup *cn, *cn2;

  analysis = eb_likert_analysis_new (survey, columns, 7, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eb_likert_analysis_get_group_column (analysis), ==, 0);
  g_assert_cmpstr (eb_likert_analysis_get_group_column_name (analysis), ==, "Programme");
  /* In order of first appearance: row 0 is on 1CN. */
  g_assert_cmpuint (eb_likert_analysis_get_n_groups (analysis), ==, 2);
  cn = eb_likert_analysis_get_group (analysis, 0);
  cn2 = eb_likert_analysis_get_group (analysis, 1);
  g_assert_cmpstr (eb_likert_group_get_value (cn), ==, "1CN");
  g_assert_cmpstr (eb_likert_group_get_value (cn2), ==, "1CN2");
  g_assert_cmpuint (eb_likert_group_get_n_rows (cn), ==, 144);
  g_assert_cmpuint (eb_likert_group_get_n_rows (cn2), ==, 160);
  g_assert_null (eb_likert_analysis_get_ungrouped (analysis));
  g_assert_cmpint (eb_likert_analysis_find_group (analysis, " 1CN2 "), ==, 1);
  g_assert_cmpint (eb_likert_analysis_find_group (analysis, "2CN"), ==, -1);

  /* The groups partition the respondents. */
  for (guint i = 0; i < 7; i++)
    {
      const EbLikertItem *a = eb_likert_group_get_item (cn, i);
      const EbLikertItem *b = eb_likert_group_get_item (cn2, i);

      for (guint l = 0; l < 4; l++)
        g_assert_cmpuint (eb_likert_item_get_count (a, l) + eb_likert_item_get_count (b, l),
                          ==, table1_counts[i][l]);
      g_assert_cmpuint (eb_likert_item_get_n_valid (a) + eb_likert_item_get_n_missing (a), ==, 144);
      g_assert_cmpuint (eb_likert_item_get_n_valid (b) + eb_likert_item_get_n_missing (b), ==, 160);
    }
}

/* Group values are trimmed; blank ones are kept apart, not dropped and not
 * a group among the others. */
static void
test_grouping_missing (void)
{
  static const char *scale_labels[] = { "No", "Yes" };
  g_autoptr(EbScale) scale = eb_scale_new (scale_labels, NULL, 2);
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  const char *rows[][2] = {
    { "North", "Yes" }, { " South", "No" }, { "", "Yes" }, { "North ", "No" },
    { "  ", "Yes" }, { "South", "Yes" }, { "East", "" },
  };
  const EbLikertGroup *ungrouped;
  guint columns[1];

  eb_survey_add_column (survey, "Region");
  columns[0] = eb_survey_add_column (survey, "Would recommend");
  eb_survey_set_column_scale (survey, columns[0], scale);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    eb_survey_append_row (survey, rows[r], 2);

  analysis = eb_likert_analysis_new (survey, columns, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eb_likert_analysis_get_n_groups (analysis), ==, 3);
  g_assert_cmpstr (eb_likert_group_get_value (eb_likert_analysis_get_group (analysis, 0)), ==, "North");
  g_assert_cmpstr (eb_likert_group_get_value (eb_likert_analysis_get_group (analysis, 1)), ==, "South");
  g_assert_cmpstr (eb_likert_group_get_value (eb_likert_analysis_get_group (analysis, 2)), ==, "East");
  g_assert_cmpuint (eb_likert_group_get_n_rows (eb_likert_analysis_get_group (analysis, 0)), ==, 2);
  g_assert_cmpuint (eb_likert_group_get_n_rows (eb_likert_analysis_get_group (analysis, 1)), ==, 2);

  ungrouped = eb_likert_analysis_get_ungrouped (analysis);
  g_assert_nonnull (ungrouped);
  g_assert_null (eb_likert_group_get_value (ungrouped));
  g_assert_cmpuint (eb_likert_group_get_n_rows (ungrouped), ==, 2);
  g_assert_cmpuint (eb_likert_item_get_count (eb_likert_group_get_item (ungrouped, 0), 1), ==, 2);

  /* A group whose only answer is missing has no percentages. */
  {
    const EbLikertItem *east = eb_likert_group_get_item (eb_likert_analysis_get_group (analysis, 2), 0);

    g_assert_cmpuint (eb_likert_item_get_n_valid (east), ==, 0);
    g_assert_cmpuint (eb_likert_item_get_n_missing (east), ==, 1);
    g_assert_true (isnan (eb_likert_item_get_percent (east, 0)));
    g_assert_true (isnan (eb_likert_item_get_mean (east)));
    g_assert_true (isnan (eb_likert_item_get_median (east)));
  }
}

/* ---- Non-substantive and unmatched answers; statistics ---- */

static const char *agreement[] = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
  "Strongly agree", "Don't know",
};

static EbScale *
agreement_scale (void)
{
  gboolean flags[6] = { FALSE, FALSE, FALSE, FALSE, FALSE, TRUE };

  return eb_scale_new (agreement, flags, 6);
}

/* One item of 15 rows: 1 x SD, 2 x D, 2 x N, 3 x A, 0 x SA (8 valid, in
 * any case and spacing), plus 2 "Don't know" (one typed with Word's
 * apostrophe), 2 "Agree strongly" (not a label), 1 "n/a" (not a level of
 * this scale), and 2 empty cells (one of spaces). */
static EbSurvey *
make_agreement_survey (guint *column)
{
  static const char *answers[] = {
    "Strongly disagree", "Disagree", "disagree ", "Neither agree nor disagree",
    "Neither agree nor disagree", "Agree", "AGREE", "Agree", "Don't know",
    "Don\u2019t know", "Agree strongly", "", "n/a", "Agree strongly", "   ",
  };
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(EbScale) scale = agreement_scale ();

  *column = eb_survey_add_column (survey, "The sessions were useful");
  eb_survey_set_column_scale (survey, *column, scale);
  for (guint r = 0; r < G_N_ELEMENTS (answers); r++)
    eb_survey_append_row (survey, &answers[r], 1);
  return survey;
}

static void
test_non_substantive_and_unmatched (void)
{
  guint column;
  g_autoptr(EbSurvey) survey = make_agreement_survey (&column);
  g_autoptr(EbLikertAnalysis) analysis = eb_likert_analysis_new (survey, &column, 1, -1, NULL);
  const EbLikertItem *item = eb_likert_group_get_item (eb_likert_analysis_get_group (analysis, 0), 0);
  static const guint expected[5] = { 1, 2, 2, 3, 0 };
  guint count = 0;

  /* Only the five substantive levels are levels of the item. */
  g_assert_cmpuint (eb_likert_item_get_n_levels (item), ==, 5);
  for (guint l = 0; l < 5; l++)
    {
      g_assert_cmpuint (eb_likert_item_get_count (item, l), ==, expected[l]);
      g_assert_cmpfloat_with_epsilon (eb_likert_item_get_percent (item, l),
                                      expected[l] * 100.0 / 8, 1e-12);
    }
  g_assert_cmpuint (eb_likert_item_get_n_valid (item), ==, 8);

  g_assert_cmpuint (eb_likert_item_get_n_non_substantive_levels (item), ==, 1);
  g_assert_cmpstr (eb_likert_item_get_non_substantive_label (item, 0), ==, "Don't know");
  g_assert_cmpuint (eb_likert_item_get_non_substantive_count (item, 0), ==, 2);
  g_assert_cmpuint (eb_likert_item_get_n_non_substantive (item), ==, 2);

  /* Unmatched answers are missing, and reported by their text. */
  g_assert_cmpuint (eb_likert_item_get_n_empty (item), ==, 2);
  g_assert_cmpuint (eb_likert_item_get_n_unmatched (item), ==, 3);
  g_assert_cmpuint (eb_likert_item_get_n_missing (item), ==, 5);
  g_assert_cmpuint (eb_likert_item_get_n_unmatched_answers (item), ==, 2);
  g_assert_cmpstr (eb_likert_item_get_unmatched_answer (item, 0, &count), ==, "Agree strongly");
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (eb_likert_item_get_unmatched_answer (item, 1, &count), ==, "n/a");
  g_assert_cmpuint (count, ==, 1);
  /* valid + non-substantive + missing = rows */
  g_assert_cmpuint (8 + 2 + 5, ==, eb_survey_get_n_rows (survey));

  /* Codes 1, 2, 2, 3, 3, 4, 4, 4: "Don't know" pulls nothing. Even N: the
   * median is the mean of the 4th and 5th values (3 and 3). */
  g_assert_cmpfloat_with_epsilon (eb_likert_item_get_mean (item), 23.0 / 8, 1e-12);
  g_assert_cmpfloat (eb_likert_item_get_median (item), ==, 3);
  /* Odd scale: the middle level is neither positive nor negative. */
  g_assert_cmpfloat_with_epsilon (eb_likert_item_get_percent_positive (item), 300.0 / 8, 1e-12);
  g_assert_cmpfloat_with_epsilon (eb_likert_item_get_percent_negative (item), 300.0 / 8, 1e-12);
  g_assert_cmpfloat (eb_likert_item_get_percent_top (item), ==, 0);
}

/* Even N with the two middle answers on different levels. */
static void
test_median (void)
{
  static const char *labels[] = { "Low", "Mid", "High" };
  static const char *answers[] = { "Low", "Mid", "High", "High", "Low", "Mid" };
  g_autoptr(EbScale) scale = eb_scale_new (labels, NULL, 3);
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  const EbLikertItem *item;
  guint column;

  column = eb_survey_add_column (survey, "Item");
  eb_survey_set_column_scale (survey, column, scale);
  for (guint r = 0; r < 5; r++)   /* 1, 2, 3, 3, 1 -> sorted 1 1 2 3 3 */
    eb_survey_append_row (survey, &answers[r], 1);
  analysis = eb_likert_analysis_new (survey, &column, 1, -1, NULL);
  item = eb_likert_group_get_item (eb_likert_analysis_get_group (analysis, 0), 0);
  g_assert_cmpfloat (eb_likert_item_get_median (item), ==, 2);
  g_clear_pointer (&analysis, eb_likert_analysis_unref);

  /* Sorted 1 1 3 3: the middle pair is 1 and 3. */
  g_clear_object (&survey);
  survey = eb_survey_new ();
  column = eb_survey_add_column (survey, "Item");
  eb_survey_set_column_scale (survey, column, scale);
  eb_survey_append_row (survey, &answers[0], 1);
  eb_survey_append_row (survey, &answers[2], 1);
  eb_survey_append_row (survey, &answers[3], 1);
  eb_survey_append_row (survey, &answers[4], 1);
  analysis = eb_likert_analysis_new (survey, &column, 1, -1, NULL);
  item = eb_likert_group_get_item (eb_likert_analysis_get_group (analysis, 0), 0);
  g_assert_cmpfloat (eb_likert_item_get_median (item), ==, 2);
  g_assert_cmpfloat (eb_likert_item_get_mean (item), ==, 2);
  g_assert_cmpfloat (eb_likert_item_get_percent_positive (item), ==, 50);
  g_assert_cmpfloat (eb_likert_item_get_percent_negative (item), ==, 50);
  g_assert_cmpfloat (eb_likert_item_get_percent_top (item), ==, 50);
}

/* ---- JSON ---- */

/* Serialises and parses back, so that the test sees what a reader sees. */
static JsonObject *
round_trip (JsonNode   *node,
            JsonParser *parser)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_json_table1 (void)
{
  guint columns[7];
  g_autoptr(EbSurvey) survey = make_table1_survey (columns);
  g_autoptr(EbLikertAnalysis) analysis = eb_likert_analysis_new (survey, columns, 7, -1, NULL);
  g_autoptr(EbReliability) reliability = eb_reliability_new (survey, columns, 7, NULL);
  g_autoptr(JsonNode) node = eb_likert_analysis_to_json (analysis, reliability);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = round_trip (node, parser);
  JsonObject *group, *item, *average, *rel;
  JsonArray *groups, *items, *array;

  groups = json_object_get_array_member (root, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 1);
  g_assert_false (json_object_has_member (root, "ungrouped"));
  group = json_array_get_object_element (groups, 0);
  g_assert_true (json_object_get_null_member (group, "group"));
  g_assert_cmpint (json_object_get_int_member (group, "rows"), ==, 304);

  items = json_object_get_array_member (group, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 7);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "column"), ==, table1_items[0]);
  array = json_object_get_array_member (item, "levels");
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, development[0]);
  g_assert_cmpstr (json_array_get_string_element (array, 3), ==, "Strongly developed");
  array = json_object_get_array_member (item, "counts");
  for (guint l = 0; l < 4; l++)
    g_assert_cmpint (json_array_get_int_element (array, l), ==, table1_counts[0][l]);
  array = json_object_get_array_member (item, "percent");
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (array, 3), 12800.0 / 301, 1e-12);
  g_assert_cmpint (json_object_get_int_member (item, "valid"), ==, 301);
  g_assert_cmpint (json_object_get_int_member (item, "missing"), ==, 3);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (item, "non_substantive")), ==, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (item, "unmatched")), ==, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "mean"), 1002.0 / 301, 1e-12);
  g_assert_cmpfloat (json_object_get_double_member (item, "median"), ==, 3);
  g_assert_true (json_object_has_member (item, "percent_positive"));

  average = json_object_get_object_member (group, "average");
  array = json_object_get_array_member (average, "counts");
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  for (guint l = 0; l < 4; l++)
    g_assert_cmpfloat (round1 (json_array_get_double_element (array, l)), ==,
                       table1_average_counts[l]);
  array = json_object_get_array_member (average, "percent");
  for (guint l = 0; l < 4; l++)
    g_assert_cmpfloat (round1 (json_array_get_double_element (array, l)), ==,
                       table1_average_percents[l]);

  rel = json_object_get_object_member (root, "reliability");
  g_assert_cmpint (json_object_get_int_member (rel, "n_complete"), ==,
                   eb_reliability_get_n_complete (reliability));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rel, "alpha"),
                                  eb_reliability_get_alpha (reliability), 1e-12);
  g_assert_true (json_object_has_member (rel, "first_component_percent"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rel, "alpha_if_deleted")), ==, 7);
}

static void
test_json_details (void)
{
  guint column;
  g_autoptr(EbSurvey) survey = make_agreement_survey (&column);
  guint group_column = eb_survey_add_column (survey, "Programme");
  g_autoptr(EbLikertAnalysis) plain = eb_likert_analysis_new (survey, &column, 1, -1, NULL);
  g_autoptr(EbLikertAnalysis) grouped = NULL;
  g_autoptr(JsonNode) node = eb_likert_analysis_to_json (plain, NULL);
  g_autoptr(JsonNode) grouped_node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) grouped_parser = json_parser_new ();
  JsonObject *root = round_trip (node, parser);
  JsonObject *item, *object;
  JsonArray *groups;

  g_assert_true (json_object_get_null_member (root, "reliability"));
  groups = json_object_get_array_member (root, "groups");
  item = json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (groups, 0), "items"), 0);
  object = json_object_get_object_member (item, "non_substantive");
  g_assert_cmpint (json_object_get_int_member (object, "Don't know"), ==, 2);
  object = json_object_get_object_member (item, "unmatched");
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "Agree strongly"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "n/a"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (item, "missing"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (item, "valid"), ==, 8);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "levels")), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (item, "percent_top"), ==, 0);

  /* With a group column that is empty everywhere, all rows are ungrouped:
   * no groups, and the "ungrouped" member says which column was empty. */
  grouped = eb_likert_analysis_new (survey, &column, 1, (int) group_column, NULL);
  g_assert_cmpuint (eb_likert_analysis_get_n_groups (grouped), ==, 0);
  grouped_node = eb_likert_analysis_to_json (grouped, NULL);
  root = round_trip (grouped_node, grouped_parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "groups")), ==, 0);
  object = json_object_get_object_member (json_object_get_object_member (root, "ungrouped"), "group");
  g_assert_cmpstr (json_object_get_string_member (object, "column"), ==, "Programme");
  g_assert_true (json_object_get_null_member (object, "value"));
}

/* Items on different scales: no average, and the JSON says so by leaving
 * it out; the CSV numbers its level columns. */
static void
test_mixed_scales (void)
{
  static const char *yes_no[] = { "No", "Yes" };
  static const char *rows[][2] = { { "Yes", "Agree" }, { "No", "Strongly agree" } };
  g_autoptr(EbScale) a = eb_scale_new (yes_no, NULL, 2);
  g_autoptr(EbScale) b = agreement_scale ();
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *csv = NULL;
  guint columns[2];
  JsonObject *group;

  columns[0] = eb_survey_add_column (survey, "Attended");
  columns[1] = eb_survey_add_column (survey, "Useful");
  eb_survey_set_column_scale (survey, columns[0], a);
  eb_survey_set_column_scale (survey, columns[1], b);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    eb_survey_append_row (survey, rows[r], 2);

  analysis = eb_likert_analysis_new (survey, columns, 2, -1, NULL);
  g_assert_false (eb_likert_analysis_has_common_scale (analysis));
  g_assert_false (eb_likert_group_has_average (eb_likert_analysis_get_group (analysis, 0)));
  node = eb_likert_analysis_to_json (analysis, NULL);
  group = json_array_get_object_element (json_object_get_array_member (round_trip (node, parser),
                                                                       "groups"), 0);
  g_assert_false (json_object_has_member (group, "average"));

  csv = eb_likert_analysis_to_csv (analysis);
  g_assert_cmpstr (csv, ==,
                   "group,item,Level 1,Level 2,Level 3,Level 4,Level 5,"
                   "Level 1 %,Level 2 %,Level 3 %,Level 4 %,Level 5 %,valid,missing,mean\r\n"
                   ",Attended,1,1,,,,50,50,,,,2,0,1.5\r\n"
                   ",Useful,0,0,0,1,1,0,0,0,50,50,2,0,4.5\r\n");
}

/* ---- CSV ---- */

static void
test_csv (void)
{
  static const char *labels[] = { "Disagree", "Neutral", "Agree", "Don't know" };
  static const gboolean flags[] = { FALSE, FALSE, FALSE, TRUE };
  static const char *rows[][3] = {
    { "A", "Agree", "Disagree" },
    { "B, C", "Neutral", "Agree" },
    { "A", "Agree", "Don't know" },
    { "", "Disagree", "" },
    { "A", "Disagree", "Agree" },
  };
  static const char *expected =
    "group,item,Disagree,Neutral,Agree,Disagree %,Neutral %,Agree %,valid,missing,mean\r\n"
    "A,\"Q1, \"\"the first\"\"\",1,0,2,33.3333333333333,0,66.6666666666667,3,0,2.33333333333333\r\n"
    "A,Q2,1,0,1,50,0,50,2,0,2\r\n"
    "\"B, C\",\"Q1, \"\"the first\"\"\",0,1,0,0,100,0,1,0,2\r\n"
    "\"B, C\",Q2,0,0,1,0,0,100,1,0,3\r\n"
    ",\"Q1, \"\"the first\"\"\",1,0,0,100,0,0,1,0,1\r\n"
    ",Q2,0,0,0,,,,0,1,\r\n";
  g_autoptr(EbScale) scale = eb_scale_new (labels, flags, 4);
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  guint columns[2];

  eb_survey_add_column (survey, "Programme");
  columns[0] = eb_survey_add_column (survey, "Q1, \"the first\"");
  columns[1] = eb_survey_add_column (survey, "Q2");
  for (guint i = 0; i < 2; i++)
    eb_survey_set_column_scale (survey, columns[i], scale);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    eb_survey_append_row (survey, rows[r], 3);

  analysis = eb_likert_analysis_new (survey, columns, 2, 0, &error);
  g_assert_no_error (error);
  csv = eb_likert_analysis_to_csv (analysis);
  g_assert_cmpstr (csv, ==, expected);

  g_assert_true (eb_likert_analysis_write_csv (analysis, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==,
                    strlen (expected));
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                   strlen (expected), expected, strlen (expected));
}

/* ---- Mann-Whitney ---- */

/* The groups of tests/analysis/reference.py, as counts per level:
 * A = 4 4 3 4 2 3 4 4 3 1 4 3, B = 3 2 3 4 2 1 3 2 3 2. That script ranks
 * the raw values (midranks for ties) and gives U = 88.5,
 * z = 1.936379409463, p = 0.052821249439. */
static const guint mw_a[4] = { 1, 1, 4, 6 };
static const guint mw_b[4] = { 1, 4, 4, 1 };

static void
test_mann_whitney (void)
{
  EbMannWhitney ab, ba;

  g_assert_true (eb_mann_whitney_from_counts (mw_a, mw_b, 4, &ab));
  g_assert_cmpuint (ab.n_a, ==, 12);
  g_assert_cmpuint (ab.n_b, ==, 10);
  g_assert_cmpfloat_with_epsilon (ab.u, 88.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (ab.z, 1.936379409463, 1e-11);
  g_assert_cmpfloat_with_epsilon (ab.p, 0.052821249439, 1e-11);

  /* The other way round: U' = n_a n_b - U, the same |z| and p. */
  g_assert_true (eb_mann_whitney_from_counts (mw_b, mw_a, 4, &ba));
  g_assert_cmpfloat_with_epsilon (ba.u, 120 - 88.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (ba.z, -ab.z, 1e-12);
  g_assert_cmpfloat_with_epsilon (ba.p, ab.p, 1e-12);
}

/* Closed forms: identical samples give U = n_a n_b / 2, z = 0, p = 1; A
 * entirely above B gives U = n_a n_b; with every answer on one level, or an
 * empty sample, the test is undefined. */
static void
test_mann_whitney_edges (void)
{
  static const guint same[3] = { 2, 3, 1 };
  static const guint low[3] = { 3, 0, 0 };
  static const guint high[3] = { 0, 0, 2 };
  static const guint flat[3] = { 0, 4, 0 };
  static const guint none[3] = { 0, 0, 0 };
  EbMannWhitney result;
  double variance;

  g_assert_true (eb_mann_whitney_from_counts (same, same, 3, &result));
  g_assert_cmpfloat (result.u, ==, 18);
  g_assert_cmpfloat (result.z, ==, 0);
  g_assert_cmpfloat (result.p, ==, 1);

  /* Ties: 3 at level 1 and 2 at level 3; N = 5. sigma^2 =
   * 6/12 (6 - (24 + 6) / 20) = 2.25; z = (6 - 3 - 0.5) / 1.5. */
  g_assert_true (eb_mann_whitney_from_counts (high, low, 3, &result));
  g_assert_cmpfloat (result.u, ==, 6);
  variance = 6.0 / 12 * (6 - 30.0 / 20);
  g_assert_cmpfloat_with_epsilon (variance, 2.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.z, 2.5 / 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.p, erfc (2.5 / 1.5 / G_SQRT2), 1e-12);

  g_assert_false (eb_mann_whitney_from_counts (flat, flat, 3, &result));
  g_assert_true (isnan (result.z));
  g_assert_true (isnan (result.p));
  g_assert_false (eb_mann_whitney_from_counts (same, none, 3, &result));
  g_assert_true (isnan (result.p));
}

static void
test_comparison (void)
{
  static const char *labels[] = { "Not at all", "A little", "Quite a lot", "A lot" };
  g_autoptr(EbScale) scale = eb_scale_new (labels, NULL, 4);
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(EbLikertComparison) comparison = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const EbMannWhitney *test;
  JsonObject *root, *item;
  guint columns[1];

  eb_survey_add_column (survey, "Group");
  columns[0] = eb_survey_add_column (survey, "Confidence");
  eb_survey_set_column_scale (survey, columns[0], scale);
  /* Interleave the two groups; B first, so that B is group 0. */
  for (guint l = 0, r = 0; l < 4; l++)
    {
      for (guint n = 0; n < mw_b[l]; n++, r++)
        {
          const char *cells[] = { "B", labels[l] };

          eb_survey_append_row (survey, cells, 2);
        }
      for (guint n = 0; n < mw_a[l]; n++, r++)
        {
          const char *cells[] = { "A", labels[l] };

          eb_survey_append_row (survey, cells, 2);
        }
    }

  analysis = eb_likert_analysis_new (survey, columns, 1, 0, NULL);
  g_assert_cmpint (eb_likert_analysis_find_group (analysis, "A"), ==, 1);
  comparison = eb_likert_comparison_new (analysis, 1, 0);
  g_assert_cmpstr (eb_likert_group_get_value (eb_likert_comparison_get_group_a (comparison)), ==, "A");
  g_assert_cmpstr (eb_likert_group_get_value (eb_likert_comparison_get_group_b (comparison)), ==, "B");
  g_assert_cmpuint (eb_likert_comparison_get_n_items (comparison), ==, 1);
  /* Positive = the upper two levels: A 10 of 12, B 5 of 10. */
  g_assert_cmpfloat_with_epsilon (eb_likert_comparison_get_positive_difference (comparison, 0),
                                  1000.0 / 12 - 50, 1e-12);
  test = eb_likert_comparison_get_test (comparison, 0);
  g_assert_cmpfloat_with_epsilon (test->u, 88.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (test->z, 1.936379409463, 1e-11);
  g_assert_cmpfloat_with_epsilon (test->p, 0.052821249439, 1e-11);

  node = eb_likert_comparison_to_json (comparison);
  root = round_trip (node, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "column"), ==, "Group");
  g_assert_cmpstr (json_object_get_string_member (root, "group_a"), ==, "A");
  item = json_array_get_object_element (json_object_get_array_member (root, "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "column"), ==, "Confidence");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "p"), 0.052821249439, 1e-11);
  g_assert_cmpint (json_object_get_int_member (item, "n_a"), ==, 12);
}

/* ---- Paired waves ---- */

static void
test_paired (void)
{
  static const char *labels[] = { "Not at all", "A little", "Quite a lot", "A lot", "Not sure" };
  static const gboolean flags[] = { FALSE, FALSE, FALSE, FALSE, TRUE };
  static const char *rows[][4] = {
    /* ID, Wave, Q1, Q2 */
    { "1", "Baseline", "Not at all", "A lot" },
    { "2", "Baseline", "A little", "Quite a lot" },
    { "3", "Baseline", "Quite a lot", "Not sure" },
    { "4", "Baseline", "A lot", "A little" },
    { "5", "Baseline", "A little", "A little" },   /* not followed up */
    { "6", "Baseline", "A little", "" },
    { "", "Baseline", "A lot", "A lot" },          /* no id */
    { "4", "Follow-up", "Quite a lot", "A little" },
    { "3", "Follow-up", "A lot", "A lot" },
    { " 2 ", "Follow-up ", "A lot", "A little" },
    { "1", "Follow-up", "Quite a lot", "A lot" },
    { "6", "Follow-up", "A lot", "A lot" },        /* twice: cannot link */
    { "6", "Follow-up", "A lot", "A lot" },
    { "7", "Follow-up", "A lot", "A lot" },        /* new in the follow-up */
  };
  g_autoptr(EbScale) scale = eb_scale_new (labels, flags, 5);
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbLikertPaired) paired = NULL;
  g_autoptr(EbLikertPaired) none = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const EbLikertChange *change;
  JsonObject *root, *item;
  guint columns[2];

  eb_survey_add_column (survey, "ID");
  eb_survey_add_column (survey, "Wave");
  columns[0] = eb_survey_add_column (survey, "Q1");
  columns[1] = eb_survey_add_column (survey, "Q2");
  for (guint i = 0; i < 2; i++)
    eb_survey_set_column_scale (survey, columns[i], scale);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    eb_survey_append_row (survey, rows[r], 4);

  paired = eb_likert_paired_new (survey, columns, 2, 0, 1, "Baseline", "Follow-up", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_likert_paired_get_wave_a (paired), ==, "Baseline");
  g_assert_cmpstr (eb_likert_paired_get_wave_b (paired), ==, "Follow-up");
  g_assert_cmpuint (eb_likert_paired_get_n_linked (paired), ==, 4);
  g_assert_cmpuint (eb_likert_paired_get_n_duplicate_ids (paired), ==, 1);
  g_assert_cmpuint (eb_likert_paired_get_n_items (paired), ==, 2);
  g_assert_cmpstr (eb_likert_paired_get_item_name (paired, 1), ==, "Q2");

  /* Q1: 1 -> 3 up, 2 -> 4 up to the top, 3 -> 4 up to the top, 4 -> 3 down. */
  change = eb_likert_paired_get_change (paired, 0);
  g_assert_cmpuint (change->n_pairs, ==, 4);
  g_assert_cmpuint (change->n_up, ==, 3);
  g_assert_cmpuint (change->n_same, ==, 0);
  g_assert_cmpuint (change->n_down, ==, 1);
  g_assert_cmpuint (change->n_to_top, ==, 2);
  /* Q2: 4 -> 4 same (already at the top), 3 -> 2 down, "Not sure" -> 4 has
   * no valid baseline, 2 -> 2 same. */
  change = eb_likert_paired_get_change (paired, 1);
  g_assert_cmpuint (change->n_pairs, ==, 3);
  g_assert_cmpuint (change->n_up, ==, 0);
  g_assert_cmpuint (change->n_same, ==, 2);
  g_assert_cmpuint (change->n_down, ==, 1);
  g_assert_cmpuint (change->n_to_top, ==, 0);

  node = eb_likert_paired_to_json (paired);
  root = round_trip (node, parser);
  g_assert_cmpint (json_object_get_int_member (root, "linked"), ==, 4);
  item = json_array_get_object_element (json_object_get_array_member (root, "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "column"), ==, "Q1");
  g_assert_cmpint (json_object_get_int_member (item, "to_top"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (item, "up"), ==, 3);

  none = eb_likert_paired_new (survey, columns, 2, 0, 1, "Baseline", "Year 3", &error);
  g_assert_null (none);
  g_assert_error (error, EB_LIKERT_ERROR, EB_LIKERT_ERROR_NO_GROUP);
  g_assert_nonnull (strstr (error->message, "Year 3"));
  g_assert_nonnull (strstr (error->message, "Wave"));

  /* From a grouped analysis: only with an id column that is not the
   * grouping, and people in both groups. */
  {
    g_autoptr(EbLikertAnalysis) by_wave = eb_likert_analysis_new (survey, columns, 2, 1, NULL);
    g_autoptr(EbLikertAnalysis) by_id = NULL;
    g_autoptr(EbLikertPaired) from_groups = NULL;
    int baseline = eb_likert_analysis_find_group (by_wave, "Baseline");
    int follow_up = eb_likert_analysis_find_group (by_wave, "Follow-up");

    g_assert_nonnull (by_wave);
    g_assert_cmpint (baseline, >=, 0);
    g_assert_cmpint (follow_up, >=, 0);
    g_assert_null (eb_likert_paired_new_for_groups (survey, by_wave, baseline, follow_up));
    eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
    from_groups = eb_likert_paired_new_for_groups (survey, by_wave, baseline, follow_up);
    g_assert_nonnull (from_groups);
    g_assert_cmpuint (eb_likert_paired_get_n_linked (from_groups), ==, 4);
    g_assert_cmpuint (eb_likert_paired_get_change (from_groups, 0)->n_up, ==, 3);
    g_assert_cmpuint (eb_likert_paired_get_change (from_groups, 1)->n_same, ==, 2);

    by_id = eb_likert_analysis_new (survey, columns, 2, 0, NULL);
    g_assert_null (eb_likert_paired_new_for_groups (survey, by_id, 0, 1));
  }
}

/* ---- Errors ---- */

static void
test_errors (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(GError) error = NULL;
  guint columns[1];

  eb_survey_set_source_file (survey, "survey.xlsx");
  columns[0] = eb_survey_add_column (survey, "Comments");

  g_assert_null (eb_likert_analysis_new (survey, columns, 0, -1, &error));
  g_assert_error (error, EB_LIKERT_ERROR, EB_LIKERT_ERROR_NO_ITEMS);
  g_clear_error (&error);

  g_assert_null (eb_likert_analysis_new (survey, columns, 1, -1, &error));
  g_assert_error (error, EB_LIKERT_ERROR, EB_LIKERT_ERROR_NO_SCALE);
  g_assert_nonnull (strstr (error->message, "survey.xlsx"));
  g_assert_nonnull (strstr (error->message, "Comments"));
}

/* An empty survey is not an error: zero counts, undefined statistics. */
static void
test_empty_survey (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbScale) scale = development_scale ();
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *csv = NULL;
  const EbLikertGroup *group;
  guint column;

  column = eb_survey_add_column (survey, "Item");
  eb_survey_set_column_scale (survey, column, scale);
  analysis = eb_likert_analysis_new (survey, &column, 1, -1, NULL);
  group = eb_likert_analysis_get_group (analysis, 0);
  g_assert_cmpuint (eb_likert_group_get_n_rows (group), ==, 0);
  g_assert_true (isnan (eb_likert_group_get_average_percent (group, 0)));
  g_assert_cmpfloat (eb_likert_group_get_average_count (group, 0), ==, 0);
  node = eb_likert_analysis_to_json (analysis, NULL);
  g_assert_nonnull (node);
  csv = eb_likert_analysis_to_csv (analysis);
  g_assert_true (g_str_has_suffix (csv, ",Item,0,0,0,0,,,,,0,0,\r\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likert/table1", test_table1);
  g_test_add_func ("/likert/grouping", test_grouping);
  g_test_add_func ("/likert/grouping/missing", test_grouping_missing);
  g_test_add_func ("/likert/counts/non-substantive-unmatched", test_non_substantive_and_unmatched);
  g_test_add_func ("/likert/median", test_median);
  g_test_add_func ("/likert/json/table1", test_json_table1);
  g_test_add_func ("/likert/json/details", test_json_details);
  g_test_add_func ("/likert/mixed-scales", test_mixed_scales);
  g_test_add_func ("/likert/csv", test_csv);
  g_test_add_func ("/likert/mann-whitney", test_mann_whitney);
  g_test_add_func ("/likert/mann-whitney/edges", test_mann_whitney_edges);
  g_test_add_func ("/likert/comparison", test_comparison);
  g_test_add_func ("/likert/paired", test_paired);
  g_test_add_func ("/likert/errors", test_errors);
  g_test_add_func ("/likert/empty-survey", test_empty_survey);

  return g_test_run ();
}
