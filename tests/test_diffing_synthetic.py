"""Synthetic amendments with known truth (``diffing.synthetic``) and the engine's F1 on them."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import load_document, read_sources
from corpus.model import Document, SourceText
from diffing import compare
from diffing.evaluate import engine_pairs, score
from diffing.synthetic import Perturbation, article_text, perturb, render_version, scale
from diffing.tokens import words

NOTHING = Perturbation(paraphrase=0, deletions=0, insertions=0, splits=0, merges=0, chapter_moves=0)


@cache
def bundled(name: str) -> Document:
    return load_document(name)


def test_same_seed_same_amendment():
    v = bundled("seoul-informatization").new
    a, b = perturb(v, 7), perturb(v, 7)
    assert a.gold == b.gold
    assert [x.text for x in a.document.new.articles] == [x.text for x in b.document.new.articles]


def test_no_operation_is_identity_and_all_unchanged():
    v = bundled("kr-ai-framework-act").old
    syn = perturb(v, 1, NOTHING)
    assert syn.gold == {(a.number, a.number) for a in v.articles}
    assert {p.change for p in compare(syn.document).pairs} == {"unchanged"}


def test_split_and_merge_truth():
    v = bundled("seoul-informatization").new
    split = perturb(v, 3, Perturbation(paraphrase=0, deletions=0, insertions=0, merges=0, chapter_moves=0))
    olds = [o for o, n in split.gold if n is not None]
    assert len(split.document.new.articles) == len(v.articles) + 1
    assert len(olds) == len(set(olds)) + 1  # exactly one old article continues in two new ones
    merge = perturb(v, 3, Perturbation(paraphrase=0, deletions=0, insertions=0, splits=0, chapter_moves=0))
    news = [n for o, n in merge.gold if o is not None]
    assert len(merge.document.new.articles) == len(v.articles) - 1
    assert len(news) == len(set(news)) + 1  # exactly one new article continues two old ones


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["seoul-informatization", "kr-ai-framework-act"]))
def test_truth_covers_every_article_and_texts_are_consistent(seed: int, name: str):
    v = bundled(name).old
    syn = perturb(v, seed)
    new = syn.document.new
    assert {o for o, _ in syn.gold if o is not None} == {a.number for a in syn.document.old.articles}
    assert {n for _, n in syn.gold if n is not None} == {a.number for a in new.articles}
    assert [a.number for a in new.articles] == [str(k) for k in range(1, len(new.articles) + 1)]
    for a in new.articles:
        assert a.text == article_text(a.lead, a.paragraphs)


@pytest.mark.parametrize("name", ["seoul-informatization", "kr-ai-framework-act"])
@pytest.mark.parametrize("side", ["old", "new"])
def test_engine_f1_on_synthetic_amendments_is_at_least_095(name: str, side: str):
    v = getattr(bundled(name), side)
    predicted: set[tuple[int, tuple[str | None, str | None]]] = set()
    gold: set[tuple[int, tuple[str | None, str | None]]] = set()
    for seed in range(6):
        syn = perturb(v, seed)
        predicted |= {(seed, k) for k in engine_pairs(compare(syn.document).pairs)}
        gold |= {(seed, k) for k in syn.gold}
    assert score(predicted, gold).f1 >= 0.95


def test_scale_makes_distinct_copies():
    v = bundled("kr-ai-framework-act").old
    big = scale(v, 3)
    n = len(v.articles)
    assert len(big.articles) == 3 * n
    assert len({a.number for a in big.articles}) == 3 * n
    assert big.articles[0].text == v.articles[0].text
    assert words(big.articles[n].text) != words(v.articles[0].text)
    assert len(words(big.articles[n].text)) == len(words(v.articles[0].text))


def test_rendered_version_reads_back():
    v = scale(bundled("kr-ai-framework-act").old, 2)
    text = render_version(v)
    doc = read_sources(
        "rendered", (SourceText(name="old.txt", text=text), SourceText(name="new.txt", text=text))
    )
    assert [a.number for a in doc.old.articles] == [a.number for a in v.articles]
    assert [words(a.text) for a in doc.old.articles] == [words(a.text) for a in v.articles]
