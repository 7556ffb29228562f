"""Anchors that survive a re-read: make a note's target, and find it again in a (changed) document.

A target is a structural selector (side + element id) with a text quote (W3C ``TextQuoteSelector``:
exact text, a little prefix and suffix) and the position it had.  :func:`resolve` finds it again in this
order (as indigo's ``ResolvedAnchor`` does):

1. the element with that id, when the quote is there word for word -> ``exact``;
2. the quote word for word elsewhere in the same article, then anywhere in the version -> ``moved``;
3. the quote nearly (rapidfuzz ``partial_ratio`` >= ``FUZZY_MIN``) at the element -> ``exact``,
   with the score below 1; elsewhere in the article, then the version, quote and context together
   nearly -> ``moved``;
4. the element itself or its nearest ancestor up the ``__`` chain of its id -> ``parent``
   (the quoted text is no longer found);
5. else ``orphan``: the note keeps its old location and is listed, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from corpus.model import Article, Document, Provision, Span, Version
from review.ids import article_eids, provisions
from review.model import ReviewError, Side, Target, TextPositionSelector, TextQuoteSelector

CONTEXT = 32  # characters of prefix / suffix kept with a quote
QUOTE_MAX = 240  # characters of an element's own text kept as its quote
FUZZY_MIN = 80.0  # rapidfuzz partial_ratio (0-100) for a changed quote to count as found

Status = Literal["exact", "moved", "parent", "orphan"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """An article or provision of one version, with its id and where its text is."""

    eid: str
    side: Side
    article: Article
    provision: Provision | None
    path: str  # provision labels, "" for the article
    span: Span

    @property
    def location(self) -> str:
        return f"{self.side} Article {self.article.number} {self.path}".strip()


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """Where a target is now.  ``eid`` / ``span`` are None for an orphan; ``score`` in [0, 1]."""

    status: Status
    target: Target
    eid: str | None
    article: str | None  # current article number
    path: str
    span: Span | None
    score: float
    detail: str  # one sentence for the analyst

    @property
    def orphaned(self) -> bool:
        return self.status == "orphan"

    @property
    def location(self) -> str:
        if self.article is None:
            return f"(was {self.target.location})"
        return f"{self.target.side} Article {self.article} {self.path}".strip()


def version_of(document: Document, side: Side) -> Version:
    return document.old if side == "old" else document.new


def nodes(document: Document, side: Side) -> Iterator[Node]:
    """Every article and provision of one side, in document order."""
    version = version_of(document, side)
    for article, eid in zip(version.articles, article_eids(version), strict=True):
        yield Node(eid=eid, side=side, article=article, provision=None, path="", span=article.span)
        for peid, path, p in provisions(article):
            yield Node(eid=peid, side=side, article=article, provision=p, path=path, span=p.span)


def node_index(document: Document, side: Side) -> dict[str, Node]:
    return {n.eid: n for n in nodes(document, side)}


def find_node(document: Document, side: Side, eid: str) -> Node | None:
    return node_index(document, side).get(eid)


def _own_text(document: Document, node: Node) -> tuple[int, int]:
    """Source offsets of an element's own opening text (an article's without its heading)."""
    text = document.text_of(node.span)
    start = 0
    if node.provision is None and text.startswith(node.article.heading):
        start = len(node.article.heading)
    while start < len(text) and text[start].isspace():
        start += 1
    end = min(len(text), start + QUOTE_MAX)
    if end < len(text):  # cut at a word boundary
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    return node.span.start + start, node.span.start + end


def _selectors(
    document: Document, source: int, start: int, end: int
) -> tuple[TextQuoteSelector, TextPositionSelector]:
    text = document.sources[source].text
    return (
        TextQuoteSelector(
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT) : start],
            suffix=text[end : end + CONTEXT],
        ),
        TextPositionSelector(start=start, end=end, source=source),
    )


def anchor_for(document: Document, side: Side, eid: str, quote: str | None = None) -> Target:
    """The target of a note on element ``eid`` of ``side`` (on a quoted passage of it when ``quote``)."""
    node = find_node(document, side, eid)
    if node is None:
        raise ReviewError(f"the {side} version of {document.name} has no element {eid}")
    if quote is not None:
        if not quote.strip():
            raise ReviewError("the quote is empty")
        at = document.text_of(node.span).find(quote)
        if at < 0:
            raise ReviewError(f"the quote {_short(quote)!r} is not in {node.location}")
        start, end = node.span.start + at, node.span.start + at + len(quote)
    else:
        start, end = _own_text(document, node)
    q, pos = _selectors(document, node.span.source, start, end)
    return Target(
        side=side,
        eid=eid,
        article=node.article.number,
        path=node.path,
        quote=q,
        position=pos,
        passage=quote is not None,
    )


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------- resolving


def _holder(candidates: list[Node], source: int, start: int, end: int, target: Target) -> Node | None:
    """The element that now holds ``[start, end)``: for a quoted passage the smallest one; for a note on a
    whole element the one at the target's depth (an article stays on an article)."""
    holding = [
        n for n in candidates if n.span.source == source and n.span.start <= start and end <= n.span.end
    ]
    if not target.passage:
        depth = target.eid.count("__")
        same = [n for n in holding if n.eid.count("__") == depth]
        holding = same or holding
    return min(holding, key=lambda n: n.span.end - n.span.start, default=None)


