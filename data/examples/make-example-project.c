/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Builds the bundled example project at build time: the example survey,
 * imported as `evalbench import` would, the paper's codebook with its
 * quoted answers coded, and its Figure 1 as the process diagram, so that a
 * new user opens a coded project at once. */
#define G_LOG_DOMAIN "make-example-project"

#include "config.h"

#include <glib/gstdio.h>

#include "diagram-render.h"
#include "diagram-templates.h"
#include "eb-coding-store.h"
#include "eb-diagram.h"
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
  g_autoptr(EbSurvey) stored = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(EbDiagram) diagram = NULL;
  EbDiagramRenderOptions render;

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
  eb_diagram_render_options_init (&render);
  if (project == NULL ||
      !eb_project_store_survey (project, survey, &error) ||
      !eb_example_codebook_seed_project (project, &error) ||
      (stored = eb_project_load_survey (project, &error)) == NULL ||
      (store = eb_coding_store_new (project, stored, NULL, &error)) == NULL ||
      (diagram = eb_diagram_new (store, &error)) == NULL ||
      !eb_diagram_apply_template (diagram, EB_DIAGRAM_TEMPLATE_PEER_MENTORING,
                                  eb_diagram_render_measure, &render, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      g_unlink (argv[2]);
      return 2;
    }
  g_clear_object (&diagram);
  g_clear_object (&store);
  eb_project_close (project);
  return 0;
}
