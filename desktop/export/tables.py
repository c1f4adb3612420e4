"""Tables as CSV and Markdown, for "Copy" and "Export…" on every table in the app.

A table is a list of column titles and rows of cell values; numbers keep their printed form (the
caller passes USGS's text such as "270,000" or "W"), so an export says exactly what the card shows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

Cell = str | int | float | None


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """RFC 4180 CSV with a header row; cells that look like formulas are defused for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_defuse(c) for c in columns])
    for row in rows:
        writer.writerow([_defuse(_text(v)) for v in row])
    return out.getvalue()


def _defuse(text: str) -> str:
    """Prefix a quote to cells a spreadsheet would run as a formula (=, +, -, @ followed by text)."""
    if text and text[0] in "=+-@\t\r" and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _md_cell(text: str) -> str:
    """One line per row: every line break Python knows becomes a space; pipes are escaped."""
    one_line = " ".join(text.splitlines()) if text else ""
    return one_line.replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(columns: Sequence[str], rows: Sequence[Sequence[Cell]],
                numeric: Sequence[bool] | None = None, caption: str = "") -> str:
    """A pipe table (numbers right-aligned), optionally followed by a source line."""
    numeric = list(numeric) if numeric is not None else [False] * len(columns)
    head = "| " + " | ".join(_md_cell(c) for c in columns) + " |"
    rule = "|" + "|".join("---:" if n else "---" for n in numeric) + "|"
    body = ["| " + " | ".join(_md_cell(_text(v)) for v in row) + " |" for row in rows]
    text = "\n".join([head, rule, *body]) + "\n"
    return text + (f"\n{caption}\n" if caption else "")


def from_csv(text: str) -> tuple[list[str], list[list[str]]]:
    """Read back what ``to_csv`` wrote (tests and imports)."""
    rows = list(csv.reader(io.StringIO(text)))
    return (rows[0], rows[1:]) if rows else ([], [])
