/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The annotated workbook, read back by an independent reader
 * (check-workbook.py: openpyxl and the zip archive itself) and opened by
 * Gnumeric's ssconvert: the example project against Table 1 of the paper,
 * text that looks like a formula, pseudonymising, reproducibility, and the
 * command line writing the same workbook as the API. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "coding-analysis.h"
#include "diagram-render.h"
#include "diagram-templates.h"
#include "eb-diagram.h"
#include "eb-coding-store.h"
#include "eb-project.h"
#include "example-codebook.h"
#include "pseudonymise.h"
#include "survey-import.h"
#include "workbook-export.h"

#define QUOTE_MEMO  "Quote memo: practice back at school, see the Link Teacher's notes"
#define CODING_MEMO "Coding memo: coded as practice because of the games in class"
#define EPOCH       "1700000000"

static char *tmpdir;
static EbProject *example;
static EbSurvey *example_survey;
static char *example_path;
static char *quotes_json;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Runs check-workbook.py with the NULL-terminated arguments; its report
 * goes to the test log. */
static void
check_with_python (const char *mode,
                   ...)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "workbook", "check-workbook.py",
                                                   NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (gpointer) mode);
  va_start (args, mode);
  for (arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("check-workbook.py %s:\n%s%s", mode, out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
export (EbProject               *project,
        EbSurvey                *survey,
        const char              *path,
        const EbWorkbookOptions *options)
{
  g_autoptr(GError) error = NULL;
  EbWorkbookOptions defaults;

  eb_workbook_options_init (&defaults);
  g_assert_true (eb_workbook_export (project, survey, path, options != NULL ? options : &defaults,
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static guint
find_row (EbSurvey   *survey,
          guint       column,
          const char *value)
{
  for (guint row = 0; row < eb_survey_get_n_rows (survey); row++)
    if (g_strcmp0 (eb_survey_get_cell (survey, row, column), value) == 0)
      return row;
  g_assert_not_reached ();
}

/* The example project as the build makes it (the survey of the paper,
 * its codebook and coded quotes, its Figure 1 as the diagram), plus a memo on a quote and one on a
 * coding, and the quotes with their themes as `quotes --json` gives them:
 * what the comments must say. */
static void
build_example (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                "peer-mentoring-survey.csv", NULL);
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_auto(EbErrorLocation) location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(JsonNode) quotes = NULL;
  g_autofree char *json = NULL;
  EbQuoteList *list;
  EbQuote *quote;
  guint row, column;

  example_survey = eb_survey_import (csv, &options, NULL, NULL, NULL, &location, &error);
  g_assert_no_error (error);
  example_path = tmp_path ("example.evalbench");
  example = eb_project_open (example_path, &error);
  g_assert_no_error (error);
  g_assert_true (eb_project_store_survey (example, example_survey, &error));
  g_assert_true (eb_example_codebook_seed_project (example, &error));
  g_assert_no_error (error);

  store = eb_coding_store_new (example, example_survey, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(EbDiagram) diagram = eb_diagram_new (store, &error);
    EbDiagramRenderOptions render;

    g_assert_no_error (error);
    eb_diagram_render_options_init (&render);
    g_assert_true (eb_diagram_apply_template (diagram, EB_DIAGRAM_TEMPLATE_PEER_MENTORING,
                                              eb_diagram_render_measure, &render, &error));
    g_assert_no_error (error);
  }
  eb_coding_store_set_coder (store, "Ada");
  list = eb_coding_store_get_quotes (store);
  row = find_row (example_survey, (guint) eb_survey_find_column (example_survey, "Participant"),
                  "117");
  column = (guint) eb_survey_find_column (example_survey, "Face-to-face sessions");
  quote = eb_quote_list_get_quote (list, (guint) eb_quote_list_find (list, row, column));
  g_assert_true (eb_quote_is_coded (quote));
  g_assert_true (eb_coding_store_add_memo (store, EB_MEMO_TARGET_QUOTE, row, (int) column,
                                           QUOTE_MEMO, NULL, &error));
  g_assert_true (eb_coding_store_add_memo (store, EB_MEMO_TARGET_CODING,
                                           eb_coding_get_id (eb_quote_get_coding (quote, 0)), -1,
                                           CODING_MEMO, NULL, &error));
  g_assert_no_error (error);

  quotes = eb_quotes_to_json (store, NULL, &error);
  g_assert_no_error (error);
  json = json_to_string (quotes, FALSE);
  quotes_json = tmp_path ("quotes.json");
  g_assert_true (g_file_set_contents (quotes_json, json, -1, &error));
}

/* ---- The example project ------------------------------------------------ */

static void
test_example (void)
{
  g_autofree char *path = tmp_path ("example.xlsx");

  export (example, NULL, path, NULL);
  check_with_python ("example", path, quotes_json, QUOTE_MEMO, CODING_MEMO, NULL);
}

static void
test_grouped (void)
{
  g_autofree char *path = tmp_path ("grouped.xlsx");
  EbWorkbookOptions options;

  eb_workbook_options_init (&options);
  options.group_column = eb_survey_find_column (example_survey, "Programme");
  export (example, example_survey, path, &options);
  check_with_python ("grouped", path, NULL);
}

static void
test_survey_file (void)
{
  g_autofree char *path = tmp_path ("survey-only.xlsx");

  /* A survey read straight from its file: no codebook or audit trail,
   * every sheet all the same. */
  export (NULL, example_survey, path, NULL);
  check_with_python ("survey", path, NULL);
}

/* ---- Two waves of the same respondents --------------------------------- */

static void
test_waves (void)
{
  static const char *spec = "Strongly disagree<Disagree<Neutral<Agree<Strongly agree";
  g_autoptr(EbScale) scale = eb_scale_parse_spec (spec, NULL);
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autofree char *path = tmp_path ("waves.xlsx");
  g_auto(GStrv) levels = g_strsplit (spec, "<", -1);
  EbWorkbookOptions options;
  GRand *rand = g_rand_new_with_seed (11);

  eb_survey_add_column (survey, "ID");
  eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
  eb_survey_add_column (survey, "Wave");
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_ATTRIBUTE);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("Item %u", i + 1);
      guint column = eb_survey_add_column (survey, name);

      eb_survey_set_column_role (survey, column, EB_COLUMN_ROLE_LIKERT);
      eb_survey_set_column_scale (survey, column, scale);
    }
  /* 40 people before, 36 of them again after (and 3 newcomers), some
   * answers missing. */
  for (guint wave = 0; wave < 2; wave++)
    for (guint p = 0; p < 40; p++)
      {
        g_autofree char *id = g_strdup_printf ("%u", wave == 1 && p >= 36 ? 100 + p : p + 1);
        const char *cells[4] = { id, wave == 0 ? "pre" : "post" };

        if (wave == 1 && p == 39)
          continue;
        for (guint i = 0; i < 2; i++)
          cells[2 + i] = g_rand_int_range (rand, 0, 12) == 0 ? "" : levels[g_rand_int_range (rand, 0, 5)];
        eb_survey_append_row (survey, cells, G_N_ELEMENTS (cells));
      }
  g_rand_free (rand);

  eb_workbook_options_init (&options);
  options.group_column = 1;
  export (NULL, survey, path, &options);
  check_with_python ("waves", path, levels[0], levels[1], levels[2], levels[3], levels[4], NULL);
}

/* ---- Text that looks like a formula ------------------------------------ */

static EbSurvey *
make_text_survey (void)
{
  static const char *names[] = { "ID", "Comment", "Score", "Programme" };
  static const EbColumnRole roles[] = {
    EB_COLUMN_ROLE_ID, EB_COLUMN_ROLE_TEXT, EB_COLUMN_ROLE_NUMBER, EB_COLUMN_ROLE_ATTRIBUTE,
  };
  static const char *rows[][4] = {
    { "1", "=1+1", "12", "=A1" },
    { "2", "+44 20 7946 0000", "-3.5", "B" },
    { "3", "-3 is bad", "007", "A" },
    { "4", "@home", "", "" },
    { "5", "=SUM(A1:A3)", "1e3", "B" },
  };
  EbSurvey *survey = eb_survey_new ();

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      eb_survey_add_column (survey, names[c]);
      eb_survey_set_column_role (survey, c, roles[c]);
    }
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    eb_survey_append_row (survey, rows[r], G_N_ELEMENTS (rows[r]));
  eb_survey_set_source_file (survey, "formulas.csv");
  return survey;
}

static void
test_text_stays_text (void)
{
  g_autofree char *project_path = tmp_path ("text.evalbench");
  g_autofree char *path = tmp_path ("text.xlsx");
  g_autoptr(EbSurvey) survey = make_text_survey ();
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 theme;

  project = eb_project_open (project_path, &error);
  g_assert_no_error (error);
  g_assert_true (eb_project_store_survey (project, survey, &error));
  store = eb_coding_store_new (project, survey, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eb_coding_store_create_theme (store, 0, "=HYPERLINK(\"x\")", "#1b9e77",
                                               "+a description", EB_THEME_LEVEL_OPEN, TRUE,
                                               &theme, &error));
  g_assert_true (eb_coding_store_tag (store, theme, 0, 1, 0, -1, NULL, &error));
  g_assert_true (eb_coding_store_add_memo (store, EB_MEMO_TARGET_QUOTE, 0, 1, "=2+2", NULL,
                                           &error));
  g_assert_no_error (error);

  export (project, survey, path, NULL);
  check_with_python ("text", path, "=1+1", "+44 20 7946 0000", "-3 is bad", "@home",
                     "=SUM(A1:A3)", "=A1", "=HYPERLINK(\"x\")", NULL);
  eb_project_close (project);
}

/* ---- Pseudonymising ------------------------------------------------------ */

static EbSurvey *
make_people_survey (void)
{
  static const char *scale_labels[] = { "Disagree", "Neutral", "Agree" };
  static const char *names[] = {
    "Respondent ID", "Name", "E-mail", "Programme", "Confidence", "Comment", "Contact",
  };
  static const EbColumnRole roles[] = {
    EB_COLUMN_ROLE_ID, EB_COLUMN_ROLE_IGNORED, EB_COLUMN_ROLE_IGNORED, EB_COLUMN_ROLE_ATTRIBUTE,
    EB_COLUMN_ROLE_LIKERT, EB_COLUMN_ROLE_TEXT, EB_COLUMN_ROLE_ATTRIBUTE,
  };
  static const char *rows[][7] = {
    { "R-0117", "Alice Example", "alice@example.org", "1CN", "Agree",
      "The sessions gave me confidence to try the games", "alice.home@example.net" },
    { "R-0042", "Bob Sample", "bob@example.org", "1CN2", "Neutral",
      "Sharing ideas with other schools was the best part", "bob.s@example.net" },
    { "R-0301", "Carol Person", "carol@example.org", "1CN", "Disagree",
      "Too little time to talk to the other assistants", "" },
  };
  g_autoptr(EbScale) scale = eb_scale_new (scale_labels, NULL, G_N_ELEMENTS (scale_labels));
  EbSurvey *survey = eb_survey_new ();

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      eb_survey_add_column (survey, names[c]);
      eb_survey_set_column_role (survey, c, roles[c]);
    }
  eb_survey_set_column_scale (survey, 4, scale);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    eb_survey_append_row (survey, rows[r], G_N_ELEMENTS (rows[r]));
  eb_survey_set_source_file (survey, "people.csv");
  return survey;
}

