"""Candidate narrowing: which old/new texts are worth scoring against each other.

Each text (an article, a paragraph, a subparagraph) becomes a sparse binary
vector of word unigrams and bigrams, weighted by inverse document frequency
over both versions and L2-normalised.  Features occurring in more than
``MAX_DF_SHARE`` of all texts or in more than ``MAX_DF`` (``the``, ``shall``,
``Mayor``) are dropped: they say nothing about which text continues which, and they would make the
product dense.  One sparse product gives cosine scores for every pair sharing
a rare feature; only the ``k`` best per row and per column are kept.  Cost is
near-linear in the text size for real legal text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from scipy import sparse

MAX_DF_SHARE = 0.08  # drop features in more than 8% of all texts ...
MIN_DF_CAP = 24  # ... but never for features in at most this many texts
MAX_DF = 200  # ... and never for features in more than this many
MIN_COSINE = 0.05


def _row_features(seqs: Sequence[Sequence[int]], stride: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, feature) arrays: unigram ``w`` and bigram ``stride + a * stride + b`` of each sequence."""
    lengths = np.fromiter((len(s) for s in seqs), dtype=np.int64, count=len(seqs))
    flat = np.fromiter(itertools.chain.from_iterable(seqs), dtype=np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(seqs), dtype=np.int64), lengths)
    same = rows[:-1] == rows[1:]  # consecutive words of one sequence
    bigrams = stride + flat[:-1][same] * stride + flat[1:][same]
    return np.concatenate((rows, rows[:-1][same])), np.concatenate((flat, bigrams))


def _dense_ids(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Each value replaced by its rank among the distinct values, and the number of distinct values."""
    if not len(values):
        return values, 1
    order = np.argsort(values)
    ordered = values[order]
    starts = np.empty(len(values), dtype=bool)
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    ranks = np.cumsum(starts) - 1
    out = np.empty(len(values), dtype=np.int64)
    out[order] = ranks
    return out, int(ranks[-1]) + 1


def _feature_ids(values: np.ndarray, stride: int) -> tuple[np.ndarray, int]:
    """``_dense_ids`` of unigram (``< stride``) and bigram (``>= stride``) features.

    Unigrams are ranked by a presence table (no sort); only the bigrams, about
    half of the values, are sorted.  Every bigram is above every unigram, so the
    ranks are the same as ``_dense_ids`` of all values.
    """
    uni = values < stride
    present = np.zeros(stride, dtype=bool)
    present[values[uni]] = True
    rank_u = np.cumsum(present) - 1
    n_uni = int(rank_u[-1]) + 1
    out = np.empty(len(values), dtype=np.int64)
    out[uni] = rank_u[values[uni]]
    rank_b, n_bi = _dense_ids(values[~uni])
    out[~uni] = rank_b + n_uni
    return out, max(1, n_uni + (n_bi if len(rank_b) else 0))  # at least 1, as ``_dense_ids``


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a plain sort: faster than ``np.unique``'s hashing on large int arrays)."""
    if not len(values):
        return values
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _matrices(
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    stride = 1 + max((max(s) for s in (*old, *new) if s), default=0)
    rows_o, feats_o = _row_features(old, stride)
    rows_n, feats_n = _row_features(new, stride)
    inverse, nf = _feature_ids(np.concatenate((feats_o, feats_n)), stride)
    # one entry per (text, feature): binary weights
    key_o = _distinct(rows_o * nf + inverse[: len(feats_o)])
    key_n = _distinct(rows_n * nf + inverse[len(feats_o) :])
    df = np.bincount(key_o % nf, minlength=nf) + np.bincount(key_n % nf, minlength=nf)
    total = len(old) + len(new)
    cap = min(MAX_DF, max(MIN_DF_CAP, int(MAX_DF_SHARE * total)))
    idf = np.where((df > 0) & (df <= cap), np.log1p(total / np.maximum(df, 1)), 0.0)

    def build(keys: np.ndarray, n_rows: int) -> sparse.csr_matrix:
        rows, cols = keys // nf, keys % nf
        vals = idf[cols]
        keep = vals > 0
        m = sparse.csr_matrix((vals[keep], (rows[keep], cols[keep])), shape=(n_rows, nf))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)

    return build(key_o, len(old)), build(key_n, len(new))


def top_pairs(
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]], k: int, floor: float = MIN_COSINE
) -> dict[tuple[int, int], float]:
    """Cosine (>= ``floor``) of the pairs among the ``k`` most similar of each row and of each column."""
    if not old or not new:
        return {}
    a, b = _matrices(old, new)
    sim = sparse.coo_matrix(a @ b.T)
    keep = sim.data >= floor
    rows, cols, vals = sim.row[keep], sim.col[keep], sim.data[keep]
    best = _top_k(rows, cols, vals, k) | _top_k(cols, rows, vals, k)
    picked = np.flatnonzero(best)
    return dict(
        zip(
            zip(rows[picked].tolist(), cols[picked].tolist(), strict=True), vals[picked].tolist(), strict=True
        )
    )


def _top_k(group: np.ndarray, other: np.ndarray, vals: np.ndarray, k: int) -> np.ndarray:
    """Mask of the entries among the ``k`` largest ``vals`` of their ``group`` (ties: lower ``other``)."""
    order = np.lexsort((other, -vals, group))
    g = group[order]
    starts = np.empty(len(g), dtype=bool)
    if len(g):
        starts[0] = True
        np.not_equal(g[1:], g[:-1], out=starts[1:])
    first = np.maximum.accumulate(np.where(starts, np.arange(len(g)), 0))
    mask = np.zeros(len(g), dtype=bool)
    mask[order] = (np.arange(len(g)) - first) < k
    return mask
