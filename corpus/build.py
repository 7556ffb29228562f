"""Lexed units -> model nodes (articles with provisions and notes, addenda blocks).

Every builder records a :class:`Piece` in the :class:`PieceSink` for each
run of characters it consumes, so the reader can check that nothing was dropped.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from sys import intern
from typing import NamedTuple

from corpus.ids import EidScope, addenda_eid, child_eid
from corpus.lexer import (
    AddendaUnit,
    ArticleUnit,
    DivisionLine,
    Head,
    Line,
    heading_at,
    is_plain_title,
    range_numbers,
)
from corpus.model import (
    PIECE_KIND_INDEX,
    AddendaArticle,
    AddendaBlock,
    Amendment,
    Article,
    ArticleStatus,
    Division,
    Note,
    ParseWarning,
    PieceKind,
    Provision,
    ProvisionKind,
    Span,
    fast_provision,
    fast_span,
    korean_label,
    provision_text,
)
from corpus.notes import ParsedNote, find_date, notes_in
from corpus.patterns import (
    ARTICLE_RANGE,
    DIVISION,
    INSTRUMENT_REF,
    ITEM_LABEL,
    PARAGRAPH_LABEL,
    RANGE_LABEL,
    STATUS,
    STATUS_VALUES,
    SUB_LABEL,
    SUBITEM_LABEL,
    TYPO_LABEL,
    division_kind_number,
    instrument_of,
    range_ends,
)

Resolver = Callable[[Amendment], Amendment]

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_UNICODE_ROMAN = {chr(0x2160 + k): k + 1 for k in range(12)}


def numeral_value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if all(ch in _UNICODE_ROMAN for ch in text):
        return sum(_UNICODE_ROMAN[ch] for ch in text)
    if all(ch in _ROMAN for ch in text):
        total = 0
        for a, b in zip(text, text[1:] + " ", strict=True):
            v = _ROMAN[a]
            total += -v if b in _ROMAN and _ROMAN[b] > v else v
        return total
    return None


def circled_value(ch: str) -> int:
    """① -> 1 ... ⑳ -> 20, ㉑ -> 21 ... ㉟ -> 35."""
    code = ord(ch)
    return code - 0x2460 + 1 if code <= 0x2473 else code - 0x3251 + 21


def numeral_style(text: str) -> str:
    if text.isdigit():
        return "arabic"
    if all(ch in _UNICODE_ROMAN for ch in text):
        return "unicode-roman"
    return "roman"


@dataclass(slots=True)
class PieceSink:
    """Collects pieces as rows of :class:`corpus.model.Pieces`; spans are trimmed of surrounding
    whitespace, empty ones dropped.

    A piece's owner is given as ``name`` and ``key``: ``f"{key}/{name}"`` (``old/art_7__para_2``,
    ``new/division``), or ``name`` alone when ``key`` is ``""`` (``chrome``); ``name`` is most often
    an element id the model keeps anyway, so the pieces hold no owner strings of their own."""

    rows: array[int] = field(default_factory=lambda: array("q"))
    names: list[str] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=lambda: {"": 0})

    def key_index(self, key: str) -> int:
        """The index of ``key`` among the owner prefixes (``""`` is 0)."""
        keys = self.keys
        k = keys.get(key)
        if k is None:
            k = keys[key] = len(keys)
        return k

    def add(self, kind: PieceKind, line: Line, start: int, end: int, name: str, key: str = "") -> None:
        text = line.text
        if start < end and (text[start].isspace() or text[end - 1].isspace()):
            run = text[start:end]  # str.strip() drops exactly the characters isspace() names
            start += len(run) - len(run.lstrip())
            end = start + len(run.strip())
        if start < end:
            base = line.start
            k = self.key_index(key)
            self.rows.extend((PIECE_KIND_INDEX[kind], line.source, base + start, base + end, k))
            self.names.append(name)

    def add_span(self, kind: PieceKind, source: int, start: int, end: int, name: str, key: str = "") -> None:
        """A piece of ``[start, end)`` in source ``source``, as it is (not trimmed)."""
        self.rows.extend((PIECE_KIND_INDEX[kind], source, start, end, self.key_index(key)))
        self.names.append(name)

    def add_text(self, line: Line, start: int, end: int, name: str, key: str = "") -> str:
        """As :meth:`add` for a ``text`` piece, returning the piece's text (``""``: nothing was added)."""
        run = line.text[start:end]
        piece = run.strip()
        if piece:
            start += line.start + len(run) - len(run.lstrip())
            k = self.key_index(key)
            self.rows.extend((_TEXT, line.source, start, start + len(piece), k))
            self.names.append(name)
        return piece


