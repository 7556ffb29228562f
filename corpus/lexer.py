"""Lines -> structural events: preamble, divisions, article units, addenda blocks, tables.

The lexer decides what each line *is* (heading, reference, addenda, table,
chrome...) without deciding which version it belongs to; the reader and
:mod:`corpus.split` do that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from corpus.patterns import (
    ADDENDA,
    ANNEX,
    ARTICLE_RANGE,
    CHROME,
    DIVISION,
    HEADING,
    HEADING_IN_LINE,
    HEADING_LIKE,
    LATIN_MULTIPLICATIVES,
    META_ENTRY,
    NUMBER_PARTS,
    PARAGRAPH_LABEL,
    PREAMBLE,
    PREAMBLE_OPENING,
    RANGE_LABEL,
    SECTION_WORDS,
    STATUS,
    SUB_LABEL,
    TABLE,
    ko_meta_entry_pattern,
    match_ko_heading,
    range_ends,
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a source, without its line break, and where it starts."""

    source: int
    start: int  # offset of the line's first character in the source
    text: str  # without the line break

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class DivisionLine(NamedTuple):
    """A division heading (CHAPTER / 제2장 ...) found in a line."""

    line: Line
    match: re.Match[str]
    title_end: int  # offset in the line where the division text ends (a heading may follow)
    title_line: Line | None = None  # EU style: the title printed on the next line


class Head(NamedTuple):
    """An article heading in a line: ``Article 5-2 (Title)``, ``제5조의2(제목)``, ``Articles 2 through 6``.

    A NamedTuple, not a frozen dataclass: one is made per heading line, and a tuple is built 3x faster."""

    start: int  # offsets in the line
    end: int
    numbers: tuple[str, ...]  # one, or each number of a printed range (canonical: "24bis", "1", "5-2")
    title: str | None
    label: str = ""  # the heading word and number as printed: "Article 24 bis", "제5조의2", "§ 7"
    rule: str = ""  # the named rule of :data:`HEADING_RULES` that took the line ("" for syntax only)


def canonical_number(m: re.Match[str]) -> str:
    """The matching key of a :data:`HEADING` number: ``premier``/``1er`` -> ``1``, ``24 bis`` -> ``24bis``."""
    premier, er, digits, latin, letters = m.group("premier", "er", "digits", "latin", "letters")
    if premier is not None:
        return "1"
    if er is not None:
        return digits
    return digits + (latin or letters or "")


