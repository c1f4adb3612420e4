"""Window state kept between runs: geometry, splitter positions, the last card.

Stored as an INI file in the user data directory (``BRIEFDESK_HOME`` in tests), never the registry
or the real home directory of a test run.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from desktop.paths import user_data_dir

VIEWS_WITHOUT_ID = ("timeline", "blocs")
"""Views that are whole panels rather than one entity's card, stored with an empty id."""


class UiSettings:
    def __init__(self) -> None:
        directory = user_data_dir()
        directory.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(directory / "settings.ini"), QSettings.Format.IniFormat)

    def geometry(self, name: str) -> QByteArray | None:
        value = self._settings.value(f"window/{name}", None, type=QByteArray)
        return value if value else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"window/{name}", value)

    def last_card(self) -> tuple[str, str] | None:
        kind = self._settings.value("card/kind", "", type=str)
        ident = self._settings.value("card/id", "", type=str)
        return (kind, ident) if kind and (ident or kind in VIEWS_WITHOUT_ID) else None

    def set_last_card(self, kind: str, ident: str) -> None:
        self._settings.setValue("card/kind", kind)
        self._settings.setValue("card/id", ident)

    def open_memo(self) -> int | None:
        value = self._settings.value("memo/open", 0, type=int)
        return value or None

    def set_open_memo(self, memo_id: int | None) -> None:
        self._settings.setValue("memo/open", memo_id or 0)
        self._settings.sync()  # survives a crash or a kill

    def sync(self) -> None:
        self._settings.sync()
