#!/usr/bin/python3
# SPDX-License-Identifier: CC0-1.0
"""Write the bundled example survey, data/examples/peer-mentoring-survey.csv.

The survey has the shape of the study in seeds/000 (teaching assistants on the
1stClass@Number training, 2013-14): 304 respondents, the same gender and
programme split, the seven items of its Table 1 with exactly its counts, and
its two open questions, with every quote printed in the paper on the row of
the participant it is attributed to. Everything else is invented:
the remaining answers to the open questions are assembled from fragments in
the voice of the paper's respondents, and the item answers come from one
latent "development" trait plus noise, cut at ranks so that each item's counts
match Table 1. The noise level is searched for (deterministically, from a
fixed seed) so that Cronbach's alpha and the first principal component come
out near the paper's .89 and 60.45 %.

Usage: make-example.py [OUTPUT.csv]   (default: next to this script)
Standard library only; the output is identical on every run.
"""

import csv
import math
import os
import random
import sys

SEED = 20131014
N = 304

LEVELS = [  # from highest to lowest, as in Table 1
    "Strongly developed",
    "Developed somewhat",
    "No change",
    "Realise I need to develop much more",
]

# Table 1: item wording and counts per level (highest first). Missing answers
# per item are 304 minus the row sum.
ITEMS = [
    ("Deepen my knowledge and understanding of the subject of mathematics",
     (128, 149, 19, 5)),
    ("Increase my knowledge and understanding of the mathematics curriculum in my school",
     (79, 151, 69, 2)),
    ("Develop my knowledge and understanding of mathematics interventions",
     (173, 110, 13, 5)),
    ("Enhance my teaching skills and strategies for delivering mathematics interventions",
     (198, 93, 8, 4)),
    ("Increase my confidence in teaching or supporting mathematics in general",
     (177, 108, 14, 3)),
    ("Enable pupils identified as low achievers to learn more mathematics",
     (164, 130, 5, 5)),
    ("Enhance my ability to help all pupils to learn more mathematics",
     (136, 149, 13, 5)),
]

# How strongly each item reflects the common trait (the curriculum item, which
# the paper says developed least, is the least tied to the others).
LOADINGS = [1.0, 0.8, 1.0, 1.05, 1.05, 0.95, 1.0]

F2F = "Face-to-face sessions"
PEER = "Peer support of other school staff on the training program"

# Answers to the open questions quoted in the Findings of the paper, by
# participant: (programme, face-to-face answer, peer-support answer).
QUOTED = {
    5: ("1CN", None,
        "Great to discuss and realize we are not alone and others are facing "
        "similar situations both negative and positive"),
    8: ("1CN2",
        "Really useful - sessions allowed us to hear back from other schools "
        "and discuss how things were working well (or not so well)",
        "Peer support is excellent it really helps to build confidence and "
        "helps you realize you are not the only one with the same issues"),
    36: ("1CN", "Increased enthusiasm and confidence in maths", None),
    48: ("1CN2", "Chance to evaluate and reflect", None),
    56: ("1CN2",
         "Have gained so many ideas for how to approach subtraction in the future",
         "Wonderful to see the passion for maths teaching"),
    114: ("1CN2", None,
          "Excellent peer support from my colleagues, both those on the same "
          "course and those who have previously completed it"),
    117: ("1CN2",
          "Open discussions have helped with the delivery of sessions back at school",
          None),
    138: ("1CN2", None,
          "Link Teacher very supportive - work together to keep training on "
          "track and improve sessions"),
    163: ("1CN2",
          "Great to share tips and strategies with others and to discuss "
          "solutions to problems encountered", None),
    212: ("1CN2",
          "By working in a group it\u2019s good to try the lessons out first and "
          "then you are more confident when delivering them in school", None),
    213: ("1CN2",
          "Being shown face-to-face how the program works has helped me to "
          "transfer the methods to the children within the group", None),
    216: ("1CN2",
          "Being able to discuss different ways of adapting activities and "
          "trying out resources before taking them into the classroom",
          "I have been able to share my knowledge with other members of staff "
          "through staff meetings etc"),
    224: ("1CN",
          "Lovely to hear other people's stories and swap useful ideas re "
          "strategies and resources", None),
    241: ("1CN2", None,
          "Good to hear how the course is for other TAs, good to share, acquire "
          "new ideas, to help the children, motivating"),
    249: ("1CN2",
          "Much easier to discuss problems or ideas within a group with tutor "
          "as don't feel so isolated", None),
    290: ("1CN", "Able to teach in more simple but effective ways", None),
    291: ("1CN", None, "Reinforcing what I am doing is correct"),
    330: ("1CN", None,
          "Support from other staff has helped me to plan and deliver the "
          "lesson better"),
    348: ("1CN", None,
          "Having Link Teacher at some training sessions made it easier to "
          "implement at school because someone to fight for importance"),
}

