/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-quotes-view"

#include "gui-test-util.h"
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "coding-analysis.h"
#include "eb-quote-row.h"
#include "example-codebook.h"
#include "eb-quotes-view.h"
#include "eb-survey-row-model.h"
#include "eb-theme-chips.h"
#include "eb-theme-table-dialog.h"
#include "survey-import.h"

#define COL_ID          0
#define COL_PROGRAMME   1
#define COL_GENDER      2
#define COL_CONFIDENCE  3
#define COL_HELPED      4
#define COL_PEERS       5

/* The themes the fixture codebook has, in codebook order: their number
 * keys are 1 to 5. */
enum {
  DISCUSS,      /* "Discuss and share" */
  IDEAS,        /* "Sharing ideas", under DISCUSS */
  PROBLEMS,     /* "Common problems", under DISCUSS */
  CONFIDENCE,   /* "Increased confidence" */
  SAFE,         /* "A safe space" */
  N_THEMES
};

typedef struct
{
  char          *dir;
  char          *path;
  EbProject     *project;
  EbSurvey      *survey;
  EbCodingStore *store;
  GtkWidget     *window;
  EbQuotesView  *view;
  gint64         themes[N_THEMES];
} Fixture;

/* ---- Helpers ---- */

/* The sidebar has a rename entry open (for a row bound just now). */
static gboolean
is_renaming (gpointer sidebar)
{
  return eb_theme_sidebar_get_renaming (sidebar) != 0;
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static EbSurvey *
make_survey (void)
{
  static const char * const development[] = {
    "Realise I need to develop much more", "No change", "Developed somewhat", "Strongly developed",
  };
  static const gboolean non_substantive[] = { FALSE, FALSE, FALSE, FALSE };
  static const char *rows[12][6] = {
    { "101", "1CN",  "Female", "Strongly developed", "Sharing ideas with other TAs", "Bouncing ideas off each other" },
    { "102", "1CN",  "Male",   "Developed somewhat", "Lots of IDEAS to take back", "" },
    { "103", "1CN",  "Female", "Strongly developed", "More confident now", "Ideas for a résumé of lessons" },
    { "104", "1CN",  "Female", "No change",          "Discussed problems, felt confident", "" },
    { "105", "1CN",  "",       "Developed somewhat", "Good sessions", "Nice people" },
    { "106", "1CN2", "Female", "Realise I need to develop much more", "Safe to try games", "" },
    { "107", "1CN2", "Female", "Strongly developed", "Problems solved together", "Confident and could practise" },
    { "108", "1CN2", "Male",   "",                   "Useful", "" },
    { "109", "1CN2", "Female", "Developed somewhat", "Swapped ideas and tried them out", "Great" },
    { "110", "1CN2", "Female", "No change",          "Fine", "" },
    { "111", "1CN2", "Female", "Strongly developed", "", "We solved problems together" },
    { "112", "",     "Female", "Strongly developed", "   ", "" },
  };
  static const char *names[] = {
    "Participant", "Programme", "Gender", "Increase my confidence", "What helped most?",
    "Peer support",
  };
  static const EbColumnRole roles[] = {
    EB_COLUMN_ROLE_ID, EB_COLUMN_ROLE_ATTRIBUTE, EB_COLUMN_ROLE_ATTRIBUTE,
    EB_COLUMN_ROLE_LIKERT, EB_COLUMN_ROLE_TEXT, EB_COLUMN_ROLE_TEXT,
  };
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(EbScale) scale = eb_scale_new (development, non_substantive, G_N_ELEMENTS (development));

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      eb_survey_add_column (survey, names[c]);
      eb_survey_set_column_role (survey, c, roles[c]);
    }
  eb_survey_set_column_scale (survey, COL_CONFIDENCE, scale);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    eb_survey_append_row (survey, rows[r], G_N_ELEMENTS (rows[r]));
  return survey;
}

static gint64
add_theme (EbCodingStore *store,
           gint64         parent_id,
           const char    *name,
           const char    *color)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (eb_coding_store_create_theme (store, parent_id, name, color, NULL,
                                               EB_THEME_LEVEL_NONE, TRUE, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
tag_whole (EbCodingStore *store,
           gint64         theme_id,
           guint          index)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_coding_store_tag_quotes (store, theme_id, &index, 1, NULL, &error));
  g_assert_no_error (error);
}

/* A project in a temporary folder with SURVEY, its store (coder "Ada"),
 * and the view showing it in a window. */
static void
open_project (Fixture  *fixture,
              EbSurvey *survey)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("evalbench-quotes-view-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "quotes.evalbench", NULL);
  fixture->project = eb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->survey = survey;
  g_assert_true (eb_project_store_survey (fixture->project, survey, &error));
  g_assert_no_error (error);
  fixture->store = eb_coding_store_new (fixture->project, survey, NULL, &error);
  g_assert_no_error (error);
  eb_coding_store_set_coder (fixture->store, "Ada");
}

static void
show_view (Fixture *fixture)
{
  fixture->window = gtk_window_new ();
  g_object_ref (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  fixture->view = EB_QUOTES_VIEW (eb_quotes_view_new ());
  g_object_ref (fixture->view);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (is_mapped, fixture->view);
  eb_quotes_view_set_store (fixture->view, fixture->store);
  wait_for_frames (GTK_WIDGET (fixture->view));
}

/* The codebook, and whole-answer codings by quote index:
 *   0: Sharing ideas   1: Sharing ideas   2: Confidence   3: Common problems, Confidence
 *   5: Safe space      6: Common problems  8: Sharing ideas   10: Sharing ideas   14: Common problems
 * The undo stack starts empty. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct { guint quote; guint theme; } codings[] = {
    { 0, IDEAS }, { 1, IDEAS }, { 2, CONFIDENCE }, { 3, PROBLEMS }, { 3, CONFIDENCE },
    { 5, SAFE }, { 6, PROBLEMS }, { 8, IDEAS }, { 10, IDEAS }, { 14, PROBLEMS },
  };
  EbCodingStore *store;

  open_project (fixture, make_survey ());
  store = fixture->store;
  fixture->themes[DISCUSS] = add_theme (store, 0, "Discuss and share", "#d95f02");
  fixture->themes[IDEAS] = add_theme (store, fixture->themes[DISCUSS], "Sharing ideas", "#a6761d");
  fixture->themes[PROBLEMS] = add_theme (store, fixture->themes[DISCUSS], "Common problems", "#e6ab02");
  fixture->themes[CONFIDENCE] = add_theme (store, 0, "Increased confidence", "#7570b3");
  fixture->themes[SAFE] = add_theme (store, 0, "A safe space", "#e7298a");
  for (guint i = 0; i < G_N_ELEMENTS (codings); i++)
    tag_whole (store, fixture->themes[codings[i].theme], codings[i].quote);
  eb_undo_stack_clear (eb_coding_store_get_undo_stack (store));
  show_view (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *lock = NULL;
  g_autofree char *base = NULL;

  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      iterate_pending ();
      /* The window lets go of its child when it goes itself. */
      g_assert_finalize_object (fixture->window);
      g_assert_finalize_object (fixture->view);
    }
  g_assert_finalize_object (fixture->store);
  g_clear_object (&fixture->survey);
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

