"""The analysis' fast paths give what a plain scan gives (issue 14): so speed cannot silently change results.

Each indexed or shortened step is checked against a straightforward reference written here (or kept
beside it in the module as the plain scan): the look-ups (``analysis.lookup``) against the model's own
scans, phrase search and word extraction against their definitions, and the whole analysis -- candidate
substitutions searched through inverted indexes, survivors through an index of the new articles' words
-- against the same passes run with the model's look-ups and full scans, on small random documents.
"""

from __future__ import annotations

import functools
import gc
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis import patterns
from analysis.changetypes import classify
from analysis.checks import check_notes
from analysis.locations import Concordance, sites
from analysis.lookup import Lookup
from analysis.patterns import (
    DEFINITION,
    DEFINITION_WORD,
    KO_REFERENCE,
    KO_REFERENCE_MARKS,
    REFERENCE,
    REFERENCE_HEADS,
    REFERENCE_START,
    WORD_CORE,
)
from analysis.references import _reference_matches, check_references, reference_spans
from analysis.regions import Region, all_regions, diff_regions, text_words, words_of
from analysis.substitutions import (
    MARK,
    MIN_COUNT,
    Substitution,
    SubstitutionResult,
    _accept,
    _applies,
    _candidate,
    _consume,
    _find,
    _named,
    _pieces,
    _survives,
    _up_to,
    _variant,
    _Work,
    definitions,
    explained,
    find_substitutions,
    hide_substitutions,
)
from corpus import load_document
from corpus.model import SourceText, Version
from corpus.reader import read
from diffing import compare
from diffing.model import Comparison, TextDiff
from diffing.tokens import tokenize

# ---------------------------------------------------------------- references (plain scans)


class ModelLookup(Lookup):
    """The :class:`Lookup` interface answered by the model's own linear scans."""

    __slots__ = ()

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison

    def article(self, side, number):
        return self.version(side).article(number)

    def by_eid(self, side, eid):
        return self.version(side).by_eid(eid)

    def articles(self, side, pair):
        return self.comparison.articles(side, pair)

    def pair_for(self, side, number):
        return self.comparison.pair_for(side, number)

    def element(self, side, eid):
        return self.version(side).element(eid)


def reference_find(seq: list[str], phrase: tuple[str, ...], start: int = 0) -> int:
    """``_find`` as first written: every start tried."""
    n = len(phrase)
    for i in range(start, len(seq) - n + 1):
        if tuple(seq[i : i + n]) == phrase:
            return i
    return -1


