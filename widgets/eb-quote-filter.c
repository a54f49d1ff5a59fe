/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-quote-filter"

#include "config.h"

#include <string.h>

#include "eb-quote-filter.h"
#include "eb-survey-row-model.h"

typedef struct
{
  guint  column;
  char  *value;      /* trimmed */
} AttributeCondition;

typedef struct
{
  gint64  id;
  GArray *subtree;   /* gint64: the theme and every theme under it */
} ThemeCondition;

struct _EbQuoteFilter
{
  GtkFilter       parent_instance;

  EbCodingStore  *store;
  EbQuoteList    *quotes;
  EbCodebook     *codebook;
  EbSurvey       *survey;
  guint           n_quotes;

  /* The folded answers, by quote index; filled up to n_folded. */
  GStringChunk   *chunk;
  const char    **folded;
  guint           n_folded;

  char           *search;
  char           *needle;          /* folded search, NULL when not searching */
  int             column;
  GArray         *attributes;      /* AttributeCondition */
  guint8         *rows;            /* per survey row, NULL: every row */
  guint           n_rows_selected;
  char           *respondent_label;
  ThemeCondition  focus;           /* id 0: none */
  GArray         *themes;          /* ThemeCondition */
  EbThemeMatch    theme_match;
  char           *coder;
  gboolean        uncoded_only;
  guint           scope_serial;
};

G_DEFINE_FINAL_TYPE (EbQuoteFilter, eb_quote_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_COLUMN,
  PROP_FOCUS_THEME,
  PROP_CODER,
  PROP_UNCODED_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_attribute (gpointer data)
{
  AttributeCondition *condition = data;

  g_clear_pointer (&condition->value, g_free);
}

static void
clear_theme (gpointer data)
{
  ThemeCondition *condition = data;

  g_clear_pointer (&condition->subtree, g_array_unref);
}

static GArray *
new_theme_conditions (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (ThemeCondition));

  g_array_set_clear_func (array, clear_theme);
  return array;
}

/* Leading and trailing spaces typed into a search box are not meant. */
static char *
fold_search (const char *search)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (search != NULL ? search : ""));

  if (*trimmed == '\0')
    return NULL;
  return eb_survey_row_model_fold_text (trimmed);
}

/* Whether CELL, without its leading and trailing white space, is VALUE. */
static gboolean
trimmed_equal (const char *cell,
               const char *value,
               gsize       value_length)
{
  const char *end;

  while (g_ascii_isspace (*cell))
    cell++;
  if (strncmp (cell, value, value_length) != 0)
    return FALSE;
  for (end = cell + value_length; *end != '\0'; end++)
    if (!g_ascii_isspace (*end))
      return FALSE;
  return TRUE;
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
quote_has_any (EbQuote      *quote,
               const GArray *subtree)
{
  guint n = eb_quote_get_n_codings (quote);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = eb_coding_get_theme_id (eb_quote_get_coding (quote, i));

      /* A handful of themes per subtree: a linear search is the fastest. */
      for (guint j = 0; j < subtree->len; j++)
        if (g_array_index (subtree, gint64, j) == id)
          return TRUE;
    }
  return FALSE;
}

static void
fold_quotes (EbQuoteFilter *self,
             guint          end)
{
  end = MIN (end, self->n_quotes);
  for (; self->n_folded < end; self->n_folded++)
    {
      EbQuote *quote = eb_quote_list_get_quote (self->quotes, self->n_folded);
      g_autofree char *folded = eb_survey_row_model_fold_text (eb_quote_get_text (quote));

      self->folded[self->n_folded] = g_string_chunk_insert (self->chunk, folded);
    }
}

static gboolean
scope_is_all (EbQuoteFilter *self)
{
  return self->needle == NULL && self->column < 0 && self->attributes->len == 0 &&
         self->rows == NULL;
}

