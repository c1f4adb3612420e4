"""Blocs of countries: who belongs on a date, and what share of a stage's supply they hold.

A bloc is written as a small expression: group or initiative ids and ISO3 codes joined by ``+``,
e.g. ``g7``, ``g7+g7-finance-washington-2026`` (the G7 and the partners invited to Washington),
``msp+AUS``; ``id:role|role`` keeps only members in those roles, e.g.
``pax-silica:founding-member|signatory`` for the signatories alone.

Membership is taken as of a date: a member counts from its joining date (a year or year-month
counts from its first day) to its leaving date, the last day it was in (a year or year-month to
its last day); one-day meetings count everyone who took part. A body that speaks for its member
states (the European Union or Commission) is counted as the EU-27 member states on that date, and
the result says so. Observers are not members.

Coverage counts only the named figures of members: "Other countries" is never credited to a bloc,
so a bloc share is a lower bound.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from desktop.analysis.concentration import share_json
from desktop.analysis.shares import SeriesShares, Share, unmeasured_text
from desktop.domain.models import Figure, Membership, Source
from desktop.domain.numbers import NEGLIGIBLE, SYMBOLS, percent

RIVAL = "CHN"
MAX_SPEC = 2000  # room for every ISO 3166 country as a custom bloc
EU_BODIES = {"EU": "eu27", "EC": "eu27"}
NON_MEMBER_ROLES = frozenset({"observer"})
GROUP_MEMBER_ROLES = frozenset({"founding-member", "member"})  # e.g. the EU in the G7 is not one
_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{1,79}(:[a-z][a-z-]{0,39}(\|[a-z][a-z-]{0,39})*)?$")


class BlocError(ValueError):
    """A bloc expression that cannot be resolved; the message names the bad part."""


@dataclass(frozen=True)
class Container:
    """A group or initiative as the bloc resolver needs it."""

    id: str
    name: str
    members: list[Membership]
    sources: list[Source]
    kind: str = "initiative"  # "group": only members count; "initiative": every role but observer
    launched: str = ""  # no member counts before the launch, whatever its own date says
    caveat: str = ""  # what the recorded membership leaves out, said wherever the bloc is used
    ended: str = ""  # when the initiative was superseded or concluded (members are still shown)
    ended_how: str = ""

    def counts(self, membership: Membership) -> bool:
        if self.kind == "group":
            return membership.role in GROUP_MEMBER_ROLES
        return membership.role not in NON_MEMBER_ROLES


@dataclass(frozen=True)
class Bloc:
    spec: str
    name: str
    members: frozenset[str]
    as_of: str
    notes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    parts: tuple[str, ...] = field(default=())

    def to_json(self) -> dict:
        return {"spec": self.spec, "name": self.name, "as_of": self.as_of,
                "members": sorted(self.members), "notes": list(self.notes),
                "sources": [s.brief() for s in self.sources]}


def member_on(membership: Membership, as_of: str) -> bool:
    """Was the membership in force on ``as_of`` (YYYY-MM-DD)? ``left`` is the last day in the
    group or role (the UK was in the EU on 2020-01-31; a presidency "until 2025-12-31" holds that
    day); a partial joining date counts from its first day, a partial leaving date to its last."""
    joined, left = membership.joined, membership.left
    if joined and as_of[:len(joined)] < joined:
        return False
    if left and left == joined:  # a one-day meeting: everyone who took part
        return True
    return not (left and as_of[:len(left)] > left)


def parse_spec(spec: str) -> list[str]:
    """Split ``g7+AUS`` into tokens; reject anything that is not an id or a code."""
    text = (spec or "").strip()
    if not text:
        raise BlocError("no bloc given (for example 'g7' or 'msp+AUS')")
    if len(text) > MAX_SPEC:
        raise BlocError(f"the bloc expression is longer than {MAX_SPEC} characters")
    tokens = [t.strip() for t in re.split(r"[+,]", text)]
    if not all(tokens):
        raise BlocError(f"a part of {text[:60]!r} is empty: join ids with '+', as in 'g7+AUS'")
    for token in tokens:
        if not _TOKEN.match(token):
            raise BlocError(f"{token[:40]!r} is not a group, initiative or ISO3 code")
    return tokens


def resolve_bloc(spec: str, as_of: str, container: Callable[[str], Container | None],
                 is_country: Callable[[str], bool], name_of: Callable[[str], str]) -> Bloc:
    """Resolve a bloc expression to the set of member countries on ``as_of``."""
    members: set[str] = set()
    notes: list[str] = []
    sources: dict[str, Source] = {}
    names: list[str] = []
    for token in parse_spec(spec):
        token, _, role_text = token.partition(":")
        roles = frozenset(role_text.split("|")) if role_text else None
        if is_country(token.upper()) and len(token) == 3 and roles is None:
            members.add(token.upper())
            names.append(name_of(token.upper()))
            continue
        found = container(token.lower())
        if found is None:
            raise BlocError(f"unknown group, initiative or country {token!r}")
        if roles is not None:
            unknown = roles - {m.role for m in found.members}
            if unknown:
                raise BlocError(f"{found.name} has no members in role "
                                f"{', '.join(sorted(unknown))!r}")
            found = Container(found.id, found.name, [m for m in found.members
                                                     if m.role in roles],
                              found.sources, "initiative")
        names.append(found.name + (f" ({', '.join(sorted(roles))})" if roles else ""))
        sources.update((s.id, s) for s in found.sources)
        if found.launched and as_of[:len(found.launched)] < found.launched:
            notes.append(f"{found.name} was launched on {found.launched}: no members on {as_of}")
            continue
        if found.ended and found.ended != found.launched and as_of[:len(found.ended)] >= found.ended:
            notes.append(f"{found.name} was {found.ended_how or 'ended'} on {found.ended}; "
                         "its members as last recorded are counted")
        if found.caveat:
            notes.append(f"{found.name}: {found.caveat}")
        current = [m for m in found.members if found.counts(m) and member_on(m, as_of)]
        for skipped in found.members:
            if not found.counts(skipped) and member_on(skipped, as_of):
                notes.append(f"{found.name}: {skipped.member_name} not counted "
                             f"({skipped.role}, not a member)")
        for membership in current:
            if membership.source is not None:
                sources.setdefault(membership.source.id, membership.source)
            if is_country(membership.member):
                members.add(membership.member)
                if not membership.joined:
                    notes.append(f"{membership.member_name} ({found.name}): joining date not "
                                 "published; counted as a member")
            elif membership.member in EU_BODIES:
                eu = container(EU_BODIES[membership.member])
                if eu is not None:
                    states = {m.member for m in eu.members if member_on(m, as_of)
                              and is_country(m.member)}
                    members |= states
                    sources.update((s.id, s) for s in eu.sources)
                    notes.append(f"{found.name}: the European Union is counted as its "
                                 f"{len(states)} member states on {as_of}")
        if not current:
            notes.append(f"{found.name}: no country members on {as_of}")
        elif not any(is_country(m.member) or m.member in EU_BODIES for m in current):
            notes.append(f"{found.name}: only bodies, no countries, are members")
    return Bloc(spec.strip(), " + ".join(names), frozenset(members), as_of,
                tuple(dict.fromkeys(notes)), tuple(sources.values()), tuple(names))


@dataclass(frozen=True)
class BlocCoverage:
    bloc: Bloc
    shares: SeriesShares
    members: list[Share]  # members with a named figure, largest first
    absent: list[str]  # members with no figure in this series
    rival: str = RIVAL

    @property
    def bloc_share(self) -> float:
        """Σ of the members' named shares: a lower bound (0 when none is named)."""
        return float(sum(s.share for s in self.members))

    @property
    def unmeasured(self) -> list[Figure]:
        """Members the series lists without a number (USGS "W"): their share is unknown."""
        return self.shares.unmeasured(self.bloc.members)

    @property
    def bloc_listed(self) -> bool:
        """False when no member has a named figure: the share is unknown, not zero."""
        return bool(self.members) or self._complete() and not self.unmeasured

    def bloc_text(self) -> str:
        if self.bloc_listed:
            return percent(self.bloc_share)
        return SYMBOLS["W"] if self.unmeasured else self._unnamed_text()

    def rival_text(self) -> str:
        return percent(self.rival_share) if self.rival_listed else self._unnamed_text()

    def _unnamed_text(self) -> str:
        """What can be said of a share nobody named: at most the unnamed remainder."""
        residual = self.shares.residual_share
        return f"not named (≤ {percent(residual)})" if residual >= NEGLIGIBLE else "not named"

    @property
    def rival_share(self) -> float:
        hit = next((s for s in self.shares.shares if s.country == self.rival), None)
        return 0.0 if hit is None else hit.share

    @property
    def rival_listed(self) -> bool:
        """False when the series names no figure for China (unknown, not zero)."""
        return any(s.country == self.rival for s in self.shares.shares) or (
            self._complete() and not self.shares.unmeasured([self.rival]))

    def _complete(self) -> bool:
        """Does the series account for the whole world total, so that a country it does not
        name truly holds none? Not when the total is only the sum of what happens to be listed."""
        return (self.shares.residual_share < NEGLIGIBLE
                and not self.shares.denominator_kind.is_sum_of_listed)

    @property
    def rival_in_bloc(self) -> bool:
        return self.rival in self.bloc.members

    def formula(self) -> str:
        terms = " + ".join(f"{s.name} {percent(s.share)}" for s in self.members[:8])
        if len(self.members) > 8:
            terms += f" + … ({len(self.members) - 8} more)"
        text = (f"Bloc share = Σ shares of the {len(self.bloc.members)} members on "
                f"{self.bloc.as_of} that have a named figure = {terms or 'none'} "
                f"= {self.bloc_text()}; China = {self.rival_text()}. "
                f"'Other countries' ({percent(self.shares.residual_share)}) is never credited to "
                "the bloc, so the bloc share is a lower bound.")
        if self.unmeasured:
            text += (f" Listed without a number, so not counted: "
                     f"{unmeasured_text(self.unmeasured)}.")
        if self.rival_in_bloc:
            text += " China is itself a member of this bloc."
        return text

    def to_json(self) -> dict:
        return {"bloc": self.bloc.to_json(), "bloc_share": round(self.bloc_share, 6),
                "bloc_listed": self.bloc_listed,
                "china_share": round(self.rival_share, 6),
                "china_listed": self.rival_listed, "china_in_bloc": self.rival_in_bloc,
                "residual_share": round(self.shares.residual_share, 6),
                "members": [share_json(s) for s in self.members],
                "members_without_figures": self.absent,
                "members_unmeasured": [{"country": f.country, "name": f.country_name,
                                        "value_text": f.value_text} for f in self.unmeasured],
                "formula": self.formula()}


def bloc_coverage(shares: SeriesShares, bloc: Bloc, rival: str = RIVAL) -> BlocCoverage:
    held = [s for s in shares.shares if s.country in bloc.members]
    named = {s.country for s in shares.shares} | {f.country for f in shares.unquantified}
    absent = sorted(c for c in bloc.members if c not in named)
    return BlocCoverage(bloc, shares, held, absent, rival)


def custom_bloc(codes: Iterable[str], as_of: str, name: str = "") -> Bloc:
    """A user-made bloc from ISO3 codes (validated by the caller)."""
    members = frozenset(c.strip().upper() for c in codes if c.strip())
    label = name.strip() or "Custom bloc"
    return Bloc("+".join(sorted(members)), label, members, as_of, (), (), (label,))
