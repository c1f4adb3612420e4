"""The timeline block: kinds as a list or a family, each measure's status on the memo's date (or
the block's own ``as-of:``), and a warning where a suspension ran out with nothing recorded."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PACKAGE_TITLE = "China controls lithium-battery, cathode and graphite-anode items"


def status_of(block, title: str) -> str:
    row = next(r for r in block.rows if r[3] == title)
    return row[-1]


def test_a_family_and_a_list_of_kinds(resolver):
    family = resolver("kind: timeline\ncountry: China\nevent-kind: export restrictions\n"
                      "limit: 200\nas-of: 2026-12-02")
    assert family.ok, family.error
    assert family.columns[-1] == "Status on 2026-12-02"
    assert status_of(family, PACKAGE_TITLE) == "unknown: ended 2026-11-10, no decision found"
    listed = resolver("kind: timeline\nevent-kind: export-ban, entity-listing\nlimit: 200")
    assert listed.ok and 0 < len(listed.rows) < len(family.rows) + 40


def test_the_memo_date_decides_the_status(resolver):
    body = "kind: timeline\nmineral: graphite\nevent-kind: export-control\nlimit: 50"
    mid_2026 = resolver.dated("2026-06-01")(body)
    assert mid_2026.columns[-1] == "Status on 2026-06-01"
    assert status_of(mid_2026, PACKAGE_TITLE) == "suspended until 2026-11-10"
    own = resolver.dated("2026-06-01")(body + "\nas-of: 2025-10-20")  # the block's own wins
    assert status_of(own, PACKAGE_TITLE).startswith("announced")


def test_a_missing_follow_up_is_flagged_in_the_note(resolver):
    body = "kind: timeline\ncountry: USA\nevent-kind: entity-listing\nlimit: 50\n"
    then = resolver(body + "as-of: 2025-12-15")
    assert then.ok and "⚠ A suspension or validity has ended with no later decision recorded "\
        "for: China bans dual-use exports to 16 US entities" in then.note
    now = resolver(body + "as-of: 2026-12-02")
    assert "⚠" not in now.note


def test_meetings_alone_have_no_status_column(resolver):
    block = resolver("kind: timeline\nevent-kind: summit, ministerial\nlimit: 20")
    assert block.ok and not block.columns[-1].startswith("Status")


@pytest.mark.parametrize(("body", "message"), [
    ("event-kind: nonsense", "unknown event kind or family 'nonsense'"),
    ("event-kind: export-ban\nas-of: 2026", "'as-of:' must be a date like 2026-11-28"),
    ("event-kind: export-ban\nas-of: 2026-02-30", "'as-of:' must be a date"),
    ("event-kind: export-ban\nas-of: <script>", "'as-of:' must be a date"),
])
def test_bad_kinds_and_days_are_explained(resolver, body, message):
    block = resolver("kind: timeline\n" + body)
    assert not block.ok and message in block.error


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # read-only
@given(st.text(max_size=300))
def test_any_event_kind_text_resolves_or_is_explained(resolver, text):
    block = resolver("kind: timeline\nlimit: 3\nevent-kind: " + text.replace("\n", " "))
    assert block.ok or block.error
