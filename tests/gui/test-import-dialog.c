/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-dialog"

#include "gui-test-util.h"
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "eb-column-role-row.h"
#include "eb-import-dialog.h"
#include "eb-scale-editor.h"
#include "survey-import.h"

#define N_MEDAL_ROWS 120
#define N_BIG_ROWS 50000

/* Columns of the medals survey. */
enum {
  MEDAL_ID,
  MEDAL_SCHOOL,
  MEDAL,
  MEDAL_AGAIN,
  MEDAL_COMMENT,
};

static char *tmp_dir;

static const char wave1_csv[] =
  "ID,Programme,I feel confident,Comment\n"
  "1,1CN,Agree,Useful\n"
  "2,1CN2,Strongly agree,\n"
  "3,1CN,Disagree,Too fast\n";

static const char wave2_csv[] =
  "ID,Programme,I feel confident,Extra question\n"
  "4,2CN,Agree,Yes\n"
  "5,1CN,Neither agree nor disagree,No\n";

/* A quote opened in row 3, column 2, never closed. */
static const char broken_csv[] =
  "A,B,C\n"
  "1,2,3\n"
  "4,\"five,6\n"
  "7,8,9\n";

static void
wait_until_idle (EbImportDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (eb_import_dialog_get_busy (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  iterate_pending ();
}

static GFile *
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* An id, a school, two Likert items on a scale no library knows (their
 * answers first seen as Silver, Gold, Bronze, Don't know) and comments. */
static GFile *
write_medals (void)
{
  static const char * const medals[] = { "Silver", "Gold", "Bronze", "Don't know" };
  g_autoptr(GString) csv = g_string_new ("ID,School,Medal,Medal again,Comment\n");

  for (guint i = 0; i < N_MEDAL_ROWS; i++)
    g_string_append_printf (csv, "%u,%s,%s,%s,%s\n", i + 1,
                            i % 2 ? "South" : "North",
                            medals[i % 4], medals[(i + 1) % 4],
                            i % 3 ? "" : "Seeing it modelled");
  return write_file ("medals.csv", csv->str, csv->len);
}

static EbImportDialog *
open_dialog (GFile **files,
             guint   n_files)
{
  EbImportDialog *dialog = EB_IMPORT_DIALOG (eb_import_dialog_new (NULL, files, n_files));

  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (eb_import_dialog_get_busy (dialog));
  wait_until_idle (dialog);
  return dialog;
}

static void
close_dialog (EbImportDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  iterate_pending ();
  g_assert_finalize_object (dialog);
}

typedef gboolean (*WidgetTest) (GtkWidget *widget,
                                gpointer   data);

static GtkWidget *
find_widget (GtkWidget  *root,
             WidgetTest  test,
             gpointer    data)
{
  if (test (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_page_stack (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "error") != NULL;
}

/* The page the dialog shows: loading, error or the preview. */
static GtkWidget *
get_visible_page (EbImportDialog *dialog)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (dialog), is_page_stack, NULL);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

static gboolean
is_button_for_action (GtkWidget *widget,
                      gpointer   action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
is_combo_row (GtkWidget *widget,
              gpointer   data)
{
  return ADW_IS_COMBO_ROW (widget);
}

/* The buttons with TOOLTIP under ROOT, in the order of the rows. */
static void
collect_buttons (GtkWidget  *root,
                 const char *tooltip,
                 GPtrArray  *found)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, tooltip, found);
}

static guint
role_position (GtkDropDown  *dropdown,
               EbColumnRole  role)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (name), eb_column_role_to_string (role)))
        return i;
    }
  g_assert_not_reached ();
}

/* Chooses ROLE in the drop-down of COLUMN's row, as a user would. */
static void
choose_role (EbImportDialog *dialog,
             guint           column,
             EbColumnRole    role)
{
  EbColumnRoleRow *row = EB_COLUMN_ROLE_ROW (eb_import_dialog_get_column_row (dialog, column));
  GtkDropDown *dropdown = eb_column_role_row_get_role_dropdown (row);

  gtk_drop_down_set_selected (dropdown, role_position (dropdown, role));
  iterate_pending ();
  g_assert_cmpint (eb_column_role_row_get_role (row), ==, role);
}