_TEXT = PIECE_KIND_INDEX["text"]
_LABEL = PIECE_KIND_INDEX["label"]


# ---------------------------------------------------------------- divisions


def heading_ordinal(text: str) -> int | None:
    """The number of a division heading as printed (``"CHAPTER Ⅱ POLICY"`` -> 2), as ``Division.ordinal``."""
    m = DIVISION.match(text)
    return numeral_value(division_kind_number(m)[1]) if m is not None else None


def build_division(d: DivisionLine, sink: PieceSink, key: str) -> Division:
    """A division heading; its pieces are owned by ``{key}/division``."""
    m = d.match
    kind, number = division_kind_number(m)
    title = d.line.text[m.end() : d.title_end].strip()
    sink.add("division", d.line, m.start(), d.title_end, "division", key)
    if d.title_line is not None:
        title = d.title_line.text.strip()
        sink.add("division", d.title_line, 0, len(d.title_line.text), "division", key)
    end = d.title_line.end if d.title_line is not None else d.line.start + d.title_end
    return Division(
        kind=kind,  # type: ignore[arg-type]
        number=number,
        ordinal=numeral_value(number),
        title=title,
        span=Span(source=d.line.source, start=d.line.start + m.start(), end=end),
    )


def division_text(d: DivisionLine) -> str:
    """The division heading as printed: ``CHAPTER Ⅱ FORMULATION ...`` / ``제2장 정보화 정책``."""
    printed = d.line.text[d.match.start() : d.title_end].strip()
    if d.title_line is not None:
        printed = f"{printed} {d.title_line.text.strip()}"
    return " ".join(printed.split())


# ---------------------------------------------------------------- provisions


class _Node:
    """A provision while its article is built (mutable; frozen into a :class:`Provision`).

    A plain class with slots: one is made per provision, and a dataclass's generated ``__init__``
    (defaults, ``__post_init__``) costs twice as much."""

    __slots__ = ("children", "eid", "end", "kind", "label", "notes", "number", "parent", "parts", "start")

    def __init__(
        self, kind: ProvisionKind, label: str, number: str, start: int, parent: _Node | None, eid: str
    ) -> None:
        self.kind = kind
        self.label = label
        self.number = number
        self.start = start
        self.end = 0
        self.parent = parent
        self.parts: list[str] = []  # the text pieces of the provision, never empty ones
        self.notes: list[Note] = []
        self.children: list[_Node] = []
        self.eid = eid  # "art_7__para_1__subpara_2__point_a" (corpus.ids)

    @property
    def target(self) -> str:
        """``"(1) 2 a"``: the label path from the article, for displaying note targets."""
        part = _path_part(self)
        return part if self.parent is None else f"{self.parent.target} {part}"

    def freeze(self, source: int) -> tuple[Provision, str]:
        """The provision and its :func:`corpus.model.provision_text`, built from the children's."""
        text = " ".join(self.parts)
        label = self.label
        head = f"{label} {text}".strip() if text else label
        if self.children:
            shown = [head] if head else []
            children = []
            for c in self.children:
                child, child_shown = c.freeze(source)
                children.append(child)
                if child_shown:
                    shown.append(child_shown)
            kids = tuple(children)
            whole = "\n".join(shown)
        else:
            kids, whole = (), head
        provision = fast_provision(
            self.kind,
            label,
            self.number,
            text,
            tuple(self.notes) if self.notes else (),
            kids,
            fast_span(source, self.start, self.end),
            self.eid,
            text[:1] in "D삭" and text.rstrip(".").strip() in ("Deleted", "삭제"),  # text[:1]: no copy
        )
        return provision, whole


def _path_part(node: _Node) -> str:
    """A node in a note target: ``(2)`` or ``②`` for paragraphs, else its number."""
    return node.label if node.kind == "paragraph" and not node.label.endswith(".") else node.number


class _Label(NamedTuple):
    """A provision label found at the start of a content line (a NamedTuple: one is made per line)."""

    kind: ProvisionKind
    label: str
    number: str
    end: int  # end of the label in the stripped text


