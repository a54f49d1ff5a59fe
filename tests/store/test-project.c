/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-project"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "eb-project.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  char *dir;
} Fixture;

/* Where the crash test finds crash-writer: meson passes it as the first
 * argument; run by hand, it sits beside this program. */
static char *crash_writer_path;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
            !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_assert_no_errno (g_unlink (child));
      }
  g_assert_no_errno (g_rmdir (path));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("evalbench-store-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                    NULL), ==, SQLITE_OK);
  return db;
}

static void
exec_raw (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Same for a project that must already be closed by the caller. */
static gint64
query_file_int (const char *path,
                const char *sql)
{
  g_autoptr(sqlite3) db = open_raw (path);

  return query_int (db, sql);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gint64
mtime_ns (const char *path)
{
  struct stat st;

  g_assert_no_errno (g_stat (path, &st));
  return (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

static char *
sidecar (const char *path,
         const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static char *
lock_file_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.lock", base);

  return g_build_filename (dir, name, NULL);
}

static void
assert_no_sidecars (const char *path)
{
  g_autofree char *wal = sidecar (path, "-wal");
  g_autofree char *shm = sidecar (path, "-shm");
  g_autofree char *lock = lock_file_of (path);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
}

static EbProject *
open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  EbProject *project = eb_project_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static EbScale *
agreement_scale (void)
{
  const char *labels[] = { "Strongly disagree", "Disagree", "Agree", "Strongly agree",
                           "Don’t know" };
  const gboolean flags[] = { FALSE, FALSE, FALSE, FALSE, TRUE };

  return eb_scale_new (labels, flags, G_N_ELEMENTS (labels));
}

static EbScale *
frequency_scale (void)
{
  const char *labels[] = { "Never", "Sometimes", "Often", "Not applicable", "Always" };
  const gboolean flags[] = { FALSE, FALSE, FALSE, TRUE, FALSE };

  return eb_scale_new (labels, flags, G_N_ELEMENTS (labels));
}

/* A small questionnaire with every kind of column and awkward cells. */
static EbSurvey *
make_survey (void)
{
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(EbScale) agreement = agreement_scale ();
  g_autoptr(EbScale) agreement_again = agreement_scale ();
  g_autoptr(EbScale) frequency = frequency_scale ();
  const char *row0[] = { "P001", "1CN2", "Agree", "Strongly agree", "Disagree", "Often",
                         "Ça m’a aidé — beaucoup 😀", "" };
  const char *row1[] = { "P002", "1CN2", "Don’t know", "", "Agree", "Not applicable",
                         "日本語のコメント\nzweite Zeile\tmit Tab", "x" };
  const char *row2[] = { "P003", "2MH5", "", "Disagree" };
  const char *row3[] = { "", "", "", "", "", "", "", "" };
  const char *row4[] = { "P005", "2MH5", "Strongly disagree", "Agree", "Agree", "Never",
                         "  spaces kept  ", "\"quoted\", 'and' ;semi" };

  eb_survey_add_column (survey, "Participant");
  eb_survey_add_column (survey, "Programme");
  eb_survey_add_column (survey, "Q1 I feel more confident");
  eb_survey_add_column (survey, "Q2 I belong to a community");
  eb_survey_add_column (survey, "Q3 Réflexion");
  eb_survey_add_column (survey, "Q4 How often do you plan together?");
  eb_survey_add_column (survey, "What changed for you?");
  eb_survey_add_column (survey, "Notes");

  eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_ATTRIBUTE);
  for (guint c = 2; c <= 5; c++)
    eb_survey_set_column_role (survey, c, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_role (survey, 6, EB_COLUMN_ROLE_TEXT);
  eb_survey_set_column_role (survey, 7, EB_COLUMN_ROLE_IGNORED);
  /* Q1 and Q2 share one scale object; Q3 has an equal but separate one. */
  eb_survey_set_column_scale (survey, 2, agreement);
  eb_survey_set_column_scale (survey, 3, agreement);
  eb_survey_set_column_scale (survey, 4, agreement_again);
  eb_survey_set_column_scale (survey, 5, frequency);

  eb_survey_append_row (survey, row0, G_N_ELEMENTS (row0));
  eb_survey_append_row (survey, row1, G_N_ELEMENTS (row1));
  eb_survey_append_row (survey, row2, G_N_ELEMENTS (row2));
  eb_survey_append_row (survey, row3, G_N_ELEMENTS (row3));
  eb_survey_append_row (survey, row4, G_N_ELEMENTS (row4));

  eb_survey_set_source_file (survey, "/home/lead/Exports/Work Group ✓ 2024.xlsx");
  eb_survey_set_sheet (survey, "Form1 – Wave 2");
  eb_survey_set_header_rows (survey, 3);
  eb_survey_set_header_style (survey, "qualtrics");
  return survey;
}

static void
assert_scales_equal (EbScale *a,
                     EbScale *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_cmpuint (eb_scale_get_n_levels (a), ==, eb_scale_get_n_levels (b));
  for (guint i = 0; i < eb_scale_get_n_levels (a); i++)
    {
      g_assert_cmpstr (eb_scale_get_label (a, i), ==, eb_scale_get_label (b, i));
      g_assert_cmpint (eb_scale_is_non_substantive (a, i), ==,
                       eb_scale_is_non_substantive (b, i));
    }
}

static void
assert_surveys_equal (EbSurvey *expected,
                      EbSurvey *actual)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (eb_survey_get_n_columns (actual), ==, eb_survey_get_n_columns (expected));
  g_assert_cmpuint (eb_survey_get_n_rows (actual), ==, eb_survey_get_n_rows (expected));
  g_assert_cmpstr (eb_survey_get_source_file (actual), ==, eb_survey_get_source_file (expected));
  g_assert_cmpstr (eb_survey_get_sheet (actual), ==, eb_survey_get_sheet (expected));
  g_assert_cmpuint (eb_survey_get_header_rows (actual), ==, eb_survey_get_header_rows (expected));
  g_assert_cmpstr (eb_survey_get_header_style (actual), ==, eb_survey_get_header_style (expected));
  for (guint c = 0; c < eb_survey_get_n_columns (expected); c++)
    {
      g_assert_cmpstr (eb_survey_get_column_name (actual, c), ==,
                       eb_survey_get_column_name (expected, c));
      g_assert_cmpint (eb_survey_get_column_role (actual, c), ==,
                       eb_survey_get_column_role (expected, c));
      assert_scales_equal (eb_survey_get_column_scale (expected, c),
                           eb_survey_get_column_scale (actual, c));
      for (guint r = 0; r < eb_survey_get_n_rows (expected); r++)
        g_assert_cmpstr (eb_survey_get_cell (actual, r, c), ==,
                         eb_survey_get_cell (expected, r, c));
    }
}

static EbSurvey *
load_survey (EbProject *project)
{
  g_autoptr(GError) error = NULL;
  EbSurvey *survey = eb_project_load_survey (project, &error);

  g_assert_no_error (error);
  return survey;
}

static void
store_survey (EbProject *project,
              EbSurvey  *survey)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_project_store_survey (project, survey, &error));
  g_assert_no_error (error);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_schema_new (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const tables[] = {
    "meta", "survey_columns", "scales", "scale_levels", "survey_rows", "themes",
    "codings", "memos", "diagram_nodes", "diagram_edges", "diagram_groups",
    "settings", "audit",
  };
  g_autofree char *path = fixture_path (fixture, "Baseline.evalbench");
  g_autofree char *empty_path = fixture_path (fixture, "Empty file.evalbench");
  g_autofree char *lock = lock_file_of (path);
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *title = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *created = NULL;
  g_autofree char *version = NULL;

  project = open_project (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (lock, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (eb_project_get_path (project), ==, path);
  g_assert_false (eb_project_is_untitled (project));
  title = eb_project_dup_title (project);
  g_assert_cmpstr (title, ==, "Baseline");
  g_assert_false (eb_project_has_survey (project));
  survey = eb_project_load_survey (project, &error);
  g_assert_no_error (error);
  g_assert_null (survey);
  g_assert_cmpuint (eb_project_count_log (project), ==, 0);
  g_assert_cmpint (eb_project_get_last_saved (project), ==, 0);
  g_assert_true (eb_project_check_integrity (project, &error));
  g_assert_no_error (error);
  eb_project_close (project);
  assert_no_sidecars (path);

  db = open_raw (path);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, EB_PROJECT_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, EB_PROJECT_SCHEMA_VERSION);
  mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema "
                                              "WHERE type = 'table' AND name = '%s'",
                                              tables[i]);

      g_assert_cmpint (query_int (db, sql), ==, 1);
    }
  created = query_text (db, "SELECT value FROM meta WHERE key = 'created'");
  version = query_text (db, "SELECT value FROM meta WHERE key = 'evalbench_version'");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$",
                                       created, 0, 0));
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  /* The foreign keys hold: a coding cannot point at a missing theme. */
  exec_raw (db, "PRAGMA foreign_keys = ON");
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO codings (theme_id, row, \"column\", coder, "
                                 "created) VALUES (42, 0, 0, 'me', 'now')", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_clear_pointer (&db, sqlite3_close);

  /* Reopening the project finds it as it was left. */
  g_clear_object (&project);
  project = open_project (path);
  g_assert_false (eb_project_has_survey (project));
  g_clear_object (&project);

  /* An empty file (as a file chooser may create) is a new project: format 0
   * migrated to the current one. */
  write_file (empty_path, "", 0);
  project = open_project (empty_path);
  g_clear_object (&project);
  g_assert_cmpint (query_file_int (empty_path, "PRAGMA user_version"), ==,
                   EB_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (query_file_int (empty_path, "PRAGMA application_id"), ==,
                   EB_PROJECT_APPLICATION_ID);
}

static void
test_survey_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "round-trip.evalbench");
  g_autoptr(EbProject) project = open_project (path);
  g_autoptr(EbSurvey) survey = make_survey ();
  g_autoptr(EbSurvey) loaded = NULL;
  g_autoptr(EbSurvey) reloaded = NULL;

  store_survey (project, survey);
  g_assert_true (eb_project_has_survey (project));

  loaded = load_survey (project);
  assert_surveys_equal (survey, loaded);
  /* Identical scales come back as one shared scale; different ones do not. */
  g_assert_true (eb_survey_get_column_scale (loaded, 2) == eb_survey_get_column_scale (loaded, 3));
  g_assert_true (eb_survey_get_column_scale (loaded, 2) == eb_survey_get_column_scale (loaded, 4));
  g_assert_true (eb_survey_get_column_scale (loaded, 2) != eb_survey_get_column_scale (loaded, 5));
  g_assert_true (eb_scale_is_non_substantive (eb_survey_get_column_scale (loaded, 2), 4));
  g_assert_true (eb_scale_is_non_substantive (eb_survey_get_column_scale (loaded, 5), 3));
  g_assert_false (eb_scale_is_non_substantive (eb_survey_get_column_scale (loaded, 5), 4));
  g_assert_null (eb_survey_get_column_scale (loaded, 6));
  g_assert_cmpstr (eb_survey_get_cell (loaded, 1, 6), ==,
                   "日本語のコメント\nzweite Zeile\tmit Tab");
  g_assert_cmpstr (eb_survey_get_cell (loaded, 2, 7), ==, "");

  /* And from disk, by a new EbProject. */
  g_clear_object (&project);
  project = open_project (path);
  reloaded = load_survey (project);
  assert_surveys_equal (survey, reloaded);
}

