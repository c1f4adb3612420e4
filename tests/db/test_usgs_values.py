"""USGS value cells: every symbol keeps its text; only honest numbers become numbers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from db.importers.usgs_values import decode_usgs_bytes, is_estimated, parse_value


def test_plain_numbers_and_separators():
    assert parse_value("270,000").value == 270000
    assert parse_value("0.5").value == 0.5
    assert parse_value("1,234,567").qualifier == ""


def test_symbols_keep_text_and_have_no_value():
    for text in ("W", "NA", "XX", "E", "Large", "Small"):
        parsed = parse_value(text)
        assert parsed.value is None and parsed.text == text and parsed.qualifier == text


def test_dashes_are_zero():
    for text in ("—", "--"):
        assert parse_value(text).value == 0 and parse_value(text).qualifier == "zero"


def test_bounds_and_ranges():
    lower = parse_value(">75,000,000")
    assert lower.value == 75_000_000 and lower.qualifier == ">" and lower.text == ">75,000,000"
    assert parse_value("<200,000").qualifier == "<"
    assert parse_value("10,000 - 15,000").value is None
    assert parse_value("10,000 - 15,000").qualifier == "range"


def test_malformed_numbers_are_not_guessed():
    for text in ("1,23", "12,3456", "1.2.3", "abc", ">", ""):
        assert parse_value(text).value is None


@given(st.text(max_size=200))
def test_parse_never_raises(text):
    parsed = parse_value(text)
    assert parsed.text == text.strip()


def test_estimate_flag_is_a_footnote_starting_with_estimated():
    assert is_estimated("Estimated. -- Defined as imports")
    assert is_estimated("Estimated from Asian Metal Ltd.")
    assert is_estimated("Includes Hong Kong. -- Estimated amount of rhenium recovered")
    assert not is_estimated("Includes U.S. Geological Survey estimates.")
    assert not is_estimated("Production is estimated from a combination of sources.")
    assert not is_estimated("")


def test_mixed_encoding_lines_decode_without_replacement_characters():
    data = "Côte d’Ivoire,1\n".encode("cp1252") + "Türkiye,2\n".encode()
    text = decode_usgs_bytes(data)
    assert "Côte d’Ivoire" in text and "Türkiye" in text and "\ufffd" not in text


@given(st.binary(max_size=500))
def test_decoding_any_bytes_gives_text_or_a_clear_error(data):
    try:
        text = decode_usgs_bytes(data)
    except ValueError as exc:
        assert "neither UTF-8 nor Windows-1252" in str(exc)
    else:
        assert "\ufffd" not in text or "\ufffd".encode() in data
