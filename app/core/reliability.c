/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-reliability"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "reliability.h"

struct _EbReliability
{
  gatomicrefcount   ref_count;
  guint             n_items;
  char            **names;              /* n_items + 1, or NULL */
  guint             n_complete;
  double            alpha;
  double           *alpha_if_deleted;   /* n_items */
  double           *item_total;         /* n_items */
  double           *eigenvalues;        /* n_items, largest first */
  double            first_component_percent;
};

G_DEFINE_BOXED_TYPE (EbReliability, eb_reliability,
                     eb_reliability_ref, eb_reliability_unref)

G_DEFINE_QUARK (eb-reliability-error-quark, eb_reliability_error)

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x < y) - (x > y);
}

/* Sample covariance matrix (n - 1) of the complete rows of CODES, by two
 * passes over centred values so that nearly constant items stay exact. */
static double *
covariance_matrix (const double *codes,
                   guint         k,
                   const guint  *complete,
                   guint         n)
{
  g_autofree double *mean = g_new0 (double, k);
  double *cov = g_new0 (double, (gsize) k * k);

  g_assert (n >= 2);

  for (guint r = 0; r < n; r++)
    for (guint i = 0; i < k; i++)
      mean[i] += codes[(gsize) complete[r] * k + i];
  for (guint i = 0; i < k; i++)
    mean[i] /= n;
  for (guint r = 0; r < n; r++)
    {
      const double *row = codes + (gsize) complete[r] * k;

      for (guint i = 0; i < k; i++)
        for (guint j = i; j < k; j++)
          cov[i * k + j] += (row[i] - mean[i]) * (row[j] - mean[j]);
    }
  for (guint i = 0; i < k; i++)
    for (guint j = i; j < k; j++)
      {
        cov[i * k + j] /= n - 1;
        cov[j * k + i] = cov[i * k + j];
      }
  return cov;
}

/* Cronbach's alpha from the sum of item variances and the variance of the
 * total: k/(k-1) (1 - sum var_i / var_total). */
static double
alpha_from (guint  k,
            double sum_item_variance,
            double total_variance)
{
  if (k < 2 || !(total_variance > 0))
    return NAN;
  return (double) k / (k - 1) * (1.0 - sum_item_variance / total_variance);
}

static void
compute (EbReliability *self,
         const double  *codes,
         guint          n_rows)
{
  guint k = self->n_items;
  g_autofree guint *complete = g_new (guint, MAX (n_rows, 1));
  g_autofree double *cov = NULL;
  g_autofree double *row_sum = NULL;
  g_autofree double *corr = NULL;
  double sum_variance = 0;
  double total_variance = 0;
  gboolean all_vary = TRUE;
  guint n = 0;

  for (guint r = 0; r < n_rows; r++)
    {
      gboolean ok = TRUE;

      for (guint i = 0; i < k && ok; i++)
        ok = !isnan (codes[(gsize) r * k + i]);
      if (ok)
        complete[n++] = r;
    }
  self->n_complete = n;

  self->alpha = NAN;
  self->first_component_percent = NAN;
  for (guint i = 0; i < k; i++)
    {
      self->alpha_if_deleted[i] = NAN;
      self->item_total[i] = NAN;
      self->eigenvalues[i] = NAN;
    }
  if (n < 2)
    return;

  cov = covariance_matrix (codes, k, complete, n);
  row_sum = g_new0 (double, k);
  for (guint i = 0; i < k; i++)
    {
      for (guint j = 0; j < k; j++)
        row_sum[i] += cov[i * k + j];
      sum_variance += cov[i * k + i];
      total_variance += row_sum[i];
      all_vary = all_vary && cov[i * k + i] > 0;
    }
  self->alpha = alpha_from (k, sum_variance, total_variance);

  for (guint i = 0; i < k; i++)
    {
      double var_i = cov[i * k + i];
      /* The rest score (total minus item i) has variance
       * var_total - 2 cov(i, total) + var_i, and cov(i, rest) = cov(i, total) - var_i. */
      double rest_variance = total_variance - 2 * row_sum[i] + var_i;
      double cov_rest = row_sum[i] - var_i;

      if (k >= 3)
        self->alpha_if_deleted[i] = alpha_from (k - 1, sum_variance - var_i, rest_variance);
      if (k >= 2 && var_i > 0 && rest_variance > 0)
        self->item_total[i] = cov_rest / sqrt (var_i * rest_variance);
    }

  /* Principal components of the correlation matrix need every item to vary. */
  if (!all_vary)
    return;
  corr = g_new (double, (gsize) k * k);
  for (guint i = 0; i < k; i++)
    for (guint j = 0; j < k; j++)
      corr[i * k + j] = cov[i * k + j] / sqrt (cov[i * k + i] * cov[j * k + j]);
  eb_symmetric_eigenvalues (corr, k, self->eigenvalues);
  self->first_component_percent = self->eigenvalues[0] / k * 100.0;
}

