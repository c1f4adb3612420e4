"""Price floors beside the market: the arithmetic in one unit, conversions between masses and
cents, and every reason a comparison cannot be made."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.analysis.prices import compare_floor, find_series, price_series
from desktop.domain.markets import PriceFloor
from desktop.domain.models import Figure, Source
from desktop.domain.units import convert, per_kilogram

SOURCE = Source("s", "USGS", "MCS 2026", tier="official")
FLOOR_SOURCE = Source("f", "MP Materials", "Press release", tier="filing")
NDPR = "Neodymium-praseodymium (NdPr) oxide, 99% minimum (average)"


def price(year: int, value: float | None, unit: str = "dollars per kilogram",
          product: str = NDPR, estimated: bool = False) -> Figure:
    text = "" if value is None else f"{value:g}"
    return Figure("rare-earths", "MARKET", "price", "market", product, year, value, text, "",
                  unit, estimated, False, "Free on board. Source: Argus.", SOURCE)


def floor(value: float | None = 110, unit: str = "dollars per kilogram", market: str = NDPR,
          effective: str = "2025-10-01", kind: str = "price-floor") -> PriceFloor:
    return PriceFloor("f1", "DOD", kind, "rare-earths", "NdPr products", market, value,
                      "" if value is None else f"{value:g}", unit, "2025-07-10", effective,
                      "2035-12-31", "", "", (FLOOR_SOURCE,))


SERIES = price_series([price(2023, 75), price(2024, 55), price(2025, 69, estimated=True)])


def test_the_floor_against_the_market_of_its_years():
    [row] = compare_floor(floor(), SERIES)
    assert row.year == 2025 and row.gap == pytest.approx(41)
    assert row.gap_share == pytest.approx(41 / 69)
    assert row.formula().startswith("Floor 110 dollars per kilogram − market 69e dollars per "
                                    "kilogram")
    assert "+59.4 %" in row.formula() and "above the market" in row.formula()
    assert {s.id for s in row.sources} == {"s", "f"}  # both sources cited
    earlier = compare_floor(floor(effective="2023-01-01"), SERIES)
    assert [c.year for c in earlier] == [2023, 2024, 2025]
    assert [round(c.gap) for c in earlier] == [35, 55, 41]


def test_a_floor_below_the_market_has_a_negative_gap():
    [row] = compare_floor(floor(50), SERIES, year=2023)
    assert row.gap == pytest.approx(-25) and "below the market" in row.formula()


def test_units_are_converted_not_mixed():
    per_pound = price_series([price(2025, 50, unit="dollars per pound")])
    [row] = compare_floor(floor(), per_pound)
    assert row.market_in_floor_unit == pytest.approx(50 / 0.45359237)
    cents = price_series([price(2025, 500, unit="cents per pound")])
    [row] = compare_floor(floor(), cents)
    assert row.market_in_floor_unit == pytest.approx(5 / 0.45359237)
    odd = price_series([price(2025, 300, unit="dollars per dry metric ton unit")])
    [row] = compare_floor(floor(), odd)
    assert row.gap is None and "cannot be put in dollars per kilogram" in row.formula()


@pytest.mark.parametrize(("made", "reason"), [
    (floor(None, kind="proposal"), "no number was published for this proposal"),
    (floor(market=""), "USGS publishes no price for this product"),
    (floor(market="Terbium oxide"), "no USGS price series 'Terbium oxide'"),
])
def test_every_missing_comparison_says_why(made, reason):
    [row] = compare_floor(made, SERIES)
    assert row.gap is None and reason in row.formula()


def test_a_year_without_a_price_says_so():
    [row] = compare_floor(floor(), SERIES, year=2019)
    assert row.gap is None and "USGS gives no" in row.formula() and "2019" in row.formula()


def test_a_floor_starting_after_the_latest_price_says_which_year_it_uses():
    [row] = compare_floor(floor(effective="2026-03-10"), SERIES)
    assert row.year == 2025 and row.to_json()["market_before_floor"]
    assert "2025 is USGS's latest year, the floor starts in 2026" in row.formula()


def test_series_lookup_by_exact_name_or_a_unique_part():
    assert find_series(SERIES, NDPR) is SERIES[0]
    assert find_series(SERIES, "NdPr") is SERIES[0]
    assert find_series(SERIES, "cobalt") is None


@given(st.floats(min_value=0.001, max_value=1e7),
       st.sampled_from(["dollars per kilogram", "cents per pound", "dollars per metric ton",
                        "dollars per troy ounce", "dollars per gram"]),
       st.sampled_from(["dollars per kilogram", "cents per pound", "dollars per metric ton"]))
def test_conversion_round_trips(value, unit, other):
    there = convert(value, unit, other)
    assert there is not None and convert(there, other, unit) == pytest.approx(value)


def test_units_that_are_not_a_currency_per_mass_do_not_convert():
    for unit in ("dollars per 50 grams", "dollars per wet metric ton", "percent", "", "x" * 500):
        assert per_kilogram(unit) is None
        assert convert(1.0, unit, "dollars per kilogram") is None
