/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-survey"

#include "config.h"

#include <string.h>

#include "eb-survey.h"

typedef struct
{
  char         *name;
  EbColumnRole  role;
  EbScale      *scale;
  GPtrArray    *cells;   /* const char *, owned by the string chunk */
} Column;

struct _EbSurvey
{
  GObject       parent_instance;

  GPtrArray    *columns; /* Column * */
  GStringChunk *chunk;
  guint         n_rows;
  char         *source_file;
  char         *sheet;
  char         *header_style;
  guint         header_rows;
};

G_DEFINE_FINAL_TYPE (EbSurvey, eb_survey, G_TYPE_OBJECT)

static const char * const role_names[] = {
  [EB_COLUMN_ROLE_IGNORED] = "ignored",
  [EB_COLUMN_ROLE_ID] = "id",
  [EB_COLUMN_ROLE_ATTRIBUTE] = "attribute",
  [EB_COLUMN_ROLE_LIKERT] = "likert",
  [EB_COLUMN_ROLE_MULTI] = "multi",
  [EB_COLUMN_ROLE_TEXT] = "text",
  [EB_COLUMN_ROLE_NUMBER] = "number",
  [EB_COLUMN_ROLE_DATE] = "date",
};

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->name);
  g_clear_pointer (&column->scale, eb_scale_unref);
  g_ptr_array_unref (column->cells);
  g_free (column);
}

static Column *
get_column (EbSurvey *self,
            guint     column)
{
  g_assert (column < self->columns->len);

  return g_ptr_array_index (self->columns, column);
}

static void
eb_survey_finalize (GObject *object)
{
  EbSurvey *self = EB_SURVEY (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->chunk, g_string_chunk_free);
  g_clear_pointer (&self->source_file, g_free);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->header_style, g_free);

  G_OBJECT_CLASS (eb_survey_parent_class)->finalize (object);
}

static void
eb_survey_class_init (EbSurveyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = eb_survey_finalize;
}

static void
eb_survey_init (EbSurvey *self)
{
  self->columns = g_ptr_array_new_with_free_func (column_free);
  self->chunk = g_string_chunk_new (64 * 1024);
  self->header_rows = 1;
}

const char *
eb_column_role_to_string (EbColumnRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (role_names), NULL);

  return role_names[role];
}

gboolean
eb_column_role_from_string (const char   *name,
                            EbColumnRole *role)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_ascii_strcasecmp (name, role_names[i]) == 0)
      {
        if (role != NULL)
          *role = (EbColumnRole) i;
        return TRUE;
      }
  return FALSE;
}

EbSurvey *
eb_survey_new (void)
{
  return g_object_new (EB_TYPE_SURVEY, NULL);
}

/* Adding a column to a survey that already has rows gives it empty cells. */
guint
eb_survey_add_column (EbSurvey   *self,
                      const char *name)
{
  Column *column;

  g_return_val_if_fail (EB_IS_SURVEY (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  column = g_new0 (Column, 1);
  column->name = g_strdup (name);
  column->role = EB_COLUMN_ROLE_TEXT;
  column->cells = g_ptr_array_sized_new (MAX (self->n_rows, 16));
  for (guint i = 0; i < self->n_rows; i++)
    g_ptr_array_add (column->cells, (gpointer) "");
  g_ptr_array_add (self->columns, column);
  return self->columns->len - 1;
}

/* Missing trailing cells are empty; extra cells are a programming error
 * (importers report ragged rows to the user before they get here). */
void
eb_survey_append_row (EbSurvey           *self,
                      const char * const *cells,
                      guint               n_cells)
{
  g_return_if_fail (EB_IS_SURVEY (self));
  g_return_if_fail (n_cells <= self->columns->len);
  g_return_if_fail (cells != NULL || n_cells == 0);

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = get_column (self, i);
      const char *value = i < n_cells && cells[i] != NULL ? cells[i] : "";

      /* Likert labels and attributes repeat: store each distinct text once. */
      value = *value == '\0' ? "" : g_string_chunk_insert_const (self->chunk, value);
      g_ptr_array_add (column->cells, (gpointer) value);
    }
  self->n_rows++;
}

guint
eb_survey_get_n_rows (EbSurvey *self)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), 0);

  return self->n_rows;
}

guint
eb_survey_get_n_columns (EbSurvey *self)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), 0);

  return self->columns->len;
}

/* Never NULL: an empty answer is "". */
const char *
eb_survey_get_cell (EbSurvey *self,
                    guint     row,
                    guint     column)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);

  return g_ptr_array_index (get_column (self, column)->cells, row);
}

int
eb_survey_find_column (EbSurvey   *self,
                       const char *name)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->columns->len; i++)
    if (strcmp (get_column (self, i)->name, name) == 0)
      return (int) i;
  return -1;
}

const char *
eb_survey_get_column_name (EbSurvey *self,
                           guint     column)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return get_column (self, column)->name;
}

EbColumnRole
eb_survey_get_column_role (EbSurvey *self,
                           guint     column)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), EB_COLUMN_ROLE_IGNORED);
  g_return_val_if_fail (column < self->columns->len, EB_COLUMN_ROLE_IGNORED);

  return get_column (self, column)->role;
}

