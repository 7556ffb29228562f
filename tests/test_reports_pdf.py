"""PDF through headless Chromium, read back with pdftotext (poppler-utils).

Skipped without Chromium unless ORDIFF_REQUIRE_BROWSER=1 (then missing Chromium fails).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

import ordiff
from reports import ReportError, available_formats, export
from reports.pdf import find_browser


def _need(tool: str | None, what: str) -> None:
    if tool:
        return
    if os.environ.get("ORDIFF_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{what} is missing and ORDIFF_REQUIRE_BROWSER=1")
    pytest.skip(f"{what} is missing (apt-get install chromium fonts-nanum poppler-utils)")


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> tuple[bytes, str]:
    _need(find_browser(), "chromium")
    _need(shutil.which("pdftotext"), "pdftotext")
    data = export(ordiff.compare(ordiff.load("seoul-informatization")), "pdf")
    path = tmp_path_factory.mktemp("pdf") / "seoul.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return data, text.stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_pdf_is_a4_landscape(pdf_text) -> None:
    data, _ = pdf_text
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes, "no page box found"
    for width, height in boxes:
        assert abs(float(width) - 841.9) < 2 and abs(float(height) - 595.3) < 2  # A4 landscape, points


def test_pdf_holds_the_concordance_notes_and_addenda(pdf_text) -> None:
    _, text = pdf_text
    flat = _flat(text)
    assert "Promotion of Narrowing of Digital Divide" in flat
    assert "Closing Digital Divide" in flat
    assert "<Amended by Ordinance No. 5527, Aug. 1, 2013>" in flat
    assert "Ubiquitous City Construction Projects" in flat
    assert "Page 1 of " in flat  # page numbers from the print CSS


def test_missing_browser_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("ORDIFF_CHROMIUM", str(tmp_path / "no-such-browser"))
    from tests import report_factory as rf

    with pytest.raises(ReportError, match="PDF export needs Chromium"):
        export(rf.comparison(), "pdf")
    assert "pdf" not in available_formats() and "docx" in available_formats()
