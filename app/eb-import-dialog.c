/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-import-dialog"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "eb-column-role-row.h"
#include "eb-import-dialog.h"
#include "eb-scale-editor.h"
#include "eb-survey-row.h"
#include "header-detect.h"
#include "scale-library.h"
#include "sheet-builder.h"
#include "survey-detect.h"
#include "survey-import.h"
#include "survey-merge.h"
#include "xlsx-reader.h"

/* The preview shows this many responses: enough to judge the columns. */
#define PREVIEW_ROWS 50
/* How long the header rows or the source column must stay put before the
 * file is read again: spinning from 1 to 3 reads once. */
#define REREAD_DELAY_MS 400
/* How long a read runs before its progress bar shows over the preview:
 * quick reads never flash it. */
#define PROGRESS_DELAY_MS 150
/* A column's distinct answers are kept up to this many, to compare columns
 * and to make scales of. */
#define MAX_KEPT_ANSWERS 24
/* Answers that look like a scale: this many at most, this long at most. */
#define MAX_SUGGESTED_LEVELS 11
#define MAX_SUGGESTED_LABEL_CHARS 40
/* Columns with more distinct answers than this in a file are not compared
 * between files: free text always differs. */
#define MAX_COMPARED_ANSWERS 12
/* Preview column widths, in pixels. */
#define MIN_COLUMN_WIDTH 80
#define MAX_COLUMN_WIDTH 220
#define CELL_EXTRA_WIDTH 24
#define HEADER_EXTRA_WIDTH 32
/* Preview columns and column rows are made a few at a time, for this
 * long per main-loop iteration at most. */
#define BUILD_STEP_COLUMNS 4
#define BUILD_BUDGET_US (12 * 1000)

/* What a column's answers look like, gathered by the worker. */
typedef struct
{
  guint      n_missing;
  guint      n_distinct;
  GPtrArray *answers;        /* const char *, the survey's cells, first-seen
                              * order; NULL past MAX_KEPT_ANSWERS */
  char      *key;            /* the answers sorted and joined; NULL with answers */
  gboolean   looks_ordinal;  /* an attribute whose answers look like a scale */
} ColumnInfo;

/* Something the user should know before stacking several files. */
typedef struct
{
  char *column;
  char *detail;
} Conflict;

/* A role or scale the user chose, kept by column title across reads. */
typedef struct
{
  EbColumnRole  role;
  EbScale      *scale;
} Override;

typedef enum
{
  JOB_READ,      /* read every file, then merge */
  JOB_MERGE,     /* merge the files already read, under a new source column */
} JobKind;

/* One read. The worker reads the in fields and fills the out fields;
 * everything that touches GTK happens back on the main thread in
 * job_done_cb(), which holds the dialog only weakly. */
typedef struct
{
  JobKind          kind;
  GWeakRef         dialog;
  GCancellable    *cancellable;

  /* in */
  GPtrArray       *paths;          /* char * */
  char            *sheet;
  int              header_rows;
  GPtrArray       *scales;         /* EbScale * */
  char            *source_column;  /* NULL: none */
  gboolean         list_sheets;

  /* in for JOB_MERGE, out for JOB_READ */
  GPtrArray       *file_surveys;   /* EbSurvey * */

  /* out */
  EbSurvey        *survey;
  GPtrArray       *columns;        /* ColumnInfo * */
  GPtrArray       *conflicts;      /* Conflict * */
  GPtrArray       *sheets;         /* EbSheetInfo *, or NULL */
  guint            failed_file;
  EbErrorLocation  location;

  /* progress, shared with the main thread */
  int              current_file;   /* atomic */
  int              permille;       /* atomic */
  int              queued;         /* atomic: an update is pending */
} ImportJob;

struct _EbImportDialog
{
  AdwWindow             parent_instance;

  GPtrArray            *files;          /* GFile * */
  GPtrArray            *file_surveys;   /* EbSurvey *, of the last read */
  EbSurvey             *survey;
  GPtrArray            *columns;        /* ColumnInfo * */
  GPtrArray            *conflicts;      /* Conflict * */
  GPtrArray            *sheets;         /* EbSheetInfo * */
  char                 *sheet;          /* NULL: the first visible one */
  int                   header_rows;    /* -1: detect */
  char                 *source_column;  /* NULL: none */
  /* What the survey shown was read with, for a read stopped midway. */
  char                 *read_sheet;
  int                   read_header_rows;
  char                 *read_source_column;
  GPtrArray            *user_scales;    /* EbScale *, applied to all items */
  GHashTable           *overrides;      /* column title → Override * */

  ImportJob            *job;
  guint                 reread_id;
  gboolean              reread_merge_only;
  guint                 progress_timeout_id;
  guint                 build_id;       /* makes preview columns and rows */
  GError               *error;
  EbErrorLocation       location;
  guint                 failed_file;
  gboolean              busy;
  gboolean              updating;       /* widgets set from the data, not by the user */

  GListStore           *preview_rows;
  guint                 n_preview_columns; /* survey columns in the preview */
  GHashTable           *preview_widths;    /* cell → its width in pixels */
  GPtrArray            *column_rows;    /* EbColumnRoleRow *, in columns_group */
  GPtrArray            *file_rows;      /* AdwActionRow *, in files_group */
  GPtrArray            *conflict_rows;  /* AdwActionRow *, in conflicts_group */
  GPtrArray            *suggestion_rows;/* AdwActionRow *, in suggestions_group */
  GtkFileChooserNative *chooser;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkRevealer          *busy_revealer;
  GtkLabel             *busy_label;
  GtkProgressBar       *busy_progress;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  AdwStatusPage        *error_page;
  GtkLabel             *error_location;
  GtkLabel             *preview_label;
  GtkColumnView        *preview_view;
  AdwPreferencesGroup  *files_group;
  AdwEntryRow          *source_row;
  AdwPreferencesGroup  *conflicts_group;
  AdwComboRow          *sheet_row;
  AdwActionRow         *header_rows_row;
  GtkSpinButton        *header_rows_spin;
  AdwPreferencesGroup  *suggestions_group;
  AdwPreferencesGroup  *columns_group;
};

static void start_read             (EbImportDialog  *self,
                                    JobKind          kind,
                                    gboolean         list_sheets);
static void update_actions         (EbImportDialog  *self);
static void column_role_changed_cb (EbImportDialog  *self,
                                    GParamSpec      *pspec,
                                    EbColumnRoleRow *row);
static void column_edit_scale_cb   (EbImportDialog  *self,
                                    EbColumnRoleRow *row);
static void take_source_column     (EbImportDialog  *self,
                                    const char      *name);

G_DEFINE_FINAL_TYPE (EbImportDialog, eb_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_SURVEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORT_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Words that put answers in order: "Very good", "Not at all", "Sometimes". */
static const char * const ordinal_words[] = {
  "very", "somewhat", "not", "never", "rarely", "seldom", "sometimes", "often", "always",
  "usually", "more", "less", "much", "little", "high", "low", "poor", "fair", "good",
  "excellent", "strongly", "slightly", "moderately", "extremely", "quite", "fully",
  "partly", "partially", "completely", "none", "most", "least",
};

/* ---- Data gathered by the worker ---- */

static void
column_info_free (gpointer data)
{
  ColumnInfo *info = data;

  g_clear_pointer (&info->answers, g_ptr_array_unref);
  g_free (info->key);
  g_free (info);
}

static void
conflict_free (gpointer data)
{
  Conflict *conflict = data;

  g_free (conflict->column);
  g_free (conflict->detail);
  g_free (conflict);
}

static void
override_free (gpointer data)
{
  Override *override = data;

  g_clear_pointer (&override->scale, eb_scale_unref);
  g_free (override);
}

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The set of ANSWERS as one string, to compare sets. */
static char *
make_answers_key (GPtrArray *answers)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (answers, NULL, NULL);

  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  return g_strjoinv ("\x1f", (char **) sorted->pdata);
}

