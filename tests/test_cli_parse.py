"""``ordiff parse``: JSON interface, text outline, and bad input (one line on stderr, exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ordiff.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["parse", *argv, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_json_fields_for_the_seoul_page(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "seoul-informatization")
    old, new = data["versions"]
    assert (old["ordinance_no"], old["date"], old["whole_amendment"]) == ("6851", "2018-03-22", False)
    assert (new["ordinance_no"], new["date"], new["whole_amendment"]) == ("7026", "2019-03-28", True)
    assert old["label"] == "Ordinance No. 6851 (2018-03-22)"
    art = next(a for a in old["articles"] if a["number"] == "5-2")
    assert art["title"] == "Reflecting Informatization Plan, etc."
    assert art["chapter"].startswith("CHAPTER Ⅱ")
    assert [p["label"] for p in art["paragraphs"]] == ["(1)", "(2)", "(3)"]
    (note,) = art["notes"]
    assert {k: note[k] for k in ("action", "ordinance_no", "date", "scope", "target")} == {
        "action": "inserted",
        "ordinance_no": "5527",
        "date": "2013-08-01",
        "scope": "article",
        "target": "",
    }
    assert note["raw"] == "[This Article Newly Inserted by Ordinance No. 5527, Aug. 1, 2013]"
    assert [t["article"] for t in old["tables"]] == ["31", "41"]
    assert (
        new["addenda"][0]["articles"][1]["title"]
        == "Repeal of Ordinance of the Seoul Metropolitan Government"
    )


def test_json_flattens_a_note_naming_two_instruments(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "seoul-informatization")
    art2 = data["versions"][0]["articles"][1]
    raw = "<Amended by Ordinance No. 5527, Aug. 1, 2013; Ordinance No. 6820, Mar. 22, 2018>"
    assert [(n["ordinance_no"], n["raw"]) for n in art2["notes"]] == [("5527", raw), ("6820", raw)]


def test_two_paths_and_resolved_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path(__file__).resolve().parent.parent / "corpus" / "data" / "kr-ai-framework-act"
    data = run_json(capsys, str(folder / "old.txt"), str(folder / "new.txt"))
    new = data["versions"][1]
    art38 = next(a for a in new["articles"] if a["number"] == "38")
    (note,) = art38["notes"]
    assert (note["raw"], note["instrument"], note["ordinance_no"], note["number_resolved"]) == (
        "<Amended on Oct. 1, 2025>",
        "Act",
        "21065",
        True,
    )


def test_text_outline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "kr-ai-framework-act", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "OLD: Act No. 20676 (2025-01-21)" in out
    assert "NEW: Act No. 21311 (2026-01-20)" in out
    assert "    Article 17-2 (Support for expenses for using artificial intelligence" in out
    assert "note (title): [Title Amended on Jan. 20, 2026]" in out


def write(tmp_path: Path, name: str, raw: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(raw)
    return str(path)


@pytest.mark.parametrize(
    ("name", "raw", "problem"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary data"),
        ("garbled.txt", bytes([0x81, 0xFF, 0xFE, 0x80, 0xC0, 0xC1]) * 20, "cannot decode"),
        ("list.txt", b"Shopping list\nmilk\n", "no article found"),
    ],
)
def test_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, raw: bytes, problem: str
) -> None:
    assert main(["parse", write(tmp_path, name, raw)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert name in err[0] and problem in err[0]


def test_missing_path_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt: no such file" in capsys.readouterr().err
    assert main(["parse", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_bad_input_through_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", b"   \n")
    proc = subprocess.run(
        [sys.executable, "-m", "ordiff", "parse", path],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == f"ordiff: {path}: the file is empty"
