"""Table sizing: every row's text fits its column, and no row hides under the scroll bar."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from desktop.ui.widgets.data_table import Column, DataTable  # noqa: E402

COLUMNS = [Column("name", "Country"), Column("value", "Value", numeric=True)]


def _rows(count: int) -> list[dict]:
    rows = [{"name": "Chad", "value": "1"} for _ in range(count)]
    rows[-1] = {"name": "Democratic Republic of the Congo", "value": "1,400,000,000"}
    return rows


def test_columns_fit_text_beyond_the_first_rows(qtbot):
    table = DataTable("Figures", COLUMNS, _rows(120))
    qtbot.addWidget(table)
    metrics = table.view.fontMetrics()
    header = table.view.horizontalHeader()
    for column, text in enumerate(("Democratic Republic of the Congo", "1,400,000,000")):
        assert header.sectionSize(column) > metrics.horizontalAdvance(text)


def test_scroll_bar_room_only_when_columns_overflow(qtbot):
    table = DataTable("Figures", COLUMNS, _rows(5))
    qtbot.addWidget(table)
    bar = table.view.horizontalScrollBar().sizeHint().height()
    table.resize(900, 400)
    table.show()
    qtbot.waitExposed(table)
    wide = table.view.height()
    table.resize(120, 400)
    qtbot.wait(10)
    assert table.view.height() == wide + bar
    table.resize(900, 400)
    qtbot.wait(10)
    assert table.view.height() == wide
