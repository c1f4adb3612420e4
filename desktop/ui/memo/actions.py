"""What the window does with the memo library beyond editing: the memo list (search, trash,
restore), the Import and Export Markdown dialogs, `.md` files dropped on the window, and the
File ▸ Recent memos menu.

Imports and Markdown exports are the same operations as ``briefdesk memo import`` and ``memo
export`` (``desktop.services``): a file that is refused leaves nothing behind and the user reads
why in one sentence, and the `.md` written is byte for byte what the CLI writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.domain.errors import UserError
from desktop.domain.text import file_stem
from desktop.library.store import LibraryError, MemoLibrary
from desktop.services.exporting import MARKDOWN, export_memo
from desktop.services.memo_files import import_memo_files

RECENT_IN_MENU = 8


def markdown_paths(urls: list[QUrl]) -> list[Path]:
    """The local `.md`/`.markdown` files among dropped URLs (others are not memos)."""
    return [Path(url.toLocalFile()) for url in urls
            if url.isLocalFile() and url.toLocalFile().lower().endswith((".md", ".markdown"))]


class MemoActions(QObject):
    """Library actions behind the memo list and the File menu; the window opens the results."""

    opened = Signal(int)  # a memo to open (just imported, or picked from Recent)
    changed = Signal()  # the library's list changed
    message = Signal(str)

    def __init__(self, library: MemoLibrary, parent: QWidget) -> None:
        super().__init__(parent)
        self.library = library
        self.window = parent

    def rows(self, text: str, trash: bool) -> list[tuple[int, str, str]]:
        """The memo list's rows: the trash, a search, or the most recent memos."""
        if trash:
            return self.library.list(trash=True)
        return self.library.search(text, limit=200) if text else self.library.recent(200)

    def move_to_trash(self, memo_id: int) -> None:
        self.library.trash(memo_id)
        self.changed.emit()
        self.message.emit("Moved to the trash — tick “Trash” in the memo list to restore it")

    def restore(self, memo_id: int) -> None:
        self.library.untrash(memo_id)
        self.changed.emit()
        self.message.emit("Restored from the trash")

    def import_paths(self, paths: list[Path]) -> tuple[list[int], list[str]]:
        """Import each file whole or not at all; the last one imported is opened."""
        report = import_memo_files(self.library, paths)
        imported, refused = report.imported, report.refused
        if imported:
            self.changed.emit()
            self.opened.emit(imported[-1])
        if refused:
            QMessageBox.warning(self.window, "Import", "\n".join(
                ([f"Imported {len(imported)} memo(s)."] if imported else []) + refused))
        elif imported:
            self.message.emit(f"Imported {len(imported)} memo(s)")
        return imported, refused

    def ask_import(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self.window, "Import Markdown memos", str(Path.home()),
            "Markdown memos (*.md *.markdown);;All files (*)")
        if names:
            self.import_paths([Path(name) for name in names])

    def export_markdown(self, memo_id: int, path: Path | None = None) -> bool:
        """Front matter and body as a `.md` file, written beside and renamed into place."""
        try:
            stored = self.library.get(memo_id)
        except LibraryError as exc:
            self.message.emit(str(exc))
            return False
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self.window, "Export memo as Markdown",
                str(Path.home() / f"{file_stem(stored.title)}.md"), "Markdown (*.md)")
            if not name:
                return False
            path = Path(name)
            if path.suffix.lower() != MARKDOWN:  # the user left the ending off
                path = path.with_name(path.name + MARKDOWN)
        try:
            export_memo(stored.memo, path, None, allowed=(MARKDOWN,))
        except UserError as exc:
            QMessageBox.warning(self.window, "Export", f"The memo was not written: {exc}")
            return False
        self.message.emit(f"Exported “{stored.title}” to {path}")
        return True

    def fill_recent(self, menu: QMenu) -> None:
        """Called as the menu opens, so it always shows the library as it is now."""
        menu.clear()
        rows = self.library.recent(RECENT_IN_MENU)
        for index, (memo_id, title, _updated) in enumerate(rows, start=1):
            label = title if len(title) <= 60 else title[:59] + "…"
            menu.addAction(f"&{index} {label.replace('&', '&&')}",
                           lambda m=memo_id: self.opened.emit(m))
        if not rows:
            menu.addAction("(no memos yet)").setEnabled(False)

