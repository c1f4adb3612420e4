"""``briefdesk``, ``python -m desktop`` and ``python -m desktop.cli`` are one command.

On the old layout ``python -m desktop.cli`` loaded ``cli.py`` twice (as ``__main__`` and as
``desktop.cli``), so its ``UsageError`` was a different class from the one the commands raised:
bad input came out as "unexpected error" with exit 1 instead of one line with exit 2.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = Path(sys.executable).with_name("briefdesk")
ENTRY_POINTS = {
    "briefdesk": [str(SCRIPT)],
    "python -m desktop": [sys.executable, "-m", "desktop"],
    "python -m desktop.cli": [sys.executable, "-m", "desktop.cli"],
}


def _run(command: list[str], *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([*command, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.fixture()
def env(reference_path, tmp_path):
    return {**os.environ, "BRIEFDESK_REFERENCE": str(reference_path),
            "BRIEFDESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}


@pytest.mark.parametrize("args", [
    ("show", "mineral", "zzznope"),
    ("analyze", "bloc", "--mineral", "lithium", "--group", "g7+Atlantis"),
    ("figures", "--year", "99999"),
    ("memo", "show", "0"),
    ("export", "missing.md", "-o", "out.pdf"),
])
def test_every_entry_point_exits_2_with_the_same_line(env, args):
    if not SCRIPT.exists():
        pytest.skip("the briefdesk console script is not installed in this environment")
    results = {name: _run(command, *args, env=env) for name, command in ENTRY_POINTS.items()}
    for name, result in results.items():
        assert result.returncode == 2, (name, result.stderr)
        assert result.stderr.startswith("briefdesk: ") and result.stderr.count("\n") == 1, name
        assert "unexpected error" not in result.stderr and "Traceback" not in result.stderr
    assert len({r.stderr for r in results.values()}) == 1  # word for word the same


def test_every_entry_point_gives_the_same_answer(env):
    if not SCRIPT.exists():
        pytest.skip("the briefdesk console script is not installed in this environment")
    outputs = {_run(command, "lookup", "中国", "--json", env=env).stdout
               for command in ENTRY_POINTS.values()}
    assert len(outputs) == 1 and '"CHN"' in outputs.pop()
