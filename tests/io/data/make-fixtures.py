#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the CSV fixtures of tests/io, byte for byte.

Run it from anywhere: the files land next to this script. Each fixture
shows one quirk of the files evaluators bring (Excel, LimeSurvey, Qualtrics,
Google Forms exports) or one kind of bad input; test-csv-reader.c says what
is expected of each.
"""

import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def crlf(text):
    return text.replace("\n", "\r\n")


def make_zip():
    # A real (tiny) workbook-like archive; fixed date so the bytes never change.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        info = zipfile.ZipInfo("[Content_Types].xml", date_time=(2024, 1, 1, 0, 0, 0))
        archive.writestr(info, '<?xml version="1.0"?><Types/>')
    return buffer.getvalue()


FIXTURES = {
    # RFC 4180 quoting, CRLF line ends; answers with a comma, doubled
    # quotes, CRLF and LF line breaks, an empty quoted field and a quote
    # inside an unquoted field.
    "quoted.csv": crlf(
        "id,comment,rating\n"
        '1,"Hello, world",Agree\n'
        '2,"She said ""yes""",Disagree\n'
        '3,"Line one\nLine two",Agree\n'
    ).encode()
    + b'4,"Line one\nLine two",Neither\r\n'
    + crlf('5,"",Agree\n' '6,plain "quote" inside,Agree\n').encode(),

    "comma.csv": (
        "id,programme,q1\n"
        "1,1CN,Agree\n"
        "2,2CN,Disagree\n"
    ).encode(),

    # European Excel: semicolons, with commas in the open answers.
    "semicolon.csv": (
        "id;programme;q1;comment\n"
        "1;1CN;Agree;Good, but too long\n"
        "2;2CN;Disagree;Fine, thanks\n"
        "3;1CN;Agree;Nothing, really\n"
    ).encode(),

    "tab.txt": (
        "id\tprogramme\tq1\n"
        "1\t1CN\tAgree\n"
        "2\t2CN\tDisagree\n"
    ).encode(),

    # Every line has two commas and one tab: sniffing would pick the comma,
    # the .tsv extension says tab.
    "forced.tsv": (
        "last, first, middle\tremark\n"
        "Doe, Jane, A.\tok\n"
        "Roe, Rich, B.\tfine\n"
    ).encode(),

    "bom-utf8.csv": b"\xef\xbb\xbf" + "naïve,Ünïcode\n1,café\n".encode(),

    # Excel's "Unicode Text": UTF-16LE with a BOM, tabs, CRLF; an emoji
    # needs a surrogate pair.
    "utf16le.txt": b"\xff\xfe" + crlf("id\tanswer\n1\tNaïve 😀\n2\t“quoted”\n").encode("utf-16-le"),

    "utf16be.csv": b"\xfe\xff" + "id,answer\n1,Ærø\n".encode("utf-16-be"),

    # Old Excel on Windows: ’ (0x92), é (0xE9) and € (0x80).
    "windows1252.csv": "id;comment\n1;Don’t know\n2;Très bien, 5 €\n".encode("cp1252"),

    # Valid UTF-8 at first (Ã© in Windows-1252), a lone 0xE9 later: the
    # whole file is Windows-1252.
    "mixed.csv": b"id,comment\n1,\xc3\xa9\n2,caf\xe9\n",

    # Two header rows: a section row above the question row.
    "multi-header.csv": (
        "Section,Satisfaction,Satisfaction,\n"
        "ID,Teaching,Materials,Comments\n"
        "1,Agree,Disagree,Fine\n"
    ).encode(),

    "titles.csv": (
        "Q1,,Q1,Q1,Column 2,\n"
        "1,2,3,4,5,6\n"
    ).encode(),

    # Short rows are padded; trailing empty fields beyond the header are
    # padding too.
    "short-rows.csv": (
        "a,b,c,d,e\n"
        "1,2\n"
        "1,2,3,4,5\n"
        "1,2,3\n"
        "1,2,3,4,5,,\n"
    ).encode(),

    # Blank lines before the header are skipped, a blank row among the
    # answers is kept, trailing blank rows (even ",,,") are dropped.
    "trailing.csv": (
        "\n\n"
        "a,b,c\n"
        "1,2,3\n"
        "\n"
        "4,5,6\n"
        "\n"
        ",,\n"
        "   \n"
        "\n"
    ).encode(),

    # Text under an extension that says nothing: read as CSV.
    "answers.dat": (
        "id;frequency;comment\n"
        "1;Never;ok\n"
        "2;Sometimes;fine, thanks\n"
        "3;Always;\n"
        "4;Sometimes;good\n"
    ).encode(),

    "empty.csv": b"",
    "blank.csv": b"\xef\xbb\xbf \r\n\t\n",
    "header-only.csv": b"a,b,c\r\n\r\n",
    "binary.csv": b"id,a\n\x00\x01\x02\x03",
    "zip.csv": make_zip(),

    # The quote opens on line 5, column 3 (line 2 holds a two-line answer).
    "unterminated.csv": (
        "id,comment,rating\n"
        '1,"two\nlines",Agree\n'
        "2,ok,Agree\n"
        '3,x,"never closed\n'
        "4,y,Agree\n"
    ).encode(),

    # Line 5 has an unquoted comma in the answer: 4 fields for 3 columns.
    "ragged.csv": (
        "id,comment,rating\n"
        '1,"multi\nline",Agree\n'
        "2,ok,Agree\n"
        "3,Good, really,Agree\n"
    ).encode(),

    # A lone low surrogate on line 3, column 2.
    "bad-utf16.csv": b"\xff\xfe"
    + "a,b\r\n1,2\r\n3,".encode("utf-16-le")
    + b"\x00\xdc"
    + "\r\n".encode("utf-16-le"),

    # One byte too many at the end of a UTF-16 file (line 2, column 2).
    "truncated-utf16.csv": b"\xfe\xff" + "a,b\n1,2".encode("utf-16-be") + b"\x00",

    # 0x81 is neither UTF-8 nor Windows-1252 (line 3, column 2).
    "bad-bytes.csv": b"id;name\n1;Caf\xe9\n2;x\x81y\n",
}


def main():
    for name, data in sorted(FIXTURES.items()):
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