static gboolean
has_ordinal_word (const char *answer)
{
  g_autofree char *lower = g_utf8_strdown (answer, -1);
  g_auto(GStrv) words = g_regex_split_simple ("[^[:alpha:]]+", lower, 0, 0);

  for (guint i = 0; words[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (ordinal_words); j++)
      if (strcmp (words[i], ordinal_words[j]) == 0)
        return TRUE;
  return FALSE;
}

/* "1 - Poor", "2 - Fair": answers that carry their own order. */
static gboolean
starts_with_number (const char *answer)
{
  return g_ascii_isdigit (answer[0]) && strpbrk (answer, " -.:)") != NULL;
}

/* An attribute whose few short answers look like the levels of a scale no
 * library knows: a "Don't know" among them, ordinal words, numbered
 * answers, or the same answers in another column (a grid question). */
static gboolean
looks_ordinal (ColumnInfo *info,
               guint       n_same_answers)
{
  gboolean hint = n_same_answers > 1;

  if (info->answers == NULL || info->answers->len < 2 || info->answers->len > MAX_SUGGESTED_LEVELS)
    return FALSE;

  for (guint i = 0; i < info->answers->len; i++)
    {
      const char *answer = g_ptr_array_index (info->answers, i);

      if (g_utf8_strlen (answer, -1) > MAX_SUGGESTED_LABEL_CHARS)
        return FALSE;
      if (!hint)
        hint = eb_scale_library_is_non_substantive (answer) || has_ordinal_word (answer);
    }
  if (!hint)
    {
      hint = TRUE;
      for (guint i = 0; i < info->answers->len && hint; i++)
        hint = starts_with_number (g_ptr_array_index (info->answers, i));
    }
  return hint;
}

static GPtrArray *
gather_columns (EbSurvey     *survey,
                GCancellable *cancellable)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (column_info_free);
  g_autoptr(GHashTable) key_counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rows = eb_survey_get_n_rows (survey);
  guint n_columns = eb_survey_get_n_columns (survey);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      ColumnInfo *info = g_new0 (ColumnInfo, 1);

      if (g_cancellable_is_cancelled (cancellable))
        {
          column_info_free (info);
          break;
        }

      info->answers = g_ptr_array_new ();
      for (guint row = 0; row < n_rows; row++)
        {
          const char *cell = eb_survey_get_cell (survey, row, c);

          if (is_blank (cell))
            {
              info->n_missing++;
              continue;
            }
          /* Cells are interned: the same text is the same pointer. */
          if (!g_hash_table_add (seen, (gpointer) cell))
            continue;
          if (info->answers != NULL && info->answers->len < MAX_KEPT_ANSWERS)
            g_ptr_array_add (info->answers, (gpointer) cell);
          else
            g_clear_pointer (&info->answers, g_ptr_array_unref);
        }
      info->n_distinct = g_hash_table_size (seen);
      if (info->answers != NULL)
        {
          info->key = make_answers_key (info->answers);
          if (eb_survey_get_column_role (survey, c) == EB_COLUMN_ROLE_ATTRIBUTE)
            g_hash_table_insert (key_counts, info->key,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (key_counts, info->key)) + 1));
        }
      g_ptr_array_add (columns, info);
    }

  for (guint c = 0; c < columns->len; c++)
    {
      ColumnInfo *info = g_ptr_array_index (columns, c);

      if (eb_survey_get_column_role (survey, c) == EB_COLUMN_ROLE_ATTRIBUTE && info->key != NULL)
        info->looks_ordinal = looks_ordinal (info, GPOINTER_TO_UINT (g_hash_table_lookup (key_counts, info->key)));
    }
  return columns;
}

/* The distinct answers of COLUMN, or NULL past MAX_COMPARED_ANSWERS. */
static GHashTable *
collect_answer_set (EbSurvey *survey,
                    guint     column)
{
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint row = 0; row < eb_survey_get_n_rows (survey); row++)
    {
      const char *cell = eb_survey_get_cell (survey, row, column);

      if (is_blank (cell))
        continue;
      g_hash_table_add (set, (gpointer) cell);
      if (g_hash_table_size (set) > MAX_COMPARED_ANSWERS)
        return NULL;
    }
  return g_steal_pointer (&set);
}

static char *
join_quoted (GPtrArray *names)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == names->len ? _(" and ") : ", ");
      g_string_append_printf (text, "“%s”", (const char *) g_ptr_array_index (names, i));
    }
  return g_string_free (text, FALSE);
}

/* Same title, different answers: which answers only some files have. */
static char *
describe_answer_differences (EbSurvey * const   *surveys,
                             const int          *columns,
                             const char * const *labels,
                             guint               n_surveys,
                             EbColumnRole        merged_role)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean all_likert = TRUE;
  gboolean same_scale = TRUE;
  gboolean one_scale_holds_all = FALSE;
  EbScale *first_scale = NULL;

  /* Ids, numbers, dates and free text differ from file to file: only
   * what the whole survey takes for answers from a list is compared. */
  if (merged_role != EB_COLUMN_ROLE_ATTRIBUTE && merged_role != EB_COLUMN_ROLE_LIKERT &&
      merged_role != EB_COLUMN_ROLE_MULTI)
    return NULL;
  for (guint s = 0; s < n_surveys; s++)
    {
      EbColumnRole role = eb_survey_get_column_role (surveys[s], columns[s]);
      EbScale *scale = eb_survey_get_column_scale (surveys[s], columns[s]);

      all_likert = all_likert && role == EB_COLUMN_ROLE_LIKERT && scale != NULL;
      if (s == 0)
        first_scale = scale;
      else
        same_scale = same_scale && eb_scale_equal (first_scale, scale);
    }
  if (all_likert && same_scale)
    return NULL;

  for (guint s = 0; s < n_surveys; s++)
    {
      GHashTable *set = collect_answer_set (surveys[s], columns[s]);
      GHashTableIter iter;
      gpointer answer;

      if (set == NULL)
        return NULL;
      g_ptr_array_add (sets, set);
      g_hash_table_iter_init (&iter, set);
      while (g_hash_table_iter_next (&iter, &answer, NULL))
        if (g_hash_table_add (listed, answer))
          g_ptr_array_add (order, answer);
    }
  g_ptr_array_sort (order, compare_strings);

  if (all_likert)
    {
      /* One file's answers fit a shorter scale than another's ("Neither
       * agree nor disagree" nobody chose): one scale for all answers is
       * what the merged survey gets, and no difference. */
      for (guint s = 0; s < n_surveys && !one_scale_holds_all; s++)
        {
          EbScale *scale = eb_survey_get_column_scale (surveys[s], columns[s]);

          one_scale_holds_all = TRUE;
          for (guint i = 0; i < order->len && one_scale_holds_all; i++)
            one_scale_holds_all = eb_scale_lookup (scale, g_ptr_array_index (order, i)) >= 0;
        }
      if (one_scale_holds_all)
        return NULL;

      for (guint s = 0; s < n_surveys; s++)
        {
          g_autofree char *summary = eb_column_role_row_describe_scale (eb_survey_get_column_scale (surveys[s], columns[s]));

          /* TRANSLATORS: "4 levels: Disagree → Agree in “wave1.csv”" */
          g_ptr_array_add (parts, g_strdup_printf (_("%s in “%s”"), summary, labels[s]));
        }
      g_ptr_array_add (parts, NULL);
      {
        g_autofree char *joined = g_strjoinv ("; ", (char **) parts->pdata);

        return g_strdup_printf (_("Different scales: %s"), joined);
      }
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *answer = g_ptr_array_index (order, i);
      g_autoptr(GPtrArray) in_files = g_ptr_array_new ();
      g_autofree char *files = NULL;

      for (guint s = 0; s < n_surveys; s++)
        if (g_hash_table_contains (g_ptr_array_index (sets, s), answer))
          g_ptr_array_add (in_files, (gpointer) labels[s]);
      if (in_files->len == n_surveys)
        continue;
      files = join_quoted (in_files);
      /* TRANSLATORS: "“2CN” only in “wave2.csv”" */
      g_ptr_array_add (parts, g_strdup_printf (_("“%s” only in %s"), answer, files));
    }
  if (parts->len == 0)
    return NULL;
  if (parts->len > 3)
    {
      guint more = parts->len - 3;

      g_ptr_array_set_size (parts, 3);
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more answer",
                                                            "%u more answers",
                                                            more),
                                               more));
    }
  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *joined = g_strjoinv ("; ", (char **) parts->pdata);

    return g_strdup_printf (_("Different answers: %s"), joined);
  }
}

static GPtrArray *
find_conflicts (GPtrArray          *surveys,
                const char * const *labels,
                EbSurvey           *merged)
{
  GPtrArray *conflicts = g_ptr_array_new_with_free_func (conflict_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autofree int *found = g_new (int, surveys->len);

  for (guint s = 0; s < surveys->len; s++)
    {
      EbSurvey *survey = g_ptr_array_index (surveys, s);

      for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
        {
          const char *title = eb_survey_get_column_name (survey, c);

          if (g_hash_table_add (seen, (gpointer) title))
            g_ptr_array_add (titles, (gpointer) title);
        }
    }

  for (guint t = 0; t < titles->len; t++)
    {
      const char *title = g_ptr_array_index (titles, t);
      g_autoptr(GPtrArray) present = g_ptr_array_new ();
      g_autoptr(GPtrArray) absent = g_ptr_array_new ();
      char *detail = NULL;

      for (guint s = 0; s < surveys->len; s++)
        {
          found[s] = eb_survey_find_column (g_ptr_array_index (surveys, s), title);
          g_ptr_array_add (found[s] >= 0 ? present : absent, (gpointer) labels[s]);
        }

      if (absent->len > 0)
        {
          g_autofree char *files = NULL;

          if (present->len <= absent->len)
            {
              files = join_quoted (present);
              /* TRANSLATORS: %s names files: "“wave1.csv” and “wave2.csv”" */
              detail = g_strdup_printf (_("Only in %s: the other files leave it empty"), files);
            }
          else
            {
              files = join_quoted (absent);
              /* TRANSLATORS: %s names files: "“wave3.csv”" */
              detail = g_strdup_printf (_("Not in %s: left empty for its responses"), files);
            }
        }
      else
        {
          int merged_column = eb_survey_find_column (merged, title);
          EbColumnRole role = merged_column >= 0 ? eb_survey_get_column_role (merged, merged_column)
                                                 : EB_COLUMN_ROLE_IGNORED;

          detail = describe_answer_differences ((EbSurvey * const *) surveys->pdata, found,
                                                labels, surveys->len, role);
        }

      if (detail != NULL)
        {
          Conflict *conflict = g_new0 (Conflict, 1);

          conflict->column = g_strdup (title);
          conflict->detail = detail;
          g_ptr_array_add (conflicts, conflict);
        }
    }
  return conflicts;
}

/* ---- The worker ---- */

static void
job_clear (gpointer data)
{
  ImportJob *job = data;

  g_weak_ref_clear (&job->dialog);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->paths, g_ptr_array_unref);
  g_clear_pointer (&job->sheet, g_free);
  g_clear_pointer (&job->scales, g_ptr_array_unref);
  g_clear_pointer (&job->source_column, g_free);
  g_clear_pointer (&job->file_surveys, g_ptr_array_unref);
  g_clear_object (&job->survey);
  g_clear_pointer (&job->columns, g_ptr_array_unref);
  g_clear_pointer (&job->conflicts, g_ptr_array_unref);
  g_clear_pointer (&job->sheets, g_ptr_array_unref);
  eb_error_location_clear (&job->location);
}

