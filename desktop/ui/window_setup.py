"""What the main window is built with, kept out of it: the toolbar and menus, the memo
templates on offer, and opening the user's memo library (with the damaged-library dialogue)."""

from __future__ import annotations

import sqlite3

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from desktop.library.store import LibraryDamaged, LibraryError, MemoLibrary


def templates() -> list[tuple[str, str]]:
    from desktop.paths import resources_dir

    folder = resources_dir() / "templates"
    return [(template_label(path.stem), str(path)) for path in sorted(folder.glob("*.md"))]


#: words a template file name spells in lower case that people write in capitals
ACRONYMS = {"bluf": "BLUF", "us": "US", "eu": "EU", "g7": "G7", "msp": "MSP", "iea": "IEA"}


def template_label(stem: str) -> str:
    """A menu label from a file name: "bluf-decision-memo" reads "BLUF decision memo".

    ``str.capitalize`` alone lowers everything after the first letter, which turned the
    acronym into "Bluf"; known acronyms keep their capitals and the first word is capitalised.
    """
    words = [ACRONYMS.get(word.lower(), word.lower()) for word in stem.split("-") if word]
    if words and words[0].islower():
        words[0] = words[0].capitalize()
    return " ".join(words)


BACKUP_DELAY_MS = 3000  # after start-up, while the user is still reading the first card


def back_up(library: MemoLibrary) -> None:
    try:
        library.backup_if_due()
    except (sqlite3.Error, OSError):
        pass  # a missed daily backup must not keep the memos from opening (or crash the app)


def open_library(parent=None) -> MemoLibrary | None:
    """The user's library. A damaged one is reported and, if the user agrees, replaced by its
    newest good backup (the damaged file is kept beside it). Whatever goes wrong, the app
    starts: at worst with the memo library unavailable, or with a fresh empty one."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.paths import user_data_dir

    try:
        return MemoLibrary(user_data_dir())
    except LibraryDamaged as exc:
        return _recover(parent, exc)
    except LibraryError as exc:
        QMessageBox.warning(parent, "Memo library", str(exc))
        return None


def _recover(parent, exc: LibraryDamaged) -> MemoLibrary | None:
    """Restore the newest good backup if the user agrees. Should the restored file still not
    open, it is set aside too and the app starts with an empty library: one message, no crash."""
    from PySide6.QtWidgets import QMessageBox

    directory = exc.path.parent
    if not exc.backups or QMessageBox.question(
            parent, "Memo library damaged", f"{exc} Restore it now?") != \
            QMessageBox.StandardButton.Yes:
        QMessageBox.warning(parent, "Memo library damaged", f"{exc} Memos are unavailable.")
        return None
    try:
        MemoLibrary.restore_backup(directory, exc.backups[0])
        return MemoLibrary(directory)
    except (LibraryError, sqlite3.Error, OSError) as failure:
        reason = str(failure).rstrip(".")
    MemoLibrary.set_aside(directory, "restore-failed")
    try:
        library = MemoLibrary(directory)
    except (LibraryError, sqlite3.Error, OSError) as again:
        QMessageBox.warning(parent, "Memo library damaged",
                            f"The backup could not be restored ({reason}), nor a new library "
                            f"made ({again}). Memos are unavailable.")
        return None
    QMessageBox.warning(parent, "Memo library damaged",
                        f"The backup {exc.backups[0].name} could not be restored ({reason}), so "
                        f"the app started with an empty memo library; the damaged files are kept "
                        f"in {directory} as library-damaged-*.sqlite.")
    return library


def _shortcuts(own: str, standard: QKeySequence.StandardKey) -> list[QKeySequence]:
    """Our shortcut plus the platform's, without listing one twice (Qt calls that ambiguous)."""
    keys = [QKeySequence(own)]
    for key in QKeySequence.keyBindings(standard):
        if key not in keys:
            keys.append(key)
    return keys