# Short answers the paper quotes without naming the participant.
UNATTRIBUTED_F2F = [
    "Extremely beneficial",
    "Very informative",
    "Couldn\u2019t have been demonstrated any other way",
    "Helps to reinforce learning in memory",
    "Not particularly beneficial",
]
UNATTRIBUTED_PEER = [
    "Worked collaboratively with colleagues",
    "Bouncing ideas off each other",
]

# Fragments for the other answers, grouped by the paper's themes.
F2F_OPENINGS = [
    "Really useful", "Very useful", "Extremely useful", "Brilliant", "Very helpful",
    "Enjoyed the sessions", "Invaluable", "Excellent", "Very good",
    "Really enjoyed them", "Useful", "Helpful", "Very informative",
    "Fantastic sessions", "Great",
]
F2F_POINTS = [
    # discuss and share
    "chance to discuss how the sessions are going with other TAs",
    "sharing ideas with TAs from other schools",
    "hearing what has worked well in other schools",
    "being able to ask questions when I was unsure",
    "discussing problems and finding solutions together",
    "finding out about potential pitfalls when delivering the sessions",
    "talking through how to adapt lessons for individual children",
    "sharing strategies to get the most out of the program",
    "time to reflect on my own sessions",
    "hearing other people's experiences of the intervention",
    "getting feedback on the way I deliver the lessons",
    "swapping ideas for games and resources",
    "bouncing ideas off each other",
    "learning from other TAs' mistakes as well as my own",
    # knowledge of maths and of the intervention
    "seeing the activities modelled properly",
    "better understanding of place value and how children learn it",
    "I understand the reasons behind the activities now",
    "much clearer about counting on and counting back",
    "understanding why children find subtraction difficult",
    "it made the handbook make sense",
    "seeing how the lessons build on each other step by step",
    "learning to use the bar model and number lines with confidence",
    "understanding how to assess where a child is",
    # confidence and reassurance
    "gave me confidence that I am doing it right",
    "reassuring to know other schools have the same problems",
    "I feel much more confident delivering the lessons",
    "knowing I am not the only one finding it hard at first",
    "more confident to talk to the class teacher about the children's progress",
    # safe space to test plans and resources
    "chance to try out resources before using them with the children",
    "trying out the games as a group first",
    "practising the lessons in a safe environment",
    "we could try out lessons practically before taking them into school",
    "being able to make mistakes with the activities away from the children",
    "having a go at the games ourselves so we know how they feel",
    # supportive atmosphere
    "friendly and supportive group",
    "the trainer was always happy to help",
    "relaxed atmosphere so you could ask anything",
    "the Link Teacher made us all feel welcome",
]
F2F_CODAS = [
    "the children are really enjoying it",
    "I have used lots of the ideas with my group",
    "it has changed the way I teach maths",
    "the children's confidence has grown too",
    "I now use some of the games in class as well",
    "my group look forward to their sessions",
    "much better than reading it from the book",
    "would recommend to other TAs",
    "I use what I learned every day",
    "it has helped me plan my sessions",
]
NEGATIVE_TIME = [
    "Useful but sessions were too long - hard to be out of class for half a day",
    "Good content but a lot of time out of school, which is difficult to cover",
]
PEER_OPENINGS = [
    "Very supportive", "Really helpful", "Good", "Excellent", "Very helpful",
    "Useful", "Great support", "Brilliant", "Extremely helpful", "Supportive",
]
PEER_POINTS = [
    # colleagues in school
    "the other TA from my school and I plan our sessions together",
    "we share resources between the two of us",
    "my colleague and I talk through any problems after each session",
    "the class teacher has been very supportive",
    "the SENCo makes sure we get the time we need",
    "a TA who did the course last year gave me lots of tips",
    "we can observe each other's sessions",
    "we meet once a week to discuss the children's progress",
    "our maths lead is interested in what we are doing",
    "staff at school ask me about the games I use",
    "I have shared some of the ideas at a staff meeting",
    "two of us from school so we could swap notes",
    # peers on the course
    "good to talk to TAs from other schools at the sessions",
    "keeping in touch with TAs from other schools between sessions",
    "other TAs on the course were very encouraging",
    "hearing how others cope with the same problems",
    "you realise you are not alone",
    "other TAs gave ideas I would never have thought of",
    "it helps to know someone else is doing the same thing",
    "good to share what works and what doesn't",
    # link teacher
    "the Link Teacher visits and gives feedback",
    "the Link Teacher is always there if I need help",
    "knowing who to ask when I get stuck",
    # confidence
    "it has helped my confidence",
    "made me feel my work is valued",
    "reassuring to talk to people in the same position",
]
PEER_ALONE = [
    "I am the only TA in my school on the course so the group sessions were my support",
    "Only one of us from school on the training, so most support came from the sessions",
    "Not much time in school to meet up but the class teacher is supportive",
]


