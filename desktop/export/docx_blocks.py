"""Resolved data blocks, tables and error boxes as Word content: the twin of ``data_blocks``.

A block shows the same title, values, column order, note and citation marks as in the PDF: the
caption and note texts, the column widths (``table_layout.layout``) and the chart drawings
(``charts``) come from the PDF's own code; a chart goes in as a PNG of the PDF's own drawing
(``docx_charts``), so the chart is the same.

Paragraphs and tables are appended as elements to their parent rather than through
python-docx's ``add_paragraph``, which scans the whole body for each one (a 5 MB memo would take
minutes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image as WordImage
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml.etree import _Element
from PIL import Image

from desktop.domain.resolved import ResolvedBlock
from desktop.export.block_layout import method_label, present
from desktop.export.data_blocks import MAX_CELL, Cite
from desktop.export.docx_charts import chart_drawing, rasterise
from desktop.export.docx_styles import number_paragraph
from desktop.export.docx_text import (
    PPR_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    Look,
    add_run,
    add_text,
    borders,
    clean,
    element,
    hex_of,
    put,
    set_direction,
    shade,
)
from desktop.export.markdown_flow import MAX_IMAGE_BYTES
from desktop.export.styles import (
    ACCENT,
    ERROR_EDGE,
    ERROR_FILL,
    HEADER_FILL,
    MUTED,
    RULE,
    ZEBRA,
)
from desktop.export.table_layout import layout

TWIPS = 20  # per point
QUOTE_STEP = 12.0  # points each quote level indents
LIST_STEP = 18.0  # points each list level indents; the number hangs in it
ALIGN = {"LEFT": WD_ALIGN_PARAGRAPH.LEFT, "CENTER": WD_ALIGN_PARAGRAPH.CENTER,
         "RIGHT": WD_ALIGN_PARAGRAPH.RIGHT}
JC = {"LEFT": "left", "CENTER": "center", "RIGHT": "right"}  # ALIGN as Word writes it (w:jc)
T = TypeVar("T")


@dataclass
class Where:
    """Where content goes: the body or a table cell, and how deep in quotes and lists."""

    element: _Element  # w:body or w:tc
    owner: Any  # what gives new paragraphs their part (the Document)
    styles: dict[str, str]  # style name -> id, looked up once
    indent: float = 0.0  # points from the margin: list items and quotes
    quote: int = 0
    lists: int = 0
    number: list[tuple[int, int]] = field(default_factory=list)  # (list, level) of an item
    # whose number the next paragraph carries

    def paragraph(self, style: str | None = None) -> Paragraph:
        p = OxmlElement("w:p")
        self.element.append(p)
        paragraph = Paragraph(p, self.owner)
        if style is None and self.quote:
            style = "Quote"
        if style:
            put(p.get_or_add_pPr(), element("w:pStyle", val=self.styles[style]), PPR_ORDER)
        if self.indent:
            paragraph.paragraph_format.left_indent = Pt(self.indent)
        if self.quote:
            borders(p.get_or_add_pPr(), "w:pBdr", {"left": (2.5, hex_of(MUTED))})
        if self.number:
            number_paragraph(paragraph, *self.number.pop())
            paragraph.paragraph_format.first_line_indent = Pt(-LIST_STEP)
        return paragraph

    def inside(self, *, indent: float = 0.0, quote: int = 0, lists: int = 0,
               number: tuple[int, int] | None = None) -> Where:
        return Where(self.element, self.owner, self.styles, self.indent + indent,
                     self.quote + quote, self.lists + lists, [number] if number else [])


def marks(cite_markup: str) -> str:
    """"[1, 3]" from ``SourceList.cite``'s "<super>[1, 3]</super>": the numbers are its."""
    return re.sub(r"<[^>]*>", "", cite_markup)


def error_box(where: Where, message: str) -> Paragraph:
    """A boxed, shaded notice in place of what could not be made, worded as in the PDF."""
    box = where.paragraph()
    properties = box._p.get_or_add_pPr()
    edge = hex_of(ERROR_EDGE)
    borders(properties, "w:pBdr", {side: (1, edge) for side in ("top", "left", "bottom",
                                                                  "right")})
    shade(properties, hex_of(ERROR_FILL))
    look = Look(colour=edge, size=9)
    add_text(box, "Could not include this block.", Look(bold=True, colour=edge, size=9))
    add_text(box, " " + message, look)
    return box


