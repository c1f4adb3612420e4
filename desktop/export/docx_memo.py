"""Memo (front matter + Markdown with data blocks) to a Word document: the twin of ``memo_pdf``.

``memo_to_docx`` is pure like ``memo_to_pdf``: text in, bytes out, no Qt and no database. The
body is parsed by the PDF's own parser (``markdown_flow.parse``: the same fences, the same
footnote numbers, the same refusals of nesting too deep); blocks are resolved by the same
``resolver`` and cited through the same ``SourceList``, so a memo says the same things with the
same source numbers in both formats. What Word does better than a fixed layout is used:
headings in Word's own Heading styles (the navigation pane, a real table of contents),
page-number fields, text stored as text so Word shapes every script. With ``invariant=True``
the same memo gives the same bytes (fixed dates in the properties and in the zip), for tests.
"""

from __future__ import annotations

import datetime
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from desktop.domain.fences import Fence
from desktop.domain.memo import Memo, parse_memo
from desktop.domain.resolved import NO_REFERENCE_DATA
from desktop.export.docx_blocks import (
    LIST_STEP,
    QUOTE_STEP,
    Where,
    add_block,
    error_box,
    figure_table,
    picture,
    separate_tables,
)
from desktop.export.docx_matter import (
    method_notes,
    notes,
    put_setting,
    source_list,
    table_of_contents,
    title_block,
)
from desktop.export.docx_pages import WIDE_WIDTH, WIDTH, PageTurns, page_setup
from desktop.export.docx_styles import Lists, furniture, set_styles
from desktop.export.docx_text import (
    Look,
    add_text,
    borders,
    clean,
    element,
    hex_of,
    inline,
    set_direction,
)
from desktop.export.inline import InlineContext, plain
from desktop.export.markdown_flow import _alignment  # a column's ":--:", read as the PDF does
from desktop.export.memo_pdf import CREATOR, FRAME_PADDING
from desktop.export.memo_reading import (
    BLOCK_TAGS,
    BULLETS,
    MAX_DEPTH,
    PLACEHOLDER_RE,
    FlowContext,
    NestingTooDeep,
    Resolver,
    flat_items,
    item_lead,
    parse,
)
from desktop.export.sources import SourceList
from desktop.export.styles import RULE
from desktop.export.table_layout import layout, numeric_columns

#: the width the PDF lays blocks out in (its frame less the frame's padding): charts and
#: table columns are computed for it, so they come out the same
FIXED_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)  # invariant output's dates
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MAX_PROPERTY = 255  # Word (and python-docx) refuse longer core properties
UNCLOSED = ("a ``` fence is opened here but never closed, so the rest of the memo was taken as "
            "its content; close it with a ``` line")  # the PDF's words (markdown_flow._fence)
APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<Properties xmlns="
           '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           f"<Application>{CREATOR}</Application><DocSecurity>0</DocSecurity></Properties>")


def memo_to_docx(text: str, resolver: Resolver | None = None, *, base_dir: Path | None = None,
                 invariant: bool = False, warnings: list[str] | None = None) -> bytes:
    """A memo as a .docx; raises ``MemoSyntaxError`` for unreadable front matter and
    ``NestingTooDeep`` (a ``UserError``) for lists or quotes nested past reading, as the PDF
    export does."""
    return render_docx(parse_memo(text), resolver, base_dir=base_dir, invariant=invariant,
                       warnings=warnings)


def render_docx(memo: Memo, resolver: Resolver | None = None, *, base_dir: Path | None = None,
                invariant: bool = False, warnings: list[str] | None = None) -> bytes:
    """Lay out ``memo`` as a Word document. What the export should tell its user without
    refusing (no marking, a footnote never written) is appended to ``warnings``."""
    doc = Document()
    page_setup(doc)
    set_styles(doc, memo.language)
    sources = SourceList()
    flow = FlowContext(width=WIDTH, resolver=resolver, base_dir=base_dir, cite=sources.cite,
                       style=memo.style)
    root = parse(memo.body, flow)  # raises NestingTooDeep itself
    body = doc.element.body
    section = body.sectPr
    body.remove(section)  # appended last again below; meanwhile every append is O(1)
    where = Where(body, doc, {s.name: s.style_id for s in doc.styles})
    title_block(where, memo)
    after_title = body[-1]
    build = Build(flow, Lists(doc.part.numbering_part.element, BULLETS), heading_top(root),
                  PageTurns(section))
    try:
        blocks_of(root, where, build)
    except RecursionError:
        raise NestingTooDeep("the memo nests elements too deeply to lay out") from None
    method_notes(where, flow.methods, build.headings)
    notes(where, build.notes, flow.footnotes, flow.inline, build.headings)
    source_list(where, sources, build.headings)
    if memo.wants_toc and build.headings:
        table_of_contents(where, build.headings, after_title)
        put_setting(doc, element("w:updateFields", val="true"))  # Word fills in page numbers
    build.turns.finish(body)
    body.append(section)
    separate_tables(body, doc)
    furniture(doc, memo)
    properties(doc, memo, invariant)
    if warnings is not None:  # as the PDF's render reports them (where this version has them)
        warnings.extend([*getattr(memo, "warnings", list)(), *getattr(flow, "warnings", [])])
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue())


