/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-xlsx-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include "csv-reader.h"
#include "ods-reader.h"
#include "sheet-parse.h"
#include "xlsx-reader.h"

/* The sheet's XML is read with libxml2's SAX2 parser, not its
 * xmlTextReader: on a 100,000 × 30 survey (100–200 MB of XML) the reader
 * alone takes 1–1.2 s where SAX2 takes 0.4–0.55 s, and only SAX2 keeps an
 * import within a few times the cost of unzipping the sheet. Both stream;
 * neither builds a tree. */

typedef enum
{
  FORMAT_NUMBER,
  FORMAT_DATE,
  FORMAT_DATE_TIME,
  FORMAT_TIME,
  FORMAT_DURATION,   /* [h]:mm:ss: hours past 24 */
} FormatKind;

typedef enum
{
  CELL_NUMBER,
  CELL_SHARED_STRING,
  CELL_INLINE_STRING,
  CELL_FORMULA_STRING,
  CELL_BOOLEAN,
  CELL_ERROR,
  CELL_ISO_DATE,
} CellType;

typedef struct
{
  char     *id;
  char     *type;
  char     *target;
} Relationship;

typedef struct
{
  EbSheetText  text;
  gsize        len;
} SharedString;

typedef struct
{
  char     *name;
  gboolean  hidden;
  char     *relationship;   /* r:id */
  char     *part;           /* where its XML is in the archive, or NULL */
  gboolean  worksheet;      /* not a chart or dialog sheet */
} Sheet;

/* Element and attribute names of the sheet and the shared strings, looked
 * up once in the parser's dictionary: libxml2 gives names from the same
 * dictionary, so a name is recognised by its address. */
typedef struct
{
  const xmlChar *c;
  const xmlChar *v;
  const xmlChar *t;
  const xmlChar *is;
  const xmlChar *r;
  const xmlChar *s;
  const xmlChar *row;
  const xmlChar *rPh;
  const xmlChar *si;
  const xmlChar *mergeCell;
  const xmlChar *ref;
} Names;

typedef struct
{
  EbSheetParse      parse;
  Names             names;

  /* The workbook. */
  GPtrArray        *relationships;   /* Relationship *, of the part being read */
  GPtrArray        *sheets;          /* Sheet * */
  gboolean          date1904;
  char             *workbook_part;
  char             *styles_part;
  char             *strings_part;
  const Sheet      *sheet;

  /* Styles: which cell formats show numbers as dates or times. */
  GHashTable       *formats;         /* numFmtId → FormatKind */
  GArray           *xf_formats;      /* guint8 FormatKind, by cell format */
  gboolean          in_cell_xfs;

  /* Text of the element being read. */
  GString          *text;
  gboolean          collect;
  guint             phonetic_depth;  /* inside <rPh>: reading aids, not text */

  /* Shared strings. */
  GArray           *strings;         /* SharedString */

  /* The sheet. */
  gboolean          in_inline;
  guint             next_row;
  guint             next_column;
  CellType          cell_type;
  FormatKind        cell_format;
} Reader;

#define DAMAGED "; the file is damaged: ask for a new copy, or open it in Excel or " \
                "LibreOffice and save it again"

static void
relationship_free (gpointer data)
{
  Relationship *relationship = data;

  g_free (relationship->id);
  g_free (relationship->type);
  g_free (relationship->target);
  g_free (relationship);
}

static void
sheet_free (gpointer data)
{
  Sheet *sheet = data;

  g_free (sheet->name);
  g_free (sheet->relationship);
  g_free (sheet->part);
  g_free (sheet);
}

/* ---- parts ----------------------------------------------------------- */

/* The workbook, styles and shared strings belong to no sheet: only the
 * sheet's own part names it in its errors. */
static gboolean
parse_part (Reader              *self,
            const char          *part,
            const xmlSAXHandler *sax,
            EbProgressFunc       progress,
            gpointer             progress_data,
            GError             **error)
{
  self->parse.in_sheet = self->sheet != NULL && g_strcmp0 (part, self->sheet->part) == 0;
  return eb_sheet_parse_part (&self->parse, part, sax, self, progress, progress_data, error);
}

/* ---- attributes and text ---------------------------------------------- */

/* SAX2 gives each attribute as five pointers: local name, prefix, URI,
 * start and end of the value (which is not NUL-terminated). */
static char *
dup_attribute (int             n_attributes,
               const xmlChar **attributes,
               const char     *name)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;

      if (strcmp ((const char *) attribute[0], name) == 0)
        return g_strndup ((const char *) attribute[3], (gsize) (attribute[4] - attribute[3]));
    }
  return NULL;
}

static gboolean
is_true (const char *value)
{
  return value != NULL && (strcmp (value, "1") == 0 || strcmp (value, "true") == 0);
}

/* Digits to a number, saturating rather than wrapping. */
static gboolean
parse_uint (const xmlChar *p,
            const xmlChar *end,
            guint         *value)
{
  guint64 n = 0;

  if (p == end)
    return FALSE;
  for (; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      n = MIN (n * 10 + (guint) (*p - '0'), (guint64) G_MAXUINT);
    }
  *value = (guint) n;
  return TRUE;
}

