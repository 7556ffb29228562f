"""An index over a comparison's pairs: labels, the overview table, search, filters, navigation.

Built once per comparison (the app caches it with the comparison), so
filtering, searching and moving between pairs recompute nothing heavy.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from corpus.model import Article, Provision, Version
from corpus.patterns import article_spec_number
from diffing.model import CHANGE_KINDS, Comparison, Pair

Side = Literal["old", "new"]
TABLE_COLUMNS = ("Old", "Old title", "New", "New title", "Change", "Score")


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter heading of one version, used as a table-of-contents entry."""

    side: Side
    title: str

    @property
    def key(self) -> str:
        return f"{self.side}:{self.title}"


@dataclass(frozen=True, eq=False)
class ViewIndex:
    pairs: tuple[Pair, ...]
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    haystacks: tuple[str, ...]  # case-folded titles and texts of both sides, per pair
    title_haystacks: tuple[str, ...]  # case-folded titles of both sides, per pair
    chapters: tuple[Chapter, ...]
    pair_chapters: tuple[frozenset[str], ...]  # Chapter.key values each pair belongs to
    frame: pd.DataFrame  # the overview table, one row per pair, in pair order

    def position(self, key: str) -> int | None:
        try:
            return self.keys.index(key)
        except ValueError:
            return None


def articles_of(comparison: Comparison, side: Side, pair: Pair) -> tuple[Article, ...]:
    """The articles of one side of ``pair`` (by eid, never by number)."""
    return comparison.articles(side, pair)


def article_label(comparison: Comparison, number: str) -> str:
    """The label as printed of the article numbered ``number`` (old version first): ``제5조의2``,
    ``Article 24 bis``; ``Article N`` when neither version has it."""
    for version in (comparison.old, comparison.new):
        for article in version.articles:
            if article.number == number:
                return article.display_label
    return f"Article {number}"


def side_label(comparison: Comparison, side: Side, number: str) -> str:
    """The label as printed of ``side``'s article numbered ``number``: ``Article 7``, ``제5조의2``,
    ``Article 3 bis``; ``Article N`` when that version has no such article."""
    article = (comparison.old if side == "old" else comparison.new).article(number)
    return article.display_label if article is not None else f"Article {number}"


def pair_name(comparison: Comparison, pair: Pair) -> str:
    """The pair named by its articles as the document prints them: ``7 + 8 → 7``, ``제3조 → 제3조``,
    ``5-2 → —`` (its key, ``7+8>7``, is what links and exports use)."""
    olds, news = articles_of(comparison, "old", pair), articles_of(comparison, "new", pair)
    return f"{labels_text(olds)} → {labels_text(news)}"


def pair_name_of(comparison: Comparison, key: str) -> str:
    """:func:`pair_name` of the pair with this key (the key itself when there is none)."""
    pair = next((p for p in comparison.pairs if p.key == key), None)
    return pair_name(comparison, pair) if pair is not None else key


def numbers_text(numbers: Sequence[str]) -> str:
    return " + ".join(numbers) if numbers else "—"


def short_label(article: Article) -> str:
    """The article's number as its document prints it, for a table cell: ``34``, ``5-2``, ``24 bis``,
    ``제5조의2``, ``§ 7`` (the word "Article" of English-style labels left out, as the column says it)."""
    label = article.display_label
    return label.removeprefix("Article ").strip() or article.number


def labels_text(articles: Sequence[Article]) -> str:
    return " + ".join(short_label(a) for a in articles) if articles else "—"


def titles_text(articles: Sequence[Article]) -> str:
    return "; ".join(a.title for a in articles)


def pair_label(comparison: Comparison, pair: Pair) -> str:
    """E.g. ``old 34 → new 20 · moved · Promotion of Narrowing of Digital Divide``."""
    olds = articles_of(comparison, "old", pair)
    news = articles_of(comparison, "new", pair)
    title = titles_text(news) or titles_text(olds)
    return f"old {labels_text(olds)} → new {labels_text(news)} · {pair.change} · {title}"


def _notes_of(article: Article) -> list[str]:
    """The amendment notes printed with an article and with each of its provisions."""
    out = [n.raw for n in article.notes]

    def walk(ps: Sequence[Provision]) -> None:
        for p in ps:
            out.extend(n.raw for n in p.notes)
            walk(p.children)

    walk(article.paragraphs)
    return out


def _haystack(articles: Sequence[Article]) -> str:
    """Titles, texts and amendment notes (``Ordinance No. 5527``), case-folded."""
    return "\n".join(f"{a.title}\n{a.text}\n" + "\n".join(_notes_of(a)) for a in articles).casefold()


