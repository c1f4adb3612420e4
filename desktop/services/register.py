"""The policy register as cards, the timeline and the CLI see it: events with their status on a
date, the timeline's rows and filters, and the event card.

A measure's status comes from ``Event.status`` (``desktop.domain.status``); here it is put beside
each event, as of today unless another date is asked for, so the card, the timeline and
``briefdesk events --json`` say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop.domain.errors import UnknownEntity
from desktop.domain.event_kinds import FAMILIES, kinds_of_family
from desktop.domain.event_kinds import label_of as kind_label
from desktop.domain.models import Event
from desktop.reference.repository import ReferenceRepository

#: Bodies that are also groups with a card of their own.
BODY_GROUPS = {"G7": "g7", "EU": "eu27"}
#: What a card lists under "Export controls and trade measures".
RESTRICTION_KINDS = (*kinds_of_family("export-restrictions"), "trade-measure")


def status_fields(event: Event, as_of: str) -> dict:
    """``status``, ``status_note``, ``status_until``… for a measure; None for the rest."""
    status = event.status(as_of)
    if status is None:
        return {"status": None, "status_label": "", "status_text": "", "status_note": "",
                "status_until": "", "status_overdue": False, "status_source": None}
    return status.to_json()


class Register:
    def __init__(self, repo: ReferenceRepository,
                 today: Callable[[], str] | None = None) -> None:
        self.repo = repo
        self._today = today or (lambda: dt.date.today().isoformat())

    def today(self) -> str:
        return self._today()

    # -- one event ----------------------------------------------------------------------------
    def brief(self, event: Event, as_of: str | None = None) -> dict:
        return {"id": event.id, "date": event.date, "announced": event.announced,
                "effective": event.effective, "kind": event.kind,
                "kind_label": kind_label(event.kind), "title": event.title,
                "actor": event.actor, "actor_name": self.repo.name_of(event.actor),
                "actor_is_country": self.repo.is_country(event.actor),
                "actor_group": BODY_GROUPS.get(event.actor, ""),
                "actor_country": self.repo.body_country(event.actor),
                "mineral_names": [self.repo.name_of_mineral(m) for m in event.minerals],
                "document_number": event.document_number,
                "targets": event.targets, "minerals": event.minerals,
                **status_fields(event, as_of or self.today())}

    def restrictions(self, events: list[Event]) -> list[dict]:
        """The export controls and trade measures among ``events``, each with its status."""
        return [self.brief(e) for e in events if e.kind in RESTRICTION_KINDS]

    def event_card(self, event_id: str, as_of: str | None = None) -> dict:
        event = self.repo.event(event_id)
        if event is None:
            raise UnknownEntity(f"no event with id {event_id!r}")
        as_of = as_of or self.today()
        sources = {s.id: s for s in event.sources}
        for change in event.status_changes:
            if change.source is not None:
                sources.setdefault(change.source.id, change.source)
        return {**event.to_json(), **self.brief(event, as_of), "kind": "event",
                "event_kind": event.kind, "as_of": as_of, "summary": event.summary,
                "items": event.items,
                "status_history": [c.to_json() for c in event.status_changes],
                "target_names": [self.repo.name_of(t) for t in event.targets],
                "initiative_names": [self.repo.name_of(i) for i in event.initiatives],
                "sources": [s.brief() for s in sources.values()]}

    # -- the timeline -------------------------------------------------------------------------
    def timeline(self, country: str | None = None, mineral: str | None = None,
                 kinds: tuple[str, ...] | None = None, date_from: str | None = None,
                 date_to: str | None = None, as_of: str | None = None) -> list[dict]:
        """Events in date order, filtered like the Timeline panel's controls."""
        events = self.repo.events(country=country, mineral=mineral, kind=kinds or None,
                                  date_from=date_from, date_to=date_to)
        return [dict(self.brief(e, as_of), summary=e.summary,
                     target_names=[self.repo.name_of(t) for t in e.targets],
                     target_links=self.entity_links(e.targets),
                     mineral_links=[("mineral", m, self.repo.name_of_mineral(m))
                                    for m in e.minerals],
                     source=e.sources[0].brief() if e.sources else None) for e in events]

    def entity_links(self, codes: list[str]) -> list[tuple[str, str, str]]:
        """Countries, and bodies that have a group card (the G7, the EU), as card links."""
        out = []
        for code in codes:
            if self.repo.is_country(code):
                out.append(("country", code, self.repo.name_of(code)))
            elif code in BODY_GROUPS:
                out.append(("group", BODY_GROUPS[code], self.repo.name_of(code)))
        return out

    def filters(self) -> dict[str, list[tuple[str, str]]]:
        """The choices the Timeline filters offer: only values some event has. A country is
        offered when an event names it as actor, as a target, or through one of its bodies
        (ARECOMS brings the DR Congo, MOFCOM China)."""
        events = self.repo.events()
        countries = set()
        for event in events:
            for code in (event.actor, self.repo.body_country(event.actor), *event.targets):
                if code and self.repo.is_country(code):
                    countries.add(code)
        minerals = {m for e in events for m in e.minerals}
        used = {e.kind for e in events}
        families = [(f.id, f.label) for f in FAMILIES
                    if used & set(kinds_of_family(f.id))]
        return {
            "countries": sorted(((c, self.repo.name_of(c)) for c in countries),
                                key=lambda item: item[1]),
            "minerals": sorted(((m, self.repo.name_of_mineral(m)) for m in minerals),
                               key=lambda item: item[1]),
            "families": families,
            "kinds": [(k, kind_label(k)) for k in sorted(used)],
        }
