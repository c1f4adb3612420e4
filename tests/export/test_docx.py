"""Word export: what Word (here python-docx reading the file back) finds in the .docx, and that
it says what the PDF says: the same block values, citation marks and numbered sources."""

from __future__ import annotations

import html
import inspect
import io
import re
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from desktop.domain.errors import UserError
from desktop.domain.fences import find_blocks
from desktop.domain.memo import MemoSyntaxError, parse_memo
from desktop.domain.resolved import NO_REFERENCE_DATA
from desktop.export.docx_charts import DPI
from desktop.export.docx_memo import memo_to_docx, render_docx
from desktop.export.memo_pdf import memo_to_pdf
from tests.export.test_memo_pdf import SAMPLE, _png, front_matter, markdown_pieces, markdown_text

PRODUCTION = "kind: production-table\nmineral: rare-earths\nmetric: mine_production\nyear: 2025\n" \
    "top: 8"


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def xml_of(data: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(part).decode("utf-8")


def text_of(element) -> str:
    """The text of an element of the file (python-docx's classes repeat it in itertext)."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def squeezed(text: str) -> str:
    """Text without whitespace: the PDF breaks lines where Word need not."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def styled(document, name: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == name]


def tables_after(document, caption: str):
    """The table that follows the caption paragraph starting with ``caption``."""
    body = list(document.element.body)
    for index, element in enumerate(body):
        if element.tag == qn("w:p") and text_of(element).startswith(caption):
            following = body[index + 1]
            assert following.tag == qn("w:tbl"), caption
            return docx.table.Table(following, document)
    raise AssertionError(f"no caption {caption!r}")


@pytest.fixture(scope="module")
def sample_memo() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_sample_memo_has_everything(resolver, sample_memo):
    data = memo_to_docx(sample_memo, resolver, base_dir=SAMPLE.parent)
    document = read(data)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Could not include" not in text
    titles = [resolver(block.body).title for block in find_blocks(parse_memo(sample_memo).body)]
    captions = styled(document, "Caption")
    for title in filter(None, titles):  # every block but a figure has a title, as a caption
        assert any(caption.startswith(title) for caption in captions), title
    for expected in ("270,000", "Co-investment", "South Korea", "Rest of world"):
        assert expected in text + "".join(c.text for t in document.tables for r in t.rows
                                          for c in r.cells), expected
    assert "Bottom line" in styled(document, "Heading 1")
    assert "A century of output" in styled(document, "Heading 2")
    assert {"Notes", "Sources"} <= set(styled(document, "Heading 1"))
    summary = styled(document, "Summary")
    assert summary and summary[0].startswith("Summary. The G7 finance ministers")
    meta = document.tables[0]
    assert [row.cells[0].text for row in meta.rows] == ["TO", "FROM", "DATE", "SUBJECT"]
    assert meta.rows[0].cells[1].text == "Minister for Economic Security"
    core = document.core_properties
    assert core.title.startswith("Rare earths after the G7 Washington meeting")
    assert core.author == "Minerals Briefing Desk (sample memo)"
    assert "rare earths" in core.keywords and core.subject.startswith("The G7 finance")
    assert core.language == "en-GB"
    assert "Minerals Briefing Desk" in xml_of(data, "docProps/app.xml")


def test_marking_and_page_numbers_on_every_page(sample_memo):
    data = memo_to_docx(sample_memo, invariant=True)
    section = read(data).sections[0]
    marking = "OFFICIAL — SAMPLE, NOT FOR POLICY USE"
    assert section.different_first_page_header_footer
    for part in (section.first_page_header, section.header, section.first_page_footer,
                 section.footer):
        assert marking in [p.text for p in part.paragraphs]
    for footer in (section.first_page_footer, section.footer):
        codes = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
        assert codes == ["PAGE", "NUMPAGES"]
        assert footer.paragraphs[0].text.startswith("Page ")
    assert section.header.paragraphs[1].text.startswith("Rare earths after the G7")


def test_headings_use_word_heading_styles_and_the_toc_field():
    memo = "---\ntitle: T\ntoc: yes\n---\n\n## Top\n\n### Under\n\n#### Deeper\n\ntext\n"
    data = memo_to_docx(memo)
    document = read(data)
    # "##" is the memo's top level, so it is Heading 1, as the PDF's outline counts
    assert [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(
        "Heading")] == [("Heading 1", "Top"), ("Heading 2", "Under"), ("Heading 3", "Deeper")]
    body = xml_of(data)
    assert 'TOC \\o "1-3"' in body
    assert body.index("TOC \\o") < body.index(">Top<")
    assert "w:updateFields" in xml_of(data, "word/settings.xml")
    no_toc = memo_to_docx("# Top\n\ntext\n")
    assert "TOC \\o" not in xml_of(no_toc) and "updateFields" not in xml_of(
        no_toc, "word/settings.xml")


def test_production_table_has_the_pdf_values_header_and_alignment(resolver):
    block = resolver(PRODUCTION)
    assert block.ok and block.columns and any(block.numeric)
    document = read(memo_to_docx(f"```brief\n{PRODUCTION}\n```\n", resolver))
    table = tables_after(document, block.title)
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [block.columns, *block.rows]  # same values, same column order
    rows = table._tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
    assert all(row.trPr is None or row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
    for row in table.rows[1:]:
        for cell, numeric in zip(row.cells, block.numeric, strict=True):
            expected = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            assert cell.paragraphs[0].alignment == expected, cell.text
    assert styled(document, "Caption") == [f"{block.title}[1] M1"]  # M1: its Method note


def test_block_note_is_the_pdf_note(resolver):
    from desktop.export.data_blocks import render_block

    block = resolver(PRODUCTION)
    for style in ("compact", "full"):
        flowables = render_block(block, 400, lambda sources: "", style)
        notes = [f for f in _walk(flowables) if getattr(getattr(f, "style", None), "name", "")
                 == "source"]
        head = f"---\ntitle: T\nstyle: {style}\n---\n"
        document = read(memo_to_docx(f"{head}```brief\n{PRODUCTION}\n```\n", resolver))
        assert styled(document, "Source Note") == [html.unescape(notes[0].text)]


def _walk(flowables):
    for flowable in flowables:
        yield flowable
        for attribute in ("_content", "_flowables", "table", "note", "lead", "tail"):
            inner = getattr(flowable, attribute, None)
            if isinstance(inner, list):
                yield from _walk(inner)
            elif inner is not None and hasattr(inner, "wrap"):
                yield from _walk([inner])


def test_sources_and_citation_marks_match_the_pdf(resolver, sample_memo):
    pdf = squeezed(pdf_text(memo_to_pdf(sample_memo, resolver, base_dir=SAMPLE.parent)))
    document = read(memo_to_docx(sample_memo, resolver, base_dir=SAMPLE.parent))
    entries = styled(document, "Endnote Entry")
    sources = [e for e in entries if e.startswith("[")]
    assert len(sources) > 20
    for number, entry in enumerate(sources, start=1):
        assert entry.startswith(f"[{number}]\t")
        assert squeezed(entry) in pdf, entry  # "[12]" and its words, as the PDF prints them
    for caption in styled(document, "Caption"):
        assert re.search(r"\[\d+(, \d+)*\]( M\d+)?$", caption), caption
        assert squeezed(caption) in pdf, caption
    for note in styled(document, "Source Note"):
        assert squeezed(note) in pdf, note


def test_sources_are_live_links(resolver):
    data = memo_to_docx("```brief\nkind: share-chart\nmineral: cobalt\n```\n", resolver)
    rels = xml_of(data, "word/_rels/document.xml.rels")
    assert re.search(r'Target="https://[^"]+" TargetMode="External"', rels)
    document = read(data)
    last = [p for p in document.paragraphs if p.style.name == "Endnote Entry"][-1]
    assert last._p.find(qn("w:hyperlink")) is not None


def test_charts_are_inline_images_at_print_resolution(resolver):
    memo = ("```brief\nkind: share-chart\nmineral: cobalt\n```\n\n"
            "```brief\nkind: time-series\nmineral: rare-earths\nmetric: mine_production\n```\n")
    data = memo_to_docx(memo, resolver)
    document = read(data)
    shapes = document.inline_shapes
    assert len(shapes) == 2
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        images = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(images) == 2
        for name in images:
            picture = Image.open(io.BytesIO(package.read(name)))
            assert picture.format == "PNG"
            assert round(picture.info["dpi"][0]) == DPI == 220  # Word's "Print" quality
            assert picture.width > 1300  # about 6 inches wide at 220 dpi
            assert len(picture.convert("L").getcolors(256)) > 10  # drawn, not blank
    for shape in shapes:  # shown at the PDF's chart size: within the text width
        assert 0 < shape.width <= document.sections[0].page_width
        assert shape._inline.docPr.get("descr")  # alt text: the chart's title


def test_unresolvable_blocks_become_error_boxes_and_the_rest_exports(resolver):
    memo = ("# Before\n\n```brief\nkind: production-table\nmineral: unobtainium\n```\n\n"
            "```brief\nkind: pie\n```\n\n```brief\nnonsense line\n```\n\n"
            "```brief\nkind: production-table\nmineral: lithium\nyear: 1850\n```\n\n# After\n")
    document = read(memo_to_docx(memo, resolver))
    boxes = [p.text for p in document.paragraphs if p.text.startswith("Could not include")]
    assert len(boxes) == 4
    pdf = squeezed(pdf_text(memo_to_pdf(memo, resolver)))
    for box in boxes:
        assert squeezed(box) in pdf, box  # the same words as the PDF's box
    assert any("unknown mineral 'unobtainium'" in box for box in boxes)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "Before", "After"]
    without = read(memo_to_docx("```brief\nkind: figure\nmineral: lithium\n```\n"))
    assert any(NO_REFERENCE_DATA in p.text for p in without.paragraphs)
    unclosed = "```\nnever closed\n"
    text = "\n".join(p.text for p in read(memo_to_docx(unclosed)).paragraphs)
    assert squeezed(text.split("\n")[-2]) in squeezed(pdf_text(memo_to_pdf(unclosed)))


def test_markdown_elements(tmp_path):
    (tmp_path / "dot.png").write_bytes(_png(8, 8))
    memo = ("# Title\n\n## Sub\n\nSome **bold**, *italic*, `a <b> & c` and "
            "[a link](https://example.org/?a=1&b=2), [local](#x).\n\n"
            "1. one\n    - nested\n2. two\n\n3. three\n\n> quoted\n\n    code  here\n\n---\n\n"
            "| a | b |\n|:--|--:|\n| x | 1,000 |\n\nfoot[^n]\n\n![a dot](dot.png)\n\n"
            "![gone](missing.png)\n\n[^n]: the note\n")
    data = memo_to_docx(memo, base_dir=tmp_path)
    document = read(data)
    paragraphs = document.paragraphs
    prose = next(p for p in paragraphs if p.text.startswith("Some"))
    assert prose.text == "Some bold, italic, a <b> & c and a link, local."
    runs = {r.text: r for r in prose.runs}
    assert runs["bold"].bold and runs["italic"].italic
    assert runs["a <b> & c"].font.name == "Consolas"
    link = prose._p.find(qn("w:hyperlink"))
    assert link is not None and text_of(link) == "a link"
    target = prose.part.rels[link.get(qn("r:id"))].target_ref
    assert target == "https://example.org/?a=1&b=2"
    numbered = [(p.text, p._p.pPr.numPr.ilvl.val) for p in paragraphs
                if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert numbered == [("one", 0), ("nested", 1), ("two", 0), ("three", 0)]
    assert styled(document, "Quote") == ["quoted"]
    assert styled(document, "Code") == ["code  here"]
    table = document.tables[-1]
    assert [[c.text for c in r.cells] for r in table.rows] == [["a", "b"], ["x", "1,000"]]
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    marked = next(p for p in paragraphs if p.text == "foot1")
    link = marked.hyperlinks[0]  # the mark leads to its note under "Notes"
    assert link.runs[0].text == "1" and link.runs[0].font.superscript
    assert link._hyperlink.get(qn("w:anchor")) == "note-1"
    assert 'w:name="note-1"' in xml_of(data)
    assert "1.\tthe note" in [t.strip() for t in styled(document, "Endnote Entry")]
    assert len(document.inline_shapes) == 1 and "a dot" in styled(document, "Source Note")
    assert any("image file not found: missing.png" in p.text for p in paragraphs)


def test_user_text_is_stored_as_typed():
    memo = "---\ntitle: <script>alert(1)</script> & co\n---\n\nA <b>bold without end & <br>\n"
    data = memo_to_docx(memo)
    document = read(data)
    text = [p.text for p in document.paragraphs]
    assert "<script>alert(1)</script> & co" in text
    assert "A <b>bold without end & <br>" in text
    assert document.core_properties.title == "<script>alert(1)</script> & co"
    assert "&lt;script&gt;" in xml_of(data) and "<script>" not in xml_of(data)
    control = read(memo_to_docx("bell \x07 and form \x0c feed\n"))  # XML cannot hold these
    assert any(p.text == "bell \ufffd and form \ufffd feed" for p in control.paragraphs)


def test_scripts_survive_and_right_to_left_is_marked():
    memo = ("---\ntitle: Scripts\nmarking: SECRET 機密 기밀\n---\n\n# 見出し 日本\n\n"
            "English, 日本語, 中文, 한국어 и русский, Ελληνικά.\n\n"
            "مرحبا بالعالم **عريض** and more.\n\nשלום עולם\n")
    data = memo_to_docx(memo)
    document = read(data)
    text = "\n".join(p.text for p in document.paragraphs)
    for word in ("日本語", "中文", "한국어", "русский", "Ελληνικά", "見出し", "مرحبا بالعالم",
                 "عريض", "שלום עולם"):
        assert word in text, word
    arabic = next(p for p in document.paragraphs if p.text.startswith("مرحبا"))
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    bold = next(r for r in arabic.runs if r.text == "عريض")
    assert bold.font.rtl and bold.font.cs_bold and bold.bold
    english = next(p for p in document.paragraphs if p.text.startswith("English"))
    assert english._p.pPr is None or english._p.pPr.find(qn("w:bidi")) is None
    hints = {r.text: r._r.rPr.rFonts for r in english.runs if r._r.rPr is not None}
    assert hints["한국어"].get(qn("w:hint")) == "eastAsia"
    assert hints["日本語, 中文"].get(qn("w:hint")) == "eastAsia"
    assert "SECRET 機密 기밀" in [p.text for p in document.sections[0].footer.paragraphs]


def test_invariant_output_is_byte_identical(resolver, sample_memo):
    first = memo_to_docx(sample_memo, resolver, base_dir=SAMPLE.parent, invariant=True)
    second = memo_to_docx(sample_memo, resolver, base_dir=SAMPLE.parent, invariant=True)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in package.namelist()
    assert read(first).core_properties.created.year == 2000
    assert read(memo_to_docx("x")).core_properties.created.year > 2000


def test_bad_front_matter_is_the_pdf_error():
    with pytest.raises(MemoSyntaxError, match="line 2"):
        memo_to_docx("---\nthis is not a pair\n---\nbody")
    with pytest.raises(MemoSyntaxError, match="no closing"):
        memo_to_docx("---\ntitle: x\nbody without end")


@pytest.mark.parametrize("body", [
    "".join("    " * i + f"- level {i}\n" for i in range(10_000)),
    ">" * 10_000 + " deep\n",
    "".join("  " * i + f"1. level {i}\n" for i in range(3000)),
])
def test_nesting_past_reading_is_one_clear_line(body):
    try:
        data = memo_to_docx(body)
    except RecursionError:  # pragma: no cover - the failure this test exists for
        pytest.fail("RecursionError")
    except UserError as exc:
        assert "\n" not in str(exc) and "deep" in str(exc)
    else:
        read(data)


@pytest.mark.parametrize("body", [
    "".join("  " * i + f"- level {i}\n" for i in range(90)),
    ">" * 99 + " deep\n",
    "*" * 5000 + "x" + "*" * 5000,
    "***" * 300 + "x" + "***" * 300,
    "# Big\n\n" + " ".join(["word"] * 40_000),
    "| a | b |\n|--|--|\n" + "| x | 1 |\n" * 3000,
])
def test_deep_or_huge_content_exports(body):
    document = read(memo_to_docx(body))
    assert document.paragraphs or document.tables


def test_warnings_are_the_pdfs():
    from desktop.export.memo_pdf import render

    if "warnings" not in inspect.signature(render).parameters:
        pytest.skip("the PDF export reports no warnings")
    memo = parse_memo("---\ntitle: T\n---\n\nSee[^gone].\n")
    pdf_warnings: list[str] = []
    render(memo, warnings=pdf_warnings)
    docx_warnings: list[str] = []
    render_docx(memo, warnings=docx_warnings)
    assert docx_warnings == pdf_warnings


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.tuples(front_matter, st.one_of(markdown_text, markdown_pieces)).map("".join))
def test_any_markdown_exports(resolver, body):
    try:
        data = memo_to_docx(body, resolver)
    except MemoSyntaxError:  # only front matter can be refused, and only when it opens the file
        assert body.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0].strip() == "---"
        return
    except UserError as exc:  # e.g. lists nested past reading: one line, never a traceback
        assert "\n" not in str(exc)
        return
    read(data)  # Word's reader (python-docx here) opens what was written


