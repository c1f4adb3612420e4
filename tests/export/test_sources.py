"""The "Sources" list and the notes: one number per document, clean joins, links, indents."""

from __future__ import annotations

import io

from pypdf import PdfReader

from desktop.domain.models import Source
from desktop.domain.resolved import ResolvedBlock
from desktop.export.memo_pdf import memo_to_pdf

LONG_URL = ("https://www.example.org/insights/2026/2/china-imposes-escalated-export-controls-on-"
            "dual-use-items-to-japan-and-other-long-path-segments")


def _source(number: int, **fields) -> Source:
    values = {"id": f"s{number}", "publisher": f"Publisher {number}", "title": f"Title {number}"}
    values.update(fields)
    return Source(**values)


def _memo_citing(sources: list[Source]) -> bytes:
    """Each block ``cite: n`` cites the n-th source."""
    def resolver(body: str) -> ResolvedBlock:
        number = int(body.split(":")[1])
        return ResolvedBlock(kind="figure", text=f"figure {number}", sources=[sources[number]])

    body = "\n\n".join(f"```brief\ncite: {n}\n```" for n in range(len(sources)))
    return memo_to_pdf(f"---\ntitle: Sources\n---\n\n{body}\n", resolver, invariant=True)


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_sources_with_the_same_url_or_doi_share_one_number():
    sources = [_source(0, url="https://example.org/report", locator="Table 1"),
               _source(1, url="https://example.org/report/", locator="Table 7"),
               _source(2, doi="10.5066/P1WKQ63T"), _source(3, doi="10.5066/p1wkq63t"),
               _source(4, url="https://example.org/other")]
    text = _text(_memo_citing(sources))
    sources_part = text.split("Sources", 2)[-1]
    assert "[1]" in sources_part and "[3]" in sources_part and "[4]" not in sources_part
    assert "Table 1; Table 7" in sources_part
    assert "figure 1[1]" in text and "figure 3[2]" in text and "figure 4[3]" in text


def test_parts_ending_with_a_full_stop_are_not_doubled():
    text = _text(_memo_citing([_source(0, publisher="State Dept.", title="Fact sheet.",
                                       published="2026-02-05")]))
    assert "State Dept. Fact sheet. 2026-02-05." in text.replace("\n", " ")
    assert ".." not in text


def test_a_long_link_starts_its_own_line_and_breaks_only_after_punctuation():
    sources = [_source(n, title="A title long enough to fill most of the line " * (n % 3 + 1),
                       url=LONG_URL) for n in range(4)]
    sources = [Source(**{**s.__dict__, "url": f"{LONG_URL}/{n}"}) for n, s in enumerate(sources)]
    pdf = _memo_citing(sources)
    lines = _text(pdf).split("Sources", 2)[-1].splitlines()
    starts = [line.strip() for line in lines if "https://www.example.org" in line]
    assert len(starts) == 4
    for line in lines:
        assert not line.rstrip().endswith(("htt", "https:", "https://", "https://www")), line
    for line in starts:  # the link starts its own line and, if split, splits after "/" or "-"
        assert line.startswith("https://") and (line.endswith(("/", "-")) or "segments/" in line)
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, f, size: found.append((t, tm[4] + cm[4])))
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop.export.fonts import BASE, ensure
    right = max(x + stringWidth(t, ensure(BASE), 8.5) for t, x in found if "-" in t)
    assert right <= 595.27 - 62.36 + 1  # nothing set past the right margin


def _x_of_texts(pdf: bytes, prefix: str) -> dict[str, float]:
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.startswith(prefix):
            found[text.split()[1].rstrip(".")] = round(tm[4] + cm[4])

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_source_text_starts_at_one_indent_for_every_number():
    pdf = _memo_citing([_source(n) for n in range(12)])
    x = _x_of_texts(pdf, "Publisher ")
    assert {"0", "9", "10", "11"} <= set(x)
    assert len({x["0"], x["9"], x["10"], x["11"]}) == 1, x


def test_notes_text_starts_at_one_indent_for_every_number():
    notes = "".join(f"Claim {n}.[^{n}]\n\n" for n in range(1, 13))
    notes += "".join(f"[^{n}]: Note {n} text.\n" for n in range(1, 13))
    pdf = memo_to_pdf(f"---\ntitle: Notes\n---\n\n{notes}", invariant=True)
    x = _x_of_texts(pdf, "Note ")
    assert {"1", "9", "10", "12"} <= set(x)
    assert len({x["1"], x["9"], x["10"], x["12"]}) == 1, x


def test_one_data_release_cited_for_several_chapters_is_one_endnote_naming_them():
    from desktop.export.sources import _text as endnote

    def chapter(name: str) -> Source:
        return _source(0, id=f"usgs-{name}", publisher="U.S. Geological Survey",
                       title=f"Mineral commodity summaries 2026 data release: {name}",
                       doi="10.5066/P1WKQ63T",
                       locator=f"Chapter '{name}': salient statistics, import sources")

    text = endnote([chapter("Rare Earths"), chapter("Gallium"), chapter("Graphite (Natural)")])
    assert text.startswith("U.S. Geological Survey. Mineral commodity summaries 2026 data "
                           "release. ")
    assert "Chapters 'Rare Earths', 'Gallium' and 'Graphite (Natural)': salient statistics, " \
           "import sources" in text
    assert text.count("salient statistics") == 1 and "release: Rare Earths" not in text
    assert endnote([chapter("Gallium")]).startswith(
        "U.S. Geological Survey. Mineral commodity summaries 2026 data release: Gallium. ")
    pdf = _text(_memo_citing([chapter("Rare Earths"), chapter("Gallium")]))
    assert "[2]" not in pdf.split("Sources", 2)[-1]  # one document, one number