static gboolean
match_scope (EbQuoteFilter *self,
             EbQuote       *quote)
{
  guint row = eb_quote_get_row (quote);

  if (self->rows != NULL && !self->rows[row])
    return FALSE;
  if (self->column >= 0 && eb_quote_get_column (quote) != (guint) self->column)
    return FALSE;
  for (guint i = 0; i < self->attributes->len; i++)
    {
      const AttributeCondition *condition = &g_array_index (self->attributes, AttributeCondition, i);

      if (!trimmed_equal (eb_survey_get_cell (self->survey, row, condition->column),
                          condition->value, strlen (condition->value)))
        return FALSE;
    }
  if (self->needle != NULL)
    {
      guint index = eb_quote_get_index (quote);

      if (index >= self->n_folded)
        fold_quotes (self, self->n_quotes);
      if (strstr (self->folded[index], self->needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
match_coding (EbQuoteFilter *self,
              EbQuote       *quote)
{
  if (self->uncoded_only && eb_quote_is_coded (quote))
    return FALSE;
  if (self->focus.id != 0 && !quote_has_any (quote, self->focus.subtree))
    return FALSE;
  for (guint i = 0; i < self->themes->len; i++)
    {
      gboolean has = quote_has_any (quote, g_array_index (self->themes, ThemeCondition, i).subtree);

      if (has && self->theme_match == EB_THEME_MATCH_ANY)
        break;
      if (has && self->theme_match == EB_THEME_MATCH_NONE)
        return FALSE;
      if (!has && self->theme_match == EB_THEME_MATCH_ALL)
        return FALSE;
      if (!has && self->theme_match == EB_THEME_MATCH_ANY && i + 1 == self->themes->len)
        return FALSE;
    }
  if (self->coder != NULL)
    {
      guint n = eb_quote_get_n_codings (quote);
      guint i;

      for (i = 0; i < n; i++)
        if (g_strcmp0 (eb_coding_get_coder (eb_quote_get_coding (quote, i)), self->coder) == 0)
          break;
      if (i == n)
        return FALSE;
    }
  return TRUE;
}

static gboolean
matches (EbQuoteFilter *self,
         EbQuote       *quote)
{
  /* A quote of another store (a model being replaced): nothing to match. */
  if (self->survey == NULL || eb_quote_get_survey (quote) != self->survey)
    return FALSE;
  return match_scope (self, quote) && match_coding (self, quote);
}

static gboolean
eb_quote_filter_match (GtkFilter *filter,
                       gpointer   item)
{
  return matches (EB_QUOTE_FILTER (filter), item);
}

static GtkFilterMatch
eb_quote_filter_get_strictness (GtkFilter *filter)
{
  EbQuoteFilter *self = EB_QUOTE_FILTER (filter);

  if (self->rows != NULL && self->n_rows_selected == 0)
    return GTK_FILTER_MATCH_NONE;
  if (scope_is_all (self) && !eb_quote_filter_has_conditions (self))
    return GTK_FILTER_MATCH_ALL;
  return GTK_FILTER_MATCH_SOME;
}

/* After the codebook changed: a theme condition covers the theme's
 * sub-themes as they are now, and a deleted (or merged) theme's condition
 * goes. TRUE if any condition changed. */
static gboolean
refresh_condition (EbQuoteFilter  *self,
                   ThemeCondition *condition)
{
  g_autoptr(GArray) subtree = eb_codebook_dup_subtree_ids (self->codebook, condition->id);

  if (condition->subtree != NULL && subtree->len == condition->subtree->len &&
      memcmp (subtree->data, condition->subtree->data, subtree->len * sizeof (gint64)) == 0)
    return FALSE;
  g_clear_pointer (&condition->subtree, g_array_unref);
  condition->subtree = g_steal_pointer (&subtree);
  return TRUE;
}

static void
codebook_changed_cb (EbQuoteFilter *self,
                     EbCodebook    *codebook)
{
  gboolean changed = FALSE, focus_gone = FALSE;

  if (self->focus.id != 0)
    {
      changed |= refresh_condition (self, &self->focus);
      if (self->focus.subtree->len == 0)
        {
          self->focus.id = 0;
          g_clear_pointer (&self->focus.subtree, g_array_unref);
          focus_gone = TRUE;
        }
    }
  for (guint i = self->themes->len; i > 0; i--)
    {
      ThemeCondition *condition = &g_array_index (self->themes, ThemeCondition, i - 1);

      changed |= refresh_condition (self, condition);
      if (condition->subtree->len == 0)
        g_array_remove_index (self->themes, i - 1);
    }
  if (changed)
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
  if (focus_gone)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_THEME]);
}

static void
eb_quote_filter_dispose (GObject *object)
{
  EbQuoteFilter *self = EB_QUOTE_FILTER (object);

  if (self->codebook != NULL)
    g_signal_handlers_disconnect_by_func (self->codebook, codebook_changed_cb, self);
  g_clear_object (&self->codebook);
  g_clear_object (&self->quotes);
  g_clear_object (&self->survey);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eb_quote_filter_parent_class)->dispose (object);
}

static void
eb_quote_filter_finalize (GObject *object)
{
  EbQuoteFilter *self = EB_QUOTE_FILTER (object);

  g_clear_pointer (&self->chunk, g_string_chunk_free);
  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->attributes, g_array_unref);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->respondent_label, g_free);
  clear_theme (&self->focus);
  g_clear_pointer (&self->themes, g_array_unref);
  g_clear_pointer (&self->coder, g_free);

  G_OBJECT_CLASS (eb_quote_filter_parent_class)->finalize (object);
}

