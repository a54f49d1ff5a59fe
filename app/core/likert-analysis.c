/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-likert-analysis"

#include "config.h"

#include <math.h>
#include <string.h>

#include "csv-writer.h"
#include "likert-analysis.h"

typedef struct
{
  char  *text;
  guint  count;
} Unmatched;

struct _EbLikertItem
{
  guint        column;
  char        *name;
  EbScale     *scale;
  /* For each level of the scale: its substantive index (>= 0), or
   * -1 - its index among the non-substantive levels. */
  int         *map;
  guint        n_levels;            /* substantive */
  guint       *level_of;            /* substantive index -> scale level */
  guint       *counts;
  double      *percents;
  guint        n_ns_levels;
  guint       *ns_level_of;         /* non-substantive index -> scale level */
  guint       *ns_counts;
  guint        n_valid;
  guint        n_ns;
  guint        n_empty;
  guint        n_unmatched;
  GPtrArray   *unmatched;           /* Unmatched *, in order of first appearance */
  GHashTable  *unmatched_index;     /* text -> Unmatched *, while counting */
  double       mean;
  double       median;
  double       top;
  double       positive;
  double       negative;
};

struct _EbLikertGroup
{
  char       *value;
  guint       n_rows;
  GPtrArray  *items;                /* EbLikertItem * */
  gboolean    has_average;
  double     *average_counts;
  double     *average_percents;
};

struct _EbLikertAnalysis
{
  gatomicrefcount  ref_count;
  int              group_column;
  char            *group_column_name;
  guint            n_items;
  gboolean         common_scale;
  guint            max_levels;      /* the most substantive levels of any item */
  EbScale         *first_scale;     /* the first item's, for the CSV header */
  GPtrArray       *groups;          /* EbLikertGroup * */
  EbLikertGroup   *ungrouped;
};

struct _EbLikertComparison
{
  gatomicrefcount     ref_count;
  EbLikertAnalysis   *analysis;
  const EbLikertGroup *a;
  const EbLikertGroup *b;
  double             *difference;
  EbMannWhitney      *tests;
};

struct _EbLikertPaired
{
  gatomicrefcount  ref_count;
  char            *wave_a;
  char            *wave_b;
  guint            n_linked;
  guint            n_duplicate_ids;
  guint            n_items;
  char           **names;
  EbLikertChange  *changes;
};

G_DEFINE_BOXED_TYPE (EbLikertAnalysis, eb_likert_analysis,
                     eb_likert_analysis_ref, eb_likert_analysis_unref)
G_DEFINE_BOXED_TYPE (EbLikertComparison, eb_likert_comparison,
                     eb_likert_comparison_ref, eb_likert_comparison_unref)
G_DEFINE_BOXED_TYPE (EbLikertPaired, eb_likert_paired,
                     eb_likert_paired_ref, eb_likert_paired_unref)

G_DEFINE_QUARK (eb-likert-error-quark, eb_likert_error)

/* ---- Helpers ---- */

static void
unmatched_free (gpointer data)
{
  Unmatched *unmatched = data;

  g_free (unmatched->text);
  g_free (unmatched);
}

/* Answers and group values are compared as a reader sees them: without
 * surrounding white space. NULL for a blank cell. */
