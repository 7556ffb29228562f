"""Article alignment: which old articles continue as which new ones.

Signals, strongest first:

1. **Body text**: Indel similarity of the case-folded word-ID sequences of
   ``Article.text`` (notes are never part of it).
2. **Fragment links across all articles**: every article, every top-level
   unit (lead, paragraph) and every nested provision is a *fragment*; an old
   fragment that reappears (similarity >= ``LINK_MIN``) inside another new
   article links the two articles.  This is how merges and splits are found.
3. **Orphans** (old articles with no edge yet) get a second chance from
   ``diffing.continuity``: an enumeration carried over in order, or a weaker
   fragment match into a new article that already gathers their neighbours.
4. **Titles** (Indel similarity of the title words) lift a weak body match.
5. **Number and order** are weak priors: a small bonus for the same number,
   and a gap-filling pass that links an unmatched old/new article sitting
   between two consistently matched neighbours when the text agrees at least
   a little (``GAP_MIN``).

Candidates come from ``diffing.candidates`` (rare shared n-grams), so no
stage scores all pairs.  Placeholder articles ("Deleted.") match only a
placeholder of the same number, never by content.

The passes that add edges run in the order of :data:`PASSES` (a named, ordered
table in the manner of markdown-it's rulers): each entry says what it reads of
the shared :class:`AlignState` and what it adds.  A pass sees every edge the
earlier ones added, so the order is part of the result; a test pins it.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, Literal, TypeVar, overload

from rapidfuzz.distance import Indel

from corpus.model import Article, Provision, Version
from diffing import candidates, continuity
from diffing.candidates import top_pairs
from diffing.tokens import Vocabulary
from diffing.units import is_placeholder

_T = TypeVar("_T")

MATCH_MIN = 0.3  # combined score for a 1:1 body match
GAP_MIN = 0.2  # combined score for a match between matched neighbours
LINK_COSINE = 0.2  # rare-word cosine of two fragments that continue one another ...
LINK_INDEL = 0.4  # ... and their word-sequence similarity
LINK_MIN_WORDS = 8  # fragments shorter than this never link articles on their own
LINK_MARGIN = 0.1  # a fragment linked into several articles keeps only a clear winner
TITLE_WEIGHT = 0.35  # share of the remaining distance a perfect title match closes
NUMBER_BONUS = 0.05
K_ARTICLES = 6
K_FRAGMENTS = 4
FRAGMENT_DEPTH = 2  # paragraphs and their subparagraphs link articles; deeper items only count within them

Key = str | tuple[int, ...]  # a word-ID sequence as ``_sim`` compares it (see ``_keyed``)
EdgeKind = Literal["text", "gap", "link", "placeholder", "repealed"]


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of an article the fragment index compares: its word IDs are ``words[start:stop]``.

    The fragments of one article share its word-ID tuple and keep only where they start and stop in it:
    a tuple per fragment would hold every word once per level it is nested in (25 MiB at Act x100,
    through the candidate search, the peak of the process).
    """

    side: int  # 0 old, 1 new
    article: int  # index of the article in its version
    unit: int  # index of the top-level unit, -1 for the whole article
    label: str  # label path inside the article: "", "(3)", "(1) 2."
    words: tuple[int, ...]  # the word IDs of the article (or of the fragment alone)
    start: int
    stop: int

    @classmethod
    def of(cls, side: int, article: int, unit: int, label: str, ids: tuple[int, ...]) -> Fragment:
        """A fragment of the word IDs ``ids`` alone."""
        return cls(side, article, unit, label, ids, 0, len(ids))

    @property
    def ids(self) -> tuple[int, ...]:
        """The fragment's word IDs (made on each call unless they are the whole of ``words``)."""
        words = self.words
        if self.start == 0 and self.stop == len(words):
            return words
        return words[self.start : self.stop]

    @property
    def size(self) -> int:
        """``len(self.ids)``."""
        return self.stop - self.start


@dataclass(frozen=True, slots=True)
class Edge:
    """A correspondence between old article ``old`` and new article ``new`` (indexes)."""

    old: int
    new: int
    score: float
    kind: EdgeKind
    reason: str


@dataclass(frozen=True, slots=True)
class FragmentLink:
    old: Fragment
    new: Fragment
    score: float


