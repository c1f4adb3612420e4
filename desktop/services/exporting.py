"""Exporting memos: the one set of operations the CLI and the window both call.

A memo is exported from a file (``briefdesk export``, File ▸ Export a Markdown file) or from the
library and the editor (``briefdesk memo export``, Ctrl+E, Preview PDF). Either way the same
checks run (a readable UTF-8 regular file without NUL bytes, an output name the exporter knows,
never the memo file itself), the same renderer lays it out and the file is written beside its
target and renamed into place. Every refusal is a ``UserError`` of one sentence.

The window lays out long memos on a worker thread. Its data blocks are resolved first, on the
window's thread and with the app's one resolver (``resolved_in_advance``), so the worker never
touches the database and the PDF shows exactly what the preview showed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.domain.fences import find_blocks
from desktop.domain.memo import Memo, MemoSyntaxError, parse_memo
from desktop.domain.resolved import ResolvedBlock, error_block
from desktop.export.files import read_memo_file, write_atomically

Resolver = Callable[[str], ResolvedBlock]
PDF, MARKDOWN, WORD = ".pdf", ".md", ".docx"
FORMATS = {PDF: "PDF", MARKDOWN: "Markdown", WORD: "Word"}


class ExportRefused(UserError, ValueError):
    """An export that was not made; nothing was written."""


def output_format(output: Path, allowed: tuple[str, ...] = (PDF, WORD, MARKDOWN)) -> str:
    """The format an output name asks for, or a refusal naming the ones that can be written."""
    suffix = Path(output).suffix.lower()
    if suffix not in allowed:
        names = " or ".join(allowed)
        raise ExportRefused(f"{output}: export writes {names} files; give a name ending in "
                            f"{names}")
    return suffix


def read_memo(path: Path) -> Memo:
    """A memo file, read and parsed; its problems are said with its name."""
    text = read_memo_file(path)
    try:
        return parse_memo(text)
    except MemoSyntaxError as exc:
        raise MemoSyntaxError(f"{path}: {exc}") from None


def dated(resolver: Resolver | None, as_of: str | None) -> Resolver | None:
    """The resolver giving statuses as of the memo's date (a resolver that cannot be dated,
    such as one already holding every block, is returned as it is)."""
    if resolver is None or not as_of or not hasattr(resolver, "dated"):
        return resolver
    return resolver.dated(as_of)


def render(memo: Memo, output_suffix: str, resolver: Resolver | None, *,
           invariant: bool = False, base_dir: Path | None = None,
           on_page: Callable[[int], None] | None = None,
           warnings: list[str] | None = None) -> bytes:
    """The exported file's bytes, in the format ``output_suffix`` names; data blocks give
    statuses as of the memo's date. Front matter that cannot be exported is refused here, for
    the CLI and the window alike; warnings are appended to ``warnings``."""
    if output_suffix == MARKDOWN:
        return memo.to_file().encode("utf-8")
    problems = memo.problems()
    if problems:
        raise ExportRefused(problems[0])
    resolver = dated(resolver, memo.as_of)
    if output_suffix == WORD:
        from desktop.export.docx_memo import render_docx  # python-docx only when needed

        return render_docx(memo, resolver, invariant=invariant, base_dir=base_dir,
                           warnings=warnings)
    from desktop.export.memo_pdf import render as render_pdf  # reportlab only when needed

    return render_pdf(memo, resolver, invariant=invariant, base_dir=base_dir, on_page=on_page,
                      warnings=warnings)


def export_memo(memo: Memo, output: Path, resolver: Resolver | None, *,
                invariant: bool = False, base_dir: Path | None = None,
                protect: Path | None = None, allowed: tuple[str, ...] = (PDF, WORD, MARKDOWN),
                on_page: Callable[[int], None] | None = None,
                warnings: list[str] | None = None) -> int:
    """Write ``memo`` to ``output`` (PDF, Word or Markdown, by its name); returns the bytes
    written.

    ``on_page`` hears of each page laid out and may raise to stop (nothing is written then);
    what the user should be told without refusing is appended to ``warnings``."""
    suffix = output_format(output, allowed)
    data = render(memo, suffix, resolver, invariant=invariant, base_dir=base_dir,
                  on_page=on_page, warnings=warnings)
    write_atomically(Path(output), data, protect=protect)
    return len(data)


def export_memo_file(path: Path, output: Path, resolver: Resolver | None, *,
                     invariant: bool = False, allowed: tuple[str, ...] = (PDF, WORD),
                     on_page: Callable[[int], None] | None = None,
                     warnings: list[str] | None = None) -> int:
    """A memo file to ``output``; images in it are found beside it, and it is never overwritten."""
    path = Path(path)
    output_format(output, allowed)  # refuse a wrong name before reading anything
    memo = read_memo(path)
    return export_memo(memo, output, resolver, invariant=invariant,
                       base_dir=path.resolve().parent, protect=path, allowed=allowed,
                       on_page=on_page, warnings=warnings)


def resolved_in_advance(memo: Memo, resolver: Resolver | None) -> Resolver | None:
    """Every data block of ``memo`` resolved now (as of its date); the returned resolver only
    looks them up."""
    if resolver is None:
        return None
    resolver = dated(resolver, memo.as_of)
    done = {block.body: resolver(block.body) for block in find_blocks(memo.body)}

    def look_up(body: str) -> ResolvedBlock:
        found = done.get(body)
        return found if found is not None else error_block(
            "Data block: this block changed after the export started; export again")

    return look_up
