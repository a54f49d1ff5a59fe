/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Header rows of real survey-tool exports: detection on rows in memory,
 * the titles each tool's header rows make, and whole imports of the
 * fixtures make-fixtures.py writes, through the library and through the
 * command line. */
#define G_LOG_DOMAIN "test-header-detect"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "csv-reader.h"
#include "header-detect.h"
#include "survey-import.h"
#include "xlsx-reader.h"

#define ROW(...)    ((const char * const[]) { __VA_ARGS__, NULL })
#define TITLES(...) ((const char * const[]) { __VA_ARGS__, NULL })

/* A table in memory, as a reader hands it to detection. */
typedef struct
{
  const char * const *rows[EB_HEADER_DETECT_ROWS + 2];
  guint               n_cells[EB_HEADER_DETECT_ROWS + 2];
  guint               n_rows;
} Table;

static void
table_add (Table              *table,
           const char * const *cells)
{
  g_assert_cmpuint (table->n_rows, <, G_N_ELEMENTS (table->rows));
  table->rows[table->n_rows] = cells;
  table->n_cells[table->n_rows] = g_strv_length ((char **) cells);
  table->n_rows++;
}

static guint
table_detect (Table         *table,
              EbHeaderStyle *style)
{
  return eb_header_detect (table->rows, table->n_cells, table->n_rows, style);
}

static void
assert_strv (char               **actual,
             const char * const  *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < n && actual[i] != NULL; i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
  g_assert_cmpuint (g_strv_length (actual), ==, n);
}

static void
assert_table_titles (Table              *table,
                     guint               n_header_rows,
                     EbHeaderStyle       style,
                     const char * const *expected)
{
  g_auto(GStrv) titles = eb_header_titles (table->rows, table->n_cells, table->n_rows,
                                           n_header_rows, table->n_cells[0], style);

  assert_strv (titles, expected);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "io", "headers", name, NULL);
}

static EbSurvey *
import_fixture (const char *name,
                int         header_rows)
{
  g_autofree char *path = fixture_path (name);
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  EbSurvey *survey;

  options.header_rows = header_rows;
  survey = eb_survey_import (path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  return survey;
}

static void
assert_titles (EbSurvey           *survey,
               const char * const *titles)
{
  guint n = g_strv_length ((char **) titles);

  for (guint i = 0; i < MIN (n, eb_survey_get_n_columns (survey)); i++)
    g_assert_cmpstr (eb_survey_get_column_name (survey, i), ==, titles[i]);
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, n);
}

/* The column titled TITLE has ROLE and, for a Likert item, a scale of
 * N_LEVELS from LOWEST to HIGHEST. */
static void
assert_role (EbSurvey     *survey,
             const char   *title,
             EbColumnRole  role,
             guint         n_levels,
             const char   *lowest,
             const char   *highest)
{
  int column = eb_survey_find_column (survey, title);
  EbScale *scale;

  if (column < 0)
    g_error ("no column “%s”", title);
  if (eb_survey_get_column_role (survey, column) != role)
    g_error ("column “%s” is %s, expected %s", title,
             eb_column_role_to_string (eb_survey_get_column_role (survey, column)),
             eb_column_role_to_string (role));
  scale = eb_survey_get_column_scale (survey, column);
  if (role != EB_COLUMN_ROLE_LIKERT)
    {
      g_assert_null (scale);
      return;
    }
  g_assert_nonnull (scale);
  g_assert_cmpuint (eb_scale_get_n_levels (scale), ==, n_levels);
  g_assert_cmpstr (eb_scale_get_label (scale, 0), ==, lowest);
  g_assert_cmpstr (eb_scale_get_label (scale, n_levels - 1), ==, highest);
}

static void
assert_roles (EbSurvey           *survey,
              const char * const *titles,
              EbColumnRole        role)
{
  for (guint i = 0; titles[i] != NULL; i++)
    assert_role (survey, titles[i], role, 0, NULL, NULL);
}

static void
assert_agreement (EbSurvey   *survey,
                  const char *title)
{
  assert_role (survey, title, EB_COLUMN_ROLE_LIKERT, 5, "Strongly disagree", "Strongly agree");
}