/* The column of a cell reference: "C7" → 2 (from 0). */
static gboolean
parse_column (const xmlChar *p,
              const xmlChar *end,
              guint         *column)
{
  guint n = 0;

  for (; p < end && *p >= 'A' && *p <= 'Z'; p++)
    n = MIN (n * 26 + (guint) (*p - 'A' + 1), EB_SHEET_MAX_COLUMNS + 1);
  if (n == 0 || (p < end && !g_ascii_isdigit (*p)))
    return FALSE;
  *column = n - 1;
  return TRUE;
}

/* "C7" → column 2 and row 6 (from 0). */
static gboolean
parse_cell_ref (const xmlChar *p,
                const xmlChar *end,
                guint         *column,
                guint         *row)
{
  const xmlChar *digits = p;

  while (digits < end && *digits >= 'A' && *digits <= 'Z')
    digits++;
  if (!parse_column (p, end, column) || !parse_uint (digits, end, row) || *row == 0)
    return FALSE;
  (*row)--;
  return TRUE;
}

/* Excel stores characters XML cannot hold as _xHHHH_ (a UTF-16 unit in
 * hex), and an underscore that would read as one as _x005F_. */
static void
decode_escapes (GString *text)
{
  gsize in = 0;
  gsize out = 0;

  if (memchr (text->str, '_', text->len) == NULL)
    return;

  while (in < text->len)
    {
      const char *p = text->str + in;
      gunichar unit;

      if (in + 7 <= text->len && p[0] == '_' && p[1] == 'x' &&
          g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
          g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          unit = (gunichar) (g_ascii_xdigit_value (p[2]) << 12 | g_ascii_xdigit_value (p[3]) << 8 |
                             g_ascii_xdigit_value (p[4]) << 4 | g_ascii_xdigit_value (p[5]));
          in += 7;
          if (unit >= 0xD800 && unit <= 0xDBFF && in + 7 <= text->len &&
              text->str[in] == '_' && text->str[in + 1] == 'x')
            {
              guint low = 0;
              gboolean ok = text->str[in + 6] == '_';

              for (guint i = 2; i < 6 && ok; i++)
                {
                  ok = g_ascii_isxdigit (text->str[in + i]);
                  low = low << 4 | (guint) g_ascii_xdigit_value (text->str[in + i]);
                }
              if (ok && low >= 0xDC00 && low <= 0xDFFF)
                {
                  unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                  in += 7;
                }
            }
          if (unit == 0)
            continue;
          if (unit >= 0xD800 && unit <= 0xDFFF)
            unit = 0xFFFD;
          /* Never longer than the escape it replaces. */
          out += (gsize) g_unichar_to_utf8 (unit, text->str + out);
          continue;
        }
      text->str[out++] = text->str[in++];
    }
  g_string_truncate (text, out);
}

static void
characters (void          *user_data,
            const xmlChar *chars,
            int            len)
{
  Reader *self = user_data;

  if (!self->collect || self->phonetic_depth > 0)
    return;
  if (self->text->len + (gsize) len > EB_SHEET_MAX_CELL_TEXT)
    {
      eb_sheet_parse_fail (&self->parse, EB_IMPORT_ERROR_TOO_LARGE,
                           "a cell holds more than 1 MiB of text, far more than a "
                           "spreadsheet cell can hold" DAMAGED);
      return;
    }
  g_string_append_len (self->text, (const char *) chars, len);
}

/* ---- relationships ----------------------------------------------------- */

static void
rels_start_element (void           *user_data,
                    const xmlChar  *local_name,
                    const xmlChar  *prefix,
                    const xmlChar  *uri,
                    int             n_namespaces,
                    const xmlChar **namespaces,
                    int             n_attributes,
                    int             n_defaulted,
                    const xmlChar **attributes)
{
  Reader *self = user_data;
  Relationship *relationship;

  if (strcmp ((const char *) local_name, "Relationship") != 0)
    return;
  relationship = g_new0 (Relationship, 1);
  relationship->id = dup_attribute (n_attributes, attributes, "Id");
  relationship->type = dup_attribute (n_attributes, attributes, "Type");
  relationship->target = dup_attribute (n_attributes, attributes, "Target");
  g_ptr_array_add (self->relationships, relationship);
}

/* Part names are paths inside the archive; a target is absolute
 * ("/xl/worksheets/sheet1.xml") or relative to the folder of the part
 * that refers to it ("worksheets/sheet1.xml"). */
static char *
resolve_target (const char *source_part,
                const char *target)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) source = g_strsplit (source_part, "/", -1);
  g_auto(GStrv) relative = g_strsplit (target, "/", -1);
  GString *path = g_string_new (NULL);

  if (*target != '/')
    for (guint i = 0; source[i] != NULL && source[i + 1] != NULL; i++)
      if (*source[i] != '\0')
        g_ptr_array_add (parts, g_strdup (source[i]));
  for (guint i = 0; relative[i] != NULL; i++)
    {
      if (*relative[i] == '\0' || strcmp (relative[i], ".") == 0)
        continue;
      if (strcmp (relative[i], "..") == 0)
        {
          if (parts->len > 0)
            g_ptr_array_remove_index (parts, parts->len - 1);
          continue;
        }
      g_ptr_array_add (parts, g_strdup (relative[i]));
    }
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append_c (path, '/');
      g_string_append (path, g_ptr_array_index (parts, i));
    }
  return g_string_free (path, FALSE);
}

