/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "eb-codebook.h"
#include "eb-coding.h"
#include "eb-project.h"
#include "eb-quote-list.h"
#include "eb-survey.h"
#include "eb-undo-stack.h"

G_BEGIN_DECLS

#define EB_TYPE_CODING_STORE (eb_coding_store_get_type ())
G_DECLARE_FINAL_TYPE (EbCodingStore, eb_coding_store, EB, CODING_STORE, GObject)

/* The coding of a project's quotes: its codebook, its codings and memos,
 * and the quotes they apply to, kept in the project file.
 *
 * Every action below is one SQLite transaction with its audit row (who:
 * the "coder"), committed before the call returns, and one step on the
 * undo stack; undoing and redoing a step are transactions with audit rows
 * too ("undo: tag"), and put back exactly what was there, ids and
 * positions included, so that anything that refers to a theme, a coding
 * or a memo by id still finds it. An action that would change nothing
 * (renaming a theme to its own name) succeeds without a step. Errors are
 * EB_CODING_ERROR for what the user asked (with a message that says what
 * is wrong) and EB_PROJECT_ERROR when the project cannot be written; then
 * nothing has changed, in the file or in memory. */

/* Loads the codebook and codings of PROJECT for SURVEY (the project's
 * survey, as eb_project_load_survey returns it). UNDO_STACK may be NULL
 * for a stack of its own, or the window's stack shared with other
 * editors. */
EbCodingStore *eb_coding_store_new              (EbProject      *project,
                                                 EbSurvey       *survey,
                                                 EbUndoStack    *undo_stack,
                                                 GError        **error);

EbProject     *eb_coding_store_get_project      (EbCodingStore  *self);
EbSurvey      *eb_coding_store_get_survey       (EbCodingStore  *self);
EbCodebook    *eb_coding_store_get_codebook     (EbCodingStore  *self);
EbQuoteList   *eb_coding_store_get_quotes       (EbCodingStore  *self);
EbUndoStack   *eb_coding_store_get_undo_stack   (EbCodingStore  *self);

/* Who codes: recorded with each coding and memo and in the audit trail.
 * The GUI sets it from the preferences; by default the user's real name. */
const char    *eb_coding_store_get_coder        (EbCodingStore  *self);
void           eb_coding_store_set_coder        (EbCodingStore  *self,
                                                 const char     *coder);

/* ---- The codebook ---- */

/* A new theme, last among the children of PARENT_ID (0: top level).
 * COLOR is "#rrggbb" or NULL; DESCRIPTION may be NULL. */
gboolean       eb_coding_store_create_theme     (EbCodingStore  *self,
                                                 gint64          parent_id,
                                                 const char     *name,
                                                 const char     *color,
                                                 const char     *description,
                                                 EbThemeLevel    level,
                                                 gboolean        codable,
                                                 gint64         *id,
                                                 GError        **error);
gboolean       eb_coding_store_rename_theme     (EbCodingStore  *self,
                                                 gint64          id,
                                                 const char     *name,
                                                 GError        **error);
gboolean       eb_coding_store_set_theme_color  (EbCodingStore  *self,
                                                 gint64          id,
                                                 const char     *color,
                                                 GError        **error);
gboolean       eb_coding_store_set_theme_description (EbCodingStore *self,
                                                 gint64          id,
                                                 const char     *description,
                                                 GError        **error);
gboolean       eb_coding_store_set_theme_level  (EbCodingStore  *self,
                                                 gint64          id,
                                                 EbThemeLevel    level,
                                                 GError        **error);
/* A theme with codings of its own cannot become a group. */
gboolean       eb_coding_store_set_theme_codable (EbCodingStore *self,
                                                 gint64          id,
                                                 gboolean        codable,
                                                 GError        **error);
/* Moves ID to be child POSITION of PARENT_ID (0: top level); POSITION
 * beyond the end (G_MAXUINT) puts it last. Reorders and nests. */
gboolean       eb_coding_store_move_theme       (EbCodingStore  *self,
                                                 gint64          id,
                                                 gint64          parent_id,
                                                 guint           position,
                                                 GError        **error);
/* SOURCE's codings move to TARGET (a coding TARGET already has, by the
 * same coder on the same span, absorbs its twin), and so do its
 * sub-themes, memos and diagram nodes; then SOURCE is deleted. */
gboolean       eb_coding_store_merge_themes     (EbCodingStore  *self,
                                                 gint64          source_id,
                                                 gint64          target_id,
                                                 GError        **error);
/* Deletes the theme, its sub-themes, their codings and memos. */
gboolean       eb_coding_store_delete_theme     (EbCodingStore  *self,
                                                 gint64          id,
                                                 GError        **error);

/* ---- Coding ---- */

/* Ties THEME_ID to the answer of ROW and COLUMN: the whole answer when
 * START is 0 and END is -1, else characters START to END (exclusive),
 * which must lie within the answer. */
