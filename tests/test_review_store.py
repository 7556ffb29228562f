"""One contract suite over every store: MemoryStore, SqlStore on SQLite, SqlStore on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from review.model import ConflictError, ReviewError
from review.store import MemoryStore, ReviewStore, open_store
from tests.pg import postgres_url
from tests.review_factory import decision, note, pair_ref


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ReviewStore]:
    if request.param == "memory":
        s: ReviewStore = MemoryStore()
    elif request.param == "sqlite":
        s = open_store(f"sqlite:///{tmp_path / 'review.db'}")
    else:
        s = open_store(postgres_url())
    yield s
    s.close()


def test_a_new_note_reads_back_equal_with_version_1(store: ReviewStore) -> None:
    n = note(tags=("question", "follow-up"), pair=pair_ref())
    saved = store.save_annotation(n)
    assert saved.version == 1
    assert saved == replace(n, version=1, modified_by="kim")
    assert store.annotation(n.id) == saved
    assert store.annotations("seoul-informatization") == (saved,)
    assert store.annotations("other-document") == ()


def test_notes_list_in_creation_order(store: ReviewStore) -> None:
    late, early = note(minutes=5, body="late"), note(minutes=1, body="early")
    store.save_annotation(late)
    store.save_annotation(early)
    assert [n.body for n in store.annotations("seoul-informatization")] == ["early", "late"]


def test_an_update_bumps_the_version_and_keeps_created(store: ReviewStore) -> None:
    v1 = store.save_annotation(note())
    v2 = store.save_annotation(v1.edited(by="lee", body="Answered: see Article 12.", status="resolved"))
    assert (v2.version, v2.status, v2.modified_by) == (2, "resolved", "lee")
    assert v2.body == "Answered: see Article 12."
    assert v2.created == v1.created and v2.modified >= v1.modified
    assert store.annotation(v1.id) == v2


def test_a_save_from_a_stale_copy_is_a_conflict_naming_who_changed_it(store: ReviewStore) -> None:
    v1 = store.save_annotation(note())
    mine, theirs = v1.edited(by="park", body="mine"), v1.edited(by="lee", body="theirs")
    store.save_annotation(theirs)
    with pytest.raises(ConflictError, match=r"note .{8} was changed by lee at .* since you opened it"):
        store.save_annotation(mine)
    stored = store.annotation(v1.id)
    assert stored is not None and (stored.body, stored.version) == ("theirs", 2)


def test_updating_a_note_that_does_not_exist_is_refused(store: ReviewStore) -> None:
    with pytest.raises(ReviewError, match="does not exist"):
        store.save_annotation(replace(note(), version=3))
    with pytest.raises(ReviewError, match="does not exist"):
        store.delete_annotation("0b3c3c55-8a51-4a8e-bb8c-4d1d1c8e6f00", by="kim", version=1)


def test_creating_the_same_note_twice_is_a_conflict(store: ReviewStore) -> None:
    n = note()
    store.save_annotation(n)
    with pytest.raises(ConflictError, match="already exists"):
        store.save_annotation(n)


def test_delete_is_soft_and_checks_the_version(store: ReviewStore) -> None:
    v1 = store.save_annotation(note())
    store.save_annotation(v1.edited(by="lee", body="edited"))
    with pytest.raises(ConflictError):
        store.delete_annotation(v1.id, by="kim", version=1)
    gone = store.delete_annotation(v1.id, by="kim", version=2)
    assert gone.deleted and gone.version == 3
    assert store.annotations("seoul-informatization") == ()
    assert store.annotations("seoul-informatization", include_deleted=True) == (gone,)
    with pytest.raises(ConflictError, match="was deleted by kim"):
        store.save_annotation(gone.edited(by="lee", body="too late"))


def test_replies_keep_their_thread(store: ReviewStore) -> None:
    root = store.save_annotation(note())
    reply = store.save_annotation(note(body="It moved to Article 12.", in_reply_to=root.id, minutes=2))
    assert [n.in_reply_to for n in store.annotations("seoul-informatization")] == [None, root.id]
    assert reply.in_reply_to == root.id


def test_decisions_are_an_append_only_log_in_order(store: ReviewStore) -> None:
    first = store.record_decision(decision(minutes=3))
    second = store.record_decision(decision(verdict="unlink", supersedes=first.id, minutes=1))
    assert store.decisions("seoul-informatization") == (first, second)  # recording order, not time order
    assert store.decisions("other") == ()
    with pytest.raises(ConflictError, match="already recorded"):
        store.record_decision(first)


def test_the_audit_log_shows_who_when_before_and_after_per_note(store: ReviewStore) -> None:
    v1 = store.save_annotation(note(body="one"))
    v2 = store.save_annotation(v1.edited(by="lee", body="two"))
    store.delete_annotation(v1.id, by="park", version=v2.version)
    store.save_annotation(note(body="another note"))
    log = store.history("seoul-informatization", note=v1.id)
    assert [(e.action, e.actor) for e in log] == [("create", "kim"), ("update", "lee"), ("delete", "park")]
    assert log[0].before is None and log[0].after is not None and log[0].after["body"] == "one"
    assert log[1].before is not None and log[1].before["body"] == "one"
    assert log[1].after is not None and log[1].after["body"] == "two"
    assert all(e.at.tzinfo is not None for e in log)
    assert len(store.history("seoul-informatization")) == 4


def test_the_audit_log_per_pair_holds_its_decisions_and_pair_notes(store: ReviewStore) -> None:
    d = store.record_decision(decision(old=("art_16",), new=("art_12",)))
    store.record_decision(decision(old=("art_5-2",), new=(), verdict="accept"))
    n = store.save_annotation(note(pair=pair_ref(("art_16",), ("art_12",))))
    store.save_annotation(note(eid="art_3", article="3"))
    log = store.history("seoul-informatization", eids=("art_16", "art_12"))
    assert [(e.subject, e.subject_id) for e in log] == [("decision", d.id), ("annotation", n.id)]
    assert log[0].after is not None and log[0].after["verdict"] == "link"


def test_import_stores_a_note_as_it_is_and_is_idempotent(store: ReviewStore) -> None:
    n = replace(note(), version=4, modified_by="lee")
    assert store.save_annotation(n, imported=True) == n
    assert store.save_annotation(n, imported=True) == n
    assert store.annotation(n.id) == n
    with pytest.raises(ConflictError, match="other content"):
        store.save_annotation(replace(n, body="changed"), imported=True)
