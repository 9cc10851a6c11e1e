"""The guard against PySide6 6.12 losing references to None on Python 3.11."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

from app.gui.none_refcount import keep_none_alive


def test_many_void_calls_do_not_exhaust_none() -> None:
    keep_none_alive()
    start = sys.getrefcount(None)
    probe = QObject()
    for _ in range(50):  # 50 000 calls: ten times what None's own count survives on 3.11
        for _ in range(1000):
            probe.setObjectName("x")
        keep_none_alive()
    assert sys.getrefcount(None) >= start - 1000
