"""``briefdesk lookup | show | figures | events | initiatives``: the reference data.

Each command reads its arguments, asks the context's services and prints the result as JSON or
as plain text. Names are accepted wherever ids are ("China", "中国", "Rare earths").
"""

from __future__ import annotations

import argparse
import shlex

from desktop.cli.common import (
    UsageError,
    add_json,
    check_date,
    check_day,
    check_text,
    check_year,
    emit,
)
from desktop.domain.event_kinds import UnknownKind, expand
from desktop.domain.metrics import METRIC_IDS, title_of
from desktop.domain.numbers import percent, whole, with_estimate
from desktop.services.register import status_fields

ENTITY_KINDS = ("country", "mineral", "initiative", "event", "group")


def register(sub) -> None:
    p = sub.add_parser("lookup", help="find countries, minerals, initiatives, groups, events")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--kind", choices=ENTITY_KINDS)
    add_json(p)
    p.set_defaults(handler=cmd_lookup)

    p = sub.add_parser("show", help="everything a card shows about one entity")
    p.add_argument("kind", choices=ENTITY_KINDS)
    p.add_argument("id", help="an id or a name (CHN, China, 中国)")
    add_json(p)
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("figures", help="published figures with their sources")
    p.add_argument("--mineral")
    p.add_argument("--country", help="ISO3 code, a name, or WORLD / OTHERS")
    p.add_argument("--metric", choices=METRIC_IDS)
    p.add_argument("--year", type=int)
    add_json(p)
    p.set_defaults(handler=cmd_figures)

    p = sub.add_parser("events", help="dated policy events, with each measure's status")
    p.add_argument("--country")
    p.add_argument("--mineral")
    p.add_argument("--kind", help="kinds joined by ',' or a family, e.g. export-restrictions")
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.add_argument("--as-of", dest="as_of", help="the day statuses are given for (default: "
                                                 "today)")
    add_json(p)
    p.set_defaults(handler=cmd_events)

    p = sub.add_parser("initiatives", help="initiatives with members and sources")
    add_json(p)
    p.set_defaults(handler=cmd_initiatives)

    p = sub.add_parser("lists", help="the US and EU lists of critical minerals, side by side")
    add_json(p)
    p.set_defaults(handler=cmd_lists)


def resolve(context, kind: str, text: str, aggregates: bool = False) -> str:
    """An id from a name, with a hint to look it up when nothing matches."""
    from desktop.reference.names import UnknownName

    try:
        return context.names.id_of(kind, text, aggregates=aggregates)
    except UnknownName as exc:
        if exc.ambiguous or not text.strip():
            raise
        raise UsageError(f"{exc}; try: briefdesk lookup {shlex.quote(text.strip()[:60])}"
                         ) from None


def cmd_lookup(args: argparse.Namespace, context) -> int:
    if args.limit < 1 or args.limit > 1000:
        raise UsageError("--limit must be between 1 and 1000")
    results = context.lookup.search(args.query, limit=args.limit,
                                    kinds={args.kind} if args.kind else None)
    rows = [r.to_json() for r in results]
    text = "\n".join(f"{r.kind:<11} {r.id:<40} {r.name}" for r in results) or "(no match)"
    emit(rows, args.json, text)
    return 0


def cmd_show(args: argparse.Namespace, context) -> int:
    ident = resolve(context, args.kind, args.id)
    card = context.cards.card(args.kind, ident)
    emit(card, args.json, card_text(card))
    return 0


