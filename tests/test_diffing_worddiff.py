"""Word diff: tokens, opcodes, semantic clean-up (``diffing.tokens``, ``diffing.worddiff``)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from diffing.tokens import TOKEN_RE, WORD_RE, Vocabulary, folded_words, keys, stem, token_key, tokenize, words
from diffing.worddiff import _cleanup_semantic, _raw_runs, _to_opcode, diff_texts, diff_tokens

LEGAL_WORDS = st.sampled_from(
    [
        "the",
        "Mayor",
        "shall",
        "may",
        "Committee",
        "(1)",
        "(2)",
        "1.",
        "Article",
        "6",
        "5-2",
        ",",
        ";",
        "of",
        "in",
    ]
)
TEXTS = st.lists(LEGAL_WORDS, max_size=25).map(" ".join) | st.text(max_size=60)


def test_tokens_carry_leading_whitespace_and_rejoin():
    assert tokenize("Article 6 (1) the Mayor") == ("Article", " 6", " (", "1", ")", " the", " Mayor")
    assert "".join(tokenize("  a,  b \n")) == "  a,  b \n"


def test_whitespace_only_difference_is_no_change():
    d = diff_texts("pursuant to Article 6 (1) of the Act", "pursuant to Article 6(1) of the Act")
    assert not d.changed


def test_case_change_is_a_change():
    assert diff_texts("The term", "the term").changed


def test_no_change_inside_a_word():
    d = diff_texts("The Mayor shall formulate plans", "The Mayor shall reformulate plans")
    changed = [s for s in d.segments() if s.tag != "equal"]
    assert [(s.old, s.new) for s in changed] == [(" formulate", " reformulate")]


def test_rewritten_sentence_is_one_replacement_not_confetti():
    old = "The term of office of a member shall be two years and he/she may be recommissioned only once"
    new = (
        "Each member shall hold office for a term of two years and may be reappointed consecutively only once"
    )
    d = diff_texts(old, new)
    tags = [s.tag for s in d.segments()]
    # coincidental short matches ("of", "a", "shall") are absorbed into the surrounding replacement
    assert tags.count("replace") <= 2
    assert any(s.tag == "equal" and "only once" in s.old for s in d.segments())


def test_pure_insertion_and_deletion():
    d = diff_texts("", "New text.")
    assert [op[0] for op in d.opcodes] == ["insert"]
    d = diff_texts("Old text.", "")
    assert [op[0] for op in d.opcodes] == ["delete"]
    assert diff_texts("", "").opcodes == ()


def test_stem_meets_related_forms_and_leaves_other_scripts():
    assert stem("protection") == stem("protecting")
    assert stem("distributed") == stem("distribution")
    assert stem("인공지능") == "인공지능"
    assert words("The Mayor's PLAN") == ["the", "mayor", "s", "plan"]


def test_stem_folds_inflections_not_meanings():
    # -ion and -ing forms of one verb meet; plurals meet their singular (-ies -> -y)
    assert stem("formulation") == stem("formulating") == stem("formulated")
    assert stem("plans") == stem("plan") and stem("policies") == stem("policy")
    assert stem("opinions") == stem("opinion") and stem("experts") == stem("expert")
    # no synonym lists, and "-ss", "-us", "-is" are not plurals
    assert stem("alteration") != stem("modifying")
    assert stem("this") == "this" and stem("class") == "class" and stem("bonus") == "bonus"


@given(st.lists(TEXTS | st.sampled_from(["Plans", "formulating", "Formulation", "policies"]), max_size=6))
def test_encode_words_is_encode_of_words(texts: list[str]):
    shared, plain = Vocabulary(), Vocabulary()  # one vocabulary across texts, as the aligner uses it
    for text in texts:
        assert shared.encode_words(text) == plain.encode(words(text))


ASCII_TEXTS = st.text(st.characters(max_codepoint=127), max_size=80)


@given(TEXTS | ASCII_TEXTS)
def test_folded_words_fast_path_is_the_regex(text: str):
    # ASCII text takes the byte-translation path, other text the regex: both give the regex's words
    assert folded_words(text) == WORD_RE.findall(text.casefold())


def test_folded_words_covers_every_ascii_character():
    every = "".join(map(chr, range(128)))
    text = " ".join(f"a{c}b{c}{c}_9{c}" for c in every)
    assert text.isascii()
    assert folded_words(text) == WORD_RE.findall(text.casefold())
    assert folded_words("Mayor's PLAN, Article 5-2 (a)") == ["mayor", "s", "plan", "article", "5", "2", "a"]
    assert folded_words("시장은 Plan") == ["시장은", "plan"]  # not ASCII: the regex


@given(TEXTS, TEXTS)
def test_opcodes_reconstruct_both_texts(old: str, new: str):
    d = diff_texts(old, new)
    assert d.old_text == old and d.new_text == new
    i = j = 0
    for tag, i1, i2, j1, j2 in d.opcodes:
        assert (i1, j1) == (i, j)  # contiguous, in order
        assert tag in ("equal", "replace", "delete", "insert")
        if tag == "equal":
            assert [t.strip() for t in d.old_tokens[i1:i2]] == [t.strip() for t in d.new_tokens[j1:j2]]
        i, j = i2, j2
    assert (i, j) == (len(d.old_tokens), len(d.new_tokens))
    assert "".join(s.old for s in d.segments()) == old
    assert "".join(s.new for s in d.segments()) == new


@given(TEXTS)
def test_identical_texts_have_no_change(text: str):
    assert not diff_texts(text, text).changed


@given(TEXTS, TEXTS)
def test_no_two_change_runs_are_adjacent(old: str, new: str):
    tags = [op[0] for op in diff_texts(old, new).opcodes]
    for a, b in itertools.pairwise(tags):
        assert a == "equal" or b == "equal"


@given(TEXTS)
def test_one_side_empty_fast_path_is_the_general_path(text: str):
    # an added or deleted unit skips the key mapping and the LCS: the same opcodes as running them
    tokens = tokenize(text)
    for old, new in ((tokens, ()), ((), tokens)):
        ids: dict[str, int] = {}
        a = [ids.setdefault(t.strip(), len(ids)) for t in old]
        b = [ids.setdefault(t.strip(), len(ids)) for t in new]
        general = tuple(_to_opcode(r) for r in _cleanup_semantic(_raw_runs(a, b)))
        assert diff_tokens(old, new).opcodes == general


@given(TEXTS | st.text(st.sampled_from(" \t\n\x1c\xa0\u3000a_Z9.,(시장은"), max_size=40))
def test_fast_token_patterns_are_the_token_pattern(text: str):
    # TOKEN_TEXT_RE and KEY_RE (groupless, possessive) find what TOKEN_RE does: whole tokens and their bodies
    found = list(TOKEN_RE.finditer(text))
    tail = text[found[-1].end() :] if found else text
    assert tokenize(text) == tuple(m.group(0) for m in found) + ((tail,) if tail else ())
    assert keys(text) == [m.group("body") for m in found]
    assert [token_key(t) for t in tokenize(text) if t.strip()] == keys(text)
