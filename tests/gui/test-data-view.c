/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-data-view"

#include "gui-test-util.h"
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "eb-data-view.h"
#include "eb-slot.h"
#include "eb-survey-row.h"

#define LIKERT_SPEC "Strongly disagree<Disagree<Neutral<Agree<Strongly agree<Don't know!"

static const char * const likert_labels[] = {
  "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", "Don't know",
};

/* A small survey where every number below can be checked by eye. */
static EbSurvey *
make_small_survey (void)
{
  static const char * const rows[][5] = {
    /* ID    Age   Team        I feel confident…   Comments */
    { "R01", "34", "Sales",    "Agree",             "More confidence in the tools" },
    { "R02", "9",  "Support",  "Strongly disagree", "" },
    { "R03", "52", "Sales",    "Neutral",           "CONFIDENCE grew slowly" },
    { "R04", "10", "Research", "Strongly agree",    "Great course" },
    { "R05", "41", "Support",  "Disagree",          "Don’t know what to say" },
    { "R06", "",   "Research", "Agree",             "Self-confidence: up" },
    { "R07", "27", "Sales",    "",                  "Too long" },
    { "R08", "38", "Support",  "Don't know",        "Trainer was great" },
    { "R09", "45", "Research", "Strongly disagree", "Line one\nline two" },
    { "R10", "100","Sales",    "Disagree",          "Confident now" },
  };
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(EbScale) scale = eb_scale_parse_spec (LIKERT_SPEC, NULL);

  eb_survey_add_column (survey, "ID");
  eb_survey_add_column (survey, "Age");
  eb_survey_add_column (survey, "Team");
  eb_survey_add_column (survey, "I feel confident using the new reporting tools");
  eb_survey_add_column (survey, "Comments");
  eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_NUMBER);
  eb_survey_set_column_role (survey, 2, EB_COLUMN_ROLE_ATTRIBUTE);
  eb_survey_set_column_role (survey, 3, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_scale (survey, 3, scale);
  eb_survey_set_column_role (survey, 4, EB_COLUMN_ROLE_TEXT);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    eb_survey_append_row (survey, rows[i], G_N_ELEMENTS (rows[i]));
  return survey;
}

/* N_ROWS x 30: an ID, an age, 3 attributes, 22 Likert items and 3 comment
 * columns; row i's first comment mentions "confidence" when i % 7 == 3. */
static EbSurvey *
make_large_survey (guint n_rows)
{
  static const char * const teams[] = { "Sales", "Support", "Research", "Finance", "Operations" };
  static const char * const sites[] = { "Leeds", "Glasgow", "Cardiff", "Belfast" };
  static const char * const words[] = {
    "useful", "slow", "clear", "practical", "too long", "engaging", "repetitive", "well paced",
  };
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(EbScale) scale = eb_scale_parse_spec (LIKERT_SPEC, NULL);
  const char *cells[30];
  char id[16], age[8], comment[96], comment2[64], comment3[64];
  guint column = 0;

  eb_survey_add_column (survey, "Respondent");
  eb_survey_set_column_role (survey, column++, EB_COLUMN_ROLE_ID);
  eb_survey_add_column (survey, "Age");
  eb_survey_set_column_role (survey, column++, EB_COLUMN_ROLE_NUMBER);
  eb_survey_add_column (survey, "Team");
  eb_survey_set_column_role (survey, column++, EB_COLUMN_ROLE_ATTRIBUTE);
  eb_survey_add_column (survey, "Site");
  eb_survey_set_column_role (survey, column++, EB_COLUMN_ROLE_ATTRIBUTE);
  eb_survey_add_column (survey, "Cohort");
  eb_survey_set_column_role (survey, column++, EB_COLUMN_ROLE_ATTRIBUTE);
  for (guint q = 1; q <= 22; q++)
    {
      g_autofree char *name = g_strdup_printf ("Q%u. The session helped me with topic %u", q, q);

      eb_survey_add_column (survey, name);
      eb_survey_set_column_role (survey, column, EB_COLUMN_ROLE_LIKERT);
      eb_survey_set_column_scale (survey, column++, scale);
    }
  for (guint t = 1; t <= 3; t++)
    {
      g_autofree char *name = g_strdup_printf ("Comment %u", t);

      eb_survey_add_column (survey, name);
      eb_survey_set_column_role (survey, column++, EB_COLUMN_ROLE_TEXT);
    }
  g_assert_cmpuint (column, ==, 30);

  for (guint i = 0; i < n_rows; i++)
    {
      guint c = 0;

      g_snprintf (id, sizeof id, "R%06u", i + 1);
      g_snprintf (age, sizeof age, "%u", 18 + (i * 7) % 50);
      cells[c++] = id;
      cells[c++] = age;
      cells[c++] = teams[i % G_N_ELEMENTS (teams)];
      cells[c++] = sites[(i / 3) % G_N_ELEMENTS (sites)];
      cells[c++] = (i % 2) ? "2023" : "2024";
      for (guint q = 0; q < 22; q++)
        cells[c++] = (i + q) % 13 == 0 ? "" : likert_labels[(i * 31 + q * 17) % G_N_ELEMENTS (likert_labels)];
      g_snprintf (comment, sizeof comment, "Respondent %u found it %s%s", i + 1,
                  words[i % G_N_ELEMENTS (words)],
                  i % 7 == 3 ? "; more Confidence now" : "");
      g_snprintf (comment2, sizeof comment2, "%s and %s", words[(i / 8) % G_N_ELEMENTS (words)],
                  words[(i / 64) % G_N_ELEMENTS (words)]);
      g_snprintf (comment3, sizeof comment3, "Note %u", i % 997);
      cells[c++] = comment;
      cells[c++] = i % 5 == 0 ? "" : comment2;
      cells[c++] = comment3;
      eb_survey_append_row (survey, cells, c);
    }
  return survey;
}

