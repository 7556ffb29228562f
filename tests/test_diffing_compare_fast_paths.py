"""The row builder's fast paths against the plain definitions they replace (``diffing.compare``,
``diffing.worddiff``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from diffing.compare import _keys, _pieces_differ
from diffing.worddiff import WordDiffer, diff_texts

PIECE_WORDS = st.sampled_from(
    ["the", "The", "Mayor", "shall", "(1)", "1.", ",", ";", "5-2", "", " ", "\n", "a b"]
)
PIECE = st.lists(PIECE_WORDS, max_size=5).map(" ".join)
PIECES = st.lists(PIECE, max_size=6)


@st.composite
def two_piece_lists(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Two piece lists, the second the first with a few pieces changed, added, dropped, split or joined."""
    a = draw(PIECES)
    b = list(a)
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, len(b)))
        edit = draw(st.sampled_from(["change", "insert", "delete", "split", "join"]))
        if edit == "insert" or not b:
            b.insert(k, draw(PIECE))
        elif edit == "change":
            b[min(k, len(b) - 1)] = draw(PIECE)
        elif edit == "delete":
            del b[min(k, len(b) - 1)]
        elif edit == "split":  # the same words over two pieces: the same keys
            words = b[min(k, len(b) - 1)].split(" ")
            cut = draw(st.integers(0, len(words)))
            b[min(k, len(b) - 1) : min(k, len(b) - 1) + 1] = [" ".join(words[:cut]), " ".join(words[cut:])]
        elif k + 1 < len(b):
            b[k : k + 2] = [b[k] + draw(st.sampled_from([" ", "", "\n"])) + b[k + 1]]
    return a, b


@given(two_piece_lists())
def test_pieces_differ_is_its_definition(ab: tuple[list[str], list[str]]) -> None:
    a, b = ab
    plain = _keys("\n".join(a)) != _keys("\n".join(b))
    assert _pieces_differ(a, b) == plain
    assert _pieces_differ(b, a) == plain


def test_pieces_differ_sees_words_moved_across_pieces() -> None:
    assert not _pieces_differ(["(1) the Mayor", "shall"], ["(1) the", "Mayor shall"])
    assert not _pieces_differ(["a", "b c", "d"], ["a", "b", "c", "d"])
    assert _pieces_differ(["a", "b c", "d"], ["a", "b", "d"])
    assert _pieces_differ(["a", "b"], ["a", "b", "c"])
    assert not _pieces_differ(["a", "b"], ["a", "b", "", " "])


DIFF_WORDS = st.sampled_from(["the", "The", "Mayor", "shall", "may", "(1)", "1.", ",", ";", "of", "\n", "  "])
DIFF_TEXTS = st.lists(DIFF_WORDS, max_size=20).map(" ".join) | st.text(max_size=40)


@given(st.lists(st.tuples(DIFF_TEXTS, DIFF_TEXTS), max_size=8), st.data())
def test_one_word_differ_for_many_rows_gives_diff_texts(
    rows: list[tuple[str, str]], data: st.DataObject
) -> None:
    """One differ over the rows of a comparison (its tables filled by the rows before), identical and
    whitespace-only rows included, gives what ``diff_texts`` gives on each row alone."""
    rows += [(old, old) for old, _ in rows[:2]]
    rows += [(old, old.replace(" ", "  ")) for old, _ in rows[:2]]
    rows = data.draw(st.permutations(rows))
    differ = WordDiffer()
    for old, new in rows:
        assert differ.diff(old, new) == diff_texts(old, new)
