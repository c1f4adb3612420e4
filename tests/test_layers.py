"""Qt lives only in desktop/ui/: every other package imports with PySide6 made unimportable."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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
                or info.name == "desktop.__main__":
            continue
        names.append(info.name)
    return sorted(names)


def test_every_non_ui_module_imports_without_pyside6():
    modules = non_ui_modules()
    assert "desktop.reference.lookup" in modules and "desktop.cli" in modules
    result = subprocess.run([sys.executable, "-c", BLOCKER, *modules], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(modules)}"


def test_the_blocker_really_blocks():
    result = subprocess.run([sys.executable, "-c", BLOCKER, "desktop.ui.main_window"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "PySide6 is blocked" in result.stderr


def test_sql_stays_in_data_access_modules():
    """Widgets and services hold no SQL: only reference/ and memos/ storage modules do."""
    offenders = []
    for path in (REPO / "desktop").rglob("*.py"):
        rel = path.relative_to(REPO / "desktop").as_posix()
        if rel.startswith(("reference/", "memos/")):
            continue
        text = path.read_text(encoding="utf-8")
        if "SELECT " in text or ".execute(" in text:
            offenders.append(rel)
    assert offenders == []


ALLOWED = {  # package -> desktop packages it may import (ARCHITECTURE.md, "Layers")
    "domain": set(),
    "reference": {"domain", "paths"},
    "analysis": {"domain"},
    "services": {"domain", "reference", "analysis"},
    "export": {"domain", "analysis", "paths"},  # paths: where the bundled fonts are
    "memos": {"domain", "reference", "analysis", "paths", "export"},
}


def _desktop_imports(path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "desktop" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_imports_flow_one_way():
    problems = []
    for package, allowed in ALLOWED.items():
        for path in (REPO / "desktop" / package).rglob("*.py"):
            extra = _desktop_imports(path) - allowed - {package}
            if extra:
                problems.append(f"{path.relative_to(REPO)} imports {sorted(extra)}")
    assert problems == []
