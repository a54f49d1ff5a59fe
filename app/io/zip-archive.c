/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-zip-archive"

#include "config.h"

#include <string.h>

#include <gsf/gsf.h>
#include <gsf/gsf-infile-impl.h>
#include <libxml/parser.h>

#include "zip-archive.h"

/* Members are inflated and parsed this much at a time: big enough that a
 * call costs nothing, small enough to stay in the cache. */
#define BLOCK_SIZE (256 * 1024)

/* How far an archive may expand. A survey workbook of a million answers
 * expands to a few hundred megabytes at ratios below 50:1; a zip bomb
 * expands to gigabytes at ratios of a thousand and more. */
#define MAX_EXPANDED    (G_GUINT64_CONSTANT (2) << 30)
#define BOMB_MIN_SIZE   (G_GUINT64_CONSTANT (100) << 20)
#define BOMB_RATIO      200

/* What the start of a file says about it. */
#define SNIFF_BYTES 4096

static const guint8 zip_magic[] = { 'P', 'K' };
static const guint8 ole2_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

/* libgsf 1.14 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

#define DAMAGED "; the file is damaged: ask for a new copy, or open it in Excel or " \
                "LibreOffice and save it again"

struct _EbZipArchive
{
  char         *name;
  GsfInput     *source;
  GsfInfile    *zip;
  GCancellable *cancellable;
  guint64       expanded;   /* the sizes of the members read so far */
  GHashTable   *offsets;    /* member name → offset of its local header */
};

G_STATIC_ASSERT (BOMB_MIN_SIZE < MAX_EXPANDED);

static gboolean
set_cancelled (EbZipArchive  *self,
               GError       **error)
{
  g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED,
               "Import of “%s” was cancelled", self->name);
  return FALSE;
}

/* An OLE2 compound file is what Office 97–2003 wrote, and what Office
 * still writes around a password-protected workbook (its EncryptionInfo
 * and EncryptedPackage streams). Neither can be read; say which it is. */
static void
refuse_ole2 (const char  *name,
             GsfInput    *source,
             GError     **error)
{
  g_autoptr(GsfInfile) ole = NULL;
  g_autoptr(GError) ole_error = NULL;
  gboolean encrypted = FALSE;
  gboolean workbook = FALSE;
  int n;

  ole = gsf_infile_msole_new (source, &ole_error);
  if (ole == NULL)
    {
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CORRUPT,
                   "“%s” is a damaged Office 97–2003 file (%s); expected an Excel "
                   "workbook (.xlsx)", name, ole_error->message);
      return;
    }

  n = gsf_infile_num_children (ole);
  for (int i = 0; i < n; i++)
    {
      const char *child = gsf_infile_name_by_index (ole, i);

      if (child == NULL)
        continue;
      encrypted |= g_ascii_strcasecmp (child, "EncryptionInfo") == 0 ||
                   g_ascii_strcasecmp (child, "EncryptedPackage") == 0;
      workbook |= g_ascii_strcasecmp (child, "Workbook") == 0 ||
                  g_ascii_strcasecmp (child, "Book") == 0;
    }

  if (encrypted)
    g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_ENCRYPTED,
                 "“%s” is password-protected; remove the password in Excel "
                 "(File ▸ Info ▸ Protect Workbook) and save it again", name);
  else if (workbook)
    g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT,
                 "“%s” is an Excel 97–2003 workbook, which Evalbench cannot read; "
                 "open it in Excel or LibreOffice and save it as .xlsx or CSV", name);
  else
    g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT,
                 "“%s” is an Office 97–2003 document but not a workbook; expected an "
                 "Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or CSV",
                 name);
}

/* libgsf prints to stderr ("Header is 0x…") when a member's local header
 * is not where the archive's directory says. To keep that out of the
 * command line's output, the directory is read here too, and a member
 * whose header is missing is refused before libgsf opens it. */
#define EOCD_SIZE        22
#define MAX_COMMENT      65535
#define DIRENT_SIZE      46
#define MAX_DIRECTORY    (64 * 1024 * 1024)
#define BAD_ENTRY        (G_MAXUINT32 - 1)

