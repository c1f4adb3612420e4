"""A gram index for text without word breaks (Chinese, Japanese, Korean) in the memo library.

Why it exists: FTS5's ``unicode61`` tokenizer treats a whole run of Han or kana as one "word",
so a search for 中国 inside 中国による輸出規制 finds nothing there; the library therefore looks
such text up as a substring, and a substring scan reads every memo (about 100 ms at 10 000
memos). This module keeps, for every memo, the set of CJK characters (unigrams) and adjacent
CJK character pairs (bigrams) in its title and body, in the table ``memo_cjk``.

How it stays right:

- **The index only narrows; ``instr`` decides.** Any text containing the query contains each of
  the query's grams, so the memos holding all of them are a superset of the answer; the same
  ``instr`` test the scan used is then run on those candidates alone. A stale extra row can
  cost time, never a result; only a *missing* row could lose one, and rows are added by
  triggers in the same transaction as the write (next point).
- **Triggers, not call sites.** ``memos`` triggers call the SQL functions registered by
  :func:`register`, so every write of a title or body - create, save, autosave, import,
  restoring a version, a bulk fill with raw SQL - updates the index inside its own transaction;
  a kill leaves both or neither. A connection without the functions cannot write a memo at all
  (the trigger fails and the statement rolls back), which is the safe way to fail.
- **Cheap when there is nothing to do.** English text is rejected by one regex scan; an
  autosave of unchanged text skips the trigger (``WHEN``); an edit of a CJK-heavy memo deletes
  and inserts only the grams that differ between the old and new text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from functools import lru_cache

# Scripts written without spaces between words. 々〆〇 are included because they sit inside
# Japanese and Chinese words (人々); the wide 3400-9FFF block also covers every character the
# library's routing regex sends to the substring search, so such a query always has grams.
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana (with ー)
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana Phonetic Extensions
    (0x3400, 0x9FFF),  # CJK Extension A and CJK Unified Ideographs
    (0xAC00, 0xD7AF),  # Hangul Syllables
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFF66, 0xFF9F),  # Halfwidth Katakana
    (0x20000, 0x3134F),  # CJK Extensions B to G
)
_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES)
CJK_RUN = re.compile(f"[{_CLASS}]+")
# The first UTF-8 byte of any indexed character (it rises with the code point, so the ends of
# each range bound it). Looking for these bytes is a memchr; a regex over the text costs
# about 20 ns a character, which on a long English memo with dashes and quotes is milliseconds.
_LEAD_BYTES = tuple(bytes([lead]) for lead in sorted({
    lead for low, high in CJK_RANGES
    for lead in range(chr(low).encode()[0], chr(high).encode()[0] + 1)}))

# A long query yields many bigrams; a spread of this many narrows as well as all of them.
MAX_QUERY_GRAMS = 16
# Up to this many candidates are read directly; beyond it a newest-first walk that can stop
# early is cheaper (see substring_search).
FEW_CANDIDATES = 64

MIGRATION = """
CREATE TABLE memo_cjk (
    gram TEXT NOT NULL,
    memo_id INTEGER NOT NULL,
    PRIMARY KEY (gram, memo_id)
) WITHOUT ROWID;
INSERT INTO memo_cjk (gram, memo_id)
    SELECT g.value, m.id FROM memos m, json_each(cjk_grams(m.title, m.body)) g;
CREATE TRIGGER memos_cjk_ai AFTER INSERT ON memos BEGIN
    INSERT OR IGNORE INTO memo_cjk (gram, memo_id)
        SELECT value, new.id FROM json_each(cjk_grams(new.title, new.body));
END;
CREATE TRIGGER memos_cjk_au AFTER UPDATE OF title, body ON memos
WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
    DELETE FROM memo_cjk WHERE memo_id = old.id AND gram IN
        (SELECT value FROM json_each(cjk_grams_gone(old.title, old.body, new.title, new.body)));
    INSERT OR IGNORE INTO memo_cjk (gram, memo_id)
        SELECT value, new.id
        FROM json_each(cjk_grams_new(old.title, old.body, new.title, new.body));
END;
CREATE TRIGGER memos_cjk_ad AFTER DELETE ON memos BEGIN
    DELETE FROM memo_cjk WHERE memo_id = old.id AND gram IN
        (SELECT value FROM json_each(cjk_grams(old.title, old.body)));
END;
"""
"""Schema step that creates, fills and maintains ``memo_cjk``; needs :func:`register` first.