static void
eb_quote_filter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EbQuoteFilter *self = EB_QUOTE_FILTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_COLUMN:
      g_value_set_int (value, self->column);
      break;

    case PROP_FOCUS_THEME:
      g_value_set_int64 (value, self->focus.id);
      break;

    case PROP_CODER:
      g_value_set_string (value, self->coder);
      break;

    case PROP_UNCODED_ONLY:
      g_value_set_boolean (value, self->uncoded_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_quote_filter_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EbQuoteFilter *self = EB_QUOTE_FILTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SEARCH:
      eb_quote_filter_set_search (self, g_value_get_string (value));
      break;

    case PROP_COLUMN:
      eb_quote_filter_set_column (self, g_value_get_int (value));
      break;

    case PROP_FOCUS_THEME:
      eb_quote_filter_set_focus_theme (self, g_value_get_int64 (value));
      break;

    case PROP_CODER:
      eb_quote_filter_set_coder (self, g_value_get_string (value));
      break;

    case PROP_UNCODED_ONLY:
      eb_quote_filter_set_uncoded_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_quote_filter_constructed (GObject *object)
{
  EbQuoteFilter *self = EB_QUOTE_FILTER (object);

  G_OBJECT_CLASS (eb_quote_filter_parent_class)->constructed (object);

  g_assert (EB_IS_CODING_STORE (self->store));
  self->quotes = g_object_ref (eb_coding_store_get_quotes (self->store));
  self->codebook = g_object_ref (eb_coding_store_get_codebook (self->store));
  self->survey = g_object_ref (eb_coding_store_get_survey (self->store));
  self->n_quotes = g_list_model_get_n_items (G_LIST_MODEL (self->quotes));
  self->folded = g_new0 (const char *, MAX (self->n_quotes, 1));
  self->chunk = g_string_chunk_new (64 * 1024);
  g_signal_connect_object (self->codebook, "changed", G_CALLBACK (codebook_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
eb_quote_filter_class_init (EbQuoteFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->constructed = eb_quote_filter_constructed;
  object_class->dispose = eb_quote_filter_dispose;
  object_class->finalize = eb_quote_filter_finalize;
  object_class->get_property = eb_quote_filter_get_property;
  object_class->set_property = eb_quote_filter_set_property;
  filter_class->match = eb_quote_filter_match;
  filter_class->get_strictness = eb_quote_filter_get_strictness;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EB_TYPE_CODING_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] =
    g_param_spec_int ("column", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_THEME] =
    g_param_spec_int64 ("focus-theme", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODER] =
    g_param_spec_string ("coder", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNCODED_ONLY] =
    g_param_spec_boolean ("uncoded-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_quote_filter_init (EbQuoteFilter *self)
{
  self->search = g_strdup ("");
  self->column = -1;
  self->attributes = g_array_new (FALSE, TRUE, sizeof (AttributeCondition));
  g_array_set_clear_func (self->attributes, clear_attribute);
  self->themes = new_theme_conditions ();
}

GtkFilter *
eb_quote_filter_new (EbCodingStore *store)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (store), NULL);

  return g_object_new (EB_TYPE_QUOTE_FILTER, "store", store, NULL);
}

EbCodingStore *
eb_quote_filter_get_store (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), NULL);

  return self->store;
}

gboolean
eb_quote_filter_matches (EbQuoteFilter *self,
                         EbQuote       *quote)
{
  return matches (self, quote);
}

gboolean
eb_quote_filter_prepare (EbQuoteFilter *self,
                         guint          n_quotes)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), FALSE);

  fold_quotes (self, self->n_folded + MIN (n_quotes, self->n_quotes - self->n_folded));
  return self->n_folded < self->n_quotes;
}

