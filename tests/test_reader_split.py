"""Reader rules: splitting an interleaved page into versions; addenda and tables per version."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import Document, SourceText
from corpus.reader import read
from corpus.split import BlockCue, HeadingCue, VersionCue, assign_headings, split_addenda


def parse(*texts: str) -> Document:
    return read(tuple(SourceText(name=f"t{i}.txt", text=t) for i, t in enumerate(texts)), name="t")


def titles(doc: Document) -> tuple[list[str], list[str]]:
    return [a.title for a in doc.old.articles], [a.title for a in doc.new.articles]


HEADER = (
    "SAMPLE ORDINANCE\n"
    "Amendment of Other Laws No. 100, Mar. 22, 2018 Whole Amendment No. 200, Mar. 28, 2019\n\n"
)


def test_interleaved_page_old_first_new_shorter() -> None:
    doc = parse(
        HEADER + "Article 1 (Old one) a.\n\nArticle 1 (New one) b.\n\n"
        "Article 2 (Old two) c.\n\nArticle 2 (New two) d.\n\n"
        "Article 3 (Old three) e.\n\nArticle 4 (Old four) f.\n"
    )
    assert titles(doc) == (["Old one", "Old two", "Old three", "Old four"], ["New one", "New two"])
    assert not [w for w in doc.warnings if w.code == "one-version"]


def test_interleaved_page_without_header_is_still_split() -> None:
    doc = parse(
        "Article 1 (O1) a.\nArticle 1 (N1) b.\nArticle 2 (O2) c.\nArticle 2 (N2) d.\nArticle 3 (O3) e.\n"
    )
    assert titles(doc) == (["O1", "O2", "O3"], ["N1", "N2"])


def test_branch_article_goes_where_numbering_continues() -> None:
    # 2-2 is printed between old 2 and new 2: in the new sequence it would precede new 2
    doc = parse(
        HEADER + "Article 1 (O1) a.\nArticle 1 (N1) a.\nArticle 2 (O2) a.\nArticle 2-2 (O2-2) a.\n"
        "Article 2 (N2) a.\nArticle 3 (O3) a.\nArticle 3 (N3) a.\n"
    )
    assert titles(doc) == (["O1", "O2", "O2-2", "O3"], ["N1", "N2", "N3"])


def test_chapter_numeral_style_outweighs_the_page_order_prior() -> None:
    # at Article 3 the page prints the new (ASCII) chapter first; the style cue keeps the versions apart
    doc = parse(
        "CHAPTER Ⅰ OLD GENERAL Article 1 (O1) a.\n"
        "CHAPTER I NEW GENERAL Article 1 (N1) a.\n"
        "Article 2 (O2) a.\nArticle 2 (N2) a.\n"
        "CHAPTER II NEW SECOND Article 3 (N3) a.\n"
        "CHAPTER Ⅱ OLD SECOND Article 3 (O3) a.\n"
    )
    assert titles(doc) == (["O1", "O2", "O3"], ["N1", "N2", "N3"])
    assert [d.number for d in doc.old.divisions] == ["Ⅰ", "Ⅱ"]
    assert [d.number for d in doc.new.divisions] == ["I", "II"]
    assert doc.new.articles[2].chapter == "CHAPTER II NEW SECOND"


def test_note_dates_place_an_article_in_the_old_version() -> None:
    cues = [
        HeadingCue((5,)),
        HeadingCue((5,)),
        HeadingCue((5, 2), first_note="2013-08-01", last_note="2013-08-01"),
        HeadingCue((6,)),
        HeadingCue((6,)),
    ]
    versions = (VersionCue("2018-03-22"), VersionCue("2019-03-28", whole_amendment=True))
    assert assign_headings(cues, versions, open_cost=0.0)[2] == 0


def test_a_note_dated_after_the_old_version_places_an_article_in_the_new_one() -> None:
    cues = [
        HeadingCue((5,)),
        HeadingCue((5,)),
        HeadingCue((5, 2), first_note="2019-05-01", last_note="2019-05-01"),
        HeadingCue((6,)),
        HeadingCue((6,)),
    ]
    versions = (VersionCue("2018-03-22"), VersionCue("2019-03-28"))
    assert assign_headings(cues, versions, open_cost=0.0)[2] == 1


def test_single_version_text_is_not_split() -> None:
    doc = parse("LAW\nArticle 1 (A) a.\nArticle 2 (B) b.\nArticle 2 (B again) c.\nArticle 3 (C) d.\n")
    assert titles(doc) == (["A", "B", "B again", "C"], [])
    codes = [w.code for w in doc.warnings]
    assert "one-version" in codes
    assert "numbering-duplicate" in codes
    assert doc.new.articles == ()


def test_addenda_split_at_the_second_unlabelled_block() -> None:
    doc = parse(
        HEADER + "Article 1 (O1) a.\nArticle 1 (N1) b.\nArticle 2 (O2) c.\n\n"
        "ADDENDA\nArticle 1 (Enforcement Date)\nThis Ordinance shall enter into force.\n"
        "ADDENDUM <Ordinance No. 50, Sep. 29, 2011>\nThis Ordinance shall enter into force.\n"
        "ADDENDUM <Ordinance No. 100, Mar. 22, 2018>\nThis Ordinance shall enter into force.\n"
        "ADDENDA\nArticle 1 (Enforcement Date)\nThis Ordinance shall enter into force.\n"
        "Article 2 (Repeal)\nThe old one is repealed.\n"
    )
    assert [(b.number, b.date) for b in doc.old.addenda] == [
        (None, None),
        ("50", "2011-09-29"),
        ("100", "2018-03-22"),
    ]
    assert [(b.heading, [a.number for a in b.articles]) for b in doc.new.addenda] == [("ADDENDA", ["1", "2"])]


def test_split_addenda_uses_chronology_when_no_block_is_unlabelled() -> None:
    blocks = [
        BlockCue(True, "2011-01-01", "1"),
        BlockCue(True, "2015-01-01", "2"),
        BlockCue(True, "2019-01-01", "3"),
        BlockCue(True, "2020-01-01", "4"),
    ]
    old, new = VersionCue("2015-01-01"), VersionCue("2020-01-01", whole_amendment=True)
    assert split_addenda(blocks, old, new, ("2", "4")) == 2


def test_tables_go_to_the_version_whose_article_mentions_a_table() -> None:
    doc = parse(
        HEADER + "Article 1 (O1) a.\nArticle 1 (N1) Fees are as in Table 1.\nArticle 2 (O2) b.\n\n"
        "Fee Standards (related to Article 1)\n"
        "Data Fees (related to Article 2)\n"
    )
    assert [(t.title, t.article) for t in doc.new.tables] == [("Fee Standards", "1")]
    assert [(t.title, t.article) for t in doc.old.tables] == [("Data Fees", "2")]


def test_header_metadata_gives_each_version_its_identity() -> None:
    doc = parse(HEADER + "Article 1 (O1) a.\nArticle 1 (N1) b.\n")
    old, new = doc.old, doc.new
    assert (old.number, old.date, old.amendment_kind, old.whole_amendment) == (
        "100",
        "2018-03-22",
        "Amendment of Other Laws",
        False,
    )
    assert (new.number, new.date, new.amendment_kind, new.whole_amendment) == (
        "200",
        "2019-03-28",
        "Whole Amendment",
        True,
    )
    assert (old.instrument, old.label) == ("Ordinance", "Ordinance No. 100 (2018-03-22)")
    assert doc.title == old.title == new.title == "SAMPLE ORDINANCE"


def test_two_sources_are_old_and_new_identified_by_their_latest_addenda() -> None:
    old_text = (
        "AN ACT\nArticle 1 (Purpose) a.\nADDENDA <Act No. 10, Jan. 21, 2025>\nThis Act enters into force.\n"
    )
    new_text = (
        "AN ACT, AMENDED\nArticle 1 (Purpose) b. <Amended on Jan. 20, 2026>\n"
        "ADDENDA <Act No. 10, Jan. 21, 2025>\nThis Act enters into force.\n"
        "ADDENDUM <Act No. 12, Jan. 20, 2026>\nThis Act enters into force.\n"
    )
    doc = parse(old_text, new_text)
    assert (doc.old.title, doc.old.number, doc.old.date) == ("AN ACT", "10", "2025-01-21")
    assert (doc.new.title, doc.new.number, doc.new.date, doc.new.label) == (
        "AN ACT, AMENDED",
        "12",
        "2026-01-20",
        "Act No. 12 (2026-01-20)",
    )
    event = doc.new.articles[0].notes[0].events[0]
    assert (event.instrument, event.number, event.number_resolved) == ("Act", "12", True)


def test_bracketed_header_of_a_translated_act() -> None:
    doc = parse(
        "ACT ON SOMETHING\n"
        "[Enforcement Date 14. Jul, 2023.] [Act No. 19210, 11. Jan, 2023., Partial Amendment]\n"
        "Article 1 (Purpose) The purpose.\nArticle 2 (Definitions) Terms.\n"
    )
    old = doc.old
    assert (old.number, old.date, old.amendment_kind, old.whole_amendment) == (
        "19210",
        "2023-01-11",
        "Partial Amendment",
        False,
    )
    assert [p.kind for p in doc.pieces[:2]] == ["header", "header"]


def test_sequential_page_old_then_new_each_with_its_addenda() -> None:
    doc = parse(
        "Article 1 (O1) a.\nArticle 2 (O2) b.\nArticle 3 (O3) c.\n"
        "ADDENDA <Ordinance No. 100, Mar. 22, 2018>\nArticle 1 (Enforcement Date)\nIt applies.\n"
        "Article 2 (Transition) Old plans stand.\n"
        "Article 1 (N1) d.\nArticle 2 (N2) e.\n"
        "ADDENDA <Ordinance No. 200, Mar. 28, 2019>\nThis Ordinance enters into force.\n"
    )
    assert titles(doc) == (["O1", "O2", "O3"], ["N1", "N2"])
    assert [[a.number for a in b.articles] for b in doc.old.addenda] == [["1", "2"]]
    assert [b.number for b in doc.new.addenda] == ["200"]


def test_a_third_source_is_kept_as_unparsed_text_with_a_warning() -> None:
    doc = parse("Article 1 (A) a.\n", "Article 1 (A) b.\n", "Article 1 (A) c.\n")
    assert titles(doc) == (["A"], ["A"])
    (piece,) = [p for p in doc.pieces if p.span.source == 2]
    assert (piece.kind, doc.text_of(piece.span)) == ("unparsed", "Article 1 (A) c.")
    assert [w.code for w in doc.warnings] == ["extra-source"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=40))
def test_every_heading_lands_in_exactly_one_version_in_page_order(numbers: list[int]) -> None:
    text = "".join(f"Article {n} (T{i}) text {i}.\n" for i, n in enumerate(numbers))
    doc = parse(text)
    old_titles, new_titles = titles(doc)
    assert sorted(old_titles + new_titles, key=lambda t: int(t[1:])) == [f"T{i}" for i in range(len(numbers))]
    for side in (old_titles, new_titles):
        assert [int(t[1:]) for t in side] == sorted(int(t[1:]) for t in side)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.booleans()), min_size=1, max_size=30))
def test_one_increasing_sequence_is_never_split(steps: list[tuple[int, bool]]) -> None:
    number, lines = 0, []
    for gap, branch in steps:
        number += gap
        lines.append(f"Article {number} (A{number}) text.\n")
        if branch:
            lines.append(f"Article {number}-2 (B{number}) text.\n")
    doc = parse("".join(lines))
    assert doc.new.articles == ()
    assert len(doc.old.articles) == len(lines)


def test_a_single_version_under_a_two_entry_header_is_the_latest_one() -> None:
    doc = parse(HEADER + "Article 1 (A) a.\nArticle 2 (B) b.\n")
    assert (doc.old.number, doc.old.whole_amendment, doc.new.number) == ("200", True, None)
