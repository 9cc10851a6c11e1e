"""The NLP worker processes (spaCy's `nlp.pipe(n_process=2)` forks them) never outlive the
importer and never keep it from stopping (issue 17):

- each worker asks the kernel to kill it when its parent dies (Linux `PR_SET_PDEATHSIG`), so a
  `kill -9` of the importer leaves no 220 MB worker behind, parented by PID 1;
- each worker ignores Ctrl-C: a terminal sends SIGINT to the whole process group, and the
  parent alone decides what stops — it ends the workers at once (`stop_workers`) instead of
  waiting for a batch, and the CLI then leaves without joining spaCy's queue threads, which
  nobody reads any more.

The hook runs in every process that `multiprocessing` forks from this one (spaCy uses the
default "fork" context on Linux); elsewhere (spawn, other systems) it is simply not called."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.util
import os
import signal
import sys
import threading
import warnings
from collections.abc import Iterator

PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


class _Hook:
    """What `register_after_fork` keeps a weak reference to (it needs an object)."""

    parent = os.getpid()


_HOOK = _Hook()
_installed = threading.Lock()
_done = False


def _in_worker(hook: _Hook) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != hook.parent:  # the parent died before the request took effect
        os._exit(1)


def guard_worker_processes() -> None:
    """Install the hook once; call before starting NLP worker processes."""
    global _done
    with _installed:
        if _done:
            return
        _HOOK.parent = os.getpid()
        multiprocessing.util.register_after_fork(_HOOK, _in_worker)
        _done = True


def stop_workers() -> int:
    """End every worker process of this one now (SIGKILL: a worker mid-parse would finish its
    batch first on SIGTERM); returns how many there were."""
    children = multiprocessing.active_children()
    # spaCy then warns that its workers did not complete: that is what was asked for.
    warnings.filterwarnings("ignore", message=r".*\[W127\]")
    for child in children:
        with contextlib.suppress(OSError):
            child.kill()
    for child in children:
        child.join(1.0)
    return len(children)


@contextlib.contextmanager
def interrupt_on_signals() -> Iterator[None]:
    """While a CLI command runs in the main thread: SIGINT and SIGTERM end the workers at once,
    then raise KeyboardInterrupt where the command is, so that it can say what was kept. The
    previous handlers come back afterwards (a test runner's own, for one)."""

    def handler(signum: int, _frame: object) -> None:
        stop_workers()
        raise KeyboardInterrupt(signal.Signals(signum).name)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for number in previous:
        signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old if old is not None else signal.SIG_DFL)
