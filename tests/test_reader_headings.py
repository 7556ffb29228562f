"""Reader rules: article headings vs references, divisions, EU-style headings, status."""

from __future__ import annotations

from corpus.model import Document, SourceText
from corpus.reader import read


def parse(*texts: str) -> Document:
    return read(tuple(SourceText(name=f"t{i}.txt", text=t) for i, t in enumerate(texts)), name="t")


def numbers_and_titles(doc: Document) -> list[tuple[str, str]]:
    return [(a.number, a.title) for a in doc.old.articles]


def test_heading_at_line_start_and_references_inside_text() -> None:
    doc = parse(
        "Article 1 (Purpose) The purpose is stated.\n"
        "Article 2 (Committee) (1) Article 7 (7) shall apply to meetings.\n"
        "(2) Article 11 (2) of the Framework Act applies under Article 28 (2):\n"
        "Article 2(1)1 applies to this case as well.\n"
        "Article 3 (Fees) Fees are as in Table 1.\n"
    )
    assert numbers_and_titles(doc) == [("1", "Purpose"), ("2", "Committee"), ("3", "Fees")]
    art2 = doc.old.articles[1]
    # the line starting with a reference is a continuation of paragraph (2), not a heading
    assert art2.paragraphs[1].text.endswith("Article 2(1)1 applies to this case as well.")


def test_reference_at_line_start_is_not_a_heading() -> None:
    doc = parse(
        "Article 4 (Scope) Text.\nArticle 7 (7) shall apply mutatis mutandis.\nArticle 5 (Next) More.\n"
    )
    assert [a.number for a in doc.old.articles] == ["4", "5"]
    assert doc.old.articles[0].lead == "Text. Article 7 (7) shall apply mutatis mutandis."


def test_title_with_parentheses_and_commas() -> None:
    doc = parse("Article 9 (Fees (Charges), Exemptions, etc.) (1) Fees apply.\n")
    art = doc.old.articles[0]
    assert (art.number, art.title) == ("9", "Fees (Charges), Exemptions, etc.")
    assert art.paragraphs[0].label == "(1)"


def test_numbers_with_branch_and_letter_suffix() -> None:
    doc = parse("Article 5 (A) One.\nArticle 5-2 (B) Two.\nArticle 24a (C) Three.\n")
    assert [a.number for a in doc.old.articles] == ["5", "5-2", "24a"]


def test_division_on_the_same_line_as_the_heading() -> None:
    doc = parse(
        "CHAPTER Ⅱ FORMULATION ANDPROMOTION SYSTEM Article 5 (Formulation of Plans) (1) The Mayor shall.\n"
        "SECTION 1 General Article 6 (Other) Text.\n"
    )
    art5, art6 = doc.old.articles
    assert art5.title == "Formulation of Plans"
    assert art5.chapter == "CHAPTER Ⅱ FORMULATION ANDPROMOTION SYSTEM"
    assert art6.chapter == "CHAPTER Ⅱ FORMULATION ANDPROMOTION SYSTEM"
    assert art6.section == "SECTION 1 General"
    chapter, section = doc.old.divisions
    assert (chapter.kind, chapter.number, chapter.ordinal) == ("chapter", "Ⅱ", 2)
    assert (section.kind, section.ordinal, section.title) == ("section", 1, "General")


def test_division_numerals() -> None:
    doc = parse("CHAPTER IV X\nArticle 1 (A) a.\nCHAPTER Ⅻ Y\nArticle 2 (B) b.\nPART 3 Z\nArticle 3 (C) c.\n")
    assert [(d.number, d.ordinal) for d in doc.old.divisions] == [("IV", 4), ("Ⅻ", 12), ("3", 3)]


def test_chapter_reference_in_text_is_not_a_division() -> None:
    doc = parse("Article 1 (A) Lead:\nChapter 3 of the Act shall apply.\n")
    assert doc.old.divisions == ()
    assert doc.old.articles[0].lead == "Lead: Chapter 3 of the Act shall apply."


def test_eu_style_heading_title_on_next_line_with_numbered_paragraphs_and_points() -> None:
    doc = parse(
        "REGULATION ON SOMETHING\n"
        "CHAPTER I\n"
        "GENERAL PROVISIONS\n"
        "Article 24a\n"
        "Obligations of importers\n"
        "1. Importers shall ensure compliance.\n"
        "2. Importers shall verify that:\n"
        "(a) the procedure was carried out;\n"
        "(b) the documentation exists.\n"
    )
    art = doc.old.articles[0]
    assert (art.number, art.title, art.lead) == ("24a", "Obligations of importers", "")
    assert art.chapter == "CHAPTER I GENERAL PROVISIONS"
    assert [(p.kind, p.label, p.number) for p in art.paragraphs] == [
        ("paragraph", "1.", "1"),
        ("paragraph", "2.", "2"),
    ]
    assert [(c.kind, c.number) for c in art.paragraphs[1].children] == [("item", "a"), ("item", "b")]
    assert art.text.splitlines() == [
        "1. Importers shall ensure compliance.",
        "2. Importers shall verify that:",
        "(a) the procedure was carried out;",
        "(b) the documentation exists.",
    ]


