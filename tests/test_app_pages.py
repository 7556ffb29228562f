"""The Streamlit app under AppTest with the real reader and engine: pages, selection, filters, uploads.

Expectations come from reading the bundled texts: old Article 34 (Promotion of
Narrowing of Digital Divide) became new Article 20 (Closing Digital Divide);
old Article 7 (1) carries ``<Amended by Ordinance No. 6487, May 18, 2017>``;
the ADDENDA of Ordinance No. 5527 (Aug. 1, 2013) put the amended Article 5-2
into force on November 23, 2013.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_factory import open_app as run

ROOT = Path(__file__).resolve().parent.parent
SEOUL = ROOT / "corpus" / "data" / "seoul-informatization" / "page.txt"
ACT = ROOT / "corpus" / "data" / "kr-ai-framework-act"


@pytest.fixture(autouse=True)
def review_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """Each test writes notes and decisions to its own SQLite file, never the user's database."""
    url = f"sqlite:///{tmp_path / 'review.db'}"
    monkeypatch.setenv("ORDIFF_DB", url)
    return url


def literal(markdown: str) -> str:
    """The text a message shows: the app backslash-escapes Markdown punctuation in it."""
    return re.sub(r"\\(.)", r"\1", markdown)


def page_html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def caption(at: AppTest) -> str:
    out = page_html(at)
    start = out.index("<caption>") + len("<caption>")
    return out[start : out.index("</caption>", start)]


def pair_keys(at: AppTest) -> tuple[str, ...]:
    """The pair keys (``"34>20"``) of the loaded comparison: the pair selectbox shows labels, not keys."""
    return at.session_state["_index"].keys


def upload_at() -> AppTest:
    at = run(doc="upload")
    assert at.selectbox(key="doc").value == "upload"
    return at


# ---------------------------------------------------------------- opening, deep links


def test_opens_on_the_bundled_seoul_ordinance_without_setup():
    at = run()
    assert at.selectbox(key="doc").value == "seoul-informatization"
    assert "Ordinance No. 6851" in page_html(at) and "Ordinance No. 7026" in page_html(at)
    total = int(at.button(key="chip_all").label.split()[0])
    assert total == len(at.session_state["_index"].pairs) > 30
    assert at.query_params["doc"] == "seoul-informatization"
    assert '<table class="od-compare">' in page_html(at)


def test_deep_link_to_old_34_shows_new_20_history_and_literal_note():
    at = run(doc="seoul-informatization", old="34")
    assert str(at.selectbox(key="pair").value).startswith("34>")
    assert caption(at).startswith("Old Article 34 → new Article 20")
    out = page_html(at)
    assert "Article 34 (Promotion of Narrowing of Digital Divide)" in out
    assert "Article 20 (Closing Digital Divide)" in out
    assert "&lt;Amended by Ordinance No. 5527, Aug. 1, 2013&gt;" in out
    assert "<summary>Addenda of Ordinance No. 5527</summary>" in out
    assert "<del>" in out and "<ins>" in out
    # the 2019 ADDENDA govern the whole new text: enforcement on promulgation, repeal of the U-City ordinance
    assert "<summary>Addenda of the new version as a whole</summary>" in out
    assert "Ordinance on Ubiquitous City Construction Projects shall hereby be repealed" in out


def test_deep_link_to_old_7_shows_the_2017_note_literally():
    at = run(doc="seoul-informatization", old="7")
    assert caption(at).startswith("Old Article 7 + 8 → new Article 7")  # old 8's functions merged in
    out = page_html(at)
    assert "&lt;Amended by Ordinance No. 6487, May 18, 2017" in out
    assert "<Amended by" not in out


def test_deep_link_by_new_number_and_url_follows_selection():
    at = run(doc="seoul-informatization", new="20")
    assert caption(at).startswith("Old Article 34 → new Article 20")
    assert at.query_params["pair"] == "34>20" and "new" not in at.query_params
    at.selectbox(key="pair").set_value(next(k for k in pair_keys(at) if k.startswith("7+8>")))
    at.run()
    assert at.query_params["pair"] == "7+8>7"
    assert caption(at).startswith("Old Article 7 + 8 →")


