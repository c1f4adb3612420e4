"""Fonts for PDF export: bundled TrueType files, registered when first needed, chosen per character.

reportlab embeds TrueType outlines only. DejaVu Sans carries Latin, Greek, Cyrillic and much more;
Droid Sans Fallback carries Chinese and Japanese; NanumGothic carries Korean; Noto Sans Arabic and
Noto Sans Hebrew carry those scripts (joined and put in visual order first, ``bidi``). A line
mixing English, 日本語, 中文, 한국어, العربية and русский is split into runs, each set in a font that
has its glyphs; a character no bundled font has (emoji) becomes a visible, documented
replacement (``emoji``), never a crash or a blank.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from xml.sax.saxutils import escape

from desktop.export.bidi import visual
from desktop.paths import resources_dir

BASE = "DejaVuSans"
MONO = "DejaVuSansMono"
CJK = "DroidSansFallback"
HANGUL = "NanumGothic"
ARABIC = "NotoSansArabic"
HEBREW = "NotoSansHebrew"
PLACEHOLDER = "\u25a1"  # WHITE SQUARE, in DejaVu Sans
FILES = {
    "DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf", CJK: "DroidSansFallbackFull.ttf",
    CJK + "-Bold": "DroidSansFallbackFull-Bold.ttf",
    HANGUL: "NanumGothic.ttf", HANGUL + "-Bold": "NanumGothicBold.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf", ARABIC + "-Bold": "NotoSansArabic-Bold.ttf",
    HEBREW: "NotoSansHebrew-Regular.ttf", HEBREW + "-Bold": "NotoSansHebrew-Bold.ttf",
}
_registered: set[str] = set()
ITALIC = BASE + "-Oblique"
#: faces registered together; the upright pair serves almost every memo, and the slanted pair
#: is parsed only when a memo sets something in italics (``italic``): each file is 0.7 MB to read
_PAIRS = {BASE: (BASE, BASE + "-Bold"), BASE + "-Bold": (BASE, BASE + "-Bold"),
          ITALIC: (ITALIC, BASE + "-BoldOblique"),
          BASE + "-BoldOblique": (ITALIC, BASE + "-BoldOblique")}


def ensure(name: str) -> str:
    """Register a bundled font (and its family) with reportlab on first use."""
    if name in _registered:
        return name
    from reportlab.pdfbase import pdfmetrics

    from desktop.export.subset_tags import TaggedFont as TTFont  # noqa: N814 (one tag each)

    if name in _PAIRS:
        for member in _PAIRS[name]:
            pdfmetrics.registerFont(TTFont(member, str(resources_dir() / "fonts" / FILES[member])))
            _registered.add(member)
        _map_base_family()  # after registering: registerFont maps each face to itself
        return name
    # a bold face (NanumGothic-Bold…) is a font of its own, registered only when bold text
    # asks for it by name (``markup``): the CJK and Korean files are 4 MB each to parse
    from reportlab.lib.fonts import addMapping

    pdfmetrics.registerFont(TTFont(name, str(resources_dir() / "fonts" / FILES[name])))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    _registered.add(name)
    return name


def _map_base_family() -> None:
    """Tell reportlab which DejaVu face <b> and <i> pick (the faces register on first use)."""
    from reportlab.graphics import shapes
    from reportlab.lib.fonts import addMapping

    shapes.STATE_DEFAULTS["fontName"] = BASE  # drawings default to unembedded Helvetica
    for bold, italic, member in ((0, 0, BASE), (1, 0, BASE + "-Bold"), (0, 1, ITALIC),
                                 (1, 1, BASE + "-BoldOblique")):
        addMapping(BASE, bold, italic, member)


def italic(inner: str) -> str:
    """Paragraph markup in italics: registers the slanted faces it will be drawn in."""
    ensure(ITALIC)
    return f"<i>{inner}</i>"


@cache
def coverage(name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    ensure(name)
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def _script_font(code: int) -> str | None:
    """The bundled font for scripts DejaVu lacks (checked without loading it for ASCII)."""
    if 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F or 0xAC00 <= code <= 0xD7AF:
        return HANGUL
    if (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF
            or 0x20000 <= code <= 0x2FA1F or 0x3000 <= code <= 0x30FF):
        return CJK
    return None


def _right_to_left_font(code: int) -> str | None:
    """Hebrew and Arabic letters (and their presentation forms) take their own fonts, even where
    DejaVu has some of them, so a word is never set in two faces."""
    if 0x0590 <= code <= 0x05FF or 0xFB1D <= code <= 0xFB4F:
        return HEBREW
    if 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return ARABIC
    return None


def font_for(char: str, base: str = BASE) -> str | None:
    """The font that draws ``char``; None when no bundled font has it (or cannot set it)."""
    code = ord(char)
    if code < 0x250:
        return base
    script = _right_to_left_font(code)
    if script is not None:
        return script if code in coverage(script) else None
    if code in coverage(base):
        return base
    special = _script_font(code)
    if special and code in coverage(special):
        return special
    if base != BASE and code in coverage(BASE):
        return BASE
    return None


def runs(text: str, base: str = BASE, right_to_left: bool | None = None,
         in_visual_order: bool = False) -> list[tuple[str, str]]:
    """Split text into (font, text) runs, in the order they are drawn (Arabic and Hebrew put in
    visual order, ``bidi.visual``, unless ``in_visual_order`` says they already are); a
    character no font has is named (``stand_in``)."""
    if text.isascii():  # most of any memo: one run, no per-character work
        return [(base, text)] if text else []
    if not in_visual_order:
        text = visual(text, right_to_left)
    out: list[tuple[str, str]] = []
    named = False  # the last character was named: a joiner after it is emoji glue
    for char in text:
        if _EMOJI_GLUE.match(char) and (char != "\u200d" or named):
            continue  # invisible; a joiner elsewhere (Arabic, Indic) keeps its place
        named = False
        if char in "\n\t":
            font = base
        elif char == " " and out and out[-1][0] in (ARABIC, HEBREW):
            font = out[-1][0]  # a right-to-left phrase stays one run, copied back as a whole
        else:
            font = font_for(char, base)
            if font is None:
                font, char, named = BASE, stand_in(char), True
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


#: Invisible parts of emoji sequences: variation selectors, the zero-width joiner, skin tones
_EMOJI_GLUE = re.compile("[\ufe00-\ufe0f\u200d\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


def stand_in(char: str) -> str:
    """What the PDF prints for a character no bundled font draws (emoji, mostly): its Unicode
    name in brackets, "[rocket]", so the reader sees what was meant (the invisible glue of emoji
    sequences is left out before, in ``runs``); a character without a name prints the box."""
    name = unicodedata.name(char, "")
    return f"[{name.lower()}]" if name else PLACEHOLDER


def markup(text: str, base: str = BASE, right_to_left: bool | None = None,
           bold: bool = False, in_visual_order: bool = False) -> str:
    """Escaped Paragraph markup for user text, with a <font> tag around non-base runs (in the
    bold face where ``bold`` and the font has one: a <font> tag would otherwise drop <b>)."""
    parts = []
    for font, chunk in runs(text, base, right_to_left, in_visual_order):
        escaped = escape(chunk)
        if font == base:
            parts.append(escaped)
            continue
        parts.append(f'<font name="{ensure(face(font, bold))}">{escaped}</font>')
    return "".join(parts)


def face(font: str, bold: bool) -> str:
    """The face text in ``font`` is drawn in: its bold face where ``bold`` and it has one."""
    if not bold:
        return font
    if font == BASE:
        return BASE + "-Bold"
    return font + "-Bold" if font + "-Bold" in FILES else font


def single_font(text: str, base: str = BASE) -> tuple[str, str]:
    """For places that take one font (chart labels): the font most of the text needs."""
    font_runs = runs(text, base)
    if not font_runs:
        return ensure(base), text
    font = max(font_runs, key=lambda r: len(r[1]))[0]
    return ensure(font), "".join(chunk if f == font or f == base else PLACEHOLDER * len(chunk)
                                 for f, chunk in font_runs)