@dataclass(frozen=True, slots=True)
class Alignment:
    edges: tuple[Edge, ...]
    links: tuple[FragmentLink, ...]  # fragment links between different articles' units
    unit_ids: dict[
        tuple[int, int, int], tuple[int, ...]
    ]  # (side, article, unit) -> word IDs (one vocabulary)


@dataclass(frozen=True, slots=True)
class _Prepared:
    articles: tuple[Article, ...]
    text_ids: tuple[tuple[int, ...], ...]
    title_ids: tuple[tuple[int, ...], ...]
    placeholder: tuple[bool, ...]
    fragments: tuple[Fragment, ...]
    # ``text_ids`` and ``title_ids`` as ``_sim`` compares them, set by ``_keyed`` (the vocabulary complete)
    text_keys: tuple[Key, ...] = ()
    title_keys: tuple[Key, ...] = ()


_Place = tuple[int, str, int, int]  # unit, label, start, stop: a fragment before its article's IDs are known


def _provision_fragments(
    unit: int, prefix: str, p: Provision, vocab: Vocabulary, out: list[_Place], depth: int, flat: list[int]
) -> None:
    """Append the word IDs of ``p`` whole (its text, then all its descendants') to ``flat``, and the
    places of ``p``'s fragment and its descendants' (to ``FRAGMENT_DEPTH``) to ``out``.

    A provision's words are one stretch of ``flat``, so a fragment is where it starts and stops there.
    """
    label = f"{prefix} {p.label}".strip()
    start = len(flat)
    flat += vocab.encode_words(p.text)
    if depth > FRAGMENT_DEPTH:
        for c in p.children:
            _provision_fragments(unit, label, c, vocab, out, depth + 1, flat)
        return
    at = len(out)
    out.append(_NO_PLACE)  # the provision comes before its descendants
    for c in p.children:
        _provision_fragments(unit, label, c, vocab, out, depth + 1, flat)
    out[at] = (unit, label, start, len(flat))


_NO_PLACE: _Place = (-1, "", 0, 0)


def _prepare(side: int, version: Version, vocab: Vocabulary) -> _Prepared:
    text_ids, title_ids, placeholder = [], [], []
    fragments: list[Fragment] = []
    for i, a in enumerate(version.articles):
        title_ids.append(tuple(vocab.encode_words(a.title)))
        places: list[_Place] = []
        flat: list[int] = []
        unit = 0
        if a.lead.strip() or not a.paragraphs:
            flat += vocab.encode_words(a.lead)
            places.append((unit, "", 0, len(flat)))
            unit += 1
        for p in a.paragraphs:
            _provision_fragments(unit, "", p, vocab, places, 1, flat)
            unit += 1
        ids = tuple(flat)
        text_ids.append(ids)
        ph = is_placeholder(a) or not ids
        placeholder.append(ph)
        if not ph:
            fragments.append(Fragment(side, i, -1, "", ids, 0, len(ids)))
            fragments += [Fragment(side, i, u, label, ids, lo, hi) for u, label, lo, hi in places]
    return _Prepared(
        version.articles, tuple(text_ids), tuple(title_ids), tuple(placeholder), tuple(fragments)
    )


CODE_POINTS = 0x110000  # word IDs below this are keyed as strings, one character per word

_KEY_CODEC = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
_ARRAY_IS_UTF32 = array("I").itemsize == 4  # an unsigned-int array's bytes are UTF-32 code units


def _as_text(ids: tuple[int, ...]) -> str:
    """The word IDs as a string of the characters with those code points (all below ``CODE_POINTS``)."""
    if _ARRAY_IS_UTF32:
        return array("I", ids).tobytes().decode(_KEY_CODEC, "surrogatepass")
    return "".join(map(chr, ids))


def _keyed(p: _Prepared, vocab: Vocabulary) -> _Prepared:
    """``p`` with the keys ``_sim`` compares for whole articles and titles: each word-ID sequence as a
    string, one character per ID.

    rapidfuzz reads a string's characters directly but converts a tuple of ints item by item, so
    ``Indel`` on an article's string is about 1.5 times as fast; the similarity is the same, since two
    characters are equal exactly when their IDs are.  (Fragments keep their tuples: they are short, and
    making their strings costs what it saves.)  A vocabulary beyond the code points keeps the tuples.
    """
    if len(vocab.ids) > CODE_POINTS:
        return replace(p, text_keys=p.text_ids, title_keys=p.title_ids)
    text, title = tuple(map(_as_text, p.text_ids)), tuple(map(_as_text, p.title_ids))
    return replace(p, text_keys=text, title_keys=title)


