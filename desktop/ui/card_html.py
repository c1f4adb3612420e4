"""Rendering a card dictionary (from ``CardService``) as HTML for the card view.

Every entity name is a ``briefdesk://kind/id`` link and every table names its source under it. All
text is escaped: the data is curated, but escaping is cheaper than trusting.
"""

from __future__ import annotations

from html import escape

STAGE_TITLES = {"mine_production": "Mine production", "refinery_production": "Refinery production",
                "smelter_production": "Smelter production", "metal_production": "Metal production",
                "production": "Production", "capacity": "Capacity", "reserves": "Reserves",
                "import_source_share": "Share of US imports", "processing_share": "Processing share",
                "net_import_reliance": "US net import reliance"}


def link(kind: str, ident: str, text: str) -> str:
    return f'<a href="briefdesk://{escape(kind)}/{escape(ident)}">{escape(text)}</a>'


def _source_line(source: dict | None) -> str:
    if not source:
        return ""
    url = escape(source.get("url") or "")
    edition = f", {escape(source['edition'])}" if source.get("edition") else ""
    anchor = f' — <a href="{url}">{url}</a>' if url else ""
    return (f'<p style="color:gray;font-size:small">Source: {escape(source["publisher"])}, '
            f'{escape(source["title"])}{edition}{anchor}</p>')


def _pct(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f} %"


def _rank(role: dict) -> str:
    return f"#{role['rank']} of {role['of']}" if role.get("rank") else ""


def _country_cell(code: str, name: str, is_country: bool) -> str:
    """A link for countries; bodies and aggregates stay plain text."""
    return link("country", code, name) if is_country else escape(name)


def _events(events: list[dict], title: str) -> str:
    if not events:
        return ""
    rows = "".join(
        f"<tr><td>{escape(e['date'])}</td><td>{escape(e['kind'])}</td>"
        f"<td>{link('event', e['id'], e['title'])}"
        f"{' — ' + escape(e['document_number']) if e.get('document_number') else ''}</td></tr>"
        for e in events)
    return f"<h3>{escape(title)}</h3><table cellpadding=3>{rows}</table>"


def _sources(sources: list[dict]) -> str:
    if not sources:
        return ""
    items = "".join(f"<li>{escape(s['publisher'])}, <i>{escape(s['title'])}</i>"
                    f"{', ' + escape(s['edition']) if s.get('edition') else ''} "
                    f"<a href=\"{escape(s['url'])}\">{escape(s['url'])}</a></li>"
                    for s in sources)
    return f"<h3>Sources</h3><ol style='font-size:small'>{items}</ol>"


def country_html(card: dict) -> str:
    parts = [f"<h1>{escape(card['name'])}</h1>",
             f"<p>{escape(card['official_name'])} · ISO {escape(card['iso2'])} / "
             f"{escape(card['iso3'])} / {escape(card['numeric'])} · {escape(card['region'])}, "
             f"{escape(card['subregion'])}</p>"]
    if card["memberships"]:
        rows = "".join(f"<tr><td>{link(m['kind'], m['id'], m['container'])}</td>"
                       f"<td>{escape(m['role'])}</td><td>{escape(m['joined'] or '')}</td>"
                       f"<td>{escape(m['left'] or '')}</td></tr>" for m in card["memberships"])
        parts.append("<h3>Groups and initiatives</h3><table cellpadding=3><tr><th>Name</th>"
                     f"<th>Role</th><th>Joined</th><th>Left</th></tr>{rows}</table>")
    if card["mineral_roles"]:
        rows = "".join(
            f"<tr><td>{link('mineral', r['mineral'], r['mineral_name'])}</td>"
            f"<td>{escape(STAGE_TITLES.get(r['metric'], r['metric']))}"
            f"{': ' + escape(r['product']) if r['product'] else ''}</td>"
            f"<td>{r['year']}</td><td align=right>{escape(r['value_text'])}"
            f"{'e' if r['estimated'] else ''} {escape(r['unit'])}</td>"
            f"<td align=right>{_pct(r.get('share'))}</td>"
            f"<td>{_rank(r)}</td></tr>"
            for r in card["mineral_roles"])
        parts.append("<h3>Role in each mineral</h3><table cellpadding=3><tr><th>Mineral</th>"
                     "<th>Measure</th><th>Year</th><th>Value</th><th>Share</th><th>Rank</th>"
                     f"</tr>{rows}</table>")
    parts.append(_events(card["export_controls"], "Export controls imposed or targeted"))
    parts.append(_events(card["events"], "Related events"))
    parts.append(_sources(card["sources"]))
    return "".join(parts)


