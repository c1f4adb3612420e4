"""Build the reference database from ``db/sources/`` — and the one description of its schema.

The reference DB is a build artefact: ``make db`` (``briefdesk db build``) writes
``resources/reference.sqlite`` from the curated CSV tables, pycountry (ISO 3166-1 and its
translations) and country_converter (UN regions). The same inputs always give the same bytes: rows are
inserted in a fixed order, nothing records the wall clock, and the file is vacuumed in rollback-journal
mode so it can be opened read-only (``mode=ro&immutable=1``) from a read-only folder. The curated
CSV files and their columns are described in ``db/sources/FORMAT.md``.

Schema
------
Conventions. "key" is the primary key; "→ t.c" is a foreign key declared in SQLite. Empty text is
stored as "" (NULL only where said). Dates are ISO ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when
only that precision is published. ``source_id`` is the publication the row comes from
(→ sources.id, declared wherever not said otherwise). A column holding "a country or body" takes
an ISO 3166-1 alpha-3 code (countries.iso3) or a bodies.id; SQLite cannot declare a reference to
one of two tables, so ``briefdesk db check`` verifies those columns, and the aggregate codes of
``figures.country``, instead.

meta                 build facts. key: key. value. Rows: ``data_pack_version``
                     (DATA_PACK_VERSION), ``build_date`` (build_date()), ``schema_version``.
sources              one cited publication. key: id (slug). publisher, title, edition (version,
                     issue), locator (table, page or section the facts come from), published
                     (date), url, doi (a URL or a DOI is required except for this project's own
                     editorial sources), licence, note.
countries            every ISO 3166-1 entry. key: iso3. iso2, numeric (ISO codes); name (the name
                     shown: a briefing's usual form, e.g. "Russia"); iso_name (ISO short name);
                     official_name; region (continent) and subregion (UN M49 sub-region), from
                     country_converter; source_id.
aggregates           codes that stand for several countries in a figure, never a country. key:
                     code (WORLD, OTHERS, ROW, CHN+DEU+RUS). name; kind (world | remainder |
                     combined); printed_as (how sources print it, ";"-separated); members (ISO3
                     codes of a combined figure); note; source_id (not declared as a foreign key).
bodies               organisations, ministries, agencies, companies and research bodies that act
                     in events or lead or join initiatives. key: id (e.g. EU, MOFCOM). name; kind
                     (organisation | company | agency | ministry | research-body); country (ISO3
                     of its home country, or ""); source_id (not declared as a foreign key).
country_names        every name a country is found by. key: (iso3, lang, folded).
                     iso3 → countries.iso3; name (as written); folded (the name made case-, accent-,
                     width- and punctuation-insensitive by ``desktop.domain.text.fold``: what
                     lookups compare);
                     lang ("" for codes, else en, fr, es, de, ru, zh, ja, ko, it, pt, ar); kind
                     (name, iso_name, official, code, translation, or an alias kind from
                     country_aliases.csv: usgs, abbreviation, short, former, current, official,
                     everyday); source_id.
groups               standing groups of countries (G7, G20, EU-27, OECD, BRICS, Quad). key: id.
                     name, short_name, kind (forum | union | organisation | partnership), founded
                     (date), description, source_id.
group_names          curated aliases of groups ("EU"). key: (group_id, folded). group_id →
                     groups.id; name; folded; kind (abbreviation | name); lang; source_id.
group_members        dated memberships. key: id (row number). group_id → groups.id; member (a
                     country or body); role (founding-member | member | participant); joined and
                     left (dates; left "" while a member); source_id; note.
minerals             one mineral or commodity. key: id (slug, e.g. rare-earths). name; family (e.g.
                     rare-earths-heavy, battery-metals); symbols (element symbols, ";"-separated);
                     description and uses (in our words); stages (supply-chain stages,
                     ";"-separated); us_critical_2025, eu_critical_2024, eu_strategic_2024 (0/1
                     list flags); source_ids (the same ids as mineral_sources).
mineral_names        every name a mineral is found by. key: (mineral_id, folded). mineral_id →
                     minerals.id; name; folded; kind (name | id | symbol | alias).
mineral_sources      key: (mineral_id, source_id). mineral_id → minerals.id; source_id.
figures              one published number. key: id (row number). mineral_id → minerals.id; country
                     (ISO3 or an aggregates.code such as WORLD); metric (an id of
                     ``desktop.domain.metrics``); stage (as published: mining, refining, smelting,
                     metal, production, pigment, import, processing, separation, magnets, anode);
                     product (which series when a mineral has several; "" for its main one);
                     year (INTEGER, the data year; the last year of a period); period (a span the
                     figure covers, e.g. "2021–2024", else ""); value (REAL, NULL when the text has
                     no single numeric reading); value_text (exactly as printed: "W", ">75,000,000",
                     "87%"); qualifier ("" for a plain number, ">" or "<" for a bound, "range",
                     "zero" for a dash, "text", or the USGS symbol printed: W withheld, NA not
                     available, XX not applicable, E net exporter, s less than one-half unit, Large,
                     Small); unit; estimated (0/1: the source marks it as an estimate); rounded
                     (0/1: a total the source labels as rounded); note (the source's footnotes);
                     printed_country (the country name as the source printed it); source_id;
                     corrected_by → sources.id (the erratum applied to this row, NULL if none);
                     original_source_id → sources.id (the official publication a share was first
                     published in, when source_id is the report it was read in; NULL otherwise).
initiatives          partnerships, agreements, plans and other dated initiatives. key: id. name,
                     short_name, kind (e.g. partnership, agreement, action-plan, stockpile), launched
                     (date), status (e.g. active, in-force, proposed, superseded, concluded),
                     status_date (when that status was set or last confirmed), lead (a country or
                     body), successor_of (the initiatives.id it replaces, or ""), instruments and
                     minerals (";"-separated: instrument words, mineral ids), summary (our words).
initiative_sources   key: (initiative_id, source_id). initiative_id → initiatives.id; source_id.
initiative_members   dated participation. key: id (row number). initiative_id → initiatives.id;
                     member (a country or body); role (e.g. founding-member, partner, signatory,
                     chair, host, observer); joined, left (dates); source_id; note.
events               dated policy events. key: id (slug beginning with the date). date (the main
                     date, used for ordering and filters); announced, effective (when published);
                     actor (a country or body, or ""); kind (e.g. export-control, export-ban,
                     agreement); title; summary (our words); document_number (e.g. "MOFCOM
                     Announcement No. 18 of 2025"); items (what the measure covers).
event_minerals       key: (event_id, mineral_id). event_id → events.id; mineral_id → minerals.id.
event_targets        countries an event is aimed at. key: (event_id, country). event_id →
                     events.id; country → countries.iso3.
event_initiatives    key: (event_id, initiative_id). event_id → events.id; initiative_id →
                     initiatives.id.
event_sources        key: (event_id, source_id). event_id → events.id; source_id.
critical_lists       official lists of critical minerals (the US 2025 list, the EU's critical and
                     strategic raw materials). key: id. name; short_name; jurisdiction;
                     published; note; source_id → sources.id.
critical_list_entries one entry of a list as printed. key: id (row number). list_id →
                     critical_lists.id; position (number or point, e.g. "(q)"); name (as the
                     list prints it); note (a grade or scope the entry is limited to); source_id.
critical_list_minerals the cards an entry stands for (a group entry names several). key:
                     (entry_id, mineral_id). entry_id → critical_list_entries.id; mineral_id →
                     minerals.id.
event_status         a measure's dated status changes (desktop.domain.status). key: id (row
                     number). event_id → events.id; date; change (announced, effective,
                     suspended, extended, amended, lifted, lapsed, reinstated, no-decision-found);
                     until (the end of a suspension or validity); note; source_id → sources.id.
price_floors         minimum or reference prices set, agreed or proposed by policy. key: id.
                     actor (country or body code); kind (price-floor, reference-price,
                     minimum-export-price, proposal); mineral_id → minerals.id; product (as the
                     measure defines it); market_product (the USGS price series it is compared
                     with, "" when none fits); value (REAL, NULL when no number was published);
                     value_text; unit; announced; effective; until; terms; event_id → events.id
                     (NULL if none); note. mineral_id is NULL for a proposal on every critical
                     mineral.
price_floor_sources  key: (floor_id, source_id). floor_id → price_floors.id; source_id →
                     sources.id; position (1 = the source of the number or the wording).
import_dependence    a partner's published import dependence on one supplier. key: id (row
                     number). importer (ISO3, or EU for the EU-27); mineral_id → minerals.id;
                     product; supplier (ISO3); share (REAL, a fraction); share_text (as printed);
                     basis (desktop.domain.markets.BASES: supply, imports-value, imports-volume,
                     consumption, or other:<words>); year (INTEGER, the data year; NULL where the
                     publication states none); period;
                     source_id → sources.id; note.
dependence_checks    importers searched for import-dependence figures without an official one
                     found. key: importer (ISO3). checked (the day); note (what was searched).
claims               where sources disagree: another source's account of one fact, kept beside
                     the value the DB uses. key: id (row number). entity_kind (event, group,
                     member, initiative, figure, ranking); entity_id (the entity's id; for a member
                     "group:ISO3", for a figure or ranking a path such as
                     "rare-earths/refining/CHN"); field (which fact); value (the other account);
                     source_id; note.
known_discrepancies  published figures kept as printed although they do not add up (so the check
                     notes them instead of failing). key: id (row number). mineral, metric,
                     product, year, source_id (not declared as foreign keys), note.
search               the lookup index: one row per name, code, symbol, alias or event title or
                     document number. key: id (row number). kind (country | mineral | initiative |
                     group | event); entity_id; display (the entity's name as shown); name (the
                     name matched); folded; weight (how an exact match of this kind of name ranks;
                     see ``db/search_index.py``).
search_fts           FTS5 external-content index over ``search.folded`` (rowid = search.id,
                     trigram tokenizer): the lookup's substring matches (three characters or more).

Indexes: country_names(folded), group_members(member), initiative_members(member),
figures(mineral_id, metric, year), figures(country, metric), events(date), search(folded).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from db.build_markets import build_markets
from db.countries import (
    check_groups,
    country_name_rows,
    country_rows,
    dedupe_names,
    un_regions,
)
from db.search_index import search_rows
from db.tables import SOURCES_DIR, read_csv, read_merged, read_optional, split_list
from desktop.domain.text import fold

DATA_PACK_VERSION = "2026.12.02"
DATA_PACK_DATE = "2026-12-02"  # when the curated tables were last revised
SCHEMA_VERSION = "2"
SOURCE_FK = ("source_id", "sources", "id")
FIGURE_FILES = ("usgs_mcs2026_figures.csv", "usgs_rare_earths_series.csv")


def build(out_path: Path, sources_dir: Path = SOURCES_DIR) -> dict[str, float]:
    """Write the reference DB to ``out_path`` (replacing it atomically); return timings."""
    import sqlite_utils  # build-time dependency

    started = time.perf_counter()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = out_path.with_name(out_path.name + ".building")
    tmp_path.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp_path)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        _build_tables(sqlite_utils.Database(conn), sources_dir)
        conn.commit()
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
        conn.close()
    except BaseException:
        conn.close()
        tmp_path.unlink(missing_ok=True)  # a failed build leaves the previous DB untouched
        raise
    tmp_path.replace(out_path)
    return {"seconds": time.perf_counter() - started, "bytes": out_path.stat().st_size}


def build_date() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible-builds convention), else the data-pack date."""
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    return DATA_PACK_DATE


