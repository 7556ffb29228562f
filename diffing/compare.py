"""From alignment edges to the pairs, rows and change kinds analysts read.

Definitions of the change kinds (``Pair.change``):

- ``added`` / ``deleted``: the article has no counterpart (``old`` or ``new`` is
  empty).  An old article whose successor is a repealed placeholder
  ("Article 5 Deleted.") is ``deleted`` too.
- ``merged``: several old articles -> one new article; ``split``: one old
  article -> several new articles.  Edges are cut into such stars: a new
  article with several predecessors heads a ``merged`` pair; the remaining
  edges of an old article with several successors form a ``split`` pair.  An
  article may therefore sit in two pairs when its text really went two ways.
- For one old -> one new article: ``moved`` when the pair leaves the reading
  order (it is not on the longest order-preserving chain of 1:1 pairs) or its
  chapter number changes; else ``renumbered`` when the number changed; else
  ``modified`` when any word or punctuation mark of the title or text changed;
  else ``unchanged``.  Formatting never counts: whitespace (tokens compare
  stripped), provision label style (``(a)`` -> ``a.``) or a label added to an
  unlabelled paragraph.  Row diffs still show such differences.
- The flags ``renumbered`` (number changed) and ``modified`` (words changed)
  are set on every kind, so "renumbered and modified" is expressible.

Reading order: pairs sort by their first new article; a deleted old article
follows the pair of its nearest old predecessor that has a partner.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz.distance import Indel

from corpus.gcpause import gc_paused
from corpus.model import Article, Document, ParseWarning, Provision, Version
from diffing.addenda import addenda_links
from diffing.align import Alignment, Edge, FragmentLink, align, greedy_matches
from diffing.model import AddendaLink, ChangeKind, Comparison, Pair, Row, UnitRef
from diffing.tokens import Vocabulary, keys, words
from diffing.units import article_units, unit_name
from diffing.worddiff import WordDiffer

ANY_UNIT = -2
ROW_MIN = 0.3  # unit similarity for two units to share a row
SAME_LABEL_BONUS = 0.15


class _Unit(NamedTuple):
    """A unit shown in a pair: its article's index in the version, its index in the article, the unit."""

    article: int
    unit: int
    ref: UnitRef


@dataclass(frozen=True, slots=True)
class _Star:
    old: tuple[int, ...]
    new: tuple[int, ...]
    edges: tuple[Edge, ...]


def compare(document: Document) -> Comparison:
    """Align, diff and classify the two versions of ``document``."""
    with gc_paused():
        return _compare(document)


def _compare(document: Document) -> Comparison:
    old, new = document.old, document.new
    alignment = align(old, new)
    stars = _stars(alignment, old, new)
    moved = _out_of_order(stars, old, new)
    work = _Work(old, new, moved, _link_index(alignment.links), alignment.unit_ids)
    pairs = [_pair(s, work) for s in stars]
    pairs = _attach_addenda(pairs, addenda_links(old, new), old, new)
    return Comparison(document=document, pairs=tuple(pairs), warnings=_warnings(old, new))


def _warnings(old: Version, new: Version) -> tuple[ParseWarning, ...]:
    out = []
    if not old.articles:
        message = "the old version has no article: every new article is reported as added"
        out.append(ParseWarning(code="empty-old-version", message=message))
    if not new.articles:
        message = "the new version has no article: every old article is reported as deleted"
        out.append(ParseWarning(code="empty-new-version", message=message))
    return tuple(out)


# ---------------------------------------------------------------- stars


def _stars(alignment: Alignment, old: Version, new: Version) -> list[_Star]:
    by_new: dict[int, list[Edge]] = defaultdict(list)
    for e in alignment.edges:
        by_new[e.new].append(e)
    stars: list[_Star] = []
    rest: dict[int, list[Edge]] = defaultdict(list)
    for j, es in by_new.items():
        if len(es) > 1:
            es.sort(key=lambda e: e.old)
            stars.append(_Star(tuple(e.old for e in es), (j,), tuple(es)))
        else:
            rest[es[0].old].append(es[0])
    for i, es in rest.items():
        es.sort(key=lambda e: e.new)
        stars.append(_Star((i,), tuple(e.new for e in es), tuple(es)))
    seen_old = {i for s in stars for i in s.old}
    seen_new = {j for s in stars for j in s.new}
    stars.extend(_Star((i,), (), ()) for i in range(len(old.articles)) if i not in seen_old)
    stars.extend(_Star((), (j,), ()) for j in range(len(new.articles)) if j not in seen_new)
    return _reading_order(stars)


