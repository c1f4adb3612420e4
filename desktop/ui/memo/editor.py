"""The memo editor: a front-matter form above a Markdown text, saved to the library as you type.

Every keystroke restarts a short timer; when it fires the memo is written to the library in one
transaction (``MemoLibrary.autosave``), so a crash or a kill loses at most the last moments of
typing. Undo and redo run across the whole session (Qt's document history); Ctrl+F finds text.
The preview sits beside the text (the "Preview" button hides it) and is redrawn in the same pause
in typing that runs recognition, so it follows the writer without redrawing on every key.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.blocks.recognize import Recognizer, count_words, prose, summary
from desktop.blocks.resolve import BlockResolver
from desktop.blocks.staleness import find_stale
from desktop.domain.memo import Memo, iso_date
from desktop.library.store import LibraryError, MemoLibrary, StoredMemo
from desktop.ui.find_bar import FindBar
from desktop.ui.memo.highlight import MarkdownHighlighter
from desktop.ui.memo.mentions import MentionActions
from desktop.ui.memo.pdf_preview_action import PdfPreviewer
from desktop.ui.memo.split import SplitMemory
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.wrapping_field import WrappingField

AUTOSAVE_MS = 1500
RETRY_MS = 5000  # after a failed autosave (disk full, library locked)
RECOGNISE_MS = 600
FORM_FIELDS = (("title", "Title"), ("to", "To"), ("from", "From"), ("date", "Date"),
               ("marking", "Marking"), ("summary", "Summary"), ("keywords", "Tags"))


class MemoEditor(MentionActions, QWidget):
    """Edits one memo of the library at a time."""

    saved = Signal(int)
    status = Signal(str)
    export_requested = Signal(object)  # a Memo
    card_requested = Signal(str, str)
    picker_requested = Signal()
    block_requested = Signal(str)  # markup to insert (the window stamps it with the data)

    def __init__(self, library: MemoLibrary, recognizer: Recognizer | None = None,
                 resolver: BlockResolver | None = None,
                 mini_card: Callable[[str, str], list[str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.recognizer = recognizer
        self.resolver = resolver  # data blocks in the preview and the stale check need the DB
        self.mini_card = mini_card  # (kind, id) -> a few lines for a hover
        self.memo_id: int | None = None
        self.save_failed = ""  # the last autosave error, until a save succeeds again
        self.setAccessibleName("Memo editor")
        self.fields: dict[str, QLineEdit | WrappingField] = {}
        form = QFormLayout()
        for key, label in FORM_FIELDS:
            field = WrappingField() if key == "summary" else QLineEdit()
            field.setAccessibleName(label)
            field.textEdited.connect(self._changed)
            self.fields[key] = field
            form.addRow(label, field)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Memo text")
        self.text.setPlaceholderText("Write in Markdown. 'Add to memo' on a card inserts its data "
                                     "block here.")
        self.text.textChanged.connect(self._changed)
        self.highlighter = MarkdownHighlighter(self.text.document())
        self.find_bar = FindBar(self.text)
        self.find_field = self.find_bar.find_field
        self.find_next = self.find_bar.find_next
        self.words = QLabel()
        save = QPushButton("Save version")
        save.clicked.connect(self.save_version)
        versions = QPushButton("Versions…")
        versions.setToolTip("Browse the saved versions of this memo and restore one")
        versions.clicked.connect(self.show_versions)
        export = QPushButton("Export PDF…")
        export.clicked.connect(lambda: self.export_requested.emit(self.current_memo()))
        # one preview window, refreshed on each request
        self.pdf_preview = PdfPreviewer(self, resolver)
        self.pdf_preview.status.connect(self.status)
        preview = QPushButton("Preview PDF")
        preview.clicked.connect(lambda: self.pdf_preview.preview(self.current_memo()))
        buttons = FlowLayout()  # wraps onto a second line beside a card, never clips a label
        buttons.addWidget(self.words)
        self.stale_box = QWidget()
        self.stale_box.setObjectName("stale-box")
        self.stale_box.setStyleSheet("#stale-box { background: #fff4ce; } "
                                     "QLabel { color: #5c4400; } QLabel a { color: #5c4400; }")
        self.stale_banner = QLabel()  # one line: how many blocks, the first one named
        self.stale_banner.setTextFormat(Qt.TextFormat.RichText)
        self.stale_banner.setAccessibleName("Stale data blocks")
        self.stale_banner.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)  # clipped, never wider
        self.stale_banner.linkActivated.connect(self.go_to_stale)
        self.stale_details = QLabel()  # each block and the values that differ, on request
        self.stale_details.setTextFormat(Qt.TextFormat.RichText)
        self.stale_details.setWordWrap(True)
        self.stale_details.setAccessibleName("Changed values")
        self.stale_details.linkActivated.connect(self.go_to_stale)
        self.stale_details.hide()
        self.details_button = QPushButton("Details…", checkable=True)
        self.details_button.setToolTip("Which values changed in each block")
        self.details_button.toggled.connect(self.stale_details.setVisible)
        self.refresh_button = QPushButton("Refresh these blocks")
        self.refresh_button.clicked.connect(self.refresh_stale)
        stale_row = QHBoxLayout()
        stale_row.addWidget(self.stale_banner, 1)
        stale_row.addWidget(self.details_button)
        stale_row.addWidget(self.refresh_button)
        stale_layout = QVBoxLayout(self.stale_box)
        stale_layout.setContentsMargins(6, 2, 6, 2)
        stale_layout.setSpacing(2)
        stale_layout.addLayout(stale_row)
        stale_layout.addWidget(self.stale_details)
        self.stale_box.hide()
        self.stale: list = []
        self.recognised = QListWidget()
        self.recognised.setAccessibleName("Recognised in this memo")
        self.recognised.setMaximumHeight(80)
        self.recognised.setToolTip("Countries, minerals, initiatives and groups named in the "
                                   "memo; click one to open its card")
        self.recognised.itemClicked.connect(
            lambda item: self.card_requested.emit(*item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.stale_box)
        layout.addWidget(self.find_bar)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Memo preview")
        self.preview.setOpenExternalLinks(True)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("memo-write-preview")
        self.split.addWidget(self.text)
        self.split.addWidget(self.preview)
        self.split.setChildrenCollapsible(False)
        self.preview_toggle = QPushButton("Preview", checkable=True, checked=True)
        self.preview_toggle.setToolTip("Show or hide the formatted memo beside the text")
        self.preview_toggle.toggled.connect(self.show_preview)
        self.split_memory = SplitMemory(self.split, self.preview_toggle)
        self.preview.setVisible(self.preview_toggle.isChecked())
        layout.addWidget(self.split, 1)
        layout.addWidget(QLabel("Recognised in this memo:"))
        layout.addWidget(self.recognised)
        layout.addLayout(buttons)
        self.recognise_timer = QTimer(self, singleShot=True, interval=RECOGNISE_MS)
        self.recognise_timer.timeout.connect(self.recognise)
        self.recognise_timer.timeout.connect(self.update_preview)  # the same pause in typing
        self.text.viewport().installEventFilter(self)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.find_bar.open)
        QShortcut(QKeySequence("Ctrl+H"), self, activated=lambda: self.find_bar.open(replace=True))
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_version)
        QShortcut(QKeySequence("Ctrl+Shift+B"), self, activated=self.picker_requested.emit)
        block_button = QPushButton("Insert data block…")
        block_button.setToolTip("Ctrl+Shift+B")
        block_button.clicked.connect(self.picker_requested.emit)
        for button in (block_button, self.preview_toggle, save, versions, preview, export):
            buttons.addWidget(button)
        self._loading = False

    # -- memo in and out ---------------------------------------------------------------------
    def open_memo(self, memo_id: int) -> None:
        self.flush()
        stored = self.library.get(memo_id)  # an unknown memo leaves the open one as it was
        self.memo_id = memo_id
        self._show_stored(stored, undoable=False)

    def _show_stored(self, stored: StoredMemo, undoable: bool) -> None:
        """Show the open memo as the library holds it.

        Opening a memo starts a fresh undo history (``setPlainText``), but a restored version
        replaces the text through one cursor edit, as refreshing stale blocks does, so Ctrl+Z
        brings back the text the restore replaced.
        """
        self._loading = True
        for key, field in self.fields.items():
            field.setText(stored.memo.front.get(key, ""))
        if undoable:
            cursor = self.text.textCursor()
            cursor.select(cursor.SelectionType.Document)
            cursor.insertText(stored.memo.body)
            cursor.movePosition(cursor.MoveOperation.Start)
            self.text.setTextCursor(cursor)
        else:
            self.text.setPlainText(stored.memo.body)
        self._loading = False
        self._count_words()
        self.recognise()
        self.check_stale()
        self.update_preview()

    def current_memo(self) -> Memo:
        front = dict(self.library.get(self.memo_id).memo.front) if self.memo_id else {}
        for key, field in self.fields.items():
            value = " ".join(field.text().split())
            if value:
                front[key] = value
            else:
                front.pop(key, None)
        return Memo(front, self.text.toPlainText())

    def insert_block(self, markup: str) -> None:
        """Put a data block at the cursor, on lines of its own."""
        cursor = self.text.textCursor()
        before = "" if cursor.atBlockStart() else "\n"
        cursor.insertText(f"{before}\n{markup}\n")
        self.text.setTextCursor(cursor)
        self.text.setFocus()

    # -- saving -------------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        if self._loading or self.memo_id is None:
            return
        self._count_words()
        self.timer.start()
        self.recognise_timer.start()

    def autosave(self) -> bool:
        """Write the text; when the disk is full or the library cannot be written, say so,
        keep every word in the editor and try again a little later."""
        if self.memo_id is None:
            return False
        try:
            self.library.autosave(self.memo_id, self.current_memo())
        except (sqlite3.Error, OSError, LibraryError) as exc:
            self.save_failed = str(exc)
            self.status.emit(f"Could not save the memo ({exc}). Your text stays here; saving is "
                             f"retried every {RETRY_MS // 1000} s.")
            self.timer.start(RETRY_MS)
            return False
        if self.save_failed:
            self.status.emit("Saved again — the memo is safe")
        self.save_failed = ""
        self.timer.setInterval(AUTOSAVE_MS)
        self.saved.emit(self.memo_id)
        return True

    def flush(self) -> None:
        """Write pending typing now (before switching memo or closing); a pending recognition
        pass is dropped, since the memo it was for is going away."""
        self.recognise_timer.stop()
        if self.timer.isActive():
            self.timer.stop()
            self.autosave()

    def save_version(self) -> None:
        if self.memo_id is None:
            return
        self.timer.stop()
        try:
            self.library.save(self.memo_id, self.current_memo())
        except (sqlite3.Error, OSError, LibraryError) as exc:
            self.status.emit(f"Could not save the memo ({exc}). Your text stays here.")
            self.timer.start(RETRY_MS)
            return
        self.saved.emit(self.memo_id)
        self.status.emit("Saved a version of the memo")

    def show_versions(self) -> None:
        """Pick an older version; the current text is kept as a version before it is replaced."""
        if self.memo_id is None:
            return
        from desktop.ui.memo.versions import VersionDialog

        self.flush()
        dialog = VersionDialog(self.library, self.memo_id, self)
        if dialog.exec() and dialog.chosen() is not None:
            self.restore_version(dialog.chosen())

    def restore_version(self, version_id: int) -> None:
        self.library.save(self.memo_id, self.current_memo(), reason="before restore")
        self.library.restore_version(self.memo_id, version_id)
        self._show_stored(self.library.get(self.memo_id), undoable=True)
        self.saved.emit(self.memo_id)
        self.status.emit("Restored the older version; the text it replaced is kept as a version")

    def close_memo(self) -> None:
        """Leave no memo open (it went to the trash); pending typing is written first."""
        self.flush()
        self._loading = True
        self.memo_id = None
        self.text.clear()
        for field in self.fields.values():
            field.clear()
        self._loading = False

    def show_preview(self, shown: bool) -> None:
        self.preview.setVisible(shown)
        self.update_preview()

    def update_preview(self) -> None:
        """Redraw the preview unless the writer hid it (resolving blocks is not free)."""
        if self.preview.isHidden() or self.memo_id is None:
            return
        from desktop.domain.resolved import NO_REFERENCE_DATA, error_block
        from desktop.ui.memo.preview import memo_html

        try:
            memo = self.current_memo()
        except (sqlite3.Error, LibraryError):
            return  # the library went away (closed, locked): keep the last preview
        resolve = self.resolver.dated(memo.as_of) if self.resolver else (
            lambda _body: error_block(NO_REFERENCE_DATA))  # statuses as of the memo's date
        position = self.preview.verticalScrollBar().value()
        self.preview.setHtml(memo_html(memo, resolve))
        self.preview.verticalScrollBar().setValue(position)

    def check_stale(self) -> list:
        """Blocks whose data changed since they were inserted: one line naming them, the values
        that differ under "Details…", a click on a block's name to go to it."""
        date = iso_date(" ".join(self.fields["date"].text().split()))
        self.stale = find_stale(self.text.toPlainText(), self.resolver.dated(date)) \
            if self.resolver else []
        if self.stale:
            first = self.stale[0]
            more = f" and {len(self.stale) - 1} more" if len(self.stale) > 1 else ""
            count = "1 data block" if len(self.stale) == 1 else f"{len(self.stale)} data blocks"
            packs = f"data pack {escape(first.old_pack)} → {escape(first.new_pack)}"
            # the block's name first: a narrow pane clips the end of the line, not the name
            self.stale_banner.setText(
                f"⚠ {count} changed: {_stale_link(0, first.title, 44)}{more} · {packs}")
            self.stale_banner.setToolTip(f"Changed with the new data ({packs}). Click a block's "
                                         "name to go to it; Details… lists what changed.")
            self.stale_details.setText("".join(
                f"<p style='margin:0'>{_stale_link(i, s.title, 90)}: "
                f"{escape('; '.join(s.changes) or s.new_values)}</p>"
                for i, s in enumerate(self.stale)))
        else:
            self.details_button.setChecked(False)
        self.stale_box.setVisible(bool(self.stale))
        self.refresh_button.setVisible(bool(self.stale))
        return self.stale

    def go_to_stale(self, link: str) -> None:
        """Put the cursor at the start of a stale block and scroll it into view."""
        try:
            block = self.stale[int(link)]
        except (ValueError, IndexError):
            return
        cursor = self.text.textCursor()
        cursor.setPosition(min(block.start, len(self.text.toPlainText())))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        self.text.setFocus()

    def refresh_stale(self) -> None:
        from desktop.blocks.staleness import refresh

        if not self.stale:
            return
        cursor = self.text.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(refresh(self.text.toPlainText(), self.stale))  # one undo step
        self.check_stale()
        self.status.emit("Data blocks refreshed to the current data pack")

    def recognise(self) -> list[tuple[str, str, str, int]]:
        """List what the memo names (a pasted article included), most mentioned first."""
        self.recognised.clear()
        if self.recognizer is None:
            return []
        found = summary(self.recognizer.mentions(prose(self.text.toPlainText())))
        for kind, ident, name, count in found:
            item = QListWidgetItem(f"{name} · {kind}" + (f" · {count}×" if count > 1 else ""))
            item.setData(Qt.ItemDataRole.UserRole, (kind, ident))
            self.recognised.addItem(item)
        return found

    # -- helpers ------------------------------------------------------------------------------
    def _count_words(self) -> None:
        self.words.setText(f"{count_words(self.text.toPlainText()):,} words")

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.find_bar.isVisible():
            self.find_bar.hide()
            self.text.setFocus()
            return
        super().keyPressEvent(event)


def _stale_link(index: int, title: str, width: int) -> str:
    """A stale block's name as a link to it, shortened so the banner stays one line."""
    short = title if len(title) <= width else title[:width - 1].rstrip() + "…"
    return f"<a href='{index}'>{escape(short or 'data block')}</a>"
