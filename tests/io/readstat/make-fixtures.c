/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "make-readstat-fixtures"

#include "config.h"

#include <readstat.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

/* Writes the SPSS and Stata fixtures of tests/io/readstat into the directory
 * given as the only argument, with ReadStat's own writer, so that no binary
 * file has to live in the repository. The same eight respondents are saved
 * as .sav (compressed or not), .zsav, .por and .dta (the Stata 14 and
 * Stata 10 formats), as a colleague would send them; the rest are the bad files evaluators meet.
 * test-readstat-reader.c says what is expected of each. */

/* Codes of the Likert item beyond its five points. */
#define NOT_APPLICABLE 8   /* a non-substantive answer, not declared missing */
#define DONT_KNOW      9   /* declared user-missing (SPSS); .a in Stata */
#define NO_ANSWER      0   /* system-missing */

typedef enum
{
  FORMAT_SAV,      /* row compression, as SPSS saves by default */
  FORMAT_SAV_RAW,  /* no compression */
  FORMAT_ZSAV,
  FORMAT_POR,
  FORMAT_DTA,      /* Stata 14+ (format 118): UTF-8 */
  FORMAT_DTA_OLD,  /* Stata 10 (format 114): Windows-1252 */
} Format;

typedef struct
{
  int         id;
  int         agree;      /* 1..5, or one of the codes above */
  int         confident;  /* 1..4, 0: system-missing */
  int         gender;     /* 1 Female, 2 Male */
  const char *programme;
  int         year, month, day;
  int         hour, minute, second;
  double      hours;      /* -1: system-missing */
  const char *comment;
} Respondent;

static const Respondent respondents[] = {
  { 101, 5, 4, 1, "1CN", 2023, 9, 14, 16, 5, 0, 2.5,
    "Le café-style sessions helped; I’d recommend them" },
  { 102, 4, 3, 2, "2CN", 2023, 9, 15, 9, 30, 15, 10,
    "More time to plan with colleagues" },
  { 103, DONT_KNOW, 2, 1, "1CN", 2023, 10, 2, 12, 0, 0, 0.75, "" },
  { 104, 1, 2, 2, "2CN", 2024, 1, 31, 23, 59, 59, 12,
    "Too much theory, not enough practice" },
  { 105, NOT_APPLICABLE, 3, 1, "1CN", 2024, 2, 29, 8, 1, 2, -1,
    "I joined late" },
  { 106, 3, 4, 1, "2CN", 2024, 3, 1, 0, 0, 0, 1.25,
    "Peer mentoring built my confidence" },
  { 107, NO_ANSWER, NO_ANSWER, 2, "1CN", 2024, 3, 4, 17, 45, 30, 3,
    "Nothing to add" },
  { 108, 2, 3, 1, "2CN", 2024, 3, 5, 10, 10, 10, 4,
    "Working with other schools was the best part" },
};

static const char * const agree_labels[] = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
  "Strongly agree",
};

/* Not a library scale: it only becomes the item's scale through its value
 * labels (or --scale for a CSV). */
static const char * const confident_labels[] = {
  "Not yet confident", "Getting there", "Confident", "Could teach others",
};

typedef struct
{
  GByteArray *bytes;
} Output;

static ssize_t
write_bytes (const void *data,
             size_t      len,
             void       *user_data)
{
  Output *output = user_data;

  g_byte_array_append (output->bytes, data, (guint) len);
  return (ssize_t) len;
}

static void
check (readstat_error_t  status,
       const char       *what)
{
  if (status == READSTAT_OK)
    return;
  g_printerr ("make-fixtures: %s: %s\n", what, readstat_error_message (status));
  exit (1);
}

static void
save (const char *dir,
      const char *name,
      const void *data,
      gsize       len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, data, (gssize) len, &error))
    {
      g_printerr ("make-fixtures: %s\n", error->message);
      exit (1);
    }
}

/* Days from EPOCH to the respondent's date. */
static double
days_since (const GDate      *epoch,
            const Respondent *r)
{
  g_autoptr(GDate) date = g_date_new_dmy (r->day, r->month, r->year);

  return g_date_days_between (epoch, date);
}

static double
seconds_of_day (const Respondent *r)
{
  return r->hour * 3600.0 + r->minute * 60.0 + r->second;
}

