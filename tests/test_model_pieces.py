"""``Document.pieces`` as rows of ints (:class:`corpus.model.Pieces`): the same pieces as a tuple of them."""

from __future__ import annotations

import pickle
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus import load_document
from corpus.model import PIECE_KINDS, Piece, Pieces
from tests.factory import piece

_OWNERS = st.one_of(
    st.sampled_from(["chrome", "header", "unparsed", "preamble"]),
    st.builds(
        lambda key, name: f"{key}/{name}",
        st.sampled_from(["old", "new", "x"]),
        st.sampled_from(["art_7", "art_7__para_2", "division", "table", "addenda_6487__art_1", "a/b"]),
    ),
    st.text(max_size=12),  # anything at all, "/x" and "" included
)
_PIECES = st.lists(
    st.builds(
        lambda kind, source, start, length, owner: piece(kind, source, start, start + length, owner),
        st.sampled_from(PIECE_KINDS),
        st.integers(0, 3),
        st.integers(0, 10**12),
        st.integers(0, 10**6),
        _OWNERS,
    ),
    max_size=30,
)


@given(_PIECES)
def test_rows_give_back_the_pieces_stored(pieces: list[Piece]) -> None:
    table = Pieces.of(pieces)
    assert len(table) == len(pieces)
    assert list(table) == pieces
    assert table == tuple(pieces)
    assert hash(table) == hash(tuple(pieces))
    assert [table[i] for i in range(-len(pieces), len(pieces))] == pieces + pieces
    assert table[1:-1:2] == tuple(pieces[1:-1:2])
    assert pickle.loads(pickle.dumps(table)) == table


@given(_PIECES, _PIECES)
def test_equal_exactly_when_the_pieces_are(a: list[Piece], b: list[Piece]) -> None:
    assert (Pieces.of(a) == Pieces.of(b)) == (a == b)


def test_index_out_of_range_and_a_row_count_that_does_not_fit() -> None:
    table = Pieces.of([piece("text", 0, 0, 1, "old/art_1")])
    with pytest.raises(IndexError):
        table[1]
    with pytest.raises(IndexError):
        table[-2]
    with pytest.raises(ValueError, match="ints for"):
        Pieces(array("q", [0, 0, 0, 1]), ["art_1"], ("",))


def test_a_read_document_names_owners_by_version_and_element_id() -> None:
    doc = load_document("seoul-informatization")
    assert isinstance(doc.pieces, Pieces)
    owners = {p.owner for p in doc.pieces}
    first = next(a for a in doc.old.articles if a.paragraphs)
    assert f"old/{first.eid}" in owners
    assert f"old/{first.paragraphs[0].eid}" in owners
    assert {"header", "old/division"} <= owners
    assert all(o.startswith(("old/", "new/")) or "/" not in o for o in owners)