def _sim(a: Key | Sequence[int], b: Key | Sequence[int]) -> float:
    if a == b:  # unchanged text (or both empty), the common case
        return 1.0
    return float(Indel.normalized_similarity(a, b))


def _similarity_bound(la: int, lb: int) -> float:
    """Upper bound of ``_sim`` from the lengths: Indel similarity is 2·LCS / (la + lb), LCS <= the shorter."""
    return 2 * min(la, lb) / (la + lb) if la + lb else 1.0


@dataclass(slots=True)
class AlignState:
    """What the passes share.  ``po``/``pn``, ``vocab``, ``scores`` are set before the first pass and
    never change; ``edges`` (keyed by ``(old, new)`` article indexes) and ``links`` grow pass by pass."""

    po: _Prepared
    pn: _Prepared
    vocab: Vocabulary
    scores: dict[tuple[int, int], float]  # combined body/title/number score of each candidate pair
    links: tuple[FragmentLink, ...]  # fragment links, first those found across all articles
    old: Version
    new: Version
    edges: dict[tuple[int, int], Edge] = field(default_factory=dict)
    pins: list[tuple[int, int]] = field(default_factory=list)  # pairs a move marker names


@dataclass(frozen=True, slots=True)
class Pass:
    """One entry of the pass table: a name, the function, what it reads and what it adds."""

    name: str
    run: Callable[[AlignState], None]
    reads: str
    adds: str


def _pass_markers(state: AlignState) -> None:
    old, new = state.old, state.new
    state.pins = continuity.marker_pairs(old.articles, new.articles)
    for i, j in state.pins:
        s = round(_sim(state.po.text_keys[i], state.pn.text_keys[j]), 4)
        state.edges[(i, j)] = Edge(i, j, s, "text", f"move marker: old {old.articles[i].number} moved here")


def _pass_titleless(state: AlignState) -> None:
    for i, j in continuity.titleless_gap_pairs(state.old.articles, state.new.articles, list(state.edges)):
        s = round(_sim(state.po.text_keys[i], state.pn.text_keys[j]), 4)
        state.edges[(i, j)] = Edge(
            i, j, s, "gap", f"no titles: same place between matched neighbours ({s:.2f})"
        )


def _pass_unpin_crossing(state: AlignState) -> None:
    for key in continuity.crossing_pins(list(state.edges), state.pins):
        del state.edges[key]


def _pass_placeholders(state: AlignState) -> None:
    _placeholder_edges(state.po, state.pn, state.edges)


def _pass_body(state: AlignState) -> None:
    _greedy_one_to_one(state.po, state.pn, state.scores, state.edges)


def _pass_gaps(state: AlignState) -> None:
    _fill_gaps(state.po, state.pn, state.scores, state.edges)


def _pass_links(state: AlignState) -> None:
    _link_edges(state.links, state.edges)


def _pass_orphans(state: AlignState) -> None:
    state.links += _orphan_links(state.po, state.pn, state.vocab, state.edges)


def _pass_repealed(state: AlignState) -> None:
    _repealed_edges(state.po, state.pn, state.edges)


PASSES: tuple[Pass, ...] = (
    Pass(
        "markers",
        _pass_markers,
        reads="move markers of the new version ([Moved from Article 5], [제5조에서 이동])",
        adds="'text' edges pinning each marked pair, and the pins themselves",
    ),
    Pass(
        "placeholders",
        _pass_placeholders,
        reads="placeholder flags and numbers of both versions",
        adds="a 'placeholder' edge between same-numbered repealed placeholders",
    ),
    Pass(
        "body",
        _pass_body,
        reads="scores; edges (articles already matched are skipped)",
        adds="'text' edges: greedy one-to-one matches best first, down to MATCH_MIN",
    ),
    Pass(
        "gaps",
        _pass_gaps,
        reads="scores; edges (an unmatched pair needs matched neighbours on both sides)",
        adds="'gap' edges for unmatched articles between matched neighbours, down to GAP_MIN",
    ),
    Pass(
        "titleless",
        _pass_titleless,
        reads="edges; titles of both versions (only when neither version has any)",
        adds="'gap' edges for an unmatched old and new article between the same matched neighbours",
    ),
    Pass(
        "links",
        _pass_links,
        reads="links found across all articles; edges (a linked pair already joined is skipped)",
        adds="'link' edges: an old fragment reappearing in another new article (merges, splits)",
    ),
    Pass(
        "orphans",
        _pass_orphans,
        reads="edges (which old articles nothing continues yet), fragments, vocab",
        adds="enumeration and neighbourhood links of those orphans, and their 'link' edges",
    ),
    Pass(
        "repealed",
        _pass_repealed,
        reads="edges (only still unmatched articles), placeholder flags and numbers",
        adds="a 'repealed' edge from an unmatched in-force article to its number's unmatched placeholder",
    ),
    Pass(
        "unpin-crossing",
        _pass_unpin_crossing,
        reads="edges; the pins of the markers pass",
        adds="nothing: removes edges that cross a pinned pair (the marker outranks text similarity)",
    ),
)


