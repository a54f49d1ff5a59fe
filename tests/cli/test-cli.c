/* SPDX-License-Identifier: GPL-3.0-or-later */
/* End-to-end tests of the command line contract (CLI.md): the real binary,
 * run without a display, judged by exit status, stdout and stderr. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static char *tmpdir;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs evalbench with the NULL-terminated arguments, with no DISPLAY. */
static void
run_evalbench (Run        *run,
               const char *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("EVALBENCH"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static const char *
data_file (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "cli", "data", name, NULL);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonObject *
find_column (JsonObject *root,
             const char *name)
{
  JsonArray *columns = json_object_get_array_member (root, "columns");

  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);

      if (g_strcmp0 (json_object_get_string_member (column, "name"), name) == 0)
        return column;
    }
  g_error ("no column “%s” in the JSON", name);
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_evalbench (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "evalbench " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) command = { 0 };

  run_evalbench (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < 5; i++)
    {
      const char *names[] = { "import", "describe", "likert", "quotes", "export" };

      g_assert_nonnull (strstr (run.out, names[i]));
    }

  run_evalbench (&command, "describe", "--help", NULL);
  g_assert_cmpint (command.status, ==, 0);
  g_assert_nonnull (strstr (command.out, "--json"));
  g_assert_nonnull (strstr (command.out, "--scale"));
  g_assert_nonnull (strstr (command.out, "--header-rows"));
}

/* Usage errors: status 1, a message on stderr, nothing on stdout. */
static void
test_usage_errors (void)
{
  g_auto(Run) unknown = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) no_output = { 0 };
  g_auto(Run) bad_scale = { 0 };
  g_auto(Run) no_group = { 0 };

  run_evalbench (&unknown, "describe", "--bogus", data_file ("small.csv"), NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_cmpstr (unknown.err, ==,
                   "evalbench describe: Unknown option --bogus\n"
                   "Try “evalbench describe --help”.\n");

  run_evalbench (&missing, "describe", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_nonnull (strstr (missing.err, "no input given"));

  run_evalbench (&no_output, "import", data_file ("small.csv"), NULL);
  g_assert_cmpint (no_output.status, ==, 1);
  g_assert_nonnull (strstr (no_output.err, "name one with -o PROJECT.evalbench"));

  run_evalbench (&bad_scale, "describe", data_file ("small.csv"), "--scale", "Agree", NULL);
  g_assert_cmpint (bad_scale.status, ==, 1);
  g_assert_cmpstr (bad_scale.out, ==, "");
  g_assert_nonnull (strstr (bad_scale.err, "Scale “Agree” has fewer than two levels"));

  run_evalbench (&no_group, "likert", data_file ("small.csv"), "--group", "School", NULL);
  g_assert_cmpint (no_group.status, ==, 1);
  g_assert_cmpstr (no_group.out, ==, "");
  g_assert_cmpstr (no_group.err, ==,
                   "evalbench likert: there is no column “School” to group by\n"
                   "Try “evalbench likert --help”.\n");
}

/* The JSON shape of CLI.md, with the values a user would check. */
static void
test_describe_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *likert, *id, *text, *programme;
  JsonArray *scale;

  run_evalbench (&run, "describe", data_file ("small.csv"), "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  node = parse_json (run.out);
  root = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, data_file ("small.csv"));
  g_assert_true (json_object_get_null_member (root, "sheet"));
  g_assert_cmpint (json_object_get_int_member (root, "header_rows"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "header_style"), ==, "plain");
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "columns")), ==, 5);

  id = find_column (root, "ID");
  g_assert_cmpstr (json_object_get_string_member (id, "role"), ==, "id");
  g_assert_true (json_object_get_null_member (id, "scale"));
  g_assert_cmpint (json_object_get_int_member (id, "distinct"), ==, 6);

  programme = find_column (root, "Programme");
  g_assert_cmpstr (json_object_get_string_member (programme, "role"), ==, "attribute");
  g_assert_cmpint (json_object_get_int_member (programme, "distinct"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (find_column (root, "Gender"), "missing"), ==, 1);

  likert = find_column (root, "I feel more confident");
  g_assert_cmpstr (json_object_get_string_member (likert, "role"), ==, "likert");
  scale = json_object_get_array_member (likert, "scale");
  g_assert_cmpuint (json_array_get_length (scale), ==, 6);
  g_assert_cmpstr (json_array_get_string_element (scale, 0), ==, "Strongly disagree");
  g_assert_cmpstr (json_array_get_string_element (scale, 2), ==, "Neutral");
  g_assert_cmpstr (json_array_get_string_element (scale, 4), ==, "Strongly agree");
  g_assert_cmpstr (json_array_get_string_element (scale, 5), ==, "Don't know");

  text = find_column (root, "What helped?");
  g_assert_cmpstr (json_object_get_string_member (text, "role"), ==, "text");
  g_assert_cmpint (json_object_get_int_member (text, "missing"), ==, 2);
}

