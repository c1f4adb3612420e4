"""The entity kinds of data block: a country's memberships, an initiative's or group's members,
and a timeline of events (or one event)."""

from __future__ import annotations

from desktop.blocks.context import BlockContext, BlockError, Params, unique
from desktop.domain.resolved import ResolvedBlock

TIMELINE_COLUMNS = ["Date", "Announced", "Effective", "Event", "Document"]


def memberships(ctx: BlockContext, p: Params) -> ResolvedBlock:
    country = p["country"]
    items = ctx.repo.memberships(country)
    if not items:
        raise BlockError(f"no group or initiative memberships recorded for "
                         f"{ctx.repo.name_of(country)}")
    rows = [[m.container_name, m.container_kind, m.role, m.joined or "", m.left or ""]
            for m in items]
    return ResolvedBlock(kind="memberships",
                         title=f"{ctx.repo.name_of(country)}: groups and initiatives",
                         columns=["Group or initiative", "Kind", "Role", "Joined", "Left"],
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
    rows = [[m.member_name, m.role, m.joined or "", m.left or ""] for m in people]
    return ResolvedBlock(kind="members", title=f"{name}: members and partners",
                         columns=["Member", "Role", "Joined", "Left"], rows=rows,
                         numeric=[False] * 4,
                         sources=unique([*[m.source for m in people if m.source],
                                         *[s for s in extra if s]]))


def timeline(ctx: BlockContext, p: Params) -> ResolvedBlock:
    if p["event"]:
        event = ctx.repo.event(p["event"])
        return ResolvedBlock(kind="timeline", title=event.title, columns=TIMELINE_COLUMNS,
                             rows=[[event.date, event.announced, event.effective,
                                    event.summary or event.title, event.document_number]],
                             numeric=[False] * 5, sources=event.sources)
    country, mineral, start, end = p["country"], p["mineral"], p["from"], p["to"]
    if start and end and start[:len(end)] > end:
        raise BlockError(f"'from: {start}' is after 'to: {end}'")
    events = ctx.repo.events(country=country, mineral=mineral, date_from=start, date_to=end,
                             kind=p["event-kind"] or None)
    if not events:
        raise BlockError("no events match")
    shown = events[-p["limit"]:]
    rows = [[e.date, e.announced or "", e.effective or "", e.title, e.document_number or ""]
            for e in shown]
    scope = ", ".join(filter(None, [ctx.repo.name_of(country) if country else "",
                                    ctx.repo.name_of_mineral(mineral) if mineral else ""]))
    return ResolvedBlock(kind="timeline", title=f"Timeline{': ' + scope if scope else ''}",
                         columns=TIMELINE_COLUMNS, rows=rows, numeric=[False] * 5,
                         note=f"{len(shown)} of {len(events)} matching events, latest last.",
                         sources=unique([s for e in shown for s in e.sources[:1]]))
