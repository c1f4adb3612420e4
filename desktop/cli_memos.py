"""``briefdesk memo …``: the memo library from the command line (import, list, show, export,
delete), over the same library the app uses (``BRIEFDESK_HOME`` or the user data directory)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from desktop.cli import UsageError, emit
from desktop.paths import user_data_dir


def _library():
    from desktop.memos.library import LibraryError, MemoLibrary

    try:
        return MemoLibrary(user_data_dir())
    except LibraryError as exc:
        raise UsageError(str(exc)) from None


MAX_ID = 2**63 - 1  # SQLite's largest integer: a longer number overflows, it cannot be an id


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


def cmd_memo(args: argparse.Namespace) -> int:
    from desktop.memos.library import ImportRefused, LibraryError

    library = _library()
    try:
        if args.action == "import":
            from desktop.export.files import MemoFileError, read_memo_file

            if not args.target:
                raise UsageError("memo import needs a file: briefdesk memo import FILE.md")
            path = Path(args.target)
            try:
                memo_id = library.import_markdown(read_memo_file(path), path.name)
            except (MemoFileError, ImportRefused) as exc:
                raise UsageError(str(exc)) from None
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
            _export(library, _memo_id(args.target or ""), args)
        elif args.action == "delete":
            memo_id = _memo_id(args.target or "")
            stored = _get(library, memo_id)
            if stored.deleted:
                raise UsageError(f"memo {memo_id} ({stored.title}) is already in the trash "
                                 f"(since {stored.deleted[:16].replace('T', ' ')} UTC)")
            title = stored.title
            library.trash(memo_id)
            emit({"id": memo_id, "trashed": True}, args.json,
                 f"moved memo {memo_id} ({title}) to the trash")
    except LibraryError as exc:
        raise UsageError(str(exc)) from None
    finally:
        library.close()
    return 0


def _get(library, memo_id: int):
    """The stored memo, or the same "there is no memo N" as for ids that cannot exist."""
    if not library.exists(memo_id):
        raise _no_memo(str(memo_id))
    return library.get(memo_id)


def _export(library, memo_id: int, args: argparse.Namespace) -> None:
    from desktop.cli_commands import _resolver_or_none
    from desktop.export.files import MemoFileError, write_atomically

    if not args.output:
        raise UsageError("memo export needs -o OUT.pdf or -o OUT.md")
    output = Path(args.output)
    stored = _get(library, memo_id)
    try:
        if output.suffix.lower() == ".md":
            write_atomically(output, stored.memo.to_text().encode("utf-8"))
        elif output.suffix.lower() == ".pdf":
            from desktop.export.memo_pdf import render

            write_atomically(output, render(stored.memo, _resolver_or_none(),
                                            invariant=args.invariant))
        else:
            raise UsageError(f"{output}: export writes .pdf or .md files")
    except MemoFileError as exc:
        raise UsageError(str(exc)) from None
    emit({"id": memo_id, "output": str(output)}, args.json, f"wrote {output}")