static void
test_describe_text (void)
{
  g_auto(Run) run = { 0 };

  run_evalbench (&run, "describe", data_file ("small.csv"), NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "small.csv: 6 responses, 5 columns, 1 header row\n"));
  g_assert_nonnull (strstr (run.out, "likert"));
}

/* --scale makes an unknown label set a Likert item, lowest first. */
static void
test_describe_user_scale (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *medal;
  JsonArray *scale;

  run_evalbench (&run, "describe", data_file ("medals.csv"), "--json",
                 "--scale", "Bronze<Silver<Gold", NULL);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_json (run.out);
  medal = find_column (json_node_get_object (node), "Medal");
  g_assert_cmpstr (json_object_get_string_member (medal, "role"), ==, "likert");
  scale = json_object_get_array_member (medal, "scale");
  g_assert_cmpstr (json_array_get_string_element (scale, 0), ==, "Bronze");
  g_assert_cmpstr (json_array_get_string_element (scale, 2), ==, "Gold");
}

/* Bad input: status 2, stderr names file, row and column; stdout stays
 * empty unless --json asked for the error object. */
static void
test_bad_input (void)
{
  g_auto(Run) plain = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) missing = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *error;

  run_evalbench (&plain, "describe", data_file ("unterminated.csv"), NULL);
  g_assert_cmpint (plain.status, ==, 2);
  g_assert_cmpstr (plain.out, ==, "");
  g_assert_nonnull (strstr (plain.err, "“unterminated.csv”, row 2, column 2"));

  run_evalbench (&json, "describe", data_file ("unterminated.csv"), "--json", NULL);
  g_assert_cmpint (json.status, ==, 2);
  node = parse_json (json.out);
  error = json_object_get_object_member (json_node_get_object (node), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "file"), ==, data_file ("unterminated.csv"));
  g_assert_cmpint (json_object_get_int_member (error, "row"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (error, "column"), ==, 2);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "never closed"));

  run_evalbench (&missing, "describe", "/nonexistent/survey.csv", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_nonnull (strstr (missing.err, "“survey.csv”"));
}

/* A Qualtrics export is described as one, from the file and from the
 * project it was imported into. */
static void
test_describe_header_style (void)
{
  const char *survey = g_test_get_filename (G_TEST_DIST, "io", "headers", "qualtrics.csv", NULL);
  g_autofree char *project = g_build_filename (tmpdir, "qualtrics.evalbench", NULL);
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) stored = { 0 };
  g_autoptr(JsonNode) from_file = NULL;
  g_autoptr(JsonNode) from_project = NULL;

  run_evalbench (&text, "describe", survey, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, ", 3 header rows (Qualtrics export)\n"));

  run_evalbench (&json, "describe", survey, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  from_file = parse_json (json.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (from_file), "header_rows"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (from_file), "header_style"), ==,
                   "qualtrics");

  run_evalbench (&import, "import", survey, "-o", project, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_evalbench (&stored, "describe", project, "--json", NULL);
  g_assert_cmpint (stored.status, ==, 0);
  from_project = parse_json (stored.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (from_project), "header_style"), ==,
                   "qualtrics");
}

/* import writes a project that describe reads back the same. */
static void
test_import_round_trip (void)
{
  g_autofree char *project = g_build_filename (tmpdir, "small.evalbench", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) from_csv = { 0 };
  g_auto(Run) from_project = { 0 };
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  JsonObject *csv_root, *project_root;

  run_evalbench (&import, "import", data_file ("small.csv"), "-o", project, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.out, ==,
    "Imported 6 responses and 5 columns (1 Likert items, 1 open questions) into small.evalbench\n");
  g_assert_true (g_file_test (project, G_FILE_TEST_IS_REGULAR));

  /* Importing again replaces the project (the next wave of data). */
  run_evalbench (&again, "import", data_file ("small.csv"), "-o", project, NULL);
  g_assert_cmpint (again.status, ==, 0);

  run_evalbench (&from_csv, "describe", data_file ("small.csv"), "--json", NULL);
  run_evalbench (&from_project, "describe", project, "--json", NULL);
  g_assert_cmpint (from_project.status, ==, 0);
  a = parse_json (from_csv.out);
  b = parse_json (from_project.out);
  csv_root = json_node_get_object (a);
  project_root = json_node_get_object (b);
  json_object_remove_member (csv_root, "file");
  json_object_remove_member (project_root, "file");
  g_assert_true (json_node_equal (a, b));
}

