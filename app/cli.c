/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "evalbench-cli"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "coding-analysis.h"
#include "csv-writer.h"
#include "eb-coding-store.h"
#include "eb-diagram.h"
#include "eb-project.h"
#include "export-figures.h"
#include "header-detect.h"
#include "likert-analysis.h"
#include "reliability.h"
#include "survey-detect.h"
#include "survey-import.h"
#include "survey-merge.h"
#include "workbook-export.h"

/* Options every command that reads a survey accepts (CLI.md). */
typedef struct
{
  char     *sheet;
  int       header_rows;
  char    **scale_specs;
  gboolean  json;
} CommonOptions;

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *synopsis;
  const char  *summary;
  CommandFunc  run;
} Command;

static int run_import   (int argc, char **argv);
static int run_describe (int argc, char **argv);
static int run_likert   (int argc, char **argv);
static int run_export   (int argc, char **argv);
static int run_quotes   (int argc, char **argv);

static const Command commands[] = {
  { "import", "SURVEY… -o PROJECT.evalbench", "Import one or more surveys into a new project", run_import },
  { "describe", "INPUT", "Show the columns of a survey or project with their roles and scales", run_describe },
  { "likert", "INPUT", "Print the Likert table (counts and percentages per item)", run_likert },
  { "quotes", "INPUT", "Print the open-ended answers with their themes", run_quotes },
  { "export", "INPUT", "Write the annotated workbook and the figures", run_export },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static void
print_main_help (void)
{
  g_print ("Usage:\n"
           "  evalbench [FILE]              Open the workbench; FILE is a survey or a project\n"
           "  evalbench COMMAND [OPTION…]   Work without a display\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, commands[i].summary);
  g_print ("\n"
           "Options:\n"
           "  -h, --help     Show this help; “evalbench COMMAND --help” shows a command’s options\n"
           "  --version      Show the version\n"
           "\n"
           "A survey is a .csv or .tsv file; a project is a .evalbench file.\n");
}

static GOptionEntry *
common_entries (CommonOptions *options)
{
  GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &options->sheet,
      "Spreadsheet sheet to read", "NAME" },
    { "header-rows", 0, 0, G_OPTION_ARG_INT, &options->header_rows,
      "Number of header rows (default: detect)", "N" },
    { "scale", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->scale_specs,
      "A scale's labels from lowest to highest, e.g. “Disagree<Neutral<Agree”; "
      "a trailing ! marks a non-substantive label (repeatable)", "SPEC" },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

static void
common_options_clear (CommonOptions *options)
{
  g_clear_pointer (&options->sheet, g_free);
  g_clear_pointer (&options->scale_specs, g_strfreev);
}

static GOptionContext *
command_context (const Command *command,
                 const char    *extra_help)
{
  g_autofree char *parameter = g_strdup_printf ("%s — %s", command->synopsis, command->summary);
  GOptionContext *context = g_option_context_new (parameter);
  g_autofree char *prgname = g_strdup_printf ("evalbench %s", command->name);

  g_set_prgname (prgname);
  if (extra_help != NULL)
    g_option_context_set_description (context, extra_help);
  return context;
}

static int
usage_error (const Command *command,
             const char    *message)
{
  g_printerr ("evalbench %s: %s\nTry “evalbench %s --help”.\n",
              command->name, message, command->name);
  return EB_EXIT_USAGE;
}

static GPtrArray *
parse_scales (char   **specs,
              GError **error)
{
  g_autoptr(GPtrArray) scales = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_scale_unref);

  for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
    {
      EbScale *scale = eb_scale_parse_spec (specs[i], error);

      if (scale == NULL)
        return NULL;
      g_ptr_array_add (scales, scale);
    }
  return g_steal_pointer (&scales);
}

static gboolean
is_project_file (const char *path)
{
  char header[16] = { 0 };
  FILE *file;
  gboolean sqlite;

  if (g_str_has_suffix (path, ".evalbench"))
    return TRUE;
  file = g_fopen (path, "rb");
  if (file == NULL)
    return FALSE;
  sqlite = fread (header, 1, sizeof header, file) == sizeof header &&
           memcmp (header, "SQLite format 3", 16) == 0;
  fclose (file);
  return sqlite;
}

static EbSurvey *
load_project_survey (const char  *path,
                     GError     **error)
{
  g_autoptr(EbProject) project = eb_project_open_readonly (path, error);
  EbSurvey *survey;

  if (project == NULL)
    return NULL;
  survey = eb_project_load_survey (project, error);
  if (survey == NULL && (error == NULL || *error == NULL))
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_EMPTY,
                   "“%s” holds no survey yet; import one with “evalbench import”", name);
    }
  return survey;
}

