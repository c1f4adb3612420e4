"""Lookup: aliases, other scripts and typos find the entity; nothing typed raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.reference.lookup import Lookup


@pytest.fixture()
def lookup(reference_conn):
    return Lookup(reference_conn)


@pytest.mark.parametrize("query,kind,ident", [
    ("Burma", "country", "MMR"), ("Myanmar", "country", "MMR"), ("DRC", "country", "COD"),
    ("Congo (Kinshasa)", "country", "COD"), ("Korea, Republic of", "country", "KOR"),
    ("Korea, North", "country", "PRK"), ("Cote d'Ivoire", "country", "CIV"),
    ("UK", "country", "GBR"), ("usa", "country", "USA"), ("PRC", "country", "CHN"),
    ("ROK", "country", "KOR"), ("UAE", "country", "ARE"), ("Türkiye", "country", "TUR"),
    ("Turkey", "country", "TUR"), ("Czechia", "country", "CZE"), ("JP", "country", "JPN"),
    ("日本", "country", "JPN"), ("中国", "country", "CHN"), ("한국", "country", "KOR"),
    ("Китай", "country", "CHN"), ("Japon", "country", "JPN"), ("ＪＡＰＡＮ", "country", "JPN"),
    ("lithium", "mineral", "lithium"), ("lithum", "mineral", "lithium"),
    ("Ga", "mineral", "gallium"), ("rare earths", "mineral", "rare-earths"),
    ("REE", "mineral", "rare-earths"), ("wolfram", "mineral", "tungsten"),
    ("MSP", "initiative", "msp"), ("FORGE", "initiative", "forge"),
    ("Pax Silica", "initiative", "pax-silica"), ("G7", "group", "g7"),
    ("Quad", "group", "quad"), ("germny", "country", "DEU"),
])
def test_first_result(lookup, query, kind, ident):
    first = lookup.search(query, limit=5)[0]
    assert (first.kind, first.id) == (kind, ident)


def test_ndpr_finds_both_elements(lookup):
    ids = {r.id for r in lookup.search("NdPr", limit=5)[:2]}
    assert ids == {"neodymium", "praseodymium"}


def test_exact_outranks_prefix_and_typo(lookup):
    results = lookup.search("India", limit=10)
    assert results[0].id == "IND"
    assert all(r.score <= results[0].score for r in results)


def test_prefix_finds_while_typing(lookup):
    for partial in ("Ind", "Indo", "Indon", "Indones"):
        assert "IDN" in [r.id for r in lookup.search(partial, limit=10)]


def test_kinds_filter_and_limit(lookup):
    results = lookup.search("china", limit=3, kinds={"event"})
    assert results and len(results) <= 3 and all(r.kind == "event" for r in results)
    assert lookup.search("china", limit=0) == []


@pytest.mark.parametrize("query", [
    "", "   ", '"', '""', "'", "*", "AND", "OR NOT", "NEAR(a b)", "a:b", "-", "^", "(", ")",
    "\x00", "\u202e", "🙂🙂🙂", "x" * 10_000, "日" * 10_000, "%_%", "\\", "' OR 1=1 --",
    "a" * 2, "\ud800", "\udcff\udcfeabc", "Bur\x00ma", "\ufeffJapan",
])
def test_hostile_queries_never_raise(lookup, query):
    assert isinstance(lookup.search(query), list)


def test_hidden_characters_do_not_hide_the_answer(lookup):
    assert lookup.search("Bur\x00ma")[0].id == "MMR"
    assert lookup.search("\ufeffJapan")[0].id == "JPN"
    assert lookup.search("  Japan  ")[0].id == "JPN"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(exclude_categories=()), max_size=300))
def test_arbitrary_text_never_raises(lookup, text):
    results = lookup.search(text)
    assert isinstance(results, list) and len(results) <= 20
    assert all(r.kind in {"country", "mineral", "initiative", "group", "event"} for r in results)