static void
assert_confidence (EbSurvey   *survey,
                   const char *title)
{
  assert_role (survey, title, EB_COLUMN_ROLE_LIKERT, 5,
               "Not at all confident", "Completely confident");
}

static void
assert_shape (EbSurvey      *survey,
              guint          header_rows,
              EbHeaderStyle  style,
              guint          n_rows)
{
  g_assert_cmpuint (eb_survey_get_header_rows (survey), ==, header_rows);
  g_assert_cmpstr (eb_header_style_to_string (eb_header_get_style (survey)), ==,
                   eb_header_style_to_string (style));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, n_rows);
}

/* The same titles, cells, roles and scales. */
static void
assert_same_survey (EbSurvey *a,
                    EbSurvey *b)
{
  g_assert_cmpuint (eb_survey_get_n_columns (a), ==, eb_survey_get_n_columns (b));
  g_assert_cmpuint (eb_survey_get_n_rows (a), ==, eb_survey_get_n_rows (b));
  g_assert_cmpuint (eb_survey_get_header_rows (a), ==, eb_survey_get_header_rows (b));
  g_assert_cmpint (eb_header_get_style (a), ==, eb_header_get_style (b));
  for (guint c = 0; c < eb_survey_get_n_columns (a); c++)
    {
      EbScale *scale_a = eb_survey_get_column_scale (a, c);
      EbScale *scale_b = eb_survey_get_column_scale (b, c);

      g_assert_cmpstr (eb_survey_get_column_name (a, c), ==, eb_survey_get_column_name (b, c));
      g_assert_cmpint (eb_survey_get_column_role (a, c), ==, eb_survey_get_column_role (b, c));
      g_assert_true ((scale_a == NULL) == (scale_b == NULL));
      if (scale_a != NULL)
        g_assert_true (eb_scale_equal (scale_a, scale_b));
      for (guint r = 0; r < eb_survey_get_n_rows (a); r++)
        g_assert_cmpstr (eb_survey_get_cell (a, r, c), ==, eb_survey_get_cell (b, r, c));
    }
}

/* ---- detection on rows in memory ---------------------------------------- */

/* A table whose titles happen to look like export tags is still plain:
 * the answers under them do not read as question text. */
static void
test_detect_tags_over_answers (void)
{
  Table table = { 0 };
  EbHeaderStyle style = EB_HEADER_STYLE_QUALTRICS;

  table_add (&table, ROW ("Q1", "Q2", "Q3", "Q4"));
  table_add (&table, ROW ("Agree", "Agree", "Disagree", "Strongly agree"));
  table_add (&table, ROW ("Disagree", "Agree", "Agree", "Agree"));
  table_add (&table, ROW ("Agree", "Neutral", "Agree", "Disagree"));
  g_assert_cmpuint (table_detect (&table, &style), ==, 1);
  g_assert_cmpint (style, ==, EB_HEADER_STYLE_PLAIN);
}

/* Two header rows made by hand are not guessed: --header-rows says so. */
static void
test_detect_hand_made (void)
{
  Table table = { 0 };
  EbHeaderStyle style = EB_HEADER_STYLE_QUALTRICS;

  table_add (&table, ROW ("Section", "Satisfaction", "Satisfaction", ""));
  table_add (&table, ROW ("ID", "Teaching", "Materials", "Comments"));
  table_add (&table, ROW ("1", "Agree", "Disagree", "Fine"));
  g_assert_cmpuint (table_detect (&table, &style), ==, 1);
  g_assert_cmpint (style, ==, EB_HEADER_STYLE_PLAIN);

  /* Nothing at all, and NULL for the style. */
  g_assert_cmpuint (eb_header_detect (NULL, NULL, 0, &style), ==, 1);
  g_assert_cmpint (style, ==, EB_HEADER_STYLE_PLAIN);
  g_assert_cmpuint (table_detect (&table, NULL), ==, 1);
}

/* SurveyMonkey's own columns with answers under them: a table of
 * answers with a question over several columns above it. */
