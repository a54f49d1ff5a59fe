/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-csv-writer"

#include "config.h"

#include <string.h>

#include "csv-writer.h"

void
eb_csv_append_field (GString    *out,
                     const char *text,
                     gboolean    first)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  if (!first)
    g_string_append_c (out, ',');
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
