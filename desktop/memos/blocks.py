"""Data blocks: the fenced ``brief`` blocks a memo uses to pull figures from the reference DB.

A block is plain Markdown that stays readable without the app::

    ```brief
    kind: production-table
    mineral: rare-earths
    metric: mine_production
    year: 2025
    top: 10
    ```

This module writes and reads the markup; resolving a block against the DB belongs to the exporter
and the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = "```"
INFO = "brief"
KINDS = ("production-table", "share-chart", "time-series", "figure", "memberships", "members",
         "timeline", "concentration", "bloc", "stress", "reserves-gap", "us-imports")
_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


class BlockSyntaxError(ValueError):
    """A block that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Block:
    kind: str
    params: dict[str, str] = field(default_factory=dict)

    def to_markup(self) -> str:
        lines = [f"{FENCE}{INFO}", f"kind: {self.kind}"]
        for key, value in self.params.items():
            clean = " ".join(str(value).split())  # one line per key, whatever the value held
            lines.append(f"{key}: {clean}")
        lines.append(FENCE)
        return "\n".join(lines) + "\n"


def parse_block(body: str) -> Block:
    """Read the ``key: value`` lines inside a ``brief`` fence."""
    params: dict[str, str] = {}
    for number, line in enumerate(body.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not _KEY.match(key):
            raise BlockSyntaxError(f"line {number}: expected 'key: value', got {line.strip()[:60]!r}")
        if key in params:
            raise BlockSyntaxError(f"line {number}: {key!r} is given twice")
        params[key] = value.strip()
    kind = params.pop("kind", "")
    if not kind:
        raise BlockSyntaxError("the block has no 'kind:' line")
    if kind not in KINDS:
        raise BlockSyntaxError(f"unknown block kind {kind!r}; known kinds: {', '.join(KINDS)}")
    return Block(kind, params)
