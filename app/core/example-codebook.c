/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "example-codebook"

#include "config.h"

#include <string.h>

#include "example-codebook.h"

#define EXAMPLE_CODER "Evalbench example"

typedef struct
{
  const char    *name;
  const char    *parent;       /* NULL: top level */
  const char    *color;        /* ColorBrewer Dark2 for themes, Set2 beside them */
  EbThemeLevel   level;
  const char    *description;
} ExampleTheme;

typedef struct
{
  guint        participant;  /* as the paper cites it */
  const char  *text;         /* as the paper quotes it */
  const char  *theme;
} ExampleQuote;

typedef struct
{
  const char  *phrase;       /* ASCII, matched without regard to case */
  const char  *theme;
} ExamplePhrase;

/* Definitions written from the Findings and Discussion of the paper; the
 * counts are the paper's. */
static const ExampleTheme themes[] = {
  { "A supportive atmosphere", NULL, "#1b9e77", EB_THEME_LEVEL_SELECTIVE,
    "TAs felt supported on the programme: by colleagues on the same course and those who "
    "had completed it, by other staff at school, and by their “master practitioner” "
    "mentors, the Link Teacher and NC teacher. Include any answer about working "
    "collaboratively or being helped. Exclude the reassurance of not being alone, which "
    "belongs to “Increased confidence and reassurance”." },
  { "An opportunity to discuss and share", NULL, "#d95f02", EB_THEME_LEVEL_SELECTIVE,
    "The advantages of discussing issues and sharing experiences with colleagues from "
    "their own and other schools (214 responses in the paper): asking questions, hearing "
    "how the programme goes elsewhere, debating practice and getting guidance on what to "
    "improve. Code a sub-theme when the answer says what was discussed or shared; use this "
    "theme for discussion and sharing in general." },
  { "Peer discussions of common problems and possible solutions",
    "An opportunity to discuss and share", "#e6ab02", EB_THEME_LEVEL_AXIAL,
    "Discussing difficulties met or foreseen in delivering the intervention and finding "
    "solutions together, including “potential pitfalls when delivering the sessions” and "
    "hearing back from other schools about what works well or not so well. Exclude "
    "relief at sharing problems (see “Not alone”)." },
  { "Sharing ideas", "An opportunity to discuss and share", "#a6761d",
    EB_THEME_LEVEL_AXIAL,
    "Gaining and swapping ideas, tips, strategies and resources for teaching the "
    "intervention, “bouncing ideas off each other”, including ideas for particular "
    "mathematics such as subtraction and simpler, more effective ways to teach. Exclude "
    "trying the ideas out in the session (see “A safe space to test teaching plans and "
    "resources”)." },
  { "Self-reflection", "An opportunity to discuss and share", "#fc8d62",
    EB_THEME_LEVEL_AXIAL,
    "Evaluating and reflecting on one’s own practice and professional position, prompted "
    "by discussion with peers. Include taking stock of what is going well and what to "
    "improve; exclude reassurance that one is doing it right (see “Increased confidence "
    "and reassurance”)." },
  { "Increased confidence and reassurance", NULL, "#7570b3", EB_THEME_LEVEL_SELECTIVE,
    "Explicit claims that the sessions or peer support increased confidence that the TA "
    "was implementing the training well, or reassured them that what they did was correct "
    "(16 claims in the paper). Exclude general praise that mentions neither confidence nor "
    "reassurance." },
  { "Not alone", "Increased confidence and reassurance", "#8da0cb", EB_THEME_LEVEL_AXIAL,
    "The emotional side of support: feeling comforted, less isolated, and reassured that "
    "others face the same problems, both negative and positive. Include “we are not "
    "alone” and “don’t feel so isolated”." },
  { "Motivation and enthusiasm", "Increased confidence and reassurance", "#e5c494",
    EB_THEME_LEVEL_AXIAL,
    "Renewed enthusiasm and motivation for mathematics and for delivering the "
    "intervention, which the paper sees as the empowerment that follows confidence. "
    "Include passion for maths teaching; code confidence alone under the parent theme." },
  { "A safe space to test teaching plans and resources", NULL, "#e7298a",
    EB_THEME_LEVEL_SELECTIVE,
    "The chance to try out lessons, games, activities and resources in the group before "
    "using them with pupils, which prepared TAs for better practice and made them more "
    "confident (25 participants in the paper). Include practising and adapting activities "
    "in the session; exclude only hearing about resources (see “Sharing ideas”)." },
  { "Improved practice in the classroom", NULL, "#66a61e", EB_THEME_LEVEL_OPEN,
    "How the training was applied back at school: better delivery of the sessions, "
    "methods transferred to the children, and knowledge passed on to other staff. The "
    "paper reports these among the general perceptions, and its Figure 1 ends with "
    "improved practice. Exclude gains in the TA’s own confidence." },
};

