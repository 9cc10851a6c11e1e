"""packaging/check_system.py names the Debian packages Qt's xcb plugin is missing, in one line,
from what `ldd` reports (here a fake ldd over a fake plugin, so the test means the same on a
machine that has every library)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "check_system.py"

FAKE_LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /opt/qt/lib/libQt6XcbQpa.so.6 (0x00007f01)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f02)
\tlibxcb-keysyms.so.1 => not found
\tlibfoo-unknown.so.3 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f03)
"""


def fake_ldd(tmp_path: Path, output: str) -> Path:
    out = tmp_path / "ldd-output.txt"
    out.write_text(output)
    ldd = tmp_path / "fake-ldd"
    ldd.write_text(f"#!/bin/sh\ncat '{out}'\n")
    ldd.chmod(ldd.stat().st_mode | stat.S_IEXEC)
    return ldd


def run_check(tmp_path: Path, output: str, platform: str) -> subprocess.CompletedProcess[str]:
    plugin = tmp_path / "plugins" / "platforms" / "libqxcb.so"
    plugin.parent.mkdir(parents=True)
    plugin.write_bytes(b"\x7fELF fake")
    env = {**os.environ, "QT_QPA_PLATFORM": platform}
    args = ["--display", "--ldd", str(fake_ldd(tmp_path, output)), "--plugin", str(plugin)]
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env=env, timeout=60)  # fmt: skip


def xcb_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr  # ONE line, whatever is missing
    return lines[0]


def test_missing_xcb_libraries_are_named_as_debian_packages_in_one_line(tmp_path: Path) -> None:
    done = run_check(tmp_path, FAKE_LDD_OUTPUT, platform="xcb")
    assert done.returncode == 1
    line = xcb_line(done.stderr)
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"):
        assert package in line
    assert line.count("libxcb-keysyms1") == 2  # once in the list, once in the apt-get command
    assert "libfoo-unknown.so.3" in line  # unknown: the soname itself, not silence
    assert "libxcb-util1" not in line  # found by ldd: not reported


def test_a_complete_plugin_passes(tmp_path: Path) -> None:
    ok = FAKE_LDD_OUTPUT.replace("not found", "/lib/x86_64-linux-gnu/x.so (0x1)")
    done = run_check(tmp_path, ok, platform="")
    assert "libxcb" not in done.stderr
    assert "libfoo" not in done.stderr
    assert done.returncode == 0, done.stderr  # the offscreen base libraries are installed here


def test_offscreen_runs_do_not_check_the_xcb_plugin(tmp_path: Path) -> None:
    done = run_check(tmp_path, FAKE_LDD_OUTPUT, platform="offscreen")
    assert "libxcb" not in done.stderr


def test_the_real_plugin_is_found_and_checked() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import check_system
    finally:
        sys.path.pop(0)
    plugin = check_system.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    real = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=60)
    expected = {check_system.package_for(n) for n in check_system.not_found(real.stdout)}
    assert set(check_system.missing_xcb_packages(plugin)) == expected
    assert check_system.package_for("libxcb-icccm.so.4") == "libxcb-icccm4"
