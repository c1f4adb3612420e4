"""Front matter a person (or another tool) wrote by hand: quotes and YAML nesting."""

from __future__ import annotations

import pytest

from desktop.domain.memo import Memo, MemoSyntaxError, parse_memo


def test_quoted_values_keep_what_the_author_meant_and_round_trip():
    memo = parse_memo('---\ntitle: "hello"\nto: \'Cobalt: outlook\'\n---\nbody')
    assert memo.front == {"title": "hello", "to": "Cobalt: outlook"}
    quoted = Memo({"title": '"hello"', "summary": "'single'", "to": 'say "hi"'}, "x")
    assert parse_memo(quoted.to_text()).front == quoted.front
    assert parse_memo(parse_memo(quoted.to_text()).to_text()).front == quoted.front


def test_nested_values_are_refused_with_the_line_not_flattened():
    text = "---\ntitle: T\nauthor:\n  name: Ann\n---\nbody"
    with pytest.raises(MemoSyntaxError, match="line 4: nested values"):
        parse_memo(text)
    with pytest.raises(MemoSyntaxError, match="line 3: nested values"):
        parse_memo("---\nkeywords:\n- cobalt\n---\n")


def test_a_nested_import_is_refused_whole(tmp_path):
    from desktop.library.store import ImportRefused, MemoLibrary

    library = MemoLibrary(tmp_path)
    with pytest.raises(ImportRefused, match="nested values"):
        library.import_markdown("---\ntitle: T\n  name: Ann\n---\n", "n.md")
    assert library.count() == 0
