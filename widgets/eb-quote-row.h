/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-codebook.h"
#include "eb-quote.h"
#include "eb-theme-chips.h"

G_BEGIN_DECLS

#define EB_TYPE_QUOTE_ROW (eb_quote_row_get_type ())
G_DECLARE_FINAL_TYPE (EbQuoteRow, eb_quote_row, EB, QUOTE_ROW, GtkWidget)

/* One quote in the Quotes list: the respondent ("Participant 117") with
 * the values of the chosen attribute columns, the question, the answer
 * with its coded spans highlighted in their themes' colours, and a chip
 * per theme. A coding of the whole answer shows as its chip only. */
GtkWidget    *eb_quote_row_new            (void);
/* ID_COLUMN: the survey's respondent id column, or -1.
 * ATTRIBUTE_COLUMNS: the survey columns whose values the row shows. */
void          eb_quote_row_bind           (EbQuoteRow   *self,
                                           EbQuote      *quote,
                                           EbCodebook   *codebook,
                                           int           id_column,
                                           const guint  *attribute_columns,
                                           guint         n_attribute_columns);
/* Leaves the row empty, HEIGHT pixels tall, until it is bound to QUOTE:
 * for rows the list keeps off screen while a change of the filter brings
 * hundreds of new quotes at once (EbQuoteListView binds them when idle). */
void          eb_quote_row_bind_later     (EbQuoteRow   *self,
                                           EbQuote      *quote,
                                           int           height);
/* The quote the row waits to show, or NULL. */
EbQuote      *eb_quote_row_get_pending_quote (EbQuoteRow *self);
void          eb_quote_row_unbind         (EbQuoteRow   *self);
/* The quote the row shows: NULL while it waits (bind_later). */
EbQuote      *eb_quote_row_get_quote      (EbQuoteRow   *self);
EbThemeChips *eb_quote_row_get_chips      (EbQuoteRow   *self);
/* The answer's label, with its highlight attributes. */
GtkLabel     *eb_quote_row_get_text_label (EbQuoteRow   *self);

/* "Participant 117" (the id column's name and value), or "Respondent 12"
 * (the row from 1) when the survey has no id column: how quotes are
 * attributed. */
char         *eb_quote_row_dup_respondent_name (EbQuote  *quote,
                                                int       id_column);
/* The answer's coded spans as Pango background attributes in their
 * themes' colours (whole-answer codings are left out). */
PangoAttrList *eb_quote_row_create_span_attributes (EbQuote    *quote,
                                                    EbCodebook *codebook);

G_END_DECLS
