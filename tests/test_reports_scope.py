"""Exports of exactly the chosen pairs (``reports.export(pairs=...)``, ``ordiff report --pairs``), with
the analysts' notes: the pair ``7+9+12+13>8`` shares old Article 7 with ``7+8>7``, so no
``--changes`` / ``--articles`` selection names it alone.

Titles are from corpus/data/seoul-informatization/page.txt: old Article 9 "Duties of Chairperson", new
Article 8 "Operation of Committee", new Article 7 "Establishment of Committee" (the new side of 7+8>7).
"""

from __future__ import annotations

import csv
import io
import re

import docx
import pytest

import ordiff
import reports
from diffing.model import Comparison
from ordiff.cli import main
from reports.content import ReportError, select_pairs
from review.store import MemoryStore
from review.workspace import new_note
from viewer.downloads import downloads, scope

MERGED = "7+9+12+13>8"


@pytest.fixture(scope="module")
def seoul() -> Comparison:
    return ordiff.compare(ordiff.load("seoul-informatization"))


def word_text(data: bytes) -> str:
    word = docx.Document(io.BytesIO(data))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def store_with_note(seoul: Comparison, body: str) -> MemoryStore:
    store = MemoryStore()
    store.save_annotation(new_note(seoul.document, side="old", eid="art_9", body=body, author="Kim"))
    return store


def test_select_pairs_by_key_or_id_is_exact(seoul: Comparison) -> None:
    assert [p.key for p in select_pairs(seoul, articles="7")] == ["7+8>7", MERGED]  # why --pairs exists
    assert [p.key for p in select_pairs(seoul, pairs=MERGED)] == [MERGED]
    by_id = select_pairs(seoul, pairs=["art_7+art_9+art_12+art_13>art_8"])
    assert [p.key for p in by_id] == [MERGED]
    # comparison order, whatever the order asked; combined with --changes
    assert [p.key for p in select_pairs(seoul, pairs="34>20, 1>1")] == ["1>1", "34>20"]
    assert select_pairs(seoul, changes="deleted", pairs="1>1") == ()
    assert select_pairs(seoul, pairs=()) == ()  # an empty selection is no pair, not every pair
    with pytest.raises(ReportError, match=r"^no such pair: 7>8 "):
        select_pairs(seoul, pairs="1>1,7>8")


def test_export_of_the_merged_pair_alone_holds_it_and_its_note(seoul: Comparison) -> None:
    store = store_with_note(seoul, "Chairperson duties moved into Article 8")
    text = word_text(reports.export(seoul, "docx", pairs=MERGED, review=store))
    assert "Chairperson duties moved into Article 8" in text and "Kim" in text
    assert "Duties of Chairperson" in text and "Operation of Committee" in text
    assert "Establishment of Committee" not in text  # the other pair holding old Article 7 is left out
    csv_rows = reports.export(seoul, "csv", pairs=MERGED).decode("utf-8-sig").splitlines()
    assert len(csv_rows) == 2 and "7; 9; 12; 13" in csv_rows[1]


def test_cli_pairs_option(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "merged.docx"
    code = main(
        ["report", "seoul-informatization", "--pairs", MERGED, "--db", "sqlite://", "-o", str(target)]
    )
    assert code == 0
    text = word_text(target.read_bytes())
    assert "Operation of Committee" in text and "Establishment of Committee" not in text
    capsys.readouterr()
    code = main(["report", "seoul-informatization", "--pairs", "7+8>8", "-o", str(tmp_path / "x.docx")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "no such pair: 7+8>8" in err
    assert not (tmp_path / "x.docx").exists()
    code = main(["report", "seoul-informatization", "--pairs", " , ", "-o", str(tmp_path / "y.docx")])
    assert code == 2 and "--pairs needs at least one pair key" in capsys.readouterr().err


def test_app_downloads_of_the_open_pair_and_the_pairs_shown_carry_the_note(seoul: Comparison) -> None:
    store = store_with_note(seoul, "Written in the app")
    merged = next(p for p in seoul.pairs if p.key == MERGED)
    other = next(p for p in seoul.pairs if p.key == "34>20")
    for chosen in (scope("pair", merged), scope("shown", shown=[merged, other])):
        by_fmt = {d.fmt: d for d in downloads(seoul, "s", chosen, review=store)}
        assert "without" not in by_fmt["docx"].help
        text = word_text(by_fmt["docx"].build())
        assert "Written in the app" in text and "Operation of Committee" in text
        assert "Establishment of Committee" not in text
        assert ("Closing Digital Divide" in text) == (chosen.name == "shown")


def test_app_open_pair_and_pairs_shown_exports_carry_a_note_written_in_the_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Under AppTest: write a note on old Article 9 in the app, then build each Word download through
    the very callable its button holds (recorded when the app registers the deferred download)."""
    from pathlib import Path

    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ORDIFF_DB", f"sqlite:///{tmp_path / 'review.db'}")
    held: dict[str, object] = {}
    register = MediaFileManager.add_deferred

    def recording(self, data_callable, *args, **kwargs):  # type: ignore[no-untyped-def]
        file_id = register(self, data_callable, *args, **kwargs)
        held[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.query_params["old"] = "9"
    at.run()
    at.text_input(key="analyst").set_value("Kim").run()
    at.selectbox(key="note_anchor").set_value("old:art_9").run()
    at.text_area(key="note_body").set_value("Written in the app").run()
    at.button(key="note_add").click().run()
    assert not at.exception, [e.value for e in at.exception]

    def word(scope_name: str) -> tuple[str, str]:
        at.radio(key="export_scope").set_value(scope_name).run()
        assert not at.exception, [e.value for e in at.exception]
        (button,) = [b for b in at.get("download_button") if b.proto.id.endswith("dl_docx")]
        build = held[button.proto.deferred_file_id]
        assert callable(build)
        return re.sub(r"\\(.)", r"\1", button.proto.help), word_text(build())  # un-escaped Markdown

    help_text, text = word("pair")
    assert "pair-7+9+12+13-to-8.docx" in help_text and "without" not in help_text
    assert "Written in the app" in text and "Operation of Committee" in text
    assert "Establishment of Committee" not in text
    at.multiselect(key="kinds").set_value(["merged"]).run()  # the table shows 7+8>7 and 7+9+12+13>8
    help_text, text = word("shown")
    assert "2-pairs-shown.docx" in help_text and "without" not in help_text
    assert "Written in the app" in text and "Establishment of Committee" in text


def test_with_a_review_store_keys_are_those_of_the_reviewed_comparison(seoul: Comparison) -> None:
    """Linking old 16 (Promotion of Informatization by Field) to new 12 (Policy Promotion by Area)
    makes the pair 16>12, which the engine's comparison does not have."""
    from review.workspace import new_decision

    store = MemoryStore()
    store.record_decision(
        new_decision(seoul, verdict="link", old=("art_16",), new=("art_12",), author="Kim", reason="same")
    )
    with pytest.raises(ReportError, match=r"^no such pair: 16>12 "):
        reports.export(seoul, "csv", pairs="16>12")
    data = reports.export(seoul, "csv", pairs="16>12", review=store).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(data))
    assert (row["old_article"], row["new_article"], row["review"]) == ("16", "12", "linked")
