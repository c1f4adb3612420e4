"""Queries over the reference DB, returning domain objects (never rows).

One repository per connection. Small lookup tables (sources, display names) are read once and kept,
because every card needs them and the DB never changes while the app runs.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property

from desktop.domain.models import (
    Claim,
    Country,
    CriticalList,
    Event,
    Figure,
    Group,
    Initiative,
    ListEntry,
    Membership,
    Mineral,
    Source,
    missing_source,
)
from desktop.domain.status import StatusChange
from desktop.reference.connection import where_equal
from desktop.reference.markets import MarketsReader

SOURCE_COLUMNS = ("id, publisher, title, edition, locator, published, url, doi, licence, tier, "
                  "accessed, note")


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(";") if p.strip()]


def _date_key(date: str | None) -> tuple[bool, str]:
    """Sort key for a partial ISO date: undated last, and "2022" after "2022-06-14".

    A year-only or month-only date means "some time in that period", so it is placed at the end
    of the period rather than before every exact date in it (plain string order would put a
    partner who joined in "2022" ahead of the founders of 14 June 2022).
    """
    if not date:
        return (True, "")
    return (False, date + "-99-99"[len(date) - 4:] if len(date) < 10 else date)


def _member_order(member: Membership) -> tuple[bool, bool, tuple[bool, str], str]:
    """Chairs, then founders, then members by joining date (undated last), then by name."""
    return (member.role != "chair", member.role != "founding-member", _date_key(member.joined),
            member.member_name.casefold())


class ReferenceRepository:
    """Read-only queries; every method uses bound parameters."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._columns: dict[tuple[str, str], bool] = {}

    # -- small tables, read once -------------------------------------------------------------
    @cached_property
    def meta(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM meta"))

    @cached_property
    def _sources(self) -> dict[str, Source]:
        rows = self._conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources")
        return {row[0]: Source(*row) for row in rows}

    @cached_property
    def display_names(self) -> dict[str, str]:
        """Code -> name for countries, aggregates, bodies, groups and initiatives."""
        names: dict[str, str] = {}
        for sql in ("SELECT id, name FROM initiatives", "SELECT id, name FROM groups",
                    "SELECT id, name FROM bodies", "SELECT code, name FROM aggregates",
                    "SELECT iso3, name FROM countries"):
            names.update(self._conn.execute(sql))
        return names

    @cached_property
    def _mineral_names(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT id, name FROM minerals"))

    def name_of_mineral(self, mineral_id: str) -> str:
        return self._mineral_names.get(mineral_id, mineral_id)

    def source(self, source_id: str) -> Source | None:
        return self._sources.get(source_id)

    def sources(self, ids: list[str]) -> list[Source]:
        return [self._sources[i] for i in ids if i in self._sources]

    @cached_property
    def _body_countries(self) -> dict[str, str]:
        return {k: v for k, v in self._conn.execute("SELECT id, country FROM bodies") if v}

    def body_country(self, code: str) -> str:
        """The country a body (a ministry, agency or company) belongs to, or ''."""
        return self._body_countries.get(code, "")

    def name_of(self, code: str) -> str:
        return self.display_names.get(code, code)

    def kind_of(self, code: str) -> str:
        """'country', 'aggregate', 'body', 'group', 'initiative' or '' for an unknown code."""
        for kind, sql in (("country", "SELECT 1 FROM countries WHERE iso3 = ?"),
                          ("aggregate", "SELECT 1 FROM aggregates WHERE code = ?"),
                          ("body", "SELECT 1 FROM bodies WHERE id = ?"),
                          ("group", "SELECT 1 FROM groups WHERE id = ?"),
                          ("initiative", "SELECT 1 FROM initiatives WHERE id = ?")):
            if self._conn.execute(sql, (code,)).fetchone():
                return kind
        return ""

    # -- countries ---------------------------------------------------------------------------
    def country(self, iso3: str) -> Country | None:
        row = self._conn.execute(
            "SELECT iso3, iso2, numeric, name, official_name, region, subregion FROM countries "
            "WHERE iso3 = ?", (iso3.upper(),)).fetchone()
        if row is None:
            return None
        names: dict[str, list[str]] = {}
        for name, lang in self._conn.execute(
                "SELECT name, lang FROM country_names WHERE iso3 = ? AND kind != 'code' "
                "ORDER BY lang, name", (row[0],)):
            names.setdefault(lang or "en", []).append(name)
        return Country(*row, names=names)

    def countries(self) -> list[tuple[str, str]]:
        return list(self._conn.execute("SELECT iso3, name FROM countries ORDER BY name"))

    def memberships(self, member: str) -> list[Membership]:
        """Groups and initiatives a country or body belongs to (or belonged to), with dates."""
        out = []
        for table, key, container, kind in (
                ("group_members", "group_id", "groups", "group"),
                ("initiative_members", "initiative_id", "initiatives", "initiative")):
            rows = self._conn.execute(
                f"SELECT m.{key}, c.name, m.member, m.role, m.joined, m.left, m.source_id, "
                f"m.note FROM {table} m JOIN {container} c ON c.id = m.{key} "
                "WHERE m.member = ?", (member,))
            # Same date order as member lists: undated last, "2022" after "2022-06-14".
            rows = sorted(rows, key=lambda r: (_date_key(r[4]), r[1]))
            for cid, cname, mem, role, joined, left, source_id, note in rows:
                out.append(Membership(kind, cid, cname, mem, self.name_of(mem), role, joined,
                                      left, self.source(source_id), note,
                                      "country" if mem in self._country_codes else "body"))
        return out

    # -- minerals ----------------------------------------------------------------------------
    def mineral(self, mineral_id: str) -> Mineral | None:
        row = self._conn.execute(
            "SELECT id, name, family, symbols, description, uses, stages, us_critical_2025, "
            "eu_critical_2024, eu_strategic_2024, source_ids FROM minerals WHERE id = ?",
            (mineral_id,)).fetchone()
        if row is None:
            return None
        aliases = [name for (name,) in self._conn.execute(
            "SELECT name FROM mineral_names WHERE mineral_id = ? AND kind = 'alias' "
            "ORDER BY name", (mineral_id,))]
        note = self._conn.execute("SELECT figures_note FROM minerals WHERE id = ?", (
            mineral_id,)).fetchone()[0] if self._has_column("minerals", "figures_note") else ""
        return Mineral(row[0], row[1], row[2], _split(row[3]), row[4], _split(row[5]),
                       _split(row[6]), bool(row[7]), bool(row[8]), bool(row[9]), aliases,
                       self.sources(_split(row[10])), note or "")

    def _has_column(self, table: str, column: str) -> bool:
        """Older data packs lack the newer columns; they read as empty."""
        key = (table, column)
        if key not in self._columns:
            self._columns[key] = any(row[1] == column for row in self._conn.execute(
                f"PRAGMA table_info({table})"))
        return self._columns[key]

    def minerals(self) -> list[tuple[str, str, str]]:
        return list(self._conn.execute("SELECT id, name, family FROM minerals ORDER BY name"))

    @cached_property
    def _groups_of(self) -> dict[str, list[str]]:
        """Mineral -> the group commodities that contain it, read from the families: a heavy
        rare earth (family rare-earths-heavy) is in heavy-rare-earths and in rare-earths, a
        platinum-group metal in platinum-group-metals."""
        rows = self.minerals()
        ids = {ident for ident, _name, _family in rows}
        out: dict[str, list[str]] = {}
        for ident, _name, family in rows:
            head, _, tail = family.rpartition("-")
            candidates = (family, f"{tail}-{head}" if head else "",
                          "rare-earths" if family.startswith("rare-earths") else "")
            out[ident] = [g for g in dict.fromkeys(candidates) if g in ids and g != ident]
        return out

    def groups_of_mineral(self, mineral: str) -> list[str]:
        return self._groups_of.get(mineral, [])

    def members_of_group(self, mineral: str) -> list[str]:
        """The minerals a group commodity contains (none for a single element)."""
        return sorted(m for m, groups in self._groups_of.items() if mineral in groups)

    # -- figures -----------------------------------------------------------------------------
    def figures(self, mineral: str | None = None, country: str | None = None,
                metric: str | None = None, year: int | None = None,
                stage: str | None = None) -> list[Figure]:
        where, params = where_equal((("mineral_id", mineral), ("country", country),
                                     ("metric", metric), ("year", year), ("stage", stage)))
        rows = self._conn.execute(
            "SELECT mineral_id, country, metric, stage, product, year, value, value_text, "
            "qualifier, unit, estimated, rounded, note, source_id, period, corrected_by, "
            "original_source_id "
            "FROM figures "
            f"{where} ORDER BY mineral_id, metric, product, year, "
            "country NOT IN (SELECT iso3 FROM countries), value IS NULL, value DESC, country",
            params)
        return [Figure(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10]),
                       bool(r[11]), r[12], self._source_or_missing(r[13]), r[14],
                       self.name_of(r[1]), self._sources.get(r[15]) if r[15] else None,
                       r[1] in self._country_codes,
                       self._sources.get(r[16]) if r[16] else None)
                for r in rows]

    def _source_or_missing(self, source_id: str) -> Source:
        return self._sources.get(source_id) or missing_source(source_id)

    def minerals_with_figures(self, country: str) -> list[str]:
        """Minerals for which a country (or aggregate) has at least one figure."""
        return [m for (m,) in self._conn.execute(
            "SELECT DISTINCT mineral_id FROM figures WHERE country = ? ORDER BY mineral_id",
            (country,))]

    def metrics(self, mineral: str) -> list[tuple[str, str, int]]:
        """(metric, product, latest year) series that a mineral has figures for."""
        return list(self._conn.execute(
            "SELECT metric, product, MAX(year) FROM figures WHERE mineral_id = ? "
            "GROUP BY metric, product ORDER BY metric, product", (mineral,)))

    # -- groups and initiatives --------------------------------------------------------------
    def _members(self, table: str, key: str, container_id: str, container_name: str,
                 kind: str) -> list[Membership]:
        rows = self._conn.execute(
            f"SELECT member, role, joined, left, source_id, note FROM {table} WHERE {key} = ?",
            (container_id,))
        members = [Membership(kind, container_id, container_name, m, self.name_of(m), role,
                              joined, left, self.source(src), note,
                              "country" if m in self._country_codes else "body")
                   for m, role, joined, left, src, note in rows]
        return sorted(members, key=_member_order)

    def is_country(self, code: str) -> bool:
        return code in self._country_codes

    @cached_property
    def _country_codes(self) -> frozenset[str]:
        return frozenset(c for (c,) in self._conn.execute("SELECT iso3 FROM countries"))

    def group(self, group_id: str) -> Group | None:
        row = self._conn.execute(
            "SELECT id, name, short_name, kind, founded, description, source_id FROM groups "
            "WHERE id = ?", (group_id,)).fetchone()
        if row is None:
            return None
        members = self._members("group_members", "group_id", row[0], row[1], "group")
        return Group(*row[:6], members=members, source=self.source(row[6]))

    def groups(self) -> list[tuple[str, str]]:
        return list(self._conn.execute("SELECT id, name FROM groups ORDER BY name"))

    def initiative(self, initiative_id: str) -> Initiative | None:
        row = self._conn.execute(
            "SELECT id, name, short_name, kind, launched, status, status_date, lead, "
            "successor_of, instruments, minerals, summary FROM initiatives WHERE id = ?",
            (initiative_id,)).fetchone()
        if row is None:
            return None
        source_ids = [s for (s,) in self._conn.execute(
            "SELECT source_id FROM initiative_sources WHERE initiative_id = ? ORDER BY rowid",
            (initiative_id,))]
        members = self._members("initiative_members", "initiative_id", row[0], row[1],
                                "initiative")
        return Initiative(*row[:9], _split(row[9]), _split(row[10]), row[11], members,
                          self.sources(source_ids))

    def initiatives(self) -> list[Initiative]:
        ids = [i for (i,) in self._conn.execute("SELECT id FROM initiatives ORDER BY launched, id")]
        return [self.initiative(i) for i in ids]  # type: ignore[misc]

    # -- events ------------------------------------------------------------------------------
    def events(self, country: str | None = None, mineral: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               kind: str | tuple[str, ...] | None = None, initiative: str | None = None
               ) -> list[Event]:
        clauses, params = [], []
        if country:
            # Most Chinese controls are issued by MOFCOM, not "CHN"; a country's events therefore
            # include those whose actor is one of its bodies (ministries, agencies, companies).
            clauses.append("(e.actor = ? OR e.actor IN (SELECT id FROM bodies WHERE country = ?) "
                           "OR e.id IN (SELECT event_id FROM event_targets WHERE country = ?))")
            params += [country, country, country]
        if mineral:
            # A group commodity's events include those about its elements: China's April 2025
            # controls name seven heavy rare earths, and belong on the rare-earths card too.
            wanted = [mineral, *self.members_of_group(mineral)]
            clauses.append("e.id IN (SELECT event_id FROM event_minerals WHERE mineral_id IN "
                           f"({', '.join('?' * len(wanted))}))")
            params += wanted
        if initiative:
            clauses.append("e.id IN (SELECT event_id FROM event_initiatives "
                           "WHERE initiative_id = ?)")
            params.append(initiative)
        if date_from:
            clauses.append("e.date >= ?")
            params.append(date_from)
        if date_to:
            clauses.append("substr(e.date, 1, length(?)) <= ?")
            params += [date_to, date_to]
        if kind:
            kinds = [kind] if isinstance(kind, str) else list(kind)
            clauses.append(f"e.kind IN ({', '.join('?' * len(kinds))})")
            params += kinds
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        ids = [i for (i,) in self._conn.execute(
            f"SELECT e.id FROM events e {where} ORDER BY e.date, e.id", params)]
        return [self._event(i) for i in ids]

    def event(self, event_id: str) -> Event | None:
        exists = self._conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone()
        return self._event(event_id) if exists else None

    def _event(self, event_id: str) -> Event:
        row = self._conn.execute(
            "SELECT id, date, announced, effective, actor, kind, title, summary, "
            "document_number, items FROM events WHERE id = ?", (event_id,)).fetchone()
        sourcing = self._conn.execute("SELECT sourcing FROM events WHERE id = ?", (
            event_id,)).fetchone()[0] if self._has_column("events", "sourcing") else ""

        def linked(table: str, column: str) -> list[str]:
            return [v for (v,) in self._conn.execute(
                f"SELECT {column} FROM {table} WHERE event_id = ? ORDER BY rowid", (event_id,))]

        return Event(*row, minerals=linked("event_minerals", "mineral_id"),
                     targets=linked("event_targets", "country"),
                     initiatives=linked("event_initiatives", "initiative_id"),
                     sources=self.sources(linked("event_sources", "source_id")),
                     status_changes=self._status_changes(event_id), sourcing=sourcing or "")

    def _status_changes(self, event_id: str) -> tuple[StatusChange, ...]:
        if not self._has_status_table:
            return ()
        return tuple(StatusChange(date, change, until, note, self.source(source_id))
                     for date, change, until, note, source_id in self._conn.execute(
                         "SELECT date, change, until, note, source_id FROM event_status "
                         "WHERE event_id = ? ORDER BY date, id", (event_id,)))

    @cached_property
    def _has_status_table(self) -> bool:
        """Data packs built before status changes were recorded have no such table."""
        return self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                  "name = 'event_status'").fetchone() is not None

    # -- lists of critical minerals ------------------------------------------------------------
    @cached_property
    def critical_lists(self) -> tuple[CriticalList, ...]:
        """The official lists (US 2025, EU critical, EU strategic) with their entries."""
        tables = {t for (t,) in self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "critical_lists" not in tables:
            return ()
        minerals: dict[int, list[str]] = {}
        for entry_id, mineral in self._conn.execute(
                "SELECT entry_id, mineral_id FROM critical_list_minerals ORDER BY rowid"):
            minerals.setdefault(entry_id, []).append(mineral)
        entries: dict[str, list[ListEntry]] = {}
        for entry_id, list_id, position, name, note in self._conn.execute(
                "SELECT id, list_id, position, name, note FROM critical_list_entries "
                "ORDER BY id"):
            entries.setdefault(list_id, []).append(
                ListEntry(list_id, position, name, tuple(minerals.get(entry_id, ())), note))
        return tuple(CriticalList(*row[:6], self.source(row[6]), tuple(entries.get(row[0], ())))
                     for row in self._conn.execute(
                         "SELECT id, name, short_name, jurisdiction, published, note, source_id "
                         "FROM critical_lists ORDER BY rowid"))

    @cached_property
    def markets(self) -> MarketsReader:
        """Price floors and partners' import dependence."""
        return MarketsReader(self._conn, self._source_or_missing)

    def claims(self, entity_kind: str, entity_id: str) -> list[Claim]:
        rows = self._conn.execute(
            "SELECT field, value, note, source_id FROM claims WHERE entity_kind = ? "
            "AND entity_id = ? ORDER BY id", (entity_kind, entity_id))
        return [Claim(f, v, n, self.source(s)) for f, v, n, s in rows]
