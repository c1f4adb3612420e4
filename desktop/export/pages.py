"""Page furniture: the marking at top and bottom, the running title, "Page X of Y", bookmarks.

"Page X of Y" needs the page count before any page is final, so the canvas keeps each finished
page's drawing state and writes the footers once the last page is known. Holding pages back means
reportlab's own page counter stands still until ``save``; bookmarks (which the outline and the
table of contents link to) are therefore pointed at the page they will really land on.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFInfo, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Frame, PageTemplate

from desktop.export.fonts import BASE, ensure, markup, runs
from desktop.export.styles import MARKING, MUTED, RULE

PAGE = A4
WIDE_PAGE = landscape(A4)  # for a table too wide to read on an upright page
NARROW, WIDE = "memo", "wide"  # the page templates
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 22 * mm, 26 * mm, 22 * mm


class MarkedInfo(PDFInfo):
    """The document information dictionary with the handling marking as an entry of its own
    ("/Marking (OFFICIAL-SENSITIVE)"), so records systems can read it without the pages."""

    marking = ""

    @classmethod
    def like(cls, info: PDFInfo, marking: str) -> MarkedInfo:
        marked = cls()
        marked.__dict__.update(info.__dict__)
        marked.marking = " ".join(marking.upper().split())
        return marked

    def format(self, document) -> bytes:
        text = super().format(document)
        head, end, tail = text.rpartition(b">>")
        entry = b"/Marking " + PDFString(self.marking).format(document) + b"\n"
        return head + entry + end + tail


class CountingCanvas(Canvas):
    """Holds every page until ``save`` so each footer can say how many pages there are."""

    def __init__(self, *args, furniture=None, **kwargs):
        # the canvas's own starting font would otherwise be Helvetica, which is not embedded
        kwargs["initialFontName"] = kwargs.get("initialFontName") or ensure(BASE)
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 10
        super().__init__(*args, **kwargs)
        self._held: list[dict] = []
        self._furniture = furniture
        if furniture is not None and furniture.marking:
            self._doc.info = MarkedInfo.like(self._doc.info, furniture.marking)

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def bookmarkPage(self, key: str, **kwargs) -> None:  # noqa: N802 (reportlab's name)
        """Point the bookmark at the page being drawn, not at the first page.

        reportlab names page objects "Page<n>" by counting real ``showPage`` calls, which only
        happen in ``save`` here; the page now being drawn will be the one after the held ones.
        """
        doc = self._doc
        real = doc.pageCounter
        doc.pageCounter = real + len(self._held)
        try:
            super().bookmarkPage(key, **kwargs)
        finally:
            doc.pageCounter = real

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            if self._furniture is not None:
                self._furniture.draw_footer(self, total)
            super().showPage()
        super().save()


class Furniture:
    """What is drawn on every page around the text frame."""

    def __init__(self, title: str, marking: str) -> None:
        self.title = title
        self.marking = marking

    def draw_header(self, canvas: Canvas, doc) -> None:
        width, height = canvas._pagesize  # upright, or a landscape page for a wide table
        canvas.saveState()
        if self.marking:
            self._marking(canvas, height - 11 * mm)
        canvas.setFillColor(MUTED)
        if doc.page > 1:
            room = width - 2 * MARGIN_X
            draw_text(canvas, MARGIN_X, height - 18 * mm, shortened(self.title, 8, room), 8,
                      max_width=room)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN_X, height - 19.5 * mm, width - MARGIN_X, height - 19.5 * mm)
        canvas.restoreState()

    def draw_footer(self, canvas: Canvas, total: int) -> None:
        width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(ensure(BASE), 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - MARGIN_X, 12 * mm,
                               f"Page {canvas.getPageNumber()} of {total}")
        if self.marking:
            self._marking(canvas, 7 * mm)
        canvas.restoreState()

    def _marking(self, canvas: Canvas, y: float) -> None:
        """The protective marking, centred; a marking too long for one line at a legible size
        goes on two lines rather than shrinking to an unreadable one."""
        canvas.setFillColor(MARKING)
        page_width = canvas._pagesize[0]
        text, width = " ".join(self.marking.upper().split()), page_width - 2 * MARGIN_X
        font = ensure(BASE + "-Bold")
        lines = [text]
        if stringWidth(text, font, MARKING_MIN_SIZE) > width and " " in text:
            lines = _two_lines(text)  # (two lines still too long do shrink, as a last resort)
        step = 8.5 if len(lines) == 2 else 0
        for number, line in enumerate(lines):
            draw_text(canvas, page_width / 2, y + step / 2 - number * step, line, 9,
                      base=BASE + "-Bold", centred=True, max_width=width,
                      min_size=MARKING_MIN_SIZE if len(lines) == 1 else 5.0)


MARKING_MIN_SIZE = 7.0  # a marking must stay legible: below this it wraps onto two lines


def _two_lines(text: str) -> list[str]:
    """Split at the space nearest the middle, so both lines are about as long."""
    middle = len(text) / 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return [text[:cut], text[cut + 1:]]


def drawn_width(text: str, size: float, base: str = BASE) -> float:
    return sum(stringWidth(chunk, ensure(font), size) for font, chunk in runs(text, base))


def shortened(text: str, size: float, max_width: float, base: str = BASE) -> str:
    """``text`` on one line within ``max_width`` at ``size``: whole if it fits, else cut at the
    last word that fits and ended with "…" (a single long word is cut inside)."""
    text = " ".join(text.split())
    if drawn_width(text, size, base) <= max_width:
        return text
    words = text.split(" ")
    while len(words) > 1 and drawn_width(" ".join(words) + " …", size, base) > max_width:
        words.pop()
    kept = " ".join(words)
    if len(words) > 1:
        return kept.rstrip(",;:–—-") + " …"
    while kept and drawn_width(kept + "…", size, base) > max_width:
        kept = kept[:-1]
    return kept + "…"


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, base: str = BASE,
              centred: bool = False, max_width: float | None = None,
              min_size: float = 5.0) -> None:
    """One line in as many fonts as its scripts need; shrunk (down to ``min_size``) to fit."""
    pieces = [(ensure(font), chunk) for font, chunk in runs(" ".join(text.split()), base)]
    width = sum(stringWidth(chunk, font, size) for font, chunk in pieces)
    if max_width and width > max_width:
        size = max(min_size, size * max_width / width)
        width = sum(stringWidth(chunk, font, size) for font, chunk in pieces)
    cursor = x - width / 2 if centred else x
    for font, chunk in pieces:
        canvas.setFont(font, size)
        canvas.drawString(cursor, y, chunk)
        cursor += stringWidth(chunk, font, size)


class PageTurn(ActionFlowable):
    """A new page on another template: a landscape page before a wide table, and an upright
    one after it."""

    def __init__(self, template: str) -> None:
        super().__init__(("nextPageTemplate", template))
        self.template = template

    def apply(self, doc) -> None:
        doc.handle_nextPageTemplate(self.template)
        doc.handle_pageBreak()


class MemoDocument(BaseDocTemplate):
    """A4 pages, one frame (a landscape page for a wide table); headings become PDF bookmarks
    (and table-of-contents entries)."""

    def __init__(self, target, furniture: Furniture, **kwargs) -> None:
        super().__init__(target, pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, **kwargs)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.wide_width = WIDE_PAGE[0] - 2 * MARGIN_X
        wide = Frame(MARGIN_X, MARGIN_BOTTOM, self.wide_width,
                     WIDE_PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM, id="wide-body")
        self.addPageTemplates([
            PageTemplate(NARROW, [frame], onPage=furniture.draw_header, pagesize=PAGE),
            PageTemplate(WIDE, [wide], onPage=furniture.draw_header, pagesize=WIDE_PAGE)])
        self._last_level = -1  # no outline entry yet: the first must be at level 0
        self._bookmarks = 0
        self.on_page: Callable[[int], None] | None = None  # told each finished page; may raise

    def afterPage(self) -> None:  # noqa: N802 (reportlab's name)
        """Report progress; the callback stops a long export by raising (the user cancelled)."""
        if self.on_page is not None:
            self.on_page(self.page)

    def beforeDocument(self) -> None:  # noqa: N802 (reportlab's name): once per build pass
        self._last_level = -1  # no outline entry yet: the first must be at level 0
        self._bookmarks = 0

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab's name)
        outline = getattr(flowable, "outline", None)
        if not outline:
            return
        level, text = outline
        level = max(0, min(level - 1, self._last_level + 1))  # outlines may not skip a level
        self._last_level = level
        self._bookmarks += 1
        if self._bookmarks == 1:
            self.canv.showOutline()  # the reader opens with the outline shown
        key = f"heading-{self._bookmarks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text or "(untitled)", key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, markup(text or "(untitled)"), self.page, key))
