"""Change regions: the changed stretches of every row's word diff, with their words and offsets.

A region is a run of non-equal opcodes of one row (or of the article titles of
a one-to-one pair), where changes separated by at most ``GAP`` unchanged
tokens on one line are taken together: ``National Artificial Intelligence
Committee`` -> ``Presidential Council on National Artificial Intelligence
Strategy`` is one region although the engine's diff keeps the shared middle
words equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING

from analysis.lookup import Lookup

if TYPE_CHECKING:
    from diffing.model import Comparison, Pair, TextDiff

GAP = 3  # unchanged tokens that may sit inside one region


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    pair: str  # Pair.key
    row: int | None  # index in Pair.rows; None for the title
    old_article: str
    new_article: str
    old_label: str  # unit label ("" for the lead)
    new_label: str
    old: tuple[str, ...]  # words (punctuation stripped, case kept) of the old side of the region
    new: tuple[str, ...]
    old_span: tuple[int, int]  # character range in the row's old text
    new_span: tuple[int, int]


def word(token: str) -> str:
    m = _word_core().match(token.strip())
    return m["core"] if m else token.strip()


def words_of(tokens: Iterable[str]) -> tuple[str, ...]:
    """The words of ``tokens`` (:func:`word` of each, empty ones left out)."""
    match = _word_core().match
    out = []
    for t in tokens:
        t = t.strip()
        if t.isalnum():  # no punctuation to strip (str.isalnum is re's \w without "_")
            out.append(t)
            continue
        m = match(t)
        w = m["core"] if m else t
        if w:
            out.append(w)
    return tuple(out)


@cache
def _word_core() -> re.Pattern[str]:
    """``analysis.patterns.WORD_CORE``, imported on first use and then
    a cached call (an import statement costs ~0.6 µs in a function run for each row or word)."""
    from analysis.patterns import WORD_CORE

    return WORD_CORE


def text_words(text: str) -> tuple[str, ...]:
    """``words_of(tokenize(text))`` without making the tokens.

    A display token (``diffing.tokens``) is whitespace and then one ``\\w+`` run or one mark: a mark
    or a whitespace tail has no word, and a run is its own word unless it has an ``_`` to strip.
    ASCII text without ``_`` (most of an English law) is split by a byte translation instead of the
    regex: the same runs, about twice as fast (``tests/test_analysis_fast_paths.py``).
    """
    if "_" not in text and text.isascii():
        return tuple(text.encode("ascii").translate(_ascii_non_words()).decode("ascii").split())
    from diffing.tokens import WORD_RE

    runs = WORD_RE.findall(text)
    return tuple(runs) if "_" not in text else words_of(runs)


@cache
def _ascii_non_words() -> bytes:
    """A byte table turning every ASCII character that ``WORD_RE`` does not match into a space (the others
    kept), taken from the pattern itself: ``split()`` of a translated ASCII text gives its ``\\w+`` runs."""
    from diffing.tokens import WORD_RE

    return bytes(c if c < 128 and WORD_RE.fullmatch(chr(c)) else ord(" ") for c in range(256))


def diff_regions(diff: TextDiff) -> Iterator[tuple[int, int, int, int]]:
    """Token ranges ``(i1, i2, j1, j2)`` of the regions of one diff."""
    ops = list(diff.opcodes)
    current: list[int] | None = None
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            if current is not None:
                text = "".join(diff.old_tokens[i1:i2])
                if i2 - i1 <= GAP and "\n" not in text:
                    continue
                yield current[0], current[1], current[2], current[3]
                current = None
            continue
        if current is None:
            current = [i1, i2, j1, j2]
        else:
            current[1], current[3] = i2, j2
    if current is not None:
        yield current[0], current[1], current[2], current[3]


def _offsets(tokens: tuple[str, ...]) -> list[int]:
    """The character offset of each token in the text, and the text's length last."""
    return list(accumulate(map(len, tokens), initial=0))


def pair_regions(comparison: Comparison, pair: Pair, lookup: Lookup | None = None) -> list[Region]:
    """Regions of every row of ``pair`` with both sides, and of the titles of a one-to-one pair."""
    from diffing.worddiff import diff_texts

    lookup = lookup or Lookup(comparison)
    out: list[Region] = []
    diffs: list[tuple[int | None, str, str, str, str, TextDiff]] = []
    for k, row in enumerate(pair.rows):
        if row.old is not None and row.new is not None and row.diff.changed:
            diffs.append((k, row.old.article, row.new.article, row.old.label, row.new.label, row.diff))
    olds, news = lookup.articles("old", pair), lookup.articles("new", pair)
    if len(olds) == 1 and len(news) == 1:
        a, b = olds[0], news[0]
        if a.title != b.title:
            diffs.append((None, a.number, b.number, "", "", diff_texts(a.title, b.title)))
    for index, old_article, new_article, old_label, new_label, diff in diffs:
        oo, no = _offsets(diff.old_tokens), _offsets(diff.new_tokens)
        for i1, i2, j1, j2 in diff_regions(diff):
            out.append(
                Region(
                    pair=pair.key,
                    row=index,
                    old_article=old_article,
                    new_article=new_article,
                    old_label=old_label,
                    new_label=new_label,
                    old=words_of(diff.old_tokens[i1:i2]),
                    new=words_of(diff.new_tokens[j1:j2]),
                    old_span=(oo[i1], oo[i2]),
                    new_span=(no[j1], no[j2]),
                )
            )
    return out


def all_regions(comparison: Comparison, lookup: Lookup | None = None) -> list[Region]:
    lookup = lookup or Lookup(comparison)
    return [r for p in comparison.pairs for r in pair_regions(comparison, p, lookup)]
