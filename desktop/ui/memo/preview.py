"""The editor's live preview: the memo as HTML, data blocks resolved as they will print.

A quick approximation of the PDF for reading while writing ("Preview PDF" shows the real pages).
It sits beside the text, not behind a tab, so the writer sees it change as they type.
Raw HTML typed in the memo is shown as text here too, as the exporter prints it.

Charts are drawn by the exporter's own chart code (reportlab drawings, as SVG images), so the
preview shows the bars and lines the PDF will print rather than a line of numbers; should the
drawing fail, a placeholder names the chart and its data range and says it is in the PDF.
"""

from __future__ import annotations

import base64
import re
from html import escape

import markdown

from desktop.domain.fences import find_blocks
from desktop.domain.memo import Memo
from desktop.domain.resolved import ChartSpec, ResolvedBlock
from desktop.ui.memo.block_picker import preview_html

CHART_WIDTH = 420  # points in the PDF; pixels here, about the width of the preview pane
_CHART_CACHE: dict[str, str] = {}  # drawing a chart costs ~0.1 s: redraw only when it changes
_CACHE_SIZE = 32
_UNFILLED_PATH = re.compile(r'(<(?:path|polyline)\b[^>]*?)style="(?![^"]*fill)')


def memo_html(memo: Memo, resolve) -> str:
    parts = [f"<h1>{escape(memo.title)}</h1>"]
    meta = [(label, memo.get(key)) for label, key in
            (("To", "to"), ("From", "from"), ("Date", "date"), ("Marking", "marking"))]
    parts.append("<p>" + " · ".join(f"<b>{label}:</b> {escape(value)}" for label, value in meta
                                    if value) + "</p>")
    if memo.get("summary"):
        parts.append(f"<blockquote><b>Summary.</b> {escape(memo.get('summary'))}</blockquote>")
    body, cursor = memo.body, 0
    for found in find_blocks(body):
        parts.append(_markdown(body[cursor:found.start]))
        block = resolve(found.body)
        parts.append("<div style='background:#f3f5f7; padding:4px'>"
                     f"{preview_html(block, chart_html(block))}</div>")
        cursor = found.end
    parts.append(_markdown(body[cursor:]))
    return "".join(parts)


def _markdown(text: str) -> str:
    return markdown.markdown(escape(text, quote=False),
                             extensions=["tables", "footnotes", "sane_lists"])


def chart_html(block: ResolvedBlock) -> str:
    """The block's chart as an inline image, or a placeholder; empty for blocks without one."""
    spec = block.chart
    if block.error or spec is None:
        return ""
    key = repr(spec)
    if key not in _CHART_CACHE:
        try:
            svg = _chart_svg(spec)
        except Exception:  # a preview is never allowed to fail over a drawing
            return _placeholder(spec)
        if len(_CHART_CACHE) >= _CACHE_SIZE:
            _CHART_CACHE.clear()
        _CHART_CACHE[key] = ("<p><img alt='chart' src='data:image/svg+xml;base64,"
                             + base64.b64encode(svg).decode("ascii") + "'></p>")
    return _CHART_CACHE[key]


def _chart_svg(spec: ChartSpec) -> bytes:
    """The PDF's drawing of the chart as SVG, on white (Qt paints a transparent SVG on black)."""
    from reportlab.graphics import renderSVG
    from reportlab.graphics.shapes import Rect
    from reportlab.lib import colors

    from desktop.export.charts import bar_chart, line_chart

    drawing = bar_chart(spec, CHART_WIDTH) if spec.kind == "bar" else line_chart(spec,
                                                                                 CHART_WIDTH)
    drawing.insert(0, Rect(0, 0, drawing.width, drawing.height, fillColor=colors.white,
                           strokeColor=None))
    svg = renderSVG.drawToString(drawing)
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    # reportlab writes lines as paths with no fill, or "fill: None", which Qt's SVG renderer
    # fills black: say "none" as SVG spells it
    text = _UNFILLED_PATH.sub(r'\1style="fill: none; ', text.replace("fill: None", "fill: none"))
    return text.encode("utf-8")


def _placeholder(spec: ChartSpec) -> str:
    """Say what the chart shows and that it is printed in the PDF, without faking it."""
    if spec.categories:
        extent = f"{len(spec.categories)} bars, {spec.categories[0]} to {spec.categories[-1]}"
    else:
        years = [x for points in spec.series.values() for x, _y in points]
        extent = (f"{len(spec.series)} series, {min(years)}–{max(years)}" if years
                  else "no points")
    return (f"<p style='border:1px dashed gray; padding:6px'><i>Chart (shown in the PDF):</i> "
            f"{escape(spec.title)} — {escape(extent)}</p>")
