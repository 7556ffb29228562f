"""Systematic substitutions: the same term replaced by the same other term across provisions.

1. Candidates come from every change region (``analysis.regions``): the whole
   region and each single replacement inside it, as words without punctuation,
   with the words both sides share at either end trimmed off (case-insensitively:
   ``The term "artificial`` -> ``"Artificial`` is a deletion, not a substitution).
2. A candidate must be a phrase on both sides (at most ``MAX_WORDS`` words, a
   content word on each side, not a case or plural variant of the other side).
3. Longest first, a candidate is *accepted* when it occurs (old phrase on the old
   side, new phrase on the new side) in at least ``MIN_COUNT`` regions not yet
   explained by a longer accepted one; its occurrences are then consumed, so
   ``Committee`` -> ``Strategy`` (left over inside the longer committee-name
   change) does not count.
4. A defined term that keeps its short name but changes its full name
   (``Informatization Strategy Committee of the Seoul Metropolitan Government
   (hereinafter referred to as the "Committee")`` -> ``Smart City Committee ...
   ("Committee")``) is a substitution even when it is defined once: every use
   of the short name now names the new body.
5. Survivors: in-force new articles whose text still has the old phrase
   (outside an occurrence of the new phrase), a likely drafting miss.

Every step is linear in the document (n log n for the sort of the candidates): the words of each
region and each new article are read once, and a candidate phrase is looked for only in the
regions and articles that have its rarest word (an inverted index, :class:`_Postings`), since
consuming an occurrence only ever takes words away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from analysis.locations import sites
from analysis.lookup import Lookup
from analysis.regions import Region, all_regions, diff_regions, text_words, words_of

if TYPE_CHECKING:
    from corpus.model import Article, Version
    from diffing.model import Comparison, Opcode, TextDiff

MAX_WORDS = 8
MIN_COUNT = 2
MARK = "\x00"  # a consumed occurrence, the same on both sides
STOPWORDS = frozenset(
    (
        *("a", "an", "the", "of", "on", "in", "to", "for", "by", "and", "or", "with", "from", "as", "at"),
        *("this", "that", "these", "those", "such", "any", "each", "shall", "may", "be", "is", "are"),
        *("was", "were", "which", "who", "whom", "its", "it", "their", "his", "her", "he", "she", "they"),
    )
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Substitution:
    old: str
    new: str
    count: int  # occurrences: change regions (or the definition) where old became new
    where: tuple[str, ...]  # pair keys, in reading order
    survivors: tuple[str, ...]  # new article numbers that still use the old phrase
    source: str  # "word-diff" or "definition"

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "count": self.count,
            "where": list(self.where),
            "survivors": [{"article": a, "side": "new"} for a in self.survivors],
        }


@dataclass(slots=True)
class _Work:
    region: Region
    old: list[str]
    new: list[str]


def _trim(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    i = 0
    while i < len(old) and i < len(new) and old[i].casefold() == new[i].casefold():
        i += 1
    old, new = old[i:], new[i:]
    j = 0
    while j < len(old) and j < len(new) and old[-1 - j].casefold() == new[-1 - j].casefold():
        j += 1
    return old[: len(old) - j], new[: len(new) - j]


def _content(words: tuple[str, ...]) -> bool:
    return any(sum(c.isalpha() for c in w) >= 3 and w.casefold() not in STOPWORDS for w in words)


def _variant(a: str, b: str) -> bool:
    """Case-only or plural-only difference."""
    x, y = a.casefold(), b.casefold()
    if x == y:
        return True
    plural = _plural()
    for short, long in ((x, y), (y, x)):
        m = plural.fullmatch(long)
        if m is not None and m["stem"] == short:
            return True
    return False


@cache
def _plural() -> re.Pattern[str]:
    """``analysis.patterns.PLURAL``, imported on first use and then
    a cached call (an import statement costs ~0.6 µs in a function run for each row or word)."""
    from analysis.patterns import PLURAL

    return PLURAL


def _candidate(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    old, new = _trim(old, new)
    if not old or not new or len(old) > MAX_WORDS or len(new) > MAX_WORDS:
        return None
    if not _content(old) or not _content(new) or _variant(" ".join(old), " ".join(new)):
        return None
    return old, new


def _find(seq: list[str], phrase: tuple[str, ...], start: int = 0) -> int:
    """The first index ``>= start`` where ``phrase`` occurs in ``seq``, else -1."""
    n = len(phrase)
    last = len(seq) - n  # the last index an occurrence can start at
    if n == 0:
        return start if start <= last else -1
    first, i = phrase[0], start
    while i <= last:
        try:
            i = seq.index(first, i, last + 1)
        except ValueError:
            return -1
        if n == 1 or tuple(seq[i : i + n]) == phrase:
            return i
        i += 1
    return -1


def _consume(seq: list[str], phrase: tuple[str, ...]) -> bool:
    i = _find(seq, phrase)
    if i < 0:
        return False
    seq[i : i + len(phrase)] = [MARK]
    return True


def _applies(w: _Work, old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    return _find(w.old, old) >= 0 and _find(w.new, new) >= 0


def explained(w_old: list[str], w_new: list[str]) -> bool:
    """True when the residues of a region are the same words (every change consumed)."""
    return [x.casefold() for x in w_old] == [x.casefold() for x in w_new]


# ---------------------------------------------------------------- definitions


def definitions(version: Version) -> dict[str, tuple[tuple[str, ...], str]]:
    """Defined short name -> (full name as words, article number), first definition wins."""
    from analysis.patterns import DEFINITION, DEFINITION_WORD, NAME_CONNECTOR, NAME_WORD

    out: dict[str, tuple[tuple[str, ...], str]] = {}
    for article in version.articles:
        for _path, _node, text in sites(article):
            if DEFINITION_WORD not in text:
                continue
            for m in DEFINITION.finditer(text):
                before = text_words(text[: m.start()])
                name: list[str] = []
                for w in reversed(before[-12:]):
                    if not NAME_WORD.match(w):
                        break
                    name.insert(0, w)
                while name and NAME_CONNECTOR.match(name[0]):
                    name.pop(0)
                if name and name[0][:1].isupper():
                    out.setdefault(m["term"].casefold(), (tuple(name), article.number))
    return out


# ---------------------------------------------------------------- finding


@dataclass(slots=True)
class SubstitutionResult:
    substitutions: tuple[Substitution, ...]
    explained_regions: frozenset[int]  # indexes in ``regions`` of regions with no word change left
    substituted_regions: frozenset[int]  # indexes of regions where an accepted substitution applied
    regions: tuple[Region, ...]


class _Postings:
    """Word -> the indexes (ascending) of the word sequences it occurs in: an inverted index.

    :meth:`having` narrows a phrase search to the sequences that have the phrase's rarest word.
    The sequences may later lose words to :func:`_consume` (which only puts ``MARK`` in their
    place), so the index stays a superset of the sequences a phrase can still occur in.
    """

    __slots__ = ("count", "index")

    def __init__(self, sequences: Iterable[Iterable[str]], only: frozenset[str] | None = None) -> None:
        """``only``: index just these words (the postings of the others are left out, those of these are
        the same), for the phrases of known words that will be looked up."""
        self.index: dict[str, list[int]] = {}
        self.count = 0
        for k, seq in enumerate(sequences):
            for w in set(seq) if only is None else only.intersection(seq):
                self.index.setdefault(w, []).append(k)
            self.count = k + 1

    def postings(self, phrase: tuple[str, ...]) -> Sequence[int] | None:
        """The indexes of the sequences with ``phrase``'s rarest word; None when any will do."""
        best: Sequence[int] | None = None
        for w in phrase:
            if w == MARK:  # consuming puts MARK in: no index for it
                continue
            hits = self.index.get(w, ())
            if best is None or len(hits) < len(best):
                best = hits
        return best

    def having(self, *phrases: tuple[str, ...]) -> Sequence[int]:
        """Indexes (ascending) of the sequences that may hold every one of ``phrases``."""
        best: Sequence[int] | None = None
        for phrase in phrases:
            hits = self.postings(phrase)
            if hits is not None and (best is None or len(hits) < len(best)):
                best = hits
        return range(self.count) if best is None else best


