"""Reading memos and writing PDFs: inputs that are not files, and the permissions PDFs get."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.export import files
from desktop.export.files import MemoFileError, read_memo_file, write_atomically

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and umask are POSIX")


@posix_only
def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "memo.md"
    os.mkfifo(fifo)
    outcome: list[BaseException | str] = []

    def attempt() -> None:
        try:
            outcome.append(read_memo_file(fifo))
        except MemoFileError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(5)
    if thread.is_alive():  # unblock the reader so the test run can end
        with open(fifo, "w"):
            pass
        thread.join(5)
        pytest.fail("reading a FIFO blocked")
    assert isinstance(outcome[0], MemoFileError) and "not a regular file" in str(outcome[0])


@posix_only
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_device_is_refused(capsys, tmp_path):
    code = main(["export", "/dev/zero", "-o", str(tmp_path / "out.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "not a regular file" in err
    assert not (tmp_path / "out.pdf").exists()


def test_only_the_size_cap_plus_one_byte_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_MEMO_BYTES", 10)
    memo = tmp_path / "memo.md"
    memo.write_text("0123456789", encoding="utf-8")
    assert read_memo_file(memo) == "0123456789"
    memo.write_text("0123456789x", encoding="utf-8")
    with pytest.raises(MemoFileError, match="larger than"):
        read_memo_file(memo)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(MemoFileError, match="is a folder"):
        read_memo_file(tmp_path)


@posix_only
def test_a_new_pdf_gets_the_users_umask_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.pdf", b"%PDF-1.4")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.pdf").stat().st_mode) == 0o644
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left


@posix_only
def test_a_replaced_pdf_keeps_its_mode(tmp_path):
    target = tmp_path / "old.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, b"%PDF-1.4 new")
    assert target.read_bytes() == b"%PDF-1.4 new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
