"""A guard against a PySide6 6.12 bug on Python < 3.12: every call of a Qt method returning
void drops one reference to None that it never took. None is immortal from Python 3.12 on, but
on 3.11 its count (a few thousand at start) reaches zero after a few thousand such calls and the
interpreter aborts ("none_dealloc: deallocating None"). Painting a PDF makes hundreds of
thousands of them.

`keep_none_alive()` gives None back the references it lost (plus a reserve) by raising its
count in place; call it often (between rows, pages) during long runs of Qt calls. A list holding
references would not do: freeing it at exit would drop the count below zero again. None is a
static object that is never freed, so a count kept too high is harmless. It does nothing where
the bug is absent.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1_000_000  # references in reserve: far more than any stretch between two calls
_baseline: int | None = None


def _leaks() -> bool:
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def keep_none_alive() -> None:
    global _baseline
    if _baseline is None:
        if not _leaks():
            _baseline = -1
            return
        _add_references(HEADROOM)
        _baseline = sys.getrefcount(None)
    if _baseline < 0:
        return
    lost = _baseline - sys.getrefcount(None)
    if lost > 0:
        _add_references(lost)


def _add_references(count: int) -> None:
    # ob_refcnt is the first field of every object in CPython's non-debug builds
    cell = ctypes.c_ssize_t.from_address(id(None))
    cell.value += count
