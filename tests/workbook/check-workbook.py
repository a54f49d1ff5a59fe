#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads an exported workbook back with readers that share no code with
# Evalbench: openpyxl (Debian's python3-openpyxl) for cells, comments and
# styles, and the zip archive itself for what openpyxl does not load (charts,
# images, formulas written anywhere). Run by test-workbook-export.c:
#
#   check-workbook.py example OUT.xlsx QUOTES.json MEMO...
#   check-workbook.py grouped OUT.xlsx
#   check-workbook.py survey OUT.xlsx
#   check-workbook.py text OUT.xlsx ANSWER...
#   check-workbook.py pseudonymised OUT.xlsx FORBIDDEN...
#   check-workbook.py same A.xlsx B.xlsx [SHEET!LABEL...]
#
# Exits 0 when every check holds; otherwise prints what differs and exits 1.

import json
import math
import re
import sys
import zipfile

import openpyxl

SHEETS = ["Responses", "Likert summary", "Reliability", "Codebook", "Quotes",
          "Theme \u00d7 attribute", "Diagram", "Audit trail", "About"]
# The paper's Figure 1: every box and the arrows between them.
FIGURE_1_NODES = {"Peer mentoring", "Sense of belonging", "Increased confidence",
                  "A safe space to test teaching plans and resources", "Empowerment",
                  "Motivation", "Improved practice in the classroom"}

# Table 1 of the paper in seeds/000, in its own order: highest level first.
TABLE_1 = {
    "Deepen my knowledge and understanding of the subject of mathematics":
        [128, 149, 19, 5],
    "Increase my knowledge and understanding of the mathematics curriculum in my school":
        [79, 151, 69, 2],
    "Develop my knowledge and understanding of mathematics interventions":
        [173, 110, 13, 5],
    "Enhance my teaching skills and strategies for delivering mathematics interventions":
        [198, 93, 8, 4],
    "Increase my confidence in teaching or supporting mathematics in general":
        [177, 108, 14, 3],
    "Enable pupils identified as low achievers to learn more mathematics":
        [164, 130, 5, 5],
    "Enhance my ability to help all pupils to learn more mathematics":
        [136, 149, 13, 5],
}
AVERAGE = [150.7, 127.1, 20.1, 4.1]
AVERAGE_PERCENT = [49.9, 42.1, 6.7, 1.4]
LEVELS = ["Realise I need to develop much more", "No change", "Developed somewhat",
          "Strongly developed"]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def load(path):
    return openpyxl.load_workbook(path)


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows()]


def find_row(sheet, first_value, start=1):
    for row in sheet.iter_rows(min_row=start):
        if row[0].value == first_value:
            return row
    return None


