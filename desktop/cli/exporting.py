"""``briefdesk export MEMO.md -o OUT.pdf``: a memo file to PDF, through the same export
operation as the window's File ▸ Export a Markdown file to PDF."""

from __future__ import annotations

import argparse

from desktop.cli.common import path_arg


def register(sub) -> None:
    p = sub.add_parser("export", help="export a memo (Markdown with front matter) to PDF")
    p.add_argument("memo", type=path_arg, help="the memo file (.md)")
    p.add_argument("-o", "--output", type=path_arg, required=True, help="the PDF to write")
    p.add_argument("--invariant", action="store_true",
                   help="byte-identical output for identical input (no timestamps)")
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, context) -> int:
    from desktop.services.exporting import PDF, ExportRefused, export_memo_file, output_format

    try:
        output_format(args.output, (PDF,))
    except ExportRefused:
        raise ExportRefused(f"{args.output}: export writes a PDF; give -o a .pdf name "
                            "('briefdesk memo export ID -o OUT.md' writes Markdown)") from None
    size = export_memo_file(args.memo, args.output, context.lazy_blocks,
                            invariant=args.invariant)
    print(f"wrote {args.output} ({size:,} bytes)")
    return 0