def reference_survivors(version: Version, old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """Survivors as first found: every in-force article tokenized and scanned."""
    out: list[str] = []
    for article in version.articles:
        if article.status != "in_force":
            continue
        if _survives(list(words_of(tokenize(article.title + " " + article.text))), old, new):
            out.append(article.number)
    return tuple(out)


def reference_word(token: str) -> str:
    m = WORD_CORE.match(token.strip())
    return m["core"] if m else token.strip()


def reference_substitutions(comparison: Comparison, regions: list[Region]) -> SubstitutionResult:
    """``find_substitutions`` as first written: each candidate tried on all regions, every article scanned."""
    work = [_Work(region=r, old=list(r.old), new=list(r.new)) for r in regions]
    order = {p.key: k for k, p in enumerate(comparison.pairs)}
    candidates: dict[tuple[tuple[str, ...], tuple[str, ...]], None] = {}
    for w in work:
        whole = _candidate(w.region.old, w.region.new)
        if whole:
            candidates[whole] = None
    for w in work:
        for piece in _pieces(w.region.old, w.region.new):
            cand = _candidate(*piece)
            if cand:
                candidates[cand] = None
    accepted = []
    old_defs, new_defs = definitions(comparison.old), definitions(comparison.new)
    for term, (old_name, old_art) in old_defs.items():
        if term not in new_defs:
            continue
        new_name, new_art = new_defs[term]
        cand = (_up_to(old_name, term), _up_to(new_name, term))
        if _variant(" ".join(cand[0]), " ".join(cand[1])) or cand[0][-1:] != cand[1][-1:]:
            continue
        hits = _accept(work, *cand)
        where = {w.region.pair for w in hits}
        for pair in (comparison.pair_for("old", old_art), comparison.pair_for("new", new_art)):
            if pair is not None:
                where.add(pair.key)
        accepted.append((cand[0], cand[1], "definition", where, max(1, len(hits))))
    terms = (
        {" ".join(n).casefold() for n, _ in (*old_defs.values(), *new_defs.values())}
        | set(old_defs)
        | set(new_defs)
    )
    for old, new in sorted(candidates, key=lambda c: (-(len(c[0]) + len(c[1])), c)):
        count = sum(_applies(w, old, new) for w in work)
        if count < MIN_COUNT or not (
            _named(old) or _named(new) or {" ".join(old).casefold(), " ".join(new).casefold()} & terms
        ):
            continue
        hits = _accept(work, old, new)
        accepted.append((old, new, "word-diff", {w.region.pair for w in hits}, len(hits)))
    subs = tuple(
        Substitution(
            old=" ".join(old),
            new=" ".join(new),
            count=count,
            where=tuple(sorted(where, key=lambda k: order.get(k, len(order)))),
            survivors=reference_survivors(comparison.new, old, new),
            source=source,
        )
        for old, new, source, where, count in accepted
    )
    return SubstitutionResult(
        substitutions=subs,
        explained_regions=frozenset(k for k, w in enumerate(work) if explained(w.old, w.new)),
        substituted_regions=frozenset(k for k, w in enumerate(work) if MARK in w.old or MARK in w.new),
        regions=tuple(regions),
    )


def reference_hide(diff: TextDiff, substitutions: Iterable[Substitution]) -> TextDiff:
    """``hide_substitutions`` as first written: every phrase tried on every region."""
    phrases = [(tuple(s.old.split(" ")), tuple(s.new.split(" "))) for s in substitutions]
    hidden = []
    for i1, i2, j1, j2 in diff_regions(diff):
        rest_old = list(words_of(diff.old_tokens[i1:i2]))
        rest_new = list(words_of(diff.new_tokens[j1:j2]))
        for old, new in phrases:
            while reference_find(rest_old, old) >= 0 and reference_find(rest_new, new) >= 0:
                _consume(rest_old, old)
                _consume(rest_new, new)
        if MARK in rest_old and explained(rest_old, rest_new):
            hidden.append((i1, i2, j1, j2))
    if not hidden:
        return diff
    out = []
    for op in diff.opcodes:
        _tag, a1, a2, b1, b2 = op
        box = next((h for h in hidden if h[0] <= a1 and a2 <= h[1] and h[2] <= b1 and b2 <= h[3]), None)
        out.append(op if box is None else ("equal", a1, a2, b1, b2))
    merged: list = []
    for op in out:
        last = merged[-1] if merged else None
        if last is not None and last[0] == op[0] == "equal" and last[2] == op[1] and last[4] == op[3]:
            merged[-1] = ("equal", last[1], op[2], last[3], op[4])
        else:
            merged.append(op)
    return TextDiff(old_tokens=diff.old_tokens, new_tokens=diff.new_tokens, opcodes=tuple(merged))


def assert_hidden_as_the_plain_scan(comparison: Comparison, subs: tuple[Substitution, ...]) -> int:
    """Every row's diff with the substitutions hidden, fast and plain; the number of rows changed by it."""
    changed = 0
    for pair in comparison.pairs:
        for row in pair.rows:
            fast = hide_substitutions(row.diff, subs)
            assert fast == reference_hide(row.diff, subs)
            assert hide_substitutions(row.diff, list(subs)) == fast  # not the cached index
            changed += fast != row.diff
    return changed


def reference_analysis(comparison: Comparison) -> analysis.Analysis:
    slow = ModelLookup(comparison)
    regions = all_regions(comparison, slow)
    subs = reference_substitutions(comparison, regions)
    return analysis.Analysis(
        substitutions=subs.substitutions,
        references=check_references(comparison, Concordance(comparison, slow), slow),
        checks=check_notes(comparison, subs.regions, slow),
        types={t.key: t for t in classify(comparison, subs, slow)},
    )


# ---------------------------------------------------------------- random documents

NAMES = (
    "Testing Board",
    "Evaluation Council",
    "Director",
    "Commissioner",
    "Smart City Committee",
    "Informatization Strategy Committee",
    "Mayor",
    "Minister",
)
TITLES = ("Purpose", "Board", "Reports", "Fees", "Plans", "Members", "Penalty", "Duties")
SENTENCES = (
    "The {a} shall report to the {b} under Article {k}.",
    'The {a} (hereinafter referred to as the "{short}") shall be established under the {b}.',
    "The members under paragraph (1) shall be appointed by the {a}.",
    "The {a} shall make the plans prescribed by Article {k} (2).",
    "Fees shall be paid to the {a} as prescribed by the preceding paragraph.",
    "The {a} and the {b} shall consult each other.",
)
NOTE = " <Amended by Act No. 200, Jun. 1, 2021>"

name = st.sampled_from(NAMES)
sentence = st.tuples(st.sampled_from(SENTENCES), name, name, st.integers(1, 9))
article = st.tuples(st.sampled_from(TITLES), st.lists(sentence, min_size=1, max_size=3))
# per old article: kept?, renamed in which paragraphs, a note?; then articles inserted
change = st.tuples(st.booleans(), st.lists(st.booleans(), min_size=3, max_size=3), st.booleans())


def render(title: str, paragraphs: list[str], number: int) -> str:
    if len(paragraphs) == 1:
        return f"Article {number} ({title}) {paragraphs[0]}"
    body = "\n".join(f"({k}) {p}" for k, p in enumerate(paragraphs, 1))
    return f"Article {number} ({title}) {body}"


def fill(template: str, a: str, b: str, k: int) -> str:
    return template.format(a=a, b=b, k=k, short=a.split()[-1])


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    arts = draw(st.lists(article, min_size=2, max_size=7))
    renames = draw(st.dictionaries(name, name, min_size=1, max_size=3))
    changes = draw(st.lists(change, min_size=len(arts), max_size=len(arts)))
    inserted = draw(st.lists(article, max_size=2))
    old_lines, new_lines, number = [], [], 0
    for n, ((title, sents), (kept, renamed, noted)) in enumerate(zip(arts, changes, strict=True), 1):
        old_lines.append(render(title, [fill(*s) for s in sents], n))
        if not kept:
            continue
        paragraphs = []
        for k, (template, a, b, ref) in enumerate(sents):
            if renamed[k]:
                a, b = renames.get(a, a), renames.get(b, b)
            paragraphs.append(fill(template, a, b, ref) + (NOTE if noted and renamed[k] else ""))
        number += 1
        new_lines.append(render(renames.get(title, title), paragraphs, number))
    for title, sents in inserted:
        number += 1
        new_lines.append(render(title, [fill(*s) for s in sents], number))
    head = "SAMPLE ACT ON TESTING\n"
    old = head + "Partial Amendment No. 100, Jan. 1, 2020\n" + "\n".join(old_lines) + "\n"
    new = head + "Partial Amendment No. 200, Jun. 1, 2021\n" + "\n".join(new_lines or ["Article 1 (X) X."])
    return old, new + "\n"


def comparison_of(old: str, new: str) -> Comparison:
    sources = (SourceText(name="old.txt", text=old), SourceText(name="new.txt", text=new))
    return compare(read(sources, name="sample"))


@functools.cache
def bundled(name: str) -> Comparison:
    return compare(load_document(name))


# ---------------------------------------------------------------- tests


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_analysis_equals_the_plain_scan_on_random_documents(texts: tuple[str, str]) -> None:
    comparison = comparison_of(*texts)
    fast, slow = analysis.analyse(comparison), reference_analysis(comparison)
    assert fast == slow
    assert_hidden_as_the_plain_scan(comparison, fast.substitutions)


def test_the_analysis_equals_the_plain_scan_on_the_bundled_documents() -> None:
    for name in ("seoul-informatization", "kr-ai-framework-act"):
        comparison = bundled(name)
        fast = analysis.analyse(comparison)
        assert fast == reference_analysis(comparison)
        assert fast.substitutions  # both documents rename something: the search has work to do
        assert assert_hidden_as_the_plain_scan(comparison, fast.substitutions) > 0


def test_a_rename_with_a_survivor_as_the_plain_scan_finds_it() -> None:
    old = (
        "SAMPLE ACT\nPartial Amendment No. 100, Jan. 1, 2020\n"
        "Article 1 (Purpose) The Director shall report to the Mayor.\n"
        "Article 2 (Duties) The Director shall make the plans.\n"
        "Article 3 (Fees) Fees shall be paid to the Director.\n"
    )
    new = old.replace("No. 100, Jan. 1, 2020", "No. 200, Jun. 1, 2021")
    new = new.replace("The Director shall", "The Commissioner shall")
    result = find_substitutions(comparison_of(old, new))
    (sub,) = result.substitutions
    assert (sub.old, sub.new, sub.count, sub.survivors) == ("Director", "Commissioner", 2, ("3",))
    assert result == reference_substitutions(comparison_of(old, new), list(result.regions))


def test_lookup_answers_as_the_model_does() -> None:
    for name in ("seoul-informatization", "kr-ai-framework-act"):
        comparison = bundled(name)
        fast, slow = Lookup(comparison), ModelLookup(comparison)
        for side in ("old", "new"):
            version = fast.version(side)
            eids = []
            for a in version.articles:
                assert fast.article(side, a.number) is slow.article(side, a.number)
                assert fast.by_eid(side, a.eid) is slow.by_eid(side, a.eid)
                assert fast.pair_for(side, a.number) is slow.pair_for(side, a.number)
                eids.append(a.eid)
                eids.extend(p.eid for _path, p, _text in sites(a) if p is not None)
            eids += [f"{e}__para_99" for e in eids[:5]] + ["art_99999", "nothing"]
            eids += [b.eid for b in version.addenda]
            for eid in eids:
                assert fast.element(side, eid) is slow.element(side, eid), eid
            for pair in comparison.pairs:
                assert fast.articles(side, pair) == slow.articles(side, pair)
            assert fast.article(side, "99999") is None and fast.pair_for(side, "99999") is None


phrase_word = st.sampled_from(("a", "b", "c", MARK))


@given(
    st.lists(phrase_word, max_size=12),
    st.lists(phrase_word, max_size=4).map(tuple),
    st.integers(0, 14),
)
def test_find_is_the_plain_scan(seq: list[str], phrase: tuple[str, ...], start: int) -> None:
    assert _find(seq, phrase, start) == reference_find(seq, phrase, start)


tokens = st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=8), max_size=10)