def test_korean_style_numbered_lines_after_a_lead_are_subparagraphs() -> None:
    doc = parse("Article 2 (Definitions) Terms are defined as follows:\n1. One;\n2. Two.\n")
    art = doc.old.articles[0]
    assert art.lead == "Terms are defined as follows:"
    assert [(p.kind, p.number) for p in art.paragraphs] == [("subparagraph", "1"), ("subparagraph", "2")]


def test_omitted_and_deleted_articles() -> None:
    doc = parse("Article 1 (A) Text.\nArticle 2 Omitted.\nArticle 3 Deleted.\n")
    assert [(a.number, a.status) for a in doc.old.articles] == [
        ("1", "in_force"),
        ("2", "omitted"),
        ("3", "deleted"),
    ]


def test_numbering_gap_and_duplicate_are_warned() -> None:
    doc = parse("Article 1 (A) a.\nArticle 4 (B) b.\n")
    assert [w.code for w in doc.old.warnings] == ["numbering-gap"]
    assert "Article 1 to Article 4" in doc.old.warnings[0].message


def test_article_range_in_the_body_gives_one_article_per_number() -> None:
    doc = parse(
        "Article 3 (T) Text.\n"
        "Articles 4 through 6 Deleted. <by Ordinance No. 5, Jan. 9, 2014>\n"
        "Article 7 (U) More.\n"
    )
    arts = doc.old.articles
    assert [(a.number, a.status) for a in arts] == [
        ("3", "in_force"),
        ("4", "deleted"),
        ("5", "deleted"),
        ("6", "deleted"),
        ("7", "in_force"),
    ]
    assert arts[1].notes[0].events[0].action == "deleted"
    assert not [w for w in doc.warnings if w.code.startswith("numbering")]


def test_a_range_reference_at_line_start_is_text() -> None:
    doc = parse("Article 3 (T) Text:\nArticles 4 and 5 shall apply.\n")
    assert [a.number for a in doc.old.articles] == ["3"]
    assert doc.old.articles[0].lead == "Text: Articles 4 and 5 shall apply."


def test_site_chrome_before_and_after_the_text() -> None:
    doc = parse(
        "home Home > Regulations Search > Integrated Search\n  •  \n  • list\nSOME ORDINANCE\n"
        "Article 1 (A) a.\nStandards (related to Article 1)\n  • print\nstray words\n"
    )
    chrome = [doc.text_of(p.span) for p in doc.pieces if p.kind == "chrome"]
    assert chrome == ["home Home > Regulations Search > Integrated Search", "•", "• list", "• print"]
    assert doc.title == "SOME ORDINANCE"
    unparsed = [doc.text_of(p.span) for p in doc.pieces if p.kind == "unparsed"]
    assert unparsed == ["stray words"]
    assert [w.code for w in doc.warnings if w.code == "unparsed-line"] == ["unparsed-line"]


def test_crlf_line_endings_and_indentation() -> None:
    doc = parse("LAW\r\n  Article 1 (A) Lead:\r\n    1. One;\r\n    2. Two.\r\n")
    art = doc.old.articles[0]
    assert (art.lead, [p.text for p in art.paragraphs]) == ("Lead:", ["One;", "Two."])


def test_an_annex_after_the_last_article_is_kept_apart_with_one_warning() -> None:
    doc = parse("Article 85\nFinal provisions\n1. It applies.\nANNEX I\nList of legislation\nSection A\n")
    art = doc.old.articles[0]
    assert art.text == "1. It applies."
    unparsed = [doc.text_of(p.span) for p in doc.pieces if p.kind == "unparsed"]
    assert unparsed == ["ANNEX I", "List of legislation", "Section A"]
    (warning,) = [w for w in doc.warnings if w.code == "unparsed-line"]
    assert warning.message.startswith("3 lines outside any article")


def test_no_break_and_ideographic_spaces_read_as_spaces() -> None:
    doc = parse("Article\xa01\xa0(Purpose)\xa0(1)\u2009The purpose.\n\u3000(2)\xa0Other.\n")
    art = doc.old.articles[0]
    assert (art.number, art.title) == ("1", "Purpose")
    assert [(p.label, p.text) for p in art.paragraphs] == [("(1)", "The purpose."), ("(2)", "Other.")]
    heading = next(p for p in doc.pieces if p.kind == "heading")
    assert doc.text_of(heading.span) == "Article\xa01\xa0(Purpose)"
