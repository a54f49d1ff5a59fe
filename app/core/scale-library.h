/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-scale.h"

G_BEGIN_DECLS

/* The built-in library of answer scales that survey tools use, with the
 * spelling variants seen in real exports. */

/* Finds the library scale that every answer in ANSWERS (distinct, non-empty,
 * n_answers of them) belongs to, preferring the shortest such scale. Returns
 * a new scale spelled as the answers spell it (levels nobody chose keep the
 * library's spelling), with any recognised non-substantive answers ("Don't
 * know", "N/A") appended as non-substantive levels; or NULL. */
EbScale  *eb_scale_library_match           (const char * const *answers,
                                            guint               n_answers);

/* TRUE for answers such as "Don't know", "N/A", "Prefer not to say". */
gboolean  eb_scale_library_is_non_substantive (const char        *answer);

G_END_DECLS
