"""Deep links: ``?doc=<corpus name>&old=<article>`` (or ``new=``) <-> the selected pair."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from diffing.model import Comparison, Pair
from viewer.index import Side


@dataclass(frozen=True, slots=True)
class ArticleRequest:
    side: Side
    number: str


def article_request(params: Mapping[str, str]) -> ArticleRequest | None:
    """The article a URL asks for: ``old`` wins over ``new``; blank values are ignored."""
    for side in ("old", "new"):
        value = (params.get(side) or "").strip()
        if value:
            return ArticleRequest("old" if side == "old" else "new", value)
    return None


def resolve_request(comparison: Comparison, request: ArticleRequest) -> Pair | None:
    return comparison.pair_for(request.side, request.number)


def params_for(doc: str | None, pair: Pair | None, view: str | None = None) -> dict[str, str]:
    """Query parameters describing a view: the document, one article of the pair, the page."""
    out: dict[str, str] = {}
    if doc:
        out["doc"] = doc
    if pair is not None:
        if pair.old:
            out["old"] = pair.old[0]
        elif pair.new:
            out["new"] = pair.new[0]
    if view:
        out["view"] = view
    return out
