"""Where a measure stands on a date, from its dated changes: every kind of transition, a lapsed
suspension with and without a recorded check, and an extension."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.status import CHANGES, MeasureState, StatusChange, status_as_of

S = MeasureState


def at(as_of: str, *changes: StatusChange, announced: str = "2025-10-09",
       effective: str = "2025-12-01"):
    return status_as_of(announced, effective, changes, as_of)


def test_before_announcement_there_is_no_status():
    assert at("2025-10-08") is None


def test_announced_then_in_force():
    assert at("2025-10-09").state is S.ANNOUNCED
    assert at("2025-10-09").note == "announced 2025-10-09; takes effect 2025-12-01"
    assert at("2025-12-01").state is S.IN_FORCE
    assert at("2026-06-01").note == "in force since 2025-12-01"
    no_effective = status_as_of("2025-10-09", "", [], "2025-10-10")
    assert no_effective.state is S.IN_FORCE and no_effective.note == "in force since 2025-10-09"


SUSPENDED = StatusChange("2025-11-07", "suspended", "2026-11-10", "MOFCOM No. 70")


def test_a_suspension_holds_until_its_end_then_is_flagged():
    during = at("2026-11-10", SUSPENDED)
    assert during.state is S.SUSPENDED and during.until == "2026-11-10" and not during.overdue
    assert "suspended on 2025-11-07 until 2026-11-10" in during.note
    after = at("2026-12-02", SUSPENDED)
    assert after.state is S.UNKNOWN and after.overdue
    assert "a follow-up is missing" in after.note


def test_a_lapsed_suspension_checked_afterwards_is_unknown_but_not_overdue():
    checked = StatusChange("2026-12-01", "no-decision-found", note="MOFCOM list checked")
    after = at("2026-12-02", SUSPENDED, checked)
    assert after.state is S.UNKNOWN and not after.overdue
    assert after.note == "suspended until 2026-11-10; no later decision found as of 2026-12-01"
    early_check = StatusChange("2026-10-01", "no-decision-found")
    assert at("2026-12-02", SUSPENDED, early_check).overdue  # looked before the end: no answer


def test_an_extension_moves_the_end():
    extended = StatusChange("2026-11-09", "extended", "2027-11-10")
    status = at("2026-12-02", SUSPENDED, extended)
    assert status.state is S.SUSPENDED and status.until == "2027-11-10" and not status.overdue
    assert status.note.startswith("suspension extended on 2026-11-09 until 2027-11-10")


def test_validity_ends_and_is_extended():
    quotas = StatusChange("2025-10-16", "effective", "2026-03-31")
    assert at("2026-03-31", quotas, effective="2025-10-16").state is S.IN_FORCE
    lapsed_validity = at("2026-04-01", quotas, effective="2025-10-16")
    assert lapsed_validity.state is S.UNKNOWN and lapsed_validity.overdue
    assert lapsed_validity.note.startswith("valid until 2026-03-31")
    longer = StatusChange("2026-03-20", "extended", "2026-12-31")
    assert at("2026-06-01", quotas, longer, effective="2025-10-16").state is S.IN_FORCE


def test_lifted_lapsed_amended_reinstated():
    assert at("2026-01-01", StatusChange("2025-12-15", "lifted")).state is S.LIFTED
    assert at("2026-01-01", StatusChange("2025-12-15", "lapsed")).state is S.LAPSED
    amended = at("2026-01-01", StatusChange("2025-12-15", "amended", note="scope narrowed"))
    assert amended.state is S.IN_FORCE and "amended on 2025-12-15 (scope narrowed)" in amended.note
    back = at("2027-01-01", SUSPENDED, StatusChange("2026-11-11", "reinstated"))
    assert back.state is S.IN_FORCE and not back.overdue


def test_changes_after_the_date_asked_do_not_count():
    assert at("2025-11-06", SUSPENDED).state is S.ANNOUNCED
    assert at("2025-11-07", SUSPENDED).state is S.SUSPENDED


def test_partial_end_dates_mean_the_end_of_the_period():
    month = StatusChange("2025-11-07", "suspended", "2026-03")
    assert at("2026-03-31", month).state is S.SUSPENDED
    assert at("2026-04-01", month).overdue


@given(st.lists(st.tuples(st.dates().map(str), st.sampled_from(CHANGES),
                          st.one_of(st.just(""), st.dates().map(str))), max_size=8),
       st.dates().map(str))
def test_any_history_gives_a_status_with_a_reason(history, as_of):
    changes = [StatusChange(d, c, u) for d, c, u in history]
    status = status_as_of("1990-01-01", "", changes, as_of if as_of >= "1990-01-01"
                          else "1990-01-01")
    assert status is not None and status.note and isinstance(status.state, MeasureState)


def test_a_passed_deadline_is_flagged_until_someone_looks():
    deadline = StatusChange("2026-01-14", "deadline", "2026-07-13", "180 days to negotiate")
    before = at("2026-07-13", deadline, announced="2026-01-14", effective="2026-01-14")
    assert before.state is S.IN_FORCE and not before.overdue and before.deadline == "2026-07-13"
    after = at("2026-12-02", deadline, announced="2026-01-14", effective="2026-01-14")
    assert after.state is S.IN_FORCE and after.overdue
    assert "deadline 2026-07-13 passed with nothing recorded since" in after.note
    assert after.short() == "⚠ in force, deadline 2026-07-13"
    checked = StatusChange("2026-12-01", "no-decision-found")
    looked = at("2026-12-02", deadline, checked, announced="2026-01-14", effective="2026-01-14")
    assert not looked.overdue and "no later decision found as of 2026-12-01" in looked.note


def test_a_partial_suspension_leaves_the_rest_in_force_after_it_ends():
    """No. 46 of 2024: clause 2 suspended to 2026-11-27; the ban on military users stays."""
    partly = StatusChange("2025-11-09", "partly-suspended", "2026-11-27", "clause 2 only")
    during = at("2026-06-01", partly)
    assert during.state is S.PARTLY_SUSPENDED and during.until == "2026-11-27"
    assert during.short() == "in force, partly suspended until 2026-11-27"
    after = at("2026-12-02", partly)
    assert after.state is S.PART_UNKNOWN and after.overdue
    assert after.short() == ("⚠ in force; the partial suspension ended 2026-11-27, "
                             "no follow-up recorded")
    checked = StatusChange("2026-12-01", "no-decision-found")
    looked = at("2026-12-02", partly, checked)
    assert looked.state is S.PART_UNKNOWN and not looked.overdue
    assert looked.note == ("partly suspended until 2026-11-27; no later decision found as of "
                           "2026-12-01")
    lifted = StatusChange("2026-11-20", "lifted", note="repealed")
    assert at("2026-12-02", partly, lifted).state is S.LIFTED