static char *
dup_levels (EbScaleEditor *editor)
{
  g_autoptr(GString) levels = g_string_new (NULL);

  for (guint i = 0; i < eb_scale_editor_get_n_levels (editor); i++)
    {
      if (i > 0)
        g_string_append_c (levels, '|');
      g_string_append (levels, eb_scale_editor_get_label (editor, i));
      if (eb_scale_editor_get_non_substantive (editor, i))
        g_string_append_c (levels, '!');
    }
  return g_string_free (g_steal_pointer (&levels), FALSE);
}

static guint
find_level (EbScaleEditor *editor,
            const char    *label)
{
  for (guint i = 0; i < eb_scale_editor_get_n_levels (editor); i++)
    if (g_str_equal (eb_scale_editor_get_label (editor, i), label))
      return i;
  g_assert_not_reached ();
}

static char *
dup_column_spec (EbSurvey *survey,
                 guint     column)
{
  EbScale *scale = eb_survey_get_column_scale (survey, column);

  g_assert_nonnull (scale);
  return eb_scale_to_spec (scale);
}

static void
import_ready_cb (EbImportDialog  *dialog,
                 EbSurvey        *survey,
                 EbSurvey       **out)
{
  g_assert_null (*out);
  *out = g_object_ref (survey);
}

static void
test_preview (void)
{
  g_autoptr(GFile) file = write_medals ();
  EbImportDialog *dialog = open_dialog (&file, 1);
  EbSurvey *survey = eb_import_dialog_get_survey (dialog);
  GtkColumnView *preview = eb_import_dialog_get_preview (dialog);
  GListModel *columns = gtk_column_view_get_columns (preview);
  g_autoptr(GtkColumnViewColumn) medal_column = NULL;

  g_assert_nonnull (survey);
  g_assert_null (eb_import_dialog_get_error (dialog));
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, N_MEDAL_ROWS);
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, 5);

  /* The first 50 rows, a row number and every column, titled as imported
   * with the role as a badge. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (preview))), ==, 50);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 1 + 5);
  medal_column = g_list_model_get_item (columns, 1 + MEDAL);
  g_assert_cmpstr (gtk_column_view_column_get_title (medal_column), ==, "Medal");
  g_assert_nonnull (find_widget (GTK_WIDGET (preview), is_label_with_text, (gpointer) "Attribute"));
  g_assert_null (find_widget (GTK_WIDGET (preview), is_label_with_text, (gpointer) "Likert"));

  /* Bronze, Silver, Gold are in no library: an attribute that looks like
   * a scale, offered as one. */
  g_assert_cmpint (eb_survey_get_column_role (survey, MEDAL), ==, EB_COLUMN_ROLE_ATTRIBUTE);
  g_assert_true (eb_column_role_row_get_suggest_scale (EB_COLUMN_ROLE_ROW (eb_import_dialog_get_column_row (dialog, MEDAL))));
  g_assert_false (eb_column_role_row_get_suggest_scale (EB_COLUMN_ROLE_ROW (eb_import_dialog_get_column_row (dialog, MEDAL_SCHOOL))));

  /* A role chosen in a row's drop-down goes into the survey and the
   * preview's badge. */
  choose_role (dialog, MEDAL_COMMENT, EB_COLUMN_ROLE_IGNORED);
  g_assert_cmpint (eb_survey_get_column_role (survey, MEDAL_COMMENT), ==, EB_COLUMN_ROLE_IGNORED);
  g_assert_nonnull (find_widget (GTK_WIDGET (preview), is_label_with_text, (gpointer) "Ignored"));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 1 + 5);
  {
    g_autoptr(GtkColumnViewColumn) comment_column = g_list_model_get_item (columns, 1 + MEDAL_COMMENT);

    g_assert_cmpstr (gtk_column_view_column_get_title (comment_column), ==, "Comment");
  }

  close_dialog (dialog);
}

/* A questionnaire of many columns is listed a few columns at a time; once
 * the dialog is no longer busy, all are there. */
