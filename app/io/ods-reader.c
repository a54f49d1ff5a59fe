/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-ods-reader"

#include "config.h"

#include <string.h>

#include "csv-reader.h"
#include "ods-reader.h"
#include "sheet-parse.h"
#include "xlsx-reader.h"

/* content.xml holds every table of the spreadsheet, one after the other,
 * after the automatic styles that say which tables are hidden. It is read
 * once with libxml2's SAX2 parser (see xlsx-reader.c for why not
 * xmlTextReader), and the parser stops at the end of the table read. */

/* LibreOffice writes "<text:s text:c="N"/>" for runs of spaces; a cell
 * holds at most 32,767 characters, and no more spaces are believed. */
#define MAX_SPACES 32767

typedef enum
{
  MODE_LIST,    /* only the tables' names */
  MODE_READ,    /* the table chosen */
} Mode;

typedef enum
{
  VALUE_NONE,
  VALUE_FLOAT,  /* float, percentage, currency */
  VALUE_DATE,
  VALUE_TIME,
  VALUE_BOOLEAN,
  VALUE_STRING,
} ValueType;

typedef struct
{
  const xmlChar *table;
  const xmlChar *table_row;
  const xmlChar *table_cell;
  const xmlChar *covered_table_cell;
  const xmlChar *p;
  const xmlChar *h;
  const xmlChar *s;
  const xmlChar *tab;
  const xmlChar *line_break;
  const xmlChar *annotation;
  const xmlChar *style;
  const xmlChar *table_properties;
  const xmlChar *number_rows_repeated;
  const xmlChar *number_columns_repeated;
  const xmlChar *number_columns_spanned;
  const xmlChar *number_rows_spanned;
  const xmlChar *value_type;
  const xmlChar *value;
  const xmlChar *date_value;
  const xmlChar *time_value;
  const xmlChar *boolean_value;
  const xmlChar *string_value;
  const xmlChar *name;
  const xmlChar *style_name;
  const xmlChar *family;
  const xmlChar *display;
  const xmlChar *c;
} Names;

typedef struct
{
  EbSheetParse      parse;            /* in_sheet: inside the chosen table */
  Names             names;
  Mode              mode;
  const char       *wanted;           /* the table asked for, or NULL */
  gint              wanted_index;     /* or its position; -1: first visible */

  /* Automatic styles. */
  GHashTable       *hidden_styles;    /* names of table styles not displayed */
  char             *style;            /* the table style being read */

  /* Tables. */
  GPtrArray        *tables;           /* EbSheetInfo *, as met */
  guint             table_depth;      /* tables inside cells nest */
  gboolean          done;

  /* Rows and cells. */
  guint             row_repeat;
  gboolean          covered;          /* under a merged cell */
  guint             column_repeat;
  guint             columns_spanned;
  guint             rows_spanned;
  ValueType         value_type;
  gboolean          error_value;      /* calcext:value-type="error" */
  GString          *value;            /* the value attribute for the type */
  gboolean          has_value;
  GString          *text;             /* the paragraphs */
  guint             n_paragraphs;
  guint             paragraph_depth;
  guint             annotation_depth; /* comments are not the cell's text */
} Reader;

/* ---- attributes -------------------------------------------------------- */

/* SAX2 attributes: local name, prefix, URI, value start and end. */
static const xmlChar *
find_attribute (int             n_attributes,
                const xmlChar **attributes,
                const xmlChar  *name,
                gsize          *len)
{
  for (int i = 0; i < n_attributes; i++)
    if (attributes[5 * i] == name)
      {
        *len = (gsize) (attributes[5 * i + 4] - attributes[5 * i + 3]);
        return attributes[5 * i + 3];
      }
  return NULL;
}

static char *
dup_attribute (int             n_attributes,
               const xmlChar **attributes,
               const xmlChar  *name)
{
  gsize len = 0;
  const xmlChar *value = find_attribute (n_attributes, attributes, name, &len);

  return value != NULL ? g_strndup ((const char *) value, len) : NULL;
}

/* A count such as table:number-columns-repeated: at least 1, at most
 * MAX; anything unreadable counts as 1. */
static guint
count_attribute (int             n_attributes,
                 const xmlChar **attributes,
                 const xmlChar  *name,
                 guint           max)
{
  gsize len = 0;
  const xmlChar *value = find_attribute (n_attributes, attributes, name, &len);
  guint64 n = 0;

  if (value == NULL || len == 0)
    return 1;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (value[i]))
        return 1;
      n = MIN (n * 10 + (guint) (value[i] - '0'), (guint64) max);
    }
  return (guint) MAX (n, 1);
}

