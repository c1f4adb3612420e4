"""One registry of block kinds: every kind checks its keys, a misspelt key names the closest one,
names are accepted where ids are, and the picker and the reference page read the same table.

On the old main a ``production-table`` block with ``yaer: 2019`` silently printed 2025 (only the
analysis kinds checked their keys), and ``country: China`` or ``mineral: Rare earths`` were
refused although the CLI and the lookup accept them.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.blocks.registry import KIND_IDS, KINDS, STAMP_KEYS, TYPES
from desktop.blocks.syntax import Block, BlockSyntaxError, parse_block


def _misspelt(name: str) -> str:
    """Two neighbouring letters swapped ("year" -> "yaer"), or one doubled for short names."""
    if len(name) < 3:
        return name + name[-1]
    return name[0] + name[2] + name[1] + name[3:]


def test_production_table_refuses_a_misspelt_year(resolver):
    block = resolver("kind: production-table\nmineral: rare-earths\nyaer: 2019")
    assert not block.ok
    assert "unknown key 'yaer' (did you mean 'year'?)" in block.error
    assert "mineral, metric, product, year, top" in block.error  # what the kind does take


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_every_kind_names_the_closest_key_to_a_misspelt_one(resolver, kind_id):
    kind = KINDS[kind_id]
    for key in kind.keys:
        wrong = _misspelt(key.name)
        if wrong in kind.key_names:
            continue
        params = {k: v for k, v in kind.example.items()}
        params[wrong] = "1"
        block = resolver.resolve_block(Block(kind_id, params))
        assert not block.ok, (kind_id, wrong)
        assert f"unknown key {wrong!r}" in block.error, block.error
        assert f"did you mean {key.name!r}" in block.error, block.error


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_every_kind_resolves_its_example_and_takes_the_stamp_keys(resolver, kind_id):
    kind = KINDS[kind_id]
    block = resolver.resolve_block(Block(kind_id, dict(kind.example)))
    assert block.ok, block.error
    stamped = resolver.resolve_block(Block(kind_id, {**kind.example, "data-pack": "x",
                                                     "values": "y", "checksum": "z"}))
    assert stamped.ok and set(STAMP_KEYS) <= set(stamped.params)


def test_the_registry_is_complete_and_consistent():
    for kind in KINDS.values():
        assert kind.label and kind.summary and kind.example
        assert len(set(kind.key_names)) == len(kind.key_names), kind.id
        for key in kind.keys:
            assert key.type in TYPES, (kind.id, key.name)
            assert not set(STAMP_KEYS) & {key.name}
            if key.type in ("metric", "stage"):
                assert key.choices and (key.default is None or key.default in key.choices)
        assert set(kind.example) <= set(kind.key_names)
        assert all(k.name in kind.example for k in kind.keys if k.required), kind.id
    # the picker keeps one field per key name: a name means the same kind of value everywhere
    seen: dict[str, str] = {}
    widget = {"place": "country"}
    for kind in KINDS.values():
        for key in kind.form_keys:
            assert seen.setdefault(key.name, widget.get(key.type, key.type)) == \
                widget.get(key.type, key.type), (kind.id, key.name)


def test_unknown_kinds_name_the_closest_kind():
    with pytest.raises(BlockSyntaxError, match="did you mean 'production-table'"):
        parse_block("kind: producton-table\nmineral: lithium")


@pytest.mark.parametrize("key,value,expected", [
    ("country", "China", "China: groups and initiatives"),
    ("country", "中国", "China: groups and initiatives"),
    ("country", "Китай", "China: groups and initiatives"),
    ("country", "chn", "China: groups and initiatives"),
    ("country", "People's Republic of China", "China: groups and initiatives"),
])
def test_country_names_in_any_script(resolver, key, value, expected):
    block = resolver(f"kind: memberships\n{key}: {value}")
    assert block.ok and block.title == expected, block.error


@pytest.mark.parametrize("value,expected", [
    ("Rare earths", "Rare earths: mine production"), ("rare-earths", "Rare earths: mine"),
    ("Li", "Lithium: mine production"), ("Lithium", "Lithium: mine production"),
])
def test_mineral_names_and_symbols(resolver, value, expected):
    block = resolver(f"kind: production-table\nmineral: {value}")
    assert block.ok and block.title.startswith(expected), block.error


def test_bloc_expressions_take_names(resolver):
    block = resolver("kind: bloc\ngroup: g7+Australia\nmineral: lithium\nstage: mining")
    assert block.ok, block.error
    assert block.title.startswith("G7 + Australia and China: Lithium")
    assert "Australia" in [row[0] for row in block.rows]
    named = resolver("kind: bloc\ngroup: Minerals Security Partnership\nmineral: lithium")
    assert named.ok, named.error
    stress = resolver("kind: stress\nremove: China\nmineral: gallium")
    assert stress.ok and "if China stopped supplying" in stress.title


def test_a_time_series_takes_country_names(resolver):
    block = resolver("kind: time-series\nmineral: rare-earths\ncountries: World, China")
    assert block.ok and set(block.chart.series) == {"World", "China"}, block.error


def test_errors_quote_the_input_as_typed(resolver):
    block = resolver("kind: memberships\ncountry: Атлантида")
    assert "unknown country 'Атлантида'" in block.error
    assert "АТЛАНТИДА" not in block.error
    several = resolver("kind: production-table\nmineral: NdPr")
    assert "matches several" in several.error and "give the id" in several.error


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KIND_IDS),
       params=st.dictionaries(st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True),
                              st.text(max_size=300).map(lambda s: " ".join(s.split())),
                              max_size=6))
def test_any_values_resolve_or_give_an_error_block(resolver, kind, params):
    params.pop("kind", None)
    block = resolver.resolve_block(Block(kind, params))
    assert block.ok or block.error.startswith(f"{kind} block: ")


def test_huge_values_are_refused_with_their_length(resolver):
    block = resolver("kind: production-table\nmineral: " + "x" * 100_000)
    assert not block.ok and "characters long; at most 200" in block.error
    bloc = resolver("kind: bloc\nmineral: lithium\ngroup: " + "+".join(["AUS"] * 5000))
    assert not bloc.ok and "at most 2,000" in bloc.error