/* What a reader of a training evaluation sees: long questions, a long
 * scale, free-text comments, missing answers. */
static EbSurvey *
make_realistic_survey (guint n_rows)
{
  static const char * const departments[] = {
    "Finance", "Human Resources", "IT Services", "Estates", "Student Services", "Library",
  };
  static const char * const ages[] = { "18–24", "25–34", "35–44", "45–54", "55+" };
  static const char * const develop[] = {
    "Strongly developed", "Developed", "Slightly developed", "Not developed",
    "Realise I need to develop much more",
  };
  static const char * const comments[] = {
    "The facilitator was excellent and the examples felt close to my daily work.",
    "Too much content for one afternoon; I would split it into two sessions.",
    "",
    "More practical exercises, please.",
    "I finally understand how to give feedback without sounding harsh. Thank you!",
    "Room was cold.",
    "",
    "The pre-reading was long but worth it; the case study on restructuring helped me most.",
  };
  EbSurvey *survey = eb_survey_new ();
  g_autoptr(EbScale) agree = eb_scale_parse_spec (LIKERT_SPEC, NULL);
  g_autoptr(EbScale) development = eb_scale_new (develop, NULL, G_N_ELEMENTS (develop));
  const char *cells[10];
  char id[16], date[32], years[8];

  eb_survey_add_column (survey, "Respondent ID");
  eb_survey_set_column_role (survey, 0, EB_COLUMN_ROLE_ID);
  eb_survey_add_column (survey, "Submitted");
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_DATE);
  eb_survey_add_column (survey, "Department");
  eb_survey_set_column_role (survey, 2, EB_COLUMN_ROLE_ATTRIBUTE);
  eb_survey_add_column (survey, "Age");
  eb_survey_set_column_role (survey, 3, EB_COLUMN_ROLE_ATTRIBUTE);
  eb_survey_add_column (survey, "Years in role");
  eb_survey_set_column_role (survey, 4, EB_COLUMN_ROLE_NUMBER);
  eb_survey_add_column (survey, "I feel confident applying what I learned");
  eb_survey_set_column_role (survey, 5, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_scale (survey, 5, agree);
  eb_survey_add_column (survey, "The session was well organised");
  eb_survey_set_column_role (survey, 6, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_scale (survey, 6, agree);
  eb_survey_add_column (survey, "To what extent has this programme developed your ability to lead change in your team?");
  eb_survey_set_column_role (survey, 7, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_scale (survey, 7, development);
  eb_survey_add_column (survey, "What could we do better?");
  eb_survey_set_column_role (survey, 8, EB_COLUMN_ROLE_TEXT);
  eb_survey_add_column (survey, "Would you recommend it to a colleague?");
  eb_survey_set_column_role (survey, 9, EB_COLUMN_ROLE_ATTRIBUTE);

  for (guint i = 0; i < n_rows; i++)
    {
      g_snprintf (id, sizeof id, "EV-%04u", 1001 + i);
      g_snprintf (date, sizeof date, "2024-03-%02u %02u:%02u", 1 + i % 28, 8 + i % 10, (i * 17) % 60);
      g_snprintf (years, sizeof years, "%u", (i * 7) % 23);
      cells[0] = id;
      cells[1] = date;
      cells[2] = departments[(i * 5) % G_N_ELEMENTS (departments)];
      cells[3] = ages[(i * 3) % G_N_ELEMENTS (ages)];
      cells[4] = i % 17 == 5 ? "" : years;
      cells[5] = likert_labels[(i * 7) % 5];
      cells[6] = i % 11 == 2 ? "" : likert_labels[(i * 3 + 2) % 6];
      cells[7] = develop[(i * 2) % G_N_ELEMENTS (develop)];
      cells[8] = comments[i % G_N_ELEMENTS (comments)];
      cells[9] = i % 4 == 0 ? "Not sure" : "Yes";
      eb_survey_append_row (survey, cells, G_N_ELEMENTS (cells));
    }
  return survey;
}

static GtkColumnViewColumn *
get_column (EbDataView *view,
            guint       position)
{
  GListModel *columns = gtk_column_view_get_columns (eb_data_view_get_column_view (view));
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, position);

  g_assert_nonnull (column);
  return column; /* the view keeps it */
}

static guint
get_row_index (GListModel *rows,
               guint       position)
{
  g_autoptr(EbSurveyRow) row = g_list_model_get_item (rows, position);

  g_assert_true (EB_IS_SURVEY_ROW (row));
  return eb_survey_row_get_index (row);
}

static const char *
get_row_cell (GListModel *rows,
              guint       position,
              guint       column)
{
  g_autoptr(EbSurveyRow) row = g_list_model_get_item (rows, position);

  return eb_survey_row_get_cell (row, column);
}

/* Returns once WIDGET's window has painted a new frame. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  wait_until (is_true, &painted);
  g_signal_handler_disconnect (clock, id);
}

static void
test_empty (void)
{
  EbDataView *view = EB_DATA_VIEW (g_object_ref_sink (eb_data_view_new ()));

  g_assert_null (eb_data_view_get_survey (view));
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 0);
  g_assert_cmpstr (eb_data_view_get_search (view), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (eb_data_view_get_column_view (view))), ==, 0);

  /* Searching without a survey is harmless. */
  eb_data_view_set_search (view, "anything");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 0);

  g_assert_finalize_object (view);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_columns (void)
{
  EbSurvey *survey = make_small_survey ();
  EbDataView *view = EB_DATA_VIEW (g_object_ref_sink (eb_data_view_new ()));
  GListModel *columns = gtk_column_view_get_columns (eb_data_view_get_column_view (view));
  guint survey_notified = 0;

  g_signal_connect (view, "notify::survey", G_CALLBACK (count_notify_cb), &survey_notified);
  eb_data_view_set_survey (view, survey);
  eb_data_view_set_survey (view, survey);
  g_assert_cmpuint (survey_notified, ==, 1);
  g_assert_true (eb_data_view_get_survey (view) == survey);

  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (eb_data_view_get_rows (view)), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 6);
  g_assert_cmpstr (gtk_column_view_column_get_title (get_column (view, 0)), ==, "#");
  for (guint c = 0; c < 5; c++)
    {
      GtkColumnViewColumn *column = get_column (view, c + 1);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==,
                       eb_survey_get_column_name (survey, c));
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
      g_assert_true (gtk_column_view_column_get_resizable (column));
      g_assert_cmpint (gtk_column_view_column_get_fixed_width (column), >=, 56);
      g_assert_cmpint (gtk_column_view_column_get_fixed_width (column), <=, 280);
    }
  g_assert_false (gtk_column_view_column_get_resizable (get_column (view, 0)));

  /* Header tooltips: the full title and the role, with the scale's ends. */
  {
    GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (eb_data_view_get_column_view (view)));
    GtkWidget *title = gtk_widget_get_first_child (header);
    const char *tooltip;

    for (guint i = 0; i < 4; i++)
      title = gtk_widget_get_next_sibling (title);
    tooltip = gtk_widget_get_tooltip_text (title);
    g_assert_nonnull (tooltip);
    g_assert_nonnull (strstr (tooltip, "I feel confident using the new reporting tools"));
    g_assert_nonnull (strstr (tooltip, "Likert item · Strongly disagree … Strongly agree"));
  }

  /* Unchanged order: survey order. */
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (get_row_index (eb_data_view_get_rows (view), i), ==, i);

  eb_data_view_set_survey (view, NULL);
  g_assert_cmpuint (survey_notified, ==, 2);
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 0);

  g_assert_finalize_object (view);
  g_assert_finalize_object (survey);
}