def check_no_formulas(path, book):
    # openpyxl marks a formula cell with data_type "f"; the XML says <f>.
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                check(cell.data_type != "f",
                      f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                check(b"<f>" not in archive.read(name) and b"<f " not in archive.read(name),
                      f"{name} holds a formula")


def check_sheets(book):
    check(book.sheetnames == SHEETS, f"sheets are {book.sheetnames}, expected {SHEETS}")


def header_index(sheet):
    return {cell.value: cell.column - 1 for cell in sheet[1] if cell.value is not None}


def check_likert_summary(book):
    sheet = book["Likert summary"]
    header = find_row(sheet, "Item")
    if not check(header is not None, "Likert summary has no table header"):
        return
    levels = [cell.value for cell in sheet[header[0].row + 1][1:5]]
    # Evalbench writes the levels lowest first, the paper highest first.
    check(levels == LEVELS, f"level headers are {levels}")
    for item, paper in TABLE_1.items():
        row = find_row(sheet, item, header[0].row)
        if not check(row is not None, f"no row for {item}"):
            continue
        counts = [cell.value for cell in row[1:5]]
        check(counts == list(reversed(paper)), f"{item}: counts {counts}, paper {paper}")
        valid = sum(paper)
        percents = [cell.value for cell in row[5:9]]
        for got, count in zip(percents, reversed(paper)):
            check(isinstance(got, float) and abs(got - count / valid) < 1e-9,
                  f"{item}: percentage {got} for {count} of {valid}")
        check(row[9].value == valid, f"{item}: valid {row[9].value}, expected {valid}")
        check(row[10].value == 304 - valid, f"{item}: missing {row[10].value}")
        texts = [cell.value for cell in row[12:16]]
        check(texts[3] == f"{paper[0]} ({100 * paper[0] / valid:.1f}%)",
              f"{item}: text {texts[3]!r} is not as in the paper")
        check(all(cell.data_type == "n" for cell in row[1:12] if cell.value is not None),
              f"{item}: counts, percentages, valid, missing and mean must be numbers")
    average = find_row(sheet, "Average", header[0].row)
    if check(average is not None, "no Average row"):
        counts = [round(cell.value, 1) for cell in average[1:5]]
        check(counts == list(reversed(AVERAGE)), f"average counts {counts}")
        percents = [round(100 * cell.value, 1) for cell in average[5:9]]
        check(percents == list(reversed(AVERAGE_PERCENT)), f"average percentages {percents}")


def check_reliability(book):
    sheet = book["Reliability"]
    alpha = find_row(sheet, "Cronbach\u2019s alpha")
    if check(alpha is not None, "no alpha"):
        check(round(alpha[1].value, 2) == 0.89, f"alpha {alpha[1].value}, paper .89")
    component = find_row(sheet, "Variance explained by the first principal component")
    if check(component is not None, "no first component"):
        check(abs(100 * component[1].value - 60.45) < 0.1,
              f"first component {component[1].value}, paper 60.45 %")


def check_chart(path):
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if not check("xl/charts/chart1.xml" in names, "no chart in the workbook"):
            return
        chart = archive.read("xl/charts/chart1.xml").decode()
        check('<c:grouping val="percentStacked"/>' in chart, "the chart is not 100 % stacked")
        check(chart.count("<c:ser>") == 4, "the chart does not have one series per level")
        for column in "BCDE":
            check(f"<c:f>'Likert summary'!${column}$" in chart,
                  f"no series from column {column} of the Likert summary")
        check(re.search(r"<c:f>'Likert summary'!\$A\$\d+:\$A\$\d+</c:f>", chart) is not None,
              "the categories are not the item names of the Likert summary")
        # The BrBG palette, lowest level first.
        for colour in ["A6611A", "DFC27D", "80CDC1", "018571"]:
            check(colour in chart, f"series colour {colour} missing")
        # Cached values, which viewers other than Excel draw from.
        check("<c:numCache>" in chart, "the chart carries no values")
        check(any(name.startswith("xl/media/image") and name.endswith(".png") for name in names),
              "the Evalbench figure is not in the workbook")


def cell_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_comments(book, quotes_path, memos):
    with open(quotes_path, encoding="utf-8") as f:
        quotes = json.load(f)
    sheet = book["Responses"]
    columns = header_index(sheet)
    row_of = {}
    for row in sheet.iter_rows(min_row=2):
        row_of[cell_text(row[0].value)] = row
    coded = 0
    seen_memos = set()
    for quote in quotes:
        row = row_of[quote["respondent"]]
        cell = row[columns[quote["column"]]]
        check(cell.value == quote["text"], f"answer of {quote['respondent']} differs")
        if not quote["themes"]:
            check(cell.comment is None, f"uncoded answer {cell.coordinate} has a comment")
            continue
        coded += 1
        if not check(cell.comment is not None, f"coded answer {cell.coordinate} has no comment"):
            continue
        text = cell.comment.text
        first = text.split("\n")[0]
        check(first.startswith("Themes: "), f"{cell.coordinate}: comment starts {first!r}")
        themes = set(first[len("Themes: "):].split("; "))
        check(themes == set(quote["themes"]),
              f"{cell.coordinate}: comment themes {themes}, coded {quote['themes']}")
        for theme in quote["themes"]:
            # A theme's column holds 1 when the answer is coded with it.
            check(row[columns[theme]].value == 1, f"{cell.coordinate}: no 1 under {theme}")
            check(theme in (row[columns["Themes"]].value or ""),
                  f"{cell.coordinate}: {theme} not in the Themes column")
        for memo in memos:
            if memo in text:
                seen_memos.add(memo)
    comments = sum(1 for row in sheet.iter_rows() for cell in row if cell.comment is not None)
    check(comments == coded, f"{comments} comments for {coded} coded answers")
    check(coded > 0, "no coded answers")
    check(seen_memos == set(memos), f"memos missing from comments: {set(memos) - seen_memos}")
    return coded


def check_quotes(book, coded, memos):
    sheet = book["Quotes"]
    rows = rows_of(sheet)
    check(len(rows) - 1 == coded, f"Quotes has {len(rows) - 1} rows for {coded} coded answers")
    header = [cell.value for cell in rows[0]]
    for name in ["Themes", "Respondent", "Gender", "Programme", "Question", "Answer", "Coder",
                 "Memos"]:
        check(name in header, f"Quotes has no column {name}")
    # Sorted by theme, in codebook order.
    order = [cell.value for cell in book["Codebook"]["A"]]
    firsts = [order.index(row[0].value.split("; ")[0]) for row in rows[1:]]
    check(firsts == sorted(firsts), "Quotes are not sorted by theme")
    memo_cells = " ".join(str(row[header.index("Memos")].value) for row in rows[1:])
    for memo in memos:
        check(memo in memo_cells, f"memo {memo!r} not in Quotes")


def check_codebook(book):
    sheet = book["Codebook"]
    row = find_row(sheet, "Sharing ideas")
    if check(row is not None, "Codebook lacks Sharing ideas"):
        check(row[0].alignment.indent == 1, "a sub-theme is not indented")
        check(row[1].value == "#a6761d", f"colour {row[1].value}")
        check(row[1].fill.fgColor.rgb.endswith("A6761D"), "the colour cell is not filled with it")
    row = find_row(sheet, "An opportunity to discuss and share")
    if check(row is not None, "Codebook lacks a top-level theme"):
        check(not row[0].alignment.indent, "a top-level theme is indented")
        check(row[3].value == 22 and row[4].value == 22, "counts of a theme with sub-themes")


def check_diagram(path, book):
    sheet = book["Diagram"]
    values = [row for row in sheet.iter_rows(values_only=True)]
    nodes_at = next(i for i, row in enumerate(values) if row[0] == "Nodes")
    arrows_at = next(i for i, row in enumerate(values) if row[0] == "Arrows")
    nodes = {row[0] for row in values[nodes_at + 2:arrows_at] if row[0]}
    check(nodes == FIGURE_1_NODES, f"Diagram nodes are {sorted(nodes)}")
    arrows = {(row[0], row[1]) for row in values[arrows_at + 2:] if row[0]}
    check(len(arrows) == 8, f"Diagram has {len(arrows)} arrows, expected the paper's 8")
    check(("Empowerment", "Motivation") in arrows, "no arrow Empowerment → Motivation")
    linked = [row for row in values[nodes_at + 2:arrows_at] if row[0] == "Increased confidence"]
    check(linked and isinstance(linked[0][4], (int, float)) and linked[0][4] > 0,
          "Increased confidence shows no live quote count")
    with zipfile.ZipFile(path) as archive:
        media = [n for n in archive.namelist() if n.startswith("xl/media/") and n.endswith(".png")]
    check(len(media) >= 2, f"expected the Likert figure and the diagram as images, found {media}")


def run_example(path, quotes_path, memos):
    book = load(path)
    check_sheets(book)
    check_likert_summary(book)
    check_reliability(book)
    check_chart(path)
    coded = check_comments(book, quotes_path, memos)
    check_quotes(book, coded, memos)
    check_codebook(book)
    check_diagram(path, book)
    check_no_formulas(path, book)
    about = {row[0].value: row[1].value for row in book["About"].iter_rows() if row[0].value}
    check(str(about.get("Written by", "")).startswith("Evalbench "), "About names no version")
    check(about.get("Respondents (rows)") == 304, "About: respondents")
    check(book["Audit trail"].max_row > 1, "the audit trail is empty")
    # Likert answers are shaded with the palette, lowest level brown.
    responses = book["Responses"]
    columns = header_index(responses)
    item = list(TABLE_1)[0]
    for row in responses.iter_rows(min_row=2):
        cell = row[columns[item]]
        if cell.value == LEVELS[0]:
            check(cell.fill.fgColor.rgb.endswith("A6611A"), "lowest level not shaded")
            break
    check(responses.freeze_panes == "A2", f"Responses frozen at {responses.freeze_panes}")
    check(responses.auto_filter.ref is not None, "Responses has no autofilter")


def mann_whitney_from_counts(counts_a, counts_b):
    """U of A, z (ties, continuity corrected) and two-sided p, from counts per level."""
    a = [level for level, n in enumerate(counts_a) for _ in range(n)]
    b = [level for level, n in enumerate(counts_b) for _ in range(n)]
    pooled = sorted(a + b)
    ranks, i = {}, 0
    while i < len(pooled):
        j = i
        while j < len(pooled) and pooled[j] == pooled[i]:
            j += 1
        ranks[pooled[i]] = (i + 1 + j) / 2
        i = j
    n1, n2 = len(a), len(b)
    n = n1 + n2
    u = sum(ranks[x] for x in a) - n1 * (n1 + 1) / 2
    ties = sum(t ** 3 - t for t in (pooled.count(v) for v in set(pooled)))
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
    d = u - n1 * n2 / 2
    z = (d - math.copysign(0.5, d)) / sigma
    return u, z, math.erfc(abs(z) / math.sqrt(2))


def run_grouped(path):
    book = load(path)
    sheet = book["Likert summary"]
    rows = list(sheet.iter_rows())
    values = [row[0].value for row in rows if row[0].value]
    check("Programme: 1CN (N = 144)" in values, "no table for 1CN")
    check("Programme: 1CN2 (N = 160)" in values, "no table for 1CN2")
    starts = [i for i, row in enumerate(rows)
              if str(row[0].value or "").startswith("Comparison: Programme ")]
    check(len(starts) == 1, "no comparison of the two programmes")
    if len(starts) != 1:
        return
    start = starts[0]
    # The groups add up to everyone.
    item = list(TABLE_1)[0]
    item_rows = [row for row in rows[:start] if row[0].value == item]
    check(len(item_rows) == 3, f"{len(item_rows)} rows for the first item, expected all + 2 groups")
    if len(item_rows) == 3:
        for level in range(4):
            check(item_rows[1][1 + level].value + item_rows[2][1 + level].value ==
                  item_rows[0][1 + level].value, "group counts do not add up")

    # The comparison, recomputed from the group tables' counts.
    groups = re.fullmatch(r"Comparison: Programme (\S+) against (\S+)", rows[start][0].value)
    check(groups is not None, f"comparison heading {rows[start][0].value!r}")
    if groups is None:
        return
    name_a, name_b = groups.groups()
    header = [cell.value for cell in rows[start + 2][:7]]
    check(header == ["Item", f"Positive, {name_a}", f"Positive, {name_b}", "Difference (points)",
                     "U", "z", "p"], f"comparison header {header}")
    table_of = {}
    current = None
    for row in rows[:start]:
        heading = re.fullmatch(r"Programme: (\S+) \(N = \d+\)", str(row[0].value or ""))
        if heading:
            current = heading.group(1)
        elif current and row[0].value in TABLE_1:
            table_of[(current, row[0].value)] = [row[1 + level].value for level in range(4)]
    compared = {row[0].value: row for row in rows[start + 3:start + 3 + len(TABLE_1)]}
    check(set(compared) == set(TABLE_1), "the comparison does not list the seven items")
    for item, row in compared.items():
        counts_a, counts_b = table_of.get((name_a, item)), table_of.get((name_b, item))
        if counts_a is None or counts_b is None:
            check(False, f"no group counts for {item}")
            continue
        # Above the middle of the four levels: the top two.
        positive_a = (counts_a[2] + counts_a[3]) / sum(counts_a)
        positive_b = (counts_b[2] + counts_b[3]) / sum(counts_b)
        u, z, p = mann_whitney_from_counts(counts_a, counts_b)
        got = [cell.value for cell in row[1:7]]
        want = [positive_a, positive_b, (positive_a - positive_b) * 100, u, z, p]
        check(all(abs(g - w) < 1e-9 for g, w in zip(got, want)),
              f"comparison of {item}: {got}, expected {want}")
        check(row[1].number_format == "0.0%" and row[6].number_format == "0.000",
              f"comparison formats {row[1].number_format}, {row[6].number_format}")


def run_waves(path, levels):
    """The paired table against pairs made here from the Responses sheet."""
    book = load(path)
    responses = book["Responses"]
    columns = header_index(responses)
    items = [name for name in columns if str(name).startswith("Item ")]
    answers = {}
    for row in responses.iter_rows(min_row=2, values_only=True):
        answers[(row[columns["Wave"]], cell_text(row[columns["ID"]]))] = row
    waves = sorted({wave for wave, _ in answers}, key=lambda w: w != "pre")
    check(waves == ["pre", "post"], f"waves {waves}")
    sheet = book["Likert summary"]
    rows = list(sheet.iter_rows())
    starts = [i for i, row in enumerate(rows) if row[0].value == "The same respondents: pre to post"]
    check(len(starts) == 1, "no table of the same respondents")
    if len(starts) != 1:
        return
    start = starts[0]
    check([cell.value for cell in rows[start + 2][:7]] ==
          ["Item", "Pairs", "Higher", "The same", "Lower", "Reached the top", "Net change (points)"],
          "paired table header")
    ids = {id_ for wave, id_ in answers if wave == "pre"} & {id_ for wave, id_ in answers if wave == "post"}
    top = len(levels) - 1
    for offset, item in enumerate(items):
        row = rows[start + 3 + offset]
        check(row[0].value == item, f"paired row {offset} is {row[0].value!r}, expected {item!r}")
        up = same = down = to_top = 0
        for id_ in ids:
            before = answers[("pre", id_)][columns[item]]
            after = answers[("post", id_)][columns[item]]
            if before not in levels or after not in levels:
                continue
            b, a = levels.index(before), levels.index(after)
            up += a > b
            same += a == b
            down += a < b
            to_top += a == top and b < top
        n = up + same + down
        want = [n, up / n, same / n, down / n, to_top / n, 100 * (up - down) / n]
        got = [cell.value for cell in row[1:7]]
        check(all(abs(g - w) < 1e-9 for g, w in zip(got, want)), f"paired {item}: {got}, expected {want}")


def run_text(path, answers):
    book = load(path)
    check_no_formulas(path, book)
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in answers:
                    check(cell.data_type == "s",
                          f"{sheet.title}!{cell.coordinate} {cell.value!r} is not text")
                    found.add((sheet.title, cell.value))
    for answer in answers:
        check(("Responses", answer) in found, f"{answer!r} is not in Responses as text")
    check(("Quotes", answers[0]) in found, f"{answers[0]!r} is not in Quotes as text")
    # Numbers of a number column are numbers; a code with a leading zero is not.
    responses = book["Responses"]
    columns = header_index(responses)
    scores = [row[columns["Score"]] for row in responses.iter_rows(min_row=2)]
    check(any(cell.data_type == "n" and cell.value == -3.5 for cell in scores),
          "the number -3.5 is not a number")
    check(any(cell.data_type == "s" and cell.value == "007" for cell in scores),
          "007 lost its leading zeros")


def all_text(path):
    # Every string in every part: cells, shared strings, comments, charts.
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace")
                         for name in archive.namelist() if name.endswith((".xml", ".vml")))


