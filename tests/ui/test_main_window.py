"""The first window: type a query, open a card, follow a link; the grab is not blank."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QUrl  # noqa: E402


@pytest.fixture()
def window(qtbot, reference_conn):
    from desktop.ui.main_window import MainWindow

    win = MainWindow(reference_conn)
    qtbot.addWidget(win)
    win.show()
    return win


def test_type_query_and_open_card(qtbot, window):
    opened = []
    window.card_opened.connect(lambda kind, ident: opened.append((kind, ident)))
    qtbot.keyClicks(window.query, "Burma")
    assert window.results.count() >= 1
    qtbot.keyClick(window.query, Qt.Key.Key_Return)
    assert opened[-1] == ("country", "MMR")
    assert "Myanmar" in window.card.toPlainText()


def test_links_open_cards(window):
    window.card.anchorClicked.emit(QUrl("briefdesk://country/CHN"))
    assert "China" in window.card.toPlainText()


def test_grab_is_not_blank(window):
    image = window.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 17)
               for y in range(0, image.height(), 17)}
    assert len(colours) > 5


def test_unknown_link_is_a_message_not_a_crash(window):
    window.card.anchorClicked.emit(QUrl("briefdesk://country/ROW"))
    assert "no country" in window.statusBar().currentMessage()


def test_quit_when_ready_exits_zero(reference_path):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRIEFDESK_REFERENCE=str(reference_path))
    done = subprocess.run([sys.executable, "-m", "desktop", "--quit-when-ready"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_quit_when_ready_without_a_database_says_how_to_fix(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               BRIEFDESK_REFERENCE=str(tmp_path / "missing.sqlite"))
    done = subprocess.run([sys.executable, "-m", "desktop", "--quit-when-ready"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "make db" in done.stderr
