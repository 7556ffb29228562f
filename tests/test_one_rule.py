"""Each rule has one home: what the reader knows is not re-derived downstream (issue 8)."""

from __future__ import annotations

from corpus.build import article_text
from corpus.model import Document, SourceText, provision_text
from corpus.reader import read
from diffing.compare import compare
from diffing.units import article_units


def parse(*texts: str) -> Document:
    return read(tuple(SourceText(name=f"t{i}.txt", text=t) for i, t in enumerate(texts)), name="t")


def test_chapter_numbers_come_from_the_reader_also_in_korean() -> None:
    # the same three articles; in the new text Article 3 opens chapter 2 (제2장) instead of closing chapter 1
    head = "제1장 총칙\n제1조(목적) 이 조례는 목적을 정한다.\n제2조(정의) 용어를 정의한다.\n"
    old = head + "제3조(책무) 시장은 노력한다.\n"
    new = head + "제2장 시책\n제3조(책무) 시장은 노력한다.\n"
    doc = parse(old, new)
    assert [(a.number, a.chapter_ordinal) for a in doc.new.articles] == [("1", 1), ("2", 1), ("3", 2)]
    assert [(a.number, a.chapter_ordinal) for a in doc.old.articles] == [("1", 1), ("2", 1), ("3", 1)]
    kinds = {p.key: p.change for p in compare(doc).pairs}
    assert kinds == {"1>1": "unchanged", "2>2": "unchanged", "3>3": "moved"}


def test_roman_chapter_numbers_in_both_spellings() -> None:
    # "CHAPTER Ⅱ" (one Unicode numeral) and "CHAPTER II" are the same chapter: not a move
    one, two = "Article 1 (Purpose) The purpose.\n", "Article 2 (Plans) Plans are made.\n"
    old = f"CHAPTER Ⅰ GENERAL\n{one}CHAPTER Ⅱ PLANS\n{two}"
    new = f"CHAPTER I GENERAL\n{one}CHAPTER II PLANS\n{two}"
    doc = parse(old, new)
    assert (
        [a.chapter_ordinal for a in doc.old.articles]
        == [1, 2]
        == [a.chapter_ordinal for a in doc.new.articles]
    )
    assert [p.change for p in compare(doc).pairs] == ["unchanged", "unchanged"]


def test_provision_text_is_one_function() -> None:
    doc = parse(
        "Article 7 (Committee) The committee:\n(1) is established.\n1. budgets;\n(a) current budgets;\n"
        "(2) meets.\n"
    )
    (art,) = doc.old.articles
    first = art.paragraphs[0]
    assert provision_text(first) == "(1) is established.\n1. budgets;\n(a) current budgets;"
    assert (
        art.text
        == article_text(art.lead, art.paragraphs)
        == f"The committee:\n{provision_text(first)}\n(2) meets."
    )
    assert [u.text for u in article_units(art)] == ["The committee:", provision_text(first), "(2) meets."]


def test_an_untitled_deleted_article_has_no_empty_brackets() -> None:
    from corpus.serialize import outline
    from viewer.html import heading_text

    doc = parse("Article 1 (Purpose) The purpose is stated.\nArticle 2 Deleted.\n제3조 삭제\n")
    assert [heading_text(a) for a in doc.old.articles] == [
        "Article 1 (Purpose)",
        "Article 2 [deleted]",
        "제3조 [deleted]",  # the viewer prints the label as in the source (issue 10.6)
    ]
    text = outline(doc)
    assert "    Article 2 [deleted]\n" in text and "    Article 3 [deleted]\n" in text
    assert "()" not in text


def test_change_wording_is_one_function() -> None:
    from corpus import load_document
    from diffing.model import change_text
    from ordiff.cmd_align import render_text
    from reports.content import build_report
    from viewer.html import pair_caption

    # from the definitions: a flag the kind already says is not repeated, added/deleted are never "modified"
    assert change_text("moved", True, True) == "moved, renumbered, modified"
    assert change_text("renumbered", True, True) == "renumbered, modified"
    assert change_text("modified", False, True) == "modified"
    assert change_text("deleted", False, True) == "deleted"
    cmp = compare(load_document("seoul-informatization"))
    report = build_report(cmp)
    lines = render_text(cmp).splitlines()
    # old Article 34 became new Article 20 in another chapter, reworded: moved, renumbered and modified
    assert next(p for p in cmp.pairs if p.old == ("34",)).flags == ("renumbered", "modified")
    for p, row in zip(cmp.pairs, report.concordance, strict=True):
        assert row.change_text == p.change_text
        # a similarity only where there are two sides to compare (issue 11: none on added/deleted pairs)
        both = bool(p.old and p.new)
        assert (f"({p.change_text}; similarity" if both else f"({p.change_text})") in pair_caption(p)
        flags = f" ({', '.join(p.flags)})" if p.flags else ""
        assert any(f" {p.change}{flags}  score " in line for line in lines), p.key


