"""The reference-data subcommands of ``briefdesk``: lookup, show, figures, events, initiatives, db.

Each command reads its arguments, calls one service or repository method and prints the result as
JSON or as plain text.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from desktop.cli import UsageError, check_date, check_text, check_year, emit
from desktop.reference.connection import open_reference
from desktop.reference.lookup import Lookup
from desktop.reference.repository import ReferenceRepository
from desktop.services.cards import CardService, UnknownEntity


def _repo() -> ReferenceRepository:
    return ReferenceRepository(open_reference())


def _exists(repo: ReferenceRepository, kind: str, ident: str) -> bool:
    finders = {"country": repo.country, "mineral": repo.mineral, "initiative": repo.initiative,
               "event": repo.event, "group": repo.group}
    return finders[kind](ident) is not None


def resolve(repo: ReferenceRepository, lookup: Lookup, kind: str, text: str,
            allow_aggregates: bool = False) -> str:
    """An id from what a person typed: the id itself, or an exact name, code or alias.

    Several exact matches ("NdPr" is both neodymium and praseodymium) are an error that lists
    them, rather than a silent pick.
    """
    ident = text.strip().upper() if kind == "country" else text.strip().lower()
    if allow_aggregates and repo.kind_of(ident) == "aggregate":
        return ident
    if ident and _exists(repo, kind, ident):
        return ident
    exact = [r for r in lookup.search(text, limit=10, kinds={kind}) if r.score >= 100]
    named = [r for r in exact if r.name.casefold() == text.strip().casefold()]
    if len(named) == 1 or len(exact) == 1:
        return (named or exact)[0].id
    if len(exact) > 1 and exact[0].score > exact[1].score:  # e.g. "Tb": the element, not a family
        return exact[0].id
    shown = text if len(text) <= 60 else text[:57] + "…"  # one readable line, whatever was typed
    if exact:
        options = ", ".join(f"{r.id} ({r.name})" for r in exact)
        raise UsageError(f"{shown!r} matches several {kind} entries: {options}; give the id")
    raise UsageError(f"no {kind} matches {shown!r}; try: briefdesk lookup {shlex.quote(shown)}")


def cmd_lookup(args: argparse.Namespace) -> int:
    if args.limit < 1 or args.limit > 1000:
        raise UsageError("--limit must be between 1 and 1000")
    results = Lookup(open_reference()).search(args.query, limit=args.limit,
                                              kinds={args.kind} if args.kind else None)
    rows = [r.to_json() for r in results]
    text = "\n".join(f"{r.kind:<11} {r.id:<40} {r.name}" for r in results) or "(no match)"
    emit(rows, args.json, text)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    conn = open_reference()
    repo = ReferenceRepository(conn)
    ident = resolve(repo, Lookup(conn), args.kind, args.id)
    try:
        card = CardService(repo).card(args.kind, ident)
    except UnknownEntity as exc:
        raise UsageError(str(exc)) from None
    emit(card, args.json, _card_text(card))
    return 0


def _card_text(card: dict) -> str:
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
            top = ", ".join(f"{t['name']} {t['share']:.0%}" for t in stage["top"][:5])
            hhi = f"HHI {stage['hhi']:.0f}; "
        else:  # no world total: values, no shares
            top = ", ".join(f"{t['name']} {t['value_text']}" for t in stage["top"][:5])
            hhi = "no world total; "
        lines.append(f"  {stage['metric']} {stage['product']} {stage['year']}: {top} "
                     f"({hhi}{stage['source']['title']})")
    for role in card.get("mineral_roles", [])[:40]:
        share = "" if role.get("share") is None else f" share {role['share']:.1%}"
        rank = f" rank {role['rank']}/{role['of']}" if role.get("rank") else ""
        product = f" ({role['product']})" if role.get("product") else ""
        lines.append(f"  {role['mineral_name']}: {role['metric']}{product} {role['year']} "
                     f"{role['value_text']} {role['unit']}{rank}{share}")
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


def cmd_figures(args: argparse.Namespace) -> int:
    conn = open_reference()
    repo, lookup = ReferenceRepository(conn), Lookup(conn)
    mineral = resolve(repo, lookup, "mineral", check_text(args.mineral, "--mineral")) \
        if args.mineral is not None else None
    country = resolve(repo, lookup, "country", check_text(args.country, "--country"),
                      allow_aggregates=True) if args.country is not None else None
    figures = repo.figures(mineral=mineral, country=country, metric=args.metric,
                           year=check_year(args.year))
    text = "\n".join(
        f"{f.mineral:<16} {f.country:<7} {f.metric:<20} {f.product[:20]:<20} {f.year} "
        f"{f.value_text:>14}{'e' if f.estimated and f.value is not None else ' '} {f.unit}  "
        f"[{f.source.id}]" for f in figures) or "(no figures)"
    emit([f.to_json() for f in figures], args.json, text)
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    conn = open_reference()
    repo, lookup = ReferenceRepository(conn), Lookup(conn)
    date_from, date_to = check_date(args.date_from, "--from"), check_date(args.date_to, "--to")
    if date_from and date_to and date_from[:len(date_to)] > date_to:
        raise UsageError(f"--from {date_from} is after --to {date_to}")
    events = repo.events(
        country=resolve(repo, lookup, "country", check_text(args.country, "--country"))
        if args.country is not None else None,
        mineral=resolve(repo, lookup, "mineral", check_text(args.mineral, "--mineral"))
        if args.mineral is not None else None,
        date_from=date_from, date_to=date_to)
    text = "\n".join(f"{e.date:<10} {e.kind:<26} {e.title}" for e in events) or "(no events)"
    emit([e.to_json() for e in events], args.json, text)
    return 0


def cmd_initiatives(args: argparse.Namespace) -> int:
    initiatives = _repo().initiatives()
    text = "\n".join(f"{i.launched:<10} {i.status:<18} {i.name} ({len(i.members)} members)"
                     for i in initiatives)
    emit([i.to_json() for i in initiatives], args.json, text)
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from desktop.paths import reference_db_path

    path = Path(args.db) if args.db else reference_db_path()
    if args.action == "build":
        return _db_build(path, args.json)
    from desktop.reference.validation import check_reference

    report = check_reference(open_reference(path))
    text = "\n".join([", ".join(f"{k}: {v}" for k, v in report.counts.items()),
                      f"unsourced: {report.unsourced}",
                      *(f"error: {e}" for e in report.errors),
                      *(f"note: {n}" for n in report.notes),
                      *(f"warning: {w}" for w in report.warnings),
                      "ok" if report.ok else f"{len(report.errors)} error(s)"])
    emit(report.to_json(), args.json, text)
    return 0 if report.ok else 1


def _db_build(path: Path, as_json: bool) -> int:
    try:
        from db.build import build
        from db.tables import SourceTableError
    except ImportError as exc:
        raise UsageError(f"the database build needs the build extras ({exc.name} is missing); "
                         "run 'make db'") from None
    try:
        result = build(path)
    except (SourceTableError, KeyError, ValueError) as exc:
        raise UsageError(f"build failed: {exc}") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    from desktop.reference.validation import check_reference

    report = check_reference(open_reference(path))
    data = {"path": str(path), "seconds": round(result["seconds"], 3), "bytes": result["bytes"],
            "check": report.to_json()}
    emit(data, as_json, f"built {path} ({result['bytes'] / 1e6:.1f} MB in "
                        f"{result['seconds']:.2f} s); check: "
                        f"{'ok' if report.ok else '; '.join(report.errors)}")
    if not report.ok:
        print(f"briefdesk: the built database fails its check ({len(report.errors)} errors)",
              file=sys.stderr)
    return 0 if report.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.domain.memo import MemoSyntaxError
    from desktop.export.files import MemoFileError, read_memo_file, write_atomically
    from desktop.export.memo_pdf import ExportError, memo_to_pdf

    if args.output.suffix.lower() != ".pdf":
        raise UsageError(f"{args.output}: export writes a PDF; give -o a .pdf name ('briefdesk "
                         "memo export ID -o OUT.md' writes Markdown)")
    try:
        text = read_memo_file(args.memo)
        if "\x00" in text:
            raise UsageError(f"{args.memo}: contains NUL bytes; not a Markdown memo")
        pdf = memo_to_pdf(text, _resolver_or_none(), invariant=args.invariant,
                          base_dir=args.memo.resolve().parent)
        write_atomically(args.output, pdf, protect=args.memo)
    except MemoFileError as exc:
        raise UsageError(str(exc)) from None
    except MemoSyntaxError as exc:
        raise UsageError(f"{args.memo}: {exc}") from None
    except ExportError as exc:
        raise UsageError(f"{args.memo}: {exc}") from None
    print(f"wrote {args.output} ({len(pdf):,} bytes)")
    return 0


def _resolver_or_none():
    """Blocks resolve against the reference DB; without it they become error boxes."""
    from desktop.memos.resolve import BlockResolver
    from desktop.reference.connection import ReferenceUnavailable

    try:
        return BlockResolver(ReferenceRepository(open_reference()))
    except ReferenceUnavailable:
        return None


def _memo(args: argparse.Namespace) -> int:
    from desktop.cli_memos import cmd_memo

    return cmd_memo(args)


def _analyze(args: argparse.Namespace) -> int:
    from desktop.cli_analysis import cmd_analyze

    return cmd_analyze(args)


COMMANDS = {"analyze": _analyze, "lookup": cmd_lookup, "show": cmd_show, "figures": cmd_figures,
            "events": cmd_events, "initiatives": cmd_initiatives, "db": cmd_db,
            "export": cmd_export, "memo": _memo}