def test_a_pair_link_reopens_exactly_that_pair_even_when_an_article_is_in_two():
    """Old Article 7 went into new 7 (with old 8) and into new 8 (with old 9, 12 and 13)."""
    at = run(doc="seoul-informatization", pair="7+9+12+13>8")
    assert caption(at).startswith("Old Article 7 + 9 + 12 + 13 → new Article 8")
    assert at.query_params["pair"] == "7+9+12+13>8"
    again = run(**dict(at.query_params))  # the copied link, in a new session
    assert caption(again).startswith("Old Article 7 + 9 + 12 + 13 → new Article 8")
    typed = run(doc="seoul-informatization", pair="7 9 12 13>8")  # "+" typed in a URL arrives as " "
    assert caption(typed).startswith("Old Article 7 + 9 + 12 + 13 → new Article 8")


def test_an_article_in_two_pairs_says_so_and_offers_the_other():
    at = run(doc="seoul-informatization", old="7")
    assert at.selectbox(key="pair").value == "7+8>7"
    several = "Old Article 7 is in 2 pairs: 7 + 8 → 7; 7 + 9 + 12 + 13 → 8."
    assert several in [literal(i.value) for i in at.info]
    assert literal(at.button(key="shared_0_0").label) == "Open 7 + 9 + 12 + 13 → 8"
    at.button(key="shared_0_0").click().run()
    assert at.selectbox(key="pair").value == "7+9+12+13>8"
    assert several in [literal(i.value) for i in at.info]


def test_filters_and_search_ride_in_the_url_and_survive_another_view():
    at = run(doc="seoul-informatization", kinds="deleted", q="digital divide")
    assert (
        at.multiselect(key="kinds").value == ["deleted"] and at.text_input(key="q").value == "digital divide"
    )
    shown = [at.session_state["_index"].keys[i] for i in at.session_state["_shown"]]
    assert shown and all(k.endswith(">-") for k in shown)
    assert at.query_params["kinds"] == "deleted" and at.query_params["q"] == "digital divide"
    opened = at.selectbox(key="pair").value
    at.radio(key="view").set_value("timeline").run()
    assert at.query_params["pair"] == opened and at.query_params["q"] == "digital divide"
    at.radio(key="view").set_value("compare").run()
    assert at.selectbox(key="pair").value == opened
    assert (
        at.multiselect(key="kinds").value == ["deleted"] and at.text_input(key="q").value == "digital divide"
    )


def test_deep_link_to_the_amended_article_5_2_shows_its_addenda():
    at = run(doc="seoul-informatization", old="5-2")
    assert caption(at).startswith("Old Article 5-2 →")
    out = page_html(at)
    assert "shall enter into force on November 23, 2013" in out
    assert "ADDENDA &lt;Ordinance No. 5527, Aug.1, 2013&gt;" in out


def test_bad_deep_links_explain_themselves():
    at = run(doc="seoul-informatization", old="999")
    assert "The old version has no article “999”; showing the first changed pair." in [
        literal(w.value) for w in at.warning
    ]
    at = run(doc="seoul-informatization", pair="7>9")
    assert any(literal(w.value).startswith("This comparison has no pair “7>9”") for w in at.warning)
    at = run(doc="seoul-informatization", view="nowhere", kinds="renamed")
    problems = [literal(w.value) for w in at.warning]
    assert any(p.startswith("No view named “nowhere”") for p in problems)
    assert "No pair has the kind “renamed”; that filter is left out." in problems
    at = run(doc="no-such-law")
    assert any("No bundled document named “no-such-law”" in literal(w.value) for w in at.warning)
    assert at.selectbox(key="doc").value == "seoul-informatization"


def test_url_text_in_messages_is_not_markdown():
    at = run(doc="[x](javascript:alert(1))")
    (warning,) = at.warning
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in warning.value
    assert literal(warning.value).startswith("No bundled document named “[x](javascript:alert(1))”")


# ---------------------------------------------------------------- overview: filters, search, chapters


def test_filter_by_change_kind():
    at = run()
    at.multiselect(key="kinds").set_value(["deleted"]).run()
    frame = at.dataframe[0].value
    assert len(frame) > 0 and set(frame["Change"]) == {"deleted"}
    assert set(frame["New"]) == {"—"}


def test_search_finds_the_digital_divide_article():
    at = run()
    total = len(at.dataframe[0].value)
    at.text_input(key="q").set_value("digital divide").run()
    frame = at.dataframe[0].value
    assert 0 < len(frame) < total
    assert "34" in set(frame["Old"])
    # title hits first: old 34 "Promotion of Narrowing of Digital Divide" / new 20 "Closing Digital Divide"
    assert "digital divide" in (frame.iloc[0]["Old title"] + frame.iloc[0]["New title"]).lower()
    assert at.selectbox(key="pair").value == at.session_state["_index"].keys[at.session_state["_shown"][0]]
    html = page_html(at)
    assert re.search(r"<mark>digital</mark> <mark>divide</mark>", html, flags=re.I)  # matches marked
    at.text_input(key="q").set_value("no such phrase in any article").run()
    assert len(at.dataframe[0].value) == 0
    assert "No pair matches these filters and search." in [literal(i.value) for i in at.info]
    assert '<table class="od-compare">' not in page_html(at)  # no unrelated pair stays open