static void
test_detect_surveymonkey_one_row (void)
{
  Table table = { 0 };
  EbHeaderStyle style = EB_HEADER_STYLE_QUALTRICS;

  table_add (&table, ROW ("Respondent ID", "Start Date", "Rate", "", "Comments"));
  table_add (&table, ROW ("1001", "2024-03-01", "Good", "Poor", "Fine"));
  table_add (&table, ROW ("1002", "2024-03-02", "Fair", "Good", "Long"));
  g_assert_cmpuint (table_detect (&table, &style), ==, 1);
  g_assert_cmpint (style, ==, EB_HEADER_STYLE_PLAIN);
}

/* Only the first EB_HEADER_DETECT_ROWS rows are looked at: an ImportId
 * row further down does not count. */
static void
test_detect_window (void)
{
  static const char * const tags[] = { "StartDate", "Q1", NULL };
  static const char * const answer[] = { "2024-03-01", "Agree", NULL };
  static const char * const import_ids[] = { "{\"ImportId\":\"startDate\"}",
                                             "{\"ImportId\":\"QID1\"}", NULL };
  const char * const *rows[EB_HEADER_DETECT_ROWS + 1];
  guint n_cells[EB_HEADER_DETECT_ROWS + 1];
  EbHeaderStyle style;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      rows[i] = i == 0 ? tags : answer;
      n_cells[i] = 2;
    }
  rows[2] = import_ids;
  g_assert_cmpuint (eb_header_detect (rows, n_cells, G_N_ELEMENTS (rows), &style), ==, 3);
  g_assert_cmpint (style, ==, EB_HEADER_STYLE_QUALTRICS);
  rows[2] = answer;
  rows[EB_HEADER_DETECT_ROWS] = import_ids;
  g_assert_cmpuint (eb_header_detect (rows, n_cells, G_N_ELEMENTS (rows), &style), ==, 1);
  g_assert_cmpint (style, ==, EB_HEADER_STYLE_PLAIN);
}

/* What the import dialog shows when the user changes the number of
 * header rows of a SurveyMonkey export. */
static void
test_titles_surveymonkey (void)
{
  Table table = { 0 };

  table_add (&table, ROW ("Respondent ID", "Rate the course", "", "Other", "Comments"));
  table_add (&table, ROW ("", "Content", "Delivery", "Response", "Open-Ended Response"));
  table_add (&table, ROW ("1001", "Good", "Poor", "Yes", "Fine"));

  assert_table_titles (&table, 2, EB_HEADER_STYLE_SURVEYMONKEY,
                       TITLES ("Respondent ID", "Rate the course - Content",
                               "Rate the course - Delivery", "Other", "Comments"));
  /* One row: the question over one column only, as in a plain table. */
  assert_table_titles (&table, 1, EB_HEADER_STYLE_SURVEYMONKEY,
                       TITLES ("Respondent ID", "Rate the course", "Column 3", "Other",
                               "Comments"));
  /* Rows past those the tool writes are joined as in a plain table. */
  assert_table_titles (&table, 3, EB_HEADER_STYLE_SURVEYMONKEY,
                       TITLES ("Respondent ID - 1001", "Rate the course - Content - Good",
                               "Rate the course - Delivery - Poor", "Other - Yes",
                               "Comments - Fine"));
  assert_table_titles (&table, 0, EB_HEADER_STYLE_SURVEYMONKEY,
                       TITLES ("Column 1", "Column 2", "Column 3", "Column 4", "Column 5"));
  /* The same rows as a plain table. */
  assert_table_titles (&table, 2, EB_HEADER_STYLE_PLAIN,
                       TITLES ("Respondent ID", "Rate the course - Content", "Delivery",
                               "Other - Response", "Comments - Open-Ended Response"));
}