def test_a_damaged_image_is_an_error_box(tmp_path):
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    document = read(memo_to_docx("![bad](bad.png)\n", base_dir=tmp_path))
    assert any("image bad.png could not be read as a PNG, JPEG or GIF picture" in p.text
               for p in document.paragraphs)
    remote = read(memo_to_docx("![far](https://example.org/a.png)\n"))
    assert any("is not a local file" in p.text for p in remote.paragraphs)


def test_memo_without_body_exports():
    document = read(memo_to_docx("---\ntitle: Only a title\n---\n"))
    assert document.paragraphs[0].text == "Only a title"


def test_a_block_of_several_forms_is_one_named_table_each_in_word_and_pdf(resolver):
    text = "kind: us-imports\nmineral: germanium"
    block = resolver(text)
    assert len(block.parts) == 3
    memo = f"```brief\n{text}\n```\n"
    document = read(memo_to_docx(memo, resolver))
    for part in block.parts:
        table = tables_after(document, part.title)
        assert [[c.text for c in row.cells] for row in table.rows] == [part.columns, *part.rows]
    pdf = squeezed(pdf_text(memo_to_pdf(memo, resolver, invariant=True)))
    positions = [pdf.index(squeezed(part.title)) for part in block.parts]
    assert positions == sorted(positions)
    assert pdf.index(squeezed(block.title)) < positions[0]
