"""Stale data blocks: a block remembers the data it showed; a newer data pack may change it.

A block inserted from a card carries three extra lines: ``data-pack`` (the reference data version
it was resolved against), ``values`` (a short, readable summary of what it showed) and ``checksum``
(a digest of everything it showed). When the reference data is newer and the block now resolves to
different values, it is stale: the editor shows the old and new values and can refresh it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from desktop.blocks.registry import STAMP_KEYS
from desktop.blocks.syntax import Block, BlockSyntaxError, parse_block
from desktop.domain.fences import Fence, find_blocks
from desktop.domain.numbers import whole
from desktop.domain.resolved import ResolvedBlock


def checksum(block: ResolvedBlock) -> str:
    parts = [block.title, block.text, repr(block.rows)]
    if block.parts:  # several tables: each one's name and rows
        parts += [repr([(t.title, t.rows) for t in block.parts])]
    if block.chart is not None:
        parts += [repr(block.chart.values), repr(block.chart.categories),
                  repr(sorted(block.chart.series.items()))]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def value_items(block: ResolvedBlock, items: int | None = 3) -> list[str]:
    """The values shown, one readable item each ("China 270,000e"); all of them with None."""
    if block.text:
        return [block.text]
    if block.chart is not None and block.chart.categories:
        pairs = zip(block.chart.categories, block.chart.values, strict=False)
        return [f"{c} {v:g} %" for c, v in list(pairs)[:items]]
    if block.chart is not None:
        return [f"{name} {points[-1][0]}: {whole(points[-1][1])}"
                for name, points in list(block.chart.series.items())[:items]]
    shown = []
    for row in block.all_rows()[:items]:
        cells = [c for c in row if c]
        if len(cells) >= 2:
            name = next((c for c in cells if not c.replace(",", "").replace(".", "").isdigit()),
                        cells[0])
            value = next((c for c in cells[cells.index(name) + 1:] if c), "")
            shown.append(f"{name} {value}".strip())
    return shown


def value_summary(block: ResolvedBlock, items: int = 3) -> str:
    """A few of the values shown, readable in the Markdown ("China 270,000e; …")."""
    return "; ".join(value_items(block, items))


_VALUE_TAIL = re.compile(r"[\s:]*[-+−]?\d[\d,.]*\S*(\s*%)?$")


def _item_key(item: str) -> str:
    """What an item is about, without its value: "China 270,000e" -> "China", and a time
    series' "China 2024: 300" -> "China" (the year moves on with the data)."""
    return re.sub(r"\s\d{4}$", "", _VALUE_TAIL.sub("", item)).strip() or item


def value_changes(old_summary: str, new: ResolvedBlock) -> list[str]:
    """What differs between the values stamped in the memo and the block's values now.

    The stamp keeps only a few items, so a change further down a table cannot be named; it is
    then said to lie beyond them, rather than showing two identical summaries side by side.
    """
    if new.text:
        return [] if old_summary == new.text else [f"{old_summary or '?'} → {new.text}"]
    old_items = [item for item in old_summary.split("; ") if item]
    now = value_items(new, None)
    now_by_key = {_item_key(item): item for item in now}
    old_keys = {_item_key(item) for item in old_items}
    changes = []
    for item in old_items:
        current = now_by_key.get(_item_key(item))
        if current is None:
            changes.append(f"{item} → no longer listed")
        elif current != item:
            tail = current[len(_item_key(item)):].strip() if current.startswith(
                _item_key(item)) else current
            changes.append(f"{item} → {tail}")
    for item in now[:len(old_items)]:
        if _item_key(item) not in old_keys:
            changes.append(f"now listed: {item}")
    if not changes:
        kept = len(old_items)
        changes.append(f"a value beyond the {kept} kept in the memo changed" if kept
                       else "its values changed")
    return changes


def stamped(block: Block, resolved: ResolvedBlock) -> Block:
    """The block with its data-pack version, a value summary and a checksum."""
    params = {k: v for k, v in block.params.items() if k not in STAMP_KEYS}
    if resolved.ok:
        params.update({"data-pack": resolved.data_pack, "values": value_summary(resolved),
                       "checksum": checksum(resolved)})
    return Block(block.kind, params)


@dataclass(frozen=True)
class StaleBlock:
    start: int  # character offsets of the whole fenced block in the memo text
    end: int
    old_pack: str
    new_pack: str
    old_values: str
    new_values: str
    refreshed: str  # the replacement markup
    title: str = ""  # what the block shows now, as its heading reads
    changes: tuple[str, ...] = ()  # the stamped values that differ now, "old → new"


def find_stale(text: str, resolver) -> list[StaleBlock]:
    """Blocks resolved against another data pack whose values have changed since.

    ``resolver`` is a ``BlockResolver`` (anything with ``resolve_block`` and ``data_pack``)."""
    out = []
    for found in find_blocks(text):
        try:
            block = parse_block(found.body)
        except BlockSyntaxError:
            continue
        old_pack, old_sum = block.params.get("data-pack"), block.params.get("checksum")
        if not old_pack or not old_sum or old_pack == resolver.data_pack:
            continue
        unstamped = Block(block.kind, {k: v for k, v in block.params.items()
                                       if k not in STAMP_KEYS})
        resolved = resolver.resolve_block(unstamped)
        if not resolved.ok or checksum(resolved) == old_sum:
            continue
        fresh = stamped(unstamped, resolved)
        old_values = block.params.get("values", "")
        out.append(StaleBlock(found.start, found.end, old_pack, resolved.data_pack,
                              old_values, value_summary(resolved), _markup(fresh, found),
                              _title(block, resolved),
                              tuple(value_changes(old_values, resolved))))
    return out


def _markup(block: Block, found: Fence) -> str:
    """The block rewritten in place, in its own fence and indentation."""
    return block.to_markup(found.fence, found.indent).rstrip("\n")


def _title(block: Block, resolved: ResolvedBlock) -> str:
    """The block's heading, else its kind and subject ("production table · lithium")."""
    if resolved.title:
        return resolved.title
    subject = [block.params[k] for k in ("mineral", "country", "initiative", "group")
               if block.params.get(k)]
    return " · ".join([block.kind.replace("-", " "), *subject])


def refresh(text: str, stale: list[StaleBlock]) -> str:
    """The memo text with the given stale blocks replaced by their refreshed markup."""
    for item in sorted(stale, key=lambda s: s.start, reverse=True):
        text = text[:item.start] + item.refreshed + text[item.end:]
    return text


def stamp_markup(markup: str, resolver) -> str:
    """What "Add to memo" inserts: the block's markup, stamped with what it shows now."""
    found = find_blocks(markup)
    if not found:
        return markup
    try:
        block = parse_block(found[0].body)
    except BlockSyntaxError:
        return markup
    return stamped(block, resolver.resolve_block(block)).to_markup()


def stamp_unstamped(text: str, resolver) -> str:
    """Stamp every block that carries no data-pack yet and resolves, so a memo started from a
    template is checked for staleness like blocks added from a card; others are left alone."""
    pieces, last = [], 0
    for found in find_blocks(text):
        try:
            block = parse_block(found.body)
        except BlockSyntaxError:
            continue
        if block.params.get("data-pack"):
            continue
        resolved = resolver.resolve_block(block)
        if not resolved.ok:
            continue
        pieces += [text[last:found.start], _markup(stamped(block, resolved), found)]
        last = found.end
    return "".join(pieces) + text[last:]
