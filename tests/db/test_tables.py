"""Curated tables: malformed, hostile and broken inputs give clear errors, never a half-built DB."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.build import build
from db.tables import SOURCES_DIR, SourceTableError, read_csv, read_merged
from desktop.reference.validation import check_reference


def test_invalid_utf8_names_the_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,name\nx,C\xf4te\n")
    with pytest.raises(SourceTableError, match="bad.csv: not valid UTF-8"):
        read_csv(path)


def test_wrong_field_count_names_the_line(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("id,name,kind\na,b,c\nd,e\n", encoding="utf-8")
    with pytest.raises(SourceTableError, match="short.csv, line 3"):
        read_csv(path)


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "sources.csv").write_text("id,title\na,One\n", encoding="utf-8")
    (tmp_path / "sources_more.csv").write_text("id,title\na,Two\n", encoding="utf-8")
    with pytest.raises(SourceTableError, match="duplicate id 'a'"):
        read_merged(tmp_path, "sources")


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_rows_or_a_clear_error(tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        rows = read_csv(path)
    except SourceTableError as exc:
        assert "fuzz.csv" in str(exc)
    else:
        assert all(isinstance(v, str) for row in rows for v in row.values())


@pytest.fixture()
def sources_copy(tmp_path):
    target = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, target)
    return target


def _append(path, line: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(line + "\n")


def test_a_broken_curated_row_builds_but_fails_the_check(tmp_path, sources_copy):
    _append(sources_copy / "events.csv",
            "2099-01-01-test,2099-01-01,,,XYZ,statement,Test event,,,,,QQQ,,,no-such-source")
    out = tmp_path / "ref.sqlite"
    build(out, sources_copy)
    errors = check_reference(sqlite3.connect(out)).errors
    assert "event 2099-01-01-test has no valid source" in errors
    assert any("events.actor: 'XYZ'" in e for e in errors)
    assert any("event_targets.country: 'QQQ'" in e for e in errors)


def test_a_truncated_table_stops_the_build_and_keeps_the_old_db(tmp_path, sources_copy):
    out = tmp_path / "ref.sqlite"
    build(out, sources_copy)
    before = out.read_bytes()
    _append(sources_copy / "initiatives.csv", "broken-row,only two")
    with pytest.raises(SourceTableError, match="initiatives.csv"):
        build(out, sources_copy)
    assert out.read_bytes() == before
    assert not (tmp_path / "ref.sqlite.building").exists()
