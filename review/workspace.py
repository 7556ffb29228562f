"""What the CLI, the app and the reports call: notes and decisions on a document, made and read.

- :func:`document_ref`, :func:`find_article`, :func:`find_provision`: from what an analyst types
  (``16``, ``5-2``, ``art_16``, ``(2) 1.``) to element ids, with one-sentence errors.
- :func:`new_note`, :func:`new_decision`: build the objects a store saves.
- :func:`note_views`: every note of a document resolved against the text as read now (orphans
  included, marked), with its rendered HTML; :func:`place_notes` / :func:`notes_of_pair` put them
  under their pairs.
- :func:`reviewed`: the comparison with the stored decisions applied; :func:`concordance_rows`: the
  correlation table (old provision | new provision | change | origin | review | reason).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from corpus.model import Article, Document
from diffing.model import Comparison, Pair
from review.anchors import Resolution, anchor_for, node_index, resolve, version_of
from review.decisions import ReviewedComparison, ReviewedPair, apply_decisions
from review.ids import article_eids, pair_eids, version_iri
from review.model import (
    Annotation,
    Decision,
    DocumentRef,
    Motivation,
    PairRef,
    ReviewError,
    Side,
    Verdict,
    now,
)
from review.render import render_note
from review.store import ReviewStore


def document_ref(document: Document) -> DocumentRef:
    return DocumentRef(
        name=document.name,
        digests=tuple(hashlib.sha256(s.text.encode("utf-8")).hexdigest() for s in document.sources),
        old_iri=version_iri(document, "old"),
        new_iri=version_iri(document, "new"),
    )


def find_article(document: Document, side: Side, ref: str) -> tuple[str, Article]:
    """``(eid, article)`` for an article number as printed (``5-2``, ``Article 24a``) or an element id."""
    version = version_of(document, side)
    eids = article_eids(version)
    wanted = ref.strip().removeprefix("Article ").strip()
    for eid, article in zip(eids, version.articles, strict=True):
        if wanted == eid:
            return eid, article
    matches = [(e, a) for e, a in zip(eids, version.articles, strict=True) if a.number == wanted]
    if not matches:
        raise ReviewError(f"the {side} version of {document.name} has no Article {wanted}")
    if len(matches) > 1:
        raise ReviewError(
            f"the {side} version of {document.name} has Article {wanted} {len(matches)} times: "
            f"name one by its id ({', '.join(e for e, _ in matches)})"
        )
    return matches[0]


def find_provision(document: Document, side: Side, article_eid: str, path: str) -> str:
    """The eid of a provision of an article, given by labels (``(2) 1.``, ``2.1``) or by its id."""
    index = node_index(document, side)
    if path in index and path.startswith(article_eid):
        return path
    if f"{article_eid}__{path}" in index:
        return f"{article_eid}__{path}"
    want = [p.strip("().") for p in path.replace(".", " ").replace("(", " ").replace(")", " ").split()]
    for eid, node in index.items():
        if node.provision is None or not eid.startswith(f"{article_eid}__"):
            continue
        labels = [
            p.strip("().") for p in node.path.replace(".", " ").replace("(", " ").replace(")", " ").split()
        ]
        if labels == want:
            return eid
    article = index[article_eid].article.number if article_eid in index else article_eid
    raise ReviewError(f"{side} Article {article} has no provision {path}")


def pair_ref(comparison: Comparison, pair: Pair) -> PairRef:
    old, new = pair_eids(pair)
    return PairRef(old=old, new=new, old_numbers=pair.old, new_numbers=pair.new)


def find_pair(comparison: Comparison, key: str) -> Pair:
    """A pair by its key as ``ordiff align`` prints it (``16>12``, ``7+8>7``, ``5-2>-``)."""
    for p in comparison.pairs:
        if p.key == key.strip():
            return p
    raise ReviewError(f"{comparison.document.name} has no pair {key!r} (see ordiff align for the pairs)")


def new_note(
    document: Document,
    *,
    side: Side,
    eid: str,
    body: str,
    author: str,
    tags: tuple[str, ...] = (),
    quote: str | None = None,
    pair: PairRef | None = None,
    in_reply_to: str | None = None,
    motivation: Motivation = "commenting",
) -> Annotation:
    if not author.strip():
        raise ReviewError("a note needs an author (--author NAME)")
    if not body.strip():
        raise ReviewError("a note needs a body (--body MARKDOWN)")
    t = now()
    return Annotation(
        id=str(uuid.uuid4()),
        document=document.name,
        target=anchor_for(document, side, eid, quote),
        pair=pair,
        body=body,
        author=author.strip(),
        modified_by=author.strip(),
        created=t,
        modified=t,
        tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
        in_reply_to=in_reply_to,
        motivation="replying" if in_reply_to else motivation,
        digests=document_ref(document).digests,
    )


def new_decision(
    comparison: Comparison,
    *,
    verdict: Verdict,
    old: tuple[str, ...],
    new: tuple[str, ...],
    author: str,
    reason: str = "",
    supersedes: str | None = None,
) -> Decision:
    """A decision on old and new article ids (see :func:`find_article`)."""
    if not author.strip():
        raise ReviewError("a decision needs an author (--author NAME)")
    if not old and not new:
        raise ReviewError("a decision names at least one old or new article")
    number = {e: a.number for e, a in zip(article_eids(comparison.old), comparison.old.articles, strict=True)}
    number_new = {
        e: a.number for e, a in zip(article_eids(comparison.new), comparison.new.articles, strict=True)
    }
    return Decision(
        id=str(uuid.uuid4()),
        document=comparison.document.name,
        old=old,
        new=new,
        old_numbers=tuple(number.get(e.split("__")[0], e) for e in old),
        new_numbers=tuple(number_new.get(e.split("__")[0], e) for e in new),
        verdict=verdict,
        reason=reason.strip(),
        author=author.strip(),
        created=now(),
        supersedes=supersedes,
    )


# ---------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteView:
    """A note as shown now: where its anchor is in the current text, and its body rendered safely."""

    note: Annotation
    resolution: Resolution

    @property
    def orphaned(self) -> bool:
        return self.resolution.orphaned

    @property
    def anchor(self) -> str:
        """``pair 16>12``, ``old Article 16 (2)``, or ``(was old Article 16 (2))`` for an orphan."""
        if self.note.pair is not None:
            return f"pair {self.note.pair.label}"
        return self.resolution.location

    @property
    def html(self) -> str:
        return render_note(self.note.body)

    @property
    def eid(self) -> str | None:
        """The element the note is on now (None for an orphan)."""
        return self.resolution.eid


def note_views(store: ReviewStore, document: Document) -> tuple[NoteView, ...]:
    """Every (not deleted) note of ``document``, resolved against its current text; orphans kept."""
    indexes = {side: node_index(document, side) for side in ("old", "new")}
    return tuple(
        NoteView(note=n, resolution=resolve(document, n.target, indexes[n.target.side]))
        for n in store.annotations(document.name)
    )


def _belongs(v: NoteView, entry: ReviewedPair, exact: bool) -> bool:
    if v.note.pair is not None:
        old, new = set(v.note.pair.old), set(v.note.pair.new)
        if exact:
            return old == set(entry.old_eids) and new == set(entry.new_eids)
        return bool(old & set(entry.old_eids) or new & set(entry.new_eids))
    if v.eid is None:
        return False
    return v.eid.split("__")[0] in (entry.old_eids if v.note.target.side == "old" else entry.new_eids)


def place_notes(views: tuple[NoteView, ...], result: ReviewedComparison) -> tuple[tuple[NoteView, ...], ...]:
    """The notes shown under each pair of ``result`` (parallel to ``result.entries``).

    A note on an article or provision shows under every pair holding that article.  A note on a pair
    shows under that pair; when decisions re-paired its articles, under the first pair that now holds
    one of them, so it is never hidden.  Orphans show under no pair (list them from ``note_views``).
    """
    placed: list[list[NoteView]] = [[] for _ in result.entries]
    for v in views:
        hits = [k for k, e in enumerate(result.entries) if _belongs(v, e, exact=True)]
        if not hits and v.note.pair is not None:
            hits = [k for k, e in enumerate(result.entries) if _belongs(v, e, exact=False)][:1]
        for k in hits:
            placed[k].append(v)
    return tuple(tuple(p) for p in placed)


def notes_of_pair(
    views: tuple[NoteView, ...], entry: ReviewedPair, result: ReviewedComparison
) -> tuple[NoteView, ...]:
    """The notes shown under one pair of ``result`` (see :func:`place_notes`)."""
    for e, notes in zip(result.entries, place_notes(views, result), strict=True):
        if e is entry:
            return notes
    return ()


def reviewed(store: ReviewStore, comparison: Comparison) -> ReviewedComparison:
    """``comparison`` with the document's stored decisions applied."""
    return apply_decisions(comparison, store.decisions(comparison.document.name))


@dataclass(frozen=True, slots=True, kw_only=True)
class ConcordanceRow:
    """One line of the correlation table, as EU recasts print it in an annex."""

    old: str  # "Article 16", "Articles 7, 8", or "—"
    new: str
    change: str
    origin: str  # auto | analyst
    review: str  # unreviewed | accepted | linked | rejected
    reason: str
    author: str = ""  # of the decision, when there is one
    decided: datetime | None = None


def _articles(numbers: tuple[str, ...]) -> str:
    if not numbers:
        return "—"
    return f"Article {numbers[0]}" if len(numbers) == 1 else f"Articles {', '.join(numbers)}"


def concordance_rows(reviewed: ReviewedComparison) -> tuple[ConcordanceRow, ...]:
    return tuple(
        ConcordanceRow(
            old=_articles(e.pair.old),
            new=_articles(e.pair.new),
            change=e.pair.change,
            origin=e.origin,
            review=e.review,
            reason=e.decision.reason if e.decision is not None and e.decision.reason else e.pair.reason,
            author=e.decision.author if e.decision is not None else "",
            decided=e.decision.created if e.decision is not None else None,
        )
        for e in reviewed.entries
    )
