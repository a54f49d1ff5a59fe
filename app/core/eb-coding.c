/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-coding"

#include "config.h"

#include <string.h>

#include "eb-coding.h"
#include "eb-coding-private.h"

G_DEFINE_QUARK (eb-coding-error-quark, eb_coding_error)

G_DEFINE_BOXED_TYPE (EbCoding, eb_coding, eb_coding_ref, eb_coding_unref)
G_DEFINE_BOXED_TYPE (EbMemo, eb_memo, eb_memo_ref, eb_memo_unref)

static const char * const memo_target_names[] = {
  [EB_MEMO_TARGET_PROJECT] = "project",
  [EB_MEMO_TARGET_THEME] = "theme",
  [EB_MEMO_TARGET_QUOTE] = "quote",
  /* "row", as the v1 schema comment named it before quotes had memos. */
  [EB_MEMO_TARGET_RESPONDENT] = "row",
  [EB_MEMO_TARGET_CODING] = "coding",
};

static void
coding_clear (gpointer data)
{
  EbCoding *coding = data;

  g_free (coding->coder);
  g_free (coding->created);
}

static void
memo_clear (gpointer data)
{
  EbMemo *memo = data;

  g_free (memo->author);
  g_free (memo->created);
  g_free (memo->modified);
  g_free (memo->body);
}

/* ---- eb-coding-private.h ---- */

EbCoding *
eb_coding_new (gint64      id,
               gint64      theme_id,
               guint       row,
               guint       column,
               int         start,
               int         end,
               const char *coder,
               const char *created,
               gboolean    has_hash,
               guint64     answer_hash)
{
  EbCoding *coding = g_rc_box_new0 (EbCoding);

  coding->id = id;
  coding->theme_id = theme_id;
  coding->row = row;
  coding->column = column;
  coding->start = start;
  coding->end = end;
  coding->coder = g_strdup (coder);
  coding->created = g_strdup (created);
  coding->has_hash = has_hash;
  coding->answer_hash = answer_hash;
  return coding;
}

EbCoding *
eb_coding_copy_with_theme (const EbCoding *coding,
                           gint64          theme_id)
{
  return eb_coding_new (coding->id, theme_id, coding->row, coding->column,
                        coding->start, coding->end, coding->coder, coding->created,
                        coding->has_hash, coding->answer_hash);
}

/* Two codings say the same thing when one coder tied the same theme to the
 * same span; merging two themes collapses such pairs into one. */
gboolean
eb_coding_same_span (const EbCoding *a,
                     const EbCoding *b)
{
  return a->row == b->row && a->column == b->column &&
         a->start == b->start && a->end == b->end &&
         g_strcmp0 (a->coder, b->coder) == 0;
}

EbMemo *
eb_memo_new (gint64        id,
             EbMemoTarget  target,
             gint64        target_id,
             int           target_column,
             const char   *author,
             const char   *created,
             const char   *modified,
             const char   *body)
{
  EbMemo *memo = g_rc_box_new0 (EbMemo);

  memo->id = id;
  memo->target = target;
  memo->target_id = target_id;
  memo->target_column = target_column;
  memo->author = g_strdup (author);
  memo->created = g_strdup (created);
  memo->modified = g_strdup (modified);
  memo->body = g_strdup (body);
  return memo;
}

EbMemo *
eb_memo_copy_with (const EbMemo *memo,
                   gint64        target_id,
                   const char   *modified,
                   const char   *body)
{
  return eb_memo_new (memo->id, memo->target, target_id, memo->target_column,
                      memo->author, memo->created, modified, body);
}

/* FNV-1a, 64 bits: recorded with each coding so that a re-import can tell
 * an answer whose text changed. Not g_str_hash, whose algorithm GLib does
 * not promise to keep, and the value is stored in the project for years. */
guint64
eb_answer_hash (const char *text)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return hash;
}

/* ---- Public API ---- */

EbCoding *
eb_coding_ref (EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, NULL);

  return g_rc_box_acquire (coding);
}

void
eb_coding_unref (EbCoding *coding)
{
  g_return_if_fail (coding != NULL);

  g_rc_box_release_full (coding, coding_clear);
}

gint64
eb_coding_get_id (const EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, 0);

  return coding->id;
}

gint64
eb_coding_get_theme_id (const EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, 0);

  return coding->theme_id;
}

guint
eb_coding_get_row (const EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, 0);

  return coding->row;
}

guint
eb_coding_get_column (const EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, 0);

  return coding->column;
}

int
eb_coding_get_start (const EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, 0);

  return coding->start;
}