static char *
dup_trimmed (const char *cell)
{
  char *text = g_strstrip (g_strdup (cell));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean
is_blank (const char *cell)
{
  while (g_ascii_isspace (*cell))
    cell++;
  return *cell == '\0';
}

/* The level of CELL in SCALE. Survey cells are interned, so a cache keyed
 * by the cell's address does one scale lookup per distinct answer instead of
 * one per row: the difference between casefolding 100,000 strings and ten. */
static int
lookup_cached (GHashTable    *cache,
               const EbScale *scale,
               const char    *cell)
{
  gpointer cached;
  int level;

  if (g_hash_table_lookup_extended (cache, cell, NULL, &cached))
    return GPOINTER_TO_INT (cached);
  level = eb_scale_lookup (scale, cell);
  g_hash_table_insert (cache, (gpointer) cell, GINT_TO_POINTER (level));
  return level;
}

static char *
describe_column (EbSurvey *survey,
                 guint     column)
{
  const char *file = eb_survey_get_source_file (survey);

  if (file != NULL)
    return g_strdup_printf ("%s: column “%s”", file,
                            eb_survey_get_column_name (survey, column));
  return g_strdup_printf ("Column “%s”", eb_survey_get_column_name (survey, column));
}

static gboolean
check_items (EbSurvey     *survey,
             const guint  *columns,
             guint         n_columns,
             GError      **error)
{
  if (n_columns == 0)
    {
      g_set_error (error, EB_LIKERT_ERROR, EB_LIKERT_ERROR_NO_ITEMS,
                   "%s: no Likert items selected; expected at least one column "
                   "with an answer scale",
                   eb_survey_get_source_file (survey) != NULL
                   ? eb_survey_get_source_file (survey) : "Survey");
      return FALSE;
    }
  for (guint i = 0; i < n_columns; i++)
    if (eb_survey_get_column_scale (survey, columns[i]) == NULL)
      {
        g_autofree char *where = describe_column (survey, columns[i]);

        g_set_error (error, EB_LIKERT_ERROR, EB_LIKERT_ERROR_NO_SCALE,
                     "%s has no answer scale; expected a Likert item", where);
        return FALSE;
      }
  return TRUE;
}

static EbLikertItem *
item_new (EbSurvey *survey,
          guint     column)
{
  EbLikertItem *item = g_new0 (EbLikertItem, 1);
  EbScale *scale = eb_survey_get_column_scale (survey, column);
  guint n_scale_levels = eb_scale_get_n_levels (scale);

  item->column = column;
  item->name = g_strdup (eb_survey_get_column_name (survey, column));
  item->scale = eb_scale_ref (scale);
  item->n_levels = eb_scale_get_n_substantive (scale);
  item->n_ns_levels = n_scale_levels - item->n_levels;
  item->map = g_new (int, n_scale_levels);
  item->level_of = g_new0 (guint, MAX (item->n_levels, 1));
  item->counts = g_new0 (guint, MAX (item->n_levels, 1));
  item->percents = g_new0 (double, MAX (item->n_levels, 1));
  item->ns_level_of = g_new0 (guint, MAX (item->n_ns_levels, 1));
  item->ns_counts = g_new0 (guint, MAX (item->n_ns_levels, 1));
  for (guint l = 0, s = 0, ns = 0; l < n_scale_levels; l++)
    if (eb_scale_is_non_substantive (scale, l))
      {
        item->ns_level_of[ns] = l;
        item->map[l] = -1 - (int) ns++;
      }
    else
      {
        item->level_of[s] = l;
        item->map[l] = (int) s++;
      }
  item->unmatched = g_ptr_array_new_with_free_func (unmatched_free);
  item->unmatched_index = g_hash_table_new (g_str_hash, g_str_equal);
  return item;
}

static void
item_free (gpointer data)
{
  EbLikertItem *item = data;

  g_free (item->name);
  eb_scale_unref (item->scale);
  g_free (item->map);
  g_free (item->level_of);
  g_free (item->counts);
  g_free (item->percents);
  g_free (item->ns_level_of);
  g_free (item->ns_counts);
  g_ptr_array_unref (item->unmatched);
  g_clear_pointer (&item->unmatched_index, g_hash_table_unref);
  g_free (item);
}

/* Files one answer: LEVEL is its scale level, or -1. */
static void
item_add (EbLikertItem *item,
          const char   *cell,
          int           level)
{
  if (level >= 0)
    {
      int index = item->map[level];

      if (index >= 0)
        item->counts[index]++;
      else
        item->ns_counts[-1 - index]++;
    }
  else if (is_blank (cell))
    item->n_empty++;
  else
    {
      g_autofree char *text = dup_trimmed (cell);
      Unmatched *unmatched = g_hash_table_lookup (item->unmatched_index, text);

      if (unmatched == NULL)
        {
          unmatched = g_new0 (Unmatched, 1);
          unmatched->text = g_steal_pointer (&text);
          g_ptr_array_add (item->unmatched, unmatched);
          g_hash_table_insert (item->unmatched_index, unmatched->text, unmatched);
        }
      unmatched->count++;
      item->n_unmatched++;
    }
}

/* The code (1-based) at 0-based position POS of the sorted valid answers. */
static guint
code_at (const EbLikertItem *item,
         guint               pos)
{
  guint seen = 0;
  guint l;

  for (l = 0; l < item->n_levels; l++)
    {
      seen += item->counts[l];
      if (pos < seen)
        break;
    }
  g_assert (pos < seen);
  return l + 1;
}

static double
percent_of (guint  count,
            guint  total)
{
  return total > 0 ? 100.0 * count / total : NAN;
}

static void
item_finish (EbLikertItem *item)
{
  guint k = item->n_levels;
  guint sum = 0, positive = 0, negative = 0;

  g_clear_pointer (&item->unmatched_index, g_hash_table_unref);

  item->n_valid = 0;
  for (guint l = 0; l < k; l++)
    {
      item->n_valid += item->counts[l];
      sum += (l + 1) * item->counts[l];
      /* Upper half from code floor(k/2) + 2 (0-based (k+1)/2), lower half up
       * to code floor(k/2): an odd scale's middle level is in neither. */
      if (l >= (k + 1) / 2)
        positive += item->counts[l];
      if (l < k / 2)
        negative += item->counts[l];
    }
  item->n_ns = 0;
  for (guint l = 0; l < item->n_ns_levels; l++)
    item->n_ns += item->ns_counts[l];

  for (guint l = 0; l < k; l++)
    item->percents[l] = percent_of (item->counts[l], item->n_valid);
  item->positive = percent_of (positive, item->n_valid);
  item->negative = percent_of (negative, item->n_valid);
  item->top = k > 0 ? percent_of (item->counts[k - 1], item->n_valid) : NAN;
  if (item->n_valid == 0)
    {
      item->mean = NAN;
      item->median = NAN;
    }
  else
    {
      guint n = item->n_valid;

      item->mean = (double) sum / n;
      if (n % 2 == 1)
        item->median = code_at (item, n / 2);
      else
        item->median = (code_at (item, n / 2 - 1) + code_at (item, n / 2)) / 2.0;
    }
}

static EbLikertGroup *
group_new (EbSurvey    *survey,
           const guint *columns,
           guint        n_columns,
           const char  *value)
{
  EbLikertGroup *group = g_new0 (EbLikertGroup, 1);

  group->value = g_strdup (value);
  group->items = g_ptr_array_new_with_free_func (item_free);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (group->items, item_new (survey, columns[i]));
  return group;
}

static void
group_free (gpointer data)
{
  EbLikertGroup *group = data;

  g_free (group->value);
  g_ptr_array_unref (group->items);
  g_free (group->average_counts);
  g_free (group->average_percents);
  g_free (group);
}

static void
group_finish (EbLikertGroup *group,
              gboolean       common_scale)
{
  const EbLikertItem *first = g_ptr_array_index (group->items, 0);
  guint k = first->n_levels;
  guint n_items = group->items->len;
  guint valid = 0;

  for (guint i = 0; i < n_items; i++)
    item_finish (g_ptr_array_index (group->items, i));

  group->has_average = common_scale;
  if (!common_scale)
    return;

  /* Table 1's "Average" row: the mean count per level, and the level's
   * share of all valid answers pooled over the items (which weighs each
   * item by its number of answers, unlike a mean of percentages). */
  group->average_counts = g_new0 (double, MAX (k, 1));
  group->average_percents = g_new0 (double, MAX (k, 1));
  for (guint i = 0; i < n_items; i++)
    {
      const EbLikertItem *item = g_ptr_array_index (group->items, i);

      valid += item->n_valid;
      for (guint l = 0; l < k; l++)
        group->average_counts[l] += item->counts[l];
    }
  for (guint l = 0; l < k; l++)
    {
      group->average_percents[l] = valid > 0
                                   ? 100.0 * group->average_counts[l] / valid : NAN;
      group->average_counts[l] /= n_items;
    }
}

/* The substantive levels of the group's (common) scale. */
static guint
group_n_levels (const EbLikertGroup *group)
{
  const EbLikertItem *first = g_ptr_array_index (group->items, 0);

  return first->n_levels;
}

static void
add_double_or_null (JsonBuilder *builder,
                    double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *value)
{
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_item_json (JsonBuilder        *builder,
                 const EbLikertItem *item)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "column");
  json_builder_add_string_value (builder, item->name);
  json_builder_set_member_name (builder, "levels");
  json_builder_begin_array (builder);
  for (guint l = 0; l < item->n_levels; l++)
    json_builder_add_string_value (builder, eb_likert_item_get_level_label (item, l));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_array (builder);
  for (guint l = 0; l < item->n_levels; l++)
    json_builder_add_int_value (builder, item->counts[l]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "percent");
  json_builder_begin_array (builder);
  for (guint l = 0; l < item->n_levels; l++)
    add_double_or_null (builder, item->percents[l]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_int_value (builder, item->n_valid);
  json_builder_set_member_name (builder, "missing");
  json_builder_add_int_value (builder, item->n_empty + item->n_unmatched);
  json_builder_set_member_name (builder, "non_substantive");
  json_builder_begin_object (builder);
  for (guint l = 0; l < item->n_ns_levels; l++)
    {
      json_builder_set_member_name (builder,
                                    eb_scale_get_label (item->scale, item->ns_level_of[l]));
      json_builder_add_int_value (builder, item->ns_counts[l]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "unmatched");
  json_builder_begin_object (builder);
  for (guint u = 0; u < item->unmatched->len; u++)
    {
      const Unmatched *unmatched = g_ptr_array_index (item->unmatched, u);

      json_builder_set_member_name (builder, unmatched->text);
      json_builder_add_int_value (builder, unmatched->count);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "mean");
  add_double_or_null (builder, item->mean);
  json_builder_set_member_name (builder, "median");
  add_double_or_null (builder, item->median);
  json_builder_set_member_name (builder, "percent_top");
  add_double_or_null (builder, item->top);
  json_builder_set_member_name (builder, "percent_positive");
  add_double_or_null (builder, item->positive);
  json_builder_set_member_name (builder, "percent_negative");
  add_double_or_null (builder, item->negative);
  json_builder_end_object (builder);
}

static void
build_group_json (JsonBuilder         *builder,
                  EbLikertAnalysis    *self,
                  const EbLikertGroup *group)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group");
  if (self->group_column < 0)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "column");
      json_builder_add_string_value (builder, self->group_column_name);
      json_builder_set_member_name (builder, "value");
      add_string_or_null (builder, group->value);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, group->n_rows);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < group->items->len; i++)
    build_item_json (builder, g_ptr_array_index (group->items, i));
  json_builder_end_array (builder);
  if (group->has_average)
    {
      const EbLikertItem *first = g_ptr_array_index (group->items, 0);

      json_builder_set_member_name (builder, "average");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_array (builder);
      for (guint l = 0; l < first->n_levels; l++)
        add_double_or_null (builder, group->average_counts[l]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "percent");
      json_builder_begin_array (builder);
      for (guint l = 0; l < first->n_levels; l++)
        add_double_or_null (builder, group->average_percents[l]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
append_csv_uint (GString *out,
                 guint    value)
{
  g_string_append_printf (out, ",%u", value);
}

/* Unrounded but without binary noise (15 significant digits), always with
 * '.' whatever the locale; empty when undefined. */
static void
append_csv_double (GString *out,
                   double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  if (isfinite (value))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static void
append_csv_rows (GString             *out,
                 const EbLikertGroup *group,
                 guint                max_levels)
{
  for (guint i = 0; i < group->items->len; i++)
    {
      const EbLikertItem *item = g_ptr_array_index (group->items, i);

      eb_csv_append_field (out, group->value != NULL ? group->value : "", TRUE);
      eb_csv_append_field (out, item->name, FALSE);
      for (guint l = 0; l < max_levels; l++)
        if (l < item->n_levels)
          append_csv_uint (out, item->counts[l]);
        else
          g_string_append_c (out, ',');
      for (guint l = 0; l < max_levels; l++)
        append_csv_double (out, l < item->n_levels ? item->percents[l] : NAN);
      append_csv_uint (out, item->n_valid);
      append_csv_uint (out, item->n_empty + item->n_unmatched);
      append_csv_double (out, item->mean);
      g_string_append (out, "\r\n");
    }
}

/* The row of each respondent id in one wave: id -> row + 1, or 0 when the
 * id occurs more than once. */
static GHashTable *
index_wave (EbSurvey   *survey,
            guint       id_column,
            guint       wave_column,
            const char *wave,
            guint      *n_rows)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *n_rows = 0;
  for (guint r = 0; r < eb_survey_get_n_rows (survey); r++)
    {
      g_autofree char *value = dup_trimmed (eb_survey_get_cell (survey, r, wave_column));
      g_autofree char *id = NULL;

      if (g_strcmp0 (value, wave) != 0)
        continue;
      (*n_rows)++;
      id = dup_trimmed (eb_survey_get_cell (survey, r, id_column));
      if (id == NULL)
        continue;
      if (g_hash_table_contains (rows, id))
        g_hash_table_insert (rows, g_steal_pointer (&id), GUINT_TO_POINTER (0));
      else
        g_hash_table_insert (rows, g_steal_pointer (&id), GUINT_TO_POINTER (r + 1));
    }
  return rows;
}

/* ---- Items ---- */

guint
eb_likert_item_get_column (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, 0);

  return item->column;
}

const char *
eb_likert_item_get_name (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return item->name;
}

EbScale *
eb_likert_item_get_scale (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return item->scale;
}

guint
eb_likert_item_get_n_levels (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, 0);

  return item->n_levels;
}

