"""Test set-up: offscreen Qt, a temporary user-data dir, and a reference DB built for the session.

The reference DB used by tests is built by the real build from ``db/sources/`` into a temporary
folder, so tests never depend on (or change) ``resources/reference.sqlite``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED_USGS = REPO.parent / "shared" / "data" / "usgs"


@pytest.fixture(autouse=True)
def _user_home(tmp_path, monkeypatch):
    """Every test gets its own BRIEFDESK_HOME; the real home directory is never touched."""
    home = tmp_path / "briefdesk-home"
    home.mkdir()
    monkeypatch.setenv("BRIEFDESK_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return home


@pytest.fixture(scope="session")
def reference_path(tmp_path_factory) -> Path:
    from db.build import build

    path = tmp_path_factory.mktemp("reference") / "reference.sqlite"
    build(path)
    return path


@pytest.fixture(autouse=True)
def _reference_env(request, monkeypatch):
    """Point the app at the session's test DB when a test uses it."""
    if "reference_path" in request.fixturenames:
        monkeypatch.setenv("BRIEFDESK_REFERENCE", str(request.getfixturevalue("reference_path")))


@pytest.fixture()
def reference_conn(reference_path) -> sqlite3.Connection:
    from desktop.reference.connection import open_reference

    conn = open_reference(reference_path)
    yield conn
    conn.close()


@pytest.fixture()
def repo(reference_conn):
    from desktop.reference.repository import ReferenceRepository

    return ReferenceRepository(reference_conn)


@pytest.fixture()
def context(reference_conn):
    """The app's services over the session's test DB, the library in the test's own home."""
    from desktop.app import AppContext
    from desktop.library.store import MemoLibrary
    from desktop.paths import user_data_dir

    app = AppContext(reference_conn, lambda: MemoLibrary(user_data_dir()))
    yield app
    if "library" in app.__dict__ and app.library is not None:
        app.library.close()


@pytest.fixture()
def resolver(context):
    return context.blocks


@pytest.fixture()
def cards(context):
    return context.cards


@pytest.fixture()
def shared_usgs() -> Path:
    if not SHARED_USGS.is_dir():
        pytest.skip("../shared/data/usgs is absent")
    return SHARED_USGS


def corrupt_library(home: Path) -> None:
    """Overwrite the first pages of a closed memo library with noise, as a bad disk would."""
    from desktop.library.store import FILE_NAME

    for suffix in ("-wal", "-shm"):
        (home / (FILE_NAME + suffix)).unlink(missing_ok=True)
    data = bytearray((home / FILE_NAME).read_bytes())
    data[100:4096] = os.urandom(3996)
    (home / FILE_NAME).write_bytes(bytes(data))