@pytest.mark.parametrize("typed", ["5-2", "Article 5-2", "제5조의2"])
def test_search_by_article_number_in_any_form(typed):
    at = run()
    at.text_input(key="q").set_value(typed).run()
    assert list(at.dataframe[0].value["Old"]) == ["5-2"]
    assert at.selectbox(key="pair").value == "5-2>-"
    assert "Pairs holding Article 5-2 of either version." in [literal(c.value) for c in at.caption]


def test_search_by_a_number_held_on_both_sides():
    """34: old 34 (became new 20) and new 34 does not exist; 7: old 7 is in two pairs and new 7 in one."""
    at = run()
    at.text_input(key="q").set_value("34").run()
    assert list(zip(at.dataframe[0].value["Old"], at.dataframe[0].value["New"], strict=True)) == [
        ("34", "20")
    ]
    at.text_input(key="q").set_value("Article 7").run()
    assert [at.session_state["_index"].keys[i] for i in at.session_state["_shown"]] == [
        "7+8>7",
        "7+9+12+13>8",
    ]
    at.text_input(key="q").set_value("2013").run()  # no Article 2013: the text is searched instead
    assert "Neither version has an article “2013”; searching the text for it." in [
        literal(i.value) for i in at.info
    ]
    assert len(at.dataframe[0].value) > 0


def test_search_finds_amendment_notes():
    """Old Article 34 carries <Amended by Ordinance No. 5527, Aug. 1, 2013> on its paragraphs."""
    at = run()
    at.text_input(key="q").set_value("Ordinance No. 5527").run()
    assert "34" in set(at.dataframe[0].value["Old"])


def test_the_table_tick_is_the_open_pair():
    at = run(old="34")
    (table,) = at.dataframe
    ticked = json.loads(table.proto.selection_default)["selection"]["rows"]
    assert [table.value.iloc[r]["Old"] for r in ticked] == ["34"]
    at.text_input(key="q").set_value("digital divide").run()
    (table,) = at.dataframe
    ticked = json.loads(table.proto.selection_default)["selection"]["rows"]
    opened = at.selectbox(key="pair").value
    assert (
        len(ticked) == 1 and at.session_state["_index"].keys[at.session_state["_shown"][ticked[0]]] == opened
    )


def test_chapter_navigation_of_either_version():
    at = run()
    chapters = at.selectbox(key="chapter").options
    assert any("Old: CHAPTER" in c for c in chapters) and any("New: CHAPTER" in c for c in chapters)
    # old Article 34 sits in CHAPTER Ⅳ PREVENTION OF ADVERSE EFFECTS OF INFORMATIZATION of the 2018 text
    key = next(c.key for c in at.session_state["_index"].chapters if c.side == "old" and "ADVERSE" in c.title)
    at.selectbox(key="chapter").set_value(key).run()
    olds = set(at.dataframe[0].value["Old"])
    assert "34" in olds and "1" not in olds


def test_previous_and_next_change_buttons():
    at = run(doc="seoul-informatization", old="1")
    first = at.selectbox(key="pair").value
    at.button(key="next").click().run()
    second = at.selectbox(key="pair").value
    assert second != first
    at.button(key="prev").click().run()
    assert at.selectbox(key="pair").value == first


def test_inline_redline_toggle():
    at = run(doc="seoul-informatization", old="7")
    at.toggle(key="redline").set_value(True).run()
    out = page_html(at)
    assert "inline redline" in out and "<del>" in out and "<ins>" in out


def test_merged_pair_lists_each_source_article():
    at = run()
    merged = [k for k in pair_keys(at) if "+" in k.split(">")[0]]
    assert merged, "the Seoul comparison has a merged pair"
    at.selectbox(key="pair").set_value(merged[0]).run()
    out = page_html(at)
    n = len(merged[0].split(">")[0].split("+"))
    assert f"{n} old articles" in out
    for number in merged[0].split(">")[0].split("+"):
        assert f"Article {number} (" in out


# ---------------------------------------------------------------- other pages, other document