/* Portable files only take upper-case names of up to 8 characters. */
static const char *
variable_name (Format      format,
               const char *name)
{
  g_autofree char *upper = NULL;

  if (format != FORMAT_POR)
    return name;
  upper = g_ascii_strup (name, -1);
  return g_intern_string (upper);
}

static readstat_variable_t *
add_variable (readstat_writer_t *writer,
              Format             format,
              const char        *name,
              readstat_type_t    type,
              size_t             width,
              const char        *label)
{
  readstat_variable_t *variable =
    readstat_add_variable (writer, variable_name (format, name), type, width);

  if (label != NULL)
    readstat_variable_set_label (variable, label);
  return variable;
}

static readstat_label_set_t *
add_label_set (readstat_writer_t  *writer,
               Format              format,
               const char         *name,
               const char * const *labels,
               guint               n_labels)
{
  gboolean stata = format == FORMAT_DTA || format == FORMAT_DTA_OLD;
  readstat_label_set_t *set =
    readstat_add_label_set (writer, stata ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE, name);

  for (guint i = 0; i < n_labels; i++)
    {
      if (stata)
        readstat_label_int32_value (set, (int32_t) i + 1, labels[i]);
      else
        readstat_label_double_value (set, i + 1, labels[i]);
    }
  return set;
}

/* Stata 10 files are in the system's 8-bit encoding, as old files are;
 * portable files only hold ASCII (ReadStat's writer refuses the rest). */
static char *
encode_text (Format      format,
             const char *text)
{
  if (format == FORMAT_DTA_OLD)
    return g_convert (text, -1, "WINDOWS-1252", "UTF-8", NULL, NULL, NULL);
  if (format == FORMAT_POR)
    return g_str_to_ascii (text, "C");
  return g_strdup (text);
}

