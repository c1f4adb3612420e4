"""The analysis blocks (concentration, bloc, stress): numbers match the workbench and the reference
figures; anything an author can type becomes an error block, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.analysis.concentration import HHI_BAND_SOURCE
from desktop.analysis.workbench import AnalysisWorkbench

AS_OF = "2026-11-28"
G7 = {"USA", "CAN", "DEU", "FRA", "GBR", "ITA", "JPN"}


@pytest.fixture()
def wb(repo):
    return AnalysisWorkbench(repo, today=lambda: AS_OF)


def body(kind: str, **params: str) -> str:
    return "\n".join([f"kind: {kind}", *(f"{k.replace('_', '-')}: {v}" for k, v in params.items())])


def pct(share: float) -> str:
    return f"{100 * share:.1f} %"


def test_concentration_table_matches_the_workbench(resolver, wb):
    block = resolver(body("concentration", mineral="rare-earths", metric="mine_production"))
    assert block.ok, block.error
    expected = wb.concentration("rare-earths", metric="mine_production")
    assert block.columns == ["Rank", "Country", f"{expected.series.year} (metric tons)", "Share"]
    assert block.rows[0] == ["1", "China", "270,000e", "69.2 %"]
    assert len([r for r in block.rows if r[0]]) == 8  # top 8 by default
    for row, share in zip(block.rows, expected.shares.shares[:8], strict=False):
        assert row[1] == share.name and row[3] == pct(share.share)
    assert f"HHI {expected.hhi:,.0f} ({expected.band})" in block.note
    assert f"top-3 {pct(expected.top3_share)}" in block.note
    assert expected.formula() in block.method and "never treated as a supplier" in block.method
    assert [s.id for s in block.sources] == [*[s.id for s in expected.series.sources],
                                              HHI_BAND_SOURCE]
    assert block.data_pack and block.kind == "concentration"


def test_concentration_defaults_to_mining_and_takes_a_stage_and_top(resolver, wb):
    default = resolver(body("concentration", mineral="rare-earths"))
    assert "mine production" in default.title
    refining = resolver(body("concentration", mineral="rare-earths", stage="refining", top="3"))
    assert refining.ok, refining.error
    expected = wb.concentration("rare-earths", stage="refining")
    assert refining.rows[0][1] == expected.top1.name == "China"
    assert "(% of world)" in refining.columns[2]
    assert "Other countries (not named)" in [r[1] for r in refining.rows]


def test_bloc_share_is_the_sum_of_the_members_reference_figures(resolver, repo, wb):
    block = resolver(body("bloc", group="g7", mineral="rare-earths", metric="reserves",
                          year="2025", as_of=AS_OF, chart="yes"))
    assert block.ok, block.error
    figures = repo.figures(mineral="rare-earths", metric="reserves", year=2025)
    listed = sum(f.value or 0 for f in figures if f.country != "WORLD")  # world is ">75,000,000"
    g7 = sum(f.value or 0 for f in figures if f.country in G7)
    china = next(f.value for f in figures if f.country == "CHN")
    rows = dict(block.rows)
    assert rows["Bloc total"] == pct(g7 / listed)
    assert {"United States", "Canada"} <= set(rows)  # the members with a figure
    assert rows["China"] == pct(china / listed)
    coverage = wb.coverage("g7", "rare-earths", metric="reserves", year=2025, exact_year=True)
    assert rows["Bloc total"] == pct(coverage.bloc_share)
    assert coverage.formula() in block.method
    assert "European Union not counted" in block.method  # the bloc's own notes
    assert "G7" in block.title and AS_OF in block.title
    assert block.chart is not None and block.chart.kind == "bar"
    assert block.chart.categories == ["G7", "China", "Rest of world"]
    assert abs(sum(block.chart.values) - 100) < 0.2
    assert {s.id for s in coverage.bloc.sources} <= {s.id for s in block.membership_sources}
    assert not {s.id for s in coverage.bloc.sources} & {s.id for s in block.sources}


def test_bloc_counts_the_eu_as_member_states_and_china_unlisted(resolver):
    block = resolver(body("bloc", group="g7+g7-finance-washington-2026", mineral="rare-earths",
                          as_of=AS_OF))
    assert block.ok, block.error
    assert "counted as its 27 member states" in block.method
    assert block.chart is None  # only on request: a chart keeps the whole block on one page
    old = resolver(body("bloc", group="USA", mineral="rare-earths", year="1950", as_of=AS_OF))
    assert old.ok, old.error
    assert ["China (not listed)", "not named (≤ 18.5 %)"] in old.rows


def test_stress_remove_and_keep_match_the_workbench(resolver, wb):
    block = resolver(body("stress", mineral="rare-earths", remove="CHN", as_of=AS_OF))
    assert block.ok, block.error
    expected = wb.stress("rare-earths", "CHN", metric="mine_production")
    assert block.columns == ["Country", "Share before", "Share after"]
    assert block.rows[0] == ["United States", pct(expected.shares_after[0].share_before),
                             pct(expected.shares_after[0].share_after)]
    assert "China" not in [r[0] for r in block.rows[:-1]]
    assert block.rows[-1] == ["Offline: China", "69.2 %", "—"]
    assert f"{expected.hhi_before:,.0f} → {expected.hhi_after:,.0f}" in block.note
    assert expected.formula() in block.method
    assert HHI_BAND_SOURCE in [s.id for s in block.sources]
    keep = resolver(body("stress", mineral="rare-earths", keep="g7", as_of=AS_OF))
    allies = wb.stress("rare-earths", "g7", allies_only=True, metric="mine_production")
    assert keep.ok and [r[0] for r in keep.rows[:-1]] == [s.name for s in allies.shares_after]
    assert keep.rows[-1][1] == pct(allies.offline_share)
    assert "only G7" in keep.title


@pytest.mark.parametrize("kind,params,message", [
    ("concentration", {"mineral": "unobtainium"}, "unknown mineral 'unobtainium'"),
    ("concentration", {}, "'mineral:' is missing"),
    ("concentration", {"mineral": "rare-earths", "year": "twenty"}, "whole number"),
    ("concentration", {"mineral": "rare-earths", "year": "1066"}, "between 1900 and 2100"),
    ("concentration", {"mineral": "rare-earths", "year": "2099"}, "years held"),
    ("concentration", {"mineral": "rare-earths", "metric": "vibes"}, "unknown metric"),
    ("concentration", {"mineral": "rare-earths", "stage": "retail"}, "unknown stage"),
    ("concentration", {"mineral": "rare-earths", "top": "0"}, "'top:'"),
    ("concentration", {"mineral": "rare-earths", "colour": "red"}, "unknown key 'colour'"),
    ("bloc", {"mineral": "rare-earths"}, "'group:' is missing"),
    ("bloc", {"mineral": "rare-earths", "group": "g8"}, "unknown group, initiative or country"),
    ("bloc", {"mineral": "rare-earths", "group": "g7+"}, "is empty"),
    ("bloc", {"mineral": "rare-earths", "group": "g7:emperor"}, "no members in role"),
    ("bloc", {"mineral": "rare-earths", "group": "g7", "as-of": "yesterday"}, "must be a date"),
    ("bloc", {"mineral": "rare-earths", "group": "g7", "as-of": "2026-02-30"}, "must be a date"),
    ("bloc", {"group": "g7", "mineral": "nope"}, "unknown mineral"),
    ("bloc", {"group": "g7", "mineral": "rare-earths", "chart": "pie"}, "yes or no"),
    ("stress", {"mineral": "rare-earths"}, "'remove:' is missing"),
    ("stress", {"mineral": "rare-earths", "remove": "CHN", "keep": "g7"}, "not both"),
    ("stress", {"mineral": "rare-earths", "remove": "XXX"}, "unknown group"),
    ("stress", {"mineral": "rare-earths", "remove": "CHN", "year": "2199"}, "between"),
])
def test_errors_say_what_is_wrong(resolver, kind, params, message):
    block = resolver(body(kind, **{k.replace("-", "_"): v for k, v in params.items()}))
    assert not block.ok
    assert message in block.error
    assert block.error.startswith(f"{kind} block: ")


@pytest.mark.parametrize("kind", ["concentration", "bloc", "stress"])
@pytest.mark.parametrize("key", ["mineral", "group", "remove", "keep", "year", "as-of", "product"])
@pytest.mark.parametrize("value", ["x" * 10_000, "<script>alert(1)</script>", "'; DROP TABLE x;--",
                                   "日本", "-1", "\u202e", "%s%s%n"])
def test_hostile_values_become_error_blocks(resolver, kind, key, value):
    params = {"mineral": "rare-earths", "group": "g7", "remove": "CHN"}
    params[key] = value
    if kind == "stress" and key == "keep":
        params.pop("remove")
    block = resolver.resolve("\n".join([f"kind: {kind}", *(f"{k}: {v}" for k, v in params.items())]))
    if block.ok:  # a key the kind does not take is refused; the rest must be refused here too
        pytest.fail(f"{kind} accepted {key}={value[:20]!r}")
    assert len(block.error) < 600  # a 10,000-character value is never echoed whole


def test_empty_blocks(resolver):
    for kind in ("concentration", "bloc", "stress"):
        block = resolver(f"kind: {kind}")
        assert not block.ok and "missing" in block.error


KEYS = ["mineral", "metric", "stage", "product", "year", "top", "group", "remove", "keep",
        "as-of", "chart", "data-pack", "checksum", "x"]
VALUES = ["rare-earths", "lithium", "gallium", "cobalt", "mine_production", "reserves",
          "processing_share", "refinery_production", "capacity", "mining", "refining",
          "downstream", "reserves", "2025", "2024", "1950", "0", "-5", "99999999999999999999", "g7",
          "CHN", "msp+AUS", "pax-silica:founding-member|signatory", "eu27", "brics", "chn",
          "g7+g7-finance-washington-2026", "2026-01-12", "1900-01-01", "9999-12-31", "",
          "rare-earth permanent magnets", "+", "::", "|", "AAA+BBB", "yes", "no"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["concentration", "bloc", "stress"]),
       st.lists(st.tuples(st.one_of(st.sampled_from(KEYS),
                                    st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)),
                          st.one_of(st.sampled_from(VALUES), st.text(max_size=60))),
                max_size=8))
def test_random_blocks_never_raise(resolver, kind, pairs):
    lines = [f"kind: {kind}", *(f"{k}: {' '.join(v.split())}" for k, v in pairs)]
    block = resolver("\n".join(lines))
    assert block.ok or block.error


ANALYSIS_MEMO = f"""---
title: Analysis blocks
toc: yes
---

