"""Issue 13, items 6, 7 and 8: every exporter takes any ``str``; a long Excel cell is cut, not fatal;
formula look-alikes are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText

import ordiff
import reports
from corpus import read_sources
from corpus.model import SourceText
from diffing.model import Comparison
from reports.pdf import find_browser
from reports.safety import neutralise_cell
from reports.xlsx import EXCEL_CELL_LIMIT, CellCutWarning
from tests import report_factory as rf

ROOT = Path(__file__).resolve().parent.parent


def compare_texts(old: str, new: str) -> Comparison:
    sources = (SourceText(name="old.txt", text=old), SourceText(name="new.txt", text=new))
    return ordiff.compare(read_sources("test", sources))


# ---------------------------------------------------------------- 6: lone surrogates, every exporter


@pytest.fixture(scope="module")
def surrogates() -> Comparison:
    """Text with lone surrogates, as a Python caller can pass them (``surrogateescape``-decoded bytes...)."""
    return compare_texts(
        "Article 1 (Purpose) The \ud800 purpose is old.\nArticle 2 (Scope) It applies \udcff here.\n",
        "Article 1 (Purpose) The \ud800 purpose is new.\nArticle 2 (Scope) It applies \udcff there.\n",
    )


@pytest.mark.parametrize("fmt", list(reports.EXPORTERS))
def test_every_exporter_accepts_lone_surrogates(surrogates: Comparison, fmt: str) -> None:
    if fmt == "pdf" and find_browser() is None:
        pytest.skip("no Chromium here for the PDF export")
    data = reports.export(surrogates, fmt)
    assert data
    if fmt in ("json", "csv", "html", "md"):
        text = data.decode("utf-8")  # strict: valid UTF-8, no surrogate smuggled through
        if fmt != "csv":  # the CSV concordance holds no article text
            assert "\ufffd" in text  # shown visibly, as every format does, never dropped


def test_json_export_replaces_lone_surrogates_visibly_and_keeps_the_rest(surrogates: Comparison) -> None:
    data = json.loads(reports.export(surrogates, "json"))
    (first, second) = data["pairs"]
    texts = json.dumps(first, ensure_ascii=False)
    assert "The \ufffd purpose is" in texts and "\ud800" not in texts
    assert (first["old"], second["new"]) == (["1"], ["2"])


# ---------------------------------------------------------------- 7: the 32,767-character cell


LONG = "Article 1 (Purpose) " + " ".join(f"word{i}" for i in range(6000)) + ".\n"  # about 46,000 characters


@pytest.fixture(scope="module")
def long_article() -> Comparison:
    tail = "Article 2 (Scope) This Ordinance applies to the city.\n"
    return compare_texts(LONG + tail, LONG.replace("word5999", "changed") + tail.replace("city", "town"))


def test_an_over_long_cell_is_cut_with_a_marker_and_the_workbook_is_kept(long_article: Comparison) -> None:
    with pytest.warns(CellCutWarning, match=r"cut at Excel's limit of 32,767 characters") as caught:
        data = reports.export(long_article, "xlsx", profile="detailed")
    (warning,) = caught
    assert "Pair texts: Old text" in str(warning.message) and "Pair texts: New text" in str(warning.message)
    book = openpyxl.load_workbook(io.BytesIO(data), rich_text=True)
    assert book.sheetnames[:6] == ["Report", "Concordance", "Pair texts", "Notes", "Pair addenda", "Addenda"]
    texts = book["Pair texts"]
    header = [c.value for c in texts[1]]
    old_col, new_col = header.index("Old text") + 1, header.index("New text") + 1
    rows = list(texts.iter_rows(min_row=2))
    cut = str(rows[0][old_col - 1].value)
    assert len(cut) <= EXCEL_CELL_LIMIT
    assert cut.startswith("word0 word1 word2")
    assert cut.endswith("characters; the full text is in the docx, html or md report]")
    assert "[cut:" in str(rows[0][new_col - 1].value)
    # the short article's cells are whole and still mark their changed words
    scope = rows[-1][new_col - 1].value
    assert isinstance(scope, CellRichText) and str(scope) == "This Ordinance applies to the town."
    report = {r[0].value: r[1].value for r in book["Report"].iter_rows(min_row=2)}
    assert "cut at Excel's limit" in report["Warning"]


def test_the_cli_prints_the_cut_warning_on_one_line_and_writes_the_workbook(tmp_path: Path) -> None:
    from ordiff.cli import main

    (tmp_path / "old.txt").write_text(LONG, encoding="utf-8")
    (tmp_path / "new.txt").write_text(LONG.replace("word1 ", "changed "), encoding="utf-8")
    out = tmp_path / "r.xlsx"
    err = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the CLI must handle the warning itself, not leave it to Python
        from contextlib import redirect_stderr, redirect_stdout

        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            code = main(
                [
                    "report",
                    str(tmp_path / "old.txt"),
                    str(tmp_path / "new.txt"),
                    "-f",
                    "xlsx",
                    "--profile",
                    "detailed",
                    "-o",
                    str(out),
                ]
            )
    assert code == 0
    lines = [ln for ln in err.getvalue().splitlines() if ln.startswith("ordiff: warning:")]
    assert len(lines) == 1 and "cut at Excel's limit of 32,767 characters" in lines[0]
    assert openpyxl.load_workbook(out).sheetnames[0] == "Report"


# ---------------------------------------------------------------- 8: formula look-alikes


@pytest.mark.parametrize(
    "value",
    [
        "＝1+1",  # full-width equals sign
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\u200b=1+1",  # zero-width space
        '\ufeff=HYPERLINK("x")',  # byte-order mark / zero-width no-break space
        "\u2060\u200d@SUM(A1)",  # word joiner, zero-width joiner
        "\u202e=1+1",  # right-to-left override
        " =1+1",  # ordinary space
        "\u3000=1+1",  # ideographic space
        "\x00\x1b=1+1",  # control characters
        "\u00ad-1",  # soft hyphen (a format character) before a minus
        "﹦1",  # small equals sign (NFKC: '=')
    ],
)
def test_look_alike_formulas_are_neutralised(value: str) -> None:
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["a=b", "가=1", "１+1", "Article 1", "\u200b", "", "(1) -1"])
def test_ordinary_text_is_left_alone(value: str) -> None:
    assert neutralise_cell(value) == value


def test_csv_and_xlsx_neutralise_a_title_behind_a_zero_width_space() -> None:
    title = "\u200b=1+cmd|calc ZQX"  # the reader takes no such heading: a hand-built article carries it
    hidden = rf.Art("41", title, [("", "\ufeff＝SUM(1) ZQX text", [])])
    comparison = rf.comparison([hidden], [hidden])
    rows = list(csv.reader(io.StringIO(reports.export(comparison, "csv").decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row if "ZQX" in cell]
    assert cells == ["'" + title, "'" + title]
    book = openpyxl.load_workbook(io.BytesIO(reports.export(comparison, "xlsx", profile="detailed")))
    values = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    hits = [v for v in values if "ZQX" in v]
    assert len(hits) >= 4 and all(v.startswith("'") for v in hits)
