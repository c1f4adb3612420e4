"""Column widths and font size for tables of figures.

A table in a briefing is read for its numbers, so a number is never broken across lines and a
header wraps only between words. Widths are measured in points on the text as it will be set.
When even the narrowest unbroken layout is wider than the page, the whole table is set smaller
(down to ``MIN_SIZE``) rather than broken. Past that floor header words may break; figures are
kept whole by going smaller still, and only if even that fails do columns share the width in
proportion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.export.fonts import BASE, ensure
from desktop.export.styles import style

BASE_SIZE = 8.5  # the cell size in styles.py; everything here is measured at it and scaled
MIN_SIZE = 6.5  # smaller than this is no longer comfortable to read on paper
LAST_RESORT_SIZE = 5.0  # only to keep figures whole in tables of very many columns
PADDING = 6.0  # reportlab's default left and right cell padding
TIGHT_PADDING = 3.0  # used once the table must be set smaller than BASE_SIZE
AIR = 1.5  # points beyond the measured text, so rounding never wraps a cell that fits
SHORT_COLUMN = 80  # columns that fit in this many points keep their natural width
LONG_FLOOR = 100  # and every other column gets at least this much before the rest is shared
WORD_CAP = 110  # a single long word (a URL) in a text column may break beyond this width
TEXT_FLOOR = 50  # a text column squeezed by many figures keeps words this wide whole (~10 letters)
MAX_MEASURED_ROWS = 200  # measuring every row of a huge table costs time and changes nothing

NUMBER = re.compile(r"^[<>~≈±+\-−]?\s?[$€£¥]?\d[\d,.\u202f\u00a0 ]*\s?(%|e|[kKMB]|bn)?$")


def is_number(text: str) -> bool:
    """A figure as printed: "270,000e", "69.2 %", "<0.1", "-12.5", "1 234"."""
    return bool(NUMBER.match(text.strip()))


def numeric_columns(texts: list[list[str]]) -> list[bool]:
    """Which columns of a typed table (visible texts, header row first) hold figures: every
    body cell a number or empty, and at least one filled."""
    columns = max((len(row) for row in texts), default=0)
    body = texts[1:]
    return [bool(body) and any(row[i] for row in body) and
            all(is_number(row[i]) or not row[i] for row in body) for i in range(columns)]


@dataclass(frozen=True)
class TableLayout:
    widths: list[float]
    size: float  # the font size every cell of this table is set in
    padding: float  # left and right padding of each cell
    cramped: bool = False  # below MIN_SIZE or header words broken: wants a wider (landscape) page

    @property
    def leading(self) -> float:
        return round(self.size * 11 / 8.5, 2)

    def cell_style(self, name: str, align: str = "LEFT") -> ParagraphStyle:
        """``style(name)`` at this table's size, aligned as its column."""
        return _sized(name, self.size, self.leading, align)


ALIGNMENTS = {"LEFT": TA_LEFT, "CENTER": TA_CENTER, "RIGHT": TA_RIGHT}


@cache
def _sized(name: str, size: float, leading: float, align: str) -> ParagraphStyle:
    base = style(name)
    if size == base.fontSize and ALIGNMENTS[align] == base.alignment:
        return base
    return ParagraphStyle(f"{name}@{size}{align}", parent=base, fontSize=size, leading=leading,
                          alignment=ALIGNMENTS[align])


def _words(text: str) -> list[str]:
    return text.split() or [""]


def measure(rows: list[list[str]], numeric: list[bool]
            ) -> tuple[list[float], list[float], list[float], list[float]]:
    """Per column, at ``BASE_SIZE`` and without padding: the widest cell on one line (natural);
    the narrowest the column may be without breaking a figure or a header word (minimum); and
    the narrowest without breaking a figure (figures), the last resort for very wide tables;
    and the mean width of the body cells (mass), which says how much text the column holds.

    ``rows`` are the visible texts, header first.
    """
    head_font, body_font = ensure(style("cell_head").fontName), ensure(BASE)
    columns = len(numeric)
    natural, minimum, figures = [0.0] * columns, [0.0] * columns, [0.0] * columns
    mass = [0.0] * columns
    for number, row in enumerate(rows[:MAX_MEASURED_ROWS + 1]):
        font = head_font if number == 0 else body_font
        for index, text in enumerate(row[:columns]):
            text = " ".join(str(text).split())
            whole = stringWidth(text, font, BASE_SIZE)
            natural[index] = max(natural[index], whole)
            mass[index] += whole if number > 0 else 0.0
            if number > 0 and (numeric[index] or is_number(text)):
                least = whole  # a figure stays on one line
                figures[index] = max(figures[index], whole)
            else:
                least = max(stringWidth(w, font, BASE_SIZE) for w in _words(text))
                if number > 0:  # header words never break; a long word in the body may
                    least = min(least, WORD_CAP)
            minimum[index] = max(minimum[index], least)
    body_rows = max(1, min(len(rows), MAX_MEASURED_ROWS + 1) - 1)
    return natural, minimum, figures, [m / body_rows for m in mass]