static void
test_wide (void)
{
  g_autoptr(GString) csv = g_string_new ("ID");
  g_autoptr(GFile) file = NULL;
  EbImportDialog *dialog;
  GtkWidget *last_row;

  for (guint c = 1; c < 200; c++)
    g_string_append_printf (csv, ",Question %u", c);
  g_string_append_c (csv, '\n');
  for (guint row = 0; row < 30; row++)
    {
      g_string_append_printf (csv, "%u", row + 1);
      for (guint c = 1; c < 200; c++)
        g_string_append (csv, (row + c) % 3 ? ",Agree" : ",Disagree");
      g_string_append_c (csv, '\n');
    }
  file = write_file ("wide.csv", csv->str, csv->len);

  dialog = open_dialog (&file, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (eb_import_dialog_get_preview (dialog))),
                    ==, 1 + 200);
  last_row = eb_import_dialog_get_column_row (dialog, 199);
  g_assert_true (EB_IS_COLUMN_ROLE_ROW (last_row));
  g_assert_cmpint (eb_column_role_row_get_role (EB_COLUMN_ROLE_ROW (last_row)), ==, EB_COLUMN_ROLE_LIKERT);

  close_dialog (dialog);
}

static void
test_scale_editor (void)
{
  g_autoptr(GFile) file = write_medals ();
  EbImportDialog *dialog = open_dialog (&file, 1);
  EbSurvey *survey = eb_import_dialog_get_survey (dialog);
  EbSurvey *imported = NULL;
  EbScaleEditor *editor;
  g_autofree char *levels = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *again_spec = NULL;
  g_autoptr(EbScale) edited = NULL;

  choose_role (dialog, MEDAL_SCHOOL, EB_COLUMN_ROLE_IGNORED);

  editor = EB_SCALE_EDITOR (eb_import_dialog_edit_scale (dialog, MEDAL));
  g_assert_nonnull (editor);
  g_object_ref (editor);
  iterate_pending ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (dialog));

  /* The answers as first seen, "Don't know" last and marked; the other
   * column with these answers goes along by default. */
  levels = dup_levels (editor);
  g_assert_cmpstr (levels, ==, "Silver|Gold|Bronze|Don't know!");
  g_assert_true (eb_scale_editor_get_apply_to_all (editor));

  /* What a drop of Bronze on the first row, or its Move Up, does. */
  eb_scale_editor_move_level (editor, find_level (editor, "Bronze"), 0);
  g_clear_pointer (&levels, g_free);
  levels = dup_levels (editor);
  g_assert_cmpstr (levels, ==, "Bronze|Silver|Gold|Don't know!");
  g_assert_cmpint (eb_scale_editor_get_midpoint (editor), ==, 1);

  /* The arrows do the same from the keyboard: Silver down, then up again. */
  {
    g_autoptr(GPtrArray) downs = g_ptr_array_new ();
    g_autoptr(GPtrArray) ups = g_ptr_array_new ();

    collect_buttons (GTK_WIDGET (editor), "Move Down", downs);
    collect_buttons (GTK_WIDGET (editor), "Move Up", ups);
    g_assert_cmpuint (downs->len, ==, 4);
    g_assert_cmpuint (ups->len, ==, 4);
    g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (ups, 0)));
    g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (downs, 3)));

    g_signal_emit_by_name (g_ptr_array_index (downs, 1), "clicked");
    g_clear_pointer (&levels, g_free);
    levels = dup_levels (editor);
    g_assert_cmpstr (levels, ==, "Bronze|Gold|Silver|Don't know!");
    g_signal_emit_by_name (g_ptr_array_index (ups, 2), "clicked");
    g_clear_pointer (&levels, g_free);
    levels = dup_levels (editor);
    g_assert_cmpstr (levels, ==, "Bronze|Silver|Gold|Don't know!");
  }

  /* Reverse-coding turns the real answers round; "Don't know" stays. */
  eb_scale_editor_reverse (editor);
  g_clear_pointer (&levels, g_free);
  levels = dup_levels (editor);
  g_assert_cmpstr (levels, ==, "Gold|Silver|Bronze|Don't know!");
  eb_scale_editor_reverse (editor);

  /* As a real answer there are four, and no neutral middle; marked again,
   * three with Silver in the middle. */
  eb_scale_editor_set_non_substantive (editor, 3, FALSE);
  g_assert_false (eb_scale_editor_get_non_substantive (editor, 3));
  g_assert_cmpint (eb_scale_editor_get_midpoint (editor), ==, -1);
  eb_scale_editor_set_non_substantive (editor, 3, TRUE);
  g_assert_cmpint (eb_scale_editor_get_midpoint (editor), ==, 1);

  /* Fewer than two real answers make no scale. */
  eb_scale_editor_set_non_substantive (editor, 0, TRUE);
  eb_scale_editor_set_non_substantive (editor, 1, TRUE);
  g_assert_false (eb_scale_editor_get_can_apply (editor));
  g_assert_null (eb_scale_editor_dup_scale (editor));
  eb_scale_editor_set_non_substantive (editor, 0, FALSE);
  eb_scale_editor_set_non_substantive (editor, 1, FALSE);
  g_assert_true (eb_scale_editor_get_can_apply (editor));

  edited = eb_scale_editor_dup_scale (editor);
  spec = eb_scale_to_spec (edited);
  g_assert_cmpstr (spec, ==, "Bronze<Silver<Gold<Don't know!");

  eb_scale_editor_apply (editor);
  iterate_pending ();
  g_assert_finalize_object (editor);

  /* Both columns with these answers are Likert items on that scale. */
  g_clear_pointer (&spec, g_free);
  spec = dup_column_spec (survey, MEDAL);
  again_spec = dup_column_spec (survey, MEDAL_AGAIN);
  g_assert_cmpint (eb_survey_get_column_role (survey, MEDAL), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_cmpint (eb_survey_get_column_role (survey, MEDAL_AGAIN), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_cmpstr (spec, ==, "Bronze<Silver<Gold<Don't know!");
  g_assert_cmpstr (again_spec, ==, "Bronze<Silver<Gold<Don't know!");
  g_assert_cmpint (eb_column_role_row_get_role (EB_COLUMN_ROLE_ROW (eb_import_dialog_get_column_row (dialog, MEDAL_AGAIN))),
                   ==, EB_COLUMN_ROLE_LIKERT);

  /* Their preview columns, made again in place, show the new role. */
  {
    GtkColumnView *preview = eb_import_dialog_get_preview (dialog);
    GListModel *columns = gtk_column_view_get_columns (preview);
    g_autoptr(GtkColumnViewColumn) medal = g_list_model_get_item (columns, 1 + MEDAL);
    g_autoptr(GtkColumnViewColumn) again = g_list_model_get_item (columns, 1 + MEDAL_AGAIN);

    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 1 + 5);
    g_assert_cmpstr (gtk_column_view_column_get_title (medal), ==, "Medal");
    g_assert_cmpstr (gtk_column_view_column_get_title (again), ==, "Medal again");
    g_assert_nonnull (find_widget (GTK_WIDGET (preview), is_label_with_text, (gpointer) "Likert"));
  }

  /* Import hands over the survey as chosen, and the dialog closes. */
  g_signal_connect (dialog, "import-ready", G_CALLBACK (import_ready_cb), &imported);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  iterate_pending ();
  g_assert_nonnull (imported);
  g_clear_pointer (&spec, g_free);
  spec = dup_column_spec (imported, MEDAL);
  g_assert_cmpstr (spec, ==, "Bronze<Silver<Gold<Don't know!");
  g_assert_cmpint (eb_survey_get_column_role (imported, MEDAL_SCHOOL), ==, EB_COLUMN_ROLE_IGNORED);
  g_assert_cmpint (eb_survey_get_column_role (imported, MEDAL), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_cmpuint (eb_survey_get_n_rows (imported), ==, N_MEDAL_ROWS);

  g_assert_finalize_object (dialog);
  g_assert_finalize_object (imported);
}

static void
test_header_rows (void)
{
  g_autoptr(GFile) file = write_medals ();
  EbImportDialog *dialog = open_dialog (&file, 1);
  EbSurvey *survey;

  choose_role (dialog, MEDAL_SCHOOL, EB_COLUMN_ROLE_IGNORED);

  /* Two header rows: the first response becomes part of the titles. */
  eb_import_dialog_set_header_rows (dialog, 2);
  g_assert_true (eb_import_dialog_get_busy (dialog));
  wait_until_idle (dialog);
  survey = eb_import_dialog_get_survey (dialog);
  g_assert_cmpuint (eb_survey_get_header_rows (survey), ==, 2);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, N_MEDAL_ROWS - 1);
  g_assert_cmpstr (eb_survey_get_column_name (survey, MEDAL_SCHOOL), !=, "School");

  /* Back to one: the role chosen for "School" comes back with it. */
  eb_import_dialog_set_header_rows (dialog, 1);
  wait_until_idle (dialog);
  survey = eb_import_dialog_get_survey (dialog);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, N_MEDAL_ROWS);
  g_assert_cmpstr (eb_survey_get_column_name (survey, MEDAL_SCHOOL), ==, "School");
  g_assert_cmpint (eb_survey_get_column_role (survey, MEDAL_SCHOOL), ==, EB_COLUMN_ROLE_IGNORED);

  close_dialog (dialog);
}

