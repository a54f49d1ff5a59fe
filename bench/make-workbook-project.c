/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Builds the project of the workbook benchmark (issue 7): 100,000
 * respondents x 30 columns (an id, a name, four attributes, twenty Likert
 * items, three open questions and a number), a codebook of twelve themes,
 * 20,000 coded answers, and memos on some of them. The same seed gives
 * the same project.
 *
 *   make-workbook-project OUT.evalbench [RESPONDENTS] [CODED]
 */
#define G_LOG_DOMAIN "make-workbook-project"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "eb-coding-store.h"
#include "eb-project.h"

#define N_ITEMS     20
#define N_QUESTIONS 3
#define N_COLUMNS   (6 + N_ITEMS + N_QUESTIONS + 1)

/* One quote in this many gets a memo, one coding in this many too. */
#define QUOTE_MEMO_EVERY  20
#define CODING_MEMO_EVERY 40

static const char * const agreement[] = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
};
static const char * const programmes[] = { "1CN", "1CN2", "Mastering Number", "NCETM Work Group" };
static const char * const regions[] = {
  "North East", "North West", "Yorkshire", "East Midlands", "West Midlands", "East",
  "London", "South East", "South West",
};
static const char * const roles[] = {
  "Teaching assistant", "Teacher", "Higher level teaching assistant", "Subject lead", "Head",
};
static const char * const waves[] = { "Baseline", "After a year" };
static const char * const first_names[] = { "Alice", "Ben", "Chloe", "Dev", "Emma", "Femi", "Grace" };
static const char * const last_names[] = { "Smith", "Jones", "Patel", "Okafor", "Brown", "Nowak" };
static const char * const questions[] = {
  "What worked well in the sessions?", "What could be better?", "Any other comments?",
};
/* How often each open question is answered, in percent. */
static const int answered[] = { 45, 35, 20 };
static const char * const openings[] = {
  "Really useful", "Great sessions", "Helpful", "Not enough time", "Very good", "Mixed",
  "Excellent", "Could be better",
};
static const char * const fragments[] = {
  "sharing ideas with other schools", "trying the games before using them in class",
  "the Link Teacher is always there if I need help", "discussing problems and finding solutions",
  "I feel more confident teaching number", "we are not alone with the same issues",
  "staff at school now ask me about the games", "more time to practise would help",
  "the handbook made sense after the training", "bouncing ideas off each other",
};

typedef struct
{
  const char *name;
  const char *parent;
  const char *color;
} BenchTheme;

static const BenchTheme themes[] = {
  { "Support", NULL, "#1b9e77" },
  { "Link Teacher", "Support", "#66c2a5" },
  { "Colleagues at school", "Support", "#8da0cb" },
  { "Discussion and sharing", NULL, "#d95f02" },
  { "Common problems", "Discussion and sharing", "#fc8d62" },
  { "Sharing ideas", "Discussion and sharing", "#e78ac3" },
  { "Self-reflection", "Discussion and sharing", "#a6d854" },
  { "Confidence", NULL, "#7570b3" },
  { "Not alone", "Confidence", "#ffd92f" },
  { "Motivation", "Confidence", "#e5c494" },
  { "Safe space to practise", NULL, "#e7298a" },
  { "Improved practice", NULL, "#66a61e" },
};

