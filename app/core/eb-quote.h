/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "eb-coding.h"
#include "eb-survey.h"

G_BEGIN_DECLS

#define EB_TYPE_QUOTE (eb_quote_get_type ())
G_DECLARE_FINAL_TYPE (EbQuote, eb_quote, EB, QUOTE, GObject)

/* One non-empty answer to an open-text question, with its respondent and
 * its codings. The text never changes (answers are fixed at import); the
 * codings do, and then the quote notifies "themes" and its EbQuoteList
 * emits items-changed for it, so a GtkListView rebinds its row. */

guint         eb_quote_get_row            (EbQuote  *self);
guint         eb_quote_get_column         (EbQuote  *self);
const char   *eb_quote_get_column_name    (EbQuote  *self);
const char   *eb_quote_get_text           (EbQuote  *self);
/* The value of the survey's id column, or the row number from 1 when the
 * survey has none or the cell is empty. */
const char   *eb_quote_get_respondent     (EbQuote  *self);
EbSurvey     *eb_quote_get_survey         (EbQuote  *self);
/* Its place in its EbQuoteList: what the tagging and counting functions
 * take, whatever filter or sorter the GUI shows the list through. */
guint         eb_quote_get_index          (EbQuote  *self);

/* Codings in the order they were made (by id). */
guint         eb_quote_get_n_codings      (EbQuote  *self);
EbCoding     *eb_quote_get_coding         (EbQuote  *self,
                                           guint     index);
/* The themes coded on the quote, each once, in the order of their first
 * coding: gint64 ids. */
GArray       *eb_quote_dup_theme_ids      (EbQuote  *self);
/* Their names, for chips and `quotes --json`. */
char        **eb_quote_dup_theme_names    (EbQuote  *self);
/* Whether a coding ties THEME_ID, or with INCLUDE_DESCENDANTS any theme
 * under it, to this quote. */
gboolean      eb_quote_has_theme          (EbQuote  *self,
                                           gint64    theme_id,
                                           gboolean  include_descendants);
/* Whether any coding, by any coder, is on this quote. */
gboolean      eb_quote_is_coded           (EbQuote  *self);

G_END_DECLS