def build_ids(rng):
    """304 distinct participant numbers from 1..348, keeping the quoted ones."""
    others = [i for i in range(1, 349) if i not in QUOTED]
    rng.shuffle(others)
    ids = sorted(list(QUOTED) + others[:N - len(QUOTED)])
    assert len(ids) == N and ids[-1] == 348
    return ids


def assign_exact(rng, ids, fixed, counts):
    """A value per id: `fixed` where given, the rest shuffled to hit `counts`."""
    pool = []
    for value, n in counts:
        pool += [value] * (n - sum(1 for v in fixed.values() if v == value))
    free = [i for i in ids if i not in fixed]
    assert len(pool) == len(free)
    rng.shuffle(pool)
    out = dict(fixed)
    out.update(zip(free, pool))
    return out


def likert_levels(rng):
    """Item answers (level index 0..3, or None) for each of the N rows."""
    trait = [rng.gauss(0.0, 1.0) for _ in range(N)]
    noise = [[rng.gauss(0.0, 1.0) for _ in ITEMS] for _ in range(N)]
    # One missing answer each on 13 different questionnaires, as a tired
    # respondent skips a line: 291 complete cases, as in CLI.md's example.
    missing_rows = list(range(N))
    rng.shuffle(missing_rows)
    missing = {}
    k = 0
    for j, (_, counts) in enumerate(ITEMS):
        for _ in range(N - sum(counts)):
            missing[missing_rows[k]] = j
            k += 1

    def levels_for(s):
        answers = [[None] * len(ITEMS) for _ in range(N)]
        for j, (_, counts) in enumerate(ITEMS):
            rows = [r for r in range(N) if missing.get(r) != j]
            score = {r: LOADINGS[j] * trait[r] + s * noise[r][j] for r in rows}
            rows.sort(key=lambda r: (-score[r], r))
            start = 0
            for level, n in enumerate(counts):
                for r in rows[start:start + n]:
                    answers[r][j] = level
                start += n
            assert start == len(rows)
        return answers

    # Search the noise level whose first component is nearest the paper's.
    best = None
    for step in range(200, 1401, 5):
        s = step / 1000.0
        answers = levels_for(s)
        alpha, pc1, _ = reliability(answers)
        cost = abs(pc1 - 60.45) + 100.0 * max(0.0, abs(alpha - 0.89) - 0.005)
        if best is None or cost < best[0]:
            best = (cost, s)
    return levels_for(best[1]), best[1]


def reliability(answers):
    """Cronbach's alpha, first-component % and n over listwise complete rows,
    coding 1 (Realise I need to develop much more) .. 4 (Strongly developed)."""
    rows = [[4 - a for a in r] for r in answers if None not in r]
    n, k = len(rows), len(ITEMS)
    means = [sum(r[j] for r in rows) / n for j in range(k)]
    cov = [[sum((r[a] - means[a]) * (r[b] - means[b]) for r in rows) / (n - 1)
            for b in range(k)] for a in range(k)]
    totvar = sum(cov[a][b] for a in range(k) for b in range(k))
    alpha = k / (k - 1) * (1 - sum(cov[j][j] for j in range(k)) / totvar)
    sd = [math.sqrt(cov[j][j]) for j in range(k)]
    corr = [[cov[a][b] / (sd[a] * sd[b]) for b in range(k)] for a in range(k)]
    v = [1.0] * k
    eig = 0.0
    for _ in range(500):  # power iteration: the largest eigenvalue
        w = [sum(corr[a][b] * v[b] for b in range(k)) for a in range(k)]
        norm = math.sqrt(sum(x * x for x in w))
        v = [x / norm for x in w]
        eig = norm
    return alpha, 100.0 * eig / k, n


