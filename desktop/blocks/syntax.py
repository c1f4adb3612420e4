"""Data blocks: the fenced ``brief`` blocks a memo uses to pull figures from the reference DB.

A block is plain Markdown that stays readable without the app::

    ```brief
    kind: production-table
    mineral: rare-earths
    metric: mine_production
    year: 2025
    top: 10
    ```

This module writes and reads the markup. Where a block starts and ends in a memo is decided by
``desktop.domain.fences.find_blocks``; which keys a kind takes, by ``desktop.blocks.registry``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

FENCE = "```"
INFO = "brief"
_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


class BlockSyntaxError(ValueError):
    """A block that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Block:
    kind: str
    params: dict[str, str] = field(default_factory=dict)

    def to_markup(self, fence: str = FENCE, indent: str = "") -> str:
        """The block as Markdown; ``fence`` and ``indent`` keep an existing block's own style
        when it is rewritten in place (refreshed, stamped)."""
        lines = [f"{fence}{INFO}", f"kind: {self.kind}"]
        for key, value in self.params.items():
            clean = " ".join(str(value).split())  # one line per key, whatever the value held
            lines.append(f"{key}: {clean}")
        lines.append(fence)
        return "\n".join(indent + line for line in lines) + "\n"


def parse_block(body: str) -> Block:
    """Read the ``key: value`` lines inside a ``brief`` fence."""
    from desktop.blocks.registry import KIND_IDS

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
    if kind not in KIND_IDS:
        close = difflib.get_close_matches(kind.lower(), KIND_IDS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise BlockSyntaxError(f"unknown block kind {kind[:60]!r}; {hint}known kinds: "
                               f"{', '.join(KIND_IDS)}")
    return Block(kind, params)


def body_of(markup: str) -> str:
    """The lines between the fences of one block's markup (as ``Block.to_markup`` writes it)."""
    return markup.split("\n", 1)[1].rsplit(FENCE, 1)[0] if "\n" in markup else ""
