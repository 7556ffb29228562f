"""The reader: decoded sources -> :class:`Document`.

``read(sources, name)`` is total: any text gives a Document plus warnings.
One source is a combined page (old and new interleaved article by article,
or printed one after the other; split by :mod:`corpus.split`) or a single
version; two sources are old and new; further sources are kept unread.
Every non-whitespace character of every source lands in exactly one
:class:`Piece`; text the reader cannot place becomes an ``unparsed`` piece
with a warning.

Pipeline: :mod:`corpus.lexer` (lines -> preamble, article units, addenda
blocks, tables) -> :mod:`corpus.split` (which unit belongs to which version)
-> :mod:`corpus.build` (units -> model nodes, notes via :mod:`corpus.notes`).
All regular expressions live in :mod:`corpus.patterns`.  English texts
(Korean-style ``(1)``/``1.``/``(a)`` and EU-style ``1.``/``(a)``/``(i)``) and
Korean-language texts (``제5조의2(제목)``, ``①``, ``가.``, ``부칙``) are read.
"""

from __future__ import annotations

import dataclasses
import re
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import accumulate, repeat
from operator import le
from typing import NamedTuple

from corpus.build import (
    BuiltArticle,
    PieceSink,
    Resolver,
    build_addenda,
    build_article,
    build_division,
    division_text,
    numeral_style,
    numeral_value,
    unit_note_dates,
)
from corpus.gcpause import gc_paused
from corpus.ids import EidScope, child_eid, identify_article, version_iri
from corpus.lexer import AddendaUnit, ArticleUnit, DivisionLine, Lexed, Line, article_key, lex, split_lines
from corpus.model import (
    PIECE_ROW,
    AddendaBlock,
    Amendment,
    Article,
    AttachedTable,
    Division,
    Document,
    ParseWarning,
    Pieces,
    Preamble,
    SourceText,
    Span,
    Version,
    korean_label,
)
from corpus.notes import iso_date
from corpus.patterns import (
    DATE,
    INK,
    INSTRUMENT_REF,
    META_ENTRY,
    PREAMBLE,
    division_kind_number,
    instrument_of,
    is_whole_amendment,
    ko_meta_entries,
    table_article,
)
from corpus.split import C_OPEN_NEW, BlockCue, HeadingCue, VersionCue, assign_headings, split_addenda

__all__ = ["read"]

VERSION_KEYS = ("old", "new")

# no-break and typographic spaces, tabs -> " ", full-width parentheses -> ASCII: one character for
# one, so every offset stays valid
_SPACES = {
    **dict.fromkeys("\t\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a", " "),
    **dict.fromkeys("\u202f\u205f\u3000", " "),
    "\uff08": "(",  # full-width parentheses of Korean texts: 제1조（목적）
    "\uff09": ")",
}


def plain_spaces(text: str) -> str:
    """The text the reader matches against: web pages' no-break spaces read as spaces (same length).

    One ``str.replace`` per character present (a C scan each): ``str.translate`` looks every
    character up in a table, ten times slower on a non-ASCII text of megabytes.  No replacement
    is itself replaced, so the order does not matter.
    """
    for char, plain in _SPACES.items():
        if char in text:
            text = text.replace(char, plain)
    return text


class Meta(NamedTuple):
    """One ``Whole Amendment No. 7026, Mar. 28, 2019`` entry of a header."""

    kind: str
    number: str
    date: str | None


@dataclass(slots=True)
class _Part:
    """The units assigned to one version, before building."""

    articles: list[ArticleUnit] = field(default_factory=list)
    addenda: list[AddendaUnit] = field(default_factory=list)
    tables: list[tuple[Line, re.Match[str]]] = field(default_factory=list)
    trailing: list[DivisionLine] = field(default_factory=list)
    title: str = ""
    meta: Meta | None = None
    preamble: list[Line] = field(default_factory=list)


def read(sources: tuple[SourceText, ...], name: str) -> Document:
    """Parse one combined page or an (old, new) pair into a Document.  Never raises on text."""
    with gc_paused():
        return _read(sources, name)