static void
test_titles_qualtrics (void)
{
  Table table = { 0 };

  table_add (&table, ROW ("ResponseId", "Q1", "Q2_1", "Q9"));
  table_add (&table, ROW ("Response ID", "Which programme?", "How confident\n  are you? - Planning",
                          ""));
  table_add (&table, ROW ("{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"QID1\"}",
                          "{\"ImportId\":\"QID2_1\"}", "{\"ImportId\":\"QID9\"}"));
  table_add (&table, ROW ("R_1", "1CN", "Fairly confident", "x"));

  assert_table_titles (&table, 3, EB_HEADER_STYLE_QUALTRICS,
                       TITLES ("Response ID", "Which programme?",
                               "How confident are you? - Planning", "Q9"));
  assert_table_titles (&table, 2, EB_HEADER_STYLE_QUALTRICS,
                       TITLES ("Response ID", "Which programme?",
                               "How confident are you? - Planning", "Q9"));
  assert_table_titles (&table, 1, EB_HEADER_STYLE_QUALTRICS,
                       TITLES ("ResponseId", "Q1", "Q2_1", "Q9"));
  assert_table_titles (&table, 4, EB_HEADER_STYLE_QUALTRICS,
                       TITLES ("Response ID - R_1", "Which programme? - 1CN",
                               "How confident are you? - Planning - Fairly confident",
                               "Q9 - x"));
}

static void
test_style_names (void)
{
  g_assert_cmpstr (eb_header_style_to_string (EB_HEADER_STYLE_QUALTRICS_LEGACY), ==,
                   "qualtrics-legacy");
  g_assert_cmpstr (eb_header_style_get_label (EB_HEADER_STYLE_QUALTRICS), ==,
                   "Qualtrics export");
  g_assert_cmpstr (eb_header_style_get_label (EB_HEADER_STYLE_PLAIN), ==, "Plain table");
}

/* ---- fixtures ------------------------------------------------------------ */

#define CONFIDENCE_QUESTION "How confident are you in each of the following?"
#define AGREE_QUESTION      "How far do you agree with the following statements?"
#define PROGRAMME_QUESTION  "Which programme are you on?"
#define RESOURCES_QUESTION  "Which resources did you use? (Select all that apply)"

static const char * const qualtrics_titles[] = {
  "Start Date", "End Date", "Response Type", "IP Address", "Progress",
  "Duration (in seconds)", "Finished", "Recorded Date", "Response ID",
  "Recipient Last Name", "Recipient First Name", "Recipient Email",
  "External Data Reference", "Location Latitude", "Location Longitude",
  "Distribution Channel", "User Language", PROGRAMME_QUESTION,
  CONFIDENCE_QUESTION " - Planning a lesson", CONFIDENCE_QUESTION " - Explaining a new idea",
  CONFIDENCE_QUESTION " - Supporting a pupil who is stuck", "The sessions were well organised",
  "What helped you most? (Please be specific.)", NULL
};

static void
check_qualtrics (EbSurvey *survey)
{
  assert_shape (survey, 3, EB_HEADER_STYLE_QUALTRICS, 12);
  assert_titles (survey, qualtrics_titles);
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 8), ==, "R_01q7XbC4nK2mP");

  assert_roles (survey, TITLES ("Start Date", "End Date", "Recorded Date"), EB_COLUMN_ROLE_DATE);
  assert_role (survey, "Response ID", EB_COLUMN_ROLE_ID, 0, NULL, NULL);
  assert_roles (survey, TITLES ("Response Type", "IP Address", "Progress",
                                "Duration (in seconds)", "Finished", "Recipient Last Name",
                                "Recipient First Name", "Recipient Email",
                                "External Data Reference", "Location Latitude",
                                "Location Longitude", "Distribution Channel",
                                "User Language"),
                EB_COLUMN_ROLE_IGNORED);
  assert_role (survey, PROGRAMME_QUESTION, EB_COLUMN_ROLE_ATTRIBUTE, 0, NULL, NULL);
  assert_confidence (survey, CONFIDENCE_QUESTION " - Planning a lesson");
  assert_confidence (survey, CONFIDENCE_QUESTION " - Explaining a new idea");
  assert_confidence (survey, CONFIDENCE_QUESTION " - Supporting a pupil who is stuck");
  assert_agreement (survey, "The sessions were well organised");
  assert_role (survey, "What helped you most? (Please be specific.)", EB_COLUMN_ROLE_TEXT,
               0, NULL, NULL);
}

/* More respondents than detection looks at: the rows held for it go to
 * the answers when the header is decided. */
static void
test_csv_qualtrics (void)
{
  g_autoptr(EbSurvey) survey = import_fixture ("qualtrics.csv", -1);

  check_qualtrics (survey);
}

