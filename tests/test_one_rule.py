"""One rule, one place: the rules the old main wrote several times are written once.

- shares only against a world total in numbers: ``SeriesShares.comparable`` (was coded four
  times: the cards twice, memo blocks, the stage choice);
- the metrics and their titles: ``desktop.domain.metrics`` (were listed five times);
- how a percentage reads: ``desktop.domain.numbers`` (five formatters);
- the denominator kind and the HHI band: enums in ``desktop.domain.vocabulary`` (code branched
  on English sentences such as ``denominator_kind.startswith("sum of listed")``).
"""

from __future__ import annotations

import ast
import re

from desktop.domain.metrics import METRIC_IDS
from tests.conftest import REPO

SOURCES = sorted((REPO / "desktop").rglob("*.py"))


def _rel(path) -> str:
    return path.relative_to(REPO).as_posix()


def test_percentages_and_figures_are_formatted_in_one_place():
    """Shares, HHIs and totals read alike everywhere (counts of words or pages may differ)."""
    pattern = re.compile(r":\.\d%\}|:\.\d%\"|\.\dfs*\} ?%|:\.\df\}\s*%|%\.\df ?%%|:,\.0f\}")
    offenders = [f"{_rel(p)}:{n}" for p in SOURCES if _rel(p) != "desktop/domain/numbers.py"
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []


def test_no_code_branches_on_the_words_of_a_result():
    pattern = re.compile(r"startswith\(\s*[\"'](sum of|undetermined|highly|below|world total|"
                         r"no named)")
    offenders = [f"{_rel(p)}:{n}" for p in SOURCES
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []


def test_metric_ids_are_listed_in_one_place():
    """No other module spells out a list, tuple, set or table of three or more metric ids."""
    offenders = []
    for path in SOURCES:
        if _rel(path) == "desktop/domain/metrics.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            items = node.elts if isinstance(node, ast.List | ast.Tuple | ast.Set) else \
                node.keys if isinstance(node, ast.Dict) else []
            named = [i.value for i in items if isinstance(i, ast.Constant) and i.value in
                     METRIC_IDS]
            if len(named) >= 3:
                offenders.append(f"{_rel(path)}:{node.lineno} {named}")
    assert offenders == []


def test_the_world_total_rule_is_written_once():
    offenders = [f"{_rel(p)}:{n}" for p in SOURCES if _rel(p) != "desktop/analysis/shares.py"
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"world(\.value)? is not None and .*world\.value is not None", line)
                 or re.search(r'unit == "percent" or \(', line)]
    assert offenders == []


def test_what_a_block_is_is_decided_in_one_place():
    """Only desktop.domain.fences spells a fence: no other module matches ``` or ~~~ itself."""
    offenders = [f"{_rel(p)}:{n}" for p in SOURCES
                 if _rel(p) not in ("desktop/domain/fences.py", "desktop/blocks/syntax.py")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"re\.compile\(.*(```|~~~|`\{3)", line)]
    assert offenders == []