/* 0 (no date) or a date and time that exist. */
static gboolean
is_dos_time (guint32 dos_time)
{
  GDateTime *date;

  if (dos_time == 0)
    return TRUE;
  date = g_date_time_new_utc ((int) (dos_time >> 25) + 1980, (int) (dos_time >> 21) & 0x0f,
                              (int) (dos_time >> 16) & 0x1f, (int) (dos_time >> 11) & 0x0f,
                              (int) (dos_time >> 5) & 0x3f, (dos_time & 0x1f) * 2);
  if (date == NULL)
    return FALSE;
  g_date_time_unref (date);
  return TRUE;
}

static void
read_directory (EbZipArchive *self)
{
  gsf_off_t size = gsf_input_size (self->source);
  gsf_off_t tail = MIN (size, (gsf_off_t) (EOCD_SIZE + MAX_COMMENT));
  g_autofree guint8 *end = NULL;
  g_autofree guint8 *directory = NULL;
  guint32 directory_size, directory_offset;
  gssize eocd = -1;

  self->offsets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (tail < EOCD_SIZE)
    return;
  end = g_malloc ((gsize) tail);
  if (gsf_input_seek (self->source, size - tail, G_SEEK_SET) ||
      gsf_input_read (self->source, (gsize) tail, end) == NULL)
    return;
  for (gssize i = (gssize) tail - EOCD_SIZE; i >= 0 && eocd < 0; i--)
    if (memcmp (end + i, "PK\005\006", 4) == 0)
      eocd = i;
  if (eocd < 0)
    return;

  /* Zip64 archives (over 4 GiB) are left to libgsf alone. */
  directory_size = GSF_LE_GET_GUINT32 (end + eocd + 12);
  directory_offset = GSF_LE_GET_GUINT32 (end + eocd + 16);
  if (directory_offset == G_MAXUINT32 || directory_size > MAX_DIRECTORY ||
      (gsf_off_t) directory_offset + directory_size > size)
    return;
  directory = g_malloc (MAX (directory_size, 1));
  if (gsf_input_seek (self->source, directory_offset, G_SEEK_SET) ||
      (directory_size > 0 && gsf_input_read (self->source, directory_size, directory) == NULL))
    return;

  for (gsize p = 0; p + DIRENT_SIZE <= directory_size;)
    {
      guint name_len, extra_len, comment_len;
      guint32 offset;

      if (memcmp (directory + p, "PK\001\002", 4) != 0)
        break;
      name_len = GSF_LE_GET_GUINT16 (directory + p + 28);
      extra_len = GSF_LE_GET_GUINT16 (directory + p + 30);
      comment_len = GSF_LE_GET_GUINT16 (directory + p + 32);
      if (p + DIRENT_SIZE + name_len > directory_size)
        break;
      offset = GSF_LE_GET_GUINT32 (directory + p + 42);
      /* A member whose date libgsf cannot read is opened with a critical
       * warning: it counts as damaged. Zip64 offsets are libgsf's to read. */
      if (!is_dos_time (GSF_LE_GET_GUINT32 (directory + p + 12)))
        offset = BAD_ENTRY;
      if (offset != G_MAXUINT32)
        g_hash_table_insert (self->offsets,
                             g_strndup ((const char *) directory + p + DIRENT_SIZE, name_len),
                             GUINT_TO_POINTER (offset));
      p += DIRENT_SIZE + name_len + extra_len + comment_len;
    }
}

/* FALSE if the directory knows MEMBER and its local header is not there. */
static gboolean
has_local_header (EbZipArchive *self,
                  const char   *member)
{
  gpointer offset;
  guint8 signature[4];

  if (!g_hash_table_lookup_extended (self->offsets, member, NULL, &offset))
    return TRUE;
  return GPOINTER_TO_UINT (offset) != BAD_ENTRY &&
         !gsf_input_seek (self->source, GPOINTER_TO_UINT (offset), G_SEEK_SET) &&
         gsf_input_read (self->source, sizeof signature, signature) != NULL &&
         memcmp (signature, "PK\003\004", 4) == 0;
}

