"""Every format of the detailed profile read back with a real reader, on the bundled Seoul ordinance.

The council profile (the default) is tested in tests/test_reports_council.py.

Expectations come from the source text: old Article 34 "Promotion of
Narrowing of Digital Divide" is new Article 20 "Closing Digital Divide"; old
Article 34 (2) carries the note <Amended by Ordinance No. 5527, Aug. 1, 2013>;
the 2019 addenda repeal the Ordinance on Ubiquitous City Construction Projects.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl.cell.rich_text import CellRichText, TextBlock

import ordiff
from reports import export, markdown_to_html

OLD_34 = "Article 34 (Promotion of Narrowing of Digital Divide)"
NEW_20 = "Article 20 (Closing Digital Divide)"
NOTE = "<Amended by Ordinance No. 5527, Aug. 1, 2013>"
REPEAL = "The Seoul Metropolitan Government Ordinance on Ubiquitous City Construction Projects"


@pytest.fixture(scope="module")
def seed():
    return ordiff.compare(ordiff.load("seoul-informatization"))


class Collect(HTMLParser):
    """Start tags and text of an HTML document, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.marked: dict[str, list[str]] = {"del": [], "ins": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in self.marked:
            self.stack.append(tag)
            self.marked[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.stack:
            self.marked[self.stack[-1]][-1] += data

    @property
    def joined(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


def parse_html(data: str) -> Collect:
    p = Collect()
    p.feed(data)
    p.close()
    return p


# ---------------------------------------------------------------- DOCX


@pytest.fixture(scope="module")
def word(seed):
    return docx.Document(io.BytesIO(export(seed, "docx", profile="detailed")))


def _all_cells_text(document) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def test_docx_front_matter(seed, word) -> None:
    text = "\n".join(p.text for p in word.paragraphs)
    assert seed.document.title in text
    assert "Ordinance No. 6851" in text and "Ordinance No. 7026" in text
    assert f"by ordiff {ordiff.__version__}" in text
    assert word.core_properties.title == f"{seed.document.title}: comparison"


def test_docx_concordance_table_links_34_to_20(word) -> None:
    tables = _all_cells_text(word)
    concordance = next(t for t in tables if t[0] == ["Old article", "New article", "Change", "Score"])
    row = next(r for r in concordance if r[0] == OLD_34)
    assert row[1] == NEW_20


def table_after(document, heading_end: str):
    """The first table after the paragraph ending with ``heading_end``."""
    seen = False
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph) and block.text.endswith(heading_end):
            seen = True
        elif seen and isinstance(block, Table):
            return block
    raise AssertionError(f"no table after {heading_end!r}")


def test_docx_pair_table_marks_deletions_struck_and_insertions_underlined(word) -> None:
    pair = table_after(word, f"{OLD_34} → {NEW_20}")
    assert [c.text for c in pair.rows[1].cells] == [OLD_34, NEW_20]  # the table names its articles itself
    old_cell, new_cell = pair.rows[2].cells
    assert old_cell.text.startswith("(1) The Mayor shall establish policies necessary for every citizen")
    assert new_cell.text.startswith("(1) The Mayor shall formulate necessary policies")
    struck = [r.text for p in old_cell.paragraphs for r in p.runs if r.font.strike]
    underlined = [r.text for p in new_cell.paragraphs for r in p.runs if r.font.underline]
    assert struck and underlined
    assert "establish" in " ".join(struck)  # old "shall establish policies necessary for every citizen"
    assert "formulate" in " ".join(underlined)  # new "shall formulate necessary policies"
    assert not any(r.font.strike for p in new_cell.paragraphs for r in p.runs)


def test_docx_notes_and_addenda_are_literal_text(word) -> None:
    text = "\n".join(p.text for p in word.paragraphs)
    assert NOTE in text
    assert REPEAL in text


def test_docx_layout_a4_landscape_repeated_header_and_korean_font(word) -> None:
    section = word.sections[0]
    assert section.page_width > section.page_height
    assert abs(section.page_width.cm - 29.7) < 0.1 and abs(section.page_height.cm - 21.0) < 0.1
    for table in word.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    fonts = word.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia"))


# ---------------------------------------------------------------- XLSX


@pytest.fixture(scope="module")
def book(seed):
    return openpyxl.load_workbook(io.BytesIO(export(seed, "xlsx", profile="detailed")), rich_text=True)


def test_xlsx_sheets_and_concordance(book) -> None:
    assert book.sheetnames == [
        *("Report", "Concordance", "Pair texts", "Notes", "Pair addenda", "Addenda"),
        *("Legal change types", "Systematic substitutions", "Cross-references to check"),
        "Amendment notes checked against",
    ]
    rows = list(book["Concordance"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Old article", "Old title", "New article", "New title")
    assert ("34", "Promotion of Narrowing of Digital Divide", "20", "Closing Digital Divide") in [
        r[:4] for r in rows
    ]


def test_xlsx_changed_words_are_rich_text_in_the_cell(book) -> None:
    sheet = book["Pair texts"]
    header = [c.value for c in sheet[1]]
    old_col, new_col = header.index("Old text"), header.index("New text")
    row = next(r for r in sheet.iter_rows(min_row=2) if (r[1].value, r[2].value) == ("34", "20"))
    old, new = row[old_col].value, row[new_col].value
    assert isinstance(old, CellRichText) and isinstance(new, CellRichText)
    struck = [b.text for b in old if isinstance(b, TextBlock) and b.font.strike]
    underlined = [b.text for b in new if isinstance(b, TextBlock) and b.font.u == "single"]
    assert "establish" in " ".join(struck) and "formulate" in " ".join(underlined)


def test_xlsx_notes_and_addenda(book) -> None:
    notes = [r for r in book["Notes"].iter_rows(values_only=True)]
    assert any(r[2] == "34" and r[4] == NOTE for r in notes)
    addenda = " ".join(str(r[2]) for r in book["Addenda"].iter_rows(values_only=True))
    assert REPEAL in addenda


# ---------------------------------------------------------------- CSV, HTML, Markdown, JSON


def test_csv_is_the_concordance(seed) -> None:
    data = export(seed, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(seed.pairs)
    row = next(r for r in rows if r["old_article"] == "34")
    assert (row["new_article"], row["new_title"]) == ("20", "Closing Digital Divide")
    assert row["old_title"] == "Promotion of Narrowing of Digital Divide"


def test_html_is_self_contained_and_says_it_all(seed) -> None:
    page = export(seed, "html", profile="detailed").decode("utf-8")
    parsed = parse_html(page)
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", page)
    assert "@page { size: A4 landscape" in page
    text = parsed.joined
    for needle in (OLD_34, NEW_20, NOTE, REPEAL, "Ordinance No. 6851", "Ordinance No. 7026"):
        assert needle in text
    assert any("establish" in t for t in parsed.marked["del"])
    assert any("formulate" in t for t in parsed.marked["ins"])


def test_markdown_tables_render_with_marks_and_literal_notes(seed) -> None:
    md = export(seed, "md", profile="detailed").decode("utf-8")
    assert "| Old article | New article | Change | Score |" in md
    parsed = parse_html(markdown_to_html(md))
    assert "table" in parsed.tags
    text = parsed.joined
    assert f"{OLD_34} {NEW_20}" in text or (OLD_34 in text and NEW_20 in text)
    assert NOTE in text
    assert any("establish" in t for t in parsed.marked["del"])
    assert any("formulate" in t for t in parsed.marked["ins"])


def test_json_is_the_engine_serialisation(seed) -> None:
    serialize = pytest.importorskip("diffing.serialize")
    data = json.loads(export(seed, "json", articles="34"))
    expected = serialize.comparison_to_dict(
        seed.__class__(document=seed.document, pairs=(seed.pair_for("old", "34"),))
    )
    assert data == json.loads(json.dumps(expected, ensure_ascii=False))


def test_scoped_docx_holds_only_the_chosen_pairs(seed) -> None:
    document = docx.Document(io.BytesIO(export(seed, "docx", articles="34", profile="detailed")))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    pair_headings = [h for h in headings if re.match(r"\d+\. ", h)]
    assert pair_headings == [f"1. {OLD_34} → {NEW_20}"]


def test_docx_is_a_valid_zip_with_the_word_parts(seed) -> None:
    with zipfile.ZipFile(io.BytesIO(export(seed, "docx", profile="detailed"))) as z:
        assert {"word/document.xml", "word/styles.xml", "[Content_Types].xml"} <= set(z.namelist())


def test_docx_marks_words_not_the_spaces_around_them(word) -> None:
    marked = [
        r.text
        for t in word.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.font.strike or r.font.underline
    ]
    assert marked
    assert all(text == text.strip() and text for text in marked)
