"""The market tables of the reference DB: price floors set by policy, and partners' published
import dependence (described in the schema docstring of ``db/build.py``, with the rest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from db.tables import read_optional, split_list

SOURCE_FK = ("source_id", "sources", "id")

PRICE_FLOOR_COLUMNS = {
    "id": str, "actor": str, "kind": str, "mineral_id": str, "product": str,
    "market_product": str, "value": float, "value_text": str, "unit": str, "announced": str,
    "effective": str, "until": str, "terms": str, "event_id": str, "note": str,
}
DEPENDENCE_COLUMNS = {
    "id": int, "importer": str, "mineral_id": str, "product": str, "supplier": str,
    "share": float, "share_text": str, "basis": str, "year": int, "period": str,
    "source_id": str, "note": str,
}


def build_markets(db, sources_dir: Path, insert: Callable[..., None]) -> None:
    floors = sorted(read_optional(sources_dir, "price_floors.csv"), key=lambda r: r["id"])
    insert(db, "price_floors", [_floor(row) for row in floors], pk="id",
           foreign_keys=[("mineral_id", "minerals", "id"), ("event_id", "events", "id")],
           columns=PRICE_FLOOR_COLUMNS)
    insert(db, "price_floor_sources",
           [{"floor_id": row["id"], "source_id": source, "position": position}
            for row in floors
            for position, source in enumerate(split_list(row["source_ids"]), start=1)],
           pk=("floor_id", "source_id"),
           foreign_keys=[("floor_id", "price_floors", "id"), SOURCE_FK],
           columns={"floor_id": str, "source_id": str, "position": int})
    shares = read_optional(sources_dir, "import_dependence.csv")
    insert(db, "import_dependence",
           [_share(number, row) for number, row in enumerate(shares, start=1)], pk="id",
           foreign_keys=[("mineral_id", "minerals", "id"), SOURCE_FK],
           columns=DEPENDENCE_COLUMNS)
    checks = read_optional(sources_dir, "dependence_checks.csv")
    insert(db, "dependence_checks", checks, pk="importer",
           columns={"importer": str, "checked": str, "note": str})
    db["import_dependence"].create_index(["importer"])
    db["import_dependence"].create_index(["mineral_id"])


def _floor(row: dict) -> dict:
    out = {key: row.get(key, "") for key in PRICE_FLOOR_COLUMNS if key not in ("mineral_id",
                                                                              "value")}
    out["mineral_id"] = row["mineral"] or None  # a proposal may cover every critical mineral
    out["value"] = float(row["value"]) if row.get("value") else None
    out["event_id"] = row.get("event_id") or None
    return out


def _share(number: int, row: dict) -> dict:
    return {"id": number, "importer": row["importer"], "mineral_id": row["mineral"],
            "product": row.get("product", ""), "supplier": row["supplier"],
            "share": float(row["share"]), "share_text": row["share_text"],
            "basis": row["basis"], "year": int(row["year"]) if row.get("year") else None,
            "period": row.get("period", ""),
            "source_id": row["source_id"], "note": row.get("note", "")}
