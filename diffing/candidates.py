"""Candidate narrowing: which old/new texts are worth scoring against each other.

Each text (an article, a paragraph, a subparagraph) becomes a sparse binary
vector of word unigrams and bigrams, weighted by inverse document frequency
over both versions and L2-normalised.  Features occurring in more than
``MAX_DF_SHARE`` of all texts or in more than ``MAX_DF`` (``the``, ``shall``,
``Mayor``) are dropped: they
say nothing about which text continues which, and they would make the
product dense.  One sparse product gives cosine scores for every pair sharing
a rare feature; only the ``k`` best per row and per column are kept.  Cost is
near-linear in the text size for real legal text.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

MAX_DF_SHARE = 0.08  # drop features in more than 8% of all texts ...
MIN_DF_CAP = 24  # ... but never for features in at most this many texts
MAX_DF = 200  # ... and never for features in more than this many
MIN_COSINE = 0.05


def _features(ids: Sequence[int], stride: int) -> set[int]:
    """Unigram ``w`` and bigram ``(a, b)`` features, both as ints (bigrams above ``stride``)."""
    feats = set(ids)
    feats.update(stride + a * stride + b for a, b in itertools.pairwise(ids))
    return feats


def _matrices(
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    stride = 1 + max((max(s) for s in (*old, *new) if s), default=0)
    feats_old = [_features(s, stride) for s in old]
    feats_new = [_features(s, stride) for s in new]
    df = Counter(itertools.chain.from_iterable((*feats_old, *feats_new)))
    total = len(old) + len(new)
    cap = min(MAX_DF, max(MIN_DF_CAP, int(MAX_DF_SHARE * total)))
    index: dict[int, int] = {}
    idf: list[float] = []
    for f, n in df.items():
        if n <= cap:
            index[f] = len(idf)
            idf.append(math.log(1 + total / n))
    weights = np.asarray(idf, dtype=np.float64)

    def build(feats: list[set[int]]) -> sparse.csr_matrix:
        cols_per_row = [[index[f] for f in fs if f in index] for fs in feats]
        counts = np.fromiter((len(c) for c in cols_per_row), dtype=np.int64, count=len(feats))
        indptr = np.concatenate(([0], np.cumsum(counts)))
        cols = np.fromiter(itertools.chain.from_iterable(cols_per_row), dtype=np.int64, count=int(indptr[-1]))
        m = sparse.csr_matrix((weights[cols], cols, indptr), shape=(len(feats), max(1, len(idf))))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)

    return build(feats_old), build(feats_new)


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
