"""What every ``briefdesk`` command shares: the parser that reports in one line, the checks of
option values, and printing as text or JSON.

Contract (ARCHITECTURE.md): exit 0 on success, 2 on bad input with one line on stderr, never a
traceback. ``--json`` prints machine-readable output; without it, plain text for people.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.domain.text import is_day, is_partial_date


class UsageError(UserError):
    """Bad input from the user: reported as one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise UsageError(message)


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


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


def check_day(text: str | None, name: str) -> str | None:
    """A full date (``--as-of``): statuses and memberships are taken on a day."""
    if text is None:
        return None
    if not is_day(text):
        raise UsageError(f"{name} must be a date like 2026-12-02, not {text[:40]!r}")
    return text


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


def say_warnings(warnings: list[str]) -> None:
    """What an export went ahead with but the user should know, one line each on stderr."""
    for warning in dict.fromkeys(warnings):
        sys.stderr.write(f"briefdesk: warning: {warning}\n")