def _reading_order(stars: list[_Star]) -> list[_Star]:
    """By first new article; an old-only star follows its nearest old predecessor's star."""
    anchor_of_old: dict[int, int] = {}
    for s in stars:
        if s.new:
            for i in s.old:
                anchor_of_old.setdefault(i, min(s.new))
    # the anchor of each old index: the partner of its nearest partnered predecessor (-1 if none)
    n_old = 1 + max((i for s in stars for i in s.old), default=-1)
    preceding: list[int] = []
    last = -1
    for i in range(n_old):
        preceding.append(last)
        last = anchor_of_old.get(i, last)
    keys: dict[int, tuple[int, int, int]] = {}
    for k, s in enumerate(stars):
        if s.new:
            keys[k] = (min(s.new), 0, min(s.old, default=-1))
        else:
            keys[k] = (preceding[s.old[0]], 1, s.old[0])
    order = sorted(range(len(stars)), key=lambda k: keys[k])
    return [stars[k] for k in order]


def _out_of_order(stars: list[_Star], old: Version, new: Version) -> set[tuple[int, int]]:
    """1:1 pairs off the longest order-preserving chain, or whose chapter number changed."""
    ones = sorted((s.old[0], s.new[0]) for s in stars if len(s.old) == 1 and len(s.new) == 1)
    keep = set(_longest_increasing(ones))
    out = {p for p in ones if p not in keep}
    for i, j in ones:
        co, cn = old.articles[i].chapter_ordinal, new.articles[j].chapter_ordinal
        if co is not None and cn is not None and co != cn:
            out.add((i, j))
    return out


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of ``pairs`` (sorted by old) whose new indexes increase."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        parent[k] = tail_at[pos - 1] if pos else -1
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = parent[k]
    return out[::-1]


# ---------------------------------------------------------------- pairs and rows


def _link_index(links: tuple[FragmentLink, ...]) -> dict[tuple[int, int, int], list[FragmentLink]]:
    """(side, article, unit) -> links of that unit; ``unit == ANY_UNIT`` collects the whole article's."""
    out: dict[tuple[int, int, int], list[FragmentLink]] = defaultdict(list)
    for lk in links:
        out[(0, lk.old.article, lk.old.unit)].append(lk)
        out[(1, lk.new.article, lk.new.unit)].append(lk)
        out[(0, lk.old.article, ANY_UNIT)].append(lk)
    return out


class _Work:
    """What the pairs of one comparison share: the versions, which 1:1 pairs moved, the aligner's links
    and word IDs, each article's units (made once, an article can be in two pairs) and one word differ."""

    __slots__ = ("_units", "differ", "link_index", "moved", "new", "old", "unit_ids")

    def __init__(
        self,
        old: Version,
        new: Version,
        moved: set[tuple[int, int]],
        link_index: dict[tuple[int, int, int], list[FragmentLink]],
        unit_ids: dict[tuple[int, int, int], tuple[int, ...]],
    ) -> None:
        self.old, self.new, self.moved = old, new, moved
        self.link_index, self.unit_ids = link_index, unit_ids
        self.differ = WordDiffer()
        self._units: dict[tuple[int, int], tuple[UnitRef, ...]] = {}

    def units(self, side: int, index: int) -> tuple[UnitRef, ...]:
        """``article_units`` of article ``index`` of the old (side 0) or new (side 1) version."""
        found = self._units.get((side, index))
        if found is None:
            found = article_units((self.new if side else self.old).articles[index])
            self._units[(side, index)] = found
        return found