static void
test_xlsx_qualtrics (void)
{
  g_autoptr(EbSurvey) csv = import_fixture ("qualtrics.csv", -1);
  g_autoptr(EbSurvey) xlsx = import_fixture ("qualtrics.xlsx", -1);

  check_qualtrics (xlsx);
  assert_same_survey (csv, xlsx);
}

/* Fewer rows than detection looks at: the header is decided at the end. */
static void
test_csv_qualtrics_legacy (void)
{
  g_autoptr(EbSurvey) survey = import_fixture ("qualtrics-legacy.csv", -1);

  assert_shape (survey, 2, EB_HEADER_STYLE_QUALTRICS_LEGACY, 6);
  assert_titles (survey, TITLES ("ResponseID", "ResponseSet", "Name", "ExternalDataReference",
                                 "EmailAddress", "IPAddress", "Status", "StartDate", "EndDate",
                                 "Finished", PROGRAMME_QUESTION,
                                 CONFIDENCE_QUESTION "-Planning a lesson",
                                 CONFIDENCE_QUESTION "-Explaining a new idea",
                                 CONFIDENCE_QUESTION "-Supporting a pupil who is stuck",
                                 "The sessions were well organised", "What helped you most?",
                                 "LocationLatitude", "LocationLongitude", "LocationAccuracy"));
  assert_role (survey, "ResponseID", EB_COLUMN_ROLE_ID, 0, NULL, NULL);
  assert_roles (survey, TITLES ("StartDate", "EndDate"), EB_COLUMN_ROLE_DATE);
  assert_roles (survey, TITLES ("ResponseSet", "Name", "ExternalDataReference", "EmailAddress",
                                "IPAddress", "Status", "Finished", "LocationLatitude",
                                "LocationLongitude", "LocationAccuracy"),
                EB_COLUMN_ROLE_IGNORED);
  assert_role (survey, PROGRAMME_QUESTION, EB_COLUMN_ROLE_ATTRIBUTE, 0, NULL, NULL);
  assert_confidence (survey, CONFIDENCE_QUESTION "-Planning a lesson");
  assert_confidence (survey, CONFIDENCE_QUESTION "-Supporting a pupil who is stuck");
  assert_agreement (survey, "The sessions were well organised");
  assert_role (survey, "What helped you most?", EB_COLUMN_ROLE_TEXT, 0, NULL, NULL);
}

static const char * const surveymonkey_titles[] = {
  "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
  "First Name", "Last Name", "Custom Data 1", PROGRAMME_QUESTION,
  AGREE_QUESTION " - The sessions were well organised",
  AGREE_QUESTION " - I could ask questions", AGREE_QUESTION " - The materials were useful",
  RESOURCES_QUESTION " - Handbook", RESOURCES_QUESTION " - Videos",
  RESOURCES_QUESTION " - Other (please specify)", "What helped you most?", NULL
};

static void
check_surveymonkey (EbSurvey *survey)
{
  assert_shape (survey, 2, EB_HEADER_STYLE_SURVEYMONKEY, 6);
  assert_titles (survey, surveymonkey_titles);
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 0), ==, "114200000000");
  g_assert_cmpstr (eb_survey_get_cell (survey, 2, 15), ==, "A podcast");

  assert_role (survey, "Respondent ID", EB_COLUMN_ROLE_ID, 0, NULL, NULL);
  assert_roles (survey, TITLES ("Start Date", "End Date"), EB_COLUMN_ROLE_DATE);
  assert_roles (survey, TITLES ("Collector ID", "IP Address", "Email Address", "First Name",
                                "Last Name", "Custom Data 1"),
                EB_COLUMN_ROLE_IGNORED);
  assert_role (survey, PROGRAMME_QUESTION, EB_COLUMN_ROLE_ATTRIBUTE, 0, NULL, NULL);
  assert_agreement (survey, AGREE_QUESTION " - The sessions were well organised");
  assert_agreement (survey, AGREE_QUESTION " - I could ask questions");
  assert_agreement (survey, AGREE_QUESTION " - The materials were useful");
  assert_role (survey, "What helped you most?", EB_COLUMN_ROLE_TEXT, 0, NULL, NULL);
}