def test_aligner_passes_are_a_named_ordered_table() -> None:
    from corpus import load_document
    from diffing.align import PASSES, align

    names = [p.name for p in PASSES]
    assert names == [
        "markers",
        "placeholders",
        "body",
        "gaps",
        "titleless",
        "links",
        "orphans",
        "repealed",
        "unpin-crossing",
    ]
    assert all(p.reads and p.adds for p in PASSES)
    doc = load_document("seoul-informatization")  # no move markers: the first pass adds nothing here
    assert align(doc.old, doc.new, passes=()).edges == ()  # the table is what adds edges
    upto = {name: PASSES[: names.index(name) + 1] for name in ("markers", "placeholders", "body")}
    kinds = {name: {e.kind for e in align(doc.old, doc.new, passes=ps).edges} for name, ps in upto.items()}
    assert kinds["markers"] == set() and kinds["placeholders"] <= {"placeholder"}
    assert "text" in kinds["body"] and "text" not in kinds["placeholders"]
    assert align(doc.old, doc.new).edges == align(doc.old, doc.new, passes=PASSES).edges


def test_only_the_factory_constructs_model_objects_in_tests() -> None:
    """A new model field is added in ``tests/factory.py`` alone: no other test module calls a model class."""
    import ast
    import dataclasses
    from pathlib import Path

    import corpus.model
    import diffing.model

    models = {
        name
        for module in (corpus.model, diffing.model)
        for name, obj in vars(module).items()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == module.__name__
    }
    models -= {"Span", "SourceText", "ParseWarning", "TextDiff", "Segment"}  # plain values, nothing derived
    here = Path(__file__).resolve().parent
    offenders = []
    for path in sorted(here.glob("*.py")):
        if path.name == "factory.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module in ("corpus.model", "diffing.model")
            for alias in node.names
            if alias.name in models
        }
        offenders += [
            f"{path.name}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in imported
        ]
    assert offenders == []


LAYERS = {"corpus": 0, "diffing": 1, "analysis": 2, "review": 2, "reports": 3, "viewer": 4, "ordiff": 5}


def test_arrows_point_one_way_and_first_party_imports_are_plain() -> None:
    """corpus -> diffing -> analysis, review -> reports -> viewer -> ordiff: no package imports a later
    one, even inside a function, and no first-party import is wrapped in ``try``/``except ImportError``."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    upward, guarded = [], []
    for package, level in LAYERS.items():
        for path in sorted((root / package).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                for name in names:
                    top = name.split(".")[0]
                    if top in LAYERS and LAYERS[top] > level:
                        upward.append(f"{package}/{path.name}:{node.lineno} imports {name}")
                if isinstance(node, ast.Try):
                    catches = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
                    first_party = any(
                        isinstance(n, ast.Import | ast.ImportFrom)
                        and any(
                            (a.name if isinstance(n, ast.Import) else n.module or "").split(".")[0] in LAYERS
                            for a in n.names
                        )
                        for n in node.body
                    )
                    if first_party and catches & {"ImportError", "ModuleNotFoundError"}:
                        guarded.append(f"{package}/{path.name}:{node.lineno}")
    assert upward == [] and guarded == []


def test_engine_warnings_are_parse_warnings() -> None:
    from diffing.serialize import comparison_to_dict
    from tests.factory import article, document

    c = compare(document([article("1", "Purpose", "The purpose is stated.")], []))
    (w,) = c.warnings
    assert (w.code, w.message) == (
        "empty-new-version",
        "the new version has no article: every old article is reported as deleted",
    )
    assert comparison_to_dict(c)["warnings"] == [{"code": w.code, "message": w.message}]


def test_report_version_is_the_installed_distribution() -> None:
    from importlib import metadata

    from reports.content import tool_version

    assert tool_version() == metadata.version("ordinance-diff")
