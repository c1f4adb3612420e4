"""The reference DB build: deterministic, keyed, indexed, and holding what the issue asks for."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from db.build import build

REQUIRED_INITIATIVES = {
    "msp", "forge", "pax-silica", "g7-critical-minerals-action-plan", "g7-finance-washington-2026",
    "us-plurilateral-critical-minerals", "quad-critical-minerals-initiative", "eu-crma",
    "us-japan-cma-2023", "us-australia-framework-2025", "dod-mp-materials-ndpr-floor",
    "japan-jogmec-diversification", "realloys-src-heavy-ree-plant",
}


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_is_byte_identical(tmp_path, reference_path):
    again = tmp_path / "again.sqlite"
    build(again)
    assert _digest(again) == _digest(reference_path)


@pytest.fixture()
def db(reference_path):
    conn = sqlite3.connect(f"file:{reference_path}?mode=ro", uri=True)
    yield conn
    conn.close()


def count(db, sql, *params) -> int:
    return db.execute(sql, params).fetchone()[0]


def test_minimum_contents(db):
    assert count(db, "SELECT count(*) FROM countries") == 249
    assert count(db, "SELECT count(*) FROM minerals WHERE us_critical_2025 = 1") >= 65
    assert count(db, "SELECT count(*) FROM initiatives") >= 25
    assert count(db, "SELECT count(*) FROM events") >= 60
    ids = {i for (i,) in db.execute("SELECT id FROM initiatives")}
    assert REQUIRED_INITIATIVES <= ids


LINKS = {
    "figures": {"minerals", "sources"}, "countries": {"sources"},
    "country_names": {"countries", "sources"}, "group_members": {"groups", "sources"},
    "initiative_members": {"initiatives", "sources"},
    "initiative_sources": {"initiatives", "sources"}, "mineral_sources": {"minerals", "sources"},
    "event_sources": {"events", "sources"}, "event_minerals": {"events", "minerals"},
    "event_targets": {"events", "countries"}, "event_initiatives": {"events", "initiatives"},
    "claims": {"sources"}, "groups": {"sources"},
}


@pytest.mark.parametrize("table", sorted(LINKS))
def test_link_tables_declare_their_foreign_keys(db, table):
    fks = db.execute(f"SELECT * FROM pragma_foreign_key_list('{table}')").fetchall()
    assert {row[2] for row in fks} == LINKS[table]


def test_foreign_keys_hold(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_keys_and_full_text_index(db):
    pk = [r for r in db.execute("PRAGMA table_info(countries)") if r[5]]
    assert [r[1] for r in pk] == ["iso3"]
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").fetchone()[0]
    assert "fts5" in sql and "trigram" in sql
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_country_names_in_eight_languages(db):
    langs = {lang for (lang,) in db.execute(
        "SELECT DISTINCT lang FROM country_names WHERE iso3 = 'JPN'")}
    assert {"en", "fr", "es", "de", "ru", "zh", "ja", "ko"} <= langs
    names = {n for (n,) in db.execute("SELECT name FROM country_names WHERE iso3 = 'DEU'")}
    assert {"Allemagne", "Alemania", "Deutschland", "Германия"} <= names


@pytest.mark.parametrize("alias,iso3", [
    ("Burma", "MMR"), ("Congo (Kinshasa)", "COD"), ("Korea, Republic of", "KOR"),
    ("Korea, North", "PRK"), ("Côte d’Ivoire", "CIV"), ("UK", "GBR"), ("USA", "USA"),
    ("DRC", "COD"), ("PRC", "CHN"), ("ROK", "KOR"), ("UAE", "ARE"), ("Türkiye", "TUR"),
    ("Czechia", "CZE"),
])
def test_aliases_resolve(db, alias, iso3):
    from desktop.domain.text import fold

    assert (iso3,) in db.execute("SELECT iso3 FROM country_names WHERE folded = ?",
                                 (fold(alias),)).fetchall()


def test_aggregates_are_never_countries(db):
    aggregates = {c for (c,) in db.execute("SELECT code FROM aggregates")}
    assert {"WORLD", "OTHERS"} <= aggregates
    assert count(db, "SELECT count(*) FROM countries WHERE iso3 IN ('WORLD', 'OTHERS')") == 0
    assert count(db, "SELECT count(*) FROM figures WHERE country = 'WORLD'") > 50
    assert count(db, "SELECT count(*) FROM country_names WHERE folded LIKE 'world total%'") == 0


def test_figures_cover_production_reserves_reliance_and_imports(db):
    metrics = {m for (m,) in db.execute("SELECT DISTINCT metric FROM figures")}
    assert {"mine_production", "refinery_production", "smelter_production", "reserves",
            "capacity", "net_import_reliance", "import_source_share",
            "processing_share"} <= metrics
    years = {y for (y,) in db.execute(
        "SELECT DISTINCT year FROM figures WHERE metric = 'net_import_reliance'")}
    assert {2021, 2022, 2023, 2024, 2025} <= years
    assert count(db, "SELECT count(*) FROM figures WHERE value_text = 'W'") > 0


def test_long_rare_earth_series(db):
    world = dict(db.execute("SELECT year, value FROM figures WHERE mineral_id = 'rare-earths' "
                            "AND metric = 'mine_production' AND country = 'WORLD' "
                            "AND source_id = 'usgs-ds140-rare-earths'"))
    assert min(world) == 1900 and world[1900] == 1040
    china = {y for (y,) in db.execute(
        "SELECT year FROM figures WHERE mineral_id = 'rare-earths' AND country = 'CHN' "
        "AND metric = 'mine_production'")}
    assert {2018, 2022, 2024, 2025} <= china


def test_processing_shares_cover_the_required_minerals(db):
    minerals = {m for (m,) in db.execute(
        "SELECT DISTINCT mineral_id FROM figures WHERE metric = 'processing_share'")}
    assert {"rare-earths", "lithium", "cobalt", "graphite", "nickel", "copper"} <= minerals


def test_processing_shares_carry_a_data_year_and_their_official_original(db):
    """A share read in a report names the official publication it comes from, and its year is
    the data year the source states, never the year the report appeared."""
    rows = db.execute(
        "SELECT f.mineral_id, f.stage, f.country, f.year, f.note, s.tier, o.tier, o.publisher "
        "FROM figures f JOIN sources s ON s.id = f.source_id LEFT JOIN sources o "
        "ON o.id = f.original_source_id WHERE f.metric = 'processing_share'").fetchall()
    assert rows
    for mineral, stage, country, year, note, tier, original_tier, original_publisher in rows:
        where = f"{mineral}/{stage}/{country}/{year}"
        assert "publication year" not in note and "not stated" not in note, where
        if tier not in ("official", "filing"):
            assert original_tier == "official", where
        if "IEA" in note:
            assert "IEA" in (original_publisher or "") or tier == "official", where


def test_dated_group_membership(db):
    def members(group):
        return {m for (m,) in db.execute(
            "SELECT member FROM group_members WHERE group_id = ? AND coalesce(left, '') = ''",
            (group,))}

    assert members("g7") >= {"USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN"}
    assert "RUS" not in members("g7")
    assert len(members("eu27") & {c for (c,) in db.execute("SELECT iso3 FROM countries")}) == 27
    assert "GBR" not in members("eu27")
    assert len(members("oecd")) == 38
    assert members("quad") == {"USA", "JPN", "IND", "AUS"}
    assert {"CHN", "RUS", "BRA", "IND", "ZAF"} <= members("brics")
    left = db.execute("SELECT left FROM group_members WHERE group_id = 'eu27' "
                      "AND member = 'GBR'").fetchone()
    assert left == ("2020-01-31",)


def test_group_membership_agrees_with_country_converter(db):
    from db.countries import converter_groups

    for group, members in converter_groups().items():
        ours = {m for (m,) in db.execute(
            "SELECT member FROM group_members WHERE group_id = ? AND coalesce(left, '') = '' "
            "AND length(member) = 3", (group,))}
        assert ours == members, group


def test_build_refuses_memberships_that_disagree_with_country_converter():
    from db.countries import check_groups

    rows = [{"group_id": "g7", "member": iso3, "left": ""}
            for iso3 in ("USA", "JPN", "DEU", "FRA", "GBR", "ITA")]  # Canada missing
    with pytest.raises(ValueError, match="missing \\['CAN'\\]"):
        check_groups(rows)


def test_events_include_the_founding_story(db):
    def has(sql, *params):
        return count(db, sql, *params) > 0

    assert has("SELECT count(*) FROM events WHERE date LIKE '2010-09%' AND kind LIKE 'export%'")
    assert has("SELECT count(*) FROM events WHERE date = '2026-01-12'")
    assert has("SELECT count(*) FROM events e JOIN event_minerals m ON m.event_id = e.id "
               "WHERE e.date LIKE '2023-07%' AND m.mineral_id = 'gallium'")
    assert has("SELECT count(*) FROM events WHERE document_number LIKE '%61%' "
               "AND date LIKE '2025-10%'")
    assert has("SELECT count(*) FROM events WHERE title LIKE '%Chikyu%'")
    assert has("SELECT count(*) FROM events WHERE announced != '' AND effective != '' "
               "AND announced != effective")


def test_group_aliases_are_sourced_and_indexed(db):
    rows = db.execute("SELECT name, source_id FROM group_names WHERE group_id = 'eu27'").fetchall()
    assert {name for name, _ in rows} >= {"EU", "European Union"}
    assert all(source for _, source in rows)
    fks = {row[2] for row in db.execute("SELECT * FROM pragma_foreign_key_list('group_names')")}
    assert fks == {"groups", "sources"}
    indexed = {e for (e,) in db.execute("SELECT entity_id FROM search WHERE folded = 'eu' "
                                        "AND kind = 'group'")}
    assert indexed == {"eu27"}


def test_event_document_numbers_are_indexed(db):
    hits = db.execute("SELECT entity_id FROM search WHERE kind = 'event' AND folded = "
                      "'announcement no 70 of 2025'").fetchall()
    assert hits == [("2025-11-07-cn-suspends-october-controls",)]


def test_an_element_symbol_weighs_more_than_its_compounds_and_families(db):
    weights = dict(db.execute("SELECT entity_id, weight FROM search WHERE kind = 'mineral' AND "
                              "name = 'Tb'"))
    assert weights["terbium"] > weights["heavy-rare-earths"]
    assert weights["terbium"] > weights["rare-earths"]
    weights = dict(db.execute("SELECT entity_id, weight FROM search WHERE kind = 'mineral' AND "
                              "name = 'Al'"))
    assert weights["aluminum"] > weights["alumina"] and weights["aluminum"] > weights["bauxite"]
