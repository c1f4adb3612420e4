"""The `briefdesk` command contract: JSON shapes, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop.cli import main
from tests.conftest import REPO


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *args):
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(autouse=True)
def _db(reference_path):
    return reference_path


def test_lookup_json(capsys):
    rows = run_json(capsys, "lookup", "Burma")
    assert rows[0] == {"kind": "country", "id": "MMR", "name": "Myanmar",
                       "score": rows[0]["score"], "matched": "Burma"}
    assert isinstance(rows[0]["score"], float)
    assert isinstance(run_json(capsys, "lookup", '" OR *'), list)


def test_lookup_queries_that_look_like_options_or_are_not_text(capsys):
    assert run_json(capsys, "lookup", "-DRC")[0]["id"] == "COD"
    assert run_json(capsys, "lookup", "--json", "Burma")[0]["id"] == "MMR"
    code, out, err = run(capsys, "lookup", "\udcffabc")  # what a shell passes for byte 0xff
    assert code == 0 and err == ""


def test_lookup_limit(capsys):
    assert len(run_json(capsys, "lookup", "a", "--limit", "3")) <= 3
    code, _, err = run(capsys, "lookup", "a", "--limit", "0")
    assert code == 2 and err.count("\n") == 1


def test_show_country_and_mineral(capsys):
    card = run_json(capsys, "show", "country", "jpn")
    assert card["id"] == "JPN" and card["memberships"] and card["events"]
    assert any(m["id"] == "g7" for m in card["memberships"])
    mineral = run_json(capsys, "show", "mineral", "rare-earths")
    mining = next(s for s in mineral["stages"] if s["metric"] == "mine_production")
    assert mining["top"][0]["country"] == "CHN" and 0 < mining["top"][0]["share"] <= 1
    assert mineral["long_series"][0]["year"] == 1900
    for kind, ident in (("initiative", "forge"), ("group", "quad")):
        assert run_json(capsys, "show", kind, ident)["id"] == ident


def test_show_accepts_names_and_aliases(capsys):
    assert run_json(capsys, "show", "country", "Burma")["id"] == "MMR"
    assert run_json(capsys, "show", "mineral", "Rare-Earths")["id"] == "rare-earths"
    assert run_json(capsys, "show", "initiative", "MSP")["id"] == "msp"
    assert run_json(capsys, "figures", "--mineral", "Lithium", "--country", "world",
                    "--metric", "mine_production", "--year", "2025")[0]["country"] == "WORLD"


def test_ambiguous_names_list_the_candidates(capsys):
    code, _, err = run(capsys, "show", "mineral", "NdPr")
    assert code == 2 and "neodymium" in err and "praseodymium" in err


def test_figures_json_shape(capsys):
    rows = run_json(capsys, "figures", "--mineral", "rare-earths", "--country", "CHN",
                    "--metric", "mine_production", "--year", "2025")
    assert len(rows) == 1
    row = rows[0]
    assert {"mineral", "country", "metric", "stage", "year", "value", "value_text", "unit",
            "estimated", "source"} <= set(row)
    assert row["value"] == 270000 and row["estimated"] is True
    assert {"id", "title", "publisher", "edition", "url"} <= set(row["source"])


def test_events_json_shape_and_filters(capsys):
    rows = run_json(capsys, "events", "--country", "JPN", "--from", "2010-01-01",
                    "--to", "2010-12-31")
    assert rows and all(r["date"].startswith("2010") for r in rows)
    assert {"id", "date", "announced", "effective", "actor", "kind", "title", "document_number",
            "minerals", "targets", "source"} <= set(rows[0])
    gallium = run_json(capsys, "events", "--mineral", "gallium")
    assert all("gallium" in r["minerals"] for r in gallium)


def test_initiatives_json_shape(capsys):
    rows = run_json(capsys, "initiatives")
    assert len(rows) >= 25
    forge = next(r for r in rows if r["id"] == "forge")
    assert {"id", "name", "launched", "status", "members", "source"} <= set(forge)
    assert any(m["country"] == "KOR" and m["role"] == "chair" for m in forge["members"])


def test_db_check_json(capsys):
    report = run_json(capsys, "db", "check")
    assert report["errors"] == [] and report["unsourced"] == 0 and report["countries"] == 249


@pytest.mark.parametrize("args", [
    ["show", "country", "XXX"], ["show", "mineral", "unobtainium"], ["show", "planet", "x"],
    ["figures", "--year", "abc"], ["figures", "--mineral", "nope"],
    ["events", "--from", "2025-13-01"], ["events", "--to", "yesterday"],
    ["figures", "--metric", "bogus"], ["no-such-command"], ["events", "--country", "XX"],
    ["events", "--mineral", "nope"], ["events", "--from", "2025\n"],
    ["db", "build", "--db", "/dev/null/ref.sqlite"], ["figures", "--bogus"],
    ["figures", "--year", "99999999999999999999"], ["figures", "--year", "-1"],
    ["figures", "--mineral", ""], ["figures", "--country", " "], ["events", "--country", ""],
    ["events", "--from", "2026-01-01", "--to", "2025-01-01"],
    ["analyze", "matrix", "--group", "g7", "--year", "1066"],
    ["analyze", "bloc", "--group", "g7+", "--mineral", "lithium"],
    ["db", "check", "--db", "/dev/null"], ["db", "check", "--db", "."], ["db", "check", "--db", ""],
    ["export", "", "-o", "out.pdf"], ["export", "README.md", "-o", "out.md"],
    ["export", "x" * 100_000 + ".md", "-o", "out.pdf"],
    ["memo", "import", "y" * 100_000 + ".md"],
])
def test_bad_input_exits_2_with_one_line(capsys, args):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("briefdesk: ")
    assert len(err) < 400  # whatever was typed, the reason stays readable


def test_export_refuses_nul_bytes_like_memo_import(capsys, tmp_path):
    memo = tmp_path / "nul.md"
    memo.write_bytes(b"---\ntitle: x\n---\nBody\x00text\n")
    code, _, err = run(capsys, "export", str(memo), "-o", str(tmp_path / "out.pdf"))
    assert code == 2 and "NUL" in err and not (tmp_path / "out.pdf").exists()


def test_figures_text_marks_estimates_only_on_numbers(capsys):
    code, out, _ = run(capsys, "figures", "--mineral", "boron", "--country", "USA",
                       "--metric", "net_import_reliance", "--year", "2025")
    assert code == 0 and " E " in out and "Ee" not in out


def test_missing_reference_db_is_a_clear_error(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFDESK_REFERENCE", str(tmp_path / "missing.sqlite"))
    code, _, err = run(capsys, "lookup", "x")
    assert code == 2 and "make db" in err


def test_not_a_database_is_a_clear_error(capsys, monkeypatch, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not sqlite at all" * 100)
    monkeypatch.setenv("BRIEFDESK_REFERENCE", str(junk))
    code, _, err = run(capsys, "show", "country", "JPN")
    assert code == 2 and "not a briefdesk reference database" in err


def test_python_dash_m_and_no_traceback(reference_path):
    env = {"BRIEFDESK_REFERENCE": str(reference_path), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([sys.executable, "-m", "desktop", "lookup", "日本", "--json"], cwd=REPO,
                        capture_output=True, text=True, env=env, timeout=60)
    assert ok.returncode == 0 and json.loads(ok.stdout)[0]["id"] == "JPN"
    bad = subprocess.run([sys.executable, "-m", "desktop", "show", "event", "nope"], cwd=REPO,
                         capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_db_build_to_a_path(capsys, tmp_path):
    out = tmp_path / "fresh.sqlite"
    data = run_json(capsys, "db", "build", "--db", str(out))
    assert out.exists() and data["check"]["ok"] is True and data["seconds"] < 60


def test_show_takes_the_clear_winner_of_several_exact_matches(capsys):
    code, out, _ = run(capsys, "show", "mineral", "Tb")  # terbium's own symbol beats its families
    assert code == 0 and out.startswith("Terbium (mineral terbium)")


def test_events_give_each_measure_its_status_on_a_day(capsys):
    rows = run_json(capsys, "events", "--country", "China", "--kind", "export restrictions",
                    "--as-of", "2026-12-02")
    assert rows and {"status", "status_note", "status_until", "status_overdue"} <= set(rows[0])
    package = next(r for r in rows if r["id"] == "2025-10-09-cn-battery-graphite-anode-controls")
    assert (package["status"], package["status_until"]) == ("unknown", "2026-11-10")
    assert "no later decision found as of 2026-12-01" in package["status_note"]
    earlier = run_json(capsys, "events", "--kind", "export-control", "--as-of", "2026-06-01")
    assert next(r for r in earlier if r["id"] == package["id"])["status"] == "suspended"
    meetings = run_json(capsys, "events", "--kind", "summit,ministerial")
    assert meetings and {r["kind"] for r in meetings} <= {"summit", "ministerial"}
    assert all(r["status"] is None for r in meetings)
    code, out, _ = run(capsys, "events", "--kind", "export-ban", "--as-of", "2026-12-02")
    assert code == 0 and "[" in out.splitlines()[0]  # the text lines carry the status too


@pytest.mark.parametrize(("args", "message"), [
    (("--kind", "nonsense"), "unknown event kind or family 'nonsense'"),
    (("--kind", ""), "--kind is empty"),
    (("--as-of", "2026"), "--as-of must be a date like 2026-12-02"),
    (("--as-of", "2026-02-30"), "--as-of must be a date"),
    (("--as-of", "'; DROP TABLE events; --"), "--as-of must be a date"),
    (("--as-of", "9" * 5000), "--as-of must be a date"),
])
def test_events_refuse_bad_kinds_and_days_in_one_line(capsys, args, message):
    code, out, err = run(capsys, "events", *args)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_lists_crosswalk(capsys):
    data = run_json(capsys, "lists")
    sizes = {lst["id"]: lst["entries"] for lst in data["lists"]}
    assert sizes == {"us-2025": 60, "eu-critical": 34, "eu-strategic": 17}
    by_mineral = {row["mineral"]: row for row in data["rows"]}
    assert by_mineral["metallurgical-coal"]["us-2025"] and by_mineral["helium"]["eu-critical"]
    code, out, _ = run(capsys, "lists")
    assert code == 0 and out.splitlines()[0].split() == ["US", "2025", "EU", "critical", "EU",
                                                         "strategic"]