static void
test_search (void)
{
  EbSurvey *survey = make_small_survey ();
  EbSurvey *other = NULL;
  EbDataView *view = EB_DATA_VIEW (g_object_ref_sink (eb_data_view_new ()));
  GListModel *rows = eb_data_view_get_rows (view);
  guint search_notified = 0, count_notified = 0;

  eb_data_view_set_survey (view, survey);
  g_signal_connect (view, "notify::search", G_CALLBACK (count_notify_cb), &search_notified);
  g_signal_connect (view, "notify::n-visible-rows", G_CALLBACK (count_notify_cb), &count_notified);

  /* R01 "More confidence", R03 "CONFIDENCE", R06 "Self-confidence"; not
   * "Confident now", and never the column titles. */
  eb_data_view_set_search (view, "confidence");
  g_assert_cmpstr (eb_data_view_get_search (view), ==, "confidence");
  g_assert_cmpuint (search_notified, ==, 1);
  g_assert_cmpuint (count_notified, ==, 1);
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpuint (get_row_index (rows, 0), ==, 0);
  g_assert_cmpuint (get_row_index (rows, 1), ==, 2);
  g_assert_cmpuint (get_row_index (rows, 2), ==, 5);

  /* Narrowing, widening, and a different search. */
  eb_data_view_set_search (view, "confidence:");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 1);
  g_assert_cmpuint (get_row_index (rows, 0), ==, 5);
  eb_data_view_set_search (view, "confiden");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 4);
  eb_data_view_set_search (view, "  SALES ");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 4);

  /* Any column, typographic apostrophes as plain ones, numbers as text. */
  eb_data_view_set_search (view, "don't know");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 2);
  eb_data_view_set_search (view, "10");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 2); /* R10, age 10 and 100 */
  eb_data_view_set_search (view, "line two");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 1);

  eb_data_view_set_search (view, "no such answer");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 0);

  eb_data_view_set_search (view, "");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (get_row_index (rows, i), ==, i);

  /* Only spaces: no search. */
  eb_data_view_set_search (view, "   ");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 10);

  /* The property works as the function does. */
  g_object_set (view, "search", "great", NULL);
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 2);

  /* A new survey starts without a search. */
  other = make_small_survey ();
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
  eb_data_view_set_survey (view, other);
  g_object_unref (other);
  g_assert_cmpstr (eb_data_view_get_search (view), ==, "");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 10);

  /* Nothing keeps either survey or its rows. */
  g_assert_finalize_object (survey);
  g_assert_finalize_object (view);
  g_assert_null (other);
}

