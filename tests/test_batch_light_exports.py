"""CSV and JSON exports build only what they print (issue 13.10): no sections; for JSON no concordance."""

from __future__ import annotations

import json

import pytest

import ordiff
from reports import content, export


@pytest.fixture(scope="module")
def seoul():
    return ordiff.compare(ordiff.load("seoul-informatization"))


def _forbid(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("built something the format does not print")

    for name in names:
        monkeypatch.setattr(content, name, refuse)


def test_csv_builds_no_pair_section(seoul, monkeypatch: pytest.MonkeyPatch) -> None:
    _forbid(monkeypatch, "_section")
    rows = export(seoul, "csv", changes="renumbered").decode("utf-8-sig").splitlines()
    assert rows[0].startswith("old_article,old_title,new_article")
    assert len(rows) - 1 == sum(p.change == "renumbered" for p in seoul.pairs) > 0


def test_json_builds_no_report_rows(seoul, monkeypatch: pytest.MonkeyPatch) -> None:
    _forbid(monkeypatch, "_section", "_concordance_row")
    data = json.loads(export(seoul, "json", articles="34"))
    # old Article 34 became new Article 20 (the Seoul pair checked in tests/gold): only that pair is kept
    assert [(p["old"], p["new"]) for p in data["pairs"]] == [(["34"], ["20"])]


def test_scope_errors_still_come_first(seoul) -> None:
    from reports import ReportError

    with pytest.raises(ReportError, match="no such article in either version: 999"):
        export(seoul, "json", articles="999")