static void
test_import_several (void)
{
  g_autofree char *project = g_build_filename (tmpdir, "waves.evalbench", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) describe = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *wave;

  run_evalbench (&import, "import", data_file ("small.csv"), data_file ("small.csv"),
                 "--source-column", "Wave", "-o", project, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_evalbench (&describe, "describe", project, "--json", NULL);
  node = parse_json (describe.out);
  root = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 12);
  wave = json_array_get_object_element (json_object_get_array_member (root, "columns"), 0);
  g_assert_cmpstr (json_object_get_string_member (wave, "name"), ==, "Wave");
}

/* Two waves of four people: the id stays the id after the merge, and
 * `likert --group Wave` follows each person: P1 rises, P2 and P4 stay,
 * P3 falls. */
static void
test_paired_waves (void)
{
  g_autofree char *pre = g_build_filename (tmpdir, "pre.csv", NULL);
  g_autofree char *post = g_build_filename (tmpdir, "post.csv", NULL);
  g_autofree char *project = g_build_filename (tmpdir, "pre-post.evalbench", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) likert = { 0 };
  g_auto(Run) text = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *paired, *item;

  g_assert_true (g_file_set_contents (pre, "ID,I feel ready\nP1,Disagree\nP2,Agree\nP3,Agree\n"
                                           "P4,Strongly agree\n", -1, NULL));
  g_assert_true (g_file_set_contents (post, "ID,I feel ready\nP1,Agree\nP2,Agree\nP3,Disagree\n"
                                            "P4,Strongly agree\n", -1, NULL));
  run_evalbench (&import, "import", pre, post, "--source-column", "Wave", "-o", project, NULL);
  g_assert_cmpint (import.status, ==, 0);

  run_evalbench (&likert, "likert", project, "--group", "Wave", "--json", NULL);
  g_assert_cmpint (likert.status, ==, 0);
  node = parse_json (likert.out);
  paired = json_object_get_object_member (json_node_get_object (node), "paired");
  g_assert_nonnull (paired);
  g_assert_cmpstr (json_object_get_string_member (paired, "wave_a"), ==, "pre.csv");
  g_assert_cmpint (json_object_get_int_member (paired, "linked"), ==, 4);
  item = json_array_get_object_element (json_object_get_array_member (paired, "items"), 0);
  g_assert_cmpint (json_object_get_int_member (item, "pairs"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (item, "up"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (item, "same"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (item, "down"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (item, "to_top"), ==, 0);

  run_evalbench (&text, "likert", project, "--group", "Wave", NULL);
  g_assert_nonnull (strstr (text.out, "The same 4 respondents, pre.csv to post.csv"));
}

/* Cannot write: status 3, and a file that is not a project is never
 * overwritten. */
static void
test_cannot_write (void)
{
  g_autofree char *stranger = g_build_filename (tmpdir, "notes.evalbench", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) unwritable = { 0 };
  g_auto(Run) over = { 0 };

  run_evalbench (&unwritable, "import", data_file ("small.csv"),
                 "-o", "/nonexistent-dir/out.evalbench", NULL);
  g_assert_cmpint (unwritable.status, ==, 3);
  g_assert_cmpstr (unwritable.out, ==, "");
  g_assert_nonnull (strstr (unwritable.err, "evalbench import: "));

  g_assert_true (g_file_set_contents (stranger, "my notes, not a project\n", -1, NULL));
  run_evalbench (&over, "import", data_file ("small.csv"), "-o", stranger, NULL);
  g_assert_cmpint (over.status, ==, 3);
  g_assert_nonnull (strstr (over.err, "is not an Evalbench project"));
  g_assert_true (g_file_get_contents (stranger, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my notes, not a project\n");
}

/* The bundled example survey: the shape of the paper's questionnaire. */
static void
test_example_survey (void)
{
  const char *example = g_getenv ("EVALBENCH_EXAMPLE");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonArray *columns;
  guint n_likert = 0, n_text = 0;

  run_evalbench (&run, "describe", example, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_json (run.out);
  root = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 304);
  columns = json_object_get_array_member (root, "columns");
  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);
      const char *role = json_object_get_string_member (column, "role");

      if (g_str_equal (role, "likert"))
        {
          JsonArray *scale = json_object_get_array_member (column, "scale");

          n_likert++;
          g_assert_cmpuint (json_array_get_length (scale), ==, 4);
          g_assert_cmpstr (json_array_get_string_element (scale, 3), ==, "Strongly developed");
        }
      n_text += g_str_equal (role, "text");
    }
  g_assert_cmpuint (n_likert, ==, 7);
  g_assert_cmpuint (n_text, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (find_column (root, "Programme"), "role"),
                   ==, "attribute");
  g_assert_cmpstr (json_object_get_string_member (find_column (root, "Participant"), "role"),
                   ==, "id");
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonArray *array = json_object_get_array_member (object, name);

  g_assert_nonnull (array);
  return array;
}

static void
assert_counts (JsonObject  *object,
               const guint *expected,
               guint        n)
{
  JsonArray *counts = member_array (object, "counts");

  g_assert_cmpuint (json_array_get_length (counts), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (json_array_get_int_element (counts, i), ==, expected[i]);
}

/* Table 1 of the paper from the example survey: counts lowest level first
 * ("Realise I need to develop much more" … "Strongly developed"). */
static void
test_likert_table1 (void)
{
  static const guint table1[7][4] = {
    { 5, 19, 149, 128 }, { 2, 69, 151, 79 }, { 5, 13, 110, 173 }, { 4, 8, 93, 198 },
    { 3, 14, 108, 177 }, { 5, 5, 130, 164 }, { 5, 13, 149, 136 },
  };
  static const double average[4] = { 4.1, 20.1, 127.1, 150.7 };
  static const double pooled[4] = { 1.4, 6.7, 42.1, 49.9 };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *group, *first, *avg, *reliability;
  JsonArray *items;

  run_evalbench (&run, "likert", g_getenv ("EVALBENCH_EXAMPLE"), "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_json (run.out);
  root = json_node_get_object (node);
  g_assert_cmpuint (json_array_get_length (member_array (root, "groups")), ==, 1);
  group = json_array_get_object_element (member_array (root, "groups"), 0);
  g_assert_true (json_object_get_null_member (group, "group"));
  items = member_array (group, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 7);
  for (guint i = 0; i < 7; i++)
    assert_counts (json_array_get_object_element (items, i), table1[i], 4);

  first = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_array_get_string_element (member_array (first, "levels"), 3), ==,
                   "Strongly developed");
  g_assert_cmpint (json_object_get_int_member (first, "valid"), ==, 301);
  g_assert_cmpint (json_object_get_int_member (first, "missing"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (member_array (first, "percent"), 3),
                                  42.5, 0.05);

  avg = json_object_get_object_member (group, "average");
  for (guint level = 0; level < 4; level++)
    {
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (member_array (avg, "counts"), level),
                                      average[level], 0.05);
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (member_array (avg, "percent"), level),
                                      pooled[level], 0.05);
    }

  /* The paper: alpha = .89, first component 60.45 % of the variance. */
  reliability = json_object_get_object_member (root, "reliability");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (reliability, "alpha"), 0.89, 0.005);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (reliability, "first_component_percent"),
                                  60.45, 0.05);
}

static void
test_likert_group_items_csv (void)
{
  g_auto(Run) json = { 0 };
  g_auto(Run) csv = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *groups;
  guint total_valid = 0;

  run_evalbench (&json, "likert", g_getenv ("EVALBENCH_EXAMPLE"), "--json",
                 "--group", "Programme", "--items", "confidence", NULL);
  g_assert_cmpint (json.status, ==, 0);
  node = parse_json (json.out);
  groups = member_array (json_node_get_object (node), "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 2);
  for (guint g = 0; g < 2; g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonObject *which = json_object_get_object_member (group, "group");
      JsonArray *items = member_array (group, "items");

      g_assert_cmpstr (json_object_get_string_member (which, "column"), ==, "Programme");
      g_assert_cmpuint (json_array_get_length (items), ==, 1);
      g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                               "column"), "confidence"));
      total_valid += json_object_get_int_member (json_array_get_object_element (items, 0), "valid");
    }
  /* Table 1: 302 valid answers on the confidence item, split by programme. */
  g_assert_cmpuint (total_valid, ==, 302);

  /* Two groups are compared item by item: the difference in % positive
   * and a Mann-Whitney test. */
  {
    JsonObject *comparison = json_object_get_object_member (json_node_get_object (node),
                                                            "comparison");
    JsonObject *item;
    double difference;

    g_assert_nonnull (comparison);
    g_assert_cmpstr (json_object_get_string_member (comparison, "group_a"), ==, "1CN2");
    g_assert_cmpstr (json_object_get_string_member (comparison, "group_b"), ==, "1CN");
    g_assert_cmpuint (json_array_get_length (member_array (comparison, "items")), ==, 1);
    item = json_array_get_object_element (member_array (comparison, "items"), 0);
    difference = json_object_get_double_member (item, "percent_positive_a")
                 - json_object_get_double_member (item, "percent_positive_b");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "positive_difference"),
                                    difference, 1e-9);
    g_assert_cmpfloat (json_object_get_double_member (item, "p"), >, 0.0);
    g_assert_cmpfloat (json_object_get_double_member (item, "p"), <=, 1.0);
    g_assert_cmpint (json_object_get_int_member (item, "n_a") + json_object_get_int_member (item, "n_b"),
                     ==, 302);
  }

  run_evalbench (&csv, "likert", g_getenv ("EVALBENCH_EXAMPLE"), "--csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "group,item,Realise I need to develop much more,No change,"));
  g_assert_true (g_str_has_suffix (lines[0], ",valid,missing,mean"));
  g_assert_true (g_str_has_prefix (lines[1],
    ",Deepen my knowledge and understanding of the subject of mathematics,5,19,149,128,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 9);   /* header, 7 items, "" after the last CRLF */
}

static void
assert_png_width (const char *path,
                  int         width)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  guint32 big_endian;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  memcpy (&big_endian, data + 16, 4);
  g_assert_cmpint (GUINT32_FROM_BE (big_endian), ==, width);
}

/* --figures writes each format under a stable name; the PNG is 160 mm at
 * the chosen dpi; the PDF carries the item labels as text. */
static void
test_export_figures (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "figures", NULL);
  g_autofree char *png = g_build_filename (dir, "likert.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "likert.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "likert.pdf", NULL);
  g_autofree char *expected = g_strdup_printf ("%s\n%s\n%s\n", png, svg, pdf);
  g_auto(Run) all = { 0 };
  g_auto(Run) low = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) unwritable = { 0 };
  g_auto(Run) nothing = { 0 };

  run_evalbench (&all, "export", g_getenv ("EVALBENCH_EXAMPLE"), "--figures", dir, NULL);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_cmpstr (all.out, ==, expected);
  assert_png_width (png, 1890);
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  run_evalbench (&low, "export", g_getenv ("EVALBENCH_EXAMPLE"), "--figures", dir,
                 "--figure-format", "png", "--dpi", "150", "--width-mm", "80", NULL);
  g_assert_cmpint (low.status, ==, 0);
  assert_png_width (png, 472);   /* 80 mm at 150 dpi */

  run_evalbench (&bad, "export", g_getenv ("EVALBENCH_EXAMPLE"), "--figures", dir,
                 "--figure-format", "png,gif", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "“gif” is not a figure format"));

  run_evalbench (&unwritable, "export", g_getenv ("EVALBENCH_EXAMPLE"),
                 "--figures", "/proc/evalbench-figures", NULL);
  g_assert_cmpint (unwritable.status, ==, 3);
  g_assert_cmpstr (unwritable.out, ==, "");
  g_assert_nonnull (strstr (unwritable.err, "Cannot create the folder “/proc/evalbench-figures”"));

  {
    g_auto(Run) no_group = { 0 };

    run_evalbench (&no_group, "export", g_getenv ("EVALBENCH_EXAMPLE"), "--figures", dir,
                   "--group", "School", NULL);
    g_assert_cmpint (no_group.status, ==, 1);
    g_assert_cmpstr (no_group.out, ==, "");
    g_assert_nonnull (strstr (no_group.err, "there is no column “School” to group by"));
  }

  run_evalbench (&nothing, "export", g_getenv ("EVALBENCH_EXAMPLE"), NULL);
  g_assert_cmpint (nothing.status, ==, 1);
  g_assert_nonnull (strstr (nothing.err, "nothing to export"));

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* From the example project the figures include its process diagram (the
 * paper's Figure 1), whose node labels a PDF reader can extract. */
static void
test_export_diagram (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "project-figures", NULL);
  g_autofree char *pdf = g_build_filename (dir, "diagram.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "diagram.png", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  int wait_status = 0;
  const char *labels[] = { "Peer mentoring", "Sense of belonging", "Increased confidence",
                           "Empowerment", "Motivation", "Face-to-face sessions" };

  run_evalbench (&run, "export", g_getenv ("EVALBENCH_EXAMPLE_PROJECT"), "--figures", dir,
                 "--figure-format", "png,pdf", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "diagram.pdf\n"));
  assert_png_width (png, 1890);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  {
    const char *argv[] = { pdftotext, pdf, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL,
                  &wait_status, &error);
  }
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_nonnull (strstr (text, labels[i]));
}

