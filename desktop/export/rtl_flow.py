"""A paragraph that starts in Arabic or Hebrew, set right-aligned with its lines in reading order.

reportlab fills lines left to right from the text it is given; given a right-to-left paragraph
already in visual order, it would put the paragraph's last words on its first line. Here the
paragraph's pieces (``inline.pieces``: its text with the bold, italics, links and marks each
stretch is set in) are joined into one text in reading order, broken into lines in reading order
(``bidi.line_spans``, measured as drawn), and each line is put in visual order letter by letter
(``bidi.visual_order``); each letter keeps its piece, so the formatting follows the words.
Arabic letters are joined within each piece: a word half bold, half not, joins in each half.
"""

from __future__ import annotations

import re

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.export.bidi import joined, line_spans, visual_order
from desktop.export.fonts import ensure, face, runs
from desktop.export.inline import Piece
from desktop.export.long_flow import LongParagraph

WHITESPACE = re.compile(r"[ \t\r\n]+")  # what a Paragraph collapses (a soft line break too)
STAND_IN = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: a mark drawn as a whole (neutral in bidi)


class RightToLeft(Flowable):
    def __init__(self, parts: list[Piece], style: ParagraphStyle) -> None:
        super().__init__()
        self.parts = parts
        self.style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.text, self.owner = _reading_text(parts)
        self.inner: LongParagraph | None = None
        self._laid_for: float | None = None

    def _stretches(self, indices: list[int], chars: list[str]) -> list[tuple[Piece, str]]:
        """Consecutive characters of one piece, with their piece."""
        out: list[tuple[int, str]] = []
        for index, char in zip(indices, chars, strict=True):
            owner = self.owner[index]
            if out and out[-1][0] == owner:
                out[-1] = (owner, out[-1][1] + char)
            else:
                out.append((owner, char))
        return [(self.parts[owner], text) for owner, text in out]

    def _measure(self, start: int, end: int) -> float:
        size = self.style.fontSize
        span = range(start, end)
        return sum(stringWidth(chunk, ensure(face(font, piece.bold)), size)
                   for piece, text in self._stretches(list(span), list(self.text[start:end]))
                   for font, chunk in runs(text if not piece.atom else piece.text, piece.base,
                                           in_visual_order=True))

    def _line(self, start: int, end: int) -> str:
        drawn = visual_order(self.text[start:end])
        stretches = self._stretches([start + index for index, _ in drawn],
                                    [char for _, char in drawn])
        return "".join(piece.markup(text, in_visual_order=True) for piece, text in stretches)

    def _lay_out(self, width: float) -> LongParagraph:
        if self.inner is None or self._laid_for != width:
            lines = [self._line(start, end)
                     for start, end in line_spans(self.text, width, self._measure)]
            self.inner = LongParagraph("<br/>".join(lines), self.style)
            self._laid_for = width
        return self.inner

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = self._lay_out(availWidth).wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return self._lay_out(availWidth).split(availWidth, availHeight)

    def draw(self) -> None:
        assert self.inner is not None, "wrap() comes before draw()"
        self.inner.drawOn(self.canv, 0, 0)


def _reading_text(parts: list[Piece]) -> tuple[str, list[int]]:
    """The paragraph's text in reading order, Arabic joined within each piece, whitespace
    collapsed, a line break as "\\n" and a mark as one neutral character; and for each
    character, the index of its piece."""
    text: list[str] = []
    owner: list[int] = []
    for number, piece in enumerate(parts):
        if piece.atom:
            shaped = "\n" if piece.text == "\n" else STAND_IN
        else:
            shaped = joined(WHITESPACE.sub(" ", piece.text))
        text.append(shaped)
        owner.extend([number] * len(shaped))
    return "".join(text), owner
