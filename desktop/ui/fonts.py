"""The bundled fonts: registered once so Chinese, Japanese, Korean, Arabic, Hebrew and Cyrillic names render
everywhere, and quickly (a missing glyph otherwise sends Qt searching the system for a font)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.paths import resources_dir

FALLBACK_FAMILIES = ["DejaVu Sans", "Droid Sans Fallback", "NanumGothic", "Noto Sans Arabic",
                     "Noto Sans Hebrew"]
_registered = False


def ensure_fonts(app: QApplication) -> None:
    """Register resources/fonts/*.ttf and put them behind the system UI font as fallbacks."""
    global _registered
    if _registered:
        return
    _registered = True
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    font = QFont(app.font())
    families = [font.family(), *(f for f in FALLBACK_FAMILIES if f != font.family())]
    font.setFamilies(families)
    app.setFont(font)
