"""Rows of the lookup index: every name, code and alias of every entity, with a weight.

Weights order equally good matches: a country's or mineral's own name outranks an alias, an alias
outranks an event title. The lookup adds its own match-quality score on top.

Element symbols are weighed by what they name. "Tb" is terbium's own symbol, but it is also listed
among the symbols of rare earths and heavy rare earths, and "Al" is listed for alumina and bauxite as
well as for aluminum. The element itself keeps the full symbol weight; a single-element compound or
ore (alumina, bauxite, titanium dioxide) and a family listing several symbols (rare earths,
platinum-group metals) weigh one less, so an exact symbol ranks the element first and its compounds
and families next. They still outrank a country code typed in the wrong case ("Tm" before
Turkmenistan's "TM"), which the lookup's exact-case bonus decides.

Curated group aliases (``group_aliases.csv``) weigh as the group's own name: "EU" is what people
call the European Union. Typed "EU" or "eu" it ranks first; typed "Eu", in the case of a symbol,
europium does (its symbol weight plus the exact-case bonus).
"""

from __future__ import annotations

import re
import sqlite3

from db.tables import split_list
from desktop.domain.text import fold

WEIGHTS = {"name": 10, "code": 9, "symbol": 9, "compound_symbol": 8, "family_symbol": 8,
           "id": 8, "short_name": 9, "iso_name": 8, "official": 7, "translation": 5, "alias": 7,
           "usgs": 7, "abbreviation": 8, "current": 8, "former": 6, "short": 7, "everyday": 7,
           "document": 8, "title": 4, "name_word": 6}

#: Index kinds of the curated group aliases (``group_aliases.csv``): the abbreviation and the name
#: a group is commonly called by ("EU", "European Union") both weigh as its own name.
GROUP_ALIAS_KINDS = {"abbreviation": "name", "name": "name"}

#: Element symbol -> English element names (IUPAC spelling, and the US one where it differs).
ELEMENTS: dict[str, tuple[str, ...]] = {
    symbol: tuple(names.split("/")) for symbol, names in (pair.split(":") for pair in """
    H:hydrogen He:helium Li:lithium Be:beryllium B:boron C:carbon N:nitrogen O:oxygen F:fluorine
    Ne:neon Na:sodium Mg:magnesium Al:aluminium/aluminum Si:silicon P:phosphorus S:sulfur/sulphur
    Cl:chlorine Ar:argon K:potassium Ca:calcium Sc:scandium Ti:titanium V:vanadium Cr:chromium
    Mn:manganese Fe:iron Co:cobalt Ni:nickel Cu:copper Zn:zinc Ga:gallium Ge:germanium As:arsenic
    Se:selenium Br:bromine Kr:krypton Rb:rubidium Sr:strontium Y:yttrium Zr:zirconium Nb:niobium
    Mo:molybdenum Tc:technetium Ru:ruthenium Rh:rhodium Pd:palladium Ag:silver Cd:cadmium
    In:indium Sn:tin Sb:antimony Te:tellurium I:iodine Xe:xenon Cs:caesium/cesium Ba:barium
    La:lanthanum Ce:cerium Pr:praseodymium Nd:neodymium Pm:promethium Sm:samarium Eu:europium
    Gd:gadolinium Tb:terbium Dy:dysprosium Ho:holmium Er:erbium Tm:thulium Yb:ytterbium
    Lu:lutetium Hf:hafnium Ta:tantalum W:tungsten/wolfram Re:rhenium Os:osmium Ir:iridium
    Pt:platinum Au:gold Hg:mercury Tl:thallium Pb:lead Bi:bismuth Po:polonium At:astatine
    Rn:radon Fr:francium Ra:radium Ac:actinium Th:thorium Pa:protactinium U:uranium
    Np:neptunium Pu:plutonium
    """.split())}

#: "Announcements No. 55 and No. 56 of 2025" names two documents, each searched on its own.
_JOINT_NUMBERS = re.compile(r"^(?P<head>.*\bAnnouncement)s (?P<numbers>No\. \d+(?:(?:,| and|, and) "
                            r"No\. \d+)+)(?P<tail> of \d{4}.*)$")


def symbol_kind(symbol: str, symbols: list[str], folded_names: set[str]) -> str:
    """How a mineral's symbol is indexed: the element itself, a compound or ore, or a family."""
    if len(symbols) > 1:
        return "family_symbol"
    names = ELEMENTS.get(symbol)
    if names is None or any(name in folded_names for name in names):
        return "symbol"  # unknown symbols are taken at their word
    return "compound_symbol"


