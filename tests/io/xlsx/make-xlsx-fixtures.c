/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writes the workbook fixtures that need a C library, into OUTDIR, at
 * build time (see meson.build):
 *
 *   writer.xlsx          libxlsxwriter, strings shared (as Excel writes them)
 *   writer-inline.xlsx   the same in constant_memory mode: strings inline
 *   encrypted.xlsx       what Excel writes around a password-protected
 *                        workbook: an OLE2 file with EncryptionInfo and
 *                        EncryptedPackage streams (libgsf's GsfOutfileMSOle)
 *   excel97.xlsx         an Excel 97–2003 workbook: OLE2 with a Workbook stream
 *   word97.xlsx          a Word 97–2003 document: OLE2 with a WordDocument stream
 *   bomb.xlsx            a workbook whose sheet inflates 110 MiB of spaces from
 *                        about 100 kB (libgsf's GsfOutfileZip)
 *
 *   make-xlsx-fixtures OUTDIR
 *
 * test-xlsx-reader.c says what is expected of each.
 */

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gsf/gsf.h>
#include <xlsxwriter.h>

#define BOMB_SIZE (110 * 1024 * 1024)

#define XML_HEAD         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
#define PACKAGE_NS       "http://schemas.openxmlformats.org/package/2006/"
#define RELATIONSHIPS_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAIN_NS          "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

static const char *agreement[] = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
};

/* Two header rows, "Please rate" merged over the two items; a rich-text
 * title; numbers, booleans, dates, a formula with a text result, and a
 * formatted empty cell right of the data. */
static gboolean
write_survey (const char *path,
              gboolean    constant_memory)
{
  lxw_workbook_options options = { .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet;
  lxw_format *date_format;
  lxw_format *bold;
  lxw_format *filled;

  if (workbook == NULL)
    return FALSE;
  sheet = workbook_add_worksheet (workbook, "Responses");
  date_format = workbook_add_format (workbook);
  format_set_num_format (date_format, "dd/mm/yyyy");
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  filled = workbook_add_format (workbook);
  format_set_bg_color (filled, LXW_COLOR_YELLOW);

  {
    lxw_rich_string_tuple first = { .format = bold, .string = "Open" };
    lxw_rich_string_tuple second = { .format = NULL, .string = " comments" };
    lxw_rich_string_tuple *title[] = { &first, &second, NULL };

    worksheet_write_string (sheet, 0, 0, "ID", NULL);
    worksheet_write_string (sheet, 0, 1, "Programme", NULL);
    worksheet_merge_range (sheet, 0, 2, 0, 3, "Please rate", NULL);
    worksheet_write_rich_string (sheet, 0, 4, title, NULL);
    worksheet_write_string (sheet, 0, 5, "Attended", NULL);
    worksheet_write_string (sheet, 0, 6, "Date", NULL);
    worksheet_write_string (sheet, 0, 7, "Status", NULL);
  }
  worksheet_write_string (sheet, 1, 2, "The sessions", NULL);
  worksheet_write_string (sheet, 1, 3, "The materials", NULL);

  for (int i = 0; i < 20; i++)
    {
      lxw_row_t row = (lxw_row_t) (i + 2);
      lxw_datetime date = { 2024, 3, 1 + i, 0, 0, 0.0 };

      worksheet_write_number (sheet, row, 0, 500 + i, NULL);
      worksheet_write_string (sheet, row, 1, i % 2 ? "1CN" : "2CN", NULL);
      worksheet_write_string (sheet, row, 2, agreement[i % 5], NULL);
      worksheet_write_string (sheet, row, 3, agreement[(i * 2 + 1) % 5], NULL);
      if (i % 4 != 3)
        worksheet_write_string (sheet, row, 4, i % 2 ? "Useful, thanks" : "Too long & too fast",
                                NULL);
      worksheet_write_boolean (sheet, row, 5, i % 3 != 0, NULL);
      worksheet_write_datetime (sheet, row, 6, &date, date_format);
      worksheet_write_formula_str (sheet, row, 7, "=IF(F3,\"DONE\",\"OPEN\")", NULL,
                                   i % 3 != 0 ? "DONE" : "OPEN");
      worksheet_write_blank (sheet, row, 9, filled);
    }
  return workbook_close (workbook) == LXW_NO_ERROR;
}

static gboolean
write_child (GsfOutfile *outfile,
             const char *name,
             const char *data,
             gsize       len)
{
  GsfOutput *child = gsf_outfile_new_child (outfile, name, FALSE);
  gboolean ok;

  if (child == NULL)
    return FALSE;
  ok = gsf_output_write (child, len, (const guint8 *) data) && gsf_output_close (child);
  g_object_unref (child);
  return ok;
}

/* An OLE2 compound file with the named streams, each holding a little
 * filler: readers only look at which streams there are. */
static gboolean
write_ole2 (const char         *path,
            const char * const *streams)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *ole;
  char filler[4096];
  gboolean ok = TRUE;

  if (sink == NULL)
    return FALSE;
  memset (filler, 0x5A, sizeof filler);
  ole = gsf_outfile_msole_new (sink);
  for (guint i = 0; streams[i] != NULL && ok; i++)
    ok = write_child (ole, streams[i], filler, sizeof filler);
  ok = gsf_output_close (GSF_OUTPUT (ole)) && ok;
  g_object_unref (ole);
  g_object_unref (sink);
  return ok;
}

static GsfOutput *
new_zip_member (GsfOutfile *zip,
                GHashTable *folders,
                const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GsfOutfile *folder = zip;
  GString *so_far = g_string_new (NULL);
  GsfOutput *member;
  guint n = g_strv_length (parts);

  /* Folders are members too, made once. */
  for (guint i = 0; i + 1 < n; i++)
    {
      GsfOutfile *child;

      g_string_append_printf (so_far, "%s/", parts[i]);
      child = g_hash_table_lookup (folders, so_far->str);
      if (child == NULL)
        {
          child = GSF_OUTFILE (gsf_outfile_new_child (folder, parts[i], TRUE));
          g_hash_table_insert (folders, g_strdup (so_far->str), child);
        }
      folder = child;
    }
  g_string_free (so_far, TRUE);
  member = gsf_outfile_new_child_full (folder, parts[n - 1], FALSE,
                                       "compression-level", GSF_ZIP_DEFLATED, NULL);
  return member;
}

static gboolean
write_zip_member (GsfOutfile *zip,
                  GHashTable *folders,
                  const char *path,
                  const char *text)
{
  GsfOutput *member = new_zip_member (zip, folders, path);
  gboolean ok = gsf_output_puts (member, text) && gsf_output_close (member);

  g_object_unref (member);
  return ok;
}

static int
deeper_first (gconstpointer a,
              gconstpointer b)
{
  return (int) strlen (*(const char * const *) b) - (int) strlen (*(const char * const *) a);
}

/* Folders close before the archive, the deepest first. */
static void
close_folders (GHashTable *folders)
{
  g_autofree gpointer *paths = g_hash_table_get_keys_as_array (folders, NULL);
  guint n = g_hash_table_size (folders);

  qsort (paths, n, sizeof *paths, deeper_first);
  for (guint i = 0; i < n; i++)
    gsf_output_close (GSF_OUTPUT (g_hash_table_lookup (folders, paths[i])));
}

/* A well-formed workbook whose one sheet is mostly white space: small on
 * disk, 110 MiB once inflated. */
static gboolean
write_bomb (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                         g_free, g_object_unref);
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;
  GsfOutput *sheet;
  g_autofree char *spaces = NULL;
  gboolean ok;

  if (sink == NULL)
    return FALSE;
  zip = gsf_outfile_zip_new (sink, &error);
  if (zip == NULL)
    return FALSE;

  ok = write_zip_member (zip, folders, "[Content_Types].xml",
                         XML_HEAD "<Types xmlns=\"" PACKAGE_NS "content-types\"/>") &&
       write_zip_member (zip, folders, "_rels/.rels",
                         XML_HEAD "<Relationships xmlns=\"" PACKAGE_NS "relationships\">"
                         "<Relationship Id=\"rId1\" Type=\"" RELATIONSHIPS_NS "/officeDocument\" "
                         "Target=\"xl/workbook.xml\"/></Relationships>") &&
       write_zip_member (zip, folders, "xl/workbook.xml",
                         XML_HEAD "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" RELATIONSHIPS_NS "\">"
                         "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                         "</workbook>") &&
       write_zip_member (zip, folders, "xl/_rels/workbook.xml.rels",
                         XML_HEAD "<Relationships xmlns=\"" PACKAGE_NS "relationships\">"
                         "<Relationship Id=\"rId1\" Type=\"" RELATIONSHIPS_NS "/worksheet\" "
                         "Target=\"worksheets/sheet1.xml\"/></Relationships>");

  sheet = new_zip_member (zip, folders, "xl/worksheets/sheet1.xml");
  ok = ok && gsf_output_puts (sheet, XML_HEAD "<worksheet xmlns=\"" MAIN_NS "\"><sheetData>"
                              "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ID</t></is></c>"
                              "</row>");
  spaces = g_malloc (1024 * 1024);
  memset (spaces, ' ', 1024 * 1024);
  for (guint i = 0; i < BOMB_SIZE / (1024 * 1024) && ok; i++)
    ok = gsf_output_write (sheet, 1024 * 1024, (const guint8 *) spaces);
  ok = ok && gsf_output_puts (sheet, "</sheetData></worksheet>") && gsf_output_close (sheet);
  g_object_unref (sheet);

  close_folders (folders);
  ok = gsf_output_close (GSF_OUTPUT (zip)) && ok;
  g_object_unref (zip);
  g_object_unref (sink);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const encrypted[] = { "EncryptionInfo", "EncryptedPackage", NULL };
  static const char * const excel97[] = { "Workbook", "\005SummaryInformation", NULL };
  static const char * const word97[] = { "WordDocument", "1Table", NULL };
  g_autofree char *writer = NULL;
  g_autofree char *writer_inline = NULL;
  g_autofree char *encrypted_path = NULL;
  g_autofree char *excel97_path = NULL;
  g_autofree char *word97_path = NULL;
  g_autofree char *bomb = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: make-xlsx-fixtures OUTDIR\n");
      return 2;
    }
  gsf_init ();
  writer = g_build_filename (argv[1], "writer.xlsx", NULL);
  writer_inline = g_build_filename (argv[1], "writer-inline.xlsx", NULL);
  encrypted_path = g_build_filename (argv[1], "encrypted.xlsx", NULL);
  excel97_path = g_build_filename (argv[1], "excel97.xlsx", NULL);
  word97_path = g_build_filename (argv[1], "word97.xlsx", NULL);
  bomb = g_build_filename (argv[1], "bomb.xlsx", NULL);

  if (!write_survey (writer, FALSE) || !write_survey (writer_inline, TRUE) ||
      !write_ole2 (encrypted_path, encrypted) || !write_ole2 (excel97_path, excel97) ||
      !write_ole2 (word97_path, word97) || !write_bomb (bomb))
    {
      g_printerr ("make-xlsx-fixtures: cannot write the fixtures in %s\n", argv[1]);
      return 1;
    }
  gsf_shutdown ();
  return 0;
}