class _Regions:
    """The work list of regions with an inverted index of each side's words."""

    __slots__ = ("new", "old", "work")

    def __init__(self, work: list[_Work]) -> None:
        self.work = work
        self.old = _Postings(w.old for w in work)
        self.new = _Postings(w.new for w in work)

    def candidates(self, old: tuple[str, ...], new: tuple[str, ...]) -> list[_Work]:
        """The regions (in order) that may hold ``old`` on the old side and ``new`` on the new."""
        a, b = self.old.postings(old), self.new.postings(new)
        if a is None and b is None:
            picked: Sequence[int] = range(len(self.work))
        elif a is None or (b is not None and len(b) < len(a)):
            assert b is not None
            picked = b
        else:
            picked = a
        return [self.work[k] for k in picked]


def find_substitutions(
    comparison: Comparison, regions: list[Region] | None = None, lookup: Lookup | None = None
) -> SubstitutionResult:
    lookup = lookup or Lookup(comparison)
    regions = regions if regions is not None else all_regions(comparison, lookup)
    work = [_Work(region=r, old=list(r.old), new=list(r.new)) for r in regions]
    indexed = _Regions(work)
    order = {p.key: k for k, p in enumerate(comparison.pairs)}

    candidates: dict[tuple[tuple[str, ...], tuple[str, ...]], None] = {}
    for w in work:
        whole = _candidate(w.region.old, w.region.new)
        if whole:
            candidates[whole] = None
    # single replacements inside regions: re-split each region on its own shared words
    for w in work:
        for piece in _pieces(w.region.old, w.region.new):
            cand = _candidate(*piece)
            if cand:
                candidates[cand] = None

    accepted: list[tuple[tuple[str, ...], tuple[str, ...], str, set[str], int]] = []
    # renamed defined terms first (they are certain), then word-diff candidates longest first
    old_defs, new_defs = definitions(comparison.old), definitions(comparison.new)
    for term, (old_name, old_art) in old_defs.items():
        if term not in new_defs:
            continue
        new_name, new_art = new_defs[term]
        # no trimming of the shared head word: "Informatization Strategy Committee" -> "Smart City Committee"
        cand = (_up_to(old_name, term), _up_to(new_name, term))
        if _variant(" ".join(cand[0]), " ".join(cand[1])) or cand[0][-1:] != cand[1][-1:]:
            continue
        hits = _accept(indexed.candidates(*cand), *cand)
        where = {w.region.pair for w in hits}
        for pair in (lookup.pair_for("old", old_art), lookup.pair_for("new", new_art)):
            if pair is not None:
                where.add(pair.key)
        accepted.append((cand[0], cand[1], "definition", where, max(1, len(hits))))
    terms = (
        {" ".join(n).casefold() for n, _ in (*old_defs.values(), *new_defs.values())}
        | set(old_defs)
        | set(new_defs)
    )
    for old, new in sorted(candidates, key=lambda c: (-(len(c[0]) + len(c[1])), c)):
        if not (_named(old) or _named(new) or {" ".join(old).casefold(), " ".join(new).casefold()} & terms):
            continue
        near = indexed.candidates(old, new)
        if sum(_applies(w, old, new) for w in near) < MIN_COUNT:
            continue
        hits = _accept(near, old, new)
        accepted.append((old, new, "word-diff", {w.region.pair for w in hits}, len(hits)))

    articles = _ArticleWords(comparison.new, [old for old, *_ in accepted])
    subs = tuple(
        Substitution(
            old=" ".join(old),
            new=" ".join(new),
            count=count,
            where=tuple(sorted(where, key=lambda k: order.get(k, len(order)))),
            survivors=articles.survivors(old, new),
            source=source,
        )
        for old, new, source, where, count in accepted
    )
    done = frozenset(k for k, w in enumerate(work) if explained(w.old, w.new))
    used = frozenset(k for k, w in enumerate(work) if MARK in w.old or MARK in w.new)
    return SubstitutionResult(
        substitutions=subs, explained_regions=done, substituted_regions=used, regions=tuple(regions)
    )


