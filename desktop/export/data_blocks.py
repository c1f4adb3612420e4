"""Resolved data blocks to flowables: tables of figures, charts, a single figure, or an error box.

Each block cites its sources through the document's endnote numbering, so the numbers under a
table point at the "Sources" list at the end of the memo.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    Table,
)

from desktop.domain.models import Source
from desktop.domain.resolved import ResolvedBlock
from desktop.export.charts import bar_chart, line_chart
from desktop.export.fonts import BASE, markup, runs
from desktop.export.styles import ERROR_EDGE, ERROR_FILL, HEADER_FILL, RULE, ZEBRA, style, table_style

Cite = Callable[[list[Source]], str]  # sources -> "[1, 3]" superscript markup


def error_box(message: str, width: float) -> Flowable:
    """A visible, boxed notice in place of what could not be made."""
    text = Paragraph(f"<b>Could not include this block.</b> {markup(message)}", style("error"))
    box = Table([[text]], colWidths=[width])
    box.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), ERROR_FILL),
                             ("BOX", (0, 0), (-1, -1), 1, ERROR_EDGE),
                             ("LEFTPADDING", (0, 0), (-1, -1), 8),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    box.spaceBefore, box.spaceAfter = 4, 8
    return box


def figure_table(columns: list[str], rows: list[list[str]], numeric: list[bool],
                 width: float, lengths: list[list[int]] | None = None,
                 is_markup: bool = False) -> LongTable:
    """A table whose header row repeats on every page and whose numbers align right.

    Cells are plain text (escaped here) unless ``is_markup``; ``lengths`` gives the visible
    length of markup cells for sharing the width. A plain cell that fits its column in the base
    font is drawn as a string (a Paragraph per cell costs ten times as much); others wrap.
    """
    numeric = list(numeric) + [False] * (len(columns) - len(numeric))
    if lengths is None:  # plain cells: measure the text as it will be set
        size = style("cell").fontSize
        lengths = [[stringWidth(str(c), style("cell_head").fontName, size) / CHAR_WIDTH + 0.5
                    for c in columns]]
        lengths += [[stringWidth(str(cell), BASE, size) / CHAR_WIDTH for cell in row]
                    for row in rows[:200]]
    widths = _widths(lengths, numeric, width)

    def cell(text: str, column: int, head: bool):
        text = str(text)
        if not is_markup and len(text) > MAX_CELL:  # a cell taller than a page cannot be set
            text = text[:MAX_CELL] + "…"
        if not is_markup and _fits(text, widths[column]):
            return text
        name = ("cell_head" if head else "cell") + ("_right" if numeric[column] else "")
        return Paragraph(text if is_markup else markup(text), style(name))

    head = [cell(c, i, True) for i, c in enumerate(columns)]
    body = [[cell(value, i, False) for i, value in enumerate(row)] for row in rows]
    table = LongTable([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = [("FONTSIZE", (0, 0), (-1, -1), style("cell").fontSize),
                ("LEADING", (0, 0), (-1, -1), style("cell").leading),
                ("TEXTCOLOR", (0, 0), (-1, -1), style("cell").textColor),
                ("FONTNAME", (0, 0), (-1, 0), style("cell_head").fontName),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    commands += [("ALIGN", (i, 0), (i, -1), "RIGHT") for i, n in enumerate(numeric) if n]
    commands += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(rows) + 1, 2)]
    table.setStyle(table_style(commands))
    return table


def _fits(text: str, column_width: float) -> bool:
    """Plain base-font text short enough for one line of its column."""
    if "\n" in text or len(text) * CHAR_WIDTH + CELL_PADDING > column_width:
        return False
    return all(font == BASE for font, _chunk in runs(text))


MAX_CELL = 1500  # characters of one table cell
CHAR_WIDTH = 5.5  # points per character at the 8.5 pt cell size (DejaVu digits are the widest)
CELL_PADDING = 13  # the cell paddings on both sides and a little air
SHORT_COLUMN = 80  # columns that fit in this many points keep their natural width
LONG_FLOOR = 100  # and every other column gets at least this much before the rest is shared


def _widths(lengths: list[list[int]], numeric: list[bool], width: float) -> list[float]:
    """Short columns (dates, ranks, numbers) get what they need; long text shares the rest."""
    columns = len(numeric)
    natural = []
    for index in range(columns):
        cells = [row[index] for row in lengths[:200] if index < len(row)]
        natural.append(max(max(cells, default=4), 3) * CHAR_WIDTH + CELL_PADDING)
    if sum(natural) <= width:
        spare = width - sum(natural)
        longest = max(range(columns), key=lambda i: natural[i])
        return [w + (spare if i == longest else 0) for i, w in enumerate(natural)]
    short = [i for i in range(columns) if natural[i] <= SHORT_COLUMN]
    fixed = sum(natural[i] for i in short)
    if fixed >= width * 0.7:  # too many short columns: share everything proportionally
        total = sum(natural)
        return [width * w / total for w in natural]
    # each long column first gets up to LONG_FLOOR points, then the rest goes by need; when
    # even the floors do not fit, every column is scaled down together
    floors = {i: min(natural[i], LONG_FLOOR) for i in range(columns) if i not in short}
    if fixed + sum(floors.values()) > width:
        total = sum(natural)
        return [width * w / total for w in natural]
    spare = width - fixed - sum(floors.values())
    extra_need = sum(natural[i] - floors[i] for i in floors) or 1
    return [natural[i] if i in short else
            floors[i] + spare * (natural[i] - floors[i]) / extra_need for i in range(columns)]


def render_block(block: ResolvedBlock, width: float, cite: Cite) -> list[Flowable]:
    if block.error:
        return [error_box(block.error, width)]
    refs = cite(block.sources)
    parts: list[Flowable] = []
    if block.kind == "figure":
        return [Paragraph(f"{markup(block.text)}{refs}", style("body"))]
    if block.title:
        if block.chart is None:  # a caption never ends a page alone (charts keep together)
            parts.append(CondPageBreak(30 * mm))
        parts.append(Paragraph(f"{markup(block.title)}{refs}", style("caption")))
    if block.chart is not None:
        chart = bar_chart(block.chart, width) if block.chart.kind == "bar" \
            else line_chart(block.chart, width)
        parts.append(chart)
    if block.columns:
        parts.append(figure_table(block.columns, block.rows, block.numeric, width))
    source_line = "; ".join(f"{s.publisher}, {s.title}" for s in block.sources)
    note = " ".join(filter(None, [block.note, f"Source: {source_line}." if source_line else ""]))
    if note:
        parts.append(Paragraph(markup(note), style("source")))
    if block.chart is not None:
        return [KeepTogether(parts), Spacer(1, 4)]
    return parts + [Spacer(1, 4)]

