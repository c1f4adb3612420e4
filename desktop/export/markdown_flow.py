"""Markdown body to flowables: the memo is read into an element tree (``memo_reading``, shared
with the Word export) and one table of handlers maps its elements to reportlab flowables. Every
handler returns flowables and never raises on content: anything it cannot lay out becomes an
error box that says why.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    ListFlowable,
    ListItem,
    LongTable,
    Paragraph,
    Spacer,
    Table,
)

from desktop.domain.fences import Fence
from desktop.domain.resolved import NO_REFERENCE_DATA
from desktop.export.bidi import first_strong_is_rtl
from desktop.export.data_blocks import error_box, figure_table, render_block
from desktop.export.fonts import MONO, markup
from desktop.export.inline import Piece, inline, pieces, plain
from desktop.export.keeping import ContinuedTable, KeepRoom, keep_leads
from desktop.export.long_flow import LongParagraph
from desktop.export.memo_reading import (
    BLOCK_TAGS,
    BULLETS,
    MAX_DEPTH,
    PLACEHOLDER_RE,
    FlowContext,
    flat_items,
    item_lead,
    parse,
)
from desktop.export.pages import NARROW, WIDE, PageTurn
from desktop.export.row_run import row_run_or_table
from desktop.export.rtl_flow import RightToLeft
from desktop.export.sources import mark_target, numbered_style
from desktop.export.styles import MUTED, RULE, style, table_style
from desktop.export.table_layout import layout, numeric_columns

MAX_IMAGE_BYTES = 20_000_000

def to_flowables(body: str, ctx: FlowContext) -> list[Flowable]:
    root = parse(body, ctx)
    flowables = blocks_of(root, ctx)
    headings = [f for f in flowables if getattr(f, "outline", None)]
    if headings:  # bookmarks count from the memo's shallowest heading ("##" may be the top)
        top = min(h.outline[0] for h in headings)
        for heading in headings:
            heading.outline = (heading.outline[0] - top + 1, heading.outline[1])
    return keep_leads(flowables)


def blocks_of(parent: ET.Element, ctx: FlowContext, level: int = 0) -> list[Flowable]:
    out: list[Flowable] = []
    for child in parent:
        handler = HANDLERS.get(child.tag, _container)
        if level >= MAX_DEPTH and child.tag in ("ul", "ol", "blockquote"):
            handler = _flat
        try:
            out.extend(handler(child, ctx, level))
        except Exception as exc:  # layout of one element must not lose the memo
            out.append(error_box(f"{child.tag} element: {exc}", ctx.width))
    return out


def _flat(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    """Deeply nested content as plain paragraphs, without further indentation."""
    return [LongParagraph(inline(own, ctx.inline), style("body")) for own in flat_items(element)]


def _heading(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    depth = min(int(element.tag[1]), 4)
    words = plain(element, ctx.inline)
    look = style(f"h{depth}")
    if first_strong_is_rtl(words):  # right-aligned, lines in reading order, formatting kept
        heading: Flowable = RightToLeft(pieces(element, ctx.inline, Piece("", bold=True)), look)
    else:
        heading = Paragraph(inline(element, ctx.inline, bold=True), look)
    heading.outline = (depth, words)
    return [heading]


def _paragraph(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    text = (element.text or "").strip()
    fence = PLACEHOLDER_RE.match(text) if len(element) == 0 else None
    if fence:
        return _fence(ctx.fences[int(fence.group(1))], ctx)
    stash = ctx.inline.restore(text) if len(element) == 0 else None
    if stash is not None and stash != text:  # a raw HTML block: printed as typed
        return [LongParagraph(markup(stash), style("body"))]
    if len(element) == 1 and element[0].tag == "img" and not text and \
            not (element[0].tail or "").strip():
        return _image(element[0], ctx, level)
    words = plain(element, ctx.inline)
    if first_strong_is_rtl(words):  # Arabic or Hebrew: right-aligned, lines in reading order
        return [RightToLeft(pieces(element, ctx.inline), style("body"))]
    return [LongParagraph(inline(element, ctx.inline), style("body"))]


def _fence(fence: Fence, ctx: FlowContext) -> list[Flowable]:
    if not fence.closed:
        notice = error_box("a ``` fence is opened here but never closed, so the rest of the memo "
                           "was taken as its content; close it with a ``` line", ctx.width)
        return [notice, _code(fence.body, ctx)]
    if fence.is_block:
        if ctx.resolver is None:
            return [error_box(NO_REFERENCE_DATA, ctx.width)]
        block = ctx.resolver(fence.body)
        ctx.blocks.append(block)
        return render_block(block, ctx.width, ctx.cite, ctx.style, ctx.add_method)
    return [_code(fence.body, ctx)]


NBSP = "\u00a0"
CODE_LINES_PER_ROW = 20  # a code block is rows of lines, so it can break across pages


def _code(text: str, ctx: FlowContext) -> Flowable:
    # every space is a no-break space: Paragraph collapses runs of ordinary spaces, and code
    # indents and aligns with them (a line longer than the box still wraps, at its edge)
    lines = [markup(line.expandtabs(4).replace(" ", NBSP), MONO) or NBSP
             for line in text.split("\n")]
    rows = [[Paragraph("<br/>".join(lines[i:i + CODE_LINES_PER_ROW]), style("code"))]
            for i in range(0, len(lines), CODE_LINES_PER_ROW)]

    def make(start: int, stop: int) -> Table:
        """Rows [start, stop) of the box; only the box's own first and last rows are padded."""
        # splits between rows of lines; a long one (in windows) measures only what may fit
        kind = Table if stop - start == len(rows) else LongTable
        box = kind(rows[start:stop], colWidths=[ctx.width])
        box.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), "#f3f5f7"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 6),
                                  ("TOPPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                                  *([("TOPPADDING", (0, 0), (-1, 0), 4)] if start == 0 else []),
                                  *([("BOTTOMPADDING", (0, -1), (-1, -1), 4)]
                                    if stop == len(rows) else [])]))
        return box

    box = row_run_or_table(make, len(rows), header=0)
    box.spaceAfter = 6
    return box


