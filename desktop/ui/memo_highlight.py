"""Colour for the memo text: Markdown structure, and the ``brief`` data blocks set apart from
prose so the writer sees at a glance which lines are data."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, emphasis, code, links and ``brief`` data blocks in colour."""

    RULES = [
        (re.compile(r"^#{1,6} .*$"), "#1f4e79", True),
        (re.compile(r"\*\*[^*]+\*\*"), None, True),
        (re.compile(r"`[^`]+`"), "#8a4b08", False),
        (re.compile(r"\[[^\]]*\]\([^)]*\)"), "#2a6fb0", False),
        (re.compile(r"^\s*([-*]|\d+\.) "), "#5f6b76", True),
        (re.compile(r"^>.*$"), "#5f6b76", False),
    ]
    FENCE = re.compile(r"^\s*(```|~~~)")

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        inside = self.previousBlockState() == 1
        if self.FENCE.match(text):
            starts_brief = not inside and "brief" in text
            fmt = QTextCharFormat()
            fmt.setForeground(QColor("#2a9d8f" if (starts_brief or inside) else "#8a4b08"))
            fmt.setFontWeight(QFont.Weight.Bold)
            self.setFormat(0, len(text), fmt)
            self.setCurrentBlockState(0 if inside else 1)
            return
        if inside:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor("#2a9d8f"))
            self.setFormat(0, len(text), fmt)
            self.setCurrentBlockState(1)
            return
        self.setCurrentBlockState(0)
        for pattern, colour, bold in self.RULES:
            for match in pattern.finditer(text):
                fmt = QTextCharFormat()
                if colour:
                    fmt.setForeground(QColor(colour))
                if bold:
                    fmt.setFontWeight(QFont.Weight.Bold)
                self.setFormat(match.start(), match.end() - match.start(), fmt)