def _read(sources: tuple[SourceText, ...], name: str) -> Document:
    sink = PieceSink()
    warnings: list[ParseWarning] = [_on_source(w, i) for i, s in enumerate(sources) for w in s.warnings]
    lexed = [lex(split_lines(plain_spaces(s.text), i)) for i, s in enumerate(sources[:2])]
    for lx, src in zip(lexed, sources, strict=False):
        _preamble_pieces(lx, src.text, sink, warnings)
    for i, extra in enumerate(sources[2:], start=2):
        _unread_source(extra, i, sink, warnings)
    if len(sources) >= 2:
        parts = (_single_part(lexed[0]), _single_part(lexed[1]))
    elif len(sources) == 1:
        parts = _split_page(lexed[0], warnings)
    else:
        warnings.append(ParseWarning(code="no-source", message="no source text was given"))
        parts = (_Part(), _Part())
    versions = _build_versions(parts, name, sink, warnings)
    if len(sources) >= 2:  # a file pair without version metadata: name each version by its file
        versions = (_file_label(versions[0], sources[0]), _file_label(versions[1], sources[1]))
    title = next((p.title for p in parts if p.title), "") or name
    pieces = _check_coverage(sources, sink, warnings)
    return Document(
        name=name,
        title=title,
        sources=tuple(sources),
        old=versions[0],
        new=versions[1],
        pieces=pieces,
        warnings=tuple(warnings),
    )


def _on_source(warning: ParseWarning, index: int) -> ParseWarning:
    """A decoder warning (span in "this source", 0) moved to its source's index."""
    if warning.span is None:
        return warning
    return replace(warning, span=replace(warning.span, source=index))


def _file_label(version: Version, source: SourceText) -> Version:
    if version.number is None and version.date is None:
        return replace(version, label=f"{version.label}: {source.name}")
    return version


# ---------------------------------------------------------------- preamble


def meta_entries(lines: list[Line]) -> list[Meta]:
    """Header entries in order, each (kind, number, date) once."""
    out: dict[Meta, None] = {}
    for ln in lines:
        for m in META_ENTRY.finditer(ln.text):
            kind = (m["kind_after"] or m["kind"]).strip()
            out.setdefault(Meta(kind, m["number"], iso_date(m)))
        for m in ko_meta_entries(ln.text):
            out.setdefault(Meta((m["kind"] or "").strip(), m["number"], iso_date(m)))
    return list(out)


def _preamble_pieces(lx: Lexed, text: str, sink: PieceSink, warnings: list[ParseWarning]) -> None:
    for ln in lx.chrome:
        sink.add("chrome", ln, 0, len(ln.text), "chrome")
    if lx.title is not None:
        sink.add("header", lx.title, 0, len(lx.title.text), "header")
    for ln in lx.meta:
        sink.add("header", ln, 0, len(ln.text), "header")
    for ln in lx.preamble:
        sink.add("preamble", ln, 0, len(ln.text), "preamble")
    for ln, why in lx.skipped:
        warnings.append(
            ParseWarning(
                code="heading-not-taken",
                message=f"a line that looks like an article heading was kept as text ({why}): "
                f"{ln.text.strip()[:80]!r}",
                span=Span(source=ln.source, start=ln.start, end=ln.end),
            )
        )
    for ln in lx.stray:
        sink.add("unparsed", ln, 0, len(ln.text), "unparsed")
    for run in _runs(lx.stray, text):
        first, last = run[0], run[-1]
        what = f"{len(run)} lines" if len(run) > 1 else "a line"
        warnings.append(
            ParseWarning(
                code="unparsed-line",
                message=(
                    f"{what} outside any article or addenda kept as unparsed: {first.text.strip()[:80]!r}"
                ),
                span=Span(source=first.source, start=first.start, end=last.end),
            )
        )


def _runs(lines: list[Line], text: str) -> list[list[Line]]:
    """Consecutive lines (only blank lines between them) grouped together."""
    runs: list[list[Line]] = []
    for ln in lines:
        if runs and not text[runs[-1][-1].end : ln.start].strip():
            runs[-1].append(ln)
        else:
            runs.append([ln])
    return runs


