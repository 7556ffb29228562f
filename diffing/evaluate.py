"""Scoring an alignment against a gold file, and the two baselines it is shown beside.

Gold format: ``tests/gold/README.md``.  Each link (and each engine pair)
expands to its set of (old, new) article pairs; an added / deleted article
expands to ``(None, n)`` / ``(o, None)``.  Precision, recall and F1 are computed
over these sets.  Baselines: *same number* (old N -> new N, the rest added /
deleted) and *best fuzzy* (each article of either version linked to its most
similar article of the other version by ``rapidfuzz.fuzz.ratio``, a 1:many
union with no threshold).
"""

from __future__ import annotations

import tomllib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rapidfuzz import fuzz, process

from corpus.model import Version
from corpus.sources import SourceError
from diffing.model import Comparison, Pair

PairKey = tuple[str | None, str | None]
K = TypeVar("K", bound=Hashable)
SAME_CLASS = {"moved": "renumbered"}


@dataclass(frozen=True, slots=True)
class GoldLink:
    old: tuple[str, ...]
    new: tuple[str, ...]
    change: str


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    gold: int


def load_gold(path: str | Path) -> tuple[GoldLink, ...]:
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(f"{p}: no such gold file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"{p}: not a valid TOML gold file ({exc})") from None
    links = data.get("link")
    if not isinstance(links, list) or not links:
        raise SourceError(f"{p}: no [[link]] table (see tests/gold/README.md)")
    out = []
    for k, link in enumerate(links, 1):
        try:
            out.append(
                GoldLink(tuple(map(str, link["old"])), tuple(map(str, link["new"])), str(link["change"]))
            )
        except KeyError as exc:
            raise SourceError(f"{p}: link {k} has no {exc.args[0]!r} key") from None
    return tuple(out)


def expand(old: Iterable[str], new: Iterable[str]) -> set[PairKey]:
    olds, news = tuple(old), tuple(new)
    if not news:
        return {(o, None) for o in olds}
    if not olds:
        return {(None, n) for n in news}
    return {(o, n) for o in olds for n in news}


def gold_pairs(links: Iterable[GoldLink]) -> set[PairKey]:
    out: set[PairKey] = set()
    for link in links:
        out |= expand(link.old, link.new)
    return out


def engine_pairs(pairs: Iterable[Pair]) -> set[PairKey]:
    """Expand engine pairs; an added/deleted pair never counts as a correspondence."""
    out: set[PairKey] = set()
    for p in pairs:
        if p.change == "deleted":
            out |= expand(p.old, ())
            out |= {(None, n) for n in p.new}
        elif p.change == "added":
            out |= expand((), p.new)
        else:
            out |= expand(p.old, p.new)
    return out


def score(predicted: set[K], gold: set[K]) -> Score:
    tp = len(predicted & gold)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, tp, len(predicted), len(gold))


def label_accuracy(pairs: Iterable[Pair], links: Iterable[GoldLink]) -> tuple[int, int]:
    """(right, compared): change labels over links whose pair sets match exactly."""
    by_key = {(tuple(sorted(p.old)), tuple(sorted(p.new))): p.change for p in pairs}
    right = total = 0
    for link in links:
        got = by_key.get((tuple(sorted(link.old)), tuple(sorted(link.new))))
        if got is None:
            continue
        total += 1
        right += SAME_CLASS.get(got, got) == SAME_CLASS.get(link.change, link.change)
    return right, total


def same_number_baseline(old: Version, new: Version) -> set[PairKey]:
    olds = {a.number for a in old.articles}
    news = {a.number for a in new.articles}
    out: set[PairKey] = {(n, n) for n in olds & news}
    out |= {(o, None) for o in olds - news}
    out |= {(None, n) for n in news - olds}
    return out


def best_fuzzy_baseline(old: Version, new: Version) -> set[PairKey]:
    if not old.articles or not new.articles:
        return same_number_baseline(old, new)
    ot = [a.text for a in old.articles]
    nt = [a.text for a in new.articles]
    out: set[PairKey] = set()
    for a in old.articles:
        _, _, j = process.extractOne(a.text, nt, scorer=fuzz.ratio)
        out.add((a.number, new.articles[j].number))
    for b in new.articles:
        _, _, i = process.extractOne(b.text, ot, scorer=fuzz.ratio)
        out.add((old.articles[i].number, b.number))
    return out


def evaluate(comparison: Comparison, links: tuple[GoldLink, ...]) -> dict[str, Score]:
    gold = gold_pairs(links)
    old, new = comparison.old, comparison.new
    return {
        "engine": score(engine_pairs(comparison.pairs), gold),
        "same number": score(same_number_baseline(old, new), gold),
        "best fuzzy": score(best_fuzzy_baseline(old, new), gold),
    }


GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "gold"


def find_gold(document_name: str, gold_dir: Path = GOLD_DIR) -> Path | None:
    """The gold file whose ``document`` key names ``document_name``, if any."""
    if not gold_dir.is_dir():
        return None
    for path in sorted(gold_dir.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        if data.get("document") == document_name:
            return path
    return None


def evaluate_synthetic(version: Version, seeds: Iterable[int]) -> dict[str, Score]:
    """Scores over synthetic amendments of ``version``, pairs pooled across the seeds."""
    from diffing.compare import compare
    from diffing.synthetic import perturb

    pooled: dict[str, tuple[set[tuple[int, PairKey]], set[tuple[int, PairKey]]]] = {}
    for seed in seeds:
        syn = perturb(version, seed)
        c = compare(syn.document)
        gold = {(seed, k) for k in syn.gold}
        runs = {
            "engine": engine_pairs(c.pairs),
            "same number": same_number_baseline(c.old, c.new),
            "best fuzzy": best_fuzzy_baseline(c.old, c.new),
        }
        for name, found in runs.items():
            predicted, golds = pooled.setdefault(name, (set(), set()))
            predicted |= {(seed, k) for k in found}
            golds |= gold
    return {name: score(p, g) for name, (p, g) in pooled.items()}
