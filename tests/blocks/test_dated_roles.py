"""Dated roles: presidencies, chairs and hosts have a start and an end (or say why none is
known); members of a one-day meeting were present, they neither joined nor left (the G7 finance
ministers' meeting in Washington on 2026-01-12 used to list "Left" for every member)."""

from __future__ import annotations

from desktop.analysis.blocs import member_on
from desktop.domain.models import MEMBERSHIP_DATES

DATED_ROLES = ("chair", "host", "presidency", "co-chair")


def test_a_one_day_meeting_lists_who_was_present(resolver, repo):
    initiative = repo.initiative("g7-finance-washington-2026")
    assert initiative is not None and initiative.members
    assert all(m.present_on == "2026-01-12" for m in initiative.members)
    block = resolver("kind: members\ninitiative: g7-finance-washington-2026")
    assert block.ok, block.error
    assert {row[2] for row in block.rows} == {"present on 2026-01-12"}
    assert {row[3] for row in block.rows} == {""}


def test_a_membership_over_time_keeps_joined_and_left(repo):
    msp = repo.initiative("msp")
    usa_chair = next(m for m in msp.members if m.member == "USA" and m.role == "chair")
    assert usa_chair.present_on == "" and usa_chair.since == "2022-06-14"
    assert usa_chair.until == "2024-06-30"  # the last day before Korea's term


def test_the_g7_plan_chair_changes_with_the_presidency(repo):
    plan = repo.initiative("g7-critical-minerals-action-plan")
    chairs = {m.member: (m.joined, m.left) for m in plan.members if m.role == "chair"}
    assert chairs == {"CAN": ("2025-06-17", "2025-12-31"), "FRA": ("2026-01-01", "2026-12-31")}
    chair_on = {day: [m.member for m in plan.members if m.role == "chair" and member_on(m, day)]
                for day in ("2025-12-31", "2026-01-01", "2026-12-02")}
    assert chair_on == {"2025-12-31": ["CAN"], "2026-01-01": ["FRA"], "2026-12-02": ["FRA"]}


def test_every_chair_host_and_presidency_is_dated(reference_conn):
    rows = reference_conn.execute(
        "SELECT initiative_id, member, role, joined, left, note FROM initiative_members "
        f"WHERE role IN ({', '.join('?' * len(DATED_ROLES))})", DATED_ROLES).fetchall()
    assert len(rows) >= 8
    for initiative, member, role, joined, left, note in rows:
        where = f"{initiative}/{member}/{role}"
        assert joined, where
        assert left or "no term" in note or "no end" in note, where  # an end, or why none


def test_forges_chair_term_ends_but_korea_stays_a_participant(repo, context):
    forge = repo.initiative("forge")
    chair = next(m for m in forge.members if m.member == "KOR" and m.role == "chair")
    assert (chair.since, chair.until) == ("2026-02-04", "2026-06-30")
    assert "no handover or successor" in chair.note.lower()
    assert not member_on(chair, "2026-12-02") and member_on(chair, "2026-06-30")
    bloc = context.workbench.bloc("forge", "2026-12-02")
    assert {"KOR", "USA"} <= set(bloc.members)
    host = next(m for m in forge.members if m.role == "host")
    assert host.present_on == "2026-02-04"


def test_membership_tables_say_from_and_until(resolver):
    block = resolver("kind: members\ninitiative: forge")
    assert block.ok, block.error
    assert block.columns[-2:] == list(MEMBERSHIP_DATES) == ["From", "Until"]
    assert ["South Korea", "chair", "2026-02-04", "2026-06-30"] in block.rows
