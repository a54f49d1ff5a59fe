#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest against the meson build.

  check-flatpak.py MANIFEST.json SOURCE_ROOT

- the manifest's app-id is the project's app_id, the command is `evalbench`,
  the runtime is org.gnome.Platform//43 with org.gnome.Sdk;
- the sandbox has no network and no broad file-system grant (files go
  through the portals, see flatpak/README.md);
- every archive source is pinned by sha256, every git source by tag or commit;
- the last module builds this checkout with meson;
- every library that meson.build (and the meson.build files it pulls in with
  subdir()) asks for with dependency() or find_library() is either in the
  GNOME runtime or built by a module of the manifest.
"""

import json
import os
import re
import sys

# Provided by org.gnome.Platform//43 (and its freedesktop base).
RUNTIME = {
    "glib-2.0", "gobject-2.0", "gio-2.0", "gio-unix-2.0", "gmodule-2.0",
    "gtk4", "libadwaita-1", "cairo", "cairo-gobject", "pango", "pangocairo",
    "sqlite3", "libxml-2.0", "json-glib-1.0", "zlib", "bzip2", "expat",
    "m", "dl", "threads",
}

# Library name as meson asks for it -> name of the manifest module that
# builds it.
MODULE_FOR = {
    "xlsxwriter": "libxlsxwriter",
    "libxlsxwriter": "libxlsxwriter",
    "readstat": "readstat",
    "libgvc": "graphviz",
    "libcgraph": "graphviz",
    "libcdt": "graphviz",
    "libpathplan": "graphviz",
    "gvc": "graphviz",
    "cgraph": "graphviz",
    "libgsf-1": "libgsf",
    "gsf-1": "libgsf",
}

APP_ID_RE = re.compile(r"^\s*app_id\s*=\s*'([^']+)'", re.M)
CALL_RE = re.compile(r"(?<![\w.])(?:[A-Za-z_]\w*\.)?(dependency|find_library)\(\s*'([^']+)'")
SUBDIR_RE = re.compile(r"(?<![\w.])subdir\(\s*'([^']+)'")

failures = []


def fail(message):
    failures.append(message)


def strip_comments(text):
    """Meson source without its # comments (a # inside a string stays)."""
    out = []
    for line in text.splitlines():
        quote = None
        cut = len(line)
        for i, ch in enumerate(line):
            if quote:
                if ch == quote:
                    quote = None
            elif ch == "'":
                quote = ch
            elif ch == "#":
                cut = i
                break
        out.append(line[:cut])
    return "\n".join(out)


def meson_files(root):
    """meson.build files reachable from the top one through subdir()."""
    seen = []
    todo = [root]
    while todo:
        folder = todo.pop(0)
        path = os.path.join(folder, "meson.build")
        if path in seen or not os.path.exists(path):
            continue
        seen.append(path)
        with open(path, encoding="utf-8") as f:
            text = strip_comments(f.read())
        todo += [os.path.join(folder, d) for d in SUBDIR_RE.findall(text)]
    return seen


def module_names(modules, out):
    for m in modules:
        if isinstance(m, str):  # an included file: cannot check it here
            fail(f"module {m!r} is a separate file; keep modules inline so they can be checked")
            continue
        out.append(m)
        module_names(m.get("modules", []), out)
    return out


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    manifest_path, root = sys.argv[1], sys.argv[2]
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)

    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        top = f.read()
    m = APP_ID_RE.search(top)
    app_id = m.group(1) if m else None
    if app_id is None:
        fail("meson.build: no `app_id = '...'` found")
    got_id = manifest.get("app-id", manifest.get("id"))
    if got_id != app_id:
        fail(f"app-id is {got_id!r}, meson.build says {app_id!r}")
    if os.path.basename(manifest_path) != f"{app_id}.json":
        fail(f"the manifest should be named {app_id}.json")
    expect = {"command": "evalbench", "runtime": "org.gnome.Platform",
              "runtime-version": "43", "sdk": "org.gnome.Sdk"}
    for key, value in expect.items():
        if manifest.get(key) != value:
            fail(f"{key} is {manifest.get(key)!r}, expected {value!r}")

    args = manifest.get("finish-args", [])
    for needed in ("--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"):
        if needed not in args:
            fail(f"finish-args lacks {needed}")
    for arg in args:
        if arg == "--share=network":
            fail("finish-args has --share=network: nothing may leave the machine")
        if arg in ("--socket=x11",):
            fail("use --socket=fallback-x11, not --socket=x11")
        if arg.startswith("--filesystem=") and arg.split("=", 1)[1].split(":")[0] in ("host", "home", "host-os", "host-etc"):
            fail(f"finish-args has {arg}: files go through the portals")

    modules = module_names(manifest.get("modules", []), [])
    names = {m.get("name", "").lower(): m for m in modules}
    for m in modules:
        for src in m.get("sources", []):
            if isinstance(src, str):
                continue
            kind = src.get("type")
            where = f"module {m.get('name')!r}"
            if kind in ("archive", "file") and "url" in src:
                sha = src.get("sha256", "")
                if not re.fullmatch(r"[0-9a-f]{64}", sha):
                    fail(f"{where}: {src['url']} is not pinned by a sha256")
            elif kind == "git":
                if not (src.get("tag") or src.get("commit")):
                    fail(f"{where}: git source {src.get('url')} has neither tag nor commit")
    if not modules:
        fail("no modules")
    else:
        last = modules[-1]
        if last.get("name") != "evalbench" or last.get("buildsystem") != "meson":
            fail("the last module must be `evalbench`, built with meson")
        srcs = last.get("sources", [])
        if not any(isinstance(s, dict) and s.get("type") == "dir" and s.get("path") == ".."
                   for s in srcs):
            fail("the evalbench module must build this checkout (type dir, path ..)")

    asked = {}
    for path in meson_files(root):
        with open(path, encoding="utf-8") as f:
            text = strip_comments(f.read())
        for _, name in CALL_RE.findall(text):
            asked.setdefault(name, os.path.relpath(path, root))
    if "gtk4" not in asked:
        fail("found no dependency('gtk4') in the meson files: is SOURCE_ROOT right?")
    for name, where in sorted(asked.items()):
        if name in RUNTIME:
            status = "runtime"
        elif MODULE_FOR.get(name) in names:
            status = f"module {MODULE_FOR[name]}"
        elif name.lower() in names:
            status = f"module {name.lower()}"
        else:
            status = None
            fail(f"{where} asks for {name!r}, which is neither provided by the GNOME "
                 f"runtime nor built by a module of {os.path.basename(manifest_path)}: "
                 f"add a module (and map it in MODULE_FOR in {os.path.basename(__file__)}), "
                 f"or add it to RUNTIME if org.gnome.Platform//43 ships it")
        if status:
            print(f"ok: {name:16} ({where}) -> {status}")

    for message in failures:
        print(f"FAIL: {message}", file=sys.stderr)
    if not failures:
        print(f"{os.path.basename(manifest_path)}: {len(modules)} modules, "
              f"{len(asked)} libraries accounted for")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