def _pair(star: _Star, work: _Work) -> Pair:
    olds = [work.old.articles[i] for i in star.old]
    news = [work.new.articles[j] for j in star.new]
    rows = _rows(star, work)
    modified = bool(olds and news) and _words_changed(olds, news)
    old_numbers = tuple(a.number for a in olds)
    new_numbers = tuple(a.number for a in news)
    renumbered = bool(olds and news) and not set(old_numbers) & set(new_numbers)
    change = _change_kind(star, olds, news, modified, renumbered, work.moved)
    score = _pair_score(star, change)
    reason = "; ".join(dict.fromkeys(e.reason for e in star.edges)) or _lonely_reason(change)
    return Pair(
        old=old_numbers,
        new=new_numbers,
        change=change,
        score=score,
        renumbered=renumbered,
        modified=modified,
        rows=rows,
        addenda=(),
        old_eids=tuple(a.eid for a in olds),
        new_eids=tuple(a.eid for a in news),
        reason=reason,
    )


def _change_kind(
    star: _Star,
    olds: list[Article],
    news: list[Article],
    modified: bool,
    renumbered: bool,
    moved: set[tuple[int, int]],
) -> ChangeKind:
    if not news or (star.edges and all(e.kind == "repealed" for e in star.edges)):
        return "deleted"
    if not olds:
        return "added"
    if len(olds) > 1:
        return "merged"
    if len(news) > 1:
        return "split"
    if (star.old[0], star.new[0]) in moved:
        return "moved"
    if renumbered:
        return "renumbered"
    return "modified" if modified else "unchanged"


def _pair_score(star: _Star, change: ChangeKind) -> float:
    if change in ("added", "deleted") or not star.edges:
        return 0.0
    return round(min(1.0, max(0.0, sum(e.score for e in star.edges) / len(star.edges))), 4)


def _lonely_reason(change: ChangeKind) -> str:
    if change == "added":
        return "no old article continues in this one"
    return "no new article continues this one"


def _words_changed(olds: list[Article], news: list[Article]) -> bool:
    """True when a word or punctuation mark of a title or text changed (labels and spacing never count)."""
    if [(a.title, a.text) for a in olds] == [(a.title, a.text) for a in news]:
        return False
    # ``[_content(a) for a in olds] != [_content(a) for a in news]``, keys made only as far as needed:
    # other lengths, then any title's keys, then the texts' keys
    if len(olds) != len(news):
        return True
    if any(a.title != b.title and _keys(a.title) != _keys(b.title) for a, b in zip(olds, news, strict=True)):
        return True
    return any(_pieces_differ(_pieces(a), _pieces(b)) for a, b in zip(olds, news, strict=True))


def _pieces_differ(a: list[str], b: list[str]) -> bool:
    """``_keys("\\n".join(a)) != _keys("\\n".join(b))``, made only as far as needed.

    The keys of joined pieces are the concatenation of each piece's keys (a key never spans whitespace),
    so the common leading and trailing pieces are left out, and the keys of the rest are compared piece by
    piece as they are made, up to the first difference.
    """
    n = min(len(a), len(b))
    lo = 0
    while lo < n and a[lo] == b[lo]:
        lo += 1
    hi = 0
    while hi < n - lo and a[-1 - hi] == b[-1 - hi]:
        hi += 1
    i, j, end_a, end_b = lo, lo, len(a) - hi, len(b) - hi
    ka: list[str] = []
    kb: list[str] = []
    checked = 0  # ka[:checked] == kb[:checked]
    while True:
        if i < end_a and (len(ka) <= len(kb) or j == end_b):
            ka += _keys(a[i])
            i += 1
        elif j < end_b:
            kb += _keys(b[j])
            j += 1
        else:
            return len(ka) != len(kb)
        common = min(len(ka), len(kb))
        if ka[checked:common] != kb[checked:common]:
            return True
        checked = common


def _content(article: Article) -> tuple[list[str], list[str]]:
    """Title keys and text keys of an article, provision labels left out."""
    return _keys(article.title), _text_keys(article)


def _pieces(article: Article) -> list[str]:
    """The lead and every provision's own text, in reading order (labels left out)."""
    texts = [article.lead]

    def walk(ps: tuple[Provision, ...]) -> None:
        for p in ps:
            texts.append(p.text)
            walk(p.children)

    walk(article.paragraphs)
    return texts


def _text_keys(article: Article) -> list[str]:
    """Text keys of an article (lead and provisions), provision labels left out."""
    # one pass over the pieces joined by newlines: a key never spans whitespace, so this is the
    # concatenation of each piece's keys
    return _keys("\n".join(_pieces(article)))


