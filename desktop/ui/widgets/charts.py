"""Charts in one style for both themes: a time-series line chart and a share bar chart.

QtCharts is imported here only, and only when a card first draws a chart, because it costs tens of
milliseconds at start-up. Every chart has axis titles with units, a source line under it and an
accessible name.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.domain.resolved import year_runs
from desktop.ui.theme import chart_colours

BAR_LABEL_FREE = 88.0  # % up to which a bar's "xx.x %" label still fits outside it on 0–100
BAR_LABEL_ROOM = 14.0  # % of axis to add beyond the longest bar for its label
AXIS_TITLE_ROOM = 150  # px along a 300 px line chart's vertical axis that a title line may use


def _style(chart, title: str) -> None:
    colours = chart_colours()
    chart.setTitle(title)
    chart.setBackgroundBrush(QColor(colours.background))
    chart.setTitleBrush(QColor(colours.text))
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.legend().setLabelColor(QColor(colours.text))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(chart.AnimationOption.NoAnimation)


def _style_axis(axis, title: str) -> None:
    colours = chart_colours()
    axis.setTitleText(title)
    axis.setTitleBrush(QColor(colours.text))
    axis.setLabelsColor(QColor(colours.text))
    axis.setGridLineColor(QColor(colours.grid))
    axis.setLinePenColor(QColor(colours.grid))


def nice_ticks(high: float, target: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``high``: steps of 1, 2, 2.5 or 5 times 10^n."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / target
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    count = math.ceil(high / step - 1e-9)
    return [i * step for i in range(count + 1)]


def tick_label(value: float, step: float) -> str:
    """A tick value with thousands separators ("500,000"), decimals only when steps need them."""
    decimals = 0 if step >= 1 or step == 0 else min(3, -math.floor(math.log10(step)) + 1)
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if decimals else text


def _label_ticks(axis, ticks: list[float]) -> None:
    """Label a category axis at each tick value.

    QValueAxis prints labels with a printf format, which has no thousands separator, and its
    number localisation would also put separators into the years of the other axis; a category
    axis whose labels sit on the values gives exact control over the text.
    """
    from PySide6.QtCharts import QCategoryAxis

    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setStartValue(ticks[0])
    axis.setRange(ticks[0], ticks[-1])
    for value in ticks:
        axis.append(tick_label(value, step), value)


def _wrapped_title(title: str, font: QFont, room: int = AXIS_TITLE_ROOM) -> str:
    """Break a long vertical-axis title into lines that fit the plot height.

    Qt elides a title longer than the plot ("% of apparent consum…"); two shorter lines keep the
    unit readable. The chart's tooltip carries the text in one piece as well.
    """
    font = QFont(font)
    font.setBold(True)
    metrics = QFontMetrics(font)
    if metrics.horizontalAdvance(title) <= room:
        return title
    lines: list[str] = []
    for word in title.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "<br>".join(escape(line) for line in lines)


def bar_axis_end(top_percent: float) -> float:
    """End of a share axis: 100, or beyond it when the longest bar would hide its label."""
    return 100.0 if top_percent <= BAR_LABEL_FREE else top_percent + BAR_LABEL_ROOM


def _framed(view, source: str, name: str) -> QWidget:
    box = QWidget()
    box.setAccessibleName(name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 6)
    layout.addWidget(view)
    note = QLabel(source)
    note.setWordWrap(True)
    note.setOpenExternalLinks(True)
    note.setStyleSheet("color: palette(placeholder-text); font-size: small;")
    layout.addWidget(note)
    return box


def line_chart(title: str, series: dict[str, Sequence[tuple[int, float]]], y_title: str,
               source: str, x_title: str = "Year", tick_interval: int | None = None,
               dashed: frozenset[str] = frozenset(), y_max: float | None = None) -> QWidget:
    """Lines over years, e.g. world and China rare-earth mine production since 1900.

    Series named in ``dashed`` are drawn dashed with point markers: values a source gives only
    as a bound (">95 %"), which must not read as exact. ``y_max`` caps the axis (100 for a
    percentage that cannot exceed it)."""
    from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis

    colours = chart_colours()
    chart = QChart()
    _style(chart, title)
    x_axis, y_axis = QValueAxis(), QCategoryAxis()
    _style_axis(x_axis, x_title)
    _style_axis(y_axis, _wrapped_title(y_title, x_axis.titleFont()))
    x_axis.setLabelFormat("%d")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    low_x, high_x, high_y = None, None, 0.0
    for number, (name, points) in enumerate(series.items()):
        for index, run in enumerate(year_runs(list(points))):  # a missing year: a gap
            line = QLineSeries()
            line.setName(name)
            pen = QPen(QColor(colours.series[number % len(colours.series)]), 2)
            if name in dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            line.setPointsVisible(name in dashed or len(run) == 1)
            line.setPen(pen)
            for x, y in run:
                line.append(float(x), float(y))
                low_x = x if low_x is None else min(low_x, x)
                high_x = x if high_x is None else max(high_x, x)
                high_y = max(high_y, y)
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
            if index:  # one legend entry per series, not per run
                for marker in chart.legend().markers(line):
                    marker.setVisible(False)
    if low_x is not None:
        x_axis.setRange(low_x, high_x)
        span = high_x - low_x
        interval = tick_interval or (25 if span > 80 else 10 if span > 30 else 5 if span > 10
                                     else 1)
        x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        x_axis.setTickAnchor(low_x - low_x % interval)
        x_axis.setTickInterval(interval)
    top = high_y * 1.05  # headroom: no line on the top edge
    _label_ticks(y_axis, nice_ticks(min(top, y_max) if y_max else top))
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(300)
    view.setAccessibleName(f"Chart: {title}")
    view.setToolTip(f"{title}\nVertical axis: {y_title}\nHorizontal axis: {x_title}")
    return _framed(view, source, f"Chart: {title}")


def share_bar_chart(title: str, labels: Sequence[str], shares: Sequence[float], source: str,
                    value_title: str = "Share of world total (%)") -> QWidget:
    """Horizontal bars of percentage shares, largest at the top."""
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QChartView,
        QHorizontalBarSeries,
        QValueAxis,
    )

    colours = chart_colours()
    chart = QChart()
    _style(chart, title)
    chart.legend().hide()
    bars = QBarSet("Share")
    bars.setColor(QColor(colours.series[0]))
    bars.setBorderColor(QColor(colours.series[0]))
    bars.setLabelColor(QColor(colours.text))
    for share in reversed(list(shares)):
        bars.append(round(100 * share, 1))
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value %")
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    category_axis = QBarCategoryAxis()
    category_axis.append(list(reversed(list(labels))))
    _style_axis(category_axis, "")
    value_axis = QValueAxis()
    _style_axis(value_axis, value_title)
    # A bar reaching (nearly) 100 % leaves its label no room outside the bar, and Qt then draws
    # it squeezed inside, dark on the bar colour; extending the axis past 100 keeps it outside.
    top = 100 * max(shares, default=0)
    value_axis.setRange(0, bar_axis_end(top))
    value_axis.setTickType(QValueAxis.TickType.TicksDynamic)
    value_axis.setTickAnchor(0)
    value_axis.setTickInterval(25)
    value_axis.setLabelFormat("%d")
    chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(category_axis)
    series.attachAxis(value_axis)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(60 + 28 * len(labels))
    view.setAccessibleName(f"Chart: {title}")
    return _framed(view, source, f"Chart: {title}")