const char *
eb_likert_item_get_level_label (const EbLikertItem *item,
                                guint               level)
{
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (level < item->n_levels, NULL);

  return eb_scale_get_label (item->scale, item->level_of[level]);
}

const guint *
eb_likert_item_get_counts (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return item->counts;
}

const double *
eb_likert_item_get_percents (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return item->percents;
}

guint
eb_likert_item_get_count (const EbLikertItem *item,
                          guint               level)
{
  g_return_val_if_fail (item != NULL, 0);
  g_return_val_if_fail (level < item->n_levels, 0);

  return item->counts[level];
}

double
eb_likert_item_get_percent (const EbLikertItem *item,
                            guint               level)
{
  g_return_val_if_fail (item != NULL, NAN);
  g_return_val_if_fail (level < item->n_levels, NAN);

  return item->percents[level];
}

guint
eb_likert_item_get_n_valid (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, 0);

  return item->n_valid;
}

guint
eb_likert_item_get_n_missing (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, 0);

  return item->n_empty + item->n_unmatched;
}

guint
eb_likert_item_get_n_empty (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, 0);

  return item->n_empty;
}

guint
eb_likert_item_get_n_unmatched (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, 0);

  return item->n_unmatched;
}

guint
eb_likert_item_get_n_unmatched_answers (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, 0);

  return item->unmatched->len;
}