def _keys(text: str) -> list[str]:
    return keys(text)


def _rows(star: _Star, work: _Work) -> tuple[Row, ...]:
    """The rows of the pair ``star``."""
    link_index = work.link_index
    ou = [
        _Unit(i, k, u)
        for i in star.old
        for k, u in enumerate(work.units(0, i))
        if _unit_belongs(star, i, k, link_index)
    ]
    nu = [_Unit(j, k, u) for j in star.new for k, u in enumerate(work.units(1, j))]
    matches = _match_units(ou, nu, work.unit_ids)
    matched_old = {a: (b, s) for a, b, s in matches}
    rows: list[Row] = []
    # deleted old units go after the row of their nearest matched predecessor
    trailing: dict[int, list[int]] = defaultdict(list)
    lead_in: list[int] = []
    last: int | None = None
    for x in range(len(ou)):
        if x in matched_old:
            last = matched_old[x][0]
        elif last is None:
            lead_in.append(x)
        else:
            trailing[last].append(x)
    order: list[tuple[int | None, int | None]] = [(x, None) for x in lead_in]
    old_of_new = {b: a for a, (b, _) in matched_old.items()}
    for y in range(len(nu)):
        order.append((old_of_new.get(y), y))
        order.extend((t, None) for t in trailing.get(y, []))
    diff = work.differ.diff
    for a, b in order:
        uo = ou[a] if a is not None else None
        un = nu[b] if b is not None else None
        ref_o = uo.ref if uo is not None else None
        ref_n = un.ref if un is not None else None
        score = matched_old[a][1] if a is not None and b is not None else 0.0
        moved = _moved_note(uo, un, star, work)
        rows.append(
            Row(
                old=ref_o,
                new=ref_n,
                score=round(score, 4),
                diff=diff(ref_o.text if ref_o else "", ref_n.text if ref_n else ""),
                moved=moved,
            )
        )
    return tuple(rows)


def _unit_belongs(
    star: _Star, i: int, k: int, link_index: dict[tuple[int, int, int], list[FragmentLink]]
) -> bool:
    """In a star that is not an old article's home (its 1:1 body match), show only the units linked here."""
    if len(star.old) == 1 or any(e.old == i and e.kind in ("text", "gap") for e in star.edges):
        return True  # a lone old article, or this one's home
    here = [lk for lk in _article_links(i, link_index) if lk.new.article in star.new]
    if not here:
        return True
    return any(lk.old.unit == k for lk in here)


def _article_links(i: int, link_index: dict[tuple[int, int, int], list[FragmentLink]]) -> list[FragmentLink]:
    return link_index.get((0, i, ANY_UNIT), [])


def _match_units(
    ou: list[_Unit],
    nu: list[_Unit],
    unit_ids: dict[tuple[int, int, int], tuple[int, ...]],
) -> list[tuple[int, int, float]]:
    """Greedy best-first unit matching inside a pair, each unit once: ``(old pos, new pos, score)``."""
    if len(ou) == len(nu) and all(a.ref.text == b.ref.text for a, b in zip(ou, nu, strict=True)):
        return [(k, k, 1.0) for k in range(len(ou))]  # the common case: nothing changed
    known_o = [unit_ids.get((0, u.article, u.unit)) for u in ou]
    known_n = [unit_ids.get((1, u.article, u.unit)) for u in nu]
    word_ids_o: list[Sequence[int]]
    word_ids_n: list[Sequence[int]]
    if all(x is not None for x in (*known_o, *known_n)):
        word_ids_o, word_ids_n = [x or () for x in known_o], [x or () for x in known_n]
    else:  # placeholders are not prepared by the aligner
        vocab = Vocabulary()
        word_ids_o = [vocab.encode(words(u.ref.text)) for u in ou]
        word_ids_n = [vocab.encode(words(u.ref.text)) for u in nu]
    labels_n = [u.ref.label for u in nu]
    similarity = Indel.normalized_similarity
    scored: list[tuple[float, float, int, int]] = []  # (rank, score, a, b), made in (a, b) order
    for a, (uo, wo) in enumerate(zip(ou, word_ids_o, strict=True)):
        label = uo.ref.label
        for b, wn in enumerate(word_ids_n):
            s = float(similarity(wo, wn)) if wo or wn else 1.0
            scored.append((s + (SAME_LABEL_BONUS if label == labels_n[b] else 0.0), s, a, b))
    # best rank first, equal ranks in (a, b) order: the sort is stable, also reversed
    scored.sort(key=itemgetter(0), reverse=True)
    return greedy_matches(scored, ROW_MIN)


