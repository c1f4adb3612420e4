"""Resolving memo data blocks against the reference DB.

Each ``brief`` block becomes a ``ResolvedBlock``: a table, a chart, or a single figure, always with
its sources and the data-pack version. The kind's entry in ``desktop.blocks.registry`` says which
keys it takes; here they are checked (an unknown or misspelt key names the closest one) and
converted by type — names to ids (``country: 中国`` is CHN), numbers, dates — before the kind's
function runs. Anything wrong becomes an error block that names the problem; resolution itself
never raises.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from desktop.analysis.workbench import AnalysisWorkbench
from desktop.blocks.context import BlockContext, BlockError, Params
from desktop.blocks.market_kinds import MAX_MINERALS
from desktop.blocks.registry import KINDS, STAMP_KEYS, TYPES, BlockKind, Key
from desktop.blocks.syntax import Block, BlockSyntaxError, parse_block
from desktop.domain.event_kinds import UnknownKind, expand
from desktop.domain.resolved import LAYOUT_KEYS, ResolvedBlock, error_block
from desktop.domain.text import is_day, is_partial_date
from desktop.reference.names import NameResolver, UnknownName, shown
from desktop.reference.repository import ReferenceRepository

YES, NO = ("yes", "true", "on", "1"), ("no", "false", "off", "0")


def _today() -> str:
    return dt.date.today().isoformat()
MAX_PLACES = 6


class BlockResolver:
    """Resolves block bodies over the app's one repository, workbench and name resolver."""

    def __init__(self, repo: ReferenceRepository, workbench: AnalysisWorkbench,
                 names: NameResolver, today: Callable[[], str] | None = None,
                 as_of: str | None = None) -> None:
        self.repo = repo
        self.context = BlockContext(repo, workbench, names, today or _today, as_of)
        self.data_pack = repo.meta.get("data_pack_version", "")

    def dated(self, as_of: str | None) -> BlockResolver:
        """The same resolver, with statuses given as of ``as_of`` (a memo's date) where a block
        names no ``as-of:`` of its own."""
        context = self.context
        return BlockResolver(self.repo, context.workbench, context.names, context.today, as_of)

    def __call__(self, body: str) -> ResolvedBlock:
        return self.resolve(body)

    def resolve(self, body: str) -> ResolvedBlock:
        try:
            block = parse_block(body)
        except BlockSyntaxError as exc:
            return error_block(f"Data block: {exc}")
        return self.resolve_block(block)

    def resolve_block(self, block: Block) -> ResolvedBlock:
        kind = KINDS[block.kind]
        try:
            resolved = kind.resolve(self.context, self.check(kind, block.params))
        except (BlockError, UnknownName) as exc:
            return error_block(f"{block.kind} block: {exc}", block.kind, block.params)
        return replace(resolved, data_pack=self.data_pack, params=dict(block.params),
                       kind=block.kind)

    # -- checking what the author wrote -------------------------------------------------------
    def check(self, kind: BlockKind, raw: dict[str, str]) -> Params:
        for key, text in raw.items():
            if key in STAMP_KEYS:
                continue
            if key in LAYOUT_KEYS:  # read by the exporter, not by the kind
                if text.strip().lower() not in LAYOUT_KEYS[key]:
                    raise BlockError(f"'{key}:' is one of {', '.join(LAYOUT_KEYS[key])}, not "
                                     f"{shown(text, 40)!r}")
                continue
            spec = kind.key(key)
            if spec is None:
                raise BlockError(unknown_key(kind, key))
            if len(text) > spec.limit:
                raise BlockError(f"'{key}:' is {len(text):,} characters long; at most "
                                 f"{spec.limit:,}")
        values: dict[str, Any] = {}
        for spec in kind.keys:
            text = raw.get(spec.name, "").strip()
            if text:
                values[spec.name] = self._convert(spec, text)
            elif spec.required:
                raise BlockError(f"'{spec.name}:' is missing ({TYPES[spec.type]})")
            elif isinstance(spec.default, str) and spec.type in ("places", "yesno"):
                values[spec.name] = self._convert(spec, spec.default)
            else:
                values[spec.name] = spec.default
        return Params(values, dict(raw))

    def _convert(self, spec: Key, text: str) -> Any:
        names, key = self.context.names, spec.name
        kind = spec.type
        if kind in ("mineral", "country", "initiative", "group", "event"):
            return names.id_of(kind, text)
        if kind == "place":
            return names.id_of("country", text, aggregates=True)
        if kind == "importer":
            return names.importer(text)
        if kind == "minerals":
            chosen = [m.strip() for m in text.split(",") if m.strip()]
            if not 1 <= len(chosen) <= MAX_MINERALS:
                raise BlockError(f"'{key}:' takes one to {MAX_MINERALS} minerals")
            return list(dict.fromkeys(names.id_of("mineral", m) for m in chosen))
        if kind == "places":
            places = [p.strip() for p in text.split(",") if p.strip()]
            if not 1 <= len(places) <= MAX_PLACES:
                raise BlockError(f"'{key}:' takes one to six countries, e.g. 'WORLD, CHN'")
            return [names.id_of("country", p, aggregates=True) for p in places]
        if kind == "bloc":
            return names.bloc(text)
        if kind in ("metric", "stage"):
            chosen = text.lower().replace(" ", "_") if kind == "metric" else text.lower()
            if chosen not in spec.choices:
                raise BlockError(f"unknown {kind} {shown(text, 40)!r}; use one of "
                                 f"{', '.join(spec.choices)}")
            return chosen
        if kind in ("year", "int"):
            return whole_number(key, text, spec.low, spec.high)
        if kind == "date":
            if not is_day(text):
                raise BlockError(f"'{key}:' must be a date like 2026-11-28, not "
                                 f"{shown(text, 40)!r}")
            return text
        if kind == "partial-date":
            if not is_partial_date(text):
                raise BlockError(f"'{key}:' must be a date like 2025-04-04, 2025-04 or 2025, "
                                 f"not {shown(text, 40)!r}")
            return text
        if kind == "event-kinds":
            try:
                return expand(text)
            except UnknownKind as exc:
                raise BlockError(str(exc)) from None
        if kind == "yesno":
            if text.lower() not in YES + NO:
                raise BlockError(f"'{key}:' is yes or no, not {shown(text, 40)!r}")
            return text.lower() in YES
        return " ".join(text.split())


def unknown_key(kind: BlockKind, key: str) -> str:
    """"unknown key 'yaer' (did you mean 'year'?); a production-table block takes …"."""
    close = difflib.get_close_matches(key, kind.key_names, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return (f"unknown key {shown(key, 40)!r}{hint}; a {kind.id} block takes "
            f"{', '.join(kind.key_names)}")


def whole_number(key: str, text: str, low: int | None, high: int | None) -> int:
    body = text.strip()
    if not (body.lstrip("-").isascii() and body.lstrip("-").isdigit()) or len(body) > 12:
        raise BlockError(f"'{key}:' must be a whole number, not {shown(body, 40)!r}")
    value = int(body)
    if (low is not None and value < low) or (high is not None and value > high):
        raise BlockError(f"'{key}:' must be between {low} and {high}, not {value}")
    return value
