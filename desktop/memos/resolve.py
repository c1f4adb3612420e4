"""Resolving memo data blocks against the reference DB.

Each kind of ``brief`` block becomes a ``ResolvedBlock``: a table, a chart, or a single figure,
always with its sources and the data-pack version. Anything wrong (an unknown mineral, a year
without data, a malformed line) becomes an error block that names the problem; resolution itself
never raises.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.analysis.series import group_series, latest_shares, newest_source_per_year
from desktop.domain.models import Figure, Source
from desktop.domain.resolved import ChartSpec, ResolvedBlock, error_block
from desktop.domain.text import is_partial_date
from desktop.memos.blocks import Block, BlockSyntaxError, parse_block
from desktop.reference.repository import ReferenceRepository

METRIC_TITLES = {"mine_production": "mine production", "refinery_production": "refinery production",
                 "smelter_production": "smelter production", "metal_production": "metal production",
                 "production": "production", "reserves": "reserves", "capacity": "capacity",
                 "net_import_reliance": "US net import reliance",
                 "import_source_share": "share of US imports",
                 "processing_share": "processing share"}
SHARE_METRICS = ("mine_production", "refinery_production", "smelter_production",
                 "metal_production", "production", "reserves", "capacity")
MAX_TOP = 50
MAX_ROWS = 200


class BlockError(ValueError):
    """What is wrong with a block, in words for the memo's author."""


def _int(params: dict[str, str], key: str, default: int | None, low: int, high: int) -> int | None:
    text = params.get(key, "").strip()
    if not text:
        return default
    if not text.lstrip("-").isdigit():
        raise BlockError(f"{key!r} must be a whole number, not {text!r}")
    value = int(text)
    if not low <= value <= high:
        raise BlockError(f"{key!r} must be between {low} and {high}, not {value}")
    return value


def _value_text(figure: Figure) -> str:
    return f"{figure.value_text}e" if figure.estimated and figure.value_text else figure.value_text


def _pct(share: float) -> str:
    return f"{100 * share:.1f} %"