const char *
eb_likert_item_get_unmatched_answer (const EbLikertItem *item,
                                     guint               index,
                                     guint              *count)
{
  const Unmatched *unmatched;

  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (index < item->unmatched->len, NULL);

  unmatched = g_ptr_array_index (item->unmatched, index);
  if (count != NULL)
    *count = unmatched->count;
  return unmatched->text;
}

guint
eb_likert_item_get_n_non_substantive_levels (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, 0);

  return item->n_ns_levels;
}

const char *
eb_likert_item_get_non_substantive_label (const EbLikertItem *item,
                                          guint               index)
{
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (index < item->n_ns_levels, NULL);

  return eb_scale_get_label (item->scale, item->ns_level_of[index]);
}

guint
eb_likert_item_get_non_substantive_count (const EbLikertItem *item,
                                          guint               index)
{
  g_return_val_if_fail (item != NULL, 0);
  g_return_val_if_fail (index < item->n_ns_levels, 0);

  return item->ns_counts[index];
}

guint
eb_likert_item_get_n_non_substantive (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, 0);

  return item->n_ns;
}

double
eb_likert_item_get_mean (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, NAN);

  return item->mean;
}

double
eb_likert_item_get_median (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, NAN);

  return item->median;
}

double
eb_likert_item_get_percent_top (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, NAN);

  return item->top;
}

double
eb_likert_item_get_percent_positive (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, NAN);

  return item->positive;
}

double
eb_likert_item_get_percent_negative (const EbLikertItem *item)
{
  g_return_val_if_fail (item != NULL, NAN);

  return item->negative;
}

/* ---- Groups ---- */

const char *
eb_likert_group_get_value (const EbLikertGroup *group)
{
  g_return_val_if_fail (group != NULL, NULL);

  return group->value;
}

guint
eb_likert_group_get_n_rows (const EbLikertGroup *group)
{
  g_return_val_if_fail (group != NULL, 0);

  return group->n_rows;
}

guint
eb_likert_group_get_n_items (const EbLikertGroup *group)
{
  g_return_val_if_fail (group != NULL, 0);

  return group->items->len;
}

const EbLikertItem *
eb_likert_group_get_item (const EbLikertGroup *group,
                          guint                index)
{
  g_return_val_if_fail (group != NULL, NULL);
  g_return_val_if_fail (index < group->items->len, NULL);

  return g_ptr_array_index (group->items, index);
}

gboolean
eb_likert_group_has_average (const EbLikertGroup *group)
{
  g_return_val_if_fail (group != NULL, FALSE);

  return group->has_average;
}

double
eb_likert_group_get_average_count (const EbLikertGroup *group,
                                   guint                level)
{
  g_return_val_if_fail (group != NULL, NAN);
  g_return_val_if_fail (group->has_average, NAN);
  g_return_val_if_fail (level < group_n_levels (group), NAN);

  return group->average_counts[level];
}

