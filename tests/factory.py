"""The one keyword factory for model objects, for tests that must not depend on the reader.

Every builder takes keywords with defaults and derives what the reader would derive (element ids,
``Article.text``, ``status``, ``chapter_ordinal``, the version IRI), so a new model field is added
here once and no test breaks.  ``tests/app_factory.py`` and ``tests/report_factory.py`` hold the
Seoul samples built with these.

``article("7", "Committee", "(1) The Mayor shall ...\\n(2) ...")``: lines starting
with ``(1)`` are paragraphs, ``1.`` subparagraphs (children of the paragraph
above, or top level when there is none, as EU-style paragraphs), ``(a)`` items
(children of the provision above, or top-level siblings of a top-level item); any text
before the first label is the lead.  ``Article.text`` is the lead and the
provisions with their labels, one per line, as the reader renders it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.build import article_status, article_text, heading_ordinal
from corpus.ids import (
    addenda_eid,
    child_eid,
    identify_addenda,
    identify_article,
    identify_articles,
    version_iri,
)
from corpus.model import (
    Action,
    AddendaArticle,
    AddendaBlock,
    Amendment,
    Article,
    ArticleStatus,
    Division,
    Document,
    Note,
    ParseWarning,
    Piece,
    PieceKind,
    Provision,
    ProvisionKind,
    SourceText,
    Span,
    Version,
)
from diffing.model import AddendaLink, ChangeKind, Comparison, Pair, Row, TextDiff, UnitRef
from diffing.units import provision_notes

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


# ---------------------------------------------------------------- corpus.model


def piece(kind: PieceKind, source: int, start: int, end: int, owner: str) -> Piece:
    return Piece(kind=kind, span=Span(source=source, start=start, end=end), owner=owner)


def amendment(
    action: Action = "amended",
    number: str | None = None,
    date: str | None = None,
    *,
    instrument: str | None = "Ordinance",
    number_resolved: bool = False,
) -> Amendment:
    return Amendment(
        action=action, instrument=instrument, number=number, date=date, number_resolved=number_resolved
    )


def note(
    raw: str,
    *,
    target: str = "",
    scope: str | None = None,
    events: Sequence[Amendment] = (),
    span: Span = SPAN,
) -> Note:
    """A note; its ``eid`` is given when its article is identified (:func:`make_article`)."""
    where = scope or ("paragraph" if target else "article")
    return Note(raw=raw, span=span, scope=where, target=target, events=tuple(events), eid="")  # type: ignore[arg-type]


def provision(
    label: str,
    text: str,
    *,
    kind: ProvisionKind = "paragraph",
    number: str | None = None,
    notes: Sequence[Note] = (),
    children: Sequence[Provision] = (),
    span: Span = SPAN,
    deleted: bool = False,
) -> Provision:
    """A provision; ``number`` defaults to the label without brackets and dots (``"(2)"`` -> ``"2"``)."""
    return Provision(
        kind=kind,
        label=label,
        number=label.strip("().") if number is None else number,
        text=text,
        notes=tuple(notes),
        children=tuple(children),
        span=span,
        eid="",  # given by identify_article
        deleted=deleted,
    )


def make_article(
    number: str,
    title: str = "",
    *,
    lead: str = "",
    paragraphs: Sequence[Provision] = (),
    notes: Sequence[Note] = (),
    chapter: str | None = None,
    section: str | None = None,
    status: ArticleStatus | None = None,
    text: str | None = None,
    span: Span = SPAN,
) -> Article:
    """An article as the reader builds it: text, status, chapter number and element ids derived."""
    paras = tuple(paragraphs)
    built = Article(
        number=number,
        title=title,
        chapter=chapter,
        section=section,
        chapter_ordinal=heading_ordinal(chapter) if chapter else None,
        lead=lead,
        paragraphs=paras,
        notes=tuple(notes),
        status=status or article_status(lead, paras),
        text=article_text(lead, paras) if text is None else text,
        span=span,
        eid="",
    )
    return identify_article(built, child_eid("", "article", number))


def article(
    number: str, title: str, body: str, chapter: str | None = None, status: ArticleStatus | None = None
) -> Article:
    """An article from its body text (see the module docstring); ``status`` defaults to the reader's."""
    lead_lines: list[str] = []
    top: list[tuple[str, str, ProvisionKind, str, list[Provision]]] = []
    for raw in body.strip().splitlines():
        line = raw.strip()
        m = LABEL_RE.match(line)
        if m is None:
            if top:
                raise ValueError(f"unlabelled line after a provision: {line!r}")
            lead_lines.append(line)
            continue
        label, text = m.group("label"), m.group("text")
        kind: ProvisionKind = "subparagraph" if m.group("sub") else "item"
        if m.group("para"):
            top.append((label, m.group("para"), "paragraph", text, []))
        elif top and ((m.group("item") and top[-1][2] != "item") or top[-1][2] == "paragraph"):
            num = m.group("sub") or m.group("item")
            top[-1][4].append(provision(label, text, kind=kind, number=num))
        else:
            top.append((label, m.group("sub") or m.group("item"), kind, text, []))
    paragraphs = [provision(lb, t, kind=k, number=n, children=ch) for lb, n, k, t, ch in top]
    return make_article(
        number, title, lead=" ".join(lead_lines), paragraphs=paragraphs, chapter=chapter, status=status
    )


def addenda_article(
    number: str, title: str = "", text: str = "", *, omitted: bool = False, span: Span = SPAN
) -> AddendaArticle:
    return AddendaArticle(number=number, title=title, text=text, span=span, eid="", omitted=omitted)


