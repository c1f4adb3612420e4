"""Colour for the memo text: Markdown structure, and the ``brief`` data blocks set apart from
prose so the writer sees at a glance which lines are data."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from desktop.domain.fences import closes, is_block_info, opening


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
    BLOCK, CODE = "#2a9d8f", "#8a4b08"

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        """Fences are read by the exporter's own rule (``desktop.domain.fences``); the state
        carried to the next line is the open fence: 0 outside, else brief (1) or other (2)
        times 1000, plus the fence's character (0 or 500 for "~") and length."""
        state = self.previousBlockState()
        if state > 0:
            fence = ("~" if state % 1000 >= 500 else "`") * (state % 500)
            colour = self.BLOCK if state // 1000 == 1 else self.CODE
            self._colour(text, colour, bold=closes(text, fence))
            self.setCurrentBlockState(0 if closes(text, fence) else state)
            return
        opened = opening(text)
        if opened is not None:
            fence, info = opened
            brief = is_block_info(info)
            self._colour(text, self.BLOCK if brief else self.CODE, bold=True)
            self.setCurrentBlockState((1 if brief else 2) * 1000
                                      + (500 if fence[0] == "~" else 0) + min(len(fence), 499))
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

    def _colour(self, text: str, colour: str, bold: bool = False) -> None:
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(colour))
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        self.setFormat(0, len(text), fmt)