def _printed(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with runs of spaces as one (the label as printed)."""
    printed = text[start:end]
    return printed if "  " not in printed else " ".join(printed.split())


def match_heading(text: str, pos: int, rule: str = "") -> Head | None:
    """The heading syntax at ``pos`` (English, French or Korean), whether or not it is a real heading;
    ``rule`` is recorded on the Head."""
    m = HEADING.match(text, pos)
    if m is not None:
        word, dot, digits, title = m.group("word", "dot", "digits", "title")
        if dot is None and word in SECTION_WORDS:
            return None  # "SECTION 2" is a division, "Section 2 of the Act" a reference
        start, number_end = m.start(), m.end("number")
        plain = digits is not None and number_end == m.end("digits")  # "7": no suffix to normalise
        number = digits if plain else canonical_number(m)
        return Head(start, m.end(), (number,), title, _printed(text, start, number_end), rule)
    k = match_ko_heading(text, pos)
    if k is not None:
        number = f"{k['number']}-{k['branch']}" if k["branch"] else k["number"]
        label_end = k.end("branch") if k["branch"] else k.start() + text[k.start() : k.end()].index("조") + 1
        return Head(k.start(), k.end(), (number,), k["title"], _printed(text, k.start(), label_end), rule)
    return None


@dataclass(slots=True)
class ArticleUnit:
    """An article heading line, the division headings before it and its body lines."""

    line: Line  # the heading line
    offset: int  # where "Article" starts in that line
    head: Head
    divisions: list[DivisionLine] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)

    @property
    def numbers(self) -> tuple[str, ...]:
        return self.head.numbers

    @property
    def number(self) -> str:
        return self.head.numbers[0]

    @property
    def title(self) -> str | None:
        return self.head.title


def range_numbers(first: str, last: str) -> list[str]:
    """``2``..``6`` -> ["2", ..., "6"]; anything else (``5-2`` .. ``6``) stays one ``"5-2-6"``-style entry."""
    if first.isdigit() and last.isdigit() and 0 <= int(last) - int(first) <= 200:
        return [str(n) for n in range(int(first), int(last) + 1)]
    return [f"{first}-{last}"]


def range_heading(line: Line) -> Head | None:
    """``Articles 2 through 6 Deleted.`` at a line start (not ``Articles 2 and 3 apply``: a reference)."""
    m = ARTICLE_RANGE.match(line.text)
    if m is None or STATUS.match(line.text, m.end()) is None:
        return None
    start = _indent(line.text)
    numbers = tuple(range_numbers(*range_ends(m)))
    return Head(start, m.end(), numbers, None, _printed(line.text, start, m.end()))


@dataclass(slots=True)
class AddendaUnit:
    """An addenda heading line (``ADDENDA`` / ``부칙``) and its body lines."""

    line: Line
    match: re.Match[str]
    body: list[Line] = field(default_factory=list)
    last_key: tuple[int, ...] | None = None  # number of the last addenda article seen
    heads: dict[int, Head] = field(default_factory=dict)  # line start -> heading taken by a loose rule


@dataclass(slots=True)
class Lexed:
    """One source, cut into events in reading order."""

    chrome: list[Line] = field(default_factory=list)
    title: Line | None = None
    meta: list[Line] = field(default_factory=list)
    stray: list[Line] = field(default_factory=list)  # lines that belong nowhere: unparsed
    articles: list[ArticleUnit] = field(default_factory=list)
    addenda: list[AddendaUnit] = field(default_factory=list)
    tables: list[tuple[Line, re.Match[str]]] = field(default_factory=list)
    trailing_divisions: list[DivisionLine] = field(default_factory=list)
    preamble: list[Line] = field(default_factory=list)  # "전문" / "Whereas:" and its text, before the body
    skipped: list[tuple[Line, str]] = field(default_factory=list)  # heading-like lines not taken, and why


@lru_cache(maxsize=1 << 16)  # a long law has a few thousand numbers: all of them stay cached
def article_key(number: str) -> tuple[int, ...]:
    """``"5-2"`` -> ``(5, 2)``; ``"24a"`` -> ``(24, 1)``; ``"24ter"`` -> ``(24, 3)``: ordering, continuity."""
    if len(number) <= 5 and number.isdecimal():  # "24": what NUMBER_PARTS reads, without the regex
        return (int(number),)
    m = NUMBER_PARTS.match(number)
    if m is None:
        return (0,)
    key = [int(m["major"]), *(int(p) for p in m["branches"].split("-")[1:])]
    if m["latin"]:
        key.append(LATIN_MULTIPLICATIVES[m["latin"]])  # 24bis -> (24, 2), after 24 and before 25
    else:
        key.extend(ord(ch) - 96 for ch in m["letters"])
    return tuple(key)


_LINE_BREAKS = "\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"  # what str.splitlines() splits at
_new = object.__new__
_LINE_SOURCE, _LINE_START, _LINE_TEXT = (Line.__dict__[f].__set__ for f in ("source", "start", "text"))


def split_lines(text: str, source: int) -> list[Line]:
    """The lines of ``text`` as :meth:`str.splitlines` cuts them, without their line breaks.

    Text whose only line break is ``\n`` is cut with ``str.split`` (each line then ends one character
    before the next starts), and each Line is made by setting its slots (a third of the time of
    the dataclass's ``__init__``; tests check both give the same lines)."""
    out: list[Line] = []
    append = out.append
    pos = 0
    if any(ch in text for ch in _LINE_BREAKS if ch != "\n"):
        for chunk in text.splitlines(keepends=True):
            append(Line(source, pos, chunk.rstrip(_LINE_BREAKS)))
            pos += len(chunk)
        return out
    bodies = text.split("\n")
    if bodies[-1] == "":
        bodies.pop()  # after a final line break: no line (splitlines gives none either)
    for body in bodies:
        line = _new(Line)
        _LINE_SOURCE(line, source)
        _LINE_START(line, pos)
        _LINE_TEXT(line, body)
        append(line)
        pos += len(body) + 1
    return out


def heading_at(text: str, pos: int) -> Head | None:
    """A real article heading starting at ``pos`` (not a reference such as ``Article 7 (7) shall``)."""
    h = match_heading(text, pos)
    if h is None:
        return None
    if h.title is not None:
        return h
    rest = text[h.end :]
    if not rest.strip() or STATUS.match(rest):
        return h
    return None


_INDENT = " \t\u3000\ufeff"

# The first character after the indent of every line each pattern can match: a cheap test that
# spares most text lines the regexes.  DIVISION: "CHAPTER", "Section", "Part", "Title", "제2장";
# HEADING, KO_HEADING, ARTICLE_RANGE: "Article(s)", "제5조"; ADDENDA: "ADDENDA", "부칙", "附則".
DIVISION_INITIALS = frozenset("CSPT제KA")  # also German "Kapitel", "Abschnitt"
HEADING_INITIALS = frozenset("A제§SC")  # also "§ 7", "Section 7." / "Sec. 7."; "Clause 3" is warned
ADDENDA_INITIALS = frozenset("A부附")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(_INDENT))


def _may_divide(first: str, text: str) -> bool:
    """``A`` starts a division only as German ``Abschnitt``: spares every ``Article`` line the regex."""
    return first != "A" or text.lstrip(_INDENT)[:4] in ("Absc", "ABSC")


def initial(text: str) -> str:
    """The first character after the indent ("" for a blank line)."""
    first = text[:1]
    if first and first not in _INDENT:  # no indent (most lines): no stripped copy of the line
        return first
    return text.lstrip(_INDENT)[:1]


def may_be_table(text: str) -> bool:
    """Whether :data:`TABLE` can match: each of its forms names ``related to Article`` or ``관련``
    (a substring test spares every other line the regex)."""
    return "관련" in text or "elated" in text


def line_heading(line: Line) -> Head | None:
    return heading_at(line.text, _indent(line.text))


def division_of(line: Line) -> DivisionLine | None:
    m = DIVISION.match(line.text)
    if m is None:
        return None
    rest_start = m.end()
    title_end = len(line.text)
    for h in HEADING_IN_LINE.finditer(line.text, rest_start):
        hm = match_heading(line.text, h.start() + 1)
        if hm is not None and hm.title is not None:
            title_end = h.start() + 1
            break
    title = line.text[rest_start:title_end].strip()
    if title[:1].islower():
        return None  # "Chapter 3 of the Act ..." is a reference
    return DivisionLine(line, m, title_end)


# ---------------------------------------------------------------- heading rules
#
# An ordered table of named rules (markdown-it style).  Each rule reads one line (and the next
# non-blank line) and returns the heading it sees, or None.  The first rule that matches decides.
# Strict rules are always taken (what the bundled documents use); loose rules, whose form a body
# line could also have, are taken only when the number continues the numbering, else the line stays
# text and a warning names it.


@dataclass(slots=True, eq=False, repr=False)  # a rule's private view: never compared, never shown
class Seen:
    """What a rule reads: the line, its heading syntax (matched once for all rules), the next line."""

    line: Line
    head: Head | None  # :func:`match_heading` at the indent
    lines: list[Line]
    i: int  # index of the line after ``line``

    @property
    def next(self) -> Line | None:
        """The next non-blank line (looked up only by the rules that need it)."""
        k = _next_nonblank(self.lines, self.i)
        return self.lines[k] if k is not None else None


class HeadingRule(NamedTuple):
    """A named rule that takes a line as an article heading (see :data:`HEADING_RULES`)."""

    name: str
    loose: bool  # needs the numbering to continue (checked by the lexer)
    match: Callable[[Seen], Head | None]
    doc: str


def _rule_titled(seen: Seen) -> Head | None:
    """``Article 7 (Committee) ...`` / ``제7조(위원회) ...``: a parenthesised title."""
    h = seen.head
    return h if h is not None and h.title is not None else None


def _rule_bare(seen: Seen) -> Head | None:
    """``Article 7`` / ``§ 7`` / ``제7조`` alone (title on the next line, or none), or with a status word."""
    h = seen.head
    if h is None or h.title is not None:
        return None
    rest = seen.line.text[h.end :]
    return h if not rest.strip() or STATUS.match(rest) else None


def _rule_range(seen: Seen) -> Head | None:
    """``Articles 2 through 6 Deleted.`` / ``제2조부터 제6조까지 삭제``."""
    return range_heading(seen.line) if seen.head is None else None


def _rule_ko_body(seen: Seen) -> Head | None:
    """``제7조 ①대한민국은 …`` / ``제3조 대한민국의 영토는 …``: no title, the body on the heading line."""
    h = seen.head
    if h is None or h.title is not None or not h.label.startswith("제"):
        return None
    return h if seen.line.text[h.end :].strip() else None


_TITLE_END = ".;:,"


def _rule_run_in_title(seen: Seen) -> Head | None:
    """``Article 7 Committee`` / ``§ 7 Ausschuss`` / ``Sec. 7. Short title.``: an unbracketed title
    when the next line starts the body (not another heading)."""
    h, line = seen.head, seen.line
    if h is None or h.title is not None or h.label.startswith("제"):
        return None
    rest = line.text[h.end :].strip().lstrip("-–—:").lstrip()  # "ARTICLE 5 - MEMBERSHIP", "Article 5: Scope"
    sectioned = h.label.split(" ")[0] in ("Section", "SECTION", "Sec.", "SEC.")
    title = rest[:-1] if sectioned and rest.endswith(".") else rest
    long_ok = sectioned and h.label[-1:].isdigit()  # "SEC. 3. A LONG TITLE ...": the dot makes it a heading
    if (
        not title
        or not title[0].isupper()
        or len(title) > (300 if long_ok else 100)
        or (len(title.split()) > 12 and not long_ok)
        or title[-1] in _TITLE_END
        or ". " in title
        or PARAGRAPH_LABEL.match(title)
    ):
        return None
    nxt = seen.next
    if nxt is None or line_heading(nxt) is not None or DIVISION.match(nxt.text) or ADDENDA.match(nxt.text):
        return None
    return h._replace(end=len(line.text.rstrip()), title=title)


def _title_like_rest(line: Line, h: Head) -> bool:
    """After a heading's number, a capitalised word (``Article 7 Committee shall``): not a reference
    such as ``Article 7 (7) shall apply`` or ``Article 5 of the Act``."""
    rest = line.text[h.end :].lstrip()
    return rest[:1].isupper()


HEADING_RULES: tuple[HeadingRule, ...] = tuple(
    HeadingRule(name, loose, fn, (fn.__doc__ or "").strip())
    for name, loose, fn in (
        ("titled", False, _rule_titled),
        ("bare", False, _rule_bare),
        ("range", False, _rule_range),
        ("ko-body", True, _rule_ko_body),
        ("run-in-title", True, _rule_run_in_title),
    )
)


def continues(prev: tuple[int, ...] | None, key: tuple[int, ...], opens: bool = False) -> bool:
    """A loose heading's number follows ``prev``: the next number or a branch of it, or a restart at 1;
    with ``opens`` (a division just before, or ``①`` on the line: an excerpt may skip articles) any
    higher number."""
    if prev is None or key == (1,):
        return True
    return key > prev and (opens or key[0] <= prev[0] + 1)


def is_plain_title(line: Line) -> bool:
    """EU style: a heading's title on the line after ``Article 24a`` (or ``CHAPTER I``)."""
    t = line.text.strip()
    if not t or len(t) > 200 or t[-1] in ".;:,":
        return False
    if (
        PARAGRAPH_LABEL.match(t)
        or SUB_LABEL.match(t)
        or RANGE_LABEL.match(t)
        or t.startswith(("(", "[", "<"))
    ):
        return False
    return DIVISION.match(t) is None and line_heading(line) is None and ADDENDA.match(t) is None


def is_meta(line: Line) -> bool:
    if len(line.text) > 1000:
        return False
    text = line.text
    if META_ENTRY.search(text) is not None:
        return True
    return "호" in text and ko_meta_entry_pattern().search(text) is not None  # Korean entries need a 호


@dataclass(slots=True, eq=False, repr=False)  # the walk's state: never compared, never shown
class _Lexer:
    """Walks the lines once; ``current`` is the article or addenda block that text lines join."""

    lines: list[Line]
    out: Lexed = field(default_factory=Lexed)
    pending: list[DivisionLine] = field(default_factory=list)  # divisions waiting for their article
    current: ArticleUnit | AddendaUnit | None = None
    in_preamble: bool = True
    i: int = 0

    def run(self) -> Lexed:
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            if line.text and not line.text.isspace():  # not blank (without a stripped copy)
                self._line(line)
        self.out.trailing_divisions = self.pending
        return self.out

    def _line(self, line: Line) -> None:
        text = line.text
        first = initial(text)
        div = division_of(line) if first in DIVISION_INITIALS and _may_divide(first, text) else None
        head = self._heading(line) if div is None and first in HEADING_INITIALS else None
        add = ADDENDA.match(text) if div is None and head is None and first in ADDENDA_INITIALS else None
        if self.in_preamble:
            if div is None and head is None and add is None:
                self._preamble(line)
                return
            self.in_preamble = False
        if div is not None:
            self._division(line, div)
        elif isinstance(self.current, AddendaUnit) and add is None and not _restarts_body(self.current, head):
            self._addenda_line(line, self.current, head)
        elif head is not None:
            self._article(ArticleUnit(line, _indent(text), head, self.pending))
        elif add is not None:
            self.current = AddendaUnit(line, add)
            self.out.addenda.append(self.current)
        else:
            self._text_line(line)

    def _heading(self, line: Line) -> Head | None:
        """The first rule of :data:`HEADING_RULES` that reads ``line`` as a heading, if it is taken."""
        syntax = match_heading(line.text, _indent(line.text), _TITLED)
        if syntax is not None and syntax.title is not None:
            return syntax  # the first rule ("titled"), the common case, without the table's overhead
        seen = Seen(line, syntax, self.lines, self.i)
        for rule in HEADING_RULES[1:]:
            head = rule.match(seen)
            if head is None:
                continue
            if rule.loose:
                opens = bool(self.pending) or line.text[head.end :].lstrip()[:1] in _CIRCLED
                if not continues(self._last_key(), article_key(head.numbers[0]), opens):
                    self.out.skipped.append((line, f"{head.label} does not continue the numbering"))
                    return None
            return Head(head.start, head.end, head.numbers, head.title, head.label, rule.name)
        if HEADING_LIKE.match(line.text):
            self.out.skipped.append((line, "a heading in a form the reader does not know"))
        elif seen.head is not None and _title_like_rest(line, seen.head):
            self.out.skipped.append((line, f"{seen.head.label} followed by text no heading rule reads"))
        return None

    def _opens_prose(self, line: Line) -> bool:
        """After the title, a long sentence before any heading is a preamble printed without its heading
        (``유구한 역사와 … 개정한다.``, ``We the People … for the United States of America.``)."""
        text = line.text.strip()
        return self.out.title is not None and len(text) >= PROSE_MIN and text[-1] == "." and not is_meta(line)

    def _last_key(self) -> tuple[int, ...] | None:
        if isinstance(self.current, AddendaUnit):
            return self.current.last_key
        if self.out.articles:
            return article_key(self.out.articles[-1].numbers[-1])
        return None

    def _preamble(self, line: Line) -> None:
        """Before the first heading: chrome, the title, metadata, a preamble; anything else is stray."""
        if self.out.preamble:
            self.out.preamble.append(line)  # the preamble runs to the first heading
        elif PREAMBLE.match(line.text) or PREAMBLE_OPENING.match(line.text) or self._opens_prose(line):
            self.out.preamble.append(line)
        elif CHROME.match(line.text):
            self.out.chrome.append(line)
        elif is_meta(line):
            self.out.meta.append(line)
        elif self.out.title is None:
            self.out.title = line
        else:
            self.out.stray.append(line)

    def _article(self, unit: ArticleUnit) -> None:
        self.pending = []
        self.current = unit
        self.out.articles.append(unit)

    def _division(self, line: Line, div: DivisionLine) -> None:
        text = line.text
        if div.title_end == len(text) and not text[div.match.end() :].strip():
            nxt = _next_nonblank(self.lines, self.i)
            if nxt is not None and is_plain_title(self.lines[nxt]):  # EU: the title on the next line
                div = DivisionLine(line, div.match, div.title_end, self.lines[nxt])
                self.i = nxt + 1
        if div.title_end < len(text):  # "CHAPTER Ⅱ TITLE Article 5 (...)": the article starts here
            head = match_heading(text, div.title_end)
            assert head is not None
            self._article(ArticleUnit(line, div.title_end, head, [*self.pending, div]))
        else:
            self.pending.append(div)
            self.current = None

    def _addenda_line(self, line: Line, block: AddendaUnit, head: Head | None) -> None:
        if head is not None:
            block.last_key = article_key(head.numbers[-1])
            if head.rule in _LOOSE_RULES:  # the builder's strict test would not see it
                block.heads[line.start] = head
        table = TABLE.search(line.text) if head is None and may_be_table(line.text) else None
        if table is not None and not ARTICLE_RANGE.match(line.text):
            self.out.tables.append((line, table))
            self.current = None
        else:
            block.body.append(line)

    def _text_line(self, line: Line) -> None:
        """A line that starts nothing: a table title, an annex, text of the open article, or stray."""
        table = TABLE.search(line.text) if may_be_table(line.text) else None
        if table is not None:
            self.out.tables.append((line, table))
            self.current = None
        elif ANNEX.match(line.text):
            self.current = None  # an annex is no part of the last article: its lines stay unparsed
            self.out.stray.append(line)
        elif isinstance(self.current, ArticleUnit):
            self.current.body.append(line)
        elif CHROME.match(line.text):
            self.out.chrome.append(line)  # site navigation after the text (a footer)
        else:
            self.out.stray.append(line)


PROSE_MIN = 60  # characters of a sentence that opens a preamble without a heading
_TITLED = HEADING_RULES[0].name  # taken inline by _Lexer._heading
_CIRCLED = frozenset("①②③④⑤⑥⑦⑧⑨⑩")
_LOOSE_RULES = frozenset(r.name for r in HEADING_RULES if r.loose)


def lex(lines: list[Line]) -> Lexed:
    """One source's lines -> preamble, articles, addenda blocks, tables, stray lines."""
    return _Lexer(lines).run()


def _restarts_body(block: AddendaUnit, head: Head | None) -> bool:
    """An article heading that does not continue the block's own numbering (``Article 1`` after its
    ``Article 3``) is the body of a next version printed after this one's addenda."""
    return head is not None and block.last_key is not None and article_key(head.numbers[0]) <= block.last_key


def _next_nonblank(lines: list[Line], i: int) -> int | None:
    while i < len(lines):
        if lines[i].text and not lines[i].text.isspace():
            return i
        i += 1
    return None