def find_label(text: str, eu_style: bool) -> _Label | None:
    """The provision label at the start of ``text`` (already left-stripped), if any.

    RANGE_LABEL, TYPO_LABEL and SUB_LABEL start with ``\\d`` (a decimal digit: ``isdecimal()``, not
    ``isdigit()``, which ``①`` also passes), PARAGRAPH_LABEL and ITEM_LABEL never do: the first
    character picks which patterns to try (in the same order of precedence)."""
    if text[:1].isdecimal():
        m = RANGE_LABEL.match(text)
        if m:
            return _Label("subparagraph", m.group(0), f"{m['first']}-{m['last']}", m.end())
        m = TYPO_LABEL.match(text) or SUB_LABEL.match(text)
        if m:
            kind: ProvisionKind = "paragraph" if eu_style else "subparagraph"
            return _Label(kind, m.group(0), m["number"].replace("의", "-"), m.end())
        m = SUBITEM_LABEL.match(text)
        if m:
            return _Label("subitem", m.group(0), m["number"], m.end())
        return None
    m = PARAGRAPH_LABEL.match(text)
    if m:
        number = m["number"] or str(circled_value(m["circled"]))
        return _Label("paragraph", m.group(0), number, m.end())
    m = ITEM_LABEL.match(text)
    if m:
        return _Label("item", m.group(0), m["paren"] or m["dot"] or m["hangul"] or m["close"], m.end())
    m = SUBITEM_LABEL.match(text)
    if m:
        return _Label("subsubitem", m.group(0), m["hangul"], m.end())
    return None


_RANK = {"paragraph": 0, "subparagraph": 1, "item": 2, "subitem": 3, "subsubitem": 4}  # outermost first


def _parent_for(kind: ProvisionKind, stack: list[_Node]) -> _Node | None:
    """The open node a new provision of ``kind`` hangs under (stack: innermost last)."""
    rank = _RANK
    while stack and rank[stack[-1].kind] >= rank[kind]:
        stack.pop()
    return stack[-1] if stack else None


_ROMAN_POINTS = frozenset(
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
)


def _open_parent(label: _Label, stack: list[_Node]) -> _Node | None:
    """As :func:`_parent_for`, but EU sub-points ``(i) (ii)`` nest under the open point ``(b)``.

    ``(i)`` right after ``(h)`` is the letter i, not a sub-point.
    """
    top = stack[-1] if stack else None
    if (
        label.kind == "item"
        and (label.label.startswith("(") or label.label.endswith(")"))
        and label.number in _ROMAN_POINTS
        and top is not None
    ):
        if top.kind == "item" and top.parent is not None and top.parent.kind == "item":
            stack.pop()  # a further sub-point: sibling of the open one
            return top.parent
        follows = len(top.number) == 1 and len(label.number) == 1 and ord(label.number) == ord(top.number) + 1
        if top.kind == "item" and not follows:
            return top
    return _parent_for(label.kind, stack)


# ---------------------------------------------------------------- articles


class BuiltArticle(NamedTuple):
    """A built article with the dates of its notes and the warnings raised building it."""

    article: Article
    note_dates: tuple[str, ...]
    warnings: tuple[ParseWarning, ...] = ()


def _content_lines(unit: ArticleUnit) -> tuple[Line | None, list[tuple[Line, int]]]:
    """(the EU-style title line if any, content lines with the offset where their content starts)."""
    head_rest = unit.line.text[unit.head.end :]
    body = list(unit.body)
    title_line = None
    if unit.title is None and not head_rest.strip() and body and is_plain_title(body[0]):
        title_line = body.pop(0)
    lines: list[tuple[Line, int]] = []
    if head_rest.strip():
        lines.append((unit.line, unit.head.end))
    lines.extend((ln, 0) for ln in body if ln.text and not ln.text.isspace())  # not blank
    return title_line, [(ln, off + _lstrip_count(ln.text, off)) for ln, off in lines]


def _note(pn: ParsedNote, line: Line, scope: str, target: str, eid: str, resolve: Resolver) -> Note:
    return Note(
        raw=pn.raw,
        span=Span(source=line.source, start=line.start + pn.start, end=line.start + pn.end),
        scope=scope,  # type: ignore[arg-type]
        target=target,
        events=tuple(resolve(e) for e in pn.events),
        eid=eid,
    )


def _notes_from(text: str, off: int) -> list[ParsedNote]:
    """The notes of ``text[off:]``, with offsets in ``text``."""
    found = notes_in(text[off:] if off else text)
    if not off:
        return list(found)
    return [ParsedNote(n.start + off, n.end + off, n.raw, n.subject, n.events) for n in found]


def _only_notes(text: str, notes: list[ParsedNote]) -> bool:
    """Nothing but whitespace outside the notes (``notes`` non-empty, in order, from offset 0)."""
    return not any(text[a:b].strip() for a, b in _text_between_notes(text, 0, notes))


