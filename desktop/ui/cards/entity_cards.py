"""Country, initiative, event and group cards."""

from __future__ import annotations

from html import escape

from desktop.blocks.syntax import Block
from desktop.domain.metrics import label_of
from desktop.domain.models import MEMBERSHIP_DATES
from desktop.domain.numbers import percent, unit_after, whole, with_estimate
from desktop.domain.vocabulary import HhiBand
from desktop.services.analysis_cards import BAND_NOTE
from desktop.ui.cards.base import CardPanel, code_html, link, member_link, source_html
from desktop.ui.cards.market_sections import add_import_dependence
from desktop.ui.widgets.data_table import ROW_BLOCK, Column

#: A membership's dates; a one-day meeting reads "present on …" with no end date.
DATED = (Column("since", MEMBERSHIP_DATES[0], sort_key="joined"),
         Column("until", MEMBERSHIP_DATES[1], sort_key="left"))
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "ru": "Russian",
                  "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "it": "Italian",
                  "pt": "Portuguese", "ar": "Arabic"}


def measure(metric: str, product: str) -> str:
    title = label_of(metric)
    return f"{title}: {product}" if product else title


class CountryCard(CardPanel):
    kind = "country"

    def build(self, card: dict) -> None:
        codes = f"ISO {card['iso2']} · {card['iso3']} · {card['numeric']}"
        place = ", ".join(p for p in (card["region"], card["subregion"]) if p)
        subtitle = " · ".join(escape(p) for p in (card["official_name"], codes, place) if p)
        # The card's memo block lists memberships; with none it would insert only an error.
        self.add_header(card["name"], subtitle,
                        Block("memberships", {"country": card["iso3"]}),
                        unavailable="" if card["memberships"] else
                        f"Nothing to insert: {card['name']} belongs to no group or initiative "
                        "in the reference database")
        self.add_table("Groups and initiatives", [
            Column("container", "Name", link_kind_key="kind", link_key="id"),
            Column("kind", "Kind"), Column("role", "Role"), *DATED],
            card["memberships"],
            block=Block("memberships", {"country": card["iso3"]}))
        names = card.get("names", {})
        english = {n.casefold() for n in [card["name"], *names.get("en", [])]}
        # a language whose only names are the English ones (no translation held) adds nothing
        own = {lang: [v for v in values if v.casefold() not in english]
               for lang, values in names.items() if lang in LANGUAGE_NAMES and lang != "en"}
        shown = [f"<b>{LANGUAGE_NAMES.get(lang, lang)}</b>: {escape(', '.join(values[:3]))}"
                 for lang, values in own.items() if values]
        if shown:
            self.add_text("<b>Names:</b> " + " · ".join(shown), small=True, later=True)

        roles = [{"mineral_name": r["mineral_name"], "mineral": r["mineral"],
                  "measure": measure(r["metric"], r["product"]), "year": r["year"],
                  "value": with_estimate(r["value_text"], r["estimated"]),
                  "value_sort": r.get("value"), "unit": unit_after(r["value_text"], r["unit"]),
                  "share": percent(r.get("share")), "share_sort": r.get("share"),
                  "rank": f"{r['rank']} of {r['of']}" if r.get("rank") else "",
                  "rank_sort": r.get("rank"), "source": r["source"]["title"]}
                 for r in card["mineral_roles"]]
        self.add_table(f"{card['name']} in each mineral (latest year)", [
            Column("mineral_name", "Mineral", link_kind="mineral", link_key="mineral"),
            Column("share", "Share", numeric=True, sort_key="share_sort"),
            Column("rank", "Rank", numeric=True, sort_key="rank_sort"),
            Column("measure", "Measure"), Column("year", "Year", numeric=True),
            Column("value", "Value", numeric=True, sort_key="value_sort"), Column("unit", "Unit"),
            Column("source", "Source")], roles,
            source="Shares of the world total (of the listed countries where USGS prints only a "
                   "rounded or lower-bound total; none where it prints no total at all); "
                   "processing and US-import shares as published. e = estimate.")
        _add_weights(self, card)
        add_import_dependence(self, card.get("import_dependence"))
        if not (card["memberships"] or card["mineral_roles"] or card["events"]):
            self.add_text(f"The reference database holds no group memberships, mineral figures "
                          f"or policy events for {escape(card['name'])}.", small=True)
        self.add_events("Export controls imposed or targeted", card["export_controls"])
        # Export controls are also events; listing them twice only lengthens the card.
        controls = {e["id"] for e in card["export_controls"]}
        self.add_events("Related events", [e for e in card["events"] if e["id"] not in controls])
        if card["sources"]:
            self.add_sources(card["sources"])
        else:  # say why there is no source list rather than leave the reader to wonder
            self.add_section("Sources")
            self.add_text(_missing_sources(card), small=True)


