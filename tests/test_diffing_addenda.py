"""Addenda references and links (``diffing.addenda``), phrases taken from the bundled addenda."""

from __future__ import annotations

from diffing import compare
from diffing.addenda import references
from tests.factory import addenda, article, document


def numbers(text: str, home: str = "new") -> list[tuple[str, str]]:
    return [(side, number) for side, number, _ in references(text, home)]  # type: ignore[arg-type]


def test_amended_provisions_in_own_block_point_to_the_new_version():
    text = "The amended provisions of Article 7 (4) shall also apply to members already appointed."
    assert numbers(text) == [("new", "7")]


def test_previous_ordinance_points_to_the_old_version():
    text = (
        "The Committee organized under Article 7 of the previous Seoul Metropolitan Government Framework "
        "Ordinance on Informatization shall be deemed the Smart City Committee under the amended provisions "
        "of Article 7."
    )
    assert numbers(text) == [("old", "7"), ("new", "7")]


def test_old_block_resolves_to_the_old_version():
    text = "Provided, That the amended provisions of Article 5-2 shall enter into force on November 23, 2013."
    assert numbers(text, "old") == [("old", "5-2")]


def test_list_of_references_in_the_act_addendum():
    text = (
        "provided, the amended provisions of Article 3(5), Article 6(2)7 and 8, Article 16(3) through (5) "
        "(limited to the portion regarding the amended provisions of subparagraph 2-2 of Article 2), "
        "Article 17-2, Article 18, Article 22-3, and the latter part of Article 35(1) shall enter into force"
    )
    assert [n for _, n in numbers(text)] == ["3", "6", "16", "2", "17-2", "18", "22-3", "35"]


def test_other_instruments_and_the_addenda_themselves_are_not_references():
    text = (
        "among the statutes to be amended under Article 7 of the Addenda, and master plans under Article 6 "
        "of the Framework Act on National Informatization; Articles 2 through 6 Omitted."
    )
    assert numbers(text) == []


def test_pairs_carry_links_of_both_versions():
    old = [
        article("5", "Plans", "The Mayor shall formulate a master plan every five years for informatization.")
    ]
    new = [
        article("5", "Plans", "The Mayor shall formulate a master plan every five years for the smart city.")
    ]
    doc = document(
        old,
        new,
        old_addenda=(
            addenda("5527", [("1", "Enforcement Date", "The amended provisions of Article 5 apply.")]),
        ),
        new_addenda=(addenda(None, [("2", "Applicability", "The amended provisions of Article 5 apply.")]),),
    )
    c = compare(doc)
    (pair,) = c.pairs
    assert [(a.version, a.block, a.article) for a in pair.addenda] == [
        ("old", "5527", "1"),
        ("new", None, "2"),
    ]
    found = c.addenda_article(pair.addenda[0])
    assert found is not None and found[1] is not None and found[1].number == "1"


def test_a_reference_reaches_every_pair_of_its_number_once_each():
    """A number printed twice (a numbering duplicate) reaches both articles' pairs; a phrase repeated
    in one addenda article is one link; a pair whose articles no addenda names gets none."""
    old = [
        article("5", "Plans", "The Mayor shall draw up a master plan every five years for informatization."),
        article("5", "Budget", "The Mayor may subsidize projects of districts within the budget each year."),
        article("6", "Data", "Public data of the City shall be released in open formats free of charge."),
    ]
    new = [
        article("5", "Plans", "The Mayor shall formulate a master plan every five years for the smart city."),
        article("6", "Budget", "The Mayor may subsidize projects of districts within the budget each year."),
        article("7", "Data", "Public data of the City shall be released in open formats free of charge."),
    ]
    phrase = "The amended provisions of Article 5 apply. The amended provisions of Article 5 apply."
    doc = document(old, new, old_addenda=(addenda("5527", [("1", "Enforcement Date", phrase)]),))
    c = compare(doc)
    by_key = {p.key: p for p in c.pairs}
    assert set(by_key) == {"5>5", "5>6", "6>7"}
    for key in ("5>5", "5>6"):
        assert [(a.version, a.block, a.article) for a in by_key[key].addenda] == [("old", "5527", "1")]
    assert by_key["6>7"].addenda == ()
