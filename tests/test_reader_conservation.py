"""Conservation: ``Document.pieces`` partitions every non-whitespace character exactly once.

Checked on both bundled documents and on randomly mutated copies (lines deleted,
duplicated, shuffled, truncated, random unicode inserted), and every piece's text
must be reachable from the parsed tree (notes' raw, provision text, headings...).
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.lexer import Line
from corpus.model import Document, Provision, SourceText
from corpus.reader import meta_entries, plain_spaces, read
from corpus.sources import find_bundled, read_path
from tests.test_reader_korean import SAMPLE as KOREAN_SAMPLE


@cache
def bundled_texts(name: str) -> tuple[str, ...]:
    doc = find_bundled(name)
    assert doc is not None
    return tuple(read_path(f).text for f in doc.files)


def norm(text: str) -> str:
    """Whitespace-normalised text as the reader matches it (full-width parentheses read as ASCII)."""
    return " ".join(plain_spaces(text).split())


def _provisions(ps: tuple[Provision, ...]) -> list[Provision]:
    out: list[Provision] = []
    for p in ps:
        out.append(p)
        out.extend(_provisions(p.children))
    return out


def reachable_strings(doc: Document) -> dict[str, list[str]]:
    """For each piece kind, the tree strings a piece of that kind must be found in."""
    kinds = ("heading", "heading_starts", "label", "text", "division", "addenda", "table", "preamble")
    out: dict[str, list[str]] = {k: [] for k in kinds}
    out["header"] = [norm(doc.title)]
    for v in doc.versions:
        out["header"] += [norm(v.title)]
        for a in v.articles:
            out["heading"].append(norm(f"Article {a.number} ({a.title}) {a.title}"))
            out["heading"].append(norm(f"{a.label} {a.title}"))
            out["heading_starts"].append(str(a.span.start))
            out["text"].append(norm(a.text))
            out["label"] += [p.label for p in _provisions(a.paragraphs)]
        if v.preamble is not None:
            out["preamble"] += [norm(v.preamble.heading), norm(v.preamble.text)]
        for d in v.divisions:
            out["division"].append(f"{d.span.source}:{d.span.start}:{d.span.end}")
        for b in v.addenda:
            out["addenda"] += [norm(b.heading), norm(b.text)]
        for t in v.tables:
            out["table"].append(f"{''.join(t.title.split())}|{t.article}")
    return out


def note_spans(doc: Document) -> set[tuple[int, int, int]]:
    return {
        (n.span.source, n.span.start, n.span.end)
        for v in doc.versions
        for a in v.articles
        for n in a.all_notes()
    }


def assert_conserved(doc: Document) -> None:
    # 1. disjoint and exactly covering every non-whitespace character
    for i, src in enumerate(doc.sources):
        pieces = sorted((p for p in doc.pieces if p.span.source == i), key=lambda p: p.span.start)
        pos = 0
        for p in pieces:
            assert p.span.start >= pos, f"overlapping pieces at {p.span}"
            assert src.text[pos : p.span.start].strip() == "", f"uncovered text before {p.span}"
            assert p.span.end > p.span.start
            pos = p.span.end
        assert src.text[pos:].strip() == "", "uncovered text at the end"
    # 2. each piece reachable from the tree
    strings = reachable_strings(doc)
    notes = note_spans(doc)
    warned = [w.span for w in doc.warnings if w.span is not None]
    for p in doc.pieces:
        text = norm(doc.text_of(p.span))
        if p.kind == "note":
            assert (p.span.source, p.span.start, p.span.end) in notes, text
        elif p.kind == "unparsed":
            assert any(w.source == p.span.source and w.start <= p.span.start < w.end for w in warned), text
        elif p.kind == "chrome":
            continue
        elif p.kind == "header" and text not in strings["header"]:  # a metadata line: names versions
            assert meta_entries([Line(p.span.source, p.span.start, doc.text_of(p.span))]), text
        elif p.kind == "header":
            continue
        elif p.kind == "division":  # inside the span of a division of the tree
            spans = [tuple(map(int, x.split(":"))) for x in strings["division"]]
            assert any(s == p.span.source and a <= p.span.start and p.span.end <= b for s, a, b in spans), (
                text
            )
        elif p.kind == "heading" and str(p.span.start) in strings["heading_starts"]:
            continue  # the heading that starts an article's span
        elif p.kind == "label":
            assert text in strings["label"], text
        elif p.kind == "table":  # the title, then "(related to Article N)" / "(제N조 관련)"
            squeezed = "".join(text.split())
            assert any(
                squeezed.startswith(title) and number in squeezed[len(title) :]
                for title, number in (t.split("|") for t in strings["table"])
            ), text
        else:
            assert any(text in s for s in strings[p.kind]), (p.kind, text)


def parse(*texts: str) -> Document:
    return read(tuple(SourceText(name=f"s{i}.txt", text=t) for i, t in enumerate(texts)), name="t")


def test_bundled_documents_are_conserved() -> None:
    for name in ("seoul-informatization", "kr-ai-framework-act"):
        doc = parse(*bundled_texts(name))
        assert_conserved(doc)
        assert not [p for p in doc.pieces if p.kind == "unparsed"], name
        assert not [w for w in doc.warnings if w.code in ("unparsed-line", "unplaced-text")], name


def test_style_texts_are_conserved() -> None:
    """Every text of tests/texts/ (each common style): each character in one piece reachable from the tree."""
    root = Path(__file__).parent / "texts"
    for style in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(style.glob("*.txt"), key=lambda f: f.name != "old.txt")  # old first
        doc = parse(*(f.read_text(encoding="utf-8") for f in files))
        assert_conserved(doc)
        assert not [p for p in doc.pieces if p.kind == "unparsed"], style.name


def mutate(text: str, seed: int, ops: list[str], junk: str) -> str:
    rng = random.Random(seed)
    lines = text.splitlines(keepends=True)
    for op in ops:
        if not lines:
            break
        i = rng.randrange(len(lines))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "shuffle":
            j = min(len(lines), i + rng.randint(2, 12))
            chunk = lines[i:j]
            rng.shuffle(chunk)
            lines[i:j] = chunk
        elif op == "truncate":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: rng.randrange(len(lines[-1]) + 1)]
        elif op == "insert":
            k = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:k] + junk + lines[i][k:]
    return "".join(lines)


OPS = st.lists(
    st.sampled_from(["delete", "duplicate", "shuffle", "truncate", "insert"]), min_size=1, max_size=8
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), ops=OPS, junk=st.text(max_size=30))
def test_mutated_seoul_page_is_conserved(seed: int, ops: list[str], junk: str) -> None:
    (page,) = bundled_texts("seoul-informatization")
    assert_conserved(parse(mutate(page, seed, ops, junk)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), ops=OPS, junk=st.text(max_size=30))
def test_mutated_act_pair_is_conserved(seed: int, ops: list[str], junk: str) -> None:
    old, new = bundled_texts("kr-ai-framework-act")
    assert_conserved(parse(mutate(old, seed, ops, junk), mutate(new, seed + 1, ops, junk)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), ops=OPS, junk=st.text(max_size=30))
def test_mutated_korean_sample_is_conserved(seed: int, ops: list[str], junk: str) -> None:
    assert_conserved(parse(mutate(KOREAN_SAMPLE, seed, ops, junk)))


STYLE_TEXTS = sorted((Path(__file__).parent / "texts").glob("*/*.txt"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(0, len(STYLE_TEXTS) - 1), seed=st.integers(0, 2**32), ops=OPS, junk=st.text(max_size=30)
)
def test_mutated_style_texts_are_conserved(index: int, seed: int, ops: list[str], junk: str) -> None:
    text = STYLE_TEXTS[index].read_text(encoding="utf-8")
    assert_conserved(parse(mutate(text, seed, ops, junk)))


TOKENS = [
    "Article 1 (",
    "Article 2 ",
    "Article 3 (Title)",
    "(1) ",
    "1. ",
    "2.3. ",
    "a. ",
    "(a) ",
    "<Amended on Jan. 2, 2020>",
    "<by Ordinance No. 5, Jan. 9, 2014>",
    "[Title Amended on Jan. 2, 2020]",
    "[Enforcement Date: Jan. 24, 2026] ",
    "ADDENDA",
    "ADDENDUM <Act No. 1, Jan. 2, 2020>",
    "CHAPTER I ",
    "CHAPTER Ⅱ ",
    "\n",
    " ",
    ")",
    "(",
    "<",
    "[",
    "Omitted.",
    "Deleted.",
    "(related to Article 1)",
    "  • ",
    "home Home > ",
    "Whole Amendment No. 7, Mar. 28, 2019 ",
    "\u3000",
    "\r\n",
    "\u2028",
    "제1조(목적) ",
    "제2조의2 ",
    "① ",
    "가. ",
    "1의2. ",
    "제1장 ",
    "부칙 <제7026호, 2019. 3. 28.>",
    "<개정 2013. 8. 1., 2018. 3. 22.>",
    "삭제 <2014. 1. 9.>",
    "[본조신설 2013. 8. 1.]",
    "(제1조 관련)",
    "제3조 ①",
    "제1관 ",
    "전문\n",
    "Whereas:\n",
    "Article premier\n",
    "Article 3 bis ",
    "§ 4 Zweck\n",
    "Sec. 5. Short title.\n",
    "ARTICLE V (X)\n",
    "1) ",
    "가) ",
    "a) ",
    "[제5조에서 이동 <2019. 3. 28.>]",
    "[종전 제5조는 제6조로 이동 <2019. 3. 28.>]",
]


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=40))
def test_random_token_soup_is_conserved(parts: list[str]) -> None:
    assert_conserved(parse("".join(parts)))


def test_coverage_walks_every_source_in_order() -> None:
    """An empty old text, a new one, and a third source the reader does not read: each source is
    covered on its own and the pieces come in (source, start) order."""
    doc = parse("", "Article 1 (Purpose)\n(1) Text. <Amended on Jan. 1, 2020>\n", "kept unread")
    assert_conserved(doc)
    keys = [(p.span.source, p.span.start) for p in doc.pieces]
    assert keys == sorted(keys)
    by_source = [
        [doc.sources[s].text[p.span.start : p.span.end] for p in doc.pieces if p.span.source == s]
        for s in range(3)
    ]
    assert by_source == [
        [],
        ["Article 1 (Purpose)", "(1)", "Text.", "<Amended on Jan. 1, 2020>"],
        ["kept unread"],
    ]