def _missing_sources(card: dict) -> str:
    """The note a country card shows in place of a source list it does not have."""
    name = escape(card["name"])
    if card["events"] or card["export_controls"]:
        return (f"The reference database holds no sourced figures or memberships for {name}; "
                "each event above cites its sources on its own card.")
    return (f"Nothing on this card cites a source: the reference database holds only the names "
            f"and codes of {name}.")


class InitiativeCard(CardPanel):
    kind = "initiative"

    def build(self, card: dict) -> None:
        lead = code_html(card, "lead")
        facts = [f"<b>{escape(card['initiative_kind'])}</b>",
                 f"launched {escape(card['launched'])}",
                 f"status: {escape(card['status'])}"
                 + (f" ({escape(card['status_date'])})" if card.get("status_date") else ""),
                 f"lead: {lead}"]
        if card.get("successor_of"):
            facts.append("successor of " + link("initiative", card["successor_of"],
                                                card["successor_of_name"]))
        for successor in card.get("succeeded_by", []):
            facts.append("succeeded by " + link("initiative", successor["id"], successor["name"]))
        self.add_header(card["name"], " · ".join(facts),
                        Block("members", {"initiative": card["id"]}))
        self.add_text(escape(card["summary"]))
        if card["instruments"]:
            self.add_text("<b>Instruments:</b> " + escape(", ".join(
                i.replace("-", " ") for i in card["instruments"])))
        if card["minerals"]:
            self.add_text("<b>Minerals:</b> " + ", ".join(
                link("mineral", m, n) for m, n in zip(card["minerals"], card["mineral_names"],
                                                      strict=False)))
        rows = [dict(m, **member_link(m)) for m in card["members"]]
        self.add_table("Members and partners", [
            Column("name", "Member", link_kind_key="member_link_kind", link_key="member_link"),
            Column("role", "Role"), *DATED,
            Column("note", "Note")], rows, block=Block("members", {"initiative": card["id"]}))
        self.add_events("Related events", card["events"])
        _add_claims(self, card.get("claims", []))
        self.add_sources(card["sources"])


class EventCard(CardPanel):
    kind = "event"

    def build(self, card: dict) -> None:
        dates = [f"<b>{escape(card['date'])}</b>"]
        if card["announced"]:
            dates.append(f"announced {escape(card['announced'])}")
        if card["effective"]:
            dates.append(f"effective {escape(card['effective'])}")
        actor = code_html(card, "actor")
        self.add_header(card["title"], " · ".join([*dates, escape(card["kind_label"]), actor]),
                        Block("timeline", {"event": card["id"]}))
        if card.get("status"):
            warning = " ⚠" if card["status_overdue"] else ""
            self.add_text(f"<b>Status on {escape(card['as_of'])}:{warning}</b> "
                          f"{escape(card['status_label'])} — {escape(card['status_note'])}")
        if card["document_number"]:
            self.add_text(f"<b>Document:</b> {escape(card['document_number'])}")
        if card["summary"]:
            self.add_text(escape(card["summary"]))
        if card["items"]:
            self.add_text(f"<b>Items:</b> {escape(card['items'])}")
        if card["minerals"]:
            self.add_text("<b>Minerals:</b> " + ", ".join(
                link("mineral", m, n) for m, n in zip(card["minerals"], card["mineral_names"],
                                                      strict=False)))
        if card["targets"]:
            self.add_text("<b>Targets:</b> " + ", ".join(
                link("country", t, n) for t, n in zip(card["targets"], card["target_names"],
                                                      strict=False)))
        if card["initiatives"]:
            self.add_text("<b>Part of:</b> " + ", ".join(
                link("initiative", i, n) for i, n in zip(card["initiatives"],
                                                         card["initiative_names"], strict=False)))
        if card.get("status_history"):
            self.add_table("Status changes", [
                Column("date", "Date"), Column("change", "Change"), Column("until", "Until"),
                Column("note", "Note"), Column("source", "Source")],
                [dict(c, source=(c["source"] or {}).get("title", ""))
                 for c in card["status_history"]])
        _add_claims(self, card.get("claims", []))
        self.add_sources(card["sources"])
        if card.get("sourcing"):
            self.add_text(f"<i>Sourcing:</i> {escape(card['sourcing'])}", small=True)