/* A survey file or a project: whatever the user named. */
static EbSurvey *
load_input (const char      *path,
            CommonOptions   *options,
            EbErrorLocation *location,
            GError         **error)
{
  g_autoptr(GPtrArray) scales = NULL;
  EbImportOptions import_options = EB_IMPORT_OPTIONS_INIT;
  EbSurvey *survey;

  scales = parse_scales (options->scale_specs, error);
  if (scales == NULL)
    return NULL;

  if (is_project_file (path))
    {
      location->file = g_strdup (path);
      survey = load_project_survey (path, error);
      /* --scale applies to a project's survey as it does to a file's. */
      if (survey != NULL && scales->len > 0)
        eb_survey_detect (survey, scales);
      return survey;
    }

  import_options.sheet = options->sheet;
  import_options.header_rows = options->header_rows;
  import_options.scales = scales;
  return eb_survey_import (path, &import_options, NULL, NULL, NULL, location, error);
}

static void
print_json_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_error_json (const GError          *error,
                  const EbErrorLocation *location)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_set_member_name (builder, "file");
  if (location->file != NULL)
    json_builder_add_string_value (builder, location->file);
  else
    json_builder_add_null_value (builder);
  if (location->sheet != NULL)
    {
      json_builder_set_member_name (builder, "sheet");
      json_builder_add_string_value (builder, location->sheet);
    }
  json_builder_set_member_name (builder, "row");
  if (location->row > 0)
    json_builder_add_int_value (builder, location->row);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "column");
  if (location->column > 0)
    json_builder_add_int_value (builder, location->column);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json_node (root);
}

/* Bad input: stderr names the file (and where it applies row and column);
 * with --json the same goes to stdout as an object. */
static int
input_error (const Command         *command,
             const GError          *error,
             const EbErrorLocation *location,
             gboolean               json)
{
  if (json)
    print_error_json (error, location);
  g_printerr ("evalbench %s: %s\n", command->name, error->message);
  return EB_EXIT_BAD_INPUT;
}

static guint
count_role (EbSurvey     *survey,
            EbColumnRole  role)
{
  guint n = 0;

  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    n += eb_survey_get_column_role (survey, c) == role;
  return n;
}

/* ---- import ---------------------------------------------------------- */

static EbSurvey *
import_all (char           **paths,
            CommonOptions   *options,
            const char      *source_column,
            EbErrorLocation *location,
            GError         **error)
{
  g_autoptr(GPtrArray) surveys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) scales = NULL;
  EbSurvey *merged;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      EbSurvey *survey;

      eb_error_location_clear (location);
      survey = load_input (paths[i], options, location, error);
      if (survey == NULL)
        return NULL;
      g_ptr_array_add (surveys, survey);
      g_ptr_array_add (labels, g_path_get_basename (paths[i]));
    }
  if (surveys->len == 1 && source_column == NULL)
    return g_object_ref (g_ptr_array_index (surveys, 0));

  merged = eb_survey_merge ((EbSurvey * const *) surveys->pdata,
                            (const char * const *) labels->pdata,
                            surveys->len, source_column);
  scales = parse_scales (options->scale_specs, NULL);
  eb_survey_merge_detect (merged, (EbSurvey * const *) surveys->pdata, surveys->len, scales);
  return merged;
}

/* The project is written beside its final name and renamed over it, so an
 * interrupted import never leaves a half-written project under that name. */
static gboolean
write_project (EbSurvey    *survey,
               const char  *output,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  g_autofree char *temp = g_strdup_printf ("%s/.%s.importing-%d", dir, base, (int) getpid ());
  g_autoptr(EbProject) project = NULL;

  if (g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_autoptr(EbProject) existing = eb_project_open (output, error);

      /* Refuse to replace a stranger's file or a project open in a window. */
      if (existing == NULL)
        return FALSE;
      eb_project_close (existing);
    }

  project = eb_project_open (temp, error);
  if (project == NULL)
    return FALSE;
  if (!eb_project_store_survey (project, survey, error) ||
      !eb_project_log (project, "import", eb_survey_get_source_file (survey),
                       "evalbench import", error))
    {
      eb_project_close (project);
      g_unlink (temp);
      return FALSE;
    }
  eb_project_close (project);
  if (g_rename (temp, output) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot write “%s”: %s", output, g_strerror (saved));
      g_unlink (temp);
      return FALSE;
    }
  return TRUE;
}

