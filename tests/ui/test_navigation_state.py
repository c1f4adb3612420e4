"""Back/forward mouse buttons wherever the pointer rests, the restored view, timeline dates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QToolBar, QWidget


def _press(widget: QWidget, button: Qt.MouseButton) -> None:
    centre = QPointF(widget.rect().center())
    event = QMouseEvent(QEvent.Type.MouseButtonPress, centre, widget.mapToGlobal(centre),
                        button, button, Qt.KeyboardModifier.NoModifier)
    QGuiApplication.sendEvent(widget, event)


def test_back_button_over_the_toolbar_and_its_lookup_field(window):
    window.open_card("country", "JPN")
    window.open_card("country", "KOR")
    window.open_card("country", "CHN")
    _press(window.findChild(QToolBar), Qt.MouseButton.BackButton)
    assert window.history.current == ("country", "KOR")
    _press(window.lookup_field, Qt.MouseButton.BackButton)
    assert window.history.current == ("country", "JPN")
    _press(window.lookup_field, Qt.MouseButton.ForwardButton)
    assert window.history.current == ("country", "KOR")


def test_back_button_over_the_timeline_filter_bar(window):
    window.open_card("country", "JPN")
    window.open_card("timeline", "")
    panel = window.card_area.currentWidget()
    _press(panel.country, Qt.MouseButton.BackButton)
    assert window.history.current == ("country", "JPN")
    window.open_card("timeline", "")
    _press(panel, Qt.MouseButton.BackButton)
    assert window.history.current == ("country", "JPN")


def test_timeline_dates_are_editable_only_while_in_use(window):
    window.open_card("timeline", "")
    panel = window.card_area.currentWidget()
    assert not panel.use_dates.isChecked()
    assert not panel.date_from.isEnabled() and not panel.date_to.isEnabled()
    panel.use_dates.setChecked(True)
    assert panel.date_from.isEnabled() and panel.date_to.isEnabled()
    panel.use_dates.setChecked(False)
    assert not panel.date_from.isEnabled()


@pytest.mark.parametrize("view", ["blocs", "timeline"])
def test_last_whole_panel_view_is_restored(qtbot, reference_conn, view):
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    first = MainWindow(window_context(reference_conn))
    qtbot.addWidget(first)
    first.show()
    first.open_card(view, "")
    first.close()
    second = MainWindow(window_context(reference_conn))
    qtbot.addWidget(second)
    assert second.history.current == (view, "")
