"""Paragraphs that stay cheap to lay out however long they are.

When a paragraph does not fit on a page, reportlab keeps the lines that fit and makes a new
paragraph of everything else, which it breaks into lines again on the next page. A paragraph of
N pages is therefore broken into lines N times over, so its cost grows with the square of its
length: a 40 000-word paragraph took 17 s, a 5 MB memo did not finish in two minutes.

``LongParagraph`` pays that price once. At its first page break it breaks the rest into lines
one more time and hands the page template a run of plain paragraphs of at most
``LINES_PER_PIECE`` lines each, cut exactly where reportlab's own lines end. Each piece is built
the way reportlab builds the rest of a split paragraph (same fragments, same style without the
first-line indent and bullet), so a piece breaks into the very same lines the whole paragraph
would have. The pieces carry no space between them, so they print as one paragraph.
"""

from __future__ import annotations

from copy import copy

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

LINES_PER_PIECE = 40  # under a page of body text: each later split re-breaks a bounded piece


class LongParagraph(Paragraph):
    """A Paragraph whose remainder after a page break is a run of bounded pieces.

    Short paragraphs never notice: a remainder of ``LINES_PER_PIECE`` lines or fewer is
    returned as reportlab made it.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head, rest = parts
        done = len(head.blPara.lines)
        if getattr(self, "width", None) == availWidth and hasattr(self, "blPara"):
            # the lines after the page break are already known: no need to break them again
            if len(self.blPara.lines) - done <= LINES_PER_PIECE:
                return parts
            return [head, *pieces(self, done)]
        rest.wrap(availWidth, float("inf"))
        return [head, *pieces(rest, 0)]


def pieces(paragraph: Paragraph, start: int) -> list[Paragraph]:
    """The lines of ``paragraph`` from ``start`` on, as paragraphs of at most
    ``LINES_PER_PIECE`` lines each (``paragraph`` must be broken into lines already).

    The cuts fall between reportlab's own lines, so every piece, broken again at the same
    width, gives back exactly its share of lines. Only the last piece keeps the paragraph's
    space after; none keeps space before, so they stack one line's leading apart.
    """
    blpara = paragraph.blPara
    lines = blpara.lines
    if start == 0 and len(lines) <= LINES_PER_PIECE:
        return [paragraph]
    cut = paragraph._get_split_blParaFunc()
    inner = _without_space(paragraph.style, after=True)
    last = _without_space(paragraph.style, after=False)
    out: list[Paragraph] = []
    for first in range(start, len(lines), LINES_PER_PIECE):
        stop = min(first + LINES_PER_PIECE, len(lines))
        final = stop == len(lines)
        piece = _Piece(None, last if final else inner, frags=cut(blpara, first, stop))
        piece.final = final
        if not final:
            # a justified paragraph's lines are all justified but its very last one; a piece's
            # last line is not the paragraph's, unless the writer broke the line there
            piece._JustifyLast = not getattr(lines[stop - 1], "lineBreak", False)
        if hasattr(paragraph, "autoLeading"):  # set on the instance by some callers
            piece.autoLeading = paragraph.autoLeading
        out.append(piece)
    return out


class _Piece(Paragraph):
    """Part of a paragraph: its first line is never an orphan, nor its last line a widow.

    The whole paragraph would not leave one line alone at the foot of a page where a piece
    begins, nor move a page's worth of lines because only a piece's last line (not the
    paragraph's) falls on the next page.
    """

    allowOrphans = 1
    final = True

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and not self.final and hasattr(self, "blPara"):
            # a list item (LIIndenter) keeps a lone last line with its paragraph by moving
            # the whole paragraph on, judging by ``blPara``; a piece's last line is not alone
            del self.blPara
        return parts


def _without_space(style: ParagraphStyle, *, after: bool) -> ParagraphStyle:
    """The style with no space before (and, for all but the last piece, none after)."""
    changed = copy(style)
    changed.spaceBefore = 0
    if after:
        changed.spaceAfter = 0
    changed.firstLineIndent = 0  # reportlab's own remainder drops it too
    return changed

