"""The provision concordance (``diffing.provisions``), its scoring and ``ordiff align --provisions``.

Expectations come from reading the texts: ``tests/provision_texts/data-sharing-*.txt`` (written for these
tests; what went where is listed in ``tests/gold/data-sharing-provisions.toml``) and the Seoul page (gold
``tests/gold/seoul-provisions.toml``).
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

import pytest

from corpus import load_document
from corpus.model import Document
from corpus.sources import SourceError
from diffing import compare
from diffing.compare import pairs_for
from diffing.evaluate import (
    evaluate_provisions,
    evaluate_synthetic_provisions,
    find_gold,
    load_provision_gold,
    provision_gold_pairs,
    provision_key,
    provision_names,
    synthetic_provision_truth,
)
from diffing.model import Comparison
from diffing.provisions import Concordance, ConcordanceRow, provision_concordance
from diffing.synthetic import Perturbation, perturb
from ordiff.cli import main
from tests import factory

HERE = Path(__file__).resolve().parent
OLD = HERE / "provision_texts" / "data-sharing-old.txt"
NEW = HERE / "provision_texts" / "data-sharing-new.txt"
GOLD = HERE / "gold"
KO_OLD = HERE / "provision_texts" / "data-sharing-ko-old.txt"
KO_NEW = HERE / "provision_texts" / "data-sharing-ko-new.txt"


@cache
def sharing() -> Comparison:
    return compare(load_document(str(OLD), str(NEW)))


@cache
def korean() -> Comparison:
    return compare(load_document(str(KO_OLD), str(KO_NEW)))


@cache
def seoul() -> Comparison:
    return compare(load_document("seoul-informatization", None))


def row(concordance: Concordance, old_label: str) -> ConcordanceRow:
    (found,) = [r for r in concordance.rows if r.old_label == old_label]
    return found


def targets(concordance: Concordance, old_label: str) -> list[str]:
    return list(row(concordance, old_label).new_labels)


# ---------------------------------------------------------------- the written pair


def test_paragraph_leaving_its_article_while_the_article_stays():
    c = provision_concordance(sharing())
    # old 1 (1), (2) stay in new 1; old 1 (3) (annual report) is new 4 (1)
    assert targets(c, "Article 1(1)") == ["Article 1(1)"]
    assert targets(c, "Article 1(2)") == ["Article 1(2)"]
    moved = row(c, "Article 1(3)")
    assert moved.new_labels == ("Article 4(1)",) and moved.change == "moved"
    assert moved.links[0].moved == "to Article 4 (1)"
    assert moved.links[0].old.eid == "art_1__para_3" and moved.links[0].new.eid == "art_4__para_1"
    assert row(c, "Article 1(2)").change == "unchanged" and row(c, "Article 1(1)").change == "modified"


def test_merges_splits_lists_deletions_and_additions_as_read():
    c = provision_concordance(sharing())
    # old 3 (1) and (2) became the one sentence of new 3
    assert targets(c, "Article 3(1)") == ["Article 3"] and targets(c, "Article 3(2)") == ["Article 3"]
    assert row(c, "Article 3(1)").change == "merged"
    # the functions article (lead and items) became paragraph (4) of the Committee article
    for label in ("Article 5", "Article 5, point 1", "Article 5, point 2", "Article 5, point 3"):
        assert targets(c, label) == ["Article 5(4)"], label
    # old 4 (Committee) continues paragraph by paragraph as new 5
    assert [targets(c, f"Article 4({k})") for k in (1, 2, 3)] == [[f"Article 5({k})"] for k in (1, 2, 3)]
    assert row(c, "Article 4(1)").links[0].moved == ""  # the article moved as a whole: no provision move
    # old 7 (2) was cut into new 7 (2) and (3)
    split = row(c, "Article 7(2)")
    assert split.new_labels == ("Article 7(2)", "Article 7(3)") and split.change == "split"
    # old 8 (penalties) is gone, old 9 is new 8
    assert row(c, "Article 8").links == () and row(c, "Article 8").change == "deleted"
    assert targets(c, "Article 9") == ["Article 8"]
    added = [r.new_labels[0] for r in c.rows if r.old is None]
    assert added == ["Article 2, point 4", "Article 4(2)"]
    assert all(r.change == "added" and r.added is not None for r in c.rows if r.old is None)


def test_every_provision_of_both_versions_is_in_the_table():
    synthetic = [compare(_syn(seed)) for seed in range(3)]
    for comparison in (sharing(), seoul(), korean(), *synthetic):
        c = provision_concordance(comparison)
        olds = [provision_key(r.old.article, r.old.label) for r in c.rows if r.old is not None]
        assert olds == provision_names(comparison.old)  # each old provision once, in reading order
        news = {provision_key(lk.new.article, lk.new.label) for lk in c.links}
        news |= {provision_key(r.added.article, r.added.label) for r in c.rows if r.added is not None}
        assert news == set(provision_names(comparison.new))
        assert not any(r.added is not None and r.links for r in c.rows)
        assert all(0.0 < lk.score <= 1.0 for lk in c.links)


def test_written_pair_scores_against_its_gold():
    scores = evaluate_provisions(sharing(), load_provision_gold(GOLD / "data-sharing-provisions.toml"))
    assert scores["engine"].f1 >= 0.95
    assert scores["engine"].f1 > scores["pair rows"].f1 > scores["same label"].f1


def test_a_move_the_pairs_do_not_hold_is_found_across_articles():
    """Re-paired as an analyst might (old 1 -> new 1 only, new 4 left added): the concordance still finds
    that old 1 (3) is new 4 (1), and says so with the Row wording."""
    document = sharing().document
    old_index = {a.number: i for i, a in enumerate(document.old.articles)}
    new_index = {a.number: j for j, a in enumerate(document.new.articles)}
    groups = [
        ([old_index["1"]], [new_index["1"]], "kept"),
        ([], [new_index["4"]], ""),
        *(([old_index[n]], [new_index[n]], "kept") for n in ("2", "3", "6", "7")),
        ([old_index["4"], old_index["5"]], [new_index["5"]], "kept"),
        ([old_index["9"]], [new_index["8"]], "kept"),
        ([old_index["8"]], [], ""),
    ]
    pairs = tuple(p for _, p in pairs_for(document, groups))
    reviewed = factory.comparison(document, pairs)
    assert not [p for p in pairs if "4" in p.new and p.old]  # no pair holds old 1 and new 4
    c = provision_concordance(reviewed)
    moved = row(c, "Article 1(3)")
    assert moved.new_labels == ("Article 4(1)",) and moved.links[0].moved == "to Article 4 (1)"
    assert moved.links[0].score >= 0.9


def test_a_repealed_placeholder_is_no_added_provision(tmp_path: Path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(
        "Article 1 (Purpose) The purpose of this Act is to promote the safe use of data by public bodies.\n"
        "Article 2 (Fees) (1) A fee may be charged to a private person who requests shared data.\n"
        "(2) The fee shall not exceed the cost of providing the data.\n",
        encoding="utf-8",
    )
    new.write_text(
        "Article 1 (Purpose) The purpose of this Act is to promote the safe use of data by public bodies.\n"
        "Article 2 Deleted.\n",
        encoding="utf-8",
    )
    c = provision_concordance(compare(load_document(str(old), str(new))))
    assert [(r.old_label, r.change) for r in c.rows] == [
        ("Article 1", "unchanged"),
        ("Article 2(1)", "deleted"),
        ("Article 2(2)", "deleted"),
    ]
    gold = tmp_path / "gold.toml"
    gold.write_text('[[link]]\nold = ["1"]\nnew = ["1"]\n', encoding="utf-8")
    scores = evaluate_provisions(compare(load_document(str(old), str(new))), load_provision_gold(gold))
    assert scores["engine"].f1 == 1.0 and scores["engine"].gold == 3


# ---------------------------------------------------------------- the Korean pair


def test_korean_pair_is_labelled_in_its_own_style():
    c = provision_concordance(korean())
    # 제1조③ (연차보고서) went to the new 제2조의2①; 제1조①② stay
    moved = row(c, "제1조③")
    assert moved.new_labels == ("제2조의2①",) and moved.change == "moved"
    assert moved.links[0].new.eid == "art_2-2__para_1"
    assert targets(c, "제1조②") == ["제1조②"] and row(c, "제1조②").change == "unchanged"
    # 제2조①② became the one sentence of 제2조; 제4조 and its items 1.-3. became 제3조③
    assert targets(c, "제2조①") == ["제2조"] and targets(c, "제2조②") == ["제2조"]
    for label in ("제4조", "제4조제1호", "제4조제2호", "제4조제3호"):
        assert targets(c, label) == ["제3조③"], label
    # 제3조 keeps its number: its paragraphs did not move, 제4조's came in
    assert row(c, "제3조①").links[0].moved == "" and row(c, "제4조").links[0].moved == "from 제4조"
    # 제5조 (수수료) was cut into 제4조① and ②; 제6조 (벌칙) is gone
    assert targets(c, "제5조") == ["제4조①", "제4조②"] and row(c, "제6조").change == "deleted"
    assert [r.new_labels[0] for r in c.rows if r.old is None] == ["제2조의2②"]


def test_korean_pair_scores_against_its_gold():
    scores = evaluate_provisions(korean(), load_provision_gold(GOLD / "data-sharing-ko-provisions.toml"))
    assert scores["engine"].f1 >= 0.95 and scores["engine"].f1 > scores["pair rows"].f1


@pytest.mark.parametrize("style", ["ko-constitution", "fr-eu-recast", "ko-statute"])
def test_style_texts_score_against_provision_gold(style: str):
    """The style texts of tests/texts/: no titles and a chapter moved; premier, bis, ter; move markers."""
    folder = HERE / "texts" / style
    c = compare(load_document(str(folder / "old.txt"), str(folder / "new.txt")))
    scores = evaluate_provisions(c, load_provision_gold(GOLD / f"{style}-provisions.toml"))
    assert scores["engine"].f1 >= 0.95 and scores["engine"].f1 >= scores["pair rows"].f1


def test_style_texts_are_labelled_as_cited():
    folder = HERE / "texts" / "fr-eu-recast"
    c = provision_concordance(compare(load_document(str(folder / "old.txt"), str(folder / "new.txt"))))
    assert targets(c, "Article 2(1)") == ["Article 2(1)"]  # printed "1.": a paragraph
    assert targets(c, "Article 3, point (b)") == ["Article 3, point (b)"]  # printed "b)": a point
    assert targets(c, "Article 3 bis") == ["Article 4"] and targets(c, "Article premier") == [
        "Article premier"
    ]
    folder = HERE / "texts" / "ko-statute"
    c = provision_concordance(compare(load_document(str(folder / "old.txt"), str(folder / "new.txt"))))
    assert targets(c, "제2조제1호의2") == ["제2조제1호의2"]
    assert targets(c, "제6조") == ["제5조①"] and targets(c, "제5조②") == ["제6조"]  # the move markers


# ---------------------------------------------------------------- Seoul, against gold read from the page


def test_seoul_committee_cluster_as_read():
    c = provision_concordance(seoul())
    # the quorum rule, old 7 (7), is new 8 (3) while old 7 (1)-(3) stay in new 7
    quorum = row(c, "Article 7(7)")
    assert quorum.new_labels == ("Article 8(3)",) and quorum.links[0].moved == "to Article 8 (3)"
    assert targets(c, "Article 7(2)") == ["Article 7(2)"]
    # old 12 (opinions) and 13 (allowances) are new 8 (4) and (5); old 9 (2) (acting chair) is new 8 (1)
    assert targets(c, "Article 12") == ["Article 8(4)"] and targets(c, "Article 13") == ["Article 8(5)"]
    assert targets(c, "Article 9(2)") == ["Article 8(1)"]
    # the functions of old 8 went into new 7 (1)
    assert targets(c, "Article 8") == ["Article 7(1)"]
    # old 28-2 continues paragraph by paragraph as new 17
    assert [targets(c, f"Article 28-2({k})") for k in range(1, 5)] == [
        [f"Article 17({k})"] for k in range(1, 5)
    ]


def test_seoul_provision_scores():
    scores = evaluate_provisions(seoul(), load_provision_gold(GOLD / "seoul-provisions.toml"))
    engine, rows = scores["engine"], scores["pair rows"]
    assert engine.gold == 138
    assert engine.f1 >= 0.88 and engine.precision >= 0.85 and engine.recall >= 0.9
    assert engine.f1 > rows.f1 and engine.f1 > scores["same label"].f1 + 0.3


def test_act_provision_scores():
    c = compare(load_document("kr-ai-framework-act", None))
    scores = evaluate_provisions(c, load_provision_gold(GOLD / "kr-ai-framework-act-provisions.toml"))
    assert scores["engine"].gold == 188 and scores["engine"].f1 >= 0.99
    concordance = provision_concordance(c)
    assert targets(concordance, "Article 16(1)")[-1] == "Article 16(2)"  # the support list moved down
    assert targets(concordance, "Article 10(4)") == ["Article 10(5)"]
    assert targets(concordance, "Article 41") == ["Article 41(1)"]


def test_same_label_gold_entries_are_checked(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text('same_label = ["16"]\n', encoding="utf-8")  # 16 gained paragraphs: labels differ
    c = compare(load_document("kr-ai-framework-act", None))
    with pytest.raises(SourceError, match="provisions differ"):
        provision_gold_pairs(load_provision_gold(bad), c.old, c.new)
    good = tmp_path / "good.toml"
    good.write_text('same_label = ["4"]\n', encoding="utf-8")
    pairs = provision_gold_pairs(load_provision_gold(good), c.old, c.new)
    assert ("4(1)", "4(1)") in pairs and ("16(1)", None) in pairs  # unnamed: counted as deleted


def test_provision_gold_is_found_by_level_and_the_article_gold_stays_first():
    assert find_gold("seoul-informatization").name == "seoul-alignment.toml"
    assert find_gold("seoul-informatization", level="provision").name == "seoul-provisions.toml"


def test_provision_gold_names_are_checked(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[link]]\nold = ["7(9)"]\nnew = ["8(3)"]\n', encoding="utf-8")
    with pytest.raises(SourceError, match=r"old provision '7\(9\)'"):
        provision_gold_pairs(load_provision_gold(bad), seoul().old, seoul().new)
    one_sided = tmp_path / "one.toml"
    one_sided.write_text('[[link]]\nold = ["7(7)"]\nnew = []\n', encoding="utf-8")
    with pytest.raises(SourceError, match="both sides"):
        load_provision_gold(one_sided)
    with pytest.raises(SourceError, match="no such gold file"):
        load_provision_gold(tmp_path / "missing.toml")


def test_gold_expansion_by_hand():
    links = load_provision_gold(GOLD / "data-sharing-provisions.toml")
    gold = provision_gold_pairs(links, sharing().old, sharing().new)
    assert ("1(3)", "4(1)") in gold and ("7(2)", "7(3)") in gold and ("3(2)", "3") in gold
    assert ("8", None) in gold and (None, "4(2)") in gold and (None, "21.") not in gold
    assert ("51.", "5(4)") in gold  # "5 1." is subparagraph 1 of Article 5


# ---------------------------------------------------------------- synthetic amendments


def _syn(seed: int) -> Document:
    version = load_document("kr-ai-framework-act", None).old
    return perturb(version, seed, Perturbation(paragraph_moves=3)).document


def test_synthetic_truth_follows_a_moved_paragraph():
    """A moved paragraph shows in the truth as an old article going two ways, one of them into a new
    article that continues another old article (a split alone, or a merge alone, does not)."""
    for seed in range(3):
        c = compare(_syn(seed))
        truth = synthetic_provision_truth(c.old, c.new)
        assert {o for o, _ in truth if o} == set(provision_names(c.old))  # every old provision has its truth
        assert {n for _, n in truth if n} == set(provision_names(c.new))
        of_old = {provision_key(a.number, p.label): a.number for a in c.old.articles for p in a.paragraphs}
        of_old |= {a.number: a.number for a in c.old.articles}
        of_new = {provision_key(a.number, p.label): a.number for a in c.new.articles for p in a.paragraphs}
        of_new |= {a.number: a.number for a in c.new.articles}
        went: dict[str, set[str]] = {}
        came: dict[str, set[str]] = {}
        for o, n in truth:
            if o and n:
                went.setdefault(of_old[o], set()).add(of_new[n])
                came.setdefault(of_new[n], set()).add(of_old[o])
        moves = [(a, b) for a, bs in went.items() if len(bs) > 1 for b in bs if came[b] - {a}]
        assert moves, seed


def test_synthetic_provision_scores():
    version = load_document("kr-ai-framework-act", None).old
    scores = evaluate_synthetic_provisions(version, range(3))
    assert scores["engine"].f1 >= 0.98 and scores["engine"].f1 >= scores["pair rows"].f1
    assert scores["same label"].f1 < 0.6


def test_default_perturbation_moves_no_paragraph():
    version = load_document("seoul-informatization", None).old
    a = perturb(version, 4)
    b = perturb(version, 4, Perturbation(paragraph_moves=0))
    assert a.gold == b.gold and a.document.new.articles == b.document.new.articles


# ---------------------------------------------------------------- the command line


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, _ = capsys.readouterr()
    return code, out


def test_cli_csv_is_a_correlation_table(capsys):
    code, out = run(capsys, "align", str(OLD), str(NEW), "--provisions", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "old provision",
        "new provision",
        "score",
        "change",
        "moved",
        "old eid",
        "new eid",
    ]
    by_old = {r["old provision"]: r for r in rows if r["old provision"]}
    assert by_old["Article 1(3)"]["new provision"] == "Article 4(1)"
    assert by_old["Article 1(3)"]["moved"] == "to Article 4 (1)"
    assert by_old["Article 7(2)"]["new provision"] == "Article 7(2); Article 7(3)"
    assert by_old["Article 7(2)"]["new eid"] == "art_7__para_2; art_7__para_3"
    assert by_old["Article 8"]["new provision"] == "" and by_old["Article 8"]["change"] == "deleted"
    assert [r["new provision"] for r in rows if not r["old provision"]] == [
        "Article 2, point 4",
        "Article 4(2)",
    ]


def test_cli_json_links_name_both_eids(capsys):
    code, out = run(capsys, "align", "seoul-informatization", "--provisions", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["old"]["number"] == "6851" and sum(data["counts"].values()) == len(data["provisions"])
    (quorum,) = [p for p in data["provisions"] if p["old"] == "Article 7(7)"]
    assert quorum["old_eid"] == "art_7__para_7"
    assert quorum["new"] == [
        {
            "provision": "Article 8(3)",
            "eid": "art_8__para_3",
            "score": quorum["new"][0]["score"],
            "moved": "to Article 8 (3)",
        }
    ]
    assert 0.6 < quorum["new"][0]["score"] <= 1.0


def test_cli_text_and_plain_align_unchanged(capsys):
    code, out = run(capsys, "align", str(OLD), str(NEW), "--provisions")
    assert code == 0
    assert "Article 1(3)" in out and "to Article 4 (1)" in out and out.rstrip().endswith("added 2")
    code, plain = run(capsys, "align", str(OLD), str(NEW), "--format", "json")
    assert code == 0 and "provisions" not in json.loads(plain)


def test_cli_evaluate_provisions(capsys):
    code, out = run(capsys, "evaluate", "seoul-informatization", "--provisions")
    assert code == 0
    assert "seoul-provisions.toml (provision links)" in out
    engine = next(line for line in out.splitlines() if line.strip().startswith("engine"))
    assert float(engine.split()[3]) >= 0.88
    code, out = run(capsys, "evaluate", "seoul-informatization")
    assert "seoul-alignment.toml" in out and "provision" not in out


def test_cli_evaluate_provisions_without_gold_is_one_line(capsys, tmp_path: Path):
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text(OLD.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text(NEW.read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["evaluate", str(old), str(new), "--provisions"])
    _, err = capsys.readouterr()
    assert code == 2 and "no provision gold file" in err and len(err.strip().splitlines()) == 1
