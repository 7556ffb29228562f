"""Constant-time look-ups into one comparison, built once per analysis.

The model's own look-ups (``Version.article``, ``Version.by_eid``, ``Version.element``,
``Comparison.articles``, ``Comparison.pair_for``) scan every article (or pair) on each call, so
calling them once per pair, row or reference makes a pass quadratic in the size of the document.
A :class:`Lookup` gives the same answers (the first article or pair wins, as in the scans) from
dictionaries built in one pass over the comparison; an article's provisions are indexed the first
time one of them is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from corpus.model import AddendaArticle, AddendaBlock, Article, Provision, Version
    from diffing.model import Comparison, Pair

    Element = Article | Provision | AddendaBlock | AddendaArticle

_Side = Literal["old", "new"]


class Lookup:
    """Articles by eid and number, elements by eid and pairs by article number, for both sides."""

    __slots__ = ("_articles", "_elements", "_numbers", "_pairs", "comparison")

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._articles: dict[_Side, dict[str, Article]] = {"old": {}, "new": {}}
        self._numbers: dict[_Side, dict[str, Article]] = {"old": {}, "new": {}}
        self._pairs: dict[_Side, dict[str, Pair]] = {"old": {}, "new": {}}
        self._elements: dict[_Side, dict[str, dict[str, Provision]]] = {"old": {}, "new": {}}
        sides: tuple[tuple[_Side, Version], ...] = (("old", comparison.old), ("new", comparison.new))
        for side, version in sides:
            by_eid, by_number = self._articles[side], self._numbers[side]
            for a in version.articles:
                by_eid.setdefault(a.eid, a)
                by_number.setdefault(a.number, a)
        for p in comparison.pairs:
            for number in p.old:
                self._pairs["old"].setdefault(number, p)
            for number in p.new:
                self._pairs["new"].setdefault(number, p)

    def version(self, side: _Side) -> Version:
        return self.comparison.old if side == "old" else self.comparison.new

    def article(self, side: _Side, number: str) -> Article | None:
        """``Version.article``: the first article printed with ``number``."""
        return self._numbers[side].get(number)

    def by_eid(self, side: _Side, eid: str) -> Article | None:
        """``Version.by_eid``."""
        return self._articles[side].get(eid)

    def articles(self, side: _Side, pair: Pair) -> tuple[Article, ...]:
        """``Comparison.articles``: the articles of one side of ``pair``, by eid."""
        table = self._articles[side]
        found = (table.get(eid) for eid in (pair.old_eids if side == "old" else pair.new_eids))
        return tuple(a for a in found if a is not None)

    def pair_for(self, side: _Side, number: str) -> Pair | None:
        """``Comparison.pair_for``: the first pair with an article of this number."""
        return self._pairs[side].get(number)

    def element(self, side: _Side, eid: str) -> Element | None:
        """``Version.element``: the article or provision with this eid (addenda through the model)."""
        head = eid.split("__", 1)[0]
        article = self._articles[side].get(head)
        if article is None:  # not an article's: an addenda element (the model's scan finds it)
            return self.version(side).element(eid)
        if eid == head:
            return article
        table = self._elements[side].get(head)
        if table is None:
            table = self._elements[side][head] = _provisions(article)
        return table.get(eid)


def _provisions(article: Article) -> dict[str, Provision]:
    """Every provision of ``article`` by eid, in reading order (the first of a repeated eid wins)."""
    out: dict[str, Provision] = {}
    stack = list(reversed(article.paragraphs))
    while stack:
        p = stack.pop()
        out.setdefault(p.eid, p)
        stack.extend(reversed(p.children))
    return out