static ImportJob *
job_ref (ImportJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (ImportJob *job)
{
  g_atomic_rc_box_release_full (job, job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, job_unref)

static gboolean
progress_idle_cb (gpointer data)
{
  ImportJob *job = data;
  g_autoptr(EbImportDialog) self = g_weak_ref_get (&job->dialog);
  int permille;

  g_atomic_int_set (&job->queued, 0);
  permille = g_atomic_int_get (&job->permille);
  if (self == NULL || self->job != job)
    return G_SOURCE_REMOVE;

  gtk_progress_bar_set_fraction (self->loading_progress, permille / 1000.0);
  gtk_progress_bar_set_fraction (self->busy_progress, permille / 1000.0);
  return G_SOURCE_REMOVE;
}

static void
read_progress_cb (double   fraction,
                  gpointer user_data)
{
  ImportJob *job = user_data;
  double n_files = MAX (job->paths->len, 1);
  double done = g_atomic_int_get (&job->current_file) + CLAMP (fraction, 0.0, 1.0);

  g_atomic_int_set (&job->permille, (int) (done / n_files * 1000));
  /* At most one update waits for the main thread at a time. */
  if (g_atomic_int_compare_and_exchange (&job->queued, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb, job_ref (job),
                     (GDestroyNotify) job_unref);
}

static gboolean
is_workbook (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".xlsm") ||
         g_str_has_suffix (lower, ".ods");
}

static gboolean
read_files (ImportJob     *job,
            GCancellable  *cancellable,
            GError       **error)
{
  gboolean single = job->paths->len == 1;

  /* The sheet chooser is for one workbook; the read itself reports a
   * workbook that cannot be opened. */
  if (job->list_sheets && single && is_workbook (g_ptr_array_index (job->paths, 0)))
    job->sheets = eb_xlsx_list_sheets (g_ptr_array_index (job->paths, 0), cancellable, NULL, NULL);

  job->file_surveys = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < job->paths->len; i++)
    {
      EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
      EbSurvey *survey;

      options.sheet = single ? job->sheet : NULL;
      options.header_rows = job->header_rows;
      options.scales = job->scales;
      g_atomic_int_set (&job->current_file, (int) i);
      eb_error_location_clear (&job->location);
      survey = eb_survey_import (g_ptr_array_index (job->paths, i), &options, cancellable,
                                 read_progress_cb, job, &job->location, error);
      if (survey == NULL)
        {
          job->failed_file = i;
          return FALSE;
        }
      g_ptr_array_add (job->file_surveys, survey);
    }
  return TRUE;
}

static gboolean
merge_files (ImportJob     *job,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint n_files = job->file_surveys->len;

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (labels, g_path_get_basename (g_ptr_array_index (job->paths, i)));

  if (n_files == 1)
    job->survey = g_object_ref (g_ptr_array_index (job->file_surveys, 0));
  else
    {
      job->survey = eb_survey_merge ((EbSurvey * const *) job->file_surveys->pdata,
                                     (const char * const *) labels->pdata,
                                     n_files, job->source_column);
      eb_survey_merge_detect (job->survey, (EbSurvey * const *) job->file_surveys->pdata, n_files,
                              job->scales);
      job->conflicts = find_conflicts (job->file_surveys, (const char * const *) labels->pdata,
                                       job->survey);
    }
  job->columns = gather_columns (job->survey, cancellable);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;

  if ((job->kind == JOB_MERGE || read_files (job, cancellable, &error)) &&
      merge_files (job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ---- Main thread: helpers ---- */

static ColumnInfo *
get_column_info (EbImportDialog *self,
                 guint           column)
{
  if (self->columns == NULL || column >= self->columns->len)
    return NULL;
  return g_ptr_array_index (self->columns, column);
}

static EbColumnRoleRow *
get_column_row (EbImportDialog *self,
                guint           column)
{
  if (column >= self->column_rows->len)
    return NULL;
  return g_ptr_array_index (self->column_rows, column);
}

static char *
dup_file_name (EbImportDialog *self,
               guint           index)
{
  return g_file_get_basename (g_ptr_array_index (self->files, index));
}

static gboolean
is_cancelled_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED);
}

static void
set_busy (EbImportDialog *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_busy (EbImportDialog *self)
{
  set_busy (self, self->job != NULL || self->reread_id != 0 || self->build_id != 0);
  update_actions (self);
}

static void
update_actions (EbImportDialog *self)
{
  /* The survey is whole while its columns are still being listed. */
  gboolean ready = self->survey != NULL && self->job == NULL && self->reread_id == 0 &&
                   self->error == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.stop", self->job != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file", self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.try-again", self->job == NULL);
}

static void
remove_rows (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
show_toast (EbImportDialog *self,
            const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* A scale of the column's answers in the order they first appear, or by
 * their numbers when all are numbered ("1 - Poor"); answers such as
 * "Don't know" go last, marked as not real answers. NULL if the answers
 * are too many for a scale. */
static EbScale *
scale_from_answers (ColumnInfo *info)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GArray) flags = NULL;
  gboolean numbered = TRUE;
  guint n_real = 0;

  if (info == NULL || info->answers == NULL || info->answers->len < 2)
    return NULL;

  labels = g_ptr_array_new ();
  flags = g_array_new (FALSE, TRUE, sizeof (gboolean));
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < info->answers->len; i++)
      {
        const char *answer = g_ptr_array_index (info->answers, i);
        gboolean non_substantive = eb_scale_library_is_non_substantive (answer);

        if (non_substantive != (pass == 1))
          continue;
        g_ptr_array_add (labels, (gpointer) answer);
        g_array_append_val (flags, non_substantive);
        if (!non_substantive)
          {
            numbered = numbered && starts_with_number (answer);
            n_real++;
          }
      }
  if (n_real < 2)
    return NULL;

  if (numbered)
    {
      /* Insertion sort by number: a handful of levels. */
      for (guint i = 1; i < n_real; i++)
        for (guint j = i; j > 0 && atoi (g_ptr_array_index (labels, j - 1)) > atoi (g_ptr_array_index (labels, j)); j--)
          {
            gpointer swap = labels->pdata[j];

            labels->pdata[j] = labels->pdata[j - 1];
            labels->pdata[j - 1] = swap;
          }
    }
  return eb_scale_new ((const char * const *) labels->pdata,
                       (const gboolean *) (gpointer) flags->data, labels->len);
}

static gboolean
scale_holds_answers (EbScale    *scale,
                     ColumnInfo *info)
{
  if (info == NULL || info->answers == NULL || info->answers->len == 0)
    return FALSE;
  for (guint i = 0; i < info->answers->len; i++)
    if (eb_scale_lookup (scale, g_ptr_array_index (info->answers, i)) < 0)
      return FALSE;
  return TRUE;
}

/* Other columns that a scale given to COLUMN also fits: Likert items and
 * scale-like attributes whose answers are all labels of SCALE, as with
 * --scale on the command line. */
static GArray *
find_matching_columns (EbImportDialog *self,
                       guint           column,
                       EbScale        *scale)
{
  GArray *matching = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    {
      ColumnInfo *info = get_column_info (self, c);
      EbColumnRole role = eb_survey_get_column_role (self->survey, c);

      if (c == column || (role != EB_COLUMN_ROLE_LIKERT && !info->looks_ordinal))
        continue;
      if (scale_holds_answers (scale, info))
        g_array_append_val (matching, c);
    }
  return matching;
}

static void
remember_choice (EbImportDialog *self,
                 guint           column)
{
  Override *override = g_new0 (Override, 1);
  EbColumnRoleRow *row = get_column_row (self, column);
  EbScale *scale = eb_survey_get_column_scale (self->survey, column);

  /* A row keeps the scale of a Likert item made something else. */
  if (scale == NULL && row != NULL)
    scale = eb_column_role_row_get_scale (row);

  override->role = eb_survey_get_column_role (self->survey, column);
  override->scale = scale != NULL ? eb_scale_ref (scale) : NULL;
  g_hash_table_replace (self->overrides,
                        g_strdup (eb_survey_get_column_name (self->survey, column)),
                        override);
}

/* The roles and scales chosen before a read, for the columns of the same
 * titles. */
static void
apply_overrides (EbImportDialog *self)
{
  for (guint c = 0; c < eb_survey_get_n_columns (self->survey); c++)
    {
      Override *override = g_hash_table_lookup (self->overrides,
                                                eb_survey_get_column_name (self->survey, c));

      if (override == NULL)
        continue;
      if (override->role == EB_COLUMN_ROLE_LIKERT &&
          (override->scale == NULL || !scale_holds_answers (override->scale, get_column_info (self, c))))
        continue;
      eb_survey_set_column_role (self->survey, c, override->role);
      eb_survey_set_column_scale (self->survey, c,
                                  override->role == EB_COLUMN_ROLE_LIKERT ? override->scale : NULL);
    }
}

/* ---- The preview ---- */

typedef struct
{
  guint    column;
  gboolean numeric;
  gboolean dimmed;
} CellColumn;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CellColumn               *info)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  gtk_inscription_set_text_overflow (inscription, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (inscription, info->numeric ? 1.0f : 0.0f);
  if (info->numeric)
    gtk_widget_add_css_class (GTK_WIDGET (inscription), "numeric");
  if (info->dimmed)
    gtk_widget_add_css_class (GTK_WIDGET (inscription), "dim-label");
  gtk_list_item_set_child (item, GTK_WIDGET (inscription));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CellColumn               *info)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  const char *text = eb_survey_row_get_cell (gtk_list_item_get_item (item), info->column);

  if (strpbrk (text, "\n\r\t") != NULL)
    {
      g_autofree char *flat = g_strdup (text);

      g_strdelimit (flat, "\n\r\t", ' ');
      gtk_inscription_set_text (inscription, flat);
    }
  else
    gtk_inscription_set_text (inscription, text);
}

