"""What must share a page: a heading or a lead-in with the start of its block, a note with the
end of its table.

reportlab offers two tools, and neither fits a block that may be longer than the room left:
``keepWithNext`` makes the heading and the whole block one unsplittable group, which jumps to
the next page and leaves the rest of this one blank, and it reaches only the next flowable.
``KeepRoom`` instead measures what leads in plus the first rows (or lines) of the block and
breaks the page only when those do not fit; after it, the block is free to split. ``NotedTable``
does the same at the other end: a table's note never starts a page without the table's last
rows above it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    Paragraph,
    Spacer,
    Table,
)

from desktop.export.fonts import markup
from desktop.export.pages import WIDE, PageTurn
from desktop.export.row_run import RowRun
from desktop.export.styles import style

TALL = 100_000  # "no limit" for measuring heights
FIRST_PART = 3 * 14  # three body lines: the least of a paragraph or list worth starting on
LAST_ROWS = 2  # rows a table's note takes with it to a new page


def _height(flowable: Flowable, width: float, canv) -> float:
    """Height with spaces; on the page's canvas, which some flowables (lists) measure with."""
    return flowable.wrapOn(canv, width, TALL)[1] + flowable.getSpaceBefore() + \
        flowable.getSpaceAfter()


class KeepRoom(CondPageBreak):
    """Starts a new page unless what leads into a block fits here with the block's start.

    The start is the header and first ``rows`` rows of a table of figures (all of a short one,
    with its ``tail``, the note under it), the first rows of a boxed block (code, a quotation)
    up to a few lines, or a few lines of a paragraph or list; a block that cannot split is
    measured whole. ``lead`` (headings, a lead-in sentence, a caption) follows this flowable in
    the story and must not be kept with the block by ``keepWithNext`` as well.
    """

    def __init__(self, lead: list[Flowable], table: Flowable, rows: int = 3,
                 tail: Sequence[Flowable] = ()) -> None:
        super().__init__(0)
        self.lead = lead
        self.table = table
        self.rows = rows
        self.tail = list(tail)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", 0):
            return 0, 0  # already at the top of a page: breaking would not help
        self.height = self.needed(availWidth)
        return super().wrap(availWidth, availHeight)

    def needed(self, width: float) -> float:
        return sum(_height(f, width, self.canv) for f in self.lead) + self._start(width)

    def _start(self, width: float) -> float:
        block = self.table
        if isinstance(block, RowRun):
            table = block.leading_rows(self.rows)
            table.wrap(width, TALL)
            return sum(table._rowHeights[:1 + self.rows])
        if isinstance(block, Table):
            block.wrap(width, TALL)
            heights, header = block._rowHeights, _header_rows(block)
            if header and len(heights) - header <= self.rows + LAST_ROWS:
                return sum(heights) + sum(_height(f, width, self.canv) for f in self.tail)
            if header:
                return sum(heights[:header + self.rows])
            total = 0.0  # a box splits between its rows: its first rows, up to a few lines
            for height in heights:
                total += height
                if total >= FIRST_PART:
                    break
            return total
        height = _height(block, width, self.canv)
        if isinstance(block, Paragraph | ListFlowable):
            return min(height, FIRST_PART)
        return height  # an image, a drawing: it cannot split


def _header_rows(table: Table) -> int:
    repeat = getattr(table, "repeatRows", 0) or 0
    return repeat if isinstance(repeat, int) else len(repeat)


class NotedTable(Flowable):
    """A table and the note under it (its source): the note never begins a page alone.

    Like ``KeepTogether`` it always asks to be split, and splits into the table and the note
    when both fit. When only the table fits, its last ``LAST_ROWS`` rows go to the next page
    with the note (a short table goes whole); when the table itself must split, the note stays
    with the remainder.
    """

    def __init__(self, table: Table | RowRun, note: Flowable) -> None:
        super().__init__()
        self.table = table
        self.note = note

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = self.table.wrap(availWidth, availHeight)[0]
        return self.width, 0xFFFFFF  # never drawn whole: always split into its parts

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        table_height = self.table.wrap(availWidth, availHeight)[1]
        note_height = self.note.wrapOn(self.canv, availWidth, availHeight)[1] + \
            self.note.getSpaceBefore()
        frame = getattr(self, "_frame", None)
        at_top = bool(frame is not None and getattr(frame, "_atTop", 0))
        if table_height + note_height <= availHeight or (at_top and table_height <= availHeight):
            return [self.table, self.note]
        if table_height <= availHeight:  # the table fits, its note does not
            window = self.table.window(availWidth, availHeight) \
                if isinstance(self.table, RowRun) else self.table
            heights = window._rowHeights
            if len(heights) - _header_rows(window) <= LAST_ROWS + 1:
                return []  # too short to leave rows behind: all of it moves on
            availHeight = table_height - sum(heights[-LAST_ROWS:]) - 0.01
        parts = self.table.split(availWidth, availHeight)
        if len(parts) < 2:
            return [] if not at_top else [self.table, self.note]
        return [parts[0], NotedTable(parts[1], self.note)]


