"""Whether a measure is in force on a date, worked out from its dated status changes.

A measure (an export control, a ban, a tariff, a law: ``desktop.domain.event_kinds``) is
announced, takes effect, and may then be suspended until a date, have that suspension or its own
validity extended, be amended, lifted, or lapse. The register records each such change with its
date and source (``db/sources/event_status.csv``); this module reads them in order up to the
date asked and says where the measure stands, with a one-line reason.

A suspension or validity that ended before the date asked, with no later change recorded, is not
guessed at: the state is *unknown* and ``overdue`` is set, so a card or a memo says a follow-up
is missing. Where somebody looked and found no later decision, the register records that as a
change of its own (``no-decision-found``, dated the day it was checked): the state stays unknown,
the reason says what was checked and when, and nothing is overdue.

Dates are ISO; a partial date ("2026-03") as an end date means the end of that period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol


class Cited(Protocol):
    """A source (``desktop.domain.models.Source``): what a status change cites."""

    def brief(self) -> dict: ...

CHANGES = ("announced", "effective", "suspended", "partly-suspended", "extended", "amended",
           "deadline", "lifted", "lapsed", "reinstated", "no-decision-found")


class MeasureState(Enum):
    ANNOUNCED = ("announced", "announced, not yet in force")
    IN_FORCE = ("in-force", "in force")
    SUSPENDED = ("suspended", "suspended")
    PARTLY_SUSPENDED = ("partly-suspended", "in force, partly suspended")
    #: a partial suspension ended with no later decision found: the rest is still in force
    PART_UNKNOWN = ("in-force-part-unknown", "in force; the suspended part unknown")
    LIFTED = ("lifted", "lifted")
    LAPSED = ("lapsed", "lapsed")
    UNKNOWN = ("unknown", "unknown")

    def __init__(self, ident: str, label: str) -> None:
        self.ident = ident
        self.label = label

    def __str__(self) -> str:
        return self.label


SUSPENSIONS = (MeasureState.SUSPENDED, MeasureState.PARTLY_SUSPENDED)


@dataclass(frozen=True)
class StatusChange:
    date: str
    change: str  # one of CHANGES
    until: str = ""  # the end of a suspension or of a validity
    note: str = ""
    source: Cited | None = None

    def to_json(self) -> dict:
        return {"date": self.date, "change": self.change, "until": self.until, "note": self.note,
                "source": self.source.brief() if self.source else None}


@dataclass(frozen=True)
class MeasureStatus:
    state: MeasureState
    note: str  # one line: why
    until: str = ""  # when the present state is due to end
    overdue: bool = False  # an end date has passed and no follow-up is recorded
    source: Cited | None = None  # the source of the change that decided the state
    deadline: str = ""  # a date the measure says something must happen by (e.g. a negotiation)

    def short(self) -> str:
        """A table cell: "suspended until 2026-11-10", "in force", "⚠ unknown: ended
        2026-11-10, no follow-up recorded"."""
        if self.state is MeasureState.UNKNOWN and self.until:
            ended = f"ended {self.until}"
            return (f"⚠ unknown: {ended}, no follow-up recorded" if self.overdue
                    else f"unknown: {ended}, no decision found")
        if self.state is MeasureState.PART_UNKNOWN:
            ended = f"in force; the partial suspension ended {self.until}"
            return (f"⚠ {ended}, no follow-up recorded" if self.overdue
                    else f"{ended}, no decision found")
        if self.until and self.state in (*SUSPENSIONS, MeasureState.IN_FORCE):
            return f"{self.state.label} until {self.until}"
        if self.deadline:
            return f"{'⚠ ' if self.overdue else ''}{self.state.label}, deadline {self.deadline}"
        return self.state.label

    def to_json(self) -> dict:
        return {"status": self.state.ident, "status_label": self.state.label,
                "status_text": self.short(),
                "status_note": self.note, "status_until": self.until,
                "status_overdue": self.overdue,
                "status_source": self.source.brief() if self.source else None}


def ended_before(until: str, as_of: str) -> bool:
    """Did a period ending on ``until`` (a day, month or year) end before ``as_of``?"""
    return bool(until) and as_of[:len(until)] > until


def on_or_before(date: str, as_of: str) -> bool:
    """Had ``date`` (possibly partial) begun by ``as_of``?"""
    return bool(date) and date <= as_of[:len(date)]