const char *
eb_quote_filter_get_search (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), NULL);

  return self->search;
}

void
eb_quote_filter_set_search (EbQuoteFilter *self,
                            const char    *search)
{
  g_autofree char *needle = NULL;
  GtkFilterChange change;

  g_return_if_fail (EB_IS_QUOTE_FILTER (self));

  if (search == NULL)
    search = "";
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);

  needle = fold_search (search);
  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  /* Typing on only narrows the quotes, deleting only widens them: telling
   * the filter model so spares it testing the quotes whose fate is known. */
  if (self->needle == NULL || (needle != NULL && strstr (needle, self->needle) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (needle == NULL || strstr (self->needle, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  self->scope_serial++;
  if (self->needle != NULL)
    fold_quotes (self, self->n_quotes);
  gtk_filter_changed (GTK_FILTER (self), change);
}

int
eb_quote_filter_get_column (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), -1);

  return self->column;
}

void
eb_quote_filter_set_column (EbQuoteFilter *self,
                            int            column)
{
  GtkFilterChange change;

  g_return_if_fail (EB_IS_QUOTE_FILTER (self));
  g_return_if_fail (column >= -1);

  if (self->column == column)
    return;
  if (self->column < 0)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (column < 0)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  self->column = column;
  self->scope_serial++;
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN]);
}

void
eb_quote_filter_set_attribute (EbQuoteFilter *self,
                               guint          column,
                               const char    *value)
{
  AttributeCondition *existing = NULL;
  g_autofree char *trimmed = NULL;
  GtkFilterChange change;
  guint i;

  g_return_if_fail (EB_IS_QUOTE_FILTER (self));
  g_return_if_fail (self->survey == NULL || column < eb_survey_get_n_columns (self->survey));

  for (i = 0; i < self->attributes->len; i++)
    if (g_array_index (self->attributes, AttributeCondition, i).column == column)
      {
        existing = &g_array_index (self->attributes, AttributeCondition, i);
        break;
      }
  if (value != NULL)
    trimmed = g_strstrip (g_strdup (value));

  if (existing == NULL && trimmed == NULL)
    return;
  if (existing != NULL && g_strcmp0 (existing->value, trimmed) == 0)
    return;

  if (trimmed == NULL)
    {
      g_array_remove_index (self->attributes, i);
      change = GTK_FILTER_CHANGE_LESS_STRICT;
    }
  else if (existing == NULL)
    {
      AttributeCondition condition = { column, g_steal_pointer (&trimmed) };

      g_array_append_val (self->attributes, condition);
      change = GTK_FILTER_CHANGE_MORE_STRICT;
    }
  else
    {
      g_free (existing->value);
      existing->value = g_steal_pointer (&trimmed);
      change = GTK_FILTER_CHANGE_DIFFERENT;
    }
  self->scope_serial++;
  gtk_filter_changed (GTK_FILTER (self), change);
}

const char *
eb_quote_filter_get_attribute (EbQuoteFilter *self,
                               guint          column)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), NULL);

  for (guint i = 0; i < self->attributes->len; i++)
    if (g_array_index (self->attributes, AttributeCondition, i).column == column)
      return g_array_index (self->attributes, AttributeCondition, i).value;
  return NULL;
}

GArray *
eb_quote_filter_dup_attribute_columns (EbQuoteFilter *self)
{
  GArray *columns;

  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), NULL);

  columns = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->attributes->len; i++)
    g_array_append_val (columns, g_array_index (self->attributes, AttributeCondition, i).column);
  return columns;
}