static gboolean
attribute_is (const xmlChar *value,
              gsize          len,
              const char    *text)
{
  return value != NULL && len == strlen (text) && memcmp (value, text, len) == 0;
}

static void
lookup_names (void *user_data)
{
  Reader *self = user_data;
  xmlDictPtr dict = self->parse.ctxt->dict;

#define LOOKUP(field, name) self->names.field = xmlDictLookup (dict, BAD_CAST name, -1)
  LOOKUP (table, "table");
  LOOKUP (table_row, "table-row");
  LOOKUP (table_cell, "table-cell");
  LOOKUP (covered_table_cell, "covered-table-cell");
  LOOKUP (p, "p");
  LOOKUP (h, "h");
  LOOKUP (s, "s");
  LOOKUP (tab, "tab");
  LOOKUP (line_break, "line-break");
  LOOKUP (annotation, "annotation");
  LOOKUP (style, "style");
  LOOKUP (table_properties, "table-properties");
  LOOKUP (number_rows_repeated, "number-rows-repeated");
  LOOKUP (number_columns_repeated, "number-columns-repeated");
  LOOKUP (number_columns_spanned, "number-columns-spanned");
  LOOKUP (number_rows_spanned, "number-rows-spanned");
  LOOKUP (value_type, "value-type");
  LOOKUP (value, "value");
  LOOKUP (date_value, "date-value");
  LOOKUP (time_value, "time-value");
  LOOKUP (boolean_value, "boolean-value");
  LOOKUP (string_value, "string-value");
  LOOKUP (name, "name");
  LOOKUP (style_name, "style-name");
  LOOKUP (family, "family");
  LOOKUP (display, "display");
  LOOKUP (c, "c");
#undef LOOKUP
}

/* ---- styles and tables ------------------------------------------------- */

/* A hidden table has a style whose table properties say display="false". */
static void
start_style (Reader         *self,
             const xmlChar  *local_name,
             int             n_attributes,
             const xmlChar **attributes)
{
  gsize len = 0;
  const xmlChar *value;

  if (local_name == self->names.style)
    {
      value = find_attribute (n_attributes, attributes, self->names.family, &len);
      g_clear_pointer (&self->style, g_free);
      if (attribute_is (value, len, "table"))
        self->style = dup_attribute (n_attributes, attributes, self->names.name);
    }
  else if (local_name == self->names.table_properties && self->style != NULL)
    {
      value = find_attribute (n_attributes, attributes, self->names.display, &len);
      if (attribute_is (value, len, "false"))
        g_hash_table_add (self->hidden_styles, g_strdup (self->style));
    }
}

static gboolean
is_wanted (Reader            *self,
           const EbSheetInfo *table,
           guint              index)
{
  if (self->wanted != NULL)
    return eb_sheet_name_matches (table->name, self->wanted);
  if (self->wanted_index >= 0)
    return index == (guint) self->wanted_index;
  return !table->hidden;
}

static void
start_table (Reader         *self,
             int             n_attributes,
             const xmlChar **attributes)
{
  g_autofree char *name = NULL;
  g_autofree char *style = NULL;
  EbSheetInfo *table;

  if (self->table_depth++ > 0)
    return;
  name = dup_attribute (n_attributes, attributes, self->names.name);
  style = dup_attribute (n_attributes, attributes, self->names.style_name);
  if (name == NULL)
    name = g_strdup_printf ("Sheet%u", self->tables->len + 1);
  table = eb_sheet_info_new (name, style != NULL &&
                                   g_hash_table_contains (self->hidden_styles, style));
  g_ptr_array_add (self->tables, table);

  if (self->mode == MODE_READ && !self->done && is_wanted (self, table, self->tables->len - 1))
    {
      self->parse.in_sheet = TRUE;
      self->parse.sheet = g_strdup (table->name);
      eb_sheet_builder_set_sheet (self->parse.builder, table->name);
    }
}

static void
end_table (Reader *self)
{
  if (--self->table_depth > 0 || !self->parse.in_sheet)
    return;
  /* The rest of the file is other tables. */
  self->parse.in_sheet = FALSE;
  self->done = TRUE;
  if (self->parse.ctxt != NULL)
    xmlStopParser (self->parse.ctxt);
}

/* ---- rows and cells ---------------------------------------------------- */