double
eb_likert_group_get_average_percent (const EbLikertGroup *group,
                                     guint                level)
{
  g_return_val_if_fail (group != NULL, NAN);
  g_return_val_if_fail (group->has_average, NAN);
  g_return_val_if_fail (level < group_n_levels (group), NAN);

  return group->average_percents[level];
}

/* ---- Analysis ---- */

EbLikertAnalysis *
eb_likert_analysis_new (EbSurvey     *survey,
                        const guint  *columns,
                        guint         n_columns,
                        int           group_column,
                        GError      **error)
{
  g_autoptr(EbLikertAnalysis) self = NULL;
  g_autoptr(GHashTable) group_index = NULL;
  g_autofree EbLikertGroup **group_of = NULL;
  guint n_rows;

  g_return_val_if_fail (EB_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (columns != NULL || n_columns == 0, NULL);
  g_return_val_if_fail (group_column < (int) eb_survey_get_n_columns (survey), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  for (guint i = 0; i < n_columns; i++)
    g_return_val_if_fail (columns[i] < eb_survey_get_n_columns (survey), NULL);

  if (!check_items (survey, columns, n_columns, error))
    return NULL;

  self = g_new0 (EbLikertAnalysis, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->group_column = MAX (group_column, -1);
  self->n_items = n_columns;
  self->groups = g_ptr_array_new_with_free_func (group_free);
  self->common_scale = TRUE;
  self->first_scale = eb_scale_ref (eb_survey_get_column_scale (survey, columns[0]));
  for (guint i = 0; i < n_columns; i++)
    {
      EbScale *scale = eb_survey_get_column_scale (survey, columns[i]);

      self->common_scale = self->common_scale && eb_scale_equal (self->first_scale, scale);
      self->max_levels = MAX (self->max_levels, eb_scale_get_n_substantive (scale));
    }

  /* Assign each row its group, creating groups in order of first appearance. */
  n_rows = eb_survey_get_n_rows (survey);
  group_of = g_new0 (EbLikertGroup *, MAX (n_rows, 1));
  if (self->group_column < 0)
    {
      EbLikertGroup *all = group_new (survey, columns, n_columns, NULL);

      g_ptr_array_add (self->groups, all);
      for (guint r = 0; r < n_rows; r++)
        group_of[r] = all;
    }
  else
    {
      self->group_column_name = g_strdup (eb_survey_get_column_name (survey, group_column));
      group_index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint r = 0; r < n_rows; r++)
        {
          g_autofree char *value = dup_trimmed (eb_survey_get_cell (survey, r, group_column));
          EbLikertGroup *group;

          if (value == NULL)
            {
              if (self->ungrouped == NULL)
                self->ungrouped = group_new (survey, columns, n_columns, NULL);
              group_of[r] = self->ungrouped;
              continue;
            }
          group = g_hash_table_lookup (group_index, value);
          if (group == NULL)
            {
              group = group_new (survey, columns, n_columns, value);
              g_ptr_array_add (self->groups, group);
              g_hash_table_insert (group_index, group->value, group);
            }
          group_of[r] = group;
        }
    }

  for (guint i = 0; i < n_columns; i++)
    {
      EbScale *scale = eb_survey_get_column_scale (survey, columns[i]);
      g_autoptr(GHashTable) cache = g_hash_table_new (NULL, NULL);

      for (guint r = 0; r < n_rows; r++)
        {
          const char *cell = eb_survey_get_cell (survey, r, columns[i]);

          item_add (g_ptr_array_index (group_of[r]->items, i), cell,
                    lookup_cached (cache, scale, cell));
        }
    }
  for (guint r = 0; r < n_rows; r++)
    group_of[r]->n_rows++;

  for (guint g = 0; g < self->groups->len; g++)
    group_finish (g_ptr_array_index (self->groups, g), self->common_scale);
  if (self->ungrouped != NULL)
    group_finish (self->ungrouped, self->common_scale);

  return g_steal_pointer (&self);
}

EbLikertAnalysis *
eb_likert_analysis_ref (EbLikertAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
eb_likert_analysis_unref (EbLikertAnalysis *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->group_column_name);
  eb_scale_unref (self->first_scale);
  g_ptr_array_unref (self->groups);
  g_clear_pointer (&self->ungrouped, group_free);
  g_free (self);
}

int
eb_likert_analysis_get_group_column (EbLikertAnalysis *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->group_column;
}

const char *
eb_likert_analysis_get_group_column_name (EbLikertAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->group_column_name;
}

guint
eb_likert_analysis_get_n_items (EbLikertAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_items;
}

gboolean
eb_likert_analysis_has_common_scale (EbLikertAnalysis *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->common_scale;
}

guint
eb_likert_analysis_get_n_groups (EbLikertAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->groups->len;
}

const EbLikertGroup *
eb_likert_analysis_get_group (EbLikertAnalysis *self,
                              guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->groups->len, NULL);

  return g_ptr_array_index (self->groups, index);
}

int
eb_likert_analysis_find_group (EbLikertAnalysis *self,
                               const char       *value)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (value != NULL, -1);

  trimmed = dup_trimmed (value);
  for (guint g = 0; g < self->groups->len; g++)
    {
      const EbLikertGroup *group = g_ptr_array_index (self->groups, g);

      if (g_strcmp0 (group->value, trimmed) == 0)
        return (int) g;
    }
  return -1;
}

const EbLikertGroup *
eb_likert_analysis_get_ungrouped (EbLikertAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ungrouped;
}

