/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "eb-survey.h"

G_BEGIN_DECLS

/* The internal-consistency figures that evaluation papers report for a set
 * of Likert items (seeds/000: "Reliability was high (α = .89) and principal
 * components analysis extracted one factor ... which explained 60.45%"):
 * Cronbach's alpha, alpha if each item is deleted, corrected item-total
 * correlations, and the share of variance of the first principal component
 * of the items' correlation matrix. Computed over the complete cases
 * (listwise): rows with a substantive answer to every item, coded 1..k.
 * Reverse-coded items are the scale's business: a reversed scale codes
 * them the right way round. Undefined figures (too few items or cases, an
 * item without variance) are NaN. */

#define EB_RELIABILITY_ERROR (eb_reliability_error_quark ())

typedef enum {
  EB_RELIABILITY_ERROR_NO_SCALE,   /* an item column has no answer scale */
} EbReliabilityError;

GQuark eb_reliability_error_quark (void);

typedef struct _EbReliability EbReliability;

#define EB_TYPE_RELIABILITY (eb_reliability_get_type ())
GType          eb_reliability_get_type          (void) G_GNUC_CONST;

/* Over all rows of SURVEY; every column must have a scale. */
EbReliability *eb_reliability_new               (EbSurvey       *survey,
                                                 const guint    *columns,
                                                 guint           n_columns,
                                                 GError        **error);
/* Over a matrix of N_ROWS x N_ITEMS codes, row-major; NaN marks a missing
 * answer (the row is then left out). */
EbReliability *eb_reliability_new_from_codes    (const double   *codes,
                                                 guint           n_rows,
                                                 guint           n_items);
EbReliability *eb_reliability_ref               (EbReliability  *self);
void           eb_reliability_unref             (EbReliability  *self);

guint          eb_reliability_get_n_items       (EbReliability  *self);
/* The column name of item INDEX, or NULL when built from codes. */
const char    *eb_reliability_get_item_name     (EbReliability  *self,
                                                 guint           index);
guint          eb_reliability_get_n_complete    (EbReliability  *self);
double         eb_reliability_get_alpha         (EbReliability  *self);
double         eb_reliability_get_alpha_if_deleted (EbReliability *self,
                                                    guint          index);
/* Pearson correlation of the item with the sum of the other items. */
double         eb_reliability_get_item_total_correlation (EbReliability *self,
                                                          guint          index);
/* Eigenvalues of the correlation matrix, largest first. */
double         eb_reliability_get_eigenvalue    (EbReliability  *self,
                                                 guint           index);
/* Largest eigenvalue / number of items x 100. */
double         eb_reliability_get_first_component_percent (EbReliability *self);

/* CLI.md's "reliability" object: alpha, n_complete,
 * first_component_percent, alpha_if_deleted; extended with
 * item_total_correlations and eigenvalues. NaN becomes null. */
JsonNode      *eb_reliability_to_json           (EbReliability  *self);

/* Eigenvalues of the symmetric N x N matrix MATRIX (row-major; destroyed)
 * into EIGENVALUES, largest first. Exposed for the tests. */
void           eb_symmetric_eigenvalues         (double         *matrix,
                                                 guint           n,
                                                 double         *eigenvalues);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbReliability, eb_reliability_unref)

G_END_DECLS
