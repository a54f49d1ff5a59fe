/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-survey-row-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "eb-survey-row-model.h"

typedef struct
{
  guint32     *ids;       /* per row: the id of its value */
  const char **values;    /* per id: the interned cell */
  guint        n_values;
  guint32     *ranks;     /* per id: the sort rank, NULL until asked for */
  const char **search_texts; /* per id: the folded value, NULL until asked for */
} ColumnIndex;

struct _EbSurveyRowModel
{
  GObject       parent_instance;

  EbSurvey     *survey;
  guint         n_rows;
  EbSurveyRow **rows;     /* n_rows, each NULL until asked for */
  ColumnIndex **columns;  /* n_columns, each NULL until asked for */
  GHashTable   *folded;       /* interned cell -> folded text */
};

static void eb_survey_row_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EbSurveyRowModel, eb_survey_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      eb_survey_row_model_list_model_init))

/* How values sort: the kinds in this order, then within a kind. */
typedef enum {
  KIND_LEVEL,   /* a label of the column's scale, by level */
  KIND_NUMBER,  /* a number, by value */
  KIND_TEXT,    /* anything else, by natural collation */
  KIND_EMPTY,   /* no answer */
} ValueKind;

typedef struct
{
  const char *value;
  guint32     id;
  ValueKind   kind;
  double      number;
  char       *key;
} SortEntry;

static void
column_index_free (ColumnIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->ids);
  g_free (index->values);
  g_free (index->ranks);
  g_free (index->search_texts);
  g_free (index);
}

static ColumnIndex *
build_column_index (EbSurveyRowModel *self,
                    guint             column)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  ColumnIndex *index;
  const char *last = NULL;
  guint32 last_id = 0;

  index = g_new0 (ColumnIndex, 1);
  index->ids = g_new (guint32, MAX (self->n_rows, 1));
  for (guint row = 0; row < self->n_rows; row++)
    {
      const char *cell = eb_survey_get_cell (self->survey, row, column);
      gpointer id;

      /* Cells are interned, so the pointer names the text. Answers come in
       * runs often enough that the last one is worth remembering. */
      if (cell != last)
        {
          if (!g_hash_table_lookup_extended (ids, cell, NULL, &id))
            {
              id = GUINT_TO_POINTER (values->len);
              g_hash_table_insert (ids, (gpointer) cell, id);
              g_ptr_array_add (values, (gpointer) cell);
            }
          last = cell;
          last_id = GPOINTER_TO_UINT (id);
        }
      index->ids[row] = last_id;
    }
  index->n_values = values->len;
  index->values = (const char **) g_ptr_array_steal (values, NULL);
  return index;
}

static ColumnIndex *
get_column_index (EbSurveyRowModel *self,
                  guint             column)
{
  g_assert (column < eb_survey_get_n_columns (self->survey));

  if (self->columns[column] == NULL)
    self->columns[column] = build_column_index (self, column);
  return self->columns[column];
}

/* Accepts what a spreadsheet shows as a number: "42", "-3.5", " 1e3 ". */
static gboolean
parse_number (const char *text,
              double     *number)
{
  char *end = NULL;
  double value;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value))
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    return FALSE;
  *number = value;
  return TRUE;
}

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b)
{
  const SortEntry *x = a;
  const SortEntry *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  switch (x->kind)
    {
    case KIND_LEVEL:
    case KIND_NUMBER:
      if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
      break;

    case KIND_TEXT:
      {
        int cmp = strcmp (x->key, y->key);

        if (cmp != 0)
          return cmp;
      }
      break;

    case KIND_EMPTY:
    default:
      break;
    }
  /* Different texts that collate alike ("Yes", "yes"): any fixed order. */
  return strcmp (x->value, y->value);
}

static guint32 *
build_ranks (EbSurveyRowModel *self,
             guint             column,
             ColumnIndex      *index)
{
  EbScale *scale = NULL;
  SortEntry *entries;
  guint32 *ranks;

  if (eb_survey_get_column_role (self->survey, column) == EB_COLUMN_ROLE_LIKERT)
    scale = eb_survey_get_column_scale (self->survey, column);

  entries = g_new0 (SortEntry, MAX (index->n_values, 1));
  for (guint id = 0; id < index->n_values; id++)
    {
      SortEntry *entry = &entries[id];
      const char *value = index->values[id];
      const char *p = value;
      int level;

      entry->value = value;
      entry->id = id;
      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        entry->kind = KIND_EMPTY;
      else if (scale != NULL && (level = eb_scale_lookup (scale, value)) >= 0)
        {
          entry->kind = KIND_LEVEL;
          entry->number = level;
        }
      else if (parse_number (value, &entry->number))
        entry->kind = KIND_NUMBER;
      else
        {
          entry->kind = KIND_TEXT;
          /* "Group 2" before "Group 10", as people expect. */
          entry->key = g_utf8_collate_key_for_filename (value, -1);
        }
    }

  qsort (entries, index->n_values, sizeof (SortEntry), compare_sort_entries);

  ranks = g_new (guint32, MAX (index->n_values, 1));
  for (guint rank = 0; rank < index->n_values; rank++)
    {
      ranks[entries[rank].id] = rank;
      g_free (entries[rank].key);
    }
  g_free (entries);
  return ranks;
}

static GType
eb_survey_row_model_get_item_type (GListModel *model)
{
  return EB_TYPE_SURVEY_ROW;
}

static guint
eb_survey_row_model_get_n_items (GListModel *model)
{
  return EB_SURVEY_ROW_MODEL (model)->n_rows;
}