static int
run_import (int    argc,
            char **argv)
{
  const Command *command = find_command ("import");
  CommonOptions options = { NULL, -1, NULL, FALSE };
  g_autofree GOptionEntry *common = common_entries (&options);
  g_autofree char *output = NULL;
  g_autofree char *source_column = NULL;
  g_auto(GStrv) paths = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The project to write", "PROJECT.evalbench" },
    { "source-column", 0, 0, G_OPTION_ARG_STRING, &source_column,
      "Add a column NAME holding each row’s source file", "NAME" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "SURVEY…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context (command,
    "Surveys with the same column titles are stacked into one table.");
  g_auto(EbErrorLocation) location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, common, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = usage_error (command, error->message);
  else if (paths == NULL || paths[0] == NULL)
    status = usage_error (command, "no survey file given");
  else if (output == NULL)
    status = usage_error (command, "no project given; name one with -o PROJECT.evalbench");
  else if ((survey = import_all (paths, &options, source_column, &location, &error)) == NULL)
    status = g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE)
             ? usage_error (command, error->message)
             : input_error (command, error, &location, FALSE);
  else if (!write_project (survey, output, &error))
    {
      g_printerr ("evalbench import: %s\n", error->message);
      status = EB_EXIT_CANNOT_WRITE;
    }
  else
    {
      g_autofree char *name = g_path_get_basename (output);

      g_print ("Imported %u responses and %u columns (%u Likert items, %u open questions) into %s\n",
               eb_survey_get_n_rows (survey), eb_survey_get_n_columns (survey),
               count_role (survey, EB_COLUMN_ROLE_LIKERT),
               count_role (survey, EB_COLUMN_ROLE_TEXT), name);
      status = EB_EXIT_OK;
    }
  common_options_clear (&options);
  return status;
}

/* ---- describe -------------------------------------------------------- */

static void
add_scale_json (JsonBuilder *builder,
                EbScale     *scale)
{
  if (scale == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_array (builder);
  for (guint level = 0; level < eb_scale_get_n_levels (scale); level++)
    json_builder_add_string_value (builder, eb_scale_get_label (scale, level));
  json_builder_end_array (builder);
}

static void
print_describe_json (EbSurvey   *survey,
                     const char *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *sheet = eb_survey_get_sheet (survey);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "sheet");
  if (sheet != NULL)
    json_builder_add_string_value (builder, sheet);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "header_rows");
  json_builder_add_int_value (builder, eb_survey_get_header_rows (survey));
  /* Beyond CLI.md's shape, which it extends: the survey tool the header
   * rows were read as ("qualtrics", "plain", …), null when not known. */
  json_builder_set_member_name (builder, "header_style");
  if (eb_survey_get_header_style (survey) != NULL)
    json_builder_add_string_value (builder, eb_survey_get_header_style (survey));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, eb_survey_get_n_rows (survey));
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, eb_survey_get_column_name (survey, c));
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder,
        eb_column_role_to_string (eb_survey_get_column_role (survey, c)));
      json_builder_set_member_name (builder, "scale");
      add_scale_json (builder, eb_survey_get_column_scale (survey, c));
      json_builder_set_member_name (builder, "missing");
      json_builder_add_int_value (builder, eb_survey_count_missing (survey, c));
      json_builder_set_member_name (builder, "distinct");
      json_builder_add_int_value (builder, eb_survey_count_distinct (survey, c));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json_node (root);
}

/* Pads or cuts TEXT to WIDTH characters (not bytes: titles are UTF-8). */
static char *
fit (const char *text,
     guint       width)
{
  glong length = g_utf8_strlen (text, -1);
  GString *out;

  if ((guint) length > width)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, width - 1);

      return g_strconcat (cut, "…", NULL);
    }
  out = g_string_new (text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static void
print_describe_text (EbSurvey   *survey,
                     const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *title = fit ("Column", 44);

  g_autofree char *style = NULL;

  /* A plain table needs no saying. */
  if (eb_header_get_style (survey) != EB_HEADER_STYLE_PLAIN)
    style = g_strdup_printf (" (%s)", eb_header_style_get_label (eb_header_get_style (survey)));
  g_print ("%s: %u responses, %u columns, %u header row%s%s\n\n", name,
           eb_survey_get_n_rows (survey), eb_survey_get_n_columns (survey),
           eb_survey_get_header_rows (survey),
           eb_survey_get_header_rows (survey) == 1 ? "" : "s", style != NULL ? style : "");
  g_print ("  #  %s  %-9s  %7s  %8s  %s\n", title, "Role", "Missing", "Distinct", "Scale");
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    {
      g_autofree char *column = fit (eb_survey_get_column_name (survey, c), 44);
      EbScale *scale = eb_survey_get_column_scale (survey, c);
      g_autofree char *spec = scale != NULL ? eb_scale_to_spec (scale) : g_strdup ("");

      g_print ("%3u  %s  %-9s  %7u  %8u  %s\n", c + 1, column,
               eb_column_role_to_string (eb_survey_get_column_role (survey, c)),
               eb_survey_count_missing (survey, c), eb_survey_count_distinct (survey, c),
               spec);
    }
}

static int
run_describe (int    argc,
              char **argv)
{
  const Command *command = find_command ("describe");
  CommonOptions options = { NULL, -1, NULL, FALSE };
  g_autofree GOptionEntry *common = common_entries (&options);
  g_auto(GStrv) paths = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, "Print JSON (see CLI.md for its shape)", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "INPUT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context (command, NULL);
  g_auto(EbErrorLocation) location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  int status = EB_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, common, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = usage_error (command, error->message);
  else if (paths == NULL || paths[0] == NULL)
    status = usage_error (command, "no input given; name a survey file or a project");
  else if (paths[1] != NULL)
    status = usage_error (command, "describe reads one input at a time");
  else if ((survey = load_input (paths[0], &options, &location, &error)) == NULL)
    status = g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE)
             ? usage_error (command, error->message)
             : input_error (command, error, &location, options.json);
  else if (options.json)
    print_describe_json (survey, paths[0]);
  else
    print_describe_text (survey, paths[0]);

  common_options_clear (&options);
  return status;
}

