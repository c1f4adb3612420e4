"""The memo library: versions, trash, search, migrations, damage, backups, imports, kills."""

from __future__ import annotations

import datetime
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.memo import Memo
from desktop.library.store import (
    FILE_NAME,
    MIGRATIONS,
    SNAPSHOT_EVERY,
    ImportRefused,
    LibraryDamaged,
    LibraryError,
    MemoLibrary,
)
from tests.conftest import REPO, corrupt_library


class Clock:
    def __init__(self) -> None:
        self.now = datetime.datetime(2026, 11, 28, 9, 0, tzinfo=datetime.UTC)

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += datetime.timedelta(seconds=seconds)


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def library(tmp_path, clock):
    lib = MemoLibrary(tmp_path / "home", clock)
    yield lib
    lib.close()


def memo(title: str, body: str = "Body text.") -> Memo:
    return Memo({"title": title, "marking": "OFFICIAL"}, body)


def test_create_save_and_versions(library, clock):
    memo_id = library.create(memo("First"))
    clock.advance(10)
    library.save(memo_id, memo("First, revised", "New body"))
    stored = library.get(memo_id)
    assert stored.title == "First, revised" and stored.memo.body == "New body"
    assert [v.reason for v in library.versions(memo_id)] == ["saved", "created"]
    old = library.versions(memo_id)[1]
    library.restore_version(memo_id, old.id)
    assert library.get(memo_id).memo.body == "Body text."


def test_autosave_snapshots_at_most_every_few_minutes(library, clock):
    memo_id = library.create(memo("Draft"))
    for step in range(20):
        clock.advance(30)
        library.autosave(memo_id, memo("Draft", f"text {step}"))
    assert library.get(memo_id).memo.body == "text 19"
    autos = [v for v in library.versions(memo_id) if v.reason == "autosave"]
    assert 1 <= len(autos) <= 20 * 30 // SNAPSHOT_EVERY + 1


def test_trash_restore_and_purge(library):
    memo_id = library.create(memo("Doomed"))
    library.trash(memo_id)
    assert library.list() == [] and library.list(trash=True)[0][0] == memo_id
    library.untrash(memo_id)
    assert library.list()[0][0] == memo_id
    library.purge(memo_id)  # only from the trash: nothing happens
    assert library.get(memo_id)
    library.trash(memo_id)
    library.purge(memo_id)
    with pytest.raises(LibraryError):
        library.get(memo_id)


def test_search_and_recent(library, clock):
    ids = []
    for title, body in (("Gallium controls", "MOFCOM announcement on gallium"),
                        ("Rare earths", "magnets and separation"), ("G7", "price floor")):
        clock.advance(60)
        ids.append(library.create(memo(title, body)))
    assert [row[0] for row in library.recent()] == list(reversed(ids))
    assert [row[0] for row in library.search("gallium")] == [ids[0]]
    assert [row[0] for row in library.search("separation")] == [ids[1]]
    assert [row[0] for row in library.search("G7")] == [ids[2]]
    for hostile in ('"', "AND OR", "*", "x" * 5000, "🙂", "", "  "):
        assert isinstance(library.search(hostile), list)
    # one letter (the first keystroke): titles starting with it, most recent first
    assert [row[0] for row in library.search("g")] == [ids[2], ids[0]]
    assert [row[0] for row in library.search("m")] == []  # "magnets" is in a body, not a title
    for wildcard in ("%", "_"):
        assert library.search(wildcard) == []


def test_migration_from_the_first_schema(tmp_path, clock):
    home = tmp_path / "old"
    home.mkdir()
    conn = sqlite3.connect(home / FILE_NAME)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO memos (title, front, body, created, updated) VALUES "
                 "('Old memo', '{\"title\": \"Old memo\"}', 'written before search existed', "
                 "'2025-01-01', '2025-01-01')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    library = MemoLibrary(home, clock)
    assert library.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert library.search("before search")[0][1] == "Old memo"
    library.set_tags(1, ["legacy"])
    assert library.get(1).tags == ["legacy"]
    library.close()


def test_migration_from_the_previous_schema_builds_the_cjk_index(tmp_path, clock):
    """A library written at version 2 (tags and FTS, no gram index) gains ``memo_cjk``, filled
    from the memos already there, and its unspaced searches go through it."""
    home = tmp_path / "v2"
    home.mkdir()
    conn = sqlite3.connect(home / FILE_NAME)
    conn.executescript(MIGRATIONS[0] + MIGRATIONS[1])
    for number, (title, body) in enumerate((("中国の輸出規制", "ガリウム"),
                                            ("Rare earths", "稀土永磁体的供应仍然集中在中国。"),
                                            ("English", "price floor"),
                                            ("한국", "핵심 광물"))):
        conn.execute("INSERT INTO memos (title, front, body, created, updated) VALUES "
                     "(?, '{}', ?, '2025-01-01', ?)", (title, body, f"2025-01-0{number + 1}"))
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    library = MemoLibrary(home, clock)
    assert library.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 4
    indexed = {memo_id for (memo_id,) in library.conn.execute("SELECT memo_id FROM memo_cjk")}
    assert indexed == {1, 2, 4}
    assert [row[0] for row in library.search("中国")] == [2, 1]
    assert [row[0] for row in library.search("광물")] == [4]
    assert [row[0] for row in library.search("price floor")] == [3]
    library.autosave(1, Memo({"title": "輸出規制"}, "ガリウム"))
    assert [row[0] for row in library.search("中国")] == [2]
    library.close()


