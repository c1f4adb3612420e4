"""Turning resolved memos into documents: the PDF (reportlab), and tables as CSV and Markdown.

It lays out what it is given and never reads a database; which fences are data blocks, how
numbers read and what a block shows are decided below it (``desktop.domain``) and in
``desktop.blocks``."""