static void
test_pseudonyms (void)
{
  g_autoptr(EbSurvey) survey = make_people_survey ();
  g_autoptr(EbPseudonyms) pseudonyms = eb_pseudonyms_new (survey);
  g_autofree char *audit = NULL;
  static const char *identifying[] = {
    "Name", "Full name", "E-mail", "Email address", "RecipientEmail", "RecipientFirstName",
    "IPAddress", "LocationLatitude", "Your name", "Surname", "Telephone number",
  };
  static const char *not_identifying[] = {
    "Programme name", "Names of the games you used", "Comment", "School",
  };

  g_assert_cmpstr (eb_pseudonyms_get_code (pseudonyms, 0), ==, "P001");
  g_assert_cmpstr (eb_pseudonyms_get_code (pseudonyms, 2), ==, "P003");
  g_assert_cmpuint (eb_pseudonyms_get_n_codes (pseudonyms), ==, 3);
  g_assert_false (eb_column_is_identifying (survey, 0));   /* the id: given codes */
  g_assert_true (eb_column_is_identifying (survey, 1));
  g_assert_true (eb_column_is_identifying (survey, 2));
  g_assert_false (eb_column_is_identifying (survey, 3));
  g_assert_false (eb_column_is_identifying (survey, 5));
  /* "Contact" holds e-mail addresses. */
  g_assert_true (eb_column_is_identifying (survey, 6));

  audit = eb_pseudonyms_replace_respondents (pseudonyms,
                                             "respondent R-0042, \xe2\x80\x9c" "Comment\xe2\x80\x9d, "
                                             "whole answer; respondent R-9999, \xe2\x80\x9cX\xe2\x80\x9d");
  g_assert_cmpstr (audit, ==, "respondent P002, \xe2\x80\x9c" "Comment\xe2\x80\x9d, whole answer; "
                   "respondent (removed), \xe2\x80\x9cX\xe2\x80\x9d");

  for (guint i = 0; i < G_N_ELEMENTS (identifying); i++)
    {
      g_autoptr(EbSurvey) titled = eb_survey_new ();
      const char *cell = "x";

      eb_survey_add_column (titled, identifying[i]);
      eb_survey_set_column_role (titled, 0, EB_COLUMN_ROLE_ATTRIBUTE);
      eb_survey_append_row (titled, &cell, 1);
      g_assert_true (eb_column_is_identifying (titled, 0));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_identifying); i++)
    {
      g_autoptr(EbSurvey) titled = eb_survey_new ();
      const char *cell = "x";

      eb_survey_add_column (titled, not_identifying[i]);
      eb_survey_set_column_role (titled, 0, EB_COLUMN_ROLE_ATTRIBUTE);
      eb_survey_append_row (titled, &cell, 1);
      g_assert_false (eb_column_is_identifying (titled, 0));
    }
}

