"""Check that the system libraries Qt needs offscreen are present; say which Debian packages fix it.

Runs with the system Python (no venv needed) before the tests, so a missing library is reported
in one line instead of as a crash deep inside Qt.
"""

import ctypes.util
import shutil
import sys

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


def main() -> int:
    missing = [pkg for lib, pkg in LIBRARIES.items() if ctypes.util.find_library(lib) is None]
    missing += [pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        print(
            "Missing system packages for the Qt tests: "
            + " ".join(sorted(set(missing)))
            + "\nInstall them with: apt-get install "
            + " ".join(sorted(set(missing))),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
