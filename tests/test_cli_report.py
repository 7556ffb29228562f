"""``ordiff report``: one pair, a manifest batch, and every kind of bad request (exit 2, one line)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import docx
import pytest

from ordiff.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_single_report_written_to_the_path(tmp_path: Path, capsys) -> None:
    target = tmp_path / "seoul.docx"
    code, _, err = run(capsys, "report", "seoul-informatization", "--format", "docx", "-o", str(target))
    assert code == 0 and "wrote" in err
    document = docx.Document(str(target))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "Article 34 (Promotion of Narrowing of Digital Divide)" in cells
    assert "Article 20 (Closing Digital Divide)" in cells


def test_scope_options_and_stdout(capsys) -> None:
    code, out, _ = run(
        capsys, "report", "seoul-informatization", "--format", "csv", "-o", "-", "--articles", "34,5-2"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert {r["old_article"] for r in rows} == {"34", "5-2"}


def test_two_paths_old_and_new(tmp_path: Path, capsys) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("Article 1 (Purpose) The purpose is to test.\n\nArticle 2 (Fees) Fees are paid.\n")
    new.write_text("Article 1 (Purpose) The purpose is to try.\n\nArticle 2 (Fees) Fees are paid.\n")
    code, out, _ = run(capsys, "report", str(old), str(new), "--format", "md", "-o", "-")
    assert code == 0
    assert "<del>test</del>" in out and "<ins>try</ins>" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--changes", "renamed"], "unknown change kind(s): renamed"),
        (["--articles", "999"], "no such article in either version: 999"),
        (["--articles", "Chapter II"], "is not an article number"),
    ],
)
def test_bad_scope_exits_2_with_one_line(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    target = tmp_path / "kept.csv"
    target.write_text("previous report")
    code, _, err = run(capsys, "report", "seoul-informatization", "--format", "csv", "-o", str(target), *args)
    assert code == 2
    assert err.startswith("ordiff: ") and message in err and err.count("\n") == 1
    assert target.read_text() == "previous report"  # never half-overwritten


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "seoul-informatization", "--format", "csv"], "give the output file with -o"),
        (["report", "--format", "csv", "-o", "x.csv"], "give SOURCE"),
        (["report", "no-such-doc", "--format", "csv", "-o", "x.csv"], "no-such-doc: no such file"),
        (["report", "--manifest", "m.csv", "--format", "csv"], "--manifest needs --out-dir"),
    ],
)
def test_bad_invocations_exit_2(capsys, argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


def test_output_into_a_missing_directory_is_a_clear_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(
        capsys, "report", "seoul-informatization", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv")
    )
    assert code == 2 and "no such directory" in err


def test_batch_with_one_broken_pair(tmp_path: Path, capsys) -> None:
    manifest = tmp_path / "pairs.csv"
    (tmp_path / "broken.txt").write_text("no article here at all\n")
    manifest.write_text(
        "name,source,new_source,output\n"
        "seoul,seoul-informatization,,\n"
        "broken,broken.txt,,\n"
        "../../escape attempt,kr-ai-framework-act,,\n"
    )
    out_dir = tmp_path / "out"
    code, _, err = run(
        capsys, "report", "--manifest", str(manifest), "--format", "csv", "--out-dir", str(out_dir)
    )
    assert code == 1
    assert sorted(p.name for p in out_dir.iterdir()) == ["escape_attempt.csv", "seoul.csv"]
    assert "wrote 2 of 3 report(s)" in err
    assert "FAILED broken: broken.txt: no article found" in err
    assert "[########################] 3/3 done" in err  # the progress bar reached the end
    seoul = (out_dir / "seoul.csv").read_text(encoding="utf-8-sig")
    assert "Closing Digital Divide" in seoul


def test_batch_from_toml_with_outputs(tmp_path: Path, capsys) -> None:
    manifest = tmp_path / "pairs.toml"
    manifest.write_text(
        '[[pairs]]\nname = "seoul"\nsource = "seoul-informatization"\noutput = "seoul-2019.html"\n\n'
        '[[pairs]]\nname = "ai act"\nsource = "kr-ai-framework-act"\n'
    )
    out_dir = tmp_path / "out"
    code, _, _ = run(
        capsys, "report", "--manifest", str(manifest), "--format", "html", "--out-dir", str(out_dir)
    )
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["ai_act.html", "seoul-2019.html"]
    page = re.sub(r"<[^>]+>", "", (out_dir / "seoul-2019.html").read_text())  # the text, marks removed
    assert "Article 20 (Closing Digital Divide)" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.csv", "title,path\nx,y\n", "the CSV header must name the columns name, source"),
        ("m.toml", "[[pairs]]\nname = 3\nsource = 'x'\n", "name must be text"),
        ("m.toml", "pairs = [", "not valid TOML"),
        ("m.json", "{}", "a manifest must be a .csv or .toml file"),
        ("m.csv", "name,source\n", "the manifest lists no pair"),
    ],
)
def test_bad_manifest_exits_2(tmp_path: Path, capsys, name: str, content: str, message: str) -> None:
    manifest = tmp_path / name
    manifest.write_text(content)
    code, _, err = run(
        capsys, "report", "--manifest", str(manifest), "--format", "csv", "--out-dir", str(tmp_path / "o")
    )
    assert code == 2 and message in err