static void
setup_row_number_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  data)
{
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  gtk_inscription_set_min_chars (inscription, 2);
  gtk_inscription_set_nat_chars (inscription, 2);
  gtk_inscription_set_xalign (inscription, 1.0f);
  gtk_widget_add_css_class (GTK_WIDGET (inscription), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (inscription), "numeric");
  gtk_list_item_set_child (item, GTK_WIDGET (inscription));
}

static void
bind_row_number_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  data)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", eb_survey_row_get_index (gtk_list_item_get_item (item)) + 1);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static int
measure_text (GtkWidget  *widget,
              const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Wide enough for the title and the answers shown, within limits. WIDTHS
 * keeps each answer's width: cells are interned, and Likert answers
 * repeat in every row and column. */
static int
choose_column_width (EbImportDialog *self,
                     guint           column,
                     GHashTable     *widths)
{
  GtkWidget *view = GTK_WIDGET (self->preview_view);
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->preview_rows));
  int width = measure_text (view, eb_survey_get_column_name (self->survey, column)) + HEADER_EXTRA_WIDTH;

  for (guint row = 0; row < n_rows && width < MAX_COLUMN_WIDTH; row++)
    {
      const char *cell = eb_survey_get_cell (self->survey, row, column);
      int cell_width = GPOINTER_TO_INT (g_hash_table_lookup (widths, cell));

      if (cell_width == 0)
        {
          cell_width = measure_text (view, cell) + CELL_EXTRA_WIDTH;
          g_hash_table_insert (widths, (gpointer) cell, GINT_TO_POINTER (cell_width));
        }
      width = MAX (width, cell_width);
    }
  return CLAMP (width, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
}

static GtkWidget *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* "How confident are you…\nLikert item · 4 levels: …": the header's
 * tooltip, since long questions do not fit their column. */
static char *
describe_column (EbSurvey *survey,
                 guint     column)
{
  EbColumnRole role = eb_survey_get_column_role (survey, column);
  EbScale *scale = eb_survey_get_column_scale (survey, column);
  g_autofree char *summary = NULL;

  if (role == EB_COLUMN_ROLE_LIKERT && scale != NULL)
    summary = eb_column_role_row_describe_scale (scale);
  return g_markup_printf_escaped ("<b>%s</b>\n%s%s%s",
                                  eb_survey_get_column_name (survey, column),
                                  eb_column_role_row_describe_role (role),
                                  summary != NULL ? " · " : "",
                                  summary != NULL ? summary : "");
}

/* GTK 4.8 has no API for header widgets: the title of each column not
 * seen yet gets its role as a badge under it. Titles are found by their
 * label among those not decorated yet (a column inserted in the middle has
 * its title last for a while), checking each is the widget expected, so
 * that a GTK with another layout shows the role in the title instead. */
static void
decorate_headers (EbImportDialog *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->preview_view));
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);

  if (header != NULL && g_strcmp0 (gtk_widget_get_css_name (header), "header") == 0)
    for (GtkWidget *title = gtk_widget_get_first_child (header);
         title != NULL;
         title = gtk_widget_get_next_sibling (title))
      {
        GtkWidget *label = find_label (title);

        if (label != NULL && GTK_IS_BOX (gtk_widget_get_parent (label)) &&
            g_object_get_data (G_OBJECT (title), "eb-decorated") == NULL)
          g_hash_table_insert (titles, (gpointer) gtk_label_get_label (GTK_LABEL (label)), title);
      }

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *badge_text = g_object_get_data (G_OBJECT (column), "eb-badge");
      GtkWidget *title;
      GtkWidget *label;
      GtkWidget *box;

      if (g_object_get_data (G_OBJECT (column), "eb-decorated") != NULL)
        continue;
      g_object_set_data (G_OBJECT (column), "eb-decorated", GINT_TO_POINTER (TRUE));

      title = g_hash_table_lookup (titles, gtk_column_view_column_get_title (column));
      if (title == NULL)
        {
          if (badge_text != NULL)
            {
              g_autofree char *with_role = g_strdup_printf ("%s (%s)",
                                                            gtk_column_view_column_get_title (column),
                                                            badge_text);

              gtk_column_view_column_set_title (column, with_role);
            }
          continue;
        }
      g_hash_table_remove (titles, gtk_column_view_column_get_title (column));
      g_object_set_data (G_OBJECT (title), "eb-decorated", GINT_TO_POINTER (TRUE));
      label = find_label (title);
      box = gtk_widget_get_parent (label);

      gtk_widget_set_tooltip_markup (title, g_object_get_data (G_OBJECT (column), "eb-tooltip"));
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      if (badge_text != NULL)
        {
          GtkWidget *badge = gtk_label_new (badge_text);

          gtk_orientable_set_orientation (GTK_ORIENTABLE (box), GTK_ORIENTATION_VERTICAL);
          gtk_label_set_xalign (GTK_LABEL (badge), 0.0f);
          gtk_widget_set_halign (badge, GTK_ALIGN_START);
          gtk_widget_add_css_class (badge, "caption");
          gtk_widget_add_css_class (badge, g_object_get_data (G_OBJECT (column), "eb-dimmed") != NULL
                                           ? "dim-label" : "accent");
          gtk_box_insert_child_after (GTK_BOX (box), badge, label);
        }
    }
}

static void
remove_preview_columns (EbImportDialog *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }
  self->n_preview_columns = 0;
}

static GtkColumnViewColumn *
new_number_column (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_number_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_number_cb), NULL);
  column = gtk_column_view_column_new ("#", factory);
  g_object_set_data_full (G_OBJECT (column), "eb-tooltip",
                          g_markup_printf_escaped ("<b>%s</b>", _("Response number")), g_free);
  return column;
}

/* The preview column of survey column C, as its role shows it. */
static GtkColumnViewColumn *
new_preview_column (EbImportDialog *self,
                    guint           c)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  EbColumnRole role = eb_survey_get_column_role (self->survey, c);
  CellColumn *info = g_new0 (CellColumn, 1);
  GtkColumnViewColumn *column;

  info->column = c;
  info->numeric = role == EB_COLUMN_ROLE_NUMBER;
  info->dimmed = role == EB_COLUMN_ROLE_IGNORED;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), info);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), info,
                         (GClosureNotify) G_CALLBACK (g_free), 0);
  column = gtk_column_view_column_new (eb_survey_get_column_name (self->survey, c), factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_fixed_width (column, choose_column_width (self, c, self->preview_widths));
  g_object_set_data (G_OBJECT (column), "eb-badge", (gpointer) eb_column_role_row_role_badge (role));
  if (info->dimmed)
    g_object_set_data (G_OBJECT (column), "eb-dimmed", GINT_TO_POINTER (TRUE));
  g_object_set_data_full (G_OBJECT (column), "eb-tooltip", describe_column (self->survey, c), g_free);
  return column;
}

/* Appends the preview columns of the survey's columns up to END. */
static void
add_preview_columns (EbImportDialog *self,
                     guint           end)
{
  for (guint c = self->n_preview_columns; c < end; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = new_preview_column (self, c);

      gtk_column_view_append_column (self->preview_view, column);
    }
  self->n_preview_columns = end;
  decorate_headers (self);
}

/* After a new role or scale for C: its preview column alone is made
 * again, so that a questionnaire of 300 columns does not wait for all. */
static void
replace_preview_column (EbImportDialog *self,
                        guint           c)
{
  g_autoptr(GtkColumnViewColumn) old = NULL;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  /* Not there yet: it will be made with the role it has now. */
  if (c >= self->n_preview_columns)
    return;

  old = g_list_model_get_item (gtk_column_view_get_columns (self->preview_view), c + 1);
  column = new_preview_column (self, c);
  gtk_column_view_remove_column (self->preview_view, old);
  gtk_column_view_insert_column (self->preview_view, c + 1, column);
  decorate_headers (self);
}

