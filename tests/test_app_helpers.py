"""View helpers over hand-built model objects (tests/app_factory.py): filters, navigation, HTML, history."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.sources import SourceError
from diffing.model import CHANGE_KINDS, Pair
from tests import app_factory as f
from viewer import html
from viewer.history import article_history, instruments_frame, timeline_frame
from viewer.index import build_index, filter_pairs, neighbour_change
from viewer.links import ArticleRequest, article_request, params_for, resolve_request
from viewer.loading import MAX_UPLOAD_BYTES, RawFile, analyse, upload_input
from viewer.text import md

ALLOWED_TAGS = {
    "table", "caption", "thead", "tbody", "tr", "th", "td", "div", "span", "p", "del", "ins", "br",
    "h3", "h4", "h5", "ol", "li", "strong", "details", "summary", "ul", "a",
}  # fmt: skip


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(fragment: str) -> _Collect:
    c = _Collect()
    c.feed(fragment)
    c.close()
    return c


@pytest.fixture(scope="module")
def cmp():
    return f.comparison()


@pytest.fixture(scope="module")
def index(cmp):
    return build_index(cmp)


def pair(cmp, key: str) -> Pair:
    return next(p for p in cmp.pairs if p.key == key)


# ---------------------------------------------------------------- index, filters, navigation


def test_overview_table_lists_numbers_titles_change_and_score(index):
    row = index.frame.iloc[3]
    assert (row["Old"], row["Old title"], row["New"], row["New title"], row["Change"]) == (
        "34",
        "Promotion of Narrowing of Digital Divide",
        "20",
        "Closing Digital Divide",
        "moved",
    )
    assert index.frame.iloc[1]["New"] == "—"  # the deleted Article 5-2 has no new side


def test_search_finds_the_digital_divide_article_in_titles_and_text(index):
    assert [index.keys[i] for i in filter_pairs(index, query="digital DIVIDE")] == ["34>20"]
    # "large-scale investment" only occurs in the text of old Article 5-2, not in a title
    assert [index.keys[i] for i in filter_pairs(index, query="large-scale investment")] == ["5-2>-"]
    assert filter_pairs(index, query="no such words anywhere") == ()


def test_filter_by_change_kind_and_chapter(index):
    assert [index.keys[i] for i in filter_pairs(index, kinds={"deleted"})] == ["5-2>-"]
    assert [index.keys[i] for i in filter_pairs(index, chapter=f"old:{f.CH_OLD_4}")] == ["34>20"]
    assert [index.keys[i] for i in filter_pairs(index, chapter=f"new:{f.CH_NEW_3}")] == ["34>20"]
    assert {c.key for c in index.chapters} >= {f"old:{f.CH_OLD_1}", f"new:{f.CH_NEW_1}"}


def test_previous_and_next_change_walk_the_shown_pairs(index):
    every = tuple(range(len(index.pairs)))
    assert neighbour_change(index, every, "1>1", 1) == "5-2>-"
    assert neighbour_change(index, every, "5-2>-", -1) == "1>1"
    assert neighbour_change(index, every, "1>1", -1) is None
    assert neighbour_change(index, every, "34>20", 1) is None
    only_moved = filter_pairs(index, kinds={"moved"})
    assert neighbour_change(index, only_moved, "1>1", 1) == "34>20"


def test_search_ranks_title_hits_before_text_hits(cmp):
    import dataclasses

    reversed_index = build_index(dataclasses.replace(cmp, pairs=cmp.pairs[::-1]))
    # "informatization": in the text of old 7 (1) and in the title and text of old 5-2
    hits = filter_pairs(reversed_index, query="informatization")
    assert [reversed_index.keys[i] for i in hits] == ["5-2>-", "7>7"]
    # "the mayor" is in no title: document order
    hits = filter_pairs(reversed_index, query="the mayor")
    assert [reversed_index.keys[i] for i in hits] == ["34>20", "7>7", "5-2>-"]


def test_counts_list_every_present_kind(cmp):
    out = html.counts_html(cmp)
    assert "<li><strong>4</strong>pairs</li>" in out
    assert "<li><strong>2</strong>modified</li>" in out and "<li><strong>1</strong>moved</li>" in out
    assert "unchanged" not in out


# ---------------------------------------------------------------- deep links


def test_pair_link_names_the_pair_and_drops_the_old_query(cmp):
    from viewer.links import link_request, pair_link

    url = pair_link("http://h:8501/?doc=x&old=7#top", "seoul", pair(cmp, "7>7"))
    assert url == "http://h:8501/?doc=seoul&pair=7%3E7"
    assert link_request({"pair": "7 9 12 13>8"}).pair == "7+9+12+13>8"  # type: ignore[union-attr]


def test_deep_link_parameters_round_trip(cmp):
    req = article_request({"doc": "seoul-informatization", "old": " 34 "})
    assert req == ArticleRequest("old", "34")
    found = resolve_request(cmp, req)
    assert found is not None and found.key == "34>20"
    assert params_for("seoul-informatization", found) == {"doc": "seoul-informatization", "pair": "34>20"}
    assert article_request({"new": "20"}) == ArticleRequest("new", "20")
    assert article_request({"old": ""}) is None
    assert params_for(None, pair(cmp, "5-2>-"), "addenda") == {"pair": "5-2>-", "view": "addenda"}
    assert params_for(None, None, None, {"q": "divide", "kinds": "", "types": "join"}) == {
        "q": "divide",
        "types": "join",
    }
    assert resolve_request(cmp, ArticleRequest("new", "99")) is None


# ---------------------------------------------------------------- HTML


def test_pair_table_strikes_deletions_underlines_insertions_and_shows_notes_literally(cmp):
    out = html.pair_table_html(cmp, pair(cmp, "7>7"))
    assert "<del>committee</del>" in out
    assert "<ins>Smart City Committee of the Seoul Metropolitan Government</ins>" in out
    assert "&lt;Amended by Ordinance No. 6487, May 18, 2017&gt;" in out
    assert "<Amended" not in out
    assert f.NOTE_7 in "".join(parse(out).text)
    assert "Article 7 (Committee)" in out and "Article 7 (Establishment of Committee)" in out


def test_moved_paragraph_says_where_it_went(cmp):
    out = html.pair_table_html(cmp, pair(cmp, "34>20"))
    assert "↪ moved to Article 21" in out
    assert f'<div class="od-chapter">{f.CH_OLD_4}</div>' in out  # where it was ...
    assert f'<div class="od-chapter">{f.CH_NEW_3}</div>' in out  # ... and where it went
    assert "(not in this article — moved to Article 21" in out  # not "deleted" beside "moved"
    assert "(none — deleted from the old text)" not in out


def test_deleted_article_has_an_empty_new_side(cmp):
    out = html.pair_table_html(cmp, pair(cmp, "5-2>-"))
    assert "(no new article)" in out
    assert "<del>(1) When formulating" in out
    assert "Old Article 5-2 → no new article (deleted)" in out  # no "similarity 0.00"


def test_merged_pair_shows_each_source_article(cmp):
    p1, p7 = pair(cmp, "1>1"), pair(cmp, "7>7")
    old = (cmp.old.by_eid("art_1"), cmp.old.by_eid("art_7"))
    merged = f.pair(old, (cmp.new.by_eid("art_7"),), "merged", 0.4, p1.rows + p7.rows)
    out = html.pair_table_html(cmp, merged)
    assert "2 old articles" in out
    assert "Article 1 (Purpose)" in out and "Article 7 (Committee)" in out
    assert "from Article 1" in out and "from Article 7" in out


def test_article_note_shows_once_in_the_table(cmp):
    import dataclasses

    p = pair(cmp, "5-2>-")
    assert html.pair_table_html(cmp, p).count("Newly Inserted by Ordinance No. 5527") == 1  # in the heading
    art, unit = cmp.old.by_eid("art_5-2"), p.rows[0].old
    assert art is not None and unit is not None
    first = dataclasses.replace(p.rows[0], old=dataclasses.replace(unit, notes=art.notes))
    again = dataclasses.replace(p, rows=(first, *p.rows[1:]))
    out = html.pair_table_html(cmp, again)
    assert out.count("Newly Inserted by Ordinance No. 5527") == 1
    start = out.index('<tr class="od-heading">')
    heading_row = out[start : out.index("</tr>", start)]
    assert "Newly Inserted by Ordinance No. 5527" in heading_row  # the article's note, not paragraph (1)'s
    redline = html.redline_table_html(cmp, again)
    start = redline.index('<tr class="od-heading">')
    assert "Newly Inserted by Ordinance No. 5527" in redline[start : redline.index("</tr>", start)]
    assert redline.count("Newly Inserted by Ordinance No. 5527") == 1


def test_redline_has_both_marks_in_one_column(cmp):
    out = html.redline_table_html(cmp, pair(cmp, "7>7"))
    assert "<del>" in out and "<ins>" in out
    assert '<th scope="col">Old → new</th>' in out


def test_pair_addenda_show_the_linked_addenda_article_and_why(cmp):
    out = html.pair_addenda_html(cmp, pair(cmp, "5-2>-").addenda)
    assert "ADDENDA &lt;Ordinance No. 5527, Aug.1, 2013&gt;" in out
    assert "shall enter into force on November 23, 2013" in out
    assert "the amended provisions of Article 5-2" in out
    assert html.pair_addenda_html(cmp, ()) == "<p>No addenda article refers to these articles.</p>"


def test_pair_addenda_show_each_addenda_article_once_with_every_phrase(cmp):

    links = tuple(
        f.factory.link("old", "5527", "1", reason)
        for reason in ("the amended provisions of Article 5-2", "Article 5-2", "Article 5-2")
    )
    out = html.pair_addenda_html(cmp, links)
    assert out.count("shall enter into force on November 23, 2013") == 1
    assert "Linked by: “the amended provisions of Article 5-2”; “Article 5-2”</p>" in out


def test_own_addenda_of_the_new_version_collapse_under_every_pair(cmp):
    out = html.own_addenda_html(cmp.new, "new version")
    assert out.startswith("<details><summary>Addenda of the new version as a whole</summary>")
    assert "Applicability to Members&#x27; Terms of Office" in out
    # the old version's numbered blocks are other instruments' addenda, not its own
    assert html.own_addenda_html(cmp.old, "old version") == ""


def test_version_addenda_page_lists_every_block_with_dates(cmp):
    out = html.version_addenda_html(cmp.old, "old version")
    assert "ADDENDA &lt;Ordinance No. 5527, Aug.1, 2013&gt; — 2013-08-01" in out
    assert "ADDENDUM &lt;Ordinance No. 6487, May 18, 2017&gt; — 2017-05-18" in out
    assert "(omitted in the source)" in out
    assert "ADDENDA (no instrument number given)" in html.version_addenda_html(cmp.new, "new version")


@given(st.text(min_size=1, max_size=60))
def test_document_text_is_always_escaped(text):
    """Whatever a title, a provision or a note says, only the viewer's own tags reach the page."""
    base = f.comparison()
    old_art = f.article("9", text, text, (f.para("(1)", text, (f.note(text, "(1)", "amended", "1", None),)),))
    new_art = f.article("9", text, text, (f.para("(1)", text + " x"),))
    row = f.row(f.unit(old_art, old_art.paragraphs[0]), f.unit(new_art, new_art.paragraphs[0]))
    doc = base.document
    import dataclasses

    old = dataclasses.replace(doc.old, articles=(old_art,))
    new = dataclasses.replace(doc.new, articles=(new_art,))
    c = dataclasses.replace(base, document=dataclasses.replace(doc, old=old, new=new))
    p = f.pair((old_art,), (new_art,), "modified", 0.9, (row,))
    for fragment in (
        html.pair_table_html(c, p),
        html.redline_table_html(c, p),
        html.history_html(article_history(c, "old", "art_9"), (), text),
        html.chapter_heading_html(text),
    ):
        assert parse(fragment).tags <= ALLOWED_TAGS