/* A zip member is a GsfInfile too; only a folder has children. */
static gboolean
is_folder (GsfInput *input)
{
  return GSF_IS_INFILE (input) && gsf_infile_num_children (GSF_INFILE (input)) >= 0;
}

/* libgsf's gsf_infile_child_by_name() reports a damaged member with
 * g_warning(), which the caller cannot handle; the class function it
 * wraps returns the error instead. Returns NULL without an error for a
 * member that is not there. */
static GsfInput *
open_member (EbZipArchive  *self,
             const char    *member,
             GError       **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GsfInput) folder = NULL;

  if (!has_local_header (self, member))
    {
      g_set_error_literal (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CORRUPT,
                           "its entry in the archive's directory is damaged");
      return NULL;
    }
  parts = g_strsplit (member, "/", -1);
  folder = g_object_ref (GSF_INPUT (self->zip));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GsfInfileClass *klass;
      GsfInput *child;

      if (*parts[i] == '\0')
        continue;
      if (!is_folder (folder))
        return NULL;
      klass = GSF_INFILE_CLASS (G_OBJECT_GET_CLASS (folder));
      child = klass->child_by_name (GSF_INFILE (folder), parts[i], error);
      if (child == NULL)
        return NULL;
      g_object_unref (folder);
      folder = child;
    }
  if (folder == GSF_INPUT (self->zip) || is_folder (folder))
    return NULL;
  return g_steal_pointer (&folder);
}

gboolean
eb_zip_archive_has_member (EbZipArchive *self,
                           const char   *member)
{
  g_autoptr(GsfInput) input = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  input = open_member (self, member, NULL);
  return input != NULL;
}

/* The first bytes of a small member, such as ODF's "mimetype". */
static char *
read_start (EbZipArchive *self,
            const char   *member,
            gsize         max)
{
  g_autoptr(GsfInput) input = open_member (self, member, NULL);
  gsize len;
  char *text;

  if (input == NULL)
    return NULL;
  len = (gsize) MIN ((gsf_off_t) max, gsf_input_size (input));
  text = g_malloc0 (len + 1);
  if (len > 0 && gsf_input_read (input, len, (guint8 *) text) == NULL)
    g_clear_pointer (&text, g_free);
  return text;
}

/* Office Open XML and OpenDocument files are both zip archives: their
 * members say which, and so does a Word or PowerPoint file renamed. */
static gboolean
sniff_members (EbZipArchive       *self,
               EbSpreadsheetKind  *kind,
               GError            **error)
{
  g_autofree char *mimetype = NULL;

  if (eb_zip_archive_has_member (self, "_rels/.rels") ||
      eb_zip_archive_has_member (self, "xl/workbook.xml"))
    {
      if (eb_zip_archive_has_member (self, "xl/workbook.bin"))
        g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT,
                     "“%s” is an Excel binary workbook (.xlsb), which Evalbench cannot "
                     "read; open it in Excel and save it as .xlsx", self->name);
      else if (eb_zip_archive_has_member (self, "word/document.xml"))
        g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT,
                     "“%s” is a Word document, not a workbook; expected an Excel "
                     "workbook (.xlsx)", self->name);
      else if (eb_zip_archive_has_member (self, "ppt/presentation.xml"))
        g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT,
                     "“%s” is a PowerPoint presentation, not a workbook; expected an "
                     "Excel workbook (.xlsx)", self->name);
      else
        {
          *kind = EB_SPREADSHEET_XLSX;
          return TRUE;
        }
      return FALSE;
    }

  mimetype = read_start (self, "mimetype", 128);
  if (mimetype != NULL &&
      g_str_has_prefix (mimetype, "application/vnd.oasis.opendocument.spreadsheet"))
    {
      *kind = EB_SPREADSHEET_ODS;
      return TRUE;
    }
  if (mimetype != NULL && g_str_has_prefix (mimetype, "application/vnd.oasis.opendocument."))
    {
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT,
                   "“%s” is an OpenDocument file but not a spreadsheet (%s); expected "
                   "an OpenDocument spreadsheet (.ods)",
                   self->name, g_strchomp (mimetype));
      return FALSE;
    }
  if (eb_zip_archive_has_member (self, "content.xml"))
    {
      *kind = EB_SPREADSHEET_ODS;
      return TRUE;
    }

  g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_FORMAT,
               "“%s” is a zip archive but not a spreadsheet; expected an Excel "
               "workbook (.xlsx) or an OpenDocument spreadsheet (.ods)", self->name);
  return FALSE;
}

