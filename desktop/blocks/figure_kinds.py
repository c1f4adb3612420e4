"""The figure kinds of data block: a production table, a share chart, a time series and a
single figure, read straight from the published series.

Shares follow the analysis package's one rule (``SeriesShares.comparable``): against a world
total in numbers, or not at all — a table then gives values without shares, and a chart refuses.
"""

from __future__ import annotations

from desktop.analysis.series import group_series, latest_shares, newest_source_per_year
from desktop.analysis.shares import SeriesShares, series_shares
from desktop.blocks.context import BlockContext, BlockError, Params, sources_of
from desktop.domain.metrics import title_of
from desktop.domain.models import Figure
from desktop.domain.numbers import NEGLIGIBLE, percent, published_value, whole, with_estimate
from desktop.domain.resolved import ChartSpec, ResolvedBlock
from desktop.domain.vocabulary import DenominatorKind


def _value(figure: Figure) -> str:
    return with_estimate(figure.value_text, figure.estimated)


def _series(ctx: BlockContext, mineral: str, metric: str, product: str) -> list[Figure]:
    series = group_series(ctx.repo.figures(mineral=mineral, metric=metric))
    matches = [figures for (_m, _s, p), figures in series.items() if p == product]
    if not matches:
        products = sorted({p for (_m, _s, p) in series})
        if not products:
            raise BlockError(f"no {title_of(metric)} figures for {mineral}")
        raise BlockError(f"no {title_of(metric)} series {product!r} for {mineral}; "
                         f"series: {', '.join(repr(p) for p in products)}")
    return matches[0]


def _shares(ctx: BlockContext, p: Params) -> tuple[str, str, int, SeriesShares]:
    mineral, metric, year = p["mineral"], p["metric"], p["year"]
    figures = _series(ctx, mineral, metric, p["product"])
    if year is None:
        latest = latest_shares(figures)
        if latest is None:
            raise BlockError(f"no country figures for {mineral} {title_of(metric)}")
        return mineral, metric, latest[0], latest[1]
    per_year = newest_source_per_year(figures)
    if year not in per_year:
        years = ", ".join(str(y) for y in sorted(per_year)[-6:])
        raise BlockError(f"no {title_of(metric)} figures for {mineral} in {year} "
                         f"(years with data: {years})")
    shares = series_shares(per_year[year])
    if shares is None or not shares.shares:
        raise BlockError(f"no country figures for {mineral} in {year}")
    return mineral, metric, year, shares


def production_table(ctx: BlockContext, p: Params) -> ResolvedBlock:
    mineral, metric, year, shares = _shares(ctx, p)
    top = p["top"]
    unit = shares.shares[0].figure.unit
    rows = [[str(s.rank), s.name, _value(s.figure), percent(s.share)]
            for s in shares.shares[:top]]
    rest = shares.shares[top:]
    first = shares.shares[0].figure
    others = [f for f in ctx.repo.figures(mineral=mineral, metric=metric, year=year)
              if not f.is_country and f.country != "WORLD" and f.value
              and f.product == first.product and f.source.id == first.source.id]
    withheld = list(shares.unquantified)
    of_world = shares.denominator_kind is DenominatorKind.WORLD_TOTAL and shares.world is not None
    # a country without a number is in the world total's remainder, or (shares of what the
    # rows add up to) not counted at all; either way it keeps its row
    rows += [["", f.country_name or f.country, published_value(f.value_text),
              "in the rest" if of_world else "not counted"] for f in withheld]
    rest_value = sum(s.value for s in rest) + sum(f.value or 0 for f in others)
    if of_world:
        # everything not in a named row above: named countries beyond the top, "Other
        # countries", and what withheld rows or rounding leave out, so the rows add up
        rest_value = shares.denominator - sum(s.value for s in shares.shares[:top])
    if rest_value > NEGLIGIBLE * shares.denominator:
        estimated = any(s.figure.estimated for s in rest) or any(f.estimated for f in others)
        label = "Rest of world" + (" (incl. withheld)" if withheld and of_world else "")
        rows.append(["", label, with_estimate(whole(rest_value), estimated),
                     percent(rest_value / shares.denominator)])
    base = ""
    if shares.denominator_kind.is_sum_of_listed:
        # The shares are of what the rows add up to; say so in the total row, and give the
        # published world figure (rounded below that sum, or only a bound) in the note.
        rows.append(["", "Listed countries", whole(shares.denominator), percent(1.0)])
        if shares.world is not None:
            base = (f" USGS prints a world total of {_value(shares.world)}, below the "
                    "listed rows' sum (rounding) or only a bound, so shares are of the sum.")
    elif shares.world is not None:
        rows.append(["", "World", _value(shares.world), percent(1.0)])
    shown = [s.figure for s in shares.shares] + others  # every figure in a row is cited
    if shares.world is not None:
        shown.append(shares.world)
    estimate = "e = estimate. " if any(f.estimated for f in shown) else ""
    if shares.comparable:
        note = (f"{estimate}Top-3 {'' if shares.top_exact(3) else '≥ '}"
                f"{percent(shares.top3_share)}, HHI {whole(shares.hhi)}.")
        method = f"Data year {year}. Shares of the {shares.denominator_kind.label}.{base}"
    else:  # values only: a share of whatever is listed would mislead
        rows = [[*row[:3], "—"] for row in rows if row[1] != "Listed countries"]
        note = (f"{estimate}USGS prints no world total in numbers for this series, so no "
                "shares are given (as in the app's analysis).")
        method = f"Data year {year}."
    return ResolvedBlock(
        kind="production-table",
        title=f"{ctx.repo.name_of_mineral(mineral)}: {title_of(metric)}, {year} ({unit})",
        columns=["Rank", "Country", f"{year} ({unit})", "Share"],
        rows=rows, numeric=[True, False, True, True], note=note.strip(), method=method,
        sources=sources_of(shown))