def test_contents_list_chapters_articles_and_counterparts(cmp):
    from viewer.index import contents

    old = contents(cmp, "old", cmp.pairs)
    by_number = {e.article.number: e for ch in old for e in ch.entries}
    assert [ch.title for ch in old if ch.title == f.CH_OLD_4] == [f.CH_OLD_4]
    assert [(link.key, link.text) for link in by_number["34"].links] == [("34>20", "→ new 20 · moved")]
    assert [link.text for link in by_number["5-2"].links] == ["→ no new article · deleted"]
    new = contents(cmp, "new", cmp.pairs)
    twenty = next(e for ch in new for e in ch.entries if e.article.number == "20")
    assert html.heading_text(twenty.article) == "Article 20 (Closing Digital Divide)"
    assert [link.text for link in twenty.links] == ["← old 34 · moved"]
    titles = [ch.title for ch in new]
    assert titles.index(f.CH_NEW_1) < titles.index(f.CH_NEW_3)


def test_reader_warnings_are_listed_escaped():
    from corpus.model import ParseWarning

    out = html.warnings_html((ParseWarning(code="unparsed-line", message="kept <b>as is</b>"),))
    assert out == "<ul><li><code>unparsed-line</code> kept &lt;b&gt;as is&lt;/b&gt;</li></ul>"