/* The rows, and the row number column; the others follow in build_cb(). */
static void
load_preview (EbImportDialog *self)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->preview_rows));
  guint n_rows = self->survey != NULL ? MIN (eb_survey_get_n_rows (self->survey), PREVIEW_ROWS) : 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  remove_preview_columns (self);
  g_hash_table_remove_all (self->preview_widths);
  for (guint i = 0; i < n_rows; i++)
    g_ptr_array_add (rows, eb_survey_row_new (self->survey, i));
  g_list_store_splice (self->preview_rows, 0, n_old, rows->pdata, rows->len);
  if (self->survey != NULL)
    {
      g_autoptr(GtkColumnViewColumn) number_column = new_number_column ();

      gtk_column_view_append_column (self->preview_view, number_column);
      decorate_headers (self);
    }
}

static void
update_preview_label (EbImportDialog *self)
{
  guint n_rows = eb_survey_get_n_rows (self->survey);
  guint n_columns = eb_survey_get_n_columns (self->survey);
  g_autofree char *rows = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *text = NULL;

  if (n_rows > PREVIEW_ROWS)
    rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "First %u of %'u response",
                                         "First %u of %'u responses",
                                         n_rows),
                            PREVIEW_ROWS, n_rows);
  else
    rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u response",
                                         "All %u responses",
                                         n_rows),
                            n_rows);
  columns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns", n_columns),
                             n_columns);
  text = g_strdup_printf ("%s · %s", rows, columns);
  gtk_label_set_text (self->preview_label, text);
}

/* ---- Columns, suggestions, files ---- */

static char *
describe_answers (EbImportDialog *self,
                  guint           column)
{
  ColumnInfo *info = get_column_info (self, column);
  g_autofree char *distinct = NULL;
  g_autofree char *missing = NULL;

  if (info == NULL)
    return g_strdup ("");

  if (info->n_distinct == 0)
    return g_strdup (_("No answers"));

  distinct = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%'u distinct answer",
                                           "%'u distinct answers",
                                           info->n_distinct),
                              info->n_distinct);
  if (info->n_missing == 0)
    return g_steal_pointer (&distinct);
  missing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u empty", "%'u empty", info->n_missing),
                             info->n_missing);
  return g_strdup_printf ("%s · %s", distinct, missing);
}

static void
update_column_row (EbImportDialog *self,
                   guint           column)
{
  EbColumnRoleRow *row = get_column_row (self, column);
  ColumnInfo *info = get_column_info (self, column);
  EbScale *scale = eb_survey_get_column_scale (self->survey, column);
  gboolean updating = self->updating;

  self->updating = TRUE;
  if (scale != NULL)
    eb_column_role_row_set_scale (row, scale);
  eb_column_role_row_set_role (row, eb_survey_get_column_role (self->survey, column));
  eb_column_role_row_set_suggest_scale (row, info != NULL && info->looks_ordinal);
  self->updating = updating;
}

static void
add_column_row (EbImportDialog *self,
                guint           c)
{
  GtkWidget *row = eb_column_role_row_new (c, eb_survey_get_column_name (self->survey, c));
  g_autofree char *subtitle = describe_answers (self, c);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_ptr_array_add (self->column_rows, row);
  update_column_row (self, c);
  g_signal_connect_object (row, "notify::role", G_CALLBACK (column_role_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "edit-scale", G_CALLBACK (column_edit_scale_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->columns_group, row);
}

/* Makes a few more preview columns, then a few more rows of the list of
 * columns; FALSE once all are made. */
static gboolean
build_step (EbImportDialog *self)
{
  guint n_columns = eb_survey_get_n_columns (self->survey);

  if (self->n_preview_columns < n_columns)
    add_preview_columns (self, MIN (self->n_preview_columns + BUILD_STEP_COLUMNS, n_columns));
  else
    for (guint i = 0; i < BUILD_STEP_COLUMNS && self->column_rows->len < n_columns; i++)
      add_column_row (self, self->column_rows->len);

  return self->n_preview_columns < n_columns || self->column_rows->len < n_columns;
}

/* Builds for BUILD_BUDGET_US at a time: a small survey at once, a
 * questionnaire of 300 columns over a few frames, never freezing. */
static gboolean
build_cb (gpointer data)
{
  EbImportDialog *self = data;
  gint64 deadline = g_get_monotonic_time () + BUILD_BUDGET_US;
  gboolean more;

  while ((more = build_step (self)) && g_get_monotonic_time () < deadline)
    ;
  if (more)
    return G_SOURCE_CONTINUE;

  self->build_id = 0;
  update_busy (self);
  return G_SOURCE_REMOVE;
}

static void
load_column_rows (EbImportDialog *self)
{
  g_clear_handle_id (&self->build_id, g_source_remove);
  remove_rows (self->columns_group, self->column_rows);
  if (self->survey != NULL && build_cb (self) == G_SOURCE_CONTINUE)
    self->build_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_cb, self, NULL);
}

static void
suggestion_clicked_cb (EbImportDialog *self,
                       GtkButton      *button)
{
  eb_import_dialog_edit_scale (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "eb-column")));
}

/* Scale-like answers of attributes, one row per set of answers with the
 * columns that have it. */
static void
load_suggestions (EbImportDialog *self)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  remove_rows (self->suggestions_group, self->suggestion_rows);
  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    {
      ColumnInfo *info = get_column_info (self, c);
      GArray *members;

      if (!info->looks_ordinal || eb_survey_get_column_role (self->survey, c) == EB_COLUMN_ROLE_LIKERT)
        continue;
      members = g_hash_table_lookup (groups, info->key);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (groups, info->key, members);
          g_ptr_array_add (order, info->key);
        }
      g_array_append_val (members, c);
    }

  for (guint g = 0; g < order->len; g++)
    {
      GArray *members = g_hash_table_lookup (groups, g_ptr_array_index (order, g));
      guint first = g_array_index (members, guint, 0);
      ColumnInfo *info = g_ptr_array_index (self->columns, first);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *answers = NULL;
      g_autofree char *columns = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GtkWidget *button;

      for (guint i = 0; i < info->answers->len; i++)
        g_ptr_array_add (names, g_ptr_array_index (info->answers, i));
      g_ptr_array_add (names, NULL);
      answers = g_strjoinv (" · ", (char **) names->pdata);

      g_ptr_array_set_size (names, 0);
      for (guint i = 0; i < members->len; i++)
        g_ptr_array_add (names, (gpointer) eb_survey_get_column_name (self->survey,
                                                                      g_array_index (members, guint, i)));
      columns = join_quoted (names);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %s", "In %s", members->len),
                                  columns);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), answers);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      button = gtk_button_new_with_mnemonic (_("_Use as Scale…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "eb-column", GUINT_TO_POINTER (first));
      g_signal_connect_object (button, "clicked", G_CALLBACK (suggestion_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->suggestions_group, row);
      g_ptr_array_add (self->suggestion_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_group), order->len > 0);
}

static void
load_files (EbImportDialog *self)
{
  gboolean several = self->files->len > 1;

  remove_rows (self->files_group, self->file_rows);
  remove_rows (self->conflicts_group, self->conflict_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->files_group), several);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), several);
  if (!several || self->file_surveys == NULL)
    return;

  for (guint i = 0; i < self->file_surveys->len; i++)
    {
      EbSurvey *survey = g_ptr_array_index (self->file_surveys, i);
      g_autofree char *name = dup_file_name (self, i);
      g_autofree char *rows = NULL;
      g_autofree char *columns = NULL;
      g_autofree char *subtitle = NULL;
      guint n_rows = eb_survey_get_n_rows (survey);
      guint n_columns = eb_survey_get_n_columns (survey);
      GtkWidget *row = adw_action_row_new ();

      rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u response", "%'u responses", n_rows),
                              n_rows);
      columns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns", n_columns),
                                 n_columns);
      subtitle = g_strdup_printf ("%s · %s", rows, columns);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "x-office-spreadsheet-symbolic");
      gtk_widget_set_tooltip_text (row, eb_survey_get_source_file (survey));
      /* The files first, then the source column row. */
      adw_preferences_group_add (self->files_group, row);
      g_ptr_array_add (self->file_rows, row);
    }
  /* AdwPreferencesGroup appends: the source row goes back to the end. */
  g_object_ref (self->source_row);
  adw_preferences_group_remove (self->files_group, GTK_WIDGET (self->source_row));
  adw_preferences_group_add (self->files_group, GTK_WIDGET (self->source_row));
  g_object_unref (self->source_row);

  if (self->conflicts == NULL || self->conflicts->len == 0)
    {
      adw_preferences_group_set_description (self->conflicts_group,
                                             _("Every file has the same columns, with the same "
                                               "answers."));
      return;
    }
  adw_preferences_group_set_description (self->conflicts_group,
                                         _("Check these before importing: a column missing "
                                           "from a file is left empty for its responses."));
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      Conflict *conflict = g_ptr_array_index (self->conflicts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), conflict->column);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), conflict->detail);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->conflicts_group, row);
      g_ptr_array_add (self->conflict_rows, row);
    }
}

