"""Index rows built from curated names: symbol kinds and event document numbers."""

from __future__ import annotations

import pytest

from db.search_index import document_names, symbol_kind


@pytest.mark.parametrize("symbol,symbols,names,kind", [
    ("Tb", ["Tb"], {"terbium", "tb"}, "symbol"),
    ("Tb", ["Tb", "Dy", "Ho"], {"heavy rare earths", "tb"}, "family_symbol"),
    ("Al", ["Al"], {"aluminum", "aluminium", "al"}, "symbol"),
    ("Al", ["Al"], {"alumina", "aluminium oxide", "al"}, "compound_symbol"),
    ("Cs", ["Cs"], {"cesium", "cs"}, "symbol"),
    ("W", ["W"], {"tungsten", "wolfram", "w"}, "symbol"),
    ("Xx", ["Xx"], {"unknownium"}, "symbol"),
])
def test_symbol_kind(symbol, symbols, names, kind):
    assert symbol_kind(symbol, symbols, names) == kind


def test_document_names_drop_the_issuer_and_split_joint_announcements():
    assert document_names("MOFCOM/GACC Announcement No. 70 of 2025") == [
        "MOFCOM/GACC Announcement No. 70 of 2025", "Announcement No. 70 of 2025"]
    joint = document_names("MOFCOM/GACC Announcements No. 55 and No. 56 of 2025")
    assert {"Announcement No. 55 of 2025", "Announcement No. 56 of 2025",
            "MOFCOM/GACC Announcement No. 56 of 2025"} <= set(joint)
    assert document_names("State Council Order No. 792; WT/DS431") == [
        "State Council Order No. 792", "WT/DS431"]
    assert document_names("") == []
