"""A throw-away PostgreSQL cluster for the store tests, started once per test process.

``postgres_url()`` initialises a cluster in a temporary directory (as the ``postgres`` user when the
tests run as root: the server refuses to run as root), listens on a Unix socket only (no TCP port), and
returns a ``postgresql+psycopg://`` URL to a fresh database; the cluster is stopped and removed when the
process exits.  Without the server binaries the tests that need it skip with a reason, unless
``ORDIFF_REQUIRE_POSTGRES=1`` (set by .ci/run), where that is a failure.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

_cluster: dict[str, str] = {}


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_owner(cmd: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *cmd] if owner else cmd


def _run(cmd: list[str], owner: str | None) -> None:
    done = subprocess.run(_as_owner(cmd, owner), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:2])} failed: {(done.stderr or done.stdout).strip()[-800:]}")


def _start() -> dict[str, str]:
    bindir = _bindir()
    if bindir is None:
        if os.environ.get("ORDIFF_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
        pytest.skip("PostgreSQL server binaries are not installed (Debian package postgresql)")
    owner = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="ordiff-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if owner:
        shutil.chown(root, owner)
        shutil.chown(sock, owner)
    _run([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "ordiff", "-E", "UTF8"], owner)
    opts = f"-k {sock} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    _run([str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start"], owner)

    def stop() -> None:
        subprocess.run(
            _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], owner),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    return {"bindir": str(bindir), "sock": str(sock), "owner": owner or ""}


def postgres_url() -> str:
    """A URL to a new, empty database on the test cluster (started on first use)."""
    if not _cluster:
        _cluster.update(_start())
    name = f"t_{uuid.uuid4().hex[:12]}"
    _run(
        [str(Path(_cluster["bindir"]) / "createdb"), "-h", _cluster["sock"], "-U", "ordiff", name],
        _cluster["owner"] or None,
    )
    return f"postgresql+psycopg://ordiff@/{name}?host={_cluster['sock']}"