def run_pseudonymised(path, forbidden):
    book = load(path)
    raw = all_text(path)
    for word in forbidden:
        check(word not in raw, f"{word!r} is still in the workbook")
    responses = book["Responses"]
    header = [cell.value for cell in responses[1]]
    check("Name" not in header and "E-mail" not in header, f"identifying columns kept: {header}")
    codes = [row[0].value for row in responses.iter_rows(min_row=2)]
    check(all(re.fullmatch(r"P\d{3}", str(code)) for code in codes), f"codes {codes}")
    check(codes == sorted(codes) and codes[0] == "P001", "codes are not given in row order")
    # Each quote's respondent code is its row's code in Responses.
    columns = header_index(responses)
    code_of_answer = {}
    for row in responses.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 12:
                code_of_answer[cell.value] = row[0].value
    quotes = book["Quotes"]
    qcolumns = header_index(quotes)
    n = 0
    for row in quotes.iter_rows(min_row=2):
        answer = row[qcolumns["Answer"]].value
        check(code_of_answer.get(answer) == row[qcolumns["Respondent"]].value,
              f"quote {answer!r}: respondent {row[qcolumns['Respondent']].value}")
        n += 1
    check(n > 0, "no quotes")
    audit = " ".join(str(row[5].value) for row in book["Audit trail"].iter_rows(min_row=2))
    check(re.search(r"respondent P\d{3}, ", audit) is not None, "the audit trail names no codes")
    check("Themes" in columns, "no Themes column")


