"""Find the files to import under the paths a user gave."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.ingest.readers import is_supported


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path
    problem: str | None = None  # set when the file cannot even be tried


def discover(paths: Sequence[Path], recursive: bool = True) -> Iterator[Candidate]:
    """Files in the order given (folders sorted by name); hidden files and folders skipped.

    Symbolic links to folders are not followed, so a link loop cannot trap the walk.
    """
    seen: set[Path] = set()
    for given in paths:
        if not given.exists() and not given.is_symlink():
            yield Candidate(given, "no such file or folder")
        elif given.is_dir():
            yield from _walk(given, recursive, seen)
        elif given.is_symlink() and not given.exists():
            loop = _real(given) is None
            yield Candidate(given, "symbolic link loop" if loop else "broken symbolic link")
        elif (real := _real(given)) is None:
            yield Candidate(given, "symbolic link loop")
        elif real not in seen:
            seen.add(real)
            ok = is_supported(given)
            yield Candidate(
                given, None if ok else f"unsupported file type {given.suffix or '(none)'}"
            )


def _real(path: Path) -> Path | None:
    """The file a path names after following links; None for a link loop (a->b->a), which
    pathlib reports as RuntimeError (Python 3.11-3.12) or OSError (ELOOP)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def _walk(root: Path, recursive: bool, seen: set[Path]) -> Iterator[Candidate]:
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if not is_supported(path):
                continue  # a folder holds images, scripts…: only article files are candidates
            real = _real(path)
            if real is None:
                yield Candidate(path, "symbolic link loop")
                continue
            if real in seen:
                continue
            seen.add(real)
            yield Candidate(path, None if path.exists() else "broken symbolic link")


def count_by_type(paths: Sequence[Path], recursive: bool = True) -> dict[str, int]:
    """How many importable files of each type the paths hold (for the import wizard)."""
    counts: dict[str, int] = {}
    for candidate in discover(paths, recursive):
        if candidate.problem is None:
            key = candidate.path.suffix.lower()
            counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass(frozen=True, slots=True)
class Survey:
    """What a set of paths holds, before anything is read: for the import wizard's first page."""

    importable: dict[str, int]  # file type (".txt") → count
    ignored: dict[str, int]  # reason (".png file", "hidden folder", …) → count

    @property
    def total(self) -> int:
        return sum(self.importable.values())


def survey(
    paths: Sequence[Path], recursive: bool = True, should_stop: Callable[[], bool] = lambda: False
) -> Survey:
    """Importable files per type (as `count_by_type`) and what the import will pass over."""
    importable: dict[str, int] = {}
    ignored: dict[str, int] = {}

    def add(counts: dict[str, int], key: str) -> None:
        counts[key] = counts.get(key, 0) + 1

    for candidate in discover(paths, recursive):
        if candidate.problem is None:
            add(importable, candidate.path.suffix.lower())
        else:
            add(ignored, candidate.problem)
        if should_stop():
            return Survey(importable, ignored)
    for given in (p for p in paths if p.is_dir()):
        for _folder, dirs, files in os.walk(given, followlinks=False):
            for name in dirs:
                if name.startswith("."):
                    add(ignored, "hidden folder")
                elif not recursive:
                    add(ignored, "sub-folder (not recursive)")
            dirs[:] = [d for d in dirs if not d.startswith(".")] if recursive else []
            for name in files:
                if name.startswith("."):
                    add(ignored, "hidden file")
                elif not is_supported(Path(name)):
                    add(ignored, f"{Path(name).suffix.lower() or 'no extension'} file")
            if should_stop():
                break
    return Survey(importable, ignored)
