"""Patterns compiled on first use behind a literal pre-check (issue 14: start-up) find what the pattern
alone finds: a Korean header entry needs a 호, a Korean heading starts with 제."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import given
from hypothesis import strategies as st

from corpus.patterns import ko_heading_pattern, ko_meta_entries, ko_meta_entry_pattern, match_ko_heading

# Pieces of Korean headings and header entries, glued at random, with noise between them
_PIECES = st.sampled_from(
    ["제", "호", "조", "의", "2", "12", "7026", " ", "  ", ",", ".", "(", ")", "목적", "조례", "전부개정",
     "2019", ". 3. 28.", "Mar. 22, 2018", "[", "]", "-", "a", "\n"]
)  # fmt: skip
texts = st.lists(_PIECES, max_size=30).map("".join) | st.text(max_size=40)


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


@given(texts)
def test_korean_meta_entries_are_the_patterns_own(text: str) -> None:
    assert _spans(ko_meta_entries(text)) == _spans(ko_meta_entry_pattern().finditer(text))


@given(texts, st.integers(-3, 45))
def test_korean_heading_match_is_the_patterns_own(text: str, pos: int) -> None:
    got, plain = match_ko_heading(text, pos), ko_heading_pattern().match(text, pos)
    assert (got and (got.span(), got.groupdict())) == (plain and (plain.span(), plain.groupdict()))


def test_the_pre_checks_find_real_korean_forms() -> None:
    entry = "[서울특별시조례 제7026호, 2019. 3. 28., 전부개정]"
    assert [m["number"] for m in ko_meta_entries(entry)] == ["7026"]
    heading = match_ko_heading("  제5조의2(목적) 이 조례는", 2)
    assert heading is not None
    assert heading.group("number", "branch", "title") == ("5", "2", "목적")
