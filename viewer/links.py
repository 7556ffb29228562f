"""Deep links: the URL names what is on screen, and a URL reopens it.

``?doc=<corpus name>&pair=<pair key>`` names a pair by its key as ``ordiff align`` prints it
(``7+9+12+13>8``, ``5-2>-``); the URL always carries it.  ``old=<article>`` / ``new=<article>`` still
work: they open the first pair holding that article and, when the article is in several pairs, say so
and list them all.  Filters and search ride along (``kinds``, ``types``, ``q``, ``chapter``) and the page
(``view``).  A link that names something the comparison does not have is answered with one sentence
saying what was wrong; the viewer then opens its first changed pair.

No Streamlit here: :func:`link_request` reads a parameter mapping, :func:`resolve_link` answers it
against a comparison, :func:`params_for` writes the parameters of what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from corpus.patterns import article_spec_number
from diffing.model import Comparison, Pair
from viewer.index import Side, pair_name, side_label

FILTER_PARAMS = ("kinds", "types", "q", "chapter")  # kinds and types are comma-separated lists


@dataclass(frozen=True, slots=True)
class ArticleRequest:
    side: Side
    number: str


@dataclass(frozen=True, slots=True)
class LinkRequest:
    """What a URL asks for: a pair key, or an article of one side (``pair`` wins)."""

    pair: str | None = None
    article: ArticleRequest | None = None


@dataclass(frozen=True, slots=True)
class LinkAnswer:
    """The pair to open (None: the link named nothing there is), every pair it could mean, and a message."""

    pair: Pair | None
    problem: str = ""  # one sentence when the link was wrong
    also: tuple[Pair, ...] = field(default=())  # all pairs holding the requested article, when several


def pair_param(value: str) -> str:
    """A pair key from a URL: a literal ``+`` in a query string arrives as a space."""
    return "+".join(value.split()) if " " in value.strip() else value.strip()


def link_request(params: Mapping[str, str]) -> LinkRequest | None:
    """The pair or article a URL asks for: ``pair`` wins over ``old``, ``old`` over ``new``."""
    key = pair_param(params.get("pair") or "")
    if key:
        return LinkRequest(pair=key)
    article = article_request(params)
    return LinkRequest(article=article) if article else None


def article_request(params: Mapping[str, str]) -> ArticleRequest | None:
    """The article a URL asks for: ``old`` wins over ``new``; blank values are ignored."""
    for side in ("old", "new"):
        value = (params.get(side) or "").strip()
        if value:
            return ArticleRequest("old" if side == "old" else "new", value)
    return None


def pairs_holding(comparison: Comparison, side: Side, number: str) -> tuple[Pair, ...]:
    """Every pair with an article of this number on ``side``."""
    return tuple(p for p in comparison.pairs if number in (p.old if side == "old" else p.new))


def resolve_link(comparison: Comparison, request: LinkRequest) -> LinkAnswer:
    if request.pair is not None:
        for p in comparison.pairs:
            if p.key == request.pair:
                return LinkAnswer(pair=p)
        return LinkAnswer(
            pair=None,
            problem=f"This comparison has no pair “{request.pair}” (a pair is written as old articles > new "
            "articles, e.g. 7+8>7); showing the first changed pair.",
        )
    assert request.article is not None
    side, typed = request.article.side, request.article.number
    number = article_spec_number(typed) or typed
    found = pairs_holding(comparison, side, number)
    if not found:
        return LinkAnswer(
            pair=None,
            problem=f"The {side} version has no article “{typed}”; showing the first changed pair.",
        )
    return LinkAnswer(pair=found[0], also=found if len(found) > 1 else ())


def several_text(comparison: Comparison, side: Side, number: str, pairs: Sequence[Pair]) -> str:
    """``Old Article 7 is in 2 pairs: 7 + 8 → 7; 7 + 9 + 12 + 13 → 8.`` (``Old 제7조 …`` in a Korean text)."""
    names = "; ".join(pair_name(comparison, p) for p in pairs)
    return f"{side.capitalize()} {side_label(comparison, side, number)} is in {len(pairs)} pairs: {names}."


def shared_articles(comparison: Comparison, pair: Pair) -> list[tuple[Side, str, tuple[Pair, ...]]]:
    """For each article of ``pair`` that is in other pairs too: its side, number and all its pairs."""
    out: list[tuple[Side, str, tuple[Pair, ...]]] = []
    sides: tuple[Side, ...] = ("old", "new")
    for side in sides:
        for eid, number in zip(
            pair.old_eids if side == "old" else pair.new_eids,
            pair.old if side == "old" else pair.new,
            strict=True,
        ):
            holding = tuple(
                p for p in comparison.pairs if eid in (p.old_eids if side == "old" else p.new_eids)
            )
            if len(holding) > 1:
                out.append((side, number, holding))
    return out


def pair_link(page_url: str, doc: str | None, pair: Pair) -> str:
    """The address that reopens ``pair`` (of bundled document ``doc``) from the app at ``page_url``."""
    base = page_url.split("?", 1)[0].split("#", 1)[0]
    return f"{base}?{urlencode(params_for(doc, pair))}"


def resolve_request(comparison: Comparison, request: ArticleRequest) -> Pair | None:
    return resolve_link(comparison, LinkRequest(article=request)).pair


def params_for(
    doc: str | None,
    pair: Pair | None,
    view: str | None = None,
    filters: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Query parameters describing what is shown: the document, the pair by key, the page, the filters."""
    out: dict[str, str] = {}
    if doc:
        out["doc"] = doc
    if pair is not None:
        out["pair"] = pair.key
    if view:
        out["view"] = view
    for k in FILTER_PARAMS:
        value = (filters or {}).get(k)
        if value:
            out[k] = value
    return out
