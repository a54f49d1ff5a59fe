#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times `evalbench export PROJECT --workbook OUT.xlsx` on a project of
# 100,000 respondents x 30 columns with 20,000 coded answers (some with
# memos), against a plain libxlsxwriter program writing the same cells
# without any annotation (bench/write-plain-workbook.c), in the same run.
# Prints both times, the ratio (issue 7's target: under 2x) and the peak
# memory of both (GNU time's %M).
#
#   bench/bench-workbook-export.sh [BUILD_DIR] [RESPONDENTS] [CODED]
#
# BUILD_DIR defaults to $BUILD, then "build". The project is made once and
# kept as BUILD_DIR/bench/workbook-RESPONDENTS-CODED.evalbench. Each
# program runs $REPEAT times (default 3) and the best time counts. Exits
# non-zero when the target is missed.

set -eu

build=${1:-${BUILD:-build}}
rows=${2:-100000}
coded=${3:-20000}
repeat=${REPEAT:-3}

if [ ! -f "$build/build.ninja" ]; then
  echo "bench-workbook-export: $build is not a configured build directory (meson setup $build)" >&2
  exit 1
fi
if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
  echo "bench-workbook-export: GNU time (/usr/bin/time) is needed for the memory figures" >&2
  exit 1
fi
ninja -C "$build" app/evalbench bench/make-workbook-project bench/write-plain-workbook >/dev/null

project=$build/bench/workbook-$rows-$coded.evalbench
if [ ! -f "$project" ]; then
  echo "Making $project (once) …"
  "$build/bench/make-workbook-project" "$project" "$rows" "$coded"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# Runs "$@" $repeat times; sets best (seconds) and rss (KiB, of the best run).
measure () {
  best=
  rss=
  i=0
  while [ "$i" -lt "$repeat" ]; do
    /usr/bin/time -o "$tmp/time" -f "%e %M" "$@" >/dev/null
    read -r seconds kib < "$tmp/time"
    if [ -z "$best" ] || [ "$(echo "$seconds < $best" | bc)" -eq 1 ]; then
      best=$seconds
      rss=$kib
    fi
    i=$((i + 1))
  done
}

measure "$build/app/evalbench" export "$project" --workbook "$tmp/annotated.xlsx"
annotated=$best
annotated_rss=$rss
measure "$build/bench/write-plain-workbook" "$project" "$tmp/plain.xlsx"
plain=$best
plain_rss=$rss

ratio=$(echo "scale=2; $annotated / $plain" | bc)
printf 'respondents %s, coded answers %s, best of %s\n' "$rows" "$coded" "$repeat"
printf '%-34s %8s s  %8s MiB  %8s MiB file\n' "evalbench export --workbook" "$annotated" \
  "$((annotated_rss / 1024))" "$(($(stat -c %s "$tmp/annotated.xlsx") / 1048576))"
printf '%-34s %8s s  %8s MiB  %8s MiB file\n' "plain libxlsxwriter, same cells" "$plain" \
  "$((plain_rss / 1024))" "$(($(stat -c %s "$tmp/plain.xlsx") / 1048576))"
printf 'ratio %sx (target: under 2x)\n' "$ratio"
[ "$(echo "$ratio < 2" | bc)" -eq 1 ]
