"""The large-input path of :func:`diffing.candidates.top_pairs`: numpy arrays (and ``scipy.sparse`` for the
largest products), imported only when an input is too large for the pure-Python path.

The same features, weights and sums as :mod:`diffing.candidates` (see its docstring), in the same order, so
both paths give the very same floats (``tests/test_batch_candidates.py``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from diffing.candidates import df_cap, idf_table


def _row_features(seqs: Sequence[Sequence[int]], stride: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, feature) arrays: unigram ``w`` and bigram ``stride + a * stride + b`` of each sequence."""
    lengths = np.fromiter((len(s) for s in seqs), dtype=np.int64, count=len(seqs))
    n = int(lengths.sum())
    rows = np.repeat(np.arange(len(seqs), dtype=np.int64), lengths)
    same = np.flatnonzero(rows[:-1] == rows[1:])  # consecutive words of one sequence: same[k], same[k] + 1
    out_rows = np.empty(n + len(same), dtype=np.int64)
    out_rows[:n] = rows
    out_rows[n:] = rows[same]
    del rows
    feats = np.empty(n + len(same), dtype=np.int64)
    feats[:n] = np.fromiter(itertools.chain.from_iterable(seqs), dtype=np.int64, count=n)
    bigrams = feats[n:]  # stride + a * stride + b, computed in place
    np.multiply(feats[same], stride, out=bigrams)
    bigrams += feats[same + 1]
    bigrams += stride
    return out_rows, feats