static void
load_sheets (EbImportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = eb_survey_get_sheet (self->survey);
  guint selected = 0;
  gboolean several = self->sheets != NULL && self->sheets->len > 1 && self->files->len == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), several);
  if (!several)
    return;

  for (guint i = 0; i < self->sheets->len; i++)
    {
      EbSheetInfo *info = g_ptr_array_index (self->sheets, i);

      if (info->hidden)
        {
          /* TRANSLATORS: a sheet's name, for a sheet Excel hides */
          g_autofree char *name = g_strdup_printf (_("%s (hidden)"), info->name);

          gtk_string_list_append (names, name);
        }
      else
        gtk_string_list_append (names, info->name);
      if (current != NULL && eb_sheet_name_matches (info->name, current))
        selected = i;
    }
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->sheet_row, selected);
}

static void
load_header_rows (EbImportDialog *self)
{
  guint header_rows = eb_survey_get_header_rows (self->survey);
  EbSurvey *first = self->file_surveys != NULL && self->file_surveys->len > 0
                    ? g_ptr_array_index (self->file_surveys, 0) : self->survey;
  EbHeaderStyle style = eb_header_get_style (first);
  g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u header row",
                                                        "%u header rows",
                                                        header_rows),
                                           header_rows);
  g_autofree char *subtitle = NULL;

  gtk_spin_button_set_value (self->header_rows_spin, header_rows);
  if (self->header_rows < 0)
    /* TRANSLATORS: "Detected: Qualtrics export (3 header rows)" */
    subtitle = g_strdup_printf (_("Detected: %s (%s)"), eb_header_style_get_label (style), rows);
  else
    /* TRANSLATORS: "Qualtrics export, 2 header rows as chosen" */
    subtitle = g_strdup_printf (_("%s, %s as chosen"), eb_header_style_get_label (style), rows);
  adw_action_row_set_subtitle (self->header_rows_row, subtitle);
}

static void
load_survey (EbImportDialog *self)
{
  self->updating = TRUE;
  load_preview (self);
  update_preview_label (self);
  load_sheets (self);
  load_header_rows (self);
  load_files (self);
  load_column_rows (self);
  load_suggestions (self);
  self->updating = FALSE;
}

static void
update_title (EbImportDialog *self)
{
  g_autofree char *subtitle = NULL;

  if (self->files->len == 1)
    subtitle = dup_file_name (self, 0);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", self->files->len),
                                self->files->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* ---- Reading ---- */

static void
show_error (EbImportDialog *self)
{
  g_autofree char *name = dup_file_name (self, self->failed_file);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *file_path = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;

  if (is_cancelled_error (self->error))
    {
      title = g_strdup (_("Reading Stopped"));
      /* TRANSLATORS: %s is a file name */
      description = g_markup_printf_escaped (_("“%s” was not read to the end."), name);
      adw_status_page_set_icon_name (self->error_page, "eb-import-symbolic");
    }
  else
    {
      /* TRANSLATORS: %s is a file name */
      title = g_strdup_printf (_("Cannot Read “%s”"), name);
      description = g_markup_escape_text (self->error->message, -1);
      adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
    }
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);

  /* Where, once more and in full: the path, then sheet, row and column. */
  if (self->location.file != NULL)
    file_path = g_strdup (self->location.file);
  else
    file_path = g_file_get_path (g_ptr_array_index (self->files, self->failed_file));
  if (!is_cancelled_error (self->error))
    {
      if (self->location.sheet != NULL)
        /* TRANSLATORS: %s is a sheet's name */
        g_ptr_array_add (parts, g_strdup_printf (_("Sheet “%s”"), self->location.sheet));
      if (self->location.row > 0)
        g_ptr_array_add (parts, g_strdup_printf (_("Row %u"), self->location.row));
      if (self->location.column > 0)
        {
          char letters[8];

          eb_sheet_column_letters (self->location.column, letters);
          /* TRANSLATORS: "Column 3 (C)" */
          g_ptr_array_add (parts, g_strdup_printf (_("Column %u (%s)"), self->location.column, letters));
        }
    }
  g_ptr_array_add (parts, NULL);
  where = g_strjoinv (" · ", (char **) parts->pdata);
  text = g_strconcat (file_path != NULL ? file_path : name, *where != '\0' ? "\n" : "", where, NULL);
  gtk_label_set_text (self->error_location, text);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
set_survey (EbImportDialog *self,
            EbSurvey       *survey)
{
  if (!g_set_object (&self->survey, survey))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SURVEY]);
}

static void
finish_job (EbImportDialog *self)
{
  g_clear_handle_id (&self->progress_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->busy_revealer, FALSE);
  g_clear_pointer (&self->job, job_unref);
}

static void
job_succeeded (EbImportDialog *self,
               ImportJob      *job)
{
  g_clear_error (&self->error);
  eb_error_location_clear (&self->location);

  g_clear_pointer (&self->file_surveys, g_ptr_array_unref);
  self->file_surveys = g_ptr_array_ref (job->file_surveys);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  self->columns = g_steal_pointer (&job->columns);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = g_steal_pointer (&job->conflicts);
  if (job->sheets != NULL)
    {
      g_clear_pointer (&self->sheets, g_ptr_array_unref);
      self->sheets = g_steal_pointer (&job->sheets);
    }

  g_free (self->read_sheet);
  self->read_sheet = g_strdup (job->sheet);
  self->read_header_rows = job->header_rows;
  g_free (self->read_source_column);
  self->read_source_column = g_strdup (job->source_column);

  set_survey (self, job->survey);
  apply_overrides (self);
  load_survey (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
job_failed (EbImportDialog *self,
            ImportJob      *job,
            GError         *error)
{
  /* Stopped while reading again: the preview stays as it was, and so do
   * the settings it was read with. */
  if (is_cancelled_error (error) && self->survey != NULL)
    {
      g_free (self->sheet);
      self->sheet = g_strdup (self->read_sheet);
      self->header_rows = self->read_header_rows;
      self->updating = TRUE;
      load_header_rows (self);
      load_sheets (self);
      if (self->files->len > 1)
        {
          g_free (self->source_column);
          self->source_column = g_strdup (self->read_source_column);
          gtk_editable_set_text (GTK_EDITABLE (self->source_row),
                                 self->source_column != NULL ? self->source_column : "");
        }
      self->updating = FALSE;
      g_error_free (error);
      return;
    }

  g_clear_error (&self->error);
  self->error = error;
  eb_error_location_clear (&self->location);
  self->location.file = g_steal_pointer (&job->location.file);
  self->location.sheet = g_steal_pointer (&job->location.sheet);
  self->location.row = job->location.row;
  self->location.column = job->location.column;
  self->failed_file = job->failed_file;
  set_survey (self, NULL);
  self->updating = TRUE;
  load_preview (self);
  load_column_rows (self);
  self->updating = FALSE;
  show_error (self);
}

static void
job_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ImportJob) job = user_data;
  g_autoptr(EbImportDialog) self = g_weak_ref_get (&job->dialog);
  GError *error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* A dialog closed meanwhile, or a read superseded by another. */
  if (self == NULL || self->job != job)
    {
      g_clear_error (&error);
      return;
    }

  /* Stop pressed after the worker had finished, but before its result
   * arrived: the user asked to stop, so the read counts as stopped. */
  if (ok && g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    ok = FALSE;

  finish_job (self);
  if (ok)
    job_succeeded (self, job);
  else
    job_failed (self, job, error);
  update_busy (self);
}

static gboolean
progress_timeout_cb (gpointer data)
{
  EbImportDialog *self = data;

  self->progress_timeout_id = 0;
  if (self->job != NULL && self->survey != NULL)
    gtk_revealer_set_reveal_child (self->busy_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

static void
cancel_job (EbImportDialog *self)
{
  if (self->job == NULL)
    return;

  g_cancellable_cancel (self->job->cancellable);
  finish_job (self);
}

static void
start_read (EbImportDialog *self,
            JobKind         kind,
            gboolean        list_sheets)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;
  g_autofree char *name = dup_file_name (self, 0);
  g_autofree char *title = NULL;

  g_clear_handle_id (&self->reread_id, g_source_remove);
  cancel_job (self);
  if (kind == JOB_MERGE && self->file_surveys == NULL)
    kind = JOB_READ;

  job = g_atomic_rc_box_new0 (ImportJob);
  job->kind = kind;
  g_weak_ref_init (&job->dialog, self);
  job->cancellable = g_cancellable_new ();
  job->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->files->len; i++)
    g_ptr_array_add (job->paths, g_file_get_path (g_ptr_array_index (self->files, i)));
  job->sheet = g_strdup (self->sheet);
  job->header_rows = self->header_rows;
  job->scales = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_scale_unref);
  for (guint i = 0; i < self->user_scales->len; i++)
    g_ptr_array_add (job->scales, eb_scale_ref (g_ptr_array_index (self->user_scales, i)));
  job->source_column = g_strdup (self->files->len > 1 ? self->source_column : NULL);
  job->list_sheets = list_sheets;
  if (kind == JOB_MERGE)
    job->file_surveys = g_ptr_array_ref (self->file_surveys);
  self->job = job;

  if (kind == JOB_MERGE)
    title = g_strdup (_("Stacking the files…"));
  else if (self->files->len == 1)
    /* TRANSLATORS: %s is a file name */
    title = g_strdup_printf (_("Reading “%s”…"), name);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading %u file…", "Reading %u files…",
                                          self->files->len),
                             self->files->len);
  adw_status_page_set_title (self->loading_page, title);
  gtk_label_set_text (self->busy_label, title);
  gtk_progress_bar_set_fraction (self->loading_progress, 0.0);
  gtk_progress_bar_set_fraction (self->busy_progress, 0.0);
  if (self->survey == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    self->progress_timeout_id = g_timeout_add (PROGRESS_DELAY_MS, progress_timeout_cb, self);
  update_title (self);
  update_busy (self);

  task = g_task_new (NULL, job->cancellable, job_done_cb, job_ref (job));
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, job_ref (job), (GDestroyNotify) job_unref);
  /* A cancelled read reports its own error, with its file. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

static gboolean
reread_timeout_cb (gpointer data)
{
  EbImportDialog *self = data;

  self->reread_id = 0;
  start_read (self, self->reread_merge_only ? JOB_MERGE : JOB_READ, FALSE);
  return G_SOURCE_REMOVE;
}

/* Reads again once the settings stay put; a full read pending is not
 * turned into a merge. */