def align(old: Version, new: Version, passes: Sequence[Pass] = PASSES) -> Alignment:
    """Edges between old and new articles, and the cross-article fragment links: ``passes`` in order."""
    vocab = Vocabulary()
    po, pn = _prepare(0, old, vocab), _prepare(1, new, vocab)
    po, pn = _keyed(po, vocab), _keyed(pn, vocab)  # the vocabulary is complete now
    state = AlignState(po, pn, vocab, _article_scores(po, pn), _fragment_links(po, pn), old=old, new=new)
    for p in passes:
        p.run(state)
    cross = tuple(lk for lk in state.links if lk.old.unit >= 0 and lk.new.unit >= 0)
    unit_ids: dict[tuple[int, int, int], tuple[int, ...]] = {}
    for f in (*po.fragments, *pn.fragments):
        if f.unit >= 0:
            unit_ids.setdefault((f.side, f.article, f.unit), f.ids)  # the unit itself comes first
    return Alignment(tuple(sorted(state.edges.values(), key=lambda e: (e.new, e.old))), cross, unit_ids)


def _fragment_links(po: _Prepared, pn: _Prepared) -> tuple[FragmentLink, ...]:
    """Fragment pairs that continue one another (rare words and word order agree), unambiguous ones only."""
    fo = [f for f in po.fragments if f.size >= LINK_MIN_WORDS]
    fn = [f for f in pn.fragments if f.size >= LINK_MIN_WORDS]
    found: list[FragmentLink] = []
    for i, j, c in _link_candidates(fo, fn):
        a, b = fo[i], fn[j]
        s = _sim(a.ids, b.ids)
        if s >= LINK_INDEL:
            found.append(FragmentLink(a, b, round((c + s) / 2, 4)))
    return _unambiguous(found)


def _link_candidates(fo: Sequence[Fragment], fn: Sequence[Fragment]) -> Iterable[tuple[int, int, float]]:
    """(old fragment, new fragment, cosine) of the candidate pairs worth an Indel score, by old, then new:
    not whole against whole (the body score's job), the cosine at least ``LINK_COSINE`` and the lengths
    allowing a similarity of ``LINK_INDEL``.

    Inputs large enough for the numpy scorer are filtered as arrays (:func:`_link_candidates_numpy`: no
    Python object for the pairs left out); the same pairs, in the same order, either way.
    """
    seqs_o, seqs_n = _ids_of(fo), _ids_of(fn)
    if fo and fn and sum(f.size for f in fo) + sum(f.size for f in fn) > candidates.NUMPY_ABOVE:
        return _link_candidates_numpy(fo, fn, seqs_o, seqs_n)
    out = []
    for (i, j), c in sorted(top_pairs(seqs_o, seqs_n, K_FRAGMENTS, LINK_COSINE).items()):
        a, b = fo[i], fn[j]
        if a.unit < 0 and b.unit < 0:
            continue
        if c < LINK_COSINE or _similarity_bound(a.size, b.size) < LINK_INDEL - 1e-9:
            continue
        out.append((i, j, c))
    return out


