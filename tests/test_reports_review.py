"""Analysts' notes and decisions in every report format (issue 9, deliver 7).

Expectations come from the source text of the bundled Seoul ordinance: old Article 16 "Promotion of
Informatization by Field" and new Article 12 "Policy Promotion by Area" are the pair an analyst links
(the engine leaves both unpaired); old Article 34 "Promotion of Narrowing of Digital Divide" is new
Article 20 "Closing Digital Divide".
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest

import ordiff
from ordiff.cli import main
from reports import EXPORTERS, export, markdown_to_html
from reports.pdf import find_browser
from review.store import MemoryStore
from review.workspace import find_article, find_pair, new_decision, new_note, pair_ref
from tests.test_reports_formats import parse_html

DOC = "seoul-informatization"
OLD_16 = "Article 16 (Promotion of Informatization by Field)"
NEW_12 = "Article 12 (Policy Promotion by Area)"
REASON = "same subject: policies by field, now by area"

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
JS_LINK = "[click me](javascript:alert(1))"
FORMULA = '=HYPERLINK("http://evil.example","open")'
XSS_BODY = f"{FORMULA}\n\n{SCRIPT} {IMG} {JS_LINK} **bold** and a [fine link](https://example.org/x)"
EVIL_AUTHOR = "@SUM(A1)"  # a byline that starts with a formula character


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def word_text(path_or_bytes: Path | bytes) -> tuple[str, list[list[str]]]:
    """All paragraph text of a Word file, and each table row's cell texts."""
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    document = docx.Document(source)
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    return paragraphs, rows


# ---------------------------------------------------------------- through the CLI, read back from Word


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'review.db'}"


def test_a_decision_and_a_note_made_through_the_cli_show_in_the_word_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str
) -> None:
    code, _, _ = run(
        capsys, "notes", "add", DOC, "--old", "16", "--body", "Where did *this* go?", "--author", "kim",
        "--tag", "question", "--db", db,
    )  # fmt: skip
    assert code == 0
    code, _, _ = run(
        capsys, "concordance", "link", DOC, "16", "12", "--reason", REASON, "--author", "lee", "--db", db
    )
    assert code == 0
    target = tmp_path / "seoul.docx"
    code, _, err = run(capsys, "report", DOC, "-o", str(target), "--db", db)  # format from the extension
    assert code == 0 and "wrote" in err
    text, rows = word_text(target)
    assert "1 of 44 pairs reviewed" in text
    assert ["Current", "Revised", "Remarks"] in rows  # the council table, with a Remarks column
    # the linked pair is one council row: old 16 beside new 12, the decision and the note in Remarks
    linked = next(r for r in rows if r[0] == OLD_16)
    assert linked[1] == NEW_12
    decision_line, note_line = linked[2].split("\n")
    assert re.fullmatch(
        rf"Linked by the analyst \(lee, \d{{4}}-\d\d-\d\d\): {re.escape(REASON)}", decision_line
    )
    assert re.fullmatch(r"kim, \d{4}-\d\d-\d\d, open, #question: Where did \*this\* go\?", note_line)
    # the concordance appendix lists the decision with its reason
    decision = next(r for r in rows if r[:3] == ["Article 16", "Article 12", "link"])
    assert decision[3:5] == [REASON, "lee"]

    # --no-notes: the decision stays, the note goes
    code, _, _ = run(capsys, "report", DOC, "-o", str(target), "--db", db, "--no-notes")
    assert code == 0
    text, rows = word_text(target)
    everything = text + "\n".join("\t".join(r) for r in rows)
    assert "Where did" not in everything
    assert REASON in everything

    # the detailed profile shows both under the pair as well
    code, _, _ = run(capsys, "report", DOC, "-o", str(target), "--db", db, "--profile", "detailed")
    assert code == 0
    text, rows = word_text(target)
    assert f"{OLD_16} → {NEW_12}" in text
    assert "Where did *this* go?" in text and "Linked by the analyst (lee, " in text


# ---------------------------------------------------------------- hostile note bodies through every format


@pytest.fixture(scope="module")
def seoul():
    return ordiff.compare(ordiff.load(DOC))


@pytest.fixture(scope="module")
def hostile(seoul) -> MemoryStore:
    """A store with a hostile note on the pair 34 > 20 and a hostile reason on a decision."""
    store = MemoryStore()
    document = seoul.document
    eid, _ = find_article(document, "old", "34")
    pair = find_pair(seoul, "34>20")
    store.save_annotation(
        new_note(document, side="old", eid=eid, body=XSS_BODY, author=EVIL_AUTHOR, pair=pair_ref(seoul, pair))
    )
    old16, _ = find_article(document, "old", "16")
    new12, _ = find_article(document, "new", "12")
    store.record_decision(
        new_decision(
            seoul, verdict="link", old=(old16,), new=(new12,), author="lee", reason=f"{FORMULA} {SCRIPT}"
        )
    )
    return store


