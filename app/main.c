/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "evalbench"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cli.h"
#include "eb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EbApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Commands run without GTK so that they work on a machine with no display. */
  if (eb_cli_handles (argc, argv))
    return eb_cli_run (argc, argv);

  app = eb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