def _pre(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    return [_code(ctx.inline.restore("".join(element.itertext())).rstrip("\n"), ctx)]


def _list(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    items = []
    for item in element.findall("li"):
        content = _item_content(item, ctx, level + 1)
        items.append(ListItem(content or [Paragraph("", style("body"))],
                              leftIndent=18 if element.tag == "ol" else 14))
    if not items:
        return []
    body = style("body")
    # bullets and numbers at the text's own size sit on its baseline; numbers read "1."
    if element.tag == "ol":
        start = element.get("start") or "1"
        return [ListFlowable(items, bulletType="1", start=int(start) if start.isdigit() else 1,
                             bulletFormat="%s.", leftIndent=18, bulletFontName=body.fontName,
                             bulletFontSize=body.fontSize, spaceAfter=4)]
    return [ListFlowable(items, bulletType="bullet", start=BULLETS[level % len(BULLETS)],
                         leftIndent=14, bulletFontName=body.fontName,
                         bulletFontSize=body.fontSize, spaceAfter=4)]


def _item_content(item: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    blocks = [c for c in item if c.tag in BLOCK_TAGS]
    if not blocks:
        return [LongParagraph(inline(item, ctx.inline), style("body"))]
    lead = item_lead(item)
    out = [LongParagraph(inline(lead, ctx.inline), style("body"))] if \
        (lead.text or "").strip() or len(lead) else []
    holder = ET.Element("div")
    holder.extend(blocks)
    return out + blocks_of(holder, ctx, level)


def _quote(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    inner = blocks_of(element, ctx, level) or [Paragraph("", style("quote"))]
    inner = [Paragraph(f.text, style("quote")) if isinstance(f, Paragraph) and
             f.style.name == "body" else f for f in inner]
    # one row per element: a long quote breaks across pages between them
    box = Table([[f] for f in inner], colWidths=[ctx.width - 12])
    box.setStyle(table_style([("LINEBEFORE", (0, 0), (0, -1), 2.5, MUTED),
                              ("LEFTPADDING", (0, 0), (-1, -1), 10)]))
    box.spaceAfter = 6
    return [box]


def _alignment(cell: ET.Element) -> str | None:
    """The column's explicit alignment from its ``:--``, ``:-:`` or ``--:`` rule, if any."""
    given = f"{cell.get('align') or ''} {cell.get('style') or ''}".lower()
    for word, value in (("center", "CENTER"), ("right", "RIGHT"), ("left", "LEFT")):
        if word in given:
            return value
    return None


def _table(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    rows = [r for part in element for r in (part if part.tag in ("thead", "tbody") else [part])
            if r.tag == "tr"]
    cells = [[c for c in row if c.tag in ("th", "td")] for row in rows]
    cells = [row for row in cells if row]
    if not cells:
        return []
    columns = max(len(r) for r in cells)
    cells = [row + [ET.Element("td")] * (columns - len(row)) for row in cells]
    plain_rows = [[plain(c, ctx.inline) for c in row] for row in cells]
    numeric = numeric_columns(plain_rows)
    # an explicit ":--" or ":-:" wins; without one, columns of figures align right
    align = [_alignment(cells[0][i]) for i in range(columns)]
    # a table that would need a cramped size or broken header words upright gets a landscape
    # page of its own (the PDF; the Word export sets it smaller)
    wide = ctx.wide_width is not None and ctx.wide_width > ctx.width and \
        layout(plain_rows, numeric, ctx.width).cramped
    width = ctx.wide_width if wide else ctx.width
    table = figure_table([inline(c, ctx.inline) for c in cells[0]],
                         [[inline(c, ctx.inline) for c in row] for row in cells[1:]], numeric,
                         width, plain=plain_rows, is_markup=True, align=align)
    table.spaceAfter = 8
    continued = ContinuedTable(table, "")  # says "(continued)" over its rows on a new page
    continued.spaceAfter = 8
    # like a data block's table: a heading or lead-in before it keeps to its first rows only,
    # and the table splits across pages (keepWithNext alone would move it whole)
    if wide:  # the lead-ins before it go along to the landscape page (keep_leads)
        return [PageTurn(WIDE), KeepRoom([], table), continued, PageTurn(NARROW)]
    return [KeepRoom([], table), continued]


def _image(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    source = ctx.inline.restore(element.get("src") or "")
    if re.match(r"^[a-z]+://", source, re.I):
        return [error_box(f"image {source!r} is not a local file; memos export offline",
                          ctx.width)]
    path = Path(source)
    if not path.is_absolute() and ctx.base_dir is not None:
        path = ctx.base_dir / path
    if not path.is_file():
        return [error_box(f"image file not found: {source}", ctx.width)]
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return [error_box(f"image {source} is larger than 20 MB", ctx.width)]
    try:
        from reportlab.lib.utils import ImageReader

        ImageReader(str(path)).getRGBData()  # decode now: a damaged file fails here, not later
        image = Image(str(path))
        scale = min(1.0, ctx.width / image.imageWidth, 400 / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    except Exception:  # a fixed message: the output must not depend on memory addresses
        return [error_box(f"image {source} could not be read as a PNG, JPEG or GIF picture",
                          ctx.width)]
    caption = element.get("alt") or ""
    return [image] + ([Paragraph(markup(caption), style("source"))] if caption else [])


def _rule(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    return [Spacer(1, 4), HRFlowable(width="100%", thickness=0.6, color=RULE), Spacer(1, 6)]


def _container(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    if element.tag == "div" and "footnote" in (element.get("class") or ""):
        ctx.endnotes = _footnotes(element, ctx)
        return []
    if len(element) == 0 and (element.text or "").strip():
        return [LongParagraph(inline(element, ctx.inline), style("body"))]
    return blocks_of(element, ctx, level)


def _footnotes(element: ET.Element, ctx: FlowContext) -> list[Flowable]:
    cited = {item.get("id") or "": item for item in element.iter("li")}
    items = sorted((ctx.footnotes[key], item) for key, item in cited.items()
                   if key in ctx.footnotes)
    numbered = numbered_style(f"{len(items)}.")  # the same hanging indent for 1. and 12.
    notes = []
    for number, item in items:
        text = " ".join(inline(child, ctx.inline) for child in item if child.tag == "p") or \
            inline(item, ctx.inline)
        notes.append(LongParagraph(mark_target("note", number) + text, numbered,
                                   bulletText=f"{number}."))
    return notes


HANDLERS: dict[str, Callable[[ET.Element, FlowContext, int], list[Flowable]]] = {
    "h1": _heading, "h2": _heading, "h3": _heading, "h4": _heading, "h5": _heading,
    "h6": _heading, "p": _paragraph, "ul": _list, "ol": _list, "blockquote": _quote,
    "pre": _pre, "table": _table, "hr": _rule, "img": _image,
}
