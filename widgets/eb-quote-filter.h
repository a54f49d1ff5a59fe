/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-coding-store.h"

G_BEGIN_DECLS

/* How a quote must stand to the themes of a theme condition. */
typedef enum {
  EB_THEME_MATCH_ANY,    /* coded with at least one of them */
  EB_THEME_MATCH_ALL,    /* coded with every one of them */
  EB_THEME_MATCH_NONE,   /* coded with none of them */
} EbThemeMatch;

#define EB_TYPE_QUOTE_FILTER (eb_quote_filter_get_type ())
G_DECLARE_FINAL_TYPE (EbQuoteFilter, eb_quote_filter, EB, QUOTE_FILTER, GtkFilter)

/* Which EbQuote items of a coding store's quote list the Quotes view
 * shows. Every condition is optional and they all must hold:
 *
 * - the search text, in the answer, ignoring case and accents' forms (the
 *   same folding as the Data view's search);
 * - the question (survey column);
 * - attribute values, one per attribute column ("Programme = 1CN2");
 * - the respondent selection: a set of survey rows with a label, from a
 *   Likert chart segment ("Confidence = Strongly developed");
 * - the focus theme (the sidebar's selection): coded with it or one of its
 *   sub-themes;
 * - theme conditions: with any, with all, or with none of some themes
 *   (each including its sub-themes);
 * - a coder: some coding on the quote is theirs;
 * - uncoded only.
 *
 * The first four are the "scope": the quotes that theme counts are taken
 * over (eb_quote_filter_select_scope), so that choosing a theme never
 * zeroes the counts of the others.
 *
 * Each quote's answer is folded for searching once (eb_quote_filter_prepare,
 * or on the first search); a search is then one substring test per quote,
 * and typing on tests only the quotes still shown. Each change reports
 * whether it narrows or widens what is shown, so the filter model re-tests
 * no more than it must. Conditions on themes follow the codebook: merged or
 * deleted themes drop out of them. */
GtkFilter     *eb_quote_filter_new                (EbCodingStore *store);
EbCodingStore *eb_quote_filter_get_store          (EbQuoteFilter *self);

/* What gtk_filter_match() answers for QUOTE, without the type checks:
 * for EbFilterModel's passes over every quote. */
gboolean       eb_quote_filter_matches            (EbQuoteFilter *self,
                                                   EbQuote       *quote);

/* Folds up to N_QUOTES more answers for searching; FALSE when all are
 * done. For idle callbacks, so that the first search is as quick as the
 * next. */
gboolean       eb_quote_filter_prepare            (EbQuoteFilter *self,
                                                   guint          n_quotes);

const char    *eb_quote_filter_get_search         (EbQuoteFilter *self);
void           eb_quote_filter_set_search         (EbQuoteFilter *self,
                                                   const char    *search);

/* The survey column of the question, or -1 for every question. */
int            eb_quote_filter_get_column         (EbQuoteFilter *self);
void           eb_quote_filter_set_column         (EbQuoteFilter *self,
                                                   int            column);

/* VALUE NULL removes the condition on COLUMN. Values are compared after
 * trimming white space; "" keeps the respondents who gave none. */
void           eb_quote_filter_set_attribute      (EbQuoteFilter *self,
                                                   guint          column,
                                                   const char    *value);
/* The value required of COLUMN, or NULL. */
const char    *eb_quote_filter_get_attribute      (EbQuoteFilter *self,
                                                   guint          column);
/* The attribute columns with a condition, in the order they were set. */
GArray        *eb_quote_filter_dup_attribute_columns (EbQuoteFilter *self);

/* ROWS are survey rows; N_ROWS 0 (ROWS NULL) removes the selection.
 * LABEL names it for its chip. Rows beyond the survey are ignored. */
void           eb_quote_filter_set_respondents    (EbQuoteFilter *self,
                                                   const guint   *rows,
                                                   guint          n_rows,
                                                   const char    *label);
gboolean       eb_quote_filter_has_respondents    (EbQuoteFilter *self);
const char    *eb_quote_filter_get_respondent_label (EbQuoteFilter *self);
/* How many distinct respondents the selection holds. */
guint          eb_quote_filter_get_n_respondents  (EbQuoteFilter *self);

/* 0 for none. */
gint64         eb_quote_filter_get_focus_theme    (EbQuoteFilter *self);
void           eb_quote_filter_set_focus_theme    (EbQuoteFilter *self,
                                                   gint64         theme_id);

/* N_IDS 0 removes the condition. */
void           eb_quote_filter_set_themes         (EbQuoteFilter *self,
                                                   const gint64  *ids,
                                                   guint          n_ids,
                                                   EbThemeMatch   match);
/* The themes of the condition (gint64 ids), in order. */
GArray        *eb_quote_filter_dup_themes         (EbQuoteFilter *self);
EbThemeMatch   eb_quote_filter_get_theme_match    (EbQuoteFilter *self);

/* NULL for any coder. */
const char    *eb_quote_filter_get_coder          (EbQuoteFilter *self);
void           eb_quote_filter_set_coder          (EbQuoteFilter *self,
                                                   const char    *coder);

gboolean       eb_quote_filter_get_uncoded_only   (EbQuoteFilter *self);
void           eb_quote_filter_set_uncoded_only   (EbQuoteFilter *self,
                                                   gboolean       uncoded_only);

/* Removes every condition but the search. */
void           eb_quote_filter_clear              (EbQuoteFilter *self);
/* Whether any condition but the search is set. */
gboolean       eb_quote_filter_has_conditions     (EbQuoteFilter *self);

/* Whether the scope (search, question, attributes, respondents) is all
 * quotes; and the indices of the quotes in it, in order. */
gboolean       eb_quote_filter_scope_is_all       (EbQuoteFilter *self);
GArray        *eb_quote_filter_select_scope       (EbQuoteFilter *self);
/* Changes whenever the scope does: counts over it are still good while it
 * stays the same. */
guint          eb_quote_filter_get_scope_serial   (EbQuoteFilter *self);

/* Every coder with a coding on some quote, sorted. */
GStrv          eb_quote_filter_dup_coders         (EbQuoteFilter *self);

G_END_DECLS
