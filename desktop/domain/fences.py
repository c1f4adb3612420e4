"""Fenced blocks in Markdown, and which of them are data blocks: the one place that decides.

A fence opens with three or more backticks or tildes, indented by at most three spaces, and
closes with a line of the same character at least as long (CommonMark's rule). A fence whose info
string's first word is ``brief`` (in any case: "```brief", "~~~ Brief") is a data block. The
exporter, the live preview, the staleness check and the recogniser all read memos through
``find_blocks``, so a block that prints in the PDF is the block the editor sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLOCK_INFO = "brief"
_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*\r?$")


@dataclass(frozen=True)
class Fence:
    start: int  # offset of the opening line in the text
    end: int  # offset just after the closing fence (before its newline); the text's end if open
    fence: str  # the opening run, e.g. "```" or "~~~~"
    indent: str  # the spaces before it
    info: str  # the info string as written
    body: str  # the lines between the fences, the fence's indentation taken off each
    closed: bool = True

    @property
    def is_block(self) -> bool:
        """A data block: closed, and its info string's first word is ``brief``."""
        return self.closed and is_block_info(self.info)


def opening(line: str) -> tuple[str, str] | None:
    """(fence, info) when ``line`` opens a fenced block, else None."""
    match = _OPEN.match(line)
    if not match or (match.group("fence")[0] == "`" and "`" in match.group("info")):
        return None
    return match.group("fence"), match.group("info")


def is_block_info(info: str) -> bool:
    """Does a fence with this info string hold a data block?"""
    words = info.split()
    return bool(words) and words[0].casefold() == BLOCK_INFO


def closes(line: str, fence: str) -> bool:
    """Does ``line`` close a block opened by ``fence``?"""
    stripped = line.rstrip(" \t\r")
    bare = stripped.lstrip(" ")
    return (len(stripped) - len(bare) <= 3 and len(bare) >= len(fence)
            and set(bare) == {fence[0]})


def _dedent(line: str, indent: int) -> str:
    """Take off up to ``indent`` leading spaces, as CommonMark does inside an indented fence."""
    taken = 0
    while taken < indent and taken < len(line) and line[taken] == " ":
        taken += 1
    return line[taken:]


def find_fences(text: str) -> list[Fence]:
    """Every fenced block, in order; a fence never closed runs to the end of the text."""
    out: list[Fence] = []
    lines = text.split("\n")
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    index = 0
    while index < len(lines):
        opened = opening(lines[index])
        if opened is None:
            index += 1
            continue
        fence, info = opened
        indent = lines[index][:len(lines[index]) - len(lines[index].lstrip(" "))]
        first = index + 1
        index = first
        while index < len(lines) and not closes(lines[index], fence):
            index += 1
        closed = index < len(lines)
        body = "\n".join(_dedent(line.rstrip("\r"), len(indent)) for line in lines[first:index])
        end = offsets[index] + len(lines[index].rstrip("\r")) if closed else len(text)
        out.append(Fence(offsets[first - 1], end, fence, indent, info, body, closed))
        index += 1
    return out


def find_blocks(text: str) -> list[Fence]:
    """The data blocks of a memo body, in order."""
    if BLOCK_INFO not in text.casefold():  # most prose has none: skip the line scan
        return []
    return [fence for fence in find_fences(text) if fence.is_block]


def blank_blocks(text: str) -> str:
    """The text with every data block turned to spaces (newlines kept), so offsets into the
    result are offsets into the original and prose readers never read block keys."""
    pieces, last = [], 0
    for block in find_blocks(text):
        pieces += [text[last:block.start], re.sub(r"[^\n]", " ", text[block.start:block.end])]
        last = block.end
    return "".join(pieces) + text[last:]
