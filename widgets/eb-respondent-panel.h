/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-coding-store.h"

G_BEGIN_DECLS

#define EB_TYPE_RESPONDENT_PANEL (eb_respondent_panel_get_type ())
G_DECLARE_FINAL_TYPE (EbRespondentPanel, eb_respondent_panel, EB, RESPONDENT_PANEL, GtkWidget)

/* The right-hand panel of the Quotes workspace: the selected quote's
 * respondent ("Participant 117"), the answer itself in full with its coded
 * spans (select words there to code only those), every attribute, every
 * Likert answer ("item: answer"), all their answers to the open questions
 * with their themes, and the memos on the respondent and on their
 * answers, with an entry to add one. It follows the store: new codings
 * and memos show at once.
 *
 * "quote-activated" (guint index) asks the workspace to select another of
 * the respondent's answers. */
GtkWidget   *eb_respondent_panel_new           (void);
EbCodingStore *eb_respondent_panel_get_store   (EbRespondentPanel *self);
void         eb_respondent_panel_set_store     (EbRespondentPanel *self,
                                                EbCodingStore     *store);
EbQuote     *eb_respondent_panel_get_quote     (EbRespondentPanel *self);
/* NULL shows the empty state. */
void         eb_respondent_panel_set_quote     (EbRespondentPanel *self,
                                                EbQuote           *quote);
/* The full answer (a selectable label), where words are selected for
 * span coding. */
GtkLabel    *eb_respondent_panel_get_text_label (EbRespondentPanel *self);
/* The selected words of the answer as characters, END exclusive; FALSE
 * when none are selected, or the whole answer is. */
gboolean     eb_respondent_panel_get_selected_span (EbRespondentPanel *self,
                                                int               *start,
                                                int               *end);
/* Adds a memo on the answer (EB_MEMO_TARGET_QUOTE) or on the respondent
 * (EB_MEMO_TARGET_RESPONDENT), as the entry does. */
gboolean     eb_respondent_panel_add_memo      (EbRespondentPanel *self,
                                                EbMemoTarget       target,
                                                const char        *body,
                                                GError           **error);
/* How many memos the panel lists. */
guint        eb_respondent_panel_get_n_memos   (EbRespondentPanel *self);

G_END_DECLS
