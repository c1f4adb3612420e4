"""The entity kinds of data block: a country's memberships, an initiative's or group's members,
and a timeline of events (or one event)."""

from __future__ import annotations

from desktop.blocks.context import BlockContext, BlockError, Params, unique
from desktop.domain.models import MEMBERSHIP_DATES
from desktop.domain.resolved import ResolvedBlock

TIMELINE_COLUMNS = ["Date", "Announced", "Effective", "Event", "Document"]


def memberships(ctx: BlockContext, p: Params) -> ResolvedBlock:
    country = p["country"]
    items = ctx.repo.memberships(country)
    if not items:
        raise BlockError(f"no group or initiative memberships recorded for "
                         f"{ctx.repo.name_of(country)}")
    rows = [[m.container_name, m.container_kind, m.role, m.since, m.until] for m in items]
    return ResolvedBlock(kind="memberships",
                         title=f"{ctx.repo.name_of(country)}: groups and initiatives",
                         columns=["Group or initiative", "Kind", "Role", *MEMBERSHIP_DATES],
                         rows=rows, numeric=[False] * 5,
                         sources=unique([m.source for m in items if m.source]))


def members(ctx: BlockContext, p: Params) -> ResolvedBlock:
    if p["group"] and p["initiative"]:
        raise BlockError("give either 'initiative:' or 'group:', not both")
    if p["group"]:
        group = ctx.repo.group(p["group"])
        name, people, extra = group.name, group.members, [group.source]
    elif p["initiative"]:
        initiative = ctx.repo.initiative(p["initiative"])
        name, people, extra = initiative.name, initiative.members, initiative.sources
    else:
        raise BlockError("'initiative:' (or 'group:') is missing")
    rows = [[m.member_name, m.role, m.since, m.until] for m in people]
    return ResolvedBlock(kind="members", title=f"{name}: members and partners",
                         columns=["Member", "Role", *MEMBERSHIP_DATES], rows=rows,
                         numeric=[False] * 4,
                         sources=unique([*[m.source for m in people if m.source],
                                         *[s for s in extra if s]]))


def timeline(ctx: BlockContext, p: Params) -> ResolvedBlock:
    as_of = ctx.status_date(p["as-of"])
    if p["event"]:
        events = [ctx.repo.event(p["event"])]
        title, note = events[0].title, ""
    else:
        country, mineral, start, end = p["country"], p["mineral"], p["from"], p["to"]
        if start and end and start[:len(end)] > end:
            raise BlockError(f"'from: {start}' is after 'to: {end}'")
        found = ctx.repo.events(country=country, mineral=mineral, date_from=start,
                                date_to=end, kind=p["event-kind"] or None)
        if not found:
            raise BlockError("no events match")
        events = found[-p["limit"]:]
        scope = ", ".join(filter(None, [ctx.repo.name_of(country) if country else "",
                                        ctx.repo.name_of_mineral(mineral) if mineral else ""]))
        title = f"Timeline{': ' + scope if scope else ''}"
        note = f"{len(events)} of {len(found)} matching events, latest last."
    statuses = [e.status(as_of) for e in events]
    measures = [s for s in statuses if s is not None]
    columns = [*TIMELINE_COLUMNS] + ([f"Status on {as_of}"] if measures else [])
    rows = []
    for event, status in zip(events, statuses, strict=True):
        what = (event.summary or event.title) if p["event"] else event.title
        row = [event.date, event.announced or "", event.effective or "", what,
               event.document_number or ""]
        shown = status.short() if status else ("not yet announced" if event.is_measure
                                                 else "")
        rows.append(row + ([shown] if measures else []))
    overdue = [e.title for e, s in zip(events, statuses, strict=True) if s and s.overdue]
    notes = [note] if note else []
    if overdue:
        notes.append(f"⚠ A suspension or validity has ended with no later decision recorded "
                     f"for: {'; '.join(overdue)}.")
    sources = [s for e in events for s in (e.sources if p["event"] else e.sources[:1])]
    sources += [s.source for s in measures if s.source is not None]
    return ResolvedBlock(kind="timeline", title=title, columns=columns, rows=rows,
                         numeric=[False] * len(columns), note=" ".join(notes),
                         sources=unique(sources))