def _unread_source(src: SourceText, index: int, sink: PieceSink, warnings: list[ParseWarning]) -> None:
    """A third (fourth...) source: kept whole as unparsed text, with a warning."""
    for ln in split_lines(src.text, index):
        sink.add("unparsed", ln, 0, len(ln.text), "unparsed")
    warnings.append(
        ParseWarning(
            code="extra-source",
            message=f"{src.name}: not read; only two sources (old, new) are compared",
            span=Span(source=index, start=0, end=len(src.text)),
        )
    )


def _single_part(lx: Lexed) -> _Part:
    metas = meta_entries(lx.meta)
    return _Part(
        articles=list(lx.articles),
        addenda=list(lx.addenda),
        tables=list(lx.tables),
        trailing=list(lx.trailing_divisions),
        title=lx.title.text.strip() if lx.title else "",
        meta=max(metas, key=lambda m: m.date or "") if metas else None,
        preamble=list(lx.preamble),
    )


# ---------------------------------------------------------------- the split


def _heading_cue(unit: ArticleUnit) -> HeadingCue:
    chapter = next((d for d in unit.divisions if division_kind_number(d.match)[0] == "chapter"), None)
    dates = sorted(unit_note_dates(unit))
    return HeadingCue(
        key=article_key(unit.numbers[0]),
        last=article_key(unit.numbers[-1]),
        chapter=numeral_value(division_kind_number(chapter.match)[1]) if chapter else None,
        style=numeral_style(division_kind_number(chapter.match)[1]) if chapter else None,
        first_note=dates[0] if dates else None,
        last_note=dates[-1] if dates else None,
    )


def _split_page(lx: Lexed, warnings: list[ParseWarning]) -> tuple[_Part, _Part]:
    metas = sorted(meta_entries(lx.meta), key=lambda m: m.date or "")
    title = lx.title.text.strip() if lx.title else ""
    old_meta = metas[-2] if len(metas) >= 2 else (metas[0] if metas else None)
    new_meta = metas[-1] if len(metas) >= 2 else None
    vcues = (_version_cue(old_meta), _version_cue(new_meta))
    open_cost = 0.0 if len(metas) >= 2 else C_OPEN_NEW
    assignment = assign_headings([_heading_cue(u) for u in lx.articles], vcues, open_cost)
    old = _Part(title=title, meta=old_meta, preamble=list(lx.preamble))
    new = _Part(title=title, meta=new_meta)
    for unit, v in zip(lx.articles, assignment, strict=True):
        (old if v == 0 else new).articles.append(unit)
    if not new.articles:
        if old.articles:
            warnings.append(
                ParseWarning(
                    code="one-version", message="only one version found: it is the old version; new is empty"
                )
            )
        old.addenda = list(lx.addenda)
        old.meta = metas[-1] if metas else None  # the one version printed is the latest named
        new.meta = None
    else:
        first_new = new.articles[0].line.start
        blocks = [_block_cue(b, b.line.start < first_new) for b in lx.addenda]
        numbers = (old_meta.number if old_meta else None, new_meta.number if new_meta else None)
        k = split_addenda(blocks, vcues[0], vcues[1], numbers)
        old.addenda, new.addenda = list(lx.addenda[:k]), list(lx.addenda[k:])
    old.trailing = list(lx.trailing_divisions)
    _assign_tables(lx, old, new)
    return old, new


def _version_cue(meta: Meta | None) -> VersionCue:
    if meta is None:
        return VersionCue()
    return VersionCue(meta.date, is_whole_amendment(meta.kind))


def _block_cue(unit: AddendaUnit, before_new: bool) -> BlockCue:
    meta = unit.match["meta"] or ""
    inst = INSTRUMENT_REF.search(meta)
    date = DATE.search(meta)
    number = instrument_of(inst)[1] if inst else None
    return BlockCue(bool(meta.strip()), iso_date(date) if date else None, number, before_new)


