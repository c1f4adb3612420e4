"""Reading memo files and writing exported files safely; every reader and writer of a memo file
(export, import, the CLI and the window) goes through these two functions."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from desktop.domain.errors import UserError

MAX_MEMO_BYTES = 5_000_000


class MemoFileError(UserError, OSError):
    """A memo that cannot be read or a PDF that cannot be written, said in one line."""


def read_memo_file(path: Path) -> str:
    """The memo's text, or a ``MemoFileError`` saying why it cannot be read.

    Only a regular file is read: a FIFO would block the export forever and a device such as
    /dev/zero would never end. The file is opened without blocking and checked on the open
    handle (so it cannot be swapped between check and read), and at most one byte more than the
    size cap is read, whatever the file claims its size is.
    """
    path = Path(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise MemoFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise MemoFileError(f"{path}: is a folder, not a memo file") from None
    except OSError as exc:
        raise MemoFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise MemoFileError(f"{path}: is a folder, not a memo file")
        if not stat.S_ISREG(mode):
            raise MemoFileError(f"{path}: not a regular file (a pipe, socket or device); "
                                "save the memo to a file and export that")
        with os.fdopen(handle, "rb") as stream:
            handle = -1  # the stream owns it now
            data = stream.read(MAX_MEMO_BYTES + 1)
    except MemoFileError:
        raise
    except OSError as exc:
        raise MemoFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    finally:
        if handle >= 0:
            os.close(handle)
    if len(data) > MAX_MEMO_BYTES:
        raise MemoFileError(f"{path}: larger than {MAX_MEMO_BYTES // 1_000_000} MB; a memo "
                            "this size is not a memo")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MemoFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise MemoFileError(f"{path}: contains NUL bytes; not a Markdown memo")
    return text


def write_atomically(path: Path, data: bytes, protect: Path | None = None) -> None:
    """Write beside the target and rename, so a failed write never leaves half a PDF.

    Refuses to replace anything but a regular file (a device, a folder) and the file named by
    ``protect`` (the memo being exported).
    """
    path = Path(path)
    if len(path.name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        raise MemoFileError(f"cannot write {_short(path)}: the file name is longer than "
                            f"{MAX_NAME_BYTES} bytes, which no common file system accepts")
    try:
        exists = path.exists()
    except OSError as exc:
        raise MemoFileError(f"cannot write {_short(path)}: {exc.strerror or exc}") from None
    if exists and not path.is_file():
        raise MemoFileError(f"cannot write {path}: it exists and is not a regular file")
    if protect is not None and exists and path.resolve() == Path(protect).resolve():
        raise MemoFileError(f"cannot write {path}: that is the memo itself; choose another name")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = _create_beside(folder, path.name)
    except OSError as exc:
        raise MemoFileError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if path.is_file():  # replacing a file keeps the permissions its owner gave it
                os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise MemoFileError(f"cannot write {path}: {exc.strerror or exc}") from None


MAX_NAME_BYTES = 240  # ext4, APFS and NTFS allow 255; the temporary name adds its own part


def _short(path: Path, longest: int = 80) -> str:
    text = str(path)
    return text if len(text) <= longest else text[:longest - 1] + "…"


def _create_beside(folder: Path, name: str) -> tuple[int, Path]:
    """A new, uniquely named temporary file in ``folder``.

    Not ``mkstemp``: that creates mode 0600, which would become the PDF's mode after the rename,
    so a colleague could not open a PDF written to a shared folder. Created with 0666 here, the
    user's umask applies exactly as for any other file they save.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        candidate = folder / f".{name}.{secrets.token_hex(4)}.part"
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))
