"""``briefdesk export MEMO.md -o OUT.pdf|OUT.docx``: a memo file to PDF or Word, through the same
export operation as the window's File ▸ Export a Markdown file."""

from __future__ import annotations

import argparse

from desktop.cli.common import path_arg, say_warnings


def register(sub) -> None:
    p = sub.add_parser("export", help="export a memo (Markdown with front matter) to PDF or Word")
    p.add_argument("memo", type=path_arg, help="the memo file (.md)")
    p.add_argument("-o", "--output", type=path_arg, required=True,
                   help="the PDF or Word file to write (.pdf, .docx)")
    p.add_argument("--invariant", action="store_true",
                   help="byte-identical output for identical input (no timestamps)")
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, context) -> int:
    from desktop.services.exporting import (
        PDF,
        WORD,
        ExportRefused,
        export_memo_file,
        output_format,
    )

    try:
        output_format(args.output, (PDF, WORD))
    except ExportRefused:
        raise ExportRefused(f"{args.output}: export writes a PDF or a Word file; give -o a .pdf "
                            "or .docx name ('briefdesk memo export ID -o OUT.md' writes "
                            "Markdown)") from None
    warnings: list[str] = []
    size = export_memo_file(args.memo, args.output, context.lazy_blocks,
                            invariant=args.invariant, warnings=warnings)
    say_warnings(warnings)
    print(f"wrote {args.output} ({size:,} bytes)")
    return 0
