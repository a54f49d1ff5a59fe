/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "gui-test-util.h"
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "eb-application.h"
#include "eb-data-view.h"
#include "eb-preferences-window.h"
#include "eb-window-private.h"
#include "eb-likert-chart.h"
#include "eb-likert-selection.h"
#include "eb-likert-view.h"
#include "eb-quote-list-view.h"
#include "eb-quote-list.h"
#include "eb-quotes-view.h"
#include "survey-detect.h"

/* One application for the whole run, registered (so that its startup adds
 * the actions and accelerators) but never run: the tests iterate the main
 * context themselves. */
static EbApplication *app;
static char *tmp_root;

static const char small_csv[] =
  "Participant,Programme,I feel confident teaching fractions,Comments\n"
  "1,1CN,Agree,Seeing the activities modelled\n"
  "2,1CN2,Strongly agree,\n"
  "3,1CN,Disagree,\"Too fast, but useful\"\n";

static void
wait_until_idle (EbWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (eb_window_get_busy (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  iterate_pending ();
}

/* A path in the test's own folder of files, which exists. */
static char *
file_path (const char *name)
{
  g_autofree char *dir = g_build_filename (tmp_root, "files", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  return g_build_filename (dir, name, NULL);
}

static char *
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = file_path (name);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

static char *
untitled_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "evalbench", "untitled", NULL);
}

static guint
count_untitled_projects (void)
{
  g_autofree char *dir_path = untitled_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".evalbench"))
        n++;
    }

  return n;
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static EbWindow *
new_window (void)
{
  EbWindow *window = eb_window_new (GTK_APPLICATION (app));

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  iterate_pending ();

  return window;
}

/* Closes a window that asks nothing, and checks that nothing keeps it. */
static void
close_window (EbWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  iterate_pending ();
  g_assert_finalize_object (window);
}

static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *transient_for)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type)
          && gtk_widget_get_visible (GTK_WIDGET (window))
          && (transient_for == NULL || gtk_window_get_transient_for (window) == transient_for))
        return window;
    }

  return NULL;
}

/* Answers the dialog WINDOW shows on closing and waits until the window
 * is gone. The test's own reference is dropped first, so that the window
 * is finalized by the application as it would be in use: a dialog that
 * outlived its parent would warn, and warnings are fatal here. */
static void
answer_close_dialog (EbWindow   *window,
                     const char *response)
{
  GtkWindow *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GWeakRef weak;

  g_assert_nonnull (dialog);
  g_weak_ref_init (&weak, window);
  g_object_unref (window);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  for (;;)
    {
      g_autoptr(GObject) alive = g_weak_ref_get (&weak);

      if (alive == NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_clear_object (&alive);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_weak_ref_clear (&weak);
  iterate_pending ();
}

/* Whether a window action is enabled, as a button bound to it sees it. */
static gboolean
action_enabled (EbWindow   *window,
                const char *action_name)
{
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action_name);
  gtk_stack_add_named (window->stack, probe, "probe");
  iterate_pending ();
  enabled = gtk_widget_get_sensitive (probe);
  gtk_stack_remove (window->stack, probe);

  return enabled;
}

static EbWindow *
import_small_survey (const char *name)
{
  g_autofree char *path = write_file (name, small_csv, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EbWindow *window = new_window ();

  eb_window_open_file (window, file);
  g_assert_true (eb_window_get_busy (window));
  wait_until_idle (window);

  return window;
}

/* Collects "action=accel" for the shortcuts a widget class installed. */
static void
collect_class_shortcuts (GtkWidget *widget,
                         GPtrArray *found)
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
          g_autofree char *trigger = NULL;

          if (!GTK_IS_NAMED_ACTION (action))
            continue;

          trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_ptr_array_add (found, g_strdup_printf ("%s=%s",
                                                   gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                                   trigger));
        }
    }
}

static void
collect_help_accels (GtkWidget *widget,
                     GPtrArray *found)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accel = NULL;

      g_object_get (widget, "accelerator", &accel, NULL);
      g_ptr_array_add (found, g_steal_pointer (&accel));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_help_accels (child, found);
}

static gboolean
strv_has (GPtrArray  *array,
          const char *value)
{
  return g_ptr_array_find_with_equal_func (array, value, g_str_equal, NULL);
}