/* "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
static char *
rels_part_for (const char *part)
{
  const char *slash = strrchr (part, '/');

  if (slash == NULL)
    return g_strdup_printf ("_rels/%s.rels", part);
  return g_strdup_printf ("%.*s/_rels/%s.rels", (int) (slash - part), part, slash + 1);
}

/* Relationship types differ between transitional and strict files only in
 * their start. */
static gboolean
has_type (const Relationship *relationship,
          const char         *type)
{
  return relationship->type != NULL && relationship->target != NULL &&
         g_str_has_suffix (relationship->type, type) &&
         relationship->type[strlen (relationship->type) - strlen (type) - 1] == '/';
}

static gboolean
read_relationships (Reader      *self,
                    const char  *part,
                    GError     **error)
{
  xmlSAXHandler sax = { 0 };

  g_ptr_array_set_size (self->relationships, 0);
  if (!eb_zip_archive_has_member (self->parse.archive, part))
    return TRUE;
  sax.startElementNs = rels_start_element;
  return parse_part (self, part, &sax, NULL, NULL, error);
}

/* The workbook is wherever the package's relationships say; Excel always
 * puts it in xl/workbook.xml. */
static gboolean
find_workbook (Reader  *self,
               GError **error)
{
  if (!read_relationships (self, "_rels/.rels", error))
    return FALSE;
  for (guint i = 0; i < self->relationships->len; i++)
    {
      Relationship *relationship = g_ptr_array_index (self->relationships, i);

      if (has_type (relationship, "officeDocument"))
        {
          self->workbook_part = resolve_target ("", relationship->target);
          break;
        }
    }
  if (self->workbook_part == NULL)
    self->workbook_part = g_strdup ("xl/workbook.xml");
  return TRUE;
}

/* ---- workbook ---------------------------------------------------------- */

static void
workbook_start_element (void           *user_data,
                        const xmlChar  *local_name,
                        const xmlChar  *prefix,
                        const xmlChar  *uri,
                        int             n_namespaces,
                        const xmlChar **namespaces,
                        int             n_attributes,
                        int             n_defaulted,
                        const xmlChar **attributes)
{
  Reader *self = user_data;

  if (strcmp ((const char *) local_name, "workbookPr") == 0)
    {
      g_autofree char *date1904 = dup_attribute (n_attributes, attributes, "date1904");

      self->date1904 = is_true (date1904);
    }
  else if (strcmp ((const char *) local_name, "sheet") == 0)
    {
      g_autofree char *state = dup_attribute (n_attributes, attributes, "state");
      Sheet *sheet = g_new0 (Sheet, 1);

      sheet->name = dup_attribute (n_attributes, attributes, "name");
      if (sheet->name == NULL)
        sheet->name = g_strdup_printf ("Sheet%u", self->sheets->len + 1);
      sheet->hidden = state != NULL && strcmp (state, "visible") != 0;
      /* r:id, in the relationships namespace. */
      for (int i = 0; i < n_attributes; i++)
        if (strcmp ((const char *) attributes[5 * i], "id") == 0 && attributes[5 * i + 2] != NULL)
          sheet->relationship = g_strndup ((const char *) attributes[5 * i + 3],
                                           (gsize) (attributes[5 * i + 4] - attributes[5 * i + 3]));
      g_ptr_array_add (self->sheets, sheet);
    }
}

static gboolean
read_workbook (Reader  *self,
               GError **error)
{
  xmlSAXHandler sax = { 0 };
  g_autofree char *rels = NULL;

  if (!find_workbook (self, error))
    return FALSE;
  sax.startElementNs = workbook_start_element;
  if (!parse_part (self, self->workbook_part, &sax, NULL, NULL, error))
    return FALSE;

  rels = rels_part_for (self->workbook_part);
  if (!read_relationships (self, rels, error))
    return FALSE;
  for (guint i = 0; i < self->relationships->len; i++)
    {
      Relationship *relationship = g_ptr_array_index (self->relationships, i);

      if (has_type (relationship, "styles"))
        self->styles_part = resolve_target (self->workbook_part, relationship->target);
      else if (has_type (relationship, "sharedStrings"))
        self->strings_part = resolve_target (self->workbook_part, relationship->target);
      if (relationship->id == NULL || relationship->target == NULL)
        continue;
      for (guint s = 0; s < self->sheets->len; s++)
        {
          Sheet *sheet = g_ptr_array_index (self->sheets, s);

          if (sheet->relationship == NULL || sheet->part != NULL ||
              strcmp (sheet->relationship, relationship->id) != 0)
            continue;
          sheet->part = resolve_target (self->workbook_part, relationship->target);
          sheet->worksheet = has_type (relationship, "worksheet");
        }
    }
  return TRUE;
}

static char *
list_sheet_names (Reader *self)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < self->sheets->len; i++)
    {
      Sheet *sheet = g_ptr_array_index (self->sheets, i);

      if (!sheet->worksheet)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "“%s”%s", sheet->name, sheet->hidden ? " (hidden)" : "");
    }
  return g_string_free (names, FALSE);
}

