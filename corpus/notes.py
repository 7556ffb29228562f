"""Amendment notes: ``<Amended by Ordinance No. 5527, Aug. 1, 2013; ...>`` -> events.

A bracketed span is a note when its body starts with an action phrase
(``Amended``, ``Newly Inserted``, ``Title Amended``, ``Enforcement Date``,
``개정``, ``본조신설`` ...) or with ``by``/``on`` and names a date; or when it
is only dates right after ``Deleted.``/``삭제``.  One event per date.  Anything
else (``<omitted>``, ``[Table 1]``) stays text.  An action phrase without a
readable date is still a note (the reader warns).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from corpus.model import Action, Amendment
from corpus.patterns import (
    DATE,
    DELETED_BEFORE,
    INSTRUMENT_REF,
    MONTHS,
    NOTE_ANGLE,
    NOTE_BODY,
    NOTE_SQUARE,
    instrument_of,
    move_note_pattern,
    moved_from,
)

_ACTIONS: dict[str, Action] = {
    "wholly amended": "wholly_amended",
    "wholly revised": "wholly_amended",
    "newly added": "inserted",
    "revised": "amended",
    "repealed": "deleted",
    "newly inserted": "inserted",
    "inserted": "inserted",
    "added": "inserted",
    "add": "inserted",
    "amended": "amended",
    "partially amended": "amended",
    "deleted": "deleted",
    "enforcement date": "enforcement",
    "개정": "amended",
    "신설": "inserted",
    "본조신설": "inserted",
    "전문개정": "wholly_amended",
    "제목개정": "title_amended",
    "삭제": "deleted",
    "시행일": "enforcement",
    "moved": "moved",
}
# Korean phrases that name their subject: "[본조신설 ...]" (this article inserted), "[제목개정 ...]" (title)
_PHRASE_SUBJECT = {"본조신설": "article", "전문개정": "article", "제목개정": "title"}


class ParsedNote(NamedTuple):
    """A note found in a line: where it is (offsets in the line) and what it says."""

    start: int
    end: int
    raw: str
    subject: str  # "article", "title" or "" (the node the note's line belongs to)
    events: tuple[Amendment, ...]
    moved_from: str | None = None  # a move marker: the article number this one had before

    @property
    def complete(self) -> bool:
        """Every event has a date (else the reader warns that the note was not fully understood)."""
        return all(e.date is not None for e in self.events)


def iso_date(match: re.Match[str]) -> str | None:
    """An ISO date from a :data:`DATE` match (any of its printed forms), or None when impossible."""
    g = match.groupdict()
    if g["year"] or g["year2"]:
        name = (g["month"] or g["month2"])[:3].lower()
        year, month, day = int(g["year"] or g["year2"]), MONTHS[name], int(g["day"] or g["day2"])
    else:
        year = int(g["year3"] or g["year4"])
        month = int(g["mon3"] or g["mon4"])
        day = int(g["day3"] or g["day4"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_date(text: str) -> str | None:
    m = DATE.search(text)
    return iso_date(m) if m else None


def parse_events(text: str, action: Action) -> tuple[Amendment, ...]:
    """One event per date: ``Ordinance No. 5527, Aug. 1, 2013; Ordinance No. 6820, Mar. 22, 2018``,
    ``2013. 8. 1., 2018. 3. 22.``; the instrument is the one printed between the previous date and this one.
    """
    out = []
    pos = 0
    for date_m in DATE.finditer(text):
        refs = list(INSTRUMENT_REF.finditer(text, pos, date_m.start()))
        inst_m = refs[-1] if refs else None
        instrument, number = instrument_of(inst_m) if inst_m else (None, None)
        out.append(Amendment(action=action, instrument=instrument, number=number, date=iso_date(date_m)))
        pos = date_m.end()
    return tuple(out)


def parse_move(body: str) -> tuple[str | None, tuple[Amendment, ...]] | None:
    """A move marker (``제5조에서 이동 <...>``): the old number and one ``moved`` event per date."""
    m = move_note_pattern().match(body)
    if m is None:
        return None
    events = parse_events(body[m.end() :], "moved") or (
        Amendment(action="moved", instrument=None, number=None, date=None),
    )
    return moved_from(m), events


def parse_note_body(body: str, after_deleted: bool) -> tuple[str, tuple[Amendment, ...]] | None:
    """(subject, events) for a note body, or None when the body is not a note."""
    if after_deleted and DATE.match(body.strip()):  # Korean "삭제 <2014. 1. 9.>": dates only
        return "", parse_events(body, "deleted")
    head = NOTE_BODY.match(body)
    if head is None or not (head["action"] or head["link"]):
        return None
    phrase = (head["action"] or "").lower()
    subject = (head["subject"] or "").strip().lower() or _PHRASE_SUBJECT.get(phrase, "")
    if subject == "this article":
        subject = "article"
    action: Action
    if subject == "title" and phrase == "amended":
        action = "title_amended"
    elif phrase:
        action = _ACTIONS.get(phrase, "other")
    elif after_deleted:
        action = "deleted"
    else:
        action = "other"
    events = parse_events(body[head.end() :], action)
    if not events:
        if not head["action"]:
            return None  # "<by the way>" is text; "<Amended>" is a note without a date
        events = (Amendment(action=action, instrument=None, number=None, date=None),)
    return subject, events


CACHED_LINE_CHARS = 2000  # longer lines are scanned each time, not kept alive by the cache


def notes_in(line: str) -> tuple[ParsedNote, ...]:
    """:func:`find_notes` as a tuple, remembered per line text (the split and the builder both ask,
    and laws repeat lines such as ``(1) Deleted. <Amended ...>``)."""
    if "<" not in line and "[" not in line:
        return ()
    if len(line) > CACHED_LINE_CHARS:
        return tuple(find_notes(line))
    return _cached_notes(line)


@lru_cache(maxsize=8192)
def _cached_notes(line: str) -> tuple[ParsedNote, ...]:
    return tuple(find_notes(line))


def find_notes(line: str) -> Iterator[ParsedNote]:
    """Every note in one line, in order.  ``[Enforcement Date: ...] rest`` takes the whole line."""
    found: list[re.Match[str]] = [*NOTE_ANGLE.finditer(line), *NOTE_SQUARE.finditer(line)]
    found.sort(key=lambda m: m.start())
    last_end = 0
    for m in found:
        if m.start() < last_end:
            continue
        body = m["body"]
        move = parse_move(body) if "이동" in body or "oved" in body or "Transferred" in body else None
        before = line[max(0, m.start() - 24) : m.start()]
        parsed = (
            ("article" if move[0] else "", move[1])
            if move
            else parse_note_body(body, bool(DELETED_BEFORE.search(before)))
        )
        if parsed is None:
            continue
        subject, events = parsed
        end = m.end()
        if events[0].action == "enforcement" and not line[: m.start()].strip():
            end = len(line.rstrip())
            subject = "article"
        last_end = end
        yield ParsedNote(m.start(), end, line[m.start() : end], subject, events, move[0] if move else None)