static const ExampleQuote quotes[] = {
  /* The general perceptions of the face-to-face sessions. */
  { 117, "Open discussions have helped with the delivery of sessions back at school",
    "Improved practice in the classroom" },
  { 213, "Being shown face-to-face how the program works has helped me to transfer the "
    "methods to the children within the group", "Improved practice in the classroom" },
  { 216, "I have been able to share my knowledge with other members of staff through "
    "staff meetings etc", "Improved practice in the classroom" },
  /* A supportive atmosphere. */
  { 114, "Excellent peer support from my colleagues, both those on the same course and "
    "those who have previously completed it", "A supportive atmosphere" },
  { 330, "Support from other staff has helped me to plan and deliver the lesson better",
    "A supportive atmosphere" },
  { 138, "Link Teacher very supportive - work together to keep training on track and "
    "improve sessions", "A supportive atmosphere" },
  { 348, "Having Link Teacher at some training sessions made it easier to implement at "
    "school because someone to fight for importance", "A supportive atmosphere" },
  /* An opportunity to discuss and share. */
  { 8, "Really useful - sessions allowed us to hear back from other schools and discuss "
    "how things were working well (or not so well)",
    "Peer discussions of common problems and possible solutions" },
  { 48, "Chance to evaluate and reflect", "Self-reflection" },
  { 163, "Great to share tips and strategies with others and to discuss solutions to "
    "problems encountered", "Peer discussions of common problems and possible solutions" },
  { 56, "Have gained so many ideas for how to approach subtraction in the future",
    "Sharing ideas" },
  { 224, "Lovely to hear other people's stories and swap useful ideas re strategies and "
    "resources", "Sharing ideas" },
  { 290, "Able to teach in more simple but effective ways", "Sharing ideas" },
  /* Increased confidence and reassurance. */
  { 8, "Peer support is excellent it really helps to build confidence and helps you "
    "realize you are not the only one with the same issues",
    "Increased confidence and reassurance" },
  { 291, "Reinforcing what I am doing is correct", "Increased confidence and reassurance" },
  { 5, "Great to discuss and realize we are not alone and others are facing similar "
    "situations both negative and positive", "Not alone" },
  { 249, "Much easier to discuss problems or ideas within a group with tutor as don't feel "
    "so isolated", "Not alone" },
  { 36, "Increased enthusiasm and confidence in maths", "Motivation and enthusiasm" },
  { 56, "Wonderful to see the passion for maths teaching", "Motivation and enthusiasm" },
  { 241, "Good to hear how the course is for other TAs, good to share, acquire new ideas, "
    "to help the children, motivating", "Motivation and enthusiasm" },
  /* A safe space to test teaching plans and resources. */
  { 212, "By working in a group it’s good to try the lessons out first and then you are "
    "more confident when delivering them in school",
    "A safe space to test teaching plans and resources" },
  { 216, "Being able to discuss different ways of adapting activities and trying out "
    "resources before taking them into the classroom",
    "A safe space to test teaching plans and resources" },
};

/* Phrases the paper quotes in its text, from several participants. */
static const ExamplePhrase phrases[] = {
  { "worked collaboratively with colleagues", "A supportive atmosphere" },
  { "potential pitfalls when delivering the sessions",
    "Peer discussions of common problems and possible solutions" },
  { "bouncing ideas off each other", "Sharing ideas" },
  { "not alone", "Not alone" },
  { "try out resources", "A safe space to test teaching plans and resources" },
  { "try out lessons practically", "A safe space to test teaching plans and resources" },
};

/* Text as a reader compares it: apostrophes alike, runs of white space as
 * one space, without regard to case. */
static char *
normalize (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *folded = NULL;
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c == 0x2019 || c == 0x2018 ? '\'' : c);
    }
  folded = g_utf8_casefold (out->str, -1);
  return g_steal_pointer (&folded);
}

static EbTheme *
find_theme (EbCodingStore  *store,
            const char     *name,
            GError        **error)
{
  EbTheme *theme = eb_codebook_find_theme (eb_coding_store_get_codebook (store), name);

  if (theme == NULL)
    g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_THEME,
                 "The example codebook has no theme “%s”", name);
  return theme;
}

