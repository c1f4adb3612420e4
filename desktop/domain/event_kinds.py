"""The kinds of event the register records, their labels, and the families people ask by.

A reader asks for "export restrictions", not for "export-control, export-ban and
export-control-suspension": a family names several kinds at once, and the timeline, the CLI
(``events --kind``) and the timeline memo block (``event-kind:``) all read the families here.
A *measure* is an event that is in force for a time (a control, a ban, a tariff, a law): it has a
status on any date (``desktop.domain.status``); a meeting or a statement has none.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    id: str
    label: str
    family: str
    measure: bool


@dataclass(frozen=True)
class KindFamily:
    id: str
    label: str


FAMILIES: tuple[KindFamily, ...] = (
    KindFamily("export-restrictions", "Export restrictions"),
    KindFamily("trade-measures", "Trade measures"),
    KindFamily("law-and-strategy", "Laws and strategies"),
    KindFamily("agreements-and-meetings", "Agreements, meetings and statements"),
    KindFamily("supply-and-investment", "Supply, stockpiles and investment"),
    KindFamily("other", "Incidents, markets and research"),
)

KINDS: tuple[EventKind, ...] = (
    EventKind("export-control", "export control", "export-restrictions", True),
    EventKind("export-ban", "export ban", "export-restrictions", True),
    EventKind("export-control-suspension", "suspension of export controls",
              "export-restrictions", True),
    EventKind("entity-listing", "entity listing", "export-restrictions", True),
    EventKind("state-trading", "state trading", "export-restrictions", True),
    EventKind("export-licence", "export licence", "export-restrictions", True),
    EventKind("trade-measure", "trade measure", "trade-measures", True),
    EventKind("trade-dispute", "trade dispute", "trade-measures", False),
    EventKind("investigation", "investigation", "trade-measures", False),
    EventKind("consultation", "consultation", "trade-measures", False),
    EventKind("legislation", "legislation", "law-and-strategy", True),
    EventKind("strategy", "strategy", "law-and-strategy", False),
    EventKind("agreement", "agreement", "agreements-and-meetings", False),
    EventKind("summit", "summit", "agreements-and-meetings", False),
    EventKind("ministerial", "ministerial meeting", "agreements-and-meetings", False),
    EventKind("statement", "statement", "agreements-and-meetings", False),
    EventKind("price-floor", "price floor", "supply-and-investment", False),
    EventKind("stockpile", "stockpile", "supply-and-investment", False),
    EventKind("investment", "investment", "supply-and-investment", False),
    EventKind("project", "project", "supply-and-investment", False),
    EventKind("incident", "incident", "other", False),
    EventKind("market", "market", "other", False),
    EventKind("research", "research", "other", False),
)
BY_ID = {kind.id: kind for kind in KINDS}
FAMILY_BY_ID = {family.id: family for family in FAMILIES}
MEASURE_KINDS = frozenset(kind.id for kind in KINDS if kind.measure)


class UnknownKind(ValueError):
    """A kind or family the register does not know; the message lists the known ones."""


def kinds_of_family(family: str) -> tuple[str, ...]:
    return tuple(kind.id for kind in KINDS if kind.family == family)


def expand(text: str) -> tuple[str, ...]:
    """"export-control,export-ban", "export restrictions" or a mix → the kinds they name, in
    the table's order; a family counts as its kinds. Raises ``UnknownKind``."""
    wanted: list[str] = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        key = "-".join(part.casefold().split())
        family = FAMILY_BY_ID.get(key) or next(
            (f for f in FAMILIES if "-".join(f.label.casefold().split()) == key), None)
        if family is not None:
            wanted += kinds_of_family(family.id)
        elif key in BY_ID:
            wanted.append(key)
        elif key.endswith("s") and key[:-1] in BY_ID:  # "export-controls"
            wanted.append(key[:-1])
        else:
            known = ", ".join(f.id for f in FAMILIES)
            raise UnknownKind(f"unknown event kind or family {part[:40]!r}; families: {known}; "
                              f"kinds: {', '.join(BY_ID)}")
    if not wanted:
        raise UnknownKind("no event kind given")
    return tuple(kind.id for kind in KINDS if kind.id in set(wanted))


def label_of(kind: str) -> str:
    found = BY_ID.get(kind)
    return found.label if found else kind.replace("-", " ")


def is_measure(kind: str) -> bool:
    return kind in MEASURE_KINDS
