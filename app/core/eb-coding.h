/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The values of quote coding: a coding ties a theme to a whole answer or to
 * a span of it; a memo is a note on the project, a theme, a quote, a
 * respondent or a coding. Both are immutable snapshots of a row of the
 * project: a change makes a new value, so an undo step can keep the old one
 * and put it back exactly.
 *
 * Spans are in characters, that is Unicode code points as g_utf8_strlen()
 * and GtkTextIter count them, so that they do not depend on how the text is
 * encoded; eb_utf8_chars_to_bytes() and eb_utf8_bytes_to_chars() convert
 * for Pango, which wants byte indices. */

#define EB_CODING_ERROR (eb_coding_error_quark ())

typedef enum {
  EB_CODING_ERROR_NO_SUCH_THEME,    /* no theme with that id or name */
  EB_CODING_ERROR_NO_SUCH_QUOTE,    /* no non-empty open-text answer there */
  EB_CODING_ERROR_NO_SUCH_CODING,
  EB_CODING_ERROR_NO_SUCH_MEMO,
  EB_CODING_ERROR_INVALID_SPAN,     /* a span outside the answer, or empty */
  EB_CODING_ERROR_INVALID_NAME,     /* an empty theme name */
  EB_CODING_ERROR_DUPLICATE_NAME,   /* theme names are unique */
  EB_CODING_ERROR_INVALID_COLOR,    /* not "#rrggbb" */
  EB_CODING_ERROR_NOT_CODABLE,      /* a group: it holds themes, not quotes */
  EB_CODING_ERROR_ALREADY_CODED,    /* the same coder, theme and span */
  EB_CODING_ERROR_INVALID_MOVE,     /* a theme under itself, or merged into itself */
  EB_CODING_ERROR_CONFLICT,         /* the project changed behind the codebook */
  EB_CODING_ERROR_CLOSED,           /* the coding store is gone */
} EbCodingError;

GQuark        eb_coding_error_quark       (void);

/* ---- Codings ---- */

typedef struct _EbCoding EbCoding;

#define EB_TYPE_CODING (eb_coding_get_type ())
GType         eb_coding_get_type          (void) G_GNUC_CONST;

EbCoding     *eb_coding_ref               (EbCoding    *coding);
void          eb_coding_unref             (EbCoding    *coding);

gint64        eb_coding_get_id            (const EbCoding *coding);
gint64        eb_coding_get_theme_id      (const EbCoding *coding);
/* The survey row (0-based) and column of the answer. */
guint         eb_coding_get_row           (const EbCoding *coding);
guint         eb_coding_get_column        (const EbCoding *coding);
/* Characters; END is -1 when the span runs to the end of the answer. */
int           eb_coding_get_start         (const EbCoding *coding);
int           eb_coding_get_end           (const EbCoding *coding);
/* TRUE when the coding is the whole answer (start 0, end -1). */
gboolean      eb_coding_is_whole          (const EbCoding *coding);
const char   *eb_coding_get_coder         (const EbCoding *coding);
/* ISO 8601, UTC. */
const char   *eb_coding_get_created       (const EbCoding *coding);
/* The span in TEXT (the coded answer) as byte offsets, END exclusive, for
 * Pango attributes. FALSE when the span does not fit TEXT. */
gboolean      eb_coding_get_byte_range    (const EbCoding *coding,
                                           const char     *text,
                                           gsize          *start,
                                           gsize          *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbCoding, eb_coding_unref)

/* ---- Memos ---- */

typedef enum {
  EB_MEMO_TARGET_PROJECT,     /* the whole project; no target id */
  EB_MEMO_TARGET_THEME,       /* target id: the theme's id */
  EB_MEMO_TARGET_QUOTE,       /* target id: the row; target column: the column */
  EB_MEMO_TARGET_RESPONDENT,  /* target id: the row */
  EB_MEMO_TARGET_CODING,      /* target id: the coding's id */
} EbMemoTarget;

/* The names stored in the project ("project", "theme", "quote", "row",
 * "coding"). */
const char   *eb_memo_target_to_string    (EbMemoTarget  target);
gboolean      eb_memo_target_from_string  (const char   *name,
                                           EbMemoTarget *target);

typedef struct _EbMemo EbMemo;

#define EB_TYPE_MEMO (eb_memo_get_type ())
GType         eb_memo_get_type            (void) G_GNUC_CONST;

EbMemo       *eb_memo_ref                 (EbMemo       *memo);
void          eb_memo_unref               (EbMemo       *memo);

gint64        eb_memo_get_id              (const EbMemo *memo);
EbMemoTarget  eb_memo_get_target          (const EbMemo *memo);
/* 0 for the project. */
gint64        eb_memo_get_target_id       (const EbMemo *memo);
/* The column of a quote memo, -1 for any other. */
int           eb_memo_get_target_column   (const EbMemo *memo);
const char   *eb_memo_get_author          (const EbMemo *memo);
const char   *eb_memo_get_created         (const EbMemo *memo);
/* NULL until the memo is first edited. */
const char   *eb_memo_get_modified        (const EbMemo *memo);
const char   *eb_memo_get_body            (const EbMemo *memo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbMemo, eb_memo_unref)

/* ---- Character and byte offsets in UTF-8 text ---- */

/* The byte offset of character CHAR_OFFSET of TEXT (which may be the
 * length, meaning the end). FALSE when TEXT is shorter. */
gboolean      eb_utf8_chars_to_bytes      (const char   *text,
                                           glong         char_offset,
                                           gsize        *byte_offset);
/* The character offset of byte BYTE_OFFSET. FALSE when it lies beyond the
 * end of TEXT or inside a multibyte character. */
gboolean      eb_utf8_bytes_to_chars      (const char   *text,
                                           gsize         byte_offset,
                                           glong        *char_offset);

G_END_DECLS
