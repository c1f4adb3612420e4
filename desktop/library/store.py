"""The memo library: the user's memos in one SQLite file, built so nothing typed is lost.

Design, in one place:

- **One file, WAL mode**, in the user data directory (``BRIEFDESK_HOME`` in tests). Every change is
  one transaction, so a crash, a kill or a full disk leaves either the old or the new state.
- **Versioned schema**: ``PRAGMA user_version`` says which migrations have run; migrations only go
  forward and each runs in its own transaction. Version 1 held memos and versions; version 2 added
  tags and full-text search; version 3 added ``memo_cjk``, the gram index for Chinese, Japanese and
  Korean text (see ``cjk_index``), kept by triggers that call functions every connection
  registers before it writes; version 4 indexes titles by recency. The migrations themselves are
  in ``schema``.
- **Integrity on open**: ``PRAGMA quick_check`` runs first; a damaged file raises
  ``LibraryDamaged`` naming the newest backup that itself passes ``quick_check`` (a backup taken
  of a file already going bad is no rescue). The damaged file is never written to; restoring, or
  starting afresh, moves it aside under a ``library-damaged-…`` name.
- **Backups**: at most one a day, made with SQLite's online backup API, the newest seven kept.
- **Versions**: an explicit save, and autosave at most every ``SNAPSHOT_EVERY`` seconds, copies the
  memo into ``versions``; older versions can be listed and restored. Deleting moves to the trash.
- **Tags** are the memo's ``keywords`` front-matter field, indexed in ``tags``: every write keeps
  the two in step, so the editor's Tags field, the `.md` file and ``set_tags`` agree.

Times come from an injected clock, so tests control "now".
"""

from __future__ import annotations

import datetime
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.domain.memo import Memo, MemoSyntaxError, parse_memo
from desktop.library import cjk_index
from desktop.library.schema import MIGRATIONS, SCHEMA_VERSION

FILE_NAME = "library.sqlite"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 7
SNAPSHOT_EVERY = 300  # seconds between automatic version snapshots while editing
MAX_IMPORT_BYTES = 5_000_000

Clock = Callable[[], datetime.datetime]
_WORD = re.compile(r"\w+")
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class LibraryError(UserError, RuntimeError):
    """Something the user should be told in one sentence."""


class LibraryDamaged(LibraryError):
    """The library failed its check; ``backups`` are the good ones, newest first."""

    def __init__(self, path: Path, backups: list[Path]) -> None:
        newest = backups[0].name if backups else None
        offer = f" The newest good backup is {newest}." if newest else " There is no good backup."
        super().__init__(f"The memo library {path} is damaged and was left untouched.{offer}")
        self.path, self.backups = path, backups


class ImportRefused(LibraryError):
    """An import that was not made; nothing was written."""


@dataclass(frozen=True)
class StoredMemo:
    id: int
    memo: Memo
    tags: list[str]
    created: str
    updated: str
    deleted: str

    @property
    def title(self) -> str:
        return self.memo.title

    def to_json(self, body: bool = True) -> dict:
        data = {"id": self.id, "title": self.title, "tags": self.tags, "created": self.created,
                "updated": self.updated, "deleted": self.deleted or None}
        if body:
            data.update({"front_matter": self.memo.front, "body": self.memo.body})
        return data


@dataclass(frozen=True)
class Version:
    id: int
    memo_id: int
    saved: str
    reason: str
    title: str