def _table_scores(part: _Part) -> dict[str, int]:
    """Article number -> 2 if that article mentions a Table, 1 if it exists without one."""
    out: dict[str, int] = {}
    for u in part.articles:
        mentions = _mentions_table(u.line) or any(_mentions_table(ln) for ln in u.body)
        for number in u.numbers:
            out[number] = max(out.get(number, 0), 2 if mentions else 1)
    return out


def _mentions_table(line: Line) -> bool:
    return "Table" in line.text or "별표" in line.text


def _assign_tables(lx: Lexed, old: _Part, new: _Part) -> None:
    """A table goes to the version whose article of that number refers to a Table (old on a tie)."""
    old_scores, new_scores = _table_scores(old), _table_scores(new)
    for line, m in lx.tables:
        number = table_article(m)
        target = new if new_scores.get(number, 0) > old_scores.get(number, 0) else old
        target.tables.append((line, m))


# ---------------------------------------------------------------- versions


def _build_versions(
    parts: tuple[_Part, _Part], name: str, sink: PieceSink, warnings: list[ParseWarning]
) -> tuple[Version, Version]:
    """Addenda first (notes resolve their numbers from them), then each version's body."""
    addenda_ids = (EidScope(), EidScope())
    blocks = [
        [build_addenda(u, VERSION_KEYS[v], addenda_ids[v], sink) for u in p.addenda]
        for v, p in enumerate(parts)
    ]
    every_block = [b for bs in blocks for b in bs]
    instrument = _instrument(parts, blocks)
    old, new = (
        _build_version(part, name, VERSION_KEYS[v], blocks[v], every_block, instrument, sink)
        for v, part in enumerate(parts)
    )
    warnings.extend([*old.warnings, *new.warnings])
    return old, new


def _build_version(
    part: _Part,
    name: str,
    key: str,
    blocks: list[AddendaBlock],
    every_block: list[AddendaBlock],
    instrument: str | None,
    sink: PieceSink,
) -> Version:
    warnings: list[ParseWarning] = []
    number, date, kind = _identity(part, blocks)
    divisions, articles = _build_body(part, key, sink, _resolver(blocks, every_block), warnings)
    _numbering_warnings(articles, key, warnings)
    return Version(
        label=_label(instrument, number, date, key),
        title=part.title,
        instrument=instrument,
        number=number,
        date=date,
        whole_amendment=kind is not None and is_whole_amendment(kind),
        amendment_kind=kind,
        divisions=tuple(divisions),
        articles=tuple(articles),
        addenda=tuple(blocks),
        tables=tuple(_table(line, m, sink, key) for line, m in part.tables),
        warnings=tuple(warnings),
        iri=version_iri(name, number, date, key),
        preamble=_preamble(part.preamble),
    )


def _preamble(lines: list[Line]) -> Preamble | None:
    """The preamble node: its heading line when it has one (``전문``, ``Whereas:``), and its text."""
    if not lines:
        return None
    heading = lines[0].text.strip() if PREAMBLE.match(lines[0].text) else ""
    body = lines[1:] if heading else lines
    text = "\n".join(ln.text.strip() for ln in body if ln.text.strip())
    return Preamble(
        heading=heading, text=text, span=Span(source=lines[0].source, start=lines[0].start, end=lines[-1].end)
    )


def _table(line: Line, m: re.Match[str], sink: PieceSink, key: str) -> AttachedTable:
    text = line.text.strip()
    sink.add("table", line, 0, len(line.text), "table", key)
    indent = len(line.text) - len(line.text.lstrip())
    return AttachedTable(
        title=line.text[: m.start()].strip(),
        article=table_article(m),
        span=Span(source=line.source, start=line.start + indent, end=line.start + indent + len(text)),
    )


def _identity(part: _Part, blocks: list[AddendaBlock]) -> tuple[str | None, str | None, str | None]:
    """(number, date, amendment kind): from the header, else from the latest dated addenda block."""
    if part.meta is not None:
        return part.meta.number, part.meta.date, part.meta.kind
    dated = [b for b in blocks if b.number is not None and b.date is not None]
    if dated:
        latest = max(dated, key=lambda b: b.date or "")
        return latest.number, latest.date, None
    return None, None, None


