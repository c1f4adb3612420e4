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


@pytest.mark.parametrize("symbol,element,families", [
    ("Tb", "terbium", {"heavy-rare-earths", "rare-earths"}),
    ("Ho", "holmium", {"heavy-rare-earths", "rare-earths"}),
    ("Lu", "lutetium", {"heavy-rare-earths", "rare-earths"}),
    ("Yb", "ytterbium", {"heavy-rare-earths", "rare-earths"}),
    ("Y", "yttrium", {"rare-earths"}), ("Sc", "scandium", {"rare-earths"}),
    ("Sm", "samarium", {"rare-earths"}), ("Nd", "neodymium", {"rare-earths"}),
    ("Rh", "rhodium", {"platinum-group-metals"}), ("Ru", "ruthenium", {"platinum-group-metals"}),
    ("Zr", "zirconium", {"zirconium-and-hafnium"}), ("Al", "aluminum", {"alumina", "bauxite"}),
    ("Ti", "titanium", {"titanium-dioxide", "titanium-mineral-concentrates"}),
])
def test_a_symbol_finds_its_element_before_the_families_listing_it(lookup, symbol, element,
                                                                     families):
    results = lookup.search(symbol, limit=10)
    assert (results[0].kind, results[0].id) == ("mineral", element)
    assert results[0].score > max(r.score for r in results[1:])
    following = [r.id for r in results[1:1 + len(families)]]
    assert set(following) == families  # the compounds and families that list it come next


def test_eu_is_the_european_union_unless_typed_as_a_symbol(lookup):
    for query in ("EU", "eu", "European Union", "european union"):
        first = lookup.search(query, limit=5)[0]
        assert (first.kind, first.id) == ("group", "eu27"), query
        assert first.score >= 100  # an exact alias, not a partial match
    assert [r.id for r in lookup.search("EU", limit=2)] == ["eu27", "europium"]
    assert [r.id for r in lookup.search("Eu", limit=2)] == ["europium", "eu27"]


def test_group_aliases_reach_text_recognition(lookup):
    names = lookup.exact_names()
    assert ("group", "eu27") in {(kind, ident) for kind, ident, *_ in names["eu"]}
    assert [entry[:2] for entry in names["european union"]] == [("group", "eu27")]


@pytest.mark.parametrize("query,event", [
    ("Announcement No. 70", "2025-11-07-cn-suspends-october-controls"),
    ("No. 18 of 2025", "2025-04-04-cn-medium-heavy-rare-earth-controls"),
    ("MOFCOM/GACC Announcement No. 70 of 2025", "2025-11-07-cn-suspends-october-controls"),
    ("announcement no 61 of 2025", "2025-10-09-cn-extraterritorial-rare-earth-rule"),
    ("Announcement No. 56 of 2025", "2025-10-09-cn-superhard-and-ree-equipment-controls"),
    ("State Council Order No. 792", "2024-12-01-cn-dual-use-export-regulations"),
    ("WT/DS432", "2012-06-27-wto-rare-earths-panel-request"),
])
def test_document_numbers_find_their_event(lookup, query, event):
    first = lookup.search(query, limit=5)[0]
    assert (first.kind, first.id) == ("event", event)


def test_a_near_miss_never_outranks_a_literal_match(lookup):
    results = lookup.search("No. 18 of 2025", limit=10)
    literal = [r for r in results if "18" in r.matched]
    assert literal and results[0] == literal[0]
    assert all(r.score < results[0].score for r in results[1:])


@pytest.mark.parametrize("query", ["lith*", "lith**", "*lith", " lith* "])
def test_a_wildcard_star_is_a_prefix_search(lookup, query):
    results = lookup.search(query, limit=5)
    assert [r.id for r in results[:2]] == [r.id for r in lookup.search("lith", limit=2)]
    assert (results[0].kind, results[0].id) == ("mineral", "lithium")
    assert "LTU" in [r.id for r in results]


def test_stars_alone_find_nothing(lookup):
    assert lookup.search("*") == [] and lookup.search("***") == []


def test_exact_names_list_the_element_first(lookup):
    names = lookup.exact_names()
    assert names["tb"][0][:2] == ("mineral", "terbium")
    minerals = [entry[1] for entry in names["al"] if entry[0] == "mineral"]
    assert minerals[0] == "aluminum"  # the country code "AL" is told apart by case
    assert names["eu"][0][:2] == ("group", "eu27")  # "Eu" as written still picks europium


@pytest.mark.parametrize("query, expected", [
    ("ko", ["KOR", "PRK"]),  # the Koreas before "Kongo", "Koweït" (other languages' names)
    ("guinea", ["GIN"]),  # the country called Guinea before Equatorial or Papua New Guinea
    ("sud", ["SDN", "SSD"]),
    ("korea", ["KOR", "PRK"]),
])
def test_english_names_and_their_later_words_outrank_foreign_spellings(lookup, query, expected):
    ids = [r.id for r in lookup.search(query, limit=6)]
    firsts = [i for i in ids if i in expected]
    assert firsts == expected[:len(firsts)] and set(expected) <= set(ids)
    assert ids.index(expected[-1]) < len(expected) + 1  # at most one other name in between