/* Text (CSV saved under a spreadsheet's name, as some web tools do) has no
 * NUL bytes, unless it is UTF-16 with its byte order mark. */
static gboolean
looks_like_text (const guint8 *data,
                 gsize         len)
{
  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    return TRUE;
  return memchr (data, '\0', len) == NULL;
}

/* Both libraries set themselves up once, before any thread uses them:
 * imports run on worker threads, possibly two at a time. */
static void
init_libraries (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      gsf_init ();
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }
}

EbZipArchive *
eb_zip_archive_open (const char         *path,
                     GCancellable       *cancellable,
                     EbSpreadsheetKind  *kind,
                     GError            **error)
{
  g_autoptr(EbZipArchive) self = NULL;
  g_autoptr(GError) gsf_error = NULL;
  guint8 head[SNIFF_BYTES];
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  init_libraries ();
  self = g_new0 (EbZipArchive, 1);
  self->name = g_path_get_basename (path);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  self->source = gsf_input_stdio_new (path, &gsf_error);
  if (self->source == NULL)
    {
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_IO,
                   "“%s”: %s", self->name, gsf_error->message);
      return NULL;
    }

  len = (gsize) MIN (gsf_input_size (self->source), (gsf_off_t) sizeof head);
  if ((len > 0 && gsf_input_read (self->source, len, head) == NULL) ||
      gsf_input_seek (self->source, 0, G_SEEK_SET))
    {
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_IO,
                   "“%s”: cannot read the file", self->name);
      return NULL;
    }

  if (len >= sizeof ole2_magic && memcmp (head, ole2_magic, sizeof ole2_magic) == 0)
    {
      refuse_ole2 (self->name, self->source, error);
      return NULL;
    }
  if (len < 4 || memcmp (head, zip_magic, sizeof zip_magic) != 0 ||
      !((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)))
    {
      if (looks_like_text (head, len))
        {
          *kind = EB_SPREADSHEET_TEXT;
          return NULL;
        }
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_BINARY,
                   "“%s” is not a spreadsheet; expected an Excel workbook (.xlsx) or "
                   "an OpenDocument spreadsheet (.ods), both of which are zip archives",
                   self->name);
      return NULL;
    }

  self->zip = gsf_infile_zip_new (self->source, &gsf_error);
  if (self->zip == NULL)
    {
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CORRUPT,
                   "“%s” is a damaged zip archive (%s)" DAMAGED,
                   self->name, gsf_error->message);
      return NULL;
    }

  read_directory (self);
  if (!sniff_members (self, kind, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
eb_zip_archive_free (EbZipArchive *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->zip);
  g_clear_object (&self->source);
  g_clear_pointer (&self->offsets, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_free (self->name);
  g_free (self);
}

const char *
eb_zip_archive_get_name (EbZipArchive *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

/* XML parts are UTF-8 in every file seen in practice, but may be UTF-16:
 * only in UTF-8 is a NUL byte a sign that a part ended early. */
static gboolean
may_hold_nul (const guint8 *data,
              gsize         len)
{
  return len >= 2 && (data[0] == 0 || data[1] == 0 ||
                      (data[0] == 0xFF && data[1] == 0xFE) ||
                      (data[0] == 0xFE && data[1] == 0xFF));
}

/* A member is inflated by a thread of its own while the caller parses
 * what came before: on two cores that hides the inflating altogether.
 * Blocks go round between two queues. */
typedef struct
{
  guint8   *data;
  gsize     len;
  gboolean  last;       /* the member's end, or the end of the stream */
  double    fraction;   /* of the member inflated, for progress */
  GError   *error;      /* the inflater's, which ends the stream */
} Block;

typedef struct
{
  EbZipArchive *archive;
  const char   *member;
  GsfInput     *input;
  GsfInput     *compressed;       /* the member's view of the archive, or NULL */
  gsf_off_t     compressed_start;
  guint64       size;
  GAsyncQueue  *empty;
  GAsyncQueue  *full;
  gint          stop;             /* atomic: the parser wants no more */
} Inflater;

#define N_BLOCKS 3

/* A zip bomb is a small member that inflates to gigabytes. The sizes in
 * the archive's directory cannot be trusted, so the check is on what the
 * member has really produced from how many compressed bytes. */
static gboolean
check_expansion (Inflater  *self,
                 guint64    produced,
                 GError   **error)
{
  guint64 consumed;

  if (self->compressed == NULL || produced <= BOMB_MIN_SIZE)
    return TRUE;
  consumed = (guint64) MAX (gsf_input_tell (self->compressed) - self->compressed_start, 1);
  if (produced <= (guint64) BOMB_RATIO * consumed)
    return TRUE;
  g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_TOO_LARGE,
               "the part “%s” expands to more than %u times its compressed size "
               "(%" G_GUINT64_FORMAT " MB from %" G_GUINT64_FORMAT " kB so far) — "
               "refusing to read it, as it may be a zip bomb",
               self->member, BOMB_RATIO, produced / 1000000, consumed / 1000);
  return FALSE;
}

/* Reads the next LEN bytes into BLOCK. When a member is shorter than its
 * directory entry says, libgsf returns what it inflated and leaves the
 * rest of the buffer as it was; so the buffer is cleared first, and a NUL
 * (in UTF-8 text) shows where the data ran out. */
static gboolean
read_block (Inflater  *self,
            Block     *block,
            gsize      len,
            gboolean  *check_nul,
            GError   **error)
{
  memset (block->data, 0, len);
  block->len = len;
  if (len > 0 && gsf_input_read (self->input, len, block->data) == NULL)
    {
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CORRUPT,
                   "the part “%s” cannot be decompressed" DAMAGED, self->member);
      return FALSE;
    }
  if (*check_nul && memchr (block->data, '\0', len) != NULL)
    {
      /* Only the first block can say the text is UTF-16. */
      if (gsf_input_tell (self->input) == (gsf_off_t) len && may_hold_nul (block->data, len))
        {
          *check_nul = FALSE;
          return TRUE;
        }
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CORRUPT,
                   "the part “%s” ends early" DAMAGED, self->member);
      return FALSE;
    }
  return TRUE;
}