static EbQuoteListView *
get_list (Fixture *fixture)
{
  return eb_quotes_view_get_quote_list (fixture->view);
}

static guint
n_visible (Fixture *fixture)
{
  return g_list_model_get_n_items (eb_quote_list_view_get_quotes (get_list (fixture)));
}

static EbQuote *
get_quote (Fixture *fixture,
           guint    index)
{
  return eb_quote_list_get_quote (eb_coding_store_get_quotes (fixture->store), index);
}

static EbQuoteRow *
find_row (GtkWidget *widget,
          guint      index)
{
  if (EB_IS_QUOTE_ROW (widget))
    {
      EbQuote *quote = eb_quote_row_get_quote (EB_QUOTE_ROW (widget));

      return quote != NULL && eb_quote_get_index (quote) == index ? EB_QUOTE_ROW (widget) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      EbQuoteRow *row = find_row (child, index);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* The chips shown on the row of quote INDEX, as "name, name". */
static char *
dup_row_chips (Fixture *fixture,
               guint    index)
{
  EbQuoteRow *row;
  EbThemeChips *chips;
  g_autoptr(GString) names = g_string_new (NULL);

  wait_for_frames (GTK_WIDGET (fixture->view));
  row = find_row (GTK_WIDGET (eb_quote_list_view_get_list_view (get_list (fixture))), index);
  g_assert_nonnull (row);
  chips = eb_quote_row_get_chips (row);
  for (guint i = 0; i < eb_theme_chips_get_n_chips (chips); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", eb_theme_chips_get_chip_name (chips, i));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
quote_has_theme (Fixture *fixture,
                 guint    index,
                 gint64   theme_id)
{
  return eb_quote_has_theme (get_quote (fixture, index), theme_id, FALSE);
}

static void
select_positions (Fixture *fixture,
                  guint    first,
                  guint    n)
{
  GtkSelectionModel *selection = eb_quote_list_view_get_selection (get_list (fixture));

  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_range (selection, first, n, TRUE);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), action, NULL));
  iterate_pending ();
}

/* How many quotes contain NEEDLE, found without the view's index. */
static guint
count_containing (Fixture    *fixture,
                  const char *needle)
{
  EbQuoteList *quotes = eb_coding_store_get_quotes (fixture->store);
  g_autofree char *folded_needle = g_utf8_casefold (needle, -1);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (quotes)); i++)
    {
      g_autofree char *folded = g_utf8_casefold (eb_quote_get_text (eb_quote_list_get_quote (quotes, i)), -1);

      if (strstr (folded, folded_needle) != NULL)
        n++;
    }
  return n;
}

/* ---- Tests ---- */

static void
test_empty (void)
{
  EbQuotesView *view = EB_QUOTES_VIEW (g_object_ref_sink (eb_quotes_view_new ()));

  g_assert_null (eb_quotes_view_get_store (view));
  g_assert_null (eb_quotes_view_get_current_quote (view));
  g_assert_cmpuint (eb_quote_list_view_get_n_visible (eb_quotes_view_get_quote_list (view)), ==, 0);
  g_assert_null (eb_quote_list_view_get_filter (eb_quotes_view_get_quote_list (view)));
  g_assert_cmpint (eb_theme_sidebar_get_key_theme (eb_quotes_view_get_sidebar (view), 1), ==, 0);
  /* Nothing to act on: the actions are off, and do nothing. */
  gtk_widget_activate_action (GTK_WIDGET (view), "quotes.tag-1", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "quotes.undo", NULL);
  g_assert_null (eb_quotes_view_get_current_quote (view));
  g_assert_finalize_object (view);
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  EbThemeSidebar *sidebar = eb_quotes_view_get_sidebar (fixture->view);

  /* 10 answers to the first question (row 11's is blank), 6 to the second. */
  g_assert_cmpuint (n_visible (fixture), ==, 16);
  g_assert_cmpuint (eb_quote_list_view_get_n_visible (get_list (fixture)), ==, 16);
  for (guint key = 1; key <= N_THEMES; key++)
    g_assert_cmpint (eb_theme_sidebar_get_key_theme (sidebar, key), ==, fixture->themes[key - 1]);
  g_assert_cmpint (eb_theme_sidebar_get_key_theme (sidebar, 6), ==, 0);
  /* The tree shows every theme, sub-themes expanded. */
  g_assert_cmpuint (g_list_model_get_n_items (eb_theme_sidebar_get_rows (sidebar)), ==, N_THEMES);

  /* Quote 3 has two themes: two chips; a respondent is named by the id
   * column, as the paper does. */
  {
    g_autofree char *chips = dup_row_chips (fixture, 3);
    g_autofree char *name = eb_quote_row_dup_respondent_name (get_quote (fixture, 3), COL_ID);

    g_assert_cmpstr (chips, ==, "Common problems, Increased confidence");
    g_assert_cmpstr (name, ==, "Participant 104");
  }
}

static void
test_tag_key (Fixture       *fixture,
              gconstpointer  data)
{
  EbUndoStack *stack = eb_coding_store_get_undo_stack (fixture->store);
  gint64 discuss = fixture->themes[DISCUSS];
  g_autofree char *chips = NULL;

  /* The first quote, tagged with the theme of key 1 ("Discuss and
   * share"): stored, and shown as a chip. */
  select_positions (fixture, 0, 1);
  iterate_pending ();
  g_assert_true (eb_quotes_view_get_current_quote (fixture->view) == get_quote (fixture, 0));
  g_assert_false (quote_has_theme (fixture, 0, discuss));
  activate (fixture, "quotes.tag-1");
  g_assert_true (quote_has_theme (fixture, 0, discuss));
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 1);
  chips = dup_row_chips (fixture, 0);
  g_assert_cmpstr (chips, ==, "Sharing ideas, Discuss and share");
  g_clear_pointer (&chips, g_free);
  /* Its themes are marked in the sidebar, with their ancestors. */
  g_assert_true (eb_theme_sidebar_is_highlighted (eb_quotes_view_get_sidebar (fixture->view), discuss));
  g_assert_false (eb_theme_sidebar_is_highlighted (eb_quotes_view_get_sidebar (fixture->view),
                                                   fixture->themes[SAFE]));

  /* Undo takes it away, in the store and on the row; redo puts it back. */
  activate (fixture, "quotes.undo");
  g_assert_false (quote_has_theme (fixture, 0, discuss));
  chips = dup_row_chips (fixture, 0);
  g_assert_cmpstr (chips, ==, "Sharing ideas");
  g_clear_pointer (&chips, g_free);
  activate (fixture, "quotes.redo");
  g_assert_true (quote_has_theme (fixture, 0, discuss));

  /* The same key again toggles it off. */
  activate (fixture, "quotes.tag-1");
  g_assert_false (quote_has_theme (fixture, 0, discuss));

  /* Several quotes at once: one step. The selection stays. */
  select_positions (fixture, 4, 3);
  activate (fixture, "quotes.tag-5");
  for (guint i = 4; i < 7; i++)
    g_assert_true (quote_has_theme (fixture, i, fixture->themes[SAFE]));
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 3);
  {
    g_autoptr(GArray) selected = eb_quote_list_view_dup_selected_indices (get_list (fixture));

    g_assert_cmpuint (selected->len, ==, 3);
  }
  activate (fixture, "quotes.undo");
  for (guint i = 4; i < 7; i++)
    g_assert_cmpint (quote_has_theme (fixture, i, fixture->themes[SAFE]), ==, i == 5);

  /* A key without a theme changes nothing. */
  activate (fixture, "quotes.tag-9");
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 2);
}

