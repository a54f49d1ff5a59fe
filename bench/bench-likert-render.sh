#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times the Likert chart renderer: a 60-item, 3-group chart laid out and
# drawn at 1200 px wide, against filling the same rectangles with Cairo.
# The target is under 10 ms per frame (layout + draw).
#
#   bench/bench-likert-render.sh [BUILD_DIR] [FRAMES]
#
# BUILD_DIR defaults to $BUILD, then "build"; FRAMES to 60. Exits non-zero
# when the target is missed.

set -eu

build=${1:-${BUILD:-build}}
frames=${2:-60}

if [ ! -f "$build/build.ninja" ]; then
  echo "bench-likert-render: $build is not a configured build directory (meson setup $build)" >&2
  exit 1
fi
ninja -C "$build" bench/bench-likert-render >/dev/null
exec "$build/bench/bench-likert-render" "$frames"