class GroupCard(CardPanel):
    kind = "group"

    def build(self, card: dict) -> None:
        self.add_header(card["name"], " · ".join(escape(p) for p in (
            card["short_name"], card["group_kind"], f"founded {card['founded']}") if p),
            Block("members", {"group": card["id"]}))
        self.add_text(escape(card["description"]))
        rows = [dict(m, **member_link(m)) for m in card["members"]]
        self.add_table("Members", [
            Column("name", "Member", link_kind_key="member_link_kind", link_key="member_link"),
            Column("role", "Role"), *DATED,
            Column("note", "Note")], rows, source=source_html(card.get("source")))
        add_import_dependence(self, card.get("import_dependence"))
        _add_claims(self, card.get("claims", []))


def _add_weights(panel: CardPanel, card: dict) -> None:
    """The country's weight in each stage and what would go offline without it."""
    weights = card.get("weights") or []
    if not weights:
        return
    rows = [{"mineral_name": w["mineral_name"], "mineral": w["mineral"],
             "stage": w["stage_label"], "year": w["year"],
             "share": percent(w["share"]), "share_sort": w["share"],
             "rank": f"{w['rank']} of {w['of']}", "rank_sort": w["rank"],
             "offline": percent(w["offline_share"]), "offline_sort": w["offline_share"],
             "hhi": f"{whole(w['hhi_before'])} → " + (
                 "—" if w["hhi_after"] is None else "?" if w["band_after_id"] == HhiBand.UNDETERMINED.ident
                 else whole(w["hhi_after"])),
             "hhi_sort": -w["hhi_before"] if w["hhi_after"] is None
             else w["hhi_after"] - w["hhi_before"], "band": w["band_after"],
             ROW_BLOCK: _stress_block(w, card["iso3"])}
            for w in weights]
    first = weights[0]
    panel.add_table(f"If {card['name']} stopped supplying (stress test)", [
        Column("mineral_name", "Mineral", link_kind="mineral", link_key="mineral"),
        Column("stage", "Stage"), Column("year", "Year", numeric=True),
        Column("share", "World share", numeric=True, sort_key="share_sort"),
        Column("rank", "Rank", numeric=True, sort_key="rank_sort"),
        Column("offline", "Offline", numeric=True, sort_key="offline_sort"),
        Column("hhi", "HHI before → after", numeric=True, sort_key="hhi_sort"),
        Column("band", "Band after")], rows,
        source="Its named output leaves the world total; the other suppliers' shares are "
               "recomputed on what remains ('Other countries' stays in). "
               + escape(BAND_NOTE, quote=False),
        block=_stress_block(first, card["iso3"]))


def _stress_block(weight: dict, iso3: str) -> Block:
    """The memo block of one row: this mineral and stage, with the country removed."""
    params = {"mineral": weight["mineral"], "remove": iso3, "metric": weight["metric"]}
    if weight.get("product"):
        params["product"] = weight["product"]
    return Block("stress", params | {"year": str(weight["year"])})


def _add_claims(panel: CardPanel, claims: list[dict]) -> None:
    if not claims:
        return
    panel.add_section("Where sources disagree")
    for claim in claims:
        panel.add_text(f"<b>{escape(claim['field'])}</b>: {escape(claim['value'])} — "
                       f"{escape(claim['note'])}<br>{source_html(claim.get('source'))}", small=True)