def _link_candidates_numpy(
    fo: Sequence[Fragment],
    fn: Sequence[Fragment],
    seqs_o: Sequence[tuple[int, ...]],
    seqs_n: Sequence[tuple[int, ...]],
) -> Iterable[tuple[int, int, float]]:
    """:func:`_link_candidates` of large inputs, filtered as arrays (the very floats: ``_similarity_bound``
    divides the same two integers)."""
    import numpy as np

    from diffing import candidates_numpy

    rows, cols, vals = candidates_numpy.top_arrays(seqs_o, seqs_n, K_FRAGMENTS, LINK_COSINE)
    del seqs_o, seqs_n
    whole_o = np.fromiter((f.unit < 0 for f in fo), dtype=bool, count=len(fo))
    whole_n = np.fromiter((f.unit < 0 for f in fn), dtype=bool, count=len(fn))
    keep = ~(whole_o[rows] & whole_n[cols])
    keep &= vals >= LINK_COSINE
    len_o = np.fromiter((f.size for f in fo), dtype=np.int64, count=len(fo))[rows]
    len_n = np.fromiter((f.size for f in fn), dtype=np.int64, count=len(fn))[cols]
    keep &= 2 * np.minimum(len_o, len_n) / (len_o + len_n) >= LINK_INDEL - 1e-9
    return zip(rows[keep].tolist(), cols[keep].tolist(), vals[keep].tolist(), strict=True)


def _unambiguous(links: list[FragmentLink]) -> tuple[FragmentLink, ...]:
    """Drop links of a fragment that reaches several articles without a clear winner (boilerplate)."""
    drop = [False] * len(links)
    for side in (0, 1):
        for n in _without_clear_winner(links, side):
            drop[n] = True
    return tuple(lk for lk, d in zip(links, drop, strict=True) if not d)


def _without_clear_winner(links: Sequence[FragmentLink], side: int) -> list[int]:
    """Positions of the links whose fragment on ``side`` (0 old, 1 new) reaches several articles of the
    other side and whose article is not the clear winner: the best article's best score must beat the
    runner-up's by ``LINK_MARGIN`` (ties: the lower article ranks first)."""
    best: dict[tuple[int, int, str], dict[int, float]] = {}  # fragment -> article -> best score
    for lk in links:
        mine, theirs = (lk.old, lk.new) if side == 0 else (lk.new, lk.old)
        scores = best.setdefault((mine.article, mine.unit, mine.label), {})
        if lk.score > scores.get(theirs.article, -math.inf):
            scores[theirs.article] = lk.score
    winner: dict[tuple[int, int, str], int] = {}  # fragments reaching several articles: the clear one, or -1
    for key, scores in best.items():
        if len(scores) >= 2:
            (top, s1), (_, s2) = sorted(scores.items(), key=lambda e: (-e[1], e[0]))[:2]
            winner[key] = top if s1 - s2 >= LINK_MARGIN else -1
    out = []
    for n, lk in enumerate(links):
        mine, theirs = (lk.old, lk.new) if side == 0 else (lk.new, lk.old)
        if winner.get((mine.article, mine.unit, mine.label), theirs.article) != theirs.article:
            out.append(n)
    return out


def _placeholder_edges(po: _Prepared, pn: _Prepared, edges: dict[tuple[int, int], Edge]) -> None:
    """A repealed placeholder continues the same-numbered placeholder (or article) of the old version."""
    new_by_number = {a.number: j for j, a in enumerate(pn.articles)}
    for i, a in enumerate(po.articles):
        j = new_by_number.get(a.number)
        if j is None or not pn.placeholder[j]:
            continue
        if po.placeholder[i]:
            edges[(i, j)] = Edge(i, j, 1.0, "placeholder", "both versions keep the repealed placeholder")


def _repealed_edges(po: _Prepared, pn: _Prepared, edges: dict[tuple[int, int], Edge]) -> None:
    """An unmatched in-force old article whose number now holds an unmatched placeholder was repealed."""
    used_o = {e.old for e in edges.values()}
    used_n = {e.new for e in edges.values()}
    new_by_number = {a.number: j for j, a in enumerate(pn.articles)}
    for i, a in enumerate(po.articles):
        j = new_by_number.get(a.number)
        if j is None or i in used_o or j in used_n or po.placeholder[i] or not pn.placeholder[j]:
            continue
        edges[(i, j)] = Edge(i, j, 0.0, "repealed", "the new version keeps only a repealed placeholder")


