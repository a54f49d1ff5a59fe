/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-likert-selection"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eb-likert-selection.h"

/* The selection label shortens the item to about this many characters. */
#define SHORT_ITEM_CHARS 28

struct _EbLikertSelection
{
  gatomicrefcount  ref_count;
  guint            item;
  guint            column;
  char            *item_name;
  guint            group;
  char            *group_value;
  guint            level;
  gboolean         non_substantive;
  char            *level_label;
  GArray          *rows;
  char            *label;
};

G_DEFINE_BOXED_TYPE (EbLikertSelection, eb_likert_selection,
                     eb_likert_selection_ref, eb_likert_selection_unref)

/* Words that make a poor end for a shortened item. */
static gboolean
is_minor_word (const char *word,
               gsize       length)
{
  static const char * const minor[] = {
    "a", "an", "and", "as", "at", "by", "for", "in", "into", "my", "of", "on", "or",
    "our", "the", "their", "to", "with", "your",
  };

  for (guint i = 0; i < G_N_ELEMENTS (minor); i++)
    if (strlen (minor[i]) == length && g_ascii_strncasecmp (word, minor[i], length) == 0)
      return TRUE;
  return FALSE;
}

/* "Increase my confidence in teaching or supporting mathematics in
 * general" becomes "Increase my confidence…": whole words, up to about
 * SHORT_ITEM_CHARS characters, not ending on a minor word. */
static char *
shorten_item (const char *name)
{
  g_autoptr(GString) result = g_string_new (NULL);
  const char *p = name;
  gsize kept = 0;

  if (g_utf8_strlen (name, -1) <= SHORT_ITEM_CHARS + 2)
    return g_strdup (name);

  /* Collect word ends that fit. */
  while (*p != '\0')
    {
      const char *word = p;
      const char *end;

      while (*p != '\0' && *p != ' ')
        p = g_utf8_next_char (p);
      end = p;
      if (g_utf8_strlen (name, end - name) > SHORT_ITEM_CHARS)
        break;
      if (!is_minor_word (word, end - word))
        kept = end - name;
      while (*p == ' ')
        p++;
    }

  if (kept == 0)
    {
      /* One long word: cut it. */
      const char *cut = g_utf8_offset_to_pointer (name, SHORT_ITEM_CHARS);

      kept = cut - name;
    }
  g_string_append_len (result, name, kept);
  /* Trailing punctuation before the ellipsis reads badly. */
  while (result->len > 0 && strchr (",;:.-", result->str[result->len - 1]) != NULL)
    g_string_truncate (result, result->len - 1);
  g_string_append (result, "…");
  return g_string_free (g_steal_pointer (&result), FALSE);
}

/* Whether CELL, without surrounding white space, is VALUE: the way the
 * analysis assigns rows to groups. */
static gboolean
matches_trimmed (const char *cell,
                 const char *value)
{
  const char *end;
  gsize length = strlen (value);

  while (g_ascii_isspace (*cell))
    cell++;
  end = cell + strlen (cell);
  while (end > cell && g_ascii_isspace (end[-1]))
    end--;
  return (gsize) (end - cell) == length && strncmp (cell, value, length) == 0;
}

/* The rows the analysis counted in one segment. The analysis keeps counts
 * only, so the rows are found again the way it found them: the cell's
 * level by eb_scale_lookup(), the group by the trimmed value. Survey cells
 * are interned, so one lookup per distinct answer suffices. */
static GArray *
collect_rows (EbSurvey           *survey,
              EbLikertAnalysis   *analysis,
              const EbLikertItem *item,
              const char         *group_value,
              guint               level,
              gboolean            non_substantive)
{
  EbScale *scale = eb_likert_item_get_scale (item);
  guint column = eb_likert_item_get_column (item);
  int group_column = eb_likert_analysis_get_group_column (analysis);
  guint n_rows = eb_survey_get_n_rows (survey);
  g_autoptr(GHashTable) cache = g_hash_table_new (NULL, NULL);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));
  int target = -1;

  for (guint l = 0, n = 0; l < eb_scale_get_n_levels (scale) && target < 0; l++)
    if (!!eb_scale_is_non_substantive (scale, l) == !!non_substantive && n++ == level)
      target = (int) l;
  if (target < 0)
    return rows;

  for (guint r = 0; r < n_rows; r++)
    {
      const char *cell = eb_survey_get_cell (survey, r, column);
      gpointer cached;
      int found;

      if (group_column >= 0 && group_value != NULL
          && !matches_trimmed (eb_survey_get_cell (survey, r, (guint) group_column), group_value))
        continue;
      if (g_hash_table_lookup_extended (cache, cell, NULL, &cached))
        found = GPOINTER_TO_INT (cached);
      else
        {
          found = eb_scale_lookup (scale, cell);
          g_hash_table_insert (cache, (gpointer) cell, GINT_TO_POINTER (found));
        }
      if (found == target)
        g_array_append_val (rows, r);
    }
  return rows;
}

