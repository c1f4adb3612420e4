"""Layout defects found in the exporter audit; each test failed before its fix."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desktop.export.memo_pdf import memo_to_pdf
from tests.export.test_memo_pdf import _flatten

FILLER = "Filler sentence for layout testing purposes only. " * 12


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _long_memo() -> str:
    """Sections of uneven length, so headings fall at different heights on different pages."""
    sections = [f"## Section {n} heading\n\n" + "\n\n".join([FILLER] * (2 + n % 3))
                for n in range(1, 9)]
    return "---\ntitle: Bookmarks\ntoc: yes\n---\n\n" + "\n\n".join(sections) + "\n"


def _body(page_text: str) -> str:
    return page_text.split("\n", 1)[-1]  # past the running title, which repeats the memo title


def test_outline_entries_open_the_page_with_their_heading():
    reader = read(memo_to_pdf(_long_memo(), invariant=True))
    pages = [_body(page.extract_text()) for page in reader.pages]
    entries = list(_flatten(reader.outline))
    assert len(entries) == 8
    targets = [reader.get_destination_page_number(entry) for entry in entries]
    for entry, number in zip(entries, targets, strict=True):
        assert entry.title in pages[number], (entry.title, number)
    assert len(set(targets)) > 3  # the sections really are on different pages


def test_table_of_contents_links_open_the_page_with_their_heading():
    reader = read(memo_to_pdf(_long_memo(), invariant=True))
    pages = [_body(page.extract_text()) for page in reader.pages]
    index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    targets = []
    for annotation in reader.pages[0].get("/Annots") or []:
        dest = annotation.get_object().get("/Dest")
        if dest is not None:
            targets.append(index[dest[0].idnum])
    per_entry = len(targets) // 8  # the entry's text and its page number are both links
    assert per_entry and len(targets) == 8 * per_entry
    for n in range(1, 9):
        for number in targets[(n - 1) * per_entry:n * per_entry]:
            assert "Contents" not in pages[number], (n, number)  # not the contents page
            assert f"Section {n} heading" in pages[number], (n, number)


def _wide_table(columns: int) -> str:
    head = "| " + " | ".join(f"Column heading {n}" for n in range(1, columns + 1)) + " |"
    rule = "|" + "--:|" * columns
    rows = ["| " + " | ".join(f"{r * n * 1000:,}" for n in range(1, columns + 1)) + " |"
            for r in range(1, 6)]
    return "\n".join([head, rule, *rows]) + "\n"


@pytest.mark.parametrize("columns", [12, 16])
def test_wide_tables_never_break_numbers_or_header_words(columns):
    pdf = memo_to_pdf(f"---\ntitle: Wide\n---\n\n{_wide_table(columns)}", invariant=True)
    pages = read(pdf).pages
    holding = next(p for p in pages if "heading" in p.extract_text())
    text = holding.extract_text().split("SUBJECT", 1)[-1].split("Page ", 1)[0]
    numbers = {f"{r * n * 1000:,}" for n in range(1, columns + 1) for r in range(1, 6)}
    allowed = {"Wide", "Column", "heading"} | {str(n) for n in range(1, columns + 1)} | numbers
    tokens = text.split()
    assert numbers <= set(tokens)
    if columns <= 12:  # wider than that, only a header word may break, never a figure
        assert set(tokens) <= allowed, set(tokens) - allowed
        assert tokens.count("heading") == columns
    else:
        assert not {t for t in tokens if t[0].isdigit() and t not in allowed}


def test_a_table_too_wide_for_the_page_is_set_smaller_not_broken():
    from desktop.export.table_layout import BASE_SIZE, MIN_SIZE, layout

    head = [f"Column heading {n}" for n in range(1, 13)]
    rows = [head] + [[f"{n * 10_000:,}" for n in range(1, 13)]]
    shape = layout(rows, [True] * 12, 498)
    assert MIN_SIZE <= shape.size < BASE_SIZE
    assert sum(shape.widths) <= 498 + 0.01
    ordinary = layout(rows[:1] + [["1"] * 12], [True] * 12, 2000)
    assert ordinary.size == BASE_SIZE


@pytest.mark.parametrize("kind", ["production-table", "timeline"])
def test_a_heading_stays_on_the_page_of_its_table(resolver, kind):
    para = "Filler sentence for layout testing purposes only. " * 3
    block = ("```brief\nkind: production-table\nmineral: rare-earths\ntop: 8\n```"
             if kind == "production-table" else
             "```brief\nkind: timeline\nmineral: rare-earths\nlimit: 5\n```")
    for count in range(8, 26):  # the heading falls at every height near the foot of page 1
        extra = "short line.\n\n" * (count % 4)
        memo = ("---\ntitle: Orphan test\n---\n\n" + (para + "\n\n") * count + extra
                + "## Orphan heading XYZ\n\n" + block + "\n\nAfter.\n")
        pages = [p.extract_text() for p in read(memo_to_pdf(memo, resolver)).pages]
        heading = next(i for i, t in enumerate(pages) if "Orphan heading XYZ" in t)
        after = pages[heading].split("Orphan heading XYZ", 1)[1]
        caption, table_head = ("Rare earths", "Rank") if kind == "production-table" else \
            ("Timeline", "Announced")
        assert caption in after and table_head in after, (count, after)


def _positions(pdf: bytes) -> list[tuple[str, float, float, float]]:
    """(text, x, y, font size) of every piece of text pypdf sees."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = tm[3] or 1
            found.append((text.replace("\xa0", " "), tm[4] + cm[4], tm[5] + cm[5], size * scale))

    for page in read(pdf).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_code_blocks_keep_every_space():
    pdf = memo_to_pdf("```\ncode block   with   spaces\n      indented\tand tab\n```\n")
    text = read(pdf).pages[0].extract_text().replace("\xa0", " ")
    assert "code block   with   spaces" in text
    assert "      indented  and tab" in text  # the tab goes to the next multiple of 4