/* ---- likert ------------------------------------------------------------ */

/* The Likert columns whose title matches ITEMS (all of them when NULL). */
static GArray *
select_items (EbSurvey    *survey,
              const char  *items,
              GError     **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GRegex) regex = NULL;

  if (items != NULL)
    {
      regex = g_regex_new (items, G_REGEX_CASELESS, 0, error);
      if (regex == NULL)
        {
          g_prefix_error (error, "--items “%s” is not a valid regular expression: ", items);
          return NULL;
        }
    }
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    if (eb_survey_get_column_role (survey, c) == EB_COLUMN_ROLE_LIKERT &&
        (regex == NULL || g_regex_match (regex, eb_survey_get_column_name (survey, c), 0, NULL)))
      g_array_append_val (columns, c);
  return g_steal_pointer (&columns);
}

static void
print_likert_row (const char   *label,
                  const double *counts,
                  const double *percents,
                  guint         n_levels,
                  gboolean      whole_counts)
{
  g_autofree char *name = fit (label, 44);

  g_print ("%s", name);
  for (guint level = 0; level < n_levels; level++)
    {
      g_autofree char *cell = whole_counts
        ? g_strdup_printf ("%.0f (%.1f%%)", counts[level], percents[level])
        : g_strdup_printf ("%.1f (%.1f%%)", counts[level], percents[level]);

      g_print ("  %18s", cell);
    }
}

/* Table 1 of the paper as text: counts with percentages in brackets. */
static void
print_likert_group (const EbLikertGroup *group,
                    const char          *group_column)
{
  const EbLikertItem *first = eb_likert_group_get_item (group, 0);
  guint n_levels = eb_likert_item_get_n_levels (first);
  g_autofree double *counts = g_new0 (double, n_levels);
  g_autofree double *percents = g_new0 (double, n_levels);
  g_autofree char *header = fit ("Item", 44);

  if (eb_likert_group_get_value (group) != NULL)
    g_print ("%s = %s (%u responses)\n", group_column, eb_likert_group_get_value (group),
             eb_likert_group_get_n_rows (group));
  g_print ("%s", header);
  for (guint level = 0; level < n_levels; level++)
    {
      g_autofree char *label = fit (eb_likert_item_get_level_label (first, level), 18);

      g_print ("  %s", label);
    }
  g_print ("  %5s  %7s  %4s\n", "Valid", "Missing", "Mean");

  for (guint i = 0; i < eb_likert_group_get_n_items (group); i++)
    {
      const EbLikertItem *item = eb_likert_group_get_item (group, i);
      guint n = MIN (n_levels, eb_likert_item_get_n_levels (item));

      for (guint level = 0; level < n; level++)
        {
          counts[level] = eb_likert_item_get_count (item, level);
          percents[level] = eb_likert_item_get_percent (item, level);
        }
      print_likert_row (eb_likert_item_get_name (item), counts, percents, n, TRUE);
      g_print ("  %5u  %7u  %4.2f\n", eb_likert_item_get_n_valid (item),
               eb_likert_item_get_n_missing (item), eb_likert_item_get_mean (item));
    }
  /* The average of one item is that item. */
  if (eb_likert_group_has_average (group) && eb_likert_group_get_n_items (group) > 1)
    {
      for (guint level = 0; level < n_levels; level++)
        {
          counts[level] = eb_likert_group_get_average_count (group, level);
          percents[level] = eb_likert_group_get_average_percent (group, level);
        }
      print_likert_row ("Average", counts, percents, n_levels, FALSE);
      g_print ("\n");
    }
}

/* Two groups: how far apart they are on each item, and whether that could
 * be chance (Mann-Whitney). */
static void
print_comparison_text (EbLikertComparison *comparison)
{
  const char *a = eb_likert_group_get_value (eb_likert_comparison_get_group_a (comparison));
  const char *b = eb_likert_group_get_value (eb_likert_comparison_get_group_b (comparison));
  g_autofree char *header = fit ("Item", 44);

  g_print ("\n%s compared with %s\n%s  %13s  %9s  %7s  %7s\n", a, b, header,
           "% positive Δ", "U", "z", "p");
  for (guint i = 0; i < eb_likert_comparison_get_n_items (comparison); i++)
    {
      const EbMannWhitney *test = eb_likert_comparison_get_test (comparison, i);
      const EbLikertItem *item = eb_likert_group_get_item (eb_likert_comparison_get_group_a (comparison), i);
      g_autofree char *name = fit (eb_likert_item_get_name (item), 44);

      g_print ("%s  %+12.1f   %9.1f  %7.2f  %7.3f\n", name,
               eb_likert_comparison_get_positive_difference (comparison, i),
               test->u, test->z, test->p);
    }
}

