"""Issue 10 item 6 / issue 11: the viewer names each article by its label in its document's own style
(a Korean text ``제5조의2``, a French one ``Article 3 bis``), and "Go to article" finds every typed form.
Expectations are written from tests/texts/ko-statute and tests/texts/fr-eu-recast."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from corpus import load_document
from diffing.compare import compare
from diffing.model import Comparison, Pair
from viewer import html
from viewer.index import article_label
from viewer.links import ArticleRequest, LinkRequest, resolve_link, resolve_request

TEXTS = Path(__file__).parent / "texts"


@cache
def comparison(style: str) -> Comparison:
    return compare(load_document(str(TEXTS / style / "old.txt"), str(TEXTS / style / "new.txt")))


def pair_with(c: Comparison, old: str) -> Pair:
    return next(p for p in c.pairs if old in p.old)


def test_korean_pair_caption_and_headings_use_the_korean_labels() -> None:
    c = comparison("ko-statute")
    p = pair_with(c, "3")  # old 제3조(개인정보 보호 원칙)
    table = html.pair_table_html(c, p)
    assert "<caption>Old 제3조 → new 제3조" in table
    assert "제3조(개인정보 보호 원칙)" in table
    assert "Article 3" not in table
    assert "Article 3" not in html.redline_table_html(c, p)


def test_korean_deleted_article_keeps_its_label() -> None:
    c = comparison("ko-statute")
    table = html.pair_table_html(c, pair_with(c, "4"))  # "제4조 삭제 <2014. 3. 24.>"
    assert "제4조 [deleted]" in table


def test_french_bis_article_is_named_as_printed() -> None:
    c = comparison("fr-eu-recast")
    p = pair_with(c, "3bis")  # old "Article 3 bis"
    assert html.pair_caption(p, c.articles("old", p), c.articles("new", p)).startswith("Old Article 3 bis")
    assert article_label(c, "3bis") == "Article 3 bis"
    assert article_label(c, "5bis") == "Article 5 bis"  # only in the new text


def test_go_to_article_finds_the_typed_forms() -> None:
    ko = comparison("ko-statute")
    found = resolve_request(ko, ArticleRequest(side="old", number="제3조"))
    assert found is not None and "3" in found.old
    fr = comparison("fr-eu-recast")
    for typed in ("3 bis", "Article 3 bis", "3bis", "Art. 3 bis"):
        found = resolve_request(fr, ArticleRequest(side="old", number=typed))
        assert found is not None and "3bis" in found.old, typed
    missing = resolve_link(fr, LinkRequest(article=ArticleRequest(side="old", number="Article 99 bis")))
    assert missing.pair is None and missing.problem.startswith(
        "The old version has no article “Article 99 bis”"
    )


def test_note_anchor_choices_use_the_korean_labels() -> None:
    from viewer.workspace import anchor_choices

    c = comparison("ko-statute")
    labels = [choice.label for choice in anchor_choices(c, pair_with(c, "3"))]
    assert "Old 제3조 (the article)" in labels
    assert any(label.startswith("Old 제3조 ①") for label in labels)  # "① 개인정보처리자는 …"
    assert not any("Article" in label for label in labels)


def test_pair_table_and_picker_name_articles_as_printed() -> None:
    """Overview table and pair picker: 제3조 / 3 bis as the texts print them, bare numbers in English."""
    from viewer.index import build_index

    ko = build_index(comparison("ko-statute"))
    first = ko.frame.iloc[0]
    assert (first["Old"], first["New"]) == ("제1조", "제1조")  # "제1조(목적)" in both texts
    assert ko.labels[0].startswith("old 제1조 → new 제1조 ·")
    fr = comparison("fr-eu-recast")
    fr_index = build_index(fr)
    k = fr.pairs.index(pair_with(fr, "3bis"))  # old "Article 3 bis" became new "Article 4"
    assert fr_index.frame.iloc[k]["Old"] == "3 bis" and fr_index.labels[k].startswith("old 3 bis → new 4 ·")
    seoul = build_index(compare(load_document("seoul-informatization")))
    assert seoul.frame.iloc[0]["Old"] == "1" and seoul.labels[0].startswith("old 1 → new 1 ·")