static void
test_pseudonymised_export (void)
{
  g_autofree char *project_path = tmp_path ("people.evalbench");
  g_autofree char *path = tmp_path ("people.xlsx");
  g_autoptr(EbSurvey) survey = make_people_survey ();
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(GError) error = NULL;
  EbWorkbookOptions options;
  gint64 theme;

  project = eb_project_open (project_path, &error);
  g_assert_no_error (error);
  g_assert_true (eb_project_store_survey (project, survey, &error));
  store = eb_coding_store_new (project, survey, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eb_coding_store_create_theme (store, 0, "Confidence", "#7570b3", NULL,
                                               EB_THEME_LEVEL_SELECTIVE, TRUE, &theme, &error));
  g_assert_true (eb_coding_store_tag (store, theme, 0, 5, 0, -1, NULL, &error));
  g_assert_true (eb_coding_store_tag (store, theme, 1, 5, 0, 13, NULL, &error));
  g_assert_true (eb_coding_store_add_memo (store, EB_MEMO_TARGET_QUOTE, 0, 5,
                                           "Says confidence outright", NULL, &error));
  g_assert_no_error (error);

  eb_workbook_options_init (&options);
  options.pseudonymise = TRUE;
  export (project, survey, path, &options);
  check_with_python ("pseudonymised", path, "R-0117", "R-0042", "R-0301", "Alice", "Bob Sample",
                     "Carol", "example.org", "example.net", NULL);
  eb_project_close (project);
}

