"""Issue 13, acceptance: a bounded fuzz test of the CLI itself (``ordiff parse`` / ``ordiff align``).

Hypothesis builds inputs from random bytes, article-like text in several encodings (UTF-8 with and without
BOM, UTF-16 LE/BE with and without BOM, CP949, Latin-1), stray bytes spliced in, hostile file names
(newline, ANSI escape, Markdown), and special files (FIFO, /dev/zero, directory, symbolic link loop, broken
link, empty file).  Every run must end with exit 0 or 2, exactly one stderr line on exit 2, no traceback,
and no file left behind.  Most examples call ``ordiff.cli.main(argv)`` with captured streams (fast); the
special files are also run through ``python -m ordiff`` in a child process with a timeout and a memory cap.
About 30 s in all on a busy two-core machine (1,000 examples).
"""

from __future__ import annotations

import io
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ordiff.cli import main

ROOT = Path(__file__).resolve().parent.parent
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp949", "latin-1")
SPECIAL = ("fifo", "/dev/zero", "directory", "symlink-loop", "broken-link", "empty")
FORMATS = {"parse": ("json", "text"), "align": ("text", "json", "csv")}

WORDS = st.sampled_from(
    [
        *("the", "Mayor", "shall", "제1조", "(목적)", "조례", "①", "(1)", "1.", "a.", "ADDENDA", "CHAPTER I"),
        *("삭제", "부칙", "Article 2", "(Scope)", "\t", "\u00a0", "\u3000", "é", "—", "\ufeff"),
        "<Amended by Ordinance No. 5527, Aug. 1, 2013>",
    ]
)


@st.composite
def article_text(draw: st.DrawFn) -> str:
    """A few article-like lines: ``Article N (Title) words`` or ``제N조(제목) words``, in random order."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        number = draw(st.integers(1, 40))
        korean = draw(st.booleans())
        head = f"제{number}조(목적)" if korean else f"Article {number} (Purpose)"
        lines.append(head + " " + " ".join(draw(st.lists(WORDS, max_size=12))))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


@st.composite
def content(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "text", "text", "text"]))
    if kind == "bytes":
        return draw(st.binary(max_size=600))
    text = draw(st.one_of(article_text(), st.text(max_size=200)))
    raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    for _ in range(draw(st.integers(0, 2))):  # stray bytes spliced in
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=3)) + raw[at:]
    return raw


FILE_NAME = st.one_of(
    st.just("in.txt"),
    st.sampled_from(
        ["a\nb.txt", "\x1b[31mred.txt", "[x](mailto:a@example.org) **b**.txt", "제1조.txt", "-dash"]
    ),
    st.text(
        st.characters(exclude_characters="/\x00", exclude_categories=("Cs",)), min_size=1, max_size=12
    ).filter(lambda n: n not in (".", "..") and len(n.encode()) < 200),
)
# in-process: every special file but /dev/zero, which a regression would read until the machine's memory
# is gone (the child-process test below runs it under a memory cap)
IN_PROCESS_SPECIAL = tuple(s for s in SPECIAL if s != "/dev/zero")
INPUT = st.one_of(
    st.tuples(st.just("file"), content()), st.tuples(st.just("special"), st.sampled_from(IN_PROCESS_SPECIAL))
)
HANG_SECONDS = 20  # a FIFO read that blocks (a regression) fails the example instead of hanging the suite


def make(directory: Path, name: str, spec: tuple[str, object]) -> str:
    """Create the input ``spec`` as ``directory/name``; the path to pass on the command line."""
    kind, value = spec
    path = directory / name
    if kind == "file":
        assert isinstance(value, bytes)
        path.write_bytes(value)
    elif value == "/dev/zero":
        return "/dev/zero"
    elif value == "fifo":
        os.mkfifo(path)
    elif value == "directory":
        path.mkdir()
    elif value == "symlink-loop":
        path.symlink_to(name)
    elif value == "broken-link":
        path.symlink_to(directory / "nowhere")
    else:
        path.write_bytes(b"")
    return str(path)


class Hang(Exception):
    pass


@contextmanager
def _watchdog() -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise Hang(f"no answer within {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check(code: int, out: str, err: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err and "Traceback" not in out
    if code == 2:
        assert err.count("\n") == 1 and err.endswith("\n"), err
        assert err.startswith("ordiff"), err
    else:
        assert all(line.startswith("ordiff: warning: ") for line in err.splitlines()), err


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    command=st.sampled_from(sorted(FORMATS)),
    data=st.data(),
    inputs=st.lists(st.tuples(FILE_NAME, INPUT), min_size=1, max_size=2, unique_by=lambda t: t[0]),
)
def test_cli_on_random_inputs_exits_0_or_2_with_one_line(command: str, data: st.DataObject, inputs) -> None:
    fmt = data.draw(st.sampled_from(FORMATS[command]))
    with tempfile.TemporaryDirectory(prefix="ordiff-fuzz-") as tmp:
        directory = Path(tmp)
        argv = [command, *(make(directory, name, spec) for name, spec in inputs), "--format", fmt]
        before = sorted(os.listdir(directory))
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err), _watchdog():
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: a bad command line
                code = int(exc.code or 0)
        event(f"exit {code}")  # shown by --hypothesis-show-statistics: both outcomes are exercised
        check(code, out.getvalue(), err.getvalue())
        assert sorted(os.listdir(directory)) == before  # nothing written, nothing left behind


# ---------------------------------------------------------------- the same through a real process


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("special", SPECIAL)
@pytest.mark.parametrize("command", ["parse", "align"])
def test_python_m_ordiff_on_special_files(command: str, special: str) -> None:
    with tempfile.TemporaryDirectory(prefix="ordiff-fuzz-") as tmp:
        directory = Path(tmp)
        path = make(directory, "a\x1b[2Jb\n.txt", ("special", special))
        before = sorted(os.listdir(directory))
        proc = subprocess.run(
            [sys.executable, "-m", "ordiff", command, path],
            cwd=directory,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=30,
            preexec_fn=_cap_memory,
            check=False,
        )
        check(proc.returncode, proc.stdout, proc.stderr)
        assert proc.returncode == 2 and "\x1b" not in proc.stderr
        assert sorted(os.listdir(directory)) == before
