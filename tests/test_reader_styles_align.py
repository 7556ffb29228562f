"""Alignment without titles and with move markers, scored on gold written by reading the style texts
(tests/gold/<style>-alignment.toml): a Korean constitution-style pair whose 국회 chapter moved ahead of 정부,
a French EU recast (Article premier, 3 bis / ter / quater renumbered), a Korean statute whose articles 5 and 6
swapped places under move markers."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from corpus import load_document
from corpus.model import Document
from diffing import compare
from diffing.continuity import marker_pairs
from diffing.evaluate import evaluate, find_gold, label_accuracy, load_gold

ROOT = Path(__file__).parent
PAIRS = ("ko-constitution", "fr-eu-recast", "ko-statute")


@cache
def document(style: str) -> Document:
    return load_document(str(ROOT / "texts" / style / "old.txt"), str(ROOT / "texts" / style / "new.txt"))


@pytest.mark.parametrize("style", PAIRS)
def test_style_pairs_align_with_f1_at_least_0_9(style: str) -> None:
    links = load_gold(ROOT / "gold" / f"{style}-alignment.toml")
    score = evaluate(compare(document(style)), links)["engine"]
    assert score.f1 >= 0.9, score


def test_constitution_chapter_moved_as_a_block() -> None:
    """The six articles of 국회 that moved ahead of 정부 stay paired in order, none deleted or added."""
    pairs = {p.old: p.new for p in compare(document("ko-constitution")).pairs}
    assert [pairs[(o,)] for o in ("16", "17", "18", "19", "20", "21", "22")] == [
        ("10",),
        ("11",),
        ("12",),
        ("13",),
        ("14",),
        ("15",),
        ("16",),
    ]


def test_change_labels_right_on_the_style_pairs() -> None:
    for style in PAIRS:
        links = load_gold(ROOT / "gold" / f"{style}-alignment.toml")
        right, total = label_accuracy(compare(document(style)).pairs, links)
        assert total >= len(links) - 2 and right == total, style


def test_move_markers_pin_pairs_against_the_text() -> None:
    """Swap the bodies of the two moved articles: text alone would pair them the other way; markers win."""
    doc = document("ko-statute")
    five, six = doc.new.article("5"), doc.new.article("6")
    assert five is not None and six is not None
    swapped = tuple(
        replace(a, text=six.text, paragraphs=six.paragraphs, lead=six.lead)
        if a is five
        else replace(a, text=five.text, paragraphs=five.paragraphs, lead=five.lead)
        if a is six
        else a
        for a in doc.new.articles
    )
    pairs = {p.old: p.new for p in compare(replace(doc, new=replace(doc.new, articles=swapped))).pairs}
    assert pairs[("6",)] == ("5",) and pairs[("5",)] == ("6",)
    assert marker_pairs(doc.old.articles, doc.new.articles) == [(4, 5), (5, 4)]


def test_marker_naming_a_missing_or_twice_claimed_article_pins_nothing() -> None:
    doc = document("ko-statute")
    arts = list(doc.new.articles)
    arts[6] = replace(arts[6], moved_from="6")  # 6-2 claims old 6 as well as new 5 does
    arts[0] = replace(arts[0], moved_from="99")
    assert marker_pairs(doc.old.articles, arts) == [(4, 5)]


def test_style_gold_is_not_picked_up_by_the_bundled_evaluation() -> None:
    assert find_gold("seoul-informatization") is not None
    assert all(find_gold(name) is None for name in PAIRS)


def test_synthetic_amendments_of_a_text_without_latin_words() -> None:
    """The perturbation draws invented words from the text's own script (it used to fail on Korean)."""
    from diffing.evaluate import evaluate_synthetic

    scores = evaluate_synthetic(document("ko-constitution").new, range(3))
    assert scores["engine"].f1 >= 0.9 > scores["same number"].f1


def test_without_titles_the_place_carries_a_rewritten_article() -> None:
    """Old 10 (President elected by an electoral college) -> new 18 (by direct vote): one shared word,
    but the same place between matched neighbours in the same chapter."""
    doc = document("ko-constitution")
    pairs = {p.old: p.new for p in compare(doc).pairs}
    assert pairs[("10",)] == ("18",)
    from diffing.continuity import titleless_gap_pairs

    with_titles = [replace(a, title="T") for a in doc.old.articles]
    assert titleless_gap_pairs(with_titles, doc.new.articles, [(8, 16), (10, 18)]) == []
    assert titleless_gap_pairs(doc.old.articles, doc.new.articles, [(8, 16), (10, 18)]) == [(9, 17)]