def _context_score(document: Document, source: int, start: int, end: int, q: TextQuoteSelector) -> float:
    text = document.sources[source].text
    before = text[max(0, start - len(q.prefix)) : start]
    after = text[end : end + len(q.suffix)]
    return fuzz.ratio(before, q.prefix) + fuzz.ratio(after, q.suffix)


def _exact_in(document: Document, region: Node, q: TextQuoteSelector) -> tuple[int, int] | None:
    """The best word-for-word occurrence of the quote inside ``region`` (context breaks ties)."""
    text = document.text_of(region.span)
    hits: list[int] = []
    at = text.find(q.exact)
    while at >= 0 and len(hits) < 50:
        hits.append(region.span.start + at)
        at = text.find(q.exact, at + 1)
    if not hits:
        return None
    src = region.span.source
    best = max(hits, key=lambda h: (_context_score(document, src, h, h + len(q.exact), q), -h))
    return best, best + len(q.exact)


def _fuzzy_in(
    document: Document, region: Node, q: TextQuoteSelector, *, context: bool
) -> tuple[int, int, float] | None:
    """The best near match of the quote in ``region``; with ``context`` the prefix and suffix must match
    too (away from its own element a short quote alone matches too much boilerplate)."""
    text = document.text_of(region.span)
    needle = f"{q.prefix}{q.exact}{q.suffix}" if context else q.exact
    found = fuzz.partial_ratio_alignment(needle, text, score_cutoff=FUZZY_MIN)
    if found is None:
        return None
    start, end = found.dest_start, found.dest_end
    if context:  # narrow to where the exact text should be
        start = min(end, start + len(q.prefix))
        end = max(start, end - len(q.suffix))
    return region.span.start + start, region.span.start + end, found.score / 100


def _articles(index: dict[str, Node]) -> list[Node]:
    return [n for n in index.values() if n.provision is None]


def _in_article(index: dict[str, Node], article: Node) -> list[Node]:
    return [n for n in index.values() if n.article is article.article]


def resolve(document: Document, target: Target, index: dict[str, Node] | None = None) -> Resolution:
    """Where ``target`` is in ``document`` now (see the module docstring for the order of attempts).

    ``index`` is ``node_index(document, target.side)``, when the caller resolves many targets."""
    if index is None:
        index = node_index(document, target.side)
    node = index.get(target.eid)
    q = target.quote
    root = index.get(target.eid.split("__")[0])
    home = node if node is not None and node.provision is None else root
    scopes: list[Node] = ([home] if home is not None else []) + [
        a for a in _articles(index) if home is None or a.eid != home.eid
    ]

    def found(status: Status, n: Node, score: float, detail: str) -> Resolution:
        return Resolution(
            status=status,
            target=target,
            eid=n.eid,
            article=n.article.number,
            path=n.path,
            span=n.span,
            score=round(score, 4),
            detail=detail,
        )

    if q is not None and q.exact:
        if node is not None and _exact_in(document, node, q) is not None:
            return found("exact", node, 1.0, "found at its element")
        for region in scopes:
            hit = _exact_in(document, region, q)
            if hit is not None:
                n = _holder(_in_article(index, region), region.span.source, *hit, target) or region
                return found("moved", n, 1.0, f"the quoted text is now at {n.location}")
        if node is not None:
            fz = _fuzzy_in(document, node, q, context=False)
            if fz is not None:
                return found("exact", node, fz[2], "found at its element; the quoted text changed a little")
        for region in scopes:
            fz = _fuzzy_in(document, region, q, context=True)
            if fz is not None:
                n = _holder(_in_article(index, region), region.span.source, fz[0], fz[1], target) or region
                return found("moved", n, fz[2], f"the quoted text, a little changed, is now at {n.location}")
    elif node is not None:
        return found("exact", node, 1.0, "found at its element")
    parts = target.eid.split("__")
    for k in range(len(parts), 0, -1):
        up = index.get("__".join(parts[:k]))
        if up is not None:
            what = "its element" if k == len(parts) else f"the enclosing {up.location}"
            return found(
                "parent", up, 0.0, f"the quoted text is no longer found; the note is shown on {what}"
            )
    return Resolution(
        status="orphan",
        target=target,
        eid=None,
        article=None,
        path="",
        span=None,
        score=0.0,
        detail=f"neither its element nor its text is in this document any more (it was on {target.location})",
    )
