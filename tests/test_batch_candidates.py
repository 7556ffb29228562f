"""Candidate cosines (issue 14): plain Python, the numpy inverted index and scipy.sparse give the very
same floats, in the same order.

Small inputs take the plain-Python path (a small ``ordiff align`` imports no numpy); larger ones numpy's
inverted index, the largest scipy's product.  Every path must sum each pair in the same order, or a score
could move by one bit and an alignment with it.
"""

from __future__ import annotations

import itertools
import mmap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ordiff
from diffing import align, candidates, candidates_numpy
from diffing.align import Fragment, FragmentLink
from diffing.tokens import Vocabulary

texts = st.lists(st.lists(st.integers(0, 40), max_size=25), min_size=1, max_size=30)
# some long texts too: a norm over more than 8 (and 128) features takes numpy's pairwise summation
long_texts = st.lists(st.lists(st.integers(0, 400), max_size=300), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(old=texts, new=texts, k=st.integers(1, 4), block=st.sampled_from([3, 50, 1 << 18]))
def test_numpy_and_scipy_products_agree_exactly(old, new, k, block) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates_numpy, "PRODUCT_BLOCK", block)
        mp.setattr(candidates_numpy, "SCIPY_ABOVE", 1 << 62)
        by_numpy = candidates_numpy.top_pairs(old, new, k, candidates.MIN_COSINE)
        mp.setattr(candidates_numpy, "SCIPY_ABOVE", -1)
        by_scipy = candidates_numpy.top_pairs(old, new, k, candidates.MIN_COSINE)
    assert by_numpy == by_scipy  # same pairs, same float values


@settings(max_examples=150, deadline=None)
@given(
    old=st.one_of(texts, long_texts),
    new=st.one_of(texts, long_texts),
    k=st.integers(1, 4),
    floor=st.sampled_from([0.0, candidates.MIN_COSINE, 0.2, 0.6]),
    chunk=st.sampled_from([1, 7, 1 << 18]),  # words featurised, and values ranked, at once
)
def test_python_and_numpy_paths_agree_exactly(old, new, k, floor, chunk) -> None:
    by_python = candidates._top_pairs(old, new, k, floor)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates_numpy, "FEATURE_CHUNK", chunk)
        mp.setattr(candidates_numpy, "RANK_CHUNK", chunk)
        by_numpy = candidates_numpy.top_pairs(old, new, k, floor)
    assert list(by_python.items()) == list(by_numpy.items())  # same pairs, same floats, same order


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0.0, 1e3, allow_nan=False), min_size=1, max_size=700))
def test_row_sum_is_numpys_reduceat(values: list[float]) -> None:
    assert candidates._row_sum(values) == float(np.add.reduceat(np.array(values), [0])[0])


def _article_ids(name: str) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    doc = ordiff.load(name)
    vocab = Vocabulary()
    return [vocab.encode_words(a.text) for a in doc.old.articles], [
        vocab.encode_words(a.text) for a in doc.new.articles
    ]