static void
test_uncoded_keeps_place (Fixture       *fixture,
                          gconstpointer  data)
{
  EbQuoteFilter *filter = eb_quote_list_view_get_filter (get_list (fixture));
  g_autoptr(EbQuote) first = NULL;
  g_autoptr(EbQuote) second = NULL;

  /* Coding through the uncoded quotes: each leaves the list, and the next
   * is selected in its place. */
  eb_quote_filter_set_uncoded_only (filter, TRUE);
  g_assert_cmpuint (n_visible (fixture), ==, 7);
  first = g_list_model_get_item (eb_quote_list_view_get_quotes (get_list (fixture)), 0);
  second = g_list_model_get_item (eb_quote_list_view_get_quotes (get_list (fixture)), 1);
  select_positions (fixture, 0, 1);
  activate (fixture, "quotes.tag-4");
  g_assert_true (eb_quote_has_theme (first, fixture->themes[CONFIDENCE], FALSE));
  g_assert_cmpuint (n_visible (fixture), ==, 6);
  g_assert_true (eb_quotes_view_get_current_quote (fixture->view) == second);
}

static void
test_theme_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  EbThemeSidebar *sidebar = eb_quotes_view_get_sidebar (fixture->view);
  EbQuoteFilter *filter = eb_quote_list_view_get_filter (get_list (fixture));
  g_autoptr(EbThemeCounts) counts = eb_theme_counts_new (fixture->store, NULL, 0);
  g_auto(GStrv) chips = NULL;

  /* Selecting a theme in the sidebar filters the quotes to it and its
   * sub-themes: as many as the counts say. */
  for (guint t = 0; t < N_THEMES; t++)
    {
      eb_theme_sidebar_set_selected_theme (sidebar, fixture->themes[t]);
      iterate_pending ();
      g_assert_cmpint (eb_quote_filter_get_focus_theme (filter), ==, fixture->themes[t]);
      g_assert_cmpuint (n_visible (fixture), ==, eb_theme_counts_get_n_quotes (counts, fixture->themes[t]));
    }
  eb_theme_sidebar_set_selected_theme (sidebar, fixture->themes[DISCUSS]);
  g_assert_cmpuint (n_visible (fixture), ==, 7);
  chips = eb_quote_list_view_dup_chip_labels (get_list (fixture));
  g_assert_cmpuint (g_strv_length (chips), ==, 1);
  g_assert_cmpstr (chips[0], ==, "Theme: Discuss and share");

  /* Tagging a shown quote with a theme outside the filter keeps it. */
  select_positions (fixture, 0, 1);
  activate (fixture, "quotes.tag-5");
  g_assert_cmpuint (n_visible (fixture), ==, 7);

  /* Removing the chip clears the sidebar's selection too. */
  eb_quote_filter_set_focus_theme (filter, 0);
  iterate_pending ();
  g_assert_cmpint (eb_theme_sidebar_get_selected_theme (sidebar), ==, 0);
  g_assert_cmpuint (n_visible (fixture), ==, 16);

  /* The sidebar's counts follow the other filters: with the search
   * "ideas", "Discuss and share" counts 4 quotes from 3 respondents. */
  eb_quote_list_view_set_search (get_list (fixture), "ideas");
  eb_quotes_view_update_counts (fixture->view);
  wait_for_frames (GTK_WIDGET (fixture->view));
  g_assert_cmpuint (eb_theme_counts_get_total_quotes (eb_quotes_view_get_counts (fixture->view)), ==,
                    n_visible (fixture));
  g_assert_cmpstr (eb_theme_sidebar_get_row_counts_text (sidebar, fixture->themes[DISCUSS]), ==, "4 · 3");
  eb_theme_sidebar_set_selected_theme (sidebar, fixture->themes[IDEAS]);
  g_assert_cmpuint (n_visible (fixture), ==,
                    eb_theme_counts_get_n_quotes (eb_quotes_view_get_counts (fixture->view), fixture->themes[IDEAS]));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  EbQuoteListView *list = get_list (fixture);
  const char *steps[] = { "i", "id", "ide", "idea", "ideas", "ideas ", "idea", "", "RÉSUMÉ", "solved",
                          "problems", "zzz", "" };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (steps[i]));

      eb_quote_list_view_set_search (list, steps[i]);
      g_assert_cmpstr (eb_quote_list_view_get_search (list), ==, steps[i]);
      g_assert_cmpuint (n_visible (fixture), ==, count_containing (fixture, trimmed));
    }
  eb_quote_list_view_set_search (list, "ideas");
  g_assert_cmpuint (n_visible (fixture), ==, 5);
  /* Case and accents' forms do not matter. */
  eb_quote_list_view_set_search (list, "résumé");
  g_assert_cmpuint (n_visible (fixture), ==, 1);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  EbQuoteFilter *filter = eb_quote_list_view_get_filter (get_list (fixture));
  gint64 both[] = { fixture->themes[PROBLEMS], fixture->themes[CONFIDENCE] };
  g_auto(GStrv) coders = NULL;
  g_auto(GStrv) chips = NULL;

  eb_quote_filter_set_column (filter, COL_PEERS);
  g_assert_cmpuint (n_visible (fixture), ==, 6);
  eb_quote_filter_set_attribute (filter, COL_PROGRAMME, "1CN2");
  /* Rows 6, 8, 10 answered the second question. */
  g_assert_cmpuint (n_visible (fixture), ==, 3);
  chips = eb_quote_list_view_dup_chip_labels (get_list (fixture));
  g_assert_cmpuint (g_strv_length (chips), ==, 2);
  g_assert_cmpstr (chips[0], ==, "Question: Peer support");
  g_assert_cmpstr (chips[1], ==, "Programme = 1CN2");
  eb_quote_filter_set_column (filter, -1);
  g_assert_cmpuint (n_visible (fixture), ==, 8);
  /* Blank and padded values: "" is the respondents who gave none. */
  eb_quote_filter_set_attribute (filter, COL_PROGRAMME, NULL);
  eb_quote_filter_set_attribute (filter, COL_GENDER, "");
  g_assert_cmpuint (n_visible (fixture), ==, 2);
  eb_quote_filter_set_attribute (filter, COL_GENDER, " Male ");
  g_assert_cmpuint (n_visible (fixture), ==, 2);
  eb_quote_filter_set_attribute (filter, COL_GENDER, NULL);
  g_assert_cmpuint (n_visible (fixture), ==, 16);

  /* Themes: any, all, none (each with its sub-themes). */
  eb_quote_filter_set_themes (filter, both, 2, EB_THEME_MATCH_ANY);
  g_assert_cmpuint (n_visible (fixture), ==, 4);
  eb_quote_filter_set_themes (filter, both, 2, EB_THEME_MATCH_ALL);
  g_assert_cmpuint (n_visible (fixture), ==, 1);
  eb_quote_filter_set_themes (filter, both, 2, EB_THEME_MATCH_NONE);
  g_assert_cmpuint (n_visible (fixture), ==, 12);
  eb_quote_filter_set_themes (filter, &fixture->themes[DISCUSS], 1, EB_THEME_MATCH_ANY);
  g_assert_cmpuint (n_visible (fixture), ==, 7);
  eb_quote_filter_set_themes (filter, NULL, 0, EB_THEME_MATCH_ANY);

  eb_quote_filter_set_uncoded_only (filter, TRUE);
  g_assert_cmpuint (n_visible (fixture), ==, 16 - 9);
  eb_quote_filter_set_uncoded_only (filter, FALSE);

  /* A second coder's work. */
  eb_coding_store_set_coder (fixture->store, "Bea");
  tag_whole (fixture->store, fixture->themes[SAFE], 15);
  tag_whole (fixture->store, fixture->themes[SAFE], 0);
  coders = eb_quote_filter_dup_coders (filter);
  g_assert_cmpuint (g_strv_length (coders), ==, 2);
  g_assert_cmpstr (coders[0], ==, "Ada");
  g_assert_cmpstr (coders[1], ==, "Bea");
  eb_quote_filter_set_coder (filter, "Bea");
  g_assert_cmpuint (n_visible (fixture), ==, 2);

  /* Deleting a theme drops it from the conditions. */
  eb_quote_filter_set_coder (filter, NULL);
  eb_quote_filter_set_themes (filter, &fixture->themes[SAFE], 1, EB_THEME_MATCH_ANY);
  g_assert_cmpuint (n_visible (fixture), ==, 3);
  g_assert_true (eb_coding_store_delete_theme (fixture->store, fixture->themes[SAFE], NULL));
  g_assert_cmpuint (n_visible (fixture), ==, 16);
  g_assert_false (eb_quote_filter_has_conditions (filter));
  eb_quote_filter_clear (filter);
}

