"""The exposure kinds of data block: reserves against output, and the US import picture.

::

    kind: reserves-gap   mineral, year (of the reserves; default the latest), top
    kind: us-imports     mineral

They extend the analysis kinds (same workbench, same checks of what the author wrote), so the
memo prints exactly the rows the mineral card shows. A share the source does not give in numbers
(USGS "W", withheld) is printed as what the source printed, never as zero.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.analysis.exposure import points_text, share_text
from desktop.analysis.stages import STAGE_LABELS
from desktop.domain.models import Figure, Source
from desktop.domain.resolved import ResolvedBlock
from desktop.memos.analysis_blocks import AnalysisBlocks
from desktop.memos.resolve import MAX_TOP, _int, _pct, _unique

GAP_NOTE = ("Gap = share of world reserves minus share of world mine production, in percentage "
            "points: positive = the country holds more of the ground than it mines today. "
            "'Other countries' is never a country row.")


class ExposureBlocks(AnalysisBlocks):
    """The analysis kinds plus reserves-gap and us-imports."""

    def handlers(self) -> dict[str, Callable[[dict[str, str]], ResolvedBlock]]:
        return {**super().handlers(), "reserves-gap": self.reserves_gap,
                "us-imports": self.us_imports}

    def reserves_gap(self, params: dict[str, str]) -> ResolvedBlock:
        self._check_keys("reserves-gap", params)
        mineral = self._mineral(params)
        year = _int(params, "year", None, 1900, 2100)
        top = _int(params, "top", 10, 1, MAX_TOP) or 10
        reserves, production, rows = self._ask(lambda: self.workbench.gap(mineral, year))
        shown = rows[:top]
        table = [[r.name, share_text(r.reserves_share, r.reserves_text),
                  share_text(r.production_share, r.production_text), points_text(r.gap)]
                 for r in shown]
        notes = [GAP_NOTE, f"Reserves shares are of the {reserves.shares.denominator_kind}, output "
                           f"shares of the {production.shares.denominator_kind}."]
        if len(rows) > top:
            notes.append(f"{len(rows) - top} more countries not shown (top: {top}).")
        unknown = [r.name for r in rows if r.gap is None]
        if unknown:
            notes.append("Gap unknown where USGS withholds or gives no number: "
                         + ", ".join(unknown) + ".")
        name = self.repo.name_of_mineral(mineral)
        return ResolvedBlock(
            kind="reserves-gap",
            title=f"{name}: share of world reserves ({reserves.year}) against share of mine "
                  f"production ({production.year})",
            columns=["Country", "Share of reserves", "Share of output", "Gap"],
            rows=table, numeric=[False, True, True, True], note=" ".join(notes),
            sources=_unique([*reserves.sources, *production.sources]))

    def us_imports(self, params: dict[str, str]) -> ResolvedBlock:
        self._check_keys("us-imports", params)
        mineral = self._mineral(params)
        view = self._ask(lambda: self.workbench.us_view(mineral))
        stage = STAGE_LABELS.get(view.world_stage, "world supply").lower()
        rows = [[s.name, "?" if s.share_of_imports is None else _pct(s.share_of_imports),
                 "" if s.world_share is None else f"{_pct(s.world_share)} (#{s.world_rank})"]
                for s in view.sources]
        by_product: dict[str, list[Figure]] = {}
        for figure in view.reliance:
            by_product.setdefault(figure.product, []).append(figure)
        trend = " ".join(
            (f"{product}: " if product else "") + "; ".join(
                f"{f.year} {_reliance(f.value_text)}" for f in figures) + "."
            for product, figures in by_product.items())
        period = view.sources[0].period if view.sources else ""
        notes = []
        if trend:
            notes.append(f"US net import reliance (% of apparent consumption) — {trend}")
        if view.world is not None:
            notes.append(f"World share: each supplier's share of world {stage} in "
                         f"{view.world_year} (rank among named countries), so a reader sees "
                         "how concentrated the US's suppliers are themselves.")
        latest = [figures[-1] for figures in by_product.values()]
        headline = ("net import reliance " + ", ".join(
            _reliance(f.value_text) + (f" for {f.product.lower()}" if f.product else "")
            for f in latest) + f" ({latest[-1].year})") if latest else "import sources"
        sources: list[Source] = [f.source for f in [*view.reliance, *view.import_figures]]
        if view.world is not None:
            sources += [s.figure.source for s in view.world.shares]
        name = self.repo.name_of_mineral(mineral)
        return ResolvedBlock(
            kind="us-imports", title=f"{name}: US {headline}",
            columns=["Import source", f"Share of US imports{f' ({period})' if period else ''}",
                     f"World share ({stage}, {view.world_year})" if view.world is not None
                     else "World share"],
            rows=rows or [["(USGS lists no import sources)", "", ""]],
            numeric=[False, True, True], note=" ".join(notes), sources=_unique(sources))


def _reliance(text: str) -> str:
    """USGS prints reliance as a number, "E" (net exporter) or a bound such as ">50"."""
    if text == "E":
        return "net exporter"
    return f"{text} %" if text else "not given"
