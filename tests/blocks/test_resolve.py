"""Core block kinds, resolved: totals that add up and titles that read right."""

from __future__ import annotations


def test_a_table_whose_rows_exceed_the_rounded_world_total_says_what_shares_are_of(resolver):
    # USGS MCS 2026 cobalt mine production 2025: the rows add up to 314,600 t against a printed
    # world total of 310,000 t: shares are of the sum, and the table says so
    block = resolver("kind: production-table\nmineral: cobalt\nyear: 2025\ntop: 3")
    assert block.ok, block.error
    assert ["", "Listed countries", "314,600", "100.0 %"] in block.rows
    assert "world total of 310,000e" in block.method and "sum of listed" in block.method
    rest = next(r for r in block.rows if r[1] == "Rest of world")
    assert rest[2].endswith("e")  # estimates inside the rest make it an estimate


def test_a_table_with_an_exact_world_total_ends_with_it(resolver):
    block = resolver("kind: production-table\nmineral: rare-earths\nyear: 2025")
    assert ["", "World", "390,000e", "100.0 %"] in block.rows
    assert "Top-3 89.7 %" in block.note


def test_a_one_year_chart_is_titled_with_that_year(resolver):
    block = resolver("kind: time-series\nmineral: rare-earths\nmetric: reserves\n"
                     "countries: WORLD")
    assert block.ok, block.error
    assert block.title == "Rare earths: reserves, 2025"  # not "2025–2025"


def test_a_series_without_a_world_total_prints_values_not_shares(resolver):
    # USGS gives boron per product (one country each): no "100 %" of one country
    block = resolver("kind: production-table\nmineral: boron\nmetric: production\n"
                     "product: ulexite")
    assert block.ok, block.error
    assert all(row[3] == "—" for row in block.rows) and "no world total" in block.note
    chart = resolver("kind: share-chart\nmineral: boron\nmetric: production\nproduct: ulexite")
    assert not chart.ok and "no shares to chart" in chart.error


def test_withheld_suppliers_keep_their_row_and_the_rows_add_up(resolver):
    table = resolver("kind: production-table\nmineral: lithium\nyear: 2025")
    assert ["", "United States", "withheld (W)", "in the rest"] in table.rows
    rest = next(r for r in table.rows if r[1].startswith("Rest of world"))
    assert rest[1] == "Rest of world (incl. withheld)"
    shown = [float(r[3][:-2]) for r in table.rows if r[0] or r[1].startswith("Rest")]
    assert abs(sum(shown) - 100) < 0.6  # the named rows and the rest make up the world
    stress = resolver("kind: stress\nmineral: lithium\nremove: CHN\nyear: 2025")
    assert ["United States", "withheld (W)", "not measurable"] in stress.rows
    figure = resolver("kind: figure\nmineral: lithium\ncountry: USA\nmetric: mine_production")
    assert "withheld (W)" in figure.text and "W metric tons" not in figure.text
    tiny = resolver("kind: production-table\nmineral: rare-earths\nmetric: reserves")
    assert all(row[3] != "0.0 %" for row in tiny.rows)