int
eb_coding_get_end (const EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, -1);

  return coding->end;
}

gboolean
eb_coding_is_whole (const EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, FALSE);

  return coding->start == 0 && coding->end < 0;
}

const char *
eb_coding_get_coder (const EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, NULL);

  return coding->coder;
}

const char *
eb_coding_get_created (const EbCoding *coding)
{
  g_return_val_if_fail (coding != NULL, NULL);

  return coding->created;
}

gboolean
eb_coding_get_byte_range (const EbCoding *coding,
                          const char     *text,
                          gsize          *start,
                          gsize          *end)
{
  gsize byte_start, byte_end;

  g_return_val_if_fail (coding != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!eb_utf8_chars_to_bytes (text, coding->start, &byte_start))
    return FALSE;
  if (coding->end < 0)
    byte_end = strlen (text);
  else if (!eb_utf8_chars_to_bytes (text + byte_start, coding->end - coding->start, &byte_end))
    return FALSE;
  else
    byte_end += byte_start;
  if (start != NULL)
    *start = byte_start;
  if (end != NULL)
    *end = byte_end;
  return TRUE;
}

const char *
eb_memo_target_to_string (EbMemoTarget target)
{
  g_return_val_if_fail (target < G_N_ELEMENTS (memo_target_names), NULL);

  return memo_target_names[target];
}

gboolean
eb_memo_target_from_string (const char   *name,
                            EbMemoTarget *target)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (memo_target_names); i++)
    if (strcmp (name, memo_target_names[i]) == 0)
      {
        if (target != NULL)
          *target = (EbMemoTarget) i;
        return TRUE;
      }
  return FALSE;
}

EbMemo *
eb_memo_ref (EbMemo *memo)
{
  g_return_val_if_fail (memo != NULL, NULL);

  return g_rc_box_acquire (memo);
}

void
eb_memo_unref (EbMemo *memo)
{
  g_return_if_fail (memo != NULL);

  g_rc_box_release_full (memo, memo_clear);
}

gint64
eb_memo_get_id (const EbMemo *memo)
{
  g_return_val_if_fail (memo != NULL, 0);

  return memo->id;
}

EbMemoTarget
eb_memo_get_target (const EbMemo *memo)
{
  g_return_val_if_fail (memo != NULL, EB_MEMO_TARGET_PROJECT);

  return memo->target;
}

gint64
eb_memo_get_target_id (const EbMemo *memo)
{
  g_return_val_if_fail (memo != NULL, 0);

  return memo->target_id;
}

int
eb_memo_get_target_column (const EbMemo *memo)
{
  g_return_val_if_fail (memo != NULL, -1);

  return memo->target_column;
}

const char *
eb_memo_get_author (const EbMemo *memo)
{
  g_return_val_if_fail (memo != NULL, NULL);

  return memo->author;
}

const char *
eb_memo_get_created (const EbMemo *memo)
{
  g_return_val_if_fail (memo != NULL, NULL);

  return memo->created;
}

const char *
eb_memo_get_modified (const EbMemo *memo)
{
  g_return_val_if_fail (memo != NULL, NULL);

  return memo->modified;
}

const char *
eb_memo_get_body (const EbMemo *memo)
{
  g_return_val_if_fail (memo != NULL, NULL);

  return memo->body;
}

gboolean
eb_utf8_chars_to_bytes (const char *text,
                        glong       char_offset,
                        gsize      *byte_offset)
{
  const char *p = text;

  g_return_val_if_fail (text != NULL, FALSE);

  if (char_offset < 0)
    return FALSE;
  /* Walks the text rather than trusting g_utf8_offset_to_pointer, which
   * runs past the terminating NUL when the offset is too large. */
  for (glong i = 0; i < char_offset; i++)
    {
      if (*p == '\0')
        return FALSE;
      p = g_utf8_next_char (p);
    }
  if (byte_offset != NULL)
    *byte_offset = (gsize) (p - text);
  return TRUE;
}

gboolean
eb_utf8_bytes_to_chars (const char *text,
                        gsize       byte_offset,
                        glong      *char_offset)
{
  const char *p = text;
  glong n = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  while ((gsize) (p - text) < byte_offset)
    {
      if (*p == '\0')
        return FALSE;
      p = g_utf8_next_char (p);
      n++;
    }
  /* Overshooting means BYTE_OFFSET pointed inside a character. */
  if ((gsize) (p - text) != byte_offset)
    return FALSE;
  if (char_offset != NULL)
    *char_offset = n;
  return TRUE;
}
