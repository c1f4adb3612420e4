"""A data block after resolution: what the exporter draws, with the sources it must cite.

Resolution (``desktop.blocks.resolve``) reads the reference DB; the exporter only lays out what it
is given, so it never touches a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.models import Source


@dataclass(frozen=True)
class ChartSpec:
    kind: str  # "bar" (shares, largest first) or "line" (series over years)
    title: str
    value_label: str  # the value axis title, with its unit
    categories: list[str] = field(default_factory=list)  # bar labels
    values: list[float] = field(default_factory=list)  # bar values
    series: dict[str, list[tuple[int, float]]] = field(default_factory=dict)  # line points


def year_runs(points: list[tuple[int, float]]) -> list[list[tuple[int, float]]]:
    """A yearly series cut where a year is missing: each run is drawn as one line, so a gap
    in the data is a gap in the chart, never a straight bridge over the missing years."""
    runs: list[list[tuple[int, float]]] = []
    for year, value in sorted(points):
        if runs and year - runs[-1][-1][0] <= 1:
            runs[-1].append((year, value))
        else:
            runs.append([(year, value)])
    return runs


@dataclass(frozen=True)
class TablePart:
    """One named table of a block that has several (US imports of germanium: metal, dioxide,
    combined total): each keeps its own rows, so a country appears once per table."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool]


@dataclass(frozen=True)
class ResolvedBlock:
    kind: str
    title: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    numeric: list[bool] = field(default_factory=list)
    chart: ChartSpec | None = None
    text: str = ""  # a single figure, as a sentence fragment
    note: str = ""  # what a reader must see beside the table: estimates, caveats, what is missing
    method: str = ""  # how it is worked out: formulas, denominators, counting rules
    sources: list[Source] = field(default_factory=list)  # the data's sources
    membership_sources: list[Source] = field(default_factory=list)  # who is in a bloc
    error: str = ""  # set when the block could not be resolved
    data_pack: str = ""  # the reference data version the block was resolved against
    params: dict[str, str] = field(default_factory=dict)
    parts: list[TablePart] = field(default_factory=list)  # several named tables, else empty

    @property
    def ok(self) -> bool:
        return not self.error

    def tables(self) -> list[TablePart]:
        """Every table the block prints: its named parts, else its one table (untitled)."""
        if self.parts:
            return list(self.parts)
        return [TablePart("", self.columns, self.rows, self.numeric)] if self.columns else []

    def all_rows(self) -> list[list[str]]:
        return [row for table in self.tables() for row in table.rows]


NO_REFERENCE_DATA = "data blocks need the reference database, which is not available"
#: The keys every data block takes for its layout in an export (``desktop.export.block_layout``):
#: where its method note goes, and which sources it cites.
LAYOUT_KEYS = {"notes": ("inline", "end", "none"), "sources": ("all", "data", "none")}


def error_block(message: str, kind: str = "", params: dict[str, str] | None = None
                ) -> ResolvedBlock:
    return ResolvedBlock(kind=kind or "error", error=message, params=dict(params or {}))
