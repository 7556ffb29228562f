"""The large-input path of :func:`diffing.candidates.top_pairs`: numpy arrays (and ``scipy.sparse`` for the
largest products), imported only when an input is too large for the pure-Python path.

The same features, weights and sums as :mod:`diffing.candidates` (see its docstring), in the same order, so
both paths give the very same floats (``tests/test_batch_candidates.py``).
"""

from __future__ import annotations

import itertools
import mmap
from collections.abc import Iterator, Sequence

import numpy as np

from diffing.candidates import df_cap, idf_table

MAPPED_ABOVE = 1 << 20  # bytes from which an array kept a while is given its own memory map (``_mapped``)


def _mapped(n: int, dtype: type | np.dtype) -> np.ndarray:
    """An uninitialised array of ``n`` items, in an anonymous memory map of its own when it is large.

    The arrays that live through a stage (features, ranks, the matrices' entries) are put there so that
    freeing them gives their memory back to the system: in the C heap, memory freed between Python's
    long-lived objects stays with the process, and later stages could not reuse it.
    """
    dt = np.dtype(dtype)
    size = n * dt.itemsize
    if not size or size < MAPPED_ABOVE:
        return np.empty(n, dtype=dt)
    if _PRIVATE_MAP is None:  # Windows: no flags, and its anonymous maps are private
        return np.frombuffer(mmap.mmap(-1, size), dtype=dt, count=n)
    return np.frombuffer(mmap.mmap(-1, size, flags=_PRIVATE_MAP), dtype=dt, count=n)


_PRIVATE_MAP = mmap.MAP_PRIVATE | getattr(mmap, "MAP_ANONYMOUS", 0) if hasattr(mmap, "MAP_PRIVATE") else None


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


RANK_CHUNK = 1 << 18  # values ranked at once by ``_ranks`` (at most a chunk of ``_entries``)


