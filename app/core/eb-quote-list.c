/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-quote-list"

#include "config.h"

#include "eb-quote-list.h"
#include "eb-coding-private.h"

struct _EbQuoteList
{
  GObject     parent_instance;

  EbSurvey   *survey;
  GPtrArray  *quotes;       /* EbQuote, all made at once (see eb_quote_list_new) */
  int         id_column;
  int        *slot;         /* per survey column: its place in lookup, or -1 */
  gint32     *lookup;       /* per text column and row: the quote's index, or -1 */

  guint8     *is_marked;    /* per quote: waiting in marked */
  GArray     *marked;       /* guint: quotes changed since the last flush */
};

static void eb_quote_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EbQuoteList, eb_quote_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      eb_quote_list_list_model_init))

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static int
compare_index (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static GType
eb_quote_list_get_item_type (GListModel *model)
{
  return EB_TYPE_QUOTE;
}

static guint
eb_quote_list_get_n_items (GListModel *model)
{
  return EB_QUOTE_LIST (model)->quotes->len;
}

static gpointer
eb_quote_list_get_item (GListModel *model,
                        guint       position)
{
  EbQuoteList *self = EB_QUOTE_LIST (model);

  if (position >= self->quotes->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->quotes, position));
}

static void
eb_quote_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = eb_quote_list_get_item_type;
  iface->get_n_items = eb_quote_list_get_n_items;
  iface->get_item = eb_quote_list_get_item;
}

static void
eb_quote_list_finalize (GObject *object)
{
  EbQuoteList *self = EB_QUOTE_LIST (object);

  g_clear_pointer (&self->quotes, g_ptr_array_unref);
  g_clear_object (&self->survey);
  g_clear_pointer (&self->slot, g_free);
  g_clear_pointer (&self->lookup, g_free);
  g_clear_pointer (&self->is_marked, g_free);
  g_clear_pointer (&self->marked, g_array_unref);

  G_OBJECT_CLASS (eb_quote_list_parent_class)->finalize (object);
}

static void
eb_quote_list_class_init (EbQuoteListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eb_quote_list_finalize;
}

static void
eb_quote_list_init (EbQuoteList *self)
{
  self->quotes = g_ptr_array_new_with_free_func (g_object_unref);
  self->marked = g_array_new (FALSE, FALSE, sizeof (guint));
  self->id_column = -1;
}

/* ---- eb-coding-private.h ---- */

/* Every quote is made here, once: 100,000 small objects take a few tens
 * of milliseconds, and a quote that exists from the start can carry its
 * codings itself, with no lookaside table to keep in step. */
EbQuoteList *
eb_quote_list_new (EbSurvey   *survey,
                   EbCodebook *codebook)
{
  EbQuoteList *self = g_object_new (EB_TYPE_QUOTE_LIST, NULL);
  guint n_rows = eb_survey_get_n_rows (survey);
  guint n_columns = eb_survey_get_n_columns (survey);
  guint n_text = 0;

  self->survey = g_object_ref (survey);
  self->slot = g_new (int, MAX (n_columns, 1));
  for (guint c = 0; c < n_columns; c++)
    self->slot[c] = eb_survey_get_column_role (survey, c) == EB_COLUMN_ROLE_TEXT ? (int) n_text++ : -1;
  self->id_column = eb_survey_get_id_column (survey);
  self->lookup = g_new (gint32, MAX ((gsize) n_text * n_rows, 1));

  for (guint c = 0; c < n_columns; c++)
    {
      gint32 *column_lookup;

      if (self->slot[c] < 0)
        continue;
      column_lookup = self->lookup + (gsize) self->slot[c] * n_rows;
      for (guint r = 0; r < n_rows; r++)
        {
          const char *text = eb_survey_get_cell (survey, r, c);
          const char *respondent;

          if (is_blank (text))
            {
              column_lookup[r] = -1;
              continue;
            }
          respondent = self->id_column >= 0
                       ? eb_survey_get_cell (survey, r, (guint) self->id_column) : NULL;
          column_lookup[r] = (gint32) self->quotes->len;
          g_ptr_array_add (self->quotes,
                           eb_quote_new (survey, codebook, self->quotes->len, r, c,
                                         respondent));
        }
    }
  self->is_marked = g_new0 (guint8, MAX (self->quotes->len, 1));
  return self;
}

void
eb_quote_list_mark_changed (EbQuoteList *self,
                            guint        index)
{
  g_assert (index < self->quotes->len);

  if (self->is_marked[index])
    return;
  self->is_marked[index] = TRUE;
  g_array_append_val (self->marked, index);
}

void
eb_quote_list_flush (EbQuoteList *self)
{
  g_autoptr(GArray) marked = NULL;
  guint i = 0;

  if (self->marked->len == 0)
    return;
  /* Taken first: a handler may tag again and mark for the next flush. */
  marked = g_steal_pointer (&self->marked);
  self->marked = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_sort (marked, compare_index);
  for (guint k = 0; k < marked->len; k++)
    self->is_marked[g_array_index (marked, guint, k)] = FALSE;

  for (guint k = 0; k < marked->len; k++)
    eb_quote_notify_themes (g_ptr_array_index (self->quotes, g_array_index (marked, guint, k)));
  while (i < marked->len)
    {
      guint start = g_array_index (marked, guint, i);
      guint n = 1;

      while (i + n < marked->len && g_array_index (marked, guint, i + n) == start + n)
        n++;
      g_list_model_items_changed (G_LIST_MODEL (self), start, n, n);
      i += n;
    }
}

/* ---- Public API ---- */

EbSurvey *
eb_quote_list_get_survey (EbQuoteList *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST (self), NULL);

  return self->survey;
}

EbQuote *
eb_quote_list_get_quote (EbQuoteList *self,
                         guint        index)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST (self), NULL);
  g_return_val_if_fail (index < self->quotes->len, NULL);

  return g_ptr_array_index (self->quotes, index);
}

int
eb_quote_list_find (EbQuoteList *self,
                    guint        row,
                    guint        column)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST (self), -1);

  if (column >= eb_survey_get_n_columns (self->survey) ||
      row >= eb_survey_get_n_rows (self->survey) ||
      self->slot[column] < 0)
    return -1;
  return self->lookup[(gsize) self->slot[column] * eb_survey_get_n_rows (self->survey) + row];
}

int
eb_quote_list_get_id_column (EbQuoteList *self)
{
  g_return_val_if_fail (EB_IS_QUOTE_LIST (self), -1);

  return self->id_column;
}

GArray *
eb_quote_list_select (EbQuoteList       *self,
                      EbQuoteFilterFunc  func,
                      gpointer           user_data)
{
  GArray *indices;

  g_return_val_if_fail (EB_IS_QUOTE_LIST (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  indices = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->quotes->len; i++)
    if (func (g_ptr_array_index (self->quotes, i), user_data))
      g_array_append_val (indices, i);
  return indices;
}
