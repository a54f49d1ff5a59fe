/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coding-analysis"

#include "config.h"

#include <math.h>
#include <string.h>

#include "coding-analysis.h"
#include "likert-analysis.h"

/* The codebook flattened for counting: themes depth first, each with the
 * index of its parent, and a lookup from theme to index. */
typedef struct
{
  GPtrArray   *themes;   /* EbTheme */
  int         *parent;   /* index of the parent, or -1 */
  GHashTable  *index;    /* EbTheme * → index + 1 */
} Tree;

/* One bit per survey row: who has been counted. */
typedef struct
{
  guint8 *bits;
} RowSet;

struct _EbThemeCounts
{
  GHashTable *index;        /* gint64 * id → index + 1 */
  guint      *quotes;
  guint      *respondents;
  guint      *direct;
  guint       total_quotes;
  guint       total_respondents;
  guint       coded_quotes;
};

struct _EbThemeCrosstab
{
  guint       column;
  GPtrArray  *themes;       /* EbTheme, depth first */
  GPtrArray  *values;       /* char *, "" last */
  guint      *counts[2];    /* [unit][theme * n_values + value] */
  guint      *theme_totals[2];
  guint      *value_totals[2];
  guint       grand_totals[2];
};

struct _EbThemeProfile
{
  gint64   theme_id;
  guint    n_items;
  guint   *columns;
  guint    n_respondents[2];
  guint   *n_valid[2];
  double  *mean[2];
  double  *positive[2];
};

G_DEFINE_BOXED_TYPE (EbThemeCounts, eb_theme_counts, eb_theme_counts_ref, eb_theme_counts_unref)
G_DEFINE_BOXED_TYPE (EbThemeCrosstab, eb_theme_crosstab, eb_theme_crosstab_ref,
                     eb_theme_crosstab_unref)
G_DEFINE_BOXED_TYPE (EbThemeProfile, eb_theme_profile, eb_theme_profile_ref,
                     eb_theme_profile_unref)

static void
tree_init (Tree       *tree,
           EbCodebook *codebook)
{
  tree->themes = eb_codebook_dup_themes (codebook);
  tree->parent = g_new (int, MAX (tree->themes->len, 1));
  tree->index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < tree->themes->len; i++)
    g_hash_table_insert (tree->index, g_ptr_array_index (tree->themes, i),
                         GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < tree->themes->len; i++)
    {
      EbTheme *parent = eb_theme_get_parent (g_ptr_array_index (tree->themes, i));

      tree->parent[i] = parent != NULL
                        ? (int) GPOINTER_TO_UINT (g_hash_table_lookup (tree->index, parent)) - 1
                        : -1;
    }
}

static void
tree_clear (Tree *tree)
{
  g_clear_pointer (&tree->themes, g_ptr_array_unref);
  g_clear_pointer (&tree->parent, g_free);
  g_clear_pointer (&tree->index, g_hash_table_unref);
}

/* The index of the theme of CODING, or -1 for a theme no longer there. */
static int
tree_find (Tree       *tree,
           EbCodebook *codebook,
           EbCoding   *coding)
{
  EbTheme *theme = eb_codebook_get_theme (codebook, eb_coding_get_theme_id (coding));

  if (theme == NULL)
    return -1;
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (tree->index, theme)) - 1;
}

static void
row_set_init (RowSet *set,
              guint   n_rows)
{
  set->bits = g_new0 (guint8, n_rows / 8 + 1);
}

static void
row_set_clear (RowSet *set)
{
  g_clear_pointer (&set->bits, g_free);
}

/* TRUE when ROW was not in the set yet. */
static gboolean
row_set_add (RowSet *set,
             guint   row)
{
  guint8 mask = (guint8) (1u << (row % 8));

  if (set->bits[row / 8] & mask)
    return FALSE;
  set->bits[row / 8] |= mask;
  return TRUE;
}

static gboolean
row_set_contains (const RowSet *set,
                  guint         row)
{
  return (set->bits[row / 8] & (1u << (row % 8))) != 0;
}