JsonNode *
eb_likert_analysis_to_json (EbLikertAnalysis *self,
                            EbReliability    *reliability)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint g = 0; g < self->groups->len; g++)
    build_group_json (builder, self, g_ptr_array_index (self->groups, g));
  json_builder_end_array (builder);
  if (self->ungrouped != NULL)
    {
      json_builder_set_member_name (builder, "ungrouped");
      build_group_json (builder, self, self->ungrouped);
    }
  json_builder_set_member_name (builder, "reliability");
  if (reliability != NULL)
    json_builder_add_value (builder, eb_reliability_to_json (reliability));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
eb_likert_analysis_to_csv (EbLikertAnalysis *self)
{
  g_autofree guint *level_of = NULL;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  /* The scale levels of the first item's substantive levels. */
  level_of = g_new0 (guint, MAX (self->max_levels, 1));
  for (guint l = 0, s = 0; l < eb_scale_get_n_levels (self->first_scale); l++)
    if (!eb_scale_is_non_substantive (self->first_scale, l))
      level_of[s++] = l;

  out = g_string_new (NULL);
  eb_csv_append_field (out, "group", TRUE);
  eb_csv_append_field (out, "item", FALSE);
  for (guint pass = 0; pass < 2; pass++)
    for (guint l = 0; l < self->max_levels; l++)
      {
        g_autofree char *label = self->common_scale
                                 ? g_strdup (eb_scale_get_label (self->first_scale, level_of[l]))
                                 : g_strdup_printf ("Level %u", l + 1);
        g_autofree char *header = pass == 0 ? g_strdup (label)
                                            : g_strdup_printf ("%s %%", label);

        eb_csv_append_field (out, header, FALSE);
      }
  eb_csv_append_field (out, "valid", FALSE);
  eb_csv_append_field (out, "missing", FALSE);
  eb_csv_append_field (out, "mean", FALSE);
  g_string_append (out, "\r\n");

  for (guint g = 0; g < self->groups->len; g++)
    append_csv_rows (out, g_ptr_array_index (self->groups, g), self->max_levels);
  if (self->ungrouped != NULL)
    append_csv_rows (out, self->ungrouped, self->max_levels);
  return g_string_free (out, FALSE);
}

gboolean
eb_likert_analysis_write_csv (EbLikertAnalysis  *self,
                              GOutputStream     *stream,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  csv = eb_likert_analysis_to_csv (self);
  return g_output_stream_write_all (stream, csv, strlen (csv), NULL, cancellable, error);
}

/* ---- Mann-Whitney ---- */