def document_names(document_number: str) -> list[str]:
    """The searchable forms of an event's document number(s).

    Each ``;``-separated document is indexed whole ("MOFCOM/GACC Announcement No. 70 of 2025") and,
    when it opens with the issuing bodies, also without them ("Announcement No. 70 of 2025"), so
    that typing the number the way news reports quote it is a prefix match. A joint entry
    ("Announcements No. 55 and No. 56 of 2025") is split into one document per number.
    """
    out: list[str] = []
    for document in split_list(document_number):
        joint = _JOINT_NUMBERS.match(document)
        parts = ([f"{joint['head']} {number}{joint['tail']}"
                  for number in re.findall(r"No\. \d+", joint["numbers"])] if joint else [])
        for part in [document, *parts]:
            out.append(part)
            head, _, rest = part.partition(" ")
            if rest and head.isupper() and rest[:1].isalpha():
                out.append(rest)  # "MOFCOM/GACC Announcement …" -> "Announcement …"
    return out


NOT_A_NAME = frozenset({"and", "the", "of", "island", "islands", "republic", "state", "states"})


def later_words(display: str) -> list[str]:
    """What a name is also typed from: "North Korea" from "Korea", "Papua New Guinea" from
    "New Guinea" or "Guinea" — so "ko" ranks the Koreas above foreign spellings of other
    countries ("Kongo", "Koweït") that merely begin with the same letters."""
    words = display.replace(",", " ").split()
    return [" ".join(words[i:]) for i in range(1, len(words))
            if len(words[i]) >= 3 and words[i].casefold() not in NOT_A_NAME]


def search_rows(conn: sqlite3.Connection) -> list[dict]:
    rows: list[dict] = []
    seen: dict[tuple[str, str, str], dict] = {}

    def add(kind: str, entity_id: str, display: str, name: str, name_kind: str) -> None:
        """One row per entity and folded name, with the weight of its strongest kind ("Guinea"
        is both the English name and several translations: it weighs as the name)."""
        key = fold(name)
        if not key:
            return
        weight = WEIGHTS.get(name_kind, 5)
        row = seen.get((kind, entity_id, key))
        if row is not None:
            if weight > row["weight"]:
                row.update(name=name, weight=weight)
            return
        row = {"kind": kind, "entity_id": entity_id, "display": display, "name": name,
               "folded": key, "weight": weight}
        seen[(kind, entity_id, key)] = row
        rows.append(row)

    countries = dict(conn.execute("SELECT iso3, name FROM countries ORDER BY iso3"))
    for iso3, name, kind in conn.execute(
            "SELECT iso3, name, kind FROM country_names ORDER BY iso3, folded"):
        add("country", iso3, countries[iso3], name, kind)
    for iso3, display in countries.items():
        for tail in later_words(display):
            add("country", iso3, display, tail, "name_word")
    minerals = {ident: (name, split_list(symbols)) for ident, name, symbols in conn.execute(
        "SELECT id, name, symbols FROM minerals ORDER BY id")}
    mineral_names: dict[str, list[tuple[str, str, str]]] = {}
    for mineral_id, name, folded, kind in conn.execute(
            "SELECT mineral_id, name, folded, kind FROM mineral_names ORDER BY mineral_id, folded"):
        mineral_names.setdefault(mineral_id, []).append((name, folded, kind))
    for mineral_id, names in mineral_names.items():
        display, symbols = minerals[mineral_id]
        folded_names = {folded for _name, folded, _kind in names}
        for name, _folded, kind in names:
            if kind == "symbol":
                kind = symbol_kind(name, symbols, folded_names)
            add("mineral", mineral_id, display, name, kind)
    for ident, name, short in conn.execute(
            "SELECT id, name, short_name FROM initiatives ORDER BY id"):
        add("initiative", ident, name, name, "name")
        if short:
            add("initiative", ident, name, short, "short_name")
        add("initiative", ident, name, ident, "id")
    aliases: dict[str, list[tuple[str, str]]] = {}
    for group_id, name, kind in conn.execute(
            "SELECT group_id, name, kind FROM group_names ORDER BY group_id, folded"):
        aliases.setdefault(group_id, []).append((name, kind))
    for ident, name, short in conn.execute("SELECT id, name, short_name FROM groups ORDER BY id"):
        add("group", ident, name, name, "name")
        add("group", ident, name, short or ident, "short_name")
        for alias, kind in aliases.get(ident, []):
            add("group", ident, name, alias, GROUP_ALIAS_KINDS.get(kind, kind))
    for ident, title, document_number in conn.execute(
            "SELECT id, title, document_number FROM events ORDER BY id"):
        add("event", ident, title, title, "title")
        for document in document_names(document_number or ""):
            add("event", ident, title, document, "document")
    return rows
