"""The row builder's fast paths against the plain definitions they replace (``diffing.compare``,
``diffing.worddiff``); the plain code is kept here as the reference."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from diffing.align import greedy_matches
from diffing.compare import ROW_MIN, SAME_LABEL_BONUS, _keys, _match_units, _pieces_differ, _Unit
from diffing.worddiff import WordDiffer, _cleanup_semantic, _raw_runs, diff_texts
from tests.factory import make_article, provision, unit

PIECE_WORDS = st.sampled_from(
    ["the", "The", "Mayor", "shall", "(1)", "1.", ",", ";", "5-2", "", " ", "\n", "a b"]
)
PIECE = st.lists(PIECE_WORDS, max_size=5).map(" ".join)
PIECES = st.lists(PIECE, max_size=6)


@st.composite
def two_piece_lists(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Two piece lists, the second the first with a few pieces changed, added, dropped, split or joined."""
    a = draw(PIECES)
    b = list(a)
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, len(b)))
        edit = draw(st.sampled_from(["change", "insert", "delete", "split", "join"]))
        if edit == "insert" or not b:
            b.insert(k, draw(PIECE))
        elif edit == "change":
            b[min(k, len(b) - 1)] = draw(PIECE)
        elif edit == "delete":
            del b[min(k, len(b) - 1)]
        elif edit == "split":  # the same words over two pieces: the same keys
            words = b[min(k, len(b) - 1)].split(" ")
            cut = draw(st.integers(0, len(words)))
            b[min(k, len(b) - 1) : min(k, len(b) - 1) + 1] = [" ".join(words[:cut]), " ".join(words[cut:])]
        elif k + 1 < len(b):
            b[k : k + 2] = [b[k] + draw(st.sampled_from([" ", "", "\n"])) + b[k + 1]]
    return a, b


@given(two_piece_lists())
def test_pieces_differ_is_its_definition(ab: tuple[list[str], list[str]]) -> None:
    a, b = ab
    plain = _keys("\n".join(a)) != _keys("\n".join(b))
    assert _pieces_differ(a, b) == plain
    assert _pieces_differ(b, a) == plain


def test_pieces_differ_sees_words_moved_across_pieces() -> None:
    assert not _pieces_differ(["(1) the Mayor", "shall"], ["(1) the", "Mayor shall"])
    assert not _pieces_differ(["a", "b c", "d"], ["a", "b", "c", "d"])
    assert _pieces_differ(["a", "b c", "d"], ["a", "b", "d"])
    assert _pieces_differ(["a", "b"], ["a", "b", "c"])
    assert not _pieces_differ(["a", "b"], ["a", "b", "", " "])


DIFF_WORDS = st.sampled_from(["the", "The", "Mayor", "shall", "may", "(1)", "1.", ",", ";", "of", "\n", "  "])
DIFF_TEXTS = st.lists(DIFF_WORDS, max_size=20).map(" ".join) | st.text(max_size=40)


@given(st.lists(st.tuples(DIFF_TEXTS, DIFF_TEXTS), max_size=8), st.data())
def test_one_word_differ_for_many_rows_gives_diff_texts(
    rows: list[tuple[str, str]], data: st.DataObject
) -> None:
    """One differ over the rows of a comparison (its tables filled by the rows before), identical and
    whitespace-only rows included, gives what ``diff_texts`` gives on each row alone."""
    rows += [(old, old) for old, _ in rows[:2]]
    rows += [(old, old.replace(" ", "  ")) for old, _ in rows[:2]]
    rows = data.draw(st.permutations(rows))
    differ = WordDiffer()
    for old, new in rows:
        assert differ.diff(old, new) == diff_texts(old, new)