static guint
n_to_count (EbQuoteList *quotes,
            const guint *visible,
            guint        n_visible)
{
  return visible != NULL ? n_visible : g_list_model_get_n_items (G_LIST_MODEL (quotes));
}

static EbQuote *
quote_to_count (EbQuoteList *quotes,
                const guint *visible,
                guint        i)
{
  return eb_quote_list_get_quote (quotes, visible != NULL ? visible[i] : i);
}

static gboolean
visible_valid (EbQuoteList *quotes,
               const guint *visible,
               guint        n_visible)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (quotes));

  for (guint i = 0; visible != NULL && i < n_visible; i++)
    if (visible[i] >= n)
      return FALSE;
  return TRUE;
}

static double
percent_of (guint part,
            guint whole)
{
  return whole > 0 ? 100.0 * part / whole : NAN;
}

/* Calls FUNC for every theme of QUOTE and their ancestors, each once per
 * quote: STAMP holds, per theme, the last quote (+1) it was given. */
typedef void (*ThemeFunc) (guint    theme,
                           gpointer user_data);

static void
foreach_theme_up (Tree       *tree,
                  EbCodebook *codebook,
                  EbQuote    *quote,
                  guint      *stamp,
                  guint       quote_stamp,
                  ThemeFunc   func,
                  gpointer    user_data)
{
  for (guint c = 0; c < eb_quote_get_n_codings (quote); c++)
    {
      int t = tree_find (tree, codebook, eb_quote_get_coding (quote, c));

      /* Stops at the first theme already given this quote: its
       * ancestors have been given it too. */
      while (t >= 0 && stamp[t] != quote_stamp)
        {
          stamp[t] = quote_stamp;
          func ((guint) t, user_data);
          t = tree->parent[t];
        }
    }
}

/* ---- Counts ---- */

typedef struct
{
  EbThemeCounts *counts;
  RowSet        *rows;
  guint          row;
} CountData;

static void
count_theme (guint    theme,
             gpointer user_data)
{
  CountData *data = user_data;

  data->counts->quotes[theme]++;
  if (row_set_add (&data->rows[theme], data->row))
    data->counts->respondents[theme]++;
}

static void
counts_clear (gpointer data)
{
  EbThemeCounts *self = data;

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_free (self->quotes);
  g_free (self->respondents);
  g_free (self->direct);
}

EbThemeCounts *
eb_theme_counts_new (EbCodingStore *store,
                     const guint   *visible,
                     guint          n_visible)
{
  EbQuoteList *quotes;
  EbCodebook *codebook;
  EbThemeCounts *self;
  Tree tree = { 0 };
  RowSet all = { 0 };
  RowSet *rows;
  guint *stamp, *direct_stamp;
  guint n_rows, n, n_themes;

  g_return_val_if_fail (EB_IS_CODING_STORE (store), NULL);
  g_return_val_if_fail (visible != NULL || n_visible == 0, NULL);
  quotes = eb_coding_store_get_quotes (store);
  g_return_val_if_fail (visible_valid (quotes, visible, n_visible), NULL);

  codebook = eb_coding_store_get_codebook (store);
  n_rows = eb_survey_get_n_rows (eb_coding_store_get_survey (store));
  tree_init (&tree, codebook);
  n_themes = tree.themes->len;

  self = g_rc_box_new0 (EbThemeCounts);
  self->index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->quotes = g_new0 (guint, MAX (n_themes, 1));
  self->respondents = g_new0 (guint, MAX (n_themes, 1));
  self->direct = g_new0 (guint, MAX (n_themes, 1));
  for (guint t = 0; t < n_themes; t++)
    {
      gint64 id = eb_theme_get_id (g_ptr_array_index (tree.themes, t));

      g_hash_table_insert (self->index, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (t + 1));
    }

  rows = g_new0 (RowSet, MAX (n_themes, 1));
  for (guint t = 0; t < n_themes; t++)
    row_set_init (&rows[t], n_rows);
  row_set_init (&all, n_rows);
  stamp = g_new0 (guint, MAX (n_themes, 1));
  direct_stamp = g_new0 (guint, MAX (n_themes, 1));

  n = n_to_count (quotes, visible, n_visible);
  for (guint i = 0; i < n; i++)
    {
      EbQuote *quote = quote_to_count (quotes, visible, i);
      CountData data = { self, rows, eb_quote_get_row (quote) };

      self->total_quotes++;
      if (row_set_add (&all, data.row))
        self->total_respondents++;
      if (!eb_quote_is_coded (quote))
        continue;
      self->coded_quotes++;
      for (guint c = 0; c < eb_quote_get_n_codings (quote); c++)
        {
          int t = tree_find (&tree, codebook, eb_quote_get_coding (quote, c));

          if (t >= 0 && direct_stamp[t] != i + 1)
            {
              direct_stamp[t] = i + 1;
              self->direct[t]++;
            }
        }
      foreach_theme_up (&tree, codebook, quote, stamp, i + 1, count_theme, &data);
    }

  for (guint t = 0; t < n_themes; t++)
    row_set_clear (&rows[t]);
  g_free (rows);
  row_set_clear (&all);
  g_free (stamp);
  g_free (direct_stamp);
  tree_clear (&tree);
  return self;
}