static void
test_csv_surveymonkey (void)
{
  g_autoptr(EbSurvey) survey = import_fixture ("surveymonkey.csv", -1);

  check_surveymonkey (survey);
}

/* The workbook merges each question over its columns, and lists the
 * merges after the data. */
static void
test_xlsx_surveymonkey (void)
{
  g_autoptr(EbSurvey) csv = import_fixture ("surveymonkey.csv", -1);
  g_autoptr(EbSurvey) xlsx = import_fixture ("surveymonkey.xlsx", -1);

  check_surveymonkey (xlsx);
  assert_same_survey (csv, xlsx);
}

static void
test_csv_microsoft_forms (void)
{
  g_autoptr(EbSurvey) survey = import_fixture ("microsoft-forms.csv", -1);

  assert_shape (survey, 1, EB_HEADER_STYLE_MICROSOFT_FORMS, 8);
  assert_titles (survey, TITLES ("ID", "Start time", "Completion time", "Email", "Name",
                                 "Last modified time", PROGRAMME_QUESTION,
                                 AGREE_QUESTION ".The sessions were well organised",
                                 AGREE_QUESTION ".I could ask questions",
                                 "What helped you most?"));
  assert_role (survey, "ID", EB_COLUMN_ROLE_ID, 0, NULL, NULL);
  assert_roles (survey, TITLES ("Start time", "Completion time"), EB_COLUMN_ROLE_DATE);
  assert_roles (survey, TITLES ("Email", "Name", "Last modified time"), EB_COLUMN_ROLE_IGNORED);
  assert_role (survey, PROGRAMME_QUESTION, EB_COLUMN_ROLE_ATTRIBUTE, 0, NULL, NULL);
  assert_agreement (survey, AGREE_QUESTION ".The sessions were well organised");
  assert_agreement (survey, AGREE_QUESTION ".I could ask questions");
  assert_role (survey, "What helped you most?", EB_COLUMN_ROLE_TEXT, 0, NULL, NULL);
}

static void
test_csv_google_forms (void)
{
  g_autoptr(EbSurvey) survey = import_fixture ("google-forms.csv", -1);

  assert_shape (survey, 1, EB_HEADER_STYLE_GOOGLE_FORMS, 8);
  assert_titles (survey, TITLES ("Timestamp", "Email Address", "Score", PROGRAMME_QUESTION,
                                 AGREE_QUESTION " [The sessions were well organised]",
                                 AGREE_QUESTION " [I could ask questions]",
                                 AGREE_QUESTION " [The materials were useful]",
                                 "What helped you most?"));
  assert_role (survey, "Timestamp", EB_COLUMN_ROLE_DATE, 0, NULL, NULL);
  assert_roles (survey, TITLES ("Email Address", "Score"), EB_COLUMN_ROLE_IGNORED);
  assert_role (survey, PROGRAMME_QUESTION, EB_COLUMN_ROLE_ATTRIBUTE, 0, NULL, NULL);
  assert_agreement (survey, AGREE_QUESTION " [The sessions were well organised]");
  assert_agreement (survey, AGREE_QUESTION " [I could ask questions]");
  assert_agreement (survey, AGREE_QUESTION " [The materials were useful]");
  assert_role (survey, "What helped you most?", EB_COLUMN_ROLE_TEXT, 0, NULL, NULL);
}

/* A blank line among the rows held for detection stays among the
 * answers. */
static void
test_csv_plain (void)
{
  g_autoptr(EbSurvey) survey = import_fixture ("plain.csv", -1);

  assert_shape (survey, 1, EB_HEADER_STYLE_PLAIN, 13);
  assert_titles (survey, TITLES ("Participant", "Programme", "Rate the course - Content",
                                 "Rate the course - Delivery", "Comments"));
  g_assert_cmpstr (eb_survey_get_cell (survey, 2, 0), ==, "P003");
  g_assert_cmpstr (eb_survey_get_cell (survey, 3, 0), ==, "");
  g_assert_cmpstr (eb_survey_get_cell (survey, 4, 0), ==, "P004");
  g_assert_cmpstr (eb_survey_get_cell (survey, 12, 0), ==, "P012");
  assert_role (survey, "Participant", EB_COLUMN_ROLE_ID, 0, NULL, NULL);
  assert_role (survey, "Programme", EB_COLUMN_ROLE_ATTRIBUTE, 0, NULL, NULL);
  assert_role (survey, "Rate the course - Content", EB_COLUMN_ROLE_LIKERT, 4, "Poor", "Excellent");
  assert_role (survey, "Rate the course - Delivery", EB_COLUMN_ROLE_LIKERT, 4, "Poor", "Excellent");
  assert_role (survey, "Comments", EB_COLUMN_ROLE_TEXT, 0, NULL, NULL);
}

