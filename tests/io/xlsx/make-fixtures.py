#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the workbook fixtures of tests/io/xlsx next to this script.

Three makers, as evaluators' files come from all three: openpyxl (Debian's
python3-openpyxl; it writes strings inline), workbooks put together part by
part here, the way Excel writes them (shared strings, rich text, styles,
merged cells listed after the data) or the way they break, and Gnumeric's
ssconvert for the OpenDocument versions. libxlsxwriter's fixtures, and the
password-protected, Excel 97 and zip-bomb files, are written at build time
by make-xlsx-fixtures.c. test-xlsx-reader.c, test-ods-reader.c and
test-sheet-import.c say what is expected of each file.

    /usr/bin/python3 tests/io/xlsx/make-fixtures.py

The files are the same byte for byte on every run (fixed dates inside the
archives), except that ssconvert's output depends on Gnumeric's version.
"""

import csv
import datetime
import io
import os
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_DATE = (2024, 1, 1, 0, 0, 0)
FIXED_TIME = datetime.datetime(2024, 1, 1)


def out(name):
    return os.path.join(HERE, name)


def write_zip(path, parts):
    """PARTS: (name, bytes or str[, compression]) in archive order."""
    with zipfile.ZipFile(path, "w") as archive:
        for part in parts:
            name, data = part[0], part[1]
            compression = part[2] if len(part) > 2 else zipfile.ZIP_DEFLATED
            if isinstance(data, str):
                data = data.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def normalise_zip(path):
    """Rewrites an archive with fixed dates, keeping order and compression
    (ODF wants its "mimetype" first and stored)."""
    with zipfile.ZipFile(path) as archive:
        parts = [(i.filename, archive.read(i.filename), i.compress_type)
                 for i in archive.infolist()]
    write_zip(path, parts)


def save_openpyxl(workbook, name):
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.save(out(name))
    normalise_zip(out(name))


def ssconvert(source, target):
    with tempfile.TemporaryDirectory() as tmp:
        result = os.path.join(tmp, os.path.basename(target))
        subprocess.run(["ssconvert", out(source), result], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copyfile(result, out(target))
    normalise_zip(out(target))


# ---- openpyxl ---------------------------------------------------------------

def make_types():
    """One row per kind of value; the expected texts are in the tests."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Answers"
    ws.append(["ID", "Name", "Score", "Ratio", "Done", "Result", "Joined",
               "Started", "Time", "Custom date", "Builtin date"])
    rows = [
        [1, "Ann", 3, 0.25, True, "#N/A", datetime.date(2024, 3, 1),
         datetime.datetime(2024, 3, 1, 10, 15, 30), datetime.time(10, 15),
         datetime.date(2024, 12, 31), datetime.date(2024, 2, 29)],
        [2, "Ben", 4.5, 1e-05, False, "#DIV/0!", datetime.date(1999, 12, 31),
         datetime.datetime(2000, 1, 1, 0, 0), datetime.time(23, 59, 59),
         datetime.date(2000, 2, 29), datetime.date(1900, 1, 1)],
        [3, "Cé ñ — 漢字", -7, 1234567890123, True, "ok", datetime.date(1900, 3, 1),
         datetime.datetime(2024, 3, 1, 23, 59, 59), datetime.time(0, 0, 1),
         datetime.date(1970, 1, 1), datetime.date(2038, 1, 19)],
    ]
    for row in rows:
        ws.append(row)
    for r in range(2, 5):
        ws.cell(r, 4).number_format = "0%"
        ws.cell(r, 10).number_format = "dd/mm/yyyy"
        ws.cell(r, 11).number_format = "mm-dd-yy"  # built-in format 14
    save_openpyxl(wb, "types.xlsx")


def make_epoch1904():
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws.append(["ID", "Date", "When"])
    ws.append([1, datetime.date(2024, 3, 1), datetime.datetime(1904, 1, 1, 12, 0)])
    ws.append([2, datetime.date(1904, 1, 2), datetime.datetime(2010, 6, 30, 18, 45)])
    save_openpyxl(wb, "epoch1904.xlsx")