EbThemeCounts *
eb_theme_counts_ref (EbThemeCounts *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_rc_box_acquire (self);
}

void
eb_theme_counts_unref (EbThemeCounts *self)
{
  g_return_if_fail (self != NULL);

  g_rc_box_release_full (self, counts_clear);
}

static int
counts_find (EbThemeCounts *self,
             gint64         theme_id)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->index, &theme_id)) - 1;
}

guint
eb_theme_counts_get_n_quotes (EbThemeCounts *self,
                              gint64         theme_id)
{
  int t;

  g_return_val_if_fail (self != NULL, 0);

  t = counts_find (self, theme_id);
  return t >= 0 ? self->quotes[t] : 0;
}

guint
eb_theme_counts_get_n_respondents (EbThemeCounts *self,
                                   gint64         theme_id)
{
  int t;

  g_return_val_if_fail (self != NULL, 0);

  t = counts_find (self, theme_id);
  return t >= 0 ? self->respondents[t] : 0;
}

guint
eb_theme_counts_get_n_direct_quotes (EbThemeCounts *self,
                                     gint64         theme_id)
{
  int t;

  g_return_val_if_fail (self != NULL, 0);

  t = counts_find (self, theme_id);
  return t >= 0 ? self->direct[t] : 0;
}

guint
eb_theme_counts_get_total_quotes (EbThemeCounts *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total_quotes;
}

guint
eb_theme_counts_get_total_respondents (EbThemeCounts *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total_respondents;
}

guint
eb_theme_counts_get_coded_quotes (EbThemeCounts *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->coded_quotes;
}

/* ---- Theme x attribute ---- */

typedef struct
{
  EbThemeCrosstab *crosstab;
  RowSet          *rows;
  guint            row;
  guint            value;
} CrossData;

static void
cross_theme (guint    theme,
             gpointer user_data)
{
  CrossData *data = user_data;
  EbThemeCrosstab *self = data->crosstab;
  guint cell = theme * self->values->len + data->value;

  self->counts[EB_COUNT_QUOTES][cell]++;
  self->theme_totals[EB_COUNT_QUOTES][theme]++;
  /* One value per respondent: one set per theme is enough. */
  if (row_set_add (&data->rows[theme], data->row))
    {
      self->counts[EB_COUNT_RESPONDENTS][cell]++;
      self->theme_totals[EB_COUNT_RESPONDENTS][theme]++;
    }
}

static void
crosstab_clear (gpointer data)
{
  EbThemeCrosstab *self = data;

  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  for (guint u = 0; u < 2; u++)
    {
      g_free (self->counts[u]);
      g_free (self->theme_totals[u]);
      g_free (self->value_totals[u]);
    }
}

