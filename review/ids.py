"""Element ids and version IRIs as the review package reads them (the reader's, issue 8).

Every article and provision has an ``eid`` (``art_5-2``, ``art_7__para_3__subpara_2``, unique per
version), every version an ``iri`` (FRBR expression), every pair ``old_eids`` / ``new_eids``.  This
module is the one place the review package reads them.
"""

from __future__ import annotations

from collections.abc import Iterator

from corpus.model import Article, Document, Provision, Version
from diffing.model import Pair
from review.model import Side


def article_eids(version: Version) -> tuple[str, ...]:
    """The eid of each article of ``version``, in order."""
    return tuple(a.eid for a in version.articles)


def provisions(article: Article) -> Iterator[tuple[str, str, Provision]]:
    """``(eid, display path, provision)`` for every provision of ``article``, depth first."""

    def walk(ps: tuple[Provision, ...], path: str) -> Iterator[tuple[str, str, Provision]]:
        for p in ps:
            here = f"{path} {p.label}".strip()
            yield p.eid, here, p
            yield from walk(p.children, here)

    return walk(article.paragraphs, "")


def version_iri(document: Document, side: Side) -> str:
    """The version's expression IRI, the W3C target source of notes on that side."""
    return (document.old if side == "old" else document.new).iri


def pair_eids(pair: Pair) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The element ids of a pair's old and new articles."""
    return pair.old_eids, pair.new_eids
