"""Known values recomputed by hand from USGS MCS 2026 rows, blocs on dates, and the workbench's
answers to questions the data cannot answer."""

from __future__ import annotations

import math

import pytest

from desktop.analysis.stages import STAGES
from desktop.analysis.workbench import AnalysisError, AnalysisWorkbench
from desktop.domain.vocabulary import DenominatorKind, HhiBand

# USGS MCS 2026, rare earths, world mine production 2025 (metric tons, REO equivalent):
# World 390,000; China 270,000; United States 51,000; Australia 29,000; Burma 22,000;
# Thailand 4,800; India 2,900; Madagascar 2,700; Russia 2,600; Brazil 2,000; Nigeria 1,500;
# Vietnam 150; Malaysia 110; Other countries 550.
RARE_EARTHS_2025 = {"CHN": 270_000, "USA": 51_000, "AUS": 29_000, "MMR": 22_000, "THA": 4_800,
                    "IND": 2_900, "MDG": 2_700, "RUS": 2_600, "BRA": 2_000, "NGA": 1_500,
                    "VNM": 150, "MYS": 110}
WORLD = 390_000


@pytest.fixture()
def wb(repo):
    return AnalysisWorkbench(repo, today=lambda: "2026-11-28")


def test_rare_earth_mining_concentration_by_hand(wb):
    result = wb.concentration("rare-earths", metric="mine_production", year=2025,
                              exact_year=True)
    shares = {s.country: s.share for s in result.shares.shares}
    for code, tons in RARE_EARTHS_2025.items():
        assert shares[code] == pytest.approx(tons / WORLD)
    expected_hhi = sum((100 * t / WORLD) ** 2 for t in RARE_EARTHS_2025.values())
    assert result.hhi == pytest.approx(expected_hhi)
    assert round(result.hhi) == 5054
    assert result.top1.country == "CHN"
    assert result.top3_share == pytest.approx((270_000 + 51_000 + 29_000) / WORLD)
    assert result.shares.residual_share == pytest.approx(1 - sum(RARE_EARTHS_2025.values())
                                                         / WORLD)
    assert result.band is HhiBand.HIGH
    assert "lower bound" in result.formula() and "1,800" in result.formula()


def test_gallium_uses_the_listed_sum_when_the_rounded_world_total_is_smaller(wb):
    # MCS 2026 gallium refinery 2025 (kg): China 900,000; Russia 6,000; Japan 3,000;
    # world total rounded to 900,000, below the listed sum of 909,000.
    result = wb.concentration("gallium", metric="refinery_production", year=2025)
    assert result.top1.share == pytest.approx(900_000 / 909_000)
    assert result.shares.denominator_kind is DenominatorKind.SUM_ABOVE_WORLD


def test_g7_coverage_of_rare_earth_mining_by_hand(wb):
    coverage = wb.coverage("g7", "rare-earths", metric="mine_production", year=2025)
    # G7 members named in the table: the United States only (Canada is listed with 0).
    assert coverage.bloc_share == pytest.approx(51_000 / WORLD)
    assert coverage.rival_share == pytest.approx(270_000 / WORLD)
    assert sorted(coverage.bloc.members) == ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]
    assert any("European Union not counted" in n for n in coverage.bloc.notes)


def test_membership_as_of_a_date(wb):
    assert "RUS" in wb.bloc("g7", "2000-06-01").members  # the G8 years
    assert "RUS" not in wb.bloc("g7", "2015-01-01").members
    msp_2022 = wb.bloc("msp", "2022-07-01").members
    assert "IND" not in msp_2022 and "IND" in wb.bloc("msp", "2023-07-01").members
    assert "DEU" in msp_2022  # the EU counted as its member states, said in the notes
    assert any("member states" in n for n in wb.bloc("msp", "2022-07-01").notes)
    signatories = wb.bloc("pax-silica:founding-member|signatory", "2026-01-13").members
    assert "QAT" in signatories and "ARE" not in signatories and "NLD" not in signatories
    assert wb.bloc("g7+AUS").members == wb.bloc("g7").members | {"AUS"}


