#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Evalbench needs to build, run and test.
# This is the one list of packages; README.md, .ci/run and the dev script
# all come through here. Quick when everything is already installed.
set -eu

PACKAGES="
  build-essential meson ninja-build pkg-config
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libsqlite3-dev libxlsxwriter-dev libgsf-1-dev libxml2-dev libreadstat-dev
  libgraphviz-dev libcairo2-dev libpango1.0-dev
  adwaita-icon-theme fonts-cantarell librsvg2-common
  xvfb xauth imagemagick
  python3 python3-openpyxl gnumeric poppler-utils
  appstream desktop-file-utils libxml2-utils shared-mime-info gtk-update-icon-cache
  libglib2.0-bin
"

missing=""
for package in $PACKAGES; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $package" ;;
  esac
done

[ -z "$missing" ] && exit 0

echo "Installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
  run_as_root=""
elif command -v sudo >/dev/null 2>&1; then
  run_as_root="sudo"
else
  echo "error: installing$missing needs root; run as root or install sudo" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$run_as_root apt-get update -qq </dev/null
# shellcheck disable=SC2086
$run_as_root apt-get install -y -qq --no-install-recommends $missing </dev/null
