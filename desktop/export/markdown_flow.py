"""Markdown body to flowables: Python-Markdown parses, one table of handlers maps elements.

Fenced blocks are taken out before Python-Markdown sees them (so a data block reaches the
resolver as written and a code block keeps its spaces); which fences are data blocks is decided
by ``desktop.domain.fences``, as for the editor's preview. What comes back is walked element by
element. Every handler returns flowables and never raises on content: anything it cannot lay out
becomes an error box that says why.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
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

from desktop.domain.errors import UserError
from desktop.domain.fences import Fence, find_fences
from desktop.domain.models import Source
from desktop.domain.resolved import NO_REFERENCE_DATA, ResolvedBlock
from desktop.export.bidi import first_strong_is_rtl
from desktop.export.data_blocks import error_box, figure_table, render_block
from desktop.export.fonts import MONO, markup
from desktop.export.inline import InlineContext, inline, plain
from desktop.export.keeping import ContinuedTable, KeepRoom, keep_leads
from desktop.export.long_flow import LongParagraph
from desktop.export.pages import NARROW, WIDE, PageTurn
from desktop.export.row_run import row_run_or_table
from desktop.export.rtl_flow import RightToLeft
from desktop.export.sources import mark_target, numbered_style
from desktop.export.styles import MUTED, RULE, style, table_style
from desktop.export.table_layout import layout, numeric_columns

PLACEHOLDER = "\x01FENCE{}\x01"
PLACEHOLDER_RE = re.compile("^\x01FENCE(\\d+)\x01$")
MAX_IMAGE_BYTES = 20_000_000

Resolver = Callable[[str], ResolvedBlock]


class _FencePreprocessor(Preprocessor):
    """Replace fenced blocks by placeholder paragraphs, keeping their text aside."""

    def __init__(self, md, fences: list[Fence]):
        super().__init__(md)
        self.fences = fences

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        out: list[str] = []
        last = 0
        for fence in find_fences(text):
            out += text[last:fence.start].split("\n")[:-1]  # the lines before the fence
            self.fences.append(fence)
            out += ["", PLACEHOLDER.format(len(self.fences) - 1), ""]
            last = fence.end + 1  # past the closing line's newline
        if last <= len(text):
            out += text[last:].split("\n")
        return out


class _Capture(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        self.md.captured_root = root


@dataclass
class FlowContext:
    """The state one memo's conversion shares: width, resolver, citations, outline."""

    width: float
    resolver: Resolver | None
    base_dir: Path | None
    cite: Callable[[list[Source]], str]
    fences: list[Fence] = field(default_factory=list)
    inline: InlineContext | None = None
    footnotes: dict[str, int] = field(default_factory=dict)
    endnotes: list[Flowable] = field(default_factory=list)
    blocks: list[ResolvedBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # said on stderr and in the status bar
    style: str = "full"  # the memo's: "compact" sends method notes to the end
    wide_width: float | None = None  # a landscape page's, for a table too wide for ``width``
    methods: list[tuple[str, str]] = field(default_factory=list)  # (block title, method note)

    def add_method(self, title: str, text: str) -> int:
        """Keep a block's method note for the Method section; its number."""
        self.methods.append((title, text))
        return len(self.methods)


#: Seven or more "#" open no heading in Markdown; Python-Markdown would still make one of them.
TOO_DEEP_HEADING = re.compile(r"^( {0,3})(#{7,})", re.M)
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,100})\](?!:)")
FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]{1,100})\]:", re.M)
MAX_NESTING = 100  # quotes or lists nested deeper are refused: no reader follows them


class NestingTooDeep(UserError, ValueError):
    """A memo whose quotes or lists nest deeper than anyone can read; nothing is written."""


def parse(body: str, ctx: FlowContext) -> ET.Element:
    _check_nesting(body)
    body = TOO_DEEP_HEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), body)
    md = markdown.Markdown(extensions=["tables", "footnotes", "sane_lists"])
    md.preprocessors.register(_FencePreprocessor(md, ctx.fences), "brief_fences", 40)
    md.treeprocessors.register(_Capture(md), "capture", 0)
    try:
        md.convert(body)
    except RecursionError:
        raise NestingTooDeep("the memo nests quotes or lists too deeply to lay out; at most "
                             f"{MAX_NESTING} levels") from None
    ctx.inline = InlineContext(list(md.htmlStash.rawHtmlBlocks),
                               lambda key: ctx.footnotes.get(key))
    root = getattr(md, "captured_root", None)  # not set when the body is blank
    if root is None:
        return ET.Element("div")
    _number_footnotes(root, body, ctx)
    return root


