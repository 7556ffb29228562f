"""Provision locations inside a version, and their counterparts across versions.

A :class:`Location` is an article number and a path of ``(kind, number)``
steps (``("paragraph", "3"), ("subparagraph", "2"), ("item", "a")``), written
``(3) 2 a`` in reports and JSON (``""`` for the article itself).  The
:class:`Concordance` maps a location of one version to the other through the
engine's pairs and rows: a top-level provision follows its row, deeper steps
are carried over as they are (sub-items are not re-aligned by the engine).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from analysis.lookup import Lookup

if TYPE_CHECKING:
    from corpus.model import Article, Provision, Version
    from diffing.model import Comparison, UnitRef

Side = Literal["old", "new"]
Step = tuple[str, str]  # (provision kind, normalised number)


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    article: str
    path: tuple[Step, ...] = ()

    @property
    def path_text(self) -> str:
        return format_path(self.path)

    @property
    def eid(self) -> str:
        """The element id of the first element with this number path (``art_7__para_3__subpara_2``): the
        ``corpus.ids`` rule without the ``_2`` of a repeated number."""
        from corpus.ids import child_eid

        out = child_eid("", "article", self.article)
        for kind, number in self.path:
            out = child_eid(out, kind, number)
        return out

    def to_dict(self) -> dict[str, str]:
        return {"article": self.article, "path": self.path_text}

    def within(self, other: Location) -> bool:
        """True when ``self`` is ``other`` or lies inside it."""
        return self.article == other.article and self.path[: len(other.path)] == other.path


def format_path(path: tuple[Step, ...]) -> str:
    out = []
    for kind, number in path:
        out.append(f"({number})" if kind == "paragraph" else number)
    return " ".join(out)


def sites(article: Article) -> Iterator[tuple[tuple[Step, ...], Provision | None, str]]:
    """(path, provision or None for the lead, text) of the lead and every provision, in order."""
    if article.lead.strip():
        yield (), None, article.lead
    yield from _walk(article.paragraphs, ())


def _walk(
    ps: tuple[Provision, ...], base: tuple[Step, ...]
) -> Iterator[tuple[tuple[Step, ...], Provision, str]]:
    """The provision sites of :func:`sites` (a module function: a nested one would refer to itself, a
    reference cycle per article that only the cyclic collector frees, and analysis runs with it paused)."""
    for p in ps:
        path = (*base, (p.kind, p.number))
        yield path, p, p.text
        yield from _walk(p.children, path)


def find(version: Version, loc: Location) -> Article | Provision | None:
    """The in-force article or provision at ``loc``; None when there is none (or it is deleted)."""
    return find_in(version.article(loc.article), loc)


def find_in(article: Article | None, loc: Location) -> Article | Provision | None:
    """:func:`find` given the article numbered ``loc.article`` (looked up by the caller)."""
    if article is None or article.status != "in_force":
        return None
    node: Article | Provision = article
    children = article.paragraphs
    for kind, number in loc.path:
        hit = next((p for p in children if p.kind == kind and p.number == number), None)
        if hit is None or hit.deleted:
            return None
        node, children = hit, hit.children
    return node


def unit_step(
    version: Version, unit: UnitRef, lookup: Lookup | None = None, side: Side = "old"
) -> Step | None:
    """The path step of a row's unit: its top-level provision (None for the article lead).

    With ``lookup`` (of the comparison ``version`` is the ``side`` of) the element is found in it.
    """
    node = version.element(unit.eid) if lookup is None else lookup.element(side, unit.eid)
    return (node.kind, node.number) if isinstance(node, _provision()) else None


@cache
def _provision() -> type[Provision]:
    """``corpus.model.Provision``, imported on first use and then
    a cached call (an import statement costs ~0.6 µs in a function run for each row or word)."""
    from corpus.model import Provision

    return Provision


class Concordance:
    """Location of one version -> location of the other, through the comparison's pairs and rows."""

    def __init__(self, comparison: Comparison, lookup: Lookup | None = None) -> None:
        self.comparison = comparison
        lookup = lookup or Lookup(comparison)
        self._rows: dict[tuple[Side, str, Step], tuple[str, Step | None] | None] = {}
        self._arts: dict[tuple[Side, str], str | None] = {}
        for pair in comparison.pairs:
            flows: dict[Side, Counter[tuple[str, str]]] = {"old": Counter(), "new": Counter()}
            for row in pair.rows:
                o, n = row.old, row.new
                so = unit_step(comparison.old, o, lookup, "old") if o else None
                sn = unit_step(comparison.new, n, lookup, "new") if n else None
                if o is not None and n is not None:
                    flows["old"][(o.article, n.article)] += 1
                    flows["new"][(n.article, o.article)] += 1
                    if so is not None:
                        self._rows[("old", o.article, so)] = (n.article, sn)
                    if sn is not None:
                        self._rows[("new", n.article, sn)] = (o.article, so)
                elif o is not None and so is not None:
                    self._rows.setdefault(("old", o.article, so), None)
                elif n is not None and sn is not None:
                    self._rows.setdefault(("new", n.article, sn), None)
            sides: tuple[tuple[Side, tuple[str, ...], tuple[str, ...]], ...] = (
                ("old", pair.old, pair.new),
                ("new", pair.new, pair.old),
            )
            for side, mine, theirs in sides:
                # each article's counterpart that received most of its rows (ties: first counted)
                most: dict[str, str] = {}
                for (m, t), _ in flows[side].most_common():
                    most.setdefault(m, t)
                for number in mine:
                    target = most.get(number, theirs[0] if theirs else None)  # else the pair's first
                    if self._arts.get((side, number)) is None:
                        self._arts[(side, number)] = target

    def counterpart(self, side: Side, loc: Location) -> Location | None:
        """Where ``loc`` of ``side`` went in the other version; None when it was deleted / did not exist."""
        if loc.path:
            key = (side, loc.article, loc.path[0])
            if key in self._rows:
                hit = self._rows[key]
                if hit is None:
                    return None
                number, step = hit
                return Location(article=number, path=((step,) if step else ()) + loc.path[1:])
        article = self._arts.get((side, loc.article))
        if article is None:
            return None
        return Location(article=article, path=loc.path)