EbThemeCrosstab *
eb_theme_crosstab_new (EbCodingStore *store,
                       guint          attribute_column,
                       const guint   *visible,
                       guint          n_visible)
{
  EbThemeCrosstab *self;
  EbQuoteList *quotes;
  EbCodebook *codebook;
  EbSurvey *survey;
  g_autoptr(GHashTable) value_index = NULL;
  g_autofree guint *row_value = NULL;
  Tree tree = { 0 };
  RowSet all = { 0 };
  RowSet *rows;
  guint *stamp;
  guint n_rows, n_themes, n_values, n, empty = G_MAXUINT;

  g_return_val_if_fail (EB_IS_CODING_STORE (store), NULL);
  g_return_val_if_fail (visible != NULL || n_visible == 0, NULL);
  survey = eb_coding_store_get_survey (store);
  g_return_val_if_fail (attribute_column < eb_survey_get_n_columns (survey), NULL);
  quotes = eb_coding_store_get_quotes (store);
  g_return_val_if_fail (visible_valid (quotes, visible, n_visible), NULL);

  codebook = eb_coding_store_get_codebook (store);
  n_rows = eb_survey_get_n_rows (survey);
  self = g_rc_box_new0 (EbThemeCrosstab);
  self->column = attribute_column;

  /* The values over the whole survey, so the columns stay put whatever
   * the filter. */
  self->values = g_ptr_array_new_with_free_func (g_free);
  value_index = g_hash_table_new (g_str_hash, g_str_equal);
  row_value = g_new (guint, MAX (n_rows, 1));
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *value = g_strstrip (g_strdup (eb_survey_get_cell (survey, r,
                                                                         attribute_column)));
      gpointer found;

      if (*value == '\0')
        {
          row_value[r] = G_MAXUINT;
          continue;
        }
      if (!g_hash_table_lookup_extended (value_index, value, NULL, &found))
        {
          found = GUINT_TO_POINTER (self->values->len);
          g_ptr_array_add (self->values, g_strdup (value));
          g_hash_table_insert (value_index, g_ptr_array_index (self->values, self->values->len - 1),
                               found);
        }
      row_value[r] = GPOINTER_TO_UINT (found);
    }
  for (guint r = 0; r < n_rows; r++)
    if (row_value[r] == G_MAXUINT)
      {
        if (empty == G_MAXUINT)
          {
            empty = self->values->len;
            g_ptr_array_add (self->values, g_strdup (""));
          }
        row_value[r] = empty;
      }

  tree_init (&tree, codebook);
  self->themes = g_ptr_array_ref (tree.themes);
  n_themes = tree.themes->len;
  n_values = self->values->len;
  for (guint u = 0; u < 2; u++)
    {
      self->counts[u] = g_new0 (guint, MAX (n_themes * n_values, 1));
      self->theme_totals[u] = g_new0 (guint, MAX (n_themes, 1));
      self->value_totals[u] = g_new0 (guint, MAX (n_values, 1));
    }

  rows = g_new0 (RowSet, MAX (n_themes, 1));
  for (guint t = 0; t < n_themes; t++)
    row_set_init (&rows[t], n_rows);
  row_set_init (&all, n_rows);
  stamp = g_new0 (guint, MAX (n_themes, 1));

  n = n_to_count (quotes, visible, n_visible);
  for (guint i = 0; i < n; i++)
    {
      EbQuote *quote = quote_to_count (quotes, visible, i);
      guint row = eb_quote_get_row (quote);
      CrossData data = { self, rows, row, row_value[row] };

      self->value_totals[EB_COUNT_QUOTES][data.value]++;
      self->grand_totals[EB_COUNT_QUOTES]++;
      if (row_set_add (&all, row))
        {
          self->value_totals[EB_COUNT_RESPONDENTS][data.value]++;
          self->grand_totals[EB_COUNT_RESPONDENTS]++;
        }
      foreach_theme_up (&tree, codebook, quote, stamp, i + 1, cross_theme, &data);
    }

  for (guint t = 0; t < n_themes; t++)
    row_set_clear (&rows[t]);
  g_free (rows);
  row_set_clear (&all);
  g_free (stamp);
  tree_clear (&tree);
  return self;
}

EbThemeCrosstab *
eb_theme_crosstab_ref (EbThemeCrosstab *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_rc_box_acquire (self);
}

void
eb_theme_crosstab_unref (EbThemeCrosstab *self)
{
  g_return_if_fail (self != NULL);

  g_rc_box_release_full (self, crosstab_clear);
}