static void
test_merge (void)
{
  GFile *files[2];
  EbImportDialog *dialog;
  EbSurvey *survey;
  EbSurvey *imported = NULL;

  files[0] = write_file ("wave1.csv", wave1_csv, -1);
  files[1] = write_file ("wave2.csv", wave2_csv, -1);
  dialog = open_dialog (files, 2);
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  /* Rows of both files, under a first column naming each row's file;
   * columns matched by title, those of one file only at the end. */
  survey = eb_import_dialog_get_survey (dialog);
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 3 + 2);
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, 6);
  g_assert_cmpstr (eb_survey_get_column_name (survey, 0), ==, "Source");
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 0), ==, "wave1.csv");
  g_assert_cmpstr (eb_survey_get_cell (survey, 4, 0), ==, "wave2.csv");
  g_assert_cmpstr (eb_survey_get_column_name (survey, 5), ==, "Extra question");
  g_assert_cmpstr (eb_survey_get_cell (survey, 0, 5), ==, "");
  g_assert_cmpint (eb_survey_get_column_role (survey, 3), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (eb_import_dialog_get_preview (dialog))), ==, 1 + 6);

  /* Another name for the source column stacks the files again. */
  eb_import_dialog_set_source_column (dialog, "Wave");
  g_assert_true (eb_import_dialog_get_busy (dialog));
  wait_until_idle (dialog);
  survey = eb_import_dialog_get_survey (dialog);
  g_assert_cmpstr (eb_survey_get_column_name (survey, 0), ==, "Wave");
  g_assert_cmpuint (eb_survey_get_n_rows (survey), ==, 5);

  /* The title of a column of the files would mix the two: refused. */
  eb_import_dialog_set_source_column (dialog, "Programme");
  g_assert_false (eb_import_dialog_get_busy (dialog));
  g_assert_cmpstr (eb_survey_get_column_name (eb_import_dialog_get_survey (dialog), 0), ==, "Wave");

  /* None at all. */
  eb_import_dialog_set_source_column (dialog, "");
  wait_until_idle (dialog);
  survey = eb_import_dialog_get_survey (dialog);
  g_assert_cmpstr (eb_survey_get_column_name (survey, 0), ==, "ID");
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, 5);

  eb_import_dialog_set_source_column (dialog, "Source");
  wait_until_idle (dialog);
  g_signal_connect (dialog, "import-ready", G_CALLBACK (import_ready_cb), &imported);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  iterate_pending ();
  g_assert_nonnull (imported);
  g_assert_cmpstr (eb_survey_get_column_name (imported, 0), ==, "Source");
  g_assert_cmpuint (eb_survey_get_n_rows (imported), ==, 5);

  g_assert_finalize_object (dialog);
  g_assert_finalize_object (imported);
}

