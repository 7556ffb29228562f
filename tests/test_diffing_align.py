"""Alignment and classification on hand-built documents (``diffing.compare``).

Expectations come from how the test texts were written: which old provision was
copied, reworded, moved or dropped.
"""

from __future__ import annotations

import functools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import load_document
from corpus.model import Document
from diffing import compare
from diffing.model import Comparison
from tests.factory import article, document

PURPOSE = "The purpose of this Ordinance is to promote efficient informatization of the city administration."
COMMITTEE = (
    "(1) The Mayor shall establish a committee for the deliberation and coordination of matters concerning "
    "informatization.\n"
    "(2) The Committee shall be comprised of not more than 31 members, including one chairperson.\n"
    "(3) A meeting of the Committee shall be held by the attendance of a majority of the incumbent "
    "members and its resolutions shall be made with the consent of a majority of the members present."
)
ALLOWANCES = (
    "Members and experts who attend a meeting of the Committee may be paid allowances pursuant to the "
    "Ordinance on Payment of Allowances and Travel Expenses to Committee Members."
)
EDUCATION = (
    "(1) The Mayor shall conduct informatization education for public officials and citizens.\n"
    "(2) The Mayor may secure facilities and equipment necessary for permanent education centers."
)
FEES = (
    "(1) Each person who obtains informatized data shall pay fees as prescribed in Table 2.\n"
    "(2) The method of collecting fees shall be prescribed by rule."
)


def pairs(c: Comparison) -> dict[str, str]:
    return {p.key: p.change for p in c.pairs}


def test_identical_versions_are_all_unchanged():
    arts = [
        article("1", "Purpose", PURPOSE),
        article("2", "Committee", COMMITTEE),
        article("3", "Fees", FEES),
    ]
    c = compare(document(arts, arts))
    assert pairs(c) == {"1>1": "unchanged", "2>2": "unchanged", "3>3": "unchanged"}
    assert all(p.score == 1.0 and not p.modified and not p.renumbered for p in c.pairs)


def test_whitespace_only_change_is_unchanged():
    old = [article("1", "Purpose", "As provided in Article 6 (1), " + PURPOSE)]
    new = [article("1", "Purpose", "As provided in Article 6(1), " + PURPOSE)]
    assert pairs(compare(document(old, new))) == {"1>1": "unchanged"}


def test_renumbered_modified_deleted_added():
    old = [
        article("1", "Purpose", PURPOSE),
        article("2", "Education", EDUCATION),
        article("3", "Fees", FEES),
    ]
    new = [
        article("1", "Purpose", PURPOSE.replace("efficient", "smart and efficient")),
        article("2", "Fees for Data", FEES),
        article("3", "Exhibition Hall", "The Mayor may operate a smart city exhibition hall to share plans."),
    ]
    c = compare(document(old, new))
    assert pairs(c) == {"1>1": "modified", "2>-": "deleted", "3>2": "renumbered", "->3": "added"}
    renumbered = c.pair_for("old", "3")
    assert renumbered is not None and renumbered.renumbered and renumbered.modified  # the title changed
    # reading order: by new number, the deleted old 2 after the pair of its predecessor old 1
    assert [p.key for p in c.pairs] == ["1>1", "2>-", "3>2", "->3"]


def test_merge_found_through_a_moved_paragraph():
    old = [
        article("1", "Purpose", PURPOSE),
        article("2", "Committee", COMMITTEE),
        article("3", "Allowances", ALLOWANCES),
    ]
    operation = (
        "(1) Meetings of the Committee shall be held by the attendance of a majority of all incumbent "
        "members, and resolutions shall be made with the consent of a majority of those present.\n"
        "(2) " + ALLOWANCES.replace("Travel Expenses", "Travel Costs")
    )
    committee = "\n".join(COMMITTEE.splitlines()[:2])
    new = [
        article("1", "Purpose", PURPOSE),
        article("2", "Committee", committee),
        article("3", "Operation of Committee", operation),
    ]
    c = compare(document(old, new))
    got = pairs(c)
    assert got["2>2"] == "modified"
    assert got["2+3>3"] == "merged"
    merged = next(p for p in c.pairs if p.key == "2+3>3")
    moved = {r.new.label: r.moved for r in merged.rows if r.new is not None}
    assert moved == {"(1)": "from Article 2 (3)", "(2)": "from Article 3"}
    kept = next(p for p in c.pairs if p.key == "2>2")
    assert [r.moved for r in kept.rows if r.new is None] == ["to Article 3 (1)"]


