"""Legal change types of each pair and row, in the vocabulary of Akoma Ntoso ``textualMod``.

``substitution`` (text replaced), ``insertion``, ``repeal``, ``renumbering``,
``split``, ``join`` -- the AKN ``TextualMods`` values -- plus ``terminology``
(every word change is an accepted systematic substitution) and
``reference-only`` (every word change lies inside a cross-reference, e.g.
``Article 7 (7)`` -> ``Article 8``).  Wording that changes only punctuation or
label style (``(a)`` -> ``a.``) counts as ``substitution``.

A row has one type (or None when unchanged in place); a pair has the types of
its structure (added, deleted, merged, split, renumbered/moved) followed by the
types of its rows, in ``CHANGE_TYPES`` order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from analysis.lookup import Lookup
from analysis.references import reference_spans

if TYPE_CHECKING:
    from analysis.regions import Region
    from analysis.substitutions import SubstitutionResult
    from corpus.model import Article, Provision
    from diffing.model import Comparison, Pair, Row

ChangeType = Literal[
    "substitution", "insertion", "repeal", "renumbering", "split", "join", "terminology", "reference-only"
]
CHANGE_TYPES: tuple[ChangeType, ...] = (
    "substitution",
    "insertion",
    "repeal",
    "renumbering",
    "split",
    "join",
    "terminology",
    "reference-only",
)
# the AKN textualMod type each of ours is exported as
AKN_TYPE: dict[ChangeType, str] = {
    "substitution": "substitution",
    "insertion": "insertion",
    "repeal": "repeal",
    "renumbering": "renumbering",
    "split": "split",
    "join": "join",
    "terminology": "substitution",
    "reference-only": "substitution",
}
_STRUCTURE: dict[str, ChangeType] = {
    "added": "insertion",
    "deleted": "repeal",
    "merged": "join",
    "split": "split",
    "renumbered": "renumbering",
    "moved": "renumbering",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class PairTypes:
    key: str
    types: tuple[ChangeType, ...]
    rows: tuple[ChangeType | None, ...]  # parallel to Pair.rows
    title: ChangeType | None  # the title change of a one-to-one pair

    @property
    def terminology(self) -> bool:
        """The change flag: the article's only changes are accepted substitutions."""
        content = [t for t in self.types if t not in ("renumbering",)]
        return content == ["terminology"]


def classify(
    comparison: Comparison, subs: SubstitutionResult, lookup: Lookup | None = None
) -> tuple[PairTypes, ...]:
    lookup = lookup or Lookup(comparison)
    by_row: dict[tuple[str, int | None], list[int]] = {}
    for k, region in enumerate(subs.regions):
        by_row.setdefault((region.pair, region.row), []).append(k)
    return tuple(_pair(p, lookup, subs, by_row) for p in comparison.pairs)


def _pair(
    pair: Pair,
    lookup: Lookup,
    subs: SubstitutionResult,
    by_row: dict[tuple[str, int | None], list[int]],
) -> PairTypes:
    rows = tuple(
        _row(pair, k, row, subs, by_row.get((pair.key, k), []), lookup) for k, row in enumerate(pair.rows)
    )
    title = _content(subs, by_row.get((pair.key, None), []), None) if (pair.key, None) in by_row else None
    types: list[ChangeType] = []
    if pair.change in _STRUCTURE:
        types.append(_STRUCTURE[pair.change])
    if pair.renumbered and "renumbering" not in types and pair.change not in ("added", "deleted"):
        types.append("renumbering")
    news = lookup.articles("new", pair)
    if news and all(a.status != "in_force" for a in news):
        types.append("repeal")  # kept as a "Deleted." placeholder
    if pair.change not in ("added", "deleted"):
        for t in (*rows, title):
            if t is not None and t not in types:
                types.append(t)
    ordered = tuple(t for t in CHANGE_TYPES if t in types)
    return PairTypes(key=pair.key, types=ordered, rows=rows, title=title)


def _row(
    pair: Pair, k: int, row: Row, subs: SubstitutionResult, regions: list[int], lookup: Lookup
) -> ChangeType | None:
    if row.old is None:
        return "insertion"
    if row.new is None or _repealed(lookup, row.new.eid):
        return "repeal"
    if not row.diff.changed:
        moved = bool(row.moved) or row.old.label != row.new.label
        return "renumbering" if moved else None
    return _content(subs, regions, row)


def _repealed(lookup: Lookup, eid: str) -> bool:
    """A unit of the new version the reader marked repealed: a ``Deleted.`` provision or a placeholder."""
    article, provision = _model_classes()
    node = lookup.element("new", eid)
    if isinstance(node, provision):
        return node.deleted
    return isinstance(node, article) and node.status != "in_force"


@cache
def _model_classes() -> tuple[type[Article], type[Provision]]:
    """``corpus.model``'s Article and Provision, imported on first use and then
    a cached call (an import statement costs ~0.6 µs in a function run for each row or word)."""
    from corpus.model import Article, Provision

    return Article, Provision


def _content(subs: SubstitutionResult, regions: list[int], row: Row | None) -> ChangeType:
    # the reference spans of the row's texts, found when a region first needs them (a row whose regions
    # are all explained needs none)
    spans: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
    kinds = set()
    for k in regions:
        region = subs.regions[k]
        if k in subs.explained_regions:
            kinds.add("terminology" if k in subs.substituted_regions else "format")
            continue
        if spans is None:
            spans = (
                (reference_spans(row.diff.old_text), reference_spans(row.diff.new_text))
                if row is not None
                else ([], [])
            )
        if _inside(region, *spans):
            kinds.add("reference")
        else:
            return "substitution"
    if "terminology" in kinds:
        return "terminology"
    if "reference" in kinds:
        return "reference-only"
    return "substitution"


def _inside(region: Region, old: list[tuple[int, int]], new: list[tuple[int, int]]) -> bool:
    def within(span: tuple[int, int], refs: list[tuple[int, int]]) -> bool:
        a, b = span
        return any(s <= a and b <= e for s, e in refs) or (a == b and any(s <= a <= e for s, e in refs))

    return bool(old or new) and within(region.old_span, old) and within(region.new_span, new)
