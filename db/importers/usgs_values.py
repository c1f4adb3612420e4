"""Parsing of USGS value cells and notes.

USGS publishes every number as text: thousands separators, symbols for withheld or unavailable data,
lower bounds such as ">75,000,000" and ranges. We keep the original text beside the parsed number so
that nothing USGS printed is lost, and parse only what has one honest numeric reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Symbols USGS uses instead of a number, with what they mean (from the MCS 2026 metadata).
SYMBOLS: dict[str, str] = {
    "W": "withheld to avoid disclosing company proprietary data",
    "NA": "not available",
    "XX": "not applicable",
    "E": "net exporter",
    "s": "less than one-half unit",
    "Large": "large",
    "Small": "small",
}
ZERO_MARKS = {"—", "--", "-", "–"}

_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")
_BOUND = re.compile(r"^([<>])\s*(\d[\d,]*(\.\d+)?)$")
_RANGE = re.compile(r"^(\d[\d,]*)\s*[-–]\s*(\d[\d,]*)$")


@dataclass(frozen=True)
class ParsedValue:
    """A USGS cell: ``value`` is None unless the text has one numeric reading."""

    value: float | None
    text: str
    qualifier: str  # "", ">", "<", "range", "zero", or a symbol such as "W"


def parse_value(text: str) -> ParsedValue:
    """Parse one USGS value cell.

    ">75,000,000" keeps 75 000 000 as the value with qualifier ">" (a lower bound, used as such by
    shares); a range "10,000 - 15,000" has no single value; "—" is zero.
    """
    raw = (text or "").strip()
    if raw in ZERO_MARKS:
        return ParsedValue(0.0, raw, "zero")
    if raw in SYMBOLS:
        return ParsedValue(None, raw, raw)
    if _NUMBER.match(raw):
        return ParsedValue(float(raw.replace(",", "")), raw, "")
    bound = _BOUND.match(raw)
    if bound:
        return ParsedValue(float(bound.group(2).replace(",", "")), raw, bound.group(1))
    if _RANGE.match(raw):
        return ParsedValue(None, raw, "range")
    return ParsedValue(None, raw, "text")


def split_notes(notes: str) -> list[str]:
    """USGS joins several footnotes of one cell with " -- "."""
    return [part.strip() for part in (notes or "").split(" -- ") if part.strip()]


#: How USGS opens a footnote that marks its cell as an estimate: "Estimated.", but also
#: "Estimated from Asian Metal Ltd.", "Estimated amount of rhenium recovered …".
ESTIMATE_MARK = "Estimated"


def is_estimated(notes: str) -> bool:
    """A cell is an estimate when one of its footnotes starts with "Estimated".

    The bare "Estimated." footnote is the common case, but USGS also writes where an estimate came
    from ("Estimated from Trade Mining LLC shipping records.") and those cells are estimates too.
    Footnotes that only mention estimates further in ("Includes U.S. Geological Survey estimates.")
    do not flag the cell.
    """
    return any(part.startswith(ESTIMATE_MARK) for part in split_notes(notes))


def decode_usgs_bytes(data: bytes) -> str:
    """Decode the MCS CSV, which is UTF-8 in most places and Windows-1252 in some.

    Each line is tried as UTF-8 first; a line that is not valid UTF-8 is read as Windows-1252, so
    neither a replacement character nor mojibake reaches the database. A byte that is neither
    raises ``ValueError`` naming the line, rather than being replaced.
    """
    lines = data.split(b"\n")
    out = []
    for number, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                out.append(line.decode("cp1252"))
            except UnicodeDecodeError as exc:
                raise ValueError(f"line {number}: byte 0x{line[exc.start]:02x} is neither UTF-8 "
                                 "nor Windows-1252") from None
    text = "\n".join(out)
    return text.lstrip("\ufeff")
