"""Recognising countries, minerals, initiatives and groups named in free text.

A pasted news article or a memo draft is read word by word; every run of one to five words whose
folded form is a known name, code or alias (in any script) is an entity. Text without spaces
between words (Chinese, Japanese) is searched for the known names in those scripts. Short codes
and symbols ("US", "Ga", "UK") count only when written in capitals as codes are, so the word "us"
or "in" is not taken for a country or a mineral, and country names that are also everyday words
("turkey", "chad", "jordan") count only when capitalised. A single letter is never an element
symbol here: in prose "B", "K" or "C" is far more often a list label ("Option B") than boron,
potash or graphite, and a memo that means the element names it.

Words are runs of word characters, so punctuation never sticks to a name: "China’s" is China,
"US-China" is the US and China, "lithium-ion" is lithium. A name written with a hyphen or an
apostrophe ("Guinea-Bissau", "Côte d’Ivoire") is still found, as a run of several words. The data
blocks of a memo (``desktop.domain.fences.find_blocks``) are machine text, not prose: ``prose``
blanks them out so that neither recognition nor the word count reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.fences import blank_blocks
from desktop.domain.text import fold

MAX_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
#: everyday words that are also names or codes of something in the reference data
STOP = {"in", "is", "us", "it", "as", "at", "be", "by", "no", "so", "to", "we", "or", "an",
        "am", "me", "my", "he", "hi", "do", "go", "if", "of", "on", "up", "per", "can", "lead",
        "tin", "the", "and", "for", "may", "was", "are", "all", "new", "our", "one"}
#: names that are also common lowercase words: they count only when written with a capital
CAPITALISED_ONLY = {"turkey", "chad", "jordan", "georgia", "china", "japan", "guinea", "niger",
                    "jersey", "panama"}


def prose(text: str) -> str:
    """The text with every data block blanked to spaces (newlines kept), so offsets into it are
    offsets into the original."""
    return blank_blocks(text)


def count_words(text: str) -> int:
    """Words a reader sees: data blocks are not counted."""
    return len(prose(text).split())


@dataclass(frozen=True)
class Mention:
    kind: str
    id: str
    name: str
    text: str  # as written
    start: int
    end: int


class Recognizer:
    """Finds entity names in text. ``names`` may be a function that reads them: the app then
    reads them when the first text is recognised, not while its window is being built."""

    def __init__(self, names: dict[str, list[tuple]] | Callable[[], dict[str, list[tuple]]]
                 ) -> None:
        self._source = names
        self._table: dict[str, list[tuple]] | None = None
        self._cjk_table: list[str] = []

    def _load(self) -> dict[str, list[tuple]]:
        if self._table is None:
            names = self._source() if callable(self._source) else self._source
            self._cjk_table = sorted((n for n in names if _CJK.search(n) and len(n) >= 2),
                                     key=len, reverse=True)
            self._table = names
        return self._table

    @property
    def _names(self) -> dict[str, list[tuple]]:
        return self._load()

    @property
    def _cjk_names(self) -> list[str]:
        self._load()
        return self._cjk_table

    def mentions(self, text: str) -> list[Mention]:
        """Every mention, longest match first where matches overlap, in text order."""
        words = list(_WORD.finditer(text))
        found: list[Mention] = []
        index = 0
        while index < len(words):
            hit = self._longest(text, words, index)
            if hit is None:
                index += 1
                continue
            mention, used = hit
            found.append(mention)
            index += used
        found += self._cjk(text, found)
        return sorted(found, key=lambda m: m.start)

    def _longest(self, text: str, words: list, index: int) -> tuple[Mention, int] | None:
        for size in range(min(MAX_WORDS, len(words) - index), 0, -1):
            start, end = words[index].start(), words[index + size - 1].end()
            written = text[start:end]
            key = fold(written)
            entries = self._names.get(key)
            if not entries or not self._plausible(written, key, size):
                continue
            exact = [e for e in entries if e[3] == written]  # "Ga" the symbol, not "GA" Gabon
            kind, ident, display, _name = (exact or entries)[0]
            return Mention(kind, ident, display, written, start, end), size
        return None

    @staticmethod
    def _plausible(written: str, key: str, size: int) -> bool:
        if size > 1:
            return True
        if key in STOP and not written.isupper():
            return False
        if key in CAPITALISED_ONLY and not written[:1].isupper():
            return False  # "turkey" the bird, "china" the porcelain
        if len(key) == 1 and key.isascii():
            return False  # "Option B", "Plan B is K", "option C": a letter, not boron or potash
        if key.isascii() and len(key) <= 3 and not written[:1].isupper():
            return False  # codes and symbols are written in capitals ("Ga", "USA", "DRC")
        return True

    def _cjk(self, text: str, found: list[Mention]) -> list[Mention]:
        if not _CJK.search(text):
            return []
        taken = [(m.start, m.end) for m in found]
        out = []
        for name in self._cjk_names:
            for match in re.finditer(re.escape(name), text):
                span = (match.start(), match.end())
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                kind, ident, display, _name = self._names[name][0]
                out.append(Mention(kind, ident, display, match.group(), *span))
                taken.append(span)
        return out


def summary(mentions: list[Mention]) -> list[tuple[str, str, str, int]]:
    """(kind, id, name, count) for each entity, most mentioned first."""
    counts: dict[tuple[str, str, str], int] = {}
    for mention in mentions:
        key = (mention.kind, mention.id, mention.name)
        counts[key] = counts.get(key, 0) + 1
    return sorted(((k, i, n, c) for (k, i, n), c in counts.items()), key=lambda r: (-r[3], r[2]))
