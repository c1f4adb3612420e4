"""The window fits a 1024×700 laptop screen in every state, and no visible button is clipped.

Each state is reached as a user would (New memo, a card, the dashboard, the timeline); at
1024×700 and at 1440×900 the window's minimum size stays within 1024×700, the window keeps the
size it was given, the card keeps a usable width beside the memo, and every visible button is
at least as wide as its label needs.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication

from tests.ui.conftest import finish

SCREENS = [(1024, 700), (1440, 900)]
STATES = [("mineral", "rare-earths"), ("country", "CHN"), ("initiative", "eu-crma"),
          ("group", "g7"), ("event", "2010-09-21-cn-rare-earth-halt-to-japan"),
          ("blocs", ""), ("timeline", ""), ("lists", "")]


def clipped_buttons(window) -> list[str]:
    """Visible buttons narrower than their label needs."""
    out = []
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text() and \
                button.width() < button.minimumSizeHint().width():
            out.append(f"{button.text()!r}: {button.width()} < "
                       f"{button.minimumSizeHint().width()}")
    return out


def fits(window, width: int, height: int) -> None:
    QApplication.processEvents()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= 1024 and minimum.height() <= 700, minimum
    assert (window.width(), window.height()) == (width, height)
    assert not clipped_buttons(window), clipped_buttons(window)


@pytest.mark.parametrize("width, height", SCREENS)
def test_every_state_fits_the_screen_with_a_memo_open(window, width, height):
    window.resize(width, height)
    fits(window, width, height)
    window.new_memo_action.trigger()  # Ctrl+N
    fits(window, width, height)
    assert window.card_area.width() >= 300  # the card keeps a readable column
    assert window.editor.width() >= 300
    for kind, ident in STATES:
        assert window.open_card(kind, ident)
        finish(window)
        fits(window, width, height)
        assert window.card_area.width() >= 300, kind
    window.back_action.trigger()
    fits(window, width, height)


def test_focus_memo_and_hide_navigation_from_the_keyboard_and_remembered(window, qtbot,
                                                                         reference_conn):
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    window.resize(1024, 700)
    switches = window.view_switches
    assert switches.focus_memo.shortcut().toString() == "Ctrl+Shift+M"
    assert switches.hide_navigation.shortcut().toString() == "F9"
    switches.focus_memo.trigger()  # no memo open: nothing to focus on, nothing hidden
    assert window.card_area.isVisible() and window.navigation.isVisible()
    window.new_memo_action.trigger()
    assert not window.card_area.isVisible() and not window.navigation.isVisible()
    QApplication.processEvents()
    assert window.editor.width() > 900  # the memo has the whole width
    window.open_card("country", "CHN")  # a link or the lookup brings the card back
    assert window.card_area.isVisible() and not switches.focus_memo.isChecked()
    switches.hide_navigation.trigger()
    assert not window.navigation.isVisible() and window.card_area.isVisible()
    window.save_state()
    window.close()

    again = MainWindow(window_context(reference_conn))  # the next start
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.view_switches.hide_navigation.isChecked()
    assert not again.navigation.isVisible() and again.editor.isVisible()
    again.view_switches.hide_navigation.trigger()
    assert again.navigation.isVisible()


def test_templates_are_in_the_file_menu(window):
    labels = [action.text() for action in window.template_menu.actions()]
    assert "BLUF decision memo" in labels and len(labels) >= 4
    before = window.editor.memo_id
    window.template_menu.actions()[0].trigger()
    assert window.editor.memo_id not in (None, before)
    assert window.editor.fields["title"].text()


def test_go_menu_shows_the_shortcuts(window):
    shortcuts = {action.text(): action.shortcut().toString()
                 for menu in window.menuBar().findChildren(type(window.file_menu))
                 for action in menu.actions()}
    assert shortcuts["Look up…"] == "Ctrl+K"
    assert shortcuts["Timeline"] == "Ctrl+T"
    assert shortcuts["Bloc dashboard"] == "Ctrl+Shift+D"


def test_the_summary_wraps_over_several_lines_and_is_saved_as_one_paragraph(window, qtbot):
    window.new_memo_action.trigger()
    summary = window.editor.fields["summary"]
    assert summary.height() >= 2.5 * summary.fontMetrics().lineSpacing()
    qtbot.keyClicks(summary, "China refines about 90 % of rare earths;")
    qtbot.keyClick(summary, "\r")  # Return moves on, it adds no line break
    summary.insertPlainText(" partners depend on it.")
    assert window.editor.current_memo().front["summary"] == \
        "China refines about 90 % of rare earths; partners depend on it."