/* ---- Reproducible, and one code path ------------------------------------ */

/* The whole test runs with SOURCE_DATE_EPOCH set (see main()); the
 * command line can be run without it. */
static void
run_cli (const char *workbook,
         gboolean    with_epoch,
         int         expected,
         char      **err)
{
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = {
    g_getenv ("EVALBENCH"), "export", example_path, "--workbook", workbook, NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (!with_epoch)
    envp = g_environ_unsetenv (envp, "SOURCE_DATE_EPOCH");
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expected);
  if (expected == 0)
    {
      g_autofree char *line = g_strdup_printf ("%s\n", workbook);

      g_assert_cmpstr (out, ==, line);
    }
  else
    g_assert_cmpstr (out, ==, "");
}

static void
test_reproducible (void)
{
  g_autofree char *first = tmp_path ("first.xlsx");
  g_autofree char *second = tmp_path ("second.xlsx");
  g_autofree char *now = tmp_path ("now.xlsx");
  g_autofree char *err = NULL;

  export (example, NULL, first, NULL);
  export (example, NULL, second, NULL);
  check_with_python ("same", first, second, NULL);

  /* Without SOURCE_DATE_EPOCH only the export date may change. */
  if (g_getenv ("EVALBENCH") == NULL)
    {
      g_test_skip ("EVALBENCH is not set");
      return;
    }
  run_cli (now, FALSE, 0, &err);
  check_with_python ("same", first, now, "About!Exported on", NULL);
}