def test_a_newer_schema_is_refused(tmp_path):
    home = tmp_path / "future"
    home.mkdir()
    conn = sqlite3.connect(home / FILE_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(LibraryError, match="newer briefdesk"):
        MemoLibrary(home)


def test_damage_is_detected_reported_and_never_overwritten(tmp_path, clock):
    home = tmp_path / "home"
    library = MemoLibrary(home, clock)
    library.create(memo("Precious", "every word"))
    backup = library.backup_if_due()
    library.close()
    corrupt_library(home)
    damaged = (home / FILE_NAME).read_bytes()
    with pytest.raises(LibraryDamaged) as caught:
        MemoLibrary(home, clock)
    assert backup.name in str(caught.value) and caught.value.backups[0] == backup
    assert (home / FILE_NAME).read_bytes() == damaged
    kept = MemoLibrary.restore_backup(home, backup)
    assert kept.read_bytes() == bytes(damaged)
    restored = MemoLibrary(home, clock)
    assert restored.get(1).memo.body == "every word"
    restored.close()


def test_a_damaged_backup_is_never_the_one_offered(tmp_path, clock):
    """The newest backup by name used to be offered even when it was itself damaged, and
    restoring it crashed the app; now only backups that pass quick_check are offered."""
    home = tmp_path / "home"
    library = MemoLibrary(home, clock)
    library.create(memo("Precious", "every word"))
    good = library.backup_if_due()
    clock.now += datetime.timedelta(days=1)
    bad = library.backup_if_due()
    library.close()
    data = bytearray(bad.read_bytes())
    data[100:4096] = bytes(3996)
    bad.write_bytes(bytes(data))
    corrupt_library(home)
    with pytest.raises(LibraryDamaged) as caught:
        MemoLibrary(home, clock)
    assert caught.value.backups == [good] and good.name in str(caught.value)
    kept = MemoLibrary.set_aside(home, "x")
    assert kept.exists() and not (home / FILE_NAME).exists()
    assert MemoLibrary.set_aside(home, "x").name == "library-damaged-x-1.sqlite"


def test_backups_are_daily_and_the_newest_seven_are_kept(library, clock):
    library.create(memo("x"))
    for _day in range(10):
        assert library.backup_if_due() is not None
        assert library.backup_if_due() is None  # one a day
        clock.advance(86_400)
    backups = library.backups()
    assert len(backups) == 7
    assert backups[0].name == "library-2026-12-07.sqlite"


def test_imports_are_whole_or_refused(library):
    good = "---\ntitle: Imported\nkeywords: a, b\n---\n\n# Body\n"
    memo_id = library.import_markdown(good, "x.md")
    assert library.get(memo_id).tags == ["a", "b"]
    untitled = library.import_markdown("just text", "notes.md")
    assert library.get(untitled).title == "notes"
    before = library.count()
    for bad, message in (("---\nnot a pair\n---\n", "not imported"), ("a\x00b", "NUL"),
                         ("x" * 6_000_000, "larger than")):
        with pytest.raises(ImportRefused, match=message):
            library.import_markdown(bad, "bad.md")
    assert library.count() == before


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=800))
def test_any_import_file_is_stored_exactly_or_refused(library, text):
    before = library.count()
    try:
        memo_id = library.import_markdown(text, "fuzz.md")
    except ImportRefused:
        assert library.count() == before
        return
    assert library.count() == before + 1
    assert library.get(memo_id).memo.body.strip() in text.replace("\r\n", "\n").replace("\r", "\n")


KILLER = """
import sys
from pathlib import Path
from desktop.library.store import MemoLibrary
library = MemoLibrary(Path(sys.argv[1]))
start = int(sys.argv[2])
for n in range(start, start + 100000):
    body = ("line %d " % n) * 400 + "END-%d" % n
    memo_id = library.import_markdown("---\\ntitle: memo %d\\n---\\n" % n + body, "k.md")
    sys.stdout.write("%d %d\\n" % (memo_id, n))
    sys.stdout.flush()
"""


def test_killed_imports_leave_no_partial_and_lose_no_finished_memo(tmp_path):
    home = tmp_path / "killed"
    finished: dict[int, int] = {}
    rng = random.Random(7)
    start = 0
    for _round in range(6):
        process = subprocess.Popen([sys.executable, "-c", KILLER, str(home), str(start)],
                                   cwd=REPO, stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.6, 1.5))
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate(timeout=30)
        complete = out if out.endswith("\n") else out[:out.rfind("\n") + 1]  # a kill mid-line
        for line in complete.splitlines():
            memo_id, n = (int(x) for x in line.split())
            finished[memo_id] = n
        start += 100_000
    library = MemoLibrary(home)
    assert library.integrity() == "ok"
    stored = dict(library.conn.execute("SELECT id, body FROM memos"))
    assert finished and set(finished) <= set(stored)
    for body in stored.values():
        n = int(body.rsplit("END-", 1)[1])  # every stored memo is whole
        assert body == f"line {n} " * 400 + f"END-{n}"
    library.close()


def test_tags_follow_the_keywords_field(tmp_path):
    library = MemoLibrary(tmp_path / "tags")
    memo_id = library.create(Memo({"title": "T", "keywords": "gallium; export controls"}, "b"))
    assert library.get(memo_id).tags == ["export controls", "gallium"]
    library.autosave(memo_id, Memo({"title": "T", "keywords": "cobalt"}, "b"))
    assert library.get(memo_id).tags == ["cobalt"]
    library.set_tags(memo_id, ["DRC", " ", "cobalt", "DRC"])
    stored = library.get(memo_id)
    assert stored.tags == ["DRC", "cobalt"] and stored.memo.get("keywords") == "DRC, cobalt"
    library.autosave(memo_id, Memo({"title": "T"}, "b"))  # the field cleared in the editor
    assert library.get(memo_id).tags == []
    library.close()
