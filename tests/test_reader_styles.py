"""Every common style of legal text: each heading of the texts under tests/texts/ becomes an article, numbered
and labelled as printed (gold in tests/gold/styles/, written by reading the texts), and each heading rule,
division form, provision level and Korean marker has its own test."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from corpus import load_document
from corpus.lexer import HEADING_RULES, Line, article_key, lex, split_lines
from corpus.model import Document, SourceText, labelled_heading
from corpus.reader import read

TEXTS = Path(__file__).parent / "texts"
GOLD = Path(__file__).parent / "gold" / "styles"
STYLES = sorted(p.stem for p in GOLD.glob("*.toml"))


@cache
def gold(style: str) -> dict[str, dict[str, object]]:
    return tomllib.loads((GOLD / f"{style}.toml").read_text(encoding="utf-8"))


@cache
def parsed(style: str) -> Document:
    files = [str(TEXTS / style / part["file"]) for part in gold(style).values()]  # type: ignore[index]
    return load_document(files[0], files[1] if len(files) > 1 else None)


def parse(text: str) -> Document:
    return read((SourceText(name="t.txt", text=text),), name="t")


def test_every_style_has_a_text_and_a_gold() -> None:
    assert {p.name for p in TEXTS.iterdir() if p.is_dir()} == set(STYLES)


@pytest.mark.parametrize("style", STYLES)
def test_every_heading_becomes_an_article_labelled_as_printed(style: str) -> None:
    doc = parsed(style)
    for version, part in zip(doc.versions, gold(style).values(), strict=False):
        got = [[a.label, a.number, a.title] for a in version.articles]
        assert got == part["articles"]


@pytest.mark.parametrize("style", STYLES)
def test_divisions_and_preamble(style: str) -> None:
    doc = parsed(style)
    for version, part in zip(doc.versions, gold(style).values(), strict=False):
        assert [[d.kind, d.number, d.title] for d in version.divisions] == part["divisions"]
        if "preamble" in part:
            assert version.preamble is not None
            assert version.preamble.heading == part["preamble"]
            assert version.preamble.text


@pytest.mark.parametrize("style", STYLES)
def test_no_line_silently_absorbed(style: str) -> None:
    """No heading-like warning, no unparsed text: every line of every style text was placed."""
    doc = parsed(style)
    codes = {w.code for w in doc.warnings} - {"one-version", "numbering-gap"}
    assert codes == set(), [w.message for w in doc.warnings]
    assert not [p for p in doc.pieces if p.kind == "unparsed"]


# ---------------------------------------------------------------- one test per heading rule


def rules_taken(text: str) -> list[str]:
    return [u.head.rule for u in lex(split_lines(text, 0)).articles]


def test_rule_table_is_ordered_and_named() -> None:
    assert [r.name for r in HEADING_RULES] == ["titled", "bare", "range", "ko-body", "run-in-title"]
    assert all(r.doc for r in HEADING_RULES)
    assert [r.name for r in HEADING_RULES if r.loose] == ["ko-body", "run-in-title"]


def test_rule_titled() -> None:
    assert rules_taken("Article 7 (Committee) Text.\n제8조(위원회) 본문.\n") == ["titled", "titled"]


def test_rule_bare_title_on_next_line_or_none() -> None:
    doc = parse("Article 7\nCommittee\n1. Text.\nArticle 8\nThe Mayor shall act.\n")
    assert [(a.number, a.title) for a in doc.old.articles] == [("7", "Committee"), ("8", "")]
    assert rules_taken("Article 7\nCommittee\n") == ["bare"]


def test_rule_range() -> None:
    doc = parse("Article 1 (A) x.\nArticles 2 through 4 Deleted.\n제5조부터 제6조까지 삭제\n")
    assert [(a.number, a.label) for a in doc.old.articles] == [
        ("1", "Article 1"),
        ("2", "Article 2"),
        ("3", "Article 3"),
        ("4", "Article 4"),
        ("5", "제5조"),
        ("6", "제6조"),
    ]


def test_rule_ko_body_first_paragraph_on_the_heading_line() -> None:
    doc = parse("제1조 ①대한민국은 민주공화국이다.\n②주권은 국민에게 있다.\n제2조 영토는 한반도로 한다.\n")
    art1, art2 = doc.old.articles
    assert [p.label for p in art1.paragraphs] == ["①", "②"]
    assert (art2.label, art2.title, art2.lead) == ("제2조", "", "영토는 한반도로 한다.")


def test_rule_run_in_title_when_the_next_line_starts_the_body() -> None:
    doc = parse("Article 7 Committee\n(1) The Committee is set up.\n§ 8 Ausschuss\nText.\n")
    assert [(a.label, a.title) for a in doc.old.articles] == [
        ("Article 7", "Committee"),
        ("§ 8", "Ausschuss"),
    ]


def test_every_western_heading_word() -> None:
    text = "\n".join(
        [
            "Article 1 (A)",
            "ARTICLE 2 (B)",
            "Art. 3 (C)",
            "ART. 4 (D)",
            "§ 5 (E)",
            "§6 (F)",
            "Section 7. (G)",
            "Sec. 8. (H)",
            "SEC. 9. (I)",
        ]
    )
    doc = parse(text)
    assert [a.label for a in doc.old.articles] == [
        "Article 1",
        "ARTICLE 2",
        "Art. 3",
        "ART. 4",
        "§ 5",
        "§6",
        "Section 7",
        "Sec. 8",
        "SEC. 9",
    ]


@pytest.mark.parametrize(
    ("printed", "number", "label"),
    [
        ("Article 5-2", "5-2", "Article 5-2"),
        ("Article 24a", "24a", "Article 24a"),
        ("Article 24 bis", "24bis", "Article 24 bis"),
        ("Article 24 ter", "24ter", "Article 24 ter"),
        ("Article 24 quater", "24quater", "Article 24 quater"),
        ("Article 24 quinquies", "24quinquies", "Article 24 quinquies"),
        ("Article 5bis", "5bis", "Article 5bis"),
        ("Article premier", "1", "Article premier"),
        ("Article 1er", "1", "Article 1er"),
        ("제5조의2", "5-2", "제5조의2"),
    ],
)
def test_numbers_canonical_and_as_printed(printed: str, number: str, label: str) -> None:
    (art,) = parse(f"{printed} (Title)\nText.\n").old.articles
    assert (art.number, art.label) == (number, label)


def test_latin_multiplicatives_order_between_their_neighbours() -> None:
    keys = [article_key(n) for n in ["24", "24bis", "24ter", "24quater", "24quinquies", "24decies", "25"]]
    assert keys == sorted(keys)
    assert article_key("24bis") == (24, 2)


def test_section_without_dot_is_a_division_not_an_article() -> None:
    doc = parse("SECTION 2 General\nArticle 5 (A) Text.\n")
    assert [d.kind for d in doc.old.divisions] == ["section"]
    assert [a.number for a in doc.old.articles] == ["5"]


# ---------------------------------------------------------------- nothing silently absorbed


def warnings_of(text: str, code: str) -> list[str]:
    return [w.message for w in parse(text).warnings if w.code == code]


def test_out_of_sequence_loose_heading_is_warned_and_kept_as_text() -> None:
    text = "제1조 국민은 평등하다.\n제9조 국가는 노력한다.\n제2조 영토는 한반도로 한다.\n"
    doc = parse(text)
    assert [a.number for a in doc.old.articles] == ["1", "2"]
    assert doc.old.articles[0].lead == "국민은 평등하다. 제9조 국가는 노력한다."
    (message,) = warnings_of(text, "heading-not-taken")
    assert "제9조 does not continue the numbering" in message and "국가는 노력한다" in message


def test_unknown_heading_form_is_warned() -> None:
    text = "Article 1 (A) Text.\nArticle V (Roman)\nClause 3 (Fees)\n"
    messages = warnings_of(text, "heading-not-taken")
    assert len(messages) == 2
    assert "'Article V (Roman)'" in messages[0] and "'Clause 3 (Fees)'" in messages[1]


def test_references_at_a_line_start_are_not_warned() -> None:
    text = "Article 4 (Scope) Text.\nArticle 7 (7) shall apply as well.\nArticle 5 of the Act applies."
    assert warnings_of(text, "heading-not-taken") == []


def test_a_division_opens_an_excerpt_that_skips_articles() -> None:
    doc = parse("제1조 ①국민은 평등하다.\n제4장 정부\n제66조 ①대통령은 국가의 원수이다.\n")
    assert [a.number for a in doc.old.articles] == ["1", "66"]


# ---------------------------------------------------------------- divisions and provisions


def test_french_german_and_korean_divisions() -> None:
    doc = parse(
        "TITRE PREMIER\nDISPOSITIONS\nCHAPITRE II\nAVIATION\nSous-section 1 Champ\nArticle 1 (A) x.\n"
        "Teil 2 Bestimmungen\nAbschnitt 1 Allgemeines\nArticle 2 (B) y.\n"
        "제1편 총칙\n제1장 통칙\n제1절 목적\n제1관 국무총리와 국무위원\n제3조(C) z.\n"
    )
    assert [(d.kind, d.number) for d in doc.old.divisions] == [
        ("title", "1"),
        ("chapter", "II"),
        ("subsection", "1"),
        ("part", "2"),
        ("section", "1"),
        ("part", "1"),
        ("chapter", "1"),
        ("section", "1"),
        ("subsection", "1"),
    ]
    assert doc.old.divisions[-1].title == "국무총리와 국무위원"


def test_korean_provision_levels() -> None:
    doc = parse(
        "제2조(정의) ① 용어는 다음과 같다.\n1. 정보\n가. 성명\n1) 입수 가능성\n가) 시간\n나) 비용\n2) 결합\n"
    )
    (para,) = doc.old.articles[0].paragraphs
    (sub,) = para.children
    (item,) = sub.children
    assert [(p.kind, p.label) for p in (para, sub, item)] == [
        ("paragraph", "①"),
        ("subparagraph", "1."),
        ("item", "가."),
    ]
    assert [(c.kind, c.label) for c in item.children] == [("subitem", "1)"), ("subitem", "2)")]
    assert [(c.kind, c.label) for c in item.children[0].children] == [
        ("subsubitem", "가)"),
        ("subsubitem", "나)"),
    ]


def test_french_points_a_parenthesis() -> None:
    doc = parse(
        "Article 3\nDéfinitions\nAux fins de la présente directive, on entend par:\na) «quota», le quota;\n"
    )
    (point,) = doc.old.articles[0].paragraphs
    assert (point.kind, point.label, point.number) == ("item", "a)", "a")


# ---------------------------------------------------------------- Korean markers and addenda


def test_korean_markers_become_note_records() -> None:
    doc = parsed("ko-statute")
    notes = {
        a.number: [(e.action, e.date, n.scope) for n in a.all_notes() for e in n.events]
        for a in doc.new.articles
    }
    assert notes["2"][-1] == ("inserted", "2023-03-14", "subparagraph")
    assert notes["4"] == [("deleted", "2014-03-24", "article")]
    assert notes["6-2"] == [("inserted", "2023-03-14", "article"), ("enforcement", "2023-09-15", "article")]
    assert notes["7"] == [
        ("wholly_amended", "2020-02-04", "article"),
        ("title_amended", "2023-03-14", "title"),
    ]


def test_move_markers_recorded_on_the_article() -> None:
    doc = parsed("ko-statute")
    assert [(a.number, a.moved_from) for a in doc.new.articles if a.moved_from] == [("5", "6"), ("6", "5")]
    english = parse("Article 1 (A) x.\nArticle 2 (B) y.\n[Moved from Article 5 <Mar. 1, 2020>]\n")
    assert english.old.articles[1].moved_from == "5"


def test_constitution_addenda_with_untitled_articles() -> None:
    doc = parsed("ko-constitution")
    (block,) = doc.new.addenda
    assert (block.heading, block.number, block.date) == ("부칙 <제10호,1987.10.29>", "10", "1987-10-29")
    assert [a.number for a in block.articles] == ["1", "2"]
    assert doc.new.instrument == "Constitution"


def test_labelled_heading_in_the_documents_style() -> None:
    assert labelled_heading("제5조의2", "정보화계획의 반영") == "제5조의2(정보화계획의 반영)"
    assert labelled_heading("Article 24 bis", "Scope") == "Article 24 bis (Scope)"
    assert labelled_heading("제3조", "") == "제3조"


def test_line_helper_still_builds() -> None:
    assert Line(0, 0, "x").end == 1


def test_preamble_printed_without_its_heading() -> None:
    doc = parse(
        "대한민국헌법\n유구한 역사와 전통에 빛나는 우리 대한국민은 3·1운동으로 건립된 "
        "대한민국임시정부의 법통을 계승하고, 국민투표에 의하여 개정한다.\n"
        "제1장 총강\n제1조 ①대한민국은 민주공화국이다.\n"
    )
    assert doc.old.preamble is not None
    assert doc.old.preamble.heading == ""
    assert doc.old.preamble.text.startswith("유구한 역사와")
    assert not [w for w in doc.warnings if w.code == "unparsed-line"]


def test_article_unique_and_italian_bis() -> None:
    (only,) = parse("LOI\nArticle unique\nLe texte entre en vigueur.\n").old.articles
    assert (only.number, only.label) == ("1", "Article unique")
    doc = parse("Legge\nArt. 1\nTesto.\nArt. 1-bis\nAltro testo.\nArt. 2\nFine.\n")
    got = [(a.number, a.label) for a in doc.old.articles]
    assert got == [("1", "Art. 1"), ("1bis", "Art. 1-bis"), ("2", "Art. 2")]


def test_styled_headings_of_articles_and_addenda_articles() -> None:
    statute = parsed("ko-statute")
    assert statute.new.articles[6].styled_heading == "제6조의2(개인정보 보호의 날)"
    assert statute.new.addenda[0].articles[0].styled_heading == "제1조(시행일)"
    recast = parsed("fr-eu-recast")
    assert recast.old.articles[3].styled_heading == "Article 3 bis (Champ d'application)"
    english = parse("Article 1 (A) x.\nADDENDA\nArticle 1 (Enforcement Date) Now.\n")
    assert english.old.addenda[0].articles[0].styled_heading == "Article 1 (Enforcement Date)"


def test_provision_move_marker_is_a_note_on_the_provision() -> None:
    doc = parse("건축법\n제2조(정의) ① 용어는 다음과 같다.\n② 둘째 항이다. [제3항에서 이동 <2014. 5. 28.>]\n")
    art = doc.old.articles[0]
    (note,) = art.all_notes()
    assert (note.scope, note.target, note.events[0].action, note.events[0].date) == (
        "paragraph",
        "②",
        "moved",
        "2014-05-28",
    )
    assert art.moved_from is None and "이동" not in art.text


def test_addenda_header_with_the_amending_act_named_after_it() -> None:
    doc = parse(
        "건축법\n제1조(목적) 이 법은 목적으로 한다.\n"
        "부칙 <법률 제5454호,1997.12.13> (정부부처명칭등의변경에따른건축법등의정비에관한법률)\n"
        "제1조(시행일) 이 법은 1998년 1월 1일부터 시행한다.\n"
    )
    (block,) = doc.old.addenda
    assert (block.number, block.date, [a.label for a in block.articles]) == ("5454", "1997-12-13", ["제1조"])


def test_run_in_title_after_a_dash_or_colon() -> None:
    doc = parse("BYLAWS\nARTICLE 1 - NAME\nThe name is X.\nARTICLE 2: PURPOSES\nThe purposes are Y.\n")
    got = [(a.label, a.title) for a in doc.old.articles]
    assert got == [("ARTICLE 1", "NAME"), ("ARTICLE 2", "PURPOSES")]


def test_french_sub_points_nest_under_their_point() -> None:
    doc = parse(
        "Article 3\nDéfinitions\nOn entend par:\na) «quota», le quota:\ni) premier cas;\nii) second cas;\n"
        "b) «émissions», le rejet;\n"
    )
    points = doc.old.articles[0].paragraphs
    assert [p.label for p in points] == ["a)", "b)"]
    assert [c.label for c in points[0].children] == ["i)", "ii)"]