/* The quote of PARTICIPANT with TEXT; any quote with TEXT if the survey
 * has moved it to another row. */
static EbQuote *
find_quote (EbQuoteList         *list,
            const ExampleQuote  *wanted,
            GError             **error)
{
  g_autofree char *text = normalize (wanted->text);
  g_autofree char *participant = g_strdup_printf ("%u", wanted->participant);
  EbQuote *found = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      EbQuote *quote = eb_quote_list_get_quote (list, i);
      g_autofree char *candidate = normalize (eb_quote_get_text (quote));

      if (strcmp (candidate, text) != 0)
        continue;
      if (strcmp (eb_quote_get_respondent (quote), participant) == 0)
        return quote;
      if (found == NULL)
        found = quote;
    }
  if (found == NULL)
    g_set_error (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
                 "The survey has no answer “%s” (Participant %u in the paper)",
                 wanted->text, wanted->participant);
  return found;
}

static gboolean
create_themes (EbCodingStore  *store,
               GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      const ExampleTheme *theme = &themes[i];
      gint64 parent_id = 0;

      if (theme->parent != NULL)
        {
          EbTheme *parent = find_theme (store, theme->parent, error);

          if (parent == NULL)
            return FALSE;
          parent_id = eb_theme_get_id (parent);
        }
      if (!eb_coding_store_create_theme (store, parent_id, theme->name, theme->color,
                                         theme->description, theme->level, TRUE, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
code_quotes (EbCodingStore  *store,
             GError        **error)
{
  EbQuoteList *list = eb_coding_store_get_quotes (store);

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      EbTheme *theme = find_theme (store, quotes[i].theme, error);
      EbQuote *quote;

      if (theme == NULL || (quote = find_quote (list, &quotes[i], error)) == NULL ||
          !eb_coding_store_tag (store, eb_theme_get_id (theme), eb_quote_get_row (quote),
                                eb_quote_get_column (quote), 0, -1, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Every occurrence of each phrase, as a span; the whole answer when the
 * phrase is all of it. Quotes that already have the theme keep just that. */
static gboolean
code_phrases (EbCodingStore  *store,
              GError        **error)
{
  EbQuoteList *list = eb_coding_store_get_quotes (store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint p = 0; p < G_N_ELEMENTS (phrases); p++)
    {
      EbTheme *theme = find_theme (store, phrases[p].theme, error);
      gsize length = strlen (phrases[p].phrase);

      if (theme == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          EbQuote *quote = eb_quote_list_get_quote (list, i);
          const char *text = eb_quote_get_text (quote);
          /* ASCII lower case keeps every byte where it was. */
          g_autofree char *lower = g_ascii_strdown (text, -1);
          g_autofree char *trimmed = g_strstrip (g_strdup (lower));
          const char *at = strstr (lower, phrases[p].phrase);
          gsize start;

          if (at == NULL || eb_quote_has_theme (quote, eb_theme_get_id (theme), FALSE))
            continue;
          start = (gsize) (at - lower);
          if ((strlen (trimmed) == length || (strlen (trimmed) == length + 1 &&
                                              trimmed[length] == '.')) &&
              g_str_has_prefix (trimmed, phrases[p].phrase))
            {
              if (!eb_coding_store_tag (store, eb_theme_get_id (theme), eb_quote_get_row (quote),
                                        eb_quote_get_column (quote), 0, -1, NULL, error))
                return FALSE;
            }
          else if (!eb_coding_store_tag_bytes (store, eb_theme_get_id (theme),
                                               eb_quote_get_row (quote),
                                               eb_quote_get_column (quote),
                                               start, start + length, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
eb_example_codebook_seed (EbCodingStore  *store,
                          GError        **error)
{
  g_return_val_if_fail (EB_IS_CODING_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return create_themes (store, error) &&
         code_quotes (store, error) &&
         code_phrases (store, error);
}

gboolean
eb_example_codebook_seed_project (EbProject  *project,
                                  GError    **error)
{
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  survey = eb_project_load_survey (project, &local_error);
  if (survey == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, EB_CODING_ERROR, EB_CODING_ERROR_NO_SUCH_QUOTE,
                             "The project has no survey to code");
      return FALSE;
    }
  store = eb_coding_store_new (project, survey, NULL, error);
  if (store == NULL)
    return FALSE;
  eb_coding_store_set_coder (store, EXAMPLE_CODER);
  return eb_example_codebook_seed (store, error);
}