def test_timeline_page_charts_amending_ordinances():
    at = run(doc="seoul-informatization", view="timeline")
    assert at.radio(key="view").value == "timeline"
    instruments = at.dataframe[0].value
    assert {"No. 5527", "No. 6487"} <= set(instruments["Instrument"])
    assert at.query_params["view"] == "timeline"


def test_contents_page_opens_every_article_s_pair():
    at = run(doc="seoul-informatization", view="contents")
    entry = at.button(key="toc_old_art_34")
    assert literal(entry.label) == "Article 34 (Promotion of Narrowing of Digital Divide) → new 20 · moved"
    at.button(key="toc_old_art_34").click().run()
    assert at.radio(key="view").value == "compare" and at.session_state["pair"] == "34>20"
    assert caption(at).startswith("Old Article 34 → new Article 20")
    assert at.query_params["pair"] == "34>20"


def test_addenda_page_lists_blocks_of_both_versions():
    at = run(doc="seoul-informatization", view="addenda")
    out = page_html(at)
    for heading in ("ADDENDUM &lt;Ordinance No. 5176, Sep. 29, 2011&gt;", "ADDENDA &lt;Ordinance No. 5622"):
        assert heading in out
    assert "Ubiquitous City Construction Projects" in out  # the 2019 version's own addenda


def test_pick_the_korean_act():
    at = run()
    seoul_chapter = next(c.key for c in at.session_state["_index"].chapters if c.side == "old")
    at.selectbox(key="chapter").set_value(seoul_chapter).run()
    at.multiselect(key="kinds").set_value(["deleted"]).run()
    at.selectbox(key="doc").set_value("kr-ai-framework-act").run()
    assert not at.exception
    assert at.query_params["doc"] == "kr-ai-framework-act"
    assert at.selectbox(key="chapter").value == "" and at.multiselect(key="kinds").value == []
    assert "Act No. 21311" in page_html(at) or "21311" in page_html(at)


# ---------------------------------------------------------------- uploads


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_upload_one_combined_page(encoding):
    at = upload_at()
    at.radio(key="upload_form").set_value("combined").run()
    raw = SEOUL.read_text(encoding="utf-8").encode(encoding)
    at.file_uploader(key="up_page").upload("page.txt", raw, "text/plain")
    at.run()
    assert not at.exception and not at.error
    assert "SEOUL METROPOLITAN GOVERNMENT" in page_html(at)
    assert at.query_params["doc"] == "upload"  # a reload opens the upload form, never the bundled text
    # the same text as the bundled document: the same pairs
    bundled = run(doc="seoul-informatization")
    assert at.session_state["_index"].keys == bundled.session_state["_index"].keys


def test_upload_old_and_new_files():
    at = upload_at()
    at.radio(key="upload_form").set_value("pair").run()
    at.file_uploader(key="up_old").upload("old.txt", (ACT / "old.txt").read_bytes(), "text/plain")
    at.file_uploader(key="up_new").upload("new.txt", (ACT / "new.txt").read_bytes(), "text/plain")
    at.run()
    assert not at.exception and not at.error
    assert "ARTIFICIAL INTELLIGENCE" in page_html(at).upper()
    assert '<table class="od-compare">' in page_html(at)


def test_upload_cp949_pair_with_korean_text():
    old = (
        "SAMPLE ORDINANCE\nArticle 1 (Purpose) 이 조례는 서울특별시의 정보화를 촉진함을 목적으로 한다.\n"
        'Article 2 (Definitions) (1) The term "data" means 자료.\n(2) The term "system" means 시스템.\n'
    )
    new = old.replace("정보화를 촉진함을", "스마트도시 조성을").replace("means 시스템", "means 정보시스템")
    at = upload_at()
    at.radio(key="upload_form").set_value("pair").run()
    at.file_uploader(key="up_old").upload("old.txt", old.encode("cp949"), "text/plain")
    at.file_uploader(key="up_new").upload("new.txt", new.encode("cp949"), "text/plain")
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["_index"].keys == ("1>1", "2>2")
    out = page_html(at)
    assert "<del>정보화를 촉진함을</del>" in out and "<ins>스마트도시 조성을</ins>" in out