class MemoLibrary:
    def __init__(self, directory: Path, clock: Clock = utc_now) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / FILE_NAME
        self.clock = clock
        self._last_snapshot: dict[int, datetime.datetime] = {}
        self.conn = self._open()

    # -- opening, migrations, backups ---------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        existed = self.path.exists() and self.path.stat().st_size > 0
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            if existed:
                ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                if not ok:
                    raise sqlite3.DatabaseError("quick_check failed")
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError:
            raise LibraryDamaged(self.path, [b for b in self.backups() if is_sound(b)]) from None
        cjk_index.register(conn)  # before the migrations: version 3 and its triggers call it
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        self._migrate(conn)
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LibraryError(f"The memo library was written by a newer briefdesk (schema "
                               f"{version}); update the app to open it.")
        for number in range(version, SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.conn.close()

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        folder = self.directory / BACKUP_DIR
        return sorted(folder.glob("library-*.sqlite"), reverse=True) if folder.is_dir() else []

    def backup_if_due(self) -> Path | None:
        """Today's backup, if there is none yet; keeps the newest seven."""
        folder = self.directory / BACKUP_DIR
        folder.mkdir(exist_ok=True)
        target = folder / f"library-{self.clock().date().isoformat()}.sqlite"
        if target.exists():
            return None
        partial = target.with_suffix(".part")
        copy = sqlite3.connect(partial)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()
        partial.replace(target)
        for old in self.backups()[KEEP_BACKUPS:]:
            old.unlink(missing_ok=True)
        return target

    @staticmethod
    def set_aside(directory: Path, label: str) -> Path:
        """Move the library file out of the way (renamed, never deleted), so a backup or an
        empty library can take its place; returns where it went."""
        directory = Path(directory)
        current = directory / FILE_NAME
        kept = directory / f"library-damaged-{label}.sqlite"
        number = 1
        while kept.exists():
            kept = directory / f"library-damaged-{label}-{number}.sqlite"
            number += 1
        if current.exists():
            current.replace(kept)
        for suffix in ("-wal", "-shm"):
            (directory / (FILE_NAME + suffix)).unlink(missing_ok=True)
        return kept

    @classmethod
    def restore_backup(cls, directory: Path, backup: Path) -> Path:
        """Put a backup in place of a damaged library; the damaged file is kept beside it."""
        directory = Path(directory)
        current = directory / FILE_NAME
        kept = cls.set_aside(directory, backup.stem.removeprefix("library-"))
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        target = sqlite3.connect(current)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return kept

    # -- writing ------------------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _now(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def create(self, memo: Memo, tags: list[str] | None = None) -> int:
        if tags:  # tags live in the keywords field (see the module notes)
            memo = Memo({**memo.front, "keywords": ", ".join(tags)}, memo.body)
        now = self._now()
        with self._transaction() as conn:
            memo_id = conn.execute(
                "INSERT INTO memos (title, front, body, created, updated) VALUES (?, ?, ?, ?, ?)",
                (memo.title, _front(memo), memo.body, now, now)).lastrowid
            self._set_tags(conn, memo_id, memo.keywords)
            self._snapshot(conn, memo_id, memo, "created")
        return memo_id

    def save(self, memo_id: int, memo: Memo, reason: str = "saved") -> None:
        """An explicit save: the text and a version snapshot, in one transaction."""
        with self._transaction() as conn:
            self._write(conn, memo_id, memo)
            self._snapshot(conn, memo_id, memo, reason)

    def autosave(self, memo_id: int, memo: Memo) -> None:
        """Keep the text; take a version snapshot at most every SNAPSHOT_EVERY seconds."""
        now = self.clock()
        last = self._last_snapshot.get(memo_id)
        with self._transaction() as conn:
            self._write(conn, memo_id, memo)
            if last is None or (now - last).total_seconds() >= SNAPSHOT_EVERY:
                self._snapshot(conn, memo_id, memo, "autosave")

    def _write(self, conn: sqlite3.Connection, memo_id: int, memo: Memo) -> None:
        changed = conn.execute(
            "UPDATE memos SET title = ?, front = ?, body = ?, updated = ? WHERE id = ?",
            (memo.title, _front(memo), memo.body, self._now(), memo_id)).rowcount
        if not changed:
            raise LibraryError(f"There is no memo {memo_id} in the library.")
        self._set_tags(conn, memo_id, memo.keywords)

    def _snapshot(self, conn: sqlite3.Connection, memo_id: int, memo: Memo, reason: str) -> None:
        conn.execute("INSERT INTO versions (memo_id, saved, reason, title, front, body) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (memo_id, self._now(), reason, memo.title, _front(memo), memo.body))
        self._last_snapshot[memo_id] = self.clock()

    @staticmethod
    def _set_tags(conn: sqlite3.Connection, memo_id: int, tags: list[str]) -> None:
        conn.execute("DELETE FROM tags WHERE memo_id = ?", (memo_id,))
        for tag in dict.fromkeys(t.strip() for t in tags if t.strip()):
            conn.execute("INSERT INTO tags (memo_id, tag) VALUES (?, ?)", (memo_id, tag[:80]))

    def set_tags(self, memo_id: int, tags: list[str]) -> None:
        """Replace the tags; the memo's ``keywords`` field is rewritten to match."""
        memo = self.get(memo_id).memo
        keywords = ", ".join(dict.fromkeys(t.strip() for t in tags if t.strip()))
        front = {k: v for k, v in memo.front.items() if k != "keywords"}
        with self._transaction() as conn:
            self._write(conn, memo_id, Memo({**front, **({"keywords": keywords} if keywords
                                                         else {})}, memo.body))

    def trash(self, memo_id: int) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE memos SET deleted = ? WHERE id = ?", (self._now(), memo_id))

    def untrash(self, memo_id: int) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE memos SET deleted = '' WHERE id = ?", (memo_id,))

    def purge(self, memo_id: int) -> None:
        """Delete for good (only from the trash)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM memos WHERE id = ? AND deleted != ''", (memo_id,))

    def restore_version(self, memo_id: int, version_id: int) -> None:
        row = self.conn.execute("SELECT front, body FROM versions WHERE id = ? AND memo_id = ?",
                                (version_id, memo_id)).fetchone()
        if row is None:
            raise LibraryError(f"Memo {memo_id} has no version {version_id}.")
        self.save(memo_id, Memo(json.loads(row[0]), row[1]), reason=f"restored {version_id}")

    def import_markdown(self, text: str, name: str = "") -> int:
        """One memo from a .md file, in one transaction; refused whole or stored whole."""
        if len(text.encode("utf-8", "surrogatepass")) > MAX_IMPORT_BYTES:
            raise ImportRefused(f"{name or 'The file'} is larger than "
                                f"{MAX_IMPORT_BYTES // 1_000_000} MB and was not imported.")
        if "\x00" in text:
            raise ImportRefused(f"{name or 'The file'} contains NUL bytes: not a text memo.")
        try:
            memo = parse_memo(text.encode("utf-8", "replace").decode("utf-8"))
        except MemoSyntaxError as exc:
            raise ImportRefused(f"{name or 'The file'} was not imported: {exc}.") from None
        if not memo.get("title") and name:
            memo = Memo({**memo.front, "title": Path(name).stem}, memo.body)
        return self.create(memo)

    # -- reading ------------------------------------------------------------------------------
    def exists(self, memo_id: int) -> bool:
        """Is there a memo with this id (in the trash or not)?"""
        return self.conn.execute("SELECT 1 FROM memos WHERE id = ?",
                                 (memo_id,)).fetchone() is not None

    def get(self, memo_id: int) -> StoredMemo:
        row = self.conn.execute("SELECT id, front, body, created, updated, deleted FROM memos "
                                "WHERE id = ?", (memo_id,)).fetchone()
        if row is None:
            raise LibraryError(f"There is no memo {memo_id} in the library.")
        return self._stored(row)

    def _stored(self, row) -> StoredMemo:
        tags = [t for (t,) in self.conn.execute(
            "SELECT tag FROM tags WHERE memo_id = ? ORDER BY tag", (row[0],))]
        return StoredMemo(row[0], Memo(json.loads(row[1]), row[2]), tags, row[3], row[4], row[5])

    def list(self, trash: bool = False, limit: int = 200, offset: int = 0
             ) -> list[tuple[int, str, str]]:
        """(id, title, updated), most recently updated first."""
        return list(self.conn.execute(
            "SELECT id, title, updated FROM memos WHERE (deleted != '') = ? "
            "ORDER BY updated DESC, id DESC LIMIT ? OFFSET ?", (trash, limit, offset)))

    def count(self, trash: bool = False) -> int:
        return self.conn.execute("SELECT count(*) FROM memos WHERE (deleted != '') = ?",
                                 (trash,)).fetchone()[0]

    def recent(self, limit: int = 8) -> list[tuple[int, str, str]]:
        return self.list(limit=limit)

    def search(self, query: str, limit: int = 50) -> list[tuple[int, str, str]]:
        """Titles and bodies, every word as a prefix ("minist" finds "ministerial"), most
        relevant first. A single letter finds titles starting with it, most recent first. Text
        without word breaks (Chinese, Japanese) or no word at all is looked for as a substring,
        narrowed by the gram index when it has CJK characters.
        Any text returns results or nothing, never an error."""
        text = " ".join(query.split())[:200]
        words = [w for w in _WORD.findall(text.casefold()) if w][:12]
        if not words or _NO_SPACES.search(text):
            return cjk_index.substring_search(self.conn, text, limit)
        if len(words) == 1 and len(words[0]) == 1:
            # One letter matches nearly every memo, and ranking them all is the slowest query
            # there is; while the user is still typing, titles that start with it are what helps.
            return list(self.conn.execute(
                "SELECT id, title, updated FROM memos WHERE deleted = '' AND "
                "lower(title) LIKE ? ESCAPE '\\' ORDER BY updated DESC LIMIT ?",
                (words[0].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                 + "%", limit)))
        match = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
        return list(self.conn.execute(
            "SELECT m.id, m.title, m.updated FROM memo_search s JOIN memos m ON m.id = s.rowid "
            "WHERE memo_search MATCH ? AND m.deleted = '' ORDER BY s.rank LIMIT ?",
            (match, limit)))

    def versions(self, memo_id: int) -> list[Version]:
        return [Version(*row) for row in self.conn.execute(
            "SELECT id, memo_id, saved, reason, title FROM versions WHERE memo_id = ? "
            "ORDER BY saved DESC, id DESC", (memo_id,))]

    def version_text(self, version_id: int) -> Memo:
        row = self.conn.execute("SELECT front, body FROM versions WHERE id = ?",
                                (version_id,)).fetchone()
        if row is None:
            raise LibraryError(f"There is no version {version_id}.")
        return Memo(json.loads(row[0]), row[1])

    def export_markdown(self, memo_id: int) -> str:
        """The memo as a `.md` file reads it back: front matter, body, a final newline."""
        return self.get(memo_id).memo.to_file()

    def integrity(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


def is_sound(path: Path) -> bool:
    """Whether a library file (a backup) opens read-only and passes ``quick_check``."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _front(memo: Memo) -> str:
    return json.dumps(memo.front, ensure_ascii=False, sort_keys=True)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (triggers keep their inner semicolons)."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements
