"""The council profile (the default): the old/new comparison table in the document's language (issue 12).

Expectations come from the source texts: the AI Framework Act's new Article 17-2 "Support for expenses
for using artificial intelligence products and artificial intelligence services" is "[This Article Added
on Jan. 20, 2026]"; the Korean pair below is written here, with a paragraph changed, two kept, one
article added (제17조의2) and one deleted (제18조), and a new title.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import openpyxl
import pytest

import ordiff
from ordiff.cli import main
from reports import export
from reports.i18n import LOCALE_DIR, _catalogue, document_language, translator

ACT = "kr-ai-framework-act"
NEW_17_2 = (
    "Article 17-2 (Support for expenses for using artificial intelligence products and artificial "
    "intelligence services)"
)

KOREAN_OLD = """서울특별시 정보화 기본 조례

제1조(목적) 이 조례는 서울특별시의 정보화 추진에 필요한 사항을 규정함을 목적으로 한다.

제2조(정의) ① 이 조례에서 사용하는 용어의 뜻은 다음과 같다.
② 이 조례에서 정하지 아니한 용어는 관계 법령에서 정하는 바에 따른다.
③ 시장은 용어의 해석에 관한 지침을 정할 수 있다.

제17조(정보화위원회) ① 시장은 정보화전략위원회를 둔다.
② 위원회는 위원장 1명을 포함한 15명 이내의 위원으로 구성한다.

제18조(보고) 시장은 매년 정보화 추진 현황을 시의회에 보고하여야 한다.
"""
KOREAN_NEW = """서울특별시 스마트도시 및 정보화 기본 조례

제1조(목적) 이 조례는 서울특별시의 스마트도시 및 정보화 추진에 필요한 사항을 규정함을 목적으로 한다.

제2조(정의) ① 이 조례에서 사용하는 용어의 뜻은 다음과 같다.
② 이 조례에서 정하지 아니한 용어는 관계 법령에서 정하는 바에 따른다.
③ 시장은 용어의 해석에 관한 지침을 정하여야 한다.

제17조(정보화위원회) ① 시장은 정보화전략위원회를 둔다.
② 위원회는 위원장 1명을 포함한 20명 이내의 위원으로 구성한다.

제17조의2(위원의 임기) 위원의 임기는 2년으로 하며, 한 차례만 연임할 수 있다.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def korean(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(KOREAN_OLD, encoding="utf-8")
    new.write_text(KOREAN_NEW, encoding="utf-8")
    return str(old), str(new)


def rows_of(path: Path) -> tuple[str, list[list[str]]]:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs), [
        [c.text for c in row.cells] for t in document.tables for row in t.rows
    ]


def test_the_act_as_a_council_table_a_researcher_could_circulate(capsys, tmp_path: Path) -> None:
    target = tmp_path / "act.docx"
    code, _, _ = run(capsys, "report", ACT, "-o", str(target))
    assert code == 0
    text, rows = rows_of(target)
    assert ["Current", "Revised"] in rows
    assert ["<Newly inserted>", NEW_17_2] in rows  # the heading row of the inserted article
    assert any(r[1].endswith("(Same as current)") for r in rows)
    assert any(r[0].endswith("(omitted)") for r in rows)
    body = text + "\n".join("\t".join(r) for r in rows)
    assert not re.search(r"score|similarit|enumeration", body, re.IGNORECASE)  # no method text
    assert "Act No. 20676" in text and "Act No. 21311" in text


