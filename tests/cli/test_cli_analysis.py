"""`briefdesk analyze`: the JSON contract of the issue, shares as fractions, one-line errors."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import run, run_json


@pytest.fixture(autouse=True)
def _db(reference_path):
    return reference_path


def test_concentration_json(capsys):
    data = run_json(capsys, "analyze", "concentration", "--mineral", "rare-earths",
                    "--metric", "mine_production", "--year", "2025")
    assert {"hhi", "top1", "top3_share", "shares"} <= set(data)
    assert round(data["hhi"]) == 5054 and data["top1"] == pytest.approx(270 / 390, abs=1e-5)
    assert data["top1_country"]["country"] == "CHN"
    assert all(0 <= s["share"] <= 1 for s in data["shares"])
    assert sum(s["share"] for s in data["shares"]) <= 1
    assert data["band"] == "highly concentrated" and data["band_source"]["url"]


def test_bloc_json(capsys):
    data = run_json(capsys, "analyze", "bloc", "--group", "g7", "--mineral", "rare-earths",
                    "--metric", "mine_production", "--year", "2025")
    assert {"bloc_share", "china_share", "members"} <= set(data)
    assert data["bloc_share"] == pytest.approx(51 / 390, abs=1e-5)
    assert data["china_share"] == pytest.approx(270 / 390, abs=1e-5)
    assert [m["country"] for m in data["members"]] == ["USA"]


def test_stress_json(capsys):
    data = run_json(capsys, "analyze", "stress", "--mineral", "rare-earths", "--remove", "CHN",
                    "--metric", "mine_production", "--year", "2025")
    assert {"offline_share", "hhi_before", "hhi_after", "shares_after"} <= set(data)
    assert data["offline_share"] == pytest.approx(270 / 390, abs=1e-5)
    assert data["hhi_after"] < data["hhi_before"]
    assert all(0 <= s["share"] <= 1 for s in data["shares_after"])
    group = run_json(capsys, "analyze", "stress", "--mineral", "rare-earths", "--remove", "g7",
                     "--metric", "mine_production", "--year", "2025")
    assert group["offline_share"] == pytest.approx(51 / 390, abs=1e-5)


def test_other_actions_print_text_and_json(capsys):
    for args in (("gap", "--mineral", "rare-earths"), ("us", "--mineral", "gallium"),
                 ("matrix", "--group", "quad", "--year", "2025"),
                 ("stress", "--mineral", "gallium", "--keep", "msp")):
        code, out, err = run(capsys, "analyze", *args)
        assert code == 0 and out.strip() and not err
        assert isinstance(run_json(capsys, "analyze", *args), dict)


@pytest.mark.parametrize("args", [
    ("concentration",),
    ("concentration", "--mineral", "nope"),
    ("concentration", "--mineral", "rare-earths", "--year", "1066"),
    ("concentration", "--mineral", "rare-earths", "--metric", "mine_production",
     "--year", "1850"),
    ("bloc", "--mineral", "copper"),
    ("bloc", "--mineral", "copper", "--group", "'; DROP TABLE figures; --"),
    ("bloc", "--mineral", "copper", "--group", "g7", "--as-of", "31/12/2025"),
    ("stress", "--mineral", "copper"),
    ("stress", "--mineral", "copper", "--remove", "CHN", "--keep", "g7"),
    ("stress", "--mineral", "copper", "--remove", "Z" * 5000),
    ("concentration", "--mineral", "y" * 100_000),
    ("matrix", "--group", "g7", "--year", "abc"),
])
def test_bad_input_exits_2_with_one_line(capsys, args):
    code, out, err = run(capsys, "analyze", *args)
    assert code == 2 and not out
    assert err.startswith("briefdesk: ") and err.count("\n") == 1
    assert len(err) < 400  # a 100 000-character argument is not echoed back


def test_unknown_bloc_and_huge_names_get_short_clear_messages(capsys):
    code, _, err = run(capsys, "analyze", "bloc", "--group", "nato", "--mineral", "lithium")
    assert code == 2 and "unknown group, initiative or country 'nato'" in err
    code, _, err = run(capsys, "analyze", "bloc", "--group", "g7", "--mineral", "x" * 100_000)
    assert code == 2 and err.count("\n") == 1 and len(err) < 300


def test_names_work_where_ids_are_expected(capsys):
    by_name = run_json(capsys, "analyze", "stress", "--mineral", "Rare earths", "--remove",
                       "China", "--metric", "mine_production", "--year", "2025")
    by_id = run_json(capsys, "analyze", "stress", "--mineral", "rare-earths", "--remove", "CHN",
                     "--metric", "mine_production", "--year", "2025")
    assert by_name["offline_share"] == by_id["offline_share"]
    mixed = run_json(capsys, "analyze", "bloc", "--group", "G7+Australia", "--mineral",
                     "lithium")
    assert "AUS" in mixed["bloc"]["members"] and "USA" in mixed["bloc"]["members"]


def test_analyze_dependence_by_importer_and_supplier(capsys):
    rows = run_json(capsys, "analyze", "dependence", "--importer", "European Union",
                    "--supplier", "China")
    assert rows and {r["importer"] for r in rows} == {"EU"} and {r["supplier"] for r in rows} \
        == {"CHN"}
    assert all(0 < r["share"] <= 1 and r["basis"] and r["source"]["id"] for r in rows)
    assert {"importer", "mineral", "supplier", "share", "year", "basis", "source"} <= set(rows[0])
    japan = run_json(capsys, "analyze", "dependence", "--importer", "日本")
    assert {r["importer"] for r in japan} == {"JPN"}
    code, out, _ = run(capsys, "analyze", "dependence", "--importer", "United Kingdom")
    assert code == 0 and out.startswith("no official figure found for United Kingdom")


def test_analyze_price_floor_and_price(capsys):
    rows = run_json(capsys, "analyze", "price-floor", "--mineral", "Rare earths")
    mp = next(r for r in rows if r["floor"]["id"] == "usa-dod-mp-ndpr-2025")
    assert mp["gap"] == 41 and mp["market"]["unit"] == "dollars per kilogram"
    assert "the floor is above the market (+59.4 %)" in mp["formula"]
    series = run_json(capsys, "analyze", "price", "--mineral", "Dy")
    assert series[0]["rows"][-1] == {"year": 2025, "value": 239.0, "value_text": "239",
                                     "qualifier": "", "estimated": True}


@pytest.mark.parametrize(("args", "message"), [
    (("dependence",), "give --importer, --supplier or --mineral"),
    (("dependence", "--importer", "Atlantis"), "unknown country 'Atlantis'"),
    (("dependence", "--supplier", "\x00" * 50), "unknown country"),
    (("price", "--mineral", "lithium", "--product", "moon dust"), "no lithium price for"),
    (("price",), "--mineral is required"),
    (("price-floor", "--year", "1066"), "year"),
])
def test_market_questions_refuse_bad_input_in_one_line(capsys, args, message):
    code, out, err = run(capsys, "analyze", *args)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err