def _chapters(version: Version, side: Side) -> tuple[Chapter, ...]:
    seen: dict[str, None] = {}
    for a in version.articles:
        if a.chapter:
            seen.setdefault(a.chapter, None)
    return tuple(Chapter(side, title) for title in seen)


def reading_order(comparison: Comparison) -> tuple[Pair, ...]:
    """The pairs in the order the viewer lists them: the table, the picker, Contents and "next change".

    Pairs holding a new article keep the new text's order.  A pair with no new article (a deleted
    article) stands where it stood in the old text: right after the pair of the nearest preceding old
    article, and never before a deleted article that preceded it in the old text (so the deleted ones,
    read on their own, are in old-text order even when their old neighbours moved elsewhere).
    """
    placed = [p for p in comparison.pairs if p.new_eids]
    old_only = [p for p in comparison.pairs if not p.new_eids]
    if not old_only:
        return comparison.pairs
    old_position = {a.eid: k for k, a in enumerate(comparison.old.articles)}
    slot: dict[str, int] = {}  # old eid -> index in ``placed`` of the (last) pair holding it
    for k, p in enumerate(placed):
        for eid in p.old_eids:
            slot[eid] = k
    olds = comparison.old.articles
    after: dict[int, list[Pair]] = {}  # index in ``placed`` (-1: before the first) -> pairs that follow it
    floor = -1
    for p in sorted(old_only, key=lambda p: min(old_position.get(e, len(olds)) for e in p.old_eids)):
        start = min(old_position.get(e, len(olds)) for e in p.old_eids)
        anchor = next((slot[a.eid] for a in reversed(olds[:start]) if a.eid in slot), -1)
        floor = max(floor, anchor)
        after.setdefault(floor, []).append(p)
    out = list(after.get(-1, ()))
    for k, p in enumerate(placed):
        out.append(p)
        out.extend(after.get(k, ()))
    return tuple(out)


def build_index(comparison: Comparison) -> ViewIndex:
    rows = []
    haystacks = []
    titles = []
    pair_chapters = []
    pairs = reading_order(comparison)
    for pair in pairs:
        olds = articles_of(comparison, "old", pair)
        news = articles_of(comparison, "new", pair)
        rows.append(
            (
                labels_text(olds),
                titles_text(olds),
                labels_text(news),
                titles_text(news),
                pair.change,
                round(pair.score, 3) if pair.old and pair.new else None,  # nothing to be similar to
            )
        )
        addenda = "\n".join(link.reason for link in pair.addenda).casefold()
        haystacks.append(_haystack(olds) + "\n" + _haystack(news) + "\n" + addenda)
        titles.append("\n".join(a.title for a in (*olds, *news)).casefold())
        pair_chapters.append(
            frozenset(
                [Chapter("old", a.chapter).key for a in olds if a.chapter]
                + [Chapter("new", a.chapter).key for a in news if a.chapter]
            )
        )
    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    return ViewIndex(
        pairs=pairs,
        keys=tuple(p.key for p in pairs),
        labels=tuple(pair_label(comparison, p) for p in pairs),
        haystacks=tuple(haystacks),
        title_haystacks=tuple(titles),
        chapters=_chapters(comparison.old, "old") + _chapters(comparison.new, "new"),
        pair_chapters=tuple(pair_chapters),
        frame=frame,
    )


def search_terms(query: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in query.split())


def filter_pairs(
    index: ViewIndex,
    kinds: Collection[str] = CHANGE_KINDS,
    query: str = "",
    chapter: str | None = None,
    extra: Sequence[str] = (),
) -> tuple[int, ...]:
    """Positions of the pairs of the given change kinds, in the chapter, containing every search term.

    ``extra`` (parallel to the pairs, optional) is more searchable text per pair, e.g. the analysts'
    notes on it.  With a search, pairs whose titles contain every term come first; otherwise document
    order.
    """
    terms = search_terms(query)
    out = []
    for i, pair in enumerate(index.pairs):
        if pair.change not in kinds:
            continue
        if chapter and chapter not in index.pair_chapters[i]:
            continue
        hay = index.haystacks[i] + ("\n" + extra[i] if i < len(extra) else "")
        if any(t not in hay for t in terms):
            continue
        out.append(i)
    if terms:
        out.sort(key=lambda i: not all(t in index.title_haystacks[i] for t in terms))
    return tuple(out)


def is_change(pair: Pair) -> bool:
    return pair.change != "unchanged" or pair.modified


