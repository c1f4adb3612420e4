"""The window runs on one AppContext: the cards, the dashboard and memo blocks share one
analysis workbench, the editor gets its services in its constructor, and the window's export,
import and preview call the same operations as the CLI.

On the old main the workbench was made in five places (cards and blocks kept separate caches),
the window set the editor's resolver, mini-card and stale checker after building it, the app's
Markdown export wrote another file than ``briefdesk memo export``, only the CLI refused memo
files with NUL bytes, and the live preview skipped ``~~~brief`` blocks that the PDF filled.
"""

from __future__ import annotations

import ast
import re

from desktop.cli import main
from desktop.domain.memo import Memo
from tests.conftest import REPO
from tests.domain.test_fences import VARIANTS


def test_one_workbench_and_one_resolver_in_the_running_app(window):
    context = window.context
    assert window.cards is context.cards and window.block_resolver is context.blocks
    assert context.cards.analysis is context.blocks.context.workbench is context.workbench
    assert window.lookup is context.lookup and window.library is context.library
    window.open_card("blocs", "")
    assert window.card_area.panels["blocs"].workbench is context.workbench
    window.new_memo("")
    editor = window.editor
    assert editor.resolver is context.blocks and editor.recognizer is context.recognizer
    assert window.memo_export.resolver is context.blocks
    assert editor.pdf_preview.export.resolver is context.blocks


def test_the_workbench_and_resolver_are_built_in_one_place():
    built = {}
    for path in (REPO / "desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in ("AnalysisWorkbench(", "BlockResolver(", "CardService(", "Lookup(",
                     "NameResolver("):
            if re.search(rf"(?<![\w.]){re.escape(name)}", text):
                built.setdefault(name, []).append(path.relative_to(REPO).as_posix())
    # a resolver may hand out a dated view of itself (same repository, workbench and names)
    assert built.pop("BlockResolver(") == ["desktop/app.py", "desktop/blocks/resolve.py"]
    assert built == {name: ["desktop/app.py"] for name in built}
    assert set(built) == {"AnalysisWorkbench(", "CardService(", "Lookup(", "NameResolver("}


def test_the_window_sets_no_attributes_on_the_parts_it_builds():
    """Dependencies go into constructors: no ``self.editor.resolver = …`` afterwards."""
    for name in ("main_window.py", "card_area.py", "window_setup.py"):
        tree = ast.parse((REPO / "desktop" / "ui" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute):
                    owner = target.value
                    assert not (isinstance(owner.value, ast.Name) and owner.value.id == "self"
                                and owner.attr in ("editor", "cards", "card_area", "picker")), \
                        f"{name}: self.{owner.attr}.{target.attr} set after construction"


def test_markdown_export_from_the_app_and_the_cli_is_the_same_file(window, tmp_path, capsys):
    memo_id = window.library.create(Memo({"title": "Nickel", "to": "Minister"},
                                         "Indonesia leads.\n\nNo final newline"))
    from_app, from_cli = tmp_path / "app.md", tmp_path / "cli.md"
    assert window.memo_actions.export_markdown(memo_id, from_app)
    assert main(["memo", "export", str(memo_id), "-o", str(from_cli)]) == 0
    capsys.readouterr()
    assert from_app.read_bytes() == from_cli.read_bytes()
    assert from_app.read_bytes().endswith(b"No final newline\n")


def test_the_window_refuses_a_memo_file_with_nul_bytes(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    memo = tmp_path / "nul.md"
    memo.write_bytes(b"---\ntitle: x\n---\nText\x00more\n")
    failed: list[str] = []
    window.memo_export.failed.connect(failed.append)
    window.memo_export.export(memo, tmp_path / "nul.pdf")
    assert failed and "contains NUL bytes" in failed[0]
    assert not (tmp_path / "nul.pdf").exists()
    imported, refused = window.memo_actions.import_paths([memo])
    assert imported == [] and "NUL" in refused[0]


def test_the_live_preview_fills_every_fence_style(window):
    from desktop.ui.memo.preview import memo_html

    body = "\n\n".join(VARIANTS)
    html = memo_html(Memo({"title": "Fences"}, body), window.block_resolver)
    assert html.count("Japan: groups and initiatives") == len(VARIANTS)
    assert "kind: memberships" not in html
