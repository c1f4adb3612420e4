"""The README's screenshots, taken by a scripted tour of the app: ``make screenshots``.

Under ``make screenshots`` the app runs in a real X window on a virtual screen (Xvfb, 1440×900),
so what is captured is what a user sees — popups, the window frame's limits and all — and one
picture shows the window at a 1024×700 laptop size with a memo open. Run directly without a
display, it falls back to Qt's offscreen platform (``window.grab``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("BRIEFDESK_HOME", tempfile.mkdtemp())
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.reference.connection import open_reference  # noqa: E402
from desktop.ui.launch import window_context  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.theme import apply_theme  # noqa: E402

DOCS = Path(__file__).resolve().parent


def settle() -> None:
    """Let pending layout requests run: one turn can leave a growing card half laid out."""
    for _ in range(5):
        QApplication.processEvents()


def capture(window: MainWindow, name: str) -> None:
    """The window as it is on the screen (a real X window), else as Qt draws it offscreen."""
    settle()
    if QGuiApplication.platformName() == "xcb":
        frame = window.frameGeometry()
        picture = window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(),
                                             frame.height())
    else:
        picture = window.grab()
    picture.save(str(DOCS / name))
    print("wrote", DOCS / name)


def shoot(window: MainWindow, name: str, scroll_to: float = 0.0) -> None:
    panel = window.card_area.currentWidget()
    if hasattr(panel, "finish"):
        panel.finish()
    settle()
    if scroll_to and hasattr(panel, "verticalScrollBar"):
        bar = panel.verticalScrollBar()
        bar.setValue(int(bar.maximum() * scroll_to))
        QApplication.processEvents()
    capture(window, name)


def main() -> None:
    app = QApplication([])
    apply_theme(app)
    window = MainWindow(window_context(open_reference()))
    window.resize(1440, 900)
    window.show()
    QApplication.processEvents()

    window.open_card("mineral", "rare-earths")
    panel = window.card_area.currentWidget()
    panel.finish()
    charts = [w for w in panel.widget().findChildren(object)
              if getattr(w, "accessibleName", lambda: "")().startswith("Chart: ")]
    if charts:
        panel.ensureWidgetVisible(charts[0], 0, 0)
        capture(window, "mineral-charts.png")

    window.open_card("country", "JPN")
    window.card_area.currentWidget().finish()
    settle()
    window.card_area.currentWidget().verticalScrollBar().setValue(0)  # the card's head
    window.lookup_field.setFocus()
    window.lookup_field.setText("korea")
    capture(window, "lookup-country-card.png")
    window.palette_popup.hide()
    window.lookup_field.clear()

    from desktop.domain.event_kinds import expand

    window.open_card("timeline", "")
    timeline = window.card_area.currentWidget()
    timeline.set_filters(country="CHN")
    timeline.event_kind.set_kinds(expand("export-restrictions"))
    settle()
    shoot(window, "timeline.png", scroll_to=1.0)

    window.open_card("lists", "")
    shoot(window, "lists.png")

    from desktop.paths import resources_dir

    window.open_card("mineral", "gallium")
    window.navigation.show_section("Memos")
    window.new_memo(str(resources_dir() / "samples" / "rare-earths-after-g7-washington.md"))
    window.editor.recognise()
    shoot(window, "memo-editor.png")

    window.open_card("blocs", "")
    window.navigation.show_section("Blocs")
    dashboard = window.card_area.currentWidget()
    dashboard.set_bloc("g7")
    dashboard.select("rare-earths", "mining")
    sizes = window.splitter.sizes()
    window.splitter.setSizes([260, sum(sizes) - 260, 0][:len(sizes)])
    shoot(window, "bloc-dashboard.png")
    dashboard.tabs.setCurrentWidget(dashboard.exposure)
    grid = dashboard.exposure
    codes = [code for code, _ in grid.model.importers]
    minerals = [m for m, _ in grid.model.minerals]
    if "JPN" in codes and "rare-earths" in minerals:
        grid.view.setCurrentIndex(grid.model.index(codes.index("JPN"),
                                                   minerals.index("rare-earths")))
    shoot(window, "exposure.png")
    dashboard.tabs.setCurrentIndex(0)
    window.splitter.setSizes(sizes)

    window.resize(1024, 700)  # a laptop screen: the memo beside the dashboard, nothing cut off
    window.navigation.show_section("Countries")
    window._share_width()
    capture(window, "laptop-1024.png")
    window.close()


if __name__ == "__main__":
    main()
