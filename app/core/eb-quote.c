/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-quote"

#include "config.h"

#include "eb-quote.h"
#include "eb-coding-private.h"

struct _EbQuote
{
  GObject      parent_instance;

  EbSurvey    *survey;
  EbCodebook  *codebook;
  guint        index;
  guint        row;
  guint        column;
  const char  *respondent;       /* in the survey, or respondent_owned */
  char        *respondent_owned;
  GPtrArray   *codings;          /* EbCoding, by id; NULL while there are none */
};

G_DEFINE_FINAL_TYPE (EbQuote, eb_quote, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROW,
  PROP_COLUMN,
  PROP_COLUMN_NAME,
  PROP_TEXT,
  PROP_RESPONDENT,
  PROP_THEMES,
  PROP_N_CODINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eb_quote_finalize (GObject *object)
{
  EbQuote *self = EB_QUOTE (object);

  g_clear_pointer (&self->codings, g_ptr_array_unref);
  g_clear_pointer (&self->respondent_owned, g_free);
  g_clear_object (&self->codebook);
  g_clear_object (&self->survey);

  G_OBJECT_CLASS (eb_quote_parent_class)->finalize (object);
}

static void
eb_quote_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EbQuote *self = EB_QUOTE (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_uint (value, self->row);
      break;

    case PROP_COLUMN:
      g_value_set_uint (value, self->column);
      break;

    case PROP_COLUMN_NAME:
      g_value_set_string (value, eb_quote_get_column_name (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, eb_quote_get_text (self));
      break;

    case PROP_RESPONDENT:
      g_value_set_string (value, self->respondent);
      break;

    case PROP_THEMES:
      g_value_take_boxed (value, eb_quote_dup_theme_names (self));
      break;

    case PROP_N_CODINGS:
      g_value_set_uint (value, eb_quote_get_n_codings (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_quote_class_init (EbQuoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eb_quote_finalize;
  object_class->get_property = eb_quote_get_property;

  properties[PROP_ROW] =
    g_param_spec_uint ("row", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] =
    g_param_spec_uint ("column", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN_NAME] =
    g_param_spec_string ("column-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESPONDENT] =
    g_param_spec_string ("respondent", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEMES] =
    g_param_spec_boxed ("themes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CODINGS] =
    g_param_spec_uint ("n-codings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eb_quote_init (EbQuote *self)
{
}

/* ---- eb-coding-private.h ---- */

EbQuote *
eb_quote_new (EbSurvey   *survey,
              EbCodebook *codebook,
              guint       index,
              guint       row,
              guint       column,
              const char *respondent)
{
  EbQuote *self = g_object_new (EB_TYPE_QUOTE, NULL);

  self->survey = g_object_ref (survey);
  self->codebook = g_object_ref (codebook);
  self->index = index;
  self->row = row;
  self->column = column;
  if (respondent != NULL && *respondent != '\0')
    self->respondent = respondent;
  else
    self->respondent = self->respondent_owned = g_strdup_printf ("%u", row + 1);
  return self;
}

void
eb_quote_add_coding (EbQuote  *quote,
                     EbCoding *coding)
{
  guint i;

  if (quote->codings == NULL)
    quote->codings = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_coding_unref);
  /* New codings have the highest ids: the search is from the end. */
  for (i = quote->codings->len; i > 0; i--)
    if (eb_coding_get_id (g_ptr_array_index (quote->codings, i - 1)) < coding->id)
      break;
  g_ptr_array_insert (quote->codings, (int) i, eb_coding_ref (coding));
}

gboolean
eb_quote_remove_coding (EbQuote *quote,
                        gint64   coding_id)
{
  if (quote->codings == NULL)
    return FALSE;
  for (guint i = 0; i < quote->codings->len; i++)
    if (eb_coding_get_id (g_ptr_array_index (quote->codings, i)) == coding_id)
      {
        g_ptr_array_remove_index (quote->codings, i);
        if (quote->codings->len == 0)
          g_clear_pointer (&quote->codings, g_ptr_array_unref);
        return TRUE;
      }
  return FALSE;
}

void
eb_quote_notify_themes (EbQuote *quote)
{
  g_object_notify_by_pspec (G_OBJECT (quote), properties[PROP_THEMES]);
  g_object_notify_by_pspec (G_OBJECT (quote), properties[PROP_N_CODINGS]);
}

/* ---- Public API ---- */

guint
eb_quote_get_row (EbQuote *self)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), 0);

  return self->row;
}

guint
eb_quote_get_column (EbQuote *self)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), 0);

  return self->column;
}

const char *
eb_quote_get_column_name (EbQuote *self)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), NULL);

  return eb_survey_get_column_name (self->survey, self->column);
}

const char *
eb_quote_get_text (EbQuote *self)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), NULL);

  return eb_survey_get_cell (self->survey, self->row, self->column);
}

const char *
eb_quote_get_respondent (EbQuote *self)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), NULL);

  return self->respondent;
}

EbSurvey *
eb_quote_get_survey (EbQuote *self)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), NULL);

  return self->survey;
}

guint
eb_quote_get_index (EbQuote *self)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), 0);

  return self->index;
}

guint
eb_quote_get_n_codings (EbQuote *self)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), 0);

  return self->codings != NULL ? self->codings->len : 0;
}

EbCoding *
eb_quote_get_coding (EbQuote *self,
                     guint    index)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), NULL);
  g_return_val_if_fail (index < eb_quote_get_n_codings (self), NULL);

  return g_ptr_array_index (self->codings, index);
}

GArray *
eb_quote_dup_theme_ids (EbQuote *self)
{
  GArray *ids;

  g_return_val_if_fail (EB_IS_QUOTE (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < eb_quote_get_n_codings (self); i++)
    {
      gint64 id = eb_coding_get_theme_id (g_ptr_array_index (self->codings, i));
      gboolean seen = FALSE;

      /* A handful of themes per quote: a linear search is the fastest. */
      for (guint j = 0; j < ids->len && !seen; j++)
        seen = g_array_index (ids, gint64, j) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  return ids;
}

char **
eb_quote_dup_theme_names (EbQuote *self)
{
  g_autoptr(GArray) ids = NULL;
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (EB_IS_QUOTE (self), NULL);

  ids = eb_quote_dup_theme_ids (self);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < ids->len; i++)
    {
      EbTheme *theme = eb_codebook_get_theme (self->codebook, g_array_index (ids, gint64, i));

      if (theme != NULL)
        g_strv_builder_add (builder, eb_theme_get_name (theme));
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

gboolean
eb_quote_has_theme (EbQuote  *self,
                    gint64    theme_id,
                    gboolean  include_descendants)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), FALSE);

  for (guint i = 0; i < eb_quote_get_n_codings (self); i++)
    {
      gint64 id = eb_coding_get_theme_id (g_ptr_array_index (self->codings, i));

      if (id == theme_id ||
          (include_descendants && eb_codebook_is_descendant (self->codebook, id, theme_id)))
        return TRUE;
    }
  return FALSE;
}

gboolean
eb_quote_is_coded (EbQuote *self)
{
  g_return_val_if_fail (EB_IS_QUOTE (self), FALSE);

  return self->codings != NULL;
}
