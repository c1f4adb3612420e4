"""`db check`: the shipped DB passes; each kind of defect in a broken copy is reported."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from desktop.reference.validation import check_reference, rounding_tolerance


def test_reference_db_passes(reference_conn):
    report = check_reference(reference_conn)
    assert report.errors == []
    assert report.unsourced == 0
    data = report.to_json()
    for key in ("countries", "minerals", "initiatives", "events", "sources", "figures",
                "unsourced", "errors"):
        assert key in data
    assert any("manganese" in note for note in report.notes)  # published inconsistency, kept


@pytest.fixture()
def broken(tmp_path, reference_path):
    path = tmp_path / "broken.sqlite"
    shutil.copy(reference_path, path)
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def errors_after(conn: sqlite3.Connection, *statements: str) -> list[str]:
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    return check_reference(conn).errors


def test_unsourced_figure(broken):
    errors = errors_after(broken, "UPDATE figures SET source_id = '' WHERE id = 1")
    assert any("has no valid source" in e and "figure 1 " in e for e in errors)
    assert check_reference(broken).unsourced == 1


def test_figure_citing_an_unknown_source(broken):
    errors = errors_after(broken, "UPDATE figures SET source_id = 'nowhere' WHERE id = 2")
    assert any("figure 2 " in e for e in errors)


def test_unsourced_event_initiative_and_member(broken):
    errors = errors_after(
        broken,
        "DELETE FROM event_sources WHERE event_id = (SELECT min(id) FROM events)",
        "DELETE FROM initiative_sources WHERE initiative_id = 'msp'",
        "UPDATE initiative_members SET source_id = NULL WHERE id = 1",
        "UPDATE group_members SET source_id = 'x' WHERE id = 1")
    assert any(e.startswith("event ") for e in errors)
    assert any(e == "initiative msp has no valid source" for e in errors)
    assert any(e.startswith("initiative member ") for e in errors)
    assert any(e.startswith("group member ") for e in errors)


def test_source_without_url_or_doi(broken):
    errors = errors_after(broken, "UPDATE sources SET url = '', doi = '' "
                                  "WHERE id = 'usgs-mcs2026-rare-earths'")
    assert "source usgs-mcs2026-rare-earths has neither URL nor DOI" in errors


def test_inconsistent_units(broken):
    errors = errors_after(broken, "UPDATE figures SET unit = 'kilograms' WHERE id = (SELECT "
                                  "min(id) FROM figures WHERE mineral_id = 'lithium' AND "
                                  "metric = 'mine_production')")
    assert any(e.startswith("inconsistent units in lithium mine_production") for e in errors)


def test_shares_above_world_total(broken):
    errors = errors_after(broken, "UPDATE figures SET value = 900000 WHERE mineral_id = "
                                  "'rare-earths' AND country = 'AUS' AND metric = "
                                  "'mine_production' AND year = 2025")
    assert any("rare-earths mine_production" in e and "world total" in e for e in errors)


def test_percent_shares_above_100(broken):
    errors = errors_after(broken, "UPDATE figures SET value = 95 WHERE metric = "
                                  "'import_source_share' AND mineral_id = 'gallium' AND "
                                  "country != 'CHN'")
    assert any("gallium import_source_share" in e for e in errors)


def test_unknown_country_code(broken):
    errors = errors_after(broken, "UPDATE figures SET country = 'XYZ' WHERE id = 3",
                          "INSERT INTO event_targets VALUES ((SELECT min(id) FROM events), 'QQQ')")
    assert any("'XYZ' is neither" in e for e in errors)
    assert any("event_targets.country: 'QQQ'" in e for e in errors)


@pytest.mark.parametrize("text", ["Cï¿½te", "C\ufffdte", "Ã©t", "donâ€™t", "ÐšÐ¸Ñ‚Ð°Ð¹",
                                  "æ—¥æœ¬"])
def test_mojibake_and_replacement_characters(broken, text):
    broken.execute("UPDATE events SET title = ? WHERE id = (SELECT min(id) FROM events)",
                   (text,))
    broken.commit()
    assert any("mojibake" in e for e in check_reference(broken).errors)


def test_legitimate_accents_are_not_mojibake(broken):
    broken.execute("UPDATE events SET title = 'Côte d’Ivoire, Türkiye, España, Åland, Ñandú' "
                   "WHERE id = (SELECT min(id) FROM events)")
    broken.commit()
    assert check_reference(broken).errors == []


def test_rounding_tolerance():
    assert rounding_tolerance(380_000, "380,000") == 5_000
    assert rounding_tolerance(1_700_000) == 50_000
    assert rounding_tolerance(123_456) == 617.28
    assert rounding_tolerance(0.4, "0.4") == pytest.approx(0.05)
    assert rounding_tolerance(0.4) == pytest.approx(0.05)
    assert rounding_tolerance(0) == 0


def test_unsourced_claim(broken):
    errors = errors_after(broken, "UPDATE claims SET source_id = 'gone' WHERE id = 1")
    assert any(e.startswith("claim 1 ") for e in errors)


def test_dangling_foreign_keys(broken):
    errors = errors_after(broken, "UPDATE event_minerals SET mineral_id = 'unobtainium' "
                                  "WHERE rowid = 1")
    assert any(e == "event_minerals.mineral_id refers to a missing minerals row" for e in errors)


def test_projected_shares_are_checked_too(broken):
    errors = errors_after(broken, "UPDATE figures SET value = 99 WHERE metric = "
                                  "'processing_share' AND estimated = 1")
    assert any("processing_share" in e and "shares sum to" in e for e in errors)


# --- sources cited by any kind of row; publication dates; editorial sources -------------------

def test_source_cited_only_by_aliases_needs_url_or_doi(broken):
    errors = errors_after(broken, "UPDATE sources SET url = '', doi = '' "
                                  "WHERE id = 'iso-codes-translations'")
    assert "source iso-codes-translations has neither URL nor DOI" in errors


def test_source_cited_only_by_minerals_needs_url_or_doi(broken):
    ident = broken.execute(
        "SELECT source_id FROM mineral_sources WHERE source_id NOT IN (SELECT source_id FROM "
        "figures UNION SELECT source_id FROM claims) LIMIT 1").fetchone()[0]
    errors = errors_after(broken, f"UPDATE sources SET url = NULL, doi = NULL WHERE id = '{ident}'")
    assert f"source {ident} has neither URL nor DOI" in errors


def test_naming_rows_citing_unknown_or_no_source(broken):
    errors = errors_after(
        broken, "PRAGMA foreign_keys = OFF",
        "UPDATE country_names SET source_id = 'nowhere' WHERE rowid = (SELECT min(rowid) FROM "
        "country_names)",
        "UPDATE aggregates SET source_id = '' WHERE code = 'ROW'")
    assert "country_names cites unknown source nowhere" in errors
    assert "aggregates: 1 row(s) have no source" in errors


def test_editorial_source_is_exempt_from_url_but_only_for_names(reference_conn, broken):
    from desktop.reference.validation import EDITORIAL_PUBLISHER

    publisher, url, doi = reference_conn.execute(
        "SELECT publisher, coalesce(url, ''), coalesce(doi, '') FROM sources "
        "WHERE id = 'editorial-usage'").fetchone()
    assert (publisher, url, doi) == (EDITORIAL_PUBLISHER, "", "")
    assert not any("editorial-usage" in e for e in check_reference(reference_conn).errors)
    errors = errors_after(broken, "UPDATE figures SET source_id = 'editorial-usage' WHERE id = 1")
    assert any(e.startswith("source editorial-usage is an editorial decision") and "figures" in e
               for e in errors)


def test_exemption_is_by_editorial_publisher_only(broken):
    errors = errors_after(broken, "UPDATE sources SET publisher = 'Someone else' "
                                  "WHERE id = 'editorial-usage'")
    assert "source editorial-usage has neither URL nor DOI" in errors


def test_a_source_needs_a_publication_or_an_access_date(broken):
    broken.execute("UPDATE sources SET published = '', accessed = '2026-11-28' "
                   "WHERE id = 'usgs-mcs2026-rare-earths'")
    broken.commit()
    assert check_reference(broken).ok  # read on a known day: enough
    errors = errors_after(broken, "UPDATE sources SET published = '', accessed = '' "
                                  "WHERE id = 'usgs-mcs2026-rare-earths'")
    assert "source usgs-mcs2026-rare-earths has neither a publication nor an access date" in \
        errors


def test_uncited_source_without_date_is_not_reported(broken):
    broken.execute("INSERT INTO sources (id, publisher, title, tier) VALUES ('lonely', 'P', 'T', "
                   "'press')")
    broken.commit()
    report = check_reference(broken)
    assert not any("lonely" in m for m in report.errors + report.warnings)


def test_every_source_has_a_tier(broken):
    errors = errors_after(broken, "UPDATE sources SET tier = '' WHERE id = 'e-gta-2092'",
                          "UPDATE sources SET tier = 'blog' WHERE id = 'e-france24-2010-09-24'")
    assert any(e.startswith("source e-gta-2092 has no tier") for e in errors)
    assert any(e.startswith("source e-france24-2010-09-24 has no tier") and "'blog'" in e
               for e in errors)


def test_an_event_without_an_official_source_says_why(broken):
    errors = errors_after(broken, "UPDATE events SET sourcing = '' "
                                  "WHERE id = '2010-09-21-cn-rare-earth-halt-to-japan'")
    assert ("event 2010-09-21-cn-rare-earth-halt-to-japan rests on no official source and does "
            "not say why (column 'sourcing')") in errors


def test_db_check_json_gives_tiers_and_the_official_share(reference_path, capsys):
    import json

    from desktop.cli import main

    assert main(["db", "check", "--db", str(reference_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["source_tiers"]) <= {"official", "filing", "press", "secondary", "editorial"}
    assert sum(data["source_tiers"].values()) == data["sources"]
    assert 0 <= data["official_share"]["events"] <= 1
    assert 0 <= data["official_share"]["processing_shares"] <= 1
    assert data["official_share"]["processing_shares_traced_to_official"] == 1.0


def test_a_reported_share_names_its_official_original(broken):
    errors = errors_after(broken, "UPDATE figures SET original_source_id = NULL "
                                  "WHERE source_id = 'p-seaisi-iea-gcmo2024-ree'")
    assert any(e.startswith("processing share rare-earths/refining/CHN/2023 is read in "
                            "p-seaisi-iea-gcmo2024-ree and names no official publication")
               for e in errors)
    # an original that is itself only a report does not count either
    errors = errors_after(broken, "UPDATE figures SET original_source_id = "
                                  "'p-mhlnews-iea-gcmo2024' WHERE source_id = "
                                  "'p-indiarenews-iea-gcmo2025'")
    assert any("p-indiarenews-iea-gcmo2025 and names no official" in e for e in errors)


def test_dependence_shares_are_fractions_with_a_known_basis(broken):
    errors = errors_after(broken, "UPDATE import_dependence SET share = 1.5 WHERE id = 1",
                          "UPDATE import_dependence SET basis = 'vibes' WHERE id = 2")
    assert any(e.startswith("import dependence 1: share 1.5 is not a fraction") for e in errors)
    assert "import dependence 2: unknown basis 'vibes'" in errors


def test_suppliers_of_one_figure_set_add_up_to_at_most_the_whole(broken):
    errors = errors_after(broken, "UPDATE import_dependence SET share = 0.9 WHERE importer = "
                                  "'DEU' AND mineral_id = 'rare-earths' AND year = 2024")
    assert any("import dependence of DEU on rare-earths" in e and "add up to" in e
               for e in errors)


def test_a_price_floor_needs_a_source_and_a_market_series_that_exists(broken):
    errors = errors_after(broken, "DELETE FROM price_floor_sources WHERE floor_id = "
                                  "'usa-dod-mp-ndpr-2025'",
                          "UPDATE price_floors SET market_product = 'Moon dust' WHERE id = "
                          "'jpn-jare-lynas-ndpr-2026'")
    assert "price floor usa-dod-mp-ndpr-2025 has no valid source" in errors
    assert any(e.startswith("price floor jpn-jare-lynas-ndpr-2026: no USGS price series "
                            "'Moon dust'") for e in errors)
