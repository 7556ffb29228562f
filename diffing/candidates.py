"""Candidate narrowing: which old/new texts are worth scoring against each other.

Each text (an article, a paragraph, a subparagraph) becomes a sparse binary
vector of word unigrams and bigrams, weighted by inverse document frequency
over both versions and L2-normalised.  Features occurring in more than
``MAX_DF_SHARE`` of all texts or in more than ``MAX_DF`` (``the``, ``shall``,
``Mayor``) are dropped: they say nothing about which text continues which, and they would make the
product dense.  One sparse product (an inverted index) gives cosine scores for every pair sharing a rare
feature; only the ``k`` best per row and per column are kept.  Cost is near-linear in the text size for
real legal text.

Two paths compute the same floats in the same order: plain Python here for small inputs (one ordinance:
a small ``ordiff align`` never imports numpy, issue 14), numpy arrays in :mod:`diffing.candidates_numpy`
for inputs of more than ``NUMPY_ABOVE`` words.  Each sum is taken in one fixed order on both paths:

- a text's squared norm over its features in ascending order, as ``np.add.reduceat`` sums a row: its
  first term plus numpy's pairwise sum of the others (:func:`_row_sum`);
- a pair's product over their shared features in *descending* order of the old text's features, one
  term after another from 0.0 (the order of scipy's product of the CSR matrices).
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections import Counter
from collections.abc import Sequence

MAX_DF_SHARE = 0.08  # drop features in more than 8% of all texts ...
MIN_DF_CAP = 24  # ... but never for features in at most this many texts
MAX_DF = 200  # ... and never for features in more than this many
MIN_COSINE = 0.05
NUMPY_ABOVE = 50_000  # words (both sides) above which the numpy path is faster, its import included

_PAIRWISE_BLOCK = 128  # numpy's ``PW_BLOCKSIZE``: the unrolled blocks of its pairwise summation


def top_pairs(
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]], k: int, floor: float = MIN_COSINE
) -> dict[tuple[int, int], float]:
    """Cosine (>= ``floor``) of the pairs among the ``k`` most similar of each row and of each column,
    in (old, new) order."""
    if not old or not new:
        return {}
    if sum(map(len, old)) + sum(map(len, new)) > NUMPY_ABOVE:
        from diffing import candidates_numpy

        return candidates_numpy.top_pairs(old, new, k, floor)
    return _top_pairs(old, new, k, floor)


def df_cap(total: int) -> int:
    """The largest document frequency a feature may have among ``total`` texts and still count."""
    return min(MAX_DF, max(MIN_DF_CAP, int(MAX_DF_SHARE * total)))


def idf_table(total: int, cap: int) -> list[float]:
    """idf by document frequency ``df`` (index ``0 .. cap + 1``): ``log1p(total / df)`` for
    ``1 <= df <= cap``, 0.0 for an absent (0) or too common (``cap + 1`` and above) feature.

    ``math.log1p`` on purpose, on both paths: ``np.log1p`` may take a SIMD routine (AVX-512) whose last bit
    differs from the C library's, which would make scores depend on the processor and the two paths disagree.
    """
    return [0.0, *(math.log1p(total / df) for df in range(1, cap + 1)), 0.0]


def _pairwise_sum(values: Sequence[float], lo: int, hi: int) -> float:
    """numpy's pairwise summation (``DOUBLE_pairwise_sum``) of ``values[lo:hi]``, term for term
    (``functools.reduce`` adds one term after another; ``sum`` may compensate, Python 3.12 on)."""
    n = hi - lo
    if n < 8:
        return functools.reduce(operator.add, values[lo:hi], 0.0)
    if n <= _PAIRWISE_BLOCK:
        end = hi - n % 8
        r = [functools.reduce(operator.add, values[lo + u : end : 8]) for u in range(8)]
        total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        return functools.reduce(operator.add, values[end:hi], total)
    half = n // 2
    half -= half % 8
    return _pairwise_sum(values, lo, lo + half) + _pairwise_sum(values, lo + half, hi)


def _row_sum(values: Sequence[float]) -> float:
    """``np.add.reduceat`` of one non-empty row: the first value, then the pairwise sum of the others."""
    return values[0] + _pairwise_sum(values, 1, len(values)) if len(values) > 1 else values[0]


def _features(seq: Sequence[int], stride: int) -> set[int]:
    """Unigrams ``w`` and bigrams ``stride + a * stride + b`` of a sequence (bigrams above unigrams)."""
    out = set(seq)
    out.update([stride + a * stride + b for a, b in itertools.pairwise(seq)])
    return out


Vector = tuple[list[int], list[float]]  # features ascending, their weights


def _vectors(old: Sequence[Sequence[int]], new: Sequence[Sequence[int]]) -> tuple[list[Vector], list[Vector]]:
    """The L2-normalised idf vectors of both sides."""
    stride = 1 + max((max(s) for s in (*old, *new) if s), default=0)
    feats_o = [_features(s, stride) for s in old]
    feats_n = [_features(s, stride) for s in new]
    df = Counter(itertools.chain.from_iterable(feats_o))
    df.update(itertools.chain.from_iterable(feats_n))
    total = len(old) + len(new)
    cap = df_cap(total)
    table = idf_table(total, cap)
    idf = {f: table[d] for f, d in df.items() if d <= cap}
    counted = idf.keys()
    weigh = idf.__getitem__

    def vector(feats: set[int]) -> Vector:
        kept = sorted(counted & feats)
        if not kept:
            return kept, []
        vals = list(map(weigh, kept))
        scale = 1.0 / math.sqrt(_row_sum([v * v for v in vals]))  # never 0: every idf is above log(2)
        return kept, [scale * v for v in vals]

    return list(map(vector, feats_o)), list(map(vector, feats_n))


def _top_pairs(
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]], k: int, floor: float
) -> dict[tuple[int, int], float]:
    """:func:`top_pairs` in plain Python (an inverted index of the new texts by feature)."""
    vec_o, vec_n = _vectors(old, new)
    index: dict[int, list[tuple[int, float]]] = {}
    for j, (feats, weights) in enumerate(vec_n):
        for f, w in zip(feats, weights, strict=True):
            index.setdefault(f, []).append((j, w))
    postings = index.get
    pairs: list[tuple[int, int, float]] = []  # (old, new, cosine) by old, then new
    for i, (feats, weights) in enumerate(vec_o):
        sums: dict[int, float] = {}
        get = sums.get
        for f, wa in zip(reversed(feats), reversed(weights), strict=True):
            for j, wb in postings(f, ()):
                sums[j] = get(j, 0.0) + wa * wb  # from 0.0, one term after another
        if sums:
            pairs.extend([(i, j, c) for j, c in sorted(sums.items()) if c >= floor])
    best = _top_k(pairs, 0, k) | _top_k(pairs, 1, k)
    return {(i, j): c for n, (i, j, c) in enumerate(pairs) if n in best}


def _top_k(pairs: list[tuple[int, int, float]], side: int, k: int) -> set[int]:
    """Positions of the pairs among the ``k`` largest cosines of their old (``side`` 0) or new (1) text
    (ties: the lower text of the other side)."""
    groups: dict[int, list[tuple[float, int, int]]] = {}
    for n, (i, j, c) in enumerate(pairs):
        mine, other = (i, j) if side == 0 else (j, i)
        groups.setdefault(mine, []).append((-c, other, n))
    return {n for group in groups.values() for _, _, n in sorted(group)[:k]}
