/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crash-writer"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "eb-project.h"

/* Helper for the crash test in test-project.c: opens PROJECT and commits
 * one change after another until it is killed. After each change has been
 * committed (the call has returned) it prints "committed I", so every line
 * the parent reads is a promise that the change survives the SIGKILL.
 *
 *   crash-writer PROJECT ROUND
 *
 * Iteration I sets the setting "rROUND-kI" to "vI"; every tenth iteration
 * also replaces the survey with make_survey (ROUND, I). */

/* test-project.c checks a survey it finds against these rules: N_ROWS
 * rows, the tag in columns 1 and 5, the source naming round and iteration. */
static EbSurvey *
make_survey (guint round,
             guint iteration)
{
  g_autoptr(EbSurvey) survey = eb_survey_new ();
  g_autoptr(EbScale) scale = NULL;
  g_autofree char *source = NULL;
  const char *labels[] = { "Disagree", "Neutral", "Agree", "Don't know" };
  const gboolean non_substantive[] = { FALSE, FALSE, FALSE, TRUE };
  guint n_rows = 200 + (iteration * 37) % 800;

  scale = eb_scale_new (labels, non_substantive, G_N_ELEMENTS (labels));
  for (guint c = 0; c < 6; c++)
    {
      g_autofree char *name = g_strdup_printf ("Q%u", c + 1);

      eb_survey_add_column (survey, name);
    }
  eb_survey_set_column_role (survey, 1, EB_COLUMN_ROLE_LIKERT);
  eb_survey_set_column_scale (survey, 1, scale);
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *tag = g_strdup_printf ("%u:%u:%u", round, iteration, r);
      const char *cells[] = { tag, labels[r % 4], "Ça m’a aidé", "", tag, "日本語" };

      eb_survey_append_row (survey, cells, G_N_ELEMENTS (cells));
    }
  source = g_strdup_printf ("round %u iteration %u", round, iteration);
  eb_survey_set_source_file (survey, source);
  return g_steal_pointer (&survey);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  guint64 round = 0;

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT, &round, NULL))
    {
      fprintf (stderr, "Usage: %s PROJECT ROUND\n", argv[0]);
      return EXIT_FAILURE;
    }

  project = eb_project_open (argv[1], &error);
  if (project == NULL)
    {
      fprintf (stderr, "crash-writer: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Bounded, in case the parent is gone and nobody kills us. */
  for (guint i = 0; i < 1000000; i++)
    {
      g_autofree char *key = g_strdup_printf ("r%u-k%u", (guint) round, i);
      g_autofree char *value = g_strdup_printf ("v%u", i);

      if (!eb_project_set_setting (project, key, value, &error))
        break;
      if (i % 10 == 0)
        {
          g_autoptr(EbSurvey) survey = make_survey ((guint) round, i);

          if (!eb_project_store_survey (project, survey, &error))
            break;
        }
      printf ("committed %u\n", i);
      fflush (stdout);
    }

  if (error != NULL)
    {
      fprintf (stderr, "crash-writer: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