static void
assert_likert_order (GListModel *rows,
                     guint       column,
                     const char *first,
                     const char *last)
{
  g_autoptr(EbScale) scale = eb_scale_parse_spec (LIKERT_SPEC, NULL);
  guint n = g_list_model_get_n_items (rows);
  int previous = -1;
  gboolean in_empty = FALSE;

  g_assert_cmpstr (get_row_cell (rows, 0, column), ==, first);
  g_assert_cmpstr (get_row_cell (rows, n - 1, column), ==, last);
  for (guint i = 0; i < n; i++)
    {
      const char *cell = get_row_cell (rows, i, column);
      int level = eb_scale_lookup (scale, cell);

      if (*cell == '\0')
        {
          in_empty = TRUE;
          continue;
        }
      g_assert_false (in_empty);
      g_assert_cmpint (level, >=, 0);
      g_assert_cmpint (level, >=, previous);
      previous = level;
    }
}

static void collect_row_numbers (GtkWidget *widget,
                                 GArray    *numbers);

/* The row numbers the view's row widgets show, top to bottom. */
static GArray *
dup_shown_row_numbers (GtkColumnView *column_view)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  collect_row_numbers (GTK_WIDGET (column_view), numbers);
  return numbers;
}

/* The first inscription of each row is its number; the rows are the
 * list's children in order. */
