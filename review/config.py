"""Which review database a command uses, decided without importing any store.

``--db URL``, else ``$ORDIFF_DB``, else an SQLite file in the user's data directory; ``memory:`` is a
throw-away in-memory store.  Kept apart from :mod:`review.store` so that ``ordiff align`` can ask
"is a database configured?" without loading the store, its codec or its model.  On plain Linux the user
data directory is worked out as ``platformdirs`` does, without importing it (issue 14: start-up; a test
checks both agree); elsewhere, and where its rules need more, ``platformdirs`` is asked.
"""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path

ENV_VAR = "ORDIFF_DB"
MEMORY_URL = "memory:"
APP_NAME = "ordiff"


def _linux_data_dir() -> str | None:
    """``platformdirs.user_data_dir("ordiff")`` on plain Linux: ``$XDG_DATA_HOME/ordiff`` when that is an
    absolute path, else ``~/.local/share/ordiff`` for an absolute ``$HOME``.  None for anything else
    (another system, an Android environment, a missing or relative ``$HOME``), which platformdirs decides."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if os.environ.get("ANDROID_DATA") is not None or os.environ.get("ANDROID_ROOT") is not None:
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if posixpath.isabs(xdg):
        return os.path.join(xdg, APP_NAME)
    if not posixpath.isabs(os.environ.get("HOME", "")):
        return None
    return os.path.join(os.path.expanduser("~/.local/share"), APP_NAME)


def user_data_dir() -> str:
    """The user's data directory for ordiff (not created)."""
    folder = _linux_data_dir()
    if folder is not None:
        return folder
    import platformdirs

    return platformdirs.user_data_dir(APP_NAME)


def default_url() -> str:
    """The SQLite file in the user's data directory (created on first use)."""
    return f"sqlite:///{Path(user_data_dir()) / 'review.sqlite3'}"


def configured(url: str | None = None) -> bool:
    """True when a database is named (``url`` or ``$ORDIFF_DB``) or the default file already exists:
    read-only commands such as ``ordiff align`` apply stored decisions then, and never create a file."""
    if url or os.environ.get(ENV_VAR, "").strip():
        return True
    return Path(default_url().removeprefix("sqlite:///")).exists()


def resolve_url(url: str | None = None) -> str:
    """``url`` (``--db``), else ``$ORDIFF_DB``, else the default SQLite file."""
    return url or os.environ.get(ENV_VAR, "").strip() or default_url()
