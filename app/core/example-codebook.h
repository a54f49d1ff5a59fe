/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-coding-store.h"

G_BEGIN_DECLS

/* The codebook of the paper in seeds/000 for the bundled example project:
 * its themes ("A supportive atmosphere", "An opportunity to discuss and
 * share" with its three kinds of peer discussion, "Increased confidence
 * and reassurance", "A safe space to test teaching plans and resources")
 * and the outcome its Figure 1 ends with, "Improved practice in the
 * classroom", each with a definition written from the paper, a level and
 * a colour; and the paper's quoted answers coded to the theme it discusses
 * them under: the attributed quotes ("Participant 117, 1CN2") as whole
 * answers, the short phrases it quotes ("bouncing ideas off each other")
 * as spans wherever they occur.
 *
 * The answers are found by their text in the open-text columns of the
 * store's survey (data/examples/peer-mentoring-survey.csv has each on the
 * row of its participant); a quote that cannot be found is an error
 * (EB_CODING_ERROR_NO_SUCH_QUOTE), as is a codebook that already has one
 * of the themes. Every theme and coding is an ordinary undoable action by
 * the store's coder. */
gboolean  eb_example_codebook_seed          (EbCodingStore  *store,
                                             GError        **error);

/* The same for a project holding the example survey, as the build makes
 * the example project: codes as “Evalbench example”, and leaves no undo
 * history behind. */
gboolean  eb_example_codebook_seed_project  (EbProject      *project,
                                             GError        **error);

G_END_DECLS