void
eb_survey_set_column_role (EbSurvey     *self,
                           guint         column,
                           EbColumnRole  role)
{
  g_return_if_fail (EB_IS_SURVEY (self));
  g_return_if_fail (column < self->columns->len);
  g_return_if_fail (role < G_N_ELEMENTS (role_names));

  get_column (self, column)->role = role;
}

EbScale *
eb_survey_get_column_scale (EbSurvey *self,
                            guint     column)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return get_column (self, column)->scale;
}

void
eb_survey_set_column_scale (EbSurvey *self,
                            guint     column,
                            EbScale  *scale)
{
  Column *c;

  g_return_if_fail (EB_IS_SURVEY (self));
  g_return_if_fail (column < self->columns->len);

  c = get_column (self, column);
  if (scale != NULL)
    eb_scale_ref (scale);
  g_clear_pointer (&c->scale, eb_scale_unref);
  c->scale = scale;
}

GPtrArray *
eb_survey_dup_likert_sets (EbSurvey *self)
{
  GPtrArray *sets;

  g_return_val_if_fail (EB_IS_SURVEY (self), NULL);

  sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint c = 0; c < self->columns->len; c++)
    {
      EbScale *scale = get_column (self, c)->scale;
      GArray *set = NULL;

      /* A scale of only "Don't know"-like levels has nothing to count. */
      if (get_column (self, c)->role != EB_COLUMN_ROLE_LIKERT || scale == NULL ||
          eb_scale_get_n_substantive (scale) == 0)
        continue;
      for (guint s = 0; s < sets->len && set == NULL; s++)
        {
          GArray *candidate = g_ptr_array_index (sets, s);

          if (eb_scale_equal (get_column (self, g_array_index (candidate, guint, 0))->scale, scale))
            set = candidate;
        }
      if (set == NULL)
        {
          set = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (sets, set);
        }
      g_array_append_val (set, c);
    }
  return sets;
}

guint
eb_survey_count_missing (EbSurvey *self,
                         guint     column)
{
  GPtrArray *cells;
  guint n = 0;

  g_return_val_if_fail (EB_IS_SURVEY (self), 0);
  g_return_val_if_fail (column < self->columns->len, 0);

  cells = get_column (self, column)->cells;
  for (guint i = 0; i < cells->len; i++)
    {
      const char *value = g_ptr_array_index (cells, i);

      /* A cell of spaces is as empty as no cell to a reader. */
      while (g_ascii_isspace (*value))
        value++;
      n += *value == '\0';
    }
  return n;
}

/* Distinct non-empty answers. Cells are interned, so pointer identity is
 * text identity. */
guint
eb_survey_count_distinct (EbSurvey *self,
                          guint     column)
{
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *cells;

  g_return_val_if_fail (EB_IS_SURVEY (self), 0);
  g_return_val_if_fail (column < self->columns->len, 0);

  seen = g_hash_table_new (NULL, NULL);
  cells = get_column (self, column)->cells;
  for (guint i = 0; i < cells->len; i++)
    {
      const char *value = g_ptr_array_index (cells, i);

      if (*value != '\0')
        g_hash_table_add (seen, (gpointer) value);
    }
  return g_hash_table_size (seen);
}

const char *
eb_survey_get_source_file (EbSurvey *self)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), NULL);

  return self->source_file;
}

void
eb_survey_set_source_file (EbSurvey   *self,
                           const char *path)
{
  g_return_if_fail (EB_IS_SURVEY (self));

  g_free (self->source_file);
  self->source_file = g_strdup (path);
}

const char *
eb_survey_get_sheet (EbSurvey *self)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), NULL);

  return self->sheet;
}

void
eb_survey_set_sheet (EbSurvey   *self,
                     const char *sheet)
{
  g_return_if_fail (EB_IS_SURVEY (self));

  g_free (self->sheet);
  self->sheet = g_strdup (sheet);
}

int
eb_survey_get_id_column (EbSurvey *self)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), -1);

  for (guint c = 0; c < eb_survey_get_n_columns (self); c++)
    if (eb_survey_get_column_role (self, c) == EB_COLUMN_ROLE_ID)
      return (int) c;
  return -1;
}

GArray *
eb_survey_dup_group_columns (EbSurvey *self)
{
  GArray *columns;

  g_return_val_if_fail (EB_IS_SURVEY (self), NULL);

  columns = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint c = 0; c < eb_survey_get_n_columns (self); c++)
    {
      guint n_values;

      if (eb_survey_get_column_role (self, c) != EB_COLUMN_ROLE_ATTRIBUTE)
        continue;
      n_values = eb_survey_count_distinct (self, c);
      if (n_values >= 1 && n_values <= EB_SURVEY_MAX_GROUPS)
        g_array_append_val (columns, c);
    }
  return columns;
}

const char *
eb_survey_get_header_style (EbSurvey *self)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), NULL);

  return self->header_style;
}

void
eb_survey_set_header_style (EbSurvey   *self,
                            const char *style)
{
  g_return_if_fail (EB_IS_SURVEY (self));

  g_free (self->header_style);
  self->header_style = g_strdup (style);
}

guint
eb_survey_get_header_rows (EbSurvey *self)
{
  g_return_val_if_fail (EB_IS_SURVEY (self), 0);

  return self->header_rows;
}

void
eb_survey_set_header_rows (EbSurvey *self,
                           guint     header_rows)
{
  g_return_if_fail (EB_IS_SURVEY (self));

  self->header_rows = header_rows;
}
