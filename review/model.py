"""The analyst workspace's own frozen model: notes, their anchors, and concordance decisions.

No database type appears here: the stores (``review.store``, ``review.sql``) take these objects in and
give them back, and views are pure functions of them.

Identity: everything refers to the reader's element ids (``art_7``, ``art_7__para_3__subpara_2``), never to
article numbers or ``Pair.key`` strings, which change when the alignment or the reader improves.  Numbers
and provision paths are kept beside the ids for display only, and so a lost anchor can still say where it
used to be.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Literal

from corpus.sources import SourceError

Side = Literal["old", "new"]
NoteStatus = Literal["open", "resolved"]
Motivation = Literal["commenting", "replying", "questioning", "highlighting"]
Verdict = Literal["accept", "reject", "link", "unlink"]
SIDES: tuple[Side, ...] = ("old", "new")
NOTE_STATUSES: tuple[NoteStatus, ...] = ("open", "resolved")
MOTIVATIONS: tuple[Motivation, ...] = ("commenting", "replying", "questioning", "highlighting")
VERDICTS: tuple[Verdict, ...] = ("accept", "reject", "link", "unlink")


class ReviewError(SourceError):
    """Bad review input or an unusable database: one human sentence (exit 2 in the CLI)."""


class ConflictError(ReviewError):
    """A note changed in the store since the caller read it (optimistic version check)."""


_last: list[datetime] = []


def now() -> datetime:
    """The current time, timezone-aware UTC, strictly increasing within this process (so notes made in
    one burst still list in the order they were made; every store keeps microseconds)."""
    t = datetime.now(UTC)
    if _last and t <= _last[0]:
        t = _last[0] + timedelta(microseconds=1)
    _last[:] = [t]
    return t


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRef:
    """Which document a note or decision belongs to.

    ``name`` is the store key (a bundled name, or the name the reader gave a file pair), so a corrected
    copy of the same document keeps its notes; ``digests`` (SHA-256 of each source text, in order) tell
    that the text changed and anchors must be resolved again; ``old_iri`` / ``new_iri`` are the version
    identifiers used as W3C target sources.
    """

    name: str
    digests: tuple[str, ...]
    old_iri: str
    new_iri: str

    def iri(self, side: Side) -> str:
        return self.old_iri if side == "old" else self.new_iri


@dataclass(frozen=True, slots=True, kw_only=True)
class TextQuoteSelector:
    """W3C TextQuoteSelector: the quoted text with a little context on either side."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class TextPositionSelector:
    """W3C TextPositionSelector: ``[start, end)`` character offsets in source text ``source`` (its index)."""

    start: int
    end: int
    source: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """Where a note points: a structural selector (``side`` + element id) and the text found there.

    ``article`` (number as printed) and ``path`` (provision labels such as ``"(1) 2."``) are for display;
    ``quote`` is the quoted passage, or the element's own opening text when the note is on the whole
    element (so the note can be found again when the element is renumbered); ``position`` is where the
    quote was when the note was written.
    """

    side: Side
    eid: str
    article: str
    path: str = ""
    quote: TextQuoteSelector | None = None
    position: TextPositionSelector | None = None
    passage: bool = False  # True when the analyst quoted a passage (not the element's own text)

    @property
    def location(self) -> str:
        """``old Article 16 (1)`` — a human location."""
        return f"{self.side} Article {self.article} {self.path}".strip()


@dataclass(frozen=True, slots=True, kw_only=True)
class PairRef:
    """The pair a note is about: element ids of its old and of its new articles (numbers for display)."""

    old: tuple[str, ...]
    new: tuple[str, ...]
    old_numbers: tuple[str, ...] = ()
    new_numbers: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{'+'.join(self.old_numbers) or '-'}>{'+'.join(self.new_numbers) or '-'}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Annotation:
    """An analyst's note.  ``version`` counts saves (0 = never saved) for the optimistic check."""

    id: str  # uuid4, 36 characters
    document: str  # DocumentRef.name
    target: Target
    body: str  # Markdown, stored as written, rendered on read (review.render)
    author: str
    created: datetime
    modified: datetime
    pair: PairRef | None = None  # set when the note is about a pair
    motivation: Motivation = "commenting"
    tags: tuple[str, ...] = ()
    status: NoteStatus = "open"
    deleted: bool = False
    in_reply_to: str | None = None  # the id of the note this one answers (a thread)
    modified_by: str = ""  # who saved the current version
    version: int = 0
    digests: tuple[str, ...] = field(default=())  # DocumentRef.digests when the anchor was made

    def edited(self, *, by: str, **changes: object) -> Annotation:
        """A copy with ``changes``, stamped as modified now by ``by`` (same version: the store bumps it)."""
        return replace(self, modified=now(), modified_by=by, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """One entry of the append-only concordance log.

    ``accept`` pins a proposed pair, ``reject`` forbids it, ``link`` pairs any old articles with any new
    ones, ``unlink`` withdraws earlier decisions on the same ids.  ``supersedes`` names the decision this
    one replaces; a later decision on the same ids replaces earlier ones too.
    """

    id: str
    document: str
    old: tuple[str, ...]  # element ids
    new: tuple[str, ...]
    verdict: Verdict
    reason: str
    author: str
    created: datetime
    old_numbers: tuple[str, ...] = ()  # for display, and to say where a stale decision pointed
    new_numbers: tuple[str, ...] = ()
    supersedes: str | None = None

    @property
    def label(self) -> str:
        return f"{'+'.join(self.old_numbers) or '-'}>{'+'.join(self.new_numbers) or '-'}"


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """One change kept by a store: who did what when, with the object before and after (plain dicts)."""

    seq: int
    document: str
    subject: Literal["annotation", "decision"]
    subject_id: str
    action: Literal["create", "update", "delete", "record"]
    actor: str
    at: datetime
    before: dict[str, object] | None
    after: dict[str, object] | None
    eids: tuple[str, ...] = ()  # the elements concerned (pair ids for decisions and pair notes)
