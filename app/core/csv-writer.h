/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends TEXT as one RFC 4180 field, preceded by a comma unless FIRST:
 * a field with a comma, quote or line break is quoted, its quotes doubled. */
void eb_csv_append_field (GString    *out,
                          const char *text,
                          gboolean    first);

G_END_DECLS