static void
test_respondent_filter (Fixture       *fixture,
                        gconstpointer  data)
{
  const guint rows[] = { 0, 2, 6 };
  const char *label = "Confidence = Strongly developed · 3 respondents";
  EbQuoteList *quotes = eb_coding_store_get_quotes (fixture->store);
  GListModel *shown = eb_quote_list_view_get_quotes (get_list (fixture));
  g_auto(GStrv) chips = NULL;
  guint expected = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (quotes)); i++)
    {
      guint row = eb_quote_get_row (eb_quote_list_get_quote (quotes, i));

      if (row == 0 || row == 2 || row == 6)
        expected++;
    }
  g_assert_cmpuint (expected, ==, 6);

  eb_quotes_view_set_respondent_filter (fixture->view, rows, G_N_ELEMENTS (rows), label);
  g_assert_cmpuint (n_visible (fixture), ==, expected);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(EbQuote) quote = g_list_model_get_item (shown, i);
      guint row = eb_quote_get_row (quote);

      g_assert_true (row == 0 || row == 2 || row == 6);
    }
  chips = eb_quote_list_view_dup_chip_labels (get_list (fixture));
  g_assert_cmpuint (g_strv_length (chips), ==, 1);
  g_assert_cmpstr (chips[0], ==, label);

  /* With a search on top: both hold. */
  eb_quote_list_view_set_search (get_list (fixture), "ideas");
  g_assert_cmpuint (n_visible (fixture), ==, 3);
  eb_quote_list_view_set_search (get_list (fixture), "");

  /* The counts are over those respondents' quotes. */
  eb_quotes_view_update_counts (fixture->view);
  g_assert_cmpuint (eb_theme_counts_get_total_respondents (eb_quotes_view_get_counts (fixture->view)), ==, 3);

  eb_quotes_view_clear_respondent_filter (fixture->view);
  g_clear_pointer (&chips, g_strfreev);
  chips = eb_quote_list_view_dup_chip_labels (get_list (fixture));
  g_assert_cmpuint (g_strv_length (chips), ==, 0);
  g_assert_cmpuint (n_visible (fixture), ==, 16);
}

static void
test_tag_popover (Fixture       *fixture,
                  gconstpointer  data)
{
  EbTagPopover *popover = eb_quotes_view_get_tag_popover (fixture->view);
  EbCodebook *codebook = eb_coding_store_get_codebook (fixture->store);
  GListModel *matches = eb_tag_popover_get_matches (popover);
  g_autoptr(EbTheme) best = NULL;
  EbTheme *created;

  g_assert_cmpint (eb_tag_popover_score ("conf", "Increased confidence"), >,
                   eb_tag_popover_score ("conf", "Common problems"));
  g_assert_cmpint (eb_tag_popover_score ("sis", "Sharing ideas"), >, 0);
  g_assert_cmpint (eb_tag_popover_score ("xyz", "Sharing ideas"), <, 0);

  select_positions (fixture, 9, 1);
  activate (fixture, "quotes.tag-with");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  /* Every codable theme before typing. */
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, N_THEMES);

  /* Fuzzy: the initials find the theme, best first. */
  eb_tag_popover_set_text (popover, "inc conf");
  g_assert_cmpuint (g_list_model_get_n_items (matches), >=, 1);
  best = g_list_model_get_item (matches, 0);
  g_assert_cmpint (eb_theme_get_id (best), ==, fixture->themes[CONFIDENCE]);
  eb_tag_popover_activate (popover);
  iterate_pending ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (quote_has_theme (fixture, 9, fixture->themes[CONFIDENCE]));

  /* A name no theme has: Enter creates it and tags with it. */
  activate (fixture, "quotes.tag-with");
  eb_tag_popover_set_text (popover, "Wobbly tables");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 0);
  eb_tag_popover_activate (popover);
  iterate_pending ();
  created = eb_codebook_find_theme (codebook, "Wobbly tables");
  g_assert_nonnull (created);
  g_assert_nonnull (eb_theme_get_color (created));
  g_assert_true (quote_has_theme (fixture, 9, eb_theme_get_id (created)));
  /* It is the sixth codable theme: key 6. */
  g_assert_cmpint (eb_theme_sidebar_get_key_theme (eb_quotes_view_get_sidebar (fixture->view), 6), ==,
                   eb_theme_get_id (created));

  /* Creating and tagging was one step: one undo removes both. */
  {
    EbUndoStack *undo = eb_coding_store_get_undo_stack (fixture->store);
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (eb_undo_stack_get_undo_label (undo), ==,
                     "Undo Tag with New Theme \u201cWobbly tables\u201d");
    g_assert_true (eb_undo_stack_undo (undo, &error));
    g_assert_no_error (error);
    iterate_pending ();
    g_assert_null (eb_codebook_find_theme (codebook, "Wobbly tables"));
    g_assert_true (quote_has_theme (fixture, 9, fixture->themes[CONFIDENCE]));
    g_assert_true (eb_undo_stack_redo (undo, &error));
    g_assert_no_error (error);
    iterate_pending ();
    created = eb_codebook_find_theme (codebook, "Wobbly tables");
    g_assert_nonnull (created);
    g_assert_true (quote_has_theme (fixture, 9, eb_theme_get_id (created)));
  }
}

