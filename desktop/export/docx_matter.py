"""The parts of a Word memo around its body, as the PDF has them: the title block, the table of
contents, and at the end the Method notes, the Notes and the numbered Sources."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from desktop.domain.memo import Memo
from desktop.export.block_layout import method_label
from desktop.export.docx_blocks import Where, figure_table
from desktop.export.docx_pages import WIDTH
from desktop.export.docx_text import (
    Look,
    add_text,
    bookmark,
    borders,
    element,
    hex_of,
    hyperlink,
    inline,
    set_direction,
    shade,
)
from desktop.export.inline import InlineContext
from desktop.export.sources import SENTENCE_ENDS, SourceList, link_of
from desktop.export.sources import _text as source_text  # the entry's words, as in the PDF
from desktop.export.styles import ACCENT, MUTED, ZEBRA


def title_block(where: Where, memo: Memo) -> None:
    """Title, the To / From / Date / Subject lines and the summary box, as the PDF sets them."""
    title = where.paragraph("Title")
    add_text(title, memo.title)
    set_direction(title)
    rows = [[(label, True), (memo.get(key) or "—", False)] for label, key in
            (("TO", "to"), ("FROM", "from"), ("DATE", "date"), ("SUBJECT", "title"))]

    def write(paragraph: Paragraph, cell: tuple[str, bool], look: Look) -> None:
        text, label = cell
        add_text(paragraph, text, Look(bold=True, colour=hex_of(MUTED), size=9) if label
                 else Look(size=10))

    label = float(Mm(24).pt)
    figure_table(where, rows[0], rows[1:], [False, False], WIDTH,
                 [[text for text, _label in row] for row in rows], write,
                 widths=[label, WIDTH - label], figures=False)
    if memo.get("summary"):
        summary = where.paragraph("Summary")
        properties = summary._p.get_or_add_pPr()
        shade(properties, hex_of(ZEBRA))
        borders(properties, "w:pBdr", {"left": (3, hex_of(ACCENT))})
        add_text(summary, "Summary.", Look(bold=True))
        add_text(summary, " " + memo.get("summary"))
        set_direction(summary)


def table_of_contents(where: Where, headings: list[tuple[int, str]], anchor) -> None:
    """A Word TOC field after ``anchor``, showing the headings until Word fills in the page
    numbers (it updates fields on opening: ``w:updateFields``)."""
    start = len(where.element)
    heading = where.paragraph("TOC Heading")
    add_text(heading, "Contents")
    shown = [(level, text) for level, text in headings if level <= 3] or [(1, "")]
    for number, (level, text) in enumerate(shown):
        entry = where.paragraph()
        entry.paragraph_format.left_indent = Pt(14 * (level - 1))
        entry.paragraph_format.space_after = Pt(2)
        if number == 0:
            _field_part(entry, "begin")
            code = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve">'
                             ' TOC \\o "1-3" \\h \\z \\u </w:instrText>')
            entry.add_run()._r.append(code)
            _field_part(entry, "separate")
        add_text(entry, text)
        if number == len(shown) - 1:
            _field_part(entry, "end")
    where.paragraph().add_run().add_break(WD_BREAK.PAGE)
    moved = list(where.element)[start:]
    for made in reversed(moved):
        anchor.addnext(made)


def _field_part(paragraph, kind: str) -> None:
    paragraph.add_run()._r.append(element("w:fldChar", fldCharType=kind))


def put_setting(doc, setting) -> None:
    """Add a document setting where the schema wants it: before w:compat, which the template
    always has (CT_Settings, ECMA-376 §17.15.1.78)."""
    compat = doc.settings.element.find(qn("w:compat"))
    if compat is None:
        doc.settings.element.append(setting)
    else:
        compat.addprevious(setting)


def method_notes(where: Where, methods: list[tuple[str, str]],
                 headings: list[tuple[int, str]]) -> None:
    """How each block's figures are worked out, numbered as marked after its title, as the
    PDF's Method section (a compact memo)."""
    if not methods:
        return
    heading = where.paragraph("Heading 1")
    add_text(heading, "Method")
    headings.append((1, "Method"))
    for number, (title, text) in enumerate(methods, start=1):
        paragraph = where.paragraph("Endnote Entry")
        add_text(paragraph, f"{method_label(number)}.\t", keep_spaces=True)
        add_text(paragraph, f"{title}: ", Look(italic=True))
        add_text(paragraph, text)
        set_direction(paragraph)


def notes(where: Where, written: ET.Element | None, numbers: dict[str, int],
          ctx: InlineContext, headings: list[tuple[int, str]]) -> None:
    """The memo's footnotes (``written``, numbered as cited: ``numbers``) as numbered notes
    under "Notes", as in the PDF; each note is a bookmark its mark in the text links to."""
    if written is None:
        return
    cited = {item.get("id") or "": item for item in written.iter("li")}
    items = sorted(((numbers[key], item) for key, item in cited.items() if key in numbers),
                   key=lambda pair: pair[0])
    if not items:
        return
    heading = where.paragraph("Heading 1")
    add_text(heading, "Notes")
    headings.append((1, "Notes"))
    for number, item in items:
        paragraph = where.paragraph("Endnote Entry")
        add_text(paragraph, f"{number}.\t", keep_spaces=True)
        parts = [child for child in item if child.tag == "p"] or [item]
        for index, part in enumerate(parts):
            if index:
                add_text(paragraph, " ")
            inline(paragraph, part, ctx)
        bookmark(paragraph, f"note-{number}", number)
        set_direction(paragraph)


def source_list(where: Where, sources: SourceList, headings: list[tuple[int, str]]) -> None:
    """The numbered "Sources": the PDF's numbers and words (``sources``), the link live."""
    if not sources.entries:
        return
    heading = where.paragraph("Heading 1")
    add_text(heading, "Sources")
    headings.append((1, "Sources"))
    for number, records in enumerate(sources.entries, start=1):
        paragraph = where.paragraph("Endnote Entry")
        body, link = source_text(records), link_of(records[0])
        add_text(paragraph, f"[{number}]\t", keep_spaces=True)
        if body:
            add_text(paragraph, body if body.endswith(SENTENCE_ENDS) else body + ".")
        if link:
            add_text(paragraph, " " if body else "")
            add_text(paragraph, link, Look(colour=hex_of(ACCENT), underline=True),
                     hyperlink(paragraph, url=link))
        paragraph.paragraph_format.keep_together = True
