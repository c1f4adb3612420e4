"""Repository queries that cards and the timeline rely on."""

from __future__ import annotations

import pytest

from desktop.reference.repository import _date_key


def test_country_events_include_its_bodies(repo):
    """Most Chinese export controls are issued by MOFCOM (a body whose country is CHN)."""
    ids = {e.id for e in repo.events(country="CHN")}
    for expected in ("2023-07-03-cn-gallium-germanium-controls",
                     "2023-10-20-cn-graphite-controls",
                     "2024-08-15-cn-antimony-controls",
                     "2025-04-04-cn-medium-heavy-rare-earth-controls",
                     "2025-10-09-cn-battery-graphite-anode-controls",
                     "2025-10-09-cn-five-more-rare-earths-controls"):
        assert expected in ids
    # Actor = CHN and target = CHN still count.
    assert "2010-09-21-cn-rare-earth-halt-to-japan" in ids
    assert "2010-09-08-jp-detains-chinese-trawler-captain" in ids


def test_body_events_do_not_leak_into_other_countries(repo):
    assert not any(e.actor == "MOFCOM" for e in repo.events(country="JPN")
                   if "JPN" not in e.targets)


def test_country_events_combine_with_other_filters(repo):
    ids = {e.id for e in repo.events(country="CHN", kind="export-control",
                                     date_from="2023-01-01", date_to="2023-12-31")}
    assert ids == {"2023-07-03-cn-gallium-germanium-controls",
                   "2023-10-20-cn-graphite-controls"}


@pytest.mark.parametrize(("earlier", "later"), [
    ("2022-06-14", "2022"),
    ("2023-01-31", "2023-02"),
    ("2023-02-01", "2023-02"),
    ("2021", "2022-01-01"),
    ("2026-04-24", ""),
])
def test_partial_dates_sort_at_end_of_their_period(earlier, later):
    assert _date_key(earlier) < _date_key(later)


def test_members_founders_first_then_chronological_then_undated(repo):
    msp = repo.initiative("msp")
    assert msp is not None
    members = [m for m in msp.members if m.role != "chair"]
    roles = [m.role for m in members]
    first_partner = roles.index("partner")
    assert set(roles[:first_partner]) == {"founding-member"}
    partner_dates = [_date_key(m.joined) for m in members[first_partner:]]
    assert partner_dates == sorted(partner_dates)
    founders = [m.member_name.casefold() for m in members[:first_partner]]
    assert founders == sorted(founders)


def test_undated_members_come_last(repo):
    for group_id, _name in repo.groups():
        group = repo.group(group_id)
        assert group is not None
        dated = [bool(m.joined) for m in group.members
                 if m.role not in ("chair", "founding-member")]
        assert dated == sorted(dated, reverse=True), group_id


def test_a_group_commodity_has_the_events_of_its_elements(repo):
    # China's April 2025 controls name seven heavy rare earths, not "rare earths"
    ids = {e.id for e in repo.events(mineral="rare-earths")}
    assert "2025-04-04-cn-medium-heavy-rare-earth-controls" in ids
    assert "rare-earths" in repo.groups_of_mineral("dysprosium")
    assert repo.members_of_group("terbium") == []
