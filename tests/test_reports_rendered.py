"""DOCX and XLSX as an office suite renders them: LibreOffice prints each to PDF, pdftotext reads it back.

Both profiles in both languages; the expectations are the labels of the comparison-table conventions and
text of the sources (the AI Framework Act's new Article 17-2; the Korean pair of
``tests/test_reports_council.py``).  Skipped, with the reason, where LibreOffice or poppler is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import ordiff
from reports import export
from tests.test_reports_council import KOREAN_NEW, KOREAN_OLD

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="LibreOffice (soffice) or pdftotext is missing: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui poppler-utils",
)

CASES = {
    # name: (document, profile, lang, articles)
    "act-council-en": ("act", "council", "en", "6,17-2"),
    "act-detailed-en": ("act", "detailed", "en", "6,17-2"),
    "kr-council-ko": ("kr", "council", "ko", None),
    "kr-detailed-ko": ("kr", "detailed", "ko", None),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The text of every case's DOCX and XLSX as LibreOffice prints it, by ``name-docx`` / ``name-xlsx``."""
    work = tmp_path_factory.mktemp("rendered")
    (work / "old.txt").write_text(KOREAN_OLD, encoding="utf-8")
    (work / "new.txt").write_text(KOREAN_NEW, encoding="utf-8")
    comparisons = {
        "act": ordiff.compare(ordiff.load("kr-ai-framework-act")),
        "kr": ordiff.compare(ordiff.load(str(work / "old.txt"), str(work / "new.txt"))),
    }
    files = []
    for name, (doc, profile, lang, articles) in CASES.items():
        for fmt in ("docx", "xlsx"):
            path = work / f"{name}-{fmt}.{fmt}"
            path.write_bytes(export(comparisons[doc], fmt, profile=profile, lang=lang, articles=articles))
            files.append(str(path))
    profile_dir = work / "lo-profile"  # a private LibreOffice profile: no clash with another soffice
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), *files],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    out = {}
    for f in files:
        pdf = Path(f).with_suffix(".pdf")
        text = subprocess.run(
            [str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, check=True
        ).stdout
        out[Path(f).stem] = re.sub(r"\s+", "", text.decode("utf-8"))  # layout spacing is not text
    return out


def has(text: str, label: str) -> bool:
    return re.sub(r"\s+", "", label) in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_council_english_prints_the_comparison_table(rendered: dict[str, str], fmt: str) -> None:
    text = rendered[f"act-council-en-{fmt}"]
    assert has(text, "Current") and has(text, "Revised")
    assert has(text, "<Newly inserted>") and has(text, "Article 17-2 (Support for expenses")
    assert has(text, "(Same as current)") and has(text, "(omitted)")
    assert has(text, "Pairs in this report: 2")
    assert "score" not in text.lower()


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_council_korean_prints_the_korean_conventions(rendered: dict[str, str], fmt: str) -> None:
    text = rendered[f"kr-council-ko-{fmt}"]
    for label in (
        "현 행",
        "개 정 안",
        "<신 설>",
        "<삭 제>",
        "(생 략)",
        "(현행과 같음)",
        "제17조의2(위원의 임기)",
    ):
        assert has(text, label), label
    assert has(text, "일괄 문구 대체")  # the analysis summary, in Korean


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_detailed_keeps_the_analyst_view(rendered: dict[str, str], fmt: str) -> None:
    english = rendered[f"act-detailed-en-{fmt}"]
    assert has(english, "Old article") and has(english, "New article")
    assert re.search(r"0\.9\d", english)  # scores are shown (Article 6 -> 6 is a close match)
    korean = rendered[f"kr-detailed-ko-{fmt}"]
    assert has(korean, "종전 조문") and has(korean, "새 조문") and has(korean, "위원의 임기")
    if fmt == "docx":  # the Word tables name articles as printed; the workbook has number and title columns
        assert has(korean, "제17조의2(위원의 임기)")