static void
schedule_reread (EbImportDialog *self,
                 gboolean        merge_only)
{
  if (self->reread_id != 0)
    {
      merge_only = merge_only && self->reread_merge_only;
      g_source_remove (self->reread_id);
    }
  self->reread_merge_only = merge_only;
  self->reread_id = g_timeout_add (REREAD_DELAY_MS, reread_timeout_cb, self);
  update_busy (self);
}

/* ---- Roles and scales ---- */

/* The rows and preview columns of the N_COLUMNS COLUMNS just given a
 * role or scale follow it. */
static void
refresh_after_choice (EbImportDialog *self,
                      const guint    *columns,
                      guint           n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      if (get_column_row (self, columns[i]) != NULL)
        update_column_row (self, columns[i]);
      replace_preview_column (self, columns[i]);
    }
  load_suggestions (self);
}

static void
column_role_changed_cb (EbImportDialog  *self,
                        GParamSpec      *pspec,
                        EbColumnRoleRow *row)
{
  guint column = eb_column_role_row_get_column (row);
  EbColumnRole role = eb_column_role_row_get_role (row);

  if (self->updating || self->survey == NULL)
    return;

  if (role == EB_COLUMN_ROLE_LIKERT)
    {
      g_autoptr(EbScale) scale = NULL;

      if (eb_column_role_row_get_scale (row) != NULL)
        scale = eb_scale_ref (eb_column_role_row_get_scale (row));
      else
        scale = scale_from_answers (get_column_info (self, column));

      if (scale == NULL)
        {
          ColumnInfo *info = get_column_info (self, column);
          g_autofree char *message = NULL;

          if (info != NULL && info->n_distinct > MAX_KEPT_ANSWERS)
            /* TRANSLATORS: "“Comments” has 212 different answers: too many for a scale" */
            message = g_strdup_printf (_("“%s” has %'u different answers: too many for a scale"),
                                       eb_survey_get_column_name (self->survey, column),
                                       info->n_distinct);
          else
            /* TRANSLATORS: %s is a column's title */
            message = g_strdup_printf (_("“%s” has fewer than two different answers: too few "
                                         "for a scale"),
                                       eb_survey_get_column_name (self->survey, column));
          show_toast (self, message);
          self->updating = TRUE;
          eb_column_role_row_set_role (row, eb_survey_get_column_role (self->survey, column));
          self->updating = FALSE;
          return;
        }
      eb_survey_set_column_scale (self->survey, column, scale);
      self->updating = TRUE;
      eb_column_role_row_set_scale (row, scale);
      self->updating = FALSE;
    }
  else
    eb_survey_set_column_scale (self->survey, column, NULL);

  eb_survey_set_column_role (self->survey, column, role);
  remember_choice (self, column);
  refresh_after_choice (self, &column, 1);
}

static void
scale_applied_cb (EbImportDialog *self,
                  EbScale        *scale,
                  gboolean        apply_to_all,
                  EbScaleEditor  *editor)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editor), "eb-column"));
  EbScale *original = g_object_get_data (G_OBJECT (editor), "eb-original-scale");
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (guint));

  /* A read since the editor opened made other columns. */
  if (self->survey == NULL || g_object_get_data (G_OBJECT (editor), "eb-survey") != self->survey)
    return;

  g_array_append_val (targets, column);
  if (apply_to_all)
    {
      g_autoptr(GArray) matching = find_matching_columns (self, column, original);

      g_array_append_vals (targets, matching->data, matching->len);

      /* Like --scale: a read again (other header rows) finds it too. */
      for (guint i = 0; i < self->user_scales->len; i++)
        if (eb_scale_equal (g_ptr_array_index (self->user_scales, i), scale))
          {
            g_ptr_array_remove_index (self->user_scales, i);
            break;
          }
      g_ptr_array_insert (self->user_scales, 0, eb_scale_ref (scale));
    }

  for (guint i = 0; i < targets->len; i++)
    {
      guint c = g_array_index (targets, guint, i);

      eb_survey_set_column_role (self->survey, c, EB_COLUMN_ROLE_LIKERT);
      eb_survey_set_column_scale (self->survey, c, scale);
      /* Rows not made yet get the scale from the survey when they are. */
      if (get_column_row (self, c) != NULL)
        {
          self->updating = TRUE;
          eb_column_role_row_set_scale (get_column_row (self, c), scale);
          self->updating = FALSE;
        }
      remember_choice (self, c);
    }
  refresh_after_choice (self, (const guint *) (gpointer) targets->data, targets->len);
}

static void
column_edit_scale_cb (EbImportDialog  *self,
                      EbColumnRoleRow *row)
{
  eb_import_dialog_edit_scale (self, eb_column_role_row_get_column (row));
}

/* ---- Signal callbacks ---- */

static void
header_rows_changed_cb (EbImportDialog *self,
                        GtkSpinButton  *spin)
{
  if (self->updating)
    return;

  self->header_rows = gtk_spin_button_get_value_as_int (spin);
  schedule_reread (self, FALSE);
}

static void
sheet_selected_cb (EbImportDialog *self,
                   GParamSpec     *pspec,
                   AdwComboRow    *combo)
{
  guint selected = adw_combo_row_get_selected (combo);
  EbSheetInfo *info;

  if (self->updating || self->sheets == NULL || selected >= self->sheets->len)
    return;

  info = g_ptr_array_index (self->sheets, selected);
  g_free (self->sheet);
  self->sheet = g_strdup (info->name);
  /* Another sheet may have other headers. */
  self->header_rows = -1;
  schedule_reread (self, FALSE);
}

static void
source_changed_cb (EbImportDialog *self,
                   GtkEditable    *editable)
{
  if (!self->updating)
    take_source_column (self, gtk_editable_get_text (editable));
}

static void
take_source_column (EbImportDialog *self,
                    const char     *name)
{
  g_autofree char *text = g_strstrip (g_strdup (name));

  /* The source column's name must not be a title of the files' own
   * columns: their answers would go into it. */
  for (guint i = 0; *text != '\0' && self->file_surveys != NULL && i < self->file_surveys->len; i++)
    if (eb_survey_find_column (g_ptr_array_index (self->file_surveys, i), text) >= 0)
      {
        gtk_widget_add_css_class (GTK_WIDGET (self->source_row), "error");
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_row),
                                     _("The files have a column of this name: choose another"));
        return;
      }
  gtk_widget_remove_css_class (GTK_WIDGET (self->source_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_row), NULL);

  g_free (self->source_column);
  self->source_column = *text != '\0' ? g_steal_pointer (&text) : NULL;
  schedule_reread (self, TRUE);
}

static void
file_chosen_cb (EbImportDialog       *self,
                int                   response,
                GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_clear_object (&self->chooser);
  update_actions (self);
  if (file == NULL)
    return;

  /* The file that failed makes way for the one chosen; what was chosen
   * for the old file's sheets and headers goes with it. */
  g_object_unref (g_ptr_array_index (self->files, self->failed_file));
  g_ptr_array_index (self->files, self->failed_file) = g_steal_pointer (&file);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->file_surveys, g_ptr_array_unref);
  self->header_rows = -1;
  start_read (self, JOB_READ, TRUE);
}

/* ---- Actions ---- */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbImportDialog *self = EB_IMPORT_DIALOG (widget);
  g_autoptr(EbSurvey) survey = NULL;

  if (self->survey == NULL || self->job != NULL || self->reread_id != 0 || self->error != NULL)
    return;

  survey = g_object_ref (self->survey);
  g_signal_emit (self, signals[IMPORT_READY], 0, survey);
  gtk_window_close (GTK_WINDOW (self));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EbImportDialog *self = EB_IMPORT_DIALOG (widget);

  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
}