def compose(rng, used, openings, points, codas, p_opening, p_second, p_coda):
    """A short, new answer put together from fragments."""
    while True:
        parts = []
        first = rng.choice(points)
        if rng.random() < p_opening:
            sep = rng.choice([" - ", ", ", ". ", " \u2013 ", "! "])
            body = first[0].upper() + first[1:] if sep in (". ", "! ") else first
            text = rng.choice(openings) + sep + body
        else:
            text = first[0].upper() + first[1:]
        parts.append(text)
        if rng.random() < p_second:
            second = rng.choice([p for p in points if p != first])
            parts.append(rng.choice([", ", " and ", ". ", " - ", ", also "]) + second)
        if codas and rng.random() < p_coda:
            parts.append(rng.choice([" - ", ". ", ", "]) + rng.choice(codas))
        text = "".join(parts)
        # A capital after a full stop; some respondents end with one too.
        out = []
        for i, ch in enumerate(text):
            if i >= 2 and text[i - 2:i] in (". ", "! "):
                ch = ch.upper()
            out.append(ch)
        text = "".join(out)
        if rng.random() < 0.3:
            text += "."
        if text not in used:
            used.add(text)
            return text


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "peer-mentoring-survey.csv")
    rng = random.Random(SEED)

    ids = build_ids(rng)
    programme = assign_exact(rng, ids, {i: q[0] for i, q in QUOTED.items()},
                             [("1CN", 144), ("1CN2", 160)])
    gender = assign_exact(rng, ids, {}, [("Female", 290), ("Male", 10), ("", 4)])
    role = assign_exact(rng, ids, {}, [
        ("Teaching assistant", 251), ("Higher level teaching assistant", 27),
        ("Learning support assistant", 14), ("Teacher", 6), ("Intervention teacher", 3),
        ("", 3)])

    answers, sigma = likert_levels(rng)

    # Open answers: 199 to the face-to-face question and 148 to peer support,
    # as reported in the paper.
    f2f = {i: q[1] for i, q in QUOTED.items() if q[1]}
    peer = {i: q[2] for i, q in QUOTED.items() if q[2]}
    used = set(f2f.values()) | set(peer.values())
    free = [i for i in ids if i not in f2f]
    rng.shuffle(free)
    fill = free[:199 - len(f2f)]
    for i, text in zip(fill, UNATTRIBUTED_F2F + NEGATIVE_TIME):
        f2f[i] = text
    for i in fill[len(UNATTRIBUTED_F2F) + len(NEGATIVE_TIME):]:
        f2f[i] = compose(rng, used, F2F_OPENINGS, F2F_POINTS, F2F_CODAS,
                         0.55, 0.35, 0.25)
    # Those who answered the first question are likelier to answer the second.
    answered = [i for i in ids if i in f2f and i not in peer]
    silent = [i for i in ids if i not in f2f and i not in peer]
    rng.shuffle(answered)
    rng.shuffle(silent)
    need = 148 - len(peer)
    fill = answered[:need - 12] + silent[:12]
    special = UNATTRIBUTED_PEER + PEER_ALONE
    for i, text in zip(fill, special):
        peer[i] = text
    for i in fill[len(special):]:
        peer[i] = compose(rng, used, PEER_OPENINGS, PEER_POINTS, None,
                          0.45, 0.3, 0.0)
    # One respondent quotes the scheme's own jargon.
    for i in sorted(fill[len(special):])[:1]:
        peer[i] = 'Our "maths buddies" group at school meets every Friday - very supportive'

    header = (["Participant", "Gender", "Programme", "Role"]
              + [name for name, _ in ITEMS] + [F2F, PEER])
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row, i in enumerate(ids):
            likert = ["" if a is None else LEVELS[a] for a in answers[row]]
            w.writerow([str(i), gender[i], programme[i], role[i]] + likert
                       + [f2f.get(i, ""), peer.get(i, "")])

    alpha, pc1, n = reliability(answers)
    print(f"wrote {out_path}: {N} respondents, noise sigma {sigma:.3f}")
    print(f"Cronbach's alpha = {alpha:.3f} (n complete = {n}); "
          f"first principal component explains {pc1:.2f} % of the variance")


if __name__ == "__main__":
    main()
