"""db/sources/FORMAT.md documents every column of every curated CSV file.

The convention the page states: each file, or group of files, has a ``## `` heading ending in
``.csv`` (a file name or a pattern such as ``sources*.csv``), and each column is a bullet starting
with its name in backticks (``- `name`: …`` or ``- `joined`, `left`: …``). A file's documented
columns are those of every heading whose pattern matches its name.
"""

from __future__ import annotations

import csv
import re
from fnmatch import fnmatchcase
from pathlib import Path

from db.tables import SOURCES_DIR

FORMAT = SOURCES_DIR / "FORMAT.md"
_HEADING = re.compile(r"^##\s+(?P<pattern>\S+\.csv)\s*$")
_OTHER_HEADING = re.compile(r"^#{1,2}\s")
_BULLET = re.compile(r"^- (?P<names>`[^`]+`(?:(?:, | and )`[^`]+`)*):")


def documented_columns(text: str) -> dict[str, set[str]]:
    """Pattern of each file heading -> the column names listed under it."""
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = sections.setdefault(heading.group("pattern"), set())
        elif _OTHER_HEADING.match(line):
            current = None  # a section that is not about a file (### subsections stay in it)
        elif current is not None:
            bullet = _BULLET.match(line)
            if bullet:
                current.update(re.findall(r"`([^`]+)`", bullet.group("names")))
    return sections


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [name.strip() for name in next(csv.reader(handle))]


def csv_files() -> list[Path]:
    return sorted(SOURCES_DIR.glob("*.csv"))


def columns_for(name: str, sections: dict[str, set[str]]) -> set[str] | None:
    """The documented columns of one file; None when no heading matches it."""
    matching = [columns for pattern, columns in sections.items() if fnmatchcase(name, pattern)]
    return set().union(*matching) if matching else None


def test_every_column_of_every_csv_is_documented():
    sections = documented_columns(FORMAT.read_text(encoding="utf-8"))
    files = csv_files()
    assert files, f"no CSV files in {SOURCES_DIR}"
    problems = []
    for path in files:
        documented = columns_for(path.name, sections)
        if documented is None:
            problems.append(f"{path.name}: no '## <name>.csv' heading in FORMAT.md matches it")
            continue
        missing = [column for column in header(path) if column not in documented]
        if missing:
            problems.append(f"{path.name}: columns not documented in FORMAT.md: {missing}")
    assert problems == []


def test_every_documented_file_and_column_exists():
    """No heading for a file that is gone, no column listed that none of its files has."""
    sections = documented_columns(FORMAT.read_text(encoding="utf-8"))
    headers = {path.name: set(header(path)) for path in csv_files()}
    problems = []
    for pattern, columns in sections.items():
        names = [name for name in headers if fnmatchcase(name, pattern)]
        if not names:
            problems.append(f"## {pattern}: matches no file in db/sources/")
            continue
        present = set().union(*(headers[name] for name in names))
        extra = sorted(columns - present)
        if extra:
            problems.append(f"## {pattern}: lists columns no matching file has: {extra}")
    assert problems == []


def test_the_parser_reads_the_convention():
    text = "\n".join([
        "# title", "## Conventions", "- `not_a_column`: prose", "## a*.csv", "Header: `x,y`",
        "- `x`: one", "- `y`, `z` and `w`: several", "  continued `q` is not a name",
        "### a subsection", "- `v`: still in a*.csv", "## Other", "- `u`: not a file",
    ])
    assert documented_columns(text) == {"a*.csv": {"x", "y", "z", "w", "v"}}
    assert columns_for("ab.csv", documented_columns(text)) == {"x", "y", "z", "w", "v"}
    assert columns_for("b.csv", documented_columns(text)) is None