def layout(rows: list[list[str]], numeric: list[bool], width: float) -> TableLayout:
    """Widths (and, if need be, a smaller size) so the table fits ``width`` points."""
    natural, minimum, figures, mass = measure(rows, numeric)
    columns = len(numeric)
    pad = 2 * PADDING + AIR
    if sum(natural) + columns * pad <= width:
        widths = [w + pad for w in natural]
        spare = width - sum(widths)
        longest = max(range(columns), key=lambda i: natural[i])
        widths[longest] += spare
        return TableLayout(widths, BASE_SIZE, PADDING)
    if sum(minimum) + columns * pad <= width:
        return TableLayout(_share([w + pad for w in natural], [w + pad for w in minimum],
                                  width, mass=mass), BASE_SIZE, PADDING)
    # the narrowest unbroken layout is too wide: set the table smaller, with tighter padding
    pad = 2 * TIGHT_PADDING + AIR
    scale = max(MIN_SIZE / BASE_SIZE, (width - columns * pad) / max(sum(minimum), 1))
    size = max(MIN_SIZE, round(BASE_SIZE * scale - 0.05, 1))  # a tenth below, never above
    scale = size / BASE_SIZE
    least = [w * scale + pad for w in minimum]
    full = [w * scale + pad for w in natural]
    if sum(least) <= width:
        return TableLayout(_share(full, least, width, mass=mass), size, TIGHT_PADDING)
    # even MIN_SIZE is too wide: header words may now break, figures still may not, and a
    # text column keeps its short words whole (a name never stacks one letter per line)
    floor = [max(figures[i], min(minimum[i], TEXT_FLOOR)) for i in range(columns)]
    unbroken = [w * scale + pad for w in floor]
    if sum(unbroken) <= width:
        return TableLayout(_share(least, unbroken, width, short_first=False), size,
                           TIGHT_PADDING, cramped=True)
    # so many figures that they do not fit side by side even at MIN_SIZE: a figure broken in
    # two is misread, so as a last resort they are set smaller still, down to LAST_RESORT_SIZE
    size = max(LAST_RESORT_SIZE, round(BASE_SIZE * (width - columns * pad)
                                       / max(sum(floor), 1) - 0.05, 1))
    scale = size / BASE_SIZE
    unbroken = [w * scale + pad for w in floor]
    least = [w * scale + pad for w in minimum]
    if sum(unbroken) <= width:
        return TableLayout(_share(least, unbroken, width, short_first=False), size,
                           TIGHT_PADDING, cramped=True)
    total = sum(unbroken)  # nothing else helps: share in proportion
    return TableLayout([width * w / total for w in unbroken], size, TIGHT_PADDING,
                       cramped=True)


def _share(natural: list[float], minimum: list[float], width: float,
           short_first: bool = True, mass: list[float] | None = None) -> list[float]:
    """Between the minimum and the natural widths: short columns (dates, ranks, figures) keep
    their natural width where they can, the long text columns share what is left.

    The rest goes by how much text a column holds (``mass``) rather than by its longest cell, so
    a timeline's Event column, long on every row, is not squeezed by a Document column that is
    long on one row and empty on the others.
    """
    columns = len(natural)
    short = [i for i in range(columns) if short_first and natural[i] <= SHORT_COLUMN]
    # a long column mostly empty (one long cell) gets a smaller floor than one full on every row
    fill = [min(1.0, mass[i] / natural[i]) if mass is not None and natural[i] else 1.0
            for i in range(columns)]
    floors = [natural[i] if i in short else
              max(minimum[i], min(natural[i], LONG_FLOOR * max(fill[i], 0.5)))
              for i in range(columns)]
    if sum(floors) > width:
        floors = list(minimum)
    widths = list(floors)
    weight = mass if mass is not None and sum(mass) > 0 else natural
    open_ = {i for i in range(columns) if natural[i] > widths[i]}
    for _round in range(columns):  # give by weight; a column is never wider than its natural
        spare = width - sum(widths)
        total = sum(weight[i] for i in open_)
        if spare <= 0.01 or not open_ or total <= 0:
            break
        for i in list(open_):
            widths[i] = min(natural[i], widths[i] + spare * weight[i] / total)
            if widths[i] >= natural[i]:
                open_.discard(i)
    spare = width - sum(widths)
    if spare > 0.01:  # every column reached its natural width, or none had weight
        need = [natural[i] - widths[i] for i in range(columns)]
        total = sum(need)
        widths = [w + spare * (need[i] / total if total > 0 else 1 / columns)
                  for i, w in enumerate(widths)]
    return widths
