"""One-box lookup over every name, code, symbol and alias in the reference DB.

Matching runs in stages, cheapest first, and an entity keeps its best score:

1. exact name / code / alias (``folded = ?``, indexed) — "Burma", "DRC", "Nd", "MSP", "日本";
2. prefix (an indexed range scan) — "lith", "Kore";
3. substring — the FTS5 trigram index for three characters or more, a scan of the small name table
   for one or two characters (trigram needs three: "中国", "한국");
4. typos — candidates sharing trigrams with the query, scored by edit similarity ("lithum").

Each stage scores below the one before it, so a literal match always outranks a guessed typo. Within
a stage the index weight of the matched name decides (db/search_index.py: an own name over an
alias over an event title; an element's own symbol over the compounds and families listing it, so
"Tb" is terbium before rare earths), then a small bonus for typing a name in its own case: "EU"
and "eu" find the European Union first, "Eu" (a symbol's case) europium. Equal scores fall back
to kind and then display name.

A leading or trailing ``*`` (the search-engine habit "lith*") is dropped: every query already
matches names that start with it. Event document numbers are indexed ("Announcement No. 70").

User text never reaches SQL except as bound parameters or as FTS phrases with quotes doubled, so
quotes, FTS operators, emoji and 10 000-character pastes return results or nothing, never an error.
"""

from __future__ import annotations

import heapq
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
#: A typo scores at most 4 + 30 + 10 = 44, the least a literal substring match scores (40 + the
#: smallest index weight, 4), so "No. 18 of 2025" is never outranked by a near miss ("No. 10").
FUZZY_BASE = 4
FUZZY_CANDIDATES = 15
SHORT_QUERY = 3
SHORT_CACHE_SIZE = 4096
FUZZY_GRAMS = 12  # the rarest trigrams of the query pick the candidates
_ROW = "SELECT s.kind, s.entity_id, s.display, s.name, s.folded, s.weight FROM search s"


