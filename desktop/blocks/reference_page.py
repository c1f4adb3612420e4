"""The data-block reference (docs/blocks.md), written from the registry of kinds so the page can
never describe a key the resolver does not take. ``make docs`` rewrites it; a test checks that
the committed page is what this module writes.

``python -m desktop.blocks.reference_page > docs/blocks.md``
"""

from __future__ import annotations

from desktop.blocks.registry import KINDS, STAMP_KEYS, TYPES, BlockKind, Key
from desktop.domain.metrics import BY_ID

INTRO = """\
# Data blocks: the reference

A data block is a fenced block whose info string is `brief`, holding `key: value` lines. It stays
readable as plain Markdown and fills itself from the reference data when the memo is previewed or
exported, bringing its sources into the memo's numbered source list:

````markdown
```brief
kind: production-table
mineral: rare-earths
year: 2025
```
````

Fences of backticks or tildes (three or more, indented by at most three spaces) both work, and
`brief` may be written in any case. Names are accepted wherever ids are: `country: 中国`,
`country: China` and `country: CHN` are the same block; so are `mineral: Li` and `mineral: lithium`,
and `group: G7 + Australia` and `group: g7+AUS`. A key a kind does not take is an error that names
the closest key it does take (`yaer` → `year`), shown as a box in the preview and the PDF — never a
silently ignored line.

"Add to memo" and the block picker also write {stamps}: what the block showed when it was
inserted, so a later data pack that changes its values is flagged in the editor.

Every kind also takes two layout keys, read by the PDF and Word export. In a memo of `style:
compact` (the default) a block prints its table or chart, its title with the source marks and the
short note a reader must see; how the figures are worked out goes to a numbered Method section at
the end, and a bloc's membership sources are not cited. `style: full` prints all of it under the
block. `notes: inline | end | none` moves one block's method note under it, to the end, or leaves
it out; `sources: all | data | none` cites the membership sources too, the data's only, or none.

This page is written from `desktop/blocks/registry.py` (`make docs`).
"""


def _key_row(key: Key) -> str:
    what = TYPES[key.type]
    if key.type == "metric":
        what = "one of " + ", ".join(f"`{m}`" for m in key.choices)
    elif key.type == "stage":
        what = "one of " + ", ".join(f"`{s}`" for s in key.choices)
    elif key.type in ("year", "int") and key.low is not None:
        what = f"{what}, {key.low}–{key.high}"
    if key.required:
        default = "required"
    elif key.default in (None, ""):
        default = "—"
    else:
        default = f"`{key.default}`"
    help_text = f" {key.help[0].upper()}{key.help[1:]}." if key.help else ""
    if key.type == "metric" and key.default:
        help_text = f" {BY_ID[str(key.default)].label} unless given."
    return f"| `{key.name}` | {what}.{help_text} | {default} |"


def _kind_section(kind: BlockKind) -> str:
    example = "\n".join(["```brief", f"kind: {kind.id}",
                         *(f"{k}: {v}" for k, v in kind.example.items()), "```"])
    rows = "\n".join(_key_row(key) for key in kind.keys)
    return (f"## `{kind.id}` — {kind.label}\n\n{kind.summary[0].upper()}{kind.summary[1:]}.\n\n"
            f"{example}\n\n| key | value | default |\n|---|---|---|\n{rows}\n")


def kinds_markdown() -> str:
    index = "\n".join(f"| [`{k.id}`](#{k.id}--{_anchor(k.label)}) | "
                      f"{k.summary} |" for k in KINDS.values())
    return (INTRO.format(stamps=", ".join(f"`{s}`" for s in STAMP_KEYS))
            + "\n| kind | shows |\n|---|---|\n" + index + "\n\n"
            + "\n".join(_kind_section(kind) for kind in KINDS.values()))


def _anchor(label: str) -> str:
    return "-".join(label.lower().replace("(", "").replace(")", "").split())


if __name__ == "__main__":
    print(kinds_markdown(), end="")
