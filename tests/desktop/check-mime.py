#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that shared-mime-info accepts our MIME package and maps *.evalbench.

  check-mime.py MIME.xml DESKTOP_FILE

Builds a throw-away MIME database from MIME.xml with update-mime-database and
checks that *.evalbench resolves to application/x-evalbench-project, and that
DESKTOP_FILE claims that type. Exits 77 (skipped) without update-mime-database.
"""

import configparser
import os
import shutil
import subprocess
import sys
import tempfile

TYPE = "application/x-evalbench-project"


def main():
    mime_xml, desktop = sys.argv[1], sys.argv[2]
    failures = []

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(desktop, encoding="utf-8")
    types = entry.get("Desktop Entry", "MimeType", fallback="").split(";")
    if TYPE not in types:
        failures.append(f"{desktop}: MimeType does not list {TYPE}")

    tool = shutil.which("update-mime-database")
    if tool is None:
        print("update-mime-database not found (shared-mime-info): skipped")
        return 77 if not failures else 1
    with tempfile.TemporaryDirectory() as tmp:
        packages = os.path.join(tmp, "mime", "packages")
        os.makedirs(packages)
        shutil.copy(mime_xml, os.path.join(packages, os.path.basename(mime_xml)))
        run = subprocess.run([tool, "-V", os.path.join(tmp, "mime")],
                             capture_output=True, text=True)
        if run.returncode != 0 or "error" in (run.stderr or "").lower():
            failures.append(f"update-mime-database rejects {mime_xml}: {run.stderr.strip()}")
        globs = os.path.join(tmp, "mime", "globs2")
        lines = open(globs, encoding="utf-8").read().splitlines() if os.path.exists(globs) else []
        if not any(line.split(":")[1:] == [TYPE, "*.evalbench"] for line in lines):
            failures.append(f"*.evalbench does not map to {TYPE} in globs2: {lines}")
        if not os.path.exists(os.path.join(tmp, "mime", *TYPE.split("/")) + ".xml"):
            failures.append(f"no {TYPE}.xml in the generated database")

    for message in failures:
        print(f"FAIL: {message}", file=sys.stderr)
    if not failures:
        print(f"*.evalbench -> {TYPE}; claimed by {os.path.basename(desktop)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
