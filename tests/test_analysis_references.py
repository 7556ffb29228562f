"""Cross-references: parsing, resolution and status across versions (analysis.references)."""

from __future__ import annotations

import functools
import re
import time

import pytest

import analysis
from analysis.locations import Location, sites
from analysis.references import find_references, reference_spans
from corpus import load_document
from diffing import compare
from tests.analysis_texts import BOARD_NEW, BOARD_OLD, LIBRARY_NEW, LIBRARY_OLD, comparison_of
from tests.factory import article, version


@functools.cache
def seoul() -> analysis.Analysis:
    return analysis.analyse(compare(load_document("seoul-informatization")))


def refs(result: analysis.Analysis, side: str) -> list[tuple[str, str, str, str]]:
    return [
        (r.site.article, r.text, r.target.article if r.target else "-", r.status)
        for r in result.references
        if r.side == side
    ]


def test_renumbered_target_updated_and_repointed(tmp_path):
    result = analysis.analyse(comparison_of(tmp_path, LIBRARY_OLD, LIBRARY_NEW))
    assert refs(result, "old") == [
        ("2", "paragraph (1)", "2", "ok"),  # moves with its article
        ("3", "Article 2 (1)", "2", "renumbered"),
        ("4", "Article 3", "3", "renumbered"),
    ]
    assert refs(result, "new") == [
        ("3", "paragraph (1)", "3", "ok"),
        ("4", "Article 3 (1)", "3", "updated"),
        ("5", "Article 3", "3", "repointed"),
    ]
    assert result.types["3>4"].types == ("renumbering", "reference-only")
    assert [r.to_dict() for r in result.problems()] == [
        {
            "side": "new",
            "article": "5",
            "path": "",
            "text": "Article 3",
            "target": {"article": "3", "path": ""},
            "external": None,
            "status": "repointed",
        }
    ]


def test_reference_to_a_deleted_article_is_dangling(tmp_path):
    result = analysis.analyse(comparison_of(tmp_path, BOARD_OLD, BOARD_NEW))
    assert ("4", "Article 5", "5", "dangling") in refs(result, "new")
    assert ("4", "Article 5", "5", "ok") in refs(result, "old")


def parse(body: str, number: str = "9") -> list[tuple[str, str | None, str | None]]:
    v = version([article(number, "Title", body)])
    out = []
    for r in find_references(v, "new"):
        out.append(
            (r.text, (r.target.article + " " + r.target.path_text).strip() if r.target else None, r.external)
        )
    return out


def test_english_forms_and_relative_references():
    body = (
        "(1) Articles 2 through 6 and Article 10(3) apply.\n"
        "(2) Article 7 (7) and point (a) apply; subparagraph 3 of Article 2 applies.\n"
        "(3) The preceding paragraph and paragraph (1) apply, and Article 11 (2) of the Framework Act on "
        "National Informatization, Article 24 of the same Act."
    )
    assert parse(body) == [
        ("Articles 2 through 6", "2", None),
        ("Articles 2 through 6", "6", None),
        ("Article 10(3)", "10 (3)", None),
        ("Article 7 (7)", "7 (7)", None),
        ("point (a)", "9 (2) a", None),
        ("subparagraph 3 of Article 2", "2 3", None),
        ("The preceding paragraph", "9 (2)", None),
        ("paragraph (1)", "9 (1)", None),
        (
            "Article 11 (2) of the Framework Act on National Informatization",
            None,
            "Framework Act on National Informatization",
        ),
        ("Article 24 of the same Act", None, "Framework Act on National Informatization"),
    ]


def test_korean_forms():
    body = (
        "(1) 제5조제1항에 따른 위원회는 같은 조 제2항의 사항과 「스마트도시법」 제4조를 고려한다.\n"
        "(2) 전항 및 제3호를 준용한다."
    )
    assert parse(body) == [
        ("제5조제1항", "5 (1)", None),
        ("같은 조 제2항", "5 (2)", None),
        ("「스마트도시법」 제4조", None, "스마트도시법"),
        ("전항", "9 (1)", None),
        ("제3호", "9 (2) 3", None),
    ]


CUE = re.compile(r"\b(?:Articles?|paragraph|subparagraph)\s+[\d(]")


def test_every_reference_of_the_seoul_page_is_listed_with_a_status():
    # independent of the parser: every "Article N" / "paragraph (N)" / "subparagraph N" in the body text
    # lies inside a listed reference
    result = seoul()
    listed: dict[tuple[str, str, tuple], list[tuple[int, int]]] = {}
    for r in result.references:
        listed.setdefault((r.side, r.site.article, r.site.path), []).append((r.start, r.end))
        assert r.status in analysis.REFERENCE_STATUS
    doc = load_document("seoul-informatization")
    cues = 0
    for side, v in (("old", doc.old), ("new", doc.new)):
        for art in v.articles:
            for path, _node, text in sites(art):
                spans = listed.get((side, art.number, path), [])
                for m in CUE.finditer(text):
                    cues += 1
                    assert any(s <= m.start() < e for s, e in spans), (
                        side,
                        art.number,
                        text[m.start() :][:60],
                    )
    assert cues >= 30
    statuses = {r.status for r in result.references}
    assert {"ok", "renumbered", "updated", "unresolved"} <= statuses


def test_seoul_mutatis_mutandis_reference_follows_the_merged_article():
    # old Article 11 (4) "Article 7 (7) shall apply mutatis mutandis" -> new Article 9 (4) "Article 8 shall
    # apply mutatis mutandis": old 7 (7) became new 8 (3), so the new reference was updated
    found = [r for r in seoul().references if r.side == "new" and r.site.article == "9"]
    assert [(r.text, r.status) for r in found] == [("Article 8", "updated")]
    assert found[0].target == Location(article="8")


def test_target_element_ids_follow_the_akn_rule():
    loc = Location(article="7", path=(("paragraph", "3"), ("subparagraph", "2"), ("item", "a")))
    assert (loc.eid, loc.path_text) == ("art_7__para_3__subpara_2__point_a", "(3) 2 a")
    assert Location(article="5-2").eid == "art_5-2"


@pytest.mark.parametrize(
    "text",
    [
        "Article 1 (" * 20000,
        "제1조제" * 30000,
        " of the Act on " * 20000,
        "subparagraph 1 of " * 20000,
        "Articles 1 and 2 through " * 10000,
        "「" * 100000,
    ],
)
def test_adversarial_lines_are_scanned_in_linear_time(text):
    start = time.perf_counter()
    reference_spans(text)
    assert time.perf_counter() - start < 5


def test_checked_references_carry_every_field_of_the_found_ones():
    # check_references copies each found Reference field by field (not by dataclasses.replace): a new
    # field must be copied there too
    import dataclasses

    from analysis.references import Reference, check_references, find_references

    names = [f.name for f in dataclasses.fields(Reference)]
    assert names == ["side", "site", "text", "start", "end", "target", "external", "status"]
    comparison = compare(load_document("kr-ai-framework-act"))
    found = find_references(comparison.old, "old") + find_references(comparison.new, "new")
    checked = check_references(comparison)
    assert len(checked) == len(found) > 0
    for f, c in zip(found, checked, strict=True):
        assert dataclasses.replace(f, status=c.status) == c
