"""Prices set by policy, and partners' import dependence: value types the cards, the CLI and memo
blocks share (``desktop.analysis.prices`` and ``desktop.analysis.dependence`` work on them).

Each carries its source, like every fact in the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.models import Source


@dataclass(frozen=True)
class PriceFloor:
    """A minimum or reference price a government set, agreed or proposed for a product."""

    id: str
    actor: str  # country or body code
    kind: str  # price-floor, reference-price, minimum-export-price, proposal
    mineral: str
    product: str  # as the measure defines it ("NdPr oxide")
    market_product: str  # the USGS price series it is compared with ("" when none fits)
    value: float | None  # None for a floor announced without a number
    value_text: str
    unit: str  # "dollars per kilogram"
    announced: str
    effective: str
    until: str
    terms: str
    event_id: str
    sources: tuple[Source, ...]  # the first gives the number (or the wording)
    note: str = ""

    @property
    def source(self) -> Source | None:
        return self.sources[0] if self.sources else None

    def to_json(self) -> dict:
        return {"id": self.id, "actor": self.actor, "kind": self.kind, "mineral": self.mineral,
                "product": self.product, "market_product": self.market_product,
                "value": self.value, "value_text": self.value_text, "unit": self.unit,
                "announced": self.announced, "effective": self.effective, "until": self.until,
                "terms": self.terms, "event": self.event_id, "note": self.note,
                "sources": [s.brief() for s in self.sources]}


#: What an import-dependence share is a share of. Figures of different bases never share a
#: column without saying so.
BASES = {
    "supply": "share of supply (domestic output and imports)",
    "imports-value": "share of imports by value",
    "imports-volume": "share of imports by volume",
    "consumption": "share of consumption",
}


def basis_label(basis: str) -> str:
    return BASES.get(basis, basis.removeprefix("other:").strip() or basis)


@dataclass(frozen=True)
class Dependence:
    """One published share: how much of an importer's supply, imports or consumption of a
    mineral comes from one supplier."""

    importer: str  # ISO3, or EU27
    mineral: str
    product: str
    supplier: str  # ISO3
    share: float  # a fraction, 0–1
    share_text: str  # as printed ("98 %", "about 60 %")
    basis: str  # a key of BASES, or "other:<words>"
    year: int | None  # the data year; None where the publication does not state it
    period: str
    source: Source
    note: str = ""

    @property
    def basis_label(self) -> str:
        return basis_label(self.basis)

    def to_json(self) -> dict:
        return {"importer": self.importer, "mineral": self.mineral, "product": self.product,
                "supplier": self.supplier, "share": self.share, "share_text": self.share_text,
                "basis": self.basis, "basis_label": self.basis_label, "year": self.year,
                "period": self.period, "note": self.note, "source": self.source.brief()}
