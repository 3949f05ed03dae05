"""Every file cstosim reads or writes goes through here: bounded reads, safe writes.

Reading (``read_input``): only regular files, or ``-`` for standard input; at most ``limit``
bytes, and standard input within ``timeout`` seconds, so a pipe, device or socket that never
ends is refused instead of waited on.

Writing whole files (``atomic_output``, ``write_text``): the bytes go to a temporary file in
the same folder, are synced to disk and renamed into place, so a failure leaves the old file
whole. Appending files (``open_locked``, for sweeps): the real file is kept open, under an
exclusive lock for the whole run, so a second writer is refused. Nothing here replaces or
removes a path that is not a regular file (a symbolic link, a device, a pipe, a folder), and
nothing removes a file it did not create.

Errors: ``OutputError`` and ``InputError`` (both also ``OSError``). ``OutputError.kind`` says
what went wrong: ``"usage"`` (a path that must not be written: not a regular file, or the same
file as an input or another output; ``SameFileError``), ``"busy"`` (another process holds the
file) or ``"write"`` (the operating system refused or failed).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import select
import stat
import sys
import time
from collections.abc import Iterator, Mapping
from typing import IO, Literal

from cstosim.errors import CstosimError
from cstosim.i18n import _

__all__ = [
    "MAX_INPUT",
    "MAX_LINE",
    "STDIN",
    "STDIN_TIMEOUT",
    "InputError",
    "LockedFile",
    "OutputError",
    "SameFileError",
    "atomic_output",
    "check_distinct",
    "check_output",
    "is_regular",
    "open_locked",
    "read_bounded",
    "read_input",
    "readline_bounded",
    "write_bytes",
    "write_text",
]

MAX_INPUT = 1_048_576  # 1 MiB: the default cap on what one read takes in
MAX_LINE = 1_048_576  # 1 MiB: the longest line read back from a file cstosim wrote
STDIN_TIMEOUT = 10.0  # seconds standard input has to reach its end
STDIN = "-"  # the path that means standard input (or, for outputs, standard output)

StrPath = str | os.PathLike[str]
Kind = Literal["usage", "busy", "write"]


class OutputError(CstosimError, OSError):
    """A file that cannot or must not be written; ``path`` is the path, ``kind`` what went
    wrong (``"usage"``, ``"busy"`` or ``"write"``)."""

    def __init__(self, message: str, *, path: StrPath, kind: Kind = "write") -> None:
        super().__init__(message)
        self.message = message
        self.path = os.fspath(path)
        self.kind: Kind = kind

    def __str__(self) -> str:
        return self.message


class SameFileError(OutputError):
    """An output that names the same file as an input or as another output."""

    def __init__(self, message: str, *, path: StrPath, other: StrPath) -> None:
        super().__init__(message, path=path, kind="usage")
        self.other = os.fspath(other)


class InputError(CstosimError, OSError):
    """A file that cannot be read; ``path`` is the path, ``reason`` what is wrong (without the
    path), ``str()`` both."""

    def __init__(self, reason: str, *, path: StrPath) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def _kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def is_regular(path: StrPath) -> bool:
    """Whether ``path`` is a regular file (following symbolic links), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


# -- reading ----------------------------------------------------------------------------------
def _cannot_read(e: OSError) -> str:
    return _("cannot read: {reason}").format(reason=e.strerror or e)


def read_input(path: StrPath, *, limit: int = MAX_INPUT, timeout: float = STDIN_TIMEOUT) -> bytes:
    """The bytes of a regular file, or of standard input if ``path`` is ``-``, at most ``limit``
    of them; raises InputError for anything else (a pipe, a device, a socket, a folder, a file
    too large, standard input that does not end within ``timeout`` seconds)."""
    if os.fspath(path) == STDIN:
        try:
            fd = sys.stdin.fileno()
        except (AttributeError, OSError, ValueError):
            raise InputError(_("there is no standard input to read"), path="<stdin>") from None
        return read_bounded(fd, limit=limit, timeout=timeout, name="<stdin>")
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC  # never wait on a FIFO
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise InputError(
            _("cannot read: {reason}").format(reason=e.strerror or e), path=path
        ) from None
    except ValueError:  # a NUL in the name: no file can have it
        raise InputError(
            "cannot read: a file name cannot hold a NUL character", path=path
        ) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(_("is a directory; give a .yaml file"), path=path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"is {_kind_of(st.st_mode)}, not a regular file; allowed: a regular file, "
                "or - to read standard input",
                path=path,
            )
        if st.st_size > limit:
            raise InputError(
                _("the file is {n} bytes; allowed: at most {limit}").format(
                    n=st.st_size, limit=limit
                ),
                path=path,
            )
        return read_bounded(fd, limit=limit, timeout=None, name=os.fspath(path))
    except OSError as e:
        if isinstance(e, InputError):
            raise
        raise InputError(
            _("cannot read: {reason}").format(reason=e.strerror or e), path=path
        ) from None
    finally:
        os.close(fd)