static void
start_row (Reader         *self,
           int             n_attributes,
           const xmlChar **attributes)
{
  g_autoptr(GError) error = NULL;

  self->row_repeat = count_attribute (n_attributes, attributes, self->names.number_rows_repeated,
                                      G_MAXUINT - self->parse.row);
  if (!eb_sheet_builder_begin_row (self->parse.builder, self->parse.row, &error))
    {
      eb_sheet_parse_fail_with (&self->parse, g_steal_pointer (&error));
      return;
    }
  self->parse.in_row = TRUE;
  self->parse.column = 0;
}

static void
end_row (Reader *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->parse.in_row)
    return;
  self->parse.in_row = FALSE;
  /* A trailing run of a million empty rows, as LibreOffice writes to the
   * end of the sheet, costs nothing here. */
  if (!eb_sheet_builder_end_row (self->parse.builder, self->row_repeat, &error))
    {
      eb_sheet_parse_fail_with (&self->parse, g_steal_pointer (&error));
      return;
    }
  self->parse.row += MIN (self->row_repeat, G_MAXUINT - self->parse.row);
}

static ValueType
parse_value_type (const xmlChar *value,
                  gsize          len)
{
  if (attribute_is (value, len, "float") || attribute_is (value, len, "percentage") ||
      attribute_is (value, len, "currency"))
    return VALUE_FLOAT;
  if (attribute_is (value, len, "date"))
    return VALUE_DATE;
  if (attribute_is (value, len, "time"))
    return VALUE_TIME;
  if (attribute_is (value, len, "boolean"))
    return VALUE_BOOLEAN;
  if (attribute_is (value, len, "string"))
    return VALUE_STRING;
  return VALUE_NONE;
}

static void
start_cell (Reader         *self,
            gboolean        covered,
            int             n_attributes,
            const xmlChar **attributes)
{
  const xmlChar *value_name = NULL;

  self->parse.in_cell = TRUE;
  self->covered = covered;
  self->column_repeat = count_attribute (n_attributes, attributes,
                                         self->names.number_columns_repeated,
                                         G_MAXUINT - self->parse.column);
  self->columns_spanned = count_attribute (n_attributes, attributes,
                                           self->names.number_columns_spanned, G_MAXUINT);
  self->rows_spanned = count_attribute (n_attributes, attributes,
                                        self->names.number_rows_spanned, G_MAXUINT);
  self->value_type = VALUE_NONE;
  self->error_value = FALSE;
  self->has_value = FALSE;
  g_string_truncate (self->value, 0);
  g_string_truncate (self->text, 0);
  self->n_paragraphs = 0;
  self->paragraph_depth = 0;
  self->annotation_depth = 0;

  /* A covered cell lies under a merged one: what the spreadsheet shows
   * there is the merged cell's value, which the header takes from the
   * merge. Text LibreOffice keeps hidden in it is not read. */
  if (covered)
    return;

  for (int i = 0; i < n_attributes; i++)
    if (attributes[5 * i] == self->names.value_type)
      {
        const xmlChar *value = attributes[5 * i + 3];
        gsize len = (gsize) (attributes[5 * i + 4] - value);

        /* LibreOffice adds calcext:value-type, which alone tells errors. */
        if (attributes[5 * i + 1] != NULL &&
            strcmp ((const char *) attributes[5 * i + 1], "calcext") == 0)
          self->error_value |= attribute_is (value, len, "error");
        else
          self->value_type = parse_value_type (value, len);
      }

  switch (self->value_type)
    {
    case VALUE_FLOAT:
      value_name = self->names.value;
      break;
    case VALUE_DATE:
      value_name = self->names.date_value;
      break;
    case VALUE_TIME:
      value_name = self->names.time_value;
      break;
    case VALUE_BOOLEAN:
      value_name = self->names.boolean_value;
      break;
    case VALUE_STRING:
      value_name = self->names.string_value;
      break;
    case VALUE_NONE:
    default:
      break;
    }
  if (value_name != NULL)
    {
      gsize len = 0;
      const xmlChar *value = find_attribute (n_attributes, attributes, value_name, &len);

      if (value != NULL)
        {
          g_string_append_len (self->value, (const char *) value, (gssize) len);
          self->has_value = TRUE;
        }
    }
}

/* The cell as a survey shows it: the typed value where there is one, else
 * the paragraphs' text. Returns NULL for an empty cell. */
