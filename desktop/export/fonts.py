"""Fonts for PDF export: bundled TrueType files, registered when first needed, chosen per character.

reportlab embeds TrueType outlines only. DejaVu Sans carries Latin, Greek, Cyrillic and much more;
Droid Sans Fallback carries Chinese and Japanese; NanumGothic carries Korean. A line mixing English,
日本語, 中文, 한국어 and русский is split into runs, each set in a font that has its glyphs; a character
no bundled font has (most emoji) becomes a visible placeholder box, never a crash or a blank.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from desktop.paths import resources_dir

BASE = "DejaVuSans"
MONO = "DejaVuSansMono"
CJK = "DroidSansFallback"
HANGUL = "NanumGothic"
PLACEHOLDER = "\u25a1"  # WHITE SQUARE, in DejaVu Sans
FILES = {
    "DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf", CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumGothic.ttf",
}
_registered: set[str] = set()


def ensure(name: str) -> str:
    """Register a bundled font (and its family) with reportlab on first use."""
    if name in _registered:
        return name
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name == BASE:
        from reportlab.graphics import shapes

        shapes.STATE_DEFAULTS["fontName"] = BASE  # drawings default to unembedded Helvetica
        for member in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
                       "DejaVuSans-BoldOblique"):
            pdfmetrics.registerFont(TTFont(member, str(resources_dir() / "fonts" / FILES[member])))
            _registered.add(member)
        for bold, italic, member in ((0, 0, "DejaVuSans"), (1, 0, "DejaVuSans-Bold"),
                                     (0, 1, "DejaVuSans-Oblique"),
                                     (1, 1, "DejaVuSans-BoldOblique")):
            addMapping(BASE, bold, italic, member)
        return name
    pdfmetrics.registerFont(TTFont(name, str(resources_dir() / "fonts" / FILES[name])))
    for bold in (0, 1):  # no bold or italic files: <b> and <i> keep the same face
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    _registered.add(name)
    return name


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


def _right_to_left(code: int) -> bool:
    """Hebrew, Arabic and related scripts: reportlab neither reorders nor shapes them, so they
    print as placeholders rather than as misleading reversed, unjoined letters."""
    return 0x0590 <= code <= 0x08FF or 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def font_for(char: str, base: str = BASE) -> str | None:
    """The font that draws ``char``; None when no bundled font has it (or cannot set it)."""
    code = ord(char)
    if _right_to_left(code):
        return None
    if code < 0x250 or code in coverage(base):
        return base
    special = _script_font(code)
    if special and code in coverage(special):
        return special
    if base != BASE and code in coverage(BASE):
        return BASE
    return None


def runs(text: str, base: str = BASE) -> list[tuple[str, str]]:
    """Split text into (font, text) runs; unknown characters become the placeholder box."""
    if text.isascii():  # most of any memo: one run, no per-character work
        return [(base, text)] if text else []
    out: list[tuple[str, str]] = []
    for char in text:
        if char in "\n\t":
            font = base
        else:
            font = font_for(char, base)
            if font is None:
                font, char = BASE, PLACEHOLDER
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


def markup(text: str, base: str = BASE) -> str:
    """Escaped Paragraph markup for user text, with a <font> tag around non-base runs."""
    parts = []
    for font, chunk in runs(text, base):
        escaped = escape(chunk)
        parts.append(escaped if font == base else f'<font name="{ensure(font)}">{escaped}</font>')
    return "".join(parts)


def single_font(text: str, base: str = BASE) -> tuple[str, str]:
    """For places that take one font (chart labels): the font most of the text needs."""
    font_runs = runs(text, base)
    if not font_runs:
        return ensure(base), text
    font = max(font_runs, key=lambda r: len(r[1]))[0]
    return ensure(font), "".join(chunk if f == font or f == base else PLACEHOLDER * len(chunk)
                                 for f, chunk in font_runs)