def clean_query(text: str) -> str:
    """Drop control, format, surrogate and private-use characters; cap the length."""
    return "".join(ch for ch in str(text)[: MAX_QUERY * 4]
                   if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")).strip()


def normalise_query(text: str) -> str:
    """The folded form of a cleaned query, as the index stores names."""
    return fold(clean_query(text))[:MAX_QUERY].strip()


def strip_wildcards(text: str) -> str:
    """Drop ``*`` wildcards around a query: names starting with the rest already match first."""
    return text.strip().strip("*").strip()


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class Lookup:
    """Ranks entities for a query typed by a person."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._short_cache: dict[tuple, list[LookupResult]] = {}

    def search(self, query: str, limit: int = 20, kinds: set[str] | None = None
               ) -> list[LookupResult]:
        typed = strip_wildcards(clean_query(query))
        q = normalise_query(typed)
        if not q or limit <= 0:
            return []
        if len(q) > SHORT_QUERY:
            return self._search(q, typed, limit, kinds)
        # One to three characters match hundreds of names. The reference DB never changes while
        # the app runs, so their ranking is kept for the session (keystrokes repeat).
        key = (q, typed, limit, tuple(sorted(kinds or ())))
        cached = self._short_cache.get(key)
        if cached is None:
            if len(self._short_cache) >= SHORT_CACHE_SIZE:
                self._short_cache.clear()
            cached = self._short_cache[key] = self._search(q, key[1], limit, kinds)
        return list(cached)

    def _search(self, q: str, typed: str, limit: int, kinds: set[str] | None
                ) -> list[LookupResult]:
        params = {"q": q, "qend": q + "\U0010ffff", "qlen": len(q), "typed": typed,
                  "n": max(limit, 20) * 3}
        best: dict[tuple[str, str], LookupResult] = {}
        # Each stage's best score is below the next-better stage's worst (exact >= 100 > prefix
        # <= 91.5; prefix >= 70 > substring <= 61.5; substring >= 44 > typo), so a stage is
        # skipped once the better ones alone fill the list.
        self._offer(best, kinds, 100, "s.folded = :q", params)
        if len(best) < limit:
            self._offer(best, kinds, 70, "s.folded > :q AND s.folded < :qend", params)
        if len(best) >= limit:
            pass
        elif len(q) >= 3:
            params["phrase"] = _fts_phrase(q)
            self._offer(best, kinds, 40, "s.id IN (SELECT rowid FROM search_fts "
                                         "WHERE search_fts MATCH :phrase)", params)
        elif _is_cjk(q):  # two-character CJK names are below the trigram size
            self._offer(best, kinds, 40, "instr(s.folded, :q) > 0", params)
        if len(q) >= 4 and not any(r.score >= 70 for r in best.values()):
            self._offer_fuzzy(q, best, kinds)
        ranked = sorted(best.values(), key=lambda r: (-r.score, KIND_ORDER.get(r.kind, 9),
                                                      r.name))
        return ranked[:limit]

    def _offer(self, best: dict, kinds: set[str] | None, base: int, where: str,
               params: dict) -> None:
        """Score matching names in SQL, keep each entity's best name, take the top few."""
        kind_clause = ""
        if kinds:
            allowed = sorted(k for k in kinds if k in KIND_ORDER)
            kind_clause = " AND s.kind IN ({})".format(",".join(f"'{k}'" for k in allowed) or "''")
        rows = self._conn.execute(
            "SELECT kind, entity_id, display, name, max(score) AS best FROM ("
            f"  SELECT s.kind, s.entity_id, s.display, s.name, {base} + s.weight"
            "   + 10.0 * :qlen / max(length(s.folded), 1) + 1.5 * (s.name = :typed) AS score"
            f"  FROM search s WHERE {where}{kind_clause}"
            ") GROUP BY kind, entity_id ORDER BY best DESC LIMIT :n", params)
        for kind, entity_id, display, name, score in rows:
            key = (kind, entity_id)
            if key not in best or best[key].score < score:
                best[key] = LookupResult(kind, entity_id, display, round(score, 3), name)

    def prepare(self) -> None:
        """Build the typo index now (at idle) rather than on the first misspelled keystroke."""
        _ = self._trigram_index, self._gram_counts

    def exact_names(self, kinds: tuple[str, ...] = ("country", "mineral", "initiative",
                                                     "group")) -> dict[str, list[tuple]]:
        """Folded name -> [(kind, id, display, name as stored)]: what text recognition uses.

        Each name's entities come best first, as the lookup ranks them: "Tb" is terbium before
        the rare-earth families, "Al" aluminum before alumina (recognition takes the first).
        """
        marks = ",".join("?" * len(kinds))
        weighted: dict[str, list[tuple[int, tuple]]] = {}
        for kind, ident, display, name, folded, weight in self._conn.execute(
                f"SELECT kind, entity_id, display, name, folded, weight FROM search "
                f"WHERE kind IN ({marks}) ORDER BY id", kinds):
            weighted.setdefault(folded, []).append((weight, (kind, ident, display, name)))
        return {folded: [entry for _weight, entry in sorted(entries, key=lambda e: -e[0])]
                for folded, entries in weighted.items()}

    def clear_session_cache(self) -> None:
        """Forget kept short-query results (benchmarks measure the first keystroke too)."""
        self._short_cache.clear()

    def indexed_names(self, exclude_kinds: tuple[str, ...] = ()) -> list[str]:
        """Every indexed name, for benchmarks that type what users would type."""
        marks = ",".join("?" * len(exclude_kinds)) or "''"
        return [name for (name,) in self._conn.execute(
            f"SELECT name FROM search WHERE kind NOT IN ({marks}) ORDER BY id", exclude_kinds)]

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

    @cached_property
    def _gram_counts(self) -> list[int]:
        rows, _index = self._trigram_index
        return [max(len(row[4]) - 2, 1) for row in rows]

    def _offer_fuzzy(self, q: str, best: dict, kinds: set[str] | None) -> None:
        rows, index = self._trigram_index
        grams = {q[i:i + 3] for i in range(len(q) - 2)}
        rarest = sorted((g for g in grams if g in index), key=lambda g: len(index[g]))
        shared: Counter[int] = Counter()
        for gram in rarest[:FUZZY_GRAMS]:
            shared.update(index[gram])
        used = min(len(rarest), FUZZY_GRAMS)
        need = max(1, used // 3)  # a candidate shares at least a third of the grams used
        lengths = self._gram_counts
        ranked = heapq.nlargest(
            FUZZY_CANDIDATES, ((count / (used + lengths[number] - count), number)
                               for number, count in shared.items() if count >= need))
        for _jaccard, number in ranked:
            kind, entity_id, display, name, folded, weight = rows[number]
            if kinds and kind not in kinds:
                continue
            ratio = _similarity(q, folded)
            if ratio < FUZZY_MIN_RATIO:
                continue
            score = round(FUZZY_BASE + 30 * ratio + weight, 3)
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
        bar = max(ratio, FUZZY_MIN_RATIO)  # upper bounds first: most pieces cannot reach the bar
        if matcher.real_quick_ratio() >= bar and matcher.quick_ratio() >= bar:
            ratio = max(ratio, matcher.ratio())
    return ratio


def _is_cjk(text: str) -> bool:
    """Han, kana or Hangul: scripts whose names are often two characters long."""
    return any("\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or
               "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff" for ch in text)