Rows are deleted by the grams of the old text rather than by ``memo_id`` so the primary key
(gram, memo_id) serves every statement and no second index has to be written on each insert.
"""

_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def text_grams(text: str | None) -> frozenset[str]:
    """Every CJK character and adjacent CJK pair in ``text``.

    Cached because one update asks for the old and the new text's grams twice each (once for
    the rows to drop, once for the rows to add). Lines are worked out (and cached) one by one:
    no gram spans a newline, and an autosave of a long memo changes one line, so the rest come
    from the cache instead of being paired again (about 25 ms for 100 pages of Japanese).
    """
    if not text or text.isascii():  # isascii is O(1): str records whether it is ASCII
        return _NONE
    encoded = text.encode("utf-8", "surrogatepass")
    if not any(lead in encoded for lead in _LEAD_BYTES):  # English with dashes, accents
        return _NONE
    return _NONE.union(*map(_line_grams, text.split("\n")))


@lru_cache(maxsize=4096)
def _line_grams(line: str) -> frozenset[str]:
    if line.isascii():
        return _NONE
    grams: set[str] = set()
    for run in CJK_RUN.findall(line):
        grams.update(run)
        grams.update(map(str.__add__, run, run[1:]))
    return frozenset(grams)


def memo_grams(title: str | None, body: str | None) -> frozenset[str]:
    """The grams of a memo: title and body apart, so no pair spans the two."""
    return text_grams(title) | text_grams(body)


def query_grams(text: str) -> list[str]:
    """Grams every memo containing ``text`` must hold: the bigrams of each CJK run, or the
    character itself for a run of one. Empty when ``text`` has no CJK character."""
    grams: dict[str, None] = {}
    for run in CJK_RUN.findall(text):
        if len(run) == 1:
            grams[run] = None
        else:
            grams.update(dict.fromkeys(map(str.__add__, run, run[1:])))
    chosen = list(grams)
    if len(chosen) > MAX_QUERY_GRAMS:
        step = len(chosen) / MAX_QUERY_GRAMS
        chosen = [chosen[int(i * step)] for i in range(MAX_QUERY_GRAMS)]
    return chosen


def _json(grams: frozenset[str]) -> str:
    return json.dumps(sorted(grams), ensure_ascii=False) if grams else "[]"


def _grams_sql(title: str | None, body: str | None) -> str:
    return _json(memo_grams(title, body))


def _gone_sql(old_title: str | None, old_body: str | None, new_title: str | None,
              new_body: str | None) -> str:
    return _json(memo_grams(old_title, old_body) - memo_grams(new_title, new_body))


def _new_sql(old_title: str | None, old_body: str | None, new_title: str | None,
             new_body: str | None) -> str:
    return _json(memo_grams(new_title, new_body) - memo_grams(old_title, old_body))


def register(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the functions the ``memo_cjk`` triggers call; must precede any write.

    SQLite builds that default to ``trusted_schema = OFF`` refuse application functions in
    triggers; these triggers are the library's own, so the connection trusts its schema.
    """
    conn.execute("PRAGMA trusted_schema = ON")
    conn.create_function("cjk_grams", 2, _grams_sql, deterministic=True)
    conn.create_function("cjk_grams_gone", 4, _gone_sql, deterministic=True)
    conn.create_function("cjk_grams_new", 4, _new_sql, deterministic=True)


_MATCHES = "(instr(lower(m.title), lower(?)) > 0 OR instr(m.body, ?) > 0)"


def substring_search(conn: sqlite3.Connection, text: str, limit: int
                     ) -> list[tuple[int, str, str]]:
    """Memos (not in the trash) whose title (ASCII case folded) or body contains ``text``,
    most recently updated first: through the index when ``text`` has CJK grams, else a scan.
    """
    if not text or limit <= 0:
        return []
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no stored text can contain one
        return []
    grams = query_grams(text)
    if not grams:
        return scan(conn, text, limit)
    ids = [memo_id for (memo_id,) in conn.execute(
        " INTERSECT ".join(["SELECT memo_id FROM memo_cjk WHERE gram = ?"] * len(grams)), grams)]
    if not ids:
        return []
    # Few candidates: read just those rows. Many (a common word such as 中国): walk memos
    # newest first and stop at ``limit``; the id test needs only the index, so memos that are
    # not candidates cost an index step (about 0.1 µs), never a read of their body.
    order = "" if len(ids) <= FEW_CANDIDATES else "INDEXED BY memos_by_updated "
    return list(conn.execute(
        f"SELECT m.id, m.title, m.updated FROM memos m {order}"
        "WHERE m.id IN (SELECT value FROM json_each(?)) "
        f"AND m.deleted = '' AND {_MATCHES} ORDER BY m.updated DESC, m.id DESC LIMIT ?",
        (json.dumps(ids), text, text, limit)))


def scan(conn: sqlite3.Connection, text: str, limit: int) -> list[tuple[int, str, str]]:
    """The plain substring scan over every memo: the fallback, and what the index must equal."""
    return list(conn.execute(
        f"SELECT m.id, m.title, m.updated FROM memos m WHERE m.deleted = '' AND {_MATCHES} "
        "ORDER BY m.updated DESC, m.id DESC LIMIT ?", (text, text, limit)))


def rebuild(conn: sqlite3.Connection) -> None:
    """Refill ``memo_cjk`` from the memos (inside the caller's transaction): for a repair, or a
    future change to which characters are indexed."""
    conn.execute("DELETE FROM memo_cjk")
    conn.execute("INSERT INTO memo_cjk (gram, memo_id) SELECT g.value, m.id FROM memos m, "
                 "json_each(cjk_grams(m.title, m.body)) g")
