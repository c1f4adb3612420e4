"""Which of a mineral's named products (or forms) a user means by what they typed: one rule
for price series, import forms and any later product key."""

from __future__ import annotations

from collections.abc import Iterable


def matching_products(products: Iterable[str], wanted: str) -> list[str]:
    """The products named ``wanted`` (case aside), else every one whose name contains it."""
    names = list(products)
    folded = wanted.casefold().strip()
    if not folded:
        return []
    exact = [name for name in names if name.casefold() == folded]
    return exact or [name for name in names if folded in name.casefold()]