def _local_ranks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct values (``>= 0``, of the values' type) and the rank of each value among them
    (int32).

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
    return ordered[starts].astype(values.dtype, copy=False), ranks  # kept until all are ranked: narrow


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
        ranks = _mapped(len(c), np.int32 if len(c) < 1 << 31 else np.int64)
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


FEATURE_CHUNK = 1 << 16  # words featurised at once by ``_entries`` (transient memory: ~25 MB)


def _entries(
    seqs: Sequence[Sequence[int]], stride: int, descending: bool = False
) -> tuple[np.ndarray, list[int], list[np.ndarray]]:
    """The distinct features of each text, by text then feature (``descending``: features descending
    within a text), as chunks of whole texts: (the number of features of each text, the text each chunk
    stops before, the features of each chunk).  The entries' rows are never kept: they follow from the
    counts (a CSR matrix's row pointers).

    Texts are featurised a chunk at a time (about ``FEATURE_CHUNK`` words, and few enough rows that
    ``row * span + feature`` fits in 63 bits), so the raw unigrams and bigrams of all texts, with their
    repeats, never exist at once: only the distinct ones are kept.
    """
    span = stride * (stride + 1)  # above every feature: bigrams are below stride + stride * stride
    max_rows = max(1, ((1 << 63) - 1) // span - 1)
    feat_type = np.int32 if span <= 1 << 31 else np.int64  # features kept until ranked: half the memory
    ends = np.cumsum(np.fromiter((len(s) for s in seqs), dtype=np.int64, count=len(seqs)))
    counts = np.zeros(len(seqs), dtype=np.int64)
    stops: list[int] = []
    feats_out = []
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
        counts[start:stop] = np.bincount(local, minlength=stop - start)
        del local
        stops.append(stop)
        kept = _mapped(len(feats), feat_type)
        kept[:] = feats
        feats_out.append(kept)
        del feats, kept
        start = stop
    return counts, stops, feats_out


# (row pointers, feature, weight): a CSR matrix's arrays, row r's entries at ``indptr[r]:indptr[r + 1]``
Entries = tuple[np.ndarray, np.ndarray, np.ndarray]


def _matrices(old: Sequence[Sequence[int]], new: Sequence[Sequence[int]]) -> tuple[Entries, Entries]:
    """The L2-normalised idf vectors of both sides, as sparse entries: the new side's by row, then feature;
    the old side's by row, features descending within a row, the order in which scipy's product of the
    CSR matrix visits them, hence the order of each pair's sum (see ``_cosines``)."""
    # one text at a time: a lazy sequence's texts are never all made at once
    stride = 1 + max(max((max(s) for s in side if s), default=0) for side in (old, new))
    counts_o, stops_o, feats_o = _entries(old, stride, descending=True)
    counts_n, stops_n, feats_n = _entries(new, stride)
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
        counts: np.ndarray, stops: list[int], col_chunks: list[np.ndarray], descending: bool
    ) -> Entries:
        # the weighed entries of each chunk written in place in one array (the list emptied, each chunk freed
        # once copied): counted first, so that no list of the kept parts is joined afterwards
        total = sum(int(np.count_nonzero(weighed[c])) for c in col_chunks)
        cols = _mapped(total, col_chunks[0].dtype if col_chunks else np.int64)
        indptr = np.concatenate(([0], np.cumsum(counts)))
        kept = np.zeros(len(counts), dtype=np.int64)  # weighed entries of each row
        col_chunks.reverse()
        start = at_col = 0
        for stop in stops:
            c = col_chunks.pop()
            keep = weighed[c]
            before = np.concatenate(([0], np.cumsum(keep)))  # weighed entries before each of the chunk's
            at = indptr[start : stop + 1] - indptr[start]
            kept[start:stop] = before[at[1:]] - before[at[:-1]]
            n_kept = int(before[-1])
            np.compress(keep, c, out=cols[at_col : at_col + n_kept])
            at_col += n_kept
            del c, keep, before, at
            start = stop
        del indptr
        indptr = np.concatenate(([0], np.cumsum(kept)))
        vals = np.take(idf, cols, out=_mapped(len(cols), np.float64))
        _normalise(indptr, vals, descending)
        return indptr, cols, vals

    ranks_n = ranks[k_o:]
    del ranks[k_o:]
    entries_o = build(counts_o, stops_o, ranks, True)
    return entries_o, build(counts_n, stops_n, ranks_n, False)


def _row_groups(indptr: np.ndarray, size: int | None = None) -> Iterator[tuple[int, int, int, int]]:
    """Groups of whole rows of about ``size`` (default ``RANK_CHUNK``) entries: (first row, row after,
    first entry, entry after) of each (a row of more entries is a group alone)."""
    size = RANK_CHUNK if size is None else size
    n_rows = len(indptr) - 1
    r = 0
    while r < n_rows:
        stop = max(r + 1, int(np.searchsorted(indptr, indptr[r] + size, side="right")) - 1)
        stop = min(stop, n_rows)
        yield r, stop, int(indptr[r]), int(indptr[stop])
        r = stop


def _normalise(indptr: np.ndarray, vals: np.ndarray, descending: bool) -> None:
    """Each row of ``vals`` divided by its L2 norm, in place: ``(1 / norm) * value``, the norm squared
    summed over the row's features in ascending order by ``np.add.reduceat``, as scipy's CSR row sum does
    (the same floats: the candidate scores must not move by one bit).

    Features ascend within a row (``descending``: descend, so each row's run is summed reversed).  A group
    of whole rows is done at a time (``_row_groups``): a row's sum is the same whichever piece of the array
    holds it, and no array of all the squares, norms or rows of the entries is made.
    """
    for r, stop, lo, hi in _row_groups(indptr):
        if hi == lo:
            continue
        ends = indptr[r + 1 : stop + 1] - lo  # each row's end within the piece
        starts = indptr[r:stop] - lo
        filled = ends > starts  # reduceat needs strictly increasing starts: rows with entries only
        part = vals[lo:hi]
        squares = part * part
        if descending:  # reversed, the piece's rows descend and each row's features ascend
            squares = squares[::-1].copy()
            sums = np.add.reduceat(squares, (hi - lo - ends)[filled][::-1])[::-1]
        else:
            sums = np.add.reduceat(squares, starts[filled])
        del squares
        norms = np.zeros(stop - r)
        norms[filled] = sums
        norms = np.sqrt(norms)
        norms[norms == 0] = 1.0
        np.divide(1.0, norms, out=norms)
        np.multiply(np.repeat(norms, ends - starts), part, out=part)


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
    indptr_a, cols_a, vals_a = a
    indptr_b, cols_b, vals_b = b
    del a, b  # the caller keeps no reference either: the scipy path frees these before its product
    nf = 1 + int(max(cols_a.max(initial=0), cols_b.max(initial=0)))
    count_b = _counts(cols_b, nf)
    # no array of each entry's partial products on this path: counted ``WORK_PIECE`` entries at a time
    pieces = range(0, len(cols_a), WORK_PIECE)
    if sum(int(count_b[cols_a[lo : lo + WORK_PIECE]].sum()) for lo in pieces) > SCIPY_ABOVE:
        work = np.zeros(len(indptr_a) - 1)  # partial products of each old row (integer sums: exact)
        for r, stop, lo, hi in _row_groups(indptr_a):
            if hi > lo:
                before = np.concatenate(([0], np.cumsum(count_b[cols_a[lo:hi]])))
                work[r:stop] = before[indptr_a[r + 1 : stop + 1] - lo] - before[indptr_a[r:stop] - lo]
        del count_b
        entries = [(indptr_a, cols_a, vals_a), (indptr_b, cols_b, vals_b)]
        del indptr_a, cols_a, vals_a, indptr_b, cols_b, vals_b
        return _scipy_cosines(entries, n_new, nf, work, floor)
    rows_a = np.repeat(np.arange(len(indptr_a) - 1), np.diff(indptr_a))  # this path's inputs are small
    rows_b = np.repeat(np.arange(len(indptr_b) - 1), np.diff(indptr_b))
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
    return tuple(  # type: ignore[return-value]
        np.concatenate(parts, out=_mapped(sum(map(len, parts)), np.result_type(*parts)))
        for parts in (rows, cols, vals)
    )


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

    indptr_a, cols_a, vals_a = entries[0]
    n_old = len(work)
    # row pointers of the indices' type (scipy would otherwise widen the indices to match); built from its
    # arrays, the matrix keeps a's entry order (a constructor from triples would sort it)
    index_type = cols_a.dtype if len(cols_a) < 1 << 31 else np.int64
    left = sparse.csr_matrix((vals_a, cols_a, indptr_a.astype(index_type)), shape=(n_old, nf))
    del indptr_a, cols_a, vals_a
    # ``left @ right.T`` would convert its right operand to this CSR matrix (by feature, then new row)
    indptr_t, rows_t, vals_t = _transposed(*entries[1], nf)
    entries.clear()
    index_t = rows_t.dtype if len(rows_t) < 1 << 31 else np.int64
    right_t = sparse.csr_matrix((vals_t, rows_t, indptr_t.astype(index_t)), shape=(nf, n_new))
    del indptr_t, rows_t, vals_t
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


TRANSPOSE_GROUP = 1 << 16  # entries sorted at once by ``_transposed`` (transient memory: ~3 MB)
PACKED_BELOW = 1 << 62  # a (value, position) pair is packed into one int64 below this


def _transposed(indptr: np.ndarray, cols: np.ndarray, vals: np.ndarray, n_cols: int) -> Entries:
    """The CSR matrix ``(indptr, cols, vals)`` transposed, as scipy's conversion makes it (each column's
    entries by row), in memory maps: a stable counting sort, a group of whole rows at a time."""
    counts = _counts(cols, n_cols)
    indptr_t = np.concatenate(([0], np.cumsum(counts)))
    del counts
    fill = indptr_t[:-1].copy()  # the next free place of each column
    n_rows = len(indptr) - 1
    rows_t = _mapped(len(cols), np.int32 if n_rows < 1 << 31 else np.int64)
    vals_t = _mapped(len(cols), vals.dtype)
    for r, stop, lo, hi in _row_groups(indptr, min(RANK_CHUNK, TRANSPOSE_GROUP)):
        if hi == lo:
            continue
        # by column, rows in order within each: a stable sort, by a plain sort of (column, position) packed
        # into one integer where that fits in 63 bits (several times faster than a stable ``argsort``)
        if n_cols * (hi - lo) < PACKED_BELOW:
            packed = np.multiply(cols[lo:hi], hi - lo, dtype=np.int64)
            packed += np.arange(hi - lo, dtype=np.int64)
            packed.sort()
            by_col, order = np.divmod(packed, hi - lo)
            del packed
        else:
            order = np.argsort(cols[lo:hi], kind="stable")
            by_col = cols[lo:hi][order]
        first = np.flatnonzero(np.diff(by_col, prepend=-1))  # each column's run in the group
        run = np.diff(np.append(first, len(by_col)))
        place = fill[by_col] + (np.arange(len(by_col)) - np.repeat(first, run))
        rows_t[place] = np.repeat(np.arange(r, stop), np.diff(indptr[r : stop + 1]))[order]
        vals_t[place] = vals[lo:hi][order]
        fill[by_col[first]] += run
        del order, by_col, first, run, place
    return indptr_t, rows_t, vals_t


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