static gpointer
inflate_member (gpointer data)
{
  Inflater *self = data;
  guint64 produced = 0;
  gboolean check_nul = TRUE;

  for (;;)
    {
      Block *block = g_async_queue_pop (self->empty);
      gsize len = (gsize) MIN (self->size - produced, (guint64) BLOCK_SIZE);

      block->len = 0;
      block->last = TRUE;
      block->fraction = 0.0;
      if (g_atomic_int_get (&self->stop))
        {
          g_async_queue_push (self->full, block);
          return NULL;
        }
      if (g_cancellable_is_cancelled (self->archive->cancellable))
        set_cancelled (self->archive, &block->error);
      else if (read_block (self, block, len, &check_nul, &block->error) &&
               check_expansion (self, produced + len, &block->error))
        {
          produced += len;
          block->last = produced == self->size;
          block->fraction = self->size > 0 ? (double) produced / (double) self->size : 1.0;
        }
      g_async_queue_push (self->full, block);
      if (block->last)
        return NULL;
    }
}

/* libxml2 pulls the member through this, block by block, a few
 * kilobytes at a time. */
typedef struct
{
  Inflater        *inflater;
  Block           *block;      /* being read, or NULL */
  gsize            offset;     /* into it */
  GError          *error;      /* the inflater's */
  EbProgressFunc   progress;
  gpointer         progress_data;
  double           reported;
  int              xml_code;   /* libxml2's first fatal error, if any */
  int              xml_line;
  char            *xml_message;
} Feed;

