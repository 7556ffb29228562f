"""Element ids (``corpus.ids``): the Akoma Ntoso style, unique per version, stable under unrelated edits.

Expected ids are written from the texts: ``Article 7`` with paragraph ``(3)``, its subparagraph ``2.``
and item ``(a)`` is ``art_7__para_3__subpara_2__point_a``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus import load_document
from corpus.ids import EidScope, clean_num, identify_addenda, identify_articles, slug, version_iri
from corpus.model import Article, Document, Provision, SourceText, Version
from corpus.reader import read
from corpus.serialize import document_to_dict

DATA = Path(__file__).resolve().parent.parent / "corpus" / "data"
BUNDLED = ("seoul-informatization", "kr-ai-framework-act")


def parse(*texts: str, name: str = "t") -> Document:
    return read(tuple(SourceText(name=f"t{i}.txt", text=t) for i, t in enumerate(texts)), name=name)


def provisions(ps: tuple[Provision, ...]) -> list[Provision]:
    out: list[Provision] = []
    for p in ps:
        out.append(p)
        out.extend(provisions(p.children))
    return out


def article_ids(a: Article) -> list[str]:
    return [a.eid, *(p.eid for p in provisions(a.paragraphs))]


def version_ids(v: Version) -> list[str]:
    ids = [eid for a in v.articles for eid in article_ids(a)]
    for b in v.addenda:
        ids.append(b.eid)
        ids.extend(x.eid for x in b.articles)
    return ids


def note_ids(v: Version) -> list[tuple[str, str]]:
    return [(n.eid, n.raw) for a in v.articles for n in a.all_notes()]


# ---------------------------------------------------------------- the style


def test_akn_style_ids_on_a_small_ordinance() -> None:
    doc = parse(
        "Article 5-2 (Plan) The Mayor shall formulate a plan.\n"
        "Article 7 (Committee)\n"
        "(1) A committee shall be established. <Amended by Ordinance No. 6487, May 18, 2017>\n"
        "(2) It shall consist of members.\n"
        "(3) The committee shall deliberate on:\n"
        "1. budgets;\n"
        "2. the following plans:\n"
        "(a) plans for informatization;\n"
        "(b) other plans.\n"
        "[This Article Newly Inserted by Ordinance No. 5527, Aug. 1, 2013]\n"
    )
    plan, committee = doc.old.articles
    assert plan.eid == "art_5-2"
    assert article_ids(committee) == [
        "art_7",
        "art_7__para_1",
        "art_7__para_2",
        "art_7__para_3",
        "art_7__para_3__subpara_1",
        "art_7__para_3__subpara_2",
        "art_7__para_3__subpara_2__point_a",
        "art_7__para_3__subpara_2__point_b",
    ]
    # a note carries the eid of the node it annotates; the display target stays as it was
    assert [(n.eid, n.target) for n in committee.all_notes()] == [("art_7__para_1", "(1)"), ("art_7", "")]
    assert doc.old.by_eid("art_7") is committee
    assert doc.old.element("art_7__para_3__subpara_2__point_a") == provisions(committee.paragraphs)[-2]
    assert doc.old.element("art_7__para_4") is None
    assert doc.old.element_iri("art_7__para_1") == f"{doc.old.iri}/~art_7__para_1"


def test_korean_numbers_and_circled_paragraphs() -> None:
    doc = parse("제5조의2(계획) ① 시장은 계획을 수립한다.\n1. 예산\n가. 세부 사항\n② 그 밖의 사항\n")
    (art,) = doc.old.articles
    assert article_ids(art) == [
        "art_5-2",
        "art_5-2__para_1",
        "art_5-2__para_1__subpara_1",
        "art_5-2__para_1__subpara_1__point_가",
        "art_5-2__para_2",
    ]


def test_addenda_ids() -> None:
    doc = parse(
        "Article 1 (Purpose) The purpose is stated.\n"
        "ADDENDUM <Ordinance No. 6487, May 18, 2017>\n"
        "Article 1 (Enforcement Date) This Ordinance shall enter into force on promulgation.\n"
        "Articles 2 through 3 Omitted.\n"
        "ADDENDA\n"
        "This Ordinance shall enter into force on the date of its promulgation.\n"
    )
    own, numbered = sorted(doc.old.addenda, key=lambda b: b.number or "")
    assert (numbered.eid, [x.eid for x in numbered.articles]) == (
        "addenda_6487",
        ["addenda_6487__art_1", "addenda_6487__art_2", "addenda_6487__art_3"],
    )
    assert own.eid == "addenda"
    assert doc.old.element("addenda_6487__art_2") == numbered.articles[1]


def test_clean_num_and_scope() -> None:
    assert [clean_num(n) for n in ("(1)", "2-2.", "a", " 3 ", "()")] == ["1", "2-2", "a", "3", "nn"]
    scope = EidScope()
    assert [scope.unique(e) for e in ("art_7", "art_7", "art_7_2", "art_7")] == [
        "art_7",
        "art_7_2",
        "art_7_2_2",  # a number that cleans to "7_2" meets the duplicate: still unique
        "art_7_3",
    ]


def test_version_iri() -> None:
    assert version_iri("seoul-informatization", "6851", "2018-03-22", "old") == (
        "/akn/seoul-informatization/6851@2018-03-22"
    )
    assert version_iri("My Act (2020).txt", None, None, "new") == "/akn/my-act-2020-txt/new@"
    assert slug("--") == "document"
    seoul = load_document("seoul-informatization")
    # the header: "Amendment of Other Laws No. 6851, Mar. 22, 2018 Whole Amendment No. 7026, Mar. 28, 2019"
    assert (seoul.old.iri, seoul.new.iri) == (
        "/akn/seoul-informatization/6851@2018-03-22",
        "/akn/seoul-informatization/7026@2019-03-28",
    )


# ---------------------------------------------------------------- determinism, uniqueness, stability


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_ids_deterministic_and_unique(name: str) -> None:
    first, second = load_document(name), load_document(name)
    for v1, v2 in zip(first.versions, second.versions, strict=True):
        ids = version_ids(v1)
        assert ids == version_ids(v2)
        assert note_ids(v1) == note_ids(v2)
        assert v1.iri == v2.iri
        assert len(ids) == len(set(ids)), name
        assert all(ids), name
        # the reader's ids are the ones the numbers and paths give (corpus.ids.identify_*)
        assert identify_articles(v1.articles) == v1.articles
        assert identify_addenda(v1.addenda) == v1.addenda


def test_repeated_article_number_gets_unique_ids() -> None:
    doc = parse(
        "Article 6 (Plan) The Mayor shall formulate a plan.\n"
        "Article 7 (Committee)\n(1) A committee shall be established.\n(2) Members are appointed.\n"
        "Article 7 (Committee Again)\n(1) A second committee.\n(1) A repeated paragraph label.\n"
        "Article 8 (Secretary) There shall be a secretary.\n"
    )
    assert "numbering-duplicate" in {w.code for w in doc.warnings}
    assert [article_ids(a) for a in doc.old.articles] == [
        ["art_6"],
        ["art_7", "art_7__para_1", "art_7__para_2"],
        ["art_7_2", "art_7_2__para_1", "art_7_2__para_1_2"],
        ["art_8"],
    ]
    assert doc.old.by_eid("art_7_2") is doc.old.articles[2]
    ids = version_ids(doc.old)
    assert len(ids) == len(set(ids))


def test_editing_one_article_keeps_every_other_id() -> None:
    old = (DATA / "kr-ai-framework-act" / "old.txt").read_text(encoding="utf-8")
    new = (DATA / "kr-ai-framework-act" / "new.txt").read_text(encoding="utf-8")
    head = "(2) The Council shall be composed of up to 60 members"
    assert new.count(head) == 1
    # reword Article 7 (2) and give Article 7 a new paragraph after it
    edited = new.replace(
        head,
        "(2) A new paragraph on the secretariat of the Council.\n"
        "(2) The Council shall consist of at most 60 members",
    )
    before = parse(old, new, name="kr")
    after = parse(old, edited, name="kr")
    assert after.new.iri == before.new.iri
    assert version_ids(after.old) == version_ids(before.old)
    others_before = [article_ids(a) for a in before.new.articles if a.eid != "art_7"]
    others_after = [article_ids(a) for a in after.new.articles if a.eid != "art_7"]
    assert others_after == others_before
    seven_before = article_ids(next(a for a in before.new.articles if a.eid == "art_7"))
    seven_after = article_ids(next(a for a in after.new.articles if a.eid == "art_7"))
    # the new paragraph repeats the label (2): it gets art_7__para_2, the reworded one art_7__para_2_2
    assert seven_after == [*seven_before[:2], "art_7__para_2", "art_7__para_2_2", *seven_before[3:]]
    assert [a.text for a in after.new.articles if a.eid == "art_7"] != [
        a.text for a in before.new.articles if a.eid == "art_7"
    ]


def test_rewording_keeps_every_id() -> None:
    page = (DATA / "seoul-informatization" / "page.txt").read_text(encoding="utf-8")
    phrase = "for the deliberation and coordination of matters concerning the promotion of informatization"
    assert page.count(phrase) == 1
    before = parse(page, name="seoul")
    after = parse(page.replace(phrase, "to deliberate on informatization"), name="seoul")
    assert [a.text for a in after.old.articles] != [a.text for a in before.old.articles]
    for v1, v2 in zip(before.versions, after.versions, strict=True):
        assert version_ids(v1) == version_ids(v2)


# ---------------------------------------------------------------- JSON


def test_parse_json_carries_ids() -> None:
    data = json.loads(json.dumps(document_to_dict(load_document("seoul-informatization"))))
    old = data["versions"][0]
    assert old["iri"] == "/akn/seoul-informatization/6851@2018-03-22"
    seven = next(a for a in old["articles"] if a["number"] == "7")
    assert seven["eid"] == "art_7"
    assert [p["eid"] for p in seven["paragraphs"]][:2] == ["art_7__para_1", "art_7__para_2"]
    assert {n["eid"] for a in old["articles"] for n in a["notes"]} <= {
        e for a in old["articles"] for e in [a["eid"], *_dict_provision_ids(a["paragraphs"])]
    }
    assert [b["eid"] for b in old["addenda"]][:3] == ["addenda", "addenda_5176", "addenda_5527"]


def _dict_provision_ids(ps: list[dict[str, object]]) -> list[str]:
    out: list[str] = []
    for p in ps:
        out.append(str(p["eid"]))
        out.extend(_dict_provision_ids(p["children"]))  # type: ignore[arg-type]
    return out


# ---------------------------------------------------------------- pairs carry ids


def test_pairs_rows_and_links_carry_ids() -> None:
    from diffing.compare import compare
    from diffing.serialize import comparison_to_dict

    cmp = compare(load_document("seoul-informatization"))
    for p in cmp.pairs:
        olds, news = cmp.articles("old", p), cmp.articles("new", p)
        assert tuple(a.number for a in olds) == p.old and tuple(a.number for a in news) == p.new
        for r in p.rows:
            for unit, version in ((r.old, cmp.old), (r.new, cmp.new)):
                if unit is not None:
                    node = version.element(unit.eid)
                    assert node is not None, unit.eid
                    assert unit.eid.split("__", 1)[0] == f"art_{unit.article}"  # no repeated number here
        for link in p.addenda:
            assert cmp.addenda_article(link) is not None, link
    # old Article 5-2 (Reflecting Informatization Plan, etc.) is governed by Article 1 of the addenda
    # of Ordinance No. 5527: "the amended provisions of Article 5-2 shall enter into force on ..."
    five_two = cmp.pair_of("old", "art_5-2")
    assert five_two is not None and five_two.old_eids == ("art_5-2",)
    assert "addenda_5527__art_1" in {link.eid for link in five_two.addenda}
    data = json.loads(json.dumps(comparison_to_dict(cmp)))
    first = data["pairs"][0]
    assert (first["old_eids"], first["new_eids"]) == (["art_1"], ["art_1"])
    assert first["paragraphs"][0]["old"]["eid"] == "art_1"  # the lead of Article 1 (Purpose)


def test_views_find_a_repeated_article_by_its_id() -> None:
    from diffing.compare import compare
    from reports.content import build_report
    from viewer.index import articles_of

    text = (
        "Article 7 (Committee)\n(1) A committee shall be established.\n"
        "Article 7 (Secretariat)\n(1) A secretariat supports the committee.\n"
    )
    cmp = compare(parse(text, text, name="dup"))
    second = cmp.pair_of("old", "art_7_2")
    assert second is not None
    assert [a.title for a in articles_of(cmp, "old", second)] == ["Secretariat"]
    # the printed numbers repeat, so the number key does; the eid identity does not
    assert [p.key for p in cmp.pairs] == ["7>7", "7>7"]
    assert [p.id for p in cmp.pairs] == ["art_7>art_7", "art_7_2>art_7_2"]
    report = build_report(cmp)
    titles = [(r.old_text, r.new_text) for r in report.concordance]
    assert ("Article 7 (Secretariat)", "Article 7 (Secretariat)") in titles