static void
test_survey_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "empty.evalbench");
  g_autoptr(EbProject) project = open_project (path);
  g_autoptr(EbSurvey) no_rows = eb_survey_new ();
  g_autoptr(EbSurvey) nothing = eb_survey_new ();
  g_autoptr(EbSurvey) loaded = NULL;

  eb_survey_add_column (no_rows, "Q1");
  eb_survey_add_column (no_rows, "Q2");
  eb_survey_set_column_role (no_rows, 1, EB_COLUMN_ROLE_NUMBER);
  store_survey (project, no_rows);
  loaded = load_survey (project);
  assert_surveys_equal (no_rows, loaded);
  g_assert_null (eb_survey_get_sheet (loaded));
  g_assert_null (eb_survey_get_header_style (loaded));
  g_assert_null (eb_survey_get_source_file (loaded));
  g_clear_object (&loaded);

  /* Rows without columns serialize to zero bytes: still a row. */
  eb_survey_append_row (nothing, NULL, 0);
  eb_survey_append_row (nothing, NULL, 0);
  store_survey (project, nothing);
  g_assert_true (eb_project_has_survey (project));
  loaded = load_survey (project);
  assert_surveys_equal (nothing, loaded);
}

static void
test_survey_replace (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "replace.evalbench");
  g_autoptr(EbProject) project = open_project (path);
  g_autoptr(EbSurvey) first = make_survey ();
  g_autoptr(EbSurvey) second = eb_survey_new ();
  g_autoptr(EbScale) frequency = frequency_scale ();
  g_autoptr(EbSurvey) loaded = NULL;
  g_autoptr(sqlite3) db = NULL;

  for (guint r = 0; r < 300; r++)
    {
      const char *more[] = { "P9", "3XY1", "Agree", "Agree", "Agree", "Often", "more", "" };

      eb_survey_append_row (first, more, G_N_ELEMENTS (more));
    }
  store_survey (project, first);

  eb_survey_add_column (second, "Only");
  eb_survey_set_column_role (second, 0, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_scale (second, 0, frequency);
  eb_survey_append_row (second, (const char *[]) { "Often" }, 1);
  eb_survey_set_header_rows (second, 1);
  store_survey (project, second);

  loaded = load_survey (project);
  assert_surveys_equal (second, loaded);
  g_assert_cmpuint (eb_project_count_log (project), ==, 2);

  /* Nothing of the first survey is left behind. */
  db = open_raw (path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM survey_rows"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM survey_columns"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scales"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scale_levels"), ==, 5);
}

