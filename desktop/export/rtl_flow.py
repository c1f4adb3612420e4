"""A paragraph that starts in Arabic or Hebrew, set right-aligned with its lines in reading order.

reportlab fills lines left to right from the text it is given; given a right-to-left paragraph
already in visual order, it would put the paragraph's last words on its first line. Here the
text is broken into lines in reading order first (``bidi.reading_lines``, measured as drawn),
and each line is put in visual order on its own. Inline formatting inside such a paragraph is
not kept in the PDF (its words are); the Word export keeps it, as Word lays out the text itself.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.export.bidi import reading_lines
from desktop.export.fonts import ensure, markup, runs
from desktop.export.long_flow import LongParagraph


class RightToLeft(Flowable):
    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.inner: LongParagraph | None = None
        self._laid_for: float | None = None

    def _measure(self, line: str) -> float:
        size = self.style.fontSize
        return sum(stringWidth(chunk, ensure(font), size)
                   for font, chunk in runs(line, right_to_left=True))

    def _lay_out(self, width: float) -> LongParagraph:
        if self.inner is None or self._laid_for != width:
            lines = reading_lines(self.text, width, self._measure)
            self.inner = LongParagraph("<br/>".join(markup(line, right_to_left=True)
                                                    for line in lines), self.style)
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
