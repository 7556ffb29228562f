"""The workspace's pure helpers (viewer/workspace.py, viewer/insight.py) on the bundled Seoul ordinance.

Expectations from reading the text: old Article 16 has paragraphs (1) to (4); old Article 7 went into two
pairs (7+8>7 and 7+9+12+13>8).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from corpus import load_document
from diffing import compare
from diffing.model import Comparison
from review.decisions import apply_decisions
from review.store import MemoryStore
from review.workspace import find_pair, new_note, note_views, pair_ref
from tests.review_factory import T0
from viewer import html
from viewer import workspace as ws


@pytest.fixture(scope="module")
def seoul() -> Comparison:
    return compare(load_document("seoul-informatization"))


def test_db_url_prefers_the_environment_then_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORDIFF_DB", raising=False)
    assert ws.db_url({}) is None
    assert ws.db_url({"ORDIFF_DB": "sqlite:///s.db"}) == "sqlite:///s.db"
    monkeypatch.setenv("ORDIFF_DB", "sqlite:///e.db")
    assert ws.db_url({"ORDIFF_DB": "sqlite:///s.db"}) == "sqlite:///e.db"


def test_split_tags() -> None:
    assert ws.split_tags(" question, follow-up  substantive,,question ") == (
        "question",
        "follow-up",
        "substantive",
    )
    assert ws.split_tags("") == ()


def test_anchor_choices_offer_the_pair_the_article_and_each_paragraph(seoul: Comparison) -> None:
    pair = find_pair(seoul, "16>-")
    keys = [c.key for c in ws.anchor_choices(seoul, pair)]
    assert keys == [
        "pair",
        "old:art_16",
        "old:art_16__para_1",
        "old:art_16__para_2",
        "old:art_16__para_3",
        "old:art_16__para_4",
    ]


def _views(seoul: Comparison, *notes):  # type: ignore[no-untyped-def]
    store = MemoryStore()
    for n in notes:
        store.save_annotation(n)
    return note_views(store, seoul.document)


def test_pair_notes_put_each_note_at_its_node_and_replies_in_its_thread(seoul: Comparison) -> None:
    doc = seoul.document
    on_para = new_note(doc, side="old", eid="art_16__para_3", body="para", author="kim")
    on_article = new_note(doc, side="old", eid="art_16", body="article", author="kim")
    on_pair = new_note(
        doc,
        side="old",
        eid="art_16",
        body="pair",
        author="kim",
        pair=pair_ref(seoul, find_pair(seoul, "16>-")),
    )
    answer = replace(
        new_note(doc, side="old", eid="art_16__para_3", body="re", author="lee", in_reply_to=on_para.id),
        created=on_para.created.replace(year=on_para.created.year + 1),
    )
    views = _views(seoul, on_para, on_article, on_pair, answer)
    result = apply_decisions(seoul, ())
    entry = next(e for e in result.entries if e.pair.key == "16>-")
    placed = ws.pair_notes(views, result, entry)
    assert [t.view.note.body for t in placed.pair] == ["pair"]
    assert [t.view.note.body for t in placed.articles] == ["article"]
    assert [[t.view.note.body for t in row] for row in placed.rows] == [[], [], ["para"], []]
    assert [r.note.body for r in placed.rows[2][0].replies] == ["re"]
    assert placed.count == 4
    table = html.pair_table_html(seoul, entry.pair, placed)
    assert table.count('<tr class="od-notes-row">') == 2
    assert table.index("article") < table.index("(1) In order to improve") < table.index(">para<")


def test_filter_notes_by_author_tag_status_orphan_and_text(seoul: Comparison) -> None:
    doc = seoul.document
    a = new_note(doc, side="old", eid="art_16", body="Look at **this**", author="kim", tags=("question",))
    b = replace(new_note(doc, side="new", eid="art_20", body="Done", author="lee"), status="resolved")
    views = _views(seoul, a, b)

    def bodies(f: ws.NoteFilter) -> list[str]:
        return [v.note.body for v in ws.filter_notes(views, f)]

    assert bodies(ws.NoteFilter()) == ["Look at **this**", "Done"]
    assert bodies(ws.NoteFilter(authors=("lee",))) == ["Done"]
    assert bodies(ws.NoteFilter(tags=("question",))) == ["Look at **this**"]
    assert bodies(ws.NoteFilter(status="open")) == ["Look at **this**"]
    assert bodies(ws.NoteFilter(orphaned_only=True)) == []
    assert bodies(ws.NoteFilter(text="DONE")) == ["Done"]
    result = apply_decisions(seoul, ())
    assert ws.note_pair_key(views[1], result) == "34>20"  # new Article 20 came from old 34


def test_note_html_escapes_everything_but_the_rendered_body(seoul: Comparison) -> None:
    doc = seoul.document
    n = new_note(doc, side="old", eid="art_16", body="*x*", author="<b>kim</b>", tags=("<i>t</i>",))
    (view,) = _views(seoul, replace(n, created=T0))
    out = ws.note_html(view)
    assert "&lt;b&gt;kim&lt;/b&gt;" in out and "&lt;i&gt;t&lt;/i&gt;" in out and "<em>x</em>" in out
    assert "2026-12-01 09:30" in out


def test_app_exports_carry_the_notes_and_decisions_of_the_chosen_pairs(seoul: Comparison) -> None:
    """Issue 9's acceptance from the app: a note on old 16 and the link old 16 -> new 12 are in the Word
    report of that pair, and in that of a pair no --articles selection can name alone (``pairs=``)."""
    import io

    import docx

    from review.workspace import new_decision, reviewed
    from viewer.downloads import downloads, scope

    doc = seoul.document
    store = MemoryStore()
    store.record_decision(
        new_decision(
            seoul, verdict="link", old=("art_16",), new=("art_12",), author="Kim", reason="same plans"
        )
    )
    store.save_annotation(new_note(doc, side="old", eid="art_16", body="Look **here**", author="Kim"))
    shown = reviewed(store, seoul).comparison
    linked = find_pair(shown, "16>12")
    by_fmt = {d.fmt: d for d in downloads(seoul, "s", scope("pair", linked), review=store)}
    assert by_fmt["docx"].file_name == "s-pair-16-to-12.docx"
    word = docx.Document(io.BytesIO(by_fmt["docx"].build()))
    text = "\n".join(
        [p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows for c in r.cells]
    )
    assert "Kim, " in text and "Look **here**" in text and "same plans" in text  # Word keeps the Markdown
    assert "Promotion of Informatization by Field" in text and "Purpose" not in text  # only that pair
    store.save_annotation(new_note(doc, side="old", eid="art_9", body="On the chair", author="Kim"))
    merged = find_pair(shown, "7+9+12+13>8")  # old 7 is in 7+8>7 too: --articles 7 would take both
    (word_entry, *_) = downloads(seoul, "s", scope("pair", merged), review=store)
    merged_word = docx.Document(io.BytesIO(word_entry.build()))
    merged_text = "\n".join(
        [p.text for p in merged_word.paragraphs]
        + [c.text for t in merged_word.tables for r in t.rows for c in r.cells]
    )
    assert "On the chair" in merged_text and "without" not in word_entry.help  # exact pairs keep notes
