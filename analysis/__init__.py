"""What a word diff does not say: systematic substitutions, cross-references, note checks, change types.

Built on the engine's model only (``corpus`` and ``diffing``; nothing is re-parsed)::

    result = analysis.analyse(comparison)
    result.substitutions   # Substitution(old, new, count, where, survivors)
    result.references      # Reference(side, site, text, target, external, status), both versions
    result.checks          # Check(kind, side, article, path, note): amendment notes against the text
    result.types[pair.key] # PairTypes(types, rows, title, terminology)
    analysis.analysis_dict(result)           # the JSON keys of ``ordiff align --format json``
    analysis.with_analysis(comparison, data) # adds them to ``diffing.serialize.comparison_to_dict`` output
    analysis.type_pair(result, pair_dict)    # what it adds to one pair (for a pair-by-pair writer)
    analysis.hide_substitutions(row.diff, result.substitutions)  # the diff without the known renames

Modules: ``regions`` (changed stretches of the word diffs), ``substitutions``,
``references`` (with ``locations``: paths and the cross-version concordance),
``checks``, ``changetypes``; every regex is in ``analysis.patterns``; ``lookup`` indexes the
model's look-ups once per comparison, so every pass is linear in the size of the document
(``benchmarks/bench_analysis.py``).  ``import analysis`` loads only this package: the engine
(``corpus``, ``diffing``) and ``analysis.patterns`` are imported inside the functions that use them,
by when the caller holding a comparison has them already.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.changetypes import AKN_TYPE, CHANGE_TYPES, ChangeType, PairTypes, classify
from analysis.checks import CHECK_KINDS, Check, check_notes
from analysis.locations import Concordance, Location
from analysis.lookup import Lookup
from analysis.references import REFERENCE_STATUS, Reference, check_references
from analysis.regions import all_regions
from analysis.substitutions import Substitution, find_substitutions, hide_substitutions

if TYPE_CHECKING:
    from diffing.model import Comparison

__all__ = [
    "AKN_TYPE",
    "CHANGE_TYPES",
    "CHECK_KINDS",
    "REFERENCE_STATUS",
    "Analysis",
    "ChangeType",
    "Check",
    "Location",
    "PairTypes",
    "Reference",
    "Substitution",
    "analyse",
    "analysis_dict",
    "hide_substitutions",
    "summary",
    "type_pair",
    "with_analysis",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    substitutions: tuple[Substitution, ...]
    references: tuple[Reference, ...]
    checks: tuple[Check, ...]
    types: dict[str, PairTypes]  # by Pair.key

    def problems(self) -> tuple[Reference, ...]:
        """The references an analyst must look at: dangling and re-pointed ones."""
        return tuple(r for r in self.references if r.status in ("dangling", "repointed"))


def analyse(comparison: Comparison) -> Analysis:
    """Every pass over ``comparison``, with the cyclic garbage collector paused as the reader and the
    engine pause it (``corpus.gcpause``: the passes make many small objects and no reference cycles)."""
    from corpus.gcpause import gc_paused

    with gc_paused():
        return _analyse(comparison)


def _analyse(comparison: Comparison) -> Analysis:
    lookup = Lookup(comparison)  # the model's look-ups, indexed once for every pass
    regions = all_regions(comparison, lookup)
    subs = find_substitutions(comparison, regions, lookup)
    types = classify(comparison, subs, lookup)
    return Analysis(
        substitutions=subs.substitutions,
        references=check_references(comparison, Concordance(comparison, lookup), lookup),
        checks=check_notes(comparison, subs.regions, lookup),
        types={t.key: t for t in types},
    )


def analysis_dict(result: Analysis) -> dict[str, Any]:
    """The top-level keys ``substitutions``, ``references`` and ``checks`` of the align JSON."""
    return {
        "substitutions": [s.to_dict() for s in result.substitutions],
        "references": [r.to_dict() for r in result.references],
        "checks": [c.to_dict() for c in result.checks],
    }


def with_analysis(
    comparison: Comparison, data: dict[str, Any], result: Analysis | None = None
) -> dict[str, Any]:
    """``data`` (a ``comparison_to_dict`` result) with the analysis keys added and each pair and row typed.

    Each pair dict gets ``change_types`` (list) and ``terminology`` (bool); each of its
    ``paragraphs`` gets ``change_type`` (str or null).  Pairs are matched by key, so a
    restricted comparison (a report's chosen pairs) works too.
    """
    result = result or analyse(comparison)
    keys = {p["key"] for p in data.get("pairs", [])}
    for pair in data.get("pairs", []):
        type_pair(result, pair)
    extra = analysis_dict(result)
    if keys != {p.key for p in comparison.pairs}:
        extra["substitutions"] = [s for s in extra["substitutions"] if set(s["where"]) & keys]
    data.update(extra)
    return data


def type_pair(result: Analysis, pair: dict[str, Any]) -> dict[str, Any]:
    """``pair`` (a ``diffing.serialize.pair_to_dict`` result) with what :func:`with_analysis` adds to it."""
    t = result.types.get(pair["key"])
    pair["change_types"] = list(t.types) if t else []
    pair["terminology"] = bool(t and t.terminology)
    for k, row in enumerate(pair.get("paragraphs", [])):
        row["change_type"] = t.rows[k] if t and k < len(t.rows) else None
    return pair


def summary(result: Analysis) -> dict[str, Any]:
    """Counts for a report's summary page: change types, reference statuses, check kinds."""
    types = {t: 0 for t in CHANGE_TYPES}
    for pt in result.types.values():
        for t in pt.types:
            types[t] += 1
    statuses = {s: 0 for s in REFERENCE_STATUS}
    for r in result.references:
        statuses[r.status] += 1
    checks = {k: 0 for k in CHECK_KINDS}
    for c in result.checks:
        checks[c.kind] += 1
    return {
        "change_types": types,
        "substitutions": len(result.substitutions),
        "references": statuses,
        "checks": checks,
    }
