"""Text into WordprocessingML: runs that hold exactly what was typed, in any script.

The PDF escapes user text into reportlab markup (``fonts.markup``); here text goes into ``w:t``
elements, which lxml escapes, so "<script>" and "&" are stored as typed and never read as
markup. What lxml cannot store at all (control characters, which XML 1.0 forbids) becomes a
visible U+FFFD rather than an exception, since a stray control character must not lose the
export.

Word, not this module, shapes and orders Arabic, Hebrew and CJK text; it only needs to be told
which runs are right-to-left (``w:rtl``, with ``w:bCs``/``w:iCs`` because Word applies bold and
italic to complex-script runs only through those) and which paragraphs read right-to-left
(``w:bidi``), and which runs are East Asian (``w:rFonts w:hint="eastAsia"``), so it picks a
font that has the glyphs.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import _Element

from desktop.export.bidi import first_strong_is_rtl
from desktop.export.inline import LINK_COLOUR, SAFE_LINK, InlineContext
from desktop.export.styles import ACCENT

NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SPACES = re.compile(r"[ \t\r\n]+")  # what HTML (and the PDF's Paragraph) collapse; not NBSP
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_HAN_KANA = "\u2e80-\u312f\u3190-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f"
_BETWEEN = "\\s\\d.,:;!?()\\-\u060c\u061b\u061f\u00ab\u00bb'\""  # may sit inside a stretch


def _stretch(letters: str) -> str:
    """From one letter of a script to the last, with the spaces, digits and punctuation between
    them, so "مرحبا بالعالم" is one run, not three."""
    return f"[{letters}](?:[{letters}{_BETWEEN}]*[{letters}])?"


#: runs of right-to-left text, of Hangul, and of Han and kana: each gets a run of its own
SCRIPTS = re.compile(f"(?P<rtl>{_stretch(_RTL)})|(?P<hangul>{_stretch(_HANGUL)})|"
                     f"(?P<cjk>{_stretch(_HAN_KANA)})")
KANA = re.compile("[\u3040-\u30ff]")
#: the East Asian face for Korean and for Japanese (kana); Han alone may be Chinese or Japanese,
#: so there Word's own East Asian font decides
EAST_ASIAN_FONT = {"hangul": "Malgun Gothic", "kana": "Yu Gothic"}
MONO_FONT = "Consolas"  # Word's own monospace face; Courier New where it is missing
MAX_INLINE_DEPTH = 40  # emphasis nested deeper is set as its plain text
NOTE_ANCHOR = "note-{}"


def hex_of(colour) -> str:
    """A reportlab colour as Word's RRGGBB: the PDF's palette (``styles``) is the one palette."""
    return colour.hexval()[2:].upper()


def clean(text: str | None) -> str:
    """Text lxml can store: characters XML 1.0 forbids become a visible U+FFFD."""
    return NOT_XML.sub("\ufffd", text or "")


@dataclass(frozen=True)
class Look:
    """How a run is set; one value per inline Markdown element that changes it."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    mono: bool = False
    vertical: str = ""  # "superscript", "subscript" or ""
    colour: str = ""  # RRGGBB, or "" for the style's own
    underline: bool = False
    size: float | None = None  # points, or None for the style's own


PLAIN = Look()


def segments(text: str) -> list[tuple[str, str]]:
    """(text, script) pieces: "rtl", "hangul", "cjk" or "" (everything else)."""
    if text.isascii():
        return [(text, "")] if text else []
    out: list[tuple[str, str]] = []
    last = 0
    for match in SCRIPTS.finditer(text):
        if match.start() > last:
            out.append((text[last:match.start()], ""))
        out.append((match.group(0), match.lastgroup or ""))
        last = match.end()
    if last < len(text):
        out.append((text[last:], ""))
    return out


def add_text(paragraph: Paragraph, text: str | None, look: Look = PLAIN,
             into: _Element | None = None, keep_spaces: bool = False) -> None:
    """Append ``text`` as runs set in ``look`` to ``into`` (default: the paragraph itself).

    Whitespace collapses as in HTML unless ``keep_spaces`` (code, tabs we put in)."""
    text = clean(text)
    if not keep_spaces:
        text = SPACES.sub(" ", text)
    for piece, script in segments(text):
        add_run(paragraph, piece, look, into, script)