void
eb_quote_filter_set_respondents (EbQuoteFilter *self,
                                 const guint   *rows,
                                 guint          n_rows,
                                 const char    *label)
{
  GtkFilterChange change;
  guint n_survey_rows;

  g_return_if_fail (EB_IS_QUOTE_FILTER (self));
  g_return_if_fail (rows != NULL || n_rows == 0);

  if (n_rows == 0)
    {
      if (self->rows == NULL)
        return;
      g_clear_pointer (&self->rows, g_free);
      g_clear_pointer (&self->respondent_label, g_free);
      self->n_rows_selected = 0;
      self->scope_serial++;
      gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_LESS_STRICT);
      return;
    }

  change = self->rows == NULL ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_DIFFERENT;
  n_survey_rows = eb_survey_get_n_rows (self->survey);
  g_free (self->rows);
  self->rows = g_new0 (guint8, MAX (n_survey_rows, 1));
  self->n_rows_selected = 0;
  for (guint i = 0; i < n_rows; i++)
    if (rows[i] < n_survey_rows && !self->rows[rows[i]])
      {
        self->rows[rows[i]] = TRUE;
        self->n_rows_selected++;
      }
  g_free (self->respondent_label);
  self->respondent_label = g_strdup (label != NULL ? label : "");
  self->scope_serial++;
  gtk_filter_changed (GTK_FILTER (self), change);
}

gboolean
eb_quote_filter_has_respondents (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), FALSE);

  return self->rows != NULL;
}

const char *
eb_quote_filter_get_respondent_label (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), NULL);

  return self->respondent_label;
}

guint
eb_quote_filter_get_n_respondents (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), 0);

  return self->n_rows_selected;
}

gint64
eb_quote_filter_get_focus_theme (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), 0);

  return self->focus.id;
}

void
eb_quote_filter_set_focus_theme (EbQuoteFilter *self,
                                 gint64         theme_id)
{
  GtkFilterChange change;
  gint64 old;

  g_return_if_fail (EB_IS_QUOTE_FILTER (self));
  g_return_if_fail (theme_id >= 0);

  if (theme_id != 0 && eb_codebook_get_theme (self->codebook, theme_id) == NULL)
    theme_id = 0;
  old = self->focus.id;
  if (old == theme_id)
    return;

  if (old == 0)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (theme_id == 0)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (eb_codebook_is_descendant (self->codebook, theme_id, old))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (eb_codebook_is_descendant (self->codebook, old, theme_id))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  clear_theme (&self->focus);
  self->focus.id = theme_id;
  if (theme_id != 0)
    self->focus.subtree = eb_codebook_dup_subtree_ids (self->codebook, theme_id);
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_THEME]);
}

void
eb_quote_filter_set_themes (EbQuoteFilter *self,
                            const gint64  *ids,
                            guint          n_ids,
                            EbThemeMatch   match)
{
  g_autoptr(GArray) themes = NULL;
  GtkFilterChange change;

  g_return_if_fail (EB_IS_QUOTE_FILTER (self));
  g_return_if_fail (ids != NULL || n_ids == 0);
  g_return_if_fail (match <= EB_THEME_MATCH_NONE);

  themes = new_theme_conditions ();
  for (guint i = 0; i < n_ids; i++)
    {
      ThemeCondition condition = { ids[i], NULL };
      gboolean seen = FALSE;

      for (guint j = 0; j < themes->len && !seen; j++)
        seen = g_array_index (themes, ThemeCondition, j).id == ids[i];
      if (seen || eb_codebook_get_theme (self->codebook, ids[i]) == NULL)
        continue;
      condition.subtree = eb_codebook_dup_subtree_ids (self->codebook, ids[i]);
      g_array_append_val (themes, condition);
    }

  if (themes->len == 0 && self->themes->len == 0)
    {
      self->theme_match = match;
      return;
    }
  if (themes->len == self->themes->len && match == self->theme_match)
    {
      guint i;

      for (i = 0; i < themes->len; i++)
        if (g_array_index (themes, ThemeCondition, i).id !=
            g_array_index (self->themes, ThemeCondition, i).id)
          break;
      if (i == themes->len)
        return;
    }

  if (self->themes->len == 0)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (themes->len == 0)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  g_array_unref (self->themes);
  self->themes = g_steal_pointer (&themes);
  self->theme_match = match;
  gtk_filter_changed (GTK_FILTER (self), change);
}

