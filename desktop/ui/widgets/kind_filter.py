"""Choose several event kinds at once, or a whole family ("Export restrictions"): a button
with a menu of ticks, saying what is chosen. The families are those of
``desktop.domain.event_kinds``, the same the CLI and the timeline block take."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from desktop.domain.event_kinds import kinds_of_family


class KindFilter(QToolButton):
    changed = Signal()

    def __init__(self, families: list[tuple[str, str]], kinds: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Kind filter")
        self.setToolTip("Show events of these kinds (tick a family for all its kinds)")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._labels = dict(families)
        menu = QMenu(self)
        everything = menu.addAction("All kinds")
        everything.triggered.connect(lambda: self.set_kinds(()))
        menu.addSection("Families")
        self.family_actions: dict[str, QAction] = {}
        for ident, label in families:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.triggered.connect(lambda checked, f=ident: self._toggle_family(f, checked))
            self.family_actions[ident] = action
        menu.addSection("Kinds")
        self.kind_actions: dict[str, QAction] = {}
        for ident, label in kinds:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.triggered.connect(self._kinds_changed)
            self.kind_actions[ident] = action
        self.setMenu(menu)
        self._refresh_text()

    def kinds(self) -> tuple[str, ...]:
        """The chosen kinds; () means every kind."""
        return tuple(k for k, action in self.kind_actions.items() if action.isChecked())

    def family(self) -> str | None:
        """The family the choice is exactly, if it is one."""
        chosen = set(self.kinds())
        for ident in self.family_actions:
            if chosen and chosen == set(kinds_of_family(ident)) & set(self.kind_actions):
                return ident
        return None

    def set_kinds(self, kinds) -> None:
        wanted = set(kinds)
        for ident, action in self.kind_actions.items():
            action.setChecked(ident in wanted)
        self._kinds_changed()

    def _toggle_family(self, family: str, checked: bool) -> None:
        for ident in kinds_of_family(family):
            if ident in self.kind_actions:
                self.kind_actions[ident].setChecked(checked)
        self._kinds_changed()

    def _kinds_changed(self, *_args) -> None:
        chosen = set(self.kinds())
        for ident, action in self.family_actions.items():
            members = set(kinds_of_family(ident)) & set(self.kind_actions)
            action.setChecked(bool(members) and members <= chosen)
        self._refresh_text()
        self.changed.emit()

    def _refresh_text(self) -> None:
        chosen = self.kinds()
        family = self.family()
        if not chosen:
            text = "All kinds"
        elif family:
            text = self._labels[family]
        elif len(chosen) == 1:
            text = self.kind_actions[chosen[0]].text()
        else:
            text = f"{len(chosen)} kinds"
        self.setText(f"{text} ▾")