def add_block(where: Where, block: ResolvedBlock, cite: Cite, width: float,
              style_name: str = "full", add_method: Callable[[str, str], int] | None = None
              ) -> None:
    """A resolved block as ``render_block`` lays it out: caption, chart, table, note — as much
    of it as the memo's style shows (``block_layout.present``)."""
    if block.error:
        error_box(where, block.error)
        return
    shown = present(block, style_name)
    refs = marks(cite(shown.cited))
    if shown.method and add_method is not None:
        refs += " " + method_label(add_method(block.title or block.text, shown.method))
    superscript = Look(vertical="superscript")
    if block.kind == "figure":
        paragraph = where.paragraph()
        add_text(paragraph, block.text)
        add_text(paragraph, refs, superscript)
        set_direction(paragraph)
        return
    if block.title:
        caption = where.paragraph("Caption")
        add_text(caption, block.title)
        add_text(caption, refs, superscript)
        caption.paragraph_format.keep_with_next = True
        set_direction(caption)
    note = shown.note
    if block.chart is not None:
        picture = where.paragraph()
        picture.paragraph_format.keep_with_next = bool(note or block.tables())
        drawing = chart_drawing(block.chart, width)
        shape = add_run(picture, "").add_picture(io.BytesIO(rasterise(drawing)),
                                                 width=Pt(drawing.width), height=Pt(drawing.height))
        described(shape, block.chart.title)
    tables = block.tables()
    for number, part in enumerate(tables):
        if part.title:  # one of several tables: named, so no row is read against another's
            named = where.paragraph("Caption")
            add_text(named, part.title, Look(italic=True))
            named.paragraph_format.keep_with_next = True
            set_direction(named)
        columns = [str(c) for c in part.columns]
        rows = [[_cut(str(v)) for v in row] for row in part.rows]
        table = figure_table(where, columns, rows, list(part.numeric), width,
                             [columns, *rows], write_plain)
        if note and number == len(tables) - 1:  # the note never starts a page alone
            for paragraph in table[-1].iter(qn("w:p")):
                Paragraph(paragraph, where.owner).paragraph_format.keep_with_next = True
    if note:
        paragraph = where.paragraph("Source Note")
        add_text(paragraph, note)


def _cut(text: str) -> str:
    return text[:MAX_CELL] + "…" if len(text) > MAX_CELL else text


def write_plain(paragraph: Paragraph, value: str, look: Look) -> None:
    add_text(paragraph, value, look)


def figure_table(where: Where, head: Sequence[T], body: Sequence[Sequence[T]],
                 numeric: list[bool], width: float, plain: list[list[str]],
                 write: Callable[[Paragraph, T, Look], None],
                 align: Sequence[str | None] | None = None, *,
                 widths: list[float] | None = None, figures: bool = True) -> _Element:
    """A table whose header row repeats on every page and whose figures align right.

    Widths and size are the PDF's (``table_layout.layout`` over the visible ``plain`` texts)
    unless ``widths`` are given; ``write`` puts one cell's value into its paragraph. The header
    is shaded, even rows striped and a rule closes the table, as in the PDF. ``figures=False``
    sets a plain grid instead (the memo's header lines), closed by a rule in the accent colour.
    """
    count = len(head)
    numeric = (list(numeric) + [False] * count)[:count]
    align = [a or ("RIGHT" if n else "LEFT")
             for a, n in zip(list(align or []) + [None] * count, numeric, strict=False)]
    size = 8.5
    if widths is None:
        try:
            shape = layout(plain, numeric, width)
            widths, size = shape.widths, shape.size
        except Exception:  # measuring is a nicety: an even split still shows every value
            widths = [width / max(count, 1)] * count
    table = OxmlElement("w:tbl")
    properties = OxmlElement("w:tblPr")
    table.append(properties)
    put(properties, element("w:tblW", w=str(round(sum(widths) * TWIPS)), type="dxa"),
        TBLPR_ORDER)
    if where.indent:
        put(properties, element("w:tblInd", w=str(round(where.indent * TWIPS)), type="dxa"),
            TBLPR_ORDER)
    closing = (0.8, hex_of(RULE)) if figures else (1.2, hex_of(ACCENT))
    borders(properties, "w:tblBorders", {"bottom": closing}, TBLPR_ORDER)
    put(properties, element("w:tblLayout", type="fixed"), TBLPR_ORDER)
    grid = OxmlElement("w:tblGrid")
    for column in widths:
        grid.append(element("w:gridCol", w=str(round(column * TWIPS))))
    table.append(grid)
    where.element.append(table)
    for number, row in enumerate([head, *body]):
        cells = (list(row) + [None] * count)[:count]
        tr = OxmlElement("w:tr")
        table.append(tr)
        if figures:
            row_properties = OxmlElement("w:trPr")
            row_properties.append(OxmlElement("w:cantSplit"))  # a figure's row never splits
            if number == 0:
                row_properties.append(OxmlElement("w:tblHeader"))  # repeats on every page
            tr.append(row_properties)
        fill = hex_of(HEADER_FILL) if number == 0 else hex_of(ZEBRA) if number % 2 == 0 else ""
        for index, value in enumerate(cells):
            cell = _cell(tr, widths[index], fill if figures else "", figures and number == 0)
            paragraph = _cell_paragraph(cell, where, align[index])
            if value is not None:
                write(paragraph, value, Look(bold=number == 0, size=size))
            set_direction(paragraph)
    return table


