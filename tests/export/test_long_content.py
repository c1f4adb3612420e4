"""Very long paragraphs, tables and code blocks: laid out in bounded pieces that print exactly
as the whole would (the timings are in bench/export.py; these tests guard the behaviour)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from desktop.export import long_flow, row_run
from desktop.export.long_flow import LINES_PER_PIECE, LongParagraph
from desktop.export.memo_pdf import memo_to_pdf
from desktop.export.row_run import RowRun
from desktop.export.styles import style

WIDTH = 451.0  # the memo's text width, about


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def tokens(pages: list[str], pattern: str) -> list[str]:
    return [t for page in pages for t in page.split() if re.fullmatch(pattern, t)]


def text_of(paragraph: Paragraph) -> str:
    """A paragraph's words, also when it was made from another's lines (``words`` frags)."""
    return " ".join(" ".join(getattr(f, "words", None) or [f.text]) for f in paragraph.frags)


def numbered_words(count: int) -> list[str]:
    return [f"w{n}" + ("." if n % 11 == 10 else "") for n in range(count)]


def test_a_long_paragraph_splits_into_bounded_pieces_holding_its_words_in_order():
    words = numbered_words(3000)
    paragraph = LongParagraph(" ".join(words), style("body"))
    paragraph.wrap(WIDTH, 300)
    parts = paragraph.split(WIDTH, 300)
    assert len(parts) > 3
    for part in parts[1:]:
        part.wrap(WIDTH, 10_000)
        assert len(part.blPara.lines) <= LINES_PER_PIECE
    assert " ".join(text_of(p) for p in parts).split() == words
    # no space opens between the pieces; only the last keeps the paragraph's space after
    assert all(p.style.spaceBefore == 0 and p.style.firstLineIndent == 0 for p in parts[1:])
    assert [p.style.spaceAfter for p in parts[1:]] == [0] * (len(parts) - 2) + [6]


def test_a_short_paragraph_splits_as_reportlab_splits_it():
    paragraph = LongParagraph(" ".join(numbered_words(300)), style("body"))
    paragraph.wrap(WIDTH, 100)
    assert len(paragraph.split(WIDTH, 100)) == 2


def test_a_long_paragraph_prints_every_word_once_in_order():
    words = numbered_words(6000)
    pages = pages_of(memo_to_pdf("---\ntitle: Long\n---\n\n" + " ".join(words) + "\n"))
    assert len(pages) > 5
    assert tokens(pages, r"w\d+\.?") == words


@pytest.fixture()
def whole(monkeypatch):
    """Export as before the change: reportlab splits every paragraph and table itself."""
    def export(memo: str) -> bytes:
        with monkeypatch.context() as patch:
            patch.setattr(long_flow.LongParagraph, "split", Paragraph.split)
            patch.setattr(row_run, "MIN_ROWS", 10**9)
            return memo_to_pdf(memo, invariant=True)
    return export


def test_pieces_and_windows_print_line_for_line_as_the_whole(whole):
    rows = "\n".join(f"| r{n} | {n * 37:,} | " + "word " * (n % 17) + "|" for n in range(400))
    code = "\n".join(f"c{n} = f({n})" for n in range(2600))
    memo = ("---\ntitle: Long\n---\n\nIntro.\n\n" + " ".join(numbered_words(4000)) +
            "\n\n- " + " ".join(numbered_words(2500)) + "\n- next item\n\n"
            "| Name | Value | Note |\n|---|--:|---|\n" + rows + "\n\n```\n" + code + "\n```\n\n"
            "The end.[^a]\n\n[^a]: " + " ".join(numbered_words(1500)) + "\n")
    new = pages_of(memo_to_pdf(memo, invariant=True))
    assert new == pages_of(whole(memo))  # same words on the same lines of the same pages


def test_long_tables_and_code_blocks_keep_every_row_and_repeat_the_header():
    rows = "\n".join(f"| r{n} | {n} |" for n in range(900))
    code = "\n".join(f"c{n}" for n in range(5000))
    memo = f"| Name | Value |\n|---|--:|\n{rows}\n\n```\n{code}\n```\n"
    pages = pages_of(memo_to_pdf(memo))
    assert tokens(pages, r"r\d+") == [f"r{n}" for n in range(900)]
    assert tokens(pages, r"c\d+") == [f"c{n}" for n in range(5000)]
    with_rows = [p for p in pages if re.search(r"\br\d+\b", p)]
    assert len(with_rows) > 3 and all("Name" in p for p in with_rows)


def test_only_long_tables_are_laid_out_in_windows():
    from desktop.export.data_blocks import figure_table

    short = figure_table(["a"], [["1"]] * (row_run.MIN_ROWS - 1), [True], WIDTH)
    long = figure_table(["a"], [["1"]] * row_run.MIN_ROWS, [True], WIDTH)
    assert not isinstance(short, RowRun) and isinstance(long, RowRun)


def test_a_table_cell_taller_than_a_page_runs_on_over_pages_and_loses_nothing():
    import io

    from pypdf import PdfReader

    from desktop.export.memo_pdf import memo_to_pdf

    cell = " ".join(["Longcell word"] * 1500)
    memo = (f"---\ntitle: Tall\n---\n\nBefore.\n\n| A | B |\n|---|---|\n| short | {cell} |\n"
            "| next | row |\n\nAfter.\n")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(memo_to_pdf(memo))).pages]
    text = "\n".join(pages)
    assert text.count("Longcell") == 1500  # every word printed once
    assert "Before." in pages[0] and "After." in pages[-1] and "next" in text
    assert len(pages) >= 4 and all("(continued)" in page for page in pages[1:-1])