def _moved_note(uo: _Unit | None, un: _Unit | None, star: _Star, work: _Work) -> str:
    old, new, link_index = work.old, work.new, work.link_index
    if uo is not None and un is not None:
        if len(star.old) > 1 or len(star.new) > 1:
            return f"from {unit_name(uo.ref, old.articles[uo.article])}"
        return ""
    if un is not None:
        for lk in link_index.get((1, un.article, un.unit), []):
            if lk.old.article not in star.old:
                src = lk.old.article
                return f"from {unit_name(work.units(0, src)[lk.old.unit], old.articles[src])}"
    if uo is not None:
        for lk in link_index.get((0, uo.article, uo.unit), []):
            if lk.new.article not in star.new:
                dst = lk.new.article
                return f"to {unit_name(work.units(1, dst)[lk.new.unit], new.articles[dst])}"
    return ""


def _attach_addenda(
    pairs: list[Pair], links: Sequence[tuple[str, str, AddendaLink]], old: Version, new: Version
) -> list[Pair]:
    """Give each pair the addenda links that refer to one of its old or new articles.

    A reference names an article number; it reaches every article printed with that number."""
    if not links:
        return pairs
    pairs_of_eid: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, p in enumerate(pairs):
        for eid in p.old_eids:
            pairs_of_eid[("old", eid)].append(k)
        for eid in p.new_eids:
            pairs_of_eid[("new", eid)].append(k)
    pairs_of: dict[tuple[str, str], set[int]] = defaultdict(set)  # (side, number) -> pair indexes
    for side, version in (("old", old), ("new", new)):
        for a in version.articles:
            pairs_of[(side, a.number)].update(pairs_of_eid.get((side, a.eid), ()))
    by_pair: dict[int, dict[AddendaLink, None]] = defaultdict(dict)  # first mention first, once
    for side, number, link in links:
        for k in pairs_of.get((side, number), ()):
            by_pair[k].setdefault(link)
    return [replace(p, addenda=tuple(by_pair[k])) if by_pair.get(k) else p for k, p in enumerate(pairs)]


# ---------------------------------------------------------------- re-pairing (review decisions)


def pairs_for(
    document: Document, groups: Sequence[tuple[Sequence[int], Sequence[int], str]]
) -> tuple[tuple[int, Pair], ...]:
    """Pairs for given groups of (old article indexes, new article indexes, reason), in reading order.

    Returns ``(group index, pair)``.  Used to re-pair after an analyst's decisions: rows, word diffs,
    change kinds (``moved`` judged over all the groups) and addenda are computed as :func:`compare` does,
    without the aligner's fragment links; the score is the word similarity of the two sides.
    """
    old, new = document.old, document.new
    stars = [_Star(tuple(o), tuple(n), ()) for o, n, _ in groups]
    where = {(s.old, s.new): k for k, s in enumerate(stars)}
    ordered = _reading_order(stars)
    moved = _out_of_order(ordered, old, new)
    work = _Work(old, new, moved, {}, {})
    pairs = []
    for s in ordered:
        p = _pair(s, work)
        olds, news = [old.articles[i] for i in s.old], [new.articles[j] for j in s.new]
        a, b = ([k for x in side for k in _content(x)[1]] for side in (olds, news))
        score = round(float(Indel.normalized_similarity(a, b)), 4) if olds and news else 0.0
        reason = groups[where[(s.old, s.new)]][2] or ("" if olds and news else p.reason)
        pairs.append(replace(p, score=score, reason=reason))
    attached = _attach_addenda(pairs, addenda_links(old, new), old, new)
    return tuple((where[(s.old, s.new)], p) for s, p in zip(ordered, attached, strict=True))
