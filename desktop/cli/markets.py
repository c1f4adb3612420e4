"""``briefdesk analyze dependence|price-floor|price``: partners' import dependence, price floors
beside the market, and USGS price series, through the same market service the app uses.
Shares are fractions (0–1)."""

from __future__ import annotations

import argparse

from desktop.cli.common import UsageError, check_year
from desktop.domain.numbers import with_estimate

MARKET_ACTIONS = ("dependence", "price-floor", "price")


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--importer", help="dependence: a country or the EU, e.g. EU, Japan")
    parser.add_argument("--supplier", help="dependence: a supplier country, e.g. China")


def run(action: str, args: argparse.Namespace, context) -> tuple[object, str]:
    return {"dependence": _dependence, "price-floor": _floors, "price": _price}[action](
        args, context)


def _dependence(args, context) -> tuple[object, str]:
    importer = context.names.importer(args.importer) if args.importer else None
    supplier = context.names.id_of("country", args.supplier) if args.supplier else None
    if not (importer or supplier or args.mineral):
        raise UsageError("give --importer, --supplier or --mineral (for example "
                         "--importer EU --supplier China)")
    rows = context.markets.dependence(importer, args.mineral, supplier)
    lines = []
    if not rows:
        checked = context.markets.desk.searched().get(importer or "")
        lines.append(f"no official figure found for {context.markets.importer_name(importer)} "
                     f"(searched {checked[0]}: {checked[1]})" if checked else
                     "no official figure found")
    for r in rows:
        lines.append(f"{r['importer_name']:<24} {r['mineral_name']}: {r['product']} — "
                     f"{r['supplier_name']} {r['share_cell']}, {r['when']}, "
                     f"{r['basis_label']} [{r['source']['id']}]")
    return rows, "\n".join(lines)


def _floors(args, context) -> tuple[object, str]:
    year = check_year(args.year)
    rows = context.markets.floors(args.mineral, year)
    lines = [f"{r['floor']['id']}  {r['actor_name']}: {r['formula']}" for r in rows]
    return rows, "\n".join(lines) or "no price floor recorded"


def _price(args, context) -> tuple[object, str]:
    if not args.mineral:
        raise UsageError("--mineral is required (for example --mineral rare-earths)")
    series = context.workbench.markets.price(args.mineral, args.product)
    from desktop.services.markets import series_json

    data = [series_json(s) for s in series]
    lines = []
    for s in series:
        values = "  ".join(f"{f.year} {with_estimate(f.value_text, f.estimated)}"
                           for f in s.figures)
        lines.append(f"{s.product or '(main series)'} ({s.unit}): {values}")
    return data, "\n".join(lines)



