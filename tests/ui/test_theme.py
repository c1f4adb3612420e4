"""The dark palette must make disabled controls look disabled."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QPalette  # noqa: E402

from desktop.ui.theme import _dark_palette  # noqa: E402


@pytest.mark.parametrize("role", [QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text,
                                  QPalette.ColorRole.WindowText])
def test_disabled_text_is_dimmer_than_active(qapp, role):
    palette = _dark_palette()
    active = palette.color(QPalette.ColorGroup.Active, role)
    disabled = palette.color(QPalette.ColorGroup.Disabled, role)
    window = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    assert disabled.lightness() < active.lightness() - 60
    assert disabled.lightness() > window.lightness() + 60  # still legible