/* ---- Public API ---- */

EbLikertSelection *
eb_likert_selection_new (EbSurvey         *survey,
                         EbLikertAnalysis *analysis,
                         guint             item_index,
                         guint             group_index,
                         guint             level,
                         gboolean          non_substantive)
{
  const EbLikertGroup *group;
  const EbLikertItem *item;
  EbLikertSelection *self;
  g_autofree char *short_name = NULL;
  g_autofree char *count = NULL;
  const char *level_label;
  guint expected;

  g_return_val_if_fail (EB_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (group_index < eb_likert_analysis_get_n_groups (analysis), NULL);
  g_return_val_if_fail (item_index < eb_likert_analysis_get_n_items (analysis), NULL);

  group = eb_likert_analysis_get_group (analysis, group_index);
  item = eb_likert_group_get_item (group, item_index);
  g_return_val_if_fail (level < (non_substantive ? eb_likert_item_get_n_non_substantive_levels (item)
                                                 : eb_likert_item_get_n_levels (item)), NULL);

  self = g_new0 (EbLikertSelection, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->item = item_index;
  self->column = eb_likert_item_get_column (item);
  self->item_name = g_strdup (eb_likert_item_get_name (item));
  self->group = group_index;
  if (eb_likert_analysis_get_group_column (analysis) >= 0)
    self->group_value = g_strdup (eb_likert_group_get_value (group));
  self->level = level;
  self->non_substantive = !!non_substantive;
  if (self->non_substantive)
    {
      level_label = eb_likert_item_get_non_substantive_label (item, level);
      expected = eb_likert_item_get_non_substantive_count (item, level);
    }
  else
    {
      level_label = eb_likert_item_get_level_label (item, level);
      expected = eb_likert_item_get_count (item, level);
    }
  self->level_label = g_strdup (level_label);
  self->rows = collect_rows (survey, analysis, item, self->group_value, level,
                             self->non_substantive);
  /* The analysis counted these very rows. */
  g_warn_if_fail (self->rows->len == expected);

  short_name = shorten_item (self->item_name);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u respondent", "%u respondents",
                                        self->rows->len),
                           self->rows->len);
  if (self->group_value != NULL)
    /* TRANSLATORS: item (group) = answer · N respondents */
    self->label = g_strdup_printf (_("%s (%s) = %s · %s"), short_name, self->group_value,
                                   self->level_label, count);
  else
    /* TRANSLATORS: item = answer · N respondents */
    self->label = g_strdup_printf (_("%s = %s · %s"), short_name, self->level_label, count);

  return self;
}

EbLikertSelection *
eb_likert_selection_ref (EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
eb_likert_selection_unref (EbLikertSelection *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->item_name);
  g_free (self->group_value);
  g_free (self->level_label);
  g_array_unref (self->rows);
  g_free (self->label);
  g_free (self);
}

guint
eb_likert_selection_get_item (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->item;
}

guint
eb_likert_selection_get_column (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->column;
}

const char *
eb_likert_selection_get_item_name (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->item_name;
}

guint
eb_likert_selection_get_group (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->group;
}

const char *
eb_likert_selection_get_group_value (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->group_value;
}

guint
eb_likert_selection_get_level (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->level;
}

gboolean
eb_likert_selection_is_non_substantive (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->non_substantive;
}

const char *
eb_likert_selection_get_level_label (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->level_label;
}

GArray *
eb_likert_selection_get_rows (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->rows;
}

guint
eb_likert_selection_get_n_rows (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows->len;
}

const char *
eb_likert_selection_get_label (const EbLikertSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->label;
}
