"""Domain value types: what the reference database holds, independent of SQL and of Qt.

Repositories return these; services, the CLI and the UI consume them. Each type that carries facts
also carries its source, so a figure can never travel without its citation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from desktop.domain.event_kinds import is_measure
from desktop.domain.status import MeasureState, MeasureStatus, StatusChange, status_as_of
from desktop.domain.vocabulary import TIERS


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    edition: str = ""
    locator: str = ""
    published: str = ""
    url: str = ""
    doi: str = ""
    licence: str = ""
    tier: str = ""  # desktop.domain.vocabulary.SourceTier: official, filing, press, secondary…
    accessed: str = ""  # when it was read, for a source without a publication date
    note: str = ""

    @property
    def dated(self) -> str:
        """"2025-11-07", or "accessed 2026-11-28" where the publication gives no date."""
        return self.published or (f"accessed {self.accessed}" if self.accessed else "")

    @property
    def tier_label(self) -> str:
        found = TIERS.get(self.tier)
        return found.label if found else ""

    def citation(self) -> str:
        """One-line citation: publisher, title, edition, locator, date, link."""
        parts = [self.publisher, self.title, self.edition, self.locator, self.dated]
        link = f"https://doi.org/{self.doi}" if self.doi else self.url
        return ". ".join(p for p in parts if p) + (f". {link}" if link else "")

    def brief(self) -> dict:
        return {"id": self.id, "title": self.title, "publisher": self.publisher,
                "edition": self.edition, "url": self.url or (
                    f"https://doi.org/{self.doi}" if self.doi else ""),
                "tier": self.tier, "published": self.published, "accessed": self.accessed}


@dataclass(frozen=True)
class Figure:
    """One published number, with USGS's original text beside the parsed value."""

    mineral: str
    country: str  # ISO3 or an aggregate code such as WORLD or OTHERS
    metric: str
    stage: str
    product: str
    year: int
    value: float | None
    value_text: str
    qualifier: str
    unit: str
    estimated: bool
    rounded: bool
    note: str
    source: Source
    period: str = ""
    country_name: str = ""
    corrected_by: Source | None = None  # the erratum that changed the published value
    is_country: bool = True  # False for aggregates: "World total", "Other countries", combined rows
    original: Source | None = None  # the official publication a reported share comes from

    @property
    def sources(self) -> list[Source]:
        """Where the number was read, then the erratum that changed it or the publication it
        was first published in: what an endnote has to cite."""
        return [s for s in (self.source, self.corrected_by, self.original) if s is not None]

    def to_json(self) -> dict:
        return {"mineral": self.mineral, "country": self.country, "metric": self.metric,
                "stage": self.stage, "product": self.product, "year": self.year,
                "period": self.period, "value": self.value, "value_text": self.value_text,
                "qualifier": self.qualifier, "unit": self.unit, "estimated": self.estimated,
                "note": self.note, "source": self.source.brief(),
                "corrected_by": self.corrected_by.brief() if self.corrected_by else None,
                "original": self.original.brief() if self.original else None}


#: The headers of a membership's two dates. "From" and "Until" fit a member and a dated role
#: alike (a presidency or a chair's term ends on a planned day; a member leaves).
MEMBERSHIP_DATES = ("From", "Until")


def figure_sources(figures) -> list[Source]:
    """Every source the figures cite (``Figure.sources``), each once, in order of first use."""
    seen: dict[str, Source] = {}
    for figure in figures:
        for source in figure.sources:
            seen.setdefault(source.id, source)
    return list(seen.values())


@dataclass(frozen=True)
class Membership:
    """A country or body in a group or initiative, with its role and dates."""

    container_kind: str  # "group" or "initiative"
    container_id: str
    container_name: str
    member: str
    member_name: str
    role: str
    joined: str
    left: str
    source: Source | None
    note: str = ""
    member_kind: str = ""  # "country" or "body"

    @property
    def present_on(self) -> str:
        """The day of a one-day meeting the member attended ("" for a membership over time):
        such a member was present, it neither joined nor left."""
        return self.joined if self.joined and self.joined == self.left else ""

    @property
    def since(self) -> str:
        """The "From" cell: the date, or "present on …" for a one-day meeting."""
        return f"present on {self.present_on}" if self.present_on else self.joined

    @property
    def until(self) -> str:
        """The "Until" cell: when the member left or the role's term ends; empty for a
        one-day meeting."""
        return "" if self.present_on else self.left

    def to_json(self) -> dict:
        return {"country": self.member, "name": self.member_name, "member_kind": self.member_kind,
                "role": self.role, "joined": self.joined, "left": self.left,
                "present_on": self.present_on, "since": self.since, "until": self.until,
                "note": self.note, "source": self.source.brief() if self.source else None}


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    numeric: str
    name: str
    official_name: str
    region: str
    subregion: str
    names: dict[str, list[str]] = field(default_factory=dict)  # language -> names

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Mineral:
    id: str
    name: str
    family: str
    symbols: list[str]
    description: str
    uses: list[str]
    stages: list[str]
    us_critical_2025: bool
    eu_critical_2024: bool
    eu_strategic_2024: bool
    aliases: list[str]
    sources: list[Source]
    figures_note: str = ""  # where official figures are published when USGS gives none

    def to_json(self) -> dict:
        data = asdict(self)
        data["sources"] = [s.brief() for s in self.sources]
        return data


