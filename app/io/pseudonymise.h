/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "eb-survey.h"

G_BEGIN_DECLS

/* What `--pseudonymise` hides when a survey leaves the machine: each
 * respondent gets a code ("P001", "P002" … with as many digits as the
 * number of respondents needs, at least three), and the columns that name
 * or contact a person are left out.
 *
 * Codes are stable: they are handed out in row order, one per distinct
 * value of the survey's id column (the first column with the id role, the
 * one quotes are named by), so the same survey always gets the same codes,
 * and a respondent who answered twice (two waves) keeps one code. A row
 * without an id, or a survey without an id column, gets a code of its own
 * for the row.
 *
 * A column identifies people when its role is not the id role and its
 * title names a person's name, e-mail address, telephone number or
 * address-like metadata ("Name", "Full name", "E-mail", "RecipientEmail",
 * "IP address", "LocationLatitude" …), or when most of its answers look
 * like e-mail addresses. The id column is never dropped: its values are
 * what the codes replace. */

typedef struct _EbPseudonyms EbPseudonyms;

EbPseudonyms *eb_pseudonyms_new                (EbSurvey      *survey);
void          eb_pseudonyms_free               (EbPseudonyms  *self);

/* The code of ROW's respondent. */
const char   *eb_pseudonyms_get_code           (EbPseudonyms  *self,
                                                guint          row);
/* The survey's id column, or -1. */
int           eb_pseudonyms_get_id_column      (EbPseudonyms  *self);
guint         eb_pseudonyms_get_n_codes        (EbPseudonyms  *self);

/* Whether COLUMN of SURVEY names or contacts a person (see above). */
gboolean      eb_column_is_identifying         (EbSurvey      *survey,
                                                guint          column);

/* TEXT with every "respondent ID" (as the audit trail names answers:
 * "respondent 117, “Face-to-face sessions”") given the respondent's code;
 * an id the survey does not hold any more becomes "respondent (removed)". */
char         *eb_pseudonyms_replace_respondents (EbPseudonyms *self,
                                                 const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbPseudonyms, eb_pseudonyms_free)

G_END_DECLS
