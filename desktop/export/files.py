"""Reading memo files and writing PDFs safely; shared by ``briefdesk export`` and the app."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

MAX_MEMO_BYTES = 5_000_000


class MemoFileError(OSError):
    """A memo that cannot be read or a PDF that cannot be written, said in one line."""


def read_memo_file(path: Path) -> str:
    """The memo's text, or a ``MemoFileError`` saying why it cannot be read."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_MEMO_BYTES:
            raise MemoFileError(f"{path}: larger than {MAX_MEMO_BYTES // 1_000_000} MB; a memo "
                                "this size is not a memo")
        data = path.read_bytes()
    except MemoFileError:
        raise
    except FileNotFoundError:
        raise MemoFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise MemoFileError(f"{path}: is a folder, not a memo file") from None
    except OSError as exc:
        raise MemoFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MemoFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def write_atomically(path: Path, data: bytes, protect: Path | None = None) -> None:
    """Write beside the target and rename, so a failed write never leaves half a PDF.

    Refuses to replace anything but a regular file (a device, a folder) and the file named by
    ``protect`` (the memo being exported).
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        raise MemoFileError(f"cannot write {path}: it exists and is not a regular file")
    if protect is not None and path.exists() and path.resolve() == Path(protect).resolve():
        raise MemoFileError(f"cannot write {path}: that is the memo itself; choose another name")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".",
                                             prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise MemoFileError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise MemoFileError(f"cannot write {path}: {exc.strerror or exc}") from None