@dataclass(frozen=True)
class Initiative:
    id: str
    name: str
    short_name: str
    kind: str
    launched: str
    status: str
    status_date: str
    lead: str
    successor_of: str
    instruments: list[str]
    minerals: list[str]
    summary: str
    members: list[Membership]
    sources: list[Source]

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "short_name": self.short_name,
                "kind": self.kind, "launched": self.launched, "status": self.status,
                "status_date": self.status_date, "lead": self.lead,
                "successor_of": self.successor_of, "instruments": self.instruments,
                "minerals": self.minerals, "summary": self.summary,
                "members": [m.to_json() for m in self.members],
                "source": self.sources[0].brief() if self.sources else None,
                "sources": [s.brief() for s in self.sources]}


@dataclass(frozen=True)
class Event:
    id: str
    date: str
    announced: str
    effective: str
    actor: str
    kind: str
    title: str
    summary: str
    document_number: str
    items: str
    minerals: list[str]
    targets: list[str]
    initiatives: list[str]
    sources: list[Source]
    status_changes: tuple[StatusChange, ...] = ()
    sourcing: str = ""  # why no source of the deciding body is cited, where none is

    @property
    def is_measure(self) -> bool:
        """A control, ban, tariff or law: something in force for a time, with a status."""
        return is_measure(self.kind)

    def status(self, as_of: str) -> MeasureStatus | None:
        """Where the measure stands on ``as_of`` (None for a meeting or statement, or before
        it was announced). Without an announced or effective date it is unknown unless a
        recorded change says more."""
        if not self.is_measure:
            return None
        if not (self.announced or self.effective) and not self.status_changes:
            if self.date > as_of[:len(self.date)]:
                return None
            return MeasureStatus(MeasureState.UNKNOWN, "no announced or effective date "
                                 "recorded, and no later change")
        return status_as_of(self.announced or self.date if not self.effective else
                            self.announced, self.effective, self.status_changes, as_of)

    def to_json(self) -> dict:
        return {"id": self.id, "date": self.date, "announced": self.announced,
                "effective": self.effective, "actor": self.actor, "kind": self.kind,
                "title": self.title, "summary": self.summary,
                "document_number": self.document_number, "items": self.items,
                "minerals": self.minerals, "targets": self.targets,
                "initiatives": self.initiatives, "sourcing": self.sourcing,
                "source": self.sources[0].brief() if self.sources else None,
                "sources": [s.brief() for s in self.sources]}


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    short_name: str
    kind: str
    founded: str
    description: str
    members: list[Membership]
    source: Source | None

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "short_name": self.short_name,
                "kind": self.kind, "founded": self.founded, "description": self.description,
                "members": [m.to_json() for m in self.members],
                "source": self.source.brief() if self.source else None}


@dataclass(frozen=True)
class Claim:
    """Another source's account of a field, where sources disagree."""

    field: str
    value: str
    note: str
    source: Source | None

    def to_json(self) -> dict:
        return {"field": self.field, "value": self.value, "note": self.note,
                "source": self.source.brief() if self.source else None}


@dataclass(frozen=True)
class ListEntry:
    """One entry of an official list of critical minerals, as the list prints it, with the
    cards it stands for (a group entry, "Platinum group metals", stands for several)."""

    list_id: str
    position: str
    name: str
    minerals: tuple[str, ...]
    note: str  # a scope the entry name does not say ("on the list as a strategic raw material")

    def to_json(self) -> dict:
        return {"list": self.list_id, "position": self.position, "name": self.name,
                "minerals": list(self.minerals), "note": self.note}


@dataclass(frozen=True)
class CriticalList:
    id: str
    name: str
    short_name: str
    jurisdiction: str
    published: str
    note: str
    source: Source | None
    entries: tuple[ListEntry, ...] = ()

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "short_name": self.short_name,
                "jurisdiction": self.jurisdiction, "published": self.published,
                "note": self.note, "source": self.source.brief() if self.source else None,
                "entries": [e.to_json() for e in self.entries]}


def missing_source(source_id: str) -> Source:
    """Stands in for a source id that the DB does not define (``db check`` reports it)."""
    return Source(source_id, "(unknown source)", f"source {source_id!r} is missing from the "
                  "reference database; run 'briefdesk db check'")


@dataclass(frozen=True)
class LookupResult:
    kind: str
    id: str
    name: str
    score: float
    matched: str  # the name or alias that matched, for highlighting

    def to_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "name": self.name, "score": self.score,
                "matched": self.matched}
