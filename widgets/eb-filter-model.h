/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EB_TYPE_FILTER_MODEL (eb_filter_model_get_type ())
G_DECLARE_FINAL_TYPE (EbFilterModel, eb_filter_model, EB, FILTER_MODEL, GObject)

/* The items of a source model that a filter matches, in the source's
 * order: what GtkFilterListModel does, for lists of 100,000 items.
 *
 * GTK 4.8's GtkFilterListModel keeps its matches in a GtkBitset and finds
 * the item at a position by counting bits (gtk_bitset_get_nth), up to a
 * few thousand words per call; a list view asks for every row it shows
 * after each change, and a search step that shows or hides tens of
 * thousands of quotes spent 30–80 ms there. This model keeps the source
 * positions of its items in an array, so that an item is found in
 * constant time and a position in logarithmic time.
 *
 * Like GtkFilterListModel it re-tests only the shown items when the
 * filter narrows, only the hidden ones when it widens, and reports a
 * change as one items-changed signal from the first to the last position
 * that changed. */
EbFilterModel *eb_filter_model_new                 (void);

/* Replaces the source and the filter together (either may be NULL: then
 * the model is empty or shows every item), with one items-changed. */
void           eb_filter_model_set_source          (EbFilterModel *self,
                                                    GListModel    *model,
                                                    GtkFilter     *filter);
GListModel    *eb_filter_model_get_model           (EbFilterModel *self);

/* Whether the source's item at SOURCE_POSITION matches the filter. */
typedef gboolean (*EbFilterModelMatchFunc) (guint    source_position,
                                            gpointer user_data);
/* Tests items with FUNC instead of taking each from the source and
 * asking the filter: for a source that can lend its items without a
 * reference, a third of the time of a full pass over 100,000 items.
 * FUNC must answer as the filter does. NULL goes back to the filter. */
void           eb_filter_model_set_match_func      (EbFilterModel          *self,
                                                    EbFilterModelMatchFunc  func,
                                                    gpointer                user_data);
GtkFilter     *eb_filter_model_get_filter          (EbFilterModel *self);

/* The source position of the item at POSITION (which must be shown). */
guint          eb_filter_model_get_source_position (EbFilterModel *self,
                                                    guint          position);
/* Where the source's item at SOURCE_POSITION is shown; FALSE when it is
 * not. */
gboolean       eb_filter_model_find                (EbFilterModel *self,
                                                    guint          source_position,
                                                    guint         *position);

G_END_DECLS
