/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-scale-library"

#include "config.h"

#include <string.h>

#include "scale-library.h"

/* Each level lists its accepted spellings separated by "|", the preferred
 * one first. Variants come from Qualtrics, SurveyMonkey, Microsoft and
 * Google Forms exports and from British and American spelling. */
typedef struct
{
  const char *name;
  const char *levels[8];
} LibraryScale;

static const LibraryScale library[] = {
  { "agreement-4", { "Strongly disagree", "Disagree", "Agree", "Strongly agree" } },
  { "agreement-5", { "Strongly disagree", "Disagree",
                     "Neither agree nor disagree|Neither agree or disagree|Neutral|Neither disagree nor agree|Undecided",
                     "Agree", "Strongly agree" } },
  { "agreement-7", { "Strongly disagree", "Disagree", "Somewhat disagree|Slightly disagree",
                     "Neither agree nor disagree|Neither agree or disagree|Neutral",
                     "Somewhat agree|Slightly agree", "Agree", "Strongly agree" } },
  { "development-4", { "Realise I need to develop much more|Realize I need to develop much more|Realise I need to develop more|Realize I need to develop more",
                       "No change",
                       "Developed somewhat|Somewhat developed",
                       "Strongly developed" } },
  { "change-5", { "Much worse", "Somewhat worse|A little worse|Slightly worse",
                  "About the same|No change|Stayed the same",
                  "Somewhat better|A little better|Slightly better", "Much better" } },
  { "frequency-4", { "Never", "Sometimes", "Often", "Always" } },
  { "frequency-5", { "Never", "Rarely", "Sometimes", "Often|Usually|Most of the time", "Always" } },
  { "satisfaction-5", { "Very dissatisfied", "Dissatisfied|Somewhat dissatisfied",
                        "Neither satisfied nor dissatisfied|Neither satisfied or dissatisfied|Neutral",
                        "Satisfied|Somewhat satisfied", "Very satisfied" } },
  { "quality-4", { "Poor", "Fair", "Good", "Excellent" } },
  { "quality-5", { "Very poor", "Poor", "Fair|Average|Acceptable", "Good", "Excellent|Very good" } },
  { "importance-5", { "Not at all important|Not important", "Slightly important|Of little importance",
                      "Moderately important", "Very important", "Extremely important" } },
  { "likelihood-5", { "Very unlikely|Extremely unlikely", "Unlikely|Somewhat unlikely",
                      "Neither likely nor unlikely|Neutral", "Likely|Somewhat likely",
                      "Very likely|Extremely likely" } },
  { "extent-5", { "Not at all", "To a small extent|A little|Slightly",
                  "To some extent|Somewhat|Moderately", "To a great extent|Quite a lot|Very much|A lot",
                  "To a very great extent|Completely|Extremely" } },
  { "extent-4", { "Not at all", "A little", "Quite a lot|A fair amount", "A great deal|A lot" } },
  { "confidence-5", { "Not at all confident", "Slightly confident", "Somewhat confident|Moderately confident",
                      "Fairly confident|Very confident", "Completely confident|Extremely confident" } },
  { "usefulness-4", { "Not at all useful|Not useful", "Slightly useful|Of little use", "Useful|Quite useful",
                      "Very useful|Extremely useful" } },
  { "yes-no", { "No", "Yes" } },
};

static const char * const non_substantive[] = {
  "Don't know", "Dont know", "Do not know", "Not sure", "Unsure", "N/A", "NA",
  "Not applicable", "Prefer not to say", "Prefer not to answer", "Rather not say",
  "No opinion", "Can't say", "Cannot say", "Not relevant",
};

/* Same folding as EbScale's lookup: case, surrounding space, curly quotes. */
static char *
fold (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr(GString) plain = g_string_new (trimmed);

  g_string_replace (plain, "\u2019", "'", 0);
  g_string_replace (plain, "\u00a0", " ", 0);
  return g_utf8_casefold (plain->str, -1);
}

gboolean
eb_scale_library_is_non_substantive (const char *answer)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (answer != NULL, FALSE);

  folded = fold (answer);
  for (guint i = 0; i < G_N_ELEMENTS (non_substantive); i++)
    {
      g_autofree char *candidate = fold (non_substantive[i]);

      if (strcmp (folded, candidate) == 0)
        return TRUE;
    }
  return FALSE;
}

static guint
count_levels (const LibraryScale *scale)
{
  guint n = 0;

  while (n < G_N_ELEMENTS (scale->levels) && scale->levels[n] != NULL)
    n++;
  return n;
}

/* The level of ANSWER in SCALE, or -1. */
static int
find_level (const LibraryScale *scale,
            const char         *folded_answer)
{
  guint n = count_levels (scale);

  for (guint level = 0; level < n; level++)
    {
      g_auto(GStrv) variants = g_strsplit (scale->levels[level], "|", -1);

      for (guint v = 0; variants[v] != NULL; v++)
        {
          g_autofree char *folded = fold (variants[v]);

          if (strcmp (folded, folded_answer) == 0)
            return (int) level;
        }
    }
  return -1;
}

static EbScale *
build_scale (const LibraryScale *scale,
             const char * const *answers,
             const int          *levels,
             guint               n_answers)
{
  guint n = count_levels (scale);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) flags = g_array_new (FALSE, TRUE, sizeof (gboolean));
  gboolean no = FALSE, yes = TRUE;

  for (guint level = 0; level < n; level++)
    {
      g_auto(GStrv) variants = g_strsplit (scale->levels[level], "|", 2);
      const char *label = variants[0];

      for (guint a = 0; a < n_answers; a++)
        if (levels[a] == (int) level)
          {
            label = answers[a];
            break;
          }
      g_ptr_array_add (labels, g_strstrip (g_strdup (label)));
      g_array_append_val (flags, no);
    }
  for (guint a = 0; a < n_answers; a++)
    if (levels[a] < 0)
      {
        g_ptr_array_add (labels, g_strstrip (g_strdup (answers[a])));
        g_array_append_val (flags, yes);
      }
  return eb_scale_new ((const char * const *) labels->pdata,
                       (const gboolean *) flags->data, labels->len);
}

EbScale *
eb_scale_library_match (const char * const *answers,
                        guint               n_answers)
{
  g_autofree int *levels = NULL;
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  guint n_substantive = 0;

  g_return_val_if_fail (answers != NULL || n_answers == 0, NULL);

  /* More distinct answers than any scale has levels and non-substantive
   * labels: an id, date or open-text column, which must not cost a fold of
   * its thousands of answers. */
  if (n_answers > G_N_ELEMENTS (library[0].levels) + G_N_ELEMENTS (non_substantive))
    return NULL;

  for (guint a = 0; a < n_answers; a++)
    {
      g_ptr_array_add (folded, fold (answers[a]));
      n_substantive += !eb_scale_library_is_non_substantive (answers[a]);
    }
  /* A column of only "N/A" is no scale at all. */
  if (n_substantive == 0)
    return NULL;

  levels = g_new (int, MAX (n_answers, 1));
  /* The library lists a shorter scale before a longer one that contains it,
   * so the first match is the tightest fit. */
  for (guint s = 0; s < G_N_ELEMENTS (library); s++)
    {
      gboolean all = TRUE;

      for (guint a = 0; a < n_answers && all; a++)
        {
          levels[a] = find_level (&library[s], folded->pdata[a]);
          if (levels[a] < 0 && !eb_scale_library_is_non_substantive (answers[a]))
            all = FALSE;
        }
      if (all)
        return build_scale (&library[s], answers, levels, n_answers);
    }
  return NULL;
}