/* libxml2 calls the structured error handler with the reader's user data;
 * the feed comes with the parser the error names. The first fatal error
 * counts, and stops the parser: what follows it only repeats it. Nothing
 * reaches stderr. */
static void
record_xml_error (void        *user_data,
                  xmlErrorPtr  xml_error)
{
  xmlParserCtxtPtr parser = xml_error->ctxt;
  Feed *feed;

  if (xml_error->level != XML_ERR_FATAL || parser == NULL || parser->_private == NULL)
    return;
  feed = parser->_private;
  if (feed->xml_message != NULL)
    return;
  feed->xml_code = xml_error->code;
  feed->xml_line = xml_error->line;
  feed->xml_message = g_strdup (xml_error->message != NULL ? xml_error->message : "no details");
  xmlStopParser (parser);
}

static gboolean
set_xml_error (const char  *member,
               Feed        *feed,
               GError     **error)
{
  /* libxml2 ends its messages with a line break, and puts the bad bytes
   * of an encoding error on a line of their own. */
  g_autofree char *message = g_strstrip (g_strdup (feed->xml_message));

  g_strdelimit (message, "\n", ';');
  if (feed->xml_code == XML_ERR_INVALID_ENCODING ||
      feed->xml_code == XML_ERR_UNSUPPORTED_ENCODING ||
      feed->xml_code == XML_ERR_UNKNOWN_ENCODING ||
      g_str_has_prefix (message, "Input is not proper UTF-8"))
    g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_ENCODING,
                 "the text of “%s” is not valid UTF-8 (line %d: %s); expected UTF-8, "
                 "as spreadsheet programs write it", member, feed->xml_line, message);
  else
    g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CORRUPT,
                 "the XML of “%s” is malformed (line %d: %s)" DAMAGED,
                 member, feed->xml_line, message);
  return FALSE;
}

static int
read_member (void *data,
             char *buffer,
             int   len)
{
  Feed *feed = data;
  gsize n;

  while (feed->block == NULL || feed->offset == feed->block->len)
    {
      if (feed->block != NULL && feed->block->last)
        return 0;
      if (feed->block != NULL)
        g_async_queue_push (feed->inflater->empty, feed->block);
      feed->block = g_async_queue_pop (feed->inflater->full);
      feed->offset = 0;
      if (feed->block->error != NULL)
        {
          feed->error = g_steal_pointer (&feed->block->error);
          return -1;
        }
      if (feed->progress != NULL && feed->block->fraction >= feed->reported + 0.005)
        {
          feed->reported = feed->block->fraction;
          feed->progress (feed->reported, feed->progress_data);
        }
    }
  n = MIN ((gsize) len, feed->block->len - feed->offset);
  memcpy (buffer, feed->block->data + feed->offset, n);
  feed->offset += n;
  return (int) n;
}

static int
close_member (void *data)
{
  return 0;
}

/* After the parser stopped early (an error, or a handler that has what
 * it needs): the inflater sees it, and ends. */
static void
stop_inflater (Feed *feed)
{
  Block *block = feed->block;

  if (block != NULL && block->last)
    return;
  g_atomic_int_set (&feed->inflater->stop, TRUE);
  if (block != NULL)
    g_async_queue_push (feed->inflater->empty, block);
  do
    {
      block = g_async_queue_pop (feed->inflater->full);
      g_clear_error (&block->error);
      g_async_queue_push (feed->inflater->empty, block);
    }
  while (!block->last);
}

