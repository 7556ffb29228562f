"""Which review database a command uses, decided without importing any store.

``--db URL``, else ``$ORDIFF_DB``, else an SQLite file in the user's data directory; ``memory:`` is a
throw-away in-memory store.  Kept apart from :mod:`review.store` so that ``ordiff align`` can ask
"is a database configured?" without loading the store, its codec or its model.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ORDIFF_DB"
MEMORY_URL = "memory:"


def default_url() -> str:
    """The SQLite file in the user's data directory (created on first use)."""
    import platformdirs

    folder = Path(platformdirs.user_data_dir("ordiff"))
    return f"sqlite:///{folder / 'review.sqlite3'}"


def configured(url: str | None = None) -> bool:
    """True when a database is named (``url`` or ``$ORDIFF_DB``) or the default file already exists:
    read-only commands such as ``ordiff align`` apply stored decisions then, and never create a file."""
    if url or os.environ.get(ENV_VAR, "").strip():
        return True
    return Path(default_url().removeprefix("sqlite:///")).exists()


def resolve_url(url: str | None = None) -> str:
    """``url`` (``--db``), else ``$ORDIFF_DB``, else the default SQLite file."""
    return url or os.environ.get(ENV_VAR, "").strip() or default_url()
