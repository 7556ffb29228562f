"""`ordiff notes` and `ordiff concordance` as scripts use them, against SQLite and PostgreSQL.

The acceptance of issue 9 through the CLI alone: a note on old Article 16 of seoul-informatization, a
link of old 16 to new 12 with a reason (the engine leaves both unpaired), then the concordance export
lists the link as analyst.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ordiff.cli import main
from tests.pg import postgres_url

DOC = "seoul-informatization"
REASON = "same subject: policies by field, now by area"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'review.db'}" if request.param == "sqlite" else postgres_url()


def test_note_on_old_16_and_link_16_to_12_show_in_list_align_and_export(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, _ = run(
        capsys,
        "notes",
        "add",
        DOC,
        "--old",
        "16",
        "--body",
        "Where did *this* go?",
        "--author",
        "kim",
        "--tag",
        "question",
        "--db",
        db,
    )
    assert code == 0
    note_id = out.strip()
    assert len(note_id) == 36
    code, out, _ = run(
        capsys, "concordance", "link", DOC, "16", "12", "--reason", REASON, "--author", "lee", "--db", db
    )
    assert code == 0 and out.startswith("link 16>12 recorded") and "1 of 44 pairs reviewed" in out

    _, out, _ = run(capsys, "notes", "list", DOC, "--format", "json", "--db", db)
    [listed] = json.loads(out)
    assert listed["id"] == note_id
    assert (listed["author"], listed["body"], listed["status"], listed["tags"]) == (
        "kim",
        "Where did *this* go?",
        "open",
        ["question"],
    )
    assert (listed["anchor"], listed["orphaned"]) == ("old Article 16", False)
    assert listed["html"] == "<p>Where did <em>this</em> go?</p>\n"

    _, out, _ = run(capsys, "concordance", "export", DOC, "--format", "csv", "--db", db)
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0] == ["Old provision", "New provision", "Change", "Origin", "Review", "Reason"]
    assert ["Article 16", "Article 12", "renumbered", "analyst", "linked", REASON] in rows
    assert not [r for r in rows if r[0] == "Article 16" and r[1] != "Article 12"]

    _, out, _ = run(capsys, "align", DOC, "--format", "json", "--db", db)
    data = json.loads(out)
    [linked] = [p for p in data["pairs"] if p["old"] == ["16"]]
    assert (linked["new"], linked["origin"], linked["review"], linked["reason"]) == (
        ["12"],
        "analyst",
        "linked",
        REASON,
    )
    assert {p["origin"] for p in data["pairs"] if p is not linked} == {"auto"}
    assert data["review"]["progress"] == "1 of 44 pairs reviewed"


def test_align_without_a_database_marks_every_pair_auto_and_unreviewed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORDIFF_DB", "memory:")
    _, out, _ = run(capsys, "align", DOC, "--format", "json")
    pairs = json.loads(out)["pairs"]
    assert len(pairs) == 45 and {(p["origin"], p["review"]) for p in pairs} == {("auto", "unreviewed")}


def test_w3c_export_imported_into_an_empty_database_gives_the_same_notes(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    first = run(
        capsys,
        "notes",
        "add",
        DOC,
        "--old",
        "16",
        "--provision",
        "(2)",
        "--quote",
        "the Mayor shall formulate a necessary plan",
        "--body",
        "Plan duty **kept**?",
        "--author",
        "kim",
        "--tag",
        "substantive",
        "--tag",
        "follow-up",
        "--db",
        db,
    )[1].strip()
    run(
        capsys,
        "notes",
        "add",
        DOC,
        "--pair",
        "7+8>7",
        "--body",
        "Merge looks right.",
        "--author",
        "lee",
        "--reply-to",
        first[:8],
        "--db",
        db,
    )
    run(capsys, "notes", "resolve", DOC, first[:8], "--author", "park", "--db", db)
    run(
        capsys,
        "concordance",
        "reject",
        DOC,
        "11",
        "9",
        "--reason",
        "different subcommittees",
        "--author",
        "lee",
        "--db",
        db,
    )
    listed = run(capsys, "notes", "list", DOC, "--format", "json", "--db", db)[1]

    export = tmp_path / "notes.jsonld"
    assert run(capsys, "notes", "export", DOC, "--format", "w3c", "-o", str(export), "--db", db)[0] == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert [i["type"] for i in items] == ["Annotation"] * 3
    assert [i["motivation"] for i in items] == ["commenting", "replying", "assessing"]
    quote = next(s for s in items[0]["target"]["selector"] if s["type"] == "TextQuoteSelector")
    assert quote["exact"] == "the Mayor shall formulate a necessary plan"
    assert {"type": "TextualBody", "value": "follow-up", "purpose": "tagging"} in items[0]["body"]

    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    code, out, _ = run(capsys, "notes", "import", DOC, str(export), "--db", empty)
    assert code == 0 and out.startswith("imported 2 notes and 1 decisions")
    assert run(capsys, "notes", "list", DOC, "--format", "json", "--db", empty)[1] == listed
    again = run(capsys, "notes", "import", DOC, str(export), "--db", empty)[1]
    assert again.startswith("imported 0 notes and 0 decisions") and "(3 already there)" in again
    assert json.loads(run(capsys, "notes", "export", DOC, "--format", "w3c", "--db", empty)[1]) == data

    as_json = tmp_path / "notes.json"
    run(capsys, "notes", "export", DOC, "--format", "json", "-o", str(as_json), "--db", db)
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert run(capsys, "notes", "import", DOC, str(as_json), "--db", other)[0] == 0
    assert run(capsys, "notes", "list", DOC, "--format", "json", "--db", other)[1] == listed


def test_concordance_export_as_xlsx_docx_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from docx import Document as Docx
    from openpyxl import load_workbook

    db = f"sqlite:///{tmp_path / 'r.db'}"
    run(capsys, "concordance", "link", DOC, "16", "12", "--reason", REASON, "--author", "lee", "--db", db)
    run(capsys, "concordance", "export", DOC, "--format", "xlsx", "-o", str(tmp_path / "c.xlsx"), "--db", db)
    ws = load_workbook(tmp_path / "c.xlsx").active
    assert ws is not None
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert ["Article 16", "Article 12", "renumbered", "analyst", "linked", REASON] in values
    run(capsys, "concordance", "export", DOC, "--format", "docx", "-o", str(tmp_path / "c.docx"), "--db", db)
    table = Docx(str(tmp_path / "c.docx")).tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Old provision", "New provision", "Change", "Origin", "Review", "Reason"]
    assert ["Article 16", "Article 12", "renumbered", "analyst", "linked", REASON] in cells
    data = json.loads(run(capsys, "concordance", "export", DOC, "--format", "json", "--db", db)[1])
    [row] = [r for r in data["rows"] if r["origin"] == "analyst"]
    assert (row["old"], row["new"], row["author"]) == ("Article 16", "Article 12", "lee")


def test_unlink_takes_a_link_back_and_the_pair_history_keeps_both(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    run(capsys, "concordance", "link", DOC, "16", "12", "--reason", REASON, "--author", "lee", "--db", db)
    run(capsys, "concordance", "accept", DOC, "1", "1", "--author", "kim", "--db", db)
    code, out, _ = run(capsys, "concordance", "unlink", DOC, "16", "12", "--author", "park", "--db", db)
    assert code == 0 and "1 of 45 pairs reviewed" in out
    code, out, _ = run(capsys, "concordance", "history", DOC, "16", "12", "--db", db)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].split()[2:5] == ["lee", "record", "decision"] and lines[0].endswith(f"link  {REASON!r}")
    assert lines[1].split()[2:5] == ["park", "record", "decision"] and lines[1].endswith("unlink")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["notes", "add", DOC, "--old", "99", "--body", "x", "--author", "k"], "has no Article 99"),
        (
            ["notes", "add", DOC, "--old", "16", "--provision", "(9)", "--body", "x", "--author", "k"],
            "old Article 16 has no provision (9)",
        ),
        (
            ["notes", "add", DOC, "--old", "16", "--quote", "not there", "--body", "x", "--author", "k"],
            "the quote 'not there' is not in old Article 16",
        ),
        (["notes", "add", DOC, "--pair", "1>9", "--body", "x", "--author", "k"], "has no pair '1>9'"),
        (["notes", "add", DOC, "--old", "16", "--body", " ", "--author", "k"], "a note needs a body"),
        (["notes", "import", DOC, "/nonexistent/notes.json"], "/nonexistent/notes.json: no such file"),
        (["notes", "resolve", DOC, "12345678", "--author", "k"], "has no note '12345678'"),
        (["concordance", "link", DOC, "16"], "concordance link takes SOURCE [NEW_SOURCE] OLD NEW (2 given)"),
        (["concordance", "link", DOC, "16", "99", "--author", "k"], "the new version of"),
        (["concordance", "accept", DOC, "1", "1", "--author", " "], "a decision needs an author"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv, "--db", f"sqlite:///{tmp_path / 'r.db'}")
    assert code == 2 and out == ""
    assert err.startswith("ordiff: ") and err.count("\n") == 1 and message in err


def test_a_bad_database_url_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "notes", "list", DOC, "--db", "postgresql+psycopg://u:pw@/x?host=/nonexistent")
    assert code == 2 and err.count("\n") == 1 and "cannot open the review database" in err and "pw" not in err
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "notes", "import", DOC, str(bad), "--db", f"sqlite:///{tmp_path / 'r.db'}")
    assert code == 2 and "not JSON" in err


def test_without_db_the_user_data_file_is_used_and_align_then_applies_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ORDIFF_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # platformdirs' user data folder on Linux
    _, out, _ = run(capsys, "align", DOC, "--format", "json")
    assert not (tmp_path / "data").exists()  # a read-only command creates no database
    assert {p["origin"] for p in json.loads(out)["pairs"]} == {"auto"}
    assert run(capsys, "concordance", "link", DOC, "16", "12", "--reason", REASON, "--author", "lee")[0] == 0
    assert (tmp_path / "data" / "ordiff" / "review.sqlite3").is_file()
    _, out, _ = run(capsys, "align", DOC)
    assert [line.split()[:4] for line in out.splitlines() if line.split()[:1] == ["16"]] == [
        ["16", "->", "12", "renumbered"]
    ]
    assert out.rstrip().endswith("1 of 44 pairs reviewed")


def test_editing_from_a_stale_version_is_a_conflict_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    note_id = run(capsys, "notes", "add", DOC, "--new", "12", "--body", "one", "--author", "kim", "--db", db)[
        1
    ]
    short = note_id.strip()[:8]
    code, out, _ = run(
        capsys, "notes", "edit", DOC, short, "--body", "two", "--author", "lee", "--version", "1", "--db", db
    )
    assert code == 0 and out.strip() == f"{short} now version 2"
    code, out, err = run(
        capsys,
        "notes",
        "edit",
        DOC,
        short,
        "--body",
        "three",
        "--author",
        "park",
        "--version",
        "1",
        "--db",
        db,
    )
    assert code == 2 and out == ""
    assert f"note {short} was changed by lee at " in err and "since you opened it" in err
    [listed] = json.loads(run(capsys, "notes", "list", DOC, "--format", "json", "--db", db)[1])
    assert (listed["body"], listed["version"], listed["modified_by"]) == ("two", 2, "lee")
