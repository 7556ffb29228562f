"""Element ids in the Akoma Ntoso style and version IRIs in the FRBR style: the one path style.

Element ids (``eid``), as bluebell's ``IdGenerator`` makes them:

- an article is ``art_{num}``: ``art_5``, ``art_5-2``, ``art_24a``;
- a provision is its parent's eid, ``__``, and ``para_`` / ``subpara_`` / ``point_`` with its
  number: ``art_7__para_3__subpara_2__point_a`` (paragraph -> para, subparagraph -> subpara,
  item -> point, sub-points nest: ``...__point_b__point_ii``);
- an addenda block is ``addenda_{number}`` (``addenda_6487``), or ``addenda`` for the version's own
  block that names no number; its articles are ``addenda_6487__art_1``.

A number is cleaned as AKN tools do (:func:`clean_num`: no whitespace, no brackets, no dots at
the ends; a number that cleans to nothing reads ``nn``).  Ids are unique within a version: an id
already given gets ``_2``, ``_3``, ... in document order (:class:`EidScope`), so a repeated
``Article 7`` is ``art_7`` then ``art_7_2``.  An id depends only on the element's own number, its
path and the earlier elements with the same id, never on text: editing one article's text never
changes another element's id.

The version IRI (``Version.iri``) is FRBR-style: work / expression / portion, e.g.
``/akn/seoul-informatization/6851@2018-03-22`` with the element portion ``~art_7__para_1``
(``Version.element_iri``).  The work is the document's name as a slug, the
expression ``number@date`` (the version key ``old``/``new`` when the version names no number,
nothing after ``@`` when it names no date).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from corpus.model import AddendaBlock, Article, Note, Provision

ALIASES: dict[str, str] = {
    "article": "art",
    "paragraph": "para",
    "subparagraph": "subpara",
    "item": "point",
    "addenda": "addenda",
}
_NUM_NOISE = frozenset("()[]")


def clean_num(number: str) -> str:
    """AKN number cleaning: ``"(1)"`` -> ``"1"``, ``"2-2."`` -> ``"2-2"``; ``"nn"`` when nothing is left."""
    kept = "".join(ch for ch in number if not ch.isspace() and ch not in _NUM_NOISE).strip(".")
    return kept or "nn"


# (kind, number) -> "para_3": laws repeat "1", "2", "a" thousands of times.  At most one entry per
# distinct number, and no more than _OWN_PARTS_MAX of them (a text of a million numbers stops filling it)
_OWN_PARTS: dict[tuple[str, str], str] = {}
_OWN_PARTS_MAX = 4096


def child_eid(prefix: str, kind: str, number: str) -> str:
    """The id an element would have before it is made unique: ``art_7`` / ``art_7__para_3``."""
    own = _OWN_PARTS.get((kind, number))
    if own is None:
        own = f"{ALIASES.get(kind, kind)}_{clean_num(number)}"
        if len(_OWN_PARTS) < _OWN_PARTS_MAX:
            _OWN_PARTS[kind, number] = own
    return f"{prefix}__{own}" if prefix else own


@dataclass(slots=True, eq=False)  # an id dispenser: two are never compared (no generated __eq__ to build)
class EidScope:
    """Hands out unique ids: the first ``art_7`` stays, later ones become ``art_7_2``, ``art_7_3``."""

    issued: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)

    def unique(self, eid: str) -> str:
        if eid not in self.counts and eid not in self.issued:  # the first of its id: most elements
            self.counts[eid] = 1
            self.issued.add(eid)
            return eid
        count = self.counts[eid] = self.counts.get(eid, 0) + 1
        candidate = eid if count == 1 else f"{eid}_{count}"
        while candidate in self.issued:  # "addenda_2" given to a block numbered 2 before the second "addenda"
            count = self.counts[eid] = count + 1
            candidate = f"{eid}_{count}"
        self.issued.add(candidate)
        return candidate


def addenda_eid(number: str | None) -> str:
    return child_eid("", "addenda", number) if number else "addenda"


def slug(text: str) -> str:
    """``"Seoul Ordinance (2019).txt"`` -> ``"seoul-ordinance-2019-txt"``: letters, digits, ``-`` between."""
    out: list[str] = []
    for ch in text.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-") or "document"


def version_iri(work: str, number: str | None, date: str | None, key: str) -> str:
    """``/akn/{work}/{number}@{date}``: the FRBR expression of one version of a work."""
    return f"/akn/{slug(work)}/{number or key}@{date or ''}"


# ---------------------------------------------------------------- re-identifying built nodes


def with_notes_eid(notes: tuple[Note, ...], eid: str) -> tuple[Note, ...]:
    return tuple(n if n.eid == eid else replace(n, eid=eid) for n in notes)


def identify_provisions(
    provisions: tuple[Provision, ...], prefix: str, scope: EidScope
) -> tuple[Provision, ...]:
    """Provisions (and their notes) with ids derived from ``prefix`` and their own numbers."""
    out: list[Provision] = []
    for p in provisions:
        eid = scope.unique(child_eid(prefix, p.kind, p.number))
        out.append(
            replace(
                p,
                eid=eid,
                notes=with_notes_eid(p.notes, eid),
                children=identify_provisions(p.children, eid, scope),
            )
        )
    return tuple(out)


def identify_article(article: Article, eid: str) -> Article:
    """``article`` under the id ``eid``, its notes and provisions re-identified below it."""
    return replace(
        article,
        eid=eid,
        notes=with_notes_eid(article.notes, eid),
        paragraphs=identify_provisions(article.paragraphs, eid, EidScope()),
    )


def identify_articles(articles: tuple[Article, ...] | list[Article]) -> tuple[Article, ...]:
    """Every id re-derived from numbers and paths, as the reader gives them (for built or edited versions)."""
    scope = EidScope()
    return tuple(identify_article(a, scope.unique(child_eid("", "article", a.number))) for a in articles)


def identify_addenda(blocks: tuple[AddendaBlock, ...] | list[AddendaBlock]) -> tuple[AddendaBlock, ...]:
    """Addenda blocks and their articles with ids re-derived, as the reader gives them."""
    scope = EidScope()
    out: list[AddendaBlock] = []
    for b in blocks:
        eid = scope.unique(addenda_eid(b.number))
        inner = EidScope()
        arts = tuple(replace(x, eid=inner.unique(child_eid(eid, "article", x.number))) for x in b.articles)
        out.append(replace(b, eid=eid, articles=arts))
    return tuple(out)


__all__ = [
    "ALIASES",
    "EidScope",
    "addenda_eid",
    "child_eid",
    "clean_num",
    "identify_addenda",
    "identify_article",
    "identify_articles",
    "slug",
    "version_iri",
]
