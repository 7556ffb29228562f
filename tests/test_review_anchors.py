"""Anchors found again after the text changes: the Seoul page with old Article 16 edited by hand.

Old Article 16 (Promotion of Informatization by Field) has four paragraphs; (2) reads "In order to
efficiently promote informatization under paragraph (1), the Mayor shall formulate a necessary plan, such
as introduction and utilization of information technology architecture."
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest

from corpus import load_document
from corpus.model import Document, SourceText
from corpus.reader import read
from review.anchors import anchor_for, nodes, resolve
from review.model import ReviewError

PLAN = "the Mayor shall formulate a necessary plan"


@cache
def seoul() -> Document:
    return load_document("seoul-informatization")


def edited(change: Callable[[str], str]) -> Document:
    """The Seoul page with ``change`` applied to the text of old Article 16 only."""
    doc = seoul()
    span = doc.old.article("16").span  # type: ignore[union-attr]
    text = doc.sources[0].text
    new_text = text[: span.start] + change(text[span.start : span.end]) + text[span.end :]
    return read((SourceText(name="page.txt", text=new_text),), doc.name)


def test_every_element_of_both_bundled_documents_resolves_exactly_where_it_was() -> None:
    for name in ("seoul-informatization", "kr-ai-framework-act"):
        doc = load_document(name)
        for side in ("old", "new"):
            for node in nodes(doc, side):
                res = resolve(doc, anchor_for(doc, side, node.eid))
                assert (res.status, res.eid, res.score) == ("exact", node.eid, 1.0), (name, side, node.eid)


def test_a_quote_keeps_its_context_and_position() -> None:
    t = anchor_for(seoul(), "old", "art_16__para_2", quote=PLAN)
    assert t.quote is not None and t.quote.exact == PLAN and t.passage
    assert t.quote.prefix.endswith("under paragraph (1), ") and t.quote.suffix.startswith(", such as")
    assert t.position is not None and seoul().sources[0].text[t.position.start : t.position.end] == PLAN
    assert (t.article, t.path, t.location) == ("16", "(2)", "old Article 16 (2)")


def test_a_quote_not_in_the_element_or_an_unknown_element_is_refused() -> None:
    with pytest.raises(ReviewError, match=r"the quote 'not in the text' is not in old Article 16 \(1\)"):
        anchor_for(seoul(), "old", "art_16__para_1", quote="not in the text")
    with pytest.raises(
        ReviewError, match="the old version of seoul-informatization has no element art_16__para_9"
    ):
        anchor_for(seoul(), "old", "art_16__para_9")


def test_a_paragraph_inserted_before_the_anchor_moves_it_to_the_renumbered_paragraph() -> None:
    def insert(body: str) -> str:
        for k in (4, 3, 2, 1):
            body = body.replace(f"({k}) ", f"({k + 1}) ", 1) if k != 1 else body
        return body.replace(") (1) ", ") (1) The Mayor shall publish a yearly plan.\n(2) ", 1)

    doc = edited(insert)
    assert doc.old.article("16").paragraphs[2].text.startswith("In order to efficiently")  # type: ignore[union-attr]
    passage = resolve(doc, anchor_for(seoul(), "old", "art_16__para_2", quote=PLAN))
    assert (passage.status, passage.eid, passage.path) == ("moved", "art_16__para_3", "(3)")
    whole = resolve(doc, anchor_for(seoul(), "old", "art_16__para_2"))
    assert (whole.status, whole.eid) == ("moved", "art_16__para_3")
    article = resolve(doc, anchor_for(seoul(), "old", "art_16"))
    assert (article.status, article.eid) == ("exact", "art_16")  # its opening text is still inside it


def test_words_changed_inside_the_quote_still_find_it_at_its_element() -> None:
    quote = "the Mayor shall formulate a necessary plan, such as introduction and utilization"
    doc = edited(lambda body: body.replace("formulate a necessary plan", "draw up the required plan"))
    res = resolve(doc, anchor_for(seoul(), "old", "art_16__para_2", quote=quote))
    assert (res.status, res.eid) == ("exact", "art_16__para_2")
    assert 0.8 <= res.score < 1.0


def test_a_renumbered_article_takes_its_notes_along() -> None:
    quote = "the Mayor shall formulate a necessary plan, such as introduction and utilization"
    doc = edited(lambda body: body.replace("Article 16 (", "Article 16-2 (", 1))
    assert doc.old.article("16") is None and doc.old.article("16-2") is not None
    res = resolve(doc, anchor_for(seoul(), "old", "art_16"))
    assert (res.status, res.eid, res.article) == ("moved", "art_16-2", "16-2")
    para = resolve(doc, anchor_for(seoul(), "old", "art_16__para_2", quote=PLAN))
    assert (para.status, para.eid, para.location) == ("moved", "art_16-2__para_2", "old Article 16-2 (2)")
    both = edited(
        lambda body: body.replace("Article 16 (", "Article 16-2 (", 1).replace("necessary", "needed")
    )
    changed = resolve(both, anchor_for(seoul(), "old", "art_16__para_2", quote=quote))
    assert (changed.status, changed.eid) == ("moved", "art_16-2__para_2") and changed.score < 1.0


def test_a_note_whose_paragraph_is_gone_falls_back_to_the_article() -> None:
    def drop_2(body: str) -> str:
        start = body.index("(2) ")
        return body[:start] + body[body.index("(3) ") :]

    res = resolve(edited(drop_2), anchor_for(seoul(), "old", "art_16__para_2", quote=PLAN))
    assert (res.status, res.eid) == ("parent", "art_16")
    assert "no longer found" in res.detail


def test_a_note_whose_article_is_gone_is_orphaned_with_its_old_location() -> None:
    doc = edited(lambda body: "Article 16-2 (Promotion of Informatization by Field) Deleted.")
    assert doc.old.article("16") is None
    res = resolve(doc, anchor_for(seoul(), "old", "art_16__para_2", quote=PLAN))
    assert res.orphaned and res.eid is None and res.span is None
    assert res.location == "(was old Article 16 (2))"
    assert "it was on old Article 16 (2)" in res.detail


@pytest.mark.parametrize("name", ["seoul-informatization", "kr-ai-framework-act"])
@pytest.mark.parametrize("seed", [0, 1])
def test_on_synthetic_amendments_an_anchor_is_right_or_flagged_never_silently_wrong(
    name: str, seed: int
) -> None:
    """Notes on every article of a version, resolved in a perturbed copy (words paraphrased, articles
    deleted, inserted, split, merged, moved, all renumbered): found ones land on a true successor."""
    from diffing.synthetic import perturb, render_version

    syn = perturb(load_document(name).old, seed)
    before, after = (render_version(v) for v in (syn.document.old, syn.document.new))
    a = read((SourceText(name="a.txt", text=before), SourceText(name="b.txt", text=before)), "syn")
    b = read((SourceText(name="a.txt", text=after), SourceText(name="b.txt", text=after)), "syn")
    found = 0
    for article in a.old.articles:
        res = resolve(b, anchor_for(a, "old", article.eid))
        successors = {new for old, new in syn.gold if old == article.number and new}
        if res.status in ("exact", "moved"):
            assert res.article in successors, (article.number, res)
            found += 1
        else:
            assert res.status in ("parent", "orphan") and res.detail
    assert found >= 0.8 * len(a.old.articles)