/* The same respondents in both groups (waves): how their answers moved. */
static void
print_paired_text (EbLikertPaired *paired)
{
  g_autofree char *header = fit ("Item", 44);

  g_print ("\nThe same %u respondents, %s to %s\n%s  %6s  %7s  %7s  %7s  %7s\n",
           eb_likert_paired_get_n_linked (paired), eb_likert_paired_get_wave_a (paired),
           eb_likert_paired_get_wave_b (paired), header, "Pairs", "Higher", "Same", "Lower", "To top");
  for (guint i = 0; i < eb_likert_paired_get_n_items (paired); i++)
    {
      const EbLikertChange *change = eb_likert_paired_get_change (paired, i);
      g_autofree char *name = fit (eb_likert_paired_get_item_name (paired, i), 44);
      double n = MAX (change->n_pairs, 1);

      g_print ("%s  %6u  %6.1f%%  %6.1f%%  %6.1f%%  %6.1f%%\n", name, change->n_pairs,
               100.0 * change->n_up / n, 100.0 * change->n_same / n, 100.0 * change->n_down / n,
               100.0 * change->n_to_top / n);
    }
}

static void
print_likert_text (EbLikertAnalysis *analysis,
                   EbReliability    *reliability)
{
  const EbLikertGroup *ungrouped = eb_likert_analysis_get_ungrouped (analysis);
  const char *group_column = eb_likert_analysis_get_group_column_name (analysis);

  for (guint g = 0; g < eb_likert_analysis_get_n_groups (analysis); g++)
    {
      if (g > 0)
        g_print ("\n");
      print_likert_group (eb_likert_analysis_get_group (analysis, g), group_column);
    }
  if (ungrouped != NULL)
    {
      g_print ("\n%s not given (%u responses)\n", group_column,
               eb_likert_group_get_n_rows (ungrouped));
      print_likert_group (ungrouped, group_column);
    }
  if (reliability == NULL || eb_reliability_get_n_items (reliability) < 2)
    return;
  /* An item nobody varied on, or too few complete responses, leaves the
   * statistics undefined: say so rather than print "nan". */
  if (!isfinite (eb_reliability_get_alpha (reliability)) ||
      !isfinite (eb_reliability_get_first_component_percent (reliability)))
    g_print ("\nReliability: not defined over these items (%u complete responses; "
             "an item with a single answer or too few responses)\n",
             eb_reliability_get_n_complete (reliability));
  else
    g_print ("\nReliability: Cronbach’s α = %.2f over %u complete responses; "
             "the first component explains %.2f%% of the variance\n",
             eb_reliability_get_alpha (reliability),
             eb_reliability_get_n_complete (reliability),
             eb_reliability_get_first_component_percent (reliability));
}

static int
run_likert (int    argc,
            char **argv)
{
  const Command *command = find_command ("likert");
  CommonOptions options = { NULL, -1, NULL, FALSE };
  g_autofree GOptionEntry *common = common_entries (&options);
  g_auto(GStrv) paths = NULL;
  g_autofree char *items = NULL;
  g_autofree char *group = NULL;
  gboolean csv = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, "Print JSON (see CLI.md for its shape)", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, "Print CSV: one row per group and item", NULL },
    { "items", 0, 0, G_OPTION_ARG_STRING, &items,
      "Only the Likert items whose title matches REGEX (case-insensitive)", "REGEX" },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, "Count separately for each value of COLUMN", "COLUMN" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "INPUT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context (command,
    "Percentages are of valid answers; non-substantive answers (“Don’t know”) and\n"
    "missing answers are counted apart. Reliability is computed over the selected items.");
  g_auto(EbErrorLocation) location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autoptr(EbLikertAnalysis) analysis = NULL;
  g_autoptr(EbReliability) reliability = NULL;
  int group_column = -1;
  int status = EB_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, common, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = usage_error (command, error->message);
  else if (options.json && csv)
    status = usage_error (command, "choose one of --json and --csv");
  else if (paths == NULL || paths[0] == NULL || paths[1] != NULL)
    status = usage_error (command, "name one input: a survey file or a project");
  else if ((survey = load_input (paths[0], &options, &location, &error)) == NULL)
    status = g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE)
             ? usage_error (command, error->message)
             : input_error (command, error, &location, options.json);
  else if ((columns = select_items (survey, items, &error)) == NULL)
    status = usage_error (command, error->message);
  else if (group != NULL && (group_column = eb_survey_find_column (survey, group)) < 0)
    {
      g_autofree char *message = g_strdup_printf ("there is no column “%s” to group by", group);

      status = usage_error (command, message);
    }
  else if ((analysis = eb_likert_analysis_new (survey, (guint *) columns->data, columns->len,
                                               group_column, &error)) == NULL)
    {
      location.file = g_strdup (paths[0]);
      status = input_error (command, error, &location, options.json);
    }
  else
    {
      g_autoptr(EbLikertComparison) comparison = NULL;
      g_autoptr(EbLikertPaired) paired = NULL;

      /* Reliability of one item, or of none, is not defined: left out. */
      if (columns->len > 1)
        reliability = eb_reliability_new (survey, (guint *) columns->data, columns->len, NULL);
      /* Grouped into exactly two groups (programme, wave, gender): compare
       * them item by item. */
      if (group_column >= 0 && eb_likert_analysis_get_n_groups (analysis) == 2)
        {
          comparison = eb_likert_comparison_new (analysis, 0, 1);
          /* Two waves with people in both: each one's change too. */
          paired = eb_likert_paired_new_for_groups (survey, analysis, 0, 1);
        }
      if (options.json)
        {
          g_autoptr(JsonNode) node = eb_likert_analysis_to_json (analysis, reliability);

          if (comparison != NULL)
            json_object_set_member (json_node_get_object (node), "comparison",
                                    eb_likert_comparison_to_json (comparison));
          if (paired != NULL)
            json_object_set_member (json_node_get_object (node), "paired",
                                    eb_likert_paired_to_json (paired));
          print_json_node (node);
        }
      else if (csv)
        {
          g_autofree char *text = eb_likert_analysis_to_csv (analysis);

          fputs (text, stdout);
        }
      else
        {
          print_likert_text (analysis, reliability);
          if (comparison != NULL)
            print_comparison_text (comparison);
          if (paired != NULL)
            print_paired_text (paired);
        }
    }
  common_options_clear (&options);
  return status;
}