gboolean
eb_zip_archive_parse (EbZipArchive        *self,
                      const char          *member,
                      const xmlSAXHandler *sax,
                      gpointer             user_data,
                      xmlParserCtxtPtr    *ctxt,
                      EbProgressFunc       progress,
                      gpointer             progress_data,
                      GError             **error)
{
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GsfInput) compressed = NULL;
  g_autoptr(GError) open_error = NULL;
  Block blocks[N_BLOCKS];
  Inflater inflater = { 0 };
  Feed feed = { 0 };
  xmlSAXHandler handler;
  xmlParserCtxtPtr parser;
  GThread *thread = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (sax != NULL, FALSE);
  g_return_val_if_fail (ctxt != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_is_cancelled (self->cancellable))
    return set_cancelled (self, error);

  input = open_member (self, member, &open_error);
  if (input == NULL)
    {
      if (open_error != NULL)
        g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CORRUPT,
                     "the part “%s” cannot be read (%s)" DAMAGED, member, open_error->message);
      else
        g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CORRUPT,
                     "the archive has no part “%s”" DAMAGED, member);
      return FALSE;
    }

  inflater.size = (guint64) MAX (gsf_input_size (input), 0);
  if (inflater.size > MAX_EXPANDED - MIN (self->expanded, MAX_EXPANDED))
    {
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_TOO_LARGE,
                   "its parts expand to more than 2 GiB — refusing to read it, as it "
                   "may be a zip bomb");
      return FALSE;
    }
  self->expanded += inflater.size;

  /* How far the member's own view of the archive has read tells how many
   * compressed bytes made what it produced. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (input), "source") != NULL)
    g_object_get (input, "source", &compressed, NULL);
  inflater.archive = self;
  inflater.member = member;
  inflater.input = input;
  inflater.compressed = compressed;
  inflater.compressed_start = compressed != NULL ? gsf_input_tell (compressed) : 0;
  inflater.empty = g_async_queue_new ();
  inflater.full = g_async_queue_new ();
  for (guint i = 0; i < N_BLOCKS; i++)
    {
      blocks[i].data = g_malloc (BLOCK_SIZE);
      blocks[i].error = NULL;
      g_async_queue_push (inflater.empty, &blocks[i]);
    }
  feed.inflater = &inflater;
  feed.progress = progress;
  feed.progress_data = progress_data;

  memcpy (&handler, sax, sizeof handler);
  handler.initialized = XML_SAX2_MAGIC;
  handler.serror = record_xml_error;
  handler.warning = NULL;
  handler.error = NULL;
  handler.fatalError = NULL;

  /* A small member, as most are, fits in one block: a thread of its own
   * would cost more than it saves. */
  if (inflater.size <= BLOCK_SIZE)
    inflate_member (&inflater);
  else
    thread = g_thread_new ("eb-inflate", inflate_member, &inflater);

  /* libxml2 pulls the text through read_member(), which is a little
   * faster than pushing it block by block. */
  parser = xmlCreateIOParserCtxt (&handler, user_data, read_member, close_member, &feed,
                                  XML_CHAR_ENCODING_NONE);
  if (parser == NULL)
    g_error ("%s: out of memory", G_STRFUNC);
  /* No network, no entity substitution: nothing but the member itself is
   * ever read. */
  xmlCtxtUseOptions (parser, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  parser->_private = &feed;
  *ctxt = parser;
  xmlParseDocument (parser);

  /* The inflater's error explains libxml2's, which follows from it. */
  if (feed.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&feed.error));
      ok = FALSE;
    }
  else if (feed.xml_message != NULL)
    ok = set_xml_error (member, &feed, error);
  else if (parser->errNo != XML_ERR_USER_STOP && !parser->wellFormed)
    {
      feed.xml_message = g_strdup ("no details");
      ok = set_xml_error (member, &feed, error);
    }
  g_free (feed.xml_message);
  stop_inflater (&feed);
  if (thread != NULL)
    g_thread_join (thread);

  *ctxt = NULL;
  xmlFreeParserCtxt (parser);
  for (guint i = 0; i < N_BLOCKS; i++)
    {
      g_free (blocks[i].data);
      g_clear_error (&blocks[i].error);
    }
  g_async_queue_unref (inflater.empty);
  g_async_queue_unref (inflater.full);
  return ok;
}