static void
test_span (Fixture       *fixture,
           gconstpointer  data)
{
  EbRespondentPanel *panel = eb_quotes_view_get_respondent_panel (fixture->view);
  GtkLabel *label = eb_respondent_panel_get_text_label (panel);
  EbQuote *quote = get_quote (fixture, 0);
  EbCoding *coding;
  int start, end;

  /* "Sharing ideas with other TAs": select "ideas", press 3. */
  select_positions (fixture, 0, 1);
  iterate_pending ();
  g_assert_true (eb_respondent_panel_get_quote (panel) == quote);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Sharing ideas with other TAs");
  gtk_widget_grab_focus (GTK_WIDGET (label));
  gtk_label_select_region (label, 8, 13);
  g_assert_true (eb_respondent_panel_get_selected_span (panel, &start, &end));
  g_assert_cmpint (start, ==, 8);
  g_assert_cmpint (end, ==, 13);
  activate (fixture, "quotes.tag-3");
  g_assert_cmpuint (eb_quote_get_n_codings (quote), ==, 2);
  coding = eb_quote_get_coding (quote, 1);
  g_assert_cmpint (eb_coding_get_theme_id (coding), ==, fixture->themes[PROBLEMS]);
  g_assert_cmpint (eb_coding_get_start (coding), ==, 8);
  g_assert_cmpint (eb_coding_get_end (coding), ==, 13);
  /* The span shows as highlighted in the panel. */
  g_assert_nonnull (gtk_label_get_attributes (label));

  /* All of the answer selected is the whole answer. */
  gtk_label_select_region (label, 0, -1);
  g_assert_false (eb_respondent_panel_get_selected_span (panel, &start, &end));
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  EbThemeSidebar *sidebar = eb_quotes_view_get_sidebar (fixture->view);
  EbCodebook *codebook = eb_coding_store_get_codebook (fixture->store);
  GtkEditable *entry;
  gint64 id = fixture->themes[IDEAS];
  gint64 new_id;

  eb_theme_sidebar_start_rename (sidebar, id);
  /* The entry opens once the theme's row is bound: on a loaded machine,
   * not necessarily in the next frame. */
  wait_until (is_renaming, sidebar);
  g_assert_cmpint (eb_theme_sidebar_get_renaming (sidebar), ==, id);
  entry = eb_theme_sidebar_get_rename_entry (sidebar);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Sharing ideas");
  gtk_editable_set_text (entry, "Swapping ideas");
  g_signal_emit_by_name (entry, "activate");
  iterate_pending ();
  g_assert_cmpint (eb_theme_sidebar_get_renaming (sidebar), ==, 0);
  g_assert_cmpstr (eb_theme_get_name (eb_codebook_get_theme (codebook, id)), ==, "Swapping ideas");
  {
    g_autofree char *chips = dup_row_chips (fixture, 1);

    g_assert_cmpstr (chips, ==, "Swapping ideas");
  }

  /* A name another theme has is refused; the entry stays open. */
  eb_theme_sidebar_start_rename (sidebar, id);
  entry = eb_theme_sidebar_get_rename_entry (sidebar);
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, "a safe space");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (eb_theme_sidebar_get_renaming (sidebar), ==, id);
  g_assert_cmpstr (eb_theme_get_name (eb_codebook_get_theme (codebook, id)), ==, "Swapping ideas");
  eb_theme_sidebar_stop_rename (sidebar, FALSE);
  g_assert_cmpint (eb_theme_sidebar_get_renaming (sidebar), ==, 0);

  /* A new sub-theme, named in place. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "theme.new-child", "x",
                                             fixture->themes[CONFIDENCE]));
  /* The entry opens once the new row is bound, which under load can take
   * more than one frame. */
  wait_until (is_renaming, sidebar);
  new_id = eb_theme_sidebar_get_renaming (sidebar);
  g_assert_cmpint (new_id, !=, 0);
  g_assert_cmpint (eb_theme_get_parent_id (eb_codebook_get_theme (codebook, new_id)), ==,
                   fixture->themes[CONFIDENCE]);
  entry = eb_theme_sidebar_get_rename_entry (sidebar);
  gtk_editable_set_text (entry, "Not alone");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (eb_theme_get_name (eb_codebook_get_theme (codebook, new_id)), ==, "Not alone");
  g_assert_cmpuint (g_list_model_get_n_items (eb_theme_sidebar_get_rows (sidebar)), ==, N_THEMES + 1);

  /* The filter entry keeps the matching themes and their ancestors. */
  eb_theme_sidebar_set_filter_text (sidebar, "alone");
  g_assert_cmpuint (g_list_model_get_n_items (eb_theme_sidebar_get_rows (sidebar)), ==, 2);
  eb_theme_sidebar_set_filter_text (sidebar, "");
  g_assert_cmpuint (g_list_model_get_n_items (eb_theme_sidebar_get_rows (sidebar)), ==, N_THEMES + 1);
}