def add_run(paragraph: Paragraph, text: str, look: Look = PLAIN, into: _Element | None = None,
            script: str = "") -> Run:
    element_ = OxmlElement("w:r")
    (paragraph._p if into is None else into).append(element_)
    run = Run(element_, paragraph)
    for index, line in enumerate(text.split("\n")):
        if index:
            element_.append(OxmlElement("w:br"))
        for number, piece in enumerate(line.split("\t")):
            if number:
                element_.append(OxmlElement("w:tab"))
            if piece:
                t = OxmlElement("w:t")
                t.set(qn("xml:space"), "preserve")  # spaces are as we mean them
                t.text = piece
                element_.append(t)
    properties = run_properties(look, script, text)
    if len(properties):
        element_.insert(0, properties)
    return run


def run_properties(look: Look, script: str = "", text: str = "") -> _Element:
    """A run's ``w:rPr`` for ``look``, its children written straight in schema order (ECMA-376
    §17.3.2.28): setting them one by one through python-docx's font object searches the
    element for every property, which was a tenth of a Word export's time."""
    rtl = script == "rtl"
    children: list[_Element] = []
    faces = {"ascii": MONO_FONT, "hAnsi": MONO_FONT} if look.mono else {}
    if script in ("hangul", "cjk"):
        face = EAST_ASIAN_FONT.get("kana" if KANA.search(text) else script)
        faces.update({"eastAsia": face} if face else {}, hint="eastAsia")
    if faces:
        children.append(element("w:rFonts", **faces))
    if look.bold:
        children += [element("w:b")] + ([element("w:bCs")] if rtl else [])
    if look.italic:
        children += [element("w:i")] + ([element("w:iCs")] if rtl else [])
    if look.strike:
        children.append(element("w:strike"))
    if look.colour:
        children.append(element("w:color", val=look.colour.lstrip("#").upper()))
    if look.size:
        half_points = str(round(look.size * 2))
        children += [element("w:sz", val=half_points)] + (
            [element("w:szCs", val=half_points)] if rtl else [])  # Word sizes RTL by szCs
    if look.underline:
        children.append(element("w:u", val="single"))
    if look.vertical in ("superscript", "subscript"):
        children.append(element("w:vertAlign", val=look.vertical))
    if rtl:
        children.append(element("w:rtl"))
    properties = OxmlElement("w:rPr")
    properties.extend(children)
    return properties