static void
collect_row_numbers (GtkWidget *widget,
                     GArray    *numbers)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *cell = gtk_widget_get_first_child (child);
      GtkWidget *inscription = cell != NULL ? gtk_widget_get_first_child (cell) : NULL;

      if (inscription != NULL && GTK_IS_INSCRIPTION (inscription) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_widget_get_css_name (child), "row") == 0)
        {
          guint number = (guint) g_ascii_strtoull (gtk_inscription_get_text (GTK_INSCRIPTION (inscription)),
                                                   NULL, 10);

          g_array_append_val (numbers, number);
        }
      else
        collect_row_numbers (child, numbers);
    }
}

static guint
selected_row (GtkColumnView *column_view)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view));
  EbSlot *slot = gtk_single_selection_get_selected_item (selection);

  return slot != NULL ? eb_survey_row_get_index (EB_SURVEY_ROW (eb_slot_get_item (slot))) : G_MAXUINT;
}

/* A sort or a search gives the rows on screen other respondents without
 * making new row widgets (eb-slot-model.h): the rows show what the model
 * holds, and the selected respondent stays selected where they went. */
static void
test_shown_rows (void)
{
  EbSurvey *survey = make_small_survey ();
  GtkWidget *window = gtk_window_new ();
  EbDataView *view = EB_DATA_VIEW (eb_data_view_new ());
  GtkColumnView *column_view = eb_data_view_get_column_view (view);
  GtkSelectionModel *selection = gtk_column_view_get_model (column_view);
  GListModel *rows = eb_data_view_get_rows (view);
  g_autoptr(GArray) shown = NULL;

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, view);
  eb_data_view_set_survey (view, survey);
  wait_for_frame (GTK_WIDGET (view));

  /* R03 (row index 2). */
  gtk_selection_model_select_item (selection, 2, TRUE);
  g_assert_cmpuint (selected_row (column_view), ==, 2);

  gtk_column_view_sort_by_column (column_view, get_column (view, 4), GTK_SORT_ASCENDING);
  wait_for_frame (GTK_WIDGET (view));
  shown = dup_shown_row_numbers (column_view);
  g_assert_cmpuint (shown->len, ==, 10);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpuint (g_array_index (shown, guint, i), ==, get_row_index (rows, i) + 1);
  g_assert_cmpuint (selected_row (column_view), ==, 2);
  g_assert_cmpuint (get_row_index (rows, gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection))),
                    ==, 2);
  g_clear_pointer (&shown, g_array_unref);

  /* R01, R03, R07 and R10 work in Sales. */
  eb_data_view_set_search (view, "sales");
  wait_for_frame (GTK_WIDGET (view));
  shown = dup_shown_row_numbers (column_view);
  g_assert_cmpuint (shown->len, ==, 4);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpuint (g_array_index (shown, guint, i), ==, get_row_index (rows, i) + 1);
  g_assert_cmpuint (selected_row (column_view), ==, 2);
  g_clear_pointer (&shown, g_array_unref);

  /* Searched out of sight, R03 is no longer selected, nor when it is back. */
  eb_data_view_set_search (view, "support");
  g_assert_cmpuint (selected_row (column_view), ==, G_MAXUINT);
  eb_data_view_set_search (view, "");
  wait_for_frame (GTK_WIDGET (view));
  g_assert_cmpuint (selected_row (column_view), ==, G_MAXUINT);
  shown = dup_shown_row_numbers (column_view);
  g_assert_cmpuint (shown->len, ==, 10);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_object_unref (survey);
}

