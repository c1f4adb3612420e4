"""The memo library's schema: one-way migrations, numbered by ``PRAGMA user_version``.

A library made by any earlier version is brought up to date by running the migrations it has not
seen, in order, each in its own transaction; none is ever edited once released, and none goes back.
"""

from __future__ import annotations

from desktop.library import cjk_index

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE memos (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        front TEXT NOT NULL,
        body TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        deleted TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        memo_id INTEGER NOT NULL REFERENCES memos(id) ON DELETE CASCADE,
        saved TEXT NOT NULL,
        reason TEXT NOT NULL,
        title TEXT NOT NULL,
        front TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX versions_by_memo ON versions(memo_id, saved);
    CREATE INDEX memos_by_updated ON memos(updated);
    """,
    # 2: tags and full-text search over titles and bodies
    """
    CREATE TABLE tags (
        memo_id INTEGER NOT NULL REFERENCES memos(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (memo_id, tag)
    );
    CREATE VIRTUAL TABLE memo_search USING fts5(title, body, content='memos',
                                                content_rowid='id',
                                                tokenize='unicode61 remove_diacritics 2');
    INSERT INTO memo_search(rowid, title, body) SELECT id, title, body FROM memos;
    CREATE TRIGGER memos_ai AFTER INSERT ON memos BEGIN
        INSERT INTO memo_search(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TRIGGER memos_ad AFTER DELETE ON memos BEGIN
        INSERT INTO memo_search(memo_search, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END;
    CREATE TRIGGER memos_au AFTER UPDATE OF title, body ON memos BEGIN
        INSERT INTO memo_search(memo_search, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO memo_search(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    """,
    # 3: character grams of Chinese, Japanese and Korean text, so their searches skip the scan
    cjk_index.MIGRATION,
    # 4: titles by recency in an index of their own, so a title search never reads the bodies
    """
    CREATE INDEX memos_titles_by_updated ON memos(deleted, updated, title);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
