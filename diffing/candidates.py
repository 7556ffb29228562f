"""Candidate narrowing: which old/new texts are worth scoring against each other.

Each text (an article, a paragraph, a subparagraph) becomes a sparse binary
vector of word unigrams and bigrams, weighted by inverse document frequency
over both versions and L2-normalised.  Features occurring in more than
``MAX_DF_SHARE`` of all texts (``the``, ``shall``, ``Mayor``) are dropped: they
say nothing about which text continues which, and they would make the
product dense.  One sparse product gives cosine scores for every pair sharing
a rare feature; only the ``k`` best per row and per column are kept.  Cost is
near-linear in the text size for real legal text.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
from scipy import sparse

MAX_DF_SHARE = 0.08  # drop features in more than 8% of all texts ...
MIN_DF_CAP = 24  # ... but never for features in at most this many texts
MIN_COSINE = 0.05


def _features(ids: Sequence[int]) -> set[tuple[int, int]]:
    uni = {(w, -1) for w in ids}
    bi = set(itertools.pairwise(ids))
    return uni | bi


def _matrices(
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    feats_old = [_features(s) for s in old]
    feats_new = [_features(s) for s in new]
    df: dict[tuple[int, int], int] = {}
    for fs in (*feats_old, *feats_new):
        for f in fs:
            df[f] = df.get(f, 0) + 1
    total = len(old) + len(new)
    cap = max(MIN_DF_CAP, int(MAX_DF_SHARE * total))
    index: dict[tuple[int, int], int] = {}
    idf: list[float] = []
    for f, n in df.items():
        if n <= cap and n >= 1:
            index[f] = len(idf)
            idf.append(math.log(1 + total / n))
    weights = np.asarray(idf, dtype=np.float64)

    def build(feats: list[set[tuple[int, int]]]) -> sparse.csr_matrix:
        rows: list[int] = []
        cols: list[int] = []
        for r, fs in enumerate(feats):
            for f in fs:
                c = index.get(f)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
        vals = weights[np.asarray(cols, dtype=np.int64)] if cols else np.zeros(0)
        m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(feats), max(1, len(idf))))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)

    return build(feats_old), build(feats_new)


def cosine_matrix(old: Sequence[Sequence[int]], new: Sequence[Sequence[int]]) -> sparse.csr_matrix:
    """Sparse IDF-weighted cosine similarity, old texts x new texts (rare features only)."""
    a, b = _matrices(old, new)
    return sparse.csr_matrix(a @ b.T)


def top_pairs(
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]], k: int
) -> tuple[set[tuple[int, int]], sparse.csr_matrix | None]:
    """Index pairs ``(i_old, j_new)`` among the ``k`` most similar of each row and column, and the matrix."""
    if not old or not new:
        return set(), None
    sim = cosine_matrix(old, new)
    out: set[tuple[int, int]] = set()
    _best_per_row(sim, k, out, transpose=False)
    _best_per_row(sparse.csr_matrix(sim.T), k, out, transpose=True)
    return out, sim


def _best_per_row(sim: sparse.csr_matrix, k: int, out: set[tuple[int, int]], *, transpose: bool) -> None:
    m = sparse.csr_matrix(sim)
    indptr, indices, data = m.indptr, m.indices, m.data
    for r in range(m.shape[0]):
        lo, hi = indptr[r], indptr[r + 1]
        if lo == hi:
            continue
        vals = data[lo:hi]
        cols = indices[lo:hi]
        if hi - lo > k:
            keep = np.argpartition(-vals, k)[:k]
            vals, cols = vals[keep], cols[keep]
        for v, c in zip(vals.tolist(), cols.tolist(), strict=True):
            if v >= MIN_COSINE:
                out.add((c, r) if transpose else (r, c))
