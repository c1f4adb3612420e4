"""Inline Markdown (an element's text and children) to reportlab Paragraph markup.

Every piece of user text passes through ``fonts.markup``, which escapes it and sets each script in
a font that has it, so "<script>", "&" and an unclosed "<b>" print as typed. Raw HTML that
Python-Markdown set aside is put back as literal text, never as markup.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape, quoteattr

from desktop.export.fonts import BASE, ITALIC, MONO, ensure, markup
from desktop.export.sources import linked_mark
from desktop.export.styles import ACCENT

FOOTNOTE_COLOUR = f"#{ACCENT.hexval()[2:]}"

STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
LEFTOVER = re.compile("\x02[^\x03]{0,40}\x03")
LINK_COLOUR = "#1f4e79"
SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.I)


class InlineContext:
    """What inline conversion needs from the document: raw HTML and footnote numbering."""

    def __init__(self, raw_html: list[str], footnote_number: Callable[[str], int | None]):
        self.raw_html = raw_html
        self.footnote_number = footnote_number

    def restore(self, text: str | None) -> str:
        """Raw HTML back as literal text; other Python-Markdown placeholders become spaces."""
        if not text:
            return ""
        return LEFTOVER.sub(" ", STASH.sub(lambda m: self._raw(int(m.group(1))), text))

    def _raw(self, number: int) -> str:
        return str(self.raw_html[number]) if 0 <= number < len(self.raw_html) else ""


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's text in reading order with the tags it is set between, so a
    right-to-left paragraph can be reordered letter by letter and keep its bold, italics and
    links (``rtl_flow``). ``atom`` is markup drawn as a whole in place of the text (a footnote
    mark, a line break)."""

    text: str
    opens: tuple[str, ...] = ()  # outermost first
    closes: tuple[str, ...] = ()  # innermost first
    base: str = BASE
    bold: bool = False
    atom: str = ""

    def markup(self, text: str | None = None, in_visual_order: bool = False) -> str:
        """The piece (or ``text``, a part of it) as Paragraph markup."""
        if self.atom:
            return self.atom
        inner = markup(self.text if text is None else text, self.base, bold=self.bold,
                       in_visual_order=in_visual_order)
        if self.base != BASE:
            inner = f'<font name="{ensure(self.base)}">{inner}</font>'
        return "".join(self.opens) + inner + "".join(self.closes)


def inline(element: ET.Element, ctx: InlineContext, base: str = BASE, bold: bool = False) -> str:
    """Markup for the element's content (its own tag is the caller's business); ``bold`` when
    it is set bold (a heading, a strong span), so other scripts take their bold faces too."""
    parts = [markup(ctx.restore(element.text), base, bold=bold)]
    for child in element:
        tags = _tags(child, ctx, bold)
        if tags is None:
            parts.extend(piece.markup() for piece in _whole(child, ctx, Piece("", base=base,
                                                                                bold=bold)))
        else:
            opening, closing, inner_bold = tags
            inner = inline(child, ctx, base, inner_bold) if _has_words(child, ctx) else \
                markup(ctx.restore(child.get("href") or ""), base)
            parts.append(opening + inner + closing)
        parts.append(markup(ctx.restore(child.tail), base, bold=bold))
    return "".join(parts)


def pieces(element: ET.Element, ctx: InlineContext, outer: Piece | None = None) -> list[Piece]:
    """The element's content as ``Piece``s in reading order: what ``inline`` sets as markup."""
    outer = outer or Piece("")
    out = [replace(outer, text=ctx.restore(element.text))]
    for child in element:
        tags = _tags(child, ctx, outer.bold)
        if tags is None:
            out.extend(_whole(child, ctx, outer))
        else:
            opening, closing, inner_bold = tags
            inside = replace(outer, opens=(*outer.opens, opening),
                             closes=(closing, *outer.closes), bold=inner_bold)
            out.extend(pieces(child, ctx, inside) if _has_words(child, ctx) else
                       [replace(inside, text=ctx.restore(child.get("href") or ""))])
        out.append(replace(outer, text=ctx.restore(child.tail)))
    return [piece for piece in out if piece.text or piece.atom]


def _has_words(element: ET.Element, ctx: InlineContext) -> bool:
    """A link with nothing inside shows its address."""
    return element.tag != "a" or len(element) > 0 or bool(ctx.restore(element.text))


def _tags(child: ET.Element, ctx: InlineContext, bold: bool) -> tuple[str, str, bool] | None:
    """The tags a child's content is set between, and whether that content is bold; None for
    what is drawn as a whole (``_whole``)."""
    tag = child.tag
    if tag in ("strong", "b"):
        return "<b>", "</b>", True
    if tag in ("em", "i"):
        ensure(ITALIC)
        return "<i>", "</i>", bold
    if tag in ("del", "s"):
        return "<strike>", "</strike>", bold
    if tag == "sub":
        return "<sub>", "</sub>", bold
    if tag == "sup" and _footnote_anchor(child) is None:
        return "<super>", "</super>", bold
    if tag == "a" and "footnote-backref" not in (child.get("class") or ""):
        href = ctx.restore(child.get("href") or "")
        if SAFE_LINK.match(href) and not href.startswith("#"):
            return f'<a href={quoteattr(href)} color="{LINK_COLOUR}"><u>', "</u></a>", bold
        return "", "", bold
    if tag in ("code", "br", "img", "sup", "a"):
        return None
    return "", "", bold


def _footnote_anchor(child: ET.Element) -> ET.Element | None:
    anchor = child.find("a")
    return anchor if anchor is not None and "footnote-ref" in (anchor.get("class") or "") \
        else None


def _whole(child: ET.Element, ctx: InlineContext, outer: Piece) -> list[Piece]:
    """Code spans, line breaks, images and footnote marks, inside ``outer``'s tags."""
    tag = child.tag
    if tag == "code":  # Python-Markdown escaped the span's "<" and "&" once already
        return [replace(outer, text=html.unescape(ctx.restore("".join(child.itertext()))),
                        base=MONO)]
    if tag == "br":
        return [replace(outer, text="\n", atom="<br/>")]
    if tag == "img":
        alt = child.get("alt") or child.get("src") or "image"
        ensure(ITALIC)
        return [replace(outer, text=f"[{alt}]", opens=(*outer.opens, "<i>"),
                        closes=("</i>", *outer.closes))]
    anchor = _footnote_anchor(child)
    if anchor is None:  # a footnote's way back to its mark: not printed
        return []
    number = ctx.footnote_number((anchor.get("href") or "").lstrip("#"))
    # a bare number in the accent colour: a source is a bracketed "[1]" in ink, so a
    # reader tells "see note 1 under Notes" from "see source 1 under Sources"
    shown = f'<font color="{FOOTNOTE_COLOUR}">{number if number is not None else "?"}</font>'
    mark = f"<super>{linked_mark('note', number, shown)}</super>" if number is not None \
        else f"<super>{shown}</super>"
    return [replace(outer, text=str(number or "?"), atom=mark)]


def plain(element: ET.Element, ctx: InlineContext) -> str:
    """The element's text without markup (outline entries, table-of-contents lines)."""
    text = ctx.restore("".join(element.itertext()))
    return " ".join(text.split())


def escape_attribute(text: str) -> str:
    return escape(text, {'"': "&quot;"})
