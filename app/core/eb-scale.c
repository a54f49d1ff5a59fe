/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-scale"

#include "config.h"

#include <string.h>

#include "eb-scale.h"

struct _EbScale
{
  gatomicrefcount  ref_count;
  guint            n_levels;
  char           **labels;          /* n_levels + 1, NULL-terminated */
  char           **folded;          /* casefolded, trimmed: for lookup */
  gboolean        *non_substantive;
};

G_DEFINE_BOXED_TYPE (EbScale, eb_scale, eb_scale_ref, eb_scale_unref)

/* Answers are compared without case and surrounding white space, and with
 * the typographic apostrophe Excel and Word substitute ("Don’t know") taken
 * as the plain one. */
static char *
fold_label (const char *label)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (label));
  g_autoptr(GString) plain = g_string_new (trimmed);

  g_string_replace (plain, "\u2019", "'", 0);
  g_string_replace (plain, "\u00a0", " ", 0);
  return g_utf8_casefold (plain->str, -1);
}

EbScale *
eb_scale_new (const char * const *labels,
              const gboolean     *non_substantive,
              guint               n_levels)
{
  EbScale *self;

  g_return_val_if_fail (labels != NULL, NULL);
  g_return_val_if_fail (n_levels > 0, NULL);

  self = g_new0 (EbScale, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_levels = n_levels;
  self->labels = g_new0 (char *, n_levels + 1);
  self->folded = g_new0 (char *, n_levels + 1);
  self->non_substantive = g_new0 (gboolean, n_levels);
  for (guint i = 0; i < n_levels; i++)
    {
      self->labels[i] = g_strstrip (g_strdup (labels[i]));
      self->folded[i] = fold_label (labels[i]);
      self->non_substantive[i] = non_substantive != NULL && non_substantive[i];
    }
  return self;
}

/* "Low<Middle<High<Don't know!" as in CLI.md. */
EbScale *
eb_scale_parse_spec (const char  *spec,
                     GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree gboolean *flags = NULL;
  guint n;

  g_return_val_if_fail (spec != NULL, NULL);

  parts = g_strsplit (spec, "<", -1);
  n = g_strv_length (parts);
  flags = g_new0 (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_strstrip (parts[i]);
      if (g_str_has_suffix (parts[i], "!"))
        {
          parts[i][strlen (parts[i]) - 1] = '\0';
          g_strstrip (parts[i]);
          flags[i] = TRUE;
        }
      if (parts[i][0] == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Scale “%s”: level %u is empty; expected labels from "
                       "lowest to highest separated by “<”", spec, i + 1);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (g_ascii_strcasecmp (parts[i], parts[j]) == 0)
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "Scale “%s”: the label “%s” appears twice", spec, parts[i]);
            return NULL;
          }
    }
  if (n < 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Scale “%s” has fewer than two levels; expected labels "
                   "separated by “<”, e.g. “Disagree<Neutral<Agree”", spec);
      return NULL;
    }
  return eb_scale_new ((const char * const *) parts, flags, n);
}

char *
eb_scale_to_spec (const EbScale *self)
{
  GString *spec;

  g_return_val_if_fail (self != NULL, NULL);

  spec = g_string_new (NULL);
  for (guint i = 0; i < self->n_levels; i++)
    {
      if (i > 0)
        g_string_append_c (spec, '<');
      g_string_append (spec, self->labels[i]);
      if (self->non_substantive[i])
        g_string_append_c (spec, '!');
    }
  return g_string_free (spec, FALSE);
}

EbScale *
eb_scale_ref (EbScale *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
eb_scale_unref (EbScale *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_strfreev (self->labels);
  g_strfreev (self->folded);
  g_free (self->non_substantive);
  g_free (self);
}

guint
eb_scale_get_n_levels (const EbScale *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_levels;
}

const char *
eb_scale_get_label (const EbScale *self,
                    guint          level)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (level < self->n_levels, NULL);

  return self->labels[level];
}

gboolean
eb_scale_is_non_substantive (const EbScale *self,
                             guint          level)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (level < self->n_levels, FALSE);

  return self->non_substantive[level];
}

guint
eb_scale_get_n_substantive (const EbScale *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->n_levels; i++)
    n += !self->non_substantive[i];
  return n;
}

/* Returns the level of ANSWER, or -1 if it is not one of the labels. */
int
eb_scale_lookup (const EbScale *self,
                 const char    *answer)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, -1);

  if (answer == NULL)
    return -1;
  folded = fold_label (answer);
  for (guint i = 0; i < self->n_levels; i++)
    if (strcmp (folded, self->folded[i]) == 0)
      return (int) i;
  return -1;
}

gboolean
eb_scale_equal (const EbScale *a,
                const EbScale *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->n_levels != b->n_levels)
    return FALSE;
  for (guint i = 0; i < a->n_levels; i++)
    if (strcmp (a->labels[i], b->labels[i]) != 0 ||
        a->non_substantive[i] != b->non_substantive[i])
      return FALSE;
  return TRUE;
}
