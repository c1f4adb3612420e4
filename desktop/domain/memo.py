"""A memo as text: front matter between ``---`` lines, then Markdown.

The front matter is a few ``key: value`` lines, not full YAML: what a memo needs (title, to, from,
date, marking, summary, author, keywords, toc) and nothing that could surprise its author.

A value may be wrapped in matching quotes (``title: "Cobalt: outlook"``); the quotes are
delimiters, as in YAML, and a value that would otherwise lose quotes of its own on reading is
written back wrapped once more, so a memo round-trips through its `.md` file unchanged. Nested
YAML (indented lines, lists) is refused with a message naming the line, rather than read as
top-level keys the author never wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.domain.errors import UserError

FIELDS = ("title", "to", "from", "date", "marking", "summary", "author", "keywords", "toc",
          "style", "language")
#: How data blocks are laid out: "compact" (the table and its marks; how it is worked out goes
#: to a Method section at the end) or "full" (every note under its block, as before).
STYLES = ("compact", "full")
MAX_FIELD = 2000
_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")  # BCP 47: en, en-GB, ar
DEFAULT_LANGUAGE = "en-GB"  # the language of the app's own words


class MemoSyntaxError(UserError, ValueError):
    """Front matter that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Memo:
    front: dict[str, str] = field(default_factory=dict)
    body: str = ""

    @property
    def title(self) -> str:
        return self.front.get("title", "").strip() or "Untitled memo"

    def get(self, key: str) -> str:
        return self.front.get(key, "").strip()

    @property
    def as_of(self) -> str | None:
        """The memo's date as ISO ("2026-12-02"), read from its ``date`` field — written as
        2026-12-02, 2 December 2026 or December 2, 2026 — or None."""
        return iso_date(self.get("date"))

    @property
    def keywords(self) -> list[str]:
        return [k.strip() for k in re.split(r"[,;]", self.get("keywords")) if k.strip()]

    @property
    def style(self) -> str:
        """"compact" unless the memo asks for "full" (an unknown style is one of ``problems``)."""
        return "full" if self.get("style").lower() == "full" else "compact"

    @property
    def language(self) -> str:
        """The memo's language tag for the exported file (screen readers pick their voice by
        it): its ``language`` (or ``lang``) field, else British English."""
        tag = self._language_field()
        return tag if _LANGUAGE.match(tag) else DEFAULT_LANGUAGE

    def _language_field(self) -> str:
        return self.get("language") or self.get("lang")

    @property
    def wants_toc(self) -> bool:
        return self.get("toc").lower() in ("yes", "true", "1", "on")

    def problems(self) -> list[str]:
        """What stops the memo being exported (it still opens and saves): a date that is not a
        date. ("to" and "from" are always text here: nested YAML is refused on reading.)"""
        out = []
        date = self.get("date")
        if date and iso_date(date) is None:
            out.append(f"front matter: date {date[:40]!r} is not a date; write it as "
                       "2026-12-02, 2 December 2026 or December 2, 2026")
        language = self._language_field()
        if language and not _LANGUAGE.match(language):
            out.append(f"front matter: language {language[:40]!r} is not a language tag; write "
                       "it as en, en-GB, fr or ar")
        style = self.get("style").lower()
        if style and style not in STYLES:
            out.append(f"front matter: style {style[:40]!r} is not one of compact, full")
        return out

    def dated_from_template(self, today: str) -> Memo:
        """A new memo from a template: the template's date placeholder ("[YYYY-MM-DD]") becomes
        ``today``, so the memo can be exported before its author touches the header."""
        if self.get("date") and iso_date(self.get("date")) is not None:
            return self
        return Memo({**self.front, "date": today}, self.body)

    def warnings(self) -> list[str]:
        """What an export should say but not refuse: a memo without a handling marking."""
        if not self.get("marking"):
            return ["front matter has no 'marking' (e.g. marking: OFFICIAL); the pages carry "
                    "none"]
        return []

    def to_text(self) -> str:
        """The memo as a file: front matter in the order of FIELDS, then the body."""
        lines = ["---"]
        for key in (*FIELDS, *sorted(k for k in self.front if k not in FIELDS)):
            if self.front.get(key, "") != "":
                lines.append(f"{key}: {_quoted(' '.join(self.front[key].split()))}")
        lines.append("---")
        return "\n".join(lines) + "\n\n" + self.body.lstrip("\n")

    def to_file(self) -> str:
        """The memo as a `.md` file holds it: ``to_text`` ending in one newline. The app's and
        the CLI's Markdown export and the library's all write this."""
        text = self.to_text()
        return text if text.endswith("\n") else text + "\n"


def parse_memo(text: str) -> Memo:
    """Split front matter from the body. A file without front matter is all body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Memo({}, text)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise MemoSyntaxError("front matter starts with '---' on line 1 but has no closing "
                              "'---' line") from None
    front: dict[str, str] = {}
    for number in range(1, end):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[:1] in (" ", "\t") or line.lstrip().startswith("- "):
            raise MemoSyntaxError(f"front matter line {number + 1}: nested values (indented "
                                  f"lines or lists) are not supported; write each field as "
                                  f"one 'key: value' line, got {line.strip()[:60]!r}")
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not _KEY.match(key):
            raise MemoSyntaxError(f"front matter line {number + 1}: expected 'key: value', got "
                                  f"{line.strip()[:60]!r}")
        if key in front:
            raise MemoSyntaxError(f"front matter line {number + 1}: {key!r} is given twice")
        value = value.strip()
        if _is_quoted(value):
            value = value[1:-1]
        if len(value) > MAX_FIELD:
            raise MemoSyntaxError(f"front matter line {number + 1}: {key!r} is longer than "
                                  f"{MAX_FIELD} characters")
        front[key] = value
    return Memo(front, "\n".join(lines[end + 1:]))


def _is_quoted(value: str) -> bool:
    return len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"


def _quoted(value: str) -> str:
    """A value as written to the file: wrapped in quotes only when reading it back would strip
    quotes that belong to the value itself."""
    return f'"{value}"' if _is_quoted(value) else value


MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}


def iso_date(text: str) -> str | None:
    """A date as people write it at the head of a memo, as ISO; None when it is not one."""
    import datetime

    words = text.replace(",", " ").split()
    try:
        if len(words) == 1:
            return datetime.date.fromisoformat(words[0]).isoformat()
        if len(words) == 3:
            if words[0].isdigit():  # 2 December 2026
                day, month, year = words
            else:  # December 2 2026
                month, day, year = words
            number = MONTHS.get(month.casefold()) or next(
                (n for name, n in MONTHS.items() if len(month) >= 3 and name.startswith(
                    month.casefold().rstrip("."))), None)
            if number is None or not (day.isdigit() and year.isdigit()):
                return None
            return datetime.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None
    return None
