/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writes a survey-shaped workbook for the import benchmark: ROWS respondents
 * x 30 columns (respondent id, 7 categorical attributes, 20 Likert items as
 * text labels, 2 open answers of about 120 characters). Some answers are
 * missing, as in a real export. The output is the same for the same ROWS.
 *
 *   make-survey-xlsx [--rows N] [--inline] OUT.xlsx
 *
 * By default strings go to the shared string table, as Excel writes them;
 * --inline uses libxlsxwriter's constant_memory mode, which writes every
 * string inline in the sheet (<c t="inlineStr"><is><t>…</t></is></c>).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#define N_ATTRIBUTES 7
#define N_ITEMS      20
#define N_OPEN       2

#define N_ELEMENTS(array) (sizeof (array) / sizeof (array)[0])

static const char *levels[] = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
};

static const char *attribute_names[N_ATTRIBUTES] = {
  "Programme", "Gender", "Role", "Phase", "Region", "Years in teaching", "Wave",
};

static const char *attribute_values[N_ATTRIBUTES][6] = {
  { "1CN", "1CN2", "2CN", "2CN2", "PGCE", "MA Ed" },
  { "Female", "Male", "Non-binary", "Prefer not to say", NULL },
  { "Teacher", "Head of department", "Teaching assistant", "Senior leader", NULL },
  { "Primary", "Secondary", "Post-16", NULL },
  { "North", "Midlands", "South West", "London", "East", NULL },
  { "0-2", "3-5", "6-10", "11-20", "Over 20", NULL },
  { "Baseline", "Follow-up", NULL },
};

static const char *open_names[N_OPEN] = {
  "What did you like most?", "What should we improve?",
};

static const char *phrases[] = {
  "the practical exercises were the most useful part of the programme",
  "working with colleagues from other schools gave me new ideas",
  "the trainer's enthusiasm kept everyone engaged",
  "too much theory and not enough time to practise in class",
  "the Friday sessions often ran late and clashed with pick-up",
  "more time for questions, please, especially after the long sessions",
  "clear structure and good examples that I could use the next day",
  "the online platform was slow at times and hard to find things on",
};

/* A small deterministic generator: the same file on every machine. */
static uint64_t state = 0x2024;

static uint32_t
next_random (void)
{
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t) (state >> 33);
}

static unsigned
pick (unsigned n)
{
  return next_random () % n;
}

static unsigned
count_values (const char **values)
{
  unsigned n = 0;

  while (n < 6 && values[n] != NULL)
    n++;
  return n;
}

/* About 120 characters: two phrases joined, and a detail that makes
 * nearly every answer different, as real answers are. */
static void
make_open_answer (char   *buffer,
                  size_t  size)
{
  const char *first = phrases[pick (N_ELEMENTS (phrases))];
  const char *second = phrases[pick (N_ELEMENTS (phrases))];

  snprintf (buffer, size, "%c%s; %s (week %u).", first[0] - 'a' + 'A', first + 1, second,
            1 + pick (5000));
}

static int
write_survey (const char *path,
              unsigned    rows,
              int         inline_strings)
{
  lxw_workbook_options options = { .constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet;
  lxw_col_t col = 0;
  char text[256];

  if (workbook == NULL)
    return 1;
  sheet = workbook_add_worksheet (workbook, "Responses");

  worksheet_write_string (sheet, 0, col++, "Respondent ID", NULL);
  for (unsigned a = 0; a < N_ATTRIBUTES; a++)
    worksheet_write_string (sheet, 0, col++, attribute_names[a], NULL);
  for (unsigned i = 0; i < N_ITEMS; i++)
    {
      snprintf (text, sizeof text, "Q%u. Statement %u about the programme", i + 1, i + 1);
      worksheet_write_string (sheet, 0, col++, text, NULL);
    }
  for (unsigned o = 0; o < N_OPEN; o++)
    worksheet_write_string (sheet, 0, col++, open_names[o], NULL);

  for (unsigned r = 1; r <= rows; r++)
    {
      int leaning = (int) pick (4);

      col = 0;
      worksheet_write_number (sheet, r, col++, 100000 + r, NULL);
      for (unsigned a = 0; a < N_ATTRIBUTES; a++)
        worksheet_write_string (sheet, r, col++,
                                attribute_values[a][pick (count_values (attribute_values[a]))],
                                NULL);
      for (unsigned i = 0; i < N_ITEMS; i++, col++)
        {
          int level = leaning + (int) pick (3) - 1;

          if (pick (100) < 3)
            continue;
          level = level < 0 ? 0 : level > 4 ? 4 : level;
          worksheet_write_string (sheet, r, col, levels[level], NULL);
        }
      for (unsigned o = 0; o < N_OPEN; o++, col++)
        {
          if (pick (10) < 2)
            continue;
          make_open_answer (text, sizeof text);
          worksheet_write_string (sheet, r, col, text, NULL);
        }
    }

  return workbook_close (workbook) == LXW_NO_ERROR ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  unsigned rows = 100000;
  int inline_strings = 0;
  const char *path = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--rows") == 0 && i + 1 < argc)
        rows = (unsigned) strtoul (argv[++i], NULL, 10);
      else if (strcmp (argv[i], "--inline") == 0)
        inline_strings = 1;
      else if (path == NULL && argv[i][0] != '-')
        path = argv[i];
      else
        {
          path = NULL;
          break;
        }
    }
  if (path == NULL || rows == 0 || rows > 1048575)
    {
      fprintf (stderr, "usage: make-survey-xlsx [--rows N] [--inline] OUT.xlsx\n");
      return 2;
    }
  if (write_survey (path, rows, inline_strings) != 0)
    {
      fprintf (stderr, "make-survey-xlsx: cannot write %s\n", path);
      return 1;
    }
  return 0;
}
