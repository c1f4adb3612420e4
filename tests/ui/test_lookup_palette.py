"""The lookup palette is as tall as its results, up to a limit, and shows them all unscrolled."""

from __future__ import annotations

from desktop.ui.lookup_palette import VISIBLE_ROWS


def _show(qtbot, window, text: str):
    window.resize(1200, 800)
    window.lookup_field.setFocus()
    window.lookup_field.setText(text)
    palette = window.palette_popup
    qtbot.waitUntil(palette.isVisible)
    return palette


def test_few_results_make_a_short_palette(qtbot, window):
    palette = _show(qtbot, window, "Tuvalu")
    rows = palette.model.rowCount()
    assert 0 < rows < VISIBLE_ROWS
    row_height = palette.view.sizeHintForRow(0)
    assert palette.height() < (rows + 1) * row_height + 12
    assert not palette.view.verticalScrollBar().isVisible()


def test_many_results_are_capped(qtbot, window):
    palette = _show(qtbot, window, "a")
    assert palette.model.rowCount() > VISIBLE_ROWS
    assert palette.height() <= VISIBLE_ROWS * palette.view.sizeHintForRow(0) + 12
