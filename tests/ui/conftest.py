"""UI fixtures: a main window over the session's test reference DB, settings in a temp dir."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


@pytest.fixture()
def window(qtbot, reference_conn):
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    win = MainWindow(window_context(reference_conn))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def finish(window):
    """Build the deferred sections of the card on screen."""
    panel = window.card_area.currentWidget()
    if hasattr(panel, "finish"):
        panel.finish()
    return panel
