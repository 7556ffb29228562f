"""Where notes and decisions live: a small store interface, an in-memory store, and ``open_store``.

Every store keeps the same promises, checked by one contract test suite (tests/test_review_store.py):

- frozen objects in, frozen objects out (no database row ever leaves a store);
- a note is saved with the version its writer read: a save from a stale copy raises
  :class:`ConflictError` naming who changed it and when, and nothing is overwritten;
- notes are soft-deleted (``deleted``), decisions are only ever appended;
- every change is kept in an audit log (who, when, before, after), readable per note and per pair.

``open_store(url)`` picks the database: the ``url`` given (``--db``), else ``$ORDIFF_DB``, else an SQLite
file in the user's data directory (:mod:`review.config`).  ``memory:`` is a throw-away :class:`MemoryStore`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from review.codec import annotation_to_dict, decision_to_dict
from review.config import MEMORY_URL, resolve_url
from review.model import Annotation, AuditEntry, ConflictError, Decision, ReviewError, now


class ReviewStore(Protocol):
    """The store interface the app, the CLI and the reports use (through ``ordiff.open_review``)."""

    url: str  # for messages, password hidden

    def annotations(self, document: str, *, include_deleted: bool = False) -> tuple[Annotation, ...]:
        """Notes of ``document`` in creation order."""
        ...

    def annotation(self, note_id: str) -> Annotation | None: ...

    def save_annotation(self, note: Annotation, *, imported: bool = False) -> Annotation:
        """Create (``note.version == 0``) or update (``note.version`` = the version read) a note.

        Returns the stored note with its new version.  ``imported=True`` stores a note from an export as
        it is (same id, times and version); an identical note already stored is left alone.
        """
        ...

    def delete_annotation(self, note_id: str, *, by: str, version: int) -> Annotation:
        """Soft delete (the note stays, ``deleted=True``), with the same version check as a save."""
        ...

    def decisions(self, document: str) -> tuple[Decision, ...]:
        """The decision log of ``document``, oldest first."""
        ...

    def record_decision(self, decision: Decision) -> Decision: ...

    def history(
        self, document: str, *, note: str | None = None, eids: Sequence[str] = ()
    ) -> tuple[AuditEntry, ...]:
        """Audit entries of ``document``, oldest first; only one note's, or those touching any of ``eids``."""
        ...

    def close(self) -> None: ...


def conflict_message(stored: Annotation, version_read: int) -> str:
    who = stored.modified_by or stored.author
    when = stored.modified.strftime("%Y-%m-%d %H:%M:%S UTC")
    if stored.deleted:
        return f"note {stored.id[:8]} was deleted by {who} at {when} since you opened it"
    return (
        f"note {stored.id[:8]} was changed by {who} at {when} since you opened it "
        f"(you read version {version_read}, it is now version {stored.version}): reload it and edit again"
    )


def check_save(stored: Annotation | None, note: Annotation, imported: bool) -> Annotation | None:
    """The shared rule of every store: the note to write, or None when nothing is to be written."""
    if imported:
        if stored is None:
            return replace(note, version=max(1, note.version))
        if annotation_to_dict(stored) == annotation_to_dict(replace(note, version=max(1, note.version))):
            return None
        raise ConflictError(f"note {note.id[:8]} is already in the database with other content")
    if stored is None:
        if note.version != 0:
            raise ReviewError(f"note {note.id[:8]} does not exist (it cannot be updated)")
        return replace(note, version=1, modified_by=note.modified_by or note.author)
    if note.version == 0:
        raise ConflictError(f"note {note.id[:8]} already exists")
    if stored.version != note.version or stored.deleted:
        raise ConflictError(conflict_message(stored, note.version))
    return replace(note, version=stored.version + 1, created=stored.created)


def audit_eids(note: Annotation) -> tuple[str, ...]:
    ids = [note.target.eid]
    if note.pair is not None:
        ids += [*note.pair.old, *note.pair.new]
    return tuple(dict.fromkeys(ids))


def touches(entry: AuditEntry, note: str | None, eids: Sequence[str]) -> bool:
    if note is not None and entry.subject_id != note:
        return False
    return not eids or bool(set(eids) & set(entry.eids))


class MemoryStore:
    """A store in this process's memory: tests and database-less runs.  Thread-safe."""

    def __init__(self) -> None:
        self.url = MEMORY_URL
        self._lock = threading.Lock()
        self._notes: dict[str, Annotation] = {}
        self._decisions: list[Decision] = []
        self._audit: list[AuditEntry] = []

    def annotations(self, document: str, *, include_deleted: bool = False) -> tuple[Annotation, ...]:
        with self._lock:
            notes = [n for n in self._notes.values() if n.document == document]
        return tuple(
            sorted((n for n in notes if include_deleted or not n.deleted), key=lambda n: (n.created, n.id))
        )

    def annotation(self, note_id: str) -> Annotation | None:
        with self._lock:
            return self._notes.get(note_id)

    def save_annotation(self, note: Annotation, *, imported: bool = False) -> Annotation:
        with self._lock:
            stored = self._notes.get(note.id)
            out = check_save(stored, note, imported)
            if out is None:
                assert stored is not None
                return stored
            self._notes[out.id] = out
            action = (
                "create" if stored is None else ("delete" if out.deleted and not stored.deleted else "update")
            )
            self._log_note(action, stored, out)
            return out

    def delete_annotation(self, note_id: str, *, by: str, version: int) -> Annotation:
        stored = self.annotation(note_id)
        if stored is None:
            raise ReviewError(f"note {note_id[:8]} does not exist")
        return self.save_annotation(replace(stored.edited(by=by, deleted=True), version=version))

    def decisions(self, document: str) -> tuple[Decision, ...]:
        with self._lock:
            return tuple(d for d in self._decisions if d.document == document)

    def record_decision(self, decision: Decision) -> Decision:
        with self._lock:
            if any(d.id == decision.id for d in self._decisions):
                raise ConflictError(f"decision {decision.id[:8]} is already recorded")
            self._decisions.append(decision)
            self._audit.append(
                AuditEntry(
                    seq=len(self._audit) + 1,
                    document=decision.document,
                    subject="decision",
                    subject_id=decision.id,
                    action="record",
                    actor=decision.author,
                    at=decision.created,
                    before=None,
                    after=decision_to_dict(decision),
                    eids=(*decision.old, *decision.new),
                )
            )
            return decision

    def history(
        self, document: str, *, note: str | None = None, eids: Sequence[str] = ()
    ) -> tuple[AuditEntry, ...]:
        with self._lock:
            return tuple(e for e in self._audit if e.document == document and touches(e, note, eids))

    def close(self) -> None:
        pass

    def _log_note(self, action: str, before: Annotation | None, after: Annotation) -> None:
        self._audit.append(
            AuditEntry(
                seq=len(self._audit) + 1,
                document=after.document,
                subject="annotation",
                subject_id=after.id,
                action=action,  # type: ignore[arg-type]
                actor=after.modified_by or after.author,
                at=now(),
                before=None if before is None else annotation_to_dict(before),
                after=annotation_to_dict(after),
                eids=audit_eids(after),
            )
        )


def open_store(url: str | None = None) -> ReviewStore:
    """Open (and migrate to the current schema) the review database at ``url``; ReviewError if unusable."""
    chosen = resolve_url(url)
    if chosen == MEMORY_URL:
        return MemoryStore()
    from review.sql import SqlStore

    return SqlStore.open(chosen)
