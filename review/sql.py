"""The SQLAlchemy store: SQLite by default, PostgreSQL for a team, one schema for both.

Portable types only (``String(36)`` ids, ``DateTime(timezone=True)``, ``JSON`` that becomes ``JSONB`` on
PostgreSQL).  Each note is kept whole as a JSON document (``data``) with the columns needed to find and
sort it beside it; decisions and audit entries are append-only rows.  Every public call is one
transaction.  The schema is created and upgraded by the Alembic migrations shipped in
``review/migrations`` when the store is opened, so an empty or older database is brought up to date in
place.

SQLite: WAL journal (readers never block the writer), a busy timeout, and ``BEGIN IMMEDIATE`` so two
processes' read-then-write transactions queue instead of failing.  PostgreSQL: the version check is an
``UPDATE ... WHERE version = :read`` (atomic), and migrations run under an advisory lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, Engine

from review.codec import annotation_from_dict, annotation_to_dict, decision_from_dict, decision_to_dict
from review.model import Annotation, AuditEntry, ConflictError, Decision, ReviewError, now
from review.store import audit_eids, check_save, conflict_message, touches

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "review_alembic_version"
BUSY_TIMEOUT_MS = 15_000
MIGRATION_LOCK = 0x0D1FF_0009  # pg_advisory_xact_lock key while migrating
READ_ONLY = "ordiff_read_only"  # execution option: a transaction that only reads

Json = sa.JSON().with_variant(JSONB(), "postgresql")
metadata = sa.MetaData()

notes = sa.Table(
    "review_notes",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("document", sa.String(400), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("modified", sa.DateTime(timezone=True), nullable=False),
    sa.Column("data", Json, nullable=False),
)
decisions = sa.Table(
    "review_decisions",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(36), nullable=False, unique=True),
    sa.Column("document", sa.String(400), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("data", Json, nullable=False),
)
audit = sa.Table(
    "review_audit",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document", sa.String(400), nullable=False),
    sa.Column("subject", sa.String(16), nullable=False),
    sa.Column("subject_id", sa.String(36), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("before", Json, nullable=True),
    sa.Column("after", Json, nullable=True),
    sa.Column("eids", Json, nullable=False),
)


def safe_url(url: str) -> str:
    """``url`` with any password hidden, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _sqlite_engine(url: sa.engine.URL) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        folder = Path(database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReviewError(
                f"cannot create the folder for the review database {database}: {exc.strerror}"
            ) from None
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if database not in ("", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # a writer takes the write lock at once, so two read-then-write transactions queue (busy
        # timeout) instead of one failing on upgrade; a reader takes none (WAL: never blocked)
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def create_engine(url: str) -> Engine:
    """An engine for ``url``; ReviewError (one sentence) for a malformed or unsupported URL."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise ReviewError(
            f"not a database URL: {url!r} (expected e.g. sqlite:///path/review.db or "
            "postgresql+psycopg://user@host/dbname)"
        ) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        if parsed.get_backend_name() != "postgresql":
            raise ReviewError(
                f"unsupported database {safe_url(url)}: use sqlite:/// or postgresql+psycopg://"
            )
        return sa.create_engine(parsed, pool_pre_ping=True)
    except (sa.exc.NoSuchModuleError, ModuleNotFoundError) as exc:
        raise ReviewError(f"no driver for the database URL {safe_url(url)}: {_first_line(exc)}") from None
    except sa.exc.ArgumentError as exc:
        raise ReviewError(f"bad database URL {safe_url(url)}: {_first_line(exc)}") from None


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with the shipped Alembic migrations (in place, data kept)."""
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except CommandError as exc:
        raise ReviewError(
            f"the review database {safe_url(str(engine.url))} has a schema this ordiff does not know "
            f"({_first_line(exc)}): it was made by a newer version"
        ) from None


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def _utc(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


class SqlStore:
    """The :class:`review.store.ReviewStore` over an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = safe_url(str(engine.url))

    @classmethod
    def open(cls, url: str) -> SqlStore:
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            migrate(engine)
        except sa.exc.SQLAlchemyError as exc:
            engine.dispose()
            raise ReviewError(
                f"cannot open the review database {safe_url(url)}: {_first_line(exc)}"
            ) from None
        return cls(engine)

    @contextmanager
    def _tx(self, *, read: bool = False) -> Iterator[Connection]:
        """One transaction; ``read`` ones take no write lock on SQLite."""
        try:
            with self.engine.connect() as conn:
                if read:
                    conn.execution_options(**{READ_ONLY: True})
                with conn.begin():
                    yield conn
        except sa.exc.OperationalError as exc:
            raise ReviewError(f"the review database {self.url} failed: {_first_line(exc)}") from None

    # ------------------------------------------------------------ notes

    def annotations(self, document: str, *, include_deleted: bool = False) -> tuple[Annotation, ...]:
        q = sa.select(notes.c.data).where(notes.c.document == document)
        if not include_deleted:
            q = q.where(notes.c.deleted == sa.false())
        with self._tx(read=True) as conn:
            rows = conn.execute(q.order_by(notes.c.created, notes.c.id)).scalars().all()
        return tuple(annotation_from_dict(r) for r in rows)

    def annotation(self, note_id: str) -> Annotation | None:
        with self._tx(read=True) as conn:
            return self._get(conn, note_id)

    def _get(self, conn: Connection, note_id: str) -> Annotation | None:
        data = conn.execute(sa.select(notes.c.data).where(notes.c.id == note_id)).scalar()
        return None if data is None else annotation_from_dict(data)

    def save_annotation(self, note: Annotation, *, imported: bool = False) -> Annotation:
        with self._tx() as conn:
            stored = self._get(conn, note.id)
            out = check_save(stored, note, imported)
            if out is None:
                assert stored is not None
                return stored
            values = {
                "document": out.document,
                "version": out.version,
                "deleted": out.deleted,
                "status": out.status,
                "author": out.author,
                "created": out.created,
                "modified": out.modified,
                "data": annotation_to_dict(out),
            }
            if stored is None:
                try:
                    with conn.begin_nested():
                        conn.execute(notes.insert().values(id=out.id, **values))
                except sa.exc.IntegrityError:
                    raise ConflictError(f"note {out.id[:8]} was created by someone else meanwhile") from None
                action = "create"
            else:
                done = conn.execute(
                    notes.update()
                    .where(notes.c.id == out.id, notes.c.version == stored.version)
                    .values(**values)
                )
                if done.rowcount != 1:  # another writer got in between our read and this write
                    fresh = self._get(conn, out.id)
                    raise ConflictError(conflict_message(fresh or stored, note.version))
                action = "delete" if out.deleted and not stored.deleted else "update"
            self._audit(
                conn,
                document=out.document,
                subject="annotation",
                subject_id=out.id,
                action=action,
                actor=out.modified_by or out.author,
                before=None if stored is None else annotation_to_dict(stored),
                after=annotation_to_dict(out),
                eids=audit_eids(out),
            )
            return out

    def delete_annotation(self, note_id: str, *, by: str, version: int) -> Annotation:
        stored = self.annotation(note_id)
        if stored is None:
            raise ReviewError(f"note {note_id[:8]} does not exist")
        from dataclasses import replace

        return self.save_annotation(replace(stored.edited(by=by, deleted=True), version=version))

    # ------------------------------------------------------------ decisions

    def decisions(self, document: str) -> tuple[Decision, ...]:
        q = sa.select(decisions.c.data).where(decisions.c.document == document).order_by(decisions.c.seq)
        with self._tx(read=True) as conn:
            return tuple(decision_from_dict(r) for r in conn.execute(q).scalars())

    def record_decision(self, decision: Decision) -> Decision:
        with self._tx() as conn:
            try:
                with conn.begin_nested():
                    conn.execute(
                        decisions.insert().values(
                            id=decision.id,
                            document=decision.document,
                            author=decision.author,
                            created=decision.created,
                            data=decision_to_dict(decision),
                        )
                    )
            except sa.exc.IntegrityError:
                raise ConflictError(f"decision {decision.id[:8]} is already recorded") from None
            self._audit(
                conn,
                document=decision.document,
                subject="decision",
                subject_id=decision.id,
                action="record",
                actor=decision.author,
                before=None,
                after=decision_to_dict(decision),
                eids=(*decision.old, *decision.new),
                at=decision.created,
            )
        return decision

    # ------------------------------------------------------------ audit

    def _audit(self, conn: Connection, *, at: datetime | None = None, **values: Any) -> None:
        conn.execute(audit.insert().values(at=at or now(), **{**values, "eids": list(values["eids"])}))

    def history(
        self, document: str, *, note: str | None = None, eids: Sequence[str] = ()
    ) -> tuple[AuditEntry, ...]:
        q = sa.select(audit).where(audit.c.document == document)
        if note is not None:
            q = q.where(audit.c.subject_id == note)
        with self._tx(read=True) as conn:
            rows = conn.execute(q.order_by(audit.c.seq)).mappings().all()
        out = (
            AuditEntry(
                seq=r["seq"],
                document=r["document"],
                subject=cast(Any, r["subject"]),
                subject_id=r["subject_id"],
                action=cast(Any, r["action"]),
                actor=r["actor"],
                at=_utc(r["at"]),
                before=r["before"],
                after=r["after"],
                eids=tuple(r["eids"]),
            )
            for r in rows
        )
        return tuple(e for e in out if touches(e, note, eids))

    def close(self) -> None:
        self.engine.dispose()
