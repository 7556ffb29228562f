"""Akoma Ntoso 3.0 export (reports/akn.py), validated against the shipped OASIS schema."""

from __future__ import annotations

import functools

import pytest
from lxml import etree

import reports
from corpus import load_document
from diffing import compare
from reports.akn import AKN, validate
from tests.analysis_texts import BOARD_NEW, BOARD_OLD, LIBRARY_NEW, LIBRARY_OLD, comparison_of

NS = {"a": AKN}


@functools.cache
def bundled(name: str) -> bytes:
    return reports.export(compare(load_document(name)), "akn")


@pytest.mark.parametrize("name", ["seoul-informatization", "kr-ai-framework-act"])
def test_bundled_documents_validate(name):
    assert validate(bundled(name)) == []


def test_an_invalid_document_is_reported():
    root = etree.fromstring(bundled("kr-ai-framework-act"))
    work = root.find(".//a:FRBRWork", NS)
    work.getparent().remove(work)
    assert validate(etree.tostring(root))


def test_collection_of_two_acts_with_frbr_identity():
    root = etree.fromstring(bundled("seoul-informatization"))
    acts = root.findall("a:documentCollection/a:collectionBody/a:component/a:act", NS)
    assert len(acts) == 2
    expressions = [
        a.find("a:meta/a:identification/a:FRBRExpression/a:FRBRuri", NS).get("value") for a in acts
    ]
    assert expressions == [
        "/akn/seoul-informatization/6851@2018-03-22",
        "/akn/seoul-informatization/7026@2019-03-28",
    ]


def test_hierarchy_down_to_points_and_notes():
    root = etree.fromstring(bundled("kr-ai-framework-act"))
    new = root.findall(".//a:act", NS)[1]
    # new Article 2, subparagraph 4, item a. ("a. Energy ...")
    point = new.find(".//a:point[@eId='cmp_2__art_2__subpara_4__point_a']", NS)
    assert point is not None and point.findtext("a:num", namespaces=NS) == "a."
    doc = load_document("kr-ai-framework-act")
    notes = sum(len(a.all_notes()) for a in doc.new.articles)
    assert len(new.findall("a:meta/a:notes/a:note", NS)) == notes
    ids = {el.get("eId") for el in root.iter() if el.get("eId")}
    hrefs = [el.get("href") for el in root.iter() if (el.get("href") or "").startswith("#")]
    assert hrefs and all(h[1:] in ids for h in hrefs)
    assert len(ids) == sum(1 for el in root.iter() if el.get("eId"))  # unique


def mods(data: bytes) -> list[etree._Element]:
    return etree.fromstring(data).findall(".//a:passiveModifications/a:textualMod", NS)


def test_terminology_change_is_a_substitution_with_old_and_new_text(tmp_path):
    data = reports.export(comparison_of(tmp_path, BOARD_OLD, BOARD_NEW), "akn")
    assert validate(data) == []
    first = mods(data)[0]
    assert (first.get("type"), first.get("refersTo")) == ("substitution", "#terminology")
    assert first.find("a:destination", NS).get("href") == "#cmp_2__art_1"
    old, new = first.find("a:old", NS), first.find("a:new", NS)
    assert old.get("href").endswith("~art_1") and "Testing Board" in "".join(old.itertext())
    assert "Evaluation Council" in "".join(new.itertext())
    assert any(m.get("type") == "repeal" for m in mods(data))


def test_renumbering_points_old_and_new_articles(tmp_path):
    data = reports.export(comparison_of(tmp_path, LIBRARY_OLD, LIBRARY_NEW), "akn")
    assert validate(data) == []
    renumbered = [m for m in mods(data) if m.get("type") == "renumbering"]
    pairs = [
        (m.find("a:old", NS).get("href").rsplit("~", 1)[1], m.find("a:new", NS).get("href"))
        for m in renumbered
    ]
    assert pairs == [("art_2", "#cmp_2__art_3"), ("art_3", "#cmp_2__art_4"), ("art_4", "#cmp_2__art_5")]
    inserted = [m for m in mods(data) if m.get("type") == "insertion"]
    assert [m.find("a:destination", NS).get("href") for m in inserted] == ["#cmp_2__art_2"]


def test_report_scope_narrows_the_modifications(tmp_path):
    comparison = comparison_of(tmp_path, LIBRARY_OLD, LIBRARY_NEW)
    data = reports.export(comparison, "akn", articles="2")
    assert validate(data) == []
    assert {m.get("type") for m in mods(data)} <= {"insertion", "renumbering"}
    assert reports.EXPORTERS["akn"].extension == "xml"