def read_bounded(fd: int, *, limit: int, timeout: float | None, name: str) -> bytes:
    """Read ``fd`` to its end, refusing more than ``limit`` bytes, and (with ``timeout``) an end
    that does not come within ``timeout`` seconds; raises InputError naming ``name``."""
    deadline = None if timeout is None else time.monotonic() + timeout
    chunks: list[bytes] = []
    n = 0
    while True:
        if deadline is not None:
            left = deadline - time.monotonic()
            ready = left > 0 and select.select([fd], [], [], left)[0]
            if not ready:
                raise InputError(
                    f"no end of input within {timeout:g} s; allowed: input that ends "
                    f"(at most {limit} bytes) within {timeout:g} s",
                    path=name,
                )
        try:
            chunk = os.read(fd, min(65_536, limit + 1 - n))
        except BlockingIOError:
            continue  # select said ready, the data went elsewhere: wait again
        except OSError as e:
            raise InputError(
                _("cannot read: {reason}").format(reason=e.strerror or e), path=name
            ) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        n += len(chunk)
        if n > limit:
            raise InputError(f"more than {limit} bytes; allowed: at most {limit}", path=name)


# -- checking outputs -------------------------------------------------------------------------
def check_output(path: StrPath) -> None:
    """Refuse (``OutputError``, kind ``"usage"``) a path that exists and is not a regular file:
    a symbolic link, a device, a pipe, a socket or a folder. ``-`` (standard output) passes."""
    p = os.fspath(path)
    if p == STDIN:
        return
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        return
    except OSError as e:
        raise OutputError(f"cannot write {p}: {e.strerror or e}", path=p) from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(
            f"{p} is {_kind_of(st.st_mode)}; cstosim writes only regular files, never "
            "through a link or into a device, pipe or folder; allowed: a regular file's "
            "path, or - for standard output",
            path=p,
            kind="usage",
        )


def _same(a: str, b: str) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # hard links, bind mounts
    except OSError:
        return False


def check_distinct(
    outputs: Mapping[str, StrPath | None], inputs: Mapping[str, StrPath | None] | None = None
) -> None:
    """Refuse (``SameFileError``) an output that names the same file as an input or another
    output, and (``OutputError``) an output that is not a regular file. Keys are the names to
    use in messages (``"output"``, ``"input"``, or a command line's flags); ``None`` values and
    ``-`` are skipped."""
    outs = [(k, os.fspath(v)) for k, v in outputs.items() if v is not None]
    ins = [(k, os.fspath(v)) for k, v in (inputs or {}).items() if v is not None]
    for name, out in outs:
        if out == STDIN:
            continue
        for other_name, src in ins:
            if src != STDIN and _same(out, src):
                raise SameFileError(
                    f"{name} {out} is the same file as {other_name} {src}; an output must not "
                    "overwrite an input: give another path",
                    path=out,
                    other=src,
                )
    for i, (name, out) in enumerate(outs):
        for other_name, other in outs[i + 1 :]:
            if STDIN not in (out, other) and _same(out, other):
                raise SameFileError(
                    f"{name} {out} and {other_name} {other} are the same file; each output "
                    "needs a path of its own",
                    path=out,
                    other=other,
                )
    for _flag, out in outs:
        check_output(out)


# -- whole files, replaced atomically ---------------------------------------------------------
def _fsync_dir(folder: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temporary(folder: str, name: str) -> tuple[int, str]:
    """A new file beside the target, created with the usual permissions (0o666 less umask)."""
    for _attempt in range(100):
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)