@pytest.mark.parametrize("name", ["kr-ai-framework-act", "seoul-informatization"])
def test_real_articles_agree_exactly_on_every_path(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = _article_ids(name)
    by_python = candidates._top_pairs(old, new, 6, candidates.MIN_COSINE)
    monkeypatch.setattr(candidates_numpy, "SCIPY_ABOVE", 1 << 62)
    by_numpy = candidates_numpy.top_pairs(old, new, 6, candidates.MIN_COSINE)
    monkeypatch.setattr(candidates_numpy, "SCIPY_ABOVE", -1)
    by_scipy = candidates_numpy.top_pairs(old, new, 6, candidates.MIN_COSINE)
    assert list(by_python.items()) == list(by_numpy.items()) and by_numpy == by_scipy
    assert len(by_python) > len(old)


def test_top_pairs_takes_the_numpy_path_only_above_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = _article_ids("seoul-informatization")
    taken: list[str] = []
    monkeypatch.setattr(candidates, "_top_pairs", lambda *a: taken.append("python") or {})
    monkeypatch.setattr(candidates_numpy, "top_pairs", lambda *a: taken.append("numpy") or {})
    candidates.top_pairs(old, new, 6)
    monkeypatch.setattr(candidates, "NUMPY_ABOVE", sum(map(len, old)) + sum(map(len, new)) - 1)
    candidates.top_pairs(old, new, 6)
    assert taken == ["python", "numpy"]


def _numpy_without_clear_winner(links: list[FragmentLink], side: int) -> set[int]:
    """The numpy group winners ``diffing.align`` used before its plain-Python ones (the reference)."""
    if not links:
        return set()
    score = np.array([lk.score for lk in links])
    mine = [lk.old if side == 0 else lk.new for lk in links]
    theirs = [lk.new if side == 0 else lk.old for lk in links]
    groups: dict[tuple[int, int, str], int] = {}
    group = np.array([groups.setdefault((f.article, f.unit, f.label), len(groups)) for f in mine])
    other = np.array([f.article for f in theirs])
    order = np.lexsort((-score, other, group))
    g, o, s = group[order], other[order], score[order]
    first = np.ones(len(g), dtype=bool)
    first[1:] = (g[1:] != g[:-1]) | (o[1:] != o[:-1])
    g, o, s = g[first], o[first], s[first]
    order = np.lexsort((-s, g))
    g, o, s = g[order], o[order], s[order]
    count = np.bincount(g, minlength=len(groups))
    start = np.searchsorted(g, np.arange(len(groups)))
    several = count >= 2
    winner = np.full(len(groups), -1, dtype=np.int64)
    top = start[several]
    clear = s[top] - s[top + 1] >= align.LINK_MARGIN
    winner[np.flatnonzero(several)[clear]] = o[top[clear]]
    return set(np.flatnonzero(several[group] & (other != winner[group])).tolist())


def _fragment(side: int, article: int, unit: int) -> Fragment:
    return Fragment.of(side, article, unit, f"({unit})", (1, 2, 3))


links = st.lists(
    st.tuples(
        st.integers(0, 4),
        st.integers(-1, 2),
        st.integers(0, 4),
        st.integers(-1, 2),
        st.sampled_from([0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.9, 1.0]),  # near-ties, exact ties and margins
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(links)
def test_group_winners_agree_with_the_numpy_reference(raw) -> None:
    found = [FragmentLink(_fragment(0, ao, uo), _fragment(1, an, un), s) for ao, uo, an, un, s in raw]
    for side in (0, 1):
        assert set(align._without_clear_winner(found, side)) == _numpy_without_clear_winner(found, side)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, (1 << 40)), max_size=60), max_size=5),
    st.booleans(),
    st.sampled_from([1, 3, 1 << 20]),
)
def test_ranks_are_those_of_np_unique(chunks: list[list[int]], huge: bool, piece: int) -> None:
    if huge:  # a value too large to pack with its position: the argsort branch
        chunks = [*chunks, [(1 << 62) - 1, 5]]
    arrays = [np.array(c, dtype=np.int64) for c in chunks]
    joined = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates_numpy, "RANK_CHUNK", piece)
        ranks, count = candidates_numpy._ranks(arrays)
    distinct, inverse = np.unique(joined, return_inverse=True)
    assert [len(r) for r in ranks] == [len(c) for c in chunks] and not arrays  # one array per chunk
    assert [x for r in ranks for x in r.tolist()] == inverse.tolist() and count == max(1, len(distinct))


@settings(max_examples=100, deadline=None)
@given(texts, st.sampled_from([1, 7, 1 << 18]))
def test_descending_entries_reverse_each_rows_features_as_the_lexsort(seqs, chunk) -> None:
    stride = 1 + max((max(s) for s in seqs if s), default=0)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates_numpy, "FEATURE_CHUNK", chunk)
        counts, stops, chunks = candidates_numpy._entries(seqs, stride)
        counts_d, stops_d, chunks_d = candidates_numpy._entries(seqs, stride, descending=True)
    assert counts.tolist() == counts_d.tolist() and stops == stops_d and stops[-1] == len(seqs)
    starts = [0, *stops[:-1]]
    assert [len(c) for c in chunks] == [int(counts[a:b].sum()) for a, b in zip(starts, stops, strict=True)]
    rows = np.repeat(np.arange(len(seqs)), counts)
    cols, cols_d = np.concatenate(chunks).astype(np.int64), np.concatenate(chunks_d)
    assert counts.tolist() == [len(candidates._features(s, stride)) for s in seqs]  # each feature once
    assert np.all(np.diff(rows * stride * (stride + 1) + cols) > 0)  # by row, then feature
    assert cols_d.tolist() == cols[np.lexsort((-cols, rows))].tolist()  # each row's features reversed


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 1000)), max_size=80),
    st.booleans(),
    st.sampled_from([1, 4, 1 << 20]),
)
def test_counts_are_np_bincount(entries: list[tuple[int, int]], weighted: bool, piece: int) -> None:
    values = np.array([v for v, _ in entries], dtype=np.int32)
    weights = np.array([w for _, w in entries], dtype=np.int64) if weighted else None
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates_numpy, "RANK_CHUNK", piece)
        got = candidates_numpy._counts(values, 31, weights)
    assert got.tolist() == np.bincount(values, weights=weights, minlength=31).tolist()


@settings(max_examples=60, deadline=None)
@given(old=st.one_of(texts, long_texts), new=st.one_of(texts, long_texts), k=st.integers(1, 4))
def test_top_arrays_are_top_pairs_by_old_then_new(old, new, k) -> None:
    for scipy_above in (1 << 62, -1):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(candidates_numpy, "SCIPY_ABOVE", scipy_above)
            rows, cols, vals = candidates_numpy.top_arrays(old, new, k, candidates.MIN_COSINE)
            pairs = candidates_numpy.top_pairs(old, new, k, candidates.MIN_COSINE)
        got = list(zip(zip(rows.tolist(), cols.tolist(), strict=True), vals.tolist(), strict=True))
        assert got == sorted(pairs.items())  # the same pairs and floats, by old then new


