"""PDF export from the reader, in a child process (`parallax export --format pdf --progress`).

Why a child process: rendering lays text out with QTextDocument, a QObject. Made on a Python
worker thread it can deadlock the reader (issue 13); laid out on the GUI thread in slices, single
units already take 40-100 ms on the seeds (a frame budget is 50 ms). The child's Qt is its own, a
crash in rendering cannot take the window down, and cancel is a kill.

The child writes to a private temporary name; only this task renames it to the chosen file,
after the child has exited cleanly. So a cancel (kill) or a crash never leaves a partial file,
and a cancel that arrives after the child finished is unambiguous: "too late", file kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import app
from app.core.errors import ParallaxError
from app.core.export.destination import check_destination, move_into_place
from app.core.export.document import ExportOptions
from app.gui.task import Changes, TaskCancelled, TaskContext


def export_command(
    db_path: Path, collection: str, article_ids: Sequence[int], options: ExportOptions, out: Path
) -> list[str]:
    """The command line of the child: the bundle's executable is the CLI as well."""
    base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "app"]
    args = [
        "export", "--db", str(db_path), "--collection", collection, "--format", "pdf",
        "--out", str(out), "--progress", "--page-size", options.page_size.value,
        "--sections", ",".join(s.value for s in options.sections),
    ]  # fmt: skip
    if article_ids:
        args += ["--articles", ",".join(str(i) for i in article_ids)]
    if options.only_divergent:
        args.append("--only-divergent")
    if not options.include_notes:
        args.append("--no-notes")
    return base + args


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"  # it only writes a file: never a window, never X
    env["PYTHONUNBUFFERED"] = "1"
    if not getattr(sys, "frozen", False):  # the same code as this process, wherever it lives
        root = str(Path(app.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def _scratch(out: Path) -> Path:
    return out.with_name(f".{out.name}.{os.getpid()}.exporting")


def _remove_leftovers(scratch: Path) -> None:
    """The child's file and the temporary file it was writing when it was stopped."""
    scratch.unlink(missing_ok=True)
    for part in scratch.parent.glob(f".{scratch.name}.*.part"):
        part.unlink(missing_ok=True)


def export_task(
    ctx: TaskContext,
    db_path: Path,
    collection: str,
    article_ids: Sequence[int],
    options: ExportOptions,
    out: Path,
) -> int:
    """Run on the runner's worker thread (no Qt here): start the child, pass its progress on as
    (fraction, message), move its file into place. Returns the page count."""
    if not options.sections:
        raise ParallaxError("choose at least one section")
    ctx.check()
    out = Path(out)
    check_destination(out)  # refused before minutes of rendering, not after
    scratch = _scratch(out)
    command = export_command(db_path, collection, article_ids, options, scratch)
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL,
            env=child_environment(), text=True, encoding="utf-8",
        )  # fmt: skip
        ctx.on_cancel(lambda: _kill(proc))
        pages = None
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                record = _record(line)
                if record.get("event") == "progress":
                    ctx.report((float(record["fraction"]), str(record["message"])))
                elif record.get("event") == "done":
                    pages = int(record["pages"])
            code = proc.wait()
        except BaseException:
            _kill(proc)
            proc.wait()
            _remove_leftovers(scratch)
            raise
        if code == 0 and pages is not None and scratch.exists():
            move_into_place(scratch, out)  # complete: a late cancel no longer matters
            ctx.changed(Changes(files=(out,)))
            return pages
        _remove_leftovers(scratch)
        if ctx.cancelled():
            raise TaskCancelled
        errors.seek(0)
        raise ParallaxError(_failure(code, errors.read().decode("utf-8", "replace")))


def _record(line: str) -> dict[str, object]:
    try:
        record = json.loads(line)
    except ValueError:
        return {}  # a stray line (a library's warning on stdout): not ours
    return record if isinstance(record, dict) else {}


def _kill(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()


def _failure(code: int, stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the PDF renderer crashed ({name}); the window is unaffected"
    detail = lines[-1].removeprefix("parallax: ") if lines else f"exit code {code}"
    return f"export failed: {detail}"