static const char *
cell_text (Reader *self,
           char    buffer[EB_SHEET_VALUE_SIZE],
           gsize  *len)
{
  const char *text = NULL;

  if (!self->error_value && self->has_value)
    {
      const char *value = self->value->str;

      switch (self->value_type)
        {
        case VALUE_FLOAT:
          text = eb_sheet_number_text (value, buffer);
          break;
        case VALUE_DATE:
          text = eb_sheet_format_iso_date (value, buffer) ? buffer : NULL;
          break;
        case VALUE_TIME:
          text = eb_sheet_format_iso_time (value, buffer) ? buffer : NULL;
          break;
        case VALUE_BOOLEAN:
          if (strcmp (value, "true") == 0)
            text = "TRUE";
          else if (strcmp (value, "false") == 0)
            text = "FALSE";
          break;
        case VALUE_STRING:
          *len = self->value->len;
          return value;
        case VALUE_NONE:
        default:
          break;
        }
    }
  if (text != NULL)
    {
      *len = strlen (text);
      return text;
    }
  *len = self->text->len;
  return self->text->len > 0 ? self->text->str : NULL;
}

static void
end_cell (Reader *self)
{
  g_autoptr(GError) error = NULL;
  char buffer[EB_SHEET_VALUE_SIZE];
  const char *text;
  EbSheetText stored;
  gsize len = 0;

  if (!self->parse.in_cell)
    return;

  text = self->covered ? NULL : cell_text (self, buffer, &len);
  if (text != NULL && len > 0)
    {
      /* Identical neighbours are written once with a repeat count: the
       * text is kept once and given to each. */
      stored = eb_sheet_builder_store (self->parse.builder, text, len);
      for (guint i = 0; i < self->column_repeat; i++)
        if (!eb_sheet_builder_add_cell (self->parse.builder, self->parse.column + i, stored, len,
                                        &error))
          {
            self->parse.column += i;
            eb_sheet_parse_fail_with (&self->parse, g_steal_pointer (&error));
            return;
          }
    }
  if (self->columns_spanned > 1 || self->rows_spanned > 1)
    eb_sheet_builder_add_merge (self->parse.builder, self->parse.row, self->parse.column,
                                self->parse.row + MIN (self->rows_spanned - 1,
                                                       G_MAXUINT - self->parse.row),
                                self->parse.column + MIN (self->columns_spanned - 1,
                                                          G_MAXUINT - self->parse.column));
  self->parse.column += MIN (self->column_repeat, G_MAXUINT - self->parse.column);
  self->parse.in_cell = FALSE;
}

/* A run of a thousand spaces is a few bytes of XML: a cell's text is
 * capped, so that a small file cannot make a huge one. */
static gboolean
check_text_room (Reader *self,
                 gsize   len)
{
  if (self->text->len + len <= EB_SHEET_MAX_CELL_TEXT)
    return TRUE;
  eb_sheet_parse_fail (&self->parse, EB_IMPORT_ERROR_TOO_LARGE,
                       "a cell holds more than 1 MiB of text, far more than a "
                       "spreadsheet cell can hold");
  return FALSE;
}

static void
append_text (Reader *self,
             char    c,
             gsize   n)
{
  if (!check_text_room (self, n))
    return;
  for (gsize i = 0; i < n; i++)
    g_string_append_c (self->text, c);
}

static void
start_text_element (Reader         *self,
                    const xmlChar  *local_name,
                    int             n_attributes,
                    const xmlChar **attributes)
{
  if (local_name == self->names.annotation)
    self->annotation_depth++;
  if (self->annotation_depth > 0)
    return;

  if (local_name == self->names.p || local_name == self->names.h)
    {
      /* Paragraphs are lines of one cell. */
      if (self->paragraph_depth++ == 0 && self->n_paragraphs++ > 0)
        append_text (self, '\n', 1);
    }
  else if (self->paragraph_depth == 0)
    return;
  else if (local_name == self->names.s)
    append_text (self, ' ', count_attribute (n_attributes, attributes, self->names.c,
                                              MAX_SPACES));
  else if (local_name == self->names.tab)
    append_text (self, '\t', 1);
  else if (local_name == self->names.line_break)
    append_text (self, '\n', 1);
}

static void
content_start_element (void           *user_data,
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

  if (local_name == self->names.table)
    start_table (self, n_attributes, attributes);
  else if (self->table_depth == 0)
    start_style (self, local_name, n_attributes, attributes);
  else if (!self->parse.in_sheet || self->table_depth > 1)
    return;
  else if (self->parse.in_cell)
    start_text_element (self, local_name, n_attributes, attributes);
  else if (local_name == self->names.table_cell || local_name == self->names.covered_table_cell)
    {
      if (self->parse.in_row)
        start_cell (self, local_name == self->names.covered_table_cell,
                    n_attributes, attributes);
    }
  else if (local_name == self->names.table_row)
    start_row (self, n_attributes, attributes);
}

