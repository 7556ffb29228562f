"""Amendment notes checked against the text, and the analysis keys of ``ordiff align --format json``."""

from __future__ import annotations

import json

import analysis
from corpus import load_document
from diffing import compare
from ordiff.cli import main
from tests.analysis_texts import BOARD_NEW, BOARD_OLD, LIBRARY_NEW, LIBRARY_OLD, comparison_of


def flags(result: analysis.Analysis) -> list[tuple[str, str, str, str | None]]:
    return [(c.kind, c.article, c.path, c.note) for c in result.checks]


def test_missing_notes_stray_notes_and_future_notes(tmp_path):
    result = analysis.analyse(comparison_of(tmp_path, BOARD_OLD, BOARD_NEW))
    assert sorted(flags(result)) == sorted(
        [
            ("change-without-note", "2", "(2)", None),  # "Testing Board" -> "Evaluation Council", no note
            ("change-without-note", "2", "title", None),  # (Board) -> (Council), no title note
            ("note-without-change", "2", "(3)", "<Amended by Act No. 200, Jun. 1, 2021>"),
            ("note-without-change", "6", "", "<Amended by Act No. 300, Jan. 1, 2030>"),
            ("note-after-version", "6", "", "<Amended by Act No. 300, Jan. 1, 2030>"),
        ]
    )
    assert all(c.side == "new" for c in result.checks)


def test_every_change_noted_gives_no_flag(tmp_path):
    assert analysis.analyse(comparison_of(tmp_path, LIBRARY_OLD, LIBRARY_NEW)).checks == ()


def test_whole_amendment_is_said_once():
    result = analysis.analyse(compare(load_document("seoul-informatization")))
    assert len(result.checks) == 1
    (check,) = result.checks
    assert (check.kind, check.article, check.path) == ("change-without-note", "", "")
    assert check.note is not None and "Whole Amendment" in check.note


def test_act_pair_flags_are_the_unnoted_translation_edits():
    # new 23 (3) "it has been designated" -> "the institution obtains designation", 39 (1) "hereinafter" ->
    # "hereafter" and 41 (1) gaining its "(1)" label carry no note: edits of the English translation
    result = analysis.analyse(compare(load_document("kr-ai-framework-act")))
    assert flags(result) == [
        ("change-without-note", "23", "(3)", None),
        ("change-without-note", "39", "(1)", None),
        ("change-without-note", "41", "(1)", None),
    ]


def test_align_json_carries_analysis_keys_and_change_types(tmp_path, capsys):
    (tmp_path / "old.txt").write_text(BOARD_OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(BOARD_NEW, encoding="utf-8")
    code = main(["align", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"substitutions", "references", "checks"} <= data.keys()
    assert data["substitutions"][0] == {
        "old": "Testing Board",
        "new": "Evaluation Council",
        "count": 3,
        "where": ["1>1", "2>2"],
        "survivors": [{"article": "3", "side": "new"}],
    }
    pairs = {p["key"]: p for p in data["pairs"]}
    assert pairs["1>1"]["change_types"] == ["terminology"] and pairs["1>1"]["terminology"] is True
    assert [r["change_type"] for r in pairs["2>2"]["paragraphs"]] == ["terminology", "terminology", None]
    assert pairs["5>5"]["change_types"] == ["repeal"]
    assert {c["kind"] for c in data["checks"]} == set(analysis.CHECK_KINDS)


def test_an_inserted_article_without_a_note_is_flagged_once(tmp_path):
    new = LIBRARY_NEW.replace(" <Newly Inserted by Ordinance No. 20, Jun. 1, 2021>", "").replace(
        "borrowing books.", "borrowing books.\n(2) Registration is free of charge."
    )
    result = analysis.analyse(comparison_of(tmp_path, LIBRARY_OLD, new))
    assert flags(result) == [("change-without-note", "2", "", None)]
