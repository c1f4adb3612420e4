"""``briefdesk analyze …``: concentration, bloc coverage, stress tests, reserves gap, US view and
the bloc matrix, from the same analysis workbench the app uses; import dependence, price floors
and prices (``desktop.cli.markets``). Shares are fractions (0–1)."""

from __future__ import annotations

import argparse

from desktop.analysis.concentration import HHI_BAND_SOURCE, Concentration
from desktop.analysis.shares import unmeasured_text
from desktop.analysis.stages import STAGE_LABELS, STAGES
from desktop.cli.common import UsageError, add_json, check_year, emit
from desktop.cli.markets import MARKET_ACTIONS, add_options, run
from desktop.domain.metrics import ANALYSABLE_METRICS
from desktop.domain.numbers import percent, points, share_or_published, whole

ACTIONS = ("concentration", "bloc", "stress", "gap", "us", "matrix", *MARKET_ACTIONS)


def register(sub) -> None:
    p = sub.add_parser("analyze", help="concentration, bloc coverage, stress tests (shares 0-1)")
    p.add_argument("action", choices=ACTIONS)
    p.add_argument("--mineral", help="mineral id, e.g. rare-earths")
    p.add_argument("--metric", choices=ANALYSABLE_METRICS)
    p.add_argument("--stage", choices=STAGES)
    p.add_argument("--product", help="a named product series (default: the main one)")
    p.add_argument("--year", type=int, help="data year (default: the latest held)")
    p.add_argument("--group", help="bloc: group/initiative ids or ISO3 codes joined by '+'")
    p.add_argument("--remove", help="stress: ISO3 or bloc to take offline")
    p.add_argument("--keep", help="stress, inverse: keep only this bloc's supply")
    p.add_argument("--as-of", dest="as_of", help="membership date (default: today)")
    add_options(p)
    add_json(p)
    p.set_defaults(handler=cmd_analyze)


def _named(context, args: argparse.Namespace) -> None:
    """Accept names where ids are expected, as ``briefdesk show`` and memo blocks do:
    "--mineral Lithium", "--remove China", "--group 'G7+Australia'"."""
    from desktop.cli.reference import resolve

    if args.mineral:
        args.mineral = resolve(context, "mineral", args.mineral)
    for option in ("group", "remove", "keep"):
        if getattr(args, option):
            setattr(args, option, context.names.bloc(getattr(args, option)))


def _where(args: argparse.Namespace) -> dict:
    check_year(args.year)
    return {"metric": args.metric, "stage": args.stage, "product": args.product,
            "year": args.year, "exact_year": args.year is not None}


def _need(value: str | None, option: str, example: str) -> str:
    if not value:
        raise UsageError(f"{option} is required (for example {option} {example})")
    return value


def cmd_analyze(args: argparse.Namespace, context) -> int:
    _named(context, args)
    if args.action in MARKET_ACTIONS:
        data, text = run(args.action, args, context)
    else:
        data, text = _ACTIONS[args.action](context.workbench, args)
    emit(data, args.json, text)
    return 0


def _concentration(wb, args) -> tuple[dict, str]:
    mineral = _need(args.mineral, "--mineral", "rare-earths")
    result: Concentration = wb.concentration(mineral, **_where(args))
    data = result.to_json()
    band_source = wb.ref.source(HHI_BAND_SOURCE)
    data["band_source"] = band_source.brief() if band_source else None
    lines = [f"{mineral}: {result.series.describe()} ({result.series.unit})",
             f"HHI {whole(result.hhi)} ({result.band.label}); top-1 "
             f"{result.top1.name if result.top1 else '-'} {percent(data['top1'])}; "
             f"{result.top3_text(short=True).lower()}"]
    lines += [f"  {s.rank:>2}. {s.name:<32} {percent(s.share):>8}" for s in result.shares.shares]
    lines.append(result.formula())
    return data, "\n".join(lines)


def _bloc(wb, args) -> tuple[dict, str]:
    mineral = _need(args.mineral, "--mineral", "rare-earths")
    spec = _need(args.group, "--group", "g7")
    coverage = wb.coverage(spec, mineral, as_of=args.as_of, **_where(args))
    series = wb.series(mineral, **_where(args))
    data = {**coverage.to_json(), "mineral": mineral, "metric": series.metric,
            "stage": series.stage, "year": series.year,
            "sources": [s.brief() for s in series.sources]}
    lines = [f"{coverage.bloc.name} in {mineral} {series.describe()}: "
             f"{coverage.bloc_text()} (China {coverage.rival_text()})"]
    lines += [f"  {s.name:<32} {percent(s.share):>8}" for s in coverage.members]
    lines += [coverage.formula(), *coverage.bloc.notes]
    return data, "\n".join(lines)


