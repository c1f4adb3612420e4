"""Partners' dependence: one figure per cell chosen by a stated rule, "no official figure found"
for an empty cell, a warning when bases differ, and the US figures from USGS's own import
sources — never a partner's figure derived from US data."""

from __future__ import annotations

from desktop.analysis.dependence import (
    US_BASIS,
    basis_legend,
    best,
    exposure_matrix,
    mixed_bases_note,
    us_dependence,
)
from desktop.domain.markets import Dependence
from desktop.domain.models import Figure, Source

OFFICIAL = Source("o", "Eurostat", "News", tier="official")
PRESS = Source("p", "Newspaper", "Report", tier="press")


def dep(importer="EU", mineral="magnesium", supplier="CHN", share=0.9, basis="supply",
        year=2024, source=OFFICIAL) -> Dependence:
    return Dependence(importer, mineral, "", supplier, share, f"{share:.0%}", basis, year, "",
                      source)


def test_the_newest_then_official_then_clearest_basis_is_shown():
    old = dep(year=2020)
    new_press = dep(year=2024, source=PRESS, share=0.5)
    new_official = dep(year=2024, share=0.6, basis="other:import share")
    new_official_supply = dep(year=2024, share=0.7)
    assert best([old, new_press]) is new_press  # newer wins over official
    assert best([new_press, new_official]) is new_official
    assert best([new_official, new_official_supply]) is new_official_supply
    assert best([dep(year=None), dep(year=2019)]).year == 2019  # a stated year beats none
    assert best([]) is None


def test_an_empty_cell_is_no_official_figure_found():
    cells = exposure_matrix([dep(), dep(importer="JPN", mineral="graphite")],
                            ["EU", "JPN", "GBR"], ["magnesium", "graphite"], "CHN")
    assert cells[("EU", "magnesium")].found
    empty = cells[("GBR", "graphite")]
    assert not empty.found and empty.to_json()["no_official_figure_found"]
    assert not cells[("EU", "graphite")].found
    other_supplier = exposure_matrix([dep(supplier="TUR")], ["EU"], ["magnesium"], "CHN")
    assert not other_supplier[("EU", "magnesium")].found  # never another supplier's share


def test_mixed_bases_are_said():
    same = exposure_matrix([dep(), dep(importer="JPN")], ["EU", "JPN"], ["magnesium"], "CHN")
    assert mixed_bases_note(same.values()) == ""
    mixed = exposure_matrix([dep(), dep(importer="JPN", basis="imports-volume")],
                            ["EU", "JPN"], ["magnesium"], "CHN")
    note = mixed_bases_note(mixed.values())
    assert "not comparable" in note and "share of imports by volume" in note
    assert basis_legend(["supply", "imports-volume", "other:x"]).startswith("S = share of supply")


def test_us_figures_come_from_usgs_import_sources_only():
    source = Source("usgs", "USGS", "MCS 2026", tier="official")
    rows = [Figure("gallium", code, "import_source_share", "import", "Metal", 2024, value,
                   f"{value:g}", "", "percent", False, False, "", source, "2021–2024", "",
                   None, code != "OTHERS") for code, value in (("CHN", 18.0), ("OTHERS", 16.0))]
    [us] = us_dependence(rows)
    assert (us.importer, us.supplier, us.share, us.basis) == ("USA", "CHN", 0.18, US_BASIS)
    assert us.period == "2021–2024"
