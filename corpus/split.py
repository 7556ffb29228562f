"""Splitting an interleaved page into its two versions.

The page prints the old and the new version article by article.  No single
cue tells them apart, so :func:`assign_headings` runs one beam-searched
dynamic programme over the sequence of article headings, assigning each to
the old (0) or new (1) version and adding up costs:

* numbering: each version's numbers increase, preferably without gaps
  (``5 -> 5-2 -> 6``); starting a version far from 1 costs more; going back
  to Article 1 inside one version costs most (a page may print the versions
  one after the other, not interleaved);
* order: the page puts the old article before the new one of the same number;
* chapters: each version's chapter ordinals increase and keep one numeral
  style (``Ⅰ Ⅱ`` vs ``I II``), a weak cue;
* amendment notes: a version cannot carry a note dated after itself, and a
  whole amendment's own articles carry no note older than itself.

:func:`split_addenda` then cuts the sequence of addenda blocks in two
(old blocks, then new blocks) using chronology and unlabelled blocks.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

BEAM = 64  # states kept per heading on real texts (the Seoul page needs 2)
MIN_BEAM = 4  # ... and at least this many on huge inputs
BEAM_BUDGET = 200_000  # states x headings: keeps a 1 MB page to a few seconds

# costs (all relative; see module docstring)
C_NOT_INCREASING = 8.0
C_RESTART = 20.0  # back to Article 1: one version never does that (a second one starts)
C_GAP_BASE = 2.0
C_GAP_PER_NUMBER = 1.0
C_START_BASE = 3.0
C_START_PER_NUMBER = 2.0
C_OLD_AFTER_NEW = 1.0
C_CHAPTER_BACKWARDS = 6.0
C_CHAPTER_GAP = 1.0
C_CHAPTER_STYLE = 3.0
C_NOTE_DATE = 10.0
C_OPEN_NEW = 12.0  # a second version, when the header does not announce one


class HeadingCue(NamedTuple):
    """What the split needs to know about one article heading."""

    key: tuple[int, ...]  # article number as integers: "5-2" -> (5, 2), "24a" -> (24, 1)
    last: tuple[int, ...] | None = None  # for "Articles 2 through 6 Deleted.": the last number
    chapter: int | None = None  # ordinal of a chapter heading printed with/before this article
    style: str | None = None  # numeral style of that chapter heading
    first_note: str | None = None  # earliest note date (ISO) in the article
    last_note: str | None = None  # latest note date (ISO)


class VersionCue(NamedTuple):
    """What a version's header says of it: its date, and whether it is a whole amendment."""

    date: str | None = None
    whole_amendment: bool = False


def _end(cue: HeadingCue) -> tuple[int, ...]:
    return cue.last if cue.last is not None else cue.key


def step_cost(prev: tuple[int, ...] | None, key: tuple[int, ...]) -> float:
    """Cost of ``key`` following ``prev`` in one version's numbering."""
    if prev is None:
        return 0.0 if key == (1,) else C_START_BASE + C_START_PER_NUMBER * min(key[0] - 1, 10)
    if key <= prev:
        return C_RESTART if key == (1,) else C_NOT_INCREASING
    gap = key[0] - prev[0]
    if gap == 0 or (gap == 1 and len(key) == 1):  # 5 -> 5-2, 5-2 -> 5-3, 5 -> 6
        return 0.0
    if len(key) == 1:
        gap -= 1
    return C_GAP_BASE + C_GAP_PER_NUMBER * (gap if gap < 20 else 20)


def chapter_cost(last: int | None, style: str | None, cue: HeadingCue) -> float:
    if cue.chapter is None:
        return 0.0
    cost = 0.0
    if last is None:
        cost += 0.0 if cue.chapter == 1 else C_CHAPTER_GAP * min(cue.chapter - 1, 10)
    elif cue.chapter <= last:
        cost += C_CHAPTER_BACKWARDS
    else:
        cost += C_CHAPTER_GAP * min(cue.chapter - last - 1, 10)
    if style is not None and cue.style is not None and style != cue.style:
        cost += C_CHAPTER_STYLE
    return cost


