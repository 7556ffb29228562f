"""Batch outputs (issue 13.2): reserved before any is written, never silently replaced, all listed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from ordiff.cli import main
from reports.batch import Job, clean_stale_temp_outputs, plan_outputs, write_new

ACT = Path(__file__).resolve().parents[1] / "corpus" / "data" / "kr-ai-framework-act"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.fixture
def issue_manifest(tmp_path: Path) -> Path:
    """The manifest of issue 13 item 2: b's renamed output (r-2.md) is c's own name."""
    (tmp_path / "src").mkdir()
    shutil.copy(ACT / "old.txt", tmp_path / "src" / "old.txt")
    shutil.copy(ACT / "new.txt", tmp_path / "src" / "new.txt")
    manifest = tmp_path / "pairs.csv"
    manifest.write_text(
        "name,source,new_source,output\n"
        "a,seoul-informatization,,r.md\n"
        "b,kr-ai-framework-act,,r.md\n"
        "c,src/old.txt,src/new.txt,r-2.md\n"
    )
    return manifest


def _batch(capsys, manifest: Path, out_dir: Path, *extra: str) -> tuple[int, str]:
    return run(
        capsys, "report", "--manifest", str(manifest), "--format", "md", "--out-dir", str(out_dir),
        "--jobs", "1", *extra,
    )  # fmt: skip


def test_issue_manifest_writes_three_distinct_files(issue_manifest: Path, capsys) -> None:
    out_dir = issue_manifest.parent / "out"
    code, err = _batch(capsys, issue_manifest, out_dir)
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == ["r-2.md", "r-3.md", "r.md"]
    # each file holds its own row's document: a the Seoul ordinance, b and c the Act (c from files)
    assert "Seoul" in (out_dir / "r.md").read_text()
    assert "Seoul" not in (out_dir / "r-3.md").read_text()  # b, renamed past c's r-2.md
    assert (out_dir / "r-2.md").read_text().count("|") > 10
    assert "wrote 3 of 3 report(s)" in err
    for line in (f"a -> {out_dir / 'r.md'}", f"b -> {out_dir / 'r-3.md'}", f"c -> {out_dir / 'r-2.md'}"):
        assert line in err  # the summary names every file written
    assert "renamed: r.md is another row's output" in err


def test_plan_never_lands_on_a_name_a_row_asks_for() -> None:
    def job(name: str, output: str) -> Job:
        return Job(name=name, source="s", new_source=None, output=output, where=name)

    planned = plan_outputs([job("a", "r.md"), job("b", "R.md"), job("c", "r-2.md"), job("d", "r.md")])
    assert [j.output for j in planned] == ["r.md", "R-3.md", "r-2.md", "r-4.md"]
    assert [j.renamed_from for j in planned] == ["", "R.md", "", "r.md"]
    assert len({j.output.casefold() for j in planned}) == 4


def test_existing_file_is_never_replaced_without_overwrite(issue_manifest: Path, capsys) -> None:
    out_dir = issue_manifest.parent / "out"
    out_dir.mkdir()
    (out_dir / "r-3.md").write_text("keep me")
    code, err = _batch(capsys, issue_manifest, out_dir)
    assert code == 2
    assert err.count("\n") == 1 and "r-3.md already exist" in err and "--overwrite" in err
    assert sorted(p.name for p in out_dir.iterdir()) == ["r-3.md"]  # nothing was written
    assert (out_dir / "r-3.md").read_text() == "keep me"

    code, err = _batch(capsys, issue_manifest, out_dir, "--overwrite")
    assert code == 0, err
    assert (out_dir / "r-3.md").read_text() != "keep me"
    assert sorted(p.name for p in out_dir.iterdir()) == ["r-2.md", "r-3.md", "r.md"]


def test_a_file_appearing_during_the_batch_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    write_new(target, b"first", overwrite=False)
    from corpus.sources import SourceError

    with pytest.raises(SourceError, match="appeared during the batch; not replaced"):
        write_new(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]  # no temporary file left
    write_new(target, b"second", overwrite=True)
    assert target.read_bytes() == b"second"


def test_stale_temporary_outputs_are_cleaned_by_name_owner_and_age(tmp_path: Path) -> None:
    old = time.time() - 2 * 3600
    stale = tmp_path / ".out.docx.ab3d_9xz.tmp"  # write_atomic's shape, two hours old
    fresh = tmp_path / ".out.docx.k2j4h5g6.tmp"  # a write in progress
    other = tmp_path / ".notes.tmp"  # not ours
    report = tmp_path / "out.docx"
    for p in (stale, fresh, other, report):
        p.write_bytes(b"x")
    for p in (stale, other, report):
        os.utime(p, (old, old))
    assert clean_stale_temp_outputs(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, other.name, report.name])
