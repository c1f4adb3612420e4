"""How a USGS MCS price row is named in our tables.

The release describes each price series in one string, e.g. "Price, average, dollars per kilogram:
Neodymium-praseodymium (NdPr) oxide, 99% minimum" or "Price, average unit value of imports,
dollars per kilogram". The unit has its own column, so the product we keep is what was priced
("Neodymium-praseodymium (NdPr) oxide, 99% minimum") followed by how (average, U.S. spot, unit
value of imports…) in brackets; a series the release names without the word "Price" (cesium and
rubidium reagent lots) keeps its name.
"""

from __future__ import annotations

import re

#: Unit phrases the descriptions repeat, longest first so "dollars per metric ton unit" wins.
_UNIT_WORDS = (
    "dollars per dry metric ton unit of tungsten trioxide", "dollars per metric ton unit",
    "dollars per metric ton of K2O equivalent", "dollars per metric ton (gross weight)",
    "dollars per metric ton at foreign ports", "dollars per kilogram of contained beryllium",
    "dollars per kilogram of tantalum oxide (Ta2O5) content", "cents per pound of silicon",
    "dollars per metric ton", "dollars per kilogram", "dollars per troy ounce",
    "dollars per pound", "cents per pound", "dollars per ton",
)
#: The release prints a lost character as "?" in "1?gram ampoules".
_LOST_HYPHEN = re.compile(r"(\d)\?(gram)")


def price_product(detail: str) -> str:
    """'Price, average, dollars per kilogram: NdPr oxide, 99% minimum' → 'NdPr oxide, 99%
    minimum (average)'."""
    text = _LOST_HYPHEN.sub(r"\1-\2", detail).strip()
    if not text.lower().startswith("price"):
        return text
    head, _, what = text.partition(":")
    how = re.sub(r"^price\b[,:]?\s*", "", head, flags=re.I)
    for words in _UNIT_WORDS:
        how = how.replace(words, "")
        what = what.replace(words, "")
    how = _tidy(how)
    what = _tidy(what)
    if what.lower().startswith("dollars per"):  # nickel: the part after ":" is only a unit
        return f"{how} ({what.lower()})"
    if what and how:
        return f"{what} ({how})"
    return what or how


def _tidy(text: str) -> str:
    text = re.sub(r"\s*,\s*:", ":", text)
    text = re.sub(r"\s*,\s*(,\s*)+", ", ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" ,:;")
