"""docs/blocks.md is written from the registry of kinds (``make docs``): it lists every kind and
every key the resolver takes, and nothing else."""

from __future__ import annotations

from desktop.blocks.reference_page import kinds_markdown
from desktop.blocks.registry import KINDS
from tests.conftest import REPO


def test_the_committed_page_is_what_the_registry_writes():
    page = (REPO / "docs" / "blocks.md").read_text(encoding="utf-8")
    assert page == kinds_markdown(), "docs/blocks.md is out of date: run 'make docs'"


def test_every_kind_and_key_is_on_the_page():
    page = kinds_markdown()
    for kind in KINDS.values():
        section = page.split(f"## `{kind.id}`", 1)[1].split("\n## ", 1)[0]
        for key in kind.keys:
            assert f"| `{key.name}` |" in section, (kind.id, key.name)


def test_every_example_on_the_page_resolves(resolver):
    page = kinds_markdown()
    from desktop.domain.fences import find_blocks

    blocks = find_blocks(page)
    assert len(blocks) == len(KINDS)  # one per kind; the introduction's is shown as code
    for block in blocks:
        resolved = resolver(block.body)
        assert resolved.ok, resolved.error