# ---------------------------------------------------------------- history


def test_article_history_links_each_event_to_its_addenda_block(cmp):
    (entry,) = article_history(cmp, "old", "art_34")
    assert (entry.date, entry.number, entry.action, entry.target) == ("2013-08-01", "5527", "amended", "(2)")
    assert entry.block is not None and entry.block.heading == "ADDENDA <Ordinance No. 5527, Aug.1, 2013>"
    out = html.history_html((entry,), [("old", "5527", "1")], "Old Article 34")
    assert out.startswith("<h4>Old Article 34 — 1 event(s)</h4><ol")
    assert "&lt;Amended by Ordinance No. 5527, Aug. 1, 2013&gt;" in out
    assert "<summary>Addenda of Ordinance No. 5527</summary>" in out
    assert "applies here" in out
    assert "<strong>2013-08-01</strong> · Ordinance No. 5527 · amended · provision (2)" in out
    assert article_history(cmp, "new", "art_20") == ()
    assert "No amendment note" in html.history_html((), (), "New Article 20")


def test_timeline_frames_count_provisions_per_instrument(cmp):
    events = timeline_frame(cmp)
    assert len(events) == 3
    per = instruments_frame(events).set_index("Instrument")
    assert per.loc["No. 5527", "Provisions touched"] == 2
    assert per.loc["No. 5527", "Articles"] == "Article 5-2, Article 34"
    assert per.loc["No. 6487", "Provisions touched"] == 1
    assert list(instruments_frame(events)["Instrument"]) == ["No. 5527", "No. 6487"]  # date order


