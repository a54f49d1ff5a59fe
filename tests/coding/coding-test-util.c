/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "coding-test-util.h"
#include "eb-project-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

EbSurvey *
make_fixture_survey (void)
{
  static const char *development[] = {
    "Realise I need to develop much more", "No change", "Developed somewhat",
    "Strongly developed", "Don't know",
  };
  static const gboolean non_substantive[] = { FALSE, FALSE, FALSE, FALSE, TRUE };
  static const char *rows[12][6] = {
    { "R01", "1CN", "Female", "Strongly developed", TEXT_R0, "Time to talk with other TAs" },
    { "R02", "1CN", "Male", "Developed somewhat", "Lots of ideas to take back", "" },
    { "R03", "1CN", "Female", "Strongly developed", "More confident now",
      "Ideas for a résumé of lessons" },
    { "R04", "1CN", "Female", "No change", "Discussed problems, felt confident", "" },
    { "R05", "1CN", "", "Developed somewhat", "Good sessions", "Nice people" },
    { "R06", "1CN2", "Female", "Realise I need to develop much more", "Safe to try games", "" },
    { "R07", "1CN2", "Female", "Strongly developed", "Problems solved together",
      "Confident and could practise" },
    { "R08", "1CN2", "Male", "", "Useful", "" },
    { "R09", "1CN2", "Female", "Developed somewhat", "Swapped ideas and tried them out",
      "Great" },
    { "R10", "1CN2", "Female", "No change", "Fine", "" },
    { "R11", "1CN2", "Female", "Don't know", "", "We solved problems 🙂" },
    { "R12", "", "Female", "Strongly developed", "  ", "" },
  };
  static const char *names[] = {
    "ID", "Programme", "Gender", "Increase my confidence", "Face-to-face sessions",
    "Peer support",
  };
  static const EbColumnRole roles[] = {
    EB_COLUMN_ROLE_ID, EB_COLUMN_ROLE_ATTRIBUTE, EB_COLUMN_ROLE_ATTRIBUTE,
    EB_COLUMN_ROLE_LIKERT, EB_COLUMN_ROLE_TEXT, EB_COLUMN_ROLE_TEXT,
  };
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(EbScale) scale = eb_scale_new (development, non_substantive,
                                           G_N_ELEMENTS (development));

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      eb_survey_add_column (survey, names[c]);
      eb_survey_set_column_role (survey, c, roles[c]);
    }
  eb_survey_set_column_scale (survey, COL_CONFIDENCE, scale);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    eb_survey_append_row (survey, rows[r], G_N_ELEMENTS (rows[r]));
  eb_survey_set_source_file (survey, "fixture.csv");
  return survey;
}

static void
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = eb_coding_store_new (fixture->project, fixture->survey, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  eb_coding_store_set_coder (fixture->store, "Ada");
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("evalbench-coding-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "coding.evalbench", NULL);
  fixture->project = eb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->survey = make_fixture_survey ();
  g_assert_true (eb_project_store_survey (fixture->project, fixture->survey, &error));
  g_assert_no_error (error);
  open_store (fixture);
}

void
fixture_reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;
  g_clear_object (&fixture->survey);
  g_assert_finalize_object (fixture->project);
  fixture->project = eb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->survey = eb_project_load_survey (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->survey);
  open_store (fixture);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *lock = NULL;
  g_autofree char *base = NULL;

  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  g_clear_object (&fixture->survey);
  if (fixture->project != NULL)
    g_assert_finalize_object (fixture->project);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_unlink (file);
    }
  base = g_path_get_basename (fixture->path);
  lock = g_strdup_printf ("%s/.%s.lock", fixture->dir, base);
  g_unlink (lock);
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->path);
  g_free (fixture->dir);
}

void
populate (Fixture *fixture)
{
  static const struct { guint quote; guint theme; } codings[] = {
    { 0, IDEAS }, { 0, PROBLEMS }, { 1, IDEAS }, { 2, CONFIDENCE }, { 3, DISCUSS },
    { 3, CONFIDENCE }, { 5, SAFE }, { 6, PROBLEMS }, { 8, IDEAS }, { 8, SAFE },
    { 10, CONFIDENCE }, { 11, IDEAS }, { 13, CONFIDENCE }, { 13, SAFE }, { 15, PROBLEMS },
  };
  EbCodingStore *store = fixture->store;

  fixture->themes[DISCUSS] = add_theme (store, 0, "Discuss and share");
  fixture->themes[IDEAS] = add_theme (store, fixture->themes[DISCUSS], "Sharing ideas");
  fixture->themes[PROBLEMS] = add_theme (store, fixture->themes[DISCUSS], "Common problems");
  fixture->themes[CONFIDENCE] = add_theme (store, 0, "Confidence");
  fixture->themes[SAFE] = add_theme (store, 0, "Safe space");
  for (guint i = 0; i < G_N_ELEMENTS (codings); i++)
    tag_quote (store, fixture->themes[codings[i].theme], codings[i].quote);
  eb_undo_stack_clear (eb_coding_store_get_undo_stack (store));
}

