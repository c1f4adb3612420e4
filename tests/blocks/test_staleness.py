"""Stale data blocks, with two reference data packs: the one a memo was written with, and a newer one
in which a figure changed."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from db.build import DATA_PACK_VERSION
from desktop.app import AppContext
from desktop.blocks.staleness import (
    find_stale,
    refresh,
    stamp_markup,
    stamp_unstamped,
    value_changes,
)
from desktop.reference.connection import open_reference

TABLE = "```brief\nkind: production-table\nmineral: rare-earths\nyear: 2025\ntop: 3\n```\n"
MEMBERS = "```brief\nkind: members\ninitiative: forge\n```\n"


@pytest.fixture()
def old_resolver(resolver):
    return resolver


@pytest.fixture()
def new_resolver(tmp_path, reference_path):
    """The next data pack: USGS revised China's 2025 rare-earth mine production."""
    path = tmp_path / "newer.sqlite"
    shutil.copy(reference_path, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '2027.01.15' WHERE key = 'data_pack_version'")
    conn.execute("UPDATE figures SET value = 300000, value_text = '300,000', estimated = 0 "
                 "WHERE mineral_id = 'rare-earths' AND country = 'CHN' "
                 "AND metric = 'mine_production' AND year = 2025")
    conn.commit()
    conn.close()
    newer = open_reference(path)
    yield AppContext(newer).blocks
    newer.close()


def test_inserted_blocks_are_stamped(old_resolver):
    markup = stamp_markup(TABLE, old_resolver)
    assert f"data-pack: {DATA_PACK_VERSION}" in markup and "checksum: " in markup
    assert "values: China 270,000e" in markup
    assert old_resolver(markup.split("\n", 1)[1].rsplit("```", 1)[0]).ok  # still resolves


def test_changed_values_make_a_block_stale_and_refresh_fixes_it(old_resolver, new_resolver):
    memo = "# Memo\n\n" + stamp_markup(TABLE, old_resolver) + "\nText.\n\n" + \
        stamp_markup(MEMBERS, old_resolver)
    assert find_stale(memo, old_resolver) == []  # same data pack
    stale = find_stale(memo, new_resolver)
    assert len(stale) == 1  # FORGE's members did not change: not stale
    assert stale[0].old_values.startswith("China 270,000e")
    assert stale[0].new_values.startswith("China 300,000")
    assert (stale[0].old_pack, stale[0].new_pack) == (DATA_PACK_VERSION, "2027.01.15")
    refreshed = refresh(memo, stale)
    assert "data-pack: 2027.01.15" in refreshed and "Text." in refreshed
    assert find_stale(refreshed, new_resolver) == []


def test_blocks_without_a_stamp_or_unreadable_are_left_alone(new_resolver):
    memo = TABLE + "\n```brief\nnot a pair\n```\n"
    assert find_stale(memo, new_resolver) == []


def test_a_memo_from_a_template_is_stamped_and_checked(old_resolver, new_resolver):
    bad = "```brief\nkind: production-table\nmineral: unobtainium\n```"
    template = f"# Template\n\n{TABLE}\nWords stay.\n\n{bad}\n"
    memo = stamp_unstamped(template, old_resolver)
    assert memo.count(f"data-pack: {DATA_PACK_VERSION}") == 1  # the block that resolves, not the bad one
    assert "Words stay." in memo and bad in memo and memo.endswith("```\n")
    assert stamp_unstamped(memo, old_resolver) == memo  # stamped blocks are left alone
    assert len(find_stale(memo, new_resolver)) == 1


def test_a_stale_block_says_what_it_is_and_which_values_differ(old_resolver, new_resolver):
    """The banner used to show two summaries that could read the same, with no block named."""
    memo = stamp_markup(TABLE, old_resolver)
    stale = find_stale(memo, new_resolver)[0]
    assert stale.title.startswith("Rare earths")
    assert stale.changes == ("China 270,000e → 300,000",)


def test_a_change_beyond_the_stamped_values_is_said_so():
    from desktop.domain.resolved import ResolvedBlock

    rows = [["China", "270,000e"], ["US", "45,000"], ["Burma", "31,000"], ["Laos", "9,000"]]
    new = ResolvedBlock("production-table", "Rare earths", ["Country", "t"], rows)
    assert value_changes("China 270,000e; US 45,000; Burma 31,000", new) == [
        "a value beyond the 3 kept in the memo changed"]
    swapped = ResolvedBlock("production-table", "Rare earths", ["Country", "t"],
                            [rows[0], rows[2], rows[3]])
    assert value_changes("China 270,000e; US 45,000; Burma 31,000", swapped) == [
        "US 45,000 → no longer listed", "now listed: Laos 9,000"]