static void
test_survey_column (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "column.evalbench");
  g_autoptr(EbProject) project = open_project (path);
  g_autoptr(EbSurvey) survey = make_survey ();
  g_autoptr(EbSurvey) other = eb_survey_new ();
  g_autoptr(EbSurvey) loaded = NULL;
  g_autoptr(EbScale) yes_no = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *action = NULL;
  g_autofree char *target = NULL;
  g_autofree char *detail = NULL;
  const char *labels[] = { "No", "Yes" };
  gint64 saved;

  store_survey (project, survey);
  g_assert_cmpuint (eb_project_count_log (project), ==, 1);

  /* Q4 stops being a Likert item: its scale is no longer used anywhere. */
  eb_survey_set_column_role (survey, 5, EB_COLUMN_ROLE_ATTRIBUTE);
  eb_survey_set_column_scale (survey, 5, NULL);
  g_assert_true (eb_project_store_column (project, survey, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eb_project_count_log (project), ==, 2);

  /* The free text becomes a Yes/No item with a new scale. */
  yes_no = eb_scale_new (labels, NULL, G_N_ELEMENTS (labels));
  eb_survey_set_column_role (survey, 7, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_scale (survey, 7, yes_no);
  g_assert_true (eb_project_store_column (project, survey, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eb_project_count_log (project), ==, 3);

  loaded = load_survey (project);
  assert_surveys_equal (survey, loaded);

  db = open_raw (path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scales"), ==, 2);
  action = query_text (db, "SELECT action FROM audit ORDER BY id DESC");
  target = query_text (db, "SELECT target FROM audit ORDER BY id DESC");
  detail = query_text (db, "SELECT detail FROM audit ORDER BY id DESC");
  g_assert_cmpstr (action, ==, "set-column");
  g_assert_cmpstr (target, ==, "Notes");
  g_assert_cmpstr (detail, ==, "role likert, scale No<Yes");

  /* A column the project does not hold is refused, and nothing changes:
   * neither the columns nor the audit trail nor "Saved". */
  eb_survey_add_column (other, "Something else");
  saved = eb_project_get_last_saved (project);
  g_assert_false (eb_project_store_column (project, other, 0, &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==,
                   "Could not store the settings of column 1 (“Something else”) in "
                   "“column.evalbench”: the project holds no such column");
  g_assert_cmpuint (eb_project_count_log (project), ==, 3);
  g_assert_cmpint (eb_project_get_last_saved (project), ==, saved);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "settings.evalbench");
  g_autoptr(EbProject) project = open_project (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_assert_null (eb_project_get_setting (project, "chart.palette"));
  g_assert_true (eb_project_set_setting (project, "chart.palette", "BrBG", &error));
  g_assert_no_error (error);
  value = eb_project_get_setting (project, "chart.palette");
  g_assert_cmpstr (value, ==, "BrBG");
  g_clear_pointer (&value, g_free);

  g_assert_true (eb_project_set_setting (project, "chart.palette", "PuOr", &error));
  g_assert_true (eb_project_set_setting (project, "chart.title", "Übersicht “Wave 2”",
                                         &error));
  g_assert_true (eb_project_set_setting (project, "empty", "", &error));
  g_assert_true (eb_project_set_setting (project, "gone", "soon", &error));
  g_assert_true (eb_project_set_setting (project, "gone", NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&project);
  project = open_project (path);
  value = eb_project_get_setting (project, "chart.palette");
  g_assert_cmpstr (value, ==, "PuOr");
  g_clear_pointer (&value, g_free);
  value = eb_project_get_setting (project, "chart.title");
  g_assert_cmpstr (value, ==, "Übersicht “Wave 2”");
  g_clear_pointer (&value, g_free);
  value = eb_project_get_setting (project, "empty");
  g_assert_cmpstr (value, ==, "");
  g_assert_null (eb_project_get_setting (project, "gone"));
  /* Settings are not audited: they change with every click. */
  g_assert_cmpuint (eb_project_count_log (project), ==, 0);
}

static void
test_log (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "log.evalbench");
  g_autoptr(EbProject) project = open_project (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;

  g_assert_true (eb_project_log (project, "import", "survey.xlsx", "120 rows", &error));
  g_assert_true (eb_project_log (project, "rename-theme", "Belonging", "was “Community”",
                                 &error));
  g_assert_true (eb_project_log (project, "export", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eb_project_count_log (project), ==, 3);

  db = open_raw (path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT time, user, action, target, detail "
                                       "FROM audit ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *time = (const char *) sqlite3_column_text (stmt, 0);
      const char *user = (const char *) sqlite3_column_text (stmt, 1);

      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$",
                                           time, 0, 0));
      g_assert_nonnull (user);
      g_assert_cmpstr (user, !=, "");
      if (n == 1)
        {
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "rename-theme");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "Belonging");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "was “Community”");
        }
      if (n == 2)
        g_assert_cmpint (sqlite3_column_type (stmt, 3), ==, SQLITE_NULL);
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
}

static void
test_last_saved (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "saved.evalbench");
  g_autoptr(EbProject) project = open_project (path);
  g_autoptr(EbSurvey) survey = make_survey ();
  g_autoptr(GError) error = NULL;
  gint64 before, first, second, third;
  guint notified = 0;

  g_signal_connect (project, "notify::last-saved", G_CALLBACK (count_notify_cb), &notified);
  g_assert_cmpint (eb_project_get_last_saved (project), ==, 0);

  before = g_get_real_time ();
  g_assert_true (eb_project_set_setting (project, "a", "1", &error));
  first = eb_project_get_last_saved (project);
  g_assert_cmpint (first, >=, before);
  g_assert_cmpint (first, <=, g_get_real_time ());
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (eb_project_log (project, "test", NULL, NULL, &error));
  second = eb_project_get_last_saved (project);
  g_assert_cmpint (second, >, first);
  g_assert_cmpuint (notified, ==, 2);

  g_assert_true (eb_project_store_survey (project, survey, &error));
  g_assert_no_error (error);
  g_object_get (project, "last-saved", &third, NULL);
  g_assert_cmpint (third, >, second);
  g_assert_cmpuint (notified, ==, 3);

  /* After closing, changes are refused and nothing claims to be saved. */
  eb_project_close (project);
  g_assert_false (eb_project_set_setting (project, "a", "2", &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==, "“saved.evalbench” has been closed");
  g_assert_cmpint (eb_project_get_last_saved (project), ==, third);
  g_assert_cmpuint (notified, ==, 3);
}

static void
test_open_too_new (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "x.evalbench");
  g_autoptr(EbProject) project = open_project (path);
  g_autoptr(EbSurvey) survey = make_survey ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  gint64 mtime;

  store_survey (project, survey);
  g_clear_object (&project);
  db = open_raw (path);
  exec_raw (db, "PRAGMA user_version = 7");
  g_clear_pointer (&db, sqlite3_close);

  /* Let a change of mtime show even on coarse file system clocks. */
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  before = read_file (path);
  mtime = mtime_ns (path);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      project = eb_project_open (path, &error);
      g_assert_null (project);
      g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_TOO_NEW);
      g_assert_cmpstr (error->message, ==,
                       "“x.evalbench” was saved by a newer version of Evalbench (project "
                       "format 7; this version reads up to 3). Update Evalbench to open it.");
      g_clear_error (&error);
    }

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (mtime_ns (path), ==, mtime);
  g_assert_cmpint (query_file_int (path, "PRAGMA user_version"), ==, 7);
  assert_no_sidecars (path);
}

