"""Comparable units of an article: its lead and each top-level provision.

A unit's text is the provision label, its text and its children (one per
line), notes excluded: exactly what a reader sees of that paragraph.  Units
also carry their case-folded word IDs for the aligner.
"""

from __future__ import annotations

from corpus.model import Article, Note, Provision, provision_text
from diffing.model import UnitRef


def provision_notes(p: Provision) -> tuple[Note, ...]:
    out: list[Note] = list(p.notes)
    for c in p.children:
        out.extend(provision_notes(c))
    return tuple(out)


def article_units(article: Article) -> tuple[UnitRef, ...]:
    """The lead (when it has text, or when there is nothing else) and each top-level provision.

    Article-level notes go with the lead, or with the first provision when the
    article has no lead text.
    """
    units: list[UnitRef] = []
    has_lead = bool(article.lead.strip()) or not article.paragraphs
    if has_lead:
        units.append(
            UnitRef(
                article=article.number,
                label="",
                text=article.lead.strip(),
                notes=article.notes,
                eid=article.eid,
            )
        )
    for k, p in enumerate(article.paragraphs):
        notes = provision_notes(p)
        if k == 0 and not has_lead:
            notes = article.notes + notes
        units.append(
            UnitRef(article=article.number, label=p.label, text=provision_text(p), notes=notes, eid=p.eid)
        )
    return tuple(units)


def is_placeholder(article: Article) -> bool:
    """True for a repealed article kept as a placeholder ("Article 5 Deleted."): the reader's ``status``."""
    return article.status != "in_force"


def unit_name(unit: UnitRef, article: Article | None = None) -> str:
    """Human reference such as ``Article 8 (4)`` or ``Article 8``.

    Given the unit's article, the article is named as its document prints it
    (``Article.display_label``): ``제8조 ③`` in a Korean text, ``Article 24 bis (2)``.
    """
    name = article.display_label if article is not None else f"Article {unit.article}"
    return f"{name} {unit.label}".strip()
