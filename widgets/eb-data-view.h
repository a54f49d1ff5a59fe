/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-survey.h"

G_BEGIN_DECLS

#define EB_TYPE_DATA_VIEW (eb_data_view_get_type ())
G_DECLARE_FINAL_TYPE (EbDataView, eb_data_view, EB, DATA_VIEW, GtkWidget)

/* The imported survey as a table: row numbers, one sortable column per
 * survey column (title and role shown in the header), and a search entry
 * that filters rows as you type. */
GtkWidget *eb_data_view_new          (void);
EbSurvey  *eb_data_view_get_survey   (EbDataView *self);
void       eb_data_view_set_survey   (EbDataView *self,
                                      EbSurvey   *survey);
/* The search text; rows containing it (case-insensitively, in any cell)
 * stay visible. */
const char *eb_data_view_get_search  (EbDataView *self);
void       eb_data_view_set_search   (EbDataView *self,
                                      const char *text);
guint      eb_data_view_get_n_visible_rows (EbDataView *self);
/* Shows the survey again after its columns changed role or scale; like a
 * new survey, this clears the search and the sort order. */
void       eb_data_view_reload       (EbDataView *self);
/* The table, and the rows it shows (EbSurveyRow items, sorted and
 * filtered as on screen): for the window's actions and for tests. */
GtkColumnView *eb_data_view_get_column_view (EbDataView *self);
GListModel    *eb_data_view_get_rows        (EbDataView *self);

G_END_DECLS
