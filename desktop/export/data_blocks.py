"""Resolved data blocks to flowables: tables of figures, charts, a single figure, or an error box.

Each block cites its sources through the document's endnote numbering, so the numbers under a
table point at the "Sources" list at the end of the memo.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    Table,
)

from desktop.domain.models import Source
from desktop.domain.resolved import ResolvedBlock
from desktop.export.block_layout import method_label, present
from desktop.export.charts import bar_chart, line_chart
from desktop.export.fonts import BASE, markup, runs
from desktop.export.keeping import ContinuedTable, KeepRoom, NotedTable
from desktop.export.row_run import RowRun, row_run_or_table
from desktop.export.sources import linked_mark
from desktop.export.styles import ERROR_EDGE, ERROR_FILL, HEADER_FILL, RULE, ZEBRA, style, table_style
from desktop.export.table_layout import TableLayout, layout

Cite = Callable[[list[Source]], str]  # sources -> "[1, 3]" superscript markup
METHOD_COLOUR = "#1f4e79"  # a method mark reads apart from the source marks in ink


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
                 width: float, plain: list[list[str]] | None = None, is_markup: bool = False,
                 align: list[str] | None = None) -> LongTable | RowRun:
    """A table whose header row repeats on every page and whose numbers align right.

    Cells are plain text (escaped here) unless ``is_markup``, in which case ``plain`` gives each
    cell's visible text (header row first) for measuring. ``align`` ("LEFT", "CENTER", "RIGHT")
    overrides the default of numbers right, text left. A plain cell that fits its column on one
    line is drawn as a string (a Paragraph per cell costs ten times as much); others wrap.
    """
    numeric = (list(numeric) + [False] * len(columns))[:len(columns)]
    align = [a or ("RIGHT" if n else "LEFT")
             for a, n in zip(list(align or []) + [None] * len(columns), numeric, strict=False)]
    if plain is None:
        plain = [[str(c) for c in columns]] + [[str(c) for c in row] for row in rows]
    shape = layout(plain, numeric, width)

    def cell(text: str, column: int, head: bool):
        text = str(text)
        if not is_markup and len(text) > MAX_CELL:  # a cell taller than a page cannot be set
            text = text[:MAX_CELL] + "…"
        if not is_markup and not head and _fits(text, shape.widths[column], shape):
            return text
        return Paragraph(text if is_markup else markup(text),
                         shape.cell_style("cell_head" if head else "cell", align[column]))

    head = [cell(c, i, True) for i, c in enumerate(columns)]
    body, stripes = split_tall_rows(
        [[cell(value, i, False) for i, value in enumerate(row)] for row in rows],
        [w - 2 * shape.padding for w in shape.widths])
    always = [("FONTSIZE", (0, 0), (-1, -1), shape.size),
              ("LEADING", (0, 0), (-1, -1), shape.leading),
              ("TEXTCOLOR", (0, 0), (-1, -1), style("cell").textColor),
              ("FONTNAME", (0, 0), (-1, 0), style("cell_head").fontName),
              ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
              ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE)]
    cell_box = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), shape.padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), shape.padding),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    cell_box += [("ALIGN", (i, 0), (i, -1), a) for i, a in enumerate(align) if a != "LEFT"]

    def make(start: int, stop: int) -> LongTable:
        """Body rows [start, stop) under the header, striped and ruled by their place in the
        whole table (a long table is laid out a window of rows at a time)."""
        table = LongTable([head, *body[start:stop]], colWidths=shape.widths, repeatRows=1,
                          hAlign="LEFT")
        last = [("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE)] if stop == len(body) else []
        zebra = [("BACKGROUND", (0, r - start + 1), (-1, r - start + 1), ZEBRA)
                 for r in range(start, stop) if stripes[r] % 2 == 1]
        table.setStyle(table_style(always + last + cell_box + zebra))
        return table

    return row_run_or_table(make, len(body))


def _fits(text: str, column_width: float, shape: TableLayout) -> bool:
    """Plain base-font text short enough for one line of its column."""
    if "\n" in text or any(font != BASE for font, _chunk in runs(text)):
        return False
    return stringWidth(text, BASE, shape.size) + 2 * shape.padding + 0.5 <= column_width


MAX_CELL = 1500  # characters of one table cell
ROW_LIMIT = 120.0  # points: a row taller than this is cut into pieces that fill pages well


def split_tall_rows(rows: list[list], widths: list[float]) -> tuple[list[list], list[int]]:
    """Rows with a cell too tall for a page, cut into rows of at most ``ROW_LIMIT`` points: a
    table cannot break inside a row, and a row taller than the page would lose the table.
    The tall cells' text runs on over the rows that follow; the other cells stay in the first.
    Also gives, for each row, the row it came from (its stripe)."""
    out: list[list] = []
    stripes: list[int] = []
    for number, row in enumerate(rows):
        pieces = [_pieces(value, width) for value, width in zip(row, widths, strict=False)]
        for part in range(max(len(p) for p in pieces)):
            out.append([p[part] if part < len(p) else "" for p in pieces])
            stripes.append(number)
    return out, stripes


def _pieces(value, width: float) -> list:
    if not isinstance(value, Paragraph) or value.wrap(width, 1e6)[1] <= ROW_LIMIT:
        return [value]
    pieces, rest = [], value
    while rest is not None:
        parts = rest.split(width, ROW_LIMIT)
        if len(parts) < 2:  # what is left fits (or cannot split): it goes whole
            pieces.append(rest)
            break
        pieces.append(parts[0])
        rest = parts[1]
    return pieces


def render_block(block: ResolvedBlock, width: float, cite: Cite, style_name: str = "full",
                 add_method: Callable[[str, str], int] | None = None) -> list[Flowable]:
    """The block as the memo's ``style_name`` lays it out (``block_layout.present``); a method
    note meant for the end is handed to ``add_method`` (title, text → its number)."""
    if block.error:
        return [error_box(block.error, width)]
    shown = present(block, style_name)
    refs = cite(shown.cited)
    if shown.method and add_method is not None:
        number = add_method(block.title or block.text, shown.method)
        label = f'<font color="{METHOD_COLOUR}">{method_label(number)}</font>'
        refs += f"<super>{linked_mark('method', number, label)}</super>"
    parts: list[Flowable] = []
    if block.kind == "figure":
        return [Paragraph(f"{markup(block.text)}{refs}", style("body"))]
    lead = [Paragraph(f"{markup(block.title, bold=True)}{refs}", style("caption"))] if block.title \
        else []
    if block.chart is not None:
        chart = bar_chart(block.chart, width) if block.chart.kind == "bar" \
            else line_chart(block.chart, width)
        parts += [*lead, chart]
        lead = []
    note = Paragraph(markup(shown.note), style("source")) if shown.note else None
    tables = block.tables()
    for number, part in enumerate(tables):
        table = figure_table(part.columns, part.rows, part.numeric, width)
        if part.title:  # one of several tables: named, so no row is read against another's
            lead.append(Paragraph(markup(part.title), style("part")))
        tail = [note] if note is not None and number == len(tables) - 1 else []
        if block.chart is None:
            # a caption never ends a page alone, nor a note starts one (charts keep together)
            parts.append(KeepRoom(lead, table, tail=tail))
            if tail:
                table, note = NotedTable(table, note), None
        parts += [*lead, ContinuedTable(table, part.title or block.title)]
        lead = []
    parts += lead
    if note is not None:
        parts.append(note)
    if block.chart is not None:
        return [KeepTogether(parts), Spacer(1, 4)]
    return parts + [Spacer(1, 4)]