SATISFACTION = ["Very dissatisfied", "Dissatisfied",
                "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"]


def make_merged():
    """SurveyMonkey's layout: a question merged across its sub-columns over
    a row of option names, and single columns merged down both rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Respondent ID", "How satisfied were you with", None, None, "Comments"])
    ws.append([None, "Venue", "Food", "Speaker", None])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:D1")
    ws.merge_cells("E1:E2")
    for i in range(12):
        ws.append([1001 + i, SATISFACTION[i % 5], SATISFACTION[(i + 1) % 5],
                   SATISFACTION[(i + 3) % 5], "Lovely day" if i % 3 == 0 else None])
    save_openpyxl(wb, "merged.xlsx")


def make_sheets():
    """A hidden notes sheet first, then two waves, the second very hidden."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes.append(["Read me", "Exported from Forms"])
    notes.sheet_state = "hidden"
    wave1 = wb.create_sheet("Wave 1")
    wave1.append(["ID", "Answer"])
    wave1.append([1, "Agree"])
    wave1.append([2, "Disagree"])
    wave2 = wb.create_sheet("Wave 2")
    wave2.append(["ID", "Answer", "Extra"])
    wave2.append([10, "Strongly agree", "x"])
    wave2.sheet_state = "veryHidden"
    wb.active = 1
    save_openpyxl(wb, "sheets.xlsx")


