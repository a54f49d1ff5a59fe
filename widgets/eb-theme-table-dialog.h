/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-coding-store.h"

G_BEGIN_DECLS

#define EB_TYPE_THEME_TABLE_DIALOG (eb_theme_table_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EbThemeTableDialog, eb_theme_table_dialog, EB, THEME_TABLE_DIALOG, AdwWindow)

/* The joint display of words and numbers: per theme, how many respondents
 * (or quotes) mention it for each value of an attribute (programme,
 * gender), with column or row percentages; and a theme's Likert profile,
 * the mean answer and the share in the upper half of the scale for the
 * respondents who mention it and for those who do not.
 *
 * VISIBLE, N_VISIBLE: the quotes to count (the workspace's current scope),
 * or NULL for all. THEME_ID: the theme the profile opens on, or 0. */
GtkWidget  *eb_theme_table_dialog_new            (EbCodingStore *store,
                                                  const guint   *visible,
                                                  guint          n_visible,
                                                  gint64         theme_id);
/* The attribute column the table is by, or -1 when the survey has none. */
int         eb_theme_table_dialog_get_attribute  (EbThemeTableDialog *self);
void        eb_theme_table_dialog_set_attribute  (EbThemeTableDialog *self,
                                                  guint               column);
/* The text of a cell as shown, for tests: ROW is the theme (depth first),
 * VALUE the attribute value (eb_theme_crosstab_get_value's index). */
char       *eb_theme_table_dialog_dup_cell_text  (EbThemeTableDialog *self,
                                                  guint               row,
                                                  guint               value);

G_END_DECLS