def _instrument(parts: tuple[_Part, _Part], blocks: list[list[AddendaBlock]]) -> str | None:
    counts = Counter(b.instrument for bs in blocks for b in bs if b.instrument)
    if counts:
        return counts.most_common(1)[0][0]
    words = set(" ".join(p.title for p in parts).lower().split())
    for word in ("ordinance", "act", "decree", "regulation", "rule"):
        if word in words:
            return word.title()
    titles = " ".join(p.title.replace(" ", "") for p in parts)
    for suffix, name in (
        ("헌법", "Constitution"),
        ("조례", "Ordinance"),
        ("시행령", "Presidential Decree"),
        ("규칙", "Rule"),
        ("법", "Act"),
    ):
        if titles.endswith(suffix) or f"{suffix} " in titles:
            return name
    return None


def _label(instrument: str | None, number: str | None, date: str | None, key: str) -> str:
    if number is None:
        return f"{key} ({date})" if date else key
    head = f"{instrument} No. {number}" if instrument else f"No. {number}"
    return f"{head} ({date})" if date else head


def _resolver(own: list[AddendaBlock], every: list[AddendaBlock]) -> Resolver:
    def by_date(pool: list[AddendaBlock], date: str) -> AddendaBlock | None:
        hits = {(b.instrument, b.number): b for b in pool if b.date == date and b.number is not None}
        return next(iter(hits.values())) if len(hits) == 1 else None

    blocks: dict[str, AddendaBlock | None] = {}  # date -> the block it names (notes repeat dates)

    def block_of(date: str) -> AddendaBlock | None:
        if date not in blocks:
            blocks[date] = by_date(own, date) or by_date(every, date)
        return blocks[date]

    def resolve(event: Amendment) -> Amendment:
        if event.number is not None or event.date is None:
            return event
        block = block_of(event.date)
        if block is None:
            return event
        return dataclasses.replace(
            event, instrument=block.instrument, number=block.number, number_resolved=True
        )

    return resolve


def _build_body(
    part: _Part,
    key: str,
    sink: PieceSink,
    resolve: Resolver,
    warnings: list[ParseWarning],
) -> tuple[list[Division], list[Article]]:
    divisions: list[Division] = []
    articles: list[Article] = []
    chapter: str | None = None
    chapter_ordinal: int | None = None
    section: str | None = None
    ids = EidScope()  # article ids, unique within the version (corpus.ids)
    for unit in part.articles:
        for d in unit.divisions:
            div = build_division(d, sink, key)
            divisions.append(div)
            if div.kind in ("chapter", "part", "title"):
                chapter, chapter_ordinal, section = division_text(d), div.ordinal, None
            else:
                section = division_text(d)
        eid = ids.unique(child_eid("", "article", unit.number))
        built: BuiltArticle = build_article(unit, key, eid, chapter, chapter_ordinal, section, sink, resolve)
        articles.append(built.article)
        # "Articles 2 through 6 Deleted.": one article per number, sharing the printed line
        for n in unit.numbers[1:]:
            copy = dataclasses.replace(built.article, number=n, label=_range_label(unit.head.label, n))
            articles.append(identify_article(copy, ids.unique(child_eid("", "article", n))))
        warnings.extend(built.warnings)
    for d in part.trailing:
        divisions.append(build_division(d, sink, key))
    return divisions, articles


def _range_label(printed: str, number: str) -> str:
    """The label of one article of a printed range, in the range's style."""
    if printed.startswith("제"):
        return korean_label(number)
    return f"Article {number}"