static void
content_end_element (void          *user_data,
                     const xmlChar *local_name,
                     const xmlChar *prefix,
                     const xmlChar *uri)
{
  Reader *self = user_data;

  if (local_name == self->names.table)
    end_table (self);
  else if (!self->parse.in_sheet || self->table_depth > 1)
    return;
  else if (local_name == self->names.table_cell || local_name == self->names.covered_table_cell)
    end_cell (self);
  else if (local_name == self->names.table_row)
    end_row (self);
  else if (!self->parse.in_cell)
    return;
  else if (local_name == self->names.annotation)
    self->annotation_depth--;
  else if (self->annotation_depth == 0 &&
           (local_name == self->names.p || local_name == self->names.h) &&
           self->paragraph_depth > 0)
    self->paragraph_depth--;
}

static void
content_characters (void          *user_data,
                    const xmlChar *chars,
                    int            len)
{
  Reader *self = user_data;

  if (self->parse.in_cell && self->paragraph_depth > 0 && self->annotation_depth == 0 &&
      self->table_depth == 1 && check_text_room (self, (gsize) len))
    g_string_append_len (self->text, (const char *) chars, len);
}

static gboolean
read_content (Reader          *self,
              EbProgressFunc   progress,
              gpointer         progress_data,
              GError         **error)
{
  xmlSAXHandler sax = { 0 };

  sax.startDocument = lookup_names;
  sax.startElementNs = content_start_element;
  sax.endElementNs = content_end_element;
  sax.characters = content_characters;
  g_ptr_array_set_size (self->tables, 0);
  self->table_depth = 0;
  return eb_sheet_parse_part (&self->parse, "content.xml", &sax, self, progress, progress_data,
                              error);
}

/* ---- encryption -------------------------------------------------------- */

typedef struct
{
  gboolean  in_content;
  gboolean  encrypted;
} Manifest;

static void
manifest_start_element (void           *user_data,
                        const xmlChar  *local_name,
                        const xmlChar  *prefix,
                        const xmlChar  *uri,
                        int             n_namespaces,
                        const xmlChar **namespaces,
                        int             n_attributes,
                        int             n_defaulted,
                        const xmlChar **attributes)
{
  Manifest *manifest = user_data;

  if (strcmp ((const char *) local_name, "file-entry") == 0)
    {
      manifest->in_content = FALSE;
      for (int i = 0; i < n_attributes; i++)
        if (strcmp ((const char *) attributes[5 * i], "full-path") == 0)
          manifest->in_content =
            attribute_is (attributes[5 * i + 3],
                          (gsize) (attributes[5 * i + 4] - attributes[5 * i + 3]),
                          "content.xml");
    }
  else if (strcmp ((const char *) local_name, "encryption-data") == 0)
    manifest->encrypted |= manifest->in_content;
}

/* A password-protected OpenDocument file is a zip like any other, but its
 * manifest says content.xml is encrypted. */
static gboolean
check_not_encrypted (Reader  *self,
                     GError **error)
{
  xmlSAXHandler sax = { 0 };
  Manifest manifest = { 0 };
  xmlParserCtxtPtr ctxt = NULL;
  g_autoptr(GError) manifest_error = NULL;

  if (!eb_zip_archive_has_member (self->parse.archive, "META-INF/manifest.xml"))
    return TRUE;
  sax.startElementNs = manifest_start_element;
  /* A damaged manifest does not stop the import: content.xml decides. */
  if (!eb_zip_archive_parse (self->parse.archive, "META-INF/manifest.xml", &sax, &manifest,
                             &ctxt, NULL, NULL, &manifest_error) &&
      g_error_matches (manifest_error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&manifest_error));
      return FALSE;
    }
  if (!manifest.encrypted)
    return TRUE;
  g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_ENCRYPTED,
               "“%s” is password-protected; remove the password in LibreOffice "
               "(File ▸ Save As, without “Save with password”) and save it again",
               self->parse.name);
  return FALSE;
}

/* ---- public API -------------------------------------------------------- */