GArray *
eb_quote_filter_dup_themes (EbQuoteFilter *self)
{
  GArray *ids;

  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->themes->len);
  for (guint i = 0; i < self->themes->len; i++)
    g_array_append_val (ids, g_array_index (self->themes, ThemeCondition, i).id);
  return ids;
}

EbThemeMatch
eb_quote_filter_get_theme_match (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), EB_THEME_MATCH_ANY);

  return self->theme_match;
}

const char *
eb_quote_filter_get_coder (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), NULL);

  return self->coder;
}

void
eb_quote_filter_set_coder (EbQuoteFilter *self,
                           const char    *coder)
{
  GtkFilterChange change;

  g_return_if_fail (EB_IS_QUOTE_FILTER (self));

  if (coder != NULL && *coder == '\0')
    coder = NULL;
  if (g_strcmp0 (self->coder, coder) == 0)
    return;
  if (self->coder == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (coder == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  g_free (self->coder);
  self->coder = g_strdup (coder);
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODER]);
}

gboolean
eb_quote_filter_get_uncoded_only (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), FALSE);

  return self->uncoded_only;
}

void
eb_quote_filter_set_uncoded_only (EbQuoteFilter *self,
                                  gboolean       uncoded_only)
{
  g_return_if_fail (EB_IS_QUOTE_FILTER (self));

  uncoded_only = !!uncoded_only;
  if (self->uncoded_only == uncoded_only)
    return;
  self->uncoded_only = uncoded_only;
  gtk_filter_changed (GTK_FILTER (self),
                      uncoded_only ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNCODED_ONLY]);
}

void
eb_quote_filter_clear (EbQuoteFilter *self)
{
  gboolean had_focus;

  g_return_if_fail (EB_IS_QUOTE_FILTER (self));

  if (!eb_quote_filter_has_conditions (self))
    return;

  had_focus = self->focus.id != 0;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->column >= 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN]);
  if (self->coder != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODER]);
  if (self->uncoded_only)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNCODED_ONLY]);
  if (had_focus)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_THEME]);

  self->column = -1;
  g_array_set_size (self->attributes, 0);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->respondent_label, g_free);
  self->n_rows_selected = 0;
  clear_theme (&self->focus);
  self->focus.id = 0;
  g_array_set_size (self->themes, 0);
  self->theme_match = EB_THEME_MATCH_ANY;
  g_clear_pointer (&self->coder, g_free);
  self->uncoded_only = FALSE;
  self->scope_serial++;

  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_LESS_STRICT);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
eb_quote_filter_has_conditions (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), FALSE);

  return self->column >= 0 || self->attributes->len > 0 || self->rows != NULL ||
         self->focus.id != 0 || self->themes->len > 0 || self->coder != NULL ||
         self->uncoded_only;
}

gboolean
eb_quote_filter_scope_is_all (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), TRUE);

  return scope_is_all (self);
}

GArray *
eb_quote_filter_select_scope (EbQuoteFilter *self)
{
  GArray *indices;

  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), NULL);

  indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), scope_is_all (self) ? self->n_quotes : 0);
  for (guint i = 0; i < self->n_quotes; i++)
    if (match_scope (self, eb_quote_list_get_quote (self->quotes, i)))
      g_array_append_val (indices, i);
  return indices;
}

guint
eb_quote_filter_get_scope_serial (EbQuoteFilter *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), 0);

  return self->scope_serial;
}

GStrv
eb_quote_filter_dup_coders (EbQuoteFilter *self)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree const char **names = NULL;
  guint n_names = 0;

  g_return_val_if_fail (EB_IS_QUOTE_FILTER (self), NULL);

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->n_quotes; i++)
    {
      EbQuote *quote = eb_quote_list_get_quote (self->quotes, i);

      for (guint c = 0; c < eb_quote_get_n_codings (quote); c++)
        g_hash_table_add (seen, (gpointer) eb_coding_get_coder (eb_quote_get_coding (quote, c)));
    }
  names = (const char **) g_hash_table_get_keys_as_array (seen, &n_names);
  qsort (names, n_names, sizeof (char *), compare_names);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n_names; i++)
    g_strv_builder_add (builder, names[i]);
  return g_strv_builder_end (builder);
}
