"""The analyst workspace in the app (issue 9 deliver 5) and the analysis views (issue 15), under AppTest.

Each test has its own SQLite review database (``ORDIFF_DB``).  Expectations come from reading the bundled
Seoul texts: old Article 16 (Promotion of Informatization by Field) has no counterpart in the engine's
alignment (pair ``16>-``), and new Article 12 (Policy Promotion by Area) is new (``->12``); old Article
16 (2) begins "In order to efficiently promote informatization"; old Article 14 (1) calls the official
the "official in charge of informatization", new Article 11 (1) the "responsible official".
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from corpus import load_document
from diffing import compare
from review.model import TextQuoteSelector
from review.store import open_store
from review.workspace import find_article, new_decision, new_note
from tests.app_factory import open_app as session

XSS = (
    "Check <script>alert('x')</script> and [click](javascript:alert(1)) "
    "and <img src=x onerror=alert(2)> and [ok](https://example.org/a)."
)


@pytest.fixture
def db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    monkeypatch.setenv("ORDIFF_DB", url)
    return url


def literal(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def page_html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def messages(at: AppTest, kind: str) -> list[str]:
    return [literal(m.value) for m in getattr(at, kind)]


def as_analyst(at: AppTest, name: str = "Kim") -> AppTest:
    at.text_input(key="analyst").set_value(name).run()
    return at


def act(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def write_note(at: AppTest, anchor: str, body: str, quote: str = "", tags: str = "") -> AppTest:
    """Fill the note form (``anchor``: ``pair`` or ``<side>:<eid>``) and press "Add note"."""
    at.selectbox(key="note_anchor").set_value(anchor).run()
    at.text_input(key="note_quote").set_value(quote)
    at.text_input(key="note_tags").set_value(tags)
    at.text_area(key="note_body").set_value(body).run()
    return act(at, "note_add")


def note_rows(html: str) -> list[str]:
    """The full-width note rows of the comparison table, in order."""
    return re.findall(r'<tr class="od-notes-row">.*?</td></tr>', html, flags=re.S)


# ---------------------------------------------------------------- writing notes


def test_writing_needs_a_name_and_the_buttons_say_so(db: str) -> None:
    at = session(old="16")
    assert at.button(key="note_add").disabled and at.button(key="link_save").disabled
    assert any("Set your name in the sidebar" in m for m in messages(at, "info"))
    as_analyst(at)
    assert not at.button(key="note_add").disabled


def test_a_note_on_a_paragraph_with_a_quote_and_tags_sits_under_that_row(db: str) -> None:
    at = as_analyst(session(old="16"))
    write_note(
        at,
        "old:art_16__para_2",
        "Which **sectors**?",
        quote="efficiently promote informatization",
        tags="question, follow-up",
    )
    assert any(m.startswith("Note #") and "Old Article 16 (2)" in m for m in messages(at, "success"))
    (note,) = open_store(db).annotations("seoul-informatization")
    assert note.author == "Kim" and note.tags == ("question", "follow-up")
    assert note.target.eid == "art_16__para_2" and note.target.quote is not None
    assert note.target.quote.exact == "efficiently promote informatization"
    html = page_html(at)
    (row,) = note_rows(html)
    before = html[: html.index(row)]
    last_row = before[before.rindex("<tr>") :]
    assert "(2) In order to efficiently promote informatization" in last_row  # the paragraph's own row
    assert "<strong>sectors</strong>" in row and "efficiently promote informatization</blockquote>" in row
    assert '<span class="od-tag">question</span>' in row and "on old Article 16 (2)" in row


def test_the_markdown_preview_renders_through_the_safe_renderer(db: str) -> None:
    at = as_analyst(session(old="16"))
    at.text_area(key="note_body").set_value(XSS).run()
    preview = [h.value for h in at.html if h.value.startswith('<div class="od-anno">')]
    assert len(preview) == 1
    assert "<script" not in preview[0] and "&lt;script&gt;" in preview[0]
    assert 'href="javascript:' not in preview[0]


def test_xss_payloads_in_a_note_never_become_live(db: str) -> None:
    at = as_analyst(session(old="16"))
    write_note(at, "old:art_16", XSS)
    for view in ("compare", "notes"):
        at.radio(key="view").set_value(view).run()
        html = page_html(at)
        assert XSS.split()[0] in html
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html
        assert "<img" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
        assert 'href="javascript:' not in html and "[click](javascript:alert(1))" in html
        assert '<a href="https://example.org/a" rel="nofollow noopener">ok</a>' in html


def test_an_article_note_sits_under_the_heading_and_a_pair_note_above_the_table(db: str) -> None:
    at = as_analyst(session(old="16"))
    write_note(at, "old:art_16", "On the whole article.")
    write_note(at, "pair", "On the pairing.")
    html = page_html(at)
    rows = note_rows(html)
    assert len(rows) == 1 and "On the whole article." in rows[0]
    heading = html.index('<tr class="od-heading">')
    assert html.index(rows[0]) > heading
    assert html.index("On the pairing.") < html.index('<table class="od-compare">')
    assert "on pair 16>-" in html.replace("&gt;", ">")


def test_edit_resolve_reopen_and_reply(db: str) -> None:
    at = as_analyst(session(old="16"))
    write_note(at, "old:art_16", "First thought.")
    at.text_area(key="note_edit_body").set_value("Second thought.").run()
    act(at, "note_save")
    (note,) = open_store(db).annotations("seoul-informatization")
    assert note.body == "Second thought." and note.version == 2
    assert at.button(key="note_status").label == "Resolve"
    act(at, "note_status")
    assert open_store(db).annotations("seoul-informatization")[0].status == "resolved"
    assert at.button(key="note_status").label == "Reopen"
    assert 'od-status-resolved">resolved' in page_html(at)
    act(at, "note_status")
    assert open_store(db).annotations("seoul-informatization")[0].status == "open"
    at.text_input(key="note_reply_body").set_value("An answer.").run()
    act(at, "note_reply")
    first, answer = open_store(db).annotations("seoul-informatization")
    assert answer.in_reply_to == first.id and answer.motivation == "replying"
    html = page_html(at)
    thread = html[html.index('<div class="od-thread">') :]
    assert (
        thread.index("Second thought.")
        < thread.index('class="od-anno od-reply"')
        < thread.index("An answer.")
    )


def test_an_edit_conflict_is_a_clear_message_and_nothing_is_overwritten(db: str) -> None:
    at = as_analyst(session(old="16"))
    write_note(at, "old:art_16", "Mine.")
    at.text_area(key="note_edit_body").set_value("My edit.")  # typed, not saved yet
    other = open_store(db)  # another analyst, another session, saves first
    (note,) = other.annotations("seoul-informatization")
    other.save_annotation(note.edited(by="Lee", body="Lee's edit."))
    at.run()
    act(at, "note_save")
    (error,) = messages(at, "error")
    assert error.startswith("Not saved, someone else changed this note:") and "changed by Lee" in error
    assert open_store(db).annotations("seoul-informatization")[0].body == "Lee's edit."


# ---------------------------------------------------------------- review decisions


def test_accept_and_reject_the_open_pair_and_see_progress(db: str) -> None:
    at = as_analyst(session(old="34"))
    total = len(at.session_state["_index"].keys)
    assert any(m == f"Review progress: 0 of {total} pairs reviewed." for m in messages(at, "markdown"))
    at.text_input(key="review_reason").set_value("same duty, new title")
    act(at, "review_accept")
    assert at.selectbox(key="pair").value == "34>20"
    html = page_html(at)
    assert "origin: auto" in html and "review: accepted" in html and "same duty, new title" in html
    assert f"Review progress: 1 of {total} pairs reviewed." in messages(at, "markdown")
    (decision,) = open_store(db).decisions("seoul-informatization")
    assert decision.verdict == "accept" and decision.old == ("art_34",) and decision.new == ("art_20",)
    act(at, "review_reject")
    keys = at.session_state["_index"].keys
    assert "34>20" not in keys and "34>-" in keys and "->20" in keys


def test_link_old_16_to_new_12_with_a_reason(db: str) -> None:
    at = as_analyst(session(old="16"))
    assert at.selectbox(key="pair").value == "16>-"
    at.multiselect(key="link_old").set_value(["art_16"])
    at.multiselect(key="link_new").set_value(["art_12"])
    at.text_input(key="link_reason").set_value("the sector plans moved to new Article 12").run()
    act(at, "link_save")
    assert at.selectbox(key="pair").value == "16>12"  # the linked pair opens
    html = page_html(at)
    assert "origin: analyst" in html and "review: linked" in html
    assert "the sector plans moved to new Article 12" in html
    assert "->12" not in at.session_state["_index"].keys
    act(at, "review_unlink")
    assert {"16>-", "->12"} <= set(at.session_state["_index"].keys)


def test_another_sessions_notes_and_decisions_show_on_the_next_rerun(db: str) -> None:
    at = session(old="16")
    document = load_document("seoul-informatization")
    other = open_store(db)
    old16, _ = find_article(document, "old", "16")
    new12, _ = find_article(document, "new", "12")
    other.record_decision(
        new_decision(compare(document), verdict="link", old=(old16,), new=(new12,), author="Lee", reason="r")
    )
    other.save_annotation(new_note(document, side="old", eid=old16, body="Lee was here.", author="Lee"))
    at.run()
    assert "16>12" in at.session_state["_index"].keys
    assert at.selectbox(key="pair").value == "16>12"  # the open article's pair follows the decision
    assert "Lee was here." in page_html(at)


def test_acceptance_walk_note_on_old_16_and_link_to_new_12_survive_a_new_session(db: str) -> None:
    at = as_analyst(session(old="16"))
    write_note(at, "old:art_16", "Sector plans: see new Article 12.")
    at.multiselect(key="link_old").set_value(["art_16"])
    at.multiselect(key="link_new").set_value(["art_12"])
    at.text_input(key="link_reason").set_value("same plans").run()
    act(at, "link_save")
    fresh = session(old="16")  # a new browser session: nothing carried over but the database
    assert fresh.selectbox(key="pair").value == "16>12"
    html = page_html(fresh)
    assert "Sector plans: see new Article 12." in html and "review: linked" in html
    assert "same plans" in html


# ---------------------------------------------------------------- the Notes view


def test_notes_view_filters_and_jumps_to_the_anchor(db: str) -> None:
    document = load_document("seoul-informatization")
    store = open_store(db)
    old16, _ = find_article(document, "old", "16")
    new20, _ = find_article(document, "new", "20")
    store.save_annotation(new_note(document, side="old", eid=old16, body="On 16.", author="Kim", tags=("q",)))
    store.save_annotation(new_note(document, side="new", eid=new20, body="On 20.", author="Lee"))
    at = session(view="notes")
    assert at.query_params["view"] == "notes"
    html = page_html(at)
    assert "On 16." in html and "On 20." in html
    at.multiselect(key="nf_author").set_value(["Lee"]).run()
    html = page_html(at)
    assert "On 20." in html and "On 16." not in html
    at.multiselect(key="nf_author").set_value([]).run()
    at.multiselect(key="nf_tag").set_value(["q"]).run()
    assert "On 16." in page_html(at) and "On 20." not in page_html(at)
    act(at, "nv_open_0")
    assert at.radio(key="view").value == "compare"
    assert at.selectbox(key="pair").value == "16>-"
    assert "On 16." in page_html(at)


def test_an_orphaned_note_is_listed_with_its_old_location(db: str) -> None:
    """A note whose element and quoted text are gone from the document (as after a corrected copy)."""
    document = load_document("seoul-informatization")
    note = new_note(document, side="old", eid="art_16__para_2", body="Lost soon.", author="Kim")
    gone = replace(
        note.target,
        eid="art_99__para_7",
        article="99",
        path="(7)",
        quote=TextQuoteSelector(exact="text that is in no article of this ordinance"),
        passage=True,
    )
    open_store(db).save_annotation(replace(note, target=gone))
    at = session(view="notes")
    at.toggle(key="nf_orphan").set_value(True).run()
    html = page_html(at)
    assert "Lost soon." in html and "Orphaned:" in html
    assert any("Orphaned, was on old Article 99 (7)" in c for c in messages(at, "caption"))
    assert not [b for b in at.button if b.key == "nv_open_0"]  # nowhere to jump to


# ---------------------------------------------------------------- the analysis (issue 15)


def test_analysis_view_lists_the_committee_substitution_and_the_whole_amendment_check(db: str) -> None:
    at = session(view="analysis")
    subs = at.dataframe[0].value
    row = subs[subs["Old term"] == "Informatization Strategy Committee"]
    assert list(row["New term"]) == ["Smart City Committee"]
    assert "7 + 8 → 7" in row["Pairs"].iloc[0].split("; ")  # the pair of old 7 and 8, as printed
    checks = at.dataframe[1].value
    assert list(checks["Check"]) == ["change-without-note"]  # Ordinance No. 7026 is a whole amendment
    assert "Whole Amendment" in checks["Note"].iloc[0]
    html = page_html(at)
    assert 'aria-label="Analysis summary"' in html and "substitutions" in html


def test_a_reference_opens_its_target_pair_and_where_it_is_written(db: str) -> None:
    """Old Article 11 (4) cites "Article 7 (7)"; old 7 went into new 7, old 11 became new 9."""
    at = session(view="analysis")
    at.multiselect(key="ref_status").set_value(["renumbered"]).run()
    lines = [literal(m.value) for m in at.markdown if "“Article 7 (7)”" in literal(m.value)]
    assert lines and lines[0].startswith("old Article 11 (4): “Article 7 (7)” → Article 7 (7) · renumbered")
    act(at, "ar_target_0")
    assert at.radio(key="view").value == "compare" and at.selectbox(key="pair").value == "7+8>7"
    at.radio(key="view").set_value("analysis").run()
    at.multiselect(key="ref_status").set_value(["renumbered"]).run()
    act(at, "ar_site_0")
    assert at.selectbox(key="pair").value == "11>9"
    assert any(b.key == "ref_open_0" and literal(b.label) == "Open 7 + 8 → 7" for b in at.button)


def test_change_types_filter_the_table(db: str) -> None:
    at = session()
    at.multiselect(key="types").set_value(["join"]).run()
    shown = [at.session_state["_index"].keys[i] for i in at.session_state["_shown"]]
    assert shown == ["7+8>7", "7+9+12+13>8"]  # the two pairs where old articles were merged
    frame = at.dataframe[0].value
    assert all("join" in t for t in frame["Types"])


def test_hide_known_substitutions_in_the_pair_view(db: str) -> None:
    """New Article 11 (1) calls the "official in charge of informatization" the "responsible official"."""
    at = session(old="14")
    assert at.selectbox(key="pair").value == "14>11"
    assert "&quot;<ins>responsible official</ins>&quot;" in page_html(at)
    at.toggle(key="hide_subs").set_value(True).run()
    html = page_html(at)
    assert "&quot;responsible official&quot;" in html and "<ins>responsible official</ins>" not in html
    assert "<ins>shall</ins>" in html  # the other changes still show


def test_search_finds_analysts_notes(db: str) -> None:
    document = load_document("seoul-informatization")
    old16, _ = find_article(document, "old", "16")
    open_store(db).save_annotation(
        new_note(document, side="old", eid=old16, body="Ask the drafter about zebra crossings.", author="Kim")
    )
    at = session()
    at.text_input(key="q").set_value("zebra").run()
    assert [at.session_state["_index"].keys[i] for i in at.session_state["_shown"]] == ["16>-"]
    assert "<mark>zebra</mark> crossings" in page_html(at)


def test_markdown_in_author_tags_and_body_is_never_live_in_any_view(db: str) -> None:
    """Issue 13's sweep over every Markdown string of every view, with a note whose author, tags and
    body carry Markdown and Streamlit directives."""
    from tests.test_hardening_app import assert_nothing_live

    author = "[me](https://example.org) **x**"
    document = load_document("seoul-informatization")
    store = open_store(db)
    note = new_note(
        document,
        side="old",
        eid="art_16",
        body="_em_ :red[red] $x^2$",
        author=author,
        tags=(":material/home:",),
    )
    store.save_annotation(note)
    store.save_annotation(replace(note, id="0" * 8 + note.id[8:], target=replace(note.target, eid="art_99")))
    at = as_analyst(session(old="16"), author)
    for view, shown in (("compare", (author,)), ("notes", (author,)), ("analysis", ())):
        at.radio(key="view").set_value(view).run()
        assert not at.exception
        assert_nothing_live(at, *shown)


def test_the_pair_and_note_history_and_stale_decisions_are_shown(db: str) -> None:
    at = as_analyst(session(old="16"))
    write_note(at, "old:art_16", "First.")
    at.text_area(key="note_edit_body").set_value("Second.").run()
    act(at, "note_save")
    pair_log, note_log = [d.value for d in at.dataframe if "When (UTC)" in d.value.columns]
    assert list(note_log["What"]) == ["update annotation", "create annotation"]  # newest first
    assert list(note_log["Who"]) == ["Kim", "Kim"] and "body" in note_log["Fields changed"].iloc[0]
    assert len(pair_log) == 2  # the note on old Article 16 touches this pair
    document = load_document("seoul-informatization")
    decision = new_decision(compare(document), verdict="link", old=("art_16",), new=("art_12",), author="Lee")
    open_store(db).record_decision(replace(decision, old=("art_99",), old_numbers=("99",)))
    at.run()
    (stale,) = [w for w in messages(at, "warning") if w.startswith("Stale decision:")]
    assert "link 99>12 by Lee" in stale and "art_99 not in this document" in stale
