"""What a memo's author types comes out as typed, and what cannot be laid out is refused in one
line: inline code escaped once, seven '#' as text, footnotes numbered as cited, too-deep nesting
and over-long file names refused, front-matter dates checked, warnings said."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desktop.domain.memo import Memo, parse_memo
from desktop.export.files import MemoFileError, write_atomically
from desktop.export.memo_pdf import memo_to_pdf, render
from desktop.export.memo_reading import NestingTooDeep
from desktop.services.exporting import ExportRefused, export_memo

HEAD = "---\ntitle: T\nmarking: OFFICIAL\n---\n"


def text_of(body: str, warnings: list[str] | None = None, head: str = HEAD) -> str:
    pdf = render(parse_memo(head + body), warnings=warnings)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_inline_code_is_escaped_once():
    assert "a < b && c" in text_of("Inline `a < b && c` here.")


def test_seven_hashes_are_text_not_a_heading():
    assert "####### x" in text_of("####### x")


def test_footnotes_are_numbered_as_cited_and_unused_ones_left_out():
    warnings: list[str] = []
    text = text_of("A[^b] then[^a] and[^missing].\n\n[^a]: aaa.\n[^b]: bbb.\n[^c]: never.\n",
                   warnings)
    notes = text[text.index("Notes"):]
    assert "1. bbb." in notes and "2. aaa." in notes and "never" not in notes
    assert any("[^missing] is cited but never written" in w for w in warnings)


def test_a_memo_without_marking_is_exported_with_a_warning():
    warnings: list[str] = []
    text_of("Body.", warnings, head="---\ntitle: T\n---\n")
    assert any("no 'marking'" in w for w in warnings)
    quiet: list[str] = []
    text_of("Body.", quiet)
    assert quiet == []


@pytest.mark.parametrize("body", ["> " * 200 + "deep",
                                  "".join("  " * i + "- item\n" for i in range(400))])
def test_nesting_past_the_limit_is_refused_in_one_line(body):
    with pytest.raises(NestingTooDeep) as caught:
        memo_to_pdf(HEAD + body)
    assert "\n" not in str(caught.value) and "levels" in str(caught.value)


def test_an_over_long_file_name_is_refused(tmp_path):
    with pytest.raises(MemoFileError) as caught:
        write_atomically(tmp_path / ("a" * 300 + ".pdf"), b"%PDF")
    assert "longer than" in str(caught.value)


@pytest.mark.parametrize("date", ["2026-13-45", "next Tuesday", "[YYYY-MM-DD]"])
def test_a_date_that_is_not_a_date_is_refused_at_export(tmp_path, date):
    memo = parse_memo(f"---\ntitle: T\ndate: {date}\nmarking: X\n---\nx\n")
    assert memo.problems()
    with pytest.raises(ExportRefused) as caught:
        export_memo(memo, tmp_path / "m.pdf", None)
    assert "is not a date" in str(caught.value)
    assert not (tmp_path / "m.pdf").exists()
    assert export_memo(memo, tmp_path / "m.md", None) > 0  # Markdown keeps it as written


def test_a_memo_from_a_template_gets_todays_date():
    template = parse_memo("---\ntitle: T\ndate: [YYYY-MM-DD]\n---\nx\n")
    assert template.dated_from_template("2026-12-02").get("date") == "2026-12-02"
    dated = Memo({"title": "T", "date": "1 December 2026"}, "x")
    assert dated.dated_from_template("2026-12-02") is dated


def test_the_memo_language_goes_into_the_pdf_and_the_word_file():
    import io

    import docx
    from pypdf import PdfReader

    from desktop.domain.memo import parse_memo
    from desktop.export.docx_memo import memo_to_docx
    from desktop.export.memo_pdf import memo_to_pdf

    for head, tag in (("", "en-GB"), ("language: ar\n", "ar"), ("lang: fr-CA\n", "fr-CA")):
        memo = f"---\ntitle: T\n{head}---\n\nText.\n"
        assert str(PdfReader(io.BytesIO(memo_to_pdf(memo))).trailer["/Root"]["/Lang"]) == tag
        assert docx.Document(io.BytesIO(memo_to_docx(memo))).core_properties.language == tag
    assert any("not a language tag" in p for p in
               parse_memo("---\nlanguage: English please\n---\nx").problems())


def test_pdf_metadata_marking_outline_links_and_subset_tags(resolver):
    import io

    import docx
    from pypdf import PdfReader

    from desktop.export.docx_memo import memo_to_docx
    from desktop.export.memo_pdf import memo_to_pdf

    memo = ("---\ntitle: T\nmarking: official sensitive\nstyle: compact\n---\n\n# Heading\n\n"
            "Text with a note.[^a] 中文 and **한국어** and Ελληνικά.\n\n```brief\nkind: "
            "production-table\nmineral: rare-earths\n```\n\n[^a]: The note.\n")
    reader = PdfReader(io.BytesIO(memo_to_pdf(memo, resolver, invariant=True)))
    assert reader.metadata["/Marking"] == "OFFICIAL SENSITIVE"
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    names = [str(f.get_object()["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()]
    tags = [name[1:7] for name in names]
    assert len(set(tags)) == len(tags) and all(name[7] == "+" for name in names)
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []]
    internal = [a for a in links if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    assert len(internal) >= 3  # the note mark, the source mark and the method mark
    no_headings = PdfReader(io.BytesIO(memo_to_pdf("Just text.\n", invariant=True)))
    assert no_headings.trailer["/Root"].get("/PageMode", "/UseNone") == "/UseNone"
    assert "/Marking" not in (no_headings.metadata or {})
    word = docx.Document(io.BytesIO(memo_to_docx(memo, resolver)))
    assert word.core_properties.content_status == "OFFICIAL SENSITIVE"