def _text_between_notes(text: str, start: int, notes: list[ParsedNote]) -> list[tuple[int, int]]:
    """Runs of ``text[start:]`` outside the notes (offsets in ``text``)."""
    runs = []
    pos = start
    for pn in notes:
        if pn.start >= pos:
            runs.append((pos, pn.start))
            pos = pn.end
    runs.append((pos, len(text)))
    return runs


@dataclass(slots=True)
class _ArticleBuilder:
    """Consumes an article's content lines one by one: lead, provision tree, notes, pieces.

    ``eid`` is the article's element id, ``key`` the version key; pieces are owned by
    ``{key}/{eid of their node}``; ``ids`` makes the provision ids unique within the article."""

    unit: ArticleUnit
    key: str
    eid: str
    eu_style: bool
    sink: PieceSink
    resolve: Resolver
    lead_parts: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    top: list[_Node] = field(default_factory=list)
    stack: list[_Node] = field(default_factory=list)
    current: _Node | None = None
    dates: list[str] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    ids: EidScope = field(default_factory=EidScope)
    key_index: int = 0  # the sink's index of ``key``

    def __post_init__(self) -> None:
        self.key_index = self.sink.key_index(self.key)

    def owner(self, node: _Node | None) -> str:
        """The owner of pieces of ``node`` (the article for None), after ``{key}/``: its eid."""
        return self.eid if node is None else node.eid

    moved_from: str | None = None  # from a move marker on the article

    def line(self, line: Line, off: int, label: _Label | None) -> None:
        """One content line; ``label`` is :func:`find_label` of its content, not EU style."""
        text = line.text
        if "<" in text or "[" in text:  # else no note (as notes_in says), the common case below
            notes = _notes_from(text, off)
            if notes:
                self._noted_line(line, off, label, notes)
                return
        body_start = self._label(line, off, label)
        node = self.current
        # the text piece, as PieceSink.add_text records it: the first non-space character of
        # text[body_start:] is the first occurrence of that character from there, and the piece
        # ends where the line does, trailing spaces aside
        piece = text[body_start:].strip()
        if piece:
            start = line.start + text.find(piece[0], body_start)
            self.sink.rows.extend((_TEXT, line.source, start, start + len(piece), self.key_index))
            if node is None:
                self.sink.names.append(self.eid)
                self.lead_parts.append(piece)
            else:
                self.sink.names.append(node.eid)
                node.parts.append(piece)
                node.end = start + len(piece)
        elif node is not None:
            node.end = line.start + len(text.rstrip())

    def _noted_line(self, line: Line, off: int, label: _Label | None, notes: list[ParsedNote]) -> None:
        """A content line with notes: the text between them, and each note on its node."""
        self.dates.extend(e.date for n in notes for e in n.events if e.date)
        self.warnings.extend(_note_warning(n, line, self.unit.number) for n in notes if not n.complete)
        if off == 0 and _only_notes(line.text, notes):
            self._own_line_notes(line, notes)
            return
        body_start = self._label(line, off, label)
        node = self.current
        node_owner = self.owner(node)
        parts = node.parts if node is not None else self.lead_parts
        sink, key = self.sink, self.key
        for a, b in _text_between_notes(line.text, body_start, notes):
            piece = sink.add_text(line, a, b, node_owner, key)
            if piece:
                parts.append(piece)
        for pn in notes:
            sink.add("note", line, pn.start, pn.end, node_owner, key)
            self._attach(pn, line)
        if node is not None:
            node.end = line.start + len(line.text.rstrip())

    def _own_line_notes(self, line: Line, notes: list[ParsedNote]) -> None:
        """``[This Article Newly Inserted ...]`` / ``[Title Amended ...]`` on a line of their own."""
        for pn in notes:
            scope = "title" if pn.subject == "title" else "article"
            self.notes.append(_note(pn, line, scope, "", self.eid, self.resolve))
            self.sink.add("note", line, pn.start, pn.end, self.eid, self.key)
            self.moved_from = self.moved_from or pn.moved_from

    def _label(self, line: Line, off: int, label: _Label | None) -> int:
        """Open a provision if the line starts with a label; where the text starts (after the label)."""
        if label is None:
            return off
        if self.eu_style and label.kind == "subparagraph":
            label = find_label(line.text[off:], True)  # "1." is a paragraph in EU style
            if label is None:
                return off
        kind = label.kind
        if kind != "paragraph" and line is self.unit.line:
            return off  # on the heading line only "(1)" counts ("a. ..." is lead)
        stack = self.stack
        parent = _open_parent(label, stack) if kind == "item" else _parent_for(kind, stack)
        eid = self.ids.unique(child_eid(self.eid if parent is None else parent.eid, kind, label.number))
        start = line.start + off
        # labels and numbers repeat ("(1)", "2.", "a."): one string for each, not one per provision
        node = _Node(kind, intern(label.label), intern(label.number), start, parent, eid)
        (parent.children if parent is not None else self.top).append(node)
        stack.append(node)
        self.current = node
        # the label piece, as PieceSink.add records it: a label starts at the content's first
        # character and ends with ")", "." or a circled number, so there are no spaces to trim
        self.sink.rows.extend((_LABEL, line.source, start, start + label.end, self.key_index))
        self.sink.names.append(eid)
        return off + label.end

    def _attach(self, pn: ParsedNote, line: Line) -> None:
        """A note annotates its line's node; ``This Article``/``Title`` and lead notes the article."""
        if pn.subject or self.current is None:
            scope = "title" if pn.subject == "title" else "article"
            self.notes.append(_note(pn, line, scope, "", self.eid, self.resolve))
            self.moved_from = self.moved_from or pn.moved_from
        else:
            node = self.current
            node.notes.append(_note(pn, line, node.kind, node.target, node.eid, self.resolve))