static void
test_menu (void)
{
  static const char * const expected[] = {
    "app.open", "app.import", "win.save-as", "win.export",
    "app.preferences", "win.show-help-overlay", "app.about",
  };
  EbWindow *window = new_window ();
  GMenuModel *menu = gtk_menu_button_get_menu_model (window->primary_menu_button);
  guint n_found = 0;

  g_assert_nonnull (menu);
  g_assert_true (gtk_menu_button_get_primary (window->primary_menu_button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      g_assert_nonnull (section);
      for (int j = 0; j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;
          g_autofree char *label = NULL;

          g_assert_true (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION,
                                                          "s", &action));
          g_assert_true (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL,
                                                          "s", &label));
          g_assert_cmpuint (n_found, <, G_N_ELEMENTS (expected));
          g_assert_cmpstr (action, ==, expected[n_found]);
          g_assert_cmpuint (strlen (label), >, 0);
          n_found++;
        }
    }
  g_assert_cmpuint (n_found, ==, G_N_ELEMENTS (expected));

  /* Nothing to export before there is a survey. */
  g_assert_false (action_enabled (window, "win.export"));

  close_window (window);
}

static void
test_accels (void)
{
  static const struct {
    const char *action;
    const char *accel;
  } app_accels[] = {
    { "app.open", "<Control>o" },
    { "app.import", "<Control>i" },
    { "app.new-window", "<Control>n" },
    { "app.preferences", "<Control>comma" },
    { "app.quit", "<Control>q" },
    { "win.show-help-overlay", "<Control>question" },
  };
  static const struct {
    const char *action;
    const char *accel;
  } window_accels[] = {
    { "win.save-as", "<Control><Shift>s" },
    { "win.export", "<Control>e" },
    { "win.find", "<Control>f" },
    { "window.close", "<Control>w" },
  };
  EbWindow *window = new_window ();
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) help = g_ptr_array_new_with_free_func (g_free);
  GtkShortcutsWindow *overlay;

  collect_class_shortcuts (GTK_WIDGET (window), shortcuts);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  collect_help_accels (GTK_WIDGET (overlay), help);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    app_accels[i].action);

      g_test_message ("%s", app_accels[i].action);
      g_assert_true (g_strv_contains ((const char * const *) accels, app_accels[i].accel));
      /* Every shortcut is in the shortcuts window. */
      g_assert_true (strv_has (help, app_accels[i].accel));
    }

  for (guint i = 0; i < G_N_ELEMENTS (window_accels); i++)
    {
      g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (window_accels[i].accel);
      g_autofree char *normalized = gtk_shortcut_trigger_to_string (trigger);
      g_autofree char *entry = g_strdup_printf ("%s=%s", window_accels[i].action, normalized);

      g_test_message ("%s", entry);
      g_assert_true (strv_has (shortcuts, entry));
      g_assert_true (strv_has (help, window_accels[i].accel));
    }

  /* The main menu, from the header bar's menu button. */
  g_assert_true (strv_has (help, "F10"));
  /* The Quotes page's respondent panel, folded in a narrow window. */
  g_assert_true (strv_has (help, "F9"));

  close_window (window);
}

