"""The reader against hand-written goldens (``tests/golden/*.json``).

The goldens were written by reading the bundled texts line by line, never from
program output; ``tests/golden/README.md`` records every judgement call.  One
test per aspect, document and version, so a failure names what is wrong.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from corpus import load_document
from corpus.model import Article, Document, Version

GOLDEN_DIR = Path(__file__).parent / "golden"
GOLD_DIR = Path(__file__).parent / "gold"
DOCUMENTS = ("seoul-informatization", "kr-ai-framework-act")
VERSIONS = ("old", "new")
CASES = [pytest.param(doc, ver, id=f"{doc}-{ver}") for doc in DOCUMENTS for ver in VERSIONS]

ACTIONS = {"amended", "inserted", "wholly_amended", "deleted", "title_amended", "enforcement"}
SCOPES = {"article", "title", "paragraph", "subparagraph", "item"}

# "CHAPTER II SYSTEM OF ..." -> "II"
CHAPTER_NUMERAL = re.compile(r"^\s* CHAPTER \s+ (?P<numeral>\S+)", re.VERBOSE)
# the dot after a subparagraph number in a target: "(1) 1.-3." and "(1) 1-3" are the same target
LABEL_DOT = re.compile(r"(?P<number>\d) \.", re.VERBOSE)
ISO_DATE = re.compile(r"^ \d{4} - \d{2} - \d{2} $", re.VERBOSE)

NoteRow = tuple[str, str | None, str | None, str | None, str, str, bool]


@cache
def golden(doc: str) -> dict[str, Any]:
    with (GOLDEN_DIR / f"{doc}.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@cache
def document(doc: str) -> Document:
    return load_document(doc)


def version(doc: str, ver: str) -> Version:
    parsed: Version = getattr(document(doc), ver)
    return parsed


def chapter_numeral(heading: str | None) -> str | None:
    if heading is None:
        return None
    match = CHAPTER_NUMERAL.match(heading)
    return match.group("numeral") if match else heading


def normal_target(target: str) -> str:
    return " ".join(LABEL_DOT.sub(r"\g<number>", target).split())


def parsed_notes(article: Article) -> list[NoteRow]:
    return [
        (
            event.action,
            event.instrument,
            event.number,
            event.date,
            note.scope,
            normal_target(note.target),
            event.number_resolved,
        )
        for note in article.all_notes()
        for event in note.events
    ]


def gold_notes(article: dict[str, Any]) -> list[NoteRow]:
    return [
        (
            n["action"],
            n["instrument"],
            n["number"],
            n["date"],
            n["scope"],
            normal_target(n["target"]),
            n.get("number_resolved", False),
        )
        for n in article["notes"]
    ]


# ---------------------------------------------------------------- reader vs golden


@pytest.mark.parametrize(("doc", "ver"), CASES)
def test_version_metadata(doc: str, ver: str) -> None:
    gold = golden(doc)[ver]
    parsed = version(doc, ver)
    assert (parsed.number, parsed.date, parsed.whole_amendment) == (
        gold["number"],
        gold["date"],
        gold["whole_amendment"],
    )


@pytest.mark.parametrize(("doc", "ver"), CASES)
def test_article_numbers_and_titles(doc: str, ver: str) -> None:
    expected = [(a["number"], a["title"]) for a in golden(doc)[ver]["articles"]]
    actual = [(a.number, a.title) for a in version(doc, ver).articles]
    assert actual == expected


@pytest.mark.parametrize(("doc", "ver"), CASES)
def test_article_chapters(doc: str, ver: str) -> None:
    expected = [(a["number"], a["chapter"]) for a in golden(doc)[ver]["articles"]]
    actual = [(a.number, chapter_numeral(a.chapter)) for a in version(doc, ver).articles]
    assert actual == expected


@pytest.mark.parametrize(("doc", "ver"), CASES)
def test_article_notes(doc: str, ver: str) -> None:
    parsed = {a.number: a for a in version(doc, ver).articles}
    problems: list[str] = []
    for article in golden(doc)[ver]["articles"]:
        number = article["number"]
        expected = gold_notes(article)
        if number not in parsed:
            problems.append(f"Article {number}: missing from the parse; expected notes {expected}")
            continue
        actual = parsed_notes(parsed[number])
        if actual != expected:
            problems.append(f"Article {number}:\n  expected {expected}\n  actual   {actual}")
    assert not problems, f"{doc} {ver}: notes differ in {len(problems)} article(s)\n" + "\n".join(problems)


@pytest.mark.parametrize(("doc", "ver"), CASES)
def test_addenda_blocks(doc: str, ver: str) -> None:
    expected = [
        (
            b["heading"],
            b["number"],
            b["date"],
            [(a["number"], a["title"], a["omitted"]) for a in b["articles"]],
        )
        for b in golden(doc)[ver]["addenda"]
    ]
    actual = [
        (b.heading, b.number, b.date, [(a.number, a.title, a.omitted) for a in b.articles])
        for b in version(doc, ver).addenda
    ]
    assert actual == expected


@pytest.mark.parametrize(("doc", "ver"), CASES)
def test_attached_tables(doc: str, ver: str) -> None:
    expected = [(t["title"], t["article"]) for t in golden(doc)[ver]["tables"]]
    actual = [(t.title.strip(), t.article) for t in version(doc, ver).tables]
    assert actual == expected


# ---------------------------------------------------------------- the goldens themselves


@pytest.mark.parametrize(("doc", "ver"), CASES)
def test_golden_is_well_formed(doc: str, ver: str) -> None:
    gold = golden(doc)[ver]
    numbers = [a["number"] for a in gold["articles"]]
    assert len(numbers) == len(set(numbers)), "article numbers repeat"
    for article in gold["articles"]:
        for note in article["notes"]:
            where = f"Article {article['number']}: {note}"
            assert note["action"] in ACTIONS, where
            assert note["scope"] in SCOPES, where
            assert note["date"] is None or ISO_DATE.match(note["date"]), where
            assert (note["target"] == "") == (note["scope"] in {"article", "title"}), where
    for table in gold["tables"]:
        assert table["version"] == ver


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_alignment_gold_covers_every_article(doc: str) -> None:
    """Every article of the parse golden is in the alignment gold, and nothing else is."""
    alignment = "seoul-alignment.toml" if doc == "seoul-informatization" else f"{doc}-alignment.toml"
    with (GOLD_DIR / alignment).open("rb") as f:
        links = tomllib.load(f)["link"]
    for ver in VERSIONS:
        linked = {number for link in links for number in link[ver]}
        articles = {a["number"] for a in golden(doc)[ver]["articles"]}
        assert linked == articles, f"{ver}: only linked {linked - articles}, never linked {articles - linked}"