static void
reader_init (Reader       *self,
             const char   *path,
             GCancellable *cancellable)
{
  memset (self, 0, sizeof *self);
  eb_sheet_parse_init (&self->parse, path, cancellable);
  self->wanted_index = -1;
  self->hidden_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_sheet_info_free);
  self->value = g_string_sized_new (64);
  self->text = g_string_sized_new (256);
}

static void
reader_clear (Reader *self)
{
  eb_sheet_parse_clear (&self->parse);
  g_hash_table_unref (self->hidden_styles);
  g_ptr_array_unref (self->tables);
  g_string_free (self->value, TRUE);
  g_string_free (self->text, TRUE);
  g_free (self->style);
}

static char *
list_table_names (Reader *self)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < self->tables->len; i++)
    {
      EbSheetInfo *table = g_ptr_array_index (self->tables, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "“%s”%s", table->name, table->hidden ? " (hidden)" : "");
    }
  return g_string_free (names, FALSE);
}

/* After a pass that found no table to read. */
static gboolean
explain_missing_table (Reader  *self,
                       GError **error)
{
  g_autofree char *names = list_table_names (self);

  if (self->wanted != NULL)
    g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_NO_SHEET,
                 "“%s” has no sheet “%s”; its sheets are %s",
                 self->parse.name, self->wanted, *names != '\0' ? names : "none");
  else
    g_set_error (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_EMPTY,
                 "“%s” has no sheet of data; expected a spreadsheet with the "
                 "survey's answers on a sheet", self->parse.name);
  return FALSE;
}

EbSurvey *
eb_ods_read (const char             *path,
             const EbImportOptions  *options,
             GCancellable           *cancellable,
             EbProgressFunc          progress,
             gpointer                progress_data,
             EbErrorLocation        *location,
             GError                **error)
{
  EbSpreadsheetKind kind = EB_SPREADSHEET_ODS;
  int header_rows = options != NULL ? options->header_rows : -1;
  EbSurvey *survey;
  Reader self;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader_init (&self, path, cancellable);
  ok = eb_sheet_parse_open (&self.parse, &kind, error);
  if (ok && kind != EB_SPREADSHEET_ODS)
    {
      reader_clear (&self);
      if (kind == EB_SPREADSHEET_XLSX)
        return eb_xlsx_read (path, options, cancellable, progress, progress_data, location, error);
      return eb_csv_read (path, options, cancellable, progress, progress_data, location, error);
    }

  ok = ok && check_not_encrypted (&self, error);
  if (ok)
    {
      self.mode = MODE_READ;
      self.wanted = options != NULL ? options->sheet : NULL;
      self.parse.builder = eb_sheet_builder_new (self.parse.name, NULL, header_rows);
      ok = read_content (&self, progress, progress_data, error);
    }
  /* Every table hidden: the first one, as LibreOffice would show. The
   * progress bar has been to the end once already. */
  if (ok && !self.done && self.wanted == NULL && self.tables->len > 0)
    {
      self.wanted_index = 0;
      g_clear_pointer (&self.parse.builder, eb_sheet_builder_free);
      self.parse.builder = eb_sheet_builder_new (self.parse.name, NULL, header_rows);
      ok = read_content (&self, NULL, NULL, error);
    }
  if (ok && !self.done)
    ok = explain_missing_table (&self, error);
  survey = eb_sheet_parse_finish (&self.parse, ok, progress, progress_data, location, error);
  reader_clear (&self);
  return survey;
}

GPtrArray *
eb_ods_list_sheets (const char       *path,
                    GCancellable     *cancellable,
                    EbErrorLocation  *location,
                    GError          **error)
{
  g_autoptr(GPtrArray) list = NULL;
  EbSpreadsheetKind kind = EB_SPREADSHEET_ODS;
  Reader self;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader_init (&self, path, cancellable);
  ok = eb_sheet_parse_open (&self.parse, &kind, error);
  if (ok && kind != EB_SPREADSHEET_ODS)
    {
      reader_clear (&self);
      if (kind == EB_SPREADSHEET_XLSX)
        return eb_xlsx_list_sheets (path, cancellable, location, error);
      return g_ptr_array_new_with_free_func ((GDestroyNotify) eb_sheet_info_free);
    }
  self.mode = MODE_LIST;
  ok = ok && check_not_encrypted (&self, error) && read_content (&self, NULL, NULL, error);
  if (ok)
    list = g_ptr_array_ref (self.tables);
  else
    eb_sheet_parse_fill_location (&self.parse, location);
  reader_clear (&self);
  return g_steal_pointer (&list);
}
