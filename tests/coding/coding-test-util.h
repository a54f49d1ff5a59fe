/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-coding-store.h"

G_BEGIN_DECLS

/* The fixture survey of the coding tests: 12 respondents ("R01"…"R12"),
 * a programme (rows 0-4 "1CN", 5-10 "1CN2", row 11 none), a gender, one
 * Likert item on the paper's development scale plus "Don't know", and two
 * open questions; 16 quotes (column 4: rows 0-9, column 5: rows 0, 2, 4,
 * 6, 8, 10). Row 0's first answer has multibyte text (see TEXT_R0). */
#define COL_ID          0
#define COL_PROGRAMME   1
#define COL_GENDER      2
#define COL_CONFIDENCE  3
#define COL_F2F         4
#define COL_PEER        5

/* 34 characters, 42 bytes: "sharing ideas" is characters 13-26, bytes
 * 18-31; the emoji is character 27, bytes 32-35. */
#define TEXT_R0 "Café – we’re sharing ideas 👍 daily"

EbSurvey      *make_fixture_survey     (void);

/* The codebook populate() makes, by index into Fixture.themes. */
enum {
  DISCUSS,    /* "Discuss and share" */
  IDEAS,      /* "Sharing ideas", under DISCUSS */
  PROBLEMS,   /* "Common problems", under DISCUSS */
  CONFIDENCE, /* "Confidence" */
  SAFE,       /* "Safe space" */
  N_THEMES
};

typedef struct
{
  char           *dir;
  char           *path;
  EbProject      *project;
  EbSurvey       *survey;
  EbCodingStore  *store;
  gint64          themes[N_THEMES];   /* after populate() */
} Fixture;

/* A project in a new temporary folder holding the fixture survey, and its
 * coding store with the coder "Ada". */
void            fixture_set_up          (Fixture        *fixture,
                                         gconstpointer   data);
void            fixture_tear_down       (Fixture        *fixture,
                                         gconstpointer   data);
/* Creates the five themes and codes whole answers, by quote index:
 *   0: Sharing ideas, Common problems   1: Sharing ideas   2: Confidence
 *   3: Discuss and share, Confidence    5: Safe space      6: Common problems
 *   8: Sharing ideas, Safe space       10: Confidence     11: Sharing ideas
 *  13: Confidence, Safe space          15: Common problems
 * Clears the undo stack afterwards. */
void            populate                (Fixture        *fixture);
/* Closes and reopens the project and a new store (the survey is read back
 * from the project). */
void            fixture_reopen          (Fixture        *fixture);

/* Every row of the themes, codings, memos and diagram_nodes tables, with
 * every column, in id order: what "exactly the same state" means. */
char           *dump_database           (EbProject      *project);
/* The same seen through the models: the codebook tree depth first with
 * every property and parent, and every quote's codings. */
char           *dump_models             (EbCodingStore  *store);
/* The store's models must equal those of a store freshly loaded from the
 * project. */
void            assert_models_match_file (EbCodingStore *store);

gint64          count_rows              (EbProject      *project,
                                         const char     *sql);
char           *query_text              (EbProject      *project,
                                         const char     *sql);
void            exec_sql                (EbProject      *project,
                                         const char     *sql);

/* Creates a theme and returns its id (asserting success). */
gint64          add_theme               (EbCodingStore  *store,
                                         gint64          parent_id,
                                         const char     *name);
/* Tags the whole answer of quote INDEX. */
gint64          tag_quote               (EbCodingStore  *store,
                                         gint64          theme_id,
                                         guint           index);

G_END_DECLS
