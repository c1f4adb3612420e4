"""The ``briefdesk`` command: the app launcher and a scriptable interface to the same services.

Each command group lives in its own module and registers its sub-commands here; every command
receives the one ``AppContext`` of the run. ``briefdesk``, ``python -m desktop`` and ``python -m
desktop.cli`` all run ``main``, so they behave identically: exit 0 on success, 2 on bad input with
one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.cli import analyze, database, exporting, memo, reference
from desktop.cli.common import Parser, UsageError, one_line
from desktop.domain.errors import UserError

GROUPS = (reference, exporting, memo, analyze, database)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="briefdesk", description="Minerals Briefing Desk")
    parser.add_argument("--version", action="version", version=f"briefdesk {__version__}")
    parser.add_argument("--quit-when-ready", action="store_true",
                        help="start the app, exit 0 after the first paint with data loaded")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parse(args_list)
        if args.command is None:
            from desktop.ui.launch import launch

            return launch(quit_when_ready=args.quit_when_ready)
        return _run(args)
    except UserError as exc:
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


def _parse(argv: list[str]) -> argparse.Namespace:
    """Parse; a lookup query may itself start with "-" ("-DRC"), so it keeps unknown words."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command == "lookup":
        args.query = " ".join([args.query, *extra]) if args.query else " ".join(extra)
    elif extra:
        raise UsageError(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _run(args: argparse.Namespace) -> int:
    from desktop.app import AppContext

    context = AppContext.open()
    try:
        return args.handler(args, context)
    finally:
        context.close()
