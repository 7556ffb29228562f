"""Issue 10 item 6 / issue 11: the viewer names each article by its label in its document's own style
(a Korean text ``제5조의2``, a French one ``Article 3 bis``), and "Go to article" finds every typed form.
Expectations are written from tests/texts/ko-statute and tests/texts/fr-eu-recast."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

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


# ---------------------------------------------------------------- the analysis and other views (issue 11)


def test_analysis_tables_name_korean_articles_and_pairs_as_printed() -> None:
    """ko-statute: old 제5조(국가 등의 책무) became new 제6조 and old 제6조 new 제5조 (swapped); new
    제6조의2(개인정보 보호의 날) is inserted.  The tables name them so, never "Article 5" or "6>5"."""
    from analysis import Analysis
    from analysis.checks import Check
    from analysis.substitutions import Substitution
    from viewer import insight

    c = comparison("ko-statute")
    result = Analysis(
        substitutions=(
            Substitution(
                old="국가", new="국가와 지방자치단체", count=2, where=("5>6", "6>5"), survivors=("6-2",),
                source="word-diff",
            ),
        ),
        references=(),
        checks=(Check(kind="change-without-note", side="old", article="5", path="①", note=None),),
        types={},
    )  # fmt: skip
    subs = insight.substitutions_frame(result, c)
    assert subs["Pairs"].iloc[0] == "제5조 → 제6조; 제6조 → 제5조"
    assert subs["Old term survives in"].iloc[0] == "new 제6조의2"
    assert list(insight.checks_frame(result, c)["Article"]) == ["제5조"]


def test_a_korean_upload_shows_labels_in_analysis_contents_and_messages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ko-constitution: new 제18조 ② says "제1항의 선거에 있어서…" (its own paragraph ①); new 제18조 came
    from old 제10조 (the chapter on the President moved behind the one on the National Assembly)."""
    from streamlit.testing.v1 import AppTest

    style = TEXTS / "ko-constitution"
    monkeypatch.setenv("ORDIFF_DB", f"sqlite:///{tmp_path / 'review.db'}")
    at = AppTest.from_file(str(Path(__file__).parent.parent / "app.py"), default_timeout=120)
    at.query_params["doc"] = "upload"
    at.run()
    at.radio(key="upload_form").set_value("pair").run()
    at.file_uploader(key="up_old").upload("old.txt", (style / "old.txt").read_bytes(), "text/plain")
    at.file_uploader(key="up_new").upload("new.txt", (style / "new.txt").read_bytes(), "text/plain")
    at.run()
    assert not at.exception and not at.error
    assert at.query_params["doc"] == "upload"  # the URL no longer names a bundled document
    at.radio(key="view").set_value("analysis").run()
    lines = [m.value.replace("\\", "") for m in at.markdown]
    assert "new 제18조 (2): “제1항” → 제18조 (1) · ok: points where it did" in lines
    assert not any("Article" in line for line in lines)
    at.radio(key="view").set_value("contents").run()
    entry = at.button(key="toc_new_art_18")
    assert entry.label == "제18조 ← old 제10조 · moved"  # no title in this text
    entry.click().run()
    assert at.session_state["pair"] == "10>18" and at.radio(key="view").value == "compare"
