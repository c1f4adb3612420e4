"""The CJK gram index: which grams, kept by every write, and searches equal to the scan."""

from __future__ import annotations

import datetime
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.memo import Memo
from desktop.library import cjk_index
from desktop.library.store import MemoLibrary
from tests.conftest import REPO


class Clock:
    """Each reading a minute later, so ``updated`` orders memos without ties."""

    def __init__(self) -> None:
        self.now = datetime.datetime(2026, 11, 28, 9, 0, tzinfo=datetime.UTC)

    def __call__(self) -> datetime.datetime:
        self.now += datetime.timedelta(minutes=1)
        return self.now


@pytest.fixture()
def library(tmp_path):
    lib = MemoLibrary(tmp_path / "home", Clock())
    yield lib
    lib.close()


def memo(title: str, body: str) -> Memo:
    return Memo({"title": title}, body)


def index_rows(library: MemoLibrary) -> set[tuple[str, int]]:
    return set(library.conn.execute("SELECT gram, memo_id FROM memo_cjk"))


def expected_rows(library: MemoLibrary) -> set[tuple[str, int]]:
    """What the index must hold: the grams of every memo as it is now, trash included."""
    return {(gram, memo_id)
            for memo_id, title, body in library.conn.execute("SELECT id, title, body FROM memos")
            for gram in cjk_index.memo_grams(title, body)}


# The substring scan search() used before the index, verbatim: the reference for its answers.
OLD_SCAN = ("SELECT id, title, updated FROM memos WHERE deleted = '' AND "
            "(instr(lower(title), lower(?)) > 0 OR instr(body, ?) > 0) "
            "ORDER BY updated DESC LIMIT ?")


def old_scan(library: MemoLibrary, text: str, limit: int = 1000) -> list[tuple[int, str, str]]:
    return list(library.conn.execute(OLD_SCAN, (text, text, limit)))


def test_grams_are_characters_and_pairs_of_the_four_scripts():
    assert cjk_index.text_grams("中国による") == {"中", "国", "に", "よ", "る", "中国", "国に",
                                                  "によ", "よる"}
    assert cjk_index.text_grams("レアアース") >= {"レ", "ー", "アア", "ース"}
    assert cjk_index.text_grams("한국 광물") == {"한", "국", "광", "물", "한국", "광물"}
    assert cjk_index.text_grams("人々") == {"人", "々", "人々"}
    assert cjk_index.text_grams("\U00020000\U0002a6d6") == {"\U00020000", "\U0002a6d6",
                                                            "\U00020000\U0002a6d6"}
    # Latin, digits and punctuation break a run and are never indexed
    assert cjk_index.text_grams("中a国 1 — é") == {"中", "国"}
    for english in ("price floor", "price — “floor” café", "", None):
        assert cjk_index.text_grams(english) == frozenset()
    # no pair spans the title and the body
    assert "国中" not in cjk_index.memo_grams("中国", "中文")


def test_query_grams_use_pairs_and_single_characters_alone():
    assert cjk_index.query_grams("中国") == ["中国"]
    assert cjk_index.query_grams("中") == ["中"]
    assert cjk_index.query_grams("G7 中国 と 米国") == ["中国", "と", "米国"]
    assert cjk_index.query_grams("price floor") == []
    long = "".join(chr(0x4E00 + n) for n in range(150))
    assert len(cjk_index.query_grams(long)) == cjk_index.MAX_QUERY_GRAMS