static void
test_empty_state (void)
{
  EbWindow *window;

  reset_settings ();
  window = new_window ();

  g_assert_null (eb_window_get_project (window));
  g_assert_false (eb_window_get_busy (window));
  g_assert_true (eb_window_is_blank (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (window->empty_page), ==, "Import a Survey");
  /* No recent projects yet: the list is hidden. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->recent_group)));

  g_assert_false (action_enabled (window, "win.save-as"));
  g_assert_false (action_enabled (window, "win.find"));
  g_assert_true (action_enabled (window, "app.import"));
  g_assert_true (action_enabled (window, "app.open"));

  close_window (window);
}

static void
test_import (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = untitled_dir ();
  g_autofree char *project_path = NULL;
  EbWindow *window;
  EbProject *project;
  GtkWindow *dialog;
  GtkWidget *focus;

  reset_settings ();
  window = import_small_survey ("peer-survey.csv");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "data");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (EB_DATA_VIEW (window->data_view)), ==, 3);

  /* The survey went into a new untitled project in the data folder. */
  project = eb_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_true (eb_project_is_untitled (project));
  g_assert_true (eb_project_has_survey (project));
  project_path = g_strdup (eb_project_get_path (project));
  g_assert_true (g_str_has_prefix (project_path, dir));
  g_assert_true (g_file_test (project_path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpstr (adw_view_switcher_title_get_title (window->switcher_title), ==, "Untitled Project");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, "peer-survey.csv");

  g_assert_true (action_enabled (window, "win.save-as"));
  g_assert_true (action_enabled (window, "win.find"));

  /* Ctrl+F: the focus goes to the Data view's search entry. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, window->data_view));

  /* A second survey does not replace this one: it opens another window. */
  {
    g_autofree char *path = write_file ("second.csv", small_csv, -1);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    guint n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
    EbWindow *second;

    eb_window_open_file (window, file);
    g_assert_false (eb_window_get_busy (window));
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows + 1);
    second = EB_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
    g_assert_true (second != window);
    g_object_ref (second);
    wait_until_idle (second);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (second->stack), ==, "data");

    /* Closing it asks; discarding removes its untitled file. */
    g_assert_cmpuint (count_untitled_projects (), ==, 2);
    gtk_window_close (GTK_WINDOW (second));
    iterate_pending ();
    answer_close_dialog (second, "discard");
    g_assert_cmpuint (count_untitled_projects (), ==, 1);
  }

  /* Closing asks whether to save; Cancel keeps the window. The size is
   * wider than the window's minimum (under 720 px). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 640);
  gtk_window_close (GTK_WINDOW (window));
  iterate_pending ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Save the imported survey?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  iterate_pending ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (g_file_test (project_path, G_FILE_TEST_IS_REGULAR));

  /* Discard closes the window and deletes the untitled project. */
  gtk_window_close (GTK_WINDOW (window));
  iterate_pending ();
  answer_close_dialog (window, "discard");
  g_assert_false (g_file_test (project_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_untitled_projects (), ==, 0);

  /* The size the window had is what the next one gets. */
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
}

static void
test_save_as_and_reopen (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *target = file_path ("Peer mentoring.evalbench");
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  g_autofree char *untitled_path = NULL;
  g_auto(GStrv) recent = NULL;
  EbWindow *window;
  EbWindow *other;
  guint n_windows;

  reset_settings ();
  window = import_small_survey ("peer-mentoring.csv");
  untitled_path = g_strdup (eb_project_get_path (eb_window_get_project (window)));

  _eb_window_save_as (window, target_file, FALSE);
  g_assert_true (eb_window_get_busy (window));
  wait_until_idle (window);

  g_assert_false (eb_project_is_untitled (eb_window_get_project (window)));
  g_assert_cmpstr (eb_project_get_path (eb_window_get_project (window)), ==, target);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (untitled_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (adw_view_switcher_title_get_title (window->switcher_title), ==, "Peer mentoring");
  g_assert_true (g_str_has_prefix (adw_view_switcher_title_get_subtitle (window->switcher_title), "Saved"));

  recent = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (recent), ==, 1);
  g_assert_cmpstr (recent[0], ==, target);

  /* Opening a project this process already shows presents its window. */
  other = new_window ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (other->recent_group)));
  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  eb_window_open_file (other, target_file);
  g_assert_false (eb_window_get_busy (other));
  g_assert_null (eb_window_get_project (other));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows);

  /* A saved project closes without asking. */
  close_window (window);

  /* Reopened from the recent list of the empty window. */
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (other->recent_list, 0);

    g_assert_nonnull (row);
    g_signal_emit_by_name (row, "activate");
    g_assert_true (eb_window_get_busy (other));
    wait_until_idle (other);
  }
  g_assert_nonnull (eb_window_get_project (other));
  g_assert_cmpstr (eb_project_get_path (eb_window_get_project (other)), ==, target);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (other->stack), ==, "data");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (EB_DATA_VIEW (other->data_view)), ==, 3);

  close_window (other);
}

static void
test_locked_project (void)
{
  g_autofree char *path = file_path ("locked.evalbench");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbProject) holder = NULL;
  EbWindow *window;
  GtkWindow *dialog;

  /* Another holder of the project, as another Evalbench would be. */
  holder = eb_project_open (path, &error);
  g_assert_no_error (error);

  window = new_window ();
  eb_window_open_file (window, file);
  wait_until_idle (window);

  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Project Already Open");
  g_assert_null (eb_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  iterate_pending ();

  eb_project_close (holder);
  close_window (window);
}

