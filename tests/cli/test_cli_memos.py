"""`briefdesk memo …`: import, list, show, export and delete over the library in BRIEFDESK_HOME."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from tests.conftest import REPO

SAMPLE = REPO / "resources" / "samples" / "rare-earths-after-g7-washington.md"


@pytest.fixture(autouse=True)
def _db(reference_path):
    return reference_path


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_show_export_delete(capsys, tmp_path):
    code, out, _ = run(capsys, "memo", "import", str(SAMPLE), "--json")
    assert code == 0 and json.loads(out)["id"] == 1
    rows = json.loads(run(capsys, "memo", "list", "--json")[1])
    assert rows[0]["id"] == 1 and rows[0]["title"].startswith("Rare earths after the G7")
    shown = json.loads(run(capsys, "memo", "show", "1", "--json")[1])
    assert shown["front_matter"]["marking"].startswith("OFFICIAL") and "# Bottom line" in shown["body"]
    pdf, markdown = tmp_path / "m.pdf", tmp_path / "m.md"
    assert run(capsys, "memo", "export", "1", "-o", str(pdf))[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert run(capsys, "memo", "export", "1", "-o", str(markdown))[0] == 0
    assert markdown.read_text(encoding="utf-8").startswith("---\ntitle: Rare earths after")
    assert run(capsys, "memo", "delete", "1")[0] == 0
    assert json.loads(run(capsys, "memo", "list", "--json")[1]) == []


@pytest.mark.parametrize("args", [
    ["memo", "show", "x"], ["memo", "show", "42"], ["memo", "import", "/nonexistent.md"],
    ["memo", "import"], ["memo", "export", "1"], ["memo", "export", "1", "-o", "out.odt"],
    ["memo", "delete", "7"],
])
def test_bad_memo_commands_exit_2_with_one_line(capsys, args):
    run(capsys, "memo", "import", str(SAMPLE))
    code, _, err = run(capsys, *args)
    assert code == 2 and err.count("\n") == 1 and err.startswith("briefdesk: ")


@pytest.mark.parametrize("args", [
    ["memo", "show", "99999999999999999999999"], ["memo", "show", "9223372036854775808"],
    ["memo", "delete", "0"], ["memo", "export", "1" + "0" * 40, "-o", "x.md"],
    ["memo", "list", "extra"], ["memo", "show", "١"],
])
def test_out_of_range_ids_and_extra_arguments_are_usage_errors(capsys, args):
    """A huge id used to overflow SQLite (exit 1); `list extra` silently ignored the extra."""
    run(capsys, "memo", "import", str(SAMPLE))
    code, _, err = run(capsys, *args)
    assert code == 2 and err.count("\n") == 1 and err.startswith("briefdesk: ")


def test_deleting_a_memo_already_in_the_trash_says_so(capsys):
    run(capsys, "memo", "import", str(SAMPLE))
    assert run(capsys, "memo", "delete", "1")[0] == 0
    code, _, err = run(capsys, "memo", "delete", "1")
    assert code == 2 and "already in the trash" in err


@pytest.mark.parametrize(("typed", "shown"), [("0", "0"), ("-1", "-1"), ("42", "42")])
def test_ids_that_name_no_memo_all_read_the_same(capsys, typed, shown):
    """`show 0` spoke of id ranges, `show -1` said "-1" was not a number."""
    run(capsys, "memo", "import", str(SAMPLE))
    code, _, err = run(capsys, "memo", "show", typed)
    assert code == 2
    assert err == f"briefdesk: there is no memo {shown} (see 'briefdesk memo list')\n"


def test_showing_a_trashed_memo_says_it_is_in_the_trash(capsys):
    run(capsys, "memo", "import", str(SAMPLE))
    run(capsys, "memo", "delete", "1")
    code, out, err = run(capsys, "memo", "show", "1")
    assert code == 0 and out.startswith("---\ntitle: Rare earths after")  # the memo alone
    assert err.startswith("(in the trash since ")
    code, out, err = run(capsys, "memo", "show", "1", "--json")
    assert json.loads(out)["deleted"] and err == ""


def test_export_writes_word_and_says_its_warnings(capsys, tmp_path):
    from desktop.cli import main

    memo = tmp_path / "m.md"
    memo.write_text("---\ntitle: Word\n---\n# Heading\n\nText[^gone].\n", encoding="utf-8")
    out = tmp_path / "m.docx"
    assert main(["export", str(memo), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert out.read_bytes()[:2] == b"PK"  # a .docx is a zip
    assert "briefdesk: warning: front matter has no 'marking'" in captured.err
    assert "[^gone] is cited but never written" in captured.err
    dated = tmp_path / "d.md"
    dated.write_text("---\ntitle: W\ndate: 2026-13-45\n---\nx\n", encoding="utf-8")
    assert main(["export", str(dated), "-o", str(out)]) == 2
    assert "date '2026-13-45' is not a date" in capsys.readouterr().err
