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
