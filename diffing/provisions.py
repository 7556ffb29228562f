"""Provision concordance: which old paragraph went to which new paragraph(s), across articles too.

The layout of an official correlation table (``Article 1(3) -> Article 4``): one entry per
*provision* of the old version — the first level below the article, as
:func:`diffing.units.article_units` cuts it: the lead when it has text, and each
top-level paragraph or subparagraph — linked to the new provision(s) it went to,
each link with a score.  New provisions that continue nothing are listed too.

How links are found, from the :class:`~diffing.model.Comparison` alone (so a
reviewed comparison gives its own concordance), in this order; each stage sees
the links of the earlier ones:

1. **Rows.**  Every row of a pair holding an old and a new unit (the table the
   analyst reads) is a link, when the two units share ``ROW_FLOOR``: their word
   similarity, or the share of either unit's words found in order in the other.
2. **Order, inside a pair.**  Unlinked old and new units of one pair are linked
   best first (similarity ``ORDER_MIN``; for Korean text the syllable similarity
   counts too from ``HANGUL_MIN``) when the link keeps the order of the pair's
   links (no crossing).
3. **Containment, inside a pair.**  A unit still unlinked goes to the unit of the
   pair's other side holding ``CONTAINED_MIN`` of its words in order (two
   paragraphs merged into one; one split in two).
4. **List items.**  An unlinked item of an old list (``1.`` after a lead) follows
   its lead into the one new unit the lead went to, holding ``ITEM_MIN`` of its words.
5. **Across pairs.**  Units of both sides still unlinked, against every unit with
   rare words in common (:func:`diffing.candidates.top_pairs`): linked when long
   (``CROSS_MIN_WORDS``), strong (``CROSS_MIN``) and the clear winner both ways
   (``CROSS_MARGIN``), since boilerplate ("matters necessary ... shall be
   prescribed") matches many.

A link's score is the word similarity of its two units (for Korean, the syllable
similarity when that is higher, see stage 2); for a provision merged
into or split out of a larger one, the share of the smaller found in the larger
when that is higher.  A link is ``moved`` when it leaves the old article's main
successor (the new article its first linked provision went to): ``"to Article 8 (3)"``;
or when it enters a new article from another than its main predecessor (the old
article its first provision came from): ``"from Article 12"`` (the wording of
:attr:`diffing.model.Row.moved`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from rapidfuzz.distance import Indel

from corpus.model import Article, Version
from diffing.candidates import top_pairs
from diffing.model import Comparison, UnitRef
from diffing.tokens import Vocabulary
from diffing.units import article_units, unit_name

ROW_FLOOR = 0.35  # a row's units must share this much (similarity, or either's contained share) to link
ORDER_MIN = 0.2  # similarity of two unlinked units of a pair that keep the order of its links
HANGUL_MIN = 0.35  # syllable similarity of two Korean units of a pair that keep that order
CONTAINED_MIN = 0.6  # share of a unit's words found in order in a unit of its pair's other side
PAIR_MIN_WORDS = 3
ITEM_MIN = 0.35  # share of a list item's words found in the unit its lead went to
CROSS_MIN = 0.6  # similarity (or contained share) of a link into an article of another pair ...
CROSS_MIN_WORDS = 12  # ... between units at least this long ...
CROSS_MARGIN = 0.1  # ... and a clear winner among the alternatives
CROSS_COSINE = 0.2  # rare-word cosine of candidate units across pairs
K_UNITS = 4

HANGUL_RE = re.compile(r"(?P<hangul>[\uac00-\ud7a3])", re.VERBOSE)
SPACE_RE = re.compile(r"(?P<space>\s+)", re.VERBOSE)
POINT_RE = re.compile(r"(?P<point>[a-z]{1,3}) \)", re.VERBOSE)  # "a)", "bb)": a point, cited "(a)"
KOREAN_ITEM_RE = re.compile(
    r"""
    (?P<number>\d+)                   # a 호 label: "1." ...
    (?: (?:의|-) (?P<branch>\d+) )?    # ... "1의2." / "1-2."
    \.
    """,
    re.VERBOSE,
)

ProvisionChange = Literal["unchanged", "modified", "moved", "merged", "split", "deleted", "added"]
PROVISION_CHANGES: tuple[ProvisionChange, ...] = get_args(ProvisionChange)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProvisionLink:
    """One old provision -> one new provision."""

    old: UnitRef
    new: UnitRef
    score: float  # in [0, 1]: word-sequence similarity, or the contained share for a partial link
    moved: str = ""  # "to Article 8 (3)" / "from Article 12" (see the module docstring)


@dataclass(frozen=True, slots=True, kw_only=True)
class ConcordanceRow:
    """One line of the table: an old provision and the new provision(s) it went to.

    ``old`` is None for an added new provision (then ``links`` is empty and ``added``
    names it); ``links`` is empty for a deleted old provision.
    """

    old: UnitRef | None
    old_label: str  # "Article 1(3)", in the document's style; "" for an added row
    links: tuple[ProvisionLink, ...]
    new_labels: tuple[str, ...]  # parallel to ``links``; the added provision's label for an added row
    change: ProvisionChange
    added: UnitRef | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Concordance:
    rows: tuple[ConcordanceRow, ...]

    @property
    def links(self) -> tuple[ProvisionLink, ...]:
        return tuple(lk for r in self.rows for lk in r.links)

    def counts(self) -> dict[str, int]:
        out = Counter(r.change for r in self.rows)
        return {k: out[k] for k in PROVISION_CHANGES}


@dataclass(frozen=True, slots=True)
class _Unit:
    article: int  # index of the article in its version
    ref: UnitRef
    ids: tuple[int, ...]  # word IDs of the text without its label
    hangul: str = ""  # for Korean text, the text without label and spaces (see ``_order_sim``)


def provision_label(article: Article, unit: UnitRef) -> str:
    """How a correlation table names a provision, in the document's style: ``Article 1(3)`` (a paragraph,
    printed ``(3)`` or ``3.``), ``Article 8, point 1``, ``Article 3, point (a)``, ``Article 12``; Korean
    ``제7조①``, ``제8조제1호``, ``제5조의2``.

    The article part is the article's printed label when the reader gives one, else ``Article N`` (or
    ``제N조`` when the article is written in Korean).
    """
    korean = bool(HANGUL_RE.search(article.title) or HANGUL_RE.search(article.text))
    head = getattr(article, "label", "") or (_korean_article(article.number) if korean else "")
    head = head or f"Article {article.number}"
    label = unit.label.strip()
    if not label:
        return head
    provision = next((p for p in article.paragraphs if p.eid == unit.eid), None)
    if head.startswith("제"):
        item = KOREAN_ITEM_RE.fullmatch(label)
        if item is None:
            return f"{head}{label}"
        branch = f"의{item.group('branch')}" if item.group("branch") else ""
        return f"{head}제{item.group('number')}호{branch}"
    if label.startswith("("):
        return (
            f"{head}{label}"
            if provision is None or provision.kind == "paragraph"
            else f"{head}, point {label}"
        )
    if provision is not None and provision.kind == "paragraph" and provision.number:
        return f"{head}({provision.number})"  # "1." paragraphs (EU texts) are cited as (1)
    point = POINT_RE.fullmatch(label)
    return f"{head}, point ({point.group('point')})" if point else f"{head}, point {label.rstrip('.')}"


def _korean_article(number: str) -> str:
    """``5-2`` -> ``제5조의2``."""
    major, _, branch = number.partition("-")
    return f"제{major}조의{branch}" if branch else f"제{major}조"


def provision_concordance(comparison: Comparison) -> Concordance:
    """The provision concordance of ``comparison`` (see the module docstring)."""
    vocab = Vocabulary()
    olds = _units(comparison.old, vocab)
    news = _units(comparison.new, vocab)
    members = _pair_members(comparison, olds, news)
    at_o = {u.ref.eid: k for k, u in enumerate(olds)}
    at_n = {u.ref.eid: k for k, u in enumerate(news)}
    links = _Links()
    for p in comparison.pairs:
        for r in p.rows:
            a = at_o.get(r.old.eid) if r.old is not None else None
            b = at_n.get(r.new.eid) if r.new is not None else None
            if a is not None and b is not None:
                strength = _strength(olds, news, a, b)
                if strength >= ROW_FLOOR:
                    links.add(a, b, strength)
    for mo, mn in members:
        _in_order(olds, news, mo, mn, links)
        _contained(olds, news, mo, mn, links)
        _list_items(olds, news, mo, links)
    _across(olds, news, members, links)
    return _table(comparison, olds, news, links.score)


@dataclass(slots=True)
class _Links:
    """The links found so far, by unit index pair, with each unit's partners."""

    score: dict[tuple[int, int], float] = field(default_factory=dict)
    of_old: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    of_new: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, a: int, b: int, s: float) -> None:
        if (a, b) not in self.score:
            self.of_old[a].append(b)
            self.of_new[b].append(a)
        self.score[(a, b)] = s

    def linked(self, side: int, k: int) -> bool:
        return bool((self.of_old if side == 0 else self.of_new).get(k))


