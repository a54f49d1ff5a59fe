/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "coding-analysis.h"
#include "coding-test-util.h"
#include "eb-project-private.h"

/* ---- Helpers ---- */

typedef void (*Action) (Fixture *fixture);

static char *
last_audit (EbProject  *project,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM audit ORDER BY id DESC LIMIT 1",
                                          column);

  return query_text (project, sql);
}

/* Does ACTION and checks that it is one transaction with one audit row by
 * the coder and one undo step labelled LABEL; that undo brings back exactly
 * the state before (file and models, ids and positions included) with an
 * "undo: …" row, and redo exactly the state after, with a "redo: …" row. */
static void
check_step (Fixture    *fixture,
            Action      action,
            const char *label,
            const char *audit_action)
{
  EbUndoStack *stack = eb_coding_store_get_undo_stack (fixture->store);
  EbProject *project = fixture->project;
  g_autofree char *before_file = dump_database (project);
  g_autofree char *before_models = dump_models (fixture->store);
  g_autofree char *after_file = NULL;
  g_autofree char *after_models = NULL;
  g_autofree char *expected_label = g_strdup_printf ("Undo %s", label);
  g_autofree char *undo_action = g_strdup_printf ("undo: %s", audit_action);
  g_autofree char *redo_action = g_strdup_printf ("redo: %s", audit_action);
  g_autoptr(GError) error = NULL;
  guint n_undo = eb_undo_stack_get_n_undo (stack);
  gint64 n_audit = count_rows (project, "SELECT count(*) FROM audit");
  g_autofree char *action_done = NULL;
  g_autofree char *user = NULL;
  g_autofree char *action_undone = NULL;
  g_autofree char *action_redone = NULL;

  action (fixture);
  after_file = dump_database (project);
  after_models = dump_models (fixture->store);
  g_assert_cmpstr (after_file, !=, before_file);
  assert_models_match_file (fixture->store);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, n_undo + 1);
  g_assert_cmpuint (eb_undo_stack_get_n_redo (stack), ==, 0);
  g_assert_cmpstr (eb_undo_stack_get_undo_label (stack), ==, expected_label);
  g_assert_cmpint (count_rows (project, "SELECT count(*) FROM audit"), ==, n_audit + 1);
  action_done = last_audit (project, "action");
  user = last_audit (project, "user");
  g_assert_cmpstr (action_done, ==, audit_action);
  g_assert_cmpstr (user, ==, "Ada");

  g_assert_true (eb_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  {
    g_autofree char *file = dump_database (project);
    g_autofree char *models = dump_models (fixture->store);

    g_assert_cmpstr (file, ==, before_file);
    g_assert_cmpstr (models, ==, before_models);
  }
  assert_models_match_file (fixture->store);
  g_assert_true (eb_undo_stack_can_redo (stack));
  action_undone = last_audit (project, "action");
  g_assert_cmpstr (action_undone, ==, undo_action);

  g_assert_true (eb_undo_stack_redo (stack, &error));
  g_assert_no_error (error);
  {
    g_autofree char *file = dump_database (project);
    g_autofree char *models = dump_models (fixture->store);

    g_assert_cmpstr (file, ==, after_file);
    g_assert_cmpstr (models, ==, after_models);
  }
  assert_models_match_file (fixture->store);
  action_redone = last_audit (project, "action");
  g_assert_cmpstr (action_redone, ==, redo_action);
  g_assert_cmpint (count_rows (project, "SELECT count(*) FROM audit"), ==, n_audit + 3);
}

static EbTheme *
theme_of (Fixture *fixture,
          guint    which)
{
  return eb_codebook_get_theme (eb_coding_store_get_codebook (fixture->store),
                                fixture->themes[which]);
}

static EbQuote *
quote_of (Fixture *fixture,
          guint    index)
{
  return eb_quote_list_get_quote (eb_coding_store_get_quotes (fixture->store), index);
}

static char *
theme_names (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EbTheme) theme = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", eb_theme_get_name (theme));
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GString *log;
} Recorder;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  g_string_append_printf (recorder->log, "(%u,%u,%u)", position, removed, added);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Recorder   *recorder)
{
  g_string_append_printf (recorder->log, "[%s]", pspec->name);
}

static void
memos_changed_cb (gpointer  instance,
                  guint    *count)
{
  (*count)++;
}

/* ---- The undo stack on its own ---- */

typedef struct
{
  int      value;
  int      delta;
  gboolean fail;
} Counter;

static gboolean
counter_apply (gpointer   data,
               GError   **error)
{
  Counter *counter = data;

  if (counter->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "disk full");
      return FALSE;
    }
  counter->value += counter->delta;
  return TRUE;
}

static gboolean
counter_revert (gpointer   data,
                GError   **error)
{
  Counter *counter = data;

  if (counter->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "disk full");
      return FALSE;
    }
  counter->value -= counter->delta;
  return TRUE;
}

static void
test_undo_stack (void)
{
  g_autoptr(EbUndoStack) stack = eb_undo_stack_new ();
  g_autoptr(EbUndoCommand) add_two = NULL;
  g_autoptr(EbUndoCommand) add_five = NULL;
  g_autoptr(EbUndoCommand) add_seven = NULL;
  g_autoptr(GError) error = NULL;
  Counter two = { 0, 2, FALSE };
  Counter five = { 0, 5, FALSE };
  Recorder recorder = { g_string_new (NULL) };
  gboolean can_undo = TRUE;
  g_autofree char *undo_label = NULL;

  g_signal_connect (stack, "notify", G_CALLBACK (notify_cb), &recorder);
  g_assert_false (eb_undo_stack_can_undo (stack));
  g_assert_false (eb_undo_stack_can_redo (stack));
  g_assert_cmpstr (eb_undo_stack_get_undo_label (stack), ==, "Undo");
  g_assert_cmpstr (eb_undo_stack_get_redo_label (stack), ==, "Redo");
  g_assert_false (eb_undo_stack_undo (stack, &error));
  g_assert_error (error, EB_UNDO_ERROR, EB_UNDO_ERROR_NOTHING);
  g_assert_cmpstr (error->message, ==, "There is nothing to undo");
  g_clear_error (&error);

  add_two = eb_undo_command_new ("Tag “Safe space”", counter_apply, counter_revert, &two, NULL);
  g_assert_true (eb_undo_stack_execute (stack, add_two, &error));
  g_assert_no_error (error);
  g_assert_cmpint (two.value, ==, 2);
  g_object_get (stack, "can-undo", &can_undo, "undo-label", &undo_label, NULL);
  g_assert_true (can_undo);
  g_assert_cmpstr (undo_label, ==, "Undo Tag “Safe space”");
  g_assert_cmpstr (recorder.log->str, ==, "[can-undo][undo-label]");
  g_string_truncate (recorder.log, 0);

  /* A command its maker applied itself. */
  five.value = 5;
  add_five = eb_undo_command_new ("Rename “Ideas”", counter_apply, counter_revert, &five, NULL);
  eb_undo_stack_push (stack, add_five);
  g_assert_cmpstr (recorder.log->str, ==, "[undo-label]");
  g_string_truncate (recorder.log, 0);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 2);

  g_assert_true (eb_undo_stack_undo (stack, &error));
  g_assert_cmpint (five.value, ==, 0);
  g_assert_cmpstr (eb_undo_stack_get_undo_label (stack), ==, "Undo Tag “Safe space”");
  g_assert_cmpstr (eb_undo_stack_get_redo_label (stack), ==, "Redo Rename “Ideas”");
  g_assert_cmpstr (recorder.log->str, ==, "[can-redo][undo-label][redo-label]");
  g_string_truncate (recorder.log, 0);

  /* A failed undo leaves the step where it was. */
  two.fail = TRUE;
  g_assert_false (eb_undo_stack_undo (stack, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 1);
  g_assert_cmpstr (recorder.log->str, ==, "");
  two.fail = FALSE;
  g_assert_true (eb_undo_stack_undo (stack, &error));
  g_assert_cmpint (two.value, ==, 0);
  g_assert_false (eb_undo_stack_can_undo (stack));
  g_assert_cmpuint (eb_undo_stack_get_n_redo (stack), ==, 2);

  g_assert_true (eb_undo_stack_redo (stack, &error));
  g_assert_true (eb_undo_stack_redo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpint (two.value, ==, 2);
  g_assert_cmpint (five.value, ==, 5);
  g_assert_false (eb_undo_stack_redo (stack, &error));
  g_assert_error (error, EB_UNDO_ERROR, EB_UNDO_ERROR_NOTHING);
  g_clear_error (&error);

  /* A new action after an undo drops what could have been redone; a
   * failed one is not recorded. */
  g_assert_true (eb_undo_stack_undo (stack, &error));
  five.fail = TRUE;
  add_seven = eb_undo_command_new ("Delete “X”", counter_apply, counter_revert, &five, NULL);
  g_assert_false (eb_undo_stack_execute (stack, add_seven, &error));
  g_clear_error (&error);
  g_assert_cmpuint (eb_undo_stack_get_n_redo (stack), ==, 1);
  five.fail = FALSE;
  g_assert_true (eb_undo_stack_execute (stack, add_seven, &error));
  g_assert_cmpuint (eb_undo_stack_get_n_redo (stack), ==, 0);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 2);

  g_string_truncate (recorder.log, 0);
  eb_undo_stack_clear (stack);
  g_assert_cmpstr (recorder.log->str, ==, "[can-undo][undo-label]");
  g_assert_cmpstr (eb_undo_stack_get_undo_label (stack), ==, "Undo");
  g_signal_handlers_disconnect_by_data (stack, &recorder);
  g_string_free (recorder.log, TRUE);
}

