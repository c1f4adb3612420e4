"""How the last session ended, said once at start, and which memo is fit to reopen.

A marker file in the user data directory exists while a window is open and is removed when the
window closes. Finding it at start means the last run never closed its window: it crashed, was
killed, or the machine went down. The memo open then is reopened either way (autosave kept it), but
the user is told which it was: "Reopened …" after a normal quit, "Recovered … up to the last
autosave at HH:MM" after a crash, so they know to check the last moments of typing.

A memo moved to the trash is not reopened and edited as though nothing happened; the user is told
where it is instead.
"""

from __future__ import annotations

import datetime
import os

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.library.store import LibraryError, MemoLibrary
from desktop.paths import user_data_dir

MARKER = "session-open"


def local_time(stamp: str, seconds: bool = False) -> str:
    """A stored UTC timestamp as the user's wall-clock time (the date only if not today).

    ``seconds`` keeps them: versions saved within one minute must still read apart.
    """
    clock = "%H:%M:%S" if seconds else "%H:%M"
    try:
        moment = datetime.datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp[:19 if seconds else 16].replace("T", " ")
    today = datetime.datetime.now().astimezone().date()
    return moment.strftime(clock if moment.date() == today else f"%Y-%m-%d {clock}")


class MemoSession(QObject):
    """Created with the window: reads and sets the marker, removes it when the window closes."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        directory = user_data_dir()
        directory.mkdir(parents=True, exist_ok=True)
        self.marker = directory / MARKER
        self.crashed = self.marker.exists()
        self.marker.write_text(f"{os.getpid()}\n", encoding="utf-8")
        self.settings = getattr(window, "settings", None)
        self.reopen_id: int | None = self.settings.open_memo() if self.settings else None
        self.trashed_title = ""
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.marker.unlink(missing_ok=True)
        return False

    def check(self, library: MemoLibrary) -> None:
        """Once the library is open: forget a memo that was trashed, then, when the window is
        built and has reopened the memo, say how the last session ended."""
        if self.reopen_id is not None:
            try:
                stored = library.get(self.reopen_id)
            except LibraryError:
                self.reopen_id = None
            else:
                if stored.deleted:
                    self.trashed_title = stored.title
                    self.reopen_id = None
                    self.settings.set_open_memo(None)
        QTimer.singleShot(0, self.announce)

    def message(self) -> str:
        if self.trashed_title:
            return (f"“{self.trashed_title}” is in the trash, so it was not reopened; tick "
                    f"“Trash” in the memo list to restore it")
        editor = getattr(self.window, "editor", None)
        if editor is None or self.reopen_id is None or editor.memo_id != self.reopen_id:
            return ""
        try:
            stored = editor.library.get(self.reopen_id)
        except LibraryError:
            return ""
        at = local_time(stored.updated)
        if self.crashed:
            return (f"Recovered “{stored.title}” up to the last autosave at {at} — the app did "
                    f"not close normally last time")
        return f"Reopened “{stored.title}” as you left it (saved at {at})"

    def announce(self) -> None:
        text = self.message()
        if text and hasattr(self.window, "statusBar"):
            self.window.statusBar().showMessage(text, 15_000)