def _fragments(name: str) -> tuple[list[Fragment], list[Fragment]]:
    doc = ordiff.load(name)
    vocab = Vocabulary()
    po, pn = align._prepare(0, doc.old, vocab), align._prepare(1, doc.new, vocab)
    return list(po.fragments), list(pn.fragments)


@pytest.mark.parametrize("name", ["kr-ai-framework-act", "seoul-informatization"])
def test_link_candidates_filtered_as_arrays_are_the_plain_ones(name: str) -> None:
    fo, fn = _fragments(name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates, "NUMPY_ABOVE", 1 << 62)  # top_pairs in plain Python, filtered pair by pair
        plain = list(align._link_candidates(fo, fn))
        mp.setattr(candidates, "NUMPY_ABOVE", -1)  # top_arrays, filtered as arrays
        by_arrays = list(align._link_candidates(fo, fn))
    assert by_arrays == plain and len(plain) > len(fo) // 4
    whole = {(i, j) for i, f in enumerate(fo) for j, g in enumerate(fn) if f.unit < 0 and g.unit < 0}
    assert not whole & {(i, j) for i, j, _ in plain}  # whole against whole is left to the body score


fragment_ids = st.lists(st.integers(0, 30), min_size=0, max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-1, 2), fragment_ids), min_size=1, max_size=25),
    st.lists(st.tuples(st.integers(-1, 2), fragment_ids), min_size=1, max_size=25),
)
def test_link_candidates_agree_on_both_paths(old, new) -> None:
    fo = [Fragment.of(0, n, u, "", tuple(ids)) for n, (u, ids) in enumerate(old)]
    fn = [Fragment.of(1, n, u, "", tuple(ids)) for n, (u, ids) in enumerate(new)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates, "NUMPY_ABOVE", 1 << 62)
        plain = list(align._link_candidates(fo, fn))
        mp.setattr(candidates, "NUMPY_ABOVE", -1)
        assert list(align._link_candidates(fo, fn)) == plain


def test_arrays_in_memory_maps_give_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = _article_ids("kr-ai-framework-act")
    monkeypatch.setattr(candidates_numpy, "SCIPY_ABOVE", -1)
    monkeypatch.setattr(candidates_numpy, "MAPPED_ABOVE", 1 << 62)
    in_heap = candidates_numpy.top_pairs(old, new, 6, candidates.MIN_COSINE)
    monkeypatch.setattr(candidates_numpy, "MAPPED_ABOVE", 0)  # every non-empty array kept a while: mapped
    mapped = candidates_numpy._mapped(3, np.int32)
    assert isinstance(memoryview(mapped.base).obj, mmap.mmap) and mapped.flags.writeable
    by_maps = candidates_numpy.top_pairs(old, new, 6, candidates.MIN_COSINE)
    assert list(by_maps.items()) == list(in_heap.items())


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 12), unique=True, max_size=10), min_size=1, max_size=20),
    st.sampled_from([1, 3, 1 << 18]),
    st.booleans(),
)
def test_transposed_is_scipys_conversion(rows: list[list[int]], piece: int, packed: bool) -> None:
    from scipy import sparse

    indptr = np.array([0, *itertools.accumulate(map(len, rows))], dtype=np.int64)
    cols = np.array([c for r in rows for c in sorted(r)], dtype=np.int32)
    vals = np.arange(1, len(cols) + 1, dtype=np.float64)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates_numpy, "RANK_CHUNK", piece)
        mp.setattr(candidates_numpy, "PACKED_BELOW", 1 << 62 if packed else 0)  # else a stable argsort
        indptr_t, rows_t, vals_t = candidates_numpy._transposed(indptr, cols, vals, 13)
    want = sparse.csr_matrix(sparse.csr_matrix((vals, cols, indptr), shape=(len(rows), 13)).T)
    assert indptr_t.tolist() == want.indptr.tolist()
    assert (rows_t.tolist(), vals_t.tolist()) == (want.indices.tolist(), want.data.tolist())


@pytest.mark.parametrize("numpy_above", [1 << 62, -1])
def test_joined_text_and_title_score_as_their_concatenations(numpy_above: int) -> None:
    doc = ordiff.load("kr-ai-framework-act")
    vocab = Vocabulary()
    sides = []
    for version in (doc.old, doc.new):
        text = [tuple(vocab.encode_words(a.text)) for a in version.articles]
        title = [tuple(vocab.encode_words(a.title)) for a in version.articles]
        joined = align._joined(text, title)
        assert list(joined) == [t + u for t, u in zip(text, title, strict=True)]
        assert list(joined[3:7]) == list(joined)[3:7] and len(joined) == len(text)
        sides.append((joined, list(joined)))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates, "NUMPY_ABOVE", numpy_above)
        lazy = candidates.top_pairs(sides[0][0], sides[1][0], 6)
        made = candidates.top_pairs(sides[0][1], sides[1][1], 6)
    assert list(lazy.items()) == list(made.items()) and lazy