@dataclass
class Build:
    """What one memo's conversion shares: the parse state, the citations, the lists."""

    flow: FlowContext
    lists: Lists
    top: int  # the memo's shallowest heading level: it becomes Heading 1, as in the outline
    turns: PageTurns  # landscape pages for wide tables
    headings: list[tuple[int, str]] = field(default_factory=list)
    notes: ET.Element | None = None

    @property
    def ctx(self) -> InlineContext:
        return self.flow.inline


def heading_top(root: ET.Element) -> int:
    return min((int(e.tag[1]) for e in root.iter() if e.tag in HEADINGS), default=1)


def blocks_of(parent: ET.Element, where: Where, build: Build, level: int = 0) -> None:
    """Each child element through its handler; one that fails becomes an error box."""
    for child in parent:
        handler = HANDLERS.get(child.tag, _container)
        if level >= MAX_DEPTH and child.tag in ("ul", "ol", "blockquote"):
            handler = _flat
        try:
            handler(child, where, build, level)
        except Exception as exc:  # one element must not lose the memo
            error_box(where, f"{child.tag} element: {exc}")


def _prose(where: Where, element_: ET.Element, build: Build, style: str | None = None) -> None:
    paragraph = where.paragraph(style)
    inline(paragraph, element_, build.ctx)
    set_direction(paragraph)


