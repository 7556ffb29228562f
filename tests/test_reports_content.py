"""The report model: scope, counts, concordance, rows, notes and addenda (hand-built Seoul sample)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ordiff import __version__
from reports import FORMATS, ReportError, export
from reports.content import build_report, normalise_article, select_pairs
from tests import report_factory as rf


@pytest.fixture(scope="module")
def sample():
    return rf.comparison()


def test_front_matter_names_both_versions_the_date_and_the_tool(sample) -> None:
    report = build_report(sample, generated=datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    assert report.title == rf.TITLE
    assert report.old.label == rf.OLD_LABEL and report.old.date == "2018-03-22"
    assert report.new.label == rf.NEW_LABEL and report.new.date == "2019-03-28"
    assert report.generated == "2026-01-02 03:04 UTC"
    assert report.tool_version == __version__
    # the two versions have different titles: each version line says its own
    assert "SMART CITY" in report.version_line(report.new)
    assert "SMART CITY" not in report.version_line(report.old)


def test_counts_cover_every_kind_of_the_whole_comparison(sample) -> None:
    counts = dict(build_report(sample, changes="added").counts)
    assert counts["modified"] == 1 and counts["renumbered"] == 2
    assert counts["added"] == 1 and counts["deleted"] == 1 and counts["merged"] == 0


def test_concordance_row_of_old_34(sample) -> None:
    report = build_report(sample)
    row = next(c for c in report.concordance if c.old and c.old[0].number == "34")
    assert row.old_text == "Article 34 (Promotion of Narrowing of Digital Divide)"
    assert row.new_text == "Article 20 (Closing Digital Divide)"
    assert row.change_text == "renumbered, modified"
    assert row.score == pytest.approx(0.55)


def test_rows_keep_every_word_of_both_sides(sample) -> None:
    section = next(s for s in build_report(sample).sections if s.row.key == "34>20")
    first = section.rows[0]
    assert first.old_text.startswith("(1) The Mayor shall establish policies")
    assert first.new_text.startswith("(1) The Mayor shall formulate necessary policies")
    assert any(changed and "establish" in t for t, changed in first.old_runs)
    assert any(changed and "formulate" in t for t, changed in first.new_runs)
    assert any(not changed and "The Mayor shall" in t for t, changed in first.new_runs)


def test_notes_of_each_side_are_the_literal_notes(sample) -> None:
    section = next(s for s in build_report(sample).sections if s.row.key == "34>20")
    assert [(n.where, n.raw) for n in section.old_notes] == [
        ("Article 34 (2)", "<Amended by Ordinance No. 5527, Aug. 1, 2013>")
    ]
    assert section.new_notes == ()


def test_governing_addenda_are_resolved_to_their_text(sample) -> None:
    section = next(s for s in build_report(sample).sections if s.row.key == "5-2>-")
    [link] = section.addenda
    assert link.block == "ADDENDA <Ordinance No. 5527, Aug.1, 2013>"
    assert link.article == "Article 2 (Applicability to Reflecting Informatization Plan, etc.)"
    assert link.text.startswith("The amended provisions of Article 5-2 shall apply")
    assert link.reason == "The amended provisions of Article 5-2"


def test_addenda_of_each_version_in_full(sample) -> None:
    old, new = build_report(sample).addenda
    assert [b.heading for b in old.blocks] == ["ADDENDA", "ADDENDA <Ordinance No. 5527, Aug.1, 2013>"]
    assert "Ubiquitous City Construction Projects" in new.blocks[0].text


def test_scope_by_change_kind(sample) -> None:
    keys = [p.key for p in select_pairs(sample, changes="renumbered, added")]
    assert keys == ["->10", "34>20", "25>23"]


def test_scope_by_article_matches_old_or_new_numbers(sample) -> None:
    assert [p.key for p in select_pairs(sample, articles=["34"])] == ["34>20"]
    assert [p.key for p in select_pairs(sample, articles="Article 20")] == ["34>20"]
    assert [p.key for p in select_pairs(sample, articles="5-2,10")] == ["->10", "5-2>-"]
    report = build_report(sample, articles="34")
    assert "articles 34" in report.scope and "1 pair(s)" in report.scope


@pytest.mark.parametrize(
    ("changes", "articles", "message"),
    [
        ("renamed", None, r"unknown change kind\(s\): renamed \(known: unchanged, modified"),
        ("modified,bogus", None, "bogus"),
        (None, "99", "no such article in either version: 99"),
        (None, "Chapter 2", "'Chapter 2' is not an article number"),
    ],
)
def test_unknown_scope_is_a_clear_error(sample, changes, articles, message) -> None:
    with pytest.raises(ReportError, match=message):
        build_report(sample, changes=changes, articles=articles)


def test_unknown_format_is_a_clear_error(sample) -> None:
    with pytest.raises(ReportError, match=r"unknown report format 'odt' \(known: docx"):
        export(sample, "odt")
    assert FORMATS == ("docx", "xlsx", "csv", "html", "pdf", "md", "json", "akn")


@pytest.mark.parametrize(
    ("spec", "number"),
    [("34", "34"), ("Article 5-2", "5-2"), ("art. 24a", "24a"), ("제34조", "34"), ("제5조의2", "5-2")],
)
def test_article_numbers_in_common_spellings(spec: str, number: str) -> None:
    assert normalise_article(spec) == number


@given(
    st.integers(min_value=1, max_value=999),
    st.one_of(st.none(), st.integers(min_value=2, max_value=9)),
    st.sampled_from(["", "Article ", "article ", "Art. "]),
)
def test_normalise_article_round_trips(base: int, sub: int | None, prefix: str) -> None:
    number = f"{base}-{sub}" if sub else str(base)
    assert normalise_article(f"  {prefix}{number} ") == number


TEXT = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=80,
).filter(lambda t: t.strip())


@given(TEXT, TEXT)
def test_rows_lose_no_text_and_mark_only_words(old: str, new: str) -> None:
    """Whatever the texts, a row's runs give both texts back, and no mark starts or ends with a space."""
    comparison = rf.comparison([rf.Art("90", "Old", [("", old, [])])], [rf.Art("90", "New", [("", new, [])])])
    section = next(s for s in build_report(comparison).sections if s.row.key == "90>90")
    [row] = section.rows
    assert row.old_text == old.strip()  # the factory strips unit texts, as "(1) text" units are
    assert row.new_text == new.strip()
    for text, changed in (*row.old_runs, *row.new_runs):
        assert text
        if changed:
            assert text == text.strip()


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("pdf", "json")])
def test_a_scope_with_no_pair_still_makes_a_report(sample, fmt: str) -> None:
    data = export(sample, fmt, changes="merged")  # the sample has no merged pair
    assert data
    if fmt in ("html", "md"):
        assert "0 pair(s) shown" in data.decode("utf-8")
