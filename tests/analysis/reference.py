#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reference values for tests/analysis/*.c.

Plain Python (no numpy, no scipy), written from the textbook definitions
rather than from the C code's shortcuts, so the two can disagree:

- Cronbach's alpha from item and total-score variances, checked against the
  standardised form k*c/(v + (k-1)c) with mean covariance c, mean variance v;
- alpha if deleted by recomputing alpha on the remaining items' raw data;
- corrected item-total correlation as Pearson r of the item with the
  explicit rest score (sum of the other items) per respondent;
- the largest eigenvalue of the correlation matrix by power iteration
  (the C code uses Jacobi rotations);
- Mann-Whitney U from explicit midranks of the pooled raw values (the C
  code works from counts per level), z with tie and continuity corrections,
  two-sided p from the normal distribution.

Run: python3 tests/analysis/reference.py
"""
import math

# 12 respondents x 4 items, codes 1..5; the last two rows have a missing
# answer (None) and are left out listwise.
RELIABILITY_DATA = [
    [4, 5, 4, 3],
    [3, 4, 3, 3],
    [5, 5, 4, 4],
    [2, 3, 2, 1],
    [4, 4, 5, 4],
    [3, 2, 3, 2],
    [5, 4, 5, 5],
    [1, 2, 1, 2],
    [4, 3, 4, 4],
    [2, 2, 3, 1],
    [4, None, 3, 2],
    [None, 1, 1, 1],
]

# Ordinal answers of two groups (codes 1..4), with many ties.
MW_A = [4, 4, 3, 4, 2, 3, 4, 4, 3, 1, 4, 3]
MW_B = [3, 2, 3, 4, 2, 1, 3, 2, 3, 2]


def mean(xs):
    return sum(xs) / len(xs)


def var(xs):
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)


def cov(xs, ys):
    mx, my = mean(xs), mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (len(xs) - 1)


def pearson(xs, ys):
    return cov(xs, ys) / math.sqrt(var(xs) * var(ys))


def alpha(rows):
    k = len(rows[0])
    items = [[r[i] for r in rows] for i in range(k)]
    totals = [sum(r) for r in rows]
    return k / (k - 1) * (1 - sum(var(it) for it in items) / var(totals))


def alpha_from_covariances(rows):
    k = len(rows[0])
    items = [[r[i] for r in rows] for i in range(k)]
    v = mean([var(it) for it in items])
    c = mean([cov(items[i], items[j]) for i in range(k) for j in range(k) if i != j])
    return k * c / (v + (k - 1) * c)


def largest_eigenvalue(m):
    n = len(m)
    x = [1.0] * n
    lam = 0.0
    for _ in range(10000):
        y = [sum(m[i][j] * x[j] for j in range(n)) for i in range(n)]
        norm = math.sqrt(sum(v * v for v in y))
        x = [v / norm for v in y]
        new = sum(x[i] * sum(m[i][j] * x[j] for j in range(n)) for i in range(n))
        if abs(new - lam) < 1e-15:
            break
        lam = new
    return new


def reliability():
    rows = [r for r in RELIABILITY_DATA if None not in r]
    k = len(rows[0])
    items = [[r[i] for r in rows] for i in range(k)]
    print("n_complete", len(rows))
    print("alpha %.12f" % alpha(rows))
    print("alpha (covariance form) %.12f" % alpha_from_covariances(rows))
    for i in range(k):
        rest = [sum(r) - r[i] for r in rows]
        reduced = [[v for j, v in enumerate(r) if j != i] for r in rows]
        print("item %d: alpha if deleted %.12f, item-total r %.12f"
              % (i, alpha(reduced), pearson(items[i], rest)))
    corr = [[pearson(items[i], items[j]) for j in range(k)] for i in range(k)]
    lam = largest_eigenvalue(corr)
    print("first eigenvalue %.12f, %% of variance %.12f" % (lam, lam / k * 100))


def mann_whitney(a, b):
    pooled = sorted(a + b)
    ranks = {}
    i = 0
    while i < len(pooled):
        j = i
        while j < len(pooled) and pooled[j] == pooled[i]:
            j += 1
        ranks[pooled[i]] = (i + 1 + j) / 2  # midrank of positions i+1..j
        i = j
    n1, n2 = len(a), len(b)
    n = n1 + n2
    u = sum(ranks[x] for x in a) - n1 * (n1 + 1) / 2
    # Cross-check U by counting pairs.
    u_pairs = sum(1.0 if x > y else 0.5 if x == y else 0.0 for x in a for y in b)
    assert abs(u - u_pairs) < 1e-9
    ties = sum(t ** 3 - t for t in (pooled.count(v) for v in set(pooled)))
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
    d = u - n1 * n2 / 2
    z = (d - math.copysign(0.5, d)) / sigma
    p = math.erfc(abs(z) / math.sqrt(2))
    print("U %.12f z %.12f p %.12f" % (u, z, p))


if __name__ == "__main__":
    reliability()
    mann_whitney(MW_A, MW_B)