# ---------------------------------------------------------------- loading


def test_upload_limits_and_file_counts_are_explained():
    with pytest.raises(SourceError, match=r"big\.txt: too large .* upload limit is 5 MB"):
        upload_input([RawFile("big.txt", b"x" * (MAX_UPLOAD_BYTES + 1))])
    with pytest.raises(SourceError, match="one combined page or an old and a new file, got 3"):
        upload_input([RawFile(n, b"Article 1 (Purpose) x") for n in "abc"])
    two = upload_input([RawFile("old.txt", b"a"), RawFile("new.txt", b"b")])
    assert two.name == "old.txt -> new.txt" and two.bundled is None


def test_digest_follows_content_not_identity():
    a = upload_input([RawFile("p.txt", b"Article 1 (Purpose) text")])
    b = upload_input([RawFile("p.txt", b"Article 1 (Purpose) text")])
    c = upload_input([RawFile("p.txt", b"Article 1 (Purpose) text!")])
    assert a.digest == b.digest != c.digest


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"   \n", "the file is empty"), (b"\x00\x01binary", "binary data, not a text file")],
)
def test_undecodable_upload_is_a_source_error(raw, message):
    with pytest.raises(SourceError, match=message):
        analyse(upload_input([RawFile("bad.txt", raw)]))


def test_timeline_chart_marks_actions_by_shape_and_orders_articles(cmp):
    from viewer.charts import instruments_chart, timeline_chart

    spec = timeline_chart(timeline_frame(cmp)).to_dict()
    assert spec["encoding"]["shape"]["field"] == "Action"
    assert spec["encoding"]["y"]["sort"] == ["Article 5-2", "Article 7", "Article 34"]
    bars = instruments_chart(instruments_frame(timeline_frame(cmp))).to_dict()
    assert bars["encoding"]["x"]["sort"] == ["No. 5527", "No. 6487"]