/* By name, exactly or else ignoring case; without a name, the first sheet
 * the user can see, as Excel opens on. */
static gboolean
choose_sheet (Reader      *self,
              const char  *wanted,
              GError     **error)
{
  g_autofree char *names = list_sheet_names (self);

  if (wanted != NULL)
    {
      for (guint pass = 0; pass < 2 && self->sheet == NULL; pass++)
        for (guint i = 0; i < self->sheets->len && self->sheet == NULL; i++)
          {
            Sheet *sheet = g_ptr_array_index (self->sheets, i);

            if (pass == 0 ? strcmp (sheet->name, wanted) == 0
                          : eb_sheet_name_matches (sheet->name, wanted))
              self->sheet = sheet;
          }
      if (self->sheet == NULL)
        {
          g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_NO_SHEET,
                       "“%s” has no sheet “%s”; its sheets are %s",
                       self->parse.name, wanted, *names != '\0' ? names : "none");
          return FALSE;
        }
      if (!self->sheet->worksheet || self->sheet->part == NULL)
        {
          g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_NO_SHEET,
                       "“%s”, sheet “%s”: this is a chart, not a sheet of data; "
                       "its sheets of data are %s", self->parse.name, self->sheet->name,
                       *names != '\0' ? names : "none");
          self->sheet = NULL;
          return FALSE;
        }
      return TRUE;
    }

  for (guint pass = 0; pass < 2 && self->sheet == NULL; pass++)
    for (guint i = 0; i < self->sheets->len && self->sheet == NULL; i++)
      {
        Sheet *sheet = g_ptr_array_index (self->sheets, i);

        if (sheet->worksheet && sheet->part != NULL && (pass == 1 || !sheet->hidden))
          self->sheet = sheet;
      }
  if (self->sheet == NULL)
    {
      g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_EMPTY,
                   "“%s” has no sheet of data; expected a workbook with the survey's "
                   "answers on a sheet", self->parse.name);
      return FALSE;
    }
  return TRUE;
}

/* ---- styles ------------------------------------------------------------ */

/* Excel's built-in formats that show a date or a time. */
static FormatKind
builtin_format (guint id)
{
  if (id >= 14 && id <= 17)
    return FORMAT_DATE;
  if ((id >= 18 && id <= 21) || id == 45 || id == 47)
    return FORMAT_TIME;
  if (id == 22)
    return FORMAT_DATE_TIME;
  if (id == 46)
    return FORMAT_DURATION;
  return FORMAT_NUMBER;
}

/* A custom format shows a date if it has d, m or y, and a time if it has h
 * or s, outside quoted text and [brackets] (colours, locales); an m next to
 * an h or s is minutes. Only the first section (positive numbers) counts;
 * "General", AM/PM and escaped or padding characters are not codes. */
static FormatKind
classify_format (const char *code)
{
  gboolean date = FALSE;
  gboolean month = FALSE;
  gboolean time = FALSE;
  gboolean elapsed = FALSE;

  for (const char *p = code; *p != '\0' && *p != ';'; p++)
    {
      switch (g_ascii_tolower (*p))
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FORMAT_NUMBER;
          break;
        case '[':
          elapsed |= g_ascii_tolower (p[1]) == 'h' || g_ascii_tolower (p[1]) == 'm' ||
                     g_ascii_tolower (p[1]) == 's';
          time |= elapsed;
          p = strchr (p, ']');
          if (p == NULL)
            return FORMAT_NUMBER;
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] == '\0')
            return FORMAT_NUMBER;
          p++;
          break;
        case 'g':
          if (g_ascii_strncasecmp (p, "general", 7) == 0)
            p += 6;
          break;
        case 'a':
          if (g_ascii_strncasecmp (p, "am/pm", 5) == 0)
            p += 4;
          else if (g_ascii_strncasecmp (p, "a/p", 3) == 0)
            p += 2;
          break;
        case 'd':
        case 'y':
          date = TRUE;
          break;
        case 'm':
          month = TRUE;
          break;
        case 'h':
        case 's':
          time = TRUE;
          break;
        default:
          break;
        }
    }
  if (elapsed && !date)
    return FORMAT_DURATION;
  if (date || (month && !time))
    return time ? FORMAT_DATE_TIME : FORMAT_DATE;
  return time ? FORMAT_TIME : FORMAT_NUMBER;
}

