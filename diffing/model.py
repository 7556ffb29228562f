"""Comparison types produced by the diffing engine and consumed by every view.

Diffs use difflib's opcode vocabulary: ``(tag, i1, i2, j1, j2)`` with tag in
``equal``, ``replace``, ``delete``, ``insert`` over token tuples.  A token
carries its leading whitespace, so ``"".join(tokens)`` gives back the text
exactly; tokens are compared by their stripped form.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from corpus.model import AddendaArticle, AddendaBlock, Article, Document, Note, ParseWarning, Version

Tag = Literal["equal", "replace", "delete", "insert"]
Opcode = tuple[Tag, int, int, int, int]

ChangeKind = Literal[
    "unchanged",
    "modified",
    "renumbered",  # number changed, order preserved (``modified`` flag may also be set)
    "moved",  # placed elsewhere in the order / another chapter
    "merged",  # several old articles -> one new article
    "split",  # one old article -> several new articles
    "added",
    "deleted",
]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "unchanged",
    "modified",
    "renumbered",
    "moved",
    "merged",
    "split",
    "added",
    "deleted",
)


def change_flags(change: ChangeKind | str, renumbered: bool, modified: bool) -> tuple[str, ...]:
    """The flags worth saying beside a change kind: ``("renumbered", "modified")`` for a moved article.

    A flag the kind already says is left out, and an added or deleted article is never called
    modified (a placeholder's "Deleted." always differs from the text it replaces).  Every view
    words a pair with this: the viewer's caption, the report concordance, ``ordiff align``.
    """
    out: list[str] = []
    if renumbered and change != "renumbered":
        out.append("renumbered")
    if modified and change not in ("modified", "added", "deleted"):
        out.append("modified")
    return tuple(out)


def change_text(change: ChangeKind | str, renumbered: bool, modified: bool) -> str:
    """``"moved, renumbered, modified"``: the kind and its flags (:func:`change_flags`)."""
    return ", ".join((change, *change_flags(change, renumbered, modified)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """One run of a rendered diff: ``old`` and ``new`` text of a single opcode."""

    tag: Tag
    old: str
    new: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TextDiff:
    old_tokens: tuple[str, ...]
    new_tokens: tuple[str, ...]
    opcodes: tuple[Opcode, ...]

    @property
    def old_text(self) -> str:
        return "".join(self.old_tokens)

    @property
    def new_text(self) -> str:
        return "".join(self.new_tokens)

    @property
    def changed(self) -> bool:
        return any(op[0] != "equal" for op in self.opcodes)

    def segments(self) -> Iterator[Segment]:
        for tag, i1, i2, j1, j2 in self.opcodes:
            yield Segment(tag=tag, old="".join(self.old_tokens[i1:i2]), new="".join(self.new_tokens[j1:j2]))


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitRef:
    """A comparable unit of an article: its lead (``label == ""``) or a top-level provision."""

    article: str  # article number
    label: str  # "" for the lead, else the provision label as printed, e.g. "(3)"
    text: str  # the unit text (label and children included), notes excluded
    notes: tuple[Note, ...]
    eid: str  # the article's eid for the lead ("art_7"), else the provision's ("art_7__para_3")


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One row of an old | new comparison table inside a pair.

    ``old`` / ``new`` is None for a pure insertion / deletion.  ``moved`` says
    where the unit came from or went to when that is another article than the
    row's counterpart, e.g. ``"from Article 8 (4)"`` or ``"to Article 9"``.
    """

    old: UnitRef | None
    new: UnitRef | None
    score: float
    diff: TextDiff
    moved: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class AddendaLink:
    version: Literal["old", "new"]
    block: str | None  # ordinance/act number of the block, None for the version's own block
    article: str  # addenda article number ("" for an un-numbered ADDENDUM body)
    reason: str  # the referring phrase, e.g. "the amended provisions of Article 5-2"
    eid: str  # the addenda article's eid ("addenda_5527__art_1"), the block's for an un-numbered body


@dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    """A correspondence: ``old`` articles x ``new`` articles (one side may be empty).

    ``old`` / ``new`` are the article numbers as printed (for display); ``old_eids`` /
    ``new_eids`` the same articles' element ids, in the same order: the identity to look
    articles up by (numbers can repeat within a version, eids cannot).
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    change: ChangeKind
    score: float  # in [0, 1]
    renumbered: bool
    modified: bool
    rows: tuple[Row, ...]
    addenda: tuple[AddendaLink, ...]
    old_eids: tuple[str, ...]
    new_eids: tuple[str, ...]
    reason: str = ""  # short human explanation of why these were linked

    @property
    def key(self) -> str:
        return f"{'+'.join(self.old) or '-'}>{'+'.join(self.new) or '-'}"

    @property
    def id(self) -> str:
        """``art_5+art_6>art_7``: the pair's identity from its articles' eids (unique if numbers repeat)."""
        return f"{'+'.join(self.old_eids) or '-'}>{'+'.join(self.new_eids) or '-'}"

    @property
    def flags(self) -> tuple[str, ...]:
        return change_flags(self.change, self.renumbered, self.modified)

    @property
    def change_text(self) -> str:
        return change_text(self.change, self.renumbered, self.modified)


def addenda_groups(links: Iterable[AddendaLink]) -> tuple[tuple[AddendaLink, tuple[str, ...]], ...]:
    """One entry per addenda article (side and eid), first mention first, with every distinct phrase.

    The one grouping of ``Pair.addenda`` behind the viewer and the reports.
    """
    groups: dict[tuple[str, str], tuple[AddendaLink, list[str]]] = {}
    for link in links:
        _, phrases = groups.setdefault((link.version, link.eid), (link, []))
        if link.reason and link.reason not in phrases:
            phrases.append(link.reason)
    return tuple((link, tuple(phrases)) for link, phrases in groups.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    document: Document
    pairs: tuple[Pair, ...]
    warnings: tuple[ParseWarning, ...] = ()  # the engine's, same type as the reader's

    @property
    def old(self) -> Version:
        return self.document.old

    @property
    def new(self) -> Version:
        return self.document.new

    def articles(self, side: Literal["old", "new"], pair: Pair) -> tuple[Article, ...]:
        """The articles of one side of ``pair``, looked up by eid."""
        version = self.document.old if side == "old" else self.document.new
        found = (version.by_eid(eid) for eid in (pair.old_eids if side == "old" else pair.new_eids))
        return tuple(a for a in found if a is not None)

    def pair_for(self, side: Literal["old", "new"], number: str) -> Pair | None:
        """The first pair with an article of this number (a number typed or in a URL)."""
        for p in self.pairs:
            if number in (p.old if side == "old" else p.new):
                return p
        return None

    def pair_of(self, side: Literal["old", "new"], eid: str) -> Pair | None:
        """The first pair holding the article with this eid."""
        for p in self.pairs:
            if eid in (p.old_eids if side == "old" else p.new_eids):
                return p
        return None

    def addenda_article(self, link: AddendaLink) -> tuple[AddendaBlock, AddendaArticle | None] | None:
        """The block and addenda article ``link`` names (article None for an un-numbered block body)."""
        version = self.document.old if link.version == "old" else self.document.new
        head = link.eid.split("__", 1)[0]
        for block in version.addenda:
            if block.eid == head:
                return block, next((x for x in block.articles if x.eid == link.eid), None)
        return None

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {k: 0 for k in CHANGE_KINDS}
        for p in self.pairs:
            out[p.change] += 1
        return out