static void
test_codebook_actions (Fixture       *fixture,
                       gconstpointer  data)
{
  EbThemeSidebar *sidebar = eb_quotes_view_get_sidebar (fixture->view);
  EbCodebook *codebook = eb_coding_store_get_codebook (fixture->store);
  EbUndoStack *stack = eb_coding_store_get_undo_stack (fixture->store);

  /* Nesting "A safe space" under "Discuss and share" (as a drop does):
   * the tree and the number keys follow, in codebook order. */
  g_assert_true (eb_coding_store_move_theme (fixture->store, fixture->themes[SAFE],
                                             fixture->themes[DISCUSS], G_MAXUINT, NULL));
  iterate_pending ();
  g_assert_cmpuint (g_list_model_get_n_items (eb_theme_sidebar_get_rows (sidebar)), ==, N_THEMES);
  g_assert_cmpint (eb_theme_sidebar_get_key_theme (sidebar, 4), ==, fixture->themes[SAFE]);
  g_assert_cmpint (eb_theme_sidebar_get_key_theme (sidebar, 5), ==, fixture->themes[CONFIDENCE]);
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (eb_theme_sidebar_get_rows (sidebar), 3);
    g_autoptr(GObject) theme = gtk_tree_list_row_get_item (row);

    g_assert_cmpint (eb_theme_get_id (EB_THEME (theme)), ==, fixture->themes[SAFE]);
    g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 1);
  }
  activate (fixture, "quotes.undo");
  g_assert_cmpint (eb_theme_sidebar_get_key_theme (sidebar, 4), ==, fixture->themes[CONFIDENCE]);

  /* Delete, then undo: all back, codings too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "theme.delete", "x",
                                             fixture->themes[SAFE]));
  iterate_pending ();
  g_assert_null (eb_codebook_get_theme (codebook, fixture->themes[SAFE]));
  g_assert_cmpuint (g_list_model_get_n_items (eb_theme_sidebar_get_rows (sidebar)), ==, N_THEMES - 1);
  g_assert_cmpint (eb_theme_sidebar_get_key_theme (sidebar, 5), ==, 0);
  activate (fixture, "quotes.undo");
  g_assert_nonnull (eb_codebook_get_theme (codebook, fixture->themes[SAFE]));
  g_assert_true (quote_has_theme (fixture, 5, fixture->themes[SAFE]));
  g_assert_cmpuint (g_list_model_get_n_items (eb_theme_sidebar_get_rows (sidebar)), ==, N_THEMES);

  /* Merge "Common problems" into "Sharing ideas". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "theme.merge", "(xx)",
                                             fixture->themes[PROBLEMS], fixture->themes[IDEAS]));
  iterate_pending ();
  g_assert_null (eb_codebook_get_theme (codebook, fixture->themes[PROBLEMS]));
  g_assert_true (quote_has_theme (fixture, 6, fixture->themes[IDEAS]));
  g_assert_cmpuint (eb_undo_stack_get_n_undo (stack), ==, 1);
  /* Editing the codebook leaves the quotes' filter as it was. */
  g_assert_cmpint (eb_theme_sidebar_get_selected_theme (sidebar), ==, 0);
  g_assert_cmpuint (n_visible (fixture), ==, 16);
}

static void
test_respondent_panel (Fixture       *fixture,
                       gconstpointer  data)
{
  EbRespondentPanel *panel = eb_quotes_view_get_respondent_panel (fixture->view);
  g_autoptr(GError) error = NULL;

  g_assert_null (eb_respondent_panel_get_quote (panel));
  /* Quote 11: respondent 101's answer to the second question. */
  g_assert_true (eb_quote_list_view_select_quote (get_list (fixture), 10));
  iterate_pending ();
  g_assert_true (eb_respondent_panel_get_quote (panel) == get_quote (fixture, 10));
  g_assert_cmpuint (eb_respondent_panel_get_n_memos (panel), ==, 0);
  g_assert_true (eb_respondent_panel_add_memo (panel, EB_MEMO_TARGET_RESPONDENT, "Works part-time", &error));
  g_assert_no_error (error);
  g_assert_true (eb_respondent_panel_add_memo (panel, EB_MEMO_TARGET_QUOTE, "Echoes the paper", &error));
  g_assert_no_error (error);
  iterate_pending ();
  g_assert_cmpuint (eb_respondent_panel_get_n_memos (panel), ==, 2);

  /* Another of the respondent's answers, from the panel. */
  g_signal_emit_by_name (panel, "quote-activated", 0u);
  iterate_pending ();
  g_assert_true (eb_quotes_view_get_current_quote (fixture->view) == get_quote (fixture, 0));
  /* The memos on the respondent and on both answers. */
  g_assert_cmpuint (eb_respondent_panel_get_n_memos (panel), ==, 2);
}

static void
test_theme_table (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EbThemeCrosstab) crosstab = eb_theme_crosstab_new (fixture->store, COL_PROGRAMME, NULL, 0);
  EbThemeTableDialog *dialog;
  guint row = 0;

  dialog = EB_THEME_TABLE_DIALOG (eb_theme_table_dialog_new (fixture->store, NULL, 0, fixture->themes[IDEAS]));
  g_object_ref_sink (dialog);
  g_assert_cmpint (eb_theme_table_dialog_get_attribute (dialog), ==, COL_PROGRAMME);
  while (eb_theme_crosstab_get_theme (crosstab, row) != NULL &&
         eb_theme_get_id (eb_theme_crosstab_get_theme (crosstab, row)) != fixture->themes[DISCUSS])
    row++;
  /* Respondents, with column percentages: 3 of the 5 "1CN" respondents. */
  {
    g_autofree char *text = eb_theme_table_dialog_dup_cell_text (dialog, row, 0);
    g_autofree char *expected = g_strdup_printf ("%u (%.0f %%)",
                                                 eb_theme_crosstab_get_count (crosstab, EB_COUNT_RESPONDENTS, row, 0),
                                                 eb_theme_crosstab_get_column_percent (crosstab, EB_COUNT_RESPONDENTS,
                                                                                      row, 0));

    g_assert_cmpstr (text, ==, expected);
    g_assert_cmpstr (text, ==, "3 (60 %)");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);

  /* From the view: the action opens it. */
  activate (fixture, "quotes.show-table");
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    gboolean found = FALSE;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (EB_IS_THEME_TABLE_DIALOG (l->data))
        {
          found = TRUE;
          gtk_window_destroy (l->data);
        }
    g_assert_true (found);
  }
}

/* 100,000 quotes: loading, searching and filtering by a theme give the
 * right counts. Times are printed, not held to: bench/ does that. */
/* The rows of the list, counted by state: showing a quote, waiting to be
 * bound, and, of those inside the list's visible area, waiting. A row
 * shown must show a quote the search matched. */
typedef struct
{
  guint shown;
  guint waiting;
  guint waiting_on_screen;
  guint on_screen;
} RowCount;

