"""The analyst workspace in the viewer: where notes go on the page, how they read, what the forms offer.

Pure helpers (no Streamlit): the app reads the review store on every run (so another session's notes and
decisions show on the next rerun), hands what it read to these functions, and shows their results.

- :func:`db_url`: the database the app opens (``$ORDIFF_DB``, else the Streamlit secret, else the default).
- :func:`anchor_choices`: what a note on the open pair can be attached to (the pair, an article, a
  paragraph of one of its rows).
- :func:`pair_notes`: the notes of a pair split into pair-level, article-level and per-row notes, each
  with its replies (a thread).
- :func:`thread_html`: a note and its replies as HTML; note bodies only through ``review.render``.
- :func:`filter_notes`, :func:`note_pair_key`: the Notes view's filters and "open its anchor".
- :func:`review_badge`: a pair's origin and review state as one line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis import Analysis
from diffing.model import Comparison, Pair
from reports.render import esc
from review.config import ENV_VAR
from review.decisions import ReviewedComparison, ReviewedPair
from review.model import Annotation, AuditEntry, Side
from review.workspace import NoteView, place_notes

PAIR_ANCHOR = "pair"


def db_url(secrets: Mapping[str, object] | None = None) -> str | None:
    """``$ORDIFF_DB``, else the Streamlit secret ``ORDIFF_DB``, else None (the store's default file)."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    value = (secrets or {}).get(ENV_VAR)
    return str(value) if value else None


# ---------------------------------------------------------------- anchors offered by the note form


@dataclass(frozen=True, slots=True, kw_only=True)
class AnchorChoice:
    """One entry of the "Note on" picker: ``key`` is ``pair`` or ``<side>:<eid>``."""

    key: str
    label: str
    side: Side | None = None
    eid: str | None = None


def anchor_choices(comparison: Comparison, pair: Pair) -> tuple[AnchorChoice, ...]:
    """The pair, each of its articles, then each paragraph of its rows (old side first in each row)."""
    out = [AnchorChoice(key=PAIR_ANCHOR, label=f"The whole pair ({pair_title(pair)})")]
    sides: tuple[Side, ...] = ("old", "new")
    for side in sides:
        for article in comparison.articles(side, pair):
            out.append(
                AnchorChoice(
                    key=f"{side}:{article.eid}",
                    label=f"{side.capitalize()} {article.display_label} (the article)",
                    side=side,
                    eid=article.eid,
                )
            )
    seen = {c.key for c in out}
    labels = {(side, a.number): a.display_label for side in sides for a in comparison.articles(side, pair)}
    for row in pair.rows:
        for side, unit in (("old", row.old), ("new", row.new)):
            if unit is None or not unit.label:
                continue
            key = f"{side}:{unit.eid}"
            if key in seen:
                continue
            seen.add(key)
            preview = unit.text[:60] + ("…" if len(unit.text) > 60 else "")
            name = labels.get((side, unit.article)) or f"Article {unit.article}"
            out.append(
                AnchorChoice(
                    key=key,
                    label=f"{side.capitalize()} {name} {unit.label}: {preview}",
                    side="old" if side == "old" else "new",
                    eid=unit.eid,
                )
            )
    return tuple(out)


def pair_title(pair: Pair) -> str:
    old = " + ".join(pair.old) or "—"
    new = " + ".join(pair.new) or "—"
    return f"old {old} → new {new}"


def split_tags(text: str) -> tuple[str, ...]:
    """``"question, follow-up substantive"`` -> the three tags (commas or spaces separate)."""
    return tuple(dict.fromkeys(t for t in text.replace(",", " ").split() if t))


# ---------------------------------------------------------------- notes placed on the pair


@dataclass(frozen=True, slots=True, kw_only=True)
class Thread:
    """A note with its replies, oldest first."""

    view: NoteView
    replies: tuple[NoteView, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PairNotes:
    """The notes of one pair, by where they are shown."""

    pair: tuple[Thread, ...] = ()  # on the pair as a whole: above the table
    articles: tuple[Thread, ...] = ()  # on an article (or a provision no row holds): the heading row
    rows: tuple[tuple[Thread, ...], ...] = field(default=())  # parallel to Pair.rows

    @property
    def count(self) -> int:
        every = (*self.pair, *self.articles, *(t for r in self.rows for t in r))
        return sum(1 + len(t.replies) for t in every)

    def threads(self) -> tuple[Thread, ...]:
        return (*self.pair, *self.articles, *(t for r in self.rows for t in r))


def threads(views: Iterable[NoteView]) -> tuple[Thread, ...]:
    """Top-level notes with their replies; a reply whose parent is not among ``views`` stands alone."""
    views = tuple(views)
    ids = {v.note.id for v in views}
    replies: dict[str, list[NoteView]] = {}
    top: list[NoteView] = []
    for v in views:
        parent = v.note.in_reply_to
        if parent is not None and parent in ids:
            replies.setdefault(parent, []).append(v)
        else:
            top.append(v)

    def all_replies(note_id: str) -> list[NoteView]:  # replies to replies join the same thread
        out: list[NoteView] = []
        for r in replies.get(note_id, []):
            out += [r, *all_replies(r.note.id)]
        return out

    return tuple(
        Thread(view=v, replies=tuple(sorted(all_replies(v.note.id), key=lambda r: r.note.created)))
        for v in top
    )


def _row_of(view: NoteView, pair: Pair) -> int | None:
    eid, side = view.eid, view.note.target.side
    if eid is None:
        return None
    for k, row in enumerate(pair.rows):
        unit = row.old if side == "old" else row.new
        if unit is None or not unit.label:  # the lead's eid is the article's: an article-level note
            continue
        if eid == unit.eid or eid.startswith(f"{unit.eid}__"):
            return k
    return None


def pair_notes(views: Sequence[NoteView], result: ReviewedComparison, entry: ReviewedPair) -> PairNotes:
    """The notes shown on ``entry``'s pair (see ``review.workspace.place_notes``), by place on the page."""
    placed = dict(zip((id(e) for e in result.entries), place_notes(tuple(views), result), strict=True))
    mine = placed.get(id(entry), ())
    pair = entry.pair
    on_pair: list[Thread] = []
    on_article: list[Thread] = []
    rows: list[list[Thread]] = [[] for _ in pair.rows]
    for t in threads(mine):
        if t.view.note.pair is not None:
            on_pair.append(t)
            continue
        k = _row_of(t.view, pair)
        if k is None:
            on_article.append(t)
        else:
            rows[k].append(t)
    return PairNotes(pair=tuple(on_pair), articles=tuple(on_article), rows=tuple(tuple(r) for r in rows))


# ---------------------------------------------------------------- HTML


def _meta(view: NoteView, reply: bool) -> str:
    n = view.note
    when = n.created.strftime("%Y-%m-%d %H:%M")
    edited = f" · edited by {n.modified_by}" if n.version > 1 and n.modified_by else ""
    tags = "".join(f'<span class="od-tag">{esc(t)}</span>' for t in n.tags)
    where = "" if reply else f" · on {esc(view.anchor)}"
    status = "" if reply else f' · <span class="od-status od-status-{esc(n.status)}">{esc(n.status)}</span>'
    ident = f'<span class="od-id">#{esc(n.id[:8])}</span>'
    return (
        f'<div class="od-anno-meta"><strong>{esc(n.author)}</strong> · {esc(when)}{esc(edited)}'
        f"{status}{where} {tags} {ident}</div>"
    )


def note_html(view: NoteView, reply: bool = False) -> str:
    n = view.note
    quote = ""
    if n.target.passage and n.target.quote is not None:
        quote = f'<blockquote class="od-quote">{esc(n.target.quote.exact)}</blockquote>'
    orphan = ""
    if view.orphaned:
        orphan = f'<p class="od-orphan">Orphaned: {esc(view.resolution.detail)}</p>'
    cls = "od-anno od-reply" if reply else f"od-anno od-anno-{esc(n.status)}"
    return (
        f'<div class="{cls}" data-note="{esc(n.id)}">{_meta(view, reply)}{orphan}{quote}'
        f'<div class="od-anno-body">{view.html}</div></div>'
    )


def thread_html(thread: Thread) -> str:
    replies = "".join(note_html(r, reply=True) for r in thread.replies)
    inner = f'<div class="od-replies">{replies}</div>' if replies else ""
    return f'<div class="od-thread">{note_html(thread.view)}{inner}</div>'


def threads_html(items: Iterable[Thread]) -> str:
    return "".join(thread_html(t) for t in items)


def review_badge(entry: ReviewedPair) -> str:
    """``Origin: analyst · linked by Kim on 2026-12-01: “reason”`` — plain text for a caption."""
    text = f"Origin: {entry.origin} · review: {entry.review}"
    d = entry.decision
    if d is not None:
        text += f" (by {d.author}, {d.created:%Y-%m-%d}" + (f": “{d.reason}”)" if d.reason else ")")
    return text


# ---------------------------------------------------------------- the Notes view


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteFilter:
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: str = ""  # "", "open", "resolved"
    orphaned_only: bool = False
    text: str = ""


def filter_notes(views: Iterable[NoteView], f: NoteFilter) -> tuple[NoteView, ...]:
    """The notes passing every filter (an empty filter passes everything); case-insensitive text search."""
    terms = f.text.casefold().split()
    out = []
    for v in views:
        n = v.note
        if f.authors and n.author not in f.authors:
            continue
        if f.tags and not set(f.tags) & set(n.tags):
            continue
        if f.status and n.status != f.status:
            continue
        if f.orphaned_only and not v.orphaned:
            continue
        hay = f"{n.body}\n{' '.join(n.tags)}\n{n.author}\n{v.anchor}".casefold()
        if any(t not in hay for t in terms):
            continue
        out.append(v)
    return tuple(out)


def note_pair_key(view: NoteView, result: ReviewedComparison) -> str | None:
    """The key of the pair a note is shown under now (None for an orphan)."""
    for e, placed in zip(result.entries, place_notes((view,), result), strict=True):
        if placed:
            return e.pair.key
    return None


def note_haystacks(
    views: Sequence[NoteView], result: ReviewedComparison, pairs: Sequence[Pair]
) -> tuple[str, ...]:
    """Per pair of ``pairs`` (the viewer's reading order), the analysts' notes shown under it (bodies,
    tags, authors), for search."""
    placed = place_notes(tuple(views), result)
    text = {
        id(entry.pair): "\n".join(f"{v.note.body}\n{' '.join(v.note.tags)}\n{v.note.author}" for v in on)
        for entry, on in zip(result.entries, placed, strict=True)
    }
    return tuple(text.get(id(p), "").casefold() for p in pairs)


def note_label(note: Annotation) -> str:
    body = " ".join(note.body.split())
    short = body[:50] + ("…" if len(body) > 50 else "")
    return f"{note.author} · {note.status} · {short} (#{note.id[:8]})"


def review_frame(
    frame: pd.DataFrame, pairs: Sequence[Pair], result: ReviewedComparison, findings: Analysis
) -> pd.DataFrame:
    """The overview table (one row per pair of ``pairs``, in that order) with each pair's legal change
    types, origin and review state added."""
    out = frame.copy()
    by_pair = {id(e.pair): e for e in result.entries}
    entries = [by_pair[id(p)] for p in pairs]
    out.insert(len(out.columns) - 1, "Types", [", ".join(_types(findings, p.key)) for p in pairs])
    out["Review"] = [e.review if e.origin == "auto" else f"{e.review} (analyst)" for e in entries]
    return out


def _types(findings: Analysis, key: str) -> tuple[str, ...]:
    t = findings.types.get(key)
    return tuple(t.types) if t else ()


def history_frame(entries: Sequence[AuditEntry]) -> pd.DataFrame:
    """The audit log as a table: when, who, what, and which fields changed (newest first)."""
    rows = []
    for e in reversed(entries):
        before, after = e.before or {}, e.after or {}
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        what = f"{e.action} {e.subject}"
        if e.subject == "decision" and after:
            what = f"{after.get('verdict', '')} {e.subject}"
        detail = ""
        if before and after:  # an update: which fields it changed (a creation changes "everything")
            detail = ", ".join(c for c in changed if c not in ("modified", "version", "modified_by"))
        elif e.subject == "decision" and after.get("reason"):
            detail = f"reason: {after['reason']}"
        rows.append((e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, what, e.subject_id[:8], detail))
    return pd.DataFrame(rows, columns=["When (UTC)", "Who", "What", "Id", "Fields changed"])
