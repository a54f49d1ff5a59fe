/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-codebook.h"
#include "eb-coding.h"
#include "eb-quote.h"
#include "eb-quote-list.h"
#include "eb-theme.h"

G_BEGIN_DECLS

/* Shared by the coding modules only: EbCodingStore owns every change and
 * applies it, once committed to the project, to the models below through
 * these functions. Nothing else may change a theme, a quote or the
 * codebook. */

struct _EbCoding
{
  gint64    id;
  gint64    theme_id;
  guint     row;
  guint     column;
  int       start;        /* characters */
  int       end;          /* characters, exclusive; -1: to the end */
  char     *coder;
  char     *created;
  gboolean  has_hash;     /* FALSE for codings made before format 2 */
  guint64   answer_hash;  /* eb_answer_hash() of the answer when coded */
};

struct _EbMemo
{
  gint64        id;
  EbMemoTarget  target;
  gint64        target_id;
  int           target_column;  /* -1 unless a quote memo */
  char         *author;
  char         *created;
  char         *modified;
  char         *body;
};

EbCoding   *eb_coding_new                (gint64          id,
                                          gint64          theme_id,
                                          guint           row,
                                          guint           column,
                                          int             start,
                                          int             end,
                                          const char     *coder,
                                          const char     *created,
                                          gboolean        has_hash,
                                          guint64         answer_hash);
EbCoding   *eb_coding_copy_with_theme    (const EbCoding *coding,
                                          gint64          theme_id);
gboolean    eb_coding_same_span          (const EbCoding *a,
                                          const EbCoding *b);
EbMemo     *eb_memo_new                  (gint64          id,
                                          EbMemoTarget    target,
                                          gint64          target_id,
                                          int             target_column,
                                          const char     *author,
                                          const char     *created,
                                          const char     *modified,
                                          const char     *body);
EbMemo     *eb_memo_copy_with            (const EbMemo   *memo,
                                          gint64          target_id,
                                          const char     *modified,
                                          const char     *body);
guint64     eb_answer_hash               (const char     *text);

/* A row of the themes table: what an undo step keeps of a theme. */
typedef struct
{
  gint64        id;
  gint64        parent_id;    /* 0: top level */
  char         *name;
  char         *color;        /* NULL: none */
  char         *description;
  EbThemeLevel  level;
  guint         position;
  gboolean      codable;
} EbThemeRow;

EbThemeRow *eb_theme_row_new             (void);
EbThemeRow *eb_theme_row_copy            (const EbThemeRow *row);
void        eb_theme_row_free            (EbThemeRow     *row);
gboolean    eb_theme_row_equal           (const EbThemeRow *a,
                                          const EbThemeRow *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbThemeRow, eb_theme_row_free)

EbTheme    *eb_theme_new_from_row        (const EbThemeRow *row);
EbThemeRow *eb_theme_dup_row             (EbTheme        *theme);
/* Takes the values of ROW (same id) and notifies what changed. */
void        eb_theme_set_row             (EbTheme        *theme,
                                          const EbThemeRow *row);
void        eb_theme_set_parent          (EbTheme        *theme,
                                          EbTheme        *parent);
GListStore *eb_theme_get_children_store  (EbTheme        *theme);

EbCodebook *eb_codebook_new              (void);
/* Between begin and end, rows are applied one by one in the order they
 * were written to the project; end puts the children of every touched
 * theme in order with precise items-changed, then notifies. */
void        eb_codebook_begin_changes    (EbCodebook     *self);
void        eb_codebook_apply_row        (EbCodebook     *self,
                                          const EbThemeRow *before,
                                          const EbThemeRow *after);
void        eb_codebook_end_changes      (EbCodebook     *self);
/* Whether ID is ANCESTOR_ID or lies under it. */
gboolean    eb_codebook_is_within        (EbCodebook     *self,
                                          gint64          id,
                                          gint64          ancestor_id);

EbQuote    *eb_quote_new                 (EbSurvey       *survey,
                                          EbCodebook     *codebook,
                                          guint           index,
                                          guint           row,
                                          guint           column,
                                          const char     *respondent);
/* Keeps the codings in order of id. */
void        eb_quote_add_coding          (EbQuote        *quote,
                                          EbCoding       *coding);
gboolean    eb_quote_remove_coding       (EbQuote        *quote,
                                          gint64          coding_id);
void        eb_quote_notify_themes       (EbQuote        *quote);

EbQuoteList *eb_quote_list_new           (EbSurvey       *survey,
                                          EbCodebook     *codebook);
/* Collects quotes whose codings or theme names changed; flush emits one
 * items-changed per run of neighbouring quotes and notifies "themes". */
void        eb_quote_list_mark_changed   (EbQuoteList    *self,
                                          guint           index);
void        eb_quote_list_flush          (EbQuoteList    *self);

G_END_DECLS
