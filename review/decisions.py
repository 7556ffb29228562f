"""The reviewed concordance: an analyst's decisions applied on top of the automatic alignment.

:func:`apply_decisions` is pure: the comparison and the decision log in, a :class:`ReviewedComparison` out.

1. The log is read in order.  A later decision on the same old and new ids replaces an earlier one;
   ``supersedes`` replaces the named decision; ``unlink`` withdraws whatever was decided on those ids.
2. A decision naming an element id that is not in the document any more is *stale*: it is listed in
   ``stale`` with the numbers it pointed at, and not applied.  Provision ids count for their article.
3. ``link`` (and an ``accept`` of a pair the engine no longer proposes) pins its articles together and
   takes them out of every other pair; ``accept`` of a proposed pair pins it as it is; ``reject`` takes
   the rejected articles out of the pair (the whole pair when the decision names all of it).  Articles
   left without a pair become added / deleted pairs.
4. Pairs whose articles changed are recomputed by :func:`diffing.compare.pairs_for` (rows, word
   diffs, change kinds, addenda); untouched pairs are the engine's own, unchanged.

Every pair then has an ``origin`` (``auto`` = the engine's, ``analyst`` = made by a decision) and a
``review`` state (``unreviewed``, ``accepted``, ``linked``, ``rejected``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from diffing.compare import pairs_for
from diffing.model import Comparison, Pair
from review.ids import article_eids, pair_eids
from review.model import Decision

Origin = Literal["auto", "analyst"]
ReviewState = Literal["unreviewed", "accepted", "linked", "rejected"]
Group = tuple[frozenset[int], frozenset[int]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewedPair:
    pair: Pair
    old_eids: tuple[str, ...]
    new_eids: tuple[str, ...]
    origin: Origin
    review: ReviewState
    decision: Decision | None = None  # the decision that gave this pair its state

    @property
    def reviewed(self) -> bool:
        return self.review != "unreviewed"


@dataclass(frozen=True, slots=True, kw_only=True)
class StaleDecision:
    decision: Decision
    missing: tuple[str, ...]  # the element ids no longer in the document

    @property
    def message(self) -> str:
        d = self.decision
        return (
            f"{d.verdict} {d.label} by {d.author} ({d.created:%Y-%m-%d}) no longer applies: "
            f"{', '.join(self.missing)} not in this document"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewedComparison:
    comparison: Comparison  # with the reviewed pairs
    entries: tuple[ReviewedPair, ...]  # parallel to comparison.pairs
    active: tuple[Decision, ...]  # decisions in force, in log order
    stale: tuple[StaleDecision, ...]

    @property
    def reviewed(self) -> int:
        return sum(e.reviewed for e in self.entries)

    @property
    def progress(self) -> str:
        """``31 of 45 pairs reviewed``."""
        return f"{self.reviewed} of {len(self.entries)} pairs reviewed"

    def entry(self, pair: Pair) -> ReviewedPair | None:
        for e in self.entries:
            if e.pair is pair:
                return e
        return None


def active_decisions(decisions: tuple[Decision, ...] | list[Decision]) -> tuple[Decision, ...]:
    """The decisions in force after supersedes, replacement by later decisions and unlinks."""
    by_key: dict[tuple[frozenset[str], frozenset[str]], Decision] = {}
    for d in decisions:
        if d.supersedes is not None:
            by_key = {k: v for k, v in by_key.items() if v.id != d.supersedes}
        key = (frozenset(d.old), frozenset(d.new))
        by_key.pop(key, None)
        if d.verdict != "unlink":
            by_key[key] = d
    order = {d.id: k for k, d in enumerate(decisions)}
    return tuple(sorted(by_key.values(), key=lambda d: order[d.id]))


def _article_of(eid: str) -> str:
    return eid.split("__")[0]


def apply_decisions(
    comparison: Comparison, decisions: tuple[Decision, ...] | list[Decision]
) -> ReviewedComparison:
    document = comparison.document
    old_index = {e: i for i, e in enumerate(article_eids(document.old))}
    new_index = {e: j for j, e in enumerate(article_eids(document.new))}
    active = active_decisions(decisions)

    stale: list[StaleDecision] = []
    usable: list[tuple[Decision, Group]] = []
    for d in active:
        missing = tuple(e for e in d.old if _article_of(e) not in old_index) + tuple(
            e for e in d.new if _article_of(e) not in new_index
        )
        if missing:
            stale.append(StaleDecision(decision=d, missing=missing))
            continue
        group = (
            frozenset(old_index[_article_of(e)] for e in d.old),
            frozenset(new_index[_article_of(e)] for e in d.new),
        )
        usable.append((d, group))

    auto: list[Group] = []
    auto_pair: dict[Group, Pair] = {}
    for p in comparison.pairs:
        o, n = pair_eids(p)
        g = (frozenset(old_index[e] for e in o), frozenset(new_index[e] for e in n))
        auto.append(g)
        auto_pair.setdefault(g, p)

    # group -> (origin, review, decision); a group not in ``state`` is the engine's, unreviewed
    groups: list[Group] = list(dict.fromkeys(auto))
    state: dict[Group, tuple[Origin, ReviewState, Decision]] = {}
    rejected_alone: dict[tuple[str, int], Decision] = {}  # ("old"|"new", index) left alone by a reject

    def take_out(olds: frozenset[int], news: frozenset[int], keep: Group | None) -> None:
        nonlocal groups
        out: list[Group] = []
        for g in groups:
            if g == keep or not (g[0] & olds or g[1] & news):
                out.append(g)
                continue
            rest = (g[0] - olds, g[1] - news)
            if rest[0] or rest[1]:
                out.append(rest)
                if g in state:
                    state[rest] = state.pop(g)
            else:
                state.pop(g, None)
        groups = list(dict.fromkeys(out))

    for d, g in usable:
        if d.verdict == "reject":
            olds, news = g
            holders = [h for h in groups if olds <= h[0] and news <= h[1] and (olds or news)]
            for h in holders:
                if h == g:  # the whole pair: every article goes its own way
                    take_out(h[0], h[1], None)
                    for i in h[0]:
                        rejected_alone[("old", i)] = d
                    for j in h[1]:
                        rejected_alone[("new", j)] = d
                else:
                    cut_old = olds if olds != h[0] else frozenset()
                    cut_new = news if news != h[1] else frozenset()
                    if not cut_old and not cut_new:
                        cut_old = olds
                    groups = [(x[0] - cut_old, x[1] - cut_new) if x == h else x for x in groups]
                    if h in state:
                        state[(h[0] - cut_old, h[1] - cut_new)] = state.pop(h)
                    for i in cut_old:
                        rejected_alone[("old", i)] = d
                    for j in cut_new:
                        rejected_alone[("new", j)] = d
            continue
        proposed = d.verdict == "accept" and g in groups and g in auto_pair
        if not proposed:  # an accepted proposal stays as the engine made it; a link takes its articles
            take_out(g[0], g[1], None)
            groups.append(g)
        for i in g[0]:
            rejected_alone.pop(("old", i), None)
        for j in g[1]:
            rejected_alone.pop(("new", j), None)
        if d.verdict == "accept":
            state[g] = ("auto" if proposed else "analyst", "accepted", d)
        else:
            state[g] = ("analyst", "linked", d)

    # every article in some group; lonely ones alone
    groups = [g for g in groups if g[0] or g[1]]
    seen_old = {i for g in groups for i in g[0]}
    seen_new = {j for g in groups for j in g[1]}
    lonely: list[Group] = [
        (frozenset({i}), frozenset()) for i in range(len(document.old.articles)) if i not in seen_old
    ]
    lonely += [(frozenset(), frozenset({j})) for j in range(len(document.new.articles)) if j not in seen_new]
    # a group that lost all partners on one side falls apart into lonely articles
    final: list[Group] = []
    for g in groups + lonely:
        if (not g[0] or not g[1]) and len(g[0]) + len(g[1]) > 1 and g not in state:
            final += [(frozenset({i}), frozenset()) for i in sorted(g[0])]
            final += [(frozenset(), frozenset({j})) for j in sorted(g[1])]
        else:
            final.append(g)
    final = list(dict.fromkeys(final))
    for g in final:
        if g in state or len(g[0]) + len(g[1]) != 1:
            continue
        side, idx = ("old", next(iter(g[0]))) if g[0] else ("new", next(iter(g[1])))
        if (side, idx) in rejected_alone:
            state[g] = ("analyst", "rejected", rejected_alone[(side, idx)])

    computed: dict[Group, Pair] = {}
    if any(g not in auto_pair for g in final):
        spec = [(tuple(sorted(g[0])), tuple(sorted(g[1])), _reason(state.get(g))) for g in final]
        placed = pairs_for(document, spec)
        computed = {final[k]: p for k, p in placed}
        ordered = [final[k] for k, _ in placed]
    else:  # nothing re-paired: the engine's order
        ordered = list(dict.fromkeys(auto))
    old_eids, new_eids = article_eids(document.old), article_eids(document.new)
    entries: list[ReviewedPair] = []
    for g in ordered:
        pair = auto_pair.get(g) or computed[g]
        origin: Origin = "auto"
        review: ReviewState = "unreviewed"
        decision: Decision | None = None
        if g in state:
            origin, review, decision = state[g]
        if (
            decision is not None
            and origin == "analyst"
            and decision.reason
            and pair.reason != decision.reason
        ):
            pair = replace(pair, reason=decision.reason)
        entries.append(
            ReviewedPair(
                pair=pair,
                old_eids=tuple(old_eids[i] for i in sorted(g[0])),
                new_eids=tuple(new_eids[j] for j in sorted(g[1])),
                origin=origin,
                review=review,
                decision=decision,
            )
        )
    reviewed = replace(comparison, pairs=tuple(e.pair for e in entries))
    return ReviewedComparison(comparison=reviewed, entries=tuple(entries), active=active, stale=tuple(stale))


def _reason(state: tuple[Origin, ReviewState, Decision] | None) -> str:
    if state is None or state[0] != "analyst":
        return ""
    d = state[2]
    return d.reason or f"{d.verdict} by {d.author}"
