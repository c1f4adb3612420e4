"""File → Export memo to PDF (the open memo) and Export a Markdown file to PDF: the same export
operation as ``briefdesk export`` (``desktop.services.exporting``), laid out off the UI thread.

Export of a long memo takes seconds (a memo at the 5 MB import cap, about a minute). Its data
blocks are resolved first, here, by the app's one resolver (what the preview showed); the layout
then runs on a worker that never touches the database, the status bar counts the pages as they
are laid out, ``cancel()`` stops it at the next page (nothing is written), and the PDF opens when
it is written.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton, QWidget

from desktop.domain.errors import UserError
from desktop.domain.memo import Memo
from desktop.domain.text import file_stem


class _Signals(QObject):
    finished = Signal(str)
    warned = Signal(str)  # what the export went ahead with but the user should know
    failed = Signal(str)
    progress = Signal(int)  # pages laid out so far
    cancelled = Signal()


class _Cancelled(Exception):
    """Raised from the page hook when the user cancelled the export."""


class _ExportJob(QRunnable):
    """Lays out one memo whose blocks are already resolved, and writes it."""

    def __init__(self, memo: Memo, output: Path, resolver, source: Path | None,
                 signals: _Signals, stop: threading.Event) -> None:
        super().__init__()
        self.memo, self.output, self.resolver, self.source = memo, output, resolver, source
        self.signals, self.stop = signals, stop

    def _on_page(self, page: int) -> None:
        if self.stop.is_set():
            raise _Cancelled
        self.signals.progress.emit(page)

    def run(self) -> None:
        from desktop.services.exporting import PDF, WORD, export_memo

        base_dir = self.source.resolve().parent if self.source is not None else None
        warnings: list[str] = []
        try:
            export_memo(self.memo, self.output, self.resolver, base_dir=base_dir,
                        protect=self.source, allowed=(PDF, WORD), on_page=self._on_page,
                        warnings=warnings)
        except _Cancelled:
            self.signals.cancelled.emit()
            return
        except UserError as exc:
            self.signals.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug must not take the window down with it
            self.signals.failed.emit(f"export failed unexpectedly ({type(exc).__name__}: {exc})")
            return
        self.signals.finished.emit(str(self.output))
        if warnings:
            self.signals.warned.emit("; ".join(dict.fromkeys(warnings)))


class MemoExport(QObject):
    """Runs exports one at a time and reports back on the UI thread."""

    started = Signal(str)
    finished = Signal(str)
    warned = Signal(str)  # emitted after ``finished``: what the user should know of the PDF
    failed = Signal(str)
    progress = Signal(str)  # "Exporting …: 12 pages"
    cancelled = Signal(str)

    def __init__(self, parent: QWidget, resolver, open_result: bool = True) -> None:
        super().__init__(parent)
        self._parent = parent
        self.resolver = resolver  # the app's block resolver (None: no reference data)
        self.open_result = open_result
        self._signals = _Signals()
        self._signals.finished.connect(self._done)
        self._signals.warned.connect(self.warned)
        self._signals.failed.connect(self._failed)
        self._signals.progress.connect(
            lambda pages: self.progress.emit(f"{self._name}: {pages:,} pages laid out…"))
        self._signals.cancelled.connect(
            lambda: self.cancelled.emit(f"Export of {self._name} cancelled; nothing was written"))
        self._stop = threading.Event()
        self._name = ""
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    def ask_and_export(self) -> None:
        memo, _ = QFileDialog.getOpenFileName(self._parent, "Export memo to PDF", "",
                                              "Memos (*.md *.markdown *.txt)")
        if not memo:
            return
        output, _ = QFileDialog.getSaveFileName(self._parent, "Save PDF as",
                                                str(Path(memo).with_suffix(".pdf")),
                                                "PDF files (*.pdf)")
        if output:
            self.export(Path(memo), pdf_name(output))

    def export(self, memo: Path | Memo, output: Path) -> None:
        """Export the editor's memo, or a memo file (read here: a file that cannot be read is
        said at once, before any work starts)."""
        from desktop.services.exporting import read_memo, resolved_in_advance

        self._name = memo.title if isinstance(memo, Memo) else memo.name
        source = None if isinstance(memo, Memo) else Path(memo)
        try:
            if source is not None:
                memo = read_memo(source)
            resolver = resolved_in_advance(memo, self.resolver)
        except UserError as exc:
            self._signals.failed.emit(str(exc))
            return
        self._stop = threading.Event()  # one per job: cancelling one never stops the next
        self.started.emit(f"Exporting {self._name}…")
        self.pool.start(_ExportJob(memo, output, resolver, source, self._signals, self._stop))

    def cancel(self) -> None:
        """Stop the running export at its next page; nothing is written."""
        self._stop.set()

    def ask_and_export_memo(self, memo: Memo, word: bool = False) -> None:
        """The editor's memo, as it is on screen, as a PDF or (``word``) a Word document."""
        suffix, kind = (".docx", "Word documents (*.docx)") if word else (".pdf",
                                                                          "PDF files (*.pdf)")
        output, _ = QFileDialog.getSaveFileName(
            self._parent, "Export memo as Word" if word else "Export memo as PDF",
            str(Path.home() / f"{file_stem(memo.title)}{suffix}"), kind)
        if output:
            self.export(memo, named(output, suffix))

    def _done(self, path: str) -> None:
        self.finished.emit(path)
        if self.open_result:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _failed(self, message: str) -> None:
        self.failed.emit(message)
        QMessageBox.warning(self._parent, "Export failed",
                            f"{message}\nThe memo file is unchanged.")


def named(chosen: str, suffix: str) -> Path:
    """The name picked in the save dialog, with ``suffix`` added when the user left it off."""
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def pdf_name(chosen: str) -> Path:
    """The name picked in the save dialog, with ".pdf" added when the user left it off."""
    return named(chosen, ".pdf")


def cancel_button(export: MemoExport, parent: QWidget) -> QToolButton:
    """"Cancel export", shown in the status bar only while an export runs."""
    button = QToolButton(parent, text="Cancel export")
    button.setAccessibleName("Cancel the running PDF export")
    button.setToolTip("Stops the export at its next page; no PDF is written")
    button.clicked.connect(export.cancel)
    button.hide()
    export.started.connect(lambda _text: button.show())
    for done in (export.finished, export.failed, export.cancelled):
        done.connect(lambda _text: button.hide())
    return button