def mineral_html(card: dict) -> str:
    flags = [name for key, name in (("us_critical_2025", "US critical 2025"),
                                    ("eu_critical_2024", "EU critical"),
                                    ("eu_strategic_2024", "EU strategic")) if card.get(key)]
    parts = [f"<h1>{escape(card['name'])}</h1>",
             f"<p><b>{escape(' · '.join(flags))}</b> · {escape(card['family'])} · "
             f"{escape(', '.join(card['symbols']))}</p>",
             f"<p>{escape(card['description'])}</p>"]
    if card["uses"]:
        parts.append(f"<p><b>Uses:</b> {escape('; '.join(card['uses']))}</p>")
    for stage in card["stages"]:
        title = f"{STAGE_TITLES.get(stage['metric'], stage['metric'])} {stage['product']}".strip()
        rows = "".join(
            f"<tr><td>{s['rank']}</td><td>{link('country', s['country'], s['name'])}</td>"
            f"<td align=right>{escape(s['value_text'])}{'e' if s['estimated'] else ''}</td>"
            f"<td align=right>{_pct(s['share'])}</td></tr>" for s in stage["top"])
        world = stage["world"]["value_text"] if stage["world"] else "n/a"
        parts.append(
            f"<h3>{escape(title)}, {stage['year']} ({escape(stage['unit'])})</h3>"
            f"<p>World: {escape(world)} · top-1 {_pct(stage['top1']['share'])} · top-3 "
            f"{_pct(stage['top3_share'])} · HHI {stage['hhi']:.0f} · shares of the "
            f"{escape(stage['denominator'])}</p><table cellpadding=3>{rows}</table>"
            + _source_line(stage["source"]))
    if card["processing_shares"]:
        rows = "".join(f"<tr><td>{escape(p['stage'])} {escape(p['product'])}</td>"
                       f"<td>{_country_cell(p['country'], p['name'], p['is_country'])}</td>"
                       f"<td>{p['year']}</td><td align=right>{escape(p['value_text'])}</td></tr>"
                       for p in card["processing_shares"])
        parts.append(f"<h3>Processing and refining shares</h3><table cellpadding=3>{rows}</table>")
    if card["net_import_reliance"]:
        rows = "".join(f"<tr><td>{r['year']}</td><td>{escape(r['product'])}</td>"
                       f"<td align=right>{escape(r['value_text'])}{'e' if r['estimated'] else ''}"
                       f"</td></tr>" for r in card["net_import_reliance"])
        parts.append("<h3>US net import reliance (% of apparent consumption)</h3>"
                     f"<table cellpadding=3>{rows}</table>"
                     + _source_line(card["net_import_reliance"][0]["source"]))
    parts.append(_events(card["export_controls"], "Export controls"))
    parts.append(_sources(card["sources"]))
    return "".join(parts)


def generic_html(card: dict) -> str:
    title = card.get("name") or card.get("title") or card["id"]
    parts = [f"<h1>{escape(title)}</h1>"]
    for key in ("short_name", "kind", "launched", "status", "date", "announced", "effective",
                "actor_name", "lead_name", "document_number", "items", "founded"):
        if card.get(key):
            parts.append(f"<p><b>{escape(key.replace('_', ' '))}:</b> {escape(str(card[key]))}</p>")
    for key in ("summary", "description"):
        if card.get(key):
            parts.append(f"<p>{escape(card[key])}</p>")
    if card.get("members"):
        rows = "".join(
            f"<tr><td>{_country_cell(m['country'], m['name'], m['member_kind'] == 'country')}</td>"
            f"<td>{escape(m['role'])}</td><td>{escape(m['joined'] or '')}</td>"
            f"<td>{escape(m['left'] or '')}</td></tr>" for m in card["members"])
        parts.append("<h3>Members</h3><table cellpadding=3><tr><th>Member</th><th>Role</th>"
                     f"<th>Joined</th><th>Left</th></tr>{rows}</table>")
    for mineral in card.get("minerals", []):
        parts.append(f"<span>{link('mineral', mineral, mineral)} </span>")
    parts.append(_events(card.get("events", []), "Related events"))
    for claim in card.get("claims", []):
        parts.append(f"<p style='color:gray'>Other account — {escape(claim['field'])}: "
                     f"{escape(claim['value'])} ({escape(claim['note'])})</p>")
    sources = card.get("sources") or ([card["source"]] if card.get("source") else [])
    parts.append(_sources(sources))
    return "".join(parts)


def card_to_html(card: dict) -> str:
    renderers = {"country": country_html, "mineral": mineral_html}
    return renderers.get(card["kind"], generic_html)(card)