def _named(words: tuple[str, ...]) -> bool:
    """A name or term of art: some word is capitalised ("Committee", "WeGO")."""
    return any(w[:1].isupper() for w in words)


def _up_to(name: tuple[str, ...], term: str) -> tuple[str, ...]:
    """The full name up to its head word (the short name's last word): "X Committee" of "X Committee of Y"."""
    head = term.split()[-1]
    for k, w in enumerate(name):
        if w.casefold() == head:
            return name[: k + 1]
    return name


def _accept(work: Iterable[_Work], old: tuple[str, ...], new: tuple[str, ...]) -> list[_Work]:
    """Consume every occurrence of ``old`` -> ``new`` in ``work``; the regions where one was found."""
    hits = []
    for w in work:
        found = False
        while _applies(w, old, new):
            _consume(w.old, old)
            _consume(w.new, new)
            found = True
        if found:
            hits.append(w)
    return hits


def _pieces(old: tuple[str, ...], new: tuple[str, ...]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The replacements of a word-level diff of the two sides of a region."""
    from diffing.worddiff import diff_tokens

    d = diff_tokens(tuple(f" {w}" for w in old), tuple(f" {w}" for w in new))
    return [
        (old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in d.opcodes
        if tag == "replace" and i2 > i1 and j2 > j1
    ]


class _ArticleWords:
    """The words of every in-force article of a version (title and text), indexed.

    Only the words of ``phrases`` are indexed, and nothing is read when there are none: only those
    phrases are asked about (:meth:`survivors`).  The words themselves are not kept (a million strings
    at Act x100): an article's are read again when a phrase's postings lead to it.
    """

    __slots__ = ("articles", "postings", "words")

    def __init__(self, version: Version, phrases: Iterable[tuple[str, ...]]) -> None:
        asked = list(phrases)
        needed = frozenset(w for phrase in asked for w in phrase)
        self.articles = [a for a in version.articles if a.status == "in_force"] if asked else []
        self.postings = _Postings((_article_words(a) for a in self.articles), needed)
        self.words: dict[int, tuple[str, ...]] = {}  # of the articles asked about

    def survivors(self, old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
        """Numbers of the articles whose text has ``old`` outside the occurrences of ``new``
        (``old`` one of the phrases given)."""
        out: list[str] = []
        for k in self.postings.having(old):
            words = self.words.get(k)
            if words is None:
                words = self.words[k] = _article_words(self.articles[k])
            if _survives(list(words), old, new):
                out.append(self.articles[k].number)
        return tuple(out)


def _article_words(article: Article) -> tuple[str, ...]:
    return text_words(article.title + " " + article.text)


def _survives(seq: list[str], old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    while _consume(seq, new):
        pass
    return _find(seq, old) >= 0


class _Phrases:
    """The phrases of some substitutions, in order, indexed by the first word of each old phrase.

    A phrase whose old side has a word missing from a region's old words cannot apply there
    (consuming only takes words away), so :meth:`applicable` leaves it out.
    """

    __slots__ = ("always", "by_word", "phrases")

    def __init__(self, substitutions: Iterable[Substitution]) -> None:
        self.phrases = [(tuple(s.old.split(" ")), tuple(s.new.split(" "))) for s in substitutions]
        self.by_word: dict[str, list[int]] = {}
        self.always: list[int] = []  # phrases of MARK alone (not indexable)
        for k, (old, _new) in enumerate(self.phrases):
            key = next((w for w in old if w != MARK), None)
            if key is None:
                self.always.append(k)
            else:
                self.by_word.setdefault(key, []).append(k)

    def applicable(self, words: Iterable[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The phrases (in order) whose indexed word is among ``words``."""
        picked = set(self.always)
        for w in set(words):
            picked.update(self.by_word.get(w, ()))
        return [self.phrases[k] for k in sorted(picked)]


# the phrases of the last tuple of substitutions given to hide_substitutions (the viewer passes the
# same Analysis.substitutions for every row); one tuple, replaced whole, so threads can share it
_last_phrases: tuple[tuple[Substitution, ...], _Phrases] | None = None


def _phrases(substitutions: Iterable[Substitution]) -> _Phrases:
    global _last_phrases
    if not isinstance(substitutions, tuple):
        return _Phrases(substitutions)
    last = _last_phrases
    if last is not None and last[0] is substitutions:
        return last[1]
    phrases = _Phrases(substitutions)
    _last_phrases = (substitutions, phrases)
    return phrases


def hide_substitutions(diff: TextDiff, substitutions: Iterable[Substitution]) -> TextDiff:
    """``diff`` with every change region that the given substitutions fully explain turned into ``equal``.

    For the pair view's "hide known substitutions": the hidden region keeps both texts (an
    ``equal`` opcode whose two sides differ), so side-by-side views show each side's own words
    unmarked, ``TextDiff.changed`` is False when nothing else changed, and the remaining
    changes render as before.
    """
    from diffing.model import TextDiff

    phrases = _phrases(substitutions)
    hidden: list[tuple[int, int, int, int]] = []
    for i1, i2, j1, j2 in diff_regions(diff):
        old_words, new_words = words_of(diff.old_tokens[i1:i2]), words_of(diff.new_tokens[j1:j2])
        rest_old, rest_new = list(old_words), list(new_words)
        for old, new in phrases.applicable(old_words):
            while _find(rest_old, old) >= 0 and _find(rest_new, new) >= 0:
                _consume(rest_old, old)
                _consume(rest_new, new)
        if MARK in rest_old and explained(rest_old, rest_new):
            hidden.append((i1, i2, j1, j2))
    if not hidden:
        return diff
    out: list[Opcode] = []
    for op in diff.opcodes:
        _tag, a1, a2, b1, b2 = op
        box = next((h for h in hidden if h[0] <= a1 and a2 <= h[1] and h[2] <= b1 and b2 <= h[3]), None)
        out.append(op if box is None else ("equal", a1, a2, b1, b2))
    merged: list[Opcode] = []
    for op in out:  # fuse neighbouring equal runs
        last = merged[-1] if merged else None
        if last is not None and last[0] == op[0] == "equal" and last[2] == op[1] and last[4] == op[3]:
            merged[-1] = ("equal", last[1], op[2], last[3], op[4])
        else:
            merged.append(op)
    return TextDiff(old_tokens=diff.old_tokens, new_tokens=diff.new_tokens, opcodes=tuple(merged))
