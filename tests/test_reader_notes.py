"""Reader rules: amendment notes as records, attached to the node they annotate."""

from __future__ import annotations

import pytest

from corpus.model import Article, Document, SourceText
from corpus.notes import find_notes, parse_note_body
from corpus.reader import read


def parse(*texts: str) -> Document:
    return read(tuple(SourceText(name=f"t{i}.txt", text=t) for i, t in enumerate(texts)), name="t")


def one_article(text: str) -> Article:
    return parse(text).old.articles[0]


Row = tuple[str, str | None, str | None, str | None]


def events(body: str, after_deleted: bool = False) -> list[Row]:
    parsed = parse_note_body(body, after_deleted)
    assert parsed is not None, body
    return [(e.action, e.instrument, e.number, e.date) for e in parsed[1]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Amended by Ordinance No. 5527, Aug. 1, 2013; Ordinance No. 6820, Mar. 22, 2018",
            [("amended", "Ordinance", "5527", "2013-08-01"), ("amended", "Ordinance", "6820", "2018-03-22")],
        ),
        (
            "Newly Inserted by Ordinance No. 6487, May 18, 2017",
            [("inserted", "Ordinance", "6487", "2017-05-18")],
        ),
        (
            "This Article Wholly Amended by Ordinance No. 6820, Mar. 22, 2018",
            [("wholly_amended", "Ordinance", "6820", "2018-03-22")],
        ),
        (
            "This Article Newly Inserted by Ordinance 5176, Sep. 29, 2011",
            [("inserted", "Ordinance", "5176", "2011-09-29")],
        ),
        ("Amended by Ordinance No. 5527, Aug.1, 2013", [("amended", "Ordinance", "5527", "2013-08-01")]),
        ("Amended on Jan. 20, 2026", [("amended", None, None, "2026-01-20")]),
        ("Added on Jan. 20, 2026", [("inserted", None, None, "2026-01-20")]),
        ("Add on Jan. 20, 2026", [("inserted", None, None, "2026-01-20")]),
        ("Title Amended on Jan. 20, 2026", [("title_amended", None, None, "2026-01-20")]),
        ("This Article Added on Jan. 20, 2026", [("inserted", None, None, "2026-01-20")]),
        ("Enforcement Date: Jan. 24, 2026", [("enforcement", None, None, "2026-01-24")]),
        ("Amended by Act No. 12345, January 5, 2024", [("amended", "Act", "12345", "2024-01-05")]),
        ("Newly Added by Act No. 7, Jan. 2, 2020", [("inserted", "Act", "7", "2020-01-02")]),
        ("Wholly Revised by Act No. 7, Jan. 2, 2020", [("wholly_amended", "Act", "7", "2020-01-02")]),
        ("Repealed by Act No. 7, Jan. 2, 2020", [("deleted", "Act", "7", "2020-01-02")]),
        (
            "Amended by Ordinance No. 5527, Aug. 1, 2013, Ordinance No. 6820, Mar. 22, 2018",
            [("amended", "Ordinance", "5527", "2013-08-01"), ("amended", "Ordinance", "6820", "2018-03-22")],
        ),
    ],
)
def test_note_forms(body: str, expected: list[Row]) -> None:
    assert events(body) == expected


def test_by_after_deleted_is_a_deletion() -> None:
    assert events("by Ordinance No. 5622, Jan. 9, 2014", after_deleted=True) == [
        ("deleted", "Ordinance", "5622", "2014-01-09")
    ]


@pytest.mark.parametrize(
    "body", ["omitted", "Table 1", "Ordinance No. 6851, Mar. 22, 2018", "by the way", "see above"]
)
def test_bracketed_text_that_is_not_a_note(body: str) -> None:
    assert parse_note_body(body, False) is None


def test_not_a_note_stays_in_the_text() -> None:
    art = one_article("Article 1 (A) It enters into force ... <omitted> ... on the dates [Table 1].\n")
    assert art.lead == "It enters into force ... <omitted> ... on the dates [Table 1]."
    assert art.all_notes() == ()


def test_note_at_end_of_lead_line_annotates_the_article() -> None:
    art = one_article(
        "Article 2 (Definitions) Terms are as follows: <Amended by Ordinance No. 1, Jan. 2, 2003>\n1. One.\n"
    )
    (note,) = art.notes
    assert (note.scope, note.target, note.raw) == (
        "article",
        "",
        "<Amended by Ordinance No. 1, Jan. 2, 2003>",
    )
    assert art.lead == "Terms are as follows:"
    assert "<Amended" not in art.text


def test_note_at_end_of_paragraph_and_subparagraph_and_item() -> None:
    art = one_article(
        "Article 7 (Committee) (1) The Mayor shall act. <Amended by Ordinance No. 6487, May 18, 2017>\n"
        "(2) Members: <Amended on Jan. 20, 2026>\n"
        "1. One; <Newly Inserted by Ordinance No. 9, Mar. 1, 2020>\n"
        "2. Two:\n"
        "(a) Alpha; <Amended on Feb. 3, 2021>\n"
    )
    rows = [(n.scope, n.target, n.events[0].action) for n in art.all_notes()]
    assert rows == [
        ("paragraph", "(1)", "amended"),
        ("paragraph", "(2)", "amended"),
        ("subparagraph", "(2) 1", "inserted"),
        ("item", "(2) 2 a", "amended"),
    ]
    first = art.paragraphs[0]
    assert first.text == "The Mayor shall act."
    assert first.notes[0].events[0].number == "6487"