/* The paper's 347 open-ended answers; the example project's codebook puts
 * Participant 117's under the theme the paper quotes it for. */
static void
test_quotes (void)
{
  const char *project = g_getenv ("EVALBENCH_EXAMPLE_PROJECT");
  g_auto(Run) all = { 0 };
  g_auto(Run) theme = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) unknown = { 0 };
  g_autoptr(JsonNode) all_node = NULL;
  g_autoptr(JsonNode) theme_node = NULL;
  JsonArray *quotes;
  gboolean found_117 = FALSE;

  run_evalbench (&all, "quotes", g_getenv ("EVALBENCH_EXAMPLE"), "--json", NULL);
  g_assert_cmpint (all.status, ==, 0);
  all_node = parse_json (all.out);
  quotes = json_node_get_array (all_node);
  g_assert_cmpuint (json_array_get_length (quotes), ==, 347);
  for (guint i = 0; i < json_array_get_length (quotes); i++)
    {
      JsonObject *quote = json_array_get_object_element (quotes, i);

      /* A survey file has no codings yet. */
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (quote, "themes")), ==, 0);
      if (g_str_equal (json_object_get_string_member (quote, "respondent"), "117") &&
          g_str_equal (json_object_get_string_member (quote, "column"), "Face-to-face sessions"))
        {
          JsonObject *attributes = json_object_get_object_member (quote, "attributes");

          g_assert_cmpstr (json_object_get_string_member (quote, "text"), ==,
                           "Open discussions have helped with the delivery of sessions back at school");
          g_assert_cmpstr (json_object_get_string_member (attributes, "Programme"), ==, "1CN2");
          found_117 = TRUE;
        }
    }
  g_assert_true (found_117);

  run_evalbench (&theme, "quotes", project, "--json", "--theme",
                 "Increased confidence and reassurance", NULL);
  g_assert_cmpint (theme.status, ==, 0);
  theme_node = parse_json (theme.out);
  quotes = json_node_get_array (theme_node);
  g_assert_cmpuint (json_array_get_length (quotes), >, 0);
  for (guint i = 0; i < json_array_get_length (quotes); i++)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_array_get_object_element (quotes, i), "themes")), >, 0);

  run_evalbench (&text, "quotes", project, "--theme", "Increased confidence and reassurance", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Reinforcing what I am doing is correct (Participant 291, "));

  run_evalbench (&csv, "quotes", project, "--csv", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "respondent,column,text,themes,Gender,Programme,Role\r\n"));

  run_evalbench (&unknown, "quotes", project, "--theme", "Nope", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_nonnull (strstr (unknown.err, "There is no theme named “Nope”"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("evalbench-cli-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/describe/json", test_describe_json);
  g_test_add_func ("/cli/describe/text", test_describe_text);
  g_test_add_func ("/cli/describe/header-style", test_describe_header_style);
  g_test_add_func ("/cli/likert/paired-waves", test_paired_waves);
  g_test_add_func ("/cli/describe/user-scale", test_describe_user_scale);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/import/round-trip", test_import_round_trip);
  g_test_add_func ("/cli/import/several", test_import_several);
  g_test_add_func ("/cli/import/cannot-write", test_cannot_write);
  g_test_add_func ("/cli/example-survey", test_example_survey);
  g_test_add_func ("/cli/likert/table1", test_likert_table1);
  g_test_add_func ("/cli/likert/group-items-csv", test_likert_group_items_csv);
  g_test_add_func ("/cli/export/figures", test_export_figures);
  g_test_add_func ("/cli/quotes", test_quotes);
  g_test_add_func ("/cli/export/diagram", test_export_diagram);

  status = g_test_run ();
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
    g_autoptr(GFileEnumerator) children =
      g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, g_file_info_get_name (info), NULL);

        g_unlink (path);
        g_object_unref (info);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return status;
}
