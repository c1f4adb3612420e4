"""Memo block markup: written by "Add to memo", read back exactly; bad blocks name the line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.blocks.syntax import Block, BlockSyntaxError, parse_block


def _body(markup: str) -> str:
    lines = markup.splitlines()
    assert lines[0] == "```brief" and lines[-1] == "```"
    return "\n".join(lines[1:-1])


def test_round_trip():
    block = Block("production-table", {"mineral": "rare-earths", "year": "2025", "top": "10"})
    assert parse_block(_body(block.to_markup())) == block


@pytest.mark.parametrize("body,message", [
    ("mineral: x", "no 'kind:' line"), ("kind: pie", "unknown block kind"),
    ("kind: figure\nnot a pair", "line 2"), ("kind: figure\nyear: 1\nyear: 2", "given twice"),
    ("kind: figure\nBad Key!: 1", "line 2"),
])
def test_bad_blocks_say_what_is_wrong(body, message):
    with pytest.raises(BlockSyntaxError, match=message):
        parse_block(body)


@given(st.text(max_size=300))
def test_any_text_parses_or_raises_block_syntax_error(text):
    try:
        parse_block(text)
    except BlockSyntaxError:
        pass


@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True),
                       st.text(max_size=40), max_size=5))
def test_values_never_break_the_block(params):
    params.pop("kind", None)
    block = Block("timeline", params)
    parsed = parse_block(_body(block.to_markup()))
    assert parsed.kind == "timeline"
    assert set(parsed.params) == set(params)
