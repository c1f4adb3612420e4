"""Memo (front matter + Markdown with data blocks) to PDF: the one function the CLI and app call.

``memo_to_pdf`` is pure: text in, bytes out, no Qt and no database. Data blocks are resolved by the
``resolver`` the caller passes (``desktop.blocks.resolve.BlockResolver`` over the reference DB); its
sources become the numbered "Sources" list at the end. With ``invariant=True`` the same memo gives
the same bytes (no timestamps, fixed document ids), which golden tests rely on.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from pathlib import Path

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.domain.errors import UserError
from desktop.domain.memo import Memo, parse_memo
from desktop.export.block_layout import method_label
from desktop.export.data_blocks import error_box
from desktop.export.fonts import italic, markup
from desktop.export.keeping import ContinuedTable
from desktop.export.long_flow import LongParagraph
from desktop.export.markdown_flow import to_flowables
from desktop.export.memo_reading import FlowContext, Resolver
from desktop.export.pages import CountingCanvas, Furniture, MemoDocument
from desktop.export.row_run import RowRun
from desktop.export.sources import SourceList, mark_target, numbered_style, source_list
from desktop.export.styles import ACCENT, ZEBRA, style, table_style

CREATOR = "Minerals Briefing Desk"
FRAME_PADDING = 6  # reportlab's default frame padding, on each side


def memo_to_pdf(text: str, resolver: Resolver | None = None, *, invariant: bool = False,
                base_dir: Path | None = None) -> bytes:
    """Lay out a memo; raises ``MemoSyntaxError`` only for unreadable front matter."""
    memo = parse_memo(text)
    return render(memo, resolver, invariant=invariant, base_dir=base_dir)


def render(memo: Memo, resolver: Resolver | None = None, *, invariant: bool = False,
           base_dir: Path | None = None, on_page: Callable[[int], None] | None = None,
           warnings: list[str] | None = None) -> bytes:
    """Lay out ``memo``. ``on_page`` hears of each finished page (a long export shows progress)
    and may raise to stop the export; the exception reaches the caller unchanged. What the
    export should tell its user without refusing (no marking, a footnote never written) is
    appended to ``warnings``."""
    buffer = io.BytesIO()
    furniture = Furniture(memo.title, memo.get("marking"))
    doc = MemoDocument(buffer, furniture, title=memo.title, author=memo.get("author") or
                       memo.get("from"), subject=memo.get("summary") or memo.title,
                       keywords=memo.keywords, creator=CREATOR, producer=CREATOR,
                       lang=memo.language,
                       invariant=1 if invariant else 0)
    doc.on_page = on_page
    sources = SourceList()
    width = doc.width - 2 * FRAME_PADDING  # the frame's own padding, on both sides
    ctx = FlowContext(width=width, resolver=resolver, base_dir=base_dir, cite=sources.cite,
                      style=memo.style, wide_width=doc.wide_width - 2 * FRAME_PADDING)
    body = to_flowables(memo.body, ctx)
    toc = memo.wants_toc and any(getattr(f, "outline", None) for f in body)
    story: list[Flowable] = title_block(memo, width)
    if toc:
        story += table_of_contents()
    story += body
    story += method_notes(ctx.methods)
    story += endnotes(ctx.endnotes)
    story += source_list(sources.entries, width)
    story = fit_to_page(story, width, doc.height - 2 * FRAME_PADDING)
    if warnings is not None:
        warnings.extend([*memo.warnings(), *ctx.warnings])
    canvasmaker = partial(CountingCanvas, furniture=furniture)
    try:
        if toc:
            doc.multiBuild(story, canvasmaker=canvasmaker)
        else:
            doc.build(story, canvasmaker=canvasmaker)
    except LayoutError as exc:
        raise ExportError(f"the memo could not be laid out: {exc}") from None
    return buffer.getvalue()


class ExportError(UserError, ValueError):
    """The memo was read but cannot be laid out; the message says why."""


def fit_to_page(story: list[Flowable], width: float, height: float) -> list[Flowable]:
    """Replace what can neither fit on a page nor be split across pages by a visible notice."""
    from reportlab.pdfgen.canvas import Canvas

    scratch = Canvas(io.BytesIO())  # some flowables measure themselves on a canvas
    out: list[Flowable] = []
    for flowable in story:
        if not isinstance(flowable, Table | KeepTogether | Drawing | Image | RowRun |
                          ContinuedTable):
            out.append(flowable)  # paragraphs, lists and breaks split or size themselves
            continue
        try:
            _w, needed = flowable.wrapOn(scratch, width, height)
            fits = needed <= height or bool(flowable.splitOn(scratch, width, height))
        except Exception:
            fits = True  # cannot tell here; the build reports it if it really does not fit
        out.append(flowable if fits else error_box(
            "this element is taller than a page and cannot be split, so it was left out",
            width))
    return out


def title_block(memo: Memo, width: float) -> list[Flowable]:
    rows = [(label, memo.get(key)) for label, key in
            (("TO", "to"), ("FROM", "from"), ("DATE", "date"), ("SUBJECT", "title"))]
    table = Table([[Paragraph(label, style("meta_label")), Paragraph(markup(value or "—"),
                                                                     style("meta_value"))]
                   for label, value in rows], colWidths=[24 * mm, width - 24 * mm])
    table.setStyle(table_style([("LINEBELOW", (0, -1), (-1, -1), 1.2, ACCENT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),  # label by 1st line
                               ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    out: list[Flowable] = [Paragraph(markup(memo.title), style("title")), table, Spacer(1, 8)]
    if memo.get("summary"):
        summary = Table([[Paragraph(f"<b>Summary.</b> {markup(memo.get('summary'))}",
                                    style("summary"))]], colWidths=[width])
        summary.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                                     ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 10)]))
        out += [summary, Spacer(1, 10)]
    return out


def table_of_contents() -> list[Flowable]:
    toc = TableOfContents(tableStyle=table_style([]), dotsMinLevel=0)  # leaders on every level
    toc.levelStyles = [style("toc")] + [
        type(style("toc"))(f"toc{n}", parent=style("toc"), leftIndent=14 * n) for n in (1, 2, 3)]
    return [Paragraph("Contents", style("toc_title")), toc, PageBreak()]


def method_notes(methods: list[tuple[str, str]]) -> list[Flowable]:
    """How each block's figures are worked out, numbered as marked after its title (M1, M2…),
    in a compact memo."""
    if not methods:
        return []
    heading = Paragraph("Method", style("h2"))
    heading.outline = (1, "Method")
    numbered = numbered_style(f"{method_label(len(methods))}.")
    return [Spacer(1, 6), heading, *(
        LongParagraph(f"{mark_target('method', number)}{italic(markup(title))}: {markup(text)}",
                      numbered,
                      bulletText=f"{method_label(number)}.")
        for number, (title, text) in enumerate(methods, start=1))]


def endnotes(notes: list[Flowable]) -> list[Flowable]:
    if not notes:
        return []
    heading = Paragraph("Notes", style("h2"))
    heading.outline = (1, "Notes")
    return [Spacer(1, 6), heading, *notes]