def _insert(db, table: str, rows: Iterable[dict], pk, foreign_keys=(), columns=None) -> None:
    rows = list(rows)
    db[table].create(columns or _columns(rows), pk=pk, foreign_keys=list(foreign_keys))
    if rows:
        db[table].insert_all(rows, batch_size=2000)


def _columns(rows: list[dict]) -> dict:
    if not rows:
        raise ValueError("cannot infer the columns of an empty table")
    types = {}
    for key in rows[0]:
        sample = next((row[key] for row in rows if row[key] is not None), "")
        types[key] = float if isinstance(sample, float) else int if isinstance(sample, int) else str
    return types


def _build_tables(db, sources_dir: Path) -> None:
    sources = sorted(read_merged(sources_dir, "sources"), key=lambda row: row["id"])
    _insert(db, "sources", sources, pk="id")
    _insert(db, "meta", [
        {"key": "data_pack_version", "value": DATA_PACK_VERSION},
        {"key": "build_date", "value": build_date()},
        {"key": "schema_version", "value": SCHEMA_VERSION},
    ], pk="key")

    countries = country_rows(un_regions(), sources_dir)
    _insert(db, "countries", countries, pk="iso3", foreign_keys=[("source_id", "sources", "id")])
    aggregates = sorted(read_csv(sources_dir / "aggregates.csv"), key=lambda row: row["code"])
    _insert(db, "aggregates", aggregates, pk="code")
    bodies = sorted(read_merged(sources_dir, "bodies"), key=lambda row: row["id"])
    _insert(db, "bodies", bodies, pk="id", columns={
        "id": str, "name": str, "kind": str, "country": str, "source_id": str})
    names = dedupe_names(country_name_rows(countries, sources_dir))
    _insert(db, "country_names", names, pk=("iso3", "lang", "folded"),
            foreign_keys=[("iso3", "countries", "iso3"), SOURCE_FK])
    db["country_names"].create_index(["folded"])

    groups = sorted(read_csv(sources_dir / "groups.csv"), key=lambda row: row["id"])
    _insert(db, "groups", groups, pk="id", foreign_keys=[SOURCE_FK])
    _insert(db, "group_names", _group_name_rows(read_optional(sources_dir, "group_aliases.csv")),
            pk=("group_id", "folded"), foreign_keys=[("group_id", "groups", "id"), SOURCE_FK],
            columns={"group_id": str, "name": str, "folded": str, "kind": str, "lang": str,
                     "source_id": str})
    group_members = read_csv(sources_dir / "group_members.csv")
    check_groups(group_members)
    _insert(db, "group_members", _numbered(group_members),
            pk="id", foreign_keys=[("group_id", "groups", "id"), SOURCE_FK])
    db["group_members"].create_index(["member"])

    minerals = _mineral_rows(read_csv(sources_dir / "minerals.csv"))
    _insert(db, "minerals", [m for m, _ in minerals], pk="id")
    _insert(db, "mineral_names", [n for _, ns in minerals for n in ns], pk=("mineral_id", "folded"),
            foreign_keys=[("mineral_id", "minerals", "id")])
    _insert(db, "mineral_sources",
            [{"mineral_id": m["id"], "source_id": s} for m, _ in minerals
             for s in split_list(m["source_ids"])],
            pk=("mineral_id", "source_id"), foreign_keys=[("mineral_id", "minerals", "id"),
                                                          SOURCE_FK])

    _insert(db, "figures", _numbered(_figure_rows(sources_dir)), pk="id",
            foreign_keys=[("mineral_id", "minerals", "id"), SOURCE_FK,
                          ("corrected_by", "sources", "id"),
                          ("original_source_id", "sources", "id")])
    db["figures"].create_index(["mineral_id", "metric", "year"])
    db["figures"].create_index(["country", "metric"])

    initiatives = sorted(read_csv(sources_dir / "initiatives.csv"), key=lambda row: row["id"])
    _insert(db, "initiatives", [{k: v for k, v in row.items() if k != "source_ids"}
                                for row in initiatives], pk="id")
    _insert(db, "initiative_sources", _links(initiatives, "initiative_id", "source_ids",
                                             "source_id"),
            pk=("initiative_id", "source_id"),
            foreign_keys=[("initiative_id", "initiatives", "id"), SOURCE_FK])
    _insert(db, "initiative_members", _numbered(read_csv(sources_dir / "initiative_members.csv")),
            pk="id", foreign_keys=[("initiative_id", "initiatives", "id"), SOURCE_FK])
    db["initiative_members"].create_index(["member"])

    _build_events(db, sources_dir)
    _build_lists(db, sources_dir)
    build_markets(db, sources_dir, _insert)
    claims = []
    for path in sorted(sources_dir.glob("claims_*.csv")):
        claims.extend(read_csv(path))
    _insert(db, "claims", _numbered(claims), pk="id", foreign_keys=[SOURCE_FK], columns={
        "id": int, "entity_kind": str, "entity_id": str, "field": str, "value": str,
        "source_id": str, "note": str})

    _insert(db, "known_discrepancies", _numbered(read_csv(sources_dir / "known_discrepancies.csv")),
            pk="id", columns={"id": int, "mineral": str, "metric": str, "product": str,
                              "year": str, "source_id": str, "note": str})

    search = search_rows(db.conn)
    _insert(db, "search", _numbered(search), pk="id")
    db["search"].create_index(["folded"])
    db.conn.execute("CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search', "
                    "content_rowid='id', tokenize='trigram')")
    db.conn.execute("INSERT INTO search_fts(rowid, folded) SELECT id, folded FROM search")


