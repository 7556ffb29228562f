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

import re
import tomllib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from rapidfuzz import fuzz, process

from corpus.model import Provision, Span, Version
from corpus.sources import SourceError
from diffing.model import Comparison, Pair
from diffing.provisions import Concordance, provision_concordance
from diffing.units import article_units, is_placeholder

PairKey = tuple[str | None, str | None]
K = TypeVar("K", bound=Hashable)
NO_SPAN = Span(source=0, start=0, end=0)
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


def _gold_toml(p: Path) -> dict[str, Any]:
    """The tables of a gold file; SourceError naming the file when it is missing or not TOML."""
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(f"{p}: no such gold file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"{p}: not a valid TOML gold file ({exc})") from None


def load_gold(path: str | Path) -> tuple[GoldLink, ...]:
    p = Path(path)
    data = _gold_toml(p)
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


def find_gold(document_name: str, gold_dir: Path = GOLD_DIR, level: str = "article") -> Path | None:
    """The gold file whose ``document`` key names ``document_name``, if any, at ``level``.

    A file's level is its ``level`` key (``"provision"``), ``"article"`` when it has none."""
    if not gold_dir.is_dir():
        return None
    for path in sorted(gold_dir.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        if data.get("document") == document_name and data.get("level", "article") == level:
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


# ---------------------------------------------------------------- provision level

SAME_LABEL = "same-label"  # a provision gold entry of ``same_label``
PROVISION_SPACE_RE = re.compile(r"(?P<space>\s+)", re.VERBOSE)


def provision_key(article: str, label: str) -> str:
    """``"7(3)"``, ``"8"``, ``"81."`` (``8 1.``): a provision's name in gold files, spaces removed."""
    return PROVISION_SPACE_RE.sub("", f"{article}{label}")


def load_provision_gold(path: str | Path) -> tuple[GoldLink, ...]:
    """The ``[[link]]`` tables of a provision gold file (``tests/gold/README.md``, provision concordances)."""
    p = Path(path)
    data = _gold_toml(p)
    links = data.get("link", [])
    same = data.get("same_label", [])
    if not isinstance(links, list) or not isinstance(same, list) or not (links or same):
        raise SourceError(f"{p}: no [[link]] table (see tests/gold/README.md)")
    out = [GoldLink((str(n),), (str(n),), SAME_LABEL) for n in same]
    for k, link in enumerate(links, 1):
        try:
            old, new = tuple(map(str, link["old"])), tuple(map(str, link["new"]))
        except KeyError as exc:
            raise SourceError(f"{p}: link {k} has no {exc.args[0]!r} key") from None
        if not old or not new:
            raise SourceError(
                f"{p}: link {k} needs provisions on both sides (unnamed ones are added/deleted)"
            )
        out.append(GoldLink(old, new, "link"))
    return tuple(out)


def provision_names(version: Version) -> list[str]:
    """Every provision of ``version`` (the units of :func:`diffing.units.article_units`), by key."""
    return [provision_key(u.article, u.label) for a in version.articles for u in article_units(a)]


def provision_gold_pairs(links: Iterable[GoldLink], old: Version, new: Version) -> set[PairKey]:
    """The gold links expanded, plus ``(o, None)`` / ``(None, n)`` for every provision no link names
    (a new repealed placeholder, "Article 3 Deleted.", is no added provision).

    A name that is no provision of its version is an error in the gold file, reported by name."""
    olds, news = provision_names(old), provision_names(new)
    out: set[PairKey] = set()
    for link in links:
        if link.change == SAME_LABEL:
            out |= _same_label_pairs(link.old[0], old, new)
            continue
        o = [provision_key(x, "") for x in link.old]
        n = [provision_key(x, "") for x in link.new]
        for side, names, known in (("old", o, olds), ("new", n, news)):
            missing = [x for x in names if x not in known]
            if missing:
                raise SourceError(
                    f"gold names {side} provision {missing[0]!r}, which the {side} version lacks"
                )
        out |= expand(o, n)
    named_o = {o for o, _ in out}
    named_n = {n for _, n in out}
    placeholders = {provision_key(a.number, "") for a in new.articles if is_placeholder(a)}
    out |= {(o, None) for o in olds if o not in named_o}
    out |= {(None, n) for n in news if n not in named_n and n not in placeholders}
    return out


def _same_label_pairs(number: str, old: Version, new: Version) -> set[PairKey]:
    """``same_label = ["N", ...]``: every provision of article N continues as the same-labelled one."""
    a, b = old.article(number), new.article(number)
    if a is None or b is None:
        raise SourceError(f"gold same_label names article {number!r}, which a version lacks")
    labels = [u.label for u in article_units(a)]
    if labels != [u.label for u in article_units(b)]:
        raise SourceError(
            f"gold same_label names article {number!r}, whose provisions differ between versions"
        )
    return {(provision_key(number, x), provision_key(number, x)) for x in labels}


def concordance_pairs(concordance: Concordance) -> set[PairKey]:
    """The engine's provision links (and deleted / added provisions) by key."""
    out: set[PairKey] = set()
    for r in concordance.rows:
        if r.old is None:
            if r.added is not None:
                out.add((None, provision_key(r.added.article, r.added.label)))
            continue
        o = provision_key(r.old.article, r.old.label)
        if not r.links:
            out.add((o, None))
        out |= {(o, provision_key(lk.new.article, lk.new.label)) for lk in r.links}
    return out


def row_pairs(comparison: Comparison) -> set[PairKey]:
    """Baseline: the paragraph rows of the pairs as they were (a row pairs units inside one pair only)."""
    out: set[PairKey] = set()
    linked_o: set[str] = set()
    linked_n: set[str] = set()
    for p in comparison.pairs:
        for r in p.rows:
            if r.old is not None and r.new is not None:
                o, n = provision_key(r.old.article, r.old.label), provision_key(r.new.article, r.new.label)
                out.add((o, n))
                linked_o.add(o)
                linked_n.add(n)
    out |= {(o, None) for o in provision_names(comparison.old) if o not in linked_o}
    out |= {(None, n) for n in provision_names(comparison.new) if n not in linked_n}
    return out


def same_label_baseline(old: Version, new: Version) -> set[PairKey]:
    """Baseline: a provision continues as the provision of the same article number and label."""
    return same_names(provision_names(old), provision_names(new))


def same_names(olds: Iterable[str], news: Iterable[str]) -> set[PairKey]:
    o, n = set(olds), set(news)
    return {(x, x) for x in o & n} | {(x, None) for x in o - n} | {(None, x) for x in n - o}


def evaluate_provisions(comparison: Comparison, links: tuple[GoldLink, ...]) -> dict[str, Score]:
    """Provision-level P/R/F1 of the concordance, beside the pair rows and same-label baselines."""
    gold = provision_gold_pairs(links, comparison.old, comparison.new)
    return {
        "engine": score(concordance_pairs(provision_concordance(comparison)), gold),
        "pair rows": score(row_pairs(comparison), gold),
        "same label": score(same_label_baseline(comparison.old, comparison.new), gold),
    }


def synthetic_provision_truth(syn_old: Version, syn_new: Version) -> set[PairKey]:
    """The true provision links of a synthetic amendment (:func:`diffing.synthetic.perturb`).

    The perturbation keeps every provision's source span (and an article's lead keeps its article's span,
    also when a merge turns it into a paragraph), so a new provision continues the old provisions whose
    spans it or its sub-provisions carry."""
    owner: dict[Span, str] = {}
    for a in syn_old.articles:
        units = article_units(a)
        for u in units:
            if not u.label:
                owner[a.span] = provision_key(a.number, "")
        for p in a.paragraphs:
            owner[p.span] = provision_key(a.number, p.label)

    def spans(p: Provision) -> list[Span]:
        return [p.span, *(s for c in p.children for s in spans(c))]

    out: set[PairKey] = set()
    continued: set[str] = set()
    for a in syn_new.articles:
        by_label = {p.label: p for p in a.paragraphs}
        for u in article_units(a):
            n = provision_key(a.number, u.label)
            found = spans(by_label[u.label]) if u.label else [a.span]
            sources = {owner[s] for s in found if s in owner and s != NO_SPAN}
            out |= {(o, n) for o in sources} if sources else {(None, n)}
            continued |= sources
    out |= {(o, None) for o in provision_names(syn_old) if o not in continued}
    return out


def evaluate_synthetic_provisions(version: Version, seeds: Iterable[int]) -> dict[str, Score]:
    """Provision-level scores over synthetic amendments of ``version``, pooled across the seeds."""
    from diffing.compare import compare
    from diffing.synthetic import Perturbation, perturb

    # harder than the article level's: every article reworded (40% of its words), three paragraphs moved
    # into other articles
    spec = Perturbation(paraphrase=1.0, word_rate=0.4, paragraph_moves=3)
    pooled: dict[str, tuple[set[tuple[int, PairKey]], set[tuple[int, PairKey]]]] = {}
    for seed in seeds:
        syn = perturb(version, seed, spec)
        c = compare(syn.document)
        gold = {(seed, k) for k in synthetic_provision_truth(c.old, c.new)}
        runs = {
            "engine": concordance_pairs(provision_concordance(c)),
            "pair rows": row_pairs(c),
            "same label": same_label_baseline(c.old, c.new),
        }
        for name, found in runs.items():
            predicted, golds = pooled.setdefault(name, (set(), set()))
            predicted |= {(seed, k) for k in found}
            golds |= gold
    return {name: score(p, g) for name, (p, g) in pooled.items()}