static void
test_import_error (void)
{
  /* A quoted field that never ends: the importer names row and column. */
  g_autofree char *path = write_file ("broken.csv",
                                      "Participant,Comments\n1,\"never closed\n2,fine\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *missing = file_path ("missing.evalbench");
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  EbWindow *window = new_window ();

  eb_window_open_file (window, file);
  wait_until_idle (window);
  g_assert_null (eb_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");
  g_assert_cmpuint (count_untitled_projects (), ==, 0);

  /* A missing project is an error, not a new empty file. */
  eb_window_open_file (window, missing_file);
  wait_until_idle (window);
  g_assert_null (eb_window_get_project (window));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  close_window (window);
}

static void
test_cancel (void)
{
  g_autoptr(GString) big = g_string_new ("Participant,Programme,Rating,Comments\n");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  EbWindow *window;

  for (guint i = 1; i <= 20000; i++)
    g_string_append_printf (big, "%u,%s,%s,Comment number %u\n", i,
                            i % 2 ? "1CN" : "1CN2", i % 3 ? "Agree" : "Disagree", i);
  path = write_file ("big.csv", big->str, big->len);
  file = g_file_new_for_path (path);

  window = new_window ();
  eb_window_open_file (window, file);
  g_assert_true (eb_window_get_busy (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->cancel_button)));
  g_signal_emit_by_name (window->cancel_button, "clicked");
  wait_until_idle (window);

  g_assert_null (eb_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");
  g_assert_cmpuint (count_untitled_projects (), ==, 0);

  close_window (window);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static void
test_drop (void)
{
  g_autofree char *path = write_file ("dropped.csv", small_csv, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList *files = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  GdkDragAction action = 0;
  gboolean accepted = FALSE;
  EbWindow *window = new_window ();
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));

  g_assert_nonnull (target);
  g_assert_true (gtk_drop_target_get_actions (target) & GDK_ACTION_COPY);

  /* Hovering shows the highlight; leaving hides it again. */
  g_assert_false (gtk_widget_get_visible (window->drop_highlight));
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_get_visible (window->drop_highlight));
  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_get_visible (window->drop_highlight));

  /* Dropping a survey imports it like the Import button does. */
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);

  g_assert_true (accepted);
  g_assert_false (gtk_widget_get_visible (window->drop_highlight));
  g_assert_true (eb_window_get_busy (window));
  wait_until_idle (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "data");
  g_assert_cmpuint (eb_data_view_get_n_visible_rows (EB_DATA_VIEW (window->data_view)), ==, 3);

  gtk_window_close (GTK_WINDOW (window));
  iterate_pending ();
  answer_close_dialog (window, "discard");
}

/* `evalbench survey.csv`: GApplication::open makes a window and imports. */
static void
test_application_open (void)
{
  g_autofree char *path = write_file ("from-command-line.csv", small_csv, -1);
  GFile *files[1];
  EbWindow *window;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  files[0] = g_file_new_for_path (path);
  g_application_open (G_APPLICATION (app), files, 1, "");
  g_object_unref (files[0]);

  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (app)));
  window = g_object_ref (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_assert_true (EB_IS_WINDOW (window));
  wait_until_idle (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "data");
  g_assert_true (eb_project_is_untitled (eb_window_get_project (window)));

  gtk_window_close (GTK_WINDOW (window));
  iterate_pending ();
  answer_close_dialog (window, "discard");
  g_assert_cmpuint (count_untitled_projects (), ==, 0);
}

static void
test_window_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  EbWindow *window;
  int width, height;

  reset_settings ();
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);

  window = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  close_window (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkWidget *preferences;
  AdwComboRow *style_row = NULL;
  AdwEntryRow *coder_row = NULL;
  GtkWidget *child;

  reset_settings ();
  preferences = eb_preferences_window_new (NULL);
  g_object_ref_sink (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  iterate_pending ();

  /* Find the two rows by walking the window. */
  child = GTK_WIDGET (preferences);
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, child);
    while (stack->len > 0)
      {
        GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

        if (ADW_IS_COMBO_ROW (widget))
          style_row = ADW_COMBO_ROW (widget);
        else if (ADW_IS_ENTRY_ROW (widget))
          coder_row = ADW_ENTRY_ROW (widget);

        for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
  }
  g_assert_nonnull (style_row);
  g_assert_nonnull (coder_row);
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 0);

  adw_combo_row_set_selected (style_row, 2);
  g_assert_cmpstr (g_settings_get_string (settings, "color-scheme"), ==, "dark");
  iterate_pending ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);

  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 1);
  iterate_pending ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  gtk_editable_set_text (GTK_EDITABLE (coder_row), "Coder A");
  g_assert_cmpstr (g_settings_get_string (settings, "coder-name"), ==, "Coder A");

  reset_settings ();
  iterate_pending ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);
}