def _numbered(rows: Iterable[dict]) -> list[dict]:
    return [{"id": number, **row} for number, row in enumerate(rows, start=1)]


def _links(rows: list[dict], left: str, column: str, right: str) -> list[dict]:
    out, seen = [], set()
    for row in rows:
        for value in split_list(row[column]):
            if (row["id"], value) not in seen:
                seen.add((row["id"], value))
                out.append({left: row["id"], right: value})
    return out


def _group_name_rows(aliases: list[dict]) -> list[dict]:
    """Curated group aliases ("EU", "European Union"), one row per group and folded name."""
    rows, seen = [], set()
    for alias in aliases:
        key = fold(alias["alias"])
        if key and (alias["group_id"], key) not in seen:
            seen.add((alias["group_id"], key))
            rows.append({"group_id": alias["group_id"], "name": alias["alias"], "folded": key,
                         "kind": alias["kind"], "lang": alias["lang"],
                         "source_id": alias["source_id"]})
    return sorted(rows, key=lambda row: (row["group_id"], row["folded"]))


def _mineral_rows(rows: list[dict]) -> list[tuple[dict, list[dict]]]:
    out = []
    for row in sorted(rows, key=lambda r: r["id"]):
        mineral = {k: v for k, v in row.items() if k != "aliases"}
        for flag in ("us_critical_2025", "eu_critical_2024", "eu_strategic_2024"):
            mineral[flag] = int(mineral[flag] or 0)
        names, seen = [], set()
        candidates = [("name", row["name"]), ("id", row["id"]), ("id", row["id"].replace("-", " "))]
        candidates += [("symbol", s) for s in split_list(row["symbols"])]
        candidates += [("alias", a) for a in split_list(row["aliases"])]
        for kind, name in candidates:
            key = fold(name)
            if key and key not in seen:
                seen.add(key)
                names.append({"mineral_id": row["id"], "name": name, "folded": key, "kind": kind})
        out.append((mineral, names))
    return out