/* ---- quotes ------------------------------------------------------------ */

/* The quotes of INPUT with their themes: a project's codings, or none for a
 * survey file, which is read into a throwaway project so that both go
 * through the same code. */
static JsonNode *
build_quotes (const char      *path,
              CommonOptions   *options,
              const char      *theme,
              EbErrorLocation *location,
              GError         **error)
{
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autofree char *scratch_dir = NULL;
  g_autofree char *scratch = NULL;
  JsonNode *quotes = NULL;

  survey = load_input (path, options, location, error);
  if (survey == NULL)
    return NULL;
  if (is_project_file (path))
    project = eb_project_open_readonly (path, error);
  else if ((scratch_dir = g_dir_make_tmp ("evalbench-quotes-XXXXXX", error)) != NULL)
    {
      scratch = g_build_filename (scratch_dir, "survey.evalbench", NULL);
      project = eb_project_open (scratch, error);
      if (project != NULL && !eb_project_store_survey (project, survey, error))
        g_clear_object (&project);
    }
  if (project != NULL)
    store = eb_coding_store_new (project, survey, NULL, error);
  if (store != NULL)
    quotes = eb_quotes_to_json (store, theme, error);

  g_clear_object (&store);
  if (project != NULL)
    eb_project_close (project);
  if (scratch != NULL)
    {
      g_unlink (scratch);
      g_rmdir (scratch_dir);
    }
  return quotes;
}

static void
print_quotes_csv (JsonArray *quotes)
{
  g_autoptr(GString) out = g_string_new ("respondent,column,text,themes");
  g_autoptr(GList) attributes = NULL;

  /* Every quote lists the same attribute columns. */
  if (json_array_get_length (quotes) > 0)
    attributes = json_object_get_members (json_object_get_object_member (
                   json_array_get_object_element (quotes, 0), "attributes"));
  for (GList *a = attributes; a != NULL; a = a->next)
    eb_csv_append_field (out, a->data, FALSE);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < json_array_get_length (quotes); i++)
    {
      JsonObject *quote = json_array_get_object_element (quotes, i);
      JsonArray *themes = json_object_get_array_member (quote, "themes");
      JsonObject *values = json_object_get_object_member (quote, "attributes");
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint t = 0; t < json_array_get_length (themes); t++)
        g_string_append_printf (joined, "%s%s", t > 0 ? "; " : "",
                                json_array_get_string_element (themes, t));
      eb_csv_append_field (out, json_object_get_string_member (quote, "respondent"), TRUE);
      eb_csv_append_field (out, json_object_get_string_member (quote, "column"), FALSE);
      eb_csv_append_field (out, json_object_get_string_member (quote, "text"), FALSE);
      eb_csv_append_field (out, joined->str, FALSE);
      for (GList *a = attributes; a != NULL; a = a->next)
        {
          const char *value = json_object_get_string_member_with_default (values, a->data, NULL);

          eb_csv_append_field (out, value != NULL ? value : "", FALSE);
        }
      g_string_append (out, "\r\n");
    }
  fputs (out->str, stdout);
}

