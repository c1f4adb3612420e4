"""Preview PDF for the editor: the memo exported to a scratch file, its pages shown in one
preview window that is reused, not stacked up, each time the writer asks again."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.domain.memo import Memo
from desktop.paths import user_data_dir
from desktop.ui.memo.export_action import MemoExport

SCRATCH = "preview.pdf"


class PdfPreviewer(QObject):
    """Exports on the worker (as File ▸ Export does), then shows or refreshes the one window."""

    status = Signal(str)
    shown = Signal(str)  # the PDF now on screen

    def __init__(self, parent: QWidget, resolver) -> None:
        super().__init__(parent)
        self._parent = parent
        self.export = MemoExport(parent, resolver, open_result=False)
        self.export.started.connect(self.status)
        self.export.progress.connect(self.status)
        self.export.failed.connect(self.status)
        self.export.finished.connect(self._show)
        self.dialog = None  # a PdfPreview, made on first use

    def preview(self, memo: Memo) -> None:
        if self.dialog is not None:
            self.dialog.document.close()  # let go of the scratch file before it is replaced
        self.export.export(memo, user_data_dir() / SCRATCH)

    def _show(self, path: str) -> None:
        from pathlib import Path

        from desktop.ui.memo.pdf_view import PdfPreview

        if self.dialog is None:
            self.dialog = PdfPreview(Path(path), self._parent)
        else:
            self.dialog.document.load(path)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.status.emit("Preview ready")
        self.shown.emit(path)
