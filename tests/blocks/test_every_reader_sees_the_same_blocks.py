"""The exporter, the staleness check and the recogniser find the same data blocks in a memo,
whatever their fence style (the live preview is checked in tests/ui)."""

from __future__ import annotations

from desktop.blocks.recognize import count_words, prose
from desktop.blocks.staleness import find_stale, stamp_unstamped
from desktop.domain.memo import Memo
from desktop.export.markdown_flow import FlowContext, to_flowables
from tests.domain.test_fences import VARIANTS

MEMO = "# Japan\n\nJapan and China.\n\n" + "\n\nText between.\n\n".join(VARIANTS) + "\n"


def test_the_exporter_resolves_every_fence_style(resolver):
    ctx = FlowContext(width=400, resolver=resolver, base_dir=None, cite=lambda sources: "")
    to_flowables(MEMO, ctx)
    assert len(ctx.blocks) == len(VARIANTS)
    assert all(block.ok and block.title == "Japan: groups and initiatives"
               for block in ctx.blocks)


def test_the_recogniser_reads_no_block_keys():
    assert "JPN" not in prose(MEMO) and "memberships" not in prose(MEMO)
    assert count_words(MEMO) == count_words("# Japan\n\nJapan and China.\n\n"
                                            + "\n\nText between.\n\n" * (len(VARIANTS) - 1))


class _NewerData:
    """The resolver of a later data pack in which Japan's memberships read differently."""

    def __init__(self, resolver):
        self.resolver = resolver
        self.data_pack = "2099.01.01"

    def resolve_block(self, block):
        from dataclasses import replace

        resolved = self.resolver.resolve_block(block)
        return replace(resolved, rows=resolved.rows[1:], data_pack=self.data_pack)


def test_staleness_checks_every_fence_style_and_keeps_its_fence(resolver):
    stamped = stamp_unstamped(MEMO, resolver)
    assert stamped.count("data-pack: ") == len(VARIANTS)
    openings = [line for line in stamped.split("\n") if line.lstrip(" `~").startswith(
        ("brief", "Brief", " brief"))]
    assert sorted(line.rstrip("briefBRIEF ") for line in openings) == sorted(
        ["```", "~~~", "```", "```", "   ```", "````", "~~~~"])  # each keeps its own fence
    stale = find_stale(stamped, _NewerData(resolver))
    assert len(stale) == len(VARIANTS)
    tilde = next(s for s in stale if stamped[s.start:s.end].startswith("~~~brief"))
    assert tilde.refreshed.startswith("~~~brief") and tilde.refreshed.endswith("~~~")
    indented = next(s for s in stale if stamped[s.start:s.end].startswith("   ```"))
    assert all(line.startswith("   ") for line in indented.refreshed.split("\n"))


def test_a_memo_round_trips_with_its_stamped_blocks(resolver):
    memo = Memo({"title": "Blocks"}, stamp_unstamped(MEMO, resolver))
    assert memo.to_file().endswith("\n") and "data-pack" in memo.to_file()
