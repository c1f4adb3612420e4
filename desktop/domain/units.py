"""Price units: what a price is per, so a floor in dollars per kilogram can be set beside a market
price in cents per pound.

A unit reads "<currency> per <quantity>" as USGS prints it ("dollars per kilogram", "cents per
pound", "dollars per metric ton"). Only units that name a currency and a mass convert; a unit per
troy ounce converts too, a unit per "dry metric ton unit" or per "50 grams" of a reagent does not
(the content it counts differs), and ``convert`` says so by returning None.
"""

from __future__ import annotations

import re

CURRENCIES = {"dollars": ("USD", 1.0), "cents": ("USD", 0.01)}
MASSES_KG = {"kilogram": 1.0, "pound": 0.45359237, "metric ton": 1000.0,
             "troy ounce": 0.0311034768, "gram": 0.001}
_UNIT = re.compile(r"^(dollars|cents) per (kilogram|pound|metric ton|troy ounce|gram)$")


def per_kilogram(unit: str) -> tuple[str, float] | None:
    """("USD", factor): a price in ``unit`` times factor is US dollars per kilogram; None when
    the unit is not a currency per a plain mass."""
    found = _UNIT.match(" ".join(unit.lower().split()))
    if not found:
        return None
    currency, scale = CURRENCIES[found.group(1)]
    mass = MASSES_KG[found.group(2)]
    return (currency, scale / mass) if mass else None


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to_unit``; None when either cannot be converted."""
    if " ".join(unit.lower().split()) == " ".join(to_unit.lower().split()):
        return value
    source, target = per_kilogram(unit), per_kilogram(to_unit)
    if source is None or target is None or source[0] != target[0]:
        return None
    return value * source[1] / target[1]
