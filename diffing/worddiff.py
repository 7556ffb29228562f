"""Word-level diff: difflib opcodes over display tokens, with a semantic clean-up.

1. Both texts are split into display tokens (``diffing.tokens``) and compared
   by their stripped, case-folded keys mapped to ints.
2. ``rapidfuzz.distance.Indel.opcodes`` gives a longest-common-subsequence
   alignment (only ``equal`` / ``insert`` / ``delete``); adjacent changes are
   fused into one ``replace``.
3. Semantic clean-up (the rule of diff-match-patch's ``diff_cleanupSemantic``,
   counted in tokens): an equal run lying between two changes is absorbed into
   them when it is no longer than the larger side of the change before it *and*
   of the change after it.  A rewritten sentence then reads as one replacement
   instead of confetti of coincidental ``the``/``of`` matches.
"""

from __future__ import annotations

import sys
from typing import cast

from rapidfuzz.distance import Indel

from diffing.model import Opcode, Tag, TextDiff
from diffing.tokens import token_list, tokenize

_Run = tuple[bool, int, int, int, int]  # (equal?, i1, i2, j1, j2)


def diff_texts(old: str, new: str) -> TextDiff:
    """Word diff of two texts; ``"".join`` of each token side gives the text back.

    The tokens are interned: a comparison keeps every row's tokens, a few dozen thousand distinct
    strings in millions of places (" the", " shall"), so each is stored once.
    """
    if old == new:
        tokens = _tokens(old)
        return diff_tokens(tokens, tokens)
    return diff_tokens(_tokens(old), _tokens(new))


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(map(sys.intern, tokenize(text)))


class WordDiffer:
    """:func:`diff_texts` for the many rows of one comparison, with the same results.

    Tokens are interned in the differ's own table rather than ``sys.intern``'s, and each distinct token's
    key gets its int once for all rows instead of once per row (the LCS compares the ints only for
    equality, so any numbering of the keys gives the same opcodes).
    """

    __slots__ = ("_ids_of_keys", "_interned", "_key_ids")

    def __init__(self) -> None:
        self._interned: dict[str, str] = {}  # token -> the one stored copy of it
        self._ids_of_keys: dict[str, int] = {}  # token key -> int, in first-appearance order
        self._key_ids: dict[str, int] = {}  # token -> the int of its key

    def tokens(self, text: str) -> tuple[str, ...]:
        """``tokenize(text)``, each token the differ's stored copy."""
        found = token_list(text)
        return tuple(map(self._interned.setdefault, found, found))

    def diff(self, old: str, new: str) -> TextDiff:
        """``diff_texts(old, new)``."""
        if old == new:
            tokens = self.tokens(old)
            return _whole(tokens, tokens)
        old_tokens = self.tokens(old) if old else ()
        new_tokens = self.tokens(new) if new else ()
        if not old_tokens or not new_tokens:
            return diff_tokens(old_tokens, new_tokens)
        return _diff_ids(old_tokens, new_tokens, self._ids(old_tokens), self._ids(new_tokens))

    def _ids(self, tokens: tuple[str, ...]) -> list[int]:
        key_ids = self._key_ids
        try:
            return list(map(key_ids.__getitem__, tokens))  # the common case: every token seen before
        except KeyError:
            ids_of_keys = self._ids_of_keys
            for t in tokens:
                if t not in key_ids:
                    key_ids[t] = ids_of_keys.setdefault(t.strip(), len(ids_of_keys))  # strip is token_key
            return list(map(key_ids.__getitem__, tokens))


def _whole(old_tokens: tuple[str, ...], new_tokens: tuple[str, ...]) -> TextDiff:
    """The diff of equal tokens: one ``equal`` run (none when empty)."""
    whole: tuple[Opcode, ...] = (("equal", 0, len(old_tokens), 0, len(new_tokens)),) if old_tokens else ()
    return TextDiff(old_tokens=old_tokens, new_tokens=new_tokens, opcodes=whole)


