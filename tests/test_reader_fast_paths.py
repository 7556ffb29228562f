"""The reader's shortcuts decide exactly what the full test would.

Cheap pre-checks (first character of a line or label, brackets before note
patterns, ``str.replace`` for space normalisation, the GC pause) must never
change a result: each is checked here against the plain, slow definition.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.build import _Label, find_label
from corpus.lexer import (
    ADDENDA_INITIALS,
    DIVISION_INITIALS,
    HEADING_INITIALS,
    Line,
    division_of,
    initial,
    line_heading,
    may_be_table,
    range_heading,
    split_lines,
)
from corpus.model import Provision, ProvisionKind, SourceText, Span, fast_provision, fast_span
from corpus.notes import CACHED_LINE_CHARS, find_notes, notes_in
from corpus.patterns import (
    ADDENDA,
    INK,
    ITEM_LABEL,
    PARAGRAPH_LABEL,
    RANGE_LABEL,
    SUB_LABEL,
    SUBITEM_LABEL,
    TABLE,
    TYPO_LABEL,
)
from corpus.reader import _SPACES, plain_spaces, read
from tests.factory import provision

# ---------------------------------------------------------------- provision labels

LABEL_TOKENS = [
    "1",
    "12",
    "3",
    "１",  # full-width digit: a \d, and isdecimal()
    "٣",  # Arabic-Indic digit: a \d too
    "²",  # superscript two: isdigit() but no \d
    "①",  # circled one: isdigit() but no \d
    "㉑",
    "(",
    ")",
    ".",
    "-",
    "의",
    "가",
    "a",
    "ii",
    " ",
    "through",
    "x",
]


def _label_in_precedence_order(text: str, eu_style: bool) -> tuple[str, str, str, int] | None:
    """Every label pattern tried in the documented order, with no shortcut."""
    m = RANGE_LABEL.match(text)
    if m:
        return "subparagraph", m.group(0), f"{m['first']}-{m['last']}", m.end()
    m = PARAGRAPH_LABEL.match(text)
    if m:
        circled = m["circled"]
        number = m["number"] or str(
            ord(circled) - 0x2460 + 1 if ord(circled) <= 0x2473 else ord(circled) - 0x3251 + 21
        )
        return "paragraph", m.group(0), number, m.end()
    m = TYPO_LABEL.match(text) or SUB_LABEL.match(text)
    if m:
        kind = "paragraph" if eu_style else "subparagraph"
        return kind, m.group(0), m["number"].replace("의", "-"), m.end()
    m = ITEM_LABEL.match(text)
    if m:
        return "item", m.group(0), m["paren"] or m["dot"] or m["hangul"] or m["close"], m.end()
    m = SUBITEM_LABEL.match(text)  # Korean "1)" sub-items and "가)" below them
    if m:
        return ("subitem" if m["number"] else "subsubitem"), m.group(0), m["number"] or m["hangul"], m.end()
    return None


def _as_tuple(label: _Label | None) -> tuple[str, str, str, int] | None:
    return None if label is None else (label.kind, label.label, label.number, label.end)


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.sampled_from(LABEL_TOKENS), max_size=8), eu_style=st.booleans())
def test_label_dispatch_matches_the_full_order(parts: list[str], eu_style: bool) -> None:
    text = "".join(parts)
    assert _as_tuple(find_label(text, eu_style)) == _label_in_precedence_order(text, eu_style)


def test_label_dispatch_on_unicode_digits() -> None:
    assert _as_tuple(find_label("① text", False)) == ("paragraph", "①", "1", 1)
    assert _as_tuple(find_label("１. text", False)) == ("subparagraph", "１.", "１", 2)
    assert find_label("² text", False) is None


# ---------------------------------------------------------------- line starts

INDENTS = ["", " ", "  ", "\t", "\u3000", "\ufeff", " \ufeff"]
STARTS = [
    "Article 3 (Purpose)",
    "Article 24a",
    "Articles 2 through 6 Deleted.",
    "CHAPTER II GENERAL",
    "Chapter 3",
    "SECTION 1 Scope",
    "Part IV",
    "TITLE I",
    "ADDENDA",
    "Addendum <Ordinance No. 1, Jan. 1, 2020>",
    "제3조(목적)",
    "제2장 총칙",
    "제2조부터 제4조까지 삭제",
    "부칙",
    "附則",
    "(1) text",
    "1. text",
    "The Article 3",
    "a Chapter",
]


@settings(max_examples=300, deadline=None)
@given(
    indent=st.sampled_from(INDENTS),
    start=st.sampled_from(STARTS) | st.text(max_size=12),
    rest=st.sampled_from(["", " Omitted.", " 삭제", " of the Act", " (Title)"]),
)
def test_unit_precheck_never_hides_a_unit(indent: str, start: str, rest: str) -> None:
    line = Line(0, 0, indent + start + rest)
    first = initial(line.text)
    if division_of(line) is not None:
        assert first in DIVISION_INITIALS
    if line_heading(line) is not None or range_heading(line) is not None:
        assert first in HEADING_INITIALS
    if ADDENDA.match(line.text) is not None:
        assert first in ADDENDA_INITIALS


@given(st.text(alphabet=st.sampled_from([" ", "\t", "\u3000", "\ufeff", "A", "제", "(", "\n"]), max_size=6))
def test_initial_is_the_first_character_after_the_indent(text: str) -> None:
    assert initial(text) == text.lstrip(" \t\u3000\ufeff")[:1]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["(", ")", " ", "related to Article 3", "Related to Article 31-2", "제31조 관련", "제4조의2관련"]
        )
        | st.text(max_size=6),
        max_size=5,
    ).map("".join)
)
def test_table_precheck_never_hides_a_table(text: str) -> None:
    if TABLE.search(text) is not None:
        assert may_be_table(text)


def test_unit_precheck_rejects_text_lines() -> None:
    for text in ["(1) The Mayor shall", "1. definitions", "   ", "", "① 시장은", "가. 정보"]:
        assert initial(text) not in DIVISION_INITIALS | HEADING_INITIALS | ADDENDA_INITIALS


# ---------------------------------------------------------------- notes


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(
        st.sampled_from(["<Amended on Jan. 1, 2020>", "[Deleted]", "<", "]", "x ", "삭제 ", "<2014. 1. 9.>"]),
        max_size=6,
    )
)
def test_cached_notes_equal_a_fresh_scan(parts: list[str]) -> None:
    line = "".join(parts)
    assert notes_in(line) == tuple(find_notes(line))


# ---------------------------------------------------------------- spaces


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from([*_SPACES, "a", " ", "(", ")", "가", "\n"]), max_size=40))
def test_plain_spaces_is_the_character_map(text: str) -> None:
    plain = plain_spaces(text)
    assert plain == text.translate(str.maketrans(_SPACES))
    assert len(plain) == len(text)


def test_plain_spaces_keeps_other_characters() -> None:
    assert plain_spaces("제1조（목적）\xa0이\t조례") == "제1조(목적) 이 조례"


# ---------------------------------------------------------------- the GC pause


def test_read_leaves_the_collector_as_it_found_it() -> None:
    src = (SourceText(name="a.txt", text="Article 1 (Purpose)\n(1) Text. <Amended on Jan. 1, 2020>\n"),)
    was = gc.isenabled()
    try:
        gc.enable()
        read(src, name="a")
        assert gc.isenabled()
        gc.disable()
        doc = read(src, name="a")
        assert not gc.isenabled()
        assert [a.number for a in doc.old.articles] == ["1"]
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def test_precedence_reference_knows_every_label_pattern() -> None:
    """The reference above names each label pattern the builder uses (guards against a new one)."""
    import corpus.build as build

    used = set(re.findall(r"\b([A-Z_]+_LABEL)\b", Path(build.__file__).read_text(encoding="utf-8")))
    known = {"RANGE_LABEL", "PARAGRAPH_LABEL", "TYPO_LABEL", "SUB_LABEL", "ITEM_LABEL", "SUBITEM_LABEL"}
    assert used == known


def test_unit_samples_are_units_of_their_kind() -> None:
    """The samples above do reach each pattern (so the property is not vacuous)."""
    assert division_of(Line(0, 0, "\tCHAPTER II GENERAL")) is not None
    assert division_of(Line(0, 0, "제2장 총칙")) is not None
    assert line_heading(Line(0, 0, "\u3000Article 24a")) is not None
    assert line_heading(Line(0, 0, "\ufeff제3조(목적)")) is not None
    assert range_heading(Line(0, 0, "제2조부터 제4조까지 삭제")) is not None
    assert ADDENDA.match("附則") is not None


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=12))
def test_ink_is_what_strip_keeps(text: str) -> None:
    assert (INK.search(text) is not None) == bool(text.strip())


def test_ink_on_every_space_character() -> None:
    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()]
    assert len(spaces) > 20
    assert all(INK.search(ch) is None for ch in spaces)
    assert INK.search("\u200b") is not None  # zero-width space: not whitespace to str.strip() either


def test_long_lines_are_read_without_the_cache() -> None:
    line = "x " * CACHED_LINE_CHARS + "<Amended on Jan. 1, 2020>"
    notes = notes_in(line)
    assert [e.date for n in notes for e in n.events] == ["2020-01-01"]
    assert notes == tuple(find_notes(line))


# ---------------------------------------------------------------- objects made by setting their slots

_LINE_BREAK_CHARS = "\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"


@given(
    st.one_of(
        st.text(alphabet="a 제\n", max_size=40),  # "\n" only: cut by str.split
        st.lists(st.sampled_from(["a", " ", "\n", "\r\n", *_LINE_BREAK_CHARS]), max_size=40).map("".join),
    ),
    st.integers(0, 3),
)
def test_split_lines_cuts_as_splitlines_does(text: str, source: int) -> None:
    expected, pos = [], 0
    for chunk in text.splitlines(keepends=True):
        expected.append(Line(source, pos, chunk.rstrip(_LINE_BREAK_CHARS)))
        pos += len(chunk)
    assert split_lines(text, source) == expected


@given(
    st.sampled_from(["paragraph", "subparagraph", "item", "subitem", "subsubitem"]),
    st.text(max_size=5),
    st.text(max_size=5),
    st.text(max_size=20),
    st.booleans(),
    st.integers(0, 2),
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    st.text(max_size=20),
)
def test_fast_constructors_make_what_the_dataclasses_make(
    kind: ProvisionKind,
    label: str,
    number: str,
    text: str,
    deleted: bool,
    source: int,
    start: int,
    end: int,
    eid: str,
) -> None:
    span = fast_span(source, start, end)
    assert span == Span(source=source, start=start, end=end)
    child = provision("(1)", "child")
    fields = {
        "kind": kind,
        "label": label,
        "number": number,
        "text": text,
        "notes": (),
        "children": (child,),
        "span": span,
        "eid": eid,
        "deleted": deleted,
    }
    assert set(fields) == {f.name for f in dataclasses.fields(Provision)}  # every field is set
    assert fast_provision(**fields) == dataclasses.replace(child, **fields)  # replace: the dataclass __init__
