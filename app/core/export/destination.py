"""Writing an export without ever destroying what is there (issue 17).

An export is written to a temporary file in the target's own folder, flushed to disk, checked,
and only then renamed over the target; the folder is flushed too, so a crash leaves either the
old file or the new one. The rename only ever replaces a regular file or creates a new name:
a device (`/dev/full`), a FIFO, a symbolic link or a folder at the target is refused before
anything is written, and checked again just before the rename. Any write error (a full disk
included) removes the temporary file, leaves the previous export untouched, and becomes one
clear message."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.core.errors import ParallaxError

Writer = Callable[[Path], None]  # writes the whole export to the path it is given
Verifier = Callable[[Path], None]  # raises ParallaxError when the written file is not whole


class ExportRefused(ParallaxError):
    """The export target cannot be written safely; nothing was written."""


def check_destination(out: Path) -> None:
    """Refuse a target the export must not replace, or a folder that does not exist."""
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ExportRefused(f"cannot write {out}: the folder {folder} does not exist")
    try:
        found = out.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportRefused(f"cannot write {out}: {exc.strerror or exc}") from exc
    kind = _kind(found.st_mode)
    if kind is not None:
        raise ExportRefused(
            f"cannot write {out}: it is {kind}, not a regular file; nothing was written "
            "(choose a file name)"
        )


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None: a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def write_atomically(out: Path, write: Writer, verify: Verifier | None = None) -> None:
    """Write `out` through `write(temporary path)`, whole or not at all."""
    out = Path(out)
    check_destination(out)
    folder = out.parent if str(out.parent) else Path(".")
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    os.close(handle)
    part = Path(name)
    try:
        write(part)
        os.chmod(part, _mode_for(out))  # mkstemp makes it private; an export is a normal file
        _flush(part)
        if verify is not None:
            verify(part)
        check_destination(out)  # it may have changed while the export was written
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ParallaxError(f"could not write {out}: {describe_os_error(exc)}") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    _flush_folder(folder)


def move_into_place(finished: Path, out: Path) -> None:
    """Rename a finished file (written elsewhere in the same folder) over `out`, with the same
    refusals as `write_atomically`; the finished file is removed if it cannot go there."""
    try:
        check_destination(out)
        os.replace(finished, out)
    except BaseException:
        finished.unlink(missing_ok=True)
        raise
    _flush_folder(out.parent if str(out.parent) else Path("."))


def _mode_for(out: Path) -> int:
    """The replaced file's permissions, or a new file's usual ones (0666 less the umask)."""
    try:
        return stat.S_IMODE(out.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
        os.umask(mask)
        return 0o666 & ~mask


def describe_os_error(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full (or the file is over its size limit); the previous file is kept"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "no permission to write there; the previous file is kept"
    return f"{exc.strerror or exc}; the previous file is kept"


def _flush(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    """The rename itself reaches the disk (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def verify_pdf(path: Path) -> None:
    """A PDF is whole when it ends with its end-of-file marker: Qt's PDF writer reports no
    write error, so a full disk shows up here as a file cut short."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - 64))
        tail = handle.read()
    if size == 0 or b"%%EOF" not in tail:
        raise ParallaxError(
            f"the PDF was cut short ({size:,} bytes written): the disk is probably full;"
            " the previous file is kept"
        )