/* "Text (Participant 117, 1CN2)": how a report quotes an answer. */
static void
print_quotes_text (JsonArray *quotes)
{
  for (guint i = 0; i < json_array_get_length (quotes); i++)
    {
      JsonObject *quote = json_array_get_object_element (quotes, i);
      JsonArray *themes = json_object_get_array_member (quote, "themes");
      JsonObject *values = json_object_get_object_member (quote, "attributes");
      g_autoptr(GList) attributes = json_object_get_members (values);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%s (Participant %s",
                              json_object_get_string_member (quote, "text"),
                              json_object_get_string_member (quote, "respondent"));
      for (GList *a = attributes; a != NULL; a = a->next)
        {
          const char *value = json_object_get_string_member_with_default (values, a->data, NULL);

          if (value != NULL && *value != '\0')
            g_string_append_printf (line, ", %s", value);
        }
      g_string_append_c (line, ')');
      for (guint t = 0; t < json_array_get_length (themes); t++)
        g_string_append_printf (line, "%s%s", t == 0 ? "\n    Themes: " : "; ",
                                json_array_get_string_element (themes, t));
      g_print ("%s\n%s", line->str, i + 1 < json_array_get_length (quotes) ? "\n" : "");
    }
}

static int
run_quotes (int    argc,
            char **argv)
{
  const Command *command = find_command ("quotes");
  CommonOptions options = { NULL, -1, NULL, FALSE };
  g_autofree GOptionEntry *common = common_entries (&options);
  g_auto(GStrv) paths = NULL;
  g_autofree char *theme = NULL;
  gboolean csv = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, "Print JSON (see CLI.md for its shape)", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, "Print CSV: one row per quote", NULL },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme,
      "Only the quotes coded with theme NAME or one of its sub-themes", "NAME" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "INPUT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context (command,
    "Every non-empty answer to an open question is a quote; a project adds the\n"
    "themes it is coded with.");
  g_auto(EbErrorLocation) location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) quotes = NULL;
  int status = EB_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, common, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = usage_error (command, error->message);
  else if (options.json && csv)
    status = usage_error (command, "choose one of --json and --csv");
  else if (paths == NULL || paths[0] == NULL || paths[1] != NULL)
    status = usage_error (command, "name one input: a survey file or a project");
  else if ((quotes = build_quotes (paths[0], &options, theme, &location, &error)) == NULL)
    {
      if (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ||
          g_error_matches (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME))
        status = usage_error (command, error->message);
      else
        status = input_error (command, error, &location, options.json);
    }
  else if (options.json)
    print_json_node (quotes);
  else if (csv)
    print_quotes_csv (json_node_get_array (quotes));
  else
    print_quotes_text (json_node_get_array (quotes));

  common_options_clear (&options);
  return status;
}

/* ---- export ------------------------------------------------------------ */

static gboolean
parse_formats (const char  *list,
               GArray      *formats,
               GError     **error)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      EbFigureFormat format;

      g_strstrip (names[i]);
      if (!eb_figure_format_from_string (names[i], &format))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--figure-format: “%s” is not a figure format; expected png, svg or pdf",
                       names[i]);
          return FALSE;
        }
      g_array_append_val (formats, format);
    }
  if (formats->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--figure-format is empty; expected png, svg or pdf");
      return FALSE;
    }
  return TRUE;
}