static void
assert_refused (const char *path,
                const char *message)
{
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(EbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mtime = mtime_ns (path);

  project = eb_project_open (path, &error);
  g_assert_null (project);
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN);
  g_assert_cmpstr (error->message, ==, message);

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (mtime_ns (path), ==, mtime);
  assert_no_sidecars (path);
}

static void
test_open_not_evalbench (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *other = fixture_path (fixture, "places.sqlite");
  g_autofree char *foreign = fixture_path (fixture, "foreign.evalbench");
  g_autofree char *csv = fixture_path (fixture, "survey.evalbench");
  g_autofree char *binary = fixture_path (fixture, "noise.evalbench");
  g_autofree char *noise = g_malloc (8192);
  g_autoptr(sqlite3) db = NULL;

  db = open_raw (other);
  exec_raw (db, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x')");
  g_clear_pointer (&db, sqlite3_close);
  assert_refused (other, "“places.sqlite” is not an Evalbench project: it is a database of "
                  "another application");

  db = open_raw (foreign);
  exec_raw (db, "PRAGMA application_id = 305419896; PRAGMA user_version = 1");
  g_clear_pointer (&db, sqlite3_close);
  assert_refused (foreign, "“foreign.evalbench” is not an Evalbench project: it belongs to "
                  "another application (application id 0x12345678)");

  write_file (csv, "Participant,Programme,Q1\nP001,1CN2,Agree\n", -1);
  assert_refused (csv, "“survey.evalbench” is not an Evalbench project: it is not an "
                  "SQLite database");

  for (guint i = 0; i < 8192; i++)
    noise[i] = (char) g_test_rand_int_range (0, 256);
  write_file (binary, noise, 8192);
  assert_refused (binary, "“noise.evalbench” is not an Evalbench project: it is not an "
                  "SQLite database");
}

static void
test_corrupt_cells (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *damage;
    const char *message;
  } cases[] = {
    { "UPDATE survey_rows SET cells = x'ff00ff' WHERE row = 3",
      "“cells.evalbench” is damaged: survey row 4 cannot be read (its cells are not "
      "valid text)" },
    { "UPDATE survey_rows SET cells = x'41677265650006' WHERE row = 1",
      "“cells.evalbench” is damaged: survey row 2 cannot be read (expected 8 cells, "
      "found 1)" },
    { "UPDATE survey_rows SET cells = x'ff0007' WHERE row = 0",
      "“cells.evalbench” is damaged: survey row 1 cannot be read (its cells are not "
      "valid text)" },
    { "DELETE FROM survey_rows WHERE row = 2",
      "“cells.evalbench” is damaged: survey row 3 is missing" },
    { "UPDATE survey_columns SET role = 'astrology' WHERE position = 1",
      "“cells.evalbench” is damaged: survey column 2 (“Programme”) has the unknown "
      "role “astrology”" },
    { "DELETE FROM scale_levels WHERE level = 1",
      "“cells.evalbench” is damaged: level 2 of answer scale 1 is missing" },
  };
  g_autofree char *path = fixture_path (fixture, "cells.evalbench");
  g_autoptr(EbSurvey) survey = make_survey ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EbProject) project = open_project (path);
      g_autoptr(EbSurvey) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(sqlite3) db = NULL;

      store_survey (project, survey);
      g_clear_object (&project);

      db = open_raw (path);
      exec_raw (db, cases[i].damage);
      g_clear_pointer (&db, sqlite3_close);

      project = open_project (path);
      loaded = eb_project_load_survey (project, &error);
      g_assert_null (loaded);
      g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_CORRUPT);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_corrupt_pages (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "pages.evalbench");
  g_autoptr(EbProject) project = open_project (path);
  g_autoptr(EbSurvey) survey = make_survey ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *damaged = NULL;
  gsize size, page;

  for (guint r = 0; r < 5000; r++)
    {
      g_autofree char *id = g_strdup_printf ("P%05u", r);
      const char *cells[] = { id, "1CN2", "Agree", "Disagree", "Agree", "Often",
                              "Working with colleagues from other schools", "" };

      eb_survey_append_row (survey, cells, G_N_ELEMENTS (cells));
    }
  store_survey (project, survey);
  g_clear_object (&project);

  /* Scribble over a page in the middle of the survey rows. */
  bytes = read_file (path);
  size = g_bytes_get_size (bytes);
  damaged = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_assert_cmpuint (size, >, 20 * 4096);
  page = size / 4096 / 2;
  for (gsize i = 0; i < 4096; i++)
    damaged[page * 4096 + i] = (char) (0xa5 ^ (i & 0x0f));
  write_file (path, damaged, size);

  project = eb_project_open (path, &error);
  g_assert_null (project);
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, "“pages.evalbench” is damaged: "));
  g_test_message ("%s", error->message);
}