class BlockResolver:
    """Resolves block bodies; one instance per export or editing session."""

    def __init__(self, repo: ReferenceRepository) -> None:
        self.repo = repo
        self.data_pack = repo.meta.get("data_pack_version", "")
        self._handlers: dict[str, Callable[[dict[str, str]], ResolvedBlock]] = {
            "production-table": self._production_table, "share-chart": self._share_chart,
            "time-series": self._time_series, "figure": self._figure,
            "memberships": self._memberships, "members": self._members,
            "timeline": self._timeline}
        from desktop.memos.exposure_blocks import ExposureBlocks  # it imports this module

        self._handlers.update(ExposureBlocks(repo).handlers())

    def __call__(self, body: str) -> ResolvedBlock:
        return self.resolve(body)

    def resolve(self, body: str) -> ResolvedBlock:
        try:
            block = parse_block(body)
        except BlockSyntaxError as exc:
            return error_block(f"Data block: {exc}")
        return self.resolve_block(block)

    def resolve_block(self, block: Block) -> ResolvedBlock:
        try:
            resolved = self._handlers[block.kind](dict(block.params))
        except BlockError as exc:
            return error_block(f"{block.kind} block: {exc}", block.kind, block.params)
        return ResolvedBlock(**{**resolved.__dict__, "data_pack": self.data_pack,
                                "params": dict(block.params), "kind": block.kind})

    # -- lookups ------------------------------------------------------------------------------
    def _mineral(self, params: dict[str, str]) -> str:
        ident = params.get("mineral", "").strip().lower()
        if not ident:
            raise BlockError("'mineral:' is missing (for example 'mineral: rare-earths')")
        if self.repo.mineral(ident) is None:
            raise BlockError(f"unknown mineral {ident!r}")
        return ident

    def _country(self, params: dict[str, str], key: str = "country") -> str:
        code = params.get(key, "").strip().upper()
        if not code:
            raise BlockError(f"'{key}:' is missing (an ISO3 code such as JPN)")
        if self.repo.country(code) is None and self.repo.kind_of(code) != "aggregate":
            raise BlockError(f"unknown country code {code!r} (use ISO3, e.g. JPN, or WORLD)")
        return code

    def _metric(self, params: dict[str, str], default: str, allowed=SHARE_METRICS) -> str:
        metric = params.get("metric", "").strip().lower() or default
        if metric not in allowed:
            raise BlockError(f"unknown metric {metric!r}; use one of {', '.join(allowed)}")
        return metric

    def _series(self, mineral: str, metric: str, product: str) -> list[Figure]:
        series = group_series(self.repo.figures(mineral=mineral, metric=metric))
        matches = [figures for (_m, _s, p), figures in series.items() if p == product]
        if not matches:
            products = sorted({p for (_m, _s, p) in series})
            if not products:
                raise BlockError(f"no {METRIC_TITLES[metric]} figures for {mineral}")
            raise BlockError(f"no {METRIC_TITLES[metric]} series {product!r} for {mineral}; "
                             f"series: {', '.join(repr(p) for p in products)}")
        return matches[0]

    def _shares(self, params: dict[str, str]):
        mineral = self._mineral(params)
        metric = self._metric(params, "mine_production")
        product = params.get("product", "").strip()
        figures = self._series(mineral, metric, product)
        year = _int(params, "year", None, 1900, 2100)
        if year is None:
            latest = latest_shares(figures)
            if latest is None:
                raise BlockError(f"no country figures for {mineral} {METRIC_TITLES[metric]}")
            return mineral, metric, latest[0], latest[1]
        from desktop.analysis.shares import series_shares

        per_year = newest_source_per_year(figures)
        if year not in per_year:
            years = ", ".join(str(y) for y in sorted(per_year)[-6:])
            raise BlockError(f"no {METRIC_TITLES[metric]} figures for {mineral} in {year} "
                             f"(years with data: {years})")
        shares = series_shares(per_year[year])
        if shares is None or not shares.shares:
            raise BlockError(f"no country figures for {mineral} in {year}")
        return mineral, metric, year, shares

    # -- kinds --------------------------------------------------------------------------------
    def _production_table(self, params: dict[str, str]) -> ResolvedBlock:
        mineral, metric, year, shares = self._shares(params)
        top = _int(params, "top", 10, 1, MAX_TOP)
        unit = shares.shares[0].figure.unit
        rows = [[str(s.rank), s.name, _value_text(s.figure), _pct(s.share)]
                for s in shares.shares[:top]]
        rest = shares.shares[top:]
        first = shares.shares[0].figure
        others = [f for f in self.repo.figures(mineral=mineral, metric=metric, year=year)
                  if not f.is_country and f.country != "WORLD" and f.value
                  and f.product == first.product and f.source.id == first.source.id]
        rest_value = sum(s.value for s in rest) + sum(f.value or 0 for f in others)
        if rest or others:
            estimated = any(s.figure.estimated for s in rest) or any(f.estimated for f in others)
            rows.append(["", "Rest of world", f"{rest_value:,.0f}{'e' if estimated else ''}",
                         _pct(rest_value / shares.denominator)])
        base = ""
        if shares.denominator_kind.startswith("sum of listed"):
            # The shares are of what the rows add up to; say so in the total row, and give the
            # published world figure (rounded below that sum, or only a bound) in the note.
            rows.append(["", "Listed countries", f"{shares.denominator:,.0f}", "100.0 %"])
            if shares.world is not None:
                base = (f" USGS prints a world total of {_value_text(shares.world)}, below the "
                        "listed rows' sum (rounding) or only a bound, so shares are of the sum.")
        elif shares.world is not None:
            rows.append(["", "World", _value_text(shares.world), "100.0 %"])
        name = self.repo.name_of_mineral(mineral)
        shown = [s.figure for s in shares.shares] + others  # every figure in a row is cited
        if shares.world is not None:
            shown.append(shares.world)
        sources = self._sources_of(shown)
        if not _comparable(shares):  # values only: a share of whatever is listed would mislead
            rows = [[*row[:3], "—"] for row in rows if row[1] != "Listed countries"]
        return ResolvedBlock(
            kind="production-table",
            title=f"{name}: {METRIC_TITLES[metric]}, {year} ({unit})",
            columns=["Rank", "Country", f"{year} ({unit})", "Share"],
            rows=rows, numeric=[True, False, True, True],
            note=f"Data year {year}; e = estimate. Shares of the {shares.denominator_kind}; "
                 f"top-3 {'' if shares.top_exact(3) else '≥ '}{_pct(shares.top3_share)}, "
                 f"HHI {shares.hhi:,.0f}.{base}" if _comparable(shares) else
                 f"Data year {year}; e = estimate. USGS prints no world total in numbers for "
                 "this series, so no shares are given (as in the app's analysis).",
            sources=sources)

    def _share_chart(self, params: dict[str, str]) -> ResolvedBlock:
        mineral, metric, year, shares = self._shares(params)
        if not _comparable(shares):
            raise BlockError(f"USGS prints no world total in numbers for {mineral} "
                             f"{METRIC_TITLES[metric]} {year}: there are no shares to chart")
        top = _int(params, "top", 8, 1, 20)
        name = self.repo.name_of_mineral(mineral)
        chosen = shares.shares[:top]
        chart = ChartSpec("bar", f"{name}: {METRIC_TITLES[metric]} shares, {year}",
                          f"Share of the {shares.denominator_kind} (%)",
                          categories=[s.name for s in chosen],
                          values=[round(100 * s.share, 1) for s in chosen])
        shown = [s.figure for s in chosen] + ([shares.world] if shares.world else [])
        return ResolvedBlock(kind="share-chart", title=chart.title, chart=chart,
                             note=f"Data year {year}.", sources=self._sources_of(shown))

    def _time_series(self, params: dict[str, str]) -> ResolvedBlock:
        mineral = self._mineral(params)
        metric = self._metric(params, "mine_production")
        product = params.get("product", "").strip()
        codes = [c.strip().upper() for c in params.get("countries", "WORLD, CHN").split(",")
                 if c.strip()]
        if not codes or len(codes) > 6:
            raise BlockError("'countries:' takes one to six codes, e.g. 'WORLD, CHN'")
        start = _int(params, "from", None, 1800, 2100)
        end = _int(params, "to", None, 1800, 2100)
        figures = [f for f in self._series(mineral, metric, product) if f.value is not None]
        per_year = newest_source_per_year(figures)
        series: dict[str, list[tuple[int, float]]] = {}
        used: list[Figure] = []
        for code in codes:
            if self.repo.country(code) is None and self.repo.kind_of(code) != "aggregate":
                raise BlockError(f"unknown country code {code!r}")
            points = []
            for year in sorted(per_year):
                if (start and year < start) or (end and year > end):
                    continue
                hit = next((f for f in per_year[year] if f.country == code), None)
                if hit is not None:
                    points.append((year, float(hit.value)))
                    used.append(hit)
            if points:
                series[self.repo.name_of(code) if code != "WORLD" else "World"] = points
        if not series:
            raise BlockError(f"no {METRIC_TITLES[metric]} figures for {', '.join(codes)}")
        unit = used[0].unit
        name = self.repo.name_of_mineral(mineral)
        first = min(p[0] for pts in series.values() for p in pts)
        last = max(p[0] for pts in series.values() for p in pts)
        span = str(first) if first == last else f"{first}–{last}"
        chart = ChartSpec("line", f"{name}: {METRIC_TITLES[metric]}, {span}",
                          f"{METRIC_TITLES[metric].capitalize()} ({unit})", series=series)
        return ResolvedBlock(kind="time-series", title=chart.title, chart=chart,
                             note="Years without a published figure are left out; for each "
                                  "year the most recent publication is used.",
                             sources=self._sources_of(used))

    def _figure(self, params: dict[str, str]) -> ResolvedBlock:
        mineral = self._mineral(params)
        metric = self._metric(params, "mine_production", tuple(METRIC_TITLES))
        country = self._country(params) if params.get("country") else "WORLD"
        year = _int(params, "year", None, 1900, 2100)
        product = params.get("product", "").strip()
        figures = [f for f in self.repo.figures(mineral=mineral, country=country, metric=metric)
                   if f.product == product and (year is None or f.year == year)]
        if not figures:
            where = f" in {year}" if year else ""
            raise BlockError(f"no {METRIC_TITLES[metric]} figure for {mineral}, {country}{where}")
        newest = newest_source_per_year(figures)
        figure = newest[max(newest)][0]
        name = self.repo.name_of(country) if country != "WORLD" else "world"
        unit = " %" if figure.unit == "percent" else f" {figure.unit}"
        estimate = ", estimated" if figure.estimated else ""
        period = figure.period or str(figure.year)
        text = (f"{self.repo.name_of_mineral(mineral)} {METRIC_TITLES[metric]}, {name}: "
                f"{figure.value_text}{unit} ({period}{estimate})")
        return ResolvedBlock(kind="figure", text=text, sources=self._sources_of([figure]))

    def _memberships(self, params: dict[str, str]) -> ResolvedBlock:
        country = self._country(params)
        items = self.repo.memberships(country)
        if not items:
            raise BlockError(f"no group or initiative memberships recorded for {country}")
        rows = [[m.container_name, m.container_kind, m.role, m.joined or "", m.left or ""]
                for m in items]
        return ResolvedBlock(kind="memberships",
                             title=f"{self.repo.name_of(country)}: groups and initiatives",
                             columns=["Group or initiative", "Kind", "Role", "Joined", "Left"],
                             rows=rows, numeric=[False] * 5,
                             sources=_unique([m.source for m in items if m.source]))

    def _members(self, params: dict[str, str]) -> ResolvedBlock:
        if params.get("group"):
            group = self.repo.group(params["group"].strip().lower())
            if group is None:
                raise BlockError(f"unknown group {params['group']!r}")
            name, members, extra = group.name, group.members, [group.source]
        else:
            ident = params.get("initiative", "").strip().lower()
            if not ident:
                raise BlockError("'initiative:' (or 'group:') is missing")
            initiative = self.repo.initiative(ident)
            if initiative is None:
                raise BlockError(f"unknown initiative {ident!r}")
            name, members, extra = initiative.name, initiative.members, initiative.sources
        rows = [[m.member_name, m.role, m.joined or "", m.left or ""] for m in members]
        return ResolvedBlock(kind="members", title=f"{name}: members and partners",
                             columns=["Member", "Role", "Joined", "Left"], rows=rows,
                             numeric=[False] * 4,
                             sources=_unique([*[m.source for m in members if m.source],
                                              *[s for s in extra if s]]))

    def _timeline(self, params: dict[str, str]) -> ResolvedBlock:
        if params.get("event"):
            event = self.repo.event(params["event"].strip())
            if event is None:
                raise BlockError(f"unknown event {params['event']!r}")
            return ResolvedBlock(kind="timeline", title=event.title,
                                 columns=["Date", "Announced", "Effective", "Event", "Document"],
                                 rows=[[event.date, event.announced, event.effective,
                                        event.summary or event.title, event.document_number]],
                                 numeric=[False] * 5, sources=event.sources)
        country = self._country(params) if params.get("country") else None
        mineral = self._mineral(params) if params.get("mineral") else None
        limit = _int(params, "limit", 12, 1, MAX_ROWS)
        start, end = params.get("from", "").strip() or None, params.get("to", "").strip() or None
        for label, value in (("from", start), ("to", end)):
            if value and not is_partial_date(value):
                raise BlockError(f"'{label}:' must be a date like 2025-04-04, not {value!r}")
        events = self.repo.events(country=country, mineral=mineral, date_from=start,
                                  date_to=end, kind=params.get("event-kind", "").strip() or None)
        if not events:
            raise BlockError("no events match")
        shown = events[-limit:]
        rows = [[e.date, e.announced or "", e.effective or "", e.title, e.document_number or ""]
                for e in shown]
        scope = ", ".join(filter(None, [self.repo.name_of(country) if country else "",
                                        self.repo.name_of_mineral(mineral) if mineral else ""]))
        return ResolvedBlock(kind="timeline", title=f"Timeline{': ' + scope if scope else ''}",
                             columns=["Date", "Announced", "Effective", "Event", "Document"],
                             rows=rows, numeric=[False] * 5,
                             note=f"{len(shown)} of {len(events)} matching events, latest last.",
                             sources=_unique([s for e in shown for s in e.sources[:1]]))

    @staticmethod
    def _sources_of(figures: list[Figure]) -> list[Source]:
        out = []
        for figure in figures:
            out.append(figure.source)
            if figure.corrected_by is not None:
                out.append(figure.corrected_by)
        return _unique(out)


def _unique(sources: list[Source]) -> list[Source]:
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.id, source)
    return list(seen.values())


def _comparable(shares) -> bool:
    """Shares mean something only against a world total in numbers (or published percentages);
    the same rule the cards and the analysis follow."""
    return shares.shares[0].figure.unit == "percent" or (
        shares.world is not None and shares.world.value is not None)
