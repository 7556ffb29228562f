"""PDF through headless Chromium, read back with pdftotext (poppler-utils).

Skipped without Chromium unless ORDIFF_REQUIRE_BROWSER=1 (then missing Chromium fails).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC

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
    data = export(ordiff.compare(ordiff.load("seoul-informatization")), "pdf", profile="detailed")
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


# ---------------------------------------------------------------- one browser, chunks, no debris


def _pages_text(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return text.stdout.split("\f")[:-1]  # pdftotext ends every page with a form feed


def test_a_batch_of_pdfs_keeps_one_browser(pdf_text) -> None:
    from reports import pdf

    before = [b.process.pid for b in pdf._POOL]
    export(ordiff.compare(ordiff.load("kr-ai-framework-act")), "pdf", articles="1")
    export(ordiff.compare(ordiff.load("kr-ai-framework-act")), "pdf", articles="2")
    after = [b.process.pid for b in pdf._POOL]
    assert before and after[:1] == before[:1]  # the browser of the first export printed the next ones


def test_large_report_printed_in_chunks_is_numbered_throughout(
    pdf_text, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from reports import pdf

    _, whole = pdf_text
    monkeypatch.setattr(pdf, "CHUNK_SECTIONS", 10)  # 45 Seoul pairs: several chunks
    monkeypatch.setattr(pdf, "PARALLEL", 2)
    data = export(ordiff.compare(ordiff.load("seoul-informatization")), "pdf", profile="detailed")
    pages = _pages_text(data, tmp_path)
    total = len(pages)
    for number, page in enumerate(pages, 1):
        assert page.count("Page ") >= 1 and f"Page {number} of {total}" in page  # one sequence, not per chunk
    flat = _flat(" ".join(pages))
    # the front matter (first chunk), the last pair and the addenda (last chunk) are all there, in order
    assert flat.index("Changes by kind") < flat.index("Closing Digital Divide") < flat.index("Addenda")
    assert _flat(whole).count("<Amended by Ordinance No. 5527, Aug. 1, 2013>") == flat.count(
        "<Amended by Ordinance No. 5527, Aug. 1, 2013>"
    )


def test_split_html_keeps_every_section_once() -> None:
    from reports import build_report
    from reports.html import export_html
    from reports.pdf import SECTION_MARK, split_html

    report = build_report(ordiff.compare(ordiff.load("seoul-informatization")), profile="detailed")
    html = export_html(report).decode()
    parts = split_html(html, 3)
    assert len(parts) == 3
    assert sum(p.count(SECTION_MARK) for p in parts) == html.count(SECTION_MARK) == len(report.sections)
    assert all(p.startswith("<!DOCTYPE html>") and p.endswith("</body></html>") for p in parts)
    assert parts[0].count('<h2 id="concordance">') == 1 and parts[-1].count('<h2 id="addenda">') == 1


def test_split_html_cuts_the_council_table_between_pairs() -> None:
    from reports import build_report
    from reports.html import COUNCIL_END, export_html
    from reports.pdf import COUNCIL_MARK, split_html

    report = build_report(ordiff.compare(ordiff.load("kr-ai-framework-act")), lang="ko", method=True)
    html = export_html(report).decode()
    parts = split_html(html, 3)
    assert len(parts) == 3
    pairs = [s for s in report.sections if s.council]
    assert sum(p.count(COUNCIL_MARK) for p in parts) == html.count(COUNCIL_MARK) == len(pairs)
    for part in parts:  # each chunk a whole page holding one comparison table with its header row
        assert part.startswith("<!DOCTYPE html>") and part.endswith("</body></html>")
        assert part.count('<table class="council') == 1 and part.count(COUNCIL_END) == 1
        assert part.count("<th>현 행</th><th>개 정 안</th>") == 1
    assert parts[0].count("<h1>") == 1 and all("<h1>" not in p for p in parts[1:])  # the title block once
    appendix = report.t("How the pairs were found")
    assert [appendix in p for p in parts] == [False, False, True]  # what follows the table, in the last

    def rows(page: str) -> list[str]:
        return re.findall(r"<tr[ >].*?</tr>", page.split("</thead>", 1)[1].split(COUNCIL_END)[0])

    assert [r for p in parts for r in rows(p)] == rows(html)  # every row once, in order


def test_large_council_report_printed_in_chunks_reads_as_the_whole(
    pdf_text, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from datetime import datetime
    from io import BytesIO

    from pypdf import PdfReader

    from reports import build_report, pdf

    comparison = ordiff.compare(ordiff.load("kr-ai-framework-act"))
    when = datetime(2026, 1, 2, tzinfo=UTC)
    whole = _pages_text(export(comparison, "pdf", lang="ko", generated=when), tmp_path)
    monkeypatch.setattr(pdf, "CHUNK_SECTIONS", 10)  # several chunks of the Act's pairs
    monkeypatch.setattr(pdf, "PARALLEL", 2)
    cuts: list[int] = []
    split = pdf.split_html
    monkeypatch.setattr(pdf, "split_html", lambda html, n: cuts.append(n) or split(html, n))
    merged = export(comparison, "pdf", lang="ko", generated=when)
    assert cuts == [2]  # printed as two chunks
    assert PdfReader(BytesIO(merged)).root_object["/Lang"] == "ko"  # the language is still declared
    pages = _pages_text(merged, tmp_path)
    total = len(pages)
    for number, page in enumerate(pages, 1):
        assert f"{number} / {total}" in page  # one sequence of page numbers, not one per chunk
    footer = re.compile(r"^\s*\d+ / \d+\s*$", re.MULTILINE)

    def lines(texts: list[str]) -> list[str]:
        return [" ".join(ln.split()) for t in texts for ln in footer.sub("", t).splitlines() if ln.strip()]

    # the comparison table: the same lines in the same order, apart from its header row repeated on every
    # page (the summary after it has tables of its own, whose repeated headers follow the page breaks)
    header = lines(whole[1:2])[0]
    assert header == "현행 개정안"
    summary = " ".join(build_report(comparison, lang="ko").t("What changed, beyond the words").split())

    def table(texts: list[str]) -> list[str]:
        found = lines(texts)
        return [ln for ln in found[: found.index(summary)] if ln != header]

    assert len(table(whole)) > 100 and table(pages) == table(whole)
    assert "<신 설>" in " ".join(lines(pages))


def _browsers_on(tmp_path) -> list[int]:
    """Processes whose command line names a directory under ``tmp_path`` (our browsers there)."""
    needle = str(tmp_path).encode()
    found = []
    for proc in os.listdir("/proc"):
        if proc.isdigit():
            try:
                with open(f"/proc/{proc}/cmdline", "rb") as fh:
                    cmdline = fh.read()
            except OSError:
                continue
            if needle in cmdline and b"--user-data-dir" in cmdline:
                found.append(int(proc))
    return found


def _start_export(tmp_path):
    """A PDF export of a ~350-article pair in a child process whose temporary directory is ``tmp_path``."""
    import sys
    import time

    from corpus import load_document
    from diffing.synthetic import render_version, scale

    doc = load_document("kr-ai-framework-act")
    (tmp_path / "old.txt").write_text(render_version(scale(doc.old, 8)))
    (tmp_path / "new.txt").write_text(render_version(scale(doc.new, 8)))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # this checkout, not an installed one
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": root}
    cmd = [sys.executable, "-m", "ordiff", "report", "old.txt", "new.txt", "--format", "pdf", "-o", "x.pdf"]
    child = subprocess.Popen(cmd, cwd=tmp_path, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _browsers_on(tmp_path) and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)  # the page is loading or printing
    if child.poll() is not None:  # say why: the export failed or finished before the window
        why = child.stderr.read().decode(errors="replace")
        raise AssertionError(f"the export ended ({child.returncode}) before it could be killed: {why}")
    assert _browsers_on(tmp_path), "no browser of the export was found"
    return child


def test_sigterm_during_a_pdf_export_leaves_no_browser_and_no_temp_dir(pdf_text, tmp_path) -> None:
    import signal

    child = _start_export(tmp_path)
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGTERM
    assert _browsers_on(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("ordiff-pdf-")] == []
    assert not (tmp_path / "x.pdf").exists()


def test_sigkill_debris_is_cleaned_by_the_next_run(pdf_text, tmp_path) -> None:
    import signal

    from reports.pdf import clean_stale_dirs

    child = _start_export(tmp_path)
    child.send_signal(signal.SIGKILL)  # nothing of ours runs: the browser and its directory stay
    child.wait(timeout=30)
    left = [p for p in tmp_path.iterdir() if p.name.startswith("ordiff-pdf-")]
    assert left  # one browser directory per chunk being printed
    other = tmp_path / "ordiff-pdf-notours"  # not our name pattern: never touched
    other.mkdir()
    assert sorted(clean_stale_dirs(tmp_path)) == sorted(left)
    assert _browsers_on(tmp_path / "ordiff-pdf-") == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ordiff-pdf-")) == [other.name]


def test_sigterm_during_a_parallel_pdf_batch_leaves_nothing(pdf_text, tmp_path) -> None:
    import signal
    import sys
    import time

    from corpus import load_document
    from diffing.synthetic import render_version, scale

    doc = load_document("kr-ai-framework-act")
    (tmp_path / "old.txt").write_text(render_version(scale(doc.old, 8)))
    (tmp_path / "new.txt").write_text(render_version(scale(doc.new, 8)))
    (tmp_path / "m.csv").write_text(
        "name,source,new_source\n" + "".join(f"p{i},old.txt,new.txt\n" for i in range(4))
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": root}
    cmd = [sys.executable, "-m", "ordiff", "report", "--manifest", "m.csv", "--format", "pdf"]
    child = subprocess.Popen(
        [*cmd, "--out-dir", "out", "--jobs", "2"], cwd=tmp_path, env=env, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not _browsers_on(tmp_path) and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)
    assert child.poll() is None and _browsers_on(tmp_path), "the batch ended before it could be killed"
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=30)
    deadline = time.monotonic() + 10  # the workers end their browsers as they go
    while time.monotonic() < deadline and (_browsers_on(tmp_path) or list(tmp_path.glob("ordiff-pdf-*"))):
        time.sleep(0.1)
    assert _browsers_on(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("ordiff-pdf-")] == []


def test_node_ids_are_ranked_in_place() -> None:
    """Chromium's structure ids depend on what the browser printed before; ranked they do not."""
    from reports.pdf import stable_node_ids

    first = b"/ID (node00000031)>> /ID (node00000040)>> /Names [(node00000031) 5 0 R (node00000040) 6 0 R]"
    later = b"/ID (node00000077)>> /ID (node00000090)>> /Names [(node00000077) 5 0 R (node00000090) 6 0 R]"
    assert stable_node_ids(first) == stable_node_ids(later)
    assert stable_node_ids(first) == first.replace(b"00000031", b"00000001").replace(b"00000040", b"00000002")
    assert len(stable_node_ids(later)) == len(later)  # offsets of the cross-reference table stay valid
