"""What counts as a data block is decided once (desktop.domain.fences) and every reader of a
memo — the exporter, the live preview, the staleness check, the recogniser — uses it.

On the old main a block fenced with ``~~~brief``, "```Brief" or indented by a few spaces was
filled in the PDF but skipped by the preview, the staleness check and the recogniser: four
regular expressions decided what a block is.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.fences import blank_blocks, find_blocks, find_fences

VARIANTS = [
    "```brief\nkind: memberships\ncountry: JPN\n```",
    "~~~brief\nkind: memberships\ncountry: JPN\n~~~",
    "```Brief\nkind: memberships\ncountry: JPN\n```",
    "``` brief\nkind: memberships\ncountry: JPN\n```",
    "   ```brief\n   kind: memberships\n   country: JPN\n   ```",
    "````brief\nkind: memberships\ncountry: JPN\n````",
    "~~~~ BRIEF extra words\nkind: memberships\ncountry: JPN\n~~~~~",
]


def test_every_fence_style_is_a_block():
    for markup in VARIANTS:
        text = f"Before.\n\n{markup}\n\nAfter."
        blocks = find_blocks(text)
        assert len(blocks) == 1, markup
        block = blocks[0]
        assert block.body.split("\n") == ["kind: memberships", "country: JPN"], markup
        assert text[block.start:block.end] == markup


def test_what_is_not_a_block():
    for text in ("```python\nkind: memberships\n```",  # another language
                 "```\nkind: memberships\n```",  # no info string
                 "    ```brief\nkind: memberships\n    ```",  # four spaces: indented code
                 "```brief\nkind: memberships\n",  # never closed
                 "```brief`\nkind: x\n```",  # a backtick in a backtick fence's info
                 "brief\nkind: memberships"):
        assert find_blocks(text) == [], text


def test_a_closing_fence_must_match_the_opening_one():
    text = "````brief\nkind: memberships\n```\ncountry: JPN\n````\n"
    (block,) = find_blocks(text)
    assert block.body == "kind: memberships\n```\ncountry: JPN"
    tilde = "~~~brief\nkind: memberships\n```\ncountry: JPN\n~~~"
    assert find_blocks(tilde)[0].body.endswith("country: JPN")


def test_a_block_inside_a_code_fence_is_code():
    text = "~~~markdown\n```brief\nkind: memberships\n```\n~~~\n"
    assert find_blocks(text) == [] and len(find_fences(text)) == 1


def test_blanking_keeps_offsets_and_lines():
    text = "Japan.\n" + "\n\n".join(VARIANTS) + "\nChina."
    blank = blank_blocks(text)
    assert len(blank) == len(text) and blank.count("\n") == text.count("\n")
    assert "kind" not in blank and "JPN" not in blank and blank.startswith("Japan.")


@given(st.text(alphabet=st.sampled_from(list("`~ \nbriefBRIEF:kindx")), max_size=400))
def test_any_text_is_scanned_without_error(text):
    found = find_fences(text)
    for fence in found:
        assert 0 <= fence.start <= fence.end <= len(text)
    assert len(blank_blocks(text)) == len(text)


def test_a_huge_memo_is_scanned_in_one_pass():
    text = ("Paragraph.\n\n" + VARIANTS[1] + "\n\n") * 20_000
    assert len(find_blocks(text)) == 20_000