/* ---- Offsets ---- */

static void
test_offsets (void)
{
  const char *text = TEXT_R0;
  gsize bytes = 0;
  glong chars = 0;

  g_assert_cmpint (g_utf8_strlen (text, -1), ==, 34);
  g_assert_cmpint (strlen (text), ==, 42);
  g_assert_true (eb_utf8_chars_to_bytes (text, 13, &bytes));
  g_assert_cmpuint (bytes, ==, 18);
  g_assert_true (eb_utf8_chars_to_bytes (text, 26, &bytes));
  g_assert_cmpuint (bytes, ==, 31);
  g_assert_true (eb_utf8_chars_to_bytes (text, 27, &bytes));
  g_assert_cmpuint (bytes, ==, 32);
  g_assert_true (eb_utf8_chars_to_bytes (text, 28, &bytes));
  g_assert_cmpuint (bytes, ==, 36);
  g_assert_true (eb_utf8_chars_to_bytes (text, 34, &bytes));
  g_assert_cmpuint (bytes, ==, 42);
  g_assert_false (eb_utf8_chars_to_bytes (text, 35, &bytes));
  g_assert_false (eb_utf8_chars_to_bytes (text, -1, &bytes));

  g_assert_true (eb_utf8_bytes_to_chars (text, 18, &chars));
  g_assert_cmpint (chars, ==, 13);
  g_assert_true (eb_utf8_bytes_to_chars (text, 36, &chars));
  g_assert_cmpint (chars, ==, 28);
  g_assert_true (eb_utf8_bytes_to_chars (text, 42, &chars));
  g_assert_cmpint (chars, ==, 34);
  /* Inside "é", "–", "’" and the emoji. */
  g_assert_false (eb_utf8_bytes_to_chars (text, 4, &chars));
  g_assert_false (eb_utf8_bytes_to_chars (text, 7, &chars));
  g_assert_false (eb_utf8_bytes_to_chars (text, 13, &chars));
  g_assert_false (eb_utf8_bytes_to_chars (text, 33, &chars));
  g_assert_false (eb_utf8_bytes_to_chars (text, 43, &chars));
}

/* ---- The quotes ---- */

static void
test_quote_list (Fixture       *fixture,
                 gconstpointer  data)
{
  EbQuoteList *quotes = eb_coding_store_get_quotes (fixture->store);
  static const guint rows[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 2, 4, 6, 8, 10 };
  g_autoptr(EbQuote) first = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (quotes)) == EB_TYPE_QUOTE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (quotes)), ==, 16);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (quotes), 16));
  g_assert_cmpint (eb_quote_list_get_id_column (quotes), ==, COL_ID);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      EbQuote *quote = eb_quote_list_get_quote (quotes, i);
      g_autofree char *id = g_strdup_printf ("R%02u", rows[i] + 1);
      guint column = i < 10 ? COL_F2F : COL_PEER;

      g_assert_cmpuint (eb_quote_get_index (quote), ==, i);
      g_assert_cmpuint (eb_quote_get_row (quote), ==, rows[i]);
      g_assert_cmpuint (eb_quote_get_column (quote), ==, column);
      g_assert_cmpstr (eb_quote_get_respondent (quote), ==, id);
      g_assert_cmpstr (eb_quote_get_text (quote), ==,
                       eb_survey_get_cell (fixture->survey, rows[i], column));
      g_assert_cmpint (eb_quote_list_find (quotes, rows[i], column), ==, (int) i);
      g_assert_false (eb_quote_is_coded (quote));
    }
  first = g_list_model_get_item (G_LIST_MODEL (quotes), 0);
  g_assert_cmpstr (eb_quote_get_text (first), ==, TEXT_R0);
  g_assert_cmpstr (eb_quote_get_column_name (first), ==, "Face-to-face sessions");
  g_object_get (first, "themes", &names, NULL);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  /* Empty and blank answers, and other columns, are no quotes. */
  g_assert_cmpint (eb_quote_list_find (quotes, 10, COL_F2F), ==, -1);
  g_assert_cmpint (eb_quote_list_find (quotes, 11, COL_F2F), ==, -1);
  g_assert_cmpint (eb_quote_list_find (quotes, 1, COL_PEER), ==, -1);
  g_assert_cmpint (eb_quote_list_find (quotes, 0, COL_PROGRAMME), ==, -1);
  g_assert_cmpint (eb_quote_list_find (quotes, 12, COL_F2F), ==, -1);
  g_assert_cmpint (eb_quote_list_find (quotes, 0, 6), ==, -1);
}

static gboolean
is_peer (EbQuote  *quote,
         gpointer  user_data)
{
  return eb_quote_get_column (quote) == GPOINTER_TO_UINT (user_data);
}

