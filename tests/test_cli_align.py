"""``ordiff align`` and ``ordiff evaluate`` from the command line (``ordiff.cli.main``)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ordiff.cli import main

OLD = "Article 1 (Purpose) The purpose of this Act is to promote the safe use of data by public institutions."
NEW = "Article 1 (Purpose) The purpose of this Act is to promote the safe and fair use of data by the State."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_every_article_once_with_gold_backed_links(capsys):
    code, out, _ = run(capsys, "align", "seoul-informatization", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["old"]["number"] == "6851" and data["new"]["number"] == "7026"
    olds = {n for p in data["pairs"] for n in p["old"]}
    news = {n for p in data["pairs"] for n in p["new"]}
    assert len(olds) == data["old"]["articles"] and len(news) == data["new"]["articles"]
    # gold (read from the page): old 11 (subcommittees) continues as new 9, renumbered and reworded
    (sub,) = [p for p in data["pairs"] if p["old"] == ["11"]]
    assert sub["new"] == ["9"] and sub["change"] in ("renumbered", "moved") and sub["modified"]
    # gold: old 7 (7) (quorum) is new 8 (3), old 13 (allowances) is new 8 (5)
    (operation,) = [p for p in data["pairs"] if p["new"] == ["8"]]
    assert {"7", "13"} <= set(operation["old"]) and operation["change"] == "merged"
    moved = {r["new"]["label"]: r["moved"] for r in operation["paragraphs"] if r["new"]}
    assert moved["(3)"] == "from Article 7 (7)" and moved["(5)"] == "from Article 13"
    for p in data["pairs"]:
        assert 0.0 <= p["score"] <= 1.0
        assert p["change"] in (
            "unchanged",
            "modified",
            "renumbered",
            "moved",
            "merged",
            "split",
            "added",
            "deleted",
        )


def test_json_addenda_links_resolve_both_numberings(capsys):
    _, out, _ = run(capsys, "align", "seoul-informatization", "--format", "json")
    pairs = json.loads(out)["pairs"]
    (deleted,) = [p for p in pairs if p["old"] == ["5-2"]]
    assert {(a["version"], a["block"], a["article"]) for a in deleted["addenda"]} == {
        ("old", "5527", "1"),
        ("old", "5527", "2"),
    }
    (committee,) = [p for p in pairs if "7" in p["old"] and p["new"] == ["7"]]  # old 7 (+ 8) -> new 7
    assert ("new", None, "4") in {(a["version"], a["block"], a["article"]) for a in committee["addenda"]}


def test_output_is_deterministic(capsys):
    first = run(capsys, "align", "kr-ai-framework-act", "--format", "json")[1]
    second = run(capsys, "align", "kr-ai-framework-act", "--format", "json")[1]
    assert first == second


def test_csv_and_text_formats(capsys):
    code, out, _ = run(capsys, "align", "kr-ai-framework-act", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 46
    assert {r["change"] for r in rows if r["new"] in ("17-2", "22-2", "22-3")} == {"added"}
    code, out, _ = run(capsys, "align", "kr-ai-framework-act")
    assert code == 0 and "17-2" in out and "added" in out


def test_two_paths(tmp_path: Path, capsys):
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    code, out, _ = run(
        capsys, "align", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", "json"
    )
    (pair,) = json.loads(out)["pairs"]
    assert code == 0 and pair["change"] == "modified"
    inserted = [s["new"] for s in pair["diff"] if s["tag"] != "equal"]
    assert " and fair" in "".join(inserted)


def test_one_side_without_articles_warns_on_stderr(tmp_path: Path, capsys):
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text("This text has no article heading at all.\n", encoding="utf-8")
    code, out, err = run(capsys, "align", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"))
    assert code == 0 and "deleted" in out
    assert "warning" in err and "new version has no article" in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "bin.txt", b"\x00\x01\x02abc"), "binary"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys, make, message):
    code, out, err = run(capsys, "align", str(make(tmp_path)), str(tmp_path / "other.txt"))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


def test_no_article_in_either_version_exits_2(tmp_path: Path, capsys):
    path = _write(tmp_path / "prose.txt", b"Just prose, no article.\n")
    code, _, err = run(capsys, "align", str(path), str(path))
    assert code == 2 and "no article found" in err


def test_evaluate_against_gold_prints_engine_and_baselines(capsys):
    code, out, _ = run(capsys, "evaluate", "kr-ai-framework-act")
    assert code == 0
    engine = next(line for line in out.splitlines() if line.strip().startswith("engine"))
    assert engine.split()[1:4] == ["1.000", "1.000", "1.000"]
    assert "same number" in out and "best fuzzy" in out and "46/46" in out


def test_evaluate_bad_gold_and_bad_count(tmp_path: Path, capsys):
    code, _, err = run(capsys, "evaluate", "kr-ai-framework-act", "--gold", str(tmp_path / "none.toml"))
    assert code == 2 and "no such gold file" in err
    bad = _write(tmp_path / "bad.toml", b"document = 'x'\n")
    code, _, err = run(capsys, "evaluate", "kr-ai-framework-act", "--gold", str(bad))
    assert code == 2 and "no [[link]] table" in err
    code, _, err = run(capsys, "evaluate", "kr-ai-framework-act", "--synthetic", "-1")
    assert code == 2 and "cannot be negative" in err


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