def build_article(
    unit: ArticleUnit,
    key: str,
    eid: str,
    chapter: str | None,
    chapter_ordinal: int | None,
    section: str | None,
    sink: PieceSink,
    resolve: Resolver,
) -> BuiltArticle:
    title_line, lines = _content_lines(unit)
    title = (unit.title or "").strip() if title_line is None else title_line.text.strip()
    sink.add("heading", unit.line, unit.offset, unit.head.end, eid, key)
    if title_line is not None:
        sink.add("heading", title_line, 0, len(title_line.text), eid, key)
    # EU style ("1." paragraphs) when no "(1)" labels and the content starts with a label
    # each line's label found once: PARAGRAPH_LABEL never starts with a digit, so a "paragraph" label
    # outside EU style is exactly a line that PARAGRAPH_LABEL matches
    labels = [find_label(ln.text[off:], False) for ln, off in lines]
    has_paren = any(lb is not None and lb.kind == "paragraph" for lb in labels)
    first = labels[0] if labels else None
    first_labelled = first is not None and (lines[0][0] is not unit.line or first.kind == "paragraph")
    builder = _ArticleBuilder(unit, key, eid, not has_paren and first_labelled, sink, resolve)
    for (line, off), label in zip(lines, labels, strict=True):
        builder.line(line, off, label)

    lead = " ".join(builder.lead_parts)
    source = unit.line.source
    frozen = [n.freeze(source) for n in builder.top]
    paragraphs = tuple(p for p, _ in frozen)
    end = title_line.end if title_line is not None else unit.line.start + unit.head.end
    if lines:
        last = lines[-1][0]
        end = max(end, last.start + len(last.text.rstrip()))
    article = Article(
        number=unit.number,
        title=title,
        chapter=chapter,
        section=section,
        chapter_ordinal=chapter_ordinal,
        lead=lead,
        paragraphs=paragraphs,
        notes=tuple(builder.notes),
        status=article_status(lead, paragraphs),
        text="\n".join([lead, *(s for _, s in frozen)] if lead else [s for _, s in frozen]),
        span=Span(source=source, start=unit.line.start + unit.offset, end=end),
        eid=eid,
        label=_first_label(unit),
        moved_from=builder.moved_from,
    )
    return BuiltArticle(article, tuple(builder.dates), tuple(builder.warnings))


def _first_label(unit: ArticleUnit) -> str:
    """The heading label; for a printed range (``Articles 2 through 6``) that of its first article."""
    if len(unit.numbers) == 1:
        return unit.head.label
    return korean_label(unit.number) if unit.head.label.startswith("제") else f"Article {unit.number}"


def article_status(lead: str, paragraphs: tuple[Provision, ...]) -> ArticleStatus:
    """``Article 5 Omitted.`` / ``제6조 삭제``: an article whose whole body is a status word."""
    sm = STATUS.match(" " + lead)
    if paragraphs or sm is None or len(lead) >= 12:
        return "in_force"
    return "omitted" if STATUS_VALUES[sm["status"]] == "omitted" else "deleted"