static gpointer
eb_survey_row_model_get_item (GListModel *model,
                              guint       position)
{
  EbSurveyRowModel *self = EB_SURVEY_ROW_MODEL (model);

  if (position >= self->n_rows)
    return NULL;
  if (self->rows[position] == NULL)
    self->rows[position] = eb_survey_row_new (self->survey, position);
  return g_object_ref (self->rows[position]);
}

static void
eb_survey_row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = eb_survey_row_model_get_item_type;
  iface->get_n_items = eb_survey_row_model_get_n_items;
  iface->get_item = eb_survey_row_model_get_item;
}

static void
eb_survey_row_model_dispose (GObject *object)
{
  EbSurveyRowModel *self = EB_SURVEY_ROW_MODEL (object);

  if (self->rows != NULL)
    {
      for (guint i = 0; i < self->n_rows; i++)
        g_clear_object (&self->rows[i]);
      g_clear_pointer (&self->rows, g_free);
    }
  g_clear_pointer (&self->folded, g_hash_table_unref);
  if (self->columns != NULL)
    {
      guint n_columns = eb_survey_get_n_columns (self->survey);

      for (guint i = 0; i < n_columns; i++)
        g_clear_pointer (&self->columns[i], column_index_free);
      g_clear_pointer (&self->columns, g_free);
    }
  g_clear_object (&self->survey);

  G_OBJECT_CLASS (eb_survey_row_model_parent_class)->dispose (object);
}

static void
eb_survey_row_model_class_init (EbSurveyRowModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = eb_survey_row_model_dispose;
}

static void
eb_survey_row_model_init (EbSurveyRowModel *self)
{
}

EbSurveyRowModel *
eb_survey_row_model_new (EbSurvey *survey)
{
  EbSurveyRowModel *self;

  g_return_val_if_fail (EB_IS_SURVEY (survey), NULL);

  self = g_object_new (EB_TYPE_SURVEY_ROW_MODEL, NULL);
  self->survey = g_object_ref (survey);
  self->n_rows = eb_survey_get_n_rows (survey);
  self->rows = g_new0 (EbSurveyRow *, MAX (self->n_rows, 1));
  self->columns = g_new0 (ColumnIndex *, MAX (eb_survey_get_n_columns (survey), 1));
  self->folded = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return self;
}

EbSurvey *
eb_survey_row_model_get_survey (EbSurveyRowModel *self)
{
  g_return_val_if_fail (EB_IS_SURVEY_ROW_MODEL (self), NULL);

  return self->survey;
}

const guint32 *
eb_survey_row_model_get_value_ids (EbSurveyRowModel    *self,
                                   guint                column,
                                   const char * const **values,
                                   guint               *n_values)
{
  ColumnIndex *index;

  g_return_val_if_fail (EB_IS_SURVEY_ROW_MODEL (self), NULL);
  g_return_val_if_fail (self->survey != NULL, NULL);
  g_return_val_if_fail (column < eb_survey_get_n_columns (self->survey), NULL);

  index = get_column_index (self, column);
  if (values != NULL)
    *values = index->values;
  if (n_values != NULL)
    *n_values = index->n_values;
  return index->ids;
}

const guint32 *
eb_survey_row_model_get_value_ranks (EbSurveyRowModel *self,
                                     guint             column)
{
  ColumnIndex *index;

  g_return_val_if_fail (EB_IS_SURVEY_ROW_MODEL (self), NULL);
  g_return_val_if_fail (self->survey != NULL, NULL);
  g_return_val_if_fail (column < eb_survey_get_n_columns (self->survey), NULL);

  index = get_column_index (self, column);
  if (index->ranks == NULL)
    index->ranks = build_ranks (self, column, index);
  return index->ranks;
}

const char * const *
eb_survey_row_model_get_search_texts (EbSurveyRowModel *self,
                                      guint             column)
{
  ColumnIndex *index;

  g_return_val_if_fail (EB_IS_SURVEY_ROW_MODEL (self), NULL);
  g_return_val_if_fail (self->survey != NULL, NULL);
  g_return_val_if_fail (column < eb_survey_get_n_columns (self->survey), NULL);

  index = get_column_index (self, column);
  if (index->search_texts == NULL)
    {
      index->search_texts = g_new (const char *, MAX (index->n_values, 1));
      for (guint id = 0; id < index->n_values; id++)
        {
          const char *value = index->values[id];
          char *folded = g_hash_table_lookup (self->folded, value);

          /* Columns share answers ("Agree"): fold each once. */
          if (folded == NULL)
            {
              folded = eb_survey_row_model_fold_text (value);
              g_hash_table_insert (self->folded, (gpointer) value, folded);
            }
          index->search_texts[id] = folded;
        }
    }
  return (const char * const *) index->search_texts;
}

char *
eb_survey_row_model_fold_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *casefolded = NULL;
  g_autofree char *normalized = NULL;
  const char *p;
  GString *plain;

  g_return_val_if_fail (text != NULL, NULL);

  /* Most answers are ASCII, where folding is lowering the case. */
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_ascii_strdown (text, -1);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  casefolded = g_utf8_casefold (text, -1);
  /* NFKC: "ﬁ" is "fi", a no-break space is a space. */
  normalized = g_utf8_normalize (casefolded, -1, G_NORMALIZE_ALL_COMPOSE);
  plain = g_string_new (normalized);
  /* Excel and Word turn apostrophes typographic; searchers type the plain one. */
  g_string_replace (plain, "\u2019", "'", 0);
  g_string_replace (plain, "\u2018", "'", 0);
  return g_string_free (plain, FALSE);
}
