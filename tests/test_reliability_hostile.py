"""Hostile export targets (issue 17, part 1): an export never destroys what is at its target
and never lies. Each case runs the real CLI in a child process and checks the exit code, one
line of message with no traceback, the previous export untouched, and no temporary file left.
A full disk is made with the file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored): every write past
it fails with EFBIG, as on a full disk, without needing a mount."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.store.db import open_db
from tests.conftest import ROOT

GOOD = b'{"old": "a good export from yesterday"}\n'


def _cli(*args: str, db: Path, file_limit: int | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        if file_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", *args, "--db", str(db)], capture_output=True, text=True,
        env=env, preexec_fn=limit, timeout=300,
    )  # fmt: skip


def _refused(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert "wrote" not in result.stdout


def _no_leftovers(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.endswith(".part")] == []


def test_a_device_is_never_replaced(seeded_db_file: Path, tmp_path: Path) -> None:
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full here")
    before = os.stat("/dev/full")
    result = _cli("export", "--collection", "Borrell in Moscow", "--out", "/dev/full",
                  db=seeded_db_file)  # fmt: skip
    _refused(result, "/dev/full", "device")
    after = os.stat("/dev/full")
    assert Path("/dev/full").is_char_device() and after.st_ino == before.st_ino


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder"])
def test_a_fifo_a_symlink_or_a_folder_is_refused(
    seeded_db_file: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "out.json"
    kept = tmp_path / "kept.json"
    kept.write_bytes(GOOD)
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(kept)
    else:
        target.mkdir()
    result = _cli("export", "--collection", "Borrell in Moscow", "--out", str(target),
                  db=seeded_db_file)  # fmt: skip
    _refused(result, str(target), {"fifo": "pipe", "symlink": "link", "folder": "folder"}[kind])
    assert kept.read_bytes() == GOOD  # what the link points at is untouched too
    assert {"fifo": target.is_fifo, "symlink": target.is_symlink, "folder": target.is_dir}[kind]()
    _no_leftovers(tmp_path)


def test_a_missing_folder_is_one_line(seeded_db_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "out.pdf"
    result = _cli("export", "--collection", "Borrell in Moscow", "--format", "pdf",
                  "--out", str(target), db=seeded_db_file)  # fmt: skip
    _refused(result, "does not exist")


@pytest.mark.parametrize("form", ["json", "pdf"])
def test_a_full_disk_keeps_the_previous_export(
    seeded_db_file: Path, tmp_path: Path, form: str
) -> None:
    db = tmp_path / "seeds.db"
    db.write_bytes(seeded_db_file.read_bytes())
    open_db(db).conn.close()  # settled: the export itself only reads it
    target = tmp_path / f"comparison.{form}"
    target.write_bytes(GOOD)
    result = _cli("export", "--collection", "Borrell in Moscow", "--format", form,
                  "--out", str(target), db=db, file_limit=16_384)  # fmt: skip
    _refused(result, "full")
    assert target.read_bytes() == GOOD
    _no_leftovers(tmp_path)


def test_an_empty_collection_exports_one_page_that_says_so(tmp_path: Path) -> None:
    from pypdf import PdfReader

    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    db = tmp_path / "r.db"
    imported = _cli("import", str(empty), "--collection", "E", db=db)
    assert imported.returncode != 0 and "empty file" in imported.stdout
    out = tmp_path / "e.pdf"
    result = _cli("export", "--collection", "E", "--format", "pdf", "--out", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}: 1 page"
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert "has no articles" in " ".join(reader.pages[0].extract_text().split())
    assert out.stat().st_mode & 0o644 == 0o644  # a normal file, not a private temporary one
