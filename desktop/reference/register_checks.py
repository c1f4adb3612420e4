"""``db check`` for the policy register and its sources: every event's kind is one the app
knows; every dated status change is well formed and belongs to a measure
(``desktop.domain.status``); every source has a tier; and how much of the register rests on the
deciding body's own text, with a reason on each row that does not; a processing share read in a
report names the official publication it was first published in."""

from __future__ import annotations

import sqlite3

from desktop.domain.event_kinds import BY_ID as EVENT_KINDS
from desktop.domain.event_kinds import is_measure
from desktop.domain.status import CHANGES
from desktop.domain.text import is_partial_date
from desktop.domain.vocabulary import TIERS

OFFICIAL = ("official", "filing")  # the deciding body's text, or the company's own filing


def check_register(conn: sqlite3.Connection, report) -> None:
    for ident, kind in conn.execute("SELECT id, kind FROM events ORDER BY id"):
        if kind not in EVENT_KINDS:
            report.errors.append(f"event {ident} has unknown kind {kind!r}")
    tables = {t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "event_status" not in tables:
        return
    report.counts["event_status"] = conn.execute(
        "SELECT count(*) FROM event_status").fetchone()[0]
    rows = conn.execute(
        "SELECT s.id, s.event_id, s.date, s.change, s.until, coalesce(e.kind, '') FROM "
        "event_status s LEFT JOIN events e ON e.id = s.event_id ORDER BY s.id")
    for number, event, date, change, until, kind in rows:
        where = f"status change {number} ({event})"
        if change not in CHANGES:
            report.errors.append(f"{where}: unknown change {change!r}")
        if not is_partial_date(date or ""):
            report.errors.append(f"{where}: date {date!r} is not a date")
        if until and (not is_partial_date(until) or until < date):
            report.errors.append(f"{where}: 'until' {until!r} is not a date after {date}")
        if kind and not is_measure(kind):
            report.errors.append(f"{where}: a {kind} is not a measure and has no status")


def check_tiers(conn: sqlite3.Connection, report) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(sources)")}
    if "tier" not in columns:
        report.errors.append("sources have no tier column: rebuild the reference DB")
        return
    if "original_source_id" not in {row[1] for row in conn.execute("PRAGMA table_info(figures)")}:
        report.errors.append("figures have no original_source_id column: rebuild the reference DB")
        return
    for ident, tier in conn.execute("SELECT id, coalesce(tier, '') FROM sources ORDER BY id"):
        if tier not in TIERS:
            report.errors.append(f"source {ident} has no tier (official, filing, press, "
                                 f"secondary or editorial), got {tier!r}")
    report.source_tiers = dict(conn.execute(
        "SELECT coalesce(tier, ''), count(*) FROM sources GROUP BY 1 ORDER BY 1"))
    marks = ", ".join("?" * len(OFFICIAL))
    events = _share(conn, "SELECT count(*), sum(e.id IN (SELECT es.event_id FROM event_sources "
                          "es JOIN sources s ON s.id = es.source_id WHERE s.tier IN "
                          f"({marks}))) FROM events e", OFFICIAL)
    shares = _share(conn, f"SELECT count(*), sum(s.tier IN ({marks})) FROM figures f JOIN sources s "
                          "ON s.id = f.source_id WHERE f.metric = 'processing_share'",
                    OFFICIAL)
    traced = _share(conn, f"SELECT count(*), sum(s.tier IN ({marks}) OR o.tier IN ({marks})) "
                          "FROM figures f JOIN sources s ON s.id = f.source_id LEFT JOIN sources o "
                          "ON o.id = f.original_source_id WHERE f.metric = 'processing_share'",
                    OFFICIAL * 2)
    report.official_share = {"events": events, "processing_shares": shares,
                             "processing_shares_traced_to_official": traced}
    untraced = (f"SELECT f.mineral_id, f.stage, f.country, f.year, f.source_id FROM figures f "
                f"JOIN sources s ON s.id = f.source_id LEFT JOIN sources o ON o.id = "
                f"f.original_source_id WHERE f.metric = 'processing_share' AND s.tier NOT IN "
                f"({marks}) AND coalesce(o.tier, '') NOT IN ({marks})")
    for mineral, stage, country, year, source in conn.execute(untraced, OFFICIAL * 2):
        report.errors.append(f"processing share {mineral}/{stage}/{country}/{year} is read in "
                             f"{source} and names no official publication it comes from "
                             "(column 'original_source_id')")
    unexplained = (f"SELECT e.id FROM events e WHERE e.id NOT IN (SELECT es.event_id FROM "
                   f"event_sources es JOIN sources s ON s.id = es.source_id WHERE s.tier IN "
                   f"({marks})) AND coalesce(e.sourcing, '') = ''")
    for (ident,) in conn.execute(unexplained, OFFICIAL):
        report.errors.append(f"event {ident} rests on no official source and does not say why "
                             "(column 'sourcing')")

def _share(conn: sqlite3.Connection, query: str, params) -> float:
    total, official = conn.execute(query, params).fetchone()
    return round((official or 0) / total, 3) if total else 1.0
