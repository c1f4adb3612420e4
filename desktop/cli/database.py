"""``briefdesk db build | check``: build the reference database from ``db/sources/`` or check
one."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import add_json, emit, path_arg


def register(sub) -> None:
    p = sub.add_parser("db", help="build or check the reference database")
    p.add_argument("action", choices=("build", "check"))
    p.add_argument("--db", type=path_arg, help="database file (default: the bundled one)")
    add_json(p)
    p.set_defaults(handler=cmd_db)


def cmd_db(args: argparse.Namespace, context) -> int:
    from desktop.paths import reference_db_path
    from desktop.services import database

    path = args.db or reference_db_path()
    if args.action == "build":
        result = database.build(path)
        report = result.report
        data = {"path": str(path), "seconds": round(result.seconds, 3), "bytes": result.bytes,
                "check": report.to_json()}
        emit(data, args.json, f"built {path} ({result.bytes / 1e6:.1f} MB in "
                              f"{result.seconds:.2f} s); check: "
                              f"{'ok' if report.ok else '; '.join(report.errors)}")
        if not report.ok:
            print(f"briefdesk: the built database fails its check ({len(report.errors)} "
                  "errors)", file=sys.stderr)
        return 0 if report.ok else 1
    report = database.check(path)
    text = "\n".join([", ".join(f"{k}: {v}" for k, v in report.counts.items()),
                      f"unsourced: {report.unsourced}",
                      *(f"error: {e}" for e in report.errors),
                      *(f"note: {n}" for n in report.notes),
                      *(f"warning: {w}" for w in report.warnings),
                      "ok" if report.ok else f"{len(report.errors)} error(s)"])
    emit(report.to_json(), args.json, text)
    return 0 if report.ok else 1