# Concentration

```brief
kind: concentration
mineral: rare-earths
```

# The G7 against China

```brief
kind: bloc
group: g7+g7-finance-washington-2026
mineral: rare-earths
as-of: {AS_OF}
chart: yes
```

# If China stopped

```brief
kind: stress
mineral: rare-earths
remove: CHN
```

```brief
kind: stress
mineral: <script>alert(1)</script>
remove: CHN
```
"""


def test_a_memo_with_the_analysis_blocks_exports(resolver):
    import io

    from pypdf import PdfReader

    from desktop.export.memo_pdf import memo_to_pdf

    pdf = memo_to_pdf(ANALYSIS_MEMO, resolver)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("G7 + G7+ critical minerals finance meeting", "HHI", "China", "Bloc total",
                     "Share after", "if China stopped supplying", "Merger Guidelines",
                     "Rest of world", "unknown mineral '<script>alert(1)</script>'"):
        assert expected in text, expected
    assert text.count("Could not include this block") == 1


def test_a_large_custom_bloc_from_the_dashboard_resolves(repo, resolver):
    codes = [code for code, _name in repo.countries()][:150]  # as long as a custom bloc gets
    body = f"kind: bloc\ngroup: {'+'.join(codes)}\nmineral: rare-earths\nstage: mining\n"
    resolved = resolver.resolve(body)
    assert resolved.ok, resolved.error
    assert resolved.rows[-2][0] == "Bloc total"
