"""``corpus.patterns.article_spec_number``: every form a person types for an article gives the reader's
canonical number (issue 11, "Go to article"), checked against what the reader itself gives those headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import load_document
from corpus.patterns import article_spec_number

TEXTS = Path(__file__).parent / "texts"

SPECS = [
    ("34", "34"),
    ("5-2", "5-2"),
    ("Article 5-2", "5-2"),
    ("  article 5-2  ", "5-2"),
    ("제5조의2", "5-2"),
    ("제 5 조 의 2", "5-2"),
    ("제3조", "3"),
    ("24 bis", "24bis"),
    ("24bis", "24bis"),
    ("Article 24 bis", "24bis"),
    ("ARTICLE 24 BIS", "24bis"),
    ("Art. 7", "7"),
    ("art 7", "7"),
    ("§ 7", "7"),
    ("Section 7.", "7"),
    ("Article premier", "1"),
    ("Article 1er", "1"),
    ("24a", "24a"),
]


@pytest.mark.parametrize(("typed", "number"), SPECS)
def test_typed_forms_give_the_canonical_number(typed: str, number: str) -> None:
    assert article_spec_number(typed) == number


@pytest.mark.parametrize(
    "typed",
    ["", "Article", "bis", "24 b", "123456", "제5조의", "Article 24 bisx", "Article 24 bis extra", "5조"],
)
def test_other_input_is_not_an_article(typed: str) -> None:
    assert article_spec_number(typed) is None


def test_long_input_is_refused_quickly() -> None:
    assert article_spec_number("1" * 5 + " " * 10_000 + "x") is None


@pytest.mark.parametrize("style", sorted(p.name for p in TEXTS.iterdir() if p.is_dir()))
def test_every_printed_label_of_the_style_texts_gives_the_readers_number(style: str) -> None:
    files = sorted(str(f) for f in (TEXTS / style).glob("*.txt"))
    # sorted: [new.txt, old.txt] or [text.txt]
    doc = load_document(files[0]) if len(files) == 1 else load_document(files[1], files[0])
    articles = [a for v in (doc.old, doc.new) for a in v.articles if a.label]
    assert articles, f"no labelled article in tests/texts/{style}"
    for a in articles:
        # a duplicated number is made unique by the reader ("7_2"); typing the label finds the first one
        assert article_spec_number(a.label) == a.number.split("_")[0], a.label


def test_the_french_text_has_a_bis_article() -> None:
    """The style test above covers ``Article N bis`` only if the French text holds one."""
    fr = TEXTS / "fr-eu-recast"
    doc = load_document(str(fr / "old.txt"), str(fr / "new.txt"))
    assert any(" bis" in a.label for v in (doc.old, doc.new) for a in v.articles)