static void
styles_start_element (void           *user_data,
                      const xmlChar  *local_name,
                      const xmlChar  *prefix,
                      const xmlChar  *uri,
                      int             n_namespaces,
                      const xmlChar **namespaces,
                      int             n_attributes,
                      int             n_defaulted,
                      const xmlChar **attributes)
{
  Reader *self = user_data;
  g_autofree char *id = NULL;
  guint64 number = 0;

  if (strcmp ((const char *) local_name, "cellXfs") == 0)
    {
      self->in_cell_xfs = TRUE;
      return;
    }
  if (strcmp ((const char *) local_name, "numFmt") == 0)
    {
      g_autofree char *code = dup_attribute (n_attributes, attributes, "formatCode");

      id = dup_attribute (n_attributes, attributes, "numFmtId");
      if (id != NULL && code != NULL &&
          g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &number, NULL))
        g_hash_table_insert (self->formats, GUINT_TO_POINTER ((guint) number),
                             GUINT_TO_POINTER (classify_format (code)));
      return;
    }
  if (self->in_cell_xfs && strcmp ((const char *) local_name, "xf") == 0)
    {
      guint8 kind = FORMAT_NUMBER;

      id = dup_attribute (n_attributes, attributes, "numFmtId");
      if (id != NULL && g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &number, NULL))
        {
          gpointer custom;

          if (g_hash_table_lookup_extended (self->formats, GUINT_TO_POINTER ((guint) number),
                                            NULL, &custom))
            kind = (guint8) GPOINTER_TO_UINT (custom);
          else
            kind = (guint8) builtin_format ((guint) number);
        }
      g_array_append_val (self->xf_formats, kind);
    }
}

static void
styles_end_element (void          *user_data,
                    const xmlChar *local_name,
                    const xmlChar *prefix,
                    const xmlChar *uri)
{
  Reader *self = user_data;

  if (strcmp ((const char *) local_name, "cellXfs") == 0)
    self->in_cell_xfs = FALSE;
}

static gboolean
read_styles (Reader  *self,
             GError **error)
{
  xmlSAXHandler sax = { 0 };

  if (self->styles_part == NULL)
    self->styles_part = g_strdup ("xl/styles.xml");
  if (!eb_zip_archive_has_member (self->parse.archive, self->styles_part))
    return TRUE;
  sax.startElementNs = styles_start_element;
  sax.endElementNs = styles_end_element;
  return parse_part (self, self->styles_part, &sax, NULL, NULL, error);
}

/* ---- shared strings ---------------------------------------------------- */

static void
lookup_names (void *user_data)
{
  Reader *self = user_data;
  xmlDictPtr dict = self->parse.ctxt->dict;

#define LOOKUP(name) self->names.name = xmlDictLookup (dict, BAD_CAST #name, -1)
  LOOKUP (c);
  LOOKUP (v);
  LOOKUP (t);
  LOOKUP (is);
  LOOKUP (r);
  LOOKUP (s);
  LOOKUP (row);
  LOOKUP (rPh);
  LOOKUP (si);
  LOOKUP (mergeCell);
  LOOKUP (ref);
#undef LOOKUP
}

static void
strings_start_element (void           *user_data,
                       const xmlChar  *local_name,
                       const xmlChar  *prefix,
                       const xmlChar  *uri,
                       int             n_namespaces,
                       const xmlChar **namespaces,
                       int             n_attributes,
                       int             n_defaulted,
                       const xmlChar **attributes)
{
  Reader *self = user_data;

  if (local_name == self->names.si)
    {
      g_string_truncate (self->text, 0);
      self->phonetic_depth = 0;
    }
  else if (local_name == self->names.t)
    self->collect = TRUE;
  else if (local_name == self->names.rPh)
    self->phonetic_depth++;
}

static void
strings_end_element (void          *user_data,
                     const xmlChar *local_name,
                     const xmlChar *prefix,
                     const xmlChar *uri)
{
  Reader *self = user_data;
  SharedString stored;

  if (local_name == self->names.t)
    self->collect = FALSE;
  else if (local_name == self->names.rPh && self->phonetic_depth > 0)
    self->phonetic_depth--;
  else if (local_name == self->names.si)
    {
      /* A rich-text string is the runs' texts, one after the other. */
      decode_escapes (self->text);
      stored.text = eb_sheet_builder_store (self->parse.builder, self->text->str, self->text->len);
      stored.len = self->text->len;
      g_array_append_val (self->strings, stored);
    }
}

static gboolean
read_shared_strings (Reader  *self,
                     GError **error)
{
  xmlSAXHandler sax = { 0 };

  if (self->strings_part == NULL)
    self->strings_part = g_strdup ("xl/sharedStrings.xml");
  if (!eb_zip_archive_has_member (self->parse.archive, self->strings_part))
    return TRUE;
  sax.startDocument = lookup_names;
  sax.startElementNs = strings_start_element;
  sax.endElementNs = strings_end_element;
  sax.characters = characters;
  return parse_part (self, self->strings_part, &sax, NULL, NULL, error);
}

/* ---- the sheet --------------------------------------------------------- */

static void
start_row (Reader         *self,
           int             n_attributes,
           const xmlChar **attributes)
{
  g_autoptr(GError) error = NULL;
  guint row = self->next_row;

  /* openpyxl and libxlsxwriter number every row; others may not. */
  for (int i = 0; i < n_attributes; i++)
    if (attributes[5 * i] == self->names.r &&
        (!parse_uint (attributes[5 * i + 3], attributes[5 * i + 4], &row) || row-- == 0))
      {
        eb_sheet_parse_fail (&self->parse, EB_IMPORT_ERROR_CORRUPT,
                             "a row has the number “%.*s”; expected a number from 1" DAMAGED,
                             (int) MIN (attributes[5 * i + 4] - attributes[5 * i + 3], 20),
                             (const char *) attributes[5 * i + 3]);
        return;
      }

  if (!eb_sheet_builder_begin_row (self->parse.builder, row, &error))
    {
      eb_sheet_parse_fail_with (&self->parse, g_steal_pointer (&error));
      return;
    }
  self->parse.in_row = TRUE;
  self->parse.row = row;
  self->next_row = row < G_MAXUINT ? row + 1 : row;
  self->next_column = 0;
}