def _article_scores(po: _Prepared, pn: _Prepared) -> dict[tuple[int, int], float]:
    """Combined score for every candidate article pair: word order, rare words, title, number."""
    live_o = [i for i, ph in enumerate(po.placeholder) if not ph]
    live_n = [j for j, ph in enumerate(pn.placeholder) if not ph]
    seqs_o = _joined([po.text_ids[i] for i in live_o], [po.title_ids[i] for i in live_o])
    seqs_n = _joined([pn.text_ids[j] for j in live_n], [pn.title_ids[j] for j in live_n])
    cosine = {(live_o[a], live_n[b]): c for (a, b), c in top_pairs(seqs_o, seqs_n, K_ARTICLES).items()}
    cands = set(cosine)
    new_by_number = {a.number: j for j, a in enumerate(pn.articles)}
    for i in live_o:
        j = new_by_number.get(po.articles[i].number)
        if j is not None and not pn.placeholder[j]:
            cands.add((i, j))
    out = {}
    for i, j in cands:
        body = _sim(po.text_keys[i], pn.text_keys[j])
        score = (body + min(1.0, 2 * cosine.get((i, j), 0.0))) / 2
        title = _sim(po.title_keys[i], pn.title_keys[j]) if po.title_ids[i] and pn.title_ids[j] else 0.0
        score += TITLE_WEIGHT * title * (1.0 - score)
        out[(i, j)] = min(1.0, score)
    return out


class _Made(Sequence[tuple[int, ...]], Generic[_T]):
    """``[make(x) for x in items]`` as a sequence, each item made when read: the candidate scorer reads its
    inputs a chunk at a time, so the made word-ID tuples never all exist at once."""

    __slots__ = ("_items", "_make")

    def __init__(self, items: Sequence[_T], make: Callable[[_T], tuple[int, ...]]) -> None:
        self._items, self._make = items, make

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, n: int) -> tuple[int, ...]: ...
    @overload
    def __getitem__(self, n: slice) -> list[tuple[int, ...]]: ...
    def __getitem__(self, n: int | slice) -> tuple[int, ...] | list[tuple[int, ...]]:
        if isinstance(n, slice):
            return list(map(self._make, self._items[n]))
        return self._make(self._items[n])

    def __iter__(self) -> Iterator[tuple[int, ...]]:
        return map(self._make, self._items)


def _joined(text: Sequence[tuple[int, ...]], title: Sequence[tuple[int, ...]]) -> _Made[int]:
    """Each article's text words then its title words (``text[n] + title[n]``), made when read."""
    return _Made(range(len(text)), lambda n: text[n] + title[n])


def _ids_of(fragments: Sequence[Fragment]) -> _Made[Fragment]:
    """The fragments' word IDs, made when read."""
    return _Made(fragments, lambda f: f.ids)


def _ranked(
    po: _Prepared, pn: _Prepared, scores: dict[tuple[int, int], float]
) -> list[tuple[float, float, int, int]]:
    """(rank, score, i, j), best first: the score plus the same-number prior."""
    out = []
    for (i, j), s in scores.items():
        bonus = NUMBER_BONUS if po.articles[i].number == pn.articles[j].number else 0.0
        out.append((s + bonus, s, i, j))
    out.sort(key=lambda t: (-t[0], t[2], t[3]))
    return out


def _greedy_one_to_one(
    po: _Prepared, pn: _Prepared, scores: dict[tuple[int, int], float], edges: dict[tuple[int, int], Edge]
) -> None:
    used_o = {e.old for e in edges.values()}
    used_n = {e.new for e in edges.values()}
    for i, j, s in greedy_matches(_ranked(po, pn, scores), MATCH_MIN, used_o, used_n):
        edges[(i, j)] = Edge(i, j, s, "text", f"body and title similarity {s:.2f}")


def greedy_matches(
    ranked: Iterable[tuple[float, float, int, int]],
    minimum: float,
    used_a: set[int] | None = None,
    used_b: set[int] | None = None,
) -> list[tuple[int, int, float]]:
    """One-to-one matches ``(a, b, score)`` taken greedily from ``(rank, score, a, b)`` best first.

    Stops at the first rank below ``minimum``; ``used_a`` / ``used_b`` (updated in
    place) hold items already matched elsewhere.
    """
    used_a = set() if used_a is None else used_a
    used_b = set() if used_b is None else used_b
    out = []
    for rank, s, a, b in ranked:
        if rank < minimum:
            break
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        out.append((a, b, s))
    return out