static void
test_sort (void)
{
  EbSurvey *survey = make_small_survey ();
  EbSurvey *other = NULL;
  EbDataView *view = EB_DATA_VIEW (g_object_ref_sink (eb_data_view_new ()));
  GtkColumnView *column_view = eb_data_view_get_column_view (view);
  GListModel *rows = eb_data_view_get_rows (view);

  eb_data_view_set_survey (view, survey);

  /* By scale level, not alphabetically ("Agree" would come first);
   * "Don't know" is the scale's last level, the empty answer after it. */
  gtk_column_view_sort_by_column (column_view, get_column (view, 4), GTK_SORT_ASCENDING);
  assert_likert_order (rows, 3, "Strongly disagree", "");
  g_assert_cmpstr (get_row_cell (rows, 8, 3), ==, "Don't know");
  /* Ties keep survey order: R02 before R09. */
  g_assert_cmpuint (get_row_index (rows, 0), ==, 1);
  g_assert_cmpuint (get_row_index (rows, 1), ==, 8);

  gtk_column_view_sort_by_column (column_view, get_column (view, 4), GTK_SORT_DESCENDING);
  g_assert_cmpstr (get_row_cell (rows, 0, 3), ==, "");
  g_assert_cmpstr (get_row_cell (rows, 1, 3), ==, "Don't know");
  g_assert_cmpstr (get_row_cell (rows, 2, 3), ==, "Strongly agree");
  g_assert_cmpstr (get_row_cell (rows, 9, 3), ==, "Strongly disagree");

  /* Numbers by value: 9 < 10 < 27 … < 100, the missing age last. */
  gtk_column_view_sort_by_column (column_view, get_column (view, 2), GTK_SORT_ASCENDING);
  g_assert_cmpstr (get_row_cell (rows, 0, 1), ==, "9");
  g_assert_cmpstr (get_row_cell (rows, 1, 1), ==, "10");
  g_assert_cmpstr (get_row_cell (rows, 8, 1), ==, "100");
  g_assert_cmpstr (get_row_cell (rows, 9, 1), ==, "");

  /* Text in collation order, ignoring case. */
  gtk_column_view_sort_by_column (column_view, get_column (view, 5), GTK_SORT_ASCENDING);
  g_assert_cmpstr (get_row_cell (rows, 0, 4), ==, "CONFIDENCE grew slowly");
  g_assert_cmpstr (get_row_cell (rows, 1, 4), ==, "Confident now");
  g_assert_cmpstr (get_row_cell (rows, 9, 4), ==, "");

  /* Searching keeps the order. */
  gtk_column_view_sort_by_column (column_view, get_column (view, 4), GTK_SORT_DESCENDING);
  eb_data_view_set_search (view, "sales");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  g_assert_cmpstr (get_row_cell (rows, 0, 3), ==, "");         /* R07 */
  g_assert_cmpstr (get_row_cell (rows, 1, 3), ==, "Agree");    /* R01 */
  g_assert_cmpstr (get_row_cell (rows, 2, 3), ==, "Neutral");  /* R03 */
  g_assert_cmpstr (get_row_cell (rows, 3, 3), ==, "Disagree"); /* R10 */
  eb_data_view_set_search (view, NULL);

  /* The row number column restores survey order. */
  gtk_column_view_sort_by_column (column_view, get_column (view, 0), GTK_SORT_ASCENDING);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (get_row_index (rows, i), ==, i);
  gtk_column_view_sort_by_column (column_view, get_column (view, 0), GTK_SORT_DESCENDING);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (get_row_index (rows, i), ==, 9 - i);

  /* A new survey starts unsorted. */
  other = make_small_survey ();
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
  eb_data_view_set_survey (view, other);
  g_object_unref (other);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (get_row_index (rows, i), ==, i);

  g_assert_finalize_object (survey);
  g_assert_finalize_object (view);
  g_assert_null (other);
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
test_large (void)
{
  const guint n_rows = 100000;
  EbSurvey *survey = NULL;
  GtkWidget *window = gtk_window_new ();
  EbDataView *view = EB_DATA_VIEW (eb_data_view_new ());
  GtkColumnView *column_view = eb_data_view_get_column_view (view);
  GListModel *rows = eb_data_view_get_rows (view);
  guint expected;
  gint64 start;

  start = g_get_monotonic_time ();
  survey = make_large_survey (n_rows);
  g_test_message ("building a %u x 30 survey: %.0f ms", n_rows, elapsed_ms (start));

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, view);
  wait_for_frame (GTK_WIDGET (view));

  start = g_get_monotonic_time ();
  eb_data_view_set_survey (view, survey);
  g_test_message ("set_survey: %.1f ms", elapsed_ms (start));
  wait_for_frame (GTK_WIDGET (view));
  g_test_message ("set_survey to first frame: %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, n_rows);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (column_view)), ==, 31);

  /* Rows 3, 10, 17, …: "Confidence" in their first comment. */
  expected = (n_rows - 3 + 6) / 7;
  start = g_get_monotonic_time ();
  eb_data_view_set_search (view, "confidence");
  g_test_message ("first search: %.1f ms", elapsed_ms (start));
  wait_for_frame (GTK_WIDGET (view));
  g_test_message ("first search to frame: %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, expected);
  g_assert_cmpuint (get_row_index (rows, 0), ==, 3);
  g_assert_cmpuint (get_row_index (rows, 1), ==, 10);

  start = g_get_monotonic_time ();
  eb_data_view_set_search (view, "");
  g_test_message ("clearing the search: %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, n_rows);

  /* "R000123" is one respondent; "Note 5" is in Comment 3 for rows
   * 5, 1002, …, and "Note 50…59" too. */
  start = g_get_monotonic_time ();
  eb_data_view_set_search (view, "R000123");
  g_test_message ("searching a respondent ID: %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, 1);
  g_assert_cmpuint (get_row_index (rows, 0), ==, 122);

  start = g_get_monotonic_time ();
  eb_data_view_set_search (view, "agree");
  wait_for_frame (GTK_WIDGET (view));
  g_test_message ("search \"agree\" (%u rows) to frame: %.1f ms",
                  eb_data_view_get_n_visible_rows (view), elapsed_ms (start));
  start = g_get_monotonic_time ();
  eb_data_view_set_search (view, "strongly agree");
  wait_for_frame (GTK_WIDGET (view));
  g_test_message ("narrowing to \"strongly agree\" (%u rows) to frame: %.1f ms",
                  eb_data_view_get_n_visible_rows (view), elapsed_ms (start));
  eb_data_view_set_search (view, "");

  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (column_view, get_column (view, 6), GTK_SORT_ASCENDING);
  g_test_message ("first sort by a Likert column: %.1f ms", elapsed_ms (start));
  wait_for_frame (GTK_WIDGET (view));
  g_test_message ("first sort by a Likert column to frame: %.1f ms", elapsed_ms (start));
  assert_likert_order (rows, 5, "Strongly disagree", "");

  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (column_view, get_column (view, 6), GTK_SORT_DESCENDING);
  g_test_message ("reversing the sort: %.1f ms", elapsed_ms (start));

  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (column_view, get_column (view, 28), GTK_SORT_ASCENDING);
  g_test_message ("first sort by a free-text column: %.1f ms", elapsed_ms (start));

  start = g_get_monotonic_time ();
  eb_data_view_set_search (view, "confidence");
  g_test_message ("search while sorted: %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (view), ==, expected);
  /* Comment 1 in natural order: "Respondent 4 …", "Respondent 11 …",
   * "Respondent 18 …", not "Respondent 102 …" before "Respondent 11 …". */
  g_assert_cmpuint (get_row_index (rows, 0), ==, 3);
  g_assert_cmpuint (get_row_index (rows, 1), ==, 10);
  g_assert_cmpuint (get_row_index (rows, 2), ==, 17);

  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (column_view, NULL, GTK_SORT_ASCENDING);
  g_test_message ("unsorting: %.1f ms", elapsed_ms (start));
  g_assert_cmpuint (get_row_index (rows, 0), ==, 3);
  g_assert_cmpuint (get_row_index (rows, 1), ==, 10);

  /* Scroll to the end and back: rows are made as they are shown. */
  {
    GtkWidget *scrolled = gtk_widget_get_parent (GTK_WIDGET (column_view));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    eb_data_view_set_search (view, "");
    wait_for_frame (GTK_WIDGET (view));
    start = g_get_monotonic_time ();
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    wait_for_frame (GTK_WIDGET (view));
    g_test_message ("jumping to the last row: %.1f ms", elapsed_ms (start));
    gtk_adjustment_set_value (adjustment, 0);
    wait_for_frame (GTK_WIDGET (view));

    /* Scrolling a screenful at a time, as a flick of the wheel would. */
    {
      double slowest = 0, total = 0;
      const guint n_steps = 40;

      for (guint i = 0; i < n_steps; i++)
        {
          double ms;

          start = g_get_monotonic_time ();
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + 120);
          wait_for_frame (GTK_WIDGET (view));
          ms = elapsed_ms (start);
          slowest = MAX (slowest, ms);
          total += ms;
        }
      g_test_message ("scrolling by 120 px: %.1f ms a frame on average, %.1f ms at worst",
                      total / n_steps, slowest);
    }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (survey);
}

static gboolean
is_uniform (const guchar *data,
            gsize         stride,
            int           width,
            int           height)
{
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (memcmp (data + y * stride + x * 4, data, 4) != 0)
        return FALSE;
  return TRUE;
}

static guint
count_distinct_rows (const guchar *data,
                     gsize         stride,
                     int           width,
                     int           height)
{
  guint n = 0;

  for (int y = 1; y < height; y++)
    n += memcmp (data + y * stride, data + (y - 1) * stride, width * 4) != 0;
  return n;
}

/* Renders WIDGET as it is on screen, the way PLATFORM.md describes. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* For looking at: EB_TEST_SCREENSHOT_DIR=/tmp/shots meson test … */
static void
keep_screenshot (GdkTexture *texture,
                 const char *name)
{
  const char *dir = g_getenv ("EB_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
is_search_done (gpointer view)
{
  return eb_data_view_get_search (view)[0] != '\0';
}

static void
test_render (void)
{
  EbSurvey *survey = make_realistic_survey (300);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree guchar *pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) no_results = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = eb_data_view_new ();
  int width, height;
  gsize stride;

  g_object_ref (window);
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 560);
  gtk_window_set_child (GTK_WINDOW (window), view);
  eb_data_view_set_survey (EB_DATA_VIEW (view), survey);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, view);
  wait_for_frame (view);

  /* Ctrl+F in the window focuses the view: the search entry takes it. */
  g_assert_true (gtk_widget_grab_focus (view));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), view));
  g_assert_true (GTK_IS_TEXT (gtk_root_get_focus (GTK_ROOT (window))));
  wait_for_frame (view);

  texture = render_widget (window);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, >=, 1100);
  g_assert_cmpint (height, >=, 560);

  dir = g_dir_make_tmp ("test-data-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "data-view.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("rendered to %s", path);
  keep_screenshot (texture, "data-view.png");

  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  g_assert_false (is_uniform (pixels, stride, width, height));
  /* Text rows and separators: many rows of pixels differ from the one above. */
  g_assert_cmpuint (count_distinct_rows (pixels, stride, width, height), >, (guint) height / 4);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* The no-results page instead of an empty table. */
  eb_data_view_set_search (EB_DATA_VIEW (view), "zzzz no such answer");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (EB_DATA_VIEW (view)), ==, 0);
  wait_for_frame (view);
  no_results = render_widget (window);
  keep_screenshot (no_results, "data-view-no-results.png");

  /* Typing into the entry searches, after the entry's short delay; Escape
   * clears the search. */
  {
    GtkWidget *text = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *entry = gtk_widget_get_ancestor (text, GTK_TYPE_SEARCH_ENTRY);
    guint n_rows = 300;

    eb_data_view_set_search (EB_DATA_VIEW (view), "");
    gtk_editable_set_text (GTK_EDITABLE (text), "Human Res");
    wait_until (is_search_done, view);
    g_assert_cmpstr (eb_data_view_get_search (EB_DATA_VIEW (view)), ==, "Human Res");
    g_assert_cmpuint (eb_data_view_get_n_visible_rows (EB_DATA_VIEW (view)), ==, 50);

    g_signal_emit_by_name (entry, "stop-search");
    g_assert_cmpstr (eb_data_view_get_search (EB_DATA_VIEW (view)), ==, "");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    g_assert_cmpuint (eb_data_view_get_n_visible_rows (EB_DATA_VIEW (view)), ==, n_rows);
  }

  /* A search, sorted by the long Likert item. */
  eb_data_view_set_search (EB_DATA_VIEW (view), "finance");
  gtk_column_view_sort_by_column (eb_data_view_get_column_view (EB_DATA_VIEW (view)),
                                  get_column (EB_DATA_VIEW (view), 8), GTK_SORT_ASCENDING);
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (EB_DATA_VIEW (view)), ==, 50);
  wait_for_frame (view);
  {
    g_autoptr(GdkTexture) searched = render_widget (window);

    keep_screenshot (searched, "data-view-search.png");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (survey);
  g_assert_null (view);
}

int
main (int   argc,
      char *argv[])
{
  /* Deterministic pixels. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/data-view/empty", test_empty);
  g_test_add_func ("/data-view/columns", test_columns);
  g_test_add_func ("/data-view/search", test_search);
  g_test_add_func ("/data-view/sort", test_sort);
  g_test_add_func ("/data-view/shown-rows", test_shown_rows);
  g_test_add_func ("/data-view/render", test_render);
  g_test_add_func ("/data-view/large", test_large);

  return g_test_run ();
}
