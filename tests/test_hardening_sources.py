"""Issue 13, item 1 (and the file side of item 9): only regular files are read, and only so much of them.

A FIFO, a device, a socket, a directory or a symbolic link loop is refused by what it is, in one sentence
naming the file, before anything is opened for reading: no hang, no ``MemoryError``.  The size limit applies
to the bytes actually read, so a file whose size the kernel reports as 0 (``/proc``) cannot slip past it.
The CLI cases run ``python -m ordiff`` in a child process with a timeout and a memory cap, so a regression
fails the test instead of hanging or exhausting the machine.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import corpus.sources
from corpus.sources import SourceError, read_limited, read_path, resolve

ROOT = Path(__file__).resolve().parent.parent
SEOUL = ROOT / "corpus" / "data" / "seoul-informatization" / "page.txt"
MEMORY_CAP = 1 << 30  # 1 GiB of address space: far above a normal run, far below /dev/zero read whole


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def cli(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m ordiff ARGV`` from this worktree, in ``cwd``, killed after 30 s."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "ordiff", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_cap_memory,
        check=False,
    )


def loop(tmp_path: Path) -> Path:
    a, b = tmp_path / "loop-a.txt", tmp_path / "loop-b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


# ---------------------------------------------------------------- the CLI: one line, exit 2, no hang


def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    proc = cli("parse", str(fifo), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == f"ordiff: {fifo}: is a named pipe (FIFO), not a regular file\n"


def test_dev_zero_is_refused_not_read_until_memory_runs_out(tmp_path: Path) -> None:
    proc = cli("parse", "/dev/zero", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "ordiff: /dev/zero: is a character device, not a regular file\n"


def test_symlink_loop_is_named_as_such_not_as_an_unknown_document(tmp_path: Path) -> None:
    os.symlink("selfloop", tmp_path / "selfloop")  # no '/' and no '.': the name could be a bundled one
    proc = cli("parse", "selfloop", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "ordiff: selfloop: a symbolic link loop (the link never reaches a file)\n"


def test_align_pair_with_a_special_new_file(tmp_path: Path) -> None:
    proc = cli("align", str(SEOUL), "/dev/zero", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (
        2,
        "ordiff: /dev/zero: is a character device, not a regular file\n",
    )


# ---------------------------------------------------------------- the reading function itself


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda d: d, "is a directory, not a text file"),
        (loop, "a symbolic link loop (the link never reaches a file)"),
        (lambda d: _link(d / "zero.txt", "/dev/zero"), "is a character device, not a regular file"),
        (
            lambda d: _link(d / "gone.txt", str(d / "missing")),
            "a broken symbolic link (its target is missing)",
        ),
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: _socket(d / "s.txt"), "is a socket, not a regular file"),
    ],
    ids=["directory", "symlink-loop", "link-to-device", "broken-link", "missing", "socket"],
)
def test_each_kind_of_non_file_is_named(tmp_path: Path, make, what: str) -> None:
    path = make(tmp_path)
    with pytest.raises(SourceError) as err:
        read_path(path)
    assert str(err.value) == f"{path}: {what}"


def _link(link: Path, target: str) -> Path:
    link.symlink_to(target)
    return link


def _socket(path: Path) -> Path:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    sock.close()  # the socket file stays in the directory
    return path


def test_the_limit_applies_to_what_is_read_not_to_the_reported_size() -> None:
    status = Path("/proc/self/status")  # a regular file whose st_size is 0 but which has content
    assert status.stat().st_size == 0
    with pytest.raises(
        SourceError, match=r"^/proc/self/status: too large \(more than the limit of 64 bytes\)$"
    ):
        read_limited(status, limit=64)
    assert len(read_limited(status, limit=1 << 20)) > 64


def test_a_file_over_the_limit_is_refused_and_one_at_the_limit_is_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(corpus.sources, "MAX_BYTES", 100)
    at, over = tmp_path / "at.txt", tmp_path / "over.txt"
    at.write_bytes(b"Article 1 (Purpose) x.\n".ljust(100, b"x"))
    over.write_bytes(b"x" * 101)
    assert len(read_limited(at, limit=100)) == 100
    with pytest.raises(SourceError, match=r"over\.txt: too large \(101 bytes; the limit is 100\)"):
        read_path(over)


def test_resolve_reports_a_symlink_loop_named_like_a_document(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    os.symlink("seoulish", "seoulish")
    with pytest.raises(SourceError, match=r"^seoulish: a symbolic link loop"):
        resolve("seoulish")


def test_manifest_sources_are_read_through_the_same_function(tmp_path: Path) -> None:
    """A manifest row naming /dev/zero fails that pair with the same sentence (the batch goes on)."""
    manifest = tmp_path / "pairs.csv"
    manifest.write_text(f"name,source,new_source,output\nz,{SEOUL},/dev/zero,z.md\n", encoding="utf-8")
    proc = cli(
        "report",
        "--manifest",
        str(manifest),
        "--format",
        "md",
        "--out-dir",
        str(tmp_path / "out"),
        cwd=tmp_path,
    )
    assert proc.returncode != 0
    assert "/dev/zero: is a character device, not a regular file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_manifest_is_read_like_a_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The manifest file itself: only a regular file, size-limited; a FIFO is named, never waited on."""
    from ordiff.cli import main

    fifo = tmp_path / "pairs.csv"
    os.mkfifo(fifo)
    assert main(["report", "--manifest", str(fifo), "--format", "md", "--out-dir", str(tmp_path / "o")]) == 2
    assert "pipe" in capsys.readouterr().err.lower()
    big = tmp_path / "big.csv"
    big.write_bytes(b"name,source\n" + b"x" * (5 * 1024 * 1024))
    assert main(["report", "--manifest", str(big), "--format", "md", "--out-dir", str(tmp_path / "o")]) == 2
    assert "too large" in capsys.readouterr().err
