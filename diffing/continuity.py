"""Second-chance evidence for old articles that found no successor by their text.

A whole amendment often paraphrases a short article into a paragraph of a
neighbouring new article.  Two general drafting facts rescue such orphans
without lowering the thresholds for everybody else:

1. **Ordered enumerations** (:func:`enumeration_links`).  When a list of
   numbered items (an article's subparagraphs, a paragraph's points) is carried
   into another article, the drafter keeps the order: item 1 stays first, item
   4 stays fourth.  Several items agreeing moderately *at the same positions*
   of two lists of nearly the same length is strong evidence of continuity
   even when no item alone would link.
2. **Contiguity of merges** (:func:`neighbourhood_links`).  A new article that
   gathers units of several old articles draws them from a contiguous run
   (committee set-up, meetings, opinions, allowances).  An orphan lying inside
   such a run, between two old articles that already feed the same new
   article, may link to it on weaker textual evidence (rare-word cosine
   ``NEIGHBOUR_COSINE`` instead of the usual one), still with the usual
   word-order test and a margin against any other target.

Both apply only to *orphans*: old articles with no edge at all, which would
otherwise be reported deleted.  An article already continued somewhere is
never re-routed by this weaker evidence.

3. **Move markers** (:func:`marker_pairs`, :func:`crossing_pins`) are the
   opposite: the drafter's own ``[제5조에서 이동 <...>]`` / ``[Moved from
   Article 5]`` (``Article.moved_from``) pins a pair before any text is
   compared, and text edges crossing two pins are dropped.
4. **Place without titles** (:func:`titleless_gap_pairs`): when neither version
   has titles, an unmatched old and new article between the same matched
   neighbours of one chapter are linked on any shared word.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from corpus.model import Article, Provision
from diffing.candidates import top_pairs

LIST_MIN_ITEMS = 3  # shorter lists agree by chance too easily
LIST_LENGTH_SLACK = 1  # an item may be added or dropped at the end
ITEM_MIN = 0.4  # word-order similarity of two items at the same position that counts as a hit
HIT_SHARE = 0.6  # share of the longer list's positions that must be hits
LIST_MEAN_MIN = 0.3  # mean positional similarity over the shorter list
K_LISTS = 3
NEIGHBOUR_COSINE = 0.12  # relaxed rare-word cosine for an orphan inside a merge's run
NEIGHBOUR_INDEL = 0.4  # the usual word-order test
NEIGHBOUR_WINDOW = 3  # how far the bracketing old articles may lie
MARGIN = 0.1  # the best target must beat the second best by this much


class ItemList(NamedTuple):
    """Sibling provisions of one container, in order (``unit`` as in ``align.Fragment``).

    NamedTuples, this and :class:`ListMatch`, not frozen dataclasses: internal records read by attribute
    only, and a NamedTuple class costs a tenth of a dataclass to create at import (issue 14: start-up)."""

    article: int
    unit: int  # -1: the article's own top-level provisions; else the unit holding the list
    label: str  # label path of the container ("", "(1)")
    items: tuple[tuple[int, ...], ...]  # word IDs of each item, children included


class ListMatch(NamedTuple):
    """An old list continued by a new one: mean positional similarity and matched items."""

    old: ItemList
    new: ItemList
    score: float  # mean positional similarity
    hits: int


def item_lists(
    articles: Sequence[Article], encode: Callable[[str], Sequence[int]], skip: Sequence[bool] = ()
) -> tuple[ItemList, ...]:
    """Every list of ``LIST_MIN_ITEMS``+ siblings: top-level provisions of an article, children of one."""
    out: list[ItemList] = []
    for i, a in enumerate(articles):
        if skip and skip[i]:
            continue
        if len(a.paragraphs) >= LIST_MIN_ITEMS:
            out.append(ItemList(i, -1, "", tuple(_provision_ids(p, encode) for p in a.paragraphs)))
        first = 1 if (a.lead.strip() or not a.paragraphs) else 0
        for k, p in enumerate(a.paragraphs):
            _child_lists(i, first + k, "", p, encode, out)
    return tuple(out)


def _child_lists(
    article: int,
    unit: int,
    prefix: str,
    p: Provision,
    encode: Callable[[str], Sequence[int]],
    out: list[ItemList],
) -> None:
    label = f"{prefix} {p.label}".strip()
    if len(p.children) >= LIST_MIN_ITEMS:
        out.append(ItemList(article, unit, label, tuple(_provision_ids(c, encode) for c in p.children)))
    for c in p.children:
        _child_lists(article, unit, label, c, encode, out)


def _provision_ids(p: Provision, encode: Callable[[str], Sequence[int]]) -> tuple[int, ...]:
    """Word IDs of a provision and all its descendants, in reading order."""
    ids = tuple(encode(p.text))
    for c in p.children:
        ids += _provision_ids(c, encode)
    return ids


def positional_match(a: ItemList, b: ItemList) -> ListMatch | None:
    """The two lists as one continued enumeration, or None when they do not line up in order."""
    n, m = len(a.items), len(b.items)
    if abs(n - m) > LIST_LENGTH_SLACK or min(n, m) < LIST_MIN_ITEMS:
        return None
    sims = [_sim(x, y) for x, y in zip(a.items, b.items, strict=False)]
    hits = sum(s >= ITEM_MIN for s in sims)
    mean = sum(sims) / len(sims)
    if hits < max(LIST_MIN_ITEMS, math.ceil(HIT_SHARE * max(n, m))) or mean < LIST_MEAN_MIN:
        return None
    return ListMatch(a, b, round(mean, 4), hits)


def enumeration_matches(old: Sequence[ItemList], new: Sequence[ItemList]) -> list[ListMatch]:
    """Lists that continue one another in order, each old list keeping only a clear winner."""
    flat_o = [tuple(w for item in lst.items for w in item) for lst in old]
    flat_n = [tuple(w for item in lst.items for w in item) for lst in new]
    found: dict[int, list[ListMatch]] = defaultdict(list)
    for a, b in sorted(top_pairs(flat_o, flat_n, K_LISTS)):
        match = positional_match(old[a], new[b])
        if match is not None:
            found[a].append(match)
    return [m for ms in found.values() if (m := _clear_winner(ms)) is not None]


def _clear_winner(matches: list[ListMatch]) -> ListMatch | None:
    best: dict[int, ListMatch] = {}
    for m in matches:
        if m.new.article not in best or m.score > best[m.new.article].score:
            best[m.new.article] = m
    ranked = sorted(best.values(), key=lambda m: -m.score)
    if len(ranked) > 1 and ranked[0].score - ranked[1].score < MARGIN:
        return None
    return ranked[0]


def bracketed(old_article: int, sources: set[int]) -> bool:
    """True when old articles on both sides of ``old_article`` (within the window) feed one new article."""
    before = any(old_article - NEIGHBOUR_WINDOW <= s < old_article for s in sources)
    after = any(old_article < s <= old_article + NEIGHBOUR_WINDOW for s in sources)
    return before and after


def _sim(a: Sequence[int], b: Sequence[int]) -> float:
    if not a and not b:
        return 1.0
    return float(Indel.normalized_similarity(a, b))


def marker_pairs(old: Sequence[Article], new: Sequence[Article]) -> list[tuple[int, int]]:
    """(old index, new index) of every move marker (``[제5조에서 이동 <...>]``, ``[Moved from Article 5]``).

    The drafter's own statement that new article ``j`` was old article ``moved_from`` is the strongest
    evidence there is: the aligner pins these pairs before any text is compared.  A marker naming a
    number the old version does not have, or an old article two markers claim, pins nothing.
    """
    index = {a.number: i for i, a in enumerate(old)}
    claims: dict[int, list[int]] = defaultdict(list)
    for j, a in enumerate(new):
        i = index.get(a.moved_from) if a.moved_from is not None else None
        if i is not None:
            claims[i].append(j)
    return sorted((i, js[0]) for i, js in claims.items() if len(js) == 1)


def crossing_pins(keys: Iterable[tuple[int, int]], pins: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Edges (old, new) joining a pinned old article to a pinned new article other than its own pin:
    weaker evidence the markers contradict (two swapped articles whose texts still resemble each other)."""
    pinned = set(pins)
    olds, news = {i for i, _ in pins}, {j for _, j in pins}
    return [k for k in keys if k not in pinned and k[0] in olds and k[1] in news]


