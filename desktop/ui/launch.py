"""Starting the desktop app (``briefdesk`` with no subcommand): one ``AppContext`` for the whole
session, handed to the main window."""

from __future__ import annotations

import sqlite3
import sys

from desktop.app import AppContext


def window_context(conn: sqlite3.Connection) -> AppContext:
    """The context the window runs on: the reference DB already open (its absence is said before
    any window shows), the memo library opened with the damaged-library dialogue."""
    from desktop.ui.window_setup import open_library

    return AppContext(conn, open_library(None))


def launch(quit_when_ready: bool = False) -> int:
    """Show the main window; with ``quit_when_ready``, exit 0 right after the first paint."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.reference.connection import ReferenceUnavailable, open_reference
    from desktop.ui.main_window import MainWindow
    from desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Minerals Briefing Desk")
    app.setOrganizationName("briefdesk")
    apply_theme(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    try:
        conn = open_reference()
    except ReferenceUnavailable as exc:
        if quit_when_ready:
            print(f"briefdesk: {exc}", file=sys.stderr)
            return 2
        QMessageBox.critical(None, "Minerals Briefing Desk", str(exc))
        return 2
    window = MainWindow(window_context(conn))
    if quit_when_ready:
        window.first_painted.connect(lambda: QTimer.singleShot(0, app.quit))
    window.show()
    return app.exec()