static void
test_error (void)
{
  g_autoptr(GFile) file = write_file ("broken.csv", broken_csv, -1);
  EbImportDialog *dialog = open_dialog (&file, 1);
  EbSurvey *imported = NULL;
  const GError *error = eb_import_dialog_get_error (dialog);
  GtkWidget *page;
  GtkWidget *button;
  const char *description;

  g_assert_null (eb_import_dialog_get_survey (dialog));
  g_assert_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_QUOTE);

  /* The error page says what and where: file, row and column. */
  page = get_visible_page (dialog);
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "Cannot Read “broken.csv”");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (page));
  g_assert_nonnull (strstr (description, "broken.csv"));
  g_assert_nonnull (strstr (description, "row 3"));
  g_assert_nonnull (strstr (description, "column 2"));
  button = find_widget (page, is_button_for_action, (gpointer) "import.choose-file");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* Nothing to import. */
  g_signal_connect (dialog, "import-ready", G_CALLBACK (import_ready_cb), &imported);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  iterate_pending ();
  g_assert_null (imported);

  close_dialog (dialog);
}

static void
test_stop (void)
{
  g_autoptr(GString) csv = g_string_new ("ID,Answer\n");
  g_autoptr(GFile) file = NULL;
  EbImportDialog *dialog;
  GtkWidget *page;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  for (guint i = 0; i < N_BIG_ROWS; i++)
    g_string_append_printf (csv, "%u,%s\n", i + 1, i % 2 ? "Agree" : "Disagree");
  file = write_file ("big.csv", csv->str, csv->len);

  /* Stopped at once: the worker stops, and the dialog says so. */
  dialog = EB_IMPORT_DIALOG (eb_import_dialog_new (NULL, &file, 1));
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.stop", NULL));
  /* Not blocking in the main loop: a missed wake-up must fail the test,
   * not hang it. */
  while (eb_import_dialog_get_error (dialog) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  iterate_pending ();
  g_assert_false (eb_import_dialog_get_busy (dialog));
  g_assert_null (eb_import_dialog_get_survey (dialog));
  page = get_visible_page (dialog);
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "Reading Stopped");

  /* Read again, to the end. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.try-again", NULL));
  wait_until_idle (dialog);
  g_assert_nonnull (eb_import_dialog_get_survey (dialog));
  g_assert_cmpuint (eb_survey_get_n_rows (eb_import_dialog_get_survey (dialog)), ==, N_BIG_ROWS);
  g_assert_null (eb_import_dialog_get_error (dialog));

  close_dialog (dialog);
}

/* A workbook with a sheet of responses and a hidden sheet of codes. */
static GFile *
write_workbook (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "two-sheets.xlsx", NULL);
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *responses = workbook_add_worksheet (workbook, "Responses");
  lxw_worksheet *codes = workbook_add_worksheet (workbook, "Codes");

  worksheet_write_string (responses, 0, 0, "ID", NULL);
  worksheet_write_string (responses, 0, 1, "I feel confident", NULL);
  for (int i = 1; i <= 4; i++)
    {
      worksheet_write_number (responses, i, 0, i, NULL);
      worksheet_write_string (responses, i, 1, i % 2 ? "Agree" : "Disagree", NULL);
    }
  worksheet_write_string (codes, 0, 0, "Code", NULL);
  worksheet_write_string (codes, 0, 1, "Meaning", NULL);
  worksheet_write_string (codes, 0, 2, "Group", NULL);
  worksheet_write_string (codes, 1, 0, "1CN", NULL);
  worksheet_write_string (codes, 1, 1, "First cohort", NULL);
  worksheet_write_string (codes, 1, 2, "A", NULL);
  worksheet_hide (codes);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  return g_file_new_for_path (path);
}

