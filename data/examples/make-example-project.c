/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Builds the bundled example project at build time: the example survey,
 * imported as `evalbench import` would, plus the paper's codebook with its
 * quoted answers coded, so that a new user opens a coded project at once. */
#define G_LOG_DOMAIN "make-example-project"

#include "config.h"

#include <glib/gstdio.h>

#include "eb-project.h"
#include "example-codebook.h"
#include "survey-import.h"

int
main (int   argc,
      char *argv[])
{
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_auto(EbErrorLocation) location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbProject) project = NULL;

  if (argc != 3)
    {
      g_printerr ("usage: %s SURVEY.csv OUT.evalbench\n", argv[0]);
      return 1;
    }

  /* The build reruns this when the survey changes: start afresh. */
  g_unlink (argv[2]);
  survey = eb_survey_import (argv[1], &options, NULL, NULL, NULL, &location, &error);
  if (survey != NULL)
    project = eb_project_open (argv[2], &error);
  if (project == NULL ||
      !eb_project_store_survey (project, survey, &error) ||
      !eb_example_codebook_seed_project (project, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      g_unlink (argv[2]);
      return 2;
    }
  eb_project_close (project);
  return 0;
}
