"""PDF export: what a reader and a PDF tool see in the file, and that nothing typed breaks it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop.domain.memo import MemoSyntaxError
from desktop.export.memo_pdf import memo_to_pdf

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / \
    "rare-earths-after-g7-washington.md"


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in read(pdf).pages)


def fonts_of(pdf: bytes) -> dict[str, bool]:
    """Base font name -> embedded?"""
    found = {}
    for page in read(pdf).pages:
        resources = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            found[str(font["/BaseFont"])] = any(k in descriptor for k in
                                                ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_sample_memo_has_everything(resolver):
    pdf = memo_to_pdf(SAMPLE.read_text(encoding="utf-8"), resolver, base_dir=SAMPLE.parent)
    reader = read(pdf)
    text = text_of(pdf)
    assert len(reader.pages) >= 5
    meta = reader.metadata
    assert meta.title.startswith("Rare earths after the G7 Washington meeting")
    assert meta.author == "Minerals Briefing Desk (sample memo)"
    assert "rare earths" in meta["/Keywords"] and meta.subject.startswith("The G7 finance")
    for expected in ("TO", "Minister for Economic Security", "Bottom line", "Where supply comes",
                     "270,000e", "69.2 %", "Rest of world", "Sources", "Notes",
                     "U.S. Geological Survey", "https://doi.org/10.5066/P1WKQ63T",
                     f"Page 1 of {len(reader.pages)}", "OFFICIAL — SAMPLE, NOT FOR POLICY USE",
                     "Contents", "South Korea", "Co-investment"):
        assert expected in text, expected
    assert "Could not include" not in text
    from desktop.blocks.registry import KIND_IDS as KINDS

    used = {line.split(":", 1)[1].strip() for line in SAMPLE.read_text(encoding="utf-8")
            .splitlines() if line.startswith("kind:")}
    assert used == set(KINDS)  # the sample shows every kind of data block
    outline = [entry.title for entry in _flatten(reader.outline)]
    assert {"Bottom line", "A century of output", "Sources"} <= set(outline)
    assert text.count("OFFICIAL — SAMPLE") == 2 * len(reader.pages)  # top and bottom


def _flatten(outline):
    for entry in outline:
        if isinstance(entry, list):
            yield from _flatten(entry)
        else:
            yield entry


def test_every_font_is_embedded_and_every_script_is_set(resolver):
    memo = ("---\ntitle: Scripts\ntoc: yes\nmarking: SECRET 機密 기밀\n---\n\n# Heading 日本\n\n"
            "English, 日本語, 中文, 한국어 и русский, Ελληνικά.\n\n"
            "```brief\nkind: share-chart\nmineral: cobalt\n```\n\n"
            "```brief\nkind: time-series\nmineral: rare-earths\nmetric: reserves\n```\n")
    pdf = memo_to_pdf(memo, resolver)
    fonts = fonts_of(pdf)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name or "Times" in name for name in fonts)
    assert any("Droid" in name for name in fonts) and any("Nanum" in name for name in fonts)
    text = text_of(pdf)
    for word in ("日本語", "中文", "한국어", "русский", "Ελληνικά", "機密", "기밀"):
        assert word in text


def test_emoji_print_their_names_never_a_bare_box(resolver):
    text = text_of(memo_to_pdf("# Mood 🙂\n\nok 🚀 done; 👍🏽 and ❤️ and 👨‍👩‍👧\n", resolver))
    assert "Mood [slightly smiling face]" in text
    assert "ok [rocket] done; [thumbs up sign] and ❤ and [man][woman][girl]" in text
    assert "□" not in text


def test_user_text_is_escaped():
    memo = "---\ntitle: <script>alert(1)</script> & co\n---\n\nA <b>bold without end & <br>\n"
    text = text_of(memo_to_pdf(memo))
    assert "<script>alert(1)</script> & co" in text
    assert "<b>bold without end &" in text


def test_unresolvable_blocks_become_error_boxes_and_the_rest_exports(resolver):
    memo = ("# Before\n\n```brief\nkind: production-table\nmineral: unobtainium\n```\n\n"
            "```brief\nkind: pie\n```\n\n```brief\nnonsense line\n```\n\n"
            "```brief\nkind: production-table\nmineral: lithium\nyear: 1850\n```\n\n# After\n")
    text = text_of(memo_to_pdf(memo, resolver))
    assert text.count("Could not include this block") == 4
    assert "unknown mineral 'unobtainium'" in text and "unknown block kind" in text
    assert "Before" in text and "After" in text


def test_every_block_kind_resolves(resolver):
    kinds = {
        "production-table": "mineral: copper\nmetric: refinery_production",
        "share-chart": "mineral: cobalt", "time-series": "mineral: rare-earths",
        "figure": "mineral: lithium\ncountry: AUS", "memberships": "country: KOR",
        "members": "initiative: msp", "timeline": "country: JPN\nlimit: 3",
    }
    for kind, lines in kinds.items():
        block = resolver(f"kind: {kind}\n{lines}")
        assert block.ok and block.sources and block.data_pack, (kind, block.error)


def test_markdown_elements(tmp_path):
    image = tmp_path / "dot.png"
    image.write_bytes(_png(8, 8))
    memo = (f"# Title\n\n## Sub\n\n1. one\n    - nested\n2. two\n\n> quoted\n\n    code  here\n\n"
            f"---\n\n| a | b |\n|:--|--:|\n| x | 1,000 |\n\nfoot[^n]\n\n![a dot]({image.name})\n\n"
            f"![gone](missing.png)\n\n[^n]: the note\n")
    pdf = memo_to_pdf(memo, base_dir=tmp_path)
    text = text_of(pdf)
    for expected in ("Title", "Sub", "nested", "quoted", "code  here", "1,000", "the note",
                     "image file not found: missing.png", "a dot"):
        assert expected in text, expected


def _png(width: int, height: int) -> bytes:
    """A small red PNG, written with the standard library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def test_long_tables_repeat_their_header(resolver):
    block = "```brief\nkind: timeline\nlimit: 200\n```\n"
    pdf = memo_to_pdf(block, resolver)
    pages = [page.extract_text() for page in read(pdf).pages]
    with_header = [p for p in pages if "Announced" in p]
    assert len(with_header) >= 2


