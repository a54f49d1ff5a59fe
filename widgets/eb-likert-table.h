/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "likert-analysis.h"

G_BEGIN_DECLS

#define EB_TYPE_LIKERT_TABLE (eb_likert_table_get_type ())
G_DECLARE_FINAL_TYPE (EbLikertTable, eb_likert_table, EB, LIKERT_TABLE, GtkWidget)

/* The frequencies laid out like Table 1 of the paper in seeds/000: one row
 * per item with "128 (42.5%)" for each level (lowest first, as in the
 * chart), any non-substantive answers, valid N, missing and mean, then the
 * Average row in bold. A grouped analysis gets one section per group, and
 * one for the rows without a group value. */
GtkWidget        *eb_likert_table_new            (void);

EbLikertAnalysis *eb_likert_table_get_analysis   (EbLikertTable    *self);
void              eb_likert_table_set_analysis   (EbLikertTable    *self,
                                                  EbLikertAnalysis *analysis);

/* Marks the cell of one level of one item within one group, as the chart's
 * selection; a negative ITEM clears the mark. */
void              eb_likert_table_set_highlight  (EbLikertTable    *self,
                                                  int               item,
                                                  guint             group,
                                                  guint             level,
                                                  gboolean          non_substantive);

/* The table as text, for tests and copying: row 0 holds the headings, a
 * section heading is a row with only its first cell; NULL outside. */
guint             eb_likert_table_get_n_rows     (EbLikertTable    *self);
guint             eb_likert_table_get_n_columns  (EbLikertTable    *self);
const char       *eb_likert_table_get_cell_text  (EbLikertTable    *self,
                                                  guint             row,
                                                  guint             column);

G_END_DECLS
