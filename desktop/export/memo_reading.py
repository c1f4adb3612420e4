"""Reading a memo's Markdown body into an element tree, for the PDF and the Word export alike.

Fenced blocks are taken out before Python-Markdown sees them (so a data block reaches the
resolver as written and a code block keeps its spaces); which fences are data blocks is decided
by ``desktop.domain.fences``, as for the editor's preview. Nesting no reader could follow is
refused in one line before parsing, seven "#" stay text, and footnotes are numbered in the order
they are first cited. ``FlowContext`` is what one memo's conversion shares.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from desktop.domain.errors import UserError
from desktop.domain.fences import Fence, find_fences
from desktop.domain.models import Source
from desktop.domain.resolved import ResolvedBlock
from desktop.export.inline import InlineContext

PLACEHOLDER = "\x01FENCE{}\x01"
PLACEHOLDER_RE = re.compile("^\x01FENCE(\\d+)\x01$")

Resolver = Callable[[str], ResolvedBlock]


class _FencePreprocessor(Preprocessor):
    """Replace fenced blocks by placeholder paragraphs, keeping their text aside."""

    def __init__(self, md, fences: list[Fence]):
        super().__init__(md)
        self.fences = fences

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        out: list[str] = []
        last = 0
        for fence in find_fences(text):
            out += text[last:fence.start].split("\n")[:-1]  # the lines before the fence
            self.fences.append(fence)
            out += ["", PLACEHOLDER.format(len(self.fences) - 1), ""]
            last = fence.end + 1  # past the closing line's newline
        if last <= len(text):
            out += text[last:].split("\n")
        return out


class _Capture(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        self.md.captured_root = root


@dataclass
class FlowContext:
    """The state one memo's conversion shares: width, resolver, citations, outline."""

    width: float
    resolver: Resolver | None
    base_dir: Path | None
    cite: Callable[[list[Source]], str]
    fences: list[Fence] = field(default_factory=list)
    inline: InlineContext | None = None
    footnotes: dict[str, int] = field(default_factory=dict)
    endnotes: list[Any] = field(default_factory=list)  # the PDF's notes
    blocks: list[ResolvedBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # said on stderr and in the status bar
    style: str = "full"  # the memo's: "compact" sends method notes to the end
    wide_width: float | None = None  # a landscape page's, for a table too wide for ``width``
    methods: list[tuple[str, str]] = field(default_factory=list)  # (block title, method note)

    def add_method(self, title: str, text: str) -> int:
        """Keep a block's method note for the Method section; its number."""
        self.methods.append((title, text))
        return len(self.methods)


#: Seven or more "#" open no heading in Markdown; Python-Markdown would still make one of them.
TOO_DEEP_HEADING = re.compile(r"^( {0,3})(#{7,})", re.M)
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,100})\](?!:)")
FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]{1,100})\]:", re.M)
MAX_NESTING = 100  # quotes or lists nested deeper are refused: no reader follows them


class NestingTooDeep(UserError, ValueError):
    """A memo whose quotes or lists nest deeper than anyone can read; nothing is written."""


def parse(body: str, ctx: FlowContext) -> ET.Element:
    _check_nesting(body)
    body = TOO_DEEP_HEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), body)
    md = markdown.Markdown(extensions=["tables", "footnotes", "sane_lists"])
    md.preprocessors.register(_FencePreprocessor(md, ctx.fences), "brief_fences", 40)
    md.treeprocessors.register(_Capture(md), "capture", 0)
    try:
        md.convert(body)
    except RecursionError:
        raise NestingTooDeep("the memo nests quotes or lists too deeply to lay out; at most "
                             f"{MAX_NESTING} levels") from None
    ctx.inline = InlineContext(list(md.htmlStash.rawHtmlBlocks),
                               lambda key: ctx.footnotes.get(key))
    root = getattr(md, "captured_root", None)  # not set when the body is blank
    if root is None:
        return ET.Element("div")
    _number_footnotes(root, body, ctx)
    return root


def _check_nesting(body: str) -> None:
    """Refuse, with one line, a memo nested past ``MAX_NESTING`` (a quote of 200 quotes, a list
    400 levels deep): Python-Markdown would overflow the stack on it."""
    for number, line in enumerate(body.split("\n"), start=1):
        quotes = re.match(r"[> ]*", line).group(0).count(">")
        depth = max(quotes, (len(line) - len(line.lstrip(" "))) // 2 if line.lstrip()[:2] in
                    ("- ", "* ", "+ ") or re.match(r"\s*\d+[.)] ", line) else 0)
        if depth > MAX_NESTING:
            raise NestingTooDeep(f"line {number} nests quotes or lists {depth} levels deep; "
                                 f"at most {MAX_NESTING} can be laid out")


def _number_footnotes(root: ET.Element, body: str, ctx: FlowContext) -> None:
    """Notes are numbered in the order they are first cited; a note never cited is not printed
    and a citation of a note never written is reported (it prints as typed)."""
    for anchor in root.iter("a"):
        if "footnote-ref" in (anchor.get("class") or ""):
            key = (anchor.get("href") or "").lstrip("#")
            ctx.footnotes.setdefault(key, len(ctx.footnotes) + 1)
    defined = set(FOOTNOTE_DEF.findall(body))
    missing = sorted({ref for ref in FOOTNOTE_REF.findall(body) if ref not in defined})
    if missing:
        ctx.warnings.append("footnote " + ", ".join(f"[^{m}]" for m in missing[:10])
                            + " is cited but never written; it prints as typed")


MAX_DEPTH = 6  # lists and quotes nested deeper are set flat (each level takes width)


def flat_items(element: ET.Element) -> Iterator[ET.Element]:
    """Each paragraph or list item nested in ``element``, as a paragraph of its own text (not
    the lists nested in it): deeply nested content is printed flat, with nothing dropped."""
    for item in element.iter():
        if item.tag not in ("p", "li"):
            continue
        own = ET.Element("p")
        own.text = item.text
        own.extend(c for c in item if c.tag not in BLOCK_TAGS)
        if "".join(own.itertext()).strip():
            yield own


BULLETS = ["•", "–", "◦"]  # by nesting level, as word processors do


BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "pre", "table", "h1", "h2", "h3", "h4", "h5", "h6",
              "hr", "div"}


def item_lead(item: ET.Element) -> ET.Element:
    """A list item's own words before its first block (a nested list, a paragraph), as a
    paragraph of their own: the item's number goes with them."""
    lead = ET.Element("p")
    lead.text = item.text
    for child in item:
        if child.tag in BLOCK_TAGS:
            break
        lead.append(child)
    return lead
