"""Amendment notes checked against the text.

Between two consolidated versions, every provision whose text changed should
carry a note of an instrument dated after the old version, and every such note
should sit on a provision that changed:

- ``change-without-note``: a changed, inserted or re-titled provision of the new
  version with no note dated after the old version (on it, inside it or on its article);
- ``note-without-change``: a note of the new version dated after the old version
  on a provision (or article, or title) that did not change;
- ``note-after-version``: a note dated after the version it appears in (an
  amendment the version cannot have had yet).  Enforcement-date notes are left
  out: entry into force after the version's date is normal.

A whole amendment (``Version.whole_amendment``, or a new version without any
dated note) is said once instead of flagging every provision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from analysis.locations import Side
from analysis.lookup import Lookup

if TYPE_CHECKING:
    from analysis.regions import Region
    from corpus.model import Note, Version
    from diffing.model import Comparison, Pair

CheckKind = Literal["change-without-note", "note-without-change", "note-after-version"]
CHECK_KINDS: tuple[CheckKind, ...] = ("change-without-note", "note-without-change", "note-after-version")


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    kind: CheckKind
    side: Side
    article: str  # "" for a statement about the whole version
    path: str  # unit label ("" for the article, "title" for its title)
    note: str | None  # the note as printed, or an explanation for a whole-version statement

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "side": self.side,
            "article": self.article,
            "path": self.path,
            "note": self.note,
        }


def _dates(note: Note) -> list[str | None]:
    return [e.date for e in note.events if e.action != "enforcement"]


def _after(note: Note, date: str | None, undated: bool = True) -> bool:
    """The note records an amendment dated after ``date``.

    An undated event counts when ``undated`` (it may cover a change: it cannot be checked), and not
    when the note itself would be flagged.
    """
    return date is not None and any(
        (d is None and undated) or (d is not None and d > date) for d in _dates(note)
    )


def check_notes(
    comparison: Comparison, regions: tuple[Region, ...] = (), lookup: Lookup | None = None
) -> tuple[Check, ...]:
    lookup = lookup or Lookup(comparison)
    old, new = comparison.old, comparison.new
    out: list[Check] = []
    sides: tuple[tuple[Side, Version], ...] = (("old", old), ("new", new))
    for side, version in sides:
        for article in version.articles:
            for n in article.all_notes():
                if version.date and any(d is not None and d > version.date for d in _dates(n)):
                    out.append(_check("note-after-version", article.number, _path(n), n.raw, side))
    dated = [n for a in new.articles for n in a.all_notes() if _dates(n)]
    if new.whole_amendment or not dated:
        what = f"{new.amendment_kind or 'whole amendment'} {new.label}".strip()
        changed = sum(1 for p in comparison.pairs if p.change != "unchanged")
        out.append(
            Check(
                kind="change-without-note",
                side="new",
                article="",
                path="",
                note=f"{what}: the new text carries no amendment notes to check; "
                f"its {changed} changed pairs are not flagged one by one",
            )
        )
        return tuple(out)
    titled = {(r.pair, r.new_article) for r in regions if r.row is None}
    for pair in comparison.pairs:
        out.extend(_pair_checks(pair, lookup, old.date, titled))
    return tuple(out)


def _path(n: Note) -> str:
    return "title" if n.scope == "title" else n.target


def _pair_checks(pair: Pair, lookup: Lookup, since: str | None, titled: set[tuple[str, str]]) -> list[Check]:
    out: list[Check] = []
    for article in lookup.articles("new", pair):
        number = article.number
        article_notes = [n for n in article.notes if _after(n, since)]
        if pair.change == "added":  # said once for the article, not for each of its provisions
            if not any(_after(n, since) for n in article.all_notes()):
                out.append(_check("change-without-note", number, "", None))
            continue
        # the units (rows) of this article, their change and their dated notes
        changed_any = False
        for row in pair.rows:
            if row.new is None or row.new.eid.split("__", 1)[0] != article.eid:
                continue
            changed = row.old is None or row.diff.changed
            unit_notes = [n for n in row.new.notes if _after(n, since)]
            if changed:
                changed_any = True
                if not unit_notes and not article_notes:
                    out.append(_check("change-without-note", number, row.new.label, None))
            else:
                for n in unit_notes:
                    if n.scope not in ("article", "title") and _after(n, since, undated=False):
                        out.append(_check("note-without-change", number, row.new.label, n.raw))
        retitled = (pair.key, number) in titled
        if retitled and not article_notes:
            out.append(_check("change-without-note", number, "title", None))
        for n in article_notes:
            if not _after(n, since, undated=False):
                continue
            if n.scope == "title" and not retitled:
                out.append(_check("note-without-change", number, "title", n.raw))
            elif n.scope != "title" and not changed_any and not retitled:
                out.append(_check("note-without-change", number, "", n.raw))
    return out


def _check(kind: CheckKind, article: str, path: str, note: str | None, side: Side = "new") -> Check:
    return Check(kind=kind, side=side, article=article, path=path, note=note)
