"""Chart axes: readable numbers, whole unit titles and bar labels that are not squeezed."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QFont  # noqa: E402

from desktop.ui.widgets.charts import (  # noqa: E402
    bar_axis_end,
    line_chart,
    nice_ticks,
    share_bar_chart,
    tick_label,
)


def test_nice_ticks_cover_the_range_in_round_steps():
    assert nice_ticks(252_000) == [0, 100_000, 200_000, 300_000]
    assert nice_ticks(105) == [0, 25, 50, 75, 100, 125]
    assert nice_ticks(0) == [0.0, 1.0]


def test_tick_labels_have_thousands_separators():
    assert tick_label(500_000, 100_000) == "500,000"
    assert tick_label(0.5, 0.25) == "0.5"
    assert tick_label(1.25, 0.25) == "1.25"


def test_line_chart_y_labels_and_wrapped_title(qtbot):
    from PySide6.QtCharts import QCategoryAxis, QChartView

    box = line_chart("Net import reliance", {"Gallium": [(2020, 100.0), (2024, 600_000.0)]},
                     "% of apparent consumption and a long unit", "source")
    qtbot.addWidget(box)
    view = box.findChild(QChartView)
    axis = next(a for a in view.chart().axes() if isinstance(a, QCategoryAxis))
    assert "600,000" in axis.categoriesLabels()
    assert "<br>" in axis.titleText()  # wrapped, not elided
    assert "% of apparent consumption and a long unit" in view.toolTip()


def test_short_axis_title_is_left_alone(qtbot):
    from desktop.ui.widgets.charts import _wrapped_title

    assert _wrapped_title("Metric tons", QFont()) == "Metric tons"


def test_full_bar_gets_room_for_its_label(qtbot):
    assert bar_axis_end(60) == 100
    assert bar_axis_end(99) > 110
    from PySide6.QtCharts import QChartView, QValueAxis

    box = share_bar_chart("Gallium", ["China", "Japan"], [0.99, 0.01], "source")
    qtbot.addWidget(box)
    axis = next(a for a in box.findChild(QChartView).chart().axes()
                if isinstance(a, QValueAxis))
    assert axis.max() > 110


def test_bounds_are_dashed_and_percentages_stop_at_100(qtbot):
    from PySide6.QtCharts import QChartView, QLineSeries
    from PySide6.QtCore import Qt

    widget = line_chart("Reliance", {"Compounds (at least)": [(2021, 95), (2023, 90)],
                                     "Compounds": [(2024, 53), (2025, 100)]},
                        "% of apparent consumption", "Source: USGS",
                        dashed=frozenset({"Compounds (at least)"}), y_max=100.0)
    qtbot.addWidget(widget)
    chart = widget.findChild(QChartView).chart()
    styles = {s.name(): s.pen().style() for s in chart.series() if isinstance(s, QLineSeries)}
    assert styles == {"Compounds (at least)": Qt.PenStyle.DashLine,
                      "Compounds": Qt.PenStyle.SolidLine}
    y_axis = chart.axes(Qt.Orientation.Vertical)[0]
    assert y_axis.max() <= 100


def test_a_missing_year_is_a_gap_with_one_legend_entry(qtbot):
    from PySide6.QtCharts import QChartView, QLineSeries

    widget = line_chart("Production", {"China": [(2020, 1.0), (2021, 2.0), (2023, 4.0)]},
                        "Metric tons", "Source: USGS")
    qtbot.addWidget(widget)
    widget.show()  # a legend marker is only visible in a shown chart
    chart = widget.findChild(QChartView).chart()
    lines = [s for s in chart.series() if isinstance(s, QLineSeries)]
    assert [[(p.x(), p.y()) for p in line.points()] for line in lines] == [
        [(2020.0, 1.0), (2021.0, 2.0)], [(2023.0, 4.0)]]
    visible = [m for line in lines for m in chart.legend().markers(line) if m.isVisible()]
    assert len(visible) == 1