def test_bullets_are_text_sized_and_numbers_have_a_full_stop():
    pdf = memo_to_pdf("- first bullet\n- second\n\n1. one\n2. two\n")
    found = _positions(pdf)
    bullets = [(y, size) for text, _x, y, size in found if text.strip() == "•"]
    words = {text.strip(): (y, size) for text, _x, y, size in found}
    assert len(bullets) == 2
    for _y, size in bullets:
        assert size >= 9  # not the old 6 pt dot
    assert abs(bullets[0][0] - words["first bullet"][0]) < 0.5  # on the text's baseline
    assert "1." in words and "2." in words


def test_the_subject_label_sits_on_the_first_line_of_a_long_subject():
    title = "A very long subject line that will certainly wrap onto a second line " * 2
    found = _positions(memo_to_pdf(f"---\ntitle: {title.strip()}\n---\n\nBody.\n"))
    label_y = next(y for text, _x, y, _s in found if text.strip() == "SUBJECT")
    subject_ys = [y for text, x, y, _s in found if text.startswith("A very long") and x > 100]
    assert subject_ys and abs(label_y - max(subject_ys)) < 3


def test_markdown_table_alignment_follows_the_rule_row():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop.export.fonts import BASE

    table = ("| Left | Centre | Right | Auto |\n|:--|:-:|--:|---|\n"
             "| 1 | 2 | 3 | 4 |\n| 1,000,001 | 2,000,002 | 3,000,003 | 4,000,004 |\n")
    found = _positions(memo_to_pdf(table))

    def place(text: str) -> tuple[float, float]:
        x = next(x for t, x, _y, _s in found if t.strip() == text)
        return x, x + stringWidth(text, BASE, 8.5)

    (l1, _), (l2, _) = place("1"), place("1,000,001")
    assert abs(l1 - l2) < 0.5  # ":--" left, although the column is all numbers
    (c1, c1e), (c2, c2e) = place("2"), place("2,000,002")
    assert abs((c1 + c1e) / 2 - (c2 + c2e) / 2) < 0.5  # ":-:" centred
    for short, long in (("3", "3,000,003"), ("4", "4,000,004")):  # "--:" and numbers: right
        assert abs(place(short)[1] - place(long)[1]) < 0.5


def test_a_long_marking_wraps_instead_of_shrinking_below_7_pt():
    marking = " ".join(["RELEASABLE TO AUS CAN GBR NZL USA"] * 4)
    found = _positions(memo_to_pdf(f"---\ntitle: M\nmarking: {marking}\n---\n\nBody.\n"))
    pieces = [(text, size) for text, _x, _y, size in found if "RELEASABLE" in text]
    assert len(pieces) == 4  # two lines at the top, two at the foot
    assert all(size >= 7 for _text, size in pieces)


