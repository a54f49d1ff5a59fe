#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times importing a large survey CSV: `evalbench describe FILE --json` (read,
# detect roles and scales, print) against Python's csv module reading the
# same file into memory, and ssconvert converting it to .xlsx if it is
# installed. Prints wall-clock times, peak memory (with GNU time) and how
# many times faster evalbench is.
#
#   bench/bench-csv-import.sh [BUILD_DIR] [ROWS]
#
# BUILD_DIR defaults to $BUILD, then "build"; ROWS to 100000. evalbench and
# Python run $REPEAT times (default 3) and the best time counts; ssconvert,
# much slower, runs once.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-${BUILD:-build}}
rows=${2:-100000}
repeat=${REPEAT:-3}
evalbench=$build/app/evalbench
python=/usr/bin/python3

if [ ! -x "$evalbench" ]; then
  echo "bench-csv-import: $evalbench not found; build it first (ninja -C $build)" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# GNU time reports peak memory; without it only the time is measured.
gnu_time=
if /usr/bin/time -v true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
fi

now_ns () {
  date +%s%N
}

# measure NAME COMMAND...: runs COMMAND $repeat times with stdout discarded;
# sets best_s (seconds) and peak_kb (largest peak RSS, or "?"). A failing
# command stops the benchmark with its error output.
measure () {
  name=$1
  shift
  best_ns=
  peak_kb=?
  i=0
  while [ "$i" -lt "$repeat" ]; do
    start=$(now_ns)
    if [ -n "$gnu_time" ]; then
      status=0
      "$gnu_time" -v -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
    else
      status=0
      "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
    fi
    end=$(now_ns)
    if [ "$status" -ne 0 ]; then
      echo "bench-csv-import: $name failed (exit status $status):" >&2
      cat "$tmp/err" "$tmp/out" >&2
      exit 2
    fi
    elapsed=$((end - start))
    if [ -z "$best_ns" ] || [ "$elapsed" -lt "$best_ns" ]; then
      best_ns=$elapsed
    fi
    if [ -n "$gnu_time" ]; then
      kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/time")
      if [ "$peak_kb" = "?" ] || [ "$kb" -gt "$peak_kb" ]; then
        peak_kb=$kb
      fi
    fi
    i=$((i + 1))
  done
  best_s=$(awk -v ns="$best_ns" 'BEGIN { printf "%.3f", ns / 1e9 }')
  if [ "$peak_kb" = "?" ]; then
    peak="?"
  else
    peak=$(awk -v kb="$peak_kb" 'BEGIN { printf "%.0f MiB", kb / 1024 }')
  fi
  printf '%-28s %8s s   peak RSS %s\n' "$name" "$best_s" "$peak"
}

echo "Generating $rows rows x 30 columns..."
"$python" "$here/make-survey.py" --rows "$rows" "$tmp/survey.csv"
size=$(wc -c <"$tmp/survey.csv")
echo "$tmp/survey.csv: $(awk -v b="$size" 'BEGIN { printf "%.1f MiB", b / 1048576 }'), best of $repeat runs"
echo

measure "evalbench describe --json" "$evalbench" describe "$tmp/survey.csv" --json
evalbench_s=$best_s

# The rows are kept, as evalbench keeps its table.
cat >"$tmp/read.py" <<'EOF'
import csv
import sys

with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
print(len(rows) - 1)
EOF
measure "python3 csv.reader" "$python" "$tmp/read.py" "$tmp/survey.csv"
python_s=$best_s

if command -v ssconvert >/dev/null 2>&1; then
  # Tens of seconds a run: once is enough.
  saved_repeat=$repeat
  repeat=1
  measure "ssconvert to .xlsx" ssconvert "$tmp/survey.csv" "$tmp/out.xlsx"
  repeat=$saved_repeat
else
  echo "ssconvert not installed (apt install gnumeric): skipped"
fi

echo
awk -v e="$evalbench_s" -v p="$python_s" 'BEGIN {
  if (e <= 0) e = 0.001
  if (p >= e)
    printf "evalbench is %.1f× faster than python csv\n", p / e
  else
    printf "evalbench is %.1f× slower than python csv\n", e / p
}'
