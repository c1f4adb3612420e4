"""Golden files: what each kind of data block prints, in the compact and the full style.

For every kind in the registry (its documented example, dated 2026-12-02 where the kind takes a
date), the block is resolved and laid out as ``block_layout.present`` lays it out for the PDF
and Word; title, table(s), chart series, the note under it, the Method note and the sources it
cites are compared with ``golden/blocks/<kind>-<style>.json``. Then one memo of all the blocks
is exported in each style, and every title and cell must be in the PDF's text and in the Word
file. After a deliberate change (new data, new wording), rewrite the files with
``BRIEFDESK_UPDATE_GOLDEN=1 make test`` and read the diff before committing it.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.blocks.registry import KINDS
from desktop.export.block_layout import present

GOLDEN = Path(__file__).parent / "golden" / "blocks"
STYLES = ("compact", "full")
DAY = "2026-12-02"


def block_text(kind: str) -> str:
    spec = KINDS[kind]
    lines = [f"kind: {kind}", *(f"{key}: {value}" for key, value in spec.example.items())]
    if spec.key("as-of") is not None:
        lines.append(f"as-of: {DAY}")  # memberships and statuses as on one day, not today
    return "\n".join(lines)


def snapshot(block, style: str) -> dict:
    shown = present(block, style)
    return {"error": block.error, "title": block.title, "text": block.text,
            "tables": [{"title": t.title, "columns": t.columns, "rows": t.rows}
                       for t in block.tables()],
            "chart": None if block.chart is None else {
                "kind": block.chart.kind, "categories": block.chart.categories,
                "values": block.chart.values,
                "series": {k: v for k, v in sorted(block.chart.series.items())}},
            "note": shown.note, "method": shown.method,
            "cites": [s.id for s in shown.cited]}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_block_kind_prints_as_its_golden_file(resolver, kind, style):
    block = resolver(block_text(kind))
    assert block.ok, block.error
    got = json.loads(json.dumps(snapshot(block, style), ensure_ascii=False))
    path = GOLDEN / f"{kind}-{style}.json"
    if os.environ.get("BRIEFDESK_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("style", STYLES)
def test_every_golden_title_and_cell_is_in_the_pdf_and_the_word_file(resolver, style):
    import docx

    from desktop.export.docx_memo import memo_to_docx
    from desktop.export.memo_pdf import memo_to_pdf

    kinds = sorted(KINDS)
    body = "\n\n".join(f"```brief\n{block_text(kind)}\n```" for kind in kinds)
    memo = f"---\ntitle: Golden\ndate: {DAY}\nstyle: {style}\nmarking: OFFICIAL\n---\n\n{body}\n"
    pdf = squeezed("".join(p.extract_text() for p in
                           PdfReader(io.BytesIO(memo_to_pdf(memo, resolver))).pages))
    document = docx.Document(io.BytesIO(memo_to_docx(memo, resolver)))
    word = squeezed(" ".join([*(p.text for p in document.paragraphs),
                              *(c.text for t in document.tables for r in t.rows
                                for c in r.cells)]))
    assert "Couldnotinclude" not in pdf and "Couldnotinclude" not in word
    for kind in kinds:
        golden = json.loads((GOLDEN / f"{kind}-{style}.json").read_text(encoding="utf-8"))
        shown = [golden["title"] or golden["text"],
                 *(cell for table in golden["tables"] for row in table["rows"] for cell in row)]
        for value in filter(None, shown):
            assert squeezed(value) in pdf, (kind, value)
            assert squeezed(value) in word, (kind, value)