guint
eb_theme_crosstab_get_attribute_column (EbThemeCrosstab *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->column;
}

guint
eb_theme_crosstab_get_n_values (EbThemeCrosstab *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->values->len;
}

const char *
eb_theme_crosstab_get_value (EbThemeCrosstab *self,
                             guint            value)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (value < self->values->len, NULL);

  return g_ptr_array_index (self->values, value);
}

guint
eb_theme_crosstab_get_n_themes (EbThemeCrosstab *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->themes->len;
}

EbTheme *
eb_theme_crosstab_get_theme (EbThemeCrosstab *self,
                             guint            theme)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (theme < self->themes->len, NULL);

  return g_ptr_array_index (self->themes, theme);
}

guint
eb_theme_crosstab_get_count (EbThemeCrosstab *self,
                             EbCountUnit      unit,
                             guint            theme,
                             guint            value)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (unit <= EB_COUNT_RESPONDENTS, 0);
  g_return_val_if_fail (theme < self->themes->len, 0);
  g_return_val_if_fail (value < self->values->len, 0);

  return self->counts[unit][theme * self->values->len + value];
}

guint
eb_theme_crosstab_get_theme_total (EbThemeCrosstab *self,
                                   EbCountUnit      unit,
                                   guint            theme)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (unit <= EB_COUNT_RESPONDENTS, 0);
  g_return_val_if_fail (theme < self->themes->len, 0);

  return self->theme_totals[unit][theme];
}

guint
eb_theme_crosstab_get_value_total (EbThemeCrosstab *self,
                                   EbCountUnit      unit,
                                   guint            value)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (unit <= EB_COUNT_RESPONDENTS, 0);
  g_return_val_if_fail (value < self->values->len, 0);

  return self->value_totals[unit][value];
}

guint
eb_theme_crosstab_get_grand_total (EbThemeCrosstab *self,
                                   EbCountUnit      unit)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (unit <= EB_COUNT_RESPONDENTS, 0);

  return self->grand_totals[unit];
}

double
eb_theme_crosstab_get_row_percent (EbThemeCrosstab *self,
                                   EbCountUnit      unit,
                                   guint            theme,
                                   guint            value)
{
  g_return_val_if_fail (self != NULL, NAN);

  return percent_of (eb_theme_crosstab_get_count (self, unit, theme, value),
                     eb_theme_crosstab_get_theme_total (self, unit, theme));
}

double
eb_theme_crosstab_get_column_percent (EbThemeCrosstab *self,
                                      EbCountUnit      unit,
                                      guint            theme,
                                      guint            value)
{
  g_return_val_if_fail (self != NULL, NAN);

  return percent_of (eb_theme_crosstab_get_count (self, unit, theme, value),
                     eb_theme_crosstab_get_value_total (self, unit, value));
}

double
eb_theme_crosstab_get_total_percent (EbThemeCrosstab *self,
                                     EbCountUnit      unit,
                                     guint            theme)
{
  g_return_val_if_fail (self != NULL, NAN);

  return percent_of (eb_theme_crosstab_get_theme_total (self, unit, theme),
                     eb_theme_crosstab_get_grand_total (self, unit));
}

/* ---- The Likert profile of a theme ---- */

static void
profile_clear (gpointer data)
{
  EbThemeProfile *self = data;

  g_free (self->columns);
  for (guint g = 0; g < 2; g++)
    {
      g_free (self->n_valid[g]);
      g_free (self->mean[g]);
      g_free (self->positive[g]);
    }
}

/* Code 1..k of each level of SCALE (0 for a non-substantive one). */
static guint *
substantive_codes (EbScale *scale,
                   guint   *k)
{
  guint n = eb_scale_get_n_levels (scale);
  guint *codes = g_new0 (guint, MAX (n, 1));

  *k = 0;
  for (guint l = 0; l < n; l++)
    if (!eb_scale_is_non_substantive (scale, l))
      codes[l] = ++*k;
  return codes;
}