def _fill_gaps(
    po: _Prepared, pn: _Prepared, scores: dict[tuple[int, int], float], edges: dict[tuple[int, int], Edge]
) -> None:
    """Link unmatched articles lying between two matched neighbours, when the text agrees a little."""
    matched = {(e.old, e.new) for e in edges.values()}
    used_o = {i for i, _ in matched}
    used_n = {j for _, j in matched}
    for rank, s, i, j in _ranked(po, pn, scores):
        if rank < GAP_MIN or i in used_o or j in used_n:
            continue
        before = (i - 1, j - 1) in matched or (i == 0 and j == 0)
        after = (i + 1, j + 1) in matched or (i == len(po.articles) - 1 and j == len(pn.articles) - 1)
        if before and after:
            used_o.add(i)
            used_n.add(j)
            matched.add((i, j))
            edges[(i, j)] = Edge(i, j, s, "gap", f"same place between matched neighbours, similarity {s:.2f}")


def _link_edges(
    links: tuple[FragmentLink, ...], edges: dict[tuple[int, int], Edge], evidence: str = ""
) -> None:
    """Each fragment link across articles adds (or strengthens) an edge between them."""
    for lk in links:
        key = (lk.old.article, lk.new.article)
        if key in edges:
            continue
        where_o = lk.old.label or "(lead)" if lk.old.unit >= 0 else "(whole)"
        where_n = lk.new.label or "(lead)" if lk.new.unit >= 0 else "(whole)"
        reason = f"old {where_o} reappears as new {where_n} ({lk.score:.2f}{_also(evidence)})"
        edges[key] = Edge(key[0], key[1], lk.score, "link", reason)


def _orphans(po: _Prepared, edges: dict[tuple[int, int], Edge]) -> set[int]:
    used = {e.old for e in edges.values()}
    return {i for i, ph in enumerate(po.placeholder) if not ph and i not in used}


def _orphan_links(
    po: _Prepared, pn: _Prepared, vocab: Vocabulary, edges: dict[tuple[int, int], Edge]
) -> tuple[FragmentLink, ...]:
    """Links (and edges) for old articles that nothing continues yet; see ``diffing.continuity``."""
    found = _enumeration_links(po, pn, vocab, edges)
    _link_edges(found, edges, "enumeration")
    near = _neighbourhood_links(po, pn, edges)
    _link_edges(near, edges, "neighbourhood")
    return found + near


def _enumeration_links(
    po: _Prepared, pn: _Prepared, vocab: Vocabulary, edges: dict[tuple[int, int], Edge]
) -> tuple[FragmentLink, ...]:
    """An orphan's numbered list continued in order by a list of a new article."""
    orphans = _orphans(po, edges)
    if not orphans:
        return ()

    skip_o = [i not in orphans for i in range(len(po.articles))]
    lists_o = continuity.item_lists(po.articles, vocab.encode_words, skip_o)
    lists_n = continuity.item_lists(pn.articles, vocab.encode_words, pn.placeholder)
    out = []
    for m in continuity.enumeration_matches(lists_o, lists_n):
        old = Fragment.of(0, m.old.article, m.old.unit, m.old.label, _flat(m.old.items))
        new = Fragment.of(1, m.new.article, m.new.unit, m.new.label, _flat(m.new.items))
        out.append(FragmentLink(old, new, m.score))
    return tuple(out)


def _flat(items: tuple[tuple[int, ...], ...]) -> tuple[int, ...]:
    return tuple(w for item in items for w in item)


def _neighbourhood_links(
    po: _Prepared, pn: _Prepared, edges: dict[tuple[int, int], Edge]
) -> tuple[FragmentLink, ...]:
    """An orphan's fragment weakly matching a new article fed by old articles on both sides of it."""
    orphans = _orphans(po, edges)
    if not orphans:
        return ()
    sources: dict[int, set[int]] = {}
    for e in edges.values():
        sources.setdefault(e.new, set()).add(e.old)
    fo = [f for f in po.fragments if f.article in orphans and f.size >= LINK_MIN_WORDS]
    fn = [f for f in pn.fragments if f.size >= LINK_MIN_WORDS]
    cands = top_pairs(_ids_of(fo), _ids_of(fn), K_FRAGMENTS, continuity.NEIGHBOUR_COSINE)
    found: list[FragmentLink] = []
    for (i, j), c in sorted(cands.items()):
        a, b = fo[i], fn[j]
        if a.unit < 0 and b.unit < 0:
            continue
        if not continuity.bracketed(a.article, sources.get(b.article, set())):
            continue
        s = _sim(a.ids, b.ids)
        if s >= continuity.NEIGHBOUR_INDEL:
            found.append(FragmentLink(a, b, round((c + s) / 2, 4)))
    return _unambiguous(found)


def _also(evidence: str) -> str:
    return f", {evidence}" if evidence else ""
