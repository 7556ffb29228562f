"""Systematic substitutions and the ``terminology`` change type (analysis.substitutions, .changetypes)."""

from __future__ import annotations

import functools

import analysis
from corpus import load_document
from diffing import compare
from tests.analysis_texts import BOARD_NEW, BOARD_OLD, comparison_of


@functools.cache
def bundled(name: str) -> analysis.Analysis:
    return analysis.analyse(compare(load_document(name)))


def by_old(result: analysis.Analysis) -> dict[str, analysis.Substitution]:
    return {s.old: s for s in result.substitutions}


def test_board_renamed_with_count_places_and_survivor(tmp_path):
    result = analysis.analyse(comparison_of(tmp_path, BOARD_OLD, BOARD_NEW))
    subs = by_old(result)
    full = subs["Testing Board"]
    assert (full.new, full.count, full.where) == ("Evaluation Council", 3, ("1>1", "2>2"))
    assert full.survivors == ("3",)  # Article 3 still says "The Testing Board"
    short = subs["Board"]
    assert (short.new, short.count) == ("Council", 2)  # the title and the defined short name
    assert full.to_dict()["survivors"] == [{"article": "3", "side": "new"}]


def test_article_changed_only_by_the_rename_is_flagged_terminology(tmp_path):
    result = analysis.analyse(comparison_of(tmp_path, BOARD_OLD, BOARD_NEW))
    assert result.types["1>1"].types == ("terminology",) and result.types["1>1"].terminology
    assert result.types["2>2"].terminology
    assert not result.types["3>3"].terminology and result.types["3>3"].types == ()


def test_one_off_wording_changes_are_not_substitutions(tmp_path):
    old = BOARD_OLD.replace("shall be fined", "shall be punished")
    result = analysis.analyse(comparison_of(tmp_path, old, BOARD_NEW))
    assert "punished" not in by_old(result)
    assert result.types["6>6"].types == ("substitution",)


def test_seoul_committee_renamed_once_through_its_definition():
    # old Article 5 (2): "the Informatization Strategy Committee of the Seoul Metropolitan Government
    # (hereinafter referred to as the "Committee")"; new Article 7 (1): "a Smart City Committee of the Seoul
    # Metropolitan Government (hereinafter referred to as the "Committee")" -- once in each body.
    sub = by_old(bundled("seoul-informatization"))["Informatization Strategy Committee"]
    assert (sub.new, sub.count) == ("Smart City Committee", 1)
    assert set(sub.where) == {"5>5", "7+8>7"}
    assert sub.survivors == ()  # the old name is left only in the addenda (transitional rules)


def test_act_council_rename_and_its_survivors():
    subs = by_old(bundled("kr-ai-framework-act"))
    name = subs["National Artificial Intelligence Committee"]
    # old Article 6 (1), the title of Article 7 and Article 7 (1)
    assert (name.new, name.count) == ("Presidential Council on National Artificial Intelligence Strategy", 3)
    short = subs["Committee"]
    assert short.new == "Council"
    # Article 7 (4)-(14), Articles 8 (2), 9, 10 and 41 of the new text still say "the Committee"
    assert {"7", "8", "9", "10", "41"} <= set(short.survivors)


def test_hiding_known_substitutions_leaves_only_the_other_changes(tmp_path):
    comparison = comparison_of(tmp_path, BOARD_OLD.replace("10 members", "12 members"), BOARD_NEW)
    result = analysis.analyse(comparison)
    pair = next(p for p in comparison.pairs if p.key == "2>2")
    first, second = pair.rows[0].diff, pair.rows[1].diff
    assert not analysis.hide_substitutions(first, result.substitutions).changed  # only the rename
    rest = [
        (s.old.strip(), s.new.strip())
        for s in analysis.hide_substitutions(second, result.substitutions).segments()
    ]
    assert [s for s in rest if s[0] != s[1] and "Council" not in s[1]] == [("12", "10")]
    hidden = analysis.hide_substitutions(second, result.substitutions)
    assert hidden.old_text == second.old_text and hidden.new_text == second.new_text