def test_reader_warnings_are_shown_with_the_source_files():
    at = upload_at()
    at.radio(key="upload_form").set_value("pair").run()
    # Article 2 is missing from the old text: the reader warns about the numbering gap
    at.file_uploader(key="up_old").upload(
        "o.txt", b"Article 1 (Purpose) Old.\nArticle 3 (Gap) Text.\n", "text/plain"
    )
    at.file_uploader(key="up_new").upload("n.txt", b"Article 1 (Purpose) New.\n", "text/plain")
    at.run()
    assert not at.exception and not at.error
    assert any(literal(e.label) == "The reader noted 1 thing(s) about this text" for e in at.expander)
    out = page_html(at)
    assert "Read from: o.txt, n.txt" in out
    assert "numbering jumps from Article 1 to Article 3" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02 binary", "bad.txt: binary data, not a text file"),
        (b"Just a shopping list.\nMilk, eggs.\n", "bad.txt: no article found"),
        (b"   ", "bad.txt: the file is empty"),
        (b"x" * (5 * 1024 * 1024 + 1), "bad.txt: too large"),
    ],
)
def test_bad_upload_gets_a_clear_message(content, message):
    at = upload_at()
    at.radio(key="upload_form").set_value("combined").run()
    at.file_uploader(key="up_page").upload("bad.txt", content, "text/plain")
    at.run()
    assert not at.exception
    assert any(message in literal(e.value) for e in at.error), [e.value for e in at.error]


def test_report_download_buttons_one_per_format():
    import reports

    at = run()
    buttons = at.get("download_button")
    assert [b.proto.id.rsplit("dl_", 1)[1] for b in buttons] == list(reports.FORMATS)
    assert all(b.proto.deferred_file_id for b in buttons)  # built on click, not on every rerun


def test_export_scope_is_chosen_explicitly_and_named_in_the_file():
    at = run(old="34")
    scope = at.radio(key="export_scope")
    assert scope.value == "all" and scope.options[0].startswith("The open pair")

    def csv_help() -> str:
        (button,) = [b for b in at.get("download_button") if b.proto.id.endswith("dl_csv")]
        return literal(button.proto.help)

    assert csv_help().endswith("File: seoul-informatization-all.csv")
    scope.set_value("pair").run()
    assert csv_help().endswith("File: seoul-informatization-pair-34-to-20.csv")
    at.text_input(key="q").set_value("digital divide").run()
    at.multiselect(key="kinds").set_value(["deleted"]).run()
    n = len(at.dataframe[0].value)
    at.radio(key="export_scope").set_value("shown").run()
    assert csv_help().endswith(f"File: seoul-informatization-{n}-pairs-shown.csv")


def test_article_level_notes_sit_in_the_heading_row_not_in_the_first_paragraph():
    """Old 5-2 ends with "[This Article Newly Inserted by Ordinance No. 5527, Aug. 1, 2013]" after its
    paragraph (3); new Article 17-2 of the Act with "[This Article Added on Jan. 20, 2026]"."""
    at = run(old="5-2")
    out = page_html(at)
    table = out[out.index('<table class="od-compare">') : out.index("</table>")]
    start = table.index('<tr class="od-heading">')
    heading = table[start : table.index("</tr>", start)]
    assert "[This Article Newly Inserted by Ordinance No. 5527, Aug. 1, 2013]" in heading
    assert table.count("[This Article Newly Inserted by Ordinance No. 5527") == 1
    at = run(doc="kr-ai-framework-act", new="17-2")
    out = page_html(at)
    table = out[out.index('<table class="od-compare">') : out.index("</table>")]
    start = table.index('<tr class="od-heading">')
    heading = table[start : table.index("</tr>", start)]
    assert "[This Article Added on Jan. 20, 2026]" in heading
    assert table.count("[This Article Added on Jan. 20, 2026]") == 1


def test_count_chips_filter_by_kind_and_collapse_folds_unchanged_paragraphs():
    at = run()
    deleted = at.button(key="chip_deleted")
    n = int(deleted.label.split()[0])
    deleted.click().run()
    assert at.multiselect(key="kinds").value == ["deleted"] and len(at.dataframe[0].value) == n
    at.button(key="chip_all").click().run()
    assert at.multiselect(key="kinds").value == [] and len(at.dataframe[0].value) == int(
        at.button(key="chip_all").label.split()[0]
    )
    # the Act's Article 8: paragraph (1) changed ("The Council shall ..."), (2) and (3) read the same
    at = run(doc="kr-ai-framework-act", old="8")
    before = page_html(at)
    at.toggle(key="collapse").set_value(True).run()
    after = page_html(at)
    assert "⋯ 2 unchanged paragraphs folded" in after and "unchanged paragraphs folded" not in before
    assert "(2) The Committee may make recommendations" in before
    assert "(2) The Committee may make recommendations" not in after
    assert "The <ins>Council</ins>" in after or "<ins>Council</ins>" in after