/* The user's number of header rows wins; the style still says how the
 * rows that are header rows make titles. */
static void
test_override (void)
{
  g_autoptr(EbSurvey) one = import_fixture ("qualtrics.csv", 1);
  g_autoptr(EbSurvey) two = import_fixture ("qualtrics.csv", 2);
  g_autoptr(EbSurvey) none = import_fixture ("qualtrics.csv", 0);
  g_autoptr(EbSurvey) monkey = import_fixture ("surveymonkey.xlsx", 1);
  g_autoptr(EbSurvey) legacy = import_fixture ("qualtrics-legacy.csv", 3);

  assert_shape (one, 1, EB_HEADER_STYLE_QUALTRICS, 14);
  g_assert_cmpstr (eb_survey_get_column_name (one, 0), ==, "StartDate");
  g_assert_cmpstr (eb_survey_get_column_name (one, 18), ==, "Q2_1");
  g_assert_cmpstr (eb_survey_get_column_name (one, 22), ==, "Q4_TEXT");
  g_assert_cmpstr (eb_survey_get_cell (one, 0, 0), ==, "Start Date");
  g_assert_cmpstr (eb_survey_get_cell (one, 1, 18), ==, "{\"ImportId\":\"QID2_1\"}");
  g_assert_cmpstr (eb_survey_get_cell (one, 2, 8), ==, "R_01q7XbC4nK2mP");

  assert_shape (two, 2, EB_HEADER_STYLE_QUALTRICS, 13);
  assert_titles (two, qualtrics_titles);
  g_assert_cmpstr (eb_survey_get_cell (two, 0, 18), ==, "{\"ImportId\":\"QID2_1\"}");

  assert_shape (none, 0, EB_HEADER_STYLE_QUALTRICS, 15);
  g_assert_cmpstr (eb_survey_get_column_name (none, 0), ==, "Column 1");
  g_assert_cmpstr (eb_survey_get_cell (none, 0, 0), ==, "StartDate");

  /* One row of a merged question: the merge covers its columns. */
  assert_shape (monkey, 1, EB_HEADER_STYLE_SURVEYMONKEY, 7);
  g_assert_cmpstr (eb_survey_get_column_name (monkey, 10), ==, AGREE_QUESTION);
  g_assert_cmpstr (eb_survey_get_column_name (monkey, 11), ==, AGREE_QUESTION " (2)");
  g_assert_cmpstr (eb_survey_get_cell (monkey, 0, 10), ==, "The sessions were well organised");

  /* A third row is the first answer, joined on. */
  assert_shape (legacy, 3, EB_HEADER_STYLE_QUALTRICS_LEGACY, 5);
  g_assert_cmpstr (eb_survey_get_column_name (legacy, 0), ==, "ResponseID - R_01Leg4cyXz");
}

/* The readers themselves, without role detection: the CSV reader holds
 * the first rows and the workbook builder keeps them in its header until
 * the header is decided. */
static void
test_readers (void)
{
  g_autofree char *csv_path = fixture_path ("surveymonkey.csv");
  g_autofree char *xlsx_path = fixture_path ("qualtrics.xlsx");
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) csv = eb_csv_read (csv_path, &options, NULL, NULL, NULL, NULL, &error);
  g_autoptr(EbSurvey) xlsx = NULL;

  g_assert_no_error (error);
  assert_shape (csv, 2, EB_HEADER_STYLE_SURVEYMONKEY, 6);
  xlsx = eb_xlsx_read (xlsx_path, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_shape (xlsx, 3, EB_HEADER_STYLE_QUALTRICS, 12);
  g_assert_cmpstr (eb_survey_get_cell (xlsx, 11, 8), ==, "R_12q7XbC4nK2mP");

  /* A survey not read from a file has no style. */
  g_clear_object (&csv);
  csv = eb_survey_new ();
  g_assert_cmpint (eb_header_get_style (csv), ==, EB_HEADER_STYLE_PLAIN);
}

