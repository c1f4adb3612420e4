"""Export on a worker: pages counted as they are laid out, and a cancel that writes nothing."""

from __future__ import annotations

import threading

import pytest

from desktop.domain.memo import Memo
from desktop.export.memo_pdf import render
from desktop.ui.memo.export_action import MemoExport, _ExportJob, _Signals, cancel_button

LONG = Memo({"title": "Long"}, "\n\n".join(f"Paragraph {n}. " + "word " * 300 for n in range(60)))


def test_render_reports_each_page_and_stops_when_told():
    pages: list[int] = []
    pdf = render(LONG, on_page=pages.append)
    assert pdf.startswith(b"%PDF") and pages == list(range(1, len(pages) + 1))
    assert len(pages) > 3

    class Stop(Exception):
        pass

    def stop_at_two(page: int) -> None:
        if page == 2:
            raise Stop

    with pytest.raises(Stop):
        render(LONG, on_page=stop_at_two)


def _run(tmp_path, stop: threading.Event) -> tuple[list, list, list]:
    signals = _Signals()
    progress, finished, cancelled = [], [], []
    signals.progress.connect(progress.append)
    signals.finished.connect(finished.append)
    signals.cancelled.connect(lambda: cancelled.append(True))
    _ExportJob(LONG, tmp_path / "out.pdf", None, None, signals, stop).run()  # synchronous
    return progress, finished, cancelled


def test_a_job_counts_pages_then_writes(qtbot, tmp_path):
    progress, finished, cancelled = _run(tmp_path, threading.Event())
    assert progress[:3] == [1, 2, 3] and finished == [str(tmp_path / "out.pdf")]
    assert not cancelled and (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_a_cancelled_job_writes_nothing(qtbot, tmp_path):
    stop = threading.Event()
    stop.set()
    progress, finished, cancelled = _run(tmp_path, stop)
    assert cancelled == [True] and not finished and not progress
    assert not (tmp_path / "out.pdf").exists()


def test_the_cancel_button_shows_only_while_exporting(qtbot):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    export = MemoExport(parent, None, open_result=False)
    button = cancel_button(export, parent)
    export.started.emit("Exporting…")
    assert not button.isHidden()
    export.cancelled.emit("cancelled")
    assert button.isHidden()
