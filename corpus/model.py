"""The typed model shared by every stage: reader -> diffing -> views.

All classes are frozen dataclasses with tuple children.  Every node that comes
from the source carries a :class:`Span` (which source file, start, end
character offsets), so any view can point back at the exact text.

Conservation: the reader also returns ``Document.pieces``, a flat partition of
every non-whitespace character of every source into labelled pieces (chrome,
header, division, heading, text, note, addenda, table, unparsed).  Nothing is
dropped silently: text the reader cannot place goes to an ``unparsed`` piece
and a warning.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args, overload

# ---------------------------------------------------------------- basics

PieceKind = Literal[
    "chrome",  # site navigation, breadcrumbs, bullet lines
    "header",  # the title and version metadata lines
    "division",  # CHAPTER / SECTION / PART / TITLE headings
    "preamble",  # a preamble ("전문", recitals) before the first article
    "heading",  # "Article 7 (Committee)"
    "text",  # provision text (article lead, paragraph, subparagraph, item)
    "label",  # "(1)", "1.", "(a)" labels of provisions
    "note",  # amendment / editorial notes <...> and [...]
    "addenda",  # everything inside an ADDENDA block (heading, articles, text)
    "table",  # attached-table titles
    "unparsed",  # anything else: kept, warned about
]

Action = Literal[
    "amended",
    "inserted",  # newly inserted / added
    "wholly_amended",
    "deleted",
    "title_amended",
    "enforcement",  # [Enforcement Date: ...] notes
    "moved",  # [제5조에서 이동 <...>] / [종전 제5조는 제6조로 이동 <...>] / [Moved from Article 5 ...]
    "other",
]

ProvisionKind = Literal["paragraph", "subparagraph", "item", "subitem", "subsubitem"]  # ① 1. 가. 1) 가)
ArticleStatus = Literal["in_force", "deleted", "omitted"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """Half-open character range ``[start, end)`` in ``Document.sources[source]``."""

    source: int
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceText:
    """One input file, decoded.  ``name`` is a display name (file name or corpus path).

    ``warnings`` are the decoder's (bytes replaced, encoding guessed); their spans use source 0 and the
    reader moves them to this source's index in ``Document.sources``.
    """

    name: str
    text: str
    encoding: str = "utf-8"
    warnings: tuple[ParseWarning, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Piece:
    """A labelled slice of a source; ``owner`` is the version key and the element id, ``old/art_7__para_3``.

    Pieces outside any element are owned by ``chrome``, ``header``, ``unparsed``, ``old/division``,
    ``old/table``."""

    kind: PieceKind
    span: Span
    owner: str


PIECE_KINDS: tuple[PieceKind, ...] = get_args(PieceKind)
PIECE_KIND_INDEX: dict[str, int] = {k: i for i, k in enumerate(PIECE_KINDS)}  # a kind's int in a row
PIECE_ROW = 5  # ints per piece in :class:`Pieces`: kind index, source, start, end, key index


class Pieces(Sequence[Piece]):
    """``Document.pieces``: an immutable sequence of :class:`Piece`, stored as rows of ints.

    A read document has a piece for every run of text (150,000 for a 2,000-article pair); as objects
    (a Piece, its Span and their ints) they took four times the memory of these rows.  Each
    :class:`Piece` is made when it is asked for, equal to the one stored.  ``rows`` holds
    :data:`PIECE_ROW` ints per piece: the index of its kind in :data:`PIECE_KINDS`, its span's
    source, start and end, and the index in ``keys`` of its owner's prefix; ``names`` the rest of
    each owner: the owner is ``f"{keys[k]}/{name}"``, or ``name`` alone for the prefix ``""``
    (``chrome``, ``header``, ``unparsed``).  ``order`` lists the rows in sequence order (the rows
    as given when it is None), so that the reader sorts the pieces without moving them.
    """

    __slots__ = ("_keys", "_names", "_order", "_rows")

    def __init__(
        self, rows: array[int], names: Sequence[str], keys: Sequence[str], order: array[int] | None = None
    ) -> None:
        if len(rows) != PIECE_ROW * len(names):
            raise ValueError(f"{len(rows)} ints for {len(names)} pieces")
        if order is not None and len(order) != len(names):
            raise ValueError(f"an order of {len(order)} rows for {len(names)} pieces")
        self._rows = rows
        self._names = tuple(names)
        self._keys = tuple(keys)
        self._order = order

    @classmethod
    def of(cls, pieces: Sequence[Piece]) -> Pieces:
        """The same pieces, stored as rows."""
        rows: array[int] = array("q")
        keys: dict[str, int] = {"": 0}
        names = []
        for p in pieces:
            key, slash, name = p.owner.partition("/")
            if not slash or not key:
                key, name = "", p.owner
            k = keys.setdefault(key, len(keys))
            rows.extend((PIECE_KIND_INDEX[p.kind], p.span.source, p.span.start, p.span.end, k))
            names.append(name)
        return cls(rows, names, tuple(keys))

    def __len__(self) -> int:
        return len(self._names)

    def _piece(self, i: int) -> Piece:
        row = i if self._order is None else self._order[i]
        kind, source, start, end, key = self._rows[PIECE_ROW * row : PIECE_ROW * row + PIECE_ROW]
        name = self._names[row]
        return Piece(
            kind=PIECE_KINDS[kind],
            span=Span(source=source, start=start, end=end),
            owner=f"{self._keys[key]}/{name}" if key else name,
        )

    @overload
    def __getitem__(self, index: int) -> Piece: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Piece, ...]: ...

    def __getitem__(self, index: int | slice) -> Piece | tuple[Piece, ...]:
        if isinstance(index, slice):
            return tuple(self._piece(i) for i in range(*index.indices(len(self))))
        n = len(self)
        if not -n <= index < n:
            raise IndexError("piece index out of range")
        return self._piece(index % n if index < 0 else index)

    def __iter__(self) -> Iterator[Piece]:
        return (self._piece(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Pieces):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=False))
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Pieces({len(self)} pieces)"


@dataclass(frozen=True, slots=True, kw_only=True)
class ParseWarning:
    """Something the reader could not read as expected, with where it is."""

    code: str  # short machine code, e.g. "unparsed-line", "numbering-gap"
    message: str  # one human sentence
    span: Span | None = None


# ---------------------------------------------------------------- notes


@dataclass(frozen=True, slots=True, kw_only=True)
class Amendment:
    """One amending instrument named in a note.

    ``number`` is the ordinance/act number as printed (``"5527"``) or ``None``
    when the note gives none; ``number_resolved`` is True when the number was
    not in the note but taken from the addenda block of the same date.
    """

    action: Action
    instrument: str | None  # "Ordinance", "Act", or None
    number: str | None
    date: str | None  # ISO YYYY-MM-DD
    number_resolved: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """One bracketed note, e.g. ``<Amended by Ordinance No. 5527, Aug. 1, 2013; ...>``.

    A note is metadata: its text is never part of a provision's ``text``.
    ``scope`` names the kind of node it annotates and ``eid`` its element id
    (``art_7`` for the article itself or its title, ``art_7__para_2``);
    ``target`` is the label path inside the article, for display only
    (``""`` for the article itself, ``"(2)"``, ``"(1) 1.-3."``).
    """

    raw: str
    span: Span
    scope: Literal[
        "article", "title", "paragraph", "subparagraph", "item", "subitem", "subsubitem", "addenda"
    ]
    target: str
    events: tuple[Amendment, ...]
    eid: str


# ---------------------------------------------------------------- structure


def provision_text(p: Provision) -> str:
    """Label, text and children of a provision, one provision per line, notes excluded: what a reader sees."""
    head = f"{p.label} {p.text}".strip() if p.text else p.label
    lines = [head, *(provision_text(c) for c in p.children)]
    return "\n".join(line for line in lines if line)


def article_heading(number: str, title: str) -> str:
    """``Article 5-2 (Title)``, or ``Article 5-2`` when there is no title: how every view names an article."""
    return f"Article {number} ({title})" if title else f"Article {number}"


def korean_label(number: str) -> str:
    """``5-2`` -> ``제5조의2``: a canonical article number in the Korean style."""
    major, _, branch = number.partition("-")
    return f"제{major}조의{branch}" if branch else f"제{major}조"


def labelled_heading(label: str, title: str) -> str:
    """The heading in the document's own style: ``제5조의2(정보화계획의 반영)``, ``Article 24 bis (Scope)``,
    ``§ 7 (Committee)``; the label alone when there is no title."""
    if not title:
        return label
    return f"{label}({title})" if label.startswith("제") else f"{label} ({title})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Provision:
    """A paragraph ``(1)``/``1.``, subparagraph ``1.`` or item ``(a)``/``a.``.

    ``label`` is as printed (``"(1)"``, ``"2-2."``, ``"1. through 3."``);
    ``number`` is normalised (``"1"``, ``"2-2"``, ``"1-3"`` for a range,
    ``"a"``).  ``text`` excludes the label and all notes.  ``eid`` is the
    element id, unique within the version (``art_7__para_3__subpara_2__point_a``,
    see :mod:`corpus.ids`).
    """

    kind: ProvisionKind
    label: str
    number: str
    text: str
    notes: tuple[Note, ...]
    children: tuple[Provision, ...]
    span: Span
    eid: str
    deleted: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Division:
    """A CHAPTER / SECTION / Sub-Section / PART / TITLE heading (TITRE / CHAPITRE, 편 / 장 / 절 / 관)."""

    kind: Literal["chapter", "section", "subsection", "part", "title"]
    number: str  # as printed: "I", "Ⅱ", "3"
    ordinal: int | None  # numeric value of ``number`` when known
    title: str
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A body article.

    ``lead`` is the text between the heading and the first provision;
    ``text`` is the whole body (lead and provisions with their labels, one per
    line) without notes — what diffs compare.  ``notes`` holds the notes that
    annotate the article as a whole, its title or its lead; notes on a
    provision sit on that provision.  ``eid`` is the element id, unique within
    the version: ``art_5-2``, a repeated number ``art_7_2`` (see :mod:`corpus.ids`).
    """

    number: str  # "5", "5-2", "24a"
    title: str
    chapter: str | None  # e.g. "CHAPTER II SYSTEM OF POLICY FORMULATION AND PROMOTION"
    section: str | None
    chapter_ordinal: int | None  # the chapter's number as the reader read it (Division.ordinal): 2
    lead: str
    paragraphs: tuple[Provision, ...]
    notes: tuple[Note, ...]
    status: ArticleStatus
    text: str
    span: Span
    eid: str
    label: str = ""  # as printed in the source's style: "Article 24 bis", "제5조의2", "§ 7", "Art. 7"
    moved_from: str | None = None  # canonical number a move marker says this article had before

    @property
    def heading(self) -> str:
        return article_heading(self.number, self.title)

    @property
    def display_label(self) -> str:
        """``label``, or ``Article N`` for an article built without one."""
        return self.label or f"Article {self.number}"

    @property
    def styled_heading(self) -> str:
        """The heading in the document's own style: ``제5조의2(정보화계획의 반영)``, ``Art. 7 (Scope)``."""
        return labelled_heading(self.display_label, self.title)

    def all_notes(self) -> tuple[Note, ...]:
        """Article notes followed by every provision note, in document order."""
        out: list[Note] = list(self.notes)
        stack = list(reversed(self.paragraphs))  # provisions in document order (no nested function:
        while stack:  # one that calls itself is a reference cycle per call, left to the cyclic collector)
            p = stack.pop()
            out.extend(p.notes)
            stack.extend(reversed(p.children))
        return tuple(sorted(out, key=lambda n: (n.span.source, n.span.start)))


