"""Charts in one style for both themes: a time-series line chart and a share bar chart.

QtCharts is imported here only, and only when a card first draws a chart, because it costs tens of
milliseconds at start-up. Every chart has axis titles with units, a source line under it and an
accessible name.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.theme import chart_colours


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
               source: str, x_title: str = "Year", tick_interval: int | None = None) -> QWidget:
    """Lines over years, e.g. world and China rare-earth mine production since 1900."""
    from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis

    colours = chart_colours()
    chart = QChart()
    _style(chart, title)
    x_axis, y_axis = QValueAxis(), QValueAxis()
    _style_axis(x_axis, x_title)
    _style_axis(y_axis, y_title)
    x_axis.setLabelFormat("%d")
    y_axis.setLabelFormat("%.0f")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    low_x, high_x, high_y = None, None, 0.0
    for number, (name, points) in enumerate(series.items()):
        line = QLineSeries()
        line.setName(name)
        line.setPen(QPen(QColor(colours.series[number % len(colours.series)]), 2))
        for x, y in points:
            line.append(float(x), float(y))
            low_x = x if low_x is None else min(low_x, x)
            high_x = x if high_x is None else max(high_x, x)
            high_y = max(high_y, y)
        chart.addSeries(line)
        line.attachAxis(x_axis)
        line.attachAxis(y_axis)
    if low_x is not None:
        x_axis.setRange(low_x, high_x)
        span = high_x - low_x
        interval = tick_interval or (25 if span > 80 else 10 if span > 30 else 5 if span > 10
                                     else 1)
        x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        x_axis.setTickAnchor(low_x - low_x % interval)
        x_axis.setTickInterval(interval)
    y_axis.setRange(0, high_y * 1.05 or 1)
    y_axis.applyNiceNumbers()
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(300)
    view.setAccessibleName(f"Chart: {title}")
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
    value_axis.setRange(0, 100)
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