static void
test_quote_respondent_fallback (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("evalbench-coding-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "p.evalbench", NULL);
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(GArray) selected = NULL;
  const char *row1[] = { "", "Fine" };
  const char *row2[] = { "P2", "Good" };
  EbQuoteList *quotes;

  eb_survey_add_column (survey, "Participant");
  eb_survey_add_column (survey, "Comments");
  eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
  eb_survey_append_row (survey, row1, 2);
  eb_survey_append_row (survey, row2, 2);
  project = eb_project_open (path, &error);
  g_assert_no_error (error);
  store = eb_coding_store_new (project, survey, NULL, &error);
  g_assert_no_error (error);
  quotes = eb_coding_store_get_quotes (store);
  /* An empty id falls back to the row number from 1. */
  g_assert_cmpstr (eb_quote_get_respondent (eb_quote_list_get_quote (quotes, 0)), ==, "1");
  g_assert_cmpstr (eb_quote_get_respondent (eb_quote_list_get_quote (quotes, 1)), ==, "P2");
  selected = eb_quote_list_select (quotes, is_peer, GUINT_TO_POINTER (1));
  g_assert_cmpuint (selected->len, ==, 2);

  g_clear_object (&store);
  eb_project_close (project);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- Themes ---- */

static void
do_create (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (eb_coding_store_create_theme (fixture->store, fixture->themes[DISCUSS],
                                               "  Self-reflection  ", "#FC8D62",
                                               "Reflecting on one’s practice.",
                                               EB_THEME_LEVEL_AXIAL, TRUE, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 6);
}

static void
test_theme_create (Fixture       *fixture,
                   gconstpointer  data)
{
  EbCodebook *codebook = eb_coding_store_get_codebook (fixture->store);
  Recorder recorder = { g_string_new (NULL) };
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  EbTheme *theme;
  gint64 id = 0;

  g_signal_connect (codebook, "items-changed", G_CALLBACK (items_changed_cb), &recorder);
  populate (fixture);
  g_assert_cmpstr (recorder.log->str, ==, "(0,0,1)(1,0,1)(2,0,1)");
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (codebook)) == EB_TYPE_THEME);
  names = theme_names (G_LIST_MODEL (codebook));
  g_assert_cmpstr (names, ==, "Discuss and share, Confidence, Safe space");
  g_clear_pointer (&names, g_free);
  names = theme_names (eb_theme_get_children (theme_of (fixture, DISCUSS)));
  g_assert_cmpstr (names, ==, "Sharing ideas, Common problems");

  check_step (fixture, do_create, "Create Theme “Self-reflection”", "create theme");
  theme = eb_codebook_find_theme (codebook, "SELF-REFLECTION");
  g_assert_nonnull (theme);
  g_assert_cmpint (eb_theme_get_id (theme), ==, 6);
  g_assert_cmpstr (eb_theme_get_name (theme), ==, "Self-reflection");
  g_assert_cmpstr (eb_theme_get_color (theme), ==, "#fc8d62");
  g_assert_cmpstr (eb_theme_get_description (theme), ==, "Reflecting on one’s practice.");
  g_assert_cmpint (eb_theme_get_level (theme), ==, EB_THEME_LEVEL_AXIAL);
  g_assert_true (eb_theme_get_codable (theme));
  g_assert_true (eb_theme_get_parent (theme) == theme_of (fixture, DISCUSS));
  g_assert_cmpuint (eb_theme_get_position (theme), ==, 2);
  g_assert_cmpuint (eb_theme_get_depth (theme), ==, 1);
  g_assert_cmpuint (eb_codebook_get_n_themes (codebook), ==, 6);

  /* A top-level theme goes last. */
  g_string_truncate (recorder.log, 0);
  g_assert_true (eb_coding_store_create_theme (fixture->store, 0, "Group", NULL, NULL,
                                               EB_THEME_LEVEL_NONE, FALSE, &id, &error));
  g_assert_cmpstr (recorder.log->str, ==, "(3,0,1)");
  g_assert_false (eb_theme_get_codable (eb_codebook_get_theme (codebook, id)));

  /* Names are unique whatever their case, and not empty; colours are
   * #rrggbb; parents exist. Nothing is stored for a refused action. */
  g_assert_false (eb_coding_store_create_theme (fixture->store, 0, "confidence", NULL, NULL,
                                                EB_THEME_LEVEL_NONE, TRUE, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_DUPLICATE_NAME);
  g_assert_cmpstr (error->message, ==, "There is already a theme named “Confidence”");
  g_clear_error (&error);
  g_assert_false (eb_coding_store_create_theme (fixture->store, 0, " \t", NULL, NULL,
                                                EB_THEME_LEVEL_NONE, TRUE, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (eb_coding_store_create_theme (fixture->store, 0, "Two\nlines", NULL, NULL,
                                                EB_THEME_LEVEL_NONE, TRUE, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (eb_coding_store_create_theme (fixture->store, 0, "Red", "red", NULL,
                                                EB_THEME_LEVEL_NONE, TRUE, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_COLOR);
  g_assert_cmpstr (error->message, ==, "“red” is not a colour: expected # and six "
                   "hexadecimal digits, as in #1b9e77");
  g_clear_error (&error);
  g_assert_false (eb_coding_store_create_theme (fixture->store, 99, "Orphan", NULL, NULL,
                                                EB_THEME_LEVEL_NONE, TRUE, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM themes"), ==, 7);
  g_signal_handlers_disconnect_by_data (codebook, &recorder);
  g_string_free (recorder.log, TRUE);
}

static void
do_rename (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_rename_theme (fixture->store, fixture->themes[SAFE],
                                               "A safe space", &error));
  g_assert_no_error (error);
}

static void
do_recolour (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_set_theme_color (fixture->store, fixture->themes[SAFE],
                                                  "#E7298A", &error));
  g_assert_no_error (error);
}

static void
do_uncolour (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_set_theme_color (fixture->store, fixture->themes[SAFE],
                                                  NULL, &error));
  g_assert_no_error (error);
}

static void
do_describe (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_set_theme_description (fixture->store, fixture->themes[SAFE],
                                                        "Trying out lessons first. "
                                                        "Exclude: hearing about them.",
                                                        &error));
  g_assert_no_error (error);
}

static void
do_level (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_set_theme_level (fixture->store, fixture->themes[SAFE],
                                                  EB_THEME_LEVEL_SELECTIVE, &error));
  g_assert_no_error (error);
}

static void
do_make_group (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_set_theme_codable (fixture->store, fixture->themes[DISCUSS],
                                                    FALSE, &error));
  g_assert_no_error (error);
}

static void
test_theme_properties (Fixture       *fixture,
                       gconstpointer  data)
{
  Recorder notified = { g_string_new (NULL) };
  Recorder changed = { g_string_new (NULL) };
  g_autoptr(GError) error = NULL;
  EbTheme *safe;
  g_auto(GStrv) names = NULL;
  EbUndoStack *stack = eb_coding_store_get_undo_stack (fixture->store);

  populate (fixture);
  safe = theme_of (fixture, SAFE);
  g_signal_connect (safe, "notify", G_CALLBACK (notify_cb), &notified);
  g_signal_connect (eb_coding_store_get_quotes (fixture->store), "items-changed",
                    G_CALLBACK (items_changed_cb), &changed);

  check_step (fixture, do_rename, "Rename “Safe space”", "rename theme");
  g_assert_cmpstr (eb_theme_get_name (safe), ==, "A safe space");
  /* Do, undo, redo: each notifies once, and the chips of the theme's
   * quotes (5, 8, 13) are rebound. */
  g_assert_cmpstr (notified.log->str, ==, "[name][name][name]");
  g_assert_cmpstr (changed.log->str, ==, "(5,1,1)(8,1,1)(13,1,1)(5,1,1)(8,1,1)(13,1,1)"
                   "(5,1,1)(8,1,1)(13,1,1)");
  names = eb_quote_dup_theme_names (quote_of (fixture, 8));
  g_assert_cmpstr (names[0], ==, "Sharing ideas");
  g_assert_cmpstr (names[1], ==, "A safe space");
  g_assert_null (names[2]);
  g_string_truncate (notified.log, 0);

  check_step (fixture, do_recolour, "Recolour “A safe space”", "recolour theme");
  g_assert_cmpstr (eb_theme_get_color (safe), ==, "#e7298a");
  check_step (fixture, do_uncolour, "Recolour “A safe space”", "recolour theme");
  g_assert_null (eb_theme_get_color (safe));
  check_step (fixture, do_describe, "Describe “A safe space”", "describe theme");
  g_assert_cmpstr (eb_theme_get_description (safe), ==,
                   "Trying out lessons first. Exclude: hearing about them.");
  check_step (fixture, do_level, "Set Level of “A safe space”", "set theme level");
  g_assert_cmpint (eb_theme_get_level (safe), ==, EB_THEME_LEVEL_SELECTIVE);
  g_assert_cmpstr (notified.log->str, ==, "[color][color][color][color][color][color]"
                   "[description][description][description][level][level][level]");

  /* Renaming to the same name (or only another case of it) is allowed;
   * the same name changes nothing and leaves no step. */
  g_assert_true (eb_coding_store_rename_theme (fixture->store, fixture->themes[SAFE],
                                               "A safe space ", &error));
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 5);
  g_assert_true (eb_coding_store_rename_theme (fixture->store, fixture->themes[SAFE],
                                               "A Safe Space", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 6);
  g_assert_false (eb_coding_store_rename_theme (fixture->store, fixture->themes[SAFE],
                                                "sharing IDEAS", &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_DUPLICATE_NAME);
  g_clear_error (&error);
  g_assert_false (eb_coding_store_rename_theme (fixture->store, 42, "X", &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME);
  g_assert_cmpstr (error->message, ==, "There is no theme with id 42");
  g_clear_error (&error);

  /* A theme with codings of its own cannot become a group; one without
   * can, and then takes no codings. */
  g_assert_false (eb_coding_store_set_theme_codable (fixture->store, fixture->themes[SAFE],
                                                     FALSE, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NOT_CODABLE);
  g_assert_cmpstr (error->message, ==, "“A Safe Space” has 3 codings of its own: move or "
                   "remove them before making it a group");
  g_clear_error (&error);
  g_assert_true (eb_coding_store_untag (fixture->store, 5, &error));
  check_step (fixture, do_make_group, "Make “Discuss and share” a Group",
              "make theme a group");
  g_assert_false (eb_theme_get_codable (theme_of (fixture, DISCUSS)));
  g_assert_false (eb_coding_store_tag (fixture->store, fixture->themes[DISCUSS], 0, COL_F2F,
                                       0, -1, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NOT_CODABLE);
  g_assert_cmpstr (error->message, ==, "“Discuss and share” is a group of themes: tag one of "
                   "its sub-themes instead");
  g_clear_error (&error);
  g_signal_handlers_disconnect_by_data (safe, &notified);
  g_signal_handlers_disconnect_by_data (eb_coding_store_get_quotes (fixture->store), &changed);
  g_string_free (notified.log, TRUE);
  g_string_free (changed.log, TRUE);
}

static void
do_reorder (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  /* Safe space to the front of the top level. */
  g_assert_true (eb_coding_store_move_theme (fixture->store, fixture->themes[SAFE], 0, 0,
                                             &error));
  g_assert_no_error (error);
}

static void
do_nest (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  /* Confidence under Discuss and share, between its two children. */
  g_assert_true (eb_coding_store_move_theme (fixture->store, fixture->themes[CONFIDENCE],
                                             fixture->themes[DISCUSS], 1, &error));
  g_assert_no_error (error);
}

static void
do_unnest (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_move_theme (fixture->store, fixture->themes[IDEAS], 0,
                                             G_MAXUINT, &error));
  g_assert_no_error (error);
}

static void
test_theme_move (Fixture       *fixture,
                 gconstpointer  data)
{
  EbCodebook *codebook = eb_coding_store_get_codebook (fixture->store);
  Recorder roots = { g_string_new (NULL) };
  Recorder children = { g_string_new (NULL) };
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autoptr(EbThemeCounts) counts = NULL;

  populate (fixture);
  g_signal_connect (codebook, "items-changed", G_CALLBACK (items_changed_cb), &roots);
  g_signal_connect (eb_theme_get_children (theme_of (fixture, DISCUSS)), "items-changed",
                    G_CALLBACK (items_changed_cb), &children);

  check_step (fixture, do_reorder, "Move “Safe space”", "move theme");
  names = theme_names (G_LIST_MODEL (codebook));
  g_assert_cmpstr (names, ==, "Safe space, Discuss and share, Confidence");
  g_clear_pointer (&names, g_free);
  /* One splice over the part that changed, each time. */
  g_assert_cmpstr (roots.log->str, ==, "(0,3,3)(0,3,3)(0,3,3)");
  g_string_truncate (roots.log, 0);

  check_step (fixture, do_nest, "Move “Confidence”", "move theme");
  names = theme_names (G_LIST_MODEL (codebook));
  g_assert_cmpstr (names, ==, "Safe space, Discuss and share");
  g_clear_pointer (&names, g_free);
  names = theme_names (eb_theme_get_children (theme_of (fixture, DISCUSS)));
  g_assert_cmpstr (names, ==, "Sharing ideas, Confidence, Common problems");
  g_clear_pointer (&names, g_free);
  g_assert_cmpstr (roots.log->str, ==, "(2,1,0)(2,0,1)(2,1,0)");
  g_assert_cmpstr (children.log->str, ==, "(1,0,1)(1,1,0)(1,0,1)");
  g_assert_true (eb_theme_get_parent (theme_of (fixture, CONFIDENCE)) ==
                 theme_of (fixture, DISCUSS));
  /* The group now counts Confidence's quotes too: 7 + 4, of which quote
   * 3 was already there. */
  counts = eb_theme_counts_new (fixture->store, NULL, 0);
  g_assert_cmpuint (eb_theme_counts_get_n_quotes (counts, fixture->themes[DISCUSS]), ==, 10);

  check_step (fixture, do_unnest, "Move “Sharing ideas”", "move theme");
  names = theme_names (G_LIST_MODEL (codebook));
  g_assert_cmpstr (names, ==, "Safe space, Discuss and share, Sharing ideas");
  g_clear_pointer (&names, g_free);
  g_assert_null (eb_theme_get_parent (theme_of (fixture, IDEAS)));

  /* Under itself or its own sub-theme: refused. Where it already is: no
   * step. */
  g_assert_false (eb_coding_store_move_theme (fixture->store, fixture->themes[DISCUSS],
                                              fixture->themes[DISCUSS], 0, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_MOVE);
  g_assert_cmpstr (error->message, ==, "Cannot move “Discuss and share” under itself");
  g_clear_error (&error);
  g_assert_false (eb_coding_store_move_theme (fixture->store, fixture->themes[DISCUSS],
                                              fixture->themes[PROBLEMS], 0, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_MOVE);
  g_assert_cmpstr (error->message, ==, "Cannot move “Discuss and share” under its own "
                   "sub-theme “Common problems”");
  g_clear_error (&error);
  g_assert_true (eb_coding_store_move_theme (fixture->store, fixture->themes[SAFE], 0, 0,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (eb_coding_store_get_undo_stack (fixture->store)),
                    ==, 3);
  g_signal_handlers_disconnect_by_data (codebook, &roots);
  g_signal_handlers_disconnect_by_data (eb_theme_get_children (theme_of (fixture, DISCUSS)),
                                        &children);
  g_string_free (roots.log, TRUE);
  g_string_free (children.log, TRUE);
}

static gint64 merge_memo_on_twin;
static gint64 merge_memo_on_source;

static void
do_merge (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  /* Common problems into Sharing ideas: quote 0 has both (a duplicate to
   * collapse); quotes 6 and 15 move. */
  g_assert_true (eb_coding_store_merge_themes (fixture->store, fixture->themes[PROBLEMS],
                                               fixture->themes[IDEAS], &error));
  g_assert_no_error (error);
}

static void
do_merge_up (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  /* A group into a top-level theme: its sub-themes follow. */
  g_assert_true (eb_coding_store_merge_themes (fixture->store, fixture->themes[DISCUSS],
                                               fixture->themes[CONFIDENCE], &error));
  g_assert_no_error (error);
}

static void
test_theme_merge (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbThemeCounts) counts = NULL;
  g_autoptr(EbMemo) memo = NULL;
  g_autofree char *names = NULL;
  g_autofree char *node_theme = NULL;
  g_autofree char *sql = NULL;
  EbCoding *twin;
  gint64 problem_on_0 = 0;

  populate (fixture);
  /* Memos on the coding that will collapse and on the source theme, and a
   * diagram node that shows the source. */
  twin = eb_quote_get_coding (quote_of (fixture, 0), 1);
  g_assert_cmpint (eb_coding_get_theme_id (twin), ==, fixture->themes[PROBLEMS]);
  problem_on_0 = eb_coding_get_id (twin);
  g_assert_true (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_CODING, problem_on_0,
                                           -1, "Borderline case", &merge_memo_on_twin, &error));
  g_assert_true (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_THEME,
                                           fixture->themes[PROBLEMS], -1, "Too close to ideas?",
                                           &merge_memo_on_source, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO diagram_nodes (id, theme_id, label) VALUES (7, %"
                         G_GINT64_FORMAT ", 'Problems')", fixture->themes[PROBLEMS]);
  exec_sql (fixture->project, sql);

  check_step (fixture, do_merge, "Merge “Common problems” into “Sharing ideas”",
              "merge themes");
  g_assert_null (theme_of (fixture, PROBLEMS));
  names = theme_names (eb_theme_get_children (theme_of (fixture, DISCUSS)));
  g_assert_cmpstr (names, ==, "Sharing ideas");
  counts = eb_theme_counts_new (fixture->store, NULL, 0);
  /* 4 quotes had Sharing ideas; 6 and 15 join; 0 had both. */
  g_assert_cmpuint (eb_theme_counts_get_n_quotes (counts, fixture->themes[IDEAS]), ==, 6);
  g_assert_cmpuint (eb_coding_store_get_n_codings (fixture->store), ==, 14);
  g_assert_cmpuint (eb_quote_get_n_codings (quote_of (fixture, 0)), ==, 1);
  /* The collapsed coding's memo moved to its twin, the theme's memo to the
   * target, and the diagram node too. */
  memo = eb_coding_store_get_memo (fixture->store, merge_memo_on_twin, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eb_memo_get_target_id (memo), ==,
                   eb_coding_get_id (eb_quote_get_coding (quote_of (fixture, 0), 0)));
  g_clear_pointer (&memo, eb_memo_unref);
  memo = eb_coding_store_get_memo (fixture->store, merge_memo_on_source, &error);
  g_assert_cmpint (eb_memo_get_target_id (memo), ==, fixture->themes[IDEAS]);
  node_theme = query_text (fixture->project, "SELECT theme_id FROM diagram_nodes WHERE id = 7");
  g_assert_cmpint (g_ascii_strtoll (node_theme, NULL, 10), ==, fixture->themes[IDEAS]);

  /* After undo and redo in check_step the merge stands; undo it once more
   * and the collapsed coding is back with its id. */
  g_assert_true (eb_undo_stack_undo (eb_coding_store_get_undo_stack (fixture->store), &error));
  g_assert_nonnull (eb_coding_store_get_coding (fixture->store, problem_on_0));
  g_assert_cmpint (eb_coding_get_theme_id (eb_coding_store_get_coding (fixture->store,
                                                                       problem_on_0)),
                   ==, fixture->themes[PROBLEMS]);

  check_step (fixture, do_merge_up, "Merge “Discuss and share” into “Confidence”",
              "merge themes");
  g_clear_pointer (&names, g_free);
  names = theme_names (eb_theme_get_children (theme_of (fixture, CONFIDENCE)));
  g_assert_cmpstr (names, ==, "Sharing ideas, Common problems");

  /* Refused: into itself, into its own sub-theme, codings into a group. */
  g_assert_false (eb_coding_store_merge_themes (fixture->store, fixture->themes[SAFE],
                                                fixture->themes[SAFE], &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_MOVE);
  g_clear_error (&error);
  g_assert_false (eb_coding_store_merge_themes (fixture->store, fixture->themes[CONFIDENCE],
                                                fixture->themes[IDEAS], &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_MOVE);
  g_assert_cmpstr (error->message, ==, "Cannot merge “Confidence” into its own sub-theme "
                   "“Sharing ideas”");
  g_clear_error (&error);
  {
    gint64 group = 0;

    g_assert_true (eb_coding_store_create_theme (fixture->store, 0, "Group", NULL, NULL,
                                                 EB_THEME_LEVEL_NONE, FALSE, &group, &error));
    g_assert_false (eb_coding_store_merge_themes (fixture->store, fixture->themes[SAFE], group,
                                                  &error));
    g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NOT_CODABLE);
    g_clear_error (&error);
  }
}

static void
do_delete (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_delete_theme (fixture->store, fixture->themes[DISCUSS],
                                               &error));
  g_assert_no_error (error);
}

static void
test_theme_delete (Fixture       *fixture,
                   gconstpointer  data)
{
  EbUndoStack *stack = eb_coding_store_get_undo_stack (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *node_theme = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  gint64 coding_memo = 0;

  populate (fixture);
  /* Memos on the group, on a sub-theme's coding, on the quote; a diagram
   * node on a sub-theme. */
  g_assert_true (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_THEME,
                                           fixture->themes[DISCUSS], -1, "Main theme", NULL,
                                           &error));
  g_assert_true (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_CODING,
                                           eb_coding_get_id (eb_quote_get_coding (quote_of (fixture, 1), 0)),
                                           -1, "Good example", &coding_memo, &error));
  g_assert_true (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_QUOTE, 1, COL_F2F,
                                           "Stays", NULL, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO diagram_nodes (id, theme_id, label) VALUES (3, %"
                         G_GINT64_FORMAT ", 'Ideas')", fixture->themes[IDEAS]);
  exec_sql (fixture->project, sql);
  before = dump_database (fixture->project);

  check_step (fixture, do_delete, "Delete “Discuss and share”", "delete theme");
  detail = last_audit (fixture->project, "detail");
  g_assert_cmpstr (detail, ==, "with 2 sub-themes and 8 codings");
  g_assert_cmpuint (eb_codebook_get_n_themes (eb_coding_store_get_codebook (fixture->store)),
                    ==, 2);
  g_assert_cmpuint (eb_coding_store_get_n_codings (fixture->store), ==, 7);
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM memos"), ==, 1);
  node_theme = query_text (fixture->project, "SELECT theme_id FROM diagram_nodes WHERE id = 3");
  g_assert_null (node_theme);
  g_assert_cmpuint (eb_theme_get_position (theme_of (fixture, CONFIDENCE)), ==, 0);
  g_assert_false (eb_quote_is_coded (quote_of (fixture, 1)));

  /* Undo restores the themes, their codings and memos with their ids, and
   * the diagram's link. */
  g_assert_true (eb_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  {
    g_autofree char *after_undo = dump_database (fixture->project);

    g_assert_cmpstr (after_undo, ==, before);
  }
  memos = eb_coding_store_list_memos (fixture->store, EB_MEMO_TARGET_CODING,
                                      eb_coding_get_id (eb_quote_get_coding (quote_of (fixture, 1), 0)),
                                      -1, &error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpint (eb_memo_get_id (g_ptr_array_index (memos, 0)), ==, coding_memo);
  g_assert_nonnull (theme_of (fixture, IDEAS));
  g_assert_true (eb_theme_get_parent (theme_of (fixture, IDEAS)) == theme_of (fixture, DISCUSS));
}

/* ---- Coding ---- */

static void
do_tag (Fixture *fixture)
{
  tag_quote (fixture->store, fixture->themes[SAFE], 4);
}

static void
do_tag_span (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  /* "sharing ideas" in TEXT_R0, as bytes. */
  g_assert_true (eb_coding_store_tag_bytes (fixture->store, fixture->themes[IDEAS], 0, COL_F2F,
                                            18, 31, &id, &error));
  g_assert_no_error (error);
}

static void
do_tag_emoji (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 0, COL_F2F,
                                      27, 34, NULL, &error));
  g_assert_no_error (error);
}

static void
do_untag (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_untag (fixture->store,
                                        eb_coding_get_id (eb_quote_get_coding (quote_of (fixture, 13), 1)),
                                        &error));
  g_assert_no_error (error);
}

static void
test_tag (Fixture       *fixture,
          gconstpointer  data)
{
  Recorder changed = { g_string_new (NULL) };
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GArray) ids = NULL;
  EbQuote *quote;
  EbCoding *coding;
  gsize start = 0, end = 0;
  g_auto(GStrv) names = NULL;

  populate (fixture);
  g_signal_connect (eb_coding_store_get_quotes (fixture->store), "items-changed",
                    G_CALLBACK (items_changed_cb), &changed);

  check_step (fixture, do_tag, "Tag “Safe space”", "tag");
  g_assert_cmpstr (changed.log->str, ==, "(4,1,1)(4,1,1)(4,1,1)");
  g_string_truncate (changed.log, 0);
  detail = last_audit (fixture->project, "detail");
  g_assert_cmpstr (detail, ==, "respondent R05, “Face-to-face sessions”, whole answer");
  quote = quote_of (fixture, 4);
  coding = eb_quote_get_coding (quote, 0);
  g_assert_cmpint (eb_coding_get_id (coding), ==, 16);
  g_assert_cmpint (eb_coding_get_theme_id (coding), ==, fixture->themes[SAFE]);
  g_assert_cmpuint (eb_coding_get_row (coding), ==, 4);
  g_assert_cmpuint (eb_coding_get_column (coding), ==, COL_F2F);
  g_assert_true (eb_coding_is_whole (coding));
  g_assert_cmpstr (eb_coding_get_coder (coding), ==, "Ada");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$",
                                       eb_coding_get_created (coding), 0, 0));
  created = query_text (fixture->project, "SELECT created FROM codings WHERE id = 16");
  g_assert_cmpstr (created, ==, eb_coding_get_created (coding));

  /* Spans are stored in characters, whatever was given. */
  check_step (fixture, do_tag_span, "Tag “Sharing ideas”", "tag");
  quote = quote_of (fixture, 0);
  coding = eb_quote_get_coding (quote, 2);
  g_assert_cmpint (eb_coding_get_start (coding), ==, 13);
  g_assert_cmpint (eb_coding_get_end (coding), ==, 26);
  g_assert_false (eb_coding_is_whole (coding));
  g_assert_true (eb_coding_get_byte_range (coding, eb_quote_get_text (quote), &start, &end));
  g_assert_cmpuint (start, ==, 18);
  g_assert_cmpuint (end, ==, 31);
  g_assert_cmpint (count_rows (fixture->project, "SELECT \"end\" FROM codings WHERE id = 17"),
                   ==, 26);
  check_step (fixture, do_tag_emoji, "Tag “Safe space”", "tag");
  coding = eb_quote_get_coding (quote, 3);
  g_assert_true (eb_coding_get_byte_range (coding, eb_quote_get_text (quote), &start, &end));
  g_assert_cmpuint (start, ==, 32);
  g_assert_cmpuint (end, ==, 42);
  ids = eb_quote_dup_theme_ids (quote);
  g_assert_cmpuint (ids->len, ==, 3);
  names = eb_quote_dup_theme_names (quote);
  g_assert_cmpstr (names[2], ==, "Safe space");
  g_assert_true (eb_quote_has_theme (quote, fixture->themes[DISCUSS], TRUE));
  g_assert_false (eb_quote_has_theme (quote, fixture->themes[DISCUSS], FALSE));

  /* Refused spans, with messages that say where and why. */
  g_assert_false (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 0, COL_F2F,
                                       30, 40, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_SPAN);
  g_assert_cmpstr (error->message, ==, "Characters 30 to 40 are not a span of the answer of "
                   "respondent R01, “Face-to-face sessions”, which has 34 characters");
  g_clear_error (&error);
  g_assert_false (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 0, COL_F2F,
                                       5, 5, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_SPAN);
  g_clear_error (&error);
  g_assert_false (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 0, COL_F2F,
                                       -1, 3, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_SPAN);
  g_clear_error (&error);
  g_assert_false (eb_coding_store_tag_bytes (fixture->store, fixture->themes[SAFE], 0, COL_F2F,
                                             33, 36, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_INVALID_SPAN);
  g_assert_cmpstr (error->message, ==, "Bytes 33 to 36 do not fall on characters of the answer "
                   "of respondent R01, “Face-to-face sessions”, which has 42 bytes");
  g_clear_error (&error);

  /* No quote there; the same coding twice; an unknown theme. */
  g_assert_false (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 10, COL_F2F,
                                       0, -1, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE);
  g_assert_cmpstr (error->message, ==, "Row 11 has no answer to “Face-to-face sessions”");
  g_clear_error (&error);
  g_assert_false (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 0, COL_PROGRAMME,
                                       0, -1, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE);
  g_assert_cmpstr (error->message, ==, "Column 2 (“Programme”) is not an open-text question");
  g_clear_error (&error);
  g_assert_false (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 4, COL_F2F,
                                       0, -1, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_ALREADY_CODED);
  g_assert_cmpstr (error->message, ==, "The answer of respondent R05, “Face-to-face sessions” "
                   "already has “Safe space” there");
  g_clear_error (&error);
  g_assert_false (eb_coding_store_tag (fixture->store, 77, 4, COL_F2F, 0, -1, NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME);
  g_clear_error (&error);

  /* Another coder may code the same span with the same theme. */
  eb_coding_store_set_coder (fixture->store, "Grace");
  g_assert_true (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 4, COL_F2F,
                                      0, -1, NULL, &error));
  g_assert_no_error (error);
  eb_coding_store_set_coder (fixture->store, "Ada");

  g_string_truncate (changed.log, 0);
  check_step (fixture, do_untag, "Untag “Safe space”", "untag");
  g_assert_cmpuint (eb_quote_get_n_codings (quote_of (fixture, 13)), ==, 1);
  g_assert_cmpstr (changed.log->str, ==, "(13,1,1)(13,1,1)(13,1,1)");
  g_assert_false (eb_coding_store_untag (fixture->store, 999, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_CODING);
  g_clear_error (&error);
  g_signal_handlers_disconnect_by_data (eb_coding_store_get_quotes (fixture->store), &changed);
  g_string_free (changed.log, TRUE);
}

static void
do_tag_many (Fixture *fixture)
{
  static const guint indices[] = { 2, 3, 4, 9, 3, 5 };
  g_autoptr(GError) error = NULL;
  guint n_tagged = 0;

  /* 5 already has Safe space; 3 is listed twice. */
  g_assert_true (eb_coding_store_tag_quotes (fixture->store, fixture->themes[SAFE], indices,
                                             G_N_ELEMENTS (indices), &n_tagged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_tagged, ==, 4);
}

static void
do_toggle (Fixture *fixture)
{
  static const guint indices[] = { 2, 3 };
  g_autoptr(GError) error = NULL;
  gboolean tagged = TRUE;

  g_assert_true (eb_coding_store_toggle_quotes (fixture->store, fixture->themes[SAFE], indices,
                                                G_N_ELEMENTS (indices), &tagged, &error));
  g_assert_no_error (error);
  g_assert_false (tagged);
}

static void
do_toggle_on (Fixture *fixture)
{
  static const guint indices[] = { 1, 2 };
  g_autoptr(GError) error = NULL;
  gboolean tagged = FALSE;

  g_assert_true (eb_coding_store_toggle_quotes (fixture->store, fixture->themes[SAFE], indices,
                                                G_N_ELEMENTS (indices), &tagged, &error));
  g_assert_no_error (error);
  g_assert_true (tagged);
}

static void
test_tag_many (Fixture       *fixture,
               gconstpointer  data)
{
  Recorder changed = { g_string_new (NULL) };
  g_autoptr(GError) error = NULL;
  static const guint none[] = { 5, 8 };
  static const guint bad[] = { 1, 16 };
  guint n_tagged = 99;
  guint n_codebook_changed = 0, n_codings_changed = 0;

  populate (fixture);
  g_signal_connect (eb_coding_store_get_quotes (fixture->store), "items-changed",
                    G_CALLBACK (items_changed_cb), &changed);
  g_signal_connect (eb_coding_store_get_codebook (fixture->store), "changed",
                    G_CALLBACK (memos_changed_cb), &n_codebook_changed);
  g_signal_connect (fixture->store, "codings-changed", G_CALLBACK (memos_changed_cb),
                    &n_codings_changed);

  check_step (fixture, do_tag_many, "Tag 4 Quotes “Safe space”", "tag");
  /* Codings changed three times (do, undo, redo); the codebook did not. */
  g_assert_cmpuint (n_codings_changed, ==, 3);
  g_assert_cmpuint (n_codebook_changed, ==, 0);
  /* One step, one transaction; neighbours are one items-changed. */
  g_assert_cmpstr (changed.log->str, ==, "(2,3,3)(9,1,1)(2,3,3)(9,1,1)(2,3,3)(9,1,1)");
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM codings WHERE theme_id = "
                               "5"), ==, 7);

  /* Toggling quotes that all have it removes it; else adds it where it is
   * missing. */
  check_step (fixture, do_toggle, "Untag 2 Quotes “Safe space”", "untag");
  g_assert_false (eb_quote_has_theme (quote_of (fixture, 2), fixture->themes[SAFE], FALSE));
  check_step (fixture, do_toggle_on, "Tag 2 Quotes “Safe space”", "tag");

  /* Nothing left to tag: no step. An index out of range: nothing at all. */
  g_assert_true (eb_coding_store_tag_quotes (fixture->store, fixture->themes[SAFE], none,
                                             G_N_ELEMENTS (none), &n_tagged, &error));
  g_assert_cmpuint (n_tagged, ==, 0);
  g_assert_cmpuint (eb_undo_stack_get_n_undo (eb_coding_store_get_undo_stack (fixture->store)),
                    ==, 3);
  g_assert_false (eb_coding_store_tag_quotes (fixture->store, fixture->themes[SAFE], bad,
                                              G_N_ELEMENTS (bad), NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE);
  g_assert_cmpstr (error->message, ==, "There is no quote 17 (the project has 16)");
  g_clear_error (&error);
  g_assert_false (eb_quote_has_theme (quote_of (fixture, 1), fixture->themes[CONFIDENCE],
                                      FALSE));
  g_signal_handlers_disconnect_by_data (eb_coding_store_get_quotes (fixture->store), &changed);
  g_signal_handlers_disconnect_by_data (eb_coding_store_get_codebook (fixture->store),
                                        &n_codebook_changed);
  g_signal_handlers_disconnect_by_data (fixture->store, &n_codings_changed);
  g_string_free (changed.log, TRUE);
}

/* ---- Memos ---- */

static gint64 memo_id;

static void
do_add_memo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_QUOTE, 0, COL_F2F,
                                           "Lovely quote — use it in the report", &memo_id,
                                           &error));
  g_assert_no_error (error);
}

static void
do_edit_memo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_edit_memo (fixture->store, memo_id, "Use it in section 3",
                                            &error));
  g_assert_no_error (error);
}

static void
do_delete_memo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_delete_memo (fixture->store, memo_id, &error));
  g_assert_no_error (error);
}

