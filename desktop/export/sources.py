"""The numbered "Sources" list at the end of a memo, and the citation numbers that point at it.

Sources are numbered in order of first citation. Two sources with the same DOI or URL are one
document to a reader (the database may hold one record per table of the same report), so they
share one number; their differing locators (pages, tables) are listed together.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from desktop.domain.models import Source
from desktop.export.fonts import markup
from desktop.export.styles import ACCENT, style

NUMBER_GAP = 5  # points between "[12]" and the entry's text
URL_WASTE = 0.3  # a link may split at a "/" when that leaves less than 30 % of a line empty


def link_of(source: Source) -> str:
    return f"https://doi.org/{source.doi.strip()}" if source.doi.strip() else source.url.strip()


def _document_key(source: Source) -> str:
    """What makes two source records the same document: DOI, else URL, else the record id."""
    if source.doi.strip():
        return "doi:" + source.doi.strip().lower()
    if source.url.strip():
        url = source.url.strip()
        scheme, _sep, rest = url.partition("://")
        return f"url:{scheme.lower()}://{rest.rstrip('/')}" if rest else "url:" + url
    return "id:" + source.id


def linked_mark(kind: str, number: int, text: str) -> str:
    """A mark that jumps to its note when clicked: ``kind`` is "source", "note" or "method"."""
    return f'<a href="#{kind}-{number}">{text}</a>'


def mark_target(kind: str, number: int) -> str:
    """Where ``linked_mark`` jumps: put at the start of the note's paragraph."""
    return f'<a name="{kind}-{number}"/>'


class SourceList:
    """Numbers sources in order of first citation, one number per document."""

    def __init__(self) -> None:
        self.entries: list[list[Source]] = []  # per number, the records it stands for
        self._numbers: dict[str, int] = {}

    @property
    def sources(self) -> list[Source]:
        return [entry[0] for entry in self.entries]

    def cite(self, sources: list[Source]) -> str:
        numbers = []
        for source in sources:
            key = _document_key(source)
            if key not in self._numbers:
                self.entries.append([])
                self._numbers[key] = len(self.entries)
            entry = self.entries[self._numbers[key] - 1]
            if all(s.id != source.id for s in entry):
                entry.append(source)
            numbers.append(self._numbers[key])
        if not numbers:
            return ""
        marks = ", ".join(linked_mark("source", n, str(n)) for n in sorted(set(numbers)))
        return f"<super>[{marks}]</super>"


SENTENCE_ENDS = (".", "…", "?", "!")  # a part ending so needs no full stop of its own


def join_parts(parts: list[str]) -> str:
    """"A. B. C." without a full stop after a part that already ends a sentence: "State Dept.",
    a title cut short with "…", or a title that asks a question."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out:
            out += " " if out.endswith(SENTENCE_ENDS) else ". "
        out += part
    return out


def _text(records: list[Source]) -> str:
    """One endnote for every record of one document (the USGS data release cited for several
    chapters): its title without a chapter's name, and the chapters it covers named once."""
    first = records[0]
    locators = list(dict.fromkeys(s.locator.strip() for s in records if s.locator.strip()))
    tier = first.tier_label[:1].upper() + first.tier_label[1:]  # "Official source"
    return join_parts([first.publisher, _title(records), first.edition, _places(locators),
                       first.dated, tier])


def _title(records: list[Source]) -> str:
    """The document's title: "Mineral commodity summaries 2026 data release" for records titled
    "…: Rare Earths" and "…: Gallium"; titles with nothing in common are all given."""
    titles = list(dict.fromkeys(s.title.strip() for s in records if s.title.strip()))
    if len(titles) < 2:
        return titles[0] if titles else ""
    heads = {title.rpartition(": ")[0] for title in titles}
    return heads.pop() if len(heads) == 1 and "" not in heads else "; ".join(titles)


CHAPTER = re.compile(r"^Chapter '([^']+)': (.+)$")