def note_cost(version: VersionCue, cue: HeadingCue) -> float:
    if version.date is None:
        return 0.0
    cost = 0.0
    if cue.last_note is not None and cue.last_note > version.date:
        cost += C_NOTE_DATE
    if version.whole_amendment and cue.first_note is not None and cue.first_note < version.date:
        cost += C_NOTE_DATE
    return cost


class _State(NamedTuple):
    """Where the search stands after a heading (all a transition's cost depends on)."""

    last: int  # version (0 old, 1 new) of the last heading
    other: int  # index of the last heading of the other version, -1 while it has none
    chapters: tuple[int | None, int | None]  # last chapter ordinal per version
    styles: tuple[str | None, str | None]  # chapter numeral style per version


_Layer = dict[_State, tuple[float, _State | None]]  # state -> (cost, parent state)


def _with_chapter(
    state: _State, v: int, cue: HeadingCue
) -> tuple[tuple[int | None, int | None], tuple[str | None, str | None]]:
    chapters, styles = list(state.chapters), list(state.styles)
    if cue.chapter is not None:
        chapters[v] = cue.chapter
        styles[v] = cue.style if cue.style is not None else styles[v]
    return (chapters[0], chapters[1]), (styles[0], styles[1])


def _first_layer(cue: HeadingCue, versions: tuple[VersionCue, VersionCue]) -> _Layer:
    layer: _Layer = {}
    empty = _State(0, -1, (None, None), (None, None))
    for v in (0, 1):
        cost = step_cost(None, cue.key) + chapter_cost(None, None, cue) + note_cost(versions[v], cue)
        chapters, styles = _with_chapter(empty, v, cue)
        layer[_State(v, -1, chapters, styles)] = (cost + (1.0 if v == 1 else 0.0), None)
    return layer


class _Step(NamedTuple):
    """Costs of heading ``i`` that do not depend on the state, computed once per heading."""

    cue: HeadingCue
    follow: float  # numbering cost when the previous heading is of the same version
    start: float  # ... when its version has no heading yet
    notes: tuple[float, float]  # note cost in the old / new version
    old_after_new: float  # the same number as the previous heading, put in old after new
    stay: tuple[float, float]  # follow + notes: the whole cost of staying in a version (no chapter)


def _steps(cues: list[HeadingCue], versions: tuple[VersionCue, VersionCue]) -> list[_Step]:
    out = []
    for i, cue in enumerate(cues):
        prev = cues[i - 1] if i > 0 else None
        follow = step_cost(_end(prev), cue.key) if prev is not None else 0.0
        notes = (note_cost(versions[0], cue), note_cost(versions[1], cue))
        out.append(
            _Step(
                cue,
                follow,
                step_cost(None, cue.key),
                notes,
                C_OLD_AFTER_NEW if prev is not None and prev.key == cue.key else 0.0,
                (follow + notes[0], follow + notes[1]),
            )
        )
    return out


def _transition(
    state: _State, v: int, i: int, step: _Step, ends: list[tuple[int, ...]], open_cost: float
) -> tuple[float, _State]:
    """Cost of putting heading ``i`` in version ``v`` after ``state``, and the state it leads to.

    All costs are small whole numbers, so the order of the additions does not change a sum.
    """
    cue = step.cue
    if v == state.last:
        cost, other = step.follow, state.other
    else:
        other = i - 1
        # opening the second version costs open_cost once
        cost = step.start + open_cost if state.other < 0 else step_cost(ends[state.other], cue.key)
        if v == 0:
            cost += step.old_after_new  # the page prints old before new
    cost += step.notes[v]
    if cue.chapter is None:
        return cost, _State(v, other, state.chapters, state.styles)
    cost += chapter_cost(state.chapters[v], state.styles[v], cue)
    chapters, styles = _with_chapter(state, v, cue)
    return cost, _State(v, other, chapters, styles)


def _layer_cost(item: tuple[_State, tuple[float, _State | None]]) -> float:
    return item[1][0]


