"""Decisions applied to the Seoul ordinance's alignment (pairs read from `ordiff align seoul-informatization`:
old 16 "Promotion of Informatization by Field" and new 12 "Policy Promotion by Area" are both unpaired;
old 11 -> new 9 "Subcommittees"; old 7, 9, 12, 13 merge into new 8; old 5-2 is governed by addenda 5527)."""

from __future__ import annotations

from functools import cache

from corpus import load_document
from diffing import compare
from diffing.model import Comparison, Pair
from review.decisions import ReviewedComparison, apply_decisions
from tests.review_factory import decision


@cache
def seoul() -> Comparison:
    return compare(load_document("seoul-informatization"))


def pairs_with(r: ReviewedComparison, side: str, number: str) -> list[Pair]:
    return [p for p in r.comparison.pairs if number in (p.old if side == "old" else p.new)]


def test_without_decisions_every_pair_is_the_engines_and_unreviewed() -> None:
    r = apply_decisions(seoul(), [])
    assert r.comparison.pairs == seoul().pairs
    assert {(e.origin, e.review) for e in r.entries} == {("auto", "unreviewed")}
    assert r.progress == "0 of 45 pairs reviewed"


def test_a_link_pairs_old_16_with_new_12_and_recomputes_the_rows() -> None:
    r = apply_decisions(seoul(), [decision(verdict="link", old=("art_16",), new=("art_12",))])
    [pair] = pairs_with(r, "old", "16")
    assert (pair.old, pair.new) == (("16",), ("12",))
    assert pairs_with(r, "new", "12") == [pair]
    assert pair.change == "renumbered" and pair.modified
    assert pair.reason == "same subject: informatization by field"
    assert {row.old.article for row in pair.rows if row.old} == {"16"}
    assert {row.new.article for row in pair.rows if row.new} == {"12"}
    assert any(row.diff.changed for row in pair.rows)
    entry = r.entry(pair)
    assert entry is not None and (entry.origin, entry.review) == ("analyst", "linked")
    assert (entry.old_eids, entry.new_eids) == (("art_16",), ("art_12",))
    assert len(r.comparison.pairs) == 44  # two unpaired articles became one pair
    assert r.progress == "1 of 44 pairs reviewed"


def test_accepting_a_proposed_pair_keeps_the_engines_pair() -> None:
    auto = next(p for p in seoul().pairs if p.old == ("1",))
    r = apply_decisions(seoul(), [decision(verdict="accept", old=("art_1",), new=("art_1",))])
    entry = r.entry(auto)
    assert entry is not None and (entry.origin, entry.review) == ("auto", "accepted")
    assert r.comparison.pairs == seoul().pairs


def test_a_rejected_pair_is_forbidden_and_both_articles_stand_alone() -> None:
    r = apply_decisions(seoul(), [decision(verdict="reject", old=("art_11",), new=("art_9",))])
    assert not [p for p in r.comparison.pairs if "11" in p.old and "9" in p.new]
    [old11] = pairs_with(r, "old", "11")
    [new9] = pairs_with(r, "new", "9")
    assert (old11.change, new9.change) == ("deleted", "added")
    for p in (old11, new9):
        e = r.entry(p)
        assert e is not None and (e.origin, e.review) == ("analyst", "rejected")


def test_rejecting_one_article_of_a_merge_leaves_the_rest_merged() -> None:
    r = apply_decisions(seoul(), [decision(verdict="reject", old=("art_12",), new=("art_8",))])
    [merged] = [p for p in r.comparison.pairs if p.new == ("8",)]
    assert merged.old == ("7", "9", "13") and merged.change == "merged"
    assert not any(row.old and row.old.article == "12" for row in merged.rows)
    [alone] = pairs_with(r, "old", "12")
    assert alone.new == () and alone.change == "deleted"


def test_a_link_takes_its_articles_out_of_their_old_pairs() -> None:
    r = apply_decisions(seoul(), [decision(verdict="link", old=("art_11",), new=("art_12",))])
    [new9] = pairs_with(r, "new", "9")
    assert new9.old == () and new9.change == "added"
    e = r.entry(new9)
    assert e is not None and (e.origin, e.review) == ("auto", "unreviewed")


def test_addenda_follow_the_articles_of_a_new_pair() -> None:
    r = apply_decisions(seoul(), [decision(verdict="link", old=("art_5-2",), new=("art_12",))])
    [pair] = pairs_with(r, "old", "5-2")
    assert pair.new == ("12",)
    governing = {(a.version, a.block, a.article) for a in pair.addenda}
    assert governing >= {("old", "5527", "1"), ("old", "5527", "2")}


def test_unlink_withdraws_a_link_and_supersedes_replaces_a_decision() -> None:
    link = decision(verdict="link", old=("art_16",), new=("art_12",), minutes=1)
    r = apply_decisions(seoul(), [link, decision(verdict="unlink", old=("art_16",), new=("art_12",))])
    assert r.comparison.pairs == seoul().pairs and r.active == ()
    accept = decision(verdict="accept", old=("art_1",), new=("art_1",))
    reject = decision(verdict="reject", old=("art_11",), new=("art_9",), supersedes=accept.id)
    r = apply_decisions(seoul(), [accept, reject])
    assert [d.verdict for d in r.active] == ["reject"]


def test_a_decision_on_ids_that_are_gone_is_stale_listed_and_not_applied() -> None:
    gone = decision(verdict="link", old=("art_99",), new=("art_1",))
    r = apply_decisions(seoul(), [gone])
    assert r.comparison.pairs == seoul().pairs
    [stale] = r.stale
    assert stale.decision == gone and stale.missing == ("art_99",)
    assert stale.message.startswith("link 99>1 by lee (2026-12-01) no longer applies: art_99")