def _check_nesting(body: str) -> None:
    """Refuse, with one line, a memo nested past ``MAX_NESTING`` (a quote of 200 quotes, a list
    400 levels deep): Python-Markdown would overflow the stack on it."""
    for number, line in enumerate(body.split("\n"), start=1):
        quotes = re.match(r"[> ]*", line).group(0).count(">")
        depth = max(quotes, (len(line) - len(line.lstrip(" "))) // 2 if line.lstrip()[:2] in
                    ("- ", "* ", "+ ") or re.match(r"\s*\d+[.)] ", line) else 0)
        if depth > MAX_NESTING:
            raise NestingTooDeep(f"line {number} nests quotes or lists {depth} levels deep; "
                                 f"at most {MAX_NESTING} can be laid out")


def _number_footnotes(root: ET.Element, body: str, ctx: FlowContext) -> None:
    """Notes are numbered in the order they are first cited; a note never cited is not printed
    and a citation of a note never written is reported (it prints as typed)."""
    for anchor in root.iter("a"):
        if "footnote-ref" in (anchor.get("class") or ""):
            key = (anchor.get("href") or "").lstrip("#")
            ctx.footnotes.setdefault(key, len(ctx.footnotes) + 1)
    defined = set(FOOTNOTE_DEF.findall(body))
    missing = sorted({ref for ref in FOOTNOTE_REF.findall(body) if ref not in defined})
    if missing:
        ctx.warnings.append("footnote " + ", ".join(f"[^{m}]" for m in missing[:10])
                            + " is cited but never written; it prints as typed")


def to_flowables(body: str, ctx: FlowContext) -> list[Flowable]:
    root = parse(body, ctx)
    flowables = blocks_of(root, ctx)
    headings = [f for f in flowables if getattr(f, "outline", None)]
    if headings:  # bookmarks count from the memo's shallowest heading ("##" may be the top)
        top = min(h.outline[0] for h in headings)
        for heading in headings:
            heading.outline = (heading.outline[0] - top + 1, heading.outline[1])
    return keep_leads(flowables)


MAX_DEPTH = 6  # lists and quotes nested deeper are set flat (each level takes width)


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


def flat_items(element: ET.Element) -> Iterator[ET.Element]:
    """Each paragraph or list item nested in ``element``, as a paragraph of its own text (not
    the lists nested in it): deeply nested content is printed flat, with nothing dropped."""
    for item in element.iter():
        if item.tag not in ("p", "li"):
            continue
        own = ET.Element("p")
        own.text = item.text
        own.extend(c for c in item if c.tag not in BLOCK_TAGS)
        if "".join(own.itertext()).strip():
            yield own


def _flat(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    """Deeply nested content as plain paragraphs, without further indentation."""
    return [LongParagraph(inline(own, ctx.inline), style("body")) for own in flat_items(element)]


def _heading(element: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    depth = min(int(element.tag[1]), 4)
    words = plain(element, ctx.inline)
    look = style(f"h{depth}")
    if first_strong_is_rtl(words):
        look = ParagraphStyle(f"h{depth}-rtl", parent=look, alignment=TA_RIGHT)
    paragraph = Paragraph(inline(element, ctx.inline, bold=True), look)
    paragraph.outline = (depth, words)
    return [paragraph]


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
        return [RightToLeft(words, style("body"))]
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


BULLETS = ["•", "–", "◦"]  # by nesting level, as word processors do


def _item_content(item: ET.Element, ctx: FlowContext, level: int) -> list[Flowable]:
    blocks = [c for c in item if c.tag in BLOCK_TAGS]
    if not blocks:
        return [LongParagraph(inline(item, ctx.inline), style("body"))]
    lead = ET.Element("p")
    lead.text = item.text
    for child in item:
        if child.tag in BLOCK_TAGS:
            break
        lead.append(child)
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


BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "pre", "table", "h1", "h2", "h3", "h4", "h5", "h6",
              "hr", "div"}
HANDLERS: dict[str, Callable[[ET.Element, FlowContext, int], list[Flowable]]] = {
    "h1": _heading, "h2": _heading, "h3": _heading, "h4": _heading, "h5": _heading,
    "h6": _heading, "p": _paragraph, "ul": _list, "ol": _list, "blockquote": _quote,
    "pre": _pre, "table": _table, "hr": _rule, "img": _image,
}