static int
run_export (int    argc,
            char **argv)
{
  const Command *command = find_command ("export");
  CommonOptions options = { NULL, -1, NULL, FALSE };
  g_autofree GOptionEntry *common = common_entries (&options);
  g_auto(GStrv) paths = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *format_list = NULL;
  double dpi = EB_FIGURE_DEFAULT_DPI;
  double width_mm = EB_FIGURE_DEFAULT_WIDTH_MM;
  gboolean pseudonymise = FALSE;
  g_autofree char *group = NULL;
  GOptionEntry entries[] = {
    { "workbook", 0, 0, G_OPTION_ARG_FILENAME, &workbook, "Write the annotated workbook", "OUT.xlsx" },
    { "figures", 0, 0, G_OPTION_ARG_FILENAME, &figures, "Write every figure into DIR", "DIR" },
    { "figure-format", 0, 0, G_OPTION_ARG_STRING, &format_list,
      "Figure formats, comma-separated (default: png,svg,pdf)", "png,svg,pdf" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, "PNG resolution (default: 300)", "N" },
    { "width-mm", 0, 0, G_OPTION_ARG_DOUBLE, &width_mm, "Figure width in millimetres (default: 160)", "W" },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group,
      "Also give the workbook's Likert summary per value of COLUMN", "COLUMN" },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      "Replace names, emails and ids with stable codes (P001…)", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "INPUT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context (command,
    "The workbook holds the responses with their themes and coded answers as\n"
    "comments, Table 1 with its chart, reliability, the codebook, the quotes, themes\n"
    "by attribute, the audit trail and how it was all made; --pseudonymise gives\n"
    "respondents codes (P001…) and leaves out names and e-mail addresses.\n"
    "Figures get stable names (likert.png, likert.svg, likert.pdf, …) so that the\n"
    "next wave's export replaces them in place.");
  g_auto(EbErrorLocation) location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(GArray) formats = g_array_new (FALSE, FALSE, sizeof (EbFigureFormat));
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  int status = EB_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, common, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = usage_error (command, error->message);
  else if (paths == NULL || paths[0] == NULL || paths[1] != NULL)
    status = usage_error (command, "name one input: a survey file or a project");
  else if (workbook == NULL && figures == NULL)
    status = usage_error (command, "nothing to export; name --workbook OUT.xlsx or --figures DIR");
  else if (!parse_formats (format_list != NULL ? format_list : "png,svg,pdf", formats, &error))
    status = usage_error (command, error->message);
  else if (dpi < 36 || dpi > 2400)
    status = usage_error (command, "--dpi must be between 36 and 2400");
  else if (width_mm < 30 || width_mm > 1000)
    status = usage_error (command, "--width-mm must be between 30 and 1000");
  else if ((survey = load_input (paths[0], &options, &location, &error)) == NULL)
    status = g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE)
             ? usage_error (command, error->message)
             : input_error (command, error, &location, FALSE);
  else
    {
      EbFigureSetOptions set = { (EbFigureFormat *) formats->data, formats->len, dpi, width_mm, NULL };
      g_autoptr(EbProject) project = NULL;
      g_autoptr(EbCodingStore) store = NULL;
      g_autoptr(EbDiagram) diagram = NULL;
      EbWorkbookOptions workbook_options;

      /* A project brings its codebook, codings, diagram and audit trail;
       * the survey (with any --scale applied) is the one read above. */
      if (is_project_file (paths[0]) &&
          ((project = eb_project_open_readonly (paths[0], &error)) == NULL ||
           (store = eb_coding_store_new (project, survey, NULL, &error)) == NULL ||
           (diagram = eb_diagram_new (store, &error)) == NULL))
        status = input_error (command, error, &location, FALSE);
      set.diagram = diagram;

      /* Figures show no respondent, so --pseudonymise changes only the
       * workbook. */
      if (status == EB_EXIT_OK && group != NULL && eb_survey_find_column (survey, group) < 0)
        {
          g_autofree char *message = g_strdup_printf ("there is no column “%s” to group by", group);

          status = usage_error (command, message);
        }
      if (status == EB_EXIT_OK && figures != NULL &&
          !eb_export_figures (survey, figures, &set, NULL, NULL, NULL, written, &error))
        {
          g_printerr ("evalbench export: %s\n", error->message);
          status = EB_EXIT_CANNOT_WRITE;
        }
      if (status == EB_EXIT_OK && workbook != NULL)
        {
          eb_workbook_options_init (&workbook_options);
          workbook_options.pseudonymise = pseudonymise;
          workbook_options.group_column = group != NULL ? eb_survey_find_column (survey, group) : -1;
          workbook_options.dpi = dpi;
          workbook_options.width_mm = width_mm;
          if (eb_workbook_export (project, survey, workbook, &workbook_options, NULL, NULL, NULL,
                                  &error))
            g_ptr_array_add (written, g_strdup (workbook));
          else if (error->domain == EB_PROJECT_ERROR || error->domain == EB_CODING_ERROR)
            status = input_error (command, error, &location, FALSE);
          else
            {
              g_printerr ("evalbench export: %s\n", error->message);
              status = EB_EXIT_CANNOT_WRITE;
            }
        }
      g_clear_object (&diagram);
      g_clear_object (&store);
      if (project != NULL)
        eb_project_close (project);
      if (status == EB_EXIT_OK)
        for (guint i = 0; i < written->len; i++)
          g_print ("%s\n", (const char *) g_ptr_array_index (written, i));
    }
  common_options_clear (&options);
  return status;
}

/* ---- entry points ------------------------------------------------------ */

gboolean
eb_cli_handles (int    argc,
                char **argv)
{
  if (argc < 2)
    return FALSE;
  return find_command (argv[1]) != NULL ||
         g_strcmp0 (argv[1], "--version") == 0 ||
         g_strcmp0 (argv[1], "--help") == 0 ||
         g_strcmp0 (argv[1], "-h") == 0 ||
         g_strcmp0 (argv[1], "help") == 0;
}

int
eb_cli_run (int    argc,
            char **argv)
{
  const Command *command;

  g_return_val_if_fail (argc >= 2, EB_EXIT_USAGE);

  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      g_print ("evalbench %s\n", PACKAGE_VERSION);
      return EB_EXIT_OK;
    }
  if (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0 ||
      g_strcmp0 (argv[1], "help") == 0)
    {
      print_main_help ();
      return EB_EXIT_OK;
    }
  command = find_command (argv[1]);
  g_return_val_if_fail (command != NULL, EB_EXIT_USAGE);
  /* The command sees itself as argv[0], as GOptionContext expects. */
  return command->run (argc - 1, argv + 1);
}