def status_as_of(announced: str, effective: str, changes: Iterable[StatusChange],
                 as_of: str) -> MeasureStatus | None:
    """The measure's status on ``as_of``; None before it was announced."""
    start = announced or effective
    if not start or not on_or_before(start, as_of):
        return None
    if effective and not on_or_before(effective, as_of):
        status = MeasureStatus(MeasureState.ANNOUNCED,
                               f"announced {start}; takes effect {effective}", effective)
    else:
        status = MeasureStatus(MeasureState.IN_FORCE, f"in force since {effective or start}")
    checked: StatusChange | None = None
    for change in sorted(changes, key=lambda c: (c.date, CHANGES.index(c.change))):
        if not on_or_before(change.date, as_of):
            break
        if change.change == "no-decision-found":
            checked = change
            continue
        status = _apply(status, change)
        checked = None
    return _after_end(status, checked, as_of)


def _apply(status: MeasureStatus, change: StatusChange) -> MeasureStatus:
    kind, date, until = change.change, change.date, change.until
    extra = f" ({change.note})" if change.note else ""
    if kind in ("suspended", "partly-suspended"):
        state = MeasureState.SUSPENDED if kind == "suspended" else MeasureState.PARTLY_SUSPENDED
        return MeasureStatus(state, f"{'partly ' if kind != 'suspended' else ''}suspended on "
                             f"{date}" + (f" until {until}" if until else "") + extra, until,
                             source=change.source)
    if kind == "extended":
        what = "suspension" if status.state in SUSPENSIONS else "validity"
        state = status.state if status.state in (*SUSPENSIONS, MeasureState.IN_FORCE) \
            else MeasureState.IN_FORCE
        return MeasureStatus(state, f"{what} extended on {date}"
                             + (f" until {until}" if until else "") + extra, until,
                             source=change.source)
    if kind in ("effective", "reinstated", "amended"):
        verb = {"effective": "in force since", "reinstated": "in force again since",
                "amended": "in force, amended on"}[kind]
        return MeasureStatus(MeasureState.IN_FORCE, f"{verb} {date}"
                             + (f", valid until {until}" if until else "") + extra, until,
                             source=change.source)
    if kind == "deadline":
        return MeasureStatus(status.state, f"{status.note}; deadline {until}"
                             + (f" ({change.note})" if change.note else ""), status.until,
                             source=change.source, deadline=until)
    if kind == "lifted":
        return MeasureStatus(MeasureState.LIFTED, f"lifted on {date}{extra}", source=change.source)
    if kind == "lapsed":
        return MeasureStatus(MeasureState.LAPSED, f"lapsed on {date}{extra}", source=change.source)
    if kind == "announced":
        return MeasureStatus(status.state, f"{status.note}; change announced on {date}{extra}",
                             status.until, status.overdue, change.source)
    raise ValueError(f"unknown status change {kind!r}")


def _after_end(status: MeasureStatus, checked: StatusChange | None,
               as_of: str) -> MeasureStatus:
    """A suspension, validity or deadline whose date has passed by ``as_of``."""
    if status.deadline and ended_before(status.deadline, as_of):
        head = status.note.split("; deadline ")[0]
        if checked is not None and checked.date >= status.deadline:
            return MeasureStatus(status.state, f"{head}; deadline {status.deadline} passed, no "
                                 f"later decision found as of {checked.date}", status.until,
                                 False, checked.source, status.deadline)
        return MeasureStatus(status.state, f"{head}; deadline {status.deadline} passed with "
                             "nothing recorded since — a follow-up is missing", status.until,
                             True, status.source, status.deadline)
    if not ended_before(status.until, as_of) or status.state not in (*SUSPENSIONS,
                                                                      MeasureState.IN_FORCE):
        return status
    what = {MeasureState.SUSPENDED: "suspended", MeasureState.PARTLY_SUSPENDED:
            "partly suspended"}.get(status.state, "valid")
    # the part never suspended stays in force; only the suspended part is in doubt
    state = MeasureState.PART_UNKNOWN if status.state is MeasureState.PARTLY_SUSPENDED \
        else MeasureState.UNKNOWN
    if checked is not None and checked.date >= status.until:  # looked after the end
        return MeasureStatus(state, f"{what} until {status.until}; no later decision found as "
                             f"of {checked.date}", status.until, False, checked.source)
    return MeasureStatus(state, f"{what} until {status.until}; nothing recorded since — a "
                         "follow-up is missing", status.until, True, status.source)
