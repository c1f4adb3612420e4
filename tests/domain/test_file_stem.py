"""Suggested file names: whole words, never a trailing or doubled "-"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.text import file_stem


def test_a_long_title_is_cut_after_a_whole_word():
    title = "Rare earths after the G7 Washington meeting — a brief for the minister's office"
    stem = file_stem(title)
    assert stem == "rare-earths-after-the-g7-washington-meeting-a-brief-for-the"
    assert len(stem) <= 60 and not stem.endswith("-") and "--" not in stem


def test_odd_titles_fall_back_or_cut_one_long_word():
    assert file_stem("") == "memo" and file_stem("—/\\:*?") == "memo"
    assert file_stem("", fallback="bloc") == "bloc"
    assert file_stem("x" * 100, limit=40) == "x" * 40
    assert file_stem("Zinc / lead: 中国 & Россия") == "zinc-lead-中国-россия"


@given(st.text(max_size=300), st.integers(min_value=1, max_value=120))
def test_any_title_gives_a_safe_name_within_the_limit(title, limit):
    stem = file_stem(title, limit)
    assert 0 < len(stem) <= max(limit, len("memo"))
    assert not stem.startswith("-") and not stem.endswith("-") and "--" not in stem
    assert not any(ch in stem for ch in '/\\:*?"<>|\0 .')