static void
test_lock_same_process (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "x.evalbench");
  g_autofree char *lock = lock_file_of (path);
  g_autofree char *expected = NULL;
  g_autoptr(EbProject) first = open_project (path);
  g_autoptr(EbProject) second = NULL;
  g_autoptr(EbProject) third = NULL;
  g_autoptr(GError) error = NULL;

  expected = g_strdup_printf ("“x.evalbench” is already open in another Evalbench window "
                              "(process %d on %s)", (int) getpid (), g_get_host_name ());
  second = eb_project_open (path, &error);
  g_assert_null (second);
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  /* The refused attempt did not take the lock away from the holder. */
  g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_assert_true (eb_project_set_setting (first, "still", "mine", &error));
  g_assert_no_error (error);

  eb_project_close (first);
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  second = open_project (path);

  /* Dropping the last reference releases the lock as well. */
  third = eb_project_open (path, &error);
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_finalize_object (g_steal_pointer (&second));
  third = open_project (path);
}

static void
test_lock_stale (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "stale.evalbench");
  g_autofree char *lock = lock_file_of (path);
  g_autoptr(EbProject) project = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *mine = NULL;

  /* A lock file whose process has gone: nobody holds the flock. */
  write_file (lock, "999999\nlong-gone-host\n", -1);
  project = open_project (path);
  g_assert_true (g_file_get_contents (lock, &contents, NULL, NULL));
  mine = g_strdup_printf ("%d\n%s\n", (int) getpid (), g_get_host_name ());
  g_assert_cmpstr (contents, ==, mine);
}

