"""Properties every concentration, coverage and stress figure must keep, whatever the data."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.analysis.blocs import bloc_coverage, custom_bloc
from desktop.analysis.concentration import band
from desktop.analysis.shares import hhi_of, series_shares
from desktop.analysis.stress import stress_allies_only, stress_remove
from desktop.domain.models import Figure, Source
from desktop.domain.vocabulary import HhiBand

SOURCE = Source("test", "Test publisher", "Test table", published="2026-01-30")
CODES = [f"C{i:02d}" for i in range(40)]


def figure(country: str, value: float | None, *, unit: str = "metric tons",
           is_country: bool = True, qualifier: str = "") -> Figure:
    return Figure("testium", country, "mine_production", "mining", "", 2025, value,
                  "" if value is None else f"{value:,}", qualifier, unit, False, False, "",
                  SOURCE, is_country=is_country)


values = st.lists(st.floats(min_value=0, max_value=1e9, allow_nan=False), min_size=1,
                  max_size=30)


def build(vals: list[float], world: float | None, others: float | None = None):
    figures = [figure(CODES[i], v) for i, v in enumerate(vals)]
    if world is not None:
        figures.append(figure("WORLD", world, is_country=False))
    if others is not None:
        figures.append(figure("OTHERS", others, is_country=False))
    return series_shares(figures)


@settings(max_examples=200, deadline=None)
@given(values, st.one_of(st.none(), st.floats(min_value=0, max_value=2e10)),
       st.one_of(st.none(), st.floats(min_value=0, max_value=1e9)))
def test_shares_sum_to_at_most_one_and_hhi_in_bounds(vals, world, others):
    shares = build(vals, world, others)
    if shares is None:
        assert sum(vals) + (others or 0) == 0
        return
    total = sum(s.share for s in shares.shares)
    assert total <= 1 + 1e-9
    assert all(0 <= s.share <= 1 + 1e-9 for s in shares.shares)
    assert 0 <= shares.hhi <= 10_000 + 1e-6
    assert shares.hhi <= shares.hhi_upper <= 10_000 + 1e-6
    assert 0 <= shares.residual_share <= 1
    assert shares.top3_share <= total + 1e-12
    assert [s.rank for s in shares.shares] == list(range(1, len(shares.shares) + 1))


@given(st.integers(min_value=1, max_value=40), st.floats(min_value=0.001, max_value=1e9))
def test_hhi_of_n_equal_suppliers_is_10000_over_n(n, each):
    shares = build([each] * n, None)
    assert math.isclose(shares.hhi, 10_000 / n, rel_tol=1e-9)
    assert math.isclose(hhi_of([1 / n] * n), 10_000 / n, rel_tol=1e-9)


@settings(max_examples=150, deadline=None)
@given(values, st.integers(min_value=0, max_value=29))
def test_removing_a_zero_share_supplier_changes_nothing(vals, index):
    vals = list(vals)
    index = index % len(vals)
    vals[index] = 0.0
    shares = build(vals, sum(vals) * 1.1 + 1)
    result = stress_remove(shares, {CODES[index]})
    assert result.offline_share == 0
    assert math.isclose(result.hhi_after, result.hhi_before, rel_tol=1e-9, abs_tol=1e-9)
    assert [(s.country, s.share_after) for s in result.shares_after] == \
        [(s.country, s.share) for s in shares.shares]


@settings(max_examples=150, deadline=None)
@given(values, st.sets(st.sampled_from(CODES[:30]), max_size=10))
def test_stress_and_coverage_stay_within_bounds(vals, removed):
    shares = build(vals, sum(vals) + 5)
    if shares is None:
        return
    out = stress_remove(shares, removed)
    assert 0 <= out.offline_share <= 1
    assert sum(s.share_after for s in out.shares_after) <= 1 + 1e-9
    if out.hhi_after is None:  # every named supplier removed: nothing left to measure
        assert not out.shares_after and out.band_after is HhiBand.NO_SUPPLY
    else:
        assert 0 <= out.hhi_after <= 10_000 + 1e-6
    kept = stress_allies_only(shares, removed)
    assert math.isclose(kept.offline_share + kept.remaining_share, 1.0)
    if kept.shares_after:
        assert math.isclose(sum(s.share_after for s in kept.shares_after), 1.0, rel_tol=1e-9)
    coverage = bloc_coverage(shares, custom_bloc(removed, "2026-01-01"))
    assert math.isclose(coverage.bloc_share, out.offline_share, abs_tol=1e-9)
    assert coverage.bloc_share + coverage.rival_share <= 1 + 1e-9 or "CHN" in removed


def test_band_follows_the_2023_threshold():
    assert band(1800) is HhiBand.BELOW and band(1800).label == "below the 1,800 threshold"
    assert band(1800.5) is HhiBand.HIGH and band(1800.5).label == "highly concentrated"
    assert band(900, 2500) is HhiBand.UNDETERMINED
    assert band(2000, 2500) is HhiBand.HIGH


def test_percentage_series_use_100_as_denominator():
    figures = [figure("CHN", 87.0, unit="percent"), figure("MYS", 12.0, unit="percent")]
    shares = series_shares(figures)
    assert [round(s.share, 2) for s in shares.shares] == [0.87, 0.12]
    assert math.isclose(shares.residual_share, 0.01)