def assign_headings(
    cues: list[HeadingCue], versions: tuple[VersionCue, VersionCue], open_cost: float = C_OPEN_NEW
) -> list[int]:
    """0 (old) or 1 (new) for each heading, minimising the total cost (beam-searched Viterbi).

    ``open_cost`` is paid once when any heading goes to the new version: high when
    nothing says the page holds two versions, 0 when its header names two.
    """
    if not cues:
        return []
    ends = [_end(c) for c in cues]
    if all(a < b.key for a, b in zip(ends, cues[1:], strict=False)):
        return [0] * len(cues)  # one increasing sequence: a single version, nothing to split
    beam = max(MIN_BEAM, min(BEAM, BEAM_BUDGET // len(cues)))
    steps = _steps(cues, versions)
    layers = [_first_layer(cues[0], versions)]
    for i in range(1, len(cues)):
        step = steps[i]
        plain = step.cue.chapter is None
        layer: _Layer = {}
        for state, (cost, _) in layers[-1].items():
            for v in (0, 1):
                if plain and v == state.last:  # the same version, no chapter: the state stays as it is
                    total, nxt = cost + step.stay[v], state
                else:
                    added, nxt = _transition(state, v, i, step, ends, open_cost)
                    total = cost + added
                known = layer.get(nxt)
                if known is None or total < known[0]:
                    layer[nxt] = (total, state)
        if len(layer) > beam:  # sorted() is stable like heapq.nsmallest, and cheaper on a few items
            layer = dict(sorted(layer.items(), key=_layer_cost)[:beam])
        layers.append(layer)
    return _backtrack(layers)


def _backtrack(layers: list[_Layer]) -> list[int]:
    state: _State | None = min(layers[-1].items(), key=lambda kv: kv[1][0])[0]
    out = [0] * len(layers)
    for i in range(len(layers) - 1, -1, -1):
        assert state is not None
        out[i] = state.last
        state = layers[i][state][1]
    return out


class BlockCue(NamedTuple):
    """What an addenda block says for the split: labelled, its date and number, where printed."""

    labelled: bool
    date: str | None
    number: str | None
    before_new: bool = False  # printed before the first article of the new version: old's


def _side_costs(
    b: BlockCue, old: VersionCue, new: VersionCue, numbers: tuple[str | None, str | None]
) -> tuple[float, float]:
    """(cost if the block is the old version's, cost if it is the new version's)."""
    in_old = in_new = 0.0
    if b.before_new:
        in_new += 5.0
    if b.number is not None:
        in_new += 5.0 if b.number == numbers[0] else 0.0
        in_old += 5.0 if b.number == numbers[1] else 0.0
    if b.date is not None:
        in_old += 4.0 if old.date is not None and b.date > old.date else 0.0
        in_new += 4.0 if new.whole_amendment and new.date is not None and b.date < new.date else 0.0
    return in_old, in_new


def split_addenda(
    blocks: list[BlockCue], old: VersionCue, new: VersionCue, numbers: tuple[str | None, str | None]
) -> int:
    """Index where the new version's addenda start (``len(blocks)``: all old).  Linear time.

    Costs: a block naming the other version's number or dated on the wrong side
    of a version's date; an unlabelled block that does not start a version; a
    date going backwards inside one version; no addenda at all for the new one.
    """
    n = len(blocks)
    sides = [_side_costs(b, old, new, numbers) for b in blocks]
    old_prefix = [0.0]
    for c_old, _ in sides:
        old_prefix.append(old_prefix[-1] + c_old)
    new_suffix = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        new_suffix[i] = new_suffix[i + 1] + sides[i][1]
    unlabelled_inside = sum(3.0 for i, b in enumerate(blocks) if not b.labelled and i > 0)
    dated = [i for i, b in enumerate(blocks) if b.date is not None]
    decreases = [
        (a, b) for a, b in itertools.pairwise(dated) if (blocks[b].date or "") < (blocks[a].date or "")
    ]
    best_k, best_cost = n, float("inf")
    pair_index = 0
    for k in range(n + 1):
        cost = old_prefix[k] + new_suffix[k] + (1.0 if k == n else 0.0)
        cost += unlabelled_inside - (3.0 if 0 < k < n and not blocks[k].labelled else 0.0)
        # a decrease between dated blocks a < b stops counting when the cut falls in (a, b]
        while pair_index < len(decreases) and decreases[pair_index][1] < k:
            pair_index += 1
        crossing = pair_index < len(decreases) and decreases[pair_index][0] < k <= decreases[pair_index][1]
        cost += 2.0 * (len(decreases) - (1 if crossing else 0))
        if cost < best_cost:
            best_k, best_cost = k, cost
    return best_k