@pytest.mark.parametrize("profile", ["council", "detailed"])
def test_html_shows_hostile_notes_as_text_and_nothing_runs(seoul, hostile, profile: str) -> None:
    page = export(seoul, "html", review=hostile, profile=profile).decode("utf-8")
    parsed = parse_html(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert "javascript:" not in re.sub(r"\s", "", page.lower()).replace("(javascript:alert(1))", "")
    assert not re.search(r"""href\s*=\s*["']?\s*javascript""", page, re.IGNORECASE)
    assert not re.search(r"\son\w+\s*=", page.replace("onerror=&quot;", ""))  # no live event handler
    text = parsed.joined
    assert SCRIPT in text and "<img src=x onerror=" in text  # shown, as text
    assert '<a href="https://example.org/x" rel="nofollow noopener">fine link</a>' in page
    assert "<strong>bold</strong>" in page  # the Markdown itself is rendered


@pytest.mark.parametrize("profile", ["council", "detailed"])
def test_markdown_prints_the_note_source_escaped(seoul, hostile, profile: str) -> None:
    md = export(seoul, "md", review=hostile, profile=profile).decode("utf-8")
    parsed = parse_html(markdown_to_html(md))
    assert "script" not in parsed.tags and "img" not in parsed.tags and "a" not in parsed.tags
    assert SCRIPT in parsed.joined and "**bold**" in parsed.joined  # the source, not rendered


@pytest.mark.parametrize("profile", ["council", "detailed"])
def test_word_prints_the_note_source_as_plain_text(seoul, hostile, profile: str) -> None:
    data = export(seoul, "docx", review=hostile, profile=profile)
    text, rows = word_text(data)
    everything = text + "\n" + "\n".join("\n".join(r) for r in rows)
    assert SCRIPT in everything and JS_LINK in everything and FORMULA in everything
    with __import__("zipfile").ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<w:hyperlink" not in xml and "javascript" not in xml.replace("javascript:alert(1)", "")


@pytest.mark.parametrize("profile", ["council", "detailed"])
def test_excel_neutralises_formulas_in_notes_bylines_and_reasons(seoul, hostile, profile: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(seoul, "xlsx", review=hostile, profile=profile)))
    values = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    hits = [v for v in values if "HYPERLINK" in v or v.startswith(EVIL_AUTHOR) or "@SUM" in v]
    assert hits
    for value in hits:
        assert value[0] not in "=+-@", value  # either neutralised with ' or not at the start
    assert any(SCRIPT in v for v in values)


def test_csv_adds_review_columns_and_neutralises_them(seoul, hostile) -> None:
    data = export(seoul, "csv", review=hostile).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    row = next(r for r in rows if r["old_article"] == "34")
    assert row["notes"].startswith("'" + EVIL_AUTHOR) and SCRIPT in row["notes"]
    linked = next(r for r in rows if r["old_article"] == "16")
    assert (linked["new_article"], linked["origin"], linked["review"]) == ("12", "analyst", "linked")
    assert linked["decision_reason"] == "'" + f"{FORMULA} {SCRIPT}"
    assert "notes" not in next(csv.DictReader(io.StringIO(export(seoul, "csv").decode("utf-8-sig"))))


def test_pdf_holds_the_note_as_text_and_no_script(seoul, hostile, tmp_path: Path) -> None:
    if find_browser() is None or shutil.which("pdftotext") is None:
        pytest.skip("chromium or pdftotext is missing (apt-get install chromium poppler-utils)")
    data = export(seoul, "pdf", review=hostile, articles="34,16")
    assert b"/JavaScript" not in data and b"/JS " not in data and b"javascript:" not in data
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert "<script>alert('x')</script>" in re.sub(r"\s+", " ", text)


def test_every_format_accepts_a_review_store(seoul, hostile) -> None:
    for name in EXPORTERS:
        if name == "pdf":
            continue
        assert export(seoul, name, review=hostile, articles="16")


def test_json_of_a_reviewed_comparison_holds_the_analysts_pair_and_notes(seoul, hostile) -> None:
    data = json.loads(export(seoul, "json", review=hostile, articles="16,34"))
    pairs = {("+".join(p["old"]), "+".join(p["new"])): p for p in data["pairs"]}
    assert set(pairs) == {("16", "12"), ("", "16"), ("34", "20")}  # old 16 linked, not deleted
    linked = pairs[("16", "12")]
    assert (linked["origin"], linked["review"]) == ("analyst", "linked")
    assert linked["decision_reason"] == f"{FORMULA} {SCRIPT}"
    [note] = pairs[("34", "20")]["notes"]
    assert note["body"] == XSS_BODY and note["author"] == EVIL_AUTHOR  # the Markdown as stored
    assert data["review"]["progress"] == "1 of 44 pairs reviewed"
    assert "notes" not in json.loads(export(seoul, "json", articles="34"))["pairs"][0]


def test_orphaned_notes_are_listed_not_dropped(seoul) -> None:
    from dataclasses import replace

    from review.model import TextQuoteSelector

    store = MemoryStore()
    eid, _ = find_article(seoul.document, "old", "34")
    note = new_note(seoul.document, side="old", eid=eid, body="lost soul", author="kim")
    gone = replace(
        note.target, eid="art_999", article="999", quote=TextQuoteSelector(exact="words in no article at all")
    )
    store.save_annotation(replace(note, target=gone))
    page = parse_html(export(seoul, "html", review=store).decode("utf-8")).joined
    assert "Notes whose text is no longer found" in page and "lost soul" in page
