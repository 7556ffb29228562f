"""Addenda links: which addenda articles govern which body articles.

References are read from the text of each addenda article (or the body of an
un-numbered ``ADDENDUM``): ``the amended provisions of Article 5-2``,
``Article 7 (4)``, ``Article 3(5), Article 6(2)7 and 8``, ``Article 17-2``.
Resolution of the numbering a reference uses:

- ``Article 7 of the previous ... Ordinance`` -> the old version;
- any other reference in a block printed with the **old** version -> the old
  version (its blocks speak the old numbering);
- any other reference in a block printed with the **new** version (its own
  block, "the amended provisions of ...", or a past block it reprints) -> the
  new version;
- ``Article 7 of the Addenda`` and ``Article 2 of the Energy Act`` (another
  instrument) are not references to this text and are skipped;
- a reference to a number the target version does not have is dropped.
"""

from __future__ import annotations

import re
from typing import Literal

from corpus.model import AddendaBlock, Version
from diffing.model import AddendaLink

Side = Literal["old", "new"]

REFERENCE_RE = re.compile(
    r"""
    (?P<lead>(?:[Tt]he\s+)?(?:amended\s+provisions|amendment|latter\s+part|former\s+part)\s+of\s+)?
    \bArticle\s+
    (?P<number>\d+(?:-\d+)*[a-z]?)\b
    (?P<tail>(?:\s?\(\d+\))?)
    """,
    re.VERBOSE,
)

AFTER_ADDENDA_RE = re.compile(r"""^(?:\s*\(\d+\))?\s*(?:of|under|in)\s+the\s+Addend(?:a|um)\b""", re.VERBOSE)
AFTER_PREVIOUS_RE = re.compile(r"""^(?:\s*\(\d+\))?\s*of\s+the\s+previous\b""", re.VERBOSE)
AFTER_SELF_RE = re.compile(
    r"""^(?:\s*\(\d+\))?\s*of\s+this\s+(?:Act|Ordinance|Regulation|Law)\b""", re.VERBOSE
)
AFTER_OTHER_RE = re.compile(
    r"""^(?:\s*\(\d+\))?\s*of\s+(?:the|that|the\s+same|an?)\s+
    (?:[A-Z]\w*|same|Enforcement|Act|Ordinance|Decree)""",
    re.VERBOSE,
)


def addenda_links(old: Version, new: Version) -> list[tuple[Side, str, AddendaLink]]:
    """(side of the referenced body article, its number, link) for every reference found."""
    out: list[tuple[Side, str, AddendaLink]] = []
    numbers: dict[Side, set[str]] = {
        "old": {a.number for a in old.articles},
        "new": {a.number for a in new.articles},
    }
    sides: tuple[tuple[Side, Version], ...] = (("old", old), ("new", new))
    for side, version in sides:
        for block in version.addenda:
            for art_number, eid, text in _block_units(block):
                for target, number, phrase in references(text, side):
                    if number in numbers[target]:
                        link = AddendaLink(
                            version=side, block=block.number, article=art_number, reason=phrase, eid=eid
                        )
                        out.append((target, number, link))
    return out


def _block_units(block: AddendaBlock) -> list[tuple[str, str, str]]:
    """(addenda article number, its eid, its text); an un-numbered block is one unit with the block's eid."""
    if block.articles:
        return [(a.number, a.eid, f"{a.title} {a.text}") for a in block.articles if not a.omitted]
    return [("", block.eid, block.text)]


def references(text: str, home: Side) -> list[tuple[Side, str, str]]:
    """(side, article number, phrase) for each body-article reference in addenda ``text``."""
    out: list[tuple[Side, str, str]] = []
    for m in REFERENCE_RE.finditer(text):
        after = text[m.end() : m.end() + 120]
        if AFTER_ADDENDA_RE.match(after):
            continue
        target: Side = home
        if AFTER_PREVIOUS_RE.match(after):
            target = "old"
        elif not AFTER_SELF_RE.match(after) and AFTER_OTHER_RE.match(after):
            continue
        phrase = " ".join(m.group(0).split())
        if target == "old" and home == "new":
            phrase += " of the previous text"
        out.append((target, m.group("number"), phrase))
    return out
