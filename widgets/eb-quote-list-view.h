/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-coding-store.h"
#include "eb-quote-filter.h"

G_BEGIN_DECLS

#define EB_TYPE_QUOTE_LIST_VIEW (eb_quote_list_view_get_type ())
G_DECLARE_FINAL_TYPE (EbQuoteListView, eb_quote_list_view, EB, QUOTE_LIST_VIEW, GtkWidget)

/* The centre of the Quotes workspace: every quote of a coding store in a
 * list that stays smooth with 100,000 of them, a search entry that filters
 * as you type, a filter popover (question, attribute value, themes,
 * coder, uncoded only), the active filters as removable chips, and the
 * choice of attribute columns shown with each quote. Several quotes can be
 * selected at once.
 *
 * Its toolbar's Tag… and table buttons activate quotes.tag-with and
 * quotes.show-table, which EbQuotesView provides. */
GtkWidget         *eb_quote_list_view_new              (void);
EbCodingStore     *eb_quote_list_view_get_store        (EbQuoteListView *self);
void               eb_quote_list_view_set_store        (EbQuoteListView *self,
                                                        EbCodingStore   *store);
/* The filter of the shown quotes; NULL without a store. */
EbQuoteFilter     *eb_quote_list_view_get_filter       (EbQuoteListView *self);

const char        *eb_quote_list_view_get_search       (EbQuoteListView *self);
void               eb_quote_list_view_set_search       (EbQuoteListView *self,
                                                        const char      *search);
void               eb_quote_list_view_focus_search     (EbQuoteListView *self);
guint              eb_quote_list_view_get_n_visible    (EbQuoteListView *self);

/* The survey columns whose values each quote shows beside its respondent;
 * by default the first three attribute columns. */
void               eb_quote_list_view_set_attribute_columns (EbQuoteListView *self,
                                                        const guint     *columns,
                                                        guint            n_columns);
GArray            *eb_quote_list_view_dup_attribute_columns (EbQuoteListView *self);

/* The shown quotes (EbQuote, filtered as on screen), their selection, and
 * the list widget: for the workspace's actions and for tests. */
GListModel        *eb_quote_list_view_get_quotes       (EbQuoteListView *self);
GtkSelectionModel *eb_quote_list_view_get_selection    (EbQuoteListView *self);
GtkListView       *eb_quote_list_view_get_list_view    (EbQuoteListView *self);
/* The quote indices (eb_quote_get_index) of the selected quotes, in list
 * order. */
GArray            *eb_quote_list_view_dup_selected_indices (EbQuoteListView *self);
/* Selects the quote of that index alone and scrolls to it; FALSE when the
 * filter hides it. */
gboolean           eb_quote_list_view_select_quote     (EbQuoteListView *self,
                                                        guint            index);
/* Selects the shown quote at POSITION (clamped to the list) alone and
 * gives it the keyboard focus. */
void               eb_quote_list_view_select_position  (EbQuoteListView *self,
                                                        guint            position);
/* Gives the keyboard focus to the row of the shown quote at POSITION, so
 * that Up and Down go on from there. FALSE when the row is not on screen. */
gboolean           eb_quote_list_view_focus_position   (EbQuoteListView *self,
                                                        guint            position);
/* The toolbar's Tag… button, which the tag popover points at. */
GtkWidget         *eb_quote_list_view_get_tag_button   (EbQuoteListView *self);
/* The chips of the active filters, for tests: their labels, in order. */
GStrv              eb_quote_list_view_dup_chip_labels  (EbQuoteListView *self);

G_END_DECLS
