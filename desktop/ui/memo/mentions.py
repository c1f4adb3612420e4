"""What the editor does with a recognised name under the mouse: a mini card on hover, its card on
Ctrl+click, and a right-click action inserting the data block that belongs with it.

A mixin for ``MemoEditor``: it uses the editor's ``text``, ``recognizer``, ``mini_card`` and its
``card_requested`` and ``block_requested`` signals.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.blocks.recognize import Mention, prose
from desktop.blocks.syntax import Block

_DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class MentionActions:
    """Hover, Ctrl+click and right-click on the names the recognizer finds in the text."""

    def mention_at(self, position) -> Mention | None:
        """The recognised name under a point of the text view, if any."""
        if self.recognizer is None:
            return None
        offset = self.text.cursorForPosition(position).position()
        block = self.text.document().findBlock(offset)
        line_start = block.position()
        line = prose(self.text.toPlainText())[line_start:line_start + len(block.text())]
        for mention in self.recognizer.mentions(line):  # nothing inside a data block
            if line_start + mention.start <= offset < line_start + mention.end:
                return mention
        return None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """Hover a recognised name for its mini card; Ctrl+click opens its card; a dropped
        Markdown file is left to the window, which imports it."""
        if watched is self.text.viewport():
            if event.type() in _DROP_EVENTS and self._refuse_markdown_drop(event):
                return True
            if event.type() == QEvent.Type.ToolTip:
                mention = self.mention_at(event.pos())
                lines = self._mini_card_lines(mention) if mention is not None else []
                if lines:
                    QToolTip.showText(event.globalPos(), "<br>".join(
                        [f"<b>{escape(lines[0])}</b>", *map(escape, lines[1:]),
                         "<i>Ctrl+click: open the card · right-click: insert a block</i>"]),
                        self.text)
                else:
                    QToolTip.hideText()
                return True
            if event.type() == QEvent.Type.MouseButtonRelease and \
                    event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                mention = self.mention_at(event.position().toPoint())
                if mention is not None:
                    self.card_requested.emit(mention.kind, mention.id)
                    return True
        return super().eventFilter(watched, event)

    def _refuse_markdown_drop(self, event) -> bool:
        """Turn a drag of `.md` files away from the text so the window imports them.

        A plain-text editor accepts any URL drop and would type the ``file://`` path into the
        memo. Ignoring the drag-enter lets Qt offer it to the parent widgets, up to the window
        (which accepts Markdown files); a drop that still lands here is handed to the window's
        own drop handler, so there is one import path whichever widget the file falls on.
        """
        from desktop.ui.memo.actions import markdown_paths

        mime = event.mimeData()
        if mime is None or not mime.hasUrls() or not markdown_paths(mime.urls()):
            return False
        event.ignore()
        if event.type() == QEvent.Type.Drop:
            window = self.text.window()
            if window is not self.text and window.acceptDrops():
                QApplication.sendEvent(window, event)
        return True

    def _mini_card_lines(self, mention: Mention) -> list[str]:
        """The hover lines, or none when the card cannot be built (a hover must never fail)."""
        if self.mini_card is None:
            return []
        try:
            return self.mini_card(mention.kind, mention.id)
        except LookupError:
            return [mention.name]

    def related_block(self, mention: Mention) -> Block:
        """The data block that belongs with a name: production for a mineral, memberships for a
        country, members for an initiative or a group."""
        if mention.kind == "mineral":
            return Block("production-table", {"mineral": mention.id, "top": "8"})
        if mention.kind == "country":
            return Block("memberships", {"country": mention.id})
        key = "initiative" if mention.kind == "initiative" else "group"
        return Block("members", {key: mention.id})

    def _context_menu(self, position) -> None:
        menu = self.text.createStandardContextMenu()
        mention = self.mention_at(position)
        if mention is not None:
            menu.addSeparator()
            block = self.related_block(mention)
            menu.addAction(f"Insert {block.kind.replace('-', ' ')} for {mention.name}",
                           lambda: self.block_requested.emit(block.to_markup()))
            menu.addAction(f"Open the card of {mention.name}",
                           lambda: self.card_requested.emit(mention.kind, mention.id))
        menu.exec(self.text.viewport().mapToGlobal(position))

