"""Tokens and word IDs shared by the aligner and the word diff.

A *display token* is leading whitespace plus one word or one punctuation mark,
so ``"".join(tokenize(text)) == text`` (trailing whitespace becomes a last
whitespace-only token).  Tokens compare by their stripped form: whitespace-only
differences (``Article 6 (1)`` -> ``Article 6(1)``) are no change, while a change
of case is one.  Alignment compares case-folded words (``words``).

A :class:`Vocabulary` maps comparison keys to small ints, because rapidfuzz
compares lists of ints about ten times faster than raw strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

TOKEN_RE = re.compile(
    r"""
    (?P<space>\s*)                 # leading whitespace, kept with the token
    (?P<body>\w+ | [^\w\s])        # one word, or one punctuation mark
    """,
    re.VERBOSE,
)

WORD_RE = re.compile(r"(?P<word>\w+)", re.VERBOSE)

# ``WORD_RE`` for ASCII text without a regex: every ASCII byte that ``WORD_RE`` does not match becomes a
# space, so ``split()`` gives the words (taken from the pattern itself, so the two cannot disagree)
_ASCII_NON_WORDS_TO_SPACE = bytes(
    c if c < 128 and WORD_RE.fullmatch(chr(c)) else ord(" ") for c in range(256)
)

# the same token shapes without groups, for fast ``findall``; possessive (``*+``, ``++``: what a run
# takes is never given back), which matches the same since a run never needs to give any back
TOKEN_TEXT_RE = re.compile(r"""\s*+ (?: \w++ | [^\w\s] )""", re.VERBOSE)
KEY_RE = re.compile(r"""\w++ | [^\w\s]""", re.VERBOSE)

# A deliberately light English inflection folder, so "protection" / "protecting",
# "distribution" / "distributed", "formulation" / "formulating" and "plan" /
# "plans" meet; other scripts pass unchanged.  Derivational suffixes are cut
# back to the shared verb stem ("formulat-ion", "formulat-ing"), never mapped
# to a synonym.
SUFFIX_RE = re.compile(
    r"""
    (?:ions?|ings?|ments?|ed|es|s|ly)$
    """,
    re.VERBOSE,
)
PLURAL_RE = re.compile(
    r"""
    (?<=[a-z]{3})              # a stem of at least three letters ...
    (?P<ending>ies|(?<![sui])s)  # ... then a plural "-ies" or "-s" (not "-ss", "-us", "-is")
    $
    """,
    re.VERBOSE,
)


def tokenize(text: str) -> tuple[str, ...]:
    """Split ``text`` into display tokens; joining them gives ``text`` back exactly."""
    return tuple(token_list(text))


def token_list(text: str) -> list[str]:
    """``tokenize(text)`` as a list."""
    tokens: list[str] = TOKEN_TEXT_RE.findall(text)
    if text[-1:].isspace():  # every token ends in a non-space: only trailing space is left
        tokens.append(text[len(text.rstrip()) :])
    return tokens


def token_key(token: str) -> str:
    """The comparison form of a display token."""
    return token.strip()


def words(text: str) -> list[str]:
    """Case-folded words of ``text`` (punctuation dropped): what alignment compares."""
    return [stem(w) for w in folded_words(text)]


def folded_words(text: str) -> list[str]:
    """``WORD_RE.findall(text.casefold())``, unstemmed; ASCII text (most of an English text's
    provisions) is split by a byte translation, about twice as fast as the regex."""
    if text.isascii():  # casefold is lower, and WORD_RE's words are runs of [A-Za-z0-9_]
        return text.lower().encode("ascii").translate(_ASCII_NON_WORDS_TO_SPACE).decode("ascii").split()
    return WORD_RE.findall(text.casefold())


def keys(text: str) -> list[str]:
    """Comparison keys of all tokens of ``text`` (what ``token_key`` gives for each token)."""
    return KEY_RE.findall(text)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Fold a plural, then strip one common English suffix from a long ASCII word (keeps 4+ letters).

    ``policies`` / ``policy`` and ``plans`` / ``plan`` meet; short words other
    than plurals are left alone ("was", "this").
    """
    if not word.isascii() or not word.isalpha():
        return word
    word = PLURAL_RE.sub(_singular, word)
    if len(word) <= 5:
        return word
    stripped = SUFFIX_RE.sub("", word)
    return stripped if len(stripped) >= 4 else word


def _singular(m: re.Match[str]) -> str:
    return "y" if m.group("ending") == "ies" else ""


@dataclass(slots=True)
class Vocabulary:
    """Maps strings to dense ints, shared by both versions of one comparison."""

    ids: dict[str, int] = field(default_factory=dict)
    raw: dict[str, int] = field(default_factory=dict)  # case-folded word as written -> ID of its stem

    def id_of(self, key: str) -> int:
        found = self.ids.get(key)
        if found is None:
            found = len(self.ids)
            self.ids[key] = found
        return found

    def encode(self, items: Iterable[str]) -> list[int]:
        ids = self.ids
        seq = list(items)
        try:
            return list(map(ids.__getitem__, seq))  # the common case: every word known
        except KeyError:
            for k in dict.fromkeys(seq):  # distinct keys, in first-appearance order
                if k not in ids:
                    ids[k] = len(ids)
            return list(map(ids.__getitem__, seq))

    def encode_words(self, text: str) -> list[int]:
        """``encode(words(text))``, with each distinct written word stemmed once per vocabulary."""
        raw = self.raw
        seq = folded_words(text)
        try:
            return list(map(raw.__getitem__, seq))  # the common case: every word seen before
        except KeyError:
            for w in dict.fromkeys(seq):  # distinct words, in first-appearance order
                if w not in raw:
                    raw[w] = self.id_of(stem(w))
            return list(map(raw.__getitem__, seq))
