"""One-box lookup over every name, code, symbol and alias in the reference DB.

Matching runs in stages, cheapest first, and an entity keeps its best score:

1. exact name / code / alias (``folded = ?``, indexed) — "Burma", "DRC", "Nd", "MSP", "日本";
2. prefix (an indexed range scan) — "lith", "Kore";
3. substring — the FTS5 trigram index for three characters or more, a scan of the small name table
   for one or two characters (trigram needs three: "中国", "한국");
4. typos — candidates sharing trigrams with the query, scored by edit similarity ("lithum").

User text never reaches SQL except as bound parameters or as FTS phrases with quotes doubled, so
quotes, FTS operators, emoji and 10 000-character pastes return results or nothing, never an error.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from functools import cached_property

from desktop.domain.models import LookupResult
from desktop.domain.text import fold

MAX_QUERY = 120
KIND_ORDER = {"country": 0, "mineral": 1, "initiative": 2, "group": 3, "event": 4}
FUZZY_MIN_RATIO = 0.72
FUZZY_CANDIDATES = 15
_ROW = "SELECT s.kind, s.entity_id, s.display, s.name, s.folded, s.weight FROM search s"


def normalise_query(text: str) -> str:
    """Fold the query and drop control and private-use characters; cap its length."""
    text = "".join(ch for ch in str(text)[: MAX_QUERY * 4]
                   if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    return fold(text)[:MAX_QUERY].strip()


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class Lookup:
    """Ranks entities for a query typed by a person."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def search(self, query: str, limit: int = 20, kinds: set[str] | None = None
               ) -> list[LookupResult]:
        q = normalise_query(query)
        if not q or limit <= 0:
            return []
        typed = str(query).strip()
        best: dict[tuple[str, str], LookupResult] = {}

        def offer(rows, base: float, q_len: int) -> None:
            for kind, entity_id, display, name, folded, weight in rows:
                if kinds and kind not in kinds:
                    continue
                closeness = q_len / max(len(folded), 1)
                exact_case = 1.5 if name == typed else 0.0  # "Ga" the symbol, not "GA" Gabon
                score = round(base + weight + 10 * closeness + exact_case, 3)
                key = (kind, entity_id)
                if key not in best or best[key].score < score:
                    best[key] = LookupResult(kind, entity_id, display, score, name)

        offer(self._conn.execute(f"{_ROW} WHERE s.folded = ?", (q,)), 100, len(q))
        offer(self._conn.execute(
            f"{_ROW} WHERE s.folded > ? AND s.folded < ? LIMIT 300", (q, q + "\U0010ffff")),
            70, len(q))
        if len(q) >= 3:
            offer(self._conn.execute(
                f"{_ROW} JOIN search_fts f ON f.rowid = s.id WHERE search_fts MATCH ? "
                "LIMIT 300", (_fts_phrase(q),)), 40, len(q))
        else:
            offer(self._conn.execute(f"{_ROW} WHERE instr(s.folded, ?) > 0 LIMIT 300", (q,)),
                  40, len(q))
        if len(q) >= 4 and not any(r.score >= 70 for r in best.values()):
            self._offer_fuzzy(q, best, kinds)
        ranked = sorted(best.values(), key=lambda r: (-r.score, KIND_ORDER.get(r.kind, 9),
                                                      r.name))
        return ranked[:limit]

    @cached_property
    def _trigram_index(self) -> tuple[list[tuple], dict[str, list[int]]]:
        """All index rows and, per trigram, the rows that contain it (built on first typo)."""
        rows = list(self._conn.execute(_ROW + " ORDER BY s.id"))
        index: dict[str, list[int]] = defaultdict(list)
        for number, row in enumerate(rows):
            folded = row[4]
            for gram in {folded[i:i + 3] for i in range(len(folded) - 2)}:
                index[gram].append(number)
        return rows, dict(index)

    def _offer_fuzzy(self, q: str, best: dict, kinds: set[str] | None) -> None:
        grams = {q[i:i + 3] for i in range(len(q) - 2)}
        rows, index = self._trigram_index
        shared: Counter[int] = Counter()
        for gram in grams:
            shared.update(index.get(gram, ()))
        ranked = sorted(shared.items(), key=lambda item: item[1] / (
            len(grams) + max(len(rows[item[0]][4]) - 2, 1) - item[1]), reverse=True)
        for number, _count in ranked[:FUZZY_CANDIDATES]:
            kind, entity_id, display, name, folded, weight = rows[number]
            if kinds and kind not in kinds:
                continue
            ratio = _similarity(q, folded)
            if ratio < FUZZY_MIN_RATIO:
                continue
            score = round(20 + 30 * ratio + weight, 3)
            key = (kind, entity_id)
            if key not in best or best[key].score < score:
                best[key] = LookupResult(kind, entity_id, display, score, name)


def _similarity(query: str, name: str) -> float:
    """Edit similarity of the query to the whole name or to its best-matching run of words."""
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(query)  # the matcher caches its analysis of the second sequence
    pieces = [name]
    words, span = name.split(), len(query.split())
    if len(words) > span:
        pieces += [" ".join(words[i:i + span]) for i in range(len(words) - span + 1)]
    ratio = 0.0
    for piece in pieces:
        matcher.set_seq1(piece)
        if matcher.real_quick_ratio() > ratio and matcher.quick_ratio() > ratio:
            ratio = max(ratio, matcher.ratio())
    return ratio