static void
dump_table (GString    *out,
            sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (out, "[%s]\n", table);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          g_string_append (out, c > 0 ? " | " : "");
          if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
            g_string_append (out, "NULL");
          else
            g_string_append (out, (const char *) sqlite3_column_text (stmt, c));
        }
      g_string_append_c (out, '\n');
    }
}

char *
dump_database (EbProject *project)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = eb_project_get_database (project);

  dump_table (out, db, "themes");
  dump_table (out, db, "codings");
  dump_table (out, db, "memos");
  dump_table (out, db, "diagram_nodes");
  return g_string_free (out, FALSE);
}

static void
dump_children (GString    *out,
               GListModel *children,
               EbTheme    *parent)
{
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(EbTheme) theme = g_list_model_get_item (children, i);

      /* The tree and the stored positions and parents agree. */
      g_assert_cmpuint (eb_theme_get_position (theme), ==, i);
      g_assert_true (eb_theme_get_parent (theme) == parent);
      g_assert_cmpint (eb_theme_get_parent_id (theme), ==,
                       parent != NULL ? eb_theme_get_id (parent) : 0);
      g_string_append_printf (out, "%*s%" G_GINT64_FORMAT " %u “%s” %s %s codable=%d “%s”\n",
                              (int) eb_theme_get_depth (theme) * 2, "",
                              eb_theme_get_id (theme), i, eb_theme_get_name (theme),
                              eb_theme_get_color (theme) != NULL ? eb_theme_get_color (theme)
                                                                 : "-",
                              eb_theme_level_to_string (eb_theme_get_level (theme)),
                              eb_theme_get_codable (theme), eb_theme_get_description (theme));
      dump_children (out, eb_theme_get_children (theme), theme);
    }
}

char *
dump_models (EbCodingStore *store)
{
  GString *out = g_string_new (NULL);
  EbQuoteList *quotes = eb_coding_store_get_quotes (store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (quotes));
  guint n_attached = 0;

  dump_children (out, G_LIST_MODEL (eb_coding_store_get_codebook (store)), NULL);
  for (guint i = 0; i < n; i++)
    {
      EbQuote *quote = eb_quote_list_get_quote (quotes, i);

      if (!eb_quote_is_coded (quote))
        continue;
      g_string_append_printf (out, "quote %u (%u, %u):", i, eb_quote_get_row (quote),
                              eb_quote_get_column (quote));
      for (guint c = 0; c < eb_quote_get_n_codings (quote); c++)
        {
          EbCoding *coding = eb_quote_get_coding (quote, c);

          g_string_append_printf (out, " [%" G_GINT64_FORMAT " t%" G_GINT64_FORMAT
                                  " %d-%d %s %s]", eb_coding_get_id (coding),
                                  eb_coding_get_theme_id (coding), eb_coding_get_start (coding),
                                  eb_coding_get_end (coding), eb_coding_get_coder (coding),
                                  eb_coding_get_created (coding));
          g_assert_true (eb_coding_store_get_coding (store, eb_coding_get_id (coding)) == coding);
          n_attached++;
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "%u codings, %u on quotes\n",
                          eb_coding_store_get_n_codings (store), n_attached);
  return g_string_free (out, FALSE);
}

void
assert_models_match_file (EbCodingStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbCodingStore) fresh = NULL;
  g_autofree char *ours = dump_models (store);
  g_autofree char *theirs = NULL;

  fresh = eb_coding_store_new (eb_coding_store_get_project (store),
                               eb_coding_store_get_survey (store), NULL, &error);
  g_assert_no_error (error);
  theirs = dump_models (fresh);
  g_assert_cmpstr (ours, ==, theirs);
}

gint64
count_rows (EbProject  *project,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (eb_project_get_database (project), sql, -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

char *
query_text (EbProject  *project,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (eb_project_get_database (project), sql, -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

void
exec_sql (EbProject  *project,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (eb_project_get_database (project), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

gint64
add_theme (EbCodingStore *store,
           gint64         parent_id,
           const char    *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (eb_coding_store_create_theme (store, parent_id, name, NULL, NULL,
                                               EB_THEME_LEVEL_NONE, TRUE, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
tag_quote (EbCodingStore *store,
           gint64         theme_id,
           guint          index)
{
  g_autoptr(GError) error = NULL;
  EbQuote *quote = eb_quote_list_get_quote (eb_coding_store_get_quotes (store), index);
  gint64 id = 0;

  g_assert_true (eb_coding_store_tag (store, theme_id, eb_quote_get_row (quote),
                                      eb_quote_get_column (quote), 0, -1, &id, &error));
  g_assert_no_error (error);
  return id;
}