def run_survey(path):
    book = load(path)
    check_sheets(book)
    check_no_formulas(path, book)
    check_likert_summary(book)
    note = book["Codebook"].cell(row=5, column=1).value
    check(note is not None and note.startswith("No codebook"), f"Codebook says {note!r}")


def run_same(path_a, path_b, ignored):
    a, b = load(path_a), load(path_b)
    check(a.sheetnames == b.sheetnames, "different sheets")
    for name in a.sheetnames:
        rows_a = [[cell.value for cell in row] for row in a[name].iter_rows()]
        rows_b = [[cell.value for cell in row] for row in b[name].iter_rows()]
        if len(rows_a) != len(rows_b):
            check(False, f"{name}: {len(rows_a)} rows against {len(rows_b)}")
            continue
        for i, (ra, rb) in enumerate(zip(rows_a, rows_b)):
            if ra and f"{name}!{ra[0]}" in ignored:
                continue
            check(ra == rb, f"{name} row {i + 1} differs: {ra} against {rb}")
        comments_a = [(c.coordinate, c.comment.text) for r in a[name].iter_rows() for c in r
                      if c.comment]
        comments_b = [(c.coordinate, c.comment.text) for r in b[name].iter_rows() for c in r
                      if c.comment]
        check(comments_a == comments_b, f"{name}: comments differ")


def main(argv):
    mode = argv[1]
    if mode == "example":
        run_example(argv[2], argv[3], argv[4:])
    elif mode == "grouped":
        run_grouped(argv[2])
    elif mode == "waves":
        run_waves(argv[2], argv[3:])
    elif mode == "text":
        run_text(argv[2], argv[3:])
    elif mode == "pseudonymised":
        run_pseudonymised(argv[2], argv[3:])
    elif mode == "survey":
        run_survey(argv[2])
    elif mode == "same":
        run_same(argv[2], argv[3], set(argv[4:]))
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    for failure in failures[:40]:
        print(failure)
    if len(failures) > 40:
        print(f"… and {len(failures) - 40} more")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