static void
test_memos (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(EbMemo) memo = NULL;
  guint n_changed = 0;
  gint64 project_memo = 0, respondent_memo = 0;

  populate (fixture);
  g_signal_connect (fixture->store, "memos-changed", G_CALLBACK (memos_changed_cb), &n_changed);

  check_step (fixture, do_add_memo, "Add Memo", "add memo");
  g_assert_cmpuint (n_changed, ==, 3);
  memos = eb_coding_store_list_memos (fixture->store, EB_MEMO_TARGET_QUOTE, 0, COL_F2F, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 1);
  memo = eb_memo_ref (g_ptr_array_index (memos, 0));
  g_assert_cmpint (eb_memo_get_id (memo), ==, memo_id);
  g_assert_cmpint (eb_memo_get_target (memo), ==, EB_MEMO_TARGET_QUOTE);
  g_assert_cmpint (eb_memo_get_target_id (memo), ==, 0);
  g_assert_cmpint (eb_memo_get_target_column (memo), ==, COL_F2F);
  g_assert_cmpstr (eb_memo_get_author (memo), ==, "Ada");
  g_assert_null (eb_memo_get_modified (memo));
  g_assert_cmpstr (eb_memo_get_body (memo), ==, "Lovely quote — use it in the report");
  g_clear_pointer (&memo, eb_memo_unref);
  g_clear_pointer (&memos, g_ptr_array_unref);

  check_step (fixture, do_edit_memo, "Edit Memo", "edit memo");
  memo = eb_coding_store_get_memo (fixture->store, memo_id, &error);
  g_assert_cmpstr (eb_memo_get_body (memo), ==, "Use it in section 3");
  g_assert_nonnull (eb_memo_get_modified (memo));
  g_clear_pointer (&memo, eb_memo_unref);
  check_step (fixture, do_delete_memo, "Delete Memo", "delete memo");
  g_assert_null (eb_coding_store_get_memo (fixture->store, memo_id, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_MEMO);
  g_clear_error (&error);

  /* Project and respondent memos; targets that do not exist. */
  g_assert_true (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_PROJECT, 99, 4,
                                           "Second coder starts Monday", &project_memo, &error));
  g_assert_true (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_RESPONDENT, 11, -1,
                                           "Left the programme", &respondent_memo, &error));
  g_assert_no_error (error);
  memos = eb_coding_store_list_memos (fixture->store, EB_MEMO_TARGET_PROJECT, 0, -1, &error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpint (eb_memo_get_target_id (g_ptr_array_index (memos, 0)), ==, 0);
  g_assert_cmpint (eb_memo_get_target_column (g_ptr_array_index (memos, 0)), ==, -1);
  g_clear_pointer (&memos, g_ptr_array_unref);
  memos = eb_coding_store_list_memos (fixture->store, EB_MEMO_TARGET_RESPONDENT, 11, -1, &error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_false (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_QUOTE, 1, COL_PEER,
                                            "x", NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE);
  g_clear_error (&error);
  g_assert_false (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_RESPONDENT, 12, -1,
                                            "x", NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE);
  g_clear_error (&error);
  g_assert_false (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_THEME, 40, -1,
                                            "x", NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME);
  g_clear_error (&error);
  g_assert_false (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_CODING, 40, -1,
                                            "x", NULL, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_CODING);
  g_clear_error (&error);

  /* Untagging removes the coding's memos with it, and undo brings them
   * back. */
  g_assert_true (eb_coding_store_add_memo (fixture->store, EB_MEMO_TARGET_CODING, 1, -1,
                                           "Why both?", NULL, &error));
  g_assert_true (eb_coding_store_untag (fixture->store, 1, &error));
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM memos WHERE target_kind "
                               "= 'coding'"), ==, 0);
  g_assert_true (eb_undo_stack_undo (eb_coding_store_get_undo_stack (fixture->store), &error));
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM memos WHERE target_kind "
                               "= 'coding' AND target_id = 1"), ==, 1);
}

