"""Element ids and version IRIs as the review package reads them.

The reader gives every article and provision an ``eid`` (``art_5-2``, ``art_7__para_3__subpara_2``),
every version an ``iri`` and every pair ``old_eids`` / ``new_eids`` (issue 8).  This module is the only
place the review package reads them.  Until those fields are on the model in this branch it computes the
same scheme itself (``_stand_in_*``); once they are, the stand-ins are not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.model import Article, Document, Provision, Version
from diffing.model import Pair
from review.model import Side

KIND_PREFIX = {"paragraph": "para", "subparagraph": "subpara", "item": "point"}
UNSAFE_RE = re.compile(
    r"""
    (?P<unsafe>[^0-9a-z-]+)   # anything but lower-case letters, digits and hyphens
    """,
    re.VERBOSE,
)


def _clean(number: str) -> str:
    return UNSAFE_RE.sub("-", number.lower()).strip("-") or "x"


def _unique(base: str, seen: dict[str, int]) -> str:
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}_{seen[base]}"


def article_eids(version: Version) -> tuple[str, ...]:
    """The eid of each article of ``version``, in order."""
    real = tuple(getattr(a, "eid", "") for a in version.articles)
    if all(real):
        return real
    seen: dict[str, int] = {}
    return tuple(_unique(f"art_{_clean(a.number)}", seen) for a in version.articles)


def provisions(article: Article, article_eid: str) -> Iterator[tuple[str, str, Provision]]:
    """``(eid, display path, provision)`` for every provision of ``article``, depth first."""

    def walk(ps: tuple[Provision, ...], parent: str, path: str) -> Iterator[tuple[str, str, Provision]]:
        seen: dict[str, int] = {}
        for p in ps:
            eid = getattr(p, "eid", "") or _unique(
                f"{parent}__{KIND_PREFIX[p.kind]}_{_clean(p.number)}", seen
            )
            here = f"{path} {p.label}".strip()
            yield eid, here, p
            yield from walk(p.children, eid, here)

    return walk(article.paragraphs, article_eid, "")


def version_iri(document: Document, side: Side) -> str:
    """The version's expression IRI (FRBR style), the W3C target source of notes on that side."""
    version = document.old if side == "old" else document.new
    real = getattr(version, "iri", "")
    if real:
        return str(real)
    when = version.date or version.number or side
    return f"/ordiff/{_clean(document.name)}/{side}@{when}"


def pair_eids(pair: Pair, old: Version, new: Version) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The element ids of a pair's old and new articles."""
    real_old, real_new = getattr(pair, "old_eids", None), getattr(pair, "new_eids", None)
    if real_old is not None and real_new is not None:
        return tuple(real_old), tuple(real_new)
    return _by_number(pair.old, old), _by_number(pair.new, new)


def _by_number(numbers: tuple[str, ...], version: Version) -> tuple[str, ...]:
    eids = article_eids(version)
    first: dict[str, str] = {}
    for a, eid in zip(version.articles, eids, strict=True):
        first.setdefault(a.number, eid)
    return tuple(first[n] for n in numbers if n in first)
