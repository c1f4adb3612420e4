"""View ▸ Hide navigation and View ▸ Focus memo: giving the width of a laptop screen to the
memo or the card from the keyboard, remembered between runs.

The window's three panes (navigation, card, memo) sit in one splitter the user can drag; these
two switches hide panes outright. "Focus memo" leaves only the memo (when one is open);
"Hide navigation" leaves the card and the memo. Both are kept in the window's settings file.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desktop.paths import user_data_dir

HIDE_NAVIGATION_KEY = "F9"
FOCUS_MEMO_KEY = "Ctrl+Shift+M"


class ViewSwitches(QObject):
    def __init__(self, menu: QMenu, navigation: QWidget, card_area: QWidget,
                 editor: QWidget | None) -> None:
        super().__init__(menu)
        self.navigation, self.card_area, self.editor = navigation, card_area, editor
        self._settings = QSettings(str(user_data_dir() / "settings.ini"),
                                   QSettings.Format.IniFormat)
        self.hide_navigation = self._switch(
            menu, "Hide navigation", HIDE_NAVIGATION_KEY, "view/navigation_hidden",
            "Give the navigation panel's width to the card and the memo")
        self.focus_memo = self._switch(
            menu, "Focus memo", FOCUS_MEMO_KEY, "view/memo_focused",
            "Only the memo: hide the navigation panel and the card (again to bring them back)")
        self.apply()

    def _switch(self, menu: QMenu, text: str, key: str, setting: str, tip: str) -> QAction:
        action = QAction(text, menu, checkable=True)
        action.setShortcut(QKeySequence(key))
        action.setToolTip(tip)
        action.setChecked(self._settings.value(setting, False, type=bool))
        action.toggled.connect(lambda on: self._settings.setValue(setting, on))
        action.toggled.connect(self.apply)
        menu.addAction(action)
        return action

    def memo_open(self) -> bool:
        return self.editor is not None and not self.editor.isHidden()

    def apply(self, *_args) -> None:
        """Show and hide the panes as the two switches say; focus needs an open memo."""
        focused = self.focus_memo.isChecked() and self.memo_open()
        self.navigation.setVisible(not focused and not self.hide_navigation.isChecked())
        self.card_area.setVisible(not focused)

    def show_card(self) -> None:
        """A card was asked for (a link, the lookup, Back): it must not stay hidden."""
        if self.focus_memo.isChecked():
            self.focus_memo.setChecked(False)
