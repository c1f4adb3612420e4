"""Arabic and Hebrew in the PDF: joined letter forms and right-to-left order.

reportlab draws characters left to right as they come and knows nothing of Arabic joining. So
text with Arabic or Hebrew letters is turned into what the page must show before it is set:
Arabic letters into their joined presentation forms (``arabic_reshaper``), then every run into
visual order by the Unicode bidirectional algorithm (``python-bidi``). A paragraph that starts
right to left is right-aligned and broken into lines in reading order before each line is
reordered (``rtl_flow``), so its first words stand at the top right. PDF readers put the
letters back in reading order when text is copied or extracted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

#: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended, and the Hebrew
#: and Arabic presentation forms
RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    return not text.isascii() and RTL_CHARS.search(text) is not None


def first_strong_is_rtl(text: str) -> bool:
    """Does the text start (its first letter with a direction) right-to-left?"""
    if text.isascii():
        return False
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return False
        if direction in ("R", "AL"):
            return True
    return False


@cache
def _reshaper(ligatures: bool = True):
    import arabic_reshaper

    # keep the vowel marks (harakat) and tatweel: dropping them would change the text
    return arabic_reshaper.ArabicReshaper({"delete_harakat": False, "delete_tatweel": False,
                                           "support_ligatures": ligatures})


def joined(text: str) -> str:
    """Arabic letters in their joined forms. arabic_reshaper fails on a few odd sequences (a
    joiner before lam-alef): the text is then joined without ligatures, and at worst left as
    typed — never an export lost to one character."""
    for ligatures in (True, False):
        try:
            return _reshaper(ligatures).reshape(text)
        except (IndexError, KeyError, ValueError):
            continue
    return text


def visual(text: str, right_to_left: bool | None = None) -> str:
    """``text`` as drawn left to right: Arabic joined, runs in visual order. The paragraph's
    direction is ``right_to_left`` if given, else that of its first strong letter."""
    if not has_rtl(text):
        return text
    from bidi import get_display

    shaped = joined(text)
    base = None if right_to_left is None else ("R" if right_to_left else "L")
    return get_display(shaped, base_dir=base)


def line_spans(text: str, width: float, measure: Callable[[int, int], float]
               ) -> list[tuple[int, int]]:
    """Break a right-to-left paragraph into lines in reading order, the words that come first
    filling the first line: (start, end) of each line in ``text``. ``measure(start, end)`` gives
    the drawn width of ``text[start:end]``; a word wider than a line stands alone on its line;
    a "\\n" always ends a line."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for hard_line in text.split("\n"):
        line: tuple[int, int] | None = None
        for word in re.finditer(r"\S+", hard_line):
            start, end = offset + word.start(), offset + word.end()
            if line is not None and measure(line[0], end) > width:
                spans.append(line)
                line = None
            line = (line[0] if line else start, end)
        spans.append(line or (offset, offset))
        offset += len(hard_line) + 1
    return spans


def visual_order(line: str) -> list[tuple[int, str]]:
    """One line of a right-to-left paragraph as drawn from left to right: the index in ``line``
    of each character and the character drawn there (a bracket mirrored), by the Unicode
    bidirectional algorithm. python-bidi's own display function returns only the text; its
    step-by-step implementation lets each character keep its index, so the formatting of the
    character can follow it (``rtl_flow``). Format characters (joiners) are not drawn."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"], storage["base_dir"] = 1, "R"
    uba.get_embedding_levels(line, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return [(char["index"], char["ch"]) for char in storage["chars"]]