@given(tokens)
def test_words_of_is_word_of_each_token(ts: list[str]) -> None:
    assert words_of(ts) == tuple(w for w in (reference_word(t) for t in ts) if w)


def test_words_of_on_real_tokens() -> None:
    text = 'The term "artificial intelligence" (AI_system) means: 제5조제1항; ⅳ, x² — 「스마트도시법」.'
    toks = tokenize(text)
    assert words_of(toks) == tuple(w for w in (reference_word(t) for t in toks) if w)
    assert "intelligence" in words_of(toks) and "AI_system" in words_of(toks)


# pieces of text: words, underscores (also more than WORD_CORE strips at once), marks, other scripts
PIECES = [*"aZ_9 \n.,(", "_" * 21, "가", "ⅳ", "²", "\u00a0"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(texts)
def test_text_words_are_the_words_of_the_tokens(text: str) -> None:
    assert text_words(text) == words_of(tokenize(text))


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_text_words_of_ascii_text_are_the_words_of_the_tokens(text: str) -> None:
    """The byte-translation path (ASCII text without ``_``) and the regex path agree."""
    assert text_words(text) == words_of(tokenize(text))


def test_text_words_split_at_each_ascii_character_as_the_regex_does() -> None:
    for code in range(128):
        text = f"ab{chr(code)}cd 1{chr(code)}"
        assert text_words(text) == words_of(tokenize(text)), repr(chr(code))


REFERENCE_WORDS = ("Article", "Articles", "paragraph", "subparagraph", "point", "item", "this", "The")
OTHER_WORDS = ("same", "preceding", "of", "the", "Act", " ", "(1)", "(a)", "2", "3", "through", "and", "-")
NUMBERS = ("2", "3", "(1)", "(a)", "5-2")
PARTS = (*REFERENCE_WORDS, *OTHER_WORDS, *NUMBERS, *NUMBERS, "x", "Art", "para", "Article 2", "Articles 2")
english = st.lists(st.sampled_from(PARTS), max_size=12).map(" ".join)


# REFERENCE without its fail-fast look-ahead (the first line of the pattern)
LOOKAHEAD = "(?=[ApsitT])"
PLAIN_REFERENCE = re.compile(REFERENCE.pattern.replace(LOOKAHEAD, "", 1), re.VERBOSE)


@given(english)
def test_every_english_reference_has_one_of_the_heads(text: str) -> None:
    # so _english may skip a text without any of them; and the look-ahead changes no match
    assert LOOKAHEAD in REFERENCE.pattern
    found = [(m.span(), m.groupdict()) for m in REFERENCE.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in PLAIN_REFERENCE.finditer(text)]
    for m in REFERENCE.finditer(text):
        assert any(head in m[0] for head in REFERENCE_HEADS), m[0]


# the same words joined with no space, a hyphen or other spacing too (for the look-behind and [ ]{1,3})
packed_english = st.lists(
    st.tuples(st.sampled_from(PARTS), st.sampled_from(("", " ", "  ", "-", "x", "\n", "    "))), max_size=14
).map(lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=500, deadline=None)
@given(st.one_of(english, packed_english))
def test_reference_matches_are_what_finditer_finds(text: str) -> None:
    found = [(m.span(), m.groupdict()) for m in REFERENCE.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in _reference_matches(text, patterns)] == found
    for m in REFERENCE.finditer(text):  # each match starts where REFERENCE_START says one may
        assert REFERENCE_START.match(text, m.start()), (text, m[0])


RELATIVE_AND_HEADS = (
    *("the preceding paragraph", "The preceding paragraph", "this paragraph", "This paragraph"),
    *("this Article", "This Article", "the same Article", "The same Article", "the same paragraph"),
    *("The same paragraph", "Article 3", "Articles 2 and 3", "paragraph (1)", "paragraphs (2)"),
    *("subparagraph 2", "subparagraphs 4 (d)", "point (a)", "item (b)", "Article 10(3)"),
)


def test_reference_matches_find_every_form() -> None:
    for phrase in RELATIVE_AND_HEADS:
        for text in (phrase, f"x {phrase} of Article 2.", f"x-{phrase} {phrase}", f"({phrase})"):
            found = [m.span() for m in REFERENCE.finditer(text)]
            assert found, text
            assert [m.span() for m in _reference_matches(text, patterns)] == found, text


def test_reference_matches_on_the_bundled_documents() -> None:
    for name in ("seoul-informatization", "kr-ai-framework-act"):
        comparison = bundled(name)
        texts = [t for v in (comparison.old, comparison.new) for a in v.articles for _, _, t in sites(a)]
        found = [[m.span() for m in REFERENCE.finditer(t)] for t in texts]
        assert sum(map(len, found)) > 10, name  # the documents do refer to their provisions
        assert [[m.span() for m in _reference_matches(t, patterns)] for t in texts] == found


# definitions and near misses: each slot of '(hereinafter referred to as the "X")' with variants
definitions_text = st.tuples(
    st.sampled_from(("", " ", "  ", "x")),
    st.sampled_from(("(", "( ", "")),
    st.sampled_from(("hereinafter", "Hereinafter", "herein")),
    st.sampled_from((" referred to as ", " called ", "  referred  to  as  ", " named ")),
    st.sampled_from(("the ", "", "a ")),
    st.sampled_from(('"Board"', "“Board”", '"Board', '""', '"x y"')),
    st.sampled_from((")", " )", "")),
).map("".join)


@given(definitions_text)
def test_every_definition_has_the_definition_word(text: str) -> None:
    # so definitions() may skip a text without it
    for m in DEFINITION.finditer(text):
        assert DEFINITION_WORD in m[0], m[0]


def test_a_definition_is_still_read() -> None:
    # old Article 5: '... by the Informatization Strategy Committee of the Seoul Metropolitan Government
    # (hereinafter referred to as the "Committee")'
    name = ("Informatization", "Strategy", "Committee", "of", "the", "Seoul", "Metropolitan", "Government")
    assert definitions(bundled("seoul-informatization").old)["committee"] == (name, "5")


korean = st.text(alphabet="제의같은동전이가나다라법령례칙「」 0123456789조항호목", max_size=30)


@given(korean)
def test_every_korean_reference_has_one_of_the_marks(text: str) -> None:
    # so _korean may skip a text without any of them
    for m in KO_REFERENCE.finditer(text):
        assert any(mark in m[0] for mark in KO_REFERENCE_MARKS), m[0]


def test_no_korean_reference_mark_is_ascii() -> None:
    # so an ASCII text is not searched for one
    assert KO_REFERENCE_MARKS and not any(mark.isascii() for mark in KO_REFERENCE_MARKS)


def test_english_references_of_each_head_are_still_found() -> None:
    text = "under Article 5, paragraph (2), point (b) and item (c) of this Article"
    found = [text[a:b] for a, b in reference_spans(text)]
    assert found == ["Article 5", "paragraph (2)", "point (b)", "item (c) of this Article"]


def test_korean_references_are_still_found() -> None:
    # "같은 조 제2항" is characters 0-8, "「스마트도시법」 제4조" 11-23 (after " 및 ")
    assert reference_spans("같은 조 제2항 및 「스마트도시법」 제4조") == [(0, 8), (11, 23)]


def test_importing_analysis_loads_nothing_of_the_engine() -> None:
    probe = (
        "import sys; import analysis; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'corpus', 'diffing', 'review', 'reports', 'viewer', 'numpy', 'scipy', 'rapidfuzz'}))"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_analysis_makes_no_reference_cycles() -> None:
    """``analyse`` runs with the cyclic collector paused and freezes what is left after: a reference
    cycle made by a pass would never be freed."""
    for name in ("seoul-informatization", "kr-ai-framework-act"):
        comparison = compare(load_document(name))
        gc.collect()
        was_enabled = gc.isenabled()
        gc.disable()  # so the pause inside analyse freezes nothing and a cycle is still there to count
        try:
            result = analysis.analyse(comparison)
            del result
            assert gc.collect() == 0, name
        finally:
            if was_enabled:
                gc.enable()