@dataclass(frozen=True, slots=True, kw_only=True)
class AddendaArticle:
    """An article of an addenda block; ``eid`` is ``addenda_6487__art_1`` (the block's eid, then its own)."""

    number: str
    title: str
    text: str
    span: Span
    eid: str
    omitted: bool = False
    label: str = ""  # "제1조" / "Article 1", in the style of the block

    @property
    def heading(self) -> str:
        return article_heading(self.number, self.title)

    @property
    def styled_heading(self) -> str:
        """``제1조(시행일)`` in a Korean block, ``Article 1 (Enforcement Date)`` otherwise."""
        return labelled_heading(self.label or f"Article {self.number}", self.title)


@dataclass(frozen=True, slots=True, kw_only=True)
class AddendaBlock:
    """``ADDENDA`` / ``ADDENDUM <Ordinance No. 6487, May 18, 2017>`` and its body."""

    heading: str  # as printed
    instrument: str | None
    number: str | None  # "6487", or None for the block of the version itself
    date: str | None  # ISO
    text: str  # whole body text of the block (articles included), notes excluded
    articles: tuple[AddendaArticle, ...]
    span: Span
    eid: str  # "addenda_6487"; "addenda" for a block that names no number


@dataclass(frozen=True, slots=True, kw_only=True)
class AttachedTable:
    """An attached table or form (``[별표 1]``, ``[Attached Table 1]``) named in a version."""

    title: str
    article: str | None  # the related article number, e.g. "31"
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Preamble:
    """The text before the first article: ``전문`` of a constitution, an EU act's citations and recitals."""

    heading: str  # the heading line as printed ("전문", "Whereas:"), "" when the text opens without one
    text: str  # the lines, one per line, stripped
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Version:
    """One version of the text (old or new).

    ``iri`` identifies the version FRBR-style (``/akn/seoul-informatization/6851@2018-03-22``:
    work, expression ``number@date``); :meth:`element_iri` adds an element's eid as the portion.
    """

    label: str  # short display label, e.g. "No. 6851 (2018-03-22)"
    title: str
    instrument: str | None  # "Ordinance" / "Act"
    number: str | None  # "6851"
    date: str | None  # ISO
    whole_amendment: bool
    amendment_kind: str | None  # as printed, e.g. "Amendment of Other Laws"
    divisions: tuple[Division, ...]
    articles: tuple[Article, ...]
    addenda: tuple[AddendaBlock, ...]
    tables: tuple[AttachedTable, ...]
    warnings: tuple[ParseWarning, ...]
    iri: str
    preamble: Preamble | None = None

    def article(self, number: str) -> Article | None:
        """The first article printed with ``number`` (a number a person gives; code uses :meth:`by_eid`)."""
        for a in self.articles:
            if a.number == number:
                return a
        return None

    def by_eid(self, eid: str) -> Article | None:
        """The article with this element id (ids are unique within a version)."""
        for a in self.articles:
            if a.eid == eid:
                return a
        return None

    def element(self, eid: str) -> Article | Provision | AddendaBlock | AddendaArticle | None:
        """The article, provision, addenda block or addenda article with this element id."""
        head = eid.split("__", 1)[0]
        for a in self.articles:
            if a.eid == head:
                return a if a.eid == eid else _provision_in(a.paragraphs, eid)
        for b in self.addenda:
            if b.eid == head:
                return b if b.eid == eid else next((x for x in b.articles if x.eid == eid), None)
        return None

    def element_iri(self, eid: str) -> str:
        """``/akn/seoul-informatization/6851@2018-03-22/~art_7__para_1``."""
        return f"{self.iri}/~{eid}"


