"""Light and dark appearance that follows the system, and one chart style for both.

Qt's Fusion style with a palette chosen from the system colour scheme gives the same look on every
platform; charts read their colours from here so they stay legible in both themes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class ChartColours:
    background: str
    text: str
    grid: str
    series: tuple[str, ...]


LIGHT = ChartColours("#ffffff", "#202124", "#d0d4da",
                     ("#1f5fa8", "#c8553d", "#2a9d8f", "#8d6cab", "#e9a23b", "#5c677d"))
DARK = ChartColours("#1e1f22", "#e8eaed", "#3c4043",
                    ("#7fb3ff", "#ff8a70", "#5fd3c4", "#c3a6f0", "#ffc861", "#aab4c8"))


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def chart_colours() -> ChartColours:
    return DARK if is_dark() else LIGHT


def apply_theme(app: QApplication) -> None:
    """Fusion style with a light or dark palette, following the system colour scheme."""
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if is_dark() else app.style().standardPalette())


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#25262a",
        QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#2b2c30",
        QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.ToolTipBase: "#2b2c30", QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    # Without its own Disabled colours a greyed-out control looks exactly like a live one.
    for role, colour in DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7b7f85", QPalette.ColorRole.Text: "#7b7f85",
    QPalette.ColorRole.ButtonText: "#7b7f85", QPalette.ColorRole.Button: "#242528",
    QPalette.ColorRole.Base: "#1d1e21", QPalette.ColorRole.Link: "#5f7394",
    QPalette.ColorRole.Highlight: "#3a3d42", QPalette.ColorRole.HighlightedText: "#a0a4aa",
    QPalette.ColorRole.PlaceholderText: "#5f6368",
}
"""Disabled text is dimmed but stays readable (about 4:1 on the window colour)."""
