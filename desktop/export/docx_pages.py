"""Word pages: A4 upright with the PDF's margins, and landscape pages for a wide table.

Word ends a section with a paragraph whose properties hold the section's settings; the body's
own settings (the last section's) are set apart while the memo is written (``docx_memo``) and
given here, so a wide table is put between two such breaks: the one before ends an upright
section, the one after a landscape one. Headers and footers carry over from the first section.
"""

from __future__ import annotations

import copy

from docx.enum.section import WD_SECTION_START
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml.etree import _Element

from desktop.export.docx_blocks import Where
from desktop.export.docx_text import PPR_ORDER, put
from desktop.export.keeping import announces
from desktop.export.memo_pdf import FRAME_PADDING
from desktop.export.pages import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE, WIDE_PAGE

#: the text width of an upright page and of a landscape one, as the PDF's (its frame padding
#: taken off the upright one; ``docx_memo`` takes it off the landscape one where it sets a table)
WIDTH = PAGE[0] - 2 * MARGIN_X - 2 * FRAME_PADDING
WIDE_WIDTH = WIDE_PAGE[0] - 2 * MARGIN_X


def page_setup(doc) -> None:
    """A4 with the PDF's margins."""
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Pt(PAGE[0]), Pt(PAGE[1])
    section.left_margin = section.right_margin = Pt(MARGIN_X)
    section.top_margin, section.bottom_margin = Pt(MARGIN_TOP), Pt(MARGIN_BOTTOM)
    section.header_distance, section.footer_distance = Mm(8), Mm(6)


class PageTurns:
    """Section breaks around wide tables; two wide tables in a row share landscape pages."""

    def __init__(self, settings: _Element) -> None:
        self.settings = settings  # the body's w:sectPr: upright A4
        self._last_end: _Element | None = None  # the break that ends the latest landscape run

    def to_landscape(self, where: Where) -> None:
        """Start landscape pages; the heading or lead-in just before the table comes along,
        and a few paragraphs since the last wide table stay on its landscape pages."""
        body = where.element
        since = list(body)[-(MAX_BETWEEN + 1):]
        if self._last_end is not None and self._last_end in since and all(
                e.tag == qn("w:p") for e in since[since.index(self._last_end) + 1:]):
            body.remove(self._last_end)
            return
        position = len(body) - _leads(body)
        end = self._break(where, landscape=False)
        body.remove(end)
        body.insert(position, end)

    def to_upright(self, where: Where) -> None:
        self._last_end = self._break(where, landscape=True)

    def finish(self, body: _Element) -> None:
        """A memo that ends on a wide table ends on its landscape page, not a blank one."""
        if self._last_end is not None and len(body) and body[-1] is self._last_end:
            body.remove(self._last_end)
            _turn(self.settings)

    def _break(self, where: Where, landscape: bool) -> _Element:
        """A paragraph ending a section that is upright, or ``landscape``."""
        paragraph = where.paragraph()
        settings = copy.deepcopy(self.settings)
        for reference in settings.findall(qn("w:headerReference")) + \
                settings.findall(qn("w:footerReference")):
            settings.remove(reference)  # inherited from the section before
        if landscape:
            _turn(settings)
        put(paragraph._p.get_or_add_pPr(), settings, PPR_ORDER)
        return paragraph._p


def _turn(settings: _Element) -> None:
    """Section settings made landscape (sizes in twentieths of a point)."""
    size = settings.find(qn("w:pgSz"))
    size.set(qn("w:w"), str(round(WIDE_PAGE[0] * 20)))
    size.set(qn("w:h"), str(round(WIDE_PAGE[1] * 20)))
    size.set(qn("w:orient"), "landscape")


MAX_BETWEEN = 3  # paragraphs between two wide tables that share their landscape pages


def _leads(body: _Element) -> int:
    """How many paragraphs at the end of ``body`` lead into what follows: headings, and
    paragraphs that announce it (``keeping.announces``)."""
    count = 0
    for item in reversed(list(body)[-MAX_BETWEEN:]):
        style = item.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if item.tag == qn("w:p") else None
        heading = style is not None and style.get(qn("w:val"), "").startswith("Heading")
        if item.tag != qn("w:p") or not (heading or announces("".join(item.itertext()))):
            break
        count += 1
    return count