static char *
make_answer (GRand *rand)
{
  GString *text = g_string_new (openings[g_rand_int_range (rand, 0, G_N_ELEMENTS (openings))]);
  int n = g_rand_int_range (rand, 1, 4);

  for (int i = 0; i < n; i++)
    g_string_append_printf (text, "%s %s", i == 0 ? " -" : ",",
                            fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
  return g_string_free (text, FALSE);
}

static EbSurvey *
make_survey (guint  n_rows,
             GRand *rand)
{
  g_autoptr(EbScale) scale = eb_scale_new (agreement, NULL, G_N_ELEMENTS (agreement));
  EbSurvey *survey = eb_survey_new ();
  const char *cells[N_COLUMNS];
  guint c = 0;

  eb_survey_add_column (survey, "ID");
  eb_survey_add_column (survey, "Name");
  eb_survey_add_column (survey, "Programme");
  eb_survey_add_column (survey, "Region");
  eb_survey_add_column (survey, "Role");
  eb_survey_add_column (survey, "Wave");
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *item = g_strdup_printf ("Item %02u: the training helped me with area %u "
                                               "of my practice", i + 1, i + 1);

      eb_survey_add_column (survey, item);
    }
  for (guint q = 0; q < N_QUESTIONS; q++)
    eb_survey_add_column (survey, questions[q]);
  eb_survey_add_column (survey, "Years of experience");

  eb_survey_set_column_role (survey, c++, EB_COLUMN_ROLE_ID);
  eb_survey_set_column_role (survey, c++, EB_COLUMN_ROLE_IGNORED);
  for (guint i = 0; i < 4; i++)
    eb_survey_set_column_role (survey, c++, EB_COLUMN_ROLE_ATTRIBUTE);
  for (guint i = 0; i < N_ITEMS; i++, c++)
    {
      eb_survey_set_column_role (survey, c, EB_COLUMN_ROLE_LIKERT);
      eb_survey_set_column_scale (survey, c, scale);
    }
  for (guint q = 0; q < N_QUESTIONS; q++)
    eb_survey_set_column_role (survey, c++, EB_COLUMN_ROLE_TEXT);
  eb_survey_set_column_role (survey, c, EB_COLUMN_ROLE_NUMBER);

  for (guint row = 0; row < n_rows; row++)
    {
      g_autofree char *id = g_strdup_printf ("%u", row + 1);
      g_autofree char *name = g_strdup_printf (
        "%s %s", first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
        last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))]);
      g_autofree char *years = g_strdup_printf ("%d", g_rand_int_range (rand, 0, 35));
      char *answers[N_QUESTIONS] = { NULL };
      /* One latent attitude per respondent, so the items correlate. */
      double attitude = g_rand_double_range (rand, 1.0, 4.5);

      c = 0;
      cells[c++] = id;
      cells[c++] = name;
      cells[c++] = programmes[g_rand_int_range (rand, 0, G_N_ELEMENTS (programmes))];
      cells[c++] = regions[g_rand_int_range (rand, 0, G_N_ELEMENTS (regions))];
      cells[c++] = roles[g_rand_int_range (rand, 0, G_N_ELEMENTS (roles))];
      cells[c++] = waves[row % 2];
      for (guint i = 0; i < N_ITEMS; i++)
        {
          int level = (int) (attitude + g_rand_double_range (rand, -1.0, 1.0) + 0.5);

          /* A few items left out, as in any survey. */
          cells[c++] = g_rand_int_range (rand, 0, 100) < 2 ? ""
                       : agreement[CLAMP (level, 0, (int) G_N_ELEMENTS (agreement) - 1)];
        }
      for (guint q = 0; q < N_QUESTIONS; q++)
        {
          answers[q] = g_rand_int_range (rand, 0, 100) < answered[q] ? make_answer (rand)
                                                                     : g_strdup ("");
          cells[c++] = answers[q];
        }
      cells[c++] = years;
      eb_survey_append_row (survey, cells, N_COLUMNS);
      for (guint q = 0; q < N_QUESTIONS; q++)
        g_free (answers[q]);
    }
  eb_survey_set_source_file (survey, "bench-survey.csv");
  return survey;
}

static gboolean
create_codebook (EbCodingStore  *store,
                 gint64         *ids,
                 GError        **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      gint64 parent = 0;

      for (guint p = 0; p < t && themes[t].parent != NULL; p++)
        if (g_strcmp0 (themes[p].name, themes[t].parent) == 0)
          parent = ids[p];
      if (!eb_coding_store_create_theme (store, parent, themes[t].name, themes[t].color,
                                         "A theme of the benchmark codebook.",
                                         EB_THEME_LEVEL_AXIAL, TRUE, &ids[t], error))
        return FALSE;
    }
  return TRUE;
}