def test_split_of_one_article_into_two():
    old = [
        article("1", "Purpose", PURPOSE),
        article(
            "2", "Education and Fees", EDUCATION + "\n" + FEES.replace("(1)", "(3)").replace("(2)", "(4)")
        ),
    ]
    new = [article("1", "Purpose", PURPOSE), article("2", "Education", EDUCATION), article("3", "Fees", FEES)]
    c = compare(document(old, new))
    assert pairs(c) == {"1>1": "unchanged", "2>2+3": "split"}


def test_deleted_placeholder_is_not_matched_by_content():
    short = [article(str(n), f"Duty {n}", f"The Mayor shall do duty number {n}.") for n in range(2, 6)]
    old = [article("1", "Purpose", PURPOSE), *short]
    new = [article("1", "Purpose", PURPOSE), article("2", "", "Deleted.", status="deleted"), *short[1:]]
    c = compare(document(old, new))
    got = pairs(c)
    assert got["2>2"] == "deleted"
    assert all(got[f"{n}>{n}"] == "unchanged" for n in range(3, 6))


def test_one_side_without_articles_warns():
    arts = [article("1", "Purpose", PURPOSE), article("2", "Fees", FEES)]
    c = compare(document(arts, []))
    assert pairs(c) == {"1>-": "deleted", "2>-": "deleted"}
    assert [w.code for w in c.warnings] == ["empty-new-version"]
    assert "new version has no article" in c.warnings[0].message
    c = compare(document([], arts))
    assert pairs(c) == {"->1": "added", "->2": "added"}
    assert "old version has no article" in c.warnings[0].message


EU_SUBJECT = "\n".join(
    [
        "1. This Regulation lays down rules relating to the protection of natural persons with regard to the "
        "processing of personal data.",
        "2. This Regulation protects fundamental rights and freedoms of natural persons.",
    ]
)
EU_SCOPE = "\n".join(
    [
        "1. This Regulation applies to the processing of personal data wholly or partly by automated means.",
        "2. This Regulation does not apply to the processing of personal data:",
        "(a) in the course of an activity which falls outside the scope of Union law;",
        "(b) by a natural person in the course of a purely personal or household activity.",
    ]
)
EU_TERRITORY = (
    "1. This Regulation applies to the processing of personal data in the context of the activities of an "
    "establishment of a controller in the Union."
)
EU_DEFINITIONS = "\n".join(
    [
        "For the purposes of this Regulation:",
        "(a) 'personal data' means any information relating to an identified or identifiable natural person;",
        "(b) 'processing' means any operation which is performed on personal data.",
    ]
)
EU_SANDBOX = "\n".join(
    [
        "1. Member States shall establish at least one regulatory sandbox at national level.",
        "2. The Board shall issue guidelines on the operation of sandboxes.",
    ]
)


def test_eu_style_articles_points_and_lettered_numbers():
    old = [
        article("1", "Subject matter", EU_SUBJECT),
        article("2", "Material scope", EU_SCOPE),
        article("3", "Territorial scope", EU_TERRITORY),
        article("4", "Definitions", EU_DEFINITIONS),
    ]
    new = [
        old[0],
        article("2", "Material scope", EU_SCOPE.replace(" or household", "")),
        article("2a", "Supervisory sandboxes", EU_SANDBOX),
        article("3", "Definitions", EU_DEFINITIONS),
    ]
    c = compare(document(old, new))
    assert pairs(c) == {
        "1>1": "unchanged",
        "2>2": "modified",
        "->2a": "added",
        "3>-": "deleted",
        "4>3": "renumbered",
    }
    modified = c.pair_for("old", "2")
    assert modified is not None
    changed = [s for r in modified.rows for s in r.diff.segments() if s.tag != "equal"]
    assert [(s.old, s.new) for s in changed] == [(" or household", "")]


SENTENCES = st.lists(
    st.sampled_from(
        [
            "The Mayor shall formulate a master plan every five years",
            "The Committee shall deliberate on the implementation plan",
            "Fees shall be prescribed by rule of the city",
            "Members may be paid allowances within the budget",
            "The official in charge shall coordinate informatization projects",
            "Deleted.",
        ]
    ),
    min_size=0,
    max_size=6,
)


