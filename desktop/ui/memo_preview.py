"""The editor's live preview: the memo as HTML, data blocks resolved as they will print.

A quick approximation of the PDF for reading while writing ("Preview PDF" shows the real pages).
It sits beside the text, not behind a tab, so the writer sees it change as they type.
Raw HTML typed in the memo is shown as text here too, as the exporter prints it.
"""

from __future__ import annotations

from html import escape

import markdown

from desktop.domain.memo import Memo
from desktop.memos.staleness import FENCED_BLOCK
from desktop.ui.block_picker import preview_html


def memo_html(memo: Memo, resolve) -> str:
    parts = [f"<h1>{escape(memo.title)}</h1>"]
    meta = [(label, memo.get(key)) for label, key in
            (("To", "to"), ("From", "from"), ("Date", "date"), ("Marking", "marking"))]
    parts.append("<p>" + " · ".join(f"<b>{label}:</b> {escape(value)}" for label, value in meta
                                    if value) + "</p>")
    if memo.get("summary"):
        parts.append(f"<blockquote><b>Summary.</b> {escape(memo.get('summary'))}</blockquote>")
    body, cursor = memo.body, 0
    for match in FENCED_BLOCK.finditer(body):
        parts.append(_markdown(body[cursor:match.start()]))
        parts.append("<div style='background:#f3f5f7; padding:4px'>"
                     f"{preview_html(resolve(match.group('body')))}</div>")
        cursor = match.end()
    parts.append(_markdown(body[cursor:]))
    return "".join(parts)


def _markdown(text: str) -> str:
    return markdown.markdown(escape(text, quote=False),
                             extensions=["tables", "footnotes", "sane_lists"])

