"""``briefdesk db check``: the rules every reference DB must pass before it ships.

A ministry analyst has to be able to trust every number, so the check fails when a figure, event,
initiative or membership has no source, when any cited source (whatever kind of row cites it:
figure, claim, event, initiative, membership, mineral, country, alias, aggregate, body, group) has
neither URL nor DOI, when units disagree within one series, when country shares of a world total
exceed 100 % beyond rounding, when a code is neither an ISO 3166-1 country nor a declared aggregate
(or body, where bodies are allowed), and when text carries a replacement character or mojibake.

A cited source needs a publication date, or the date it was read (``accessed``) where the
publication gives none; every source has a tier (official, company filing, press, secondary,
editorial), and an event resting on no official source says why on its row
(``desktop.reference.register_checks``).

This project's own editorial decisions (e.g. ``editorial-usage``: which abbreviations and everyday
names map to which ISO code) are recorded as sources whose publisher is ``EDITORIAL_PUBLISHER``.
They have no URL or DOI because there is no outside document to point to; they are exempt from the
URL/DOI rule, explicitly and only for that publisher, and in exchange they may back names only
(countries, aliases, aggregates), never a figure, claim, event, initiative, membership or mineral.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from desktop.domain.metrics import (
    PERCENT_SHARE_METRICS,
    QUANTITY_METRICS,
    UNIT_PER_PRODUCT_METRICS,
)
from desktop.reference.market_checks import check_markets
from desktop.reference.register_checks import check_register, check_tiers

EDITORIAL_PUBLISHER = "Minerals Briefing Desk (this project's editorial decision)"
# Every (table, column) that cites a source; ``minerals.source_ids`` is mirrored in mineral_sources.
CITING_COLUMNS = (("figures", "source_id"), ("claims", "source_id"),
                  ("event_sources", "source_id"), ("initiative_sources", "source_id"),
                  ("group_members", "source_id"), ("initiative_members", "source_id"),
                  ("mineral_sources", "source_id"), ("countries", "source_id"),
                  ("country_names", "source_id"), ("aggregates", "source_id"),
                  ("bodies", "source_id"), ("groups", "source_id"),
                  ("known_discrepancies", "source_id"), ("event_status", "source_id"),
                  ("critical_lists", "source_id"), ("critical_list_entries", "source_id"),
                  ("price_floor_sources", "source_id"), ("import_dependence", "source_id"))
# Rows that state names only; an editorial source may back these and nothing else.
NAMING_TABLES = ("countries", "country_names", "aggregates")
REPLACEMENT = re.compile("\ufffd|ï¿½")
CP1252_RANGE = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                          "\u02c6\u02dc\u2013-\u2026\u2030\u2039\u203a\u20ac\u2122]")


def looks_like_mojibake(text: str) -> bool:
    """UTF-8 bytes that were read as Windows-1252 ("Ã©", "â€™", "ÐšÐ¸Ñ‚Ð°Ð¹", "æ—¥æœ¬").

    Such text turns back into different, valid UTF-8 when encoded as Windows-1252; genuine
    accented text ("Côte", "Ñandú", "Türkiye") does not.
    """
    if REPLACEMENT.search(text):
        return True
    if not CP1252_RANGE.search(text):
        return False
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return False
    return repaired != text


@dataclass
class CheckReport:
    counts: dict[str, int] = field(default_factory=dict)
    unsourced: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # to fix, but the DB may still ship
    notes: list[str] = field(default_factory=list)  # published inconsistencies, kept as printed
    source_tiers: dict[str, int] = field(default_factory=dict)  # sources per tier
    official_share: dict[str, float] = field(default_factory=dict)  # rows resting on official

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict:
        return {**self.counts, "unsourced": self.unsourced, "errors": self.errors,
                "warnings": self.warnings, "notes": self.notes,
                "source_tiers": self.source_tiers, "official_share": self.official_share,
                "ok": self.ok}


def check_reference(conn: sqlite3.Connection) -> CheckReport:
    report = CheckReport()
    for name, table in (("countries", "countries"), ("minerals", "minerals"),
                        ("initiatives", "initiatives"), ("events", "events"),
                        ("sources", "sources"), ("figures", "figures"), ("groups", "groups"),
                        ("group_members", "group_members"),
                        ("initiative_members", "initiative_members")):
        report.counts[name] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    _check_sources(conn, report)
    _check_foreign_keys(conn, report)
    _check_codes(conn, report)
    _check_units(conn, report)
    _check_shares(conn, report)
    _check_text(conn, report)
    check_register(conn, report)
    check_tiers(conn, report)
    check_markets(conn, report)
    return report


def _check_sources(conn: sqlite3.Connection, report: CheckReport) -> None:
    known = "(SELECT id FROM sources)"
    single = {
        "figures": "SELECT 'figure ' || id || ' (' || mineral_id || ', ' || country || ', ' || "
                   "metric || ', ' || year || ')' FROM figures",
        "group_members": "SELECT 'group member ' || group_id || ':' || member FROM group_members",
        "initiative_members": "SELECT 'initiative member ' || initiative_id || ':' || member "
                              "FROM initiative_members",
    }
    for select in single.values():
        for (what,) in conn.execute(
                f"{select} WHERE source_id IS NULL OR source_id = '' OR source_id NOT IN {known}"):
            report.unsourced += 1
            report.errors.append(f"{what} has no valid source")
    for kind, table, link, key in (("event", "events", "event_sources", "event_id"),
                                   ("initiative", "initiatives", "initiative_sources",
                                    "initiative_id"),
                                   ("mineral", "minerals", "mineral_sources", "mineral_id")):
        for (ident,) in conn.execute(
                f"SELECT id FROM {table} WHERE id NOT IN (SELECT {key} FROM {link} "
                f"WHERE source_id IN {known})"):
            report.unsourced += 1
            report.errors.append(f"{kind} {ident} has no valid source")
        for ident, missing in conn.execute(
                f"SELECT {key}, source_id FROM {link} WHERE source_id NOT IN {known}"):
            report.errors.append(f"{kind} {ident} cites unknown source {missing}")
    for ident, kind, entity, _source_id in conn.execute(
            f"SELECT id, entity_kind, entity_id, source_id FROM claims WHERE source_id IS NULL "
            f"OR source_id NOT IN {known}"):
        report.unsourced += 1
        report.errors.append(f"claim {ident} ({kind} {entity}) has no valid source")
    _check_cited_sources(conn, report)
    for (ident,) in conn.execute(
            "SELECT id FROM sources WHERE coalesce(publisher, '') = '' OR "
            "coalesce(title, '') = ''"):
        report.errors.append(f"source {ident} lacks a publisher or title")


def _citing(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """The citing (table, column) pairs present in this DB."""
    tables = {t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [(t, c) for t, c in CITING_COLUMNS if t in tables]


def _check_cited_sources(conn: sqlite3.Connection, report: CheckReport) -> None:
    """Every source cited by any row needs a URL or DOI and should carry its publication date.

    Sources published by ``EDITORIAL_PUBLISHER`` (this project's own naming decisions) are exempt
    from the URL/DOI rule, but citing one from anything other than a naming row is an error.
    """
    citing = _citing(conn)
    for table, column in citing:
        if table in ("figures", "claims", "event_sources", "initiative_sources",
                     "group_members", "initiative_members", "mineral_sources"):
            continue  # reported above, with the row that lacks a valid source
        for (missing,) in conn.execute(
                f"SELECT DISTINCT [{column}] FROM [{table}] WHERE coalesce([{column}], '') != '' "
                f"AND [{column}] NOT IN (SELECT id FROM sources)"):
            report.errors.append(f"{table} cites unknown source {missing}")
        (empty,) = conn.execute(
            f"SELECT count(*) FROM [{table}] WHERE coalesce([{column}], '') = ''").fetchone()
        if empty:
            report.unsourced += empty
            report.errors.append(f"{table}: {empty} row(s) have no source")
    if not citing:
        return
    used = " UNION ".join(f"SELECT [{c}] FROM [{t}]" for t, c in citing)
    rows = conn.execute(
        "SELECT id, coalesce(publisher, ''), coalesce(url, ''), coalesce(doi, ''), "
        f"coalesce(published, ''), coalesce(accessed, '') FROM sources WHERE id IN ({used}) "
        "ORDER BY id").fetchall()
    for ident, publisher, url, doi, published, accessed in rows:
        editorial = publisher == EDITORIAL_PUBLISHER
        if not url.strip() and not doi.strip() and not editorial:
            report.errors.append(f"source {ident} has neither URL nor DOI")
        if not published.strip() and not accessed.strip():
            report.errors.append(f"source {ident} has neither a publication nor an access date")
        if editorial:
            for table, column in citing:
                if table in NAMING_TABLES:
                    continue
                count = conn.execute(f"SELECT count(*) FROM [{table}] WHERE [{column}] = ?",
                                     (ident,)).fetchone()[0]
                if count:
                    report.errors.append(
                        f"source {ident} is an editorial decision of this project and cannot "
                        f"back {table} ({count} row(s))")


def _check_foreign_keys(conn: sqlite3.Connection, report: CheckReport) -> None:
    """Every declared foreign key must point at an existing row."""
    seen: set[tuple[str, str]] = set()
    for table, _rowid, parent, fk_index in conn.execute("PRAGMA foreign_key_check"):
        if (table, parent) in seen:
            continue
        seen.add((table, parent))
        column = next((row[3] for row in conn.execute(f"PRAGMA foreign_key_list([{table}])")
                       if row[0] == fk_index), "?")
        report.errors.append(f"{table}.{column} refers to a missing {parent} row")


def _check_codes(conn: sqlite3.Connection, report: CheckReport) -> None:
    countries = "(SELECT iso3 FROM countries)"
    aggregates = "(SELECT code FROM aggregates)"
    bodies = "(SELECT id FROM bodies)"
    checks = [
        ("figures", "country", f"country NOT IN {countries} AND country NOT IN {aggregates}"),
        ("event_targets", "country", f"country NOT IN {countries}"),
        ("events", "actor", f"actor != '' AND actor NOT IN {countries} AND actor NOT IN {bodies}"),
        ("group_members", "member", f"member NOT IN {countries} AND member NOT IN {bodies}"),
        ("initiative_members", "member",
         f"member NOT IN {countries} AND member NOT IN {bodies}"),
        ("initiatives", "lead", f"lead != '' AND lead NOT IN {countries} AND lead NOT IN {bodies}"),
        ("bodies", "country", f"country != '' AND country NOT IN {countries}"),
        ("price_floors", "actor", f"actor NOT IN {countries} AND actor NOT IN {bodies}"),
        ("import_dependence", "importer", f"importer NOT IN {countries} AND importer != 'EU'"),
        ("import_dependence", "supplier", f"supplier NOT IN {countries}"),
    ]
    present = {t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, column, condition in checks:
        if table not in present:
            continue
        for (code,) in conn.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {condition}"):
            report.errors.append(
                f"{table}.{column}: {code!r} is neither an ISO 3166-1 country nor a declared "
                "aggregate or body")
    refs = [
        ("figures", "mineral_id", "SELECT id FROM minerals"),
        ("event_minerals", "mineral_id", "SELECT id FROM minerals"),
        ("event_initiatives", "initiative_id", "SELECT id FROM initiatives"),
        ("group_members", "group_id", "SELECT id FROM groups"),
        ("initiative_members", "initiative_id", "SELECT id FROM initiatives"),
        ("price_floors", "coalesce(mineral_id, 'rare-earths')", "SELECT id FROM minerals"),
        ("import_dependence", "mineral_id", "SELECT id FROM minerals"),
    ]
    for table, column, valid in refs:
        if table not in present:
            continue
        for (value,) in conn.execute(
                f"SELECT DISTINCT {column} FROM {table} WHERE {column} NOT IN ({valid})"):
            report.errors.append(f"{table}.{column}: unknown id {value!r}")


def _check_units(conn: sqlite3.Connection, report: CheckReport) -> None:
    marks = ",".join("?" * len(UNIT_PER_PRODUCT_METRICS))
    rows = conn.execute(
        "SELECT mineral_id, metric, group_concat(DISTINCT unit) FROM figures "
        f"GROUP BY mineral_id, metric, CASE WHEN metric IN ({marks}) THEN product ELSE '' END "
        "HAVING count(DISTINCT unit) > 1", UNIT_PER_PRODUCT_METRICS)
    for mineral, metric, units in rows:
        report.errors.append(f"inconsistent units in {mineral} {metric}: {units}")


def rounding_tolerance(total: float, printed: str = "") -> float:
    """Half a unit of the last digit the source printed for a total (and at least 0.5 %).

    "380,000" is rounded to the ten-thousand, "0.4" to the tenth; without the printed text the
    number itself is read the same way.
    """
    if total <= 0:
        return 0.0
    text = re.sub(r"[^\d.]", "", printed) or f"{total:f}".rstrip("0").rstrip(".")
    if "." in text:
        decimals = len(text.split(".", 1)[1])
        place = 10.0 ** -decimals
    else:
        place = 10.0 ** (len(text) - len(text.rstrip("0")))
    return max(place / 2, total * 0.005)


def _check_shares(conn: sqlite3.Connection, report: CheckReport) -> None:
    marks = ",".join("?" * len(QUANTITY_METRICS))
    rows = conn.execute(
        "SELECT f.mineral_id, f.metric, f.product, f.year, f.source_id, "
        "sum(CASE WHEN f.country IN (SELECT iso3 FROM countries) THEN f.value END), "
        "max(CASE WHEN f.country = 'WORLD' AND f.qualifier = '' THEN f.value END), "
        "max(CASE WHEN f.country = 'WORLD' AND f.qualifier = '' THEN f.value_text END) "
        f"FROM figures f WHERE f.metric IN ({marks}) "
        "GROUP BY f.mineral_id, f.metric, f.product, f.year, f.source_id", QUANTITY_METRICS)
    known = {(m, metric, p, str(y), s): note for m, metric, p, y, s, note in conn.execute(
        "SELECT mineral, metric, product, year, source_id, note FROM known_discrepancies")}
    for mineral, metric, product, year, source_id, total, world, printed in rows:
        if total is None or world is None or world <= 0:
            continue
        if total > world + rounding_tolerance(world, printed):
            message = (f"{mineral} {metric} {product} {year}: countries sum to {total:g}, more "
                       f"than the world total {world:g} ({source_id})")
            if (mineral, metric, product, str(year), source_id) in known:
                report.notes.append(f"{message}; known and kept as published")
            else:
                report.errors.append(message)
    marks = ",".join("?" * len(PERCENT_SHARE_METRICS))
    rows = conn.execute(  # projections (estimated) are summed apart from reported shares
        "SELECT mineral_id, metric, product, stage, year, source_id, sum(value), count(value) "
        f"FROM figures WHERE metric IN ({marks}) AND country != 'WORLD' "
        "GROUP BY mineral_id, metric, product, stage, year, source_id, estimated", PERCENT_SHARE_METRICS)
    for mineral, metric, product, stage, year, source_id, total, count in rows:
        if total is not None and total > 100 + 0.5 * count + 1e-9:
            report.errors.append(
                f"{mineral} {metric} {stage} {product} {year}: shares sum to {total:g} % "
                f"({source_id})")


def _text_columns(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    out = []
    tables = [t for (t,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_fts%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        for _cid, name, kind, *_ in conn.execute(f"PRAGMA table_info({table})"):
            if kind.upper() in ("TEXT", ""):
                out.append((table, name))
    return out


def _check_text(conn: sqlite3.Connection, report: CheckReport) -> None:
    for table, column in _text_columns(conn):
        for (value,) in conn.execute(f"SELECT [{column}] FROM [{table}] WHERE typeof([{column}]) "
                                     "= 'text'"):
            if looks_like_mojibake(value):
                report.errors.append(
                    f"{table}.{column}: replacement character or mojibake in {value[:60]!r}")

