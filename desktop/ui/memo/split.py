"""The editor's write/preview splitter, remembered between runs."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QSplitter

from desktop.paths import user_data_dir


class SplitMemory:
    """The write/preview divider and whether the preview is shown, kept between runs in the
    window's settings file, so the editor opens the way the writer left it."""

    def __init__(self, splitter: QSplitter, toggle: QAbstractButton) -> None:
        self._settings = QSettings(str(user_data_dir() / "settings.ini"),
                                   QSettings.Format.IniFormat)
        self.splitter, self.toggle = splitter, toggle
        sizes = self._settings.value("memo_editor/split_sizes", [], type=list)
        if len(sizes) == splitter.count() and all(str(s).isdigit() and int(s) for s in sizes):
            splitter.setSizes([int(s) for s in sizes])
        toggle.setChecked(self._settings.value("memo_editor/preview_shown", True, type=bool))
        splitter.splitterMoved.connect(self.save)
        toggle.toggled.connect(self.save)

    def save(self, *_args) -> None:
        sizes = self.splitter.sizes()
        if self.toggle.isChecked() and all(sizes):  # a hidden preview has no width to keep
            self._settings.setValue("memo_editor/split_sizes", [str(s) for s in sizes])
        self._settings.setValue("memo_editor/preview_shown", self.toggle.isChecked())
        self._settings.sync()
