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


RANK_CHUNK = 1 << 20  # values ranked at once by ``_ranks`` (at most a chunk of ``_entries``)


def _local_ranks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct values (``>= 0``) and the rank of each value among them (int32).

    The values are sorted with their positions packed into one integer (``value * n + position``) when
    that fits in 63 bits: a plain ``np.sort`` (vectorised) is several times faster than ``np.argsort``.
    """
    n = len(values)
    if not n:
        return values, np.zeros(0, dtype=np.int32)
    if int(values.max()) >= (1 << 62) // n:
        position = np.argsort(values)
        ordered = values[position]
    else:
        packed = np.multiply(values, n, dtype=np.int64)  # values may be int32
        packed += np.arange(n, dtype=np.int64)
        packed.sort()
        ordered, position = np.divmod(packed, n)
        del packed
    starts = np.empty(n, dtype=bool)
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    ranks = np.empty(n, dtype=np.int32)
    ranks[position] = np.cumsum(starts, dtype=np.int32) - 1
    return ordered[starts], ranks


def _ranks(chunks: list[np.ndarray]) -> tuple[list[np.ndarray], int]:
    """The rank of each value of each chunk among the distinct values of all of them, one array (int32
    where the ranks fit) per chunk, and the number of distinct values (at least 1: an empty product).

    Each piece of ``RANK_CHUNK`` values is ranked among its own distinct values, in place of the chunk's
    raw values (the list is emptied, each chunk freed once ranked); the pieces' distinct values are then
    ranked among all of them, in place.  So the raw values are never joined, nor all of them sorted.
    """
    pieces = []  # (ranks of the chunk, start of the piece, the piece's distinct values)
    out: list[np.ndarray] = []
    chunks.reverse()
    while chunks:
        c = chunks.pop()
        ranks = np.empty(len(c), dtype=np.int32 if len(c) < 1 << 31 else np.int64)
        for lo in range(0, len(c), RANK_CHUNK):
            d, ranks[lo : lo + RANK_CHUNK] = _local_ranks(c[lo : lo + RANK_CHUNK])
            pieces.append((len(out), lo, d))
        out.append(ranks)
        del c
    distinct = _distinct(np.concatenate([d for *_, d in pieces])) if pieces else np.zeros(0, dtype=np.int64)
    count = max(1, len(distinct))
    if count >= 1 << 31:
        out = [r.astype(np.int64) for r in out]
    for n, lo, d in pieces:
        part = out[n][lo : lo + RANK_CHUNK]  # a view: written in place
        part[:] = np.searchsorted(distinct, d)[part]
    return out, count


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a plain sort: faster than ``np.unique``'s hashing on large int arrays)."""
    if not len(values):
        return values
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _counts(values: np.ndarray, length: int, weights: np.ndarray | None = None) -> np.ndarray:
    """``np.bincount(values, weights, minlength=length)`` summed ``RANK_CHUNK`` values at a time: bincount
    copies int32 values (and integer weights) into wider arrays, here a chunk at a time.  Counts, and sums
    of integer weights below 2**53, are exact in any order."""
    out = np.zeros(length, dtype=np.int64 if weights is None else np.float64)
    for lo in range(0, len(values), RANK_CHUNK):
        w = None if weights is None else weights[lo : lo + RANK_CHUNK]
        out += np.bincount(values[lo : lo + RANK_CHUNK], weights=w, minlength=length)
    return out


FEATURE_CHUNK = 1 << 18  # words featurised at once by ``_entries`` (transient memory: ~25 MB)