/* The command line reads a project that a window has open: no lock taken,
 * the last commit visible, nothing written. */
static void
test_open_readonly (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "shared.evalbench");
  g_autofree char *missing = fixture_path (fixture, "missing.evalbench");
  g_autoptr(EbProject) writer = open_project (path);
  g_autoptr(EbProject) reader = NULL;
  g_autoptr(EbSurvey) survey = make_survey ();
  g_autoptr(EbSurvey) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_project_store_survey (writer, survey, &error));
  g_assert_no_error (error);

  reader = eb_project_open_readonly (path, &error);
  g_assert_no_error (error);
  loaded = eb_project_load_survey (reader, &error);
  g_assert_no_error (error);
  assert_surveys_equal (survey, loaded);

  /* It cannot write, and the window keeps its lock and can still write. */
  g_assert_false (eb_project_set_setting (reader, "k", "v", &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_true (eb_project_set_setting (writer, "k", "v", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&reader));

  g_assert_null (eb_project_open_readonly (missing, &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN);
  g_assert_cmpstr (error->message, ==, "Could not open “missing.evalbench”: no such file");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Discard deletes an untitled project and nothing else. */
static void
test_untitled_discard (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *saved_path = fixture_path (fixture, "kept.evalbench");
  g_autofree char *path = NULL;
  g_autoptr(EbProject) untitled = NULL;
  g_autoptr(EbProject) saved = open_project (saved_path);
  g_autoptr(GError) error = NULL;

  untitled = eb_project_new_untitled (&error);
  g_assert_no_error (error);
  path = g_strdup (eb_project_get_path (untitled));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (eb_project_discard (untitled, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_sidecars (path);

  g_assert_false (eb_project_discard (saved, &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==,
                   "“kept.evalbench” has been saved; only an untitled project can be discarded");
  g_assert_true (g_file_test (saved_path, G_FILE_TEST_EXISTS));
}

static void
test_untitled_save_as (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *untitled_dir = g_build_filename (g_get_user_data_dir (), "evalbench",
                                                    "untitled", NULL);
  g_autofree char *target = fixture_path (fixture, "Wave 1.evalbench");
  g_autofree char *taken = fixture_path (fixture, "Taken.evalbench");
  g_autofree char *nowhere = fixture_path (fixture, "missing/folder/x.evalbench");
  g_autofree char *old_path = NULL;
  g_autofree char *title = NULL;
  g_autofree char *value = NULL;
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbProject) another = NULL;
  g_autoptr(EbProject) holder = NULL;
  g_autoptr(EbSurvey) survey = make_survey ();
  g_autoptr(EbSurvey) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint path_notified = 0, title_notified = 0, untitled_notified = 0, saved_notified = 0;
  gint64 saved;
  const char *name;
  struct stat st;
  mode_t mode;

  project = eb_project_new_untitled (&error);
  g_assert_no_error (error);
  g_assert_true (eb_project_is_untitled (project));
  g_assert_true (g_str_has_prefix (eb_project_get_path (project), untitled_dir));
  g_assert_true (g_str_has_suffix (eb_project_get_path (project), ".evalbench"));
  g_assert_true (g_file_test (eb_project_get_path (project), G_FILE_TEST_IS_REGULAR));
  title = eb_project_dup_title (project);
  g_assert_cmpstr (title, ==, "Untitled Project");
  g_clear_pointer (&title, g_free);

  /* A second one at the same moment gets a name of its own. */
  another = eb_project_new_untitled (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_project_get_path (another), !=, eb_project_get_path (project));

  store_survey (project, survey);
  g_assert_true (eb_project_set_setting (project, "chart.palette", "RdBu", &error));
  g_assert_no_error (error);

  /* Saving over a project another window has open is refused, and the
   * untitled project carries on where it was. */
  holder = open_project (taken);
  g_assert_false (eb_project_save_as (project, taken, &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_true (eb_project_is_untitled (project));
  g_assert_true (g_str_has_prefix (eb_project_get_path (project), untitled_dir));

  g_signal_connect (project, "notify::path", G_CALLBACK (count_notify_cb), &path_notified);
  g_signal_connect (project, "notify::title", G_CALLBACK (count_notify_cb), &title_notified);
  g_signal_connect (project, "notify::untitled", G_CALLBACK (count_notify_cb),
                    &untitled_notified);
  g_signal_connect (project, "notify::last-saved", G_CALLBACK (count_notify_cb),
                    &saved_notified);
  /* A folder that does not exist is an error that changes nothing. */
  g_assert_false (eb_project_save_as (project, nowhere, &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==, "Could not save “x.evalbench”: cannot create its "
                   "lock file (No such file or directory)");
  g_clear_error (&error);

  old_path = g_strdup (eb_project_get_path (project));
  saved = eb_project_get_last_saved (project);
  g_assert_no_errno (g_stat (old_path, &st));
  mode = st.st_mode & 0777;

  g_assert_true (eb_project_save_as (project, target, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (path_notified, ==, 1);
  g_assert_cmpuint (title_notified, ==, 1);
  g_assert_cmpuint (untitled_notified, ==, 1);
  g_assert_cmpuint (saved_notified, ==, 1);
  g_assert_cmpint (eb_project_get_last_saved (project), >, saved);
  g_assert_cmpstr (eb_project_get_path (project), ==, target);
  g_assert_false (eb_project_is_untitled (project));
  g_assert_no_errno (g_stat (target, &st));
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
  g_object_get (project, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Wave 1");

  /* The temporary file and all its sidecars are gone. */
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  assert_no_sidecars (old_path);

  /* The object now works on the copy, which holds everything, and it
   * holds the copy's lock. */
  loaded = load_survey (project);
  assert_surveys_equal (survey, loaded);
  g_clear_object (&loaded);
  value = eb_project_get_setting (project, "chart.palette");
  g_assert_cmpstr (value, ==, "RdBu");
  g_clear_pointer (&value, g_free);
  g_assert_true (eb_project_set_setting (project, "after", "save", &error));
  g_assert_no_error (error);
  g_assert_null (eb_project_open (target, &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_LOCKED);
  g_clear_error (&error);

  /* Save As of a titled project overwrites an existing file that nobody
   * has open, and leaves the original in place. */
  g_clear_object (&holder);
  g_assert_true (eb_project_save_as (project, taken, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (path_notified, ==, 2);
  g_assert_cmpuint (title_notified, ==, 2);
  g_assert_cmpuint (untitled_notified, ==, 1);
  g_clear_object (&project);

  /* Nothing but the projects is left in the folder. */
  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (strcmp (name, "Wave 1.evalbench") == 0 ||
                   strcmp (name, "Taken.evalbench") == 0);

  for (guint i = 0; i < 2; i++)
    {
      project = open_project (i == 0 ? target : taken);
      loaded = load_survey (project);
      assert_surveys_equal (survey, loaded);
      value = eb_project_get_setting (project, "after");
      g_assert_cmpstr (value, ==, "save");
      g_clear_pointer (&value, g_free);
      g_clear_object (&loaded);
      g_clear_object (&project);
    }

  /* The second untitled project is still there until it is dealt with. */
  g_assert_true (g_file_test (eb_project_get_path (another), G_FILE_TEST_IS_REGULAR));
}

/* Reads "committed I" lines until EOF; returns FALSE at EOF. */
static gboolean
read_committed (GDataInputStream *stream,
                guint            *iteration)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, &error);
  guint64 value = 0;

  g_assert_no_error (error);
  if (line == NULL)
    return FALSE;
  g_assert_true (g_str_has_prefix (line, "committed "));
  g_assert_true (g_ascii_string_to_unsigned (line + strlen ("committed "), 10, 0,
                                             G_MAXUINT, &value, NULL));
  *iteration = (guint) value;
  return TRUE;
}

/* The survey crash-writer stores in iteration I of round R (see its
 * make_survey), checked whole: a torn store would show here. */
static guint
check_crash_survey (EbSurvey *survey,
                    guint     round)
{
  g_autofree char *prefix = g_strdup_printf ("round %u iteration ", round);
  const char *source = eb_survey_get_source_file (survey);
  guint64 iteration = 0;

  g_assert_true (g_str_has_prefix (source, prefix));
  g_assert_true (g_ascii_string_to_unsigned (source + strlen (prefix), 10, 0, G_MAXUINT,
                                             &iteration, NULL));
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, 6);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 200 + (iteration * 37) % 800);
  g_assert_cmpint (eb_survey_get_column_role (survey, 1), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_cmpuint (eb_scale_get_n_levels (eb_survey_get_column_scale (survey, 1)), ==, 4);
  for (guint r = 0; r < eb_survey_get_n_rows (survey); r++)
    {
      g_autofree char *tag = g_strdup_printf ("%u:%u:%u", round, (guint) iteration, r);

      g_assert_cmpstr (eb_survey_get_cell (survey, r, 0), ==, tag);
      g_assert_cmpstr (eb_survey_get_cell (survey, r, 4), ==, tag);
      g_assert_cmpstr (eb_survey_get_cell (survey, r, 2), ==, "Ça m’a aidé");
      g_assert_cmpstr (eb_survey_get_cell (survey, r, 5), ==, "日本語");
    }
  return (guint) iteration;
}

/* A writer is killed with SIGKILL at random moments, mid-transaction or
 * not. Afterwards the project must be intact, must hold every change the
 * writer reported as committed, and must open despite the dead writer's
 * lock file. */
static void
test_crash (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "crash.evalbench");
  const guint n_rounds = 5;
  guint total = 0;

  for (guint round = 0; round < n_rounds; round++)
    {
      g_autofree char *round_text = g_strdup_printf ("%u", round);
      const char *argv[] = { crash_writer_path, path, round_text, NULL };
      g_autoptr(GSubprocess) writer = NULL;
      g_autoptr(GDataInputStream) stream = NULL;
      g_autoptr(EbProject) project = NULL;
      g_autoptr(EbSurvey) survey = NULL;
      g_autoptr(GError) error = NULL;
      guint target = 40 + g_test_rand_int_range (0, 160);
      guint last = 0, n_seen = 0, last_survey = 0, iteration;

      writer = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);
      stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));

      while (n_seen < target)
        {
          g_assert_true (read_committed (stream, &iteration));
          g_assert_cmpuint (iteration, ==, n_seen);
          n_seen++;
        }

      /* While the writer lives, its lock names it. */
      if (round == 0)
        {
          g_autofree char *expected = g_strdup_printf (
            "“crash.evalbench” is already open in another Evalbench window "
            "(process %s on %s)", g_subprocess_get_identifier (writer), g_get_host_name ());

          g_assert_null (eb_project_open (path, &error));
          g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_LOCKED);
          g_assert_cmpstr (error->message, ==, expected);
          g_clear_error (&error);
        }

      /* Let it run on for up to 30 ms (a survey store takes a few), then
       * kill it wherever it is. */
      g_usleep (g_test_rand_int_range (0, 30000));
      g_subprocess_send_signal (writer, SIGKILL);

      /* Lines still in the pipe were printed before the kill: promises too. */
      while (read_committed (stream, &iteration))
        {
          g_assert_cmpuint (iteration, ==, n_seen);
          n_seen++;
        }
      g_subprocess_wait (writer, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (writer));
      g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);
      last = n_seen - 1;
      last_survey = last - last % 10;
      total += n_seen;
      g_test_message ("round %u: killed after %u committed changes", round, n_seen);

      project = open_project (path);
      g_assert_true (eb_project_check_integrity (project, &error));
      g_assert_no_error (error);

      /* Every reported change of every round so far is there. */
      for (guint i = 0; i < n_seen; i++)
        {
          g_autofree char *key = g_strdup_printf ("r%u-k%u", round, i);
          g_autofree char *expected = g_strdup_printf ("v%u", i);
          g_autofree char *value = eb_project_get_setting (project, key);

          g_assert_cmpstr (value, ==, expected);
        }
      for (guint r = 0; r < round; r++)
        {
          g_autofree char *key = g_strdup_printf ("r%u-k0", r);
          g_autofree char *value = eb_project_get_setting (project, key);

          g_assert_cmpstr (value, ==, "v0");
        }

      /* The survey is the last one reported, or the one being stored
       * when the kill came if its commit made it: whole either way. */
      survey = load_survey (project);
      g_assert_nonnull (survey);
      iteration = check_crash_survey (survey, round);
      g_assert_cmpuint (iteration, >=, last_survey);
      g_assert_cmpuint (iteration, <=, last_survey + 10);
      g_test_message ("round %u: found the survey of iteration %u (last reported %u)",
                      round, iteration, last_survey);
    }

  g_assert_cmpuint (total, >=, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  g_autofree char *data_home = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* Untitled projects go to $XDG_DATA_HOME, which GLib reads once. */
  root = g_dir_make_tmp ("evalbench-test-project-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (root, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (argc > 1)
    crash_writer_path = g_strdup (argv[1]);
  else
    {
      g_autofree char *dir = g_path_get_dirname (argv[0]);

      crash_writer_path = g_build_filename (dir, "crash-writer", NULL);
    }

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/schema/new", test_schema_new);
  ADD ("/store/survey/round-trip", test_survey_round_trip);
  ADD ("/store/survey/empty", test_survey_empty);
  ADD ("/store/survey/replace", test_survey_replace);
  ADD ("/store/survey/column", test_survey_column);
  ADD ("/store/settings", test_settings);
  ADD ("/store/log", test_log);
  ADD ("/store/last-saved", test_last_saved);
  ADD ("/store/open/too-new", test_open_too_new);
  ADD ("/store/open/not-evalbench", test_open_not_evalbench);
  ADD ("/store/corrupt/cells", test_corrupt_cells);
  ADD ("/store/corrupt/pages", test_corrupt_pages);
  ADD ("/store/lock/same-process", test_lock_same_process);
  ADD ("/store/lock/stale", test_lock_stale);
  ADD ("/store/open/readonly", test_open_readonly);
  ADD ("/store/untitled/save-as", test_untitled_save_as);
  ADD ("/store/untitled/discard", test_untitled_discard);
  ADD ("/store/crash", test_crash);

#undef ADD

  status = g_test_run ();

  remove_tree (root);
  g_free (crash_writer_path);
  return status;
}
