#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the bundled example survey against the paper it imitates.

  check-example.py SURVEY.csv [--generator make-example.py] [--project FILE.evalbench]

SURVEY.csv must have the shape reported in seeds/000: 304 respondents, 290
female / 10 male / 4 not given, 144 on 1CN and 160 on 1CN2, the seven items of
Table 1 with exactly its counts, the quoted participants with their
programmes and words, 199 and 148 answers to the two open questions, and
Cronbach's alpha near .89. With --generator, the generator must reproduce
SURVEY.csv byte for byte. With --project, the built example project must be
an intact SQLite database.
"""

import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile

LEVELS = ["Strongly developed", "Developed somewhat", "No change",
          "Realise I need to develop much more"]
TABLE_1 = [
    ("Deepen my knowledge and understanding of the subject of mathematics",
     [128, 149, 19, 5]),
    ("Increase my knowledge and understanding of the mathematics curriculum in my school",
     [79, 151, 69, 2]),
    ("Develop my knowledge and understanding of mathematics interventions",
     [173, 110, 13, 5]),
    ("Enhance my teaching skills and strategies for delivering mathematics interventions",
     [198, 93, 8, 4]),
    ("Increase my confidence in teaching or supporting mathematics in general",
     [177, 108, 14, 3]),
    ("Enable pupils identified as low achievers to learn more mathematics",
     [164, 130, 5, 5]),
    ("Enhance my ability to help all pupils to learn more mathematics",
     [136, 149, 13, 5]),
]
F2F = "Face-to-face sessions"
PEER = "Peer support of other school staff on the training program"
HEADER = ["Participant", "Gender", "Programme", "Role"] + [t for t, _ in TABLE_1] + [F2F, PEER]

# A few of the paper's quotes, with participant and programme as printed.
QUOTES = [
    ("117", "1CN2", F2F, "Open discussions have helped with the delivery of sessions back at school"),
    ("213", "1CN2", F2F, "Being shown face-to-face how the program works has helped me to transfer "
                         "the methods to the children within the group"),
    ("216", "1CN2", PEER, "I have been able to share my knowledge with other members of staff "
                          "through staff meetings etc"),
    ("114", "1CN2", PEER, "Excellent peer support from my colleagues, both those on the same course "
                          "and those who have previously completed it"),
    ("330", "1CN", PEER, "Support from other staff has helped me to plan and deliver the lesson better"),
    ("348", "1CN", PEER, "Having Link Teacher at some training sessions made it easier to implement "
                         "at school because someone to fight for importance"),
    ("8", "1CN2", F2F, "Really useful - sessions allowed us to hear back from other schools and "
                       "discuss how things were working well (or not so well)"),
    ("48", "1CN2", F2F, "Chance to evaluate and reflect"),
    ("224", "1CN", F2F, "Lovely to hear other people's stories and swap useful ideas re strategies "
                        "and resources"),
    ("291", "1CN", PEER, "Reinforcing what I am doing is correct"),
    ("5", "1CN", PEER, "Great to discuss and realize we are not alone and others are facing similar "
                       "situations both negative and positive"),
    ("249", "1CN2", F2F, "Much easier to discuss problems or ideas within a group with tutor as "
                         "don't feel so isolated"),
    ("212", "1CN2", F2F, "By working in a group it\u2019s good to try the lessons out first and then "
                         "you are more confident when delivering them in school"),
    ("241", "1CN2", PEER, "Good to hear how the course is for other TAs, good to share, acquire new "
                          "ideas, to help the children, motivating"),
]
QUOTED_PROGRAMMES = {"5": "1CN", "8": "1CN2", "36": "1CN", "48": "1CN2", "56": "1CN2",
                     "114": "1CN2", "117": "1CN2", "138": "1CN2", "163": "1CN2",
                     "212": "1CN2", "213": "1CN2", "216": "1CN2", "224": "1CN",
                     "241": "1CN2", "249": "1CN2", "290": "1CN", "291": "1CN",
                     "330": "1CN", "348": "1CN"}

failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


def count(rows, column):
    out = {}
    for r in rows:
        out[r[column]] = out.get(r[column], 0) + 1
    return out


def alpha(rows):
    k = len(TABLE_1)
    code = {label: 4 - i for i, label in enumerate(LEVELS)}
    data = [[code[r[t]] for t, _ in TABLE_1] for r in rows if all(r[t] for t, _ in TABLE_1)]
    n = len(data)

    def var(xs):
        m = sum(xs) / len(xs)
        return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)

    item_var = sum(var([d[j] for d in data]) for j in range(k))
    total_var = var([sum(d) for d in data])
    return k / (k - 1) * (1 - item_var / total_var), n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("survey")
    ap.add_argument("--generator")
    ap.add_argument("--project")
    opts = ap.parse_args()

    with open(opts.survey, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        raw = list(reader)
    check(header == HEADER, f"header is {header}, expected {HEADER}")
    rows = [dict(zip(header, r)) for r in raw]
    check(all(len(r) == len(header) for r in raw), "some rows have the wrong number of fields")
    check(len(rows) == 304, f"{len(rows)} respondents, expected 304")

    ids = [r["Participant"] for r in rows]
    check(len(set(ids)) == len(ids), "participant numbers are not unique")
    check(all(i.isdigit() and 1 <= int(i) <= 348 for i in ids),
          "participant numbers must be whole numbers from 1 to 348")
    by_id = {r["Participant"]: r for r in rows}
    for pid, programme in QUOTED_PROGRAMMES.items():
        check(pid in by_id and by_id[pid]["Programme"] == programme,
              f"participant {pid} should be on {programme}")

    gender = count(rows, "Gender")
    check(gender == {"Female": 290, "Male": 10, "": 4}, f"gender counts {gender}, expected 290/10/4")
    programme = count(rows, "Programme")
    check(programme == {"1CN": 144, "1CN2": 160}, f"programme counts {programme}, expected 144/160")
    roles = count(rows, "Role")
    check(roles.get("Teaching assistant", 0) > len(rows) / 2, "most respondents should be teaching assistants")

    for item, expected in TABLE_1:
        got = count(rows, item)
        counts = [got.get(label, 0) for label in LEVELS]
        missing = got.get("", 0)
        unknown = set(got) - set(LEVELS) - {""}
        check(not unknown, f"{item!r}: unexpected answers {sorted(unknown)}")
        check(counts == expected, f"{item!r}: counts {counts}, Table 1 has {expected}")
        check(missing == 304 - sum(expected),
              f"{item!r}: {missing} missing, expected {304 - sum(expected)}")

    for pid, programme, column, text in QUOTES:
        row = by_id.get(pid, {})
        check(row.get(column) == text, f"participant {pid} ({programme}) should say {text!r} under {column!r}")
    f2f = sum(1 for r in rows if r[F2F].strip())
    peer = sum(1 for r in rows if r[PEER].strip())
    check(f2f == 199, f"{f2f} answers to {F2F!r}, the paper has 199")
    check(peer == 148, f"{peer} answers to {PEER!r}, the paper has 148")
    check(len({r[F2F] for r in rows if r[F2F]}) == f2f, f"answers to {F2F!r} repeat")

    a, n = alpha(rows)
    check(0.88 <= a <= 0.90, f"Cronbach's alpha is {a:.3f}, expected .88-.90 (paper: .89)")
    check(n == 291, f"{n} complete cases, expected 291")
    print(f"{os.path.basename(opts.survey)}: 304 respondents, Table 1 counts exact, "
          f"alpha {a:.3f} over {n} complete cases")

    if opts.generator:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "survey.csv")
            subprocess.run([sys.executable, opts.generator, out], check=True,
                           stdout=subprocess.DEVNULL)
            with open(out, "rb") as a_file, open(opts.survey, "rb") as b_file:
                same = a_file.read() == b_file.read()
            check(same, f"{opts.generator} no longer reproduces {opts.survey}: "
                        "run it and commit the CSV")
            if same:
                print(f"{os.path.basename(opts.generator)} reproduces it byte for byte")

    if opts.project and not os.path.exists(opts.project):
        check(False, f"{opts.project} was not built (make-example-project failed?)")
    elif opts.project:
        with open(opts.project, "rb") as f:
            magic = f.read(16)
        check(magic == b"SQLite format 3\0", f"{opts.project} is not an SQLite database")
        if magic == b"SQLite format 3\0":
            db = sqlite3.connect(f"file:{opts.project}?mode=ro", uri=True)
            result = db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            rows = db.execute("SELECT count(*) FROM survey_rows").fetchone()[0]
            themes = {name for (name,) in db.execute("SELECT name FROM themes")}
            coded = db.execute("SELECT count(DISTINCT row) FROM codings").fetchone()[0]
            db.close()
            check(result == "ok", f"{opts.project}: integrity_check says {result}")
            check(rows == 304, f"{opts.project} holds {rows} respondents, expected 304")
            # The paper's themes, with its quoted participants coded to them.
            for theme in ("A supportive atmosphere", "An opportunity to discuss and share",
                          "Increased confidence and reassurance",
                          "A safe space to test teaching plans and resources"):
                check(theme in themes, f"{opts.project}: no theme “{theme}”")
            check(coded >= 16, f"{opts.project}: only {coded} respondents coded, expected the paper's quotes")
            print(f"{os.path.basename(opts.project)}: {tables} tables, {rows} respondents, "
                  f"{len(themes)} themes, {coded} respondents coded, integrity ok")

    for message in failures:
        print(f"FAIL: {message}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