def titleless_gap_pairs(
    old: Sequence[Article], new: Sequence[Article], matched: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Order and chapter structure where neither version has titles (constitutions, many statutes).

    An unmatched old article ``i`` and an unmatched new article ``j`` lying between the same matched
    neighbours (``i-1 -> j-1`` and ``i+1 -> j+1``), each in its neighbours' chapter, sharing at least one
    word, are the same provision rewritten (``대통령선거인단에서 … 선거한다`` -> ``국민의 … 선거에 의하여
    선출한다``).  With titles the title would say so; without them the place does.
    """
    if any(a.title for a in old) or any(a.title for a in new):
        return []
    pairs = set(matched)
    used_o, used_n = {i for i, _ in pairs}, {j for _, j in pairs}
    succ: dict[int, int | None] = {}  # old -> its only new article (None when it has several)
    for a, b in pairs:
        succ[a] = b if a not in succ else None
    out = []
    for i in range(1, len(old) - 1):
        before = succ.get(i - 1)
        if i in used_o or before is None:
            continue
        j = before + 1
        if j + 1 >= len(new) or j in used_n or succ.get(i + 1) != j + 1:
            continue
        same_place = old[i].chapter == old[i - 1].chapter and new[j].chapter == new[j - 1].chapter
        if same_place and set(old[i].text.split()) & set(new[j].text.split()):
            out.append((i, j))
            used_o.add(i)
            used_n.add(j)
    return out
