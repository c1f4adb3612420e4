"""``briefdesk memo …``: the memo library from the command line (import, list, show, export,
delete), over the same library and the same operations the app uses (``BRIEFDESK_HOME`` or the
user data directory)."""

from __future__ import annotations

import argparse
import re
import sys

from desktop.cli.common import UsageError, add_json, emit, path_arg, say_warnings

MAX_ID = 2**63 - 1  # SQLite's largest integer: a longer number overflows, it cannot be an id


def register(sub) -> None:
    p = sub.add_parser("memo", help="the memo library: import, list, show, export, delete")
    p.add_argument("action", choices=("import", "list", "show", "export", "delete"))
    p.add_argument("target", nargs="?", help="FILE.md for import, a memo id otherwise")
    p.add_argument("-o", "--output", type=path_arg, help="OUT.pdf, OUT.docx or OUT.md for export")
    p.add_argument("--invariant", action="store_true", help="byte-stable PDF output")
    add_json(p)
    p.set_defaults(handler=cmd_memo)


def _no_memo(shown: str) -> UsageError:
    """One wording for every id that names no memo: zero, negative, or simply unused."""
    return UsageError(f"there is no memo {shown} (see 'briefdesk memo list')")


def _memo_id(text: str) -> int:
    """A memo id as typed, checked before it reaches SQLite (which overflows past 2**63-1)."""
    if re.fullmatch(r"-?0*\d{1,19}", text) and int(text) < 1:
        raise _no_memo(str(int(text)))  # "0", "-1": numbers, just not ids
    if not text.isascii() or not text.isdigit():
        raise UsageError(f"a memo id is a number (see 'briefdesk memo list'), not {text!r}")
    if len(text) > 19 or not 1 <= int(text) <= MAX_ID:
        raise UsageError(f"there is no memo {text[:24]}{'…' if len(text) > 24 else ''}: memo "
                         f"ids run from 1 to {MAX_ID} (see 'briefdesk memo list')")
    return int(text)


def cmd_memo(args: argparse.Namespace, context) -> int:
    library = context.library
    if args.action == "import":
        from desktop.services.memo_files import import_memo_file

        if not args.target:
            raise UsageError("memo import needs a file: briefdesk memo import FILE.md")
        memo_id = import_memo_file(library, args.target)
        stored = library.get(memo_id)
        emit(stored.to_json(body=False), args.json, f"imported memo {memo_id}: {stored.title}")
    elif args.action == "list":
        if args.target:
            raise UsageError(f"memo list takes no argument, got {args.target!r}")
        rows = library.list(limit=10_000)
        emit([{"id": i, "title": t, "updated": u} for i, t, u in rows], args.json,
             "\n".join(f"{i:>5}  {u[:16]}  {t}" for i, t, u in rows) or "(no memos)")
    elif args.action == "show":
        stored = _get(library, _memo_id(args.target or ""))
        if stored.deleted and not args.json:  # JSON carries "deleted" already
            # on stderr, so `memo show ID > memo.md` still writes the memo alone
            print(f"(in the trash since {stored.deleted[:16].replace('T', ' ')} UTC; "
                  "restore it from the memo list's trash in the app)", file=sys.stderr)
        emit(stored.to_json(), args.json, stored.memo.to_text())
    elif args.action == "export":
        _export(context, _memo_id(args.target or ""), args)
    elif args.action == "delete":
        memo_id = _memo_id(args.target or "")
        stored = _get(library, memo_id)
        if stored.deleted:
            raise UsageError(f"memo {memo_id} ({stored.title}) is already in the trash "
                             f"(since {stored.deleted[:16].replace('T', ' ')} UTC)")
        library.trash(memo_id)
        emit({"id": memo_id, "trashed": True}, args.json,
             f"moved memo {memo_id} ({stored.title}) to the trash")
    return 0


def _get(library, memo_id: int):
    """The stored memo, or the same "there is no memo N" as for ids that cannot exist."""
    if not library.exists(memo_id):
        raise _no_memo(str(memo_id))
    return library.get(memo_id)


def _export(context, memo_id: int, args: argparse.Namespace) -> None:
    from desktop.services.exporting import export_memo, output_format

    if not args.output:
        raise UsageError("memo export needs -o OUT.pdf, -o OUT.docx or -o OUT.md")
    output_format(args.output)
    stored = _get(context.library, memo_id)
    warnings: list[str] = []
    export_memo(stored.memo, args.output, context.lazy_blocks, invariant=args.invariant,
                warnings=warnings)
    say_warnings(warnings)
    emit({"id": memo_id, "output": str(args.output)}, args.json, f"wrote {args.output}")