static void
start_cell (Reader         *self,
            int             n_attributes,
            const xmlChar **attributes)
{
  guint column = self->next_column;

  self->cell_type = CELL_NUMBER;
  self->cell_format = FORMAT_NUMBER;
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar *name = attributes[5 * i];
      const xmlChar *value = attributes[5 * i + 3];
      const xmlChar *end = attributes[5 * i + 4];
      gsize len = (gsize) (end - value);

      if (name == self->names.r)
        {
          /* The row is the row's: only the column's letters matter. */
          if (!parse_column (value, end, &column))
            {
              self->parse.in_cell = TRUE;
              self->parse.column = column;
              eb_sheet_parse_fail (&self->parse, EB_IMPORT_ERROR_CORRUPT,
                                   "a cell has the reference “%.*s”; expected a column "
                                   "and row such as C7" DAMAGED,
                                   (int) MIN (len, 20), (const char *) value);
              return;
            }
        }
      else if (name == self->names.t)
        {
          if (len == 1 && value[0] == 's')
            self->cell_type = CELL_SHARED_STRING;
          else if (len == 9 && memcmp (value, "inlineStr", 9) == 0)
            self->cell_type = CELL_INLINE_STRING;
          else if (len == 3 && memcmp (value, "str", 3) == 0)
            self->cell_type = CELL_FORMULA_STRING;
          else if (len == 1 && value[0] == 'b')
            self->cell_type = CELL_BOOLEAN;
          else if (len == 1 && value[0] == 'e')
            self->cell_type = CELL_ERROR;
          else if (len == 1 && value[0] == 'd')
            self->cell_type = CELL_ISO_DATE;
        }
      else if (name == self->names.s)
        {
          guint xf = 0;

          if (parse_uint (value, end, &xf) && xf < self->xf_formats->len)
            self->cell_format = g_array_index (self->xf_formats, guint8, xf);
        }
    }

  self->parse.in_cell = TRUE;
  self->parse.column = column;
  self->next_column = column < G_MAXUINT ? column + 1 : column;
  self->in_inline = FALSE;
  g_string_truncate (self->text, 0);
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian), after
 * Howard Hinnant's days_from_civil. */
static void
civil_from_days (gint64  days,
                 int    *year,
                 guint  *month,
                 guint  *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  guint64 doe = (guint64) (z - era * 146097);
  guint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  guint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  guint64 mp = (5 * doy + 2) / 153;

  *day = (guint) (doy - (153 * mp + 2) / 5 + 1);
  *month = (guint) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) ((gint64) yoe + era * 400 + (*month <= 2));
}

/* Excel stores dates as days since its epoch: 1900-01-00 in the 1900
 * system, which also counts the 29th of February 1900 that never was
 * (serial 60, kept for Lotus 1-2-3); 1904-01-01 in the 1904 system of old
 * Mac workbooks. Returns FALSE for serials that are no date (negative, or
 * past 9999), which then read as numbers. */
static gboolean
format_serial (double      serial,
               gboolean    date1904,
               FormatKind  kind,
               char        buffer[EB_SHEET_VALUE_SIZE])
{
  gint64 days;
  gint64 seconds;
  int year;
  guint month, day;

  if (!isfinite (serial) || serial < 0 || serial >= 2958466.0)
    return FALSE;
  days = (gint64) floor (serial);
  seconds = (gint64) llround ((serial - (double) days) * 86400.0);
  if (seconds >= 86400)
    {
      days++;
      seconds -= 86400;
    }

  if (kind == FORMAT_TIME || kind == FORMAT_DURATION)
    {
      eb_sheet_format_time (kind == FORMAT_DURATION ? days * 86400 + seconds : seconds, buffer);
      return TRUE;
    }

  if (!date1904 && days == 60)
    {
      g_strlcpy (buffer, "1900-02-29", EB_SHEET_VALUE_SIZE);
      if (kind == FORMAT_DATE_TIME)
        eb_sheet_format_date (1900, 2, 29, (int) seconds, buffer);
      return TRUE;
    }
  if (date1904)
    days += -24107;        /* 1904-01-01 */
  else if (days < 60)
    days += -25568;        /* 1899-12-31 */
  else
    days += -25569;        /* 1899-12-30 */
  civil_from_days (days, &year, &month, &day);
  eb_sheet_format_date (year, month, day, kind == FORMAT_DATE_TIME ? (int) seconds : -1, buffer);
  return TRUE;
}

static void
add_text (Reader     *self,
          const char *text,
          gsize       len)
{
  g_autoptr(GError) error = NULL;

  if (!eb_sheet_builder_add_text (self->parse.builder, self->parse.column, text, len, &error))
    eb_sheet_parse_fail_with (&self->parse, g_steal_pointer (&error));
}