def _plain_raw_runs(a: list[int], b: list[int]) -> list[tuple[bool, int, int, int, int]]:
    """``worddiff._raw_runs`` as first written: rapidfuzz's opcode objects, consecutive changes fused."""
    out: list[tuple[bool, int, int, int, int]] = []
    for op in Indel.opcodes(a, b):
        equal = op.tag == "equal"
        i1, i2, j1, j2 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if i1 == i2 and j1 == j2:
            continue
        if out and not equal and not out[-1][0]:
            _, pi1, _, pj1, _ = out[-1]
            out[-1] = (False, pi1, i2, pj1, j2)
        else:
            out.append((equal, i1, i2, j1, j2))
    return out


def _plain_cleanup(runs: list[tuple[bool, int, int, int, int]]) -> list[tuple[bool, int, int, int, int]]:
    """``worddiff._cleanup_semantic`` as first written: each run's size measured again at each look."""

    def size(r: tuple[bool, int, int, int, int]) -> int:
        return max(r[2] - r[1], r[4] - r[3])

    stack: list[tuple[bool, int, int, int, int]] = []
    for run in runs:
        stack.append(run)
        while len(stack) >= 3 and not stack[-1][0] and stack[-2][0] and not stack[-3][0]:
            before, mid, after = stack[-3], stack[-2], stack[-1]
            if size(mid) > size(before) or size(mid) > size(after):
                break
            del stack[-3:]
            stack.append((False, before[1], after[2], before[3], after[4]))
    return stack


WORD_ID_LISTS = st.lists(st.integers(0, 5), max_size=40)


@given(WORD_ID_LISTS, WORD_ID_LISTS)
def test_runs_and_cleanup_are_the_plain_ones(a: list[int], b: list[int]) -> None:
    if a == b:
        return  # ``_raw_runs`` answers equal lists before the LCS; the plain one is for the LCS itself
    runs = _raw_runs(a, b)
    assert runs == _plain_raw_runs(a, b)
    assert _cleanup_semantic(runs) == _plain_cleanup(runs)


def _plain_match_units(
    ou: list[_Unit], nu: list[_Unit], unit_ids: dict[tuple[int, int, int], tuple[int, ...]]
) -> list[tuple[int, int, float]]:
    """``compare._match_units`` as first written (for units the aligner prepared): every pair scored,
    sorted by rank, then old and new position."""
    if len(ou) == len(nu) and all(a.ref.text == b.ref.text for a, b in zip(ou, nu, strict=True)):
        return [(k, k, 1.0) for k in range(len(ou))]
    scored = []
    for a, uo in enumerate(ou):
        for b, un in enumerate(nu):
            wo, wn = unit_ids[(0, uo.article, uo.unit)], unit_ids[(1, un.article, un.unit)]
            s = float(Indel.normalized_similarity(wo, wn)) if wo or wn else 1.0
            bonus = SAME_LABEL_BONUS if uo.ref.label == un.ref.label else 0.0
            scored.append((s + bonus, s, a, b))
    scored.sort(key=lambda t: (-t[0], t[2], t[3]))
    return greedy_matches(scored, ROW_MIN)


UNIT = st.tuples(
    st.sampled_from(["", "(1)", "(2)", "1."]), st.lists(st.integers(0, 4), max_size=8).map(tuple)
)


@given(st.lists(UNIT, max_size=6), st.lists(UNIT, max_size=6))
def test_match_units_is_the_plain_matching(
    olds: list[tuple[str, tuple[int, ...]]], news: list[tuple[str, tuple[int, ...]]]
) -> None:
    """Ties are common here (few word IDs, short units): the order among equal ranks decides."""
    unit_ids: dict[tuple[int, int, int], tuple[int, ...]] = {}
    sides: list[list[_Unit]] = [[], []]
    for side, units in enumerate((olds, news)):
        art = make_article(
            "1", paragraphs=[provision(label, " ".join(map(str, ids))) for label, ids in units]
        )
        for k, ((_, ids), p) in enumerate(zip(units, art.paragraphs, strict=True)):
            unit_ids[(side, 0, k)] = ids
            sides[side].append(_Unit(0, k, unit(art, p)))
    assert _match_units(sides[0], sides[1], unit_ids) == _plain_match_units(sides[0], sides[1], unit_ids)
