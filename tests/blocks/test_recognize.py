"""Recognising what a text names: aliases, other scripts, codes in capitals, longest matches."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.blocks.recognize import Recognizer, summary
from desktop.reference.lookup import Lookup
from tests.conftest import SHARED_USGS


@pytest.fixture()
def recognizer(reference_conn):
    return Recognizer(Lookup(reference_conn).exact_names())


def ids(recognizer, text):
    return [(m.kind, m.id) for m in recognizer.mentions(text)]


def test_names_aliases_codes_and_scripts(recognizer):
    text = ("日本と中国の関係、한국, Burma and the DRC; gallium (Ga) in the US. "
            "Pax Silica, MSP, FORGE and the Quad; rare earths from Congo (Kinshasa).")
    found = ids(recognizer, text)
    for expected in [("country", "JPN"), ("country", "CHN"), ("country", "KOR"),
                     ("country", "MMR"), ("country", "COD"), ("mineral", "gallium"),
                     ("country", "USA"), ("initiative", "pax-silica"), ("initiative", "msp"),
                     ("initiative", "forge"), ("group", "quad"), ("mineral", "rare-earths")]:
        assert expected in found, expected
    assert ("country", "GAB") not in found  # "Ga" is gallium's symbol here


def test_everyday_words_are_not_entities(recognizer):
    assert ids(recognizer, "us in is it as tin lead can may the and one new") == []


def test_longest_match_wins(recognizer):
    mentions = recognizer.mentions("the Minerals Security Partnership met")
    assert [(m.kind, m.id, m.text) for m in mentions] == [
        ("initiative", "msp", "Minerals Security Partnership")]


def test_a_pasted_article_is_summarised(recognizer):
    if not SHARED_USGS.is_dir():
        pytest.skip("../shared is absent")
    article = next((SHARED_USGS.parent.parent / "seeds").glob("*.txt")).read_text()
    names = {row[1] for row in summary(recognizer.mentions(article))}
    assert {"JPN", "CHN", "USA", "rare-earths", "g7"} <= names


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=500))
def test_any_text_is_scanned(recognizer, text):
    for mention in recognizer.mentions(text):
        assert text[mention.start:mention.end] == mention.text


def test_possessives_hyphens_and_compounds(recognizer):
    """Punctuation glued to a name used to hide it ("China’s" was one unknown word)."""
    found = recognizer.mentions("China’s grip, Japan's plan, US-China talks, lithium-ion cells "
                                "and Guinea-Bissau; Côte d’Ivoire too.")
    assert [(m.id, m.text) for m in found] == [
        ("CHN", "China"), ("JPN", "Japan"), ("USA", "US"), ("CHN", "China"),
        ("lithium", "lithium"), ("GNB", "Guinea-Bissau"), ("CIV", "Côte d’Ivoire")]


def test_country_names_that_are_everyday_words_need_a_capital(recognizer):
    assert ids(recognizer, "roast turkey, a chad, jordan almonds, georgia pine, fine china") == []
    assert {i for _k, i in ids(recognizer, "Turkey, Chad, Jordan and Georgia")} == {
        "TUR", "TCD", "JOR", "GEO"}


def test_data_blocks_are_neither_recognised_nor_counted():
    from desktop.blocks.recognize import count_words, prose

    text = "Japan acts.\n```brief\nkind: memberships\ncountry: CHN\n```\nDone."
    assert count_words(text) == 3
    blanked = prose(text)
    assert len(blanked) == len(text) and "CHN" not in blanked and blanked.endswith("Done.")


def test_rare_earth_as_an_adjective_and_beijing_are_recognised(recognizer):
    """News writes "rare-earth magnets" and "Beijing said"; neither used to be found."""
    found = ids(recognizer, "Beijing tightened rare-earth magnet exports; Chinese and Japanese "
                            "buyers of rare earth oxides, heavy rare-earth supply.")
    assert found.count(("mineral", "rare-earths")) == 2
    assert ("mineral", "heavy-rare-earths") in found
    assert found.count(("country", "CHN")) == 2 and ("country", "JPN") in found
    assert ids(recognizer, "Korean buyers") == []  # ambiguous (KOR or PRK): left out


def test_a_single_capital_letter_is_not_an_element(recognizer):
    """ "Option B" was boron, "Plan B is K" potash and "option C" graphite."""
    assert ids(recognizer, "Option B. Plan B is K. option C, then W and V and U.") == []
    assert ("mineral", "gallium") in ids(recognizer, "Ga and Co prices")  # two-letter symbols stay