def _places(locators: list[str]) -> str:
    """Where in the document: "Chapters 'Rare Earths', 'Gallium' and 'Graphite': salient
    statistics, …" when every chapter was read for the same tables; else each as given."""
    found = [CHAPTER.match(locator) for locator in locators]
    if len(locators) > 1 and all(found) and len({m.group(2) for m in found}) == 1:
        names = [f"'{m.group(1)}'" for m in found]
        return f"Chapters {', '.join(names[:-1])} and {names[-1]}: {found[0].group(2)}"
    return "; ".join(locators)


def numbered_style(widest_label: str, name: str = "endnote") -> ParagraphStyle:
    """A hanging indent as wide as the widest number of the list, so every entry's text (and
    its wrapped lines) starts at the same place whether the number is [3] or [12]."""
    base = style(name)
    widest = stringWidth(widest_label, base.fontName, base.fontSize)
    return ParagraphStyle(f"{name}-{widest_label}", parent=base, leftIndent=widest + NUMBER_GAP,
                          firstLineIndent=0, bulletIndent=0, bulletFontName=base.fontName,
                          bulletFontSize=base.fontSize, uriWasteReduce=URL_WASTE)


LINK_BREAKS = re.compile(r"(?<=[/\-_?&=.#])")  # a link may break after these, nowhere else


def break_link(link: str, font: str, size: float, line: float) -> list[str]:
    """A link too long for a line, cut into lines after "/", "-", "?" and the like.

    reportlab would split a long link at "/" only, and set a segment with no "/" (a long
    article slug) past the right margin. Only a piece with no break at all is cut anywhere.
    """
    pieces: list[str] = []
    current = ""
    for token in LINK_BREAKS.split(link):
        if current and stringWidth(current + token, font, size) > line:
            pieces.append(current)
            current = ""
        while stringWidth(token, font, size) > line:  # no break point at all: cut it
            cut = max(1, int(len(token) * line / stringWidth(token, font, size)) - 1)
            pieces.append(token[:cut])
            token = token[cut:]
        current += token
    return pieces + ([current] if current else [])


def source_list(entries: list[list[Source]], width: float) -> list[Flowable]:
    if not entries:
        return []
    heading = Paragraph("Sources", style("h2"))
    heading.outline = (1, "Sources")
    numbered = numbered_style(f"[{len(entries)}]")
    out: list[Flowable] = [Spacer(1, 8), heading]
    for number, records in enumerate(entries, start=1):
        # one entry never splits: a link alone at the top of a page has lost its source
        entry = _entry(f"[{number}]", _text(records), link_of(records[0]), numbered, width,
                       mark_target("source", number))
        out.append(KeepTogether([entry]))
    out.append(Spacer(1, 4))
    return out


def _entry(number: str, text: str, link: str, numbered: ParagraphStyle,
           width: float, target: str = "") -> Paragraph:
    """One source; its link follows on the same line only if it fits there whole, otherwise
    it starts a line of its own (and splits only at a "/" when longer than a line)."""
    body = target + markup(text)
    if not link:
        stop = "." if body and not body.endswith(SENTENCE_ENDS) else ""
        return Paragraph(body + stop, numbered, bulletText=number)
    line = width - numbered.leftIndent
    shown = "<br/>".join(markup(piece) for piece in
                         break_link(link, numbered.fontName, numbered.fontSize, line))
    anchor = f'<a href={quoteattr(link)} color="#{ACCENT.hexval()[2:]}"><u>{shown}</u></a>'
    if not body:
        return Paragraph(anchor, numbered, bulletText=number)
    lead = body if body.endswith(SENTENCE_ENDS) else body + "."
    probe = Paragraph(lead, numbered, bulletText=number)
    probe.wrap(width, 10_000)
    last = probe.blPara.lines[-1]
    room = last.extraSpace if hasattr(last, "extraSpace") else last[0]
    needed = stringWidth(" " + link, numbered.fontName, numbered.fontSize)
    joiner = " " if needed <= room else "<br/>"
    return Paragraph(lead + joiner + anchor, numbered, bulletText=number)
