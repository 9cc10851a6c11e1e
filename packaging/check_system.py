"""Check that the system libraries Qt needs are present; say which Debian packages fix it.

Two modes:
- default (before the tests): what Qt needs offscreen, plus the PDF tools the tests use;
- `--display` (before `make run` opens a window): also what Qt's xcb platform plugin links to,
  found by running `ldd` over PySide6's plugins/platforms/libqxcb.so. Skipped when
  QT_QPA_PLATFORM asks for a platform that opens no X window (offscreen, minimal, wayland...).

Runs with any Python (no PySide6 import: PySide6 is only located, so a broken Qt cannot crash
the check itself), and reports everything missing in ONE line instead of Qt's abort deep inside
the plugin loader ("Could not load the Qt platform plugin xcb").
"""

from __future__ import annotations

import argparse
import ctypes.util
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

LIBRARIES = {
    "EGL": "libegl1",
    "GL": "libgl1",
    "xkbcommon": "libxkbcommon0",
    "fontconfig": "libfontconfig1",
    "freetype": "libfreetype6",
    "glib-2.0": "libglib2.0-0",
    "dbus-1": "libdbus-1-3",
}
TOOLS = {"pdftoppm": "poppler-utils"}

# Shared objects Qt's xcb plugin (and libQt6XcbQpa it loads) links to -> the Debian/Ubuntu
# package that ships them. Keyed by the soname without its version, so a soname bump still maps.
XCB_PACKAGES = {
    "libxcb-cursor.so": "libxcb-cursor0",
    "libxcb-icccm.so": "libxcb-icccm4",
    "libxcb-keysyms.so": "libxcb-keysyms1",
    "libxcb-image.so": "libxcb-image0",
    "libxcb-util.so": "libxcb-util1",
    "libxcb-render-util.so": "libxcb-render-util0",
    "libxcb-randr.so": "libxcb-randr0",
    "libxcb-shape.so": "libxcb-shape0",
    "libxcb-shm.so": "libxcb-shm0",
    "libxcb-sync.so": "libxcb-sync1",
    "libxcb-xfixes.so": "libxcb-xfixes0",
    "libxcb-render.so": "libxcb-render0",
    "libxcb-xkb.so": "libxcb-xkb1",
    "libxcb-xinerama.so": "libxcb-xinerama0",
    "libxcb-xinput.so": "libxcb-xinput0",
    "libxcb-glx.so": "libxcb-glx0",
    "libxcb.so": "libxcb1",
    "libX11-xcb.so": "libx11-xcb1",
    "libX11.so": "libx11-6",
    "libxkbcommon-x11.so": "libxkbcommon-x11-0",
    "libxkbcommon.so": "libxkbcommon0",
    "libGL.so": "libgl1",
    "libEGL.so": "libegl1",
    "libfontconfig.so": "libfontconfig1",
    "libfreetype.so": "libfreetype6",
    "libglib-2.0.so": "libglib2.0-0",
    "libgthread-2.0.so": "libglib2.0-0",
    "libdbus-1.so": "libdbus-1-3",
    "libSM.so": "libsm6",
    "libICE.so": "libice6",
}
# Platforms that open no X window: the xcb check would only report noise for them.
WINDOWLESS = ("offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "wayland")


def missing_base_packages() -> list[str]:
    missing = [pkg for lib, pkg in LIBRARIES.items() if ctypes.util.find_library(lib) is None]
    return missing + [pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None]


def xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin, located without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        plugin = Path(root) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.exists():
            return plugin
    return None


def package_for(soname: str) -> str:
    """The Debian package of a soname ("libxcb-icccm.so.4" -> "libxcb-icccm4"); the soname
    itself when unknown, so the user still learns what to look for."""
    base = soname.split(".so")[0] + ".so"
    return XCB_PACKAGES.get(base, soname)


def not_found(ldd_output: str) -> list[str]:
    """Sonames ldd could not resolve: lines like 'libxcb-icccm.so.4 => not found'."""
    names = []
    for line in ldd_output.splitlines():
        name, _, where = line.strip().partition("=>")
        if where.strip() == "not found":
            names.append(name.strip())
    return names


def missing_xcb_packages(plugin: Path, ldd: str = "ldd") -> list[str]:
    """Packages missing for the xcb plugin (ldd follows libQt6XcbQpa and everything below)."""
    try:
        done = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return []  # no ldd (not glibc?): Qt will say it itself; do not block the start
    return sorted({package_for(name) for name in not_found(done.stdout)})


def display_wanted(environ: dict[str, str]) -> bool:
    platform = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    return not platform.startswith(WINDOWLESS)


def report(missing: list[str], purpose: str) -> str:
    names = " ".join(sorted(set(missing)))
    return f"Missing system packages {purpose}: {names} (install: sudo apt-get install {names})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", action="store_true", help="also check Qt's xcb plugin")
    parser.add_argument("--ldd", default=os.environ.get("PARALLAX_LDD", "ldd"))
    parser.add_argument("--plugin", type=Path, help="the xcb plugin (default: PySide6's)")
    args = parser.parse_args(argv)
    missing = missing_base_packages()
    purpose = "for the Qt tests"
    if args.display:
        purpose = "to start Parallax"
        missing = [pkg for pkg in missing if pkg != "poppler-utils"]  # the tests' PDF reader
    if args.display and display_wanted(dict(os.environ)):
        plugin = args.plugin or xcb_plugin()
        if plugin is not None:
            missing += missing_xcb_packages(plugin, args.ldd)
    if missing:
        print(report(missing, purpose), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
