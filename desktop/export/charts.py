"""Charts as vector drawings: share bars and series lines, with axis titles, units and a source.

Only reportlab.graphics is used, so a chart is lines and text in the PDF, sharp at any zoom. The
chart's title is the caption above it (which carries the citation); the drawing holds the axes.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from desktop.domain.numbers import percent_value, whole
from desktop.domain.resolved import ChartSpec, year_runs
from desktop.export.fonts import BASE, ensure, single_font
from desktop.export.styles import CHART_SERIES, INK, MUTED, RULE


def _label(x: float, y: float, text: str, size: float, colour=INK, anchor: str = "start",
           bold: bool = False) -> String:
    font, shown = single_font(text, BASE + "-Bold" if bold else BASE)
    return String(x, y, shown, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


def bar_chart(spec: ChartSpec, width: float) -> Drawing:
    ensure(BASE)
    rows = max(len(spec.values), 1)
    height = 18 * rows + 56
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    left = min(150, 20 + 6 * max((len(c) for c in spec.categories), default=4))
    chart.x, chart.y = left, 36
    chart.width, chart.height = width - left - 40, 18 * rows
    chart.data = [list(reversed(spec.values))]
    chart.categoryAxis.categoryNames = [single_font(c)[1] for c in reversed(spec.categories)]
    chart.categoryAxis.labels.fontName = BASE
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(100.0, max(spec.values, default=0))
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = BASE
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.bars[0].fillColor = colors.HexColor(CHART_SERIES[0])
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = percent_value  # the values are per cent already: "69.2 %"
    chart.barLabels.fontName = BASE
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(_label(left + chart.width / 2, 8, spec.value_label, 8, MUTED, anchor="middle"))
    return drawing


AXIS_SIZE = 8  # points, tick labels and axis titles
TITLE_X = 10  # the vertical axis title's baseline, from the drawing's left edge
TITLE_GAP = 4  # between the title and the widest tick label
TICK_GAP = 5  # reportlab sets vertical-axis labels this far left of the axis
RIGHT_MARGIN = 22


def _tick_text(value: float) -> str:
    return whole(value)


def plot_left(value_max: float) -> float:
    """Where the plot starts so the vertical axis title clears the widest tick label.

    A fixed left edge let "80,000,000" run over the title. reportlab's ticks never exceed the
    axis maximum, so the maximum's label is at least as wide as any tick label drawn. The title
    is turned a quarter turn, so its descenders reach right of its baseline by the font's descent.
    """
    widest = stringWidth(_tick_text(value_max), BASE, AXIS_SIZE)
    descent = -getAscentDescent(BASE, AXIS_SIZE)[1]
    return TITLE_X + descent + TITLE_GAP + widest + TICK_GAP


def line_chart(spec: ChartSpec, width: float, height: float = 220) -> Drawing:
    ensure(BASE)
    drawing = Drawing(width, height)
    names = list(spec.series)
    plot = LinePlot()
    ys = [y for name in names for _, y in spec.series[name]]
    value_max = max(ys) * 1.08 if ys and max(ys) > 0 else 1
    plot.x, plot.y = plot_left(value_max), 58
    plot.width, plot.height = width - plot.x - RIGHT_MARGIN, height - 78
    runs = [(number, run) for number, name in enumerate(names)
            for run in year_runs(spec.series[name])]  # a missing year is a gap in the line
    plot.data = [run for _number, run in runs]
    xs = [x for name in names for x, _ in spec.series[name]]
    few_points = max(len(spec.series[name]) for name in names) <= 12
    for index, (number, run) in enumerate(runs):
        line = plot.lines[index]
        line.strokeColor = colors.HexColor(CHART_SERIES[number % len(CHART_SERIES)])
        line.strokeWidth = 1.6
        if few_points or len(run) == 1:  # a handful, or a lone year: points must show
            line.symbol = makeMarker("FilledCircle")
            line.symbol.size = 4
            line.symbol.fillColor = line.strokeColor
    low, high = min(xs), max(xs)
    if low == high:  # one year: an axis needs a span
        low, high = low - 1, high + 1
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = low, high
    span = high - low
    plot.xValueAxis.valueStep = 20 if span > 80 else 10 if span > 30 else 5 if span > 10 else 1
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = value_max
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = BASE
        axis.labels.fontSize = AXIS_SIZE
        axis.strokeColor = RULE
    plot.yValueAxis.labels.dx = -TICK_GAP
    plot.xValueAxis.labelTextFormat = "%d"
    plot.yValueAxis.labelTextFormat = _tick_text
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = RULE
    drawing.add(plot)
    drawing.add(_label(plot.x + plot.width / 2, 28, "Year", 8, MUTED, anchor="middle"))
    axis_title = Group(_label(0, 0, spec.value_label, AXIS_SIZE, MUTED, anchor="middle"))
    axis_title.translate(TITLE_X, plot.y + plot.height / 2)
    axis_title.rotate(90)
    drawing.add(axis_title)
    legend = Legend()
    legend.x, legend.y = plot.x, 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = BASE
    legend.fontSize = 8
    legend.dx = legend.dy = 8
    legend.deltax = max(40, plot.width / max(len(names), 1))
    legend.colorNamePairs = [(colors.HexColor(CHART_SERIES[i % len(CHART_SERIES)]),
                              single_font(name)[1]) for i, name in enumerate(names)]
    drawing.add(legend)
    return drawing
