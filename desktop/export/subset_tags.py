"""Embedded font subsets, each with a tag of its own.

A PDF names an embedded subset "ABCDEF+FontName", and the six-letter tag must differ between
subsets of one file. reportlab derives the tag from the subset's number alone, so the first
subset of every font is "AAAAAA+…", and two fonts whose files carry the same internal name
would even share their descriptor objects. ``TaggedFont`` numbers subsets across the whole
document instead, in the order reportlab writes them, so the same memo gives the same tags
(and the same bytes) every time.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import ttfonts

_swap = threading.Lock()  # the tag function is reportlab's module global while a font writes
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def tag(number: int) -> bytes:
    """0 -> b"AAAAAA", 1 -> b"AAAAAB", … six capital letters, distinct for each number."""
    letters = []
    for _ in range(6):
        number, digit = divmod(number, 26)
        letters.append(LETTERS[digit])
    return "".join(reversed(letters)).encode("ascii")


class TaggedFont(ttfonts.TTFont):
    def addObjects(self, doc) -> None:  # noqa: N802 (reportlab's name)
        count = getattr(doc, "_subset_tags", 0)
        written = [count]

        def next_tag(_number: int) -> bytes:
            written[0] += 1
            return tag(written[0] - 1)

        with _swap:
            original, ttfonts.SUBSETN = ttfonts.SUBSETN, next_tag
            try:
                super().addObjects(doc)
            finally:
                ttfonts.SUBSETN = original
        doc._subset_tags = written[0]