def _figure_rows(sources_dir: Path) -> list[dict]:
    rows = []
    for name in FIGURE_FILES:
        rows.extend(read_optional(sources_dir, name))
    for row in read_optional(sources_dir, "processing_shares.csv"):
        rows.append({**row, "metric": "processing_share", "usgs_country": "", "period": "",
                     "qualifier": "", "rounded": "0"})
    out = []
    for row in rows:
        value = row.get("value", "")
        out.append({
            "mineral_id": row["mineral"], "country": row["country"], "metric": row["metric"],
            "stage": row["stage"], "product": row.get("product", ""), "year": int(row["year"]),
            "period": row.get("period", ""), "value": float(value) if value else None,
            "value_text": row.get("value_text", ""), "qualifier": row.get("qualifier", ""),
            "unit": row["unit"], "estimated": int(row.get("estimated") or 0),
            "rounded": int(row.get("rounded") or 0), "note": row.get("note", ""),
            "printed_country": row.get("usgs_country", ""), "source_id": row["source_id"],
            "corrected_by": row.get("corrected_by") or None,
            "original_source_id": row.get("original_source_id") or None,
        })
    return out


def _build_lists(db, sources_dir: Path) -> None:
    lists = read_optional(sources_dir, "critical_lists.csv")
    _insert(db, "critical_lists", lists, pk="id", foreign_keys=[SOURCE_FK],
            columns={"id": str, "name": str, "short_name": str, "jurisdiction": str,
                     "published": str, "note": str, "source_id": str})
    entries = read_optional(sources_dir, "critical_list_entries.csv")
    _insert(db, "critical_list_entries",
            [{"id": number, **{k: row[k] for k in ("list_id", "position", "name", "note",
                                                   "source_id")}}
             for number, row in enumerate(entries, start=1)], pk="id",
            foreign_keys=[("list_id", "critical_lists", "id"), SOURCE_FK],
            columns={"id": int, "list_id": str, "position": str, "name": str, "note": str,
                     "source_id": str})
    _insert(db, "critical_list_minerals",
            [{"entry_id": number, "mineral_id": mineral}
             for number, row in enumerate(entries, start=1)
             for mineral in split_list(row["minerals"])], pk=("entry_id", "mineral_id"),
            foreign_keys=[("entry_id", "critical_list_entries", "id"),
                          ("mineral_id", "minerals", "id")],
            columns={"entry_id": int, "mineral_id": str})


