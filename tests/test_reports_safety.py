"""Safety of the exports: escaping, formula injection, file names, atomic writes."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText

import ordiff
from corpus import read_sources
from corpus.model import SourceText
from reports import export, markdown_to_html
from reports.safety import md_escape, neutralise_cell, safe_filename, write_atomic
from tests import report_factory as rf
from tests.test_reports_formats import parse_html

OWN_HTML_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "dl", "dt", "dd", "p"),
    *("table", "thead", "tbody", "tr", "th", "td", "section", "div", "span", "ul", "li", "b", "br", "pre"),
    *("del", "ins", "a"),
}
OWN_MD_TAGS = {"h1", "h2", "h3", "h4", "ul", "li", "strong", "em", "p", "table", "thead", "tbody", "tr", "th"}
OWN_MD_TAGS |= {"td", "br", "del", "ins"}
SCRIPT = '<script>alert("x")</script>'
FORMULA = '=HYPERLINK("http://evil.example/","click")'


@pytest.fixture(scope="module")
def hostile():
    """A real read -> compare of a small text whose articles hold a script and a formula."""
    old = f"Article 1 (Purpose) The purpose is {SCRIPT} here.\n\nArticle 2 (Fees) {FORMULA} shall apply.\n"
    new = (
        f"Article 1 (Purpose) The purpose is {SCRIPT} there.\n\nArticle 2 (Fees) {FORMULA} shall not apply.\n"
    )
    document = read_sources(
        "hostile", (SourceText(name="old.txt", text=old), SourceText(name="new.txt", text=new))
    )
    return ordiff.compare(document)


@pytest.fixture(scope="module")
def hostile_titles():
    """Hand-built: a title, a text and a note that try HTML, formula and Markdown injection."""
    return rf.injection_comparison()


def test_html_escapes_document_text(hostile, hostile_titles) -> None:
    for comparison in (hostile, hostile_titles):
        page = export(comparison, "html").decode("utf-8")
        parsed = parse_html(page)
        assert set(parsed.tags) <= OWN_HTML_TAGS
        assert "<script>" not in page and "&lt;script&gt;" in page
        assert "<b>bold" not in page and "<img" not in page
    assert SCRIPT in parse_html(export(hostile, "html").decode()).joined  # shown as text, not lost


def test_markdown_escapes_document_text(hostile, hostile_titles) -> None:
    for comparison in (hostile, hostile_titles):
        md = export(comparison, "md").decode("utf-8")
        parsed = parse_html(markdown_to_html(md))
        assert set(parsed.tags) <= OWN_MD_TAGS
        assert "<script>" not in md
    assert 'alert("x")' in parse_html(markdown_to_html(export(hostile, "md").decode())).joined


def test_markdown_pipe_does_not_break_the_table(hostile_titles) -> None:
    md = export(hostile_titles, "md").decode("utf-8")
    rows = [line for line in md.splitlines() if line.startswith("| ") and "HYPERLINK" in line]
    assert rows
    for line in rows:
        cells = [c for c in line.replace("\\|", "").split("|")[1:-1]]
        assert len(cells) in (2, 3, 4)  # pair rows, concordance rows: never split by the document's "|"


def test_markdown_to_html_disables_raw_html() -> None:
    html = markdown_to_html('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)"> <del onclick="x">')
    parsed = parse_html(html)
    assert parsed.tags == ["p", "p"]
    assert "<script>alert(1)</script>" in parsed.joined
    assert markdown_to_html("a <ins>b</ins> <del>c</del>") == "<p>a <ins>b</ins> <del>c</del></p>\n"


def test_csv_neutralises_formulas(hostile_titles) -> None:
    rows = list(csv.reader(io.StringIO(export(hostile_titles, "csv").decode("utf-8-sig"))))
    titles = [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert titles and all(t.startswith("'=") for t in titles)
    assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for row in rows for cell in row)


def test_xlsx_has_no_formula_cells(hostile, hostile_titles) -> None:
    for comparison in (hostile, hostile_titles):
        book = openpyxl.load_workbook(io.BytesIO(export(comparison, "xlsx")), rich_text=True)
        seen = 0
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                    value = str(cell.value) if cell.value is not None else ""
                    if "HYPERLINK" in value:
                        seen += 1
                        assert not value.startswith(("=", "+", "-", "@"))
                    if isinstance(cell.value, CellRichText):
                        assert not str(cell.value).startswith(("=", "+", "@"))
        assert seen


def test_docx_keeps_hostile_text_as_text(hostile) -> None:
    document = docx.Document(io.BytesIO(export(hostile, "docx")))
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert SCRIPT in cells and FORMULA in cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_cell(value: str, expected: str) -> None:
    assert neutralise_cell(value) == expected


MARKDOWN_ALPHABET = st.sampled_from([*list("\\`*_[]<>|~&$#+=-.!()0123 \tab:/;가"), "&amp;", "http://x.y"])


@given(
    st.one_of(
        st.text(st.characters(exclude_categories=("Cc", "Cs"))),
        st.lists(MARKDOWN_ALPHABET, max_size=30).map("".join),
    )
)
def test_md_escape_leaves_no_active_markup_and_loses_no_text(text: str) -> None:
    line = re.sub(r"\s+", " ", text).strip()
    parsed = parse_html(markdown_to_html(md_escape(line, line_start=True)))
    assert set(parsed.tags) <= {"p"}
    assert parsed.joined.strip() == line


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("seoul informatization 2019", "seoul_informatization_2019"),
        (".hidden", "hidden"),
        ("서울 정보화 조례", "서울_정보화_조례"),
        ("CON", "_CON"),
        ("///", "report"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


@given(st.text(min_size=0, max_size=300))
def test_safe_filename_is_always_one_plain_name(name: str) -> None:
    out = safe_filename(name)
    assert out and "/" not in out and "\\" not in out and "\x00" not in out
    assert not out.startswith(".") and out not in {".", ".."} and len(out) <= 120


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    write_atomic(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert os.listdir(tmp_path) == ["report.csv"]


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"previous report")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"x" * 100_000)
    assert target.read_bytes() == b"previous report"
    assert os.listdir(tmp_path) == ["report.docx"]  # no temporary file left behind


def test_control_characters_do_not_break_word_or_excel() -> None:
    """A vertical tab (Word's manual line break) and a stray control character survive, visibly."""
    old = rf.Art("50", "Fees\x01", [("", "Fees shall be paid\x0bin cash.", [])])
    new = rf.Art("50", "Fees", [("", "Fees shall be paid\x0bby card.", [])])
    comparison = rf.comparison([old], [new])
    document = docx.Document(io.BytesIO(export(comparison, "docx")))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Article 50 (Fees\ufffd)" in cells
    assert any(c.startswith("Fees shall be paid\nin cash") for c in cells)
    book = openpyxl.load_workbook(io.BytesIO(export(comparison, "xlsx", profile="detailed")))
    titles = [r[1] for r in book["Concordance"].iter_rows(values_only=True)]
    assert "Fees\ufffd" in titles


def test_xlsx_cuts_a_text_excel_would_cut_and_warns() -> None:
    """Issue 13 item 7: the cell is cut with a marker (was: the whole export refused)."""
    from reports.xlsx import CellCutWarning

    long_text = "The Mayor shall publish the list. " * 1000  # 34,000 characters
    comparison = rf.comparison(
        [rf.Art("60", "List", [("", long_text, [])])], [rf.Art("60", "List", [("", "x", [])])]
    )
    with pytest.warns(CellCutWarning, match="cut at Excel's limit of 32,767 characters"):
        export(comparison, "xlsx")
    assert long_text.strip() in docx_text(export(comparison, "docx"))


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