def neighbour_change(
    index: ViewIndex, shown: Sequence[int], key: str | None, step: Literal[-1, 1]
) -> str | None:
    """The key of the previous (``-1``) or next (``1``) changed pair among ``shown`` positions."""
    changed = [i for i in shown if is_change(index.pairs[i])]
    if not changed:
        return None
    here = index.position(key) if key else None
    if here is None:
        return index.keys[changed[0] if step == 1 else changed[-1]]
    after = [i for i in changed if (i - here) * step > 0]
    if not after:
        return None
    return index.keys[min(after, key=lambda i: abs(i - here))]


@dataclass(frozen=True, slots=True, kw_only=True)
class Selection:
    """The pairs the table shows, and how the search was read."""

    shown: tuple[int, ...]
    number: str | None = None  # the article number the search was read as (``5-2`` for ``제5조의2``)
    problem: str = ""  # one sentence when the search or a filter named something there is not


def select(
    comparison: Comparison,
    index: ViewIndex,
    *,
    kinds: Sequence[str] = (),
    query: str = "",
    chapter: str | None = None,
    extra: Sequence[str] = (),
) -> Selection:
    """The pairs shown for these filters: the one selection rule of the app, the reports and the CLI.

    Change kinds and article numbers are chosen by ``reports.select_pairs`` (``ordiff report
    --changes`` / ``--articles``); a search that reads as an article number (``34``, ``5-2``,
    ``Article 5-2``, ``제5조의2``) finds the pairs holding that article in either version, any other
    search is matched against titles, texts, amendment notes, addenda links and ``extra``.
    """
    from reports.content import ReportError, select_pairs

    present = [k for k in CHANGE_KINDS if any(p.change == k for p in index.pairs)]
    try:
        by_kind = set(map(id, select_pairs(comparison, changes=list(kinds) or None)))
    except ReportError as exc:
        return Selection(shown=(), problem=str(exc))
    number = article_spec_number(query.strip()) if query.strip() else None
    problem = ""
    if number is not None:
        try:
            holding = set(map(id, select_pairs(comparison, articles=[query.strip()])))
        except ReportError:  # "2013" is no article here: search the text for it instead
            problem = f"Neither version has an article “{query.strip()}”; searching the text for it."
            number = None
    if number is None:
        base = filter_pairs(index, present, query, chapter, extra)
        return Selection(shown=tuple(i for i in base if id(index.pairs[i]) in by_kind), problem=problem)
    base = filter_pairs(index, present, "", chapter)
    shown = tuple(i for i in base if id(index.pairs[i]) in by_kind and id(index.pairs[i]) in holding)
    return Selection(shown=shown, number=number)


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentsLink:
    """One pair an article of the Contents is in: its key and what it became (``→ new 20 · moved``)."""

    key: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentsEntry:
    article: Article
    links: tuple[ContentsLink, ...]  # every pair holding the article, in reading order (old 7: two)


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentsChapter:
    title: str | None  # None: articles before (or outside) any chapter
    entries: tuple[ContentsEntry, ...]


def counterpart_text(comparison: Comparison, pair: Pair, side: Side) -> str:
    """What ``side``'s article became in ``pair``, named as the document prints it: ``→ new 20 · moved``,
    ``→ new 제7조 · merged``, ``← old 34 · moved``, ``→ no new article · deleted``."""
    other: Side = "new" if side == "old" else "old"
    articles = comparison.articles(other, pair)
    where = f"{other} {labels_text(articles)}" if articles else f"no {other} article"
    return f"{'→' if side == 'old' else '←'} {where} · {pair.change}"


def contents(comparison: Comparison, side: Side, pairs: Sequence[Pair]) -> tuple[ContentsChapter, ...]:
    """One version's articles by chapter, each with every pair (of ``pairs``, in their order) holding it."""
    version = comparison.old if side == "old" else comparison.new
    out: list[ContentsChapter] = []
    entries: list[ContentsEntry] = []
    chapter: str | None = None
    for article in version.articles:
        if article.chapter != chapter:
            if entries:
                out.append(ContentsChapter(title=chapter, entries=tuple(entries)))
            entries = []
            chapter = article.chapter
        held = [p for p in pairs if article.eid in (p.old_eids if side == "old" else p.new_eids)]
        links = tuple(ContentsLink(key=p.key, text=counterpart_text(comparison, p, side)) for p in held)
        entries.append(ContentsEntry(article=article, links=links))
    if entries:
        out.append(ContentsChapter(title=chapter, entries=tuple(entries)))
    return tuple(out)
