"""Small pieces of the engine: units of an article, placeholders, candidate narrowing, serialisation."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from corpus.model import SourceText
from corpus.reader import read
from diffing import compare
from diffing.candidates import top_pairs
from diffing.serialize import comparison_to_dict
from diffing.units import article_units, is_placeholder, unit_name
from tests import factory
from tests.factory import article, document

NOTE = factory.note("<Amended by Ordinance No. 1, Jan. 1, 2020>")


def test_units_are_lead_then_top_level_provisions_with_children():
    a = article(
        "3", "Principles", "The Mayor shall comply with the following:\n1. Reflect demand;\n2. Collaborate."
    )
    units = article_units(a)
    assert [(u.label, u.text) for u in units] == [
        ("", "The Mayor shall comply with the following:"),
        ("1.", "1. Reflect demand;"),
        ("2.", "2. Collaborate."),
    ]
    b = article(
        "7", "Committee", "(1) The Mayor shall establish:\n1. a committee;\n(2) Members serve two years."
    )
    assert [(u.label, u.text) for u in article_units(b)] == [
        ("(1)", "(1) The Mayor shall establish:\n1. a committee;"),
        ("(2)", "(2) Members serve two years."),
    ]
    assert unit_name(article_units(b)[1]) == "Article 7 (2)"


def test_article_notes_go_with_the_lead_or_the_first_provision():
    with_lead = replace(article("1", "Purpose", "The purpose is this."), notes=(NOTE,))
    assert article_units(with_lead)[0].notes == (NOTE,)
    without_lead = replace(article("2", "Plans", "(1) First.\n(2) Second."), notes=(NOTE,))
    assert [u.notes for u in article_units(without_lead)] == [(NOTE,), ()]


def test_placeholders_are_the_readers_status():
    # "Article 5 Deleted." / "제6조 삭제" / "Article 7 Omitted.": the reader sets Article.status
    doc = read(
        (SourceText(name="t.txt", text="Article 5 Deleted.\n제6조 삭제\nArticle 7 Omitted.\n"),), name="t"
    )
    assert [(a.number, a.status, is_placeholder(a)) for a in doc.old.articles] == [
        ("5", "deleted", True),
        ("6", "deleted", True),
        ("7", "omitted", True),
    ]
    assert is_placeholder(article("5", "", "Deleted."))
    assert is_placeholder(article("5", "Plans", "Anything", status="deleted"))
    assert not is_placeholder(article("5", "Plans", "Deleted provisions shall be archived by the Mayor."))


def test_top_pairs_finds_the_continuation_and_respects_k_and_floor():
    old = [[1, 2, 3, 4, 5], [6, 7, 8, 9], [10, 11, 12]]
    new = [[10, 11, 12, 13], [1, 2, 3, 4, 5], [20, 21]]
    found = top_pairs(old, new, k=1)
    assert set(found) == {(0, 1), (2, 0)}
    assert found[(0, 1)] > found[(2, 0)] > 0.5
    assert top_pairs(old, new, k=1, floor=0.99) == {(0, 1): found[(0, 1)]}
    assert top_pairs([], new, k=3) == {}


@given(st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=12), min_size=1, max_size=8))
def test_candidates_share_words_and_cosines_are_bounded(seqs: list[list[int]]):
    found = top_pairs(seqs, seqs, k=3)
    for (i, j), v in found.items():
        assert set(seqs[i]) & set(seqs[j])  # a candidate always shares a word
        assert 0.0 < v <= 1.0 + 1e-9
        if seqs[i] == seqs[j]:
            assert abs(v - 1.0) < 1e-9


def test_serialised_comparison_is_json_with_the_documented_keys():
    old = [article("1", "Purpose", "The purpose is to promote safe data use.")]
    new = [article("1", "Purpose", "The purpose is to promote safe and fair data use.")]
    data = comparison_to_dict(compare(document(old, new)))
    assert json.loads(json.dumps(data)) == data
    (pair,) = data["pairs"]
    assert {
        "old",
        "new",
        "change",
        "score",
        "paragraphs",
        "diff",
        "addenda",
        "renumbered",
        "modified",
    } <= set(pair)
    assert pair["change"] == "modified"
    assert "".join(s["old"] for s in pair["diff"]) == old[0].text
    assert "".join(s["new"] for s in pair["diff"]) == new[0].text
