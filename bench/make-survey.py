#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a realistic survey export for benchmarks: N rows x 30 columns.

Columns: respondent id, gender, programme, year of study, 20 Likert items on
a five-point agreement scale, the start and submission dates, and four open
questions whose answers contain commas, quotes and line breaks (so most
of those given need quoting, as in a real export). Some answers are missing.
The output is CSV as Excel writes it (comma, CRLF, minimal quoting) and is
the same for the same --rows and --seed.

    bench/make-survey.py --rows 100000 survey.csv
"""

import argparse
import csv
import datetime
import random

LEVELS = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
]

ITEMS = [
    "The sessions were well organised",
    "The pace was right for me",
    "The trainer explained things clearly",
    "I could ask questions",
    "The materials were useful",
    "The online platform was easy to use",
    "Group work helped me learn",
    "The assignments matched the content",
    "Feedback on my work was timely",
    "Feedback on my work was helpful",
    "I felt part of the group",
    "The workload was manageable",
    "The schedule suited me",
    "The rooms were comfortable",
    "I can apply what I learned at work",
    "The programme met my expectations",
    "I would recommend the programme",
    "My confidence has grown",
    "Support staff were helpful",
    "Overall I am satisfied",
]

OPEN_QUESTIONS = [
    "What did you like most?",
    "What should we improve?",
    "Face-to-face sessions",
    "Any other comments?",
]

PHRASES = [
    "the practical exercises",
    "working with colleagues from other schools",
    "the trainer's enthusiasm",
    'the "flipped classroom" sessions',
    "too much theory, not enough practice",
    "the Friday sessions ran late",
    "more time for questions, please",
    "clear structure, good examples",
    "the platform was slow at times",
    "I'd like the slides in advance",
    "parking, as always",
    "the coffee",
]

PROGRAMMES = ["1CN", "1CN2", "2CN", "2CN2", "PGCE", "MA Ed"]
GENDERS = ["Female", "Male", "Non-binary", "Prefer not to say"]


def open_answer(rng):
    """Half are left empty; the rest are one to three phrases, some on
    several lines."""
    if rng.random() < 0.5:
        return ""
    parts = [rng.choice(PHRASES) for _ in range(rng.randint(1, 3))]
    text = parts[0][0].upper() + parts[0][1:]
    for part in parts[1:]:
        text += rng.choice([", ", ". ", "\n", " - ", "; "]) + part
    return text + rng.choice([".", "!", "", " :)"])


def likert_answer(rng, leaning):
    if rng.random() < 0.03:
        return ""
    level = round(leaning + rng.gauss(0, 1))
    return LEVELS[min(max(level, 0), 4)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", help="CSV file to write")
    parser.add_argument("--rows", "-n", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    start = datetime.datetime(2024, 9, 2, 8, 0)

    with open(args.output, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(
            ["Respondent ID", "Gender", "Programme", "Year of study"]
            + ITEMS
            + ["Started", "Submitted"]
            + OPEN_QUESTIONS
        )
        for row in range(args.rows):
            leaning = rng.uniform(1.0, 3.8)
            started = start + datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 120))
            submitted = started + datetime.timedelta(minutes=rng.randint(3, 45))
            writer.writerow(
                [
                    str(100000 + row),
                    rng.choice(GENDERS),
                    rng.choice(PROGRAMMES),
                    str(rng.randint(1, 4)),
                ]
                + [likert_answer(rng, leaning) for _ in ITEMS]
                + [
                    started.strftime("%Y-%m-%d %H:%M"),
                    submitted.strftime("%Y-%m-%d %H:%M"),
                ]
                + [open_answer(rng) for _ in OPEN_QUESTIONS]
            )


if __name__ == "__main__":
    main()