def _entries(
    seqs: Sequence[Sequence[int]], stride: int, descending: bool = False
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(row, feature) of each distinct feature of each text, by row then feature (``descending``: by row,
    features descending within a row), as chunks to join.

    Texts are featurised a chunk at a time (about ``FEATURE_CHUNK`` words, and few enough rows that
    ``row * span + feature`` fits in 63 bits), so the raw unigrams and bigrams of all texts, with their
    repeats, never exist at once: only the distinct ones are kept.
    """
    span = stride * (stride + 1)  # above every feature: bigrams are below stride + stride * stride
    max_rows = max(1, ((1 << 63) - 1) // span - 1)
    row_type = np.int32 if len(seqs) < 1 << 31 else np.int64  # rows kept until joined: half the memory
    feat_type = np.int32 if span <= 1 << 31 else np.int64  # features kept until ranked: likewise
    ends = np.cumsum(np.fromiter((len(s) for s in seqs), dtype=np.int64, count=len(seqs)))
    rows_out, feats_out = [], []
    start = 0
    while start < len(seqs):
        done = int(ends[start - 1]) if start else 0
        stop = int(np.searchsorted(ends, done + FEATURE_CHUNK, side="right"))
        stop = min(max(stop, start + 1), start + max_rows, len(seqs))
        rows, feats = _row_features(seqs[start:stop], stride)
        rows *= span
        if descending:  # key row * span + (span - 1 - feature): a row's features sort descending
            rows += span - 1
            rows -= feats
        else:
            rows += feats
        del feats
        keys = _distinct(rows)
        del rows
        local, feats = np.divmod(keys, span)
        del keys
        if descending:
            np.subtract(span - 1, feats, out=feats)
        local += start
        rows_out.append(local.astype(row_type))
        feats_out.append(feats.astype(feat_type))
        start = stop
    return rows_out, feats_out


def _joined_chunks(chunks: list[np.ndarray]) -> np.ndarray:
    """The chunks (of one integer type) as one array; the list is emptied (each chunk freed once copied)."""
    out = np.empty(sum(len(c) for c in chunks), dtype=chunks[0].dtype if chunks else np.int64)
    at = 0
    chunks.reverse()
    while chunks:
        c = chunks.pop()
        out[at : at + len(c)] = c
        at += len(c)
        del c
    return out


Entries = tuple[np.ndarray, np.ndarray, np.ndarray]  # (row, feature, weight), sorted by row then feature


def _matrices(old: Sequence[Sequence[int]], new: Sequence[Sequence[int]]) -> tuple[Entries, Entries]:
    """The L2-normalised idf vectors of both sides, as sparse entries: the new side's by row, then feature;
    the old side's by row, features descending within a row, the order in which scipy's product of the
    CSR matrix visits them, hence the order of each pair's sum (see ``_cosines``)."""
    stride = 1 + max((max(s) for s in (*old, *new) if s), default=0)
    rows_o, feats_o = _entries(old, stride, descending=True)
    rows_n, feats_n = _entries(new, stride)
    k_o = len(feats_o)
    feats_o += feats_n
    del feats_n
    ranks, nf = _ranks(feats_o)  # the ranks of the distinct features, in order, chunk by chunk
    df = np.zeros(nf, dtype=np.int64)  # each (text, feature) once: binary weights
    for r in ranks:
        df += _counts(r, nf)
    total = len(old) + len(new)
    cap = df_cap(total)
    idf = np.asarray(idf_table(total, cap))[np.minimum(df, cap + 1)]
    del df

    weighed = idf > 0

    def build(
        row_chunks: list[np.ndarray], col_chunks: list[np.ndarray], n_rows: int, descending: bool
    ) -> Entries:
        # the weighed entries of each chunk (the lists emptied, each chunk freed once filtered), then joined
        kept_rows, kept_cols = [], []
        row_chunks.reverse()
        col_chunks.reverse()
        while row_chunks:
            r, c = row_chunks.pop(), col_chunks.pop()
            keep = weighed[c]
            kept_rows.append(r[keep])
            kept_cols.append(c[keep])
            del r, c, keep
        rows, cols = _joined_chunks(kept_rows), _joined_chunks(kept_cols)
        vals = idf[cols]
        norms = np.sqrt(_squared_norms(rows, vals, n_rows, descending))
        norms[norms == 0] = 1.0
        np.divide(1.0, norms, out=norms)
        for lo in range(0, len(vals), RANK_CHUNK):  # (1 / norm) * idf, in place
            part = vals[lo : lo + RANK_CHUNK]
            np.multiply(norms[rows[lo : lo + RANK_CHUNK]], part, out=part)
        return rows, cols, vals

    ranks_n = ranks[k_o:]
    del ranks[k_o:]
    entries_o = build(rows_o, ranks, len(old), True)
    return entries_o, build(rows_n, ranks_n, len(new), False)


def _squared_norms(rows: np.ndarray, vals: np.ndarray, n_rows: int, descending: bool) -> np.ndarray:
    """Each row's sum of its squared ``vals`` over its features in ascending order, by ``np.add.reduceat``
    as scipy's CSR row sum does (the same floats: the candidate scores must not move by one bit).

    ``rows`` ascending, features ascending within a row (``descending``: descending, each row's run is
    summed reversed).  A group of whole rows of about ``RANK_CHUNK`` entries is summed at a time: a row's
    sum is the same whichever piece of the array holds it, and no array of all the squares is made.
    """
    out = np.zeros(n_rows)
    bounds = np.searchsorted(rows, np.arange(n_rows + 1, dtype=rows.dtype))  # row r: bounds[r:r + 2]
    r = 0
    while r < n_rows:
        stop = max(r + 1, int(np.searchsorted(bounds, bounds[r] + RANK_CHUNK, side="right")) - 1)
        stop = min(stop, n_rows)
        lo, hi = int(bounds[r]), int(bounds[stop])
        if hi > lo:
            ends = bounds[r + 1 : stop + 1] - lo  # each row's end within the piece
            starts = bounds[r:stop] - lo
            filled = ends > starts  # reduceat needs strictly increasing starts: rows with entries only
            squares = vals[lo:hi] * vals[lo:hi]
            if descending:  # reversed, the piece's rows descend and each row's features ascend
                squares = squares[::-1].copy()
                sums = np.add.reduceat(squares, (hi - lo - ends)[filled][::-1])[::-1]
            else:
                sums = np.add.reduceat(squares, starts[filled])
            out[r:stop][filled] = sums
            del squares, sums
        r = stop
    return out


PRODUCT_BLOCK = 1 << 18  # partial products handled at once by ``_cosines`` (transient memory: ~15 MB)
SCIPY_ABOVE = 1 << 18  # above this many partial products scipy's C product is faster and leaner
SCIPY_BLOCK = 1 << 19  # partial products per block of rows of the scipy product (transient: ~10 MB)
WORK_PIECE = 1 << 17  # entries whose partial products are counted at once by ``_cosines``


def _cosines(a: Entries, b: Entries, n_new: int, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(old row, new row, cosine) of every pair sharing a feature whose cosine is at least ``floor``:
    the product ``A @ B.T``, kept only from ``floor`` up block by block (most pairs share a word or two
    and fall far below it).

    ``a`` is by row, features descending within a row (the order in which scipy's product of the CSR
    matrix visits them), ``b`` by row, then feature.  Smaller products use an inverted index of ``b`` by
    feature in numpy (``scipy`` is not imported); large ones (more than ``SCIPY_ABOVE`` partial products)
    use ``scipy.sparse``.  Both sum each pair over its shared features in ``a``'s order from 0.0, so the
    cosines are the same floats either way.
    """
    rows_a, cols_a, vals_a = a
    rows_b, cols_b, vals_b = b
    del a, b  # the caller keeps no reference either: the scipy path frees these before its product
    nf = 1 + int(max(cols_a.max(initial=0), cols_b.max(initial=0)))
    count_b = _counts(cols_b, nf)
    # no array of each entry's partial products on this path: counted ``WORK_PIECE`` entries at a time
    pieces = range(0, len(cols_a), WORK_PIECE)
    if sum(int(count_b[cols_a[lo : lo + WORK_PIECE]].sum()) for lo in pieces) > SCIPY_ABOVE:
        n_old = int(rows_a.max(initial=-1)) + 1
        work = np.zeros(n_old)  # partial products of each old row (integer sums: exact in any order)
        for lo in pieces:
            hi = lo + WORK_PIECE
            work += np.bincount(rows_a[lo:hi], weights=count_b[cols_a[lo:hi]], minlength=n_old)
        del count_b
        entries = [(rows_a, cols_a, vals_a), (rows_b, cols_b, vals_b)]
        del rows_a, cols_a, vals_a, rows_b, cols_b, vals_b
        return _scipy_cosines(entries, n_new, nf, work, floor)
    repeats = count_b[cols_a]
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
        pairs, slot = np.unique(rows_a[owner].astype(np.int64) * n_new + rows_b[partner], return_inverse=True)
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
    """``_cosines`` by ``scipy.sparse`` (``entries``: ``[a, b]`` as there; emptied to free memory),
    in blocks of old rows of about ``SCIPY_BLOCK`` partial products (``work``: those of each row).

    Each row of a CSR product is computed alone (``csr_matmat``), so a block of rows gives the
    very floats, in the very order, of the whole product.
    """
    from scipy import sparse

    rows_a, cols_a, vals_a = entries[0]
    n_old = len(work)
    # row starts by a search of the sorted rows (no wider copy of them), of the indices' type (scipy would
    # otherwise widen the indices to match)
    index_type = cols_a.dtype if len(cols_a) < 1 << 31 else np.int64
    indptr = np.searchsorted(rows_a, np.arange(n_old + 1, dtype=rows_a.dtype)).astype(index_type)
    # built from its arrays, the matrix keeps a's entry order (a constructor from triples would sort it)
    left = sparse.csr_matrix((vals_a, cols_a, indptr), shape=(n_old, nf))
    del rows_a, cols_a, vals_a, indptr
    rows_b, cols_b, vals_b = entries[1]
    # b is by row, then feature, each pair once: its arrays are the CSR matrix as they are (no copy)
    index_b = cols_b.dtype if len(cols_b) < 1 << 31 else np.int64
    indptr_b = np.searchsorted(rows_b, np.arange(n_new + 1, dtype=rows_b.dtype)).astype(index_b)
    right = sparse.csr_matrix((vals_b, cols_b, indptr_b), shape=(n_new, nf))
    del rows_b, cols_b, vals_b, indptr_b
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
        keep = np.flatnonzero(block.data >= floor)
        out_rows.append(np.searchsorted(block.indptr, keep, side="right") - 1 + start)  # each kept one's row
        out_cols.append(block.indices[keep])
        out_vals.append(block.data[keep])
        del block, keep
        start = stop
    del left, right_t
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


def top_arrays(
    old: Sequence[Sequence[int]], new: Sequence[Sequence[int]], k: int, floor: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs of :func:`top_pairs` as arrays (old row, new row, cosine), by old row, then new row: no
    Python object for each pair (a caller that filters them further makes only the survivors')."""
    rows, cols, vals = _cosines(*_matrices(old, new), len(new), floor)  # no reference kept here
    picked = np.flatnonzero(_top_k(rows, cols, vals, k) | _top_k(cols, rows, vals, k))
    rows, cols, vals = rows[picked], cols[picked], vals[picked]
    order = np.lexsort((cols, rows))
    return rows[order], cols[order], vals[order]


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