def block(
    number: str | None = None,
    articles: Sequence[AddendaArticle] = (),
    *,
    heading: str = "ADDENDA",
    date: str | None = None,
    text: str | None = None,
    instrument: str | None = None,
    span: Span = SPAN,
) -> AddendaBlock:
    """An addenda block with ids as the reader gives them; ``text`` defaults to its articles' texts."""
    arts = tuple(articles)
    built = AddendaBlock(
        heading=heading,
        instrument=instrument or ("Ordinance" if number else None),
        number=number,
        date=date,
        text="\n".join(a.text for a in arts) if text is None else text,
        articles=arts,
        span=span,
        eid="",
    )
    return identify_addenda([built])[0]


def addenda(number: str | None, articles: list[tuple[str, str, str]], text: str = "") -> AddendaBlock:
    """``addenda("5527", [("1", "Enforcement Date", "This Ordinance ...")])``."""
    return block(number, [addenda_article(n, t, body) for n, t, body in articles], text=text or None)


def make_version(
    articles: Sequence[Article],
    *,
    label: str = "v",
    title: str = "Test Ordinance",
    instrument: str | None = "Ordinance",
    number: str | None = None,
    date: str | None = None,
    addenda: Sequence[AddendaBlock] = (),
    divisions: Sequence[Division] = (),
    warnings: Sequence[ParseWarning] = (),
    whole_amendment: bool = False,
    amendment_kind: str | None = None,
    work: str = "test",
    key: str = "old",
) -> Version:
    """A version; article and addenda ids re-derived over the whole version (repeats get ``_2``)."""
    return Version(
        label=label,
        title=title,
        instrument=instrument,
        number=number,
        date=date,
        whole_amendment=whole_amendment,
        amendment_kind=amendment_kind,
        divisions=tuple(divisions),
        articles=identify_articles(articles),
        addenda=identify_addenda(addenda),
        tables=(),
        warnings=tuple(warnings),
        iri=version_iri(work, number, date, key),
    )


def version(
    articles: list[Article],
    label: str = "v",
    number: str | None = None,
    blocks: tuple[AddendaBlock, ...] = (),
) -> Version:
    return make_version(articles, label=label, number=number, addenda=blocks, key=label)


def make_document(
    old: Version, new: Version, *, name: str = "test", title: str = "Test Ordinance", source: str = "test"
) -> Document:
    return Document(
        name=name, title=title, sources=(SourceText(name=source, text=""),), old=old, new=new, pieces=()
    )


def document(old: list[Article], new: list[Article], **kw: tuple[AddendaBlock, ...]) -> Document:
    ov = version(old, "old", "1", kw.get("old_addenda", ()))
    nv = version(new, "new", "2", kw.get("new_addenda", ()))
    return make_document(ov, nv)


# ---------------------------------------------------------------- diffing.model


def unit(art: Article, p: Provision | None = None, *, notes: Sequence[Note] | None = None) -> UnitRef:
    """The lead of ``art`` (``p`` None) or its provision ``p`` as a comparable unit, ids included."""
    if p is None:
        return UnitRef(
            article=art.number,
            label="",
            text=art.lead.strip(),  # as diffing.units.article_units
            notes=art.notes if notes is None else tuple(notes),
            eid=art.eid,
        )
    return UnitRef(
        article=art.number,
        label=p.label,
        text=f"{p.label} {p.text}".strip(),
        notes=provision_notes(p) if notes is None else tuple(notes),
        eid=p.eid,
    )


def row(old: UnitRef | None, new: UnitRef | None, *, diff: TextDiff, score: float, moved: str = "") -> Row:
    return Row(old=old, new=new, score=score, diff=diff, moved=moved)


def link(
    version: str,
    block_number: str | None,
    article_number: str,
    reason: str = "",
    *,
    eid: str | None = None,
) -> AddendaLink:
    """An addenda link; ``eid`` defaults to the reader's id of that article: ``addenda_5527__art_1``."""
    block_eid = addenda_eid(block_number)
    default = child_eid(block_eid, "article", article_number) if article_number else block_eid
    return AddendaLink(
        version="old" if version == "old" else "new",
        block=block_number,
        article=article_number,
        reason=reason,
        eid=default if eid is None else eid,
    )


def pair(
    olds: Sequence[Article],
    news: Sequence[Article],
    change: ChangeKind,
    score: float,
    rows: Sequence[Row] = (),
    *,
    addenda: Sequence[AddendaLink] = (),
    reason: str = "",
    renumbered: bool | None = None,
    modified: bool | None = None,
) -> Pair:
    """A pair of these articles (numbers and eids from them); flags default as the engine sets them:
    renumbered when no number is kept, modified when both sides exist and a row's words changed."""
    old_numbers, new_numbers = tuple(a.number for a in olds), tuple(a.number for a in news)
    both = bool(olds and news)
    return Pair(
        old=old_numbers,
        new=new_numbers,
        change=change,
        score=score,
        renumbered=both and not set(old_numbers) & set(new_numbers) if renumbered is None else renumbered,
        modified=both and any(r.diff.changed for r in rows) if modified is None else modified,
        rows=tuple(rows),
        addenda=tuple(addenda),
        old_eids=tuple(a.eid for a in olds),
        new_eids=tuple(a.eid for a in news),
        reason=reason,
    )


def comparison(document: Document, pairs: Sequence[Pair], warnings: Sequence[str] = ()) -> Comparison:
    return Comparison(document=document, pairs=tuple(pairs), warnings=tuple(warnings))