#: the order their children must keep (ECMA-376 §17.3.1.26, §17.4.66, §17.4.59): Word refuses a
#: file that breaks it, so every property is set through ``put``
PPR_ORDER = tuple(f"w:{name}" for name in (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange").split())
TCPR_ORDER = tuple(f"w:{name}" for name in (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark").split())
TBLPR_ORDER = tuple(f"w:{name}" for name in (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook").split())


def put(parent: _Element, child: _Element, order: tuple[str, ...]) -> _Element:
    """Set ``child`` in ``parent`` in schema order, replacing one of the same tag."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    later = {qn(name) for name in order[order.index(_prefixed(tag)) + 1:]}
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _prefixed(tag: str) -> str:
    return "w:" + tag.rsplit("}", 1)[-1]


def element(tag: str, **attributes: str) -> _Element:
    """``<w:tag w:key="value">``."""
    made = OxmlElement(tag)
    for key, value in attributes.items():
        made.set(qn(f"w:{key}"), value)
    return made


def shade(properties: _Element, fill: str, order: tuple[str, ...] = PPR_ORDER) -> None:
    put(properties, element("w:shd", val="clear", color="auto", fill=fill), order)


def borders(properties: _Element, tag: str, sides: dict[str, tuple[float, str]],
            order: tuple[str, ...] = PPR_ORDER) -> None:
    """Rules on the given sides ("top", "left", "bottom", "right"): (points, RRGGBB)."""
    box = element(tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in sides:
            points, colour = sides[side]
            box.append(element(f"w:{side}", val="single", sz=str(round(points * 8)),
                               space="4" if tag == "w:pBdr" else "0", color=colour))
    put(properties, box, order)


def set_direction(paragraph: Paragraph) -> None:
    """Mark a paragraph that starts in Arabic or Hebrew as right-to-left."""
    if first_strong_is_rtl("".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))):
        put(paragraph._p.get_or_add_pPr(), element("w:bidi"), PPR_ORDER)


def add_field(paragraph: Paragraph, instruction: str, shown: str, look: Look = PLAIN) -> None:
    """A complex field (PAGE, NUMPAGES) with ``shown`` as its result until Word updates it."""
    add_run(paragraph, "", look)._r.append(element("w:fldChar", fldCharType="begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    add_run(paragraph, "", look)._r.append(code)
    add_run(paragraph, "", look)._r.append(element("w:fldChar", fldCharType="separate"))
    add_run(paragraph, shown, look)
    add_run(paragraph, "", look)._r.append(element("w:fldChar", fldCharType="end"))


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """A bookmark around the paragraph's content, for links inside the document."""
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0,
                        element("w:bookmarkStart", id=str(number), name=name))
    paragraph._p.append(element("w:bookmarkEnd", id=str(number)))


def hyperlink(paragraph: Paragraph, url: str = "", anchor: str = "") -> _Element:
    """A ``w:hyperlink`` appended to the paragraph: to ``url``, or to a bookmark."""
    link = OxmlElement("w:hyperlink")
    if url:
        link.set(qn("r:id"), paragraph.part.relate_to(clean(url), RT.HYPERLINK,
                                                       is_external=True))
    else:
        link.set(qn("w:anchor"), anchor)
    paragraph._p.append(link)
    return link


LINK_LOOK = {"colour": LINK_COLOUR.lstrip("#").upper(), "underline": True}
NOTE_COLOUR = hex_of(ACCENT)


def inline(paragraph: Paragraph, element_: ET.Element, ctx: InlineContext, look: Look = PLAIN,
           into: _Element | None = None, depth: int = 0) -> None:
    """Append an element's content (its own tag is the caller's) as runs: the Word twin of
    ``desktop.export.inline.inline``, element for element."""
    if depth > MAX_INLINE_DEPTH:
        add_text(paragraph, ctx.restore("".join(element_.itertext())), look, into)
        return
    add_text(paragraph, ctx.restore(element_.text), look, into)
    for child in element_:
        _child(paragraph, child, ctx, look, into, depth + 1)
        add_text(paragraph, ctx.restore(child.tail), look, into)


def _child(paragraph: Paragraph, child: ET.Element, ctx: InlineContext, look: Look,
           into: _Element | None, depth: int) -> None:
    tag = child.tag
    if tag in ("strong", "b"):
        inline(paragraph, child, ctx, replace(look, bold=True), into, depth)
    elif tag in ("em", "i"):
        inline(paragraph, child, ctx, replace(look, italic=True), into, depth)
    elif tag in ("del", "s"):
        inline(paragraph, child, ctx, replace(look, strike=True), into, depth)
    elif tag == "code":  # Python-Markdown escaped the span's "<" and "&" once already
        text = html.unescape(ctx.restore("".join(child.itertext())))
        add_text(paragraph, text, replace(look, mono=True), into)
    elif tag == "br":
        add_run(paragraph, "", look, into)._r.append(OxmlElement("w:br"))
    elif tag == "sup":
        anchor = child.find("a")
        if anchor is not None and "footnote-ref" in (anchor.get("class") or ""):
            number = ctx.footnote_number((anchor.get("href") or "").lstrip("#"))
            # a bare number in the accent colour, as in the PDF: "[1]" in ink is a source
            note = replace(look, vertical="superscript", colour=NOTE_COLOUR)
            if number is None or into is not None:
                add_text(paragraph, str(number or "?"), note, into)
            else:
                add_text(paragraph, str(number), note,
                         hyperlink(paragraph, anchor=NOTE_ANCHOR.format(number)))
        else:
            inline(paragraph, child, ctx, replace(look, vertical="superscript"), into, depth)
    elif tag == "sub":
        inline(paragraph, child, ctx, replace(look, vertical="subscript"), into, depth)
    elif tag == "a":
        _link(paragraph, child, ctx, look, into, depth)
    elif tag == "img":
        add_text(paragraph, f"[{child.get('alt') or child.get('src') or 'image'}]",
                 replace(look, italic=True), into)
    else:
        inline(paragraph, child, ctx, look, into, depth)


def _link(paragraph: Paragraph, child: ET.Element, ctx: InlineContext, look: Look,
          into: _Element | None, depth: int) -> None:
    if "footnote-backref" in (child.get("class") or ""):
        return
    href = ctx.restore(child.get("href") or "")
    empty = not "".join(child.itertext()).strip() and not len(child)
    if SAFE_LINK.match(href) and not href.startswith("#") and into is None:
        target = hyperlink(paragraph, url=href)
        linked = replace(look, **LINK_LOOK)
        if empty:
            add_text(paragraph, href, linked, target)
        else:
            inline(paragraph, child, ctx, linked, target, depth)
    elif empty:
        add_text(paragraph, href, look, into)
    else:
        inline(paragraph, child, ctx, look, into, depth)