static void
test_about (void)
{
  EbWindow *window = new_window ();
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  iterate_pending ();

  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Evalbench");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);

  close_window (window);
}

/* Ctrl+Q closes every window, dialogs and all, and asks nothing when
 * nothing is unsaved. No reference is kept: warnings about windows that
 * outlive their parents would be fatal. */
static void
test_application_quit (void)
{
  EbWindow *window = eb_window_new (GTK_APPLICATION (app));
  EbWindow *other = eb_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (other));
  gtk_window_present (GTK_WINDOW (window));
  iterate_pending ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  iterate_pending ();
  g_assert_nonnull (find_toplevel (EB_TYPE_PREFERENCES_WINDOW, NULL));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  iterate_pending ();
  g_assert_nonnull (find_toplevel (ADW_TYPE_ABOUT_WINDOW, NULL));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  iterate_pending ();

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_null (find_toplevel (EB_TYPE_PREFERENCES_WINDOW, NULL));
  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW, NULL));
  g_assert_null (find_toplevel (EB_TYPE_WINDOW, NULL));
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  return g_remove (path) == 0;
}

/* What the Import dialog hands over (a survey read already, roles and
 * scales as the user chose) lands in a new untitled project, and the
 * Quotes and Diagram pages get its codebook. */
static void
test_import_survey (void)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbScale) scale = eb_scale_parse_spec ("Bronze<Silver<Gold", NULL);
  const char *rows[][2] = { { "1", "Gold" }, { "2", "Bronze" }, { "3", "Silver" } };
  EbWindow *window = new_window ();
  g_autoptr(EbSurvey) stored = NULL;

  eb_survey_add_column (survey, "ID");
  eb_survey_add_column (survey, "Medal");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    eb_survey_append_row (survey, rows[i], 2);
  eb_survey_set_source_file (survey, "/tmp/medals.csv");
  eb_survey_detect (survey, NULL);
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_scale (survey, 1, scale);

  eb_window_import_survey (window, survey);
  wait_until_idle (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "data");
  g_assert_true (eb_project_is_untitled (eb_window_get_project (window)));
  g_assert_nonnull (window->coding_store);
  g_assert_nonnull (window->diagram);

  /* The project holds the user's choices, not a fresh detection. */
  stored = eb_project_load_survey (eb_window_get_project (window), NULL);
  g_assert_nonnull (stored);
  g_assert_cmpint (eb_survey_get_column_role (stored, 1), ==, EB_COLUMN_ROLE_LIKERT);
  g_assert_true (eb_scale_equal (eb_survey_get_column_scale (stored, 1), scale));

  /* Discarding drops the test's reference and waits for the window to go. */
  gtk_window_close (GTK_WINDOW (window));
  iterate_pending ();
  answer_close_dialog (window, "discard");
  g_assert_cmpuint (count_untitled_projects (), ==, 0);
}

/* The linked panels on the example project: clicking a Likert segment
 * leaves exactly those respondents' quotes in the Quotes page, and
 * clearing it brings them all back. */
