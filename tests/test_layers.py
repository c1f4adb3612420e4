"""The design's layers hold (ARCHITECTURE.md, "Layers"): Qt only in desktop/ui/, SQL only in the
data-access modules, imports flowing one way between packages, and no import cycle anywhere in
desktop/ or db/."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import desktop
from tests.conftest import REPO

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name == "shiboken6":
            raise ImportError("PySide6 is blocked in this test")
        return None
sys.meta_path.insert(0, Block())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
leaked = [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))]
assert not leaked, leaked
print("ok", len(sys.argv) - 1)
"""


def non_ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(desktop.__path__, prefix="desktop."):
        if info.name == "desktop.ui" or info.name.startswith("desktop.ui.") \
                or info.name.endswith(".__main__"):  # running one would start the command
            continue
        names.append(info.name)
    return sorted(names)


def test_every_non_ui_module_imports_without_pyside6():
    modules = non_ui_modules()
    for expected in ("desktop.reference.lookup", "desktop.cli", "desktop.cli.analyze",
                     "desktop.app", "desktop.blocks.registry", "desktop.library.store"):
        assert expected in modules
    result = subprocess.run([sys.executable, "-c", BLOCKER, *modules], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(modules)}"


def test_the_blocker_really_blocks():
    result = subprocess.run([sys.executable, "-c", BLOCKER, "desktop.ui.main_window"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "PySide6 is blocked" in result.stderr


#: The modules that may hold SQL: the reference DB's and the memo library's storage.
DATA_ACCESS = ("reference/", "library/")


def test_sql_stays_in_data_access_modules():
    """Widgets, services, blocks and the CLI hold no SQL."""
    offenders = []
    for path in (REPO / "desktop").rglob("*.py"):
        rel = path.relative_to(REPO / "desktop").as_posix()
        if rel.startswith(DATA_ACCESS):
            continue
        text = path.read_text(encoding="utf-8")
        if "SELECT " in text or ".execute(" in text or "executescript(" in text:
            offenders.append(rel)
    assert offenders == []


ALLOWED = {  # package -> desktop packages it may import (ARCHITECTURE.md, "Layers")
    "domain": set(),
    "reference": {"domain", "paths"},
    "analysis": {"domain"},
    "library": {"domain", "paths"},
    "blocks": {"domain", "reference", "analysis"},
    "export": {"domain", "paths"},  # paths: where the bundled fonts are
    "services": {"domain", "reference", "analysis", "library", "blocks", "export", "paths"},
    "app": {"domain", "reference", "analysis", "library", "blocks", "services", "paths"},
    # the command prints analysis results and reads names; "ui" only to launch the window
    "cli": {"app", "services", "domain", "analysis", "reference", "paths", "ui"},
}


def _imports(path: Path) -> list[str]:
    """Every module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _package_of(path: Path) -> str:
    rel = path.relative_to(REPO / "desktop")
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_imports_flow_one_way():
    parts = {p.stem for p in (REPO / "desktop").iterdir() if p.suffix == ".py" or p.is_dir()}
    problems = []
    for path in (REPO / "desktop").rglob("*.py"):
        package = _package_of(path)
        if package not in ALLOWED:
            continue
        used = {name.split(".")[1] for name in _imports(path)
                if name.startswith("desktop.") and name.split(".")[1] in parts}
        extra = used - ALLOWED[package] - {package}
        if extra:
            problems.append(f"{path.relative_to(REPO)} imports {sorted(extra)}")
    assert problems == []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(roots: tuple[str, ...] = ("desktop", "db")) -> dict[str, set[str]]:
    """Module -> the project modules it imports (``from a import b`` counts as importing
    ``a.b`` when that is a module, else ``a``)."""
    files = {_module_name(p): p for root in roots for p in (REPO / root).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        edges = set()
        for target in _imports(path):
            while target and target not in files:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.add(target)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_in_desktop_or_db():
    graph = import_graph()
    assert "desktop.blocks.registry" in graph["desktop.blocks.resolve"]
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
