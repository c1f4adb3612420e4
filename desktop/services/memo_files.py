"""Importing memo files into the library: the operation behind ``briefdesk memo import``, File ▸
Import Markdown memos… and `.md` files dropped on the window.

Each file is read with the same checks as an export reads it and stored by the library in one
transaction, so a file that is refused leaves nothing behind and its reason is one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.export.files import read_memo_file
from desktop.library.store import MemoLibrary


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)  # memo ids, in the order given
    refused: list[str] = field(default_factory=list)  # one sentence per file not imported


def import_memo_file(library: MemoLibrary, path: Path) -> int:
    """One file, stored whole or refused (``UserError``)."""
    path = Path(path)
    return library.import_markdown(read_memo_file(path), path.name)


def import_memo_files(library: MemoLibrary, paths: list[Path]) -> ImportReport:
    report = ImportReport()
    for path in paths:
        try:
            report.imported.append(import_memo_file(library, path))
        except UserError as exc:
            report.refused.append(str(exc))
    return report
