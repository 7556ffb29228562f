"""Amendment histories: an article's notes as a timeline, and the whole text's amending instruments.

Every event comes from ``Article.all_notes()`` / ``Note.events``; the addenda
block of an amending instrument is the block of the same version whose number
is the instrument's number (e.g. the ``ADDENDA <Ordinance No. 5527, Aug.1,
2013>`` that set a later entry-into-force date for Article 5-2).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from corpus.model import Action, AddendaBlock, Article, Note, Version
from diffing.model import Comparison
from viewer.index import Side

ACTION_LABELS: dict[str, str] = {
    "amended": "amended",
    "inserted": "inserted",
    "wholly_amended": "wholly amended",
    "deleted": "deleted",
    "title_amended": "title amended",
    "enforcement": "enforcement date",
    "moved": "moved",
    "other": "other note",
}
TIMELINE_COLUMNS = ("Version", "Date", "Instrument", "Action", "Article", "Provision", "Order")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One amendment event of one article, with the addenda block of its instrument when present."""

    side: Side
    article: str
    date: str | None  # ISO
    instrument: str | None
    number: str | None
    number_resolved: bool
    action: Action
    target: str  # "" for the article itself, else the provision path, e.g. "(2)"
    raw: str  # the note as printed, e.g. "<Amended by Ordinance No. 6487, May 18, 2017>"
    block: AddendaBlock | None

    @property
    def instrument_label(self) -> str:
        if self.number is None:
            return "(no number given)"
        return f"{self.instrument or 'No.'} No. {self.number}" if self.instrument else f"No. {self.number}"

    @property
    def where(self) -> str:
        return f"provision {self.target}" if self.target else "whole article"


def addenda_block_for(version: Version, number: str | None) -> AddendaBlock | None:
    if number is None:
        return None
    for block in version.addenda:
        if block.number == number:
            return block
    return None


def _entries(side: Side, version: Version, article: Article, note: Note) -> list[HistoryEntry]:
    if not note.events:
        return [
            HistoryEntry(side, article.number, None, None, None, False, "other", note.target, note.raw, None)
        ]
    return [
        HistoryEntry(
            side=side,
            article=article.number,
            date=ev.date,
            instrument=ev.instrument,
            number=ev.number,
            number_resolved=ev.number_resolved,
            action=ev.action,
            target=note.target,
            raw=note.raw,
            block=addenda_block_for(version, ev.number),
        )
        for ev in note.events
    ]


def article_history(comparison: Comparison, side: Side, eid: str) -> tuple[HistoryEntry, ...]:
    """The events of the article with element id ``eid``, oldest first (undated last, in document order)."""
    version = comparison.old if side == "old" else comparison.new
    article = version.by_eid(eid)
    if article is None:
        return ()
    out: list[HistoryEntry] = []
    for note in article.all_notes():
        out.extend(_entries(side, version, article, note))
    return tuple(sorted(out, key=lambda e: (e.date is None, e.date or "")))


def timeline_frame(comparison: Comparison) -> pd.DataFrame:
    """One row per (version, amendment event, article, provision) over both versions."""
    rows = []
    for side, version in (("old", comparison.old), ("new", comparison.new)):
        for order, article in enumerate(version.articles):
            for note in article.all_notes():
                for ev in note.events:
                    if ev.date is None:
                        continue
                    instrument = f"No. {ev.number}" if ev.number else "(no number)"
                    rows.append(
                        (
                            side,
                            ev.date,
                            instrument,
                            ACTION_LABELS.get(ev.action, ev.action),
                            article.display_label,
                            note.target or "whole article",
                            order,
                        )
                    )
    frame = pd.DataFrame(rows, columns=list(TIMELINE_COLUMNS))  # Date stays an ISO string: sorts as text
    return frame.drop_duplicates().reset_index(drop=True)


def instruments_frame(timeline: pd.DataFrame) -> pd.DataFrame:
    """Per amending instrument: its date and how many provisions it touched."""
    if timeline.empty:
        return pd.DataFrame(columns=["Instrument", "Date", "Provisions touched", "Articles"])
    grouped = timeline.groupby(["Instrument", "Date"], as_index=False).agg(
        **{
            "Provisions touched": ("Provision", "size"),
            "Articles": ("Article", lambda s: ", ".join(dict.fromkeys(s))),
        }
    )
    return grouped.sort_values("Date").reset_index(drop=True)
