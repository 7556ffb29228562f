"""Reader rules: addenda blocks, their articles, and attached tables."""

from __future__ import annotations

from corpus.model import Document, SourceText
from corpus.reader import read


def parse(text: str) -> Document:
    return read((SourceText(name="t.txt", text=text),), name="t")


BODY = "Article 1 (Purpose) The purpose.\nArticle 2 (Fees) Fees are as in Table 1.\n"


def test_addenda_articles_are_not_body_articles() -> None:
    doc = parse(
        BODY + "ADDENDA <Act No. 21065, Oct. 1, 2025>\n"
        "Article 1 (Enforcement date)\n"
        "This Act shall enter into force on the date of its promulgation; provided, ... <omitted> ...\n"
        "1. and 2. Omitted.\n"
        "Articles 2 through 6 Omitted.\n"
        "Article 7 Omitted.\n"
    )
    assert [a.number for a in doc.old.articles] == ["1", "2"]
    (block,) = doc.old.addenda
    assert (block.heading, block.instrument, block.number, block.date) == (
        "ADDENDA <Act No. 21065, Oct. 1, 2025>",
        "Act",
        "21065",
        "2025-10-01",
    )
    assert [(a.number, a.title, a.omitted) for a in block.articles] == [
        ("1", "Enforcement date", False),
        ("2", "", True),
        ("3", "", True),
        ("4", "", True),
        ("5", "", True),
        ("6", "", True),
        ("7", "", True),
    ]
    first = block.articles[0]
    assert first.text.splitlines() == [
        "This Act shall enter into force on the date of its promulgation; provided, ... <omitted> ...",
        "1. and 2. Omitted.",
    ]
    assert block.text.splitlines()[0] == "Article 1 (Enforcement date)"


def test_addendum_without_articles_and_unlabelled_block() -> None:
    doc = parse(
        BODY + "ADDENDA\nArticle 1 (Enforcement Date)\nIt enters into force.\n"
        "ADDENDUM <Ordinance No. 5527, Aug.1, 2013>\nThis Ordinance shall enter into force.\n"
    )
    first, second = doc.old.addenda
    assert (first.heading, first.number, first.date, len(first.articles)) == ("ADDENDA", None, None, 1)
    assert (second.number, second.date, second.articles) == ("5527", "2013-08-01", ())
    assert second.text == "This Ordinance shall enter into force."


def test_attached_table_titles_after_the_addenda() -> None:
    doc = parse(
        BODY + "ADDENDA\nThis Ordinance shall enter into force.\n\n"
        "Standards for Collecting Commission Fees, Etc. (related to Article 2)\n\n"
        "Standards for Collecting Fees(related to Article 1)\n"
        "[Table 3] Fee Schedule (Related to Article 2)\n"
    )
    assert [(t.title, t.article) for t in doc.old.tables] == [
        ("Standards for Collecting Commission Fees, Etc.", "2"),
        ("Standards for Collecting Fees", "1"),
        ("[Table 3] Fee Schedule", "2"),
    ]
    assert doc.old.addenda[0].text == "This Ordinance shall enter into force."