def build_toolbar_and_menus(window) -> None:
    """The toolbar (back, forward, lookup field, timeline) and the Go, View and File menus;
    the actions the window and tests reach are kept on it."""
    toolbar = QToolBar("Navigation")
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    window.back_action = QAction("◀ Back", window)
    window.back_action.setShortcuts(_shortcuts("Alt+Left", QKeySequence.StandardKey.Back))
    window.back_action.triggered.connect(window.go_back)
    window.forward_action = QAction("Forward ▶", window)
    window.forward_action.setShortcuts(_shortcuts("Alt+Right", QKeySequence.StandardKey.Forward))
    window.forward_action.triggered.connect(window.go_forward)
    timeline = QAction("Timeline", window)
    timeline.setShortcut(QKeySequence("Ctrl+T"))
    timeline.triggered.connect(lambda: window.open_card("timeline", ""))
    for action in (window.back_action, window.forward_action):
        action.setEnabled(False)
        toolbar.addAction(action)
    toolbar.addSeparator()
    toolbar.addWidget(window.lookup_field)
    toolbar.addSeparator()
    toolbar.addAction(timeline)
    window.addToolBar(toolbar)
    go = window.menuBar().addMenu("&Go")
    go.addActions([window.back_action, window.forward_action, timeline])
    lookup = QAction("Look up…", window)
    lookup.setShortcut(QKeySequence("Ctrl+K"))  # shown in the menu; the field's hint says it too
    lookup.triggered.connect(window.focus_lookup)
    go.addAction(lookup)
    lists = window.lists_action = QAction("Lists of critical minerals", window)
    lists.setShortcut(QKeySequence("Ctrl+Shift+L"))
    lists.triggered.connect(lambda: window.open_card("lists", ""))
    go.addAction(lists)
    blocs = window.blocs_action = QAction("Bloc dashboard", window)
    blocs.setShortcut(QKeySequence("Ctrl+Shift+D"))
    blocs.triggered.connect(lambda: window.open_card("blocs", ""))
    window.view_menu = window.menuBar().addMenu("&View")
    window.view_menu.addAction(blocs)
    window.view_menu.addSeparator()
    file_menu = window.file_menu = window.menuBar().addMenu("&File")
    _memo_file_actions(window, file_menu)
    quit_action = window.quit_action = QAction("Quit", window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)


def _open_editor(window):
    """The editor with a memo open, or None after telling the user to open one first."""
    editor = getattr(window, "editor", None)
    if editor is not None and editor.memo_id is not None:
        return editor
    window.statusBar().showMessage("Open a memo first (Memos in the side panel)", 5000)
    return None


def export_open_memo(window, word: bool = False) -> None:
    """Ctrl+E: the memo on screen, pending typing included; only the file's place is asked
    (a PDF, or with ``word`` a Word document)."""
    editor = _open_editor(window)
    if editor is not None:
        editor.flush()
        window.memo_export.ask_and_export_memo(editor.current_memo(), word=word)


def _memo_file_actions(window, file_menu) -> None:
    """New memo, Save version, Versions…, and the two PDF exports: the open memo (Ctrl+E) and
    a `.md` file from disk, which is a different job and keeps its own entry."""
    new = window.new_memo_action = QAction("New memo", window)
    new.setShortcut(QKeySequence("Ctrl+N"))
    new.triggered.connect(lambda: window.new_memo(""))
    save = window.save_version_action = QAction("Save version", window)
    save.setToolTip("Keep the memo as it is now among its versions (Ctrl+S in the editor)")
    save.triggered.connect(lambda: (e := _open_editor(window)) and e.save_version())
    versions = window.versions_action = QAction("Versions…", window)
    versions.triggered.connect(lambda: (e := _open_editor(window)) and e.show_versions())
    export = window.export_pdf_action = QAction("Export memo to PDF…", window)
    export.setShortcut(QKeySequence("Ctrl+E"))
    export.triggered.connect(lambda: export_open_memo(window))
    word = window.export_word_action = QAction("Export memo to Word…", window)
    word.setToolTip("A .docx with the same blocks, values and sources as the PDF, to edit in "
                    "Word")
    word.triggered.connect(lambda: export_open_memo(window, word=True))
    export_file = window.export_file_action = QAction("Export a Markdown file to PDF…", window)
    export_file.triggered.connect(lambda: window.memo_export.ask_and_export())
    from_template = window.template_menu = QMenu("New from template", file_menu)
    for label, path in templates():
        from_template.addAction(label, lambda p=path: window.new_memo(p))
    file_menu.addAction(new)
    file_menu.addMenu(from_template)
    file_menu.addActions([save, versions])
    file_menu.addSeparator()
    file_menu.addActions([export, word, export_file])
    file_menu.addSeparator()
