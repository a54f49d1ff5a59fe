/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The headless command line of CLI.md. None of it needs a display. */

/* Exit statuses, a public interface (CLI.md). */
enum {
  EB_EXIT_OK = 0,
  EB_EXIT_USAGE = 1,
  EB_EXIT_BAD_INPUT = 2,
  EB_EXIT_CANNOT_WRITE = 3,
};

/* TRUE when ARGV asks for a command, --version or --help rather than the GUI. */
gboolean eb_cli_handles (int    argc,
                         char **argv);
int      eb_cli_run     (int    argc,
                         char **argv);

G_END_DECLS