def card_text(card: dict) -> str:
    """The card in a few lines, with shares and HHI as the cards print them."""
    lines = [f"{card.get('name') or card.get('title')} ({card['kind']} {card['id']})"]
    for key in ("initiative_kind", "event_kind", "group_kind"):
        if card.get(key):
            lines.append(f"  kind: {card[key]}")
    for key in ("official_name", "region", "subregion", "family", "description", "launched",
                "status", "date", "announced", "effective", "document_number", "summary"):
        if card.get(key):
            lines.append(f"  {key.replace('_', ' ')}: {card[key]}")
    for stage in card.get("stages", []):
        if stage["comparable"]:
            top = ", ".join(f"{t['name']} {percent(t['share'])}" for t in stage["top"][:5])
            hhi = f"HHI {whole(stage['hhi'])}; "
        else:  # no world total: values, no shares
            top = ", ".join(f"{t['name']} {with_estimate(t['value_text'], t['estimated'])}"
                            for t in stage["top"][:5])
            hhi = "no world total; "
        product = f" ({stage['product']})" if stage["product"] else ""
        lines.append(f"  {title_of(stage['metric'])}{product} {stage['year']}: {top} "
                     f"({hhi}{stage['source']['title']})")
    for role in card.get("mineral_roles", [])[:40]:
        share = "" if role.get("share") is None else f" share {percent(role['share'])}"
        rank = f" rank {role['rank']}/{role['of']}" if role.get("rank") else ""
        product = f" ({role['product']})" if role.get("product") else ""
        value = with_estimate(role["value_text"], role["estimated"])
        lines.append(f"  {role['mineral_name']}: {title_of(role['metric'])}{product} "
                     f"{role['year']} {value} {role['unit']}{rank}{share}")
    for member in card.get("members", []):
        lines.append(f"  member: {member['name']} ({member['role']}, joined {member['joined']})")
    for membership in card.get("memberships", []):
        lines.append(f"  in {membership['container']} ({membership['role']}, "
                     f"since {membership['joined'] or 'n/a'})")
    for event in card.get("events", [])[:30]:
        lines.append(f"  {event['date']}  {event['title']}")
    sources = card.get("sources") or ([card["source"]] if card.get("source") else [])
    for source in sources:
        lines.append(f"  source: {source['publisher']}, {source['title']} {source['url']}")
    return "\n".join(lines)


def cmd_figures(args: argparse.Namespace, context) -> int:
    mineral = resolve(context, "mineral", check_text(args.mineral, "--mineral")) \
        if args.mineral is not None else None
    country = resolve(context, "country", check_text(args.country, "--country"),
                      aggregates=True) if args.country is not None else None
    figures = context.repo.figures(mineral=mineral, country=country, metric=args.metric,
                                   year=check_year(args.year))
    text = "\n".join(
        f"{f.mineral:<16} {f.country:<7} {f.metric:<20} {f.product[:20]:<20} {f.year} "
        f"{with_estimate(f.value_text, f.estimated):>15} {f.unit}  [{f.source.id}]"
        for f in figures) or "(no figures)"
    emit([f.to_json() for f in figures], args.json, text)
    return 0


def cmd_events(args: argparse.Namespace, context) -> int:
    date_from, date_to = check_date(args.date_from, "--from"), check_date(args.date_to, "--to")
    if date_from and date_to and date_from[:len(date_to)] > date_to:
        raise UsageError(f"--from {date_from} is after --to {date_to}")
    as_of = check_day(args.as_of, "--as-of") or context.register.today()
    kinds = None
    if args.kind is not None:
        try:
            kinds = expand(check_text(args.kind, "--kind"))
        except UnknownKind as exc:
            raise UsageError(str(exc)) from None
    events = context.repo.events(
        country=resolve(context, "country", check_text(args.country, "--country"))
        if args.country is not None else None,
        mineral=resolve(context, "mineral", check_text(args.mineral, "--mineral"))
        if args.mineral is not None else None,
        date_from=date_from, date_to=date_to, kind=kinds)
    rows = [{**e.to_json(), **status_fields(e, as_of)} for e in events]
    text = "\n".join(f"{r['date']:<10} {r['kind']:<26} {r['title']}"
                     + (f"  [{r['status_text']}]" if r["status"] else "") for r in rows)
    emit(rows, args.json, text or "(no events)")
    return 0


def cmd_initiatives(args: argparse.Namespace, context) -> int:
    initiatives = context.repo.initiatives()
    text = "\n".join(f"{i.launched:<10} {i.status:<18} {i.name} ({len(i.members)} members)"
                     for i in initiatives)
    emit([i.to_json() for i in initiatives], args.json, text)
    return 0


def cmd_lists(args: argparse.Namespace, context) -> int:
    crosswalk = context.lists.crosswalk()
    heads = [lst["short_name"] for lst in crosswalk["lists"]]
    ids = [lst["id"] for lst in crosswalk["lists"]]
    lines = [f"{'':<28}" + "".join(f"{h:<34}" for h in heads)]
    lines += [f"{row['name'][:27]:<28}" + "".join(f"{row[i][:33]:<34}" for i in ids)
              for row in crosswalk["rows"]]
    emit(crosswalk, args.json, "\n".join(line.rstrip() for line in lines))
    return 0
