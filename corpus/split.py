"""Splitting an interleaved page into its two versions.

The page prints the old and the new version article by article.  No single
cue tells them apart, so :func:`assign_headings` runs one beam-searched
dynamic programme over the sequence of article headings, assigning each to
the old (0) or new (1) version and adding up costs:

* numbering: each version's numbers increase, preferably without gaps
  (``5 -> 5-2 -> 6``); starting a version far from 1 costs more;
* order: the page puts the old article before the new one of the same number;
* chapters: each version's chapter ordinals increase and keep one numeral
  style (``Ⅰ Ⅱ`` vs ``I II``), a weak cue;
* amendment notes: a version cannot carry a note dated after itself, and a
  whole amendment's own articles carry no note older than itself.

:func:`split_addenda` then cuts the sequence of addenda blocks in two
(old blocks, then new blocks) using chronology and unlabelled blocks.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass

BEAM = 256

# costs (all relative; see module docstring)
C_NOT_INCREASING = 8.0
C_GAP_BASE = 2.0
C_GAP_PER_NUMBER = 1.0
C_START_BASE = 3.0
C_START_PER_NUMBER = 2.0
C_OLD_AFTER_NEW = 1.0
C_CHAPTER_BACKWARDS = 6.0
C_CHAPTER_GAP = 1.0
C_CHAPTER_STYLE = 3.0
C_NOTE_DATE = 10.0


@dataclass(frozen=True, slots=True)
class HeadingCue:
    """What the split needs to know about one article heading."""

    key: tuple[int, ...]  # article number as integers: "5-2" -> (5, 2), "24a" -> (24, 1)
    chapter: int | None = None  # ordinal of a chapter heading printed with/before this article
    style: str | None = None  # numeral style of that chapter heading
    first_note: str | None = None  # earliest note date (ISO) in the article
    last_note: str | None = None  # latest note date (ISO)


@dataclass(frozen=True, slots=True)
class VersionCue:
    date: str | None = None
    whole_amendment: bool = False


def step_cost(prev: tuple[int, ...] | None, key: tuple[int, ...]) -> float:
    """Cost of ``key`` following ``prev`` in one version's numbering."""
    if prev is None:
        return 0.0 if key == (1,) else C_START_BASE + C_START_PER_NUMBER * min(key[0] - 1, 10)
    if key <= prev:
        return C_NOT_INCREASING
    if key[0] == prev[0]:  # 5 -> 5-2, 5-2 -> 5-3
        return 0.0
    if key[0] == prev[0] + 1 and len(key) == 1:
        return 0.0
    gap = key[0] - prev[0] - (1 if len(key) == 1 else 0)
    return C_GAP_BASE + C_GAP_PER_NUMBER * min(gap, 20)


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


# state: (version of the last heading, index of the last heading of the other version or -1,
#         last chapter ordinal per version, chapter style per version)
_State = tuple[int, int, tuple[int | None, int | None], tuple[str | None, str | None]]


def assign_headings(cues: list[HeadingCue], versions: tuple[VersionCue, VersionCue]) -> list[int]:
    """0 (old) or 1 (new) for each heading, minimising the total cost."""
    if not cues:
        return []
    # layers[i]: state -> (cost, parent state)
    layers: list[dict[_State, tuple[float, _State | None]]] = []
    frontier: dict[_State, tuple[float, _State | None]] = {}
    for v in (0, 1):
        chap: list[int | None] = [None, None]
        sty: list[str | None] = [None, None]
        cost = (
            step_cost(None, cues[0].key) + chapter_cost(None, None, cues[0]) + note_cost(versions[v], cues[0])
        )
        if cues[0].chapter is not None:
            chap[v], sty[v] = cues[0].chapter, cues[0].style
        state: _State = (v, -1, (chap[0], chap[1]), (sty[0], sty[1]))
        frontier[state] = (cost + (1.0 if v == 1 else 0.0), None)
    layers.append(frontier)
    for i in range(1, len(cues)):
        cue = cues[i]
        nxt: dict[_State, tuple[float, _State | None]] = {}
        for state, (cost, _) in frontier.items():
            last_v, other, chaps, styles = state
            for v in (0, 1):
                prev_idx = i - 1 if v == last_v else other
                prev_key = cues[prev_idx].key if prev_idx >= 0 else None
                c = cost + step_cost(prev_key, cue.key)
                c += chapter_cost(chaps[v], styles[v], cue) + note_cost(versions[v], cue)
                if v == 0 and last_v == 1 and cues[i - 1].key == cue.key:
                    c += C_OLD_AFTER_NEW
                new_other = other if v == last_v else i - 1
                ch = list(chaps)
                st = list(styles)
                if cue.chapter is not None:
                    ch[v] = cue.chapter
                    st[v] = cue.style if cue.style is not None else st[v]
                ns: _State = (v, new_other, (ch[0], ch[1]), (st[0], st[1]))
                if ns not in nxt or c < nxt[ns][0]:
                    nxt[ns] = (c, state)
        if len(nxt) > BEAM:
            kept = heapq.nsmallest(BEAM, nxt.items(), key=lambda kv: kv[1][0])
            nxt = dict(kept)
        layers.append(nxt)
        frontier = nxt
    best = min(frontier.items(), key=lambda kv: kv[1][0])[0]
    out = [0] * len(cues)
    state_or_none: _State | None = best
    for i in range(len(cues) - 1, -1, -1):
        assert state_or_none is not None
        out[i] = state_or_none[0]
        state_or_none = layers[i][state_or_none][1]
    return out


@dataclass(frozen=True, slots=True)
class BlockCue:
    labelled: bool
    date: str | None
    number: str | None


def split_addenda(
    blocks: list[BlockCue], old: VersionCue, new: VersionCue, numbers: tuple[str | None, str | None]
) -> int:
    """Index where the new version's addenda start (``len(blocks)``: all old)."""
    best_k, best_cost = len(blocks), float("inf")
    for k in range(len(blocks) + 1):
        cost = 0.0 if k < len(blocks) else 1.0
        for i, b in enumerate(blocks):
            in_new = i >= k
            if not b.labelled and i not in (0, k):
                cost += 3.0
            if b.number is not None:
                if in_new and b.number == numbers[0]:
                    cost += 5.0
                if not in_new and b.number == numbers[1]:
                    cost += 5.0
            if b.date is not None:
                if not in_new and old.date is not None and b.date > old.date:
                    cost += 4.0
                if in_new and new.whole_amendment and new.date is not None and b.date < new.date:
                    cost += 4.0
        for part in (blocks[:k], blocks[k:]):
            dates = [b.date for b in part if b.date is not None]
            cost += 2.0 * sum(1 for a, b in itertools.pairwise(dates) if b < a)
        if cost < best_cost:
            best_k, best_cost = k, cost
    return best_k
