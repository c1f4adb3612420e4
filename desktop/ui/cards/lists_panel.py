"""The Lists view: the US 2025 list of critical minerals and the EU's critical and strategic raw
materials side by side, one row per mineral card, each cell the entry as the list prints it."""

from __future__ import annotations

from html import escape

from desktop.ui.cards.base import CardPanel
from desktop.ui.widgets.data_table import Column


class ListsPanel(CardPanel):
    kind = "lists"

    def build(self, card: dict) -> None:
        lists = card["lists"]
        self.add_header("Lists of critical minerals", " · ".join(
            f"{escape(lst['short_name'])}: {lst['entries']} entries" for lst in lists))
        self.add_text("Each row is a mineral card; each column the entry of one list that names "
                      "it, as the list prints it (a group entry names several cards, a grade "
                      "limit is shown in brackets). An empty cell: the list does not name it.",
                      small=True)
        columns = [Column("name", "Mineral", link_kind="mineral", link_key="mineral")]
        columns += [Column(lst["id"], lst["short_name"]) for lst in lists]
        self.add_table("Crosswalk", columns, card["rows"])
        self.add_sources([lst["source"] for lst in lists if lst["source"]])