def test_every_write_keeps_the_index_with_the_memo(library):
    first = library.create(memo("中国の輸出規制", "ガリウムとゲルマニウム"))
    assert index_rows(library) == expected_rows(library) and index_rows(library)
    library.save(first, memo("中国の輸出規制", "レアアースの備蓄"))
    library.autosave(first, memo("輸出規制", "레어 어스 稀土"))
    library.autosave(first, memo("輸出規制", "レアアースの備蓄"))
    assert index_rows(library) == expected_rows(library)
    library.set_tags(first, ["鉱物"])
    created = library.versions(first)[-1]
    library.restore_version(first, created.id)
    assert library.get(first).memo.body == "ガリウムとゲルマニウム"
    assert index_rows(library) == expected_rows(library)
    second = library.import_markdown("---\ntitle: 锂\n---\n\n锂精矿的承购协议\n", "x.md")
    library.autosave(second, memo("English now", "nothing to index"))
    assert index_rows(library) == expected_rows(library)
    library.autosave(second, memo("锂", "锂精矿"))
    library.trash(second)
    library.untrash(second)
    library.trash(second)
    library.purge(second)
    assert index_rows(library) == expected_rows(library)
    assert {memo_id for _, memo_id in index_rows(library)} == {first}
    # raw SQL through the library's connection is kept too: the triggers do the work
    library.conn.execute("INSERT INTO memos (title, front, body, created, updated) "
                         "VALUES ('直接', '{}', '精錬と分離', '2026', '2026')")
    library.conn.execute("UPDATE memos SET body = '分離だけ' WHERE title = '直接'")
    assert index_rows(library) == expected_rows(library)


def test_a_connection_without_the_functions_cannot_write_a_memo(library):
    """Failing loudly is the point: an index missing a memo's grams would hide it."""
    other = sqlite3.connect(library.path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="cjk_grams"):
            other.execute("INSERT INTO memos (title, front, body, created, updated) "
                          "VALUES ('x', '{}', 'y', '2026', '2026')")
    finally:
        other.close()


def test_search_finds_cjk_in_titles_and_bodies_newest_first(library):
    titled = library.create(memo("中国の輸出規制", "Gallium and germanium."))
    bodied = library.create(memo("Export controls", "MOFCOM: 中国による輸出規制の強化"))
    library.create(memo("Korea", "한국은 핵심 광물 공급망"))
    trashed = library.create(memo("Old", "中国"))
    library.trash(trashed)
    assert [row[0] for row in library.search("中国")] == [bodied, titled]
    assert [row[0] for row in library.search("輸出規制")] == [bodied, titled]
    assert [row[0] for row in library.search("による輸出")] == [bodied]
    assert [row[0] for row in library.search("中国", limit=1)] == [bodied]
    assert [row[0] for row in library.search("MOFCOM: 中国")] == [bodied]  # mixed query
    assert [row[0] for row in library.search("mofcom: 中国")] == []  # bodies are exact
    assert library.search("中国人") == [] and library.search("银") == []
    assert len(library.search("광물")) == 1
    for query in ("中国", "輸出", "国", "MOFCOM: 中国", "—", "!!"):
        assert library.search(query, limit=1000) == old_scan(library, query)


def test_many_candidates_take_the_newest_first_walk_and_agree(library):
    """More candidates than FEW_CANDIDATES switches the plan; the answers must not change."""
    rng = random.Random(3)
    words = ["中国", "輸出", "規制", "稀土", "price", "镓", "ー"]
    for number in range(3 * cjk_index.FEW_CANDIDATES):
        body = "".join(rng.choice(words) for _ in range(12))
        library.conn.execute(
            "INSERT INTO memos (title, front, body, created, updated, deleted) "
            "VALUES (?, '{}', ?, '2026', ?, ?)",
            (f"中国 {number}" if number % 5 == 0 else f"Memo {number}", body,
             f"2026-01-{1 + number % 28:02d}", "2026" if number % 7 == 0 else ""))
    for query in ("中国", "中国輸出", "稀土price", "国", "镓ー", "規制中国稀土"):
        for limit in (1, 5, 50, 1000):
            assert cjk_index.substring_search(library.conn, query, limit) == \
                old_scan_ordered(library, query, limit)


def old_scan_ordered(library: MemoLibrary, text: str, limit: int) -> list[tuple[int, str, str]]:
    """The old scan with the id tie-break the new search adds for memos saved the same second."""
    return cjk_index.scan(library.conn, text, limit)