/* ---- History, audit, persistence ---- */

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  EbUndoStack *stack = eb_coding_store_get_undo_stack (fixture->store);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  static const guint some[] = { 7, 9, 12 };
  Action actions[] = {
    do_create, do_rename, do_reorder, do_nest, do_tag_span, do_tag_many, do_merge,
    do_add_memo, do_untag, do_delete,
  };
  gint64 n_audit;

  populate (fixture);
  g_assert_true (eb_coding_store_tag_quotes (fixture->store, fixture->themes[CONFIDENCE], some,
                                             G_N_ELEMENTS (some), NULL, &error));
  eb_undo_stack_clear (stack);
  g_ptr_array_add (files, dump_database (fixture->project));
  g_ptr_array_add (models, dump_models (fixture->store));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      actions[i] (fixture);
      g_ptr_array_add (files, dump_database (fixture->project));
      g_ptr_array_add (models, dump_models (fixture->store));
    }
  n_audit = count_rows (fixture->project, "SELECT count(*) FROM audit");

  /* Back to the start one step at a time, each state exactly as it was,
   * then forward again. */
  for (guint i = G_N_ELEMENTS (actions); i > 0; i--)
    {
      g_autofree char *file = NULL;
      g_autofree char *model = NULL;

      g_assert_true (eb_undo_stack_undo (stack, &error));
      g_assert_no_error (error);
      file = dump_database (fixture->project);
      model = dump_models (fixture->store);
      g_assert_cmpstr (file, ==, g_ptr_array_index (files, i - 1));
      g_assert_cmpstr (model, ==, g_ptr_array_index (models, i - 1));
    }
  g_assert_false (eb_undo_stack_can_undo (stack));
  assert_models_match_file (fixture->store);
  for (guint i = 1; i <= G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *file = NULL;

      g_assert_true (eb_undo_stack_redo (stack, &error));
      file = dump_database (fixture->project);
      g_assert_cmpstr (file, ==, g_ptr_array_index (files, i));
    }
  assert_models_match_file (fixture->store);
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM audit"), ==,
                   n_audit + 2 * G_N_ELEMENTS (actions));
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM audit WHERE action LIKE "
                               "'undo: %' AND user = 'Ada'"), ==, G_N_ELEMENTS (actions));
}