@settings(max_examples=40, deadline=None)
@given(SENTENCES, SENTENCES)
def test_every_article_appears_and_scores_are_bounded(old_texts: list[str], new_texts: list[str]):
    old = [article(str(k + 1), f"Title {k}", t) for k, t in enumerate(old_texts)]
    new = [article(str(k + 1), f"Title {k}", t) for k, t in enumerate(new_texts)]
    c = compare(document(old, new))
    assert {n for p in c.pairs for n in p.old} == {a.number for a in old}
    assert {n for p in c.pairs for n in p.new} == {a.number for a in new}
    for p in c.pairs:
        assert 0.0 <= p.score <= 1.0
        assert all(0.0 <= r.score <= 1.0 for r in p.rows)
        assert len(p.old) <= 1 or len(p.new) <= 1  # stars only: 1:1, n:1, 1:n
        if not p.old:
            assert p.change == "added"
        if not p.new:
            assert p.change == "deleted"


@settings(max_examples=30, deadline=None)
@given(SENTENCES)
def test_identical_input_is_all_unchanged(texts: list[str]):
    arts = [article(str(k + 1), f"Title {k}", t) for k, t in enumerate(texts)]
    c = compare(document(arts, arts))
    assert all(p.change == "unchanged" and p.old == p.new for p in c.pairs)


KO_OLD = """서울특별시 정보화 기본 조례

제1조(목적) 이 조례는 서울특별시의 정보화 촉진과 시민 편의 증진에 필요한 사항을 규정함을 목적으로 한다.
제2조(위원회) ① 시장은 정보화 정책을 심의하기 위하여 서울특별시 정보화위원회를 둔다.
② 위원회는 위원장 1명을 포함한 15명 이내의 위원으로 구성하고 위원의 임기는 2년으로 한다.
③ 위원회의 회의는 재적위원 과반수의 출석으로 개의하고 출석위원 과반수의 찬성으로 의결한다.
제3조(수당) 위원회에 출석한 위원에게는 예산의 범위에서 수당과 여비를 지급할 수 있다.
"""


def test_moved_notes_name_units_as_a_korean_text_prints_them(tmp_path: Path) -> None:
    """제2조③ (the quorum) and the whole of 제3조 (allowances) became 제3조①② (운영): the notes say
    제2조 ③ and 제3조, as the text prints its articles and paragraphs, never "Article 2 (③)"."""
    lines = KO_OLD.splitlines()
    new = "\n".join(
        [
            *lines[:5],
            "제3조(위원회의 운영) ① " + lines[5].removeprefix("③ "),
            "② " + lines[6].removeprefix("제3조(수당) "),
        ]
    )
    (tmp_path / "old.txt").write_text(KO_OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new + "\n", encoding="utf-8")
    c = compare(load_document(str(tmp_path / "old.txt"), str(tmp_path / "new.txt")))
    assert pairs(c) == {"1>1": "unchanged", "2>2": "modified", "2+3>3": "merged"}
    merged = next(p for p in c.pairs if p.key == "2+3>3")
    assert {r.new.label: r.moved for r in merged.rows if r.new is not None} == {
        "①": "from 제2조 ③",
        "②": "from 제3조",
    }
    kept = next(p for p in c.pairs if p.key == "2>2")
    assert [r.moved for r in kept.rows if r.new is None] == ["to 제3조 ①"]


def test_a_paragraph_kept_and_also_copied_into_a_new_article_moved_nowhere() -> None:
    """Article 2 (3) (the quorum) stays in Article 2, unchanged, and a new Article 4 repeats it: nothing
    moved, so Article 2 stays one unchanged pair, Article 4 is added, and no row says "from" or "to"
    (the guard for any shortcut that would skip the fragments of unchanged articles)."""
    quorum = COMMITTEE.splitlines()[2].removeprefix("(3) ")
    old = [article("1", "Purpose", PURPOSE), article("2", "Committee", COMMITTEE)]
    subcommittees = (
        "(1) The Committee may establish subcommittees for the examination of particular informatization "
        "projects.\n(2) " + quorum
    )
    new = [*old, article("4", "Subcommittees", subcommittees)]
    c = compare(document(old, new))
    assert pairs(c) == {"1>1": "unchanged", "2>2": "unchanged", "->4": "added"}
    assert [r.moved for p in c.pairs for r in p.rows if r.moved] == []


@functools.cache
def _bundled(name: str) -> Document:
    return load_document(name)


@settings(max_examples=200)
@given(
    st.sampled_from(["kr-ai-framework-act", "seoul-informatization"]),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=3),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=3),
)
def test_words_changed_is_its_definition(name: str, olds: list[int], news: list[int]) -> None:
    """``_words_changed`` makes keys only as far as needed (lengths, titles, then texts): the same answer
    as comparing every article's title and text keys, on real articles old against new."""
    from diffing.compare import _content, _words_changed

    doc = _bundled(name)
    o = [doc.old.articles[i % len(doc.old.articles)] for i in olds]
    n = [doc.new.articles[j % len(doc.new.articles)] for j in news]
    same_place = [doc.new.articles[i % len(doc.new.articles)] for i in olds]  # mostly its counterpart
    for a, b in ((o, n), (o, same_place), (o, o[::-1]), (n, n)):
        assert _words_changed(a, b) == ([_content(x) for x in a] != [_content(x) for x in b])


