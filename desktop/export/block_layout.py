"""How much of a data block is printed under it, for the PDF and the Word document alike.

A memo's ``style`` sets the default: *compact* prints the table or chart with its title, the
source marks and the short note a reader must see (estimates, what is missing); how the figures
are worked out (``ResolvedBlock.method``) goes to a numbered Method section at the end, and only
the data's sources are cited — a bloc's membership sources are not, unless membership is what the
block shows. *full* prints everything under the block, with the source line. A block may override
either with ``notes: inline | end | none`` and ``sources: all | data | none``.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.models import Source
from desktop.domain.resolved import ResolvedBlock


@dataclass(frozen=True)
class Presentation:
    cited: list[Source]  # what the marks after the title cite
    note: str  # printed under the block
    method: str  # for the Method section at the end ("" when inline or left out)


def present(block: ResolvedBlock, style: str) -> Presentation:
    notes = block.params.get("notes", "").strip().lower() or (
        "end" if style == "compact" else "inline")
    sources = block.params.get("sources", "").strip().lower() or (
        "data" if style == "compact" else "all")
    cited: list[Source] = []
    if sources != "none":
        extra = block.membership_sources if sources == "all" else []
        seen: dict[str, Source] = {}
        for source in [*block.sources, *extra]:
            seen.setdefault(source.id, source)
        cited = list(seen.values())
    parts = [block.note]
    if notes == "inline":
        parts.append(block.method)
    if style == "full" and cited:
        line = "; ".join(f"{s.publisher}, {s.title}" for s in cited).rstrip(".")
        parts.append(f"Source: {line}.")  # "State Dept." must not end in ".."
    method = block.method if notes == "end" else ""
    return Presentation(cited, " ".join(p for p in parts if p), method)


def method_label(number: int) -> str:
    """The mark after a block's title that points at its Method note: "M2"."""
    return f"M{number}"