static void
test_audit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_true (eb_coding_store_create_theme (fixture->store, 0, "Safe space", "#e7298a", NULL,
                                               EB_THEME_LEVEL_SELECTIVE, TRUE, NULL, &error));
  eb_coding_store_set_coder (fixture->store, "Grace Hopper");
  tag_quote (fixture->store, 1, 5);
  g_assert_true (eb_undo_stack_undo (eb_coding_store_get_undo_stack (fixture->store), &error));
  g_assert_true (eb_undo_stack_redo (eb_coding_store_get_undo_stack (fixture->store), &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (eb_project_get_database (fixture->project),
                                       "SELECT user, action, target, detail, time FROM audit "
                                       "WHERE action != 'store-survey' ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (log, "%s | %s | %s | %s\n", sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                              sqlite3_column_type (stmt, 3) == SQLITE_NULL
                              ? "-" : (const char *) sqlite3_column_text (stmt, 3));
      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT", (const char *)
                                           sqlite3_column_text (stmt, 4), 0, 0));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpstr (log->str, ==,
                   "Ada | create theme | Safe space | -\n"
                   "Grace Hopper | tag | Safe space | respondent R06, “Face-to-face sessions”, "
                   "whole answer\n"
                   "Grace Hopper | undo: tag | Safe space | respondent R06, “Face-to-face "
                   "sessions”, whole answer\n"
                   "Grace Hopper | redo: tag | Safe space | respondent R06, “Face-to-face "
                   "sessions”, whole answer\n");

  /* The coder defaults to the user's name. */
  eb_coding_store_set_coder (fixture->store, NULL);
  g_assert_cmpstr (eb_coding_store_get_coder (fixture->store), !=, "");
  g_assert_cmpstr (eb_coding_store_get_coder (fixture->store), !=, "Grace Hopper");
}