def test_item_target_under_subparagraph_without_paragraph() -> None:
    art = one_article("Article 2 (Definitions) Terms:\n4. Four:\nd. Delta; <Amended on Jan. 20, 2026>\n")
    (note,) = art.all_notes()
    assert (note.scope, note.target) == ("item", "4 d")


def test_own_line_notes_after_an_article() -> None:
    art = one_article(
        "Article 5-2 (Plans) (1) Text.\n"
        "[This Article Newly Inserted by Ordinance No. 5527, Aug. 1, 2013]\n"
        "[Title Amended on Jan. 20, 2026]\n"
    )
    assert [(n.scope, n.target, n.events[0].action) for n in art.notes] == [
        ("article", "", "inserted"),
        ("title", "", "title_amended"),
    ]
    assert art.paragraphs[0].notes == ()
    assert art.text == "(1) Text."


def test_wholly_amended_note_at_end_of_a_provision_still_annotates_the_article() -> None:
    art = one_article(
        "Article 13 (Allowances) Members may be paid. "
        "<This Article Wholly Amended by Ordinance No. 6820, Mar. 22, 2018>\n"
    )
    assert [(n.scope, n.events[0].action) for n in art.notes] == [("article", "wholly_amended")]


def test_enforcement_note_takes_the_whole_line() -> None:
    line = (
        "[Enforcement Date: Jan. 24, 2026] The part regarding digital medical devices in subparagraph 4 (d)"
    )
    art = one_article(f"Article 2 (Definitions) Terms:\n1. One.\n{line}\n")
    (note,) = art.notes
    assert note.raw == line
    assert (note.scope, note.events[0].action, note.events[0].date) == (
        "article",
        "enforcement",
        "2026-01-24",
    )
    assert art.text == "Terms:\n1. One."


def test_deleted_paragraph_and_range() -> None:
    art = one_article(
        "Article 11 (Subcommittees) (1) The Mayor may establish the following:\n"
        "1. through 3. Deleted. <by Ordinance No. 6487, May 18, 2017>\n"
        "(2) Deleted. <by Ordinance No. 5622, Jan. 9, 2014>\n"
    )
    rng = art.paragraphs[0].children[0]
    assert (rng.kind, rng.label, rng.number, rng.text, rng.deleted) == (
        "subparagraph",
        "1. through 3.",
        "1-3",
        "Deleted.",
        True,
    )
    assert (rng.notes[0].scope, rng.notes[0].target, rng.notes[0].events[0].action) == (
        "subparagraph",
        "(1) 1-3",
        "deleted",
    )
    second = art.paragraphs[1]
    assert (second.text, second.deleted, second.notes[0].events[0].action) == ("Deleted.", True, "deleted")


def test_date_only_note_resolved_from_the_addenda_of_that_date() -> None:
    doc = parse(
        "Article 1 (A) Text. <Amended on Oct. 1, 2025>\n"
        "Article 2 (B) Text. <Amended on Mar. 3, 2023>\n"
        "ADDENDA <Act No. 21065, Oct. 1, 2025>\nThis Act shall enter into force.\n"
    )
    first, second = (a.notes[0].events[0] for a in doc.old.articles)
    assert (first.instrument, first.number, first.number_resolved) == ("Act", "21065", True)
    assert (second.instrument, second.number, second.number_resolved) == (None, None, False)


def test_two_notes_on_one_line_are_two_records() -> None:
    notes = list(find_notes("(3) Text. <Amended on Jan. 1, 2020> <Amended on Feb. 2, 2021>"))
    assert [n.raw for n in notes] == ["<Amended on Jan. 1, 2020>", "<Amended on Feb. 2, 2021>"]


@pytest.mark.parametrize("raw", ["<Amended on Jan. 99, 2020>", "<Amended>"])
def test_note_without_a_readable_date_is_kept_and_warned(raw: str) -> None:
    doc = parse(f"Article 1 (A) (1) Text. {raw}\n")
    (note,) = doc.old.articles[0].all_notes()
    assert (note.raw, note.events[0].action, note.events[0].date) == (raw, "amended", None)
    assert doc.old.articles[0].paragraphs[0].text == "Text."
    assert sorted(w.code for w in doc.warnings) == ["note-unparsed", "one-version"]


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("Mar. 22, 2018", "2018-03-22"),
        ("Aug.1, 2013", "2013-08-01"),
        ("January 5, 2024", "2024-01-05"),
        ("18. Jan, 2024", "2024-01-18"),
        ("13 June 2024", "2024-06-13"),
        ("2018-03-22", "2018-03-22"),
        ("2018. 3. 22.", "2018-03-22"),
    ],
)
def test_printed_date_forms(printed: str, iso: str) -> None:
    assert events(f"Amended by Act No. 7, {printed}") == [("amended", "Act", "7", iso)]
