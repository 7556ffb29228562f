"""Issue 11: deleted pairs stand where they stood in the old text; Contents opens a pair without a reload.

Expectations are read off the bundled Seoul ordinance: the 2018 text numbers its articles 1, 2, 3, 4, 5,
5-2, 6, 7, ... 27, 28, 28-2, 29, ... 42 in that order; the 2019 text deletes 5-2, 10, 15 to 24, 28, 30,
32, 33 and 38 to 42, and moves old 27 up to new 10 and old 31 down to new 24 (so a deleted article's old
neighbours can sit far apart in the new text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diffing.model import Comparison
from tests import factory
from tests.app_factory import open_app as run
from viewer.index import build_index, contents, reading_order

# the old text's deleted articles, in the order the 2018 text prints them
SEOUL_DELETED = ["5-2", "10", *map(str, range(15, 25)), "28", "30", "32", "33", *map(str, range(38, 43))]


@pytest.fixture(autouse=True)
def review_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    monkeypatch.setenv("ORDIFF_DB", url)
    return url


def seoul() -> Comparison:
    import ordiff

    return ordiff.compare(ordiff.load("seoul-informatization"))


# ---------------------------------------------------------------- the one reading order


def test_a_deletion_in_the_middle_stands_between_its_old_neighbours() -> None:
    """Old 1 2 3 4; new 1 = old 4 (moved up), new 2 = old 1, new 3 = old 3; old 2 deleted.  The engine
    hands the pairs in new-text order with the deletion last; the viewer lists old 2 after old 1's pair."""
    olds = [factory.article(n, f"Title {n}", f"Text of old {n}.") for n in "1234"]
    news = [factory.article(n, f"Title {n}", f"Text of new {n}.") for n in "123"]
    o, n = {a.number: a for a in olds}, {a.number: a for a in news}
    pairs = [
        factory.pair([o["4"]], [n["1"]], "moved", 0.9),
        factory.pair([o["1"]], [n["2"]], "renumbered", 0.9),
        factory.pair([o["3"]], [n["3"]], "modified", 0.9),
        factory.pair([o["2"]], [], "deleted", 0.0),
    ]
    c = factory.comparison(factory.document(olds, news), pairs)
    assert [p.key for p in reading_order(c)] == ["4>1", "1>2", "2>-", "3>3"]
    assert build_index(c).keys == ("4>1", "1>2", "2>-", "3>3")


def test_deleted_articles_at_the_start_come_first_and_an_undeleted_text_keeps_its_order() -> None:
    olds = [factory.article(n, f"Title {n}", f"Old {n}.") for n in "12"]
    news = [factory.article("1", "Title 2", "New 1.")]
    pairs = [
        factory.pair([olds[1]], [news[0]], "renumbered", 0.9),
        factory.pair([olds[0]], [], "deleted", 0.0),
    ]
    c = factory.comparison(factory.document(olds, news), pairs)
    assert [p.key for p in reading_order(c)] == ["1>-", "2>1"]
    kept = factory.comparison(factory.document(olds, news), pairs[:1])
    assert reading_order(kept) == kept.pairs


def test_seoul_deleted_pairs_read_in_old_text_order() -> None:
    c = seoul()
    order = [p.key for p in reading_order(c)]
    assert sorted(order) == sorted(p.key for p in c.pairs)  # every pair once
    deleted = [k.removesuffix(">-") for k in order if k.endswith(">-")]
    assert deleted == SEOUL_DELETED
    # old 28 stood between old 27 and old 28-2: it follows 27's pair and precedes 28-2's
    assert order.index("27>10") < order.index("28>-") < order.index("28-2>17")
    assert order.index("31>24") < order.index("32>-")  # after old 31, wherever 31 went
    # the pairs that hold a new article keep the new text's order
    news = [k for k in order if not k.endswith(">-")]
    assert news == [p.key for p in c.pairs if p.new]


def test_the_table_picker_and_next_change_follow_the_old_order_of_deletions() -> None:
    at = run(doc="seoul-informatization", kinds="deleted")
    index = at.session_state["_index"]
    shown = [index.keys[i] for i in at.session_state["_shown"]]  # the table's rows and the picker's options
    assert [k.removesuffix(">-") for k in shown] == SEOUL_DELETED
    table = at.dataframe[0].value
    assert list(table["Old"]) == SEOUL_DELETED
    assert at.selectbox(key="pair").value == "5-2>-"
    at.selectbox(key="pair").set_value("24>-").run()
    at.button(key="next").click().run()
    assert at.session_state["pair"] == "28>-"  # old 28 follows old 24 (old 25 to 27 were kept)
    at.button(key="next").click().run()
    assert at.session_state["pair"] == "30>-"


# ---------------------------------------------------------------- Contents without a page reload


def test_contents_lists_each_article_with_every_pair_it_is_in() -> None:
    c = seoul()
    old = {e.article.number: e for ch in contents(c, "old", reading_order(c)) for e in ch.entries}
    assert [(link.key, link.text) for link in old["7"].links] == [
        ("7+8>7", "→ new 7 · merged"),
        ("7+9+12+13>8", "→ new 8 · merged"),
    ]
    assert [link.text for link in old["28"].links] == ["→ no new article · deleted"]


def test_a_contents_click_opens_the_pair_in_the_same_session_and_keeps_the_filters() -> None:
    at = run(doc="seoul-informatization", view="contents", q="committee", kinds="merged")
    assert at.button(key="toc_old_art_7").label == r"Article 7 \(Committee\) → new 7 · merged"
    assert at.button(key="toc_old_art_7_7+9+12+13>8").label == "→ new 8 · merged"
    at.button(key="toc_old_art_7_7+9+12+13>8").click().run()
    assert not at.exception
    assert at.radio(key="view").value == "compare"
    assert at.session_state["pair"] == "7+9+12+13>8"
    assert at.text_input(key="q").value == "committee" and at.multiselect(key="kinds").value == ["merged"]
    assert at.query_params["pair"] == "7+9+12+13>8" and at.query_params["q"] == "committee"
    assert "view" not in at.query_params  # the compare view is the default one


def test_a_contents_click_on_a_pair_the_filters_hide_clears_them_and_says_so() -> None:
    at = run(doc="seoul-informatization", view="contents", kinds="merged")
    at.button(key="toc_new_art_20").click().run()  # new 20 (Closing Digital Divide) came from old 34: moved
    assert at.session_state["pair"] == "34>20" and at.radio(key="view").value == "compare"
    assert at.multiselect(key="kinds").value == []
    assert any("hid pair 34" in i.value and "cleared" in i.value for i in at.info)
    assert "kinds" not in at.query_params and at.query_params["pair"] == "34>20"
