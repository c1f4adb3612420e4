"""The price, price-floor and dependence blocks: what they print, what they cite, and a clear
error for anything they cannot show."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def test_price_block_prints_the_years_as_usgs_does(resolver):
    block = resolver("kind: price\nmineral: Rare earths\nproduct: NdPr")
    assert block.ok, block.error
    assert block.columns == ["Product", "Unit", "2021", "2022", "2023", "2024", "2025"]
    assert block.rows == [["Neodymium-praseodymium (NdPr) oxide, 99% minimum (average)",
                           "dollars per kilogram", "92", "124", "75", "55", "69e"]]
    assert "Argus" in block.note and block.sources[0].id == "usgs-mcs2026-rare-earths"
    some = resolver("kind: price\nmineral: nickel\nfrom: 2024\nto: 2025")
    assert some.ok and some.columns[2:] == ["2024", "2025"] and len(some.rows) == 2


def test_price_floor_block_gives_the_gap_and_both_sources(resolver):
    block = resolver("kind: price-floor\nfloor: usa-dod-mp-ndpr-2025")
    assert block.ok, block.error
    [row] = block.rows
    assert row[3] == "110 dollars per kilogram" and row[4] == "69e dollars per kilogram (2025)"
    assert row[5] == "+41 (+59.4 %)"
    cited = {s.id for s in block.sources}
    assert {"e-mp-dod-2025-07", "usgs-mcs2026-rare-earths"} <= cited
    years = resolver("kind: price-floor\nfloor: usa-dod-mp-ndpr-2025\nyear: 2024")
    assert years.rows[0][5] == "+55 (+100.0 %)"


def test_dependence_block_shows_one_figure_per_cell_and_says_what_is_missing(resolver):
    block = resolver("kind: dependence\nimporter: Japan\nminerals: rare-earths, graphite, "
                     "tungsten\nsupplier: China")
    assert block.ok, block.error
    assert [r[1] for r in block.rows] == ["Rare earths", "Graphite (natural)"]
    assert "No official figure found for Japan: Tungsten." in block.note
    assert "other figures are in the data" in block.method
    every = resolver("kind: dependence\nimporter: Japan\nmineral: rare-earths\nall: yes")
    assert len(every.rows) > 1 and "other figures" not in every.method
    uk = resolver("kind: dependence\nimporter: GBR")
    assert uk.ok and uk.rows == [] and "No official figure found (searched 2026-12-02" in uk.note


@pytest.mark.parametrize(("body", "message"), [
    ("kind: price\nmineral: uranium", "USGS publishes no price for uranium"),
    ("kind: price\nmineral: lithium\nproduct: moon", "no lithium price for 'moon'"),
    ("kind: price\nmineral: lithium\nfrom: 2030", "no price in the years asked for"),
    ("kind: price-floor\nfloor: <script>", "no price floor '<script>'"),
    ("kind: price-floor\nmineral: tin", "no price floor recorded for Tin"),
    ("kind: dependence", "give 'importer:'"),
    ("kind: dependence\nimporter: Atlantis", "unknown country 'Atlantis'"),
    ("kind: dependence\nminerals: " + ", ".join(["lithium"] * 21), "one to 20 minerals"),
])
def test_bad_market_blocks_say_why(resolver, body, message):
    block = resolver(body)
    assert not block.ok and message in block.error


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # read-only resolver
@given(st.sampled_from(["importer", "supplier", "minerals", "floor", "product"]),
       st.text(max_size=120))
def test_any_value_resolves_or_is_explained(resolver, key, text):
    kind = "price" if key == "product" else "price-floor" if key == "floor" else "dependence"
    extra = "mineral: lithium\n" if kind == "price" else ""
    block = resolver(f"kind: {kind}\n{extra}{key}: " + text.replace("\n", " "))
    assert block.ok or block.error


def test_price_years_as_a_span(resolver):
    block = resolver("kind: price\nmineral: rare-earths\nproduct: NdPr\nyears: 2023–2025")
    assert block.ok and block.columns[2:] == ["2023", "2024", "2025"]
    one = resolver("kind: price\nmineral: rare-earths\nproduct: NdPr\nyears: 2024")
    assert one.columns[2:] == ["2024"] and one.rows[0][2] == "55"
    for bad, message in (("2025-2021", "comes after"), ("last year", "one year or a span")):
        wrong = resolver(f"kind: price\nmineral: rare-earths\nyears: {bad}")
        assert not wrong.ok and message in wrong.error