static void
test_sheets (void)
{
  g_autoptr(GFile) file = write_workbook ();
  EbImportDialog *dialog = open_dialog (&file, 1);
  EbSurvey *survey = eb_import_dialog_get_survey (dialog);
  GtkWidget *sheet_row;
  GListModel *sheets;

  g_assert_nonnull (survey);
  g_assert_cmpstr (eb_survey_get_sheet (survey), ==, "Responses");
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, 2);

  /* Both sheets to choose from, the hidden one marked. */
  sheet_row = find_widget (GTK_WIDGET (dialog), is_combo_row, NULL);
  g_assert_nonnull (sheet_row);
  g_assert_true (gtk_widget_get_visible (sheet_row));
  sheets = adw_combo_row_get_model (ADW_COMBO_ROW (sheet_row));
  g_assert_cmpuint (g_list_model_get_n_items (sheets), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (sheets), 0), ==, "Responses");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (sheets), 1), ==, "Codes (hidden)");

  adw_combo_row_set_selected (ADW_COMBO_ROW (sheet_row), 1);
  g_assert_true (eb_import_dialog_get_busy (dialog));
  wait_until_idle (dialog);
  survey = eb_import_dialog_get_survey (dialog);
  g_assert_cmpstr (eb_survey_get_sheet (survey), ==, "Codes");
  g_assert_cmpuint (eb_survey_get_n_columns (survey), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sheet_row)), ==, 1);

  close_dialog (dialog);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  tmp_dir = g_dir_make_tmp ("test-import-dialog-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import-dialog/preview", test_preview);
  g_test_add_func ("/import-dialog/wide", test_wide);
  g_test_add_func ("/import-dialog/scale-editor", test_scale_editor);
  g_test_add_func ("/import-dialog/header-rows", test_header_rows);
  g_test_add_func ("/import-dialog/merge", test_merge);
  g_test_add_func ("/import-dialog/error", test_error);
  g_test_add_func ("/import-dialog/stop", test_stop);
  g_test_add_func ("/import-dialog/sheets", test_sheets);

  status = g_test_run ();

  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
