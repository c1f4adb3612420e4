"""The memo's typography and colours in one table of data: change the look here, nowhere else."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from desktop.export.fonts import BASE, MONO, ensure

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#5f6b76")
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#c5ccd3")
ZEBRA = colors.HexColor("#f3f5f7")
HEADER_FILL = colors.HexColor("#e4e9ef")
MARKING = colors.HexColor("#a4161a")
ERROR_FILL = colors.HexColor("#fdecea")
ERROR_EDGE = colors.HexColor("#b3261e")
CHART_SERIES = ["#1f5fa8", "#c8553d", "#2a9d8f", "#8d6cab", "#e9a23b", "#5c677d"]

#: name -> (size, leading, font, colour, space before, space after, alignment, extra)
STYLE_TABLE: dict[str, tuple] = {
    "body": (10, 14, BASE, INK, 0, 6, TA_LEFT, {}),
    "title": (19, 23, BASE + "-Bold", ACCENT, 0, 10, TA_LEFT, {}),
    "h1": (15, 19, BASE + "-Bold", ACCENT, 12, 6, TA_LEFT, {"keepWithNext": 1}),
    "h2": (12.5, 16, BASE + "-Bold", ACCENT, 10, 5, TA_LEFT, {"keepWithNext": 1}),
    "h3": (11, 14, BASE + "-Bold", INK, 8, 4, TA_LEFT, {"keepWithNext": 1}),
    "h4": (10, 13, BASE + "-Bold", INK, 6, 3, TA_LEFT, {"keepWithNext": 1}),
    "meta_label": (9, 12, BASE + "-Bold", MUTED, 0, 0, TA_LEFT, {}),
    "meta_value": (10, 13, BASE, INK, 0, 0, TA_LEFT, {}),
    "summary": (10.5, 15, BASE, INK, 4, 10, TA_LEFT, {}),
    "quote": (10, 14, BASE + "-Oblique", MUTED, 0, 4, TA_LEFT, {}),
    "code": (8.5, 11, MONO, INK, 0, 0, TA_LEFT, {}),
    "cell": (8.5, 11, BASE, INK, 0, 0, TA_LEFT, {}),
    "cell_right": (8.5, 11, BASE, INK, 0, 0, TA_RIGHT, {}),
    "cell_head": (8.5, 11, BASE + "-Bold", INK, 0, 0, TA_LEFT, {}),
    "cell_head_right": (8.5, 11, BASE + "-Bold", INK, 0, 0, TA_RIGHT, {}),
    "caption": (9.5, 12, BASE + "-Bold", INK, 8, 3, TA_LEFT, {}),
    "part": (8.5, 11, BASE + "-Oblique", INK, 4, 2, TA_LEFT, {}),  # one table of several
    "source": (7.5, 9.5, BASE, MUTED, 2, 8, TA_LEFT, {}),
    "endnote": (8.5, 11, BASE, INK, 0, 3, TA_LEFT, {"leftIndent": 16, "firstLineIndent": -16}),
    "error": (9, 12, BASE, ERROR_EDGE, 0, 0, TA_LEFT, {}),
    "marking": (8.5, 10, BASE + "-Bold", MARKING, 0, 0, TA_CENTER, {}),
    "toc": (10, 14, BASE, INK, 0, 2, TA_LEFT, {}),
    "toc_title": (12.5, 16, BASE + "-Bold", ACCENT, 0, 6, TA_LEFT, {}),
}


@cache
def style(name: str) -> ParagraphStyle:
    size, leading, font, colour, before, after, align, extra = STYLE_TABLE[name]
    ensure(BASE)
    ensure(font)  # the monospaced and slanted faces only where a style uses them
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, textColor=colour,
                          spaceBefore=before, spaceAfter=after, alignment=align,
                          wordWrap=None, **extra)


def list_style(level: int) -> ParagraphStyle:
    return ParagraphStyle(f"list{level}", parent=style("body"), spaceAfter=2)


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose cell font is the embedded base font (reportlab's default is
    Helvetica, which would appear in the PDF unembedded even when every cell is a Paragraph)."""
    ensure(BASE)
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), BASE), *commands])