EbThemeProfile *
eb_theme_profile_new (EbCodingStore  *store,
                      gint64          theme_id,
                      const guint    *columns,
                      guint           n_columns,
                      const guint    *visible,
                      guint           n_visible,
                      GError        **error)
{
  EbThemeProfile *self;
  EbQuoteList *quotes;
  EbSurvey *survey;
  RowSet population = { 0 }, mention = { 0 };
  guint n_rows, n;

  g_return_val_if_fail (EB_IS_CODING_STORE (store), NULL);
  g_return_val_if_fail (columns != NULL || n_columns == 0, NULL);
  g_return_val_if_fail (visible != NULL || n_visible == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  quotes = eb_coding_store_get_quotes (store);
  g_return_val_if_fail (visible_valid (quotes, visible, n_visible), NULL);

  survey = eb_coding_store_get_survey (store);
  if (eb_codebook_get_theme (eb_coding_store_get_codebook (store), theme_id) == NULL)
    {
      g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME,
                   "There is no theme with id %" G_GINT64_FORMAT, theme_id);
      return NULL;
    }
  if (n_columns == 0)
    {
      g_set_error_literal (error, EB_LIKERT_ERROR, EB_LIKERT_ERROR_NO_ITEMS,
                           "Choose at least one Likert item for the profile");
      return NULL;
    }
  for (guint i = 0; i < n_columns; i++)
    {
      g_return_val_if_fail (columns[i] < eb_survey_get_n_columns (survey), NULL);
      if (eb_survey_get_column_scale (survey, columns[i]) == NULL)
        {
          g_set_error (error, EB_LIKERT_ERROR, EB_LIKERT_ERROR_NO_SCALE,
                       "Column %u (“%s”) has no answer scale", columns[i] + 1,
                       eb_survey_get_column_name (survey, columns[i]));
          return NULL;
        }
    }

  n_rows = eb_survey_get_n_rows (survey);
  row_set_init (&population, n_rows);
  row_set_init (&mention, n_rows);
  if (visible == NULL)
    memset (population.bits, 0xff, n_rows / 8 + 1);
  n = n_to_count (quotes, visible, n_visible);
  for (guint i = 0; i < n; i++)
    {
      EbQuote *quote = quote_to_count (quotes, visible, i);

      row_set_add (&population, eb_quote_get_row (quote));
      if (eb_quote_has_theme (quote, theme_id, TRUE))
        row_set_add (&mention, eb_quote_get_row (quote));
    }

  self = g_rc_box_new0 (EbThemeProfile);
  self->theme_id = theme_id;
  self->n_items = n_columns;
  self->columns = g_memdup2 (columns, sizeof (guint) * n_columns);
  for (guint g = 0; g < 2; g++)
    {
      self->n_valid[g] = g_new0 (guint, n_columns);
      self->mean[g] = g_new0 (double, n_columns);
      self->positive[g] = g_new0 (double, n_columns);
    }
  for (guint r = 0; r < n_rows; r++)
    if (row_set_contains (&population, r))
      self->n_respondents[row_set_contains (&mention, r) ? EB_PROFILE_MENTION : EB_PROFILE_OTHERS]++;

  for (guint i = 0; i < n_columns; i++)
    {
      EbScale *scale = eb_survey_get_column_scale (survey, columns[i]);
      guint k;
      g_autofree guint *codes = substantive_codes (scale, &k);
      guint sum[2] = { 0, 0 }, positive[2] = { 0, 0 };

      for (guint r = 0; r < n_rows; r++)
        {
          int level;
          guint g;

          if (!row_set_contains (&population, r))
            continue;
          level = eb_scale_lookup (scale, eb_survey_get_cell (survey, r, columns[i]));
          if (level < 0 || codes[level] == 0)
            continue;
          g = row_set_contains (&mention, r) ? EB_PROFILE_MENTION : EB_PROFILE_OTHERS;
          self->n_valid[g][i]++;
          sum[g] += codes[level];
          /* The upper half, as likert-analysis counts "positive". */
          if (codes[level] - 1 >= (k + 1) / 2)
            positive[g]++;
        }
      for (guint g = 0; g < 2; g++)
        {
          self->mean[g][i] = self->n_valid[g][i] > 0
                             ? (double) sum[g] / self->n_valid[g][i] : NAN;
          self->positive[g][i] = percent_of (positive[g], self->n_valid[g][i]);
        }
    }

  row_set_clear (&population);
  row_set_clear (&mention);
  return self;
}