def _is_heading(flowable: Flowable) -> bool:
    return bool(getattr(flowable, "outline", None)) and bool(flowable.getKeepWithNext())


def announces(text: str) -> bool:
    """A paragraph ending with a colon announces the block after it (PDF and Word)."""
    return text.rstrip().endswith(":")


def _is_lead_in(flowable: Flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name == "body" and \
        not getattr(flowable, "kept", False) and announces(flowable.getPlainText())


def keep_leads(flowables: list[Flowable]) -> list[Flowable]:
    """Keep headings and lead-in paragraphs on the page where their block starts.

    A chart block (a ``KeepTogether``) takes them inside it, since keepWithNext does not reach
    into it. A table block starts with a ``KeepRoom``, which is handed them to measure with the
    table's first rows; they move after it. Before any other block a lead-in gets a
    ``KeepRoom`` of its own. Headings before other blocks keep reportlab's keepWithNext.
    """
    out: list[Flowable] = []
    for flowable in flowables:
        count = 0
        while count < len(out) and (_is_heading(out[-1 - count]) or
                                    _is_lead_in(out[-1 - count])):
            count += 1
        leads = out[len(out) - count:]
        spacer = isinstance(flowable, Spacer) and not isinstance(flowable, KeepRoom)
        if isinstance(flowable, PageTurn) and flowable.template == WIDE:
            del out[len(out) - count:]  # a heading or lead-in goes with its table's new page
            back = out[-1] if out else None
            if isinstance(back, PageTurn) and back.template != WIDE:
                out.pop()  # two wide tables in a row share landscape pages: no upright page
            else:
                out.append(flowable)
            out += leads
            continue
        if not leads or spacer or _is_heading(flowable):
            out.append(flowable)
            continue
        if isinstance(flowable, KeepTogether):
            del out[len(out) - count:]
            out.append(KeepTogether([*leads, *flowable._content]))
            continue
        if not isinstance(flowable, KeepRoom):
            if not any(_is_lead_in(f) for f in leads):
                out.append(flowable)
                continue
            flowable, leads = KeepRoom([], flowable), [*leads, flowable]
        del out[len(out) - count:]
        for lead in leads[:count]:  # the KeepRoom measured them with the block's start
            lead.keepWithNext = 0
            lead.kept = True
        flowable.lead = leads[:count] + flowable.lead
        out.append(flowable)
        out.extend(leads)
    return out


def _body_rows(part: Flowable) -> int | None:
    if isinstance(part, NotedTable):
        part = part.table
    if isinstance(part, RowRun):
        return part.rows - part.start
    if isinstance(part, Table):
        return len(part._cellvalues) - _header_rows(part)
    return None


class ContinuedTable(Flowable):
    """A table that, where it goes on after a page break, says so above its repeated header
    ("Production (continued)"), and never carries a single last row (the "Other countries" or
    total line) over to a page of its own: one more row goes with it."""

    def __init__(self, inner: Flowable, label: str, continued: bool = False) -> None:
        super().__init__()
        self.inner = inner
        self.label = label
        self.continued = continued
        self._label: Paragraph | None = None
        self._inner_height = 0.0

    def _label_height(self, width: float, height: float) -> float:
        if not self.continued:
            return 0.0
        text = f"{markup(self.label)} (continued)" if self.label else "(continued)"
        self._label = Paragraph(text, style("part"))
        return self._label.wrap(width, height)[1] + 2

    def _pass_down(self) -> None:
        """The frame's canvas and frame, which the inner flowable (a NotedTable) reads."""
        for name in ("canv", "_frame"):
            if hasattr(self, name):
                setattr(self.inner, name, getattr(self, name))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._pass_down()
        above = self._label_height(availWidth, availHeight)
        self.width, self._inner_height = self.inner.wrap(availWidth, availHeight - above)
        self.height = self._inner_height + above
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._pass_down()
        frame = getattr(self, "_frame", None)
        if self.continued and frame is not None and not getattr(frame, "_atTop", 1):
            return []  # what goes on after a page break starts the next page, not this one
        above = self._label_height(availWidth, availHeight)
        parts = self.inner.split(availWidth, availHeight - above)
        if len(parts) == 2 and _body_rows(parts[1]) == 1 and (_body_rows(parts[0]) or 0) > 2 \
                and isinstance(parts[0], Table):
            head = parts[0]  # one row would go on alone: cut one row earlier
            parts = self.inner.split(availWidth, availHeight - above -
                                     head._rowHeights[-1] - 0.01) or parts
        if not parts:
            return []
        out: list[Flowable] = [ContinuedTable(parts[0], self.label, self.continued)
                               if self.continued else parts[0]]
        for part in parts[1:]:
            goes_on = isinstance(part, Table | RowRun | NotedTable)
            out.append(ContinuedTable(part, self.label, True) if goes_on else part)
        return out

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)
        if self._label is not None:
            self._label.drawOn(self.canv, 0, self._inner_height + 2)