def _dense_ids(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Each value (``>= 0``) replaced by its rank among the distinct values, and the number of them.

    The values are sorted with their positions packed into one integer (``value * n + position``) when
    that fits in 63 bits: a plain ``np.sort`` (vectorised) is several times faster than ``np.argsort``.
    """
    n = len(values)
    if not n:
        return values, 1
    if int(values.max()) < (1 << 62) // n:
        packed = values * n
        packed += np.arange(n, dtype=np.int64)
        packed.sort()
        order, ordered = packed % n, packed // n
        del packed
    else:
        order = np.argsort(values)
        ordered = values[order]
    starts = np.empty(n, dtype=bool)
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    del ordered
    ranks = np.cumsum(starts)
    del starts
    ranks -= 1
    out = np.empty(n, dtype=np.int64)
    out[order] = ranks
    return out, int(ranks[-1]) + 1


def _feature_ids(values: np.ndarray, stride: int) -> tuple[np.ndarray, int]:
    """``_dense_ids`` of unigram (``< stride``) and bigram (``>= stride``) features, in place of ``values``.

    Unigrams are ranked by a presence table (no sort); only the bigrams, about
    half of the values, are sorted.  Every bigram is above every unigram, so the
    ranks are the same as ``_dense_ids`` of all values.  ``values`` is
    overwritten with the ranks (returned), so no copy of all of them is made.
    """
    uni = values < stride
    present = np.zeros(stride, dtype=bool)
    present[values[uni]] = True
    rank_u = np.cumsum(present) - 1
    n_uni = int(rank_u[-1]) + 1
    bi = np.flatnonzero(~uni)
    rank_b, n_bi = _dense_ids(values[bi])
    values[uni] = rank_u[values[uni]]
    del uni
    rank_b += n_uni
    values[bi] = rank_b
    return values, max(1, n_uni + (n_bi if len(rank_b) else 0))  # at least 1, as ``_dense_ids``


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a plain sort: faster than ``np.unique``'s hashing on large int arrays)."""
    if not len(values):
        return values
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


Entries = tuple[np.ndarray, np.ndarray, np.ndarray]  # (row, feature, weight), sorted by row then feature


def _matrices(old: Sequence[Sequence[int]], new: Sequence[Sequence[int]]) -> tuple[Entries, Entries]:
    """The L2-normalised idf vectors of both sides, as sparse entries."""
    stride = 1 + max((max(s) for s in (*old, *new) if s), default=0)
    rows_o, feats_o = _row_features(old, stride)
    rows_n, feats_n = _row_features(new, stride)
    n_o = len(feats_o)
    values = np.concatenate((feats_o, feats_n))
    del feats_o, feats_n
    inverse, nf = _feature_ids(values, stride)
    del values
    # one entry per (text, feature): binary weights
    rows_o *= nf
    rows_o += inverse[:n_o]
    key_o = _distinct(rows_o)
    del rows_o
    rows_n *= nf
    rows_n += inverse[n_o:]
    del inverse
    key_n = _distinct(rows_n)
    del rows_n
    df = np.bincount(key_o % nf, minlength=nf) + np.bincount(key_n % nf, minlength=nf)
    total = len(old) + len(new)
    cap = df_cap(total)
    idf = np.asarray(idf_table(total, cap))[np.minimum(df, cap + 1)]

    def build(keys: np.ndarray, n_rows: int) -> Entries:
        keys = keys[idf[keys % nf] > 0]
        rows, cols = np.divmod(keys, nf)
        del keys
        vals = idf[cols]
        # squared norms summed per row by ``np.add.reduceat`` over the row's entries, as scipy's CSR row sum
        # does (the same floats: the candidate scores must not move by one bit)
        norms = np.zeros(n_rows)
        if len(rows):
            starts = np.flatnonzero(np.diff(rows, prepend=-1))
            norms[rows[starts]] = np.add.reduceat(vals * vals, starts)
        norms = np.sqrt(norms)
        norms[norms == 0] = 1.0
        return rows, cols, (1.0 / norms)[rows] * vals

    entries_o = build(key_o, len(old))
    del key_o
    return entries_o, build(key_n, len(new))


PRODUCT_BLOCK = 1 << 18  # partial products handled at once by ``_cosines`` (transient memory: ~15 MB)
SCIPY_ABOVE = 1 << 18  # above this many partial products scipy's C product is faster and leaner
SCIPY_BLOCK = 1 << 22  # partial products per block of rows of the scipy product (transient: ~100 MB at most)


def _ordered(a: Entries) -> Entries:
    """``a`` (by row, then feature) by row, features descending within a row: the order in which scipy's
    product of the diagonal-scaled CSR matrix visited them, hence the order of each pair's sum.

    Each row's run of entries reversed in place of a sort: entry ``i`` of a row spanning ``first .. last``
    takes position ``first + last - i``."""
    rows = a[0]
    if not len(rows):
        return a
    bounds = np.flatnonzero(np.diff(rows, prepend=-1, append=-1))  # where each row's run starts (and the end)
    first, last = bounds[:-1], bounds[1:] - 1
    run = np.repeat(np.arange(len(first)), np.diff(bounds))
    order = (first + last)[run] - np.arange(len(rows))
    return rows, a[1][order], a[2][order]


def _cosines(a: Entries, b: Entries, n_new: int, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(old row, new row, cosine) of every pair sharing a feature whose cosine is at least ``floor``:
    the product ``A @ B.T``, kept only from ``floor`` up block by block (most pairs share a word or two
    and fall far below it).

    Small products (the common case: one ordinance) use an inverted index of
    ``b`` by feature in numpy, so ``scipy`` is not even imported; large ones
    (more than ``SCIPY_ABOVE`` partial products) use ``scipy.sparse``.  Both sum
    each pair over its shared features in the same order (``_ordered``) from
    0.0, so the cosines are the same floats either way.
    """
    rows_a, cols_a, vals_a = _ordered(a)
    rows_b, cols_b, vals_b = b
    del a, b  # the caller keeps no reference either: the scipy path frees these before its product
    nf = 1 + int(max(cols_a.max(initial=0), cols_b.max(initial=0)))
    count_b = np.bincount(cols_b, minlength=nf)
    repeats = count_b[cols_a]
    if int(repeats.sum()) > SCIPY_ABOVE:
        n_old = int(rows_a.max(initial=-1)) + 1
        work = np.bincount(rows_a, weights=repeats, minlength=n_old)  # partial products of each old row
        del count_b, repeats
        entries = [(rows_a, cols_a, vals_a), (rows_b, cols_b, vals_b)]
        del rows_a, cols_a, vals_a, rows_b, cols_b, vals_b
        return _scipy_cosines(entries, n_new, nf, work, floor)
    order = np.lexsort((rows_b, cols_b))  # b by feature, then row
    rows_b, vals_b = rows_b[order], vals_b[order]
    start_b = np.concatenate(([0], np.cumsum(count_b)[:-1]))
    before_entry = np.concatenate(([0], np.cumsum(repeats)))
    shift = start_b[cols_a] - before_entry[:-1]  # a partial product's index in b, less its own position
    bounds = np.append(np.flatnonzero(np.diff(rows_a, prepend=-1)), len(rows_a))  # row starts of a
    before = before_entry[bounds]
    out_rows, out_cols, out_vals = [], [], []
    i = 0
    while i < len(bounds) - 1:
        j = max(i + 1, int(np.searchsorted(before, before[i] + PRODUCT_BLOCK, side="right")) - 1)
        first, last = int(bounds[i]), int(bounds[j])
        lo, hi = int(before_entry[first]), int(before_entry[last])
        partner = np.arange(lo, hi) + np.repeat(shift[first:last], repeats[first:last])
        owner = np.repeat(np.arange(first, last), repeats[first:last])
        pairs, slot = np.unique(rows_a[owner] * n_new + rows_b[partner], return_inverse=True)
        # ``bincount`` adds in input order from 0.0: per pair, in a's feature order
        sums = np.bincount(slot, weights=vals_a[owner] * vals_b[partner], minlength=len(pairs))
        keep = sums >= floor
        pairs = pairs[keep]
        out_rows.append(pairs // n_new)
        out_cols.append(pairs % n_new)
        out_vals.append(sums[keep])
        i = j
    return _joined(out_rows, out_cols, out_vals)


def _joined(
    rows: list[np.ndarray], cols: list[np.ndarray], vals: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The kept (row, column, cosine) triples of all blocks, in block order."""
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


def _scipy_cosines(
    entries: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    n_new: int,
    nf: int,
    work: np.ndarray,
    floor: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``_cosines`` by ``scipy.sparse`` (``entries``: ``[a, b]``, a ``_ordered``; emptied to free memory),
    in blocks of old rows of about ``SCIPY_BLOCK`` partial products (``work``: those of each row).

    Each row of a CSR product is computed alone (``csr_matmat``), so a block of rows gives the
    very floats, in the very order, of the whole product.
    """
    from scipy import sparse

    rows_a, cols_a, vals_a = entries[0]
    n_old = len(work)
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows_a, minlength=n_old))))
    # built from its arrays, the matrix keeps a's entry order (a constructor from triples would sort it)
    left = sparse.csr_matrix((vals_a, cols_a, indptr), shape=(n_old, nf))
    del rows_a, cols_a, vals_a, indptr
    rows_b, cols_b, vals_b = entries[1]
    right = sparse.csr_matrix((vals_b, (rows_b, cols_b)), shape=(n_new, nf))
    del rows_b, cols_b, vals_b
    entries.clear()
    right_t = sparse.csr_matrix(right.T)  # what ``left @ right.T`` converts its right operand to
    del right
    done = np.concatenate(([0.0], np.cumsum(work)))
    out_rows, out_cols, out_vals = [], [], []
    start = 0
    while start < n_old:
        stop = max(start + 1, int(np.searchsorted(done, done[start] + SCIPY_BLOCK, side="right")) - 1)
        stop = min(stop, n_old)
        block = left[start:stop] @ right_t
        keep = block.data >= floor
        rows = np.repeat(np.arange(start, stop, dtype=np.int64), np.diff(block.indptr))
        out_rows.append(rows[keep])
        out_cols.append(block.indices[keep].astype(np.int64))
        out_vals.append(block.data[keep])
        del block, keep, rows
        start = stop
    return _joined(out_rows, out_cols, out_vals)


def top_pairs(
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]], k: int, floor: float
) -> dict[tuple[int, int], float]:
    """:func:`diffing.candidates.top_pairs` of non-empty ``old`` and ``new``, by numpy."""
    rows, cols, vals = _cosines(*_matrices(old, new), len(new), floor)  # no reference kept here
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