static GByteArray *
write_survey (Format format)
{
  gboolean stata = format == FORMAT_DTA || format == FORMAT_DTA_OLD;
  readstat_writer_t *writer = readstat_writer_init ();
  readstat_label_set_t *agree_set, *confident_set, *gender_set;
  readstat_variable_t *id, *agree, *confident, *gender, *programme;
  readstat_variable_t *start, *submitted, *hours, *comment;
  g_autoptr(GDate) epoch = NULL;
  Output output = { g_byte_array_new () };
  readstat_error_t status;

  check (readstat_set_data_writer (writer, write_bytes), "data writer");
  readstat_writer_set_file_label (writer, "CPD evaluation, wave 1");
  /* A fixed time stamp keeps the bytes the same from one build to the next. */
  readstat_writer_set_file_timestamp (writer, 1700000000);

  agree_set = add_label_set (writer, format, "agree", agree_labels,
                             G_N_ELEMENTS (agree_labels));
  if (stata)
    {
      readstat_label_int32_value (agree_set, NOT_APPLICABLE, "Not applicable");
      readstat_label_tagged_value (agree_set, 'a', "Don't know");
    }
  else
    {
      readstat_label_double_value (agree_set, NOT_APPLICABLE, "Not applicable");
      readstat_label_double_value (agree_set, DONT_KNOW, "Don't know");
    }
  confident_set = add_label_set (writer, format, "confid", confident_labels,
                                 G_N_ELEMENTS (confident_labels));
  gender_set = add_label_set (writer, format, "gender",
                              (const char * const[]) { "Female", "Male" }, 2);

  /* No label: its name becomes the title. */
  id = add_variable (writer, format, "id", stata ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE,
                     0, NULL);
  readstat_variable_set_format (id, stata ? "%8.0g" : "F8.0");

  agree = add_variable (writer, format, "q1", READSTAT_TYPE_DOUBLE, 0,
                        "The sessions improved my teaching");
  readstat_variable_set_label_set (agree, agree_set);
  readstat_variable_set_format (agree, stata ? "%8.0g" : "F1.0");
  if (!stata)
    {
      readstat_variable_set_measure (agree, READSTAT_MEASURE_ORDINAL);
      check (readstat_variable_add_missing_double_value (agree, DONT_KNOW), "missing value");
    }

  confident = add_variable (writer, format, "q2", READSTAT_TYPE_DOUBLE, 0,
                            "How confident do you feel teaching fractions?");
  readstat_variable_set_label_set (confident, confident_set);
  readstat_variable_set_format (confident, stata ? "%8.0g" : "F1.0");
  if (!stata)
    /* A range, as SPSS users declare "everything below 1" missing. */
    check (readstat_variable_add_missing_double_range (confident, -99, 0), "missing range");

  gender = add_variable (writer, format, "gender", READSTAT_TYPE_DOUBLE, 0, "Gender");
  readstat_variable_set_label_set (gender, gender_set);
  readstat_variable_set_format (gender, stata ? "%8.0g" : "F1.0");
  if (!stata)
    readstat_variable_set_measure (gender, READSTAT_MEASURE_NOMINAL);

  programme = add_variable (writer, format, "prog", READSTAT_TYPE_STRING, 8, "Programme");

  start = add_variable (writer, format, "start", READSTAT_TYPE_DOUBLE, 0, "Start date");
  readstat_variable_set_format (start, stata ? "%td" : "DATE11");

  submitted = add_variable (writer, format, "submit", READSTAT_TYPE_DOUBLE, 0, "Submitted");
  readstat_variable_set_format (submitted, stata ? "%tc" : "DATETIME20");

  hours = add_variable (writer, format, "hours", READSTAT_TYPE_DOUBLE, 0, "Hours of CPD");
  readstat_variable_set_format (hours, stata ? "%9.2f" : "F8.2");

  comment = add_variable (writer, format, "comment", READSTAT_TYPE_STRING, 120,
                          "What difference has the programme made?");

  switch (format)
    {
    case FORMAT_SAV:
      readstat_writer_set_compression (writer, READSTAT_COMPRESS_ROWS);
      status = readstat_begin_writing_sav (writer, &output, G_N_ELEMENTS (respondents));
      break;
    case FORMAT_SAV_RAW:
      status = readstat_begin_writing_sav (writer, &output, G_N_ELEMENTS (respondents));
      break;
    case FORMAT_ZSAV:
      readstat_writer_set_compression (writer, READSTAT_COMPRESS_BINARY);
      status = readstat_begin_writing_sav (writer, &output, G_N_ELEMENTS (respondents));
      break;
    case FORMAT_POR:
      status = readstat_begin_writing_por (writer, &output, G_N_ELEMENTS (respondents));
      break;
    case FORMAT_DTA:
    case FORMAT_DTA_OLD:
      readstat_writer_set_file_format_version (writer, format == FORMAT_DTA ? 118 : 114);
      status = readstat_begin_writing_dta (writer, &output, G_N_ELEMENTS (respondents));
      break;
    default:
      g_assert_not_reached ();
    }
  check (status, "begin writing");

  /* SPSS counts seconds from the start of the Gregorian calendar, Stata
   * days (%td) or milliseconds (%tc) from 1960. */
  epoch = stata ? g_date_new_dmy (1, 1, 1960) : g_date_new_dmy (14, 10, 1582);
  for (guint i = 0; i < G_N_ELEMENTS (respondents); i++)
    {
      const Respondent *r = &respondents[i];
      double days = days_since (epoch, r);
      g_autofree char *text = encode_text (format, r->comment);

      check (readstat_begin_row (writer), "begin row");
      if (stata)
        check (readstat_insert_int32_value (writer, id, r->id), "id");
      else
        check (readstat_insert_double_value (writer, id, r->id), "id");

      if (r->agree == NO_ANSWER)
        check (readstat_insert_missing_value (writer, agree), "q1");
      else if (r->agree == DONT_KNOW && stata)
        check (readstat_insert_tagged_missing_value (writer, agree, 'a'), "q1");
      else
        check (readstat_insert_double_value (writer, agree, r->agree), "q1");

      /* SPSS users type 0 for "no answer" and declare it missing. */
      if (r->confident == NO_ANSWER && stata)
        check (readstat_insert_missing_value (writer, confident), "q2");
      else
        check (readstat_insert_double_value (writer, confident, r->confident), "q2");

      check (readstat_insert_double_value (writer, gender, r->gender), "gender");
      check (readstat_insert_string_value (writer, programme, r->programme), "prog");
      check (readstat_insert_double_value (writer, start, stata ? days : days * 86400), "start");
      check (readstat_insert_double_value (writer, submitted,
                                           stata ? (days * 86400 + seconds_of_day (r)) * 1000
                                                 : days * 86400 + seconds_of_day (r)),
             "submit");
      if (r->hours < 0)
        check (readstat_insert_missing_value (writer, hours), "hours");
      else
        check (readstat_insert_double_value (writer, hours, r->hours), "hours");
      check (readstat_insert_string_value (writer, comment, text), "comment");
      check (readstat_end_row (writer), "end row");
    }
  check (readstat_end_writing (writer), "end writing");
  readstat_writer_free (writer);
  return output.bytes;
}

