"""Export benchmarks: our memo exporter against bare reportlab and against Markdown → HTML →
WeasyPrint, on the same generated content; the cost per page at 20 and at 1 000 pages; and the
cost of one 40 000-word paragraph (per 1 000 words), which once grew with the square of its length.

The memo is generated from the reference data (ten production tables, five charts, prose between
them), so all three paths lay out the same numbers.
"""

from __future__ import annotations

import statistics
import time
from html import escape

from desktop.app import AppContext
from desktop.export.memo_pdf import memo_to_pdf
from desktop.reference.connection import open_reference

TABLE_MINERALS = ["rare-earths", "lithium", "cobalt", "graphite", "nickel", "copper", "tin",
                  "tungsten", "antimony", "manganese"]
CHART_MINERALS = ["rare-earths", "lithium", "cobalt", "graphite", "nickel"]
PARAGRAPH = ("Supply of this mineral is concentrated: a few producers account for most of world "
             "output, and processing is more concentrated than mining. Diversification depends on "
             "new projects outside the leading producer, on stockpiles that cover disruptions, and "
             "on partners agreeing where public money goes first. ")


def generated_memo(sections: int = 10, paragraphs: int = 7) -> str:
    """About two pages per section: prose, a production table, and every other time a chart."""
    parts = ["---", "title: Benchmark memo", "to: Reader", "from: Bench", "date: 2026-11-28",
             "marking: OFFICIAL", "summary: Generated for the export benchmark.", "---", ""]
    for number in range(sections):
        mineral = TABLE_MINERALS[number % len(TABLE_MINERALS)]
        parts += [f"# Section {number + 1}: {mineral}", ""]
        parts += [PARAGRAPH * 2, ""] * paragraphs
        parts += ["```brief", "kind: production-table", f"mineral: {mineral}", "top: 12", "```", ""]
        if number % 2 == 0:
            chart_mineral = CHART_MINERALS[(number // 2) % len(CHART_MINERALS)]
            parts += ["```brief", "kind: share-chart", f"mineral: {chart_mineral}", "```", ""]
    return "\n".join(parts)


def long_paragraph_memo(words: int = 40_000) -> str:
    """One paragraph of ``words`` words: reportlab alone re-breaks it at every page break."""
    sentence = PARAGRAPH.split()
    return "---\ntitle: One long paragraph\n---\n\n" + " ".join(
        sentence[n % len(sentence)] for n in range(words)) + "\n"


def _timed(function, repeats: int = 9) -> float:
    """Median of several runs after a warm-up: one 0.2 s sample is too noisy for a 2x ratio."""
    function()  # warm: fonts registered, modules imported
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _timed_pair(first, second, repeats: int = 9) -> tuple[float, float]:
    """Medians of two functions run alternately, so both see the same machine load."""
    first()
    second()
    a, b = [], []
    for _ in range(repeats):
        for function, samples in ((first, a), (second, b)):
            start = time.perf_counter()
            function()
            samples.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def bare_reportlab(resolver, text: str) -> bytes:
    """The same content laid out with plain reportlab calls, no Markdown and no furniture."""
    import io

    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

    from desktop.export.fonts import BASE, ensure

    ensure(BASE)
    body = ParagraphStyle("b", fontName=BASE, fontSize=10, leading=14)
    head = ParagraphStyle("h", fontName=BASE + "-Bold", fontSize=15, leading=19)
    story = []
    blocks = _blocks(text)
    for line in _with_block_marks(text).split("\n"):
        if line.startswith("# "):
            story.append(Paragraph(escape(line[2:]), head))
        elif line.startswith(PARAGRAPH[:20]):
            story.append(Paragraph(escape(line), body))
        elif line == "BLOCK":
            block = resolver(blocks.pop(0))
            if not block.ok:
                raise RuntimeError(block.error)
            if block.chart is not None:
                drawing = Drawing(450, 200)
                chart = HorizontalBarChart()
                chart.x, chart.y, chart.width, chart.height = 120, 20, 300, 160
                chart.data = [block.chart.values]
                chart.categoryAxis.categoryNames = block.chart.categories
                chart.categoryAxis.labels.fontName = BASE
                chart.valueAxis.labels.fontName = BASE
                drawing.add(chart)
                story.append(drawing)
            else:
                table = LongTable([block.columns, *block.rows], repeatRows=1)
                table.setStyle([("FONTNAME", (0, 0), (-1, -1), BASE)])
                story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out).build(story)
    return out.getvalue()


def _blocks(text: str) -> list[str]:
    """The memo's block bodies in order (and the text marks where they were with BLOCK)."""
    bodies, current = [], None
    for line in text.split("\n"):
        if line == "```brief":
            current = []
        elif line == "```" and current is not None:
            bodies.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return bodies


def _with_block_marks(text: str) -> str:
    out, inside = [], False
    for line in text.split("\n"):
        if line == "```brief":
            inside = True
            out.append("BLOCK")
        elif line == "```" and inside:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


def weasyprint_peer(resolver, text: str) -> bytes:
    """Markdown → HTML → WeasyPrint, with blocks as HTML tables and SVG bars (front matter
    left in the text: the peer has no notion of it, which only makes its job smaller)."""
    import markdown
    import weasyprint

    blocks = _blocks(text)
    html_parts = []
    for chunk in _with_block_marks(text).split("BLOCK"):
        html_parts.append(markdown.markdown(chunk))
        if blocks:
            block = resolver(blocks.pop(0))
            if block.chart is not None:
                bars = "".join(
                    f'<rect x="120" y="{20 * i}" width="{3 * v}" height="14" fill="#1f5fa8"/>'
                    f'<text x="0" y="{20 * i + 11}" font-size="10">{escape(c)}</text>'
                    for i, (c, v) in enumerate(zip(block.chart.categories, block.chart.values,
                                                   strict=False)))
                html_parts.append(f'<svg width="450" height="{20 * len(block.chart.values)}">'
                                  f"{bars}</svg>")
            else:
                rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                               for row in block.rows)
                head = "".join(f"<th>{escape(c)}</th>" for c in block.columns)
                html_parts.append(f"<table><thead><tr>{head}</tr></thead>{rows}</table>")
    css = "body{font-family:'DejaVu Sans';font-size:10pt} td,th{padding:2px 6px}"
    page = f"<html><head><style>{css}</style></head><body>{''.join(html_parts)}</body></html>"
    return weasyprint.HTML(string=page).write_pdf()


