"""The version split's dynamic programme is exact while the beam keeps every state.

With at most 6 headings a layer holds at most 2**6 = 64 states (= BEAM), so nothing is
pruned and the assignment must cost exactly the minimum over all 2**n assignments,
each costed here by a direct walk over the cost model of ``corpus.split``.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.split import (
    BEAM,
    C_OLD_AFTER_NEW,
    HeadingCue,
    VersionCue,
    assign_headings,
    chapter_cost,
    note_cost,
    step_cost,
)

DATES = [None, "2010-01-01", "2018-03-22", "2019-03-28", "2021-07-01"]


def walk_cost(
    cues: list[HeadingCue], sides: tuple[int, ...], versions: tuple[VersionCue, VersionCue], open_cost: float
) -> float:
    """Total cost of one assignment, heading by heading, with no search state."""
    total = 1.0 if sides[0] == 1 else 0.0  # the first heading is expected in the old version
    last_of: list[int | None] = [None, None]  # index of each version's last heading
    chapters: list[int | None] = [None, None]
    styles: list[str | None] = [None, None]
    for i, (cue, v) in enumerate(zip(cues, sides, strict=True)):
        j = last_of[v]
        prev_end = None if j is None else (cues[j].last or cues[j].key)
        total += step_cost(prev_end, cue.key)
        total += chapter_cost(chapters[v], styles[v], cue) + note_cost(versions[v], cue)
        if i > 0 and last_of[v] is None and last_of[1 - v] is not None:
            total += open_cost  # the second version opens
        if i > 0 and v == 0 and sides[i - 1] == 1 and cues[i - 1].key == cue.key:
            total += C_OLD_AFTER_NEW
        if cue.chapter is not None:
            chapters[v] = cue.chapter
            styles[v] = cue.style if cue.style is not None else styles[v]
        last_of[v] = i
    return total


cue_strategy = st.builds(
    HeadingCue,
    key=st.tuples(st.integers(1, 6)) | st.tuples(st.integers(1, 6), st.integers(2, 3)),
    last=st.none() | st.tuples(st.integers(2, 8)),
    chapter=st.none() | st.integers(1, 3),
    style=st.none() | st.sampled_from(["arabic", "roman"]),
    first_note=st.sampled_from(DATES),
    last_note=st.sampled_from(DATES),
)
version_strategy = st.builds(VersionCue, date=st.sampled_from(DATES), whole_amendment=st.booleans())


@settings(max_examples=300, deadline=None)
@given(
    cues=st.lists(cue_strategy, min_size=1, max_size=6),
    old=version_strategy,
    new=version_strategy,
    open_cost=st.sampled_from([0.0, 12.0]),
)
def test_split_is_the_cheapest_assignment(
    cues: list[HeadingCue], old: VersionCue, new: VersionCue, open_cost: float
) -> None:
    assert 2 ** len(cues) <= BEAM
    versions = (old, new)
    sides = tuple(assign_headings(cues, versions, open_cost))
    increasing = all((a.last or a.key) < b.key for a, b in itertools.pairwise(cues))
    if increasing:
        assert sides == (0,) * len(cues)  # one version: no split is searched
        return
    best = min(walk_cost(cues, s, versions, open_cost) for s in itertools.product((0, 1), repeat=len(cues)))
    assert walk_cost(cues, sides, versions, open_cost) == best


def test_walk_cost_of_a_plain_interleaving() -> None:
    """Old 1, new 1, old 2, new 2: each version numbers 1, 2 without a gap; one open, no order cost."""
    cues = [HeadingCue((1,)), HeadingCue((1,)), HeadingCue((2,)), HeadingCue((2,))]
    versions = (VersionCue(), VersionCue())
    assert walk_cost(cues, (0, 1, 0, 1), versions, 12.0) == 12.0
    assert assign_headings(cues, versions, 12.0) == [0, 1, 0, 1]
