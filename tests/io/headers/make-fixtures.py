#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the header-detection fixtures of tests/io/headers next to this
script: one small survey as each survey tool exports it, laid out as the
real exports are (header rows, the tool's own columns, quoting, byte order
mark), and the Qualtrics and SurveyMonkey ones also as workbooks made with
Debian's python3-openpyxl. test-header-detect.c says what is expected of
each file.

    /usr/bin/python3 tests/io/headers/make-fixtures.py

The files are the same byte for byte on every run.
"""

import csv
import datetime
import io
import os
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_DATE = (2024, 1, 1, 0, 0, 0)
FIXED_TIME = datetime.datetime(2024, 1, 1)

PROGRAMMES = ["1CN", "1CN2", "2CN", "1CN", "2CN", "1CN2"]
AGREEMENT = ["Strongly disagree", "Disagree", "Neither agree nor disagree",
             "Agree", "Strongly agree"]
CONFIDENCE = ["Not at all confident", "Slightly confident", "Somewhat confident",
              "Fairly confident", "Completely confident"]
QUALITY = ["Poor", "Fair", "Good", "Excellent"]
HELPED = ["Seeing a lesson taught first", "Talking it through with my mentor",
          "", "The worked examples in the handbook", "Time to plan with colleagues",
          "Being observed, and the feedback", "", "Trying it with a small group",
          "The second session, on questioning", "Practice, practice", "",
          "Honest, quick feedback"]

PROGRAMME_QUESTION = "Which programme are you on?"
AGREE_QUESTION = "How far do you agree with the following statements?"
STATEMENTS = ["The sessions were well organised", "I could ask questions",
              "The materials were useful"]
CONFIDENCE_QUESTION = "How confident are you in each of the following?"
SKILLS = ["Planning a lesson", "Explaining a new idea", "Supporting a pupil who is stuck"]
HELPED_QUESTION = "What helped you most?"


def out(name):
    return os.path.join(HERE, name)


def write_csv(name, rows, bom=False, quote_all=False):
    text = io.StringIO()
    writer = csv.writer(text, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    with open(out(name), "wb") as f:
        f.write(("\ufeff" if bom else "").encode("utf-8") + text.getvalue().encode("utf-8"))


def normalise_zip(path):
    """Rewrites the archive with fixed dates, so that each run writes the
    same bytes."""
    with zipfile.ZipFile(path) as archive:
        parts = [(i.filename, archive.read(i.filename)) for i in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def write_xlsx(name, rows, merges=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in rows:
        ws.append([cell if cell != "" else None for cell in row])
    for merge in merges:
        ws.merge_cells(merge)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.save(out(name))
    normalise_zip(out(name))


def started(i):
    return datetime.datetime(2024, 3, 1, 9, 0) + datetime.timedelta(hours=7 * i, minutes=3 * i)


# ---- Qualtrics --------------------------------------------------------------

def qualtrics_rows(n):
    """A current Qualtrics export: export tags, question text (a matrix
    question's rows already joined to it with " - "), then the ImportId
    row; Qualtrics' own columns first."""
    own = [
        ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/London"}'),
        ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/London"}'),
        ("Status", "Response Type", '{"ImportId":"status"}'),
        ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
        ("Progress", "Progress", '{"ImportId":"progress"}'),
        ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
        ("Finished", "Finished", '{"ImportId":"finished"}'),
        ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/London"}'),
        ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
        ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
        ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
        ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
        ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
        ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
        ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
        ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
        ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
    ]
    questions = [("Q1", PROGRAMME_QUESTION, '{"ImportId":"QID1"}')]
    for k, skill in enumerate(SKILLS, 1):
        questions.append(("Q2_%d" % k, "%s - %s" % (CONFIDENCE_QUESTION, skill),
                          '{"ImportId":"QID2_%d"}' % k))
    questions.append(("Q3", STATEMENTS[0], '{"ImportId":"QID3"}'))
    # Long question text keeps the line break typed into it.
    questions.append(("Q4_TEXT", HELPED_QUESTION + "\n(Please be specific.)",
                      '{"ImportId":"QID4_TEXT"}'))
    columns = own + questions
    rows = [[c[0] for c in columns], [c[1] for c in columns], [c[2] for c in columns]]
    for i in range(n):
        start = started(i)
        end = start + datetime.timedelta(seconds=420 + 37 * i)
        rows.append([
            start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S"),
            "IP Address", "192.0.2.%d" % (10 + i), "100", str(420 + 37 * i), "True",
            (end + datetime.timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S"),
            "R_%02dq7XbC4nK2mP" % (i + 1), "", "", "", "", "51.5072", "-0.1276",
            "anonymous", "EN",
            PROGRAMMES[i % len(PROGRAMMES)],
            CONFIDENCE[i % 5], CONFIDENCE[(i + 2) % 5], CONFIDENCE[(i + 4) % 5],
            AGREEMENT[(i + 1) % 5], HELPED[i % len(HELPED)],
        ])
    return rows


def qualtrics_legacy_rows(n):
    """The legacy format: V1 to V10 and question tags over the column
    names and question text, no ImportId row, and the location columns
    last."""
    labels = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress",
              "IPAddress", "Status", "StartDate", "EndDate", "Finished"]
    tags = ["V%d" % k for k in range(1, 11)] + ["Q1", "Q2_1", "Q2_2", "Q2_3", "Q3", "Q4"]
    texts = labels + [PROGRAMME_QUESTION] + \
        ["%s-%s" % (CONFIDENCE_QUESTION, skill) for skill in SKILLS] + \
        [STATEMENTS[0], HELPED_QUESTION]
    tags += ["LocationLatitude", "LocationLongitude", "LocationAccuracy"]
    texts += ["LocationLatitude", "LocationLongitude", "LocationAccuracy"]
    rows = [tags, texts]
    for i in range(n):
        start = started(i)
        end = start + datetime.timedelta(seconds=300 + 11 * i)
        rows.append([
            "R_%02dLeg4cyXz" % (i + 1), "Default Response Set", "Anonymous", "", "",
            "198.51.100.%d" % (20 + i), "0", start.strftime("%Y-%m-%d %H:%M:%S"),
            end.strftime("%Y-%m-%d %H:%M:%S"), "1",
            PROGRAMMES[i % len(PROGRAMMES)],
            CONFIDENCE[(i + 1) % 5], CONFIDENCE[(i + 3) % 5], CONFIDENCE[i % 5],
            AGREEMENT[(i + 2) % 5], HELPED[(i + 1) % len(HELPED)],
            "53.4808", "-2.2426", "-1",
        ])
    return rows


# ---- SurveyMonkey -----------------------------------------------------------

RESOURCES_QUESTION = "Which resources did you use? (Select all that apply)"
RESOURCES = ["Handbook", "Videos", "Other (please specify)"]


def surveymonkey_rows(n):
    """SurveyMonkey's "expanded" export: its own columns with nothing
    under them, each question over its columns with their names in the
    second row ("Response" or "Open-Ended Response" for a single one)."""
    own = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
           "Email Address", "First Name", "Last Name", "Custom Data 1"]
    top = own + [PROGRAMME_QUESTION, AGREE_QUESTION, "", "", RESOURCES_QUESTION, "", "",
                 HELPED_QUESTION]
    names = [""] * len(own) + ["Response"] + STATEMENTS + RESOURCES + ["Open-Ended Response"]
    rows = [top, names]
    for i in range(n):
        start = started(i)
        end = start + datetime.timedelta(minutes=6 + i)
        rows.append([
            str(114200000000 + 7919 * i), "431876215",
            start.strftime("%m/%d/%Y %I:%M:%S %p"), end.strftime("%m/%d/%Y %I:%M:%S %p"),
            "203.0.113.%d" % (30 + i), "", "", "", "",
            PROGRAMMES[i % len(PROGRAMMES)],
            AGREEMENT[i % 5], AGREEMENT[(i + 3) % 5], AGREEMENT[(i + 4) % 5],
            "Handbook" if i % 2 == 0 else "", "Videos" if i % 3 != 1 else "",
            "A podcast" if i == 2 else "",
            HELPED[(i + 3) % len(HELPED)],
        ])
    return rows


