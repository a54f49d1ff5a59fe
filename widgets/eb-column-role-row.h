/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-survey.h"

G_BEGIN_DECLS

#define EB_TYPE_COLUMN_ROLE_ROW (eb_column_role_row_get_type ())
G_DECLARE_FINAL_TYPE (EbColumnRoleRow, eb_column_role_row, EB, COLUMN_ROLE_ROW, AdwActionRow)

/* A survey column as a row of a preferences group: its title, a summary of
 * its answers as subtitle, a drop-down of roles (id, attribute, Likert,
 * multi, text, number, date, ignored) and, for a Likert item, a button
 * naming its scale ("4 levels: Realise … → Strongly developed"). A column
 * whose answers look like an unknown scale gets a "Use as Scale…" button.
 *
 * The row holds what the user chose: the dialog that owns it listens to
 * notify::role and to "edit-scale", emitted by both buttons. The
 * drop-down's model is a GtkStringList of eb_column_role_to_string()
 * names. */
GtkWidget    *eb_column_role_row_new               (guint             column,
                                                    const char       *title);

guint         eb_column_role_row_get_column        (EbColumnRoleRow  *self);
EbColumnRole  eb_column_role_row_get_role          (EbColumnRoleRow  *self);
void          eb_column_role_row_set_role          (EbColumnRoleRow  *self,
                                                    EbColumnRole      role);
EbScale      *eb_column_role_row_get_scale         (EbColumnRoleRow  *self);
void          eb_column_role_row_set_scale         (EbColumnRoleRow  *self,
                                                    EbScale          *scale);
gboolean      eb_column_role_row_get_suggest_scale (EbColumnRoleRow  *self);
void          eb_column_role_row_set_suggest_scale (EbColumnRoleRow  *self,
                                                    gboolean          suggest_scale);
GtkDropDown  *eb_column_role_row_get_role_dropdown (EbColumnRoleRow  *self);

/* What users call a role ("Likert item"), and its short form for a badge
 * ("Likert"). */
const char   *eb_column_role_row_describe_role     (EbColumnRole      role);
const char   *eb_column_role_row_role_badge        (EbColumnRole      role);
/* "4 levels: Realise … → Strongly developed": the number of real answers
 * and the lowest and highest of them, long labels cut to their first
 * word. */
char         *eb_column_role_row_describe_scale    (EbScale          *scale);

G_END_DECLS