static void
test_likert_filters_quotes (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length = 0;
  EbWindow *window = new_window ();
  EbLikertChart *chart;
  EbLikertSelection *selection;
  EbQuoteListView *list;
  EbQuoteList *quotes;
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);
  guint expected = 0, all;

  /* A copy: the build's project stays as the build made it. */
  g_assert_true (g_file_get_contents (g_getenv ("EB_EXAMPLE_PROJECT"), &contents, &length, NULL));
  path = write_file ("linked.evalbench", contents, (gssize) length);
  file = g_file_new_for_path (path);
  eb_window_open_file (window, file);
  wait_until_idle (window);
  g_assert_nonnull (window->coding_store);

  list = eb_quotes_view_get_quote_list (EB_QUOTES_VIEW (window->quotes_view));
  quotes = eb_coding_store_get_quotes (window->coding_store);
  all = eb_quote_list_view_get_n_visible (list);
  g_assert_cmpuint (all, ==, 347);

  /* "Increase my confidence…" (item 5) = "Strongly developed" (level 4). */
  chart = eb_likert_view_get_chart (EB_LIKERT_VIEW (window->likert_view));
  g_assert_true (eb_likert_chart_select (chart, 4, 0, 3, FALSE));
  iterate_pending ();
  selection = eb_likert_view_get_selection (EB_LIKERT_VIEW (window->likert_view));
  g_assert_nonnull (selection);
  g_assert_cmpuint (eb_likert_selection_get_n_rows (selection), ==, 177);
  for (guint i = 0; i < eb_likert_selection_get_n_rows (selection); i++)
    g_hash_table_add (rows, GUINT_TO_POINTER (g_array_index (eb_likert_selection_get_rows (selection),
                                                             guint, i)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (quotes)); i++)
    expected += g_hash_table_contains (rows, GUINT_TO_POINTER (
                  eb_quote_get_row (eb_quote_list_get_quote (quotes, i))));
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all);
  g_assert_cmpuint (eb_quote_list_view_get_n_visible (list), ==, expected);

  eb_quotes_view_clear_respondent_filter (EB_QUOTES_VIEW (window->quotes_view));
  iterate_pending ();
  g_assert_cmpuint (eb_quote_list_view_get_n_visible (list), ==, all);

  close_window (window);
}

/* ---- A narrow window ---- */

/* What a GNOME user has when the window shares a 1366-px screen with
 * another one, with a little to spare. */
#define NARROW_WIDTH 720

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static void
collect_toolbars (GtkWidget *widget,
                  GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (gtk_widget_has_css_class (widget, "toolbar"))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_toolbars (child, found);
}

static gboolean
is_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || ADW_IS_SPLIT_BUTTON (widget);
}

static gboolean
is_control (GtkWidget *widget)
{
  return is_button (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_DROP_DOWN (widget)
         || (GTK_IS_LABEL (widget) && *gtk_label_get_label (GTK_LABEL (widget)) != '\0');
}

/* Checks that every shown widget under WIDGET lies inside TOOLBAR, and
 * that every control (a button, an entry, a label with text) has a size:
 * nothing cut off at the window's edge or squeezed to nothing. With
 * ALL_BUTTONS, every button that is not hidden must be shown too: a
 * squeezer may drop a label, never a button. Returns how many controls
 * it saw. */
static guint
check_inside (GtkWidget *toolbar,
              GtkWidget *widget,
              gboolean   all_buttons)
{
  int width = gtk_widget_get_width (toolbar);
  int height = gtk_widget_get_height (toolbar);
  guint n_controls = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_visible (child))
        continue;
      if (!gtk_widget_get_mapped (child))
        {
          if (all_buttons && is_button (child))
            g_error ("%s is in the toolbar but not shown", G_OBJECT_TYPE_NAME (child));
          continue;
        }
      g_assert_true (gtk_widget_compute_bounds (child, toolbar, &bounds));
      if (bounds.origin.x < -0.5 || bounds.origin.y < -0.5
          || bounds.origin.x + bounds.size.width > width + 0.5
          || bounds.origin.y + bounds.size.height > height + 0.5)
        g_error ("%s at %g,%g %gx%g lies outside its toolbar (%dx%d)",
                 G_OBJECT_TYPE_NAME (child), bounds.origin.x, bounds.origin.y,
                 bounds.size.width, bounds.size.height, width, height);
      if (is_control (child))
        {
          if (bounds.size.width < 1 || bounds.size.height < 1)
            g_error ("%s has no room (%gx%g)", G_OBJECT_TYPE_NAME (child),
                     bounds.size.width, bounds.size.height);
          n_controls++;
        }
      n_controls += check_inside (toolbar, child, all_buttons);
    }
  return n_controls;
}

/* Checks each shown toolbar of PAGE as above, and that it lies inside
 * WINDOW. Returns how many controls the toolbars show. */