static void
test_persistence (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *models = NULL;
  g_autofree char *file_again = NULL;
  g_autofree char *models_again = NULL;

  populate (fixture);
  do_create (fixture);
  do_describe (fixture);
  do_recolour (fixture);
  do_level (fixture);
  do_reorder (fixture);
  do_tag_span (fixture);
  do_tag_emoji (fixture);
  do_add_memo (fixture);
  eb_coding_store_set_coder (fixture->store, "Grace");
  tag_quote (fixture->store, fixture->themes[SAFE], 4);
  file = dump_database (fixture->project);
  models = dump_models (fixture->store);

  fixture_reopen (fixture);
  file_again = dump_database (fixture->project);
  models_again = dump_models (fixture->store);
  g_assert_cmpstr (file_again, ==, file);
  g_assert_cmpstr (models_again, ==, models);
  /* A new session starts without history. */
  g_assert_false (eb_undo_stack_can_undo (eb_coding_store_get_undo_stack (fixture->store)));
  g_assert_true (eb_project_check_integrity (fixture->project, &error));
  g_assert_no_error (error);
}

/* A tag reported as done survives the process being killed at once. */
static void
test_crash (void)
{
  const char *path = g_getenv ("EB_CODING_CRASH_PROJECT");

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EbProject) project = eb_project_open (path, &error);
      g_autoptr(EbSurvey) survey = NULL;
      g_autoptr(EbCodingStore) store = NULL;
      gint64 id = 0;

      g_assert_no_error (error);
      survey = eb_project_load_survey (project, &error);
      store = eb_coding_store_new (project, survey, NULL, &error);
      g_assert_no_error (error);
      eb_coding_store_set_coder (store, "Ada");
      id = add_theme (store, 0, "Safe space");
      g_assert_true (eb_coding_store_tag (store, id, 5, COL_F2F, 0, -1, &id, &error));
      g_assert_no_error (error);
      g_print ("tagged %" G_GINT64_FORMAT "\n", id);
      fflush (stdout);
      /* No close, no checkpoint: as if the power went. */
      raise (SIGKILL);
      return;
    }

  {
    Fixture fixture = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *wal = NULL;

    fixture_set_up (&fixture, NULL);
    g_assert_finalize_object (fixture.store);
    fixture.store = NULL;
    g_clear_object (&fixture.survey);
    g_assert_finalize_object (fixture.project);
    fixture.project = NULL;

    g_setenv ("EB_CODING_CRASH_PROJECT", fixture.path, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed ();
    g_test_trap_assert_stdout ("tagged 1\n");
    /* The commit is in the write-ahead log the crash left behind. */
    wal = g_strconcat (fixture.path, "-wal", NULL);
    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

    fixture.project = eb_project_open (fixture.path, &error);
    g_assert_no_error (error);
    fixture.survey = eb_project_load_survey (fixture.project, &error);
    fixture.store = eb_coding_store_new (fixture.project, fixture.survey, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (eb_codebook_find_theme (eb_coding_store_get_codebook (fixture.store),
                                              "Safe space"));
    g_assert_nonnull (eb_coding_store_get_coding (fixture.store, 1));
    g_assert_true (eb_quote_is_coded (eb_quote_list_get_quote (eb_coding_store_get_quotes (fixture.store), 5)));
    g_assert_cmpint (count_rows (fixture.project, "SELECT count(*) FROM audit WHERE action = "
                                 "'tag'"), ==, 1);
    fixture_tear_down (&fixture, NULL);
  }
}

/* ---- A new version of the survey ---- */

static void
test_reimport (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  const char *row1[] = { "R01", "1CN", "Female", "", "Café – we’re sharing", "Changed" };
  const char *row2[] = { "R02", "1CN", "Male", "", "Lots of ideas to take back", "" };
  const char *row3[] = { "R03", "1CN", "Female", "", "More confident now", "" };
  const char *row4[] = { "R04", "1CN", "Female", "", "Discussed problems, felt confident", "" };
  gint64 ids[3];
  EbCoding *coding;

  populate (fixture);
  /* A span near the end of row 0's long answer. */
  g_assert_true (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 0, COL_F2F, 27, 34,
                                      NULL, &error));
  g_assert_no_error (error);
  fixture_reopen (fixture);
  survey = eb_project_load_survey (fixture->project, &error);
  g_assert_true (eb_survey_find_column (survey, "Peer support") == COL_PEER);

  /* The new export: four rows, row 0's answers changed, the peer answer
   * of row 2 gone. */
  g_clear_object (&survey);
  survey = make_fixture_survey ();
  {
    EbSurvey *smaller = eb_survey_new ();

    for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
      {
        eb_survey_add_column (smaller, eb_survey_get_column_name (survey, c));
        eb_survey_set_column_role (smaller, c, eb_survey_get_column_role (survey, c));
      }
    eb_survey_set_column_role (smaller, COL_CONFIDENCE, EB_COLUMN_ROLE_IGNORED);
    eb_survey_append_row (smaller, row1, 6);
    eb_survey_append_row (smaller, row2, 6);
    eb_survey_append_row (smaller, row3, 6);
    eb_survey_append_row (smaller, row4, 6);
    g_set_object (&survey, smaller);
    g_object_unref (smaller);
  }
  g_assert_true (eb_project_store_survey (fixture->project, survey, &error));
  g_assert_no_error (error);
  fixture_reopen (fixture);

  /* Nothing was deleted; the store reports what no longer fits. */
  g_assert_cmpuint (eb_coding_store_get_n_codings (fixture->store), ==, 16);
  problems = eb_coding_store_find_invalid_codings (fixture->store);
  for (guint i = 0; i < problems->len; i++)
    {
      EbCodingProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (log, "%d: %s\n", problem->kind, problem->message);
    }
  g_assert_cmpstr (log->str, ==,
                   "4: Coding 1 (“Sharing ideas”, by Ada) was made on a different answer of "
                   "respondent R01, “Face-to-face sessions” than the survey holds now\n"
                   "4: Coding 2 (“Common problems”, by Ada) was made on a different answer of "
                   "respondent R01, “Face-to-face sessions” than the survey holds now\n"
                   "0: Coding 7 (“Safe space”, by Ada) refers to row 6 of “Face-to-face "
                   "sessions”, but the survey has 4 rows\n"
                   "0: Coding 8 (“Common problems”, by Ada) refers to row 7 of “Face-to-face "
                   "sessions”, but the survey has 4 rows\n"
                   "0: Coding 9 (“Sharing ideas”, by Ada) refers to row 9 of “Face-to-face "
                   "sessions”, but the survey has 4 rows\n"
                   "0: Coding 10 (“Safe space”, by Ada) refers to row 9 of “Face-to-face "
                   "sessions”, but the survey has 4 rows\n"
                   "4: Coding 11 (“Confidence”, by Ada) was made on a different answer of "
                   "respondent R01, “Peer support” than the survey holds now\n"
                   "3: Coding 12 (“Sharing ideas”, by Ada) is on row 3 of “Peer support”, whose "
                   "answer is now empty\n"
                   "0: Coding 13 (“Confidence”, by Ada) refers to row 7 of “Peer support”, but "
                   "the survey has 4 rows\n"
                   "0: Coding 14 (“Safe space”, by Ada) refers to row 7 of “Peer support”, but "
                   "the survey has 4 rows\n"
                   "0: Coding 15 (“Common problems”, by Ada) refers to row 11 of “Peer support”, "
                   "but the survey has 4 rows\n"
                   "5: Coding 16 (“Safe space”, by Ada) covers characters 27 to 34, beyond the end "
                   "of the answer of respondent R01, “Face-to-face sessions” (20 characters)\n");
  /* The changed answers that still fit keep their codings on the quote;
   * the others are on no quote. */
  g_assert_cmpuint (eb_quote_get_n_codings (eb_quote_list_get_quote (eb_coding_store_get_quotes (fixture->store), 0)),
                    ==, 2);
  coding = eb_coding_store_get_coding (fixture->store, 16);
  g_assert_nonnull (coding);

  /* The user removes them in one undoable step. */
  for (guint i = 0; i < 3; i++)
    {
      EbCodingProblem *problem = g_ptr_array_index (problems, i + 2);

      ids[i] = eb_coding_get_id (problem->coding);
    }
  g_assert_true (eb_coding_store_untag_many (fixture->store, ids, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (eb_coding_store_get_n_codings (fixture->store), ==, 13);
  g_assert_cmpstr (eb_undo_stack_get_undo_label (eb_coding_store_get_undo_stack (fixture->store)),
                   ==, "Undo Untag 3 Codings");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = eb_coding_store_find_invalid_codings (fixture->store);
  g_assert_cmpuint (problems->len, ==, 9);
}

/* A project of format 1 gets the new columns, and keeps its codings. */
static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *models = NULL;
  g_autofree char *models_again = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  populate (fixture);
  do_add_memo (fixture);
  exec_sql (fixture->project,
            "ALTER TABLE codings DROP COLUMN answer_hash;"
            "ALTER TABLE memos DROP COLUMN target_column;"
            "ALTER TABLE memos DROP COLUMN modified;"
            "ALTER TABLE diagram_nodes DROP COLUMN bullets;"
            "ALTER TABLE diagram_nodes DROP COLUMN shape;"
            "ALTER TABLE diagram_edges DROP COLUMN route;"
            "UPDATE memos SET target_kind = 'row';"
            "PRAGMA user_version = 1;");
  fixture_reopen (fixture);
  g_assert_cmpint (count_rows (fixture->project, "PRAGMA user_version"), ==,
                   EB_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM codings WHERE "
                               "answer_hash IS NULL"), ==, 15);
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM memos WHERE "
                               "target_column IS NULL AND modified IS NULL"), ==, 1);
  /* Codings without a hash are not suspected of anything. */
  problems = eb_coding_store_find_invalid_codings (fixture->store);
  g_assert_cmpuint (problems->len, ==, 0);
  models = dump_models (fixture->store);
  tag_quote (fixture->store, fixture->themes[SAFE], 4);
  g_assert_cmpint (count_rows (fixture->project, "SELECT count(*) FROM codings WHERE "
                               "answer_hash IS NOT NULL"), ==, 1);
  fixture_reopen (fixture);
  models_again = dump_models (fixture->store);
  g_assert_cmpstr (models_again, !=, models);
}

