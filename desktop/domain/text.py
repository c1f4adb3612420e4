"""Text normalisation shared by the database build and the lookup, so both fold names alike."""

from __future__ import annotations

import unicodedata

_PUNCTUATION = str.maketrans({".": " ", "’": "'", "‘": "'", "(": " ", ")": " ", ",": " ",
                              "-": " ", "–": " ", "—": " ", "/": " ", "　": " "})


def fold(text: str) -> str:
    """Case-, accent-, width- and punctuation-insensitive form of a name.

    NFKC first folds full-width Latin and half-width kana; accents are then stripped from Latin
    letters only (NFKD would also split Korean syllables and Japanese voiced kana, so it is applied to
    each character and kept only where it yields a base letter plus combining marks).
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_PUNCTUATION)
    out = []
    for char in text:
        if "\u0300" <= char <= "\u036f":
            continue
        if ord(char) < 0x250 and not char.isascii():
            base = unicodedata.normalize("NFKD", char)
            char = "".join(c for c in base if not unicodedata.combining(c))
        out.append(char)
    return " ".join("".join(out).split())


def is_day(text: str) -> bool:
    """YYYY-MM-DD naming a real calendar day: what a status or a membership is taken on (a
    month or a year would leave "in force on 2026?" open)."""
    return len(text) == 10 and is_partial_date(text)


def is_partial_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date (how events and filters date)."""
    import datetime
    import re

    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return False
    padded = {4: text + "-01-01", 7: text + "-01"}.get(len(text), text)
    try:
        datetime.date.fromisoformat(padded)
    except ValueError:
        return False
    return True


def file_stem(title: str, limit: int = 60, fallback: str = "memo") -> str:
    """A file name from a title: lower-case words joined by "-", cut after the last whole word
    that fits ``limit`` characters (a single longer word is cut), never ending in "-"."""
    words = "".join(ch if ch.isalnum() else " " for ch in title.lower()).split()
    stem = ""
    for word in words:
        trial = f"{stem}-{word}" if stem else word
        if len(trial) > limit:
            stem = stem or word[:limit]
            break
        stem = trial
    return stem or fallback