EbThemeProfile *
eb_theme_profile_ref (EbThemeProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_rc_box_acquire (self);
}

void
eb_theme_profile_unref (EbThemeProfile *self)
{
  g_return_if_fail (self != NULL);

  g_rc_box_release_full (self, profile_clear);
}

gint64
eb_theme_profile_get_theme_id (EbThemeProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->theme_id;
}

guint
eb_theme_profile_get_n_items (EbThemeProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_items;
}

guint
eb_theme_profile_get_column (EbThemeProfile *self,
                             guint           item)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (item < self->n_items, 0);

  return self->columns[item];
}

guint
eb_theme_profile_get_n_respondents (EbThemeProfile *self,
                                    EbProfileGroup  group)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (group <= EB_PROFILE_OTHERS, 0);

  return self->n_respondents[group];
}

guint
eb_theme_profile_get_n_valid (EbThemeProfile *self,
                              EbProfileGroup  group,
                              guint           item)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (group <= EB_PROFILE_OTHERS, 0);
  g_return_val_if_fail (item < self->n_items, 0);

  return self->n_valid[group][item];
}

double
eb_theme_profile_get_mean (EbThemeProfile *self,
                           EbProfileGroup  group,
                           guint           item)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (group <= EB_PROFILE_OTHERS, NAN);
  g_return_val_if_fail (item < self->n_items, NAN);

  return self->mean[group][item];
}

double
eb_theme_profile_get_percent_positive (EbThemeProfile *self,
                                       EbProfileGroup  group,
                                       guint           item)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (group <= EB_PROFILE_OTHERS, NAN);
  g_return_val_if_fail (item < self->n_items, NAN);

  return self->positive[group][item];
}

/* ---- `quotes --json` ---- */

JsonNode *
eb_quotes_to_json (EbCodingStore  *store,
                   const char     *theme_name,
                   GError        **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GArray) attributes = NULL;
  EbQuoteList *quotes;
  EbSurvey *survey;
  EbTheme *theme = NULL;
  guint n;

  g_return_val_if_fail (EB_IS_CODING_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (theme_name != NULL)
    {
      theme = eb_codebook_find_theme (eb_coding_store_get_codebook (store), theme_name);
      if (theme == NULL)
        {
          g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME,
                       "There is no theme named “%s”", theme_name);
          return NULL;
        }
    }

  survey = eb_coding_store_get_survey (store);
  attributes = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint c = 0; c < eb_survey_get_n_columns (survey); c++)
    if (eb_survey_get_column_role (survey, c) == EB_COLUMN_ROLE_ATTRIBUTE)
      g_array_append_val (attributes, c);

  quotes = eb_coding_store_get_quotes (store);
  n = g_list_model_get_n_items (G_LIST_MODEL (quotes));
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      EbQuote *quote = eb_quote_list_get_quote (quotes, i);
      g_auto(GStrv) names = NULL;
      guint row = eb_quote_get_row (quote);

      if (theme != NULL && !eb_quote_has_theme (quote, eb_theme_get_id (theme), TRUE))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "respondent");
      json_builder_add_string_value (builder, eb_quote_get_respondent (quote));
      json_builder_set_member_name (builder, "column");
      json_builder_add_string_value (builder, eb_quote_get_column_name (quote));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, eb_quote_get_text (quote));
      json_builder_set_member_name (builder, "themes");
      json_builder_begin_array (builder);
      names = eb_quote_dup_theme_names (quote);
      for (guint t = 0; names[t] != NULL; t++)
        json_builder_add_string_value (builder, names[t]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "attributes");
      json_builder_begin_object (builder);
      for (guint a = 0; a < attributes->len; a++)
        {
          guint column = g_array_index (attributes, guint, a);
          const char *value = eb_survey_get_cell (survey, row, column);

          json_builder_set_member_name (builder, eb_survey_get_column_name (survey, column));
          if (*value != '\0')
            json_builder_add_string_value (builder, value);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