# ---- Forms ------------------------------------------------------------------

def microsoft_forms_rows(n):
    """Microsoft Forms: its own columns first, a Likert question's rows as
    "Question.Row"."""
    top = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
           PROGRAMME_QUESTION] + ["%s.%s" % (AGREE_QUESTION, s) for s in STATEMENTS[:2]] + \
        [HELPED_QUESTION]
    rows = [top]
    for i in range(n):
        start = started(i)
        end = start + datetime.timedelta(minutes=4, seconds=13 * i)
        rows.append([
            str(i + 1), "%d/%d/%d %s" % (start.month, start.day, start.year % 100,
                                        start.strftime("%H:%M:%S")),
            "%d/%d/%d %s" % (end.month, end.day, end.year % 100, end.strftime("%H:%M:%S")),
            "anonymous", "", "",
            PROGRAMMES[i % len(PROGRAMMES)],
            AGREEMENT[(i + 1) % 5], AGREEMENT[(i + 2) % 5],
            HELPED[(i + 5) % len(HELPED)],
        ])
    return rows


def google_forms_rows(n):
    """Google Forms (the responses sheet saved as CSV): the time of each
    answer first, a grid's rows as "Question [Row]", and a quiz's score."""
    top = ["Timestamp", "Email Address", "Score", PROGRAMME_QUESTION] + \
        ["%s [%s]" % (AGREE_QUESTION, s) for s in STATEMENTS] + [HELPED_QUESTION]
    rows = [top]
    for i in range(n):
        start = started(i)
        rows.append([
            "%d/%d/%d %s" % (start.month, start.day, start.year, start.strftime("%H:%M:%S")),
            "person%d@example.org" % (i + 1), "%d / 10" % (4 + i % 6),
            PROGRAMMES[i % len(PROGRAMMES)],
            AGREEMENT[(i + 2) % 5], AGREEMENT[i % 5], AGREEMENT[(i + 1) % 5],
            HELPED[(i + 7) % len(HELPED)],
        ])
    return rows


