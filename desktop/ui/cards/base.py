"""The frame every card shares: a scrolling column of headings, linked text, tables and charts.

A card panel is fed a dictionary by ``CardService`` and builds its widgets from it; it never queries
anything itself. Links inside text use ``briefdesk://kind/id`` and surface as ``link_activated``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.blocks.syntax import Block
from desktop.domain.vocabulary import TIERS
from desktop.ui.widgets.data_table import Column, DataTable


def link(kind: str, ident: str, text: str) -> str:
    return f'<a href="briefdesk://{escape(kind)}/{escape(ident)}">{escape(text)}</a>'


def source_html(source: dict | None, prefix: str = "Source") -> str:
    if not source:
        return ""
    url = escape(source.get("url") or "")
    edition = f", {escape(source['edition'])}" if source.get("edition") else ""
    anchor = f' — <a href="{url}">{url}</a>' if url else ""
    tier = TIERS.get(source.get("tier", ""))
    kind = f" <span style='color:gray'>({escape(tier.label)})</span>" if tier else ""
    return (f"{prefix}: {escape(source['publisher'])}, <i>{escape(source['title'])}</i>"
            f"{edition}{anchor}{kind}")


def code_target(row: dict, prefix: str) -> tuple[str, str] | None:
    """The card a code field (``actor``, ``lead``) opens, or None when nothing can be opened.

    A country opens its own card and a body that is also a group (the EU, the G7) the group's.
    Other bodies have no card of their own, so a ministry or agency (MOFCOM, the US Department
    of State) opens the card of its country when the card data names one in ``<prefix>_country``.
    """
    code = row.get(prefix)
    if row.get(f"{prefix}_is_country") and code:
        return "country", str(code)
    if row.get(f"{prefix}_group"):
        return "group", str(row[f"{prefix}_group"])
    if row.get(f"{prefix}_country"):
        return "country", str(row[f"{prefix}_country"])
    return None


def code_html(row: dict, prefix: str) -> str:
    """A code field as a link when it leads to a card, else as plain (escaped) text."""
    name = row.get(f"{prefix}_name") or row.get(prefix) or ""
    target = code_target(row, prefix)
    return link(*target, name) if target else escape(name)


def actor_link(event: dict) -> dict:
    """Row fields that make an event's actor a link (see ``code_target``)."""
    kind, ident = code_target(event, "actor") or (None, None)
    return {"actor_kind": kind, "actor_id": ident}


def member_link(member: dict) -> dict:
    """Row fields that make a member a link: countries and groups have cards, and a body
    with a country (``body_country``) opens that country's card."""
    kind = member.get("member_kind")
    if kind == "country":
        return {"member_link_kind": "country", "member_link": member["country"]}
    if kind == "group":
        return {"member_link_kind": "group", "member_link": member["group_id"]}
    if member.get("body_country"):
        return {"member_link_kind": "country", "member_link": member["body_country"]}
    return {"member_link_kind": None, "member_link": None}