static void
try_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EbImportDialog *self = EB_IMPORT_DIALOG (widget);

  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->file_surveys, g_ptr_array_unref);
  self->header_rows = -1;
  start_read (self, JOB_READ, TRUE);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  static const char * const suffixes[] = {
    "csv", "tsv", "txt", "xlsx", "xlsm", "ods", "sav", "zsav", "por", "dta",
  };
  EbImportDialog *self = EB_IMPORT_DIALOG (widget);
  GtkFileChooser *chooser;
  GtkFileFilter *filter;
  g_autoptr(GFile) folder = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose a Survey"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Surveys (CSV, Excel, OpenDocument, SPSS, Stata)"));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);

  folder = g_file_get_parent (g_ptr_array_index (self->files, self->failed_file));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  update_actions (self);
}

/* ---- GObject ---- */

static gboolean
eb_import_dialog_close_request (GtkWindow *window)
{
  EbImportDialog *self = EB_IMPORT_DIALOG (window);

  /* The worker stops at its next step; its result goes nowhere. */
  g_clear_handle_id (&self->reread_id, g_source_remove);
  cancel_job (self);
  update_busy (self);

  return GTK_WINDOW_CLASS (eb_import_dialog_parent_class)->close_request (window);
}

static void
eb_import_dialog_dispose (GObject *object)
{
  EbImportDialog *self = EB_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->reread_id, g_source_remove);
  g_clear_handle_id (&self->build_id, g_source_remove);
  cancel_job (self);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_IMPORT_DIALOG);

  g_clear_object (&self->survey);
  g_clear_object (&self->preview_rows);
  g_clear_pointer (&self->preview_widths, g_hash_table_unref);
  g_clear_pointer (&self->file_surveys, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->user_scales, g_ptr_array_unref);
  g_clear_pointer (&self->overrides, g_hash_table_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->file_rows, g_ptr_array_unref);
  g_clear_pointer (&self->conflict_rows, g_ptr_array_unref);
  g_clear_pointer (&self->suggestion_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (eb_import_dialog_parent_class)->dispose (object);
}

static void
eb_import_dialog_finalize (GObject *object)
{
  EbImportDialog *self = EB_IMPORT_DIALOG (object);

  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->source_column, g_free);
  g_clear_pointer (&self->read_sheet, g_free);
  g_clear_pointer (&self->read_source_column, g_free);
  g_clear_error (&self->error);
  eb_error_location_clear (&self->location);

  G_OBJECT_CLASS (eb_import_dialog_parent_class)->finalize (object);
}

static void
eb_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EbImportDialog *self = EB_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_SURVEY:
      g_value_set_object (value, self->survey);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_import_dialog_class_init (EbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = eb_import_dialog_dispose;
  object_class->finalize = eb_import_dialog_finalize;
  object_class->get_property = eb_import_dialog_get_property;
  window_class->close_request = eb_import_dialog_close_request;

  /**
   * EbImportDialog:busy:
   *
   * Whether a read is running or about to start, or the preview and the
   * list of columns are still being filled in.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbImportDialog:survey:
   *
   * The survey as previewed, or %NULL.
   */
  properties[PROP_SURVEY] =
    g_param_spec_object ("survey", NULL, NULL,
                         EB_TYPE_SURVEY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbImportDialog::import-ready:
   * @survey: the survey to import, with its roles and scales
   *
   * The user pressed Import; the dialog closes next.
   */
  signals[IMPORT_READY] =
    g_signal_new ("import-ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, EB_TYPE_SURVEY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/eb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, busy_label);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, busy_progress);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, loading_page);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, error_location);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, header_rows_row);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, header_rows_spin);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, suggestions_group);
  gtk_widget_class_bind_template_child (widget_class, EbImportDialog, columns_group);
  gtk_widget_class_bind_template_callback (widget_class, header_rows_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheet_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "import.try-again", NULL, try_again_action);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "import.import", NULL);
}

static void
eb_import_dialog_init (EbImportDialog *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->header_rows = -1;
  self->source_column = g_strdup (_("Source"));
  self->user_scales = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_scale_unref);
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, override_free);
  self->column_rows = g_ptr_array_new ();
  self->file_rows = g_ptr_array_new ();
  self->conflict_rows = g_ptr_array_new ();
  self->suggestion_rows = g_ptr_array_new ();

  self->preview_rows = g_list_store_new (EB_TYPE_SURVEY_ROW);
  self->preview_widths = g_hash_table_new (NULL, NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->preview_rows)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), self->source_column);
  self->updating = FALSE;

  update_actions (self);
}

GtkWidget *
eb_import_dialog_new (GtkWindow  *parent,
                      GFile     **files,
                      guint       n_files)
{
  EbImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (files != NULL && n_files > 0, NULL);
  for (guint i = 0; i < n_files; i++)
    g_return_val_if_fail (G_IS_FILE (files[i]), NULL);

  self = g_object_new (EB_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (self->files, g_object_ref (files[i]));
  start_read (self, JOB_READ, TRUE);

  return GTK_WIDGET (self);
}

gboolean
eb_import_dialog_get_busy (EbImportDialog *self)
{
  g_return_val_if_fail (EB_IS_IMPORT_DIALOG (self), FALSE);

  return self->busy;
}

EbSurvey *
eb_import_dialog_get_survey (EbImportDialog *self)
{
  g_return_val_if_fail (EB_IS_IMPORT_DIALOG (self), NULL);

  return self->survey;
}

const GError *
eb_import_dialog_get_error (EbImportDialog *self)
{
  g_return_val_if_fail (EB_IS_IMPORT_DIALOG (self), NULL);

  return self->error;
}

void
eb_import_dialog_set_header_rows (EbImportDialog *self,
                                  int             header_rows)
{
  g_return_if_fail (EB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (header_rows >= -1);

  if (header_rows < 0)
    {
      self->header_rows = -1;
      schedule_reread (self, FALSE);
      return;
    }
  /* Through the spin button, as the user would. */
  gtk_spin_button_set_value (self->header_rows_spin, header_rows);
  if (self->header_rows != header_rows)
    {
      self->header_rows = header_rows;
      schedule_reread (self, FALSE);
    }
}

void
eb_import_dialog_set_source_column (EbImportDialog *self,
                                    const char     *source_column)
{
  g_return_if_fail (EB_IS_IMPORT_DIALOG (self));

  /* Setting the text passes through "": only the text set counts. */
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), source_column != NULL ? source_column : "");
  self->updating = FALSE;
  take_source_column (self, source_column != NULL ? source_column : "");
}

GtkColumnView *
eb_import_dialog_get_preview (EbImportDialog *self)
{
  g_return_val_if_fail (EB_IS_IMPORT_DIALOG (self), NULL);

  return self->preview_view;
}

GtkWidget *
eb_import_dialog_get_column_row (EbImportDialog *self,
                                 guint           column)
{
  g_return_val_if_fail (EB_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (column < self->column_rows->len, NULL);

  return g_ptr_array_index (self->column_rows, column);
}

GtkWidget *
eb_import_dialog_edit_scale (EbImportDialog *self,
                             guint           column)
{
  EbColumnRoleRow *row;
  EbScale *kept;
  g_autoptr(EbScale) scale = NULL;
  g_autoptr(GArray) matching = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  GtkWidget *editor;
  const char *title;
  gboolean suggested;

  g_return_val_if_fail (EB_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (self->survey != NULL, NULL);
  g_return_val_if_fail (column < eb_survey_get_n_columns (self->survey), NULL);

  row = get_column_row (self, column);
  title = eb_survey_get_column_name (self->survey, column);
  suggested = eb_survey_get_column_role (self->survey, column) != EB_COLUMN_ROLE_LIKERT;
  /* The item's scale; or the one it had before another role was chosen,
   * if it still fits; or its answers as they come. */
  kept = eb_survey_get_column_scale (self->survey, column);
  if (kept == NULL && row != NULL)
    kept = eb_column_role_row_get_scale (row);
  if (kept != NULL && (!suggested || scale_holds_answers (kept, get_column_info (self, column))))
    scale = eb_scale_ref (kept);
  else
    scale = scale_from_answers (get_column_info (self, column));
  if (scale == NULL)
    {
      /* TRANSLATORS: %s is a column's title */
      g_autofree char *message = g_strdup_printf (_("The answers of “%s” are too many for a scale"), title);

      show_toast (self, message);
      return NULL;
    }

  editor = eb_scale_editor_new (GTK_WINDOW (self), title, scale);
  g_object_set_data (G_OBJECT (editor), "eb-column", GUINT_TO_POINTER (column));
  g_object_set_data_full (G_OBJECT (editor), "eb-original-scale", eb_scale_ref (scale),
                          (GDestroyNotify) eb_scale_unref);
  g_object_set_data_full (G_OBJECT (editor), "eb-survey", g_object_ref (self->survey), g_object_unref);

  matching = find_matching_columns (self, column, scale);
  titles = g_ptr_array_new ();
  for (guint i = 0; i < matching->len; i++)
    g_ptr_array_add (titles, (gpointer) eb_survey_get_column_name (self->survey,
                                                                   g_array_index (matching, guint, i)));
  g_ptr_array_add (titles, NULL);
  eb_scale_editor_set_matching_items (EB_SCALE_EDITOR (editor), (const char * const *) titles->pdata);
  /* Answers offered as a scale are usually a grid's: all go together. */
  eb_scale_editor_set_apply_to_all (EB_SCALE_EDITOR (editor), suggested && matching->len > 0);

  g_signal_connect_object (editor, "applied", G_CALLBACK (scale_applied_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}