/* An undo stack shared with other editors may outlive the store. */
static void
test_shared_stack (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EbUndoStack) stack = eb_undo_stack_new ();
  g_autoptr(GError) error = NULL;
  EbCodingStore *store;

  store = eb_coding_store_new (fixture->project, fixture->survey, stack, &error);
  g_assert_no_error (error);
  g_assert_true (eb_coding_store_get_undo_stack (store) == stack);
  add_theme (store, 0, "Confidence");
  g_assert_cmpstr (eb_undo_stack_get_undo_label (stack), ==, "Undo Create Theme “Confidence”");
  g_assert_finalize_object (store);
  g_assert_false (eb_undo_stack_undo (stack, &error));
  g_assert_error (error, EB_CODING_ERROR, EB_CODING_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_true (eb_undo_stack_can_undo (stack));
}

/* A failure to write changes nothing, in the file or in memory. */
static void
test_write_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *models = NULL;
  g_autofree char *file_after = NULL;
  g_autofree char *models_after = NULL;

  populate (fixture);
  file = dump_database (fixture->project);
  models = dump_models (fixture->store);
  exec_sql (fixture->project,
            "CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN "
            "SELECT RAISE (ABORT, 'disk full'); END");
  g_assert_false (eb_coding_store_tag (fixture->store, fixture->themes[SAFE], 4, COL_F2F, 0, -1,
                                       NULL, &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE);
  g_assert_cmpstr (error->message, ==, "Could not save the change to “coding.evalbench”: "
                   "disk full");
  g_clear_error (&error);
  g_assert_false (eb_coding_store_delete_theme (fixture->store, fixture->themes[DISCUSS],
                                                &error));
  g_clear_error (&error);
  file_after = dump_database (fixture->project);
  models_after = dump_models (fixture->store);
  g_assert_cmpstr (file_after, ==, file);
  g_assert_cmpstr (models_after, ==, models);
  g_assert_false (eb_undo_stack_can_undo (eb_coding_store_get_undo_stack (fixture->store)));

  /* Nor does a failed undo. */
  exec_sql (fixture->project, "DROP TRIGGER refuse");
  tag_quote (fixture->store, fixture->themes[SAFE], 4);
  exec_sql (fixture->project,
            "CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN "
            "SELECT RAISE (ABORT, 'disk full'); END");
  g_assert_false (eb_undo_stack_undo (eb_coding_store_get_undo_stack (fixture->store), &error));
  g_assert_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_true (eb_quote_is_coded (quote_of (fixture, 4)));
  g_assert_true (eb_undo_stack_can_undo (eb_coding_store_get_undo_stack (fixture->store)));
  exec_sql (fixture->project, "DROP TRIGGER refuse");
  g_assert_true (eb_undo_stack_undo (eb_coding_store_get_undo_stack (fixture->store), &error));
  g_assert_false (eb_quote_is_coded (quote_of (fixture, 4)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/coding/undo-stack", test_undo_stack);
  g_test_add_func ("/coding/offsets", test_offsets);
  ADD ("/coding/quotes/list", test_quote_list);
  g_test_add_func ("/coding/quotes/respondent-fallback", test_quote_respondent_fallback);
  ADD ("/coding/theme/create", test_theme_create);
  ADD ("/coding/theme/properties", test_theme_properties);
  ADD ("/coding/theme/move", test_theme_move);
  ADD ("/coding/theme/merge", test_theme_merge);
  ADD ("/coding/theme/delete", test_theme_delete);
  ADD ("/coding/tag/one", test_tag);
  ADD ("/coding/tag/many", test_tag_many);
  ADD ("/coding/memos", test_memos);
  ADD ("/coding/history", test_history);
  ADD ("/coding/audit", test_audit);
  ADD ("/coding/persistence", test_persistence);
  g_test_add_func ("/coding/crash", test_crash);
  ADD ("/coding/reimport", test_reimport);
  ADD ("/coding/migration", test_migration);
  ADD ("/coding/shared-stack", test_shared_stack);
  ADD ("/coding/write-failure", test_write_failure);

  return g_test_run ();
}