def test_no_member_counts_before_the_initiative_existed(wb):
    # MSP was launched on 2022-06-14; Norway's joining date is only "2022", and Greece's Pax
    # Silica signature (launched 2025-12-12) is undated: neither may count before the launch.
    early = wb.bloc("msp", "2022-01-01")
    assert not early.members and any("launched on 2022-06-14" in n for n in early.notes)
    assert not wb.bloc("pax-silica", "2022-01-01").members
    assert "GRC" in wb.bloc("pax-silica", "2026-06-01").members
    later = wb.bloc("msp", "2026-06-01")  # superseded by FORGE on 2026-02-04: said, still shown
    assert later.members and any("superseded on 2026-02-04" in n for n in later.notes)


def test_withheld_figures_are_unknown_not_zero(wb):
    # USGS MCS 2026 lithium: United States mine production "W" (world total excludes it)
    coverage = wb.coverage("g7", "lithium", metric="mine_production", year=2025,
                           exact_year=True)
    assert [f.country for f in coverage.unmeasured] == ["USA"]
    assert "USA" not in coverage.absent and "United States (W)" in coverage.formula()
    stress = wb.stress("lithium", "USA", metric="mine_production", year=2025, exact_year=True)
    assert stress.offline_share == 0 and [f.value_text for f in stress.unmeasured] == ["W"]
    assert "cannot be measured" in stress.formula()
    assert stress.to_json()["unmeasured"][0]["country"] == "USA"


def test_unknown_shares_are_said_not_printed_as_zero(wb):
    # IEA refined rare earths 2023 names China (92 %) and Malaysia (5 %): the G7's share is
    # unknown, at most the 3 % nobody is named for
    coverage = wb.coverage("g7", "rare-earths", stage="refining")
    assert not coverage.bloc_listed and coverage.bloc_text() == "not named (≤ 3.0 %)"
    assert coverage.to_json()["bloc_listed"] is False
    # battery-grade graphite 2024 names China only ("over 90%"): nothing named is left without it
    without = wb.stress("graphite", "CHN", stage="downstream")
    assert without.hhi_after is None and without.band_after is HhiBand.NO_SUPPLY
    assert without.to_json()["hhi_after"] is None and "→ —" in without.formula()


def test_top3_is_a_lower_bound_when_an_unnamed_supplier_could_outrank(wb):
    full = wb.concentration("rare-earths", metric="mine_production", year=2025,
                            exact_year=True)
    assert full.to_json()["top3_exact"] and "Top-3 = " in full.formula()
    sparse = wb.concentration("rare-earths", year=1999, exact_year=True)  # US named, 94 % not
    assert not sparse.to_json()["top1_exact"] and not sparse.to_json()["top3_exact"]
    assert "Top-3 ≥" in sparse.formula()


def test_stress_remove_china_by_hand(wb):
    result = wb.stress("rare-earths", "CHN", metric="mine_production", year=2025)
    assert result.offline_share == pytest.approx(270_000 / WORLD)
    after = {s.country: s.share_after for s in result.shares_after}
    assert after["USA"] == pytest.approx(51_000 / (WORLD - 270_000))
    assert "CHN" not in after
    expected = sum((100 * t / (WORLD - 270_000)) ** 2
                   for c, t in RARE_EARTHS_2025.items() if c != "CHN")
    assert result.hhi_after == pytest.approx(expected)


def test_allies_only_is_the_inverse(wb):
    kept = wb.stress("rare-earths", "g7", allies_only=True, metric="mine_production",
                     year=2025)
    removed = wb.stress("rare-earths", "g7", metric="mine_production", year=2025)
    assert kept.remaining_share == pytest.approx(removed.offline_share)
    assert kept.hhi_after == pytest.approx(10_000)  # the United States alone


def test_matrix_covers_every_mineral_with_figures(wb):
    bloc, rows = wb.matrix("g7", 2025)
    by_id = {r.mineral: r for r in rows}
    ree = by_id["rare-earths"].cells
    assert set(ree) == set(STAGES)
    assert all(ree[s] is not None for s in STAGES if s != "downstream")
    # the magnet share the IEA commentary gave has no stated data year, so it is not loaded
    assert ree["downstream"] is None
    assert by_id["graphite"].cells["downstream"].series.metric == "processing_share"
    assert by_id["copper"].cells["refining"].series.metric == "refinery_production"
    for row in rows:
        for cell in row.cells.values():
            if cell is not None:
                assert 0 <= cell.coverage.bloc_share <= 1 + 1e-9
                assert cell.series.year <= 2025
    assert "boron" not in by_id  # USGS gives boron by product, never as a world total


