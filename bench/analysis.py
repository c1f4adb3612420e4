"""Analysis benchmark: the full minerals × stages matrix for one bloc (issue 6: ≤ 100 ms).

"cold" is a fresh workbench per run: figures and memberships read from the reference DB, every
stage series chosen and every share computed. "warm" reuses one workbench, as the dashboard does
when the user switches bloc. Median over the preset blocs, several rounds each.
"""

from __future__ import annotations

import gc
import statistics
import time

from desktop.analysis.workbench import AnalysisWorkbench
from desktop.reference.connection import open_reference
from desktop.reference.repository import ReferenceRepository


def bench_analysis(rounds: int = 5) -> dict:
    gc.collect()  # not the garbage of the export and library benchmarks that ran before
    conn = open_reference()
    cold, warm = [], []
    cells = 0
    presets = AnalysisWorkbench(ReferenceRepository(conn)).presets()
    for _ in range(rounds):
        for spec, _label in presets:
            wb = AnalysisWorkbench(ReferenceRepository(conn))  # nothing cached
            start = time.perf_counter()
            _bloc, rows = wb.matrix(spec, 2025)
            cold.append((time.perf_counter() - start) * 1000)
            cells = sum(1 for row in rows for cell in row.cells.values() if cell is not None)
            start = time.perf_counter()
            wb.matrix(spec, 2024)  # a new year: the stage choice is redone
            warm.append((time.perf_counter() - start) * 1000)
    return {"bloc_matrix_cold_ms": round(statistics.median(cold), 2),
            "bloc_matrix_cold_max_ms": round(max(cold), 2),
            "bloc_matrix_warm_ms": round(statistics.median(warm), 2),
            "bloc_matrix_cells": cells}


#: The importers the dependence view is asked for: the G7, the EU and the partners at the table.
IMPORTERS = ["USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN", "EU", "KOR", "IND", "AUS"]
BARE_CLI = "import json, sqlite3; sqlite3.connect(':memory:'); json.dumps({})"


def bench_dependence(rounds: int = 20) -> dict:
    """Members × all minerals, each cell China's newest published share (issue 13: ≤ 100 ms
    cold): "cold" is a fresh workbench, reading every dependence figure and the US import
    sources; "warm" asks again as the dashboard does on a change of bloc. Then the same question
    as a whole ``briefdesk analyze dependence`` process beside a bare Python that only imports
    json and sqlite3 (the floor any CLI pays)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    conn = open_reference()
    repo = ReferenceRepository(conn)
    minerals = [m for m, _name, _family in repo.minerals()]
    cold, warm = [], []
    for _ in range(rounds):
        desk = AnalysisWorkbench(ReferenceRepository(conn)).markets  # nothing cached
        start = time.perf_counter()
        cells = desk.exposure(IMPORTERS, minerals, "CHN")
        cold.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        desk.exposure(IMPORTERS[:7], minerals, "CHN")
        warm.append((time.perf_counter() - start) * 1000)
    repo_dir = Path(__file__).resolve().parent.parent
    env = dict(os.environ)
    ours, bare = [], []
    for _ in range(5):  # interleaved, so both see the same machine load
        for args, into in (([sys.executable, "-c", BARE_CLI], bare),
                           ([sys.executable, "-m", "desktop", "analyze", "dependence",
                             "--supplier", "China", "--json"], ours)):
            start = time.perf_counter()
            subprocess.run(args, cwd=repo_dir, env=env, capture_output=True, check=True,
                           timeout=120)
            into.append(time.perf_counter() - start)
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    return {"dependence_view_cells": len(cells),
            "dependence_view_cold_ms": round(statistics.median(cold), 2),
            "dependence_view_cold_max_ms": round(max(cold), 2),
            "dependence_view_warm_ms": round(statistics.median(warm), 2),
            "cli_dependence_s": round(ours_s, 3), "cli_bare_python_s": round(bare_s, 3),
            "cli_dependence_vs_bare": round(ours_s / bare_s, 2)}
