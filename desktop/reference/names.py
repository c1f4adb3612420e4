"""From what a person typed to an id: ``China``, ``中国``, ``Китай`` → ``CHN``; ``Rare earths`` →
``rare-earths``; ``Li`` → ``lithium``; ``g7+Australia`` → ``g7+AUS``.

The one place that decides it, for CLI arguments and memo block keys alike. An id or code is
taken as it is; anything else must be an exact name, code, symbol or alias in the lookup index
(a typo is not guessed: a briefing must not silently pick the wrong country). Several exact
matches ("NdPr" names neodymium and praseodymium) are an error that lists them. Messages quote
the text as it was typed, cut to one readable line.
"""

from __future__ import annotations

from desktop.domain.errors import UserError
from desktop.reference.lookup import Lookup
from desktop.reference.repository import ReferenceRepository

KINDS = ("country", "mineral", "initiative", "group", "event")
BLOC_PART_KINDS = {"country", "group", "initiative"}
MAX_BLOC_TEXT = 2000  # longer bloc expressions are refused by the bloc parser with its reason
#: Codes that name the EU as one importer (its dependence figures are the EU-27's).
IMPORTER_BODIES = {"EU": "EU", "EU27": "EU", "EU-27": "EU", "EC": "EU"}


def shown(text: str, longest: int = 60) -> str:
    """The text as typed, cut to fit on one line of a message."""
    text = " ".join(text.split())
    return text if len(text) <= longest else text[:longest - 3] + "…"


class UnknownName(UserError, LookupError):
    """No entity of the kind asked for has that name (or several do)."""

    def __init__(self, message: str, kind: str = "", text: str = "",
                 ambiguous: bool = False) -> None:
        super().__init__(message)
        self.kind = kind
        self.text = text
        self.ambiguous = ambiguous  # several entities have that name


class NameResolver:
    """Resolves names to ids over one reference repository and its lookup index."""

    def __init__(self, repo: ReferenceRepository, lookup: Lookup) -> None:
        self.repo = repo
        self.lookup = lookup

    def exists(self, kind: str, ident: str) -> bool:
        finders = {"country": self.repo.country, "mineral": self.repo.mineral,
                   "initiative": self.repo.initiative, "event": self.repo.event,
                   "group": self.repo.group}
        return finders[kind](ident) is not None

    def id_of(self, kind: str, text: str, *, aggregates: bool = False) -> str:
        """The id of the ``kind`` entity ``text`` names; ``aggregates`` also accepts WORLD and
        the other aggregate codes where a country is asked for."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        typed = (text or "").strip()
        if not typed:
            raise UnknownName(f"no {kind} given", kind, text)
        ident = typed.upper() if kind == "country" else typed.lower()
        if kind == "country" and aggregates and self.repo.kind_of(ident) == "aggregate":
            return ident
        if len(ident) <= 200 and self.exists(kind, ident):
            return ident
        exact = [r for r in self.lookup.search(typed, limit=10, kinds={kind}) if r.score >= 100]
        return self._one(exact, kind, typed)

    def _one(self, exact: list, kind: str, typed: str) -> str:
        named = [r for r in exact if r.name.casefold() == typed.casefold()]
        if len(named) == 1 or len(exact) == 1:
            return (named or exact)[0].id
        if len(exact) > 1 and exact[0].score > exact[1].score:  # "Tb": the element, not a family
            return exact[0].id
        if exact:
            options = ", ".join(f"{r.id} ({r.name})" for r in exact)
            raise UnknownName(f"{shown(typed)!r} matches several {self._kind_words(exact)}: "
                              f"{options}; give the id", kind, typed, ambiguous=True)
        raise UnknownName(f"unknown {kind} {shown(typed)!r}", kind, typed)

    @staticmethod
    def _kind_words(results: list) -> str:
        kinds = sorted({r.kind for r in results})
        return f"{kinds[0]} entries" if len(kinds) == 1 else "entries"

    def importer(self, text: str) -> str:
        """An importer of the dependence figures: a country (ISO3), or "EU" for the European
        Union ("EU", "European Union", "EU-27" and the EU-27 group's names)."""
        typed = (text or "").strip()
        if typed.upper() in IMPORTER_BODIES:
            return IMPORTER_BODIES[typed.upper()]
        try:
            group = self.id_of("group", typed)
        except UnknownName:
            group = ""
        if group in IMPORTER_BODIES.values() or group == "eu27":
            return "EU"
        return self.id_of("country", typed)

    # -- bloc expressions ---------------------------------------------------------------------
    def bloc(self, text: str) -> str:
        """A bloc expression with names turned into ids: "G7 + Australia" → "g7+AUS".

        Parts already written as ids, ISO3 codes or ``id:role`` filters pass through unchanged;
        the bloc parser (``desktop.analysis.blocs``) judges what is left.
        """
        if not text or len(text) > MAX_BLOC_TEXT:
            return text
        parts = []
        for part in text.split("+"):
            bare = part.strip()
            parts.append(bare if not bare or self._known_part(bare) else self._bloc_part(bare))
        return "+".join(parts)

    def _known_part(self, part: str) -> bool:
        if ":" in part:
            return True
        if "," in part:  # "g7,AUS" (the parser also splits on commas)
            return all(self._known_part(p.strip()) for p in part.split(",") if p.strip())
        return (self.repo.is_country(part.upper()) or self.repo.group(part.lower()) is not None
                or self.repo.initiative(part.lower()) is not None)

    def _bloc_part(self, part: str) -> str:
        exact = [r for r in self.lookup.search(part, limit=10, kinds=BLOC_PART_KINDS)
                 if r.score >= 100]
        try:
            return self._one(exact, "group, initiative or country", part)
        except UnknownName:
            if exact:
                raise
        groups = ", ".join(ident for ident, _name in self.repo.groups())
        raise UnknownName(f"unknown group, initiative or country {shown(part)!r} (groups: "
                          f"{groups}; initiatives by id or name, e.g. msp, forge, pax-silica)",
                          "bloc", part)
