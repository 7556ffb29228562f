"""The SQL store: migrations, URLs and errors, two processes writing at once (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from review.codec import annotation_to_dict
from review.config import ENV_VAR, default_url, resolve_url
from review.model import ConflictError, ReviewError
from review.sql import SqlStore, create_engine, migrate, schema_revision
from review.store import open_store
from tests.pg import postgres_url
from tests.review_factory import note

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'review.db'}" if request.param == "sqlite" else postgres_url()


def test_an_empty_database_is_migrated_to_the_current_schema(url: str) -> None:
    engine = create_engine(url)
    assert schema_revision(engine) is None
    store = SqlStore.open(url)
    assert schema_revision(store.engine) == "0002"
    tables = set(sa.inspect(store.engine).get_table_names())
    assert {"review_notes", "review_decisions", "review_audit", "review_alembic_version"} <= tables
    store.close()
    engine.dispose()
    again = SqlStore.open(url)  # opening a current database changes nothing
    assert schema_revision(again.engine) == "0002"
    again.close()


def test_an_older_database_is_upgraded_in_place_and_keeps_its_notes(url: str) -> None:
    engine = create_engine(url)
    migrate(engine, "0001")
    old = note(status="resolved")
    v1 = annotation_to_dict(old) | {"version": 1}
    with engine.begin() as conn:  # a row as revision 0001 wrote it (no status column yet)
        conn.execute(
            sa.text(
                "INSERT INTO review_notes (id, document, version, deleted, author, created, modified, data) "
                "VALUES (:id, :doc, 1, :deleted, :author, :created, :modified, :data)"
            ),
            {
                "id": old.id,
                "doc": old.document,
                "deleted": False,
                "author": old.author,
                "created": old.created,
                "modified": old.modified,
                "data": json.dumps(v1),
            },
        )
    engine.dispose()
    store = SqlStore.open(url)
    assert schema_revision(store.engine) == "0002"
    kept = store.annotation(old.id)
    assert kept is not None and kept.body == old.body and kept.version == 1
    with store.engine.connect() as conn:
        query = sa.text("SELECT status FROM review_notes WHERE id = :i")
        status = conn.execute(query, {"i": old.id}).scalar()
    assert status == "resolved"  # filled from the note's data by migration 0002
    store.close()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    store = SqlStore.open(f"sqlite:///{tmp_path / 'r.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
    store.close()


def test_two_stores_on_one_database_see_each_others_writes_and_conflicts(url: str) -> None:
    a, b = SqlStore.open(url), SqlStore.open(url)
    first = a.save_annotation(note(body="from a"))
    seen = b.annotation(first.id)
    assert seen == first
    a.save_annotation(first.edited(by="lee", body="a again"))
    with pytest.raises(ConflictError, match="changed by lee"):
        b.save_annotation(first.edited(by="park", body="b's edit of the old copy"))
    a.close()
    b.close()


WRITER = textwrap.dedent(
    """
    import sys, time
    from review.model import ConflictError
    from review.store import open_store
    url, note_id, who, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = open_store(url)
    conflicts = 0
    for i in range(count):
        while True:
            current = store.annotation(note_id)
            try:
                store.save_annotation(current.edited(by=who, body=current.body + f"\\n{who}-{i}"))
                break
            except ConflictError:
                conflicts += 1
    print(conflicts)
    """
)


def test_two_processes_writing_one_note_lose_no_write(url: str) -> None:
    store = open_store(url)
    start = store.save_annotation(note(body="log"))
    count = 15
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, start.id, who, str(count)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("kim", "lee")
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    final = store.annotation(start.id)
    assert final is not None
    lines = final.body.splitlines()
    assert sorted(lines[1:]) == sorted(f"{who}-{i}" for who in ("kim", "lee") for i in range(count))
    assert final.version == 1 + 2 * count
    updates = [e for e in store.history(start.document, note=start.id) if e.action == "update"]
    assert len(updates) == 2 * count
    store.close()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("nosuchdb://x/y", "unsupported database nosuchdb://x/y: use sqlite:/// or postgresql+psycopg://"),
        ("postgresql+nodriver://u@/db", "no driver for the database URL postgresql+nodriver://u@/db"),
        ("not a url", "not a database URL: 'not a url'"),
        ("mysql://u@localhost/db", "unsupported database mysql://u@localhost/db"),
        ("sqlite:////proc/ordiff/review.db", "cannot create the folder for the review database"),
        (
            "postgresql+psycopg://nobody:secret@/ordiff?host=/nonexistent-socket-dir",
            "cannot open the review database postgresql+psycopg://nobody:***@/ordiff",
        ),
    ],
)
def test_an_unusable_database_is_one_clear_error(bad: str, message: str) -> None:
    with pytest.raises(ReviewError, match=re.escape(message)) as info:
        open_store(bad)
    assert "\n" not in str(info.value) and "secret" not in str(info.value)


def test_the_url_is_the_option_else_the_environment_else_the_user_data_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_url() == default_url()
    assert default_url().startswith("sqlite:///") and default_url().endswith("ordiff/review.sqlite3")
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{tmp_path / 'env.db'}")
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url("memory:") == "memory:"


def test_sqlite_readers_take_no_write_lock(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    writer, reader = SqlStore.open(url), SqlStore.open(url)
    saved = writer.save_annotation(note())
    with writer.engine.connect() as conn, conn.begin():  # a writer holding the write lock
        conn.execute(sa.text("UPDATE review_notes SET version = version"))
        assert reader.annotation(saved.id) == saved  # read at once, not after the busy timeout
        assert len(reader.annotations(saved.document)) == 1
    writer.close()
    reader.close()


def test_decisions_recorded_from_two_sessions_are_both_kept(url: str) -> None:
    from tests.review_factory import decision

    a, b = SqlStore.open(url), SqlStore.open(url)
    first = a.record_decision(decision(verdict="link", reason="first session"))
    second = b.record_decision(decision(verdict="reject", reason="second session", supersedes=first.id))
    assert a.decisions(first.document) == b.decisions(first.document) == (first, second)
    a.close()
    b.close()