def _stress(wb, args) -> tuple[dict, str]:
    mineral = _need(args.mineral, "--mineral", "rare-earths")
    if bool(args.remove) == bool(args.keep):
        raise UsageError("give exactly one of --remove ISO3|GROUP or --keep GROUP")
    result = wb.stress(mineral, args.remove or args.keep, as_of=args.as_of,
                       allies_only=bool(args.keep), **_where(args))
    series = wb.series(mineral, **_where(args))
    data = {**result.to_json(), "mineral": mineral, "metric": series.metric,
            "stage": series.stage, "year": series.year,
            "sources": [s.brief() for s in series.sources]}
    unmeasured = (f" plus {unmeasured_text(result.unmeasured)}, not measurable"
                  if result.unmeasured else "")
    lines = [f"{mineral} {series.describe()}: offline {percent(result.offline_share)}{unmeasured}; "
             f"HHI {whole(result.hhi_before)} -> {result.hhi_after_text()}"]
    lines += [f"  {s.name:<32} {percent(s.share_before):>8} -> {percent(s.share_after):>8}"
              for s in result.shares_after]
    lines.append(result.formula())
    return data, "\n".join(lines)


def _gap(wb, args) -> tuple[dict, str]:
    mineral = _need(args.mineral, "--mineral", "rare-earths")
    reserves, production, rows = wb.gap(mineral, args.year)
    data = {"mineral": mineral, "reserves_year": reserves.year,
            "production_year": production.year, "rows": [r.to_json() for r in rows],
            "sources": [s.brief() for s in [*reserves.sources, *production.sources]]}
    lines = [f"{mineral}: share of reserves ({reserves.year}) minus share of mine production "
             f"({production.year})"]
    lines += [f"  {r.name:<32} {share_or_published(r.reserves_share, r.reserves_text):>12} "
              f"{share_or_published(r.production_share, r.production_text):>12} "
              f"{points(r.gap):>10}" for r in rows]
    return data, "\n".join(lines)


def _us(wb, args) -> tuple[dict, str]:
    mineral = _need(args.mineral, "--mineral", "gallium")
    view = wb.us_view(mineral)
    data = {"mineral": mineral,
            "net_import_reliance": [f.to_json() for f in view.reliance],
            "import_sources": [s.to_json() for s in view.sources],
            "world_hhi": None if view.world is None else round(view.world.hhi, 1),
            "world_stage": view.world_stage, "world_year": view.world_year}
    lines = [f"{mineral}: US net import reliance {view.reliance_headline()}"]
    forms = view.forms()
    for form, group in forms:
        if len(forms) > 1:  # each form's shares add up on their own
            lines.append(f" {form}:")
        for source in group:
            world = "" if source.world_share is None else \
                f"; {percent(source.world_share)} of world supply (rank {source.world_rank})"
            lines.append(f"  {source.name:<32} {source.share_text:>8} of imports ({source.period}){world}")
    return data, "\n".join(lines)


def _matrix(wb, args) -> tuple[dict, str]:
    spec = _need(args.group, "--group", "g7")
    bloc, rows = wb.matrix(spec, check_year(args.year), args.as_of)
    out, lines = [], [f"{bloc.name} vs China, as of {bloc.as_of}", *bloc.notes]
    for row in rows:
        cells = {}
        for stage, cell in row.cells.items():
            if cell is None:
                continue
            cells[stage] = {"metric": cell.series.metric, "product": cell.series.product,
                            "year": cell.series.year,
                            "bloc_share": round(cell.coverage.bloc_share, 6),
                            "bloc_listed": cell.coverage.bloc_listed,
                            "china_share": round(cell.coverage.rival_share, 6),
                            "china_listed": cell.coverage.rival_listed,
                            "hhi": round(cell.hhi, 1)}
            lines.append(f"  {row.name:<28} {STAGE_LABELS[stage]:<22} bloc "
                         f"{cell.coverage.bloc_text():>8}  China "
                         f"{cell.coverage.rival_text():>8}  HHI {whole(cell.hhi):>6}")
        out.append({"mineral": row.mineral, "name": row.name, "cells": cells})
    return {"bloc": bloc.to_json(), "rows": out}, "\n".join(lines)


_ACTIONS = {"concentration": _concentration, "bloc": _bloc, "stress": _stress, "gap": _gap,
            "us": _us, "matrix": _matrix}