def _pair_members(
    comparison: Comparison, olds: list[_Unit], news: list[_Unit]
) -> list[tuple[list[int], list[int]]]:
    """For each pair with both sides, the indexes of its old units and of its new units, in reading order."""
    art_o: dict[str, list[int]] = defaultdict(list)
    art_n: dict[str, list[int]] = defaultdict(list)
    eid_o = [a.eid for a in comparison.old.articles]
    eid_n = [a.eid for a in comparison.new.articles]
    for k, u in enumerate(olds):
        art_o[eid_o[u.article]].append(k)
    for k, u in enumerate(news):
        art_n[eid_n[u.article]].append(k)
    out = []
    for p in comparison.pairs:
        if p.old_eids and p.new_eids:
            mo = sorted(k for e in p.old_eids for k in art_o[e])
            mn = sorted(k for e in p.new_eids for k in art_n[e])
            out.append((mo, mn))
    return out


def _in_order(olds: list[_Unit], news: list[_Unit], mo: list[int], mn: list[int], links: _Links) -> None:
    """Inside a pair, unlinked old and new units that keep the order of the links: greedy best first."""
    free_o = [a for a in mo if not links.linked(0, a)]
    free_n = [b for b in mn if not links.linked(1, b)]
    if not free_o or not free_n:
        return
    inside = set(mn)
    here = [(a, b) for a in mo for b in links.of_old.get(a, ()) if b in inside]
    ranked = sorted(
        ((_order_sim(olds[a], news[b]), a, b) for a in free_o for b in free_n),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_o: set[int] = set()
    used_n: set[int] = set()
    for s, a, b in ranked:
        if s < ORDER_MIN:
            break
        if a in used_o or b in used_n or any((a - x) * (b - y) < 0 for x, y in here):
            continue
        links.add(a, b, s)
        here.append((a, b))
        used_o.add(a)
        used_n.add(b)


def _contained(olds: list[_Unit], news: list[_Unit], mo: list[int], mn: list[int], links: _Links) -> None:
    """Inside a pair, an unlinked unit whose words are mostly found in order in a unit of the other side."""
    for side, mine, theirs in ((0, mo, mn), (1, mn, mo)):
        for x in mine:
            if links.linked(side, x) or len((olds if side == 0 else news)[x].ids) < PAIR_MIN_WORDS:
                continue
            share, y = max(
                (
                    (_contained_share(olds, news, *((x, y) if side == 0 else (y, x)), side), -y)
                    for y in theirs
                ),
                default=(0.0, 0),
            )
            if share >= CONTAINED_MIN:
                links.add(*((x, -y) if side == 0 else (-y, x)), share)


def _list_items(olds: list[_Unit], news: list[_Unit], mo: list[int], links: _Links) -> None:
    """An unlinked subparagraph of an old list follows its lead into the new unit the lead went to."""
    lead_of = {olds[a].article: a for a in mo if not olds[a].ref.label}
    for a in mo:
        lead = lead_of.get(olds[a].article)
        if links.linked(0, a) or lead is None or lead == a:
            continue
        went = links.of_old.get(lead, [])
        if len(went) != 1:
            continue
        share = _contained_share(olds, news, a, went[0], 0)
        if share >= ITEM_MIN:
            links.add(a, went[0], share)


def _across(
    olds: list[_Unit], news: list[_Unit], members: list[tuple[list[int], list[int]]], links: _Links
) -> None:
    """Units still unlinked on both sides, into any article: strong, long and unambiguous matches only."""
    pair_of_o: dict[int, set[int]] = defaultdict(set)
    pair_of_n: dict[int, set[int]] = defaultdict(set)
    for k, (mo, mn) in enumerate(members):
        for a in mo:
            pair_of_o[a].add(k)
        for b in mn:
            pair_of_n[b].add(k)
    cands = top_pairs([u.ids for u in olds], [u.ids for u in news], K_UNITS, CROSS_COSINE)
    for side in (0, 1):
        found: list[tuple[float, int, int]] = []  # (strength, mine, theirs)
        for a, b in sorted(cands):
            if (
                links.linked(0, a)
                or links.linked(1, b)
                or pair_of_o[a] & pair_of_n[b]
                or min(len(olds[a].ids), len(news[b].ids)) < CROSS_MIN_WORDS
            ):
                continue
            s = max(_sim(olds[a].ids, news[b].ids), _contained_share(olds, news, a, b, side))
            if s >= CROSS_MIN:
                found.append((s, a, b) if side == 0 else (s, b, a))
        for s, mine, other in _clear_winners(found):
            links.add(*((mine, other) if side == 0 else (other, mine)), s)


def _clear_winners(found: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """Each unit's best match, kept when it beats its runner-up, and every rival for its target, by
    ``CROSS_MARGIN`` (boilerplate such as "matters necessary ... shall be prescribed" matches many)."""
    by_mine: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_other: dict[int, list[float]] = defaultdict(list)
    for s, mine, other in found:
        by_mine[mine].append((s, other))
        by_other[other].append(s)
    out = []
    for mine, options in by_mine.items():
        options.sort(key=lambda t: (-t[0], t[1]))
        s, other = options[0]
        if len(options) > 1 and s - options[1][0] < CROSS_MARGIN:
            continue
        rivals = sorted(by_other[other], reverse=True)
        if len(rivals) > 1 and rivals[0] - rivals[1] < CROSS_MARGIN:
            continue
        out.append((s, mine, other))
    return out


def _order_sim(o: _Unit, n: _Unit) -> float:
    """Word similarity; for two Korean units also the syllable similarity, when it reaches ``HANGUL_MIN``.

    A Korean word carries its particles (``재외국민은`` / ``재외국민을``), so a reworded Korean sentence
    shares few whole words; its syllables still show it."""
    s = _sim(o.ids, n.ids)
    if o.hangul and n.hangul:
        syllables = float(Indel.normalized_similarity(o.hangul, n.hangul))
        if syllables >= HANGUL_MIN:
            s = max(s, syllables)
    return s


def _strength(olds: list[_Unit], news: list[_Unit], a: int, b: int) -> float:
    """A link's score: the larger of the similarity and the share of either unit found in the other."""
    x, y = olds[a].ids, news[b].ids
    return max(_sim(x, y), _contained_share(olds, news, a, b, 0), _contained_share(olds, news, a, b, 1))


def _contained_share(olds: list[_Unit], news: list[_Unit], a: int, b: int, side: int) -> float:
    """The share of side ``side``'s unit's words found in order in the other unit."""
    x, y = olds[a].ids, news[b].ids
    if not x or not y:
        return 0.0
    lcs = (len(x) + len(y) - Indel.distance(x, y)) / 2
    return lcs / (len(x) if side == 0 else len(y))


def _units(version: Version, vocab: Vocabulary) -> list[_Unit]:
    out = []
    for i, a in enumerate(version.articles):
        for u in article_units(a):
            body = u.text[len(u.label) :] if u.label and u.text.startswith(u.label) else u.text
            hangul = SPACE_RE.sub("", body) if HANGUL_RE.search(body) else ""
            out.append(_Unit(i, u, tuple(vocab.encode_words(body)), hangul))
    return out


def _sim(a: Sequence[int], b: Sequence[int]) -> float:
    if a == b:
        return 1.0
    return float(Indel.normalized_similarity(a, b))


def _main_partners(
    links: dict[tuple[int, int], float], olds: list[_Unit], news: list[_Unit], side: int
) -> dict[int, int]:
    """Old article -> the new article its first linked provision went to (``side`` 0), or new article ->
    the old article its first linked provision came from (1): where the article's head continues."""
    out: dict[int, int] = {}
    for a, b in sorted(links, key=lambda k: k if side == 0 else (k[1], k[0])):
        mine, other = (olds[a].article, news[b].article) if side == 0 else (news[b].article, olds[a].article)
        out.setdefault(mine, other)
    return out


def _table(
    comparison: Comparison, olds: list[_Unit], news: list[_Unit], links: dict[tuple[int, int], float]
) -> Concordance:
    successor = _main_partners(links, olds, news, 0)
    predecessor = _main_partners(links, olds, news, 1)
    targets: dict[int, list[int]] = defaultdict(list)
    sources: dict[int, list[int]] = defaultdict(list)
    for a, b in sorted(links):
        targets[a].append(b)
        sources[b].append(a)

    def score(a: int, b: int) -> float:
        """Similarity for a one-to-one link; the contained share too when a provision was merged or split."""
        if len(targets[a]) == 1 and len(sources[b]) == 1:
            return _order_sim(olds[a], news[b])
        return _strength(olds, news, a, b)

    def moved(a: int, b: int) -> str:
        if successor[olds[a].article] != news[b].article:
            return f"to {unit_name(news[b].ref, comparison.new.articles[news[b].article])}"
        if predecessor[news[b].article] != olds[a].article:
            return f"from {unit_name(olds[a].ref, comparison.old.articles[olds[a].article])}"
        return ""

    def label(side: int, u: _Unit) -> str:
        version = comparison.old if side == 0 else comparison.new
        return provision_label(version.articles[u.article], u.ref)

    rows: list[ConcordanceRow] = []
    after: dict[int, int] = {}  # new unit -> the last row it appears in
    for a, u in enumerate(olds):
        bs = targets.get(a, [])
        lks = tuple(
            ProvisionLink(old=u.ref, new=news[b].ref, score=round(score(a, b), 4), moved=moved(a, b))
            for b in bs
        )
        change: ProvisionChange
        if not bs:
            change = "deleted"
        elif len(bs) > 1:
            change = "split"
        elif len(sources[bs[0]]) > 1:
            change = "merged"
        elif lks[0].moved:
            change = "moved"
        else:
            change = "unchanged" if u.ids == news[bs[0]].ids else "modified"
        for b in bs:
            after[b] = len(rows)  # the last row it appears in
        rows.append(
            ConcordanceRow(
                old=u.ref,
                old_label=label(0, u),
                links=lks,
                new_labels=tuple(label(1, news[b]) for b in bs),
                change=change,
            )
        )
    # added new units go after the row of the nearest linked new unit before them
    # (a repealed placeholder that replaces an old article, "Article 3 Deleted.", is no added provision)
    repealed = {e for p in comparison.pairs if p.change == "deleted" for e in p.new_eids}
    inserts: dict[int, list[ConcordanceRow]] = defaultdict(list)
    last = -1
    for b, u in enumerate(news):
        if b in after:
            last = max(last, after[b])
            continue
        if comparison.new.articles[u.article].eid in repealed:
            continue
        inserts[last].append(
            ConcordanceRow(
                old=None, old_label="", links=(), new_labels=(label(1, u),), change="added", added=u.ref
            )
        )
    out: list[ConcordanceRow] = list(inserts.get(-1, []))
    for k, r in enumerate(rows):
        out.append(r)
        out.extend(inserts.get(k, []))
    return Concordance(rows=tuple(out))
