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


def reading_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break a right-to-left paragraph into lines in reading order: the words that come first
    fill the first line. ``measure`` gives a line's drawn width; a word wider than a line
    stands alone on its line."""
    lines: list[str] = []
    for hard_line in text.split("\n"):
        current = ""
        for word in hard_line.split():
            trial = f"{current} {word}" if current else word
            if current and measure(trial) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    return lines