static void
add_number (Reader *self)
{
  char buffer[EB_SHEET_VALUE_SIZE];
  const char *text;

  if (self->cell_format != FORMAT_NUMBER)
    {
      char *end = NULL;
      double serial = g_ascii_strtod (self->text->str, &end);

      if (end != NULL && end != self->text->str && *end == '\0' &&
          format_serial (serial, self->date1904, self->cell_format, buffer))
        {
          add_text (self, buffer, strlen (buffer));
          return;
        }
    }
  /* Not a number after all: keep what the file says. */
  text = eb_sheet_number_text (self->text->str, buffer);
  if (text == NULL)
    text = self->text->str;
  add_text (self, text, strlen (text));
}

static void
add_shared_string (Reader *self)
{
  g_autoptr(GError) error = NULL;
  const SharedString *string;
  guint index = G_MAXUINT;

  if (!parse_uint ((const xmlChar *) self->text->str,
                   (const xmlChar *) self->text->str + self->text->len, &index) ||
      index >= self->strings->len)
    {
      eb_sheet_parse_fail (&self->parse, EB_IMPORT_ERROR_CORRUPT,
                           "the cell refers to shared string “%.*s”, but the workbook "
                           "has %u" DAMAGED,
                           (int) MIN (self->text->len, 20), self->text->str,
                           self->strings->len);
      return;
    }
  string = &g_array_index (self->strings, SharedString, index);
  if (!eb_sheet_builder_add_cell (self->parse.builder, self->parse.column, string->text,
                                  string->len, &error))
    eb_sheet_parse_fail_with (&self->parse, g_steal_pointer (&error));
}

static void
end_cell (Reader *self)
{
  char buffer[EB_SHEET_VALUE_SIZE];

  if (self->text->len == 0)
    {
      self->parse.in_cell = FALSE;
      return;
    }

  /* Some writers leave the type out of inline strings. */
  if (self->in_inline)
    self->cell_type = CELL_INLINE_STRING;
  switch (self->cell_type)
    {
    case CELL_SHARED_STRING:
      add_shared_string (self);
      break;
    case CELL_INLINE_STRING:
    case CELL_FORMULA_STRING:
      decode_escapes (self->text);
      add_text (self, self->text->str, self->text->len);
      break;
    case CELL_BOOLEAN:
      if (strcmp (self->text->str, "1") == 0 || strcmp (self->text->str, "true") == 0)
        add_text (self, "TRUE", 4);
      else if (strcmp (self->text->str, "0") == 0 || strcmp (self->text->str, "false") == 0)
        add_text (self, "FALSE", 5);
      else
        add_text (self, self->text->str, self->text->len);
      break;
    case CELL_ISO_DATE:
      if (eb_sheet_format_iso_date (self->text->str, buffer))
        add_text (self, buffer, strlen (buffer));
      else
        add_text (self, self->text->str, self->text->len);
      break;
    case CELL_ERROR:
      /* #N/A, #DIV/0!: what the sheet shows. */
      add_text (self, self->text->str, self->text->len);
      break;
    case CELL_NUMBER:
    default:
      add_number (self);
      break;
    }
  /* Errors above name the cell; it is over now. */
  self->parse.in_cell = FALSE;
}

static void
add_merge (Reader         *self,
           int             n_attributes,
           const xmlChar **attributes)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar *value = attributes[5 * i + 3];
      const xmlChar *end = attributes[5 * i + 4];
      const xmlChar *colon;
      guint first_column = 0, first_row = 0, last_column = 0, last_row = 0;

      if (attributes[5 * i] != self->names.ref)
        continue;
      colon = memchr (value, ':', (gsize) (end - value));
      if (colon != NULL &&
          parse_cell_ref (value, colon, &first_column, &first_row) &&
          parse_cell_ref (colon + 1, end, &last_column, &last_row))
        eb_sheet_builder_add_merge (self->parse.builder, first_row, first_column,
                                    last_row, last_column);
    }
}

static void
sheet_start_element (void           *user_data,
                     const xmlChar  *local_name,
                     const xmlChar  *prefix,
                     const xmlChar  *uri,
                     int             n_namespaces,
                     const xmlChar **namespaces,
                     int             n_attributes,
                     int             n_defaulted,
                     const xmlChar **attributes)
{
  Reader *self = user_data;

  /* In the order of how often they come. */
  if (local_name == self->names.c)
    {
      if (self->parse.in_row)
        start_cell (self, n_attributes, attributes);
    }
  else if (local_name == self->names.v)
    self->collect = self->parse.in_cell;
  else if (local_name == self->names.t)
    self->collect = self->parse.in_cell && self->in_inline;
  else if (local_name == self->names.is)
    self->in_inline = self->parse.in_cell;
  else if (local_name == self->names.row)
    start_row (self, n_attributes, attributes);
  else if (local_name == self->names.rPh)
    self->phonetic_depth++;
  else if (local_name == self->names.mergeCell)
    add_merge (self, n_attributes, attributes);
}