def plain_rows(n):
    """A table made by hand: one header row, a rating grid written as
    "Question - Row", and a blank line among the first answers."""
    top = ["Participant", "Programme", "Rate the course - Content",
           "Rate the course - Delivery", "Comments"]
    rows = [top]
    for i in range(n):
        if i == 3:
            rows.append([])
        rows.append([
            "P%03d" % (i + 1), PROGRAMMES[i % len(PROGRAMMES)],
            QUALITY[i % 4], QUALITY[(i + 1) % 4], HELPED[(i + 9) % len(HELPED)],
        ])
    return rows


def main():
    qualtrics = qualtrics_rows(12)
    write_csv("qualtrics.csv", qualtrics, bom=True, quote_all=True)
    write_xlsx("qualtrics.xlsx", qualtrics)
    write_csv("qualtrics-legacy.csv", qualtrics_legacy_rows(6), quote_all=True)
    surveymonkey = surveymonkey_rows(6)
    write_csv("surveymonkey.csv", surveymonkey, bom=True, quote_all=True)
    # The workbook merges each question over its columns.
    write_xlsx("surveymonkey.xlsx", surveymonkey, merges=("K1:M1", "N1:P1"))
    write_csv("microsoft-forms.csv", microsoft_forms_rows(8), bom=True)
    write_csv("google-forms.csv", google_forms_rows(8))
    write_csv("plain.csv", plain_rows(12))


if __name__ == "__main__":
    main()
