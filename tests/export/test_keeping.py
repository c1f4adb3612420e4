"""Second layout audit: axis titles, what must share a page, endnote joins, marks; each test
failed before its fix."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF

from desktop.domain.models import Source
from desktop.domain.resolved import ChartSpec, ResolvedBlock
from desktop.export.charts import line_chart
from desktop.export.inline import FOOTNOTE_COLOUR
from desktop.export.markdown_flow import FlowContext, to_flowables
from desktop.export.memo_pdf import memo_to_pdf
from desktop.export.sources import join_parts

PARA = "Filler sentence for layout testing purposes only. " * 3


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def page_of(pages: list[str], text: str) -> int:
    return next(i for i, page in enumerate(pages) if text in page)


def test_the_vertical_axis_title_clears_the_widest_tick_label():
    spec = ChartSpec(kind="line", title="t", value_label="Reserves (metric tons)",
                     series={"World": [(2000, 8.0e7), (2010, 1.2e8)],
                             "China": [(2000, 4e7), (2010, 4.4e7)]})
    page = PdfReader(io.BytesIO(renderPDF.drawToString(line_chart(spec, 460)))).pages[0]
    ticks, title = [], []

    def visit(text, cm, tm, font, size):
        if re.fullmatch(r"[\d,]+", text.strip()) and cm[5] + tm[5] > 55:  # not the years
            ticks.append(cm[4] + tm[4])
        if "Reserves" in text:
            title.append(cm[4])  # turned a quarter turn: its baseline is at x

    page.extract_text(visitor_text=visit)
    assert len(ticks) >= 2 and title
    assert min(ticks) > title[0] + 2 + 2, (min(ticks), title)  # its descent, and a gap


def test_a_heading_and_a_long_markdown_table_start_on_the_page_with_room():
    rows = "\n".join(f"| {n} | Country {n} | {n * 1234:,} |" for n in range(1, 80))
    memo = ("---\ntitle: Long\n---\n\n" + (PARA + "\n\n") * 6 + "## Long table XYZ\n\n"
            + "| # | Country | Value |\n|--:|---|--:|\n" + rows + "\n")
    pages = pages_of(memo_to_pdf(memo, invariant=True))
    assert page_of(pages, "Long table XYZ") == 0  # not moved whole to page 2
    assert page_of(pages, "Country 1\n") == 0 or "Country 3" in pages[0]
    assert "Country 79" in pages[-1] and len(pages) > 1


@pytest.mark.parametrize("block", [
    "| Year | Event |\n|---|---|\n" + "\n".join(f"| {2000 + n} | event {n} |"
                                            for n in range(8)),
    "\n".join(f"- item {n} of the list" for n in range(8)),
])
def test_a_lead_in_ending_with_a_colon_stays_with_what_it_announces(block):
    for count in range(10, 22):  # the lead-in falls at every height near the foot of page 1
        memo = ("---\ntitle: Lead\n---\n\n" + (PARA + "\n\n") * count
                + "short line.\n\n" * (count % 3) + "The steps so far LEADIN:\n\n" + block + "\n")
        pages = pages_of(memo_to_pdf(memo, invariant=True))
        lead = page_of(pages, "LEADIN")
        first = page_of(pages, "2000" if block.startswith("|") else "item 0")
        assert lead == first, count


def test_a_table_note_never_starts_a_page_alone(resolver):
    block = "```brief\nkind: production-table\nmineral: rare-earths\ntop: 8\n```"
    for count in range(20, 40):
        memo = ("---\ntitle: Note\nstyle: full\n---\n\n" + (PARA + "\n\n") * count
                + "short line.\n\n" * (count % 4) + block + "\n\nAfter.\n")
        pages = pages_of(memo_to_pdf(memo, resolver))
        note = page_of(pages, "Data year")
        before = pages[note].split("Data year", 1)[0]
        assert "World" in before, count  # the table's last row is on the note's page


def _source(number: int) -> Source:
    return Source(id=f"s{number}", publisher=f"Publisher {number}",
                  title="A title long enough to wrap onto a second line of the list " * 4,
                  url=f"https://www.example.org/a/long/path/for/entry-{number}/document-x{number}")


def test_an_endnote_is_never_split_across_pages():
    sources = [_source(n) for n in range(60)]

    def resolver(body: str) -> ResolvedBlock:
        number = int(body.split(":")[1])
        return ResolvedBlock(kind="figure", text=f"figure {number}", sources=[sources[number]])

    body = "\n\n".join(f"```brief\ncite: {n}\n```" for n in range(len(sources)))
    for lead in range(6):  # entries fall differently against the page foot
        memo = "---\ntitle: Refs\n---\n\n" + "short line.\n\n" * lead + body + "\n"
        pages = pages_of(memo_to_pdf(memo, resolver, invariant=True))
        flat = [re.sub(r"\s", "", p) for p in pages]
        for number in range(1, 61):
            entry = page_of(flat, f"[{number}]Publisher{number - 1}.")
            assert f"document-x{number - 1}" in flat[entry], (lead, number)


def test_a_part_ending_with_an_ellipsis_or_question_takes_no_full_stop():
    assert join_parts(["adopte une politique de …", "2025-09-21"]) == \
        "adopte une politique de … 2025-09-21"
    assert join_parts(["Why?", "Now!", "Then"]) == "Why? Now! Then"


def test_a_numeric_header_ends_where_its_numbers_end():
    memo = ("---\ntitle: Align\n---\n\n| Import source | Share of US imports (2021–2024) |\n"
            "|---|---|\n| Canada | 28.0 % |\n| Japan | 2.0 % |\n")
    page = PdfReader(io.BytesIO(memo_to_pdf(memo, invariant=True))).pages[0]
    ends = {}

    def visit(text, cm, tm, font, size):
        if text.strip() in ("Share of US imports (2021–2024)", "28.0 %", "2.0 %"):
            from reportlab.pdfbase.pdfmetrics import stringWidth

            name = "DejaVuSans-Bold" if "Share" in text else "DejaVuSans"
            ends[text.strip()] = cm[4] + tm[4] + stringWidth(text.strip(), name, size)

    page.extract_text(visitor_text=visit)
    assert len(ends) == 3
    assert max(ends.values()) - min(ends.values()) < 1.0, ends


def test_footnote_marks_look_unlike_source_numbers():
    ctx = FlowContext(width=400, resolver=None, base_dir=None, cite=lambda sources: "")
    paragraph = to_flowables("Text with a note.[^a]\n\n[^a]: The note.\n", ctx)[0]
    # a bare number in the accent colour, a link to its note; a source is a bracketed number
    # in ink
    assert f'<super><a href="#note-1"><font color="{FOOTNOTE_COLOUR}">1</font></a></super>' \
        in paragraph.text
    assert FOOTNOTE_COLOUR.lower() == "#1f4e79"


def test_a_missing_year_leaves_a_gap_in_the_exported_line():
    spec = ChartSpec(kind="line", title="t", value_label="Metric tons",
                     series={"China": [(2020, 1.0), (2021, 2.0), (2022, 3.0),
                                       (2024, 4.0), (2025, 5.0)],
                             "World": [(2020, 9.0), (2021, 9.5)]})
    plot = next(item for item in line_chart(spec, 460).contents if hasattr(item, "data"))
    assert plot.data == [[(2020, 1.0), (2021, 2.0), (2022, 3.0)], [(2024, 4.0), (2025, 5.0)],
                         [(2020, 9.0), (2021, 9.5)]]
    assert plot.lines[0].strokeColor == plot.lines[1].strokeColor  # one series, one colour
    assert plot.lines[2].strokeColor != plot.lines[0].strokeColor


def test_a_table_going_on_after_a_page_break_says_continued():
    rows = "\n".join(f"| Country {n} | {n * 1234:,} |" for n in range(1, 90))
    memo = "---\ntitle: Long\n---\n\n" + "| Country | Value |\n|---|--:|\n" + rows + "\n"
    pages = pages_of(memo_to_pdf(memo, invariant=True))
    assert len(pages) >= 2
    assert "(continued)" not in pages[0]
    assert all("(continued)" in page for page in pages[1:] if "Country 89" in page
               or "Country 60" in page)


def test_a_data_block_continued_names_its_table_and_never_strands_its_last_row(resolver):
    block = "```brief\nkind: production-table\nmineral: rare-earths\n```\n"
    title = "Rare earths: mine production, 2025 (metric tons) (continued)"
    share = re.compile(r"^<?[\d.]+ %$", re.M)
    splits = 0
    for lines in range(16, 27):  # move the page break over every row of the table
        memo = "---\ntitle: T\n---\n\n" + "Short line.\n\n" * lines + block
        pages = pages_of(memo_to_pdf(memo, resolver, invariant=True))
        holding = [p for p in pages if share.search(p)]
        if len(holding) < 2:
            continue
        splits += 1
        assert title not in holding[0] and title in holding[1].replace("\n", " ")
        assert len(share.findall(holding[1])) >= 2  # the World row never goes on alone
    assert splits >= 3


def test_end_headings_never_end_a_page_and_a_caption_stays_with_its_image(resolver, tmp_path):
    from tests.export.test_memo_pdf import _png

    (tmp_path / "chart.png").write_bytes(_png(400, 200))
    tail = ("![Figure caption here](chart.png)\n\nText after the image.[^1]\n\n"
            "```brief\nkind: figure\nmineral: gallium\ncountry: CHN\nmetric: mine_production\n"
            "```\n\n```brief\nkind: production-table\nmineral: gallium\n```\n\n[^1]: A note.\n")
    for lines in range(30, 62):  # move every heading and the image over the page break
        memo = "---\ntitle: T\n---\n\n" + "Short line.\n\n" * lines + tail
        pdf = memo_to_pdf(memo, resolver, base_dir=tmp_path, invariant=True)
        for page in PdfReader(io.BytesIO(pdf)).pages:
            text = [line for line in page.extract_text().splitlines()
                    if line.strip() and not line.startswith("Page ")]
            assert text[-1] not in ("Sources", "Notes", "Method"), (lines, text[-3:])
            if "Figure caption here" in text:
                assert "/XObject" in page["/Resources"], lines  # the image is on this page
