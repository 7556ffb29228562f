"""Scoring (``diffing.evaluate``) and the engine's targets on the hand-written gold files."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import load_document
from corpus.sources import SourceError
from diffing import compare
from diffing.evaluate import (
    GoldLink,
    Score,
    evaluate,
    expand,
    find_gold,
    gold_pairs,
    label_accuracy,
    load_gold,
    score,
)


def test_expand_and_score_by_hand():
    links = [
        GoldLink(("7", "8"), ("7",), "merged"),
        GoldLink(("9",), (), "deleted"),
        GoldLink((), ("8",), "added"),
    ]
    gold = gold_pairs(links)
    assert gold == {("7", "7"), ("8", "7"), ("9", None), (None, "8")}
    predicted = expand(["7"], ["7"]) | {("8", None), ("9", None), (None, "8")}
    s = score(predicted, gold)
    assert (s.true_positives, s.predicted, s.gold) == (3, 4, 4)
    assert s.precision == s.recall == s.f1 == 0.75
    assert score(set(), gold).f1 == 0.0


def test_gold_file_errors(tmp_path: Path):
    with pytest.raises(SourceError, match="no such gold file"):
        load_gold(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[link]]\nold = ['1']\n", encoding="utf-8")
    with pytest.raises(SourceError, match="has no 'new' key"):
        load_gold(bad)
    bad.write_text("not = [toml", encoding="utf-8")
    with pytest.raises(SourceError, match="not a valid TOML"):
        load_gold(bad)


@pytest.mark.parametrize("name", ["seoul-informatization", "kr-ai-framework-act"])
def test_gold_files_are_found_by_document_name(name: str):
    path = find_gold(name)
    assert path is not None and load_gold(path)


def test_korean_act_alignment_is_exact_with_change_kinds():
    path = find_gold("kr-ai-framework-act")
    assert path is not None
    links = load_gold(path)
    c = compare(load_document("kr-ai-framework-act"))
    assert evaluate(c, links)["engine"].f1 == 1.0
    right, total = label_accuracy(c.pairs, links)
    assert right == total == len(links)


def seoul_scores() -> dict[str, Score]:
    path = find_gold("seoul-informatization")
    assert path is not None
    return evaluate(compare(load_document("seoul-informatization")), load_gold(path))


def test_seoul_alignment_beats_both_baselines_by_far():
    scores = seoul_scores()
    assert scores["engine"].precision >= 0.85 and scores["engine"].recall >= 0.85
    assert scores["engine"].f1 > max(scores["same number"].f1, scores["best fuzzy"].f1) + 0.4


def test_seoul_alignment_f1_target():
    assert seoul_scores()["engine"].f1 >= 0.90