def test_a_long_title_is_shortened_with_an_ellipsis_inside_the_margins():
    import io

    from pypdf import PdfReader

    from desktop.export.memo_pdf import memo_to_pdf
    from desktop.export.pages import PAGE, drawn_width, shortened

    title = "Critical minerals and the G7: " + "rare earth supply chain risk " * 12
    pdf = memo_to_pdf(f"---\ntitle: {title}\n---\n\n" + "Text paragraph. " * 900,
                      invariant=True)
    page = PdfReader(io.BytesIO(pdf)).pages[1]
    header: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.startswith("Critical minerals"):
            header.append((text, cm[4] + tm[4]))

    page.extract_text(visitor_text=visit)
    assert header and header[0][0].rstrip().endswith("…")
    room = PAGE[0] - 2 * header[0][1]
    assert drawn_width(header[0][0].strip(), 8) <= room + 0.5
    assert shortened("Short title", 8, 300) == "Short title"
    assert shortened("x" * 400, 8, 100).endswith("…")
    assert drawn_width(shortened("x" * 400, 8, 100), 8) <= 100


WIDE_MEMO = """---
title: Wide
---

Intro paragraph on the upright page.

Twelve years of output:

| Country | {years12} |
|---|{rule12}
{rows12}
Sixteen years:

| Country | {years16} |
|---|{rule16}
{rows16}
After the tables.
"""


def _wide_memo() -> str:
    def part(first: int, count: int, scale: int) -> dict[str, str]:
        years = range(first, first + count)
        rows = "".join(f"| {name} | " + " | ".join(f"{(i + 1) * scale:,}" for i in range(count))
                       + " |\n" for name in ("Democratic Republic of the Congo", "China"))
        return {"years": " | ".join(map(str, years)), "rule": "---:|" * count, "rows": rows}

    a, b = part(2014, 12, 123456), part(2010, 16, 1234567)
    return WIDE_MEMO.format(years12=a["years"], rule12=a["rule"], rows12=a["rows"],
                            years16=b["years"], rule16=b["rule"], rows16=b["rows"])


def test_a_table_too_wide_for_an_upright_page_gets_a_landscape_page_with_its_lead_in():
    pages = read(memo_to_pdf(_wide_memo(), invariant=True)).pages
    shapes = [(float(p.mediabox.width) > float(p.mediabox.height)) for p in pages]
    texts = [p.extract_text() for p in pages]
    assert shapes == [False, True, False]  # the two wide tables share the landscape page
    assert "Intro paragraph" in texts[0] and "After the tables" in texts[2]
    wide = texts[1]
    assert "Twelve years of output:" in wide and "Sixteen years:" in wide
    assert "Democratic" in wide.split() and "19,753,072" in wide.split()  # nothing broken
    assert "OFFICIAL" not in wide and "Page 2 of 3" in wide


def test_a_name_column_squeezed_by_figures_keeps_its_words_whole():
    from desktop.export.table_layout import BASE_SIZE, layout, measure

    rows = [["Country", *map(str, range(2010, 2026))],
            *[[name, *(f"{(i + 1) * 1234567:,}" for i in range(16))]
              for name in ("Democratic Republic of the Congo", "China")]]
    numeric = [False] + [True] * 16
    upright, wide = layout(rows, numeric, 446), layout(rows, numeric, 705)
    assert upright.cramped and wide.cramped is False or wide.size >= upright.size
    word = measure(rows, numeric)[1][0]  # "Democratic", the longest word of the names
    assert wide.widths[0] >= word * wide.size / BASE_SIZE + 2 * wide.padding


def test_word_sets_a_wide_table_on_landscape_pages_too():
    import io

    import docx

    from desktop.export.docx_memo import memo_to_docx

    document = docx.Document(io.BytesIO(memo_to_docx(_wide_memo(), invariant=True)))
    assert [s.orientation for s in document.sections] == [0, 1, 0]  # portrait, landscape, …
    landscape = document.sections[1]
    assert landscape.page_width > landscape.page_height
    body = list(document.element.body)
    breaks = [i for i, e in enumerate(body)
              if e.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
                        "sectPr") is not None and e.tag.endswith("}p")]
    inside = "".join("".join(e.itertext()) for e in body[breaks[0] + 1:breaks[1]])
    assert "Twelve years of output:" in inside and "Sixteen years:" in inside
    assert "Intro paragraph" not in inside and "After the tables" not in inside
    ending = _wide_memo().replace("After the tables.\n", "")
    last = docx.Document(io.BytesIO(memo_to_docx(ending, invariant=True)))
    assert [s.orientation for s in last.sections] == [0, 1]  # no blank upright page at the end