@contextlib.contextmanager
def atomic_output(path: StrPath) -> Iterator[IO[bytes]]:
    """A binary file to write ``path``'s new content into; on a clean exit it is synced and
    renamed over ``path``, on any failure removed, leaving ``path`` as it was. OSErrors become
    ``OutputError``."""
    p = os.fspath(path)
    check_output(p)
    folder = os.path.dirname(os.path.abspath(p))
    try:
        fd, tmp = _temporary(folder, os.path.basename(p))
    except OSError as e:
        raise OutputError(f"cannot write {p}: {e.strerror or e}", path=p) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            with contextlib.suppress(OSError):  # keep an existing file's permissions
                os.fchmod(fh.fileno(), stat.S_IMODE(os.stat(p, follow_symlinks=False).st_mode))
            os.fsync(fh.fileno())
        check_output(p)  # a link or device put there meanwhile is not replaced either
        os.replace(tmp, p)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError) and not isinstance(e, CstosimError):
            raise OutputError(f"cannot write {p}: {e.strerror or e}", path=p) from None
        raise
    _fsync_dir(folder)


def write_text(path: StrPath, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; see ``atomic_output``."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: StrPath, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; see ``atomic_output``."""
    with atomic_output(path) as fh:
        view = memoryview(data)
        for start in range(0, len(view), 1 << 20):
            fh.write(view[start : start + (1 << 20)])


# -- appended files, locked -------------------------------------------------------------------
class LockedFile:
    """A regular file open for reading and appending, under an exclusive lock until closed.

    ``created`` says whether this process created it (only then may ``discard`` remove it)."""

    def __init__(self, path: str, fh: IO[bytes], created: bool) -> None:
        self.path = path
        self.fh = fh
        self.created = created

    def size(self) -> int:
        """The file's size now."""
        return os.fstat(self.fh.fileno()).st_size

    def close(self) -> None:
        """Flush, sync and close (which releases the lock)."""
        if self.fh.closed:
            return
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
        finally:
            self.fh.close()

    def discard(self) -> None:
        """Close; remove the file if this process created it, else leave it."""
        if self.created and not self.fh.closed:
            with contextlib.suppress(OSError):
                st = os.stat(self.path, follow_symlinks=False)
                mine = os.fstat(self.fh.fileno())
                if (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino):
                    os.unlink(self.path)  # still ours and still locked: remove it
        with contextlib.suppress(OSError):
            self.fh.close()


def open_locked(path: StrPath) -> LockedFile:
    """Open (creating if missing) the regular file ``path`` for reading and appending, under
    an exclusive lock; ``OutputError`` with kind ``"busy"`` if another process holds it, kind
    ``"usage"`` if it is not a regular file."""
    p = os.fspath(path)
    check_output(p)
    base = os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NOCTTY
    created = False
    try:
        try:
            fd = os.open(p, base | os.O_CREAT | os.O_EXCL, 0o666)
            created = True
        except FileExistsError:
            fd = os.open(p, base | os.O_NONBLOCK)
    except OSError as e:
        if e.errno == errno.ELOOP:
            check_output(p)  # a symbolic link put there meanwhile: say so
        raise OutputError(f"cannot write {p}: {e.strerror or e}", path=p) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(
                f"{p} is {_kind_of(st.st_mode)}; allowed: a regular file", path=p, kind="usage"
            )
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"{p} is being written by another process (another sweep?); wait for it to "
                "end, or give another path",
                path=p,
                kind="busy",
            ) from None
        now = os.stat(p, follow_symlinks=False)
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise OutputError(
                f"{p} was replaced while being opened; try again", path=p, kind="busy"
            )
        os.set_blocking(fd, True)
        fh = os.fdopen(fd, "r+b")
    except BaseException as e:
        os.close(fd)  # never remove here: another process may own the path by now
        if isinstance(e, OSError) and not isinstance(e, CstosimError):
            raise OutputError(f"cannot write {p}: {e.strerror or e}", path=p) from None
        raise
    return LockedFile(p, fh, created)


def open_regular(path: StrPath) -> IO[bytes]:
    """The regular file ``path`` opened for reading in binary; InputError for anything else
    (a pipe is refused at once, not waited on)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError) as e:
        msg = getattr(e, "strerror", None) or e
        raise InputError(f"cannot read: {msg}", path=path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"is {_kind_of(st.st_mode)}, not a regular file; allowed: a regular file",
                path=path,
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def readline_bounded(fh: IO[bytes], limit: int = MAX_LINE) -> bytes:
    """The next line of ``fh`` (with its newline; ``b""`` at the end), refusing (``ValueError``)
    a line longer than ``limit`` bytes without reading more of it."""
    raw = fh.readline(limit + 1)
    if len(raw) > limit:
        raise ValueError(f"a line longer than {limit} bytes")
    return raw