@given(st.text(max_size=80))
def test_md_literal_escapes_every_markdown_character_and_loses_nothing(text):
    """``html.md_literal`` is ``viewer.text.md``; control characters are shown as stand-ins (issue 13.3)."""
    import re

    from viewer.text import MARKDOWN_PUNCTUATION

    assert html.md_literal is md
    out = html.md_literal(text)
    shown = re.sub(r"\\(.)", r"\1", out)
    assert len(shown) == len(text)
    assert all(a == b for a, b in zip(shown, text, strict=True) if b.isprintable())  # only controls change
    unescaped = re.sub(r"\\.", "", out)
    assert not any(c in MARKDOWN_PUNCTUATION for c in unescaped)


# ---------------------------------------------------------------- downloads


def test_downloads_export_exactly_the_chosen_scope_and_name_it():
    import csv
    import io

    import ordiff
    import reports
    from viewer.downloads import downloads, scope
    from viewer.index import select

    seoul = ordiff.compare(ordiff.load("seoul-informatization"))

    def rows(entries) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
        (d,) = [d for d in entries if d.fmt == "csv"]
        return list(csv.DictReader(io.StringIO(d.build().decode("utf-8-sig"))))

    # "moved" through the viewer's one selection rule (reports.select_pairs, as ordiff report --changes)
    seoul_index = build_index(seoul)
    picked = select(seoul, seoul_index, kinds=["moved"])
    shown = [seoul_index.pairs[i] for i in picked.shown]  # positions are the index's (reading order)
    entries = downloads(seoul, "seoul-informatization", scope("shown", shown=shown))
    assert [d.fmt for d in entries] == list(reports.FORMATS)
    by_fmt = {d.fmt: d for d in entries}
    assert by_fmt["csv"].file_name == f"seoul-informatization-{len(shown)}-pairs-shown.csv"
    assert by_fmt["csv"].mime == "text/csv"
    moved = rows(entries)
    assert {r["change"] for r in moved} == {"moved"} and len(moved) == len(shown)
    # old Article 34 (Promotion of Narrowing of Digital Divide) became new Article 20 (Closing Digital Divide)
    assert any((r["old_article"], r["new_article"]) == ("34", "20") for r in moved)
    one = downloads(seoul, "s", scope("pair", pair(seoul, "7+9+12+13>8")))
    assert one[0].file_name == "s-pair-7+9+12+13-to-8.docx"
    assert [(r["old_article"], r["new_article"]) for r in rows(one)] == [("7; 9; 12; 13", "8")]
    everything = downloads(seoul, "s")
    assert everything[0].file_name == "s-all.docx"
    assert len(rows(everything)) == len(seoul.pairs)


WORDS = st.sampled_from(["the", "mayor", "committee", "digital", "divide", "plan", "purpose", "zzz", "of"])


@given(
    st.lists(WORDS, max_size=3),
    st.lists(WORDS, min_size=1, max_size=2),
    st.sets(st.sampled_from(CHANGE_KINDS)),
)
def test_more_terms_or_fewer_kinds_never_widen_the_result(terms, extra, kinds):
    index = build_index(f.comparison())
    base = set(filter_pairs(index, query=" ".join(terms)))
    assert set(filter_pairs(index, query=" ".join(terms + extra))) <= base
    narrowed = set(filter_pairs(index, kinds=kinds, query=" ".join(terms)))
    assert narrowed <= base
    assert all(index.pairs[i].change in kinds for i in narrowed)
    assert set(filter_pairs(index)) == set(range(len(index.pairs)))


# ---------------------------------------------------------------- search highlighting


def test_highlight_marks_text_only_never_inside_tags_or_references():
    fragment = '<td class="divide"><del>digital</del> divide &amp; more &quot;Divide&quot;</td>'
    out = html.highlight_html(fragment, ["divide", "amp", "quot"])
    assert out == (
        '<td class="divide"><del>digital</del> <mark>divide</mark> &amp; more '
        "&quot;<mark>Divide</mark>&quot;</td>"
    )
    assert html.highlight_html(fragment, ["<td", "&amp;"]) == fragment  # terms HTML would escape: unmarked


@given(st.text(alphabet="ab<>&;\"' #x1", max_size=30), st.lists(st.text(alphabet="ab&;#x1", max_size=4)))
def test_highlighting_never_changes_the_escaped_text(text, terms):
    from reports.render import esc

    fragment = f"<p>{esc(text)}</p>"
    out = html.highlight_html(fragment, terms)
    assert out.replace("<mark>", "").replace("</mark>", "") == fragment