def test_a_korean_pair_in_korean(capsys, tmp_path: Path, korean) -> None:
    target = tmp_path / "kr.docx"
    code, _, _ = run(capsys, "report", *korean, "-o", str(target))
    assert code == 0
    text, rows = rows_of(target)
    assert ["현 행", "개 정 안"] in rows
    assert ["<신 설>", "제17조의2(위원의 임기)"] in rows
    assert ["제18조(보고)", "<삭 제>"] in rows
    assert ["①–② (생 략)", "①–② (현행과 같음)"] in rows  # two kept paragraphs of 제2조, shortened
    assert ["① (생 략)", "① (현행과 같음)"] in rows  # the kept paragraph of 제17조
    changed = next(r for r in rows if r[0].startswith("③"))
    assert changed == [
        "③ 시장은 용어의 해석에 관한 지침을 정할 수 있다.",
        "③ 시장은 용어의 해석에 관한 지침을 정하여야 한다.",
    ]
    # the title block names both titles (the instrument was renamed) and counts the pairs shown
    assert "서울특별시 정보화 기본 조례" in text and "서울특별시 스마트도시 및 정보화 기본 조례" in text
    assert "이 보고서의 조문 쌍: 5 (개정 3, 신설 1, 삭제 1)" in text


def test_full_text_prints_kept_paragraphs_beside_same_as_current(capsys, tmp_path: Path, korean) -> None:
    target = tmp_path / "kr.docx"
    code, _, _ = run(capsys, "report", *korean, "-o", str(target), "--full-text")
    assert code == 0
    _, rows = rows_of(target)
    assert ["② 이 조례에서 정하지 아니한 용어는 관계 법령에서 정하는 바에 따른다.", "② (현행과 같음)"] in rows
    assert not any("(생 략)" in c for r in rows for c in r)


def test_labels_follow_lang_and_headings_follow_the_document(capsys, tmp_path: Path, korean) -> None:
    target = tmp_path / "kr.md"
    code, _, _ = run(capsys, "report", *korean, "-o", str(target), "--lang", "en")  # format from .md
    assert code == 0
    md = target.read_text(encoding="utf-8")
    assert "| Current | Revised |" in md and "**\\<Newly inserted\\>** | **제17조의2(위원의 임기)**" in md
    code, out, _ = run(
        capsys, "report", ACT, "--format", "md", "-o", "-", "--lang", "ko", "--articles", "17-2"
    )
    assert code == 0
    assert "| 현 행 | 개 정 안 |" in out and f"**{NEW_17_2}**" in out and "\\<신 설\\>" in out


def test_articles_5_2_gives_a_report_that_counts_one_pair(capsys) -> None:
    code, out, _ = run(capsys, "report", "seoul-informatization", "-f", "md", "-o", "-", "--articles", "5-2")
    assert code == 0
    assert "- **Pairs in this report:** 1 (deleted 1)" in out
    assert "Article 5-2 (Reflecting Informatization Plan, etc.)" in out


def test_method_appendix_only_when_asked(seoul) -> None:
    plain = export(seoul, "md").decode("utf-8")
    assert "How the pairs were found" not in plain and "score" not in plain.lower()
    method = export(seoul, "md", method=True, articles="34").decode("utf-8")
    section = method[method.index("## How the pairs were found") :]
    assert (
        "| Article 34 (Promotion of Narrowing of Digital Divide) | Article 20 (Closing Digital Divide) |"
        in section
    )


@pytest.fixture(scope="module")
def seoul():
    return ordiff.compare(ordiff.load("seoul-informatization"))


def test_the_summary_lists_the_committee_substitution_in_every_format(seoul) -> None:
    """The 2019 text renames the Informatization Strategy Committee the Smart City Committee (Article 7)."""
    old, new = "Informatization Strategy Committee", "Smart City Committee"
    for profile in ("council", "detailed"):
        document = docx.Document(io.BytesIO(export(seoul, "docx", profile=profile)))
        rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
        assert ["Old term", "New term", "Count", "Where", "Old term survives in"] in rows
        assert any(r[:2] == [old, new] and r[2].isdigit() for r in rows)
        html = export(seoul, "html", profile=profile).decode("utf-8")
        assert f"<td>{old}</td><td>{new}</td><td class='num'>" in html
        assert "Amendment notes checked against the text" in html and "Cross-references to check" in html
        md = export(seoul, "md", profile=profile).decode("utf-8")
        assert f"| {old} | {new} | " in md
        book = openpyxl.load_workbook(io.BytesIO(export(seoul, "xlsx", profile=profile)))
        sheet = book["Systematic substitutions"]
        row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == old)
        assert row[1] == new and isinstance(row[2], int) and row[2] >= 1  # a number, stored as a number


