#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times importing a survey workbook of ROWS respondents × 30 columns (id, 7
# attributes, 20 Likert items as text, 2 open answers of about 120
# characters), in two flavours: strings shared (as Excel writes them) and
# strings inline (libxlsxwriter's constant_memory mode). In the same run:
#
#   evalbench describe FILE --json       read, detect roles and scales, print
#   unzip -p FILE xl/worksheets/sheet1.xml   only inflating the sheet: the floor
#   ssconvert FILE out.csv               Gnumeric
#   openpyxl read-only, every cell       Python (Debian's python3-openpyxl)
#
# Prints wall-clock times, CPU times and peak memory (GNU time's %U, %S and
# %M) and the ratios; the target is evalbench within 2.5× of unzip (wall
# clock) and under 300 MB. evalbench inflates, parses and fills the table on
# separate threads: on a busy machine its wall-clock ratio suffers more than
# single-threaded unzip's, and the CPU times tell the two apart.
#
#   bench/bench-xlsx-import.sh [BUILD_DIR] [ROWS]
#
# BUILD_DIR defaults to $BUILD, then "build"; ROWS to 100000. evalbench and
# unzip run $REPEAT times (default 3) and the best time counts; ssconvert and
# openpyxl, much slower, run once (SKIP_SLOW=1 leaves them out).

set -eu

build=${1:-${BUILD:-build}}
rows=${2:-100000}
repeat=${REPEAT:-3}
evalbench=$build/app/evalbench
generator=$build/bench/make-survey-xlsx
python=/usr/bin/python3

if [ ! -x "$evalbench" ]; then
  echo "bench-xlsx-import: $evalbench not found; build it first (ninja -C $build)" >&2
  exit 1
fi
ninja -C "$build" bench/make-survey-xlsx >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

gnu_time=
if /usr/bin/time -f %M true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
fi

now_ns () {
  date +%s%N
}

# measure NAME TIMES COMMAND...: runs COMMAND TIMES times with stdout
# discarded; sets best_s (seconds), cpu_s (user + system seconds of the best
# run, or "?") and peak_mb (largest peak RSS, or "?").
# A failing command stops the benchmark with its error output.
measure () {
  name=$1
  times=$2
  shift 2
  best_ns=
  peak_kb=
  cpu_s="?"
  i=0
  while [ "$i" -lt "$times" ]; do
    start=$(now_ns)
    command_status=0
    if [ -n "$gnu_time" ]; then
      "$gnu_time" -f "%M %U %S" -o "$tmp/peak" "$@" >/dev/null 2>"$tmp/err" || command_status=$?
    else
      "$@" >/dev/null 2>"$tmp/err" || command_status=$?
    fi
    end=$(now_ns)
    if [ "$command_status" -ne 0 ]; then
      echo "bench-xlsx-import: $name failed (exit status $command_status):" >&2
      cat "$tmp/err" >&2
      exit 2
    fi
    elapsed=$((end - start))
    if [ -z "$best_ns" ] || [ "$elapsed" -lt "$best_ns" ]; then
      best_ns=$elapsed
      if [ -n "$gnu_time" ]; then
        cpu_s=$(tail -n 1 "$tmp/peak" | awk '{ printf "%.2f", $2 + $3 }')
      fi
    fi
    if [ -n "$gnu_time" ]; then
      kb=$(tail -n 1 "$tmp/peak" | awk '{ print $1 }')
      if [ -z "$peak_kb" ] || [ "$kb" -gt "$peak_kb" ]; then
        peak_kb=$kb
      fi
    fi
    i=$((i + 1))
  done
  best_s=$(awk -v ns="$best_ns" 'BEGIN { printf "%.3f", ns / 1e9 }')
  if [ -n "$peak_kb" ]; then
    peak_mb=$(awk -v kb="$peak_kb" 'BEGIN { printf "%.0f", kb / 1024 }')
  else
    peak_mb="?"
  fi
  printf '  %-34s %8s s   CPU %6s s   peak RSS %5s MB\n' "$name" "$best_s" "$cpu_s" "$peak_mb"
}

ratio () {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 0.001; printf "%.1f", a / b }'
}

cat >"$tmp/openpyxl-read.py" <<'EOF'
import sys

import openpyxl

workbook = openpyxl.load_workbook(sys.argv[1], read_only=True)
n = 0
for row in workbook.worksheets[0].iter_rows(values_only=True):
    n += len(row)
print(n)
EOF

status=0
for flavour in shared inline; do
  file=$tmp/survey-$flavour.xlsx
  if [ "$flavour" = inline ]; then
    "$generator" --rows "$rows" --inline "$file"
  else
    "$generator" --rows "$rows" "$file"
  fi
  size=$(wc -c <"$file")
  sheet=$(unzip -l "$file" xl/worksheets/sheet1.xml | awk 'NR == 4 { print $1 }')
  echo
  echo "Strings $flavour: $rows rows × 30 columns, $(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MiB" \
       "(sheet $(awk -v b="$sheet" 'BEGIN { printf "%.0f", b / 1048576 }') MiB of XML)"

  measure "unzip -p (the floor)" "$repeat" unzip -p "$file" xl/worksheets/sheet1.xml
  unzip_s=$best_s
  unzip_cpu=$cpu_s
  measure "evalbench describe --json" "$repeat" "$evalbench" describe "$file" --json
  evalbench_s=$best_s
  evalbench_cpu=$cpu_s
  evalbench_mb=$peak_mb

  ssconvert_s=
  openpyxl_s=
  if [ "${SKIP_SLOW:-0}" != 1 ]; then
    if command -v ssconvert >/dev/null 2>&1; then
      measure "ssconvert to CSV" 1 ssconvert "$file" "$tmp/out.csv"
      ssconvert_s=$best_s
    fi
    if "$python" -c 'import openpyxl' 2>/dev/null; then
      measure "openpyxl read-only, every cell" 1 "$python" "$tmp/openpyxl-read.py" "$file"
      openpyxl_s=$best_s
    fi
  fi

  echo "  evalbench / unzip: $(ratio "$evalbench_s" "$unzip_s")× (target ≤ 2.5×)," \
       "peak ${evalbench_mb} MB (target < 300 MB)"
  [ "$unzip_cpu" != "?" ] &&
    echo "  evalbench / unzip in CPU time: $(ratio "$evalbench_cpu" "$unzip_cpu")×"
  [ -n "$ssconvert_s" ] && echo "  ssconvert / evalbench: $(ratio "$ssconvert_s" "$evalbench_s")×"
  [ -n "$openpyxl_s" ] && echo "  openpyxl / evalbench: $(ratio "$openpyxl_s" "$evalbench_s")×"
  if awk -v e="$evalbench_s" -v u="$unzip_s" 'BEGIN { exit !(e > 2.5 * u) }' ||
     { [ "$evalbench_mb" != "?" ] && [ "$evalbench_mb" -ge 300 ]; }; then
    echo "  target missed"
    status=3
  fi
done
exit "$status"
