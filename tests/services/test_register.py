"""The policy register as the cards, the timeline and the CLI read it: each measure's status on a
date, with what followed a lapsed suspension; filters by several kinds, a family, and every
country an event names."""

from __future__ import annotations

import pytest

from desktop.domain.errors import UnknownEntity
from desktop.domain.event_kinds import expand, kinds_of_family

TODAY = "2026-12-02"
PACKAGE = "2025-10-09-cn-battery-graphite-anode-controls"  # one of MOFCOM Nos. 55-58, 61, 62
SIXTEEN = "2025-04-04-cn-dual-use-ban-16-us-entities"
NO_46 = "2024-12-03-cn-ban-ga-ge-sb-exports-to-us"
SECTION_232 = "2026-01-14-us-section-232-proclamation"


@pytest.fixture()
def register(context):
    return context.register


def status_on(register, event_id: str, as_of: str) -> dict:
    return register.brief(register.repo.event(event_id), as_of)


@pytest.mark.parametrize(("as_of", "status", "until"), [
    ("2025-10-20", "announced", "2025-11-08"),  # announced 9 October, in force 8 November
    ("2025-11-07", "suspended", "2026-11-10"),  # MOFCOM No. 70 the day before it took effect
    ("2026-11-10", "suspended", "2026-11-10"),
    (TODAY, "unknown", "2026-11-10"),
])
def test_the_october_2025_package_through_its_suspension(register, as_of, status, until):
    row = status_on(register, PACKAGE, as_of)
    assert (row["status"], row["status_until"]) == (status, until)
    assert not row["status_overdue"]


def test_a_lapsed_suspension_says_what_was_checked_and_when(register):
    row = status_on(register, PACKAGE, TODAY)
    assert row["status_text"] == "unknown: ended 2026-11-10, no decision found"
    assert row["status_note"].endswith("no later decision found as of 2026-12-01")
    assert row["status_source"]["id"]


def test_a_follow_up_missing_on_a_day_is_flagged_on_that_day(register):
    before_the_check = status_on(register, SIXTEEN, "2025-12-15")  # extension ran to 2025-11
    assert before_the_check["status_overdue"] and before_the_check["status_text"].startswith("⚠")
    checked = status_on(register, SIXTEEN, TODAY)
    assert not checked["status_overdue"] and "2026-12-01" in checked["status_note"]


def test_the_part_of_no_46_never_suspended_stays_in_force(register):
    during = status_on(register, NO_46, "2026-06-01")
    assert during["status"] == "partly-suspended" and during["status_until"] == "2026-11-27"
    after = status_on(register, NO_46, TODAY)
    assert after["status"] == "in-force-part-unknown" and not after["status_overdue"]


def test_a_passed_deadline_says_nothing_was_found(register):
    row = status_on(register, SECTION_232, TODAY)
    assert row["status"] == "in-force" and not row["status_overdue"]
    assert "deadline 2026-07-13 passed, no later decision found as of 2026-12-01" \
        in row["status_note"]


def test_no_measure_is_left_without_a_follow_up_today(register):
    """The register is current: every suspension, validity or deadline that has passed by the
    day it was last checked has a recorded follow-up, if only 'no decision found'."""
    overdue = [e["id"] for e in register.timeline(as_of=TODAY) if e["status_overdue"]]
    assert overdue == []


def test_only_measures_have_a_status(register):
    rows = register.timeline(as_of=TODAY)
    meetings = [r for r in rows if r["kind"] in kinds_of_family("agreements-and-meetings")]
    assert meetings and all(r["status"] is None and r["status_text"] == "" for r in meetings)
    controls = [r for r in rows if r["kind"] == "export-control"]
    assert controls and all(r["status"] for r in controls)


def test_several_kinds_and_a_family(register):
    two = register.timeline(kinds=("export-ban", "entity-listing"))
    assert two and {r["kind"] for r in two} == {"export-ban", "entity-listing"}
    family = register.timeline(kinds=expand("export restrictions"))
    assert {r["kind"] for r in family} >= {"export-control", "export-control-suspension",
                                           "state-trading", "entity-listing"}
    assert len(family) > len(two)
    assert register.timeline(kinds=("export-ban",), country="JPN", date_from="2026",
                             date_to="2026-01")


def test_the_country_filter_offers_every_country_an_event_names(register):
    filters = register.filters()
    countries = dict(filters["countries"])
    assert "COD" in countries  # DR Congo acts through ARECOMS
    assert {"CHN", "USA", "JPN", "AUS"} <= set(countries)
    congo = register.timeline(country="COD")
    assert congo and all(r["actor"] in {"COD", "ARECOMS"} or "COD" in r["targets"]
                         for r in congo)
    assert [f for f, _ in filters["families"]][0] == "export-restrictions"


def test_the_event_card_shows_the_status_and_its_history(register):
    card = register.event_card(PACKAGE, as_of=TODAY)
    assert card["as_of"] == TODAY and card["status"] == "unknown"
    changes = [c["change"] for c in card["status_history"]]
    assert changes == ["suspended", "no-decision-found"]
    cited = {s["id"] for s in card["sources"]}
    assert all(c["source"]["id"] in cited for c in card["status_history"])
    with pytest.raises(UnknownEntity):
        register.event_card("no-such-event")