WORD_IDS = st.lists(
    st.one_of(st.integers(0, 40), st.integers(0xD7F0, 0xE010), st.integers(0x10FFF0, 0x10FFFF)), max_size=30
).map(tuple)


@given(WORD_IDS, WORD_IDS)
def test_keys_are_the_word_ids_as_characters(a: tuple[int, ...], b: tuple[int, ...]) -> None:
    """``_sim`` compares the keys (one character per word ID, surrogates and the last code point
    included) and gives what it gives on the word IDs themselves."""
    from rapidfuzz.distance import Indel

    from diffing.align import _as_text, _sim

    ka, kb = _as_text(a), _as_text(b)
    assert [ord(c) for c in ka] == list(a)
    assert (ka == kb) == (a == b)
    assert _sim(ka, kb) == _sim(a, b) == (1.0 if a == b else float(Indel.normalized_similarity(a, b)))


def test_a_vocabulary_beyond_the_code_points_keeps_tuples_with_the_same_result(monkeypatch) -> None:
    import diffing.align
    from diffing.tokens import Vocabulary

    doc = _bundled("seoul-informatization")
    vocab = Vocabulary()
    prepared = diffing.align._prepare(0, doc.old, vocab)
    keyed = diffing.align._keyed(prepared, vocab)
    assert all(isinstance(k, str) for k in (*keyed.text_keys, *keyed.title_keys))
    assert [tuple(map(ord, k)) for k in keyed.text_keys] == list(prepared.text_ids)
    strings, strings_comparison = diffing.align.align(doc.old, doc.new), compare(doc)
    monkeypatch.setattr(diffing.align, "CODE_POINTS", 0)
    plain = diffing.align._keyed(prepared, vocab)
    assert (plain.text_keys, plain.title_keys) == (prepared.text_ids, prepared.title_ids)
    tuples = diffing.align.align(doc.old, doc.new)
    assert (tuples.edges, tuples.links, tuples.unit_ids) == (strings.edges, strings.links, strings.unit_ids)
    assert compare(doc) == strings_comparison


def _tree_ids(p, vocab) -> list[int]:
    """A provision's word IDs whole: its own text, then each child's, read straight from the model."""
    out = list(vocab.encode_words(p.text))
    for c in p.children:
        out += _tree_ids(c, vocab)
    return out


def test_fragments_are_the_words_of_their_provisions() -> None:
    """Each fragment, kept as a stretch of its article's word IDs, holds exactly the words of the piece it
    names: the whole article, the lead, a paragraph with its descendants, a subparagraph with its own."""
    from diffing.align import _ids_of, _prepare
    from diffing.tokens import Vocabulary

    version = load_document("kr-ai-framework-act").new
    vocab = Vocabulary()
    prepared = _prepare(1, version, vocab)
    expected: dict[tuple[int, int, str], list[int]] = {}
    for i, a in enumerate(version.articles):
        units = ([a.lead] if a.lead.strip() or not a.paragraphs else []) + list(a.paragraphs)
        whole: list[int] = []
        for u, piece in enumerate(units):
            if isinstance(piece, str):
                expected[(i, u, "")] = list(vocab.encode_words(piece))
            else:
                expected[(i, u, piece.label)] = _tree_ids(piece, vocab)
                for c in piece.children:
                    expected[(i, u, f"{piece.label} {c.label}".strip())] = _tree_ids(c, vocab)
            whole += expected[(i, u, "" if isinstance(piece, str) else piece.label)]
        expected[(i, -1, "")] = whole
    checked = 0
    for f in prepared.fragments:
        key = (f.article, f.unit, f.label)
        if key in expected:  # depths below a subparagraph are not fragments
            assert list(f.ids) == expected[key], key
            checked += 1
        assert f.size == len(f.ids) and f.words is prepared.text_ids[f.article]
    assert checked > 100
    seqs = _ids_of(prepared.fragments)
    assert len(seqs) == len(prepared.fragments)
    assert list(seqs) == [f.ids for f in prepared.fragments] == seqs[:]
    assert seqs[3] == prepared.fragments[3].ids and seqs[2:5] == [f.ids for f in prepared.fragments[2:5]]