gboolean
eb_mann_whitney_from_counts (const guint   *counts_a,
                             const guint   *counts_b,
                             guint          n_levels,
                             EbMannWhitney *result)
{
  double n_a = 0, n_b = 0, n, rank_sum = 0, below = 0, ties = 0;
  double mean, variance, deviation, correction;

  g_return_val_if_fail (counts_a != NULL || n_levels == 0, FALSE);
  g_return_val_if_fail (counts_b != NULL || n_levels == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  for (guint l = 0; l < n_levels; l++)
    {
      n_a += counts_a[l];
      n_b += counts_b[l];
    }
  n = n_a + n_b;
  /* Every answer on a level shares the level's midrank; the level is one
   * group of t ties, contributing t^3 - t to the variance correction. */
  for (guint l = 0; l < n_levels; l++)
    {
      double t = (double) counts_a[l] + counts_b[l];

      rank_sum += counts_a[l] * (below + (t + 1) / 2);
      below += t;
      ties += t * t * t - t;
    }

  result->n_a = (guint) n_a;
  result->n_b = (guint) n_b;
  result->u = rank_sum - n_a * (n_a + 1) / 2;
  result->z = NAN;
  result->p = NAN;
  if (n_a == 0 || n_b == 0)
    return FALSE;
  variance = n_a * n_b / 12 * ((n + 1) - ties / (n * (n - 1)));
  if (!(variance > 0))
    return FALSE;

  mean = n_a * n_b / 2;
  deviation = result->u - mean;
  /* The continuity correction moves U half a unit towards the mean, never
   * past it. */
  correction = MIN (fabs (deviation), 0.5);
  result->z = (deviation > 0 ? deviation - correction : deviation + correction)
              / sqrt (variance);
  result->p = MIN (1.0, erfc (fabs (result->z) / G_SQRT2));
  return TRUE;
}

/* ---- Comparison ---- */

EbLikertComparison *
eb_likert_comparison_new (EbLikertAnalysis *analysis,
                          guint             group_a,
                          guint             group_b)
{
  EbLikertComparison *self;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (group_a < analysis->groups->len, NULL);
  g_return_val_if_fail (group_b < analysis->groups->len, NULL);

  self = g_new0 (EbLikertComparison, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->analysis = eb_likert_analysis_ref (analysis);
  self->a = g_ptr_array_index (analysis->groups, group_a);
  self->b = g_ptr_array_index (analysis->groups, group_b);
  self->difference = g_new0 (double, analysis->n_items);
  self->tests = g_new0 (EbMannWhitney, analysis->n_items);
  for (guint i = 0; i < analysis->n_items; i++)
    {
      const EbLikertItem *a = g_ptr_array_index (self->a->items, i);
      const EbLikertItem *b = g_ptr_array_index (self->b->items, i);

      self->difference[i] = a->positive - b->positive;
      eb_mann_whitney_from_counts (a->counts, b->counts, a->n_levels, &self->tests[i]);
    }
  return self;
}

EbLikertComparison *
eb_likert_comparison_ref (EbLikertComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
eb_likert_comparison_unref (EbLikertComparison *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  eb_likert_analysis_unref (self->analysis);
  g_free (self->difference);
  g_free (self->tests);
  g_free (self);
}

const EbLikertGroup *
eb_likert_comparison_get_group_a (EbLikertComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->a;
}

const EbLikertGroup *
eb_likert_comparison_get_group_b (EbLikertComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->b;
}

guint
eb_likert_comparison_get_n_items (EbLikertComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->analysis->n_items;
}

double
eb_likert_comparison_get_positive_difference (EbLikertComparison *self,
                                              guint               index)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (index < self->analysis->n_items, NAN);

  return self->difference[index];
}

const EbMannWhitney *
eb_likert_comparison_get_test (EbLikertComparison *self,
                               guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->analysis->n_items, NULL);

  return &self->tests[index];
}

/* {"column": "Programme", "group_a": "1CN", "group_b": "1CN2",
 *  "items": [{"column", "percent_positive_a", "percent_positive_b",
 *             "positive_difference", "n_a", "n_b", "u", "z", "p"}]} */
JsonNode *
eb_likert_comparison_to_json (EbLikertComparison *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "column");
  add_string_or_null (builder, self->analysis->group_column_name);
  json_builder_set_member_name (builder, "group_a");
  add_string_or_null (builder, self->a->value);
  json_builder_set_member_name (builder, "group_b");
  add_string_or_null (builder, self->b->value);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->analysis->n_items; i++)
    {
      const EbLikertItem *a = g_ptr_array_index (self->a->items, i);
      const EbLikertItem *b = g_ptr_array_index (self->b->items, i);
      const EbMannWhitney *test = &self->tests[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "column");
      json_builder_add_string_value (builder, a->name);
      json_builder_set_member_name (builder, "percent_positive_a");
      add_double_or_null (builder, a->positive);
      json_builder_set_member_name (builder, "percent_positive_b");
      add_double_or_null (builder, b->positive);
      json_builder_set_member_name (builder, "positive_difference");
      add_double_or_null (builder, self->difference[i]);
      json_builder_set_member_name (builder, "n_a");
      json_builder_add_int_value (builder, test->n_a);
      json_builder_set_member_name (builder, "n_b");
      json_builder_add_int_value (builder, test->n_b);
      json_builder_set_member_name (builder, "u");
      add_double_or_null (builder, test->u);
      json_builder_set_member_name (builder, "z");
      add_double_or_null (builder, test->z);
      json_builder_set_member_name (builder, "p");
      add_double_or_null (builder, test->p);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- Paired waves ---- */

EbLikertPaired *
eb_likert_paired_new (EbSurvey     *survey,
                      const guint  *columns,
                      guint         n_columns,
                      guint         id_column,
                      guint         wave_column,
                      const char   *wave_a,
                      const char   *wave_b,
                      GError      **error)
{
  g_autoptr(EbLikertPaired) self = NULL;
  g_autoptr(GHashTable) rows_a = NULL;
  g_autoptr(GHashTable) rows_b = NULL;
  g_autoptr(GHashTable) duplicates = NULL;
  g_autoptr(GArray) pairs = NULL;      /* guint row_a, row_b, ... */
  GHashTableIter iter;
  gpointer key, value;
  guint n_rows_a, n_rows_b;

  g_return_val_if_fail (EB_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (columns != NULL || n_columns == 0, NULL);
  g_return_val_if_fail (id_column < eb_survey_get_n_columns (survey), NULL);
  g_return_val_if_fail (wave_column < eb_survey_get_n_columns (survey), NULL);
  g_return_val_if_fail (wave_a != NULL && wave_b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  for (guint i = 0; i < n_columns; i++)
    g_return_val_if_fail (columns[i] < eb_survey_get_n_columns (survey), NULL);

  if (!check_items (survey, columns, n_columns, error))
    return NULL;

  self = g_new0 (EbLikertPaired, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->wave_a = g_strstrip (g_strdup (wave_a));
  self->wave_b = g_strstrip (g_strdup (wave_b));
  self->n_items = n_columns;
  self->names = g_new0 (char *, n_columns + 1);
  self->changes = g_new0 (EbLikertChange, n_columns);
  for (guint i = 0; i < n_columns; i++)
    self->names[i] = g_strdup (eb_survey_get_column_name (survey, columns[i]));

  rows_a = index_wave (survey, id_column, wave_column, self->wave_a, &n_rows_a);
  rows_b = index_wave (survey, id_column, wave_column, self->wave_b, &n_rows_b);
  if (n_rows_a == 0 || n_rows_b == 0)
    {
      g_autofree char *where = describe_column (survey, wave_column);

      g_set_error (error, EB_LIKERT_ERROR, EB_LIKERT_ERROR_NO_GROUP,
                   "%s: no row has the wave “%s”; expected a value of the column",
                   where, n_rows_a == 0 ? self->wave_a : self->wave_b);
      return NULL;
    }

  duplicates = g_hash_table_new (g_str_hash, g_str_equal);
  pairs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_hash_table_iter_init (&iter, rows_b);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) == 0)
      g_hash_table_add (duplicates, key);
  g_hash_table_iter_init (&iter, rows_a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint row_a = GPOINTER_TO_UINT (value);
      guint row_b = GPOINTER_TO_UINT (g_hash_table_lookup (rows_b, key));

      if (row_a == 0)
        g_hash_table_add (duplicates, key);
      else if (row_b != 0)
        {
          guint pair[2] = { row_a - 1, row_b - 1 };

          g_array_append_vals (pairs, pair, 2);
        }
    }
  self->n_linked = pairs->len / 2;
  self->n_duplicate_ids = g_hash_table_size (duplicates);

  for (guint i = 0; i < n_columns; i++)
    {
      EbScale *scale = eb_survey_get_column_scale (survey, columns[i]);
      guint n_levels = eb_scale_get_n_levels (scale);
      guint top = eb_scale_get_n_substantive (scale);
      g_autoptr(GHashTable) cache = g_hash_table_new (NULL, NULL);
      g_autofree guint *code_of = g_new0 (guint, n_levels);
      EbLikertChange *change = &self->changes[i];

      for (guint l = 0, code = 0; l < n_levels; l++)
        if (!eb_scale_is_non_substantive (scale, l))
          code_of[l] = ++code;

      for (guint p = 0; p < pairs->len; p += 2)
        {
          int level_a = lookup_cached (cache, scale,
                                       eb_survey_get_cell (survey, g_array_index (pairs, guint, p),
                                                           columns[i]));
          int level_b = lookup_cached (cache, scale,
                                       eb_survey_get_cell (survey, g_array_index (pairs, guint, p + 1),
                                                           columns[i]));
          guint a = level_a >= 0 ? code_of[level_a] : 0;
          guint b = level_b >= 0 ? code_of[level_b] : 0;

          if (a == 0 || b == 0)
            continue;
          change->n_pairs++;
          if (b > a)
            change->n_up++;
          else if (b == a)
            change->n_same++;
          else
            change->n_down++;
          if (b == top && a < top)
            change->n_to_top++;
        }
    }
  return g_steal_pointer (&self);
}

EbLikertPaired *
eb_likert_paired_new_for_groups (EbSurvey         *survey,
                                 EbLikertAnalysis *analysis,
                                 guint             group_a,
                                 guint             group_b)
{
  const EbLikertGroup *a, *b;
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(EbLikertPaired) paired = NULL;
  int id_column, group_column;

  g_return_val_if_fail (EB_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (group_a < eb_likert_analysis_get_n_groups (analysis), NULL);
  g_return_val_if_fail (group_b < eb_likert_analysis_get_n_groups (analysis), NULL);

  id_column = eb_survey_get_id_column (survey);
  group_column = eb_likert_analysis_get_group_column (analysis);
  if (id_column < 0 || group_column < 0 || id_column == group_column)
    return NULL;
  a = eb_likert_analysis_get_group (analysis, group_a);
  b = eb_likert_analysis_get_group (analysis, group_b);
  for (guint i = 0; i < eb_likert_group_get_n_items (a); i++)
    {
      guint column = eb_likert_item_get_column (eb_likert_group_get_item (a, i));

      g_array_append_val (columns, column);
    }
  paired = eb_likert_paired_new (survey, (const guint *) columns->data, columns->len, (guint) id_column,
                                 (guint) group_column, eb_likert_group_get_value (a),
                                 eb_likert_group_get_value (b), NULL);
  if (paired == NULL || eb_likert_paired_get_n_linked (paired) < 2)
    return NULL;
  return g_steal_pointer (&paired);
}

EbLikertPaired *
eb_likert_paired_ref (EbLikertPaired *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
eb_likert_paired_unref (EbLikertPaired *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->wave_a);
  g_free (self->wave_b);
  g_strfreev (self->names);
  g_free (self->changes);
  g_free (self);
}

const char *
eb_likert_paired_get_wave_a (EbLikertPaired *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->wave_a;
}

const char *
eb_likert_paired_get_wave_b (EbLikertPaired *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->wave_b;
}

guint
eb_likert_paired_get_n_linked (EbLikertPaired *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_linked;
}

guint
eb_likert_paired_get_n_duplicate_ids (EbLikertPaired *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_duplicate_ids;
}

guint
eb_likert_paired_get_n_items (EbLikertPaired *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_items;
}

const char *
eb_likert_paired_get_item_name (EbLikertPaired *self,
                                guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_items, NULL);

  return self->names[index];
}

const EbLikertChange *
eb_likert_paired_get_change (EbLikertPaired *self,
                             guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_items, NULL);

  return &self->changes[index];
}

/* {"wave_a": "Baseline", "wave_b": "Year 1", "linked": 120,
 *  "duplicate_ids": 0, "items": [{"column", "pairs", "up", "same", "down",
 *  "to_top"}]} */
JsonNode *
eb_likert_paired_to_json (EbLikertPaired *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "wave_a");
  json_builder_add_string_value (builder, self->wave_a);
  json_builder_set_member_name (builder, "wave_b");
  json_builder_add_string_value (builder, self->wave_b);
  json_builder_set_member_name (builder, "linked");
  json_builder_add_int_value (builder, self->n_linked);
  json_builder_set_member_name (builder, "duplicate_ids");
  json_builder_add_int_value (builder, self->n_duplicate_ids);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_items; i++)
    {
      const EbLikertChange *change = &self->changes[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "column");
      json_builder_add_string_value (builder, self->names[i]);
      json_builder_set_member_name (builder, "pairs");
      json_builder_add_int_value (builder, change->n_pairs);
      json_builder_set_member_name (builder, "up");
      json_builder_add_int_value (builder, change->n_up);
      json_builder_set_member_name (builder, "same");
      json_builder_add_int_value (builder, change->n_same);
      json_builder_set_member_name (builder, "down");
      json_builder_add_int_value (builder, change->n_down);
      json_builder_set_member_name (builder, "to_top");
      json_builder_add_int_value (builder, change->n_to_top);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
