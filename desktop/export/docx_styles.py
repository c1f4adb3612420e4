"""Word's styles, list numbering and page furniture for a memo, as the PDF has them: the PDF's
sizes and colours on Word's built-in styles (so the navigation pane and a table of contents
work), one numbering definition per kind of list, and the marking, running title and "Page X of
Y" in every header and footer."""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml.etree import _Element

from desktop.domain.memo import Memo
from desktop.export.docx_text import (
    MONO_FONT,
    PPR_ORDER,
    add_field,
    add_text,
    borders,
    element,
    hex_of,
    put,
    set_direction,
    shade,
)
from desktop.export.styles import RULE, STYLE_TABLE, ZEBRA


class Lists:
    """Word numbering for Markdown lists: one bullet and one decimal definition, and a new
    instance of one of them per list, so each numbered list starts at its own first number."""

    def __init__(self, numbering: _Element, bullets: Sequence[str]) -> None:
        self.numbering = numbering
        taken = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
        self.bullet = max(taken, default=0) + 1
        self.decimal = self.bullet + 1
        self.next_id = max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))),
                           default=0) + 1
        first_num = numbering.find(qn("w:num"))
        for abstract in (self._abstract(self.bullet, bullets), self._abstract(self.decimal)):
            if first_num is None:  # every abstractNum must precede every num
                numbering.append(abstract)
            else:
                first_num.addprevious(abstract)

    @staticmethod
    def _abstract(number: int, bullets: Sequence[str] = ()) -> _Element:
        levels = "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{"bullet" if bullets else "decimal"}"/>'
            f'<w:lvlText w:val="{bullets[level % len(bullets)] if bullets else f"%{level + 1}."}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{360 * (level + 1)}" '
            f'w:hanging="360"/></w:pPr></w:lvl>' for level in range(9))
        return parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')

    def new(self, ordered: bool, level: int, start: int = 1) -> int:
        """A new list instance; its items at ``level`` count from ``start``."""
        number = self.next_id
        self.next_id += 1
        self.numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId '
            f'w:val="{self.decimal if ordered else self.bullet}"/><w:lvlOverride '
            f'w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return number


def number_paragraph(paragraph: Paragraph, list_id: int, level: int) -> None:
    numbering = element("w:numPr")
    numbering.append(element("w:ilvl", val=str(level)))
    numbering.append(element("w:numId", val=str(list_id)))
    put(paragraph._p.get_or_add_pPr(), numbering, PPR_ORDER)


def set_styles(doc, language: str) -> None:
    """Word's built-in styles set to the PDF's sizes and colours (``styles.STYLE_TABLE``), and
    the few styles of our own a reader may want to restyle (notes, cells, code, sources)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is not None:
        lang.set(qn("w:val"), language)
    for name, key in (("Normal", "body"), ("Title", "title"), ("Heading 1", "h1"),
                      ("Heading 2", "h2"), ("Heading 3", "h3"), ("Heading 4", "h4"),
                      ("Heading 5", "h4"), ("Heading 6", "h4"), ("Quote", "quote"),
                      ("Caption", "caption")):
        _style(doc.styles[name], key)
    for name, key in (("Source Note", "source"), ("Table Cell", "cell"), ("Code", "code"),
                      ("Endnote Entry", "endnote"), ("Summary", "summary"),
                      ("Marking", "marking"), ("Page Furniture", "source")):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        _style(style, key)
    doc.styles["Code"].font.name = MONO_FONT
    shade(doc.styles["Code"].element.get_or_add_pPr(), hex_of(ZEBRA))  # the PDF's code grey
    doc.styles["Table Cell"].paragraph_format.space_after = Pt(0)
    doc.styles["Marking"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["Title"].element.get_or_add_pPr().remove_all("w:pBdr")
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5",
                 "Heading 6", "Caption", "Marking"):
        doc.styles[name].element.get_or_add_rPr().remove_all("w:rFonts")


def _style(style, key: str) -> None:
    size, _leading, font, colour, before, after, _align, extra = STYLE_TABLE[key]
    style.font.size = Pt(size)
    style.font.bold = font.endswith("-Bold")
    style.font.italic = font.endswith("Oblique")
    style.font.color.rgb = RGBColor.from_string(hex_of(colour))
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)
    if extra.get("keepWithNext"):
        style.paragraph_format.keep_with_next = True


def furniture(doc, memo: Memo) -> None:
    """The marking at the top and bottom of every page, the running title from page 2 on and
    "Page X of Y" (Word's PAGE and NUMPAGES fields) at the foot, as the PDF draws them."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    marking = " ".join(memo.get("marking").upper().split())
    for header, running in ((section.first_page_header, False), (section.header, True)):
        header.is_linked_to_previous = False
        first = header.paragraphs[0]
        if marking:
            _marking(first, marking)
        if running:
            line = header.add_paragraph() if marking else first
            line.style = "Page Furniture"
            add_text(line, memo.title)
            borders(line._p.get_or_add_pPr(), "w:pBdr", {"bottom": (0.5, hex_of(RULE))})
    for footer in (section.first_page_footer, section.footer):
        footer.is_linked_to_previous = False
        pages = footer.paragraphs[0]
        pages.style = "Page Furniture"
        pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_text(pages, "Page ")
        add_field(pages, "PAGE", "1")
        add_text(pages, " of ")
        add_field(pages, "NUMPAGES", "1")
        if marking:
            _marking(footer.add_paragraph(), marking)


def _marking(paragraph: Paragraph, marking: str) -> None:
    paragraph.style = "Marking"  # bold, centred, in the PDF's marking red
    add_text(paragraph, marking)
    set_direction(paragraph)