/* Label sets that are no answer scale, and scales that only their labels
 * describe: a nominal variable with three labels; a 0-10 item with only its
 * ends labelled, as Qualtrics writes a recommendation question; agreement
 * coded from "Strongly agree" down; three points the library only knows
 * within a longer scale; yes and no. */
typedef struct
{
  const char *name;
  const char *label;
  gboolean    nominal;
  struct { double code; const char *text; } labels[6];
  double      values[5];
} Labelled;

static const Labelled labelled[] = {
  { "role", "Role", TRUE,
    { { 1, "Teacher" }, { 2, "Teaching assistant" }, { 3, "Leader" } },
    { 1, 2, 3, 1, 2 } },
  { "nps", "How likely are you to recommend the programme?", FALSE,
    { { 0, "Not at all likely" }, { 10, "Extremely likely" } },
    { 10, 7, 0, 9, 10 } },
  { "q3", "I use what I learnt every week", FALSE,
    { { 1, "Strongly agree" }, { 2, "Agree" }, { 3, "Neither agree nor disagree" },
      { 4, "Disagree" }, { 5, "Strongly disagree" } },
    { 1, 2, 5, 4, 1 } },
  { "q4", "The pace was right", FALSE,
    { { 1, "Disagree" }, { 2, "Neutral" }, { 3, "Agree" } },
    { 1, 2, 3, 3, 2 } },
  { "attend", "Attended every session", FALSE,
    { { 0, "No" }, { 1, "Yes" } },
    { 1, 1, 0, 1, 1 } },
};

/* Then labels on string codes, after the first variable. */
static const char * const sexes[] = { "F", "M", "F", "F", "M" };

static GByteArray *
write_labels (void)
{
  readstat_writer_t *writer = readstat_writer_init ();
  readstat_variable_t *variables[G_N_ELEMENTS (labelled)];
  readstat_label_set_t *sex_set;
  readstat_variable_t *sex = NULL;
  Output output = { g_byte_array_new () };

  check (readstat_set_data_writer (writer, write_bytes), "data writer");
  readstat_writer_set_file_timestamp (writer, 1700000000);

  sex_set = readstat_add_label_set (writer, READSTAT_TYPE_STRING, "sex");
  readstat_label_string_value (sex_set, "F", "Female");
  readstat_label_string_value (sex_set, "M", "Male");
  for (guint v = 0; v < G_N_ELEMENTS (labelled); v++)
    {
      const Labelled *l = &labelled[v];
      readstat_label_set_t *set = readstat_add_label_set (writer, READSTAT_TYPE_DOUBLE, l->name);

      for (guint i = 0; i < G_N_ELEMENTS (l->labels) && l->labels[i].text != NULL; i++)
        readstat_label_double_value (set, l->labels[i].code, l->labels[i].text);
      variables[v] = add_variable (writer, FORMAT_SAV, l->name, READSTAT_TYPE_DOUBLE, 0, l->label);
      readstat_variable_set_label_set (variables[v], set);
      if (l->nominal)
        readstat_variable_set_measure (variables[v], READSTAT_MEASURE_NOMINAL);
      if (v == 0)
        {
          sex = add_variable (writer, FORMAT_SAV, "sex", READSTAT_TYPE_STRING, 1, "Sex");
          readstat_variable_set_label_set (sex, sex_set);
        }
    }

  check (readstat_begin_writing_sav (writer, &output, G_N_ELEMENTS (sexes)), "begin writing");
  for (guint row = 0; row < G_N_ELEMENTS (sexes); row++)
    {
      check (readstat_begin_row (writer), "begin row");
      for (guint v = 0; v < G_N_ELEMENTS (labelled); v++)
        {
          check (readstat_insert_double_value (writer, variables[v], labelled[v].values[row]),
                 labelled[v].name);
          if (v == 0)
            check (readstat_insert_string_value (writer, sex, sexes[row]), "sex");
        }
      check (readstat_end_row (writer), "end row");
    }
  check (readstat_end_writing (writer), "end writing");
  readstat_writer_free (writer);
  return output.bytes;
}

