/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-coding-store.h"
#include "eb-quote-list-view.h"
#include "eb-respondent-panel.h"
#include "eb-tag-popover.h"
#include "eb-theme-sidebar.h"

G_BEGIN_DECLS

#define EB_TYPE_QUOTES_VIEW (eb_quotes_view_get_type ())
G_DECLARE_FINAL_TYPE (EbQuotesView, eb_quotes_view, EB, QUOTES_VIEW, GtkWidget)

/* The Quotes workspace: the themes sidebar, the quotes list and the
 * respondent panel, linked. Selecting a theme filters the quotes;
 * selecting a quote shows its respondent and marks its themes in the
 * sidebar; a respondent selection (a Likert chart's segment) keeps their
 * quotes only, shown as a removable chip.
 *
 * Coding is keyboard-first. The view's actions, each with its shortcut
 * (bound on the view, so they work wherever the focus is inside it):
 *
 *   quotes.tag-1 … quotes.tag-9   1 … 9          toggle the theme with that
 *                                                number on the selected
 *                                                quotes (one undo step), or
 *                                                tag the words selected in
 *                                                the respondent panel
 *   quotes.tag-with               Ctrl+T         "Tag with…" popover
 *   quotes.undo                   Ctrl+Z
 *   quotes.redo                   Ctrl+Shift+Z, Ctrl+Y
 *   quotes.search                 Ctrl+F
 *   quotes.new-theme              Ctrl+Shift+N
 *   quotes.show-table             Ctrl+Shift+T   themes by attribute and
 *                                                Likert profile
 *   quotes.show-respondent        F9             the respondent panel over
 *                                                the quotes, when a narrow
 *                                                window has folded it away
 *
 * Up and Down move through the quotes, Shift and Ctrl extend the
 * selection, Ctrl+A selects every shown quote. */
GtkWidget         *eb_quotes_view_new                     (void);
EbCodingStore     *eb_quotes_view_get_store               (EbQuotesView  *self);
void               eb_quotes_view_set_store               (EbQuotesView  *self,
                                                           EbCodingStore *store);

/* Keeps the quotes of these respondents (survey rows) only, with a chip
 * that shows LABEL ("Confidence = Strongly developed · 177 respondents";
 * NULL for a plain count) and removes the filter. N_ROWS 0 removes it. */
void               eb_quotes_view_set_respondent_filter   (EbQuotesView  *self,
                                                           const guint   *rows,
                                                           guint          n_rows,
                                                           const char    *label);
void               eb_quotes_view_clear_respondent_filter (EbQuotesView  *self);

/* The selected quote whose respondent the panel shows, or NULL. */
EbQuote           *eb_quotes_view_get_current_quote       (EbQuotesView  *self);

/* The parts, for the window and for tests. */
EbThemeSidebar    *eb_quotes_view_get_sidebar             (EbQuotesView  *self);
EbQuoteListView   *eb_quotes_view_get_quote_list          (EbQuotesView  *self);
EbRespondentPanel *eb_quotes_view_get_respondent_panel    (EbQuotesView  *self);
EbTagPopover      *eb_quotes_view_get_tag_popover         (EbQuotesView  *self);
/* The counts the sidebar shows (over the current scope), or NULL before
 * they are first made. */
EbThemeCounts     *eb_quotes_view_get_counts              (EbQuotesView  *self);
/* Makes the counts now rather than when the main loop is next idle. */
void               eb_quotes_view_update_counts           (EbQuotesView  *self);

/* Loads the workspace's style sheet for the default display, once. Every
 * widget of the workspace calls it. */
void               eb_quotes_view_ensure_style            (void);

G_END_DECLS
