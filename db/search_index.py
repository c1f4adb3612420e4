"""Rows of the lookup index: every name, code and alias of every entity, with a weight.

Weights order equally good matches: a country's or mineral's own name outranks an alias, an alias
outranks an event title. The lookup adds its own match-quality score on top.
"""

from __future__ import annotations

import sqlite3

from desktop.domain.text import fold

WEIGHTS = {"name": 10, "code": 9, "symbol": 9, "id": 8, "short_name": 9, "iso_name": 8,
           "official": 7, "translation": 7, "alias": 7, "usgs": 7, "abbreviation": 8,
           "current": 8, "former": 6, "short": 7, "everyday": 7, "title": 4}


def search_rows(conn: sqlite3.Connection) -> list[dict]:
    rows: list[dict] = []
    seen: set[tuple[str, str, str]] = set()

    def add(kind: str, entity_id: str, display: str, name: str, name_kind: str) -> None:
        key = fold(name)
        if not key or (kind, entity_id, key) in seen:
            return
        seen.add((kind, entity_id, key))
        rows.append({"kind": kind, "entity_id": entity_id, "display": display, "name": name,
                     "folded": key, "weight": WEIGHTS.get(name_kind, 5)})

    countries = dict(conn.execute("SELECT iso3, name FROM countries ORDER BY iso3"))
    for iso3, name, kind in conn.execute(
            "SELECT iso3, name, kind FROM country_names ORDER BY iso3, folded"):
        add("country", iso3, countries[iso3], name, kind)
    minerals = dict(conn.execute("SELECT id, name FROM minerals ORDER BY id"))
    for mineral_id, name, kind in conn.execute(
            "SELECT mineral_id, name, kind FROM mineral_names ORDER BY mineral_id, folded"):
        add("mineral", mineral_id, minerals[mineral_id], name, kind)
    for ident, name, short in conn.execute(
            "SELECT id, name, short_name FROM initiatives ORDER BY id"):
        add("initiative", ident, name, name, "name")
        if short:
            add("initiative", ident, name, short, "short_name")
        add("initiative", ident, name, ident, "id")
    for ident, name, short in conn.execute("SELECT id, name, short_name FROM groups ORDER BY id"):
        add("group", ident, name, name, "name")
        add("group", ident, name, short or ident, "short_name")
    for ident, title in conn.execute("SELECT id, title FROM events ORDER BY id"):
        add("event", ident, title, title, "title")
    return rows
