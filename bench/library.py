"""Memo library benchmarks: list and search a 10 000-memo library; autosave a 100-page memo."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from desktop.domain.memo import Memo
from desktop.memos.library import MemoLibrary

WORDS = ("rare earths gallium germanium graphite lithium cobalt nickel copper export controls "
         "licence price floor stockpile offtake refining separation magnets partners ministerial "
         "financing concentration diversification supply demand processing mine").split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _median_ms(function, repeats: int = 15) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def bench_library(memos: int = 10_000) -> dict:
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as home:
        library = MemoLibrary(Path(home))
        start = time.perf_counter()
        library.conn.execute("BEGIN")
        for number in range(memos):  # bulk fill in one transaction, as an import of an archive
            title = f"Memo {number}: {_text(rng, 5)}"
            library.conn.execute(
                "INSERT INTO memos (title, front, body, created, updated) VALUES (?, ?, ?, ?, ?)",
                (title, "{}", _text(rng, 300), "2026-01-01", f"2026-{1 + number % 12:02d}-01"))
        library.conn.execute("COMMIT")
        fill = time.perf_counter() - start
        listing = _median_ms(lambda: library.list(limit=200))
        search = _median_ms(lambda: library.search("price floor"))
        rare = _median_ms(lambda: library.search("Memo 4242"))
        letter = _median_ms(lambda: library.search("p"))  # the first keystroke
        unspaced = _median_ms(lambda: library.search("中国"))  # a substring scan of every body
        memo_id = library.create(Memo({"title": "Long memo"}, "x"))
        page = _text(rng, 500) + "\n\n"
        long_memo = Memo({"title": "Long memo"}, page * 100)  # about a hundred pages
        autosave = _median_ms(lambda: library.autosave(memo_id, long_memo))
        library.close()
    return {"library_memos": memos, "library_fill_s": round(fill, 2),
            "library_list_ms": round(listing, 2), "library_search_ms": round(search, 2),
            "library_search_rare_ms": round(rare, 2),
            "library_search_letter_ms": round(letter, 2),
            "library_search_cjk_ms": round(unspaced, 2),
            "autosave_100_pages_ms": round(autosave, 2),
            "autosave_100_pages_kb": len(long_memo.body) // 1024}
