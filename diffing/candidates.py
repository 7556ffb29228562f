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
    every = np.concatenate((feats_o, feats_n))
    vocab = _distinct(every)
    inverse = np.searchsorted(vocab, every)
    nf = max(1, len(vocab))
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
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]], k: int
) -> dict[tuple[int, int], float]:
    """Cosine of the pairs ``(i_old, j_new)`` among the ``k`` most similar of each row and of each column."""
    if not old or not new:
        return {}
    a, b = _matrices(old, new)
    sim = sparse.csr_matrix(a @ b.T)
    out: dict[tuple[int, int], float] = {}
    _best_per_row(sim, k, out, transpose=False)
    _best_per_row(sparse.csr_matrix(sim.T), k, out, transpose=True)
    return out


def _best_per_row(
    sim: sparse.csr_matrix, k: int, out: dict[tuple[int, int], float], *, transpose: bool
) -> None:
    indptr, indices, data = sim.indptr, sim.indices, sim.data
    for r in range(sim.shape[0]):
        lo, hi = int(indptr[r]), int(indptr[r + 1])
        if lo == hi:
            continue
        vals = data[lo:hi]
        cols = indices[lo:hi]
        if hi - lo > k:
            keep = np.argpartition(-vals, k)[:k]
            vals, cols = vals[keep], cols[keep]
        for v, c in zip(vals.tolist(), cols.tolist(), strict=True):
            if v >= MIN_COSINE:
                out[(c, r) if transpose else (r, c)] = v