def bench_export() -> dict:
    resolver = AppContext(open_reference()).blocks
    memo = generated_memo()
    ours_pdf = memo_to_pdf(memo, resolver)
    ours, bare = _timed_pair(lambda: memo_to_pdf(memo, resolver),
                             lambda: bare_reportlab(resolver, memo))
    pages = _pages(ours_pdf)
    results = {"export_pages": pages, "export_tables": len(TABLE_MINERALS),
               "export_charts": 5, "export_ours_s": round(ours, 3),
               "export_bare_reportlab_s": round(bare, 3),
               "export_ours_vs_bare": round(ours / bare, 2)}
    try:
        weasy = _timed(lambda: weasyprint_peer(resolver, memo), repeats=1)
        results["export_weasyprint_s"] = round(weasy, 3)
        results["export_speedup_vs_weasyprint"] = round(weasy / ours, 1)
    except Exception as exc:  # the peer needs Pango; without it the comparison is skipped
        results["export_weasyprint_s"] = f"unavailable ({type(exc).__name__})"
    big = generated_memo(sections=570)  # about a thousand pages
    start = time.perf_counter()
    big_pdf = memo_to_pdf(big, resolver)
    big_seconds = time.perf_counter() - start
    big_pages = _pages(big_pdf)
    results.update({"export_1000p_pages": big_pages, "export_1000p_s": round(big_seconds, 2),
                    "export_ms_per_page_20p": round(1000 * ours / pages, 1),
                    "export_ms_per_page_1000p": round(1000 * big_seconds / big_pages, 1),
                    "export_per_page_ratio": round((big_seconds / big_pages) / (ours / pages), 2)})
    words = 40_000
    long_memo = long_paragraph_memo(words)
    start = time.perf_counter()
    memo_to_pdf(long_memo)
    long_seconds = time.perf_counter() - start
    results.update({"export_40k_word_paragraph_s": round(long_seconds, 2),
                    "export_ms_per_1000_words_one_paragraph":
                        round(1000 * long_seconds / (words / 1000), 1)})
    return results


SAMPLE = "resources/samples/rare-earths-after-g7-washington.md"
#: The floor any Word writer pays: start Python, import python-docx, save an empty document.
BARE_DOCX = "import io, docx; docx.Document().save(io.BytesIO())"


def bench_word(rounds: int = 5) -> dict:
    """Word export of the sample memo (issue 14: ≤ 1 s) beside the PDF export of the same memo,
    as whole ``briefdesk export`` processes, interleaved with a bare python-docx process."""
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    repo_dir = Path(__file__).resolve().parent.parent
    env = dict(os.environ)
    times: dict[str, list[float]] = {"word": [], "pdf": [], "bare": []}
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "word": [sys.executable, "-m", "desktop", "export", SAMPLE, "-o", f"{out}/m.docx"],
            "pdf": [sys.executable, "-m", "desktop", "export", SAMPLE, "-o", f"{out}/m.pdf"],
            "bare": [sys.executable, "-c", BARE_DOCX]}
        for _ in range(rounds):
            for name, args in commands.items():
                start = time.perf_counter()
                subprocess.run(args, cwd=repo_dir, env=env, capture_output=True, check=True,
                               timeout=120)
                times[name].append(time.perf_counter() - start)
    word, pdf, bare = (statistics.median(times[k]) for k in ("word", "pdf", "bare"))
    return {"word_export_sample_s": round(word, 3), "pdf_export_sample_s": round(pdf, 3),
            "word_bare_docx_s": round(bare, 3), "word_export_vs_bare": round(word / bare, 2)}