def _note_warning(note: ParsedNote, line: Line, number: str) -> ParseWarning:
    span = Span(source=line.source, start=line.start + note.start, end=line.start + note.end)
    return ParseWarning(
        code="note-unparsed",
        message=f"Article {number}: note without a readable date: {note.raw[:80]}",
        span=span,
    )


def _lstrip_count(text: str, off: int) -> int:
    if off < len(text) and not text[off].isspace():  # most lines: no copy of the line
        return 0
    return len(text) - off - len(text[off:].lstrip())


def article_text(lead: str, paragraphs: tuple[Provision, ...]) -> str:
    """``Article.text``: the lead, then each provision (label and text) one per line."""
    lines = [lead] if lead else []
    lines.extend(provision_text(p) for p in paragraphs)
    return "\n".join(lines)


def unit_note_dates(unit: ArticleUnit) -> list[str]:
    """Note dates of an article unit, for the version split (before building)."""
    out: list[str] = []
    for ln in [unit.line, *unit.body]:
        for pn in notes_in(ln.text):
            out.extend(e.date for e in pn.events if e.date)
    return out


# ---------------------------------------------------------------- addenda


@dataclass(slots=True)
class _AddendaArticle:
    """An article of an addenda block while the block is read."""

    numbers: list[str]  # several for "Articles 2 through 6 Omitted."
    title: str
    start: int
    end: int
    source: int
    texts: list[str] = field(default_factory=list)
    omitted: bool = False
    korean: bool = False  # printed "제1조": labels in that style

    def freeze(self, block_eid: str, ids: EidScope) -> list[AddendaArticle]:
        span = Span(source=self.source, start=self.start, end=self.end)
        text = "\n".join(self.texts)
        return [
            AddendaArticle(
                number=n,
                title=self.title,
                text=text,
                span=span,
                eid=ids.unique(child_eid(block_eid, "article", n)),
                omitted=self.omitted,
                label=korean_label(n) if self.korean else f"Article {n}",
            )
            for n in self.numbers
        ]


def _addenda_heading(line: Line, loose: Head | None = None) -> _AddendaArticle | None:
    """An addenda article's heading; ``loose``: one the lexer took by a loose rule (``제1조 이 헌법은 …``)."""
    text = line.text
    indent = _indent_of(text)
    rng = ARTICLE_RANGE.match(text)
    if rng is not None:
        numbers, title, rest = range_numbers(*range_ends(rng)), "", text[rng.end() :].strip()
    elif (head := heading_at(text, indent) or loose) is not None:
        numbers, title, rest = list(head.numbers), (head.title or "").strip(), text[head.end :].strip()
    else:
        return None
    sm = STATUS.match(" " + rest)
    omitted = sm is not None and STATUS_VALUES[sm["status"]] == "omitted"
    end = line.start + len(text.rstrip())
    korean = text[indent : indent + 1] == "제"
    return _AddendaArticle(
        numbers, title, line.start + indent, end, line.source, [rest] if rest else [], omitted, korean
    )


def build_addenda(unit: AddendaUnit, key: str, ids: EidScope, sink: PieceSink) -> AddendaBlock:
    """An addenda block; ``ids`` (one per version) makes its eid unique (``addenda_6487``, ``addenda``)."""
    m = unit.match
    meta = m["meta"] or ""
    inst = INSTRUMENT_REF.search(meta)
    instrument, inst_number = instrument_of(inst) if inst else (None, None)
    eid = ids.unique(addenda_eid(inst_number))
    sink.add("addenda", unit.line, 0, len(unit.line.text), eid, key)
    articles: list[_AddendaArticle] = []
    body_lines: list[str] = []
    end = unit.line.end
    for line in unit.body:
        text = line.text
        if not text.strip():
            continue
        body_lines.append(text.strip())
        sink.add("addenda", line, 0, len(text), eid, key)
        end = line.start + len(text.rstrip())
        heading = _addenda_heading(line, unit.heads.get(line.start))
        if heading is not None:
            articles.append(heading)
        elif articles:
            articles[-1].texts.append(text.strip())
            articles[-1].end = end
    inner = EidScope()
    return AddendaBlock(
        heading=unit.line.text.strip(),
        instrument=instrument,
        number=inst_number,
        date=find_date(meta),
        text="\n".join(body_lines),
        articles=tuple(x for a in articles for x in a.freeze(eid, inner)),
        span=Span(source=unit.line.source, start=unit.line.start + m.start("word"), end=end),
        eid=eid,
    )


def _indent_of(text: str) -> int:
    return len(text) - len(text.lstrip())