def test_reserves_gap_and_us_view(wb):
    reserves, production, rows = wb.gap("rare-earths")
    brazil = next(r for r in rows if r.country == "BRA")
    assert brazil.gap > 0.1  # far more of the world's reserves than of its output
    known = [r for r in rows if r.gap is not None]
    assert math.isclose(sum(r.gap for r in known),
                        sum(r.reserves_share for r in known) - sum(r.production_share
                                                                   for r in known))
    # lithium: USGS withholds US output ("W"), so the US gap is unknown, not +reserves share
    _, _, lithium = wb.gap("lithium")
    usa = next(r for r in lithium if r.country == "USA")
    assert usa.production_share is None and usa.production_text == "W" and usa.gap is None
    assert lithium[-1] is usa  # unknown gaps sort last
    view = wb.us_view("gallium")
    assert view.reliance_headline() == "100 % (2025)"
    rare_earths = wb.us_view("rare-earths")  # two products: each says its own latest figure
    assert rare_earths.reliance_headline() == ("67 % for compounds and metals, net exporter for "
                                               "mineral concentrates (2025)")
    china = next(s for s in view.sources if s.country == "CHN")
    assert china.world_rank == 1 and china.world_share > 0.9


def test_country_weights(wb):
    weights = wb.country_weights("CHN")
    ree = next(w for w in weights if w.series.mineral == "rare-earths"
               and w.series.stage == "mining")
    assert ree.rank == 1 and ree.stress.offline_share == pytest.approx(ree.share)


@pytest.mark.parametrize("call", [
    lambda wb: wb.concentration("unobtainium"),
    lambda wb: wb.concentration("rare-earths", metric="mine_production", year=1850,
                                exact_year=True),
    lambda wb: wb.concentration("rare-earths", metric="bogus"),
    lambda wb: wb.concentration("rare-earths", stage="bogus"),
    lambda wb: wb.coverage("nato", "copper"),
    lambda wb: wb.coverage("g7", "copper", as_of="yesterday"),
    lambda wb: wb.coverage("x" * 10_000, "copper"),
    lambda wb: wb.coverage("<script>alert(1)</script>", "copper"),
    lambda wb: wb.coverage("g7:emperor", "copper"),
    lambda wb: wb.stress("copper", ""),
    lambda wb: wb.us_view("rare-earth-nonsense"),
])
def test_questions_without_answers_raise_one_clear_error(wb, call):
    with pytest.raises(AnalysisError) as info:
        call(wb)
    assert str(info.value) and "\n" not in str(info.value)


def test_any_bloc_expression_resolves_or_explains(repo):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    wb = AnalysisWorkbench(repo, today=lambda: "2026-11-28")
    parts = st.one_of(st.sampled_from(["g7", "msp", "CHN", "eu27", "pax-silica:signatory",
                                       "forge", "+", ":", "|", ",", "AUS", "zz"]),
                      st.text(max_size=30))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(parts, max_size=12).map("".join),
           st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)))
    def check(spec, as_of):
        try:
            bloc = wb.bloc(spec, as_of)
        except AnalysisError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert all(len(code) == 3 and code.isupper() for code in bloc.members)

    check()


def test_a_country_missing_from_a_sum_of_listed_rows_is_unknown(wb):
    # USGS prints no exact world total for PGM reserves: the denominator is the listed rows, so
    # China's absence says nothing about China (and the residual is 0 by construction)
    coverage = wb.coverage("g7", "platinum-group-metals", stage="reserves")
    assert coverage.shares.denominator_kind.is_sum_of_listed
    assert not coverage.rival_listed and coverage.rival_text() == "not named"


def test_a_latest_year_naming_under_half_the_world_gives_way(wb):
    # nickel processing: 2024 names Indonesia alone (45 %); 2019 names China, Indonesia, Japan
    series = wb.series("nickel", stage="refining")
    assert series.year == 2019 and {s.country for s in series.shares.shares} >= {"CHN", "IDN"}
    exact = wb.series("nickel", stage="refining", year=2024, exact_year=True)
    assert exact.year == 2024  # asked for exactly: given exactly


def test_an_incomplete_membership_is_said_wherever_the_bloc_is_used(wb):
    notes = wb.bloc("forge").notes
    assert any("participant list has not been published" in n for n in notes)
