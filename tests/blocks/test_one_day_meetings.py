"""Members of a one-day meeting were present; they neither joined nor left (the G7 finance
ministers' meeting in Washington on 2026-01-12 listed "Left" for every member)."""

from __future__ import annotations


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
    assert usa_chair.until == "2024-07-01"


def test_the_g7_plan_chair_changes_with_the_presidency(repo):
    plan = repo.initiative("g7-critical-minerals-action-plan")
    chairs = {m.member: (m.joined, m.left) for m in plan.members if m.role == "chair"}
    assert chairs == {"CAN": ("2025-06-17", "2025-12-31"), "FRA": ("2026-01-01", "")}