def test_the_scan_tie_break_only_settles_ties(library):
    for number in range(20):
        library.conn.execute("INSERT INTO memos (title, front, body, created, updated) "
                             "VALUES ('t', '{}', '中国', '2026', ?)", (f"2026-01-{number % 3}",))
    assert {row[0] for row in cjk_index.scan(library.conn, "中国", 1000)} == \
        {row[0] for row in old_scan(library, "中国")}
    assert [row[2] for row in cjk_index.scan(library.conn, "中国", 1000)] == \
        [row[2] for row in old_scan(library, "中国")]


def test_hostile_queries_never_raise(library):
    library.create(memo("中国", "中国 % _ ' \" \\ 🙂"))
    for hostile in ("\ud800", "中\ud800国", "中\x00国", "%", "_", "'", '"中"', "中" * 5000,
                    "🙂中", "\U00020000", "中 AND OR NOT *", "\u3000", "々", "ー" * 300):
        assert isinstance(library.search(hostile), list)
        assert isinstance(cjk_index.substring_search(library.conn, hostile, 50), list)


ALPHABET = st.sampled_from(list("中国輸出規制稀土镓レアースのにガリウム한국광물 ab-XY.，。\n"))
TEXT = st.text(ALPHABET, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TEXT, TEXT, st.booleans()), min_size=1, max_size=8),
       st.data())
def test_indexed_search_equals_the_substring_scan(memos, data):
    with tempfile.TemporaryDirectory() as home:
        library = MemoLibrary(Path(home), Clock())
        try:
            for title, body, deleted in memos:
                memo_id = library.create(memo(title or "untitled", body))
                if deleted:
                    library.trash(memo_id)
            assert index_rows(library) == expected_rows(library)
            title, body, _ = data.draw(st.sampled_from(memos))
            source = title + "\n" + body
            start = data.draw(st.integers(0, len(source)))
            cut = source[start:data.draw(st.integers(start, len(source)))]
            for query in (cut, data.draw(TEXT)):
                if not query:
                    continue
                indexed = cjk_index.substring_search(library.conn, query, 1000)
                assert indexed == old_scan(library, query)
                limit = data.draw(st.integers(1, 4))
                assert cjk_index.substring_search(library.conn, query, limit) == \
                    old_scan(library, query, limit)
        finally:
            library.close()


def test_raw_sql_fills_are_indexed_and_a_rebuild_agrees(library):
    for number in range(30):
        library.conn.execute(
            "INSERT INTO memos (title, front, body, created, updated) VALUES (?, '{}', ?, ?, ?)",
            (f"Memo {number}", "稀土" if number % 3 else "price floor", "2026",
             f"2026-01-{number + 1:02d}"))
    assert index_rows(library) == expected_rows(library)
    library.conn.execute("BEGIN")
    cjk_index.rebuild(library.conn)
    library.conn.execute("COMMIT")
    assert index_rows(library) == expected_rows(library)
    assert library.search("稀土", limit=1000) == old_scan(library, "稀土")


KILLER = """
import sys
from pathlib import Path
from desktop.domain.memo import Memo
from desktop.library.store import MemoLibrary
library = MemoLibrary(Path(sys.argv[1]))
start = int(sys.argv[2])
for n in range(start, start + 100000):
    body = "".join(chr(0x4E00 + (n * 7 + k) % 20000) for k in range(300)) + "END-%d" % n
    if n % 3 == 0 and n > start:
        library.autosave(memo_id, Memo({"title": "改 %d" % n}, body))
    memo_id = library.import_markdown("---\\ntitle: 記録 %d\\n---\\n" % n + body, "k.md")
    sys.stdout.write("%d\\n" % memo_id)
    sys.stdout.flush()
"""


def test_killed_writes_never_leave_the_index_disagreeing(tmp_path):
    home = tmp_path / "killed"
    rng = random.Random(11)
    start = 0
    for _round in range(3):
        process = subprocess.Popen([sys.executable, "-c", KILLER, str(home), str(start)],
                                   cwd=REPO, stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.6, 1.2))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        start += 100_000
    library = MemoLibrary(home)
    try:
        assert library.integrity() == "ok" and library.count() > 0
        assert index_rows(library) == expected_rows(library)
    finally:
        library.close()