/* ---- the command line ---------------------------------------------------- */

static JsonObject *
describe (const char *name,
          const char *header_rows,
          JsonNode  **node)
{
  g_autofree char *path = fixture_path (name);
  const char *evalbench = g_getenv ("EVALBENCH");
  const char *argv[] = { evalbench, "describe", path, "--json", NULL, NULL, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (header_rows != NULL)
    {
      argv[4] = "--header-rows";
      argv[5] = header_rows;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("evalbench describe %s failed: %s", name, err);
  *node = json_from_string (out, &error);
  g_assert_no_error (error);
  return json_node_get_object (*node);
}

static const char *
column_role (JsonObject *root,
             const char *title)
{
  JsonArray *columns = json_object_get_array_member (root, "columns");

  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);

      if (strcmp (json_object_get_string_member (column, "name"), title) == 0)
        return json_object_get_string_member (column, "role");
    }
  g_error ("no column “%s”", title);
}

static void
test_cli_describe (void)
{
  g_autoptr(JsonNode) qualtrics = NULL;
  g_autoptr(JsonNode) monkey = NULL;
  g_autoptr(JsonNode) forced = NULL;
  JsonObject *root;

  if (g_getenv ("EVALBENCH") == NULL)
    {
      g_test_skip ("EVALBENCH is not set");
      return;
    }

  root = describe ("qualtrics.csv", NULL, &qualtrics);
  g_assert_cmpint (json_object_get_int_member (root, "header_rows"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 12);
  g_assert_cmpstr (column_role (root, "Response ID"), ==, "id");
  g_assert_cmpstr (column_role (root, "Start Date"), ==, "date");
  g_assert_cmpstr (column_role (root, "User Language"), ==, "ignored");
  g_assert_cmpstr (column_role (root, CONFIDENCE_QUESTION " - Planning a lesson"), ==, "likert");

  root = describe ("surveymonkey.xlsx", NULL, &monkey);
  g_assert_cmpint (json_object_get_int_member (root, "header_rows"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 6);
  g_assert_cmpstr (column_role (root, AGREE_QUESTION " - I could ask questions"), ==, "likert");

  root = describe ("qualtrics.csv", "1", &forced);
  g_assert_cmpint (json_object_get_int_member (root, "header_rows"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 14);
  g_assert_cmpstr (column_role (root, "Q2_1"), !=, "likert");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/headers/detect/tags-over-answers", test_detect_tags_over_answers);
  g_test_add_func ("/headers/detect/hand-made", test_detect_hand_made);
  g_test_add_func ("/headers/detect/surveymonkey-one-row", test_detect_surveymonkey_one_row);
  g_test_add_func ("/headers/detect/window", test_detect_window);
  g_test_add_func ("/headers/titles/surveymonkey", test_titles_surveymonkey);
  g_test_add_func ("/headers/titles/qualtrics", test_titles_qualtrics);
  g_test_add_func ("/headers/titles/style-names", test_style_names);
  g_test_add_func ("/headers/csv/qualtrics", test_csv_qualtrics);
  g_test_add_func ("/headers/csv/qualtrics-legacy", test_csv_qualtrics_legacy);
  g_test_add_func ("/headers/csv/surveymonkey", test_csv_surveymonkey);
  g_test_add_func ("/headers/csv/microsoft-forms", test_csv_microsoft_forms);
  g_test_add_func ("/headers/csv/google-forms", test_csv_google_forms);
  g_test_add_func ("/headers/csv/plain", test_csv_plain);
  g_test_add_func ("/headers/xlsx/qualtrics", test_xlsx_qualtrics);
  g_test_add_func ("/headers/xlsx/surveymonkey", test_xlsx_surveymonkey);
  g_test_add_func ("/headers/override", test_override);
  g_test_add_func ("/headers/readers", test_readers);
  g_test_add_func ("/headers/cli/describe", test_cli_describe);

  return g_test_run ();
}
