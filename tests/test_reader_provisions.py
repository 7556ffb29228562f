"""Reader rules: paragraphs, subparagraphs, items, ranges and printed quirks; Article.text."""

from __future__ import annotations

from functools import cache

from corpus import load_document
from corpus.model import Article, Document, Provision, SourceText
from corpus.reader import read


def parse(text: str) -> Document:
    return read((SourceText(name="t.txt", text=text),), name="t")


@cache
def act() -> Document:
    return load_document("kr-ai-framework-act")


def labels(ps: tuple[Provision, ...]) -> list[str]:
    return [p.label for p in ps]


def new_article(number: str) -> Article:
    art = act().new.article(number)
    assert art is not None
    return art


def test_paragraph_subparagraph_item_tree() -> None:
    art = parse(
        "Article 2 (Definitions) (1) Terms:\n1. One;\n2. Two:\n(a) Alpha;\n(b) Beta;\n3. Three.\n(2) Other.\n"
    ).old.articles[0]
    first, second = art.paragraphs
    assert (first.kind, first.number, first.text) == ("paragraph", "1", "Terms:")
    assert labels(first.children) == ["1.", "2.", "3."]
    assert [(c.kind, c.number, c.text) for c in first.children[1].children] == [
        ("item", "a", "Alpha;"),
        ("item", "b", "Beta;"),
    ]
    assert second.text == "Other."
    assert art.text.splitlines() == [
        "(1) Terms:",
        "1. One;",
        "2. Two:",
        "(a) Alpha;",
        "(b) Beta;",
        "3. Three.",
        "(2) Other.",
    ]


def test_branch_subparagraphs_and_the_printed_typo_2_3_on_act_article_8() -> None:
    # new.txt Article 8 (1): 1., 2., 2-2., 2.3. (sic, between 2-2 and 3), 3., 4., 5., 5-2., 5-3.,
    # 6., 6-2., 7. ... 13.
    subs = new_article("8").paragraphs[0].children
    assert labels(subs)[:11] == ["1.", "2.", "2-2.", "2.3.", "3.", "4.", "5.", "5-2.", "5-3.", "6.", "6-2."]
    typo = subs[3]
    assert typo.kind == "subparagraph"
    assert typo.text.startswith("Matters regarding implementation monitoring")
    assert labels(subs)[-1] == "13."


def test_labels_without_a_space() -> None:
    # new.txt Article 2: '12."Training data" means ...'; Article 22-2 (10): '1.Where the Institute ...'
    twelve = new_article("2").paragraphs[-1]
    assert (twelve.label, twelve.number) == ("12.", "12")
    assert twelve.text.startswith('"Training data" means')
    where = new_article("22-2").paragraphs[9].children[0]
    assert (where.label, where.text[:9]) == ("1.", "Where the")


def test_letter_items_with_dot_and_in_parentheses() -> None:
    # old.txt Article 2 subparagraph 4 lists (a)..(k); new.txt prints a. .. k.
    old_items = act().old.article("2").paragraphs[3].children  # type: ignore[union-attr]
    new_items = new_article("2").paragraphs[3].children
    letters = list("abcdefghijk")
    assert [i.number for i in old_items] == letters
    assert [i.number for i in new_items] == letters
    assert old_items[0].label == "(a)" and new_items[0].label == "a."
    assert {i.kind for i in old_items + new_items} == {"item"}


def test_first_paragraph_without_label_is_lead() -> None:
    # old.txt Article 41 prints no (1) before its first paragraph but has (2)
    art = act().old.article("41")
    assert art is not None
    assert art.lead.startswith("A member of the Committee who is not a public official")
    assert labels(art.paragraphs) == ["(2)"]


def test_continuation_lines_join_the_open_provision() -> None:
    art = parse("Article 1 (A)\n(1) First line\ncontinues here.\n(2) Second.\n").old.articles[0]
    assert [p.text for p in art.paragraphs] == ["First line continues here.", "Second."]


def test_range_labels() -> None:
    art = parse("Article 1 (A) Lead:\n1. and 2. Omitted.\n3. Three.\n").old.articles[0]
    rng = art.paragraphs[0]
    assert (rng.label, rng.number, rng.text, rng.deleted) == ("1. and 2.", "1-2", "Omitted.", False)


def test_a_single_paragraph_on_the_heading_line_keeps_korean_style() -> None:
    # "(1)" printed on the heading line only: the numbered lines below are its subparagraphs
    art = parse("Article 3 (T) (1) The Mayor shall:\n1. first;\n2. second.\n").old.articles[0]
    (first,) = art.paragraphs
    assert (first.kind, first.label) == ("paragraph", "(1)")
    assert [(c.kind, c.number) for c in first.children] == [("subparagraph", "1"), ("subparagraph", "2")]


def test_eu_sub_points_nest_under_the_open_point() -> None:
    art = parse(
        "Article 5\nProhibited practices\n1. The following are prohibited:\n"
        "(a) placing on the market;\n(b) the use of systems that:\n"
        "(i) exploit age;\n(ii) exploit disability;\n"
        "(c) social scoring.\n2. Other.\n"
    ).old.articles[0]
    first = art.paragraphs[0]
    assert [c.number for c in first.children] == ["a", "b", "c"]
    assert [(c.kind, c.number) for c in first.children[1].children] == [("item", "i"), ("item", "ii")]
    assert art.paragraphs[1].text == "Other."


def test_letter_i_after_h_is_a_point_not_a_sub_point() -> None:
    letters = "abcdefghij"
    text = "Article 2 (Definitions) Terms:\n4. Areas:\n" + "".join(f"({c}) area {c};\n" for c in letters)
    sub = parse(text).old.articles[0].paragraphs[0]
    assert [c.number for c in sub.children] == list(letters)
