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
from xml.sax.saxutils import escape, quoteattr

from desktop.export.fonts import BASE, MONO, ensure, markup
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


def inline(element: ET.Element, ctx: InlineContext, base: str = BASE, bold: bool = False) -> str:
    """Markup for the element's content (its own tag is the caller's business); ``bold`` when
    it is set bold (a heading, a strong span), so other scripts take their bold faces too."""
    parts = [markup(ctx.restore(element.text), base, bold=bold)]
    for child in element:
        parts.append(_child(child, ctx, base, bold))
        parts.append(markup(ctx.restore(child.tail), base, bold=bold))
    return "".join(parts)


def _child(child: ET.Element, ctx: InlineContext, base: str, bold: bool = False) -> str:
    tag = child.tag
    if tag in ("strong", "b"):
        return f"<b>{inline(child, ctx, base, True)}</b>"
    if tag in ("em", "i"):
        return f"<i>{inline(child, ctx, base, bold)}</i>"
    if tag in ("del", "s"):
        return f"<strike>{inline(child, ctx, base, bold)}</strike>"
    if tag == "code":  # Python-Markdown escaped the span's "<" and "&" once already
        text = html.unescape(ctx.restore("".join(child.itertext())))
        return f'<font name="{ensure(MONO)}">{markup(text, MONO)}</font>'
    if tag == "br":
        return "<br/>"
    if tag == "sup":
        anchor = child.find("a")
        if anchor is not None and "footnote-ref" in (anchor.get("class") or ""):
            number = ctx.footnote_number((anchor.get("href") or "").lstrip("#"))
            # a bare number in the accent colour: a source is a bracketed "[1]" in ink, so a
            # reader tells "see note 1 under Notes" from "see source 1 under Sources"
            shown = f'<font color="{FOOTNOTE_COLOUR}">{number}</font>'
            return f"<super>{linked_mark('note', number, shown)}</super>" if number \
                is not None else f'<super><font color="{FOOTNOTE_COLOUR}">?</font></super>'

        return f"<super>{inline(child, ctx, base, bold)}</super>"
    if tag == "sub":
        return f"<sub>{inline(child, ctx, base, bold)}</sub>"
    if tag == "a":
        if "footnote-backref" in (child.get("class") or ""):
            return ""
        href = ctx.restore(child.get("href") or "")
        text = inline(child, ctx, base, bold) or markup(href, base)
        if SAFE_LINK.match(href) and not href.startswith("#"):
            return f'<a href={quoteattr(href)} color="{LINK_COLOUR}"><u>{text}</u></a>'
        return text
    if tag == "img":
        alt = child.get("alt") or child.get("src") or "image"
        return f"<i>[{markup(alt, base)}]</i>"
    return inline(child, ctx, base, bold)


def plain(element: ET.Element, ctx: InlineContext) -> str:
    """The element's text without markup (outline entries, table-of-contents lines)."""
    text = ctx.restore("".join(element.itertext()))
    return " ".join(text.split())


def escape_attribute(text: str) -> str:
    return escape(text, {'"': "&quot;"})
