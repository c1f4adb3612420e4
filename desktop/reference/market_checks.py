"""``db check`` for the market tables: every dependence share is a fraction with a known basis,
and the shares one publication gives for one importer, mineral and year add up to at most the
whole (beyond the rounding of the printed percentages); every price floor with a number has a
unit, and the USGS series it is compared with exists."""

from __future__ import annotations

import sqlite3

from desktop.domain.markets import BASES
from desktop.domain.numbers import percent

ROUNDING = 0.02  # printed whole percentages of several suppliers may add up to 101–102 %


def check_markets(conn: sqlite3.Connection, report) -> None:
    tables = {t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "import_dependence" in tables:
        _check_dependence(conn, report)
    if "price_floors" in tables:
        _check_floors(conn, report)


def _check_dependence(conn: sqlite3.Connection, report) -> None:
    report.counts["import_dependence"] = conn.execute(
        "SELECT count(*) FROM import_dependence").fetchone()[0]
    for ident, share, basis in conn.execute(
            "SELECT id, share, basis FROM import_dependence ORDER BY id"):
        if share is None or not 0 <= share <= 1:
            report.errors.append(f"import dependence {ident}: share {share!r} is not a "
                                 "fraction between 0 and 1")
        if basis not in BASES and not (basis or "").startswith("other:"):
            report.errors.append(f"import dependence {ident}: unknown basis {basis!r}")
    rows = conn.execute(
        "SELECT importer, mineral_id, product, basis, year, source_id, sum(share) FROM "
        "import_dependence GROUP BY importer, mineral_id, product, basis, year, source_id "
        "HAVING sum(share) > ?", (1 + ROUNDING,))
    for importer, mineral, product, basis, year, source, total in rows:
        report.errors.append(f"import dependence of {importer} on {mineral} {product} ({basis}, "
                             f"{year}, {source}): suppliers add up to {percent(total, 0)}")


def _check_floors(conn: sqlite3.Connection, report) -> None:
    report.counts["price_floors"] = conn.execute("SELECT count(*) FROM price_floors").fetchone()[0]
    for (ident,) in conn.execute("SELECT id FROM price_floors WHERE id NOT IN (SELECT floor_id "
                                 "FROM price_floor_sources WHERE source_id IN (SELECT id FROM "
                                 "sources))"):
        report.unsourced += 1
        report.errors.append(f"price floor {ident} has no valid source")
    for ident, value, unit in conn.execute(
            "SELECT id, value, unit FROM price_floors WHERE value IS NOT NULL"):
        if value <= 0 or not unit:
            report.errors.append(f"price floor {ident}: a number needs a positive value and a "
                                 "unit")
    for ident, mineral, product in conn.execute(
            "SELECT id, mineral_id, market_product FROM price_floors WHERE market_product != '' "
            "AND NOT EXISTS (SELECT 1 FROM figures f WHERE f.metric = 'price' AND "
            "f.mineral_id = price_floors.mineral_id AND f.product = price_floors.market_product)"):
        report.errors.append(f"price floor {ident}: no USGS price series {product!r} for "
                             f"{mineral}")