def test_xlsx_print_set_up(seoul) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(seoul, "xlsx")))
    sheet = book.worksheets[0]
    assert sheet.title == "Comparison"
    header = next(r for r in sheet.iter_rows() if r[0].value == "Current")[0].row
    assert sheet.print_title_rows == f"${header}:${header}"  # the header row repeated on every page
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.cell(row=header + 2, column=2).alignment.wrap_text
    assert [sheet.cell(row=header, column=c).value for c in (1, 2, 3)] == ["Current", "Revised", None]
    counts = book["Legal change types"]
    numbers = [r[1] for r in counts.iter_rows(min_row=4, values_only=True)]
    assert numbers and all(isinstance(n, int) for n in numbers)
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-o", "report.odt"], "cannot tell the report format from 'report.odt'"),
        (["-o", "-"], "give --format"),
    ],
)
def test_an_output_without_a_known_extension_is_one_line_exit_2(capsys, argv, message) -> None:
    code, _, err = run(capsys, "report", "seoul-informatization", *argv)
    assert code == 2 and message in err and err.count("\n") == 1


@pytest.mark.parametrize(("option", "value"), [("--profile", "fancy"), ("--lang", "fr")])
def test_an_unknown_profile_or_language_is_a_usage_error(capsys, option: str, value: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["report", "seoul-informatization", "-o", "r.md", option, value])
    assert exit_.value.code == 2
    assert f"invalid choice: '{value}'" in capsys.readouterr().err


def test_an_unknown_profile_or_language_in_python_is_a_report_error(seoul) -> None:
    from reports import ReportError

    with pytest.raises(ReportError, match=r"unknown report profile 'fancy' \(known: council, detailed\)"):
        export(seoul, "md", profile="fancy")
    with pytest.raises(ReportError, match=r"unknown report language 'fr' \(known: en, ko\)"):
        export(seoul, "md", lang="fr")


def test_the_document_language_is_the_default(korean, seoul) -> None:
    assert document_language(ordiff.load(*korean)) == "ko"
    assert document_language(seoul.document) == "en"


def test_every_label_the_reports_print_has_a_korean_translation() -> None:
    """The renderers' message ids (``t("...")``), and every value a report translates."""
    from analysis import CHANGE_TYPES, CHECK_KINDS, REFERENCE_STATUS
    from diffing.model import CHANGE_KINDS
    from reports.content import REVIEW_LABELS
    from reports.xlsx import COLUMNS, SHEETS
    from review.model import NOTE_STATUSES, VERDICTS

    source = "\n".join(p.read_text(encoding="utf-8") for p in (LOCALE_DIR.parent).glob("*.py"))
    literal = {a or b for a, b in re.findall(r"""\bt\(\s*(?:"([^"]+)"|'([^']+)')""", source)}
    values = {*CHANGE_KINDS, *CHANGE_TYPES, *CHECK_KINDS, *REFERENCE_STATUS, *NOTE_STATUSES, *VERDICTS}
    wanted = literal | values | set(REVIEW_LABELS.values()) | {*SHEETS, *COLUMNS, "old", "new", "total"}
    korean = _catalogue("ko")
    assert len(literal) > 40  # the scan found the renderers' labels
    assert sorted(wanted - set(korean)) == []
    t = translator("ko")
    assert (t("Current"), t("Revised"), t("Remarks")) == ("현 행", "개 정 안", "비 고")
    assert (t("<Newly inserted>"), t("<Deleted>")) == ("<신 설>", "<삭 제>")
    assert (t("(Same as current)"), t("(omitted)")) == ("(현행과 같음)", "(생 략)")


def test_single_report_options_with_a_manifest_are_refused(capsys, tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("name,source\nseoul,seoul-informatization\n")
    code, _, err = run(
        capsys,
        "report",
        "--manifest",
        str(manifest),
        "-f",
        "md",
        "--out-dir",
        str(tmp_path / "o"),
        "--lang",
        "ko",
    )
    assert code == 2 and "--lang: for one report only" in err and not (tmp_path / "o").exists()