def make_blanks():
    """Data from row 3 (two blank rows above), a blank row among the
    answers, an empty column in the middle, and formatted but empty cells
    to the right and below, as a sheet that was tidied by hand has."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    fill = PatternFill("solid", fgColor="FFFF00")
    ws["A3"], ws["B3"], ws["D3"] = "ID", "Answer", "Note"
    ws["A4"], ws["B4"], ws["D4"] = 1, "Agree", "first"
    ws["A5"], ws["B5"] = 2, "Disagree"
    ws["A7"], ws["B7"], ws["D7"] = 4, "Agree", "after a blank row"
    ws["B8"] = "   "  # only spaces: blank
    for row in range(3, 12):
        for col in range(5, 9):
            ws.cell(row, col).fill = fill
    ws["G4"] = " "
    save_openpyxl(wb, "blanks.xlsx")


def make_empty():
    wb = openpyxl.Workbook()
    wb.active.title = "Nothing"
    save_openpyxl(wb, "empty.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "Header"
    wb.active.append(["ID", "Answer"])
    save_openpyxl(wb, "header-only.xlsx")


AGREEMENT = ["Strongly disagree", "Disagree", "Neither agree nor disagree",
             "Agree", "Strongly agree"]
FREQUENCY = ["Never", "Rarely", "Sometimes", "Often", "Always"]
COMMENTS = [
    "The sessions were great, thanks",
    'She said "try it" and I did',
    "Two lines:\nfirst, then second",
    "",
    "More time for questions, please",
]


def survey_rows():
    rows = []
    for i in range(40):
        rows.append([
            100 + i,
            ["1CN", "1CN2", "2CN"][i % 3],
            "Baseline" if i < 20 else "Follow-up",
            *[AGREEMENT[(i * 7 + k * 3 + i // 5) % 5] if (i + k) % 11 else "" for k in range(5)],
            FREQUENCY[(i * 3) % 5],
            "%s (respondent %d)" % (COMMENTS[i % 5], 100 + i) if COMMENTS[i % 5] else "",
            datetime.date(2024, 3, 1) + datetime.timedelta(days=i),
            0.5 + 0.25 * i,
        ])
    return rows


SURVEY_HEADER = ["Participant", "Programme", "Wave",
                 "The sessions were well organised", "I could ask questions",
                 "The materials were useful", "Feedback was helpful",
                 "I would recommend the programme",
                 "How often do you use what you learned?",
                 "Any other comments?", "Submitted", "Hours"]


def make_survey():
    """The same survey as CSV, XLSX (here) and ODS (ssconvert from the
    XLSX): the import must give the same table from each."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Survey"
    ws.append(SURVEY_HEADER)
    for row in survey_rows():
        ws.append([None if value == "" else value for value in row])
    for r in range(2, ws.max_row + 1):
        ws.cell(r, 11).number_format = "yyyy-mm-dd"
    save_openpyxl(wb, "survey.xlsx")

    with open(out("survey.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(SURVEY_HEADER)
        for row in survey_rows():
            row[10] = row[10].isoformat()
            row[11] = "%g" % row[11]
            writer.writerow(row)


# ---- put together part by part ---------------------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
</Relationships>"""

MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def workbook_parts(sheets, strings=None, styles=None, absolute=False, date1904=False):
    """SHEETS: (name, state, xml). Returns the parts of a workbook as Excel
    lays it out."""
    sheet_entries = "".join(
        '<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>'
        % (name, i + 1, ' state="%s"' % state if state else "", i + 1)
        for i, (name, state, _) in enumerate(sheets))
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook %s %s><workbookPr%s/><sheets>%s</sheets></workbook>'
                % (MAIN_NS, REL_NS, ' date1904="1"' if date1904 else "", sheet_entries))
    prefix = "/xl/" if absolute else ""
    rels = "".join(
        '<Relationship Id="rId%d" Type="%sworksheet" Target="%sworksheets/sheet%d.xml"/>'
        % (i + 1, REL_TYPE, prefix, i + 1) for i in range(len(sheets)))
    n = len(sheets)
    if styles is not None:
        rels += ('<Relationship Id="rId%d" Type="%sstyles" Target="%sstyles.xml"/>'
                 % (n + 1, REL_TYPE, prefix))
    if strings is not None:
        rels += ('<Relationship Id="rId%d" Type="%ssharedStrings" Target="%ssharedStrings.xml"/>'
                 % (n + 2, REL_TYPE, prefix))
    workbook_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                     'relationships">%s</Relationships>' % rels)
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
             ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbook_rels)]
    if styles is not None:
        parts.append(("xl/styles.xml", styles))
    if strings is not None:
        parts.append(("xl/sharedStrings.xml", strings))
    for i, (_, _, xml) in enumerate(sheets):
        parts.append(("xl/worksheets/sheet%d.xml" % (i + 1), xml))
    return parts


def sheet_xml(rows, tail=""):
    if isinstance(rows, str):
        data = rows
    else:
        data = "".join(rows)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet %s %s><dimension ref="A1"/><sheetData>%s</sheetData>%s</worksheet>'
            % (MAIN_NS, REL_NS, data, tail))


def shared_strings(items):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst %s count="%d" uniqueCount="%d">%s</sst>'
            % (MAIN_NS, len(items), len(items), "".join("<si>%s</si>" % i for i in items)))


EXCEL_STRINGS = [
    "<t>Name</t>",                                                   # 0
    '<r><rPr><b/><sz val="11"/></rPr><t>Bold</t></r>'
    '<r><rPr><sz val="11"/></rPr><t xml:space="preserve"> and plain</t></r>',  # 1
    '<t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh>'
    '<phoneticPr fontId="1" type="noConversion"/>',                  # 2
    "<t>line_x000D_break _x005F_x0041_ &amp; done</t>",              # 3
    '<t xml:space="preserve">  padded  </t>',                       # 4
    "<t>Comment</t>",                                                # 5
    "<t>When</t>",                                                   # 6
    "<t>Amount</t>",                                                 # 7
    "<t>Sub</t>",                                                    # 8
    "<t/>",                                                          # 9: empty
    "<t>_xD83D__xDE00_ smile</t>",                                   # 10: surrogate pair
]

EXCEL_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet %s><numFmts count="5">\
<numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/>\
<numFmt numFmtId="165" formatCode="&quot;Day &quot;0.00"/>\
<numFmt numFmtId="166" formatCode="[h]:mm:ss"/>\
<numFmt numFmtId="167" formatCode="0.0%%"/>\
<numFmt numFmtId="168" formatCode="[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"/>\
</numFmts>\
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>\
<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>\
<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="22"/>\
<xf numFmtId="168"/></cellXfs></styleSheet>""" % MAIN_NS


def make_excel():
    """What Excel writes: shared strings (rich text, phonetic runs, _xHHHH_
    escapes), a custom number format per kind, dates in the 1900 system
    with its phantom 29 February, a formula with a text result, an error,
    a merged title row whose <mergeCells> comes after the data, and a
    workbook whose relationships point at absolute part names."""
    rows = [
        # Row 1: a title merged over B1:C1, above row 2's sub-titles.
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>6</v></c>'
        '<c r="D1" t="s"><v>7</v></c><c r="E1" t="s"><v>5</v></c></row>',
        '<row r="2"><c r="B2" t="s"><v>8</v></c><c r="C2" t="inlineStr"><is><t>Other</t></is></c></row>',
        '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>45352</v></c>'
        '<c r="C3" s="2"><v>45352.5</v></c><c r="D3" s="3"><v>12.5</v></c>'
        '<c r="E3" t="s"><v>3</v></c></row>',
        '<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" s="1"><v>60</v></c>'
        '<c r="C4" s="6"><v>61.75</v></c><c r="D4" s="4"><v>1.5</v></c>'
        '<c r="E4" t="str"><f>UPPER("x")</f><v>X</v></c></row>',
        '<row r="5"><c r="A5" t="s"><v>4</v></c><c r="B5" s="1"><v>59</v></c>'
        '<c r="C5" s="7"><v>45352</v></c><c r="D5" s="5"><v>0.125</v></c>'
        '<c r="E5" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
        '<row r="6"><c r="A6" t="s"><v>10</v></c><c r="B6" t="d"><v>2024-03-01T09:30:00</v></c>'
        '<c r="C6" t="b"><v>0</v></c><c r="D6"><v>1.0E-3</v></c>'
        '<c r="E6" t="s"><v>9</v></c></row>',
    ]
    tail = '<mergeCells count="2"><mergeCell ref="B1:C1"/><mergeCell ref="A1:A2"/></mergeCells>'
    parts = workbook_parts([("Form1", None, sheet_xml(rows, tail))],
                           strings=shared_strings(EXCEL_STRINGS), styles=EXCEL_STYLES,
                           absolute=True)
    write_zip(out("excel.xlsx"), parts)


def make_norefs():
    """Cells and rows without r="…", as some writers leave them out: the
    position follows from the order, and a row or cell that has a
    reference moves the position on."""
    rows = [
        "<row><c t=\"inlineStr\"><is><t>A</t></is></c><c t=\"inlineStr\"><is><t>B</t></is></c>"
        "<c t=\"inlineStr\"><is><t>C</t></is></c></row>",
        "<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>",
        '<row r="5"><c><v>5</v></c><c r="C5"><v>7</v></c></row>',
        "<row><c r=\"B6\"><v>9</v></c><c><v>10</v></c></row>",
    ]
    write_zip(out("norefs.xlsx"), workbook_parts([("Sheet1", None, sheet_xml(rows))]))


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def make_bad():
    header = '<row r="1">%s%s</row>' % (inline("A1", "ID"), inline("B1", "Answer"))

    # Not well-formed: the cell's tag is closed by the row's.
    rows = header + '<row r="2"><c r="A2"><v>1</v></row>'
    write_zip(out("badxml.xlsx"), workbook_parts([("Sheet1", None, sheet_xml(rows))]))

    # Latin-1 bytes in a UTF-8 part.
    rows = (header + '<row r="2"><c r="A2"><v>1</v></c>' + inline("B2", "ok") + "</row>"
            + '<row r="3"><c r="A3"><v>2</v></c>' + inline("B3", "caf\udce9") + "</row>")
    xml = sheet_xml(rows).encode("utf-8", "surrogateescape")
    write_zip(out("badutf8.xlsx"), workbook_parts([("Sheet1", None, xml)]))

    # One row past the last a spreadsheet can hold.
    rows = header + '<row r="2"><c r="A2"><v>1</v></c></row>' + \
        '<row r="1048577"><c r="A1048577"><v>2</v></c></row>'
    write_zip(out("toomany.xlsx"), workbook_parts([("Big", None, sheet_xml(rows))]))

    # A column past XFD, and two cells far apart that would make a grid of
    # 1,048,576 × 16,384 empty cells.
    rows = header + '<row r="2"><c r="A2"><v>1</v></c><c r="XFE2"><v>2</v></c></row>'
    write_zip(out("toowide.xlsx"), workbook_parts([("Sheet1", None, sheet_xml(rows))]))
    rows = header + '<row r="2"><c r="A2"><v>1</v></c></row>' + \
        '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
    write_zip(out("sparse.xlsx"), workbook_parts([("Sheet1", None, sheet_xml(rows))]))

    # One long shared string in thousands of cells: small on disk, gigabytes
    # of text in the survey.
    rows = header + "".join('<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>2</v></c></row>'
                            % (r, r, r, r) for r in range(2, 4002))
    write_zip(out("amplified.xlsx"),
              workbook_parts([("Sheet1", None, sheet_xml(rows))],
                             strings=shared_strings(["<t>ID</t>", "<t>Answer</t>",
                                                     "<t>%s</t>" % ("a" * 600000)])))

    # A row begun inside another, which no program writes.
    rows = header + '<row r="2"><c r="A2"><v>1</v></c><row r="3"><c r="A3"><v>2</v></c></row></row>'
    write_zip(out("nestedrow.xlsx"), workbook_parts([("Sheet1", None, sheet_xml(rows))]))

    # A shared string that is not there.
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>99</v></c></row>')
    write_zip(out("badsst.xlsx"),
              workbook_parts([("Sheet1", None, sheet_xml(rows))],
                             strings=shared_strings(["<t>ID</t>", "<t>Answer</t>"])))

    # A good workbook cut short, as an interrupted download leaves it.
    with open(out("merged.xlsx"), "rb") as f:
        data = f.read()
    with open(out("truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) * 3 // 5])

    # The sheet's compressed data overwritten in the middle.
    rows = header + "".join('<row r="%d"><c r="A%d"><v>%d</v></c>%s</row>'
                            % (r, r, r, inline("B%d" % r, "Answer number %d" % r))
                            for r in range(2, 400))
    buffer = io.BytesIO()
    write_zip(buffer, workbook_parts([("Sheet1", None, sheet_xml(rows))]))
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle:middle + 64] = b"\xff" * 64
    with open(out("damaged.xlsx"), "wb") as f:
        f.write(data)

    # The directory says the sheet is 3 GiB: refused before reading it.
    buffer = io.BytesIO()
    write_zip(buffer, workbook_parts([("Sheet1", None, sheet_xml(header))]))
    data = bytearray(buffer.getvalue())
    name = b"xl/worksheets/sheet1.xml"
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[entry + 24:entry + 28] = (3 << 30).to_bytes(4, "little")
    with open(out("declared-huge.xlsx"), "wb") as f:
        f.write(data)

    # Wrong names: CSV text, an OpenDocument file and a binary file called
    # .xlsx; a workbook called .ods.
    with open(out("csv-named.xlsx"), "w", newline="", encoding="utf-8") as f:
        f.write("ID,Answer\r\n1,Agree\r\n2,Disagree\r\n")
    shutil.copyfile(out("types.ods"), out("ods-named.xlsx"))
    shutil.copyfile(out("types.xlsx"), out("xlsx-named.ods"))
    with open(out("binary.xlsx"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    # A Word document.
    write_zip(out("word.xlsx"), [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS.replace("xl/workbook.xml", "word/document.xml")),
        ("word/document.xml", "<document/>"),
    ])


# ---- OpenDocument -----------------------------------------------------------

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>""" % ODS_MIMETYPE

ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'office:version="1.2"')


def ods_content(styles, tables):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            "<office:document-content %s><office:automatic-styles>%s</office:automatic-styles>"
            "<office:body><office:spreadsheet>%s</office:spreadsheet></office:body>"
            "</office:document-content>" % (ODS_NAMESPACES, styles, tables))


def write_ods(name, content, manifest=ODS_MANIFEST):
    write_zip(out(name), [("mimetype", ODS_MIMETYPE, zipfile.ZIP_STORED),
                          ("content.xml", content),
                          ("META-INF/manifest.xml", manifest)])


def cell(text, extra=""):
    return ('<table:table-cell office:value-type="string" calcext:value-type="string"%s>'
            "<text:p>%s</text:p></table:table-cell>" % (extra, text))


def make_ods_features():
    """What LibreOffice writes: a hidden first table, repeated rows and
    cells (up to the end of the sheet), a header merged across columns
    with covered cells under it, paragraphs with runs of spaces, tabs,
    line breaks, spans and comments, and each value type."""
    styles = ('<style:style style:name="ta1" style:family="table">'
              '<style:table-properties table:display="true"/></style:style>'
              '<style:style style:name="ta2" style:family="table">'
              '<style:table-properties table:display="false"/></style:style>')
    hidden = ('<table:table table:name="Hidden" table:style-name="ta2"><table:table-row>'
              + cell("secret") + "</table:table-row></table:table>")
    empty_tail = ('<table:table-cell table:number-columns-repeated="1016"/>')
    rows = [
        # Header: "Answers" merged over B1:C1 (C1 covered), D1 title.
        "<table:table-row>" + cell("ID")
        + cell("Answers", ' table:number-columns-spanned="2" table:number-rows-spanned="1"')
        + "<table:covered-table-cell/>" + cell("Notes") + cell("Kind") + empty_tail
        + "</table:table-row>",
        "<table:table-row><table:table-cell/>" + cell("First") + cell("Second")
        + "<table:table-cell/><table:table-cell/>" + empty_tail + "</table:table-row>",
        # Two identical rows written once; two identical cells written once.
        '<table:table-row table:number-rows-repeated="2">'
        '<table:table-cell office:value-type="float" office:value="7" calcext:value-type="float">'
        "<text:p>7</text:p></table:table-cell>"
        + cell("Agree", ' table:number-columns-repeated="2"')
        + '<table:table-cell office:value-type="percentage" office:value="0.25">'
        "<text:p>25%</text:p></table:table-cell>"
        + '<table:table-cell office:value-type="boolean" office:boolean-value="true">'
        "<text:p>TRUE</text:p></table:table-cell>" + empty_tail + "</table:table-row>",
        # Blank rows among the answers stay.
        '<table:table-row table:number-rows-repeated="2">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
        "<table:table-row>"
        '<table:table-cell office:value-type="currency" office:currency="EUR" office:value="-1.5">'
        "<text:p>-1.50 €</text:p></table:table-cell>"
        '<table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b'
        "<text:tab/>c<text:line-break/>d <text:span>e</text:span></text:p>"
        "<text:p>second paragraph</text:p>"
        '<office:annotation><dc:creator>Reviewer</dc:creator><text:p>not this</text:p>'
        "</office:annotation></table:table-cell>"
        '<table:table-cell office:value-type="date" office:date-value="2024-03-01">'
        "<text:p>01/03/24</text:p></table:table-cell>"
        '<table:table-cell office:value-type="date" office:date-value="2024-03-01T14:05:09">'
        "<text:p>01/03/24 14:05</text:p></table:table-cell>"
        '<table:table-cell office:value-type="time" office:time-value="PT36H30M00S">'
        "<text:p>36:30:00</text:p></table:table-cell>" + empty_tail + "</table:table-row>",
        "<table:table-row>"
        '<table:table-cell office:value-type="float" office:value="0.1000000000000000055">'
        "<text:p>0.1</text:p></table:table-cell>"
        '<table:table-cell table:formula="of:=NA()" office:value-type="float" office:value="0" '
        'calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>'
        '<table:table-cell office:value-type="boolean" office:boolean-value="false">'
        "<text:p>FALSE</text:p></table:table-cell>"
        '<table:table-cell><text:p>untyped</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="2"/>'
        + empty_tail + "</table:table-row>",
        # The rest of the sheet, empty, as LibreOffice writes it.
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
    ]
    visible = ('<table:table table:name="Survey" table:style-name="ta1">'
               '<table:table-column table:number-columns-repeated="16384"/>'
               "<table:table-header-rows>" + rows[0] + rows[1] + "</table:table-header-rows>"
               + "".join(rows[2:]) + "</table:table>")
    second = ('<table:table table:name="Other" table:style-name="ta1"><table:table-row>'
              + cell("Only") + "</table:table-row><table:table-row>" + cell("one")
              + "</table:table-row></table:table>")
    write_ods("features.ods", ods_content(styles, hidden + visible + second))


def make_ods_bad():
    # LibreOffice's "Save with password": the manifest says content.xml is
    # encrypted, and content.xml is ciphertext.
    manifest = ODS_MANIFEST.replace(
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>',
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" '
        'manifest:size="1234"><manifest:encryption-data manifest:checksum-type="SHA1/1K" '
        'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
        'manifest:initialisation-vector="AAAA"/></manifest:encryption-data>'
        "</manifest:file-entry>")
    write_zip(out("encrypted.ods"), [("mimetype", ODS_MIMETYPE, zipfile.ZIP_STORED),
                                     ("content.xml", bytes(range(256)) * 4),
                                     ("META-INF/manifest.xml", manifest)])

    # A non-empty row repeated past the end of a sheet.
    table = ('<table:table table:name="Big"><table:table-row>' + cell("ID")
             + '</table:table-row><table:table-row table:number-rows-repeated="1048576">'
             + cell("again") + "</table:table-row></table:table>")
    write_ods("toomany.ods", ods_content("", table))

    # A cell of a few bytes that spells out more than a megabyte of spaces.
    table = ('<table:table table:name="Long"><table:table-row>' + cell("ID") + cell("Answer")
             + "</table:table-row><table:table-row>" + cell("1")
             + cell('x<text:s text:c="32767"/>' * 40) + "</table:table-row></table:table>")
    write_ods("longcell.ods", ods_content("", table))

    # A row begun inside another.
    table = ('<table:table table:name="Nested"><table:table-row>' + cell("ID") + cell("Answer")
             + "</table:table-row><table:table-row>" + cell("1") + "<table:table-row>" + cell("2")
             + "</table:table-row></table:table-row></table:table>")
    write_ods("nestedrow.ods", ods_content("", table))

    # An empty spreadsheet.
    table = ('<table:table table:name="Blank"><table:table-row table:number-rows-repeated="1048576">'
             '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
             "</table:table>")
    write_ods("empty.ods", ods_content("", table))


def main():
    make_types()
    make_epoch1904()
    make_merged()
    make_sheets()
    make_blanks()
    make_empty()
    make_survey()
    make_excel()
    make_norefs()
    ssconvert("types.xlsx", "types.ods")
    ssconvert("merged.xlsx", "merged.ods")
    ssconvert("sheets.xlsx", "sheets.ods")
    ssconvert("survey.xlsx", "survey.ods")
    make_bad()
    make_ods_features()
    make_ods_bad()


if __name__ == "__main__":
    main()