def diff_tokens(old_tokens: tuple[str, ...], new_tokens: tuple[str, ...]) -> TextDiff:
    if old_tokens == new_tokens:
        return _whole(old_tokens, new_tokens)
    if not old_tokens or not new_tokens:  # an added or deleted unit: one change, nothing to align
        return TextDiff(
            old_tokens=old_tokens, new_tokens=new_tokens, opcodes=(_one_change(old_tokens, new_tokens),)
        )
    ids: dict[str, int] = {}  # token key -> int, in first-appearance order
    a = [ids.setdefault(k, len(ids)) for k in map(str.strip, old_tokens)]  # str.strip is token_key
    b = [ids.setdefault(k, len(ids)) for k in map(str.strip, new_tokens)]
    return _diff_ids(old_tokens, new_tokens, a, b)


def _diff_ids(
    old_tokens: tuple[str, ...], new_tokens: tuple[str, ...], a: list[int], b: list[int]
) -> TextDiff:
    """The diff of two token tuples, given their keys as ints (equal ints exactly for equal keys)."""
    if a == b:  # whitespace-only difference
        return TextDiff(
            old_tokens=old_tokens,
            new_tokens=new_tokens,
            opcodes=(("equal", 0, len(a), 0, len(b)),) if a else (),
        )
    runs = _raw_runs(a, b)
    runs = _cleanup_semantic(runs)
    return TextDiff(old_tokens=old_tokens, new_tokens=new_tokens, opcodes=tuple(_to_opcode(r) for r in runs))


def _one_change(old_tokens: tuple[str, ...], new_tokens: tuple[str, ...]) -> Opcode:
    """The opcode of a diff with one side empty (what the general path gives: one insert or delete)."""
    return _to_opcode((False, 0, len(old_tokens), 0, len(new_tokens)))


def _raw_runs(a: list[int], b: list[int]) -> list[_Run]:
    """LCS runs with consecutive changes fused (no two change runs adjacent)."""
    if a == b:
        return [(True, 0, len(a), 0, len(b))] if a else []
    out: list[_Run] = []
    fusing = False  # the last run in ``out`` is a change
    # (tag, i1, i2, j1, j2); the stub types every item int | str
    ops = cast("list[tuple[str, int, int, int, int]]", Indel.opcodes(a, b).as_list())
    for tag, i1, i2, j1, j2 in ops:
        if i1 == i2 and j1 == j2:
            continue
        if tag == "equal":
            out.append((True, i1, i2, j1, j2))
            fusing = False
        elif fusing:
            _, pi1, _, pj1, _ = out[-1]
            out[-1] = (False, pi1, i2, pj1, j2)
        else:
            out.append((False, i1, i2, j1, j2))
            fusing = True
    return out


def _size(run: _Run) -> int:
    return max(run[2] - run[1], run[4] - run[3])


def _cleanup_semantic(runs: list[_Run]) -> list[_Run]:
    """Absorb short equal runs sandwiched between changes (one pass with a stack)."""
    stack: list[_Run] = []
    sizes: list[int] = []  # ``_size`` of each run on the stack
    for run in runs:
        stack.append(run)
        sizes.append(_size(run))
        if run[0]:
            continue  # only a change can close a change, equal, change sandwich
        # the top stays a change: it is ``run``, or the change just fused
        while len(stack) >= 3 and stack[-2][0] and not stack[-3][0]:
            if sizes[-2] > sizes[-3] or sizes[-2] > sizes[-1]:
                break
            before, after = stack[-3], stack[-1]
            del stack[-3:], sizes[-3:]
            stack.append((False, before[1], after[2], before[3], after[4]))
            sizes.append(_size(stack[-1]))
    return stack


def _to_opcode(run: _Run) -> Opcode:
    equal, i1, i2, j1, j2 = run
    tag: Tag
    if equal:
        tag = "equal"
    elif i1 == i2:
        tag = "insert"
    elif j1 == j2:
        tag = "delete"
    else:
        tag = "replace"
    return (tag, i1, i2, j1, j2)
