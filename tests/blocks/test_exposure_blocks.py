"""The exposure blocks (reserves-gap, us-imports): the card's rows, withheld figures printed as
USGS printed them, and bad lines as error blocks."""

from __future__ import annotations

import pytest

from desktop.analysis.workbench import AnalysisWorkbench


def test_reserves_gap_matches_the_workbench_and_keeps_w(resolver, repo):
    block = resolver("kind: reserves-gap\nmineral: lithium\ntop: 50")
    assert block.ok, block.error
    _, _, rows = AnalysisWorkbench(repo).gap("lithium")
    assert [r[0] for r in block.rows] == [r.name for r in rows]
    chile = next(r for r in block.rows if r[0] == "Chile")
    expected = next(r for r in rows if r.country == "CHL")
    assert chile[3] == f"{100 * expected.gap:+.1f} pts"
    # USGS withholds US lithium output: "W", an unknown gap, and the note says so
    assert ["United States", "11.9 %", "withheld (W)", "unknown"] in block.rows
    assert "United States" in block.note and block.sources


def test_us_imports_puts_reliance_and_suppliers_weight_together(resolver):
    block = resolver("kind: us-imports\nmineral: gallium")
    assert block.ok, block.error
    assert block.title == "Gallium: US net import reliance 100 % (2025)"
    china = next(r for r in block.rows if r[0] == "China")
    assert china[2].endswith("(#1)")
    rare = resolver("kind: us-imports\nmineral: rare-earths")
    assert "67 % for compounds and metals" in rare.title
    assert "net exporter for mineral concentrates" in rare.title
    assert "Compounds and metals: 2021 >95 %" in rare.note


def test_us_imports_prints_one_named_table_per_product_form(resolver):
    block = resolver("kind: us-imports\nmineral: germanium")
    assert block.ok, block.error
    assert [t.title for t in block.tables()] == [
        "Combined total", "Germanium dioxide (Ge content)", "Germanium metal"]
    for table in block.tables():  # a country once per table, and each table adds up
        names = [row[0] for row in table.rows]
        assert len(names) == len(set(names))
        assert sum(float(row[1].rstrip(" %")) for row in table.rows) == pytest.approx(100)
    shares = {t.title: dict((r[0], r[1]) for r in t.rows) for t in block.tables()}
    assert shares["Combined total"]["Belgium"] == "41.0 %"
    assert shares["Germanium dioxide (Ge content)"]["Belgium"] == "57.0 %"
    assert shares["Germanium metal"]["Belgium"] == "27.0 %"
    assert "each table adds up on its own" in block.method
    assert block.all_rows()[0] == ["Belgium", "41.0 %"]  # no world table for germanium


def test_us_imports_form_picks_one_table_by_part_of_its_name(resolver):
    metal = resolver("kind: us-imports\nmineral: germanium\nform: METAL")
    assert metal.ok and not metal.parts
    assert metal.title.endswith("— imports of germanium metal")
    assert [r[0] for r in metal.rows] == ["China", "Belgium", "Germany", "Russia",
                                          "Other countries"]
    gallium = resolver("kind: us-imports\nmineral: gallium")  # one form: one untitled table
    assert not gallium.parts and [t.title for t in gallium.tables()] == [""]
    missing = resolver("kind: us-imports\nmineral: germanium\nform: ingot")
    assert not missing.ok
    assert "'ingot'" in missing.error and "Germanium metal" in missing.error


@pytest.mark.parametrize("text, message", [
    ("kind: reserves-gap", "'mineral:' is missing"),
    ("kind: reserves-gap\nmineral: unobtainium", "unobtainium"),
    ("kind: reserves-gap\nmineral: lithium\nyear: 1066", "between"),
    ("kind: reserves-gap\nmineral: lithium\ncolour: red", "unknown key 'colour'"),
    ("kind: us-imports\nmineral: lithium\ntop: 3", "unknown key 'top'"),
    ("kind: us-imports\nmineral: " + "x" * 5000, "characters long"),
])
def test_bad_lines_become_error_blocks(resolver, text, message):
    block = resolver(text)
    assert not block.ok and message in block.error