static EbReliability *
reliability_alloc (guint n_items)
{
  EbReliability *self = g_new0 (EbReliability, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_items = n_items;
  self->alpha_if_deleted = g_new0 (double, MAX (n_items, 1));
  self->item_total = g_new0 (double, MAX (n_items, 1));
  self->eigenvalues = g_new0 (double, MAX (n_items, 1));
  return self;
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

/* Cyclic Jacobi rotations: each one zeroes an off-diagonal pair until the
 * matrix is diagonal, leaving the eigenvalues on the diagonal. Written by
 * hand because the core links no LAPACK (nor any other numerical library):
 * our matrices are at most a few dozen items square, where Jacobi is exact
 * to rounding and converges in a handful of sweeps. */
void
eb_symmetric_eigenvalues (double *a,
                          guint   n,
                          double *eigenvalues)
{
  g_return_if_fail (a != NULL || n == 0);
  g_return_if_fail (eigenvalues != NULL || n == 0);

  for (guint sweep = 0; sweep < 100; sweep++)
    {
      double off = 0, diag = 0;

      for (guint p = 0; p < n; p++)
        {
          diag += a[p * n + p] * a[p * n + p];
          for (guint q = p + 1; q < n; q++)
            off += a[p * n + q] * a[p * n + q];
        }
      if (off <= 1e-30 * diag || off == 0)
        break;

      for (guint p = 0; p < n; p++)
        for (guint q = p + 1; q < n; q++)
          {
            double apq = a[p * n + q];
            double theta, t, c, s;

            if (apq == 0)
              continue;
            /* The rotation angle that zeroes a[p][q], taking the smaller
             * root of t^2 + 2 theta t - 1 = 0 for stability. */
            theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
            t = (theta >= 0 ? 1.0 : -1.0) / (fabs (theta) + sqrt (theta * theta + 1));
            c = 1 / sqrt (t * t + 1);
            s = t * c;
            /* A <- J^T A J: columns p and q, then rows p and q. */
            for (guint r = 0; r < n; r++)
              {
                double arp = a[r * n + p], arq = a[r * n + q];

                a[r * n + p] = c * arp - s * arq;
                a[r * n + q] = s * arp + c * arq;
              }
            for (guint r = 0; r < n; r++)
              {
                double apr = a[p * n + r], aqr = a[q * n + r];

                a[p * n + r] = c * apr - s * aqr;
                a[q * n + r] = s * apr + c * aqr;
              }
          }
    }

  for (guint i = 0; i < n; i++)
    eigenvalues[i] = a[i * n + i];
  qsort (eigenvalues, n, sizeof (double), compare_descending);
}

EbReliability *
eb_reliability_new_from_codes (const double *codes,
                               guint         n_rows,
                               guint         n_items)
{
  EbReliability *self;

  g_return_val_if_fail (codes != NULL || n_rows == 0 || n_items == 0, NULL);
  g_return_val_if_fail (n_items > 0, NULL);

  self = reliability_alloc (n_items);
  compute (self, codes, n_rows);
  return self;
}

EbReliability *
eb_reliability_new (EbSurvey     *survey,
                    const guint  *columns,
                    guint         n_columns,
                    GError      **error)
{
  guint n_rows;
  g_autofree double *codes = NULL;
  g_autofree int *code_of = NULL;
  g_autoptr(EbReliability) self = NULL;

  g_return_val_if_fail (EB_IS_SURVEY (survey), NULL);
  g_return_val_if_fail (columns != NULL && n_columns > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < n_columns; i++)
    {
      g_return_val_if_fail (columns[i] < eb_survey_get_n_columns (survey), NULL);
      if (eb_survey_get_column_scale (survey, columns[i]) == NULL)
        {
          const char *file = eb_survey_get_source_file (survey);

          g_set_error (error, EB_RELIABILITY_ERROR, EB_RELIABILITY_ERROR_NO_SCALE,
                       "%s%sColumn “%s” has no answer scale; expected a Likert item",
                       file != NULL ? file : "", file != NULL ? ": " : "",
                       eb_survey_get_column_name (survey, columns[i]));
          return NULL;
        }
    }

  n_rows = eb_survey_get_n_rows (survey);
  codes = g_new (double, MAX ((gsize) n_rows * n_columns, 1));
  self = reliability_alloc (n_columns);
  self->names = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    {
      EbScale *scale = eb_survey_get_column_scale (survey, columns[i]);
      guint n_levels = eb_scale_get_n_levels (scale);
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      guint code = 0;

      self->names[i] = g_strdup (eb_survey_get_column_name (survey, columns[i]));
      /* Substantive levels are coded 1..k, skipping non-substantive ones. */
      g_free (code_of);
      code_of = g_new (int, n_levels);
      for (guint l = 0; l < n_levels; l++)
        code_of[l] = eb_scale_is_non_substantive (scale, l) ? 0 : (int) ++code;

      for (guint r = 0; r < n_rows; r++)
        {
          const char *cell = eb_survey_get_cell (survey, r, columns[i]);
          gpointer cached;
          int level;

          /* Cells are interned, so one lookup per distinct answer will do. */
          if (g_hash_table_lookup_extended (seen, cell, NULL, &cached))
            level = GPOINTER_TO_INT (cached);
          else
            {
              level = eb_scale_lookup (scale, cell);
              g_hash_table_insert (seen, (gpointer) cell, GINT_TO_POINTER (level));
            }
          codes[(gsize) r * n_columns + i] = level >= 0 && code_of[level] > 0
                                             ? code_of[level] : NAN;
        }
    }
  compute (self, codes, n_rows);
  return g_steal_pointer (&self);
}

EbReliability *
eb_reliability_ref (EbReliability *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
eb_reliability_unref (EbReliability *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_strfreev (self->names);
  g_free (self->alpha_if_deleted);
  g_free (self->item_total);
  g_free (self->eigenvalues);
  g_free (self);
}

guint
eb_reliability_get_n_items (EbReliability *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_items;
}

const char *
eb_reliability_get_item_name (EbReliability *self,
                              guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_items, NULL);

  return self->names != NULL ? self->names[index] : NULL;
}

guint
eb_reliability_get_n_complete (EbReliability *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_complete;
}

double
eb_reliability_get_alpha (EbReliability *self)
{
  g_return_val_if_fail (self != NULL, NAN);

  return self->alpha;
}

double
eb_reliability_get_alpha_if_deleted (EbReliability *self,
                                     guint          index)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (index < self->n_items, NAN);

  return self->alpha_if_deleted[index];
}

double
eb_reliability_get_item_total_correlation (EbReliability *self,
                                           guint          index)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (index < self->n_items, NAN);

  return self->item_total[index];
}

double
eb_reliability_get_eigenvalue (EbReliability *self,
                               guint          index)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (index < self->n_items, NAN);

  return self->eigenvalues[index];
}

double
eb_reliability_get_first_component_percent (EbReliability *self)
{
  g_return_val_if_fail (self != NULL, NAN);

  return self->first_component_percent;
}

JsonNode *
eb_reliability_to_json (EbReliability *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "alpha");
  add_double_or_null (builder, self->alpha);
  json_builder_set_member_name (builder, "n_complete");
  json_builder_add_int_value (builder, self->n_complete);
  json_builder_set_member_name (builder, "first_component_percent");
  add_double_or_null (builder, self->first_component_percent);
  json_builder_set_member_name (builder, "alpha_if_deleted");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_items; i++)
    add_double_or_null (builder, self->alpha_if_deleted[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "item_total_correlations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_items; i++)
    add_double_or_null (builder, self->item_total[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "eigenvalues");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_items; i++)
    add_double_or_null (builder, self->eigenvalues[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
