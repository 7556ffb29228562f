"""review.workspace: what the CLI, the app and the reports call."""

from __future__ import annotations

import ast
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from corpus import load_document
from corpus.model import Document, SourceText
from corpus.reader import read
from diffing import compare
from diffing.model import Comparison
from review.decisions import apply_decisions
from review.model import ReviewError
from review.store import MemoryStore
from review.workspace import (
    concordance_rows,
    find_article,
    find_provision,
    new_decision,
    new_note,
    note_views,
    notes_of_pair,
    pair_ref,
    reviewed,
)

ROOT = Path(__file__).resolve().parent.parent


@cache
def seoul() -> Comparison:
    return compare(load_document("seoul-informatization"))


def doc() -> Document:
    return seoul().document


def test_articles_are_found_by_number_heading_or_id_and_duplicates_must_be_named() -> None:
    assert find_article(doc(), "old", "5-2")[0] == "art_5-2"
    assert find_article(doc(), "old", "Article 16")[0] == "art_16"
    assert find_article(doc(), "new", "art_12")[1].title == "Policy Promotion by Area"
    dup = read(
        (
            SourceText(
                name="old.txt",
                text="Article 1 (Purpose) x.\nArticle 1 (Definitions) y.\nArticle 2 (Scope) z.\n",
            ),
            SourceText(name="new.txt", text="Article 1 (Purpose) x.\nArticle 2 (Scope) z.\n"),
        ),
        "dup",
    )
    with pytest.raises(ReviewError, match=r"has Article 1 2 times: name one by its id \(art_1, art_1_2\)"):
        find_article(dup, "old", "1")
    assert find_article(dup, "old", "art_1_2")[1].title == "Definitions"


def test_provisions_are_found_by_labels_or_id() -> None:
    assert find_provision(doc(), "old", "art_16", "(2)") == "art_16__para_2"
    assert find_provision(doc(), "old", "art_16", "para_2") == "art_16__para_2"
    assert find_provision(doc(), "old", "art_16", "art_16__para_2") == "art_16__para_2"


def test_notes_show_under_their_pair_and_orphans_are_listed_with_their_old_place() -> None:
    store = MemoryStore()
    on_16 = store.save_annotation(new_note(doc(), side="old", eid="art_16", body="on 16", author="kim"))
    comparison = seoul()
    auto_16 = next(p for p in comparison.pairs if p.old == ("16",))
    on_pair = store.save_annotation(
        new_note(
            doc(),
            side="old",
            eid="art_16",
            body="on the pair",
            author="kim",
            pair=pair_ref(comparison, auto_16),
        )
    )
    lost = new_note(doc(), side="old", eid="art_16__para_2", body="lost", author="kim")
    store.save_annotation(
        replace(lost, target=replace(lost.target, eid="art_99__para_2", article="99", quote=None))
    )

    views = note_views(store, doc())
    assert [(v.note.body, v.orphaned) for v in views] == [
        ("on 16", False),
        ("on the pair", False),
        ("lost", True),
    ]
    assert views[2].anchor == "(was old Article 99 (2))"
    assert views[1].anchor == "pair 16>-"

    store.record_decision(
        new_decision(comparison, verdict="link", old=("art_16",), new=("art_12",), author="lee")
    )
    result = reviewed(store, comparison)
    linked = next(e for e in result.entries if e.pair.old == ("16",))
    # the pair note was on 16>-, which the link replaced: it follows article 16 to the new pair
    assert [v.note.id for v in notes_of_pair(views, linked, result)] == [on_16.id, on_pair.id]
    lonely_12 = next(e for e in apply_decisions(comparison, ()).entries if e.pair.new == ("12",))
    assert notes_of_pair(views, lonely_12, result) == ()  # not an entry of this result
    row = next(r for r in concordance_rows(result) if r.old == "Article 16")
    assert (row.new, row.origin, row.review, row.author) == ("Article 12", "analyst", "linked", "lee")
    assert on_pair.pair is not None and on_pair.pair.label == "16>-"


def test_the_review_package_imports_only_corpus_diffing_and_itself() -> None:
    first_party = {"corpus", "diffing", "reports", "viewer", "ordiff", "review", "app"}
    for path in (ROOT / "review").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top not in first_party - {"corpus", "diffing", "review"}, (path.name, name)


def test_ordiff_open_review_hands_out_the_configured_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import ordiff
    from corpus.sources import SourceError
    from review.sql import SqlStore

    assert isinstance(ordiff.open_review("memory:"), MemoryStore)
    monkeypatch.setenv("ORDIFF_DB", f"sqlite:///{tmp_path / 'env.db'}")
    store = ordiff.open_review()
    assert isinstance(store, SqlStore) and (tmp_path / "env.db").is_file()
    store.close()
    with pytest.raises(SourceError, match="not a database URL"):
        ordiff.open_review("no url at all")
