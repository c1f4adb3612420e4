"""``db check`` for the policy register: every event's kind is one the app knows, and every
dated status change is well formed and belongs to a measure (``desktop.domain.status``)."""

from __future__ import annotations

import sqlite3

from desktop.domain.event_kinds import BY_ID as EVENT_KINDS
from desktop.domain.event_kinds import is_measure
from desktop.domain.status import CHANGES
from desktop.domain.text import is_partial_date


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
