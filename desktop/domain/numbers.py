"""How numbers read, everywhere: cards, the CLI, memo blocks and the PDF call these and nothing
else, so a share is "69.2 %" and an HHI "5,054" wherever a reader meets it.

Shares are fractions (0–1) in code and JSON; people see per cent with one decimal, a space before
the sign. A value USGS marks as an estimate carries "e" after the number it printed; a published
text that is not a number ("E" = net exporter, "W" = withheld) is never given an "e".
"""

from __future__ import annotations

NEGLIGIBLE = 0.0005  # a share or gap below this prints as nothing at one decimal


def percent(share: float | None, digits: int = 1) -> str:
    """0.6923 -> "69.2 %"; a real but tiny share -> "<0.1 %" (never a misleading "0.0 %");
    no share -> ""."""
    if share is None:
        return ""
    smallest = 10 ** -digits
    if 0 < 100 * share < smallest / 2:
        return f"<{smallest:.{digits}f} %"
    return f"{100 * share:.{digits}f} %"


#: What USGS prints instead of a number, in words (its table footnotes).
SYMBOLS = {"W": "withheld (W)", "NA": "not available (NA)", "XX": "not applicable (XX)",
           "E": "net exporter (E)"}


def published_value(text: str, unit: str = "", estimated: bool = False) -> str:
    """A published figure with its unit, or what the source printed instead of a number in
    words: "230e metric tons", "withheld (W)"."""
    if text in SYMBOLS:
        return SYMBOLS[text]
    shown = with_estimate(text, estimated)
    return f"{shown} {unit}".strip() if unit else shown


def percent_whole(share: float) -> str:
    """Whole per cent for a dense grid: a small but real share is "<1 %", never "0 %"."""
    if share <= 0:
        return "0 %"
    if share < 0.005:
        return "<1 %"
    return f"{100 * share:.0f} %"


def percent_value(value: float, digits: int = 1) -> str:
    """A number that is already per cent (a published processing share): 45 -> "45.0 %"."""
    return f"{value:.{digits}f} %"


def points(gap: float | None) -> str:
    """A difference of two shares in percentage points: "+4.4 pts"; one that rounds to nothing
    is "0.0 pts", never "-0.0"; an unknown gap is "unknown"."""
    if gap is None:
        return "unknown"
    return "0.0 pts" if abs(gap) < NEGLIGIBLE else f"{100 * gap:+.1f} pts"


def points_between(first: float | None, second: float | None) -> str:
    """The gap between two shares as a reader checks it from the printed shares: 5.0 % and
    0.7 % give "+4.3 pts", never the "+4.4 pts" of the unrounded values."""
    if first is None or second is None:
        return points(None)
    return points(round(first, 3) - round(second, 3))


def whole(value: float | None) -> str:
    """5054.4 -> "5,054"; nothing -> "—"."""
    return "—" if value is None else f"{value:,.0f}"


def quantity(value: float, unit: str = "") -> str:
    """A total as a sentence gives it: "390,000 metric tons", "0.75 kilograms"."""
    number = f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"
    return f"{number} {unit}".strip()


def with_estimate(text: str, estimated: bool) -> str:
    """"270,000e" for an estimate; a text with no digits ("E", "W", "NA") as printed."""
    return f"{text}e" if estimated and any(c.isdigit() for c in text) else text


def share_or_published(share: float | None, published: str) -> str:
    """A share, or what the source printed instead of a number ("W" = withheld by USGS)."""
    if share is not None:
        return percent(share)
    return SYMBOLS.get(published, published) or "not given"


def reliance(text: str) -> str:
    """US net import reliance as USGS prints it: a number, "E" (net exporter) or a bound."""
    if text == "E":
        return "net exporter"
    return f"{text} %" if text else "not given"


def unit_after(value_text: str, unit: str) -> str:
    """The unit to print after a published value, unless the text already says it ("94
    percent", "over 90%")."""
    if unit == "percent" and ("%" in value_text or "percent" in value_text):
        return ""
    return unit


def amount(value: float | None) -> str:
    """A price or a money difference as people write it: 110 -> "110", 7.634 -> "7.63",
    16812 -> "16,812"; nothing -> "—"."""
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def signed_amount(value: float) -> str:
    """A gap in money: "+41", "-3.5"."""
    return ("+" if value > 0 else "") + amount(value)


def signed_percent(share: float | None, digits: int = 1) -> str:
    """A relative difference: 0.594 -> "+59.4 %"; nothing -> "unknown"."""
    if share is None:
        return "unknown"
    return f"{100 * share:+.{digits}f} %"