static guint
check_toolbars (EbWindow  *window,
                GtkWidget *page,
                gboolean   all_buttons)
{
  g_autoptr(GPtrArray) toolbars = g_ptr_array_new ();
  int window_width = gtk_widget_get_width (GTK_WIDGET (window));
  guint n_controls = 0;

  collect_toolbars (page, toolbars);
  g_assert_cmpuint (toolbars->len, >, 0);
  for (guint i = 0; i < toolbars->len; i++)
    {
      GtkWidget *toolbar = g_ptr_array_index (toolbars, i);
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (toolbar, GTK_WIDGET (window), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, window_width);
      g_test_message ("%s toolbar: minimum width %d, allocated %d",
                      G_OBJECT_TYPE_NAME (page), min_width (toolbar), gtk_widget_get_width (toolbar));
      n_controls += check_inside (toolbar, toolbar, all_buttons);
    }
  return n_controls;
}

/* The example project in a window as narrow as half a laptop's screen
 * (with a little to spare): the window can be made that narrow, and
 * every page then shows its toolbars whole, and the Quotes and Diagram
 * pages every one of their buttons. */
static void
test_narrow (void)
{
  static const struct {
    const char *name;
    gboolean    all_buttons;
  } page_checks[] = {
    { "data", FALSE }, { "likert", FALSE }, { "quotes", TRUE }, { "diagram", TRUE },
  };
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length = 0;
  EbWindow *window;
  guint n_pages;
  const EbWindowPage *pages = _eb_window_get_pages (&n_pages);
  GdkSurface *surface;
  gint64 deadline;

  reset_settings ();
  window = new_window ();
  g_assert_true (g_file_get_contents (g_getenv ("EB_EXAMPLE_PROJECT"), &contents, &length, NULL));
  path = write_file ("narrow.evalbench", contents, (gssize) length);
  file = g_file_new_for_path (path);
  eb_window_open_file (window, file);
  wait_until_idle (window);
  g_assert_nonnull (window->coding_store);

  for (guint i = 0; i < n_pages; i++)
    g_test_message ("page %s: minimum width %d", pages[i].name,
                    min_width (G_STRUCT_MEMBER (GtkWidget *, window, pages[i].offset)));
  g_test_message ("window: minimum width %d", min_width (GTK_WIDGET (window)));
  g_assert_cmpint (min_width (GTK_WIDGET (window)), <=, NARROW_WIDTH);

  gtk_window_set_default_size (GTK_WINDOW (window), NARROW_WIDTH, 700);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gdk_surface_get_width (surface) != NARROW_WIDTH)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  for (guint i = 0; i < G_N_ELEMENTS (page_checks); i++)
    {
      GtkWidget *page = adw_view_stack_get_child_by_name (window->view_stack, page_checks[i].name);

      g_assert_nonnull (page);
      _eb_window_show_page (window, page_checks[i].name);
      wait_for_frames (GTK_WIDGET (window));
      g_assert_true (gtk_widget_get_mapped (page));
      g_assert_cmpint (gtk_widget_get_width (page), <=, NARROW_WIDTH);
      g_assert_cmpuint (check_toolbars (window, page, page_checks[i].all_buttons), >, 0);
    }

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Everything the program writes (untitled projects, recently-used.xbel)
   * goes to a folder of our own, set before GLib caches the paths. */
  tmp_root = g_dir_make_tmp ("evalbench-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *data = g_build_filename (tmp_root, "data", NULL);
    g_autofree char *config = g_build_filename (tmp_root, "config", NULL);
    g_autofree char *cache = g_build_filename (tmp_root, "cache", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  app = eb_application_new ();
  /* Non-unique, so that a concurrent run cannot take our place. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/menu", test_menu);
  g_test_add_func ("/window/accels", test_accels);
  g_test_add_func ("/window/empty-state", test_empty_state);
  g_test_add_func ("/window/import", test_import);
  g_test_add_func ("/window/import-survey", test_import_survey);
  g_test_add_func ("/window/likert-filters-quotes", test_likert_filters_quotes);
  g_test_add_func ("/window/save-as-and-reopen", test_save_as_and_reopen);
  g_test_add_func ("/window/locked-project", test_locked_project);
  g_test_add_func ("/window/import-error", test_import_error);
  g_test_add_func ("/window/cancel", test_cancel);
  g_test_add_func ("/window/drop", test_drop);
  g_test_add_func ("/window/size", test_window_size);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/application/open", test_application_open);
  g_test_add_func ("/application/quit", test_application_quit);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/about", test_about);

  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (tmp_root);
  g_free (tmp_root);

  return status;
}