/* Variables but not a single respondent. */
static GByteArray *
write_no_rows (void)
{
  readstat_writer_t *writer = readstat_writer_init ();
  Output output = { g_byte_array_new () };

  check (readstat_set_data_writer (writer, write_bytes), "data writer");
  readstat_writer_set_file_timestamp (writer, 1700000000);
  readstat_variable_set_label (readstat_add_variable (writer, "q1", READSTAT_TYPE_DOUBLE, 0),
                               "The sessions improved my teaching");
  check (readstat_begin_writing_sav (writer, &output, 0), "begin writing");
  check (readstat_end_writing (writer), "end writing");
  readstat_writer_free (writer);
  return output.bytes;
}

static void
save_bytes (const char *dir,
            const char *name,
            GByteArray *bytes,
            guint       len)
{
  save (dir, name, bytes->data, MIN (len, bytes->len));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GByteArray) sav = NULL;
  g_autoptr(GByteArray) raw = NULL;
  g_autoptr(GByteArray) zsav = NULL;
  g_autoptr(GByteArray) por = NULL;
  g_autoptr(GByteArray) dta = NULL;
  g_autoptr(GByteArray) dta_old = NULL;
  g_autoptr(GByteArray) labels = NULL;
  g_autoptr(GByteArray) no_rows = NULL;
  const char *csv = "id,q1\r\n1,Agree\r\n2,Disagree\r\n";
  const char *dir;

  if (argc != 2)
    {
      g_printerr ("usage: make-fixtures OUTPUT-DIRECTORY\n");
      return 2;
    }
  dir = argv[1];

  sav = write_survey (FORMAT_SAV);
  raw = write_survey (FORMAT_SAV_RAW);
  zsav = write_survey (FORMAT_ZSAV);
  por = write_survey (FORMAT_POR);
  dta = write_survey (FORMAT_DTA);
  dta_old = write_survey (FORMAT_DTA_OLD);
  labels = write_labels ();
  no_rows = write_no_rows ();

  save_bytes (dir, "survey.sav", sav, sav->len);
  save_bytes (dir, "uncompressed.sav", raw, raw->len);
  save_bytes (dir, "survey.zsav", zsav, zsav->len);
  save_bytes (dir, "survey.por", por, por->len);
  save_bytes (dir, "survey.dta", dta, dta->len);
  save_bytes (dir, "survey-114.dta", dta_old, dta_old->len);
  save_bytes (dir, "labels.sav", labels, labels->len);
  save_bytes (dir, "no-rows.sav", no_rows, no_rows->len);

  /* Cut in the middle of the answers, as an interrupted download is. */
  save_bytes (dir, "truncated.sav", sav, sav->len - 100);
  save_bytes (dir, "truncated.dta", dta, dta->len / 2);
  save_bytes (dir, "truncated.por", por, por->len / 2);
  /* Cut inside the dictionary. */
  save_bytes (dir, "header-only.sav", sav, 200);
  save (dir, "empty.sav", "", 0);
  /* Files with the wrong extension. */
  save (dir, "text.sav", csv, strlen (csv));
  save (dir, "workbook.dta", "PK\x03\x04\x14\0\0\0\x08\0", 10);
  save_bytes (dir, "stata.sav", dta, dta->len);
  save_bytes (dir, "spss.dta", sav, sav->len);

  /* The number of respondents unknown (-1, 80 bytes in), as some programs
   * write it: the data runs to the end of the file. */
  memcpy (sav->data + 80, "\xff\xff\xff\xff", 4);
  save_bytes (dir, "no-count.sav", sav, sav->len);

  /* The right signature, then an unknown kind of record where the first
   * variable should be (176 bytes in, after the file header). */
  memcpy (sav->data + 176, "\x34\x12\xff\x7f", 4);
  save_bytes (dir, "damaged.sav", sav, sav->len);
  return 0;
}
