"""CSV and Markdown table export: round trips, escaping, spreadsheet-formula defusing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.export.tables import from_csv, to_csv, to_markdown


def test_csv_round_trip():
    text = to_csv(["Country", "Value"], [["China", "270,000e"], ["Côte d’Ivoire", None]])
    assert from_csv(text) == (["Country", "Value"], [["China", "270,000e"], ["Côte d’Ivoire", ""]])


def test_formulas_are_defused_but_numbers_are_not():
    _, rows = from_csv(to_csv(["a"], [["=HYPERLINK(\"x\")"], ["-12.5"], ["+cmd"], ["@SUM(A1)"]]))
    assert rows == [["'=HYPERLINK(\"x\")"], ["-12.5"], ["'+cmd"], ["'@SUM(A1)"]]


def test_markdown_alignment_escaping_and_caption():
    text = to_markdown(["Name", "Share"], [["a|b", "50 %"], ["line\nbreak", "1"]],
                       numeric=[False, True], caption="Source: USGS")
    lines = text.splitlines()
    assert lines[0] == "| Name | Share |"
    assert lines[1] == "|---|---:|"
    assert lines[2] == "| a\\|b | 50 % |"
    assert lines[3] == "| line break | 1 |"
    assert lines[-1] == "Source: USGS"


cells = st.lists(st.lists(st.one_of(st.none(), st.text(max_size=30), st.integers(),
                                    st.floats(allow_nan=False, allow_infinity=False)),
                          min_size=2, max_size=2), max_size=20)


@given(cells)
def test_any_cells_export_with_one_row_each(rows):
    csv_rows = from_csv(to_csv(["a", "b"], rows))[1]
    assert len(csv_rows) == len(rows)
    markdown = to_markdown(["a", "b"], rows)
    assert len(markdown.splitlines()) == len(rows) + 2