class CardPanel(QScrollArea):
    """Base of all cards: ``show_card(card)`` rebuilds the content from a card dictionary.

    Cards run to thousands of pixels. The header and the first section are built at once, so the
    first paint shows them; every further table or chart is built on a later turn of the event
    loop, one per turn, so the window stays responsive. ``finish()`` builds the rest at once.
    """

    kind = ""
    link_activated = Signal(str, str)
    memo_block = Signal(str)
    status = Signal(str)
    completed = Signal()
    IMMEDIATE_SECTIONS = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(f"{self.kind.title()} card")
        self.card: dict | None = None
        self._content: QWidget | None = None
        self._layout: QVBoxLayout | None = None
        self._pending: deque[Callable[[], None]] = deque()
        self._immediate = 0
        self.tables: list[DataTable] = []
        self.mouse_buttons = None  # set by the card area: back/forward mouse buttons

    def show_card(self, card: dict) -> None:
        self.card = card
        self.tables = []
        self._pending.clear()
        self._immediate = self.IMMEDIATE_SECTIONS
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(16, 12, 16, 16)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.build(card)
        old = self.takeWidget()
        self.setWidget(self._content)
        self.verticalScrollBar().setValue(0)
        if old is not None:
            old.deleteLater()
        if self._pending:
            QTimer.singleShot(0, self, self._build_next)  # cancelled if the panel goes
        else:
            self.completed.emit()

    def is_complete(self) -> bool:
        return not self._pending

    def finish(self) -> None:
        """Build every pending section now (tests, exports, screenshots)."""
        while self._pending:
            self._pending.popleft()()
        self.completed.emit()

    def _build_next(self) -> None:
        if not self._pending:
            return
        self._pending.popleft()()
        if self._pending:
            QTimer.singleShot(0, self, self._build_next)  # cancelled if the panel goes
        else:
            self.completed.emit()

    def _place(self, make: Callable[[], QWidget | None]) -> None:
        """Build a section now while the first screenful is being filled, later otherwise."""
        content = self._content

        def place() -> None:
            if content is not self._content:
                return  # another card was opened meanwhile
            widget = make()
            if widget is not None:
                self._layout.insertWidget(self._layout.count() - 1, widget)

        if self._immediate > 0:
            self._immediate -= 1
            place()
        else:
            self._pending.append(place)

    def build(self, card: dict) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    # -- building blocks ---------------------------------------------------------------------
    def add_header(self, title: str, subtitle_html: str = "", block: Block | None = None,
                   unavailable: str = "") -> None:
        """Title, subtitle and an "Add to memo" button for ``block``.

        ``unavailable`` says why the block would come out empty; the button is then disabled
        (not hidden, so the reader learns why) and the reason is its tooltip.
        """
        row = QHBoxLayout()
        heading = QLabel(escape(title))
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setAccessibleName("Card title")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(heading, 1)
        if block is not None:
            button = QPushButton("Add to memo")
            button.setAccessibleName("Add this card to the memo")
            button.setToolTip("Inserts the data block for this card into the open memo (or a "
                              "new one)")
            button.clicked.connect(lambda: self.memo_block.emit(block.to_markup()))
            if unavailable:
                button.setEnabled(False)
                button.setToolTip(unavailable)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.insertLayout(self._layout.count() - 1, row)
        if subtitle_html:
            self.add_text(subtitle_html, at_once=True)

    def add_section(self, title: str) -> None:
        def make() -> QLabel:
            label = QLabel(escape(title))
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            font.setBold(True)
            label.setFont(font)
            label.setContentsMargins(0, 10, 0, 0)
            return label

        self._place_text(make)

    def add_text(self, html_text: str, small: bool = False, at_once: bool = False,
                 later: bool = False) -> None:
        def make() -> QLabel:
            label = QLabel(html_text)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            label.linkActivated.connect(self._on_link)
            if small:
                label.setStyleSheet("color: palette(placeholder-text); font-size: small;")
            return label

        if at_once:
            self._layout.insertWidget(self._layout.count() - 1, make())
        elif later:  # costly to lay out (many scripts): after the first screenful
            self._pending.append(lambda: self._insert_if_current(self._content, make))
        else:
            self._place_text(make)

    def _insert_if_current(self, content: QWidget | None, make: Callable[[], QWidget]) -> None:
        if content is self._content:
            self._layout.insertWidget(self._layout.count() - 1, make())

    def _place_text(self, make: Callable[[], QWidget]) -> None:
        """Text is cheap: shown at once unless sections before it are still waiting."""
        if self._pending:
            immediate, self._immediate = self._immediate, 0
            self._place(make)
            self._immediate = immediate
        else:
            self._layout.insertWidget(self._layout.count() - 1, make())

    def add_table(self, title: str, columns: list[Column], rows: list[dict], source: str = "",
                  block: Block | None = None) -> None:
        if not rows:
            return

        def make() -> DataTable:
            table = DataTable(title, columns, rows, source=source, block=block)
            table.link_activated.connect(self.link_activated)
            table.memo_block.connect(self.memo_block)
            table.status.connect(self.status)
            if self.mouse_buttons is not None:
                self.mouse_buttons.watch(table.view.viewport())
            self.tables.append(table)
            return table

        self._place(make)

    def add_widget(self, make: Callable[[], QWidget | None]) -> None:
        """Add a widget built by ``make`` (called now or on a later turn)."""
        self._place(make)

    def add_sources(self, sources: list[dict]) -> None:
        if not sources:
            return
        self.add_section("Sources")
        items = "".join(f"<li>{source_html(s, prefix='').lstrip(': ')}</li>" for s in sources)
        self.add_text(f"<ol>{items}</ol>", small=True)

    def add_events(self, title: str, events: list[dict], block: Block | None = None) -> None:
        rows = [{"date": e["date"], "announced": e.get("announced", ""),
                 "effective": e.get("effective", ""), "kind": e.get("kind_label", e["kind"]),
                 "title": e["title"], "id": e["id"], "document": e.get("document_number", ""),
                 "status": e.get("status_text", ""), "status_note": e.get("status_note", ""),
                 "actor": e.get("actor_name", e["actor"]), **actor_link(e)}
                for e in events]
        columns = [
            Column("date", "Date"), Column("announced", "Announced"),
            Column("effective", "Effective"), Column("kind", "Kind"),
            Column("title", "Event", link_kind="event", link_key="id"),
            Column("actor", "Actor", link_kind_key="actor_kind", link_key="actor_id"),
            Column("document", "Document")]
        if any(row["status"] for row in rows):  # measures: where each stands today
            columns.insert(5, Column("status", "Status today", tooltip_key="status_note"))
        self.add_table(title, columns, rows, block=block)

    def _on_link(self, url: str) -> None:
        parsed = QUrl(url)
        if parsed.scheme() == "briefdesk":
            self.link_activated.emit(parsed.host(), parsed.path().lstrip("/"))
        else:
            QDesktopServices.openUrl(parsed)