static void
count_rows (GtkWidget   *list_view,
            GtkWidget   *widget,
            const char  *search,
            RowCount    *count)
{
  if (EB_IS_QUOTE_ROW (widget))
    {
      EbQuoteRow *row = EB_QUOTE_ROW (widget);
      graphene_rect_t bounds;
      gboolean on_screen;

      /* The list keeps the rows out of sight unmapped, where they were. */
      g_assert_true (gtk_widget_compute_bounds (widget, list_view, &bounds));
      on_screen = gtk_widget_is_drawable (widget) &&
                  bounds.origin.y + bounds.size.height > 0 &&
                  bounds.origin.y < gtk_widget_get_height (list_view);
      count->on_screen += on_screen;
      if (eb_quote_row_get_pending_quote (row) != NULL)
        {
          g_assert_null (eb_quote_row_get_quote (row));
          count->waiting++;
          count->waiting_on_screen += on_screen;
        }
      else if (eb_quote_row_get_quote (row) != NULL)
        {
          g_assert_nonnull (strstr (eb_quote_get_text (eb_quote_row_get_quote (row)), search));
          count->shown++;
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_rows (list_view, child, search, count);
}

static gboolean
all_rows_bound (gpointer data)
{
  EbQuoteListView *list = data;
  GtkWidget *list_view = GTK_WIDGET (eb_quote_list_view_get_list_view (list));
  RowCount count = { 0 };

  count_rows (list_view, list_view, eb_quote_list_view_get_search (list), &count);
  return count.waiting == 0;
}

static void
test_large (void)
{
  static const char * const words[] = {
    "useful", "slow", "clear", "practical", "engaging", "repetitive", "confidence", "ideas",
  };
  const guint n_rows = 100000;
  Fixture fixture = { 0 };
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(GArray) tagged = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  gint64 theme, start;
  guint expected = 0;
  GtkWidget *list_view;
  GtkAdjustment *vadjustment;
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong painted_id;
  RowCount rows = { 0 };

  eb_survey_add_column (survey, "ID");
  eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
  eb_survey_add_column (survey, "Programme");
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_ATTRIBUTE);
  eb_survey_add_column (survey, "Comment");
  eb_survey_set_column_role (survey, 2, EB_COLUMN_ROLE_TEXT);
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *id = g_strdup_printf ("R%06u", r + 1);
      g_autofree char *text = g_strdup_printf ("Session %u was %s and %s", r % 97,
                                               words[r % G_N_ELEMENTS (words)],
                                               words[(r / 7) % G_N_ELEMENTS (words)]);
      const char *cells[] = { id, r % 3 == 0 ? "1CN" : "1CN2", text };

      eb_survey_append_row (survey, cells, G_N_ELEMENTS (cells));
    }
  start = g_get_monotonic_time ();
  open_project (&fixture, survey);
  g_test_message ("storing 100,000 answers and loading the store: %.0f ms", elapsed_ms (start));
  theme = add_theme (fixture.store, 0, "Confidence", "#7570b3");
  for (guint i = 0; i < n_rows; i += 10)
    g_array_append_val (tagged, i);
  g_assert_true (eb_coding_store_tag_quotes (fixture.store, theme, (const guint *) tagged->data, tagged->len,
                                             NULL, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  show_view (&fixture);
  g_test_message ("set_store to first frame: %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (n_visible (&fixture), ==, n_rows);

  for (guint r = 0; r < n_rows; r++)
    if (g_strcmp0 (words[r % G_N_ELEMENTS (words)], "confidence") == 0 ||
        g_strcmp0 (words[(r / 7) % G_N_ELEMENTS (words)], "confidence") == 0)
      expected++;
  /* Scrolled down, a search shows its result from the top; the rows on
   * screen show their quotes in the first frame, the others the list
   * keeps wait for the main loop to be idle. */
  list_view = GTK_WIDGET (eb_quote_list_view_get_list_view (get_list (&fixture)));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  gtk_adjustment_set_value (vadjustment, 5000);
  wait_for_frames (GTK_WIDGET (fixture.view));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  clock = gtk_widget_get_frame_clock (list_view);
  painted_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  start = g_get_monotonic_time ();
  eb_quote_list_view_set_search (get_list (&fixture), "confidence");
  g_test_message ("search \"confidence\": %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (n_visible (&fixture), ==, expected);
  wait_until (is_true, &painted);
  g_signal_handler_disconnect (clock, painted_id);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
  count_rows (list_view, list_view, "confidence", &rows);
  g_test_message ("first frame: %u rows on screen, %u shown, %u waiting", rows.on_screen, rows.shown,
                  rows.waiting);
  g_assert_cmpuint (rows.on_screen, >=, 5);
  g_assert_cmpuint (rows.waiting_on_screen, ==, 0);
  g_assert_cmpuint (rows.waiting, >, 100);
  wait_until (all_rows_bound, get_list (&fixture));
  eb_quote_list_view_set_search (get_list (&fixture), "");
  g_assert_cmpuint (n_visible (&fixture), ==, n_rows);

  start = g_get_monotonic_time ();
  eb_theme_sidebar_set_selected_theme (eb_quotes_view_get_sidebar (fixture.view), theme);
  g_test_message ("theme filter: %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (n_visible (&fixture), ==, tagged->len);
  eb_quotes_view_update_counts (fixture.view);
  g_assert_cmpuint (eb_theme_counts_get_n_quotes (eb_quotes_view_get_counts (fixture.view), theme), ==,
                    tagged->len);

  /* Tagging a shown quote with key 1 toggles the theme off it: it leaves
   * the filtered list. */
  select_positions (&fixture, 0, 1);
  start = g_get_monotonic_time ();
  activate (&fixture, "quotes.tag-1");
  g_test_message ("tag key: %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (n_visible (&fixture), ==, tagged->len - 1);

  fixture_tear_down (&fixture, NULL);
}

/* The bundled example, made as the build makes it: the example survey,
 * imported, with the paper's codebook and its coded quotes. */
/* ---- A narrow window ---- */

static gboolean
is_revealed (gpointer flap)
{
  return adw_flap_get_reveal_progress (flap) >= 1.0;
}

static gboolean
is_concealed (gpointer flap)
{
  return adw_flap_get_reveal_progress (flap) <= 0.0;
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *widget))
{
  if (match (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_flap (GtkWidget *widget)
{
  return ADW_IS_FLAP (widget);
}

static gboolean
is_respondent_button (GtkWidget *widget)
{
  return GTK_IS_ACTIONABLE (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "quotes.show-respondent") == 0;
}

static gboolean
is_flap_handle (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "flap-handle");
}

/* Gives the window WIDTH and waits until it is painted at that width. */
static void
resize_window (Fixture *fixture,
               int      width)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 800);
  while (gdk_surface_get_width (surface) != width)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  wait_for_frames (GTK_WIDGET (fixture->view));
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *action_name,
              const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (GTK_IS_NAMED_ACTION (action)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name)
              && g_str_equal (text, trigger))
            return TRUE;
        }
    }
  return FALSE;
}

/* In a window too narrow for its three panels the respondent panel folds
 * away: a toolbar button (or F9) shows it over the quotes, and it still
 * follows the selection. A wider window brings it back beside them. */
/* The respondent panel's edge can be dragged: wider to the left, never
 * below its narrowest, never so wide that the quotes would fold it away. */
static void
test_panel_drag (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GtkWidget *panel = GTK_WIDGET (eb_quotes_view_get_respondent_panel (fixture->view));
  GtkWidget *handle = find_widget (view, is_flap_handle);
  AdwFlap *flap = ADW_FLAP (find_widget (view, is_flap));
  g_autoptr(GListModel) controllers = NULL;
  GtkGesture *drag = NULL;
  int width = 0, start;

  g_assert_nonnull (handle);
  controllers = gtk_widget_observe_controllers (handle);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_assert_nonnull (drag);
  start = gtk_widget_get_width (panel);
  g_assert_cmpint (start, >, 0);

  g_signal_emit_by_name (drag, "drag-begin", 0.0, 100.0);
  g_signal_emit_by_name (drag, "drag-update", -120.0, 0.0);
  gtk_widget_get_size_request (panel, &width, NULL);
  g_assert_cmpint (width, ==, start + 120);
  wait_for_frames (fixture->window);
  g_assert_cmpint (gtk_widget_get_width (panel), ==, start + 120);

  /* Far to the right: its narrowest. Far to the left: the quotes keep
   * their narrowest, and the panel stays beside them. */
  g_signal_emit_by_name (drag, "drag-update", 2000.0, 0.0);
  gtk_widget_get_size_request (panel, &width, NULL);
  g_assert_cmpint (width, ==, 260);
  g_signal_emit_by_name (drag, "drag-update", -2000.0, 0.0);
  wait_for_frames (fixture->window);
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (gtk_widget_get_mapped (panel));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  GtkWidget *panel = GTK_WIDGET (eb_quotes_view_get_respondent_panel (fixture->view));
  AdwFlap *flap = ADW_FLAP (find_widget (view, is_flap));
  GtkWidget *button = find_widget (view, is_respondent_button);
  graphene_rect_t bounds;
  int minimum = 0;

  g_assert_nonnull (flap);
  g_assert_nonnull (button);
  g_assert_true (has_shortcut (view, "quotes.show-respondent", "F9"));
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 700);

  /* 1280 px: the three panels side by side, no button. */
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (gtk_widget_get_mapped (panel));
  g_assert_false (gtk_widget_get_visible (button));

  resize_window (fixture, 700);
  g_assert_true (adw_flap_get_folded (flap));
  wait_until (is_concealed, flap);
  wait_for_frames (view);
  g_assert_false (gtk_widget_get_mapped (panel));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_compute_bounds (button, view, &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (view));

  /* The hidden panel follows the selection, for when it is shown. */
  g_assert_true (eb_quote_list_view_select_quote (get_list (fixture), 10));
  iterate_pending ();
  g_assert_true (eb_respondent_panel_get_quote (EB_RESPONDENT_PANEL (panel)) == get_quote (fixture, 10));

  activate (fixture, "quotes.show-respondent");
  wait_until (is_revealed, flap);
  g_assert_true (gtk_widget_get_mapped (panel));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_true (gtk_widget_compute_bounds (panel, view, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (view) + 0.5);
  g_assert_cmpfloat (bounds.size.width, >=, 300);

  activate (fixture, "quotes.show-respondent");
  wait_until (is_concealed, flap);
  wait_for_frames (view);
  g_assert_false (gtk_widget_get_mapped (panel));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  /* Wide again: beside the quotes, and the button is gone. */
  resize_window (fixture, 1280);
  g_assert_false (adw_flap_get_folded (flap));
  wait_until (is_revealed, flap);
  wait_for_frames (view);
  g_assert_true (gtk_widget_get_mapped (panel));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_true (eb_respondent_panel_get_quote (EB_RESPONDENT_PANEL (panel)) == get_quote (fixture, 10));
}

static void
test_example (void)
{
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_auto(EbErrorLocation) location = { 0 };
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                "peer-mentoring-survey.csv", NULL);
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbThemeCounts) counts = NULL;
  EbThemeSidebar *sidebar;
  EbCodebook *codebook;
  EbTheme *discuss;
  EbSurvey *survey;

  survey = eb_survey_import (csv, &options, NULL, NULL, NULL, &location, &error);
  g_assert_no_error (error);
  open_project (&fixture, survey);
  g_clear_object (&fixture.store);
  g_assert_true (eb_example_codebook_seed_project (fixture.project, &error));
  g_assert_no_error (error);
  fixture.store = eb_coding_store_new (fixture.project, fixture.survey, NULL, &error);
  g_assert_no_error (error);
  show_view (&fixture);

  sidebar = eb_quotes_view_get_sidebar (fixture.view);
  codebook = eb_coding_store_get_codebook (fixture.store);
  counts = eb_theme_counts_new (fixture.store, NULL, 0);
  g_assert_cmpuint (n_visible (&fixture), ==, eb_theme_counts_get_total_quotes (counts));
  g_assert_cmpstr (eb_theme_get_name (eb_codebook_get_theme (codebook, eb_theme_sidebar_get_key_theme (sidebar, 1))),
                   ==, "A supportive atmosphere");
  discuss = eb_codebook_find_theme (codebook, "An opportunity to discuss and share");
  g_assert_nonnull (discuss);
  eb_theme_sidebar_set_selected_theme (sidebar, eb_theme_get_id (discuss));
  g_assert_cmpuint (n_visible (&fixture), ==, eb_theme_counts_get_n_quotes (counts, eb_theme_get_id (discuss)));
  g_assert_cmpuint (n_visible (&fixture), >, 0);
  eb_quotes_view_update_counts (fixture.view);
  wait_for_frames (GTK_WIDGET (fixture.view));
  {
    g_autofree char *expected = g_strdup_printf ("%u · %u",
                                                 eb_theme_counts_get_n_quotes (counts, eb_theme_get_id (discuss)),
                                                 eb_theme_counts_get_n_respondents (counts, eb_theme_get_id (discuss)));

    g_assert_cmpstr (eb_theme_sidebar_get_row_counts_text (sidebar, eb_theme_get_id (discuss)), ==, expected);
  }

  fixture_tear_down (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* Deterministic pixels. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/quotes-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/quotes-view/empty", test_empty);
  ADD ("load", test_load);
  ADD ("panel-drag", test_panel_drag);
  ADD ("tag-key", test_tag_key);
  ADD ("uncoded-keeps-place", test_uncoded_keeps_place);
  ADD ("theme-filter", test_theme_filter);
  ADD ("search", test_search);
  ADD ("filters", test_filters);
  ADD ("respondent-filter", test_respondent_filter);
  ADD ("tag-popover", test_tag_popover);
  ADD ("span", test_span);
  ADD ("rename", test_rename);
  ADD ("codebook-actions", test_codebook_actions);
  ADD ("respondent-panel", test_respondent_panel);
  ADD ("theme-table", test_theme_table);
  ADD ("narrow", test_narrow);
  g_test_add_func ("/quotes-view/example", test_example);
  g_test_add_func ("/quotes-view/large", test_large);

#undef ADD

  return g_test_run ();
}