/* Codes N_CODED quotes spread over the list, each with one theme and every
 * third with a second, one theme at a time (one transaction per theme). */
static gboolean
code_quotes (EbCodingStore  *store,
             const gint64   *ids,
             guint           n_coded,
             GRand          *rand,
             GError        **error)
{
  EbQuoteList *quotes = eb_coding_store_get_quotes (store);
  guint n_quotes = g_list_model_get_n_items (G_LIST_MODEL (quotes));
  GArray *per_theme[G_N_ELEMENTS (themes)];
  guint step = MAX (1, n_quotes / MAX (n_coded, 1));
  gboolean ok = TRUE;

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    per_theme[t] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0, n = 0; i < n_quotes && n < n_coded; i += step, n++)
    {
      guint first = g_rand_int_range (rand, 0, G_N_ELEMENTS (themes));

      g_array_append_val (per_theme[first], i);
      if (n % 3 == 0)
        {
          guint second = (first + 1 + g_rand_int_range (rand, 0, G_N_ELEMENTS (themes) - 1)) %
                         G_N_ELEMENTS (themes);

          g_array_append_val (per_theme[second], i);
        }
    }
  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      if (ok && per_theme[t]->len > 0)
        ok = eb_coding_store_tag_quotes (store, ids[t], (const guint *) per_theme[t]->data,
                                         per_theme[t]->len, NULL, error);
      g_array_unref (per_theme[t]);
    }
  return ok;
}

static gboolean
add_memos (EbCodingStore  *store,
           guint           n_coded,
           GError        **error)
{
  EbQuoteList *quotes = eb_coding_store_get_quotes (store);
  guint n_quotes = g_list_model_get_n_items (G_LIST_MODEL (quotes));
  guint n_seen = 0;

  for (guint i = 0; i < n_quotes && n_seen < n_coded; i++)
    {
      EbQuote *quote = eb_quote_list_get_quote (quotes, i);

      if (!eb_quote_is_coded (quote))
        continue;
      if (n_seen % QUOTE_MEMO_EVERY == 0 &&
          !eb_coding_store_add_memo (store, EB_MEMO_TARGET_QUOTE, eb_quote_get_row (quote),
                                     (int) eb_quote_get_column (quote),
                                     "Worth quoting in the report: says it plainly.", NULL, error))
        return FALSE;
      if (n_seen % CODING_MEMO_EVERY == 1 &&
          !eb_coding_store_add_memo (store, EB_MEMO_TARGET_CODING,
                                     eb_coding_get_id (eb_quote_get_coding (quote, 0)), -1,
                                     "Borderline: could also be Confidence.", NULL, error))
        return FALSE;
      n_seen++;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  gint64 ids[G_N_ELEMENTS (themes)];
  guint n_rows = argc > 2 ? (guint) atoi (argv[2]) : 100000;
  guint n_coded = argc > 3 ? (guint) atoi (argv[3]) : 20000;

  if (argc < 2 || argc > 4)
    {
      g_printerr ("usage: %s OUT.evalbench [RESPONDENTS] [CODED]\n", argv[0]);
      return 1;
    }
  g_unlink (argv[1]);
  survey = make_survey (n_rows, rand);
  project = eb_project_open (argv[1], &error);
  if (project == NULL || !eb_project_store_survey (project, survey, &error) ||
      (store = eb_coding_store_new (project, survey, NULL, &error)) == NULL)
    goto failed;
  eb_coding_store_set_coder (store, "Bench coder");
  if (!create_codebook (store, ids, &error) ||
      !code_quotes (store, ids, n_coded, rand, &error) ||
      !add_memos (store, n_coded, &error))
    goto failed;
  g_clear_object (&store);
  eb_project_close (project);
  return 0;

failed:
  g_printerr ("%s: %s\n", argv[0], error->message);
  g_unlink (argv[1]);
  return 2;
}