def _numbering_warnings(articles: list[Article], key: str, out: list[ParseWarning]) -> None:
    seen: set[str] = set()
    prev: tuple[int, ...] | None = None
    for a in articles:
        k = article_key(a.number)
        if a.number in seen:
            out.append(
                ParseWarning(
                    code="numbering-duplicate",
                    message=f"{key}: Article {a.number} appears twice",
                    span=a.span,
                )
            )
        elif prev is not None and k <= prev:
            out.append(
                ParseWarning(
                    code="numbering-order", message=f"{key}: Article {a.number} is out of order", span=a.span
                )
            )
        elif prev is not None and k[0] > prev[0] + 1:
            out.append(
                ParseWarning(
                    code="numbering-gap",
                    message=f"{key}: numbering jumps from Article {prev[0]} to Article {a.number}",
                    span=a.span,
                )
            )
        seen.add(a.number)
        prev = k


# ---------------------------------------------------------------- conservation


def _check_coverage(sources: tuple[SourceText, ...], sink: PieceSink, warnings: list[ParseWarning]) -> Pieces:
    """Pieces sorted; any non-whitespace character no piece covers becomes ``unparsed`` (with a warning).

    The sink's rows are read by columns and left where they are (the Pieces keep the order), and
    what C loops can do they do (sorting, the running end of the pieces, the text between them); a
    source with ink between its pieces is walked piece by piece to name each gap."""
    rows = sink.rows
    count = len(sink.names)
    sources_of, starts, ends = rows[1::PIECE_ROW], rows[2::PIECE_ROW], rows[3::PIECE_ROW]
    # (source, start, end) order as one int per piece: offsets never pass the longest text
    width = max((len(s.text) for s in sources), default=0) + 1
    keys = [(s * width + a) * width + b for s, a, b in zip(sources_of, starts, ends, strict=True)]
    order = sorted(range(count), key=keys.__getitem__)
    del keys
    in_order = list(map(sources_of.__getitem__, order))
    extra: list[tuple[int, int, int]] = []  # (source, start, end) of unparsed gaps
    for i, src in enumerate(sources):
        lo, hi = bisect_left(in_order, i), bisect_left(in_order, i + 1)
        mine = order[lo:hi]
        text = src.text
        # the gaps: from the end of every piece before (0 first) to the start of each piece and to
        # the end of the text; the last end is the furthest one unless pieces overlap
        gap_ends = [*map(starts.__getitem__, mine), len(text)]
        gap_starts = list(map(ends.__getitem__, mine))
        if all(map(le, gap_starts, gap_starts[1:])):
            gap_starts.insert(0, 0)
        else:
            gap_starts = list(accumulate(gap_starts, max, initial=0))
        if any(map(INK.search, repeat(text), gap_starts, gap_ends)):  # an empty range finds nothing
            extra.extend(_gaps(i, text, mine, starts, ends, warnings))
    if extra:  # already in (source, start) order without them
        for i, start, end in extra:
            sink.add_span("unparsed", i, start, end, "unparsed")
        rows = sink.rows
        order = sorted(
            [*order, *range(count, count + len(extra))],
            key=lambda k: (rows[PIECE_ROW * k + 1], rows[PIECE_ROW * k + 2]),
        )
    return Pieces(rows, sink.names, tuple(sink.keys), array("q", order))


def _gaps(
    source: int, text: str, mine: list[int], starts: array[int], ends: array[int], out: list[ParseWarning]
) -> list[tuple[int, int, int]]:
    """The runs of ``text`` with ink that no piece covers (``mine``: the source's pieces in order), each
    with an ``unplaced-text`` warning added to ``out``."""
    gaps: list[tuple[int, int, int]] = []
    pos = 0
    for start, end in [*((starts[k], ends[k]) for k in mine), (len(text), len(text))]:
        if start > pos and INK.search(text, pos, start):  # not only whitespace
            gap = text[pos:start]
            if gap.strip():
                lead = len(gap) - len(gap.lstrip())
                span = Span(source=source, start=pos + lead, end=pos + len(gap.rstrip()))
                gaps.append((source, span.start, span.end))
                out.append(
                    ParseWarning(
                        code="unplaced-text",
                        message=f"text not placed by the reader: {gap.strip()[:80]!r}",
                        span=span,
                    )
                )
        pos = max(pos, end)
    return gaps