def share_chart(ctx: BlockContext, p: Params) -> ResolvedBlock:
    mineral, metric, year, shares = _shares(ctx, p)
    if not shares.comparable:
        raise BlockError(f"USGS prints no world total in numbers for {mineral} "
                         f"{title_of(metric)} {year}: there are no shares to chart")
    name = ctx.repo.name_of_mineral(mineral)
    chosen = shares.shares[:p["top"]]
    chart = ChartSpec("bar", f"{name}: {title_of(metric)} shares, {year}",
                      f"Share of the {shares.denominator_kind.label} (%)",
                      categories=[s.name for s in chosen],
                      values=[round(100 * s.share, 1) for s in chosen])
    shown = [s.figure for s in chosen] + ([shares.world] if shares.world else [])
    return ResolvedBlock(kind="share-chart", title=chart.title, chart=chart,
                         method=f"Data year {year}; shares of the "
                                f"{shares.denominator_kind.label}.",
                         sources=sources_of(shown))


def time_series(ctx: BlockContext, p: Params) -> ResolvedBlock:
    mineral, metric, codes = p["mineral"], p["metric"], p["countries"]
    start, end = p["from"], p["to"]
    figures = [f for f in _series(ctx, mineral, metric, p["product"]) if f.value is not None]
    per_year = newest_source_per_year(figures)
    series: dict[str, list[tuple[int, float]]] = {}
    used: list[Figure] = []
    for code in codes:
        points = []
        for year in sorted(per_year):
            if (start and year < start) or (end and year > end):
                continue
            hit = next((f for f in per_year[year] if f.country == code), None)
            if hit is not None:
                points.append((year, float(hit.value)))
                used.append(hit)
        if points:
            series[ctx.repo.name_of(code) if code != "WORLD" else "World"] = points
    if not series:
        raise BlockError(f"no {title_of(metric)} figures for {', '.join(codes)}")
    unit = used[0].unit
    first = min(point[0] for points in series.values() for point in points)
    last = max(point[0] for points in series.values() for point in points)
    span = str(first) if first == last else f"{first}–{last}"
    chart = ChartSpec("line", f"{ctx.repo.name_of_mineral(mineral)}: {title_of(metric)}, {span}",
                      f"{title_of(metric).capitalize()} ({unit})", series=series)
    return ResolvedBlock(kind="time-series", title=chart.title, chart=chart,
                         method="Years without a published figure are left out; for each "
                                "year the most recent publication is used.",
                         sources=sources_of(used))


def figure(ctx: BlockContext, p: Params) -> ResolvedBlock:
    mineral, metric, country, year = p["mineral"], p["metric"], p["country"], p["year"]
    figures = [f for f in ctx.repo.figures(mineral=mineral, country=country, metric=metric)
               if f.product == p["product"] and (year is None or f.year == year)]
    if not figures:
        where = f" in {year}" if year else ""
        raise BlockError(f"no {title_of(metric)} figure for {mineral}, {country}{where}")
    newest = newest_source_per_year(figures)
    found = newest[max(newest)][0]
    name = ctx.repo.name_of(country) if country != "WORLD" else "world"
    estimate = ", estimated" if found.estimated else ""
    period = found.period or str(found.year)
    value = published_value(found.value_text, "%" if found.unit == "percent" else found.unit)
    text = (f"{ctx.repo.name_of_mineral(mineral)} {title_of(metric)}, {name}: {value} "
            f"({period}{estimate})")
    return ResolvedBlock(kind="figure", text=text, sources=sources_of([found]))