def _build_events(db, sources_dir: Path) -> None:
    events = sorted(read_optional(sources_dir, "events.csv"), key=lambda row: row["id"])
    columns = {"id": str, "date": str, "announced": str, "effective": str, "actor": str,
               "kind": str, "title": str, "summary": str, "document_number": str, "items": str,
               "sourcing": str}
    _insert(db, "events", [{k: row.get(k, "") for k in columns} for row in events], pk="id",
            columns=columns)
    db["events"].create_index(["date"])
    for table, column, key, target in (
            ("event_minerals", "minerals", "mineral_id", ("minerals", "id")),
            ("event_targets", "targets", "country", ("countries", "iso3")),
            ("event_initiatives", "initiatives", "initiative_id", ("initiatives", "id")),
            ("event_sources", "source_ids", "source_id", ("sources", "id"))):
        _insert(db, table, _links(events, "event_id", column, key), pk=("event_id", key),
                foreign_keys=[("event_id", "events", "id"), (key, *target)],
                columns={"event_id": str, key: str})
    changes = read_optional(sources_dir, "event_status.csv")
    columns = {"id": int, "event_id": str, "date": str, "change": str, "until": str, "note": str,
               "source_id": str}
    _insert(db, "event_status",
            [{"id": number, **{k: row.get(k, "") for k in columns if k != "id"}}
             for number, row in enumerate(sorted(changes, key=lambda r: (r["event_id"],
                                                                         r["date"])), start=1)],
            pk="id", foreign_keys=[("event_id", "events", "id"), SOURCE_FK], columns=columns)
    db["event_status"].create_index(["event_id"])
