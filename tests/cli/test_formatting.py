"""The CLI prints numbers as the cards and memo blocks do: one formatter (desktop.domain.numbers).

On the old main ``show`` printed "China 69% … HHI 5054" beside ``analyze``'s "69.2 % … 5,054",
and ``analyze us`` printed "US net import reliance E % (2025)" for rare earths — the product that
happens to sort last — where the card says 67 % for compounds and metals.
"""

from __future__ import annotations

import pytest

from desktop.cli import main


@pytest.fixture(autouse=True)
def _db(reference_path):
    return reference_path


def run(capsys, *args) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_show_and_analyze_print_shares_and_hhi_alike(capsys):
    show = run(capsys, "show", "mineral", "rare-earths")
    analyze = run(capsys, "analyze", "concentration", "--mineral", "rare-earths",
                  "--stage", "mining")
    assert "China 69.2 %" in show and "HHI 5,054" in show
    assert "69.2 %" in analyze and "HHI 5,054" in analyze
    assert "69%" not in show and "HHI 5054" not in show


def test_us_reliance_names_each_product(capsys):
    text = run(capsys, "analyze", "us", "--mineral", "rare-earths")
    first = text.splitlines()[0]
    assert "E %" not in first
    assert "67 % for compounds and metals" in first
    assert "net exporter for mineral concentrates" in first


def test_show_accepts_names_in_any_script(capsys):
    for name in ("China", "中国", "Китай", "CHN"):
        assert run(capsys, "show", "country", name).startswith("China (country CHN)")
    assert run(capsys, "show", "mineral", "Li").startswith("Lithium (mineral lithium)")
