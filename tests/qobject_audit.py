"""A test-only audit: every QObject that Python code creates on a thread other than the GUI
thread is recorded (issue 13: such objects can deadlock the reader against the GUI thread).

It uses Qt's `qtHookData[AddQObject]` hook (the one GammaRay uses), called by every QObject
constructor on the constructing thread. Threads that Python did not start (Qt's own, e.g.
QPdfView's renderer) are not Python code holding the GIL, so they are not what the rule is
about; they are counted apart."""

from __future__ import annotations

import ctypes
import os
import threading
import traceback
from dataclasses import dataclass, field

import PySide6

ADD_QOBJECT = 3  # QHooks::AddQObject
_HOOK = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


@dataclass
class Audit:
    main: int = field(default_factory=threading.get_ident)
    offenders: list[tuple[str, str]] = field(default_factory=list)  # thread name, where
    foreign: int = 0  # QObjects made by threads Python did not start

    def clear(self) -> None:
        self.offenders.clear()
        self.foreign = 0


def _hook_data() -> ctypes.Array[ctypes.c_size_t]:
    lib = ctypes.CDLL(os.path.join(os.path.dirname(PySide6.__file__), "Qt/lib/libQt6Core.so.6"))
    return (ctypes.c_size_t * 7).in_dll(lib, "qtHookData")


class QObjectAudit:
    def __init__(self) -> None:
        self.audit = Audit()
        self._data = _hook_data()
        self._callback = _HOOK(self._added)  # kept alive while installed

    def _added(self, _pointer: int) -> None:
        if threading.get_ident() == self.audit.main:
            return
        thread = threading.current_thread()
        if isinstance(thread, threading._DummyThread):  # not started by Python
            self.audit.foreign += 1
            return
        where = "".join(traceback.format_stack(limit=8)[:-1])
        self.audit.offenders.append((thread.name, where))

    def install(self) -> None:
        if self._data[ADD_QOBJECT]:
            raise RuntimeError("another AddQObject hook is installed")
        self._data[ADD_QOBJECT] = ctypes.cast(self._callback, ctypes.c_void_p).value

    def remove(self) -> None:
        self._data[ADD_QOBJECT] = 0
