"""``make bench``: print the figures the issues name.

- reference DB build time (median of 3) and size;
- start-up to first paint against a bare PySide6 window, keystroke-to-results-painted and
  card-opening times in the running app (``bench/ui.py``);
- lookup latency p50 / p99 over 1 000 mixed queries (exact names, aliases, other scripts,
  prefixes as typed keystroke by keystroke, typos, junk), seeded so every run uses the same queries;
  "session" keeps the lookup's short-query results as a running app does, "cold" clears them
  before every query;
- export, memo library, the bloc matrix and the dependence view (``bench/export.py``,
  ``library.py``, ``analysis.py``).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop.reference.connection import open_reference
from desktop.reference.lookup import Lookup

SEED = 20261128


def bench_build(repeats: int = 3) -> dict:
    from db.build import build

    times, size = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeats):
            result = build(Path(tmp) / f"ref{i}.sqlite")
            times.append(result["seconds"])
            size = result["bytes"]
    return {"db_build_seconds_median": round(statistics.median(times), 3),
            "db_size_mb": round(size / 1e6, 2)}


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    return rng.choice([word[:i] + word[i + 1:], word[:i] + word[i + 1] + word[i] + word[i + 2:],
                       word[:i] + rng.choice("aeiou") + word[i + 1:]])


def mixed_queries(lookup: Lookup, count: int = 1000) -> list[str]:
    rng = random.Random(SEED)
    names = lookup.indexed_names(exclude_kinds=("event",))
    junk = ['"', "AND OR", "*", "🙂", "x" * 500, "' OR 1=1 --", "NEAR(", "%", "日本日本日本"]
    queries: list[str] = []
    while len(queries) < count:
        name = rng.choice(names)
        roll = rng.random()
        if roll < 0.35:
            queries.append(name)
        elif roll < 0.75:
            queries.extend(name[:k] for k in range(1, min(len(name), 6) + 1))  # keystrokes
        elif roll < 0.95:
            queries.append(_typo(rng, name))
        else:
            queries.append(rng.choice(junk))
    return queries[:count]


def bench_lookup() -> dict:
    lookup = Lookup(open_reference())
    queries = mixed_queries(lookup)
    for query in queries[:50]:  # warm caches as a running app would be
        lookup.search(query)
    def run(cold: bool) -> list[float]:
        samples = []
        for query in queries:
            if cold:
                lookup.clear_session_cache()  # as if every short query were typed for the first time
            start = time.perf_counter()
            lookup.search(query)
            samples.append((time.perf_counter() - start) * 1000)
        return sorted(samples)

    session, cold = run(cold=False), run(cold=True)
    return {"lookup_queries": len(session),
            "lookup_p50_ms": round(session[len(session) // 2], 3),
            "lookup_p99_ms": round(session[int(len(session) * 0.99) - 1], 3),
            "lookup_max_ms": round(session[-1], 3),
            "lookup_cold_p50_ms": round(cold[len(cold) // 2], 3),
            "lookup_cold_p99_ms": round(cold[int(len(cold) * 0.99) - 1], 3)}


GOALS = {
    "lookup_p99_ms": "<= 2 ms (issue 2)",
    "startup_ratio": "<= 3x the bare PySide6 window (issue 3)",
    "keystroke_to_paint_p99_ms": "<= 16 ms (issue 3)",
    "card_open_p95_ms": "<= 50 ms (issue 3)",
    "export_ours_s": "<= 1 s for ~20 pages (issue 4)",
    "export_ours_vs_bare": "<= 2x bare reportlab (issue 4)",
    "export_speedup_vs_weasyprint": ">= 3x faster than WeasyPrint (issue 4)",
    "export_per_page_ratio": "<= 1.5 (1 000 pages vs 20 pages, issue 4)",
    "word_export_sample_s": "<= 1 s, the sample memo as a whole process (issue 14)",
    "library_list_ms": "<= 50 ms over 10 000 memos (issue 5)",
    "library_search_ms": "<= 50 ms over 10 000 memos (issue 5)",
    "library_search_letter_ms": "<= 50 ms: one letter, the first keystroke (issue 5)",
    "library_search_cjk_ms": "<= 50 ms: 中国, a substring scan (issue 5)",
    "autosave_100_pages_ms": "<= 50 ms (issue 5)",
    "bloc_matrix_cold_ms": "<= 100 ms, minerals x stages for one bloc (issue 6)",
    "dependence_view_cold_ms": "<= 100 ms, members x all minerals (issue 13)",
}


def main(argv: list[str]) -> int:
    from bench.analysis import bench_analysis, bench_dependence
    from bench.export import bench_export, bench_word
    from bench.library import bench_library
    from bench.ui import bench_in_app, bench_startup

    results = {**bench_build(), **bench_lookup(), **bench_startup(), **bench_in_app(),
               **bench_export(), **bench_word(), **bench_library(), **bench_analysis(), **bench_dependence()}
    if "--json" in argv:
        print(json.dumps(results, indent=2))
    else:
        width = max(len(k) for k in results)
        for key, value in results.items():
            goal = f"   goal {GOALS[key]}" if key in GOALS else ""
            print(f"{key:<{width}}  {value}{goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