gboolean       eb_coding_store_tag              (EbCodingStore  *self,
                                                 gint64          theme_id,
                                                 guint           row,
                                                 guint           column,
                                                 int             start,
                                                 int             end,
                                                 gint64         *id,
                                                 GError        **error);
/* The same with byte offsets (as Pango and GtkTextBuffer's byte-index
 * API give them), which must fall on character boundaries. */
gboolean       eb_coding_store_tag_bytes        (EbCodingStore  *self,
                                                 gint64          theme_id,
                                                 guint           row,
                                                 guint           column,
                                                 gsize           start,
                                                 gsize           end,
                                                 gint64         *id,
                                                 GError        **error);
/* Tags whole answers, by quote index, in one step; quotes this coder has
 * already tagged whole with the theme are left as they are. N_TAGGED
 * (may be NULL) receives how many were tagged. */
gboolean       eb_coding_store_tag_quotes       (EbCodingStore  *self,
                                                 gint64          theme_id,
                                                 const guint    *indices,
                                                 guint           n_indices,
                                                 guint          *n_tagged,
                                                 GError        **error);
/* The number keys: when every quote has the theme on its whole answer
 * from this coder, removes those codings; else tags the others. One
 * step. TAGGED (may be NULL) tells which it did. */
gboolean       eb_coding_store_toggle_quotes    (EbCodingStore  *self,
                                                 gint64          theme_id,
                                                 const guint    *indices,
                                                 guint           n_indices,
                                                 gboolean       *tagged,
                                                 GError        **error);
/* Removes codings (and the memos on them), in one step. */
gboolean       eb_coding_store_untag            (EbCodingStore  *self,
                                                 gint64          coding_id,
                                                 GError        **error);
gboolean       eb_coding_store_untag_many       (EbCodingStore  *self,
                                                 const gint64   *coding_ids,
                                                 guint           n_ids,
                                                 GError        **error);

EbCoding      *eb_coding_store_get_coding       (EbCodingStore  *self,
                                                 gint64          id);
guint          eb_coding_store_get_n_codings    (EbCodingStore  *self);
/* The codings of one theme (not of its sub-themes), by id. */
GPtrArray     *eb_coding_store_dup_theme_codings (EbCodingStore *self,
                                                 gint64          theme_id);

/* ---- Memos ---- */

/* TARGET_ID and TARGET_COLUMN as eb-coding.h describes for each target;
 * the target must exist. */
gboolean       eb_coding_store_add_memo         (EbCodingStore  *self,
                                                 EbMemoTarget    target,
                                                 gint64          target_id,
                                                 int             target_column,
                                                 const char     *body,
                                                 gint64         *id,
                                                 GError        **error);
gboolean       eb_coding_store_edit_memo        (EbCodingStore  *self,
                                                 gint64          id,
                                                 const char     *body,
                                                 GError        **error);
gboolean       eb_coding_store_delete_memo      (EbCodingStore  *self,
                                                 gint64          id,
                                                 GError        **error);
/* The memos on one target, oldest first. */
GPtrArray     *eb_coding_store_list_memos       (EbCodingStore  *self,
                                                 EbMemoTarget    target,
                                                 gint64          target_id,
                                                 int             target_column,
                                                 GError        **error);
EbMemo        *eb_coding_store_get_memo         (EbCodingStore  *self,
                                                 gint64          id,
                                                 GError        **error);

/* ---- Codings that no longer fit the survey ---- */

typedef enum {
  EB_CODING_PROBLEM_NO_ROW,          /* the survey has fewer rows now */
  EB_CODING_PROBLEM_NO_COLUMN,       /* … or fewer columns */
  EB_CODING_PROBLEM_NOT_OPEN_TEXT,   /* the column is no longer open text */
  EB_CODING_PROBLEM_EMPTY_ANSWER,    /* the answer is empty now */
  EB_CODING_PROBLEM_TEXT_CHANGED,    /* the answer is not the one coded */
  EB_CODING_PROBLEM_SPAN_OUTSIDE,    /* the span runs past the answer */
} EbCodingProblemKind;

typedef struct {
  EbCoding            *coding;
  EbCodingProblemKind  kind;
  char                *message;   /* names the theme, respondent and question */
} EbCodingProblem;

void           eb_coding_problem_free           (EbCodingProblem *problem);

/* After a re-import has replaced the survey (eb_project_store_survey),
 * some codings may refer to answers that are gone or different. They are
 * kept, never deleted behind the user's back: this lists them, by coding
 * id (an empty array when all is well), for the user to review and remove
 * with eb_coding_store_untag_many. A coding on a changed text that still
 * fits it stays on its quote; the others are on no quote until the survey
 * has their answer again. */
GPtrArray     *eb_coding_store_find_invalid_codings (EbCodingStore *self);

G_END_DECLS