static void
test_cli (void)
{
  g_autofree char *api = tmp_path ("api.xlsx");
  g_autofree char *cli = tmp_path ("cli.xlsx");
  g_autofree char *err = NULL;
  g_autofree char *unwritable_err = NULL;

  if (g_getenv ("EVALBENCH") == NULL)
    {
      g_test_skip ("EVALBENCH is not set");
      return;
    }
  export (example, NULL, api, NULL);
  run_cli (cli, TRUE, 0, &err);
  check_with_python ("same", api, cli, NULL);

  /* CLI.md: 3 when the output cannot be written, with the file named. */
  run_cli ("/nonexistent/folder/out.xlsx", TRUE, 3, &unwritable_err);
  g_assert_nonnull (strstr (unwritable_err, "/nonexistent/folder/out.xlsx"));
}

/* ---- Gnumeric ------------------------------------------------------------ */

static char *
read_gzip (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr(GZlibDecompressor) gzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (raw, G_CONVERTER (gzip));
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (memory, "", 1, NULL, &error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
run_ssconvert (const char  *type,
               const char  *from,
               const char  *to,
               guint       *n_notes)
{
  const char *argv[] = { "ssconvert", "--export-type", type, from, to, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Gnumeric reads cell comments from the comments part and then tells
   * that it skips their VML drawing, once per comment ("Unhandled object of
   * type Note"): it does so for any workbook with comments, Excel's own
   * included. Anything else on stderr is a complaint. */
  *n_notes = 0;
  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_assert_cmpstr (lines[i], ==, "Unhandled object of type Note");
      (*n_notes)++;
    }
}

static void
test_ssconvert (void)
{
  g_autofree char *program = g_find_program_in_path ("ssconvert");
  g_autofree char *path = tmp_path ("example.xlsx");
  g_autofree char *csv = tmp_path ("example.csv");
  g_autofree char *native = tmp_path ("example.gnumeric");
  g_autofree char *xml = NULL;
  guint n_notes, n_native_notes;

  if (program == NULL)
    {
      g_test_skip ("ssconvert (Gnumeric) is not installed");
      return;
    }
  export (example, NULL, path, NULL);
  run_ssconvert ("Gnumeric_stf:stf_csv", path, csv, &n_notes);
  g_assert_true (g_file_test (csv, G_FILE_TEST_EXISTS));
  run_ssconvert ("Gnumeric_XmlIO:sax", path, native, &n_native_notes);
  xml = read_gzip (native);
  /* Every comment arrived: 55 coded answers in the example. */
  g_assert_cmpuint (count_occurrences (xml, "<gnm:CellComment "), ==, 55);
  g_assert_cmpuint (n_notes, ==, 55);
  g_assert_cmpuint (count_occurrences (xml, "<gnm:Sheet "), ==, 9);
}

/* ---- Progress and cancelling --------------------------------------------- */

typedef struct
{
  double        last;
  guint         calls;
  gboolean      monotonic;
  GCancellable *cancel_after;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  progress->monotonic &= fraction >= progress->last && fraction <= 1.0;
  progress->last = fraction;
  progress->calls++;
  if (progress->cancel_after != NULL && fraction > 0.3)
    g_cancellable_cancel (progress->cancel_after);
}

static void
test_progress (void)
{
  g_autofree char *path = tmp_path ("progress.xlsx");
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0, TRUE, NULL };
  EbWorkbookOptions options;

  eb_workbook_options_init (&options);
  g_assert_true (eb_workbook_export (example, NULL, path, &options, NULL, progress_cb, &progress,
                                     &error));
  g_assert_no_error (error);
  g_assert_true (progress.monotonic);
  g_assert_cmpuint (progress.calls, >, 3);
  g_assert_cmpfloat (progress.last, ==, 1.0);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
test_cancel (void)
{
  g_autofree char *dir = tmp_path ("cancel");
  g_autofree char *path = g_build_filename (dir, "kept.xlsx", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  Progress progress = { 0, 0, TRUE, cancellable };
  EbWorkbookOptions options;

  g_mkdir (dir, 0755);
  g_assert_true (g_file_set_contents (path, "an earlier workbook", -1, NULL));
  eb_workbook_options_init (&options);

  /* Cancelled part way: the earlier file stays, nothing is left behind. */
  g_assert_false (eb_workbook_export (example, NULL, path, &options, cancellable, progress_cb,
                                      &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "an earlier workbook");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_clear_error (&error);

  /* A folder that does not exist: a G_IO_ERROR naming the file. */
  g_assert_false (eb_workbook_export (example, NULL, "/nonexistent/folder/x.xlsx", &options, NULL,
                                      NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/folder/x.xlsx"));
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Exports of the same project compare equal, export date included;
   * set before any thread exists. */
  g_setenv ("SOURCE_DATE_EPOCH", EPOCH, TRUE);
  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("evalbench-workbook-XXXXXX", &error);
  g_assert_no_error (error);
  build_example ();

  g_test_add_func ("/workbook/example", test_example);
  g_test_add_func ("/workbook/grouped", test_grouped);
  g_test_add_func ("/workbook/waves", test_waves);
  g_test_add_func ("/workbook/survey-file", test_survey_file);
  g_test_add_func ("/workbook/text-stays-text", test_text_stays_text);
  g_test_add_func ("/workbook/pseudonyms", test_pseudonyms);
  g_test_add_func ("/workbook/pseudonymised", test_pseudonymised_export);
  g_test_add_func ("/workbook/reproducible", test_reproducible);
  g_test_add_func ("/workbook/cli", test_cli);
  g_test_add_func ("/workbook/ssconvert", test_ssconvert);
  g_test_add_func ("/workbook/progress", test_progress);
  g_test_add_func ("/workbook/cancel", test_cancel);
  status = g_test_run ();

  eb_project_close (example);
  g_clear_object (&example);
  g_clear_object (&example_survey);
  remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (example_path);
  g_free (quotes_json);
  return status;
}