# ---------------------------------------------------------------- fast construction
#
# The reader makes a Span and a Provision for every provision (67,000 of each for a 2,000-article
# pair).  A frozen dataclass's __init__ sets each field through object.__setattr__; setting the
# slots through their descriptors makes the same object in a third of the time.  Each function
# sets every field of its class (tests check they equal the dataclass's own construction).

_new = object.__new__
_SPAN_SOURCE, _SPAN_START, _SPAN_END = (Span.__dict__[f].__set__ for f in ("source", "start", "end"))
_PROVISION_SETTERS = tuple(
    Provision.__dict__[f].__set__
    for f in ("kind", "label", "number", "text", "notes", "children", "span", "eid", "deleted")
)


def fast_span(source: int, start: int, end: int) -> Span:
    """``Span(source=source, start=start, end=end)``, made faster."""
    span = _new(Span)
    _SPAN_SOURCE(span, source)
    _SPAN_START(span, start)
    _SPAN_END(span, end)
    return span


def fast_provision(
    kind: ProvisionKind,
    label: str,
    number: str,
    text: str,
    notes: tuple[Note, ...],
    children: tuple[Provision, ...],
    span: Span,
    eid: str,
    deleted: bool,
) -> Provision:
    """``Provision(kind=kind, label=label, ...)`` with every field given, made faster."""
    p = _new(Provision)
    set_kind, set_label, set_number, set_text, set_notes, set_children, set_span, set_eid, set_deleted = (
        _PROVISION_SETTERS
    )
    set_kind(p, kind)
    set_label(p, label)
    set_number(p, number)
    set_text(p, text)
    set_notes(p, notes)
    set_children(p, children)
    set_span(p, span)
    set_eid(p, eid)
    set_deleted(p, deleted)
    return p


def _provision_in(ps: tuple[Provision, ...], eid: str) -> Provision | None:
    for p in ps:
        if p.eid == eid:
            return p
        if eid.startswith(p.eid + "__"):
            return _provision_in(p.children, eid)
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """The result of reading one combined page or an old/new file pair."""

    name: str
    title: str
    sources: tuple[SourceText, ...]
    old: Version
    new: Version
    pieces: Sequence[Piece]  # a tuple, or the reader's compact :class:`Pieces`
    warnings: tuple[ParseWarning, ...] = field(default=())

    @property
    def versions(self) -> tuple[Version, Version]:
        return (self.old, self.new)

    def text_of(self, span: Span) -> str:
        return self.sources[span.source].text[span.start : span.end]