static void
sheet_end_element (void          *user_data,
                   const xmlChar *local_name,
                   const xmlChar *prefix,
                   const xmlChar *uri)
{
  Reader *self = user_data;
  g_autoptr(GError) error = NULL;

  if (local_name == self->names.v || local_name == self->names.t)
    self->collect = FALSE;
  else if (local_name == self->names.c)
    {
      if (self->parse.in_cell)
        end_cell (self);
    }
  else if (local_name == self->names.row)
    {
      if (!self->parse.in_row)
        return;
      self->parse.in_row = FALSE;
      if (!eb_sheet_builder_end_row (self->parse.builder, 1, &error))
        eb_sheet_parse_fail_with (&self->parse, g_steal_pointer (&error));
    }
  else if (local_name == self->names.rPh && self->phonetic_depth > 0)
    self->phonetic_depth--;
}

static gboolean
read_sheet (Reader          *self,
            EbProgressFunc   progress,
            gpointer         progress_data,
            GError         **error)
{
  xmlSAXHandler sax = { 0 };

  sax.startDocument = lookup_names;
  sax.startElementNs = sheet_start_element;
  sax.endElementNs = sheet_end_element;
  sax.characters = characters;
  self->phonetic_depth = 0;
  self->collect = FALSE;
  return parse_part (self, self->sheet->part, &sax, progress, progress_data, error);
}

/* ---- public API -------------------------------------------------------- */

static void
reader_init (Reader       *self,
             const char   *path,
             GCancellable *cancellable)
{
  memset (self, 0, sizeof *self);
  eb_sheet_parse_init (&self->parse, path, cancellable);
  self->relationships = g_ptr_array_new_with_free_func (relationship_free);
  self->sheets = g_ptr_array_new_with_free_func (sheet_free);
  self->formats = g_hash_table_new (NULL, NULL);
  self->xf_formats = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->strings = g_array_new (FALSE, FALSE, sizeof (SharedString));
  self->text = g_string_sized_new (256);
}

static void
reader_clear (Reader *self)
{
  eb_sheet_parse_clear (&self->parse);
  g_ptr_array_unref (self->relationships);
  g_ptr_array_unref (self->sheets);
  g_hash_table_unref (self->formats);
  g_array_unref (self->xf_formats);
  g_array_unref (self->strings);
  g_string_free (self->text, TRUE);
  g_free (self->workbook_part);
  g_free (self->styles_part);
  g_free (self->strings_part);
}

EbSurvey *
eb_xlsx_read (const char             *path,
              const EbImportOptions  *options,
              GCancellable           *cancellable,
              EbProgressFunc          progress,
              gpointer                progress_data,
              EbErrorLocation        *location,
              GError                **error)
{
  EbSpreadsheetKind kind = EB_SPREADSHEET_XLSX;
  EbSurvey *survey;
  Reader self;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader_init (&self, path, cancellable);
  ok = eb_sheet_parse_open (&self.parse, &kind, error);
  if (ok && kind != EB_SPREADSHEET_XLSX)
    {
      reader_clear (&self);
      if (kind == EB_SPREADSHEET_ODS)
        return eb_ods_read (path, options, cancellable, progress, progress_data, location, error);
      return eb_csv_read (path, options, cancellable, progress, progress_data, location, error);
    }

  ok = ok &&
       read_workbook (&self, error) &&
       choose_sheet (&self, options != NULL ? options->sheet : NULL, error);
  if (ok)
    {
      self.parse.sheet = g_strdup (self.sheet->name);
      self.parse.builder = eb_sheet_builder_new (self.parse.name, self.parse.sheet,
                                                 options != NULL ? options->header_rows : -1);
    }
  ok = ok &&
       read_styles (&self, error) &&
       read_shared_strings (&self, error) &&
       read_sheet (&self, progress, progress_data, error);
  survey = eb_sheet_parse_finish (&self.parse, ok, progress, progress_data, location, error);
  reader_clear (&self);
  return survey;
}

GPtrArray *
eb_xlsx_list_sheets (const char       *path,
                     GCancellable     *cancellable,
                     EbErrorLocation  *location,
                     GError          **error)
{
  g_autoptr(GPtrArray) list = NULL;
  EbSpreadsheetKind kind = EB_SPREADSHEET_XLSX;
  Reader self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader_init (&self, path, cancellable);
  if (!eb_sheet_parse_open (&self.parse, &kind, error))
    {
      eb_sheet_parse_fill_location (&self.parse, location);
      reader_clear (&self);
      return NULL;
    }
  if (kind != EB_SPREADSHEET_XLSX)
    {
      reader_clear (&self);
      if (kind == EB_SPREADSHEET_ODS)
        return eb_ods_list_sheets (path, cancellable, location, error);
      return g_ptr_array_new_with_free_func ((GDestroyNotify) eb_sheet_info_free);
    }

  if (!read_workbook (&self, error))
    {
      eb_sheet_parse_fill_location (&self.parse, location);
      reader_clear (&self);
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_sheet_info_free);
  for (guint i = 0; i < self.sheets->len; i++)
    {
      Sheet *sheet = g_ptr_array_index (self.sheets, i);

      if (sheet->worksheet && sheet->part != NULL)
        g_ptr_array_add (list, eb_sheet_info_new (sheet->name, sheet->hidden));
    }
  reader_clear (&self);
  return g_steal_pointer (&list);
}
