"""Build model objects from plain strings, for tests that must not depend on the reader.

``article("7", "Committee", "(1) The Mayor shall ...\\n(2) ...")``: lines starting
with ``(1)`` are paragraphs, ``1.`` subparagraphs (children of the paragraph
above, or top level when there is none, as EU-style paragraphs), ``(a)`` items
(children of the provision above, or top-level siblings of a top-level item); any text
before the first label is the lead.  ``Article.text`` is the lead and the
provisions with their labels, one per line, as the reader renders it.
"""

from __future__ import annotations

import re

from corpus.build import article_status, article_text, heading_ordinal
from corpus.ids import child_eid, identify_addenda, identify_article, identify_articles, version_iri
from corpus.model import (
    AddendaArticle,
    AddendaBlock,
    Article,
    Document,
    Provision,
    SourceText,
    Span,
    Version,
)

LABEL_RE = re.compile(
    r"""
    ^(?P<label>
        \((?P<para>\d+(?:-\d+)?)\)          # (1)
      | (?P<sub>\d+(?:-\d+)?)\.             # 1.
      | \((?P<item>[a-z])\)                 # (a)
    )\s+(?P<text>.*)$
    """,
    re.VERBOSE,
)

SPAN = Span(source=0, start=0, end=0)


def _provision(label: str, number: str, kind: str, text: str, children: list[Provision]) -> Provision:
    return Provision(
        kind=kind,  # type: ignore[arg-type]
        label=label,
        number=number,
        text=text,
        notes=(),
        children=tuple(children),
        span=SPAN,
        eid="",  # given by identify_article
    )


def article(
    number: str, title: str, body: str, chapter: str | None = None, status: str | None = None
) -> Article:
    """An article as the reader builds it; ``status`` defaults to the reader's (``Deleted.`` -> deleted)."""
    lead_lines: list[str] = []
    top: list[tuple[str, str, str, str, list[Provision]]] = []
    for raw in body.strip().splitlines():
        line = raw.strip()
        m = LABEL_RE.match(line)
        if m is None:
            if top:
                raise ValueError(f"unlabelled line after a provision: {line!r}")
            lead_lines.append(line)
            continue
        label, text = m.group("label"), m.group("text")
        if m.group("para"):
            top.append((label, m.group("para"), "paragraph", text, []))
        elif top and ((m.group("item") and top[-1][2] != "item") or top[-1][2] == "paragraph"):
            num = m.group("sub") or m.group("item")
            kind = "subparagraph" if m.group("sub") else "item"
            top[-1][4].append(_provision(label, num, kind, text, []))
        else:
            num = m.group("sub") or m.group("item")
            kind = "subparagraph" if m.group("sub") else "item"
            top.append((label, num, kind, text, []))
    paragraphs = tuple(_provision(lb, n, k, t, ch) for lb, n, k, t, ch in top)
    lead = " ".join(lead_lines)
    built = Article(
        number=number,
        title=title,
        chapter=chapter,
        section=None,
        chapter_ordinal=heading_ordinal(chapter) if chapter else None,
        lead=lead,
        paragraphs=paragraphs,
        notes=(),
        status=status or article_status(lead, paragraphs),  # type: ignore[arg-type]
        text=article_text(lead, paragraphs),
        span=SPAN,
        eid="",
    )
    return identify_article(built, child_eid("", "article", number))


def addenda(number: str | None, articles: list[tuple[str, str, str]], text: str = "") -> AddendaBlock:
    arts = tuple(AddendaArticle(number=n, title=t, text=body, span=SPAN, eid="") for n, t, body in articles)
    body = text or "\n".join(a.text for a in arts)
    block = AddendaBlock(
        heading="ADDENDA",
        instrument="Ordinance" if number else None,
        number=number,
        date=None,
        text=body,
        articles=arts,
        span=SPAN,
        eid="",
    )
    return identify_addenda([block])[0]


def version(
    articles: list[Article],
    label: str = "v",
    number: str | None = None,
    blocks: tuple[AddendaBlock, ...] = (),
) -> Version:
    return Version(
        label=label,
        title="Test Ordinance",
        instrument="Ordinance",
        number=number,
        date=None,
        whole_amendment=False,
        amendment_kind=None,
        divisions=(),
        articles=identify_articles(articles),
        addenda=identify_addenda(blocks),
        tables=(),
        warnings=(),
        iri=version_iri("test", number, None, label),
    )


def document(old: list[Article], new: list[Article], **kw: tuple[AddendaBlock, ...]) -> Document:
    ov = version(old, "old", "1", kw.get("old_addenda", ()))
    nv = version(new, "new", "2", kw.get("new_addenda", ()))
    return Document(
        name="test",
        title="Test Ordinance",
        sources=(SourceText(name="test", text=""),),
        old=ov,
        new=nv,
        pieces=(),
    )
