"""Memo library benchmarks: list and search a 10 000-memo library; autosave a 100-page memo.

One memo in ten carries Chinese, Japanese or Korean sentences, as a desk reading Beijing and
Tokyo sources would have, so the figure for unspaced search measures a real index lookup and
not a scan that can only come back empty.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from desktop.domain.memo import Memo
from desktop.library.store import MemoLibrary

WORDS = ("rare earths gallium germanium graphite lithium cobalt nickel copper export controls "
         "licence price floor stockpile offtake refining separation magnets partners ministerial "
         "financing concentration diversification supply demand processing mine").split()

# Sentences written for this benchmark: the subjects of the desk, in the three scripts.
CJK_SENTENCES = (
    "中国商务部宣布对镓和锗实施出口管制。",
    "稀土永磁体的供应仍然高度集中在中国。",
    "石墨负极材料的加工能力主要位于国内。",
    "钴价下跌使刚果的矿山面临压力。",
    "锂精矿的长期承购协议正在谈判之中。",
    "経済産業省はレアアースの備蓄を拡大する方針を示した。",
    "中国による輸出規制はガリウムの価格を押し上げた。",
    "オーストラリアの鉱山会社と長期の引取契約を結んだ。",
    "精錬と分離の工程は依然として中国に依存している。",
    "ニッケルとコバルトの調達先の多様化が急務である。",
    "한국은 핵심 광물 공급망 다변화를 추진하고 있다.",
)
CJK_FRACTION = 0.1


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _cjk(rng: random.Random, sentences: int) -> str:
    return "".join(rng.choice(CJK_SENTENCES) for _ in range(sentences))


def _body(rng: random.Random) -> str:
    body = _text(rng, 300)
    if rng.random() < CJK_FRACTION:
        body += "\n\n" + _cjk(rng, rng.randint(2, 8)) + "\n\n" + _text(rng, 40)
    return body


def _median_ms(function, repeats: int = 15) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _typing(library: MemoLibrary, memo_id: int, memo: Memo, typed: str):
    """An autosave whose text is new every time, as while the user types: no cache helps."""
    count = [0]

    def save() -> None:
        count[0] += 1
        library.autosave(memo_id, Memo(memo.front, memo.body + typed * count[0]))
    return save


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
                (title, "{}", _body(rng), "2026-01-01", f"2026-{1 + number % 12:02d}-01"))
        library.conn.execute("COMMIT")
        fill = time.perf_counter() - start
        listing = _median_ms(lambda: library.list(limit=200))
        search = _median_ms(lambda: library.search("price floor"))
        rare = _median_ms(lambda: library.search("Memo 4242"))
        letter = _median_ms(lambda: library.search("p"))  # the first keystroke
        unspaced = _median_ms(lambda: library.search("中国"))
        katakana = _median_ms(lambda: library.search("レアアース"))
        absent = _median_ms(lambda: library.search("银行"))  # in no memo: the index says so
        memo_id = library.create(Memo({"title": "Long memo"}, "x"))
        page = _text(rng, 500) + "\n\n"
        long_memo = Memo({"title": "Long memo"}, page * 100)  # about a hundred pages
        autosave = _median_ms(lambda: library.autosave(memo_id, long_memo))
        edited = _median_ms(_typing(library, memo_id, long_memo, "x"))
        cjk_id = library.create(Memo({"title": "長いメモ"}, "x"))
        cjk_memo = Memo({"title": "長いメモ"}, "\n\n".join(_cjk(rng, 40) for _ in range(100)))
        start = time.perf_counter()
        library.autosave(cjk_id, cjk_memo)  # every gram of the memo is new
        cjk_first = (time.perf_counter() - start) * 1000
        cjk_edited = _median_ms(_typing(library, cjk_id, cjk_memo, "追"))
        library.close()
    return {"library_memos": memos, "library_fill_s": round(fill, 2),
            "library_list_ms": round(listing, 2), "library_search_ms": round(search, 2),
            "library_search_rare_ms": round(rare, 2),
            "library_search_letter_ms": round(letter, 2),
            "library_search_cjk_ms": round(unspaced, 2),
            "library_search_katakana_ms": round(katakana, 2),
            "library_search_cjk_absent_ms": round(absent, 2),
            "autosave_100_pages_ms": round(autosave, 2),
            "autosave_100_pages_edited_ms": round(edited, 2),
            "autosave_100_pages_kb": len(long_memo.body) // 1024,
            "autosave_cjk_100_pages_first_ms": round(cjk_first, 2),
            "autosave_cjk_100_pages_edited_ms": round(cjk_edited, 2),
            "autosave_cjk_100_pages_kb": len(cjk_memo.body.encode()) // 1024}
