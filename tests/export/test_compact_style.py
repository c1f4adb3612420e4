"""Compact by default, full on request: a compact block prints its table and marks, its method
note goes to a numbered Method section and a bloc's membership sources are not cited; a block
may override either; a full memo prints everything under each block, as before."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from desktop.domain.memo import parse_memo
from desktop.export.memo_pdf import memo_to_pdf
from desktop.services.exporting import ExportRefused, render

BLOC = "```brief\nkind: bloc\ngroup: g7\nmineral: rare-earths\nas-of: 2026-11-28\n{extra}```\n"


def text(memo: str, resolver) -> str:
    pdf = memo_to_pdf(memo, resolver)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def memo(style: str = "", extra: str = "") -> str:
    head = "---\ntitle: T\nmarking: OFFICIAL\n" + (f"style: {style}\n" if style else "") + "---\n"
    return head + "# Partners\n\n" + BLOC.format(extra=extra)


def test_compact_sends_the_formula_to_the_end_and_cites_only_the_data(resolver):
    out = text(memo(), resolver)
    body, end = out.split("Method\n", 1)
    assert "Bloc share = Σ shares" not in body and "M1." in end and "Bloc share = Σ" in end
    assert "Rambouillet" not in out and "G7 Summit" not in out  # membership sources left out
    assert "A lower bound: only members with a named figure are counted." in body


def test_full_keeps_everything_under_the_block(resolver):
    out = text(memo("full"), resolver)
    assert "Method\n" not in out and "Bloc share = Σ shares" in out
    assert "Rambouillet" in out


@pytest.mark.parametrize(("extra", "inline_formula", "membership"), [
    ("notes: inline\n", True, False), ("notes: none\n", False, False),
    ("sources: all\n", False, True), ("sources: none\n", False, False)])
def test_a_block_overrides_the_style(resolver, extra, inline_formula, membership):
    out = text(memo(extra=extra), resolver)
    body = out.split("Method\n", 1)[0]
    assert ("Bloc share = Σ shares" in body) is inline_formula
    assert ("Rambouillet" in out) is membership
    if extra == "notes: none\n":
        assert "Bloc share = Σ" not in out


def test_a_bad_layout_value_is_an_error_box(resolver):
    out = text(memo(extra="notes: maybe\n"), resolver)
    assert "'notes:' is one of inline, end, none, not 'maybe'" in out


def test_an_unknown_style_is_refused():
    with pytest.raises(ExportRefused, match="style 'fancy' is not one of compact, full"):
        render(parse_memo("---\ntitle: T\nstyle: fancy\n---\nx"), ".pdf", None)


def test_gaps_are_worked_out_from_the_printed_shares(resolver):
    block = resolver("kind: reserves-gap\nmineral: rare-earths")
    for _name, reserves, output, gap in block.rows:
        if reserves.endswith(" %") and output.endswith(" %") and "<" not in reserves + output:
            printed = float(reserves[:-2]) - float(output[:-2])
            assert gap == ("0.0 pts" if abs(printed) < 0.05 else f"{printed:+.1f} pts"), (
                reserves, output, gap)