def _heading(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    depth = max(1, min(int(element_.tag[1]) - build.top + 1, 6))
    _prose(where, element_, build, f"Heading {depth}")
    build.headings.append((depth, clean(plain(element_, build.ctx))))


def _paragraph(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    text = (element_.text or "").strip()
    fence = PLACEHOLDER_RE.match(text) if len(element_) == 0 else None
    if fence:
        _fence(build.flow.fences[int(fence.group(1))], where, build)
        return
    stash = build.ctx.restore(text) if len(element_) == 0 else None
    if stash is not None and stash != text:  # a raw HTML block: printed as typed
        add_text(where.paragraph(), stash)
        return
    if len(element_) == 1 and element_[0].tag == "img" and not text and \
            not (element_[0].tail or "").strip():
        _image(element_[0], where, build, level)
        return
    _prose(where, element_, build)


def _fence(fence: Fence, where: Where, build: Build) -> None:
    if not fence.closed:
        error_box(where, UNCLOSED)
        _code(fence.body, where)
    elif not fence.is_block:
        _code(fence.body, where)
    elif build.flow.resolver is None:
        error_box(where, NO_REFERENCE_DATA)
    else:
        block = build.flow.resolver(fence.body)
        build.flow.blocks.append(block)
        add_block(where, block, build.flow.cite, WIDTH - where.indent, build.flow.style,
                  build.flow.add_method)


def _code(text: str, where: Where) -> None:
    """One paragraph per line, spaces kept: the style's shading makes them one box."""
    paragraph = None
    for line in text.split("\n"):
        paragraph = where.paragraph("Code")
        add_text(paragraph, line.expandtabs(4), keep_spaces=True)
    if paragraph is not None:
        paragraph.paragraph_format.space_after = Pt(6)


def _pre(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    _code(build.ctx.restore("".join(element_.itertext())).rstrip("\n"), where)


def _list(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    items = element_.findall("li")
    if not items:
        return
    start = element_.get("start") or "1"
    depth = min(where.lists, 8)
    number = build.lists.new(element_.tag == "ol", depth, int(start) if start.isdigit() else 1)
    for item in items:
        inner = where.inside(indent=LIST_STEP, lists=1, number=(number, depth))
        blocks = [c for c in item if c.tag in BLOCK_TAGS]
        if not blocks:
            _prose(inner, item, build)
            continue
        lead = item_lead(item)
        if (lead.text or "").strip() or len(lead):
            _prose(inner, lead, build)
        elif blocks[0].tag != "p":
            inner.paragraph()  # the item's number, before what the item holds
        holder = ET.Element("div")
        holder.extend(blocks)
        blocks_of(holder, inner, build, level + 1)


def _flat(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    """Deeply nested content as plain paragraphs, without further indentation."""
    for own in flat_items(element_):
        _prose(where, own, build)


def _quote(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    inner = where.inside(indent=QUOTE_STEP, quote=1)
    if len(element_) == 0:
        inner.paragraph()
    blocks_of(element_, inner, build, level + 1)  # deeper quotes stop indenting, as lists do


def _table(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    rows = [r for part in element_ for r in (part if part.tag in ("thead", "tbody") else [part])
            if r.tag == "tr"]
    cells = [row for row in ([c for c in r if c.tag in ("th", "td")] for r in rows) if row]
    if not cells:
        return
    columns = max(len(r) for r in cells)
    cells = [row + [ET.Element("td")] * (columns - len(row)) for row in cells]
    texts = [[plain(c, build.ctx) for c in row] for row in cells]
    numeric = numeric_columns(texts)

    def write(paragraph: Paragraph, cell: ET.Element, look: Look) -> None:
        inline(paragraph, cell, build.ctx, look)

    # as in the PDF: a table too wide to read upright gets landscape pages (at the top level;
    # inside a list or quote it is set smaller)
    wide = not where.indent and layout(texts, numeric, WIDTH).cramped
    if wide:
        build.turns.to_landscape(where)
    figure_table(where, cells[0], cells[1:], numeric,
                 WIDE_WIDTH - 2 * FRAME_PADDING if wide else WIDTH - where.indent, texts, write,
                 align=[_alignment(cells[0][i]) for i in range(columns)])
    if wide:
        build.turns.to_upright(where)


def _image(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    source = build.ctx.restore(element_.get("src") or "")
    message = picture(where, source, build.flow.base_dir, WIDTH - where.indent,
                      element_.get("alt") or "")
    if message:
        error_box(where, message)
    elif element_.get("alt"):
        add_text(where.paragraph("Source Note"), element_.get("alt"))


def _rule(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    borders(where.paragraph()._p.get_or_add_pPr(), "w:pBdr", {"bottom": (0.6, hex_of(RULE))})


def _container(element_: ET.Element, where: Where, build: Build, level: int) -> None:
    if element_.tag == "div" and "footnote" in (element_.get("class") or ""):
        build.notes = element_
    elif len(element_) == 0 and (element_.text or "").strip():
        _prose(where, element_, build)
    else:
        blocks_of(element_, where, build, level)


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
HANDLERS: dict[str, Callable[[ET.Element, Where, Build, int], None]] = {
    **dict.fromkeys(HEADINGS, _heading), "p": _paragraph, "ul": _list, "ol": _list,
    "blockquote": _quote, "pre": _pre, "table": _table, "hr": _rule, "img": _image,
}


def properties(doc, memo: Memo, invariant: bool) -> None:
    """Title, subject, author, keywords and language as the PDF's metadata gives them."""
    core = doc.core_properties
    core.title = clean(memo.title)[:MAX_PROPERTY]
    core.subject = clean(memo.get("summary") or memo.title)[:MAX_PROPERTY]
    core.author = clean(memo.get("author") or memo.get("from"))[:MAX_PROPERTY]
    core.keywords = clean(", ".join(memo.keywords))[:MAX_PROPERTY]
    core.content_status = clean(" ".join(memo.get("marking").upper().split()))[:MAX_PROPERTY]
    core.language = memo.language
    core.last_modified_by = CREATOR
    core.revision = 1
    when = FIXED_TIME if invariant else datetime.datetime.now(datetime.UTC).replace(
        microsecond=0)
    core.created = core.modified = when
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # the template's, not this memo's
            del package.rels[rid]
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml" and hasattr(part, "_blob"):
            part._blob = APP_XML.encode("utf-8")


def fixed_zip(data: bytes) -> bytes:
    """The package again with every member dated 1980-01-01: python-docx stamps the time of
    saving, so two exports of one memo would differ."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info.filename))
    return out.getvalue()

