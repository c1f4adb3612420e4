"""The official lists of critical minerals side by side: which card each entry stands for, and on
which lists a mineral stands — the "Lists" view, ``briefdesk lists`` and the mineral card.

The US list names single minerals; the EU's annexes also name groups ("Heavy rare earth
elements", "Platinum group metals") and grades ("Nickel — battery grade"), so an entry can stand
for several cards and carry a note on its scope.
"""

from __future__ import annotations

from desktop.domain.models import CriticalList
from desktop.reference.repository import ReferenceRepository


class ListsService:
    def __init__(self, repo: ReferenceRepository) -> None:
        self.repo = repo

    def lists(self) -> tuple[CriticalList, ...]:
        return self.repo.critical_lists

    def of_mineral(self, mineral_id: str) -> list[dict]:
        """Every entry naming the mineral (or a group it belongs to), per list."""
        out = []
        for listed in self.lists():
            for entry in listed.entries:
                if mineral_id in entry.minerals:
                    out.append({"list": listed.id, "list_name": listed.short_name,
                                "position": entry.position, "name": entry.name,
                                "note": entry.note, "source": listed.source.brief()
                                if listed.source else None})
        return out

    def crosswalk(self) -> dict:
        """One row per card on any list: the entry naming it on each list (or "")."""
        lists = self.lists()
        rows: dict[str, dict] = {}
        for listed in lists:
            for entry in listed.entries:
                for mineral in entry.minerals:
                    row = rows.setdefault(mineral, {
                        "mineral": mineral, "name": self.repo.name_of_mineral(mineral),
                        **{lst.id: "" for lst in lists}})
                    shown = entry.name if entry.position.isdigit() else \
                        f"{entry.position} {entry.name}"
                    row[listed.id] = shown + (f" ({entry.note})" if entry.note else "")
        return {"lists": [{"id": lst.id, "name": lst.name, "short_name": lst.short_name,
                           "entries": len(lst.entries), "published": lst.published,
                           "note": lst.note,
                           "source": lst.source.brief() if lst.source else None}
                          for lst in lists],
                "rows": sorted(rows.values(), key=lambda r: r["name"].casefold())}