def _cell_paragraph(cell: _Element, where: Where, align: str | None) -> Paragraph:
    """A cell's paragraph in the "Table Cell" style, aligned: its properties written at once
    (a table of a few hundred cells set them one by one through python-docx in ~50 ms)."""
    p = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    properties.append(element("w:pStyle", val=where.styles["Table Cell"]))
    properties.append(element("w:jc", val=JC.get(align or "", "left")))
    p.append(properties)
    cell.append(p)
    return Paragraph(p, where.owner)


def _cell(row: _Element, width: float, fill: str, ruled: bool) -> _Element:
    """A ``w:tc`` of the given width, shaded with ``fill``, ``ruled`` below (the header)."""
    cell = OxmlElement("w:tc")
    row.append(cell)
    properties = OxmlElement("w:tcPr")
    cell.append(properties)
    put(properties, element("w:tcW", w=str(round(width * TWIPS)), type="dxa"), TCPR_ORDER)
    if ruled:
        borders(properties, "w:tcBorders", {"bottom": (0.8, hex_of(RULE))}, TCPR_ORDER)
    if fill:
        shade(properties, fill, TCPR_ORDER)
    return cell


def separate_tables(body: _Element, owner: Any) -> None:
    """An empty paragraph after a table that another table (or the end) follows: Word would
    join two tables in a row into one, and wants a paragraph after the last."""
    for table in body.iterchildren(qn("w:tbl")):
        after = table.getnext()
        if after is None or after.tag in (qn("w:tbl"), qn("w:sectPr")):
            spacer = OxmlElement("w:p")
            table.addnext(spacer)
            Paragraph(spacer, owner).paragraph_format.space_after = Pt(0)


def _row(where: Where, table: _Element, cells: list, number: int, widths: list[float],
         align: list[str], size: float, rule: str,
         write: Callable[[Paragraph, Any, Look], None]) -> None:
    tr = OxmlElement("w:tr")
    row_properties = OxmlElement("w:trPr")
    row_properties.append(OxmlElement("w:cantSplit"))  # a figure's row never splits
    if number == 0:
        row_properties.append(OxmlElement("w:tblHeader"))  # repeats on every page
    tr.append(row_properties)
    table.append(tr)
    look = Look(bold=number == 0, size=size)
    for index, value in enumerate(cells):
        tc = OxmlElement("w:tc")
        tr.append(tc)
        cell_properties = OxmlElement("w:tcPr")
        tc.append(cell_properties)
        put(cell_properties, element("w:tcW", w=str(round(widths[index] * TWIPS)), type="dxa"),
            TCPR_ORDER)
        if number == 0:
            shade(cell_properties, hex_of(HEADER_FILL), TCPR_ORDER)
            borders(cell_properties, "w:tcBorders", {"bottom": (0.8, rule)}, TCPR_ORDER)
        elif number % 2 == 0:
            shade(cell_properties, hex_of(ZEBRA), TCPR_ORDER)
        cell = Where(tc, where.owner, where.styles)
        paragraph = cell.paragraph("Table Cell")
        paragraph.alignment = ALIGN.get(align[index], WD_ALIGN_PARAGRAPH.LEFT)
        if value is not None:
            write(paragraph, value, look)
        set_direction(paragraph)


def described(shape: Any, text: str) -> None:
    """Alt text for a picture, which screen readers speak and Word shows on hover."""
    shape._inline.docPr.set("descr", clean(text))


def picture(where: Where, source: str, base_dir: Path | None, width: float,
            alt: str = "") -> str:
    """Add a local picture as the PDF would (no wider than ``width``, at most 400 pt tall);
    returns the PDF's message for one that cannot be included, or ""."""
    if re.match(r"^[a-z]+://", source, re.I):
        return f"image {source!r} is not a local file; memos export offline"
    path = Path(source)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if not path.is_file():
        return f"image file not found: {source}"
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return f"image {source} is larger than 20 MB"
    try:
        blob = path.read_bytes()
        with Image.open(io.BytesIO(blob)) as image:
            image.load()  # decode now: a damaged file fails here, not in Word
            pixels = image.size
        WordImage.from_blob(blob)  # and python-docx must know the format
        scale = min(1.0, width / pixels[0], 400 / pixels[1])
    except Exception:  # a fixed message: the output must not depend on memory addresses
        return f"image {source} could not be read as a PNG, JPEG or GIF picture"
    shape = add_run(where.paragraph(), "").add_picture(
        io.BytesIO(blob), width=Pt(pixels[0] * scale), height=Pt(pixels[1] * scale))
    described(shape, alt or source)
    return ""
