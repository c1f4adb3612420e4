"""The ``briefdesk`` command: the app launcher and a scriptable interface to the same services.

Contract (ARCHITECTURE.md): exit 0 on success, 2 on bad input with one line on stderr, never a
traceback. ``--json`` prints machine-readable output; without it, plain text for people.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.domain.text import is_partial_date

METRICS = ("mine_production", "refinery_production", "smelter_production", "metal_production",
           "production", "reserves", "capacity", "net_import_reliance", "import_source_share",
           "processing_share")


class UsageError(Exception):
    """Bad input from the user: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise UsageError(message)


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="briefdesk", description="Minerals Briefing Desk")
    parser.add_argument("--version", action="version", version=f"briefdesk {__version__}")
    parser.add_argument("--quit-when-ready", action="store_true",
                        help="start the app, exit 0 after the first paint with data loaded")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("lookup", help="find countries, minerals, initiatives, groups, events")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--kind", choices=("country", "mineral", "initiative", "group", "event"))
    _add_json(p)

    p = sub.add_parser("show", help="everything a card shows about one entity")
    p.add_argument("kind", choices=("country", "mineral", "initiative", "event", "group"))
    p.add_argument("id")
    _add_json(p)

    p = sub.add_parser("figures", help="published figures with their sources")
    p.add_argument("--mineral")
    p.add_argument("--country", help="ISO3 code or WORLD / OTHERS")
    p.add_argument("--metric", choices=METRICS)
    p.add_argument("--year", type=int)
    _add_json(p)

    p = sub.add_parser("events", help="dated policy events")
    p.add_argument("--country")
    p.add_argument("--mineral")
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    _add_json(p)

    p = sub.add_parser("initiatives", help="initiatives with members and sources")
    _add_json(p)

    p = sub.add_parser("export", help="export a memo (Markdown with front matter) to PDF")
    p.add_argument("memo", type=path_arg, help="the memo file (.md)")
    p.add_argument("-o", "--output", type=path_arg, required=True, help="the PDF to write")
    p.add_argument("--invariant", action="store_true",
                   help="byte-identical output for identical input (no timestamps)")

    p = sub.add_parser("memo", help="the memo library: import, list, show, export, delete")
    p.add_argument("action", choices=("import", "list", "show", "export", "delete"))
    p.add_argument("target", nargs="?", help="FILE.md for import, a memo id otherwise")
    p.add_argument("-o", "--output", type=path_arg, help="OUT.pdf or OUT.md for export")
    p.add_argument("--invariant", action="store_true", help="byte-stable PDF output")
    _add_json(p)

    from desktop.cli_analysis import add_parser as add_analyze

    add_analyze(sub)

    p = sub.add_parser("db", help="build or check the reference database")
    p.add_argument("action", choices=("build", "check"))
    p.add_argument("--db", type=path_arg, help="database file (default: the bundled one)")
    _add_json(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parse(args_list)
        if args.command is None:
            from desktop.ui.launch import launch

            return launch(quit_when_ready=args.quit_when_ready)
        return _dispatch(args)
    except UsageError as exc:
        print(f"briefdesk: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: still one line for the user, never a traceback
        print(f"briefdesk: unexpected error ({type(exc).__name__}: {one_line(str(exc))})",
              file=sys.stderr)
        return 1


def one_line(message: str, longest: int = 80) -> str:
    """The message on one line, any run of text longer than ``longest`` characters without a
    space (a 100 000-character path someone typed) cut to its start — so the reason stays
    readable whatever was passed in."""
    words = message.split()
    return " ".join(w if len(w) <= longest else w[:longest - 20] + "…" + w[-8:] for w in words)


def path_arg(text: str) -> Path:
    """A path option: empty text is refused here rather than read as "." (the folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path was given")
    return Path(text)


def check_year(year: int | None, option: str = "--year") -> int | None:
    if year is not None and not 1800 <= year <= 2100:
        raise UsageError(f"{option} must be between 1800 and 2100, not {year}")
    return year


def check_text(value: str | None, option: str) -> str | None:
    """An option given as empty text is a mistake, not "everything"."""
    if value is not None and not value.strip():
        raise UsageError(f"{option} is empty")
    return value


def _parse(argv: list[str]) -> argparse.Namespace:
    """Parse; a lookup query may itself start with "-" ("-DRC"), so it keeps unknown words."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command == "lookup":
        args.query = " ".join([args.query, *extra]) if args.query else " ".join(extra)
    elif extra:
        raise UsageError(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _dispatch(args: argparse.Namespace) -> int:
    from desktop.cli_commands import COMMANDS
    from desktop.reference.connection import ReferenceUnavailable

    try:
        return COMMANDS[args.command](args)
    except ReferenceUnavailable as exc:
        raise UsageError(str(exc)) from None


def check_date(text: str | None, name: str) -> str | None:
    if text is None:
        return None
    if not is_partial_date(text):
        raise UsageError(f"{name} must be a date like 2025-04-04, 2025-04 or 2025, not {text!r}")
    return text


def emit(data: object, as_json: bool, text: str) -> None:
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
