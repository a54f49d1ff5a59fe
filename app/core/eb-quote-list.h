/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "eb-quote.h"
#include "eb-survey.h"

G_BEGIN_DECLS

#define EB_TYPE_QUOTE_LIST (eb_quote_list_get_type ())
G_DECLARE_FINAL_TYPE (EbQuoteList, eb_quote_list, EB, QUOTE_LIST, GObject)

/* Every non-empty answer in an open-text column (role
 * EB_COLUMN_ROLE_TEXT) of a survey, as a GListModel of EbQuote: question
 * by question in the order of the columns, and within a question
 * respondent by respondent. The list never changes length (answers are
 * fixed at import); when a quote's codings change it emits
 * items-changed (i, 1, 1) for it, one call per run of neighbours.
 * Answers of only white space are not quotes. EbCodingStore makes it. */

typedef gboolean (*EbQuoteFilterFunc) (EbQuote  *quote,
                                       gpointer  user_data);

EbSurvey   *eb_quote_list_get_survey       (EbQuoteList       *self);
/* Transfer none: the list keeps every quote. */
EbQuote    *eb_quote_list_get_quote        (EbQuoteList       *self,
                                            guint              index);
/* The index of the quote of ROW and COLUMN, or -1 if there is none. */
int         eb_quote_list_find             (EbQuoteList       *self,
                                            guint              row,
                                            guint              column);
/* The survey column respondents are named by, or -1. */
int         eb_quote_list_get_id_column    (EbQuoteList       *self);
/* The indices (guint) of the quotes FUNC accepts, in order: the "visible
 * quotes" that counts and crosstabs take. */
GArray     *eb_quote_list_select           (EbQuoteList       *self,
                                            EbQuoteFilterFunc  func,
                                            gpointer           user_data);

G_END_DECLS