def test_invariant_output_is_byte_identical_and_matches_the_golden_file():
    memo = (GOLDEN / "small-memo.md").read_text(encoding="utf-8")
    first, second = memo_to_pdf(memo, invariant=True), memo_to_pdf(memo, invariant=True)
    assert first == second
    # regenerate after a deliberate layout change:
    # python -c "from desktop.export.memo_pdf import memo_to_pdf; ..." (see docs/architecture.md)
    assert first == (GOLDEN / "small-memo.pdf").read_bytes()


def test_bad_front_matter_is_a_clear_error():
    with pytest.raises(MemoSyntaxError, match="line 2"):
        memo_to_pdf("---\nthis is not a pair\n---\nbody")
    with pytest.raises(MemoSyntaxError, match="no closing"):
        memo_to_pdf("---\ntitle: x\nbody without end")


markdown_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)
markdown_pieces = st.lists(st.sampled_from([
    "# h", "## h", "### <i>h</i> 日本", "- item", "    - nested", "1. item", "> quote", "```",
    "```brief", "kind: figure", "kind: time-series", "kind: production-table",
    "mineral: lithium", "metric: reserves", "| a | b |", "|--|--|", "**", "*", "`", "[x](y)",
    "![i](j.png)", "![bad](/dev/null)", "<b>", "</i>", "&", "---", "[^1]", "[^1]: note",
    "    code", "", "日本", "🙂", "\t", "مرحبا", "x" * 3000, "line\n" * 80,
]), max_size=40).map("\n".join)
front_matter = st.sampled_from(["", "---\ntitle: T\ntoc: yes\n---\n",
                                "---\ntitle: T\nmarking: SECRET 機密\ntoc: yes\n---\n"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.tuples(front_matter, st.one_of(markdown_text, markdown_pieces)).map("".join))
def test_any_markdown_exports(resolver, body):
    try:
        pdf = memo_to_pdf(body, resolver)
    except MemoSyntaxError:  # only front matter can be refused, and only when it opens the file
        assert body.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0].strip() == "---"
        return
    assert pdf.startswith(b"%PDF")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=40), max_size=8))
def test_any_block_lines_resolve_or_explain(resolver, lines):
    block = resolver("\n".join(lines))
    assert block.ok != bool(block.error)  # resolved, or an explanation; never both or neither


def test_hostile_layouts_export(tmp_path):
    """Found in review: each of these once ended the export with a traceback or a hang."""
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    nested = "".join("    " * d + f"- level {d}\n" for d in range(40))
    memo = ("---\ntitle: Hostile\ntoc: yes\n---\n\n## <i>Heading</i> 日本\n\n```\n"
            + "a line of code\n" * 400 + "```\n\n"
            + "".join(f"> quoted paragraph {n} " + "word " * 30 + "\n>\n" for n in range(150))
            + "\n" + nested + "\n![bad](bad.png)\n\n```brief\nkind: figure\nmineral: lithium\n")
    pdf = memo_to_pdf(memo, base_dir=tmp_path, invariant=True)
    again = memo_to_pdf(memo, base_dir=tmp_path, invariant=True)
    assert pdf == again  # no memory addresses or times in error boxes
    text = text_of(pdf)
    assert "could not be read as a PNG" in text and "never closed" in text
    assert "level 39" in text and "quoted paragraph 149" in text


def test_outline_levels_start_from_the_shallowest_heading():
    pdf = memo_to_pdf("## First\n\n## Second\n\n### Under second\n\nText[^a]\n\n[^a]: note\n")
    outline = read(pdf).outline
    titles = [e.title for e in outline if not isinstance(e, list)]
    assert titles == ["First", "Second", "Notes"]


def test_every_figure_shown_is_cited(resolver):
    block = resolver("kind: production-table\nmineral: rare-earths\nmetric: reserves")
    assert "usgs-mcs2026-errata" in {s.id for s in block.sources}  # Brazil's corrected value


def test_short_words_in_narrow_markdown_columns_are_not_broken():
    rows = "\n".join(f"| Option number {i} with a long description | medium | mmmmmm | WWW |"
                     for i in range(3))
    body = f"| Option | Speed | Wide | Caps |\n|---|---|---|---|\n{rows}\n"
    text = text_of(memo_to_pdf(f"---\ntitle: Widths\n---\n{body}", invariant=True))
    assert "medium mmmmmm WWW" in text.replace("\n", " ")


def test_a_heading_never_ends_a_page_apart_from_its_chart(resolver):
    para = "Lorem ipsum dolor sit amet. " * 40
    for count in range(3, 9):  # the heading falls at every place on the page in turn
        body = "---\ntitle: T\nstyle: full\n---\n" + "\n\n".join([para] * count) + \
            "\n\n## The chart heading\n\n```brief\nkind: share-chart\nmineral: rare-earths\n```\n"
        pages = [p.extract_text() for p in read(memo_to_pdf(body, resolver)).pages]
        heading = [i for i, t in enumerate(pages) if "The chart heading" in t]
        chart = [i for i, t in enumerate(pages) if "shares, 2025" in t]
        assert heading == chart, count
